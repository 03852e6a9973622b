/* gv-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo's SVG surface writes every glyph as an outline (its SVG has no text), so an SVG
 * export hangs a sink on its surface: gv_export_show_layout () finds it there and writes
 * each line of text as an SVG <text> in the sink instead of drawing its glyphs, and the
 * sink's elements go in at the end of cairo's SVG, over everything else, as renderers
 * draw their text last.
 */

#define G_LOG_DOMAIN "gv-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gv-chart-private.h"
#include "gv-error.h"
#include "gv-export.h"
#include "gv-network-renderer.h"

#define MAX_PIXELS (16384.0 * 16384.0)

/* The caption's sizes, in pixels at 96 dpi, and its font: the charts' own text. */
#define CAPTION_PADDING   8.0
#define CAPTION_KEY_GAP   6.0   /* between the text and the keys */
#define CAPTION_KEY_ROW   16.0  /* the height of a row of keys */
#define CAPTION_ROW_GAP   2.0
#define CAPTION_SWATCH    16.0  /* the width of a key's drawing */
#define CAPTION_ARROW     22.0  /* the width of a message's arrow */
#define CAPTION_LABEL_GAP 4.0   /* between a key's drawing and its words */
#define CAPTION_ITEM_GAP  14.0  /* between keys */
#define CAPTION_NODE      4.5   /* a node key's radius */

static const cairo_user_data_key_t text_sink_key;

/* A key of the caption: a node class's or a message's drawing, then its words. */
typedef struct
{
  double            x, y;      /* the left of the drawing, and the row's middle */
  guint             cls;       /* the class, or G_MAXUINT for a message */
  GvMessageOutcome  outcome;
  Text              label;
} CaptionKey;

/* The caption measured and placed at one width. */
typedef struct
{
  PangoContext *context;
  Text          text;
  GArray       *keys;          /* CaptionKey */
  double        height;
} CaptionFrame;

/* The messages chart's words for each kind of message: the core's metric of it. */
static const guint outcome_metrics[GV_MESSAGE_REQUEST + 1] = {
  [GV_MESSAGE_USEFUL] = GV_METRIC_USEFUL,
  [GV_MESSAGE_REDUNDANT] = GV_METRIC_REDUNDANT,
  [GV_MESSAGE_LOST] = GV_METRIC_LOST,
  [GV_MESSAGE_DEAD] = GV_METRIC_DEAD,
  [GV_MESSAGE_REQUEST] = GV_METRIC_REQUESTS,
};

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
string_free_cb (void *data)
{
  g_string_free (data, TRUE);
}

/* A number for an SVG attribute: always a dot, and no more digits than a hundredth of
 * a point shows. */
static const char *
svg_number (char   *buf,
            gsize   size,
            double  v)
{
  g_ascii_formatd (buf, size, "%.2f", fabs (v) < 0.005 ? 0.0 : v);
  return buf;
}

/* The generic family after the one Pango chose, for a viewer without that font. */
static const char *
generic_family (PangoLayout *layout)
{
  const PangoFontDescription *desc = pango_layout_get_font_description (layout);
  g_autofree char *family = NULL;

  if (desc == NULL || pango_font_description_get_family (desc) == NULL)
    return "sans-serif";
  family = g_ascii_strdown (pango_font_description_get_family (desc), -1);
  if (strstr (family, "mono") != NULL)
    return "monospace";
  if (strstr (family, "serif") != NULL && strstr (family, "sans") == NULL)
    return "serif";
  return "sans-serif";
}

/* The layout's OpenType features ("tnum" for tick labels), as CSS writes them. */
static char *
font_features (PangoLayout *layout)
{
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  g_autoptr(GString) css = g_string_new (NULL);
  GSList *list;

  if (attrs == NULL)
    return NULL;
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      const PangoAttribute *attr = l->data;

      if (attr->klass->type != PANGO_ATTR_FONT_FEATURES)
        continue;
      for (const char *f = ((const PangoAttrFontFeatures *) attr)->features; *f != '\0'; f++)
        {
          if (*f == ' ' || *f == ',')
            continue;
          if (css->len > 0)
            g_string_append_c (css, ',');
          g_string_append_c (css, '\'');
          while (*f != '\0' && *f != ' ' && *f != ',')
            g_string_append_c (css, *f++);
          g_string_append_c (css, '\'');
          if (*f == '\0')
            break;
        }
    }
  g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);
  return css->len > 0 ? g_strdup (css->str) : NULL;
}

/* One run of glyphs of one font, as a <tspan> at @x on the baseline @y. */
static void
write_run (GString        *svg,
           const char     *text,
           PangoGlyphItem *run,
           double          x,
           double          y,
           const char     *generic,
           const char     *features)
{
  PangoItem *item = run->item;
  PangoFontDescription *desc = pango_font_describe_with_absolute_size (item->analysis.font);
  g_autofree char *family = g_markup_escape_text (pango_font_description_get_family (desc), -1);
  g_autofree char *words = NULL;
  PangoWeight weight = pango_font_description_get_weight (desc);
  PangoStyle style = pango_font_description_get_style (desc);
  char xb[G_ASCII_DTOSTR_BUF_SIZE], yb[G_ASCII_DTOSTR_BUF_SIZE], sb[G_ASCII_DTOSTR_BUF_SIZE];

  /* An ellipsis stands for the text it replaced. */
  if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
    words = g_strdup ("…");
  else
    words = g_markup_escape_text (text + item->offset, item->length);

  g_string_append_printf (svg, "<tspan x=\"%s\" y=\"%s\" font-family=\"%s, %s\" "
                          "font-size=\"%s\"",
                          svg_number (xb, sizeof xb, x), svg_number (yb, sizeof yb, y),
                          family, generic,
                          svg_number (sb, sizeof sb, pango_font_description_get_size (desc) /
                                                     (double) PANGO_SCALE));
  if (weight != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (svg, " font-weight=\"%d\"", (int) weight);
  if (style != PANGO_STYLE_NORMAL)
    g_string_append (svg, style == PANGO_STYLE_ITALIC ? " font-style=\"italic\""
                                                      : " font-style=\"oblique\"");
  if (features != NULL)
    g_string_append_printf (svg, " style=\"font-feature-settings:%s\"", features);
  g_string_append_printf (svg, ">%s</tspan>", words);
  pango_font_description_free (desc);
}

/* @layout at the current point of @cr as SVG: a <text> a line, a <tspan> a run, in the
 * user space of @cr (its matrix as the transform) and its source's colour. */
static void
write_layout (GString     *svg,
              cairo_t     *cr,
              PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  const char *generic = generic_family (layout);
  g_autofree char *features = font_features (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double x0 = 0, y0 = 0, r = 0, g = 0, b = 0, a = 1;
  g_autoptr(GString) head = g_string_new ("<text xml:space=\"preserve\"");
  cairo_matrix_t m;

  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x0, &y0);
  cairo_get_matrix (cr, &m);
  /* A plain shift goes into the position; anything more is the text's transform. */
  if (m.xx == 1 && m.yx == 0 && m.xy == 0 && m.yy == 1)
    {
      x0 += m.x0;
      y0 += m.y0;
    }
  else
    {
      char b1[G_ASCII_DTOSTR_BUF_SIZE], b2[G_ASCII_DTOSTR_BUF_SIZE];
      char b3[G_ASCII_DTOSTR_BUF_SIZE], b4[G_ASCII_DTOSTR_BUF_SIZE];
      char b5[G_ASCII_DTOSTR_BUF_SIZE], b6[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (b1, sizeof b1, "%.6f", m.xx);
      g_ascii_formatd (b2, sizeof b2, "%.6f", m.yx);
      g_ascii_formatd (b3, sizeof b3, "%.6f", m.xy);
      g_ascii_formatd (b4, sizeof b4, "%.6f", m.yy);
      g_string_append_printf (head, " transform=\"matrix(%s %s %s %s %s %s)\"", b1, b2, b3, b4,
                              svg_number (b5, sizeof b5, m.x0), svg_number (b6, sizeof b6, m.y0));
    }
  cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a);
  g_string_append_printf (head, " fill=\"rgb(%d,%d,%d)\"", (int) lround (r * 255),
                          (int) lround (g * 255), (int) lround (b * 255));
  if (a < 1)
    {
      char ab[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (head, " fill-opacity=\"%s\"", g_ascii_formatd (ab, sizeof ab,
                                                                              "%.3f", a));
    }
  g_string_append_c (head, '>');

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double x, y;

      if (line->runs == NULL)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      x = x0 + logical.x / (double) PANGO_SCALE;
      y = y0 + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      g_string_append (svg, head->str);
      for (GSList *l = line->runs; l != NULL; l = l->next)
        {
          PangoGlyphItem *run = l->data;

          write_run (svg, text, run, x, y, generic, features);
          x += pango_glyph_string_get_width (run->glyphs) / (double) PANGO_SCALE;
        }
      g_string_append (svg, "</text>\n");
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Puts the <text> elements of @sink before the end of the SVG in @bytes. */
static void
insert_text (GByteArray    *bytes,
             const GString *sink)
{
  static const char end[] = "</svg>";
  gsize at = bytes->len;

  if (sink == NULL || sink->len == 0)
    return;
  while (at >= sizeof end - 1 && memcmp (bytes->data + at - (sizeof end - 1), end,
                                         sizeof end - 1) != 0)
    at--;
  g_return_if_fail (at >= sizeof end - 1);
  at -= sizeof end - 1;

  g_byte_array_set_size (bytes, bytes->len + sink->len);
  memmove (bytes->data + at + sink->len, bytes->data + at, bytes->len - sink->len - at);
  memcpy (bytes->data + at, sink->str, sink->len);
}

static void
caption_key_clear (gpointer data)
{
  CaptionKey *key = data;

  gv_chart_text_clear (&key->label);
}

static void
caption_frame_clear (CaptionFrame *frame)
{
  gv_chart_text_clear (&frame->text);
  g_clear_pointer (&frame->keys, g_array_unref);
  g_clear_object (&frame->context);
}

static void
add_key (CaptionFrame     *frame,
         guint             cls,
         GvMessageOutcome  outcome,
         const char       *label)
{
  CaptionKey key = { 0, 0, cls, outcome, { NULL, } };

  gv_chart_text_init (&key.label, frame->context, FONT_TEXT, label);
  g_array_append_val (frame->keys, key);
}

/* Measures and places @caption's text and keys across @width: the text wrapped, then
 * the keys in rows, each row as full as the width allows. */
static void
caption_frame_build (const GvCaption *caption,
                     double           width,
                     CaptionFrame    *frame)
{
  const GvMetricSpec *metrics = gv_core_metrics (NULL);
  double inner = MAX (width - 2 * CAPTION_PADDING, 1.0);
  double x = CAPTION_PADDING, y = CAPTION_PADDING;

  frame->context = gv_chart_create_context ();
  frame->keys = g_array_new (FALSE, TRUE, sizeof (CaptionKey));
  g_array_set_clear_func (frame->keys, caption_key_clear);
  frame->text = (Text) { NULL, };

  if (!is_blank (caption->text))
    {
      gv_chart_text_init (&frame->text, frame->context, FONT_TEXT, caption->text);
      gv_chart_text_limit (&frame->text, inner, 8);
      frame->text.x = CAPTION_PADDING;
      frame->text.y = y;
      y += frame->text.height;
    }

  for (guint i = 0; caption->classes != NULL && i < caption->classes->n && i < 32; i++)
    if (caption->class_mask & (1u << i))
      add_key (frame, i, 0, _(caption->classes->classes[i].label));
  for (guint o = 0; o < G_N_ELEMENTS (outcome_metrics); o++)
    if (caption->outcomes & (1u << o))
      add_key (frame, G_MAXUINT, o, _(metrics[outcome_metrics[o]].label));

  if (frame->keys->len > 0)
    y += frame->text.layout != NULL ? CAPTION_KEY_GAP : 0;
  for (guint i = 0; i < frame->keys->len; i++)
    {
      CaptionKey *key = &g_array_index (frame->keys, CaptionKey, i);
      double drawing = key->cls == G_MAXUINT ? CAPTION_ARROW : CAPTION_SWATCH;
      double w = drawing + CAPTION_LABEL_GAP + key->label.width;

      if (i > 0 && x + w > width - CAPTION_PADDING)
        {
          x = CAPTION_PADDING;
          y += CAPTION_KEY_ROW + CAPTION_ROW_GAP;
        }
      key->x = x;
      key->y = y + CAPTION_KEY_ROW / 2;
      key->label.x = x + drawing + CAPTION_LABEL_GAP;
      key->label.y = key->y - key->label.height / 2;
      x += w + CAPTION_ITEM_GAP;
    }
  if (frame->keys->len > 0)
    y += CAPTION_KEY_ROW;

  frame->height = ceil (y + CAPTION_PADDING);
}

static void
show_text (cairo_t    *cr,
           const Text *text)
{
  if (text->layout == NULL)
    return;
  cairo_move_to (cr, text->x, text->y);
  gv_export_show_layout (cr, text->layout);
}

gboolean
gv_image_format_for_name (const char    *name,
                          GvImageFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = GV_IMAGE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = GV_IMAGE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = GV_IMAGE_PDF;
  else
    return FALSE;
  return TRUE;
}

GBytes *
gv_export_image (GvImageFormat      format,
                 double             width,
                 double             height,
                 double             scale,
                 GvExportDrawFunc   draw,
                 gpointer           user_data,
                 GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int pw = 1, ph = 1;

  g_return_val_if_fail (draw != NULL, NULL);

  if (!(width >= 1 && height >= 1 && scale > 0 && isfinite (width * height * scale)) ||
      width * height * scale * scale > MAX_PIXELS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("A picture of %g × %g at scale %g is too large or empty"), width, height,
                   scale);
      return NULL;
    }

  switch (format)
    {
    case GV_IMAGE_PNG:
      pw = (int) lround (width * scale);
      ph = (int) lround (height * scale);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (pw, 1), MAX (ph, 1));
      break;
    case GV_IMAGE_SVG:
      surface = cairo_svg_surface_create_for_stream (append_cb, bytes, width, height);
      break;
    case GV_IMAGE_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);
      /* PDF 1.4 from every cairo: 1.18 would otherwise write 1.7 with object streams,
       * so the same chart would come out in a different form on another runtime. */
      cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_4);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "Grapevine " PACKAGE_VERSION);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (format == GV_IMAGE_SVG)
    cairo_surface_set_user_data (surface, &text_sink_key, g_string_new (NULL), string_free_cb);

  cr = cairo_create (surface);
  if (format == GV_IMAGE_PNG)
    cairo_scale (cr, pw / width, ph / height);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == GV_IMAGE_PNG)
        status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
          if (status == CAIRO_STATUS_SUCCESS && format == GV_IMAGE_SVG)
            insert_text (bytes, cairo_surface_get_user_data (surface, &text_sink_key));
        }
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE, _("Cannot draw the picture: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

void
gv_export_show_layout (cairo_t     *cr,
                       PangoLayout *layout)
{
  GString *sink;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  /* Inside a group (cairo_push_group) the text is drawn: the group's own surface has no
   * sink, and its opacity or operator applies to the glyphs. */
  sink = cairo_surface_get_user_data (cairo_get_group_target (cr), &text_sink_key);
  if (sink == NULL)
    pango_cairo_show_layout (cr, layout);
  else
    write_layout (sink, cr, layout);
}

double
gv_caption_get_height (const GvCaption *caption,
                       double           width)
{
  CaptionFrame frame;
  double height;

  g_return_val_if_fail (caption != NULL, 0);

  caption_frame_build (caption, width, &frame);
  height = frame.height;
  caption_frame_clear (&frame);
  return height;
}

void
gv_caption_draw (cairo_t         *cr,
                 double           width,
                 double           height,
                 const GvCaption *caption,
                 const GvPalette *palette)
{
  CaptionFrame frame;
  GvColor fg = palette->foreground;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (caption != NULL);
  g_return_if_fail (palette != NULL);

  caption_frame_build (caption, width, &frame);

  cairo_save (cr);
  cairo_set_source_rgba (cr, palette->background.r, palette->background.g,
                         palette->background.b, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  /* A hairline apart from the picture above. */
  cairo_set_source_rgba (cr, palette->dim.r, palette->dim.g, palette->dim.b, palette->dim.a);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, CAPTION_PADDING, 0.5);
  cairo_line_to (cr, width - CAPTION_PADDING, 0.5);
  cairo_stroke (cr);

  cairo_set_source_rgba (cr, fg.r, fg.g, fg.b, fg.a);
  show_text (cr, &frame.text);

  for (guint i = 0; i < frame.keys->len; i++)
    {
      const CaptionKey *key = &g_array_index (frame.keys, CaptionKey, i);

      if (key->cls == G_MAXUINT)
        gv_network_draw_message_key (cr, key->x + 2, key->y, key->x + CAPTION_ARROW - 2, key->y,
                                     key->outcome, key->outcome != GV_MESSAGE_REQUEST, palette);
      else
        gv_network_draw_node_key (cr, key->x + CAPTION_SWATCH / 2, key->y, CAPTION_NODE,
                                  &caption->classes->classes[key->cls], palette);
      cairo_set_source_rgba (cr, fg.r, fg.g, fg.b, fg.a);
      show_text (cr, &key->label);
    }
  cairo_restore (cr);

  caption_frame_clear (&frame);
}

void
gv_export_draw_captioned (cairo_t          *cr,
                          double            width,
                          double            height,
                          const GvCaption  *caption,
                          const GvPalette  *palette,
                          GvExportDrawFunc  draw,
                          gpointer          user_data)
{
  double band;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (caption != NULL);
  g_return_if_fail (draw != NULL);

  band = MIN (gv_caption_get_height (caption, width), floor (height / 2));

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height - band);
  cairo_clip (cr);
  draw (cr, width, height - band, user_data);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, 0, height - band);
  cairo_rectangle (cr, 0, 0, width, band);
  cairo_clip (cr);
  gv_caption_draw (cr, width, band, caption, palette);
  cairo_restore (cr);
}
