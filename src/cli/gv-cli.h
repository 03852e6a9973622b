/* gv-cli.h: grapevine-cli, the headless front end to the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gv-chart.h"
#include "gv-export.h"
#include "gv-params.h"
#include "gv-round.h"
#include "gv-run-file.h"

G_BEGIN_DECLS

/* Exit statuses, as the usage text documents them. */
#define GV_CLI_EXIT_OK      0
#define GV_CLI_EXIT_FAILURE 1
#define GV_CLI_EXIT_USAGE   2

#define GV_CLI_MAX_REPEAT  1000000
#define GV_CLI_MAX_THREADS 1024

/* Chart exports: sizes in pixels (PNG at scale 1) or points (SVG, PDF). */
#define GV_CLI_CHART_WIDTH      800
#define GV_CLI_CHART_HEIGHT     500
#define GV_CLI_CHART_MIN_SIZE   50
#define GV_CLI_CHART_MAX_SIZE   10000
#define GV_CLI_CHART_MIN_SCALE  0.25
#define GV_CLI_CHART_MAX_SCALE  8.0
#define GV_CLI_CHART_MAX_PIXELS 16384   /* a side of a PNG, after scaling */

typedef struct
{
  GvParams *params;     /* params->seed is the seed of the first run */
  guint     n_threads;
  guint     repeat;
  gboolean  json;
  gboolean  help;       /* --help was given: print usage, run nothing */
  char     *output;     /* --output: the run file to write, numbered when repeated */
  gboolean  detail_cap_given;
} GvCliOptions;

typedef enum
{
  GV_CLI_CHART_COVERAGE,
  GV_CLI_CHART_MESSAGES,
  GV_CLI_CHART_ALIVE,
} GvCliChartKind;

typedef struct
{
  char             **inputs;    /* run files, NULL-terminated */
  char              *output;
  GvImageFormat      format;    /* from the output's extension */
  GvCliChartKind     kind;
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
 * validates the result.  Every error names the option at fault, on one line. */
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
/* NODE@ROUND, or NODE@ROUND[:KEY] when @allow_key. */
gboolean      gv_cli_parse_injection   (const char       *option,
                                        const char       *text,
                                        gboolean          allow_key,
                                        GvInjection      *injection,
                                        GError          **error);

void          gv_cli_stat_compute      (const double     *values,
                                        guint             n_values,
                                        GvCliStat        *stat);
/* "push-pull rumour, complete graph, 1000 nodes, fanout 1, stop none, loss 0%" */
char         *gv_cli_describe_params   (const GvParams   *params);
/* The whole --json document for @n_runs runs with seeds params->seed, +1, ... */
JsonNode     *gv_cli_results_to_json   (const GvParams   *params,
                                        const GvSummary  *summaries,
                                        guint             n_runs);
/* The readable table, header line included. */
char         *gv_cli_results_to_table  (const GvParams   *params,
                                        const GvSummary  *summaries,
                                        guint             n_runs);

/* RUN.json for a single run; RUN-1.json, RUN-2.json… when there are several. */
char         *gv_cli_numbered_path     (const char       *path,
                                        guint             index,
                                        guint             n_runs);

GvCliChartOptions *gv_cli_chart_options_new  (void);
void          gv_cli_chart_options_free (GvCliChartOptions *options);
/* Parses the arguments that follow "chart". */
gboolean      gv_cli_parse_chart       (GvCliChartOptions *options,
                                        int               argc,
                                        char            **argv,
                                        GError          **error);
/* Fills @chart as the window draws it for one run; several runs make a comparison,
 * each curve labelled by what differs in its parameters. */
void          gv_cli_chart_runs        (GvChart          *chart,
                                        GvRun     *const *runs,
                                        guint             n_runs,
                                        GvCliChartKind    kind);
/* Draws @chart into options->output, replaced atomically. */
gboolean      gv_cli_export_chart      (GvChart          *chart,
                                        const GvCliChartOptions *options,
                                        GError          **error);

int           gv_cli_run               (int               argc,
                                        char            **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvCliOptions, gv_cli_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvCliChartOptions, gv_cli_chart_options_free)

G_END_DECLS
