/* gv-run-chart.h: the charts of a run, or of several runs side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place decides what the coverage, messages and alive charts show, so that the
 * window, its comparison view and grapevine-cli draw the same thing.
 */

#pragma once

#include "gv-chart.h"
#include "gv-run-file.h"

G_BEGIN_DECLS

typedef enum
{
  GV_RUN_CHART_COVERAGE,
  GV_RUN_CHART_MESSAGES,
  GV_RUN_CHART_ALIVE,
} GvRunChartKind;

/* Clears @chart and sets it up for one run with @params: titles, axes, series (for
 * coverage, the simulation and the theory curves, or a note saying why none applies). */
void    gv_run_chart_setup   (GvChart             *chart,
                              GvRunChartKind       kind,
                              const GvParams      *params);
/* Adds round @rec of that run to a chart set up by gv_run_chart_setup(). */
void    gv_run_chart_append  (GvChart             *chart,
                              GvRunChartKind       kind,
                              const GvRoundRecord *rec);
/* One run as gv_run_chart_setup() and _append() draw it; several runs one line each,
 * labelled by what differs in their parameters. */
void    gv_run_chart_runs    (GvChart             *chart,
                              GvRunChartKind       kind,
                              GvRun        *const *runs,
                              guint                n_runs);

G_END_DECLS
