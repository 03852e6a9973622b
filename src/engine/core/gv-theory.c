/* gv-theory.c: what the literature predicts, for charts and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-theory"

#include "config.h"

#include <math.h>

#include "gv-theory.h"

/* The logarithm of the uninformed fraction after one round, from the logarithm @log_p of
 * the fraction before it and the informed fraction @q = 1 - p.  Working with logarithms
 * keeps full precision while one node in ten million is informed, where 1 - p would
 * cancel. */
static double
mean_field_log_step (GvExchange exchange,
                     guint      fanout,
                     double     loss,
                     double     log_p,
                     double     q)
{
  double b = fanout;
  double through = 1.0 - loss;
  /* A pull from an uninformed node fails unless it finds an informed one and both
   * messages get through; without loss that is the exact log p of the recurrence. */
  double pull = loss == 0.0 ? b * log_p : b * log1p (-q * through * through);

  switch (exchange)
    {
    case GV_EXCHANGE_PUSH:
      return log_p - b * through * q;

    case GV_EXCHANGE_PULL:
      return log_p + pull;

    case GV_EXCHANGE_PUSH_PULL:
      return log_p + pull - b * through * q;

    case GV_N_EXCHANGES:
    default:
      g_return_val_if_reached (log_p);
    }
}

double
gv_theory_mean_field_step_lossy (GvExchange exchange,
                                 guint      fanout,
                                 double     loss,
                                 double     p)
{
  g_return_val_if_fail (!isnan (p), NAN);

  p = CLAMP (p, 0.0, 1.0);
  if (p == 0.0)
    return 0.0;

  return exp (mean_field_log_step (exchange, fanout, CLAMP (loss, 0.0, 1.0), log (p), 1.0 - p));
}

double
gv_theory_mean_field_step (GvExchange exchange,
                           guint      fanout,
                           double     p)
{
  return gv_theory_mean_field_step_lossy (exchange, fanout, 0.0, p);
}

void
gv_theory_mean_field_curve (GvExchange  exchange,
                            guint       fanout,
                            guint32     n_nodes,
                            double     *out,
                            guint       n_rounds)
{
  gv_theory_mean_field_curve_lossy (exchange, fanout, 0.0, n_nodes, out, n_rounds);
}

void
gv_theory_mean_field_curve_lossy (GvExchange  exchange,
                                  guint       fanout,
                                  double      loss,
                                  guint32     n_nodes,
                                  double     *out,
                                  guint       n_rounds)
{
  double q;

  g_return_if_fail (out != NULL);
  g_return_if_fail (n_nodes >= 1);

  q = 1.0 / n_nodes;
  out[0] = q;

  for (guint r = 1; r <= n_rounds; r++)
    {
      double log_p = q < 1.0 ? log1p (-q) : -INFINITY;

      log_p = mean_field_log_step (exchange, fanout, loss, log_p, q);
      q = -expm1 (log_p);
      out[r] = q;
    }
}

GvTheoryCurve *
gv_theory_mean_field_coverage (const char *label,
                               const char *source,
                               GvExchange  exchange,
                               guint       fanout,
                               double      loss,
                               guint32     n_nodes,
                               guint       stop_at)
{
  g_autofree double *y = g_new (double, GV_THEORY_MAX_ROUNDS + 1);
  GvTheoryCurve *curve;
  guint n = 0;

  g_return_val_if_fail (n_nodes >= 1, NULL);

  gv_theory_mean_field_curve_lossy (exchange, fanout, loss, n_nodes, y, GV_THEORY_MAX_ROUNDS);
  while (n < GV_THEORY_MAX_ROUNDS && y[n] < 1.0 - 0.5 / n_nodes)
    n++;

  curve = gv_theory_curve_new (label, source, "coverage", GV_THEORY_CURVE, n + 1);
  for (guint r = 0; r <= n; r++)
    {
      curve->x[r] = r;
      curve->y[r] = y[MIN (r, stop_at)];
    }

  return curve;
}

double
gv_theory_logistic (guint32 n_nodes,
                    double  rate,
                    double  t)
{
  double n = n_nodes;

  g_return_val_if_fail (n_nodes >= 1, NAN);

  /* (n+1) / (1 + n e^{-b(n+1)t/n}) divided by n + 1.  For very negative t the
   * exponential overflows to infinity, and the quotient correctly goes to 0. */
  return 1.0 / (1.0 + n * exp (-rate * (n + 1.0) * t / n));
}

double
gv_theory_residue (double c)
{
  double lo, hi, u;

  g_return_val_if_fail (!isnan (c), NAN);

  if (c <= 1.0)
    return 1.0;
  if (isinf (c))
    return 0.0;

  /* Solve for the informed fraction u = 1 - s instead: h(u) = u + expm1(-c u) = 0.  With
   * expm1 there is no cancellation near u = 0, so c just above 1 (root near s = 1) is as
   * precise as large c.  h is convex with h(0) = 0, its minimum at ln(c)/c is negative
   * for c > 1, and h(1) = e^{-c} > 0: the non-trivial root is bracketed between them,
   * and bisection cannot miss it. */
  lo = log (c) / c;
  hi = 1.0;

  if (lo + expm1 (-c * lo) >= 0.0)
    return 1.0;  /* c so close to 1 that the root cannot be told from u = 0 */

  for (guint i = 0; i < 200; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (mid <= lo || mid >= hi)
        break;
      if (mid + expm1 (-c * mid) < 0.0)
        lo = mid;
      else
        hi = mid;
    }

  u = 0.5 * (lo + hi);

  /* s = e^{-c u} holds at the root, and unlike 1 - u it keeps its relative precision
   * when s is tiny (c = 50 gives s of about 2e-22). */
  return exp (-c * u);
}

double
gv_theory_pittel_rounds (guint32 n_nodes)
{
  g_return_val_if_fail (n_nodes >= 1, 0.0);

  return log2 ((double) n_nodes) + log ((double) n_nodes);
}

double
gv_theory_karp_rounds (guint32 n_nodes)
{
  g_return_val_if_fail (n_nodes >= 1, 0.0);

  return log ((double) n_nodes) / log (3.0);
}
