/* test-theory.c: the formulas of gv-theory against values computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected values were computed with mpmath at 25 digits; the tolerances are a few
 * units in the last place of a double, except where a comment says otherwise.
 */

#define G_LOG_DOMAIN "test-theory"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-params.h"
#include "gv-theory.h"

#define assert_close(a, b, rel) \
  g_assert_cmpfloat_with_epsilon ((a), (b), (rel) * fabs (b))

static void
test_residue_known_roots (void)
{
  /* Demers et al. 1987: feedback coin with k = 1 (c = 2) leaves about 20% of the sites
   * uninformed, k = 2 (c = 3) about 6%. */
  assert_close (gv_theory_residue (2.0), 0.2031878699799799538, 1e-13);
  assert_close (gv_theory_residue (3.0), 0.0595202092926403689, 1e-13);
  assert_close (gv_theory_residue (4.0), 0.0198274012817784141, 1e-13);
  assert_close (gv_theory_residue (5.0), 0.0069771536511447393, 1e-13);
  assert_close (gv_theory_residue (1.5), 0.4171883561341886140, 1e-13);
  assert_close (gv_theory_residue (10.0), 4.54205553464826901e-5, 1e-12);

  /* Computed as 1 - u this would come out as 0: the relative precision must survive. */
  assert_close (gv_theory_residue (50.0), 1.92874984796391778e-22, 1e-10);
}

static void
test_residue_edges (void)
{
  /* At or below c = 1 the only root is the trivial s = 1: the rumour dies out. */
  g_assert_cmpfloat (gv_theory_residue (1.0), ==, 1.0);
  g_assert_cmpfloat (gv_theory_residue (0.5), ==, 1.0);
  g_assert_cmpfloat (gv_theory_residue (0.0), ==, 1.0);
  g_assert_cmpfloat (gv_theory_residue (-3.0), ==, 1.0);
  g_assert_cmpfloat (gv_theory_residue (INFINITY), ==, 0.0);

  /* Just above c = 1 the root is s = 1 - 2(c - 1) + O((c - 1)^2), not the trivial one. */
  {
    double eps = 1e-6;
    double s = gv_theory_residue (1.0 + eps);

    g_assert_cmpfloat (s, <, 1.0);
    g_assert_cmpfloat_with_epsilon (1.0 - s, 2.0 * eps, 4.0 * eps * eps + 1e-12);
  }
}

static void
test_residue_solves_equation (void)
{
  /* Every root must satisfy s = e^{-c(1-s)} and decrease as c grows. */
  double previous = 1.0;

  for (double c = 1.01; c < 40.0; c *= 1.07)
    {
      double s = gv_theory_residue (c);

      g_assert_cmpfloat (s, >, 0.0);
      g_assert_cmpfloat (s, <, previous);
      assert_close (s, exp (-c * (1.0 - s)), 1e-12);
      previous = s;
    }
}

static void
test_mean_field_step (void)
{
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PUSH, 1, 0.5), 0.30326532985631671, 1e-14);
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PULL, 1, 0.5), 0.25, 1e-15);
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PULL, 2, 0.5), 0.125, 1e-15);
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PUSH_PULL, 1, 0.5),
                0.15163266492815836, 1e-14);
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PUSH, 3, 0.2),
                0.2 * exp (-3.0 * 0.8), 1e-14);
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PUSH_PULL, 2, 0.2),
                0.2 * 0.2 * 0.2 * exp (-2.0 * 0.8), 1e-14);

  /* Nobody informed stays nobody informed; everybody informed stays so. */
  for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
    {
      g_assert_cmpfloat (gv_theory_mean_field_step (x, 2, 1.0), ==, 1.0);
      g_assert_cmpfloat (gv_theory_mean_field_step (x, 2, 0.0), ==, 0.0);
    }

  /* In the last phase push only divides p by e^b (Pittel's ln n term), pull squares it. */
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PUSH, 1, 1e-6) / 1e-6, exp (-1.0), 1e-5);
  assert_close (gv_theory_mean_field_step (GV_EXCHANGE_PULL, 1, 1e-6), 1e-12, 1e-14);
}

static void
test_mean_field_curve (void)
{
  double out[40];

  /* Four nodes, one informed: p0 = 3/4, p1 = p0 e^{-1/4}, p2 = p1 e^{-(1-p1)}. */
  gv_theory_mean_field_curve (GV_EXCHANGE_PUSH, 1, 4, out, 2);
  assert_close (out[0], 0.25, 1e-15);
  assert_close (out[1], 0.4158994126964463488, 1e-14);
  assert_close (out[2], 0.6146416063652090369, 1e-14);

  gv_theory_mean_field_curve (GV_EXCHANGE_PUSH_PULL, 1, 4, out, 2);
  assert_close (out[1], 0.5619245595223347616, 1e-14);
  assert_close (out[2], 0.8905899851022979302, 1e-14);

  gv_theory_mean_field_curve (GV_EXCHANGE_PULL, 1, 2, out, 3);
  assert_close (out[1], 0.75, 1e-15);
  assert_close (out[2], 1.0 - 0.0625, 1e-15);
  assert_close (out[3], 1.0 - 0.00390625, 1e-15);

  /* One node in ten million: the first step doubles it, to relative precision. */
  gv_theory_mean_field_curve (GV_EXCHANGE_PUSH, 1, 10000000, out, 39);
  assert_close (out[0], 1e-7, 1e-15);
  assert_close (out[1], 1.999999850000006667e-7, 1e-12);

  /* The curve agrees with the step function, rises, and ends at 1. */
  for (guint r = 0; r < 39; r++)
    {
      double p_next = gv_theory_mean_field_step (GV_EXCHANGE_PUSH, 1, 1.0 - out[r]);

      g_assert_cmpfloat (out[r + 1], >, out[r] - 1e-15);
      g_assert_cmpfloat_with_epsilon (out[r + 1], 1.0 - p_next, 1e-12);
    }
  g_assert_cmpfloat (out[39], >, 1.0 - 1e-6);

  /* A single node is informed from the start. */
  gv_theory_mean_field_curve (GV_EXCHANGE_PULL, 1, 1, out, 3);
  for (guint r = 0; r <= 3; r++)
    g_assert_cmpfloat (out[r], ==, 1.0);
}

static void
test_logistic (void)
{
  double t_half;

  /* One of n + 1 informed at t = 0. */
  assert_close (gv_theory_logistic (100, 1, 0.0), 1.0 / 101.0, 1e-15);
  assert_close (gv_theory_logistic (100, 1, 2.0), 0.07009896181953877839, 1e-14);

  /* Half informed at t = n ln n / (b (n + 1)). */
  t_half = 1000.0 * log (1000.0) / (2.0 * 1001.0);
  assert_close (gv_theory_logistic (1000, 2, t_half), 0.5, 1e-14);

  g_assert_cmpfloat_with_epsilon (gv_theory_logistic (1000, 1, 100.0), 1.0, 1e-15);
  g_assert_cmpfloat (gv_theory_logistic (1000, 1, -1e6), ==, 0.0);
}

static void
test_rounds (void)
{
  assert_close (gv_theory_pittel_rounds (1000), 16.873539563644222, 1e-14);
  assert_close (gv_theory_pittel_rounds (1u << 20), 33.862943611198906, 1e-14);
  g_assert_cmpfloat (gv_theory_pittel_rounds (1), ==, 0.0);

  assert_close (gv_theory_karp_rounds (59049), 10.0, 1e-14);
  assert_close (gv_theory_karp_rounds (1000), 6.287709822868153, 1e-14);
  g_assert_cmpfloat (gv_theory_karp_rounds (1), ==, 0.0);
}

static void
assert_does_not_apply (const GvParams *p)
{
  const char *why = NULL;

  g_assert_false (gv_theory_applies (p, &why));
  g_assert_nonnull (why);
  g_assert_cmpuint (strlen (why), >, 10);
  g_test_message ("%s", why);
  g_assert_false (gv_theory_applies (p, NULL));
}

static void
test_applies (void)
{
  const char *why = "unset";

  {
    g_autoptr(GvParams) p = gv_params_new ();

    for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
      {
        p->exchange = x;
        g_assert_true (gv_theory_applies (p, &why));
        g_assert_null (why);
      }

    /* One update spreads under anti-entropy exactly as a rumour without a stop rule
     * does (test-literature checks it), so the curves apply to it as well. */
    p->mode = GV_MODE_ANTI_ENTROPY;
    g_assert_true (gv_theory_applies (p, NULL));

    /* The default injection, spelled out, changes nothing. */
    gv_params_add_injection (p, 5, 0, 0);
    g_assert_true (gv_theory_applies (p, NULL));
  }

  {
    g_autoptr(GvParams) p = gv_params_new ();
    p->topology = GV_TOPOLOGY_RING;
    assert_does_not_apply (p);
  }

  for (GvStopRule stop = GV_STOP_FEEDBACK_COUNTER; stop <= GV_STOP_TTL; stop++)
    {
      g_autoptr(GvParams) p = gv_params_new ();
      p->stop = stop;
      p->stop_k = 2;
      assert_does_not_apply (p);
    }

  {
    g_autoptr(GvParams) p = gv_params_new ();
    p->loss = 0.1;
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = gv_params_new ();
    p->crash = 0.01;
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = gv_params_new ();
    p->recover = 0.5;
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = gv_params_new ();
    gv_params_add_injection (p, 0, 0, 0);
    gv_params_add_injection (p, 1, 0, 0);
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = gv_params_new ();
    gv_params_add_injection (p, 0, 3, 0);
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = gv_params_new ();
    p->n_nodes = 100;
    p->fanout = 20;
    assert_does_not_apply (p);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/theory/residue/known-roots", test_residue_known_roots);
  g_test_add_func ("/theory/residue/edges", test_residue_edges);
  g_test_add_func ("/theory/residue/solves-equation", test_residue_solves_equation);
  g_test_add_func ("/theory/mean-field/step", test_mean_field_step);
  g_test_add_func ("/theory/mean-field/curve", test_mean_field_curve);
  g_test_add_func ("/theory/logistic", test_logistic);
  g_test_add_func ("/theory/rounds", test_rounds);
  g_test_add_func ("/theory/applies", test_applies);

  return g_test_run ();
}
