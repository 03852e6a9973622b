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
      return gv_round_record_get (rec, m);

  if (gv_protocol_find_metric (protocol, id, &index) == NULL)
    g_error ("%s has no metric %s", protocol->id, id);
  return gv_round_record_get (rec, GV_N_CORE_METRICS + index);
}

/* Item @item of the protocol's PER_ITEM metric @id (NaN when not recorded); fails the
 * test when there is no such metric. */
static inline double
gv_test_item (const GvRoundRecord *rec,
              const GvProtocol    *protocol,
              const char          *id,
              guint                item)
{
  guint k = 0;

  for (guint m = 0; m < protocol->n_metrics; m++)
    {
      if (!(protocol->metrics[m].flags & GV_METRIC_FLAG_PER_ITEM))
        continue;
      if (g_str_equal (protocol->metrics[m].id, id))
        return gv_round_record_get_item (rec, k, item);
      k++;
    }
  g_error ("%s has no per-item metric %s", protocol->id, id);
  return NAN;
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

static inline void
gv_test_append (GByteArray *out,
                const void *data,
                gsize       size)
{
  if (size > 0)
    g_byte_array_append (out, data, (guint) size);
}

/* The bytes of @e's run from where it is to its end: every round's values, items,
 * message and class events and crash lists, the summary, and every node's final class
 * in every view. */
static inline GByteArray *
gv_test_fingerprint (GvEngine *e)
{
  const GvParams *p = gv_engine_get_params (e);
  g_autofree guint8 *classes = g_malloc (p->n_nodes);
  GByteArray *out = g_byte_array_new ();
  GvRoundRecord *rec = gv_engine_initial_record (e);
  GvSummary s;

  do
    {
      gv_test_append (out, &rec->round, sizeof rec->round);
      gv_test_append (out, &rec->n_values, sizeof rec->n_values);
      gv_test_append (out, rec->values, sizeof (double) * rec->n_values);
      gv_test_append (out, &rec->n_items, sizeof rec->n_items);
      if (rec->items != NULL)
        gv_test_append (out, rec->items, sizeof (double) * rec->n_items);
      gv_test_append (out, &rec->n_messages, sizeof rec->n_messages);
      gv_test_append (out, rec->messages, sizeof (GvMessageEvent) * rec->n_messages);
      gv_test_append (out, &rec->n_changes, sizeof rec->n_changes);
      gv_test_append (out, rec->changes, sizeof (GvStateEvent) * rec->n_changes);
      gv_test_append (out, rec->crashed_nodes, sizeof (guint32) * rec->n_crashed);
      gv_test_append (out, rec->recovered_nodes, sizeof (guint32) * rec->n_recovered);
      gv_round_record_unref (rec);
    }
  while ((rec = gv_engine_step (e)) != NULL);

  gv_engine_get_summary (e, &s);
  gv_test_append (out, &s, sizeof s);
  for (guint view = 0; view < gv_engine_get_n_views (e); view++)
    {
      gv_engine_classify_all (e, view, classes);
      gv_test_append (out, classes, p->n_nodes);
    }
  return out;
}

G_END_DECLS
