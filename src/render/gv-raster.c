/* gv-raster.c: the painter's two back ends, cairo paths and the rasteriser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gv-raster.h says why there are two, and what they share.
 */

#define G_LOG_DOMAIN "gv-network-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-raster.h"

/* ---- The rasteriser ---------------------------------------------------------------- */

/* Scales the four premultiplied channels of @c by @a / 256, two channels at a time. */
static inline guint32
scale_pixel (guint32 c,
             guint32 a)
{
  guint32 rb = (((c & 0x00ff00ff) * a) >> 8) & 0x00ff00ff;
  guint32 ag = (((c >> 8) & 0x00ff00ff) * a) & 0xff00ff00;

  return rb | ag;
}

/* Porter-Duff OVER of @color, at @coverage out of 255, onto *@p. */
static inline void
blend (guint32 *p,
       guint32  color,
       guint32  coverage)
{
  guint32 src = coverage >= 255 ? color : scale_pixel (color, coverage + (coverage >> 7));

  *p = src + scale_pixel (*p, 256 - (src >> 24));
}

static inline double
coverage_disc (double r,
               double d)
{
  return CLAMP (r - d + 0.5, 0.0, 1.0);
}

static inline double
ramp (double d)
{
  return CLAMP (d + 0.5, 0.0, 1.0);
}

/* How much of a wedge of half-angle @half around the downward direction covers the
 * pixel at (dx, dy), ignoring its rim.  Up to a half it is the meet of two half-planes
 * through the centre; past a half, what the opposite wedge leaves. */
static double
coverage_wedge (double half,
                double dx,
                double dy)
{
  double c, s;

  if (half >= G_PI)
    return 1.0;
  if (half > G_PI / 2)
    return 1.0 - coverage_wedge (G_PI - half, dx, -dy);

  c = cos (half);
  s = sin (half);
  return MIN (ramp (s * dy - c * dx), ramp (s * dy + c * dx));
}

/* How much of the pixel at (dx, dy) from the shape's centre the shape covers, from the
 * distance to its outline: a one-pixel ramp, like cairo's anti-aliasing. */
static double
shape_coverage (GvShapeKind kind,
                double      a,
                double      b,
                double      dx,
                double      dy)
{
  double d, along, across, c1, c2;

  switch (kind)
    {
    case GV_SHAPE_DISC:
      return coverage_disc (a, sqrt (dx * dx + dy * dy));

    case GV_SHAPE_RING:
      d = sqrt (dx * dx + dy * dy);
      return MAX (0.0, coverage_disc (b, d) - (a > 0 ? coverage_disc (a, d) : 0.0));

    case GV_SHAPE_CROSS:
      along = fabs (dx + dy) * G_SQRT2 / 2;
      across = fabs (dx - dy) * G_SQRT2 / 2;
      c1 = CLAMP (a - along + 0.5, 0.0, 1.0) * CLAMP (b - across + 0.5, 0.0, 1.0);
      c2 = CLAMP (a - across + 0.5, 0.0, 1.0) * CLAMP (b - along + 0.5, 0.0, 1.0);
      return MAX (c1, c2);

    case GV_SHAPE_SQUARE:
      return ramp (a - fabs (dx)) * ramp (a - fabs (dy));

    case GV_SHAPE_DIAMOND:
      return ramp ((a - fabs (dx) - fabs (dy)) * G_SQRT2 / 2);

    case GV_SHAPE_WEDGE:
      return coverage_disc (a, sqrt (dx * dx + dy * dy)) * coverage_wedge (b, dx, dy);

    default:
      g_assert_not_reached ();
    }
}

static const guint8 *
sprite_mask (GvSprite *sprite,
             int       qx,
             int       qy)
{
  int phase = qy * GV_RASTER_PHASES + qx;
  gsize area = (gsize) sprite->size * sprite->size;
  guint8 *mask = sprite->masks + phase * area;

  /* Phases are computed on first use: nodes that never move need one or two. */
  if ((sprite->ready & (1u << phase)) == 0)
    {
      double cx = sprite->size / 2 + (double) qx / GV_RASTER_PHASES;
      double cy = sprite->size / 2 + (double) qy / GV_RASTER_PHASES;

      for (int y = 0; y < sprite->size; y++)
        for (int x = 0; x < sprite->size; x++)
          {
            double c = shape_coverage (sprite->kind, sprite->a, sprite->b,
                                       x + 0.5 - cx, y + 0.5 - cy);

            mask[y * sprite->size + x] = (guint8) (c * 255 + 0.5);
          }
      sprite->ready |= 1u << phase;
    }

  return mask;
}

static GvSprite *
painter_sprite (GvPainter   *painter,
                GvShapeKind  kind,
                double       a,
                double       b)
{
  GvSprite *sprite;
  double extent;

  for (guint i = 0; i < painter->n_sprites; i++)
    {
      sprite = &painter->sprites[i];
      if (sprite->kind == kind && sprite->a == a && sprite->b == b)
        return sprite;
    }

  /* Past the cache, forget the oldest. */
  if (painter->n_sprites == GV_RASTER_SPRITES)
    {
      g_free (painter->sprites[0].masks);
      memmove (&painter->sprites[0], &painter->sprites[1],
               (GV_RASTER_SPRITES - 1) * sizeof (GvSprite));
      painter->n_sprites--;
    }

  switch (kind)
    {
    case GV_SHAPE_RING:
      extent = b;
      break;
    case GV_SHAPE_CROSS:
      extent = a + b;
      break;
    case GV_SHAPE_SQUARE:
      extent = a * G_SQRT2;
      break;
    case GV_SHAPE_DISC:
    case GV_SHAPE_DIAMOND:
    case GV_SHAPE_WEDGE:
    default:
      extent = a;
      break;
    }
  sprite = &painter->sprites[painter->n_sprites++];
  sprite->kind = kind;
  sprite->a = a;
  sprite->b = b;
  sprite->size = 2 * (int) ceil (MIN (extent, 1024.0) + 1.5);
  sprite->ready = 0;
  sprite->masks = g_malloc ((gsize) GV_RASTER_PHASES * GV_RASTER_PHASES *
                            sprite->size * sprite->size);

  return sprite;
}

static void
raster_sprite (GvRaster *raster,
               GvSprite *sprite,
               double    x,
               double    y,
               guint32   color)
{
  int half = sprite->size / 2;
  const guint8 *mask;
  int ix, iy, qx, qy, left, top, x0, x1, y0, y1;

  if (!(x > raster->x0 - half && x < raster->x1 + half &&
        y > raster->y0 - half && y < raster->y1 + half))
    return;

  ix = (int) floor (x);
  iy = (int) floor (y);
  qx = (int) floor ((x - ix) * GV_RASTER_PHASES + 0.5);
  qy = (int) floor ((y - iy) * GV_RASTER_PHASES + 0.5);
  if (qx == GV_RASTER_PHASES)
    {
      qx = 0;
      ix++;
    }
  if (qy == GV_RASTER_PHASES)
    {
      qy = 0;
      iy++;
    }

  mask = sprite_mask (sprite, qx, qy);
  left = ix - half;
  top = iy - half;
  x0 = MAX (left, raster->x0);
  x1 = MIN (left + sprite->size, raster->x1);
  y0 = MAX (top, raster->y0);
  y1 = MIN (top + sprite->size, raster->y1);

  for (int py = y0; py < y1; py++)
    {
      guint32 *row = raster->data + (gsize) py * raster->stride;
      const guint8 *m = mask + (gsize) (py - top) * sprite->size - left;

      for (int px = x0; px < x1; px++)
        if (m[px] != 0)
          blend (&row[px], color, m[px]);
    }
}

/* Clips the segment to the rectangle (Liang-Barsky), so that the long edges of a
 * zoomed-in picture cost only their visible part. */
static gboolean
clip_segment (double  x0,
              double  y0,
              double  x1,
              double  y1,
              double *p,
              double  left,
              double  top,
              double  right,
              double  bottom)
{
  double dx = x1 - x0, dy = y1 - y0;
  double t0 = 0, t1 = 1;
  double ps[4] = { -dx, dx, -dy, dy };
  double qs[4] = { x0 - left, right - x0, y0 - top, bottom - y0 };

  for (guint i = 0; i < 4; i++)
    {
      if (ps[i] == 0)
        {
          if (qs[i] < 0)
            return FALSE;
          continue;
        }
      if (ps[i] < 0)
        t0 = MAX (t0, qs[i] / ps[i]);
      else
        t1 = MIN (t1, qs[i] / ps[i]);
    }
  if (t0 > t1)
    return FALSE;

  p[0] = x0 + t0 * dx;
  p[1] = y0 + t0 * dy;
  p[2] = x0 + t1 * dx;
  p[3] = y0 + t1 * dy;
  return TRUE;
}

static inline void
add_coverage (guint8  *p,
              guint32  coverage)
{
  guint32 sum = *p + coverage;

  *p = (guint8) MIN (sum, 255u);
}

/* Xiaolin Wu's anti-aliased line, one pixel wide, in 16.16 fixed point, added into a
 * coverage mask of the clip rectangle.  The plain algorithm gives every column one
 * pixel of ink, so a diagonal would look fainter than cairo's; the slope factor gives
 * it the ink of a one-pixel-wide stroke instead. */
static void
raster_line (const GvRaster *raster,
             guint8         *mask,
             int             mask_stride,
             double          ax,
             double          ay,
             double          bx,
             double          by)
{
  double p[4], gradient, t;
  gboolean steep;
  gint64 y, step;
  guint32 ink;
  int x_first, x_last, minor_first, minor_last;

  /* Pixel centres are at half-integers; in the shifted frame they are integers, and a
   * column touches rows floor (y) and floor (y) + 1.  Clipping to one row short of the
   * bottom keeps both rows inside without a test per pixel. */
  ax -= 0.5;
  ay -= 0.5;
  bx -= 0.5;
  by -= 0.5;
  steep = fabs (by - ay) > fabs (bx - ax);
  if (steep)
    {
      t = ax, ax = ay, ay = t;
      t = bx, bx = by, by = t;
      minor_first = raster->x0;
      minor_last = raster->x1 - 2;
      if (!clip_segment (ax, ay, bx, by, p, raster->y0, minor_first, raster->y1 - 1,
                         minor_last))
        return;
    }
  else
    {
      minor_first = raster->y0;
      minor_last = raster->y1 - 2;
      if (!clip_segment (ax, ay, bx, by, p, raster->x0, minor_first, raster->x1 - 1,
                         minor_last))
        return;
    }

  ax = p[0], ay = p[1], bx = p[2], by = p[3];
  if (ax > bx)
    {
      t = ax, ax = bx, bx = t;
      t = ay, ay = by, by = t;
    }

  gradient = bx - ax > 1e-9 ? (by - ay) / (bx - ax) : 0.0;
  ink = (guint32) (sqrt (1 + gradient * gradient) * 256 + 0.5);
  x_first = (int) ceil (ax);
  x_last = (int) floor (bx);
  y = (gint64) floor ((ay + (x_first - ax) * gradient) * 65536 + 0.5);
  step = (gint64) floor (gradient * 65536 + 0.5);

  for (int x = x_first; x <= x_last; x++, y += step)
    {
      int iy = (int) (y >> 16);
      guint32 f = (guint32) (y >> 8) & 0xff;
      guint8 *px;

      /* Rounding can step a hair outside the clipped range at either end. */
      if (G_UNLIKELY (iy < minor_first || iy > minor_last))
        continue;

      if (steep)
        {
          px = mask + (gsize) (x - raster->y0) * mask_stride + (iy - raster->x0);
          add_coverage (px, ((255 - f) * ink) >> 8);
          add_coverage (px + 1, (f * ink) >> 8);
        }
      else
        {
          px = mask + (gsize) (iy - raster->y0) * mask_stride + (x - raster->x0);
          add_coverage (px, ((255 - f) * ink) >> 8);
          add_coverage (px + mask_stride, (f * ink) >> 8);
        }
    }
}

/* Narrows [*lo, *hi] to where a + b x >= 0. */
static inline void
narrow_span (double  a,
             double  b,
             double *lo,
             double *hi)
{
  if (b > 1e-12)
    *lo = MAX (*lo, -a / b);
  else if (b < -1e-12)
    *hi = MIN (*hi, -a / b);
  else if (a < 0)
    *hi = -G_MAXDOUBLE;
}

/* A triangle from a base of half-width @w at the head to a point at the tail.  Along a
 * row, every distance that decides coverage is linear in x, so the span of pixels that
 * the triangle touches is found first, and only those are visited. */
static void
raster_tail (GvRaster *raster,
             guint32   color,
             double    hx,
             double    hy,
             double    tx,
             double    ty,
             double    w)
{
  double length = hypot (tx - hx, ty - hy);
  double ux, uy, taper;
  int y0, y1;

  if (length < 0.5)
    return;
  ux = (tx - hx) / length;
  uy = (ty - hy) / length;
  taper = w / length;

  y0 = MAX (raster->y0, (int) floor (MIN (hy - w, ty)));
  y1 = MIN (raster->y1, (int) ceil (MAX (hy + w, ty)) + 1);

  for (int y = y0; y < y1; y++)
    {
      guint32 *row = raster->data + (gsize) y * raster->stride;
      double vy = y + 0.5 - hy;
      /* At the pixel centre cx: along = a0 + ux cx, across = c0 + uy cx. */
      double a0 = -hx * ux + vy * uy;
      double c0 = -hx * uy - vy * ux;
      double lo = raster->x0 + 0.5, hi = raster->x1 - 0.5;
      double along, across;
      int x0, x1;

      narrow_span (a0, ux, &lo, &hi);
      narrow_span (length - a0, -ux, &lo, &hi);
      narrow_span (w + 0.5 - taper * a0 - c0, -taper * ux - uy, &lo, &hi);
      narrow_span (w + 0.5 - taper * a0 + c0, -taper * ux + uy, &lo, &hi);
      if (lo > hi)
        continue;

      x0 = MAX (raster->x0, (int) ceil (lo - 0.5));
      x1 = MIN (raster->x1 - 1, (int) floor (hi - 0.5));
      along = a0 + ux * (x0 + 0.5);
      across = c0 + uy * (x0 + 0.5);

      for (int x = x0; x <= x1; x++, along += ux, across += uy)
        {
          double width = w - along * taper;
          double c = (width - fabs (across) + 0.5) * MIN (1.0, 2 * width);

          if (c > 0)
            blend (&row[x], color, c >= 1 ? 255 : (guint32) (c * 255 + 0.5));
        }
    }
}

/* ---- The painter ------------------------------------------------------------------- */

/* Whether @cr draws into pixels that can be written directly: an ARGB32 or RGB24 image,
 * no group, the OVER operator, an axis-aligned transform with the same scale on both
 * axes, and a clip that is one rectangle. */
static gboolean
raster_init (GvRaster *raster,
             cairo_t  *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_list_t *clips;
  cairo_format_t format;
  cairo_matrix_t m;
  double offset_x, offset_y, scale_x, scale_y;
  double cx0, cy0, cx1, cy1;
  int width, height;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_group_target (cr) != target ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;

  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_offset (target, &offset_x, &offset_y);
  cairo_surface_get_device_scale (target, &scale_x, &scale_y);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 ||
      fabs (m.xx * scale_x - m.yy * scale_y) > 1e-9 * m.xx * scale_x)
    return FALSE;

  raster->xx = m.xx * scale_x;
  raster->dx = m.x0 * scale_x + offset_x;
  raster->yy = m.yy * scale_y;
  raster->dy = m.y0 * scale_y + offset_y;

  clips = cairo_copy_clip_rectangle_list (cr);
  if (clips->status != CAIRO_STATUS_SUCCESS || clips->num_rectangles > 1)
    {
      cairo_rectangle_list_destroy (clips);
      return FALSE;
    }

  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);
  if (clips->num_rectangles == 1)
    {
      cairo_rectangle_t *r = &clips->rectangles[0];

      cx0 = raster->xx * r->x + raster->dx;
      cy0 = raster->yy * r->y + raster->dy;
      cx1 = raster->xx * (r->x + r->width) + raster->dx;
      cy1 = raster->yy * (r->y + r->height) + raster->dy;
    }
  else
    cx0 = cy0 = cx1 = cy1 = 0;
  cairo_rectangle_list_destroy (clips);

  raster->x0 = (int) CLAMP (round (cx0), 0, width);
  raster->y0 = (int) CLAMP (round (cy0), 0, height);
  raster->x1 = (int) CLAMP (round (cx1), raster->x0, width);
  raster->y1 = (int) CLAMP (round (cy1), raster->y0, height);

  cairo_surface_flush (target);
  raster->data = (guint32 *) (gpointer) cairo_image_surface_get_data (target);
  raster->stride = cairo_image_surface_get_stride (target) / 4;

  return raster->data != NULL;
}

void
gv_painter_init (GvPainter *painter,
                 cairo_t   *cr)
{
  memset (painter, 0, sizeof *painter);
  painter->cr = cr;
  painter->rasterise = raster_init (&painter->raster, cr);
}

void
gv_painter_finish (GvPainter *painter)
{
  for (guint i = 0; i < painter->n_sprites; i++)
    g_free (painter->sprites[i].masks);
  painter->n_sprites = 0;
  g_clear_pointer (&painter->mask, g_free);

  if (painter->rasterise)
    cairo_surface_mark_dirty (cairo_get_target (painter->cr));
}

void
gv_painter_begin (GvPainter *painter,
                  GvColor    color,
                  double     alpha)
{
  painter->color = color;
  painter->alpha = alpha;
  painter->pixel = gv_color_to_argb (gv_color_with_alpha (color, color.a * alpha));
  painter->any = FALSE;
  if (!painter->rasterise)
    cairo_new_path (painter->cr);
}

static inline void
to_device (const GvPainter *painter,
           double          *x,
           double          *y)
{
  *x = painter->raster.xx * *x + painter->raster.dx;
  *y = painter->raster.yy * *y + painter->raster.dy;
}

void
gv_painter_disc (GvPainter *painter,
                 double     x,
                 double     y,
                 double     r)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      GvSprite *sprite = painter_sprite (painter, GV_SHAPE_DISC, r * painter->raster.xx, 0);

      to_device (painter, &x, &y);
      raster_sprite (&painter->raster, sprite, x, y, painter->pixel);
      return;
    }

  cairo_new_sub_path (painter->cr);
  cairo_arc (painter->cr, x, y, r, 0, 2 * G_PI);
  cairo_close_path (painter->cr);
}

/* A ring is an outer circle and an inner one wound the other way, so that it can share
 * one path (and one fill) with every other ring of its kind. */
void
gv_painter_ring (GvPainter *painter,
                 double     x,
                 double     y,
                 double     r_in,
                 double     r_out)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      GvSprite *sprite = painter_sprite (painter, GV_SHAPE_RING, r_in * painter->raster.xx,
                                       r_out * painter->raster.xx);

      to_device (painter, &x, &y);
      raster_sprite (&painter->raster, sprite, x, y, painter->pixel);
      return;
    }

  cairo_new_sub_path (painter->cr);
  cairo_arc (painter->cr, x, y, r_out, 0, 2 * G_PI);
  cairo_close_path (painter->cr);
  cairo_new_sub_path (painter->cr);
  cairo_arc_negative (painter->cr, x, y, r_in, 2 * G_PI, 0);
  cairo_close_path (painter->cr);
}

/* A bar of the crash cross.  Both bars wind the same way, so where they overlap the
 * centre stays filled under the non-zero rule. */
static void
add_bar (cairo_t *cr,
         double   x,
         double   y,
         double   dx,
         double   dy,
         double   half_length,
         double   half_width)
{
  double px = dy, py = -dx;

  cairo_move_to (cr, x + dx * half_length + px * half_width,
                 y + dy * half_length + py * half_width);
  cairo_line_to (cr, x + dx * half_length - px * half_width,
                 y + dy * half_length - py * half_width);
  cairo_line_to (cr, x - dx * half_length - px * half_width,
                 y - dy * half_length - py * half_width);
  cairo_line_to (cr, x - dx * half_length + px * half_width,
                 y - dy * half_length + py * half_width);
  cairo_close_path (cr);
}

void
gv_painter_cross (GvPainter *painter,
                  double     x,
                  double     y,
                  double     half_length,
                  double     half_width)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      GvSprite *sprite = painter_sprite (painter, GV_SHAPE_CROSS,
                                         half_length * painter->raster.xx,
                                         half_width * painter->raster.xx);

      to_device (painter, &x, &y);
      raster_sprite (&painter->raster, sprite, x, y, painter->pixel);
      return;
    }

  add_bar (painter->cr, x, y, G_SQRT2 / 2, G_SQRT2 / 2, half_length, half_width);
  add_bar (painter->cr, x, y, G_SQRT2 / 2, -G_SQRT2 / 2, half_length, half_width);
}

/* A shape that is one sprite: drawn by the rasteriser (TRUE), or left to the caller to
 * add as a path (FALSE). */
static gboolean
painter_sprite_mark (GvPainter   *painter,
                     GvShapeKind  kind,
                     double       x,
                     double       y,
                     double       a,
                     double       b)
{
  painter->any = TRUE;
  if (!painter->rasterise)
    return FALSE;

  to_device (painter, &x, &y);
  raster_sprite (&painter->raster, painter_sprite (painter, kind, a * painter->raster.xx, b),
                 x, y, painter->pixel);
  return TRUE;
}

void
gv_painter_square (GvPainter *painter,
                   double     x,
                   double     y,
                   double     half_side)
{
  if (painter_sprite_mark (painter, GV_SHAPE_SQUARE, x, y, half_side, 0))
    return;

  /* Clockwise, as the discs wind. */
  cairo_rectangle (painter->cr, x - half_side, y - half_side, 2 * half_side, 2 * half_side);
}

void
gv_painter_diamond (GvPainter *painter,
                    double     x,
                    double     y,
                    double     half_diagonal)
{
  if (painter_sprite_mark (painter, GV_SHAPE_DIAMOND, x, y, half_diagonal, 0))
    return;

  cairo_move_to (painter->cr, x, y - half_diagonal);
  cairo_line_to (painter->cr, x + half_diagonal, y);
  cairo_line_to (painter->cr, x, y + half_diagonal);
  cairo_line_to (painter->cr, x - half_diagonal, y);
  cairo_close_path (painter->cr);
}

void
gv_painter_wedge (GvPainter *painter,
                  double     x,
                  double     y,
                  double     r,
                  double     fraction)
{
  double half = G_PI * CLAMP (fraction, 0.0, 1.0);

  if (half <= 0)
    return;
  if (painter_sprite_mark (painter, GV_SHAPE_WEDGE, x, y, r, half))
    return;

  /* Angles grow clockwise on screen, from the right: the downward direction is π/2. */
  cairo_move_to (painter->cr, x, y);
  cairo_arc (painter->cr, x, y, r, G_PI / 2 - half, G_PI / 2 + half);
  cairo_close_path (painter->cr);
}

void
gv_painter_tail (GvPainter *painter,
                 double     hx,
                 double     hy,
                 double     tx,
                 double     ty,
                 double     half_width)
{
  double length = hypot (tx - hx, ty - hy);

  if (length <= 0)
    return;

  painter->any = TRUE;
  if (painter->rasterise)
    {
      to_device (painter, &hx, &hy);
      to_device (painter, &tx, &ty);
      raster_tail (&painter->raster, painter->pixel, hx, hy, tx, ty,
                   half_width * painter->raster.xx);
      return;
    }

  cairo_move_to (painter->cr, hx + (ty - hy) / length * half_width,
                 hy - (tx - hx) / length * half_width);
  cairo_line_to (painter->cr, tx, ty);
  cairo_line_to (painter->cr, hx - (ty - hy) / length * half_width,
                 hy + (tx - hx) / length * half_width);
  cairo_close_path (painter->cr);
}

void
gv_painter_line (GvPainter *painter,
                 double     x1,
                 double     y1,
                 double     x2,
                 double     y2)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      /* Lines add up their coverage in a mask that is blended once, in gv_painter_stroke:
       * a byte a pixel is cheaper than a blend, and crossing edges then join like one
       * stroked path instead of piling up ink where they cross. */
      if (painter->mask == NULL)
        {
          int w = painter->raster.x1 - painter->raster.x0;
          int h = painter->raster.y1 - painter->raster.y0;

          painter->mask_stride = cairo_format_stride_for_width (CAIRO_FORMAT_A8, MAX (w, 1));
          painter->mask = g_malloc0 ((gsize) painter->mask_stride * MAX (h, 1));
          painter->mask_x0 = painter->mask_y0 = G_MAXINT;
          painter->mask_x1 = painter->mask_y1 = G_MININT;
        }
      to_device (painter, &x1, &y1);
      to_device (painter, &x2, &y2);
      /* What the stroke composites and clears: only what the lines touched, so that a
       * batch of a few short lines does not cost a pass over the whole picture. */
      painter->mask_x0 = MIN (painter->mask_x0, (int) floor (MIN (x1, x2)) - 2);
      painter->mask_y0 = MIN (painter->mask_y0, (int) floor (MIN (y1, y2)) - 2);
      painter->mask_x1 = MAX (painter->mask_x1, (int) ceil (MAX (x1, x2)) + 3);
      painter->mask_y1 = MAX (painter->mask_y1, (int) ceil (MAX (y1, y2)) + 3);
      raster_line (&painter->raster, painter->mask, painter->mask_stride, x1, y1, x2, y2);
      return;
    }

  cairo_move_to (painter->cr, x1, y1);
  cairo_line_to (painter->cr, x2, y2);
}

void
gv_painter_fill (GvPainter *painter)
{
  if (painter->rasterise || !painter->any)
    return;

  gv_raster_set_color (painter->cr, painter->color, painter->alpha);
  cairo_fill (painter->cr);
}

void
gv_painter_stroke (GvPainter *painter,
                   double     width)
{
  cairo_t *cr = painter->cr;

  if (!painter->any)
    return;

  if (painter->rasterise)
    {
      cairo_surface_t *target = cairo_get_target (cr);
      cairo_surface_t *mask;
      double scale_x, scale_y, offset_x, offset_y;
      int w = painter->raster.x1 - painter->raster.x0;
      int h = painter->raster.y1 - painter->raster.y0;
      int bx0, by0, bx1, by1;

      if (painter->mask == NULL || w <= 0 || h <= 0)
        return;

      /* The touched box, in the mask, its left edge on a 4-byte boundary for pixman. */
      bx0 = CLAMP (painter->mask_x0 - painter->raster.x0, 0, w) & ~3;
      by0 = CLAMP (painter->mask_y0 - painter->raster.y0, 0, h);
      bx1 = CLAMP (painter->mask_x1 - painter->raster.x0, 0, w);
      by1 = CLAMP (painter->mask_y1 - painter->raster.y0, 0, h);
      painter->mask_x0 = painter->mask_y0 = G_MAXINT;
      painter->mask_x1 = painter->mask_y1 = G_MININT;
      if (bx1 <= bx0 || by1 <= by0)
        return;

      /* Composited by cairo (pixman's SIMD path for a solid colour through an A8 mask),
       * lined up pixel for pixel: identity matrix, and the mask given the target's
       * device scale so that the device transform maps it back onto the clip. */
      mask = cairo_image_surface_create_for_data (painter->mask + (gsize) by0 *
                                                  painter->mask_stride + bx0,
                                                  CAIRO_FORMAT_A8, bx1 - bx0, by1 - by0,
                                                  painter->mask_stride);
      cairo_surface_get_device_scale (target, &scale_x, &scale_y);
      cairo_surface_get_device_offset (target, &offset_x, &offset_y);
      cairo_surface_set_device_scale (mask, scale_x, scale_y);

      cairo_surface_mark_dirty (target);
      cairo_save (cr);
      cairo_identity_matrix (cr);
      gv_raster_set_color (cr, painter->color, painter->alpha);
      cairo_mask_surface (cr, mask, (painter->raster.x0 + bx0 - offset_x) / scale_x,
                          (painter->raster.y0 + by0 - offset_y) / scale_y);
      cairo_restore (cr);
      cairo_surface_destroy (mask);
      cairo_surface_flush (target);

      for (int y = by0; y < by1; y++)
        memset (painter->mask + (gsize) y * painter->mask_stride + bx0, 0, bx1 - bx0);
      return;
    }

  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  gv_raster_set_color (cr, painter->color, painter->alpha);
  cairo_stroke (cr);
}

