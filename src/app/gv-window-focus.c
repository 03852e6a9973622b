/* gv-window-focus.c: the inspector, the focused node and presentation mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node clicked, or reached with the keyboard in the picture or on the timeline, is
 * focused in both and inspected; the infection tree is drawn whole or on the way to it.
 * Presentation mode lays the window out for a lecture room.
 */

#define G_LOG_DOMAIN "gv-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-error.h"
#include "gv-window-private.h"

/* Inspector */

/* How many values the injection's argument takes: none without one, else at least 1. */
static guint
injection_n_args (const GvParams *p)
{
  const GvInjectionSpec *spec = p->protocol->injection;

  if (spec == NULL || spec->arg == NULL)
    return 0;
  return MAX (gv_params_injection_arg_limit (p), 1);
}

void
gv_window_refresh_inspector (GvWindow *self)
{
  GvNodeDescription description = { 0 };
  const GvParams *p;
  guint32 node;
  double x, y;

  if (self->simulator == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    return;

  p = gv_simulator_get_params (self->simulator);
  node = gv_inspector_get_node (self->inspector);
  gv_inspector_set_injection (self->inspector, p->protocol->injection, injection_n_args (p));

  if (gv_simulator_describe_node (self->simulator, node, &description))
    {
      g_autoptr(GError) error = NULL;

      gv_inspector_set_node (self->inspector, node, &description,
                             gv_simulator_get_classes (self->simulator),
                             gv_params_has_detail (p));
      gv_node_description_clear (&description);
      gv_inspector_set_contacts (self->inspector, gv_window_shown_record (self));

      /* Why the news cannot start here, before anybody tries. */
      if (p->protocol->injection != NULL &&
          !gv_simulator_can_inject (self->simulator, node,
                                    gv_inspector_get_inject_arg (self->inspector), &error))
        {
          g_autofree char *reason = gv_error_sentence (error->message);

          gv_inspector_set_inject_error (self->inspector, reason);
        }
      else
        gv_inspector_set_inject_error (self->inspector, NULL);
    }
  else
    gv_inspector_set_node (self->inspector, node, NULL, NULL, FALSE);

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

/* The keyboard moved the focus to @node (G_MAXUINT: let go): an open inspector follows. */
static void
node_focused_cb (GvWindow *self,
                 guint     node)
{
  gv_message_diagram_view_set_focused_node (self->timeline_view,
                                            node == G_MAXUINT ? -1 : (gint64) node);
  if (node == G_MAXUINT)
    gtk_popover_popdown (GTK_POPOVER (self->inspector));
  else if (gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    {
      gv_inspector_set_node (self->inspector, node, NULL, NULL, FALSE);
      gv_window_refresh_inspector (self);
    }
  gv_window_update_tree (self);
}

/* The timeline's focus moved to @node: the picture focuses it too. */
static void
timeline_node_focused_cb (GvWindow *self,
                          guint     node)
{
  if (gv_network_view_get_selected (self->network_view) == (gint64) node)
    return;
  gv_network_view_set_selected (self->network_view, node);
  if (gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
    {
      gv_inspector_set_node (self->inspector, node, NULL, NULL, FALSE);
      gv_window_refresh_inspector (self);
    }
  gv_window_update_tree (self);
}

/* A round picked on the timeline: the run on show goes there. */
static void
timeline_round_activated_cb (GvWindow *self,
                             guint     round)
{
  gtk_adjustment_set_value (self->timeline_adjustment, round);
}

static void
follow_toggled_cb (GvWindow *self)
{
  gv_window_update_tree (self);
}

/* A round frozen half way and then played on: the run goes on once it has arrived. */
static void
round_shown_cb (GvWindow *self)
{
  if (!self->play_after_round)
    return;
  self->play_after_round = FALSE;
  gv_window_play_pause (self);
}

GvRoundRecord *
gv_window_shown_record (GvWindow *self)
{
  guint n;

  if (self->replay != NULL)
    return gv_run_get_record (self->replay, self->position);
  if (self->simulator == NULL || (n = gv_simulator_get_n_records (self->simulator)) == 0)
    return NULL;
  return gv_simulator_get_record (self->simulator, n - 1);
}

void
gv_window_update_tree (GvWindow *self)
{
  const GvParams *p = gv_window_shown_params (self);
  gboolean all = self->show_tree;
  gboolean follow = gv_inspector_get_follow (self->inspector) &&
                    gv_network_view_get_selected (self->network_view) >= 0;
  guint32 *tellers;
  guint last;

  gv_network_view_set_round (self->network_view, gv_window_shown_record (self));

  /* Messages are recorded only up to the detail cap, and nodes drawn only up to the
   * view's limit: beyond either there is no tree to draw. */
  if ((!all && !follow) || p == NULL || !gv_params_has_detail (p) ||
      p->n_nodes > GV_NETWORK_MAX_DRAWN)
    {
      gv_network_view_set_tree (self->network_view, NULL, FALSE);
      return;
    }

  tellers = g_new (guint32, p->n_nodes);
  gv_round_tellers_reset (tellers, p->n_nodes);
  if (self->replay != NULL)
    for (guint r = 1; r <= self->position && r < gv_run_get_n_records (self->replay); r++)
      gv_round_tellers_add (tellers, p->n_nodes, gv_run_get_record (self->replay, r));
  else if (self->simulator != NULL)
    {
      last = gv_simulator_get_n_records (self->simulator);
      for (guint r = 1; r < last; r++)
        gv_round_tellers_add (tellers, p->n_nodes, gv_simulator_get_record (self->simulator, r));
    }
  gv_network_view_set_tree (self->network_view, tellers, !all);
}

static void
inspector_set_alive_cb (GvWindow *self,
                        guint     node,
                        gboolean  alive)
{
  g_autoptr(GError) error = NULL;

  if (self->simulator != NULL &&
      !gv_simulator_set_node_alive (self->simulator, node, alive, &error))
    gv_window_toast_error (self, error);
}

static void
inspector_inject_cb (GvWindow *self,
                     guint     node)
{
  g_autoptr(GError) error = NULL;

  if (self->simulator != NULL &&
      !gv_simulator_inject (self->simulator, node,
                            gv_inspector_get_inject_arg (self->inspector), &error))
    gv_window_toast_error (self, error);
}

static void
inspector_closed_cb (GvWindow *self)
{
  /* The node stays focused until the picture lets it go (Escape, or a click beside
   * the nodes); the keyboard goes back to the picture. */
  if (gv_network_view_get_selected (self->network_view) >= 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->network_view));
}

/* How much larger text, lines and marks are in presentation mode: what reads from the
 * back of a lecture room on a 1920 × 1080 projector. */
#define PRESENTATION_SCALE 1.4

/* In presentation mode the network takes a little over half the width, whatever the
 * size the window ends up with once it is full screen and the sidebar has gone. */
static void
presentation_paned_cb (GvWindow *self)
{
  if (self->presentation)
    gtk_paned_set_position (self->main_paned,
                            (int) (0.56 * gtk_widget_get_width (GTK_WIDGET (self->main_paned))));
}

void
gv_window_set_presentation (GvWindow *self,
                            gboolean  presentation)
{
  double scale = presentation ? PRESENTATION_SCALE : 1.0;

  self->presentation = presentation;
  if (presentation)
    {
      self->flap_before_presentation = adw_flap_get_reveal_flap (self->flap);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_window_fullscreen (GTK_WINDOW (self));
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
    }
  else
    {
      adw_flap_set_reveal_flap (self->flap, self->flap_before_presentation);
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
    }

  /* Side by side, each at the full height of the screen: a projector is wide. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->main_paned),
                                  presentation ? GTK_ORIENTATION_HORIZONTAL
                                  : GTK_ORIENTATION_VERTICAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->charts_box),
                                  presentation ? GTK_ORIENTATION_VERTICAL
                                  : GTK_ORIENTATION_HORIZONTAL);
  if (presentation)
    presentation_paned_cb (self);
  else
    gtk_paned_set_position (self->main_paned, 430);
  for (guint i = 0; i < GV_N_CHART_VIEWS; i++)
    gv_chart_view_set_scale (self->chart_views[i], scale);
  gv_network_view_set_mark_scale (self->network_view, scale);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", presentation);

  if (presentation)
    gv_window_toast (self, _("Presentation: press F5 or Esc to leave"));
}


void
gv_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GvWindow *self = GV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TREE:
      g_value_set_boolean (value, self->show_tree);
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
gv_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GvWindow *self = GV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TREE:
      if (self->show_tree != g_value_get_boolean (value))
        {
          self->show_tree = g_value_get_boolean (value);
          gv_window_update_tree (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PRESENTATION:
      if (self->presentation != g_value_get_boolean (value))
        {
          gv_window_set_presentation (self, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The signals of the inspector, the picture and the timeline that focus a node. */
void
gv_window_connect_focus (GvWindow *self)
{
  g_signal_connect_swapped (self->inspector, "set-alive",
                            G_CALLBACK (inspector_set_alive_cb), self);
  g_signal_connect_swapped (self->inspector, "inject", G_CALLBACK (inspector_inject_cb), self);
  g_signal_connect_swapped (self->inspector, "closed", G_CALLBACK (inspector_closed_cb), self);
  g_signal_connect_swapped (self->main_paned, "notify::max-position",
                            G_CALLBACK (presentation_paned_cb), self);
  g_signal_connect_swapped (self->inspector, "follow-toggled",
                            G_CALLBACK (follow_toggled_cb), self);
  g_signal_connect_swapped (self->network_view, "node-activated",
                            G_CALLBACK (node_activated_cb), self);
  g_signal_connect_swapped (self->network_view, "node-focused",
                            G_CALLBACK (node_focused_cb), self);
  g_signal_connect_swapped (self->network_view, "round-shown",
                            G_CALLBACK (round_shown_cb), self);
  g_signal_connect_swapped (self->timeline_view, "node-focused",
                            G_CALLBACK (timeline_node_focused_cb), self);
  g_signal_connect_swapped (self->timeline_view, "round-activated",
                            G_CALLBACK (timeline_round_activated_cb), self);
}
