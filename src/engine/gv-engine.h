/* gv-engine.h: the round engine, without any main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GvEngine owns the state of every node and advances it one synchronous round at a
 * time on its worker threads.  It is not thread-safe: one caller at a time, which is
 * what GvSimulator guarantees.  A run is a pure function of its parameters and seed,
 * whatever the number of threads.
 */

#pragma once

#include <gio/gio.h>

#include "gv-params.h"
#include "gv-round.h"
#include "gv-topology.h"

G_BEGIN_DECLS

typedef struct _GvEngine GvEngine;

typedef struct
{
  GvNodeState state;
  gboolean    alive;
  gint64      first_informed;  /* round, or -1 when never informed */
  guint32     sent;            /* only counted up to the detail cap, else 0 */
  guint32     received;
  guint32     redundant;
  guint32     known;           /* rumours (or keys at their newest version) it holds */
  guint32     n_keys;          /* anti-entropy: entries below */
  guint32     versions[64];    /* anti-entropy: version of each key */
  guint64     values[64];      /* anti-entropy: value of each key */
} GvNodeInfo;

GvEngine      *gv_engine_new              (const GvParams *params,
                                           guint           n_threads,
                                           GCancellable   *cancellable,
                                           GError        **error);
GvEngine      *gv_engine_new_with_topology (const GvParams *params,
                                           GvTopology     *topology,
                                           guint           n_threads,
                                           GError        **error);
void           gv_engine_free             (GvEngine       *self);
void           gv_engine_reset            (GvEngine       *self);
const GvParams *gv_engine_get_params      (GvEngine       *self);
GvTopology    *gv_engine_get_topology     (GvEngine       *self);
guint          gv_engine_get_n_threads    (GvEngine       *self);
guint32        gv_engine_get_round        (GvEngine       *self);
gboolean       gv_engine_is_finished      (GvEngine       *self);
/* Runs one round and returns its record, or NULL when the run has already finished.
 * The record of round 0 (the initial state) is made by gv_engine_initial_record(). */
GvRoundRecord *gv_engine_step             (GvEngine       *self);
GvRoundRecord *gv_engine_initial_record   (GvEngine       *self);
/* Runs until the run finishes. */
void           gv_engine_run              (GvEngine       *self,
                                           GCancellable   *cancellable);
void           gv_engine_get_summary      (GvEngine       *self,
                                           GvSummary      *summary);
void           gv_engine_get_node_info    (GvEngine       *self,
                                           guint32         node,
                                           GvNodeInfo     *info);
GvNodeState    gv_engine_get_node_state   (GvEngine       *self,
                                           guint32         node);
/* Fills @states (n_nodes bytes) with every node's GvNodeState. */
void           gv_engine_get_node_states  (GvEngine       *self,
                                           guint8         *states);

/* Interventions between rounds; they take effect in the next round. */
void           gv_engine_set_faults       (GvEngine       *self,
                                           double          loss,
                                           double          crash,
                                           double          recover);
gboolean       gv_engine_set_node_alive   (GvEngine       *self,
                                           guint32         node,
                                           gboolean        alive,
                                           GError        **error);
/* A new rumour (rumour mode) or a new version of @key (anti-entropy) at @node. */
gboolean       gv_engine_inject           (GvEngine       *self,
                                           guint32         node,
                                           guint32         key,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvEngine, gv_engine_free)

G_END_DECLS
