/* gv-window-charts.c: the window's charts and its status line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the run's records say: each chart view shows a chart of gv_run_chart_list () for
 * the run's protocol, chosen from its menu, and the status line tells the round, the
 * protocol's primary metric and, at the end, how the run ended in its own figures.
 */

#define G_LOG_DOMAIN "gv-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gv-format.h"
#include "gv-run-chart.h"
#include "gv-summary-text.h"
#include "gv-window-private.h"

/* What the chart views show until the user picks something else. */
static const char *const default_charts[GV_N_CHART_VIEWS] = { "coverage", "messages", "alive" };

/* The count gettext chooses a plural form by: it takes an unsigned long, and the forms
 * depend only on the last digits, which this keeps. */
static gulong
plural_count (guint64 n)
{
  return n <= G_MAXULONG ? (gulong) n : (gulong) (n % 1000000 + 1000000);
}

/* Charts */

const char *
gv_window_chart_id (GvWindow *self,
                    guint     index)
{
  g_return_val_if_fail (index < GV_N_CHART_VIEWS, NULL);
  return self->chart_ids[index];
}

void
gv_window_init_charts (GvWindow *self)
{
  static const char *const names[GV_N_CHART_VIEWS] = {
    N_("Coverage chart"), N_("Messages chart"), N_("Alive nodes chart"),
  };

  for (guint v = 0; v < GV_N_CHART_VIEWS; v++)
    {
      self->chart_ids[v] = g_strdup (default_charts[v]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_views[v]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(names[v]), -1);
    }
}

/* Each chart view's menu lists the charts of @protocol; a view whose chart that
 * protocol has not goes back to its default. */
static void
ensure_chart_menus (GvWindow         *self,
                    const GvProtocol *protocol)
{
  g_autoptr(GPtrArray) list = NULL;

  if (self->chart_protocol == protocol)
    return;

  self->chart_protocol = protocol;
  list = gv_run_chart_list (protocol);

  for (guint v = 0; v < GV_N_CHART_VIEWS; v++)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      if (self->chart_ids[v] == NULL || !gv_run_chart_has (protocol, self->chart_ids[v]))
        {
          g_free (self->chart_ids[v]);
          self->chart_ids[v] = g_strdup (default_charts[v]);
        }

      for (guint i = 0; i < list->len; i++)
        {
          const GvRunChartEntry *entry = g_ptr_array_index (list, i);
          g_autoptr(GMenuItem) item = g_menu_item_new (entry->title, NULL);

          g_menu_item_set_action_and_target (item, "win.set-chart", "(us)", v, entry->id);
          g_menu_append_item (menu, item);
        }
      gtk_menu_button_set_menu_model (self->chart_buttons[v], G_MENU_MODEL (menu));
    }
}

/* Alive nodes are worth a chart of their own only when nodes crash or recover; any
 * other chart the user picked for that view is always shown. */
void
gv_window_update_chart_visibility (GvWindow       *self,
                         const GvParams *p)
{
  gboolean faults = p->crash > 0 || p->recover > 0;

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->chart_views[2])),
                          faults || g_strcmp0 (self->chart_ids[2], default_charts[2]) != 0);
}

void
gv_window_setup_charts (GvWindow         *self,
                        const GvParams   *params,
                        const GvTopology *topology)
{
  ensure_chart_menus (self, params->protocol);

  for (guint v = 0; v < GV_N_CHART_VIEWS; v++)
    {
      GvChart *chart = gv_chart_view_get_chart (self->chart_views[v]);
      g_autofree char *name = NULL;

      gv_run_chart_setup (chart, self->chart_ids[v], params, topology);
      /* Translators: what a screen reader calls a chart view, e.g. "Coverage chart" */
      name = g_strdup_printf (_("%s chart"), gv_chart_get_title (chart));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_views[v]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gv_chart_view_changed (self->chart_views[v]);
    }
  gv_window_update_chart_visibility (self, params);
  gv_message_diagram_view_set_run (self->timeline_view, params);
}

void
gv_window_chart_record (GvWindow            *self,
                        const GvParams      *params,
                        const GvRoundRecord *rec)
{
  for (guint v = 0; v < GV_N_CHART_VIEWS; v++)
    {
      GvChart *chart = gv_chart_view_get_chart (self->chart_views[v]);

      gv_run_chart_append (chart, self->chart_ids[v], params, rec);
      gv_chart_set_marker (chart, rec->round);
      gv_chart_view_changed (self->chart_views[v]);
    }
  /* The timeline keeps a reference; records are never changed once made. */
  gv_message_diagram_view_add_record (self->timeline_view, (GvRoundRecord *) rec);
  gv_message_diagram_view_set_current_round (self->timeline_view, rec->round);
}

void
gv_window_set_chart_marker (GvWindow *self,
                            guint     round)
{
  for (guint v = 0; v < GV_N_CHART_VIEWS; v++)
    {
      gv_chart_set_marker (gv_chart_view_get_chart (self->chart_views[v]), round);
      gv_chart_view_changed (self->chart_views[v]);
    }
  gv_message_diagram_view_set_current_round (self->timeline_view, round);
}

/* The charts of the run on show, drawn again from its records. */
static void
rechart (GvWindow *self)
{
  if (self->replay != NULL)
    {
      gv_window_chart_replay (self);
      gv_window_set_chart_marker (self, self->position);
      return;
    }
  if (self->simulator == NULL)
    return;

  gv_window_setup_charts (self, gv_simulator_get_params (self->simulator),
                          gv_simulator_get_topology (self->simulator));
  for (guint i = 0; i < gv_simulator_get_n_records (self->simulator); i++)
    gv_window_chart_record (self, gv_simulator_get_params (self->simulator),
                            gv_simulator_get_record (self->simulator, i));
}

/* Status */

/* "7 down": the nodes that are down, as the status line and the result text say it. */
static char *
down_text (guint64 down)
{
  g_autofree char *count = gv_format_count (down);

  /* Translators: how many nodes are down (crashed), e.g. "7 down" in "Informed nodes:
   * 33/40 (7 down)" */
  return g_strdup_printf (ngettext ("%s down", "%s down", plural_count (down)), count);
}

/* The nodes that are down in @rec: those of the network that are not alive. */
static guint64
count_down (const GvParams      *p,
            const GvRoundRecord *rec)
{
  double alive = gv_round_record_get (rec, GV_METRIC_ALIVE);

  return isfinite (alive) && alive < p->n_nodes ? p->n_nodes - (guint64) alive : 0;
}

/* The protocol's convergence test holds for the nodes that are up; while some are down,
 * the end says so rather than "Converged". */
static char *
converged_text (const GvSummary *s,
                guint64          down)
{
  g_autofree char *rounds = gv_format_count (s->rounds);
  g_autofree char *end = NULL;
  g_autofree char *down_part = NULL;

  if (down == 0)
    return g_strdup_printf (ngettext ("Converged in %s round", "Converged in %s rounds",
                                      plural_count (s->rounds)), rounds);

  /* Translators: the end of a run in which some nodes are down: each node that is up
   * holds the rumour or update; followed by how many are down */
  end = g_strdup_printf (ngettext ("Every node that is up has the news after %s round",
                                   "Every node that is up has the news after %s rounds",
                                   plural_count (s->rounds)), rounds);
  down_part = down_text (down);
  /* Translators: the end of a run and the nodes that are down, e.g. "Every node that is
   * up has the news after 9 rounds; 7 down" */
  return g_strdup_printf (_("%s; %s"), end, down_part);
}

static char *
result_text (GvWindow            *self,
             const GvParams      *p,
             const GvRoundRecord *last,
             const GvSummary     *s)
{
  g_autofree char *figure = NULL;
  g_autofree char *rounds_text = NULL;
  double rounds = NAN, messages = NAN;
  const char *source = NULL;

  if (!s->finished)
    return g_strdup ("");

  if (s->converged)
    {
      g_autofree char *converged = converged_text (s, count_down (p, last));

      if (p->protocol->predict != NULL &&
          p->protocol->predict (p, gv_window_shown_topology (self), &rounds, &messages, &source) &&
          isfinite (rounds))
        {
          /* Whole rounds as such (a tree's depth), a mean field's with a decimal. */
          g_autofree char *predicted = fabs (rounds - round (rounds)) < 0.05
                                       ? g_strdup_printf ("%.0f", rounds)
                                       : g_strdup_printf ("%.1f", rounds);

          /* Translators: the end of a run and the rounds theory predicted, e.g.
           * "Converged in 9 rounds · theory: 9" */
          return g_strdup_printf (_("%s · theory: %s"), converged, predicted);
        }
      return g_steal_pointer (&converged);
    }

  figure = gv_summary_headline (p->protocol, s);
  rounds_text = gv_format_count (s->rounds);
  if (s->rounds < p->max_rounds)
    return figure != NULL ? g_strdup_printf (_("Stopped: %s"), figure)
                          : g_strdup_printf (ngettext ("Stopped after %s round",
                                                       "Stopped after %s rounds",
                                                       plural_count (s->rounds)),
                                             rounds_text);
  if (figure != NULL)
    return g_strdup_printf (ngettext ("Gave up after %s round: %s", "Gave up after %s rounds: %s",
                                      plural_count (s->rounds)), rounds_text, figure);
  return g_strdup_printf (ngettext ("Gave up after %s round", "Gave up after %s rounds",
                                    plural_count (s->rounds)), rounds_text);
}

void
gv_window_update_status (GvWindow *self)
{
  g_autofree char *status = NULL;
  g_autofree char *result = NULL;
  g_autofree char *count = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *round_text = NULL;
  g_autofree char *nodes_text = NULL;
  const GvMetricSpec *primary;
  const GvParams *p;
  GvRoundRecord *last;
  GvSummary s;
  guint64 down;
  double value;
  guint index;

  if (self->replay != NULL)
    {
      guint64 sent = 0;

      /* The recorded run at the round shown: its counts so far. */
      p = gv_run_get_params (self->replay);
      last = gv_run_get_record (self->replay, self->position);
      gv_run_get_summary (self->replay, &s);
      for (guint r = 0; r <= self->position; r++)
        {
          double v = gv_round_record_get (gv_run_get_record (self->replay, r), GV_METRIC_SENT);

          sent += isfinite (v) ? (guint64) v : 0;
        }
      s.messages = sent;
      if (self->position < gv_run_get_last_round (self->replay))
        s.finished = FALSE;
    }
  else if (self->simulator == NULL)
    {
      gtk_label_set_label (self->status_label, _("Setting up the network…"));
      gtk_label_set_label (self->result_label, "");
      return;
    }
  else
    {
      p = gv_simulator_get_params (self->simulator);
      /* The nodes as they are now, interventions since the last round included. */
      last = gv_simulator_get_current_record (self->simulator);
      gv_simulator_get_summary (self->simulator, &s);
    }

  /* Counts in the locale's grouping ("1,000,000"), which printf's own conversions in a
   * translated format could not promise. */
  count = gv_format_count (s.messages);
  messages = g_strdup_printf (ngettext ("%s message", "%s messages", plural_count (s.messages)),
                              count);
  round_text = gv_format_count (last->round);
  nodes_text = gv_format_count (p->n_nodes);
  down = count_down (p, last);

  /* The protocol's primary metric, which counts alive nodes, against the whole network:
   * the nodes that are down are the difference, and are named. */
  primary = gv_protocol_find_metric (p->protocol, p->protocol->primary, &index);
  value = primary != NULL ? gv_round_record_get (last, GV_N_CORE_METRICS + index) : NAN;
  value_text = isfinite (value) && value >= 0 ? gv_format_count ((guint64) value)
                                              : g_strdup ("–");

  if (primary == NULL && down == 0)
    /* Translators: the status line of a protocol without a main metric, e.g. "Round 12 ·
     * 151 messages" */
    status = g_strdup_printf (_("Round %s · %s"), round_text, messages);
  else if (primary == NULL)
    {
      g_autofree char *down_nodes = gv_format_count (down);
      g_autofree char *nodes_down = g_strdup_printf (ngettext ("%s node down", "%s nodes down",
                                                               plural_count (down)),
                                                     down_nodes);

      /* Translators: the status line of a protocol without a main metric while nodes are
       * down, e.g. "Round 12 · 7 nodes down · 151 messages" */
      status = g_strdup_printf (_("Round %s · %s · %s"), round_text, nodes_down, messages);
    }
  else if (down == 0)
    /* Translators: the status line: the round, the protocol's main metric as a count of
     * the nodes and a percentage, and the messages so far, e.g. "Round 12 · Informed
     * nodes: 60/64 (94%) · 151 messages" */
    status = g_strdup_printf (_("Round %s · %s: %s/%s (%.0f%%) · %s"), round_text,
                              _(primary->label), value_text, nodes_text,
                              isfinite (value) ? 100.0 * value / p->n_nodes : 0.0, messages);
  else
    {
      g_autofree char *down_part = down_text (down);

      /* Translators: the status line while nodes are down: the round, the protocol's main
       * metric as a count of the nodes, how many are down, and the messages so far, e.g.
       * "Round 12 · Informed nodes: 33/40 (7 down) · 151 messages" */
      status = g_strdup_printf (_("Round %s · %s: %s/%s (%s) · %s"), round_text,
                                _(primary->label), value_text, nodes_text, down_part, messages);
    }
  {
    const GvMessageEvent *m = gv_network_view_get_stepped_message (self->network_view);
    guint32 at = 0, n_messages = 0;

    gv_network_view_get_step (self->network_view, &at, &n_messages);

    /* A round sent one message at a time: which one is on its way. */
    if (m != NULL)
      {
        g_free (status);
        /* Translators: the status line while a round is shown one message at a time:
         * the round, the message's place in it, its sender and receiver and what it was,
         * e.g. "Round 3, message 5 of 66: node 12 → node 40: useful" */
        status = g_strdup_printf (_("Round %u, message %u of %u: node %u → node %u: %s"),
                                  last->round, at + 1, n_messages, m->src, m->dst,
                                  gv_message_outcome_word (m->outcome, m->carries_data));
      }
  }
  gtk_label_set_label (self->status_label, status);

  result = result_text (self, p, last, &s);
  gtk_label_set_label (self->result_label, result);
}

/* Pictures */

char *
gv_window_picture_title (GvWindow  *self,
                         GvPicture  picture)
{
  if (picture >= GV_PICTURE_NETWORK)
    return g_strdup (_("Network at this round"));
  return g_strdup (gv_chart_get_title (gv_chart_view_get_chart (self->chart_views[picture])));
}

GvChart *
gv_window_get_chart (GvWindow *self,
                     guint     index)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  g_return_val_if_fail (index < GV_N_CHART_VIEWS, NULL);
  return gv_chart_view_get_chart (self->chart_views[index]);
}

gboolean
gv_window_set_chart (GvWindow   *self,
                     guint       index,
                     const char *id)
{
  const GvParams *p;

  g_return_val_if_fail (GV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (index < GV_N_CHART_VIEWS, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  p = gv_window_shown_params (self);
  if (p == NULL || !gv_run_chart_has (p->protocol, id))
    return FALSE;

  g_free (self->chart_ids[index]);
  self->chart_ids[index] = g_strdup (id);
  rechart (self);
  return TRUE;
}

const char *
gv_window_get_status_text (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  return gtk_label_get_label (self->status_label);
}

const char *
gv_window_get_result_text (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  return gtk_label_get_label (self->result_label);
}

