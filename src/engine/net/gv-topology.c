/* gv-topology.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-topology"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <stdlib.h>

#include <igraph.h>

#include "gv-error.h"
#include "gv-rng.h"
#include "gv-topology.h"

static GMutex igraph_mutex;

void
gv_igraph_lock (void)
{
  g_mutex_lock (&igraph_mutex);

  /* igraph's default error handler aborts the process; errors must come back as
   * return values so that a bad topology is a GError, not a crash.  Set every time, in
   * the calling thread: an igraph built thread-safe (IGRAPH_ENABLE_TLS, as the Flatpak
   * builds it) keeps its handlers per thread, so setting them once would leave every
   * other worker thread with the aborting default. */
  igraph_set_error_handler (igraph_error_handler_ignore);
  igraph_set_warning_handler (igraph_warning_handler_ignore);
}

void
gv_igraph_unlock (void)
{
  g_mutex_unlock (&igraph_mutex);
}

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Builds the rows from an igraph edge list, leaving out loops, repeated edges and
 * edges to nodes at or beyond @n_nodes (the unused corner of a grid). */
static gboolean
build_rows (GvTopology                *self,
            const igraph_vector_int_t *edges,
            GError                   **error)
{
  igraph_integer_t n_ends = igraph_vector_int_size (edges);
  guint32 n = self->n_nodes;
  g_autofree guint32 *fill = NULL;
  guint64 total = 0;

  self->offsets = g_new0 (guint32, (gsize) n + 1);

  for (igraph_integer_t i = 0; i + 1 < n_ends; i += 2)
    {
      igraph_integer_t a = VECTOR (*edges)[i];
      igraph_integer_t b = VECTOR (*edges)[i + 1];

      if (a == b || a >= n || b >= n)
        continue;
      self->offsets[a + 1]++;
      self->offsets[b + 1]++;
      total += 2;
    }

  if (total > G_MAXUINT32)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the topology has %" PRIu64 " edge ends; at most %u are supported"),
                   total, G_MAXUINT32);
      return FALSE;
    }

  for (guint32 i = 0; i < n; i++)
    self->offsets[i + 1] += self->offsets[i];

  self->neighbors = g_new (guint32, MAX (total, 1));
  fill = g_memdup2 (self->offsets, sizeof (guint32) * n);

  for (igraph_integer_t i = 0; i + 1 < n_ends; i += 2)
    {
      igraph_integer_t a = VECTOR (*edges)[i];
      igraph_integer_t b = VECTOR (*edges)[i + 1];

      if (a == b || a >= n || b >= n)
        continue;
      self->neighbors[fill[a]++] = (guint32) b;
      self->neighbors[fill[b]++] = (guint32) a;
    }

  /* Sorted rows make a node's neighbour i independent of igraph's edge order, and let
   * repeated edges be dropped. */
  {
    guint32 out = 0;

    for (guint32 v = 0; v < n; v++)
      {
        guint32 start = self->offsets[v];
        guint32 end = self->offsets[v + 1];
        guint32 row_start = out;

        qsort (self->neighbors + start, end - start, sizeof (guint32), compare_u32);
        for (guint32 j = start; j < end; j++)
          if (j == start || self->neighbors[j] != self->neighbors[j - 1])
            self->neighbors[out++] = self->neighbors[j];
        self->offsets[v] = row_start;
      }
    self->offsets[n] = out;
  }

  return TRUE;
}

static gboolean
generate (GvTopology      *self,
          const GvParams  *params,
          GError         **error)
{
  igraph_t graph;
  igraph_vector_int_t edges;
  igraph_error_t err = IGRAPH_SUCCESS;
  guint32 n = params->n_nodes;
  gboolean ret = FALSE;

  gv_igraph_lock ();

  igraph_rng_seed (igraph_rng_default (),
                   gv_rng_mix64 (params->seed ^ G_GUINT64_CONSTANT (0x746f706f6c6f6779)));

  switch (params->topology)
    {
    case GV_TOPOLOGY_RING:
      {
        igraph_vector_int_t dims;
        igraph_vector_bool_t periodic;

        igraph_vector_int_init (&dims, 1);
        igraph_vector_bool_init (&periodic, 1);
        VECTOR (dims)[0] = n;
        VECTOR (periodic)[0] = TRUE;
        err = igraph_square_lattice (&graph, &dims, params->topology_k / 2, FALSE, FALSE,
                                     &periodic);
        igraph_vector_int_destroy (&dims);
        igraph_vector_bool_destroy (&periodic);
      }
      break;

    case GV_TOPOLOGY_GRID:
      {
        igraph_vector_int_t dims;
        guint32 w = (guint32) ceil (sqrt ((double) n));
        guint32 h = (n + w - 1) / w;

        /* A w × h lattice; nodes past n (the end of the last row) are dropped. */
        igraph_vector_int_init (&dims, 2);
        VECTOR (dims)[0] = w;
        VECTOR (dims)[1] = h;
        err = igraph_square_lattice (&graph, &dims, 1, FALSE, FALSE, NULL);
        igraph_vector_int_destroy (&dims);
        self->grid_width = w;
      }
      break;

    case GV_TOPOLOGY_REGULAR:
      err = igraph_k_regular_game (&graph, n, params->topology_k, FALSE, FALSE);
      break;

    case GV_TOPOLOGY_ER:
      err = igraph_erdos_renyi_game_gnp (&graph, n, params->topology_p, FALSE, FALSE);
      break;

    case GV_TOPOLOGY_WS:
      err = igraph_watts_strogatz_game (&graph, 1, n, params->topology_k / 2, params->topology_p,
                                        FALSE, FALSE);
      break;

    case GV_TOPOLOGY_BA:
      err = igraph_barabasi_game (&graph, n, 1.0, params->topology_k, NULL, FALSE, 1.0, FALSE,
                                  IGRAPH_BARABASI_PSUMTREE, NULL);
      break;

    case GV_TOPOLOGY_COMPLETE:
    default:
      g_assert_not_reached ();
    }

  if (err != IGRAPH_SUCCESS)
    {
      g_autofree char *spec = gv_params_topology_to_string (params);

      g_set_error (error, GV_ERROR, GV_ERROR_TOPOLOGY,
                   _("igraph could not generate %s on %u nodes: %s"),
                   spec, n, igraph_strerror (err));
      gv_igraph_unlock ();
      return FALSE;
    }

  if (igraph_vector_int_init (&edges, 0) != IGRAPH_SUCCESS ||
      igraph_get_edgelist (&graph, &edges, FALSE) != IGRAPH_SUCCESS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOPOLOGY,
                   _("out of memory reading the topology's edges"));
      igraph_destroy (&graph);
      gv_igraph_unlock ();
      return FALSE;
    }

  igraph_destroy (&graph);
  ret = build_rows (self, &edges, error);
  igraph_vector_int_destroy (&edges);

  gv_igraph_unlock ();

  return ret;
}

GvTopology *
gv_topology_new (const GvParams  *params,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GvTopology) self = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  if (!gv_params_validate (params, error))
    return NULL;

  self = g_new0 (GvTopology, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = params->topology;
  self->n_nodes = params->n_nodes;

  if (params->topology == GV_TOPOLOGY_COMPLETE)
    return g_steal_pointer (&self);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!generate (self, params, error))
    return NULL;

  return g_steal_pointer (&self);
}

GvTopology *
gv_topology_ref (GvTopology *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gv_topology_unref (GvTopology *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->offsets);
      g_free (self->neighbors);
      g_free (self);
    }
}

guint32
gv_topology_degree (const GvTopology *self,
                    guint32           node)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (node < self->n_nodes, 0);

  if (self->offsets == NULL)
    return self->n_nodes - 1;
  return self->offsets[node + 1] - self->offsets[node];
}

guint32
gv_topology_min_degree (const GvTopology *self)
{
  guint32 min = G_MAXUINT32;

  g_return_val_if_fail (self != NULL, 0);

  if (self->offsets == NULL)
    return self->n_nodes - 1;
  for (guint32 v = 0; v < self->n_nodes; v++)
    min = MIN (min, self->offsets[v + 1] - self->offsets[v]);
  return min;
}

guint32
gv_topology_max_degree (const GvTopology *self)
{
  guint32 max = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->offsets == NULL)
    return self->n_nodes - 1;
  for (guint32 v = 0; v < self->n_nodes; v++)
    max = MAX (max, self->offsets[v + 1] - self->offsets[v]);
  return max;
}

guint64
gv_topology_n_edges (const GvTopology *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->offsets == NULL)
    return (guint64) self->n_nodes * (self->n_nodes - 1) / 2;
  return self->offsets[self->n_nodes] / 2;
}
