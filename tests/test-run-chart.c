/* test-run-chart.c: what the charts of a run show, from the protocols' declarations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real runs (gv_run_simulate) and run files saved by 0.1.0 (tests/regression/format-1)
 * are charted, and the chart's series are read back and compared with the records.  The
 * y axis's tick labels are read from the frame a draw builds (gv-chart-private.h).
 */

#define G_LOG_DOMAIN "test-run-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-chart-private.h"
#include "gv-run-chart.h"
#include "gv-test-engine.h"
#include "gv-test-run.h"

/* ---- helpers ------------------------------------------------------------------------- */

static gint
find_label (GvChart    *chart,
            const char *label)
{
  for (guint s = 0; s < gv_chart_get_n_series (chart); s++)
    if (g_strcmp0 (gv_chart_get_series_label (chart, s), label) == 0)
      return (gint) s;
  return -1;
}

static guint
series_by_label (GvChart    *chart,
                 const char *label)
{
  gint s = find_label (chart, label);

  if (s < 0)
    g_error ("no series \"%s\"", label);
  return (guint) s;
}

static GvParams *
rumour_params (const char *exchange,
               guint32     n_nodes,
               guint64     seed)
{
  GvParams *params = gv_params_new_for (gv_protocol_find ("rumor"));
  g_autoptr(GError) error = NULL;

  params->n_nodes = n_nodes;
  params->seed = seed;
  if (exchange != NULL)
    {
      gv_params_set (params, "exchange", exchange, &error);
      g_assert_no_error (error);
    }
  return params;
}

static GvRun *
load_format_1 (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "regression",
                                                                    "format-1", name, NULL));
  GvRun *run = gv_run_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (gv_run_get_format_version (run), ==, 1);
  return run;
}

static double
record_value (GvRun      *run,
              guint       round,
              const char *id)
{
  return gv_test_value (gv_run_get_record (run, round), gv_run_get_params (run)->protocol, id);
}

/* Every bar of the messages chart at each round after the first, summed, is what the
 * round sent. */
static void
assert_messages_add_up (GvChart *chart,
                        GvRun   *run)
{
  for (guint r = 1; r < gv_run_get_n_records (run); r++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, r);
      double sum = 0;

      for (guint s = 0; s < gv_chart_get_n_series (chart); s++)
        {
          double v;

          g_assert_cmpint (gv_chart_get_series_style (chart, s), ==, GV_CHART_BARS);
          if (gv_chart_get_value (chart, s, r, &v))
            {
              g_assert_cmpfloat (v, >=, 0);
              sum += v;
            }
        }
      g_assert_cmpfloat (sum, ==, gv_round_record_get (rec, GV_METRIC_SENT));
    }
}

/* ---- the list ------------------------------------------------------------------------ */

static gboolean
listed (GPtrArray  *list,
        const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((GvRunChartEntry *) g_ptr_array_index (list, i))->id, id))
      return TRUE;
  return FALSE;
}

static void
test_list (void)
{
  const GvProtocol *rumor = gv_protocol_find ("rumor");
  g_autoptr(GPtrArray) list = gv_run_chart_list (rumor);
  const GvRunChartEntry *entry;

  /* The protocol's charts, then messages and alive, then every metric not shown yet. */
  entry = g_ptr_array_index (list, 0);
  g_assert_cmpstr (entry->id, ==, "coverage");
  g_assert_cmpstr (entry->title, ==, "Coverage");
  entry = g_ptr_array_index (list, 1);
  g_assert_cmpstr (entry->id, ==, "spreading");
  g_assert_cmpstr (((GvRunChartEntry *) g_ptr_array_index (list, 2))->id, ==, "messages");
  g_assert_cmpstr (((GvRunChartEntry *) g_ptr_array_index (list, 3))->id, ==, "alive");

  g_assert_true (listed (list, "metric:newly_informed"));
  g_assert_true (listed (list, "metric:crashed"));
  g_assert_true (listed (list, "metric:recovered"));
  g_assert_true (listed (list, "metric:lost_requests"));
  /* In a chart already: coverage's lines and fallback, alive's primary, the stack. */
  g_assert_false (listed (list, "metric:informed_by_rumor"));
  g_assert_false (listed (list, "metric:informed"));
  g_assert_false (listed (list, "metric:spreading"));
  g_assert_false (listed (list, "metric:alive"));
  g_assert_false (listed (list, "metric:useful"));
  g_assert_false (listed (list, "metric:requests"));

  /* Every protocol starts with its own coverage, and every entry can be drawn. */
  for (guint p = 0; p < gv_protocol_get_n (); p++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (p);
      g_autoptr(GPtrArray) entries = gv_run_chart_list (protocol);
      g_autoptr(GvParams) params = gv_params_new_for (protocol);
      g_autoptr(GvChart) chart = gv_chart_new ();

      g_assert_cmpuint (protocol->n_charts, >, 0);
      g_assert_cmpstr (((GvRunChartEntry *) g_ptr_array_index (entries, 0))->id, ==,
                       protocol->charts[0].id);
      for (guint i = 0; i < entries->len; i++)
        {
          const GvRunChartEntry *e = g_ptr_array_index (entries, i);

          g_assert_true (gv_run_chart_has (protocol, e->id));
          g_assert_cmpuint (strlen (e->title), >, 0);
          gv_run_chart_setup (chart, e->id, params, NULL);
          g_assert_cmpuint (gv_chart_get_n_series (chart), >, 0);
          g_assert_cmpuint (strlen (gv_chart_get_title (chart)), >, 0);
        }
    }

  g_assert_true (gv_run_chart_has (rumor, "metric:informed"));
  g_assert_false (gv_run_chart_has (rumor, "metric:keys"));
  g_assert_false (gv_run_chart_has (rumor, "no-such-chart"));
  g_assert_false (gv_run_chart_has (rumor, "versions"));
  g_assert_true (gv_run_chart_has (gv_protocol_find ("anti-entropy"), "versions"));
}

/* ---- messages ------------------------------------------------------------------------ */

/* The stacks add up to the messages sent, round by round, with loss and crashes and for
 * every exchange (pull and push-pull send requests, which lost and dead count too); and
 * "useful" is the deliveries that brought something new, so a round that informed
 * nodes always has useful messages. */
static void
test_messages_add_up (void)
{
  static const char *const exchanges[] = { "pull", "push-pull", "push" };

  for (guint e = 0; e < G_N_ELEMENTS (exchanges); e++)
    {
      g_autoptr(GvParams) params = rumour_params (exchanges[e], 300, 21 + e);
      g_autoptr(GvChart) chart = gv_chart_new ();
      g_autoptr(GvRun) run = NULL;
      guint useful, redundant, lost, dead, requests;
      double any_lost = 0, any_dead = 0, any_requests = 0, any_useful = 0;

      params->loss = 0.15;
      params->crash = 0.02;
      params->recover = 0.2;
      params->max_rounds = 60;
      run = gv_test_simulate (params, 1);

      gv_run_chart_runs (chart, "messages", &run, 1);
      g_assert_cmpstr (gv_chart_get_title (chart), ==, "Messages per round");
      g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 5);
      useful = series_by_label (chart, "Useful");
      redundant = series_by_label (chart, "Redundant");
      lost = series_by_label (chart, "Lost");
      dead = series_by_label (chart, "To crashed nodes");
      requests = series_by_label (chart, "Requests");
      g_assert_null (gv_chart_get_note (chart));

      assert_messages_add_up (chart, run);

      /* Round 0 sends nothing and has no bars. */
      g_assert_false (gv_chart_get_value (chart, useful, 0, NULL));

      for (guint r = 1; r < gv_run_get_n_records (run); r++)
        {
          double v;

          g_assert_true (gv_chart_get_value (chart, useful, r, &v));
          g_assert_cmpfloat (v, ==, record_value (run, r, "useful"));
          if (record_value (run, r, "newly_informed") > 0)
            g_assert_cmpfloat (v, >, 0);
          any_useful += v;

          g_assert_true (gv_chart_get_value (chart, redundant, r, &v));
          g_assert_cmpfloat (v, ==, record_value (run, r, "redundant"));
          g_assert_true (gv_chart_get_value (chart, lost, r, &v));
          g_assert_cmpfloat (v, ==, record_value (run, r, "lost_data") +
                                    record_value (run, r, "lost_requests"));
          any_lost += v;
          g_assert_true (gv_chart_get_value (chart, dead, r, &v));
          g_assert_cmpfloat (v, ==, record_value (run, r, "dead"));
          any_dead += v;
          g_assert_true (gv_chart_get_value (chart, requests, r, &v));
          g_assert_cmpfloat (v, ==, record_value (run, r, "sent_requests") -
                                    record_value (run, r, "lost_requests") -
                                    record_value (run, r, "dead_requests"));
          any_requests += v;
        }

      g_test_message ("%s: useful %.0f, lost %.0f, dead %.0f, requests %.0f", exchanges[e],
                      any_useful, any_lost, any_dead, any_requests);
      g_assert_cmpfloat (any_useful, >, 0);
      g_assert_cmpfloat (any_lost, >, 0);
      g_assert_cmpfloat (any_dead, >, 0);
      if (e < 2)
        g_assert_cmpfloat (any_requests, >, 0);
      else
        g_assert_cmpfloat (any_requests, ==, 0);
    }
}

/* ---- coverage ------------------------------------------------------------------------ */

static void
test_coverage_theory (void)
{
  g_autoptr(GvParams) params = rumour_params ("push", 1000, 4);
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GvRun) run = gv_test_simulate (params, 1);
  guint sim, mean_field, logistic;
  g_autoptr(GError) error = NULL;

  gv_run_chart_runs (chart, "coverage", &run, 1);
  g_assert_cmpstr (gv_chart_get_title (chart), ==, "Coverage");
  g_assert_null (gv_chart_get_note (chart));
  sim = series_by_label (chart, "Simulation");
  mean_field = series_by_label (chart, "Mean field");
  logistic = series_by_label (chart, "Logistic (SI)");
  g_assert_cmpint (gv_chart_get_series_style (chart, sim), ==, GV_CHART_LINE);
  g_assert_cmpint (gv_chart_get_series_style (chart, mean_field), ==, GV_CHART_DASHED);
  g_assert_cmpint (gv_chart_get_series_style (chart, logistic), ==, GV_CHART_DASHED);

  /* The simulation in % of the alive nodes, a point a round; theory in % too. */
  g_assert_cmpuint (gv_chart_get_n_points (chart, sim), ==, gv_run_get_n_records (run));
  for (guint r = 0; r < gv_run_get_n_records (run); r++)
    {
      double v;

      g_assert_true (gv_chart_get_value (chart, sim, r, &v));
      g_assert_cmpfloat_with_epsilon (v, 100 * record_value (run, r, "informed") /
                                         record_value (run, r, "alive"), 1e-9);
    }
  for (guint i = 0; i < gv_chart_get_n_points (chart, mean_field); i++)
    {
      double x, y;

      gv_chart_get_point (chart, mean_field, i, &x, &y);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y, <=, 100);
      if (i == gv_chart_get_n_points (chart, mean_field) - 1)
        g_assert_cmpfloat (y, >, 99);
    }

  /* Crashes: no formula applies, and the chart says why. */
  params->crash = 0.01;
  gv_run_chart_setup (chart, "coverage", params, NULL);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 1);
  g_assert_true (g_str_has_prefix (gv_chart_get_note (chart), "No theory curve: "));
  g_assert_cmpuint (strlen (gv_chart_get_note (chart)), >, strlen ("No theory curve: ") + 10);

  /* A stop rule with a known residue: a level, across the whole plot. */
  params->crash = 0;
  gv_params_set (params, "stop", "feedback-coin:2", &error);
  g_assert_no_error (error);
  gv_run_chart_setup (chart, "coverage", params, NULL);
  g_assert_null (gv_chart_get_note (chart));
  g_assert_cmpint (gv_chart_get_series_style (chart, series_by_label (chart, "Demers' residue")),
                   ==, GV_CHART_LEVEL);

  /* The other charts get no note of their own. */
  params->crash = 0.01;
  gv_run_chart_setup (chart, "spreading", params, NULL);
  g_assert_null (gv_chart_get_note (chart));
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 1);
}

/* Two rumours, the second from round 3: a line each, and the second from where it
 * starts. */
static void
test_coverage_two_rumours (void)
{
  g_autoptr(GvParams) params = rumour_params ("push-pull", 400, 8);
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GvChart) stepped = gv_chart_new ();
  g_autoptr(GvRun) run = NULL;
  guint first, second;
  double x;

  gv_params_add_injection (params, 0, 0, 0);
  gv_params_add_injection (params, 17, 3, 0);
  run = gv_test_simulate (params, 1);

  gv_run_chart_runs (chart, "coverage", &run, 1);
  g_assert_cmpint (find_label (chart, "Simulation"), ==, -1);
  first = series_by_label (chart, "Rumour 1");
  second = series_by_label (chart, "Rumour 2");
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 2);
  g_assert_nonnull (gv_chart_get_note (chart));

  g_assert_cmpuint (gv_chart_get_n_points (chart, first), ==, gv_run_get_n_records (run));
  gv_chart_get_point (chart, second, 0, &x, NULL);
  g_assert_cmpfloat (x, >=, 3);
  g_assert_cmpfloat (x, <=, 4);

  for (guint r = 0; r < gv_run_get_n_records (run); r++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, r);
      double alive = gv_round_record_get (rec, GV_METRIC_ALIVE);
      double v;

      g_assert_true (gv_chart_get_value (chart, first, r, &v));
      g_assert_cmpfloat_with_epsilon (v, 100 * gv_round_record_get_item (rec, 0, 0) / alive,
                                      1e-9);
      if (rec->n_items > 1)
        {
          g_assert_true (gv_chart_get_value (chart, second, r, &v));
          g_assert_cmpfloat_with_epsilon (v, 100 * gv_round_record_get_item (rec, 0, 1) / alive,
                                          1e-9);
        }
      else
        g_assert_false (gv_chart_get_value (chart, second, r, &v));
    }
  /* Both end with everyone. */
  g_assert_true (gv_chart_get_value (chart, second, gv_run_get_last_round (run), &x));
  g_assert_cmpfloat (x, ==, 100);

  /* Round by round, as the window draws a live run: one line called "Simulation" until
   * the second rumour appears, which keeps its points and takes the first one's name. */
  gv_run_chart_setup (stepped, "coverage", params, NULL);
  g_assert_cmpuint (gv_chart_get_n_series (stepped), ==, 1);
  g_assert_cmpstr (gv_chart_get_series_label (stepped, 0), ==, "Simulation");
  for (guint r = 0; r < gv_run_get_n_records (run); r++)
    {
      const GvRoundRecord *rec = gv_run_get_record (run, r);

      gv_run_chart_append (stepped, "coverage", params, rec);
      if (rec->n_items < 2)
        g_assert_cmpstr (gv_chart_get_series_label (stepped, 0), ==, "Simulation");
    }
  g_assert_cmpstr (gv_chart_get_series_label (stepped, 0), ==, "Rumour 1");
  g_assert_cmpuint (gv_chart_get_n_series (stepped), ==, 2);
  for (guint s = 0; s < 2; s++)
    {
      g_assert_cmpuint (gv_chart_get_n_points (stepped, s), ==,
                        gv_chart_get_n_points (chart, s));
      for (guint i = 0; i < gv_chart_get_n_points (stepped, s); i++)
        {
          double ax, ay, bx, by;

          gv_chart_get_point (stepped, s, i, &ax, &ay);
          gv_chart_get_point (chart, s, i, &bx, &by);
          g_assert_cmpfloat (ax, ==, bx);
          g_assert_cmpfloat (ay, ==, by);
        }
    }
}

/* A rumour injected while the run goes on (as the window's Inject does) appears after the
 * chart got its theory curves: its line still comes with the first rumour's, before the
 * theory, and the legend reads Rumour 1, Rumour 2, then the curves. */
static void
test_coverage_order (void)
{
  g_autoptr(GvParams) params = rumour_params ("push-pull", 400, 8);
  g_autoptr(GvParams) injected = NULL;
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GvRun) run = NULL;
  static const char *const labels[] = { "Rumour 1", "Rumour 2", "Mean field", "Logistic (SI)" };
  static const char *const keys[] = { "m0:0", "m0:1", "theory:0", "theory:1" };
  guint colors[G_N_ELEMENTS (labels)];
  GvPalette palette;

  gv_params_add_injection (params, 0, 0, 0);
  injected = gv_params_copy (params);
  gv_params_add_injection (injected, 17, 3, 0);
  run = gv_test_simulate (injected, 1);

  gv_run_chart_setup (chart, "coverage", params, NULL);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 3);
  g_assert_cmpstr (gv_chart_get_series_label (chart, 0), ==, "Simulation");
  for (guint r = 0; r < gv_run_get_n_records (run); r++)
    gv_run_chart_append (chart, "coverage", params, gv_run_get_record (run, r));

  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, G_N_ELEMENTS (labels));
  for (guint s = 0; s < G_N_ELEMENTS (labels); s++)
    {
      g_test_message ("series %u: %s", s, gv_chart_get_series_label (chart, s));
      g_assert_cmpstr (gv_chart_get_series_label (chart, s), ==, labels[s]);
      g_assert_cmpstr (gv_chart_get_series_key (chart, s), ==, keys[s]);
    }
  g_assert_cmpint (gv_chart_get_series_style (chart, 1), ==, GV_CHART_LINE);
  g_assert_cmpint (gv_chart_get_series_style (chart, 2), ==, GV_CHART_DASHED);

  /* The lines kept their points: the first from round 0, the second from its round. */
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, gv_run_get_n_records (run));
  g_assert_cmpuint (gv_chart_get_n_points (chart, 1), <, gv_run_get_n_records (run));
  g_assert_cmpuint (gv_chart_get_n_points (chart, 1), >, 0);

  /* No two of them share a colour. */
  gv_palette_init_light (&palette);
  for (guint s = 0; s < G_N_ELEMENTS (labels); s++)
    {
      GvColor c = gv_chart_series_color (&palette, g_ptr_array_index (chart->series, s));

      colors[s] = ((guint) (255 * c.r) << 16) | ((guint) (255 * c.g) << 8) |
                  (guint) (255 * c.b);
      for (guint t = 0; t < s; t++)
        g_assert_cmphex (colors[s], !=, colors[t]);
    }
}

/* Anti-entropy with three keys: a line a key, labelled by the key. */
static void
test_coverage_keys (void)
{
  g_autoptr(GvParams) params = gv_params_new_for (gv_protocol_find ("anti-entropy"));
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;

  params->n_nodes = 100;
  params->seed = 2;
  gv_params_set (params, "keys", "3", &error);
  g_assert_no_error (error);
  gv_params_add_injection (params, 0, 0, 0);
  gv_params_add_injection (params, 5, 0, 1);
  gv_params_add_injection (params, 9, 2, 2);
  run = gv_test_simulate (params, 1);

  gv_run_chart_runs (chart, "coverage", &run, 1);
  g_assert_cmpstr (gv_chart_get_title (chart), ==, "Up to date");
  series_by_label (chart, "Key 1");
  series_by_label (chart, "Key 2");
  series_by_label (chart, "Key 3");
  g_assert_cmpint (find_label (chart, "Rumour 1"), ==, -1);
}

/* ---- format 1 ------------------------------------------------------------------------ */

/* Format 1 did not record the per-rumour counts: coverage draws the fallback, every
 * rumour at once, as one line. */
static void
test_format_1_coverage (void)
{
  static const struct { const char *file; const char *fallback; } files[] = {
    { "rumor-three.grapevine", "informed" },
    { "rumor-pp-faults-200.grapevine", "informed" },
    { "ae-keys-pp.grapevine", "up_to_date" },
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GvRun) run = load_format_1 (files[f].file);
      g_autoptr(GvChart) chart = gv_chart_new ();
      guint sim;

      gv_run_chart_runs (chart, "coverage", &run, 1);
      sim = series_by_label (chart, "Simulation");
      g_assert_cmpint (find_label (chart, "Rumour 1"), ==, -1);
      g_assert_cmpint (find_label (chart, "Key 1"), ==, -1);
      g_assert_cmpuint (gv_chart_get_n_points (chart, sim), ==, gv_run_get_n_records (run));

      for (guint r = 0; r < gv_run_get_n_records (run); r++)
        {
          double v;

          g_assert_null (gv_run_get_record (run, r)->items);
          g_assert_true (gv_chart_get_value (chart, sim, r, &v));
          g_assert_cmpfloat_with_epsilon (v, 100 * record_value (run, r, files[f].fallback) /
                                             record_value (run, r, "alive"), 1e-9);
        }
      g_test_message ("%s: %u rounds", files[f].file, gv_run_get_n_records (run));
    }
}

/* Beyond its detail cap format 1 did not say which lost messages were requests: the
 * stacks still add up to what was sent, with a bar for what it did not tell apart and a
 * note that says so. */
static void
test_format_1_messages (void)
{
  g_autoptr(GvRun) run = load_format_1 ("nodetail-5000.grapevine");
  g_autoptr(GvRun) exact = load_format_1 ("rumor-pull-crash.grapevine");
  g_autoptr(GvChart) chart = gv_chart_new ();
  gint mixed, unknown;

  gv_run_chart_runs (chart, "messages", &run, 1);
  assert_messages_add_up (chart, run);
  g_assert_nonnull (gv_chart_get_note (chart));
  mixed = find_label (chart, "Useful or requests");
  unknown = find_label (chart, "Not told apart");
  g_assert_true (mixed >= 0 || unknown >= 0);
  g_assert_cmpuint (gv_chart_get_n_series (chart), >, 5);

  /* Within the cap the events told everything: the five bars, no note. */
  gv_run_chart_runs (chart, "messages", &exact, 1);
  assert_messages_add_up (chart, exact);
  g_assert_null (gv_chart_get_note (chart));
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 5);
}

/* ---- several runs -------------------------------------------------------------------- */

static void
test_compare (void)
{
  g_autoptr(GvParams) push = rumour_params ("push", 300, 9);
  g_autoptr(GvParams) pull = rumour_params ("pull", 300, 9);
  g_autoptr(GvParams) tree = gv_params_new_for (gv_protocol_find ("tree"));
  g_autoptr(GvParams) central = gv_params_new_for (gv_protocol_find ("central"));
  g_autoptr(GvChart) chart = gv_chart_new ();
  GvRun *runs[4];

  tree->n_nodes = central->n_nodes = 300;
  tree->seed = central->seed = 9;
  push->crash = pull->crash = tree->crash = central->crash = 0.01;
  runs[0] = gv_test_simulate (push, 1);
  runs[1] = gv_test_simulate (pull, 1);
  runs[2] = gv_test_simulate (tree, 1);
  runs[3] = gv_test_simulate (central, 1);

  /* One protocol: coverage as that protocol's chart, a line a run. */
  gv_run_chart_runs (chart, "coverage", runs, 2);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 2);
  g_assert_cmpstr (gv_chart_get_title (chart), ==, "Coverage");
  for (guint i = 0; i < 2; i++)
    for (guint r = 0; r < gv_run_get_n_records (runs[i]); r++)
      {
        double v;

        g_assert_true (gv_chart_get_value (chart, i, r, &v));
        g_assert_cmpfloat_with_epsilon (v, 100 * record_value (runs[i], r, "informed") /
                                           record_value (runs[i], r, "alive"), 1e-9);
      }

  /* Gossip against the baselines, crashes on: each run's primary metric. */
  gv_run_chart_runs (chart, "coverage", runs, 4);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      double v;

      g_test_message ("run %u: %s", i, gv_chart_get_series_label (chart, i));
      g_assert_true (gv_chart_get_value (chart, i, 0, &v));
      g_assert_cmpfloat (v, >, 0);
      g_assert_cmpuint (gv_chart_get_n_points (chart, i), ==, gv_run_get_n_records (runs[i]));
    }

  gv_run_chart_runs (chart, "messages", runs, 4);
  for (guint i = 0; i < 4; i++)
    {
      double v;

      g_assert_false (gv_chart_get_value (chart, i, 0, &v));
      g_assert_true (gv_chart_get_value (chart, i, 1, &v));
      g_assert_cmpfloat (v, ==, record_value (runs[i], 1, "sent"));
    }

  gv_run_chart_runs (chart, "alive", runs, 4);
  for (guint i = 0; i < 4; i++)
    {
      double v;

      g_assert_true (gv_chart_get_value (chart, i, gv_run_get_last_round (runs[i]), &v));
      g_assert_cmpfloat (v, ==, record_value (runs[i], gv_run_get_last_round (runs[i]),
                                              "alive"));
    }

  /* A metric only some runs have: lines for those. */
  gv_run_chart_runs (chart, "metric:spreading", runs, 4);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), >, 0);
  g_assert_false (gv_chart_get_value (chart, 2, 0, NULL));

  for (guint i = 0; i < 4; i++)
    g_object_unref (runs[i]);
}

/* A metric's own chart, and the alive chart, for one run. */
static void
test_metric_and_alive (void)
{
  g_autoptr(GvParams) params = rumour_params ("push-pull", 200, 12);
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GvRun) run = NULL;
  guint alive, informed;

  params->crash = 0.02;
  run = gv_test_simulate (params, 1);

  gv_run_chart_runs (chart, "metric:newly_informed", &run, 1);
  g_assert_cmpstr (gv_chart_get_title (chart), ==, "Newly informed");
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 1);
  for (guint r = 0; r < gv_run_get_n_records (run); r++)
    {
      double v;

      g_assert_true (gv_chart_get_value (chart, 0, r, &v));
      g_assert_cmpfloat (v, ==, record_value (run, r, "newly_informed"));
    }

  gv_run_chart_runs (chart, "alive", &run, 1);
  alive = series_by_label (chart, "Alive");
  informed = series_by_label (chart, "Informed nodes");
  for (guint r = 0; r < gv_run_get_n_records (run); r++)
    {
      double v;

      g_assert_true (gv_chart_get_value (chart, alive, r, &v));
      g_assert_cmpfloat (v, ==, record_value (run, r, "alive"));
      g_assert_true (gv_chart_get_value (chart, informed, r, &v));
      g_assert_cmpfloat (v, ==, record_value (run, r, "informed"));
    }
}

/* ---- the y axis ---------------------------------------------------------------------- */

/* The y tick labels of @chart at 800 × 300, bottom up, joined by spaces. */
static char *
y_tick_labels (GvChart *chart)
{
  GString *labels = g_string_new (NULL);
  Frame frame;

  gv_chart_frame_build (chart, 800, 300, &frame);
  for (guint i = 0; i < frame.geometry.n_y_ticks; i++)
    g_string_append_printf (labels, "%s%s", i > 0 ? " " : "",
                            pango_layout_get_text (frame.y_tick_labels[i].layout));
  gv_chart_frame_clear (&frame);
  return g_string_free (labels, FALSE);
}

/* Counts (messages, nodes) have whole ticks, percentages do not need them: a spanning
 * tree at fanout 1 sends one message a round, and its messages chart reads 0 and 1. */
static void
test_count_axes (void)
{
  g_autoptr(GvParams) params = gv_params_new_for (gv_protocol_find ("tree"));
  g_autoptr(GvParams) rumour = rumour_params ("push-pull", 200, 3);
  g_autoptr(GvParams) keys = gv_params_new_for (gv_protocol_find ("anti-entropy"));
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) rumour_run = NULL;
  g_autoptr(GvRun) keys_run = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *unit = NULL;
  GvRun *both[2];

  params->n_nodes = 16;
  params->fanout = 1;
  run = gv_test_simulate (params, 1);
  rumour_run = gv_test_simulate (rumour, 1);
  keys->n_nodes = 60;
  keys_run = gv_test_simulate (keys, 1);

  gv_run_chart_runs (chart, "messages", &run, 1);
  g_assert_true (gv_chart_get_y_integer (chart));
  for (guint r = 1; r < gv_run_get_n_records (run); r++)
    g_assert_cmpfloat (record_value (run, r, "sent"), ==, 1);
  labels = y_tick_labels (chart);
  g_test_message ("one message a round: %s", labels);
  g_assert_cmpstr (labels, ==, "0 1");

  gv_run_chart_runs (chart, "alive", &rumour_run, 1);
  g_assert_true (gv_chart_get_y_integer (chart));
  gv_run_chart_runs (chart, "metric:newly_informed", &rumour_run, 1);
  g_assert_true (gv_chart_get_y_integer (chart));
  gv_run_chart_runs (chart, "versions", &keys_run, 1);
  g_assert_cmpstr (gv_chart_get_title (chart), ==, "New versions");
  g_assert_true (gv_chart_get_y_integer (chart));

  /* Percentages of the alive nodes are not counts. */
  gv_run_chart_runs (chart, "coverage", &rumour_run, 1);
  g_assert_false (gv_chart_get_y_integer (chart));
  g_object_get (chart, "y-unit", &unit, NULL);
  g_assert_cmpstr (unit, ==, "%");
  gv_run_chart_runs (chart, "spreading", &rumour_run, 1);
  g_assert_false (gv_chart_get_y_integer (chart));

  /* Compared runs: the messages they sent are counts, their coverage is not. */
  both[0] = run;
  both[1] = rumour_run;
  gv_run_chart_runs (chart, "messages", both, 2);
  g_assert_true (gv_chart_get_y_integer (chart));
  gv_run_chart_runs (chart, "coverage", both, 2);
  g_assert_false (gv_chart_get_y_integer (chart));
}

/* ---- samples for a person to look at ------------------------------------------------- */

static void
write_png (GvChart    *chart,
           gboolean    dark,
           const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GV_CHART_PNG_DIR"), name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 400);
  cairo_t *cr = cairo_create (surface);
  GvPalette palette;

  if (dark)
    gv_palette_init_dark (&palette);
  else
    gv_palette_init_light (&palette);
  gv_chart_draw (chart, cr, 800, 400, &palette);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
test_samples (void)
{
  g_autoptr(GvParams) two = rumour_params ("push-pull", 400, 8);
  g_autoptr(GvParams) pull = rumour_params ("pull", 300, 21);
  g_autoptr(GvParams) coin = rumour_params ("push", 1000, 4);
  g_autoptr(GvParams) tree = gv_params_new_for (gv_protocol_find ("tree"));
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GError) error = NULL;
  GvRun *runs[3];

  if (g_getenv ("GV_CHART_PNG_DIR") == NULL)
    {
      g_test_skip ("set GV_CHART_PNG_DIR to write sample charts");
      return;
    }

  gv_params_add_injection (two, 0, 0, 0);
  gv_params_add_injection (two, 17, 3, 0);
  runs[0] = gv_test_simulate (two, 1);
  gv_run_chart_runs (chart, "coverage", runs, 1);
  write_png (chart, FALSE, "run-chart-two-rumours-light.png");
  write_png (chart, TRUE, "run-chart-two-rumours-dark.png");
  g_object_unref (runs[0]);

  pull->loss = 0.15;
  pull->crash = 0.02;
  pull->recover = 0.2;
  runs[0] = gv_test_simulate (pull, 1);
  gv_run_chart_runs (chart, "messages", runs, 1);
  write_png (chart, FALSE, "run-chart-messages-pull-light.png");
  write_png (chart, TRUE, "run-chart-messages-pull-dark.png");
  g_object_unref (runs[0]);

  runs[0] = load_format_1 ("nodetail-5000.grapevine");
  gv_run_chart_runs (chart, "messages", runs, 1);
  write_png (chart, FALSE, "run-chart-messages-format-1-light.png");
  gv_run_chart_runs (chart, "coverage", runs, 1);
  write_png (chart, FALSE, "run-chart-coverage-format-1-light.png");
  g_object_unref (runs[0]);

  gv_params_set (coin, "stop", "feedback-coin:1", &error);
  g_assert_no_error (error);
  runs[0] = gv_test_simulate (coin, 1);
  gv_run_chart_runs (chart, "coverage", runs, 1);
  write_png (chart, FALSE, "run-chart-residue-light.png");
  g_object_unref (runs[0]);

  two->crash = pull->crash = tree->crash = 0.01;
  pull->loss = 0;
  tree->n_nodes = 400;
  runs[0] = gv_test_simulate (two, 1);
  runs[1] = gv_test_simulate (pull, 1);
  runs[2] = gv_test_simulate (tree, 1);
  gv_run_chart_runs (chart, "coverage", runs, 3);
  write_png (chart, FALSE, "run-chart-compare-light.png");
  write_png (chart, TRUE, "run-chart-compare-dark.png");
  for (guint i = 0; i < 3; i++)
    g_object_unref (runs[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run-chart/list", test_list);
  g_test_add_func ("/run-chart/messages-add-up", test_messages_add_up);
  g_test_add_func ("/run-chart/coverage-theory", test_coverage_theory);
  g_test_add_func ("/run-chart/coverage-two-rumours", test_coverage_two_rumours);
  g_test_add_func ("/run-chart/coverage-order", test_coverage_order);
  g_test_add_func ("/run-chart/coverage-keys", test_coverage_keys);
  g_test_add_func ("/run-chart/format-1-coverage", test_format_1_coverage);
  g_test_add_func ("/run-chart/format-1-messages", test_format_1_messages);
  g_test_add_func ("/run-chart/compare", test_compare);
  g_test_add_func ("/run-chart/metric-and-alive", test_metric_and_alive);
  g_test_add_func ("/run-chart/count-axes", test_count_axes);
  g_test_add_func ("/run-chart/samples", test_samples);

  return g_test_run ();
}
