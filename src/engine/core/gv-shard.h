/* gv-shard.h: the part of a round that one worker plays, as a protocol sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A round's node work is split into shards of contiguous nodes, played by the engine's
 * worker threads, which meet at a barrier after each phase.  A protocol's functions
 * get a shard and may write only to that shard's nodes, its tally and its outboxes;
 * anything else they may only read, and only what does not change during the phase.
 * Messages are sent with gv_shard_send() (net/gv-network.h), which applies the
 * network model.
 */

#pragma once

#include <string.h>

#include "gv-engine.h"
#include "gv-params.h"
#include "gv-protocol.h"
#include "gv-rng.h"
#include "gv-round.h"

G_BEGIN_DECLS

#define GV_NEVER G_MAXUINT32

typedef enum
{
  GV_MSG_DATA  = 1 << 0,  /* carries data (rumours, entries); else a bare request */
  GV_MSG_REPLY = 1 << 1,  /* the receiver's answer, within the same exchange */
  GV_MSG_NOTE  = 1 << 2,  /* the core's: tells a reply's sender what became of it */
} GvMsgFlags;

#define GV_MSG_OUTCOME_SHIFT 4

/* A message, as it waits in an outbox for its delivery.  Its payload is the protocol's:
 * one or two words in @a and @b, or @len words from @b on in its outbox's words. */
struct _GvMsg
{
  guint32 dst;
  guint32 src;
  guint32 a;
  guint32 b;
  guint8  kind;      /* the protocol's message kinds */
  guint8  flags;     /* GvMsgFlags; a note's outcome above GV_MSG_OUTCOME_SHIFT */
  guint16 len;
};

typedef struct
{
  GvMsg   *msgs;
  gsize    len;
  gsize    cap;
  guint32 *words;
  gsize    n_words;
  gsize    cap_words;
} GvOutbox;

/* What a shard counts in a round; the engine adds the shards' up. */
struct _GvTally
{
  guint64  sent_data;
  guint64  sent_requests;
  guint64  lost_data;
  guint64  lost_requests;
  guint64  dead_data;
  guint64  dead_requests;
  guint64  useful;
  guint64  redundant;
  guint32  crashed;
  guint32  recovered;
  /* The protocol's: the first GvProtocol.node_sums count nodes (a pass over them
   * recounts them); the rest count what happened in the round. */
  guint64  sums[GV_TALLY_SUMS];
  guint64  maxima[GV_TALLY_MAXIMA];
  /* The protocol's, for what does not add up (GvProtocolOps.merge). */
  gboolean agree;
  gint64   ref;
};

struct _GvShard
{
  GvEngine            *engine;
  guint                index;
  guint32              begin;
  guint32              end;

  /* The round being played, and what the network model needs of it. */
  guint32              round;
  const GvParams      *params;
  const GvProtocolOps *ops;
  const guint8        *alive;
  gboolean             all_alive;      /* nobody is down: the checks can be skipped */
  gboolean             detail;         /* record every message and node counter */
  gboolean             wants_outcomes; /* the protocol's outcome() is called */
  guint64              seed_key;
  guint64              loss_threshold;
  gboolean             one_of_all;     /* the complete graph with fanout 1 */
  guint32              n_others;       /* n_nodes - 1 */

  GvShard             *shards;         /* every shard, for routing */
  guint                n_shards;
  double               shard_scale;    /* n_shards / n_nodes */
  GvOutbox            *outboxes;       /* one per destination shard */

  gpointer             data;           /* the protocol's (gv_engine_get_protocol_data()) */
  GvTally              tally;
  guint64              keep[4];        /* the protocol's, kept from round to round */
  guint32             *peers;          /* room for a fanout of peers */
  guint32             *scratch;        /* room for a reply's payload */

  /* The loss stream of the exchange being played: its initiator's. */
  GvRng                loss_rng;
  guint32              loss_node;

  /* Detail mode. */
  guint32             *node_sent;
  guint32             *node_received;
  guint32             *node_redundant;
  GArray              *message_events;  /* GvMessageEvent */
  GArray              *state_events;    /* GvStateEvent */
  GArray              *crash_events;    /* guint32: nodes that crashed this round, always */
  GArray              *recover_events;  /* guint32: nodes that recovered this round */
};

/* For protocols: the engine they run in (and gv-engine.h). */
gpointer        gv_engine_get_protocol_data  (GvEngine       *engine);
void            gv_engine_set_protocol_data  (GvEngine       *engine,
                                              gpointer        data);
guint32         gv_engine_get_n_nodes        (GvEngine       *engine);
/* The round being played (in a round) or shown (between rounds). */
guint32         gv_engine_get_now            (GvEngine       *engine);
gboolean        gv_engine_in_round           (GvEngine       *engine);
gboolean        gv_engine_get_detail         (GvEngine       *engine);
guint64         gv_engine_get_seed_key       (GvEngine       *engine);
guint           gv_engine_get_n_shards       (GvEngine       *engine);
GvShard        *gv_engine_get_shard          (GvEngine       *engine,
                                              guint           index);
/* Set up by a protocol's setup(): the words a reply's payload may take, and whether
 * its outcome() is to be called (it costs a note a reply). */
void            gv_engine_set_max_payload    (GvEngine       *engine,
                                              guint           words);
void            gv_engine_set_wants_outcomes (GvEngine       *engine,
                                              gboolean        wants);
/* Whether the protocol may take its fast paths (tests turn them off, to compare). */
gboolean        gv_engine_fast_paths         (GvEngine       *engine);

/* Chooses up to fanout distinct neighbours of @node, uniformly, into shard->peers, from
 * the node's peer stream of this round.  Returns how many (fewer only when the node
 * has fewer neighbours). */
guint32         gv_shard_pick_peers          (GvShard        *shard,
                                              guint32         node);
guint32         gv_shard_pick_peers_slow     (GvShard        *shard,
                                              guint32         node,
                                              guint32        *out);

/* gv_shard_pick_peers_into() when shard->one_of_all. */
G_ALWAYS_INLINE static inline guint32
gv_shard_pick_one_of_all (GvShard *shard,
                          guint32  node,
                          guint32 *out)
{
  GvRng rng;
  guint32 i;

  gv_rng_init (&rng, shard->seed_key, node, shard->round, GV_RNG_PURPOSE_PEERS);
  i = gv_rng_below (&rng, shard->n_others);
  out[0] = i + (i >= node);
  return 1;
}

/* The same into @out (room for a fanout).  The complete graph with fanout 1, the
 * commonest case, without a call. */
static inline guint32
gv_shard_pick_peers_into (GvShard *shard,
                          guint32  node,
                          guint32 *out)
{
  if (shard->one_of_all)
    return gv_shard_pick_one_of_all (shard, node, out);
  return gv_shard_pick_peers_slow (shard, node, out);
}

void            gv_outbox_grow               (GvOutbox       *outbox);
void            gv_outbox_grow_words         (GvOutbox       *outbox,
                                              gsize           n);

static inline void
gv_shard_record_message (GvShard          *shard,
                         guint32           src,
                         guint32           dst,
                         GvMessageOutcome  outcome,
                         gboolean          carries_data)
{
  GvMessageEvent ev = { src, dst, (guint8) outcome, (guint8) !!carries_data, 0 };

  g_array_append_val (shard->message_events, ev);
}

/* A delivered data message brought its receiver something new, or nothing. */
static inline void
gv_shard_delivered (GvShard     *shard,
                    const GvMsg *msg,
                    gboolean     useful)
{
  if (useful)
    shard->tally.useful++;
  else
    shard->tally.redundant++;

  if (shard->detail)
    {
      shard->node_received[msg->dst]++;
      if (!useful)
        shard->node_redundant[msg->dst]++;
      gv_shard_record_message (shard, msg->src, msg->dst,
                               useful ? GV_MESSAGE_USEFUL : GV_MESSAGE_REDUNDANT, TRUE);
    }
}

/* Shard s begins near s * n / W, so a node's shard is about node * W / n; the product
 * is taken in floating point, then corrected, to keep a division off the hot path. */
static inline guint
gv_shard_of (const GvShard *shard,
             guint32        node)
{
  guint s;

  if (shard->n_shards == 1)
    return 0;

  s = (guint) ((double) node * shard->shard_scale);
  if (s >= shard->n_shards)
    s = shard->n_shards - 1;
  while (s + 1 < shard->n_shards && node >= shard->shards[s + 1].begin)
    s++;
  while (node < shard->shards[s].begin)
    s--;
  return s;
}

/* Queues @msg (with @len words of @payload) for delivery in this round. */
static inline void
gv_shard_post (GvShard        *shard,
               const GvMsg    *msg,
               const guint32  *payload)
{
  GvOutbox *outbox = &shard->outboxes[gv_shard_of (shard, msg->dst)];
  GvMsg *m;

  if G_UNLIKELY (outbox->len == outbox->cap)
    gv_outbox_grow (outbox);

  m = &outbox->msgs[outbox->len++];
  *m = *msg;
  if (msg->len > 0 && payload != NULL)
    {
      if G_UNLIKELY (outbox->n_words + msg->len > outbox->cap_words)
        gv_outbox_grow_words (outbox, msg->len);
      memcpy (outbox->words + outbox->n_words, payload, sizeof (guint32) * msg->len);
      m->b = (guint32) outbox->n_words;
      outbox->n_words += msg->len;
    }
}

G_END_DECLS
