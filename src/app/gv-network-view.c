/* gv-network-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-network-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gv-network-view-private.h"
#include "gv-theme.h"

/* How long one message of a round stepped message by message takes, in seconds. */
#define STEP_DURATION 0.8

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
  GvFrame frame;
  cairo_t *cr = gv_frame_begin (&frame, job->width, job->height, job->scale);

  gv_network_draw_pixels (cr, job->width, job->height, g_bytes_get_data (job->states, NULL),
                          &job->classes, job->n_nodes, job->topology, &job->palette);
  g_task_return_pointer (task, gv_frame_finish (&frame, cr), g_object_unref);
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
  NODE_FOCUSED,
  ROUND_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_scene (GvNetworkView  *self,
            GvNetworkScene *scene)
{
  gboolean arrived = self->record == NULL || (!self->holding && self->progress >= 0.9);
  GvRoundRecord *shown = self->record != NULL ? self->record : self->round_record;
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
      if (self->holding)
        {
          /* Before the first message is sent, nothing travels. */
          scene->step_message = MAX (self->step_message, 0);
          if (self->step_message < 0)
            scene->progress = 0;
        }
    }
  if (shown != NULL && shown->messages != NULL)
    {
      scene->contacts = shown->messages;
      scene->n_contacts = shown->n_messages;
    }
  scene->focus = self->selected_node >= 0;
  scene->tellers = self->tellers;
  scene->tree_path_only = self->tree_path_only;
  scene->mark_scale = self->mark_scale;
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
  self->holding = FALSE;
  self->paused = FALSE;
  self->step_message = -1;
  /* The selected node's state may have changed with the round. */
  gv_network_view_announce (self);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GvNetworkView *self = GV_NETWORK_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->anim_start == 0)
    self->anim_start = now - (gint64) (self->progress * self->duration * G_USEC_PER_SEC);

  self->progress = (now - self->anim_start) / (self->duration * G_USEC_PER_SEC);
  if (self->holding && self->progress >= 1.0)
    {
      /* The message has arrived; the round waits for the next step. */
      self->progress = 1.0;
      self->tick_id = 0;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_REMOVE;
    }
  if (self->progress >= 1.0)
    {
      self->tick_id = 0;
      finish_animation (self);
      gtk_widget_queue_draw (widget);
      g_signal_emit (self, signals[ROUND_SHOWN], 0);
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
  GvNetworkScene scene;
  GvPalette palette;
  GvFrame frame;
  cairo_t *cr;

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

  static_key = g_strdup_printf ("%p %d %d %d %.6f %.3f %.3f %d %d", (void *) self->positions,
                                pw, ph, scale, self->zoom, self->pan_x, self->pan_y, palette.dark,
                                self->selected_node >= 0);
  frame_key = g_strdup_printf ("%s %" G_GUINT64_FORMAT " %p %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                               " %.4f %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT, static_key,
                               self->states_serial, (void *) self->record, self->hover_node,
                               self->selected_node, self->record != NULL ? self->progress : -1.0,
                               self->step_message, self->overlay_serial);

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

  cr = gv_frame_begin (&frame, width, height, scale);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, self->static_surface, 0, 0);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  gv_network_draw_dynamic (cr, width, height, &scene, &palette);
  g_clear_object (&self->frame);
  self->frame = gv_frame_finish (&frame, cr);
  g_free (self->frame_key);
  self->frame_key = g_steal_pointer (&frame_key);

  gtk_snapshot_append_texture (snapshot, self->frame, &GRAPHENE_RECT_INIT (0, 0, width, height));
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
  g_clear_pointer (&self->round_record, gv_round_record_unref);
  g_clear_pointer (&self->tellers, g_free);
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

  /**
   * GvNetworkView::node-focused:
   * @node: the node the keyboard moved to, or G_MAXUINT when the focus was let go
   */
  signals[NODE_FOCUSED] =
    g_signal_new ("node-focused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * GvNetworkView::round-shown:
   *
   * An animated round has played to its end.
   */
  signals[ROUND_SHOWN] =
    g_signal_new ("round-shown",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "networkview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gv_network_view_init (GvNetworkView *self)
{
  self->zoom = 1.0;
  self->hover_node = -1;
  self->selected_node = -1;

  gtk_widget_add_css_class (GTK_WIDGET (self), "network-view");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  self->step_message = -1;
  self->mark_scale = 1.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network"), -1);
  gv_network_view_announce (self);

  gv_network_view_add_controllers (self);
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

  self->paused = FALSE;
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


gboolean
gv_network_view_get_node_point (GvNetworkView *self,
                                guint32        node,
                                double        *x,
                                double        *y)
{
  GvNetworkScene scene;

  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);

  /* Before the view has a size, there is nowhere a node is drawn. */
  if (!can_draw (self) || node >= self->n_nodes || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
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




static void
start_ticking (GvNetworkView *self)
{
  if (self->tick_id == 0)
    {
      /* Goes on from the progress so far. */
      self->anim_start = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
}

void
gv_network_view_set_paused (GvNetworkView *self,
                            gboolean       paused)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));

  /* Only a round on its way can be frozen. */
  if (self->record == NULL || self->holding)
    paused = FALSE;
  if (self->paused == paused)
    return;
  self->paused = paused;
  if (paused && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  else if (!paused && !self->holding)
    start_ticking (self);
}

gboolean
gv_network_view_get_paused (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);
  return self->paused && self->record != NULL && !self->holding;
}

void
gv_network_view_hold_round (GvNetworkView *self,
                            GvRoundRecord *record,
                            GBytes        *states)
{
  g_return_if_fail (GV_IS_NETWORK_VIEW (self));
  g_return_if_fail (record != NULL);

  finish_animation (self);
  if (record->messages == NULL || record->n_messages == 0 || self->states == NULL)
    {
      gv_network_view_set_states (self, states);
      return;
    }
  self->paused = FALSE;
  self->record = gv_round_record_ref (record);
  self->next_states = states != NULL ? g_bytes_ref (states) : NULL;
  self->holding = TRUE;
  self->step_message = -1;
  self->duration = STEP_DURATION;
  self->progress = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
gv_network_view_step_message (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), -1);

  if (!self->holding || self->record == NULL)
    return -1;
  if (self->step_message + 1 >= self->record->n_messages)
    {
      /* The round is over: its states, and nothing held. */
      if (self->tick_id != 0)
        {
          gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
          self->tick_id = 0;
        }
      finish_animation (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return -1;
    }
  self->step_message++;
  self->progress = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_ticking (self);
  else
    self->progress = 1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->step_message;
}

const GvMessageEvent *
gv_network_view_get_stepped_message (GvNetworkView *self)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), NULL);

  if (!self->holding || self->record == NULL || self->step_message < 0)
    return NULL;
  return &self->record->messages[self->step_message];
}



gboolean
gv_network_view_get_step (GvNetworkView *self,
                          guint32       *index,
                          guint32       *n_messages)
{
  g_return_val_if_fail (GV_IS_NETWORK_VIEW (self), FALSE);

  if (gv_network_view_get_stepped_message (self) == NULL)
    return FALSE;
  if (index != NULL)
    *index = (guint32) self->step_message;
  if (n_messages != NULL)
    *n_messages = self->record->n_messages;
  return TRUE;
}
