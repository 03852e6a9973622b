/* test-simulator.c: GvSimulator on a main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gv-simulator.h"
#include "gv-test-util.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

typedef struct
{
  guint  n_rounds;
  guint  last_round;
  gboolean in_order;
} Seen;

static void
round_finished_cb (GvSimulator   *sim,
                   GvRoundRecord *record,
                   Seen          *seen)
{
  seen->in_order &= record->round == seen->last_round + 1;
  seen->last_round = record->round;
  seen->n_rounds++;
}

static GvSimulator *
sim_new (guint32 n)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GError) error = NULL;
  GvSimulator *sim;

  p->n_nodes = n;
  sim = gv_simulator_new (p, 2, &error);
  g_assert_no_error (error);
  return sim;
}

static void
test_simulator_runs_to_convergence (void)
{
  g_autoptr(GvSimulator) sim = sim_new (5000);
  Seen seen = { 0, 0, TRUE };
  GvSummary s;

  g_signal_connect (sim, "round-finished", G_CALLBACK (round_finished_cb), &seen);
  gv_simulator_set_speed (sim, GV_SPEED_MAX);
  g_assert_cmpuint (gv_simulator_get_n_records (sim), ==, 1);
  gv_simulator_play (sim);
  g_assert_true (gv_simulator_get_playing (sim));

  WAIT_FOR (gv_simulator_get_finished (sim));

  gv_simulator_get_summary (sim, &s);
  g_assert_true (s.converged);
  g_assert_true (seen.in_order);
  g_assert_cmpuint (seen.n_rounds, ==, s.rounds);
  g_assert_cmpuint (gv_simulator_get_n_records (sim), ==, s.rounds + 1);
  g_assert_cmpuint (gv_simulator_get_round (sim), ==, s.rounds);
  g_assert_false (gv_simulator_get_playing (sim));
  g_assert_cmpuint (gv_simulator_get_record (sim, s.rounds)->informed, ==, 5000);
}

static void
test_simulator_step_and_pause (void)
{
  g_autoptr(GvSimulator) sim = sim_new (1000);
  Seen seen = { 0, 0, TRUE };

  g_signal_connect (sim, "round-finished", G_CALLBACK (round_finished_cb), &seen);

  gv_simulator_step (sim);
  gv_simulator_step (sim);   /* asked while the first runs: not lost */
  WAIT_FOR (seen.n_rounds == 2 && !gv_simulator_get_busy (sim));
  g_assert_cmpuint (gv_simulator_get_round (sim), ==, 2);
  g_assert_false (gv_simulator_get_playing (sim));

  /* Paced play: 60 rounds a second; pausing stops it. */
  gv_simulator_set_speed (sim, 60.0);
  gv_simulator_play (sim);
  WAIT_FOR (seen.n_rounds >= 4);
  gv_simulator_pause (sim);
  WAIT_FOR (!gv_simulator_get_busy (sim));
  {
    guint at = seen.n_rounds;

    /* Nothing more comes once paused and idle. */
    for (guint i = 0; i < 10; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (seen.n_rounds, ==, at);
  }
  g_assert_true (seen.in_order);
}

static void
reset_cb (GvSimulator *sim,
          guint       *resets)
{
  (*resets)++;
}

static void
test_simulator_reset (void)
{
  g_autoptr(GvSimulator) sim = sim_new (20000);
  guint resets = 0;
  GvSummary a, b;

  g_signal_connect (sim, "reset", G_CALLBACK (reset_cb), &resets);
  gv_simulator_set_speed (sim, GV_SPEED_MAX);
  gv_simulator_play (sim);
  WAIT_FOR (gv_simulator_get_finished (sim));
  gv_simulator_get_summary (sim, &a);

  /* Reset in the middle of a run: the round in flight is dropped. */
  gv_simulator_reset (sim);
  gv_simulator_play (sim);
  gv_simulator_reset (sim);
  WAIT_FOR (resets >= 1 && !gv_simulator_get_busy (sim));
  g_assert_cmpuint (gv_simulator_get_n_records (sim), ==, 1);
  g_assert_cmpuint (gv_simulator_get_round (sim), ==, 0);
  g_assert_false (gv_simulator_get_finished (sim));

  gv_simulator_play (sim);
  WAIT_FOR (gv_simulator_get_finished (sim));
  gv_simulator_get_summary (sim, &b);
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

static void
test_simulator_interventions (void)
{
  g_autoptr(GvSimulator) sim = sim_new (100);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) states = NULL;
  GvNodeInfo info;
  GvSummary s;

  gv_simulator_set_keep_states (sim, TRUE);
  g_assert_true (gv_simulator_set_node_alive (sim, 0, FALSE, &error));
  g_assert_no_error (error);
  WAIT_FOR (!gv_simulator_get_busy (sim));
  g_assert_true (gv_simulator_get_node_info (sim, 0, &info));
  g_assert_false (info.alive);
  g_assert_cmpint (info.state, ==, GV_NODE_CRASHED);
  states = gv_simulator_get_node_states (sim);
  g_assert_cmpuint (g_bytes_get_size (states), ==, 100);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (states, NULL))[0], ==, GV_NODE_CRASHED);

  /* A crashed node takes no news; a node that does not exist neither. */
  g_assert_false (gv_simulator_inject (sim, 0, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (gv_simulator_set_node_alive (sim, 100, TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (gv_simulator_inject (sim, 99, 0, &error));
  g_assert_no_error (error);
  /* The first rumour lives only on node 0: nobody is up to date until it comes back. */
  g_assert_true (gv_simulator_set_node_alive (sim, 0, TRUE, &error));
  gv_simulator_set_faults (sim, 0.0, 0.0, 0.0);
  gv_simulator_set_speed (sim, GV_SPEED_MAX);
  gv_simulator_play (sim);
  WAIT_FOR (gv_simulator_get_finished (sim));
  gv_simulator_get_summary (sim, &s);
  g_assert_true (s.converged);
  g_assert_true (gv_simulator_get_node_info (sim, 50, &info));
  g_assert_cmpuint (info.known, ==, 2);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A change of faults made just before a reset still holds after it. */
static void
test_simulator_faults_survive_reset (void)
{
  g_autoptr(GvSimulator) sim = sim_new (2000);
  GvSummary s;

  gv_simulator_set_speed (sim, GV_SPEED_MAX);
  gv_simulator_play (sim);
  gv_simulator_set_faults (sim, 1.0, 0.0, 0.0);
  gv_simulator_reset (sim);
  WAIT_FOR (!gv_simulator_get_busy (sim) && gv_simulator_get_round (sim) == 0);
  g_assert_cmpfloat (gv_simulator_get_params (sim)->loss, ==, 1.0);

  /* Every message is lost: after a few rounds nobody but node 0 knows. */
  for (guint i = 1; i <= 3; i++)
    {
      gv_simulator_step (sim);
      WAIT_FOR (gv_simulator_get_round (sim) == i && !gv_simulator_get_busy (sim));
    }
  gv_simulator_get_summary (sim, &s);
  g_assert_cmpuint (gv_simulator_get_record (sim, 3)->informed, ==, 1);
  g_assert_cmpuint (gv_simulator_get_record (sim, 3)->lost, ==,
                    gv_simulator_get_record (sim, 3)->sent);
}

static void
test_simulator_async_new (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GvSimulator) sim = NULL;
  g_autoptr(GError) error = NULL;

  /* The topology is generated off the main thread. */
  p->n_nodes = 10000;
  g_assert_true (gv_params_parse_topology (p, "ba:2", NULL));
  gv_simulator_new_async (p, 2, NULL, store_result_cb, &result);
  WAIT_FOR (result != NULL);
  sim = gv_simulator_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sim);
  g_assert_cmpuint (gv_simulator_get_params (sim)->n_nodes, ==, 10000);
  g_clear_object (&result);

  /* An impossible topology comes back as an error. */
  p->n_nodes = 5;
  p->fanout = 3;
  g_assert_true (gv_params_parse_topology (p, "ring:2", NULL));
  gv_simulator_new_async (p, 2, NULL, store_result_cb, &result);
  WAIT_FOR (result != NULL);
  g_assert_null (gv_simulator_new_finish (result, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simulator/runs-to-convergence", test_simulator_runs_to_convergence);
  g_test_add_func ("/simulator/step-and-pause", test_simulator_step_and_pause);
  g_test_add_func ("/simulator/reset", test_simulator_reset);
  g_test_add_func ("/simulator/interventions", test_simulator_interventions);
  g_test_add_func ("/simulator/async-new", test_simulator_async_new);
  g_test_add_func ("/simulator/faults-survive-reset", test_simulator_faults_survive_reset);

  return g_test_run ();
}
