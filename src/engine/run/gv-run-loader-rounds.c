/* gv-run-loader-rounds.c: a run file's rounds and events, read and checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format 2's rounds hold the core's metrics and the protocol's by id; format 1's were
 * rumour-shaped (informed, spreading, newly_informed, sent, carrying, lost, dead,
 * redundant), mapped here onto the protocol's declarations.  Within the detail cap the
 * events tell what format 1's counts did not: which lost and dead messages carried data.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <string.h>

#include "gv-error.h"
#include "gv-run-loader.h"

static const char *const v1_metric_names[V1_N_METRICS] = {
  "round", "alive", "informed", "spreading", "newly_informed", "crashed", "recovered",
  "sent", "carrying", "lost", "dead", "redundant",
};

/* Fails the round being read (`at`), naming its @member_, when @cond does not hold. */
#define CHECK(cond, member_, ...) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        at.member = (member_); \
        gv_json_fail_at (error, &at, __VA_ARGS__); \
        return FALSE; \
      } \
  } G_STMT_END

/* A metric's value: a count, a fraction or rounds; null where it was not recorded. */
static gboolean
get_metric_node (GvRunLoader         *L,
                 JsonNode            *node,
                 const GvRunWhere    *w,
                 const GvMetricSpec  *spec,
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
      guint64 v;
      gboolean of_nodes = (spec->flags & GV_METRIC_FLAG_NODES) != 0;

      if (!gv_json_get_count_node (node, w, of_nodes ? L->n_nodes : MAX_SAFE_INTEGER,
                                   of_nodes ? L->nodes_what : "2^53", &v, error))
        return FALSE;
      *out = (double) v;
      return TRUE;
    }

  if (!gv_json_node_is_number (node))
    {
      gv_json_fail_at (error, w, _("should be a number, not %s"),
                       gv_json_describe_node_type (node));
      return FALSE;
    }

  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < 0.0 || (spec->kind == GV_METRIC_FRACTION && *out > 1.0))
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE];

      gv_json_fail_at (error, w, spec->kind == GV_METRIC_FRACTION
                         ? _("%s is not a fraction from 0 to 1") : _("%s is negative"),
               g_ascii_dtostr (a, sizeof a, *out));
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_round_v2 (GvRunLoader    *L,
               JsonObject     *obj,
               GvRunWhere      at,
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
      node = gv_json_get_member (obj, &at, error);
      if (node == NULL)
        return FALSE;
      /* Who is up is always known, and what was sent (format 1 recorded it too): the
       * rounds' messages and the summary's add up from them. */
      if ((m == GV_METRIC_ALIVE || m == GV_METRIC_CRASHED || m == GV_METRIC_RECOVERED ||
           m == GV_METRIC_SENT_DATA || m == GV_METRIC_SENT_REQUESTS) &&
          JSON_NODE_HOLDS_NULL (node))
        {
          gv_json_fail_at (error, &at, _("should be a whole number, not %s"),
                           gv_json_describe_node_type (node));
          return FALSE;
        }
      /* Counts of nodes, up to the run's (the core's declarations do not flag them). */
      if (m == GV_METRIC_ALIVE || m == GV_METRIC_CRASHED || m == GV_METRIC_RECOVERED)
        {
          guint64 v;

          if (!gv_json_get_count_node (node, &at, L->n_nodes, L->nodes_what, &v, error))
            return FALSE;
          rec->values[m] = (double) v;
        }
      else if (!get_metric_node (L, node, &at, &core[m], &rec->values[m], error))
        return FALSE;
    }

  for (guint m = 0; m < protocol->n_metrics; m++)
    {
      const GvMetricSpec *spec = &protocol->metrics[m];
      JsonNode *node;

      if (spec->flags & GV_METRIC_FLAG_DERIVED)
        continue;

      at.member = spec->id;
      node = gv_json_get_member (obj, &at, error);
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
          if (!gv_json_get_array (node, &at, &array, error))
            return FALSE;
          n = json_array_get_length (array);
          if (n > GV_MAX_ITEMS)
            {
              gv_json_fail_at (error, &at, _("lists %u items; a run has at most %d"), n,
                               GV_MAX_ITEMS);
              return FALSE;
            }
          if (items == NULL)
            {
              rec->n_items = n;
              items = g_new0 (double, (gsize) MAX (n, 1) * L->n_per_item);
            }
          else if (n != rec->n_items)
            {
              gv_json_fail_at (error, &at, _("lists %u items, but the round's other lists have %u"),
                       n, rec->n_items);
              return FALSE;
            }
          for (guint i = 0; i < n; i++)
            {
              at.sub = i;
              if (!get_metric_node (L, json_array_get_element (array, i), &at, spec,
                                    &items[(gsize) k * n + i], error))
                return FALSE;
            }
          at.sub = -1;
          rec->values[GV_N_CORE_METRICS + m] = n > 0 ? items[(gsize) k * n] : 0.0;
          k++;
        }
      else if (!get_metric_node (L, node, &at, spec, &rec->values[GV_N_CORE_METRICS + m],
                                 error))
        return FALSE;
    }

  /* No items yet is no list of them, as the engine records it. */
  if (items != NULL && rec->n_items > 0)
    rec->items = g_steal_pointer (&items);
  gv_round_record_derive (rec);

  /* The totals of a format-1 run, kept where their split was not known. */
  for (guint t = 0; t < 2; t++)
    {
      guint total = t == 0 ? GV_METRIC_LOST : GV_METRIC_DEAD;
      guint split = t == 0 ? GV_METRIC_LOST_DATA : GV_METRIC_DEAD_DATA;
      const GvMetricSpec *spec = &core[total];
      JsonNode *node;

      at.member = spec->id;
      node = json_object_get_member (obj, spec->id);
      if (node == NULL)
        continue;
      if (!isnan (rec->values[split]))
        {
          gv_json_fail_at (error, &at, _("present, but %s is known, and with it the total"),
                               core[split].id);
          return FALSE;
        }
      if (!get_metric_node (L, node, &at, spec, &rec->values[total], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_round_v1 (GvRunLoader    *L,
               JsonObject     *obj,
               GvRunWhere      at,
               GvRoundRecord  *rec,
               GError        **error)
{
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
          what = L->nodes_what;
        }

      at.member = v1_metric_names[m];
      if (!gv_json_get_count (obj, &at, max, what, &v1[m], error))
        return FALSE;
    }

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
  /* The totals are known even where their split is not. */
  v[GV_METRIC_LOST] = (double) v1[V1_LOST];
  v[GV_METRIC_DEAD] = (double) v1[V1_DEAD];

  totals = (V1Totals) { v1[V1_CARRYING], v1[V1_LOST], v1[V1_DEAD], v1[V1_REDUNDANT] };
  g_array_append_val (L->v1_totals, totals);
  return TRUE;
}

static inline gboolean
known (double v)
{
  return !isnan (v);
}

static gboolean
load_round (GvRunLoader    *L,
            JsonNode       *node,
            guint           i,
            GvRoundRecord **out,
            GError        **error)
{
  g_autoptr(GvRoundRecord) rec = gv_round_record_new (GV_N_CORE_METRICS +
                                                      L->protocol->n_metrics);
  GvRunWhere at = GV_RUN_WHERE ("rounds", i, NULL);
  const GvRoundRecord *prev = i > 0 ? g_ptr_array_index (L->records, i - 1) : NULL;
  const double *v = rec->values;
  JsonObject *obj;
  guint64 round;

  if (!gv_json_get_object (node, &at, &obj, error))
    return FALSE;

  at.member = "round";
  if (!gv_json_get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &round, error))
    return FALSE;
  rec->round = (guint32) round;

  if (L->format == 1 ? !load_round_v1 (L, obj, at, rec, error)
                     : !load_round_v2 (L, obj, at, rec, error))
    return FALSE;

  if (rec->round != i)
    {
      at.member = "round";
      gv_json_fail_at (error, &at,
                       _("%u is out of order: rounds are listed one by one from 0, so this "
               "should be %u"), rec->round, i);
      return FALSE;
    }

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
      /* The member that is not 0, by name: format 2 keeps data and requests apart. */
      gboolean data = L->format != 1 && v[GV_METRIC_SENT_DATA] != 0;
      const char *sent = L->format == 1 ? "sent" : data ? "sent_data" : "sent_requests";
      double value = L->format == 1 ? v[GV_METRIC_SENT]
                   : data ? v[GV_METRIC_SENT_DATA] : v[GV_METRIC_SENT_REQUESTS];

      /* Round 0 is the state before anything happened. */
      CHECK (v[GV_METRIC_ALIVE] == L->n_nodes, "alive",
             _("%u, but in round 0 all the run's %u nodes are alive"),
             (guint) v[GV_METRIC_ALIVE], L->n_nodes);
      CHECK (v[GV_METRIC_SENT] == 0, sent, _("%.0f, but nothing is sent in round 0"), value);
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

  rec->n_crashed = (guint32) v[GV_METRIC_CRASHED];
  rec->n_recovered = (guint32) v[GV_METRIC_RECOVERED];
  *out = g_steal_pointer (&rec);
  return TRUE;
}

gboolean
gv_run_load_rounds (GvRunLoader  *L,
                    JsonObject   *root,
                    GError      **error)
{
  const GvRunWhere w = GV_RUN_WHERE (NULL, -1, "rounds");
  JsonArray *array;
  guint n;

  if (!gv_json_get_array_member (root, &w, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n == 0)
    {
      gv_json_fail (error, _("rounds: empty; a run has at least round 0"));
      return FALSE;
    }
  if (n - 1 > L->params->max_rounds)
    {
      gv_json_fail (error, _("rounds: %u records go past round %u, the run's max_rounds"), n,
            L->params->max_rounds);
      return FALSE;
    }

  L->last_round = n - 1;
  L->records = g_ptr_array_new_full (n, (GDestroyNotify) gv_round_record_unref);
  return TRUE;
}

gboolean
gv_run_load_round_records (GvRunLoader  *L,
                           JsonObject   *root,
                           GError      **error)
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
load_node_list (GvRunLoader  *L,
                JsonObject   *obj,
                GvRunWhere    at,
                guint32       expected,
                const char   *counted_as,
                guint32     **out,
                GError      **error)
{
  g_autofree guint32 *nodes = NULL;
  JsonArray *array;
  guint n;

  if (!gv_json_get_array_member (obj, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != expected)
    {
      g_autofree char *count = g_strdup_printf ("rounds[%" PRId64 "].%s", at.index,
                                                counted_as);

      gv_json_fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE, "lists %u node, but %s is %u",
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
      if (!gv_json_node_is_int (item))
        {
          gv_json_fail_at (error, &at, _("should be a node number, not %s"),
                           gv_json_describe_node_type (item));
          return FALSE;
        }
      v = json_node_get_int (item);
      if (v < 0 || v >= L->n_nodes)
        {
          gv_json_fail_at (error, &at, _("node %" PRId64 " does not exist (the run has %u nodes)"),
                   v, L->n_nodes);
          return FALSE;
        }
      if (k > 0 && (guint32) v <= nodes[k - 1])
        {
          gv_json_fail_at (error, &at, _("node %" PRId64 " is out of order or listed twice"), v);
          return FALSE;
        }
      nodes[k] = (guint32) v;
    }

  *out = g_steal_pointer (&nodes);
  return TRUE;
}

/* Says which count of @rec the listed @found disagrees with, if any. */
static gboolean
check_count (GvRunWhere   at,
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
  gv_json_fail_at (error, &at, g_dngettext (GETTEXT_PACKAGE,
                                    "lists %" PRIu64 " such message, but %s is %.0f",
                                    "lists %" PRIu64 " such messages, but %s is %.0f",
                                    (gulong) found),
           found, count, recorded);
  return FALSE;
}

static gboolean
load_messages (GvRunLoader    *L,
               JsonObject     *obj,
               GvRunWhere      at,
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
  if (!gv_json_get_array_member (obj, &at, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != v[GV_METRIC_SENT])
    {
      gv_json_fail_at (error, &at, _("lists %u messages, but the round sent %.0f"), n,
                       v[GV_METRIC_SENT]);
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

      if G_UNLIKELY (!gv_json_node_is_int (item) || json_node_get_int (item) < 0)
        {
          at.sub = k;
          gv_json_fail_at (error, &at,
                           _("should be a message code (a whole number of 0 or more), not %s"),
                   gv_json_node_is_int (item) ? _("a negative number")
                                              : gv_json_describe_node_type (item));
          return FALSE;
        }

      value = (guint64) json_node_get_int (item);
      code = (guint) (value % GV_RUN_MESSAGE_CODES);
      pair = value / GV_RUN_MESSAGE_CODES;

      if G_UNLIKELY (value >= limit)
        {
          at.sub = k;
          gv_json_fail_at (error, &at, _("node %" PRIu64 " does not exist (the run has %u nodes)"),
                   pair / L->n_nodes, L->n_nodes);
          return FALSE;
        }
      if G_UNLIKELY (code / 2 > GV_MESSAGE_REQUEST)
        {
          at.sub = k;
          gv_json_fail_at (error, &at, _("outcome %u is not one of 0 (useful) to 4 (request)"),
                           code / 2);
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
          gv_json_fail_at (error, &at, _("node %u sends to itself"), m->src);
          return FALSE;
        }
      /* What was delivered is useful or redundant when it carried data, and a request
       * when it carried none: no run makes the other kinds, whose counts would not add
       * up (found by fuzzing: format 1's counts did not show it, format 2's did). */
      if G_UNLIKELY ((m->outcome == GV_MESSAGE_USEFUL || m->outcome == GV_MESSAGE_REDUNDANT) &&
                     !m->carries_data)
        {
          at.sub = k;
          gv_json_fail_at (error, &at, m->outcome == GV_MESSAGE_USEFUL
                               ? _("useful, but it carried no data; only data messages are "
                                   "useful or redundant")
                               : _("redundant, but it carried no data; only data messages "
                                   "are useful or redundant"));
          return FALSE;
        }
      if G_UNLIKELY (m->outcome == GV_MESSAGE_REQUEST && m->carries_data)
        {
          at.sub = k;
          gv_json_fail_at (error, &at, _("a delivered request that carried data; requests "
                                             "carry none"));
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
load_change_list (GvRunLoader  *L,
                  JsonArray    *array,
                  GvRunWhere    at,
                  guint         view,
                  GArray       *out,
                  GError      **error)
{
  const guint codes = L->format == 1 ? GV_RUN_STATE_CODES_V1 : GV_RUN_CLASS_CODES;
  guint n = json_array_get_length (array);
  guint32 last_node = 0;

  if (n > L->n_nodes)
    {
      gv_json_fail_at (error, &at, _("lists %u changes, more than the run's %u nodes"), n,
                       L->n_nodes);
      return FALSE;
    }

  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (array, k);
      GvStateEvent c = { 0 };
      guint64 v;
      guint code;

      at.sub = k;
      if G_UNLIKELY (!gv_json_node_is_int (item) || json_node_get_int (item) < 0)
        {
          gv_json_fail_at (error, &at,
                           _("should be a change code (a whole number of 0 or more), not %s"),
                   gv_json_node_is_int (item) ? _("a negative number")
                                              : gv_json_describe_node_type (item));
          return FALSE;
        }

      v = (guint64) json_node_get_int (item);
      if G_UNLIKELY (v / codes >= L->n_nodes)
        {
          gv_json_fail_at (error, &at, _("node %" PRIu64 " does not exist (the run has %u nodes)"),
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
          gv_json_fail_at (error, &at, _("class %u is not one of the %u classes of %s"), code,
                   L->classes.n, L->protocol->id);
          return FALSE;
        }
      else
        c.cls = (guint8) code;

      if G_UNLIKELY (k > 0 && c.node <= last_node)
        {
          gv_json_fail_at (error, &at, _("node %u is out of order or listed twice"), c.node);
          return FALSE;
        }
      last_node = c.node;
      g_array_append_val (out, c);
    }

  return TRUE;
}

static gboolean
load_changes (GvRunLoader    *L,
              JsonObject     *obj,
              GvRunWhere      at,
              GvRoundRecord  *rec,
              GError        **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (GvStateEvent));
  JsonArray *array;
  JsonNode *node;

  at.member = "changes";
  if (!gv_json_get_array_member (obj, &at, &array, error) ||
      !load_change_list (L, array, at, 0, changes, error))
    return FALSE;

  node = json_object_get_member (obj, "view_changes");
  if (node != NULL)
    {
      JsonArray *views;
      guint n;

      at.member = "view_changes";
      if (L->recorded == 1)
        {
          gv_json_fail_at (error, &at, _("present, but the run's records are format 1's, which had "
                   "no views by item"));
          return FALSE;
        }
      if (L->protocol->view_label == NULL)
        {
          gv_json_fail_at (error, &at, _("present, but %s has no views by item"), L->protocol->id);
          return FALSE;
        }
      if (!gv_json_get_array (node, &at, &views, error))
        return FALSE;
      n = json_array_get_length (views);
      if (n > GV_MAX_ITEMS)
        {
          gv_json_fail_at (error, &at, _("lists %u views; a run has at most %d"), n, GV_MAX_ITEMS);
          return FALSE;
        }
      for (guint view = 1; view <= n; view++)
        {
          /* A change in it is at view_changes[view - 1][k]. */
          g_autofree char *member = g_strdup_printf ("view_changes[%u]", view - 1);

          at.index = rec->round;
          at.sub = view - 1;
          if (!gv_json_get_array (json_array_get_element (views, view - 1), &at, &array, error))
            return FALSE;
          at.member = member;
          at.sub = -1;
          if (!load_change_list (L, array, at, view, changes, error))
            return FALSE;
          at.member = "view_changes";
        }
      L->n_views = MAX (L->n_views, n + 1);
    }

  rec->n_changes = changes->len;
  rec->changes = (GvStateEvent *) g_array_free (g_steal_pointer (&changes), FALSE);
  return TRUE;
}

gboolean
gv_run_load_events (GvRunLoader  *L,
                    JsonObject   *root,
                    GError      **error)
{
  const GvRunWhere w = GV_RUN_WHERE (NULL, -1, "events");
  JsonArray *array;
  guint n;

  if (!gv_json_get_array_member (root, &w, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n != L->records->len)
    {
      gv_json_fail (error,
                    _("events: %u entries, but there are %u rounds (0 to %u); each round has one"),
            n, L->records->len, L->last_round);
      return FALSE;
    }

  L->n_views = 1;
  for (guint i = 0; i < n; i++)
    {
      GvRoundRecord *rec = g_ptr_array_index (L->records, i);
      GvRunWhere at = GV_RUN_WHERE ("events", i, NULL);
      JsonObject *obj;
      guint64 round;

      if (!gv_json_get_object (json_array_get_element (array, i), &at, &obj, error))
        return FALSE;

      at.member = "round";
      if (!gv_json_get_count (obj, &at, G_MAXUINT32, "2^32 - 1", &round, error))
        return FALSE;
      if (round != i)
        {
          gv_json_fail_at (error, &at, _("%" PRIu64 " is out of order: events are listed "
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
          gv_json_fail_at (error, &at,
                           _("present, but the run has no detail: its %u nodes are more "
                   "than its detail cap (%u)"), L->n_nodes, L->params->detail_cap);
          return FALSE;
        }
    }

  return TRUE;
}
