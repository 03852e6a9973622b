/* gv-tree.c: a balanced spanning tree, the baseline of structured dissemination
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree has degree `fanout` and is rooted at the origin: counting positions from
 * the origin in node order (the origin is 0, the next node 1, …), position k's children
 * are positions fanout·k + 1 … fanout·k + fanout.  A node sends to its children in the
 * round after it is informed.  Without faults the run takes the tree's depth in rounds
 * and n − 1 messages: 9 rounds for 1,023 nodes at fanout 2.  A crashed node cuts off its
 * whole subtree, and nothing repairs it.
 */

#define G_LOG_DOMAIN "gv-tree"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "gv-network.h"
#include "gv-news.h"

enum
{
  TREE_MSG = 1,
};

static inline guint64
position_of (guint32 node,
             guint32 origin,
             guint32 n)
{
  return ((guint64) node + n - origin) % n;
}

static inline guint32
node_at (guint64 position,
         guint32 origin,
         guint32 n)
{
  return (guint32) ((position + origin) % n);
}

/* The depth of position @k in a tree of degree @b: the root is at depth 0. */
static guint
depth_of (guint64 k,
          guint32 b)
{
  guint depth = 0;

  while (k > 0)
    {
      k = (k - 1) / b;
      depth++;
    }
  return depth;
}

static void
tree_act (GvShard *shard)
{
  GvNews *news = gv_engine_get_protocol_data (shard->engine);
  guint32 n = gv_engine_get_n_nodes (shard->engine);
  guint32 b = shard->params->fanout;

  for (guint32 u = shard->begin; u < shard->end; u++)
    {
      guint64 k;

      if (news->status[u] != GV_NEWS_PENDING || !shard->alive[u])
        continue;

      k = position_of (u, news->origin, n);
      for (guint64 child = (guint64) b * k + 1; child <= (guint64) b * k + b && child < n; child++)
        {
          GvMsg msg = {
            .dst = node_at (child, news->origin, n),
            .src = u,
            .kind = TREE_MSG,
            .flags = GV_MSG_DATA,
          };

          gv_shard_send (shard, &msg, NULL);
        }
      news->status[u] = GV_NEWS_DONE;
    }
}

static void
tree_describe (GvEngine *engine,
               guint32   node,
               GArray   *rows)
{
  GvNews *news = gv_engine_get_protocol_data (engine);
  guint32 n = gv_engine_get_n_nodes (engine);
  guint32 b = gv_engine_get_params (engine)->fanout;
  guint64 k = position_of (node, news->origin, n);

  gv_news_describe (engine, node, rows);
  if (k > 0)
    gv_node_rows_add (rows, _("Parent"), _("node %u"), node_at ((k - 1) / b, news->origin, n));
  gv_node_rows_add (rows, _("Depth"), "%u", depth_of (k, b));
}

/* How many positions lie at each depth, up to the tree's depth. */
static GArray *
depth_counts (guint32 n,
              guint32 b)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (guint64));
  guint64 first = 0, width = 1;

  while (first < n)
    {
      guint64 here = MIN (width, n - first);

      g_array_append_val (counts, here);
      first += width;
      width *= b;
    }
  return counts;
}

static GPtrArray *
tree_theory (const GvParams    *params,
             const GvTopology  *topology,
             char             **why)
{
  g_autoptr(GPtrArray) curves = NULL;
  g_autoptr(GArray) counts = NULL;
  const char *reason = gv_news_why_not (params);
  double n = params->n_nodes;
  double c = params->crash;
  double reached = 0.0;
  GvTheoryCurve *curve;

  if (reason != NULL)
    {
      if (why != NULL)
        *why = g_strdup (_(reason));
      return NULL;
    }

  curves = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_theory_curve_free);
  counts = depth_counts (params->n_nodes, params->fanout);

  /* A node at depth d hears it if each ancestor, at depth j, is still up in round j + 1
   * when it sends, and the node itself in round d: (1 - c)^(d(d+1)/2 + d). */
  curve = c == 0.0
          ? gv_theory_curve_new (_("Exact"), _("The positions within depth r"), "coverage",
                                 GV_THEORY_CURVE, counts->len)
          : gv_theory_curve_new (_("Expected reach"),
                                 _("Depth d hears it with probability (1 − c)^{d(d+1)/2 + d}"),
                                 "reached", GV_THEORY_CURVE, counts->len);
  for (guint d = 0; d < counts->len; d++)
    {
      reached += g_array_index (counts, guint64, d) * pow (1.0 - c, d * (d + 1) / 2.0 + d);
      curve->x[d] = d;
      curve->y[d] = reached / n;
    }
  g_ptr_array_add (curves, curve);

  return g_steal_pointer (&curves);
}

static gboolean
tree_predict (const GvParams    *params,
              const GvTopology  *topology,
              double            *rounds,
              double            *messages,
              const char       **source)
{
  *rounds = *messages = NAN;
  if (!gv_news_is_exact (params))
    return FALSE;

  /* The depth of the last position is the tree's. */
  *rounds = depth_of (params->n_nodes - 1, params->fanout);
  *messages = params->n_nodes - 1.0;
  *source = N_("The tree's depth in rounds, n − 1 messages");
  return TRUE;
}

static const GvProtocolOps tree_ops = {
  GV_NEWS_OPS,
  .setup = gv_news_setup,
  .teardown = gv_news_teardown,
  .reset_node = gv_news_reset_node,
  .act = tree_act,
  .apply = gv_news_apply,
  .describe = tree_describe,
  .inject = gv_news_inject,
};

const GvProtocol gv_tree_protocol = {
  .id = "tree",
  .name = N_("Spanning tree"),
  /* The spaces around "−" in formulas are no-break spaces: lines never split them. */
  .description = N_("The baseline of structured dissemination: a balanced tree of degree "
                    "fanout, rooted at the origin, in which each node sends to its children in "
                    "the round after it hears.  It takes the tree's depth in rounds and n − 1 "
                    "messages, the fewest possible, but a crashed node cuts off its whole "
                    "subtree."),
  GV_NEWS_DECLARATIONS,
  .complete_only = TRUE,
  .uses_fanout = TRUE,
  .theory = tree_theory,
  .predict = tree_predict,
  .ops = &tree_ops,
};
