/* test-central.c: the central sender against its exact theory, and by Monte Carlo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gv-test-baseline.h"

/* Without faults: ⌈(n − 1)/fanout⌉ rounds, n − 1 messages, and the coverage of every
 * round as the exact curve says. */
static void
test_central_exact (void)
{
  const guint32 sizes[][2] = { { 2, 1 }, { 100, 1 }, { 1000, 3 }, { 1000, 999 }, { 4097, 64 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GvParams) p = gv_test_params ("central", sizes[i][0], NULL);
      g_autoptr(GvRun) run = NULL;
      GvSummary s;

      p->fanout = sizes[i][1];
      run = gv_test_check_exact (p, (p->n_nodes - 1 + p->fanout - 1) / p->fanout);
      gv_run_get_summary (run, &s);
      /* Nobody but the origin sends, and every message reaches somebody new. */
      for (guint r = 0; r <= s.rounds; r++)
        {
          const GvRoundRecord *rec = gv_run_get_record (run, r);

          g_assert_cmpuint (REC_USEFUL (rec), ==, REC_SENT (rec));
        }
    }
}

/* Under a crash probability c a round, a target of round k hears it if the origin and
 * the target are both still up: the expected reach is 1 + Σ b_k (1 − c)^{2k}. */
static void
test_central_crashes_monte_carlo (void)
{
  const double crashes[] = { 0.01, 0.05 };

  for (guint i = 0; i < G_N_ELEMENTS (crashes); i++)
    {
      g_autoptr(GvParams) p = gv_test_params ("central", 400, NULL);

      p->fanout = 8;
      p->crash = crashes[i];
      gv_test_check_reached (p, 300, 10, 20);
    }
}

/* If the origin crashes, nobody else hears; a crash made by hand before round 1. */
static void
test_central_origin_crash (void)
{
  g_autoptr(GvParams) p = gv_test_params ("central", 100, NULL);
  g_autoptr(GvEngine) e = gv_test_engine_new (p, 1);
  GvSummary s;

  g_assert_true (gv_engine_set_node_alive (e, 0, FALSE, NULL));
  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  g_assert_true (s.finished);
  g_assert_false (s.converged);
  g_assert_cmpuint (s.rounds, ==, 0);
  g_assert_cmpuint (s.messages, ==, 0);
  g_assert_cmpfloat (gv_test_figure (&s, p->protocol, "reached"), ==, 0.01);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/central/exact", test_central_exact);
  g_test_add_func ("/central/crashes-monte-carlo", test_central_crashes_monte_carlo);
  g_test_add_func ("/central/origin-crash", test_central_origin_crash);

  return g_test_run ();
}
