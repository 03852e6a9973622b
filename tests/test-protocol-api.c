/* test-protocol-api.c: a protocol defined here, through the public interface alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "relay" passes a token around a ring: the node that holds it sends it `step` nodes on
 * (forward or backward) in the next round, and is done.  It declares what every protocol
 * declares (parameters, an injection, metrics, a chart, classes, figures, theory, a
 * rule that makes a combination impossible) and uses the core's network model, so that
 * loss and crashes apply to it too.  The test registers it and runs it through the
 * engine, the simulator, a run file's save, load and verify, the CSV, the labels, the
 * CLI's code path and the chart code, none of which knows it.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gv-cli.h"
#include "gv-network.h"
#include "gv-run-chart.h"
#include "gv-run.h"
#include "gv-simulator.h"
#include "gv-test-engine.h"
#include "gv-test-util.h"

enum { RELAY_DIRECTION, RELAY_STEP, RELAY_N_PARAMS };
enum { DIRECTION_FORWARD, DIRECTION_BACKWARD };
enum { METRIC_HOLDERS, METRIC_VISITED, RELAY_N_METRICS };
enum { CLASS_WAITING, CLASS_HOLDING, CLASS_PASSED, RELAY_N_CLASSES };
enum { FIGURE_VISITED, RELAY_N_FIGURES };
enum { SUM_HOLDERS, SUM_VISITED, RELAY_NODE_SUMS };
enum { STATE_NONE, STATE_HOLDING, STATE_PASSED };

static const GvParamChoice directions[] = {
  { "forward", "Forward", "To higher node numbers.", 0, { { 0 } } },
  { "backward", "Backward", "To lower node numbers.", 0, { { 0 } } },
};

static const GvParamSpec relay_params[RELAY_N_PARAMS] = {
  [RELAY_DIRECTION] = { .name = "direction", .label = "Direction", .help = "Which way.",
                        .metavar = "WAY", .type = GV_PARAM_CHOICE, .choices = directions,
                        .n_choices = 2, .def = DIRECTION_FORWARD },
  [RELAY_STEP] = { .name = "step", .label = "Step", .help = "How far a hop goes.",
                   .metavar = "S", .type = GV_PARAM_INT, .min = 1, .max = 1000, .def = 1,
                   .step = 1 },
};

static const GvInjectionSpec relay_injection = {
  .option = "token", .label = "Token", .action = "New Token", .help = "Where it starts.",
  .max = 1,
};

static const GvMetricSpec relay_metrics[RELAY_N_METRICS] = {
  [METRIC_HOLDERS] = { "holders", "Holders", "nodes", "Nodes holding the token.",
                       GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN,
                       GV_METRIC_FLAG_NODES, NULL },
  [METRIC_VISITED] = { "visited", "Visited", "nodes", "Alive nodes the token has visited.",
                       GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN,
                       GV_METRIC_FLAG_NODES, NULL },
};

static const char *const visited_metrics[] = { "visited", NULL };

static const GvChartSpec relay_charts[] = {
  { "coverage", "Visited", "Visited nodes", TRUE, visited_metrics, NULL },
};

static const GvFigureSpec relay_figures[RELAY_N_FIGURES] = {
  [FIGURE_VISITED] = { "visited", "Visited", "visited", "Alive nodes visited.",
                       GV_FIGURE_FRACTION },
};

static const GvNodeClass relay_classes[RELAY_N_CLASSES] = {
  [CLASS_WAITING] = { "waiting", "Waiting", "Not visited.", GV_SLOT_IDLE, GV_CUE_HOLLOW },
  [CLASS_HOLDING] = { "holding", "Holding", "Holds the token.", GV_SLOT_ACTIVE, GV_CUE_DIAMOND },
  [CLASS_PASSED] = { "passed", "Passed", "Has passed it on.", GV_SLOT_DONE, GV_CUE_SQUARE },
};

typedef struct
{
  guint8  *state;
  guint32 *first;
  guint32  step;     /* as a forward distance */
  gboolean injected;
} Relay;

static const GvNodeClass *
relay_get_classes (const GvParams *params,
                   guint          *n)
{
  *n = RELAY_N_CLASSES;
  return relay_classes;
}

static void
relay_plain_classes (const GvParams *params,
                     guint          *uninformed,
                     guint          *informed)
{
  *uninformed = CLASS_WAITING;
  *informed = CLASS_PASSED;
}

static gboolean
relay_validate (const GvParams  *params,
                GError         **error)
{
  if (gv_params_int (params, RELAY_STEP) >= params->n_nodes)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   "a step of %" G_GINT64_FORMAT " goes round a ring of %u nodes",
                   gv_params_int (params, RELAY_STEP), params->n_nodes);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
relay_theory (const GvParams    *params,
              const GvTopology  *topology,
              char             **why)
{
  GPtrArray *curves;
  GvTheoryCurve *c;
  guint32 n = params->n_nodes;

  if (params->loss > 0 || params->crash > 0)
    {
      *why = g_strdup ("one hop a round only without faults");
      return NULL;
    }

  /* One more node a round, until every node the step reaches has been: n / gcd. */
  curves = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_theory_curve_free);
  c = gv_theory_curve_new ("One hop a round", "counting", "coverage", GV_THEORY_CURVE, n);
  for (guint r = 0; r < n; r++)
    {
      c->x[r] = r;
      c->y[r] = (r + 1.0) / n;
    }
  g_ptr_array_add (curves, c);
  return curves;
}

static void
relay_setup (GvEngine *engine)
{
  const GvParams *p = gv_engine_get_params (engine);
  guint32 n = gv_engine_get_n_nodes (engine);
  Relay *R = g_new0 (Relay, 1);
  guint32 step = (guint32) gv_params_int (p, RELAY_STEP);

  R->state = g_new0 (guint8, n);
  R->first = g_new (guint32, n);
  memset (R->first, 0xff, sizeof (guint32) * n);
  R->step = gv_params_choice (p, RELAY_DIRECTION) == DIRECTION_FORWARD ? step : n - step;
  gv_engine_set_protocol_data (engine, R);
}

static void
relay_teardown (GvEngine *engine)
{
  Relay *R = gv_engine_get_protocol_data (engine);

  g_free (R->state);
  g_free (R->first);
  g_free (R);
  gv_engine_set_protocol_data (engine, NULL);
}

static void
relay_reset_node (GvEngine *engine,
                  guint32   node)
{
  Relay *R = gv_engine_get_protocol_data (engine);

  R->state[node] = STATE_NONE;
}

static void
relay_act (GvShard *shard)
{
  Relay *R = shard->data;
  guint32 n = gv_engine_get_n_nodes (shard->engine);

  for (guint32 u = shard->begin; u < shard->end; u++)
    if (R->state[u] == STATE_HOLDING && shard->alive[u])
      {
        GvMsg msg = {
          .dst = (guint32) (((guint64) u + R->step) % n),
          .src = u,
          .kind = 1,
          .flags = GV_MSG_DATA,
        };

        gv_shard_send (shard, &msg, NULL);
        R->state[u] = STATE_PASSED;
      }
}

static void
relay_apply (GvShard       *shard,
             const GvMsg   *msgs,
             const guint32 *words,
             gsize          n_msgs)
{
  Relay *R = shard->data;

  for (gsize k = 0; k < n_msgs; k++)
    {
      guint32 v = msgs[k].dst;
      gboolean useful = R->state[v] != STATE_HOLDING;

      R->state[v] = STATE_HOLDING;
      if (R->first[v] == GV_NEVER)
        R->first[v] = shard->round;
      gv_shard_delivered (shard, &msgs[k], useful);
    }
}

static void
relay_settle (GvShard  *shard,
              gboolean  end_of_round)
{
  Relay *R = shard->data;

  for (guint32 v = shard->begin; v < shard->end; v++)
    if (shard->alive[v])
      {
        shard->tally.sums[SUM_HOLDERS] += R->state[v] == STATE_HOLDING;
        shard->tally.sums[SUM_VISITED] += R->first[v] != GV_NEVER;
      }
}

static void
relay_record (GvEngine      *engine,
              const GvTally *t,
              double        *values,
              double        *items,
              guint         *n_items)
{
  values[METRIC_HOLDERS] = (double) t->sums[SUM_HOLDERS];
  values[METRIC_VISITED] = (double) t->sums[SUM_VISITED];
  *n_items = 0;
}

static gboolean
relay_finished (GvEngine      *engine,
                const GvTally *t,
                gboolean      *converged)
{
  *converged = t->sums[SUM_VISITED] == gv_engine_get_n_alive (engine);
  return *converged || t->sums[SUM_HOLDERS] == 0;
}

static void
relay_summarise (GvEngine      *engine,
                 const GvTally *last,
                 const GvTally *totals,
                 double        *figures)
{
  figures[FIGURE_VISITED] = (double) last->sums[SUM_VISITED] / gv_engine_get_n_alive (engine);
}

static guint
relay_classify (GvEngine *engine,
                guint32   node,
                guint     view)
{
  Relay *R = gv_engine_get_protocol_data (engine);

  return R->state[node] == STATE_HOLDING ? CLASS_HOLDING
       : R->first[node] != GV_NEVER ? CLASS_PASSED : CLASS_WAITING;
}

static void
relay_describe (GvEngine *engine,
                guint32   node,
                GArray   *rows)
{
  Relay *R = gv_engine_get_protocol_data (engine);

  gv_node_rows_add (rows, "Token", "%s", R->state[node] == STATE_HOLDING ? "held" : "not held");
}

static gint64
relay_first_informed (GvEngine *engine,
                      guint32   node)
{
  Relay *R = gv_engine_get_protocol_data (engine);

  return R->first[node] == GV_NEVER ? -1 : (gint64) R->first[node];
}

static gboolean
relay_can_inject (GvEngine  *engine,
                  guint32    node,
                  guint32    arg,
                  GError   **error)
{
  Relay *R = gv_engine_get_protocol_data (engine);

  if (R->injected)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, "there is one token");
      return FALSE;
    }
  return TRUE;
}

static gboolean
relay_inject (GvEngine  *engine,
              guint32    node,
              guint32    arg,
              GError   **error)
{
  Relay *R = gv_engine_get_protocol_data (engine);

  if (!relay_can_inject (engine, node, arg, error))
    return FALSE;
  R->injected = TRUE;
  R->state[node] = STATE_HOLDING;
  R->first[node] = gv_engine_get_round (engine);
  return TRUE;
}

static const GvProtocolOps relay_ops = {
  .setup = relay_setup,
  .teardown = relay_teardown,
  .reset_node = relay_reset_node,
  .act = relay_act,
  .apply = relay_apply,
  .settle = relay_settle,
  .record = relay_record,
  .finished = relay_finished,
  .summarise = relay_summarise,
  .classify = relay_classify,
  .describe = relay_describe,
  .first_informed = relay_first_informed,
  .inject = relay_inject,
  .can_inject = relay_can_inject,
};

static const GvProtocol relay_protocol = {
  .id = "relay",
  .name = "Token relay",
  .description = "A token that goes round a ring, one hop a round.",
  .params = relay_params,
  .n_params = RELAY_N_PARAMS,
  .injection = &relay_injection,
  .metrics = relay_metrics,
  .n_metrics = RELAY_N_METRICS,
  .primary = "visited",
  .charts = relay_charts,
  .n_charts = G_N_ELEMENTS (relay_charts),
  .figures = relay_figures,
  .n_figures = RELAY_N_FIGURES,
  .classes = relay_get_classes,
  .plain_classes = relay_plain_classes,
  .node_sums = RELAY_NODE_SUMS,
  .complete_only = TRUE,
  .uses_fanout = FALSE,
  .validate = relay_validate,
  .theory = relay_theory,
  .ops = &relay_ops,
};

static GvParams *
relay_params_new (guint32     n,
                  const char *direction,
                  const char *step)
{
  GvParams *p = gv_params_new_for (gv_protocol_find ("relay"));

  p->n_nodes = n;
  g_assert_true (gv_params_set (p, "direction", direction, NULL));
  g_assert_true (gv_params_set (p, "step", step, NULL));
  return p;
}

/* The engine plays it: one hop a round, n − 1 rounds to visit a ring of n, and its
 * rule refuses a step that goes round the ring. */
static void
test_api_engine (void)
{
  g_autoptr(GvParams) p = relay_params_new (10, "backward", "3");
  g_autoptr(GvEngine) e = gv_test_engine_new (p, 1);
  g_autoptr(GvParams) bad = relay_params_new (10, "forward", "10");
  g_autoptr(GError) error = NULL;
  GvSummary s;
  guint rounds = 0;
  GvRoundRecord *rec;

  while ((rec = gv_engine_step (e)) != NULL)
    {
      rounds++;
      g_assert_cmpuint (REC_METRIC (rec, p->protocol, "holders"), ==, 1);
      g_assert_cmpuint (REC_METRIC (rec, p->protocol, "visited"), ==, rounds + 1);
      g_assert_cmpuint (REC_SENT (rec), ==, 1);
      gv_round_record_unref (rec);
    }
  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  g_assert_cmpuint (s.rounds, ==, 9);
  g_assert_cmpfloat (gv_test_figure (&s, p->protocol, "visited"), ==, 1.0);
  /* Backward by 3 from node 0: 0, 7, 4, 1, … */
  g_assert_cmpint (gv_engine_get_first_informed (e, 7), ==, 1);
  g_assert_cmpint (gv_engine_get_first_informed (e, 4), ==, 2);
  g_assert_cmpuint (gv_engine_get_classes (e)->n, ==, RELAY_N_CLASSES + 1);

  g_assert_false (gv_params_validate (bad, &error));
  g_assert_nonnull (strstr (error->message, "goes round a ring"));
  g_clear_error (&error);

  /* The core's rules apply to it as to any protocol. */
  g_assert_true (gv_params_parse_topology (p, "ring:2", NULL));
  g_assert_false (gv_params_validate (p, &error));
  g_assert_nonnull (strstr (error->message, "complete graph only"));
}

/* A run file: saved, loaded, replayed and verified; CSV and labels from its
 * declarations. */
static void
test_api_run_file (void)
{
  g_autoptr(GvParams) p = relay_params_new (50, "forward", "7");
  g_autoptr(GvParams) q = relay_params_new (50, "forward", "9");
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_run_simulate (p, 1, NULL, &error);
  g_autoptr(GvRun) other = gv_run_simulate (q, 1, NULL, &error);
  g_autoptr(GvRun) back = NULL;
  g_autofree char *data = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree guint8 *classes = g_malloc (50);
  GvRun *both[2];
  gsize length;

  g_assert_no_error (error);
  data = gv_run_to_data (run, &length);
  g_assert_nonnull (strstr (data, "\"protocol\": \"relay\""));
  g_assert_nonnull (strstr (data, "\"step\": 7"));
  g_assert_nonnull (strstr (data, "\"holders\": 1"));
  back = gv_run_load_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_true (gv_run_equal (run, back));
  g_assert_true (gv_run_verify (back, NULL, &error));
  g_assert_no_error (error);

  gv_run_get_node_classes (back, 3, 0, classes);
  g_assert_cmpuint (classes[21], ==, CLASS_HOLDING);
  g_assert_cmpuint (classes[7], ==, CLASS_PASSED);
  g_assert_cmpuint (classes[1], ==, CLASS_WAITING);

  csv = gv_run_to_csv (back);
  /* Its parameters by their declared names, before the table. */
  g_assert_nonnull (strstr (csv, "\n# protocol: relay\n"));
  g_assert_nonnull (strstr (csv, "\n# direction: forward\n# step: 7\n"));
  g_assert_true (g_str_has_prefix (gv_test_csv_table (csv), "round,alive,"));
  g_assert_nonnull (strstr (csv, ",holders,visited\n"));

  both[0] = run;
  both[1] = other;
  labels = gv_run_label_differences (both, 2);
  g_assert_cmpstr (labels[0], ==, "step 7");
  g_assert_cmpstr (labels[1], ==, "step 9");

  /* A file that changes the step to one its rule refuses is refused with the rule. */
  {
    g_auto(GStrv) parts = g_strsplit (data, "\"step\": 7", 2);
    g_autofree char *edited = g_strjoinv ("\"step\": 70", parts);

    g_clear_object (&back);
    back = gv_run_load_from_data (edited, strlen (edited), &error);
    g_assert_null (back);
    g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
    g_clear_error (&error);
  }
}

/* The simulator drives it, and says why a second token cannot be given. */
static void
test_api_simulator (void)
{
  g_autoptr(GvParams) p = relay_params_new (30, "forward", "1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GvSimulator) sim = gv_simulator_new (p, 1, &error);
  GvNodeDescription d;

  g_assert_no_error (error);
  gv_simulator_step (sim);
  GV_TEST_WAIT_FOR (gv_simulator_get_round (sim) == 1 && !gv_simulator_get_busy (sim));
  g_assert_false (gv_simulator_inject (sim, 5, 0, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
  g_assert_cmpstr (error->message, ==, "there is one token");
  g_assert_true (gv_simulator_describe_node (sim, 1, &d));
  g_assert_cmpstr (gv_test_row (&d, "Token"), ==, "held");
  gv_node_description_clear (&d);
}

/* The charts draw it from its declarations: its chart, messages, alive and a metric. */
static void
test_api_charts (void)
{
  g_autoptr(GvParams) p = relay_params_new (20, "forward", "1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_run_simulate (p, 1, NULL, &error);
  g_autoptr(GPtrArray) list = gv_run_chart_list (p->protocol);
  g_autoptr(GvChart) chart = gv_chart_new ();
  gboolean has_metric = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (((GvRunChartEntry *) g_ptr_array_index (list, 0))->id, ==, "coverage");
  for (guint i = 0; i < list->len; i++)
    has_metric |= g_str_equal (((GvRunChartEntry *) g_ptr_array_index (list, i))->id,
                               "metric:holders");
  g_assert_true (has_metric);

  for (guint i = 0; i < list->len; i++)
    {
      const char *id = ((GvRunChartEntry *) g_ptr_array_index (list, i))->id;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
      cairo_t *cr = cairo_create (surface);
      GvPalette palette;

      gv_palette_init_light (&palette);
      gv_run_chart_runs (chart, id, &run, 1);
      g_assert_cmpuint (gv_chart_get_n_series (chart), >, 0);
      gv_chart_draw (chart, cr, 400, 300, &palette);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* Coverage: the simulation and the theory's one hop a round. */
  gv_run_chart_runs (chart, "coverage", &run, 1);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 2);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, 20);
}

/* The CLI's code path: its options come from the declarations, and it saves a run. */
static void
test_api_cli (void)
{
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "relay.grapevine", NULL);
  g_autoptr(GvCliOptions) options = gv_cli_options_new ();
  g_autoptr(GError) error = NULL;
  char *argv[] = { "--protocol", "relay", "--nodes", "12", "--step", "5", "--direction",
                   "backward", "--token", "3@0", NULL };
  char *bad_argv[] = { "--protocol", "relay", "--stop", "ttl:3", NULL };
  g_autoptr(GvCliOptions) bad = gv_cli_options_new ();
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *step = NULL;

  g_assert_true (gv_cli_parse_simulate (options, G_N_ELEMENTS (argv) - 1, argv, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (options->params->protocol->id, ==, "relay");
  step = gv_params_get (options->params, "step");
  g_assert_cmpstr (step, ==, "5");
  g_assert_cmpuint (gv_params_get_injection (options->params, 0).node, ==, 3);

  /* An option of another protocol names the protocol it belongs to. */
  g_assert_false (gv_cli_parse_simulate (bad, G_N_ELEMENTS (bad_argv) - 1, bad_argv, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "--stop"));
  g_assert_nonnull (strstr (error->message, "rumor"));
  g_clear_error (&error);

  run = gv_run_simulate (options->params, 1, NULL, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  g_assert_true (gv_run_save (run, file, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&run);
  run = gv_run_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gv_run_verify (run, NULL, &error));

  gv_test_remove_tmp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  gv_protocol_register (&relay_protocol);
  g_assert_true (gv_protocol_find ("relay") == &relay_protocol);

  g_test_add_func ("/protocol-api/engine", test_api_engine);
  g_test_add_func ("/protocol-api/run-file", test_api_run_file);
  g_test_add_func ("/protocol-api/simulator", test_api_simulator);
  g_test_add_func ("/protocol-api/charts", test_api_charts);
  g_test_add_func ("/protocol-api/cli", test_api_cli);

  return g_test_run ();
}
