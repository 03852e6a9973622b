/* test-tree.c: the spanning tree against its exact theory, and by Monte Carlo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gv-test-baseline.h"

/* The depth of a balanced tree of degree b over n positions: the levels 1, b, b², … it
 * takes to hold n. */
static guint
tree_depth (guint32 n,
            guint32 b)
{
  guint64 held = 1, width = 1;
  guint depth = 0;

  while (held < n)
    {
      width *= b;
      held += width;
      depth++;
    }
  return depth;
}

/* Without faults: the tree's depth in rounds (9 for 1,023 nodes at fanout 2), n − 1
 * messages, every one useful, and the coverage of each round as the curve says. */
static void
test_tree_exact (void)
{
  const guint32 sizes[][2] = { { 1023, 2 }, { 1024, 2 }, { 2, 1 }, { 50, 1 }, { 1000, 3 },
                               { 5000, 10 }, { 100, 99 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GvParams) p = gv_test_params ("tree", sizes[i][0], NULL);
      g_autoptr(GvRun) run = NULL;
      GvSummary s;

      p->fanout = sizes[i][1];
      gv_params_add_injection (p, p->n_nodes / 3, 0, 0);
      run = gv_test_check_exact (p, tree_depth (p->n_nodes, p->fanout));
      gv_run_get_summary (run, &s);
      if (p->n_nodes == 1023 && p->fanout == 2)
        g_assert_cmpuint (s.rounds, ==, 9);
    }
}

/* Under a crash probability c a round, a node at depth d hears it if each of its
 * ancestors is still up when it sends and the node is up when it arrives:
 * (1 − c)^(d(d+1)/2 + d). */
static void
test_tree_crashes_monte_carlo (void)
{
  const double crashes[] = { 0.02, 0.1 };

  for (guint i = 0; i < G_N_ELEMENTS (crashes); i++)
    {
      g_autoptr(GvParams) p = gv_test_params ("tree", 1023, NULL);

      p->fanout = 2;
      p->crash = crashes[i];
      gv_test_check_reached (p, 300, 2, 3);
    }
}

/* A crashed node cuts off its whole subtree, and nothing repairs it. */
static void
test_tree_cut_subtree (void)
{
  g_autoptr(GvParams) p = gv_test_params ("tree", 1023, NULL);
  g_autoptr(GvEngine) e = NULL;
  const GvClassTable *classes;
  guint uninformed;
  guint32 cut = 0;
  GvSummary s;

  p->fanout = 2;
  e = gv_test_engine_new (p, 1);
  classes = gv_engine_get_classes (e);
  uninformed = gv_test_class (classes, "uninformed");

  /* Position 1 (node 1) roots a subtree of 511 positions. */
  g_assert_true (gv_engine_set_node_alive (e, 1, FALSE, NULL));
  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  g_assert_true (s.finished);
  g_assert_false (s.converged);
  for (guint32 v = 0; v < 1023; v++)
    cut += gv_engine_classify (e, v, 0) == uninformed;
  g_assert_cmpuint (cut, ==, 510);
  /* Every edge of the tree but the 510 inside the cut subtree; the one to node 1 is dead. */
  g_assert_cmpuint (s.messages, ==, 1022 - 510);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tree/exact", test_tree_exact);
  g_test_add_func ("/tree/crashes-monte-carlo", test_tree_crashes_monte_carlo);
  g_test_add_func ("/tree/cut-subtree", test_tree_cut_subtree);

  return g_test_run ();
}
