/* test-regression.c: run files saved by earlier releases open, replay and verify for ever
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/regression/format-1/ holds files saved by 0.1.0 (format 1), and
 * tests/regression/format-2/ files saved in format 2 by the release that introduced it;
 * neither may ever be regenerated (see their READMEs).  Each format-1 file loads,
 * replays as the engine plays it again, verifies with no note, and goes through format
 * 2 unchanged; what format 1 did not record is NaN in the charts' metrics, and nowhere
 * else.  Each format-2 file loads, replays, verifies and saves again byte for byte.  A
 * file made by an early 0.1.0 whose residue rule differed verifies with a note that
 * says so, and a file from an engine this one does not know fails with a message that
 * names both versions, or verifies with a note when it reproduces all the same.
 */

#define G_LOG_DOMAIN "test-regression"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "gv-engine-version.h"
#include "gv-error.h"
#include "gv-run.h"
#include "gv-test-engine.h"
#include "gv-test-run.h"
#include "gv-test-util.h"

/* What the sets must cover at least (their READMEs list them). */
#define MIN_REGRESSION_FILES 24
#define MIN_REGRESSION_FILES_2 13

/* Format 1's node states: what a node looked like in 0.1.0. */
#define V1_CRASHED 3

/* The files of one set, as "format-1/NAME.grapevine", in order. */
static GPtrArray *
list_regression_files (const char *set)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "regression", set, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".grapevine"))
      g_ptr_array_add (names, g_build_filename (set, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static GvRun *
load_regression (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "regression", name, NULL);
  g_autofree char *text = NULL;
  gsize length;

  text = gv_test_read_text (path, &length);
  return gv_test_load_text (text, length);
}

static JsonNode *
parse_regression (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "regression", name, NULL);

  return gv_test_parse_file (path);
}

/* A class as format 1 drew it. */
static guint
v1_state (const GvParams     *params,
          const GvClassTable *classes,
          guint               cls)
{
  if (cls == classes->crashed)
    return V1_CRASHED;
  return params->protocol->format1_state (params, cls);
}

/* Beyond the detail cap, a replay knows only who was informed and who was down. */
static guint
plain_state (guint state)
{
  return state == V1_CRASHED ? V1_CRASHED : state != 0;
}

/* Round by round, the classes the run gives for a replay are what the engine shows when
 * it plays the run again, with its interventions: as format 1 would have drawn them
 * (@v1), or as they are.  Beyond the detail cap a replay knows who was down, and who
 * was informed, which verifying checks. */
static void
assert_replay_matches_engine (GvRun    *run,
                              gboolean  v1)
{
  const GvParams *p = gv_run_get_params (run);
  const GvClassTable *run_classes = gv_run_get_classes (run);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvEngine) engine = gv_engine_new (p, 1, NULL, &error);
  g_autofree guint8 *from_run = g_malloc (p->n_nodes);
  g_autofree guint8 *from_engine = g_malloc (p->n_nodes);
  const GvClassTable *engine_classes;
  guint next = 0;
  guint64 crashed_seen = 0, informed_seen = 0;
  guint uninformed, informed;

  g_assert_no_error (error);
  p->protocol->plain_classes (p, &uninformed, &informed);
  engine_classes = gv_engine_get_classes (engine);
  g_assert_cmpuint (engine_classes->crashed, ==, run_classes->crashed);
  gv_round_record_unref (gv_engine_initial_record (engine));

  for (guint32 r = 0; r <= gv_run_get_last_round (run); r++)
    {
      if (r > 0)
        {
          GvRoundRecord *rec = gv_engine_step (engine);

          g_assert_nonnull (rec);
          gv_round_record_unref (rec);
        }

      gv_run_get_node_classes (run, r, 0, from_run);
      gv_engine_classify_all (engine, 0, from_engine);

      for (guint32 v = 0; v < p->n_nodes; v++)
        {
          gboolean down = from_run[v] == run_classes->crashed;
          guint a, b;

          if (v1)
            {
              a = v1_state (p, run_classes, from_run[v]);
              b = v1_state (p, engine_classes, from_engine[v]);
              if (!gv_run_has_detail (run))
                {
                  a = plain_state (a);
                  b = plain_state (b);
                }
            }
          else if (gv_run_has_detail (run))
            {
              a = from_run[v];
              b = from_engine[v];
            }
          else
            {
              a = down;
              b = from_engine[v] == engine_classes->crashed;
            }
          if (a != b)
            g_error ("round %u, node %u: state %u in the replay, %u in the engine", r, v, a, b);
          crashed_seen += down;
          informed_seen += !down && from_run[v] != uninformed;
        }

      /* Interventions made after round r's record show from round r + 1 on. */
      while (next < gv_run_get_n_interventions (run) &&
             gv_run_get_intervention (run, next)->round == r)
        gv_engine_intervene (engine, gv_run_get_intervention (run, next++), NULL);
    }

  g_assert_cmpuint (next, ==, gv_run_get_n_interventions (run));
  if (p->crash > 0.0)
    g_assert_cmpuint (crashed_seen, >, 0);
  /* The news went somewhere. */
  g_assert_cmpuint (informed_seen, >, 0);
}

/* And they are the states the file itself lists, round by round (node × 4 + state). */
static void
assert_replay_matches_file (GvRun      *run,
                            const char *name)
{
  const GvParams *p = gv_run_get_params (run);
  const GvClassTable *classes = gv_run_get_classes (run);
  g_autoptr(JsonNode) root = parse_regression (name);
  JsonArray *events = json_object_get_array_member (json_node_get_object (root), "events");
  g_autofree guint8 *states = g_malloc0 (p->n_nodes);
  g_autofree guint8 *from_run = g_malloc (p->n_nodes);

  g_assert_true (gv_run_has_detail (run));
  g_assert_cmpuint (json_array_get_length (events), ==, gv_run_get_n_records (run));
  for (guint r = 0; r < json_array_get_length (events); r++)
    {
      JsonArray *changes = json_object_get_array_member (json_array_get_object_element (events, r),
                                                         "changes");

      for (guint k = 0; k < json_array_get_length (changes); k++)
        {
          gint64 code = json_array_get_int_element (changes, k);

          states[code / 4] = (guint8) (code % 4);
        }

      gv_run_get_node_classes (run, r, 0, from_run);
      for (guint32 v = 0; v < p->n_nodes; v++)
        if (v1_state (p, classes, from_run[v]) != states[v])
          g_error ("%s, round %u, node %u: state %u in the file, %u in the replay", name, r, v,
                   states[v], v1_state (p, classes, from_run[v]));
    }
}

static void
test_file (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GvRun) run = load_regression (name);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  gboolean ok;

  g_assert_cmpuint (gv_run_get_format_version (run), ==, 1);
  g_assert_cmpstr (gv_run_get_engine_version (run), ==, "0.1.0");
  g_assert_cmpuint (gv_run_get_n_records (run), >, 1);

  assert_replay_matches_engine (run, TRUE);
  if (gv_run_has_detail (run))
    assert_replay_matches_file (run, name);

  ok = gv_run_verify_full (run, &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (note);
}

/* Saved again, a format-1 run is written in format 2; read back, it is the same run, and
 * it still verifies. */
static void
test_format_2 (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GvRun) run = load_regression (name);
  g_autoptr(GvRun) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gboolean ok;
  gsize length;

  text = gv_run_to_data (run, &length);
  g_assert_nonnull (strstr (text, "\"format_version\": 2,"));
  /* What format 1 did not record stays unrecorded, and the file says so. */
  g_assert_nonnull (strstr (text, "\"recorded_format\": 1,"));
  again = gv_test_load_text (text, length);
  g_assert_cmpuint (gv_run_get_format_version (again), ==, 2);
  g_assert_cmpstr (gv_run_get_engine_version (again), ==, "0.1.0");
  g_assert_true (gv_run_equal (run, again));

  /* And a second trip changes nothing more. */
  text_again = gv_run_to_data (again, NULL);
  g_assert_cmpstr (text, ==, text_again);

  ok = gv_run_verify_full (again, &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (note);
}

/* Files saved in format 2 by 0.2.0, the release that introduced it: they load, replay as the
 * engine plays them again, verify with no note, and save again byte for byte. */
static void
test_file_2 (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "regression", name, NULL);
  g_autoptr(GvRun) run = load_regression (name);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *file_text = NULL;
  g_autofree char *saved = NULL;
  gboolean ok;

  g_assert_cmpuint (gv_run_get_format_version (run), ==, 2);
  g_assert_cmpstr (gv_run_get_engine_version (run), ==, "0.1.0");
  g_assert_cmpuint (gv_run_get_n_records (run), >, 1);

  assert_replay_matches_engine (run, FALSE);

  ok = gv_run_verify_full (run, &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (note);

  file_text = gv_test_read_text (path, NULL);
  saved = gv_run_to_data (run, NULL);
  g_assert_cmpstr (saved, ==, file_text);
}

/* Charts */

static gboolean
member_is (JsonObject *round,
           const char *member,
           gint64      value)
{
  return json_object_get_int_member (round, member) == value;
}

/* Whether format 1 recorded metric @id in @round of a file: it did not split lost and
 * dead messages into data and requests, which the events tell within the detail cap and
 * which needs no telling when every message carried data or none was lost (or dead); it
 * had no per-item metrics; it had the protocol's only where format1_metrics names them. */
static gboolean
v1_recorded (const GvProtocol *protocol,
             JsonObject       *round,
             gboolean          detail,
             const char       *id)
{
  gboolean all_data = json_object_get_int_member (round, "sent") ==
                      json_object_get_int_member (round, "carrying");
  gboolean lost_known = detail || all_data || member_is (round, "lost", 0);
  gboolean dead_known = detail || all_data || member_is (round, "dead", 0);
  const GvMetricSpec *spec;

  /* Format 1 counted lost and dead messages, without saying which carried data. */
  if (g_str_equal (id, "lost_data") || g_str_equal (id, "lost_requests"))
    return lost_known;
  if (g_str_equal (id, "dead_data") || g_str_equal (id, "dead_requests"))
    return dead_known;
  if (g_str_equal (id, "useful") || g_str_equal (id, "requests"))
    return lost_known && dead_known;

  for (guint m = 0; m < GV_N_CORE_METRICS; m++)
    if (g_str_equal (gv_core_metrics (NULL)[m].id, id))
      return TRUE;

  spec = gv_protocol_find_metric (protocol, id, NULL);
  g_assert_nonnull (spec);
  if (spec->flags & GV_METRIC_FLAG_PER_ITEM)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (protocol->format1_metrics); i++)
    if (g_strcmp0 (protocol->format1_metrics[i], id) == 0)
      return TRUE;
  return FALSE;
}

static double
record_value (GvRoundRecord    *rec,
              const GvProtocol *protocol,
              const char       *id)
{
  const GvMetricSpec *spec = gv_protocol_find_metric (protocol, id, NULL);

  /* Its first item, as a chart of one item draws it, and the value besides. */
  if (spec != NULL && (spec->flags & GV_METRIC_FLAG_PER_ITEM) &&
      !isnan (gv_test_item (rec, protocol, id, 0)))
    return gv_test_item (rec, protocol, id, 0);
  return gv_test_value (rec, protocol, id);
}

/* The metrics every chart of @protocol draws: its own charts' (and their fallbacks),
 * the messages chart's stack and the alive chart's. */
static GPtrArray *
chart_metrics (const GvProtocol *protocol)
{
  static const char *const core_charts[] = {
    "useful", "redundant", "lost", "dead", "requests", "sent", "alive",
  };
  GPtrArray *ids = g_ptr_array_new ();

  for (guint c = 0; c < protocol->n_charts; c++)
    {
      for (guint k = 0; protocol->charts[c].metrics[k] != NULL; k++)
        g_ptr_array_add (ids, (gpointer) protocol->charts[c].metrics[k]);
      if (protocol->charts[c].fallback != NULL)
        g_ptr_array_add (ids, (gpointer) protocol->charts[c].fallback);
    }
  for (guint i = 0; i < G_N_ELEMENTS (core_charts); i++)
    g_ptr_array_add (ids, (gpointer) core_charts[i]);
  g_ptr_array_add (ids, (gpointer) protocol->primary);
  return ids;
}

static void
test_charts_nan (void)
{
  g_autoptr(GPtrArray) names = list_regression_files ("format-1");
  guint unknown = 0, known = 0;

  for (guint f = 0; f < names->len; f++)
    {
      const char *name = g_ptr_array_index (names, f);
      g_autoptr(GvRun) run = load_regression (name);
      g_autoptr(JsonNode) root = parse_regression (name);
      g_autoptr(GvRun) again = NULL;
      g_autofree char *text = NULL;
      const GvProtocol *protocol = gv_run_get_params (run)->protocol;
      JsonArray *rounds = json_object_get_array_member (json_node_get_object (root), "rounds");
      g_autoptr(GPtrArray) ids = chart_metrics (protocol);
      gsize length;

      /* Through format 2 too: null in the file is NaN again. */
      text = gv_run_to_data (run, &length);
      again = gv_test_load_text (text, length);

      for (guint r = 0; r < gv_run_get_n_records (run); r++)
        {
          JsonObject *round = json_array_get_object_element (rounds, r);

          for (guint i = 0; i < ids->len; i++)
            {
              const char *id = g_ptr_array_index (ids, i);
              gboolean recorded = v1_recorded (protocol, round, gv_run_has_detail (run), id);
              double v = record_value (gv_run_get_record (run, r), protocol, id);
              double w = record_value (gv_run_get_record (again, r), protocol, id);

              if (recorded == isnan (v))
                g_error ("%s, round %u: %s is %g, but format 1 %s it", name, r, id, v,
                         recorded ? "recorded" : "did not record");
              g_assert_cmpint (isnan (v), ==, isnan (w));
              if (!isnan (v))
                g_assert_cmpfloat (v, ==, w);
              unknown += !recorded;
              known += recorded;
            }
        }
    }

  /* Both kinds are there to check. */
  g_assert_cmpuint (unknown, >, 0);
  g_assert_cmpuint (known, >, unknown);
}

/* The values format 1 recorded are the file's, under their new names. */
static void
test_values (void)
{
  g_autoptr(GPtrArray) names = list_regression_files ("format-1");

  for (guint f = 0; f < names->len; f++)
    {
      const char *name = g_ptr_array_index (names, f);
      g_autoptr(GvRun) run = load_regression (name);
      g_autoptr(JsonNode) root = parse_regression (name);
      const GvProtocol *protocol = gv_run_get_params (run)->protocol;
      JsonArray *rounds = json_object_get_array_member (json_node_get_object (root), "rounds");
      static const char *const v1_names[3] = { "informed", "spreading", "newly_informed" };

      g_assert_cmpuint (json_array_get_length (rounds), ==, gv_run_get_n_records (run));
      for (guint r = 0; r < gv_run_get_n_records (run); r++)
        {
          JsonObject *round = json_array_get_object_element (rounds, r);
          GvRoundRecord *rec = gv_run_get_record (run, r);

#define SAME(metric, member) \
  g_assert_cmpfloat (gv_round_record_get (rec, (metric)), ==, \
                     (double) json_object_get_int_member (round, (member)))

          SAME (GV_METRIC_ALIVE, "alive");
          SAME (GV_METRIC_CRASHED, "crashed");
          SAME (GV_METRIC_RECOVERED, "recovered");
          SAME (GV_METRIC_SENT, "sent");
          SAME (GV_METRIC_SENT_DATA, "carrying");
          SAME (GV_METRIC_REDUNDANT, "redundant");
          SAME (GV_METRIC_LOST, "lost");
          SAME (GV_METRIC_DEAD, "dead");

#undef SAME

          for (guint i = 0; i < 3; i++)
            if (protocol->format1_metrics[i] != NULL)
              g_assert_cmpfloat (record_value (rec, protocol, protocol->format1_metrics[i]), ==,
                                 (double) json_object_get_int_member (round, v1_names[i]));

          /* Every message is one of these, where they are known. */
          if (!isnan (gv_round_record_get (rec, GV_METRIC_USEFUL)))
            g_assert_cmpfloat (gv_round_record_get (rec, GV_METRIC_SENT), ==,
                               gv_round_record_get (rec, GV_METRIC_USEFUL) +
                               gv_round_record_get (rec, GV_METRIC_REDUNDANT) +
                               gv_round_record_get (rec, GV_METRIC_LOST) +
                               gv_round_record_get (rec, GV_METRIC_DEAD) +
                               gv_round_record_get (rec, GV_METRIC_REQUESTS));
        }
    }
}

/* Engine versions */

/* interventions-6.json was made by an early 0.1.0 that divided the residue by the
 * scheduled rumours only; it says 0.1.0 all the same. */
static void
test_early_residue (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus",
                                                 "interventions-6.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  gsize length;

  text = gv_test_read_text (path, &length);
  run = gv_test_load_text (text, length);
  g_assert_cmpstr (gv_run_get_engine_version (run), ==, "0.1.0");

  ok = gv_run_verify_full (run, &note, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (note);
  if (g_test_verbose ())
    g_test_message ("%s", note);
  g_assert_nonnull (strstr (note, "residue"));
  g_assert_nonnull (strstr (note, "early build of engine 0.1.0"));
  g_assert_null (strstr (note, "reproduce"));

  /* gv_run_verify() takes it too, without the note. */
  g_assert_true (gv_run_verify (run, NULL, &error));
  g_assert_no_error (error);

  /* Saved again (in format 2), it is still that early build's run, with that note. */
  {
    g_autofree char *saved = gv_run_to_data (run, NULL);
    g_autoptr(GvRun) resaved = gv_test_load_text (saved, strlen (saved));
    g_autofree char *note2 = NULL;

    g_assert_nonnull (strstr (saved, "\"recorded_format\": 1,"));
    g_assert_cmpuint (gv_run_get_format_version (resaved), ==, 2);
    ok = gv_run_verify_full (resaved, &note2, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_cmpstr (note2, ==, note);
  }

  /* The rule applies to that figure only: anything else changed still fails. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *tampered = NULL;
    JsonObject *round;

    json_parser_load_from_data (parser, text, (gssize) length, &error);
    g_assert_no_error (error);
    round = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                    "rounds"), 3);
    json_object_set_int_member (round, "newly_informed",
                                json_object_get_int_member (round, "newly_informed") + 1);
    tampered = gv_json_to_string (json_parser_get_root (parser), TRUE);
    again = gv_test_load_text (tampered, strlen (tampered));

    g_clear_pointer (&note, g_free);
    g_assert_false (gv_run_verify_full (again, &note, NULL, &error));
    g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
    g_assert_null (note);
    g_assert_true (g_str_has_prefix (error->message, "round 3: newly_informed is "));
  }
}

/* A file from an engine this one does not know, which does not reproduce, says which
 * engine saved it and which this is. */
static void
test_unknown_engine (void)
{
  g_autoptr(JsonNode) root = parse_regression ("format-1/rumor-three.grapevine");
  JsonObject *obj = json_node_get_object (root);
  JsonObject *summary = json_object_get_object_member (obj, "summary");
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_assert_false (gv_engine_version_known ("0.0.9"));
  json_object_set_string_member (obj, "engine_version", "0.0.9");
  json_object_set_double_member (summary, "residue", 0.25);
  text = gv_json_to_string (root, TRUE);
  run = gv_test_load_text (text, strlen (text));
  g_assert_cmpstr (gv_run_get_engine_version (run), ==, "0.0.9");

  g_assert_false (gv_run_verify_full (run, &note, NULL, &error));
  g_assert_null (note);
  g_assert_error (error, GV_ERROR, GV_ERROR_ENGINE_VERSION);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  expected = g_strdup_printf ("saved by engine 0.0.9, which this Grapevine (engine %s) does "
                              "not know (summary: residue is 0.25 in the run but 0 when "
                              "re-simulated)", GV_ENGINE_VERSION);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (strchr (error->message, '\n'));
}

/* A run of an engine this one does not know that reproduces all the same verifies,
 * with a note that names both versions. */
static void
test_unknown_engine_reproduces (void)
{
  g_autoptr(JsonNode) root = parse_regression ("format-2/rumor-events.grapevine");
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  json_object_set_string_member (json_node_get_object (root), "engine_version", "0.9.1");
  text = gv_json_to_string (root, TRUE);
  run = gv_test_load_text (text, strlen (text));

  g_assert_true (gv_run_verify_full (run, &note, NULL, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("saved by engine 0.9.1, which this Grapevine (engine %s) does "
                              "not know; it reproduces all the same", GV_ENGINE_VERSION);
  g_assert_cmpstr (note, ==, expected);
}

/* The same edit with this engine's own version is a plain mismatch. */
static void
test_same_engine_mismatch (void)
{
  g_autoptr(JsonNode) root = parse_regression ("format-1/rumor-three.grapevine");
  JsonObject *summary = json_object_get_object_member (json_node_get_object (root), "summary");
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_object_set_double_member (summary, "residue", 0.25);
  text = gv_json_to_string (root, TRUE);
  run = gv_test_load_text (text, strlen (text));

  g_assert_false (gv_run_verify (run, NULL, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_MISMATCH);
  g_assert_cmpstr (error->message, ==,
                   "summary: residue is 0.25 in the run but 0 when re-simulated");
}

/* The history the messages come from is well formed: it begins at 0.1.0 with no change,
 * ends at this engine's version, and every later version says what it changed. */
static void
test_history (void)
{
  guint n;
  const GvEngineChange *history = gv_engine_version_history (&n);

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpstr (history[0].version, ==, "0.1.0");
  g_assert_null (history[0].change);
  g_assert_cmpstr (history[n - 1].version, ==, GV_ENGINE_VERSION);
  for (guint i = 1; i < n; i++)
    g_assert_nonnull (history[i].change);
  g_assert_true (gv_engine_version_known ("0.1.0"));
  g_assert_null (gv_engine_version_changes (GV_ENGINE_VERSION));
  g_assert_null (gv_engine_version_changes ("0.0.9"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) names_2 = NULL;

  g_test_init (&argc, &argv, NULL);

  names = list_regression_files ("format-1");
  g_assert_cmpuint (names->len, >=, MIN_REGRESSION_FILES);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".grapevine"));
      g_autofree char *path = g_strdup_printf ("/regression/%s", stem);
      g_autofree char *path2 = g_strdup_printf ("/regression/%s/as-format-2", stem);

      g_test_add_data_func (path, name, test_file);
      g_test_add_data_func (path2, name, test_format_2);
    }

  names_2 = list_regression_files ("format-2");
  g_assert_cmpuint (names_2->len, >=, MIN_REGRESSION_FILES_2);
  for (guint i = 0; i < names_2->len; i++)
    {
      const char *name = g_ptr_array_index (names_2, i);
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".grapevine"));
      g_autofree char *path = g_strdup_printf ("/regression/%s", stem);

      g_test_add_data_func (path, name, test_file_2);
    }
  g_test_add_func ("/regression/charts-nan", test_charts_nan);
  g_test_add_func ("/regression/values", test_values);
  g_test_add_func ("/regression/engine-version/early-residue", test_early_residue);
  g_test_add_func ("/regression/engine-version/unknown", test_unknown_engine);
  g_test_add_func ("/regression/engine-version/unknown-reproduces",
                   test_unknown_engine_reproduces);
  g_test_add_func ("/regression/engine-version/same", test_same_engine_mismatch);
  g_test_add_func ("/regression/engine-version/history", test_history);

  return g_test_run ();
}
