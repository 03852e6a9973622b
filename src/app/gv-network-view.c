/* gv-network-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-network-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gv-network-view.h"
#include "gv-theme.h"

#define MIN_ZOOM 0.25
#define MAX_ZOOM 40.0

struct _GvNetworkView
{
  GtkWidget       parent_instance;

  GvTopology     *topology;
  guint32         n_nodes;
  float          *positions;
  GBytes         *states;        /* shown when not animating, and after */
  GBytes         *next_states;   /* shown once the animated messages arrive */
  GvRoundRecord  *record;        /* the round being animated */
  gint64          anim_start;    /* frame clock time, µs */
  double          duration;      /* s */
  double          progress;
  guint           tick_id;

  double          zoom;
  double          pan_x;
  double          pan_y;
  double          drag_pan_x;
  double          drag_pan_y;
  double          zoom_at_begin;
  gboolean        dragged;
  gint64          hover_node;
  gint64          selected_node;
};

G_DEFINE_FINAL_TYPE (GvNetworkView, gv_network_view, GTK_TYPE_WIDGET)

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
state_name (guint state)
{
  switch (state)
    {
    case GV_NODE_UNINFORMED:
      return _("not yet informed");
    case GV_NODE_SPREADING:
      return _("informed, spreading");
    case GV_NODE_REMOVED:
      return _("informed, no longer spreading");
    case GV_NODE_CRASHED:
      return _("crashed");
    default:
      return "";
    }
}

static void
fill_scene (GvNetworkView  *self,
            GvNetworkScene *scene)
{
  gboolean arrived = self->record == NULL || self->progress >= 0.9;
  GBytes *states = arrived && self->next_states ? self->next_states : self->states;

  gv_network_scene_init (scene);
  scene->n_nodes = self->n_nodes;
  scene->positions = self->positions;
  scene->states = states ? g_bytes_get_data (states, NULL) : NULL;
  scene->topology = self->topology;
  if (self->record != NULL)
    {
      scene->messages = self->record->messages;
      scene->n_messages = self->record->n_messages;
      scene->progress = self->progress;
    }
  scene->zoom = self->zoom;
  scene->pan_x = self->pan_x;
  scene->pan_y = self->pan_y;
  scene->hover_node = self->hover_node;
  scene->selected_node = self->selected_node;
}

static gboolean
can_draw (GvNetworkView *self)
{
  GvNetworkScene scene;

  if (self->n_nodes == 0 || self->states == NULL)
    return FALSE;
  fill_scene (self, &scene);
  return !gv_network_draws_nodes (&scene) || self->positions != NULL;
}

static void
finish_animation (GvNetworkView *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->next_states != NULL)
    {
      g_clear_pointer (&self->states, g_bytes_unref);
      self->states = g_steal_pointer (&self->next_states);
    }
  g_clear_pointer (&self->record, gv_round_record_unref);
  self->progress = 0;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GvNetworkView *self = GV_NETWORK_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->anim_start == 0)
    self->anim_start = now;

  self->progress = (now - self->anim_start) / (self->duration * G_USEC_PER_SEC);
  if (self->progress >= 1.0)
    {
      self->tick_id = 0;
      finish_animation (self);
      gtk_widget_queue_draw (widget);
      return G_SOURCE_REMOVE;
    }

  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
gv_network_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  GvNetworkView *self = GV_NETWORK_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GvNetworkScene scene;
  GvPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  gv_theme_get_palette (widget, &palette);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (can_draw (self))
    {
      fill_scene (self, &scene);
      gv_network_draw (cr, width, height, &scene, &palette);
    }
  else
    {
      cairo_set_source_rgba (cr, palette.background.r, palette.background.g,
                             palette.background.b, palette.background.a);
      cairo_paint (cr);
    }

  cairo_destroy (cr);
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
      g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint) node);
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

  if (node < 0 || self->states == NULL)
    return FALSE;

  states = g_bytes_get_data (self->states, NULL);
  text = g_strdup_printf (_("Node %u: %s"), (guint) node, state_name (states[node]));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
gv_network_view_dispose (GObject *object)
{
  GvNetworkView *self = (GvNetworkView *) object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  G_OBJECT_CLASS (gv_network_view_parent_class)->dispose (object);
}

static void
gv_network_view_finalize (GObject *object)
{
  GvNetworkView *self = (GvNetworkView *) object;

  g_clear_pointer (&self->topology, gv_topology_unref);
  g_clear_pointer (&self->positions, g_free);
  g_clear_pointer (&self->states, g_bytes_unref);
  g_clear_pointer (&self->next_states, g_bytes_unref);
  g_clear_pointer (&self->record, gv_round_record_unref);

  G_OBJECT_CLASS (gv_network_view_parent_class)->finalize (object);
}

static void
gv_network_view_class_init (GvNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_network_view_dispose;
  object_class->finalize = gv_network_view_finalize;

  widget_class->snapshot = gv_network_view_snapshot;

  /**
   * GvNetworkView::node-activated:
   * @node: the node that was clicked
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "networkview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gv_network_view_init (GvNetworkView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->hover_node = -1;
  self->selected_node = -1;

  gtk_widget_add_css_class (GTK_WIDGET (self), "network-view");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The nodes of the network, coloured by what they know"),
                                  -1);
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

GtkWidget *
gv_network_view_new (void)
{
  return g_object_new (GV_TYPE_NETWORK_VIEW, NULL);
}

void
gv_network_view_set_network (GvNetworkView *self,
                             GvTopology    *topology,
                             guint32        n_nodes)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  finish_animation (self);
  g_clear_pointer (&self->topology, gv_topology_unref);
  if (topology != NULL)
    self->topology = gv_topology_ref (topology);
  self->n_nodes = n_nodes;
  g_clear_pointer (&self->positions, g_free);
  g_clear_pointer (&self->states, g_bytes_unref);
  self->hover_node = -1;
  self->selected_node = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gv_network_view_set_layout (GvNetworkView *self,
                            float         *positions)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  g_free (self->positions);
  self->positions = positions;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gv_network_view_has_layout (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);
  return self->positions != NULL;
}

void
gv_network_view_set_states (GvNetworkView *self,
                            GBytes        *states)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  finish_animation (self);
  g_clear_pointer (&self->states, g_bytes_unref);
  if (states != NULL && g_bytes_get_size (states) == self->n_nodes)
    self->states = g_bytes_ref (states);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gv_network_view_animate_round (GvNetworkView *self,
                               GvRoundRecord *record,
                               GBytes        *states,
                               double         duration)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));
  g_return_if_fail (record != NULL);

  /* A round that comes while one is animated cuts it short. */
  finish_animation (self);

  if (record->messages == NULL || duration < 0.05 || self->states == NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      gv_network_view_set_states (self, states);
      return;
    }

  self->record = gv_round_record_ref (record);
  self->next_states = states != NULL ? g_bytes_ref (states) : NULL;
  self->duration = duration;
  self->progress = 0;
  self->anim_start = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gv_network_view_get_animating (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);
  return self->record != NULL;
}

void
gv_network_view_fit (GvNetworkView *self)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  self->zoom = 1.0;
  self->pan_x = 0;
  self->pan_y = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
gv_network_view_get_zoom (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), 1.0);
  return self->zoom;
}

void
gv_network_view_set_selected (GvNetworkView *self,
                              gint64         node)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  self->selected_node = node;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gv_network_view_get_node_point (GvNetworkView *self,
                                guint32        node,
                                double        *x,
                                double        *y)
{
  GvNetworkScene scene;

  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);

  if (!can_draw (self) || node >= self->n_nodes)
    return FALSE;
  fill_scene (self, &scene);
  if (!gv_network_draws_nodes (&scene))
    return FALSE;
  gv_network_node_position (&scene, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), node, x, y);
  return TRUE;
}

gint64
gv_network_view_node_at (GvNetworkView *self,
                         double         x,
                         double         y)
{
  GvNetworkScene scene;

  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), -1);

  if (!can_draw (self))
    return -1;
  fill_scene (self, &scene);
  if (!gv_network_draws_nodes (&scene))
    return -1;
  return gv_network_hit_test (&scene, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), x, y);
}
