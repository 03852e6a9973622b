/* test-params.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gv-error.h"
#include "gv-params.h"

static void
test_params_defaults (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (p->n_nodes, ==, 100);
  g_assert_cmpint (p->topology, ==, GV_TOPOLOGY_COMPLETE);
  g_autofree char *exchange = gv_params_get (p, "exchange");
  g_autofree char *stop = gv_params_get (p, "stop");

  g_assert_cmpstr (exchange, ==, "push-pull");
  g_assert_cmpstr (p->protocol->id, ==, "rumor");
  g_assert_true (p->protocol == gv_protocol_get_default ());
  g_assert_cmpuint (p->fanout, ==, 1);
  g_assert_cmpstr (stop, ==, "none");
  g_assert_cmpuint (p->max_rounds, ==, 1000);
  g_assert_cmpuint (p->seed, ==, 1);
  g_assert_true (gv_params_validate (p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gv_params_get_n_injections (p), ==, 1);
}

static void
test_params_topology_specs (void)
{
  struct { const char *spec; GvTopologyKind kind; guint k; double p; } good[] = {
    { "complete", GV_TOPOLOGY_COMPLETE, 0, 0 },
    { "ring:4", GV_TOPOLOGY_RING, 4, 0 },
    { "regular:3", GV_TOPOLOGY_REGULAR, 3, 0 },
    { "er:0.05", GV_TOPOLOGY_ER, 0, 0.05 },
    { "ws:6:0.1", GV_TOPOLOGY_WS, 6, 0.1 },
    { "ba:2", GV_TOPOLOGY_BA, 2, 0 },
    { "grid", GV_TOPOLOGY_GRID, 0, 0 },
  };
  const char *bad[] = {
    "", "circle", "ring", "ring:", "ring:x", "ring:4:5", "er", "er:2", "er:-0.1", "er:abc",
    "ws:4", "ws:4:1.5", "ba:-1", "grid:3", "complete:1", "ring:4x", "er: 0.5", "er:0x0.8",
    "er:nan", "er:inf",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GvParams) p = gv_params_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;

      g_assert_true (gv_params_parse_topology (p, good[i].spec, &error));
      g_assert_no_error (error);
      g_assert_cmpint (p->topology, ==, good[i].kind);
      if (good[i].k)
        g_assert_cmpuint (p->topology_k, ==, good[i].k);
      if (good[i].p > 0)
        g_assert_cmpfloat_with_epsilon (p->topology_p, good[i].p, 1e-12);
      back = gv_params_topology_to_string (p);
      g_assert_cmpstr (back, ==, good[i].spec);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GvParams) p = gv_params_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (gv_params_parse_topology (p, bad[i], &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
test_params_stop_specs (void)
{
  const char *good[] = {
    "none", "feedback-counter:3", "blind-counter:1", "feedback-coin:2", "blind-coin:5", "ttl:7",
  };
  const char *bad[] = {
    "", "never", "feedback-counter", "feedback-counter:", "feedback-counter:0",
    "blind-coin:256", "ttl:x", "ttl:3:4", "none:1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GvParams) p = gv_params_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;

      g_assert_true (gv_params_set (p, "stop", good[i], &error));
      g_assert_no_error (error);
      back = gv_params_get (p, "stop");
      g_assert_cmpstr (back, ==, good[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GvParams) p = gv_params_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (gv_params_set (p, "stop", bad[i], &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
      g_assert_nonnull (strstr (error->message, "stop"));
    }
}

static void
expect_invalid (GvParams   *p,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gv_params_validate (p, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_params_validate (void)
{
  g_autoptr(GvParams) p = NULL;

  p = gv_params_new ();
  p->n_nodes = 1;
  expect_invalid (p, "number of nodes");
  p->n_nodes = GV_MAX_NODES + 1;
  expect_invalid (p, "number of nodes");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  p->n_nodes = 10;
  p->fanout = 10;
  expect_invalid (p, "fanout of 10");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  g_assert_true (gv_params_parse_topology (p, "ring:4", NULL));
  p->fanout = 5;
  expect_invalid (p, "larger than the 4 neighbours");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  g_assert_true (gv_params_parse_topology (p, "ring:3", NULL));
  expect_invalid (p, "even number of neighbours");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  p->n_nodes = 11;
  g_assert_true (gv_params_parse_topology (p, "regular:3", NULL));
  expect_invalid (p, "must be even");
  g_clear_pointer (&p, gv_params_unref);

  /* Stop rules belong to rumour mongering: anti-entropy has none to set. */
  p = gv_params_new_for (gv_protocol_find ("anti-entropy"));
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gv_params_set (p, "stop", "feedback-coin:2", &error));
    g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
    g_assert_nonnull (strstr (error->message, "Anti-entropy has no parameter “stop”"));
  }
  /* Updates name keys that exist. */
  gv_params_add_injection (p, 0, 0, 1);
  expect_invalid (p, "key 1");
  g_assert_true (gv_params_set (p, "keys", "2", NULL));
  g_assert_true (gv_params_validate (p, NULL));
  g_clear_pointer (&p, gv_params_unref);

  /* The baselines that assume anybody reaches anybody need the complete graph. */
  p = gv_params_new_for (gv_protocol_find ("tree"));
  g_assert_true (gv_params_parse_topology (p, "ring:4", NULL));
  expect_invalid (p, "complete graph only, not on ring:4");
  g_clear_pointer (&p, gv_params_unref);

  /* A baseline spreads one rumour. */
  p = gv_params_new_for (gv_protocol_find ("central"));
  gv_params_add_injection (p, 1, 0, 0);
  gv_params_add_injection (p, 2, 0, 0);
  expect_invalid (p, "allows at most 1 injection");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  for (guint i = 0; i < 31; i++)
    gv_params_add_injection (p, i, 0, 0);
  expect_invalid (p, "allows at most 30 injections");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  p->loss = 1.5;
  expect_invalid (p, "probabilities");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  gv_params_add_injection (p, 100, 0, 0);
  expect_invalid (p, "node 100");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  p->max_rounds = 10;
  gv_params_add_injection (p, 1, 10, 0);
  expect_invalid (p, "round 10");
  g_clear_pointer (&p, gv_params_unref);

  p = gv_params_new ();
  p->n_nodes = 1000000;
  g_assert_true (gv_params_parse_topology (p, "er:0.5", NULL));
  expect_invalid (p, "edge ends");
  g_clear_pointer (&p, gv_params_unref);
}

static void
test_params_json_round_trip (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvParams) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  p->n_nodes = 500;
  g_assert_true (gv_params_parse_topology (p, "ws:6:0.25", NULL));
  g_assert_true (gv_params_set (p, "exchange", "pull", NULL));
  p->fanout = 2;
  g_assert_true (gv_params_set (p, "stop", "feedback-coin:3", NULL));
  p->loss = 0.1;
  p->crash = 0.05;
  p->recover = 0.02;
  p->recover_loses_state = TRUE;
  p->seed = G_GUINT64_CONSTANT (18446744073709551615);
  gv_params_add_injection (p, 3, 0, 0);
  gv_params_add_injection (p, 9, 4, 0);

  node = gv_params_to_json (p);
  back = gv_params_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (gv_params_equal (p, back));

  back->fanout = 3;
  g_assert_false (gv_params_equal (p, back));
  back->fanout = 2;
  g_assert_true (gv_params_set (back, "stop", "feedback-coin:4", NULL));
  g_assert_false (gv_params_equal (p, back));
}

/* Every protocol's parameters survive a trip through a run file's params, and a
 * protocol's parameter that another one has by the same name and type is kept when
 * the protocol changes. */
static void
test_params_protocols (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) p = gv_params_new_for (protocol);
      g_autoptr(GvParams) back = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (gv_params_validate (p, &error));
      g_assert_no_error (error);
      node = gv_params_to_json (p);
      back = gv_params_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_true (gv_params_equal (p, back));

      for (guint k = 0; k < protocol->n_params; k++)
        {
          GvParamValue v;
          g_autofree char *text = NULL;

          gv_param_default (&protocol->params[k], &v);
          text = gv_param_to_string (&protocol->params[k], &v);
          g_assert_true (gv_params_set (p, protocol->params[k].name, text, &error));
          g_assert_no_error (error);
        }
    }

  {
    g_autoptr(GvParams) p = gv_params_new ();

    g_assert_true (gv_params_set (p, "exchange", "pull", NULL));
    gv_params_set_protocol (p, gv_protocol_find ("anti-entropy"));
    {
      g_autofree char *exchange = gv_params_get (p, "exchange");
      g_autofree char *keys = gv_params_get (p, "keys");

      g_assert_cmpstr (exchange, ==, "pull");
      g_assert_cmpstr (keys, ==, "1");
    }
    gv_params_set_protocol (p, gv_protocol_find ("tree"));
    g_assert_null (gv_params_get (p, "exchange"));
    g_assert_true (gv_params_validate (p, NULL));
  }
}

/* Format 1 (0.1.0) spelt the exchange "protocol" and the protocol "mode". */
static void
test_params_json_v1 (void)
{
  const char *doc =
    "{\"nodes\": 16, \"topology\": \"complete\", \"protocol\": \"push\", \"mode\": \"rumor\","
    " \"fanout\": 1, \"stop\": \"feedback-counter:2\", \"loss\": 0.0, \"crash\": 0.0,"
    " \"recover\": 0.0, \"recover_loses_state\": false, \"max_rounds\": 1000, \"seed\": 7,"
    " \"keys\": 1, \"detail_cap\": 4096, \"injections\": [{\"node\": 0, \"round\": 0}]}";
  const char *ae_stop =
    "{\"nodes\": 16, \"topology\": \"complete\", \"protocol\": \"push\","
    " \"mode\": \"anti-entropy\", \"fanout\": 1, \"stop\": \"ttl:2\", \"loss\": 0.0,"
    " \"crash\": 0.0, \"recover\": 0.0, \"recover_loses_state\": false, \"max_rounds\": 1000,"
    " \"seed\": 7, \"keys\": 3, \"detail_cap\": 4096, \"injections\": []}";
  g_autoptr(JsonNode) node = json_from_string (doc, NULL);
  g_autoptr(JsonNode) bad = json_from_string (ae_stop, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvParams) p = gv_params_from_json_v1 (node, &error);
  g_autoptr(GvParams) q = NULL;
  g_autofree char *exchange = NULL;
  g_autofree char *stop = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (p->protocol->id, ==, "rumor");
  exchange = gv_params_get (p, "exchange");
  stop = gv_params_get (p, "stop");
  g_assert_cmpstr (exchange, ==, "push");
  g_assert_cmpstr (stop, ==, "feedback-counter:2");
  g_assert_cmpuint (p->seed, ==, 7);

  q = gv_params_from_json_v1 (bad, &error);
  g_assert_null (q);
  g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "anti-entropy has no stop"));
}

static void
test_params_json_bad (void)
{
  const char *docs[] = {
    "[]",
    "{}",
    "{\"nodes\": \"ten\"}",
    "{\"nodes\": -5, \"topology\": \"complete\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (docs[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GvParams) p = gv_params_from_json (node, &error);

      g_assert_null (p);
      g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
    }
}

/* Messages shown on their own start a sentence, unless they start at a place in a file. */
static void
test_error_sentence (void)
{
  static const char *const cases[][2] = {
    { "a fanout of 5 is larger than the 4 neighbours a node has in this network",
      "A fanout of 5 is larger than the 4 neighbours a node has in this network" },
    { "разветвление 5 больше", "Разветвление 5 больше" },
    { "line 1: the file ends inside a string", "Line 1: the file ends inside a string" },
    { "format_version: 9 is newer", "format_version: 9 is newer" },
    { "rounds[17].informed: 70 is more than alive (64)",
      "rounds[17].informed: 70 is more than alive (64)" },
    { "params: “seed” is negative", "params: “seed” is negative" },
    { "Error opening file", "Error opening file" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sentence = gv_error_sentence (cases[i][0]);

      g_assert_cmpstr (sentence, ==, cases[i][1]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/params/defaults", test_params_defaults);
  g_test_add_func ("/params/topology-specs", test_params_topology_specs);
  g_test_add_func ("/params/stop-specs", test_params_stop_specs);
  g_test_add_func ("/params/validate", test_params_validate);
  g_test_add_func ("/params/json-round-trip", test_params_json_round_trip);
  g_test_add_func ("/params/json-bad", test_params_json_bad);
  g_test_add_func ("/params/protocols", test_params_protocols);
  g_test_add_func ("/params/json-v1", test_params_json_v1);
  g_test_add_func ("/params/error-sentence", test_error_sentence);

  return g_test_run ();
}
