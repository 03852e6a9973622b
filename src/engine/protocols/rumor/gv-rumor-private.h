/* gv-rumor-private.h: what the rumour protocol's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-exchange.h"
#include "gv-network.h"
#include "gv-shard.h"

G_BEGIN_DECLS

#define GV_MAX_RUMORS 30
#define GV_MAX_STOP_K 255

/* The parameters, in the order they are declared. */
enum
{
  RUMOR_PARAM_EXCHANGE,
  RUMOR_PARAM_STOP,
  RUMOR_N_PARAMS
};

typedef enum
{
  GV_STOP_NONE,
  GV_STOP_FEEDBACK_COUNTER,
  GV_STOP_BLIND_COUNTER,
  GV_STOP_FEEDBACK_COIN,
  GV_STOP_BLIND_COIN,
  GV_STOP_TTL,
  GV_N_STOP_RULES
} GvStopRule;

/* The metrics, in the order they are declared. */
enum
{
  RUMOR_METRIC_INFORMED,
  RUMOR_METRIC_SPREADING,
  RUMOR_METRIC_NEWLY_INFORMED,
  RUMOR_METRIC_INFORMED_BY_RUMOR,
  RUMOR_N_METRICS
};

enum
{
  RUMOR_FIGURE_RESIDUE,
  RUMOR_FIGURE_TRAFFIC,
  RUMOR_FIGURE_T_AVG,
  RUMOR_FIGURE_T_LAST,
  RUMOR_N_FIGURES
};

enum
{
  RUMOR_CLASS_UNINFORMED,
  RUMOR_CLASS_SPREADING,
  RUMOR_CLASS_REMOVED,
  RUMOR_CLASS_PARTIAL,
  RUMOR_N_CLASSES
};

/* The tally's sums: node counts first (GvProtocol.node_sums of them), then events. */
enum
{
  SUM_INFORMED,          /* alive nodes that hold every rumour */
  SUM_SPREADING,         /* alive nodes that will spread in the next round */
  SUM_HOT_CRASHED,       /* crashed nodes that would spread again on recovery */
  SUM_NEVER,             /* (alive node, injected rumour) pairs never informed */
  SUM_HELD,              /* SUM_HELD + i: alive nodes that hold rumour i */
  RUMOR_NODE_SUMS = SUM_HELD + GV_MAX_RUMORS,
  SUM_NEWLY = RUMOR_NODE_SUMS,  /* (node, rumour) pairs learnt in the round */
  SUM_DELAY_SUM,         /* rounds from injection to first informed, added up */
  SUM_DELAY_COUNT,
  SUM_POTENTIAL,         /* fast path: data sent to nodes that lacked it last round */
  SUM_MARKED,            /* fast path: nodes that took news in the round */
  RUMOR_N_SUMS
};

enum
{
  MAX_DELAY,
};

G_STATIC_ASSERT (RUMOR_N_SUMS <= GV_TALLY_SUMS);

/* The message kind (there is one: a message carries the rumours in its mask). */
enum
{
  RUMOR_MSG = 1,
};

enum
{
  STATUS_NONE = 0,     /* does not hold the rumour */
  STATUS_HOT = 1,      /* holds it and spreads it */
  STATUS_REMOVED = 2,  /* holds it and has lost interest */
  STATUS_NEW = 3,      /* fast path: took it this round; counts as NONE until settled */
};

/* With several rumours, each node's statuses as two masks in one word, made by the
 * settle of the last round: what the general path reads of a peer in one load.  The
 * word is as narrow as the rumours allow (a byte holds two masks of four), so that a
 * million nodes' words stay in the cache: the rumours held in the low half, those
 * spread (before message aging) in the high half. */

typedef struct
{
  GvExchange  exchange;
  GvStopRule  stop;
  guint32     stop_k;
  guint       n_rumors;
  guint32     inject_round[GV_MAX_RUMORS];
  guint8     *status[GV_MAX_RUMORS];
  guint32    *informed[GV_MAX_RUMORS];  /* round it learned it, GV_NEVER */
  guint8     *count[GV_MAX_RUMORS];     /* counters: contacts so far; coins: this round's */
  guint32    *first[GV_MAX_RUMORS];     /* only when recovery loses state: first informed */
  void       *bits;                     /* two rumours or more: as of the last settle */
  guint       bits_shift;               /* words of 1 << bits_shift bytes */
} Rumor;

/* How the general path reads a node's rumours: from the status bytes (one rumour), or
 * from its word of 1 << layout bytes.  The hot loops take the layout as a constant, so
 * that a read compiles to one load (gv_rumor_act). */
#define RUMOR_FROM_STATUS (-1)

static inline int
rumor_layout (const Rumor *R)
{
  return R->bits != NULL ? (int) R->bits_shift : RUMOR_FROM_STATUS;
}

static inline guint64
rumor_word (const Rumor *R,
            guint32      node,
            int          layout)
{
  switch (layout)
    {
    case 0:
      return ((const guint8 *) R->bits)[node];
    case 1:
      return ((const guint16 *) R->bits)[node];
    case 2:
      return ((const guint32 *) R->bits)[node];
    default:
      return ((const guint64 *) R->bits)[node];
    }
}

/* The bits of a mask: half a word. */
static inline guint
rumor_bits_half (const Rumor *R)
{
  return 4u << R->bits_shift;
}

static inline void
rumor_bits_set (Rumor   *R,
                guint32  node,
                guint32  held,
                guint32  hot)
{
  guint64 word = held | ((guint64) hot << rumor_bits_half (R));

  switch (R->bits_shift)
    {
    case 0:
      ((guint8 *) R->bits)[node] = (guint8) word;
      break;
    case 1:
      ((guint16 *) R->bits)[node] = (guint16) word;
      break;
    case 2:
      ((guint32 *) R->bits)[node] = (guint32) word;
      break;
    default:
      ((guint64 *) R->bits)[node] = word;
      break;
    }
}

static inline gboolean
gv_stop_is_feedback (GvStopRule rule)
{
  return rule == GV_STOP_FEEDBACK_COUNTER || rule == GV_STOP_FEEDBACK_COIN;
}

static inline gboolean
gv_stop_is_blind (GvStopRule rule)
{
  return rule == GV_STOP_BLIND_COUNTER || rule == GV_STOP_BLIND_COIN;
}

/* The rumours that may still be spread in round r: message aging retires them all at
 * once, H rounds after their injection. */
static inline guint32
rumor_live_mask (const Rumor *R,
                 guint32      r)
{
  guint32 mask = 0;

  if (R->stop != GV_STOP_TTL)
    return (1u << R->n_rumors) - 1;

  for (guint i = 0; i < R->n_rumors; i++)
    if (r - R->inject_round[i] <= R->stop_k)
      mask |= 1u << i;

  return mask;
}

static inline guint32
rumor_hot_mask_in (const Rumor *R,
                   guint32      node,
                   guint32      live,
                   int          layout)
{
  guint32 mask = 0;

  if (layout != RUMOR_FROM_STATUS)
    return (guint32) (rumor_word (R, node, layout) >> (4u << layout)) & live;

  for (guint32 m = live; m != 0; m &= m - 1)
    {
      guint i = (guint) __builtin_ctz (m);

      if (R->status[i][node] == STATUS_HOT)
        mask |= 1u << i;
    }

  return mask;
}

static inline guint32
rumor_known_mask_in (const Rumor *R,
                     guint32      candidates,
                     guint32      node,
                     int          layout)
{
  guint32 known = 0;

  if (layout != RUMOR_FROM_STATUS)
    return (guint32) rumor_word (R, node, layout) & candidates;

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
rumor_bump (Rumor   *R,
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
rumor_restart_count (Rumor   *R,
                     guint32  mask,
                     guint32  node)
{
  for (guint32 m = mask; m != 0; m &= m - 1)
    R->count[__builtin_ctz (m)][node] = 0;
}

/* Whether the fast path plays the round: one rumour, no detail, no stop rule that counts
 * a pulled node's answers, and fast paths allowed. */
static inline gboolean
rumor_uses_fast_path (GvEngine    *engine,
                      const Rumor *R)
{
  gboolean counts_answers = R->exchange != GV_EXCHANGE_PUSH &&
                            (gv_stop_is_feedback (R->stop) || gv_stop_is_blind (R->stop));

  return R->n_rumors == 1 && !gv_engine_get_detail (engine) && !counts_answers &&
         gv_engine_fast_paths (engine);
}

/* gv-rumor-fast.c */
void      gv_rumor_act_fast       (GvShard  *shard);
/* gv-rumor-model.c */
void      gv_rumor_setup          (GvEngine *engine);
void      gv_rumor_teardown       (GvEngine *engine);
void      gv_rumor_reset_node     (GvEngine *engine,
                                   guint32   node);
void      gv_rumor_act            (GvShard  *shard);
guint     gv_rumor_respond        (GvShard       *shard,
                                   guint32        node,
                                   const GvMsg   *msg,
                                   const guint32 *payload,
                                   GvMsg         *reply,
                                   guint32       *reply_payload,
                                   guint32       *feedback);
void      gv_rumor_apply          (GvShard       *shard,
                                   const GvMsg   *msgs,
                                   const guint32 *words,
                                   gsize          n_msgs);
void      gv_rumor_outcome        (GvShard       *shard,
                                   guint32        node,
                                   const GvMsg   *msg,
                                   GvOutcome      outcome,
                                   guint32        feedback);
void      gv_rumor_settle         (GvShard  *shard,
                                   gboolean  end_of_round);
void      gv_rumor_merge          (GvEngine *engine,
                                   GvTally  *merged);
/* gv-rumor-theory.c */
GPtrArray *gv_rumor_theory        (const GvParams    *params,
                                   const GvTopology  *topology,
                                   char             **why);
gboolean  gv_rumor_predict        (const GvParams    *params,
                                   const GvTopology  *topology,
                                   double            *rounds,
                                   double            *messages,
                                   const char       **source);

G_END_DECLS
