/* test-run-file.c: runs as files: round trips, verification, bad input, atomic saves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file for the unit, as every unit has (STYLE.md), though it is longer than 1,000
 * lines: most of it is the table of bad files, one line or two a case, for both formats,
 * and the schema checker, which only this test needs.  Format 2 is what is written;
 * format-1 files are made by editing the files 0.1.0 saved (tests/regression/format-1).
 */

#define G_LOG_DOMAIN "test-run-file"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gv-error.h"
#include "gv-run.h"
#include "gv-test-engine.h"
#include "gv-test-run.h"
#include "gv-test-util.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

/* The format-1 files the bad cases and format-1 tests start from: a rumour with loss,
 * crashes and recoveries and push-pull's requests, and anti-entropy with three keys and
 * interventions. */
#define V1_RUMOR "rumor-pp-faults-200.grapevine"
#define V1_AE    "iv-ae-40.grapevine"

/* A small detailed run with every kind of event: 16 nodes, push-pull, losses, crashes
 * and recoveries, two rumours. */
static GvParams *
small_params (void)
{
  GvParams *p = gv_test_params ("rumor", 16, "exchange=push-pull", NULL);

  p->loss = 0.1;
  p->crash = 0.05;
  p->recover = 0.3;
  p->max_rounds = 40;
  p->seed = 7;
  gv_params_add_injection (p, 0, 0, 0);
  gv_params_add_injection (p, 5, 3, 0);
  return p;
}

static GvRun *
small_run (void)
{
  g_autoptr(GvParams) p = small_params ();

  return gv_test_simulate (p, 2);
}

/* Anti-entropy with three keys, two updates, loss and crashes, on a ring. */
static GvParams *
ae_params (void)
{
  GvParams *p = gv_test_params ("anti-entropy", 40, "keys=3", NULL);

  p->topology = GV_TOPOLOGY_RING;
  p->topology_k = 4;
  p->loss = 0.2;
  p->crash = 0.02;
  p->recover = 0.5;
  p->recover_loses_state = TRUE;
  p->seed = G_MAXUINT64 - 5;   /* past 2^53: a string in the file */
  gv_params_add_injection (p, 1, 0, 0);
  gv_params_add_injection (p, 9, 4, 2);
  return p;
}

static GvRun *
ae_run (void)
{
  g_autoptr(GvParams) p = ae_params ();

  return gv_test_simulate (p, 2);
}

static GvRun *
flood_run (void)
{
  g_autoptr(GvParams) p = gv_test_params ("flood", 12, NULL);

  p->topology = GV_TOPOLOGY_RING;
  p->topology_k = 2;
  p->crash = 0.05;
  p->recover = 0.5;
  p->seed = 4;
  return gv_test_simulate (p, 2);
}

static char *
regression_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "regression", "format-1", name, NULL);
}

static GvRun *
load_v1 (const char *name)
{
  g_autofree char *path = regression_path (name);
  g_autofree char *text = NULL;
  gsize length;

  text = gv_test_read_text (path, &length);
  return gv_test_load_text (text, length);
}

static GvRun *
save_and_load (GvRun *run)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GvRun *loaded;

  g_assert_true (gv_run_save (run, file, NULL, &error));
  g_assert_no_error (error);
  loaded = gv_run_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  gv_test_remove_tmp_dir (dir);
  return loaded;
}

/* Exactly the same number, or both not recorded. */
static void
assert_same_value (double a,
                   double b)
{
  if (isnan (a))
    g_assert_true (isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_records_equal (GvRun *a,
                      GvRun *b)
{
  const GvProtocol *protocol = gv_run_get_params (a)->protocol;

  g_assert_cmpuint (gv_run_get_n_records (a), ==, gv_run_get_n_records (b));

  for (guint i = 0; i < gv_run_get_n_records (a); i++)
    {
      const GvRoundRecord *x = gv_run_get_record (a, i);
      const GvRoundRecord *y = gv_run_get_record (b, i);

      g_assert_cmpuint (x->round, ==, i);
      g_assert_cmpuint (y->round, ==, i);
      /* Every metric, the core's and the protocol's, and each item of the per-item ones. */
      g_assert_cmpuint (x->n_values, ==, y->n_values);
      for (guint m = 0; m < x->n_values; m++)
        assert_same_value (x->values[m], y->values[m]);
      g_assert_cmpuint (x->n_items, ==, y->n_items);
      g_assert_cmpint (x->items == NULL, ==, y->items == NULL);
      for (guint m = 0; x->items != NULL && m < protocol->n_metrics; m++)
        {
          const GvMetricSpec *spec = &protocol->metrics[m];

          if (!(spec->flags & GV_METRIC_FLAG_PER_ITEM))
            continue;
          for (guint item = 0; item < x->n_items; item++)
            assert_same_value (gv_test_item (x, protocol, spec->id, item),
                               gv_test_item (y, protocol, spec->id, item));
        }
      g_assert_cmpuint (x->n_crashed, ==, y->n_crashed);
      g_assert_cmpuint (x->n_recovered, ==, y->n_recovered);
      g_assert_cmpuint (x->n_messages, ==, y->n_messages);
      g_assert_cmpuint (x->n_changes, ==, y->n_changes);
      g_assert_cmpint (x->messages == NULL, ==, y->messages == NULL);
      if (x->n_messages > 0)
        g_assert_cmpmem (x->messages, x->n_messages * sizeof (GvMessageEvent),
                         y->messages, y->n_messages * sizeof (GvMessageEvent));
      if (x->n_changes > 0)
        g_assert_cmpmem (x->changes, x->n_changes * sizeof (GvStateEvent),
                         y->changes, y->n_changes * sizeof (GvStateEvent));
      if (x->n_crashed > 0)
        g_assert_cmpmem (x->crashed_nodes, x->n_crashed * sizeof (guint32),
                         y->crashed_nodes, y->n_crashed * sizeof (guint32));
      if (x->n_recovered > 0)
        g_assert_cmpmem (x->recovered_nodes, x->n_recovered * sizeof (guint32),
                         y->recovered_nodes, y->n_recovered * sizeof (guint32));
    }
}

static void
assert_runs_identical (GvRun *a,
                       GvRun *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  const gint32 *fa, *fb;
  guint32 na, nb;
  GvSummary sa, sb;

  g_assert_true (gv_params_equal (gv_run_get_params (a), gv_run_get_params (b)));
  assert_records_equal (a, b);

  gv_run_get_summary (a, &sa);
  gv_run_get_summary (b, &sb);
  g_assert_cmpuint (sa.rounds, ==, sb.rounds);
  g_assert_cmpint (sa.converged, ==, sb.converged);
  g_assert_cmpint (sa.finished, ==, sb.finished);
  g_assert_cmpuint (sa.n_figures, ==, gv_run_get_params (a)->protocol->n_figures);
  g_assert_cmpuint (sa.n_figures, ==, sb.n_figures);
  for (guint f = 0; f < sa.n_figures; f++)
    assert_same_value (sa.figures[f], sb.figures[f]);
  g_assert_cmpuint (sa.messages, ==, sb.messages);

  fa = gv_run_get_first_informed (a, &na);
  fb = gv_run_get_first_informed (b, &nb);
  g_assert_cmpmem (fa, na * sizeof (gint32), fb, nb * sizeof (gint32));

  g_assert_cmpuint (gv_run_get_n_interventions (a), ==, gv_run_get_n_interventions (b));
  for (guint i = 0; i < gv_run_get_n_interventions (a); i++)
    g_assert_cmpmem (gv_run_get_intervention (a, i), sizeof (GvIntervention),
                     gv_run_get_intervention (b, i), sizeof (GvIntervention));

  g_assert_cmpuint (gv_run_get_n_views (a), ==, gv_run_get_n_views (b));
  g_assert_true (gv_run_equal (a, b));

  /* And the files they make are the same, byte for byte. */
  text_a = gv_run_to_data (a, NULL);
  text_b = gv_run_to_data (b, NULL);
  g_assert_cmpstr (text_a, ==, text_b);
}

/* Round trips */

static void
test_round_trip_detail (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GvRun) loaded = NULL;
  guint64 messages = 0, crashes = 0, recoveries = 0, changes = 0, view_changes = 0;

  g_assert_true (gv_run_has_detail (run));
  for (guint i = 0; i < gv_run_get_n_records (run); i++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, i);

      messages += rec->n_messages;
      changes += rec->n_changes;
      crashes += rec->n_crashed;
      recoveries += rec->n_recovered;
      for (guint32 k = 0; k < rec->n_changes; k++)
        view_changes += rec->changes[k].view > 0;
    }
  /* The run has something of everything to carry, views by rumour included. */
  g_assert_cmpuint (messages, >, 100);
  g_assert_cmpuint (changes, >, 16);
  g_assert_cmpuint (crashes, >, 0);
  g_assert_cmpuint (recoveries, >, 0);
  g_assert_cmpuint (view_changes, >, 0);
  g_assert_cmpuint (gv_run_get_n_views (run), ==, 3);
  g_assert_cmpuint (gv_run_get_record (run, gv_run_get_last_round (run))->n_items, ==, 2);

  loaded = save_and_load (run);
  g_assert_true (gv_run_has_detail (loaded));
  g_assert_cmpstr (gv_run_get_engine_version (loaded), ==, GV_ENGINE_VERSION);
  g_assert_cmpuint (gv_run_get_format_version (loaded), ==, GV_RUN_FORMAT_VERSION);
  assert_runs_identical (run, loaded);
}

static void
test_round_trip_beyond_cap (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) loaded = NULL;
  const gint32 *first;
  guint32 n, informed = 0;
  guint64 crashes = 0;

  p->n_nodes = 5000;
  p->detail_cap = 4096;
  p->crash = 0.01;
  p->recover = 0.2;
  p->seed = 3;
  run = gv_test_simulate (p, 2);

  g_assert_false (gv_run_has_detail (run));
  for (guint i = 0; i < gv_run_get_n_records (run); i++)
    {
      g_assert_null (gv_run_get_record (run, i)->messages);
      crashes += gv_run_get_record (run, i)->n_crashed;
    }
  g_assert_cmpuint (crashes, >, 0);

  first = gv_run_get_first_informed (run, &n);
  g_assert_cmpuint (n, ==, 5000);
  for (guint32 v = 0; v < n; v++)
    informed += first[v] >= 0;
  g_assert_cmpuint (informed, >, 4000);

  loaded = save_and_load (run);
  g_assert_false (gv_run_has_detail (loaded));
  assert_runs_identical (run, loaded);
}

static void
test_round_trip_anti_entropy (void)
{
  g_autoptr(GvRun) run = ae_run ();
  g_autoptr(GvRun) loaded = NULL;

  loaded = save_and_load (run);
  g_assert_cmpuint (gv_run_get_params (loaded)->seed, ==, G_MAXUINT64 - 5);
  g_assert_cmpint (gv_params_int (gv_run_get_params (loaded), 1), ==, 3);
  g_assert_cmpuint (gv_params_get_injection (gv_run_get_params (loaded), 1).arg, ==, 2);
  assert_runs_identical (run, loaded);
}

/* Every protocol's runs go through a file and verify, whatever it declares. */
static void
test_round_trip_every_protocol (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) p = gv_params_new_for (protocol);
      g_autoptr(GvRun) run = NULL;
      g_autoptr(GvRun) loaded = NULL;
      g_autoptr(GError) error = NULL;

      p->n_nodes = 30;
      p->crash = 0.03;
      p->recover = 0.4;
      p->loss = 0.1;
      p->seed = 100 + i;
      run = gv_test_simulate (p, 2);
      loaded = save_and_load (run);
      g_assert_true (gv_run_get_params (loaded)->protocol == protocol);
      assert_runs_identical (run, loaded);
      g_assert_true (gv_run_verify (loaded, NULL, &error));
      g_assert_no_error (error);
    }
}

/* News that starts late: before it, a per-item metric has no items, and the views by
 * item none either. */
static void
test_round_trip_late_news (void)
{
  g_autoptr(GvParams) p = gv_test_params ("rumor", 20, NULL);
  g_autoptr(GvParams) ae = gv_test_params ("anti-entropy", 20, "keys=2", NULL);
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) loaded = NULL;
  g_autoptr(GvRun) ae_run_late = NULL;
  g_autoptr(GvRun) ae_loaded = NULL;
  g_autoptr(GError) error = NULL;

  p->seed = 21;
  gv_params_add_injection (p, 3, 2, 0);
  gv_params_add_injection (p, 7, 4, 0);
  run = gv_test_simulate (p, 2);
  g_assert_cmpuint (gv_run_get_record (run, 0)->n_items, ==, 0);
  g_assert_cmpuint (gv_run_get_record (run, gv_run_get_last_round (run))->n_items, ==, 2);
  loaded = save_and_load (run);
  assert_runs_identical (run, loaded);
  g_assert_true (gv_run_verify (loaded, NULL, &error));
  g_assert_no_error (error);

  ae->seed = 22;
  gv_params_add_injection (ae, 3, 3, 1);
  ae_run_late = gv_test_simulate (ae, 2);
  ae_loaded = save_and_load (ae_run_late);
  assert_runs_identical (ae_run_late, ae_loaded);
  g_assert_true (gv_run_verify (ae_loaded, NULL, &error));
  g_assert_no_error (error);
}

/* Numbers with exponents, both ways: what json-glib 1.6 gets wrong is 1e+22 and the like,
 * written as "1e+22.0". */
static void
test_round_trip_tiny_numbers (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) loaded = NULL;

  p->n_nodes = 30;
  p->loss = 1e-05;
  p->crash = 3.3e-07;
  p->recover = 0.123456789012345;
  run = gv_test_simulate (p, 2);
  loaded = save_and_load (run);

  g_assert_true (gv_run_get_params (loaded)->loss == 1e-05);
  g_assert_true (gv_run_get_params (loaded)->crash == 3.3e-07);
  assert_runs_identical (run, loaded);
}

/* A format-1 run saved again is written in format 2, says whose records it holds, and
 * reads back as the same run. */
static void
test_round_trip_format_1 (void)
{
  g_autoptr(GvRun) run = load_v1 (V1_RUMOR);
  g_autoptr(GvRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gv_run_to_data (run, NULL);

  g_assert_cmpuint (gv_run_get_format_version (run), ==, 1);
  g_assert_nonnull (strstr (text, "\"format_version\": 2,"));
  g_assert_nonnull (strstr (text, "\"recorded_format\": 1,"));
  /* What format 1 did not record is written as not recorded. */
  g_assert_nonnull (strstr (text, "\"informed_by_rumor\": null"));

  loaded = save_and_load (run);
  g_assert_cmpuint (gv_run_get_format_version (loaded), ==, 2);
  assert_runs_identical (run, loaded);
  g_assert_true (gv_run_verify (loaded, NULL, &error));
  g_assert_no_error (error);
}

static void
test_json_doubles (void)
{
  const double values[] = {
    0.0, 1.0, 0.1, 1e-05, 3e-06, 1.0 / 3.0, 5.39, 1e300, 1e+22, 1e-300, 1e+17, 123456.5,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr(JsonNode) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      json_node_set_double (node, values[i]);
      text = gv_json_to_string (node, FALSE);
      back = json_from_string (text, &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_node_get_value_type (back), ==, G_TYPE_DOUBLE);
      g_assert_true (json_node_get_double (back) == values[i]);
    }
}

/* The simulator, with interventions made between rounds */

static void
wait_idle (GvSimulator *sim)
{
  WAIT_FOR (!gv_simulator_get_busy (sim));
}

static void
step_rounds (GvSimulator *sim,
             guint        n)
{
  for (guint i = 0; i < n && !gv_simulator_get_finished (sim); i++)
    {
      guint round = gv_simulator_get_round (sim);

      gv_simulator_step (sim);
      WAIT_FOR (gv_simulator_get_round (sim) > round && !gv_simulator_get_busy (sim));
    }
}

static void
test_simulator_interventions (void)
{
  g_autoptr(GvParams) p = gv_test_params ("rumor", 60, "exchange=push",
                                          "stop=feedback-counter:2", NULL);
  g_autoptr(GvSimulator) sim = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) loaded = NULL;
  g_autoptr(GError) error = NULL;

  p->seed = 11;
  sim = gv_simulator_new (p, 2, &error);
  g_assert_no_error (error);

  /* Before round 1, after round 3, and after the run has finished: crash, faults,
   * a second rumour, a revival. */
  g_assert_true (gv_simulator_set_node_alive (sim, 4, FALSE, &error));
  wait_idle (sim);
  step_rounds (sim, 3);
  gv_simulator_set_faults (sim, 0.2, 0.05, 0.5);
  g_assert_true (gv_simulator_inject (sim, 30, 0, &error));
  wait_idle (sim);
  step_rounds (sim, 4);
  g_assert_true (gv_simulator_set_node_alive (sim, 4, TRUE, &error));
  gv_simulator_set_speed (sim, GV_SPEED_MAX);
  gv_simulator_play (sim);
  WAIT_FOR (gv_simulator_get_finished (sim) && !gv_simulator_get_busy (sim));
  /* Node 12 may be down by now: bring it up first, to give it the news. */
  g_assert_true (gv_simulator_set_node_alive (sim, 12, TRUE, &error));
  g_assert_true (gv_simulator_inject (sim, 12, 0, &error));
  wait_idle (sim);
  step_rounds (sim, 2);
  g_assert_no_error (error);

  run = gv_run_new_from_simulator (sim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gv_run_get_n_interventions (run), ==, 6);
  g_assert_cmpint (gv_run_get_intervention (run, 0)->kind, ==, GV_INTERVENTION_CRASH);
  g_assert_cmpuint (gv_run_get_intervention (run, 0)->round, ==, 0);
  g_assert_cmpint (gv_run_get_intervention (run, 1)->kind, ==, GV_INTERVENTION_FAULTS);
  g_assert_cmpuint (gv_run_get_intervention (run, 1)->round, ==, 3);
  g_assert_true (gv_run_get_intervention (run, 1)->loss == 0.2);
  g_assert_cmpint (gv_run_get_intervention (run, 2)->kind, ==, GV_INTERVENTION_INJECT);
  g_assert_cmpint (gv_run_get_intervention (run, 3)->kind, ==, GV_INTERVENTION_REVIVE);
  g_assert_cmpuint (gv_run_get_intervention (run, 3)->round, ==, 7);
  g_assert_cmpint (gv_run_get_intervention (run, 5)->kind, ==, GV_INTERVENTION_INJECT);
  g_assert_cmpuint (gv_run_get_intervention (run, 5)->node, ==, 12);
  /* The file keeps the faults the run started with; the change is an intervention. */
  g_assert_true (gv_run_get_params (run)->loss == 0.0);
  g_assert_cmpuint (gv_run_get_n_records (run), ==, gv_simulator_get_n_records (sim));

  g_assert_true (gv_run_verify (run, NULL, &error));
  g_assert_no_error (error);

  loaded = save_and_load (run);
  assert_runs_identical (run, loaded);
  g_assert_true (gv_run_verify (loaded, NULL, &error));
  g_assert_no_error (error);
}

/* Updates of a chosen key by hand: the key goes into the file with the intervention. */
static void
test_simulator_updates (void)
{
  g_autoptr(GvParams) p = gv_test_params ("anti-entropy", 30, "keys=4", "exchange=pull", NULL);
  g_autoptr(GvSimulator) sim = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  p->seed = 12;
  sim = gv_simulator_new (p, 1, &error);
  g_assert_no_error (error);
  step_rounds (sim, 2);
  g_assert_true (gv_simulator_inject (sim, 7, 3, &error));
  wait_idle (sim);
  step_rounds (sim, 3);
  g_assert_true (gv_simulator_inject (sim, 21, 1, &error));
  wait_idle (sim);
  step_rounds (sim, 3);
  g_assert_no_error (error);

  run = gv_run_new_from_simulator (sim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gv_run_get_n_interventions (run), ==, 2);
  g_assert_cmpuint (gv_run_get_intervention (run, 0)->arg, ==, 3);
  g_assert_cmpuint (gv_run_get_intervention (run, 1)->arg, ==, 1);
  text = gv_run_to_data (run, NULL);
  g_assert_nonnull (strstr (text, "{\"round\": 2, \"kind\": \"inject\", \"node\": 7, \"key\": 3}"));

  g_assert_true (gv_run_verify (run, NULL, &error));
  g_assert_no_error (error);
  loaded = save_and_load (run);
  assert_runs_identical (run, loaded);
  g_assert_true (gv_run_verify (loaded, NULL, &error));
  g_assert_no_error (error);
}

static void
test_simulator_reset (void)
{
  g_autoptr(GvParams) p = small_params ();
  g_autoptr(GvSimulator) sim = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GError) error = NULL;

  sim = gv_simulator_new (p, 1, &error);
  g_assert_no_error (error);

  step_rounds (sim, 3);
  gv_simulator_set_faults (sim, 0.0, 0.0, 0.0);
  g_assert_true (gv_simulator_set_node_alive (sim, 2, FALSE, &error));
  wait_idle (sim);
  step_rounds (sim, 2);

  /* A reset starts a new run: from the faults in force, without the old interventions. */
  gv_simulator_reset (sim);
  WAIT_FOR (gv_simulator_get_round (sim) == 0 && !gv_simulator_get_busy (sim));
  g_assert_true (gv_simulator_set_node_alive (sim, 9, FALSE, &error));
  wait_idle (sim);
  step_rounds (sim, 5);

  run = gv_run_new_from_simulator (sim, &error);
  g_assert_no_error (error);
  g_assert_true (gv_run_get_params (run)->crash == 0.0);
  g_assert_cmpuint (gv_run_get_n_interventions (run), ==, 1);
  g_assert_cmpuint (gv_run_get_intervention (run, 0)->node, ==, 9);
  g_assert_cmpuint (gv_run_get_last_round (run), <=, 5);
  g_assert_cmpuint (gv_run_get_last_round (run), ==, gv_simulator_get_round (sim));
  g_assert_true (gv_run_verify (run, NULL, &error));
  g_assert_no_error (error);
}

static void
test_simulator_busy (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvSimulator) sim = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GError) error = NULL;

  p->n_nodes = 1000;
  sim = gv_simulator_new (p, 1, &error);
  g_assert_no_error (error);

  /* The simulator is busy from the call until its main context hears back. */
  gv_simulator_step (sim);
  g_assert_true (gv_simulator_get_busy (sim));
  run = gv_run_new_from_simulator (sim, &error);
  g_assert_null (run);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  wait_idle (sim);
}

/* Verification */

static void
test_verify_real_run (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GvRun) loaded = save_and_load (run);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  g_assert_true (gv_run_verify (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gv_run_verify_full (loaded, &note, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (note);
}

static JsonNode *
run_to_tree (GvRun *run)
{
  g_autofree char *text = gv_run_to_data (run, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  return root;
}

static JsonNode *
v1_tree (const char *name)
{
  g_autofree char *path = regression_path (name);

  return gv_test_parse_file (path);
}

static GvRun *
tree_to_run (JsonNode  *root,
             GError   **error)
{
  g_autofree char *text = gv_json_to_string (root, TRUE);

  return gv_run_load_from_data (text, strlen (text), error);
}

static JsonObject *
member_object (JsonNode   *root,
               const char *section,
               guint       index)
{
  JsonArray *array = json_object_get_array_member (json_node_get_object (root), section);

  return json_array_get_object_element (array, index);
}

static guint32
tree_nodes (JsonNode *root)
{
  JsonObject *params = json_object_get_object_member (json_node_get_object (root), "params");

  return (guint32) json_object_get_int_member (params, "nodes");
}

/* The first round whose events hold a message. */
static guint
round_with_messages (JsonNode *root)
{
  JsonArray *events = json_object_get_array_member (json_node_get_object (root), "events");

  for (guint i = 1; i < json_array_get_length (events); i++)
    {
      JsonObject *ev = json_array_get_object_element (events, i);

      if (json_array_get_length (json_object_get_array_member (ev, "messages")) > 0)
        return i;
    }

  g_assert_not_reached ();
}

/* The same kind of message to another node: every count still adds up, so the file
 * loads, and only a re-simulation can tell. */
static guint
redirect_first_message (JsonNode *root)
{
  guint r = round_with_messages (root);
  JsonArray *messages = json_object_get_array_member (member_object (root, "events", r),
                                                      "messages");
  gint64 code = json_array_get_int_element (messages, 0);
  guint32 n = tree_nodes (root);
  guint64 pair = (guint64) code / 16;
  guint32 src = pair / n, dst = pair % n;
  guint32 other = (dst + 1) % n == src ? (dst + 2) % n : (dst + 1) % n;

  json_array_remove_element (messages, 0);
  json_array_add_int_element (messages, (gint64) (((guint64) src * n + other) * 16 + code % 16));
  return r;
}

static void
assert_tampered_message (JsonNode *root)
{
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint r = redirect_first_message (root);

  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);

  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  expected = g_strdup_printf ("round %u: ", r);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_nonnull (strstr (error->message, "when re-simulated"));
}

static void
test_verify_tampered_message (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(JsonNode) v1 = v1_tree (V1_RUMOR);

  assert_tampered_message (root);
  assert_tampered_message (v1);
}

/* One more in member @member of round 6: verifying says so, by the name @reported. */
static void
assert_tampered_metric (JsonNode   *root,
                        const char *member,
                        const char *reported)
{
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  JsonObject *round = member_object (root, "rounds", 6);
  gint64 n = json_object_get_int_member (round, member);

  json_object_set_int_member (round, member, n + 1);
  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);

  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  expected = g_strdup_printf ("round 6: %s is %" G_GINT64_FORMAT " in the run but %"
                              G_GINT64_FORMAT " when re-simulated", reported, n + 1, n);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_verify_tampered_metric (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GvRun) ae = ae_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(JsonNode) ae_root = run_to_tree (ae);
  g_autoptr(JsonNode) v1 = v1_tree (V1_RUMOR);
  g_autoptr(JsonNode) v1_ae = v1_tree (V1_AE);

  assert_tampered_metric (root, "newly_informed", "newly_informed");
  assert_tampered_metric (ae_root, "new_versions", "new_versions");
  assert_tampered_metric (v1, "newly_informed", "newly_informed");
  /* Format 1's name for it, under anti-entropy's own. */
  assert_tampered_metric (v1_ae, "newly_informed", "new_versions");
}

/* One item of a per-item metric: the coverage of the second rumour. */
static void
test_verify_tampered_item (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *round = member_object (root, "rounds", 5);
  JsonArray *items = json_object_get_array_member (round, "informed_by_rumor");
  gint64 was = json_array_get_int_element (items, 1);
  g_autoptr(JsonArray) rebuilt = json_array_new ();
  g_autofree char *expected = NULL;

  json_array_add_int_element (rebuilt, json_array_get_int_element (items, 0));
  json_array_add_int_element (rebuilt, was - 1);
  json_object_set_array_member (round, "informed_by_rumor", g_steal_pointer (&rebuilt));
  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);

  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  expected = g_strdup_printf ("round 5: informed_by_rumor[1] is %" G_GINT64_FORMAT " in the "
                              "run but %" G_GINT64_FORMAT " when re-simulated", was - 1, was);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A class change, in format 2 by class and in format 1 by state. */
static void
test_verify_tampered_change (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(JsonNode) v1 = v1_tree (V1_RUMOR);
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *changes = json_object_get_array_member (member_object (root, "events", 0),
                                                     "changes");
  g_autoptr(JsonArray) rebuilt = json_array_new ();

  /* Node 0 starts as "removed" (class 2) instead of "spreading" (1). */
  g_assert_cmpint (json_array_get_int_element (changes, 0), ==, 0 * 16 + 1);
  json_array_add_int_element (rebuilt, 0 * 16 + 2);
  json_object_set_array_member (member_object (root, "events", 0), "changes",
                                g_steal_pointer (&rebuilt));
  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);
  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  g_assert_cmpstr (error->message, ==, "round 0: change 0 is node 0 to “Informed, stopped” in "
                                       "the run but node 0 to “Spreading” when re-simulated");
  g_clear_error (&error);
  g_clear_object (&tampered);

  changes = json_object_get_array_member (member_object (v1, "events", 0), "changes");
  g_assert_cmpint (json_array_get_int_element (changes, 0), ==, 0 * 4 + 1);
  rebuilt = json_array_new ();
  json_array_add_int_element (rebuilt, 0 * 4 + 2);
  json_object_set_array_member (member_object (v1, "events", 0), "changes",
                                g_steal_pointer (&rebuilt));
  tampered = tree_to_run (v1, &error);
  g_assert_no_error (error);
  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  g_assert_cmpstr (error->message, ==, "round 0: node 0 is informed, stopped in the run but "
                                       "spreading when re-simulated");
}

static void
test_verify_tampered_first_informed (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *first = json_object_get_array_member (json_node_get_object (root),
                                                   "first_informed");
  gint64 was = json_array_get_int_element (first, 3);
  g_autoptr(JsonArray) rebuilt = json_array_new ();

  for (guint v = 0; v < json_array_get_length (first); v++)
    json_array_add_int_element (rebuilt, v == 3 ? (was == 0 ? 1 : 0)
                                                : json_array_get_int_element (first, v));
  json_object_set_array_member (json_node_get_object (root), "first_informed",
                                g_steal_pointer (&rebuilt));

  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);
  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  g_assert_true (g_str_has_prefix (error->message, "node 3: first informed"));
}

static void
test_verify_other_seed (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *params = json_object_get_object_member (json_node_get_object (root), "params");

  json_object_set_int_member (params, "seed", 8);
  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);
  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  g_assert_true (g_str_has_prefix (error->message, "round 1: "));
}

/* A summary figure that is not what the rounds give. */
static void
test_verify_tampered_figure (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *summary = json_object_get_object_member (json_node_get_object (root), "summary");
  double t_avg = json_object_get_double_member (summary, "t_avg");
  g_autofree char *expected = NULL;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  json_object_set_double_member (summary, "t_avg", 1.5);
  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);
  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  expected = g_strdup_printf ("summary: t_avg is %s in the run but %s when re-simulated",
                              g_ascii_formatd (a, sizeof a, "%.17g", 1.5),
                              g_ascii_formatd (b, sizeof b, "%.17g", t_avg));
  g_assert_cmpstr (error->message, ==, expected);
}

/* What a file does not record (null) is not compared; everything else still is. */
static void
test_verify_not_recorded (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(GvRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *round = member_object (root, "rounds", 4);

  json_object_set_null_member (round, "useful");
  json_object_set_null_member (round, "spreading");
  json_object_set_null_member (round, "informed_by_rumor");
  loaded = tree_to_run (root, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (gv_run_get_record (loaded, 4)->values[GV_METRIC_USEFUL]));
  g_assert_true (isnan (gv_test_value (gv_run_get_record (loaded, 4),
                                       gv_run_get_params (loaded)->protocol, "spreading")));
  g_assert_null (gv_run_get_record (loaded, 4)->items);
  g_assert_true (gv_run_verify (loaded, NULL, &error));
  g_assert_no_error (error);

  /* Written out again, it stays not recorded. */
  {
    g_autoptr(GvRun) again = save_and_load (loaded);

    assert_runs_identical (loaded, again);
  }
}

static void
test_verify_cancelled (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (gv_run_verify (run, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Bad input: each case is a change to a good file and the error it must give. */

typedef void (*Mutation) (JsonNode *root);

typedef enum
{
  BASE_SMALL,     /* small_run(): format 2, a rumour */
  BASE_AE,        /* ae_run(): format 2, anti-entropy with three keys */
  BASE_FLOOD,     /* flood_run(): format 2, a protocol without views by item */
  BASE_V1,        /* V1_RUMOR: format 1, saved by 0.1.0 */
  BASE_V1_AE,     /* V1_AE: format 1, anti-entropy with interventions */
  N_BASES
} Base;

typedef struct
{
  const char *name;
  const char *text;        /* a whole file instead of a change */
  Mutation    mutate;
  GvError     code;
  const char *message;     /* the whole message; "…" matches any run of characters */
  Base        base;
  /* Or, without @mutate, a change to one member: @member of @section (a path such as
   * "params.protocol_params", NULL for the top level; element @index of it if it is an
   * array) set to the JSON @literal, or removed when @literal is NULL. */
  const char *section;
  guint       index;
  const char *member;
  const char *literal;
} BadCase;

static JsonObject *
root_object (JsonNode *root)
{
  return json_node_get_object (root);
}

static JsonObject *
params_of (JsonNode *root)
{
  return json_object_get_object_member (root_object (root), "params");
}

static JsonObject *
summary_of (JsonNode *root)
{
  return json_object_get_object_member (root_object (root), "summary");
}

static JsonObject *
events_of (JsonNode *root,
           guint     index)
{
  return member_object (root, "events", index);
}

static JsonArray *
array_of (JsonNode   *root,
          const char *section)
{
  return json_object_get_array_member (root_object (root), section);
}

static void
set_round_member (JsonNode   *root,
                  guint       index,
                  const char *member,
                  gint64      value)
{
  json_object_set_int_member (member_object (root, "rounds", index), member, value);
}

static gint64
round_member (JsonNode   *root,
              guint       index,
              const char *member)
{
  return json_object_get_int_member (member_object (root, "rounds", index), member);
}

/* Replaces element @k of @array (member @member of @obj) with the integer @value. */
static void
replace_int (JsonObject *obj,
             const char *member,
             guint       k,
             gint64      value)
{
  JsonArray *array = json_object_get_array_member (obj, member);
  g_autoptr(JsonArray) rebuilt = json_array_new ();

  for (guint j = 0; j < json_array_get_length (array); j++)
    if (j == k)
      json_array_add_int_element (rebuilt, value);
    else
      json_array_add_element (rebuilt, json_node_copy (json_array_get_element (array, j)));
  json_object_set_array_member (obj, member, g_steal_pointer (&rebuilt));
}

/* The first message, from round 1 on, whose code modulo 16 is @code; its round. */
static guint
find_message (JsonNode *root,
              guint     code,
              guint    *index)
{
  JsonArray *events = array_of (root, "events");

  for (guint i = 1; i < json_array_get_length (events); i++)
    {
      JsonArray *m = json_object_get_array_member (json_array_get_object_element (events, i),
                                                   "messages");

      for (guint k = 0; k < json_array_get_length (m); k++)
        if (json_array_get_int_element (m, k) % 16 == code)
          {
            *index = k;
            return i;
          }
    }

  g_assert_not_reached ();
}

/* Recodes the first message of code @from as @to (both modulo 16). */
static void
recode_message (JsonNode *root,
                guint     from,
                guint     to)
{
  guint k;
  guint r = find_message (root, from, &k);
  JsonObject *ev = events_of (root, r);
  gint64 code = json_array_get_int_element (json_object_get_array_member (ev, "messages"), k);

  replace_int (ev, "messages", k, code / 16 * 16 + to);
}

/* The change of a SET case. */
static void
set_member (JsonNode      *root,
            const BadCase *bad)
{
  JsonNode *node = root;
  JsonObject *object;

  if (bad->section != NULL)
    {
      g_auto(GStrv) path = g_strsplit (bad->section, ".", -1);

      for (guint i = 0; path[i] != NULL; i++)
        node = json_object_get_member (json_node_get_object (node), path[i]);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    node = json_array_get_element (json_node_get_array (node), bad->index);
  object = json_node_get_object (node);

  if (bad->literal == NULL)
    {
      g_assert_true (json_object_has_member (object, bad->member));
      json_object_remove_member (object, bad->member);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *value = json_from_string (bad->literal, &error);

      g_assert_no_error (error);
      json_object_set_member (object, bad->member, value);
    }
}

/* The summary */

static void
mut_summary_messages (JsonNode *root)
{
  JsonObject *s = summary_of (root);

  json_object_set_int_member (s, "messages", json_object_get_int_member (s, "messages") + 1);
}

/* The rounds */

static void
mut_informed_over_alive (JsonNode *root)
{
  set_round_member (root, 2, "informed", round_member (root, 2, "alive") + 1);
}

static void
mut_spreading_over_alive (JsonNode *root)
{
  set_round_member (root, 2, "spreading", round_member (root, 2, "alive") + 1);
}

static void
mut_useful_over_sent (JsonNode *root)
{
  set_round_member (root, 2, "useful", round_member (root, 2, "useful") + 1);
}

static void
mut_requests_lost_over_sent (JsonNode *root)
{
  set_round_member (root, 2, "lost_requests", round_member (root, 2, "sent_requests") + 1);
}

static void
mut_carrying_over_sent (JsonNode *root)
{
  set_round_member (root, 2, "carrying", round_member (root, 2, "sent") + 1);
}

static void
mut_dead_over_sent (JsonNode *root)
{
  set_round_member (root, 2, "dead", round_member (root, 2, "sent") + 1);
}

static void
mut_redundant_over_carrying (JsonNode *root)
{
  set_round_member (root, 2, "redundant", round_member (root, 2, "carrying") + 1);
}

static void
mut_alive_over_nodes (JsonNode *root)
{
  set_round_member (root, 2, "alive", tree_nodes (root) + 1);
}

static void
mut_alive_jumps (JsonNode *root)
{
  /* Informed and spreading go down with alive, so that only the arithmetic is off. */
  set_round_member (root, 2, "alive", round_member (root, 2, "alive") - 1);
  set_round_member (root, 2, "informed", 0);
  set_round_member (root, 2, "spreading", 0);
}

static void
mut_round_0_alive (JsonNode *root)
{
  set_round_member (root, 0, "alive", tree_nodes (root) - 1);
}

static void
mut_items_over_nodes (JsonNode *root)
{
  replace_int (member_object (root, "rounds", 3), "informed_by_rumor", 1, 17);
}

static void
mut_items_fraction (JsonNode *root)
{
  JsonArray *items = json_object_get_array_member (member_object (root, "rounds", 3),
                                                   "informed_by_rumor");

  json_array_add_double_element (items, 2.5);
}

static void
mut_items_too_many (JsonNode *root)
{
  g_autoptr(JsonArray) items = json_array_new ();

  for (guint i = 0; i < GV_MAX_ITEMS + 1; i++)
    json_array_add_int_element (items, 0);
  json_object_set_array_member (member_object (root, "rounds", 3), "informed_by_rumor",
                                g_steal_pointer (&items));
}

static void
mut_rounds_swapped (JsonNode *root)
{
  JsonArray *rounds = array_of (root, "rounds");
  g_autoptr(JsonArray) swapped = json_array_new ();

  for (guint i = 0; i < json_array_get_length (rounds); i++)
    json_array_add_element (swapped,
                            json_node_copy (json_array_get_element (rounds,
                                                                    i == 2 ? 3 : i == 3 ? 2 : i)));
  json_object_set_array_member (root_object (root), "rounds", g_steal_pointer (&swapped));
}

static void
mut_round_missing (JsonNode *root)
{
  json_array_remove_element (array_of (root, "rounds"), 4);
}

static void
mut_too_many_rounds (JsonNode *root)
{
  json_object_set_int_member (params_of (root), "max_rounds", 3);
  /* Keep the injection at round 3 valid for max_rounds. */
  json_object_set_int_member (json_array_get_object_element (
                                json_object_get_array_member (params_of (root), "injections"),
                                1), "round", 2);
}

/* The events */

static void
mut_events_short (JsonNode *root)
{
  json_array_remove_element (array_of (root, "events"), 5);
}

static void
mut_message_bad_node (JsonNode *root)
{
  guint r = round_with_messages (root);
  guint32 n = tree_nodes (root);

  /* Node 900 sends to node 1, a useful message with data: (900 × n + 1) × 16 + 1. */
  replace_int (events_of (root, r), "messages", 0, ((gint64) 900 * n + 1) * 16 + 1);
}

static void
mut_message_negative (JsonNode *root)
{
  guint r = round_with_messages (root);
  JsonArray *m = json_object_get_array_member (events_of (root, r), "messages");

  json_array_remove_element (m, 0);
  json_array_add_int_element (m, -3);
}

static void
mut_message_string (JsonNode *root)
{
  guint r = round_with_messages (root);
  JsonArray *m = json_object_get_array_member (events_of (root, r), "messages");

  json_array_remove_element (m, 0);
  json_array_add_string_element (m, "3→7");
}

static void
mut_message_outcome (JsonNode *root)
{
  guint r = round_with_messages (root);
  JsonArray *m = json_object_get_array_member (events_of (root, r), "messages");
  gint64 code = json_array_get_int_element (m, 0);

  replace_int (events_of (root, r), "messages", 0, code / 16 * 16 + 15);   /* outcome 7 */
}

static void
mut_message_to_self (JsonNode *root)
{
  guint r = round_with_messages (root);
  guint32 n = tree_nodes (root);

  replace_int (events_of (root, r), "messages", 0, ((gint64) 2 * n + 2) * 16 + 1);
}

static void
mut_message_missing (JsonNode *root)
{
  guint r = round_with_messages (root);

  json_array_remove_element (json_object_get_array_member (events_of (root, r), "messages"), 0);
}

/* A useful message with data marked lost: the count of useful ones no longer adds up. */
static void
mut_message_useful_lost (JsonNode *root)
{
  recode_message (root, 1, 2 * 2 + 1);
}

/* A lost request marked as lost data. */
static void
mut_message_lost_data (JsonNode *root)
{
  recode_message (root, 2 * 2, 2 * 2 + 1);
}

/* Format 1: a lost data message marked useful. */
static void
mut_message_lost_useful (JsonNode *root)
{
  recode_message (root, 2 * 2 + 1, 0 * 2 + 1);
}

/* Format 1: a lost request said to carry data. */
static void
mut_message_lost_request_data (JsonNode *root)
{
  recode_message (root, 2 * 2, 2 * 2 + 1);
}

/* Kinds of message no run makes: delivered data is useful or redundant, a delivered
 * request carries nothing. */
static void
mut_message_useful_no_data (JsonNode *root)
{
  recode_message (root, 0 * 2 + 1, 0 * 2);
}

static void
mut_message_redundant_no_data (JsonNode *root)
{
  recode_message (root, 1 * 2 + 1, 1 * 2);
}

static void
mut_message_request_data (JsonNode *root)
{
  recode_message (root, 4 * 2, 4 * 2 + 1);
}

/* What the fuzzer found: a request turned into a useful message without data kept
 * format 1's counts (which do not count useful ones) adding up. */
static void
mut_message_request_useful (JsonNode *root)
{
  recode_message (root, 4 * 2, 0 * 2);
}

static void
mut_change_bad_node (JsonNode *root)
{
  json_array_add_int_element (json_object_get_array_member (events_of (root, 0), "changes"),
                              900 * 16 + 1);
}

static void
mut_change_bad_node_v1 (JsonNode *root)
{
  json_array_add_int_element (json_object_get_array_member (events_of (root, 0), "changes"),
                              900 * 4 + 1);
}

static void
mut_change_order (JsonNode *root)
{
  json_array_add_int_element (json_object_get_array_member (events_of (root, 0), "changes"),
                              0 * 16 + 1);
}

static void
mut_change_order_v1 (JsonNode *root)
{
  json_array_add_int_element (json_object_get_array_member (events_of (root, 0), "changes"),
                              0 * 4 + 1);
}

static void
mut_change_bad_class (JsonNode *root)
{
  json_array_add_int_element (json_object_get_array_member (events_of (root, 0), "changes"),
                              15 * 16 + 9);
}

/* The first round with views by item. */
static guint
round_with_views (JsonNode *root)
{
  JsonArray *events = array_of (root, "events");

  for (guint i = 0; i < json_array_get_length (events); i++)
    if (json_object_has_member (json_array_get_object_element (events, i), "view_changes"))
      return i;

  g_assert_not_reached ();
}

static void
mut_views_number (JsonNode *root)
{
  json_object_set_int_member (events_of (root, round_with_views (root)), "view_changes", 5);
}

static void
mut_views_item_number (JsonNode *root)
{
  JsonArray *views = json_object_get_array_member (events_of (root, round_with_views (root)),
                                                   "view_changes");

  json_array_add_int_element (views, 7);
}

static void
mut_views_bad_node (JsonNode *root)
{
  JsonArray *views = json_object_get_array_member (events_of (root, round_with_views (root)),
                                                   "view_changes");

  json_array_add_int_element (json_array_get_array_element (views, 1), 99 * 16 + 1);
}

static void
mut_views_too_many (JsonNode *root)
{
  JsonArray *views = json_object_get_array_member (events_of (root, round_with_views (root)),
                                                   "view_changes");

  for (guint i = 0; i < GV_MAX_ITEMS; i++)
    json_array_add_array_element (views, json_array_new ());
}

static void
mut_crashed_bad_node (JsonNode *root)
{
  JsonArray *rounds = array_of (root, "rounds");

  for (guint i = 1; i < json_array_get_length (rounds); i++)
    if (json_object_get_int_member (json_array_get_object_element (rounds, i), "crashed") > 0)
      {
        JsonArray *c = json_object_get_array_member (events_of (root, i), "crashed");

        json_array_remove_element (c, 0);
        json_array_add_int_element (c, 900);
        return;
      }

  g_assert_not_reached ();
}

static void
mut_crashed_count (JsonNode *root)
{
  json_array_add_int_element (json_object_get_array_member (events_of (root, 1), "crashed"),
                              tree_nodes (root) - 1);
}

static void
mut_messages_without_detail (JsonNode *root)
{
  json_object_set_int_member (params_of (root), "detail_cap", 10);
  json_object_set_boolean_member (root_object (root), "detail", FALSE);
}

static void
mut_first_informed_short (JsonNode *root)
{
  json_array_remove_element (array_of (root, "first_informed"), 0);
}

static void
mut_first_informed_late (JsonNode *root)
{
  replace_int (root_object (root), "first_informed", 7, 1000);
}

static void
mut_first_informed_early (JsonNode *root)
{
  replace_int (root_object (root), "first_informed", 7, -2);
}

static void
mut_first_informed_string (JsonNode *root)
{
  JsonArray *f = array_of (root, "first_informed");

  json_array_remove_element (f, json_array_get_length (f) - 1);
  json_array_add_string_element (f, "soon");
}

/* The interventions */

static JsonObject *
add_intervention (JsonNode   *root,
                  const char *kind,
                  gint64      round)
{
  JsonArray *ivs = array_of (root, "interventions");
  g_autoptr(JsonArray) rebuilt = json_array_new ();
  JsonObject *iv = json_object_new ();

  /* First, ahead of any the file has. */
  json_object_set_int_member (iv, "round", round);
  json_object_set_string_member (iv, "kind", kind);
  json_array_add_object_element (rebuilt, iv);
  for (guint i = 0; i < json_array_get_length (ivs); i++)
    json_array_add_element (rebuilt, json_node_copy (json_array_get_element (ivs, i)));
  json_object_set_array_member (root_object (root), "interventions", g_steal_pointer (&rebuilt));
  return iv;
}

static void
mut_intervention_bad_node (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "crash", 0), "node", tree_nodes (root));
}

static void
mut_intervention_bad_kind (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "explode", 0), "node", 1);
}

static void
mut_intervention_late (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "crash", 5000), "node", 1);
}

static void
mut_intervention_order (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "revive", 2), "node", 1);
  json_object_set_int_member (add_intervention (root, "crash", 5), "node", 1);
}

static void
mut_intervention_faults (JsonNode *root)
{
  JsonObject *iv = add_intervention (root, "faults", 0);

  json_object_set_double_member (iv, "loss", 0.5);
  json_object_set_double_member (iv, "crash", 2.0);
  json_object_set_double_member (iv, "recover", 0.0);
}

static void
mut_intervention_no_key (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "inject", 0), "node", 1);
}

static void
mut_intervention_bad_key (JsonNode *root)
{
  JsonObject *iv = add_intervention (root, "inject", 0);

  json_object_set_int_member (iv, "node", 1);
  json_object_set_int_member (iv, "key", 7);
}

#define SMALL(name, mutate, code, message) { name, NULL, mutate, code, message, BASE_SMALL }
#define AE(name, mutate, code, message) { name, NULL, mutate, code, message, BASE_AE }
#define FLOOD(name, mutate, code, message) { name, NULL, mutate, code, message, BASE_FLOOD }
#define V1(name, mutate, code, message) { name, NULL, mutate, code, message, BASE_V1 }
#define V1_AE_CASE(name, mutate, code, message) { name, NULL, mutate, code, message, BASE_V1_AE }
#define TEXT(name, text, message) { name, text, NULL, GV_ERROR_PARSE, message, BASE_SMALL }
#define SET(base, name, section, index, member, literal, code, message) \
  { name, NULL, NULL, code, message, BASE_##base, section, index, member, literal }

static const BadCase bad_cases[] = {
  TEXT ("empty", "", "the file is empty"),
  TEXT ("invalid-json", "{ \"format\": grapevine }",
        "not valid JSON at line 1, column 21: unexpected identifier `grapevine', expected value"),
  TEXT ("not-an-object", "[1, 2, 3]", "not a Grapevine run file: it holds an array, not an object"),
  TEXT ("whitespace", "  \n ", "the file holds no JSON value"),
  TEXT ("deep-nesting", NULL, "line 1: nested more than 32 deep; a run file never is"),
  /* json-glib would parse the second value too, leaking the first (found by fuzzing). */
  TEXT ("two-values", "\"\"{\"format\": \"grapevine-run\"}",
        "not a Grapevine run file: it holds a string, not an object"),
  TEXT ("value-after", "{\"format\": \"grapevine-run\"}\n {}",
        "line 2, column 2: more after the end of the run, which is one JSON object"),
  TEXT ("javascript", "var run = {\"format\": \"grapevine-run\"};",
        "not valid JSON at line 1, column 1: unexpected character ‘v’"),
  /* json-glib leaked the string of a broken \u escape (found by fuzzing). */
  TEXT ("broken-escape", "{\"format\": \"\\ud8l\\ud800\"}",
        "line 1, column 13: a backslash that starts no JSON escape"),
  TEXT ("lone-low-surrogate", "{\"format\": \"\\udc00\"}",
        "line 1, column 13: \\udc00 is half of a UTF-16 pair, without its first half"),
  TEXT ("surrogate-pair", "{\"format\": \"\\ud83d\\ude00\"}",
        "format: should be “grapevine-run”; this is not a Grapevine run file"),
  TEXT ("nul-escape", "{\"format\": \"grapevine-run\\u0000\"}",
        "line 1, column 26: a NUL character (\\u0000) inside a string"),
  TEXT ("raw-control", "{\"format\": \"grape\tvine\"}",
        "line 1, column 18: a control character inside a string, where JSON needs an escape"),
  TEXT ("cut-in-string", "{\"format\": \"grape",
        "line 1: the file ends inside a string; is it cut short?"),
  /* json-glib quotes bad bytes in its messages; the message stays UTF-8. */
  TEXT ("json-error-not-utf8", "{\"format\": \"\xff\xfe\"}", "not valid JSON…"),
  TEXT ("binary", "\x01\x02", "not valid JSON at line 1, column 1: unexpected byte 0x01"),
  TEXT ("huge-integer", "{\"format\": \"grapevine-run\", \"format_version\": 99999999999999999999}",
        "line 1: the number 99999999999999999999 is too large for a run file"),
  TEXT ("no-format-version", "{\"format\": \"grapevine-run\"}", "format_version: missing"),

  /* The header, in both formats */
  SET (SMALL, "no-format", NULL, 0, "format", NULL, GV_ERROR_PARSE,
       "format: missing; this is not a Grapevine run file"),
  SET (SMALL, "other-format", NULL, 0, "format", "\"pngs-of-cats\"", GV_ERROR_PARSE,
       "format: should be “grapevine-run”; this is not a Grapevine run file"),
  SET (SMALL, "version-newer", NULL, 0, "format_version", "3", GV_ERROR_PARSE,
       "format_version: 3 is newer than this Grapevine (" PACKAGE_VERSION ") reads; it reads "
       "version 2"),
  SET (V1, "v1-version-newer", NULL, 0, "format_version", "3", GV_ERROR_PARSE,
       "format_version: 3 is newer than this Grapevine (" PACKAGE_VERSION ") reads; it reads "
       "version 2"),
  SET (SMALL, "version-zero", NULL, 0, "format_version", "0", GV_ERROR_PARSE,
       "format_version: 0 is not a version; they start at 1"),
  SET (SMALL, "version-string", NULL, 0, "format_version", "\"1\"", GV_ERROR_PARSE,
       "format_version: should be a whole number, not a string"),
  SET (SMALL, "no-engine-version", NULL, 0, "engine_version", NULL, GV_ERROR_PARSE,
       "engine_version: missing"),
  SET (V1, "v1-no-engine-version", NULL, 0, "engine_version", NULL, GV_ERROR_PARSE,
       "engine_version: missing"),
  /* test_bad_input() writes this as a lone surrogate, "\ud800", which json-glib turns into
   * bytes that are not UTF-8. */
  SET (SMALL, "engine-version-surrogate", NULL, 0, "engine_version", "\"@SURROGATE@0.1.0\"",
       GV_ERROR_PARSE,
       "line 4, column 22: \\ud800 is half of a UTF-16 pair, without its second half"),
  SET (SMALL, "engine-version-long", NULL, 0, "engine_version",
       "\"0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0\"", GV_ERROR_PARSE,
       "engine_version: should be a version such as “" GV_ENGINE_VERSION "”"),
  SET (SMALL, "recorded-format-string", NULL, 0, "recorded_format", "\"1\"", GV_ERROR_PARSE,
       "recorded_format: should be a whole number, not a string"),
  SET (SMALL, "recorded-format-same", NULL, 0, "recorded_format", "2", GV_ERROR_PARSE,
       "recorded_format: 2 is not a format older than the file's (2)"),
  SET (SMALL, "recorded-format-zero", NULL, 0, "recorded_format", "0", GV_ERROR_PARSE,
       "recorded_format: 0 is not a format older than the file's (2)"),
  SET (FLOOD, "recorded-format-flood", NULL, 0, "recorded_format", "1", GV_ERROR_PARSE,
       "recorded_format: 1, but format 1 did not know the protocol flood"),

  /* The parameters: the core's, in both formats */
  SET (SMALL, "no-params", NULL, 0, "params", NULL, GV_ERROR_PARSE, "params: missing"),
  SET (SMALL, "absurd-nodes", "params", 0, "nodes", "1000000000000", GV_ERROR_PARSE,
       "params: “nodes” is 1000000000000, out of range"),
  SET (SMALL, "negative-nodes", "params", 0, "nodes", "-5", GV_ERROR_PARSE,
       "params: “nodes” is -5, out of range"),
  SET (SMALL, "too-many-nodes", "params", 0, "nodes", "20000000", GV_ERROR_TOO_LARGE,
       "params: the number of nodes must be between 2 and 10000000, not 20000000"),
  SET (V1, "v1-too-many-nodes", "params", 0, "nodes", "20000000", GV_ERROR_TOO_LARGE,
       "params: the number of nodes must be between 2 and 10000000, not 20000000"),
  SET (SMALL, "fanout-string", "params", 0, "fanout", "\"two\"", GV_ERROR_PARSE,
       "params: “fanout” should be a whole number"),
  SET (V1, "v1-fanout-string", "params", 0, "fanout", "\"two\"", GV_ERROR_PARSE,
       "params: “fanout” should be a whole number"),
  SET (SMALL, "bad-topology", "params", 0, "topology", "\"hypercube\"", GV_ERROR_INVALID_PARAM,
       "params: …"),
  SET (V1, "v1-bad-topology", "params", 0, "topology", "\"hypercube\"", GV_ERROR_INVALID_PARAM,
       "params: …"),
  SET (SMALL, "injections-object", "params", 0, "injections", "{}", GV_ERROR_PARSE,
       "params: “injections” should be an array"),
  SET (SMALL, "injection-bad-node", "params.injections", 0, "node", "99", GV_ERROR_INVALID_PARAM,
       "params: injection 1 names node 99, but the nodes are numbered 0 to 15"),

  /* Format 2's protocol and its parameters, by name */
  SET (SMALL, "no-protocol", "params", 0, "protocol", NULL, GV_ERROR_PARSE,
       "params: “protocol” is missing"),
  SET (SMALL, "unknown-protocol", "params", 0, "protocol", "\"gossip-9000\"", GV_ERROR_PARSE,
       "params: protocol “gossip-9000” is not one this version of Grapevine knows"),
  SET (SMALL, "protocol-number", "params", 0, "protocol", "1", GV_ERROR_PARSE,
       "params: “protocol” should be a string"),
  SET (SMALL, "no-protocol-params", "params", 0, "protocol_params", NULL, GV_ERROR_PARSE,
       "params: “protocol_params” should be an object"),
  SET (SMALL, "protocol-param-missing", "params.protocol_params", 0, "stop", NULL, GV_ERROR_PARSE,
       "params: protocol_params: “stop” is missing"),
  SET (SMALL, "protocol-param-unknown", "params.protocol_params", 0, "keys", "3", GV_ERROR_PARSE,
       "params: protocol_params: rumor has no parameter “keys”"),
  SET (SMALL, "protocol-param-choice", "params.protocol_params", 0, "stop", "\"sometimes\"",
       GV_ERROR_PARSE, "params: protocol_params.stop: …sometimes…"),
  SET (SMALL, "protocol-param-arg", "params.protocol_params", 0, "stop", "\"ttl:0\"",
       GV_ERROR_PARSE, "params: protocol_params.stop: …"),
  SET (SMALL, "protocol-param-type", "params.protocol_params", 0, "stop", "3", GV_ERROR_PARSE,
       "params: “stop” should be a string"),
  SET (AE, "keys-zero", "params.protocol_params", 0, "keys", "0", GV_ERROR_PARSE,
       "params: protocol_params.keys: …"),
  SET (AE, "keys-string", "params.protocol_params", 0, "keys", "\"three\"", GV_ERROR_PARSE,
       "params: “keys” should be a whole number"),
  SET (AE, "injection-bad-key", "params.injections", 1, "key", "5", GV_ERROR_INVALID_PARAM,
       "params: update 2 names key 5, but the keys are numbered 0 to 2"),
  SET (FLOOD, "central-on-ring", "params", 0, "protocol", "\"central\"", GV_ERROR_INVALID_PARAM,
       "params: Central sender assumes that any node can reach any other, so it runs on the "
       "complete graph only, not on ring:2"),

  /* Format 1's parameters: the mode named the protocol, "protocol" the exchange */
  SET (V1, "v1-no-mode", "params", 0, "mode", NULL, GV_ERROR_PARSE, "params: “mode” is missing"),
  SET (V1, "v1-unknown-mode", "params", 0, "mode", "\"gossip\"", GV_ERROR_PARSE,
       "params: unknown mode “gossip”; format 1 knows rumor and anti-entropy"),
  SET (V1, "v1-mode-flood", "params", 0, "mode", "\"flood\"", GV_ERROR_PARSE,
       "params: unknown mode “flood”; format 1 knows rumor and anti-entropy"),
  SET (V1, "v1-no-stop", "params", 0, "stop", NULL, GV_ERROR_PARSE, "params: “stop” is missing"),
  SET (V1, "v1-bad-exchange", "params", 0, "protocol", "\"shout\"", GV_ERROR_PARSE,
       "params: …shout…"),
  SET (V1, "v1-no-keys", "params", 0, "keys", NULL, GV_ERROR_PARSE, "params: “keys” is missing"),
  SET (V1_AE, "v1-stop-for-ae", "params", 0, "stop", "\"ttl:3\"", GV_ERROR_PARSE,
       "params: “stop” is ttl:3, but anti-entropy has no stop"),
  SET (V1_AE, "v1-injection-key", "params.injections", 0, "key", "9", GV_ERROR_INVALID_PARAM,
       "params: update 1 names key 9, but the keys are numbered 0 to 2"),

  /* The summary */
  SET (SMALL, "no-summary", NULL, 0, "summary", NULL, GV_ERROR_PARSE, "summary: missing"),
  SMALL ("summary-messages", mut_summary_messages, GV_ERROR_PARSE,
         "summary.messages: …, but the rounds sent … in all"),
  V1 ("v1-summary-messages", mut_summary_messages, GV_ERROR_PARSE,
      "summary.messages: …, but the rounds sent … in all"),
  SET (SMALL, "summary-rounds", "summary", 0, "rounds", "3", GV_ERROR_PARSE,
       "summary.rounds: 3, but the last round recorded is …"),
  SET (SMALL, "summary-residue", "summary", 0, "residue", "-0.5", GV_ERROR_PARSE,
       "summary.residue: -0.5 is negative"),
  SET (V1, "v1-summary-residue", "summary", 0, "residue", "-0.5", GV_ERROR_PARSE,
       "summary.residue: -0.5 is negative"),
  SET (SMALL, "summary-converged", "summary", 0, "converged", "\"yes\"", GV_ERROR_PARSE,
       "summary.converged: should be true or false, not a string"),
  SET (SMALL, "summary-no-finished", "summary", 0, "finished", NULL, GV_ERROR_PARSE,
       "summary.finished: missing"),
  SET (SMALL, "summary-no-figure", "summary", 0, "t_avg", NULL, GV_ERROR_PARSE,
       "summary.t_avg: missing"),
  SET (V1, "v1-summary-no-figure", "summary", 0, "t_avg", NULL, GV_ERROR_PARSE,
       "summary.t_avg: missing"),
  SET (SMALL, "summary-late-delay", "summary", 0, "t_last", "99.0", GV_ERROR_PARSE,
       "summary.t_last: 99 is out of range; it should be from 0 to …"),
  SET (SMALL, "detail-mismatch", NULL, 0, "detail", "false", GV_ERROR_PARSE,
       "detail: false, but the run's 16 nodes are within its detail cap (4096)"),
  SET (V1, "v1-detail-mismatch", NULL, 0, "detail", "false", GV_ERROR_PARSE,
       "detail: false, but the run's 200 nodes are within its detail cap (4096)"),

  /* The rounds: format 2's metrics by id */
  SET (SMALL, "no-rounds", NULL, 0, "rounds", NULL, GV_ERROR_PARSE, "rounds: missing"),
  SET (SMALL, "rounds-object", NULL, 0, "rounds", "{}", GV_ERROR_PARSE,
       "rounds: should be an array, not an object"),
  SET (SMALL, "rounds-empty", NULL, 0, "rounds", "[]", GV_ERROR_PARSE,
       "rounds: empty; a run has at least round 0"),
  SET (SMALL, "round-missing-field", "rounds", 3, "informed", NULL, GV_ERROR_PARSE,
       "rounds[3].informed: missing"),
  SET (SMALL, "round-missing-core", "rounds", 3, "dead_requests", NULL, GV_ERROR_PARSE,
       "rounds[3].dead_requests: missing"),
  SET (SMALL, "round-wrong-type", "rounds", 3, "sent_data", "\"many\"", GV_ERROR_PARSE,
       "rounds[3].sent_data: should be a whole number, not a string"),
  SET (SMALL, "round-fraction", "rounds", 3, "informed", "2.5", GV_ERROR_PARSE,
       "rounds[3].informed: should be a whole number, not a number with a fraction"),
  SET (SMALL, "round-negative", "rounds", 3, "sent_data", "-1", GV_ERROR_PARSE,
       "rounds[3].sent_data: -1 is negative"),
  SET (SMALL, "alive-null", "rounds", 3, "alive", "null", GV_ERROR_PARSE,
       "rounds[3].alive: should be a whole number, not null"),
  SET (SMALL, "sent-null", "rounds", 3, "sent_requests", "null", GV_ERROR_PARSE,
       "rounds[3].sent_requests: should be a whole number, not null"),
  SMALL ("informed-over-alive", mut_informed_over_alive, GV_ERROR_PARSE,
         "rounds[2].informed: … is more than alive (…)"),
  SMALL ("spreading-over-alive", mut_spreading_over_alive, GV_ERROR_PARSE,
         "rounds[2].spreading: … is more than alive (…)"),
  SET (SMALL, "spreading-over-nodes", "rounds", 2, "spreading", "70", GV_ERROR_PARSE,
       "rounds[2].spreading: 70 is more than the run's 16 nodes"),
  SMALL ("useful-over-sent", mut_useful_over_sent, GV_ERROR_PARSE,
         "rounds[2].sent_data: …, but useful, redundant, lost and dead data messages add up to …"),
  SMALL ("requests-lost-over-sent", mut_requests_lost_over_sent, GV_ERROR_PARSE,
         "rounds[2].sent_requests: …, fewer than the requests lost and dead (…)"),
  SMALL ("alive-over-nodes", mut_alive_over_nodes, GV_ERROR_PARSE,
         "rounds[2].alive: 17 is more than the run's 16 nodes"),
  SMALL ("alive-jumps", mut_alive_jumps, GV_ERROR_PARSE,
         "rounds[2].alive: … does not follow from round 1 (…"),
  SET (SMALL, "round-0-sends", "rounds", 0, "sent_requests", "1", GV_ERROR_PARSE,
       "rounds[0].sent_requests: 1, but nothing is sent in round 0"),
  SMALL ("round-0-alive", mut_round_0_alive, GV_ERROR_PARSE,
         "rounds[0].alive: 15, but in round 0 all the run's 16 nodes are alive"),
  SET (SMALL, "round-0-crashes", "rounds", 0, "crashed", "1", GV_ERROR_PARSE,
       "rounds[0].crashed: 1, but nothing crashes or recovers in round 0"),
  SET (SMALL, "items-number", "rounds", 3, "informed_by_rumor", "3", GV_ERROR_PARSE,
       "rounds[3].informed_by_rumor: should be an array, not a whole number"),
  SMALL ("items-over-nodes", mut_items_over_nodes, GV_ERROR_PARSE,
         "rounds[3].informed_by_rumor[1]: 17 is more than the run's 16 nodes"),
  SMALL ("items-fraction", mut_items_fraction, GV_ERROR_PARSE,
         "rounds[3].informed_by_rumor[2]: should be a whole number, not a number with a fraction"),
  SMALL ("items-too-many", mut_items_too_many, GV_ERROR_PARSE,
         "rounds[3].informed_by_rumor: lists 65 items; a run has at most 64"),
  SMALL ("rounds-out-of-order", mut_rounds_swapped, GV_ERROR_PARSE,
         "rounds[2].round: 3 is out of order: rounds are listed one by one from 0, so this "
         "should be 2"),
  SMALL ("round-missing", mut_round_missing, GV_ERROR_PARSE,
         "rounds[4].round: 5 is out of order: rounds are listed one by one from 0, so this "
         "should be 4"),
  SMALL ("too-many-rounds", mut_too_many_rounds, GV_ERROR_PARSE,
         "rounds: … records go past round 3, the run's max_rounds"),

  /* The rounds: format 1's members */
  SET (V1, "v1-round-missing-field", "rounds", 3, "informed", NULL, GV_ERROR_PARSE,
       "rounds[3].informed: missing"),
  SET (V1, "v1-round-missing-carrying", "rounds", 3, "carrying", NULL, GV_ERROR_PARSE,
       "rounds[3].carrying: missing"),
  SET (V1, "v1-round-wrong-type", "rounds", 3, "sent", "\"many\"", GV_ERROR_PARSE,
       "rounds[3].sent: should be a whole number, not a string"),
  SET (V1, "v1-round-fraction", "rounds", 3, "informed", "2.5", GV_ERROR_PARSE,
       "rounds[3].informed: should be a whole number, not a number with a fraction"),
  SET (V1, "v1-round-negative", "rounds", 3, "sent", "-1", GV_ERROR_PARSE,
       "rounds[3].sent: -1 is negative"),
  V1 ("v1-informed-over-alive", mut_informed_over_alive, GV_ERROR_PARSE,
      "rounds[2].informed: … is more than alive (…)"),
  V1 ("v1-spreading-over-alive", mut_spreading_over_alive, GV_ERROR_PARSE,
      "rounds[2].spreading: … is more than alive (…)"),
  V1 ("v1-carrying-over-sent", mut_carrying_over_sent, GV_ERROR_PARSE,
      "rounds[2].carrying: … is more than sent (…)"),
  V1 ("v1-dead-over-sent", mut_dead_over_sent, GV_ERROR_PARSE,
      "rounds[2].dead: … and lost … make more than sent (…)"),
  V1 ("v1-redundant-over-carrying", mut_redundant_over_carrying, GV_ERROR_PARSE,
      "rounds[2].redundant: … is more than carrying (…)"),
  V1 ("v1-alive-over-nodes", mut_alive_over_nodes, GV_ERROR_PARSE,
      "rounds[2].alive: 201 is more than the run's 200 nodes"),
  V1 ("v1-alive-jumps", mut_alive_jumps, GV_ERROR_PARSE,
      "rounds[2].alive: … does not follow from round 1 (…"),
  V1 ("v1-rounds-out-of-order", mut_rounds_swapped, GV_ERROR_PARSE,
      "rounds[2].round: 3 is out of order: rounds are listed one by one from 0, so this "
      "should be 2"),

  /* The events */
  SMALL ("events-short", mut_events_short, GV_ERROR_PARSE,
         "events: … entries, but there are … rounds (0 to …); each round has one"),
  SET (SMALL, "events-round", "events", 4, "round", "9", GV_ERROR_PARSE,
       "events[4].round: 9 is out of order: events are listed round by round from 0, so this "
       "should be 4"),
  SMALL ("message-bad-node", mut_message_bad_node, GV_ERROR_PARSE,
         "events[…].messages[0]: node 900 does not exist (the run has 16 nodes)"),
  V1 ("v1-message-bad-node", mut_message_bad_node, GV_ERROR_PARSE,
      "events[…].messages[0]: node 900 does not exist (the run has 200 nodes)"),
  SMALL ("message-negative", mut_message_negative, GV_ERROR_PARSE,
         "events[…].messages[…]: should be a message code (a whole number of 0 or more), not a "
         "negative number"),
  SMALL ("message-string", mut_message_string, GV_ERROR_PARSE,
         "events[…].messages[…]: should be a message code (a whole number of 0 or more), not a "
         "string"),
  SMALL ("message-outcome", mut_message_outcome, GV_ERROR_PARSE,
         "events[…].messages[0]: outcome 7 is not one of 0 (useful) to 4 (request)"),
  SMALL ("message-to-self", mut_message_to_self, GV_ERROR_PARSE,
         "events[…].messages[0]: node 2 sends to itself"),
  SMALL ("message-missing", mut_message_missing, GV_ERROR_PARSE,
         "events[…].messages: lists … messages, but the round sent …"),
  V1 ("v1-message-missing", mut_message_missing, GV_ERROR_PARSE,
      "events[…].messages: lists … messages, but the round sent …"),
  SMALL ("message-useful-count", mut_message_useful_lost, GV_ERROR_PARSE,
         "events[…].messages: lists … such messages, but rounds[…].useful is …"),
  SMALL ("message-lost-count", mut_message_lost_data, GV_ERROR_PARSE,
         "events[…].messages: lists … but rounds[…].lost_data is …"),
  V1 ("v1-message-lost-count", mut_message_lost_useful, GV_ERROR_PARSE,
      "events[…].messages: lists … such messages, but rounds[…].lost is …"),
  V1 ("v1-message-carrying-count", mut_message_lost_request_data, GV_ERROR_PARSE,
      "events[…].messages: lists … such messages, but rounds[…].carrying is …"),
  SMALL ("message-useful-no-data", mut_message_useful_no_data, GV_ERROR_PARSE,
         "events[…].messages[…]: useful, but it carried no data; only data messages are useful "
         "or redundant"),
  SMALL ("message-redundant-no-data", mut_message_redundant_no_data, GV_ERROR_PARSE,
         "events[…].messages[…]: redundant, but it carried no data; only data messages are "
         "useful or redundant"),
  SMALL ("message-request-data", mut_message_request_data, GV_ERROR_PARSE,
         "events[…].messages[…]: a delivered request that carried data; requests carry none"),
  V1 ("v1-message-request-useful", mut_message_request_useful, GV_ERROR_PARSE,
      "events[…].messages[…]: useful, but it carried no data; only data messages are useful "
      "or redundant"),
  V1 ("v1-message-request-data", mut_message_request_data, GV_ERROR_PARSE,
      "events[…].messages[…]: a delivered request that carried data; requests carry none"),
  SMALL ("change-bad-node", mut_change_bad_node, GV_ERROR_PARSE,
         "events[0].changes[…]: node 900 does not exist (the run has 16 nodes)"),
  V1 ("v1-change-bad-node", mut_change_bad_node_v1, GV_ERROR_PARSE,
      "events[0].changes[…]: node 900 does not exist (the run has 200 nodes)"),
  SMALL ("change-order", mut_change_order, GV_ERROR_PARSE,
         "events[0].changes[…]: node 0 is out of order or listed twice"),
  V1 ("v1-change-order", mut_change_order_v1, GV_ERROR_PARSE,
      "events[0].changes[…]: node 0 is out of order or listed twice"),
  SMALL ("change-bad-class", mut_change_bad_class, GV_ERROR_PARSE,
         "events[0].changes[1]: class 9 is not one of the 5 classes of rumor"),
  SET (SMALL, "changes-missing", "events", 2, "changes", NULL, GV_ERROR_PARSE,
       "events[2].changes: missing"),
  SMALL ("views-number", mut_views_number, GV_ERROR_PARSE,
         "events[…].view_changes: should be an array, not a whole number"),
  SMALL ("views-item-number", mut_views_item_number, GV_ERROR_PARSE,
         "events[…].view_changes[2]: should be an array, not a whole number"),
  SMALL ("views-bad-node", mut_views_bad_node, GV_ERROR_PARSE,
         "events[…].view_changes[1][…]: node 99 does not exist (the run has 16 nodes)"),
  SMALL ("views-too-many", mut_views_too_many, GV_ERROR_PARSE,
         "events[…].view_changes: lists 66 views; a run has at most 64"),
  SET (FLOOD, "views-without-items", "events", 1, "view_changes", "[[]]", GV_ERROR_PARSE,
       "events[1].view_changes: present, but flood has no views by item"),
  SET (V1, "v1-views", "events", 1, "view_changes", "[[]]", GV_ERROR_PARSE,
       "events[1].view_changes: present, but the run's records are format 1's, which had no "
       "views by item"),
  SMALL ("crashed-bad-node", mut_crashed_bad_node, GV_ERROR_PARSE,
         "events[…].crashed[…]: node 900 does not exist (the run has 16 nodes)"),
  SMALL ("crashed-count", mut_crashed_count, GV_ERROR_PARSE,
         "events[1].crashed: lists … nodes, but rounds[1].crashed is …"),
  V1 ("v1-crashed-count", mut_crashed_count, GV_ERROR_PARSE,
      "events[1].crashed: lists … nodes, but rounds[1].crashed is …"),
  SMALL ("messages-without-detail", mut_messages_without_detail, GV_ERROR_PARSE,
         "events[0].messages: present, but the run has no detail: its 16 nodes are more than its "
         "detail cap (10)"),

  /* First informed */
  SMALL ("first-informed-short", mut_first_informed_short, GV_ERROR_PARSE,
         "first_informed: 15 entries, but the run has 16 nodes"),
  V1 ("v1-first-informed-short", mut_first_informed_short, GV_ERROR_PARSE,
      "first_informed: 199 entries, but the run has 200 nodes"),
  SMALL ("first-informed-late", mut_first_informed_late, GV_ERROR_PARSE,
         "first_informed[7]: 1000 is after the last round (…)"),
  SMALL ("first-informed-early", mut_first_informed_early, GV_ERROR_PARSE,
         "first_informed[7]: -2 is not a round, nor -1 for never"),
  SMALL ("first-informed-string", mut_first_informed_string, GV_ERROR_PARSE,
         "first_informed[15]: should be a round, or -1, not a string"),

  /* The interventions */
  SMALL ("intervention-bad-node", mut_intervention_bad_node, GV_ERROR_PARSE,
         "interventions[0].node: 16 is more than the last node (15)"),
  SMALL ("intervention-bad-kind", mut_intervention_bad_kind, GV_ERROR_PARSE,
         "interventions[0].kind: “explode” is not faults, crash, revive or inject"),
  SMALL ("intervention-late", mut_intervention_late, GV_ERROR_PARSE,
         "interventions[0].round: 5000 is more than the last round (…)"),
  SMALL ("intervention-order", mut_intervention_order, GV_ERROR_PARSE,
         "interventions[1].round: 2 comes after round 5; interventions are listed in order"),
  SMALL ("intervention-faults", mut_intervention_faults, GV_ERROR_PARSE,
         "interventions[0].crash: 2 is out of range; it should be from 0 to 1"),
  AE ("intervention-no-key", mut_intervention_no_key, GV_ERROR_PARSE,
      "interventions[0].key: missing"),
  AE ("intervention-bad-key", mut_intervention_bad_key, GV_ERROR_PARSE,
      "interventions[0].key: 7 is more than the last key (2)"),
  V1_AE_CASE ("v1-intervention-bad-node", mut_intervention_bad_node, GV_ERROR_PARSE,
              "interventions[0].node: 40 is more than the last node (39)"),
  V1_AE_CASE ("v1-intervention-bad-key", mut_intervention_bad_key, GV_ERROR_PARSE,
              "interventions[0].key: 7 is more than the last key (2)"),
};

#undef SMALL
#undef AE
#undef FLOOD
#undef V1
#undef V1_AE_CASE
#undef TEXT
#undef SET

/* "…" in @pattern matches any run of characters. */
static gboolean
message_matches (const char *message,
                 const char *pattern)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "…", -1);
  const char *at = message;
  guint n = g_strv_length (parts);

  if (!g_str_has_prefix (message, parts[0]))
    return FALSE;
  at += strlen (parts[0]);

  for (guint i = 1; i < n; i++)
    {
      const char *found;

      if (parts[i][0] == '\0')
        {
          if (i == n - 1)
            return TRUE;
          continue;
        }
      found = i == n - 1 ? (g_str_has_suffix (at, parts[i]) ? at + strlen (at) - strlen (parts[i])
                                                              : NULL)
                         : strstr (at, parts[i]);
      if (found == NULL)
        return FALSE;
      at = found + strlen (parts[i]);
    }

  return *at == '\0';
}

static JsonNode *
base_tree (Base base)
{
  switch (base)
    {
    case BASE_SMALL:
      {
        g_autoptr(GvRun) run = small_run ();
        return run_to_tree (run);
      }
    case BASE_AE:
      {
        g_autoptr(GvRun) run = ae_run ();
        return run_to_tree (run);
      }
    case BASE_FLOOD:
      {
        g_autoptr(GvRun) run = flood_run ();
        return run_to_tree (run);
      }
    case BASE_V1:
      return v1_tree (V1_RUMOR);
    case BASE_V1_AE:
      return v1_tree (V1_AE);
    case N_BASES:
    default:
      g_assert_not_reached ();
    }
}

/* Each base as the text of its tree, made once, and good: it loads.  A case parses a
 * tree of its own from it (json_node_copy() would share the objects it changes). */
static char *base_texts[N_BASES];

static JsonNode *
base_copy (Base base)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (base_texts[base] == NULL)
    {
      g_autoptr(JsonNode) tree = base_tree (base);
      g_autoptr(GvRun) good = NULL;

      base_texts[base] = gv_json_to_string (tree, TRUE);
      good = gv_run_load_from_data (base_texts[base], strlen (base_texts[base]), &error);
      g_assert_no_error (error);
      g_assert_nonnull (good);
    }

  root = json_from_string (base_texts[base], &error);
  g_assert_no_error (error);
  return root;
}

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autofree char *text = NULL;

  if (bad->mutate != NULL || bad->member != NULL)
    {
      g_autoptr(JsonNode) root = base_copy (bad->base);
      g_autofree char *written = NULL;

      if (bad->mutate != NULL)
        bad->mutate (root);
      else
        set_member (root, bad);
      written = gv_json_to_string (root, TRUE);
      {
        g_auto(GStrv) parts = g_strsplit (written, "@SURROGATE@", -1);

        text = g_strjoinv ("\\ud800", parts);
      }
    }
  else if (bad->text != NULL)
    text = g_strdup (bad->text);
  else
    {
      /* deep-nesting */
      GString *s = g_string_new ("{\"format\": ");

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (s, '[');
      text = g_string_free (s, FALSE);
    }

  run = gv_run_load_from_data (text, strlen (text), &error);
  g_assert_null (run);
  g_assert_nonnull (error);
  if (g_getenv ("SHOW_ERRORS"))
    g_printerr ("%s\n", error->message);
  if (!message_matches (error->message, bad->message))
    g_error ("“%s” does not match “%s”", error->message, bad->message);
  g_assert_error (error, GV_ERROR, (gint) bad->code);
  /* One line of UTF-8, for the command line and for the window's dialog. */
  g_assert_null (strchr (error->message, '\n'));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
assert_truncated_fails (const char *text,
                        gsize       length)
{
  /* Cut anywhere: never a run, always an error that says where. */
  for (gsize cut = 0; cut < length; cut += 1 + cut / 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GvRun) loaded = gv_run_load_from_data (text, cut, &error);

      g_assert_null (loaded);
      g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GvRun) loaded = gv_run_load_from_data (text, length / 2, &error);

    g_assert_true (g_str_has_prefix (error->message, "not valid JSON at line "));
  }
}

static void
test_truncated (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *path = regression_path (V1_RUMOR);
  g_autofree char *v1 = NULL;
  gsize length, v1_length;
  g_autofree char *text = gv_run_to_data (run, &length);

  assert_truncated_fails (text, length);
  v1 = gv_test_read_text (path, &v1_length);
  assert_truncated_fails (v1, v1_length);
}

/* Random bytes and random damage to a good file, as a smoke test; the fuzzer in
 * tests/fuzz goes much further. */
static void
assert_garbage_fails_cleanly (const char *text,
                              gsize       length,
                              guint       n_records,
                              guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *copy = g_memdup2 (text, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(GvRun) loaded = NULL;

      for (guint k = 0; k < 1 + i % 4; k++)
        copy[g_rand_int_range (rand, 0, (gint32) length)] = (char) g_rand_int_range (rand, 0, 256);

      loaded = gv_run_load_from_data (copy, length, &error);
      g_assert_true ((loaded == NULL) != (error == NULL));
      if (loaded != NULL)
        g_assert_true (gv_run_get_n_records (loaded) == n_records);
    }
}

static void
test_garbage (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GvRun) v1_run = load_v1 (V1_RUMOR);
  g_autofree char *path = regression_path (V1_RUMOR);
  g_autofree char *v1 = NULL;
  gsize length, v1_length;
  g_autofree char *text = gv_run_to_data (run, &length);

  assert_garbage_fails_cleanly (text, length, gv_run_get_n_records (run), 1234);
  v1 = gv_test_read_text (path, &v1_length);
  assert_garbage_fails_cleanly (v1, v1_length, gv_run_get_n_records (v1_run), 1235);
}

/* Saving */

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
assert_file_text (const char *path,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, text);
}

static void
test_save_cancelled (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  write_text (path, "the old file");
  g_cancellable_cancel (cancellable);
  g_assert_false (gv_run_save (run, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_file_text (path, "the old file");
  g_assert_cmpuint (gv_test_count_dir_entries (dir), ==, 1);

  gv_test_remove_tmp_dir (dir);
}

/* A write that fails halfway (the file-size limit stands in for a full disk): GLib's own
 * g_file_replace_contents() would leave the half-written file in place of the old one. */
static void
test_save_write_fails (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fresh = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GvRun) run = small_run ();
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("RUN_PATH"));
      g_autoptr(GFile) new_file = g_file_new_for_path (g_getenv ("NEW_PATH"));
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 1024, 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (gv_run_save (run, file, NULL, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (gv_run_save (run, new_file, NULL, &error));
      g_assert_nonnull (error);
      return;
    }

  dir = gv_test_make_tmp_dir ();
  path = g_build_filename (dir, "run.json", NULL);
  fresh = g_build_filename (dir, "new.json", NULL);
  write_text (path, "the old file");

  g_setenv ("RUN_PATH", path, TRUE);
  g_setenv ("NEW_PATH", fresh, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The old file is whole, no temporary file is left over, nor a half-made new one. */
  assert_file_text (path, "the old file");
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (gv_test_count_dir_entries (dir), ==, 1);

  gv_test_remove_tmp_dir (dir);
}

static void
test_save_read_only_dir (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      /* Permissions do not stop root; test_save_write_fails covers root. */
      g_test_skip ("root may write in a read-only folder");
      gv_test_remove_tmp_dir (dir);
      return;
    }

  write_text (path, "the old file");
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

  g_assert_false (gv_run_save (run, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "cannot write in the folder"));
  assert_file_text (path, "the old file");

  gv_test_remove_tmp_dir (dir);
}

static void
test_save_onto_directory (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (gv_run_save (run, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  gv_test_remove_tmp_dir (dir);
}

static void
test_save_replaces (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) loaded = NULL;

  /* Through a symbolic link: the file it points to is replaced, the link stays. */
  write_text (path, "the old file");
  g_assert_cmpint (symlink ("run.json", link), ==, 0);
  g_assert_true (gv_run_save (run, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  loaded = gv_run_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gv_run_equal (run, loaded));
  g_assert_cmpuint (gv_test_count_dir_entries (dir), ==, 2);

  gv_test_remove_tmp_dir (dir);
}

static void
test_load_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/run.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_run_load (file, NULL, &error);

  g_assert_null (run);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_load_too_large (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;
  FILE *f = fopen (path, "w");

  /* A sparse file: it takes no room, and it is refused before it is read. */
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), GV_RUN_MAX_FILE_SIZE + 1), ==, 0);
  fclose (f);

  run = gv_run_load (file, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, GV_ERROR, GV_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "the file holds 1073741825 bytes; a run file may hold at most 1073741824 "
                   "(1 GiB)");

  gv_test_remove_tmp_dir (dir);
}

typedef struct
{
  GvRun  *run;
  GError *error;
  char   *note;
  gboolean done;
  gboolean ok;
} AsyncData;

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncData *data = user_data;

  data->ok = gv_run_save_finish (GV_RUN (object), result, &data->error);
  data->done = TRUE;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncData *data = user_data;

  data->run = gv_run_load_finish (result, &data->error);
  data->done = TRUE;
}

static void
verify_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncData *data = user_data;

  data->ok = gv_run_verify_finish (GV_RUN (object), result, &data->note, &data->error);
  data->done = TRUE;
}

static void
test_async (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  AsyncData data = { 0 };

  gv_run_save_async (run, file, NULL, save_done_cb, &data);
  WAIT_FOR (data.done);
  g_assert_no_error (data.error);
  g_assert_true (data.ok);

  data = (AsyncData) { 0 };
  gv_run_load_async (file, NULL, load_done_cb, &data);
  WAIT_FOR (data.done);
  g_assert_no_error (data.error);
  g_assert_true (gv_run_equal (run, data.run));

  data.done = FALSE;
  gv_run_verify_async (data.run, NULL, verify_done_cb, &data);
  WAIT_FOR (data.done);
  g_assert_no_error (data.error);
  g_assert_true (data.ok);
  g_assert_null (data.note);
  g_clear_object (&data.run);

  /* A run that verifies with a note gets it back from the thread too. */
  {
    g_autofree char *early_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus",
                                                         "interventions-6.json", NULL);
    g_autofree char *early_text = NULL;
    g_autoptr(GvRun) early = NULL;
    gsize early_length;

    early_text = gv_test_read_text (early_path, &early_length);
    early = gv_test_load_text (early_text, early_length);
    data = (AsyncData) { 0 };
    gv_run_verify_async (early, NULL, verify_done_cb, &data);
    WAIT_FOR (data.done);
    g_assert_no_error (data.error);
    g_assert_true (data.ok);
    g_assert_nonnull (data.note);
    g_assert_nonnull (strstr (data.note, "residue"));
    g_clear_pointer (&data.note, g_free);
  }

  /* And one that fails says why. */
  {
    g_autoptr(JsonNode) root = run_to_tree (run);
    g_autoptr(GvRun) tampered = NULL;
    JsonObject *params = json_object_get_object_member (json_node_get_object (root), "params");

    json_object_set_int_member (params, "seed", 8);
    tampered = tree_to_run (root, &data.error);
    g_assert_no_error (data.error);
    data = (AsyncData) { 0 };
    gv_run_verify_async (tampered, NULL, verify_done_cb, &data);
    WAIT_FOR (data.done);
    g_assert_false (data.ok);
    g_assert_null (data.note);
    g_assert_error (data.error, GV_ERROR, GV_ERROR_MISMATCH);
    g_clear_error (&data.error);
  }

  write_text (bad, "{\"format\": \"grapevine-run\", \"format_version\": 1}");
  data = (AsyncData) { 0 };
  gv_run_load_async (bad_file, NULL, load_done_cb, &data);
  WAIT_FOR (data.done);
  g_assert_null (data.run);
  g_assert_error (data.error, GV_ERROR, GV_ERROR_PARSE);
  g_assert_cmpstr (data.error->message, ==, "engine_version: missing");
  g_clear_error (&data.error);

  gv_test_remove_tmp_dir (dir);
}


/* CSV */

static void
append_cell (GString *s,
             double   v)
{
  g_string_append_c (s, ',');
  if (!isnan (v))
    g_string_append_printf (s, "%.0f", v);
}

static void
test_csv (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *csv = gv_run_to_csv (run);
  g_auto(GStrv) lines = g_strsplit (gv_test_csv_table (csv), "\n", -1);
  const GvProtocol *protocol = gv_run_get_params (run)->protocol;
  guint n = gv_run_get_n_records (run);

  /* The core's metrics, then the protocol's by id, a column a rumour for the per-item
   * one (two rumours by the end). */
  g_assert_cmpstr (lines[0], ==, "round,alive,crashed,recovered,sent_data,sent_requests,"
                                 "lost_data,lost_requests,dead_data,dead_requests,useful,"
                                 "redundant,sent,lost,dead,requests,informed,spreading,"
                                 "newly_informed,informed_by_rumor_1,informed_by_rumor_2");
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);
  g_assert_cmpstr (lines[n + 1], ==, "");

  for (guint i = 0; i < n; i++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, i);
      g_autoptr(GString) row = g_string_new (NULL);

      g_string_append_printf (row, "%u", rec->round);
      for (guint m = 0; m < GV_N_CORE_METRICS + protocol->n_metrics - 1; m++)
        append_cell (row, rec->values[m]);
      for (guint item = 0; item < 2; item++)
        append_cell (row, gv_round_record_get_item (rec, 0, item));

      g_assert_cmpstr (lines[i + 1], ==, row->str);
    }

  /* Round 0 knows one rumour: the second's cell is empty. */
  g_assert_true (g_str_has_suffix (lines[1], ",1,"));
}

/* What format 1 did not record is an empty cell, and nothing else is. */
static void
test_csv_format_1 (void)
{
  g_autoptr(GvRun) run = load_v1 ("nodetail-5000.grapevine");
  g_autofree char *csv = gv_run_to_csv (run);
  g_auto(GStrv) lines = g_strsplit (gv_test_csv_table (csv), "\n", -1);
  guint n = gv_run_get_n_records (run);
  guint empty = 0;

  /* No per-item columns: format 1 recorded none. */
  g_assert_true (g_str_has_suffix (lines[0], ",informed,spreading,newly_informed"));
  for (guint i = 0; i < n; i++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, i);
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 1 + rec->n_values - 1);
      for (guint m = 0; m + 1 < rec->n_values; m++)
        {
          g_assert_cmpint (cells[m + 1][0] == '\0', ==, isnan (rec->values[m]));
          empty += isnan (rec->values[m]);
        }
    }
  /* Beyond the detail cap, with loss and crashes, format 1 did not say which lost and
   * dead messages were requests. */
  g_assert_cmpuint (empty, >, 0);
}

/* The comment lines before the table: the engine version, then every parameter as the
 * run file's params name it, the protocol's by their own names, then the interventions
 * as grapevine-cli's --event writes them. */
static void
test_csv_comments (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GvRun) ae = ae_run ();
  g_autoptr(GvRun) iv = load_v1 (V1_AE);
  g_autofree char *csv = gv_run_to_csv (run);
  g_autofree char *ae_csv = gv_run_to_csv (ae);
  g_autofree char *iv_csv = gv_run_to_csv (iv);
  g_autofree char *expected = g_strdup_printf (
    "# engine_version: %s\n"
    "# protocol: rumor\n"
    "# nodes: 16\n"
    "# topology: complete\n"
    "# fanout: 1\n"
    "# loss: 0.1\n"
    "# crash: 0.05\n"
    "# recover: 0.3\n"
    "# recover_loses_state: false\n"
    "# max_rounds: 40\n"
    "# seed: 7\n"
    "# detail_cap: 4096\n"
    "# exchange: push-pull\n"
    "# stop: none\n"
    "# injections: [{\"node\": 0, \"round\": 0}, {\"node\": 5, \"round\": 3}]\n"
    "round,alive,", gv_run_get_engine_version (run));

  g_assert_true (g_str_has_prefix (csv, expected));

  /* A seed past 2^53 in full, the network as the CLI spells it, the protocol's
   * parameters and the key of each update. */
  g_assert_nonnull (strstr (ae_csv, "\n# protocol: anti-entropy\n"));
  g_assert_nonnull (strstr (ae_csv, "\n# topology: ring:4\n"));
  g_assert_nonnull (strstr (ae_csv, "\n# recover_loses_state: true\n"));
  g_assert_nonnull (strstr (ae_csv, "\n# seed: 18446744073709551610\n"));
  g_assert_nonnull (strstr (ae_csv, "\n# keys: 3\n"));
  g_assert_nonnull (strstr (ae_csv, "\n# injections: [{\"node\": 1, \"round\": 0, \"key\": 0}, "
                                    "{\"node\": 9, \"round\": 4, \"key\": 2}]\n"));
  g_assert_null (strstr (ae_csv, "# event: "));

  /* Each intervention, in order, as --event takes it: an update with its key, and the
   * faults in the shortest decimals that read back. */
  g_assert_cmpuint (gv_run_get_n_interventions (iv), ==, 4);
  g_assert_nonnull (strstr (iv_csv, "\n# event: 2:inject:12:1\n"
                                    "# event: 2:crash:3\n"
                                    "# event: 5:inject:20:0\n"
                                    "# event: 5:faults:loss=0.1,crash=0,recover=0\n"
                                    "round,"));
}

/* Schema: the subset of JSON Schema (2020-12) that data/run-file.schema.json uses.  A
 * keyword the checker does not know fails the test, so that the schema cannot say more
 * than is checked. */

static gboolean check_schema (JsonObject *defs, JsonNode *schema, JsonNode *value,
                              const char *path, char **why);

static gboolean
has_type (JsonNode   *value,
          const char *type)
{
  if (g_str_equal (type, "object"))
    return JSON_NODE_HOLDS_OBJECT (value);
  if (g_str_equal (type, "array"))
    return JSON_NODE_HOLDS_ARRAY (value);
  if (g_str_equal (type, "null"))
    return JSON_NODE_HOLDS_NULL (value);
  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (g_str_equal (type, "string"))
    return json_node_get_value_type (value) == G_TYPE_STRING;
  if (g_str_equal (type, "boolean"))
    return json_node_get_value_type (value) == G_TYPE_BOOLEAN;
  if (g_str_equal (type, "integer"))
    return json_node_get_value_type (value) == G_TYPE_INT64;
  if (g_str_equal (type, "number"))
    return json_node_get_value_type (value) == G_TYPE_INT64 ||
           json_node_get_value_type (value) == G_TYPE_DOUBLE;
  g_error ("schema: unknown type %s", type);
}

static gboolean
is_number (JsonNode *value)
{
  return has_type (value, "number");
}

static gboolean
json_equal_value (JsonNode *a,
                  JsonNode *b)
{
  return json_node_equal (a, b);
}

static gboolean
check_schema (JsonObject  *defs,
              JsonNode    *schema,
              JsonNode    *value,
              const char  *path,
              char       **why)
{
  JsonObject *s;
  g_autoptr(GList) keywords = NULL;

  /* true and false are schemas too: anything, and nothing. */
  if (JSON_NODE_HOLDS_VALUE (schema) && json_node_get_value_type (schema) == G_TYPE_BOOLEAN)
    {
      if (!json_node_get_boolean (schema))
        {
          *why = g_strdup_printf ("%s: not allowed", path);
          return FALSE;
        }
      return TRUE;
    }

  s = json_node_get_object (schema);
  keywords = json_object_get_members (s);

  for (GList *l = keywords; l != NULL; l = l->next)
    {
      const char *k = l->data;
      JsonNode *arg = json_object_get_member (s, k);

      if (g_str_equal (k, "description") || g_str_equal (k, "title") ||
          g_str_equal (k, "$schema") || g_str_equal (k, "$id") || g_str_equal (k, "$defs") ||
          g_str_equal (k, "$comment") || g_str_equal (k, "then") || g_str_equal (k, "else"))
        continue;

      if (g_str_equal (k, "$ref"))
        {
          const char *ref = json_node_get_string (arg);

          g_assert_true (g_str_has_prefix (ref, "#/$defs/"));
          g_assert_true (json_object_has_member (defs, ref + strlen ("#/$defs/")));
          if (!check_schema (defs, json_object_get_member (defs, ref + strlen ("#/$defs/")),
                             value, path, why))
            return FALSE;
        }
      else if (g_str_equal (k, "if"))
        {
          g_autofree char *ignored = NULL;
          const char *branch = check_schema (defs, arg, value, path, &ignored) ? "then" : "else";

          if (json_object_has_member (s, branch) &&
              !check_schema (defs, json_object_get_member (s, branch), value, path, why))
            return FALSE;
        }
      else if (g_str_equal (k, "type"))
        {
          gboolean ok = FALSE;

          if (JSON_NODE_HOLDS_ARRAY (arg))
            {
              JsonArray *types = json_node_get_array (arg);

              for (guint i = 0; i < json_array_get_length (types); i++)
                ok |= has_type (value, json_array_get_string_element (types, i));
            }
          else
            ok = has_type (value, json_node_get_string (arg));
          if (!ok)
            {
              *why = g_strdup_printf ("%s: wrong type", path);
              return FALSE;
            }
        }
      else if (g_str_equal (k, "const"))
        {
          if (!json_equal_value (arg, value))
            {
              *why = g_strdup_printf ("%s: not the constant", path);
              return FALSE;
            }
        }
      else if (g_str_equal (k, "enum"))
        {
          JsonArray *options = json_node_get_array (arg);
          gboolean ok = FALSE;

          for (guint i = 0; i < json_array_get_length (options); i++)
            ok |= json_equal_value (json_array_get_element (options, i), value);
          if (!ok)
            {
              *why = g_strdup_printf ("%s: not in the enum", path);
              return FALSE;
            }
        }
      else if (g_str_equal (k, "minimum") || g_str_equal (k, "maximum"))
        {
          if (is_number (value))
            {
              double v = json_node_get_double (value);
              double bound = json_node_get_double (arg);

              if (g_str_equal (k, "minimum") ? v < bound : v > bound)
                {
                  *why = g_strdup_printf ("%s: %g is beyond the %s %g", path, v, k, bound);
                  return FALSE;
                }
            }
        }
      else if (g_str_equal (k, "pattern"))
        {
          if (has_type (value, "string") &&
              !g_regex_match_simple (json_node_get_string (arg), json_node_get_string (value),
                                     0, 0))
            {
              *why = g_strdup_printf ("%s: “%s” does not match the pattern", path,
                                      json_node_get_string (value));
              return FALSE;
            }
        }
      else if (g_str_equal (k, "required"))
        {
          JsonArray *names = json_node_get_array (arg);

          if (JSON_NODE_HOLDS_OBJECT (value))
            for (guint i = 0; i < json_array_get_length (names); i++)
              if (!json_object_has_member (json_node_get_object (value),
                                           json_array_get_string_element (names, i)))
                {
                  *why = g_strdup_printf ("%s: %s is missing", path,
                                          json_array_get_string_element (names, i));
                  return FALSE;
                }
        }
      else if (g_str_equal (k, "properties"))
        {
          JsonObject *props = json_node_get_object (arg);
          g_autoptr(GList) names = json_object_get_members (props);

          if (JSON_NODE_HOLDS_OBJECT (value))
            for (GList *n = names; n != NULL; n = n->next)
              {
                JsonNode *member = json_object_get_member (json_node_get_object (value),
                                                           n->data);
                g_autofree char *sub = g_strdup_printf ("%s.%s", path, (char *) n->data);

                if (member != NULL &&
                    !check_schema (defs, json_object_get_member (props, n->data), member,
                                   sub, why))
                  return FALSE;
              }
        }
      else if (g_str_equal (k, "additionalProperties"))
        {
          JsonNode *props = json_object_get_member (s, "properties");

          if (JSON_NODE_HOLDS_OBJECT (value))
            {
              JsonObject *obj = json_node_get_object (value);
              g_autoptr(GList) names = json_object_get_members (obj);

              for (GList *n = names; n != NULL; n = n->next)
                {
                  g_autofree char *sub = g_strdup_printf ("%s.%s", path, (char *) n->data);

                  if (props != NULL &&
                      json_object_has_member (json_node_get_object (props), n->data))
                    continue;
                  if (!check_schema (defs, arg, json_object_get_member (obj, n->data), sub, why))
                    return FALSE;
                }
            }
        }
      else if (g_str_equal (k, "items"))
        {
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *items = json_node_get_array (value);

              for (guint i = 0; i < json_array_get_length (items); i++)
                {
                  g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

                  if (!check_schema (defs, arg, json_array_get_element (items, i), sub, why))
                    return FALSE;
                }
            }
        }
      else if (g_str_equal (k, "minItems") || g_str_equal (k, "maxItems"))
        {
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              guint n = json_array_get_length (json_node_get_array (value));
              gint64 bound = json_node_get_int (arg);

              if (g_str_equal (k, "minItems") ? n < bound : n > bound)
                {
                  *why = g_strdup_printf ("%s: too %s items", path,
                                          g_str_equal (k, "minItems") ? "few" : "many");
                  return FALSE;
                }
            }
        }
      else
        g_error ("schema: the test's checker does not know the keyword “%s”", k);
    }

  return TRUE;
}

static JsonNode *
load_schema (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "run-file.schema.json", NULL);

  return gv_test_parse_file (path);
}

static gboolean
validate_tree (JsonNode  *schema,
               JsonNode  *root,
               char     **why)
{
  JsonObject *defs = json_object_get_object_member (json_node_get_object (schema), "$defs");

  return check_schema (defs, schema, root, "$", why);
}

static void
assert_valid (JsonNode *schema,
              GvRun    *run)
{
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autofree char *why = NULL;

  if (!validate_tree (schema, root, &why))
    g_error ("a file the loader reads is not valid by the schema: %s", why);
}

static void
test_schema (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  g_autoptr(GvParams) ae = gv_test_params ("anti-entropy", 40, "keys=4", NULL);
  g_autoptr(GvParams) big = gv_test_params ("rumor", 5000, "stop=ttl:20", NULL);
  g_autoptr(GvRun) small = small_run ();
  g_autoptr(GvRun) ae_big_seed = NULL;
  g_autoptr(GvRun) big_run = NULL;
  g_autoptr(GvRun) v1_again = NULL;
  g_autoptr(JsonNode) broken = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "regression", "format-1", NULL);
  g_autoptr(GDir) folder = NULL;
  g_autofree char *why = NULL;
  const char *name;
  guint n_v1 = 0;

  ae->topology = GV_TOPOLOGY_WS;
  ae->topology_k = 4;
  ae->topology_p = 1e-05;
  ae->seed = G_MAXUINT64;
  gv_params_add_injection (ae, 3, 0, 2);
  ae_big_seed = gv_test_simulate (ae, 2);

  big->crash = 0.01;
  big_run = gv_test_simulate (big, 2);

  /* Format 2: every protocol, detail or none, seeds past 2^53, views by item. */
  assert_valid (schema, small);
  assert_valid (schema, ae_big_seed);
  assert_valid (schema, big_run);
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      g_autoptr(GvParams) p = gv_params_new_for (gv_protocol_get_nth (i));
      g_autoptr(GvRun) run = NULL;

      p->n_nodes = 20;
      p->crash = 0.05;
      p->recover = 0.5;
      run = gv_test_simulate (p, 2);
      assert_valid (schema, run);
    }

  /* Format 1: every file 0.1.0 saved, and one of them saved again. */
  folder = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".grapevine"))
      {
        g_autoptr(JsonNode) root = v1_tree (name);

        if (!validate_tree (schema, root, &why))
          g_error ("%s is not valid by the schema: %s", name, why);
        n_v1++;
      }
  g_assert_cmpuint (n_v1, >, 0);
  v1_again = load_v1 (V1_RUMOR);
  assert_valid (schema, v1_again);

  /* The checker does check: a file the loader refuses is refused by the schema too. */
  broken = run_to_tree (small);
  json_object_remove_member (member_object (broken, "rounds", 1), "alive");
  g_assert_false (validate_tree (schema, broken, &why));
  g_assert_cmpstr (why, ==, "$.rounds[1]: alive is missing");
  g_clear_pointer (&why, g_free);
  g_clear_pointer (&broken, json_node_unref);

  /* In both formats, by the version's own members. */
  broken = v1_tree (V1_RUMOR);
  json_object_remove_member (member_object (broken, "rounds", 1), "carrying");
  g_assert_false (validate_tree (schema, broken, &why));
  g_assert_cmpstr (why, ==, "$.rounds[1]: carrying is missing");
  g_clear_pointer (&why, g_free);
  g_clear_pointer (&broken, json_node_unref);

  broken = run_to_tree (small);
  json_object_remove_member (json_object_get_object_member (json_node_get_object (broken),
                                                            "params"), "protocol_params");
  g_assert_false (validate_tree (schema, broken, &why));
  g_assert_cmpstr (why, ==, "$.params: protocol_params is missing");
  g_clear_pointer (&why, g_free);
  g_clear_pointer (&broken, json_node_unref);

  broken = run_to_tree (small);
  json_object_set_int_member (json_node_get_object (broken), "format_version", 3);
  g_assert_false (validate_tree (schema, broken, &why));
  g_assert_cmpstr (why, ==, "$.format_version: not in the enum");
}

/* Replay and comparison */

/* Round by round, in every view, the replayed classes are the engine's. */
static void
assert_classes_replay (const GvParams *p,
                       GvRun          *run)
{
  g_autoptr(GvEngine) engine = gv_test_engine_new (p, 1);
  g_autofree guint8 *from_run = g_malloc (p->n_nodes);
  g_autofree guint8 *from_engine = g_malloc (p->n_nodes);
  guint views_seen = 0;

  gv_round_record_unref (gv_engine_initial_record (engine));
  g_assert_true (gv_run_has_detail (run));

  for (guint32 r = 0; r <= gv_run_get_last_round (run); r++)
    {
      if (r > 0)
        gv_round_record_unref (gv_engine_step (engine));
      for (guint view = 0; view < gv_engine_get_n_views (engine); view++)
        {
          gv_engine_classify_all (engine, view, from_engine);
          gv_run_get_node_classes (run, r, view, from_run);
          g_assert_cmpmem (from_run, p->n_nodes, from_engine, p->n_nodes);
        }
      views_seen = MAX (views_seen, gv_engine_get_n_views (engine));
    }
  g_assert_cmpuint (views_seen, ==, gv_run_get_n_views (run));
}

static void
test_node_classes_detail (void)
{
  g_autoptr(GvParams) p = small_params ();
  g_autoptr(GvParams) ae = ae_params ();
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GvRun) ae_loaded = NULL;

  assert_classes_replay (p, run);
  g_assert_cmpuint (gv_run_get_n_views (run), ==, 3);

  {
    g_autoptr(GvRun) a = ae_run ();

    ae_loaded = save_and_load (a);
  }
  assert_classes_replay (ae, ae_loaded);
  g_assert_cmpuint (gv_run_get_n_views (ae_loaded), >, 1);
}

static void
test_node_classes_beyond_cap (void)
{
  g_autoptr(GvParams) p = gv_test_params ("rumor", 6000, "exchange=push", NULL);
  g_autoptr(GvRun) run = NULL;
  g_autofree guint8 *classes = NULL;
  const GvClassTable *table;
  guint uninformed, informed;

  p->crash = 0.02;
  p->recover = 0.3;
  run = gv_test_simulate (p, 2);
  classes = g_malloc (p->n_nodes);
  table = gv_run_get_classes (run);
  p->protocol->plain_classes (p, &uninformed, &informed);
  g_assert_cmpuint (informed, ==, gv_test_class (table, "spreading"));
  g_assert_cmpuint (uninformed, ==, gv_test_class (table, "uninformed"));

  /* Without forgetting, who is down and who is informed follow exactly from the
   * crash and recover events and the first-informed rounds. */
  for (guint32 r = 0; r <= gv_run_get_last_round (run); r++)
    {
      GvRoundRecord *rec = gv_run_get_record (run, r);
      guint32 crashed = 0, n_informed = 0;

      gv_run_get_node_classes (run, r, 0, classes);
      for (guint32 v = 0; v < p->n_nodes; v++)
        {
          crashed += classes[v] == table->crashed;
          n_informed += classes[v] == informed;
          g_assert_true (classes[v] == table->crashed || classes[v] == informed ||
                         classes[v] == uninformed);
        }
      g_assert_cmpuint (crashed, ==, p->n_nodes - REC_ALIVE (rec));
      g_assert_cmpuint (n_informed, ==, REC_METRIC (rec, p->protocol, "informed"));
    }
}

static void
test_labels (void)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) labels = NULL;

  for (guint32 fanout = 1; fanout <= 3; fanout++)
    {
      g_autoptr(GvParams) p = gv_params_new ();

      p->n_nodes = 50;
      p->fanout = fanout;
      g_ptr_array_add (runs, gv_test_simulate (p, 2));
    }
  labels = gv_run_label_differences ((GvRun **) runs->pdata, runs->len);
  g_assert_cmpuint (g_strv_length (labels), ==, 3);
  g_assert_cmpstr (labels[0], ==, "fanout 1");
  g_assert_cmpstr (labels[1], ==, "fanout 2");
  g_assert_cmpstr (labels[2], ==, "fanout 3");
  g_clear_pointer (&labels, g_strfreev);

  {
    g_autoptr(GvParams) p = gv_test_params ("rumor", 50, "exchange=push", NULL);

    p->fanout = 2;
    p->loss = 0.1;
    g_ptr_array_add (runs, gv_test_simulate (p, 2));
  }
  labels = gv_run_label_differences ((GvRun **) runs->pdata, runs->len);
  g_assert_cmpstr (labels[0], ==, "push-pull, fanout 1, loss 0%");
  g_assert_cmpstr (labels[3], ==, "push, fanout 2, loss 10%");
  g_clear_pointer (&labels, g_strfreev);

  /* One run is described in full. */
  labels = gv_run_label_differences ((GvRun **) runs->pdata + 1, 1);
  g_assert_cmpstr (labels[0], ==, "rumour mongering, push-pull, complete, 50 nodes, fanout 2");
  g_clear_pointer (&labels, g_strfreev);
  /* The same run twice: nothing tells them apart. */
  {
    GvRun *same[2] = { runs->pdata[0], runs->pdata[0] };

    labels = gv_run_label_differences (same, 2);
    g_assert_cmpstr (labels[0], ==, "run 1");
    g_assert_cmpstr (labels[1], ==, "run 2");
    g_clear_pointer (&labels, g_strfreev);
  }

  /* Runs of different protocols: each named, with only the parameters it has. */
  {
    g_autoptr(GvParams) flood = gv_params_new_for (gv_protocol_find ("flood"));
    g_autoptr(GvRun) flood_run = NULL;
    GvRun *mixed[2] = { runs->pdata[0], NULL };

    flood->n_nodes = 50;
    flood_run = gv_test_simulate (flood, 2);
    mixed[1] = flood_run;
    labels = gv_run_label_differences (mixed, 2);
    g_assert_cmpstr (labels[0], ==, "rumour mongering, push-pull, stop none");
    g_assert_cmpstr (labels[1], ==, "flooding");
  }
}

/* The crash and recover events, like the rest of a run, do not depend on the threads. */
static void
test_threads_agree (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvRun) one = NULL;
  g_autoptr(GvRun) four = NULL;

  p->n_nodes = 5000;
  p->detail_cap = 5000;
  p->crash = 0.02;
  p->recover = 0.2;
  p->loss = 0.1;
  one = gv_test_simulate (p, 1);
  four = gv_test_simulate (p, 4);

  g_assert_cmpuint (gv_run_get_record (one, 1)->n_crashed, >, 0);
  assert_runs_identical (one, four);
}

static void
test_equal (void)
{
  g_autoptr(GvRun) a = small_run ();
  g_autoptr(GvRun) b = small_run ();
  g_autoptr(GvParams) p = small_params ();
  g_autoptr(GvRun) c = NULL;
  g_autoptr(GvRun) v1 = load_v1 (V1_RUMOR);
  g_autoptr(GvRun) v1_again = load_v1 (V1_RUMOR);
  g_autoptr(GvRun) resimulated = NULL;

  g_assert_true (gv_run_equal (a, b));
  p->seed = 8;
  c = gv_test_simulate (p, 2);
  g_assert_false (gv_run_equal (a, c));

  /* A format-1 run is itself; re-simulated, it has what format 1 did not record, and
   * is another run. */
  g_assert_true (gv_run_equal (v1, v1_again));
  resimulated = gv_test_simulate (gv_run_get_params (v1), 2);
  g_assert_false (gv_run_equal (v1, resimulated));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run-file/round-trip/detail", test_round_trip_detail);
  g_test_add_func ("/run-file/round-trip/beyond-cap", test_round_trip_beyond_cap);
  g_test_add_func ("/run-file/round-trip/anti-entropy", test_round_trip_anti_entropy);
  g_test_add_func ("/run-file/round-trip/every-protocol", test_round_trip_every_protocol);
  g_test_add_func ("/run-file/round-trip/late-news", test_round_trip_late_news);
  g_test_add_func ("/run-file/round-trip/tiny-numbers", test_round_trip_tiny_numbers);
  g_test_add_func ("/run-file/round-trip/format-1", test_round_trip_format_1);
  g_test_add_func ("/run-file/json-doubles", test_json_doubles);
  g_test_add_func ("/run-file/simulator/interventions", test_simulator_interventions);
  g_test_add_func ("/run-file/simulator/updates", test_simulator_updates);
  g_test_add_func ("/run-file/simulator/reset", test_simulator_reset);
  g_test_add_func ("/run-file/simulator/busy", test_simulator_busy);
  g_test_add_func ("/run-file/verify/real-run", test_verify_real_run);
  g_test_add_func ("/run-file/verify/tampered-message", test_verify_tampered_message);
  g_test_add_func ("/run-file/verify/tampered-metric", test_verify_tampered_metric);
  g_test_add_func ("/run-file/verify/tampered-item", test_verify_tampered_item);
  g_test_add_func ("/run-file/verify/tampered-change", test_verify_tampered_change);
  g_test_add_func ("/run-file/verify/tampered-first-informed",
                   test_verify_tampered_first_informed);
  g_test_add_func ("/run-file/verify/tampered-figure", test_verify_tampered_figure);
  g_test_add_func ("/run-file/verify/other-seed", test_verify_other_seed);
  g_test_add_func ("/run-file/verify/not-recorded", test_verify_not_recorded);
  g_test_add_func ("/run-file/verify/cancelled", test_verify_cancelled);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/run-file/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/run-file/bad/truncated", test_truncated);
  g_test_add_func ("/run-file/bad/garbage", test_garbage);

  g_test_add_func ("/run-file/save/cancelled", test_save_cancelled);
  g_test_add_func ("/run-file/save/write-fails", test_save_write_fails);
  g_test_add_func ("/run-file/save/read-only-dir", test_save_read_only_dir);
  g_test_add_func ("/run-file/save/onto-directory", test_save_onto_directory);
  g_test_add_func ("/run-file/save/replaces", test_save_replaces);
  g_test_add_func ("/run-file/load/missing-file", test_load_missing_file);
  g_test_add_func ("/run-file/load/too-large", test_load_too_large);
  g_test_add_func ("/run-file/async", test_async);
  g_test_add_func ("/run-file/csv", test_csv);
  g_test_add_func ("/run-file/csv-format-1", test_csv_format_1);
  g_test_add_func ("/run-file/csv-comments", test_csv_comments);
  g_test_add_func ("/run-file/schema", test_schema);
  g_test_add_func ("/run-file/node-classes/detail", test_node_classes_detail);
  g_test_add_func ("/run-file/node-classes/beyond-cap", test_node_classes_beyond_cap);
  g_test_add_func ("/run-file/labels", test_labels);
  g_test_add_func ("/run-file/threads-agree", test_threads_agree);
  g_test_add_func ("/run-file/equal", test_equal);

  status = g_test_run ();
  for (guint i = 0; i < N_BASES; i++)
    g_clear_pointer (&base_texts[i], g_free);
  return status;
}
