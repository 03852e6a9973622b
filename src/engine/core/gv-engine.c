/* gv-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A round runs in three phases, each split into shards of contiguous nodes that run on
 * the worker pool and meet at a barrier:
 *
 *   1. faults:  crashes and recoveries, then the protocol's begin_round;
 *   2. act:     every alive node does what its protocol does on its period: it picks
 *               peers and sends; the network model (net/gv-network.h) drops messages,
 *               finds receivers down, gets the receivers' answers, and queues what is
 *               delivered in the outbox of the receiver's shard;
 *   3. deliver: each shard applies its inboxes in the order of the sending shards (so
 *               in the order of the nodes that started the exchanges), then settles its
 *               own nodes and tallies them.
 *
 * Nothing is locked on the hot path: a worker writes only to its own nodes and its
 * own outboxes.  Draws come from streams keyed by (seed, node, round, purpose), so a run
 * does not depend on the number of shards.
 */

#define G_LOG_DOMAIN "gv-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "gv-engine-private.h"
#include "gv-error.h"

static int
compare_u64 (const void *a,
             const void *b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

static void
apply_injections (GvEngine *self)
{
  while (self->next_pending < self->pending->len)
    {
      const GvInjection *inj = &g_array_index (self->pending, GvInjection, self->next_pending);
      g_autoptr(GError) error = NULL;

      if (inj->round > self->round)
        break;

      /* Validated parameters cannot fail here; a failure is a bug worth hearing of. */
      if (!self->ops->inject (self, inj->node, inj->arg, &error))
        g_critical ("Scheduled injection failed: %s", error->message);
      else
        self->n_injected++;
      self->next_pending++;
    }

  gv_engine_grow_views (self);
}

/* The message and fault counters of @from, and its node counts, into @to (maxima: the
 * larger). */
static void
tally_add (GvTally       *to,
           const GvTally *from)
{
  to->sent_data += from->sent_data;
  to->sent_requests += from->sent_requests;
  to->lost_data += from->lost_data;
  to->lost_requests += from->lost_requests;
  to->dead_data += from->dead_data;
  to->dead_requests += from->dead_requests;
  to->useful += from->useful;
  to->redundant += from->redundant;
  to->crashed += from->crashed;
  to->recovered += from->recovered;
  for (guint i = 0; i < GV_TALLY_SUMS; i++)
    to->sums[i] += from->sums[i];
  for (guint i = 0; i < GV_TALLY_MAXIMA; i++)
    to->maxima[i] = MAX (to->maxima[i], from->maxima[i]);
}

static void
merge_tallies (GvEngine *self,
               GvTally  *out)
{
  memset (out, 0, sizeof *out);
  out->agree = TRUE;
  out->ref = -1;

  for (guint s = 0; s < self->n_shards; s++)
    tally_add (out, &self->shards[s].tally);

  if (self->ops->merge != NULL)
    self->ops->merge (self, out);
}

/* The node counts of @from (who is informed, spreading...), into @to, whose message
 * counters stay. */
static void
take_node_counts (GvEngine      *self,
                  GvTally       *to,
                  const GvTally *from)
{
  memcpy (to->sums, from->sums, sizeof (guint64) * self->protocol->node_sums);
  to->agree = from->agree;
  to->ref = from->ref;
}

static void
clear_shard_counters (GvEngine *self)
{
  for (guint s = 0; s < self->n_shards; s++)
    {
      GvTally *t = &self->shards[s].tally;

      memset (t, 0, sizeof *t);
      g_array_set_size (self->shards[s].message_events, 0);
      g_array_set_size (self->shards[s].state_events, 0);
      g_array_set_size (self->shards[s].crash_events, 0);
      g_array_set_size (self->shards[s].recover_events, 0);
    }
}

/* Shards are contiguous and ascending, so the nodes come out in node order. */
static guint32 *
gather_nodes (GvEngine *self,
              gsize     offset,
              guint32   n)
{
  guint32 *nodes;
  guint32 at = 0;

  if (n == 0)
    return NULL;

  nodes = g_new (guint32, n);
  for (guint s = 0; s < self->n_shards; s++)
    {
      GArray *a = G_STRUCT_MEMBER (GArray *, &self->shards[s], offset);

      g_assert (at + a->len <= n);
      if (a->len > 0)
        memcpy (nodes + at, a->data, a->len * sizeof (guint32));
      at += a->len;
    }
  g_assert (at == n);

  return nodes;
}

static void
update_finished (GvEngine      *self,
                 const GvTally *t)
{
  gboolean pending = self->next_pending < self->pending->len;
  gboolean converged = FALSE;
  gboolean done = self->ops->finished (self, t, &converged);

  self->converged = self->n_alive > 0 && converged;
  self->finished = (!pending && done) || self->round >= self->params->max_rounds;
}

static int
compare_message_events (const void *a,
                        const void *b)
{
  const GvMessageEvent *x = a;
  const GvMessageEvent *y = b;

  if (x->src != y->src)
    return x->src < y->src ? -1 : 1;
  if (x->dst != y->dst)
    return x->dst < y->dst ? -1 : 1;
  if (x->outcome != y->outcome)
    return x->outcome < y->outcome ? -1 : 1;
  return (x->carries_data > y->carries_data) - (x->carries_data < y->carries_data);
}

static int
compare_state_events (const void *a,
                      const void *b)
{
  const GvStateEvent *x = a;
  const GvStateEvent *y = b;

  if (x->view != y->view)
    return x->view < y->view ? -1 : 1;
  return (x->node > y->node) - (x->node < y->node);
}

static GvRoundRecord *
record_values (GvEngine      *self,
               const GvTally *t)
{
  GvRoundRecord *rec = gv_round_record_new (GV_N_CORE_METRICS + self->protocol->n_metrics);
  double *v = rec->values;
  double items[GV_MAX_PROTOCOL_METRICS * GV_MAX_ITEMS];
  guint n_items = 0, n_per_item = 0;

  rec->round = self->round;
  v[GV_METRIC_ALIVE] = self->n_alive;
  v[GV_METRIC_CRASHED] = t->crashed;
  v[GV_METRIC_RECOVERED] = t->recovered;
  v[GV_METRIC_SENT_DATA] = (double) t->sent_data;
  v[GV_METRIC_SENT_REQUESTS] = (double) t->sent_requests;
  v[GV_METRIC_LOST_DATA] = (double) t->lost_data;
  v[GV_METRIC_LOST_REQUESTS] = (double) t->lost_requests;
  v[GV_METRIC_DEAD_DATA] = (double) t->dead_data;
  v[GV_METRIC_DEAD_REQUESTS] = (double) t->dead_requests;
  v[GV_METRIC_USEFUL] = (double) t->useful;
  v[GV_METRIC_REDUNDANT] = (double) t->redundant;
  gv_round_record_derive (rec);

  self->ops->record (self, t, v + GV_N_CORE_METRICS, items, &n_items);
  for (guint m = 0; m < self->protocol->n_metrics; m++)
    n_per_item += (self->protocol->metrics[m].flags & GV_METRIC_FLAG_PER_ITEM) != 0;
  if (n_per_item > 0 && n_items > 0)
    {
      g_assert (n_items <= GV_MAX_ITEMS);
      rec->n_items = n_items;
      rec->items = g_memdup2 (items, sizeof (double) * n_items * n_per_item);
    }

  return rec;
}

/* The record of the round just played, with its events. */
static GvRoundRecord *
make_record (GvEngine      *self,
             const GvTally *t)
{
  GvRoundRecord *rec = record_values (self, t);

  self->recounted = FALSE;
  rec->n_crashed = t->crashed;
  rec->n_recovered = t->recovered;
  rec->crashed_nodes = gather_nodes (self, G_STRUCT_OFFSET (GvShard, crash_events), t->crashed);
  rec->recovered_nodes = gather_nodes (self, G_STRUCT_OFFSET (GvShard, recover_events),
                                       t->recovered);

  if (self->detail)
    {
      gsize n_msgs = 0, n_changes = 0;

      for (guint s = 0; s < self->n_shards; s++)
        {
          n_msgs += self->shards[s].message_events->len;
          n_changes += self->shards[s].state_events->len;
        }

      rec->messages = g_new (GvMessageEvent, MAX (n_msgs, 1));
      rec->changes = g_new (GvStateEvent, MAX (n_changes, 1));

      for (guint s = 0; s < self->n_shards; s++)
        {
          GArray *m = self->shards[s].message_events;
          GArray *c = self->shards[s].state_events;

          if (m->len > 0)
            memcpy (rec->messages + rec->n_messages, m->data, m->len * sizeof (GvMessageEvent));
          rec->n_messages += m->len;
          if (c->len > 0)
            memcpy (rec->changes + rec->n_changes, c->data, c->len * sizeof (GvStateEvent));
          rec->n_changes += c->len;
        }

      /* Messages are gathered where they were sent or delivered, which depends on the
       * shards; sorting makes the record independent of the number of threads. */
      qsort (rec->messages, rec->n_messages, sizeof (GvMessageEvent), compare_message_events);
      qsort (rec->changes, rec->n_changes, sizeof (GvStateEvent), compare_state_events);
    }

  return rec;
}

static void
engine_setup (GvEngine *self)
{
  const GvParams *p = self->params;

  self->round = 0;
  self->now = 0;
  self->finished = FALSE;
  self->converged = FALSE;
  memset (&self->totals, 0, sizeof self->totals);
  self->next_pending = 0;
  self->n_injected = 0;
  self->n_alive = self->n_nodes;
  self->wants_outcomes = FALSE;
  self->max_payload = 0;
  self->loss_threshold = gv_rng_threshold (p->loss);
  self->crash_threshold = gv_rng_threshold (p->crash);
  self->recover_threshold = gv_rng_threshold (p->recover);

  memset (self->alive, 1, self->n_nodes);
  if (self->detail)
    {
      g_clear_pointer (&self->last_class, g_free);
      self->last_class = g_malloc0 (self->n_nodes);
      self->n_last_views = 1;
      memset (self->node_sent, 0, sizeof (guint32) * self->n_nodes);
      memset (self->node_received, 0, sizeof (guint32) * self->n_nodes);
      memset (self->node_redundant, 0, sizeof (guint32) * self->n_nodes);
    }

  self->ops->setup (self);
  for (guint s = 0; s < self->n_shards; s++)
    {
      GvShard *shard = &self->shards[s];

      shard->scratch = g_renew (guint32, shard->scratch, MAX (self->max_payload, 1));
      memset (shard->keep, 0, sizeof shard->keep);
    }

  clear_shard_counters (self);
  apply_injections (self);
  gv_engine_run_phase (self, gv_phase_tally);
  merge_tallies (self, &self->last_tally);
  self->recounted = FALSE;
  update_finished (self, &self->last_tally);
}

/* @params are valid, and @topology was made from them. */
static GvEngine *
engine_new (const GvParams *params,
            GvTopology     *topology,
            guint           n_threads)
{
  GvEngine *self;

  if (n_threads == 0)
    n_threads = g_get_num_processors ();

  self = g_new0 (GvEngine, 1);
  self->params = gv_params_copy (params);
  self->topology = gv_topology_ref (topology);
  self->protocol = params->protocol;
  self->ops = params->protocol->ops;
  self->n_nodes = params->n_nodes;
  self->n_threads = MIN (n_threads, 256);
  self->seed_key = gv_rng_seed_key (params->seed);
  self->detail = gv_params_has_detail (params);
  self->fast_paths = TRUE;
  gv_class_table_init (&self->classes, params);
  g_mutex_init (&self->phase_mutex);
  g_cond_init (&self->phase_cond);

  self->alive = g_malloc (self->n_nodes);
  if (self->detail)
    {
      self->node_sent = g_new (guint32, self->n_nodes);
      self->node_received = g_new (guint32, self->n_nodes);
      self->node_redundant = g_new (guint32, self->n_nodes);
    }

  self->pending = g_array_new (FALSE, FALSE, sizeof (GvInjection));
  for (guint i = 0; i < gv_params_get_n_injections (params); i++)
    {
      GvInjection inj = gv_params_get_injection (params, i);
      g_array_append_val (self->pending, inj);
    }
  /* A stable order: by round, then as given. */
  {
    g_autofree guint64 *keys = g_new (guint64, self->pending->len);
    g_autoptr(GArray) given = g_array_copy (self->pending);

    for (guint i = 0; i < given->len; i++)
      keys[i] = ((guint64) g_array_index (given, GvInjection, i).round << 32) | i;
    qsort (keys, given->len, sizeof (guint64), compare_u64);
    for (guint i = 0; i < given->len; i++)
      g_array_index (self->pending, GvInjection, i) =
        g_array_index (given, GvInjection, (guint) (keys[i] & G_MAXUINT32));
  }

  gv_engine_make_shards (self);
  engine_setup (self);

  return self;
}

GvEngine *
gv_engine_new_with_topology (const GvParams  *params,
                             GvTopology      *topology,
                             guint            n_threads,
                             GError         **error)
{
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (topology != NULL, NULL);

  if (!gv_params_validate (params, error))
    return NULL;

  if (topology->n_nodes != params->n_nodes || topology->kind != params->topology)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("the topology was made for other parameters"));
      return NULL;
    }

  return engine_new (params, topology, n_threads);
}

GvEngine *
gv_engine_new (const GvParams  *params,
               guint            n_threads,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(GvTopology) topology = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  /* gv_topology_new() validates the parameters. */
  topology = gv_topology_new (params, cancellable, error);
  if (topology == NULL)
    return NULL;

  return engine_new (params, topology, n_threads);
}

void
gv_engine_free (GvEngine *self)
{
  if (self == NULL)
    return;

  if (self->ops != NULL && self->protocol_data != NULL)
    self->ops->teardown (self);

  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);

  for (guint s = 0; s < self->n_shards; s++)
    {
      for (guint d = 0; d < self->n_shards; d++)
        {
          g_free (self->shards[s].outboxes[d].msgs);
          g_free (self->shards[s].outboxes[d].words);
        }
      g_free (self->shards[s].outboxes);
      g_free (self->shards[s].peers);
      g_free (self->shards[s].scratch);
      g_array_unref (self->shards[s].message_events);
      g_array_unref (self->shards[s].state_events);
      g_array_unref (self->shards[s].crash_events);
      g_array_unref (self->shards[s].recover_events);
    }

  g_free (self->shards);
  g_clear_pointer (&self->pending, g_array_unref);
  g_free (self->alive);
  g_free (self->last_class);
  g_free (self->node_sent);
  g_free (self->node_received);
  g_free (self->node_redundant);
  g_clear_pointer (&self->topology, gv_topology_unref);
  g_clear_pointer (&self->params, gv_params_unref);
  g_mutex_clear (&self->phase_mutex);
  g_cond_clear (&self->phase_cond);
  g_free (self);
}

void
gv_engine_reset (GvEngine *self)
{
  g_return_if_fail (self != NULL);

  self->ops->teardown (self);
  engine_setup (self);
}

void
gv_engine_set_fast_paths (GvEngine *self,
                          gboolean  enabled)
{
  g_return_if_fail (self != NULL);

  self->fast_paths = !!enabled;
}

/* What protocols see of the engine */

const GvParams *
gv_engine_get_params (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->params;
}

gpointer
gv_engine_get_protocol_data (GvEngine *self)
{
  return self->protocol_data;
}

void
gv_engine_set_protocol_data (GvEngine *self,
                             gpointer  data)
{
  self->protocol_data = data;
}

guint32
gv_engine_get_n_nodes (GvEngine *self)
{
  return self->n_nodes;
}

guint32
gv_engine_get_now (GvEngine *self)
{
  return self->now;
}

gboolean
gv_engine_in_round (GvEngine *self)
{
  return self->in_round;
}

gboolean
gv_engine_get_detail (GvEngine *self)
{
  return self->detail;
}

guint64
gv_engine_get_seed_key (GvEngine *self)
{
  return self->seed_key;
}

guint32
gv_engine_get_n_alive (GvEngine *self)
{
  return self->n_alive;
}

guint
gv_engine_get_n_injected (GvEngine *self)
{
  return self->n_injected;
}

guint
gv_engine_get_n_shards (GvEngine *self)
{
  return self->n_shards;
}

GvShard *
gv_engine_get_shard (GvEngine *self,
                     guint     index)
{
  g_return_val_if_fail (index < self->n_shards, NULL);
  return &self->shards[index];
}

void
gv_engine_set_max_payload (GvEngine *self,
                           guint     words)
{
  self->max_payload = words;
}

void
gv_engine_set_wants_outcomes (GvEngine *self,
                              gboolean  wants)
{
  self->wants_outcomes = !!wants;
}

gboolean
gv_engine_fast_paths (GvEngine *self)
{
  return self->fast_paths;
}

/* The public API */

GvTopology *
gv_engine_get_topology (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->topology;
}

const GvProtocol *
gv_engine_get_protocol (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->protocol;
}

guint32
gv_engine_get_round (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->round;
}

gboolean
gv_engine_is_finished (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->finished;
}

GvRoundRecord *
gv_engine_initial_record (GvEngine *self)
{
  GvTally t;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->round == 0, NULL);

  /* Tallied afresh, so that its state changes list every node not in class 0; the
   * counters of round 0 are all zero. */
  clear_shard_counters (self);
  if (self->detail)
    memset (self->last_class, 0, (gsize) self->n_last_views * self->n_nodes);
  gv_engine_run_phase (self, gv_phase_tally);
  merge_tallies (self, &t);
  if (self->detail)
    gv_engine_run_phase (self, gv_phase_changes);

  return make_record (self, &t);
}

GvRoundRecord *
gv_engine_step (GvEngine *self)
{
  GvTally t;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->finished)
    return NULL;

  clear_shard_counters (self);

  self->now = self->round + 1;
  self->in_round = TRUE;
  self->all_alive = self->n_alive == self->n_nodes && self->crash_threshold == 0;
  gv_engine_run_phase (self, gv_phase_faults);
  for (guint s = 0; s < self->n_shards; s++)
    self->n_alive += self->shards[s].tally.recovered - self->shards[s].tally.crashed;
  gv_engine_run_phase (self, gv_phase_act);
  gv_engine_run_phase (self, gv_phase_deliver);
  self->in_round = FALSE;

  self->round = self->now;

  merge_tallies (self, &t);
  if (self->next_pending < self->pending->len &&
      g_array_index (self->pending, GvInjection, self->next_pending).round <= self->round)
    {
      /* New data changes who holds the newest, so the nodes are counted again; the
       * counters of the round's messages are kept. */
      GvTally fresh;

      apply_injections (self);
      gv_engine_run_phase (self, gv_phase_tally);
      merge_tallies (self, &fresh);
      take_node_counts (self, &t, &fresh);
    }

  if (self->detail)
    gv_engine_run_phase (self, gv_phase_changes);

  tally_add (&self->totals, &t);
  self->last_tally = t;

  update_finished (self, &t);

  return make_record (self, &t);
}

void
gv_engine_run (GvEngine     *self,
               GCancellable *cancellable)
{
  g_return_if_fail (self != NULL);

  while (!self->finished && !g_cancellable_is_cancelled (cancellable))
    gv_round_record_unref (gv_engine_step (self));
}

void
gv_engine_get_summary (GvEngine  *self,
                       GvSummary *summary)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->rounds = self->round;
  summary->converged = self->converged;
  summary->finished = self->finished;
  summary->messages = self->totals.sent_data + self->totals.sent_requests;
  summary->n_figures = self->protocol->n_figures;
  if (self->ops->summarise != NULL)
    self->ops->summarise (self, &self->last_tally, &self->totals, summary->figures);
}

const GvClassTable *
gv_engine_get_classes (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->classes;
}

guint
gv_engine_get_n_views (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return gv_engine_count_views (self);
}

guint
gv_engine_get_n_items (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ops->n_items != NULL ? self->ops->n_items (self) : 0;
}

guint
gv_engine_classify (GvEngine *self,
                    guint32   node,
                    guint     view)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (node < self->n_nodes, 0);

  return gv_engine_classify_fast (self, node, view < gv_engine_count_views (self) ? view : 0);
}

void
gv_engine_classify_all (GvEngine *self,
                        guint     view,
                        guint8   *classes)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (classes != NULL);

  if (view >= gv_engine_count_views (self))
    view = 0;

  if (self->ops->classify_all == NULL)
    {
      for (guint32 v = 0; v < self->n_nodes; v++)
        classes[v] = (guint8) gv_engine_classify_fast (self, v, view);
      return;
    }

  self->ops->classify_all (self, view, classes);
  if (self->n_alive < self->n_nodes)
    for (guint32 v = 0; v < self->n_nodes; v++)
      if (!self->alive[v])
        classes[v] = (guint8) self->classes.crashed;
}

gint64
gv_engine_get_first_informed (GvEngine *self,
                              guint32   node)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (node < self->n_nodes, -1);

  return self->ops->first_informed != NULL ? self->ops->first_informed (self, node) : -1;
}

gint32 *
gv_engine_dup_first_informed (GvEngine *self)
{
  gint32 *first;

  g_return_val_if_fail (self != NULL, NULL);

  first = g_new (gint32, self->n_nodes);
  for (guint32 v = 0; v < self->n_nodes; v++)
    first[v] = self->ops->first_informed != NULL ? (gint32) self->ops->first_informed (self, v)
                                                 : -1;
  return first;
}

void
gv_node_description_clear (GvNodeDescription *description)
{
  g_return_if_fail (description != NULL);

  g_clear_pointer (&description->rows, g_array_unref);
  memset (description, 0, sizeof *description);
}

void
gv_engine_describe_node (GvEngine          *self,
                         guint32            node,
                         GvNodeDescription *description)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (description != NULL);
  g_return_if_fail (node < self->n_nodes);

  memset (description, 0, sizeof *description);
  description->cls = gv_engine_classify_fast (self, node, 0);
  description->alive = self->alive[node] != 0;
  description->first_informed = gv_engine_get_first_informed (self, node);
  if (self->detail)
    {
      description->sent = self->node_sent[node];
      description->received = self->node_received[node];
      description->redundant = self->node_redundant[node];
    }
  description->rows = gv_node_rows_new ();
  if (self->ops->describe != NULL)
    self->ops->describe (self, node, description->rows);
}

static void
retally (GvEngine *self)
{
  GvTally t;

  /* An intervention between rounds changes who is alive or informed: the counts of the
   * last round are taken again, its message counters kept. */
  for (guint s = 0; s < self->n_shards; s++)
    g_array_set_size (self->shards[s].state_events, 0);
  gv_engine_grow_views (self);
  gv_engine_run_phase (self, gv_phase_tally);
  merge_tallies (self, &t);
  take_node_counts (self, &self->last_tally, &t);
  self->recounted = TRUE;
  update_finished (self, &self->last_tally);
}

GvRoundRecord *
gv_engine_current_record (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!self->recounted)
    return NULL;
  return record_values (self, &self->last_tally);
}

void
gv_engine_set_faults (GvEngine *self,
                      double    loss,
                      double    crash,
                      double    recover)
{
  g_return_if_fail (self != NULL);

  self->params->loss = CLAMP (loss, 0.0, 1.0);
  self->params->crash = CLAMP (crash, 0.0, 1.0);
  self->params->recover = CLAMP (recover, 0.0, 1.0);
  self->loss_threshold = gv_rng_threshold (self->params->loss);
  self->crash_threshold = gv_rng_threshold (self->params->crash);
  self->recover_threshold = gv_rng_threshold (self->params->recover);
}

gboolean
gv_engine_set_node_alive (GvEngine  *self,
                          guint32    node,
                          gboolean   alive,
                          GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!gv_params_check_node (self->params, node, error))
    return FALSE;

  if (!!self->alive[node] == !!alive)
    return TRUE;

  self->alive[node] = alive ? 1 : 0;
  if (alive)
    self->n_alive++;
  else
    self->n_alive--;
  if (alive && self->params->recover_loses_state)
    self->ops->reset_node (self, node);
  retally (self);

  return TRUE;
}

gboolean
gv_engine_can_inject (GvEngine  *self,
                      guint32    node,
                      guint32    arg,
                      GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!gv_params_check_node (self->params, node, error))
    return FALSE;

  if (!self->alive[node])
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("node %u has crashed; revive it before giving it news"), node);
      return FALSE;
    }

  if (self->ops->can_inject != NULL)
    return self->ops->can_inject (self, node, arg, error);

  return TRUE;
}

gboolean
gv_engine_inject (GvEngine  *self,
                  guint32    node,
                  guint32    arg,
                  GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!gv_engine_can_inject (self, node, arg, error))
    return FALSE;

  if (!self->ops->inject (self, node, arg, error))
    return FALSE;

  self->n_injected++;
  retally (self);
  return TRUE;
}

gboolean
gv_engine_intervene (GvEngine             *self,
                     const GvIntervention *iv,
                     GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (iv != NULL, FALSE);

  switch (iv->kind)
    {
    case GV_INTERVENTION_FAULTS:
      gv_engine_set_faults (self, iv->loss, iv->crash, iv->recover);
      return TRUE;
    case GV_INTERVENTION_CRASH:
      return gv_engine_set_node_alive (self, iv->node, FALSE, error);
    case GV_INTERVENTION_REVIVE:
      return gv_engine_set_node_alive (self, iv->node, TRUE, error);
    case GV_INTERVENTION_INJECT:
      return gv_engine_inject (self, iv->node, iv->arg, error);
    default:
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("unknown intervention"));
      return FALSE;
    }
}
