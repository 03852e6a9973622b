/* gv-news.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-news"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gv-error.h"
#include "gv-news.h"

const GvMetricSpec gv_news_metrics[GV_NEWS_N_METRICS] = {
  [GV_NEWS_METRIC_INFORMED] = {
    "informed", N_("Informed nodes"), N_("nodes"), N_("Alive nodes that hold the rumour."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NODES, NULL },
  [GV_NEWS_METRIC_NEWLY_INFORMED] = {
    "newly_informed", N_("Newly informed"), N_("nodes"),
    N_("Nodes that learnt the rumour in the round."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_NEWS_METRIC_REACHED] = {
    "reached", N_("Reached nodes"), N_("nodes"),
    N_("Nodes that have held the rumour at some time, crashed ones included."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [GV_NEWS_METRIC_PENDING] = {
    "pending", N_("Nodes still to send"), N_("nodes"),
    N_("Alive nodes that hold the rumour and have yet to pass it on."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NODES, NULL },
};

const GvNodeClass gv_news_classes[GV_NEWS_N_CLASSES] = {
  [GV_NEWS_CLASS_UNINFORMED] = {
    "uninformed", N_("Not yet informed"), N_("The node has not heard the rumour yet."),
    GV_SLOT_IDLE, GV_CUE_HOLLOW },
  [GV_NEWS_CLASS_PENDING] = {
    "sending", N_("Informed, about to send"),
    N_("The node holds the rumour and passes it on in its next round."),
    GV_SLOT_ACTIVE, GV_CUE_RING },
  [GV_NEWS_CLASS_DONE] = {
    "done", N_("Informed, stopped"),
    N_("The node holds the rumour and has passed it on as its plan says."),
    GV_SLOT_DONE, GV_CUE_PLAIN },
};

const GvFigureSpec gv_news_figures[GV_NEWS_N_FIGURES] = {
  [GV_NEWS_FIGURE_RESIDUE] = {
    "residue", N_("Residue"), "residue",
    N_("The fraction of alive nodes that never heard the rumour."), GV_FIGURE_FRACTION },
  [GV_NEWS_FIGURE_REACHED] = {
    "reached", N_("Reached"), "reached",
    N_("The fraction of all nodes that held the rumour at some time."), GV_FIGURE_FRACTION },
  [GV_NEWS_FIGURE_T_AVG] = {
    "t_avg", N_("Mean delay"), "t_avg",
    N_("The mean number of rounds from the rumour's start to a node first hearing it."),
    GV_FIGURE_ROUNDS },
  [GV_NEWS_FIGURE_T_LAST] = {
    "t_last", N_("Last delay"), "t_last",
    N_("The largest number of rounds from the rumour's start to a node first hearing it."),
    GV_FIGURE_ROUNDS },
};

static const char *const coverage_metrics[] = { "informed", NULL };
static const char *const reached_metrics[] = { "reached", NULL };

const GvChartSpec gv_news_charts[2] = {
  { "coverage", N_("Coverage"), N_("Informed nodes"), TRUE, coverage_metrics, NULL },
  { "reached", N_("Reached"), N_("Reached nodes"), FALSE, reached_metrics, NULL },
};

const GvInjectionSpec gv_news_injection = {
  .option = "rumor",
  .label = N_("Rumour"),
  .action = N_("New Rumour"),
  .help = N_("Where and when the rumour starts: one, at NODE at the end of ROUND."),
  .max = 1,
};

/* The protocol's data begins with its GvNews (gv-news.h). */
static inline GvNews *
news_of (GvEngine *engine)
{
  return gv_engine_get_protocol_data (engine);
}

/* The round @node first learned it: only a recovery that loses state makes it differ
 * from the round it learned it. */
static inline guint32
first_of (const GvNews *news,
          guint32       node)
{
  return news->first != NULL ? news->first[node] : news->informed[node];
}

void
gv_news_init (GvNews   *news,
              guint32   n_nodes,
              gboolean  recover_loses_state)
{
  news->n_nodes = n_nodes;
  news->status = g_new0 (guint8, n_nodes);
  news->informed = g_new (guint32, n_nodes);
  memset (news->informed, 0xff, sizeof (guint32) * n_nodes);
  if (recover_loses_state)
    {
      news->first = g_new (guint32, n_nodes);
      memset (news->first, 0xff, sizeof (guint32) * n_nodes);
    }
}

void
gv_news_clear (GvNews *news)
{
  g_clear_pointer (&news->status, g_free);
  g_clear_pointer (&news->informed, g_free);
  g_clear_pointer (&news->first, g_free);
}

void
gv_news_setup (GvEngine *engine)
{
  GvNews *news = g_new0 (GvNews, 1);

  gv_news_init (news, gv_engine_get_n_nodes (engine),
                gv_engine_get_params (engine)->recover_loses_state);
  gv_engine_set_protocol_data (engine, news);
}

void
gv_news_teardown (GvEngine *engine)
{
  GvNews *news = news_of (engine);

  gv_news_clear (news);
  g_free (news);
  gv_engine_set_protocol_data (engine, NULL);
}

void
gv_news_reset_node (GvEngine *engine,
                    guint32   node)
{
  GvNews *news = news_of (engine);

  news->status[node] = GV_NEWS_NONE;
  news->informed[node] = GV_NEVER;
}

gboolean
gv_news_can_inject (GvEngine  *engine,
                    guint32    node,
                    guint32    arg,
                    GError   **error)
{
  if (news_of (engine)->injected)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("a baseline spreads one rumour, and this run has it already"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gv_news_inject (GvEngine  *engine,
                guint32    node,
                guint32    arg,
                GError   **error)
{
  GvNews *news = news_of (engine);
  guint32 round = gv_engine_get_round (engine);

  if (!gv_news_can_inject (engine, node, arg, error))
    return FALSE;

  news->injected = TRUE;
  news->origin = node;
  news->inject_round = round;
  news->status[node] = GV_NEWS_PENDING;
  news->informed[node] = round;
  if (news->first != NULL)
    news->first[node] = round;
  return TRUE;
}

gboolean
gv_news_deliver (GvNews       *news,
                 GvShard      *shard,
                 guint32       node,
                 guint32       round,
                 GvNewsStatus  status)
{
  GvTally *t = &shard->tally;

  if (news->status[node] != GV_NEWS_NONE)
    return FALSE;

  /* Before informed is written: without first, it is what first_of() reads. */
  if (first_of (news, node) == GV_NEVER)
    {
      if (news->first != NULL)
        news->first[node] = round;
      t->sums[GV_NEWS_SUM_DELAY_SUM] += round - news->inject_round;
      t->sums[GV_NEWS_SUM_DELAY_COUNT]++;
      t->maxima[0] = MAX (t->maxima[0], round - news->inject_round);
    }
  news->status[node] = (guint8) status;
  news->informed[node] = round;
  t->sums[GV_NEWS_SUM_NEWLY]++;
  return TRUE;
}

void
gv_news_apply (GvShard       *shard,
               const GvMsg   *msgs,
               const guint32 *words,
               gsize          n_msgs)
{
  GvNews *news = news_of (shard->engine);

  for (gsize k = 0; k < n_msgs; k++)
    gv_shard_delivered (shard, &msgs[k],
                        gv_news_deliver (news, shard, msgs[k].dst, shard->round,
                                         GV_NEWS_PENDING));
}

void
gv_news_settle (GvShard  *shard,
                gboolean  end_of_round)
{
  GvNews *news = news_of (shard->engine);
  GvTally *t = &shard->tally;

  for (guint32 v = shard->begin; v < shard->end; v++)
    {
      guint8 s = news->status[v];
      gboolean never = first_of (news, v) == GV_NEVER;

      t->sums[GV_NEWS_SUM_REACHED] += !never;
      if (shard->alive[v])
        {
          t->sums[GV_NEWS_SUM_INFORMED] += s != GV_NEWS_NONE;
          t->sums[GV_NEWS_SUM_PENDING] += s == GV_NEWS_PENDING;
          t->sums[GV_NEWS_SUM_NEVER] += never;
        }
      else
        t->sums[GV_NEWS_SUM_PENDING_CRASHED] += s == GV_NEWS_PENDING;
    }
}

void
gv_news_record (GvEngine      *engine,
                const GvTally *t,
                double        *values,
                double        *items,
                guint         *n_items)
{
  values[GV_NEWS_METRIC_INFORMED] = (double) t->sums[GV_NEWS_SUM_INFORMED];
  values[GV_NEWS_METRIC_NEWLY_INFORMED] = (double) t->sums[GV_NEWS_SUM_NEWLY];
  values[GV_NEWS_METRIC_REACHED] = (double) t->sums[GV_NEWS_SUM_REACHED];
  values[GV_NEWS_METRIC_PENDING] = (double) t->sums[GV_NEWS_SUM_PENDING];
  *n_items = 0;
}

gboolean
gv_news_finished (GvEngine      *engine,
                  const GvTally *t,
                  gboolean      *converged)
{
  const GvParams *p = gv_engine_get_params (engine);

  *converged = t->sums[GV_NEWS_SUM_INFORMED] == gv_engine_get_n_alive (engine);
  if (*converged)
    return TRUE;

  /* Nobody alive has anything left to send, and nobody down who has will come back. */
  return t->sums[GV_NEWS_SUM_PENDING] == 0 &&
         (p->recover == 0.0 || t->sums[GV_NEWS_SUM_PENDING_CRASHED] == 0);
}

void
gv_news_summarise (GvEngine      *engine,
                   const GvTally *last,
                   const GvTally *totals,
                   double        *figures)
{
  guint32 alive = gv_engine_get_n_alive (engine);

  figures[GV_NEWS_FIGURE_RESIDUE] = alive > 0 ? (double) last->sums[GV_NEWS_SUM_NEVER] / alive
                                              : 0.0;
  figures[GV_NEWS_FIGURE_REACHED] = (double) last->sums[GV_NEWS_SUM_REACHED] /
                                    gv_engine_get_n_nodes (engine);
  figures[GV_NEWS_FIGURE_T_AVG] = totals->sums[GV_NEWS_SUM_DELAY_COUNT] > 0
                                  ? (double) totals->sums[GV_NEWS_SUM_DELAY_SUM] /
                                    totals->sums[GV_NEWS_SUM_DELAY_COUNT]
                                  : 0.0;
  figures[GV_NEWS_FIGURE_T_LAST] = (double) totals->maxima[0];
}

guint
gv_news_classify (GvEngine *engine,
                  guint32   node,
                  guint     view)
{
  switch (news_of (engine)->status[node])
    {
    case GV_NEWS_PENDING:
      return GV_NEWS_CLASS_PENDING;
    case GV_NEWS_DONE:
      return GV_NEWS_CLASS_DONE;
    case GV_NEWS_NONE:
    default:
      return GV_NEWS_CLASS_UNINFORMED;
    }
}

void
gv_news_describe (GvEngine *engine,
                  guint32   node,
                  GArray   *rows)
{
  GvNews *news = news_of (engine);

  if (node == news->origin && news->injected)
    gv_node_rows_add (rows, _("Role"), "%s", _("the origin of the rumour"));

  switch (news->status[node])
    {
    case GV_NEWS_PENDING:
      gv_node_rows_add (rows, _("Rumour"), _("heard in round %u, sends in its next round"),
                        news->informed[node]);
      break;
    case GV_NEWS_DONE:
      gv_node_rows_add (rows, _("Rumour"), _("heard in round %u, has sent"), news->informed[node]);
      break;
    case GV_NEWS_NONE:
    default:
      gv_node_rows_add (rows, _("Rumour"), "%s", _("not heard"));
      break;
    }
}

gint64
gv_news_first_informed (GvEngine *engine,
                        guint32   node)
{
  guint32 first = first_of (news_of (engine), node);

  return first == GV_NEVER ? -1 : (gint64) first;
}

const GvNodeClass *
gv_news_get_classes (const GvParams *params,
                     guint          *n_classes)
{
  *n_classes = GV_NEWS_N_CLASSES;
  return gv_news_classes;
}

void
gv_news_plain_classes (const GvParams *params,
                       guint          *uninformed,
                       guint          *informed)
{
  *uninformed = GV_NEWS_CLASS_UNINFORMED;
  *informed = GV_NEWS_CLASS_DONE;
}

const char *
gv_news_why_not (const GvParams *params)
{
  if (gv_params_get_injection (params, 0).round != 0)
    return N_("The formulas start at round 0, but the rumour starts later.");
  if (params->loss > 0.0)
    return N_("The formulas assume that no message is lost.");
  if (params->recover > 0.0)
    return N_("The formulas assume that a crashed node stays down.");
  return NULL;
}

gboolean
gv_news_is_exact (const GvParams *params)
{
  return gv_news_why_not (params) == NULL && params->crash == 0.0;
}
