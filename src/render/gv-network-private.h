/* gv-network-private.h: what the network renderer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gv-network-renderer.c  the scene: nodes by class, edges, the public API;
 *   gv-network-arrows.c    the messages as arrows, a focused node's contacts, the
 *                          infection tree;
 *   gv-network-pixels.c    the pixel view, for networks too big to draw node by node;
 *   gv-raster.c            the painter that both go through (gv-raster.h).
 */

#pragma once

#include "gv-network-renderer.h"
#include "gv-raster.h"

G_BEGIN_DECLS

/* Room between the unit square and the widget's edge; the layouts keep their own
 * padding inside the square, so this only has to keep the picture off the border. */
#define GV_NETWORK_MARGIN 8.0

/* A colour for every byte a class can be. */
#define GV_NETWORK_LUT 256

/* @table, or when there is none, one class (idle, hollow) and the core's crashed. */
const GvClassTable *gv_network_class_table (const GvClassTable *table);

/* One cell per node, in rows (a grid @topology's own, else rows that fit the target's
 * shape), scaled to fill width × height: up with a nearest filter so that cells stay
 * square and sharp, down by averaging the nodes under each pixel so that none is
 * skipped. */
void                gv_network_draw_cells  (cairo_t            *cr,
                                            double              width,
                                            double              height,
                                            const guint8       *classes,
                                            const GvClassTable *table,
                                            guint32             n_nodes,
                                            const GvTopology   *topology,
                                            const GvPalette    *palette);


/* How the unit square of the layout lands in the widget. */
typedef struct
{
  double scale;   /* pixels per layout unit, zoom included */
  double x0, y0;  /* where the layout's origin lands */
} View;

static inline void
view_map (const View  *view,
          const float *positions,
          guint32      node,
          double      *x,
          double      *y)
{
  *x = view->x0 + positions[2 * node] * view->scale;
  *y = view->y0 + positions[2 * node + 1] * view->scale;
}

/* The node a scene focuses, or -1. */
static inline gint64
scene_focus (const GvNetworkScene *scene)
{
  if (!scene->focus || scene->selected_node < 0 || scene->selected_node >= scene->n_nodes)
    return -1;
  return scene->selected_node;
}

/* gv-network-arrows.c */

/* The messages travelling at the scene's progress, or with nothing travelling, a
 * focused node's contacts of the round shown. */
void      gv_network_draw_messages (GvPainter            *painter,
                                    const View           *view,
                                    double                radius,
                                    const GvNetworkScene *scene,
                                    const GvPalette      *palette);
/* The nodes that stay lit around a focused node, a byte each in @lit: itself, whoever it
 * exchanged a message with in the round shown, and the way the news came when drawn.
 * FALSE when nothing is focused. */
gboolean  gv_network_focus_lit     (const GvNetworkScene *scene,
                                    guint8               *lit);
void      gv_network_draw_tree     (GvPainter            *painter,
                                    const View           *view,
                                    double                radius,
                                    const GvNetworkScene *scene,
                                    const GvPalette      *palette);

G_END_DECLS
