/* gv-rumor.c: rumour mongering with Demers' stop rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rumour keeps one status byte a node (does not hold it, holds it and spreads it,
 * holds it and lost interest) and the round in which the node learned it.  Peers read
 * only the status bytes, which stay small enough for the cache even at a million nodes.
 * A synchronous round needs no second copy: statuses change only when the round's
 * messages are delivered, after every node has sent, so nobody acts on news before
 * the next round.
 *
 * Stop rules (Demers et al. 1987, section 1.4):
 *   feedback-counter K  lose interest after K contacts in a row with nodes that already
 *                       knew: a contact with a node that did not know starts the count
 *                       again.  This reading reproduces Demers' Table 1; a count that never
 *                       restarts stops nodes sooner (residue 0.048 against 0.037 at K = 2).
 *   blind-counter K     lose interest after K contacts;
 *   feedback-coin K     after each contact with a node that already knew, lose interest
 *                       with probability 1/K;
 *   blind-coin K        after each contact, lose interest with probability 1/K;
 *   ttl H               message aging: a copy's age grows by one at every hop and every
 *                       round it is held, so it equals the rounds since the injection;
 *                       nobody passes it on after H rounds.
 * "Already knew" is judged against the receiver's state at the end of the previous
 * round, as a synchronous round requires.
 */

#define G_LOG_DOMAIN "gv-rumor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gv-engine-private.h"
#include "gv-error.h"

enum
{
  STATUS_NONE = 0,     /* does not hold the rumour */
  STATUS_HOT = 1,      /* holds it and spreads it */
  STATUS_REMOVED = 2,  /* holds it and has lost interest */
  STATUS_NEW = 3,      /* fast path: took it this round; counts as NONE until settled */
};

typedef struct
{
  guint      n_rumors;
  guint32    inject_round[GV_MAX_RUMORS];
  guint32    origin[GV_MAX_RUMORS];
  guint8    *status[GV_MAX_RUMORS];
  guint32   *informed[GV_MAX_RUMORS];  /* round it learned it, GV_NEVER */
  guint8    *count[GV_MAX_RUMORS];     /* counters: contacts so far; coins: this round's */
  guint32   *first[GV_MAX_RUMORS];     /* only when recovery loses state: first informed */
  guint32   *peers;                    /* per shard: room for a fanout of peers */
} Rumor;

static inline gboolean
is_feedback (GvStopRule rule)
{
  return rule == GV_STOP_FEEDBACK_COUNTER || rule == GV_STOP_FEEDBACK_COIN;
}

static inline gboolean
is_blind (GvStopRule rule)
{
  return rule == GV_STOP_BLIND_COUNTER || rule == GV_STOP_BLIND_COIN;
}

/* The rumours that may still be spread in round r: message aging retires them all at
 * once, H rounds after their injection. */
static inline guint32
live_mask (const Rumor    *R,
           const GvParams *p,
           guint32         r)
{
  guint32 mask = 0;

  for (guint i = 0; i < R->n_rumors; i++)
    if (p->stop != GV_STOP_TTL || r - R->inject_round[i] <= p->stop_k)
      mask |= 1u << i;

  return mask;
}

static inline guint32
hot_mask (const Rumor *R,
          guint32      node,
          guint32      live)
{
  guint32 mask = 0;

  for (guint32 m = live; m != 0; m &= m - 1)
    {
      guint i = (guint) __builtin_ctz (m);

      if (R->status[i][node] == STATUS_HOT)
        mask |= 1u << i;
    }

  return mask;
}

static inline guint32
known_mask (const Rumor *R,
            guint32      candidates,
            guint32      node)
{
  guint32 known = 0;

  for (guint32 m = candidates; m != 0; m &= m - 1)
    {
      guint i = (guint) __builtin_ctz (m);

      guint8 status = R->status[i][node];

      if (status != STATUS_NONE && status != STATUS_NEW)
        known |= 1u << i;
    }

  return known;
}

static inline void
bump (Rumor   *R,
      guint32  mask,
      guint32  node)
{
  for (guint32 m = mask; m != 0; m &= m - 1)
    {
      guint8 *c = &R->count[__builtin_ctz (m)][node];

      if (*c < G_MAXUINT8)
        (*c)++;
    }
}

/* Feedback counter: a contact that told the peer something new starts the count again. */
static inline void
restart_count (Rumor   *R,
               guint32  mask,
               guint32  node)
{
  for (guint32 m = mask; m != 0; m &= m - 1)
    R->count[__builtin_ctz (m)][node] = 0;
}

static void
rumor_init (GvEngine *engine)
{
  Rumor *R = g_new0 (Rumor, 1);

  R->peers = g_new (guint32, (gsize) engine->n_shards * MAX (engine->params->fanout, 1));
  engine->protocol_data = R;
}

static void
rumor_finalize (GvEngine *engine)
{
  Rumor *R = engine->protocol_data;

  for (guint i = 0; i < R->n_rumors; i++)
    {
      g_free (R->status[i]);
      g_free (R->informed[i]);
      g_free (R->count[i]);
      g_free (R->first[i]);
    }
  g_free (R->peers);
  g_clear_pointer (&engine->protocol_data, g_free);
}

static void
rumor_reset_node (GvEngine *engine,
                  guint32   node)
{
  Rumor *R = engine->protocol_data;

  for (guint i = 0; i < R->n_rumors; i++)
    {
      R->status[i][node] = STATUS_NONE;
      R->informed[i][node] = GV_NEVER;
      R->count[i][node] = 0;
    }
}

#define PREFETCH_BLOCK 32

/* Whether rumor_send_fast() plays the round: one rumour, no detail, and no stop rule
 * that counts a pulled node's answers. */
static inline gboolean
uses_fast_path (GvEngine    *engine,
                const Rumor *R)
{
  const GvParams *p = engine->params;
  gboolean counts_answers = p->exchange != GV_EXCHANGE_PUSH &&
                            (is_feedback (p->stop) || is_blind (p->stop));

  return R->n_rumors == 1 && !engine->detail && !counts_answers;
}

/* Whether any of the PREFETCH_BLOCK bytes at @bytes equals @value, a word at a time. */
static inline gboolean
any_byte_is (const guint8 *bytes,
             guint8        value)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 found = 0;

  /* Other shards may mark these bytes meanwhile; whole-word atomic loads keep that a
   * defined race.  Blocks start at multiples of 64 nodes, so the words are aligned. */
  g_assert (((guintptr) bytes & 7) == 0);
  for (guint i = 0; i < PREFETCH_BLOCK; i += 8)
    {
      guint64 w = __atomic_load_n ((const guint64 *) (gconstpointer) (bytes + i), __ATOMIC_RELAXED);
      guint64 x;

      x = w ^ (ones * value);
      found |= (x - ones) & ~x & highs;
    }

  return found != 0;
}

static inline guint8
load_status (const guint8 *status)
{
  return __atomic_load_n (status, __ATOMIC_RELAXED);
}

static inline gboolean
lacks (guint8 status)
{
  return status == STATUS_NONE || status == STATUS_NEW;
}

/* One rumour, no detail, no stop rule that counts a pulled node's answers: the only
 * effect a message has on
 * its receiver is "it took the rumour this round", which is the same whichever message
 * lands first.  So senders mark receivers directly, with relaxed atomic stores of one
 * value, and no message is queued: the run stays independent of thread timing. */
/* Draws the targets of nodes [begin, end) (G_MAXUINT32 for a node that will not call)
 * and prefetches their statuses.  Returns whether any node calls. */
static inline gboolean
draw_block (const guint8 *status,
            const guint8 *alive,
            gboolean      all_alive,
            gboolean      push,
            gboolean      pull,
            gboolean      live,
            guint64       seed_key,
            guint32       r,
            guint32       n_others,
            guint32       begin,
            guint32       end,
            guint32      *ahead)
{
  if (!pull && end - begin == PREFETCH_BLOCK && !any_byte_is (status + begin, STATUS_HOT))
    {
      /* Push: only spreaders act, and early on whole blocks hold none. */
      return FALSE;
    }

  for (guint32 u = begin; u < end; u++)
    {
      GvRng rng;
      guint32 i;

      if ((!all_alive && !alive[u]) ||
          (!pull && !(push && live && load_status (&status[u]) == STATUS_HOT)))
        {
          ahead[u - begin] = G_MAXUINT32;
          continue;
        }

      gv_rng_init (&rng, seed_key, u, r, GV_RNG_PURPOSE_PEERS);
      i = gv_rng_below (&rng, n_others);
      ahead[u - begin] = i + (i >= u);
      __builtin_prefetch (&status[ahead[u - begin]]);
    }

  return TRUE;
}

static void
rumor_send_fast (GvShard *shard)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  const guint32 r = engine->now;
  const gboolean push = p->exchange != GV_EXCHANGE_PULL;
  const gboolean pull = p->exchange != GV_EXCHANGE_PUSH;
  const gboolean all_alive = engine->all_alive;
  const gboolean feedback = is_feedback (p->stop);
  const gboolean blind = is_blind (p->stop);
  const gboolean counter_restarts = p->stop == GV_STOP_FEEDBACK_COUNTER;
  const gboolean live = (live_mask (R, p, r) & 1) != 0;
  const guint64 loss = engine->loss_threshold;
  const guint8 *alive = engine->alive;
  guint8 *status = R->status[0];
  guint32 *peers = R->peers + (gsize) shard->index * MAX (p->fanout, 1);
  const guint64 seed_key = engine->seed_key;
  const gboolean one_of_all = engine->topology->offsets == NULL && p->fanout == 1;
  const guint32 n_others = engine->n_nodes - 1;
  const guint32 end = shard->end;
  const gboolean lean = one_of_all && all_alive && loss == 0 && !feedback && !blind;
  guint64 sent = 0, carrying = 0, lost = 0, dead = 0, redundant = 0, potential = 0;
  guint32 ahead_buf[2][PREFETCH_BLOCK];
  gboolean calls[2] = { FALSE, FALSE };
  guint32 *ahead = ahead_buf[0];

  if (one_of_all)
    calls[0] = draw_block (status, alive, all_alive, push, pull, live, seed_key, r, n_others,
                           shard->begin, MIN (end, shard->begin + PREFETCH_BLOCK), ahead_buf[0]);

  for (guint32 base = shard->begin, b = 0; base < end; base += PREFETCH_BLOCK, b++)
  {
    const guint32 stop = MIN (end, base + PREFETCH_BLOCK);

    /* The complete graph with fanout 1: the next block's targets are drawn and their
     * statuses prefetched while this block is played, so that every random read has
     * a block's worth of work to arrive in.  Every invariant stays in a register: the
     * byte stores below may alias anything. */
    ahead = ahead_buf[b & 1];
    if (one_of_all && stop < end)
      calls[(b + 1) & 1] = draw_block (status, alive, all_alive, push, pull, live, seed_key, r,
                                       n_others, stop, MIN (end, stop + PREFETCH_BLOCK),
                                       ahead_buf[(b + 1) & 1]);
    if (one_of_all ? !calls[b & 1]
                   : (!pull && stop - base == PREFETCH_BLOCK &&
                      !any_byte_is (status + base, STATUS_HOT)))
      /* Push: only spreaders act, and early on whole blocks hold none. */
      continue;

    if (lean)
      {
        /* The benchmark's case and the commonest one: no faults, no losses, no stop
         * rule that counts, one peer on the complete graph.  Counting calls and answers
         * apart keeps the loop short enough for the CPU to run ahead of its reads. */
        guint64 answers = 0, hot_calls = 0, calls_made = 0;

        for (guint32 u = base; u < stop; u++)
          {
            guint32 v = ahead[u - base];
            guint8 su, sv;
            guint32 hu;

            if (v == G_MAXUINT32)
              continue;

            su = load_status (&status[u]);
            sv = load_status (&status[v]);
            hu = push & live & (su == STATUS_HOT);
            calls_made++;
            hot_calls += hu;

            if (hu)
              {
                if (lacks (sv))
                  {
                    __atomic_store_n (&status[v], STATUS_NEW, __ATOMIC_RELAXED);
                    potential++;
                  }
                else
                  redundant++;
              }

            if (pull && live && sv == STATUS_HOT)
              {
                answers++;
                if (lacks (su))
                  {
                    __atomic_store_n (&status[u], STATUS_NEW, __ATOMIC_RELAXED);
                    potential++;
                  }
                else
                  redundant++;
              }
          }

        sent += calls_made + answers;
        carrying += hot_calls + answers;
        continue;
      }

  for (guint32 u = base; u < stop; u++)
    {
      guint8 su;
      guint32 hu;
      guint32 n_peers;
      GvRng rng, loss_rng = { 0 };

      if (one_of_all && ahead[u - base] == G_MAXUINT32)
        continue;

      if (!all_alive && !alive[u])
        continue;

      su = load_status (&status[u]);
      hu = push & live & (su == STATUS_HOT);
      if (!hu && !pull)
        continue;

      if (loss != 0)
        gv_rng_init (&loss_rng, seed_key, u, r, GV_RNG_PURPOSE_LOSS);
      if (one_of_all)
        {
          peers[0] = ahead[u - base];
          n_peers = 1;
        }
      else
        {
          gv_rng_init (&rng, seed_key, u, r, GV_RNG_PURPOSE_PEERS);
          n_peers = gv_engine_pick_peers (engine, &rng, u, peers);
        }

      for (guint32 k = 0; k < n_peers; k++)
        {
          guint32 v = peers[k];
          guint8 sv;

          sent++;
          carrying += hu;
          if (blind && hu)
            bump (R, 1, u);

          if (loss != 0 && gv_rng_chance (&loss_rng, loss))
            {
              lost++;
              continue;
            }
          if (!all_alive && !alive[v])
            {
              dead++;
              continue;
            }

          sv = load_status (&status[v]);

          if (hu)
            {
              if (lacks (sv))
                {
                  __atomic_store_n (&status[v], STATUS_NEW, __ATOMIC_RELAXED);
                  potential++;
                  if (counter_restarts)
                    restart_count (R, 1, u);
                }
              else
                {
                  redundant++;
                  if (feedback)
                    bump (R, 1, u);
                }
            }

          if (pull && live && sv == STATUS_HOT)
            {
              sent++;
              carrying++;
              if (loss != 0 && gv_rng_chance (&loss_rng, loss))
                lost++;
              else if (lacks (su))
                {
                  __atomic_store_n (&status[u], STATUS_NEW, __ATOMIC_RELAXED);
                  su = STATUS_NEW;
                  potential++;
                }
              else
                redundant++;
            }
        }
    }
  }

  shard->tally.sent += sent;
  shard->tally.carrying += carrying;
  shard->tally.lost += lost;
  shard->tally.dead += dead;
  shard->tally.redundant += redundant;
  shard->tally.potential += potential;
}


static void
rumor_send (GvShard *shard)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  const guint32 r = engine->now;
  const gboolean push = p->exchange != GV_EXCHANGE_PULL;
  const gboolean pull = p->exchange != GV_EXCHANGE_PUSH;
  const gboolean feedback = is_feedback (p->stop);
  const gboolean blind = is_blind (p->stop);
  const gboolean detail = engine->detail;
  const gboolean tell_responder = detail || feedback || blind;
  const gboolean all_alive = engine->all_alive;
  const guint64 loss = engine->loss_threshold;
  const guint8 *alive = engine->alive;
  const guint32 live = live_mask (R, p, r);
  guint32 *peers = R->peers + (gsize) shard->index * MAX (p->fanout, 1);
  GvTally *t = &shard->tally;
  guint64 sent = 0, carrying = 0, lost = 0, dead = 0, redundant = 0;

  if (R->n_rumors == 0)
    return;

  if (uses_fast_path (engine, R))
    {
      rumor_send_fast (shard);
      return;
    }

  for (guint32 u = shard->begin; u < shard->end; u++)
    {
      guint32 mine;
      guint32 n_peers;
      GvRng rng, loss_rng = { 0 };

      if (!all_alive && !alive[u])
        continue;

      mine = push ? hot_mask (R, u, live) : 0;
      if (mine == 0 && !pull)
        continue;

      gv_rng_init (&rng, engine->seed_key, u, r, GV_RNG_PURPOSE_PEERS);
      if (loss != 0)
        gv_rng_init (&loss_rng, engine->seed_key, u, r, GV_RNG_PURPOSE_LOSS);
      n_peers = gv_engine_pick_peers (engine, &rng, u, peers);

      for (guint32 k = 0; k < n_peers; k++)
        {
          guint32 v = peers[k];
          guint32 theirs;

          /* u -> v: the rumours u spreads, or a bare request. */
          sent++;
          carrying += mine != 0;
          if (detail)
            engine->node_sent[u]++;
          if (blind && mine != 0)
            bump (R, mine, u);

          if (loss != 0 && gv_rng_chance (&loss_rng, loss))
            {
              lost++;
              if (detail)
                gv_shard_record_message (shard, u, v, GV_MESSAGE_LOST, mine != 0);
              continue;
            }

          if (!all_alive && !alive[v])
            {
              dead++;
              if (detail)
                gv_shard_record_message (shard, u, v, GV_MESSAGE_DEAD, mine != 0);
              continue;
            }

          if (mine != 0)
            {
              guint32 known = known_mask (R, mine, v);

              if (feedback && known != 0)
                bump (R, known, u);
              if (p->stop == GV_STOP_FEEDBACK_COUNTER && (mine & ~known) != 0)
                restart_count (R, mine & ~known, u);
              if ((mine & ~known) != 0 || detail)
                gv_shard_post (shard, v, u, GV_MSG_RUMOR, mine & ~known, 0);
              else
                redundant++;
            }
          else if (detail)
            gv_shard_record_message (shard, u, v, GV_MESSAGE_REQUEST, FALSE);

          if (!pull)
            continue;

          /* v -> u: v answers with what it spreads. */
          theirs = hot_mask (R, v, live);
          if (theirs == 0)
            continue;

          sent++;
          carrying++;

          if (loss != 0 && gv_rng_chance (&loss_rng, loss))
            {
              lost++;
              if (detail)
                gv_shard_record_message (shard, v, u, GV_MESSAGE_LOST, TRUE);
              if (tell_responder)
                gv_shard_post (shard, v, u, GV_MSG_UNHEARD, theirs, 0);
            }
          else
            {
              guint32 known = known_mask (R, theirs, u);

              if ((theirs & ~known) != 0 || detail)
                gv_shard_post (shard, u, v, GV_MSG_RUMOR, theirs & ~known, 0);
              else
                redundant++;
              if (tell_responder)
                gv_shard_post (shard, v, u, GV_MSG_FEEDBACK, theirs, known);
            }
        }
    }

  t->sent += sent;
  t->carrying += carrying;
  t->lost += lost;
  t->dead += dead;
  t->redundant += redundant;
}

static void
rumor_deliver (GvShard     *shard,
               const GvMsg *msgs,
               gsize        n_msgs)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  const guint32 r = engine->now;
  const gboolean detail = engine->detail;
  GvTally *t = &shard->tally;

  for (gsize k = 0; k < n_msgs; k++)
    {
      const GvMsg *msg = &msgs[k];
      guint32 v = msg->dst;

      if (gv_msg_kind (msg) == GV_MSG_RUMOR)
        {
          gboolean useful = FALSE;

          for (guint32 m = msg->mask; m != 0; m &= m - 1)
            {
              guint i = (guint) __builtin_ctz (m);

              if (R->status[i][v] != STATUS_NONE)
                continue;

              R->status[i][v] = STATUS_HOT;
              R->informed[i][v] = r;
              useful = TRUE;
              t->newly_informed++;

              if (R->first[i] == NULL || R->first[i][v] == GV_NEVER)
                {
                  guint32 delay = r - R->inject_round[i];

                  if (R->first[i] != NULL)
                    R->first[i][v] = r;
                  t->delay_sum += delay;
                  t->delay_count++;
                  t->delay_max = MAX (t->delay_max, delay);
                }
            }

          if (!useful)
            t->redundant++;

          if (detail)
            {
              engine->node_received[v]++;
              if (!useful)
                engine->node_redundant[v]++;
              gv_shard_record_message (shard, msg->src, v,
                                       useful ? GV_MESSAGE_USEFUL : GV_MESSAGE_REDUNDANT, TRUE);
            }
        }
      else if (gv_msg_kind (msg) == GV_MSG_FEEDBACK)
        {
          /* v answered a pull with the rumours in mask; aux holds those the puller knew. */
          guint32 known = msg->aux & GV_MSG_AUX_MASK;

          if (detail)
            engine->node_sent[v]++;
          if (is_blind (p->stop))
            bump (R, msg->mask, v);
          else if (is_feedback (p->stop))
            bump (R, known, v);
          if (p->stop == GV_STOP_FEEDBACK_COUNTER)
            restart_count (R, msg->mask & ~known, v);
        }
      else if (gv_msg_kind (msg) == GV_MSG_UNHEARD)
        {
          /* v's answer was lost: it has spent a contact, and learnt nothing back. */
          if (detail)
            engine->node_sent[v]++;
          if (is_blind (p->stop))
            bump (R, msg->mask, v);
        }
    }
}

/* Stop rules at the end of round `now`, for one node and one rumour. */
static inline void
apply_stop_rule (GvEngine *engine,
                 Rumor    *R,
                 guint     i,
                 guint32   node,
                 GvRng    *rng,
                 gboolean *have_rng)
{
  const GvParams *p = engine->params;
  guint8 *c = &R->count[i][node];

  if (*c == 0)
    return;

  if (p->stop == GV_STOP_FEEDBACK_COUNTER || p->stop == GV_STOP_BLIND_COUNTER)
    {
      if (*c >= p->stop_k && R->status[i][node] == STATUS_HOT)
        R->status[i][node] = STATUS_REMOVED;
      return;
    }

  /* Coins: one toss for each contact of the round. */
  if (!*have_rng)
    {
      gv_rng_init (rng, engine->seed_key, node, engine->now, GV_RNG_PURPOSE_STOP);
      *have_rng = TRUE;
    }
  for (guint j = 0; j < *c && R->status[i][node] == STATUS_HOT; j++)
    if (gv_rng_below (rng, p->stop_k) == 0)
      R->status[i][node] = STATUS_REMOVED;
  *c = 0;
}

/* The one-rumour settle: takes in the fast path's marks, applies stop rules and
 * tallies, in one pass over the shard. */
static void
rumor_settle_one (GvShard  *shard,
                  gboolean  end_of_round)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  const gboolean stops = end_of_round && p->stop != GV_STOP_NONE && p->stop != GV_STOP_TTL;
  const gboolean live = (live_mask (R, p, engine->now + 1) & 1) != 0;
  const guint32 now = engine->now;
  const guint32 delay = now - R->inject_round[0];
  const guint8 *alive = engine->alive;
  guint8 *status = R->status[0];
  guint32 *first = R->first[0];
  GvTally *t = &shard->tally;
  guint32 n_alive = 0, informed = 0, spreading = 0, hot_crashed = 0, never = 0;
  guint64 marked = 0, delays = 0;

  if (!stops && first == NULL)
    {
      guint32 *informed_round = R->informed[0];
      const guint8 hot_value = live ? STATUS_HOT : 0xff;
      guint32 v = shard->begin;

      /* First the fast path's marks, eight nodes a word: most words hold none. */
      for (; v + 8 <= shard->end; v += 8)
        {
          guint64 w, x;

          memcpy (&w, status + v, sizeof w);
          x = w ^ G_GUINT64_CONSTANT (0x0303030303030303);
          if (((x - G_GUINT64_CONSTANT (0x0101010101010101)) & ~x &
               G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            continue;
          for (guint j = 0; j < 8; j++)
            if (status[v + j] == STATUS_NEW)
              {
                status[v + j] = STATUS_HOT;
                informed_round[v + j] = now;
                marked++;
              }
        }
      for (; v < shard->end; v++)
        if (status[v] == STATUS_NEW)
          {
            status[v] = STATUS_HOT;
            informed_round[v] = now;
            marked++;
          }
      delays = marked;

      if (end_of_round && engine->all_alive && uses_fast_path (engine, R))
        {
          /* Nobody crashed, recovered or lost interest: the tally follows from the last
           * one and the marks, without another pass. */
          n_alive = shard->settled_alive;
          informed = shard->settled_informed + (guint32) marked;
          spreading = live ? informed : 0;
          never = n_alive - informed;
          goto done;
        }

      /* Then the tally, branch-free so that it vectorises. */
      for (v = shard->begin; v < shard->end; v++)
        {
          guint32 st = status[v];
          guint32 a = alive[v] != 0;
          guint32 hot = st == hot_value;

          n_alive += a;
          informed += a & (st != STATUS_NONE);
          spreading += a & hot;
          hot_crashed += (a ^ 1) & hot;
          never += a & (st == STATUS_NONE);
        }
    }
  else for (guint32 v = shard->begin; v < shard->end; v++)
    {
      guint8 s = status[v];
      guint32 a = alive[v] != 0;
      guint32 hot;

      if G_UNLIKELY (s == STATUS_NEW)
        {
          s = status[v] = STATUS_HOT;
          R->informed[0][v] = now;
          marked++;
          if (first == NULL || first[v] == GV_NEVER)
            {
              if (first != NULL)
                first[v] = now;
              delays++;
            }
        }

      if (stops)
        {
          gboolean have_rng = FALSE;
          GvRng rng;

          apply_stop_rule (engine, R, 0, v, &rng, &have_rng);
          s = status[v];
        }

      hot = live && s == STATUS_HOT;
      n_alive += a;
      informed += a & (s != STATUS_NONE);
      spreading += a & hot;
      hot_crashed += (a ^ 1) & hot;
      if (s == STATUS_NONE && a && (first == NULL || first[v] == GV_NEVER))
        never++;
    }

done:
  shard->settled_alive = n_alive;
  shard->settled_informed = informed;
  t->alive += n_alive;
  t->informed += informed;
  t->spreading += spreading;
  t->hot_crashed += hot_crashed;
  t->never_informed += never;
  t->marked += marked;
  t->newly_informed += marked;
  t->delay_count += delays;
  t->delay_sum += delays * delay;
  if (delays > 0)
    t->delay_max = MAX (t->delay_max, delay);
}

static void
rumor_settle (GvShard  *shard,
              gboolean  end_of_round)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  const gboolean stops = end_of_round &&
                         p->stop != GV_STOP_NONE && p->stop != GV_STOP_TTL;
  /* What a node will spread in the next round. */
  const guint32 live = live_mask (R, p, engine->now + 1);
  const guint32 all = R->n_rumors == 0 ? 0 : (guint32) ((1ull << R->n_rumors) - 1);
  GvTally *t = &shard->tally;

  if (R->n_rumors == 1)
    {
      rumor_settle_one (shard, end_of_round);
      return;
    }

  for (guint32 v = shard->begin; v < shard->end; v++)
    {
      guint32 held = 0, hot = 0, never = 0;
      gboolean have_rng = FALSE;
      GvRng rng;

      for (guint i = 0; i < R->n_rumors; i++)
        {
          if (stops)
            apply_stop_rule (engine, R, i, v, &rng, &have_rng);

          switch (R->status[i][v])
            {
            case STATUS_HOT:
              held |= 1u << i;
              hot |= 1u << i;
              break;
            case STATUS_REMOVED:
              held |= 1u << i;
              break;
            default:
              never += R->first[i] == NULL || R->first[i][v] == GV_NEVER;
              break;
            }
        }

      gv_tally_node (t, engine->alive[v], held == all, (hot & live) != 0, never);
    }
}

static GvNodeState
rumor_summarise (GvEngine *engine,
                 guint32   node,
                 gboolean *informed,
                 gboolean *hot,
                 guint32  *never_known)
{
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  const guint32 live = live_mask (R, p, engine->now + 1);
  gboolean all = TRUE;
  gboolean spreading = FALSE;
  guint32 never = 0;

  for (guint i = 0; i < R->n_rumors; i++)
    {
      guint8 status = R->status[i][node];

      if (status == STATUS_NONE)
        {
          all = FALSE;
          if (R->first[i] == NULL || R->first[i][node] == GV_NEVER)
            never++;
        }
      else if (status == STATUS_HOT && (live & (1u << i)) != 0)
        spreading = TRUE;
    }

  *informed = all;
  *hot = spreading;
  *never_known = never;

  if (!engine->alive[node])
    return GV_NODE_CRASHED;
  if (R->n_rumors == 0 || !all)
    return GV_NODE_UNINFORMED;
  return spreading ? GV_NODE_SPREADING : GV_NODE_REMOVED;
}

/* One rumour: the state follows from the status byte and the alive byte, in a loop the
 * compiler vectorises; the GUI asks for it after every round. */
static void
rumor_states (GvEngine *engine,
              guint8   *out)
{
  Rumor *R = engine->protocol_data;
  const guint8 *alive = engine->alive;
  const guint8 *status;
  guint8 hot_state;

  if (R->n_rumors != 1)
    {
      for (guint32 v = 0; v < engine->n_nodes; v++)
        {
          gboolean informed, hot;
          guint32 never;

          out[v] = (guint8) rumor_summarise (engine, v, &informed, &hot, &never);
        }
      return;
    }

  status = R->status[0];
  hot_state = (live_mask (R, engine->params, engine->now + 1) & 1) ? GV_NODE_SPREADING
                                                                   : GV_NODE_REMOVED;
  for (guint32 v = 0; v < engine->n_nodes; v++)
    {
      guint8 s = status[v];
      guint8 state = s == STATUS_NONE ? GV_NODE_UNINFORMED
                   : s == STATUS_HOT ? hot_state : GV_NODE_REMOVED;

      out[v] = alive[v] ? state : GV_NODE_CRASHED;
    }
}

static gboolean
rumor_inject (GvEngine  *engine,
              guint32    node,
              guint32    key,
              GError   **error)
{
  Rumor *R = engine->protocol_data;
  guint i = R->n_rumors;

  if (i >= GV_MAX_RUMORS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("a run holds at most %d rumours"), GV_MAX_RUMORS);
      return FALSE;
    }

  R->status[i] = g_new0 (guint8, engine->n_nodes);
  R->informed[i] = g_new (guint32, engine->n_nodes);
  memset (R->informed[i], 0xff, sizeof (guint32) * engine->n_nodes);
  R->count[i] = g_new0 (guint8, engine->n_nodes);
  if (engine->params->recover_loses_state)
    {
      R->first[i] = g_new (guint32, engine->n_nodes);
      memset (R->first[i], 0xff, sizeof (guint32) * engine->n_nodes);
      R->first[i][node] = engine->round;
    }

  R->inject_round[i] = engine->round;
  R->origin[i] = node;
  R->status[i][node] = STATUS_HOT;
  R->informed[i][node] = engine->round;
  R->n_rumors = i + 1;

  return TRUE;
}

static void
rumor_node_info (GvEngine   *engine,
                 guint32     node,
                 GvNodeInfo *info)
{
  Rumor *R = engine->protocol_data;

  info->known = 0;
  for (guint i = 0; i < R->n_rumors; i++)
    info->known += R->status[i][node] != STATUS_NONE;

  /* The newest rumour is the one a viewer asks about. */
  if (R->n_rumors > 0)
    {
      guint i = R->n_rumors - 1;
      guint32 first = R->first[i] != NULL ? R->first[i][node] : R->informed[i][node];

      info->first_informed = first == GV_NEVER ? -1 : (gint64) first;
    }
}

const GvProtocol gv_rumor_protocol = {
  .name = "rumor",
  .init = rumor_init,
  .finalize = rumor_finalize,
  .reset_node = rumor_reset_node,
  .begin_round = NULL,
  .send = rumor_send,
  .deliver = rumor_deliver,
  .settle = rumor_settle,
  .summarise = rumor_summarise,
  .states = rumor_states,
  .same_state = NULL,
  .inject = rumor_inject,
  .node_info = rumor_node_info,
};
