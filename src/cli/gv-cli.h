/* gv-cli.h: grapevine-cli, the headless front end to the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here follows from what the protocols declare (gv-protocol.h): the options of
 * simulate and their help, the table's columns, the JSON's figures, the charts that can be
 * drawn.  No protocol is named in this folder.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "gv-chart.h"
#include "gv-export.h"
#include "gv-params.h"
#include "gv-round.h"
#include "gv-run.h"

G_BEGIN_DECLS

/* Exit statuses, as the usage text documents them. */
#define GV_CLI_EXIT_OK      0
#define GV_CLI_EXIT_FAILURE 1
#define GV_CLI_EXIT_USAGE   2

#define GV_CLI_MAX_REPEAT  1000000
#define GV_CLI_MAX_THREADS 1024
#define GV_CLI_MAX_EVENTS  100000

/* Chart exports: sizes in pixels (PNG at scale 1) or points (SVG, PDF). */
#define GV_CLI_CHART_WIDTH      800
#define GV_CLI_CHART_HEIGHT     500
#define GV_CLI_CHART_MIN_SIZE   50
#define GV_CLI_CHART_MAX_SIZE   10000
#define GV_CLI_CHART_MIN_SCALE  0.25
#define GV_CLI_CHART_MAX_SCALE  8.0
#define GV_CLI_CHART_MAX_PIXELS 16384   /* a side of a PNG, after scaling */
#define GV_CLI_CHART_DEFAULT    "coverage"

/* One --event. */
typedef struct
{
  GvIntervention    iv;
  char             *text;            /* "--event 3:crash:7", for messages */
  gboolean          has_arg;         /* an injection that named its argument */
} GvCliEvent;

typedef struct
{
  GvParams         *params;          /* params->seed is the seed of the first run */
  guint             n_threads;
  guint             repeat;
  gboolean          json;
  gboolean          help;            /* --help was given: print usage, run nothing */
  char             *output;          /* --output: the run file to write, numbered when
                                      * repeated */
  gboolean          detail_cap_given;
  /* The protocol that --protocol or --mode named, or NULL when none was (the help then
   * shows every protocol's options). */
  const GvProtocol *named_protocol;
  /* --event, in the order a run makes them: by round, then as given. */
  GArray           *events;          /* GvCliEvent */
} GvCliOptions;

typedef struct
{
  char             **inputs;    /* run files, NULL-terminated */
  char              *output;
  GvImageFormat      format;    /* from the output's extension */
  char              *kind;      /* a chart id: gv_run_chart_list() */
  guint              width;
  guint              height;
  double             scale;     /* PNG only */
  gboolean           dark;
  gboolean           help;
} GvCliChartOptions;

/* One column of the statistics over repeated runs.  sd is the sample standard
 * deviation (n - 1), and 0 for a single run. */
typedef struct
{
  double mean;
  double sd;
  double min;
  double max;
} GvCliStat;

GvCliOptions *gv_cli_options_new       (void);
void          gv_cli_options_free      (GvCliOptions     *options);

/* Parses the arguments that follow "simulate" (argv[0] is the first option) and
 * validates the result.  The protocol is resolved first, so options may come in any
 * order; every error names the option at fault, on one line. */
gboolean      gv_cli_parse_simulate    (GvCliOptions     *options,
                                        int               argc,
                                        char            **argv,
                                        GError          **error);

/* Strict parsers for option values: no sign, no spaces, no trailing characters. */
gboolean      gv_cli_parse_count       (const char       *option,
                                        const char       *text,
                                        guint64           min,
                                        guint64           max,
                                        guint64          *value,
                                        GError          **error);
gboolean      gv_cli_parse_fraction    (const char       *option,
                                        const char       *text,
                                        double           *value,
                                        GError          **error);
/* NODE@ROUND, or NODE@ROUND[:ARG] when @spec declares an argument (a key). */
gboolean      gv_cli_parse_injection   (const char            *option,
                                        const char            *text,
                                        const GvInjectionSpec *spec,
                                        GvInjection           *injection,
                                        GError               **error);
/* ROUND:crash:NODE, ROUND:revive:NODE, ROUND:inject:NODE[:ARG] or
 * ROUND:faults:loss=P,crash=P,recover=P; a probability left out is NaN, to keep the one
 * before.  Only the form is checked here: nodes, rounds and arguments are checked
 * against the parameters once every option is known. */
gboolean      gv_cli_parse_event       (const char       *text,
                                        GvIntervention   *intervention,
                                        gboolean         *has_arg,
                                        GError          **error);

void          gv_cli_stat_compute      (const double     *values,
                                        guint             n_values,
                                        GvCliStat        *stat);
/* The protocol's own description of its parameters (GvProtocol.describe), then the
 * network's and the faults': "…, complete graph, 1000 nodes, fanout 1, loss 0%". */
char         *gv_cli_describe_params   (const GvParams   *params);
/* The whole --json document for @n_runs runs with seeds params->seed, +1, …:
 * {"params", "runs", "stats": {rounds, converged, the protocol's figures, messages}}. */
JsonNode     *gv_cli_results_to_json   (const GvParams   *params,
                                        const GvSummary  *summaries,
                                        guint             n_runs);
/* The readable table, header line included: seed, rounds, converged, the protocol's
 * figures, messages. */
char         *gv_cli_results_to_table  (const GvParams   *params,
                                        const GvSummary  *summaries,
                                        guint             n_runs);

/* RUN.json for a single run; RUN-1.json, RUN-2.json… when there are several. */
char         *gv_cli_numbered_path     (const char       *path,
                                        guint             index,
                                        guint             n_runs);

/* The usage of simulate: the core's options, then those of @protocol, or of every
 * protocol in the registry grouped by protocol when @protocol is NULL. */
char         *gv_cli_simulate_usage    (const GvProtocol *protocol);

/* What "grapevine-cli protocols" prints: every protocol in the registry with its
 * parameters, metrics, node classes, figures and theory. */
char         *gv_cli_protocols_to_text (void);
JsonNode     *gv_cli_protocols_to_json (void);

GvCliChartOptions *gv_cli_chart_options_new  (void);
void          gv_cli_chart_options_free (GvCliChartOptions *options);
/* Parses the arguments that follow "chart". */
gboolean      gv_cli_parse_chart       (GvCliChartOptions *options,
                                        int               argc,
                                        char            **argv,
                                        GError          **error);
/* Whether runs of these protocols can show chart @kind; the error lists those that can. */
gboolean      gv_cli_check_chart_kind  (GvRun     *const *runs,
                                        guint             n_runs,
                                        const char       *kind,
                                        GError          **error);
/* Draws @chart into options->output, replaced atomically. */
gboolean      gv_cli_export_chart      (GvChart          *chart,
                                        const GvCliChartOptions *options,
                                        GError          **error);

int           gv_cli_run               (int               argc,
                                        char            **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvCliOptions, gv_cli_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvCliChartOptions, gv_cli_chart_options_free)

G_END_DECLS
