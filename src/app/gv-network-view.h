/* gv-network-view.h: the animated network picture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-network-renderer.h"
#include "gv-round.h"
#include "gv-topology.h"

G_BEGIN_DECLS

#define GV_TYPE_NETWORK_VIEW (gv_network_view_get_type ())

G_DECLARE_FINAL_TYPE (GvNetworkView, gv_network_view, GV, NETWORK_VIEW, GtkWidget)

GtkWidget *gv_network_view_new             (void);
/* A new network: forgets the layout, states and animation. */
void       gv_network_view_set_network     (GvNetworkView *self,
                                            GvTopology    *topology,
                                            guint32        n_nodes);
/* Takes @positions (2 × n_nodes floats in [0, 1]). */
void       gv_network_view_set_layout      (GvNetworkView *self,
                                            float         *positions);
gboolean   gv_network_view_has_layout      (GvNetworkView *self);
/* What the bytes of the states mean: the run's classes (copied). */
void       gv_network_view_set_classes     (GvNetworkView *self,
                                            const GvClassTable *classes);
const GvClassTable *gv_network_view_get_classes (GvNetworkView *self);
/* The classes on show (a byte a node), or NULL. */
GBytes    *gv_network_view_get_states      (GvNetworkView *self);
/* Shows @states (a class a node) at once, ending any animation. */
void       gv_network_view_set_states      (GvNetworkView *self,
                                            GBytes        *states);
/* Animates @record's messages over @duration seconds, then shows @states. */
void       gv_network_view_animate_round   (GvNetworkView *self,
                                            GvRoundRecord *record,
                                            GBytes        *states,
                                            double         duration);
gboolean   gv_network_view_get_animating   (GvNetworkView *self);
/* Whether the picture on screen lags the states: a pixel view still being rendered. */
gboolean   gv_network_view_get_rendering   (GvNetworkView *self);
void       gv_network_view_fit             (GvNetworkView *self);
double     gv_network_view_get_zoom        (GvNetworkView *self);
void       gv_network_view_set_selected    (GvNetworkView *self,
                                            gint64         node);
/* Where @node is drawn, in widget coordinates; FALSE when nodes are not drawn. */
gboolean   gv_network_view_get_node_point  (GvNetworkView *self,
                                            guint32        node,
                                            double        *x,
                                            double        *y);
/* The picture at the round shown, without moving messages, into [0, w] × [0, h] of any
 * cairo_t: what an export writes. */
void       gv_network_view_draw_picture    (GvNetworkView *self,
                                            cairo_t       *cr,
                                            double         width,
                                            double         height);
gint64     gv_network_view_node_at         (GvNetworkView *self,
                                            double         x,
                                            double         y);
/* The round shown, animated or not: whose messages a focused node's contacts are. */
void       gv_network_view_set_round       (GvNetworkView *self,
                                            GvRoundRecord *record);
/* The infection tree: takes @tellers (a node each, GV_NETWORK_NO_TELLER for none; NULL
 * for no tree), drawn whole or only on the way to the selected node. */
void       gv_network_view_set_tree        (GvNetworkView *self,
                                            guint32       *tellers,
                                            gboolean       path_only);
/* Freezes the animated round where it is, or goes on with it. */
void       gv_network_view_set_paused      (GvNetworkView *self,
                                            gboolean       paused);
gboolean   gv_network_view_get_paused      (GvNetworkView *self);
/* Holds @record's round still, its messages to be sent one at a time by
 * gv_network_view_step_message (); @states are shown once the last has arrived. */
void       gv_network_view_hold_round      (GvNetworkView *self,
                                            GvRoundRecord *record,
                                            GBytes        *states);
/* Sends the next message of the held round: its index, or -1 when none is left (the
 * round is then over and its states are shown). */
gint64     gv_network_view_step_message    (GvNetworkView *self);
/* The message of the held round last sent, or NULL. */
const GvMessageEvent *gv_network_view_get_stepped_message (GvNetworkView *self);
/* Where the held round is: the index of the message last sent, and how many it has. */
gboolean   gv_network_view_get_step        (GvNetworkView *self,
                                            guint32       *index,
                                            guint32       *n_messages);
gint64     gv_network_view_get_selected    (GvNetworkView *self);
/* What a screen reader says of the selected node ("Node 17, spreading, 3 contacts this
 * round"), or NULL. */
char      *gv_network_view_describe_selected (GvNetworkView *self);

/* Nodes and arrows up to @scale times their usual size (presentation mode). */
void       gv_network_view_set_mark_scale  (GvNetworkView *self,
                                            double         scale);

G_END_DECLS
