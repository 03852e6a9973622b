/* gv-test-engine.h: what the engine's tests share, to read records and classes by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include "gv-engine.h"
#include "gv-error.h"
#include "gv-params.h"
#include "gv-round.h"

G_BEGIN_DECLS

/* A record's metric by id, the core's or the protocol's; fails the test when there is
 * none. */
static inline double
gv_test_value (const GvRoundRecord *rec,
               const GvProtocol    *protocol,
               const char          *id)
{
  const GvMetricSpec *core = gv_core_metrics (NULL);
  guint index;

  for (guint m = 0; m < GV_N_CORE_METRICS; m++)
    if (g_str_equal (core[m].id, id))
      return rec->values[m];

  if (gv_protocol_find_metric (protocol, id, &index) == NULL)
    g_error ("%s has no metric %s", protocol->id, id);
  return rec->values[GV_N_CORE_METRICS + index];
}

/* The core's metrics, as whole numbers. */
#define GV_REC(rec, metric) ((guint64) (rec)->values[(metric)])
#define REC_ALIVE(rec)      GV_REC (rec, GV_METRIC_ALIVE)
#define REC_CRASHED(rec)    GV_REC (rec, GV_METRIC_CRASHED)
#define REC_RECOVERED(rec)  GV_REC (rec, GV_METRIC_RECOVERED)
#define REC_SENT(rec)       GV_REC (rec, GV_METRIC_SENT)
#define REC_CARRYING(rec)   GV_REC (rec, GV_METRIC_SENT_DATA)
#define REC_REQUESTS_SENT(rec) GV_REC (rec, GV_METRIC_SENT_REQUESTS)
#define REC_LOST(rec)       GV_REC (rec, GV_METRIC_LOST)
#define REC_DEAD(rec)       GV_REC (rec, GV_METRIC_DEAD)
#define REC_USEFUL(rec)     GV_REC (rec, GV_METRIC_USEFUL)
#define REC_REDUNDANT(rec)  GV_REC (rec, GV_METRIC_REDUNDANT)
#define REC_REQUESTS(rec)   GV_REC (rec, GV_METRIC_REQUESTS)

/* A protocol metric of a record, as a whole number. */
#define REC_METRIC(rec, protocol, id) ((guint64) gv_test_value ((rec), (protocol), (id)))

/* A summary figure by id; fails the test when there is none. */
static inline double
gv_test_figure (const GvSummary  *summary,
                const GvProtocol *protocol,
                const char       *id)
{
  guint i = gv_protocol_find_figure (protocol, id);

  if (i == G_MAXUINT)
    g_error ("%s has no figure %s", protocol->id, id);
  return summary->figures[i];
}

/* The index of class @id in @table; fails the test when there is none. */
static inline guint
gv_test_class (const GvClassTable *table,
               const char         *id)
{
  for (guint i = 0; i < table->n; i++)
    if (g_str_equal (table->classes[i].id, id))
      return i;
  g_error ("no class %s", id);
  return 0;
}

/* The value of the inspector's row @label, or NULL. */
static inline const char *
gv_test_row (const GvNodeDescription *d,
             const char              *label)
{
  for (guint i = 0; d->rows != NULL && i < d->rows->len; i++)
    {
      const GvNodeRow *row = &g_array_index (d->rows, GvNodeRow, i);

      if (g_str_equal (row->label, label))
        return row->value;
    }
  return NULL;
}

/* Parameters of protocol @id (NULL: the default), with @nodes nodes and protocol
 * parameters given as "name=value" pairs, NULL-terminated. */
static inline GvParams *
gv_test_params (const char *id,
                guint32     nodes,
                ...)
{
  GvParams *p = gv_params_new_for (id != NULL ? gv_protocol_find (id) : gv_protocol_get_default ());
  const char *pair;
  va_list args;

  g_assert_nonnull (p->protocol);
  p->n_nodes = nodes;
  va_start (args, nodes);
  while ((pair = va_arg (args, const char *)) != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (pair, "=", 2);
      g_autoptr(GError) error = NULL;

      if (!gv_params_set (p, kv[0], kv[1], &error))
        g_error ("%s: %s", pair, error->message);
    }
  va_end (args);
  return p;
}

static inline GvEngine *
gv_test_engine_new (const GvParams *p,
                    guint           threads)
{
  g_autoptr(GError) error = NULL;
  GvEngine *e = gv_engine_new (p, threads, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (e);
  return e;
}

G_END_DECLS
