/* gv-chart.h: charts drawn into any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart goes series (x, y) -> axes with nice ticks -> layers (lines, dashed theory
 * curves, stacked bars, the current-round marker) -> legend -> hover read-out.  The same
 * drawing serves the screen (GtkSnapshot's cairo node) and the exports (PNG, SVG, PDF
 * surfaces), so what is exported is what is on screen.
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "gv-palette.h"

G_BEGIN_DECLS

#define GV_TYPE_CHART (gv_chart_get_type ())

G_DECLARE_FINAL_TYPE (GvChart, gv_chart, GV, CHART, GObject)

/* How a series is drawn. */
typedef enum
{
  GV_CHART_LINE,          /* a solid line with small markers at each point; a missing
                           * value (NaN) leaves a gap */
  GV_CHART_DASHED,        /* a dashed line without markers: theory */
  GV_CHART_BARS,          /* one stacked-bar component at each x */
  GV_CHART_LEVEL,         /* a dashed horizontal line at the series' last y, across the
                           * whole plot: a predicted final value.  It does not widen the
                           * x axis. */
} GvSeriesStyle;

/* A colour index (gv_chart_add_series) that picks the palette's colour of a message
 * outcome (GvMessageOutcome: useful, redundant, lost, dead, request), so that a chart
 * of messages and the network picture agree; any other index picks palette->series[]. */
#define GV_CHART_COLOR_OUTCOME(outcome) (0x100u | (guint) (outcome))

/* What the pointer is over: the x nearest to it and each series' value there. */
typedef struct
{
  gboolean valid;
  double   x;
  double   px, py;        /* where to anchor the read-out, in widget pixels */
} GvChartHover;

GvChart     *gv_chart_new             (void);
void         gv_chart_set_title       (GvChart          *self,
                                       const char       *title);
void         gv_chart_set_x_label     (GvChart          *self,
                                       const char       *label);
void         gv_chart_set_y_label     (GvChart          *self,
                                       const char       *label);
/* Forces the y axis to [min, max] (e.g. 0..100 %); NAN for automatic. */
void         gv_chart_set_y_range     (GvChart          *self,
                                       double            min,
                                       double            max);
/* A suffix for y tick labels and read-outs, e.g. "%". */
void         gv_chart_set_y_unit      (GvChart          *self,
                                       const char       *unit);
/* Whether the y values are counts (messages, nodes): then the y ticks fall on whole
 * numbers only, and are written without decimals. */
void         gv_chart_set_y_integer   (GvChart          *self,
                                       gboolean          integer);
gboolean     gv_chart_get_y_integer   (GvChart          *self);
void         gv_chart_clear           (GvChart          *self);
/* Adds a series; @color_index picks palette->series[] (or GV_CHART_COLOR_OUTCOME()).
 * Returns its index.  Bars added one after another stack, in that order, at equal x. */
guint        gv_chart_add_series      (GvChart          *self,
                                       const char       *label,
                                       GvSeriesStyle     style,
                                       guint             color_index);
/* As gv_chart_add_series, but at index @position (at most the number of series), so
 * that the legend keeps an order; the series from @position on move up by one. */
guint        gv_chart_insert_series   (GvChart          *self,
                                       guint             position,
                                       const char       *label,
                                       GvSeriesStyle     style,
                                       guint             color_index);
/* Renames series @series, e.g. "Simulation" to its item's own name once a second item
 * (a second piece of news) appears. */
void         gv_chart_set_series_label (GvChart         *self,
                                       guint             series,
                                       const char       *label);
const char  *gv_chart_get_series_label (GvChart         *self,
                                       guint             series);
GvSeriesStyle gv_chart_get_series_style (GvChart        *self,
                                       guint             series);
/* A name of the caller's choosing, never shown, to find a series again by. */
void         gv_chart_set_series_key  (GvChart          *self,
                                       guint             series,
                                       const char       *key);
const char  *gv_chart_get_series_key  (GvChart          *self,
                                       guint             series);
/* The series with @key, or -1. */
gint         gv_chart_find_series     (GvChart          *self,
                                       const char       *key);
void         gv_chart_append          (GvChart          *self,
                                       guint             series,
                                       double            x,
                                       double            y);
void         gv_chart_set_points      (GvChart          *self,
                                       guint             series,
                                       const double     *xs,
                                       const double     *ys,
                                       guint             n_points);
guint        gv_chart_get_n_series    (GvChart          *self);
guint        gv_chart_get_n_points    (GvChart          *self,
                                       guint             series);
/* Point @index of @series, in the order they were added. */
void         gv_chart_get_point       (GvChart          *self,
                                       guint             series,
                                       guint             index,
                                       double           *x,
                                       double           *y);
/* The y of @series at @x (the last point added there), if it has a finite one. */
gboolean     gv_chart_get_value       (GvChart          *self,
                                       guint             series,
                                       double            x,
                                       double           *y);
/* The vertical marker at the current round; NAN hides it. */
void         gv_chart_set_marker      (GvChart          *self,
                                       double            x);
/* A line of text shown under the legend, e.g. why a theory curve is absent. */
void         gv_chart_set_note        (GvChart          *self,
                                       const char       *note);
const char  *gv_chart_get_note        (GvChart          *self);
const char  *gv_chart_get_title       (GvChart          *self);
/* Draws the whole chart into [0, width] × [0, height] of @cr. */
void         gv_chart_draw            (GvChart          *self,
                                       cairo_t          *cr,
                                       double            width,
                                       double            height,
                                       const GvPalette  *palette);
/* Which x the point (px, py) is over, inside the plot area, for a chart drawn at
 * width × height. */
GvChartHover gv_chart_hit_test        (GvChart          *self,
                                       double            width,
                                       double            height,
                                       double            px,
                                       double            py);
/* Draws the hover line and a read-out box listing every series' value at hover->x. */
void         gv_chart_draw_hover      (GvChart          *self,
                                       cairo_t          *cr,
                                       double            width,
                                       double            height,
                                       const GvPalette  *palette,
                                       const GvChartHover *hover);
/* Nice ticks (Heckbert 1990) covering [min, max] with about @target ticks.  Returns
 * the number written to @ticks (at most @max_ticks). */
guint        gv_nice_ticks            (double            min,
                                       double            max,
                                       guint             target,
                                       double           *ticks,
                                       guint             max_ticks);

G_END_DECLS
