/* gv-test-baseline.h: what the baselines' tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-run.h"
#include "gv-test-engine.h"

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

static inline GvRun *
gv_test_simulate (const GvParams *p)
{
  g_autoptr(GError) error = NULL;
  GvRun *run = gv_run_simulate (p, 1, NULL, &error);

  g_assert_no_error (error);
  return run;
}

/* Monte Carlo: @n_runs runs of @p from seed 1 on; the mean and the standard error of the
 * reached fraction at the end of each run's round @round (its last if earlier). */
static inline void
gv_test_reached (GvParams *p,
                 guint     n_runs,
                 guint     round,
                 double   *mean,
                 double   *se)
{
  double sum = 0, sum2 = 0;

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(GvRun) run = NULL;
      const GvRoundRecord *rec;
      double x;

      p->seed = 1 + i;
      run = gv_test_simulate (p);
      rec = gv_run_get_record (run, MIN (round, gv_run_get_last_round (run)));
      x = gv_test_value (rec, p->protocol, "reached") / p->n_nodes;
      sum += x;
      sum2 += x * x;
    }

  *mean = sum / n_runs;
  *se = sqrt ((sum2 / n_runs - *mean * *mean) / (n_runs - 1));
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

  for (guint r = first; r < curve->n; r += step)
    {
      double mean, se;

      gv_test_reached (p, n_runs, r, &mean, &se);
      g_test_message ("%s, c %.2f, round %u: reached %.4f ± %.4f, theory %.4f",
                      p->protocol->id, p->crash, r, mean, se, curve->y[r]);
      g_assert_cmpfloat (fabs (mean - curve->y[r]), <, 4 * se + 1e-9);
    }
}

G_END_DECLS
