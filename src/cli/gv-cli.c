/* gv-cli.c: grapevine-cli, the headless front end to the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gv-cli.h"
#include "gv-export.h"
#include "gv-run-chart.h"
#include "gv-error.h"
#include "gv-palette.h"
#include "gv-simulator.h"

#define PROGRAM_NAME "grapevine-cli"

/* Redrawing the progress line more often than this only costs time on fast runs. */
#define PROGRESS_INTERVAL_USEC (G_USEC_PER_SEC / 20)

typedef enum
{
  OPTION_NODES,
  OPTION_TOPOLOGY,
  OPTION_PROTOCOL,
  OPTION_MODE,
  OPTION_FANOUT,
  OPTION_STOP,
  OPTION_LOSS,
  OPTION_CRASH,
  OPTION_RECOVER,
  OPTION_LOSE_STATE,
  OPTION_MAX_ROUNDS,
  OPTION_SEED,
  OPTION_REPEAT,
  OPTION_THREADS,
  OPTION_RUMOR,
  OPTION_UPDATE,
  OPTION_KEYS,
  OPTION_JSON,
  OPTION_OUTPUT,
  OPTION_DETAIL_CAP,
  OPTION_HELP,
} OptionId;

typedef struct
{
  const char *name;
  OptionId    id;
  gboolean    has_value;
} OptionSpec;

static const OptionSpec simulate_options[] = {
  { "--nodes",      OPTION_NODES,      TRUE },
  { "--topology",   OPTION_TOPOLOGY,   TRUE },
  { "--protocol",   OPTION_PROTOCOL,   TRUE },
  { "--mode",       OPTION_MODE,       TRUE },
  { "--fanout",     OPTION_FANOUT,     TRUE },
  { "--stop",       OPTION_STOP,       TRUE },
  { "--loss",       OPTION_LOSS,       TRUE },
  { "--crash",      OPTION_CRASH,      TRUE },
  { "--recover",    OPTION_RECOVER,    TRUE },
  { "--lose-state", OPTION_LOSE_STATE, FALSE },
  { "--max-rounds", OPTION_MAX_ROUNDS, TRUE },
  { "--seed",       OPTION_SEED,       TRUE },
  { "--repeat",     OPTION_REPEAT,     TRUE },
  { "--threads",    OPTION_THREADS,    TRUE },
  { "--rumor",      OPTION_RUMOR,      TRUE },
  { "--update",     OPTION_UPDATE,     TRUE },
  { "--keys",       OPTION_KEYS,       TRUE },
  { "--json",       OPTION_JSON,       FALSE },
  { "--output",     OPTION_OUTPUT,     TRUE },
  { "--detail-cap", OPTION_DETAIL_CAP, TRUE },
  { "--help",       OPTION_HELP,       FALSE },
  { "-h",           OPTION_HELP,       FALSE },
};

typedef enum
{
  COLUMN_ROUNDS,
  COLUMN_CONVERGED,
  COLUMN_RESIDUE,
  COLUMN_TRAFFIC,
  COLUMN_T_AVG,
  COLUMN_T_LAST,
  COLUMN_MESSAGES,
  N_COLUMNS
} Column;

/* The member names of gv_summary_to_json(), which "stats" mirrors. */
static const char *column_names[N_COLUMNS] = {
  "rounds", "converged", "residue", "traffic", "t_avg", "t_last", "messages",
};

typedef struct
{
  GMainLoop *loop;
  guint      run;                /* counted from 1, for people */
  guint      n_runs;
  gboolean   show_progress;
  gboolean   anti_entropy;
  gint64     last_progress_usec;
  gboolean   interrupted;
} Runner;

static const char general_usage[] =
  N_("Usage: grapevine-cli COMMAND [OPTION…]\n"
  "\n"
  "Run Grapevine's gossip simulations without a window.\n"
  "\n"
  "Commands:\n"
  "  simulate       run a simulation, or several, and print the results\n"
  "  chart          draw a chart of saved runs to PNG, SVG or PDF\n"
  "  csv            print a saved run's per-round metrics as CSV\n"
  "  validate       check saved runs and re-simulate them\n"
  "  help [COMMAND] show help for a command\n"
  "\n"
  "Options:\n"
  "  -h, --help     show this help\n"
  "  --version      show the version\n"
  "\n"
  "Run “grapevine-cli help COMMAND” for a command's options.\n");

static const char simulate_usage[] =
  N_("Usage: grapevine-cli simulate [OPTION…]\n"
  "\n"
  "Simulate gossip in synchronous rounds and print a summary of each run.\n"
  "\n"
  "Network:\n"
  "  --nodes N                  number of nodes, 2 to 10000000 [100]\n"
  "  --topology SPEC            complete, ring:K, regular:K, er:P, ws:K:P, ba:M or grid\n"
  "                             [complete]\n"
  "\n"
  "Protocol:\n"
  "  --mode MODE                rumor or anti-entropy [rumor]\n"
  "  --protocol EXCHANGE        push, pull or push-pull [push-pull]\n"
  "  --fanout B                 peers each node contacts in a round [1]\n"
  "  --stop RULE                none, feedback-counter:K, blind-counter:K,\n"
  "                             feedback-coin:K, blind-coin:K or ttl:H [none]\n"
  "  --rumor NODE@ROUND         a rumour that NODE learns at the end of ROUND;\n"
  "                             repeatable [0@0]\n"
  "  --update NODE@ROUND[:KEY]  anti-entropy: a new version of KEY written at NODE;\n"
  "                             repeatable [0@0:0]\n"
  "  --keys K                   anti-entropy: keys in the replicated store [1]\n"
  "\n"
  "Faults:\n"
  "  --loss P                   chance that a message is lost, 0 to 1 [0]\n"
  "  --crash P                  chance that an alive node crashes in a round [0]\n"
  "  --recover P                chance that a crashed node recovers in a round [0]\n"
  "  --lose-state               a node that recovers has forgotten everything\n"
  "\n"
  "Runs:\n"
  "  --max-rounds R             give up after R rounds [1000]\n"
  "  --seed S                   seed of the first run [1]\n"
  "  --repeat R                 number of runs, with seeds S, S+1, … [1]\n"
  "  --threads T                worker threads; results do not depend on them\n"
  "                             [number of cores]\n"
  "  --json                     print JSON instead of a table\n"
  "  --output RUN.json          also save the run, to replay, chart or validate later;\n"
  "                             with --repeat R, to RUN-1.json … RUN-R.json\n"
  "  --detail-cap N             record every message and state change in networks of\n"
  "                             up to N nodes [4096 with --output, else 0]\n"
  "  -h, --help                 show this help\n"
  "\n"
  "Exit status: 0 on success, 1 when a run fails, 2 when the options are wrong.\n");

static const char chart_usage[] =
  N_("Usage: grapevine-cli chart RUN.json… --output FILE [OPTION…]\n"
  "\n"
  "Draw a chart of one saved run, or compare several in one chart; each curve is\n"
  "labelled by what differs in its parameters (for example “fanout 2”).\n"
  "\n"
  "Options:\n"
  "  --output FILE      the image: FILE.png, FILE.svg or FILE.pdf\n"
  "  --kind KIND        coverage, messages or alive [coverage]\n"
  "  --width W          width in pixels (PNG) or points, 50 to 10000 [800]\n"
  "  --height H         height in pixels (PNG) or points, 50 to 10000 [500]\n"
  "  --scale S          PNG only: pixels per unit, 0.25 to 8, e.g. 2 for HiDPI [1]\n"
  "  --dark             the dark palette\n"
  "  -h, --help         show this help\n"
  "\n"
  "Exit status: 0 on success, 1 when the image cannot be written, 2 when the options\n"
  "or a run file are wrong.\n");

static const char csv_usage[] =
  N_("Usage: grapevine-cli csv RUN.json\n"
  "\n"
  "Print a saved run's per-round metrics as CSV, one line a round after a header.\n"
  "\n"
  "Exit status: 0 on success, 1 when the output cannot be written, 2 when the run file\n"
  "is wrong.\n");

static const char validate_usage[] =
  N_("Usage: grapevine-cli validate RUN.json…\n"
  "\n"
  "Check each saved run, then re-simulate it from its parameters, seed and\n"
  "interventions, and compare every round, event and the summary.  Prints OK, or the\n"
  "first difference.\n"
  "\n"
  "Exit status: 0 when every run reproduces, 1 when one does not, 2 when a file is not a\n"
  "valid run file.\n");

/* g_print() and g_printerr() convert to the locale's charset, which would mangle "Erdős"
 * and the JSON under a non-UTF-8 locale.  Write bytes (UTF-8) instead. */
static void
write_out (const char *text)
{
  fputs (text, stdout);
}

static void
write_err (const char *text)
{
  fputs (text, stderr);
  fflush (stderr);
}

static void G_GNUC_PRINTF (1, 2)
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message: scripts grep for it and people read it once. */
  g_strdelimit (message, "\r\n", ' ');
  line = g_strdup_printf ("%s: %s\n", PROGRAM_NAME, message);
  write_err (line);
}

static gboolean
is_negative_integer (const char *text)
{
  if (text[0] != '-' || text[1] == '\0')
    return FALSE;

  for (const char *p = text + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

static gboolean
looks_like_decimal (const char *text)
{
  /* g_ascii_strtod() also takes "nan", "inf", hex floats and leading spaces, none of
   * which a person means as a probability. */
  if (text[0] == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr (".eE+-", *p) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
split_injection (const char  *text,
                 gboolean     allow_key,
                 char       **node,
                 char       **round,
                 char       **key)
{
  const char *at = strchr (text, '@');
  const char *colon;

  if (at == NULL)
    return FALSE;

  colon = strchr (at + 1, ':');
  if (colon != NULL && !allow_key)
    return FALSE;

  *node = g_strndup (text, at - text);
  if (colon != NULL)
    {
      *round = g_strndup (at + 1, colon - (at + 1));
      *key = g_strdup (colon + 1);
    }
  else
    {
      *round = g_strdup (at + 1);
      *key = NULL;
    }

  return TRUE;
}

static void
set_option_error (GError     **error,
                  const char  *option,
                  GError      *cause)
{
  g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "%s: %s", option, cause->message);
}

static const OptionSpec *
lookup_option (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (simulate_options); i++)
    if (g_str_equal (simulate_options[i].name, name))
      return &simulate_options[i];

  return NULL;
}

static gboolean
parse_count_option (const char  *option,
                    const char  *value,
                    guint64      min,
                    guint64      max,
                    guint32     *out,
                    GError     **error)
{
  guint64 parsed;

  g_assert (max <= G_MAXUINT32);

  if (!gv_cli_parse_count (option, value, min, max, &parsed, error))
    return FALSE;

  *out = (guint32) parsed;
  return TRUE;
}

/* Injections are collected apart from the parameters until the mode is known, so that
 * an error can still say whether it came from --rumor or from --update. */
static gboolean
check_injections (const GvParams  *params,
                  const char      *option,
                  GArray          *injections,
                  GError         **error)
{
  for (guint i = 0; i < injections->len; i++)
    {
      const GvInjection *injection = &g_array_index (injections, GvInjection, i);

      if (injection->node >= params->n_nodes)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s: node %u does not exist; with --nodes %u they are 0 to %u"),
                       option, injection->node, params->n_nodes, params->n_nodes - 1);
          return FALSE;
        }

      if (injection->round >= params->max_rounds)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s: round %u is not before --max-rounds %u"),
                       option, injection->round, params->max_rounds);
          return FALSE;
        }

      if (injection->key >= params->n_keys)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s: key %u does not exist; with --keys %u they are 0 to %u"),
                       option, injection->key, params->n_keys, params->n_keys - 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* gv_params_validate() reports the first problem it finds without knowing which option
 * set what.  Put each suspect back to its default in turn: the one whose reset changes the
 * verdict is the option to name. */
static const char *
blame_option (const GvParams *params,
              const GError   *verdict)
{
  static const char *suspects[] = { "--fanout", "--stop", "--topology" };

  for (guint i = 0; i < G_N_ELEMENTS (suspects); i++)
    {
      g_autoptr(GvParams) probe = gv_params_copy (params);
      g_autoptr(GError) error = NULL;

      if (i == 0)
        probe->fanout = 1;
      else if (i == 1)
        probe->stop = GV_STOP_NONE;
      else
        probe->topology = GV_TOPOLOGY_COMPLETE;

      if (gv_params_validate (probe, &error) || !g_str_equal (error->message, verdict->message))
        return suspects[i];
    }

  return NULL;
}

static double
summary_value (const GvSummary *summary,
               Column           column)
{
  switch (column)
    {
    case COLUMN_ROUNDS:
      return summary->rounds;
    case COLUMN_CONVERGED:
      return summary->converged ? 1.0 : 0.0;
    case COLUMN_RESIDUE:
      return summary->residue;
    case COLUMN_TRAFFIC:
      return summary->traffic;
    case COLUMN_T_AVG:
      return summary->t_avg;
    case COLUMN_T_LAST:
      return summary->t_last;
    case COLUMN_MESSAGES:
      return (double) summary->messages;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
compute_column_stat (const GvSummary *summaries,
                     guint            n_runs,
                     Column           column,
                     GvCliStat       *stat)
{
  g_autofree double *values = g_new (double, n_runs);

  for (guint i = 0; i < n_runs; i++)
    values[i] = summary_value (&summaries[i], column);

  gv_cli_stat_compute (values, n_runs, stat);
}

static char *
format_decimal (double value,
                int    decimals)
{
  /* A run where nobody was informed has no delay to average. */
  if (!isfinite (value))
    return g_strdup ("-");

  return g_strdup_printf ("%.*f", decimals, value);
}

static char *
format_run_cell (const GvSummary *summary,
                 Column           column)
{
  switch (column)
    {
    case COLUMN_ROUNDS:
      return g_strdup_printf ("%u", summary->rounds);
    case COLUMN_CONVERGED:
      return g_strdup (summary->converged ? "yes" : "no");
    case COLUMN_RESIDUE:
      return g_strdup_printf ("%.2f%%", 100.0 * summary->residue);
    case COLUMN_TRAFFIC:
      return format_decimal (summary->traffic, 2);
    case COLUMN_T_AVG:
      return format_decimal (summary->t_avg, 2);
    case COLUMN_T_LAST:
      return format_decimal (summary->t_last, 0);
    case COLUMN_MESSAGES:
      return g_strdup_printf ("%" PRIu64, summary->messages);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static char *
format_stat_cell (double value,
                  Column column)
{
  switch (column)
    {
    case COLUMN_CONVERGED:
    case COLUMN_RESIDUE:
      return isfinite (value) ? g_strdup_printf ("%.2f%%", 100.0 * value) : g_strdup ("-");
    case COLUMN_MESSAGES:
      return format_decimal (value, 1);
    case COLUMN_ROUNDS:
    case COLUMN_TRAFFIC:
    case COLUMN_T_AVG:
    case COLUMN_T_LAST:
      return format_decimal (value, 2);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_topology (const GvParams *params)
{
  switch (params->topology)
    {
    case GV_TOPOLOGY_COMPLETE:
      return g_strdup ("complete graph");
    case GV_TOPOLOGY_RING:
      return g_strdup_printf ("ring lattice (k=%u)", params->topology_k);
    case GV_TOPOLOGY_REGULAR:
      return g_strdup_printf ("random %u-regular graph", params->topology_k);
    case GV_TOPOLOGY_ER:
      return g_strdup_printf ("Erdős–Rényi graph (p=%g)", params->topology_p);
    case GV_TOPOLOGY_WS:
      return g_strdup_printf ("Watts–Strogatz graph (k=%u, p=%g)",
                              params->topology_k, params->topology_p);
    case GV_TOPOLOGY_BA:
      return g_strdup_printf ("Barabási–Albert graph (m=%u)", params->topology_k);
    case GV_TOPOLOGY_GRID:
      return g_strdup ("grid");
    default:
      return gv_params_topology_to_string (params);
    }
}

static void
clear_progress (Runner *runner)
{
  if (runner->show_progress)
    write_err ("\r\033[K");
}

static void
show_progress (Runner     *runner,
               const char *text)
{
  g_autofree char *line = NULL;

  if (!runner->show_progress)
    return;

  line = g_strdup_printf ("\r\033[Krun %u/%u · %s", runner->run, runner->n_runs, text);
  write_err (line);
}

static void
round_finished_cb (GvSimulator   *simulator,
                   GvRoundRecord *record,
                   gpointer       user_data)
{
  Runner *runner = user_data;
  g_autofree char *text = NULL;
  gint64 now;
  double fraction;

  if (!runner->show_progress)
    return;

  now = g_get_monotonic_time ();
  if (now - runner->last_progress_usec < PROGRESS_INTERVAL_USEC)
    return;
  runner->last_progress_usec = now;

  fraction = record->alive > 0 ? (double) record->informed / record->alive : 0.0;
  text = g_strdup_printf (runner->anti_entropy ? _("round %u · %.1f%% up to date")
                                               : _("round %u · %.1f%% informed"),
                          record->round, 100.0 * fraction);
  show_progress (runner, text);
}

static void
notify_finished_cb (GvSimulator *simulator,
                    GParamSpec  *pspec,
                    gpointer     user_data)
{
  Runner *runner = user_data;

  if (gv_simulator_get_finished (simulator))
    g_main_loop_quit (runner->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Runner *runner = user_data;

  runner->interrupted = TRUE;
  g_main_loop_quit (runner->loop);

  return G_SOURCE_CONTINUE;
}

static gboolean
run_once (Runner          *runner,
          const GvParams  *params,
          guint            n_threads,
          GvSummary       *summary,
          GvRun          **run,
          GError         **error)
{
  g_autoptr(GvSimulator) simulator = NULL;

  if (params->topology != GV_TOPOLOGY_COMPLETE)
    show_progress (runner, _("building the network"));

  simulator = gv_simulator_new (params, n_threads, error);
  if (simulator == NULL)
    return FALSE;

  g_signal_connect (simulator, "round-finished", G_CALLBACK (round_finished_cb), runner);
  g_signal_connect (simulator, "notify::finished", G_CALLBACK (notify_finished_cb), runner);

  runner->last_progress_usec = 0;
  gv_simulator_set_speed (simulator, GV_SPEED_MAX);
  gv_simulator_play (simulator);

  if (!gv_simulator_get_finished (simulator) && !runner->interrupted)
    g_main_loop_run (runner->loop);

  g_signal_handlers_disconnect_by_data (simulator, runner);

  if (runner->interrupted)
    {
      gv_simulator_pause (simulator);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("interrupted"));
      return FALSE;
    }

  gv_simulator_get_summary (simulator, summary);

  if (run != NULL)
    {
      *run = gv_run_new_from_simulator (simulator, error);
      if (*run == NULL)
        return FALSE;
    }

  return TRUE;
}

static int
run_simulate (int    argc,
              char **argv)
{
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GArray) summaries = NULL;
  g_autofree char *output = NULL;
  Runner runner = { 0 };
  guint sigint_id;
  guint sigterm_id;

  if (!gv_cli_parse_simulate (options, argc, argv, &error))
    {
      print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (options->help)
    {
      write_out (_(simulate_usage));
      return GV_CLI_EXIT_OK;
    }

  loop = g_main_loop_new (NULL, FALSE);
  summaries = g_array_sized_new (FALSE, TRUE, sizeof (GvSummary), options->repeat);

  runner.loop = loop;
  runner.n_runs = options->repeat;
  runner.show_progress = isatty (STDERR_FILENO);
  runner.anti_entropy = options->params->mode == GV_MODE_ANTI_ENTROPY;

  /* Leave the terminal tidy and say why nothing was printed. */
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &runner);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupt_cb, &runner);

  for (guint i = 0; i < options->repeat; i++)
    {
      g_autoptr(GvParams) params = gv_params_copy (options->params);
      g_autoptr(GvRun) run = NULL;
      GvSummary summary = { 0 };

      params->seed = options->params->seed + i;
      runner.run = i + 1;

      if (!run_once (&runner, params, options->n_threads, &summary,
                     options->output != NULL ? &run : NULL, &error))
        break;

      /* Each run is saved as soon as it ends, so that a long sweep keeps what it made. */
      if (run != NULL)
        {
          g_autofree char *path = gv_cli_numbered_path (options->output, i + 1,
                                                        options->repeat);
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
          g_autoptr(GError) save_error = NULL;

          if (!gv_run_save (run, file, NULL, &save_error))
            {
              clear_progress (&runner);
              print_error ("%s: %s", path, save_error->message);
              g_source_remove (sigint_id);
              g_source_remove (sigterm_id);
              return GV_CLI_EXIT_FAILURE;
            }
        }

      g_array_append_val (summaries, summary);
    }

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  clear_progress (&runner);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          print_error (_("interrupted"));
          return 128 + SIGINT;
        }

      if (options->repeat > 1)
        print_error (_("run %u/%u (seed %" PRIu64 "): %s"), runner.run,
                     options->repeat, options->params->seed + runner.run - 1, error->message);
      else
        print_error ("%s", error->message);
      return GV_CLI_EXIT_FAILURE;
    }

  if (options->json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *data = NULL;

      root = gv_cli_results_to_json (options->params, (const GvSummary *) summaries->data,
                                     summaries->len);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      data = json_generator_to_data (generator, NULL);
      output = g_strconcat (data, "\n", NULL);
    }
  else
    {
      output = gv_cli_results_to_table (options->params, (const GvSummary *) summaries->data,
                                        summaries->len);
    }

  write_out (output);

  if (fflush (stdout) != 0)
    {
      print_error (_("cannot write the results: %s"), g_strerror (errno));
      return GV_CLI_EXIT_FAILURE;
    }

  return GV_CLI_EXIT_OK;
}

static gboolean
parse_image_format (const char     *path,
                    GvImageFormat  *format,
                    GError        **error)
{
  /* A bare ".png" names no file. */
  if (strlen (path) > strlen (".png") && gv_image_format_for_name (path, format))
    return TRUE;

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("--output: “%s” should end in .png, .svg or .pdf"), path);
  return FALSE;
}

/* The run files named on a command line, loaded; one line on stderr for the first that
 * is not a valid run file. */
static GPtrArray *
load_runs (char **paths)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GError) error = NULL;
      GvRun *run = gv_run_load (file, NULL, &error);

      if (run == NULL)
        {
          print_error ("%s: %s", paths[i], error->message);
          return NULL;
        }
      g_ptr_array_add (runs, run);
    }

  return g_steal_pointer (&runs);
}

static int
run_chart (int    argc,
           char **argv)
{
  g_autoptr(GvCliChartOptions) options = gv_cli_chart_options_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GvChart) chart = NULL;
  g_autoptr(GError) error = NULL;

  if (!gv_cli_parse_chart (options, argc, argv, &error))
    {
      print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (options->help)
    {
      write_out (_(chart_usage));
      return GV_CLI_EXIT_OK;
    }

  runs = load_runs (options->inputs);
  if (runs == NULL)
    return GV_CLI_EXIT_USAGE;

  chart = gv_chart_new ();
  gv_cli_chart_runs (chart, (GvRun *const *) runs->pdata, runs->len, options->kind);

  if (!gv_cli_export_chart (chart, options, &error))
    {
      print_error ("%s: %s", options->output, error->message);
      return GV_CLI_EXIT_FAILURE;
    }

  return GV_CLI_EXIT_OK;
}

/* Help, or exactly @min to @max (0: any number) run files and no options. */
static gboolean
parse_files (const char   *command,
             int           argc,
             char        **argv,
             guint         min,
             guint         max,
             gboolean     *help,
             GError      **error)
{
  guint n = 0;

  *help = FALSE;
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        *help = TRUE;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("%s: unknown option; see “grapevine-cli help %s”"), argv[i], command);
          return FALSE;
        }
      else
        n++;
    }

  if (*help)
    return TRUE;

  if (n < min)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a run file (RUN.json)"), command);
      return FALSE;
    }
  if (max > 0 && n > max)
    {
      if (max == 1)
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes one run file, not %u"),
                     command, n);
      else
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes at most %u run files, not %u"),
                     command, max, n);
      return FALSE;
    }

  return TRUE;
}

static int
run_csv (int    argc,
         char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *csv = NULL;
  gboolean help;

  if (!parse_files ("csv", argc, argv, 1, 1, &help, &error))
    {
      print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (help)
    {
      write_out (_(csv_usage));
      return GV_CLI_EXIT_OK;
    }

  runs = load_runs (argv);
  if (runs == NULL)
    return GV_CLI_EXIT_USAGE;

  csv = gv_run_to_csv (g_ptr_array_index (runs, 0));
  write_out (csv);

  if (fflush (stdout) != 0)
    {
      print_error (_("cannot write the CSV: %s"), g_strerror (errno));
      return GV_CLI_EXIT_FAILURE;
    }

  return GV_CLI_EXIT_OK;
}

static int
run_validate (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  int status = GV_CLI_EXIT_OK;
  gboolean help;

  if (!parse_files ("validate", argc, argv, 1, 0, &help, &error))
    {
      print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (help)
    {
      write_out (_(validate_usage));
      return GV_CLI_EXIT_OK;
    }

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GvRun) run = NULL;
      g_autofree char *line = NULL;

      g_clear_error (&error);
      run = gv_run_load (file, NULL, &error);
      if (run == NULL)
        {
          print_error ("%s: %s", argv[i], error->message);
          status = GV_CLI_EXIT_USAGE;
          continue;
        }

      if (!gv_run_verify (run, NULL, &error))
        {
          if (g_error_matches (error, GV_ERROR, GV_ERROR_MISMATCH))
            print_error (_("%s: does not reproduce: %s"), argv[i], error->message);
          else
            print_error (_("%s: cannot re-simulate it: %s"), argv[i], error->message);
          status = MAX (status, GV_CLI_EXIT_FAILURE);
          continue;
        }

      line = g_strdup_printf (_("%s: OK, rounds 0 to %u re-simulated identically\n"), argv[i],
                              gv_run_get_last_round (run));
      write_out (line);
    }

  if (fflush (stdout) != 0)
    {
      print_error (_("cannot write the results: %s"), g_strerror (errno));
      return MAX (status, GV_CLI_EXIT_FAILURE);
    }

  return status;
}

GvCliOptions *
gv_cli_options_new (void)
{
  GvCliOptions *options = g_new0 (GvCliOptions, 1);

  options->params = gv_params_new ();
  /* Nobody watches the messages fly here: per-message detail would only cost memory. */
  options->params->detail_cap = 0;
  options->n_threads = MAX (1, g_get_num_processors ());
  options->repeat = 1;

  return options;
}

void
gv_cli_options_free (GvCliOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->params, gv_params_unref);
  g_clear_pointer (&options->output, g_free);
  g_free (options);
}

gboolean
gv_cli_parse_count (const char  *option,
                    const char  *text,
                    guint64      min,
                    guint64      max,
                    guint64     *value,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 parsed;

  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (min <= max, FALSE);

  if (g_ascii_string_to_unsigned (text, 10, min, max, &parsed, &local_error))
    {
      *value = parsed;
      return TRUE;
    }

  if (g_error_matches (local_error, G_NUMBER_PARSER_ERROR,
                       G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS)
      || is_negative_integer (text))
    {
      if (max == G_MAXUINT64)
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                     _("%s: %s is out of range; it must be at least %" PRIu64),
                     option, text, min);
      else
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                     _("%s: %s is out of range; it must be from %" PRIu64
                     " to %" PRIu64),
                     option, text, min, max);
      return FALSE;
    }

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("%s: “%s” is not a whole number"), option, text);
  return FALSE;
}

gboolean
gv_cli_parse_fraction (const char  *option,
                       const char  *text,
                       double      *value,
                       GError     **error)
{
  char *end = NULL;
  double parsed;

  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (looks_like_decimal (text))
    {
      parsed = g_ascii_strtod (text, &end);
      if (end != text && *end == '\0')
        {
          if (isfinite (parsed) && parsed >= 0.0 && parsed <= 1.0)
            {
              /* "-0" is zero, and a negative zero would print as "-0%". */
              *value = parsed == 0.0 ? 0.0 : parsed;
              return TRUE;
            }

          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("%s: %s is out of range; it must be from 0 to 1"), option, text);
          return FALSE;
        }
    }

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("%s: “%s” is not a number from 0 to 1"), option, text);
  return FALSE;
}

gboolean
gv_cli_parse_injection (const char   *option,
                        const char   *text,
                        gboolean      allow_key,
                        GvInjection  *injection,
                        GError      **error)
{
  g_autofree char *node_text = NULL;
  g_autofree char *round_text = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *what = NULL;
  guint64 node;
  guint64 round;
  guint64 key = 0;

  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (injection != NULL, FALSE);

  if (!split_injection (text, allow_key, &node_text, &round_text, &key_text))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("%s: “%s” is not %s (for example %s)"), option, text,
                   allow_key ? "NODE@ROUND[:KEY]" : "NODE@ROUND",
                   allow_key ? "0@0:0" : "0@0");
      return FALSE;
    }

  /* Name the part that is wrong, so "--rumor 5@x" does not read as a bad node. */
  what = g_strdup_printf ("%s %s: node", option, text);
  if (!gv_cli_parse_count (what, node_text, 0, GV_MAX_NODES - 1, &node, error))
    return FALSE;

  g_free (what);
  what = g_strdup_printf ("%s %s: round", option, text);
  if (!gv_cli_parse_count (what, round_text, 0, GV_MAX_ROUNDS - 1, &round, error))
    return FALSE;

  if (key_text != NULL)
    {
      g_free (what);
      what = g_strdup_printf ("%s %s: key", option, text);
      if (!gv_cli_parse_count (what, key_text, 0, GV_MAX_KEYS - 1, &key, error))
        return FALSE;
    }

  injection->node = (guint32) node;
  injection->round = (guint32) round;
  injection->key = (guint32) key;

  return TRUE;
}

gboolean
gv_cli_parse_simulate (GvCliOptions  *options,
                       int            argc,
                       char         **argv,
                       GError       **error)
{
  g_autoptr(GArray) rumors = g_array_new (FALSE, TRUE, sizeof (GvInjection));
  g_autoptr(GArray) updates = g_array_new (FALSE, TRUE, sizeof (GvInjection));
  g_autoptr(GError) local_error = NULL;
  GvParams *params;
  guint64 number;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (argc >= 0, FALSE);
  g_return_val_if_fail (argc == 0 || argv != NULL, FALSE);

  params = options->params;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      const char *equals;
      const OptionSpec *spec;

      if (arg[0] != '-')
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("unexpected argument “%s”; options start with --"), arg);
          return FALSE;
        }

      equals = g_str_has_prefix (arg, "--") ? strchr (arg, '=') : NULL;
      name = equals != NULL ? g_strndup (arg, equals - arg) : g_strdup (arg);

      spec = lookup_option (name);
      if (spec == NULL)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("%s: unknown option; see “grapevine-cli simulate --help”"), name);
          return FALSE;
        }

      if (spec->has_value)
        {
          if (equals != NULL)
            value = equals + 1;
          else if (i + 1 < argc && !g_str_has_prefix (argv[i + 1], "--"))
            value = argv[++i];
          else
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a value"), name);
              return FALSE;
            }
        }
      else if (equals != NULL)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes no value"), name);
          return FALSE;
        }

      switch (spec->id)
        {
        case OPTION_NODES:
          if (!parse_count_option (name, value, GV_MIN_NODES, GV_MAX_NODES,
                                   &params->n_nodes, error))
            return FALSE;
          break;

        case OPTION_TOPOLOGY:
          if (!gv_params_parse_topology (params, value, &local_error))
            {
              set_option_error (error, name, local_error);
              return FALSE;
            }
          break;

        case OPTION_PROTOCOL:
          if (!gv_params_parse_exchange (params, value, &local_error))
            {
              set_option_error (error, name, local_error);
              return FALSE;
            }
          break;

        case OPTION_MODE:
          if (!gv_params_parse_mode (params, value, &local_error))
            {
              set_option_error (error, name, local_error);
              return FALSE;
            }
          break;

        case OPTION_FANOUT:
          if (!parse_count_option (name, value, 1, GV_MAX_NODES - 1, &params->fanout, error))
            return FALSE;
          break;

        case OPTION_STOP:
          if (!gv_params_parse_stop (params, value, &local_error))
            {
              set_option_error (error, name, local_error);
              return FALSE;
            }
          break;

        case OPTION_LOSS:
          if (!gv_cli_parse_fraction (name, value, &params->loss, error))
            return FALSE;
          break;

        case OPTION_CRASH:
          if (!gv_cli_parse_fraction (name, value, &params->crash, error))
            return FALSE;
          break;

        case OPTION_RECOVER:
          if (!gv_cli_parse_fraction (name, value, &params->recover, error))
            return FALSE;
          break;

        case OPTION_LOSE_STATE:
          params->recover_loses_state = TRUE;
          break;

        case OPTION_MAX_ROUNDS:
          if (!parse_count_option (name, value, 1, GV_MAX_ROUNDS, &params->max_rounds, error))
            return FALSE;
          break;

        case OPTION_SEED:
          if (!gv_cli_parse_count (name, value, 0, G_MAXUINT64, &params->seed, error))
            return FALSE;
          break;

        case OPTION_REPEAT:
          if (!gv_cli_parse_count (name, value, 1, GV_CLI_MAX_REPEAT, &number, error))
            return FALSE;
          options->repeat = (guint) number;
          break;

        case OPTION_THREADS:
          if (!gv_cli_parse_count (name, value, 1, GV_CLI_MAX_THREADS, &number, error))
            return FALSE;
          options->n_threads = (guint) number;
          break;

        case OPTION_RUMOR:
        case OPTION_UPDATE:
          {
            GArray *injections = spec->id == OPTION_RUMOR ? rumors : updates;
            GvInjection injection;

            if (!gv_cli_parse_injection (name, value, spec->id == OPTION_UPDATE,
                                         &injection, error))
              return FALSE;

            if (injections->len >= GV_MAX_RUMORS)
              {
                g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                             _("%s: at most %u may be given"), name, GV_MAX_RUMORS);
                return FALSE;
              }

            g_array_append_val (injections, injection);
          }
          break;

        case OPTION_KEYS:
          if (!parse_count_option (name, value, 1, GV_MAX_KEYS, &params->n_keys, error))
            return FALSE;
          break;

        case OPTION_JSON:
          options->json = TRUE;
          break;

        case OPTION_OUTPUT:
          if (value[0] == '\0')
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a file name"), name);
              return FALSE;
            }
          g_free (options->output);
          options->output = g_strdup (value);
          break;

        case OPTION_DETAIL_CAP:
          if (!parse_count_option (name, value, 0, GV_MAX_NODES, &params->detail_cap, error))
            return FALSE;
          options->detail_cap_given = TRUE;
          break;

        case OPTION_HELP:
          options->help = TRUE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* Asking for help is never an error, whatever else is on the line. */
  if (options->help)
    return TRUE;

  /* A saved run is for replaying: keep the messages of networks small enough to watch. */
  if (options->output != NULL && !options->detail_cap_given)
    params->detail_cap = GV_DEFAULT_DETAIL_CAP;

  if (params->mode == GV_MODE_RUMOR && updates->len > 0)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("--update: updates need --mode anti-entropy; use --rumor for rumours"));
      return FALSE;
    }

  if (params->mode == GV_MODE_ANTI_ENTROPY && rumors->len > 0)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("--rumor: rumours need --mode rumor; use --update in anti-entropy mode"));
      return FALSE;
    }

  if (!check_injections (params, "--rumor", rumors, error)
      || !check_injections (params, "--update", updates, error))
    return FALSE;

  for (guint i = 0; i < rumors->len; i++)
    {
      const GvInjection *injection = &g_array_index (rumors, GvInjection, i);
      gv_params_add_injection (params, injection->node, injection->round, 0);
    }

  for (guint i = 0; i < updates->len; i++)
    {
      const GvInjection *injection = &g_array_index (updates, GvInjection, i);
      gv_params_add_injection (params, injection->node, injection->round, injection->key);
    }

  if (options->repeat - 1 > G_MAXUINT64 - params->seed)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("--repeat: %u runs from --seed %" PRIu64
                   " would run past the largest seed"),
                   options->repeat, params->seed);
      return FALSE;
    }

  if (!gv_params_validate (params, &local_error))
    {
      const char *culprit = blame_option (params, local_error);

      if (culprit != NULL)
        set_option_error (error, culprit, local_error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

void
gv_cli_stat_compute (const double *values,
                     guint         n_values,
                     GvCliStat    *stat)
{
  double sum = 0.0;
  double squares = 0.0;

  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (stat != NULL);

  if (n_values == 0)
    {
      *stat = (GvCliStat) { NAN, NAN, NAN, NAN };
      return;
    }

  stat->min = values[0];
  stat->max = values[0];

  for (guint i = 0; i < n_values; i++)
    {
      sum += values[i];
      stat->min = MIN (stat->min, values[i]);
      stat->max = MAX (stat->max, values[i]);
    }

  stat->mean = sum / n_values;

  /* Two passes rather than a running sum of squares, which cancels badly when the
   * spread is small next to the mean (message counts in the millions). */
  for (guint i = 0; i < n_values; i++)
    squares += (values[i] - stat->mean) * (values[i] - stat->mean);

  stat->sd = n_values > 1 ? sqrt (squares / (n_values - 1)) : 0.0;
}

char *
gv_cli_describe_params (const GvParams *params)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *topology = NULL;
  g_autofree char *stop = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  topology = describe_topology (params);
  stop = gv_params_stop_to_string (params);

  g_string_append (text, gv_exchange_to_string (params->exchange));
  if (params->mode == GV_MODE_ANTI_ENTROPY)
    g_string_append_printf (text, " anti-entropy, %u %s", params->n_keys,
                            params->n_keys == 1 ? "key" : "keys");
  else
    g_string_append (text, " rumour");

  g_string_append_printf (text, ", %s, %u nodes, fanout %u, stop %s, loss %g%%",
                          topology, params->n_nodes, params->fanout, stop,
                          100.0 * params->loss);

  if (params->crash > 0.0)
    g_string_append_printf (text, ", crash %g%%", 100.0 * params->crash);
  if (params->recover > 0.0)
    g_string_append_printf (text, ", recover %g%%%s", 100.0 * params->recover,
                            params->recover_loses_state ? " (state lost)" : "");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

JsonNode *
gv_cli_results_to_json (const GvParams  *params,
                        const GvSummary *summaries,
                        guint            n_runs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (summaries != NULL || n_runs == 0, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "params");
  json_builder_add_value (builder, gv_params_to_json (params));

  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_runs; i++)
    json_builder_add_value (builder, gv_summary_to_json (&summaries[i], params->seed + i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stats");
  json_builder_begin_object (builder);
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      GvCliStat stat;

      compute_column_stat (summaries, n_runs, column, &stat);

      json_builder_set_member_name (builder, column_names[column]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "mean");
      json_builder_add_double_value (builder, stat.mean);
      json_builder_set_member_name (builder, "sd");
      json_builder_add_double_value (builder, stat.sd);
      json_builder_set_member_name (builder, "min");
      json_builder_add_double_value (builder, stat.min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_double_value (builder, stat.max);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
gv_cli_results_to_table (const GvParams  *params,
                         const GvSummary *summaries,
                         guint            n_runs)
{
  static const char *stat_names[] = { "mean", "sd", "min", "max" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *header = NULL;
  gsize widths[N_COLUMNS + 1] = { 0 };
  char **row;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (summaries != NULL || n_runs == 0, NULL);

  row = g_new0 (char *, N_COLUMNS + 2);
  row[0] = g_strdup ("seed");
  for (Column column = 0; column < N_COLUMNS; column++)
    row[column + 1] = g_strdup (column_names[column]);
  g_ptr_array_add (rows, row);

  for (guint i = 0; i < n_runs; i++)
    {
      row = g_new0 (char *, N_COLUMNS + 2);
      row[0] = g_strdup_printf ("%" PRIu64, params->seed + i);
      for (Column column = 0; column < N_COLUMNS; column++)
        row[column + 1] = format_run_cell (&summaries[i], column);
      g_ptr_array_add (rows, row);
    }

  if (n_runs > 1)
    {
      GvCliStat stats[N_COLUMNS];

      for (Column column = 0; column < N_COLUMNS; column++)
        compute_column_stat (summaries, n_runs, column, &stats[column]);

      for (guint s = 0; s < G_N_ELEMENTS (stat_names); s++)
        {
          row = g_new0 (char *, N_COLUMNS + 2);
          row[0] = g_strdup (stat_names[s]);
          for (Column column = 0; column < N_COLUMNS; column++)
            {
              const GvCliStat *stat = &stats[column];
              double value = s == 0 ? stat->mean : s == 1 ? stat->sd
                           : s == 2 ? stat->min : stat->max;

              row[column + 1] = format_stat_cell (value, column);
            }
          g_ptr_array_add (rows, row);
        }
    }

  /* Every cell is ASCII, so bytes are columns. */
  for (guint r = 0; r < rows->len; r++)
    {
      row = g_ptr_array_index (rows, r);
      for (guint c = 0; c <= N_COLUMNS; c++)
        widths[c] = MAX (widths[c], strlen (row[c]));
    }

  header = gv_cli_describe_params (params);
  g_string_append_printf (text, "%s\n\n", header);

  for (guint r = 0; r < rows->len; r++)
    {
      row = g_ptr_array_index (rows, r);

      /* A rule between the runs and their statistics. */
      if (r == n_runs + 1)
        {
          gsize total = widths[0];

          for (guint c = 1; c <= N_COLUMNS; c++)
            total += 2 + widths[c];
          for (gsize k = 0; k < total; k++)
            g_string_append_c (text, '-');
          g_string_append_c (text, '\n');
        }

      g_string_append_printf (text, "%-*s", (int) widths[0], row[0]);
      for (guint c = 1; c <= N_COLUMNS; c++)
        g_string_append_printf (text, "  %*s", (int) widths[c], row[c]);
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
gv_cli_numbered_path (const char *path,
                      guint       index,
                      guint       n_runs)
{
  const char *base;
  const char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  if (n_runs <= 1)
    return g_strdup (path);

  /* Before the extension of the last component, if it has one: runs-2.json. */
  base = strrchr (path, '/') != NULL ? strrchr (path, '/') + 1 : path;
  dot = strrchr (base, '.');
  if (dot != NULL && dot > base)
    return g_strdup_printf ("%.*s-%u%s", (int) (dot - path), path, index, dot);

  return g_strdup_printf ("%s-%u", path, index);
}

GvCliChartOptions *
gv_cli_chart_options_new (void)
{
  GvCliChartOptions *options = g_new0 (GvCliChartOptions, 1);

  options->kind = GV_CLI_CHART_COVERAGE;
  options->width = GV_CLI_CHART_WIDTH;
  options->height = GV_CLI_CHART_HEIGHT;
  options->scale = 1.0;

  return options;
}

void
gv_cli_chart_options_free (GvCliChartOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->inputs, g_strfreev);
  g_clear_pointer (&options->output, g_free);
  g_free (options);
}

gboolean
gv_cli_parse_chart (GvCliChartOptions  *options,
                    int                 argc,
                    char              **argv,
                    GError            **error)
{
  g_autoptr(GStrvBuilder) inputs = g_strv_builder_new ();
  gboolean scale_given = FALSE;
  guint n_inputs = 0;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (argc >= 0, FALSE);
  g_return_val_if_fail (argc == 0 || argv != NULL, FALSE);

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *equals;
      const char *value = NULL;
      gboolean has_value;
      guint64 number;

      if (arg[0] != '-' || arg[1] == '\0')
        {
          g_strv_builder_add (inputs, arg);
          n_inputs++;
          continue;
        }

      equals = g_str_has_prefix (arg, "--") ? strchr (arg, '=') : NULL;
      name = equals != NULL ? g_strndup (arg, equals - arg) : g_strdup (arg);

      if (g_str_equal (name, "--help") || g_str_equal (name, "-h"))
        {
          options->help = TRUE;
          continue;
        }

      if (g_str_equal (name, "--dark"))
        {
          if (equals != NULL)
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes no value"), name);
              return FALSE;
            }
          options->dark = TRUE;
          continue;
        }

      has_value = g_str_equal (name, "--output") || g_str_equal (name, "--kind") ||
                  g_str_equal (name, "--width") || g_str_equal (name, "--height") ||
                  g_str_equal (name, "--scale");
      if (!has_value)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("%s: unknown option; see “grapevine-cli chart --help”"), name);
          return FALSE;
        }

      if (equals != NULL)
        value = equals + 1;
      else if (i + 1 < argc && !g_str_has_prefix (argv[i + 1], "--"))
        value = argv[++i];
      else
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a value"), name);
          return FALSE;
        }

      if (g_str_equal (name, "--output"))
        {
          if (!parse_image_format (value, &options->format, error))
            return FALSE;
          g_free (options->output);
          options->output = g_strdup (value);
        }
      else if (g_str_equal (name, "--kind"))
        {
          if (g_str_equal (value, "coverage"))
            options->kind = GV_CLI_CHART_COVERAGE;
          else if (g_str_equal (value, "messages"))
            options->kind = GV_CLI_CHART_MESSAGES;
          else if (g_str_equal (value, "alive"))
            options->kind = GV_CLI_CHART_ALIVE;
          else
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                           _("--kind: “%s” is not coverage, messages or alive"), value);
              return FALSE;
            }
        }
      else if (g_str_equal (name, "--width") || g_str_equal (name, "--height"))
        {
          if (!gv_cli_parse_count (name, value, GV_CLI_CHART_MIN_SIZE, GV_CLI_CHART_MAX_SIZE,
                                   &number, error))
            return FALSE;
          if (g_str_equal (name, "--width"))
            options->width = (guint) number;
          else
            options->height = (guint) number;
        }
      else
        {
          char *end = NULL;
          double scale = looks_like_decimal (value) ? g_ascii_strtod (value, &end) : NAN;

          if (end == NULL || end == value || *end != '\0' || !isfinite (scale))
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("--scale: “%s” is not a number"),
                           value);
              return FALSE;
            }
          if (scale < GV_CLI_CHART_MIN_SCALE || scale > GV_CLI_CHART_MAX_SCALE)
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                           _("--scale: %s is out of range; it must be from %g to %g"), value,
                           GV_CLI_CHART_MIN_SCALE, GV_CLI_CHART_MAX_SCALE);
              return FALSE;
            }
          options->scale = scale;
          scale_given = TRUE;
        }
    }

  g_clear_pointer (&options->inputs, g_strfreev);
  options->inputs = g_strv_builder_end (inputs);

  if (options->help)
    return TRUE;

  if (n_inputs == 0)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("chart: needs at least one run file "
                   "(RUN.json)"));
      return FALSE;
    }

  if (options->output == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--output: missing; say where to draw the chart (FILE.png, .svg or .pdf)"));
      return FALSE;
    }

  if (scale_given && options->format != GV_IMAGE_PNG)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--scale: only a PNG has pixels to scale; SVG and PDF are drawn in points"));
      return FALSE;
    }

  if (options->format == GV_IMAGE_PNG &&
      (options->width * options->scale > GV_CLI_CHART_MAX_PIXELS ||
       options->height * options->scale > GV_CLI_CHART_MAX_PIXELS))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--scale: %u × %u at scale %g makes an image over %u pixels a side"),
                   options->width, options->height, options->scale, GV_CLI_CHART_MAX_PIXELS);
      return FALSE;
    }

  return TRUE;
}

void
gv_cli_chart_runs (GvChart         *chart,
                   GvRun    *const *runs,
                   guint            n_runs,
                   GvCliChartKind   kind)
{
  g_return_if_fail (GV_IS_CHART (chart));
  g_return_if_fail (runs != NULL && n_runs > 0);

  /* The same charts as the window's, from the one place that decides what they show. */
  G_STATIC_ASSERT ((int) GV_CLI_CHART_COVERAGE == (int) GV_RUN_CHART_COVERAGE);
  G_STATIC_ASSERT ((int) GV_CLI_CHART_MESSAGES == (int) GV_RUN_CHART_MESSAGES);
  G_STATIC_ASSERT ((int) GV_CLI_CHART_ALIVE == (int) GV_RUN_CHART_ALIVE);
  gv_run_chart_runs (chart, (GvRunChartKind) kind, runs, n_runs);
}

typedef struct
{
  GvChart   *chart;
  GvPalette  palette;
} ChartDraw;

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  ChartDraw *cd = user_data;

  gv_chart_draw (cd->chart, cr, width, height, &cd->palette);
}

gboolean
gv_cli_export_chart (GvChart                 *chart,
                     const GvCliChartOptions *options,
                     GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  ChartDraw cd = { chart };

  g_return_val_if_fail (GV_IS_CHART (chart), FALSE);
  g_return_val_if_fail (options != NULL && options->output != NULL, FALSE);

  if (options->dark)
    gv_palette_init_dark (&cd.palette);
  else
    gv_palette_init_light (&cd.palette);

  /* The window's exports go through the same function, so the files are alike. */
  bytes = gv_export_image (options->format, options->width, options->height, options->scale,
                           draw_chart_cb, &cd, error);
  if (bytes == NULL)
    return FALSE;

  file = g_file_new_for_commandline_arg (options->output);
  return gv_write_file_atomically (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL, error);
}

int
gv_cli_run (int    argc,
            char **argv)
{
  const char *command;

  g_return_val_if_fail (argc >= 1, GV_CLI_EXIT_USAGE);
  g_return_val_if_fail (argv != NULL, GV_CLI_EXIT_USAGE);

  if (argc < 2)
    {
      print_error (_("no command given; see “grapevine-cli help”"));
      return GV_CLI_EXIT_USAGE;
    }

  command = argv[1];

  if (g_str_equal (command, "--version"))
    {
      if (argc > 2)
        {
          print_error (_("--version: takes nothing after it"));
          return GV_CLI_EXIT_USAGE;
        }

      write_out (PROGRAM_NAME " " PACKAGE_VERSION "\n");
      return GV_CLI_EXIT_OK;
    }

  if (g_str_equal (command, "help") || g_str_equal (command, "--help")
      || g_str_equal (command, "-h"))
    {
      if (argc > 3)
        {
          print_error (_("%s: takes at most one command"), command);
          return GV_CLI_EXIT_USAGE;
        }

      if (argc == 2)
        write_out (_(general_usage));
      else if (g_str_equal (argv[2], "simulate"))
        write_out (_(simulate_usage));
      else if (g_str_equal (argv[2], "chart"))
        write_out (_(chart_usage));
      else if (g_str_equal (argv[2], "csv"))
        write_out (_(csv_usage));
      else if (g_str_equal (argv[2], "validate"))
        write_out (_(validate_usage));
      else
        {
          print_error (_("%s: “%s” is not a command; see “grapevine-cli help”"),
                       command, argv[2]);
          return GV_CLI_EXIT_USAGE;
        }

      return GV_CLI_EXIT_OK;
    }

  if (g_str_equal (command, "simulate"))
    return run_simulate (argc - 2, argv + 2);
  if (g_str_equal (command, "chart"))
    return run_chart (argc - 2, argv + 2);
  if (g_str_equal (command, "csv"))
    return run_csv (argc - 2, argv + 2);
  if (g_str_equal (command, "validate"))
    return run_validate (argc - 2, argv + 2);

  if (command[0] == '-')
    print_error (_("%s: unknown option; see “grapevine-cli help”"), command);
  else
    print_error (_("“%s” is not a command; see “grapevine-cli help”"), command);

  return GV_CLI_EXIT_USAGE;
}
