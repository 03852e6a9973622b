/* gv-network.h: the network model, which the core applies to every message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A protocol never decides what becomes of a message it sends: it calls
 * gv_shard_send(), and the network drops it (loss), finds its receiver down (dead) or
 * delivers it.  A delivered message gets its receiver's answer at once, from the state
 * the receiver held when the round began (the synchronous model), and the answer goes
 * through the network in turn.  Both legs of an exchange draw their losses from the
 * stream of the node that started it, in the order they were sent, so that a run does
 * not depend on which thread played which node.
 *
 * Every message is accounted for once: sent = useful + redundant + lost + dead +
 * requests delivered.
 */

#pragma once

#include "gv-shard.h"

G_BEGIN_DECLS

typedef guint (*GvRespondFunc) (GvShard       *shard,
                                guint32        node,
                                const GvMsg   *msg,
                                const guint32 *payload,
                                GvMsg         *reply,
                                guint32       *reply_payload,
                                guint32       *feedback);
typedef void  (*GvOutcomeFunc) (GvShard       *shard,
                                guint32        node,
                                const GvMsg   *msg,
                                GvOutcome      outcome,
                                guint32        feedback);

/* Whether the network drops a message of the exchange that @initiator started. */
static inline gboolean
gv_network_loses (GvShard *shard,
                  guint32  initiator)
{
  if (shard->loss_threshold == 0)
    return FALSE;

  if (shard->loss_node != initiator)
    {
      gv_rng_init (&shard->loss_rng, shard->seed_key, initiator, shard->round,
                   GV_RNG_PURPOSE_LOSS);
      shard->loss_node = initiator;
    }

  return gv_rng_chance (&shard->loss_rng, shard->loss_threshold);
}

static inline void
gv_network_count_failed (GvShard   *shard,
                         gboolean   data,
                         GvOutcome  outcome)
{
  if (outcome == GV_OUTCOME_LOST)
    {
      if (data)
        shard->tally.lost_data++;
      else
        shard->tally.lost_requests++;
    }
  else
    {
      if (data)
        shard->tally.dead_data++;
      else
        shard->tally.dead_requests++;
    }
}

/* Tells @responder, in its own shard, what became of the reply it sent @requester. */
static inline void
gv_network_note (GvShard     *shard,
                 const GvMsg *reply,
                 GvOutcome    outcome,
                 guint32      feedback)
{
  GvMsg note = {
    .dst = reply->src,
    .src = reply->dst,
    .a = reply->a,
    .b = feedback,
    .kind = reply->kind,
    .flags = (guint8) (GV_MSG_NOTE | (reply->flags & GV_MSG_DATA) |
                       ((guint) outcome << GV_MSG_OUTCOME_SHIFT)),
    .len = 0,
  };

  gv_shard_post (shard, &note, NULL);
}

/* The second leg of an exchange: @reply, from the node that was sent to, back to the
 * node that started the exchange (alive: it is acting). */
G_ALWAYS_INLINE static inline void
gv_network_reply (GvShard       *shard,
                  GvMsg         *reply,
                  const guint32 *payload,
                  GvRespondFunc  respond)
{
  const gboolean data = (reply->flags & GV_MSG_DATA) != 0;
  const gboolean notes = shard->detail || shard->wants_outcomes;
  guint32 feedback = 0;
  guint answer = 0;

  if (data)
    shard->tally.sent_data++;
  else
    shard->tally.sent_requests++;

  if (gv_network_loses (shard, reply->dst))
    {
      gv_network_count_failed (shard, data, GV_OUTCOME_LOST);
      if (shard->detail)
        gv_shard_record_message (shard, reply->src, reply->dst, GV_MESSAGE_LOST, data);
      if (notes)
        gv_network_note (shard, reply, GV_OUTCOME_LOST, 0);
      return;
    }

  if (respond != NULL)
    answer = respond (shard, reply->dst, reply, payload, NULL, NULL, &feedback);

  if (data)
    {
      if ((answer & GV_RESPOND_NOTHING_NEW) && !shard->detail)
        shard->tally.redundant++;
      else
        gv_shard_post (shard, reply, payload);
    }
  else if (shard->detail)
    gv_shard_record_message (shard, reply->src, reply->dst, GV_MESSAGE_REQUEST, FALSE);

  if (notes)
    gv_network_note (shard, reply, GV_OUTCOME_DELIVERED, feedback);
}

/* gv_shard_send() with the protocol's answer and outcome functions given, so that a
 * protocol's hot loop can have them inlined: the same model, the same run. */
G_ALWAYS_INLINE static inline GvOutcome
gv_shard_exchange (GvShard       *shard,
                   GvMsg         *msg,
                   const guint32 *payload,
                   GvRespondFunc  respond,
                   GvOutcomeFunc  outcome_func)
{
  const gboolean data = (msg->flags & GV_MSG_DATA) != 0;
  const guint32 u = msg->src;
  const guint32 v = msg->dst;
  GvOutcome outcome = GV_OUTCOME_DELIVERED;
  GvMsg reply;
  guint32 feedback = 0;
  guint answer = 0;

  if (data)
    shard->tally.sent_data++;
  else
    shard->tally.sent_requests++;
  if (shard->detail)
    shard->node_sent[u]++;

  if (gv_network_loses (shard, u))
    outcome = GV_OUTCOME_LOST;
  else if (!shard->all_alive && !shard->alive[v])
    outcome = GV_OUTCOME_DEAD;

  if (outcome != GV_OUTCOME_DELIVERED)
    {
      gv_network_count_failed (shard, data, outcome);
      if (shard->detail)
        gv_shard_record_message (shard, u, v, outcome == GV_OUTCOME_LOST ? GV_MESSAGE_LOST
                                                                         : GV_MESSAGE_DEAD,
                                 data);
      if (shard->wants_outcomes)
        outcome_func (shard, u, msg, outcome, 0);
      return outcome;
    }

  if (respond != NULL)
    {
      reply.len = 0;
      answer = respond (shard, v, msg, payload, &reply, shard->scratch, &feedback);
    }
  if (shard->wants_outcomes)
    outcome_func (shard, u, msg, GV_OUTCOME_DELIVERED, feedback);

  if (data)
    {
      /* Nothing new to the receiver's state at the start of the round is nothing new to
       * its state now (protocols say so only when they never forget within a round). */
      if ((answer & GV_RESPOND_NOTHING_NEW) && !shard->detail)
        shard->tally.redundant++;
      else
        gv_shard_post (shard, msg, payload);
    }
  else if (shard->detail)
    gv_shard_record_message (shard, u, v, GV_MESSAGE_REQUEST, FALSE);

  if (answer & GV_RESPOND_REPLY)
    {
      reply.dst = u;
      reply.src = v;
      reply.flags = (guint8) ((reply.flags & GV_MSG_DATA) | GV_MSG_REPLY);
      gv_network_reply (shard, &reply, shard->scratch, respond);
    }

  return GV_OUTCOME_DELIVERED;
}

/* Sends @msg from msg->src, a node of this shard acting in this round, to msg->dst,
 * with msg->len words of @payload.  msg->flags says whether it carries data. */
static inline GvOutcome
gv_shard_send (GvShard       *shard,
               GvMsg         *msg,
               const guint32 *payload)
{
  return gv_shard_exchange (shard, msg, payload, shard->ops->respond, shard->ops->outcome);
}

G_END_DECLS
