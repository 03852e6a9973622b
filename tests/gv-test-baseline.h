/* gv-test-baseline.h: what the baselines' tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-run.h"
#include "gv-test-engine.h"
#include "gv-test-run.h"

G_BEGIN_DECLS

/* The protocol's theory curve for @chart, by its label. */
static inline GvTheoryCurve *
gv_test_theory_curve (GPtrArray  *curves,
                      const char *chart)
{
  for (guint i = 0; curves != NULL && i < curves->len; i++)
    {
      GvTheoryCurve *c = g_ptr_array_index (curves, i);

      if (g_str_equal (c->chart, chart))
        return c;
    }
  g_error ("no theory curve for chart %s", chart);
  return NULL;
}

/* Monte Carlo: @n_runs runs of @p from seed 1 on, each simulated once; for each of the
 * @n_rounds rounds in @rounds, the mean and the standard error of the reached fraction
 * at the end of each run's round @rounds[j] (its last if earlier), in @mean[j] and
 * @se[j]. */
static inline void
gv_test_reached (GvParams    *p,
                 guint        n_runs,
                 const guint *rounds,
                 guint        n_rounds,
                 double      *mean,
                 double      *se)
{
  g_autofree double *sum = g_new0 (double, n_rounds);
  g_autofree double *sum2 = g_new0 (double, n_rounds);

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(GvRun) run = NULL;

      p->seed = 1 + i;
      run = gv_test_simulate (p, 1);
      for (guint j = 0; j < n_rounds; j++)
        {
          const GvRoundRecord *rec = gv_run_get_record (run, MIN (rounds[j],
                                                                  gv_run_get_last_round (run)));
          double x = gv_test_value (rec, p->protocol, "reached") / p->n_nodes;

          sum[j] += x;
          sum2[j] += x * x;
        }
    }

  for (guint j = 0; j < n_rounds; j++)
    {
      mean[j] = sum[j] / n_runs;
      se[j] = sqrt ((sum2[j] / n_runs - mean[j] * mean[j]) / (n_runs - 1));
    }
}

/* Monte Carlo against the protocol's "reached" curve under crashes: at rounds @first,
 * @first + @step, … within the curve, the mean of @n_runs runs is within 4 standard
 * errors of it. */
static inline void
gv_test_check_reached (GvParams *p,
                       guint     n_runs,
                       guint     first,
                       guint     step)
{
  g_autoptr(GPtrArray) curves = p->protocol->theory (p, NULL, NULL);
  GvTheoryCurve *curve = gv_test_theory_curve (curves, "reached");
  g_autoptr(GArray) rounds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *mean = NULL;
  g_autofree double *se = NULL;

  for (guint r = first; r < curve->n; r += step)
    g_array_append_val (rounds, r);
  mean = g_new (double, rounds->len);
  se = g_new (double, rounds->len);
  gv_test_reached (p, n_runs, (const guint *) rounds->data, rounds->len, mean, se);

  for (guint j = 0; j < rounds->len; j++)
    {
      guint r = g_array_index (rounds, guint, j);

      g_test_message ("%s, c %.2f, round %u: reached %.4f ± %.4f, theory %.4f",
                      p->protocol->id, p->crash, r, mean[j], se[j], curve->y[r]);
      g_assert_cmpfloat (fabs (mean[j] - curve->y[r]), <, 4 * se[j] + 1e-9);
    }
}

/* Without faults, @p's run against the protocol's exact theory: it converges in
 * @rounds rounds, as predicted, with n − 1 messages, as predicted, and the coverage of
 * every round is what the "coverage" curve says, with no redundant message.  Returns
 * the run, for the test's own checks. */
static inline GvRun *
gv_test_check_exact (const GvParams *p,
                     guint           rounds)
{
  GvRun *run = gv_test_simulate (p, 1);
  g_autoptr(GPtrArray) curves = NULL;
  GvTheoryCurve *curve;
  double predicted_rounds, predicted_messages;
  const char *source;
  GvSummary s;

  gv_run_get_summary (run, &s);
  g_assert_true (p->protocol->predict (p, NULL, &predicted_rounds, &predicted_messages,
                                       &source));
  g_test_message ("n %u fanout %u: %u rounds, %" G_GUINT64_FORMAT " messages (theory %g, %g)",
                  p->n_nodes, p->fanout, s.rounds, s.messages, predicted_rounds,
                  predicted_messages);
  g_assert_true (s.converged);
  g_assert_cmpuint (s.rounds, ==, rounds);
  g_assert_cmpfloat (s.rounds, ==, predicted_rounds);
  g_assert_cmpuint (s.messages, ==, p->n_nodes - 1);
  g_assert_cmpfloat (s.messages, ==, predicted_messages);

  curves = p->protocol->theory (p, NULL, NULL);
  curve = gv_test_theory_curve (curves, "coverage");
  g_assert_cmpuint (curve->n, ==, s.rounds + 1);
  for (guint r = 0; r <= s.rounds; r++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, r);

      g_assert_cmpfloat_with_epsilon (curve->y[r],
                                      gv_test_value (rec, p->protocol, "informed") / p->n_nodes,
                                      1e-12);
      g_assert_cmpuint (REC_REDUNDANT (rec), ==, 0);
    }
  return run;
}

G_END_DECLS
