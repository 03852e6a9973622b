/* gv-topology.h: the network a run gossips over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gv-params.h"

G_BEGIN_DECLS

/* Compressed sparse rows.  The complete graph keeps no rows at all: a node's
 * neighbours are every other node. */
typedef struct _GvTopology GvTopology;

struct _GvTopology
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  GvTopologyKind kind;
  guint32        n_nodes;
  guint32        grid_width;   /* grid only: nodes per row */
  guint32       *offsets;      /* n_nodes + 1 entries; NULL for the complete graph */
  guint32       *neighbors;    /* offsets[n_nodes] entries */
};

GvTopology *gv_topology_new         (const GvParams  *params,
                                     GCancellable    *cancellable,
                                     GError         **error);
GvTopology *gv_topology_ref         (GvTopology      *self);
void        gv_topology_unref       (GvTopology      *self);
guint32     gv_topology_degree      (const GvTopology *self,
                                     guint32          node);
guint32     gv_topology_min_degree  (const GvTopology *self);
guint32     gv_topology_max_degree  (const GvTopology *self);
guint64     gv_topology_n_edges     (const GvTopology *self);
/* Neighbour @i of @node, 0 <= i < degree. */
static inline guint32
gv_topology_neighbor (const GvTopology *self,
                      guint32           node,
                      guint32           i)
{
  if (self->offsets == NULL)
    return i + (i >= node);
  return self->neighbors[self->offsets[node] + i];
}

/* igraph 0.10 in Debian is built without thread safety: every igraph call in the
 * process must hold this lock. */
void        gv_igraph_lock          (void);
void        gv_igraph_unlock        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvTopology, gv_topology_unref)

G_END_DECLS
