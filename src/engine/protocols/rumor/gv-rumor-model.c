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

/* What a shard keeps in GvShard.keep. */
enum
{
  KEEP_ALIVE,     /* the one-rumour settle: alive nodes, */
  KEEP_INFORMED,  /* and informed ones, at the last full count */
  KEEP_LIVE,      /* the general path: the rumours that may be spread this round */
};

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
  g_free (R->bits);
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
  if (R->bits != NULL)
    rumor_bits_set (R, node, 0, 0);
}

/* The receiver's answer, from its state at the start of the round: what it knew of the
 * rumours a message brought, and with pull, the rumours it spreads. */
G_ALWAYS_INLINE static inline guint
respond_in (GvShard       *shard,
            guint32        node,
            const GvMsg   *msg,
            GvMsg         *reply,
            guint32       *feedback,
            guint32        live,
            int            layout)
{
  Rumor *R = shard->data;
  guint answer = GV_RESPOND_NONE;

  if (msg->a != 0)
    {
      guint32 known = rumor_known_mask_in (R, msg->a, node, layout);

      *feedback = known;
      if ((msg->a & ~known) == 0)
        answer |= GV_RESPOND_NOTHING_NEW;
    }

  /* A pull: the node answers with what it spreads. */
  if (reply != NULL && R->exchange != GV_EXCHANGE_PUSH)
    {
      guint32 theirs = rumor_hot_mask_in (R, node, live, layout);

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

/* One answer function for each layout, for gv_shard_exchange() to inline; they run
 * within gv_rumor_act(), which keeps the round's live rumours in the shard. */
#define RESPOND_AS(name, layout)                                                         \
  static inline guint                                                                    \
  name (GvShard       *shard,                                                            \
        guint32        node,                                                             \
        const GvMsg   *msg,                                                              \
        const guint32 *payload,                                                          \
        GvMsg         *reply,                                                            \
        guint32       *reply_payload,                                                    \
        guint32       *feedback)                                                         \
  {                                                                                      \
    return respond_in (shard, node, msg, reply, feedback,                                \
                       (guint32) shard->keep[KEEP_LIVE], layout);                        \
  }

RESPOND_AS (respond_status, RUMOR_FROM_STATUS)
RESPOND_AS (respond_byte, 0)
RESPOND_AS (respond_short, 1)
RESPOND_AS (respond_int, 2)
RESPOND_AS (respond_long, 3)

/* The declared GvProtocolOps.respond, for gv_shard_send(), which the rumour's own act
 * does not call (it exchanges with the answer functions above): a protocol's ops are
 * complete for whoever sends through the core. */
guint
gv_rumor_respond (GvShard       *shard,
                  guint32        node,
                  const GvMsg   *msg,
                  const guint32 *payload,
                  GvMsg         *reply,
                  guint32       *reply_payload,
                  guint32       *feedback)
{
  Rumor *R = shard->data;

  return respond_in (shard, node, msg, reply, feedback, rumor_live_mask (R, shard->round),
                     rumor_layout (R));
}

static inline void
outcome (GvShard       *shard,
         guint32        node,
         const GvMsg   *msg,
         GvOutcome      result,
         guint32        feedback)
{
  Rumor *R = shard->data;
  guint32 carried = msg->a;

  if (carried == 0)
    return;

  /* Blind rules count every contact made, whatever became of it. */
  if (gv_stop_is_blind (R->stop))
    rumor_bump (R, carried, node);

  if (result != GV_OUTCOME_DELIVERED)
    return;

  if (gv_stop_is_feedback (R->stop) && feedback != 0)
    rumor_bump (R, feedback, node);
  if (R->stop == GV_STOP_FEEDBACK_COUNTER && (carried & ~feedback) != 0)
    rumor_restart_count (R, carried & ~feedback, node);
}

void
gv_rumor_outcome (GvShard       *shard,
                  guint32        node,
                  const GvMsg   *msg,
                  GvOutcome      result,
                  guint32        feedback)
{
  outcome (shard, node, msg, result, feedback);
}

#define BLOCK 32

/* The rumours @u spreads (@mine), or a bare request, to @v. */
G_ALWAYS_INLINE static inline void
send_to (GvShard       *shard,
         guint32        u,
         guint32        v,
         guint32        mine,
         GvRespondFunc  respond)
{
  GvMsg msg = {
    .dst = v,
    .src = u,
    .a = mine,
    .kind = RUMOR_MSG,
    .flags = mine != 0 ? GV_MSG_DATA : 0,
  };

  gv_shard_exchange (shard, &msg, NULL, respond, outcome);
}

/* The general path.  Nodes go a block at a time: first every caller of the block draws
 * its peers and the peers' statuses are prefetched, then the block sends, so that the
 * answers' random reads have a block's worth of work to arrive in.  @layout, @respond
 * and @one (one peer from the complete graph) are constants in each instance below. */
G_ALWAYS_INLINE static inline void
act_general (GvShard       *shard,
             guint32       *peers,
             int            layout,
             GvRespondFunc  respond,
             gboolean       one)
{
  Rumor *R = shard->data;
  const gboolean push = R->exchange != GV_EXCHANGE_PULL;
  const gboolean pull = R->exchange != GV_EXCHANGE_PUSH;
  const guint32 live = rumor_live_mask (R, shard->round);
  const guint32 fanout = one ? 1 : MAX (shard->params->fanout, 1);
  guint32 mine[BLOCK];
  guint32 n_peers[BLOCK];

  shard->keep[KEEP_LIVE] = live;

  for (guint32 base = shard->begin; base < shard->end; base += BLOCK)
    {
      const guint32 stop = MIN (shard->end, base + BLOCK);

      for (guint32 u = base; u < stop; u++)
        {
          guint32 *out = peers + (gsize) (u - base) * fanout;

          n_peers[u - base] = 0;
          if (!shard->all_alive && !shard->alive[u])
            continue;

          mine[u - base] = push ? rumor_hot_mask_in (R, u, live, layout) : 0;
          if (mine[u - base] == 0 && !pull)
            continue;

          n_peers[u - base] = one ? gv_shard_pick_one_of_all (shard, u, out)
                                  : gv_shard_pick_peers_into (shard, u, out);
          for (guint32 k = 0; k < (one ? 1 : n_peers[u - base]); k++)
            {
              if (layout != RUMOR_FROM_STATUS)
                __builtin_prefetch ((const guint8 *) R->bits + ((gsize) out[k] << layout));
              else
                __builtin_prefetch (&R->status[0][out[k]]);
            }
        }

      for (guint32 u = base; u < stop; u++)
        {
          const guint32 *out = peers + (gsize) (u - base) * fanout;

          if (one)
            {
              if (n_peers[u - base] != 0)
                send_to (shard, u, out[0], mine[u - base], respond);
              continue;
            }
          for (guint32 k = 0; k < n_peers[u - base]; k++)
            send_to (shard, u, out[k], mine[u - base], respond);
        }
    }
}

#define ACT_AS(layout, respond)                                                         \
  do {                                                                                  \
    if (shard->one_of_all)                                                              \
      act_general (shard, peers, layout, respond, TRUE);                                \
    else                                                                                \
      act_general (shard, peers, layout, respond, FALSE);                               \
  } while (0)

void
gv_rumor_act (GvShard *shard)
{
  Rumor *R = shard->data;
  g_autofree guint32 *peers = NULL;

  if (R->n_rumors == 0)
    return;

  if (rumor_uses_fast_path (shard->engine, R))
    {
      gv_rumor_act_fast (shard);
      return;
    }

  peers = g_new (guint32, (gsize) BLOCK * MAX (shard->params->fanout, 1));
  switch (rumor_layout (R))
    {
    case RUMOR_FROM_STATUS:
      ACT_AS (RUMOR_FROM_STATUS, respond_status);
      break;
    case 0:
      ACT_AS (0, respond_byte);
      break;
    case 1:
      ACT_AS (1, respond_short);
      break;
    case 2:
      ACT_AS (2, respond_int);
      break;
    default:
      ACT_AS (3, respond_long);
      break;
    }
}

void
gv_rumor_apply (GvShard       *shard,
                const GvMsg   *msgs,
                const guint32 *words,
                gsize          n_msgs)
{
  Rumor *R = shard->data;
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
 * tallies, in one pass over the shard.  @stops, @now and @live_mask are gv_rumor_settle's. */
static void
settle_one (GvShard  *shard,
            Rumor    *R,
            gboolean  end_of_round,
            gboolean  stops,
            guint32   now,
            guint32   live_mask)
{
  GvEngine *engine = shard->engine;
  const gboolean live = (live_mask & 1) != 0;
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

      if (end_of_round && shard->all_alive && rumor_uses_fast_path (engine, R))
        {
          /* Nobody crashed, recovered or lost interest: the tally follows from the last
           * one and the marks, without another pass. */
          n_alive = (guint32) shard->keep[KEEP_ALIVE];
          informed = (guint32) shard->keep[KEEP_INFORMED] + (guint32) marked;
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
  shard->keep[KEEP_ALIVE] = n_alive;
  shard->keep[KEEP_INFORMED] = informed;
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

/* Several rumours, no stop rule to apply: one branch-free pass over the shard, into the
 * nodes' masks and the counts. */
static void
settle_many (GvShard *shard,
             guint32  live,
             guint32  all)
{
  Rumor *R = shard->data;
  const guint8 *alive = shard->alive;
  const guint k = R->n_rumors;
  const gboolean forgets = R->first[0] != NULL;
  GvTally *t = &shard->tally;
  const guint8 *status[GV_MAX_RUMORS];
  guint64 held_by[GV_MAX_RUMORS] = { 0 };
  guint64 informed = 0, spreading = 0, hot_crashed = 0, never = 0;

  for (guint i = 0; i < k; i++)
    status[i] = R->status[i];

  if (R->bits_shift == 0 && !forgets)
    {
      /* Up to four rumours: the masks are a byte a node, and every pass below is over
       * bytes, which the compiler turns into vector code. */
      guint8 *bits = (guint8 *) R->bits;
      const guint32 begin = shard->begin, end = shard->end;

      memset (bits + begin, 0, end - begin);
      for (guint i = 0; i < k; i++)
        {
          const guint8 *st = status[i];
          const guint8 held_bit = (guint8) (1u << i);
          const guint8 hot_bit = (guint8) (1u << (i + 4));
          guint32 held = 0, not_held = 0;

          for (guint32 v = begin; v < end; v++)
            {
              guint8 h = st[v] != STATUS_NONE;
              guint8 a = alive[v] != 0;

              bits[v] |= (h ? held_bit : 0) | (st[v] == STATUS_HOT ? hot_bit : 0);
              held += h & a;
              not_held += (h ^ 1) & a;
            }
          held_by[i] = held;
          never += not_held;
        }

      {
        const guint8 all8 = (guint8) all, live8 = (guint8) (live << 4);
        guint32 inf = 0, spr = 0, hc = 0;

        for (guint32 v = begin; v < end; v++)
          {
            guint8 b = bits[v];
            guint8 a = alive[v] != 0;
            guint8 is_hot = (b & live8) != 0;

            inf += a & ((b & 0x0f) == all8);
            spr += a & is_hot;
            hc += (a ^ 1) & is_hot;
          }
        informed = inf;
        spreading = spr;
        hot_crashed = hc;
      }
      goto done;
    }

  for (guint32 v = shard->begin; v < shard->end; v++)
    {
      guint32 held = 0, hot = 0, a = alive[v] != 0, is_hot;

      for (guint i = 0; i < k; i++)
        {
          guint32 s = status[i][v];
          guint32 h = s != STATUS_NONE;

          held |= h << i;
          hot |= (guint32) (s == STATUS_HOT) << i;
          held_by[i] += h & a;
          /* Where recovery loses state, a rumour once held and forgotten is not never. */
          if (forgets)
            never += a & (h ^ 1) & (R->first[i][v] == GV_NEVER);
          else
            never += a & (h ^ 1);
        }

      rumor_bits_set (R, v, held, hot);
      is_hot = (hot & live) != 0;
      informed += a & (held == all);
      spreading += a & is_hot;
      hot_crashed += (a ^ 1) & is_hot;
    }

done:
  for (guint i = 0; i < k; i++)
    t->sums[SUM_HELD + i] += held_by[i];
  t->sums[SUM_INFORMED] += informed;
  t->sums[SUM_SPREADING] += spreading;
  t->sums[SUM_HOT_CRASHED] += hot_crashed;
  t->sums[SUM_NEVER] += never;
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
      settle_one (shard, R, end_of_round, stops, now, live);
      return;
    }

  /* Before the first rumour starts, every alive node holds all the rumours there are
   * (none), as 0.1.0 counted it. */
  if (R->n_rumors == 0)
    {
      for (guint32 v = shard->begin; v < shard->end; v++)
        t->sums[SUM_INFORMED] += shard->alive[v] != 0;
      return;
    }

  g_assert (R->bits != NULL);

  if (!stops)
    {
      settle_many (shard, live, all);
      return;
    }

  /* Coins draw from each node's stream rumour after rumour: node by node. */
  for (guint32 v = shard->begin; v < shard->end; v++)
    {
      guint32 held = 0, hot = 0, never = 0;
      gboolean have_rng = FALSE;
      GvRng rng;

      for (guint i = 0; i < R->n_rumors; i++)
        {
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

      rumor_bits_set (R, v, held, hot);
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
