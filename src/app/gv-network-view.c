/* gv-network-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-network-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

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
  double          spacing;       /* gv_network_layout_spacing () of the positions */
  GvClassTable    classes;       /* what the bytes of the states mean */
  GBytes         *states;        /* a class a node: shown when not animating, and after */
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

  /* The background and edges, drawn once per layout, view and size. */
  cairo_surface_t *static_surface;
  char            *static_key;
  /* The last frame, as a texture, and what it showed: reused while nothing moves (the
   * pixel view of a million nodes changes only once a round). */
  GdkTexture      *frame;
  char            *frame_key;
  /* The pixel view is rendered off the main thread; this is the render in flight. */
  GCancellable    *pixels_cancellable;
  char            *pixels_key;
  guint64          states_serial;  /* changes with every new set of states shown */
  guint64          shown_serial;   /* the states the last pixel frame shows */
};

typedef struct
{
  GBytes    *states;
  GvTopology *topology;
  GvClassTable classes;
  guint64    serial;
  guint32    n_nodes;
  int        width;
  int        height;
  int        scale;
  GvPalette  palette;
  char      *key;
} PixelsJob;

static void
pixels_job_free (PixelsJob *job)
{
  g_clear_pointer (&job->states, g_bytes_unref);
  g_clear_pointer (&job->topology, gv_topology_unref);
  g_free (job->key);
  g_free (job);
}

static void
pixels_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PixelsJob *job = task_data;
  int pw = job->width * job->scale, ph = job->height * job->scale;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, pw);
  guchar *pixels = g_malloc ((gsize) stride * ph);
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;

  surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, pw, ph, stride);
  cairo_surface_set_device_scale (surface, job->scale, job->scale);
  cr = cairo_create (surface);
  gv_network_draw_pixels (cr, job->width, job->height, g_bytes_get_data (job->states, NULL),
                          &job->classes, job->n_nodes, job->topology, &job->palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);

  bytes = g_bytes_new_take (pixels, (gsize) stride * ph);
  g_task_return_pointer (task, gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, bytes, stride),
                         g_object_unref);
}

static void
pixels_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GvNetworkView *self = GV_NETWORK_VIEW (object);
  PixelsJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  if (texture == NULL)
    return;

  if (g_strcmp0 (job->key, self->pixels_key) == 0)
    g_clear_object (&self->pixels_cancellable);
  self->shown_serial = job->serial;
  g_set_object (&self->frame, texture);
  g_free (self->frame_key);
  self->frame_key = g_strdup (job->key);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
start_pixels (GvNetworkView   *self,
              const char      *key,
              int              width,
              int              height,
              int              scale,
              const GvPalette *palette)
{
  g_autoptr(GTask) task = NULL;
  PixelsJob *job;

  /* One render at a time: a newer one replaces what is in flight. */
  if (self->pixels_cancellable != NULL && g_strcmp0 (self->pixels_key, key) == 0)
    return;
  g_cancellable_cancel (self->pixels_cancellable);
  g_clear_object (&self->pixels_cancellable);
  self->pixels_cancellable = g_cancellable_new ();
  g_free (self->pixels_key);
  self->pixels_key = g_strdup (key);

  job = g_new0 (PixelsJob, 1);
  job->states = g_bytes_ref (self->states);
  /* Topologies are immutable: the thread may read the grid's rows from it. */
  job->topology = self->topology != NULL ? gv_topology_ref (self->topology) : NULL;
  job->classes = self->classes;
  job->serial = self->states_serial;
  job->n_nodes = self->n_nodes;
  job->width = width;
  job->height = height;
  job->scale = scale;
  job->palette = *palette;
  job->key = g_strdup (key);

  task = g_task_new (self, self->pixels_cancellable, pixels_done_cb, NULL);
  g_task_set_source_tag (task, start_pixels);
  g_task_set_task_data (task, job, (GDestroyNotify) pixels_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, pixels_thread);
}

G_DEFINE_FINAL_TYPE (GvNetworkView, gv_network_view, GTK_TYPE_WIDGET)

enum {
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_scene (GvNetworkView  *self,
            GvNetworkScene *scene)
{
  gboolean arrived = self->record == NULL || self->progress >= 0.9;
  GBytes *states = arrived && self->next_states ? self->next_states : self->states;

  gv_network_scene_init (scene);
  scene->n_nodes = self->n_nodes;
  scene->positions = self->positions;
  scene->spacing = self->spacing;
  scene->classes = states ? g_bytes_get_data (states, NULL) : NULL;
  scene->class_table = &self->classes;
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
      self->states_serial++;
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
invalidate_static (GvNetworkView *self)
{
  g_clear_pointer (&self->static_surface, cairo_surface_destroy);
  g_clear_pointer (&self->static_key, g_free);
  g_clear_pointer (&self->frame_key, g_free);
}

/* Draws into an image surface: the renderer's fast rasteriser only works on those (a
 * recording cairo node would make it fall back to paths), and the static layer is kept
 * between frames as GtkSnapshot's docs suggest for layers that rarely change. */
static void
gv_network_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  GvNetworkView *self = GV_NETWORK_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  int pw = width * scale, ph = height * scale;
  g_autofree char *static_key = NULL;
  g_autofree char *frame_key = NULL;
  cairo_surface_t *surface;
  GvNetworkScene scene;
  GvPalette palette;
  guchar *pixels;
  GBytes *bytes;
  cairo_t *cr;
  int stride;

  if (width <= 0 || height <= 0)
    return;

  gv_theme_get_palette (widget, &palette);

  if (!can_draw (self))
    {
      GdkRGBA bg = { palette.background.r, palette.background.g, palette.background.b, 1 };

      gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  fill_scene (self, &scene);

  if (!gv_network_draws_nodes (&scene))
    {
      /* A million cells take milliseconds: the main thread shows the last picture,
       * stretched if the size changed, until the new one is ready. */
      g_autofree char *key = g_strdup_printf ("pixels %" G_GUINT64_FORMAT " %d %d %d %d",
                                              self->states_serial, width, height, scale,
                                              palette.dark);

      if (g_strcmp0 (key, self->frame_key) != 0)
        start_pixels (self, key, width, height, scale, &palette);
      if (self->frame != NULL)
        gtk_snapshot_append_texture (snapshot, self->frame,
                                     &GRAPHENE_RECT_INIT (0, 0, width, height));
      else
        {
          GdkRGBA bg = { palette.background.r, palette.background.g, palette.background.b, 1 };
          gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
        }
      return;
    }

  static_key = g_strdup_printf ("%p %d %d %d %.6f %.3f %.3f %d", (void *) self->positions, pw,
                                ph, scale, self->zoom, self->pan_x, self->pan_y, palette.dark);
  frame_key = g_strdup_printf ("%s %" G_GUINT64_FORMAT " %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                               " %.4f", static_key, self->states_serial, self->record != NULL,
                               self->hover_node, self->selected_node,
                               self->record != NULL ? self->progress : -1.0);

  if (self->frame != NULL && g_strcmp0 (frame_key, self->frame_key) == 0)
    {
      gtk_snapshot_append_texture (snapshot, self->frame,
                                   &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  if (self->static_surface == NULL || g_strcmp0 (static_key, self->static_key) != 0)
    {
      g_clear_pointer (&self->static_surface, cairo_surface_destroy);
      self->static_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      cairo_surface_set_device_scale (self->static_surface, scale, scale);
      cr = cairo_create (self->static_surface);
      gv_network_draw_static (cr, width, height, &scene, &palette);
      cairo_destroy (cr);
      g_free (self->static_key);
      self->static_key = g_strdup (static_key);
    }

  stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, pw);
  pixels = g_malloc ((gsize) stride * ph);
  surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, pw, ph, stride);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, self->static_surface, 0, 0);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  gv_network_draw_dynamic (cr, width, height, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);

  /* Cairo's ARGB32 is GDK's default memory format: no conversion on upload. */
  bytes = g_bytes_new_take (pixels, (gsize) stride * ph);
  g_clear_object (&self->frame);
  self->frame = gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);
  g_free (self->frame_key);
  self->frame_key = g_steal_pointer (&frame_key);

  gtk_snapshot_append_texture (snapshot, self->frame, &GRAPHENE_RECT_INIT (0, 0, width, height));
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

static void
gv_network_view_dispose (GObject *object)
{
  GvNetworkView *self = (GvNetworkView *) object;

  g_cancellable_cancel (self->pixels_cancellable);
  g_clear_object (&self->pixels_cancellable);

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
  g_clear_pointer (&self->static_surface, cairo_surface_destroy);
  g_clear_pointer (&self->static_key, g_free);
  g_clear_pointer (&self->frame_key, g_free);
  g_clear_object (&self->frame);
  g_clear_pointer (&self->pixels_key, g_free);

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
  self->spacing = 0;
  g_clear_pointer (&self->states, g_bytes_unref);
  self->states_serial++;
  invalidate_static (self);
  g_clear_object (&self->frame);
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
  /* Once a layout, not at every frame and pointer motion. */
  self->spacing = positions != NULL ? gv_network_layout_spacing (positions, self->n_nodes) : 0;
  invalidate_static (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
gv_network_view_has_layout (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);
  return self->positions != NULL;
}

void
gv_network_view_set_classes (GvNetworkView      *self,
                             const GvClassTable *classes)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));
  g_return_if_fail (classes != NULL);

  if (memcmp (&self->classes, classes, sizeof *classes) == 0)
    return;

  self->classes = *classes;
  self->states_serial++;
  g_clear_pointer (&self->frame_key, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const GvClassTable *
gv_network_view_get_classes (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), NULL);
  return &self->classes;
}

GBytes *
gv_network_view_get_states (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), NULL);
  return self->states;
}

void
gv_network_view_set_states (GvNetworkView *self,
                            GBytes        *states)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  /* The same snapshot again (a round, then the update that follows it) changes nothing:
   * a million-cell picture is not drawn twice. */
  if (states != NULL && states == self->states && self->record == NULL)
    return;

  finish_animation (self);
  g_clear_pointer (&self->states, g_bytes_unref);
  if (states != NULL && g_bytes_get_size (states) == self->n_nodes)
    self->states = g_bytes_ref (states);
  self->states_serial++;
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

gboolean
gv_network_view_get_rendering (GvNetworkView *self)
{
  GvNetworkScene scene;

  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);

  if (!can_draw (self))
    return FALSE;
  fill_scene (self, &scene);
  return !gv_network_draws_nodes (&scene) && self->shown_serial != self->states_serial;
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

void
gv_network_view_draw_picture (GvNetworkView *self,
                              cairo_t       *cr,
                              double         width,
                              double         height)
{
  GvNetworkScene scene;
  GvPalette palette;

  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  gv_theme_get_palette (GTK_WIDGET (self), &palette);
  if (!can_draw (self))
    {
      cairo_set_source_rgb (cr, palette.background.r, palette.background.g, palette.background.b);
      cairo_paint (cr);
      return;
    }

  fill_scene (self, &scene);
  scene.messages = NULL;
  scene.n_messages = 0;
  scene.hover_node = -1;
  gv_network_draw (cr, width, height, &scene, &palette);
}
