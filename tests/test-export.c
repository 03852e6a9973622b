/* test-export.c: pictures to files: captions, the cursor, SVG text, file names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pictures are made through gv_export_image () as the window and the CLI make them,
 * then read back: PNGs pixel by pixel, SVGs as XML.  The picture above a caption is a
 * plain red fill, so that every pixel says whether the caption or the picture drew it.
 */

#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-chart.h"
#include "gv-export.h"
#include "gv-params.h"

#define WIDTH  400
#define HEIGHT 300

static const char caption_words[] = "64 nodes · complete graph · rumour mongering, push-pull\n"
                                    "Seed 42";

/* ---- helpers ------------------------------------------------------------------------- */

typedef struct
{
  double width, height;   /* what the picture was given */
  guint  calls;
} Probe;

static void
fill_red_cb (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  Probe *probe = user_data;

  probe->width = width;
  probe->height = height;
  probe->calls++;
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
}

typedef struct
{
  const GvCaption *caption;
  const GvPalette *palette;
  Probe            probe;
} Captioned;

static void
captioned_cb (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  Captioned *c = user_data;

  gv_export_draw_captioned (cr, width, height, c->caption, c->palette, fill_red_cb, &c->probe);
}

typedef struct
{
  const guint8 *data;
  gsize         length;
} Reader;

static cairo_status_t
read_cb (void          *closure,
         unsigned char *data,
         unsigned int   length)
{
  Reader *r = closure;

  if (length > r->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data, length);
  r->data += length;
  r->length -= length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *bytes)
{
  Reader r;
  cairo_surface_t *surface;

  r.data = g_bytes_get_data (bytes, &r.length);
  surface = cairo_image_surface_create_from_png_stream (read_cb, &r);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) +
                      y * cairo_image_surface_get_stride (surface);

  return ((const guint32 *) row)[x] & 0xffffff;
}

static gboolean
near (guint32 px,
      GvColor c,
      int     tolerance)
{
  int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

  return abs (r - (int) lround (c.r * 255)) <= tolerance &&
         abs (g - (int) lround (c.g * 255)) <= tolerance &&
         abs (b - (int) lround (c.b * 255)) <= tolerance;
}

/* Whether @px is @c laid over @bg at an opacity of 0.4 or more: a key drawn faded. */
static gboolean
tinted (guint32 px,
        GvColor c,
        GvColor bg)
{
  double p[3] = { ((px >> 16) & 0xff) / 255.0, ((px >> 8) & 0xff) / 255.0, (px & 0xff) / 255.0 };
  double d[3] = { c.r - bg.r, c.g - bg.g, c.b - bg.b };
  double o[3] = { bg.r, bg.g, bg.b };
  double dot = 0, norm = 0, t;

  for (guint i = 0; i < 3; i++)
    {
      dot += (p[i] - o[i]) * d[i];
      norm += d[i] * d[i];
    }
  t = dot / norm;
  if (t < 0.4 || t > 1.05)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (fabs (o[i] + t * d[i] - p[i]) > 12 / 255.0)
      return FALSE;
  return TRUE;
}

static guint
count_tinted (cairo_surface_t *surface,
              int              y0,
              int              y1,
              GvColor          c,
              GvColor          bg)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += tinted (pixel (surface, x, y), c, bg);
  return n;
}

/* How many pixels of rows [y0, y1) are within @tolerance of @c. */
static guint
count_near (cairo_surface_t *surface,
            int              y0,
            int              y1,
            GvColor          c,
            int              tolerance)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += near (pixel (surface, x, y), c, tolerance);
  return n;
}

static GvColor
red (void)
{
  return (GvColor) { 1, 0, 0, 1 };
}

static void
rumor_caption (GvClassTable *table,
               GvCaption    *caption)
{
  g_autoptr(GvParams) p = gv_params_new_for (gv_protocol_find ("rumor"));

  gv_class_table_init (table, p);
  *caption = (GvCaption) {
    .text = caption_words,
    .classes = table,
    .class_mask = (1u << 0) | (1u << 1) | (1u << table->crashed),
    .outcomes = (1u << GV_MESSAGE_USEFUL) | (1u << GV_MESSAGE_LOST),
  };
}

/* ---- captions ------------------------------------------------------------------------ */

/* The caption takes a band at the bottom: the picture gets the rest, and the band holds
 * text and each key's colour.  Without it the picture has the whole height. */
static void
test_caption_band (void)
{
  GvClassTable table;
  GvPalette palette;
  GvCaption caption;
  Captioned c = { &caption, &palette, { 0, } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) with = NULL;
  g_autoptr(GBytes) without = NULL;
  cairo_surface_t *surface;
  Probe bare = { 0, };
  double band;
  int top;

  gv_palette_init_light (&palette);
  rumor_caption (&table, &caption);
  band = gv_caption_get_height (&caption, WIDTH);
  g_test_message ("caption band: %g", band);
  /* Two lines of text and a row of keys, but not half the picture. */
  g_assert_cmpfloat (band, >, 2 * 12 + 16);
  g_assert_cmpfloat (band, <, HEIGHT / 2.0);

  with = gv_export_image (GV_IMAGE_PNG, WIDTH, HEIGHT, 1, captioned_cb, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c.probe.calls, ==, 1);
  g_assert_cmpfloat (c.probe.width, ==, WIDTH);
  g_assert_cmpfloat (c.probe.height, ==, HEIGHT - band);

  surface = decode_png (with);
  top = (int) (HEIGHT - band);
  /* The picture fills its part, and not a pixel of the band. */
  g_assert_cmpuint (count_near (surface, 0, top, red (), 0), ==, WIDTH * top);
  g_assert_cmpuint (count_near (surface, top, HEIGHT, red (), 40), ==, 0);
  /* The band: mostly background, with text in the foreground colour and the keys. */
  g_assert_cmpuint (count_near (surface, top, HEIGHT, palette.background, 0), >,
                    WIDTH * band / 2);
  g_assert_cmpuint (count_near (surface, top, HEIGHT, palette.foreground, 60), >, 100);
  g_assert_cmpuint (count_near (surface, top, HEIGHT,
                                palette.slots[table.classes[1].slot], 30), >, 5);
  g_assert_cmpuint (count_tinted (surface, top, HEIGHT, palette.useful, palette.background), >,
                    5);
  g_assert_cmpuint (count_tinted (surface, top, HEIGHT, palette.lost, palette.background), >, 5);
  /* A kind of message not asked for has no key. */
  g_assert_cmpuint (count_tinted (surface, top, HEIGHT, palette.redundant, palette.background),
                    ==, 0);
  cairo_surface_destroy (surface);

  /* Caption off: the same picture, the whole height, no band. */
  without = gv_export_image (GV_IMAGE_PNG, WIDTH, HEIGHT, 1, fill_red_cb, &bare, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (bare.height, ==, HEIGHT);
  surface = decode_png (without);
  g_assert_cmpuint (count_near (surface, 0, HEIGHT, red (), 0), ==, WIDTH * HEIGHT);
  cairo_surface_destroy (surface);
}

/* A narrow picture wraps the caption's text and keys onto more lines; text alone, with
 * no keys, takes less. */
static void
test_caption_wraps (void)
{
  GvClassTable table;
  GvCaption caption;
  GvCaption text_only = { caption_words, NULL, 0, 0 };

  rumor_caption (&table, &caption);
  g_assert_cmpfloat (gv_caption_get_height (&caption, 160), >,
                     gv_caption_get_height (&caption, 800));
  g_assert_cmpfloat (gv_caption_get_height (&text_only, 800), <,
                     gv_caption_get_height (&caption, 800));
}

/* ---- the cursor ---------------------------------------------------------------------- */

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  GvPalette palette;

  gv_palette_init_light (&palette);
  gv_chart_draw (user_data, cr, width, height, &palette);
}

/* The current-round marker is the accent's only use in a chart: hidden, none is left. */
static void
test_cursor (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GError) error = NULL;
  GvPalette palette;
  guint n_with = 0, n_without = G_MAXUINT;
  guint series;

  gv_palette_init_light (&palette);
  gv_chart_set_title (chart, "Coverage");
  series = gv_chart_add_series (chart, "Simulation", GV_CHART_LINE, 0);
  for (guint i = 0; i <= 10; i++)
    gv_chart_append (chart, series, i, i * i);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GBytes) png = NULL;
      cairo_surface_t *surface;
      guint n;

      gv_chart_set_marker (chart, pass == 0 ? 5.0 : NAN);
      png = gv_export_image (GV_IMAGE_PNG, WIDTH, HEIGHT, 1, draw_chart_cb, chart, &error);
      g_assert_no_error (error);
      surface = decode_png (png);
      n = count_near (surface, 0, HEIGHT, palette.accent, 24);
      cairo_surface_destroy (surface);
      if (pass == 0)
        n_with = n;
      else
        n_without = n;
    }

  g_test_message ("accent pixels: %u with the cursor, %u without", n_with, n_without);
  /* A line 2 px wide down the plot, and its cap. */
  g_assert_cmpuint (n_with, >, 300);
  g_assert_cmpuint (n_without, ==, 0);
}

/* ---- SVG text ------------------------------------------------------------------------ */

typedef struct
{
  char   *text;       /* the words of the <text>, its <tspan>s run together */
  char   *fill;
  char   *transform;
  double  x, y;       /* of its first <tspan> */
  double  size;
  char   *family;
} SvgText;

static void
svg_text_free (gpointer data)
{
  SvgText *t = data;

  g_free (t->text);
  g_free (t->fill);
  g_free (t->transform);
  g_free (t->family);
  g_free (t);
}

typedef struct
{
  GPtrArray *texts;    /* SvgText */
  SvgText   *open;     /* the <text> being read */
  gboolean   in_span;
  guint      n_spans;
} SvgReader;

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void
start_cb (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  SvgReader *r = user_data;

  if (g_str_equal (element, "text"))
    {
      r->open = g_new0 (SvgText, 1);
      r->open->text = g_strdup ("");
      r->open->fill = g_strdup (attribute (names, values, "fill"));
      r->open->transform = g_strdup (attribute (names, values, "transform"));
      r->n_spans = 0;
    }
  else if (g_str_equal (element, "tspan") && r->open != NULL)
    {
      if (r->n_spans++ == 0)
        {
          r->open->x = g_ascii_strtod (attribute (names, values, "x"), NULL);
          r->open->y = g_ascii_strtod (attribute (names, values, "y"), NULL);
          r->open->size = g_ascii_strtod (attribute (names, values, "font-size"), NULL);
          r->open->family = g_strdup (attribute (names, values, "font-family"));
        }
      r->in_span = TRUE;
    }
}

static void
end_cb (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  SvgReader *r = user_data;

  if (g_str_equal (element, "tspan"))
    r->in_span = FALSE;
  else if (g_str_equal (element, "text") && r->open != NULL)
    g_ptr_array_add (r->texts, g_steal_pointer (&r->open));
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  SvgReader *r = user_data;
  g_autofree char *before = NULL;

  if (!r->in_span || r->open == NULL)
    return;
  before = g_steal_pointer (&r->open->text);
  r->open->text = g_strdup_printf ("%s%.*s", before, (int) length, text);
}

/* The <text> elements of @svg, which must be well-formed XML. */
static GPtrArray *
read_svg_texts (GBytes *svg)
{
  static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  SvgReader r = { g_ptr_array_new_with_free_func (svg_text_free), NULL, FALSE, 0 };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (svg, &length);

  context = g_markup_parse_context_new (&parser, 0, &r, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_null (r.open);
  return r.texts;
}

/* The <text> of @words, which must be there. */
static const SvgText *
find_text (GPtrArray  *texts,
           const char *words)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const SvgText *t = g_ptr_array_index (texts, i);

      if (g_str_equal (t->text, words))
        return t;
    }
  g_error ("no <text> says “%s”", words);
}

/* The caption in an SVG: each line and each key's words a <text>, in the caption's font,
 * size and colour, where the PNG of the same picture draws them; and no glyph outlines. */
static void
test_svg_caption_text (void)
{
  GvClassTable table;
  GvPalette palette;
  GvCaption caption;
  Captioned c = { &caption, &palette, { 0, } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *fill = NULL;
  const char *expected[] = {
    "64 nodes · complete graph · rumour mongering, push-pull", "Seed 42",
    "Not yet informed", "Spreading", "Crashed", "Useful", "Lost",
  };
  cairo_surface_t *surface;
  const SvgText *seed;

  gv_palette_init_light (&palette);
  rumor_caption (&table, &caption);
  svg = gv_export_image (GV_IMAGE_SVG, WIDTH, HEIGHT, 1, captioned_cb, &c, &error);
  g_assert_no_error (error);
  /* Cairo names the outlines it draws text with "glyph…": there are none. */
  g_assert_null (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "glyph"));

  texts = read_svg_texts (svg);
  g_assert_cmpuint (texts->len, ==, G_N_ELEMENTS (expected));
  fill = g_strdup_printf ("rgb(%d,%d,%d)", (int) lround (palette.foreground.r * 255),
                          (int) lround (palette.foreground.g * 255),
                          (int) lround (palette.foreground.b * 255));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SvgText *t = find_text (texts, expected[i]);

      /* "Sans 9" at 96 dpi, the charts' own text, in the foreground colour. */
      g_assert_cmpfloat_with_epsilon (t->size, 12.0, 0.01);
      g_assert_true (g_str_has_suffix (t->family, ", sans-serif"));
      g_assert_cmpstr (t->fill, ==, fill);
      g_assert_null (t->transform);
      g_assert_cmpfloat (t->y, >, HEIGHT - gv_caption_get_height (&caption, WIDTH));
      g_assert_cmpfloat (t->y, <, HEIGHT);
    }

  /* The PNG draws the seed's glyphs right there: dark pixels above its baseline, from
   * where its <text> starts, and none before it. */
  png = gv_export_image (GV_IMAGE_PNG, WIDTH, HEIGHT, 1, captioned_cb, &c, &error);
  g_assert_no_error (error);
  surface = decode_png (png);
  seed = find_text (texts, "Seed 42");
  {
    guint inside = 0, before = 0;

    for (int y = (int) seed->y - 9; y < (int) seed->y; y++)
      {
        for (int x = (int) seed->x; x < (int) seed->x + 40; x++)
          inside += near (pixel (surface, x, y), palette.foreground, 90);
        for (int x = 0; x < (int) seed->x - 1; x++)
          before += near (pixel (surface, x, y), palette.foreground, 90);
      }
    g_assert_cmpuint (inside, >, 20);
    g_assert_cmpuint (before, ==, 0);
  }
  cairo_surface_destroy (surface);
}

typedef struct
{
  const char *words;
  const char *font;
} LayoutDraw;

static void
draw_rotated_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  const LayoutDraw *d = user_data;
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (d->font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, d->words, -1);

  cairo_set_source_rgba (cr, 0, 0, 1, 0.5);
  cairo_translate (cr, 20, 200);
  cairo_rotate (cr, -G_PI / 2);
  cairo_move_to (cr, 0, 0);
  gv_export_show_layout (cr, layout);
}

/* A rotated axis label keeps its transform, weight, opacity and font features; the
 * characters XML reserves are escaped. */
static void
test_svg_rotated_text (void)
{
  LayoutDraw d = { "Rounds <1 & 2>", "Sans Bold 10" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = gv_export_image (GV_IMAGE_SVG, WIDTH, HEIGHT, 1, draw_rotated_cb, &d,
                                           &error);
  g_autoptr(GPtrArray) texts = NULL;
  const char *data;
  const SvgText *t;

  g_assert_no_error (error);
  data = g_bytes_get_data (svg, NULL);
  texts = read_svg_texts (svg);
  g_assert_cmpuint (texts->len, ==, 1);
  t = find_text (texts, "Rounds <1 & 2>");
  g_assert_cmpstr (t->fill, ==, "rgb(0,0,255)");
  g_assert_cmpstr (t->transform, ==, "matrix(0.000000 -1.000000 1.000000 0.000000 20.00 200.00)");
  g_assert_nonnull (g_strstr_len (data, -1, "font-weight=\"700\""));
  g_assert_nonnull (g_strstr_len (data, -1, "fill-opacity=\"0.500\""));
  g_assert_nonnull (g_strstr_len (data, -1, "font-feature-settings:'tnum'"));
}

/* A chart's words in SVG: its title, axis labels, ticks and legend are each a <text>
 * (the y label turned a quarter), and no glyph is an outline. */
static void
test_svg_chart_text (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  const char *words[] = { "Coverage", "Round", "Simulation", "Theory", "0", "10" };
  const SvgText *y_label;
  guint series;

  gv_chart_set_title (chart, "Coverage");
  gv_chart_set_x_label (chart, "Round");
  gv_chart_set_y_label (chart, "Informed nodes");
  series = gv_chart_add_series (chart, "Simulation", GV_CHART_LINE, 0);
  for (guint i = 0; i <= 10; i++)
    gv_chart_append (chart, series, i, i * i);
  series = gv_chart_add_series (chart, "Theory", GV_CHART_DASHED, 1);
  for (guint i = 0; i <= 10; i++)
    gv_chart_append (chart, series, i, i * i * 0.9);

  svg = gv_export_image (GV_IMAGE_SVG, WIDTH, HEIGHT, 1, draw_chart_cb, chart, &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "glyph"));
  texts = read_svg_texts (svg);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const SvgText *t = find_text (texts, words[i]);

      g_assert_null (t->transform);
      g_assert_cmpfloat (t->x, >=, 0);
      g_assert_cmpfloat (t->x, <, WIDTH);
      g_assert_cmpfloat (t->y, >, 0);
      g_assert_cmpfloat (t->y, <, HEIGHT);
    }
  y_label = find_text (texts, "Informed nodes");
  g_assert_nonnull (y_label->transform);
  g_assert_true (g_str_has_prefix (y_label->transform,
                                   "matrix(0.000000 -1.000000 1.000000 0.000000"));
}

/* On any other surface the text is drawn exactly as Pango draws it. */
static void
test_show_layout_draws (void)
{
  cairo_surface_t *surfaces[2];

  for (guint i = 0; i < 2; i++)
    {
      cairo_t *cr;
      PangoLayout *layout;

      surfaces[i] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 60);
      cr = cairo_create (surfaces[i]);
      layout = pango_cairo_create_layout (cr);
      pango_layout_set_text (layout, "Informed nodes 42%", -1);
      cairo_move_to (cr, 10, 10);
      if (i == 0)
        pango_cairo_show_layout (cr, layout);
      else
        gv_export_show_layout (cr, layout);
      g_object_unref (layout);
      cairo_destroy (cr);
      cairo_surface_flush (surfaces[i]);
    }
  g_assert_cmpmem (cairo_image_surface_get_data (surfaces[0]), 200 * 60 * 4,
                   cairo_image_surface_get_data (surfaces[1]), 200 * 60 * 4);
  for (guint i = 0; i < 2; i++)
    cairo_surface_destroy (surfaces[i]);
}

/* ---- file names ---------------------------------------------------------------------- */

static gboolean
is_safe (const char *stem)
{
  for (const char *c = stem; *c != '\0'; c++)
    if (!(g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '-' || *c == '.'))
      return FALSE;
  return *stem != '\0' && *stem != '-' && *stem != '.';
}

static void
test_file_stem (void)
{
  g_autoptr(GvParams) p = gv_params_new_for (gv_protocol_find ("rumor"));
  g_autoptr(GvParams) window = gv_params_new_for (gv_protocol_find ("rumor"));
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *lossy = NULL;
  g_autofree char *many = NULL;
  g_autofree char *against = NULL;

  /* The protocol and its exchange always; nothing else is set. */
  plain = gv_params_file_stem (p, NULL);
  g_assert_cmpstr (plain, ==, "rumor-push-pull");

  p->fanout = 2;
  p->loss = 0.1;
  lossy = gv_params_file_stem (p, NULL);
  g_assert_cmpstr (lossy, ==, "rumor-push-pull-fanout-2-loss-10");

  g_assert_true (gv_params_set (p, "exchange", "push", &error));
  g_assert_true (gv_params_set (p, "stop", "feedback-counter:3", &error));
  g_assert_no_error (error);
  p->n_nodes = 1000;
  g_assert_true (gv_params_parse_topology (p, "ws:4:0.05", &error));
  g_assert_no_error (error);
  p->crash = 0.125;
  p->recover_loses_state = TRUE;
  p->seed = 7;
  many = gv_params_file_stem (p, NULL);
  g_assert_cmpstr (many, ==, "rumor-push-stop-feedback-counter-3-nodes-1000-ws-4-0.05-fanout-2-"
                             "loss-10-crash-12.5-state-lost-seed-7");
  g_assert_true (is_safe (many));

  /* Against the window's defaults (64 nodes), 64 nodes go unsaid. */
  window->n_nodes = 64;
  p->n_nodes = 64;
  against = gv_params_file_stem (p, window);
  g_assert_null (strstr (against, "nodes"));
  g_assert_true (g_str_has_prefix (against, "rumor-push-stop-feedback-counter-3-ws-4-0.05"));

  /* Every protocol, with its defaults: its id first, safe characters only. */
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) q = gv_params_new_for (protocol);
      g_autofree char *stem = NULL;
      g_autofree char *id = g_ascii_strdown (protocol->id, -1);

      q->seed = G_MAXUINT64;
      q->max_rounds = 50;
      stem = gv_params_file_stem (q, NULL);
      g_test_message ("%s: %s", protocol->id, stem);
      g_assert_true (is_safe (stem));
      g_assert_true (g_str_has_prefix (stem, id));
      g_assert_true (g_str_has_suffix (stem, "-max-rounds-50-seed-18446744073709551615"));
      g_assert_cmpuint (strlen (stem), <=, 120);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/caption/band", test_caption_band);
  g_test_add_func ("/export/caption/wraps", test_caption_wraps);
  g_test_add_func ("/export/cursor", test_cursor);
  g_test_add_func ("/export/svg/caption-text", test_svg_caption_text);
  g_test_add_func ("/export/svg/rotated-text", test_svg_rotated_text);
  g_test_add_func ("/export/svg/chart-text", test_svg_chart_text);
  g_test_add_func ("/export/svg/draws-elsewhere", test_show_layout_draws);
  g_test_add_func ("/export/file-stem", test_file_stem);

  return g_test_run ();
}
