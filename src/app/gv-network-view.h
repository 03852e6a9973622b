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

G_END_DECLS
