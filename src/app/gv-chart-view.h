/* gv-chart-view.h: a GvChart on screen, with a hover read-out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-chart.h"

G_BEGIN_DECLS

#define GV_TYPE_CHART_VIEW (gv_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (GvChartView, gv_chart_view, GV, CHART_VIEW, GtkWidget)

GtkWidget *gv_chart_view_new       (void);
GvChart   *gv_chart_view_get_chart (GvChartView *self);
/* Redraws after the chart's data changed. */
void       gv_chart_view_changed   (GvChartView *self);

/* Text, lines and marks @scale times as large (presentation mode); 1 as designed. */
void        gv_chart_view_set_scale   (GvChartView *self,
                                       double       scale);

G_END_DECLS
