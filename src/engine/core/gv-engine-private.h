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
  guint64              total_sent;
  GvTally              totals;         /* every round's tally added up (maxima: the largest) */
  GvTally              last_tally;

  guint                n_threads;
  guint                n_shards;
  double               shard_scale;    /* n_shards / n_nodes */
  GvShard             *shards;
  GThreadPool         *pool;
  GMutex               phase_mutex;
  GCond                phase_cond;
  gint                 phase_pending;
  void               (*phase_func) (GvShard *shard);
};

G_END_DECLS
