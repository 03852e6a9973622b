/* gv-network-view-input.c: the pointer, the keyboard and the selected node
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scrolls and pinches zoom about the pointer, drags pan, hovering names a node.  A node
 * is selected by a click or by the arrow keys, which walk the layout spatially;
 * a selected node is focused: the picture dims what it did not touch in the round shown,
 * a screen reader hears what it is, and the infection tree can be drawn up to it.
 */

#define G_LOG_DOMAIN "gv-network-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gv-network-view-private.h"

#define MIN_ZOOM 0.25
#define MAX_ZOOM 40.0

/* The node nearest to the selected one in the direction (dx, dy), within 60° of it, or
 * -1; nearer the line of the direction counts for more than distance alone. */
static gint64
node_towards (GvNetworkView *self,
              double         dx,
              double         dy)
{
  guint32 from = (guint32) self->selected_node;
  float x0 = self->positions[2 * from], y0 = self->positions[2 * from + 1];
  double best = G_MAXDOUBLE;
  gint64 found = -1;

  for (guint32 v = 0; v < self->n_nodes; v++)
    {
      double vx = self->positions[2 * v] - x0, vy = self->positions[2 * v + 1] - y0;
      double along = vx * dx + vy * dy;
      double across = fabs (vx * dy - vy * dx);
      double score;

      if (v == from || along <= 1e-9 || across > along * G_SQRT2 * 1.2247)
        continue;
      score = along + 2 * across;
      if (score < best)
        {
          best = score;
          found = v;
        }
    }
  return found;
}

void
gv_network_view_announce (GvNetworkView *self)
{
  g_autofree char *text = gv_network_view_describe_selected (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text
                                  : _("The nodes of the network, coloured by what they know; "
                                      "arrow keys move between them"),
                                  -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GvNetworkView         *self)
{
  double dx = 0, dy = 0;
  gint64 node;

  if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      self->positions == NULL || self->n_nodes == 0 || self->n_nodes > GV_NETWORK_MAX_DRAWN)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      if (self->selected_node < 0)
        return FALSE;
      g_signal_emit_by_name (self, "node-activated", (guint) self->selected_node);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected_node < 0)
        return FALSE;
      gv_network_view_set_selected (self, -1);
      g_signal_emit_by_name (self, "node-focused", G_MAXUINT);
      return TRUE;
    default:
      return FALSE;
    }

  /* The first arrow press picks the first node; later ones walk the layout. */
  node = self->selected_node < 0 ? 0 : node_towards (self, dx, dy);
  if (node < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }
  gv_network_view_set_selected (self, node);
  g_signal_emit_by_name (self, "node-focused", (guint) node);
  return TRUE;
}

void
gv_network_view_set_selected (GvNetworkView *self,
                              gint64         node)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  self->selected_node = node >= 0 && node < self->n_nodes ? node : -1;
  gv_network_view_announce (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
gint64
gv_network_view_get_selected (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), -1);
  return self->selected_node;
}
void
gv_network_view_set_round (GvNetworkView *self,
                           GvRoundRecord *record)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  if (record == self->round_record)
    return;
  g_clear_pointer (&self->round_record, gv_round_record_unref);
  if (record != NULL)
    self->round_record = gv_round_record_ref (record);
  self->overlay_serial++;
  gv_network_view_announce (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
void
gv_network_view_set_tree (GvNetworkView *self,
                          guint32       *tellers,
                          gboolean       path_only)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  g_free (self->tellers);
  self->tellers = tellers;
  self->tree_path_only = path_only;
  self->overlay_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
char *
gv_network_view_describe_selected (GvNetworkView *self)
{
  GvRoundRecord *shown;
  const guint8 *states;
  guint32 node;
  guint contacts = 0;
  guint cls;

  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), NULL);

  if (self->selected_node < 0 || self->states == NULL)
    return NULL;

  node = (guint32) self->selected_node;
  states = g_bytes_get_data (self->states, NULL);
  cls = states[node];
  shown = self->record != NULL ? self->record : self->round_record;
  for (guint32 i = 0; shown != NULL && shown->messages != NULL && i < shown->n_messages; i++)
    if (shown->messages[i].src == node || shown->messages[i].dst == node)
      contacts++;

  /* Translators: what a screen reader says of the focused node: its number, its state
   * and how many messages it sent or received in the round shown, e.g. "Node 17,
   * spreading, 3 contacts this round" */
  return g_strdup_printf (ngettext ("Node %u, %s, %u contact this round",
                                    "Node %u, %s, %u contacts this round", contacts),
                          node, cls < self->classes.n ? _(self->classes.classes[cls].label) : "",
                          contacts);
}
void
gv_network_view_set_mark_scale (GvNetworkView *self,
                                double         scale)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));
  g_return_if_fail (scale > 0);

  self->mark_scale = scale;
  self->overlay_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_about (GvNetworkView *self,
            double         factor,
            double         x,
            double         y)
{
  double cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  double new_zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);

  factor = new_zoom / self->zoom;
  /* Keep the point under the pointer where it is. */
  self->pan_x = (x - cx) - (x - cx - self->pan_x) * factor;
  self->pan_y = (y - cy) - (y - cy - self->pan_y) * factor;
  self->zoom = new_zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GvNetworkView            *self)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (event != NULL)
    {
      double ex, ey;
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
      double nx, ny;

      if (gdk_event_get_position (event, &ex, &ey) && native != NULL)
        {
          graphene_point_t p;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }

  zoom_about (self, pow (1.15, -dy), x, y);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               GvNetworkView    *self)
{
  self->zoom_at_begin = self->zoom;
}

static void
zoom_changed_cb (GtkGestureZoom *gesture,
                 double          scale,
                 GvNetworkView  *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  zoom_about (self, self->zoom_at_begin * scale / self->zoom, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               GvNetworkView  *self)
{
  self->drag_pan_x = self->pan_x;
  self->drag_pan_y = self->pan_y;
  self->dragged = FALSE;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                GvNetworkView  *self)
{
  if (!self->dragged && hypot (dx, dy) < 4)
    return;

  self->dragged = TRUE;
  self->pan_x = self->drag_pan_x + dx;
  self->pan_y = self->drag_pan_y + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GvNetworkView   *self)
{
  gint64 node;

  if (self->dragged)
    return;

  node = gv_network_view_node_at (self, x, y);
  if (node >= 0)
    {
      gv_network_view_set_selected (self, node);
      g_signal_emit_by_name (self, "node-activated", (guint) node);
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GvNetworkView            *self)
{
  gint64 node = gv_network_view_node_at (self, x, y);

  if (node != self->hover_node)
    {
      self->hover_node = node;
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          GvNetworkView            *self)
{
  if (self->hover_node >= 0)
    {
      self->hover_node = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  GvNetworkView *self)
{
  gint64 node = gv_network_view_node_at (self, x, y);
  g_autofree char *text = NULL;
  const guint8 *states;
  guint cls;

  if (node < 0 || self->states == NULL)
    return FALSE;

  states = g_bytes_get_data (self->states, NULL);
  cls = states[node];
  text = g_strdup_printf (_("Node %u: %s"), (guint) node,
                          cls < self->classes.n ? _(self->classes.classes[cls].label) : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
gv_network_view_add_controllers (GvNetworkView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
