/* test-run-file.c: runs as files: round trips, verification, bad input, atomic saves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
#include "gv-run-file.h"
#include "gv-test-util.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

/* A small detailed run with every kind of event: 16 nodes, push-pull, losses, crashes
 * and recoveries, two rumours. */
static GvParams *
small_params (void)
{
  GvParams *p = gv_params_new ();

  p->n_nodes = 16;
  p->exchange = GV_EXCHANGE_PUSH_PULL;
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
simulate (const GvParams *params)
{
  g_autoptr(GError) error = NULL;
  GvRun *run = gv_run_simulate (params, 2, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

static GvRun *
small_run (void)
{
  g_autoptr(GvParams) p = small_params ();

  return simulate (p);
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

static void
assert_records_equal (GvRun *a,
                      GvRun *b)
{
  g_assert_cmpuint (gv_run_get_n_records (a), ==, gv_run_get_n_records (b));

  for (guint i = 0; i < gv_run_get_n_records (a); i++)
    {
      const GvRoundRecord *x = gv_run_get_record (a, i);
      const GvRoundRecord *y = gv_run_get_record (b, i);

      g_assert_cmpuint (x->round, ==, i);
      g_assert_cmpuint (y->round, ==, i);
      g_assert_cmpuint (x->alive, ==, y->alive);
      g_assert_cmpuint (x->informed, ==, y->informed);
      g_assert_cmpuint (x->spreading, ==, y->spreading);
      g_assert_cmpuint (x->newly_informed, ==, y->newly_informed);
      g_assert_cmpuint (x->crashed, ==, y->crashed);
      g_assert_cmpuint (x->recovered, ==, y->recovered);
      g_assert_cmpuint (x->sent, ==, y->sent);
      g_assert_cmpuint (x->carrying, ==, y->carrying);
      g_assert_cmpuint (x->lost, ==, y->lost);
      g_assert_cmpuint (x->dead, ==, y->dead);
      g_assert_cmpuint (x->redundant, ==, y->redundant);
      g_assert_cmpuint (x->n_messages, ==, y->n_messages);
      g_assert_cmpuint (x->n_changes, ==, y->n_changes);
      g_assert_cmpint (x->messages == NULL, ==, y->messages == NULL);
      if (x->n_messages > 0)
        g_assert_cmpmem (x->messages, x->n_messages * sizeof (GvMessageEvent),
                         y->messages, y->n_messages * sizeof (GvMessageEvent));
      if (x->n_changes > 0)
        g_assert_cmpmem (x->changes, x->n_changes * sizeof (GvStateEvent),
                         y->changes, y->n_changes * sizeof (GvStateEvent));
      if (x->crashed > 0)
        g_assert_cmpmem (x->crashed_nodes, x->crashed * sizeof (guint32),
                         y->crashed_nodes, y->crashed * sizeof (guint32));
      if (x->recovered > 0)
        g_assert_cmpmem (x->recovered_nodes, x->recovered * sizeof (guint32),
                         y->recovered_nodes, y->recovered * sizeof (guint32));
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
  g_assert_true (sa.residue == sb.residue);
  g_assert_true (sa.traffic == sb.traffic);
  g_assert_true (sa.t_avg == sb.t_avg);
  g_assert_true (sa.t_last == sb.t_last);
  g_assert_cmpuint (sa.messages, ==, sb.messages);

  fa = gv_run_get_first_informed (a, &na);
  fb = gv_run_get_first_informed (b, &nb);
  g_assert_cmpmem (fa, na * sizeof (gint32), fb, nb * sizeof (gint32));

  g_assert_cmpuint (gv_run_get_n_interventions (a), ==, gv_run_get_n_interventions (b));
  for (guint i = 0; i < gv_run_get_n_interventions (a); i++)
    g_assert_cmpmem (gv_run_get_intervention (a, i), sizeof (GvIntervention),
                     gv_run_get_intervention (b, i), sizeof (GvIntervention));

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
  guint64 messages = 0, crashes = 0, recoveries = 0, changes = 0;

  g_assert_true (gv_run_has_detail (run));
  for (guint i = 0; i < gv_run_get_n_records (run); i++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, i);

      messages += rec->n_messages;
      changes += rec->n_changes;
      crashes += rec->crashed;
      recoveries += rec->recovered;
    }
  /* The run has something of everything to carry. */
  g_assert_cmpuint (messages, >, 100);
  g_assert_cmpuint (changes, >, 16);
  g_assert_cmpuint (crashes, >, 0);
  g_assert_cmpuint (recoveries, >, 0);

  loaded = save_and_load (run);
  g_assert_true (gv_run_has_detail (loaded));
  g_assert_cmpstr (gv_run_get_engine_version (loaded), ==, PACKAGE_VERSION);
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
  run = simulate (p);

  g_assert_false (gv_run_has_detail (run));
  for (guint i = 0; i < gv_run_get_n_records (run); i++)
    {
      g_assert_null (gv_run_get_record (run, i)->messages);
      crashes += gv_run_get_record (run, i)->crashed;
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
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) loaded = NULL;

  p->n_nodes = 40;
  p->mode = GV_MODE_ANTI_ENTROPY;
  p->topology = GV_TOPOLOGY_RING;
  p->topology_k = 4;
  p->n_keys = 3;
  p->loss = 0.2;
  p->crash = 0.02;
  p->recover = 0.5;
  p->recover_loses_state = TRUE;
  p->seed = G_MAXUINT64 - 5;   /* past 2^53: a string in the file */
  gv_params_add_injection (p, 1, 0, 0);
  gv_params_add_injection (p, 9, 4, 2);
  run = simulate (p);

  loaded = save_and_load (run);
  g_assert_cmpuint (gv_run_get_params (loaded)->seed, ==, G_MAXUINT64 - 5);
  assert_runs_identical (run, loaded);
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
  run = simulate (p);
  loaded = save_and_load (run);

  g_assert_true (gv_run_get_params (loaded)->loss == 1e-05);
  g_assert_true (gv_run_get_params (loaded)->crash == 3.3e-07);
  assert_runs_identical (run, loaded);
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
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvSimulator) sim = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) loaded = NULL;
  g_autoptr(GError) error = NULL;

  p->n_nodes = 60;
  p->exchange = GV_EXCHANGE_PUSH;
  p->stop = GV_STOP_FEEDBACK_COUNTER;
  p->stop_k = 2;
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

  g_assert_true (gv_run_verify (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gv_run_verify (loaded, NULL, &error));
  g_assert_no_error (error);
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

static void
test_verify_tampered_message (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint r = round_with_messages (root);
  JsonArray *messages = json_object_get_array_member (member_object (root, "events", r),
                                                      "messages");
  gint64 code = json_array_get_int_element (messages, 0);
  guint32 n = 16;
  guint64 pair = (guint64) code / 16;
  guint32 src = pair / n, dst = pair % n;
  guint32 other = (dst + 1) % n == src ? (dst + 2) % n : (dst + 1) % n;

  /* The same kind of message to another node: every count still adds up, so the file
   * loads, and only a re-simulation can tell. */
  json_array_remove_element (messages, 0);
  json_array_add_int_element (messages, (gint64) (((guint64) src * n + other) * 16 + code % 16));
  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);

  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  expected = g_strdup_printf ("round %u: ", r);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_nonnull (strstr (error->message, "when re-simulated"));
}

static void
test_verify_tampered_metric (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(JsonNode) root = run_to_tree (run);
  g_autoptr(GvRun) tampered = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *round = member_object (root, "rounds", 6);
  gint64 n = json_object_get_int_member (round, "newly_informed");

  json_object_set_int_member (round, "newly_informed", n + 1);
  tampered = tree_to_run (root, &error);
  g_assert_no_error (error);

  g_assert_false (gv_run_verify (tampered, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  {
    g_autofree char *expected =
      g_strdup_printf ("round 6: newly_informed is %" G_GINT64_FORMAT " in the run but %"
                       G_GINT64_FORMAT " when re-simulated", n + 1, n);
    g_assert_cmpstr (error->message, ==, expected);
  }
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

  json_array_remove_element (first, 3);
  json_array_add_int_element (first, was == 0 ? 1 : 0);
  /* Remove-and-append moved nodes 4… down; put the order back by rebuilding. */
  {
    g_autoptr(JsonArray) rebuilt = json_array_new ();
    guint len = json_array_get_length (first);

    for (guint v = 0; v < len; v++)
      {
        gint64 value = v < 3 ? json_array_get_int_element (first, v)
                     : v == 3 ? json_array_get_int_element (first, len - 1)
                     : json_array_get_int_element (first, v - 1);
        json_array_add_int_element (rebuilt, value);
      }
    json_object_set_array_member (json_node_get_object (root), "first_informed",
                                  g_steal_pointer (&rebuilt));
  }

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

typedef struct
{
  const char *name;
  const char *text;        /* a whole file instead of a mutation */
  Mutation    mutate;
  GvError     code;
  const char *message;     /* the whole message; "…" at the end: a prefix */
} BadCase;

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

static void
mut_no_format (JsonNode *root)
{
  json_object_remove_member (json_node_get_object (root), "format");
}

static void
mut_other_format (JsonNode *root)
{
  json_object_set_string_member (json_node_get_object (root), "format", "pngs-of-cats");
}

static void
mut_version_2 (JsonNode *root)
{
  json_object_set_int_member (json_node_get_object (root), "format_version", 2);
}

static void
mut_version_0 (JsonNode *root)
{
  json_object_set_int_member (json_node_get_object (root), "format_version", 0);
}

static void
mut_version_string (JsonNode *root)
{
  json_object_set_string_member (json_node_get_object (root), "format_version", "1");
}

static void
mut_no_engine_version (JsonNode *root)
{
  json_object_remove_member (json_node_get_object (root), "engine_version");
}

static void
mut_engine_version_surrogate (JsonNode *root)
{
  /* test_bad_input() writes this as a lone surrogate, "\ud800", which json-glib turns
   * into bytes that are not UTF-8. */
  json_object_set_string_member (json_node_get_object (root), "engine_version",
                                 "@SURROGATE@0.1.0");
}

static void
mut_engine_version_long (JsonNode *root)
{
  json_object_set_string_member (json_node_get_object (root), "engine_version",
                                 "0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0 0.1.0");
}

static void
mut_no_params (JsonNode *root)
{
  json_object_remove_member (json_node_get_object (root), "params");
}

static JsonObject *
params_of (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "params");
}

static void
mut_absurd_nodes (JsonNode *root)
{
  json_object_set_int_member (params_of (root), "nodes", G_GINT64_CONSTANT (1000000000000));
}

static void
mut_negative_nodes (JsonNode *root)
{
  json_object_set_int_member (params_of (root), "nodes", -5);
}

static void
mut_too_many_nodes (JsonNode *root)
{
  json_object_set_int_member (params_of (root), "nodes", 20000000);
}

static void
mut_fanout_string (JsonNode *root)
{
  json_object_set_string_member (params_of (root), "fanout", "two");
}

static void
mut_bad_topology (JsonNode *root)
{
  json_object_set_string_member (params_of (root), "topology", "hypercube");
}

static void
mut_no_summary (JsonNode *root)
{
  json_object_remove_member (json_node_get_object (root), "summary");
}

static JsonObject *
summary_of (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "summary");
}

static void
mut_summary_messages (JsonNode *root)
{
  JsonObject *s = summary_of (root);

  json_object_set_int_member (s, "messages", json_object_get_int_member (s, "messages") + 1);
}

static void
mut_summary_rounds (JsonNode *root)
{
  json_object_set_int_member (summary_of (root), "rounds", 3);
}

static void
mut_summary_residue (JsonNode *root)
{
  json_object_set_double_member (summary_of (root), "residue", -0.5);
}

static void
mut_summary_converged (JsonNode *root)
{
  json_object_set_string_member (summary_of (root), "converged", "yes");
}

static void
mut_detail_false (JsonNode *root)
{
  json_object_set_boolean_member (json_node_get_object (root), "detail", FALSE);
}

static void
mut_no_rounds (JsonNode *root)
{
  json_object_remove_member (json_node_get_object (root), "rounds");
}

static void
mut_rounds_object (JsonNode *root)
{
  json_object_set_object_member (json_node_get_object (root), "rounds", json_object_new ());
}

static void
mut_rounds_empty (JsonNode *root)
{
  json_object_set_array_member (json_node_get_object (root), "rounds", json_array_new ());
}

static void
mut_round_missing_field (JsonNode *root)
{
  json_object_remove_member (member_object (root, "rounds", 3), "informed");
}

static void
mut_round_wrong_type (JsonNode *root)
{
  json_object_set_string_member (member_object (root, "rounds", 3), "sent", "many");
}

static void
mut_round_fraction (JsonNode *root)
{
  json_object_set_double_member (member_object (root, "rounds", 3), "informed", 2.5);
}

static void
mut_round_negative (JsonNode *root)
{
  set_round_member (root, 3, "sent", -1);
}

static void
mut_informed_over_alive (JsonNode *root)
{
  set_round_member (root, 2, "informed", round_member (root, 2, "alive") + 1);
}

static void
mut_spreading_over_alive (JsonNode *root)
{
  set_round_member (root, 2, "spreading", 70);
}

static void
mut_carrying_over_sent (JsonNode *root)
{
  set_round_member (root, 2, "carrying", round_member (root, 2, "sent") + 1);
}

static void
mut_alive_over_nodes (JsonNode *root)
{
  set_round_member (root, 2, "alive", 17);
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
mut_rounds_swapped (JsonNode *root)
{
  JsonArray *rounds = json_object_get_array_member (json_node_get_object (root), "rounds");
  g_autoptr(JsonArray) swapped = json_array_new ();

  for (guint i = 0; i < json_array_get_length (rounds); i++)
    json_array_add_element (swapped,
                            json_node_copy (json_array_get_element (rounds,
                                                                    i == 2 ? 3 : i == 3 ? 2 : i)));
  json_object_set_array_member (json_node_get_object (root), "rounds",
                                g_steal_pointer (&swapped));
}

static void
mut_round_missing (JsonNode *root)
{
  JsonArray *rounds = json_object_get_array_member (json_node_get_object (root), "rounds");

  json_array_remove_element (rounds, 4);
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

static JsonObject *
events_of (JsonNode *root,
           guint     index)
{
  return member_object (root, "events", index);
}

static void
mut_events_short (JsonNode *root)
{
  json_array_remove_element (json_object_get_array_member (json_node_get_object (root),
                                                           "events"), 5);
}

static void
mut_events_round (JsonNode *root)
{
  json_object_set_int_member (events_of (root, 4), "round", 9);
}

static void
mut_message_bad_node (JsonNode *root)
{
  guint r = round_with_messages (root);
  JsonArray *m = json_object_get_array_member (events_of (root, r), "messages");
  g_autoptr(JsonArray) rebuilt = json_array_new ();

  /* Node 900 sends to node 1, a useful message with data: (900 × 16 + 1) × 16 + 1. */
  json_array_add_int_element (rebuilt, (900 * 16 + 1) * 16 + 1);
  for (guint k = 1; k < json_array_get_length (m); k++)
    json_array_add_int_element (rebuilt, json_array_get_int_element (m, k));
  json_object_set_array_member (events_of (root, r), "messages", g_steal_pointer (&rebuilt));
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
mut_message_outcome (JsonNode *root)
{
  guint r = round_with_messages (root);
  JsonArray *m = json_object_get_array_member (events_of (root, r), "messages");
  gint64 code = json_array_get_int_element (m, 0);
  g_autoptr(JsonArray) rebuilt = json_array_new ();

  json_array_add_int_element (rebuilt, code / 16 * 16 + 15);   /* outcome 7 */
  for (guint k = 1; k < json_array_get_length (m); k++)
    json_array_add_int_element (rebuilt, json_array_get_int_element (m, k));
  json_object_set_array_member (events_of (root, r), "messages", g_steal_pointer (&rebuilt));
}

static void
mut_message_to_self (JsonNode *root)
{
  guint r = round_with_messages (root);
  JsonArray *m = json_object_get_array_member (events_of (root, r), "messages");
  g_autoptr(JsonArray) rebuilt = json_array_new ();

  json_array_add_int_element (rebuilt, (2 * 16 + 2) * 16 + 1);
  for (guint k = 1; k < json_array_get_length (m); k++)
    json_array_add_int_element (rebuilt, json_array_get_int_element (m, k));
  json_object_set_array_member (events_of (root, r), "messages", g_steal_pointer (&rebuilt));
}

static void
mut_message_missing (JsonNode *root)
{
  guint r = round_with_messages (root);

  json_array_remove_element (json_object_get_array_member (events_of (root, r), "messages"), 0);
}

/* A useful message with data marked lost: the count of lost messages no longer adds up. */
static void
mut_message_lost_count (JsonNode *root)
{
  JsonArray *events = json_object_get_array_member (json_node_get_object (root), "events");

  for (guint i = 1; i < json_array_get_length (events); i++)
    {
      JsonArray *m = json_object_get_array_member (json_array_get_object_element (events, i),
                                                   "messages");

      for (guint k = 0; k < json_array_get_length (m); k++)
        {
          gint64 code = json_array_get_int_element (m, k);

          if (code % 16 == 1)   /* useful, with data */
            {
              g_autoptr(JsonArray) rebuilt = json_array_new ();

              for (guint j = 0; j < json_array_get_length (m); j++)
                json_array_add_int_element (rebuilt, j == k ? code / 16 * 16 + 2 * 2 + 1
                                                            : json_array_get_int_element (m, j));
              json_object_set_array_member (json_array_get_object_element (events, i),
                                            "messages", g_steal_pointer (&rebuilt));
              /* Leave a mark of the round for the expected message. */
              json_object_set_int_member (json_node_get_object (root), "tampered_round", i);
              return;
            }
        }
    }

  g_assert_not_reached ();
}

static void
mut_change_bad_node (JsonNode *root)
{
  JsonArray *c = json_object_get_array_member (events_of (root, 0), "changes");

  json_array_add_int_element (c, 99 * 4 + 1);
}

static void
mut_change_order (JsonNode *root)
{
  JsonArray *c = json_object_get_array_member (events_of (root, 0), "changes");

  json_array_add_int_element (c, 0 * 4 + 1);
}

static void
mut_crashed_bad_node (JsonNode *root)
{
  JsonArray *rounds = json_object_get_array_member (json_node_get_object (root), "rounds");

  for (guint i = 1; i < json_array_get_length (rounds); i++)
    if (json_object_get_int_member (json_array_get_object_element (rounds, i), "crashed") > 0)
      {
        JsonArray *c = json_object_get_array_member (events_of (root, i), "crashed");

        json_array_remove_element (c, 0);
        json_array_add_int_element (c, 40);
        json_object_set_int_member (json_node_get_object (root), "tampered_round", i);
        return;
      }

  g_assert_not_reached ();
}

static void
mut_crashed_count (JsonNode *root)
{
  json_array_add_int_element (json_object_get_array_member (events_of (root, 1), "crashed"),
                              15);
}

static void
mut_messages_without_detail (JsonNode *root)
{
  json_object_set_int_member (params_of (root), "detail_cap", 10);
  json_object_set_boolean_member (json_node_get_object (root), "detail", FALSE);
}

static void
mut_first_informed_short (JsonNode *root)
{
  json_array_remove_element (json_object_get_array_member (json_node_get_object (root),
                                                           "first_informed"), 0);
}

static void
mut_first_informed_late (JsonNode *root)
{
  JsonArray *f = json_object_get_array_member (json_node_get_object (root), "first_informed");
  g_autoptr(JsonArray) rebuilt = json_array_new ();

  for (guint v = 0; v < json_array_get_length (f); v++)
    json_array_add_int_element (rebuilt, v == 7 ? 1000 : json_array_get_int_element (f, v));
  json_object_set_array_member (json_node_get_object (root), "first_informed",
                                g_steal_pointer (&rebuilt));
}

static void
mut_first_informed_string (JsonNode *root)
{
  JsonArray *f = json_object_get_array_member (json_node_get_object (root), "first_informed");

  json_array_remove_element (f, json_array_get_length (f) - 1);
  json_array_add_string_element (f, "soon");
}

static JsonObject *
add_intervention (JsonNode   *root,
                  const char *kind,
                  gint64      round)
{
  JsonArray *ivs = json_object_get_array_member (json_node_get_object (root), "interventions");
  JsonObject *iv = json_object_new ();

  json_object_set_int_member (iv, "round", round);
  json_object_set_string_member (iv, "kind", kind);
  json_array_add_object_element (ivs, iv);
  return iv;
}

static void
mut_intervention_bad_node (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "crash", 2), "node", 64);
}

static void
mut_intervention_bad_kind (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "explode", 2), "node", 1);
}

static void
mut_intervention_late (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "crash", 5000), "node", 1);
}

static void
mut_intervention_order (JsonNode *root)
{
  json_object_set_int_member (add_intervention (root, "crash", 5), "node", 1);
  json_object_set_int_member (add_intervention (root, "revive", 2), "node", 1);
}

static void
mut_intervention_faults (JsonNode *root)
{
  JsonObject *iv = add_intervention (root, "faults", 2);

  json_object_set_double_member (iv, "loss", 0.5);
  json_object_set_double_member (iv, "crash", 2.0);
  json_object_set_double_member (iv, "recover", 0.0);
}

static const BadCase bad_cases[] = {
  { "empty", "", NULL, GV_ERROR_PARSE, "the file is empty" },
  { "invalid-json", "{ \"format\": grapevine }", NULL, GV_ERROR_PARSE,
    "not valid JSON at line 1, column 21: unexpected identifier `grapevine', expected value" },
  { "not-an-object", "[1, 2, 3]", NULL, GV_ERROR_PARSE,
    "not a Grapevine run file: it holds an array, not an object" },
  { "whitespace", "  \n ", NULL, GV_ERROR_PARSE, "the file holds no JSON value" },
  { "deep-nesting", NULL, NULL, GV_ERROR_PARSE,
    "line 1: nested more than 32 deep; a run file never is" },
  /* json-glib would parse the second value too, leaking the first (found by fuzzing). */
  { "two-values", "\"\"{\"format\": \"grapevine-run\"}", NULL, GV_ERROR_PARSE,
    "not a Grapevine run file: it holds a string, not an object" },
  { "value-after", "{\"format\": \"grapevine-run\"}\n {}", NULL, GV_ERROR_PARSE,
    "line 2, column 2: more after the end of the run, which is one JSON object" },
  { "javascript", "var run = {\"format\": \"grapevine-run\"};", NULL, GV_ERROR_PARSE,
    "not valid JSON at line 1, column 1: unexpected character ‘v’" },
  /* json-glib leaked the string of a broken \u escape (found by fuzzing). */
  { "broken-escape", "{\"format\": \"\\ud8l\\ud800\"}", NULL, GV_ERROR_PARSE,
    "line 1, column 13: a backslash that starts no JSON escape" },
  { "lone-low-surrogate", "{\"format\": \"\\udc00\"}", NULL, GV_ERROR_PARSE,
    "line 1, column 13: \\udc00 is half of a UTF-16 pair, without its first half" },
  { "surrogate-pair", "{\"format\": \"\\ud83d\\ude00\"}", NULL, GV_ERROR_PARSE,
    "format: should be “grapevine-run”; this is not a Grapevine run file" },
  { "nul-escape", "{\"format\": \"grapevine-run\\u0000\"}", NULL, GV_ERROR_PARSE,
    "line 1, column 26: a NUL character (\\u0000) inside a string" },
  { "raw-control", "{\"format\": \"grape\tvine\"}", NULL, GV_ERROR_PARSE,
    "line 1, column 18: a control character inside a string, where JSON needs an escape" },
  { "cut-in-string", "{\"format\": \"grape", NULL, GV_ERROR_PARSE,
    "line 1: the file ends inside a string; is it cut short?" },
  /* json-glib quotes bad bytes in its messages; the message stays UTF-8. */
  { "json-error-not-utf8", "{\"format\": \"\xff\xfe\"}", NULL, GV_ERROR_PARSE,
    "not valid JSON…" },
  { "binary", "\x01\x02", NULL, GV_ERROR_PARSE,
    "not valid JSON at line 1, column 1: unexpected byte 0x01" },
  { "huge-integer", "{\"format\": \"grapevine-run\", \"format_version\": 99999999999999999999}",
    NULL, GV_ERROR_PARSE,
    "line 1: the number 99999999999999999999 is too large for a run file" },
  { "no-format", NULL, mut_no_format, GV_ERROR_PARSE,
    "format: missing; this is not a Grapevine run file" },
  { "other-format", NULL, mut_other_format, GV_ERROR_PARSE,
    "format: should be “grapevine-run”; this is not a Grapevine run file" },
  { "version-newer", NULL, mut_version_2, GV_ERROR_PARSE,
    "format_version: 2 is newer than this Grapevine (" PACKAGE_VERSION ") reads; it reads "
    "version 1" },
  { "version-zero", NULL, mut_version_0, GV_ERROR_PARSE,
    "format_version: 0 is not a version; they start at 1" },
  { "version-string", NULL, mut_version_string, GV_ERROR_PARSE,
    "format_version: should be a whole number, not a string" },
  { "no-engine-version", NULL, mut_no_engine_version, GV_ERROR_PARSE,
    "engine_version: missing" },
  { "engine-version-surrogate", NULL, mut_engine_version_surrogate, GV_ERROR_PARSE,
    "line 4, column 22: \\ud800 is half of a UTF-16 pair, without its second half" },
  { "engine-version-long", NULL, mut_engine_version_long, GV_ERROR_PARSE,
    "engine_version: should be a version such as “" PACKAGE_VERSION "”" },
  { "no-params", NULL, mut_no_params, GV_ERROR_PARSE, "params: missing" },
  { "absurd-nodes", NULL, mut_absurd_nodes, GV_ERROR_PARSE,
    "params: “nodes” is 1000000000000, out of range" },
  { "negative-nodes", NULL, mut_negative_nodes, GV_ERROR_PARSE,
    "params: “nodes” is -5, out of range" },
  { "too-many-nodes", NULL, mut_too_many_nodes, GV_ERROR_TOO_LARGE,
    "params: the number of nodes must be between 2 and 10000000, not 20000000" },
  { "fanout-string", NULL, mut_fanout_string, GV_ERROR_PARSE,
    "params: “fanout” should be a whole number" },
  { "bad-topology", NULL, mut_bad_topology, GV_ERROR_INVALID_PARAM, "params: …" },
  { "no-summary", NULL, mut_no_summary, GV_ERROR_PARSE, "summary: missing" },
  { "summary-messages", NULL, mut_summary_messages, GV_ERROR_PARSE, "summary.messages: …" },
  { "summary-rounds", NULL, mut_summary_rounds, GV_ERROR_PARSE,
    "summary.rounds: 3, but the last round recorded is …" },
  { "summary-residue", NULL, mut_summary_residue, GV_ERROR_PARSE,
    "summary.residue: -0.5 is negative" },
  { "summary-converged", NULL, mut_summary_converged, GV_ERROR_PARSE,
    "summary.converged: should be true or false, not a string" },
  { "detail-mismatch", NULL, mut_detail_false, GV_ERROR_PARSE,
    "detail: false, but the run's 16 nodes are within its detail cap (4096)" },
  { "no-rounds", NULL, mut_no_rounds, GV_ERROR_PARSE, "rounds: missing" },
  { "rounds-object", NULL, mut_rounds_object, GV_ERROR_PARSE,
    "rounds: should be an array, not an object" },
  { "rounds-empty", NULL, mut_rounds_empty, GV_ERROR_PARSE,
    "rounds: empty; a run has at least round 0" },
  { "round-missing-field", NULL, mut_round_missing_field, GV_ERROR_PARSE,
    "rounds[3].informed: missing" },
  { "round-wrong-type", NULL, mut_round_wrong_type, GV_ERROR_PARSE,
    "rounds[3].sent: should be a whole number, not a string" },
  { "round-fraction", NULL, mut_round_fraction, GV_ERROR_PARSE,
    "rounds[3].informed: should be a whole number, not a number with a fraction" },
  { "round-negative", NULL, mut_round_negative, GV_ERROR_PARSE,
    "rounds[3].sent: -1 is negative" },
  { "informed-over-alive", NULL, mut_informed_over_alive, GV_ERROR_PARSE,
    "rounds[2].informed: … is more than alive (…)" },
  { "spreading-over-alive", NULL, mut_spreading_over_alive, GV_ERROR_PARSE,
    "rounds[2].spreading: 70 is more than alive (…)" },
  { "carrying-over-sent", NULL, mut_carrying_over_sent, GV_ERROR_PARSE,
    "rounds[2].carrying: … is more than sent (…)" },
  { "alive-over-nodes", NULL, mut_alive_over_nodes, GV_ERROR_PARSE,
    "rounds[2].alive: 17 is more than the run's 16 nodes" },
  { "alive-jumps", NULL, mut_alive_jumps, GV_ERROR_PARSE,
    "rounds[2].alive: … does not follow from round 1 (…" },
  { "rounds-out-of-order", NULL, mut_rounds_swapped, GV_ERROR_PARSE,
    "rounds[2].round: 3 is out of order: rounds are listed one by one from 0, so this "
    "should be 2" },
  { "round-missing", NULL, mut_round_missing, GV_ERROR_PARSE,
    "rounds[4].round: 5 is out of order: rounds are listed one by one from 0, so this "
    "should be 4" },
  { "too-many-rounds", NULL, mut_too_many_rounds, GV_ERROR_PARSE,
    "rounds: … records go past round 3, the run's max_rounds" },
  { "events-short", NULL, mut_events_short, GV_ERROR_PARSE, "events: … entries, but there "
    "are … rounds (0 to …); each round has one" },
  { "events-round", NULL, mut_events_round, GV_ERROR_PARSE,
    "events[4].round: 9 is out of order: events are listed round by round from 0, so this "
    "should be 4" },
  { "message-bad-node", NULL, mut_message_bad_node, GV_ERROR_PARSE,
    "events[…].messages[0]: node 900 does not exist (the run has 16 nodes)" },
  { "message-negative", NULL, mut_message_negative, GV_ERROR_PARSE,
    "events[…].messages[…]: should be a message code (a whole number of 0 or more), not a "
    "negative number" },
  { "message-outcome", NULL, mut_message_outcome, GV_ERROR_PARSE,
    "events[…].messages[0]: outcome 7 is not one of 0 (useful) to 4 (request)" },
  { "message-to-self", NULL, mut_message_to_self, GV_ERROR_PARSE,
    "events[…].messages[0]: node 2 sends to itself" },
  { "message-missing", NULL, mut_message_missing, GV_ERROR_PARSE,
    "events[…].messages: lists … messages, but rounds[…].sent is …" },
  { "message-lost-count", NULL, mut_message_lost_count, GV_ERROR_PARSE,
    "events[…].messages: lists 1 lost message, but rounds[…].lost is …" },
  { "change-bad-node", NULL, mut_change_bad_node, GV_ERROR_PARSE,
    "events[0].changes[…]: node 99 does not exist (the run has 16 nodes)" },
  { "change-order", NULL, mut_change_order, GV_ERROR_PARSE,
    "events[0].changes[…]: node 0 is out of order or listed twice" },
  { "crashed-bad-node", NULL, mut_crashed_bad_node, GV_ERROR_PARSE,
    "events[…].crashed[…]: node 40 does not exist (the run has 16 nodes)" },
  { "crashed-count", NULL, mut_crashed_count, GV_ERROR_PARSE,
    "events[1].crashed: lists … nodes, but rounds[1].crashed is …" },
  { "messages-without-detail", NULL, mut_messages_without_detail, GV_ERROR_PARSE,
    "events[0].messages: present, but the run has no detail: its 16 nodes are more than its "
    "detail cap (10)" },
  { "first-informed-short", NULL, mut_first_informed_short, GV_ERROR_PARSE,
    "first_informed: 15 entries, but the run has 16 nodes" },
  { "first-informed-late", NULL, mut_first_informed_late, GV_ERROR_PARSE,
    "first_informed[7]: 1000 is after the last round (…)" },
  { "first-informed-string", NULL, mut_first_informed_string, GV_ERROR_PARSE,
    "first_informed[15]: should be a round, or -1, not a string" },
  { "intervention-bad-node", NULL, mut_intervention_bad_node, GV_ERROR_PARSE,
    "interventions[0].node: 64 is more than the last node (15)" },
  { "intervention-bad-kind", NULL, mut_intervention_bad_kind, GV_ERROR_PARSE,
    "interventions[0].kind: “explode” is not faults, crash, revive or inject" },
  { "intervention-late", NULL, mut_intervention_late, GV_ERROR_PARSE,
    "interventions[0].round: 5000 is more than the last round (…)" },
  { "intervention-order", NULL, mut_intervention_order, GV_ERROR_PARSE,
    "interventions[1].round: 2 comes after round 5; interventions are listed in order" },
  { "intervention-faults", NULL, mut_intervention_faults, GV_ERROR_PARSE,
    "interventions[0].crash: 2 is out of range; it should be from 0 to 1" },
};

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

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autofree char *text = NULL;

  if (bad->mutate != NULL)
    {
      g_autoptr(GvRun) good = small_run ();
      g_autoptr(JsonNode) root = run_to_tree (good);

      g_autofree char *written = NULL;

      bad->mutate (root);
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
test_truncated (void)
{
  g_autoptr(GvRun) run = small_run ();
  gsize length;
  g_autofree char *text = gv_run_to_data (run, &length);

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

/* Random bytes and random damage to a good file, as a smoke test; the fuzzer in
 * tests/fuzz goes much further. */
static void
test_garbage (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  gsize length;
  g_autofree char *text = gv_run_to_data (run, &length);

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
        g_assert_true (gv_run_get_n_records (loaded) == gv_run_get_n_records (run));
    }
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

  data->ok = gv_run_verify_finish (GV_RUN (object), result, &data->error);
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
  g_clear_object (&data.run);

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
test_csv (void)
{
  g_autoptr(GvRun) run = small_run ();
  g_autofree char *csv = gv_run_to_csv (run);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  guint n = gv_run_get_n_records (run);

  g_assert_cmpstr (lines[0], ==, "round,alive,informed,spreading,newly_informed,crashed,"
                                 "recovered,sent,carrying,lost,dead,redundant");
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);
  g_assert_cmpstr (lines[n + 1], ==, "");

  for (guint i = 0; i < n; i++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, i);
      g_autofree char *row =
        g_strdup_printf ("%u,%u,%u,%u,%u,%u,%u,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                         ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT,
                         rec->round, rec->alive, rec->informed, rec->spreading,
                         rec->newly_informed, rec->crashed, rec->recovered, rec->sent,
                         rec->carrying, rec->lost, rec->dead, rec->redundant);

      g_assert_cmpstr (lines[i + 1], ==, row);
    }
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
  JsonObject *s = json_node_get_object (schema);
  g_autoptr(GList) keywords = json_object_get_members (s);

  for (GList *l = keywords; l != NULL; l = l->next)
    {
      const char *k = l->data;
      JsonNode *arg = json_object_get_member (s, k);

      if (g_str_equal (k, "description") || g_str_equal (k, "title") ||
          g_str_equal (k, "$schema") || g_str_equal (k, "$id") || g_str_equal (k, "$defs"))
        continue;

      if (g_str_equal (k, "$ref"))
        {
          const char *ref = json_node_get_string (arg);

          g_assert_true (g_str_has_prefix (ref, "#/$defs/"));
          if (!check_schema (defs, json_object_get_member (defs, ref + strlen ("#/$defs/")),
                             value, path, why))
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
      else if (g_str_equal (k, "minItems"))
        {
          if (JSON_NODE_HOLDS_ARRAY (value) &&
              json_array_get_length (json_node_get_array (value)) < json_node_get_int (arg))
            {
              *why = g_strdup_printf ("%s: too few items", path);
              return FALSE;
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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
validate_against_schema (JsonNode  *schema,
                         GvRun     *run,
                         char     **why)
{
  g_autoptr(JsonNode) root = run_to_tree (run);
  JsonObject *defs = json_object_get_object_member (json_node_get_object (schema), "$defs");

  return check_schema (defs, schema, root, "$", why);
}

static void
test_schema (void)
{
  g_autoptr(JsonNode) schema = load_schema ();
  g_autoptr(GvParams) ae = gv_params_new ();
  g_autoptr(GvParams) big = gv_params_new ();
  g_autoptr(GvRun) small = small_run ();
  g_autoptr(GvRun) ae_run = NULL;
  g_autoptr(GvRun) big_run = NULL;
  g_autoptr(JsonNode) broken = NULL;
  g_autofree char *why = NULL;

  ae->mode = GV_MODE_ANTI_ENTROPY;
  ae->n_keys = 4;
  ae->topology = GV_TOPOLOGY_WS;
  ae->topology_k = 4;
  ae->topology_p = 1e-05;
  ae->seed = G_MAXUINT64;
  gv_params_add_injection (ae, 3, 0, 2);
  ae_run = simulate (ae);

  big->n_nodes = 5000;
  big->stop = GV_STOP_TTL;
  big->stop_k = 20;
  big->crash = 0.01;
  big_run = simulate (big);

  g_assert_true (validate_against_schema (schema, small, &why));
  g_assert_null (why);
  g_assert_true (validate_against_schema (schema, ae_run, &why));
  g_assert_null (why);
  g_assert_true (validate_against_schema (schema, big_run, &why));
  g_assert_null (why);

  /* The checker does check: a file the loader refuses is refused by the schema too. */
  broken = run_to_tree (small);
  json_object_remove_member (member_object (broken, "rounds", 1), "alive");
  {
    JsonObject *defs = json_object_get_object_member (json_node_get_object (schema), "$defs");

    g_assert_false (check_schema (defs, schema, broken, "$", &why));
    g_assert_cmpstr (why, ==, "$.rounds[1]: alive is missing");
  }
}

/* Replay and comparison */

static void
test_node_states_detail (void)
{
  g_autoptr(GvParams) p = small_params ();
  g_autoptr(GvEngine) engine = NULL;
  g_autoptr(GvRun) run = small_run ();
  g_autoptr(GError) error = NULL;
  guint8 from_run[16], from_engine[16];

  engine = gv_engine_new (p, 1, NULL, &error);
  g_assert_no_error (error);
  gv_round_record_unref (gv_engine_initial_record (engine));

  /* Round by round, the replayed states are the engine's. */
  for (guint32 r = 0; r <= gv_run_get_last_round (run); r++)
    {
      if (r > 0)
        gv_round_record_unref (gv_engine_step (engine));
      gv_engine_get_node_states (engine, from_engine);
      gv_run_get_node_states (run, r, from_run);
      g_assert_cmpmem (from_run, sizeof from_run, from_engine, sizeof from_engine);
    }
}

static void
test_node_states_beyond_cap (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvRun) run = NULL;
  g_autofree guint8 *states = NULL;

  p->n_nodes = 6000;
  p->exchange = GV_EXCHANGE_PUSH;
  p->crash = 0.02;
  p->recover = 0.3;
  run = simulate (p);
  states = g_malloc (p->n_nodes);

  /* Without forgetting, who is down and who is informed follow exactly from the
   * crash and recover events and the first-informed rounds. */
  for (guint32 r = 0; r <= gv_run_get_last_round (run); r++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, r);
      guint32 crashed = 0, informed = 0;

      gv_run_get_node_states (run, r, states);
      for (guint32 v = 0; v < p->n_nodes; v++)
        {
          crashed += states[v] == GV_NODE_CRASHED;
          informed += states[v] == GV_NODE_SPREADING;
        }
      g_assert_cmpuint (crashed, ==, p->n_nodes - rec->alive);
      g_assert_cmpuint (informed, ==, rec->informed);
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
      g_ptr_array_add (runs, simulate (p));
    }
  labels = gv_run_label_differences ((GvRun **) runs->pdata, runs->len);
  g_assert_cmpuint (g_strv_length (labels), ==, 3);
  g_assert_cmpstr (labels[0], ==, "fanout 1");
  g_assert_cmpstr (labels[1], ==, "fanout 2");
  g_assert_cmpstr (labels[2], ==, "fanout 3");
  g_clear_pointer (&labels, g_strfreev);

  {
    g_autoptr(GvParams) p = gv_params_new ();

    p->n_nodes = 50;
    p->fanout = 2;
    p->loss = 0.1;
    p->exchange = GV_EXCHANGE_PUSH;
    g_ptr_array_add (runs, simulate (p));
  }
  labels = gv_run_label_differences ((GvRun **) runs->pdata, runs->len);
  g_assert_cmpstr (labels[0], ==, "push-pull, fanout 1, loss 0%");
  g_assert_cmpstr (labels[3], ==, "push, fanout 2, loss 10%");
  g_clear_pointer (&labels, g_strfreev);

  /* The same run twice: nothing tells them apart. */
  labels = gv_run_label_differences ((GvRun **) runs->pdata + 1, 1);
  g_assert_cmpstr (labels[0], ==, "rumour mongering, push-pull, complete, 50 nodes, fanout 2");
  g_clear_pointer (&labels, g_strfreev);
  {
    GvRun *same[2] = { runs->pdata[0], runs->pdata[0] };

    labels = gv_run_label_differences (same, 2);
    g_assert_cmpstr (labels[0], ==, "run 1");
    g_assert_cmpstr (labels[1], ==, "run 2");
  }
}

/* The crash and recover events, like the rest of a run, do not depend on the threads. */
static void
test_threads_agree (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvRun) one = NULL;
  g_autoptr(GvRun) four = NULL;
  g_autoptr(GError) error = NULL;

  p->n_nodes = 5000;
  p->detail_cap = 5000;
  p->crash = 0.02;
  p->recover = 0.2;
  p->loss = 0.1;
  one = gv_run_simulate (p, 1, NULL, &error);
  g_assert_no_error (error);
  four = gv_run_simulate (p, 4, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (gv_run_get_record (one, 1)->crashed, >, 0);
  assert_runs_identical (one, four);
}

static void
test_equal (void)
{
  g_autoptr(GvRun) a = small_run ();
  g_autoptr(GvRun) b = small_run ();
  g_autoptr(GvParams) p = small_params ();
  g_autoptr(GvRun) c = NULL;

  g_assert_true (gv_run_equal (a, b));
  p->seed = 8;
  c = simulate (p);
  g_assert_false (gv_run_equal (a, c));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run-file/round-trip/detail", test_round_trip_detail);
  g_test_add_func ("/run-file/round-trip/beyond-cap", test_round_trip_beyond_cap);
  g_test_add_func ("/run-file/round-trip/anti-entropy", test_round_trip_anti_entropy);
  g_test_add_func ("/run-file/round-trip/tiny-numbers", test_round_trip_tiny_numbers);
  g_test_add_func ("/run-file/json-doubles", test_json_doubles);
  g_test_add_func ("/run-file/simulator/interventions", test_simulator_interventions);
  g_test_add_func ("/run-file/simulator/reset", test_simulator_reset);
  g_test_add_func ("/run-file/simulator/busy", test_simulator_busy);
  g_test_add_func ("/run-file/verify/real-run", test_verify_real_run);
  g_test_add_func ("/run-file/verify/tampered-message", test_verify_tampered_message);
  g_test_add_func ("/run-file/verify/tampered-metric", test_verify_tampered_metric);
  g_test_add_func ("/run-file/verify/tampered-first-informed",
                   test_verify_tampered_first_informed);
  g_test_add_func ("/run-file/verify/other-seed", test_verify_other_seed);
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
  g_test_add_func ("/run-file/schema", test_schema);
  g_test_add_func ("/run-file/node-states/detail", test_node_states_detail);
  g_test_add_func ("/run-file/node-states/beyond-cap", test_node_states_beyond_cap);
  g_test_add_func ("/run-file/labels", test_labels);
  g_test_add_func ("/run-file/threads-agree", test_threads_agree);
  g_test_add_func ("/run-file/equal", test_equal);

  return g_test_run ();
}
