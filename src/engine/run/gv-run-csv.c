/* gv-run-csv.c: a run's per-round metrics as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Comment lines first, each "# name: value": the engine version, then every parameter
 * as the run file's params name it (the protocol's own by their names, the injections
 * as the file's JSON), then each intervention as grapevine-cli's --event writes it.  So
 * a CSV says what run it is, and the run can be made again from it.
 *
 * Then one line a round after a header: the round, the core's metrics, then the
 * protocol's, each column named by its metric's id; a per-item metric takes a column an
 * item (informed_by_rumor_1, informed_by_rumor_2, …).  A value a format-1 file did not
 * record is an empty cell.
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

static void
append_param (GString    *s,
              const char *name,
              JsonNode   *value)
{
  g_autofree char *text = NULL;

  /* Strings as they are ("# topology: ring:4"), anything else as JSON. */
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (value));
  else
    text = gv_json_to_string (value, FALSE);
  g_string_append_printf (s, "# %s: %s\n", name, text);
}

/* "# event: 3:crash:5", "# event: 7:faults:loss=0.1,crash=0,recover=0". */
static void
append_event (GString              *s,
              const GvProtocol     *protocol,
              const GvIntervention *iv)
{
  char loss[G_ASCII_DTOSTR_BUF_SIZE], crash[G_ASCII_DTOSTR_BUF_SIZE];
  char recover[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "# event: %u:%s:", iv->round,
                          gv_intervention_kind_to_string (iv->kind));
  if (iv->kind == GV_INTERVENTION_FAULTS)
    g_string_append_printf (s, "loss=%s,crash=%s,recover=%s",
                            gv_format_double (loss, sizeof loss, iv->loss),
                            gv_format_double (crash, sizeof crash, iv->crash),
                            gv_format_double (recover, sizeof recover, iv->recover));
  else
    {
      g_string_append_printf (s, "%u", iv->node);
      if (iv->kind == GV_INTERVENTION_INJECT && protocol->injection->arg != NULL)
        g_string_append_printf (s, ":%u", iv->arg);
    }
  g_string_append_c (s, '\n');
}

static void
append_comments (GString *s,
                 GvRun   *self)
{
  g_autoptr(JsonNode) params = gv_params_to_json (self->params);
  JsonObject *obj = json_node_get_object (params);
  g_autoptr(GList) members = json_object_get_members (obj);

  g_string_append_printf (s, "# engine_version: %s\n", self->engine_version);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (obj, l->data);

      if (!JSON_NODE_HOLDS_OBJECT (value))
        append_param (s, l->data, value);
      else
        {
          /* protocol_params: the protocol's own, by their names. */
          JsonObject *inner = json_node_get_object (value);
          g_autoptr(GList) names = json_object_get_members (inner);

          for (GList *n = names; n != NULL; n = n->next)
            append_param (s, n->data, json_object_get_member (inner, n->data));
        }
    }
  for (guint i = 0; i < self->interventions->len; i++)
    append_event (s, self->params->protocol,
                  &g_array_index (self->interventions, GvIntervention, i));
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

  s = g_string_sized_new (1024 + self->records->len * 128);
  append_comments (s, self);
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
