/* gv-cli-private.h: what the files of grapevine-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gv-cli.c dispatches the commands; gv-cli-options.c parses the options of simulate,
 * the protocol's among them, from the declarations; gv-cli-events.c the interventions;
 * gv-cli-simulate.c runs; gv-cli-report.c prints the table and the JSON;
 * gv-cli-chart.c draws; gv-cli-files.c does csv and validate; gv-cli-help.c writes the
 * usage texts and gv-cli-protocols.c the protocols command.
 */

#pragma once

#include "gv-cli.h"

G_BEGIN_DECLS

#define GV_CLI_PROGRAM_NAME "grapevine-cli"

/* Where the help's descriptions start, the spaces at least before them, and how wide
 * it is. */
#define GV_CLI_HELP_COLUMN 29
#define GV_CLI_HELP_GAP    1
#define GV_CLI_HELP_WIDTH  88

/* Output, as UTF-8 bytes whatever the locale. */
void      gv_cli_write_out          (const char        *text);
void      gv_cli_write_err          (const char        *text);
/* One line on stderr: "grapevine-cli: MESSAGE". */
void      gv_cli_print_error        (const char        *format,
                                     ...) G_GNUC_PRINTF (1, 2);
/* fflush (stdout); on failure one line, @message ("cannot write the results") and why. */
gboolean  gv_cli_flush_out          (const char        *message);

/* "--name=value": the name, and the value after "=" (NULL without one). */
char     *gv_cli_split_option       (const char        *arg,
                                     const char       **value);
/* The value of option @name, argv[*i]: @value, from after its "=", or else the next
 * argument, which *i then moves to.  NULL and "--name: needs a value" when there is none. */
const char *gv_cli_take_value       (const char        *name,
                                     const char        *value,
                                     int                argc,
                                     char             **argv,
                                     int               *i,
                                     GError           **error);

/* The registry's ids, "a, b or c", and the like for
 * any list of strings (@conjunction: " or ", " and ", already translated). */
char     *gv_cli_join_list          (const char *const *items,
                                     guint              n_items,
                                     const char        *conjunction);
char     *gv_cli_protocol_ids       (void);

/* @text wrapped at GV_CLI_HELP_WIDTH, every line but the first indented by @indent;
 * the first continues a line that already holds @used columns. */
void      gv_cli_append_wrapped     (GString           *out,
                                     const char        *text,
                                     guint              used,
                                     guint              indent);
/* Two columns: @left after @indent spaces, then @text from @column, wrapped under
 * itself and each of its lines a paragraph there; when fewer than @gap spaces would part
 * them, @text starts on the next line.  The help's options ("  --name METAVAR") are at
 * indent 2, GV_CLI_HELP_COLUMN and GV_CLI_HELP_GAP. */
void      gv_cli_append_columns     (GString           *out,
                                     guint              indent,
                                     const char        *left,
                                     guint              column,
                                     guint              gap,
                                     const char        *text);

/* The injection option's value as the help writes it: NODE@ROUND or NODE@ROUND[:KEY]. */
char     *gv_cli_injection_usage    (const GvInjectionSpec *spec);
/* The lower-case name of an injection's argument, "key", for messages. */
char     *gv_cli_injection_arg_word (const GvInjectionSpec *spec);
/* A parameter's values and default, as "1 to 64 [1]" or "a, b or c [b]". */
char     *gv_cli_param_range        (const GvParamSpec *spec);
/* Whether the core owns option @name ("--nodes"): a protocol's parameter of that name
 * cannot be given. */
gboolean  gv_cli_is_core_option     (const char        *name);

/* Usage texts, translated. */
const char *gv_cli_general_usage    (void);
const char *gv_cli_chart_usage      (void);
const char *gv_cli_csv_usage        (void);
const char *gv_cli_validate_usage   (void);
const char *gv_cli_protocols_usage  (void);

/* The commands, given the arguments after their name. */
int       gv_cli_simulate_main      (int                argc,
                                     char             **argv);
int       gv_cli_chart_main         (int                argc,
                                     char             **argv);
int       gv_cli_csv_main           (int                argc,
                                     char             **argv);
int       gv_cli_validate_main      (int                argc,
                                     char             **argv);
int       gv_cli_protocols_main     (int                argc,
                                     char             **argv);

/* Run files named on a command line, loaded; one line on stderr for the first that is
 * not a valid run file, and NULL. */
GPtrArray *gv_cli_load_runs         (char             **paths);

/* Whether news or an intervention named by @option fits the run of @params: @node (-1
 * for none) exists, @round comes before --max-rounds, and @arg (-1 for none) stays below
 * the parameter that bounds the news's argument.  The error starts with @option. */
gboolean  gv_cli_check_target       (const GvParams    *params,
                                     const char        *option,
                                     gint64             node,
                                     guint32            round,
                                     gint64             arg,
                                     GError           **error);

/* After the options are parsed: the events checked against the parameters and put in
 * the order a run makes them. */
gboolean  gv_cli_resolve_events     (GvCliOptions      *options,
                                     GError           **error);

G_END_DECLS
