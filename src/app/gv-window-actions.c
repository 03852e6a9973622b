/* gv-window-actions.c: the window's actions and their shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-compare-window.h"
#include "gv-error.h"
#include "gv-export-dialog.h"
#include "gv-window-private.h"

void
gv_window_play_pause (GvWindow *self)
{
  gv_window_dismiss_intro (self);

  /* A round frozen half way plays on first; the run follows once it has arrived. */
  if (gv_network_view_get_paused (self->network_view))
    {
      gv_network_view_set_paused (self->network_view, FALSE);
      self->play_after_round = TRUE;
      gv_window_update_actions (self);
      return;
    }
  if (self->play_after_round)
    {
      /* Pressed again before it arrived: it stops where it is. */
      self->play_after_round = FALSE;
      gv_network_view_set_paused (self->network_view, TRUE);
      gv_window_update_actions (self);
      return;
    }

  if (self->replay != NULL && self->replay_opened)
    {
      if (self->replay_tick != 0)
        {
          gv_window_stop_replay_tick (self);
          gv_network_view_set_paused (self->network_view, TRUE);
        }
      else
        gv_window_play_replay (self);
      gv_window_update_actions (self);
      return;
    }

  /* A live run that was stepped back into goes on from where it got to. */
  if (self->replay != NULL)
    gv_window_resume_live (self);

  if (self->simulator == NULL)
    return;
  if (gv_simulator_get_playing (self->simulator))
    {
      /* Pause stops the round on show where it is, not only the rounds after it. */
      gv_simulator_pause (self->simulator);
      gv_network_view_set_paused (self->network_view, TRUE);
    }
  else
    gv_simulator_play (self->simulator);
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  gv_window_play_pause (GV_WINDOW (widget));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  gv_window_dismiss_intro (self);
  if (self->replay != NULL)
    {
      gv_window_stop_replay_tick (self);
      if (self->position < gv_run_get_last_round (self->replay))
        {
          gv_window_show_position (self, self->position + 1, TRUE);
          return;
        }
      if (self->replay_opened)
        return;
      /* Past the last recorded round of a live run: play a new one. */
      gv_window_resume_live (self);
    }

  if (self->simulator != NULL)
    gv_simulator_step (self->simulator);
}

/* Shift+Right: the next message of the round held still, or the next round held still
 * with its first message sent. */
static void
step_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  gboolean more;

  gv_window_dismiss_intro (self);
  self->play_after_round = FALSE;
  if (gv_network_view_get_stepped_message (self->network_view) != NULL)
    {
      gv_network_view_step_message (self->network_view);
      gv_window_update_status (self);
      return;
    }

  /* Is there a next round, and does it come with its messages? */
  if (self->replay != NULL)
    more = self->position < gv_run_get_last_round (self->replay) || !self->replay_opened;
  else
    more = self->simulator != NULL && !gv_simulator_get_finished (self->simulator);
  if (!more)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (!gv_params_has_detail (gv_window_shown_params (self)))
    {
      gv_window_toast (self, _("This network is beyond the detail cap: its messages are not "
                               "recorded, so they cannot be shown one at a time"));
      return;
    }

  self->hold_next_round = TRUE;
  gtk_widget_activate_action (widget, "win.step", NULL);
}

static void
leave_presentation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  g_object_set (widget, "presentation", FALSE, NULL);
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  if (self->replay == NULL && !gv_window_replay_live_run (self))
    return;

  gv_window_stop_replay_tick (self);
  if (self->position > 0)
    gv_window_show_position (self, self->position - 1, FALSE);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  if (self->replay != NULL && self->replay_opened)
    {
      gv_window_stop_replay_tick (self);
      gv_window_show_position (self, 0, FALSE);
      return;
    }

  gv_window_leave_replay (self);
  if (self->simulator != NULL)
    gv_simulator_reset (self->simulator);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gv_window_open_dialog (GV_WINDOW (widget));
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
    gv_window_save_as (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gv_window_save_as (GV_WINDOW (widget));
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  if (gv_run_verify_finish (GV_RUN (object), result, &note, &error))
    {
      g_autofree char *sentence = note != NULL ? gv_error_sentence (note) : NULL;

      if (sentence != NULL)
        {
          /* Translators: a run verified, with what the engine versions changed */
          g_autofree char *text = g_strdup_printf (_("Verified: %s"), sentence);

          gv_window_toast (self, text);
        }
      else
        gv_window_toast (self, _("Verified: re-simulating the run reproduces every round"));
    }
  else
    gv_window_show_error (self, _("The Run Does Not Verify"), error->message);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_window_current_run (self, &error);

  if (run == NULL)
    {
      gv_window_show_error (self, _("Could Not Verify the Run"), error->message);
      return;
    }

  gv_window_toast (self, _("Verifying: re-simulating the run…"));
  gv_run_verify_async (run, NULL, verified_cb, g_object_ref (self));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_window_current_run (self, &error);
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
  gv_window_export_csv_dialog (GV_WINDOW (widget));
}

static void
export_picture_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gtk_window_present (GTK_WINDOW (gv_export_dialog_new (GV_WINDOW (widget))));
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
  gv_window_start_simulation (self);
}

static void
set_chart_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  guint index;
  const char *id;

  g_variant_get (param, "(u&s)", &index, &id);
  if (index < GV_N_CHART_VIEWS)
    gv_window_set_chart (GV_WINDOW (widget), index, id);
}

static void
show_intro_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  gv_window_set_intro_visible (GV_WINDOW (widget), TRUE);
}

static void
close_intro_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  gv_window_set_intro_visible (GV_WINDOW (widget), FALSE);
}

static void
intro_play_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);
  gboolean playing = gv_window_is_playing (self);

  /* The card's Play is the header's Play when nothing is playing yet: a live run, a
   * run opened from a file (replayed from the start if it is at its end), or a live
   * run that was stepped back into. */
  gv_window_set_intro_visible (self, FALSE);
  if (!playing)
    gv_window_play_pause (self);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GvWindow *self = GV_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

void
gv_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "win.step-message", NULL, step_message_action);
  gtk_widget_class_install_property_action (widget_class, "win.infection-tree", "show-tree");
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL,
                                   leave_presentation_action);
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
  gtk_widget_class_install_action (widget_class, "win.set-chart", "(us)", set_chart_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-intro", NULL, show_intro_action);
  gtk_widget_class_install_action (widget_class, "win.close-intro", NULL, close_intro_action);
  gtk_widget_class_install_action (widget_class, "win.intro-play", NULL, intro_play_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.random-seed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, 0, "win.infection-tree", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-intro", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.leave-presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
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
  /* In the picture, Left and Right walk between nodes. */
  if (focus != NULL && GV_IS_NETWORK_VIEW (focus) &&
      (g_str_equal (action, "win.step") || g_str_equal (action, "win.step-back")))
    return FALSE;

  return gtk_widget_activate_action (widget, action, NULL);
}

static void
add_transport_key (GtkShortcutController *controller,
                   guint                  keyval,
                   GdkModifierType        modifiers,
                   const char            *action)
{
  GtkShortcutTrigger *trigger = gtk_keyval_trigger_new (keyval, modifiers);
  GtkShortcutAction *callback = gtk_callback_action_new (transport_key_cb, (gpointer) action, NULL);

  /* The shortcut takes both. */
  gtk_shortcut_controller_add_shortcut (controller, gtk_shortcut_new (trigger, callback));
}

void
gv_window_add_transport_shortcuts (GvWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_transport_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_space, 0, "win.play-pause");
  add_transport_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Right, 0, "win.step");
  add_transport_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Left, 0, "win.step-back");
  add_transport_key (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Right, GDK_SHIFT_MASK,
                     "win.step-message");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
