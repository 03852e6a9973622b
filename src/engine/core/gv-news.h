/* gv-news.h: one piece of news, which each node holds or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the protocols that spread a single rumour by a fixed plan share: who holds it
 * and since when, who still has to pass it on, and what that makes of the round's
 * metrics, the summary, the classes and the inspector.  The baselines (flood, central,
 * tree) differ only in whom a node sends to; each declares these metrics, classes and
 * figures as its own, and puts the functions below in its GvProtocolOps wherever it
 * does nothing of its own.
 */

#pragma once

#include "gv-shard.h"

G_BEGIN_DECLS

typedef enum
{
  GV_NEWS_NONE,      /* does not hold it */
  GV_NEWS_PENDING,   /* holds it, and has yet to pass it on */
  GV_NEWS_DONE,      /* holds it, and has done what it does with it */
} GvNewsStatus;

/* The metrics, classes and figures, in the order the declarations below give them. */
enum
{
  GV_NEWS_METRIC_INFORMED,
  GV_NEWS_METRIC_NEWLY_INFORMED,
  GV_NEWS_METRIC_REACHED,
  GV_NEWS_METRIC_PENDING,
  GV_NEWS_N_METRICS
};

enum
{
  GV_NEWS_CLASS_UNINFORMED,
  GV_NEWS_CLASS_PENDING,
  GV_NEWS_CLASS_DONE,
  GV_NEWS_N_CLASSES
};

enum
{
  GV_NEWS_FIGURE_RESIDUE,
  GV_NEWS_FIGURE_REACHED,
  GV_NEWS_FIGURE_T_AVG,
  GV_NEWS_FIGURE_T_LAST,
  GV_NEWS_N_FIGURES
};

/* Tally sums: node counts first. */
enum
{
  GV_NEWS_SUM_INFORMED,         /* alive nodes that hold it */
  GV_NEWS_SUM_PENDING,          /* alive nodes that still have to pass it on */
  GV_NEWS_SUM_PENDING_CRASHED,  /* crashed ones that would, on recovery */
  GV_NEWS_SUM_NEVER,            /* alive nodes that never held it */
  GV_NEWS_SUM_REACHED,          /* nodes, alive or not, that ever held it */
  GV_NEWS_NODE_SUMS,
  GV_NEWS_SUM_NEWLY = GV_NEWS_NODE_SUMS,
  GV_NEWS_SUM_DELAY_SUM,
  GV_NEWS_SUM_DELAY_COUNT,
  GV_NEWS_N_SUMS
};

extern const GvMetricSpec    gv_news_metrics[GV_NEWS_N_METRICS];
extern const GvNodeClass     gv_news_classes[GV_NEWS_N_CLASSES];
extern const GvFigureSpec    gv_news_figures[GV_NEWS_N_FIGURES];
extern const GvChartSpec     gv_news_charts[2];
extern const GvInjectionSpec gv_news_injection;

typedef struct
{
  guint32   n_nodes;
  gboolean  injected;
  guint32   origin;
  guint32   inject_round;
  guint8   *status;     /* GvNewsStatus */
  guint32  *informed;   /* the round it learned it, or GV_NEVER */
  guint32  *first;      /* only when recovery loses state: the round it first learned it */
} GvNews;

/* For a protocol whose data holds more: its own struct, with the GvNews first. */
void      gv_news_init            (GvNews          *news,
                                   guint32          n_nodes,
                                   gboolean         recover_loses_state);
void      gv_news_clear           (GvNews          *news);
/* Delivers the news to @node in round @round, which then is @status: whether it was
 * new to it. */
gboolean  gv_news_deliver         (GvNews          *news,
                                   GvShard         *shard,
                                   guint32          node,
                                   guint32          round,
                                   GvNewsStatus     status);

/* GvProtocolOps, for a protocol whose data is a GvNews, or begins with one: setup and
 * teardown make and free a bare GvNews; reset_node forgets (a recovery that lost its
 * state); apply delivers each message, and its receiver passes the news on in its next
 * round; settle counts the shard's nodes into its tally; finished is done when every
 * alive node holds it, or nobody left can pass it on. */
void      gv_news_setup           (GvEngine        *engine);
void      gv_news_teardown        (GvEngine        *engine);
void      gv_news_reset_node      (GvEngine        *engine,
                                   guint32          node);
void      gv_news_apply           (GvShard         *shard,
                                   const GvMsg     *msgs,
                                   const guint32   *words,
                                   gsize            n_msgs);
void      gv_news_settle          (GvShard         *shard,
                                   gboolean         end_of_round);
void      gv_news_record          (GvEngine        *engine,
                                   const GvTally   *t,
                                   double          *values,
                                   double          *items,
                                   guint           *n_items);
gboolean  gv_news_finished        (GvEngine        *engine,
                                   const GvTally   *t,
                                   gboolean        *converged);
void      gv_news_summarise       (GvEngine        *engine,
                                   const GvTally   *last,
                                   const GvTally   *totals,
                                   double          *figures);
guint     gv_news_classify        (GvEngine        *engine,
                                   guint32          node,
                                   guint            view);
void      gv_news_describe        (GvEngine        *engine,
                                   guint32          node,
                                   GArray          *rows);
gint64    gv_news_first_informed  (GvEngine        *engine,
                                   guint32          node);
gboolean  gv_news_can_inject      (GvEngine        *engine,
                                   guint32          node,
                                   guint32          arg,
                                   GError         **error);
gboolean  gv_news_inject          (GvEngine        *engine,
                                   guint32          node,
                                   guint32          arg,
                                   GError         **error);
/* For GvProtocol: the classes, and those of a replay beyond the detail cap. */
const GvNodeClass *gv_news_get_classes (const GvParams *params,
                                        guint          *n_classes);
void      gv_news_plain_classes   (const GvParams  *params,
                                   guint           *uninformed,
                                   guint           *informed);
/* For the baselines' theory: why their formulas do not hold for @params (marked for
 * translation), or NULL; and whether they predict the run exactly, which also takes
 * that nobody crashes. */
const char *gv_news_why_not       (const GvParams  *params);
gboolean  gv_news_is_exact        (const GvParams  *params);

/* What a protocol of one news declares as gv-news's: for its GvProtocol's initializer,
 * and for its GvProtocolOps' (the ops it does not do its own way). */
#define GV_NEWS_DECLARATIONS                                                              \
  .injection = &gv_news_injection,                                                        \
  .metrics = gv_news_metrics,                                                             \
  .n_metrics = GV_NEWS_N_METRICS,                                                         \
  .primary = "informed",                                                                  \
  .charts = gv_news_charts,                                                               \
  .n_charts = G_N_ELEMENTS (gv_news_charts),                                              \
  .figures = gv_news_figures,                                                             \
  .n_figures = GV_NEWS_N_FIGURES,                                                         \
  .classes = gv_news_get_classes,                                                         \
  .plain_classes = gv_news_plain_classes,                                                 \
  .node_sums = GV_NEWS_NODE_SUMS

#define GV_NEWS_OPS                                                                       \
  .settle = gv_news_settle,                                                               \
  .record = gv_news_record,                                                               \
  .finished = gv_news_finished,                                                           \
  .summarise = gv_news_summarise,                                                         \
  .classify = gv_news_classify,                                                           \
  .first_informed = gv_news_first_informed,                                               \
  .can_inject = gv_news_can_inject

G_END_DECLS
