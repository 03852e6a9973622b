/* gv-engine-private.h: the engine's own state, for the core's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Protocols do not include this: they see the engine through gv-shard.h.
 */

#pragma once

#include "gv-engine.h"
#include "gv-shard.h"

G_BEGIN_DECLS

struct _GvEngine
{
  GvParams            *params;
  GvTopology          *topology;
  const GvProtocol    *protocol;
  const GvProtocolOps *ops;
  gpointer             protocol_data;
  GvClassTable         classes;

  guint32              n_nodes;
  guint32              n_alive;
  guint32              round;          /* the last finished round; 0 before any */
  guint32              now;            /* the round being played, or looked at between rounds */
  gboolean             in_round;       /* the phases of round `now` are running */
  gboolean             all_alive;      /* no node is down in round `now`: skip the checks */
  gboolean             finished;
  gboolean             converged;
  gboolean             fast_paths;
  gboolean             wants_outcomes;
  guint                max_payload;
  guint64              seed_key;
  guint64              loss_threshold;
  guint64              crash_threshold;
  guint64              recover_threshold;
  gboolean             detail;         /* record messages, state changes, node counters */

  guint8              *alive;
  guint8              *last_class;     /* detail mode: each node's class, by view */
  guint                n_last_views;
  guint32             *node_sent;      /* detail mode */
  guint32             *node_received;
  guint32             *node_redundant;

  /* Injections not yet made, by round. */
  GArray              *pending;        /* GvInjection, sorted by round */
  guint                next_pending;
  guint                n_injected;     /* scheduled and by hand, so far */

  /* Over the run. */
  GvTally              totals;         /* every round's tally added up (maxima: the largest) */
  GvTally              last_tally;
  gboolean             recounted;      /* last_tally's nodes counted since the record */

  guint                n_threads;
  guint                n_shards;
  GvShard             *shards;
  GThreadPool         *pool;
  GMutex               phase_mutex;
  GCond                phase_cond;
  gint                 phase_pending;
  void               (*phase_func) (GvShard *shard);
};

/* gv-shard.c */
void      gv_engine_make_shards    (GvEngine  *self);
void      gv_engine_run_phase      (GvEngine  *self,
                                    void     (*func) (GvShard *shard));
void      gv_phase_faults          (GvShard   *shard);
void      gv_phase_act             (GvShard   *shard);
void      gv_phase_deliver         (GvShard   *shard);
void      gv_phase_tally           (GvShard   *shard);
void      gv_phase_changes         (GvShard   *shard);
/* How the view can be coloured: 1, or 1 + one a rumour when there are several. */
guint     gv_engine_count_views    (GvEngine  *self);
/* Detail mode: room for the class changes of views that appeared. */
void      gv_engine_grow_views     (GvEngine  *self);

static inline guint
gv_engine_classify_fast (GvEngine *self,
                         guint32   node,
                         guint     view)
{
  if (!self->alive[node])
    return self->classes.crashed;
  return self->ops->classify (self, node, view);
}

G_END_DECLS
