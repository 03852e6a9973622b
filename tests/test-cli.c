/* test-cli.c: grapevine-cli, through its parsers and as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parsers, bad command lines and the results of simulate; run files are tested in
 * test-cli-files.c and what follows from the protocols' declarations in
 * test-cli-protocols.c, all in this one test program.
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "gv-test-cli.h"

/* Parsers, called directly */

static void
test_parse_count (void)
{
  g_autoptr(GError) error = NULL;
  guint64 value = 0;

  g_assert_false (gv_cli_parse_count ("--nodes", "1000", 2, 10, &value, NULL));
  g_assert_true (gv_cli_parse_count ("--nodes", "10", 2, 10, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (value, ==, 10);

  g_assert_false (gv_cli_parse_count ("--nodes", "1", 2, 10, &value, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "--nodes: 1 is out of range; it must be from 2 to 10");
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_count ("--nodes", "-5", 2, 10, &value, &error));
  g_assert_nonnull (strstr (error->message, "out of range"));
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_count ("--seed", "99999999999999999999", 0, G_MAXUINT64,
                                      &value, &error));
  g_assert_nonnull (strstr (error->message, "out of range"));
  g_clear_error (&error);

  for (guint i = 0; i < 6; i++)
    {
      static const char *bad[] = { "", "abc", "10x", " 10", "+3", "0x10" };

      g_assert_false (gv_cli_parse_count ("--fanout", bad[i], 0, 100, &value, &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "--fanout: “"));
      g_assert_true (g_str_has_suffix (error->message, "” is not a whole number"));
      g_clear_error (&error);
    }

  g_assert_cmpuint (value, ==, 10);
}

static void
test_parse_fraction (void)
{
  g_autoptr(GError) error = NULL;
  double value = -1.0;

  g_assert_true (gv_cli_parse_fraction ("--loss", "0.25", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value, ==, 0.25);

  g_assert_true (gv_cli_parse_fraction ("--loss", "1", &value, NULL));
  g_assert_cmpfloat (value, ==, 1.0);
  g_assert_true (gv_cli_parse_fraction ("--loss", "2e-1", &value, NULL));
  g_assert_cmpfloat (value, ==, 0.2);
  g_assert_true (gv_cli_parse_fraction ("--loss", "-0", &value, NULL));
  g_assert_false (signbit (value));

  g_assert_false (gv_cli_parse_fraction ("--loss", "1.5", &value, &error));
  g_assert_cmpstr (error->message, ==, "--loss: 1.5 is out of range; it must be from 0 to 1");
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_fraction ("--loss", "-0.1", &value, &error));
  g_assert_nonnull (strstr (error->message, "out of range"));
  g_clear_error (&error);

  for (guint i = 0; i < 7; i++)
    {
      static const char *bad[] = { "", "abc", "0.5x", " 0.5", "nan", "inf", "0x0.8" };

      g_assert_false (gv_cli_parse_fraction ("--crash", bad[i], &value, &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "--crash: “"));
      g_clear_error (&error);
    }
}

static void
test_parse_injection (void)
{
  g_autoptr(GError) error = NULL;
  /* The injections' declarations: a rumour takes no argument, an update a key. */
  const GvInjectionSpec *rumor = gv_protocol_find ("rumor")->injection;
  const GvInjectionSpec *update = gv_protocol_find ("anti-entropy")->injection;
  GvInjection injection = { 0 };

  g_assert_null (rumor->arg);
  g_assert_cmpstr (update->arg, ==, "KEY");

  g_assert_true (gv_cli_parse_injection ("--rumor", "12@3", rumor, &injection, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (injection.node, ==, 12);
  g_assert_cmpuint (injection.round, ==, 3);
  g_assert_cmpuint (injection.arg, ==, 0);

  g_assert_true (gv_cli_parse_injection ("--update", "4@5:6", update, &injection, &error));
  g_assert_cmpuint (injection.node, ==, 4);
  g_assert_cmpuint (injection.round, ==, 5);
  g_assert_cmpuint (injection.arg, ==, 6);

  g_assert_true (gv_cli_parse_injection ("--update", "4@5", update, &injection, &error));
  g_assert_cmpuint (injection.arg, ==, 0);

  /* Rumours have no key. */
  g_assert_false (gv_cli_parse_injection ("--rumor", "4@5:6", rumor, &injection, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "--rumor: "));
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_injection ("--rumor", "7", rumor, &injection, &error));
  g_assert_true (g_str_has_prefix (error->message, "--rumor: "));
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_injection ("--rumor", "3@x", rumor, &injection, &error));
  g_assert_cmpstr (error->message, ==, "--rumor 3@x: round: “x” is not a whole number");
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_injection ("--update", "3@1:", update, &injection, &error));
  g_assert_true (g_str_has_prefix (error->message, "--update 3@1:: key"));
  g_clear_error (&error);
}

static void
test_parse_event (void)
{
  g_autoptr(GError) error = NULL;
  GvIntervention iv = { 0 };
  gboolean has_arg = TRUE;

  g_assert_true (gv_cli_parse_event ("3:crash:17", &iv, &has_arg, &error));
  g_assert_no_error (error);
  g_assert_cmpint (iv.kind, ==, GV_INTERVENTION_CRASH);
  g_assert_cmpuint (iv.round, ==, 3);
  g_assert_cmpuint (iv.node, ==, 17);
  g_assert_false (has_arg);

  g_assert_true (gv_cli_parse_event ("0:revive:2", &iv, &has_arg, &error));
  g_assert_cmpint (iv.kind, ==, GV_INTERVENTION_REVIVE);
  g_assert_cmpuint (iv.round, ==, 0);
  g_assert_cmpuint (iv.node, ==, 2);

  g_assert_true (gv_cli_parse_event ("5:inject:4", &iv, &has_arg, &error));
  g_assert_cmpint (iv.kind, ==, GV_INTERVENTION_INJECT);
  g_assert_cmpuint (iv.node, ==, 4);
  g_assert_cmpuint (iv.arg, ==, 0);
  g_assert_false (has_arg);

  g_assert_true (gv_cli_parse_event ("5:inject:4:2", &iv, &has_arg, &error));
  g_assert_cmpuint (iv.node, ==, 4);
  g_assert_cmpuint (iv.arg, ==, 2);
  g_assert_true (has_arg);

  /* A probability left out is NaN, for the one before it to stay. */
  g_assert_true (gv_cli_parse_event ("7:faults:crash=0.25,loss=0.5", &iv, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (iv.kind, ==, GV_INTERVENTION_FAULTS);
  g_assert_cmpuint (iv.round, ==, 7);
  g_assert_cmpfloat (iv.loss, ==, 0.5);
  g_assert_cmpfloat (iv.crash, ==, 0.25);
  g_assert_true (isnan (iv.recover));

  for (guint i = 0; i < 10; i++)
    {
      static const struct { const char *text; const char *message; } bad[] = {
        { "3", "--event: “3” is not ROUND:crash:NODE" },
        { "3:crash", "--event: “3:crash” is not ROUND:crash:NODE" },
        { "x:crash:1", "--event x:crash:1: round: “x” is not a whole number" },
        { "3:boom:1", "--event 3:boom:1: “boom” is not crash, revive, inject or faults" },
        { "3:crash:1:2", "--event: “3:crash:1:2” is not ROUND:crash:NODE" },
        { "3:crash:-1", "--event 3:crash:-1: node: -1 is out of range" },
        { "3:faults:loss=2", "--event 3:faults:loss=2: loss: 2 is out of range" },
        { "3:faults:wind=1", "--event 3:faults:wind=1: “wind=1” is not loss=P, crash=P" },
        { "3:faults:loss=0.1,loss=0.2", "--event 3:faults:loss=0.1,loss=0.2: loss is given "
                                        "twice" },
        { "3:inject:1:k", "--event 3:inject:1:k: argument: “k” is not a whole number" },
      };

      g_assert_false (gv_cli_parse_event (bad[i].text, &iv, NULL, &error));
      g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
      if (!g_str_has_prefix (error->message, bad[i].message))
        g_error ("%s: “%s” does not start “%s”", bad[i].text, error->message, bad[i].message);
      g_clear_error (&error);
    }
}

static void
test_parse_simulate_defaults (void)
{
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exchange = NULL;
  g_autofree char *stop = NULL;

  g_assert_true (gv_cli_parse_simulate (options, 0, NULL, &error));
  g_assert_no_error (error);

  exchange = gv_params_get (options->params, "exchange");
  stop = gv_params_get (options->params, "stop");
  g_assert_cmpuint (options->params->n_nodes, ==, 100);
  g_assert_cmpint (options->params->topology, ==, GV_TOPOLOGY_COMPLETE);
  g_assert_cmpstr (exchange, ==, "push-pull");
  g_assert_true (options->params->protocol == gv_protocol_get_default ());
  g_assert_cmpstr (options->params->protocol->id, ==, "rumor");
  g_assert_null (options->named_protocol);
  g_assert_cmpuint (options->params->fanout, ==, 1);
  g_assert_cmpstr (stop, ==, "none");
  g_assert_cmpfloat (options->params->loss, ==, 0.0);
  g_assert_cmpuint (options->params->max_rounds, ==, 1000);
  g_assert_cmpuint (options->params->seed, ==, 1);
  /* No injection given means the default one: node 0, round 0. */
  g_assert_cmpuint (options->params->injections->len, ==, 0);
  g_assert_cmpuint (gv_params_get_n_injections (options->params), ==, 1);
  g_assert_cmpuint (options->repeat, ==, 1);
  g_assert_cmpuint (options->n_threads, ==, g_get_num_processors ());
  g_assert_false (options->json);
  g_assert_cmpuint (options->events->len, ==, 0);
}

static void
test_parse_simulate_options (void)
{
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_autoptr(GError) error = NULL;
  char *argv[] = {
    "--nodes", "500", "--topology=ws:6:0.2", "--protocol", "pull", "--fanout", "3",
    "--stop", "blind-coin:4", "--loss", "0.1", "--crash=0.01", "--recover", "0.5",
    "--lose-state", "--max-rounds", "300", "--seed", "18446744073709551615",
    "--threads", "3", "--rumor", "7@2", "--rumor", "499@0", "--json",
  };
  GvInjection injection;
  g_autofree char *exchange = NULL;
  g_autofree char *stop = NULL;

  g_assert_true (gv_cli_parse_simulate (options, G_N_ELEMENTS (argv), argv, &error));
  g_assert_no_error (error);

  exchange = gv_params_get (options->params, "exchange");
  stop = gv_params_get (options->params, "stop");
  g_assert_cmpuint (options->params->n_nodes, ==, 500);
  g_assert_cmpint (options->params->topology, ==, GV_TOPOLOGY_WS);
  g_assert_cmpuint (options->params->topology_k, ==, 6);
  g_assert_cmpfloat (options->params->topology_p, ==, 0.2);
  /* --protocol pull is 0.1's spelling of --exchange pull. */
  g_assert_cmpstr (exchange, ==, "pull");
  g_assert_cmpuint (options->params->fanout, ==, 3);
  g_assert_cmpstr (stop, ==, "blind-coin:4");
  g_assert_cmpfloat (options->params->loss, ==, 0.1);
  g_assert_cmpfloat (options->params->crash, ==, 0.01);
  g_assert_cmpfloat (options->params->recover, ==, 0.5);
  g_assert_true (options->params->recover_loses_state);
  g_assert_cmpuint (options->params->max_rounds, ==, 300);
  g_assert_cmpuint (options->params->seed, ==, G_MAXUINT64);
  g_assert_cmpuint (options->n_threads, ==, 3);
  g_assert_true (options->json);

  g_assert_cmpuint (gv_params_get_n_injections (options->params), ==, 2);
  injection = gv_params_get_injection (options->params, 0);
  g_assert_cmpuint (injection.node, ==, 7);
  g_assert_cmpuint (injection.round, ==, 2);
  injection = gv_params_get_injection (options->params, 1);
  g_assert_cmpuint (injection.node, ==, 499);
}

static void
test_parse_simulate_seed_overflow (void)
{
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_autoptr(GError) error = NULL;
  char *argv[] = { "--seed", "18446744073709551615", "--repeat", "2" };

  g_assert_false (gv_cli_parse_simulate (options, G_N_ELEMENTS (argv), argv, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
  g_assert_true (g_str_has_prefix (error->message, "--repeat: "));
}

static void
test_parse_simulate_blame (void)
{
  static const struct
  {
    const char *args;
    const char *option;
  } cases[] = {
    { "--nodes 3 --fanout 3", "--fanout: " },
    { "--topology ring:4 --fanout 5", "--fanout: " },
    { "--topology ring:3", "--topology: " },
    { "--nodes 5 --topology regular:3", "--topology: " },
    { "--mode anti-entropy --stop ttl:3", "--stop: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GvCliOptions) options = gv_cli_options_new ();
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) argv = g_strsplit (cases[i].args, " ", -1);

      g_assert_false (gv_cli_parse_simulate (options, g_strv_length (argv), argv, &error));
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, cases[i].option))
        g_error ("%s: “%s” does not name %s", cases[i].args, error->message, cases[i].option);
    }
}

static void
test_stat_compute (void)
{
  const double values[] = { 2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0 };
  const double one = 3.5;
  GvCliStat stat;

  gv_cli_stat_compute (values, G_N_ELEMENTS (values), &stat);
  g_assert_cmpfloat_with_epsilon (stat.mean, 5.0, 1e-12);
  /* Sample standard deviation: sqrt (32 / 7). */
  g_assert_cmpfloat_with_epsilon (stat.sd, sqrt (32.0 / 7.0), 1e-12);
  g_assert_cmpfloat (stat.min, ==, 2.0);
  g_assert_cmpfloat (stat.max, ==, 9.0);

  gv_cli_stat_compute (&one, 1, &stat);
  g_assert_cmpfloat (stat.mean, ==, 3.5);
  g_assert_cmpfloat (stat.sd, ==, 0.0);
  g_assert_cmpfloat (stat.min, ==, 3.5);
  g_assert_cmpfloat (stat.max, ==, 3.5);
}

static void
test_describe_params (void)
{
  g_autoptr(GvParams) params = gv_params_new ();
  g_autofree char *text = NULL;
  g_autofree char *faulty = NULL;
  g_autofree char *anti_entropy = NULL;

  g_autofree char *flood = NULL;

  /* The protocol's own description of its parameters comes first, then the network's
   * and the faults'. */
  params->n_nodes = 1000;
  text = gv_cli_describe_params (params);
  g_assert_cmpstr (text, ==,
                   "push-pull rumour, stop none, complete graph, 1000 nodes, fanout 1, loss 0%");

  g_assert_true (gv_params_parse_topology (params, "ring:4", NULL));
  g_assert_true (gv_params_set (params, "stop", "feedback-counter:2", NULL));
  g_assert_true (gv_params_set (params, "exchange", "push", NULL));
  params->loss = 0.1;
  params->crash = 0.05;
  params->recover = 0.5;
  params->recover_loses_state = TRUE;
  faulty = gv_cli_describe_params (params);
  g_assert_cmpstr (faulty, ==,
                   "push rumour, stop feedback-counter:2, ring lattice (k=4), 1000 nodes, "
                   "fanout 1, loss 10%, crash 5%, recover 50% (state lost)");

  g_assert_true (gv_params_parse_topology (params, "er:0.01", NULL));
  gv_params_set_protocol (params, gv_protocol_find ("anti-entropy"));
  g_assert_true (gv_params_set (params, "keys", "3", NULL));
  params->crash = params->recover = params->loss = 0.0;
  anti_entropy = gv_cli_describe_params (params);
  g_assert_cmpstr (anti_entropy, ==,
                   "push anti-entropy, 3 keys, Erdős–Rényi graph (p=0.01), 1000 nodes, "
                   "fanout 1, loss 0%");

  /* A protocol without a describe() is named, with its parameters if it has any; one
   * that does not use the fanout does not show it. */
  gv_params_set_protocol (params, gv_protocol_find ("flood"));
  flood = gv_cli_describe_params (params);
  g_assert_cmpstr (flood, ==, "Flooding, Erdős–Rényi graph (p=0.01), 1000 nodes, loss 0%");
}

/* Bad command lines: exit status 2 and one line on stderr that names the culprit */

typedef struct
{
  const char *args;     /* split on spaces */
  const char *culprit;  /* what the error line must contain */
} BadInput;

static const BadInput bad_inputs[] = {
  { "simulate --frobnicate", "--frobnicate: unknown option" },
  { "simulate --nodes", "--nodes: needs a value" },
  { "simulate --nodes --json", "--nodes: needs a value" },
  { "frobnicate", "“frobnicate” is not a command" },
  { "--frobnicate", "--frobnicate: unknown option" },
  { "", "no command given" },
  { "simulate --fanout abc", "--fanout: “abc” is not a whole number" },
  { "simulate --nodes -5", "--nodes: -5 is out of range" },
  { "simulate --seed -1", "--seed: -1 is out of range" },
  { "simulate --nodes 1", "--nodes: 1 is out of range; it must be from 2 to 10000000" },
  { "simulate --nodes 1000000000000", "--nodes: 1000000000000 is out of range" },
  { "simulate --loss 1.5", "--loss: 1.5 is out of range; it must be from 0 to 1" },
  { "simulate --crash abc", "--crash: “abc” is not a number" },
  { "simulate --recover -0.5", "--recover: -0.5 is out of range" },
  { "simulate --threads 0", "--threads: 0 is out of range" },
  { "simulate --repeat 0", "--repeat: 0 is out of range" },
  { "simulate --max-rounds 0", "--max-rounds: 0 is out of range" },
  { "simulate --nodes 10x", "--nodes: “10x” is not a whole number" },
  { "simulate --nodes=", "--nodes: “” is not a whole number" },
  { "simulate --nodes 5 --fanout 5", "--fanout: a fanout of 5 is larger than" },
  { "simulate --topology ring:4 --fanout 5", "--fanout: a fanout of 5 is larger than" },
  { "simulate --topology star", "--topology: unknown topology" },
  { "simulate --topology ring:3", "--topology: " },
  { "simulate --protocol shout", "--protocol: unknown protocol" },
  /* --mode is --protocol, as 0.1 spelled it. */
  { "simulate --mode gossip", "--mode: unknown protocol" },
  { "simulate --stop counter:3", "--stop: unknown value “counter:3”" },
  { "simulate --mode anti-entropy --stop ttl:3", "--stop: " },
  { "simulate --rumor 100@0", "--rumor: node 100 does not exist" },
  { "simulate --rumor 1@1000", "--rumor: round 1000 is not before --max-rounds 1000" },
  { "simulate --rumor 1-2", "--rumor: “1-2” is not NODE@ROUND" },
  { "simulate --update 0@0", "--update: belongs to anti-entropy, not to rumor" },
  { "simulate --mode anti-entropy --update 0@0:1", "--update: key 1 does not exist" },
  { "simulate --mode anti-entropy --keys 65", "--keys: 65 is out of range" },
  { "simulate --json=yes", "--json: takes no value" },
  { "simulate 100", "unexpected argument “100”" },
  /* An option of another protocol names the protocols it belongs to, wherever the
   * protocol is chosen on the line. */
  { "simulate --keys 3", "--keys: belongs to anti-entropy, not to rumor" },
  { "simulate --stop ttl:3 --protocol anti-entropy",
    "--stop: belongs to rumor, not to anti-entropy" },
  { "simulate --protocol flood --exchange push",
    "--exchange: belongs to rumor and anti-entropy, not to flood" },
  { "simulate --protocol anti-entropy --rumor 0@0",
    "--rumor: belongs to rumor, flood, central and tree, not to anti-entropy" },
  { "simulate --protocol tree --stop none", "--stop: belongs to rumor, not to tree" },
  { "simulate --protocol flood --protocol push",
    "--protocol: “push” is a value of --exchange, which belongs to rumor and anti-entropy, "
    "not to flood" },
  { "simulate --exchange shout", "--exchange: unknown value “shout”; use push, pull or "
                                 "push-pull" },
  { "simulate --protocol anti-entropy --keys many", "--keys: “many” is not a whole number" },
  { "simulate --protocol anti-entropy --update 0@0:99 --keys 3",
    "--update: key 99 does not exist; with --keys 3 they are 0 to 2" },
  { "simulate --protocol flood --rumor 0@0 --rumor 1@1",
    "--rumor: at most 1 may be given with flood" },
  /* The baselines that assume anybody reaches anybody. */
  { "simulate --protocol central --topology ring:4",
    "--topology: Central sender assumes that any node can reach any other, so it runs on "
    "the complete graph only, not on ring:4" },
  { "simulate --topology ring:4 --protocol tree",
    "--topology: Spanning tree assumes that any node can reach any other, so it runs on "
    "the complete graph only, not on ring:4" },
  /* Interventions */
  { "simulate --event 3", "--event: “3” is not ROUND:crash:NODE" },
  { "simulate --event", "--event: needs a value" },
  { "simulate --event 3:boom:1", "--event 3:boom:1: “boom” is not crash, revive, inject or "
                                 "faults" },
  { "simulate --event 3:crash:100", "--event 3:crash:100: node 100 does not exist; with "
                                    "--nodes 100 they are 0 to 99" },
  { "simulate --event 1000:crash:1", "--event 1000:crash:1: round 1000 is not before "
                                     "--max-rounds 1000" },
  { "simulate --event 2:faults:loss=1.5", "--event 2:faults:loss=1.5: loss: 1.5 is out of "
                                          "range" },
  { "simulate --event 2:inject:3:1", "--event 2:inject:3:1: rumor takes no argument after "
                                     "the node" },
  { "simulate --protocol anti-entropy --event 2:inject:3:1",
    "--event 2:inject:3:1: key 1 does not exist; with --keys 1 they are 0 to 0" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_auto(GStrv) args = g_strsplit (bad->args, " ", -1);
  g_autoptr(CliResult) result = NULL;

  result = run_cli_strv ((const char *const *) args);

  g_assert_cmpint (result->status, ==, 2);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "grapevine-cli: "));
  g_assert_cmpuint (count_lines (result->err), ==, 1);
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  if (strstr (result->err, bad->culprit) == NULL)
    g_error ("“%s” gave “%s”, which lacks “%s”", bad->args, result->err, bad->culprit);
}

/* Good command lines */

static void
test_version (void)
{
  g_autoptr(CliResult) result = run_cli ("--version", NULL);

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "grapevine-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (result->err, ==, "");
}

static void
test_help (void)
{
  g_autoptr(CliResult) general = run_cli ("help", NULL);
  g_autoptr(CliResult) simulate = run_cli ("help", "simulate", NULL);
  g_autoptr(CliResult) simulate_help = run_cli ("simulate", "--nodes", "5", "--help", NULL);

  g_assert_cmpint (general->status, ==, 0);
  g_assert_true (g_str_has_prefix (general->out, "Usage: grapevine-cli COMMAND"));
  g_assert_nonnull (strstr (general->out, "simulate"));

  g_assert_cmpint (simulate->status, ==, 0);
  g_assert_true (g_str_has_prefix (simulate->out, "Usage: grapevine-cli simulate"));
  for (const char *const *option = (const char *const[]) {
         "--nodes", "--topology", "--protocol", "--mode", "--fanout", "--stop", "--loss",
         "--crash", "--recover", "--lose-state", "--max-rounds", "--seed", "--repeat",
         "--threads", "--rumor", "--update", "--keys", "--json", "--exchange", "--event",
         "--output", "--detail-cap", NULL };
       *option != NULL; option++)
    g_assert_nonnull (strstr (simulate->out, *option));

  /* Without a protocol, every protocol's options, under a heading each. */
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autofree char *heading = g_strdup_printf ("\n%s (--protocol %s):\n", protocol->name,
                                                  protocol->id);

      g_assert_nonnull (strstr (simulate->out, heading));
    }

  g_assert_cmpint (simulate_help->status, ==, 0);
  g_assert_cmpstr (simulate_help->out, ==, simulate->out);
  g_assert_cmpstr (simulate_help->err, ==, "");
}

static void
test_json_repeat (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *params;
  JsonObject *stats;
  JsonArray *runs;
  g_autoptr(GList) members = NULL;

  object = run_json_ok (&root, "--nodes", "1000", "--repeat", "3", "--seed", "7", NULL);

  /* The run file's params, format 2: the protocol by id, its parameters by name. */
  params = get_object (object, "params");
  g_assert_cmpint (json_object_get_int_member (params, "nodes"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (params, "seed"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (params, "protocol"), ==, "rumor");
  g_assert_cmpstr (json_object_get_string_member (get_object (params, "protocol_params"),
                                                  "exchange"), ==, "push-pull");
  g_assert_cmpstr (json_object_get_string_member (get_object (params, "protocol_params"),
                                                  "stop"), ==, "none");

  runs = get_array (object, "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);

      g_assert_cmpint (json_object_get_int_member (run, "seed"), ==, 7 + i);
      for (const char *const *name = (const char *const[]) {
             "rounds", "converged", "residue", "traffic", "t_avg", "t_last", "messages", NULL };
           *name != NULL; name++)
        g_assert_true (json_object_has_member (run, *name));
    }

  /* Different seeds make different runs; three equal runs would mean the seed is ignored. */
  {
    gint64 messages[3];

    for (guint i = 0; i < 3; i++)
      messages[i] = json_object_get_int_member (json_array_get_object_element (runs, i),
                                                "messages");
    g_assert_false (messages[0] == messages[1] && messages[1] == messages[2]);
  }

  stats = get_object (object, "stats");
  members = json_object_get_members (stats);
  g_assert_cmpuint (g_list_length (members), ==, 7);
  for (const char *const *name = (const char *const[]) {
         "rounds", "converged", "residue", "traffic", "t_avg", "t_last", "messages", NULL };
       *name != NULL; name++)
    check_stat (stats, *name, runs);
}

static void
test_json_deterministic (void)
{
  g_autoptr(CliResult) first = run_cli ("simulate", "--json", "--nodes", "2000", "--loss", "0.2",
                                        "--seed", "5", "--repeat", "2", NULL);
  g_autoptr(CliResult) second = run_cli ("simulate", "--json", "--nodes", "2000", "--loss",
                                         "0.2", "--seed", "5", "--repeat", "2", NULL);
  g_autoptr(CliResult) other = run_cli ("simulate", "--json", "--nodes", "2000", "--loss", "0.2",
                                        "--seed", "6", "--repeat", "2", NULL);

  g_assert_cmpint (first->status, ==, 0);
  g_assert_cmpint (second->status, ==, 0);
  g_assert_cmpint (other->status, ==, 0);
  g_assert_cmpstr (first->out, ==, second->out);
  g_assert_cmpstr (first->out, !=, other->out);
}

static void
test_threads_agree (void)
{
  const char *threads[] = { "1", "2", "4" };
  g_autoptr(CliResult) one = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(CliResult) result = run_cli ("simulate", "--json", "--nodes", "20000",
                                             "--topology", "ws:6:0.1", "--fanout", "2",
                                             "--loss", "0.1", "--repeat", "2",
                                             "--threads", threads[i], NULL);

      g_assert_cmpint (result->status, ==, 0);
      if (one == NULL)
        one = g_steal_pointer (&result);
      else
        g_assert_cmpstr (one->out, ==, result->out);
    }
}

static void
test_table (void)
{
  g_autoptr(CliResult) result = run_cli ("simulate", "--nodes", "1000", "--seed", "3",
                                         "--repeat", "3", NULL);
  g_auto(GStrv) lines = NULL;
  gsize width;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");

  lines = g_strsplit (result->out, "\n", -1);
  /* header, blank, column names, 3 runs, rule, mean, sd, min, max, and the final "" */
  g_assert_cmpuint (g_strv_length (lines), ==, 12);
  g_assert_cmpstr (lines[0], ==,
                   "push-pull rumour, stop none, complete graph, 1000 nodes, fanout 1, loss 0%");
  g_assert_cmpstr (lines[1], ==, "");
  g_assert_cmpstr (lines[11], ==, "");

  g_assert_true (g_str_has_prefix (lines[2], "seed "));
  g_assert_nonnull (strstr (lines[2], " rounds  converged  residue  traffic  t_avg  t_last"));
  g_assert_true (g_str_has_suffix (lines[2], "messages"));

  /* Aligned: every row as wide as the column names. */
  width = strlen (lines[2]);
  for (guint i = 3; i < 11; i++)
    g_assert_cmpuint (strlen (lines[i]), ==, width);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *seed = g_strdup_printf ("%u ", 3 + i);
      g_autoptr(GPtrArray) cells = split_cells (lines[3 + i]);
      guint64 rounds;

      g_assert_true (g_str_has_prefix (lines[3 + i], seed));
      g_assert_cmpuint (cells->len, ==, 8);
      g_assert_true (g_ascii_string_to_unsigned (g_ptr_array_index (cells, 1), 10, 5, 20,
                                                 &rounds, NULL));
      g_assert_cmpstr (g_ptr_array_index (cells, 2), ==, "yes");
      g_assert_cmpstr (g_ptr_array_index (cells, 3), ==, "0.00%");
    }

  g_assert_true (g_str_has_prefix (lines[6], "-----"));
  g_assert_true (g_str_has_prefix (lines[7], "mean "));
  g_assert_true (g_str_has_prefix (lines[8], "sd "));
  g_assert_true (g_str_has_prefix (lines[9], "min "));
  g_assert_true (g_str_has_prefix (lines[10], "max "));
  g_assert_nonnull (strstr (lines[7], "100.00%"));
}

static void
test_table_single_run (void)
{
  g_autoptr(CliResult) result = run_cli ("simulate", "--nodes", "50", "--protocol", "push",
                                         "--loss", "0.05", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (result->out, "\n", -1);

  /* No statistics for a single run. */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==,
                   "push rumour, stop none, complete graph, 50 nodes, fanout 1, loss 5%");
  g_assert_true (g_str_has_prefix (lines[3], "1 "));
  g_assert_null (strstr (result->out, "mean"));
}

static void
test_table_not_converged (void)
{
  g_autoptr(CliResult) result = run_cli ("simulate", "--nodes", "2000", "--protocol", "push",
                                         "--stop", "feedback-counter:1", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  double residue;

  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==,
                   "push rumour, stop feedback-counter:1, complete graph, 2000 nodes, "
                   "fanout 1, loss 0%");

  cells = split_cells (lines[3]);
  g_assert_cmpuint (cells->len, ==, 8);
  g_assert_cmpstr (g_ptr_array_index (cells, 2), ==, "no");
  /* A residue in percent with two decimals, near Demers' 18%. */
  g_assert_true (g_str_has_suffix (g_ptr_array_index (cells, 3), "%"));
  residue = g_ascii_strtod (g_ptr_array_index (cells, 3), NULL);
  g_assert_cmpfloat (residue, >, 10.0);
  g_assert_cmpfloat (residue, <, 26.0);
}

static void
test_complete_graph_converges (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *runs;

  object = run_json_ok (&root, "--nodes", "1000", "--repeat", "5", NULL);
  runs = get_array (object, "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 5);

  for (guint i = 0; i < 5; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      gint64 rounds = json_object_get_int_member (run, "rounds");

      g_assert_true (json_object_get_boolean_member (run, "converged"));
      g_assert_cmpfloat (json_object_get_double_member (run, "residue"), ==, 0.0);
      /* log3 (1000) + O(ln ln 1000) is about 8 (Karp et al. 2000). */
      g_assert_cmpint (rounds, >=, 5);
      g_assert_cmpint (rounds, <=, 20);
      g_assert_cmpfloat (json_object_get_double_member (run, "t_last"), <=, rounds);
      g_assert_cmpfloat (json_object_get_double_member (run, "t_avg"), <,
                         json_object_get_double_member (run, "t_last"));
      g_assert_cmpint (json_object_get_int_member (run, "messages"), >=, 1000);
    }
}

static void
test_anti_entropy (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *params;
  JsonArray *runs;

  object = run_json_ok (&root, "--mode", "anti-entropy", "--keys", "3", "--nodes", "500",
                        "--update", "0@0:1", "--update", "42@3:2", "--protocol", "push",
                        "--repeat", "2", NULL);

  params = get_object (object, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "protocol"), ==, "anti-entropy");
  g_assert_cmpint (json_object_get_int_member (get_object (params, "protocol_params"), "keys"),
                   ==, 3);
  g_assert_cmpstr (json_object_get_string_member (get_object (params, "protocol_params"),
                                                  "exchange"), ==, "push");
  g_assert_cmpuint (json_array_get_length (get_array (params, "injections")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (get_array (params, "injections"), 1), "key"),
                   ==, 2);

  runs = get_array (object, "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);

      /* Anti-entropy never gives up, so everyone ends up with both updates. */
      g_assert_true (json_object_get_boolean_member (run, "converged"));
      g_assert_cmpfloat (json_object_get_double_member (run, "residue"), ==, 0.0);
      /* The second update appears only after round 3. */
      g_assert_cmpint (json_object_get_int_member (run, "rounds"), >, 3);
      g_assert_cmpint (json_object_get_int_member (run, "rounds"), <, 100);
    }
}

static void
test_stop_rule (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *residue;
  JsonArray *runs;

  /* Demers et al. (1987), table 1: push with feedback and counter k = 1 leaves a residue
   * of about 18%. */
  object = run_json_ok (&root, "--nodes", "2000", "--protocol", "push", "--stop",
                        "feedback-counter:1", "--repeat", "5", NULL);
  runs = get_array (object, "runs");
  g_assert_cmpuint (json_array_get_length (runs), ==, 5);

  for (guint i = 0; i < 5; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);

      g_assert_false (json_object_get_boolean_member (run, "converged"));
      g_assert_cmpint (json_object_get_int_member (run, "rounds"), <, 1000);
    }

  residue = get_object (get_object (object, "stats"), "residue");
  g_assert_cmpfloat (json_object_get_double_member (residue, "mean"), >, 0.10);
  g_assert_cmpfloat (json_object_get_double_member (residue, "mean"), <, 0.26);
  g_assert_cmpfloat (json_object_get_double_member (get_object (get_object (object, "stats"),
                                                                "converged"), "mean"), ==, 0.0);
}

static void
test_several_rumors (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *injections;
  JsonObject *run;

  object = run_json_ok (&root, "--nodes", "300", "--rumor", "0@0", "--rumor", "299@4", NULL);
  injections = get_array (get_object (object, "params"), "injections");
  g_assert_cmpuint (json_array_get_length (injections), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (injections, 1),
                                               "node"), ==, 299);

  run = json_array_get_object_element (get_array (object, "runs"), 0);
  g_assert_true (json_object_get_boolean_member (run, "converged"));
  /* The second rumour starts after round 4, so it cannot be everywhere before round 6. */
  g_assert_cmpint (json_object_get_int_member (run, "rounds"), >, 5);
}

static void
test_late_rumor (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *run;

  /* The first rumour is everywhere long before the second appears: the run must wait for
   * it rather than stop at the first convergence. */
  run = json_array_get_object_element (
    get_array (run_json_ok (&root, "--nodes", "50", "--rumor", "0@0", "--rumor", "7@30", NULL),
               "runs"), 0);
  g_assert_true (json_object_get_boolean_member (run, "converged"));
  g_assert_cmpint (json_object_get_int_member (run, "rounds"), >, 31);
  g_assert_cmpint (json_object_get_int_member (run, "rounds"), <, 60);
}

static void
test_write_failure (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full to write to");
      return;
    }

  /* Results that cannot be written are a runtime failure, not a success. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GRAPEVINE_CLI"),
                                         "simulate", "--nodes", "10", NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_true (g_str_has_prefix (err, "grapevine-cli: cannot write the results: "));
  g_assert_cmpuint (count_lines (err), ==, 1);
}

/* In Russian (ru_RU.UTF-8 and the catalogue, both from the build tree): help and
 * messages are translated, the engine's included, and numbers stay as scripts read
 * them. */
static void
test_russian (void)
{
  g_auto(GStrv) env = NULL;
  g_autoptr(CliResult) help = NULL;
  g_autoptr(CliResult) bad = NULL;
  g_autoptr(CliResult) topology = NULL;
  g_autoptr(CliResult) json = NULL;
  g_autoptr(CliResult) english = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Messages in Russian from the ru_RU.UTF-8 locale the build compiled (LOCPATH), the
   * rest of the locale C.UTF-8. */
  env = g_environ_unsetenv (g_get_environ (), "LC_ALL");
  env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LC_MESSAGES", "ru_RU.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "ru", TRUE);

  help = run_cli_strv_env ((const char *const[]) { "help", "simulate", NULL }, env);
  g_assert_cmpint (help->status, ==, 0);
  g_assert_true (g_str_has_prefix (help->out, "Использование: grapevine-cli simulate"));
  g_assert_nonnull (strstr (help->out, "--fanout"));

  bad = run_cli_strv_env ((const char *const[]) { "simulate", "--fanout", "abc", NULL }, env);
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_cmpstr (bad->err, ==, "grapevine-cli: --fanout: «abc» — не целое число\n");

  /* A message of the engine's, after the option it concerns */
  topology = run_cli_strv_env ((const char *const[]) { "simulate", "--topology", "ring:3",
                                                       NULL }, env);
  g_assert_cmpint (topology->status, ==, 2);
  g_assert_true (g_str_has_prefix (topology->err, "grapevine-cli: --topology: в кольцевой "
                                   "решётке у каждого узла должно быть чётное число соседей"));

  /* Numbers in the JSON are the same as in English, a point and not a comma, even with
   * the whole locale Russian (whose decimal separator is a comma). */
  g_strfreev (env);
  env = g_environ_setenv (g_get_environ (), "LC_ALL", "ru_RU.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "ru", TRUE);
  json = run_cli_strv_env ((const char *const[]) { "simulate", "--nodes", "50", "--loss",
                                                   "0.25", "--json", NULL }, env);
  english = run_cli ("simulate", "--nodes", "50", "--loss", "0.25", "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_cmpstr (json->out, ==, english->out);
  root = parse_json (json->out);
  g_assert_nonnull (strstr (json->out, "0.25"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/parse/count", test_parse_count);
  g_test_add_func ("/cli/parse/fraction", test_parse_fraction);
  g_test_add_func ("/cli/parse/injection", test_parse_injection);
  g_test_add_func ("/cli/parse/event", test_parse_event);
  g_test_add_func ("/cli/parse/simulate-defaults", test_parse_simulate_defaults);
  g_test_add_func ("/cli/parse/simulate-options", test_parse_simulate_options);
  g_test_add_func ("/cli/parse/simulate-seed-overflow", test_parse_simulate_seed_overflow);
  g_test_add_func ("/cli/parse/simulate-blame", test_parse_simulate_blame);
  g_test_add_func ("/cli/stat-compute", test_stat_compute);
  g_test_add_func ("/cli/describe-params", test_describe_params);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup (bad_inputs[i].args[0] ? bad_inputs[i].args : "empty");

      /* GTest paths are split on "/", and spaces read badly in TAP output. */
      g_strdelimit (name, " /", '_');
      path = g_strdup_printf ("/cli/bad-input/%u-%s", i, name);
      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }

  g_test_add_func ("/cli/russian", test_russian);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/json-repeat", test_json_repeat);
  g_test_add_func ("/cli/json-deterministic", test_json_deterministic);
  g_test_add_func ("/cli/threads-agree", test_threads_agree);
  g_test_add_func ("/cli/table", test_table);
  g_test_add_func ("/cli/table-single-run", test_table_single_run);
  g_test_add_func ("/cli/table-not-converged", test_table_not_converged);
  g_test_add_func ("/cli/complete-graph-converges", test_complete_graph_converges);
  g_test_add_func ("/cli/anti-entropy", test_anti_entropy);
  g_test_add_func ("/cli/stop-rule", test_stop_rule);
  g_test_add_func ("/cli/several-rumors", test_several_rumors);
  g_test_add_func ("/cli/late-rumor", test_late_rumor);
  g_test_add_func ("/cli/write-failure", test_write_failure);

  gv_test_cli_add_file_tests ();
  gv_test_cli_add_protocol_tests ();

  return g_test_run ();
}
