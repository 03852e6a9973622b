/* gv-rumor-model.c: rumour mongering on the core's general message path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rumour keeps one status byte a node (does not hold it, holds it and spreads it,
 * holds it and lost interest) and the round in which the node learned it.  A node that
 * spreads sends the rumours it spreads to its peers; with pull, the message is also a
 * request, and the peer answers with the rumours it spreads.  Every message goes
 * through the core's network model; what a message brings is applied when it is
 * delivered, after every node has sent, so nobody passes news on before the next round.
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
 * "Already knew" is the receiver's answer, from its state at the end of the previous
 * round, as a synchronous round requires.  The sender hears it with the exchange
 * (GvProtocolOps.outcome); it is not a message of its own.
 */

#define G_LOG_DOMAIN "gv-rumor"

#include "config.h"

#include <string.h>

#include "gv-rumor-private.h"

void
gv_rumor_setup (GvEngine *engine)
{
  const GvParams *p = gv_engine_get_params (engine);
  Rumor *R = g_new0 (Rumor, 1);

  R->exchange = gv_params_choice (p, RUMOR_PARAM_EXCHANGE);
  R->stop = gv_params_choice (p, RUMOR_PARAM_STOP);
  R->stop_k = R->stop == GV_STOP_NONE ? 0 : (guint32) gv_params_choice_arg (p, RUMOR_PARAM_STOP, 0);
  gv_engine_set_protocol_data (engine, R);
  gv_engine_set_wants_outcomes (engine, gv_stop_is_feedback (R->stop) ||
                                        gv_stop_is_blind (R->stop));
}

void
gv_rumor_teardown (GvEngine *engine)
{
  Rumor *R = gv_engine_get_protocol_data (engine);

  for (guint i = 0; i < R->n_rumors; i++)
    {
      g_free (R->status[i]);
      g_free (R->informed[i]);
      g_free (R->count[i]);
      g_free (R->first[i]);
    }
  g_free (R);
  gv_engine_set_protocol_data (engine, NULL);
}

void
gv_rumor_reset_node (GvEngine *engine,
                     guint32   node)
{
  Rumor *R = gv_engine_get_protocol_data (engine);

  for (guint i = 0; i < R->n_rumors; i++)
    {
      R->status[i][node] = STATUS_NONE;
      R->informed[i][node] = GV_NEVER;
      R->count[i][node] = 0;
    }
}

void
gv_rumor_act (GvShard *shard)
{
  GvEngine *engine = shard->engine;
  Rumor *R = gv_engine_get_protocol_data (engine);
  const gboolean push = R->exchange != GV_EXCHANGE_PULL;
  const gboolean pull = R->exchange != GV_EXCHANGE_PUSH;
  const guint32 live = rumor_live_mask (R, shard->round);

  if (R->n_rumors == 0)
    return;

  if (rumor_uses_fast_path (engine, R))
    {
      gv_rumor_act_fast (shard);
      return;
    }

  for (guint32 u = shard->begin; u < shard->end; u++)
    {
      guint32 mine;
      guint32 n_peers;

      if (!shard->all_alive && !shard->alive[u])
        continue;

      mine = push ? rumor_hot_mask (R, u, live) : 0;
      if (mine == 0 && !pull)
        continue;

      n_peers = gv_shard_pick_peers (shard, u);
      for (guint32 k = 0; k < n_peers; k++)
        {
          /* The rumours u spreads, or a bare request. */
          GvMsg msg = {
            .dst = shard->peers[k],
            .src = u,
            .a = mine,
            .kind = RUMOR_MSG,
            .flags = mine != 0 ? GV_MSG_DATA : 0,
          };

          gv_shard_send (shard, &msg, NULL);
        }
    }
}

guint
gv_rumor_respond (GvShard       *shard,
                  guint32        node,
                  const GvMsg   *msg,
                  const guint32 *payload,
                  GvMsg         *reply,
                  guint32       *reply_payload,
                  guint32       *feedback)
{
  Rumor *R = gv_engine_get_protocol_data (shard->engine);
  guint answer = GV_RESPOND_NONE;

  if (msg->a != 0)
    {
      guint32 known = rumor_known_mask (R, msg->a, node);

      *feedback = known;
      if ((msg->a & ~known) == 0)
        answer |= GV_RESPOND_NOTHING_NEW;
    }

  /* A pull: the node answers with what it spreads. */
  if (reply != NULL && R->exchange != GV_EXCHANGE_PUSH)
    {
      guint32 theirs = rumor_hot_mask (R, node, rumor_live_mask (R, shard->round));

      if (theirs != 0)
        {
          reply->kind = RUMOR_MSG;
          reply->a = theirs;
          reply->b = 0;
          reply->len = 0;
          reply->flags = GV_MSG_DATA;
          answer |= GV_RESPOND_REPLY;
        }
    }

  return answer;
}

void
gv_rumor_apply (GvShard       *shard,
                const GvMsg   *msgs,
                const guint32 *words,
                gsize          n_msgs)
{
  Rumor *R = gv_engine_get_protocol_data (shard->engine);
  const guint32 r = shard->round;
  GvTally *t = &shard->tally;

  for (gsize k = 0; k < n_msgs; k++)
    {
      const GvMsg *msg = &msgs[k];
      guint32 v = msg->dst;
      gboolean useful = FALSE;

      for (guint32 m = msg->a; m != 0; m &= m - 1)
        {
          guint i = (guint) __builtin_ctz (m);

          if (R->status[i][v] != STATUS_NONE)
            continue;

          R->status[i][v] = STATUS_HOT;
          R->informed[i][v] = r;
          useful = TRUE;
          t->sums[SUM_NEWLY]++;

          if (R->first[i] == NULL || R->first[i][v] == GV_NEVER)
            {
              guint32 delay = r - R->inject_round[i];

              if (R->first[i] != NULL)
                R->first[i][v] = r;
              t->sums[SUM_DELAY_SUM] += delay;
              t->sums[SUM_DELAY_COUNT]++;
              t->maxima[MAX_DELAY] = MAX (t->maxima[MAX_DELAY], delay);
            }
        }

      gv_shard_delivered (shard, msg, useful);
    }
}

void
gv_rumor_outcome (GvShard       *shard,
                  guint32        node,
                  const GvMsg   *msg,
                  GvOutcome      outcome,
                  guint32        feedback)
{
  Rumor *R = gv_engine_get_protocol_data (shard->engine);
  guint32 carried = msg->a;

  if (carried == 0)
    return;

  /* Blind rules count every contact made, whatever became of it. */
  if (gv_stop_is_blind (R->stop))
    rumor_bump (R, carried, node);

  if (outcome != GV_OUTCOME_DELIVERED)
    return;

  if (gv_stop_is_feedback (R->stop) && feedback != 0)
    rumor_bump (R, feedback, node);
  if (R->stop == GV_STOP_FEEDBACK_COUNTER && (carried & ~feedback) != 0)
    rumor_restart_count (R, carried & ~feedback, node);
}

/* Stop rules at the end of round `now`, for one node and one rumour. */
static inline void
apply_stop_rule (GvEngine *engine,
                 Rumor    *R,
                 guint     i,
                 guint32   node,
                 guint32   now,
                 GvRng    *rng,
                 gboolean *have_rng)
{
  guint8 *c = &R->count[i][node];

  if (*c == 0)
    return;

  if (R->stop == GV_STOP_FEEDBACK_COUNTER || R->stop == GV_STOP_BLIND_COUNTER)
    {
      if (*c >= R->stop_k && R->status[i][node] == STATUS_HOT)
        R->status[i][node] = STATUS_REMOVED;
      return;
    }

  /* Coins: one toss for each contact of the round. */
  if (!*have_rng)
    {
      gv_rng_init (rng, gv_engine_get_seed_key (engine), node, now, GV_RNG_PURPOSE_STOP);
      *have_rng = TRUE;
    }
  for (guint j = 0; j < *c && R->status[i][node] == STATUS_HOT; j++)
    if (gv_rng_below (rng, R->stop_k) == 0)
      R->status[i][node] = STATUS_REMOVED;
  *c = 0;
}

/* The one-rumour settle: takes in the fast path's marks, applies stop rules and
 * tallies, in one pass over the shard. */
static void
settle_one (GvShard  *shard,
            gboolean  end_of_round)
{
  GvEngine *engine = shard->engine;
  Rumor *R = gv_engine_get_protocol_data (engine);
  const gboolean stops = end_of_round && R->stop != GV_STOP_NONE && R->stop != GV_STOP_TTL;
  const guint32 now = gv_engine_get_now (engine);
  const gboolean live = (rumor_live_mask (R, now + 1) & 1) != 0;
  const guint32 delay = now - R->inject_round[0];
  const guint8 *alive = shard->alive;
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

      if (end_of_round && engine != NULL && shard->all_alive && rumor_uses_fast_path (engine, R))
        {
          /* Nobody crashed, recovered or lost interest: the tally follows from the last
           * one and the marks, without another pass. */
          n_alive = (guint32) shard->keep[0];
          informed = (guint32) shard->keep[1] + (guint32) marked;
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

          apply_stop_rule (engine, R, 0, v, now, &rng, &have_rng);
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
  shard->keep[0] = n_alive;
  shard->keep[1] = informed;
  t->sums[SUM_INFORMED] += informed;
  t->sums[SUM_HELD] += informed;
  t->sums[SUM_SPREADING] += spreading;
  t->sums[SUM_HOT_CRASHED] += hot_crashed;
  t->sums[SUM_NEVER] += never;
  t->sums[SUM_MARKED] += marked;
  t->sums[SUM_NEWLY] += marked;
  t->sums[SUM_DELAY_COUNT] += delays;
  t->sums[SUM_DELAY_SUM] += delays * delay;
  if (delays > 0)
    t->maxima[MAX_DELAY] = MAX (t->maxima[MAX_DELAY], delay);
}

void
gv_rumor_settle (GvShard  *shard,
                 gboolean  end_of_round)
{
  GvEngine *engine = shard->engine;
  Rumor *R = gv_engine_get_protocol_data (engine);
  const gboolean stops = end_of_round && R->stop != GV_STOP_NONE && R->stop != GV_STOP_TTL;
  const guint32 now = gv_engine_get_now (engine);
  /* What a node will spread in the next round. */
  const guint32 live = rumor_live_mask (R, now + 1);
  const guint32 all = R->n_rumors == 0 ? 0 : (guint32) ((1ull << R->n_rumors) - 1);
  const guint8 *alive = shard->alive;
  GvTally *t = &shard->tally;

  if (R->n_rumors == 1)
    {
      settle_one (shard, end_of_round);
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
            apply_stop_rule (engine, R, i, v, now, &rng, &have_rng);

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

      if (alive[v])
        {
          t->sums[SUM_INFORMED] += held == all;
          t->sums[SUM_SPREADING] += (hot & live) != 0;
          t->sums[SUM_NEVER] += never;
          for (guint32 m = held; m != 0; m &= m - 1)
            t->sums[SUM_HELD + __builtin_ctz (m)]++;
        }
      else
        t->sums[SUM_HOT_CRASHED] += (hot & live) != 0;
    }
}

/* The fast path counts data sent to nodes that lacked it and the nodes that took it;
 * each node took it from one message, and every other such message was redundant. */
void
gv_rumor_merge (GvEngine *engine,
                GvTally  *merged)
{
  g_assert (merged->sums[SUM_POTENTIAL] >= merged->sums[SUM_MARKED] ||
            merged->sums[SUM_POTENTIAL] == 0);

  if (merged->sums[SUM_POTENTIAL] == 0)
    return;

  merged->useful += merged->sums[SUM_MARKED];
  merged->redundant += merged->sums[SUM_POTENTIAL] - merged->sums[SUM_MARKED];
  merged->sums[SUM_POTENTIAL] = 0;
  merged->sums[SUM_MARKED] = 0;
}
