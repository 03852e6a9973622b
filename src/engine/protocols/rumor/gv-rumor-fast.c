/* gv-rumor-fast.c: the fast path of one rumour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rumour, no detail, no stop rule that counts a pulled node's answers: the only
 * effect a message has on its receiver is "it took the rumour this round", which is the
 * same whichever message lands first.  So senders mark receivers directly, with relaxed
 * one-byte atomic stores of one value, and no message is queued: the run stays
 * independent of thread timing, and equal, byte for byte, to the general path's
 * (test-fast-path checks that over a set of configurations).
 *
 * What makes it fast: the state peers read is one byte a node (a million nodes fit in
 * the L2 cache); targets are drawn a block ahead and prefetched; a delivery is an
 * idempotent mark; the settle's scan of the marks goes a word at a time.
 */

#define G_LOG_DOMAIN "gv-rumor"

#include "config.h"

#include "gv-rumor-private.h"

#define PREFETCH_BLOCK 32

/* Whether any of the PREFETCH_BLOCK bytes at @bytes equals @value.  Other shards may
 * mark these bytes meanwhile, with one-byte atomic stores; one-byte atomic loads keep
 * that a race C11 defines (a wider load over narrower stores would not be). */
static inline gboolean
any_byte_is (const guint8 *bytes,
             guint8        value)
{
  guint found = 0;

  for (guint i = 0; i < PREFETCH_BLOCK; i++)
    found |= __atomic_load_n (bytes + i, __ATOMIC_RELAXED) == value;

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

/* Draws the targets of nodes [begin, end) (G_MAXUINT32 for a node that will not call)
 * and prefetches their statuses.  Returns whether any node calls. */
static inline gboolean
draw_block (GvShard      *shard,
            const guint8 *status,
            const guint8 *alive,
            gboolean      all_alive,
            gboolean      push,
            gboolean      pull,
            gboolean      live,
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
      if ((!all_alive && !alive[u]) ||
          (!pull && !(push && live && load_status (&status[u]) == STATUS_HOT)))
        {
          ahead[u - begin] = G_MAXUINT32;
          continue;
        }

      gv_shard_pick_one_of_all (shard, u, &ahead[u - begin]);
      __builtin_prefetch (&status[ahead[u - begin]]);
    }

  return TRUE;
}

void
gv_rumor_act_fast (GvShard *shard)
{
  GvEngine *engine = shard->engine;
  Rumor *R = gv_engine_get_protocol_data (engine);
  const guint32 r = shard->round;
  const gboolean push = R->exchange != GV_EXCHANGE_PULL;
  const gboolean pull = R->exchange != GV_EXCHANGE_PUSH;
  const gboolean all_alive = shard->all_alive;
  const gboolean feedback = gv_stop_is_feedback (R->stop);
  const gboolean blind = gv_stop_is_blind (R->stop);
  const gboolean counter_restarts = R->stop == GV_STOP_FEEDBACK_COUNTER;
  const gboolean live = (rumor_live_mask (R, r) & 1) != 0;
  const guint64 loss = shard->loss_threshold;
  const guint8 *alive = shard->alive;
  guint8 *status = R->status[0];
  guint32 *peers = shard->peers;
  const guint64 seed_key = shard->seed_key;
  const gboolean one_of_all = shard->one_of_all;
  const guint32 end = shard->end;
  const gboolean lean = one_of_all && all_alive && loss == 0 && !feedback && !blind;
  guint64 sent_data = 0, sent_requests = 0, lost_data = 0, lost_requests = 0;
  guint64 dead_data = 0, dead_requests = 0, redundant = 0, potential = 0;
  guint32 ahead_buf[2][PREFETCH_BLOCK];
  gboolean calls[2] = { FALSE, FALSE };
  guint32 *ahead = ahead_buf[0];

  if (one_of_all)
    calls[0] = draw_block (shard, status, alive, all_alive, push, pull, live, shard->begin,
                           MIN (end, shard->begin + PREFETCH_BLOCK), ahead_buf[0]);

  for (guint32 base = shard->begin, b = 0; base < end; base += PREFETCH_BLOCK, b++)
  {
    const guint32 stop = MIN (end, base + PREFETCH_BLOCK);

    /* The complete graph with fanout 1: the next block's targets are drawn and their
     * statuses prefetched while this block is played, so that every random read has
     * a block's worth of work to arrive in.  Every invariant stays in a register: the
     * byte stores below may alias anything. */
    ahead = ahead_buf[b & 1];
    if (one_of_all && stop < end)
      calls[(b + 1) & 1] = draw_block (shard, status, alive, all_alive, push, pull, live, stop,
                                       MIN (end, stop + PREFETCH_BLOCK),
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

        sent_data += hot_calls + answers;
        sent_requests += calls_made - hot_calls;
        continue;
      }

  for (guint32 u = base; u < stop; u++)
    {
      guint8 su;
      guint32 hu;
      guint32 n_peers;
      GvRng loss_rng = { 0 };

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
        n_peers = gv_shard_pick_peers (shard, u);

      for (guint32 k = 0; k < n_peers; k++)
        {
          guint32 v = peers[k];
          guint8 sv;

          sent_data += hu;
          sent_requests += !hu;
          if (blind && hu)
            rumor_bump (R, 1, u);

          if (loss != 0 && gv_rng_chance (&loss_rng, loss))
            {
              lost_data += hu;
              lost_requests += !hu;
              continue;
            }
          if (!all_alive && !alive[v])
            {
              dead_data += hu;
              dead_requests += !hu;
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
                    rumor_restart_count (R, 1, u);
                }
              else
                {
                  redundant++;
                  if (feedback)
                    rumor_bump (R, 1, u);
                }
            }

          if (pull && live && sv == STATUS_HOT)
            {
              sent_data++;
              if (loss != 0 && gv_rng_chance (&loss_rng, loss))
                lost_data++;
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

  shard->tally.sent_data += sent_data;
  shard->tally.sent_requests += sent_requests;
  shard->tally.lost_data += lost_data;
  shard->tally.lost_requests += lost_requests;
  shard->tally.dead_data += dead_data;
  shard->tally.dead_requests += dead_requests;
  shard->tally.redundant += redundant;
  shard->tally.sums[SUM_POTENTIAL] += potential;
}
