/* gv-message-spans.c: the message timeline's back end for image surfaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gv-message-diagram-private.h says why marks become spans.  A span is painted as soon
 * as it is cut: crisp, into the pixels no span took before it; smooth, blended over what
 * is there, its coverage changing linearly down its rows (the two columns of an
 * anti-aliased line trade ink as the line drifts across them).
 */

#define G_LOG_DOMAIN "gv-message-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-message-diagram-private.h"

/* Full coverage of a pixel, in the spans' fixed point. */
#define FULL (255 * 256)

/* floor () and ceil () without a call into libm, for what a picture's coordinates can be:
 * they are a good part of the time it takes to cut a frame's marks into spans. */
static inline int
ifloor (double v)
{
  int i;

  v = CLAMP (v, -1e9, 1e9);
  i = (int) v;
  return i - (v < i);
}

static inline int
iceil (double v)
{
  return -ifloor (-v);
}

void
gv_spans_init (GvSpans        *spans,
               const GvRaster *raster,
               gboolean        crisp)
{
  memset (spans, 0, sizeof *spans);
  spans->raster = *raster;
  spans->crisp = crisp;
  if (crisp)
    {
      spans->words = (MAX (raster->y1, 1) + 63) / 64;
      spans->painted = g_new0 (guint64, (gsize) spans->words * MAX (raster->x1, 1));
    }
}

void
gv_spans_clear (GvSpans *spans)
{
  g_clear_pointer (&spans->painted, g_free);
}

void
gv_spans_set_color (GvSpans *spans,
                    guint    layer,
                    GvColor  color)
{
  g_assert (layer < GV_SPANS_MAX_LAYERS);
  spans->colors[layer] = gv_color_to_argb (color);
}

static inline void
to_device (const GvRaster *raster,
           double         *x,
           double         *y)
{
  *x = raster->xx * *x + raster->dx;
  *y = raster->yy * *y + raster->dy;
}

/* A crisp span, at once: its pixels that no span before it took (a bit a pixel in
 * @painted), in its layer's colour, which is opaque. */
static void
paint_crisp (GvSpans *spans,
             guint    layer,
             int      x,
             int      y0,
             int      y1)
{
  const GvRaster *raster = &spans->raster;
  guint32 color = spans->colors[layer];
  guint64 *column = spans->painted + (gsize) x * spans->words;
  guint32 *pixels = raster->data + x;

  for (int w = y0 / 64; w <= (y1 - 1) / 64; w++)
    {
      int lo = MAX (y0, w * 64) - w * 64;
      int hi = MIN (y1, w * 64 + 64) - w * 64;
      guint64 mask = (hi == 64 ? ~G_GUINT64_CONSTANT (0) : (G_GUINT64_CONSTANT (1) << hi) - 1) &
                     ~((G_GUINT64_CONSTANT (1) << lo) - 1);
      guint64 fresh = mask & ~column[w];

      column[w] |= mask;
      while (fresh != 0)
        {
          int y = w * 64 + __builtin_ctzll (fresh);

          fresh &= fresh - 1;
          pixels[(gsize) y * raster->stride] = color;
        }
    }
}

/* Scales the premultiplied channels of @c by @a / 256. */
static inline guint32
scale (guint32 c,
       guint32 a)
{
  return ((((c & 0x00ff00ff) * a) >> 8) & 0x00ff00ff) |
         ((((c >> 8) & 0x00ff00ff) * a) & 0xff00ff00);
}

/* A smooth span, blended at once, its coverage (in FULL's fixed point) moving by @slope a
 * row. */
static void
paint_smooth (GvSpans *spans,
              guint    layer,
              int      x,
              int      y0,
              int      y1,
              gint32   coverage,
              gint32   slope)
{
  const GvRaster *raster = &spans->raster;
  guint32 color = spans->colors[layer];
  guint32 *p = raster->data + (gsize) y0 * raster->stride + x;

  for (int y = y0; y < y1; y++, p += raster->stride, coverage += slope)
    {
      guint32 ink;

      if (coverage <= 0)
        continue;
      ink = coverage >= FULL ? color : scale (color, (guint32) (coverage >> 8) + 1);
      *p = ink + scale (*p, 256 - (ink >> 24));
    }
}

/* Rows [y0, y1) of column x, clipped; @coverage is at row y0. */
static void
add_span (GvSpans *spans,
          guint    layer,
          int      x,
          int      y0,
          int      y1,
          double   coverage,
          double   slope)
{
  const GvRaster *r = &spans->raster;

  if (x < r->x0 || x >= r->x1)
    return;
  if (y0 < r->y0)
    {
      coverage += slope * (r->y0 - y0);
      y0 = r->y0;
    }
  y1 = MIN (y1, r->y1);
  if (y0 >= y1)
    return;

  if (spans->crisp)
    paint_crisp (spans, layer, x, y0, y1);
  else if (coverage > 0 || coverage + slope * (y1 - y0 - 1) > 0)
    paint_smooth (spans, layer, x, y0, y1, (gint32) (coverage + 0.5),
                  (gint32) ifloor (slope + 0.5));
}

/* A line steeper than 45°, from top to bottom, in device pixels: runs of the rows whose
 * centres it crosses, a run a column.  The centre is at x = ax + (row + ½ - ay) × g, so
 * it crosses into the next column every 1 / g rows.  Anti-aliased, each run covers its
 * column and the next as Wu's line does: by how far the centre is from each. */
static void
steep_line (GvSpans *spans,
            guint    layer,
            double   ax,
            double   ay,
            double   bx,
            double   by)
{
  double g = (bx - ax) / (by - ay);
  double ink = spans->crisp ? FULL : sqrt (1 + g * g) * FULL;
  int y = MAX (iceil (ay - 0.5), spans->raster.y0);
  int last = MIN (ifloor (by - 0.5), spans->raster.y1 - 1);
  int step = g > 0 ? 1 : -1;
  double x, across, cross;
  int c;

  if (y > last)
    return;

  /* Wu's columns meet at pixel centres. */
  if (!spans->crisp)
    ax -= 0.5;
  x = ax + (y + 0.5 - ay) * g;
  c = ifloor (x);
  /* The row, not yet rounded, where the centre leaves column c. */
  across = fabs (bx - ax) > 1e-9 * (by - ay) ? (by - ay) / fabs (bx - ax) : G_MAXINT;
  cross = g > 0 ? ay - 0.5 + (c + 1 - ax) * across
                : g < 0 ? ay - 0.5 + (ax - c) * across : G_MAXINT;

  while (y <= last)
    {
      int next = CLAMP (g > 0 ? iceil (cross) : ifloor (cross) + 1, y + 1, last + 1);

      if (spans->crisp)
        add_span (spans, layer, c, y, next, FULL, 0);
      else
        {
          double f = ax + (y + 0.5 - ay) * g - c;

          add_span (spans, layer, c, y, next, (1 - f) * ink, -g * ink);
          add_span (spans, layer, c + 1, y, next, f * ink, g * ink);
        }
      y = next;
      c += step;
      cross += across;
    }
}

/* A line flatter than 45°, from left to right: a span of one row (two, anti-aliased)
 * in each column whose centre it crosses. */
static void
shallow_line (GvSpans *spans,
              guint    layer,
              double   ax,
              double   ay,
              double   bx,
              double   by)
{
  double g = (by - ay) / (bx - ax);
  double ink = sqrt (1 + g * g) * FULL;
  int first = MAX (iceil (ax - 0.5), spans->raster.x0);
  int last = MIN (ifloor (bx - 0.5), spans->raster.x1 - 1);

  for (int c = first; c <= last; c++)
    {
      double y = ay + (c + 0.5 - ax) * g;

      if (spans->crisp)
        add_span (spans, layer, c, ifloor (y), ifloor (y) + 1, FULL, 0);
      else
        {
          int r = ifloor (y - 0.5);
          double f = y - 0.5 - r;

          add_span (spans, layer, c, r, r + 1, (1 - f) * ink, 0);
          add_span (spans, layer, c, r + 1, r + 2, f * ink, 0);
        }
    }
}

void
gv_spans_line (GvSpans *spans,
               guint    layer,
               double   x0,
               double   y0,
               double   x1,
               double   y1)
{
  to_device (&spans->raster, &x0, &y0);
  to_device (&spans->raster, &x1, &y1);

  /* Shorter than a pixel each way: a dot, which no row or column centre may cross. */
  if (fabs (x1 - x0) < 1 && fabs (y1 - y0) < 1)
    {
      double x = (x0 + x1) / 2, y = (y0 + y1) / 2;

      add_span (spans, layer, ifloor (x), ifloor (y), ifloor (y) + 1,
                FULL * MAX (0.5, MAX (fabs (x1 - x0), fabs (y1 - y0))), 0);
      return;
    }

  if (fabs (y1 - y0) >= fabs (x1 - x0))
    {
      if (y1 < y0)
        steep_line (spans, layer, x1, y1, x0, y0);
      else
        steep_line (spans, layer, x0, y0, x1, y1);
    }
  else if (x1 < x0)
    shallow_line (spans, layer, x1, y1, x0, y0);
  else
    shallow_line (spans, layer, x0, y0, x1, y1);
}

/* Where the vertical line at @x meets the triangle: [*lo, *hi], or FALSE. */
static gboolean
triangle_column (const double *px,
                 const double *py,
                 double        x,
                 double       *lo,
                 double       *hi)
{
  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;

  for (guint i = 0; i < 3; i++)
    {
      guint j = (i + 1) % 3;
      double y;

      if ((px[i] - x) * (px[j] - x) > 0)
        continue;
      if (px[i] == px[j])
        {
          *lo = MIN (*lo, MIN (py[i], py[j]));
          *hi = MAX (*hi, MAX (py[i], py[j]));
          continue;
        }
      y = py[i] + (x - px[i]) * (py[j] - py[i]) / (px[j] - px[i]);
      *lo = MIN (*lo, y);
      *hi = MAX (*hi, y);
    }

  return *lo <= *hi;
}

void
gv_spans_triangle (GvSpans      *spans,
                   guint         layer,
                   const double  xy[6])
{
  double px[3], py[3], x_min, x_max;
  int first, last;

  for (guint i = 0; i < 3; i++)
    {
      px[i] = xy[2 * i];
      py[i] = xy[2 * i + 1];
      to_device (&spans->raster, &px[i], &py[i]);
    }
  x_min = MIN (px[0], MIN (px[1], px[2]));
  x_max = MAX (px[0], MAX (px[1], px[2]));
  first = MAX (iceil (x_min - 0.5), spans->raster.x0);
  last = MIN (ifloor (x_max - 0.5), spans->raster.x1 - 1);
  /* Narrower than a pixel: the column it is in. */
  if (first > last && x_max - x_min < 1)
    first = last = ifloor ((x_min + x_max) / 2);

  for (int c = first; c <= last; c++)
    {
      double x = CLAMP (c + 0.5, x_min, x_max);
      double lo, hi;
      int top, bottom;

      if (!triangle_column (px, py, x, &lo, &hi))
        continue;

      if (spans->crisp)
        {
          top = iceil (lo - 0.5);
          bottom = ifloor (hi - 0.5);
          if (top > bottom)
            top = bottom = ifloor ((lo + hi) / 2);
          add_span (spans, layer, c, top, bottom + 1, FULL, 0);
          continue;
        }

      /* Anti-aliased at its top and bottom: how much of the end rows it covers. */
      top = ifloor (lo);
      bottom = ifloor (hi);
      if (top == bottom)
        {
          add_span (spans, layer, c, top, top + 1, (hi - lo) * FULL, 0);
          continue;
        }
      add_span (spans, layer, c, top, top + 1, (top + 1 - lo) * FULL, 0);
      add_span (spans, layer, c, top + 1, bottom, FULL, 0);
      add_span (spans, layer, c, bottom, bottom + 1, (hi - bottom) * FULL, 0);
    }
}
