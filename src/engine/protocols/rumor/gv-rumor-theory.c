/* gv-rumor-theory.c: what the literature predicts for a rumour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For one rumour from round 0 on the complete graph, without crashes:
 *  - the mean-field recurrence of synchronous rounds (Pittel 1987, Karp et al. 2000),
 *    with lost messages as an effective fanout b(1 - loss) for push and (1 - loss)^2
 *    for a pull's two legs, and the logistic curve of SI;
 *  - with message aging (ttl:H), the same recurrence, stopped at round H;
 *  - with a coin stop rule and push, Demers' residue s = e^{-c(1-s)} (c = k + 1 for the
 *    feedback coin, k for the blind coin) as the level coverage ends at;
 *  - with the feedback counter and push at n = 1000, Demers' Table 1.
 */

#define G_LOG_DOMAIN "gv-rumor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gv-rumor-private.h"
#include "gv-theory.h"

/* Demers et al. 1987, Table 1: push, feedback counter, n = 1000, residue s for K = 1…5. */
static const double demers_table_1[] = { 0.176, 0.037, 0.011, 0.0036, 0.0012 };

static const char *
why_not (const GvParams *params)
{
  guint n_injections = params->injections->len;
  GvStopRule stop = gv_params_choice (params, RUMOR_PARAM_STOP);
  GvExchange exchange = gv_params_choice (params, RUMOR_PARAM_EXCHANGE);

  /* The reasons are marked for translation and translated where they are shown. */
  if (params->topology != GV_TOPOLOGY_COMPLETE)
    return N_("The formulas assume the complete graph, where any node can pick any other.");
  if (params->crash > 0.0 || params->recover > 0.0)
    return N_("The formulas assume that no node crashes or recovers.");
  if (n_injections > 1)
    return N_("The formulas follow a single rumour, but several are injected.");
  if (gv_params_get_injection (params, 0).round != 0)
    return N_("The formulas start at round 0, but the rumour starts later.");
  if ((guint64) params->fanout * 10 > params->n_nodes)
    return N_("The formulas assume a fanout much smaller than the number of nodes.");
  if (stop == GV_STOP_BLIND_COUNTER)
    return N_("No formula is known for the blind counter; Demers et al. measured it by "
              "simulation only.");
  if ((stop == GV_STOP_FEEDBACK_COIN || stop == GV_STOP_BLIND_COIN ||
       stop == GV_STOP_FEEDBACK_COUNTER) && exchange != GV_EXCHANGE_PUSH)
    return N_("Demers' residue for stop rules is for push; this run pulls as well.");
  if (stop == GV_STOP_FEEDBACK_COUNTER &&
      (params->n_nodes < 500 || params->n_nodes > 2000 || params->fanout != 1 ||
       params->loss > 0.0 || gv_params_choice_arg (params, RUMOR_PARAM_STOP, 0) > 5))
    return N_("Demers' Table 1 gives the feedback counter's residue for K = 1 to 5, fanout 1, "
              "no loss and about 1000 nodes only.");
  return NULL;
}

static void
add_mean_field (GPtrArray      *curves,
                const GvParams *params,
                guint           stop_at)
{
  double b = params->fanout * (1.0 - params->loss);
  GvTheoryCurve *mf, *lg;
  guint n;

  mf = gv_theory_mean_field_coverage (_("Mean field"),
                                      params->loss > 0.0
                                      ? _("Synchronous mean-field recurrence, fanout b(1 − loss)")
                                      : _("Synchronous mean-field recurrence "
                                          "(Pittel 1987; Karp et al. 2000)"),
                                      gv_params_choice (params, RUMOR_PARAM_EXCHANGE),
                                      params->fanout, params->loss, params->n_nodes, stop_at);
  n = mf->n - 1;
  g_ptr_array_add (curves, mf);

  /* The logistic curve of continuous-time SI, at the same contact rate. */
  if (stop_at >= n && b > 0.0)
    {
      lg = gv_theory_curve_new (_("Logistic (SI)"),
                                params->loss > 0.0
                                ? _("Continuous-time SI, contact rate b(1 − loss)")
                                : _("Continuous-time SI, contact rate b"),
                                "coverage", GV_THEORY_CURVE, n * 4 + 1);
      for (guint i = 0; i <= n * 4; i++)
        {
          double t = i / 4.0;

          lg->x[i] = t;
          lg->y[i] = gv_theory_logistic (params->n_nodes, b, t);
        }
      g_ptr_array_add (curves, lg);
    }
}

static void
add_level (GPtrArray  *curves,
           const char *label,
           const char *source,
           double      coverage,
           guint       n_rounds)
{
  GvTheoryCurve *level = gv_theory_curve_new (label, source, "coverage", GV_THEORY_LEVEL, 2);

  level->x[0] = 0;
  level->x[1] = n_rounds;
  level->y[0] = level->y[1] = coverage;
  g_ptr_array_add (curves, level);
}

GPtrArray *
gv_rumor_theory (const GvParams    *params,
                 const GvTopology  *topology,
                 char             **why)
{
  g_autoptr(GPtrArray) curves = NULL;
  const char *reason = why_not (params);
  GvStopRule stop;
  double k;

  if (reason != NULL)
    {
      if (why != NULL)
        *why = g_strdup (_(reason));
      return NULL;
    }

  curves = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_theory_curve_free);
  stop = gv_params_choice (params, RUMOR_PARAM_STOP);
  k = gv_params_choice_arg (params, RUMOR_PARAM_STOP, 0);

  switch (stop)
    {
    case GV_STOP_NONE:
      add_mean_field (curves, params, G_MAXUINT);
      break;

    case GV_STOP_TTL:
      add_mean_field (curves, params, (guint) k);
      break;

    case GV_STOP_FEEDBACK_COIN:
    case GV_STOP_BLIND_COIN:
      {
        double c = (stop == GV_STOP_FEEDBACK_COIN ? k + 1.0 : k) * (1.0 - params->loss);
        double s = gv_theory_residue (c);

        add_level (curves, _("Demers' residue"),
                   stop == GV_STOP_FEEDBACK_COIN
                   ? _("Demers et al. 1987, §1.4: s = e^{−(k+1)(1−s)}")
                   : _("Demers et al. 1987, §1.4: s = e^{−k(1−s)}"),
                   1.0 - s, 40);
      }
      break;

    case GV_STOP_FEEDBACK_COUNTER:
      add_level (curves, _("Demers' residue"), _("Demers et al. 1987, Table 1 (n = 1000)"),
                 1.0 - demers_table_1[(guint) k - 1], 40);
      break;

    case GV_STOP_BLIND_COUNTER:
    case GV_N_STOP_RULES:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&curves);
}

/* Rounds to inform everyone, fanout 1, no faults: Pittel (1987) for push, Karp et al.
 * (2000) for push-pull; pull alone has log2 n + O(log log n) (Karp et al.), given here as
 * log2 n. */
gboolean
gv_rumor_predict (const GvParams    *params,
                  const GvTopology  *topology,
                  double            *rounds,
                  double            *messages,
                  const char       **source)
{
  GvExchange exchange = gv_params_choice (params, RUMOR_PARAM_EXCHANGE);
  double n = params->n_nodes;

  *rounds = *messages = NAN;
  if (why_not (params) != NULL || params->fanout != 1 || params->loss > 0.0 ||
      gv_params_choice (params, RUMOR_PARAM_STOP) != GV_STOP_NONE)
    return FALSE;

  switch (exchange)
    {
    case GV_EXCHANGE_PUSH:
      *rounds = gv_theory_pittel_rounds (params->n_nodes);
      *source = N_("Pittel 1987: log₂ n + ln n + O(1)");
      break;
    case GV_EXCHANGE_PULL:
      *rounds = log2 (n);
      *source = N_("Karp et al. 2000: log₂ n + O(log log n)");
      break;
    case GV_EXCHANGE_PUSH_PULL:
    case GV_N_EXCHANGES:
    default:
      *rounds = gv_theory_karp_rounds (params->n_nodes) + log2 (log (n));
      *source = N_("Karp et al. 2000: log₃ n + O(log log n)");
      break;
    }
  return TRUE;
}
