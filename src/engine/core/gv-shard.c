/* gv-shard.c: the shards of a round, its phases, and the worker pool that plays them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A round's node work is split into shards of contiguous nodes; each phase runs them on
 * the worker pool and they meet at a barrier (gv-engine.c says what the phases are).
 * Also here: outboxes, peer selection, and the detail mode's class changes.
 */

#define G_LOG_DOMAIN "gv-engine"

#include "config.h"

#include <string.h>

#include "gv-engine-private.h"

/* Below this many nodes a shard costs more in hand-offs than it saves. */
#define MIN_SHARD_NODES 1024

void
gv_outbox_grow (GvOutbox *outbox)
{
  outbox->cap = MAX (256, outbox->cap * 2);
  outbox->msgs = g_renew (GvMsg, outbox->msgs, outbox->cap);
}

void
gv_outbox_grow_words (GvOutbox *outbox,
                      gsize     n)
{
  outbox->cap_words = MAX (MAX (1024, outbox->cap_words * 2), outbox->n_words + n);
  outbox->words = g_renew (guint32, outbox->words, outbox->cap_words);
}

/* Floyd's algorithm and its special cases: fanout distinct neighbours, uniformly. */
guint32
gv_shard_pick_peers (GvShard *shard,
                     guint32  node)
{
  return gv_shard_pick_peers_into (shard, node, shard->peers);
}

guint32
gv_shard_pick_peers_slow (GvShard *shard,
                          guint32  node,
                          guint32 *out)
{
  GvEngine *self = shard->engine;
  const GvTopology *topo = self->topology;
  guint32 fanout = self->params->fanout;
  guint32 degree;
  GvRng rng;

  gv_rng_init (&rng, shard->seed_key, node, shard->round, GV_RNG_PURPOSE_PEERS);

  /* The complete graph with fanout 1 is gv_shard_pick_one_of_all()'s; were it to come
   * here, the branch below would draw the same. */
  degree = topo->offsets == NULL ? self->n_nodes - 1
                                 : topo->offsets[node + 1] - topo->offsets[node];

  if G_LIKELY (fanout == 1 && degree > 0)
    {
      out[0] = gv_topology_neighbor (topo, node, gv_rng_below (&rng, degree));
      return 1;
    }

  if (fanout >= degree)
    {
      for (guint32 i = 0; i < degree; i++)
        out[i] = gv_topology_neighbor (topo, node, i);
      return degree;
    }

  for (guint32 j = degree - fanout, k = 0; j < degree; j++, k++)
    {
      guint32 t = gv_rng_below (&rng, j + 1);
      gboolean seen = FALSE;

      for (guint32 i = 0; i < k; i++)
        if (out[i] == t)
          {
            seen = TRUE;
            break;
          }
      out[k] = seen ? j : t;
    }

  for (guint32 i = 0; i < fanout; i++)
    out[i] = gv_topology_neighbor (topo, node, out[i]);

  return fanout;
}

guint
gv_engine_count_views (GvEngine *self)
{
  guint items;

  if (self->protocol->view_label == NULL || self->ops->n_items == NULL)
    return 1;
  items = MIN (self->ops->n_items (self), GV_MAX_ITEMS);
  return items > 1 ? 1 + items : 1;
}

/* Detail mode: the nodes whose class changed since the last record, view by view.
 * Taken once a round, after any injection, so that each node appears at most once a
 * view, in node order. */
void
gv_phase_changes (GvShard *shard)
{
  GvEngine *self = shard->engine;
  guint views = MIN (gv_engine_count_views (self), self->n_last_views);

  g_array_set_size (shard->state_events, 0);
  for (guint view = 0; view < views; view++)
    {
      guint8 *last = self->last_class + (gsize) view * self->n_nodes;

      for (guint32 v = shard->begin; v < shard->end; v++)
        {
          guint cls = gv_engine_classify_fast (self, v, view);

          if (last[v] != cls)
            {
              GvStateEvent ev = { v, (guint8) cls, (guint8) view, 0 };

              last[v] = (guint8) cls;
              g_array_append_val (shard->state_events, ev);
            }
        }
    }
}

/* Views appear as rumours do; a new one starts from class 0 everywhere, so that its
 * first record lists every node that is elsewhere. */
void
gv_engine_grow_views (GvEngine *self)
{
  guint views = gv_engine_count_views (self);

  if (!self->detail || views <= self->n_last_views)
    return;

  self->last_class = g_realloc_n (self->last_class, (gsize) views * self->n_nodes, 1);
  memset (self->last_class + (gsize) self->n_last_views * self->n_nodes, 0,
          (gsize) (views - self->n_last_views) * self->n_nodes);
  self->n_last_views = views;
}

static void
tally_reset_nodes (GvEngine *self,
                   GvTally  *t)
{
  memset (t->sums, 0, sizeof (guint64) * self->protocol->node_sums);
  t->agree = TRUE;
  t->ref = -1;
}

void
gv_phase_faults (GvShard *shard)
{
  GvEngine *self = shard->engine;
  guint32 round = self->now;

  if (self->crash_threshold != 0 || self->recover_threshold != 0)
    {
      for (guint32 v = shard->begin; v < shard->end; v++)
        {
          GvRng rng;

          gv_rng_init (&rng, self->seed_key, v, round, GV_RNG_PURPOSE_FAULTS);
          if (self->alive[v])
            {
              if (gv_rng_chance (&rng, self->crash_threshold))
                {
                  self->alive[v] = 0;
                  shard->tally.crashed++;
                  g_array_append_val (shard->crash_events, v);
                }
            }
          else if (gv_rng_chance (&rng, self->recover_threshold))
            {
              self->alive[v] = 1;
              shard->tally.recovered++;
              g_array_append_val (shard->recover_events, v);
              if (self->params->recover_loses_state)
                self->ops->reset_node (self, v);
            }
        }
    }

  if (self->ops->begin_round != NULL)
    self->ops->begin_round (shard);
}

static void
prepare_shard (GvEngine *self,
               GvShard  *shard)
{
  shard->round = self->now;
  shard->params = self->params;
  shard->all_alive = self->all_alive;
  shard->loss_threshold = self->loss_threshold;
  shard->wants_outcomes = self->wants_outcomes && self->ops->outcome != NULL;
  shard->loss_node = GV_NEVER;
  shard->data = self->protocol_data;
}

void
gv_phase_act (GvShard *shard)
{
  for (guint d = 0; d < shard->n_shards; d++)
    {
      shard->outboxes[d].len = 0;
      shard->outboxes[d].n_words = 0;
    }

  shard->ops->act (shard);
}

static void
apply_note (GvShard     *shard,
            const GvMsg *note)
{
  GvMsg reply = {
    .dst = note->src,
    .src = note->dst,
    .a = note->a,
    .kind = note->kind,
    .flags = (guint8) ((note->flags & GV_MSG_DATA) | GV_MSG_REPLY),
  };

  if (shard->detail)
    shard->node_sent[note->dst]++;
  if (shard->wants_outcomes)
    shard->ops->outcome (shard, note->dst, &reply,
                         (GvOutcome) (note->flags >> GV_MSG_OUTCOME_SHIFT), note->b);
}

void
gv_phase_deliver (GvShard *shard)
{
  GvEngine *self = shard->engine;

  for (guint s = 0; s < self->n_shards; s++)
    {
      const GvOutbox *inbox = &self->shards[s].outboxes[shard->index];
      gsize i = 0;

      /* Runs of data messages go to the protocol together; notes, in their place. */
      while (i < inbox->len)
        {
          gsize j = i;

          if (inbox->msgs[i].flags & GV_MSG_NOTE)
            {
              apply_note (shard, &inbox->msgs[i]);
              i++;
              continue;
            }
          while (j < inbox->len && !(inbox->msgs[j].flags & GV_MSG_NOTE))
            j++;
          self->ops->apply (shard, inbox->msgs + i, inbox->words, j - i);
          i = j;
        }
    }

  tally_reset_nodes (self, &shard->tally);
  self->ops->settle (shard, TRUE);
}

void
gv_phase_tally (GvShard *shard)
{
  tally_reset_nodes (shard->engine, &shard->tally);
  shard->engine->ops->settle (shard, FALSE);
}

/* The hand-offs of a phase go through atomics as well as the pool and the condition:
 * GLib's mutexes are futexes that ThreadSanitizer cannot see, while these atomics give
 * it (and the reader) the happens-before edges: the caller's release store of
 * phase_pending publishes the phase, each worker's acquire load takes it up, and each
 * worker's decrement publishes its shard's results back to the caller. */
static void
pool_func (gpointer data,
           gpointer user_data)
{
  GvShard *shard = data;
  GvEngine *self = user_data;

  (void) g_atomic_int_get (&self->phase_pending);
  self->phase_func (shard);

  if (g_atomic_int_dec_and_test (&self->phase_pending))
    {
      g_mutex_lock (&self->phase_mutex);
      g_cond_signal (&self->phase_cond);
      g_mutex_unlock (&self->phase_mutex);
    }
}

void
gv_engine_run_phase (GvEngine *self,
                     void    (*func) (GvShard *shard))
{
  for (guint s = 0; s < self->n_shards; s++)
    prepare_shard (self, &self->shards[s]);

  if (self->n_shards == 1)
    {
      func (&self->shards[0]);
      return;
    }

  self->phase_func = func;
  g_atomic_int_set (&self->phase_pending, (gint) self->n_shards - 1);

  for (guint s = 1; s < self->n_shards; s++)
    g_thread_pool_push (self->pool, &self->shards[s], NULL);

  func (&self->shards[0]);

  g_mutex_lock (&self->phase_mutex);
  while (g_atomic_int_get (&self->phase_pending) > 0)
    g_cond_wait (&self->phase_cond, &self->phase_mutex);
  g_mutex_unlock (&self->phase_mutex);
}

static guint32
shard_start (guint32 n_nodes,
             guint   n_shards,
             guint   s)
{
  guint64 start;

  if (s == 0)
    return 0;
  if (s >= n_shards)
    return n_nodes;
  start = ((guint64) s * n_nodes / n_shards + 63) / 64 * 64;
  return (guint32) MIN (start, n_nodes);
}

void
gv_engine_make_shards (GvEngine *self)
{
  guint n_shards = MAX (1, MIN (self->n_threads, self->n_nodes / MIN_SHARD_NODES));
  double shard_scale = (double) n_shards / self->n_nodes;

  self->n_shards = n_shards;
  self->shards = g_new0 (GvShard, n_shards);

  for (guint s = 0; s < n_shards; s++)
    {
      GvShard *shard = &self->shards[s];

      shard->engine = self;
      shard->index = s;
      /* Equal ranges, each starting at a multiple of 64 nodes so that protocols can
       * scan their state a word at a time; gv_shard_of() corrects its guess. */
      shard->begin = shard_start (self->n_nodes, n_shards, s);
      shard->end = shard_start (self->n_nodes, n_shards, s + 1);
      shard->ops = self->ops;
      shard->alive = self->alive;
      shard->detail = self->detail;
      shard->seed_key = self->seed_key;
      shard->one_of_all = self->topology->offsets == NULL && self->params->fanout == 1;
      shard->n_others = self->n_nodes - 1;
      shard->shards = self->shards;
      shard->n_shards = n_shards;
      shard->shard_scale = shard_scale;
      shard->outboxes = g_new0 (GvOutbox, n_shards);
      shard->peers = g_new (guint32, MAX (self->params->fanout, 1));
      shard->node_sent = self->node_sent;
      shard->node_received = self->node_received;
      shard->node_redundant = self->node_redundant;
      shard->message_events = g_array_new (FALSE, FALSE, sizeof (GvMessageEvent));
      shard->state_events = g_array_new (FALSE, FALSE, sizeof (GvStateEvent));
      shard->crash_events = g_array_new (FALSE, FALSE, sizeof (guint32));
      shard->recover_events = g_array_new (FALSE, FALSE, sizeof (guint32));
    }

  if (n_shards > 1)
    self->pool = g_thread_pool_new (pool_func, self, n_shards - 1, TRUE, NULL);
}
