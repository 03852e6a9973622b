/* gv-layout.h: where nodes go on the picture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gv-topology.h"

G_BEGIN_DECLS

typedef enum
{
  GV_LAYOUT_AUTO,      /* circle for complete graphs and rings, grid for grids, else force */
  GV_LAYOUT_CIRCLE,
  GV_LAYOUT_GRID,
  GV_LAYOUT_FORCE,     /* force-directed, through igraph */
} GvLayoutKind;

/* Returns 2 × n_nodes floats, x then y for each node, in [0, 1].  May run in any thread;
 * the igraph calls take the engine's igraph lock.  Deterministic for a given seed. */
float   *gv_layout_compute        (const GvTopology *topology,
                                   GvLayoutKind      kind,
                                   guint64           seed,
                                   GCancellable     *cancellable,
                                   GError          **error);
void     gv_layout_compute_async  (GvTopology       *topology,
                                   GvLayoutKind      kind,
                                   guint64           seed,
                                   GCancellable     *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer          user_data);
float   *gv_layout_compute_finish (GAsyncResult     *result,
                                   GError          **error);

G_END_DECLS
