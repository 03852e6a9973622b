/* gv-central.c: a central sender, the baseline without gossip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The origin holds the list of all nodes and sends the rumour to `fanout` of them a
 * round, in order (positions counted from the origin in node order); nobody else
 * sends.  Without faults it takes ⌈(n − 1)/fanout⌉ rounds and n − 1 messages; if the
 * origin crashes, nobody else hears.  A target that is down when its turn comes misses
 * the rumour for good.
 */

#define G_LOG_DOMAIN "gv-central"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "gv-network.h"
#include "gv-news.h"

enum
{
  CENTRAL_MSG = 1,
};

/* The origin's list: its GvNews first, for the shared GvProtocolOps (gv-news.h). */
typedef struct
{
  GvNews   news;
  guint32  cursor;   /* targets sent to so far */
} Central;

static void
central_setup (GvEngine *engine)
{
  Central *C = g_new0 (Central, 1);

  gv_news_init (&C->news, gv_engine_get_n_nodes (engine),
                gv_engine_get_params (engine)->recover_loses_state);
  gv_engine_set_protocol_data (engine, C);
}

static void
central_teardown (GvEngine *engine)
{
  Central *C = gv_engine_get_protocol_data (engine);

  gv_news_clear (&C->news);
  g_free (C);
  gv_engine_set_protocol_data (engine, NULL);
}

static void
central_reset_node (GvEngine *engine,
                    guint32   node)
{
  Central *C = gv_engine_get_protocol_data (engine);

  gv_news_reset_node (engine, node);
  /* An origin that forgot the rumour has nothing to send. */
  if (C->news.injected && node == C->news.origin)
    C->cursor = gv_engine_get_n_nodes (engine) - 1;
}

static void
central_act (GvShard *shard)
{
  Central *C = gv_engine_get_protocol_data (shard->engine);
  GvNews *news = &C->news;
  guint32 n = gv_engine_get_n_nodes (shard->engine);
  guint32 origin = news->origin;
  guint32 fanout = shard->params->fanout;

  if (!news->injected || origin < shard->begin || origin >= shard->end ||
      news->status[origin] != GV_NEWS_PENDING || !shard->alive[origin])
    return;

  for (guint32 k = 0; k < fanout && C->cursor < n - 1; k++)
    {
      GvMsg msg = {
        .dst = (guint32) (((guint64) origin + 1 + C->cursor++) % n),
        .src = origin,
        .kind = CENTRAL_MSG,
        .flags = GV_MSG_DATA,
      };

      gv_shard_send (shard, &msg, NULL);
    }

  if (C->cursor >= n - 1)
    news->status[origin] = GV_NEWS_DONE;
}

static void
central_apply (GvShard       *shard,
               const GvMsg   *msgs,
               const guint32 *words,
               gsize          n_msgs)
{
  Central *C = gv_engine_get_protocol_data (shard->engine);

  /* A target only listens: it holds the rumour and is done. */
  for (gsize k = 0; k < n_msgs; k++)
    gv_shard_delivered (shard, &msgs[k],
                        gv_news_deliver (&C->news, shard, msgs[k].dst, shard->round,
                                         GV_NEWS_DONE));
}

static void
central_describe (GvEngine *engine,
                  guint32   node,
                  GArray   *rows)
{
  Central *C = gv_engine_get_protocol_data (engine);

  gv_news_describe (engine, node, rows);
  if (C->news.injected && node == C->news.origin)
    gv_node_rows_add (rows, _("Sent to"), _("%u of %u nodes"), C->cursor,
                      gv_engine_get_n_nodes (engine) - 1);
}

static gboolean
central_inject (GvEngine  *engine,
                guint32    node,
                guint32    arg,
                GError   **error)
{
  Central *C = gv_engine_get_protocol_data (engine);

  if (!gv_news_inject (engine, node, arg, error))
    return FALSE;
  C->cursor = 0;
  return TRUE;
}

/* Targets of round k (from 1): fanout each, the last round what is left. */
static double
targets_by (const GvParams *params,
            double          k)
{
  return MIN (k * params->fanout, params->n_nodes - 1.0);
}

static GPtrArray *
central_theory (const GvParams    *params,
                const GvTopology  *topology,
                char             **why)
{
  g_autoptr(GPtrArray) curves = NULL;
  const char *reason = gv_news_why_not (params);
  double n = params->n_nodes;
  guint rounds = (guint) ceil ((n - 1.0) / params->fanout);
  GvTheoryCurve *curve;

  if (reason != NULL)
    {
      if (why != NULL)
        *why = g_strdup (_(reason));
      return NULL;
    }

  curves = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_theory_curve_free);

  if (params->crash == 0.0)
    {
      curve = gv_theory_curve_new (_("Exact"),
                                   _("fanout new nodes a round: (1 + min(rb, n − 1))/n"),
                                   "coverage", GV_THEORY_CURVE, rounds + 1);
      for (guint r = 0; r <= rounds; r++)
        {
          curve->x[r] = r;
          curve->y[r] = (1.0 + targets_by (params, r)) / n;
        }
    }
  else
    {
      /* A target of round k hears it if the origin and the target are both still up in
       * round k: (1 - c)^2k, summed over the targets. */
      double reached = 1.0;

      curve = gv_theory_curve_new (_("Expected reach"),
                                   _("Targets of round k hear it with probability (1 − c)^{2k}"),
                                   "reached", GV_THEORY_CURVE, rounds + 1);
      for (guint r = 0; r <= rounds; r++)
        {
          if (r > 0)
            reached += (targets_by (params, r) - targets_by (params, r - 1)) *
                       pow (1.0 - params->crash, 2.0 * r);
          curve->x[r] = r;
          curve->y[r] = reached / n;
        }
    }
  g_ptr_array_add (curves, curve);

  return g_steal_pointer (&curves);
}

static gboolean
central_predict (const GvParams    *params,
                 const GvTopology  *topology,
                 double            *rounds,
                 double            *messages,
                 const char       **source)
{
  *rounds = *messages = NAN;
  if (!gv_news_is_exact (params))
    return FALSE;

  *rounds = ceil ((params->n_nodes - 1.0) / params->fanout);
  *messages = params->n_nodes - 1.0;
  *source = N_("⌈(n − 1)/fanout⌉ rounds, n − 1 messages");
  return TRUE;
}

static const GvProtocolOps central_ops = {
  GV_NEWS_OPS,
  .setup = central_setup,
  .teardown = central_teardown,
  .reset_node = central_reset_node,
  .act = central_act,
  .apply = central_apply,
  .describe = central_describe,
  .inject = central_inject,
};

const GvProtocol gv_central_protocol = {
  .id = "central",
  .name = N_("Central sender"),
  /* The spaces around "−" in formulas are no-break spaces: lines never split them. */
  .description = N_("The baseline without gossip: the origin keeps the list of every node and "
                    "sends the rumour to fanout of them each round, in order, while nobody else "
                    "sends.  It needs ⌈(n − 1)/fanout⌉ rounds and n − 1 messages, and when the "
                    "origin crashes, nobody else hears."),
  GV_NEWS_DECLARATIONS,
  .complete_only = TRUE,
  .uses_fanout = TRUE,
  .theory = central_theory,
  .predict = central_predict,
  .ops = &central_ops,
};
