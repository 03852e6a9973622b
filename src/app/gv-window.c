/* gv-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gv-chart-view.h"
#include "gv-compare-window.h"
#include "gv-error.h"
#include "gv-export.h"
#include "gv-inspector.h"
#include "gv-layout.h"
#include "gv-network-renderer.h"
#include "gv-network-view.h"
#include "gv-params-panel.h"
#include "gv-run-chart.h"
#include "gv-run-file.h"
#include "gv-theme.h"
#include "gv-window.h"

#define RUN_MIME_TYPE "application/x-grapevine-run"

#define APP_SCHEMA "io.github.grapevine_lab.Grapevine"

/* The speeds of the dropdown, in its order; 0 is as fast as possible. */
static const double speeds[] = { 0.5, 1, 2, 5, 10, 30, 60, 0 };

struct _GvWindow
{
  AdwApplicationWindow  parent_instance;

  GtkToggleButton      *sidebar_button;
  GtkButton            *play_button;
  GtkDropDown          *speed_dropdown;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GvParamsPanel        *params_panel;
  GvNetworkView        *network_view;
  GtkWidget            *legend_box;
  GtkLabel             *legend_uninformed;
  GtkWidget            *legend_keys[4];     /* by GvNodeState */
  GtkLabel             *legend_spreading;
  GtkLabel             *legend_removed;
  GvChartView          *coverage_chart;
  GvChartView          *messages_chart;
  GvChartView          *alive_chart;
  GtkLabel             *status_label;
  GtkLabel             *result_label;
  GtkWidget            *intro_box;
  GtkScale             *timeline;
  GtkAdjustment        *timeline_adjustment;
  GMenu                *recent_menu;

  /* The run as a file: where it was opened from or saved to, and whether what the
   * window shows has changed since. */
  GFile                *file;
  gboolean              dirty;
  /* A recorded run on show: one opened from a file, or the live run when the user
   * steps back through it.  NULL while the live run is on show. */
  GvRun                *replay;
  gboolean              replay_opened;
  guint                 position;
  guint                 replay_tick;
  guint                 updating_timeline;
  gboolean              close_after_save;

  GvInspector          *inspector;
  GSettings            *settings;
  GvSimulator          *simulator;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (GvWindow, gv_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_simulation (GvWindow *self);
static void show_position    (GvWindow *self,
                              guint     position,
                              gboolean  animate);
static void leave_replay     (GvWindow *self);
static void dismiss_intro    (GvWindow *self);
static void chart_replay     (GvWindow *self);
static void enter_replay     (GvWindow *self,
                              GvRun    *run,
                              gboolean  opened,
                              guint     position);
static void simulator_ready_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);
static void update_title     (GvWindow *self);

static double
selected_speed (GvWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->speed_dropdown);

  return speeds[MIN (i, G_N_ELEMENTS (speeds) - 1)];
}

static void
toast (GvWindow   *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
toast_error (GvWindow     *self,
             const GError *error)
{
  g_autofree char *sentence = gv_error_sentence (error->message);

  toast (self, sentence);
}

/* The count gettext chooses a plural form by: it takes an unsigned long, and the forms
 * depend only on the last digits, which this keeps. */
static gulong
plural_count (guint64 n)
{
  return n <= G_MAXULONG ? (gulong) n : (gulong) (n % 1000000 + 1000000);
}

static const char *
exchange_name (GvExchange exchange)
{
  switch (exchange)
    {
    case GV_EXCHANGE_PUSH: return C_("exchange", "push");
    case GV_EXCHANGE_PULL: return C_("exchange", "pull");
    case GV_EXCHANGE_PUSH_PULL: return C_("exchange", "push-pull");
    default: return "";
    }
}

static char *
describe (const GvParams *p)
{
  g_autofree char *topo = NULL;
  g_autofree char *nodes = NULL;
  g_autofree char *protocol = NULL;
  const char *what = p->mode == GV_MODE_RUMOR ? _("rumour") : _("anti-entropy");

  switch (p->topology)
    {
    case GV_TOPOLOGY_COMPLETE: topo = g_strdup (_("complete graph")); break;
    case GV_TOPOLOGY_RING: topo = g_strdup_printf (_("ring, K = %u"), p->topology_k); break;
    case GV_TOPOLOGY_REGULAR: topo = g_strdup_printf (_("%u-regular"), p->topology_k); break;
    case GV_TOPOLOGY_ER: topo = g_strdup_printf (_("Erdős–Rényi, p = %g"), p->topology_p); break;
    case GV_TOPOLOGY_WS: topo = g_strdup_printf (_("small world, K = %u"), p->topology_k); break;
    case GV_TOPOLOGY_BA: topo = g_strdup_printf (_("scale-free, M = %u"), p->topology_k); break;
    case GV_TOPOLOGY_GRID: topo = g_strdup (_("grid")); break;
    default: topo = g_strdup (""); break;
    }

  nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", p->n_nodes), p->n_nodes);
  /* Translators: the exchange style, then what spreads, e.g. "push-pull rumour" */
  protocol = g_strdup_printf (C_("protocol", "%s %s"), exchange_name (p->exchange), what);

  /* Translators: the window's subtitle: the number of nodes, the topology, the protocol
   * and the fanout, e.g. "64 nodes · complete graph · push-pull rumour · fanout 1" */
  return g_strdup_printf (_("%s · %s · %s · fanout %u"), nodes, topo, protocol, p->fanout);
}

/* The timeline shows @value of [0, @upper] without taking it as the user's move. */
static void
set_timeline (GvWindow *self,
              guint     upper,
              guint     value)
{
  self->updating_timeline++;
  gtk_adjustment_set_upper (self->timeline_adjustment, upper);
  gtk_adjustment_set_value (self->timeline_adjustment, value);
  self->updating_timeline--;
}

/* Charts */

static void
setup_charts (GvWindow       *self,
              const GvParams *p)
{
  gv_run_chart_setup (gv_chart_view_get_chart (self->coverage_chart), GV_RUN_CHART_COVERAGE, p);
  gv_run_chart_setup (gv_chart_view_get_chart (self->messages_chart), GV_RUN_CHART_MESSAGES, p);
  gv_run_chart_setup (gv_chart_view_get_chart (self->alive_chart), GV_RUN_CHART_ALIVE, p);
  gtk_widget_set_visible (GTK_WIDGET (self->alive_chart), p->crash > 0 || p->recover > 0);
}

static void
chart_record (GvWindow            *self,
              const GvRoundRecord *rec)
{
  GvChartView *views[] = { self->coverage_chart, self->messages_chart, self->alive_chart };
  const GvRunChartKind kinds[] = { GV_RUN_CHART_COVERAGE, GV_RUN_CHART_MESSAGES,
                                   GV_RUN_CHART_ALIVE };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GvChart *chart = gv_chart_view_get_chart (views[i]);

      gv_run_chart_append (chart, kinds[i], rec);
      gv_chart_set_marker (chart, rec->round);
      gv_chart_view_changed (views[i]);
    }
}

/* Status */

static void
update_status (GvWindow *self)
{
  g_autofree char *status = NULL;
  g_autofree char *result = NULL;
  g_autofree char *count = NULL;
  g_autofree char *messages = NULL;
  const GvParams *p;
  GvRoundRecord *last;
  GvSummary s;

  if (self->replay != NULL)
    {
      guint64 sent = 0;

      /* The recorded run at the round shown: its counts so far. */
      p = gv_run_get_params (self->replay);
      last = gv_run_get_record (self->replay, self->position);
      gv_run_get_summary (self->replay, &s);
      for (guint r = 0; r <= self->position; r++)
        sent += gv_run_get_record (self->replay, r)->sent;
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
      last = gv_simulator_get_record (self->simulator,
                                      gv_simulator_get_n_records (self->simulator) - 1);
      gv_simulator_get_summary (self->simulator, &s);
    }

  /* xgettext cannot see through G_GUINT64_FORMAT, so the count is formatted first. */
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, s.messages);
  messages = g_strdup_printf (ngettext ("%s message", "%s messages", plural_count (s.messages)),
                              count);
  /* Translators: the status line, e.g. "Round 12 · 60/64 informed · 151 messages" */
  status = g_strdup_printf (_("Round %u · %u/%u informed · %s"),
                            last->round, last->informed, last->alive, messages);
  gtk_label_set_label (self->status_label, status);

  if (!s.finished)
    result = g_strdup ("");
  else if (s.converged && (p->mode != GV_MODE_RUMOR || p->stop == GV_STOP_NONE))
    result = g_strdup_printf (ngettext ("Converged in %u round", "Converged in %u rounds",
                                        s.rounds), s.rounds);
  else if (p->mode == GV_MODE_RUMOR && p->stop != GV_STOP_NONE && s.rounds < p->max_rounds)
    result = g_strdup_printf (_("Stopped: residue %.1f%%"), 100.0 * s.residue);
  else
    result = g_strdup_printf (ngettext ("Gave up after %u round: residue %.1f%%",
                                        "Gave up after %u rounds: residue %.1f%%", s.rounds),
                              s.rounds, 100.0 * s.residue);
  gtk_label_set_label (self->result_label, result);
}

/* Whether rounds are going by: a recorded run's replay ticking, or the live run
 * playing (a live run stepped back into is paused until Play resumes it). */
static gboolean
is_playing (GvWindow *self)
{
  if (self->replay != NULL)
    return self->replay_tick != 0;
  return self->simulator != NULL && gv_simulator_get_playing (self->simulator);
}

static void
update_actions (GvWindow *self)
{
  gboolean have = self->simulator != NULL;
  gboolean playing = is_playing (self);
  gboolean finished = have && gv_simulator_get_finished (self->simulator);

  if (self->replay != NULL)
    {
      /* Playing a recorded run goes as far as it was recorded; a live run that was
       * stepped back into can go on live. */
      guint last = gv_run_get_last_round (self->replay);

      have = TRUE;
      finished = self->replay_opened && self->position >= last;
      if (!self->replay_opened)
        finished = finished || (self->position >= last && gv_simulator_get_finished (self->simulator));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-back",
                                 self->replay != NULL ? self->position > 0
                                                      : have && gv_simulator_get_round (self->simulator) > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play-pause", have && !finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", have && !finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", have);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
}

/* Inspector */

static void
refresh_inspector (GvWindow *self)
{
  GvNodeInfo info;
  guint32 node;
  double x, y;

  if (self->simulator == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    return;

  node = gv_inspector_get_node (self->inspector);
  if (gv_simulator_get_node_info (self->simulator, node, &info))
    gv_inspector_set_node (self->inspector, node, &info,
                           gv_simulator_get_params (self->simulator)->mode);
  else
    gv_inspector_set_node (self->inspector, node, NULL, GV_MODE_RUMOR);

  if (gv_network_view_get_node_point (self->network_view, node, &x, &y))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->inspector),
                                 &(GdkRectangle) { (int) x - 4, (int) y - 4, 8, 8 });
}

static void
node_activated_cb (GvWindow *self,
                   guint     node)
{
  gv_window_inspect_node (self, node);
}

static void
inspector_set_alive_cb (GvWindow *self,
                        guint     node,
                        gboolean  alive)
{
  g_autoptr(GError) error = NULL;

  if (self->simulator != NULL &&
      !gv_simulator_set_node_alive (self->simulator, node, alive, &error))
    toast_error (self, error);
}

static void
inspector_inject_cb (GvWindow *self,
                     guint     node)
{
  g_autoptr(GError) error = NULL;

  if (self->simulator != NULL && !gv_simulator_inject (self->simulator, node, 0, &error))
    toast_error (self, error);
}

static void
inspector_closed_cb (GvWindow *self)
{
  gv_network_view_set_selected (self->network_view, -1);
}

/* The simulator */

static void
round_finished_cb (GvWindow      *self,
                   GvRoundRecord *record,
                   GvSimulator   *simulator)
{
  g_autoptr(GBytes) states = gv_simulator_get_node_states (simulator);
  double speed = gv_simulator_get_speed (simulator);
  double duration = speed > 0 ? MIN (1.0 / speed, 1.5) * 0.9 : 0.0;

  chart_record (self, record);
  gv_network_view_animate_round (self->network_view, record, states, duration);

  set_timeline (self, record->round, record->round);

  if (!self->dirty)
    {
      self->dirty = TRUE;
      update_title (self);
    }
}

static void
reset_cb (GvWindow    *self,
          GvSimulator *simulator)
{
  g_autoptr(GBytes) states = gv_simulator_get_node_states (simulator);

  setup_charts (self, gv_simulator_get_params (simulator));
  chart_record (self, gv_simulator_get_record (simulator, 0));
  gv_network_view_set_states (self->network_view, states);

  set_timeline (self, 0, 0);
}

static void
updated_cb (GvWindow    *self,
            GvSimulator *simulator)
{
  /* While a recorded run is on show, the live one waits behind it. */
  if (self->replay != NULL)
    {
      update_actions (self);
      return;
    }

  /* Interventions between rounds change states without a round to animate. */
  if (gv_simulator_get_n_interventions (simulator) > 0 && !self->dirty)
    {
      self->dirty = TRUE;
      update_title (self);
    }

  if (!gv_network_view_get_animating (self->network_view))
    {
      g_autoptr(GBytes) states = gv_simulator_get_node_states (simulator);
      gv_network_view_set_states (self->network_view, states);
    }

  update_status (self);
  update_actions (self);
  refresh_inspector (self);

  if (!gv_simulator_get_busy (simulator) &&
      g_object_get_data (G_OBJECT (self), "pending-save") != NULL)
    {
      g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (self), "pending-save");

      gv_window_save_to (self, file);
    }
}

static void
playing_changed_cb (GvWindow *self)
{
  update_actions (self);
}

static void
layout_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  float *positions = gv_layout_compute_finish (result, &error);

  if (positions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, error);
      return;
    }

  gv_network_view_set_layout (self->network_view, positions);
}

static void
set_simulator (GvWindow    *self,
               GvSimulator *simulator)
{
  const GvParams *p = gv_simulator_get_params (simulator);
  g_autoptr(GBytes) states = NULL;
  g_autofree char *subtitle = NULL;

  if (self->simulator != NULL)
    {
      gv_simulator_pause (self->simulator);
      g_signal_handlers_disconnect_by_data (self->simulator, self);
      g_clear_object (&self->simulator);
    }

  self->simulator = g_object_ref (simulator);
  gv_simulator_set_keep_states (simulator, TRUE);
  gv_simulator_set_speed (simulator, selected_speed (self));
  g_signal_connect_object (simulator, "round-finished", G_CALLBACK (round_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "reset", G_CALLBACK (reset_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "updated", G_CALLBACK (updated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "notify::playing", G_CALLBACK (playing_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_popover_popdown (GTK_POPOVER (self->inspector));
  gv_network_view_set_network (self->network_view, gv_simulator_get_topology (simulator),
                               p->n_nodes);
  states = gv_simulator_get_node_states (simulator);
  gv_network_view_set_states (self->network_view, states);
  if (p->n_nodes <= GV_NETWORK_MAX_DRAWN)
    gv_layout_compute_async (gv_simulator_get_topology (simulator), GV_LAYOUT_AUTO, p->seed,
                             self->cancellable, layout_ready_cb, g_object_ref (self));

  gtk_label_set_label (self->legend_uninformed,
                       p->mode == GV_MODE_RUMOR ? _("Not yet informed") : _("Out of date"));
  gtk_label_set_label (self->legend_spreading,
                       p->mode == GV_MODE_RUMOR ? _("Spreading (ringed)") : _("Up to date (ringed)"));
  gtk_widget_set_visible (GTK_WIDGET (self->legend_removed),
                          p->mode == GV_MODE_RUMOR && p->stop != GV_STOP_NONE);
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (GTK_WIDGET (self->legend_removed)),
                          p->mode == GV_MODE_RUMOR && p->stop != GV_STOP_NONE);

  subtitle = describe (p);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  setup_charts (self, p);
  chart_record (self, gv_simulator_get_record (simulator, 0));
  set_timeline (self, 0, 0);

  /* An opened run is shown from its records, over the network its parameters make;
   * a replay already playing goes on. */
  if (self->replay != NULL)
    {
      chart_replay (self);
      show_position (self, self->position, FALSE);
    }

  update_status (self);
  update_actions (self);
}

static void
simulator_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GvSimulator) simulator = gv_simulator_new_finish (result, &error);

  if (simulator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gv_params_panel_set_error (self->params_panel, error->message);
      return;
    }

  set_simulator (self, simulator);
}

static void
save_params (GvWindow       *self,
             const GvParams *p)
{
  g_autofree char *topology = NULL;
  g_autofree char *stop = NULL;

  if (self->settings == NULL)
    return;

  topology = gv_params_topology_to_string (p);
  stop = gv_params_stop_to_string (p);
  g_settings_set_uint (self->settings, "nodes", p->n_nodes);
  g_settings_set_string (self->settings, "topology", topology);
  g_settings_set_string (self->settings, "protocol", gv_exchange_to_string (p->exchange));
  g_settings_set_string (self->settings, "mode", gv_mode_to_string (p->mode));
  g_settings_set_uint (self->settings, "fanout", p->fanout);
  g_settings_set_string (self->settings, "stop", stop);
  g_settings_set_double (self->settings, "loss", p->loss);
  g_settings_set_double (self->settings, "crash", p->crash);
  g_settings_set_double (self->settings, "recover", p->recover);
  g_settings_set_uint64 (self->settings, "seed", p->seed);
}

static GvParams *
load_params (GvWindow *self)
{
  g_autoptr(GvParams) p = gv_params_panel_default_params ();
  g_autofree char *topology = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *stop = NULL;

  if (self->settings == NULL)
    return g_steal_pointer (&p);

  topology = g_settings_get_string (self->settings, "topology");
  protocol = g_settings_get_string (self->settings, "protocol");
  mode = g_settings_get_string (self->settings, "mode");
  stop = g_settings_get_string (self->settings, "stop");
  p->n_nodes = g_settings_get_uint (self->settings, "nodes");
  p->fanout = g_settings_get_uint (self->settings, "fanout");
  p->loss = g_settings_get_double (self->settings, "loss");
  p->crash = g_settings_get_double (self->settings, "crash");
  p->recover = g_settings_get_double (self->settings, "recover");
  p->seed = g_settings_get_uint64 (self->settings, "seed");

  /* Settings written by hand may be wrong: they fall back to the default run. */
  if (!gv_params_parse_topology (p, topology, NULL) ||
      !gv_params_parse_exchange (p, protocol, NULL) ||
      !gv_params_parse_mode (p, mode, NULL) ||
      !gv_params_parse_stop (p, stop, NULL) ||
      !gv_params_validate (p, NULL))
    {
      g_clear_pointer (&p, gv_params_unref);
      p = gv_params_panel_default_params ();
    }

  return g_steal_pointer (&p);
}

static void
start_simulation (GvWindow *self)
{
  g_autoptr(GvParams) p = gv_params_panel_get_params (self->params_panel);
  g_autoptr(GError) error = NULL;

  if (!gv_params_validate (p, &error))
    {
      gv_params_panel_set_error (self->params_panel, error->message);
      return;
    }

  gv_params_panel_set_error (self->params_panel, NULL);
  save_params (self, p);

  /* New parameters make a new run: not the one opened or saved. */
  leave_replay (self);
  g_clear_object (&self->file);
  self->dirty = FALSE;
  update_title (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->simulator != NULL)
    gv_simulator_pause (self->simulator);

  gv_simulator_new_async (p, 0, self->cancellable, simulator_ready_cb, g_object_ref (self));
}

static void
params_changed_cb (GvWindow *self,
                   gboolean  restart)
{
  if (restart || self->simulator == NULL)
    {
      start_simulation (self);
      return;
    }

  {
    g_autoptr(GvParams) p = gv_params_panel_get_params (self->params_panel);

    gv_simulator_set_faults (self->simulator, p->loss, p->crash, p->recover);
    gtk_widget_set_visible (GTK_WIDGET (self->alive_chart), p->crash > 0 || p->recover > 0);
    save_params (self, p);
  }
}

static void
speed_changed_cb (GvWindow *self)
{
  if (self->simulator != NULL)
    gv_simulator_set_speed (self->simulator, selected_speed (self));
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "speed", selected_speed (self));
}

/* Replay: a recorded run, shown round by round */

static void
stop_replay_tick (GvWindow *self)
{
  g_clear_handle_id (&self->replay_tick, g_source_remove);
}

static void
leave_replay (GvWindow *self)
{
  stop_replay_tick (self);
  if (self->replay == NULL)
    return;

  g_clear_object (&self->replay);
  self->replay_opened = FALSE;
}

/* Shows round @position of the recorded run: its node states, its place on the charts
 * and the timeline, and, when @animate, the messages of that round in flight. */
static void
show_position (GvWindow *self,
               guint     position,
               gboolean  animate)
{
  const GvParams *p;
  g_autofree guint8 *states = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GvChart *charts[3];

  g_return_if_fail (self->replay != NULL);

  p = gv_run_get_params (self->replay);
  self->position = MIN (position, gv_run_get_last_round (self->replay));

  /* The network view needs the run's network; it comes with the simulator. */
  if (self->simulator != NULL && gv_simulator_get_params (self->simulator)->n_nodes == p->n_nodes)
    {
      states = g_malloc (p->n_nodes);
      gv_run_get_node_states (self->replay, self->position, states);
      bytes = g_bytes_new_take (g_steal_pointer (&states), p->n_nodes);
      if (animate && self->position > 0)
        {
          double speed = selected_speed (self);

          gv_network_view_animate_round (self->network_view,
                                         gv_run_get_record (self->replay, self->position), bytes,
                                         speed > 0 ? MIN (1.0 / speed, 1.5) * 0.9 : 0.0);
        }
      else
        gv_network_view_set_states (self->network_view, bytes);
    }

  charts[0] = gv_chart_view_get_chart (self->coverage_chart);
  charts[1] = gv_chart_view_get_chart (self->messages_chart);
  charts[2] = gv_chart_view_get_chart (self->alive_chart);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    gv_chart_set_marker (charts[i], self->position);
  gv_chart_view_changed (self->coverage_chart);
  gv_chart_view_changed (self->messages_chart);
  gv_chart_view_changed (self->alive_chart);

  set_timeline (self, gv_run_get_last_round (self->replay), self->position);

  update_status (self);
  update_actions (self);
}

/* Puts @run on show at @position, with its charts drawn whole. */
static void
chart_replay (GvWindow *self)
{
  setup_charts (self, gv_run_get_params (self->replay));
  for (guint r = 0; r < gv_run_get_n_records (self->replay); r++)
    chart_record (self, gv_run_get_record (self->replay, r));
}

static void
enter_replay (GvWindow *self,
              GvRun    *run,
              gboolean  opened,
              guint     position)
{
  stop_replay_tick (self);
  g_set_object (&self->replay, run);
  self->replay_opened = opened;
  chart_replay (self);
  show_position (self, position, FALSE);
}

/* The live run as a recorded one, to step back through.  FALSE while a round runs. */
static gboolean
replay_live_run (GvWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;

  if (self->simulator == NULL)
    return FALSE;

  gv_simulator_pause (self->simulator);
  run = gv_run_new_from_simulator (self->simulator, &error);
  if (run == NULL)
    return FALSE;

  enter_replay (self, run, FALSE, gv_run_get_last_round (run));
  return TRUE;
}

/* Back to the live run, at its newest round. */
static void
resume_live (GvWindow *self)
{
  g_autoptr(GBytes) states = NULL;

  leave_replay (self);
  if (self->simulator == NULL)
    return;

  setup_charts (self, gv_simulator_get_params (self->simulator));
  for (guint i = 0; i < gv_simulator_get_n_records (self->simulator); i++)
    chart_record (self, gv_simulator_get_record (self->simulator, i));
  states = gv_simulator_get_node_states (self->simulator);
  gv_network_view_set_states (self->network_view, states);

  set_timeline (self, gv_simulator_get_round (self->simulator), gv_simulator_get_round (self->simulator));

  update_status (self);
  update_actions (self);
}

static gboolean
replay_tick_cb (gpointer user_data)
{
  GvWindow *self = user_data;

  if (self->replay == NULL || self->position >= gv_run_get_last_round (self->replay))
    {
      self->replay_tick = 0;
      update_actions (self);
      return G_SOURCE_REMOVE;
    }

  show_position (self, self->position + 1, TRUE);
  /* At the last round the replay is over at once: Play shows again now, not one tick
   * (up to two seconds at the slowest speed) later. */
  if (self->position >= gv_run_get_last_round (self->replay))
    {
      self->replay_tick = 0;
      update_actions (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
play_replay (GvWindow *self)
{
  double speed = selected_speed (self);

  stop_replay_tick (self);
  if (self->position >= gv_run_get_last_round (self->replay))
    show_position (self, 0, FALSE);
  self->replay_tick = g_timeout_add (speed > 0 ? (guint) (1000.0 / speed) : 16,
                                     replay_tick_cb, self);
  update_actions (self);
}

static void
timeline_changed_cb (GvWindow *self)
{
  guint round = (guint) (gtk_adjustment_get_value (self->timeline_adjustment) + 0.5);

  if (self->updating_timeline > 0)
    return;

  if (self->replay == NULL)
    {
      if (self->simulator == NULL || round == gv_simulator_get_round (self->simulator) ||
          !replay_live_run (self))
        return;
    }

  stop_replay_tick (self);
  if (!self->replay_opened && round >= gv_run_get_last_round (self->replay))
    resume_live (self);
  else
    show_position (self, round, FALSE);
}

/* Files */

static void
update_title (GvWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->file != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (self->file,
                                                     G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                          : g_file_get_basename (self->file);
    }
  else
    name = g_strdup (_("New Run"));

  /* A bullet marks changes not saved, as GNOME's editors do. */
  title = self->dirty ? g_strdup_printf ("• %s", name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
remember_recent (GvWindow *self,
                 GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) RUN_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "grapevine %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
show_error (GvWindow   *self,
            const char *heading,
            const char *body)
{
  g_autofree char *sentence = gv_error_sentence (body);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, sentence);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GvWindow *self;
  GFile    *file;
  GvRun    *run;
} FileOp;

static void
file_op_free (FileOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->file);
  g_clear_object (&op->run);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileOp, file_op_free)

static FileOp *
file_op_new (GvWindow *self,
             GFile    *file,
             GvRun    *run)
{
  FileOp *op = g_new0 (FileOp, 1);

  op->self = g_object_ref (self);
  op->file = g_object_ref (file);
  op->run = run != NULL ? g_object_ref (run) : NULL;
  return op;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  GvWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_run_load_finish (result, &error);

  if (run == NULL)
    {
      g_autofree char *name = g_file_get_basename (op->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      /* Nothing was changed: the run on show stays as it was. */
      show_error (self, heading, error->message);
      return;
    }

  /* The parameters appear in the sidebar without starting a run of their own; the
   * simulator they make provides the network the run is drawn on. */
  leave_replay (self);
  g_set_object (&self->file, op->file);
  self->dirty = FALSE;
  gv_params_panel_set_params (self->params_panel, gv_run_get_params (run));
  gv_params_panel_set_error (self->params_panel, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->simulator != NULL)
    gv_simulator_pause (self->simulator);
  enter_replay (self, run, TRUE, gv_run_get_last_round (run));
  gv_simulator_new_async (gv_run_get_params (run), 0, self->cancellable, simulator_ready_cb,
                          g_object_ref (self));
  remember_recent (self, op->file);
  update_title (self);
}

void
gv_window_open_file (GvWindow *self,
                     GFile    *file)
{
  g_return_if_fail (GV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  gv_run_load_async (file, NULL, opened_cb, file_op_new (self, file, NULL));
}

static gboolean
close_later_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  GvWindow *self = op->self;
  g_autoptr(GError) error = NULL;

  if (!gv_run_save_finish (op->run, result, &error))
    {
      g_autofree char *name = g_file_get_basename (op->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      /* The file on disk is as it was: the save writes a copy and renames it. */
      self->close_after_save = FALSE;
      show_error (self, heading, error->message);
      return;
    }

  g_set_object (&self->file, op->file);
  self->dirty = FALSE;
  remember_recent (self, op->file);
  update_title (self);
  toast (self, _("Run saved"));

  if (self->close_after_save)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (self), g_object_unref);
}

/* The run to save, verify or export: the recorded one on show, or the live one. */
static GvRun *
current_run (GvWindow  *self,
             GError   **error)
{
  if (self->replay != NULL)
    return g_object_ref (self->replay);

  if (self->simulator == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("The network is still being set up"));
      return NULL;
    }

  gv_simulator_pause (self->simulator);
  return gv_run_new_from_simulator (self->simulator, error);
}

void
gv_window_save_to (GvWindow *self,
                   GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;

  g_return_if_fail (GV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  run = current_run (self, &error);
  if (run == NULL)
    {
      /* A round in flight: the save waits for it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) && self->simulator != NULL)
        {
          toast (self, _("Saving once the round in progress ends…"));
          g_object_set_data_full (G_OBJECT (self), "pending-save", g_object_ref (file),
                                  g_object_unref);
          return;
        }
      show_error (self, _("Could Not Save the Run"), error->message);
      return;
    }

  gv_run_save_async (run, file, NULL, saved_cb, file_op_new (self, file, run));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  GvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      gv_window_save_to (self, file);
    }
  else
    self->close_after_save = FALSE;

  g_object_unref (dialog);
}

static GtkFileFilter *
run_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Grapevine Runs"));
  gtk_file_filter_add_mime_type (filter, RUN_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "grapevine");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
save_as (GvWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = run_filter ();

  dialog = gtk_file_chooser_native_new (_("Save Run"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("run.grapevine"));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  GvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      gv_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GvWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (gv_run_verify_finish (GV_RUN (object), result, &error))
    toast (self, _("Verified: re-simulating the run reproduces every round"));
  else
    show_error (self, _("The Run Does Not Verify"), error->message);
}

static void
csv_response_cb (GtkNativeDialog *dialog,
                 int              response,
                 GvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      gv_window_export_csv (self, file);
    }
  g_object_unref (dialog);
}

gboolean
gv_window_export_csv (GvWindow *self,
                      GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autofree char *csv = NULL;

  g_return_val_if_fail (GV_IS_WINDOW (self), FALSE);

  run = current_run (self, &error);
  if (run != NULL)
    {
      csv = gv_run_to_csv (run);
      if (gv_write_file_atomically (file, csv, strlen (csv), NULL, &error))
        {
          toast (self, _("Metrics exported"));
          return TRUE;
        }
    }

  show_error (self, _("Could Not Export the Metrics"), error->message);
  return FALSE;
}

static void
rebuild_recent_menu (GvWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), RUN_MIME_TYPE) != 0 ||
          !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GvWindow      *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;

  gv_window_open_file (self, g_value_get_object (value));
  return TRUE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GvWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      /* After the dialog has finished with its response: it belongs to this window. */
      self->dirty = FALSE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (self),
                       g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      if (self->file != NULL)
        gv_window_save_to (self, self->file);
      else
        save_as (self);
    }
}

/* Pictures */

typedef struct
{
  GvWindow  *self;
  GvPicture  picture;
} PictureDraw;

static void
draw_picture_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  PictureDraw *pd = user_data;
  GvChartView *views[] = { pd->self->coverage_chart, pd->self->messages_chart,
                           pd->self->alive_chart };
  GvPalette palette;

  if (pd->picture == GV_PICTURE_NETWORK)
    {
      gv_network_view_draw_picture (pd->self->network_view, cr, width, height);
      return;
    }

  /* The chart as on screen, in the theme's colours, at the size asked for. */
  gv_theme_get_palette (GTK_WIDGET (views[pd->picture]), &palette);
  gv_chart_draw (gv_chart_view_get_chart (views[pd->picture]), cr, width, height, &palette);
}

gboolean
gv_window_export_picture (GvWindow   *self,
                          GvPicture   picture,
                          GFile      *file,
                          double      width,
                          double      height,
                          double      scale,
                          GError    **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PictureDraw pd = { self, picture };
  GvImageFormat format;

  g_return_val_if_fail (GV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (picture <= GV_PICTURE_NETWORK, FALSE);

  name = g_file_get_basename (file);
  if (!gv_image_format_for_name (name, &format))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("“%s” does not end in .png, .svg or .pdf"), name);
      return FALSE;
    }

  bytes = gv_export_image (format, width, height, scale, draw_picture_cb, &pd, error);
  return bytes != NULL &&
         gv_write_file_atomically (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL, error);
}

typedef struct
{
  GvWindow      *self;
  GtkDropDown   *picture;
  GtkSpinButton *width;
  GtkSpinButton *height;
  GtkSpinButton *scale;
} ExportChoice;

static void
export_choice_free (ExportChoice *choice)
{
  g_clear_object (&choice->self);
  g_free (choice);
}

static void
export_choice_notify (gpointer  data,
                      GClosure *closure)
{
  export_choice_free (data);
}

/* What the export dialog chose, carried to the file chooser. */
typedef struct
{
  GvWindow  *self;
  GvPicture  picture;
  double     width;
  double     height;
  double     scale;
} PictureJob;

static void
picture_job_free (PictureJob *job)
{
  g_clear_object (&job->self);
  g_free (job);
}

static void
picture_file_cb (GtkNativeDialog *dialog,
                 int              response,
                 PictureJob      *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (gv_window_export_picture (job->self, job->picture, file, job->width, job->height,
                                    job->scale, &error))
        toast (job->self, _("Picture exported"));
      else
        show_error (job->self, _("Could Not Export the Picture"), error->message);
    }

  g_object_unref (dialog);
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportChoice     *choice)
{
  static const char *names[] = { N_("coverage.png"), N_("messages.png"), N_("alive.png"),
                                 N_("network.png") };
  GtkFileChooserNative *chooser;
  PictureJob *job;

  if (!g_str_equal (response, "export"))
    return;

  job = g_new0 (PictureJob, 1);
  job->self = g_object_ref (choice->self);
  job->picture = MIN (gtk_drop_down_get_selected (choice->picture), GV_PICTURE_NETWORK);
  job->width = gtk_spin_button_get_value (choice->width);
  job->height = gtk_spin_button_get_value (choice->height);
  job->scale = gtk_spin_button_get_value (choice->scale);

  chooser = gtk_file_chooser_native_new (_("Export Picture"), GTK_WINDOW (choice->self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _(names[job->picture]));
  g_object_set_data_full (G_OBJECT (chooser), "job", job, (GDestroyNotify) picture_job_free);
  g_signal_connect (chooser, "response", G_CALLBACK (picture_file_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkSpinButton *
add_spin (GtkGrid    *grid,
          int         row,
          const char *label,
          double      lower,
          double      upper,
          double      value,
          guint       digits)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, digits > 0 ? 0.25 : 10);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), spin);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (spin, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  return GTK_SPIN_BUTTON (spin);
}

static void
export_picture_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  const char *pictures[] = { N_("Coverage chart"), N_("Messages chart"), N_("Alive nodes chart"),
                             N_("Network at this round"), NULL };
  const char *translated[G_N_ELEMENTS (pictures)];
  GtkWidget *dialog, *grid, *title, *dropdown;
  ExportChoice *choice;

  for (guint i = 0; i < G_N_ELEMENTS (pictures); i++)
    translated[i] = pictures[i] != NULL ? _(pictures[i]) : NULL;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Picture"),
                                   _("PNG, SVG or PDF, by the name you give the file. The "
                                     "picture is drawn as on screen, at the size you choose."));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  title = gtk_label_new_with_mnemonic (_("_Picture"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  dropdown = gtk_drop_down_new_from_strings (translated);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), dropdown);
  gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), dropdown, 1, 0, 1, 1);

  choice = g_new0 (ExportChoice, 1);
  choice->self = g_object_ref (self);
  choice->picture = GTK_DROP_DOWN (dropdown);
  choice->width = add_spin (GTK_GRID (grid), 1, _("_Width (points)"), 100, 8000, 800, 0);
  choice->height = add_spin (GTK_GRID (grid), 2, _("_Height (points)"), 100, 8000, 500, 0);
  choice->scale = add_spin (GTK_GRID (grid), 3, _("PNG _scale"), 1, 4, 1, 2);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_signal_connect_data (dialog, "response", G_CALLBACK (export_response_cb), choice,
                         export_choice_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  dismiss_intro (self);
  if (self->replay != NULL && self->replay_opened)
    {
      if (self->replay_tick != 0)
        stop_replay_tick (self);
      else
        play_replay (self);
      update_actions (self);
      return;
    }

  /* A live run that was stepped back into goes on from where it got to. */
  if (self->replay != NULL)
    resume_live (self);

  if (self->simulator == NULL)
    return;
  if (gv_simulator_get_playing (self->simulator))
    gv_simulator_pause (self->simulator);
  else
    gv_simulator_play (self->simulator);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  dismiss_intro (self);
  if (self->replay != NULL)
    {
      stop_replay_tick (self);
      if (self->position < gv_run_get_last_round (self->replay))
        {
          show_position (self, self->position + 1, TRUE);
          return;
        }
      if (self->replay_opened)
        return;
      /* Past the last recorded round of a live run: play a new one. */
      resume_live (self);
    }

  if (self->simulator != NULL)
    gv_simulator_step (self->simulator);
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  if (self->replay == NULL && !replay_live_run (self))
    return;

  stop_replay_tick (self);
  if (self->position > 0)
    show_position (self, self->position - 1, FALSE);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  if (self->replay != NULL && self->replay_opened)
    {
      stop_replay_tick (self);
      show_position (self, 0, FALSE);
      return;
    }

  leave_replay (self);
  if (self->simulator != NULL)
    gv_simulator_reset (self->simulator);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = run_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Run"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  gv_window_open_file (GV_WINDOW (widget), file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  if (self->file != NULL)
    gv_window_save_to (self, self->file);
  else
    save_as (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  save_as (GV_WINDOW (widget));
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = current_run (self, &error);

  if (run == NULL)
    {
      show_error (self, _("Could Not Verify the Run"), error->message);
      return;
    }

  toast (self, _("Verifying: re-simulating the run…"));
  gv_run_verify_async (run, NULL, verified_cb, g_object_ref (self));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = current_run (self, &error);
  GvCompareWindow *compare = gv_compare_window_new (GTK_WINDOW (self));

  /* The run on show is the first in the comparison; more are added from files. */
  if (run != NULL)
    gv_compare_window_add_run (compare, run);
  gtk_window_present (GTK_WINDOW (compare));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Metrics"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("metrics.csv"));
  g_signal_connect (dialog, "response", G_CALLBACK (csv_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  gv_network_view_fit (GV_WINDOW (widget)->network_view);
}

static void
random_seed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  g_autoptr(GvParams) p = gv_params_panel_get_params (self->params_panel);

  p->seed = g_random_int ();
  gv_params_panel_set_params (self->params_panel, p);
  start_simulation (self);
}

/* The legend's keys are nodes drawn by the network's own renderer, in the palette of
 * the moment, so that they always look like the nodes they explain. */
static void
draw_legend_key (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        state)
{
  GvPalette palette;

  gv_theme_get_palette (GTK_WIDGET (area), &palette);
  gv_network_draw_node_key (cr, width / 2.0, height / 2.0, MIN (width, height) / 3.2,
                            GPOINTER_TO_UINT (state), &palette);
}

static void
set_intro_visible (GvWindow *self,
                   gboolean  visible)
{
  gtk_widget_set_visible (self->intro_box, visible);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-intro", visible);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "show-intro", visible);
  if (!visible)
    gtk_widget_grab_focus (GTK_WIDGET (self->play_button));
}

/* Playing or stepping means the reader has moved on: the card would only hide the
 * network it talks about. */
static void
dismiss_intro (GvWindow *self)
{
  if (gtk_widget_get_visible (self->intro_box))
    set_intro_visible (self, FALSE);
}

static void
show_intro_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  set_intro_visible (GV_WINDOW (widget), TRUE);
}

static void
close_intro_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  set_intro_visible (GV_WINDOW (widget), FALSE);
}

static void
intro_play_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  gboolean playing = is_playing (self);

  /* The card's Play is the header's Play when nothing is playing yet: a live run, a
   * run opened from a file (replayed from the start if it is at its end), or a live
   * run that was stepped back into. */
  set_intro_visible (self, FALSE);
  if (!playing)
    play_pause_action (widget, NULL, NULL);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
flap_revealed_cb (GvWindow *self)
{
  gtk_toggle_button_set_active (self->sidebar_button, adw_flap_get_reveal_flap (self->flap));
}

/* Space and Right act on the simulation wherever the focus is, but for text entry: a
 * focused button would otherwise take Space, and focus navigation would take Right. */
static gboolean
transport_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  const char *action = user_data;

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus)))
    return FALSE;

  return gtk_widget_activate_action (widget, action, NULL);
}

static void
add_transport_shortcuts (GvWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                          gtk_callback_action_new (transport_key_cb,
                                                                                   (gpointer) "win.play-pause",
                                                                                   NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                                                          gtk_callback_action_new (transport_key_cb,
                                                                                   (gpointer) "win.step",
                                                                                   NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                                                          gtk_callback_action_new (transport_key_cb,
                                                                                   (gpointer) "win.step-back",
                                                                                   NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static gboolean
close_request_cb (GvWindow *self)
{
  if (self->dirty)
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the Run?"),
                                       _("This run has rounds that are not saved. If you close "
                                         "the window without saving, they are lost."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->settings != NULL)
    {
      int width, height;

      /* A shown window remembers the size the user gave it; one never shown has only
       * its default-width and -height. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      else
        g_object_get (self, "default-width", &width, "default-height", &height, NULL);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (GTK_WINDOW (self)));
    }

  g_cancellable_cancel (self->cancellable);
  if (self->simulator != NULL)
    gv_simulator_pause (self->simulator);

  return FALSE;
}

static void
gv_window_dispose (GObject *object)
{
  GvWindow *self = (GvWindow *) object;

  if (self->simulator != NULL)
    g_signal_handlers_disconnect_by_data (self->simulator, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->simulator);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->replay_tick, g_source_remove);
  g_clear_object (&self->replay);
  g_clear_object (&self->file);
  if (self->inspector != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->inspector));
      self->inspector = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), GV_TYPE_WINDOW);

  G_OBJECT_CLASS (gv_window_parent_class)->dispose (object);
}

static void
gv_window_class_init (GvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_window_dispose;

  g_type_ensure (GV_TYPE_PARAMS_PANEL);
  g_type_ensure (GV_TYPE_NETWORK_VIEW);
  g_type_ensure (GV_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grapevine_lab/Grapevine/gv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GvWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, params_panel);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, network_view);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, legend_box);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, legend_uninformed);
  gtk_widget_class_bind_template_child_full (widget_class, "legend_key_uninformed", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, legend_keys[GV_NODE_UNINFORMED]));
  gtk_widget_class_bind_template_child_full (widget_class, "legend_key_spreading", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, legend_keys[GV_NODE_SPREADING]));
  gtk_widget_class_bind_template_child_full (widget_class, "legend_key_removed", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, legend_keys[GV_NODE_REMOVED]));
  gtk_widget_class_bind_template_child_full (widget_class, "legend_key_crashed", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, legend_keys[GV_NODE_CRASHED]));
  gtk_widget_class_bind_template_child (widget_class, GvWindow, legend_spreading);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, legend_removed);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, coverage_chart);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, messages_chart);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, alive_chart);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, intro_box);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, timeline_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, recent_menu);

  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-picture", NULL, export_picture_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "win.random-seed", NULL, random_seed_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-intro", NULL, show_intro_action);
  gtk_widget_class_install_action (widget_class, "win.close-intro", NULL, close_intro_action);
  gtk_widget_class_install_action (widget_class, "win.intro-play", NULL, intro_play_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.random-seed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-intro", NULL);
}

static void
gv_window_init (GvWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GvParams) params = NULL;
  GtkWidget *charts[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  charts[0] = GTK_WIDGET (self->coverage_chart);
  charts[1] = GTK_WIDGET (self->messages_chart);
  charts[2] = GTK_WIDGET (self->alive_chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (charts[0]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Coverage chart"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (charts[1]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Messages chart"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (charts[2]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Alive nodes chart"), -1);

  /* Without an installed schema (a run from the build tree without
   * GSETTINGS_SCHEMA_DIR) the window still works; it only forgets. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_SCHEMA, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_SCHEMA);
  else
    g_warning ("The GSettings schema %s is not installed; settings will not be kept",
               APP_SCHEMA);

  if (self->settings != NULL)
    {
      double speed = g_settings_get_double (self->settings, "speed");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
        if (speeds[i] == speed)
          gtk_drop_down_set_selected (self->speed_dropdown, i);
    }
  if (self->settings == NULL)
    gtk_drop_down_set_selected (self->speed_dropdown, 2);

  self->inspector = GV_INSPECTOR (gv_inspector_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->inspector), GTK_WIDGET (self->network_view));
  g_signal_connect_swapped (self->inspector, "set-alive", G_CALLBACK (inspector_set_alive_cb), self);
  g_signal_connect_swapped (self->inspector, "inject", G_CALLBACK (inspector_inject_cb), self);
  g_signal_connect_swapped (self->inspector, "closed", G_CALLBACK (inspector_closed_cb), self);

  g_signal_connect_swapped (self->network_view, "node-activated",
                            G_CALLBACK (node_activated_cb), self);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected",
                            G_CALLBACK (speed_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  add_transport_shortcuts (self);

  for (guint state = 0; state < G_N_ELEMENTS (self->legend_keys); state++)
    {
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->legend_keys[state]),
                                      draw_legend_key, GUINT_TO_POINTER (state), NULL);
      g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                               G_CALLBACK (gtk_widget_queue_draw), self->legend_keys[state],
                               G_CONNECT_SWAPPED);
    }

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  g_signal_connect_swapped (self->timeline_adjustment, "value-changed",
                            G_CALLBACK (timeline_changed_cb), self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
  update_title (self);

  self->cancellable = g_cancellable_new ();
  update_status (self);
  update_actions (self);

  /* The first time, a short introduction says what the picture shows. */
  set_intro_visible (self, self->settings == NULL ||
                           g_settings_get_boolean (self->settings, "show-intro"));

  params = load_params (self);
  gv_params_panel_set_params (self->params_panel, params);
  g_signal_connect_swapped (self->params_panel, "changed", G_CALLBACK (params_changed_cb), self);
  start_simulation (self);
}

GvWindow *
gv_window_new (AdwApplication *application)
{
  return g_object_new (GV_TYPE_WINDOW, "application", application, NULL);
}

GvSimulator *
gv_window_get_simulator (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  return self->simulator;
}

void
gv_window_inspect_node (GvWindow *self,
                        guint32   node)
{
  g_return_if_fail (GV_IS_WINDOW (self));

  gv_network_view_set_selected (self->network_view, node);
  gv_inspector_set_node (self->inspector, node, NULL, GV_MODE_RUMOR);
  gtk_popover_popup (GTK_POPOVER (self->inspector));
  refresh_inspector (self);
}

GtkWidget *
gv_window_get_inspector (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->inspector);
}

GvRun *
gv_window_get_replay (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  return self->replay;
}

guint
gv_window_get_position (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), 0);
  return self->replay != NULL ? self->position
                              : (self->simulator != NULL ? gv_simulator_get_round (self->simulator) : 0);
}

GFile *
gv_window_get_file (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
gv_window_get_dirty (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), FALSE);
  return self->dirty;
}
