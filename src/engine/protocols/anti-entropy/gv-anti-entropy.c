/* gv-anti-entropy.c: anti-entropy over a replicated, versioned key-value store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every node holds a replica of a store of K entries (key -> value, version).  An update
 * at a node writes a new value under the next version of its key.  When two nodes
 * exchange, the receiver keeps, key by key, the higher version (Demers et al. 1987,
 * section 1.3).  A message carries the sender's whole replica (its K versions) as it
 * was at the end of the previous round, so the replicas are kept twice and swapped
 * every round: what a node learns in a round it passes on from the next.
 */

#define G_LOG_DOMAIN "gv-anti-entropy"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gv-error.h"
#include "gv-exchange.h"
#include "gv-network.h"
#include "gv-shard.h"
#include "gv-theory.h"

#define GV_MAX_KEYS 64

enum
{
  AE_PARAM_EXCHANGE,
  AE_PARAM_KEYS,
  AE_N_PARAMS
};

enum
{
  AE_METRIC_UP_TO_DATE,
  AE_METRIC_NEW_VERSIONS,
  AE_METRIC_UP_TO_DATE_BY_KEY,
  AE_N_METRICS
};

enum
{
  AE_FIGURE_RESIDUE,
  AE_FIGURE_TRAFFIC,
  AE_FIGURE_T_AVG,
  AE_FIGURE_T_LAST,
  AE_N_FIGURES
};

/* With one key a node is up to date or not; with more, how many of its keys are. */
enum
{
  AE_CLASS_STALE,        /* no key at its newest version */
  AE_CLASS_UP_TO_DATE,   /* one key: the newest version */
  AE_N_CLASSES_ONE_KEY
};

enum
{
  AE_CLASS_NONE,
  AE_CLASS_THIRD,
  AE_CLASS_TWO_THIRDS,
  AE_CLASS_MOST,
  AE_CLASS_ALL,
  AE_CLASS_FORMAT1,      /* a format-1 file's "not up to date", which did not say how far */
  AE_N_CLASSES
};

enum
{
  SUM_UP_TO_DATE,        /* alive nodes with every key at its newest version */
  SUM_KEY_NEWEST,        /* SUM_KEY_NEWEST + k: alive nodes with key k at its newest */
  AE_NODE_SUMS = SUM_KEY_NEWEST + GV_MAX_KEYS,
};

G_STATIC_ASSERT (AE_NODE_SUMS <= GV_TALLY_SUMS - 3);

#define SUM_NEW_VERSIONS (GV_TALLY_SUMS - 3)
#define SUM_DELAY_SUM    (GV_TALLY_SUMS - 2)
#define SUM_DELAY_COUNT  (GV_TALLY_SUMS - 1)
#define MAX_DELAY 0

enum
{
  AE_MSG = 1,
};

typedef struct
{
  GvExchange exchange;
  guint      n_keys;
  guint32   *versions[2];   /* n_nodes × n_keys; [r & 1] is the state at the end of round r */
  guint32   *ever;          /* only when recovery loses state: the highest version held */
  guint32   *since;         /* round since which the node holds the newest data */
  guint32    latest[GV_MAX_KEYS];
  GArray    *inject_round[GV_MAX_KEYS];  /* guint32 by version */
  GArray    *values[GV_MAX_KEYS];        /* guint64 by version */
} AntiEntropy;

static const GvParamSpec ae_params[AE_N_PARAMS] = {
  [AE_PARAM_EXCHANGE] = GV_EXCHANGE_PARAM,
  [AE_PARAM_KEYS] = {
    .name = "keys",
    .label = N_("Keys"),
    .help = N_("How many entries the replicated store holds."),
    .metavar = "K",
    .type = GV_PARAM_INT,
    .min = 1,
    .max = GV_MAX_KEYS,
    .step = 1,
    .def = 1,
  },
};

static const GvInjectionSpec ae_injection = {
  .option = "update",
  .label = N_("Update"),
  .action = N_("Write Update"),
  .help = N_("A new version of a key, written at a node at the end of a round (repeatable)."),
  .arg = "KEY",
  .arg_name = "key",
  .arg_label = N_("Key"),
  .arg_bound = "keys",
  .max = 100000,
};

static const GvMetricSpec ae_metrics[AE_N_METRICS] = {
  [AE_METRIC_UP_TO_DATE] = {
    "up_to_date", N_("Up-to-date nodes"), N_("nodes"),
    N_("Alive nodes that hold every key at its newest version."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NODES, NULL },
  [AE_METRIC_NEW_VERSIONS] = {
    "new_versions", N_("New versions"), N_("versions"),
    N_("Versions that nodes held for the first time in the round."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [AE_METRIC_UP_TO_DATE_BY_KEY] = {
    "up_to_date_by_key", N_("Up-to-date nodes, by key"), N_("nodes"),
    N_("Alive nodes that hold each key at its newest version."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN,
    GV_METRIC_FLAG_NODES | GV_METRIC_FLAG_PER_ITEM, N_("Key %u") },
};

static const char *const coverage_metrics[] = { "up_to_date_by_key", NULL };
static const char *const versions_metrics[] = { "new_versions", NULL };

static const GvChartSpec ae_charts[] = {
  { "coverage", N_("Up to date"), N_("Up-to-date nodes"), TRUE, coverage_metrics,
    "up_to_date" },
  { "versions", N_("New versions"), N_("Versions"), FALSE, versions_metrics, NULL },
};

static const GvFigureSpec ae_figures[AE_N_FIGURES] = {
  [AE_FIGURE_RESIDUE] = {
    "residue", N_("Residue"), "residue",
    N_("The fraction of alive nodes that do not hold every key at its newest version."),
    GV_FIGURE_FRACTION },
  [AE_FIGURE_TRAFFIC] = {
    "traffic", N_("Traffic"), "traffic", N_("Data messages sent per node."), GV_FIGURE_RATIO },
  [AE_FIGURE_T_AVG] = {
    "t_avg", N_("Mean delay"), "t_avg",
    N_("The mean number of rounds from an update to a node first holding it."),
    GV_FIGURE_ROUNDS },
  [AE_FIGURE_T_LAST] = {
    "t_last", N_("Last delay"), "t_last",
    N_("The largest number of rounds from an update to a node first holding it."),
    GV_FIGURE_ROUNDS },
};

static const GvNodeClass ae_classes_one_key[AE_N_CLASSES_ONE_KEY] = {
  [AE_CLASS_STALE] = {
    "stale", N_("Out of date"), N_("The node does not hold the newest version."),
    GV_SLOT_IDLE, GV_CUE_HOLLOW },
  [AE_CLASS_UP_TO_DATE] = {
    "up-to-date", N_("Up to date"), N_("The node holds the newest version."),
    GV_SLOT_DONE, GV_CUE_PLAIN },
};

static const GvNodeClass ae_classes[AE_N_CLASSES] = {
  [AE_CLASS_NONE] = {
    "none", N_("No key up to date"), N_("The node holds no key at its newest version."),
    GV_SLOT_IDLE, GV_CUE_HOLLOW },
  [AE_CLASS_THIRD] = {
    "third", N_("Up to a third up to date"),
    N_("The node holds up to a third of the keys at their newest version."),
    GV_SLOT_PARTIAL, GV_CUE_QUARTER },
  [AE_CLASS_TWO_THIRDS] = {
    "two-thirds", N_("Up to two thirds up to date"),
    N_("The node holds up to two thirds of the keys at their newest version."),
    GV_SLOT_PARTIAL, GV_CUE_HALF },
  [AE_CLASS_MOST] = {
    "most", N_("Most keys up to date"),
    N_("The node holds more than two thirds of the keys at their newest version, not all."),
    GV_SLOT_PARTIAL, GV_CUE_THREE_QUARTERS },
  [AE_CLASS_ALL] = {
    "all", N_("Up to date"), N_("The node holds every key at its newest version."),
    GV_SLOT_DONE, GV_CUE_PLAIN },
  [AE_CLASS_FORMAT1] = {
    "out-of-date", N_("Out of date"),
    N_("The node misses a newest version; a run saved in format 1 does not say how many."),
    GV_SLOT_IDLE, GV_CUE_HOLLOW },
};

static inline guint32 *
replica (AntiEntropy *A,
         guint32      round,
         guint32      node)
{
  return A->versions[round & 1] + (gsize) node * A->n_keys;
}

static inline gboolean
has_newer (const guint32 *a,
           const guint32 *b,
           guint          n_keys)
{
  for (guint k = 0; k < n_keys; k++)
    if (a[k] > b[k])
      return TRUE;
  return FALSE;
}

static guint
n_newest (AntiEntropy   *A,
          const guint32 *rep)
{
  guint n = 0;

  for (guint k = 0; k < A->n_keys; k++)
    n += rep[k] == A->latest[k];
  return n;
}

/* A message's versions: in its first word with one key, else in the outbox's words. */
static inline const guint32 *
payload_of (const GvMsg   *msg,
            const guint32 *words)
{
  return msg->len == 0 ? &msg->a : words + msg->b;
}

static const GvNodeClass *
ae_get_classes (const GvParams *params,
                guint          *n_classes)
{
  if (gv_params_int (params, AE_PARAM_KEYS) == 1)
    {
      *n_classes = AE_N_CLASSES_ONE_KEY;
      return ae_classes_one_key;
    }
  *n_classes = AE_N_CLASSES;
  return ae_classes;
}

static void
ae_format1_classes (const GvParams *params,
                    guint8          classes[3])
{
  gboolean one = gv_params_int (params, AE_PARAM_KEYS) == 1;

  classes[0] = one ? AE_CLASS_STALE : AE_CLASS_FORMAT1;
  classes[1] = classes[2] = one ? AE_CLASS_UP_TO_DATE : AE_CLASS_ALL;
}

static void
ae_plain_classes (const GvParams *params,
                  guint          *uninformed,
                  guint          *informed)
{
  gboolean one = gv_params_int (params, AE_PARAM_KEYS) == 1;

  *uninformed = one ? AE_CLASS_STALE : AE_CLASS_NONE;
  *informed = one ? AE_CLASS_UP_TO_DATE : AE_CLASS_ALL;
}

static guint
ae_format1_state (const GvParams *params,
                  guint           cls)
{
  gboolean one = gv_params_int (params, AE_PARAM_KEYS) == 1;

  return cls == (one ? AE_CLASS_UP_TO_DATE : AE_CLASS_ALL) ? 1 : 0;
}

static gboolean
ae_validate (const GvParams  *params,
             GError         **error)
{
  guint32 keys = (guint32) gv_params_int (params, AE_PARAM_KEYS);

  for (guint i = 0; i < params->injections->len; i++)
    {
      const GvInjection *inj = &g_array_index (params->injections, GvInjection, i);

      if (inj->arg >= keys)
        {
          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("update %u names key %u, but the keys are numbered 0 to %u"),
                       i + 1, inj->arg, keys - 1);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
ae_describe_params (const GvParams *params)
{
  gint64 keys = gv_params_int (params, AE_PARAM_KEYS);

  return g_strdup_printf ("%s anti-entropy, %" G_GINT64_FORMAT " %s",
                          gv_exchange_choices[gv_params_choice (params, AE_PARAM_EXCHANGE)].id,
                          keys, keys == 1 ? "key" : "keys");
}

/* The model */

static void
ae_setup (GvEngine *engine)
{
  const GvParams *p = gv_engine_get_params (engine);
  AntiEntropy *A = g_new0 (AntiEntropy, 1);
  guint32 n = gv_engine_get_n_nodes (engine);
  gsize cells;

  A->exchange = gv_params_choice (p, AE_PARAM_EXCHANGE);
  A->n_keys = (guint) gv_params_int (p, AE_PARAM_KEYS);
  cells = (gsize) n * A->n_keys;
  A->versions[0] = g_new0 (guint32, cells);
  A->versions[1] = g_new0 (guint32, cells);
  if (p->recover_loses_state)
    A->ever = g_new0 (guint32, cells);
  A->since = g_new0 (guint32, n);

  for (guint k = 0; k < A->n_keys; k++)
    {
      guint32 zero = 0;
      guint64 initial = 0;

      A->inject_round[k] = g_array_new (FALSE, FALSE, sizeof (guint32));
      A->values[k] = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_array_append_val (A->inject_round[k], zero);
      g_array_append_val (A->values[k], initial);
    }

  gv_engine_set_protocol_data (engine, A);
  gv_engine_set_max_payload (engine, A->n_keys);
}

static void
ae_teardown (GvEngine *engine)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);

  g_free (A->versions[0]);
  g_free (A->versions[1]);
  g_free (A->ever);
  g_free (A->since);
  for (guint k = 0; k < A->n_keys; k++)
    {
      g_array_unref (A->inject_round[k]);
      g_array_unref (A->values[k]);
    }
  g_free (A);
  gv_engine_set_protocol_data (engine, NULL);
}

static void
ae_reset_node (GvEngine *engine,
               guint32   node)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);
  guint32 now = gv_engine_get_now (engine);

  /* Within a round this runs before begin_round carries the last state over. */
  guint32 visible = gv_engine_in_round (engine) ? now - 1 : now;

  memset (replica (A, visible, node), 0, sizeof (guint32) * A->n_keys);
  A->since[node] = GV_NEVER;
}

static void
ae_begin_round (GvShard *shard)
{
  AntiEntropy *A = gv_engine_get_protocol_data (shard->engine);

  memcpy (replica (A, shard->round, shard->begin), replica (A, shard->round - 1, shard->begin),
          sizeof (guint32) * A->n_keys * (shard->end - shard->begin));
}

static void
ae_act (GvShard *shard)
{
  AntiEntropy *A = gv_engine_get_protocol_data (shard->engine);
  const guint32 r = shard->round;
  const gboolean push = A->exchange != GV_EXCHANGE_PULL;

  for (guint32 u = shard->begin; u < shard->end; u++)
    {
      const guint32 *mine = replica (A, r - 1, u);
      guint32 n_peers;

      if (!shard->alive[u])
        continue;

      n_peers = gv_shard_pick_peers (shard, u);
      for (guint32 k = 0; k < n_peers; k++)
        {
          /* A push carries u's replica; a pull alone is a bare request. */
          GvMsg msg = {
            .dst = shard->peers[k],
            .src = u,
            .a = push && A->n_keys == 1 ? mine[0] : 0,
            .kind = AE_MSG,
            .flags = push ? GV_MSG_DATA : 0,
            .len = push && A->n_keys > 1 ? (guint16) A->n_keys : 0,
          };

          gv_shard_send (shard, &msg, mine);
        }
    }
}

static guint
ae_respond (GvShard       *shard,
            guint32        node,
            const GvMsg   *msg,
            const guint32 *payload,
            GvMsg         *reply,
            guint32       *reply_payload,
            guint32       *feedback)
{
  AntiEntropy *A = gv_engine_get_protocol_data (shard->engine);
  const guint32 *theirs = replica (A, shard->round - 1, node);
  guint answer = GV_RESPOND_NONE;

  if ((msg->flags & GV_MSG_DATA) &&
      !has_newer (msg->len == 0 ? &msg->a : payload, theirs, A->n_keys))
    answer |= GV_RESPOND_NOTHING_NEW;

  /* A pull: the node answers with its replica as it was at the end of the last round. */
  if (reply != NULL && A->exchange != GV_EXCHANGE_PUSH)
    {
      reply->kind = AE_MSG;
      reply->flags = GV_MSG_DATA;
      reply->b = 0;
      if (A->n_keys == 1)
        {
          reply->a = theirs[0];
          reply->len = 0;
        }
      else
        {
          reply->a = 0;
          reply->len = (guint16) A->n_keys;
          memcpy (reply_payload, theirs, sizeof (guint32) * A->n_keys);
        }
      answer |= GV_RESPOND_REPLY;
    }

  return answer;
}

static void
ae_apply (GvShard       *shard,
          const GvMsg   *msgs,
          const guint32 *words,
          gsize          n_msgs)
{
  AntiEntropy *A = gv_engine_get_protocol_data (shard->engine);
  const guint32 r = shard->round;
  GvTally *t = &shard->tally;

  for (gsize m = 0; m < n_msgs; m++)
    {
      const GvMsg *msg = &msgs[m];
      const guint32 *from = payload_of (msg, words);
      guint32 *to = replica (A, r, msg->dst);
      guint32 *ever = A->ever != NULL ? A->ever + (gsize) msg->dst * A->n_keys : NULL;
      gboolean useful = FALSE;

      for (guint k = 0; k < A->n_keys; k++)
        {
          guint32 before;

          if (from[k] <= to[k])
            continue;

          before = ever != NULL ? MAX (ever[k], to[k]) : to[k];
          to[k] = from[k];
          useful = TRUE;

          /* Each update of this key up to the new version is now held for the first
           * time. */
          for (guint32 ver = before + 1; ver <= from[k]; ver++)
            {
              guint32 delay = r - g_array_index (A->inject_round[k], guint32, ver);

              t->sums[SUM_NEW_VERSIONS]++;
              t->sums[SUM_DELAY_SUM] += delay;
              t->sums[SUM_DELAY_COUNT]++;
              t->maxima[MAX_DELAY] = MAX (t->maxima[MAX_DELAY], delay);
            }
          if (ever != NULL)
            ever[k] = MAX (ever[k], from[k]);
        }

      gv_shard_delivered (shard, msg, useful);
    }
}

static void
ae_settle (GvShard  *shard,
           gboolean  end_of_round)
{
  GvEngine *engine = shard->engine;
  AntiEntropy *A = gv_engine_get_protocol_data (engine);
  const guint32 now = gv_engine_get_now (engine);
  GvTally *t = &shard->tally;

  for (guint32 v = shard->begin; v < shard->end; v++)
    {
      const guint32 *rep = replica (A, now, v);
      guint newest = 0;

      for (guint k = 0; k < A->n_keys; k++)
        {
          gboolean is_newest = rep[k] == A->latest[k];

          newest += is_newest;
          if (shard->alive[v])
            t->sums[SUM_KEY_NEWEST + k] += is_newest;
        }

      if (end_of_round)
        {
          if (newest < A->n_keys)
            A->since[v] = GV_NEVER;
          else if (A->since[v] == GV_NEVER)
            A->since[v] = now;
        }

      if (!shard->alive[v])
        continue;

      t->sums[SUM_UP_TO_DATE] += newest == A->n_keys;

      if (t->ref < 0)
        t->ref = v;
      else if (t->agree &&
               memcmp (replica (A, now, (guint32) t->ref), rep, sizeof (guint32) * A->n_keys) != 0)
        t->agree = FALSE;
    }
}

/* Whether every alive replica agrees: each shard knows of its own, and one replica of
 * each is compared with the others'. */
static void
ae_merge (GvEngine *engine,
          GvTally  *merged)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);
  const guint32 now = gv_engine_get_now (engine);

  for (guint s = 0; s < gv_engine_get_n_shards (engine); s++)
    {
      const GvTally *t = &gv_engine_get_shard (engine, s)->tally;

      if (t->ref < 0)
        continue;
      if (!t->agree)
        merged->agree = FALSE;
      else if (merged->ref < 0)
        merged->ref = t->ref;
      else if (merged->agree &&
               memcmp (replica (A, now, (guint32) merged->ref), replica (A, now, (guint32) t->ref),
                       sizeof (guint32) * A->n_keys) != 0)
        merged->agree = FALSE;
    }
}

static void
ae_record (GvEngine      *engine,
           const GvTally *t,
           double        *values,
           double        *items,
           guint         *n_items)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);

  values[AE_METRIC_UP_TO_DATE] = (double) t->sums[SUM_UP_TO_DATE];
  values[AE_METRIC_NEW_VERSIONS] = (double) t->sums[SUM_NEW_VERSIONS];
  values[AE_METRIC_UP_TO_DATE_BY_KEY] = (double) t->sums[SUM_KEY_NEWEST];

  *n_items = A->n_keys;
  for (guint k = 0; k < A->n_keys; k++)
    items[k] = (double) t->sums[SUM_KEY_NEWEST + k];
}

static gboolean
ae_finished (GvEngine      *engine,
             const GvTally *t,
             gboolean      *converged)
{
  /* Converged when every alive replica is the same: anti-entropy never stops. */
  *converged = t->agree;
  return *converged && gv_engine_get_n_alive (engine) > 0;
}

static void
ae_summarise (GvEngine      *engine,
              const GvTally *last,
              const GvTally *totals,
              double        *figures)
{
  guint32 n = gv_engine_get_n_nodes (engine);
  guint32 alive = gv_engine_get_n_alive (engine);

  figures[AE_FIGURE_TRAFFIC] = (double) totals->sent_data / n;
  figures[AE_FIGURE_T_AVG] = totals->sums[SUM_DELAY_COUNT] > 0
                             ? (double) totals->sums[SUM_DELAY_SUM] / totals->sums[SUM_DELAY_COUNT]
                             : 0.0;
  figures[AE_FIGURE_T_LAST] = (double) totals->maxima[MAX_DELAY];
  figures[AE_FIGURE_RESIDUE] = alive > 0 ? 1.0 - (double) last->sums[SUM_UP_TO_DATE] / alive
                                         : 0.0;
}

static guint
class_of_count (AntiEntropy *A,
                guint        newest)
{
  if (A->n_keys == 1)
    return newest == 1 ? AE_CLASS_UP_TO_DATE : AE_CLASS_STALE;
  if (newest == 0)
    return AE_CLASS_NONE;
  if (newest == A->n_keys)
    return AE_CLASS_ALL;
  if (newest * 3 <= A->n_keys)
    return AE_CLASS_THIRD;
  if (newest * 3 <= 2 * A->n_keys)
    return AE_CLASS_TWO_THIRDS;
  return AE_CLASS_MOST;
}

static guint
ae_classify (GvEngine *engine,
             guint32   node,
             guint     view)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);
  const guint32 *rep = replica (A, gv_engine_get_now (engine), node);

  if (view > 0 && view <= A->n_keys)
    return rep[view - 1] == A->latest[view - 1] ? AE_CLASS_ALL : AE_CLASS_NONE;

  return class_of_count (A, n_newest (A, rep));
}

static gint64
ae_first_informed (GvEngine *engine,
                   guint32   node)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);

  return A->since[node] == GV_NEVER ? -1 : (gint64) A->since[node];
}

static void
ae_describe (GvEngine *engine,
             guint32   node,
             GArray   *rows)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);
  const guint32 *rep = replica (A, gv_engine_get_now (engine), node);

  gv_node_rows_add (rows, _("Keys up to date"), _("%u of %u"), n_newest (A, rep), A->n_keys);

  for (guint k = 0; k < A->n_keys; k++)
    {
      g_autofree char *label = g_strdup_printf (_("Key %u"), k);
      g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                g_array_index (A->values[k], guint64, rep[k]));

      if (rep[k] == A->latest[k])
        gv_node_rows_add (rows, label, _("%s (version %u, the newest)"), value, rep[k]);
      else
        gv_node_rows_add (rows, label, _("%s (version %u of %u)"), value, rep[k],
                          A->latest[k]);
    }
}

static gboolean
ae_can_inject (GvEngine  *engine,
               guint32    node,
               guint32    key,
               GError   **error)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);

  if (key >= A->n_keys)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("there is no key %u: the keys are numbered 0 to %u"), key, A->n_keys - 1);
      return FALSE;
    }

  if (A->latest[key] == G_MAXUINT32 - 1)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE, _("key %u has no versions left"), key);
      return FALSE;
    }

  return TRUE;
}

static gboolean
ae_inject (GvEngine  *engine,
           guint32    node,
           guint32    key,
           GError   **error)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);
  const guint32 n = gv_engine_get_n_nodes (engine);
  guint32 round = gv_engine_get_round (engine);
  guint32 *rep;
  guint64 value;

  if (!ae_can_inject (engine, node, key, error))
    return FALSE;

  A->latest[key]++;
  value = gv_rng_mix64 (gv_engine_get_seed_key (engine) ^ ((guint64) key << 32 | A->latest[key]))
          % 1000;
  g_array_append_val (A->inject_round[key], round);
  g_array_append_val (A->values[key], value);

  rep = replica (A, gv_engine_get_now (engine), node);
  rep[key] = A->latest[key];
  if (A->ever != NULL)
    A->ever[(gsize) node * A->n_keys + key] = A->latest[key];

  /* Everybody else now lacks the newest data; the writer may hold it. */
  for (guint32 v = 0; v < n; v++)
    A->since[v] = GV_NEVER;
  if (n_newest (A, rep) == A->n_keys)
    A->since[node] = round;

  return TRUE;
}

static guint
ae_n_items (GvEngine *engine)
{
  AntiEntropy *A = gv_engine_get_protocol_data (engine);

  return A->n_keys;
}

/* One update of one key spreads as a rumour that nobody stops spreading: the same
 * mean-field recurrence of synchronous rounds (push p' = p e^{-b(1-p)}, pull p' = p^{b+1},
 * with loss as a smaller effective fanout).  Several keys or updates, or updates that
 * start later, have no closed formula. */
static GPtrArray *
ae_theory (const GvParams    *params,
           const GvTopology  *topology,
           char             **why)
{
  g_autoptr(GPtrArray) curves = NULL;
  const char *reason = NULL;

  if (params->topology != GV_TOPOLOGY_COMPLETE)
    reason = N_("The formulas assume the complete graph, where any node can pick any other.");
  else if (params->crash > 0.0 || params->recover > 0.0)
    reason = N_("The formulas assume that no node crashes or recovers.");
  else if (gv_params_int (params, AE_PARAM_KEYS) > 1 || params->injections->len > 1)
    reason = N_("The formulas follow one update of one key; this run has several.");
  else if (gv_params_get_injection (params, 0).round != 0)
    reason = N_("The formulas start at round 0, but the update starts later.");
  else if ((guint64) params->fanout * 10 > params->n_nodes)
    reason = N_("The formulas assume a fanout much smaller than the number of nodes.");

  if (reason != NULL)
    {
      if (why != NULL)
        *why = g_strdup (_(reason));
      return NULL;
    }

  curves = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_theory_curve_free);
  g_ptr_array_add (curves,
                   gv_theory_mean_field_coverage (_("Mean field"),
                                                  _("Synchronous mean-field recurrence: one update "
                                                    "spreads as a rumour nobody stops (Demers et "
                                                    "al. 1987, §1.3)"),
                                                  gv_params_choice (params, AE_PARAM_EXCHANGE),
                                                  params->fanout, params->loss, params->n_nodes,
                                                  G_MAXUINT));

  return g_steal_pointer (&curves);
}

static const GvProtocolOps ae_ops = {
  .setup = ae_setup,
  .teardown = ae_teardown,
  .reset_node = ae_reset_node,
  .begin_round = ae_begin_round,
  .act = ae_act,
  .respond = ae_respond,
  .apply = ae_apply,
  .settle = ae_settle,
  .merge = ae_merge,
  .record = ae_record,
  .finished = ae_finished,
  .summarise = ae_summarise,
  .classify = ae_classify,
  .describe = ae_describe,
  .first_informed = ae_first_informed,
  .inject = ae_inject,
  .can_inject = ae_can_inject,
  .n_items = ae_n_items,
};

const GvProtocol gv_anti_entropy_protocol = {
  .id = "anti-entropy",
  .name = N_("Anti-entropy"),
  .description = N_("Every node holds a replica of a small key-value store.  Each round it "
                    "exchanges its whole replica with randomly chosen peers, and both keep, key "
                    "by key, the newer version, so that updates written anywhere reach every "
                    "replica (Demers et al. 1987, the Clearinghouse's anti-entropy)."),
  .params = ae_params,
  .n_params = AE_N_PARAMS,
  .injection = &ae_injection,
  .metrics = ae_metrics,
  .n_metrics = AE_N_METRICS,
  .primary = "up_to_date",
  .charts = ae_charts,
  .n_charts = G_N_ELEMENTS (ae_charts),
  .figures = ae_figures,
  .n_figures = AE_N_FIGURES,
  .classes = ae_get_classes,
  .plain_classes = ae_plain_classes,
  .view_label = N_("Key %u"),
  .format1_classes = ae_format1_classes,
  .format1_state = ae_format1_state,
  .format1_metrics = { "up_to_date", NULL, "new_versions" },
  .node_sums = AE_NODE_SUMS,
  .complete_only = FALSE,
  .uses_fanout = TRUE,
  .validate = ae_validate,
  .theory = ae_theory,
  .describe = ae_describe_params,
  .ops = &ae_ops,
};
