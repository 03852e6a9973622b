/* test-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-layout.h"
#include "gv-network-renderer.h"

static GvTopology *
make_topology (GvTopologyKind kind,
               guint32        n_nodes,
               guint32        k,
               guint64        seed)
{
  g_autoptr(GvParams) params = gv_params_new ();
  g_autoptr(GError) error = NULL;
  GvTopology *topology;

  params->n_nodes = n_nodes;
  params->topology = kind;
  params->topology_k = k;
  params->seed = seed;
  topology = gv_topology_new (params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (topology);
  return topology;
}

static float *
compute (const GvTopology *topology,
         GvLayoutKind      kind,
         guint64           seed)
{
  g_autoptr(GError) error = NULL;
  float *xy;

  xy = gv_layout_compute (topology, kind, seed, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (xy);
  return xy;
}

static void
assert_in_unit_square (const float *xy,
                       guint32      n)
{
  for (guint32 i = 0; i < 2 * n; i++)
    {
      g_assert_true (isfinite (xy[i]));
      g_assert_cmpfloat (xy[i], >=, 0.0f);
      g_assert_cmpfloat (xy[i], <=, 1.0f);
    }
}

static void
assert_distinct (const float *xy,
                 guint32      n,
                 double       min_distance)
{
  for (guint32 i = 0; i < n; i++)
    for (guint32 j = i + 1; j < n; j++)
      g_assert_cmpfloat (hypot (xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]), >,
                         min_distance);
}

static void
test_circle (void)
{
  g_autoptr(GvTopology) complete = make_topology (GV_TOPOLOGY_COMPLETE, 12, 0, 1);
  g_autoptr(GvTopology) ring = make_topology (GV_TOPOLOGY_RING, 12, 2, 1);
  g_autoptr(GvTopology) small_world = make_topology (GV_TOPOLOGY_WS, 12, 4, 1);
  g_autofree float *xy = compute (complete, GV_LAYOUT_AUTO, 1);
  g_autofree float *ring_xy = compute (ring, GV_LAYOUT_AUTO, 1);
  g_autofree float *small_world_xy = compute (small_world, GV_LAYOUT_AUTO, 1);
  g_autofree float *forced = compute (complete, GV_LAYOUT_CIRCLE, 99);
  double radius = hypot (xy[0] - 0.5, xy[1] - 0.5);

  assert_in_unit_square (xy, 12);
  /* Neighbours on a 12-gon of radius 0.45 are 2 × 0.45 × sin (15°) = 0.233 apart. */
  assert_distinct (xy, 12, 0.2);

  /* Everyone on one circle about the centre, filling the square up to the padding. */
  g_assert_cmpfloat_with_epsilon (radius, 0.45, 1e-5);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpfloat_with_epsilon (hypot (xy[2 * i] - 0.5, xy[2 * i + 1] - 0.5), radius, 1e-5);

  /* Node 0 at the top, then clockwise on screen (y down): node 3 at three o'clock,
   * node 6 at the bottom, node 9 at nine o'clock. */
  g_assert_cmpfloat_with_epsilon (xy[0], 0.5, 1e-5);
  g_assert_cmpfloat (xy[1], <, 0.1);
  g_assert_cmpfloat (xy[2 * 3], >, 0.9);
  g_assert_cmpfloat_with_epsilon (xy[2 * 3 + 1], 0.5, 1e-5);
  g_assert_cmpfloat (xy[2 * 6 + 1], >, 0.9);
  g_assert_cmpfloat (xy[2 * 9], <, 0.1);

  /* Evenly spaced: every neighbouring pair is the same distance apart. */
  for (guint i = 0; i < 12; i++)
    {
      guint j = (i + 1) % 12;

      g_assert_cmpfloat_with_epsilon (hypot (xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]),
                                      2 * 0.45 * sin (G_PI / 12), 1e-5);
    }

  /* A ring gets the circle too, in node order, so ring neighbours sit side by side; and
   * the circle does not depend on the seed. */
  g_assert_cmpmem (ring_xy, 24 * sizeof (float), xy, 24 * sizeof (float));
  /* A small world likewise, so that its rewired edges show as chords. */
  g_assert_cmpmem (small_world_xy, 24 * sizeof (float), xy, 24 * sizeof (float));
  g_assert_cmpmem (forced, 24 * sizeof (float), xy, 24 * sizeof (float));
}

static void
test_grid (void)
{
  /* 12 nodes make a 4 × 3 grid: ceil (sqrt (12)) per row. */
  g_autoptr(GvTopology) grid = make_topology (GV_TOPOLOGY_GRID, 12, 0, 1);
  g_autofree float *xy = compute (grid, GV_LAYOUT_AUTO, 1);
  double step;

  g_assert_cmpuint (grid->grid_width, ==, 4);
  assert_in_unit_square (xy, 12);
  assert_distinct (xy, 12, 0.2);

  /* Square cells, the wider side filling the square up to the padding. */
  step = xy[2] - xy[0];
  g_assert_cmpfloat_with_epsilon (step, 0.9 / 3, 1e-5);
  g_assert_cmpfloat_with_epsilon (xy[0], 0.05, 1e-5);

  for (guint i = 0; i < 12; i++)
    {
      guint col = i % 4, row = i / 4;

      g_assert_cmpfloat_with_epsilon (xy[2 * i], xy[0] + col * step, 1e-5);
      g_assert_cmpfloat_with_epsilon (xy[2 * i + 1], xy[1] + row * step, 1e-5);
    }

  /* Three rows, centred vertically. */
  g_assert_cmpfloat_with_epsilon ((xy[1] + xy[2 * 8 + 1]) / 2, 0.5, 1e-5);
}

static void
test_grid_any_topology (void)
{
  /* A grid asked of a graph without rows of its own is as near square as it goes:
   * 10 nodes in rows of 4. */
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, 10, 2, 3);
  g_autofree float *xy = compute (ba, GV_LAYOUT_GRID, 1);

  assert_in_unit_square (xy, 10);
  g_assert_cmpfloat_with_epsilon (xy[2 * 4 + 1] - xy[1], xy[2] - xy[0], 1e-5);
  g_assert_cmpfloat_with_epsilon (xy[2 * 4], xy[0], 1e-5);
  g_assert_cmpfloat_with_epsilon (xy[2 * 9], xy[2], 1e-5);
}

/* Mean distance between the ends of the edges, and between pairs of nodes in general. */
static void
edge_and_pair_lengths (const GvTopology *topology,
                       const float      *xy,
                       double           *edge_mean,
                       double           *pair_mean)
{
  double edges = 0, pairs = 0;
  guint64 n_edges = 0, n_pairs = 0;
  guint32 n = topology->n_nodes;

  for (guint32 v = 0; v < n; v++)
    {
      for (guint32 i = 0; i < gv_topology_degree (topology, v); i++)
        {
          guint32 w = gv_topology_neighbor (topology, v, i);

          edges += hypot (xy[2 * v] - xy[2 * w], xy[2 * v + 1] - xy[2 * w + 1]);
          n_edges++;
        }
      for (guint32 w = v + 1; w < n; w++)
        {
          pairs += hypot (xy[2 * v] - xy[2 * w], xy[2 * v + 1] - xy[2 * w + 1]);
          n_pairs++;
        }
    }

  *edge_mean = edges / n_edges;
  *pair_mean = pairs / n_pairs;
}

static void
test_force (void)
{
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, 300, 2, 7);
  g_autofree float *a = compute (ba, GV_LAYOUT_AUTO, 42);
  g_autofree float *b = compute (ba, GV_LAYOUT_FORCE, 42);
  g_autofree float *c = compute (ba, GV_LAYOUT_FORCE, 43);
  float min_x = 1, max_x = 0, min_y = 1, max_y = 0;
  double edge_mean, pair_mean;

  assert_in_unit_square (a, 300);
  assert_in_unit_square (c, 300);

  /* A function of the seed: the same floats for the same seed, others for another. */
  g_assert_cmpmem (a, 600 * sizeof (float), b, 600 * sizeof (float));
  g_assert_true (memcmp (a, c, 600 * sizeof (float)) != 0);

  /* Scaled into the square with its aspect kept: the longer side spans exactly the
   * padded width, and the picture is centred on both axes. */
  for (guint i = 0; i < 300; i++)
    {
      min_x = MIN (min_x, a[2 * i]);
      max_x = MAX (max_x, a[2 * i]);
      min_y = MIN (min_y, a[2 * i + 1]);
      max_y = MAX (max_y, a[2 * i + 1]);
    }
  g_assert_cmpfloat_with_epsilon (MAX (max_x - min_x, max_y - min_y), 0.9, 1e-4);
  g_assert_cmpfloat_with_epsilon ((min_x + max_x) / 2, 0.5, 1e-4);
  g_assert_cmpfloat_with_epsilon ((min_y + max_y) / 2, 0.5, 1e-4);

  /* The layout means something: connected nodes are drawn much closer together than
   * nodes in general.  A random placement gives a ratio near 1. */
  edge_and_pair_lengths (ba, a, &edge_mean, &pair_mean);
  g_test_message ("mean edge length %.3f, mean pair distance %.3f", edge_mean, pair_mean);
  g_assert_cmpfloat (edge_mean, <, 0.6 * pair_mean);
}

static void
test_force_sparse_ring (void)
{
  /* On a ring lattice the force layout should keep ring neighbours close and spread the
   * ring out, rather than collapse or scatter it. */
  g_autoptr(GvTopology) ring = make_topology (GV_TOPOLOGY_RING, 200, 2, 1);
  g_autofree float *xy = compute (ring, GV_LAYOUT_FORCE, 5);
  double edge_mean, pair_mean;

  assert_in_unit_square (xy, 200);
  edge_and_pair_lengths (ring, xy, &edge_mean, &pair_mean);
  g_test_message ("ring: mean edge length %.3f, mean pair distance %.3f", edge_mean, pair_mean);
  g_assert_cmpfloat (edge_mean, <, 0.25 * pair_mean);
}

static void
test_large (void)
{
  /* Past what is drawn node by node, a force layout is not worth its cost: it comes
   * back at once as a grid, and the complete graph as a circle. */
  guint32 n = GV_NETWORK_MAX_DRAWN * 4;
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, n, 1, 2);
  g_autoptr(GvTopology) complete = make_topology (GV_TOPOLOGY_COMPLETE, 1000000, 0, 2);
  g_autofree float *force = compute (ba, GV_LAYOUT_FORCE, 1);
  g_autofree float *grid = compute (ba, GV_LAYOUT_GRID, 1);
  g_autofree float *forced = NULL;
  g_autofree float *circle = NULL;
  gint64 start = g_get_monotonic_time ();

  assert_in_unit_square (force, n);
  g_assert_cmpmem (force, 2 * n * sizeof (float), grid, 2 * n * sizeof (float));

  forced = compute (complete, GV_LAYOUT_FORCE, 1);
  circle = compute (complete, GV_LAYOUT_CIRCLE, 1);
  g_assert_cmpmem (forced, 2 * sizeof (float) * 1000000, circle, 2 * sizeof (float) * 1000000);
  assert_in_unit_square (forced, 1000000);
  g_test_message ("a million nodes laid out in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
}

static void
test_single_node (void)
{
  GvTopology one = { .kind = GV_TOPOLOGY_COMPLETE, .n_nodes = 1 };
  g_autofree float *circle = compute (&one, GV_LAYOUT_CIRCLE, 1);
  g_autofree float *grid = compute (&one, GV_LAYOUT_GRID, 1);

  g_assert_cmpfloat (circle[0], ==, 0.5f);
  g_assert_cmpfloat (circle[1], ==, 0.5f);
  g_assert_cmpfloat (grid[0], ==, 0.5f);
  g_assert_cmpfloat (grid[1], ==, 0.5f);
}

typedef struct
{
  float    *xy;
  GError   *error;
  gboolean  done;
} AsyncResult;

static void
compute_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncResult *ar = user_data;

  g_assert_null (source);
  ar->xy = gv_layout_compute_finish (result, &ar->error);
  ar->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the layout is in, or fails after a generous timeout. */
static void
wait_for (AsyncResult *ar)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (!ar->done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static void
test_async (void)
{
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, 400, 2, 9);
  g_autofree float *sync = compute (ba, GV_LAYOUT_AUTO, 3);
  AsyncResult ar = { 0, };

  gv_layout_compute_async (ba, GV_LAYOUT_AUTO, 3, NULL, compute_cb, &ar);
  /* The work happens in a thread: the call returns before the result is in. */
  g_assert_false (ar.done);
  wait_for (&ar);

  g_assert_no_error (ar.error);
  g_assert_nonnull (ar.xy);
  /* The same seed gives the same layout in a worker thread as in this one. */
  g_assert_cmpmem (ar.xy, 800 * sizeof (float), sync, 800 * sizeof (float));
  g_free (ar.xy);
}

static void
test_async_cancelled_before (void)
{
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, 400, 2, 9);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult ar = { 0, };

  g_cancellable_cancel (cancellable);
  gv_layout_compute_async (ba, GV_LAYOUT_FORCE, 3, cancellable, compute_cb, &ar);
  wait_for (&ar);

  g_assert_error (ar.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (ar.xy);
  g_clear_error (&ar.error);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_async_cancelled_during (void)
{
  /* The largest force layout: it takes a good fraction of a second, so a cancel sent a
   * fifth of the way in lands while igraph iterates, and igraph's interruption handler
   * has to notice it for the layout to end early. */
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, GV_NETWORK_MAX_DRAWN, 3, 9);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree float *xy = NULL;
  AsyncResult ar = { 0, };
  gint64 start = g_get_monotonic_time ();
  double full, cancelled;

  xy = compute (ba, GV_LAYOUT_FORCE, 3);
  full = (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  gv_layout_compute_async (ba, GV_LAYOUT_FORCE, 3, cancellable, compute_cb, &ar);
  g_timeout_add ((guint) MAX (1, full / 5), cancel_cb, cancellable);
  wait_for (&ar);
  cancelled = (g_get_monotonic_time () - start) / 1000.0;

  g_test_message ("full layout %.0f ms, cancelled after %.0f ms", full, cancelled);
  g_assert_error (ar.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (ar.xy);
  g_clear_error (&ar.error);
  /* Without the interruption the layout would run its course before noticing. */
  g_assert_cmpfloat (cancelled, <, 0.75 * full);

  /* The lock and the handler are left clean: the next layout runs to the end, and
   * gives what it gave before. */
  {
    g_autofree float *again = compute (ba, GV_LAYOUT_FORCE, 3);

    g_assert_cmpmem (again, 2 * GV_NETWORK_MAX_DRAWN * sizeof (float),
                     xy, 2 * GV_NETWORK_MAX_DRAWN * sizeof (float));
  }
}

static void
test_sync_cancelled (void)
{
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, 100, 2, 9);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  float *xy;

  g_cancellable_cancel (cancellable);
  xy = gv_layout_compute (ba, GV_LAYOUT_CIRCLE, 3, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (xy);
}

/* Layouts and topologies made at once on two threads: igraph (built without thread
 * safety) is only ever called under the igraph lock, so each comes out exactly as it
 * does alone.  Under ThreadSanitizer, a call outside the lock shows as a race. */
#define CONCURRENT_ROUNDS 4

static gpointer
layout_thread_cb (gpointer data)
{
  GvTopology *ba = data;
  float *last = NULL;

  for (guint i = 0; i < CONCURRENT_ROUNDS; i++)
    {
      g_free (last);
      last = compute (ba, GV_LAYOUT_FORCE, 17);
    }
  return last;
}

static gpointer
topology_thread_cb (gpointer data)
{
  static const GvTopologyKind kinds[] = {
    GV_TOPOLOGY_BA, GV_TOPOLOGY_ER, GV_TOPOLOGY_WS, GV_TOPOLOGY_REGULAR,
  };
  guint64 *edges = data;

  for (guint i = 0; i < CONCURRENT_ROUNDS; i++)
    {
      g_autoptr(GvTopology) t = make_topology (kinds[i % G_N_ELEMENTS (kinds)], 400, 4, 5);

      edges[i] = gv_topology_n_edges (t);
    }
  return NULL;
}

static void
test_concurrent (void)
{
  g_autoptr(GvTopology) ba = make_topology (GV_TOPOLOGY_BA, 200, 2, 13);
  g_autofree float *alone = compute (ba, GV_LAYOUT_FORCE, 17);
  g_autofree float *together = NULL;
  guint64 edges_alone[CONCURRENT_ROUNDS], edges_together[CONCURRENT_ROUNDS];
  GThread *layout, *topologies;

  topology_thread_cb (edges_alone);

  layout = g_thread_new ("layout", layout_thread_cb, ba);
  topologies = g_thread_new ("topologies", topology_thread_cb, edges_together);
  together = g_thread_join (layout);
  g_thread_join (topologies);

  g_assert_cmpmem (alone, 400 * sizeof (float), together, 400 * sizeof (float));
  g_assert_cmpmem (edges_alone, sizeof edges_alone, edges_together, sizeof edges_together);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/circle", test_circle);
  g_test_add_func ("/layout/grid", test_grid);
  g_test_add_func ("/layout/grid-any-topology", test_grid_any_topology);
  g_test_add_func ("/layout/force", test_force);
  g_test_add_func ("/layout/force-ring", test_force_sparse_ring);
  g_test_add_func ("/layout/large", test_large);
  g_test_add_func ("/layout/single-node", test_single_node);
  g_test_add_func ("/layout/async", test_async);
  g_test_add_func ("/layout/async-cancelled-before", test_async_cancelled_before);
  g_test_add_func ("/layout/async-cancelled-during", test_async_cancelled_during);
  g_test_add_func ("/layout/sync-cancelled", test_sync_cancelled);
  g_test_add_func ("/layout/concurrent", test_concurrent);

  return g_test_run ();
}
