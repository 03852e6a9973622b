/* gv-chart-readout.c: what the pointer is over, and the read-out that says it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gv-chart-private.h"

GvChartHover
gv_chart_hit_test (GvChart *self,
                   double   width,
                   double   height,
                   double   px,
                   double   py)
{
  GvChartHover hover = { FALSE, NAN, px, py };
  const Geometry *g;
  double x;
  double best = NAN;

  g_return_val_if_fail (GV_IS_CHART (self), hover);

  if (!(width >= 1.0 && height >= 1.0))
    return hover;

  g = gv_chart_geometry (self, width, height);
  if (g->empty || px < g->left || px > g->right || py < g->top || py > g->bottom)
    return hover;

  x = g->x_min + (px - g->left) / (g->right - g->left) * (g->x_max - g->x_min);

  for (guint s = 0; s < self->series->len; s++)
    {
      double nearest = NAN;

      if (gv_chart_series_nearest_x (g_ptr_array_index (self->series, s), x, &nearest) &&
          (isnan (best) || fabs (nearest - x) < fabs (best - x)))
        best = nearest;
    }

  if (isnan (best))
    return hover;

  hover.valid = TRUE;
  hover.x = best;
  hover.px = x_to_px (g, best);
  hover.py = py;

  return hover;
}

void
gv_chart_draw_hover (GvChart            *self,
                     cairo_t            *cr,
                     double              width,
                     double              height,
                     const GvPalette    *palette,
                     const GvChartHover *hover)
{
  g_autoptr(GArray) rows = NULL;
  PangoContext *context = NULL;
  g_autofree char *round_text = NULL;
  g_autofree char *heading = NULL;
  const Geometry *g;
  NumberFormat x_format = { 1.0, "", 0 };
  double box_width = 0.0;
  double box_height = READOUT_PADDING * 2.0;
  double hx, box_x, box_y, y;

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (hover != NULL);

  if (!hover->valid || !isfinite (hover->x) || !(width >= 1.0 && height >= 1.0))
    return;

  g = gv_chart_geometry (self, width, height);
  if (g->empty || hover->x < g->x_min || hover->x > g->x_max)
    return;

  hx = x_to_px (g, hover->x);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_dash (cr, NULL, 0, 0.0);

  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, crisp (hx), g->top);
  cairo_line_to (cr, crisp (hx), g->bottom);
  gv_raster_set_color (cr, palette->dim, 1.0);
  cairo_stroke (cr);

  /* The read-out: a heading, then one row per series that has a value here. */
  context = gv_chart_create_context ();
  rows = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (rows, gv_chart_legend_item_clear);

  if (fabs (hover->x - round (hover->x)) > 1e-9)
    x_format.decimals = 2;
  round_text = gv_chart_format_number (hover->x, &x_format, NULL);
  heading = g_strdup_printf (_("Round %s"), round_text);

  {
    LegendItem item = { { NULL }, G_MAXUINT };

    gv_chart_text_init (&item.text, context, FONT_BOLD, heading);
    g_array_append_val (rows, item);
  }

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);
      g_autofree char *value_text = NULL;
      g_autofree char *row_text = NULL;
      LegendItem item = { { NULL }, s };
      double value;

      if (!gv_chart_series_value_at (series, hover->x, &value))
        continue;

      value_text = gv_chart_format_readout (value, self->y_unit);
      if (is_blank (series->label))
        row_text = g_steal_pointer (&value_text);
      else
        /* Translators: a series and its value in the chart's read-out */
        row_text = g_strdup_printf (_("%s: %s"), series->label, value_text);

      gv_chart_text_init (&item.text, context, FONT_TEXT, row_text);
      g_array_append_val (rows, item);

      /* Ring the point on a line, so the eye finds which value is which. */
      if (series->style != GV_CHART_BARS && value >= g->y_min && value <= g->y_max)
        {
          cairo_arc (cr, hx, y_to_px (g, value), MARKER_RADIUS + 1.5, 0.0, 2.0 * G_PI);
          gv_raster_set_color (cr, gv_chart_series_color (palette, series), 1.0);
          cairo_fill_preserve (cr);
          gv_raster_set_color (cr, palette->background, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
    }

  for (guint i = 0; i < rows->len; i++)
    {
      LegendItem *item = &g_array_index (rows, LegendItem, i);
      double indent = i == 0 ? 0.0 : SWATCH_BOX + SWATCH_GAP;

      /* Never wider than the chart, which the box must stay inside. */
      if (indent + item->text.width > width - 2.0 * (READOUT_MARGIN + READOUT_PADDING))
        gv_chart_text_limit (&item->text,
                             width - 2.0 * (READOUT_MARGIN + READOUT_PADDING) - indent, 1);

      box_width = MAX (box_width, indent + item->text.width);
      box_height += item->text.height + (i == 1 ? 4.0 : 0.0);
    }
  box_width += READOUT_PADDING * 2.0;

  /* Beside the hover line, on the side with room, and inside the chart. */
  box_x = hx + READOUT_OFFSET;
  if (box_x + box_width > width - READOUT_MARGIN)
    box_x = hx - READOUT_OFFSET - box_width;
  box_x = CLAMP (box_x, READOUT_MARGIN, MAX (width - READOUT_MARGIN - box_width,
                                             READOUT_MARGIN));
  box_y = CLAMP (hover->py - box_height / 2.0, READOUT_MARGIN,
                 MAX (height - READOUT_MARGIN - box_height, READOUT_MARGIN));

  cairo_new_sub_path (cr);
  cairo_arc (cr, box_x + box_width - READOUT_RADIUS, box_y + READOUT_RADIUS,
             READOUT_RADIUS, -G_PI / 2.0, 0.0);
  cairo_arc (cr, box_x + box_width - READOUT_RADIUS, box_y + box_height - READOUT_RADIUS,
             READOUT_RADIUS, 0.0, G_PI / 2.0);
  cairo_arc (cr, box_x + READOUT_RADIUS, box_y + box_height - READOUT_RADIUS,
             READOUT_RADIUS, G_PI / 2.0, G_PI);
  cairo_arc (cr, box_x + READOUT_RADIUS, box_y + READOUT_RADIUS,
             READOUT_RADIUS, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
  gv_raster_set_color (cr, palette->background, 1.0);
  cairo_fill_preserve (cr);
  gv_raster_set_color (cr, palette->foreground, 0.3);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  y = box_y + READOUT_PADDING;
  for (guint i = 0; i < rows->len; i++)
    {
      LegendItem *item = &g_array_index (rows, LegendItem, i);

      item->text.x = box_x + READOUT_PADDING;
      item->text.y = y;

      if (i > 0)
        {
          const Series *series = g_ptr_array_index (self->series, item->series);

          gv_raster_set_color (cr, gv_chart_series_color (palette, series), 1.0);
          cairo_rectangle (cr, item->text.x, round (y + item->text.height / 2.0 - 4.0),
                           8.0, 8.0);
          cairo_fill (cr);
          item->text.x += SWATCH_BOX + SWATCH_GAP;
        }

      gv_raster_set_color (cr, palette->foreground, 1.0);
      gv_chart_text_draw (&item->text, cr);
      y += item->text.height + (i == 0 ? 4.0 : 0.0);
    }

  cairo_restore (cr);

  /* The rows' layouts hold the context; drop them first. */
  g_clear_pointer (&rows, g_array_unref);
  g_clear_object (&context);
}
