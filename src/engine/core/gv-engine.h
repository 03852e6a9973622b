/* gv-engine.h: the round engine, without any main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GvEngine owns the state of every node and advances it one synchronous round at a
 * time on its worker threads, playing the protocol its parameters name.  It is not
 * thread-safe: one caller at a time, which is what GvSimulator guarantees.  A run is a
 * pure function of its parameters, seed and interventions, whatever the number of
 * threads.
 */

#pragma once

#include <gio/gio.h>

#include "gv-params.h"
#include "gv-round.h"
#include "gv-topology.h"

G_BEGIN_DECLS

/* What the engine's runs reproduce: a change that alters what a seed produces changes
 * it, and run files record it (gv-engine-version.h says what each changed). */
#define GV_ENGINE_VERSION "0.1.0"

typedef struct _GvEngine GvEngine;

/* One node, for the inspector. */
typedef struct
{
  guint      cls;             /* its class (view 0), in gv_engine_get_classes() */
  gboolean   alive;
  gint64     first_informed;  /* round, or -1 when never informed (or not a notion) */
  guint32    sent;            /* only counted up to the detail cap, else 0 */
  guint32    received;
  guint32    redundant;
  GArray    *rows;            /* GvNodeRow: the protocol's rows */
} GvNodeDescription;

void           gv_node_description_clear  (GvNodeDescription *description);

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
/* Off: protocols take their general message path only (to compare: both paths give
 * the same run byte for byte).  Takes effect from the next reset. */
void           gv_engine_set_fast_paths   (GvEngine       *self,
                                           gboolean        enabled);
const GvParams *gv_engine_get_params      (GvEngine       *self);
GvTopology    *gv_engine_get_topology     (GvEngine       *self);
const GvProtocol *gv_engine_get_protocol  (GvEngine       *self);
guint32        gv_engine_get_round        (GvEngine       *self);
guint32        gv_engine_get_n_alive      (GvEngine       *self);
/* News injected so far, scheduled and by hand. */
guint          gv_engine_get_n_injected   (GvEngine       *self);
gboolean       gv_engine_is_finished      (GvEngine       *self);
/* Runs one round and returns its record, or NULL when the run has already finished.
 * The record of round 0 (the initial state) is made by gv_engine_initial_record(). */
GvRoundRecord *gv_engine_step             (GvEngine       *self);
GvRoundRecord *gv_engine_initial_record   (GvEngine       *self);
/* After interventions made since the last record: that record's values with the nodes
 * counted again as they are now (its messages unchanged, and no events), for a status
 * line; NULL when nothing has changed since the record. */
GvRoundRecord *gv_engine_current_record   (GvEngine       *self);
/* Runs until the run finishes. */
void           gv_engine_run              (GvEngine       *self,
                                           GCancellable   *cancellable);
void           gv_engine_get_summary      (GvEngine       *self,
                                           GvSummary      *summary);

/* The classes nodes can be in: the protocol's, then the core's "crashed". */
const GvClassTable *gv_engine_get_classes (GvEngine       *self);
/* How the view can be coloured: 1 (everything), or 1 + one a rumour (item). */
guint          gv_engine_get_n_views      (GvEngine       *self);
guint          gv_engine_get_n_items      (GvEngine       *self);
guint          gv_engine_classify         (GvEngine       *self,
                                           guint32         node,
                                           guint           view);
/* Fills @classes (n_nodes bytes) with every node's class in @view. */
void           gv_engine_classify_all     (GvEngine       *self,
                                           guint           view,
                                           guint8         *classes);
/* The round in which @node first held the newest news, or -1. */
gint64         gv_engine_get_first_informed (GvEngine     *self,
                                           guint32         node);
/* The same for every node (n_nodes of them), to free with g_free(). */
gint32        *gv_engine_dup_first_informed (GvEngine     *self);
void           gv_engine_describe_node    (GvEngine       *self,
                                           guint32         node,
                                           GvNodeDescription *description);

/* Interventions between rounds; they take effect in the next round. */
void           gv_engine_set_faults       (GvEngine       *self,
                                           double          loss,
                                           double          crash,
                                           double          recover);
gboolean       gv_engine_set_node_alive   (GvEngine       *self,
                                           guint32         node,
                                           gboolean        alive,
                                           GError        **error);
/* The protocol's news at @node: a rumour, or an update of key @arg. */
gboolean       gv_engine_inject           (GvEngine       *self,
                                           guint32         node,
                                           guint32         arg,
                                           GError        **error);
/* Whether gv_engine_inject() would work now, and a sentence saying why not. */
gboolean       gv_engine_can_inject       (GvEngine       *self,
                                           guint32         node,
                                           guint32         arg,
                                           GError        **error);
gboolean       gv_engine_intervene        (GvEngine             *self,
                                           const GvIntervention *intervention,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvEngine, gv_engine_free)

G_END_DECLS
