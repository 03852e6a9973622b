/* gv-run-csv.c: a run's per-round metrics as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line a round: the round, the core's metrics, then the protocol's, each column
 * named by its metric's id; a per-item metric takes a column an item (informed_by_rumor_1,
 * informed_by_rumor_2, …).  A value a format-1 file did not record is an empty cell.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <math.h>

#include "gv-run-private.h"

static void
append_cell (GString *s,
             double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  if (!isnan (v))
    g_string_append (s, gv_run_format_value (buf, sizeof buf, v));
}

char *
gv_run_to_csv (GvRun *self)
{
  const GvProtocol *protocol;
  const GvMetricSpec *core;
  guint n_items = 0;
  GString *s;

  g_return_val_if_fail (GV_IS_RUN (self), NULL);

  protocol = self->params->protocol;
  core = gv_core_metrics (NULL);
  for (guint i = 0; i < self->records->len; i++)
    n_items = MAX (n_items, ((GvRoundRecord *) g_ptr_array_index (self->records, i))->n_items);

  s = g_string_sized_new (256 + self->records->len * 128);
  g_string_append (s, "round");
  for (guint m = 0; m < GV_N_CORE_METRICS; m++)
    g_string_append_printf (s, ",%s", core[m].id);
  for (guint m = 0; m < protocol->n_metrics; m++)
    {
      if (!(protocol->metrics[m].flags & GV_METRIC_FLAG_PER_ITEM))
        g_string_append_printf (s, ",%s", protocol->metrics[m].id);
      else
        for (guint i = 0; i < n_items; i++)
          g_string_append_printf (s, ",%s_%u", protocol->metrics[m].id, i + 1);
    }
  g_string_append_c (s, '\n');

  for (guint r = 0; r < self->records->len; r++)
    {
      const GvRoundRecord *rec = g_ptr_array_index (self->records, r);
      guint k = 0;

      g_string_append_printf (s, "%u", rec->round);
      for (guint m = 0; m < GV_N_CORE_METRICS; m++)
        append_cell (s, rec->values[m]);
      for (guint m = 0; m < protocol->n_metrics; m++)
        {
          if (!(protocol->metrics[m].flags & GV_METRIC_FLAG_PER_ITEM))
            append_cell (s, rec->values[GV_N_CORE_METRICS + m]);
          else
            {
              for (guint i = 0; i < n_items; i++)
                append_cell (s, gv_round_record_get_item (rec, k, i));
              k++;
            }
        }
      g_string_append_c (s, '\n');
    }

  return g_string_free (s, FALSE);
}
