/* gv-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include <igraph.h>

#include "gv-error.h"
#include "gv-layout.h"
#include "gv-network-renderer.h"
#include "gv-rng.h"

/* The picture keeps this much room on every side, so that nodes at the extremes are
 * drawn whole rather than cut by the edge of the view. */
#define PAD 0.05

/* igraph's Fruchterman-Reingold switches to its grid approximation above 1000 nodes.
 * Measured here on a Barabási-Albert graph, 500 iterations take 0.2 s for 3000 nodes and
 * 0.35 s for 5000, where DrL takes 5.6 s and 8.9 s and graphopt over a minute.  So it
 * is the large-graph variant too, up to the largest network that is drawn node by
 * node; past that nobody sees the layout, so a grid costs nothing. */
#define FR_ITERATIONS 500

typedef struct
{
  GvTopology  *topology;
  GvLayoutKind kind;
  guint64      seed;
} LayoutData;

static void
layout_data_free (gpointer data)
{
  LayoutData *ld = data;

  g_clear_pointer (&ld->topology, gv_topology_unref);
  g_free (ld);
}

static void
layout_circle (float   *xy,
               guint32  n)
{
  if (n == 1)
    {
      xy[0] = xy[1] = 0.5f;
      return;
    }

  /* Node 0 at the top and the rest clockwise, as on a clock face: y grows downwards
   * on screen, so the angle is measured from -y towards +x. */
  for (guint32 i = 0; i < n; i++)
    {
      double angle = 2.0 * G_PI * i / n;

      xy[2 * i] = (float) (0.5 + (0.5 - PAD) * sin (angle));
      xy[2 * i + 1] = (float) (0.5 - (0.5 - PAD) * cos (angle));
    }
}

static void
layout_grid (float   *xy,
             guint32  n,
             guint32  width)
{
  guint32 rows;
  double step;

  if (width == 0 || width > n)
    width = MAX (1, (guint32) ceil (sqrt ((double) n)));
  rows = (n + width - 1) / width;

  /* One step for both axes keeps the cells square, whatever the shape of the grid. */
  step = MAX (width, rows) > 1 ? (1.0 - 2 * PAD) / (MAX (width, rows) - 1) : 0.0;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 col = i % width;
      guint32 row = i / width;

      xy[2 * i] = (float) (0.5 + (col - (width - 1) / 2.0) * step);
      xy[2 * i + 1] = (float) (0.5 + (row - (rows - 1) / 2.0) * step);
    }
}

/* Fits the points into the unit square with the same scale on both axes, so that the
 * force layout's distances keep their meaning. */
static void
normalise (float         *xy,
           guint32        n,
           const double  *x,
           const double  *y)
{
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
  double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double extent, scale;

  for (guint32 i = 0; i < n; i++)
    {
      min_x = MIN (min_x, x[i]);
      max_x = MAX (max_x, x[i]);
      min_y = MIN (min_y, y[i]);
      max_y = MAX (max_y, y[i]);
    }

  extent = MAX (max_x - min_x, max_y - min_y);
  scale = extent > 0 ? (1.0 - 2 * PAD) / extent : 0.0;

  for (guint32 i = 0; i < n; i++)
    {
      xy[2 * i] = (float) CLAMP (0.5 + (x[i] - (min_x + max_x) / 2) * scale, 0.0, 1.0);
      xy[2 * i + 1] = (float) CLAMP (0.5 + (y[i] - (min_y + max_y) / 2) * scale, 0.0, 1.0);
    }
}

/* Every igraph call holds the igraph lock, so the layout running under it can publish
 * its cancellable here and the interruption handler (which igraph calls once an
 * iteration, in the layout's thread) can see it. */
static GCancellable *running_cancellable;

static igraph_error_t
interruption_cb (void *data)
{
  if (running_cancellable == NULL || !g_cancellable_is_cancelled (running_cancellable))
    return IGRAPH_SUCCESS;

  /* An interrupted igraph function returns at once, without the error handler that
   * would free its temporaries; the handler has to (python-igraph's does the same). */
  IGRAPH_FINALLY_FREE ();
  return IGRAPH_INTERRUPTED;
}

static gboolean
layout_force (float             *xy,
              const GvTopology  *topology,
              guint64            seed,
              GCancellable      *cancellable,
              GError           **error)
{
  guint32 n = topology->n_nodes;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree char *why = NULL;
  igraph_vector_int_t edges;
  igraph_matrix_t result;
  igraph_t graph;
  igraph_error_t err;
  igraph_integer_t n_ends = 0;
  gboolean no_memory = FALSE;

  g_assert (topology->offsets != NULL);

  /* Every igraph call, down to a vector's allocation and the text of an error, holds
   * the lock: a build without thread safety shares its state (the error handlers, the
   * stack of temporaries that IGRAPH_FINALLY keeps) between all threads. */
  gv_igraph_lock ();

  /* Every time, in this thread: a thread-safe igraph keeps one handler per thread. */
  igraph_set_interruption_handler (interruption_cb);
  running_cancellable = cancellable;

  /* Each undirected edge is stored twice in the rows; igraph wants it once. */
  err = igraph_vector_int_init (&edges, topology->offsets[n]);
  if (err != IGRAPH_SUCCESS)
    no_memory = TRUE;
  else
    {
      for (guint32 v = 0; v < n; v++)
        for (guint32 e = topology->offsets[v]; e < topology->offsets[v + 1]; e++)
          if (topology->neighbors[e] > v)
            {
              VECTOR (edges)[n_ends++] = v;
              VECTOR (edges)[n_ends++] = topology->neighbors[e];
            }
      err = igraph_vector_int_resize (&edges, n_ends);

      /* The starting positions come from igraph's generator, so seeding it is what
       * makes the layout a function of the seed. */
      igraph_rng_seed (igraph_rng_default (),
                       gv_rng_mix64 (seed ^ G_GUINT64_CONSTANT (0x6c61796f7574)));

      if (err == IGRAPH_SUCCESS)
        err = igraph_create (&graph, &edges, n, IGRAPH_UNDIRECTED);
      if (err == IGRAPH_SUCCESS)
        {
          err = igraph_matrix_init (&result, 0, 0);
          if (err == IGRAPH_SUCCESS)
            {
              err = igraph_layout_fruchterman_reingold (&graph, &result, FALSE, FR_ITERATIONS,
                                                        sqrt ((double) n),
                                                        IGRAPH_LAYOUT_AUTOGRID,
                                                        NULL, NULL, NULL, NULL, NULL);
              if (err == IGRAPH_SUCCESS)
                {
                  x = g_new (double, n);
                  y = g_new (double, n);
                  for (guint32 i = 0; i < n; i++)
                    {
                      x[i] = MATRIX (result, i, 0);
                      y[i] = MATRIX (result, i, 1);
                    }
                }
              igraph_matrix_destroy (&result);
            }
          igraph_destroy (&graph);
        }
      igraph_vector_int_destroy (&edges);

      if (err != IGRAPH_SUCCESS)
        why = g_strdup (igraph_strerror (err));
    }

  running_cancellable = NULL;
  gv_igraph_unlock ();

  if (no_memory)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE, "Not enough memory to lay out %u node",
                                "Not enough memory to lay out %u nodes", n), n);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (err != IGRAPH_SUCCESS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOPOLOGY,
                   g_dngettext (GETTEXT_PACKAGE, "Could not lay out the network of %u node: %s",
                                "Could not lay out the network of %u nodes: %s", n),
                   n, why);
      return FALSE;
    }

  normalise (xy, n, x, y);
  return TRUE;
}

static void
compute_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LayoutData *ld = task_data;
  g_autoptr(GError) error = NULL;
  float *xy;

  xy = gv_layout_compute (ld->topology, ld->kind, ld->seed, cancellable, &error);
  if (xy == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, xy, g_free);
}

float *
gv_layout_compute (const GvTopology  *topology,
                   GvLayoutKind       kind,
                   guint64            seed,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autofree float *xy = NULL;
  guint32 n;

  g_return_val_if_fail (topology != NULL, NULL);
  g_return_val_if_fail (topology->n_nodes > 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  n = topology->n_nodes;
  xy = g_try_new (float, 2 * (gsize) n);
  if (xy == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE, "Not enough memory to lay out %u node",
                                "Not enough memory to lay out %u nodes", n), n);
      return NULL;
    }

  if (kind == GV_LAYOUT_AUTO)
    {
      /* A small world is a ring with some edges rewired: on the ring's circle, in node
       * order, the rewired ones are the chords across it. */
      if (topology->offsets == NULL || topology->kind == GV_TOPOLOGY_RING ||
          topology->kind == GV_TOPOLOGY_WS)
        kind = GV_LAYOUT_CIRCLE;
      else if (topology->kind == GV_TOPOLOGY_GRID)
        kind = GV_LAYOUT_GRID;
      else
        kind = GV_LAYOUT_FORCE;
    }

  /* Forces on the complete graph are symmetric and end on a circle anyway, and past
   * what is drawn node by node the positions are never looked at. */
  if (kind == GV_LAYOUT_FORCE && topology->offsets == NULL)
    kind = GV_LAYOUT_CIRCLE;
  if (kind == GV_LAYOUT_FORCE && n > GV_NETWORK_MAX_DRAWN)
    kind = GV_LAYOUT_GRID;

  switch (kind)
    {
    case GV_LAYOUT_CIRCLE:
      layout_circle (xy, n);
      break;

    case GV_LAYOUT_GRID:
      layout_grid (xy, n, topology->kind == GV_TOPOLOGY_GRID ? topology->grid_width : 0);
      break;

    case GV_LAYOUT_FORCE:
      if (!layout_force (xy, topology, seed, cancellable, error))
        return NULL;
      break;

    case GV_LAYOUT_AUTO:
    default:
      g_return_val_if_reached (NULL);
    }

  return g_steal_pointer (&xy);
}

void
gv_layout_compute_async (GvTopology          *topology,
                         GvLayoutKind         kind,
                         guint64              seed,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LayoutData *ld;

  g_return_if_fail (topology != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ld = g_new0 (LayoutData, 1);
  ld->topology = gv_topology_ref (topology);
  ld->kind = kind;
  ld->seed = seed;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gv_layout_compute_async);
  g_task_set_task_data (task, ld, layout_data_free);
  g_task_run_in_thread (task, compute_thread_cb);
}

float *
gv_layout_compute_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gv_layout_compute_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
