/* gv-network-renderer.h: the network picture, drawn into any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Up to GV_NETWORK_MAX_DRAWN nodes every node is drawn: its colour shows its class (as
 * its protocol declares it: a colour slot and a second cue, an outline, a ring, a cross,
 * a partly filled disc or a shape) for colour-blind users.
 * Messages are arrows that grow from sender to receiver over the round and then fade; a
 * lost one falls away midway, one to a crashed node stops short of it at a cross, a
 * request has a hollow head, and a useful one flashes its receiver on arrival.  Beyond
 * that, a pixel view shows one cell per node, so a million nodes still make a picture.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "gv-palette.h"
#include "gv-round.h"
#include "gv-topology.h"

G_BEGIN_DECLS

#define GV_NETWORK_MAX_DRAWN 5000

#define GV_NETWORK_NO_TELLER GV_ROUND_NO_TELLER

typedef struct
{
  guint32                n_nodes;
  const float           *positions;     /* 2 × n_nodes, in [0, 1] × [0, 1] */
  /* gv_network_layout_spacing () of @positions, which a caller that keeps the layout
   * computes once; 0 computes it at every call. */
  double                 spacing;
  const guint8          *classes;       /* a class per node, in @class_table */
  const GvClassTable    *class_table;   /* the protocol's classes and the core's crashed */
  const GvTopology      *topology;      /* edges drawn when sparse; NULL for none */
  const GvMessageEvent  *messages;      /* the round being animated, or NULL */
  guint32                n_messages;
  double                 progress;      /* 0 .. 1 through that round */
  /* Messages before this index have arrived, this one travels at @progress, and the
   * later ones wait: a round one message at a time.  -1: all travel together. */
  gint64                 step_message;
  /* The messages of the round shown, animated or not: a focused node's contacts, drawn
   * as settled arrows when nothing travels.  NULL: @messages. */
  const GvMessageEvent  *contacts;
  guint32                n_contacts;
  /* With @selected_node, focus it: its edges, contacts and their messages stay lit and
   * everything else dims. */
  gboolean               focus;
  /* The infection tree: who first told each node (GV_NETWORK_NO_TELLER for nobody), or
   * NULL; with @tree_path_only, only the way from @selected_node back to the origin. */
  const guint32         *tellers;
  gboolean               tree_path_only;
  /* Nodes and arrows this many times their usual bounds (presentation mode); 1 as
   * designed, 0 for 1. */
  double                 mark_scale;
  /* The view: node coordinates are mapped to the widget by scale and offset, on top of
   * the fit of the unit square into width × height. */
  double                 zoom;          /* 1 = fit */
  double                 pan_x;         /* in widget pixels */
  double                 pan_y;
  gint64                 hover_node;    /* -1 for none */
  gint64                 selected_node; /* -1 for none */
} GvNetworkScene;

void     gv_network_scene_init        (GvNetworkScene       *scene);
/* Whether the scene draws every node (else the pixel view). */
gboolean gv_network_draws_nodes       (const GvNetworkScene *scene);
void     gv_network_draw              (cairo_t              *cr,
                                       double                width,
                                       double                height,
                                       const GvNetworkScene *scene,
                                       const GvPalette      *palette);
/* The same picture in two layers, for a widget that caches the first as a render node:
 * the static layer (the background and the edges) changes only with the layout, the
 * view, the size or the palette; the dynamic layer (nodes, messages, the selection, or
 * the pixel view's cells) changes every frame.  gv_network_draw () draws both. */
void     gv_network_draw_static       (cairo_t              *cr,
                                       double                width,
                                       double                height,
                                       const GvNetworkScene *scene,
                                       const GvPalette      *palette);
void     gv_network_draw_dynamic      (cairo_t              *cr,
                                       double                width,
                                       double                height,
                                       const GvNetworkScene *scene,
                                       const GvPalette      *palette);
/* The node under (px, py), or -1; only when nodes are drawn. */
gint64   gv_network_hit_test          (const GvNetworkScene *scene,
                                       double                width,
                                       double                height,
                                       double                px,
                                       double                py);
/* Where node @node is drawn, in widget pixels. */
void     gv_network_node_position     (const GvNetworkScene *scene,
                                       double                width,
                                       double                height,
                                       guint32               node,
                                       double               *px,
                                       double               *py);
/* The radius nodes are drawn with, in widget pixels. */
double   gv_network_node_radius       (const GvNetworkScene *scene,
                                       double                width,
                                       double                height);
/* How closely a layout packs its nodes, in layout units, which sizes them: always
 * positive.  It samples every node's distances, so a caller computes it once a layout. */
double   gv_network_layout_spacing    (const float          *positions,
                                       guint32               n_nodes);
/* One node of class @cls as the picture draws it (its slot's colour and its second
 * cue), centred on (x, y) with @radius: the key of a legend.  A ring reaches about
 * 1.45 × @radius from the centre. */
void     gv_network_draw_node_key     (cairo_t              *cr,
                                       double                x,
                                       double                y,
                                       double                radius,
                                       const GvNodeClass    *cls,
                                       const GvPalette      *palette);
/* One message of @outcome as the picture draws it, an arrow from (x1, y1) to (x2, y2)
 * that has arrived (a lost one falling away, one to a crashed node stopped at its
 * cross), hollow-headed when it carried no data: the key of a legend. */
void     gv_network_draw_message_key  (cairo_t              *cr,
                                       double                x1,
                                       double                y1,
                                       double                x2,
                                       double                y2,
                                       GvMessageOutcome      outcome,
                                       gboolean              carries_data,
                                       const GvPalette      *palette);
/* The pixel view alone, as a scene of the same nodes draws it: one cell per node, in
 * rows (a grid @topology's own; NULL for none), into width × height, coloured by each
 * node's class in @class_table. */
void     gv_network_draw_pixels       (cairo_t              *cr,
                                       double                width,
                                       double                height,
                                       const guint8         *classes,
                                       const GvClassTable   *class_table,
                                       guint32               n_nodes,
                                       const GvTopology     *topology,
                                       const GvPalette      *palette);

G_END_DECLS
