/* test-engine.c: the round engine with rumour mongering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "gv-engine-private.h"
#include "gv-error.h"

static GvParams *
params_new (guint32     n,
            GvExchange  exchange,
            const char *stop)
{
  GvParams *p = gv_params_new ();

  p->n_nodes = n;
  p->exchange = exchange;
  g_assert_true (gv_params_parse_stop (p, stop, NULL));
  return p;
}

static GvEngine *
engine_new (const GvParams *p,
            guint           threads)
{
  g_autoptr(GError) error = NULL;
  GvEngine *e = gv_engine_new (p, threads, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (e);
  return e;
}

static void
test_engine_two_nodes (void)
{
  g_autoptr(GvParams) p = params_new (2, GV_EXCHANGE_PUSH, "none");
  g_autoptr(GvEngine) e = engine_new (p, 1);
  g_autoptr(GvRoundRecord) r0 = gv_engine_initial_record (e);
  g_autoptr(GvRoundRecord) r1 = NULL;
  GvSummary s;

  g_assert_cmpuint (r0->round, ==, 0);
  g_assert_cmpuint (r0->informed, ==, 1);
  g_assert_false (gv_engine_is_finished (e));

  r1 = gv_engine_step (e);
  g_assert_cmpuint (r1->round, ==, 1);
  g_assert_cmpuint (r1->informed, ==, 2);
  g_assert_cmpuint (r1->sent, ==, 1);
  g_assert_true (gv_engine_is_finished (e));
  g_assert_null (gv_engine_step (e));

  gv_engine_get_summary (e, &s);
  g_assert_cmpuint (s.rounds, ==, 1);
  g_assert_true (s.converged);
  g_assert_cmpfloat (s.residue, ==, 0.0);
  g_assert_cmpfloat (s.t_avg, ==, 1.0);
  g_assert_cmpfloat (s.t_last, ==, 1.0);
  g_assert_cmpfloat (s.traffic, ==, 0.5);
}

/* Push with fanout 1 can at most double the informed nodes each round, and a node
 * learns nothing it could pass on in the same round. */
static void
test_engine_synchronous_push (void)
{
  g_autoptr(GvParams) p = params_new (100000, GV_EXCHANGE_PUSH, "none");
  g_autoptr(GvEngine) e = engine_new (p, 2);
  guint32 prev = 1;
  GvRoundRecord *rec;
  guint64 redundant = 0;

  while ((rec = gv_engine_step (e)) != NULL)
    {
      g_assert_cmpuint (rec->informed, <=, 2 * prev);
      g_assert_cmpuint (rec->informed, >=, prev);
      /* Exactly the informed nodes of the last round push, one message each. */
      g_assert_cmpuint (rec->sent, ==, prev);
      g_assert_cmpuint (rec->carrying, ==, prev);
      g_assert_cmpuint (rec->newly_informed, ==, rec->informed - prev);
      g_assert_cmpuint (rec->sent, ==, rec->newly_informed + rec->redundant);
      redundant += rec->redundant;
      prev = rec->informed;
      gv_round_record_unref (rec);
    }

  g_assert_cmpuint (prev, ==, 100000);
  /* Peers are chosen whether or not they know: late rounds are mostly redundant. */
  g_assert_cmpuint (redundant, >, 100000);
}

static void
test_engine_pick_peers (void)
{
  g_autoptr(GvParams) p = params_new (50, GV_EXCHANGE_PUSH, "none");
  g_autoptr(GvEngine) e = NULL;
  guint counts[50] = { 0 };
  guint32 peers[8];
  double chi2 = 0.0;
  const guint trials = 20000;

  p->fanout = 8;
  e = engine_new (p, 1);

  for (guint t = 0; t < trials; t++)
    {
      GvRng rng;
      guint32 n;

      gv_rng_init (&rng, 99, 7, t, GV_RNG_PURPOSE_PEERS);
      n = gv_engine_pick_peers (e, &rng, 7, peers);
      g_assert_cmpuint (n, ==, 8);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (peers[i], <, 50);
          g_assert_cmpuint (peers[i], !=, 7);
          for (guint j = 0; j < i; j++)
            g_assert_cmpuint (peers[i], !=, peers[j]);
          counts[peers[i]]++;
        }
    }

  /* Each of the 49 others is chosen with probability 8/49. 48 degrees of freedom:
   * the 0.1% point of chi-square is 84. */
  g_assert_cmpuint (counts[7], ==, 0);
  for (guint v = 0; v < 50; v++)
    if (v != 7)
      {
        double expected = trials * 8.0 / 49.0;
        chi2 += pow (counts[v] - expected, 2) / expected;
      }
  g_test_message ("peer choice chi2 = %.1f", chi2);
  g_assert_cmpfloat (chi2, <, 84.0);
}

static void
test_engine_push_pull_default (void)
{
  g_autoptr(GvParams) p = params_new (1000, GV_EXCHANGE_PUSH_PULL, "none");
  g_autoptr(GvEngine) e = engine_new (p, 1);
  GvRoundRecord *rec;
  guint32 prev = 1;
  guint64 sent = 0;
  GvSummary s;

  while ((rec = gv_engine_step (e)) != NULL)
    {
      /* Every node calls one peer: informed callers push, the others send a request,
       * and every informed callee answers with a second message. */
      g_assert_cmpuint (rec->carrying, >=, prev);
      g_assert_cmpuint (rec->sent, ==, 1000 + (rec->carrying - prev));
      g_assert_cmpuint (rec->informed, >=, prev);
      prev = rec->informed;
      sent += rec->sent;
      gv_round_record_unref (rec);
    }

  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  g_assert_true (s.finished);
  g_assert_cmpuint (s.messages, ==, sent);
  g_assert_cmpfloat (s.residue, ==, 0.0);
  g_assert_cmpuint (s.rounds, >=, 6);
  g_assert_cmpuint (s.rounds, <=, 14);
  g_assert_cmpfloat (s.t_last, ==, s.rounds);
  g_assert_cmpfloat (s.t_avg, <, s.t_last);
}

static void
test_engine_detail_events (void)
{
  g_autoptr(GvParams) p = params_new (300, GV_EXCHANGE_PUSH_PULL, "feedback-counter:2");
  g_autoptr(GvEngine) e = NULL;
  g_autoptr(GvRoundRecord) r0 = NULL;
  GvRoundRecord *rec;
  guint64 node_sent = 0, node_received = 0, sent = 0, useful_total = 0;
  guint8 states[300];

  p->loss = 0.1;
  e = engine_new (p, 1);
  r0 = gv_engine_initial_record (e);
  g_assert_cmpuint (r0->n_changes, ==, 1);
  g_assert_cmpuint (r0->changes[0].node, ==, 0);
  g_assert_cmpuint (r0->changes[0].state, ==, GV_NODE_SPREADING);

  memset (states, GV_NODE_UNINFORMED, sizeof states);
  states[0] = GV_NODE_SPREADING;

  while ((rec = gv_engine_step (e)) != NULL)
    {
      guint64 lost = 0, useful = 0, redundant = 0, requests = 0, carrying = 0;

      g_assert_nonnull (rec->messages);
      g_assert_cmpuint (rec->n_messages, ==, rec->sent);
      for (guint i = 0; i < rec->n_messages; i++)
        {
          const GvMessageEvent *m = &rec->messages[i];

          g_assert_cmpuint (m->src, <, 300);
          g_assert_cmpuint (m->dst, <, 300);
          g_assert_cmpuint (m->src, !=, m->dst);
          if (i > 0)
            g_assert_cmpuint (rec->messages[i - 1].src, <=, m->src);
          lost += m->outcome == GV_MESSAGE_LOST;
          useful += m->outcome == GV_MESSAGE_USEFUL;
          redundant += m->outcome == GV_MESSAGE_REDUNDANT;
          requests += m->outcome == GV_MESSAGE_REQUEST;
          carrying += m->carries_data;
        }
      g_assert_cmpuint (lost, ==, rec->lost);
      g_assert_cmpuint (redundant, ==, rec->redundant);
      g_assert_cmpuint (carrying, ==, rec->carrying);
      /* One rumour: each useful message informs exactly one node. */
      g_assert_cmpuint (useful, ==, rec->newly_informed);
      g_assert_cmpuint (useful + redundant + lost + requests + rec->dead, ==, rec->sent);
      useful_total += useful;
      sent += rec->sent;

      for (guint i = 0; i < rec->n_changes; i++)
        {
          g_assert_cmpuint (states[rec->changes[i].node], !=, rec->changes[i].state);
          states[rec->changes[i].node] = rec->changes[i].state;
        }

      gv_round_record_unref (rec);
    }

  /* The replayed state changes give the engine's final states. */
  for (guint32 v = 0; v < 300; v++)
    {
      GvNodeInfo info;

      g_assert_cmpuint (states[v], ==, gv_engine_get_node_state (e, v));
      gv_engine_get_node_info (e, v, &info);
      node_sent += info.sent;
      node_received += info.received;
      if (v == 0)
        g_assert_cmpint (info.first_informed, ==, 0);
      if (states[v] != GV_NODE_UNINFORMED)
        g_assert_cmpint (info.first_informed, >=, 0);
      else
        g_assert_cmpint (info.first_informed, ==, -1);
    }
  g_assert_cmpuint (node_sent, ==, sent);
  g_assert_cmpuint (useful_total, <=, node_received);
}

static void
test_engine_no_detail_above_cap (void)
{
  g_autoptr(GvParams) p = params_new (5000, GV_EXCHANGE_PUSH, "none");
  g_autoptr(GvEngine) e = NULL;
  g_autoptr(GvRoundRecord) rec = NULL;

  p->detail_cap = 2000;
  e = engine_new (p, 1);
  rec = gv_engine_step (e);
  g_assert_null (rec->messages);
  g_assert_null (rec->changes);
}

static void
test_engine_total_loss (void)
{
  g_autoptr(GvParams) p = params_new (100, GV_EXCHANGE_PUSH_PULL, "none");
  g_autoptr(GvEngine) e = NULL;
  GvSummary s;

  p->loss = 1.0;
  p->max_rounds = 20;
  e = engine_new (p, 1);
  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  g_assert_false (s.converged);
  g_assert_true (s.finished);
  g_assert_cmpuint (s.rounds, ==, 20);
  g_assert_cmpfloat_with_epsilon (s.residue, 0.99, 1e-12);
}

static void
test_engine_crashes (void)
{
  g_autoptr(GvParams) p = params_new (2000, GV_EXCHANGE_PUSH_PULL, "none");
  g_autoptr(GvEngine) e = NULL;
  GvRoundRecord *rec;
  guint32 alive = 2000;
  GvSummary s;

  p->crash = 0.05;
  p->recover = 0.02;
  e = engine_new (p, 1);

  while ((rec = gv_engine_step (e)) != NULL)
    {
      g_assert_cmpuint (rec->alive, ==, alive - rec->crashed + rec->recovered);
      alive = rec->alive;
      g_assert_cmpuint (rec->informed, <=, rec->alive);
      for (guint i = 0; i < rec->n_messages; i++)
        if (rec->messages[i].outcome == GV_MESSAGE_USEFUL)
          g_assert_cmpuint (gv_engine_get_node_state (e, rec->messages[i].dst), !=,
                            GV_NODE_UNINFORMED);
      gv_round_record_unref (rec);
    }

  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  g_assert_cmpuint (alive, <, 2000);
}

static void
test_engine_lose_state (void)
{
  g_autoptr(GvParams) p = params_new (1000, GV_EXCHANGE_PUSH_PULL, "none");
  g_autoptr(GvEngine) e = NULL;
  GvRoundRecord *rec;
  gboolean dropped = FALSE;
  guint32 prev = 1;

  p->crash = 0.2;
  p->recover = 0.5;
  p->recover_loses_state = TRUE;
  p->max_rounds = 60;
  e = engine_new (p, 1);

  while ((rec = gv_engine_step (e)) != NULL)
    {
      /* Recovered nodes come back empty, so the informed count can fall. */
      dropped |= rec->informed < prev && rec->recovered > 0;
      prev = rec->informed;
      gv_round_record_unref (rec);
    }

  g_assert_true (dropped);
}

static void
test_engine_stop_rules_end (void)
{
  const char *rules[] = {
    "feedback-counter:1", "blind-counter:2", "feedback-coin:2", "blind-coin:3", "ttl:5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
      {
        g_autoptr(GvParams) p = params_new (2000, x, rules[i]);
        g_autoptr(GvEngine) e = engine_new (p, 2);
        GvSummary s;

        gv_engine_run (e, NULL);
        gv_engine_get_summary (e, &s);
        g_test_message ("%s %s: rounds %u residue %.4f traffic %.2f", rules[i],
                        gv_exchange_to_string (x), s.rounds, s.residue, s.traffic);
        g_assert_true (s.finished);
        g_assert_cmpuint (s.rounds, <, p->max_rounds);
        g_assert_cmpuint (e->last_tally.spreading, ==, 0);
        if (g_str_has_prefix (rules[i], "ttl"))
          g_assert_cmpuint (s.rounds, ==, 5);
      }
}

/* Blind counter K with fanout 1 and push: the origin spreads for exactly K rounds. */
static void
test_engine_blind_counter_exact (void)
{
  g_autoptr(GvParams) p = params_new (2, GV_EXCHANGE_PUSH, "blind-counter:3");
  g_autoptr(GvEngine) e = engine_new (p, 1);
  GvSummary s;

  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  /* Node 0 sends in rounds 1..3, node 1 in rounds 2..4. */
  g_assert_cmpuint (s.rounds, ==, 4);
  g_assert_cmpuint (s.messages, ==, 6);
  g_assert_cmpfloat (s.traffic, ==, 3.0);
}

/* Feedback counter 1 on two nodes, push: node 0 informs node 1 in round 1; in round 2
 * both push to a node that knew, and both stop. */
static void
test_engine_feedback_counter_exact (void)
{
  g_autoptr(GvParams) p = params_new (2, GV_EXCHANGE_PUSH, "feedback-counter:1");
  g_autoptr(GvEngine) e = engine_new (p, 1);
  GvSummary s;

  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  g_assert_cmpuint (s.rounds, ==, 2);
  g_assert_cmpuint (s.messages, ==, 3);
  g_assert_true (s.converged);
}

static void
test_engine_multiple_rumors (void)
{
  g_autoptr(GvParams) p = params_new (500, GV_EXCHANGE_PUSH_PULL, "none");
  g_autoptr(GvEngine) e = NULL;
  GvRoundRecord *rec;
  GvNodeInfo info;
  GvSummary s;

  gv_params_add_injection (p, 0, 0, 0);
  gv_params_add_injection (p, 42, 30, 0);
  e = engine_new (p, 1);

  while ((rec = gv_engine_step (e)) != NULL)
    {
      if (rec->round < 30)
        g_assert_cmpuint (rec->informed, <=, 500);
      if (rec->round == 30)
        {
          /* Only node 42 holds both rumours now. */
          g_assert_cmpuint (rec->informed, ==, 1);
          g_assert_false (gv_engine_is_finished (e));
        }
      gv_round_record_unref (rec);
    }

  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  g_assert_cmpuint (s.rounds, >, 30);
  gv_engine_get_node_info (e, 7, &info);
  g_assert_cmpuint (info.known, ==, 2);
  g_assert_cmpint (info.first_informed, >, 30);
}

static void
test_engine_interventions (void)
{
  g_autoptr(GvParams) p = params_new (100, GV_EXCHANGE_PUSH, "none");
  g_autoptr(GvEngine) e = engine_new (p, 1);
  g_autoptr(GError) error = NULL;
  GvSummary s;

  g_assert_true (gv_engine_set_node_alive (e, 0, FALSE, &error));
  g_assert_cmpint (gv_engine_get_node_state (e, 0), ==, GV_NODE_CRASHED);
  /* The only informed node is down: nothing moves. */
  for (guint i = 0; i < 5; i++)
    gv_round_record_unref (gv_engine_step (e));
  gv_engine_get_summary (e, &s);
  g_assert_false (s.converged);
  g_assert_cmpfloat (s.residue, ==, 1.0);

  g_assert_false (gv_engine_inject (e, 0, 0, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
  g_clear_error (&error);
  g_assert_false (gv_engine_set_node_alive (e, 100, TRUE, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
  g_clear_error (&error);

  g_assert_true (gv_engine_set_node_alive (e, 0, TRUE, &error));
  g_assert_cmpint (gv_engine_get_node_state (e, 0), ==, GV_NODE_SPREADING);
  g_assert_true (gv_engine_inject (e, 50, 0, &error));
  g_assert_no_error (error);
  /* Two rumours now: node 0's reached nobody, node 50's only node 50, so the residue
   * averages 99/100 and 99/100 (and never exceeds 1). */
  gv_engine_get_summary (e, &s);
  g_assert_cmpfloat_with_epsilon (s.residue, 0.99, 1e-9);
  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  g_assert_cmpfloat (s.residue, ==, 0.0);
}

static void
test_engine_reset (void)
{
  g_autoptr(GvParams) p = params_new (3000, GV_EXCHANGE_PUSH_PULL, "feedback-coin:2");
  g_autoptr(GvEngine) e = engine_new (p, 2);
  GvSummary a, b;

  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &a);
  gv_engine_reset (e);
  g_assert_cmpuint (gv_engine_get_round (e), ==, 0);
  g_assert_false (gv_engine_is_finished (e));
  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &b);
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

static void
test_engine_sparse_topologies (void)
{
  /* igraph's Watts–Strogatz rewires either end of an edge and may isolate a node; this
   * one, like er:0.01 on 1000 nodes, is connected for the default seed. */
  const char *specs[] = { "ring:4", "regular:4", "ws:6:0.05", "ba:2", "grid", "er:0.01" };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GvParams) p = params_new (1000, GV_EXCHANGE_PUSH_PULL, "none");
      g_autoptr(GvEngine) e = NULL;
      GvSummary s;

      g_assert_true (gv_params_parse_topology (p, specs[i], NULL));
      p->fanout = 2;
      e = engine_new (p, 1);
      gv_engine_run (e, NULL);
      gv_engine_get_summary (e, &s);
      g_test_message ("%s: %u rounds", specs[i], s.rounds);
      g_assert_true (s.converged);
      /* A ring spreads linearly: about n / (2 · k/2 · ...) rounds, far slower. */
      if (g_str_equal (specs[i], "ring:4"))
        g_assert_cmpuint (s.rounds, >, 100);
      else
        g_assert_cmpuint (s.rounds, <, 100);
    }
}

/* The bulk snapshot the GUI uses agrees with the node-by-node view. */
static void
test_engine_states_snapshot (void)
{
  const char *stops[] = { "none", "feedback-counter:2", "ttl:4" };

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      g_autoptr(GvParams) p = params_new (20000, GV_EXCHANGE_PUSH_PULL, stops[i]);
      g_autoptr(GvEngine) e = NULL;
      g_autofree guint8 *states = g_malloc (20000);
      GvRoundRecord *rec;

      p->crash = 0.02;
      p->recover = 0.1;
      e = engine_new (p, 2);
      while ((rec = gv_engine_step (e)) != NULL)
        {
          guint counts[4] = { 0 };

          gv_engine_get_node_states (e, states);
          for (guint32 v = 0; v < 20000; v++)
            {
              g_assert_cmpuint (states[v], ==, gv_engine_get_node_state (e, v));
              counts[states[v]]++;
            }
          g_assert_cmpuint (counts[GV_NODE_CRASHED], ==, 20000 - rec->alive);
          g_assert_cmpuint (counts[GV_NODE_SPREADING] + counts[GV_NODE_REMOVED], ==,
                            rec->informed);
          gv_round_record_unref (rec);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/two-nodes", test_engine_two_nodes);
  g_test_add_func ("/engine/synchronous-push", test_engine_synchronous_push);
  g_test_add_func ("/engine/pick-peers", test_engine_pick_peers);
  g_test_add_func ("/engine/push-pull-default", test_engine_push_pull_default);
  g_test_add_func ("/engine/detail-events", test_engine_detail_events);
  g_test_add_func ("/engine/no-detail-above-cap", test_engine_no_detail_above_cap);
  g_test_add_func ("/engine/total-loss", test_engine_total_loss);
  g_test_add_func ("/engine/crashes", test_engine_crashes);
  g_test_add_func ("/engine/lose-state", test_engine_lose_state);
  g_test_add_func ("/engine/stop-rules-end", test_engine_stop_rules_end);
  g_test_add_func ("/engine/blind-counter-exact", test_engine_blind_counter_exact);
  g_test_add_func ("/engine/feedback-counter-exact", test_engine_feedback_counter_exact);
  g_test_add_func ("/engine/multiple-rumors", test_engine_multiple_rumors);
  g_test_add_func ("/engine/interventions", test_engine_interventions);
  g_test_add_func ("/engine/reset", test_engine_reset);
  g_test_add_func ("/engine/sparse-topologies", test_engine_sparse_topologies);
  g_test_add_func ("/engine/states-snapshot", test_engine_states_snapshot);

  return g_test_run ();
}
