/* test-topology.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "gv-topology.h"

static GvTopology *
make (const char *spec,
      guint32     n,
      guint64     seed)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GError) error = NULL;
  GvTopology *t;

  p->n_nodes = n;
  p->seed = seed;
  g_assert_true (gv_params_parse_topology (p, spec, &error));
  t = gv_topology_new (p, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  return t;
}

/* Rows are sorted, hold no loops or repeats, and every edge appears from both ends. */
static void
check_simple_symmetric (GvTopology *t)
{
  for (guint32 v = 0; v < t->n_nodes; v++)
    {
      guint32 d = gv_topology_degree (t, v);

      for (guint32 i = 0; i < d; i++)
        {
          guint32 w = gv_topology_neighbor (t, v, i);
          gboolean back = FALSE;

          g_assert_cmpuint (w, <, t->n_nodes);
          g_assert_cmpuint (w, !=, v);
          if (i > 0)
            g_assert_cmpuint (gv_topology_neighbor (t, v, i - 1), <, w);
          for (guint32 j = 0; j < gv_topology_degree (t, w); j++)
            back |= gv_topology_neighbor (t, w, j) == v;
          g_assert_true (back);
        }
    }
}

static void
test_topology_complete (void)
{
  g_autoptr(GvTopology) t = make ("complete", 1000, 1);

  g_assert_null (t->offsets);
  g_assert_cmpuint (gv_topology_degree (t, 5), ==, 999);
  g_assert_cmpuint (gv_topology_neighbor (t, 5, 4), ==, 4);
  g_assert_cmpuint (gv_topology_neighbor (t, 5, 5), ==, 6);
  g_assert_cmpuint (gv_topology_n_edges (t), ==, 1000 * 999 / 2);
}

static void
test_topology_ring (void)
{
  g_autoptr(GvTopology) t = make ("ring:4", 100, 1);

  check_simple_symmetric (t);
  g_assert_cmpuint (gv_topology_min_degree (t), ==, 4);
  g_assert_cmpuint (gv_topology_max_degree (t), ==, 4);
  /* node 0's neighbours are 1, 2, 98, 99 */
  g_assert_cmpuint (gv_topology_neighbor (t, 0, 0), ==, 1);
  g_assert_cmpuint (gv_topology_neighbor (t, 0, 1), ==, 2);
  g_assert_cmpuint (gv_topology_neighbor (t, 0, 2), ==, 98);
  g_assert_cmpuint (gv_topology_neighbor (t, 0, 3), ==, 99);
}

static void
test_topology_regular (void)
{
  g_autoptr(GvTopology) a = make ("regular:3", 1000, 1);
  g_autoptr(GvTopology) b = make ("regular:3", 1000, 1);
  g_autoptr(GvTopology) c = make ("regular:3", 1000, 2);

  check_simple_symmetric (a);
  g_assert_cmpuint (gv_topology_min_degree (a), ==, 3);
  g_assert_cmpuint (gv_topology_max_degree (a), ==, 3);
  g_assert_cmpmem (a->neighbors, a->offsets[1000] * 4, b->neighbors, b->offsets[1000] * 4);
  g_assert_false (memcmp (a->neighbors, c->neighbors, a->offsets[1000] * 4) == 0);
}

static void
test_topology_er (void)
{
  g_autoptr(GvTopology) t = make ("er:0.01", 2000, 3);
  double mean, expected = 0.01 * 1999, sd;

  check_simple_symmetric (t);
  mean = 2.0 * gv_topology_n_edges (t) / 2000;
  /* edges ~ Binomial(n(n-1)/2, p): sd of the mean degree is 2 sqrt(N p (1-p)) / n */
  sd = 2.0 * sqrt (2000.0 * 1999 / 2 * 0.01 * 0.99) / 2000;
  g_test_message ("ER mean degree %.3f, expected %.3f ± %.3f", mean, expected, sd);
  g_assert_cmpfloat (fabs (mean - expected), <, 5 * sd);
}

static void
test_topology_ws (void)
{
  g_autoptr(GvTopology) t = make ("ws:6:0.2", 1000, 4);

  check_simple_symmetric (t);
  /* Rewiring keeps the number of edges: n k / 2 (less any rewired into repeats). */
  g_assert_cmpuint (gv_topology_n_edges (t), <=, 3000);
  g_assert_cmpuint (gv_topology_n_edges (t), >=, 2950);
}

static void
test_topology_ba (void)
{
  g_autoptr(GvTopology) t = make ("ba:2", 2000, 5);

  check_simple_symmetric (t);
  g_assert_cmpuint (gv_topology_min_degree (t), >=, 1);
  /* A scale-free graph has hubs far above the mean degree of about 4. */
  g_assert_cmpuint (gv_topology_max_degree (t), >, 30);
  g_assert_cmpuint (gv_topology_n_edges (t), >=, 3990);
  g_assert_cmpuint (gv_topology_n_edges (t), <=, 4000);
}

static void
test_topology_grid (void)
{
  g_autoptr(GvTopology) t = make ("grid", 100, 1);
  g_autoptr(GvTopology) odd = make ("grid", 90, 1);
  guint32 corners = 0;

  check_simple_symmetric (t);
  g_assert_cmpuint (t->grid_width, ==, 10);
  g_assert_cmpuint (gv_topology_n_edges (t), ==, 2 * 10 * 9);
  g_assert_cmpuint (gv_topology_max_degree (t), ==, 4);
  for (guint32 v = 0; v < 100; v++)
    corners += gv_topology_degree (t, v) == 2;
  g_assert_cmpuint (corners, ==, 4);

  /* 90 nodes: 10 per row, 9 rows */
  check_simple_symmetric (odd);
  g_assert_cmpuint (gv_topology_n_edges (odd), ==, 9 * 9 + 10 * 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/topology/complete", test_topology_complete);
  g_test_add_func ("/topology/ring", test_topology_ring);
  g_test_add_func ("/topology/regular", test_topology_regular);
  g_test_add_func ("/topology/er", test_topology_er);
  g_test_add_func ("/topology/ws", test_topology_ws);
  g_test_add_func ("/topology/ba", test_topology_ba);
  g_test_add_func ("/topology/grid", test_topology_grid);

  return g_test_run ();
}
