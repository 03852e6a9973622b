/* gv-run-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-run-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gv-palette.h"
#include "gv-run-chart.h"
#include "gv-theory.h"

/* Series colours: the last palette colour is the dim grey, kept for what matters least. */
#define RUN_COLORS (GV_PALETTE_N_SERIES - 1)

static double
coverage_percent (const GvRoundRecord *rec)
{
  return rec->alive > 0 ? 100.0 * rec->informed / rec->alive : 0.0;
}

static void
set_axes (GvChart        *chart,
          GvRunChartKind  kind,
          gboolean        anti_entropy,
          guint32         n_nodes)
{
  gv_chart_clear (chart);
  gv_chart_set_x_label (chart, _("Round"));
  gv_chart_set_marker (chart, NAN);
  gv_chart_set_note (chart, NULL);
  gv_chart_set_y_unit (chart, NULL);

  switch (kind)
    {
    case GV_RUN_CHART_MESSAGES:
      gv_chart_set_title (chart, _("Messages per round"));
      gv_chart_set_y_label (chart, _("Messages"));
      gv_chart_set_y_range (chart, NAN, NAN);
      break;
    case GV_RUN_CHART_ALIVE:
      gv_chart_set_title (chart, _("Alive nodes"));
      gv_chart_set_y_label (chart, _("Nodes"));
      gv_chart_set_y_range (chart, 0, n_nodes);
      break;
    case GV_RUN_CHART_COVERAGE:
    default:
      gv_chart_set_title (chart, anti_entropy ? _("Up to date") : _("Coverage"));
      gv_chart_set_y_label (chart, _("Informed nodes"));
      gv_chart_set_y_unit (chart, "%");
      gv_chart_set_y_range (chart, 0, 100);
      break;
    }
}

/* The mean-field recurrence and the logistic curve, until the recurrence is within
 * half a node of everyone; or a note saying why no formula applies. */
static void
add_theory (GvChart        *chart,
            const GvParams *p)
{
  const char *why = NULL;

  if (gv_theory_applies (p, &why))
    {
      guint mf = gv_chart_add_series (chart, _("Mean field"), GV_CHART_DASHED, 1);
      guint lg = gv_chart_add_series (chart, _("Logistic (SI)"), GV_CHART_DASHED, 2);
      g_autofree double *curve = g_new (double, 201);
      guint n_rounds = 0;

      gv_theory_mean_field_curve (p->exchange, p->fanout, p->n_nodes, curve, 200);
      while (n_rounds < 200 && curve[n_rounds] < 1.0 - 0.5 / p->n_nodes)
        n_rounds++;
      for (guint r = 0; r <= n_rounds; r++)
        gv_chart_append (chart, mf, r, 100.0 * curve[r]);
      for (guint i = 0; i <= n_rounds * 4; i++)
        gv_chart_append (chart, lg, i / 4.0,
                         100.0 * gv_theory_logistic (p->n_nodes, p->fanout, i / 4.0));
    }
  else
    {
      g_autofree char *note = g_strdup_printf (_("No theory curve: %s"), why != NULL ? _(why) : "");

      gv_chart_set_note (chart, note);
    }
}

void
gv_run_chart_setup (GvChart        *chart,
                    GvRunChartKind  kind,
                    const GvParams *params)
{
  g_return_if_fail (GV_IS_CHART (chart));
  g_return_if_fail (params != NULL);

  set_axes (chart, kind, params->mode == GV_MODE_ANTI_ENTROPY, params->n_nodes);

  switch (kind)
    {
    case GV_RUN_CHART_MESSAGES:
      gv_chart_add_series (chart, _("Useful"), GV_CHART_BARS, 2);
      gv_chart_add_series (chart, _("Redundant"), GV_CHART_BARS, 4);
      gv_chart_add_series (chart, _("Lost"), GV_CHART_BARS, 5);
      gv_chart_add_series (chart, _("Requests"), GV_CHART_BARS, 7);
      break;
    case GV_RUN_CHART_ALIVE:
      gv_chart_add_series (chart, _("Alive"), GV_CHART_LINE, 0);
      gv_chart_add_series (chart, _("Informed"), GV_CHART_LINE, 1);
      break;
    case GV_RUN_CHART_COVERAGE:
    default:
      gv_chart_add_series (chart, _("Simulation"), GV_CHART_LINE, 0);
      add_theory (chart, params);
      break;
    }
}

void
gv_run_chart_append (GvChart             *chart,
                     GvRunChartKind       kind,
                     const GvRoundRecord *rec)
{
  g_return_if_fail (GV_IS_CHART (chart));
  g_return_if_fail (rec != NULL);

  switch (kind)
    {
    case GV_RUN_CHART_MESSAGES:
      if (rec->round > 0)
        {
          /* The stacks add up to every message sent: requests carry no data, and of the
           * messages that do, each was useful, redundant or lost. */
          guint64 failed = rec->lost + rec->dead;

          gv_chart_append (chart, 0, rec->round,
                           (double) (rec->carrying - MIN (rec->carrying, rec->redundant + failed)));
          gv_chart_append (chart, 1, rec->round, (double) rec->redundant);
          gv_chart_append (chart, 2, rec->round, (double) failed);
          gv_chart_append (chart, 3, rec->round, (double) (rec->sent - rec->carrying));
        }
      break;
    case GV_RUN_CHART_ALIVE:
      gv_chart_append (chart, 0, rec->round, rec->alive);
      gv_chart_append (chart, 1, rec->round, rec->informed);
      break;
    case GV_RUN_CHART_COVERAGE:
    default:
      gv_chart_append (chart, 0, rec->round, coverage_percent (rec));
      break;
    }
}

void
gv_run_chart_runs (GvChart        *chart,
                   GvRunChartKind  kind,
                   GvRun   *const *runs,
                   guint           n_runs)
{
  g_auto(GStrv) labels = NULL;
  gboolean all_anti_entropy = TRUE;
  guint32 max_nodes = 0;

  g_return_if_fail (GV_IS_CHART (chart));
  g_return_if_fail (runs != NULL && n_runs > 0);

  if (n_runs == 1)
    {
      gv_run_chart_setup (chart, kind, gv_run_get_params (runs[0]));
      for (guint r = 0; r < gv_run_get_n_records (runs[0]); r++)
        gv_run_chart_append (chart, kind, gv_run_get_record (runs[0], r));
      return;
    }

  labels = gv_run_label_differences (runs, n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      all_anti_entropy &= gv_run_get_params (runs[i])->mode == GV_MODE_ANTI_ENTROPY;
      max_nodes = MAX (max_nodes, gv_run_get_params (runs[i])->n_nodes);
    }
  set_axes (chart, kind, all_anti_entropy, max_nodes);

  for (guint i = 0; i < n_runs; i++)
    {
      guint s = gv_chart_add_series (chart, labels[i], GV_CHART_LINE, i % RUN_COLORS);

      for (guint r = 0; r < gv_run_get_n_records (runs[i]); r++)
        {
          const GvRoundRecord *rec = gv_run_get_record (runs[i], r);

          if (kind == GV_RUN_CHART_MESSAGES && r == 0)
            continue;
          gv_chart_append (chart, s, r,
                           kind == GV_RUN_CHART_MESSAGES ? (double) rec->sent
                           : kind == GV_RUN_CHART_ALIVE ? (double) rec->alive
                           : coverage_percent (rec));
        }
    }
}
