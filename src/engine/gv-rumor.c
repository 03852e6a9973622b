/* gv-rumor.c: rumour mongering with Demers' stop rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rumour keeps, for every node, the round in which the node learned it and the
 * round in which it lost interest.  Reading "knew it before round r" as informed < r
 * gives the synchronous semantics without a second copy of the state: what a node
 * learns in round r is stamped r, and nobody sees it before round r + 1.
 *
 * Stop rules (Demers et al. 1987, section 1.4):
 *   feedback-counter K  lose interest after K contacts with nodes that already knew;
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

#include <string.h>

#include "gv-engine-private.h"
#include "gv-error.h"

typedef struct
{
  guint32 informed;   /* round the node learned it, GV_NEVER if it does not hold it */
  guint32 stopped;    /* round at whose end it lost interest, GV_NEVER while interested */
} RumorNode;

typedef struct
{
  guint      n_rumors;
  guint32    inject_round[GV_MAX_RUMORS];
  guint32    origin[GV_MAX_RUMORS];
  RumorNode *nodes[GV_MAX_RUMORS];
  guint8    *count[GV_MAX_RUMORS];   /* counters: contacts so far; coins: this round's */
  guint32   *first[GV_MAX_RUMORS];   /* only when recovery loses state: first informed */
  guint32   *peers;                  /* per shard: room for a fanout of peers */
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

/* Whether the node spreads rumour i in round r. */
static inline gboolean
is_hot (const Rumor     *R,
        const GvParams  *p,
        guint            i,
        const RumorNode *rn,
        guint32          r)
{
  if (rn->informed >= r || rn->stopped != GV_NEVER)
    return FALSE;
  if (p->stop == GV_STOP_TTL && r - R->inject_round[i] > p->stop_k)
    return FALSE;
  return TRUE;
}

static inline guint32
hot_mask (const Rumor    *R,
          const GvParams *p,
          guint32         node,
          guint32         r)
{
  guint32 mask = 0;

  for (guint i = 0; i < R->n_rumors; i++)
    if (is_hot (R, p, i, &R->nodes[i][node], r))
      mask |= 1u << i;

  return mask;
}

static inline guint32
known_mask (const Rumor *R,
            guint32      candidates,
            guint32      node,
            guint32      r)
{
  guint32 known = 0;

  for (guint32 m = candidates; m != 0; m &= m - 1)
    {
      guint i = (guint) g_bit_nth_lsf (m, -1);

      if (R->nodes[i][node].informed < r)
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
      guint i = (guint) g_bit_nth_lsf (m, -1);
      guint8 *c = &R->count[i][node];

      if (*c < G_MAXUINT8)
        (*c)++;
    }
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
      g_free (R->nodes[i]);
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
      R->nodes[i][node].informed = GV_NEVER;
      R->nodes[i][node].stopped = GV_NEVER;
      R->count[i][node] = 0;
    }
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
  const guint64 loss = engine->loss_threshold;
  const guint8 *alive = engine->alive;
  guint32 *peers = R->peers + (gsize) shard->index * MAX (p->fanout, 1);
  GvTally *t = &shard->tally;
  guint64 sent = 0, carrying = 0, lost = 0, dead = 0, redundant = 0;

  if (R->n_rumors == 0)
    return;

  for (guint32 u = shard->begin; u < shard->end; u++)
    {
      guint32 mine;
      guint32 n_peers;
      GvRng rng, loss_rng = { 0 };

      if (!alive[u])
        continue;

      mine = push ? hot_mask (R, p, u, r) : 0;
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

          if (!alive[v])
            {
              dead++;
              if (detail)
                gv_shard_record_message (shard, u, v, GV_MESSAGE_DEAD, mine != 0);
              continue;
            }

          if (mine != 0)
            {
              guint32 known = known_mask (R, mine, v, r);

              if (feedback && known != 0)
                bump (R, known, u);
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
          theirs = hot_mask (R, p, v, r);
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
                gv_shard_post (shard, v, u, GV_MSG_FEEDBACK, theirs, 0);
            }
          else
            {
              guint32 known = known_mask (R, theirs, u, r);

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
               const GvMsg *msg)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  const guint32 r = engine->now;
  GvTally *t = &shard->tally;
  guint32 v = msg->dst;

  if (gv_msg_kind (msg) == GV_MSG_RUMOR)
    {
      gboolean useful = FALSE;

      for (guint32 m = msg->mask; m != 0; m &= m - 1)
        {
          guint i = (guint) g_bit_nth_lsf (m, -1);
          RumorNode *rn = &R->nodes[i][v];

          if (rn->informed != GV_NEVER)
            continue;

          rn->informed = r;
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

      if (engine->detail)
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
      if (engine->detail)
        engine->node_sent[v]++;
      if (is_blind (p->stop))
        bump (R, msg->mask, v);
      else if (is_feedback (p->stop))
        bump (R, msg->aux & GV_MSG_AUX_MASK, v);
    }
}

static void
rumor_end_node (GvShard *shard,
                guint32  node)
{
  GvEngine *engine = shard->engine;
  const GvParams *p = engine->params;
  Rumor *R = engine->protocol_data;
  gboolean coin = p->stop == GV_STOP_FEEDBACK_COIN || p->stop == GV_STOP_BLIND_COIN;
  gboolean counter = p->stop == GV_STOP_FEEDBACK_COUNTER || p->stop == GV_STOP_BLIND_COUNTER;
  gboolean have_rng = FALSE;
  GvRng rng;

  if (!coin && !counter)
    return;

  for (guint i = 0; i < R->n_rumors; i++)
    {
      guint8 *c = &R->count[i][node];
      RumorNode *rn = &R->nodes[i][node];

      if (*c == 0)
        continue;

      if (counter)
        {
          if (*c >= p->stop_k && rn->stopped == GV_NEVER)
            rn->stopped = engine->now;
          continue;
        }

      if (!have_rng)
        {
          gv_rng_init (&rng, engine->seed_key, node, engine->now, GV_RNG_PURPOSE_STOP);
          have_rng = TRUE;
        }

      for (guint j = 0; j < *c && rn->stopped == GV_NEVER; j++)
        if (gv_rng_below (&rng, p->stop_k) == 0)
          rn->stopped = engine->now;
      *c = 0;
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
  const guint32 next = engine->now + 1;
  gboolean all = TRUE;
  gboolean spreading = FALSE;
  guint32 never = 0;

  for (guint i = 0; i < R->n_rumors; i++)
    {
      const RumorNode *rn = &R->nodes[i][node];

      if (rn->informed == GV_NEVER)
        {
          all = FALSE;
          if (R->first[i] == NULL || R->first[i][node] == GV_NEVER)
            never++;
        }
      else if (is_hot (R, p, i, rn, next))
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
                   "a run holds at most %d rumours", GV_MAX_RUMORS);
      return FALSE;
    }

  R->nodes[i] = g_new (RumorNode, engine->n_nodes);
  memset (R->nodes[i], 0xff, sizeof (RumorNode) * engine->n_nodes);
  R->count[i] = g_new0 (guint8, engine->n_nodes);
  if (engine->params->recover_loses_state)
    {
      R->first[i] = g_new (guint32, engine->n_nodes);
      memset (R->first[i], 0xff, sizeof (guint32) * engine->n_nodes);
      R->first[i][node] = engine->round;
    }

  R->inject_round[i] = engine->round;
  R->origin[i] = node;
  R->nodes[i][node].informed = engine->round;
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
    info->known += R->nodes[i][node].informed != GV_NEVER;

  /* The newest rumour is the one a viewer asks about. */
  if (R->n_rumors > 0)
    {
      guint i = R->n_rumors - 1;
      guint32 first = R->first[i] != NULL ? R->first[i][node] : R->nodes[i][node].informed;

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
  .end_node = rumor_end_node,
  .summarise = rumor_summarise,
  .same_state = NULL,
  .inject = rumor_inject,
  .node_info = rumor_node_info,
};
