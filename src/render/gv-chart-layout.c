/* gv-chart-layout.c: text, the header with its legend, and the frame that places everything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-chart"

#include "config.h"

#include <string.h>

#include "gv-chart-private.h"
#include "gv-export.h"

PangoContext *
gv_chart_create_context (void)
{
  PangoContext *context;
  cairo_font_options_t *options;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 96.0);
  pango_context_set_round_glyph_positions (context, FALSE);

  /* Hinted metrics differ between raster and vector targets; unhinted ones do not. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

void
gv_chart_text_init (Text         *text,
                    PangoContext *context,
                    const char   *font,
                    const char   *string)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoRectangle logical;

  text->layout = pango_layout_new (context);
  pango_layout_set_font_description (text->layout, desc);
  pango_layout_set_text (text->layout, string, -1);
  pango_font_description_free (desc);

  pango_layout_get_extents (text->layout, NULL, &logical);
  text->width = logical.width / (double) PANGO_SCALE;
  text->height = logical.height / (double) PANGO_SCALE;
}

/* Limits @text to @width pixels and at most @lines lines, with an ellipsis. */
void
gv_chart_text_limit (Text   *text,
                     double  width,
                     int     lines)
{
  PangoRectangle logical;

  pango_layout_set_width (text->layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (text->layout, -lines);
  pango_layout_set_ellipsize (text->layout, PANGO_ELLIPSIZE_END);

  pango_layout_get_extents (text->layout, NULL, &logical);
  text->width = (logical.x + logical.width) / (double) PANGO_SCALE;
  text->height = logical.height / (double) PANGO_SCALE;
}

/* Tick labels use tabular figures, so that a column of them lines up. */
void
gv_chart_text_set_tabular (Text *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoRectangle logical;

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (text->layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_get_extents (text->layout, NULL, &logical);
  text->width = logical.width / (double) PANGO_SCALE;
  text->height = logical.height / (double) PANGO_SCALE;
}

void
gv_chart_text_clear (Text *text)
{
  g_clear_object (&text->layout);
}

void
gv_chart_legend_item_clear (gpointer data)
{
  LegendItem *item = data;

  gv_chart_text_clear (&item->text);
}

void
gv_chart_text_draw (const Text *text,
                    cairo_t    *cr)
{
  if (text->layout == NULL)
    return;

  cairo_move_to (cr, text->x, text->y);
  /* On an SVG export, as <text>. */
  gv_export_show_layout (cr, text->layout);
}

void
gv_chart_frame_clear (Frame *frame)
{
  gv_chart_text_clear (&frame->title);
  gv_chart_text_clear (&frame->note);
  gv_chart_text_clear (&frame->x_label);
  gv_chart_text_clear (&frame->y_label);

  for (guint i = 0; i < MAX_TICKS; i++)
    {
      gv_chart_text_clear (&frame->x_tick_labels[i]);
      gv_chart_text_clear (&frame->y_tick_labels[i]);
    }

  g_clear_pointer (&frame->legend, g_array_unref);

  g_clear_pointer (&frame->bars, g_array_unref);
  g_clear_object (&frame->context);
}

/* Places the title, the legend (wrapping into rows) and the note from the top; returns
 * the y where the header ends. */
static double
frame_layout_header (GvChart  *self,
                     Frame    *frame,
                     double    width,
                     gboolean  empty)
{
  double content = MAX (width - 2.0 * PADDING, 1.0);
  double y = PADDING;
  double x = PADDING;
  double row_height = 0.0;
  gboolean have_header = FALSE;

  if (!is_blank (self->title))
    {
      gv_chart_text_init (&frame->title, frame->context, FONT_TITLE, self->title);
      gv_chart_text_limit (&frame->title, content, 1);
      frame->title.x = PADDING;
      frame->title.y = y;
      y += frame->title.height;
      have_header = TRUE;
    }

  frame->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (frame->legend, gv_chart_legend_item_clear);

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);
      LegendItem item = { { NULL }, s };
      double swatch;
      double item_width;

      /* A series with nothing to show (a theory that does not apply) has no entry,
       * unless nothing has data yet and the legend tells what is coming. */
      if (is_blank (series->label) || (!gv_chart_series_has_data (series) && !empty))
        continue;

      if (frame->legend->len == 0 && have_header)
        y += TITLE_GAP;

      swatch = series->style == GV_CHART_BARS ? SWATCH_BOX : SWATCH_LINE;
      gv_chart_text_init (&item.text, frame->context, FONT_TEXT, series->label);
      if (swatch + SWATCH_GAP + item.text.width > content)
        gv_chart_text_limit (&item.text, content - swatch - SWATCH_GAP, 1);

      item_width = swatch + SWATCH_GAP + item.text.width;
      if (x > PADDING && x + item_width > PADDING + content)
        {
          x = PADDING;
          y += row_height + LEGEND_GAP_Y;
          row_height = 0.0;
        }

      item.swatch_x = x;
      item.swatch_y = y + item.text.height / 2.0;
      item.text.x = x + swatch + SWATCH_GAP;
      item.text.y = y;
      row_height = MAX (row_height, MAX (item.text.height, SWATCH_BOX));
      x += item_width + LEGEND_GAP_X;

      g_array_append_val (frame->legend, item);
      have_header = TRUE;
    }

  y += row_height;

  if (!is_blank (self->note))
    {
      if (have_header)
        y += NOTE_GAP;

      gv_chart_text_init (&frame->note, frame->context, FONT_NOTE, self->note);
      gv_chart_text_limit (&frame->note, content, 2);
      frame->note.x = PADDING;
      frame->note.y = y;
      y += frame->note.height;
      have_header = TRUE;
    }

  return have_header ? y + HEADER_GAP : PADDING;
}

void
gv_chart_frame_build (GvChart *self,
                      double   width,
                      double   height,
                      Frame   *frame)
{
  Geometry *g = &frame->geometry;
  Text sample = { NULL };
  Extents ext;
  double tick_height;
  double tick_width = 0.0;
  double left;

  memset (frame, 0, sizeof *frame);
  frame->context = gv_chart_create_context ();

  for (guint s = 0; s < self->series->len; s++)
    gv_chart_series_sort (g_ptr_array_index (self->series, s));

  frame->bars = gv_chart_collect_bars (self);
  ext = gv_chart_compute_extents (self, frame->bars);

  g->valid = TRUE;
  g->generation = self->generation;
  g->width = width;
  g->height = height;
  g->empty = ext.empty;

  /* Header from the top, then the x axis from the bottom; the plot takes what is left,
   * with room for half a tick label above its top line. */
  gv_chart_text_init (&sample, frame->context, FONT_TEXT, "0123456789");
  tick_height = sample.height;
  gv_chart_text_clear (&sample);

  g->top = frame_layout_header (self, frame, width, ext.empty) + tick_height / 2.0;
  g->bottom = height - PADDING - tick_height - TICK_GAP;

  if (!is_blank (self->x_label))
    {
      gv_chart_text_init (&frame->x_label, frame->context, FONT_TEXT, self->x_label);
      g->bottom -= frame->x_label.height + AXIS_LABEL_GAP;
    }

  if (g->bottom - g->top < 1.0)
    g->bottom = g->top + 1.0;

  gv_chart_layout_y_axis (self, frame, &ext, g->bottom - g->top);

  left = PADDING;
  if (!is_blank (self->y_label))
    {
      gv_chart_text_init (&frame->y_label, frame->context, FONT_TEXT, self->y_label);
      gv_chart_text_limit (&frame->y_label, g->bottom - g->top + tick_height, 1);
      left += frame->y_label.height + AXIS_LABEL_GAP;
    }

  for (guint i = 0; i < g->n_y_ticks; i++)
    tick_width = MAX (tick_width, frame->y_tick_labels[i].width);

  g->left = left + tick_width + TICK_GAP;
  g->right = MAX (width - PADDING, g->left + 1.0);

  /* Rounds count from 0, so the axis always spans [0, 1] at least.  Bars are centred on
   * their x: half a step more on either side keeps the first and the last one whole. */
  g->x_min = ext.empty ? 0.0 : MIN (ext.x_min, 0.0);
  g->x_max = ext.empty ? 1.0 : MAX (ext.x_max, 1.0);
  if (ext.bar_step > 0.0)
    {
      g->bar_width = ext.bar_step * BAR_FRACTION;
      g->x_min -= ext.bar_step / 2.0;
      g->x_max += ext.bar_step / 2.0;
    }

  gv_chart_layout_x_axis (frame, g->right - g->left);

  /* Tick labels beside their ticks, kept inside the chart. */
  for (guint i = 0; i < g->n_y_ticks; i++)
    {
      Text *t = &frame->y_tick_labels[i];

      t->x = g->left - TICK_GAP - t->width;
      t->y = y_to_px (g, g->y_ticks[i]) - t->height / 2.0;
    }

  for (guint i = 0; i < g->n_x_ticks; i++)
    {
      Text *t = &frame->x_tick_labels[i];

      t->x = CLAMP (x_to_px (g, g->x_ticks[i]) - t->width / 2.0,
                    0.0, MAX (width - PADDING / 2.0 - t->width, 0.0));
      t->y = g->bottom + TICK_GAP;
    }

  if (frame->x_label.layout != NULL)
    {
      frame->x_label.x = (g->left + g->right) / 2.0 - frame->x_label.width / 2.0;
      frame->x_label.y = g->bottom + TICK_GAP + tick_height + AXIS_LABEL_GAP;
    }

  if (frame->y_label.layout != NULL)
    {
      /* The box the label occupies once turned a quarter anticlockwise. */
      frame->y_label.x = PADDING;
      frame->y_label.y = (g->top + g->bottom) / 2.0 + frame->y_label.width / 2.0;
    }
}

/* The geometry for a chart drawn at @width × @height, from the cache when it is fresh. */
const Geometry *
gv_chart_geometry (GvChart *self,
                   double   width,
                   double   height)
{
  if (!self->cache.valid ||
      self->cache.generation != self->generation ||
      self->cache.width != width ||
      self->cache.height != height)
    {
      Frame frame;

      gv_chart_frame_build (self, width, height, &frame);
      self->cache = frame.geometry;
      gv_chart_frame_clear (&frame);
    }

  return &self->cache;
}
