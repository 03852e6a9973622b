/* gv-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A round runs in three phases, each split into shards of contiguous nodes that run on
 * the worker pool and meet at a barrier:
 *
 *   1. faults: crashes and recoveries, then the protocol's begin_round;
 *   2. send:   every alive node picks its peers and sends; what the sender cannot
 *              settle alone goes to the outbox of the receiver's shard;
 *   3. deliver: each shard applies its inboxes in the order of the sending shards (so
 *              in the order of the senders), then settles its own nodes and tallies them.
 *
 * Nothing is locked on the hot path: a worker writes only to its own nodes and its
 * own outboxes.  Draws come from streams keyed by (seed, node, round), so a run does
 * not depend on the number of shards.
 */

#define G_LOG_DOMAIN "gv-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "gv-engine-private.h"
#include "gv-error.h"

/* Below this many nodes a shard costs more in hand-offs than it saves. */
#define MIN_SHARD_NODES 1024

void
gv_outbox_grow (GvOutbox *outbox)
{
  outbox->cap = MAX (256, outbox->cap * 2);
  outbox->data = g_renew (GvMsg, outbox->data, outbox->cap);
}

void
gv_shard_record_message (GvShard          *shard,
                         guint32           src,
                         guint32           dst,
                         GvMessageOutcome  outcome,
                         gboolean          carries_data)
{
  GvMessageEvent ev = { src, dst, (guint8) outcome, (guint8) !!carries_data, 0 };

  g_array_append_val (shard->message_events, ev);
}

guint32
gv_engine_pick_peers_slow (GvEngine *self,
                      GvRng    *rng,
                      guint32   node,
                      guint32  *out)
{
  const GvTopology *topo = self->topology;
  guint32 fanout = self->params->fanout;
  guint32 degree = topo->offsets == NULL ? self->n_nodes - 1
                                         : topo->offsets[node + 1] - topo->offsets[node];

  if G_LIKELY (fanout == 1 && degree > 0)
    {
      out[0] = gv_topology_neighbor (topo, node, gv_rng_below (rng, degree));
      return 1;
    }

  if (fanout >= degree)
    {
      for (guint32 i = 0; i < degree; i++)
        out[i] = gv_topology_neighbor (topo, node, i);
      return degree;
    }

  /* Floyd's algorithm: fanout distinct indices from [0, degree) with fanout draws. */
  for (guint32 j = degree - fanout, k = 0; j < degree; j++, k++)
    {
      guint32 t = gv_rng_below (rng, j + 1);
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

/* Detail mode: the nodes whose look changed since the last record.  Taken once a round,
 * after any injection, so that each node appears at most once, in node order. */
static void
phase_changes (GvShard *shard)
{
  GvEngine *self = shard->engine;

  g_array_set_size (shard->state_events, 0);
  for (guint32 v = shard->begin; v < shard->end; v++)
    {
      gboolean informed, hot;
      guint32 never;
      GvNodeState state = self->protocol->summarise (self, v, &informed, &hot, &never);

      if (self->last_state[v] != state)
        {
          GvStateEvent ev = { v, (guint8) state, { 0, 0, 0 } };

          self->last_state[v] = (guint8) state;
          g_array_append_val (shard->state_events, ev);
        }
    }
}

static void
tally_reset (GvTally *t)
{
  t->alive = t->informed = t->spreading = t->hot_crashed = 0;
  t->never_informed = 0;
  t->uniform = TRUE;
  t->uniform_ref = -1;
}

static void
phase_faults (GvShard *shard)
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
                self->protocol->reset_node (self, v);
            }
        }
    }

  if (self->protocol->begin_round != NULL)
    self->protocol->begin_round (shard);
}

static void
phase_send (GvShard *shard)
{
  for (guint d = 0; d < shard->engine->n_shards; d++)
    shard->outboxes[d].len = 0;

  shard->engine->protocol->send (shard);
}

static void
phase_deliver (GvShard *shard)
{
  GvEngine *self = shard->engine;

  for (guint s = 0; s < self->n_shards; s++)
    {
      const GvOutbox *inbox = &self->shards[s].outboxes[shard->index];

      if (inbox->len > 0)
        self->protocol->deliver (shard, inbox->data, inbox->len);
    }

  tally_reset (&shard->tally);
  self->protocol->settle (shard, TRUE);
}

static void
phase_tally (GvShard *shard)
{
  tally_reset (&shard->tally);
  shard->engine->protocol->settle (shard, FALSE);
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

static void
run_phase (GvEngine *self,
           void    (*func) (GvShard *shard))
{
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

static void
make_shards (GvEngine *self)
{
  guint n_shards = MAX (1, MIN (self->n_threads, self->n_nodes / MIN_SHARD_NODES));

  self->n_shards = n_shards;
  self->shard_scale = (double) n_shards / self->n_nodes;
  self->shards = g_new0 (GvShard, n_shards);

  for (guint s = 0; s < n_shards; s++)
    {
      GvShard *shard = &self->shards[s];

      shard->engine = self;
      shard->index = s;
      /* Equal ranges, each starting at a multiple of 64 nodes so that protocols can
       * scan their state a word at a time; gv_engine_shard_of() corrects its guess. */
      shard->begin = shard_start (self->n_nodes, n_shards, s);
      shard->end = shard_start (self->n_nodes, n_shards, s + 1);
      shard->outboxes = g_new0 (GvOutbox, n_shards);
      shard->message_events = g_array_new (FALSE, FALSE, sizeof (GvMessageEvent));
      shard->state_events = g_array_new (FALSE, FALSE, sizeof (GvStateEvent));
      shard->crash_events = g_array_new (FALSE, FALSE, sizeof (guint32));
      shard->recover_events = g_array_new (FALSE, FALSE, sizeof (guint32));
    }

  if (n_shards > 1)
    self->pool = g_thread_pool_new (pool_func, self, n_shards - 1, TRUE, NULL);
}

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
      if (!self->protocol->inject (self, inj->node, inj->key, &error))
        g_critical ("Scheduled injection failed: %s", error->message);
      else
        self->n_injected++;
      self->next_pending++;
    }
}

static void
merge_tallies (GvEngine *self,
               GvTally  *out)
{
  memset (out, 0, sizeof *out);
  out->uniform = TRUE;
  out->uniform_ref = -1;

  for (guint s = 0; s < self->n_shards; s++)
    {
      const GvTally *t = &self->shards[s].tally;

      out->sent += t->sent;
      out->carrying += t->carrying;
      out->lost += t->lost;
      out->dead += t->dead;
      out->redundant += t->redundant;
      out->potential += t->potential;
      out->marked += t->marked;
      out->delay_sum += t->delay_sum;
      out->delay_count += t->delay_count;
      out->delay_max = MAX (out->delay_max, t->delay_max);
      out->alive += t->alive;
      out->informed += t->informed;
      out->spreading += t->spreading;
      out->hot_crashed += t->hot_crashed;
      out->newly_informed += t->newly_informed;
      out->crashed += t->crashed;
      out->recovered += t->recovered;
      out->never_informed += t->never_informed;

      if (self->protocol->same_state != NULL && t->uniform_ref >= 0)
        {
          if (!t->uniform)
            out->uniform = FALSE;
          else if (out->uniform_ref < 0)
            out->uniform_ref = t->uniform_ref;
          else if (out->uniform &&
                   !self->protocol->same_state (self, (guint32) out->uniform_ref,
                                                (guint32) t->uniform_ref))
            out->uniform = FALSE;
        }
    }
}

/* The fast path counts data sent to nodes that lacked it and the nodes that took it;
 * every such message but the first to each node was redundant. */
static void
settle_redundant (GvTally *t)
{
  g_assert (t->potential >= t->marked);
  t->redundant += t->potential - t->marked;
  t->potential = t->marked = 0;
}

/* The counts of nodes (who is alive, informed, spreading...) of @from, into @to, whose
 * message counters stay. */
static void
take_node_counts (GvTally       *to,
                  const GvTally *from)
{
  to->alive = from->alive;
  to->informed = from->informed;
  to->spreading = from->spreading;
  to->hot_crashed = from->hot_crashed;
  to->never_informed = from->never_informed;
  to->uniform = from->uniform;
  to->uniform_ref = from->uniform_ref;
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
  const GvParams *p = self->params;
  gboolean pending = self->next_pending < self->pending->len;
  gboolean done;

  if (p->mode == GV_MODE_ANTI_ENTROPY)
    self->converged = t->alive > 0 && t->uniform;
  else
    self->converged = t->alive > 0 && t->informed == t->alive;

  if (p->mode == GV_MODE_RUMOR && p->stop != GV_STOP_NONE)
    /* Demers' measure: the epidemic is over when nobody spreads any more.  A crashed
     * spreader counts while it may still recover. */
    done = !pending && t->spreading == 0 &&
           (self->recover_threshold == 0 || t->hot_crashed == 0);
  else
    done = !pending && self->converged;

  self->finished = done || self->round >= p->max_rounds;
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

static GvRoundRecord *
make_record (GvEngine      *self,
             const GvTally *t)
{
  GvRoundRecord *rec = gv_round_record_new ();

  rec->round = self->round;
  rec->alive = t->alive;
  rec->informed = t->informed;
  rec->spreading = t->spreading;
  rec->newly_informed = t->newly_informed;
  rec->crashed = t->crashed;
  rec->recovered = t->recovered;
  rec->sent = t->sent;
  rec->carrying = t->carrying;
  rec->lost = t->lost;
  rec->dead = t->dead;
  rec->redundant = t->redundant;
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
          /* Shards are contiguous and ascending, so changes stay in node order. */
          if (c->len > 0)
            memcpy (rec->changes + rec->n_changes, c->data, c->len * sizeof (GvStateEvent));
          rec->n_changes += c->len;
        }

      /* Messages are gathered where they were sent or delivered, which depends on the
       * shards; sorting makes the record independent of the number of threads. */
      qsort (rec->messages, rec->n_messages, sizeof (GvMessageEvent), compare_message_events);
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
  self->total_sent = 0;
  self->total_carrying = 0;
  self->delay_sum = 0;
  self->delay_count = 0;
  self->delay_max = 0;
  self->next_pending = 0;
  self->n_injected = 0;
  self->loss_threshold = gv_rng_threshold (p->loss);
  self->crash_threshold = gv_rng_threshold (p->crash);
  self->recover_threshold = gv_rng_threshold (p->recover);

  memset (self->alive, 1, self->n_nodes);
  if (self->detail)
    {
      memset (self->last_state, GV_NODE_UNINFORMED, self->n_nodes);
      memset (self->node_sent, 0, sizeof (guint32) * self->n_nodes);
      memset (self->node_received, 0, sizeof (guint32) * self->n_nodes);
      memset (self->node_redundant, 0, sizeof (guint32) * self->n_nodes);
    }

  self->protocol->init (self);
  clear_shard_counters (self);
  apply_injections (self);
  run_phase (self, phase_tally);
  merge_tallies (self, &self->last_tally);
  update_finished (self, &self->last_tally);
}

GvEngine *
gv_engine_new_with_topology (const GvParams  *params,
                             GvTopology      *topology,
                             guint            n_threads,
                             GError         **error)
{
  g_autoptr(GvEngine) self = NULL;

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

  if (n_threads == 0)
    n_threads = g_get_num_processors ();

  self = g_new0 (GvEngine, 1);
  self->params = gv_params_copy (params);
  self->topology = gv_topology_ref (topology);
  self->protocol = params->mode == GV_MODE_RUMOR ? &gv_rumor_protocol : &gv_anti_entropy_protocol;
  self->n_nodes = params->n_nodes;
  self->n_threads = MIN (n_threads, 256);
  self->seed_key = gv_rng_seed_key (params->seed);
  self->detail = params->n_nodes <= params->detail_cap;
  g_mutex_init (&self->phase_mutex);
  g_cond_init (&self->phase_cond);

  self->alive = g_malloc (self->n_nodes);
  if (self->detail)
    {
      self->last_state = g_malloc (self->n_nodes);
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

  make_shards (self);
  engine_setup (self);

  return g_steal_pointer (&self);
}

GvEngine *
gv_engine_new (const GvParams  *params,
               guint            n_threads,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(GvTopology) topology = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  topology = gv_topology_new (params, cancellable, error);
  if (topology == NULL)
    return NULL;

  return gv_engine_new_with_topology (params, topology, n_threads, error);
}

void
gv_engine_free (GvEngine *self)
{
  if (self == NULL)
    return;

  if (self->protocol != NULL && self->protocol_data != NULL)
    self->protocol->finalize (self);

  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);

  for (guint s = 0; s < self->n_shards; s++)
    {
      for (guint d = 0; d < self->n_shards; d++)
        g_free (self->shards[s].outboxes[d].data);
      g_free (self->shards[s].outboxes);
      g_array_unref (self->shards[s].message_events);
      g_array_unref (self->shards[s].state_events);
      g_array_unref (self->shards[s].crash_events);
      g_array_unref (self->shards[s].recover_events);
    }

  g_free (self->shards);
  g_clear_pointer (&self->pending, g_array_unref);
  g_free (self->alive);
  g_free (self->last_state);
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

  self->protocol->finalize (self);
  engine_setup (self);
}

const GvParams *
gv_engine_get_params (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->params;
}

GvTopology *
gv_engine_get_topology (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->topology;
}

guint
gv_engine_get_n_threads (GvEngine *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_threads;
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

  /* Tallied afresh, so that its state changes list every node not in the default
   * state; the counters of round 0 are all zero. */
  clear_shard_counters (self);
  if (self->detail)
    memset (self->last_state, GV_NODE_UNINFORMED, self->n_nodes);
  run_phase (self, phase_tally);
  merge_tallies (self, &t);
  if (self->detail)
    run_phase (self, phase_changes);

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
  self->all_alive = self->last_tally.alive == self->n_nodes && self->crash_threshold == 0;
  run_phase (self, phase_faults);
  run_phase (self, phase_send);
  run_phase (self, phase_deliver);
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
      run_phase (self, phase_tally);
      merge_tallies (self, &fresh);
      take_node_counts (&t, &fresh);
    }

  settle_redundant (&t);
  if (self->detail)
    run_phase (self, phase_changes);

  self->total_sent += t.sent;
  self->total_carrying += t.carrying;
  self->delay_sum += t.delay_sum;
  self->delay_count += t.delay_count;
  self->delay_max = MAX (self->delay_max, t.delay_max);
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
  const GvTally *t;

  g_return_if_fail (self != NULL);
  g_return_if_fail (summary != NULL);

  t = &self->last_tally;

  memset (summary, 0, sizeof *summary);
  summary->rounds = self->round;
  summary->converged = self->converged;
  summary->finished = self->finished;
  summary->messages = self->total_sent;
  summary->traffic = (double) self->total_carrying / self->n_nodes;
  summary->t_avg = self->delay_count > 0 ? (double) self->delay_sum / self->delay_count : 0.0;
  summary->t_last = self->delay_max;

  if (t->alive == 0)
    summary->residue = 0.0;
  else if (self->params->mode == GV_MODE_RUMOR)
    {
      /* Rumours injected so far: the scheduled ones and those given by hand. */
      guint injected = self->n_injected;

      summary->residue = injected > 0 ? (double) t->never_informed / ((double) t->alive * injected)
                                      : 0.0;
    }
  else
    summary->residue = 1.0 - (double) t->informed / t->alive;
}

GvNodeState
gv_engine_get_node_state (GvEngine *self,
                          guint32   node)
{
  gboolean informed, hot;
  guint32 never;

  g_return_val_if_fail (self != NULL, GV_NODE_UNINFORMED);
  g_return_val_if_fail (node < self->n_nodes, GV_NODE_UNINFORMED);

  return self->protocol->summarise (self, node, &informed, &hot, &never);
}

void
gv_engine_get_node_states (GvEngine *self,
                           guint8   *states)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (states != NULL);

  if (self->protocol->states != NULL)
    {
      self->protocol->states (self, states);
      return;
    }

  for (guint32 v = 0; v < self->n_nodes; v++)
    {
      gboolean informed, hot;
      guint32 never;

      states[v] = (guint8) self->protocol->summarise (self, v, &informed, &hot, &never);
    }
}

void
gv_engine_get_node_info (GvEngine   *self,
                         guint32     node,
                         GvNodeInfo *info)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (info != NULL);
  g_return_if_fail (node < self->n_nodes);

  memset (info, 0, sizeof *info);
  info->state = gv_engine_get_node_state (self, node);
  info->alive = self->alive[node] != 0;
  info->first_informed = -1;
  if (self->detail)
    {
      info->sent = self->node_sent[node];
      info->received = self->node_received[node];
      info->redundant = self->node_redundant[node];
    }
  self->protocol->node_info (self, node, info);
}

static void
retally (GvEngine *self)
{
  GvTally t;

  /* An intervention between rounds changes who is alive or informed: the counts of the
   * last round are taken again, its message counters kept. */
  for (guint s = 0; s < self->n_shards; s++)
    g_array_set_size (self->shards[s].state_events, 0);
  run_phase (self, phase_tally);
  merge_tallies (self, &t);
  take_node_counts (&self->last_tally, &t);
  self->finished = FALSE;
  update_finished (self, &self->last_tally);
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

  if (node >= self->n_nodes)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("there is no node %u: the nodes are numbered 0 to %u"),
                   node, self->n_nodes - 1);
      return FALSE;
    }

  if (!!self->alive[node] == !!alive)
    return TRUE;

  self->alive[node] = alive ? 1 : 0;
  if (alive && self->params->recover_loses_state)
    self->protocol->reset_node (self, node);
  retally (self);

  return TRUE;
}

gboolean
gv_engine_inject (GvEngine  *self,
                  guint32    node,
                  guint32    key,
                  GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (node >= self->n_nodes)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("there is no node %u: the nodes are numbered 0 to %u"),
                   node, self->n_nodes - 1);
      return FALSE;
    }

  if (!self->alive[node])
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("node %u has crashed; revive it before giving it news"), node);
      return FALSE;
    }

  if (!self->protocol->inject (self, node, key, error))
    return FALSE;

  self->n_injected++;
  retally (self);
  return TRUE;
}
