/* gv-round.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-round"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gv-params.h"
#include "gv-round.h"

G_DEFINE_BOXED_TYPE (GvRoundRecord, gv_round_record, gv_round_record_ref, gv_round_record_unref)

static const char *const intervention_names[] = { "faults", "crash", "revive", "inject" };

G_STATIC_ASSERT (G_N_ELEMENTS (intervention_names) == GV_INTERVENTION_INJECT + 1);

static const GvMetricSpec core_metrics[GV_N_CORE_METRICS] = {
  [GV_METRIC_ALIVE] = {
    "alive", N_("Alive nodes"), N_("nodes"), N_("Nodes up at the end of the round."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_CRASHED] = {
    "crashed", N_("Crashes"), N_("nodes"), N_("Nodes that crashed at the start of the round."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_RECOVERED] = {
    "recovered", N_("Recoveries"), N_("nodes"),
    N_("Nodes that came back up at the start of the round."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_SENT_DATA] = {
    "sent_data", N_("Data messages sent"), N_("messages"),
    N_("Messages that carried data: rumours, entries, replies."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_SENT_REQUESTS] = {
    "sent_requests", N_("Requests sent"), N_("messages"),
    N_("Messages that carried no data: pull requests."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_LOST_DATA] = {
    "lost_data", N_("Data messages lost"), N_("messages"),
    N_("Data messages the network dropped."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_LOST_REQUESTS] = {
    "lost_requests", N_("Requests lost"), N_("messages"), N_("Requests the network dropped."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_DEAD_DATA] = {
    "dead_data", N_("Data messages to crashed nodes"), N_("messages"),
    N_("Data messages sent to a node that was down."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_DEAD_REQUESTS] = {
    "dead_requests", N_("Requests to crashed nodes"), N_("messages"),
    N_("Requests sent to a node that was down."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_USEFUL] = {
    "useful", N_("Useful"), N_("messages"),
    N_("Delivered data messages that brought the receiver something new."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_REDUNDANT] = {
    "redundant", N_("Redundant"), N_("messages"),
    N_("Delivered data messages whose receiver already had everything they carried."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_METRIC_SENT] = {
    "sent", N_("Messages sent"), N_("messages"), N_("Every message sent, requests included."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_DERIVED, NULL },
  [GV_METRIC_LOST] = {
    "lost", N_("Lost"), N_("messages"), N_("Messages the network dropped, requests included."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_DERIVED, NULL },
  [GV_METRIC_DEAD] = {
    "dead", N_("To crashed nodes"), N_("messages"),
    N_("Messages sent to a node that was down, requests included."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_DERIVED, NULL },
  [GV_METRIC_REQUESTS] = {
    "requests", N_("Requests"), N_("messages"), N_("Requests that were delivered."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_DERIVED, NULL },
};

const GvNodeClass gv_crashed_class = {
  "crashed", N_("Crashed"), N_("The node is down: it sends nothing and receives nothing."),
  GV_SLOT_DOWN, GV_CUE_CROSS,
};

const GvMetricSpec *
gv_core_metrics (guint *n_metrics)
{
  if (n_metrics != NULL)
    *n_metrics = GV_N_CORE_METRICS;
  return core_metrics;
}

void
gv_class_table_init (GvClassTable   *table,
                     const GvParams *params)
{
  const GvNodeClass *classes;
  guint n = 0;

  g_return_if_fail (table != NULL);
  g_return_if_fail (params != NULL);

  classes = params->protocol->classes (params, &n);
  g_assert (n <= GV_MAX_CLASSES);

  for (guint i = 0; i < n; i++)
    table->classes[i] = classes[i];
  table->classes[n] = gv_crashed_class;
  table->crashed = n;
  table->n = n + 1;
}

GvRoundRecord *
gv_round_record_new (guint n_values)
{
  GvRoundRecord *self = g_new0 (GvRoundRecord, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_values = n_values;
  self->values = g_new0 (double, MAX (n_values, 1));
  return self;
}

GvRoundRecord *
gv_round_record_ref (GvRoundRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gv_round_record_unref (GvRoundRecord *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->values);
      g_free (self->items);
      g_free (self->messages);
      g_free (self->changes);
      g_free (self->crashed_nodes);
      g_free (self->recovered_nodes);
      g_free (self);
    }
}

double
gv_round_record_get (const GvRoundRecord *self,
                     guint                index)
{
  g_return_val_if_fail (self != NULL, NAN);

  if (index >= self->n_values)
    return NAN;
  return self->values[index];
}

double
gv_round_record_get_item (const GvRoundRecord *self,
                          guint                k,
                          guint                item)
{
  g_return_val_if_fail (self != NULL, NAN);

  if (self->items == NULL || item >= self->n_items)
    return NAN;
  return self->items[(gsize) k * self->n_items + item];
}

void
gv_round_record_derive (GvRoundRecord *self)
{
  double *v;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->n_values >= GV_N_CORE_METRICS);

  /* NaN, where a value was not recorded, carries through: what is unknown stays so. */
  v = self->values;
  v[GV_METRIC_SENT] = v[GV_METRIC_SENT_DATA] + v[GV_METRIC_SENT_REQUESTS];
  v[GV_METRIC_LOST] = v[GV_METRIC_LOST_DATA] + v[GV_METRIC_LOST_REQUESTS];
  v[GV_METRIC_DEAD] = v[GV_METRIC_DEAD_DATA] + v[GV_METRIC_DEAD_REQUESTS];
  v[GV_METRIC_REQUESTS] = v[GV_METRIC_SENT_REQUESTS] - v[GV_METRIC_LOST_REQUESTS] -
                          v[GV_METRIC_DEAD_REQUESTS];
}

static void
add_figure (JsonBuilder  *b,
            GvFigureKind  kind,
            double        value)
{
  if (kind == GV_FIGURE_COUNT && isfinite (value) && value == floor (value) &&
      fabs (value) < 9007199254740992.0)
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, value);
}

JsonNode *
gv_summary_to_json (const GvSummary  *summary,
                    const GvProtocol *protocol,
                    guint64           seed)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (protocol != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seed");
  if (seed <= (G_GUINT64_CONSTANT (1) << 53))
    json_builder_add_int_value (b, (gint64) seed);
  else
    {
      g_autofree char *s = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
      json_builder_add_string_value (b, s);
    }
  json_builder_set_member_name (b, "rounds");
  json_builder_add_int_value (b, summary->rounds);
  json_builder_set_member_name (b, "converged");
  json_builder_add_boolean_value (b, summary->converged);
  for (guint i = 0; i < protocol->n_figures && i < summary->n_figures; i++)
    {
      json_builder_set_member_name (b, protocol->figures[i].id);
      add_figure (b, protocol->figures[i].kind, summary->figures[i]);
    }
  json_builder_set_member_name (b, "messages");
  json_builder_add_int_value (b, (gint64) summary->messages);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

const char *
gv_intervention_kind_to_string (GvInterventionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (intervention_names), NULL);
  return intervention_names[kind];
}

gboolean
gv_intervention_kind_from_string (const char         *text,
                                  GvInterventionKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint k = 0; k < G_N_ELEMENTS (intervention_names); k++)
    if (g_strcmp0 (text, intervention_names[k]) == 0)
      {
        *kind = (GvInterventionKind) k;
        return TRUE;
      }
  return FALSE;
}

void
gv_round_tellers_reset (guint32 *tellers,
                        guint32  n_nodes)
{
  g_return_if_fail (tellers != NULL || n_nodes == 0);

  for (guint32 v = 0; v < n_nodes; v++)
    tellers[v] = GV_ROUND_NO_TELLER;
}

void
gv_round_tellers_add (guint32             *tellers,
                      guint32              n_nodes,
                      const GvRoundRecord *record)
{
  g_return_if_fail (tellers != NULL || n_nodes == 0);
  g_return_if_fail (record != NULL);

  for (guint32 i = 0; i < record->n_messages; i++)
    {
      const GvMessageEvent *m = &record->messages[i];

      if (m->outcome == GV_MESSAGE_USEFUL && m->dst < n_nodes && m->src < n_nodes &&
          m->src != m->dst && tellers[m->dst] == GV_ROUND_NO_TELLER)
        tellers[m->dst] = m->src;
    }
}
