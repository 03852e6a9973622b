/* gv-chart-layers.c: the layers of a chart, drawn from a frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gv-chart-private.h"
#include "gv-export.h"

static void
draw_grid (const Frame     *frame,
           cairo_t         *cr,
           const GvPalette *palette)
{
  const Geometry *g = &frame->geometry;

  cairo_set_line_width (cr, 1.0);

  /* Rounds are easier to follow along a line with these; bars mark their rounds
   * themselves, and a line through each would only cut them. */
  if (frame->bars->len == 0)
    {
      for (guint i = 0; i < g->n_x_ticks; i++)
        {
          double x = crisp (x_to_px (g, g->x_ticks[i]));

          cairo_move_to (cr, x, g->top);
          cairo_line_to (cr, x, g->bottom);
        }
      gv_raster_set_color (cr, palette->dim, 0.15);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < g->n_y_ticks; i++)
    {
      double y = crisp (y_to_px (g, g->y_ticks[i]));

      /* The baseline is drawn by itself, stronger. */
      if (g->y_ticks[i] == 0.0 || y >= crisp (g->bottom) - 0.5)
        continue;

      cairo_move_to (cr, g->left, y);
      cairo_line_to (cr, g->right, y);
    }
  gv_raster_set_color (cr, palette->dim, 0.35);
  cairo_stroke (cr);
}

static void
draw_axes (const Frame     *frame,
           cairo_t         *cr,
           const GvPalette *palette)
{
  const Geometry *g = &frame->geometry;
  double base = g->y_min <= 0.0 && g->y_max >= 0.0 ? y_to_px (g, 0.0) : g->bottom;

  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, g->left, crisp (base));
  cairo_line_to (cr, g->right, crisp (base));
  if (base < g->bottom - 1.0)
    {
      cairo_move_to (cr, g->left, crisp (g->bottom));
      cairo_line_to (cr, g->right, crisp (g->bottom));
    }
  gv_raster_set_color (cr, palette->dim, 1.0);
  cairo_stroke (cr);
}

static void
draw_bars (GvChart         *self,
           const Frame     *frame,
           cairo_t         *cr,
           const GvPalette *palette)
{
  const Geometry *g = &frame->geometry;
  double step_px = g->bar_width / BAR_FRACTION / (g->x_max - g->x_min) * (g->right - g->left);
  double half = g->bar_width / 2.0 / (g->x_max - g->x_min) * (g->right - g->left);

  /* When bars are thinner than a pixel, gaps between them only make a moiré. */
  if (step_px < 3.0)
    half = step_px / 2.0;

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);
      gboolean any = FALSE;

      if (series->style != GV_CHART_BARS)
        continue;

      for (guint i = 0; i < frame->bars->len; i++)
        {
          const BarPiece *piece = &g_array_index (frame->bars, BarPiece, i);
          double cx, left, right, top, bottom;

          if (piece->series != s || piece->hi == piece->lo)
            continue;

          /* Edges on whole pixels: sharp, and neighbours in a stack meet exactly. */
          cx = x_to_px (g, piece->x);
          left = round (cx - half);
          right = MAX (round (cx + half), left + 1.0);
          top = round (y_to_px (g, piece->hi));
          bottom = round (y_to_px (g, piece->lo));

          if (bottom - top < 1.0)
            continue;

          cairo_rectangle (cr, left, top, right - left, bottom - top);
          any = TRUE;
        }

      if (any)
        {
          gv_raster_set_color (cr, gv_chart_series_color (palette, series), 1.0);
          cairo_fill (cr);
        }
    }
}

static void
draw_line_series (const Series    *series,
                  const Geometry  *g,
                  cairo_t         *cr,
                  const GvPalette *palette)
{
  static const double dashes[] = { 5.0, 3.5 };
  gboolean dashed = series->style == GV_CHART_DASHED;
  gboolean pen_down = FALSE;
  guint n_finite = 0;
  double first = NAN, last = NAN;

  for (guint i = 0; i < series->points->len; i++)
    {
      const Point *p = &g_array_index (series->points, Point, i);

      /* A missing value leaves a gap instead of a line across it. */
      if (!isfinite (p->x) || !isfinite (p->y))
        {
          pen_down = FALSE;
          continue;
        }

      if (pen_down)
        cairo_line_to (cr, x_to_px (g, p->x), y_to_px (g, p->y));
      else
        cairo_move_to (cr, x_to_px (g, p->x), y_to_px (g, p->y));

      pen_down = TRUE;
      if (n_finite++ == 0)
        first = p->x;
      last = p->x;
    }

  gv_raster_set_color (cr, gv_chart_series_color (palette, series), 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (dashed)
    {
      cairo_set_line_width (cr, DASHED_WIDTH);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
    }
  else
    {
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, NULL, 0, 0.0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);

  /* A marker on every point only while they stand apart; dense ones are just a blur. */
  if (dashed || n_finite == 0 ||
      (n_finite > 1 &&
       (x_to_px (g, last) - x_to_px (g, first)) / (n_finite - 1) < MARKER_SPACING))
    return;

  for (guint i = 0; i < series->points->len; i++)
    {
      const Point *p = &g_array_index (series->points, Point, i);

      if (!isfinite (p->x) || !isfinite (p->y))
        continue;

      cairo_new_sub_path (cr);
      cairo_arc (cr, x_to_px (g, p->x), y_to_px (g, p->y), MARKER_RADIUS, 0.0, 2.0 * G_PI);
    }
  cairo_fill (cr);
}

/* A predicted final value: dashed, like theory, from one side of the plot to the other. */
static void
draw_level_series (const Series    *series,
                   const Geometry  *g,
                   cairo_t         *cr,
                   const GvPalette *palette)
{
  static const double dashes[] = { 5.0, 3.5 };
  double y;

  if (!gv_chart_series_level (series, &y))
    return;

  cairo_move_to (cr, g->left, y_to_px (g, y));
  cairo_line_to (cr, g->right, y_to_px (g, y));
  gv_raster_set_color (cr, gv_chart_series_color (palette, series), 1.0);
  cairo_set_line_width (cr, DASHED_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);
}

static void
draw_marker (GvChart         *self,
             const Frame     *frame,
             cairo_t         *cr,
             const GvPalette *palette)
{
  const Geometry *g = &frame->geometry;
  double x;

  if (!isfinite (self->marker) || self->marker < g->x_min || self->marker > g->x_max)
    return;

  x = round (x_to_px (g, self->marker));
  cairo_set_line_width (cr, MARKER_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (cr, x, g->top);
  cairo_line_to (cr, x, g->bottom);
  gv_raster_set_color (cr, palette->accent, 1.0);
  cairo_stroke (cr);

  /* A small pointer on top tells it from a series drawn in a similar blue. */
  cairo_move_to (cr, x - MARKER_CAP, g->top - MARKER_CAP);
  cairo_line_to (cr, x + MARKER_CAP, g->top - MARKER_CAP);
  cairo_line_to (cr, x, g->top + 1.0);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_swatch (const Series    *series,
             cairo_t         *cr,
             double           x,
             double           y,
             const GvPalette *palette)
{
  static const double dashes[] = { 4.0, 2.5 };

  gv_raster_set_color (cr, gv_chart_series_color (palette, series), 1.0);

  switch (series->style)
    {
    case GV_CHART_BARS:
      cairo_rectangle (cr, x, round (y - SWATCH_BOX / 2.0), SWATCH_BOX, SWATCH_BOX);
      cairo_fill (cr);
      break;

    case GV_CHART_DASHED:
    case GV_CHART_LEVEL:
      cairo_set_line_width (cr, DASHED_WIDTH);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + SWATCH_LINE, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
      break;

    case GV_CHART_LINE:
    default:
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, x + 1.0, y);
      cairo_line_to (cr, x + SWATCH_LINE - 1.0, y);
      cairo_stroke (cr);
      cairo_arc (cr, x + SWATCH_LINE / 2.0, y, MARKER_RADIUS + 0.5, 0.0, 2.0 * G_PI);
      cairo_fill (cr);
      break;
    }
}

static void
draw_text (GvChart         *self,
           const Frame     *frame,
           cairo_t         *cr,
           const GvPalette *palette)
{
  const Geometry *g = &frame->geometry;

  gv_raster_set_color (cr, palette->foreground, 0.7);
  for (guint i = 0; i < g->n_y_ticks; i++)
    gv_chart_text_draw (&frame->y_tick_labels[i], cr);
  for (guint i = 0; i < g->n_x_ticks; i++)
    gv_chart_text_draw (&frame->x_tick_labels[i], cr);

  gv_raster_set_color (cr, palette->foreground, 1.0);
  gv_chart_text_draw (&frame->title, cr);
  gv_chart_text_draw (&frame->x_label, cr);

  if (frame->y_label.layout != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, frame->y_label.x, frame->y_label.y);
      cairo_rotate (cr, -G_PI / 2.0);
      cairo_move_to (cr, 0.0, 0.0);
      gv_export_show_layout (cr, frame->y_label.layout);
      cairo_restore (cr);
    }

  for (guint i = 0; i < frame->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (frame->legend, LegendItem, i);

      draw_swatch (g_ptr_array_index (self->series, item->series), cr,
                   item->swatch_x, item->swatch_y, palette);
      gv_raster_set_color (cr, palette->foreground, 1.0);
      gv_chart_text_draw (&item->text, cr);
    }

  gv_raster_set_color (cr, palette->dim, 1.0);
  gv_chart_text_draw (&frame->note, cr);
}

static void
draw_empty (const Frame     *frame,
            cairo_t         *cr,
            const GvPalette *palette)
{
  const Geometry *g = &frame->geometry;
  Text text = { NULL };

  gv_chart_text_init (&text, frame->context, FONT_EMPTY, _("No data yet"));
  text.x = (g->left + g->right) / 2.0 - text.width / 2.0;
  text.y = (g->top + g->bottom) / 2.0 - text.height / 2.0;
  gv_raster_set_color (cr, palette->dim, 1.0);
  gv_chart_text_draw (&text, cr);
  gv_chart_text_clear (&text);
}

void
gv_chart_draw (GvChart         *self,
               cairo_t         *cr,
               double           width,
               double           height,
               const GvPalette *palette)
{
  Frame frame;

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);

  if (!(width >= 1.0 && height >= 1.0))
    return;

  gv_chart_frame_build (self, width, height, &frame);
  self->cache = frame.geometry;

  cairo_save (cr);

  /* Whatever state the caller left, every target gets the same picture. */
  cairo_new_path (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_set_dash (cr, NULL, 0, 0.0);

  cairo_rectangle (cr, 0.0, 0.0, width, height);
  cairo_clip (cr);
  gv_raster_set_color (cr, palette->background, 1.0);
  cairo_paint (cr);

  draw_grid (&frame, cr, palette);
  draw_axes (&frame, cr, palette);

  if (!frame.geometry.empty)
    {
      const Geometry *g = &frame.geometry;
      double margin = LINE_WIDTH + MARKER_RADIUS;

      /* Data outside a fixed y range is cut, with room for a line or marker on the edge. */
      cairo_save (cr);
      cairo_rectangle (cr, g->left - margin, g->top - margin,
                       g->right - g->left + 2.0 * margin, g->bottom - g->top + 2.0 * margin);
      cairo_clip (cr);

      draw_bars (self, &frame, cr, palette);

      for (guint s = 0; s < self->series->len; s++)
        {
          const Series *series = g_ptr_array_index (self->series, s);

          if (series->style == GV_CHART_DASHED)
            draw_line_series (series, g, cr, palette);
          else if (series->style == GV_CHART_LEVEL)
            draw_level_series (series, g, cr, palette);
        }

      for (guint s = 0; s < self->series->len; s++)
        {
          const Series *series = g_ptr_array_index (self->series, s);

          if (series->style == GV_CHART_LINE)
            draw_line_series (series, g, cr, palette);
        }

      cairo_restore (cr);
    }

  draw_marker (self, &frame, cr, palette);
  draw_text (self, &frame, cr, palette);

  if (frame.geometry.empty)
    draw_empty (&frame, cr, palette);

  cairo_restore (cr);
  gv_chart_frame_clear (&frame);
}
