/* test-simulator.c: GvSimulator on a main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gv-simulator.h"
#include "gv-test-engine.h"
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

/* The protocol's primary metric (informed nodes, for the default protocol). */
static guint64
primary (GvSimulator         *sim,
         const GvRoundRecord *rec)
{
  const GvProtocol *protocol = gv_simulator_get_params (sim)->protocol;

  return REC_METRIC (rec, protocol, protocol->primary);
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
  g_assert_cmpuint (primary (sim, gv_simulator_get_record (sim, s.rounds)), ==, 5000);

  /* Every node heard it, node 0 first, none after the last round. */
  {
    g_autofree gint32 *first = gv_simulator_get_first_informed (sim);

    g_assert_cmpint (first[0], ==, 0);
    for (guint32 v = 1; v < 5000; v++)
      {
        g_assert_cmpint (first[v], >, 0);
        g_assert_cmpint (first[v], <=, (gint32) s.rounds);
      }
  }
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
  const GvClassTable *classes = gv_simulator_get_classes (sim);
  GvNodeDescription d;
  GvSummary s;

  gv_simulator_set_keep_states (sim, TRUE);
  g_assert_true (gv_simulator_set_node_alive (sim, 0, FALSE, &error));
  g_assert_no_error (error);
  WAIT_FOR (!gv_simulator_get_busy (sim));
  g_assert_true (gv_simulator_describe_node (sim, 0, &d));
  g_assert_false (d.alive);
  g_assert_cmpuint (d.cls, ==, classes->crashed);
  gv_node_description_clear (&d);
  states = gv_simulator_get_node_states (sim);
  g_assert_cmpuint (g_bytes_get_size (states), ==, 100);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (states, NULL))[0], ==, classes->crashed);

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
  g_assert_true (gv_simulator_describe_node (sim, 50, &d));
  g_assert_cmpstr (gv_test_row (&d, "Rumours known"), ==, "2 of 2");
  gv_node_description_clear (&d);
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
  g_assert_cmpuint (primary (sim, gv_simulator_get_record (sim, 3)), ==, 1);
  g_assert_cmpuint (REC_LOST (gv_simulator_get_record (sim, 3)), ==,
                    REC_SENT (gv_simulator_get_record (sim, 3)));
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

/* The inspector answers between rounds only: while a round runs the engine is the
 * worker's. */
static void
test_simulator_describe_node (void)
{
  g_autoptr(GvSimulator) sim = sim_new (3000);
  GvNodeDescription d;

  g_assert_true (gv_simulator_describe_node (sim, 0, &d));
  g_assert_true (d.alive);
  g_assert_cmpint (d.first_informed, ==, 0);
  g_assert_cmpuint (d.rows->len, >, 0);
  gv_node_description_clear (&d);
  g_assert_false (gv_simulator_describe_node (sim, 3000, &d));

  gv_simulator_step (sim);
  g_assert_true (gv_simulator_get_busy (sim));
  g_assert_false (gv_simulator_describe_node (sim, 0, &d));
  WAIT_FOR (!gv_simulator_get_busy (sim));
  g_assert_true (gv_simulator_describe_node (sim, 0, &d));
  g_assert_cmpuint (d.cls, ==, gv_test_class (gv_simulator_get_classes (sim), "spreading"));
  gv_node_description_clear (&d);
}

static void
failed_cb (GvSimulator *sim,
           const char  *message,
           GPtrArray   *failures)
{
  g_ptr_array_add (failures, g_strdup (message));
}

/* The 31st rumour: refused at once between rounds; asked for while a round runs, it is
 * taken, then refused by the engine, and the window hears why through
 * GvSimulator::intervention-failed. */
static void
test_simulator_intervention_failed (void)
{
  g_autoptr(GvSimulator) sim = sim_new (2000);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  guint max = gv_simulator_get_params (sim)->protocol->injection->max;
  const GvIntervention *iv;
  guint n;

  g_signal_connect (sim, "intervention-failed", G_CALLBACK (failed_cb), failures);

  for (guint i = 1; i < max; i++)
    {
      g_assert_true (gv_simulator_inject (sim, i, 0, &error));
      g_assert_no_error (error);
    }
  WAIT_FOR (!gv_simulator_get_busy (sim));
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_cmpuint (gv_simulator_get_n_views (sim), ==, 1 + max);
  g_assert_cmpuint (gv_simulator_get_n_interventions (sim), ==, max - 1);

  /* Between rounds the answer comes at once. */
  g_assert_false (gv_simulator_can_inject (sim, 50, 0, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_TOO_LARGE);
  sentence = g_strdup (error->message);
  g_clear_error (&error);
  g_assert_false (gv_simulator_inject (sim, 50, 0, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_cmpuint (gv_simulator_get_n_interventions (sim), ==, max - 1);

  /* While a round runs it cannot be known yet. */
  gv_simulator_step (sim);
  g_assert_true (gv_simulator_get_busy (sim));
  g_assert_true (gv_simulator_can_inject (sim, 50, 0, &error));
  g_assert_true (gv_simulator_inject (sim, 50, 0, &error));
  g_assert_no_error (error);
  WAIT_FOR (failures->len > 0 && !gv_simulator_get_busy (sim));

  g_assert_cmpuint (failures->len, ==, 1);
  g_test_message ("%s", (const char *) failures->pdata[0]);
  g_assert_cmpstr (failures->pdata[0], ==, sentence);
  g_assert_cmpuint (gv_simulator_get_round (sim), ==, 1);

  /* It stays recorded, so that a replay fails it the same way. */
  n = gv_simulator_get_n_interventions (sim);
  g_assert_cmpuint (n, ==, max);
  iv = gv_simulator_get_intervention (sim, n - 1);
  g_assert_cmpint (iv->kind, ==, GV_INTERVENTION_INJECT);
  g_assert_cmpuint (iv->node, ==, 50);
  g_assert_cmpuint (iv->round, ==, 1);
}

static void
updated_cb (GvSimulator *sim,
            guint       *updates)
{
  (*updates)++;
}

static guint
count_class (GBytes *states,
             guint   cls)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (states, &size);
  guint n = 0;

  for (gsize i = 0; i < size; i++)
    n += data[i] == cls;
  return n;
}

/* The view colours by one rumour: the snapshots follow it, round after round. */
static void
test_simulator_set_view (void)
{
  g_autoptr(GvSimulator) sim = sim_new (3000);
  g_autoptr(GError) error = NULL;
  const GvClassTable *classes = gv_simulator_get_classes (sim);
  guint spreading = gv_test_class (classes, "spreading");
  guint uninformed = gv_test_class (classes, "uninformed");
  guint partial = gv_test_class (classes, "partial");
  guint updates = 0;

  g_signal_connect (sim, "updated", G_CALLBACK (updated_cb), &updates);
  gv_simulator_set_keep_states (sim, TRUE);
  g_assert_cmpuint (gv_simulator_get_n_views (sim), ==, 1);
  g_assert_cmpuint (gv_simulator_get_view (sim), ==, 0);

  g_assert_true (gv_simulator_inject (sim, 2999, 0, &error));
  g_assert_no_error (error);
  WAIT_FOR (!gv_simulator_get_busy (sim));
  g_assert_cmpuint (gv_simulator_get_n_views (sim), ==, 3);

  for (guint view = 0; view < 3; view++)
    {
      g_autoptr(GBytes) states = NULL;
      const guint8 *c;
      guint before = updates;

      gv_simulator_set_view (sim, view);
      g_assert_cmpuint (gv_simulator_get_view (sim), ==, view);
      g_assert_cmpuint (updates, ==, before + (view != 0));
      states = gv_simulator_get_node_states (sim);
      g_assert_nonnull (states);
      c = g_bytes_get_data (states, NULL);
      /* Node 0 holds rumour 1, node 2999 rumour 2, nobody both yet. */
      g_assert_cmpuint (c[0], ==, view == 0 ? partial : view == 1 ? spreading : uninformed);
      g_assert_cmpuint (c[2999], ==, view == 0 ? partial : view == 2 ? spreading : uninformed);
      g_assert_cmpuint (count_class (states, uninformed), ==, view == 0 ? 2998 : 2999);
    }

  /* Rounds keep the chosen view. */
  gv_simulator_set_view (sim, 1);
  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(GBytes) states = NULL;
      const GvRoundRecord *rec;

      gv_simulator_step (sim);
      WAIT_FOR (gv_simulator_get_round (sim) == i && !gv_simulator_get_busy (sim));
      rec = gv_simulator_get_record (sim, i);
      states = gv_simulator_get_node_states (sim);
      g_assert_cmpuint (rec->n_items, ==, 2);
      g_assert_cmpfloat (count_class (states, spreading), ==, gv_round_record_get_item (rec, 0, 0));
    }
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
  g_test_add_func ("/simulator/describe-node", test_simulator_describe_node);
  g_test_add_func ("/simulator/intervention-failed", test_simulator_intervention_failed);
  g_test_add_func ("/simulator/set-view", test_simulator_set_view);

  return g_test_run ();
}
