/* gv-network-view-private.h: what the network view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gv-network-view.c        the widget: drawing, animation, held rounds, pointer
 *   gv-network-view-input.c  the pointer and the keyboard; the selected node: its
 *                            focus, what it is told, the round shown, the infection tree
 */

#pragma once

#include "gv-network-view.h"

G_BEGIN_DECLS

struct _GvNetworkView
{
  GtkWidget       parent_instance;

  GvTopology     *topology;
  guint32         n_nodes;
  float          *positions;
  double          spacing;       /* gv_network_layout_spacing () of the positions */
  GvClassTable    classes;       /* what the bytes of the states mean */
  GBytes         *states;        /* a class a node: shown when not animating, and after */
  GBytes         *next_states;   /* shown once the animated messages arrive */
  GvRoundRecord  *record;        /* the round being animated */
  gint64          anim_start;    /* frame clock time, µs */
  double          duration;      /* s */
  double          progress;
  guint           tick_id;
  gboolean        paused;        /* the animation frozen at @progress */
  gboolean        holding;       /* @record's messages go one at a time */
  gint64          step_message;  /* the one travelling or last arrived; -1 before any */
  GvRoundRecord  *round_record;  /* the round shown: a focused node's contacts */
  guint32        *tellers;       /* the infection tree, or NULL */
  gboolean        tree_path_only;
  guint64         overlay_serial; /* changes with the round shown and the tree */
  double          mark_scale;

  double          zoom;
  double          pan_x;
  double          pan_y;
  double          drag_pan_x;
  double          drag_pan_y;
  double          zoom_at_begin;
  gboolean        dragged;
  gint64          hover_node;
  gint64          selected_node;

  /* The background and edges, drawn once per layout, view and size. */
  cairo_surface_t *static_surface;
  char            *static_key;
  /* The last frame, as a texture, and what it showed: reused while nothing moves (the
   * pixel view of a million nodes changes only once a round). */
  GdkTexture      *frame;
  char            *frame_key;
  /* The pixel view is rendered off the main thread; this is the render in flight. */
  GCancellable    *pixels_cancellable;
  char            *pixels_key;
  guint64          states_serial;  /* changes with every new set of states shown */
  guint64          shown_serial;   /* the states the last pixel frame shows */
};

/* Tells assistive technologies what the selected node is, after any change to it. */
void     gv_network_view_announce        (GvNetworkView         *self);
/* The pointer's and the keyboard's controllers. */
void     gv_network_view_add_controllers (GvNetworkView         *self);

G_END_DECLS
