/* gv-network-private.h: what the network renderer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gv-network-renderer.c  the scene: nodes by class, edges, messages, the public API;
 *   gv-network-pixels.c    the pixel view, for networks too big to draw node by node;
 *   gv-raster.c            the painter that both go through (gv-raster.h).
 */

#pragma once

#include "gv-network-renderer.h"

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

G_END_DECLS
