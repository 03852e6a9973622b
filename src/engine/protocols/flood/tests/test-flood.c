/* test-flood.c: flooding against its exact theory, and by Monte Carlo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gv-test-baseline.h"

/* The origin's eccentricity, by an independent breadth-first search. */
static guint
eccentricity (const GvTopology *topo,
              guint32           origin)
{
  guint32 n = topo->n_nodes;
  g_autofree gint64 *dist = g_new (gint64, n);
  g_autoptr(GQueue) queue = g_queue_new ();
  guint ecc = 0;

  for (guint32 v = 0; v < n; v++)
    dist[v] = -1;
  dist[origin] = 0;
  g_queue_push_tail (queue, GUINT_TO_POINTER (origin));
  while (!g_queue_is_empty (queue))
    {
      guint32 u = GPOINTER_TO_UINT (g_queue_pop_head (queue));

      ecc = MAX (ecc, (guint) dist[u]);
      for (guint32 i = 0; i < gv_topology_degree (topo, u); i++)
        {
          guint32 w = gv_topology_neighbor (topo, u, i);

          if (dist[w] < 0)
            {
              dist[w] = dist[u] + 1;
              g_queue_push_tail (queue, GUINT_TO_POINTER (w));
            }
        }
    }
  return ecc;
}

/* Without faults: the origin's eccentricity in rounds, at most twice the edges in
 * messages (exactly what the prediction says), and the coverage of every round as the
 * nodes within that many hops. */
static void
test_flood_exact (void)
{
  const char *topologies[] = { "complete", "ring:4", "grid", "ba:3", "regular:4", "ws:6:0.1" };

  for (guint i = 0; i < G_N_ELEMENTS (topologies); i++)
    {
      g_autoptr(GvParams) p = gv_test_params ("flood", 900, NULL);
      g_autoptr(GvTopology) topo = NULL;
      g_autoptr(GvEngine) e = NULL;
      g_autoptr(GPtrArray) curves = NULL;
      g_autoptr(GError) error = NULL;
      GvTheoryCurve *curve;
      double rounds, messages;
      const char *source;
      GvRoundRecord *rec;
      GvSummary s;

      g_assert_true (gv_params_parse_topology (p, topologies[i], NULL));
      gv_params_add_injection (p, 17, 0, 0);
      topo = gv_topology_new (p, NULL, &error);
      g_assert_no_error (error);
      e = gv_engine_new_with_topology (p, topo, 1, &error);
      g_assert_no_error (error);
      curves = p->protocol->theory (p, topo, NULL);
      curve = gv_test_theory_curve (curves, "coverage");

      for (guint r = 1; (rec = gv_engine_step (e)) != NULL; r++)
        {
          if (r < curve->n)
            g_assert_cmpfloat_with_epsilon (curve->y[r],
                                            gv_test_value (rec, p->protocol, "informed") /
                                            p->n_nodes, 1e-12);
          gv_round_record_unref (rec);
        }

      gv_engine_get_summary (e, &s);
      g_assert_true (p->protocol->predict (p, topo, &rounds, &messages, &source));
      g_test_message ("%s: %u rounds (eccentricity %u), %" G_GUINT64_FORMAT " messages, "
                      "%" G_GUINT64_FORMAT " edges", topologies[i], s.rounds,
                      eccentricity (topo, 17), s.messages, gv_topology_n_edges (topo));
      g_assert_true (s.converged);
      g_assert_cmpuint (s.rounds, ==, eccentricity (topo, 17));
      g_assert_cmpfloat (s.rounds, ==, rounds);
      g_assert_cmpfloat (s.messages, ==, messages);
      g_assert_cmpuint (s.messages, <=, 2 * gv_topology_n_edges (topo));
    }
}

/* On the complete graph the origin reaches every node alive in round 1, if it is up
 * itself: 1 + (n − 1)(1 − c)². */
static void
test_flood_crashes_monte_carlo (void)
{
  const double crashes[] = { 0.05, 0.3 };

  for (guint i = 0; i < G_N_ELEMENTS (crashes); i++)
    {
      g_autoptr(GvParams) p = gv_test_params ("flood", 300, NULL);

      p->crash = crashes[i];
      /* Round 3 only: the curve is flat from round 1 on. */
      gv_test_check_reached (p, 400, 3, G_MAXUINT / 2);
    }
}

/* A network it cannot cover: the flood dies out once every node it reaches has sent. */
static void
test_flood_disconnected (void)
{
  g_autoptr(GvParams) p = gv_test_params ("flood", 400, NULL);
  g_autoptr(GvRun) run = NULL;
  GvSummary s;

  /* Sparse enough to leave nodes without neighbours. */
  g_assert_true (gv_params_parse_topology (p, "er:0.004", NULL));
  p->seed = 5;
  run = gv_test_simulate (p, 1);
  gv_run_get_summary (run, &s);
  g_assert_true (s.finished);
  g_assert_false (s.converged);
  g_assert_cmpuint (s.rounds, <, p->max_rounds);
  g_assert_cmpfloat (gv_test_figure (&s, p->protocol, "residue"), >, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flood/exact", test_flood_exact);
  g_test_add_func ("/flood/crashes-monte-carlo", test_flood_crashes_monte_carlo);
  g_test_add_func ("/flood/disconnected", test_flood_disconnected);

  return g_test_run ();
}
