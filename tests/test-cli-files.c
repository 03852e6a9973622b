/* test-cli-files.c: grapevine-cli on run files: simulate --output, csv, validate, chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "gv-run-chart.h"
#include "gv-test-cli.h"

static void
test_numbered_path (void)
{
  static const struct { const char *path; guint index, n; const char *expected; } cases[] = {
    { "run.json", 1, 1, "run.json" },
    { "run.json", 2, 3, "run-2.json" },
    { "out/run.json", 10, 10, "out/run-10.json" },
    { "run", 1, 2, "run-1" },
    { "dir.d/run", 3, 4, "dir.d/run-3" },
    { ".hidden", 1, 2, ".hidden-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = gv_cli_numbered_path (cases[i].path, cases[i].index, cases[i].n);

      g_assert_cmpstr (path, ==, cases[i].expected);
    }
}

static void
test_simulate_output (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = simulate_to_file (dir, "run.json", "--nodes", "50", "--seed", "4",
                                            "--loss", "0.1", NULL);
  g_autoptr(GvRun) run = load_run_file (path);
  g_autoptr(CliResult) valid = run_cli ("validate", path, NULL);
  g_autofree char *ok = NULL;

  g_assert_cmpuint (gv_run_get_params (run)->n_nodes, ==, 50);
  g_assert_cmpuint (gv_run_get_params (run)->seed, ==, 4);
  /* Saved runs keep every message of networks small enough to watch. */
  g_assert_true (gv_run_has_detail (run));
  g_assert_cmpuint (gv_run_get_params (run)->detail_cap, ==, GV_DEFAULT_DETAIL_CAP);
  g_assert_cmpuint (gv_run_get_record (run, 1)->n_messages, ==,
                    (guint) gv_round_record_get (gv_run_get_record (run, 1), GV_METRIC_SENT));

  g_assert_cmpint (valid->status, ==, 0);
  g_assert_cmpstr (valid->err, ==, "");
  ok = g_strdup_printf ("%s: OK, rounds 0 to %u re-simulated identically\n", path,
                        gv_run_get_last_round (run));
  g_assert_cmpstr (valid->out, ==, ok);

  gv_test_remove_tmp_dir (dir);
}

static void
test_simulate_output_detail_cap (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = simulate_to_file (dir, "run.json", "--nodes", "50",
                                            "--detail-cap", "10", NULL);
  g_autoptr(GvRun) run = load_run_file (path);

  g_assert_false (gv_run_has_detail (run));
  g_assert_null (gv_run_get_record (run, 1)->messages);

  gv_test_remove_tmp_dir (dir);
}

static void
test_simulate_output_repeat (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = simulate_to_file (dir, "runs.json", "--nodes", "30", "--seed", "7",
                                            "--repeat", "3", NULL);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("runs-%u.json", i);
      g_autofree char *numbered = g_build_filename (dir, name, NULL);
      g_autoptr(GvRun) run = load_run_file (numbered);

      g_assert_cmpuint (gv_run_get_params (run)->seed, ==, 6 + i);
    }

  gv_test_remove_tmp_dir (dir);
}

static void
test_simulate_output_unwritable (void)
{
  g_autoptr(CliResult) result = run_cli ("simulate", "--nodes", "10", "--output",
                                         "/nonexistent/folder/run.json", NULL);

  assert_one_line_error (result, 1, "/nonexistent/folder/run.json: ");
}

static void
test_csv_command (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = simulate_to_file (dir, "run.json", "--nodes", "40", NULL);
  g_autoptr(GvRun) run = load_run_file (path);
  g_autoptr(CliResult) result = run_cli ("csv", path, NULL);
  g_autofree char *expected = gv_run_to_csv (run);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpstr (result->out, ==, expected);
  /* The parameters first, as comment lines. */
  g_assert_true (g_str_has_prefix (result->out, "# engine_version: "));
  g_assert_nonnull (strstr (result->out, "\n# protocol: rumor\n# nodes: 40\n"));
  lines = g_strsplit (gv_test_csv_table (result->out), "\n", -1);
  /* The round, the core's metrics, then the protocol's, by the ids they declare. */
  g_assert_cmpstr (lines[0], ==, "round,alive,crashed,recovered,sent_data,sent_requests,"
                                 "lost_data,lost_requests,dead_data,dead_requests,useful,"
                                 "redundant,sent,lost,dead,requests,informed,spreading,"
                                 "newly_informed,informed_by_rumor_1");
  /* Round 0: 40 alive, nothing sent yet, the origin informed and spreading (the
   * injection is no news learnt in a round). */
  g_assert_cmpstr (lines[1], ==, "0,40,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,0,1");
  g_assert_cmpuint (count_lines (gv_test_csv_table (result->out)), ==,
                    gv_run_get_n_records (run) + 1);

  gv_test_remove_tmp_dir (dir);
}

/* The options of "simulate" that make the run a CSV's comment lines name: "--name value"
 * for each parameter ("max_rounds" is --max-rounds), the protocol's news as
 * --OPTION NODE@ROUND[:ARG], --lose-state and each --event. */
static void
add_remake_option (GPtrArray  *args,
                   const char *line)
{
  g_auto(GStrv) kv = g_strsplit (line + strlen ("# "), ": ", 2);
  g_autofree char *option = g_strconcat ("--", kv[0], NULL);

  g_assert_nonnull (kv[1]);
  g_strdelimit (option, "_", '-');
  if (g_str_equal (kv[0], "engine_version"))
    g_assert_cmpstr (kv[1], ==, GV_ENGINE_VERSION);
  else if (g_str_equal (kv[0], "recover_loses_state"))
    {
      if (g_str_equal (kv[1], "true"))
        g_ptr_array_add (args, g_strdup ("--lose-state"));
    }
  else if (g_str_equal (kv[0], "injections"))
    {
      g_autoptr(JsonNode) list = json_from_string (kv[1], NULL);
      JsonArray *array = json_node_get_array (list);
      const char *protocol = g_ptr_array_index (args, 4);
      const GvInjectionSpec *spec = gv_protocol_find (protocol)->injection;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *inj = json_array_get_object_element (array, i);
          GString *arg = g_string_new (NULL);

          g_string_printf (arg, "%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT,
                           json_object_get_int_member (inj, "node"),
                           json_object_get_int_member (inj, "round"));
          if (spec->arg_name != NULL)
            g_string_append_printf (arg, ":%" G_GINT64_FORMAT,
                                    json_object_get_int_member (inj, spec->arg_name));
          g_ptr_array_add (args, g_strconcat ("--", spec->option, NULL));
          g_ptr_array_add (args, g_string_free (arg, FALSE));
        }
    }
  else
    {
      g_ptr_array_add (args, g_steal_pointer (&option));
      g_ptr_array_add (args, g_strdup (kv[1]));
    }
}

/* A CSV names its run in full: simulating what its comment lines say makes the same
 * CSV, interventions included. */
static void
test_csv_remake (void)
{
  static const char *const runs[][16] = {
    { "--protocol", "rumor", "--nodes", "48", "--seed", "5", "--loss", "0.1", "--crash", "0.02",
      "--recover", "0.3", "--lose-state", "--stop", "feedback-counter:2", NULL },
    { "--protocol", "anti-entropy", "--nodes", "30", "--keys", "3", "--topology", "ring:4",
      "--update", "2@0:1", "--event", "2:crash:5", "--event", "3:faults:loss=0.25", NULL },
  };
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autofree char *again = g_build_filename (dir, "again.json", NULL);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(CliResult) made = NULL;
      g_autoptr(CliResult) csv = NULL;
      g_autoptr(CliResult) remade = NULL;
      g_autoptr(CliResult) csv_again = NULL;
      g_auto(GStrv) lines = NULL;

      g_ptr_array_add (args, g_strdup ("simulate"));
      g_ptr_array_add (args, g_strdup ("--output"));
      g_ptr_array_add (args, g_strdup (path));
      for (guint i = 0; runs[r][i] != NULL; i++)
        g_ptr_array_add (args, g_strdup (runs[r][i]));
      g_ptr_array_add (args, NULL);
      made = run_cli_strv ((const char *const *) args->pdata);
      g_assert_cmpint (made->status, ==, 0);
      csv = run_cli ("csv", path, NULL);
      g_assert_cmpint (csv->status, ==, 0);

      /* "simulate --output again.json --protocol P", then an option a comment line. */
      g_ptr_array_set_size (args, 3);
      g_free (g_ptr_array_index (args, 2));
      g_ptr_array_index (args, 2) = g_strdup (again);
      lines = g_strsplit (csv->out, "\n", -1);
      g_assert_true (g_str_has_prefix (lines[1], "# protocol: "));
      for (guint i = 0; g_str_has_prefix (lines[i], "# "); i++)
        add_remake_option (args, lines[i]);
      g_ptr_array_add (args, NULL);
      remade = run_cli_strv ((const char *const *) args->pdata);
      g_assert_cmpstr (remade->err, ==, "");
      g_assert_cmpint (remade->status, ==, 0);
      csv_again = run_cli ("csv", again, NULL);
      g_assert_cmpstr (csv_again->out, ==, csv->out);
    }
  /* The second run's interventions are in its CSV. */
  {
    g_autoptr(CliResult) csv = run_cli ("csv", path, NULL);

    g_assert_nonnull (strstr (csv->out, "\n# event: 2:crash:5\n"
                                        "# event: 3:faults:loss=0.25,crash=0,recover=0\n"));
  }

  gv_test_remove_tmp_dir (dir);
}

static void
test_validate_tampered (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = simulate_to_file (dir, "run.json", "--nodes", "40", NULL);
  g_autofree char *good = g_build_filename (dir, "good.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autofree char *tampered = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (good, text, -1, &error);
  g_assert_no_error (error);

  /* Round 1 informs one node more than it did: every count still agrees, so only the
   * re-simulation can tell. */
  regex = g_regex_new ("(\\{\"round\": 1, \"alive\": 40, [^}]*\"newly_informed\": )(\\d+)",
                       0, 0, &error);
  g_assert_no_error (error);
  tampered = g_regex_replace (regex, text, -1, 0, "\\g<1>7", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tampered, !=, text);
  g_file_set_contents (path, tampered, -1, &error);
  g_assert_no_error (error);

  /* Checked in order: the good file passes, then the tampered one fails; exit 1. */
  result = run_cli ("validate", good, path, NULL);
  g_assert_true (g_str_has_suffix (result->out, "re-simulated identically\n"));
  assert_one_line_error (result, 1, "run.json: does not reproduce: round 1: newly_informed "
                                    "is 7 in the run but ");
  gv_test_remove_tmp_dir (dir);
}

static void
test_validate_bad_file (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = simulate_to_file (dir, "run.json", "--nodes", "40", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (cut, text, length / 2, &error);
  g_assert_no_error (error);

  /* The loader says where the file stops making sense (gv-run-prescan.c). */
  {
    g_autoptr(CliResult) result = run_cli ("validate", cut, NULL);

    assert_one_line_error (result, 2, "cut.json: line ");
    assert_one_line_error (result, 2, "; is it cut short?");
    g_assert_cmpstr (result->out, ==, "");
  }
  {
    g_autoptr(CliResult) result = run_cli ("csv", cut, NULL);

    assert_one_line_error (result, 2, "cut.json: line ");
    assert_one_line_error (result, 2, "; is it cut short?");
    g_assert_cmpstr (result->out, ==, "");
  }
  {
    /* A bad file among good ones: 2 wins over the others. */
    g_autoptr(CliResult) result = run_cli ("validate", path, cut, NULL);

    assert_one_line_error (result, 2, "cut.json: ");
  }

  gv_test_remove_tmp_dir (dir);
}

static void
test_chart_formats (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *a = simulate_to_file (dir, "a.json", "--nodes", "60", "--fanout", "1", NULL);
  g_autofree char *b = simulate_to_file (dir, "b.json", "--nodes", "60", "--fanout", "2", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *hidpi = g_build_filename (dir, "chart@2.PNG", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CliResult) r = run_cli ("chart", a, b, "--output", png, "--width", "640",
                                      "--height", "360", NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_assert_cmpstr (r->err, ==, "");
    g_assert_cmpstr (r->out, ==, "");
    assert_png (png, 640, 360);
  }
  {
    g_autoptr(CliResult) r = run_cli ("chart", a, "--kind", "messages", "--output", hidpi,
                                      "--width=300", "--height=200", "--scale", "2.5", NULL);

    g_assert_cmpint (r->status, ==, 0);
    assert_png (hidpi, 750, 500);
  }
  {
    g_autoptr(CliResult) r = run_cli ("chart", a, b, "--kind", "alive", "--output", svg,
                                      "--width", "600", "--height", "400", "--dark", NULL);

    g_assert_cmpint (r->status, ==, 0);
    g_file_get_contents (svg, &data, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (data, "<?xml"));
    g_assert_nonnull (strstr (data, "<svg"));
    g_assert_nonnull (strstr (data, "viewBox=\"0 0 600 400\""));
    g_clear_pointer (&data, g_free);
  }
  {
    g_autoptr(CliResult) r = run_cli ("chart", a, "--output", pdf, NULL);
    gsize length;

    g_assert_cmpint (r->status, ==, 0);
    g_file_get_contents (pdf, &data, &length, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (data, "%PDF-1.4"));
    g_assert_true (contains_bytes (data, length, "/MediaBox [ 0 0 800 500 ]"));
  }

  gv_test_remove_tmp_dir (dir);
}

/* A comparison chart labels each curve by what differs: the labels reach the picture. */
static void
test_chart_labels (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *a = simulate_to_file (dir, "a.json", "--nodes", "60", "--fanout", "1", NULL);
  g_autofree char *b = simulate_to_file (dir, "b.json", "--nodes", "60", "--fanout", "3", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autoptr(GvRun) ra = load_run_file (a);
  g_autoptr(GvRun) rb = load_run_file (b);
  g_autoptr(GvChart) chart = gv_chart_new ();
  GvRun *runs[] = { ra, rb };

  gv_run_chart_runs (chart, "coverage", runs, 2);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 2);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, gv_run_get_n_records (ra));
  g_assert_cmpuint (gv_chart_get_n_points (chart, 1), ==, gv_run_get_n_records (rb));

  /* One run: the window's chart, with its theory curves. */
  gv_run_chart_runs (chart, "coverage", runs, 1);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 3);
  /* Useful, redundant, lost, to crashed nodes and requests, stacked up to what was sent. */
  gv_run_chart_runs (chart, "messages", runs, 1);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 5);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, gv_run_get_n_records (ra) - 1);

  /* Any chart the protocol declares, by its id. */
  g_assert_true (gv_cli_check_chart_kind (runs, 2, "spreading", NULL));
  gv_run_chart_runs (chart, "spreading", runs, 1);
  g_assert_cmpuint (gv_chart_get_n_series (chart), >=, 1);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, gv_run_get_n_records (ra));

  gv_test_remove_tmp_dir (dir);
}

typedef struct
{
  const char *args;      /* split on spaces; RUN is a good run file, BAD a bad one */
  const char *culprit;
} BadChart;

static const BadChart bad_charts[] = {
  { "chart RUN", "--output: missing" },
  { "chart --output OUT.png", "chart: needs at least one run file" },
  { "chart RUN --output OUT.gif", "OUT.gif” should end in .png, .svg or .pdf" },
  { "chart RUN --output OUT.svg --scale 2", "--scale: only a PNG has pixels to scale" },
  { "chart RUN --output OUT.png --scale 0", "--scale: 0 is out of range" },
  { "chart RUN --output OUT.png --scale two", "--scale: “two” is not a number" },
  { "chart RUN --output OUT.png --kind pie",
    "--kind: “pie” is not a chart of rumor runs; use coverage, spreading, messages, alive" },
  { "chart RUN --output OUT.png --kind metric:up_to_date",
    "--kind: “metric:up_to_date” is not a chart of rumor runs; use coverage" },
  { "chart RUN --output OUT.png --kind=", "--kind: needs a chart id" },
  { "chart RUN --output OUT.png --width 20", "--width: 20 is out of range" },
  { "chart RUN --output OUT.png --height", "--height: needs a value" },
  { "chart RUN --output OUT.png --width 9000 --scale 2", "pixels a side" },
  { "chart RUN --output OUT.png --frobnicate", "--frobnicate: unknown option" },
  { "chart BAD --output OUT.png", "bad.json: not valid JSON at line 1, column " },
  { "chart RUN MISSING --output OUT.png", "missing.json: " },
  { "csv", "csv: needs a run file" },
  { "csv RUN RUN", "csv: takes one run file, not 2" },
  { "csv --frobnicate", "--frobnicate: unknown option" },
  { "validate", "validate: needs a run file" },
  { "validate MISSING", "missing.json: " },
  { "simulate --output", "--output: needs a value" },
  { "simulate --output=", "--output: needs a file name" },
  { "simulate --detail-cap many", "--detail-cap: “many” is not a whole number" },
};

static void
test_bad_chart (gconstpointer data)
{
  const BadChart *bad = data;
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *good = simulate_to_file (dir, "run.json", "--nodes", "20", NULL);
  g_autofree char *broken = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *out = g_build_filename (dir, "OUT", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_auto(GStrv) args = g_strsplit (bad->args, " ", -1);
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (broken, "{]", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; args[i] != NULL; i++)
    {
      char *arg = args[i];

      if (g_str_equal (arg, "RUN"))
        args[i] = g_strdup (good);
      else if (g_str_equal (arg, "BAD"))
        args[i] = g_strdup (broken);
      else if (g_str_equal (arg, "MISSING"))
        args[i] = g_strdup (missing);
      else if (g_str_has_prefix (arg, "OUT"))
        args[i] = g_strconcat (out, arg + 3, NULL);
      else
        continue;
      g_free (arg);
    }

  result = run_cli_strv ((const char *const *) args);
  assert_one_line_error (result, 2, bad->culprit);
  g_assert_cmpstr (result->out, ==, "");
  /* Nothing was drawn. */
  g_assert_cmpuint (gv_test_count_dir_entries (dir), ==, 2);

  gv_test_remove_tmp_dir (dir);
}

static void
test_help_commands (void)
{
  static const char *commands[] = { "chart", "csv", "validate", "protocols" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("Usage: grapevine-cli %s", commands[i]);
      g_autoptr(CliResult) help = run_cli ("help", commands[i], NULL);
      g_autoptr(CliResult) flag = run_cli (commands[i], "--help", NULL);

      g_assert_cmpint (help->status, ==, 0);
      g_assert_true (g_str_has_prefix (help->out, usage));
      g_assert_nonnull (strstr (help->out, "Exit status"));
      g_assert_cmpstr (flag->out, ==, help->out);
    }
}

/* A run saved by another engine version says which one saved it; one that verifies only
 * once a known change is allowed for says so in a note. */
static void
test_validate_versions (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = simulate_to_file (dir, "run.json", "--nodes", "40", NULL);
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus",
                                                   "interventions-6.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GRegex) version = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) noted = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  regex = g_regex_new ("(\\{\"round\": 1, \"alive\": 40, [^}]*\"newly_informed\": )(\\d+)",
                       0, 0, &error);
  g_assert_no_error (error);
  tampered = g_regex_replace (regex, text, -1, 0, "\\g<1>7", 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = g_strdup (tampered);
  g_clear_pointer (&tampered, g_free);
  /* Round 1 changed, by an engine this one does not know. */
  version = g_regex_new ("\"engine_version\": \"[^\"]*\"", 0, 0, &error);
  g_assert_no_error (error);
  tampered = g_regex_replace_literal (version, text, -1, 0, "\"engine_version\": \"0.0.9\"", 0,
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tampered, "\"engine_version\": \"0.0.9\""));
  g_file_set_contents (path, tampered, -1, &error);
  g_assert_no_error (error);

  result = run_cli ("validate", path, NULL);
  assert_one_line_error (result, 1, "run.json: saved by engine 0.0.9");
  g_assert_null (strstr (result->err, "does not reproduce"));

  noted = run_cli ("validate", corpus, NULL);
  g_assert_cmpint (noted->status, ==, 0);
  g_assert_cmpstr (noted->err, ==, "");
  g_assert_nonnull (strstr (noted->out, "interventions-6.json: OK, rounds 0 to "));
  g_assert_nonnull (strstr (noted->out, " re-simulated identically; note: "));
  g_assert_cmpuint (count_lines (noted->out), ==, 1);

  gv_test_remove_tmp_dir (dir);
}

/* Every protocol's runs: save, validate, csv and chart through the CLI. */
static void
test_every_protocol_files (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();

  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autofree char *name = g_strdup_printf ("%s.json", protocol->id);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
      g_autoptr(GPtrArray) charts = gv_run_chart_list (protocol);
      g_autoptr(CliResult) made = run_cli ("simulate", "--protocol", protocol->id, "--nodes",
                                           "60", "--crash", "0.01", "--output", path, NULL);
      g_autoptr(CliResult) valid = NULL;
      g_autoptr(CliResult) csv = NULL;

      g_assert_cmpint (made->status, ==, 0);
      g_assert_cmpstr (made->err, ==, "");

      valid = run_cli ("validate", path, NULL);
      g_assert_cmpint (valid->status, ==, 0);
      g_assert_true (g_str_has_suffix (valid->out, "re-simulated identically\n"));

      csv = run_cli ("csv", path, NULL);
      g_assert_cmpint (csv->status, ==, 0);
      g_assert_nonnull (strstr (csv->out, protocol->metrics[0].id));

      /* Every chart the protocol can show. */
      for (guint k = 0; k < charts->len; k++)
        {
          const GvRunChartEntry *entry = g_ptr_array_index (charts, k);
          g_autoptr(CliResult) chart = run_cli ("chart", path, "--kind", entry->id, "--output",
                                                png, "--width", "200", "--height", "150", NULL);

          if (chart->status != 0)
            g_error ("chart --kind %s of %s: %s", entry->id, protocol->id, chart->err);
          assert_png (png, 200, 150);
        }
    }

  /* Runs of several protocols side by side on one coverage chart. */
  {
    g_autofree char *png = g_build_filename (dir, "compare.png", NULL);
    g_autofree char *a = g_build_filename (dir, "rumor.json", NULL);
    g_autofree char *b = g_build_filename (dir, "tree.json", NULL);
    g_autofree char *c = g_build_filename (dir, "central.json", NULL);
    g_autoptr(CliResult) chart = run_cli ("chart", a, b, c, "--output", png, NULL);

    g_assert_cmpint (chart->status, ==, 0);
    assert_png (png, 800, 500);
  }

  gv_test_remove_tmp_dir (dir);
}

void
gv_test_cli_add_file_tests (void)
{
  g_test_add_func ("/cli/run-file/numbered-path", test_numbered_path);
  g_test_add_func ("/cli/run-file/simulate-output", test_simulate_output);
  g_test_add_func ("/cli/run-file/simulate-output-detail-cap", test_simulate_output_detail_cap);
  g_test_add_func ("/cli/run-file/simulate-output-repeat", test_simulate_output_repeat);
  g_test_add_func ("/cli/run-file/simulate-output-unwritable", test_simulate_output_unwritable);
  g_test_add_func ("/cli/run-file/csv", test_csv_command);
  g_test_add_func ("/cli/run-file/csv-remake", test_csv_remake);
  g_test_add_func ("/cli/run-file/validate-tampered", test_validate_tampered);
  g_test_add_func ("/cli/run-file/validate-bad-file", test_validate_bad_file);
  g_test_add_func ("/cli/run-file/chart-formats", test_chart_formats);
  g_test_add_func ("/cli/run-file/chart-labels", test_chart_labels);
  g_test_add_func ("/cli/run-file/help", test_help_commands);
  g_test_add_func ("/cli/run-file/validate-versions", test_validate_versions);
  g_test_add_func ("/cli/protocols/every-protocol-files", test_every_protocol_files);
  for (guint i = 0; i < G_N_ELEMENTS (bad_charts); i++)
    {
      g_autofree char *name = g_strdup (bad_charts[i].args);
      g_autofree char *path = NULL;

      g_strdelimit (name, " /=", '_');
      path = g_strdup_printf ("/cli/run-file/bad/%u-%s", i, name);
      g_test_add_data_func (path, &bad_charts[i], test_bad_chart);
    }
}
