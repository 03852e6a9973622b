/* test-engine.c: the core, whatever the protocol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the core owns and every protocol gets from it: the network model's accounting,
 * crashes and recoveries, peer choice, interventions, the crashed class, the inspector,
 * and resets.  Each test goes over every protocol in the registry, through its
 * declarations only, so a new protocol is tested here the day it is listed.  Each
 * protocol's own behaviour is tested in its folder (src/engine/protocols/NAME/tests/).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-shard.h"
#include "gv-test-engine.h"

/* A network the protocol accepts: the complete graph for those that need it, else a
 * sparse one, which most protocols' own tests use less. */
static GvParams *
params_for (const GvProtocol *protocol,
            guint32           n_nodes,
            gboolean          sparse)
{
  GvParams *p = gv_params_new_for (protocol);
  g_autoptr(GError) error = NULL;

  p->n_nodes = n_nodes;
  if (sparse && !protocol->complete_only)
    g_assert_true (gv_params_parse_topology (p, "ws:6:0.1", &error));
  if (protocol->uses_fanout)
    p->fanout = 2;
  p->max_rounds = 80;
  g_assert_no_error (error);
  return p;
}

static void
check_accounting (const GvProtocol    *protocol,
                  const GvRoundRecord *rec,
                  guint64              n_nodes,
                  guint64             *alive)
{
  guint64 data = REC_CARRYING (rec);

  g_assert_cmpuint (rec->n_values, ==, GV_N_CORE_METRICS + protocol->n_metrics);
  for (guint m = 0; m < rec->n_values; m++)
    g_assert_false (isnan (rec->values[m]));

  /* Every message is exactly one of these. */
  g_assert_cmpuint (REC_USEFUL (rec) + REC_REDUNDANT (rec) + REC_LOST (rec) + REC_DEAD (rec) +
                    REC_REQUESTS (rec), ==, REC_SENT (rec));
  g_assert_cmpuint (REC_USEFUL (rec) + REC_REDUNDANT (rec) + GV_REC (rec, GV_METRIC_LOST_DATA) +
                    GV_REC (rec, GV_METRIC_DEAD_DATA), ==, data);
  g_assert_cmpuint (REC_SENT (rec), ==, data + REC_REQUESTS_SENT (rec));
  g_assert_cmpuint (REC_LOST (rec), ==, GV_REC (rec, GV_METRIC_LOST_DATA) +
                                        GV_REC (rec, GV_METRIC_LOST_REQUESTS));
  g_assert_cmpuint (REC_DEAD (rec), ==, GV_REC (rec, GV_METRIC_DEAD_DATA) +
                                        GV_REC (rec, GV_METRIC_DEAD_REQUESTS));

  /* Crashes and recoveries, with the nodes they name. */
  g_assert_cmpuint (REC_ALIVE (rec), ==, *alive - REC_CRASHED (rec) + REC_RECOVERED (rec));
  g_assert_cmpuint (REC_ALIVE (rec), <=, n_nodes);
  *alive = REC_ALIVE (rec);
  g_assert_cmpuint (rec->n_crashed, ==, REC_CRASHED (rec));
  g_assert_cmpuint (rec->n_recovered, ==, REC_RECOVERED (rec));
  for (guint i = 0; i < rec->n_crashed; i++)
    {
      g_assert_cmpuint (rec->crashed_nodes[i], <, n_nodes);
      if (i > 0)
        g_assert_cmpuint (rec->crashed_nodes[i - 1], <, rec->crashed_nodes[i]);
    }
  for (guint i = 0; i < rec->n_recovered; i++)
    {
      g_assert_cmpuint (rec->recovered_nodes[i], <, n_nodes);
      if (i > 0)
        g_assert_cmpuint (rec->recovered_nodes[i - 1], <, rec->recovered_nodes[i]);
    }

  /* In detail mode each message says what became of it, and the counts agree. */
  if (rec->messages != NULL)
    {
      guint64 by[5][2] = { { 0 } };

      g_assert_cmpuint (rec->n_messages, ==, REC_SENT (rec));
      for (guint i = 0; i < rec->n_messages; i++)
        {
          const GvMessageEvent *m = &rec->messages[i];

          g_assert_cmpuint (m->src, <, n_nodes);
          g_assert_cmpuint (m->dst, <, n_nodes);
          g_assert_cmpuint (m->src, !=, m->dst);
          g_assert_cmpuint (m->outcome, <=, GV_MESSAGE_REQUEST);
          by[m->outcome][m->carries_data != 0]++;
        }
      g_assert_cmpuint (by[GV_MESSAGE_USEFUL][0] + by[GV_MESSAGE_REDUNDANT][0], ==, 0);
      g_assert_cmpuint (by[GV_MESSAGE_REQUEST][1], ==, 0);
      g_assert_cmpuint (by[GV_MESSAGE_USEFUL][1], ==, REC_USEFUL (rec));
      g_assert_cmpuint (by[GV_MESSAGE_REDUNDANT][1], ==, REC_REDUNDANT (rec));
      g_assert_cmpuint (by[GV_MESSAGE_LOST][1], ==, GV_REC (rec, GV_METRIC_LOST_DATA));
      g_assert_cmpuint (by[GV_MESSAGE_LOST][0], ==, GV_REC (rec, GV_METRIC_LOST_REQUESTS));
      g_assert_cmpuint (by[GV_MESSAGE_DEAD][1], ==, GV_REC (rec, GV_METRIC_DEAD_DATA));
      g_assert_cmpuint (by[GV_MESSAGE_DEAD][0], ==, GV_REC (rec, GV_METRIC_DEAD_REQUESTS));
      g_assert_cmpuint (by[GV_MESSAGE_REQUEST][0], ==, REC_REQUESTS (rec));
    }
}

/* The network model's accounting, the same for every protocol: with loss, crashes and
 * recoveries, with and without per-message detail, on one shard and on two. */
static void
test_engine_accounting (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);

      for (guint detail = 0; detail < 2; detail++)
        {
          g_autoptr(GvParams) p = params_for (protocol, detail ? 400 : 2100, TRUE);
          g_autoptr(GvEngine) e = NULL;
          g_autoptr(GvRoundRecord) r0 = NULL;
          guint64 alive, sent = 0, lost = 0, dead = 0, useful = 0;
          GvRoundRecord *rec;
          GvSummary s;

          p->loss = 0.2;
          p->crash = 0.02;
          p->recover = 0.2;
          if (!detail)
            p->detail_cap = 0;
          e = gv_test_engine_new (p, 2);
          g_assert_cmpuint (gv_engine_get_n_shards (e), ==, detail ? 1 : 2);

          r0 = gv_engine_initial_record (e);
          g_assert_cmpuint (REC_SENT (r0), ==, 0);
          alive = p->n_nodes;
          check_accounting (protocol, r0, p->n_nodes, &alive);

          while ((rec = gv_engine_step (e)) != NULL)
            {
              g_assert_cmpuint (!!detail, ==, rec->messages != NULL);
              check_accounting (protocol, rec, p->n_nodes, &alive);
              g_assert_cmpuint (alive, ==, gv_engine_get_n_alive (e));
              sent += REC_SENT (rec);
              lost += REC_LOST (rec);
              dead += REC_DEAD (rec);
              useful += REC_USEFUL (rec);
              gv_round_record_unref (rec);
            }

          gv_engine_get_summary (e, &s);
          g_test_message ("%s, %s: %u rounds, %" G_GUINT64_FORMAT " sent, %" G_GUINT64_FORMAT
                          " useful, %" G_GUINT64_FORMAT " lost, %" G_GUINT64_FORMAT " dead",
                          protocol->id, detail ? "detail" : "two shards", s.rounds, sent, useful,
                          lost, dead);
          g_assert_true (s.finished);
          g_assert_cmpuint (s.messages, ==, sent);
          g_assert_cmpuint (s.n_figures, ==, protocol->n_figures);
          /* The faults did act: some messages were lost, some went to crashed nodes. */
          g_assert_cmpuint (useful, >, 0);
          g_assert_cmpuint (lost, >, 0);
          g_assert_cmpuint (dead, >, 0);
        }
    }
}

/* Each of the 49 others is chosen with probability 8/49, and never twice at once. */
static void
test_engine_pick_peers (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvEngine) e = NULL;
  guint counts[50] = { 0 };
  double chi2 = 0.0;
  const guint trials = 20000;
  GvShard *shard;

  p->n_nodes = 50;
  p->fanout = 8;
  e = gv_test_engine_new (p, 1);
  shard = gv_engine_get_shard (e, 0);

  for (guint t = 0; t < trials; t++)
    {
      guint32 n;

      /* The stream is the node's of the round: another round, another draw. */
      shard->round = t;
      n = gv_shard_pick_peers (shard, 7);
      g_assert_cmpuint (n, ==, 8);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (shard->peers[i], <, 50);
          g_assert_cmpuint (shard->peers[i], !=, 7);
          for (guint j = 0; j < i; j++)
            g_assert_cmpuint (shard->peers[i], !=, shard->peers[j]);
          counts[shard->peers[i]]++;
        }
    }

  /* 48 degrees of freedom: the 0.1% point of chi-square is 84. */
  g_assert_cmpuint (counts[7], ==, 0);
  for (guint v = 0; v < 50; v++)
    if (v != 7)
      {
        double expected = trials * 8.0 / 49.0;
        chi2 += pow (counts[v] - expected, 2) / expected;
      }
  g_test_message ("peer choice chi2 = %.1f", chi2);
  g_assert_cmpfloat (chi2, <, 84.0);

  /* The same node in the same round draws the same peers. */
  {
    guint32 first[8];

    shard->round = 3;
    gv_shard_pick_peers (shard, 7);
    memcpy (first, shard->peers, sizeof first);
    gv_shard_pick_peers (shard, 7);
    g_assert_cmpmem (first, sizeof first, shard->peers, sizeof first);
  }
}

/* On a sparse network the peers are distinct neighbours; a node with fewer neighbours
 * than the fanout gets them all. */
static void
test_engine_pick_neighbours (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvEngine) e = NULL;
  GvTopology *topo;
  GvShard *shard;

  p->n_nodes = 100;
  p->fanout = 3;
  g_assert_true (gv_params_parse_topology (p, "grid", NULL));
  e = gv_test_engine_new (p, 1);
  shard = gv_engine_get_shard (e, 0);
  topo = gv_engine_get_topology (e);

  for (guint t = 0; t < 50; t++)
    for (guint32 v = 0; v < 100; v++)
      {
        guint32 degree = gv_topology_degree (topo, v);
        guint32 n;

        shard->round = t;
        n = gv_shard_pick_peers (shard, v);
        g_assert_cmpuint (n, ==, MIN (degree, 3));
        for (guint i = 0; i < n; i++)
          {
            gboolean neighbour = FALSE;

            for (guint32 j = 0; j < degree; j++)
              neighbour |= gv_topology_neighbor (topo, v, j) == shard->peers[i];
            g_assert_true (neighbour);
            for (guint j = 0; j < i; j++)
              g_assert_cmpuint (shard->peers[i], !=, shard->peers[j]);
          }
      }
}

/* Interventions through the one entry point the window, the CLI and run files use. */
static void
test_engine_interventions (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) p = params_for (protocol, 300, FALSE);
      g_autoptr(GvEngine) e = gv_test_engine_new (p, 1);
      g_autoptr(GError) error = NULL;
      const GvClassTable *table = gv_engine_get_classes (e);
      GvIntervention faults = { .kind = GV_INTERVENTION_FAULTS, .loss = 1.0 };
      GvIntervention crash = { .kind = GV_INTERVENTION_CRASH, .node = 5 };
      GvIntervention revive = { .kind = GV_INTERVENTION_REVIVE, .node = 5 };
      GvIntervention inject = { .kind = GV_INTERVENTION_INJECT, .node = 9 };
      GvIntervention bad = { .kind = (GvInterventionKind) 99 };
      GvNodeDescription d;
      GvRoundRecord *rec;
      guint injected;
      gboolean can;

      g_test_message ("%s", protocol->id);

      /* Every message is lost from the next round on. */
      g_assert_true (gv_engine_intervene (e, &faults, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (gv_engine_get_params (e)->loss, ==, 1.0);
      rec = gv_engine_step (e);
      g_assert_nonnull (rec);
      g_assert_cmpuint (REC_SENT (rec), >, 0);
      g_assert_cmpuint (REC_LOST (rec), ==, REC_SENT (rec));
      g_assert_cmpuint (REC_USEFUL (rec) + REC_REDUNDANT (rec) + REC_REQUESTS (rec), ==, 0);
      gv_round_record_unref (rec);
      faults.loss = 0.0;
      g_assert_true (gv_engine_intervene (e, &faults, &error));
      g_assert_cmpfloat (gv_engine_get_params (e)->loss, ==, 0.0);

      /* Down, down again (nothing changes), and up. */
      g_assert_true (gv_engine_intervene (e, &crash, &error));
      g_assert_cmpuint (gv_engine_get_n_alive (e), ==, 299);
      g_assert_cmpuint (gv_engine_classify (e, 5, 0), ==, table->crashed);
      gv_engine_describe_node (e, 5, &d);
      g_assert_false (d.alive);
      g_assert_cmpuint (d.cls, ==, table->crashed);
      gv_node_description_clear (&d);
      g_assert_true (gv_engine_intervene (e, &crash, &error));
      g_assert_cmpuint (gv_engine_get_n_alive (e), ==, 299);
      g_assert_true (gv_engine_intervene (e, &revive, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (gv_engine_get_n_alive (e), ==, 300);
      g_assert_cmpuint (gv_engine_classify (e, 5, 0), !=, table->crashed);

      /* No such node. */
      crash.node = 300;
      g_assert_false (gv_engine_intervene (e, &crash, &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
      g_assert_nonnull (strstr (error->message, "300"));
      g_clear_error (&error);
      g_assert_cmpuint (gv_engine_get_n_alive (e), ==, 300);

      /* News for a crashed node is refused, with a sentence. */
      injected = gv_engine_get_n_injected (e);
      crash.node = 9;
      g_assert_true (gv_engine_intervene (e, &crash, &error));
      g_assert_false (gv_engine_can_inject (e, 9, 0, &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
      g_clear_error (&error);
      g_assert_false (gv_engine_intervene (e, &inject, &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_clear_error (&error);
      g_assert_cmpuint (gv_engine_get_n_injected (e), ==, injected);

      /* Alive, it is taken or refused as gv_engine_can_inject() said. */
      revive.node = 9;
      g_assert_true (gv_engine_intervene (e, &revive, &error));
      can = gv_engine_can_inject (e, 9, 0, &error);
      g_assert_true (can == (error == NULL));
      g_clear_error (&error);
      g_assert_cmpint (gv_engine_intervene (e, &inject, &error), ==, can);
      if (can)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (gv_engine_get_n_injected (e), ==, injected + 1);
          g_assert_false (gv_engine_is_finished (e));
        }
      else
        {
          g_assert_nonnull (error);
          g_test_message ("  refused: %s", error->message);
          g_assert_cmpuint (strlen (error->message), >, 10);
          g_assert_cmpuint (gv_engine_get_n_injected (e), ==, injected);
          g_clear_error (&error);
        }

      g_assert_false (gv_engine_intervene (e, &bad, &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
      g_clear_error (&error);

      gv_engine_run (e, NULL);
      g_assert_true (gv_engine_is_finished (e));
    }
}

static void
check_class_table (const GvProtocol   *protocol,
                   const GvClassTable *table)
{
  g_assert_cmpuint (table->n, >=, 2);
  g_assert_cmpuint (table->n, <=, GV_MAX_CLASSES + 1);
  g_assert_cmpuint (table->crashed, ==, table->n - 1);
  g_assert_cmpstr (table->classes[table->n - 1].id, ==, "crashed");
  for (guint c = 0; c < table->n; c++)
    {
      const GvNodeClass *cls = &table->classes[c];

      g_assert_nonnull (cls->id);
      g_assert_nonnull (cls->label);
      g_assert_nonnull (cls->help);
      g_assert_cmpuint (cls->slot, <, GV_N_SLOTS);
      g_assert_cmpuint (cls->cue, <, GV_N_CUES);
      for (guint d = 0; d < c; d++)
        g_assert_cmpstr (table->classes[d].id, !=, cls->id);
    }
}

/* The protocol's classes, then the core's "crashed", for the defaults and for the ends
 * of the protocol's whole-number parameters (classes may depend on them). */
static void
test_engine_class_tables (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);

      for (guint v = 0; v <= 2 * protocol->n_params; v++)
        {
          g_autoptr(GvParams) p = params_for (protocol, 2100, FALSE);
          g_autoptr(GvEngine) e = NULL;
          g_autofree guint8 *classes = g_malloc (p->n_nodes);
          const GvClassTable *table;
          GvClassTable direct;
          GvRoundRecord *rec;

          if (v > 0)
            {
              const GvParamSpec *spec = &protocol->params[(v - 1) / 2];
              guint index = (v - 1) / 2;
              GvParamValue value = *gv_params_get_value (p, index);

              if (spec->type != GV_PARAM_INT)
                continue;
              value.i = v % 2 == 1 ? spec->min : MIN (spec->max, spec->min + 3);
              gv_params_set_value (p, index, &value);
              if (!gv_params_validate (p, NULL))
                continue;
            }

          p->crash = 0.05;
          p->recover = 0.1;
          p->max_rounds = 10;
          p->detail_cap = 0;
          e = gv_test_engine_new (p, 2);
          table = gv_engine_get_classes (e);
          check_class_table (protocol, table);
          gv_class_table_init (&direct, p);
          g_assert_cmpuint (direct.n, ==, table->n);

          /* The nodes are in those classes, and crashed exactly when down. */
          while ((rec = gv_engine_step (e)) != NULL)
            {
              guint n_crashed = 0;

              for (guint view = 0; view < gv_engine_get_n_views (e); view++)
                {
                  gv_engine_classify_all (e, view, classes);
                  for (guint32 node = 0; node < p->n_nodes; node++)
                    {
                      g_assert_cmpuint (classes[node], <, table->n);
                      g_assert_cmpuint (classes[node], ==, gv_engine_classify (e, node, view));
                      n_crashed += view == 0 && classes[node] == table->crashed;
                    }
                }
              g_assert_cmpuint (n_crashed, ==, p->n_nodes - REC_ALIVE (rec));
              gv_round_record_unref (rec);
            }
        }
    }
}

/* The inspector has the protocol's rows for every node, crashed or not. */
static void
test_engine_describe_node (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) p = params_for (protocol, 200, FALSE);
      g_autoptr(GvEngine) e = NULL;
      g_autoptr(GvRoundRecord) rec = NULL;

      p->max_rounds = 3;
      e = gv_test_engine_new (p, 1);
      for (guint r = 0; r < 2; r++)
        {
          for (guint32 v = 0; v < p->n_nodes; v += 37)
            {
              GvNodeDescription d;

              gv_engine_describe_node (e, v, &d);
              g_assert_nonnull (d.rows);
              g_assert_cmpuint (d.rows->len, >, 0);
              g_assert_cmpuint (d.cls, ==, gv_engine_classify (e, v, 0));
              g_assert_cmpint (d.alive, ==, v != 37 || r == 0);
              g_assert_cmpint (d.first_informed, ==, gv_engine_get_first_informed (e, v));
              g_assert_cmpint (d.first_informed, <=, (gint64) gv_engine_get_round (e));
              for (guint k = 0; k < d.rows->len; k++)
                {
                  const GvNodeRow *row = &g_array_index (d.rows, GvNodeRow, k);

                  g_assert_nonnull (row->label);
                  g_assert_nonnull (row->value);
                  g_assert_cmpuint (strlen (row->label), >, 0);
                  g_assert_cmpuint (strlen (row->value), >, 0);
                  g_assert_true (g_utf8_validate (row->label, -1, NULL));
                  g_assert_true (g_utf8_validate (row->value, -1, NULL));
                  if (v == 0 && r == 0)
                    g_test_message ("%s: %s: %s", protocol->id, row->label, row->value);
                }
              gv_node_description_clear (&d);
              g_assert_null (d.rows);
            }
          g_clear_pointer (&rec, gv_round_record_unref);
          rec = gv_engine_step (e);
          g_assert_true (gv_engine_set_node_alive (e, 37, FALSE, NULL));
        }
    }
}

/* A reset gives the same run again, for every protocol, with faults. */
static void
test_engine_reset (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) p = params_for (protocol, 500, TRUE);
      g_autoptr(GvEngine) e = NULL;
      g_autoptr(GByteArray) a = NULL;
      g_autoptr(GByteArray) b = NULL;

      p->loss = 0.1;
      p->crash = 0.02;
      p->recover = 0.1;
      e = gv_test_engine_new (p, 1);
      a = gv_test_fingerprint (e);
      gv_engine_reset (e);
      g_assert_cmpuint (gv_engine_get_round (e), ==, 0);
      g_assert_false (gv_engine_is_finished (e));
      g_assert_cmpuint (gv_engine_get_n_alive (e), ==, p->n_nodes);
      b = gv_test_fingerprint (e);
      g_test_message ("%s: %u bytes", protocol->id, a->len);
      g_assert_cmpmem (a->data, a->len, b->data, b->len);
    }
}

/* After an intervention, the current record counts the nodes as they are now and
 * keeps the last round's messages; a round makes it go away again; and asking for it
 * changes nothing in the run. */
static void
test_engine_current_record (void)
{
  g_autoptr(GvParams) p = gv_test_params ("anti-entropy", 64, NULL);
  g_autoptr(GvEngine) e = gv_test_engine_new (p, 1);
  g_autoptr(GvEngine) plain = gv_test_engine_new (p, 1);
  g_autoptr(GError) error = NULL;
  GvRoundRecord *last = NULL;
  GvRoundRecord *now;

  g_assert_null (gv_engine_current_record (e));
  while (!gv_engine_is_finished (e))
    {
      g_clear_pointer (&last, gv_round_record_unref);
      last = gv_engine_step (e);
      gv_round_record_unref (gv_engine_step (plain));
      g_assert_null (gv_engine_current_record (e));
    }
  g_assert_cmpfloat (gv_test_value (last, p->protocol, "up_to_date"), ==, 64);

  /* A new version at node 5: it alone is up to date, now. */
  g_assert_true (gv_engine_inject (e, 5, 0, &error));
  g_assert_true (gv_engine_inject (plain, 5, 0, &error));
  g_assert_no_error (error);
  now = gv_engine_current_record (e);
  g_assert_nonnull (now);
  g_assert_cmpuint (now->round, ==, last->round);
  g_assert_cmpfloat (gv_test_value (now, p->protocol, "up_to_date"), ==, 1);
  g_assert_cmpfloat (gv_test_value (now, p->protocol, "sent"), ==,
                     gv_test_value (last, p->protocol, "sent"));
  g_assert_cmpfloat (gv_test_value (now, p->protocol, "alive"), ==, 64);
  g_assert_null (now->messages);
  gv_round_record_unref (now);

  /* The next rounds are the same as those of a run that never asked. */
  while (!gv_engine_is_finished (plain))
    {
      g_autoptr(GvRoundRecord) a = gv_engine_step (e);
      g_autoptr(GvRoundRecord) b = gv_engine_step (plain);

      g_assert_nonnull (a);
      g_assert_cmpmem (a->values, sizeof (double) * a->n_values,
                       b->values, sizeof (double) * b->n_values);
      g_assert_null (gv_engine_current_record (e));
    }
  g_assert_true (gv_engine_is_finished (e));
  gv_round_record_unref (last);
}

/* The infection tree from the recorded messages agrees with the engine's own account of
 * who was informed when: every node but the origin has one teller, informed a round
 * earlier at least, and the node's first useful message came in its first informed
 * round.  Push, pull and push-pull, with loss, on the complete graph and a sparse one. */
static void
test_engine_tellers (void)
{
  static const char *const exchanges[] = { "push", "pull", "push-pull" };
  static const char *const topologies[] = { "complete", "ba:2" };

  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    for (guint t = 0; t < G_N_ELEMENTS (topologies); t++)
      {
        g_autofree char *exchange = g_strdup_printf ("exchange=%s", exchanges[x]);
        g_autoptr(GvParams) p = gv_test_params ("rumor", 300, exchange, NULL);
        g_autoptr(GvEngine) e = NULL;
        g_autofree guint32 *tellers = g_new (guint32, 300);
        g_autofree guint32 *told_in = g_new0 (guint32, 300);
        g_autoptr(GError) error = NULL;
        guint informed = 0, origins = 0;

        g_assert_true (gv_params_parse_topology (p, topologies[t], &error));
        g_assert_no_error (error);
        p->loss = 0.1;
        p->seed = 11 + x + 3 * t;
        e = gv_test_engine_new (p, 1);
        gv_round_tellers_reset (tellers, p->n_nodes);
        while (!gv_engine_is_finished (e))
          {
            g_autoptr(GvRoundRecord) rec = gv_engine_step (e);

            g_assert_nonnull (rec->messages);
            for (guint32 v = 0; v < p->n_nodes; v++)
              if (tellers[v] == GV_ROUND_NO_TELLER)
                told_in[v] = rec->round;
            gv_round_tellers_add (tellers, p->n_nodes, rec);
          }

        for (guint32 v = 0; v < p->n_nodes; v++)
          {
            gint64 round = gv_engine_get_first_informed (e, v);

            if (round < 0)
              {
                g_assert_cmpuint (tellers[v], ==, GV_ROUND_NO_TELLER);
                continue;
              }
            informed++;
            if (tellers[v] == GV_ROUND_NO_TELLER)
              {
                origins++;
                g_assert_cmpint (round, ==, 0);
                continue;
              }
            g_assert_cmpuint (tellers[v], <, p->n_nodes);
            g_assert_cmpint (gv_engine_get_first_informed (e, tellers[v]), >=, 0);
            g_assert_cmpint (gv_engine_get_first_informed (e, tellers[v]), <, round);
            g_assert_cmpint (told_in[v], ==, round);
          }
        g_test_message ("%s on %s: %u informed, %u origin", exchanges[x], topologies[t],
                        informed, origins);
        g_assert_cmpuint (origins, ==, 1);
        g_assert_cmpuint (informed, >, p->n_nodes / 2);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/accounting", test_engine_accounting);
  g_test_add_func ("/engine/pick-peers", test_engine_pick_peers);
  g_test_add_func ("/engine/pick-neighbours", test_engine_pick_neighbours);
  g_test_add_func ("/engine/interventions", test_engine_interventions);
  g_test_add_func ("/engine/class-tables", test_engine_class_tables);
  g_test_add_func ("/engine/describe-node", test_engine_describe_node);
  g_test_add_func ("/engine/reset", test_engine_reset);
  g_test_add_func ("/engine/current-record", test_engine_current_record);
  g_test_add_func ("/engine/tellers", test_engine_tellers);

  return g_test_run ();
}
