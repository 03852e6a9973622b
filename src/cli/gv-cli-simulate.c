/* gv-cli-simulate.c: grapevine-cli simulate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runs are driven through GvSimulator, the object the window drives, one round at a
 * time.  Between two rounds the --event interventions of that round are made, one at a
 * time and in order, exactly where gv_run_replay() makes them when the saved run is
 * validated: after round ROUND's record, before round ROUND + 1.
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "gv-cli-private.h"
#include "gv-simulator.h"

/* Redrawing the progress line more often than this only costs time on fast runs. */
#define PROGRESS_INTERVAL_USEC (G_USEC_PER_SEC / 20)

typedef struct
{
  GMainLoop          *loop;
  const GvCliOptions *options;
  GvSimulator        *simulator;
  guint               run;                /* counted from 1, for people */
  guint               n_runs;
  gboolean            show_progress;
  guint               primary;            /* the record's value the progress line shows */
  const char         *primary_label;
  gint64              last_progress_usec;
  gboolean            interrupted;
  gboolean            done;
  guint               next_event;
  guint               current_event;      /* the one being made, or G_MAXUINT */
  gboolean           *warned;             /* by event: said it came after the end */
} Runner;

static void
clear_progress (Runner *runner)
{
  if (runner->show_progress)
    gv_cli_write_err ("\r\033[K");
}

static void
show_progress (Runner     *runner,
               const char *text)
{
  g_autofree char *line = NULL;

  if (!runner->show_progress)
    return;

  line = g_strdup_printf ("\r\033[Krun %u/%u · %s", runner->run, runner->n_runs, text);
  gv_cli_write_err (line);
}

/* A line about this run, which says which one when there are several. */
static void G_GNUC_PRINTF (2, 3)
print_run_message (Runner     *runner,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  clear_progress (runner);
  if (runner->n_runs > 1)
    gv_cli_print_error (_("run %u/%u (seed %" PRIu64 "): %s"), runner->run, runner->n_runs,
                        runner->options->params->seed + runner->run - 1, message);
  else
    gv_cli_print_error ("%s", message);
}

static void
round_finished_cb (GvSimulator   *simulator,
                   GvRoundRecord *record,
                   gpointer       user_data)
{
  Runner *runner = user_data;
  g_autofree char *text = NULL;
  double alive;
  double value;
  gint64 now;

  if (!runner->show_progress)
    return;

  now = g_get_monotonic_time ();
  if (now - runner->last_progress_usec < PROGRESS_INTERVAL_USEC)
    return;
  runner->last_progress_usec = now;

  alive = gv_round_record_get (record, GV_METRIC_ALIVE);
  value = gv_round_record_get (record, runner->primary);
  if (runner->primary_label != NULL && alive > 0 && isfinite (value))
    /* TRANSLATORS: the progress line: "round 12 · Informed nodes 87.5%" */
    text = g_strdup_printf (_("round %u · %s %.1f%%"), record->round, runner->primary_label,
                            100.0 * value / alive);
  else
    text = g_strdup_printf (_("round %u"), record->round);
  show_progress (runner, text);
}

static void
intervention_failed_cb (GvSimulator *simulator,
                        const char  *message,
                        gpointer     user_data)
{
  Runner *runner = user_data;
  const GArray *events = runner->options->events;
  const char *text = runner->current_event < events->len
                     ? g_array_index (events, GvCliEvent, runner->current_event).text
                     : "--event";

  /* It stays in the run, which a replay fails the same way. */
  print_run_message (runner, "%s: %s", text, message);
}

/* Makes event @index; FALSE when it failed at once (and so is not part of the run). */
static gboolean
make_event (Runner *runner,
            guint   index)
{
  const GvCliEvent *event = &g_array_index (runner->options->events, GvCliEvent, index);
  g_autoptr(GError) error = NULL;
  gboolean made;

  runner->current_event = index;

  made = gv_simulator_intervene (runner->simulator, &event->iv, &error);
  if (!made)
    print_run_message (runner, "%s: %s", event->text, error->message);

  return made;
}

static void
finish (Runner *runner)
{
  runner->done = TRUE;
  g_main_loop_quit (runner->loop);
}

/* After every round and every intervention: the next intervention of this round, or the
 * next round, or the end. */
static void
updated_cb (GvSimulator *simulator,
            gpointer     user_data)
{
  Runner *runner = user_data;
  const GArray *events = runner->options->events;
  guint round;

  if (runner->done || gv_simulator_get_busy (simulator))
    return;

  round = gv_simulator_get_round (simulator);

  while (runner->next_event < events->len
         && g_array_index (events, GvCliEvent, runner->next_event).iv.round == round)
    {
      /* One at a time: each failure is then told against its own event. */
      if (make_event (runner, runner->next_event++))
        return;
    }

  runner->current_event = G_MAXUINT;

  if (gv_simulator_get_finished (simulator))
    {
      finish (runner);
      return;
    }

  gv_simulator_step (simulator);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Runner *runner = user_data;

  runner->interrupted = TRUE;
  g_main_loop_quit (runner->loop);

  return G_SOURCE_CONTINUE;
}

/* The events that came after the run's end never happened: say so, once each. */
static void
tell_late_events (Runner *runner)
{
  const GArray *events = runner->options->events;
  guint last = gv_simulator_get_round (runner->simulator);

  for (guint i = runner->next_event; i < events->len; i++)
    {
      if (runner->warned[i])
        continue;
      runner->warned[i] = TRUE;
      print_run_message (runner, _("%s: the run ended at round %u, before it"),
                         g_array_index (events, GvCliEvent, i).text, last);
    }
}

static gboolean
run_once (Runner          *runner,
          const GvParams  *params,
          GvSummary       *summary,
          GvRun          **run,
          GError         **error)
{
  g_autoptr(GvSimulator) simulator = NULL;

  if (params->topology != GV_TOPOLOGY_COMPLETE)
    show_progress (runner, _("building the network"));

  simulator = gv_simulator_new (params, runner->options->n_threads, error);
  if (simulator == NULL)
    return FALSE;

  g_signal_connect (simulator, "round-finished", G_CALLBACK (round_finished_cb), runner);
  g_signal_connect (simulator, "updated", G_CALLBACK (updated_cb), runner);
  g_signal_connect (simulator, "intervention-failed", G_CALLBACK (intervention_failed_cb),
                    runner);

  runner->simulator = simulator;
  runner->last_progress_usec = 0;
  runner->next_event = 0;
  runner->current_event = G_MAXUINT;
  runner->done = FALSE;

  /* Round 0's interventions, then the rounds. */
  updated_cb (simulator, runner);
  if (!runner->done && !runner->interrupted)
    g_main_loop_run (runner->loop);

  g_signal_handlers_disconnect_by_data (simulator, runner);

  if (runner->interrupted)
    {
      runner->simulator = NULL;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("interrupted"));
      return FALSE;
    }

  tell_late_events (runner);
  runner->simulator = NULL;

  gv_simulator_get_summary (simulator, summary);

  if (run != NULL)
    {
      *run = gv_run_new_from_simulator (simulator, error);
      if (*run == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
set_primary (Runner           *runner,
             const GvProtocol *protocol)
{
  guint index;
  const GvMetricSpec *primary = protocol->primary != NULL
                                ? gv_protocol_find_metric (protocol, protocol->primary, &index)
                                : NULL;

  runner->primary = primary != NULL ? GV_N_CORE_METRICS + index : GV_METRIC_ALIVE;
  runner->primary_label = primary != NULL ? _(primary->label) : NULL;
}

int
gv_cli_simulate_main (int    argc,
                      char **argv)
{
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GArray) summaries = NULL;
  g_autofree gboolean *warned = NULL;
  g_autofree char *output = NULL;
  Runner runner = { 0 };
  guint sigint_id;
  guint sigterm_id;

  if (!gv_cli_parse_simulate (options, argc, argv, &error))
    {
      gv_cli_print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (options->help)
    {
      g_autofree char *usage = gv_cli_simulate_usage (options->named_protocol);

      gv_cli_write_out (usage);
      return gv_cli_flush_out (_("cannot write the help")) ? GV_CLI_EXIT_OK
                                                            : GV_CLI_EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  summaries = g_array_sized_new (FALSE, TRUE, sizeof (GvSummary), options->repeat);
  warned = g_new0 (gboolean, options->events->len + 1);

  runner.loop = loop;
  runner.options = options;
  runner.n_runs = options->repeat;
  runner.show_progress = isatty (STDERR_FILENO);
  runner.warned = warned;
  set_primary (&runner, options->params->protocol);

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

      if (!run_once (&runner, params, &summary, options->output != NULL ? &run : NULL, &error))
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
              gv_cli_print_error ("%s: %s", path, save_error->message);
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
          gv_cli_print_error (_("interrupted"));
          return 128 + SIGINT;
        }

      print_run_message (&runner, "%s", error->message);
      return GV_CLI_EXIT_FAILURE;
    }

  if (options->json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *data = NULL;

      root = gv_cli_results_to_json (options->params, (const GvSummary *) summaries->data,
                                     summaries->len);
      /* json-glib 1.6 writes some doubles in a form no parser reads back. */
      data = gv_json_to_string (root, TRUE);
      output = g_strconcat (data, "\n", NULL);
    }
  else
    {
      output = gv_cli_results_to_table (options->params, (const GvSummary *) summaries->data,
                                        summaries->len);
    }

  gv_cli_write_out (output);

  if (!gv_cli_flush_out (_("cannot write the results")))
    return GV_CLI_EXIT_FAILURE;

  return GV_CLI_EXIT_OK;
}
