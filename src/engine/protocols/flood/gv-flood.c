/* gv-flood.c: flooding, the baseline that tells every neighbour once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node that first hears the rumour sends it to every neighbour in the next round, and
 * never again.  Without faults the rumour reaches everyone in the origin's eccentricity
 * (its greatest distance to a node, in hops), and every edge carries it at most twice.
 * It needs no randomness: what it costs is what gossip saves.
 */

#define G_LOG_DOMAIN "gv-flood"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "gv-error.h"
#include "gv-network.h"
#include "gv-news.h"

/* A round holds up to twice the edges in messages, 20 bytes each in the outboxes: at
 * most 400 MB of them. */
#define MAX_FLOOD_MESSAGES 20000000.0

enum
{
  FLOOD_MSG = 1,
};

static void
flood_act (GvShard *shard)
{
  GvNews *news = gv_engine_get_protocol_data (shard->engine);
  const GvTopology *topo = gv_engine_get_topology (shard->engine);

  for (guint32 u = shard->begin; u < shard->end; u++)
    {
      guint32 degree;

      if (news->status[u] != GV_NEWS_PENDING || !shard->alive[u])
        continue;

      degree = gv_topology_degree (topo, u);
      for (guint32 i = 0; i < degree; i++)
        {
          GvMsg msg = {
            .dst = gv_topology_neighbor (topo, u, i),
            .src = u,
            .kind = FLOOD_MSG,
            .flags = GV_MSG_DATA,
          };

          gv_shard_send (shard, &msg, NULL);
        }
      news->status[u] = GV_NEWS_DONE;
    }
}

static gboolean
flood_validate (const GvParams  *params,
                GError         **error)
{
  /* Twice the edges, a bound on what one round sends. */
  if (gv_params_edge_ends (params) > MAX_FLOOD_MESSAGES)
    {
      g_autofree char *topology = gv_params_topology_to_string (params);

      if (params->topology == GV_TOPOLOGY_COMPLETE)
        g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                     _("flooding the complete graph of %u nodes sends about %.3g messages, one "
                       "over every edge each way; at most %.0e are supported: use fewer nodes "
                       "or a sparse topology"),
                     params->n_nodes, gv_params_edge_ends (params), MAX_FLOOD_MESSAGES);
      else
        g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                     _("flooding %s with %u nodes sends about %.3g messages, one over every edge "
                       "each way; at most %.0e are supported: use fewer nodes or fewer edges"),
                     topology, params->n_nodes, gv_params_edge_ends (params), MAX_FLOOD_MESSAGES);
      return FALSE;
    }
  return TRUE;
}

/* The origin's distance to every node, in hops (GV_NEVER where it cannot reach), by
 * breadth-first search over the network. */
static guint32 *
distances (const GvTopology *topo,
           guint32           n,
           guint32           origin)
{
  guint32 *dist = g_new (guint32, n);
  g_autofree guint32 *queue = g_new (guint32, n);
  guint32 head = 0, tail = 0;

  for (guint32 v = 0; v < n; v++)
    dist[v] = GV_NEVER;
  dist[origin] = 0;
  queue[tail++] = origin;

  while (head < tail)
    {
      guint32 u = queue[head++];
      guint32 degree = gv_topology_degree (topo, u);

      for (guint32 i = 0; i < degree; i++)
        {
          guint32 v = gv_topology_neighbor (topo, u, i);

          if (dist[v] == GV_NEVER)
            {
              dist[v] = dist[u] + 1;
              queue[tail++] = v;
            }
        }
    }

  return dist;
}

/* How many nodes are within r hops of the origin, for r up to its eccentricity. */
static GArray *
layers (const guint32 *dist,
        guint32        n)
{
  GArray *within = g_array_new (FALSE, TRUE, sizeof (guint32));

  for (guint32 v = 0; v < n; v++)
    if (dist[v] != GV_NEVER)
      {
        guint32 zero = 0;

        while (within->len <= dist[v])
          g_array_append_val (within, zero);
        g_array_index (within, guint32, dist[v])++;
      }

  for (guint r = 1; r < within->len; r++)
    g_array_index (within, guint32, r) += g_array_index (within, guint32, r - 1);

  return within;
}

static const char *
why_not (const GvParams   *params,
         const GvTopology *topology)
{
  const char *reason = gv_news_why_not (params);

  if (reason != NULL)
    return reason;
  if (params->crash > 0.0 && params->topology != GV_TOPOLOGY_COMPLETE)
    return N_("Under crashes a flood's reach on a sparse network depends on its paths "
              "(percolation); only the complete graph has a formula.");
  if (topology == NULL && params->topology != GV_TOPOLOGY_COMPLETE)
    return N_("A flood's rounds are the origin's distances in this network, which is not at "
              "hand here.");
  return NULL;
}

static GPtrArray *
flood_theory (const GvParams    *params,
              const GvTopology  *topology,
              char             **why)
{
  g_autoptr(GPtrArray) curves = NULL;
  const char *reason = why_not (params, topology);
  double n = params->n_nodes;
  guint32 origin = gv_params_get_injection (params, 0).node;
  GvTheoryCurve *curve;

  if (reason != NULL)
    {
      if (why != NULL)
        *why = g_strdup (_(reason));
      return NULL;
    }

  curves = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_theory_curve_free);

  if (params->crash > 0.0)
    {
      /* The complete graph: the origin reaches every node alive in round 1 if it is
       * alive itself, and nobody is left for later: 1 + (n - 1)(1 - c)^2. */
      double through = (1.0 - params->crash) * (1.0 - params->crash);

      curve = gv_theory_curve_new (_("Expected reach"),
                                   _("Round 1 reaches every node alive: 1 + (n − 1)(1 − c)²"),
                                   "reached", GV_THEORY_CURVE, 5);
      for (guint r = 0; r < 5; r++)
        {
          curve->x[r] = r;
          curve->y[r] = r == 0 ? 1.0 / n : (1.0 + (n - 1.0) * through) / n;
        }
      g_ptr_array_add (curves, curve);
      return g_steal_pointer (&curves);
    }

  if (params->topology == GV_TOPOLOGY_COMPLETE)
    {
      curve = gv_theory_curve_new (_("Exact"), _("Every node is the origin's neighbour"),
                                   "coverage", GV_THEORY_CURVE, 2);
      curve->x[0] = 0;
      curve->y[0] = 1.0 / n;
      curve->x[1] = 1;
      curve->y[1] = 1.0;
    }
  else
    {
      g_autofree guint32 *dist = distances (topology, params->n_nodes, origin);
      g_autoptr(GArray) within = layers (dist, params->n_nodes);

      curve = gv_theory_curve_new (_("Exact"), _("Nodes within r hops of the origin"),
                                   "coverage", GV_THEORY_CURVE, within->len);
      for (guint r = 0; r < within->len; r++)
        {
          curve->x[r] = r;
          curve->y[r] = g_array_index (within, guint32, r) / n;
        }
    }
  g_ptr_array_add (curves, curve);

  return g_steal_pointer (&curves);
}

/* Without faults: the eccentricity of the origin in rounds (when it reaches everyone),
 * and one message an edge end of every node informed before the last round. */
static gboolean
flood_predict (const GvParams    *params,
               const GvTopology  *topology,
               double            *rounds,
               double            *messages,
               const char       **source)
{
  guint32 origin = gv_params_get_injection (params, 0).node;
  g_autoptr(GArray) within = NULL;
  guint32 n = params->n_nodes;
  g_autofree guint32 *dist = NULL;
  double sent = 0;

  *rounds = *messages = NAN;
  if (!gv_news_is_exact (params) || why_not (params, topology) != NULL)
    return FALSE;

  *source = N_("The origin's eccentricity; the degrees of the nodes informed before the last "
               "round");
  if (params->topology == GV_TOPOLOGY_COMPLETE)
    {
      *rounds = 1;
      *messages = n - 1;
      return TRUE;
    }

  dist = distances (topology, n, origin);
  within = layers (dist, n);
  /* Not everyone reachable: the flood dies out one round after the farthest heard. */
  *rounds = g_array_index (within, guint32, within->len - 1) != n ? within->len : within->len - 1;

  /* Every node informed before the run ends sends once along each of its edges. */
  for (guint32 v = 0; v < n; v++)
    if (dist[v] != GV_NEVER && dist[v] < *rounds)
      sent += gv_topology_degree (topology, v);
  *messages = sent;
  return TRUE;
}

static const GvProtocolOps flood_ops = {
  GV_NEWS_OPS,
  .setup = gv_news_setup,
  .teardown = gv_news_teardown,
  .reset_node = gv_news_reset_node,
  .act = flood_act,
  .apply = gv_news_apply,
  .describe = gv_news_describe,
  .inject = gv_news_inject,
};

const GvProtocol gv_flood_protocol = {
  .id = "flood",
  .name = N_("Flooding"),
  .description = N_("The baseline that gossip is measured against: a node that first hears the "
                    "rumour sends it to every one of its neighbours in the next round, and never "
                    "again.  It reaches everyone in the origin's eccentricity, as fast as any "
                    "protocol can, at the price of a message over every edge both ways."),
  GV_NEWS_DECLARATIONS,
  .complete_only = FALSE,
  .uses_fanout = FALSE,
  .validate = flood_validate,
  .theory = flood_theory,
  .predict = flood_predict,
  .ops = &flood_ops,
};
