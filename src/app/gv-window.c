/* gv-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window: its template and layout, the simulator it drives, and what follows from
 * the run's protocol as it declares itself: the picture's classes and legend, the charts
 * each view can show, the status line and the inspector.  Actions, files and replays are
 * in gv-window-actions.c, gv-window-files.c and gv-window-replay.c.
 */

#define G_LOG_DOMAIN "gv-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gv-application.h"
#include "gv-error.h"
#include "gv-format.h"
#include "gv-layout.h"
#include "gv-network-renderer.h"
#include "gv-theme.h"
#include "gv-window-private.h"

#define APP_SCHEMA "io.github.grapevine_lab.Grapevine"

/* The speeds of the dropdown, in its order; 0 is as fast as possible. */
static const double speeds[] = { 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 0 };

G_DEFINE_FINAL_TYPE (GvWindow, gv_window, ADW_TYPE_APPLICATION_WINDOW)

double
gv_window_selected_speed (GvWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->speed_dropdown);

  return speeds[MIN (i, G_N_ELEMENTS (speeds) - 1)];
}

void
gv_window_toast (GvWindow   *self,
                 const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
gv_window_toast_error (GvWindow     *self,
                       const GError *error)
{
  g_autofree char *sentence = gv_error_sentence (error->message);

  gv_window_toast (self, sentence);
}

void
gv_window_show_error (GvWindow   *self,
                      const char *heading,
                      const char *body)
{
  g_autofree char *sentence = gv_error_sentence (body);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, sentence);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Rumour %u" with @number in it.  Not through printf: the format comes from a
 * declaration and its translation, and a wrong conversion there must not crash. */
static char *
describe_topology (const GvParams *p)
{
  switch (p->topology)
    {
    case GV_TOPOLOGY_COMPLETE: return g_strdup (_("complete graph"));
    case GV_TOPOLOGY_RING: return g_strdup_printf (_("ring, K = %u"), p->topology_k);
    case GV_TOPOLOGY_REGULAR: return g_strdup_printf (_("%u-regular"), p->topology_k);
    case GV_TOPOLOGY_ER: return g_strdup_printf (_("Erdős–Rényi, p = %g"), p->topology_p);
    case GV_TOPOLOGY_WS: return g_strdup_printf (_("small world, K = %u"), p->topology_k);
    case GV_TOPOLOGY_BA: return g_strdup_printf (_("scale-free, M = %u"), p->topology_k);
    case GV_TOPOLOGY_GRID: return g_strdup (_("grid"));
    case GV_N_TOPOLOGIES:
    default: return g_strdup ("");
    }
}

/* The protocol by name, with the parameters whose values say themselves ("push-pull"). */
static char *
describe_protocol (const GvParams *p)
{
  char *text = g_utf8_strdown (_(p->protocol->name), -1);

  for (guint i = 0; i < p->protocol->n_params; i++)
    {
      const GvParamSpec *spec = &p->protocol->params[i];
      g_autofree char *value = NULL;
      g_autofree char *lower = NULL;
      char *joined;

      if ((spec->flags & GV_PARAM_FLAG_BARE) == 0 || (spec->flags & GV_PARAM_FLAG_HIDDEN) != 0)
        continue;
      value = gv_param_describe (spec, gv_params_get_value (p, i));
      lower = g_utf8_strdown (value, -1);
      /* Translators: a protocol and a setting that says itself, e.g. "rumour mongering,
       * push-pull" */
      joined = g_strdup_printf (_("%s, %s"), text, lower);
      g_free (text);
      text = joined;
    }
  return text;
}

static char *
describe (const GvParams *p)
{
  g_autofree char *topo = describe_topology (p);
  g_autofree char *nodes = NULL;
  g_autofree char *protocol = describe_protocol (p);
  g_auto(GStrv) changes = gv_format_changed_params (p);
  char *text;

  nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", p->n_nodes), p->n_nodes);
  if (!p->protocol->uses_fanout)
    /* Translators: the window's subtitle for a protocol without a fanout: the number
     * of nodes, the topology and the protocol */
    text = g_strdup_printf (_("%s · %s · %s"), nodes, topo, protocol);
  else
    /* Translators: the window's subtitle: the number of nodes, the topology, the protocol
     * and the fanout, e.g. "64 nodes · complete graph · rumour mongering, push-pull ·
     * fanout 1"; what differs from the defaults follows, e.g. " · loss 10%" */
    text = g_strdup_printf (_("%s · %s · %s · fanout %u"), nodes, topo, protocol, p->fanout);
  for (guint i = 0; changes[i] != NULL; i++)
    {
      char *joined = g_strdup_printf (_("%s · %s"), text, changes[i]);

      g_free (text);
      text = joined;
    }
  return text;
}

/* The timeline shows @value of [0, @upper] without taking it as the user's move. */
void
gv_window_set_timeline (GvWindow *self,
                        guint     upper,
                        guint     value)
{
  self->updating_timeline++;
  gtk_adjustment_set_upper (self->timeline_adjustment, upper);
  gtk_adjustment_set_value (self->timeline_adjustment, value);
  self->updating_timeline--;
}

/* The parameters of the run on show: the recorded one, or the live one. */
const GvParams *
gv_window_shown_params (GvWindow *self)
{
  if (self->replay != NULL)
    return gv_run_get_params (self->replay);
  if (self->simulator != NULL)
    return gv_simulator_get_params (self->simulator);
  return NULL;
}

GvTopology *
gv_window_shown_topology (GvWindow *self)
{
  if (self->replay != NULL)
    return gv_window_replay_topology (self);
  return self->simulator != NULL ? gv_simulator_get_topology (self->simulator) : NULL;
}

/* The picture: classes, legend, views */

static void
update_message_keys (GvWindow *self)
{
  const GvParams *p = gv_window_shown_params (self);
  /* Messages fly across the picture only where nodes are drawn and recorded. */
  gboolean drawn = p != NULL && p->n_nodes <= GV_NETWORK_MAX_DRAWN && gv_params_has_detail (p);
  g_autofree char *notice = NULL;

  gv_legend_set_messages (self->legend, drawn ? self->outcomes : 0);

  /* Where they do not, the picture says so where the messages would be. */
  if (p != NULL && p->n_nodes > GV_NETWORK_MAX_DRAWN)
    notice = g_strdup_printf (ngettext ("Over %u node, each node is one cell and messages are "
                                        "counted, not animated",
                                        "Over %u nodes, each node is one cell and messages are "
                                        "counted, not animated", GV_NETWORK_MAX_DRAWN),
                              GV_NETWORK_MAX_DRAWN);
  else if (p != NULL && !drawn)
    notice = g_strdup_printf (ngettext ("Beyond the detail cap of %u node, messages are counted, "
                                        "not recorded, so they are not animated",
                                        "Beyond the detail cap of %u nodes, messages are counted, "
                                        "not recorded, so they are not animated", p->detail_cap),
                              p->detail_cap);
  gtk_label_set_label (self->detail_notice, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_notice), notice != NULL);
}

void
gv_window_note_outcomes (GvWindow            *self,
                         const GvRoundRecord *rec)
{
  static const guint metrics[] = {
    [GV_MESSAGE_USEFUL] = GV_METRIC_USEFUL,
    [GV_MESSAGE_REDUNDANT] = GV_METRIC_REDUNDANT,
    [GV_MESSAGE_LOST] = GV_METRIC_LOST,
    [GV_MESSAGE_DEAD] = GV_METRIC_DEAD,
    [GV_MESSAGE_REQUEST] = GV_METRIC_REQUESTS,
  };
  guint outcomes = self->outcomes;

  if (rec == NULL)
    outcomes = 0;
  else
    for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
      if (gv_round_record_get (rec, metrics[i]) > 0)
        outcomes |= 1u << i;

  if (outcomes != self->outcomes || rec == NULL)
    {
      self->outcomes = outcomes;
      update_message_keys (self);
    }
}

static void
fill_view_list (GvWindow         *self,
                const GvProtocol *protocol,
                guint             n_views)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  /* Translators: in "Colour by", every item (rumour, key) at once */
  gtk_string_list_append (labels, _("All"));
  for (guint v = 1; v < n_views; v++)
    {
      const char *format = protocol->view_label != NULL ? _(protocol->view_label) : "%u";
      g_autofree char *label = gv_protocol_number_label (format, v);

      gtk_string_list_append (labels, label);
    }

  self->updating_views++;
  gtk_drop_down_set_model (self->view_dropdown, G_LIST_MODEL (labels));
  self->updating_views--;
  self->n_views = n_views;
}

void
gv_window_set_classes (GvWindow           *self,
                       const GvClassTable *classes,
                       const GvProtocol   *protocol,
                       guint               n_views,
                       guint               view)
{
  GtkWidget *view_box = gtk_widget_get_parent (GTK_WIDGET (self->view_dropdown));

  gv_network_view_set_classes (self->network_view, classes);
  gv_legend_set_classes (self->legend, classes);

  n_views = MAX (n_views, 1);
  if (n_views != self->n_views || protocol != self->views_protocol)
    fill_view_list (self, protocol, n_views);
  self->views_protocol = protocol;
  self->updating_views++;
  gtk_drop_down_set_selected (self->view_dropdown, MIN (view, n_views - 1));
  self->updating_views--;
  gtk_widget_set_visible (view_box, n_views > 1);
}

void
gv_window_show_states (GvWindow      *self,
                       GBytes        *states,
                       GvRoundRecord *record)
{
  if (record != NULL)
    {
      double speed = gv_window_selected_speed (self);
      /* Slow motion takes the whole round; faster, the messages fly for at most 1.5 s
       * so that a round does not drag. */
      double duration = speed <= 0 ? 0.0 : speed < 1 ? 0.95 / speed : MIN (1.0 / speed, 1.5) * 0.9;

      if (self->hold_next_round)
        {
          /* Shift+Right: the round one message at a time, the first sent at once. */
          self->hold_next_round = FALSE;
          gv_network_view_hold_round (self->network_view, record, states);
          gv_network_view_step_message (self->network_view);
        }
      else
        gv_network_view_animate_round (self->network_view, record, states, duration);
    }
  else
    gv_network_view_set_states (self->network_view, states);

  gv_window_update_tree (self);

  if (states != NULL)
    gv_legend_set_present (self->legend, g_bytes_get_data (states, NULL),
                           g_bytes_get_size (states));
  else
    gv_legend_set_present (self->legend, NULL, 0);
}

/* The live run's classes and views, as the simulator has them now. */
static void
sync_live_classes (GvWindow *self)
{
  const GvParams *p = gv_simulator_get_params (self->simulator);

  gv_window_set_classes (self, gv_simulator_get_classes (self->simulator), p->protocol,
                         gv_simulator_get_n_views (self->simulator),
                         gv_simulator_get_view (self->simulator));
}

static void
view_changed_cb (GvWindow *self)
{
  guint view = gtk_drop_down_get_selected (self->view_dropdown);

  if (self->updating_views > 0 || view == GTK_INVALID_LIST_POSITION)
    return;

  if (self->replay != NULL)
    {
      self->replay_view = view;
      gv_window_show_position (self, self->position, FALSE);
      return;
    }
  if (self->simulator != NULL)
    gv_simulator_set_view (self->simulator, view);
}

/* Whether rounds are going by: a recorded run's replay ticking, or the live run
 * playing (a live run stepped back into is paused until Play resumes it). */
gboolean
gv_window_is_playing (GvWindow *self)
{
  if (self->replay != NULL)
    return self->replay_tick != 0;
  return self->simulator != NULL && gv_simulator_get_playing (self->simulator);
}

void
gv_window_update_actions (GvWindow *self)
{
  gboolean have = self->simulator != NULL;
  gboolean playing = gv_window_is_playing (self);
  gboolean finished = have && gv_simulator_get_finished (self->simulator);
  gboolean can_step_back;

  if (self->replay != NULL)
    {
      /* Playing a recorded run goes as far as it was recorded; a live run that was
       * stepped back into can go on live. */
      guint last = gv_run_get_last_round (self->replay);

      finished = self->replay_opened && self->position >= last;
      if (!self->replay_opened)
        finished = finished || (self->position >= last && have &&
                                gv_simulator_get_finished (self->simulator));
      have = TRUE;
    }

  can_step_back = self->replay != NULL ? self->position > 0
                                       : have && gv_simulator_get_round (self->simulator) > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-back", can_step_back);

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

/* The simulator */

static void
round_finished_cb (GvWindow      *self,
                   GvRoundRecord *record,
                   GvSimulator   *simulator)
{
  g_autoptr(GBytes) states = NULL;
  const GvParams *p = gv_simulator_get_params (simulator);

  /* A rumour started by hand adds a view, and a line on the coverage chart. */
  if (gv_simulator_get_n_views (simulator) != self->n_views)
    sync_live_classes (self);

  states = gv_simulator_get_node_states (simulator);
  gv_window_chart_record (self, p, record);
  gv_window_note_outcomes (self, record);
  gv_window_show_states (self, states, record);

  gv_window_set_timeline (self, record->round, record->round);

  if (!self->dirty)
    {
      self->dirty = TRUE;
      gv_window_update_title (self);
    }
}

static void
reset_cb (GvWindow    *self,
          GvSimulator *simulator)
{
  g_autoptr(GBytes) states = gv_simulator_get_node_states (simulator);

  sync_live_classes (self);
  gv_window_setup_charts (self, gv_simulator_get_params (simulator),
                          gv_simulator_get_topology (simulator));
  gv_window_chart_record (self, gv_simulator_get_params (simulator),
                          gv_simulator_get_record (simulator, 0));
  gv_window_note_outcomes (self, NULL);
  gv_window_show_states (self, states, NULL);

  gv_window_set_timeline (self, 0, 0);
}

static void
updated_cb (GvWindow    *self,
            GvSimulator *simulator)
{
  /* While a recorded run is on show, the live one waits behind it. */
  if (self->replay != NULL)
    {
      gv_window_update_actions (self);
      return;
    }

  /* Interventions between rounds change states without a round to animate. */
  if (gv_simulator_get_n_interventions (simulator) > 0 && !self->dirty)
    {
      self->dirty = TRUE;
      gv_window_update_title (self);
    }

  if (gv_simulator_get_n_views (simulator) != self->n_views)
    sync_live_classes (self);

  if (!gv_network_view_get_animating (self->network_view))
    {
      g_autoptr(GBytes) states = gv_simulator_get_node_states (simulator);

      gv_window_show_states (self, states, NULL);
    }

  gv_window_update_status (self);
  gv_window_update_actions (self);
  gv_window_refresh_inspector (self);

  if (!gv_simulator_get_busy (simulator) &&
      g_object_get_data (G_OBJECT (self), "pending-save") != NULL)
    {
      g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (self), "pending-save");

      gv_window_save_to (self, file);
    }
}

/* An intervention queued during a round that turned out impossible: the person who
 * asked for it hears why. */
static void
intervention_failed_cb (GvWindow    *self,
                        const char  *message,
                        GvSimulator *simulator)
{
  g_autofree char *sentence = gv_error_sentence (message);

  gv_window_toast (self, sentence);
}

static void
playing_changed_cb (GvWindow *self)
{
  gv_window_update_actions (self);
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
        gv_window_toast_error (self, error);
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
  gv_simulator_set_speed (simulator, gv_window_selected_speed (self));
  g_signal_connect_object (simulator, "round-finished", G_CALLBACK (round_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "reset", G_CALLBACK (reset_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "updated", G_CALLBACK (updated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "intervention-failed",
                           G_CALLBACK (intervention_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (simulator, "notify::playing", G_CALLBACK (playing_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_popover_popdown (GTK_POPOVER (self->inspector));
  gv_network_view_set_network (self->network_view, gv_simulator_get_topology (simulator),
                               p->n_nodes);
  self->n_views = 0;
  sync_live_classes (self);
  states = gv_simulator_get_node_states (simulator);
  gv_window_note_outcomes (self, NULL);
  gv_window_show_states (self, states, NULL);
  if (p->n_nodes <= GV_NETWORK_MAX_DRAWN)
    gv_layout_compute_async (gv_simulator_get_topology (simulator), GV_LAYOUT_AUTO, p->seed,
                             self->cancellable, layout_ready_cb, g_object_ref (self));

  subtitle = describe (p);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gv_intro_set_protocol (self->intro, p->protocol);

  gv_window_setup_charts (self, p, gv_simulator_get_topology (simulator));
  gv_window_chart_record (self, p, gv_simulator_get_record (simulator, 0));
  gv_window_set_timeline (self, 0, 0);

  /* An opened run is shown from its records, over the network its parameters make;
   * a replay already playing goes on. */
  if (self->replay != NULL)
    {
      gv_window_chart_replay (self);
      gv_window_show_position (self, self->position, FALSE);
    }

  gv_window_update_status (self);
  gv_window_update_actions (self);
}

void
gv_window_simulator_ready_cb (GObject      *object,
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

void
gv_window_start_simulation (GvWindow *self)
{
  g_autoptr(GvParams) p = gv_params_panel_get_params (self->params_panel);
  g_autoptr(GError) error = NULL;

  if (!gv_params_validate (p, &error))
    {
      gv_params_panel_set_error (self->params_panel, error->message);
      return;
    }

  gv_params_panel_set_error (self->params_panel, NULL);
  gv_window_save_params (self, p);

  /* New parameters make a new run: not the one opened or saved. */
  gv_window_leave_replay (self);
  g_clear_object (&self->file);
  self->dirty = FALSE;
  gv_window_update_title (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->simulator != NULL)
    gv_simulator_pause (self->simulator);

  gv_simulator_new_async (p, 0, self->cancellable, gv_window_simulator_ready_cb,
                          g_object_ref (self));
}

static void
params_changed_cb (GvWindow *self,
                   gboolean  restart)
{
  g_autoptr(GvParams) p = NULL;

  if (restart || self->simulator == NULL)
    {
      gv_window_start_simulation (self);
      return;
    }

  p = gv_params_panel_get_params (self->params_panel);
  gv_simulator_set_faults (self->simulator, p->loss, p->crash, p->recover);
  gv_window_update_chart_visibility (self, p);
  gv_window_save_params (self, p);
}

static void
speed_changed_cb (GvWindow *self)
{
  if (self->simulator != NULL)
    gv_simulator_set_speed (self->simulator, gv_window_selected_speed (self));
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "speed", gv_window_selected_speed (self));
}

/* Introduction */

void
gv_window_set_intro_visible (GvWindow *self,
                             gboolean  visible)
{
  gtk_widget_set_visible (GTK_WIDGET (self->intro), visible);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-intro", visible);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "show-intro", visible);
  if (!visible)
    gtk_widget_grab_focus (GTK_WIDGET (self->play_button));
}

/* Playing or stepping means the reader has moved on: the card would only hide the
 * network it talks about. */
void
gv_window_dismiss_intro (GvWindow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->intro)))
    gv_window_set_intro_visible (self, FALSE);
}

static void
flap_revealed_cb (GvWindow *self)
{
  gtk_toggle_button_set_active (self->sidebar_button, adw_flap_get_reveal_flap (self->flap));
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
gv_window_finalize (GObject *object)
{
  GvWindow *self = (GvWindow *) object;

  for (guint v = 0; v < GV_N_CHART_VIEWS; v++)
    g_clear_pointer (&self->chart_ids[v], g_free);

  G_OBJECT_CLASS (gv_window_parent_class)->finalize (object);
}

static void
gv_window_class_init (GvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_window_dispose;
  object_class->finalize = gv_window_finalize;
  object_class->get_property = gv_window_get_property;
  object_class->set_property = gv_window_set_property;

  /**
   * GvWindow:show-tree:
   *
   * Whether the picture draws the whole infection tree: who first told whom.
   */
  g_object_class_install_property (object_class, PROP_SHOW_TREE,
                                   g_param_spec_boolean ("show-tree", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE |
                                                         G_PARAM_EXPLICIT_NOTIFY |
                                                         G_PARAM_STATIC_STRINGS));
  /**
   * GvWindow:presentation:
   *
   * Whether the window is in presentation mode: full screen, no sidebar, the network
   * and the charts side by side at full height, text and marks larger.
   */
  g_object_class_install_property (object_class, PROP_PRESENTATION,
                                   g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE |
                                                         G_PARAM_EXPLICIT_NOTIFY |
                                                         G_PARAM_STATIC_STRINGS));

  g_type_ensure (GV_TYPE_PARAMS_PANEL);
  g_type_ensure (GV_TYPE_NETWORK_VIEW);
  g_type_ensure (GV_TYPE_MESSAGE_DIAGRAM_VIEW);
  g_type_ensure (GV_TYPE_CHART_VIEW);
  g_type_ensure (GV_TYPE_LEGEND);
  g_type_ensure (GV_TYPE_INTRO);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               GV_RESOURCE_PREFIX "/gv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GvWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, params_panel);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, network_view);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, view_dropdown);
  gtk_widget_class_bind_template_child_full (widget_class, "chart_view_0", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, chart_views[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "chart_view_1", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, chart_views[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "chart_view_2", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, chart_views[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "chart_button_0", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, chart_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "chart_button_1", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, chart_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "chart_button_2", FALSE,
                                             G_STRUCT_OFFSET (GvWindow, chart_buttons[2]));
  gtk_widget_class_bind_template_child (widget_class, GvWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, detail_notice);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, main_paned);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, charts_box);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, intro);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, timeline_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GvWindow, recent_menu);

  gv_window_class_add_actions (widget_class);
}

static void
gv_window_init (GvWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GvParams) params = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gv_window_init_charts (self);

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
    gtk_drop_down_set_selected (self->speed_dropdown, 4);

  self->inspector = GV_INSPECTOR (gv_inspector_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->inspector), GTK_WIDGET (self->network_view));
  g_signal_connect_swapped (self->inspector, "inject-arg-changed",
                            G_CALLBACK (gv_window_refresh_inspector), self);
  gv_window_connect_focus (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);


  g_signal_connect_swapped (self->speed_dropdown, "notify::selected",
                            G_CALLBACK (speed_changed_cb), self);
  g_signal_connect_swapped (self->view_dropdown, "notify::selected",
                            G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (gv_window_close_request_cb), NULL);

  gv_window_add_transport_shortcuts (self);
  gv_window_add_drop_target (self);

  g_signal_connect_swapped (self->timeline_adjustment, "value-changed",
                            G_CALLBACK (gv_window_timeline_changed_cb), self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (gv_window_rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  gv_window_rebuild_recent_menu (self);
  gv_window_update_title (self);

  self->cancellable = g_cancellable_new ();
  gv_window_update_status (self);
  gv_window_update_actions (self);

  /* The first time, a short introduction says what the picture shows. */
  gv_window_set_intro_visible (self, self->settings == NULL ||
                                     g_settings_get_boolean (self->settings, "show-intro"));

  params = gv_window_load_params (self);
  gv_params_panel_set_params (self->params_panel, params);
  gv_intro_set_protocol (self->intro, params->protocol);
  g_signal_connect_swapped (self->params_panel, "changed", G_CALLBACK (params_changed_cb), self);
  gv_window_start_simulation (self);
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
  gv_message_diagram_view_set_focused_node (self->timeline_view, node);
  gv_inspector_set_node (self->inspector, node, NULL, NULL, FALSE);
  gtk_popover_popup (GTK_POPOVER (self->inspector));
  gv_window_refresh_inspector (self);
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
  if (self->replay != NULL)
    return self->position;
  return self->simulator != NULL ? gv_simulator_get_round (self->simulator) : 0;
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

GtkWidget *
gv_window_get_legend (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->legend);
}

gboolean
gv_window_set_view (GvWindow *self,
                    guint     view)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), FALSE);

  if (view >= self->n_views)
    return FALSE;
  gtk_drop_down_set_selected (self->view_dropdown, view);
  return TRUE;
}

guint
gv_window_get_n_views (GvWindow *self)
{
  g_return_val_if_fail (GV_IS_WINDOW (self), 0);
  return self->n_views;
}
