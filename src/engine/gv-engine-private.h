/* gv-engine-private.h: what the engine shares with its protocols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-engine.h"
#include "gv-rng.h"

G_BEGIN_DECLS

#define GV_NEVER G_MAXUINT32

/* A message between two nodes, as it waits in an outbox for its delivery.  Only the
 * messages whose effect the sender cannot settle alone are queued: the rest are
 * counted where they are sent.  @deliver_round leaves room for latency: today every
 * message lands in the round it was sent. */
typedef enum
{
  GV_MSG_RUMOR    = 0,   /* mask: rumours the receiver may not have */
  GV_MSG_FEEDBACK = 1,   /* mask: rumours a pull reply carried; aux: those already known */
  GV_MSG_MERGE    = 2,   /* anti-entropy: merge the sender's entries of the last round */
  GV_MSG_UNHEARD  = 3,   /* mask: rumours a pull reply carried, but the reply was lost */
} GvMsgKind;

typedef struct
{
  guint32 dst;
  guint32 src;
  guint32 mask;
  guint32 aux;           /* kind in the top 2 bits, a second mask below */
} GvMsg;

#define GV_MSG_AUX_MASK 0x3fffffffu

static inline GvMsgKind
gv_msg_kind (const GvMsg *msg)
{
  return (GvMsgKind) (msg->aux >> 30);
}

typedef struct
{
  GvMsg *data;
  gsize  len;
  gsize  cap;
} GvOutbox;

typedef struct
{
  guint64 sent;
  guint64 carrying;
  guint64 lost;
  guint64 dead;
  guint64 redundant;
  guint64 potential;         /* fast path: data sent to nodes that lacked it last round */
  guint64 marked;            /* fast path: nodes that took news in the round */
  guint64 delay_sum;
  guint64 delay_count;
  guint32 delay_max;
  guint32 alive;
  guint32 informed;
  guint32 spreading;
  guint32 hot_crashed;       /* crashed nodes that would spread again on recovery */
  guint32 newly_informed;
  guint32 crashed;
  guint32 recovered;
  guint64 never_informed;    /* (alive node, injected rumour) pairs never informed */
  gboolean uniform;          /* anti-entropy: all alive nodes of the shard hold one state */
  gint64  uniform_ref;       /* ... that of this node, or -1 when the shard has none alive */
} GvTally;

typedef struct _GvShard GvShard;

struct _GvShard
{
  GvEngine *engine;
  guint     index;
  guint32   begin;
  guint32   end;
  GvOutbox *outboxes;        /* one per destination shard */
  GvTally   tally;
  guint32   settled_alive;     /* the shard's alive and informed nodes, last settled */
  guint32   settled_informed;
  GArray   *message_events;  /* GvMessageEvent, detail mode only */
  GArray   *state_events;    /* GvStateEvent, detail mode only */
  GArray   *crash_events;    /* guint32: nodes that crashed this round, always */
  GArray   *recover_events;  /* guint32: nodes that recovered this round, always */
};

typedef struct _GvProtocol GvProtocol;

/* A protocol is a table of functions over the engine's arrays of node state.  Each
 * works on one shard, a contiguous range of nodes, and may write only to the nodes of
 * that shard and to that shard's outboxes. */
struct _GvProtocol
{
  const char *name;
  /* Allocates and sets up the state of every node. */
  void        (*init)        (GvEngine *engine);
  void        (*finalize)    (GvEngine *engine);
  /* A recovering node that loses its state. */
  void        (*reset_node)  (GvEngine *engine,
                              guint32   node);
  /* Before the round's messages, after faults: e.g. keep last round's state. */
  void        (*begin_round) (GvShard  *shard);
  /* The round's messages of the shard's alive nodes. */
  void        (*send)        (GvShard  *shard);
  /* Applies delivered messages to their receivers, all nodes of the shard. */
  void        (*deliver)     (GvShard     *shard,
                              const GvMsg *msgs,
                              gsize        n_msgs);
  /* Goes over the shard's nodes once: at the end of a round (@end_of_round) applies
   * stop rules and the like; always counts them into the shard's tally (alive,
   * informed, spreading, hot_crashed, never_informed, uniform). */
  void        (*settle)      (GvShard  *shard,
                              gboolean  end_of_round);
  /* How a node looks, and whether it holds the newest data and still spreads. */
  GvNodeState (*summarise)   (GvEngine *engine,
                              guint32   node,
                              gboolean *informed,
                              gboolean *hot,
                              guint32  *never_known);
  /* Optional: every node's GvNodeState at once, faster than summarise node by node. */
  void        (*states)      (GvEngine *engine,
                              guint8   *out);
  /* Compares two alive nodes' states, for convergence by agreement. */
  gboolean    (*same_state)  (GvEngine *engine,
                              guint32   a,
                              guint32   b);
  /* A new rumour or update at @node, at the end of the current round. */
  gboolean    (*inject)      (GvEngine *engine,
                              guint32   node,
                              guint32   key,
                              GError  **error);
  void        (*node_info)   (GvEngine   *engine,
                              guint32     node,
                              GvNodeInfo *info);
};

extern const GvProtocol gv_rumor_protocol;
extern const GvProtocol gv_anti_entropy_protocol;

struct _GvEngine
{
  GvParams         *params;
  GvTopology       *topology;
  const GvProtocol *protocol;
  gpointer          protocol_data;

  guint32           n_nodes;
  guint32           round;          /* the last finished round; 0 before any */
  guint32           now;            /* the round being played, or looked at between rounds */
  gboolean          in_round;       /* the phases of round `now` are running */
  gboolean          all_alive;      /* no node is down in round `now`: skip the checks */
  gboolean          finished;
  gboolean          converged;
  guint64           seed_key;
  guint64           loss_threshold;
  guint64           crash_threshold;
  guint64           recover_threshold;
  gboolean          detail;         /* record messages, state changes, node counters */

  guint8           *alive;
  guint8           *last_state;     /* detail mode: each node's GvNodeState */
  guint32          *node_sent;      /* detail mode */
  guint32          *node_received;
  guint32          *node_redundant;

  /* Injections not yet made, by round. */
  GArray           *pending;        /* GvInjection, sorted by round */
  guint             next_pending;
  guint             n_injected;     /* scheduled and by hand, so far */

  /* Totals over the run. */
  guint64           total_sent;
  guint64           total_carrying;
  guint64           delay_sum;
  guint64           delay_count;
  guint32           delay_max;
  GvTally           last_tally;

  guint             n_threads;
  guint             n_shards;
  double            shard_scale;    /* n_shards / n_nodes */
  GvShard          *shards;
  GThreadPool      *pool;
  GMutex            phase_mutex;
  GCond             phase_cond;
  gint              phase_pending;
  void            (*phase_func) (GvShard *shard);
};

/* Chooses up to @fanout distinct neighbours of @node, uniformly, into @out.
 * Returns how many it chose (fewer only when the node has fewer neighbours). */
guint32 gv_engine_pick_peers_slow (GvEngine *self,
                                   GvRng    *rng,
                                   guint32   node,
                                   guint32  *out);

static inline guint32
gv_engine_pick_peers (GvEngine *self,
                      GvRng    *rng,
                      guint32   node,
                      guint32  *out)
{
  /* The common case of the complete graph and fanout 1, without a call. */
  if (self->topology->offsets == NULL && self->params->fanout == 1)
    {
      guint32 i = gv_rng_below (rng, self->n_nodes - 1);

      out[0] = i + (i >= node);
      return 1;
    }

  return gv_engine_pick_peers_slow (self, rng, node, out);
}

/* Adds one node to the shard's tally (for settle functions). */
static inline void
gv_tally_node (GvTally  *t,
               gboolean  alive,
               gboolean  informed,
               gboolean  hot,
               guint32   never_known)
{
  if (alive)
    {
      t->alive++;
      t->informed += informed;
      t->spreading += hot;
      t->never_informed += never_known;
    }
  else
    t->hot_crashed += hot;
}

/* Shard s begins near s * n / W, so a node's shard is about node * W / n; the product
 * is taken in floating point, then corrected, to keep a division off the hot path. */
static inline guint
gv_engine_shard_of (GvEngine *self,
                    guint32   node)
{
  guint s;

  if (self->n_shards == 1)
    return 0;

  s = (guint) ((double) node * self->shard_scale);
  if (s >= self->n_shards)
    s = self->n_shards - 1;
  while (s + 1 < self->n_shards && node >= self->shards[s + 1].begin)
    s++;
  while (node < self->shards[s].begin)
    s--;
  return s;
}

void gv_outbox_grow (GvOutbox *outbox);

static inline void
gv_shard_post (GvShard   *shard,
               guint32    dst,
               guint32    src,
               GvMsgKind  kind,
               guint32    mask,
               guint32    aux)
{
  GvOutbox *outbox = &shard->outboxes[gv_engine_shard_of (shard->engine, dst)];
  GvMsg *msg;

  if G_UNLIKELY (outbox->len == outbox->cap)
    gv_outbox_grow (outbox);

  msg = &outbox->data[outbox->len++];
  msg->dst = dst;
  msg->src = src;
  msg->mask = mask;
  msg->aux = ((guint32) kind << 30) | (aux & GV_MSG_AUX_MASK);
}

void gv_shard_record_message (GvShard         *shard,
                              guint32          src,
                              guint32          dst,
                              GvMessageOutcome outcome,
                              gboolean         carries_data);

G_END_DECLS
