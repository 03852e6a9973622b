/* gv-run-loader.c: run files, read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading checks the whole file before it makes anything, so a bad file gives one
 * error that names the place, and never a half-made run.  Both formats are read:
 * format 2 keeps the protocol's parameters and metrics by the ids it declares; format 1
 * (0.1.0) had rumour-shaped rounds, which are mapped onto the protocol's declarations
 * (GvProtocol.format1_*).  What format 1 did not record (how lost messages split into
 * data and requests, beyond the detail cap, and coverage by rumour) is NaN.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "gv-error.h"
#include "gv-run-loader.h"

static gboolean
load_header (GvRunLoader  *L,
             JsonObject   *root,
             GError      **error)
{
  const GvRunWhere format_w = GV_RUN_WHERE ("format", -1, NULL);
  const GvRunWhere version_w = GV_RUN_WHERE ("format_version", -1, NULL);
  JsonNode *node;
  gint64 version;

  node = json_object_get_member (root, "format");
  if (node == NULL)
    {
      gv_json_fail (error, _("format: missing; this is not a Grapevine run file"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), GV_RUN_FORMAT))
    {
      gv_json_fail_at (error, &format_w, _("should be “%s”; this is not a Grapevine run file"),
               GV_RUN_FORMAT);
      return FALSE;
    }

  node = json_object_get_member (root, "format_version");
  if (node == NULL)
    {
      gv_json_fail_at (error, &version_w, _("missing"));
      return FALSE;
    }
  if (!gv_json_node_is_int (node))
    {
      gv_json_fail_at (error, &version_w, _("should be a whole number, not %s"),
               gv_json_describe_node_type (node));
      return FALSE;
    }

  version = json_node_get_int (node);
  if (version > GV_RUN_FORMAT_VERSION)
    {
      gv_json_fail_at (error, &version_w,
               _("%" PRId64 " is newer than this Grapevine (%s) reads; it reads "
               "version %d"), version, PACKAGE_VERSION, GV_RUN_FORMAT_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      gv_json_fail_at (error, &version_w, _("%" PRId64 " is not a version; they start at 1"),
               version);
      return FALSE;
    }

  L->format = (guint) version;
  L->recorded = L->format;

  /* A run first read from an older format keeps that format's records when it is saved
   * again, and says so. */
  node = json_object_get_member (root, "recorded_format");
  if (node != NULL && L->format >= 2)
    {
      const GvRunWhere recorded_w = GV_RUN_WHERE ("recorded_format", -1, NULL);
      gint64 recorded;

      if (!gv_json_node_is_int (node))
        {
          gv_json_fail_at (error, &recorded_w, _("should be a whole number, not %s"),
                   gv_json_describe_node_type (node));
          return FALSE;
        }
      recorded = json_node_get_int (node);
      if (recorded < 1 || recorded >= L->format)
        {
          gv_json_fail_at (error, &recorded_w,
                           _("%" PRId64 " is not a format older than the file's "
                   "(%u)"), recorded, L->format);
          return FALSE;
        }
      L->recorded = (guint) recorded;
    }

  return TRUE;
}

static gboolean
load_params (GvRunLoader  *L,
             JsonObject   *root,
             GError      **error)
{
  const GvRunWhere w = GV_RUN_WHERE (NULL, -1, "params");
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  node = gv_json_get_member (root, &w, error);
  if (node == NULL)
    return FALSE;

  L->params = L->format == 1 ? gv_params_from_json_v1 (node, &local_error)
                             : gv_params_from_json (node, &local_error);
  if (L->params == NULL)
    {
      /* Its messages about the file's structure (GV_ERROR_PARSE) already start "params: ". */
      if (g_error_matches (local_error, GV_ERROR, GV_ERROR_PARSE))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code, "params: %s",
                     local_error->message);
      return FALSE;
    }

  L->n_nodes = L->params->n_nodes;
  L->nodes_what = g_strdup_printf (_("the run's %u nodes"), L->n_nodes);
  L->protocol = L->params->protocol;

  /* Format 1's records are read, replayed and verified through what the protocol says
   * of format 1; one that format 1 did not know has no such records. */
  if (L->recorded == 1 &&
      (L->protocol->format1_classes == NULL || L->protocol->format1_state == NULL))
    {
      if (L->format == 1)
        gv_json_fail (error, _("params: format 1 did not know the protocol %s"),
                          L->protocol->id);
      else
        gv_json_fail (error, _("recorded_format: 1, but format 1 did not know the "
                                   "protocol %s"), L->protocol->id);
      return FALSE;
    }

  gv_class_table_init (&L->classes, L->params);
  for (guint m = 0; m < L->protocol->n_metrics; m++)
    L->n_per_item += (L->protocol->metrics[m].flags & GV_METRIC_FLAG_PER_ITEM) != 0;

  if (L->format == 1)
    {
      for (guint i = 0; i < 3; i++)
        {
          guint index = G_MAXUINT;

          if (L->protocol->format1_metrics[i] != NULL &&
              gv_protocol_find_metric (L->protocol, L->protocol->format1_metrics[i], &index))
            index += GV_N_CORE_METRICS;
          else
            index = G_MAXUINT;
          L->v1_values[i] = index;
        }
      L->protocol->format1_classes (L->params, L->v1_classes);
      L->v1_totals = g_array_new (FALSE, TRUE, sizeof (V1Totals));
    }

  return TRUE;
}

static gboolean
load_interventions (GvRunLoader  *L,
                    JsonObject   *root,
                    GError      **error)
{
  const GvRunWhere w = GV_RUN_WHERE (NULL, -1, "interventions");
  const GvInjectionSpec *inj = L->protocol->injection;
  const char *arg_name = L->format == 1 ? "key" : inj->arg_name;
  guint32 arg_limit = gv_params_injection_arg_limit (L->params);
  guint64 arg_max;
  g_autofree char *arg_what = NULL;
  g_autofree char *last = NULL;
  JsonArray *array;
  guint n;

  if (!gv_json_get_array_member (root, &w, &array, error))
    return FALSE;

  /* Format 1 named a key for every injection, 0 for rumours. */
  arg_max = arg_limit > 0 ? (guint64) arg_limit - 1 : 0;
  arg_what = g_strdup_printf (_("the last %s (%" PRIu64 ")"), arg_name != NULL ? arg_name : "key",
                              arg_max);

  n = json_array_get_length (array);
  L->interventions = g_array_sized_new (FALSE, TRUE, sizeof (GvIntervention), n);
  last = g_strdup_printf (_("the last round (%u)"), L->last_round);
  L->alive_changed = g_new0 (guint8, (gsize) L->last_round + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *obj;
      GvIntervention iv = { 0 };
      const char *kind;
      guint64 value;
      GvRunWhere at = GV_RUN_WHERE ("interventions", i, NULL);

      if (!gv_json_get_object (json_array_get_element (array, i), &at, &obj, error))
        return FALSE;

      at.member = "round";
      if (!gv_json_get_count (obj, &at, L->last_round, last, &value, error))
        return FALSE;
      iv.round = (guint32) value;
      if (i > 0 && iv.round < g_array_index (L->interventions, GvIntervention, i - 1).round)
        {
          gv_json_fail_at (error, &at,
                           _("%u comes after round %u; interventions are listed in order"),
                   iv.round, g_array_index (L->interventions, GvIntervention, i - 1).round);
          return FALSE;
        }

      at.member = "kind";
      kind = gv_json_get_string (obj, &at, error);
      if (kind == NULL)
        return FALSE;
      if (!gv_intervention_kind_from_string (kind, &iv.kind))
        {
          gv_json_fail_at (error, &at, _("“%s” is not faults, crash, revive or inject"), kind);
          return FALSE;
        }

      if (iv.kind == GV_INTERVENTION_FAULTS)
        {
          at.member = "loss";
          if (!gv_json_get_number (obj, &at, 0.0, 1.0, &iv.loss, error))
            return FALSE;
          at.member = "crash";
          if (!gv_json_get_number (obj, &at, 0.0, 1.0, &iv.crash, error))
            return FALSE;
          at.member = "recover";
          if (!gv_json_get_number (obj, &at, 0.0, 1.0, &iv.recover, error))
            return FALSE;
        }
      else
        {
          g_autofree char *nodes = g_strdup_printf (_("the last node (%u)"), L->n_nodes - 1);

          at.member = "node";
          if (!gv_json_get_count (obj, &at, L->n_nodes - 1, nodes, &value, error))
            return FALSE;
          iv.node = (guint32) value;

          if (iv.kind == GV_INTERVENTION_INJECT && arg_name != NULL)
            {
              at.member = arg_name;
              if (!gv_json_get_count (obj, &at, arg_max, arg_what, &value, error))
                return FALSE;
              iv.arg = inj->arg_name != NULL ? (guint32) value : 0;
            }
        }

      g_array_append_val (L->interventions, iv);
      if (iv.kind == GV_INTERVENTION_CRASH || iv.kind == GV_INTERVENTION_REVIVE)
        L->alive_changed[iv.round] = TRUE;
    }

  return TRUE;
}

static gboolean
load_first_informed (GvRunLoader  *L,
                     JsonObject   *root,
                     gint32      **out,
                     GError      **error)
{
  GvRunWhere at = GV_RUN_WHERE (NULL, -1, "first_informed");
  g_autofree gint32 *first = NULL;
  JsonArray *array;
  guint n;

  if (!gv_json_get_array_member (root, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != L->n_nodes)
    {
      gv_json_fail (error, _("first_informed: %u entries, but the run has %u nodes"), n,
                    L->n_nodes);
      return FALSE;
    }

  first = g_new (gint32, n);
  at = GV_RUN_WHERE ("first_informed", -1, NULL);
  for (guint v = 0; v < n; v++)
    {
      JsonNode *item = json_array_get_element (array, v);
      gint64 r;

      at.index = v;
      if G_UNLIKELY (!gv_json_node_is_int (item))
        {
          gv_json_fail_at (error, &at, _("should be a round, or -1, not %s"),
                           gv_json_describe_node_type (item));
          return FALSE;
        }
      r = json_node_get_int (item);
      if G_UNLIKELY (r < -1 || r > L->last_round)
        {
          if (r < -1)
            gv_json_fail_at (error, &at, _("%" PRId64 " is not a round, nor -1 for never"), r);
          else
            gv_json_fail_at (error, &at, _("%" PRId64 " is after the last round (%u)"), r,
                     L->last_round);
          return FALSE;
        }
      first[v] = (gint32) r;
    }

  *out = g_steal_pointer (&first);
  return TRUE;
}

static gboolean
load_summary (GvRunLoader  *L,
              JsonObject   *root,
              GvSummary    *summary,
              GError      **error)
{
  GvRunWhere at = GV_RUN_WHERE (NULL, -1, "summary");
  const GvProtocol *protocol = L->protocol;
  guint64 rounds, messages;
  double total = 0;
  JsonObject *obj;
  JsonNode *node;

  node = gv_json_get_member (root, &at, error);
  if (node == NULL || !gv_json_get_object (node, &at, &obj, error))
    return FALSE;

  at = GV_RUN_WHERE ("summary", -1, NULL);

  at.member = "rounds";
  if (!gv_json_get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &rounds, error))
    return FALSE;
  if (rounds != L->last_round)
    {
      gv_json_fail_at (error, &at, _("%" PRIu64 ", but the last round recorded is %u"), rounds,
               L->last_round);
      return FALSE;
    }
  summary->rounds = (guint32) rounds;

  at.member = "converged";
  if (!gv_json_get_boolean (obj, &at, &summary->converged, error))
    return FALSE;
  at.member = "finished";
  if (!gv_json_get_boolean (obj, &at, &summary->finished, error))
    return FALSE;

  summary->n_figures = protocol->n_figures;
  for (guint i = 0; i < protocol->n_figures; i++)
    {
      const GvFigureSpec *spec = &protocol->figures[i];

      at.member = spec->id;
      if (spec->kind == GV_FIGURE_COUNT)
        {
          guint64 v;

          if (!gv_json_get_count (obj, &at, MAX_SAFE_INTEGER, "2^53", &v, error))
            return FALSE;
          summary->figures[i] = (double) v;
        }
      /* A residue is not at most 1: an early 0.1.0 divided by the scheduled rumours
       * only, so a rumour injected by hand could take it past 1. */
      else if (!gv_json_get_number (obj, &at, 0.0,
                            spec->kind == GV_FIGURE_ROUNDS ? (double) L->last_round : G_MAXDOUBLE,
                            &summary->figures[i], error))
        return FALSE;
    }

  at.member = "messages";
  if (!gv_json_get_count (obj, &at, MAX_SAFE_INTEGER, "2^53", &messages, error))
    return FALSE;
  for (guint i = 0; i < L->records->len; i++)
    total += ((const GvRoundRecord *) g_ptr_array_index (L->records, i))->values[GV_METRIC_SENT];
  if ((double) messages != total)
    {
      gv_json_fail_at (error, &at, _("%" PRIu64 ", but the rounds sent %.0f in all"), messages,
                       total);
      return FALSE;
    }
  summary->messages = messages;

  return TRUE;
}

/* The one string a run keeps as it is.  json-glib 1.6 turns an escaped lone surrogate
 * ("\ud800") into bytes that are not UTF-8, which no reader takes back (found by
 * fuzzing); a version needs none of that. */
static gboolean
is_version (const char *text)
{
  gsize n = strlen (text);

  if (n == 0 || n > 64 || !g_utf8_validate (text, n, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  return TRUE;
}

static void
loader_clear (GvRunLoader *L)
{
  g_clear_pointer (&L->params, gv_params_unref);
  g_clear_pointer (&L->nodes_what, g_free);
  g_clear_pointer (&L->records, g_ptr_array_unref);
  g_clear_pointer (&L->interventions, g_array_unref);
  g_clear_pointer (&L->alive_changed, g_free);
  g_clear_pointer (&L->v1_totals, g_array_unref);
}

static GvRun *
load_from_data (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree gint32 *first = NULL;
  const char *version;
  GvRunLoader L = { 0 };
  GvSummary summary = { 0 };
  JsonObject *root;
  JsonNode *node;
  GvRun *run = NULL;
  GvRunWhere at;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      gv_json_fail (error, _("the file is empty"));
      return NULL;
    }

  if ((guint64) length > (guint64) GV_RUN_MAX_FILE_SIZE)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("the file holds %zu bytes; a run file may hold at most %"
                   PRId64 " (1 GiB)"), length, GV_RUN_MAX_FILE_SIZE);
      return NULL;
    }

  if (!gv_run_prescan (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      gv_json_fail_json (error, local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      gv_json_fail (error, _("the file holds no JSON value"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      gv_json_fail (error, _("not a Grapevine run file: it holds %s, not an object"),
            gv_json_describe_node_type (node));
      return NULL;
    }
  root = json_node_get_object (node);

  if (!load_header (&L, root, error))
    return NULL;

  at = GV_RUN_WHERE (NULL, -1, "engine_version");
  version = gv_json_get_string (root, &at, error);
  if (version == NULL)
    return NULL;
  if (!is_version (version))
    {
      gv_json_fail_at (error, &at, _("should be a version such as “%s”"), GV_ENGINE_VERSION);
      return NULL;
    }

  if (!load_params (&L, root, error))
    goto out;

  {
    gboolean detail;

    at = GV_RUN_WHERE (NULL, -1, "detail");
    if (!gv_json_get_boolean (root, &at, &detail, error))
      goto out;
    L.detail = gv_params_has_detail (L.params);
    if (detail != L.detail)
      {
        if (detail)
          gv_json_fail (error,
                        _("detail: true, but the run's %u nodes are more than its detail cap (%u)"),
                L.n_nodes, L.params->detail_cap);
        else
          gv_json_fail (error,
                        _("detail: false, but the run's %u nodes are within its detail cap (%u)"),
                L.n_nodes, L.params->detail_cap);
        goto out;
      }
  }

  /* The number of rounds bounds what the other sections may name. */
  if (!gv_run_load_rounds (&L, root, error) ||
      !load_interventions (&L, root, error) ||
      !gv_run_load_round_records (&L, root, error) ||
      !gv_run_load_events (&L, root, error) ||
      !load_first_informed (&L, root, &first, error) ||
      !load_summary (&L, root, &summary, error))
    goto out;

  run = gv_run_new_take (g_steal_pointer (&L.params), version, L.format,
                         g_steal_pointer (&L.records), &summary, g_steal_pointer (&first),
                         g_steal_pointer (&L.interventions), L.n_views);
  run->recorded_format = L.recorded;

out:
  loader_clear (&L);
  return run;
}

GvRun *
gv_run_load_from_data (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GvRun *run;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  run = load_from_data (data, length, &local_error);
  if (run == NULL)
    {
      /* Messages quote the file, and json-glib's quote its bytes as they are: keep them
       * one line of UTF-8, whatever the file holds, for the command line and for the
       * window's dialogs. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      g_strdelimit (message, "\r\n", ' ');
      g_set_error_literal (error, local_error->domain, local_error->code, message);
    }

  return run;
}
