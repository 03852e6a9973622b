/* gv-chart-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-chart-view"

#include "config.h"

#include "gv-chart-view.h"
#include "gv-theme.h"

struct _GvChartView
{
  GtkWidget     parent_instance;

  GvChart      *chart;
  gboolean      hovering;
  double        hover_x;
  double        hover_y;
  double        scale;    /* text, lines and marks, 1 as designed */
};

G_DEFINE_FINAL_TYPE (GvChartView, gv_chart_view, GTK_TYPE_WIDGET)

static void
gv_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GvChartView *self = GV_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GvPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  gv_theme_get_palette (widget, &palette);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* Larger: the chart laid out in a smaller box and scaled up, so that text, lines and
   * markers grow together and stay sharp (the node is a vector one). */
  cairo_scale (cr, self->scale, self->scale);
  width /= self->scale;
  height /= self->scale;
  gv_chart_draw (self->chart, cr, width, height, &palette);

  if (self->hovering)
    {
      GvChartHover hover = gv_chart_hit_test (self->chart, width, height,
                                              self->hover_x / self->scale,
                                              self->hover_y / self->scale);

      if (hover.valid)
        gv_chart_draw_hover (self->chart, cr, width, height, &palette, &hover);
    }

  cairo_destroy (cr);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GvChartView              *self)
{
  self->hovering = TRUE;
  self->hover_x = x;
  self->hover_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          GvChartView              *self)
{
  self->hovering = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gv_chart_view_finalize (GObject *object)
{
  GvChartView *self = (GvChartView *) object;

  g_clear_object (&self->chart);

  G_OBJECT_CLASS (gv_chart_view_parent_class)->finalize (object);
}

static void
gv_chart_view_class_init (GvChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gv_chart_view_finalize;
  widget_class->snapshot = gv_chart_view_snapshot;

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gv_chart_view_init (GvChartView *self)
{
  GtkEventController *controller;

  self->chart = gv_chart_new ();
  self->scale = 1.0;
  gtk_widget_add_css_class (GTK_WIDGET (self), "chart-view");
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 160);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
gv_chart_view_new (void)
{
  return g_object_new (GV_TYPE_CHART_VIEW, NULL);
}

GvChart *
gv_chart_view_get_chart (GvChartView *self)
{
  g_return_val_if_fail (GV_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
gv_chart_view_changed (GvChartView *self)
{
  g_return_if_fail (GV_IS_CHART_VIEW (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gv_chart_view_set_scale (GvChartView *self,
                         double       scale)
{
  g_return_if_fail (GV_IS_CHART_VIEW (self));
  g_return_if_fail (scale > 0);

  self->scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
