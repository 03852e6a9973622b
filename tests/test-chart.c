/* test-chart.c: nice ticks, and charts checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pixel tests find the plot area through gv_chart_hit_test, which is valid exactly
 * inside it, and then look for each layer's colour where the data puts it.  With
 * GV_CHART_PNG_DIR set, /chart/samples also writes realistic charts there as PNG, for a
 * person to look at.
 *
 * The y axis's tick labels are read from the frame a draw builds (gv-chart-private.h),
 * which holds them as text.
 *
 * One file of about 1,500 lines for GvChart: its tests share the pixel and plot helpers,
 * and come in sections (ticks, pixels, what run charts need, samples).  The run charts,
 * a unit of their own, are tested in test-run-chart.c.
 */

#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "gv-chart-private.h"
#include "gv-theory.h"

#define WIDTH  800
#define HEIGHT 400

/* ---- nice ticks ---------------------------------------------------------------------- */

static void
assert_nice_ticks (double min,
                   double max,
                   guint  target)
{
  double ticks[64];
  double lo = MIN (min, max);
  double hi = MAX (min, max);
  guint n = gv_nice_ticks (min, max, target, ticks, G_N_ELEMENTS (ticks));
  double step, mantissa, eps;

  g_test_message ("[%g, %g] target %u: %u ticks from %g", min, max, target, n, ticks[0]);

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, 2 * MAX (target, 2) + 1);

  /* Over the whole span, so that a far-from-zero start costs no precision. */
  step = (ticks[n - 1] - ticks[0]) / (n - 1);
  g_assert_cmpfloat (step, >, 0.0);
  eps = step * 1e-6;

  /* The step is 1, 2 or 5 times a power of ten. */
  mantissa = step / pow (10.0, floor (log10 (step) + 1e-9));
  g_assert_true (fabs (mantissa - 1.0) < 1e-6 ||
                 fabs (mantissa - 2.0) < 1e-6 ||
                 fabs (mantissa - 5.0) < 1e-6);

  /* Evenly spaced, and each tick a whole number of steps. */
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i] - ticks[i - 1], step, eps);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i] / step, round (ticks[i] / step),
                                    1e-6 * MAX (1.0, fabs (ticks[i] / step)));

  /* They cover the range, and stray at most one step beyond it. */
  g_assert_cmpfloat (ticks[0], <=, lo + eps);
  g_assert_cmpfloat (ticks[n - 1], >=, hi - eps);
  g_assert_cmpfloat (ticks[0], >=, lo - step - eps);
  g_assert_cmpfloat (ticks[n - 1], <=, hi + step + eps);

  /* Zero, when inside, is a tick and exactly zero. */
  if (lo < 0.0 && hi > 0.0)
    {
      gboolean has_zero = FALSE;

      for (guint i = 0; i < n; i++)
        has_zero |= ticks[i] == 0.0;
      g_assert_true (has_zero);
    }
}

static void
test_nice_ticks_ranges (void)
{
  static const struct {
    double min, max;
    guint target;
  } cases[] = {
    { 0, 100, 5 }, { 0, 100, 6 }, { 0, 100, 11 }, { 0, 7, 5 }, { 0, 1, 5 },
    { 3, 1234, 5 }, { 3, 1234, 8 }, { 0, 1e6, 6 }, { 17, 18, 4 }, { 0, 0.003, 5 },
    { 0.001, 0.0012, 5 }, { 1, 1.0000001, 5 }, { 1e-12, 3e-12, 6 }, { 12345, 12346, 5 },
    { -37, -3, 5 }, { -5, 5, 5 }, { -0.7, 123.4, 6 }, { -1e9, 2e9, 4 }, { 0, 37, 3 },
    { 99, 101, 7 }, { 0, 1, 2 }, { 0, 1, 0 }, { 0, 50000, 10 }, { 8, 3, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_nice_ticks (cases[i].min, cases[i].max, cases[i].target);
}

static void
test_nice_ticks_exact (void)
{
  double ticks[32];
  guint n;

  n = gv_nice_ticks (0, 100, 6, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (ticks[i], ==, 20.0 * i);

  n = gv_nice_ticks (0, 7, 5, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (ticks[i], ==, 2.0 * i);

  n = gv_nice_ticks (3, 1234, 5, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (ticks[0], ==, 0.0);
  g_assert_cmpfloat (ticks[3], ==, 1500.0);

  /* Decimal ticks are the doubles nearest to the decimals, as labels will print them:
   * 3 × 0.2 would be 0.6000000000000001. */
  n = gv_nice_ticks (0, 1, 6, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat (ticks[3], ==, 0.6);
  g_assert_cmpfloat (ticks[5], ==, 1.0);

  n = gv_nice_ticks (-5, 5, 5, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpfloat (ticks[0], ==, -6.0);
  g_assert_cmpfloat (ticks[n - 1], ==, 6.0);
}

static void
test_nice_ticks_edges (void)
{
  double ticks[32];
  guint n;

  /* One value: an axis around it, with the value on a tick. */
  n = gv_nice_ticks (5, 5, 5, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (ticks[0], <, 5.0);
  g_assert_cmpfloat (ticks[n - 1], >, 5.0);
  {
    gboolean on_tick = FALSE;

    for (guint i = 0; i < n; i++)
      on_tick |= fabs (ticks[i] - 5.0) < 1e-12;
    g_assert_true (on_tick);
  }

  n = gv_nice_ticks (0, 0, 5, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (ticks[0], ==, 0.0);
  g_assert_cmpfloat (ticks[n - 1], >=, 1.0);

  n = gv_nice_ticks (-3, -3, 5, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (ticks[0], <, -3.0);
  g_assert_cmpfloat (ticks[n - 1], >, -3.0);

  /* Fewer ticks than wanted: a coarser step, still covering the range. */
  n = gv_nice_ticks (0, 100, 50, ticks, 5);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, 5);
  g_assert_cmpfloat (ticks[0], <=, 0.0);
  g_assert_cmpfloat (ticks[n - 1], >=, 100.0);

  /* Nothing sensible to do. */
  g_assert_cmpuint (gv_nice_ticks (NAN, 1, 5, ticks, G_N_ELEMENTS (ticks)), ==, 0);
  g_assert_cmpuint (gv_nice_ticks (0, INFINITY, 5, ticks, G_N_ELEMENTS (ticks)), ==, 0);
  g_assert_cmpuint (gv_nice_ticks (0, 1, 5, ticks, 1), ==, 0);
}

/* The y tick labels of @chart drawn at @width × @height, bottom up, joined by spaces. */
static char *
y_tick_labels (GvChart *chart,
               double   width,
               double   height)
{
  GString *labels = g_string_new (NULL);
  Frame frame;

  gv_chart_frame_build (chart, width, height, &frame);
  for (guint i = 0; i < frame.geometry.n_y_ticks; i++)
    g_string_append_printf (labels, "%s%s", i > 0 ? " " : "",
                            pango_layout_get_text (frame.y_tick_labels[i].layout));
  gv_chart_frame_clear (&frame);
  return g_string_free (labels, FALSE);
}

/* Counts have whole ticks: one message a round is 0 and 1 on the axis, never 0.5, and
 * the labels have no decimals.  Larger counts keep their nice ticks. */
static void
test_integer_ticks (void)
{
  static const struct {
    double max, height;
    const char *fractional, *integer;
  } cases[] = {
    { 1, HEIGHT, "0.0 0.2 0.4 0.6 0.8 1.0", "0 1" },
    { 1, 200, "0.0 0.5 1.0", "0 1" },
    { 3, HEIGHT, "0.0 0.5 1.0 1.5 2.0 2.5 3.0", "0 1 2 3" },
    { 0, HEIGHT, "0.0 0.2 0.4 0.6 0.8 1.0", "0 1" },
    { 7, 250, "0 2 4 6 8", "0 2 4 6 8" },
    { 1234, HEIGHT, "0 200 400 600 800 1000 1200 1400", "0 200 400 600 800 1000 1200 1400" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GvChart) chart = gv_chart_new ();
      g_autofree char *fractional = NULL;
      g_autofree char *integer = NULL;
      guint s;

      gv_chart_set_title (chart, "Messages per round");
      gv_chart_set_y_label (chart, "Messages");
      s = gv_chart_add_series (chart, "Useful", GV_CHART_BARS, 0);
      for (guint x = 1; x <= 5; x++)
        gv_chart_append (chart, s, x, cases[i].max);

      fractional = y_tick_labels (chart, WIDTH, cases[i].height);
      gv_chart_set_y_integer (chart, TRUE);
      integer = y_tick_labels (chart, WIDTH, cases[i].height);
      g_test_message ("up to %g: \"%s\", as counts \"%s\"", cases[i].max, fractional,
                      integer);
      g_assert_cmpstr (fractional, ==, cases[i].fractional);
      g_assert_cmpstr (integer, ==, cases[i].integer);
    }

  /* Whatever the counts and the room: whole ticks only, at least two of them. */
  for (guint max = 0; max <= 12; max++)
    for (double height = 120; height <= 400; height += 20)
      {
        g_autoptr(GvChart) chart = gv_chart_new ();
        guint s = gv_chart_add_series (chart, "Useful", GV_CHART_BARS, 0);
        Frame frame;

        gv_chart_set_y_integer (chart, TRUE);
        gv_chart_append (chart, s, 1, max);
        gv_chart_frame_build (chart, WIDTH, height, &frame);
        g_assert_cmpuint (frame.geometry.n_y_ticks, >=, 2);
        for (guint i = 0; i < frame.geometry.n_y_ticks; i++)
          {
            g_assert_cmpfloat (frame.geometry.y_ticks[i], ==, round (frame.geometry.y_ticks[i]));
            g_assert_null (strchr (pango_layout_get_text (frame.y_tick_labels[i].layout), '.'));
          }
        g_assert_cmpfloat (frame.geometry.y_max, >=, max);
        gv_chart_frame_clear (&frame);
      }
}

/* ---- pixels -------------------------------------------------------------------------- */

typedef struct
{
  double r, g, b;
} Rgb;

static cairo_surface_t *
render (GvChart         *chart,
        const GvPalette *palette,
        int              width,
        int              height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  gv_chart_draw (chart, cr, width, height, palette);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static Rgb
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;
  Rgb rgb;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  /* The background is opaque, so premultiplication changes nothing. */
  memcpy (&argb, data + y * stride + x * 4, 4);
  rgb.r = ((argb >> 16) & 0xff) / 255.0;
  rgb.g = ((argb >> 8) & 0xff) / 255.0;
  rgb.b = (argb & 0xff) / 255.0;

  return rgb;
}

/* How much of @color covers the @background in @p: 0 for none, 1 for all, and negative
 * when @p is not a mix of the two at all. */
static double
coverage (Rgb     p,
          GvColor color,
          GvColor background)
{
  double d[3] = { color.r - background.r, color.g - background.g, color.b - background.b };
  double q[3] = { p.r - background.r, p.g - background.g, p.b - background.b };
  double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  double a, residual = 0.0;

  g_assert_cmpfloat (dd, >, 0.0);

  a = (q[0] * d[0] + q[1] * d[1] + q[2] * d[2]) / dd;
  for (guint i = 0; i < 3; i++)
    residual = MAX (residual, fabs (q[i] - a * d[i]));

  return residual < 0.08 ? a : -1.0;
}

static gboolean
is_color (cairo_surface_t *surface,
          int              x,
          int              y,
          GvColor          color,
          GvColor          background)
{
  return coverage (pixel (surface, x, y), color, background) > 0.6;
}

static gboolean
is_background (cairo_surface_t *surface,
               int              x,
               int              y,
               GvColor          background)
{
  Rgb p = pixel (surface, x, y);

  return fabs (p.r - background.r) < 0.01 &&
         fabs (p.g - background.g) < 0.01 &&
         fabs (p.b - background.b) < 0.01;
}

typedef struct
{
  double left, right, top, bottom;
  double x_min, x_max;          /* as given by the test */
  double y_min, y_max;
} Plot;

/* The plot area, from where the hit test turns valid. */
static Plot
find_plot (GvChart *chart,
           int      width,
           int      height,
           double   x_min,
           double   x_max,
           double   y_min,
           double   y_max)
{
  Plot plot = { -1, -1, -1, -1, x_min, x_max, y_min, y_max };
  double mid_y = height * 0.6;

  for (int x = 0; x < width; x++)
    if (gv_chart_hit_test (chart, width, height, x, mid_y).valid)
      {
        if (plot.left < 0)
          plot.left = x;
        plot.right = x;
      }

  g_assert_cmpfloat (plot.left, >, 0);
  g_assert_cmpfloat (plot.right, <, width - 1);

  for (int y = 0; y < height; y++)
    if (gv_chart_hit_test (chart, width, height, (plot.left + plot.right) / 2, y).valid)
      {
        if (plot.top < 0)
          plot.top = y;
        plot.bottom = y;
      }

  g_assert_cmpfloat (plot.top, >, 0);
  g_assert_cmpfloat (plot.bottom, <, height - 1);

  return plot;
}

static double
plot_x (const Plot *plot,
        double      x)
{
  return plot->left + (x - plot->x_min) / (plot->x_max - plot->x_min) *
                      (plot->right - plot->left);
}

static double
plot_y (const Plot *plot,
        double      y)
{
  return plot->bottom - (y - plot->y_min) / (plot->y_max - plot->y_min) *
                        (plot->bottom - plot->top);
}

/* Whether @color is within @slack pixels of (x, y). */
static gboolean
color_near (cairo_surface_t *surface,
            double           x,
            double           y,
            int              slack,
            GvColor          color,
            GvColor          background)
{
  for (int dy = -slack; dy <= slack; dy++)
    for (int dx = -slack; dx <= slack; dx++)
      if (is_color (surface, (int) floor (x) + dx, (int) floor (y) + dy, color, background))
        return TRUE;

  return FALSE;
}

static GvChart *
line_chart (GvSeriesStyle style,
            guint         color)
{
  GvChart *chart = gv_chart_new ();
  guint s;

  gv_chart_set_title (chart, "Coverage");
  gv_chart_set_x_label (chart, "Round");
  gv_chart_set_y_label (chart, "Informed nodes");
  gv_chart_set_y_unit (chart, "%");
  gv_chart_set_y_range (chart, 0, 100);
  s = gv_chart_add_series (chart, "Simulation", style, color);

  for (guint x = 0; x <= 10; x++)
    gv_chart_append (chart, s, x, 10.0 + 7.0 * x);

  return chart;
}

static void
test_draw_line (void)
{
  GvPalette palettes[2];

  gv_palette_init_light (&palettes[0]);
  gv_palette_init_dark (&palettes[1]);

  for (guint k = 0; k < G_N_ELEMENTS (palettes); k++)
    {
      const GvPalette *pal = &palettes[k];
      g_autoptr(GvChart) chart = line_chart (GV_CHART_LINE, 0);
      cairo_surface_t *surface = render (chart, pal, WIDTH, HEIGHT);
      Plot plot = find_plot (chart, WIDTH, HEIGHT, 0, 10, 0, 100);

      /* On the line halfway between two points, and not far from it. */
      for (guint i = 0; i < 10; i++)
        {
          double x = i + 0.5;
          double y = 10.0 + 7.0 * x;

          g_assert_true (color_near (surface, plot_x (&plot, x), plot_y (&plot, y), 1,
                                     pal->series[0], pal->background));
          g_assert_false (color_near (surface, plot_x (&plot, x), plot_y (&plot, y + 15), 2,
                                      pal->series[0], pal->background));
        }

      /* Empty plot between grid lines is the background. */
      g_assert_true (is_background (surface, (int) plot_x (&plot, 4.5),
                                    (int) plot_y (&plot, 91), pal->background));
      g_assert_true (is_background (surface, (int) plot_x (&plot, 7.5),
                                    (int) plot_y (&plot, 30), pal->background));
      /* So are the margins. */
      g_assert_true (is_background (surface, WIDTH - 3, HEIGHT / 2, pal->background));
      g_assert_true (is_background (surface, 2, 2, pal->background));

      cairo_surface_destroy (surface);
    }
}

static void
test_draw_y_auto_range (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  cairo_surface_t *surface;
  GvPalette pal;
  Plot plot;
  guint s;

  gv_palette_init_light (&pal);
  s = gv_chart_add_series (chart, "Alive", GV_CHART_LINE, 2);
  for (guint x = 0; x <= 20; x++)
    gv_chart_append (chart, s, x, x < 10 ? 50.0 : 25.0);

  surface = render (chart, &pal, WIDTH, HEIGHT);
  plot = find_plot (chart, WIDTH, HEIGHT, 0, 20, 0, 50);

  /* 50 is a nice number: the axis goes from 0 to exactly 50, so the first half of the
   * line runs along the top of the plot and the second half through its middle. */
  g_assert_true (color_near (surface, plot_x (&plot, 4.5), plot.top, 1,
                             pal.series[2], pal.background));
  g_assert_true (color_near (surface, plot_x (&plot, 15.5), plot_y (&plot, 25), 1,
                             pal.series[2], pal.background));
  g_assert_false (color_near (surface, plot_x (&plot, 15.5), plot_y (&plot, 50), 2,
                              pal.series[2], pal.background));

  cairo_surface_destroy (surface);
}

static void
test_draw_bars (void)
{
  static const double values[3] = { 30, 20, 10 };
  static const guint colors[3] = { 2, 4, 5 };
  g_autoptr(GvChart) chart = gv_chart_new ();
  cairo_surface_t *surface;
  GvChartHover hover, next;
  double step, y;
  GvPalette pal;
  Plot plot;
  guint last;

  gv_palette_init_light (&pal);
  gv_chart_set_title (chart, "Messages");
  gv_chart_set_y_range (chart, 0, 100);
  for (guint k = 0; k < 3; k++)
    {
      const char *labels[3] = { "Sent", "Redundant", "Lost" };
      guint s = gv_chart_add_series (chart, labels[k], GV_CHART_BARS, colors[k]);

      for (guint x = 0; x < 10; x++)
        gv_chart_append (chart, s, x, values[k]);
    }

  surface = render (chart, &pal, WIDTH, HEIGHT);

  /* Bars sit half a step inside the axis, so the x range is [-0.5, 9.5]. */
  plot = find_plot (chart, WIDTH, HEIGHT, -0.5, 9.5, 0, 100);
  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 3.2), plot.bottom - 5);
  next = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 4.1), plot.bottom - 5);
  g_assert_true (hover.valid);
  g_assert_cmpfloat (hover.x, ==, 3.0);
  g_assert_cmpfloat (next.x, ==, 4.0);
  step = next.px - hover.px;
  g_assert_cmpfloat (step, >, 20.0);

  /* Each component in the middle of its stretch of the stack, in the order added. */
  g_assert_true (is_color (surface, hover.px, plot_y (&plot, 15), pal.series[2],
                           pal.background));
  g_assert_true (is_color (surface, hover.px, plot_y (&plot, 40), pal.series[4],
                           pal.background));
  g_assert_true (is_color (surface, hover.px, plot_y (&plot, 55), pal.series[5],
                           pal.background));
  g_assert_true (is_background (surface, hover.px, plot_y (&plot, 90), pal.background));

  /* About 70% of a step wide: colour near the edges, a gap between neighbours. */
  y = plot_y (&plot, 15);
  g_assert_true (is_color (surface, hover.px - 0.3 * step, y, pal.series[2], pal.background));
  g_assert_true (is_color (surface, hover.px + 0.3 * step, y, pal.series[2], pal.background));
  g_assert_true (is_background (surface, hover.px + 0.45 * step, y, pal.background));
  g_assert_true (is_background (surface, hover.px - 0.45 * step, y, pal.background));

  /* Up the middle of the bar the colours come in stacking order, and never go back. */
  last = 0;
  for (int py = plot.bottom - 2; py > plot.top; py--)
    for (guint k = 0; k < 3; k++)
      if (is_color (surface, hover.px, py, pal.series[colors[k]], pal.background))
        {
          g_assert_cmpuint (k, >=, last);
          last = k;
        }
  g_assert_cmpuint (last, ==, 2);

  cairo_surface_destroy (surface);
}

/* Along the row of a horizontal series at y = 50, how much of the stretch between x = 1
 * and x = 9 is the series' colour, and in how many runs. */
static void
scan_row (GvSeriesStyle  style,
          double        *fraction,
          guint         *runs)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  cairo_surface_t *surface;
  guint best_hits = 0;
  GvPalette pal;
  Plot plot;
  guint s;

  gv_palette_init_light (&pal);
  gv_chart_set_y_range (chart, 0, 100);
  s = gv_chart_add_series (chart, "Theory", style, 1);
  for (guint x = 0; x <= 10; x++)
    gv_chart_append (chart, s, x, 50);

  surface = render (chart, &pal, WIDTH, HEIGHT);
  plot = find_plot (chart, WIDTH, HEIGHT, 0, 10, 0, 100);

  *fraction = 0.0;
  *runs = 0;

  /* The row the line covers best. */
  for (int dy = -2; dy <= 2; dy++)
    {
      int y = (int) floor (plot_y (&plot, 50)) + dy;
      int from = (int) plot_x (&plot, 1);
      int to = (int) plot_x (&plot, 9);
      gboolean inside = FALSE;
      guint hits = 0, n_runs = 0;

      for (int x = from; x < to; x++)
        {
          gboolean hit = is_color (surface, x, y, pal.series[1], pal.background);

          hits += hit;
          n_runs += hit && !inside;
          inside = hit;
        }

      if (hits > best_hits)
        {
          best_hits = hits;
          *fraction = hits / (double) (to - from);
          *runs = n_runs;
        }
    }

  cairo_surface_destroy (surface);
}

static void
test_draw_dashed (void)
{
  double fraction;
  guint runs;

  scan_row (GV_CHART_DASHED, &fraction, &runs);
  g_test_message ("dashed: %.0f%% coloured in %u runs", fraction * 100, runs);
  g_assert_cmpfloat (fraction, >, 0.3);
  g_assert_cmpfloat (fraction, <, 0.8);
  g_assert_cmpuint (runs, >, 20);

  /* The same series drawn solid has no gaps. */
  scan_row (GV_CHART_LINE, &fraction, &runs);
  g_assert_cmpfloat (fraction, >, 0.99);
  g_assert_cmpuint (runs, ==, 1);
}

static guint
count_accent (cairo_surface_t *surface,
              const Plot      *plot,
              double           x,
              const GvPalette *pal)
{
  guint n = 0;

  /* Rows clear of the line, which climbs from 10 to 80. */
  for (double y = 85; y <= 99; y += 2)
    for (int dx = -1; dx <= 1; dx++)
      n += is_color (surface, (int) floor (x) + dx, (int) plot_y (plot, y), pal->accent,
                     pal->background);

  return n;
}

static void
test_draw_marker (void)
{
  g_autoptr(GvChart) chart = line_chart (GV_CHART_LINE, 0);
  cairo_surface_t *surface;
  GvChartHover hover;
  GvPalette pal;
  Plot plot;

  gv_palette_init_light (&pal);
  plot = find_plot (chart, WIDTH, HEIGHT, 0, 10, 0, 100);
  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 5), plot_y (&plot, 50));
  g_assert_cmpfloat (hover.x, ==, 5.0);

  surface = render (chart, &pal, WIDTH, HEIGHT);
  g_assert_cmpuint (count_accent (surface, &plot, hover.px, &pal), ==, 0);
  cairo_surface_destroy (surface);

  gv_chart_set_marker (chart, 5);
  surface = render (chart, &pal, WIDTH, HEIGHT);
  g_assert_cmpuint (count_accent (surface, &plot, hover.px, &pal), >=, 8);
  g_assert_cmpuint (count_accent (surface, &plot, plot_x (&plot, 7), &pal), ==, 0);
  cairo_surface_destroy (surface);

  gv_chart_set_marker (chart, NAN);
  surface = render (chart, &pal, WIDTH, HEIGHT);
  g_assert_cmpuint (count_accent (surface, &plot, hover.px, &pal), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_draw_empty (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autoptr(GvChart) bare = gv_chart_new ();
  cairo_surface_t *surface;
  GvChartHover hover;
  GvPalette pal;
  guint text = 0;

  gv_palette_init_light (&pal);
  gv_chart_set_title (chart, "Coverage");
  gv_chart_set_y_unit (chart, "%");
  gv_chart_add_series (chart, "Simulation", GV_CHART_LINE, 0);
  gv_chart_add_series (chart, "Messages", GV_CHART_BARS, 1);
  gv_chart_set_marker (chart, 3);

  surface = render (chart, &pal, WIDTH, HEIGHT);

  /* "No data yet", in the dim colour, around the middle. */
  for (int y = HEIGHT / 2 - 30; y < HEIGHT / 2 + 30; y++)
    for (int x = WIDTH / 2 - 100; x < WIDTH / 2 + 100; x++)
      text += is_color (surface, x, y, pal.dim, pal.background);
  g_assert_cmpuint (text, >, 30);
  cairo_surface_destroy (surface);

  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, WIDTH / 2, HEIGHT / 2);
  g_assert_false (hover.valid);

  /* No series at all, a chart too small for its text, and no size. */
  surface = render (bare, &pal, WIDTH, HEIGHT);
  cairo_surface_destroy (surface);
  surface = render (chart, &pal, 30, 20);
  cairo_surface_destroy (surface);
  surface = render (chart, &pal, 1, 1);
  cairo_surface_destroy (surface);
  hover = gv_chart_hit_test (bare, 0, 0, 0, 0);
  g_assert_false (hover.valid);

  /* Points without a value are no data either. */
  gv_chart_set_points (chart, 0, (double[]) { 0, 1 }, (double[]) { NAN, NAN }, 2);
  surface = render (chart, &pal, WIDTH, HEIGHT);
  cairo_surface_destroy (surface);
  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, WIDTH / 2, HEIGHT / 2);
  g_assert_false (hover.valid);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_on (cairo_surface_t *surface,
         GvChart         *chart,
         const GvPalette *pal)
{
  cairo_t *cr = cairo_create (surface);

  gv_chart_draw (chart, cr, WIDTH, HEIGHT, pal);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
}

static void
test_vector_surfaces (void)
{
  g_autoptr(GvChart) chart = line_chart (GV_CHART_LINE, 0);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  GvPalette pal;

  gv_palette_init_dark (&pal);
  gv_chart_set_marker (chart, 4);

  surface = cairo_svg_surface_create_for_stream (append_bytes_cb, svg, WIDTH, HEIGHT);
  draw_on (surface, chart, &pal);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (svg->len, >, 1000);
  g_assert_cmpmem (svg->data, 5, "<?xml", 5);

  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, pdf, WIDTH, HEIGHT);
  draw_on (surface, chart, &pal);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (pdf->len, >, 1000);
  g_assert_cmpmem (pdf->data, 4, "%PDF", 4);
}

/* Drawn through a recording surface, which has vector metrics, and replayed onto an
 * image, the chart comes out as drawn on the image directly: text is measured the same
 * on every target. */
static void
test_same_on_every_surface (void)
{
  g_autoptr(GvChart) chart = line_chart (GV_CHART_DASHED, 3);
  cairo_rectangle_t extents = { 0, 0, WIDTH, HEIGHT };
  cairo_surface_t *direct, *replayed, *recording;
  cairo_font_options_t *options;
  guint differ = 0;
  GvPalette pal;
  cairo_t *cr;

  gv_palette_init_light (&pal);
  gv_chart_set_note (chart, "Theory: not shown — message loss changes the model");
  direct = render (chart, &pal, WIDTH, HEIGHT);

  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (recording);

  /* Metrics hinted as a screen would hint them must not move anything either. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_ON);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_FULL);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);

  gv_chart_draw (chart, cr, WIDTH, HEIGHT, &pal);
  cairo_destroy (cr);

  replayed = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (replayed);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (replayed);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        Rgb a = pixel (direct, x, y);
        Rgb b = pixel (replayed, x, y);

        differ += fabs (a.r - b.r) + fabs (a.g - b.g) + fabs (a.b - b.b) > 0.1;
      }

  g_test_message ("%u pixels differ", differ);
  g_assert_cmpuint (differ, <, WIDTH * HEIGHT / 1000);

  cairo_surface_destroy (recording);
  cairo_surface_destroy (replayed);
  cairo_surface_destroy (direct);
}

static void
test_hit_test (void)
{
  g_autoptr(GvChart) chart = line_chart (GV_CHART_LINE, 0);
  GvChartHover hover;
  Plot plot;

  plot = find_plot (chart, WIDTH, HEIGHT, 0, 10, 0, 100);

  /* The plot is most of the chart, with margins for the text around it. */
  g_assert_cmpfloat (plot.left, >, 20);
  g_assert_cmpfloat (plot.left, <, 120);
  g_assert_cmpfloat (plot.right, >, WIDTH - 40);
  g_assert_cmpfloat (plot.top, >, 20);
  g_assert_cmpfloat (plot.bottom, <, HEIGHT - 20);
  g_assert_cmpfloat (plot.bottom - plot.top, >, HEIGHT / 2);

  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 3.4), plot_y (&plot, 50));
  g_assert_true (hover.valid);
  g_assert_cmpfloat (hover.x, ==, 3.0);
  g_assert_cmpfloat_with_epsilon (hover.px, plot_x (&plot, 3.0), 1.5);
  g_assert_cmpfloat_with_epsilon (hover.py, plot_y (&plot, 50), 1e-9);

  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 3.6), plot_y (&plot, 50));
  g_assert_true (hover.valid);
  g_assert_cmpfloat (hover.x, ==, 4.0);

  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot.right, plot.top);
  g_assert_true (hover.valid);
  g_assert_cmpfloat (hover.x, ==, 10.0);

  /* Outside: the y labels, the title, the x labels, the right margin. */
  g_assert_false (gv_chart_hit_test (chart, WIDTH, HEIGHT, 5, HEIGHT / 2).valid);
  g_assert_false (gv_chart_hit_test (chart, WIDTH, HEIGHT, WIDTH / 2, 5).valid);
  g_assert_false (gv_chart_hit_test (chart, WIDTH, HEIGHT, WIDTH / 2, HEIGHT - 5).valid);
  g_assert_false (gv_chart_hit_test (chart, WIDTH, HEIGHT, WIDTH - 2, HEIGHT / 2).valid);

  /* A different size, a different plot: not a stale cache.  In a 400 × 200 chart,
   * (395, 100) is in the right margin; at 800 × 400 it was inside. */
  g_assert_true (gv_chart_hit_test (chart, WIDTH, HEIGHT, 395, 100).valid);
  g_assert_false (gv_chart_hit_test (chart, 400, 200, 395, 100).valid);
  g_assert_true (gv_chart_hit_test (chart, 400, 200, 200, 100).valid);

  /* Series with points at different x: the nearest over all of them. */
  {
    guint s = gv_chart_add_series (chart, "Sparse", GV_CHART_DASHED, 1);

    gv_chart_append (chart, s, 3.5, 40);
    hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 3.6), plot_y (&plot, 50));
    g_assert_cmpfloat (hover.x, ==, 3.5);
  }
}

static void
test_hover (void)
{
  g_autoptr(GvChart) chart = line_chart (GV_CHART_LINE, 0);
  cairo_surface_t *plain, *hovered;
  GvPalette pal;
  Plot plot;

  gv_palette_init_dark (&pal);
  plot = find_plot (chart, WIDTH, HEIGHT, 0, 10, 0, 100);
  plain = render (chart, &pal, WIDTH, HEIGHT);

  for (guint k = 0; k < 2; k++)
    {
      double x = k == 0 ? 2 : 10;
      GvChartHover hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, x),
                                              plot_y (&plot, 95));
      guint left = 0, right = 0;
      cairo_t *cr;

      g_assert_true (hover.valid);
      hovered = render (chart, &pal, WIDTH, HEIGHT);
      cr = cairo_create (hovered);
      gv_chart_draw_hover (chart, cr, WIDTH, HEIGHT, &pal, &hover);
      cairo_destroy (cr);
      cairo_surface_flush (hovered);

      /* The read-out sits beside the hover line: right of it unless that runs out of
       * the chart. */
      for (int y = 0; y < HEIGHT; y++)
        for (int px = 0; px < WIDTH; px++)
          {
            Rgb a = pixel (plain, px, y);
            Rgb b = pixel (hovered, px, y);

            if (fabs (a.r - b.r) + fabs (a.g - b.g) + fabs (a.b - b.b) < 0.1)
              continue;
            if (px < hover.px - 8)
              left++;
            else if (px > hover.px + 8)
              right++;
          }

      g_test_message ("hover at %g: %u changed left, %u right", x, left, right);
      if (k == 0)
        {
          g_assert_cmpuint (right, >, 500);
          g_assert_cmpuint (left, ==, 0);
        }
      else
        {
          g_assert_cmpuint (left, >, 500);
          g_assert_cmpuint (right, ==, 0);
        }

      /* Near the top of the plot, yet whole and inside the chart. */
      g_assert_true (is_background (hovered, 0, 0, pal.background));

      /* The hover line, dim, through the plot. */
      g_assert_true (color_near (hovered, hover.px, plot_y (&plot, 60), 1, pal.dim,
                                 pal.background));

      cairo_surface_destroy (hovered);
    }

  cairo_surface_destroy (plain);
}

static void
test_legend_layout (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  const int width = 320;
  const int height = 360;
  cairo_surface_t *surface;
  GvPalette pal;
  Plot plot;
  guint above[7] = { 0 };

  gv_palette_init_light (&pal);
  gv_chart_set_title (chart, "Seven runs, side by side");
  gv_chart_set_note (chart, "Theory: not shown — message loss changes the model");
  gv_chart_set_y_range (chart, 0, 100);

  /* Seven long labels wrap onto several rows at this width. */
  for (guint k = 0; k < 7; k++)
    {
      g_autofree char *label = g_strdup_printf ("Simulation run %u", k + 1);
      guint s = gv_chart_add_series (chart, label, k % 2 ? GV_CHART_DASHED : GV_CHART_LINE,
                                     k);

      for (guint x = 0; x <= 10; x++)
        gv_chart_append (chart, s, x, 2.0 + k);
    }

  surface = render (chart, &pal, width, height);
  plot = find_plot (chart, width, height, 0, 10, 0, 100);
  g_test_message ("plot top at %g", plot.top);

  /* Every swatch is above the plot... */
  for (int y = 0; y < plot.top; y++)
    for (int x = 0; x < width; x++)
      for (guint k = 0; k < 7; k++)
        above[k] += is_color (surface, x, y, pal.series[k], pal.background);
  for (guint k = 0; k < 7; k++)
    g_assert_cmpuint (above[k], >, 5);

  /* ...and nothing of the legend or the note is in it: the data lies low, so the upper
   * part of the plot has only grid lines. */
  for (int y = plot.top; y < plot_y (&plot, 30); y++)
    for (int x = plot.left + 2; x < plot.right - 2; x++)
      {
        g_assert_false (is_color (surface, x, y, pal.foreground, pal.background));
        g_assert_false (is_color (surface, x, y, pal.dim, pal.background) &&
                        coverage (pixel (surface, x, y), pal.dim, pal.background) > 0.7);
        for (guint k = 0; k < 7; k++)
          g_assert_false (is_color (surface, x, y, pal.series[k], pal.background));
      }

  cairo_surface_destroy (surface);
}

static void
test_many_points (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autofree double *xs = g_new (double, 5000);
  g_autofree double *ys = g_new (double, 5000);
  cairo_surface_t *surface;
  gint64 start, elapsed;
  GvPalette pal;
  cairo_t *cr;

  gv_palette_init_light (&pal);
  for (guint k = 0; k < 6; k++)
    {
      guint s = gv_chart_add_series (chart, "Run",
                                     k < 2 ? GV_CHART_BARS : k < 4 ? GV_CHART_DASHED
                                                                   : GV_CHART_LINE, k);

      for (guint i = 0; i < 5000; i++)
        {
          xs[i] = i;
          ys[i] = 50.0 + 40.0 * sin (i / 300.0 + k);
        }
      gv_chart_set_points (chart, s, xs, ys, 5000);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    gv_chart_draw (chart, cr, WIDTH, HEIGHT, &pal);
  elapsed = (g_get_monotonic_time () - start) / 10;

  g_test_message ("%" G_GINT64_FORMAT " µs per draw of 30000 points", elapsed);
  /* A frame's budget, many times over; a quadratic step would blow it. */
  g_assert_cmpint (elapsed, <, 250000);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    gv_chart_hit_test (chart, WIDTH, HEIGHT, 100 + i % 600, 200);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("%" G_GINT64_FORMAT " µs per 1000 hit tests", elapsed);
  g_assert_cmpint (elapsed, <, 250000);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  g_autofree char *title = NULL;
  guint count = 0;

  g_signal_connect (chart, "notify", G_CALLBACK (notify_cb), &count);

  gv_chart_set_title (chart, "Coverage");
  gv_chart_set_title (chart, "Coverage");
  g_assert_cmpuint (count, ==, 1);
  g_object_get (chart, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Coverage");

  g_object_set (chart, "note", "Why", "y-unit", "%", NULL);
  gv_chart_set_note (chart, "Why");
  g_assert_cmpuint (count, ==, 3);

  g_assert_false (gv_chart_get_y_integer (chart));
  gv_chart_set_y_integer (chart, TRUE);
  gv_chart_set_y_integer (chart, TRUE);
  g_assert_cmpuint (count, ==, 4);
  g_object_set (chart, "y-integer", FALSE, NULL);
  g_assert_false (gv_chart_get_y_integer (chart));
  g_assert_cmpuint (count, ==, 5);

  g_assert_cmpuint (gv_chart_add_series (chart, "a", GV_CHART_LINE, 0), ==, 0);
  g_assert_cmpuint (gv_chart_add_series (chart, "b", GV_CHART_BARS, 1), ==, 1);
  gv_chart_append (chart, 1, 2, 3);
  gv_chart_append (chart, 1, 1, 3);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 2);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, 0);
  g_assert_cmpuint (gv_chart_get_n_points (chart, 1), ==, 2);

  gv_chart_clear (chart);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 0);
}

/* ---- what run charts need: gaps, levels, keys, outcome colours ------------------------ */

/* A value that was not recorded (NaN) leaves a gap in the line, and no read-out. */
static void
test_draw_gap (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  cairo_surface_t *surface;
  GvChartHover hover;
  GvPalette pal;
  Plot plot;
  double y;

  gv_palette_init_light (&pal);
  gv_chart_set_y_range (chart, 0, 100);
  gv_chart_add_series (chart, "Simulation", GV_CHART_LINE, 0);
  for (guint x = 0; x <= 10; x++)
    gv_chart_append (chart, 0, x, x == 5 ? NAN : 10.0 + 7.0 * x);
  g_assert_false (gv_chart_get_value (chart, 0, 5, &y));
  g_assert_true (gv_chart_get_value (chart, 0, 4, &y));
  g_assert_cmpfloat (y, ==, 38);

  surface = render (chart, &pal, WIDTH, HEIGHT);
  plot = find_plot (chart, WIDTH, HEIGHT, 0, 10, 0, 100);
  /* Either side of the gap is drawn; across it, nothing. */
  g_assert_true (color_near (surface, plot_x (&plot, 3.5), plot_y (&plot, 34.5), 1,
                             pal.series[0], pal.background));
  g_assert_true (color_near (surface, plot_x (&plot, 6.5), plot_y (&plot, 55.5), 1,
                             pal.series[0], pal.background));
  g_assert_false (color_near (surface, plot_x (&plot, 4.5), plot_y (&plot, 41.5), 1,
                              pal.series[0], pal.background));
  g_assert_false (color_near (surface, plot_x (&plot, 5.5), plot_y (&plot, 48.5), 1,
                              pal.series[0], pal.background));

  /* The hover skips the missing point for its neighbours. */
  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 5.1), plot_y (&plot, 50));
  g_assert_true (hover.valid);
  g_assert_cmpfloat (fabs (hover.x - 5), ==, 1);
  cairo_surface_destroy (surface);
}

/* A level is a dashed line at its value across the whole plot, whatever its own x. */
static void
test_draw_level (void)
{
  g_autoptr(GvChart) chart = line_chart (GV_CHART_LINE, 0);
  cairo_surface_t *surface;
  GvChartHover hover;
  GvPalette pal;
  guint level, left = 0, right = 0, coloured = 0, total = 0;
  Plot plot;

  gv_palette_init_light (&pal);
  level = gv_chart_add_series (chart, "Residue", GV_CHART_LEVEL, 1);
  gv_chart_set_points (chart, level, (double[]) { 0, 40 }, (double[]) { 90, 90 }, 2);
  g_assert_cmpint (gv_chart_get_series_style (chart, level), ==, GV_CHART_LEVEL);

  surface = render (chart, &pal, WIDTH, HEIGHT);
  /* The x axis still ends at the line's 10, not at the level's 40. */
  plot = find_plot (chart, WIDTH, HEIGHT, 0, 10, 0, 100);
  hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot.right, plot_y (&plot, 50));
  g_assert_true (hover.valid);
  g_assert_cmpfloat (hover.x, ==, 10);

  for (int x = (int) plot.left + 1; x < (int) plot.right - 1; x++)
    {
      gboolean c = color_near (surface, x, plot_y (&plot, 90), 1, pal.series[1], pal.background);

      coloured += c;
      total++;
      left |= c && x < plot_x (&plot, 1);
      right |= c && x > plot_x (&plot, 9);
    }
  g_test_message ("level: %u of %u pixels", coloured, total);
  g_assert_true (left && right);
  g_assert_cmpfloat ((double) coloured / total, >, 0.3);
  g_assert_cmpfloat ((double) coloured / total, <, 0.9);
  cairo_surface_destroy (surface);

  /* The read-out has the level's value at any round. */
  {
    cairo_surface_t *with_hover = render (chart, &pal, WIDTH, HEIGHT);
    cairo_t *cr = cairo_create (with_hover);

    hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 3), plot_y (&plot, 50));
    g_assert_cmpfloat (hover.x, ==, 3);
    gv_chart_draw_hover (chart, cr, WIDTH, HEIGHT, &pal, &hover);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (with_hover);
  }
}

static void
test_series_keys (void)
{
  g_autoptr(GvChart) chart = gv_chart_new ();
  guint a, b;
  double x, y;

  a = gv_chart_add_series (chart, "Simulation", GV_CHART_LINE, 0);
  b = gv_chart_add_series (chart, "Rumour 2", GV_CHART_LINE, 1);
  g_assert_cmpint (gv_chart_find_series (chart, "item:0"), ==, -1);
  gv_chart_set_series_key (chart, a, "item:0");
  gv_chart_set_series_key (chart, b, "item:1");
  g_assert_cmpint (gv_chart_find_series (chart, "item:0"), ==, a);
  g_assert_cmpint (gv_chart_find_series (chart, "item:1"), ==, b);
  g_assert_cmpint (gv_chart_find_series (chart, "item:2"), ==, -1);

  gv_chart_set_series_label (chart, a, "Rumour 1");
  g_assert_cmpstr (gv_chart_get_series_label (chart, a), ==, "Rumour 1");
  g_assert_cmpint (gv_chart_get_series_style (chart, b), ==, GV_CHART_LINE);

  /* Points in the order given; a value at an x is the last one given there. */
  gv_chart_append (chart, a, 2, 20);
  gv_chart_append (chart, a, 1, 10);
  gv_chart_append (chart, a, 2, 25);
  gv_chart_get_point (chart, a, 1, &x, &y);
  g_assert_cmpfloat (x, ==, 1);
  g_assert_cmpfloat (y, ==, 10);
  g_assert_true (gv_chart_get_value (chart, a, 2, &y));
  g_assert_cmpfloat (y, ==, 25);
  g_assert_false (gv_chart_get_value (chart, a, 3, &y));
  g_assert_false (gv_chart_get_value (chart, b, 2, &y));

  g_assert_null (gv_chart_get_note (chart));
  gv_chart_set_note (chart, "Why");
  g_assert_cmpstr (gv_chart_get_note (chart), ==, "Why");
  gv_chart_set_title (chart, "Coverage");
  g_assert_cmpstr (gv_chart_get_title (chart), ==, "Coverage");

  /* A series put in between moves the later ones up, keys and all. */
  g_assert_cmpstr (gv_chart_get_series_key (chart, b), ==, "item:1");
  g_assert_cmpuint (gv_chart_insert_series (chart, 1, "Between", GV_CHART_DASHED, 2), ==, 1);
  g_assert_null (gv_chart_get_series_key (chart, 1));
  g_assert_cmpint (gv_chart_find_series (chart, "item:1"), ==, 2);
  g_assert_cmpstr (gv_chart_get_series_label (chart, 1), ==, "Between");
  g_assert_cmpuint (gv_chart_get_n_points (chart, 0), ==, 3);
  g_assert_cmpuint (gv_chart_insert_series (chart, 99, "Last", GV_CHART_LINE, 3), ==, 3);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 4);

  gv_chart_clear (chart);
  g_assert_cmpint (gv_chart_find_series (chart, "item:0"), ==, -1);
}

/* Bars coloured by a message outcome take the palette's message colours, as the network
 * picture's messages do. */
static void
test_outcome_colors (void)
{
  static const guint outcomes[] = { 0, 1, 2, 3 };
  GvPalette palettes[2];

  gv_palette_init_light (&palettes[0]);
  gv_palette_init_dark (&palettes[1]);

  for (guint k = 0; k < 2; k++)
    {
      const GvPalette *pal = &palettes[k];
      GvColor want[] = { pal->useful, pal->redundant, pal->lost, pal->dead };
      g_autoptr(GvChart) chart = gv_chart_new ();
      cairo_surface_t *surface;
      GvChartHover hover;
      Plot plot;

      gv_chart_set_y_range (chart, 0, 100);
      for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
        {
          guint s = gv_chart_add_series (chart, "bar", GV_CHART_BARS,
                                         GV_CHART_COLOR_OUTCOME (outcomes[i]));

          for (guint x = 0; x < 5; x++)
            gv_chart_append (chart, s, x, 20);
        }

      surface = render (chart, pal, WIDTH, HEIGHT);
      plot = find_plot (chart, WIDTH, HEIGHT, -0.5, 4.5, 0, 100);
      hover = gv_chart_hit_test (chart, WIDTH, HEIGHT, plot_x (&plot, 2), plot.bottom - 5);
      for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
        g_assert_true (is_color (surface, hover.px, plot_y (&plot, 10 + 20 * i), want[i],
                                 pal->background));
      cairo_surface_destroy (surface);
    }
}

/* ---- samples for a person to look at ------------------------------------------------- */

static guint32
lcg (guint32 *state)
{
  *state = *state * 1664525u + 1013904223u;
  return *state >> 8;
}

static GvChart *
coverage_chart (gboolean with_note)
{
  GvChart *chart = gv_chart_new ();
  double theory[31];
  guint32 state = 7;
  guint sim, mean, logistic;

  gv_chart_set_title (chart, "Coverage");
  gv_chart_set_x_label (chart, "Round");
  gv_chart_set_y_label (chart, "Informed nodes");
  gv_chart_set_y_unit (chart, "%");
  gv_chart_set_y_range (chart, 0, 100);

  sim = gv_chart_add_series (chart, "Simulation", GV_CHART_LINE, 0);
  mean = gv_chart_add_series (chart, "Mean-field theory", GV_CHART_DASHED, 1);
  logistic = gv_chart_add_series (chart, "Logistic", GV_CHART_DASHED, 2);

  gv_theory_mean_field_curve (GV_EXCHANGE_PUSH, 1, 1000, theory, 30);
  for (guint r = 0; r <= 30; r++)
    {
      double noise = ((lcg (&state) % 1000) / 1000.0 - 0.5) * 0.06;
      double sim_value = CLAMP (theory[r] * (1.0 + noise), 0, 1);

      if (!with_note)
        {
          gv_chart_append (chart, mean, r, 100.0 * theory[r]);
          gv_chart_append (chart, logistic, r, 100.0 * gv_theory_logistic (1000, 1, r));
        }
      if (r <= 22)
        gv_chart_append (chart, sim, r, 100.0 * sim_value);
    }

  if (with_note)
    gv_chart_set_note (chart, "Theory: not shown — message loss changes the model");

  gv_chart_set_marker (chart, 22);
  return chart;
}

static GvChart *
messages_chart (void)
{
  GvChart *chart = gv_chart_new ();
  double theory[41];
  guint sent, redundant, lost;

  gv_chart_set_title (chart, "Messages per round");
  gv_chart_set_x_label (chart, "Round");
  gv_chart_set_y_label (chart, "Messages");

  sent = gv_chart_add_series (chart, "Useful", GV_CHART_BARS, 2);
  redundant = gv_chart_add_series (chart, "Redundant", GV_CHART_BARS, 4);
  lost = gv_chart_add_series (chart, "Lost", GV_CHART_BARS, 5);

  gv_theory_mean_field_curve (GV_EXCHANGE_PUSH, 1, 20000, theory, 40);
  for (guint r = 1; r <= 40; r++)
    {
      double informed = 20000 * theory[r - 1];
      double fresh = 20000 * (theory[r] - theory[r - 1]);

      gv_chart_append (chart, sent, r, round (fresh * 0.95));
      gv_chart_append (chart, redundant, r, round ((informed - fresh) * 0.95));
      gv_chart_append (chart, lost, r, round (informed * 0.05));
    }

  gv_chart_set_marker (chart, 40);
  return chart;
}

/* Several runs compared, with crashes: a legend that wraps, counts that are not %. */
static GvChart *
alive_chart (guint n_runs)
{
  GvChart *chart = gv_chart_new ();
  guint32 state = 11;

  gv_chart_set_title (chart, "Alive nodes");
  gv_chart_set_x_label (chart, "Round");
  gv_chart_set_y_label (chart, "Nodes");

  for (guint k = 0; k < n_runs; k++)
    {
      g_autofree char *label = g_strdup_printf ("Run %u (crash rate %.1f%%)", k + 1, k * 0.5);
      guint s = gv_chart_add_series (chart, label, GV_CHART_LINE, k);
      double alive = 1000;

      for (guint r = 0; r <= 60; r++)
        {
          gv_chart_append (chart, s, r, alive);
          alive -= (lcg (&state) % 1000) / 1000.0 * k * 0.01 * alive;
          alive = floor (alive);
        }
    }

  return chart;
}

static void
write_png (GvChart         *chart,
           const GvPalette *pal,
           int              width,
           int              height,
           double           hover_x,
           double           hover_y,
           const char      *name)
{
  const char *dir = g_getenv ("GV_CHART_PNG_DIR");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = render (chart, pal, width, height);

  if (hover_x >= 0)
    {
      GvChartHover hover = gv_chart_hit_test (chart, width, height, hover_x, hover_y);
      cairo_t *cr = cairo_create (surface);

      g_assert_true (hover.valid);
      gv_chart_draw_hover (chart, cr, width, height, pal, &hover);
      cairo_destroy (cr);
    }

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
test_samples (void)
{
  g_autoptr(GvChart) coverage = NULL;
  g_autoptr(GvChart) noted = NULL;
  g_autoptr(GvChart) messages = NULL;
  g_autoptr(GvChart) empty = NULL;
  GvPalette light, dark;

  if (g_getenv ("GV_CHART_PNG_DIR") == NULL)
    {
      g_test_skip ("set GV_CHART_PNG_DIR to write sample charts");
      return;
    }

  gv_palette_init_light (&light);
  gv_palette_init_dark (&dark);
  coverage = coverage_chart (FALSE);
  noted = coverage_chart (TRUE);
  messages = messages_chart ();
  empty = gv_chart_new ();
  gv_chart_set_title (empty, "Alive nodes");
  gv_chart_set_x_label (empty, "Round");
  gv_chart_add_series (empty, "Alive", GV_CHART_LINE, 0);

  write_png (coverage, &light, WIDTH, HEIGHT, -1, -1, "chart-coverage-light.png");
  write_png (coverage, &dark, WIDTH, HEIGHT, -1, -1, "chart-coverage-dark.png");
  write_png (coverage, &light, WIDTH, HEIGHT, 330, 200, "chart-coverage-hover-light.png");
  write_png (coverage, &dark, WIDTH, HEIGHT, 700, 300, "chart-coverage-hover-dark.png");
  write_png (noted, &light, 480, 320, -1, -1, "chart-coverage-note-light.png");
  write_png (messages, &light, WIDTH, HEIGHT, -1, -1, "chart-messages-light.png");
  write_png (messages, &dark, WIDTH, HEIGHT, -1, -1, "chart-messages-dark.png");
  write_png (messages, &dark, WIDTH, HEIGHT, 420, 150, "chart-messages-hover-dark.png");
  write_png (empty, &light, 480, 320, -1, -1, "chart-empty-light.png");
  write_png (empty, &dark, 480, 320, -1, -1, "chart-empty-dark.png");

  {
    g_autoptr(GvChart) one = alive_chart (1);
    g_autoptr(GvChart) runs = alive_chart (6);

    write_png (one, &dark, WIDTH, 300, -1, -1, "chart-alive-dark.png");
    write_png (runs, &light, 420, 320, 300, 200, "chart-runs-light.png");
    write_png (runs, &dark, 420, 320, -1, -1, "chart-runs-dark.png");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-ticks/ranges", test_nice_ticks_ranges);
  g_test_add_func ("/chart/nice-ticks/exact", test_nice_ticks_exact);
  g_test_add_func ("/chart/nice-ticks/edges", test_nice_ticks_edges);
  g_test_add_func ("/chart/integer-ticks", test_integer_ticks);
  g_test_add_func ("/chart/draw/line", test_draw_line);
  g_test_add_func ("/chart/draw/y-auto-range", test_draw_y_auto_range);
  g_test_add_func ("/chart/draw/bars", test_draw_bars);
  g_test_add_func ("/chart/draw/dashed", test_draw_dashed);
  g_test_add_func ("/chart/draw/marker", test_draw_marker);
  g_test_add_func ("/chart/draw/empty", test_draw_empty);
  g_test_add_func ("/chart/draw/vector-surfaces", test_vector_surfaces);
  g_test_add_func ("/chart/draw/same-on-every-surface", test_same_on_every_surface);
  g_test_add_func ("/chart/hit-test", test_hit_test);
  g_test_add_func ("/chart/hover", test_hover);
  g_test_add_func ("/chart/legend-layout", test_legend_layout);
  g_test_add_func ("/chart/many-points", test_many_points);
  g_test_add_func ("/chart/properties", test_properties);
  g_test_add_func ("/chart/draw/gap", test_draw_gap);
  g_test_add_func ("/chart/draw/level", test_draw_level);
  g_test_add_func ("/chart/series-keys", test_series_keys);
  g_test_add_func ("/chart/outcome-colors", test_outcome_colors);
  g_test_add_func ("/chart/samples", test_samples);

  return g_test_run ();
}
