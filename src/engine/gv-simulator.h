/* gv-simulator.h: drives a GvEngine from a GLib main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gv-engine.h"

G_BEGIN_DECLS

#define GV_TYPE_SIMULATOR (gv_simulator_get_type ())

G_DECLARE_FINAL_TYPE (GvSimulator, gv_simulator, GV, SIMULATOR, GObject)

/* 0 means as fast as possible. */
#define GV_SPEED_MAX 0.0

GvSimulator    *gv_simulator_new              (const GvParams  *params,
                                               guint            n_threads,
                                               GError         **error);
void            gv_simulator_new_async        (const GvParams  *params,
                                               guint            n_threads,
                                               GCancellable    *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer         user_data);
GvSimulator    *gv_simulator_new_finish       (GAsyncResult    *result,
                                               GError         **error);
const GvParams *gv_simulator_get_params       (GvSimulator     *self);
/* The network; immutable, so it may be read from any thread. */
GvTopology     *gv_simulator_get_topology     (GvSimulator     *self);
void            gv_simulator_play             (GvSimulator     *self);
void            gv_simulator_pause            (GvSimulator     *self);
void            gv_simulator_step             (GvSimulator     *self);
void            gv_simulator_reset            (GvSimulator     *self);
gboolean        gv_simulator_get_playing      (GvSimulator     *self);
gboolean        gv_simulator_get_busy         (GvSimulator     *self);
gboolean        gv_simulator_get_finished     (GvSimulator     *self);
double          gv_simulator_get_speed        (GvSimulator     *self);
void            gv_simulator_set_speed        (GvSimulator     *self,
                                               double           rounds_per_second);
guint           gv_simulator_get_round        (GvSimulator     *self);
/* Records of every round delivered so far, round 0 first. */
guint           gv_simulator_get_n_records    (GvSimulator     *self);
GvRoundRecord  *gv_simulator_get_record       (GvSimulator     *self,
                                               guint            index);
/* The last record, or after interventions made since it, its values with the nodes
 * counted as they are now (gv_engine_current_record()): what a status line shows. */
GvRoundRecord  *gv_simulator_get_current_record (GvSimulator   *self);
/* The summary as of the last delivered round. */
void            gv_simulator_get_summary      (GvSimulator     *self,
                                               GvSummary       *summary);
/* A snapshot of every node's class in the chosen view (one byte a node) as of the
 * last delivered round, kept only while keep-states is on (it costs a pass over the
 * nodes a round). */
GBytes         *gv_simulator_get_node_states  (GvSimulator     *self);
void            gv_simulator_set_keep_states  (GvSimulator     *self,
                                               gboolean         keep_states);
/* The view the snapshots colour by: 0 for the whole picture, i for rumour i. */
void            gv_simulator_set_view         (GvSimulator     *self,
                                               guint            view);
guint           gv_simulator_get_view         (GvSimulator     *self);
guint           gv_simulator_get_n_views      (GvSimulator     *self);
const GvClassTable *gv_simulator_get_classes  (GvSimulator     *self);
/* FALSE while a round runs. */
gboolean        gv_simulator_describe_node    (GvSimulator     *self,
                                               guint32          node,
                                               GvNodeDescription *description);
/* Per node, the round it first held the newest news, or -1; not while busy. */
gint32         *gv_simulator_get_first_informed (GvSimulator   *self);
/* Queued; applied before the next round, never while one runs (@iv's round is not
 * read).  Says at once why it cannot be done when that is known: no such node, or news
 * the engine refuses now; otherwise a failure is told by GvSimulator::intervention-failed.
 * The three below are its shorthands. */
gboolean        gv_simulator_intervene        (GvSimulator     *self,
                                               const GvIntervention *iv,
                                               GError         **error);
void            gv_simulator_set_faults       (GvSimulator     *self,
                                               double           loss,
                                               double           crash,
                                               double           recover);
gboolean        gv_simulator_set_node_alive   (GvSimulator     *self,
                                               guint32          node,
                                               gboolean         alive,
                                               GError         **error);
/* The protocol's news at @node: a rumour, an update of key @arg.  Says at once why it
 * cannot be done when that is known; otherwise it is queued, and a failure is told by
 * GvSimulator::intervention-failed. */
gboolean        gv_simulator_inject           (GvSimulator     *self,
                                               guint32          node,
                                               guint32          arg,
                                               GError         **error);
gboolean        gv_simulator_can_inject       (GvSimulator     *self,
                                               guint32          node,
                                               guint32          arg,
                                               GError         **error);
/* For run files: the parameters the current run started from (gv_simulator_get_params()
 * follows set_faults), and the interventions applied to it since, in order; a reset
 * clears them. */
const GvParams *gv_simulator_get_start_params (GvSimulator     *self);
guint           gv_simulator_get_n_interventions (GvSimulator  *self);
const GvIntervention *gv_simulator_get_intervention (GvSimulator *self,
                                               guint            index);

G_END_DECLS
