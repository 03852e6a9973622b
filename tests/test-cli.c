/* test-cli.c: grapevine-cli, through its parsers and as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gv-cli.h"
#include "gv-error.h"
#include "gv-test-util.h"

typedef struct
{
  int   status;   /* the exit status, or -1 when the program did not exit */
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static CliResult *
run_cli_strv_env (const char *const *args,
                  char             **envp)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *program = g_getenv ("GRAPEVINE_CLI");
  int wait_status = 0;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (char *) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);

  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return result;
}

static CliResult *
run_cli_strv (const char *const *args)
{
  return run_cli_strv_env (args, NULL);
}

/* Runs grapevine-cli with the NULL-terminated arguments. */
static CliResult *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_cli_strv ((const char *const *) args->pdata);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* Runs "simulate --json" with the NULL-terminated arguments, checks that it succeeded
 * quietly (no progress when stderr is not a terminal, no warnings) and parses its output. */
static JsonObject *
run_json_ok (JsonNode  **root,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  va_list ap;

  g_ptr_array_add (args, "simulate");
  g_ptr_array_add (args, "--json");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  result = run_cli_strv ((const char *const *) args->pdata);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  *root = parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

/* The cells of a table row, without the padding between them. */
static GPtrArray *
split_cells (const char *line)
{
  g_auto(GStrv) pieces = g_strsplit (line, " ", -1);
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pieces[i] != NULL; i++)
    if (pieces[i][0] != '\0')
      g_ptr_array_add (cells, g_strdup (pieces[i]));

  return cells;
}

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
  GvInjection injection = { 0 };

  g_assert_true (gv_cli_parse_injection ("--rumor", "12@3", FALSE, &injection, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (injection.node, ==, 12);
  g_assert_cmpuint (injection.round, ==, 3);
  g_assert_cmpuint (injection.key, ==, 0);

  g_assert_true (gv_cli_parse_injection ("--update", "4@5:6", TRUE, &injection, &error));
  g_assert_cmpuint (injection.node, ==, 4);
  g_assert_cmpuint (injection.round, ==, 5);
  g_assert_cmpuint (injection.key, ==, 6);

  g_assert_true (gv_cli_parse_injection ("--update", "4@5", TRUE, &injection, &error));
  g_assert_cmpuint (injection.key, ==, 0);

  /* Rumours have no key. */
  g_assert_false (gv_cli_parse_injection ("--rumor", "4@5:6", FALSE, &injection, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "--rumor: "));
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_injection ("--rumor", "7", FALSE, &injection, &error));
  g_assert_true (g_str_has_prefix (error->message, "--rumor: "));
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_injection ("--rumor", "3@x", FALSE, &injection, &error));
  g_assert_cmpstr (error->message, ==, "--rumor 3@x: round: “x” is not a whole number");
  g_clear_error (&error);

  g_assert_false (gv_cli_parse_injection ("--update", "3@1:", TRUE, &injection, &error));
  g_assert_true (g_str_has_prefix (error->message, "--update 3@1:: key"));
  g_clear_error (&error);
}

static void
test_parse_simulate_defaults (void)
{
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gv_cli_parse_simulate (options, 0, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (options->params->n_nodes, ==, 100);
  g_assert_cmpint (options->params->topology, ==, GV_TOPOLOGY_COMPLETE);
  g_assert_cmpint (options->params->exchange, ==, GV_EXCHANGE_PUSH_PULL);
  g_assert_cmpint (options->params->mode, ==, GV_MODE_RUMOR);
  g_assert_cmpuint (options->params->fanout, ==, 1);
  g_assert_cmpint (options->params->stop, ==, GV_STOP_NONE);
  g_assert_cmpfloat (options->params->loss, ==, 0.0);
  g_assert_cmpuint (options->params->max_rounds, ==, 1000);
  g_assert_cmpuint (options->params->seed, ==, 1);
  /* No injection given means the default one: node 0, round 0. */
  g_assert_cmpuint (options->params->injections->len, ==, 0);
  g_assert_cmpuint (gv_params_get_n_injections (options->params), ==, 1);
  g_assert_cmpuint (options->repeat, ==, 1);
  g_assert_cmpuint (options->n_threads, ==, g_get_num_processors ());
  g_assert_false (options->json);
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

  g_assert_true (gv_cli_parse_simulate (options, G_N_ELEMENTS (argv), argv, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (options->params->n_nodes, ==, 500);
  g_assert_cmpint (options->params->topology, ==, GV_TOPOLOGY_WS);
  g_assert_cmpuint (options->params->topology_k, ==, 6);
  g_assert_cmpfloat (options->params->topology_p, ==, 0.2);
  g_assert_cmpint (options->params->exchange, ==, GV_EXCHANGE_PULL);
  g_assert_cmpuint (options->params->fanout, ==, 3);
  g_assert_cmpint (options->params->stop, ==, GV_STOP_BLIND_COIN);
  g_assert_cmpuint (options->params->stop_k, ==, 4);
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

  params->n_nodes = 1000;
  text = gv_cli_describe_params (params);
  g_assert_cmpstr (text, ==,
                   "push-pull rumour, complete graph, 1000 nodes, fanout 1, stop none, loss 0%");

  g_assert_true (gv_params_parse_topology (params, "ring:4", NULL));
  g_assert_true (gv_params_parse_stop (params, "feedback-counter:2", NULL));
  params->exchange = GV_EXCHANGE_PUSH;
  params->loss = 0.1;
  params->crash = 0.05;
  params->recover = 0.5;
  params->recover_loses_state = TRUE;
  faulty = gv_cli_describe_params (params);
  g_assert_cmpstr (faulty, ==,
                   "push rumour, ring lattice (k=4), 1000 nodes, fanout 1, "
                   "stop feedback-counter:2, loss 10%, crash 5%, recover 50% (state lost)");

  g_assert_true (gv_params_parse_topology (params, "er:0.01", NULL));
  params->mode = GV_MODE_ANTI_ENTROPY;
  params->n_keys = 3;
  params->stop = GV_STOP_NONE;
  params->crash = params->recover = params->loss = 0.0;
  anti_entropy = gv_cli_describe_params (params);
  g_assert_cmpstr (anti_entropy, ==,
                   "push anti-entropy, 3 keys, Erdős–Rényi graph (p=0.01), 1000 nodes, "
                   "fanout 1, stop none, loss 0%");
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
  { "simulate --mode gossip", "--mode: unknown mode" },
  { "simulate --stop counter:3", "--stop: unknown stop rule" },
  { "simulate --mode anti-entropy --stop ttl:3", "--stop: " },
  { "simulate --rumor 100@0", "--rumor: node 100 does not exist" },
  { "simulate --rumor 1@1000", "--rumor: round 1000 is not before --max-rounds 1000" },
  { "simulate --rumor 1-2", "--rumor: “1-2” is not NODE@ROUND" },
  { "simulate --update 0@0", "--update: updates need --mode anti-entropy" },
  { "simulate --mode anti-entropy --update 0@0:1", "--update: key 1 does not exist" },
  { "simulate --keys 65", "--keys: 65 is out of range" },
  { "simulate --json=yes", "--json: takes no value" },
  { "simulate 100", "unexpected argument “100”" },
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
         "--threads", "--rumor", "--update", "--keys", "--json", NULL };
       *option != NULL; option++)
    g_assert_nonnull (strstr (simulate->out, *option));

  g_assert_cmpint (simulate_help->status, ==, 0);
  g_assert_cmpstr (simulate_help->out, ==, simulate->out);
  g_assert_cmpstr (simulate_help->err, ==, "");
}

static void
check_stat (JsonObject *stats,
            const char *name,
            JsonArray  *runs)
{
  JsonObject *stat = get_object (stats, name);
  guint n = json_array_get_length (runs);
  double sum = 0.0;
  double squares = 0.0;
  double min = INFINITY;
  double max = -INFINITY;
  double mean;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      JsonNode *node = json_object_get_member (run, name);
      double value;

      g_assert_nonnull (node);
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        value = json_node_get_boolean (node) ? 1.0 : 0.0;
      else
        value = json_node_get_double (node);

      sum += value;
      min = MIN (min, value);
      max = MAX (max, value);
    }

  mean = sum / n;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      JsonNode *node = json_object_get_member (run, name);
      double value = json_node_get_value_type (node) == G_TYPE_BOOLEAN
                   ? (json_node_get_boolean (node) ? 1.0 : 0.0)
                   : json_node_get_double (node);

      squares += (value - mean) * (value - mean);
    }

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stat, "mean"), mean,
                                  1e-9 * MAX (1.0, fabs (mean)));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stat, "sd"),
                                  n > 1 ? sqrt (squares / (n - 1)) : 0.0,
                                  1e-9 * MAX (1.0, fabs (mean)));
  g_assert_cmpfloat (json_object_get_double_member (stat, "min"), ==, min);
  g_assert_cmpfloat (json_object_get_double_member (stat, "max"), ==, max);
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

  params = get_object (object, "params");
  g_assert_cmpint (json_object_get_int_member (params, "nodes"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (params, "seed"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (params, "protocol"), ==, "push-pull");

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
  g_autoptr(CliResult) one = run_cli ("simulate", "--json", "--nodes", "20000",
                                      "--topology", "ws:6:0.1", "--fanout", "2", "--loss", "0.1",
                                      "--repeat", "2", "--threads", "1", NULL);
  g_autoptr(CliResult) two = run_cli ("simulate", "--json", "--nodes", "20000",
                                      "--topology", "ws:6:0.1", "--fanout", "2", "--loss", "0.1",
                                      "--repeat", "2", "--threads", "2", NULL);
  g_autoptr(CliResult) four = run_cli ("simulate", "--json", "--nodes", "20000",
                                       "--topology", "ws:6:0.1", "--fanout", "2", "--loss",
                                       "0.1", "--repeat", "2", "--threads", "4", NULL);

  g_assert_cmpint (one->status, ==, 0);
  g_assert_cmpint (two->status, ==, 0);
  g_assert_cmpint (four->status, ==, 0);
  g_assert_cmpstr (one->out, ==, two->out);
  g_assert_cmpstr (one->out, ==, four->out);
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
                   "push-pull rumour, complete graph, 1000 nodes, fanout 1, stop none, loss 0%");
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
                   "push rumour, complete graph, 50 nodes, fanout 1, stop none, loss 5%");
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
                   "push rumour, complete graph, 2000 nodes, fanout 1, "
                   "stop feedback-counter:1, loss 0%");

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
  g_assert_cmpstr (json_object_get_string_member (params, "mode"), ==, "anti-entropy");
  g_assert_cmpint (json_object_get_int_member (params, "keys"), ==, 3);
  g_assert_cmpuint (json_array_get_length (get_array (params, "injections")), ==, 2);

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

/* Run files: simulate --output, csv, validate, chart */




/* Runs "simulate --output DIR/NAME" with the arguments that follow, quietly and well. */
static char *
simulate_to_file (const char *dir,
                  const char *name,
                  const char *first,
                  ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  char *path = g_build_filename (dir, name, NULL);
  va_list ap;

  g_ptr_array_add (args, "simulate");
  g_ptr_array_add (args, "--output");
  g_ptr_array_add (args, path);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  result = run_cli_strv ((const char *const *) args->pdata);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "push-pull rumour"));

  return path;
}

static GvRun *
load_run_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GvRun *run = gv_run_load (file, NULL, &error);

  g_assert_no_error (error);
  return run;
}

static void
assert_one_line_error (const CliResult *result,
                       int              status,
                       const char      *culprit)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "grapevine-cli: "));
  g_assert_cmpuint (count_lines (result->err), ==, 1);
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  if (strstr (result->err, culprit) == NULL)
    g_error ("“%s” lacks “%s”", result->err, culprit);
}

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
                    gv_run_get_record (run, 1)->sent);

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
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "round,alive,informed,spreading,newly_informed,crashed,"
                                 "recovered,sent,carrying,lost,dead,redundant");
  g_assert_true (g_str_has_prefix (lines[1], "0,40,1,1,"));
  g_assert_cmpuint (count_lines (result->out), ==, gv_run_get_n_records (run) + 1);

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
  regex = g_regex_new ("(\\{\"round\": 1, \"alive\": 40, \"informed\": \\d+, \"spreading\": "
                       "\\d+, \"newly_informed\": )(\\d+)", 0, 0, &error);
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

  {
    g_autoptr(CliResult) result = run_cli ("validate", cut, NULL);

    assert_one_line_error (result, 2, "cut.json: not valid JSON at line ");
    g_assert_cmpstr (result->out, ==, "");
  }
  {
    g_autoptr(CliResult) result = run_cli ("csv", cut, NULL);

    assert_one_line_error (result, 2, "cut.json: not valid JSON at line ");
    g_assert_cmpstr (result->out, ==, "");
  }
  {
    /* A bad file among good ones: 2 wins over the others. */
    g_autoptr(CliResult) result = run_cli ("validate", path, cut, NULL);

    assert_one_line_error (result, 2, "cut.json: ");
  }

  gv_test_remove_tmp_dir (dir);
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
assert_png (const char *path,
            guint32     width,
            guint32     height)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 16), ==, width);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 20), ==, height);
}

/* A PDF holds binary streams, NUL bytes and all: strstr() would stop at the first. */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
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

  gv_cli_chart_runs (chart, runs, 2, GV_CLI_CHART_COVERAGE);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 2);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, gv_run_get_n_records (ra));
  g_assert_cmpuint (gv_chart_get_n_points (chart, 1), ==, gv_run_get_n_records (rb));

  /* One run: the window's chart, with its theory curves. */
  gv_cli_chart_runs (chart, runs, 1, GV_CLI_CHART_COVERAGE);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 3);
  gv_cli_chart_runs (chart, runs, 1, GV_CLI_CHART_MESSAGES);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 4);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, gv_run_get_n_records (ra) - 1);

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
  { "chart RUN --output OUT.png --kind pie", "--kind: “pie” is not coverage, messages or alive" },
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
  static const char *commands[] = { "chart", "csv", "validate" };

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

  g_test_add_func ("/cli/run-file/numbered-path", test_numbered_path);
  g_test_add_func ("/cli/run-file/simulate-output", test_simulate_output);
  g_test_add_func ("/cli/run-file/simulate-output-detail-cap", test_simulate_output_detail_cap);
  g_test_add_func ("/cli/run-file/simulate-output-repeat", test_simulate_output_repeat);
  g_test_add_func ("/cli/run-file/simulate-output-unwritable", test_simulate_output_unwritable);
  g_test_add_func ("/cli/run-file/csv", test_csv_command);
  g_test_add_func ("/cli/run-file/validate-tampered", test_validate_tampered);
  g_test_add_func ("/cli/run-file/validate-bad-file", test_validate_bad_file);
  g_test_add_func ("/cli/run-file/chart-formats", test_chart_formats);
  g_test_add_func ("/cli/run-file/chart-labels", test_chart_labels);
  g_test_add_func ("/cli/run-file/help", test_help_commands);
  for (guint i = 0; i < G_N_ELEMENTS (bad_charts); i++)
    {
      g_autofree char *name = g_strdup (bad_charts[i].args);
      g_autofree char *path = NULL;

      g_strdelimit (name, " /=", '_');
      path = g_strdup_printf ("/cli/run-file/bad/%u-%s", i, name);
      g_test_add_data_func (path, &bad_charts[i], test_bad_chart);
    }

  return g_test_run ();
}
