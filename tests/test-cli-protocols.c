/* test-cli-protocols.c: what grapevine-cli makes of the protocols' declarations: their
 * options and help, the protocols command, the baselines, and --event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include "gv-test-cli.h"

/* One protocol's options, from its declarations: metavar, help, range and default. */
static void
test_help_protocol (void)
{
  g_autoptr(CliResult) help = run_cli ("help", "simulate", "--protocol", "anti-entropy", NULL);
  g_autoptr(CliResult) flag = run_cli ("simulate", "--help", "--protocol", "anti-entropy", NULL);
  g_autoptr(CliResult) mode = run_cli ("help", "simulate", "--mode=anti-entropy", NULL);
  g_autoptr(CliResult) rumor = run_cli ("help", "simulate", "--protocol", "rumor", NULL);
  g_autoptr(CliResult) flood = run_cli ("simulate", "--protocol", "flood", "-h", NULL);
  g_autoptr(CliResult) bad = run_cli ("help", "simulate", "--protocol", "shout", NULL);

  g_assert_cmpint (help->status, ==, 0);
  g_assert_cmpstr (help->err, ==, "");
  g_assert_true (g_str_has_prefix (help->out, "Usage: grapevine-cli simulate"));
  /* The core's options still, and the protocol's own. */
  g_assert_nonnull (strstr (help->out, "  --nodes N "));
  g_assert_nonnull (strstr (help->out, "\nAnti-entropy (--protocol anti-entropy):\n"));
  g_assert_nonnull (strstr (help->out, "  --keys K "));
  g_assert_nonnull (strstr (help->out, "How many entries the replicated store holds."));
  g_assert_nonnull (strstr (help->out, "1 to 64 [1]"));
  g_assert_nonnull (strstr (help->out, "  --update NODE@ROUND[:KEY]"));
  g_assert_nonnull (strstr (help->out, "  --exchange STYLE "));
  g_assert_nonnull (strstr (help->out, "push, pull or push-pull [push-pull]"));
  g_assert_nonnull (strstr (help->out, "also --protocol STYLE"));
  /* Only that protocol's. */
  g_assert_null (strstr (help->out, "--stop"));
  g_assert_null (strstr (help->out, "--rumor"));
  g_assert_null (strstr (help->out, "Rumour mongering (--protocol rumor)"));

  g_assert_cmpint (flag->status, ==, 0);
  g_assert_cmpstr (flag->out, ==, help->out);
  g_assert_cmpstr (mode->out, ==, help->out);

  g_assert_cmpint (rumor->status, ==, 0);
  g_assert_nonnull (strstr (rumor->out, "  --stop RULE "));
  g_assert_nonnull (strstr (rumor->out, "none, feedback-counter:K, blind-counter:K"));
  g_assert_nonnull (strstr (rumor->out, "  --rumor NODE@ROUND "));
  g_assert_null (strstr (rumor->out, "--keys"));

  g_assert_cmpint (flood->status, ==, 0);
  g_assert_nonnull (strstr (flood->out, "Flooding (--protocol flood):"));
  g_assert_nonnull (strstr (flood->out, "  --rumor NODE@ROUND "));
  g_assert_null (strstr (flood->out, "--exchange"));

  g_assert_cmpint (bad->status, ==, 2);
  g_assert_cmpstr (bad->out, ==, "");
  g_assert_true (g_str_has_prefix (bad->err, "grapevine-cli: --protocol: unknown protocol "
                                   "“shout”; use rumor, anti-entropy, flood, central or "
                                   "tree"));
}

/* 0.1's spellings keep working: --mode is --protocol, --protocol push is --exchange
 * push, and options may come before the protocol they belong to. */
static void
test_old_spellings (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *params;

  assert_same_json ("--nodes 200 --mode anti-entropy --keys 2",
                    "--nodes 200 --protocol anti-entropy --keys 2");
  assert_same_json ("--nodes 200 --protocol push --stop feedback-coin:3",
                    "--nodes 200 --exchange push --stop feedback-coin:3");
  assert_same_json ("--nodes 200 --protocol pull", "--nodes 200 --protocol rumor --exchange pull");
  assert_same_json ("--nodes 200 --mode anti-entropy --protocol push-pull --keys 2",
                    "--nodes 200 --protocol anti-entropy --exchange push-pull --keys 2");
  assert_same_json ("--keys 3 --update 5@1:2 --protocol anti-entropy --nodes 200",
                    "--protocol anti-entropy --nodes 200 --keys 3 --update 5@1:2");
  assert_same_json ("--protocol pull --mode anti-entropy --nodes 200",
                    "--protocol anti-entropy --exchange pull --nodes 200");
  assert_same_json ("--stop=ttl:4 --exchange=push --nodes=100",
                    "--nodes 100 --protocol push --stop ttl:4");

  params = get_object (run_json_ok (&root, "--mode", "anti-entropy", "--protocol", "pull",
                                    "--nodes", "50", NULL), "params");
  g_assert_cmpstr (json_object_get_string_member (params, "protocol"), ==, "anti-entropy");
  g_assert_cmpstr (json_object_get_string_member (get_object (params, "protocol_params"),
                                                  "exchange"), ==, "pull");
}

/* The element of @array whose "id" is @id, or NULL. */
static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonObject *element = json_array_get_object_element (array, k);

      if (g_str_equal (json_object_get_string_member (element, "id"), id))
        return element;
    }

  return NULL;
}

/* "grapevine-cli protocols" lists every protocol from its declarations. */
static void
test_protocols (void)
{
  g_autoptr(CliResult) text = run_cli ("protocols", NULL);
  g_autoptr(CliResult) json = run_cli ("protocols", "--json", NULL);
  g_autoptr(CliResult) bad = run_cli ("protocols", "--frobnicate", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *protocols;
  static const struct
  {
    const char *id;
    const char *params[3];
    const char *metric;
    const char *cls;
    const char *figure;
  } expected[] = {
    { "rumor", { "exchange", "stop", NULL }, "informed_by_rumor", "spreading", "traffic" },
    { "anti-entropy", { "exchange", "keys", NULL }, "up_to_date", "up-to-date", "traffic" },
    { "flood", { NULL }, "reached", "sending", "reached" },
    { "central", { NULL }, "pending", "done", "reached" },
    { "tree", { NULL }, "informed", "uninformed", "t_last" },
  };

  g_assert_cmpint (text->status, ==, 0);
  g_assert_cmpstr (text->err, ==, "");
  g_assert_cmpint (json->status, ==, 0);
  g_assert_cmpstr (json->err, ==, "");
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_cmpstr (bad->out, ==, "");

  /* The text: each protocol under its id and name, with its parameters as options, its
   * metrics, classes, figures and theory. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GvProtocol *protocol = gv_protocol_find (expected[i].id);
      g_autofree char *heading = g_strdup_printf ("\n%s — %s\n", protocol->id, protocol->name);

      g_assert_nonnull (protocol);
      g_assert_nonnull (strstr (text->out, heading));
    }
  for (const char *const *needle = (const char *const[]) {
         "  --stop RULE ", "  --keys K ", "  --update NODE@ROUND[:KEY]", "  --rumor NODE@ROUND",
         "feedback-counter:K", "K: 1 to 255 [2].", "    informed_by_rumor ", "    up_to_date ",
         "    reached ", "Crashed: colour down, cue cross", "Spreading: colour active, cue ring",
         "Summary figures: rounds, converged, residue, traffic, t_avg, t_last, messages",
         "Topologies: the complete graph only", "Theory, with the default parameters:",
         "Mean field (coverage)", "Karp et al. 2000", NULL };
       *needle != NULL; needle++)
    if (strstr (text->out, *needle) == NULL)
      g_error ("protocols lacks “%s”", *needle);

  /* The JSON, for scripts. */
  root = parse_json (json->out);
  protocols = get_array (json_node_get_object (root), "protocols");
  g_assert_cmpuint (json_array_get_length (protocols), ==, gv_protocol_get_n ());
  g_assert_cmpuint (json_array_get_length (get_array (json_node_get_object (root),
                                                      "core_metrics")), ==, GV_N_CORE_METRICS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *p = find_by_id (protocols, expected[i].id);
      JsonArray *params;
      JsonArray *array;
      JsonObject *theory;

      g_assert_nonnull (p);
      g_assert_cmpstr (json_object_get_string_member (p, "name"), ==,
                       gv_protocol_find (expected[i].id)->name);
      g_assert_true (strlen (json_object_get_string_member (p, "description")) > 40);

      params = get_array (p, "params");
      g_assert_cmpuint (json_array_get_length (params), ==,
                        g_strv_length ((char **) expected[i].params));
      for (guint k = 0; expected[i].params[k] != NULL; k++)
        {
          JsonObject *param = json_array_get_object_element (params, k);

          g_assert_cmpstr (json_object_get_string_member (param, "name"), ==,
                           expected[i].params[k]);
          g_assert_true (json_object_has_member (param, "default"));
          g_assert_true (json_object_has_member (param, "help"));
        }

      g_assert_nonnull (find_by_id (get_array (p, "metrics"), expected[i].metric));

      array = get_array (p, "classes");
      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          JsonObject *cls = json_array_get_object_element (array, k);

          g_assert_true (json_object_has_member (cls, "slot"));
          g_assert_true (json_object_has_member (cls, "cue"));
        }
      g_assert_nonnull (find_by_id (array, expected[i].cls));
      /* The core's crashed class, last. */
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                         array, json_array_get_length (array) - 1), "id"), ==, "crashed");

      g_assert_nonnull (find_by_id (get_array (p, "figures"), expected[i].figure));

      /* Theory says something of every protocol: curves with their sources, or why
       * there are none. */
      theory = get_object (p, "theory");
      g_assert_true (json_array_get_length (get_array (theory, "curves")) > 0
                     || JSON_NODE_HOLDS_VALUE (json_object_get_member (theory, "why_none")));
    }
}

/* --event makes the interventions the window makes, at the same place in the run, and
 * a saved run with them re-simulates identically. */
static void
test_events (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.json", NULL);
  g_autofree char *ae = g_build_filename (dir, "ae.json", NULL);
  g_autofree char *line = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) same = NULL;
  g_autoptr(CliResult) valid = NULL;
  g_autoptr(GvRun) run = NULL;
  const GvIntervention *iv;

  /* Given out of order: a run makes them by round, and as given within a round. */
  line = g_strdup_printf ("--nodes 200 --seed 3 --event 4:inject:7 --event 2:crash:0 "
                          "--event 3:faults:loss=0.2 --event 2:crash:1 "
                          "--event 6:revive:0 --event 7:faults:crash=0.01 --output %s", path);
  result = run_simulate_line (line);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  run = load_run_file (path);
  g_assert_cmpuint (gv_run_get_n_interventions (run), ==, 6);
  iv = gv_run_get_intervention (run, 0);
  g_assert_cmpint (iv->kind, ==, GV_INTERVENTION_CRASH);
  g_assert_cmpuint (iv->round, ==, 2);
  g_assert_cmpuint (iv->node, ==, 0);
  iv = gv_run_get_intervention (run, 1);
  g_assert_cmpint (iv->kind, ==, GV_INTERVENTION_CRASH);
  g_assert_cmpuint (iv->node, ==, 1);
  iv = gv_run_get_intervention (run, 2);
  g_assert_cmpint (iv->kind, ==, GV_INTERVENTION_FAULTS);
  g_assert_cmpuint (iv->round, ==, 3);
  g_assert_cmpfloat (iv->loss, ==, 0.2);
  g_assert_cmpfloat (iv->crash, ==, 0.0);
  iv = gv_run_get_intervention (run, 3);
  g_assert_cmpint (iv->kind, ==, GV_INTERVENTION_INJECT);
  g_assert_cmpuint (iv->round, ==, 4);
  g_assert_cmpuint (iv->node, ==, 7);
  iv = gv_run_get_intervention (run, 4);
  g_assert_cmpint (iv->kind, ==, GV_INTERVENTION_REVIVE);
  g_assert_cmpuint (iv->round, ==, 6);
  /* A probability left out keeps the one before it. */
  iv = gv_run_get_intervention (run, 5);
  g_assert_cmpint (iv->kind, ==, GV_INTERVENTION_FAULTS);
  g_assert_cmpfloat (iv->loss, ==, 0.2);
  g_assert_cmpfloat (iv->crash, ==, 0.01);
  g_assert_cmpfloat (iv->recover, ==, 0.0);

  /* Made after round 2: two nodes are down in round 3, until node 0 comes back. */
  g_assert_cmpfloat (gv_round_record_get (gv_run_get_record (run, 2), GV_METRIC_ALIVE), ==, 200);
  g_assert_cmpfloat (gv_round_record_get (gv_run_get_record (run, 3), GV_METRIC_ALIVE), ==, 198);
  g_assert_cmpfloat (gv_round_record_get (gv_run_get_record (run, 6), GV_METRIC_ALIVE), ==, 198);
  g_assert_cmpfloat (gv_round_record_get (gv_run_get_record (run, 7), GV_METRIC_ALIVE), >=, 198);
  /* Loss from round 4 on: lost messages, where there were none before. */
  g_assert_cmpfloat (gv_round_record_get (gv_run_get_record (run, 3), GV_METRIC_LOST), ==, 0);
  g_assert_cmpfloat (gv_round_record_get (gv_run_get_record (run, 5), GV_METRIC_LOST), >, 0);
  /* The injected rumour is the run's second. */
  g_assert_cmpuint (gv_run_get_record (run, 5)->n_items, ==, 2);

  valid = run_cli ("validate", path, NULL);
  g_assert_cmpint (valid->status, ==, 0);
  g_assert_cmpstr (valid->err, ==, "");
  g_assert_true (g_str_has_suffix (valid->out, "re-simulated identically\n"));

  /* The same events make the same run, whatever their order between rounds. */
  same = run_simulate_line ("--nodes 200 --seed 3 --event 2:crash:0 --event 2:crash:1 "
                            "--event 3:faults:loss=0.2 --event 4:inject:7 --event 6:revive:0 "
                            "--event 7:faults:crash=0.01");
  g_clear_pointer (&result, cli_result_free);
  result = run_simulate_line ("--nodes 200 --seed 3 --event 7:faults:crash=0.01 "
                              "--event 6:revive:0 --event 4:inject:7 --event 3:faults:loss=0.2 "
                              "--event 2:crash:0 --event 2:crash:1");
  g_assert_cmpint (same->status, ==, 0);
  g_assert_cmpstr (same->out, ==, result->out);

  /* An update of a key, in anti-entropy, validates too. */
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("--protocol anti-entropy --keys 3 --nodes 100 --event 0:inject:5:2 "
                          "--event 3:inject:9:1 --event 1:crash:5 --output %s", ae);
  g_clear_pointer (&result, cli_result_free);
  result = run_simulate_line (line);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  {
    g_autoptr(GvRun) ae_run = load_run_file (ae);
    g_autoptr(CliResult) ae_valid = run_cli ("validate", ae, NULL);

    g_assert_cmpuint (gv_run_get_n_interventions (ae_run), ==, 3);
    g_assert_cmpuint (gv_run_get_intervention (ae_run, 0)->arg, ==, 2);
    g_assert_cmpuint (gv_run_get_intervention (ae_run, 2)->arg, ==, 1);
    g_assert_cmpint (ae_valid->status, ==, 0);
    g_assert_cmpstr (ae_valid->err, ==, "");
  }

  gv_test_remove_tmp_dir (dir);
}

/* An intervention that cannot be made says why in one line, as the window's toast
 * does; the run goes on, and one that came after the end says so. */
static void
test_events_failing (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "failed.json", NULL);
  g_autofree char *line = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) late = NULL;
  g_autoptr(CliResult) valid = NULL;

  line = g_strdup_printf ("--nodes 100 --event 1:crash:5 --event 2:inject:5 --output %s", path);
  result = run_simulate_line (line);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpuint (count_lines (result->err), ==, 1);
  g_assert_true (g_str_has_prefix (result->err, "grapevine-cli: --event 2:inject:5: node 5 "));
  g_assert_true (g_str_has_prefix (result->out, "push-pull rumour"));

  valid = run_cli ("validate", path, NULL);
  g_assert_cmpint (valid->status, ==, 0);
  g_assert_cmpstr (valid->err, ==, "");

  late = run_simulate_line ("--nodes 50 --event 900:crash:3");
  g_assert_cmpint (late->status, ==, 0);
  g_assert_cmpuint (count_lines (late->err), ==, 1);
  g_assert_true (g_str_has_prefix (late->err, "grapevine-cli: --event 900:crash:3: the run "
                                   "ended at round "));

  gv_test_remove_tmp_dir (dir);
}

/* The baselines run and report through the same code as gossip, with their own
 * figures, and their exact numbers without faults. */
static void
test_baselines (void)
{
  static const struct
  {
    const char *args;
    const char *header;
    gint64      rounds;
    gint64      messages;  /* -1: at most twice the edges */
  } cases[] = {
    /* ⌈(n − 1)/fanout⌉ rounds, n − 1 messages */
    { "--protocol central --nodes 100 --fanout 3",
      "Central sender, complete graph, 100 nodes, fanout 3, loss 0%", 33, 99 },
    /* The tree's depth: 9 rounds for 1,023 nodes at fanout 2 */
    { "--protocol tree --nodes 1023 --fanout 2",
      "Spanning tree, complete graph, 1023 nodes, fanout 2, loss 0%", 9, 1022 },
    /* The origin's eccentricity on a ring lattice of 200 nodes, k = 4: 50 */
    { "--protocol flood --nodes 200 --topology ring:4",
      "Flooding, ring lattice (k=4), 200 nodes, loss 0%", 50, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliResult) table = run_simulate_line (cases[i].args);
      g_autofree char *json_line = g_strconcat ("--json ", cases[i].args, NULL);
      g_autoptr(CliResult) json = run_simulate_line (json_line);
      g_autoptr(JsonNode) root = NULL;
      g_auto(GStrv) lines = NULL;
      JsonObject *run;
      JsonObject *stats;

      g_assert_cmpint (table->status, ==, 0);
      g_assert_cmpstr (table->err, ==, "");
      lines = g_strsplit (table->out, "\n", -1);
      g_assert_cmpstr (lines[0], ==, cases[i].header);
      /* The columns: the core's, and the baselines' own figures in between. */
      g_assert_true (g_str_has_prefix (lines[2], "seed "));
      g_assert_nonnull (strstr (lines[2], " rounds  converged  residue  reached  t_avg  t_last"));
      g_assert_true (g_str_has_suffix (lines[2], "messages"));

      g_assert_cmpint (json->status, ==, 0);
      root = parse_json (json->out);
      run = json_array_get_object_element (get_array (json_node_get_object (root), "runs"), 0);
      g_assert_true (json_object_get_boolean_member (run, "converged"));
      g_assert_cmpint (json_object_get_int_member (run, "rounds"), ==, cases[i].rounds);
      g_assert_cmpfloat (json_object_get_double_member (run, "reached"), ==, 1.0);
      g_assert_cmpfloat (json_object_get_double_member (run, "residue"), ==, 0.0);
      if (cases[i].messages >= 0)
        g_assert_cmpint (json_object_get_int_member (run, "messages"), ==, cases[i].messages);
      else
        g_assert_cmpint (json_object_get_int_member (run, "messages"), <=, 2 * 200 * 4 / 2);
      g_assert_false (json_object_has_member (run, "traffic"));

      stats = get_object (json_node_get_object (root), "stats");
      for (const char *const *name = (const char *const[]) {
             "rounds", "converged", "residue", "reached", "t_avg", "t_last", "messages", NULL };
           *name != NULL; name++)
        check_stat (stats, *name, get_array (json_node_get_object (root), "runs"));
    }

  /* A crashed origin: the central sender's run reaches nobody else. */
  {
    g_autoptr(CliResult) crashed = run_simulate_line ("--json --protocol central --nodes 50 "
                                                      "--event 0:crash:0");
    g_autoptr(JsonNode) root = NULL;
    JsonObject *run;

    g_assert_cmpint (crashed->status, ==, 0);
    root = parse_json (crashed->out);
    run = json_array_get_object_element (get_array (json_node_get_object (root), "runs"), 0);
    g_assert_false (json_object_get_boolean_member (run, "converged"));
    g_assert_cmpint (json_object_get_int_member (run, "messages"), ==, 0);
  }
}

/* A protocol the registry did not have, declared through the public interface: every
 * kind of parameter becomes an option, with no line of the CLI changed. */

static const GvParamChoice toy_styles[] = {
  { "calm", "Calm", "Nothing much happens.", 0, { { 0 } } },
  { "wild", "Wild", "A lot happens, W times over.", 1,
    { { .name = "W", .label = "Times", .help = "How many times.", .min = 1, .max = 9,
        .def = 3 } } },
};

static const GvParamSpec toy_params[] = {
  { .name = "jitter", .label = "Jitter", .help = "Whether clocks jitter.",
    .type = GV_PARAM_BOOL, .def = 0 },
  { .name = "rate", .label = "Rate", .help = "How fast it goes.", .metavar = "RATE",
    .type = GV_PARAM_DOUBLE, .dmin = 0.0, .dmax = 2.0, .ddef = 0.5 },
  { .name = "depth", .label = "Depth", .help = "How deep it goes.", .metavar = "D",
    .type = GV_PARAM_INT, .min = -3, .max = 3, .def = 0 },
  { .name = "style", .label = "Style", .help = "How it goes.", .metavar = "STYLE",
    .type = GV_PARAM_CHOICE, .flags = GV_PARAM_FLAG_BARE, .choices = toy_styles,
    .n_choices = G_N_ELEMENTS (toy_styles), .def = 0 },
  /* The core's --fanout wins: this one cannot be given. */
  { .name = "fanout", .label = "Fanout", .help = "Shadowed by the core's.", .metavar = "F",
    .type = GV_PARAM_INT, .min = 1, .max = 5, .def = 1 },
};

static const GvInjectionSpec toy_injection = {
  .option = "spark", .label = "Spark", .action = "New Spark",
  .help = "Where a spark starts.", .arg = "HEAT", .arg_name = "heat", .arg_label = "Heat",
  .arg_bound = "depth", .max = 2,
};

static const GvNodeClass toy_classes[] = {
  { "cold", "Cold", "No spark yet.", GV_SLOT_IDLE, GV_CUE_HOLLOW },
  { "hot", "Hot", "Sparked.", GV_SLOT_ALERT, GV_CUE_DIAMOND },
};

static const GvNodeClass *
toy_get_classes (const GvParams *params,
                 guint          *n_classes)
{
  *n_classes = G_N_ELEMENTS (toy_classes);
  return toy_classes;
}

static const GvProtocolOps toy_ops = { 0 };

static const GvProtocol toy_protocol = {
  .id = "toy",
  .name = "Toy",
  .description = "A protocol that only the CLI's tests know.",
  .params = toy_params,
  .n_params = G_N_ELEMENTS (toy_params),
  .injection = &toy_injection,
  .classes = toy_get_classes,
  .uses_fanout = TRUE,
  .ops = &toy_ops,
};

static void
assert_parse_error (const char *line,
                    const char *message)
{
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_auto(GStrv) argv = g_strsplit (line, " ", -1);
  g_autoptr(GError) error = NULL;

  g_assert_false (gv_cli_parse_simulate (options, g_strv_length (argv), argv, &error));
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, message))
    g_error ("%s: “%s” does not start “%s”", line, error->message, message);
}

static void
test_declared_options (void)
{
  /* The registry is the process's: the new protocol stays in a subprocess. */
  if (g_test_subprocess ())
    {
      g_autoptr(GvCliOptions) options = gv_cli_options_new ();
      g_autoptr(GvCliOptions) negated = gv_cli_options_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *usage = NULL;
      g_autofree char *list = NULL;
      g_autofree char *rate = NULL;
      char *argv[] = { "--jitter", "--rate", "1.5", "--depth", "2", "--protocol", "wild:4",
                       "--spark", "3@1:1", "--protocol", "toy" };
      char *argv_negated[] = { "--protocol=toy", "--jitter=true", "--no-jitter" };

      gv_protocol_register (&toy_protocol);

      g_assert_true (gv_cli_parse_simulate (options, G_N_ELEMENTS (argv), argv, &error));
      g_assert_no_error (error);
      g_assert_true (options->params->protocol == &toy_protocol);
      g_assert_true (options->named_protocol == &toy_protocol);
      g_assert_cmpint (gv_params_get_value (options->params, 0)->i, ==, 1);
      rate = gv_params_get (options->params, "rate");
      g_assert_cmpstr (rate, ==, "1.5");
      g_assert_cmpint (gv_params_get_value (options->params, 2)->i, ==, 2);
      g_assert_cmpint (gv_params_get_value (options->params, 3)->i, ==, 1);
      g_assert_cmpfloat (gv_params_get_value (options->params, 3)->args[0], ==, 4.0);
      g_assert_cmpuint (gv_params_get_n_injections (options->params), ==, 1);
      g_assert_cmpuint (gv_params_get_injection (options->params, 0).arg, ==, 1);

      g_assert_true (gv_cli_parse_simulate (negated, G_N_ELEMENTS (argv_negated), argv_negated,
                                            &error));
      g_assert_no_error (error);
      g_assert_cmpint (gv_params_get_value (negated->params, 0)->i, ==, 0);

      assert_parse_error ("--protocol toy --rate 3", "--rate: must be from 0 to 2, not 3");
      assert_parse_error ("--protocol toy --jitter=maybe", "--jitter: “maybe” is neither true "
                                                           "nor false");
      assert_parse_error ("--protocol toy --no-jitter=1", "--no-jitter: takes no value");
      assert_parse_error ("--protocol toy --depth 7", "--depth: must be a whole number from -3 "
                                                      "to 3, not 7");
      assert_parse_error ("--protocol toy --style wild:12", "--style: W of wild must be a whole "
                                                            "number from 1 to 9, not 12");
      assert_parse_error ("--protocol toy --spark 1@1:5 --depth 3",
                          "--spark: heat 5 does not exist; with --depth 3 they are 0 to 2");
      assert_parse_error ("--protocol toy --spark 1@1 --spark 2@2 --spark 3@3",
                          "--spark: at most 2 may be given with toy");
      assert_parse_error ("--protocol toy --stop none", "--stop: belongs to rumor, not to toy");
      assert_parse_error ("--jitter", "--jitter: belongs to toy, not to rumor");
      assert_parse_error ("--protocol toy --protocol push",
                          "--protocol: “push” is a value of --exchange, which belongs to rumor "
                          "and anti-entropy, not to toy");
      assert_parse_error ("--protocol crazy", "--protocol: unknown protocol “crazy”; use rumor, "
                                              "anti-entropy, flood, central, tree or toy");

      /* Its help, from the declarations. */
      usage = gv_cli_simulate_usage (&toy_protocol);
      for (const char *const *needle = (const char *const[]) {
             "\nToy (--protocol toy):\n", "  --jitter, --no-jitter ", "Whether clocks jitter.",
             "[off]", "  --rate RATE ", "0 to 2 [0.5]", "  --depth D ", "-3 to 3 [0]",
             "  --style STYLE ", "calm or wild:W [calm]", "also --protocol STYLE",
             "  --spark NODE@ROUND[:HEAT] ", "at most 2 [0@0:0]", NULL };
           *needle != NULL; needle++)
        if (strstr (usage, *needle) == NULL)
          g_error ("the help lacks “%s”:\n%s", *needle, usage);
      g_assert_null (strstr (usage, "--fanout F"));
      g_assert_null (strstr (usage, "--stop"));

      list = gv_cli_protocols_to_text ();
      g_assert_nonnull (strstr (list, "\ntoy — Toy\n"));
      g_assert_nonnull (strstr (list, "No theory is declared."));
      g_assert_nonnull (strstr (list, "Hot: colour alert, cue diamond"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

void
gv_test_cli_add_protocol_tests (void)
{
  g_test_add_func ("/cli/help-protocol", test_help_protocol);
  g_test_add_func ("/cli/protocols/old-spellings", test_old_spellings);
  g_test_add_func ("/cli/protocols/list", test_protocols);
  g_test_add_func ("/cli/protocols/declared-options", test_declared_options);
  g_test_add_func ("/cli/protocols/baselines", test_baselines);
  g_test_add_func ("/cli/events/run-and-validate", test_events);
  g_test_add_func ("/cli/events/failing", test_events_failing);
}
