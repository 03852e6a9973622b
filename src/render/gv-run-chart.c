/* gv-run-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart is planned from declarations alone: the protocol's charts (GvChartSpec)
 * and metrics (GvMetricSpec), the core's metrics (gv_core_metrics) and the protocol's
 * theory.  A chart's series carry keys (gv_chart_set_series_key), so that appending a
 * round finds the line of each item (each piece of news a PER_ITEM metric counts) again,
 * and makes one when an item first appears.
 */

#define G_LOG_DOMAIN "gv-run-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gv-palette.h"
#include "gv-run-chart.h"

/* Series colours: the last palette colour is the dim grey, kept for what matters least. */
#define RUN_COLORS (GV_PALETTE_N_SERIES - 1)
#define REQUEST_COLOR (GV_PALETTE_N_SERIES - 1)
#define MIXED_COLOR 3
#define UNKNOWN_COLOR 6

#define METRIC_PREFIX "metric:"
#define MAX_CHART_METRICS 8

typedef enum
{
  PLAN_PROTOCOL,     /* a chart the protocol declares */
  PLAN_MESSAGES,
  PLAN_ALIVE,
  PLAN_METRIC,       /* "metric:ID" */
} PlanKind;

/* A metric, where a record holds it. */
typedef struct
{
  const GvMetricSpec *spec;
  guint               value;   /* its index in GvRoundRecord.values */
  gint                item;    /* which of the protocol's PER_ITEM metrics it is, or -1 */
} MetricRef;

/* What one chart shows for runs of one protocol. */
typedef struct
{
  PlanKind           kind;
  const GvProtocol  *protocol;
  const GvChartSpec *spec;          /* PLAN_PROTOCOL */
  guint              n_metrics;     /* the lines' metrics: PROTOCOL and METRIC */
  MetricRef          metrics[MAX_CHART_METRICS];
  gboolean           has_fallback;  /* drawn when the per-item values were not recorded */
  MetricRef          fallback;
  gboolean           has_primary;   /* the protocol's primary metric */
  MetricRef          primary;
  gboolean           of_alive;      /* node counts as a percentage of the alive nodes */
  gboolean           fraction;      /* fractions as a percentage */
} Plan;

/* A declared string, translated; a declaration may leave one out (NULL), and then the
 * id it belongs to stands in. */
static const char *
tr (const char *text,
    const char *id)
{
  return text != NULL ? _(text) : id;
}

static gboolean
find_metric (const GvProtocol *protocol,
             const char       *id,
             MetricRef        *ref)
{
  const GvMetricSpec *core = gv_core_metrics (NULL);
  guint index;

  for (guint m = 0; m < GV_N_CORE_METRICS; m++)
    if (g_strcmp0 (core[m].id, id) == 0)
      {
        ref->spec = &core[m];
        ref->value = m;
        ref->item = -1;
        return TRUE;
      }

  if (protocol == NULL || gv_protocol_find_metric (protocol, id, &index) == NULL)
    return FALSE;

  ref->spec = &protocol->metrics[index];
  ref->value = GV_N_CORE_METRICS + index;
  ref->item = -1;
  if (ref->spec->flags & GV_METRIC_FLAG_PER_ITEM)
    {
      ref->item = 0;
      for (guint m = 0; m < index; m++)
        ref->item += (protocol->metrics[m].flags & GV_METRIC_FLAG_PER_ITEM) != 0;
    }
  return TRUE;
}

static gboolean
plan_init (Plan             *plan,
           const GvProtocol *protocol,
           const char       *id)
{
  memset (plan, 0, sizeof *plan);
  plan->protocol = protocol;
  plan->has_primary = protocol != NULL && find_metric (protocol, protocol->primary,
                                                       &plan->primary);

  if (g_strcmp0 (id, "messages") == 0)
    {
      plan->kind = PLAN_MESSAGES;
      return TRUE;
    }

  if (g_strcmp0 (id, "alive") == 0)
    {
      plan->kind = PLAN_ALIVE;
      return TRUE;
    }

  if (id != NULL && g_str_has_prefix (id, METRIC_PREFIX))
    {
      MetricRef *ref = &plan->metrics[0];

      if (!find_metric (protocol, id + strlen (METRIC_PREFIX), ref))
        return FALSE;
      plan->kind = PLAN_METRIC;
      plan->n_metrics = 1;
      plan->fraction = ref->spec->kind == GV_METRIC_FRACTION;
      return TRUE;
    }

  plan->spec = protocol != NULL ? gv_protocol_find_chart (protocol, id) : NULL;
  if (plan->spec == NULL)
    return FALSE;

  plan->kind = PLAN_PROTOCOL;
  plan->of_alive = plan->spec->percent;
  for (guint i = 0; plan->spec->metrics != NULL && plan->spec->metrics[i] != NULL &&
                    plan->n_metrics < MAX_CHART_METRICS; i++)
    if (find_metric (protocol, plan->spec->metrics[i], &plan->metrics[plan->n_metrics]))
      plan->n_metrics++;
  plan->has_fallback = plan->spec->fallback != NULL &&
                       find_metric (protocol, plan->spec->fallback, &plan->fallback);
  return TRUE;
}

/* What a chooser and a caller's unknown id fall back to: the protocol's first chart. */
static void
plan_init_default (Plan             *plan,
                   const GvProtocol *protocol,
                   const char       *id)
{
  if (plan_init (plan, protocol, id))
    return;
  if (protocol != NULL && protocol->n_charts > 0 &&
      plan_init (plan, protocol, protocol->charts[0].id))
    return;
  plan_init (plan, protocol, "messages");
}

/* The protocol's first chart is its coverage, which every protocol has. */
static gboolean
plan_is_coverage (const Plan *plan)
{
  return plan->kind == PLAN_PROTOCOL && plan->protocol->n_charts > 0 &&
         plan->spec == &plan->protocol->charts[0];
}

/* @v of the record @rec as a percentage of its alive nodes. */
static double
percent_of_alive (const GvRoundRecord *rec,
                  double               v)
{
  double alive = gv_round_record_get (rec, GV_METRIC_ALIVE);

  if (isnan (v))
    return v;
  return alive > 0 ? 100.0 * v / alive : 0.0;
}

/* @v of the record @rec in the chart's units. */
static double
plan_scale (const Plan          *plan,
            const GvRoundRecord *rec,
            double               v)
{
  if (plan->fraction)
    return 100.0 * v;
  return plan->of_alive ? percent_of_alive (rec, v) : v;
}

/* The value of @ref in @rec.  A file that did not record the items (format 1) has the
 * fallback instead. */
static double
plan_value (const Plan          *plan,
            const MetricRef     *ref,
            const GvRoundRecord *rec)
{
  double v = gv_round_record_get (rec, ref->value);

  if (isnan (v) && ref->item >= 0 && rec->items == NULL && plan->has_fallback)
    v = gv_round_record_get (rec, plan->fallback.value);
  return v;
}

/* @counts: the y values are whole numbers (messages, nodes), and so are the ticks. */
static void
set_axes (GvChart    *chart,
          const char *title,
          const char *y_label,
          gboolean    percent,
          gboolean    counts,
          double      y_max)
{
  gv_chart_clear (chart);
  gv_chart_set_title (chart, title);
  gv_chart_set_x_label (chart, _("Round"));
  gv_chart_set_y_label (chart, y_label);
  gv_chart_set_marker (chart, NAN);
  gv_chart_set_note (chart, NULL);
  gv_chart_set_y_unit (chart, percent ? "%" : NULL);
  gv_chart_set_y_integer (chart, counts && !percent);
  if (percent)
    gv_chart_set_y_range (chart, 0, 100);
  else if (y_max > 0)
    gv_chart_set_y_range (chart, 0, y_max);
  else
    gv_chart_set_y_range (chart, NAN, NAN);
}

static void
plan_set_axes (const Plan *plan,
               GvChart    *chart,
               guint32     n_nodes)
{
  const GvMetricSpec *metric;

  switch (plan->kind)
    {
    case PLAN_MESSAGES:
      set_axes (chart, _("Messages per round"), _("Messages"), FALSE, TRUE, 0);
      break;

    case PLAN_ALIVE:
      set_axes (chart, _("Alive nodes"), _("Nodes"), FALSE, TRUE, n_nodes);
      break;

    case PLAN_METRIC:
      metric = plan->metrics[0].spec;
      set_axes (chart, tr (metric->label, metric->id), tr (metric->label, metric->id),
                plan->fraction, metric->kind == GV_METRIC_COUNT,
                metric->flags & GV_METRIC_FLAG_NODES ? n_nodes : 0);
      break;

    case PLAN_PROTOCOL:
    default:
      {
        gboolean nodes = plan->n_metrics > 0;
        gboolean counts = plan->n_metrics > 0;

        for (guint m = 0; m < plan->n_metrics; m++)
          {
            nodes &= (plan->metrics[m].spec->flags & GV_METRIC_FLAG_NODES) != 0;
            counts &= plan->metrics[m].spec->kind == GV_METRIC_COUNT;
          }
        set_axes (chart, tr (plan->spec->title, plan->spec->id), tr (plan->spec->y_label, NULL),
                  plan->of_alive, counts, nodes ? n_nodes : 0);
      }
      break;
    }
}

/* ---- Lines, one a metric and item ---------------------------------------------------- */

static guint
count_theory (GvChart *chart)
{
  guint n = 0;

  for (;; n++)
    {
      g_autofree char *key = g_strdup_printf ("theory:%u", n);

      if (gv_chart_find_series (chart, key) < 0)
        return n;
    }
}

static char *
line_label (const Plan *plan,
            guint       metric,
            gint        item)
{
  const MetricRef *ref = &plan->metrics[metric];
  g_autofree char *item_label = NULL;
  const char *name;

  /* One line for the chart: "Simulation", as theory curves stand beside it; a metric's
   * own chart names the metric. */
  if (plan->kind == PLAN_METRIC)
    name = tr (ref->spec->label, ref->spec->id);
  else if (plan->n_metrics > 1)
    name = tr (ref->spec->label, ref->spec->id);
  else
    name = _("Simulation");

  if (item < 0)
    return g_strdup (name);

  item_label = gv_protocol_number_label (ref->spec->item_label != NULL
                                         ? _(ref->spec->item_label) : "%u",
                                         (guint) item + 1);

  if (plan->n_metrics > 1)
    /* Translators: a chart's line: a metric's label, then one of its items' label */
    return g_strdup_printf (_("%s, %s"), name, item_label);
  return g_steal_pointer (&item_label);
}

/* Where the line of @metric's item @item goes: the simulation's lines come first, by
 * metric and then by item, and the theory curves after them, however late an item
 * appears (a rumour injected in round 5 still comes before the theory of the first). */
static guint
line_position (GvChart *chart,
               guint    metric,
               guint    item)
{
  guint n = gv_chart_get_n_series (chart);

  for (guint s = 0; s < n; s++)
    {
      const char *key = gv_chart_get_series_key (chart, s);
      guint m, i;

      if (key == NULL || sscanf (key, "m%u:%u", &m, &i) != 2 ||
          m > metric || (m == metric && i > item))
        return s;
    }
  return n;
}

/* The key of @metric's item @item's line. */
static void
line_key (char  *key,
          gsize  size,
          guint  metric,
          guint  item)
{
  g_snprintf (key, size, "m%u:%u", metric, item);
}

/* The line of @metric's item @item, or of the metric alone for -1 (the first item's
 * line, named for the chart until a second item appears). */
static guint
ensure_line (GvChart    *chart,
             const Plan *plan,
             guint       metric,
             gint        item)
{
  g_autofree char *label = NULL;
  char key[32];
  guint position = (guint) MAX (item, 0);
  guint n_theory, lines, s;
  gint found;

  line_key (key, sizeof key, metric, position);
  found = gv_chart_find_series (chart, key);
  if (found >= 0)
    return (guint) found;

  /* The first line takes the first colour; theory the next ones; later lines the rest. */
  label = line_label (plan, metric, item);
  n_theory = count_theory (chart);
  lines = gv_chart_get_n_series (chart) - n_theory;
  s = gv_chart_insert_series (chart, line_position (chart, metric, position), label,
                              GV_CHART_LINE, lines == 0 ? 0 : (lines + n_theory) % RUN_COLORS);
  gv_chart_set_series_key (chart, s, key);

  /* A second item: the single line so far was the first item's, and is named after it
   * from now on. */
  if (item == 1)
    {
      g_autofree char *first_label = line_label (plan, metric, 0);

      line_key (key, sizeof key, metric, 0);
      found = gv_chart_find_series (chart, key);
      if (found >= 0)
        gv_chart_set_series_label (chart, (guint) found, first_label);
    }
  return s;
}

static void
add_theory (GvChart          *chart,
            const Plan       *plan,
            const GvParams   *params,
            const GvTopology *topology)
{
  g_autoptr(GPtrArray) curves = NULL;
  g_autofree char *why = NULL;
  double scale = plan->of_alive ? 100.0 : 1.0;
  guint n = 0;

  if (plan->protocol->theory == NULL)
    return;

  curves = plan->protocol->theory (params, topology, &why);
  if (curves == NULL)
    {
      /* Why no formula applies is said once, on the chart a formula would be on. */
      if (plan_is_coverage (plan))
        {
          g_autofree char *note = g_strdup_printf (_("No theory curve: %s"),
                                                   why != NULL ? why : "");

          gv_chart_set_note (chart, note);
        }
      return;
    }

  for (guint i = 0; i < curves->len; i++)
    {
      const GvTheoryCurve *curve = g_ptr_array_index (curves, i);
      g_autofree char *key = NULL;
      guint s;

      if (g_strcmp0 (curve->chart, plan->spec->id) != 0)
        continue;

      s = gv_chart_add_series (chart, curve->label,
                               curve->style == GV_THEORY_LEVEL ? GV_CHART_LEVEL
                                                               : GV_CHART_DASHED,
                               (1 + n) % RUN_COLORS);
      key = g_strdup_printf ("theory:%u", n++);
      gv_chart_set_series_key (chart, s, key);
      for (guint k = 0; k < curve->n; k++)
        gv_chart_append (chart, s, curve->x[k], scale * curve->y[k]);
    }
}

static void
append_lines (GvChart             *chart,
              const Plan          *plan,
              const GvRoundRecord *rec)
{
  for (guint m = 0; m < plan->n_metrics; m++)
    {
      const MetricRef *ref = &plan->metrics[m];

      if (ref->item >= 0 && rec->items != NULL && rec->n_items > 1)
        {
          /* Several items: a line each. */
          for (guint i = 0; i < rec->n_items; i++)
            {
              guint s = ensure_line (chart, plan, m, (gint) i);

              gv_chart_append (chart, s, rec->round,
                               plan_scale (plan, rec, gv_round_record_get_item (rec, ref->item,
                                                                                i)));
            }
        }
      else
        {
          guint s = ensure_line (chart, plan, m, -1);

          gv_chart_append (chart, s, rec->round, plan_scale (plan, rec,
                                                             plan_value (plan, ref, rec)));
        }
    }
}

/* ---- Messages ------------------------------------------------------------------------ */

/* The bars, keyed and labelled as their core metrics. */
static const struct
{
  GvCoreMetric metric;
  guint        color;
} message_series[] = {
  { GV_METRIC_USEFUL, GV_CHART_COLOR_OUTCOME (GV_MESSAGE_USEFUL) },
  { GV_METRIC_REDUNDANT, GV_CHART_COLOR_OUTCOME (GV_MESSAGE_REDUNDANT) },
  { GV_METRIC_LOST, GV_CHART_COLOR_OUTCOME (GV_MESSAGE_LOST) },
  { GV_METRIC_DEAD, GV_CHART_COLOR_OUTCOME (GV_MESSAGE_DEAD) },
  { GV_METRIC_REQUESTS, REQUEST_COLOR },
};

static guint
message_bar (GvChart    *chart,
             const char *key,
             const char *label,
             guint       color)
{
  gint found = gv_chart_find_series (chart, key);
  guint s;

  if (found >= 0)
    return (guint) found;

  s = gv_chart_add_series (chart, label, GV_CHART_BARS, color);
  gv_chart_set_series_key (chart, s, key);
  return s;
}

/* The bar of message_series[@i]. */
static guint
metric_bar (GvChart *chart,
            guint    i)
{
  const GvMetricSpec *spec = &gv_core_metrics (NULL)[message_series[i].metric];

  return message_bar (chart, spec->id, _(spec->label), message_series[i].color);
}

static void
setup_messages (GvChart *chart)
{
  for (guint i = 0; i < G_N_ELEMENTS (message_series); i++)
    metric_bar (chart, i);
}

/* Every message of the round is exactly one of the bars, so they stack up to what was
 * sent.  Format 1 beyond its detail cap did not say which lost and dead messages were
 * requests, and so not how many were useful either: those rounds stack what is known,
 * and one bar for the rest. */
static void
append_messages (GvChart             *chart,
                 const GvRoundRecord *rec)
{
  double rest = gv_round_record_get (rec, GV_METRIC_SENT);
  gboolean all = TRUE;
  gboolean only_useful_or_requests = TRUE;
  guint s;

  if (rec->round == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (message_series); i++)
    {
      GvCoreMetric metric = message_series[i].metric;
      double v = gv_round_record_get (rec, metric);

      s = metric_bar (chart, i);
      gv_chart_append (chart, s, rec->round, v);

      if (isfinite (v))
        rest -= v;
      else
        {
          all = FALSE;
          only_useful_or_requests &= metric == GV_METRIC_USEFUL || metric == GV_METRIC_REQUESTS;
        }
    }

  if (all)
    return;

  s = only_useful_or_requests
      ? message_bar (chart, "useful-or-requests", _("Useful or requests"), MIXED_COLOR)
      : message_bar (chart, "unknown", _("Not told apart"), UNKNOWN_COLOR);
  gv_chart_append (chart, s, rec->round, rest);
  gv_chart_set_note (chart, _("This run was saved in format 1, which did not tell useful "
                              "messages from requests in every round."));
}

/* ---- One run ------------------------------------------------------------------------- */

static void
plan_setup (GvChart          *chart,
            const Plan       *plan,
            const GvParams   *params,
            const GvTopology *topology)
{
  plan_set_axes (plan, chart, params->n_nodes);

  switch (plan->kind)
    {
    case PLAN_MESSAGES:
      setup_messages (chart);
      break;

    case PLAN_ALIVE:
      {
        guint s = gv_chart_add_series (chart, _("Alive"), GV_CHART_LINE, 0);

        gv_chart_set_series_key (chart, s, "alive");
        if (plan->has_primary)
          {
            s = gv_chart_add_series (chart, tr (plan->primary.spec->label,
                                                plan->primary.spec->id),
                                     GV_CHART_LINE, 1);
            gv_chart_set_series_key (chart, s, "primary");
          }
      }
      break;

    case PLAN_METRIC:
    case PLAN_PROTOCOL:
    default:
      /* The first line is there from the start, so that the legend tells what comes;
       * items that appear later add theirs. */
      for (guint m = 0; m < plan->n_metrics; m++)
        ensure_line (chart, plan, m, -1);
      if (plan->kind == PLAN_PROTOCOL)
        add_theory (chart, plan, params, topology);
      break;
    }
}

static void
plan_append (GvChart             *chart,
             const Plan          *plan,
             const GvRoundRecord *rec)
{
  switch (plan->kind)
    {
    case PLAN_MESSAGES:
      append_messages (chart, rec);
      break;

    case PLAN_ALIVE:
      {
        gint s = gv_chart_find_series (chart, "alive");

        if (s >= 0)
          gv_chart_append (chart, s, rec->round, gv_round_record_get (rec, GV_METRIC_ALIVE));
        s = gv_chart_find_series (chart, "primary");
        if (s >= 0 && plan->has_primary)
          gv_chart_append (chart, s, rec->round,
                           gv_round_record_get (rec, plan->primary.value));
      }
      break;

    case PLAN_METRIC:
    case PLAN_PROTOCOL:
    default:
      append_lines (chart, plan, rec);
      break;
    }
}

/* ---- The public API ------------------------------------------------------------------ */

static void
entry_free (gpointer data)
{
  GvRunChartEntry *entry = data;

  g_free (entry->id);
  g_free (entry->title);
  g_free (entry);
}

static void
add_entry (GPtrArray  *list,
           const char *id,
           const char *title)
{
  GvRunChartEntry *entry = g_new0 (GvRunChartEntry, 1);

  entry->id = g_strdup (id);
  entry->title = g_strdup (title);
  g_ptr_array_add (list, entry);
}

static gboolean
in_protocol_chart (const GvProtocol *protocol,
                   const char       *id)
{
  for (guint c = 0; c < protocol->n_charts; c++)
    {
      const GvChartSpec *spec = &protocol->charts[c];

      if (g_strcmp0 (spec->fallback, id) == 0)
        return TRUE;
      for (guint i = 0; spec->metrics != NULL && spec->metrics[i] != NULL; i++)
        if (g_strcmp0 (spec->metrics[i], id) == 0)
          return TRUE;
    }

  return g_strcmp0 (protocol->primary, id) == 0;
}

GPtrArray *
gv_run_chart_list (const GvProtocol *protocol)
{
  GPtrArray *list;
  const GvMetricSpec *core;

  g_return_val_if_fail (protocol != NULL, NULL);

  list = g_ptr_array_new_with_free_func (entry_free);
  for (guint c = 0; c < protocol->n_charts; c++)
    add_entry (list, protocol->charts[c].id,
               tr (protocol->charts[c].title, protocol->charts[c].id));
  add_entry (list, "messages", _("Messages per round"));
  add_entry (list, "alive", _("Alive nodes"));

  for (guint m = 0; m < protocol->n_metrics; m++)
    if (!in_protocol_chart (protocol, protocol->metrics[m].id))
      {
        g_autofree char *id = g_strconcat (METRIC_PREFIX, protocol->metrics[m].id, NULL);

        add_entry (list, id, tr (protocol->metrics[m].label, protocol->metrics[m].id));
      }

  /* The messages chart has useful, redundant, lost, dead and requests, stacked up to
   * what was sent; the alive chart has the alive nodes. */
  core = gv_core_metrics (NULL);
  for (guint m = 0; m < GV_N_CORE_METRICS; m++)
    {
      g_autofree char *id = NULL;
      gboolean shown = m == GV_METRIC_ALIVE || m == GV_METRIC_SENT;

      for (guint i = 0; i < G_N_ELEMENTS (message_series); i++)
        shown |= message_series[i].metric == m;
      if (shown)
        continue;

      id = g_strconcat (METRIC_PREFIX, core[m].id, NULL);
      add_entry (list, id, _(core[m].label));
    }

  return list;
}

gboolean
gv_run_chart_has (const GvProtocol *protocol,
                  const char       *id)
{
  Plan plan;

  g_return_val_if_fail (protocol != NULL, FALSE);

  return id != NULL && plan_init (&plan, protocol, id);
}

void
gv_run_chart_setup (GvChart          *chart,
                    const char       *id,
                    const GvParams   *params,
                    const GvTopology *topology)
{
  Plan plan;

  g_return_if_fail (GV_IS_CHART (chart));
  g_return_if_fail (params != NULL);

  plan_init_default (&plan, params->protocol, id);
  plan_setup (chart, &plan, params, topology);
}

void
gv_run_chart_append (GvChart             *chart,
                     const char          *id,
                     const GvParams      *params,
                     const GvRoundRecord *rec)
{
  Plan plan;

  g_return_if_fail (GV_IS_CHART (chart));
  g_return_if_fail (params != NULL);
  g_return_if_fail (rec != NULL);

  plan_init_default (&plan, params->protocol, id);
  plan_append (chart, &plan, rec);
}

/* ---- Several runs -------------------------------------------------------------------- */

/* What a run contributes to the comparison at record @rec; @own is the chart's plan for
 * the run's protocol, or NULL when that has no such chart. */
static double
compared_value (const Plan          *plan,
                const Plan          *own,
                const GvRoundRecord *rec)
{
  switch (plan->kind)
    {
    case PLAN_MESSAGES:
      return gv_round_record_get (rec, GV_METRIC_SENT);

    case PLAN_ALIVE:
      return gv_round_record_get (rec, GV_METRIC_ALIVE);

    case PLAN_METRIC:
      if (own == NULL)
        return NAN;
      return plan_scale (own, rec, plan_value (own, &own->metrics[0], rec));

    case PLAN_PROTOCOL:
    default:
      if (own == NULL || own->kind != PLAN_PROTOCOL)
        return NAN;

      /* Coverage, for runs of different protocols side by side: each one's primary
       * metric, as a percentage of its alive nodes. */
      if (plan_is_coverage (own) && own->has_primary)
        return percent_of_alive (rec, gv_round_record_get (rec, own->primary.value));

      if (own->n_metrics == 0)
        return NAN;
      return plan_scale (own, rec, plan_value (own, &own->metrics[0], rec));
    }
}

static gboolean
same_coverage (GvRun *const *runs,
               guint         n_runs)
{
  const GvChartSpec *first = NULL;

  for (guint i = 0; i < n_runs; i++)
    {
      const GvProtocol *protocol = gv_run_get_params (runs[i])->protocol;
      const GvChartSpec *spec = protocol->n_charts > 0 ? &protocol->charts[0] : NULL;

      if (spec == NULL)
        return FALSE;
      if (first == NULL)
        first = spec;
      else if (g_strcmp0 (spec->title, first->title) != 0 ||
               g_strcmp0 (spec->y_label, first->y_label) != 0)
        return FALSE;
    }
  return TRUE;
}

static guint
run_color_index (guint index)
{
  return index % RUN_COLORS;
}

GvColor
gv_run_chart_run_color (const GvPalette *palette,
                        guint            index)
{
  static const GvColor black = { 0, 0, 0, 1 };

  g_return_val_if_fail (palette != NULL, black);

  /* gv_chart_add_series () picks palette->series[] by this index. */
  return palette->series[run_color_index (index)];
}

void
gv_run_chart_runs (GvChart      *chart,
                   const char   *id,
                   GvRun *const *runs,
                   guint         n_runs)
{
  g_auto(GStrv) labels = NULL;
  const GvProtocol *protocol;
  gboolean same_protocol = TRUE;
  gboolean found = FALSE;
  guint32 max_nodes = 0;
  Plan plan;

  g_return_if_fail (GV_IS_CHART (chart));
  g_return_if_fail (runs != NULL && n_runs > 0);

  if (n_runs == 1)
    {
      const GvParams *params = gv_run_get_params (runs[0]);

      plan_init_default (&plan, params->protocol, id);
      plan_setup (chart, &plan, params, gv_run_get_topology (runs[0]));
      for (guint r = 0; r < gv_run_get_n_records (runs[0]); r++)
        plan_append (chart, &plan, gv_run_get_record (runs[0], r));
      return;
    }

  protocol = gv_run_get_params (runs[0])->protocol;
  for (guint i = 0; i < n_runs; i++)
    {
      const GvParams *params = gv_run_get_params (runs[i]);

      same_protocol &= params->protocol == protocol;
      max_nodes = MAX (max_nodes, params->n_nodes);
    }

  /* The first run that has the chart names it. */
  for (guint i = 0; i < n_runs && !found; i++)
    found = plan_init (&plan, gv_run_get_params (runs[i])->protocol, id);
  if (!found)
    plan_init_default (&plan, protocol, id);

  /* Coverage of several protocols: their own names for it, when they agree. */
  if (plan_is_coverage (&plan) && !same_protocol && !same_coverage (runs, n_runs))
    set_axes (chart, _("Coverage"), _("Informed nodes"), TRUE, FALSE, 0);
  else
    plan_set_axes (&plan, chart, max_nodes);

  labels = gv_run_label_differences (runs, n_runs);
  for (guint i = 0; i < n_runs; i++)
    {
      guint s = gv_chart_add_series (chart, labels[i], GV_CHART_LINE, run_color_index (i));
      const char *own_id = plan.kind == PLAN_PROTOCOL ? plan.spec->id : id;
      Plan own;
      gboolean has_own = plan_init (&own, gv_run_get_params (runs[i])->protocol, own_id);

      for (guint r = 0; r < gv_run_get_n_records (runs[i]); r++)
        {
          const GvRoundRecord *rec = gv_run_get_record (runs[i], r);

          if (plan.kind == PLAN_MESSAGES && rec->round == 0)
            continue;
          gv_chart_append (chart, s, rec->round,
                           compared_value (&plan, has_own ? &own : NULL, rec));
        }
    }
}
