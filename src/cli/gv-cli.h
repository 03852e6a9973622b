/* gv-cli.h: grapevine-cli, the headless front end to the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gv-params.h"
#include "gv-round.h"

G_BEGIN_DECLS

/* Exit statuses, as the usage text documents them. */
#define GV_CLI_EXIT_OK      0
#define GV_CLI_EXIT_FAILURE 1
#define GV_CLI_EXIT_USAGE   2

#define GV_CLI_MAX_REPEAT  1000000
#define GV_CLI_MAX_THREADS 1024

typedef struct
{
  GvParams *params;     /* params->seed is the seed of the first run */
  guint     n_threads;
  guint     repeat;
  gboolean  json;
  gboolean  help;       /* --help was given: print usage, run nothing */
} GvCliOptions;

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

int           gv_cli_run               (int               argc,
                                        char            **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GvCliOptions, gv_cli_options_free)

G_END_DECLS
