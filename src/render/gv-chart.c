/* gv-chart.c: charts drawn into any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draw builds a frame: the data extents, the plot rectangle, the ticks and every piece
 * of text already measured and placed.  The layers then only map data to pixels.  Text is
 * measured in a Pango context of our own, with hinting off and unrounded glyph positions
 * at 96 dpi, so that the frame (and so the picture) is the same on an image, SVG or PDF
 * surface, and so that a hit test can compute it without any cairo_t at all.
 */

#define G_LOG_DOMAIN "gv-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "gv-chart.h"

/* Sizes in pixels at 96 dpi. */
#define PADDING          16.0   /* around the whole chart */
#define TITLE_GAP         8.0   /* under the title */
#define LEGEND_GAP_X     18.0   /* between legend items */
#define LEGEND_GAP_Y      4.0   /* between legend rows */
#define NOTE_GAP          4.0   /* above the note */
#define HEADER_GAP       12.0   /* between the header and the top tick label */
#define SWATCH_LINE      18.0   /* width of a line sample */
#define SWATCH_BOX       10.0   /* side of a bar sample */
#define SWATCH_GAP        6.0   /* between a sample and its label */
#define TICK_GAP          6.0   /* between an axis and its tick labels */
#define AXIS_LABEL_GAP    6.0   /* between tick labels and the axis label */
#define Y_TICK_SPACING   32.0   /* least distance between y ticks */
#define X_TICK_SPACING   56.0   /* least distance between x ticks */
#define X_LABEL_SPACING  16.0   /* least room between two x tick labels */
#define LINE_WIDTH        2.0
#define DASHED_WIDTH      1.5
#define MARKER_RADIUS     2.5
#define MARKER_SPACING    6.0   /* markers only when points are at least this far apart */
#define BAR_FRACTION      0.7   /* of one x step */
#define MARKER_WIDTH      2.0   /* the current-round marker */
#define MARKER_CAP        4.0   /* half the width of the triangle on it */
#define READOUT_PADDING   8.0
#define READOUT_OFFSET   12.0   /* from the hover line */
#define READOUT_MARGIN    4.0   /* least distance to the chart's edges */
#define READOUT_RADIUS    6.0

#define FONT_TEXT   "Sans 9"
#define FONT_TITLE  "Sans Bold 10"
#define FONT_BOLD   "Sans Bold 9"
#define FONT_NOTE   "Sans Italic 9"
#define FONT_EMPTY  "Sans 10"

#define MAX_TICKS 32

typedef struct
{
  double x, y;
} Point;

typedef struct
{
  char         *label;
  GArray       *points;        /* Point */
  GvChartStyle  style;
  guint         color_index;
  gboolean      sorted;        /* by x */
} Series;

/* One component of a stacked bar, in data units. */
typedef struct
{
  double x;
  double lo, hi;
  guint  series;
} BarPiece;

/* Everything a hit test needs; cheap to keep between calls. */
typedef struct
{
  gboolean valid;
  guint    generation;
  double   width, height;
  double   left, top, right, bottom;  /* the plot area, in chart pixels */
  double   x_min, x_max;              /* what the plot area shows */
  double   y_min, y_max;
  double   bar_width;                 /* in x units */
  gboolean empty;
  guint    n_x_ticks, n_y_ticks;
  double   x_ticks[MAX_TICKS];
  double   y_ticks[MAX_TICKS];
} Geometry;

typedef struct
{
  PangoLayout *layout;
  double       x, y;                  /* top left of the logical rectangle */
  double       width, height;
} Text;

/* A legend entry, or a row of the read-out. */
typedef struct
{
  Text   text;
  guint  series;
  double swatch_x, swatch_y;          /* left and vertical middle of the sample */
} LegendItem;

typedef struct
{
  Geometry      geometry;
  PangoContext *context;
  GArray       *bars;                 /* BarPiece, sorted by x then stacking order */
  Text          title;
  Text          note;
  Text          x_label;
  Text          y_label;              /* drawn rotated; x, y are its unrotated box */
  Text          x_tick_labels[MAX_TICKS];
  Text          y_tick_labels[MAX_TICKS];
  GArray       *legend;               /* LegendItem */
} Frame;

struct _GvChart
{
  GObject    parent_instance;

  GPtrArray *series;                  /* Series */
  char      *title;
  char      *x_label;
  char      *y_label;
  char      *y_unit;
  char      *note;
  double     y_min;
  double     y_max;
  double     marker;

  /* Bumped by every change, so a cached geometry knows when it is stale. */
  guint      generation;
  Geometry   cache;
};

G_DEFINE_FINAL_TYPE (GvChart, gv_chart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_X_LABEL,
  PROP_Y_LABEL,
  PROP_Y_UNIT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
series_free (gpointer data)
{
  Series *series = data;

  g_clear_pointer (&series->label, g_free);
  g_clear_pointer (&series->points, g_array_unref);
  g_free (series);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *pa = a;
  const Point *pb = b;

  return (pa->x > pb->x) - (pa->x < pb->x);
}

static void
series_ensure_sorted (Series *series)
{
  if (series->sorted)
    return;

  /* g_array_sort is stable, so the last of several points at one x still wins. */
  g_array_sort (series->points, compare_points);
  series->sorted = TRUE;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static void
set_color (cairo_t *cr,
           GvColor  color)
{
  cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a);
}

static void
set_color_alpha (cairo_t *cr,
                 GvColor  color,
                 double   alpha)
{
  cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a * alpha);
}

static GvColor
series_color (const GvPalette *palette,
              const Series    *series)
{
  return palette->series[series->color_index % GV_PALETTE_N_SERIES];
}

/* A one-pixel line is crisp when it runs through the middle of a pixel. */
static double
crisp (double v)
{
  return floor (v) + 0.5;
}

/* Heckbert's nice number: 1, 2 or 5 times a power of ten, near @x when @nearest, else at
 * least @x.  Kept as mantissa and exponent so that ticks can be computed exactly. */
static void
nice_number (double    x,
             gboolean  nearest,
             int      *mantissa,
             int      *exponent)
{
  int e = (int) floor (log10 (x));
  double f = x / pow (10.0, e);
  int m;

  if (nearest)
    m = f < 1.5 ? 1 : f < 3.0 ? 2 : f < 7.0 ? 5 : 10;
  else
    m = f <= 1.0 + 1e-9 ? 1 : f <= 2.0 + 1e-9 ? 2 : f <= 5.0 + 1e-9 ? 5 : 10;

  if (m == 10)
    {
      m = 1;
      e++;
    }

  *mantissa = m;
  *exponent = e;
}

/* k × m × 10^e, dividing by an exact power of ten rather than multiplying by an inexact
 * one, so that 3 × 0.1 comes out as 0.3. */
static double
scaled (double k,
        int    m,
        int    e)
{
  if (e >= 0)
    return k * m * pow (10.0, e);
  else
    return k * m / pow (10.0, -e);
}

/* How a set of tick values is written: the suffix for thousands or millions and the
 * number of decimals that tells the ticks apart. */
typedef struct
{
  double      divisor;
  const char *suffix;
  int         decimals;
} NumberFormat;

static NumberFormat
number_format_for_ticks (const double *ticks,
                         guint         n_ticks)
{
  NumberFormat format = { 1.0, "", 0 };
  double largest = 0.0;
  double step;
  int m, e;

  for (guint i = 0; i < n_ticks; i++)
    largest = MAX (largest, fabs (ticks[i]));

  /* "12k" reads faster than "12000", but "2000" is still fine as it is. */
  if (largest >= 1e9)
    format.divisor = 1e9, format.suffix = "G";
  else if (largest >= 1e6)
    format.divisor = 1e6, format.suffix = "M";
  else if (largest >= 1e4)
    format.divisor = 1e3, format.suffix = "k";

  if (n_ticks < 2)
    return format;

  step = fabs (ticks[1] - ticks[0]) / format.divisor;
  if (!(step > 0.0) || !isfinite (step))
    return format;

  nice_number (step, TRUE, &m, &e);
  format.decimals = CLAMP (-e, 0, 9);
  return format;
}

static char *
append_unit (char       *number,
             const char *unit)
{
  g_autofree char *owned = number;

  if (is_blank (unit))
    return g_steal_pointer (&owned);

  /* "50%", but "50 msg". */
  if (g_unichar_isalpha (g_utf8_get_char (unit)))
    return g_strconcat (owned, " ", unit, NULL);
  else
    return g_strconcat (owned, unit, NULL);
}

static char *
format_number (double              value,
               const NumberFormat *format,
               const char         *unit)
{
  g_autofree char *digits = NULL;
  double v = value / format->divisor;

  if (!isfinite (value))
    return g_strdup ("–");

  digits = g_strdup_printf ("%.*f", format->decimals, fabs (v));

  /* No "−0" from rounding, and no "0.0k" for a plain zero. */
  if (strspn (digits, "0.,") == strlen (digits))
    return append_unit (g_strdup (format->divisor > 1.0 ? "0" : digits), unit);

  /* A real minus sign, as wide as the plus and the digits. */
  return append_unit (g_strconcat (v < 0 ? "−" : "", digits, format->suffix, NULL), unit);
}

/* A value in the read-out: as precise as a person can use. */
static char *
format_readout (double      value,
                const char *unit)
{
  NumberFormat format = { 1.0, "", 0 };
  double a = fabs (value);

  if (a >= 1e9)
    format.divisor = 1e9, format.suffix = "G";
  else if (a >= 1e6)
    format.divisor = 1e6, format.suffix = "M";
  else if (a >= 1e4)
    format.divisor = 1e3, format.suffix = "k";

  a /= format.divisor;
  if (format.divisor > 1.0)
    format.decimals = a >= 100.0 ? 0 : a >= 10.0 ? 1 : 2;
  else if (fabs (a - round (a)) < 1e-9 || a >= 100.0)
    format.decimals = 0;
  else if (a >= 10.0)
    format.decimals = 1;
  else if (a >= 1.0)
    format.decimals = 2;
  else
    format.decimals = 3;

  return format_number (value, &format, unit);
}

static PangoContext *
create_context (void)
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

static void
text_init (Text         *text,
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
static void
text_limit (Text   *text,
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
static void
text_set_tabular (Text *text)
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

static void
text_clear (Text *text)
{
  g_clear_object (&text->layout);
}

static void
legend_item_clear (gpointer data)
{
  LegendItem *item = data;

  text_clear (&item->text);
}

static void
text_draw (const Text *text,
           cairo_t    *cr)
{
  if (text->layout == NULL)
    return;

  cairo_move_to (cr, text->x, text->y);
  pango_cairo_show_layout (cr, text->layout);
}

static inline double
x_to_px (const Geometry *g,
         double          x)
{
  return g->left + (x - g->x_min) / (g->x_max - g->x_min) * (g->right - g->left);
}

static inline double
y_to_px (const Geometry *g,
         double          y)
{
  return g->bottom - (y - g->y_min) / (g->y_max - g->y_min) * (g->bottom - g->top);
}

static int
compare_bar_pieces (gconstpointer a,
                    gconstpointer b)
{
  const BarPiece *pa = a;
  const BarPiece *pb = b;

  if (pa->x != pb->x)
    return (pa->x > pb->x) - (pa->x < pb->x);

  return (pa->series > pb->series) - (pa->series < pb->series);
}

/* Stacks the bar series in the order they were added: positive values upwards from 0,
 * negative ones downwards, each x on its own. */
static GArray *
collect_bars (GvChart *self)
{
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (BarPiece));
  double up = 0.0;
  double down = 0.0;
  double x = NAN;

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);

      if (series->style != GV_CHART_BARS)
        continue;

      for (guint i = 0; i < series->points->len; i++)
        {
          const Point *p = &g_array_index (series->points, Point, i);
          BarPiece piece = { p->x, 0.0, p->y, s };

          if (isfinite (p->x) && isfinite (p->y))
            g_array_append_val (bars, piece);
        }
    }

  g_array_sort (bars, compare_bar_pieces);

  for (guint i = 0; i < bars->len; i++)
    {
      BarPiece *piece = &g_array_index (bars, BarPiece, i);
      double value = piece->hi;

      if (piece->x != x)
        {
          x = piece->x;
          up = down = 0.0;
        }

      if (value >= 0.0)
        {
          piece->lo = up;
          piece->hi = up += value;
        }
      else
        {
          piece->hi = down;
          piece->lo = down += value;
        }
    }

  return bars;
}

static gboolean
series_has_data (const Series *series)
{
  for (guint i = 0; i < series->points->len; i++)
    {
      const Point *p = &g_array_index (series->points, Point, i);

      if (isfinite (p->x) && isfinite (p->y))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  gboolean empty;
  double   x_min, x_max;
  double   y_min, y_max;
  double   bar_step;          /* least distance between two bar positions; 0 for none */
} Extents;

static Extents
compute_extents (GvChart      *self,
                 const GArray *bars)
{
  Extents ext = { TRUE, INFINITY, -INFINITY, INFINITY, -INFINITY, 0.0 };

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < series->points->len; i++)
        {
          const Point *p = &g_array_index (series->points, Point, i);

          if (!isfinite (p->x) || !isfinite (p->y))
            continue;

          ext.empty = FALSE;
          ext.x_min = MIN (ext.x_min, p->x);
          ext.x_max = MAX (ext.x_max, p->x);

          if (series->style != GV_CHART_BARS)
            {
              ext.y_min = MIN (ext.y_min, p->y);
              ext.y_max = MAX (ext.y_max, p->y);
            }
        }
    }

  for (guint i = 0; i < bars->len; i++)
    {
      const BarPiece *piece = &g_array_index (bars, BarPiece, i);

      ext.y_min = MIN (ext.y_min, piece->lo);
      ext.y_max = MAX (ext.y_max, piece->hi);

      if (i > 0)
        {
          double dx = piece->x - g_array_index (bars, BarPiece, i - 1).x;

          if (dx > 0.0 && (ext.bar_step == 0.0 || dx < ext.bar_step))
            ext.bar_step = dx;
        }
    }

  if (bars->len > 0 && ext.bar_step == 0.0)
    ext.bar_step = 1.0;

  return ext;
}

static guint
filter_ticks (double *ticks,
              guint   n_ticks,
              double  min,
              double  max)
{
  double eps = (max - min) * 1e-9;
  guint n = 0;

  for (guint i = 0; i < n_ticks; i++)
    if (ticks[i] >= min - eps && ticks[i] <= max + eps)
      ticks[n++] = ticks[i];

  return n;
}

/* Rounds are integers, so the x axis never has a tick between two of them. */
static guint
round_ticks (double  min,
             double  max,
             guint   target,
             double *ticks)
{
  guint n = gv_nice_ticks (min, max, target, ticks, MAX_TICKS);

  if (n >= 2 && ticks[1] - ticks[0] < 1.0)
    {
      n = 0;
      for (double k = ceil (min); k <= floor (max) && n < MAX_TICKS; k++)
        ticks[n++] = k;
      return n;
    }

  return filter_ticks (ticks, n, min, max);
}

static void
frame_clear (Frame *frame)
{
  text_clear (&frame->title);
  text_clear (&frame->note);
  text_clear (&frame->x_label);
  text_clear (&frame->y_label);

  for (guint i = 0; i < MAX_TICKS; i++)
    {
      text_clear (&frame->x_tick_labels[i]);
      text_clear (&frame->y_tick_labels[i]);
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
      text_init (&frame->title, frame->context, FONT_TITLE, self->title);
      text_limit (&frame->title, content, 1);
      frame->title.x = PADDING;
      frame->title.y = y;
      y += frame->title.height;
      have_header = TRUE;
    }

  frame->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (frame->legend, legend_item_clear);

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);
      LegendItem item = { { NULL }, s };
      double swatch;
      double item_width;

      /* A series with nothing to show (a theory that does not apply) has no entry,
       * unless nothing has data yet and the legend tells what is coming. */
      if (is_blank (series->label) || (!series_has_data (series) && !empty))
        continue;

      if (frame->legend->len == 0 && have_header)
        y += TITLE_GAP;

      swatch = series->style == GV_CHART_BARS ? SWATCH_BOX : SWATCH_LINE;
      text_init (&item.text, frame->context, FONT_TEXT, series->label);
      if (swatch + SWATCH_GAP + item.text.width > content)
        text_limit (&item.text, content - swatch - SWATCH_GAP, 1);

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

      text_init (&frame->note, frame->context, FONT_NOTE, self->note);
      text_limit (&frame->note, content, 2);
      frame->note.x = PADDING;
      frame->note.y = y;
      y += frame->note.height;
      have_header = TRUE;
    }

  return have_header ? y + HEADER_GAP : PADDING;
}

/* The y range, its ticks and their labels, for a plot @height pixels high. */
static void
frame_layout_y_axis (GvChart       *self,
                     Frame         *frame,
                     const Extents *ext,
                     double         height)
{
  Geometry *g = &frame->geometry;
  gboolean fixed_min = isfinite (self->y_min);
  gboolean fixed_max = isfinite (self->y_max);
  guint target = (guint) CLAMP (floor (height / Y_TICK_SPACING) + 1.0, 2, 10);
  double ticks[MAX_TICKS];
  NumberFormat format;
  double lo = 0.0;
  double hi = 1.0;
  guint n;

  /* Counts and percentages read best against a zero baseline. */
  if (!ext->empty)
    {
      lo = MIN (0.0, ext->y_min);
      hi = MAX (0.0, ext->y_max);
    }

  if (fixed_min)
    lo = self->y_min;
  if (fixed_max)
    hi = self->y_max;
  if (!(hi > lo))
    hi = lo + (lo == 0.0 ? 1.0 : fabs (lo));

  /* As many ticks as fit: steps only come as 1, 2 or 5, so try each count. */
  for (;; target--)
    {
      n = gv_nice_ticks (lo, hi, target, ticks, MAX_TICKS);
      g->y_min = fixed_min || n < 2 ? lo : ticks[0];
      g->y_max = fixed_max || n < 2 ? hi : ticks[n - 1];

      if (n < 2 || target <= 2 ||
          (ticks[1] - ticks[0]) / (g->y_max - g->y_min) * height >= Y_TICK_SPACING)
        break;
    }
  n = filter_ticks (ticks, n, g->y_min, g->y_max);

  format = number_format_for_ticks (ticks, n);
  g->n_y_ticks = n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = format_number (ticks[i], &format, self->y_unit);

      g->y_ticks[i] = ticks[i];
      text_init (&frame->y_tick_labels[i], frame->context, FONT_TEXT, label);
      text_set_tabular (&frame->y_tick_labels[i]);
    }
}

/* The x ticks for a plot @width pixels wide: as many as fit without labels touching. */
static void
frame_layout_x_axis (Frame  *frame,
                     double  width)
{
  Geometry *g = &frame->geometry;
  guint target = (guint) CLAMP (floor (width / X_TICK_SPACING) + 1.0, 2, 12);

  for (;;)
    {
      double ticks[MAX_TICKS];
      NumberFormat format;
      double widest = 0.0;
      guint n = round_ticks (g->x_min, g->x_max, target, ticks);

      for (guint i = 0; i < MAX_TICKS; i++)
        text_clear (&frame->x_tick_labels[i]);

      format = number_format_for_ticks (ticks, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *label = format_number (ticks[i], &format, NULL);

          g->x_ticks[i] = ticks[i];
          text_init (&frame->x_tick_labels[i], frame->context, FONT_TEXT, label);
          text_set_tabular (&frame->x_tick_labels[i]);
          widest = MAX (widest, frame->x_tick_labels[i].width);
        }
      g->n_x_ticks = n;

      if (n < 2 || target <= 2 ||
          (ticks[1] - ticks[0]) / (g->x_max - g->x_min) * width >=
          MAX (widest + X_LABEL_SPACING, X_TICK_SPACING))
        break;

      target--;
    }
}

static void
frame_build (GvChart *self,
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
  frame->context = create_context ();

  for (guint s = 0; s < self->series->len; s++)
    series_ensure_sorted (g_ptr_array_index (self->series, s));

  frame->bars = collect_bars (self);
  ext = compute_extents (self, frame->bars);

  g->valid = TRUE;
  g->generation = self->generation;
  g->width = width;
  g->height = height;
  g->empty = ext.empty;

  /* Header from the top, then the x axis from the bottom; the plot takes what is left,
   * with room for half a tick label above its top line. */
  text_init (&sample, frame->context, FONT_TEXT, "0123456789");
  tick_height = sample.height;
  text_clear (&sample);

  g->top = frame_layout_header (self, frame, width, ext.empty) + tick_height / 2.0;
  g->bottom = height - PADDING - tick_height - TICK_GAP;

  if (!is_blank (self->x_label))
    {
      text_init (&frame->x_label, frame->context, FONT_TEXT, self->x_label);
      g->bottom -= frame->x_label.height + AXIS_LABEL_GAP;
    }

  if (g->bottom - g->top < 1.0)
    g->bottom = g->top + 1.0;

  frame_layout_y_axis (self, frame, &ext, g->bottom - g->top);

  left = PADDING;
  if (!is_blank (self->y_label))
    {
      text_init (&frame->y_label, frame->context, FONT_TEXT, self->y_label);
      text_limit (&frame->y_label, g->bottom - g->top + tick_height, 1);
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

  frame_layout_x_axis (frame, g->right - g->left);

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
static const Geometry *
chart_geometry (GvChart *self,
                double   width,
                double   height)
{
  if (!self->cache.valid ||
      self->cache.generation != self->generation ||
      self->cache.width != width ||
      self->cache.height != height)
    {
      Frame frame;

      frame_build (self, width, height, &frame);
      self->cache = frame.geometry;
      frame_clear (&frame);
    }

  return &self->cache;
}

static void
changed (GvChart *self)
{
  self->generation++;
}

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
      set_color_alpha (cr, palette->dim, 0.15);
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
  set_color_alpha (cr, palette->dim, 0.35);
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
  set_color (cr, palette->dim);
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
          set_color (cr, series_color (palette, series));
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

  set_color (cr, series_color (palette, series));
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
  set_color (cr, palette->accent);
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

  set_color (cr, series_color (palette, series));

  switch (series->style)
    {
    case GV_CHART_BARS:
      cairo_rectangle (cr, x, round (y - SWATCH_BOX / 2.0), SWATCH_BOX, SWATCH_BOX);
      cairo_fill (cr);
      break;

    case GV_CHART_DASHED:
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

  set_color_alpha (cr, palette->foreground, 0.7);
  for (guint i = 0; i < g->n_y_ticks; i++)
    text_draw (&frame->y_tick_labels[i], cr);
  for (guint i = 0; i < g->n_x_ticks; i++)
    text_draw (&frame->x_tick_labels[i], cr);

  set_color (cr, palette->foreground);
  text_draw (&frame->title, cr);
  text_draw (&frame->x_label, cr);

  if (frame->y_label.layout != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, frame->y_label.x, frame->y_label.y);
      cairo_rotate (cr, -G_PI / 2.0);
      cairo_move_to (cr, 0.0, 0.0);
      pango_cairo_show_layout (cr, frame->y_label.layout);
      cairo_restore (cr);
    }

  for (guint i = 0; i < frame->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (frame->legend, LegendItem, i);

      draw_swatch (g_ptr_array_index (self->series, item->series), cr,
                   item->swatch_x, item->swatch_y, palette);
      set_color (cr, palette->foreground);
      text_draw (&item->text, cr);
    }

  set_color (cr, palette->dim);
  text_draw (&frame->note, cr);
}

static void
draw_empty (const Frame     *frame,
            cairo_t         *cr,
            const GvPalette *palette)
{
  const Geometry *g = &frame->geometry;
  Text text = { NULL };

  text_init (&text, frame->context, FONT_EMPTY, _("No data yet"));
  text.x = (g->left + g->right) / 2.0 - text.width / 2.0;
  text.y = (g->top + g->bottom) / 2.0 - text.height / 2.0;
  set_color (cr, palette->dim);
  text_draw (&text, cr);
  text_clear (&text);
}

/* The y of @series at @x, if it has a point there. */
static gboolean
series_value_at (const Series *series,
                 double        x,
                 double       *y)
{
  guint lo = 0;
  guint hi = series->points->len;

  g_assert (series->sorted);

  /* The last point with p.x <= x. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (series->points, Point, mid).x <= x)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == 0)
    return FALSE;

  {
    const Point *p = &g_array_index (series->points, Point, lo - 1);

    if (p->x != x || !isfinite (p->y))
      return FALSE;

    *y = p->y;
    return TRUE;
  }
}

/* The x of @series' point nearest to @x, skipping points without a value. */
static gboolean
series_nearest_x (const Series *series,
                  double        x,
                  double       *nearest)
{
  guint lo = 0;
  guint hi = series->points->len;
  gboolean found = FALSE;

  g_assert (series->sorted);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (series->points, Point, mid).x < x)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* lo is the first point at or after x: look both ways for one with a value. */
  for (guint i = lo; i < series->points->len; i++)
    {
      const Point *p = &g_array_index (series->points, Point, i);

      if (isfinite (p->x) && isfinite (p->y))
        {
          *nearest = p->x;
          found = TRUE;
          break;
        }
    }

  for (guint i = lo; i > 0; i--)
    {
      const Point *p = &g_array_index (series->points, Point, i - 1);

      if (isfinite (p->x) && isfinite (p->y))
        {
          if (!found || x - p->x < *nearest - x)
            *nearest = p->x;
          found = TRUE;
          break;
        }
    }

  return found;
}

static void
gv_chart_finalize (GObject *object)
{
  GvChart *self = (GvChart *)object;

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->x_label, g_free);
  g_clear_pointer (&self->y_label, g_free);
  g_clear_pointer (&self->y_unit, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (gv_chart_parent_class)->finalize (object);
}

static void
gv_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GvChart *self = GV_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_X_LABEL:
      g_value_set_string (value, self->x_label);
      break;

    case PROP_Y_LABEL:
      g_value_set_string (value, self->y_label);
      break;

    case PROP_Y_UNIT:
      g_value_set_string (value, self->y_unit);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GvChart *self = GV_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gv_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_X_LABEL:
      gv_chart_set_x_label (self, g_value_get_string (value));
      break;

    case PROP_Y_LABEL:
      gv_chart_set_y_label (self, g_value_get_string (value));
      break;

    case PROP_Y_UNIT:
      gv_chart_set_y_unit (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      gv_chart_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gv_chart_class_init (GvChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gv_chart_finalize;
  object_class->get_property = gv_chart_get_property;
  object_class->set_property = gv_chart_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_X_LABEL] =
    g_param_spec_string ("x-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_Y_UNIT] =
    g_param_spec_string ("y-unit", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gv_chart_init (GvChart *self)
{
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->y_min = NAN;
  self->y_max = NAN;
  self->marker = NAN;
}

GvChart *
gv_chart_new (void)
{
  return g_object_new (GV_TYPE_CHART, NULL);
}

void
gv_chart_set_title (GvChart    *self,
                    const char *title)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->title, title))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

void
gv_chart_set_x_label (GvChart    *self,
                      const char *label)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->x_label, label))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_LABEL]);
    }
}

void
gv_chart_set_y_label (GvChart    *self,
                      const char *label)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->y_label, label))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_LABEL]);
    }
}

void
gv_chart_set_y_range (GvChart *self,
                      double   min,
                      double   max)
{
  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (isnan (min) || isnan (max) || min < max);

  self->y_min = min;
  self->y_max = max;
  changed (self);
}

void
gv_chart_set_y_unit (GvChart    *self,
                     const char *unit)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->y_unit, unit))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_UNIT]);
    }
}

/* Removes every series; the title, labels, range, note and marker stay. */
void
gv_chart_clear (GvChart *self)
{
  g_return_if_fail (GV_IS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  changed (self);
}

guint
gv_chart_add_series (GvChart      *self,
                     const char   *label,
                     GvChartStyle  style,
                     guint         color_index)
{
  Series *series;

  g_return_val_if_fail (GV_IS_CHART (self), 0);
  g_return_val_if_fail (style <= GV_CHART_BARS, 0);

  series = g_new0 (Series, 1);
  series->label = g_strdup (label);
  series->points = g_array_new (FALSE, FALSE, sizeof (Point));
  series->style = style;
  series->color_index = color_index;
  series->sorted = TRUE;

  g_ptr_array_add (self->series, series);
  changed (self);

  return self->series->len - 1;
}

void
gv_chart_append (GvChart *self,
                 guint    series,
                 double   x,
                 double   y)
{
  Series *s;
  Point p = { x, y };

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  if (s->points->len > 0 && x < g_array_index (s->points, Point, s->points->len - 1).x)
    s->sorted = FALSE;

  g_array_append_val (s->points, p);
  changed (self);
}

void
gv_chart_set_points (GvChart      *self,
                     guint         series,
                     const double *xs,
                     const double *ys,
                     guint         n_points)
{
  Series *s;

  g_return_if_fail (GV_IS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (n_points == 0 || (xs != NULL && ys != NULL));

  s = g_ptr_array_index (self->series, series);
  g_array_set_size (s->points, n_points);
  s->sorted = TRUE;

  for (guint i = 0; i < n_points; i++)
    {
      Point *p = &g_array_index (s->points, Point, i);

      p->x = xs[i];
      p->y = ys[i];
      if (i > 0 && xs[i] < xs[i - 1])
        s->sorted = FALSE;
    }

  changed (self);
}

guint
gv_chart_get_n_series (GvChart *self)
{
  g_return_val_if_fail (GV_IS_CHART (self), 0);

  return self->series->len;
}

guint
gv_chart_get_n_points (GvChart *self,
                       guint    series)
{
  const Series *s;

  g_return_val_if_fail (GV_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  s = g_ptr_array_index (self->series, series);
  return s->points->len;
}

void
gv_chart_set_marker (GvChart *self,
                     double   x)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (self->marker == x || (isnan (self->marker) && isnan (x)))
    return;

  self->marker = x;
  changed (self);
}

void
gv_chart_set_note (GvChart    *self,
                   const char *note)
{
  g_return_if_fail (GV_IS_CHART (self));

  if (set_string (&self->note, note))
    {
      changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
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

  frame_build (self, width, height, &frame);
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
  set_color (cr, palette->background);
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
  frame_clear (&frame);
}

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

  g = chart_geometry (self, width, height);
  if (g->empty || px < g->left || px > g->right || py < g->top || py > g->bottom)
    return hover;

  x = g->x_min + (px - g->left) / (g->right - g->left) * (g->x_max - g->x_min);

  for (guint s = 0; s < self->series->len; s++)
    {
      double nearest = NAN;

      if (series_nearest_x (g_ptr_array_index (self->series, s), x, &nearest) &&
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

  g = chart_geometry (self, width, height);
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
  set_color (cr, palette->dim);
  cairo_stroke (cr);

  /* The read-out: a heading, then one row per series that has a value here. */
  context = create_context ();
  rows = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (rows, legend_item_clear);

  if (fabs (hover->x - round (hover->x)) > 1e-9)
    x_format.decimals = 2;
  round_text = format_number (hover->x, &x_format, NULL);
  heading = g_strdup_printf (_("Round %s"), round_text);

  {
    LegendItem item = { { NULL }, G_MAXUINT };

    text_init (&item.text, context, FONT_BOLD, heading);
    g_array_append_val (rows, item);
  }

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);
      g_autofree char *value_text = NULL;
      g_autofree char *row_text = NULL;
      LegendItem item = { { NULL }, s };
      double value;

      if (!series_value_at (series, hover->x, &value))
        continue;

      value_text = format_readout (value, self->y_unit);
      if (is_blank (series->label))
        row_text = g_steal_pointer (&value_text);
      else
        /* Translators: a series and its value in the chart's read-out */
        row_text = g_strdup_printf (_("%s: %s"), series->label, value_text);

      text_init (&item.text, context, FONT_TEXT, row_text);
      g_array_append_val (rows, item);

      /* Ring the point on a line, so the eye finds which value is which. */
      if (series->style != GV_CHART_BARS && value >= g->y_min && value <= g->y_max)
        {
          cairo_arc (cr, hx, y_to_px (g, value), MARKER_RADIUS + 1.5, 0.0, 2.0 * G_PI);
          set_color (cr, series_color (palette, series));
          cairo_fill_preserve (cr);
          set_color (cr, palette->background);
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
        text_limit (&item->text, width - 2.0 * (READOUT_MARGIN + READOUT_PADDING) - indent, 1);

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
  set_color (cr, palette->background);
  cairo_fill_preserve (cr);
  set_color_alpha (cr, palette->foreground, 0.3);
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

          set_color (cr, series_color (palette, series));
          cairo_rectangle (cr, item->text.x, round (y + item->text.height / 2.0 - 4.0),
                           8.0, 8.0);
          cairo_fill (cr);
          item->text.x += SWATCH_BOX + SWATCH_GAP;
        }

      set_color (cr, palette->foreground);
      text_draw (&item->text, cr);
      y += item->text.height + (i == 0 ? 4.0 : 0.0);
    }

  cairo_restore (cr);

  /* The rows' layouts hold the context; drop them first. */
  g_clear_pointer (&rows, g_array_unref);
  g_clear_object (&context);
}

guint
gv_nice_ticks (double  min,
               double  max,
               guint   target,
               double *ticks,
               guint   max_ticks)
{
  double range, lo_k, hi_k;
  int m, e;

  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  if (!isfinite (min) || !isfinite (max) || max_ticks < 2)
    return 0;

  if (min > max)
    {
      double t = min;

      min = max;
      max = t;
    }

  /* A single value still gets an axis around it. */
  if (min == max)
    {
      double pad = min == 0.0 ? 1.0 : fabs (min) / 10.0;

      if (min - pad == min || max + pad == max)
        {
          ticks[0] = min;
          return 1;
        }
      min -= min == 0.0 ? 0.0 : pad;
      max += pad;
    }

  range = max - min;
  if (!isfinite (range))
    return 0;

  target = MAX (target, 2);
  nice_number (range, FALSE, &m, &e);
  nice_number (scaled (1.0, m, e) / (target - 1), TRUE, &m, &e);

  for (;;)
    {
      double step = scaled (1.0, m, e);
      double n;

      /* The slack absorbs rounding in min / step, as in 0.3 / 0.1. */
      lo_k = floor (min / step + 1e-9);
      hi_k = ceil (max / step - 1e-9);
      n = hi_k - lo_k + 1.0;

      if (n <= max_ticks)
        break;

      /* Too many: the next nice step, 1 -> 2 -> 5 -> 10. */
      if (m == 1)
        m = 2;
      else if (m == 2)
        m = 5;
      else
        m = 1, e++;
    }

  for (guint i = 0; lo_k + i <= hi_k; i++)
    ticks[i] = scaled (lo_k + i, m, e);

  return (guint) (hi_k - lo_k) + 1;
}
