/* gv-rumor.c: rumour mongering, as the rest of Grapevine knows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The declarations (parameters, metrics, classes, figures, charts) and what the
 * engine asks of a run between rounds: classes, rows, injections, the summary.  The
 * model is in gv-rumor-model.c, its fast path in gv-rumor-fast.c, the theory in
 * gv-rumor-theory.c.
 */

#define G_LOG_DOMAIN "gv-rumor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gv-error.h"
#include "gv-rumor-private.h"

#define STOP_ARG(label_, help_, def_)                                                    \
  { .name = "K", .label = label_, .help = help_, .min = 1, .max = GV_MAX_STOP_K,         \
    .def = def_, .step = 1 }

static const GvParamChoice stop_choices[GV_N_STOP_RULES] = {
  [GV_STOP_NONE] = {
    "none", N_("None"), N_("Nodes spread for as long as the run lasts."), 0, { { 0 } } },
  [GV_STOP_FEEDBACK_COUNTER] = {
    "feedback-counter", N_("Feedback counter"),
    N_("A node stops after K contacts in a row with nodes that already knew."), 1,
    { STOP_ARG (N_("Contacts in a row (K)"),
                N_("How many contacts in a row with nodes that already knew stop a node."), 2) } },
  [GV_STOP_BLIND_COUNTER] = {
    "blind-counter", N_("Blind counter"), N_("A node stops after K contacts."), 1,
    { STOP_ARG (N_("Contacts (K)"), N_("How many contacts stop a node."), 2) } },
  [GV_STOP_FEEDBACK_COIN] = {
    "feedback-coin", N_("Feedback coin"),
    N_("After each contact with a node that already knew, a node stops with probability 1/K."),
    1, { STOP_ARG (N_("Coin (1/K)"), N_("A node stops with probability 1/K."), 2) } },
  [GV_STOP_BLIND_COIN] = {
    "blind-coin", N_("Blind coin"),
    N_("After each contact, a node stops with probability 1/K."), 1,
    { STOP_ARG (N_("Coin (1/K)"), N_("A node stops with probability 1/K."), 2) } },
  [GV_STOP_TTL] = {
    "ttl", N_("Hop limit"), N_("Nobody passes a rumour on more than H rounds after it started."),
    1, { { .name = "H", .label = N_("Hop limit (H)"),
           .help = N_("Rounds after which nobody passes a rumour on."), .min = 1,
           .max = GV_MAX_STOP_K, .def = 8, .step = 1 } } },
};

static const GvParamSpec rumor_params[RUMOR_N_PARAMS] = {
  [RUMOR_PARAM_EXCHANGE] = GV_EXCHANGE_PARAM,
  [RUMOR_PARAM_STOP] = {
    .name = "stop",
    .label = N_("Stop rule"),
    .help = N_("When a node loses interest in a rumour (Demers et al. 1987)."),
    .metavar = "RULE",
    .type = GV_PARAM_CHOICE,
    .choices = stop_choices,
    .n_choices = GV_N_STOP_RULES,
    .def = GV_STOP_NONE,
  },
};

static const GvInjectionSpec rumor_injection = {
  .option = "rumor",
  .label = N_("Rumour"),
  .action = N_("New Rumour"),
  .help = N_("A rumour that starts at a node at the end of a round (repeatable)."),
  .arg = NULL,
  .arg_name = NULL,
  .arg_label = NULL,
  .max = GV_MAX_RUMORS,
};

static const GvMetricSpec rumor_metrics[RUMOR_N_METRICS] = {
  [RUMOR_METRIC_INFORMED] = {
    "informed", N_("Informed nodes"), N_("nodes"),
    N_("Alive nodes that hold every rumour started so far."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NODES, NULL },
  [RUMOR_METRIC_SPREADING] = {
    "spreading", N_("Spreading nodes"), N_("nodes"),
    N_("Alive nodes that will pass a rumour on in the next round."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NODES, NULL },
  [RUMOR_METRIC_NEWLY_INFORMED] = {
    "newly_informed", N_("Newly informed"), N_("nodes"),
    N_("Rumours learnt in the round, one for each node and rumour."),
    GV_METRIC_COUNT, GV_AGGREGATE_SUM, GV_AGGREGATE_MEAN, GV_METRIC_FLAG_NONE, NULL },
  [RUMOR_METRIC_INFORMED_BY_RUMOR] = {
    "informed_by_rumor", N_("Informed nodes, by rumour"), N_("nodes"),
    N_("Alive nodes that hold each rumour."),
    GV_METRIC_COUNT, GV_AGGREGATE_LAST, GV_AGGREGATE_MEAN,
    GV_METRIC_FLAG_NODES | GV_METRIC_FLAG_PER_ITEM, N_("Rumour %u") },
};

static const char *const coverage_metrics[] = { "informed_by_rumor", NULL };
static const char *const spreading_metrics[] = { "spreading", NULL };

static const GvChartSpec rumor_charts[] = {
  { "coverage", N_("Coverage"), N_("Informed nodes"), TRUE, coverage_metrics, "informed" },
  { "spreading", N_("Spreading"), N_("Spreading nodes"), TRUE, spreading_metrics, NULL },
};

static const GvFigureSpec rumor_figures[RUMOR_N_FIGURES] = {
  [RUMOR_FIGURE_RESIDUE] = {
    "residue", N_("Residue"), "residue",
    N_("The fraction of alive nodes that never heard a rumour, over all rumours (Demers' s)."),
    GV_FIGURE_FRACTION },
  [RUMOR_FIGURE_TRAFFIC] = {
    "traffic", N_("Traffic"), "traffic",
    N_("Data messages sent per node (Demers' m)."), GV_FIGURE_RATIO },
  [RUMOR_FIGURE_T_AVG] = {
    "t_avg", N_("Mean delay"), "t_avg",
    N_("The mean number of rounds from a rumour's start to a node first hearing it."),
    GV_FIGURE_ROUNDS },
  [RUMOR_FIGURE_T_LAST] = {
    "t_last", N_("Last delay"), "t_last",
    N_("The largest number of rounds from a rumour's start to a node first hearing it."),
    GV_FIGURE_ROUNDS },
};

static const GvNodeClass rumor_classes[RUMOR_N_CLASSES] = {
  [RUMOR_CLASS_UNINFORMED] = {
    "uninformed", N_("Not yet informed"), N_("The node has not heard the rumour yet."),
    GV_SLOT_IDLE, GV_CUE_HOLLOW },
  [RUMOR_CLASS_SPREADING] = {
    "spreading", N_("Spreading"), N_("The node holds the rumour and passes it on."),
    GV_SLOT_ACTIVE, GV_CUE_RING },
  [RUMOR_CLASS_REMOVED] = {
    "removed", N_("Informed, stopped"),
    N_("The node holds the rumour and no longer passes it on."), GV_SLOT_DONE, GV_CUE_PLAIN },
  [RUMOR_CLASS_PARTIAL] = {
    "partial", N_("Knows some rumours"),
    N_("The node holds some of the rumours started so far, not all."),
    GV_SLOT_PARTIAL, GV_CUE_HALF },
};

static const GvNodeClass *
rumor_get_classes (const GvParams *params,
                   guint          *n_classes)
{
  *n_classes = RUMOR_N_CLASSES;
  return rumor_classes;
}

static void
rumor_format1_classes (const GvParams *params,
                       guint8          classes[3])
{
  /* 0.1.0 showed a node that knew some rumours but not all as not informed. */
  classes[0] = RUMOR_CLASS_UNINFORMED;
  classes[1] = RUMOR_CLASS_SPREADING;
  classes[2] = RUMOR_CLASS_REMOVED;
}

static void
rumor_plain_classes (const GvParams *params,
                     guint          *uninformed,
                     guint          *informed)
{
  *uninformed = RUMOR_CLASS_UNINFORMED;
  *informed = RUMOR_CLASS_SPREADING;
}

static guint
rumor_format1_state (const GvParams *params,
                     guint           cls)
{
  return cls == RUMOR_CLASS_SPREADING ? 1 : cls == RUMOR_CLASS_REMOVED ? 2 : 0;
}

static char *
rumor_describe_params (const GvParams *params)
{
  g_autofree char *stop = gv_params_get (params, "stop");

  return g_strdup_printf ("%s rumour, stop %s",
                          gv_exchange_choices[gv_params_choice (params, RUMOR_PARAM_EXCHANGE)].id,
                          stop);
}

/* How a node looks, through one view */

static guint
class_of (const Rumor *R,
          guint8       status,
          guint32      live_bit)
{
  if (status == STATUS_NONE || status == STATUS_NEW)
    return RUMOR_CLASS_UNINFORMED;
  return status == STATUS_HOT && live_bit ? RUMOR_CLASS_SPREADING : RUMOR_CLASS_REMOVED;
}

/* @live: the rumours that may be spread in the next round. */
static guint
classify_with (const Rumor *R,
               guint32      node,
               guint        view,
               guint32      live)
{
  gboolean all = TRUE, some = FALSE, spreading = FALSE;

  if (view > 0 && view <= R->n_rumors)
    return class_of (R, R->status[view - 1][node], live & (1u << (view - 1)));

  for (guint i = 0; i < R->n_rumors; i++)
    {
      guint8 status = R->status[i][node];

      if (status == STATUS_NONE)
        all = FALSE;
      else
        {
          some = TRUE;
          if (status == STATUS_HOT && (live & (1u << i)) != 0)
            spreading = TRUE;
        }
    }

  if (R->n_rumors == 0 || !some)
    return RUMOR_CLASS_UNINFORMED;
  if (!all)
    return RUMOR_CLASS_PARTIAL;
  return spreading ? RUMOR_CLASS_SPREADING : RUMOR_CLASS_REMOVED;
}

static guint
rumor_classify (GvEngine *engine,
                guint32   node,
                guint     view)
{
  Rumor *R = gv_engine_get_protocol_data (engine);

  return classify_with (R, node, view, rumor_live_mask (R, gv_engine_get_now (engine) + 1));
}

/* One rumour: the class follows from the status byte, in a loop the compiler
 * vectorises; the window asks for it after every round.  The core marks crashed nodes. */
static void
rumor_classify_all (GvEngine *engine,
                    guint     view,
                    guint8   *out)
{
  Rumor *R = gv_engine_get_protocol_data (engine);
  const guint32 n = gv_engine_get_n_nodes (engine);
  const guint32 live = rumor_live_mask (R, gv_engine_get_now (engine) + 1);
  const guint8 *status;
  guint8 hot_class;

  if (R->n_rumors != 1)
    {
      for (guint32 v = 0; v < n; v++)
        out[v] = (guint8) classify_with (R, v, view, live);
      return;
    }

  status = R->status[0];
  hot_class = (live & 1) ? RUMOR_CLASS_SPREADING : RUMOR_CLASS_REMOVED;
  for (guint32 v = 0; v < n; v++)
    {
      guint8 s = status[v];

      out[v] = s == STATUS_NONE ? RUMOR_CLASS_UNINFORMED
             : s == STATUS_HOT ? hot_class : RUMOR_CLASS_REMOVED;
    }
}

static gint64
rumor_first_informed (GvEngine *engine,
                      guint32   node)
{
  Rumor *R = gv_engine_get_protocol_data (engine);
  guint i;
  guint32 first;

  /* The newest rumour is the one a viewer asks about. */
  if (R->n_rumors == 0)
    return -1;

  i = R->n_rumors - 1;
  first = R->first[i] != NULL ? R->first[i][node] : R->informed[i][node];
  return first == GV_NEVER ? -1 : (gint64) first;
}

static void
rumor_describe (GvEngine *engine,
                guint32   node,
                GArray   *rows)
{
  Rumor *R = gv_engine_get_protocol_data (engine);
  const guint32 live = rumor_live_mask (R, gv_engine_get_now (engine) + 1);
  guint known = 0;

  for (guint i = 0; i < R->n_rumors; i++)
    known += R->status[i][node] != STATUS_NONE;

  gv_node_rows_add (rows, _("Rumours known"), _("%u of %u"), known, R->n_rumors);

  for (guint i = 0; i < R->n_rumors && R->n_rumors > 1; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Rumour %u"), i + 1);
      guint8 status = R->status[i][node];

      if (status == STATUS_NONE)
        gv_node_rows_add (rows, label, "%s", _("not heard"));
      else if (status == STATUS_HOT && (live & (1u << i)) != 0)
        gv_node_rows_add (rows, label, _("spreading, heard in round %u"), R->informed[i][node]);
      else
        gv_node_rows_add (rows, label, _("stopped, heard in round %u"), R->informed[i][node]);
    }

  if ((R->stop == GV_STOP_FEEDBACK_COUNTER || R->stop == GV_STOP_BLIND_COUNTER) &&
      R->n_rumors > 0)
    gv_node_rows_add (rows, _("Stop counter"), _("%u of %u"), R->count[R->n_rumors - 1][node],
                      R->stop_k);
}

static gboolean
rumor_can_inject (GvEngine  *engine,
                  guint32    node,
                  guint32    arg,
                  GError   **error)
{
  Rumor *R = gv_engine_get_protocol_data (engine);

  if (R->n_rumors >= GV_MAX_RUMORS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("a run holds at most %d rumours, and this one has them all"), GV_MAX_RUMORS);
      return FALSE;
    }

  return TRUE;
}

static gboolean
rumor_inject (GvEngine  *engine,
              guint32    node,
              guint32    arg,
              GError   **error)
{
  Rumor *R = gv_engine_get_protocol_data (engine);
  const guint32 n = gv_engine_get_n_nodes (engine);
  const guint32 round = gv_engine_get_round (engine);
  guint i = R->n_rumors;

  if (!rumor_can_inject (engine, node, arg, error))
    return FALSE;

  R->status[i] = g_new0 (guint8, n);
  R->informed[i] = g_new (guint32, n);
  memset (R->informed[i], 0xff, sizeof (guint32) * n);
  R->count[i] = g_new0 (guint8, n);
  if (gv_engine_get_params (engine)->recover_loses_state)
    {
      R->first[i] = g_new (guint32, n);
      memset (R->first[i], 0xff, sizeof (guint32) * n);
      R->first[i][node] = round;
    }

  R->inject_round[i] = round;
  R->status[i][node] = STATUS_HOT;
  R->informed[i][node] = round;
  R->n_rumors = i + 1;

  /* From two rumours on, peers are read as masks, which the settle that follows every
   * injection fills in; the words widen as rumours are added. */
  if (R->n_rumors >= 2 && (R->bits == NULL || R->n_rumors > rumor_bits_half (R)))
    {
      guint shift = R->n_rumors <= 4 ? 0 : R->n_rumors <= 8 ? 1 : R->n_rumors <= 16 ? 2 : 3;

      g_free (R->bits);
      R->bits_shift = shift;
      R->bits = g_malloc0 ((gsize) n << shift);
    }

  return TRUE;
}

static guint
rumor_n_items (GvEngine *engine)
{
  Rumor *R = gv_engine_get_protocol_data (engine);

  return R->n_rumors;
}

static void
rumor_record (GvEngine      *engine,
              const GvTally *t,
              double        *values,
              double        *items,
              guint         *n_items)
{
  Rumor *R = gv_engine_get_protocol_data (engine);

  values[RUMOR_METRIC_INFORMED] = (double) t->sums[SUM_INFORMED];
  values[RUMOR_METRIC_SPREADING] = (double) t->sums[SUM_SPREADING];
  values[RUMOR_METRIC_NEWLY_INFORMED] = (double) t->sums[SUM_NEWLY];
  values[RUMOR_METRIC_INFORMED_BY_RUMOR] = R->n_rumors > 0 ? (double) t->sums[SUM_HELD] : 0.0;

  *n_items = R->n_rumors;
  for (guint i = 0; i < R->n_rumors; i++)
    items[i] = (double) t->sums[SUM_HELD + i];
}

static gboolean
rumor_finished (GvEngine      *engine,
                const GvTally *t,
                gboolean      *converged)
{
  Rumor *R = gv_engine_get_protocol_data (engine);
  const GvParams *p = gv_engine_get_params (engine);
  guint32 alive = gv_engine_get_n_alive (engine);

  *converged = alive > 0 && t->sums[SUM_INFORMED] == alive;

  if (R->stop != GV_STOP_NONE)
    /* Demers' measure: the epidemic is over when nobody spreads any more.  A crashed
     * spreader counts while it may still recover. */
    return t->sums[SUM_SPREADING] == 0 && (p->recover == 0.0 || t->sums[SUM_HOT_CRASHED] == 0);

  return *converged;
}

static void
rumor_summarise (GvEngine      *engine,
                 const GvTally *last,
                 const GvTally *totals,
                 double        *figures)
{
  const guint32 n = gv_engine_get_n_nodes (engine);
  guint injected = gv_engine_get_n_injected (engine);
  guint32 alive = gv_engine_get_n_alive (engine);

  figures[RUMOR_FIGURE_TRAFFIC] = (double) totals->sent_data / n;
  figures[RUMOR_FIGURE_T_AVG] = totals->sums[SUM_DELAY_COUNT] > 0
                                ? (double) totals->sums[SUM_DELAY_SUM] /
                                  totals->sums[SUM_DELAY_COUNT]
                                : 0.0;
  figures[RUMOR_FIGURE_T_LAST] = (double) totals->maxima[MAX_DELAY];
  /* Rumours injected so far: the scheduled ones and those given by hand. */
  figures[RUMOR_FIGURE_RESIDUE] = alive > 0 && injected > 0
                                  ? (double) last->sums[SUM_NEVER] / ((double) alive * injected)
                                  : 0.0;
}

static const GvProtocolOps rumor_ops = {
  .setup = gv_rumor_setup,
  .teardown = gv_rumor_teardown,
  .reset_node = gv_rumor_reset_node,
  .act = gv_rumor_act,
  .respond = gv_rumor_respond,
  .apply = gv_rumor_apply,
  .outcome = gv_rumor_outcome,
  .settle = gv_rumor_settle,
  .merge = gv_rumor_merge,
  .record = rumor_record,
  .finished = rumor_finished,
  .summarise = rumor_summarise,
  .classify = rumor_classify,
  .classify_all = rumor_classify_all,
  .describe = rumor_describe,
  .first_informed = rumor_first_informed,
  .inject = rumor_inject,
  .can_inject = rumor_can_inject,
  .n_items = rumor_n_items,
};

const GvProtocol gv_rumor_protocol = {
  .id = "rumor",
  .name = N_("Rumour mongering"),
  .description = N_("A node that hears a rumour passes it on to randomly chosen peers every "
                    "round, by push, pull or both, until a stop rule makes it lose interest. "
                    "Demers et al. (1987) named it and measured its residue and traffic; "
                    "Pittel (1987) and Karp et al. (2000) counted its rounds."),
  .params = rumor_params,
  .n_params = RUMOR_N_PARAMS,
  .injection = &rumor_injection,
  .metrics = rumor_metrics,
  .n_metrics = RUMOR_N_METRICS,
  .primary = "informed",
  .charts = rumor_charts,
  .n_charts = G_N_ELEMENTS (rumor_charts),
  .figures = rumor_figures,
  .n_figures = RUMOR_N_FIGURES,
  .classes = rumor_get_classes,
  .plain_classes = rumor_plain_classes,
  .view_label = N_("Rumour %u"),
  .format1_classes = rumor_format1_classes,
  .format1_state = rumor_format1_state,
  .format1_metrics = { "informed", "spreading", "newly_informed" },
  .node_sums = RUMOR_NODE_SUMS,
  .complete_only = FALSE,
  .uses_fanout = TRUE,
  .theory = gv_rumor_theory,
  .predict = gv_rumor_predict,
  .describe = rumor_describe_params,
  .ops = &rumor_ops,
};
