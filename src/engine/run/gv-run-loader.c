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
#include "gv-run-private.h"

#define MAX_SAFE_INTEGER (G_GUINT64_CONSTANT (1) << 53)

/* The members of a format-1 round, in that format's order. */
typedef enum
{
  V1_ROUND,
  V1_ALIVE,
  V1_INFORMED,
  V1_SPREADING,
  V1_NEWLY_INFORMED,
  V1_CRASHED,
  V1_RECOVERED,
  V1_SENT,
  V1_CARRYING,
  V1_LOST,
  V1_DEAD,
  V1_REDUNDANT,
  V1_N_METRICS
} V1Metric;

static const char *v1_metric_names[V1_N_METRICS] = {
  "round", "alive", "informed", "spreading", "newly_informed", "crashed", "recovered",
  "sent", "carrying", "lost", "dead", "redundant",
};

typedef struct
{
  guint             format;
  GvParams         *params;
  const GvProtocol *protocol;
  GvClassTable      classes;
  guint32           n_nodes;
  guint32           last_round;
  gboolean          detail;
  GPtrArray        *records;
  GArray           *interventions;
  guint8           *alive_changed;   /* per round: a crash or revival was made after it */
  guint             n_per_item;      /* the protocol's per-item metrics */
  guint             n_views;
  /* format 1 */
  guint             v1_values[3];    /* where informed, spreading, newly_informed go */
  guint8            v1_classes[3];
  GArray           *v1_totals;       /* per round: sent, carrying, lost, dead, redundant */
} Loader;

typedef struct
{
  guint64 sent, carrying, lost, dead, redundant;
} V1Totals;

static void G_GNUC_PRINTF (2, 3)
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, GV_ERROR, GV_ERROR_PARSE, message);
}

/* What a JSON value is, for "should be X, not <this>".  TRANSLATORS can read the messages
 * that use it as "X is needed; here there is <this>" so that it stays in the nominative. */
static const char *
describe_node_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      /* TRANSLATORS: the JSON value null, named in "should be a number, not null" */
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return _("a whole number");
        case G_TYPE_DOUBLE:
          return _("a number with a fraction");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        case G_TYPE_STRING:
          return _("a string");
        default:
          return _("a value of an unknown type");
        }
    }
}

/* Where a value sits, for messages: "rounds[17].informed", built only on error. */
typedef struct
{
  const char *section;   /* "rounds" */
  gint64      index;     /* 17, or -1 */
  const char *member;    /* "informed", or NULL */
  gint64      sub;       /* an index into member, or -1 */
} Where;

static char *
where_to_string (const Where *w)
{
  GString *s = g_string_new (w->section);

  if (w->index >= 0)
    g_string_append_printf (s, "[%" PRId64 "]", w->index);
  if (w->member != NULL)
    {
      if (w->section != NULL)
        g_string_append_c (s, '.');
      g_string_append (s, w->member);
    }

  if (w->sub >= 0)
    g_string_append_printf (s, "[%" PRId64 "]", w->sub);

  return g_string_free (s, FALSE);
}

#define WHERE(section, index, member) ((Where) { (section), (index), (member), -1 })

static void G_GNUC_PRINTF (3, 4)
fail_at (GError      **error,
         const Where  *w,
         const char   *format,
         ...)
{
  g_autofree char *place = where_to_string (w);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: %s"), place, message);
}

static JsonNode *
get_member (JsonObject   *obj,
            const Where  *w,
            GError      **error)
{
  JsonNode *node = json_object_get_member (obj, w->member);

  if (node == NULL)
    fail_at (error, w, _("missing"));

  return node;
}

static gboolean
get_object (JsonNode     *node,
            const Where  *w,
            JsonObject  **out,
            GError      **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (error, w, _("should be an object, not %s"), describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (JsonNode     *node,
           const Where  *w,
           JsonArray   **out,
           GError      **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_at (error, w, _("should be an array, not %s"), describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

/* The member @w names, which must be an array. */
static gboolean
get_array_member (JsonObject   *obj,
                  const Where  *w,
                  JsonArray   **out,
                  GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  return node != NULL && get_array (node, w, out, error);
}

static inline gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* A whole number from 0 to @max, where @what says what @max is (for the message). */
static gboolean
get_count_node (JsonNode     *node,
                const Where  *w,
                guint64       max,
                const char   *what,
                guint64      *out,
                GError      **error)
{
  gint64 v;

  if (!node_is_int (node))
    {
      fail_at (error, w, _("should be a whole number, not %s"), describe_node_type (node));
      return FALSE;
    }

  v = json_node_get_int (node);
  if (v < 0)
    {
      fail_at (error, w, _("%" PRId64 " is negative"), v);
      return FALSE;
    }
  if ((guint64) v > max)
    {
      fail_at (error, w, _("%" PRId64 " is more than %s"), v, what);
      return FALSE;
    }

  *out = (guint64) v;
  return TRUE;
}

static gboolean
get_count (JsonObject   *obj,
           const Where  *w,
           guint64       max,
           const char   *what,
           guint64      *out,
           GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  return node != NULL && get_count_node (node, w, max, what, out, error);
}

static gboolean
get_number (JsonObject   *obj,
            const Where  *w,
            double        min,
            double        max,
            double       *out,
            GError      **error)
{
  JsonNode *node = get_member (obj, w, error);
  double v;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    {
      fail_at (error, w, _("should be a number, not %s"), describe_node_type (node));
      return FALSE;
    }

  v = json_node_get_double (node);
  if (!isfinite (v))
    {
      fail_at (error, w, _("should be a finite number"));
      return FALSE;
    }
  if (v < min || v > max)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (a, sizeof a, v);
      if (min == 0.0 && max == G_MAXDOUBLE)
        fail_at (error, w, _("%s is negative"), a);
      else
        fail_at (error, w, _("%s is out of range; it should be from %s to %s"), a,
                 g_ascii_dtostr (b, sizeof b, min), g_ascii_dtostr (c, sizeof c, max));
      return FALSE;
    }

  *out = v;
  return TRUE;
}

static gboolean
get_boolean (JsonObject   *obj,
             const Where  *w,
             gboolean     *out,
             GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      fail_at (error, w, _("should be true or false, not %s"), describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

static const char *
get_string (JsonObject   *obj,
            const Where  *w,
            GError      **error)
{
  JsonNode *node = get_member (obj, w, error);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fail_at (error, w, _("should be a string, not %s"), describe_node_type (node));
      return NULL;
    }

  return json_node_get_string (node);
}

/* json-glib says "<data>:3:14: Parse error: unexpected character"; a person reads
 * "line 3, column 14". */
static void
fail_json (GError     **error,
           const char  *message)
{
  guint line, column;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      const char *rest = message + consumed;

      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      fail (error, _("not valid JSON at line %u, column %u: %s"), line, column, rest);
    }
  else
    fail (error, _("not valid JSON: %s"), message);
}

static gboolean
load_header (Loader      *L,
             JsonObject  *root,
             GError     **error)
{
  const Where format_w = WHERE ("format", -1, NULL);
  const Where version_w = WHERE ("format_version", -1, NULL);
  JsonNode *node;
  gint64 version;

  node = json_object_get_member (root, "format");
  if (node == NULL)
    {
      fail (error, _("format: missing; this is not a Grapevine run file"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), GV_RUN_FORMAT))
    {
      fail_at (error, &format_w, _("should be “%s”; this is not a Grapevine run file"),
               GV_RUN_FORMAT);
      return FALSE;
    }

  node = json_object_get_member (root, "format_version");
  if (node == NULL)
    {
      fail_at (error, &version_w, _("missing"));
      return FALSE;
    }
  if (!node_is_int (node))
    {
      fail_at (error, &version_w, _("should be a whole number, not %s"),
               describe_node_type (node));
      return FALSE;
    }

  version = json_node_get_int (node);
  if (version > GV_RUN_FORMAT_VERSION)
    {
      fail_at (error, &version_w,
               _("%" PRId64 " is newer than this Grapevine (%s) reads; it reads "
               "version %d"), version, PACKAGE_VERSION, GV_RUN_FORMAT_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      fail_at (error, &version_w, _("%" PRId64 " is not a version; they start at 1"),
               version);
      return FALSE;
    }

  L->format = (guint) version;
  return TRUE;
}

static gboolean
load_params (Loader      *L,
             JsonObject  *root,
             GError     **error)
{
  const Where w = WHERE (NULL, -1, "params");
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  node = get_member (root, &w, error);
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
  L->protocol = L->params->protocol;
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
load_interventions (Loader      *L,
                    JsonObject  *root,
                    GError     **error)
{
  const Where w = WHERE (NULL, -1, "interventions");
  const GvInjectionSpec *inj = L->protocol->injection;
  const char *arg_name = L->format == 1 ? "key" : inj->arg_name;
  guint64 arg_max = 0;
  g_autofree char *arg_what = NULL;
  g_autofree char *last = NULL;
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &w, &array, error))
    return FALSE;

  /* Format 1 named a key for every injection, 0 for rumours. */
  if (inj->arg_bound != NULL)
    {
      guint index;

      gv_protocol_find_param (L->protocol, inj->arg_bound, &index);
      arg_max = (guint64) gv_params_int (L->params, index) - 1;
    }
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
      Where at = WHERE ("interventions", i, NULL);
      gboolean known = FALSE;

      if (!get_object (json_array_get_element (array, i), &at, &obj, error))
        return FALSE;

      at.member = "round";
      if (!get_count (obj, &at, L->last_round, last, &value, error))
        return FALSE;
      iv.round = (guint32) value;
      if (i > 0 && iv.round < g_array_index (L->interventions, GvIntervention, i - 1).round)
        {
          fail_at (error, &at, _("%u comes after round %u; interventions are listed in order"),
                   iv.round, g_array_index (L->interventions, GvIntervention, i - 1).round);
          return FALSE;
        }

      at.member = "kind";
      kind = get_string (obj, &at, error);
      if (kind == NULL)
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (gv_run_intervention_names); k++)
        if (g_str_equal (kind, gv_run_intervention_names[k]))
          {
            iv.kind = (GvInterventionKind) k;
            known = TRUE;
          }
      if (!known)
        {
          fail_at (error, &at, _("“%s” is not faults, crash, revive or inject"), kind);
          return FALSE;
        }

      if (iv.kind == GV_INTERVENTION_FAULTS)
        {
          at.member = "loss";
          if (!get_number (obj, &at, 0.0, 1.0, &iv.loss, error))
            return FALSE;
          at.member = "crash";
          if (!get_number (obj, &at, 0.0, 1.0, &iv.crash, error))
            return FALSE;
          at.member = "recover";
          if (!get_number (obj, &at, 0.0, 1.0, &iv.recover, error))
            return FALSE;
        }
      else
        {
          g_autofree char *nodes = g_strdup_printf (_("the last node (%u)"), L->n_nodes - 1);

          at.member = "node";
          if (!get_count (obj, &at, L->n_nodes - 1, nodes, &value, error))
            return FALSE;
          iv.node = (guint32) value;

          if (iv.kind == GV_INTERVENTION_INJECT && arg_name != NULL)
            {
              at.member = arg_name;
              if (!get_count (obj, &at, arg_max, arg_what, &value, error))
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

/* A metric's value: a count, a fraction or rounds; null where it was not recorded. */
static gboolean
get_metric_node (JsonNode            *node,
                 const Where         *w,
                 const GvMetricSpec  *spec,
                 guint32              n_nodes,
                 double              *out,
                 GError             **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }

  if (spec->kind == GV_METRIC_COUNT)
    {
      g_autofree char *nodes = g_strdup_printf (_("the run's %u nodes"), n_nodes);
      guint64 v;
      gboolean of_nodes = (spec->flags & GV_METRIC_FLAG_NODES) != 0;

      if (!get_count_node (node, w, of_nodes ? n_nodes : MAX_SAFE_INTEGER,
                           of_nodes ? nodes : "2^53", &v, error))
        return FALSE;
      *out = (double) v;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    {
      fail_at (error, w, _("should be a number, not %s"), describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < 0.0 || (spec->kind == GV_METRIC_FRACTION && *out > 1.0))
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE];

      fail_at (error, w, spec->kind == GV_METRIC_FRACTION
                         ? _("%s is not a fraction from 0 to 1") : _("%s is negative"),
               g_ascii_dtostr (a, sizeof a, *out));
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_round_v2 (Loader         *L,
               JsonObject     *obj,
               Where           at,
               GvRoundRecord  *rec,
               GError        **error)
{
  const GvProtocol *protocol = L->protocol;
  const GvMetricSpec *core = gv_core_metrics (NULL);
  g_autofree double *items = NULL;
  guint k = 0;

  for (guint m = 0; m < GV_N_STORED_CORE_METRICS; m++)
    {
      JsonNode *node;

      at.member = core[m].id;
      node = get_member (obj, &at, error);
      if (node == NULL)
        return FALSE;
      /* Who is up is always known. */
      if ((m == GV_METRIC_ALIVE || m == GV_METRIC_CRASHED || m == GV_METRIC_RECOVERED) &&
          JSON_NODE_HOLDS_NULL (node))
        {
          fail_at (error, &at, _("should be a whole number, not %s"), describe_node_type (node));
          return FALSE;
        }
      if (m == GV_METRIC_ALIVE || m == GV_METRIC_CRASHED || m == GV_METRIC_RECOVERED)
        {
          GvMetricSpec nodes = core[m];

          nodes.flags |= GV_METRIC_FLAG_NODES;
          if (!get_metric_node (node, &at, &nodes, L->n_nodes, &rec->values[m], error))
            return FALSE;
        }
      else if (!get_metric_node (node, &at, &core[m], L->n_nodes, &rec->values[m], error))
        return FALSE;
    }

  for (guint m = 0; m < protocol->n_metrics; m++)
    {
      const GvMetricSpec *spec = &protocol->metrics[m];
      JsonNode *node;

      if (spec->flags & GV_METRIC_FLAG_DERIVED)
        continue;

      at.member = spec->id;
      node = get_member (obj, &at, error);
      if (node == NULL)
        return FALSE;

      if (spec->flags & GV_METRIC_FLAG_PER_ITEM)
        {
          JsonArray *array;
          guint n;

          if (JSON_NODE_HOLDS_NULL (node))
            {
              rec->values[GV_N_CORE_METRICS + m] = NAN;
              k++;
              continue;
            }
          if (!get_array (node, &at, &array, error))
            return FALSE;
          n = json_array_get_length (array);
          if (n > GV_MAX_ITEMS)
            {
              fail_at (error, &at, _("lists %u items; a run has at most %d"), n, GV_MAX_ITEMS);
              return FALSE;
            }
          if (items == NULL)
            {
              rec->n_items = n;
              items = g_new0 (double, (gsize) MAX (n, 1) * L->n_per_item);
            }
          else if (n != rec->n_items)
            {
              fail_at (error, &at, _("lists %u items, but the round's other lists have %u"),
                       n, rec->n_items);
              return FALSE;
            }
          for (guint i = 0; i < n; i++)
            {
              at.sub = i;
              if (!get_metric_node (json_array_get_element (array, i), &at, spec, L->n_nodes,
                                    &items[(gsize) k * n + i], error))
                return FALSE;
            }
          at.sub = -1;
          rec->values[GV_N_CORE_METRICS + m] = n > 0 ? items[(gsize) k * n] : 0.0;
          k++;
        }
      else if (!get_metric_node (node, &at, spec, L->n_nodes,
                                 &rec->values[GV_N_CORE_METRICS + m], error))
        return FALSE;
    }

  if (items != NULL)
    rec->items = g_steal_pointer (&items);
  gv_round_record_derive (rec);
  return TRUE;
}

static gboolean
load_round_v1 (Loader         *L,
               JsonObject     *obj,
               Where           at,
               GvRoundRecord  *rec,
               GError        **error)
{
  g_autofree char *nodes = g_strdup_printf (_("the run's %u nodes"), L->n_nodes);
  guint64 v1[V1_N_METRICS];
  V1Totals totals;
  double *v = rec->values;

  for (V1Metric m = 0; m < V1_N_METRICS; m++)
    {
      guint64 max = m <= V1_RECOVERED ? G_MAXUINT32 : MAX_SAFE_INTEGER;
      const char *what = m <= V1_RECOVERED ? "2^32 - 1" : "2^53";

      if (m == V1_ALIVE || m == V1_CRASHED || m == V1_RECOVERED)
        {
          max = L->n_nodes;
          what = nodes;
        }

      at.member = v1_metric_names[m];
      if (!get_count (obj, &at, max, what, &v1[m], error))
        return FALSE;
    }

#define CHECK(cond, member_, ...) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        at.member = (member_); \
        fail_at (error, &at, __VA_ARGS__); \
        return FALSE; \
      } \
  } G_STMT_END

  CHECK (v1[V1_INFORMED] <= v1[V1_ALIVE], "informed", _("%u is more than alive (%u)"),
         (guint) v1[V1_INFORMED], (guint) v1[V1_ALIVE]);
  CHECK (v1[V1_SPREADING] <= v1[V1_ALIVE], "spreading", _("%u is more than alive (%u)"),
         (guint) v1[V1_SPREADING], (guint) v1[V1_ALIVE]);
  CHECK (v1[V1_CARRYING] <= v1[V1_SENT], "carrying",
         _("%" PRIu64 " is more than sent (%" PRIu64 ")"), v1[V1_CARRYING], v1[V1_SENT]);
  CHECK (v1[V1_LOST] <= v1[V1_SENT] && v1[V1_DEAD] <= v1[V1_SENT] - v1[V1_LOST], "dead",
         _("%" PRIu64 " and lost %" PRIu64 " make more than sent (%" PRIu64 ")"),
         v1[V1_DEAD], v1[V1_LOST], v1[V1_SENT]);
  CHECK (v1[V1_REDUNDANT] <= v1[V1_CARRYING], "redundant",
         _("%" PRIu64 " is more than carrying (%" PRIu64 ")"), v1[V1_REDUNDANT], v1[V1_CARRYING]);

#undef CHECK

  rec->round = (guint32) v1[V1_ROUND];
  v[GV_METRIC_ALIVE] = (double) v1[V1_ALIVE];
  v[GV_METRIC_CRASHED] = (double) v1[V1_CRASHED];
  v[GV_METRIC_RECOVERED] = (double) v1[V1_RECOVERED];
  v[GV_METRIC_SENT_DATA] = (double) v1[V1_CARRYING];
  v[GV_METRIC_SENT_REQUESTS] = (double) (v1[V1_SENT] - v1[V1_CARRYING]);
  v[GV_METRIC_REDUNDANT] = (double) v1[V1_REDUNDANT];

  /* Format 1 counted lost and dead messages without saying which carried data.  When
   * none were requests, or none were lost or dead, that is no loss; the events tell
   * the rest within the detail cap (load_messages); beyond it, it is not known. */
  if (v1[V1_SENT] == v1[V1_CARRYING])
    {
      v[GV_METRIC_LOST_DATA] = (double) v1[V1_LOST];
      v[GV_METRIC_DEAD_DATA] = (double) v1[V1_DEAD];
      v[GV_METRIC_LOST_REQUESTS] = v[GV_METRIC_DEAD_REQUESTS] = 0.0;
    }
  else
    {
      v[GV_METRIC_LOST_DATA] = v1[V1_LOST] == 0 ? 0.0 : NAN;
      v[GV_METRIC_LOST_REQUESTS] = v1[V1_LOST] == 0 ? 0.0 : NAN;
      v[GV_METRIC_DEAD_DATA] = v1[V1_DEAD] == 0 ? 0.0 : NAN;
      v[GV_METRIC_DEAD_REQUESTS] = v1[V1_DEAD] == 0 ? 0.0 : NAN;
    }
  v[GV_METRIC_USEFUL] = v[GV_METRIC_SENT_DATA] - v[GV_METRIC_REDUNDANT] -
                        v[GV_METRIC_LOST_DATA] - v[GV_METRIC_DEAD_DATA];

  for (guint m = GV_N_CORE_METRICS; m < rec->n_values; m++)
    v[m] = NAN;
  if (L->v1_values[0] != G_MAXUINT)
    v[L->v1_values[0]] = (double) v1[V1_INFORMED];
  if (L->v1_values[1] != G_MAXUINT)
    v[L->v1_values[1]] = (double) v1[V1_SPREADING];
  if (L->v1_values[2] != G_MAXUINT)
    v[L->v1_values[2]] = (double) v1[V1_NEWLY_INFORMED];

  gv_round_record_derive (rec);

  totals = (V1Totals) { v1[V1_SENT], v1[V1_CARRYING], v1[V1_LOST], v1[V1_DEAD],
                        v1[V1_REDUNDANT] };
  g_array_append_val (L->v1_totals, totals);
  return TRUE;
}

static inline gboolean
known (double v)
{
  return !isnan (v);
}

static gboolean
load_round (Loader         *L,
            JsonNode       *node,
            guint           i,
            GvRoundRecord **out,
            GError        **error)
{
  g_autoptr(GvRoundRecord) rec = gv_round_record_new (GV_N_CORE_METRICS +
                                                      L->protocol->n_metrics);
  Where at = WHERE ("rounds", i, NULL);
  const GvRoundRecord *prev = i > 0 ? g_ptr_array_index (L->records, i - 1) : NULL;
  const double *v = rec->values;
  JsonObject *obj;
  guint64 round;

  if (!get_object (node, &at, &obj, error))
    return FALSE;

  at.member = "round";
  if (!get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &round, error))
    return FALSE;
  rec->round = (guint32) round;

  if (L->format == 1 ? !load_round_v1 (L, obj, at, rec, error)
                     : !load_round_v2 (L, obj, at, rec, error))
    return FALSE;

  if (rec->round != i)
    {
      at.member = "round";
      fail_at (error, &at, _("%u is out of order: rounds are listed one by one from 0, so this "
               "should be %u"), rec->round, i);
      return FALSE;
    }

#define CHECK(cond, member_, ...) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        at.member = (member_); \
        fail_at (error, &at, __VA_ARGS__); \
        return FALSE; \
      } \
  } G_STMT_END

  /* Every message sent is exactly one of useful, redundant, lost, dead or a delivered
   * request. */
  if (known (v[GV_METRIC_USEFUL]) && known (v[GV_METRIC_LOST_DATA]) &&
      known (v[GV_METRIC_DEAD_DATA]) && L->format == 2)
    CHECK (v[GV_METRIC_USEFUL] + v[GV_METRIC_REDUNDANT] + v[GV_METRIC_LOST_DATA] +
           v[GV_METRIC_DEAD_DATA] == v[GV_METRIC_SENT_DATA], "sent_data",
           _("%.0f, but useful, redundant, lost and dead data messages add up to %.0f"),
           v[GV_METRIC_SENT_DATA], v[GV_METRIC_USEFUL] + v[GV_METRIC_REDUNDANT] +
           v[GV_METRIC_LOST_DATA] + v[GV_METRIC_DEAD_DATA]);
  if (known (v[GV_METRIC_LOST_REQUESTS]) && known (v[GV_METRIC_DEAD_REQUESTS]))
    CHECK (v[GV_METRIC_LOST_REQUESTS] + v[GV_METRIC_DEAD_REQUESTS] <= v[GV_METRIC_SENT_REQUESTS],
           "sent_requests", _("%.0f, fewer than the requests lost and dead (%.0f)"),
           v[GV_METRIC_SENT_REQUESTS], v[GV_METRIC_LOST_REQUESTS] + v[GV_METRIC_DEAD_REQUESTS]);

  for (guint m = 0; m < L->protocol->n_metrics; m++)
    {
      const GvMetricSpec *spec = &L->protocol->metrics[m];
      double x = v[GV_N_CORE_METRICS + m];

      if (!(spec->flags & GV_METRIC_FLAG_NODES))
        continue;
      if (L->format == 2 && known (x))
        CHECK (x <= v[GV_METRIC_ALIVE], spec->id, _("%.0f is more than alive (%.0f)"), x,
               v[GV_METRIC_ALIVE]);
    }

  if (prev == NULL)
    {
      /* Round 0 is the state before anything happened. */
      CHECK (v[GV_METRIC_ALIVE] == L->n_nodes, "alive",
             _("%u, but in round 0 all the run's %u nodes are alive"),
             (guint) v[GV_METRIC_ALIVE], L->n_nodes);
      CHECK (v[GV_METRIC_SENT] == 0, L->format == 1 ? "sent" : "sent_data",
             _("%.0f, but nothing is sent in round 0"), v[GV_METRIC_SENT]);
      CHECK (v[GV_METRIC_CRASHED] == 0 && v[GV_METRIC_RECOVERED] == 0,
             v[GV_METRIC_CRASHED] ? "crashed" : "recovered",
             _("%u, but nothing crashes or recovers in round 0"),
             (guint) MAX (v[GV_METRIC_CRASHED], v[GV_METRIC_RECOVERED]));
    }
  else if (!L->alive_changed[prev->round])
    {
      double pa = prev->values[GV_METRIC_ALIVE];

      CHECK (v[GV_METRIC_CRASHED] <= pa && v[GV_METRIC_RECOVERED] <= L->n_nodes - pa &&
             v[GV_METRIC_ALIVE] == pa - v[GV_METRIC_CRASHED] + v[GV_METRIC_RECOVERED], "alive",
             _("%u does not follow from round %u (%u alive, then %u crashed and %u recovered)"),
             (guint) v[GV_METRIC_ALIVE], prev->round, (guint) pa,
             (guint) v[GV_METRIC_CRASHED], (guint) v[GV_METRIC_RECOVERED]);
    }

#undef CHECK

  rec->n_crashed = (guint32) v[GV_METRIC_CRASHED];
  rec->n_recovered = (guint32) v[GV_METRIC_RECOVERED];
  *out = g_steal_pointer (&rec);
  return TRUE;
}

static gboolean
load_rounds (Loader      *L,
             JsonObject  *root,
             GError     **error)
{
  const Where w = WHERE (NULL, -1, "rounds");
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &w, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n == 0)
    {
      fail (error, _("rounds: empty; a run has at least round 0"));
      return FALSE;
    }
  if (n - 1 > L->params->max_rounds)
    {
      fail (error, _("rounds: %u records go past round %u, the run's max_rounds"), n,
            L->params->max_rounds);
      return FALSE;
    }

  L->last_round = n - 1;
  L->records = g_ptr_array_new_full (n, (GDestroyNotify) gv_round_record_unref);
  return TRUE;
}

static gboolean
load_round_records (Loader      *L,
                    JsonObject  *root,
                    GError     **error)
{
  JsonArray *array = json_object_get_array_member (root, "rounds");

  for (guint i = 0; i <= L->last_round; i++)
    {
      GvRoundRecord *rec;

      if (!load_round (L, json_array_get_element (array, i), i, &rec, error))
        return FALSE;
      g_ptr_array_add (L->records, rec);
    }

  return TRUE;
}

/* A list of distinct nodes in increasing order, as many as @expected. */
static gboolean
load_node_list (Loader      *L,
                JsonObject  *obj,
                Where        at,
                guint32      expected,
                const char  *counted_as,
                guint32    **out,
                GError     **error)
{
  g_autofree guint32 *nodes = NULL;
  JsonArray *array;
  guint n;

  if (!get_array_member (obj, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != expected)
    {
      g_autofree char *count = g_strdup_printf ("rounds[%" PRId64 "].%s", at.index,
                                                counted_as);

      fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE, "lists %u node, but %s is %u",
                                        "lists %u nodes, but %s is %u", n), n, count, expected);
      return FALSE;
    }

  if (n > 0)
    nodes = g_new (guint32, n);

  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      gint64 v;

      at.sub = k;
      if (!node_is_int (item))
        {
          fail_at (error, &at, _("should be a node number, not %s"), describe_node_type (item));
          return FALSE;
        }
      v = json_node_get_int (item);
      if (v < 0 || v >= L->n_nodes)
        {
          fail_at (error, &at, _("node %" PRId64 " does not exist (the run has %u nodes)"),
                   v, L->n_nodes);
          return FALSE;
        }
      if (k > 0 && (guint32) v <= nodes[k - 1])
        {
          fail_at (error, &at, _("node %" PRId64 " is out of order or listed twice"), v);
          return FALSE;
        }
      nodes[k] = (guint32) v;
    }

  *out = g_steal_pointer (&nodes);
  return TRUE;
}

/* Says which count of @rec the listed @found disagrees with, if any. */
static gboolean
check_count (Where        at,
             guint32      round,
             const char  *member,
             guint64      found,
             double       recorded,
             GError     **error)
{
  g_autofree char *count = NULL;

  if (isnan (recorded) || found == (guint64) recorded)
    return TRUE;

  count = g_strdup_printf ("rounds[%u].%s", round, member);
  fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE,
                                    "lists %" PRIu64 " such message, but %s is %.0f",
                                    "lists %" PRIu64 " such messages, but %s is %.0f",
                                    (gulong) found),
           found, count, recorded);
  return FALSE;
}

static gboolean
load_messages (Loader         *L,
               JsonObject     *obj,
               Where           at,
               GvRoundRecord  *rec,
               GError        **error)
{
  const guint64 limit = (guint64) L->n_nodes * L->n_nodes * GV_RUN_MESSAGE_CODES;
  guint64 counts[5][2] = { { 0 } };
  guint64 carrying = 0;
  double *v = rec->values;
  JsonArray *array;
  guint n;

  at.member = "messages";
  if (!get_array_member (obj, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != v[GV_METRIC_SENT])
    {
      fail_at (error, &at, _("lists %u messages, but the round sent %.0f"), n, v[GV_METRIC_SENT]);
      return FALSE;
    }

  rec->messages = g_new (GvMessageEvent, MAX (n, 1));
  rec->n_messages = n;

  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      GvMessageEvent *m = &rec->messages[k];
      guint64 value, pair;
      guint code;

      if G_UNLIKELY (!node_is_int (item) || json_node_get_int (item) < 0)
        {
          at.sub = k;
          fail_at (error, &at, _("should be a message code (a whole number of 0 or more), not %s"),
                   node_is_int (item) ? _("a negative number") : describe_node_type (item));
          return FALSE;
        }

      value = (guint64) json_node_get_int (item);
      code = (guint) (value % GV_RUN_MESSAGE_CODES);
      pair = value / GV_RUN_MESSAGE_CODES;

      if G_UNLIKELY (value >= limit)
        {
          at.sub = k;
          fail_at (error, &at, _("node %" PRIu64 " does not exist (the run has %u nodes)"),
                   pair / L->n_nodes, L->n_nodes);
          return FALSE;
        }
      if G_UNLIKELY (code / 2 > GV_MESSAGE_REQUEST)
        {
          at.sub = k;
          fail_at (error, &at, _("outcome %u is not one of 0 (useful) to 4 (request)"), code / 2);
          return FALSE;
        }

      m->src = (guint32) (pair / L->n_nodes);
      m->dst = (guint32) (pair % L->n_nodes);
      m->outcome = (guint8) (code / 2);
      m->carries_data = (guint8) (code % 2);
      m->reserved = 0;

      if G_UNLIKELY (m->src == m->dst)
        {
          at.sub = k;
          fail_at (error, &at, _("node %u sends to itself"), m->src);
          return FALSE;
        }

      counts[m->outcome][m->carries_data]++;
      carrying += m->carries_data;
    }

  at.sub = -1;

  if (L->format == 1)
    {
      /* The list tells what format 1's counts did not: which lost and dead ones carried
       * data. */
      const V1Totals *t = &g_array_index (L->v1_totals, V1Totals, rec->round);

      if (!check_count (at, rec->round, "lost", counts[GV_MESSAGE_LOST][0] +
                        counts[GV_MESSAGE_LOST][1], (double) t->lost, error) ||
          !check_count (at, rec->round, "dead", counts[GV_MESSAGE_DEAD][0] +
                        counts[GV_MESSAGE_DEAD][1], (double) t->dead, error) ||
          !check_count (at, rec->round, "redundant", counts[GV_MESSAGE_REDUNDANT][1] +
                        counts[GV_MESSAGE_REDUNDANT][0], (double) t->redundant, error) ||
          !check_count (at, rec->round, "carrying", carrying, (double) t->carrying, error))
        return FALSE;

      v[GV_METRIC_LOST_DATA] = (double) counts[GV_MESSAGE_LOST][1];
      v[GV_METRIC_LOST_REQUESTS] = (double) counts[GV_MESSAGE_LOST][0];
      v[GV_METRIC_DEAD_DATA] = (double) counts[GV_MESSAGE_DEAD][1];
      v[GV_METRIC_DEAD_REQUESTS] = (double) counts[GV_MESSAGE_DEAD][0];
      v[GV_METRIC_USEFUL] = v[GV_METRIC_SENT_DATA] - v[GV_METRIC_REDUNDANT] -
                            v[GV_METRIC_LOST_DATA] - v[GV_METRIC_DEAD_DATA];
      gv_round_record_derive (rec);
      return TRUE;
    }

  return check_count (at, rec->round, "useful", counts[GV_MESSAGE_USEFUL][1] +
                      counts[GV_MESSAGE_USEFUL][0], v[GV_METRIC_USEFUL], error) &&
         check_count (at, rec->round, "redundant", counts[GV_MESSAGE_REDUNDANT][1] +
                      counts[GV_MESSAGE_REDUNDANT][0], v[GV_METRIC_REDUNDANT], error) &&
         check_count (at, rec->round, "lost_data", counts[GV_MESSAGE_LOST][1],
                      v[GV_METRIC_LOST_DATA], error) &&
         check_count (at, rec->round, "lost_requests", counts[GV_MESSAGE_LOST][0],
                      v[GV_METRIC_LOST_REQUESTS], error) &&
         check_count (at, rec->round, "dead_data", counts[GV_MESSAGE_DEAD][1],
                      v[GV_METRIC_DEAD_DATA], error) &&
         check_count (at, rec->round, "dead_requests", counts[GV_MESSAGE_DEAD][0],
                      v[GV_METRIC_DEAD_REQUESTS], error) &&
         check_count (at, rec->round, "sent_data", carrying, v[GV_METRIC_SENT_DATA], error);
}

/* One view's class changes: node × 16 + class in format 2, node × 4 + state in format 1. */
static gboolean
load_change_list (Loader         *L,
                  JsonArray      *array,
                  Where           at,
                  guint           view,
                  GArray         *out,
                  GError        **error)
{
  const guint codes = L->format == 1 ? GV_RUN_STATE_CODES_V1 : GV_RUN_CLASS_CODES;
  guint n = json_array_get_length (array);
  guint32 last_node = 0;

  if (n > L->n_nodes)
    {
      fail_at (error, &at, _("lists %u changes, more than the run's %u nodes"), n, L->n_nodes);
      return FALSE;
    }

  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      GvStateEvent c = { 0 };
      guint64 v;
      guint code;

      at.sub = k;
      if G_UNLIKELY (!node_is_int (item) || json_node_get_int (item) < 0)
        {
          fail_at (error, &at, _("should be a change code (a whole number of 0 or more), not %s"),
                   node_is_int (item) ? _("a negative number") : describe_node_type (item));
          return FALSE;
        }

      v = (guint64) json_node_get_int (item);
      if G_UNLIKELY (v / codes >= L->n_nodes)
        {
          fail_at (error, &at, _("node %" PRIu64 " does not exist (the run has %u nodes)"),
                   v / codes, L->n_nodes);
          return FALSE;
        }

      c.node = (guint32) (v / codes);
      code = (guint) (v % codes);
      c.view = (guint8) view;
      if (L->format == 1)
        c.cls = code == 3 ? (guint8) L->classes.crashed : L->v1_classes[code];
      else if (code >= L->classes.n)
        {
          fail_at (error, &at, _("class %u is not one of the %u classes of %s"), code,
                   L->classes.n, L->protocol->id);
          return FALSE;
        }
      else
        c.cls = (guint8) code;

      if G_UNLIKELY (k > 0 && c.node <= last_node)
        {
          fail_at (error, &at, _("node %u is out of order or listed twice"), c.node);
          return FALSE;
        }
      last_node = c.node;
      g_array_append_val (out, c);
    }

  return TRUE;
}

static gboolean
load_changes (Loader         *L,
              JsonObject     *obj,
              Where           at,
              GvRoundRecord  *rec,
              GError        **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (GvStateEvent));
  JsonArray *array;
  JsonNode *node;

  at.member = "changes";
  if (!get_array_member (obj, &at, &array, error) ||
      !load_change_list (L, array, at, 0, changes, error))
    return FALSE;

  node = json_object_get_member (obj, "view_changes");
  if (node != NULL)
    {
      JsonArray *views;
      guint n;

      at.member = "view_changes";
      if (L->format == 1 || L->protocol->view_label == NULL)
        {
          fail_at (error, &at, _("present, but %s has no views by item"), L->protocol->id);
          return FALSE;
        }
      if (!get_array (node, &at, &views, error))
        return FALSE;
      n = json_array_get_length (views);
      if (n > GV_MAX_ITEMS)
        {
          fail_at (error, &at, _("lists %u views; a run has at most %d"), n, GV_MAX_ITEMS);
          return FALSE;
        }
      for (guint view = 1; view <= n; view++)
        {
          at.index = rec->round;
          at.sub = view - 1;
          if (!get_array (json_array_get_element (views, view - 1), &at, &array, error))
            return FALSE;
          at.sub = -1;
          if (!load_change_list (L, array, at, view, changes, error))
            return FALSE;
        }
      L->n_views = MAX (L->n_views, n + 1);
    }

  rec->n_changes = changes->len;
  rec->changes = (GvStateEvent *) g_array_free (g_steal_pointer (&changes), FALSE);
  return TRUE;
}

static gboolean
load_events (Loader      *L,
             JsonObject  *root,
             GError     **error)
{
  const Where w = WHERE (NULL, -1, "events");
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &w, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != L->records->len)
    {
      fail (error, _("events: %u entries, but there are %u rounds (0 to %u); each round has one"),
            n, L->records->len, L->last_round);
      return FALSE;
    }

  L->n_views = 1;
  for (guint i = 0; i < n; i++)
    {
      GvRoundRecord *rec = g_ptr_array_index (L->records, i);
      Where at = WHERE ("events", i, NULL);
      JsonObject *obj;
      guint64 round;

      if (!get_object (json_array_get_element (array, i), &at, &obj, error))
        return FALSE;

      at.member = "round";
      if (!get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &round, error))
        return FALSE;
      if (round != i)
        {
          fail_at (error, &at, _("%" PRIu64 " is out of order: events are listed "
                   "round by round from 0, so this should be %u"), round, i);
          return FALSE;
        }

      at.member = "crashed";
      if (!load_node_list (L, obj, at, rec->n_crashed, "crashed", &rec->crashed_nodes, error))
        return FALSE;
      at.member = "recovered";
      if (!load_node_list (L, obj, at, rec->n_recovered, "recovered", &rec->recovered_nodes,
                           error))
        return FALSE;

      if (L->detail)
        {
          if (!load_messages (L, obj, at, rec, error) || !load_changes (L, obj, at, rec, error))
            return FALSE;
        }
      else if (json_object_has_member (obj, "messages") ||
               json_object_has_member (obj, "changes") ||
               json_object_has_member (obj, "view_changes"))
        {
          at.member = json_object_has_member (obj, "messages") ? "messages" : "changes";
          fail_at (error, &at, _("present, but the run has no detail: its %u nodes are more "
                   "than its detail cap (%u)"), L->n_nodes, L->params->detail_cap);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_first_informed (Loader      *L,
                     JsonObject  *root,
                     gint32     **out,
                     GError     **error)
{
  Where at = WHERE (NULL, -1, "first_informed");
  g_autofree gint32 *first = NULL;
  JsonArray *array;
  guint n;

  if (!get_array_member (root, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != L->n_nodes)
    {
      fail (error, _("first_informed: %u entries, but the run has %u nodes"), n, L->n_nodes);
      return FALSE;
    }

  first = g_new (gint32, n);
  at = WHERE ("first_informed", -1, NULL);
  for (guint v = 0; v < n; v++)
    {
      JsonNode *item = json_array_get_element (array, v);
      gint64 r;

      at.index = v;
      if G_UNLIKELY (!node_is_int (item))
        {
          fail_at (error, &at, _("should be a round, or -1, not %s"), describe_node_type (item));
          return FALSE;
        }
      r = json_node_get_int (item);
      if G_UNLIKELY (r < -1 || r > L->last_round)
        {
          if (r < -1)
            fail_at (error, &at, _("%" PRId64 " is not a round, nor -1 for never"), r);
          else
            fail_at (error, &at, _("%" PRId64 " is after the last round (%u)"), r,
                     L->last_round);
          return FALSE;
        }
      first[v] = (gint32) r;
    }

  *out = g_steal_pointer (&first);
  return TRUE;
}

static gboolean
load_summary (Loader      *L,
              JsonObject  *root,
              GvSummary   *summary,
              GError     **error)
{
  Where at = WHERE (NULL, -1, "summary");
  const GvProtocol *protocol = L->protocol;
  guint64 rounds, messages;
  double total = 0;
  JsonObject *obj;
  JsonNode *node;

  node = get_member (root, &at, error);
  if (node == NULL || !get_object (node, &at, &obj, error))
    return FALSE;

  at = WHERE ("summary", -1, NULL);

  at.member = "rounds";
  if (!get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &rounds, error))
    return FALSE;
  if (rounds != L->last_round)
    {
      fail_at (error, &at, _("%" PRIu64 ", but the last round recorded is %u"), rounds,
               L->last_round);
      return FALSE;
    }
  summary->rounds = (guint32) rounds;

  at.member = "converged";
  if (!get_boolean (obj, &at, &summary->converged, error))
    return FALSE;
  at.member = "finished";
  if (!get_boolean (obj, &at, &summary->finished, error))
    return FALSE;

  summary->n_figures = protocol->n_figures;
  for (guint i = 0; i < protocol->n_figures; i++)
    {
      const GvFigureSpec *spec = &protocol->figures[i];

      at.member = spec->id;
      if (spec->kind == GV_FIGURE_COUNT)
        {
          guint64 v;

          if (!get_count (obj, &at, MAX_SAFE_INTEGER, "2^53", &v, error))
            return FALSE;
          summary->figures[i] = (double) v;
        }
      /* A residue is not at most 1: an early 0.1.0 divided by the scheduled rumours
       * only, so a rumour injected by hand could take it past 1. */
      else if (!get_number (obj, &at, 0.0,
                            spec->kind == GV_FIGURE_ROUNDS ? (double) L->last_round : G_MAXDOUBLE,
                            &summary->figures[i], error))
        return FALSE;
    }

  at.member = "messages";
  if (!get_count (obj, &at, MAX_SAFE_INTEGER, "2^53", &messages, error))
    return FALSE;
  for (guint i = 0; i < L->records->len; i++)
    total += ((const GvRoundRecord *) g_ptr_array_index (L->records, i))->values[GV_METRIC_SENT];
  if ((double) messages != total)
    {
      fail_at (error, &at, _("%" PRIu64 ", but the rounds sent %.0f in all"), messages, total);
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
loader_clear (Loader *L)
{
  g_clear_pointer (&L->params, gv_params_unref);
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
  Loader L = { 0 };
  GvSummary summary = { 0 };
  JsonObject *root;
  JsonNode *node;
  GvRun *run = NULL;
  Where at;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      fail (error, _("the file is empty"));
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
      fail_json (error, local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      fail (error, _("the file holds no JSON value"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, _("not a Grapevine run file: it holds %s, not an object"),
            describe_node_type (node));
      return NULL;
    }
  root = json_node_get_object (node);

  if (!load_header (&L, root, error))
    return NULL;

  at = WHERE (NULL, -1, "engine_version");
  version = get_string (root, &at, error);
  if (version == NULL)
    return NULL;
  if (!is_version (version))
    {
      fail_at (error, &at, _("should be a version such as “%s”"), GV_ENGINE_VERSION);
      return NULL;
    }

  if (!load_params (&L, root, error))
    goto out;

  {
    gboolean detail;

    at = WHERE (NULL, -1, "detail");
    if (!get_boolean (root, &at, &detail, error))
      goto out;
    L.detail = L.params->n_nodes <= L.params->detail_cap;
    if (detail != L.detail)
      {
        if (detail)
          fail (error, _("detail: true, but the run's %u nodes are more than its detail cap (%u)"),
                L.n_nodes, L.params->detail_cap);
        else
          fail (error, _("detail: false, but the run's %u nodes are within its detail cap (%u)"),
                L.n_nodes, L.params->detail_cap);
        goto out;
      }
  }

  /* The number of rounds bounds what the other sections may name. */
  if (!load_rounds (&L, root, error) ||
      !load_interventions (&L, root, error) ||
      !load_round_records (&L, root, error) ||
      !load_events (&L, root, error) ||
      !load_first_informed (&L, root, &first, error) ||
      !load_summary (&L, root, &summary, error))
    goto out;

  run = gv_run_new_take (g_steal_pointer (&L.params), version, L.format,
                         g_steal_pointer (&L.records), &summary, g_steal_pointer (&first),
                         g_steal_pointer (&L.interventions));
  run->n_views = L.n_views;

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
