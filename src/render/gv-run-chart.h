/* gv-run-chart.h: the charts of a run, or of several runs side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place decides what each chart shows, from what the run's protocol declares (its
 * metrics, charts and theory), so that the window, its comparison view and grapevine-cli
 * draw the same thing.  A chart is named by an id:
 *   - the protocol's own charts, by their ids ("coverage" first, for every protocol);
 *   - "messages": every message of the round, stacked as useful, redundant, lost, to a
 *     crashed node and requests delivered, which add up to the messages sent;
 *   - "alive": alive nodes, and the protocol's primary metric;
 *   - "metric:ID": any other per-round metric on its own.
 */

#pragma once

#include "gv-chart.h"
#include "gv-run.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;        /* "coverage", "messages", "alive", "metric:newly_informed" */
  char *title;     /* translated, for a chooser */
} GvRunChartEntry;

/* The charts a run of @protocol can show, in the order a chooser lists them: the
 * protocol's, then "messages" and "alive", then a "metric:ID" for each metric not yet
 * shown.  Free with g_ptr_array_unref(). */
GPtrArray *gv_run_chart_list     (const GvProtocol    *protocol);
gboolean   gv_run_chart_has      (const GvProtocol    *protocol,
                                  const char          *id);

/* Clears @chart and sets it up for one run with @params: title, axes, series and the
 * protocol's theory curves for this chart, or a note saying why none applies.  The
 * run's @topology is for theory that needs the network (NULL when not at hand). */
void       gv_run_chart_setup    (GvChart             *chart,
                                  const char          *id,
                                  const GvParams      *params,
                                  const GvTopology    *topology);
/* Adds round @rec of that run.  Items that appear (a rumour started by hand) get their
 * own line from that round on; values a run did not record (NaN) are left out, and a
 * chart whose per-item lines were not recorded draws its fallback metric instead. */
void       gv_run_chart_append   (GvChart             *chart,
                                  const char          *id,
                                  const GvParams      *params,
                                  const GvRoundRecord *rec);
/* The colour of run @index's line in gv_run_chart_runs (), for a list beside it. */
GvColor    gv_run_chart_run_color (const GvPalette    *palette,
                                   guint               index);
/* One run as setup and append draw it; several runs a line each, labelled by what
 * differs in their parameters: the coverage chart shows each run's primary metric as a
 * percentage of its alive nodes (runs of different protocols side by side), messages
 * the messages sent, alive the alive nodes, and a metric chart that metric where a run
 * has it. */
void       gv_run_chart_runs     (GvChart             *chart,
                                  const char          *id,
                                  GvRun        *const *runs,
                                  guint                n_runs);

G_END_DECLS
