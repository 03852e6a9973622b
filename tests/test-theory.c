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

#include "gv-exchange.h"
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
  assert_close (gv_theory_logistic (100, 1.0, 0.0), 1.0 / 101.0, 1e-15);
  assert_close (gv_theory_logistic (100, 1.0, 2.0), 0.07009896181953877839, 1e-14);

  /* Half informed at t = n ln n / (b (n + 1)). */
  t_half = 1000.0 * log (1000.0) / (2.0 * 1001.0);
  assert_close (gv_theory_logistic (1000, 2.0, t_half), 0.5, 1e-14);

  g_assert_cmpfloat_with_epsilon (gv_theory_logistic (1000, 1.0, 100.0), 1.0, 1e-15);
  g_assert_cmpfloat (gv_theory_logistic (1000, 1.0, -1e6), ==, 0.0);
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

/* With each message lost with probability l: at l = 0 the lossless recurrence, and at
 * l > 0 push with the effective fanout b(1 - l), pull needing both of its legs. */
static void
test_mean_field_lossy (void)
{
  const double ps[] = { 1e-9, 1e-3, 0.2, 0.5, 0.9, 1.0 - 1e-6, 0.0, 1.0 };
  const double losses[] = { 0.05, 0.2, 0.5, 0.9 };

  for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
    for (guint b = 1; b <= 3; b++)
      for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
        {
          double p = ps[i];

          g_assert_cmpfloat (gv_theory_mean_field_step_lossy (x, b, 0.0, p), ==,
                             gv_theory_mean_field_step (x, b, p));

          for (guint j = 0; j < G_N_ELEMENTS (losses); j++)
            {
              double l = losses[j];
              double push = p * exp (-(double) b * (1.0 - l) * (1.0 - p));
              double pull = p * pow (1.0 - (1.0 - p) * (1.0 - l) * (1.0 - l), b);
              double got = gv_theory_mean_field_step_lossy (x, b, l, p);
              double want = x == GV_EXCHANGE_PUSH ? push
                          : x == GV_EXCHANGE_PULL ? pull : push * pull / MAX (p, 1e-300);

              if (p == 0.0)
                want = 0.0;
              g_assert_cmpfloat_with_epsilon (got, want, 1e-13 * MAX (want, 1e-300) + 1e-300);
              /* Loss slows the spread: more stay uninformed than without it. */
              g_assert_cmpfloat (got, >=, gv_theory_mean_field_step (x, b, p) * (1.0 - 1e-15));
            }
        }

  /* Everything lost: nobody learns anything. */
  for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
    assert_close (gv_theory_mean_field_step_lossy (x, 2, 1.0, 0.3), 0.3, 1e-15);

  /* The lossy curve at l = 0 is the curve, and with loss it is slower but still ends at
   * everybody. */
  for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
    {
      double plain[61], zero[61], lossy[61];

      gv_theory_mean_field_curve (x, 1, 100000, plain, 60);
      gv_theory_mean_field_curve_lossy (x, 1, 0.0, 100000, zero, 60);
      gv_theory_mean_field_curve_lossy (x, 1, 0.3, 100000, lossy, 60);
      g_assert_cmpmem (plain, sizeof plain, zero, sizeof zero);
      g_assert_cmpfloat (lossy[0], ==, plain[0]);
      for (guint r = 1; r <= 60; r++)
        {
          g_assert_cmpfloat (lossy[r], <=, plain[r]);
          g_assert_cmpfloat (lossy[r], >=, lossy[r - 1]);
        }
      g_assert_cmpfloat (lossy[60], >, 1.0 - 1e-6);
    }
}

/* Theory is the protocol's now: the rumour protocol's declaration gives curves, or a
 * sentence saying why no formula applies. */
static GPtrArray *
theory (const GvParams  *p,
        char           **why)
{
  return p->protocol->theory (p, NULL, why);
}

static GvParams *
rumor_params (const char *exchange,
              const char *stop)
{
  GvParams *p = gv_params_new_for (gv_protocol_find ("rumor"));

  g_assert_true (gv_params_set (p, "exchange", exchange, NULL));
  g_assert_true (gv_params_set (p, "stop", stop, NULL));
  return p;
}

static void
assert_does_not_apply (const GvParams *p)
{
  g_autofree char *why = NULL;
  GPtrArray *curves = theory (p, &why);

  g_assert_null (curves);
  g_assert_nonnull (why);
  g_assert_cmpuint (strlen (why), >, 10);
  g_test_message ("%s", why);
  g_assert_null (theory (p, NULL));
}

static const GvTheoryCurve *
find_curve (GPtrArray  *curves,
            const char *label)
{
  for (guint i = 0; i < curves->len; i++)
    {
      const GvTheoryCurve *c = g_ptr_array_index (curves, i);

      if (g_str_equal (c->label, label))
        return c;
    }
  g_error ("no theory curve “%s”", label);
}

/* The mean-field curve of @p, as the chart gets it: from one node in n, rising, and
 * equal to the recurrence with the run's loss, held after round @stop_at. */
static void
check_mean_field (const GvParams *p,
                  guint           stop_at)
{
  g_autofree char *why = NULL;
  g_autoptr(GPtrArray) curves = theory (p, &why);
  GvExchange x;
  guint exchange;
  const GvTheoryCurve *mf;
  g_autofree double *y = NULL;

  g_assert_nonnull (curves);
  g_assert_null (why);
  g_assert_nonnull (gv_protocol_find_param (p->protocol, "exchange", &exchange));
  x = (GvExchange) gv_params_choice (p, exchange);
  mf = find_curve (curves, "Mean field");
  g_assert_cmpuint (mf->style, ==, GV_THEORY_CURVE);
  g_assert_cmpstr (mf->chart, ==, "coverage");
  g_assert_nonnull (mf->source);
  g_assert_cmpuint (strlen (mf->source), >, 10);
  g_assert_cmpuint (mf->n, >, 3);

  y = g_new (double, mf->n);
  gv_theory_mean_field_curve_lossy (x, p->fanout, p->loss, p->n_nodes, y, mf->n - 1);
  for (guint r = 0; r < mf->n; r++)
    {
      g_assert_cmpfloat (mf->x[r], ==, r);
      g_assert_cmpfloat (mf->y[r], ==, y[MIN (r, stop_at)]);
    }
  assert_close (mf->y[0], 1.0 / p->n_nodes, 1e-15);
  if (stop_at >= mf->n)
    g_assert_cmpfloat (mf->y[mf->n - 1], >=, 1.0 - 0.5 / p->n_nodes);
}

/* Demers' residue, as the level coverage ends at. */
static void
check_level (const GvParams *p,
             double          coverage)
{
  g_autoptr(GPtrArray) curves = theory (p, NULL);
  const GvTheoryCurve *level;

  g_assert_nonnull (curves);
  level = find_curve (curves, "Demers' residue");
  g_assert_cmpuint (level->style, ==, GV_THEORY_LEVEL);
  g_assert_cmpuint (level->n, ==, 2);
  g_assert_cmpfloat (level->y[0], ==, level->y[1]);
  assert_close (level->y[0], coverage, 1e-12);
  g_test_message ("%s: %.4f", level->source, level->y[0]);
}

static void
test_applies (void)
{
  const char *exchanges[] = { "push", "pull", "push-pull" };

  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      g_autoptr(GvParams) p = rumor_params (exchanges[x], "none");

      check_mean_field (p, G_MAXUINT);

      /* The default injection, spelled out, changes nothing. */
      gv_params_add_injection (p, 5, 0, 0);
      check_mean_field (p, G_MAXUINT);
    }

  {
    g_autoptr(GvParams) p = rumor_params ("push-pull", "none");
    p->topology = GV_TOPOLOGY_RING;
    assert_does_not_apply (p);
  }

  /* Stop rules: no formula for the blind counter; Demers' residues are for push. */
  {
    const char *stops[] = { "feedback-counter:2", "blind-counter:2", "feedback-coin:2",
                            "blind-coin:2" };

    for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
      for (guint x = 1; x < G_N_ELEMENTS (exchanges); x++)
        {
          g_autoptr(GvParams) p = rumor_params (exchanges[x], stops[i]);
          assert_does_not_apply (p);
        }

    {
      g_autoptr(GvParams) p = rumor_params ("push", "blind-counter:2");
      assert_does_not_apply (p);
    }
    {
      /* Table 1 is for about 1000 nodes. */
      g_autoptr(GvParams) p = rumor_params ("push", "feedback-counter:2");
      assert_does_not_apply (p);
    }
  }

  /* What 0.1.0 had no curve for and issue 10 asked for: Demers' residue for push with a
   * stop rule, the mean field with message aging (held at H rounds) and with loss. */
  {
    g_autoptr(GvParams) p = rumor_params ("push", "feedback-coin:2");
    check_level (p, 1.0 - gv_theory_residue (3.0));
  }
  {
    g_autoptr(GvParams) p = rumor_params ("push", "blind-coin:2");
    check_level (p, 1.0 - gv_theory_residue (2.0));
  }
  {
    g_autoptr(GvParams) p = rumor_params ("push", "feedback-counter:2");
    p->n_nodes = 1000;
    check_level (p, 1.0 - 0.037);
  }
  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      g_autoptr(GvParams) p = rumor_params (exchanges[x], "ttl:2");
      check_mean_field (p, 2);
    }
  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      g_autoptr(GvParams) p = rumor_params (exchanges[x], "none");

      p->loss = 0.1;
      p->n_nodes = 10000;
      check_mean_field (p, G_MAXUINT);
    }

  {
    g_autoptr(GvParams) p = rumor_params ("push-pull", "none");
    p->crash = 0.01;
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = rumor_params ("push-pull", "none");
    p->recover = 0.5;
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = rumor_params ("push-pull", "none");
    gv_params_add_injection (p, 0, 0, 0);
    gv_params_add_injection (p, 1, 0, 0);
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = rumor_params ("push-pull", "none");
    gv_params_add_injection (p, 0, 3, 0);
    assert_does_not_apply (p);
  }

  {
    g_autoptr(GvParams) p = rumor_params ("push-pull", "none");
    p->n_nodes = 100;
    p->fanout = 20;
    assert_does_not_apply (p);
  }
}

/* One update spreads under anti-entropy exactly as a rumour without a stop rule does
 * (test-literature checks it, round by round), so it has the same mean-field curve; with
 * several keys there is no formula, and the sentence says so. */
static void
test_applies_anti_entropy (void)
{
  const char *exchanges[] = { "push", "pull", "push-pull" };

  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      g_autoptr(GvParams) p = gv_params_new_for (gv_protocol_find ("anti-entropy"));
      g_autofree char *why = NULL;
      g_autoptr(GPtrArray) curves = NULL;

      g_assert_true (gv_params_set (p, "exchange", exchanges[x], NULL));
      curves = theory (p, &why);
      g_assert_nonnull (curves);
      g_assert_null (why);
      check_mean_field (p, G_MAXUINT);
    }

  {
    g_autoptr(GvParams) p = gv_params_new_for (gv_protocol_find ("anti-entropy"));
    g_autofree char *why = NULL;
    g_autoptr(GPtrArray) curves = NULL;

    g_assert_true (gv_params_set (p, "keys", "3", NULL));
    curves = theory (p, &why);
    g_assert_null (curves);
    g_assert_nonnull (strstr (why, "one update of one key"));
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
  g_test_add_func ("/theory/mean-field/lossy", test_mean_field_lossy);
  g_test_add_func ("/theory/logistic", test_logistic);
  g_test_add_func ("/theory/rounds", test_rounds);
  g_test_add_func ("/theory/applies", test_applies);
  g_test_add_func ("/theory/anti-entropy", test_applies_anti_entropy);

  return g_test_run ();
}
