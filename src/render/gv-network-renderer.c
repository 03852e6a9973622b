/* gv-network-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two back ends share every coordinate, size and colour of the picture:
 *
 * - cairo paths, batched into one fill per kind of mark, for vector surfaces (SVG, PDF,
 *   the recording surfaces of GTK snapshots) and any unusual transform or clip;
 * - a small rasteriser for image surfaces, which is what the frame budget is about.
 *   Even batched, cairo's scan converter needs about 6 ms here for 2,000 small discs
 *   and far longer for a few thousand long, thin edges, because each fill sweeps the
 *   whole picture.  The rasteriser blends pre-computed coverage masks (one per shape,
 *   at 4 × 4 sub-pixel offsets) and Wu lines straight into the pixels instead.
 */

#define G_LOG_DOMAIN "gv-network-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-network-renderer.h"

/* Room between the unit square and the widget's edge; the layouts keep their own
 * padding inside the square, so this only has to keep the picture off the border. */
#define MARGIN 8.0

/* Above this many nodes, or on the complete graph, edges would be a grey smear that
 * costs more to draw than everything else together. */
#define MAX_EDGES_NODES 3000

#define MIN_RADIUS 2.0
#define MAX_RADIUS 14.0

/* Nodes sampled to estimate how closely the layout packs them. */
#define N_SPACING_SAMPLES 32

/* When a useful message lands, and how far along a dead one stops. */
#define FLASH_START 0.85
#define DEAD_STOP 0.8

/* Sub-pixel positions per axis that the rasteriser keeps a mask for: a quarter pixel
 * is below what the eye notices, even on a dot that moves slowly. */
#define N_PHASES 4
#define MAX_SPRITES 16

typedef struct
{
  double scale;   /* pixels per layout unit, zoom included */
  double x0, y0;  /* where the layout's origin lands */
} View;

typedef enum
{
  MSG_USEFUL,
  MSG_REDUNDANT,
  MSG_REQUEST,
  MSG_LOST,
  MSG_DEAD,
  N_MSG_KINDS,
} MessageKind;

typedef enum
{
  SHAPE_DISC,   /* a: radius */
  SHAPE_RING,   /* a: inner radius, b: outer radius */
  SHAPE_CROSS,  /* a: half length, b: half width of each bar */
} ShapeKind;

typedef struct
{
  ShapeKind kind;
  double    a, b;       /* in device pixels */
  int       size;       /* the mask is size × size, centred on size / 2 */
  guint32   ready;      /* a bit per sub-pixel phase already computed */
  guint8   *masks;      /* N_PHASES² masks */
} Sprite;

typedef struct
{
  guint32 *data;
  int      stride;      /* in pixels */
  int      x0, y0;      /* the clip, in device pixels: [x0, x1) × [y0, y1) */
  int      x1, y1;
  double   xx, dx;      /* user to device: xx × x + dx, and likewise for y */
  double   yy, dy;
} Raster;

/* Where the marks of one batch go: a cairo path filled or stroked at the end, or
 * straight into the pixels. */
typedef struct
{
  cairo_t *cr;
  gboolean rasterise;
  Raster   raster;
  GvColor  color;
  double   alpha;
  guint32  pixel;       /* the colour, premultiplied, for the rasteriser */
  guint8  *mask;        /* lines: coverage of the clip rectangle, one byte a pixel */
  int      mask_stride;
  gboolean any;
  Sprite   sprites[MAX_SPRITES];
  guint    n_sprites;
} Painter;

static inline void
set_color (cairo_t *cr,
           GvColor  color,
           double   alpha)
{
  cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a * alpha);
}

static inline GvColor
mix (GvColor a,
     GvColor b,
     double  t)
{
  GvColor c = {
    a.r + (b.r - a.r) * t,
    a.g + (b.g - a.g) * t,
    a.b + (b.b - a.b) * t,
    a.a + (b.a - a.a) * t,
  };

  return c;
}

static inline guint32
argb (GvColor c)
{
  double a = CLAMP (c.a, 0.0, 1.0);

  /* Cairo's ARGB32 is premultiplied, in native endianness. */
  return ((guint32) (a * 255 + 0.5) << 24) |
         ((guint32) (CLAMP (c.r, 0.0, 1.0) * a * 255 + 0.5) << 16) |
         ((guint32) (CLAMP (c.g, 0.0, 1.0) * a * 255 + 0.5) << 8) |
         (guint32) (CLAMP (c.b, 0.0, 1.0) * a * 255 + 0.5);
}

static inline double
ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

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

/* How much of the pixel at (dx, dy) from the shape's centre the shape covers, from the
 * distance to its outline: a one-pixel ramp, like cairo's anti-aliasing. */
static double
shape_coverage (ShapeKind kind,
                double    a,
                double    b,
                double    dx,
                double    dy)
{
  double d, along, across, c1, c2;

  switch (kind)
    {
    case SHAPE_DISC:
      return coverage_disc (a, sqrt (dx * dx + dy * dy));

    case SHAPE_RING:
      d = sqrt (dx * dx + dy * dy);
      return MAX (0.0, coverage_disc (b, d) - (a > 0 ? coverage_disc (a, d) : 0.0));

    case SHAPE_CROSS:
      along = fabs (dx + dy) * G_SQRT2 / 2;
      across = fabs (dx - dy) * G_SQRT2 / 2;
      c1 = CLAMP (a - along + 0.5, 0.0, 1.0) * CLAMP (b - across + 0.5, 0.0, 1.0);
      c2 = CLAMP (a - across + 0.5, 0.0, 1.0) * CLAMP (b - along + 0.5, 0.0, 1.0);
      return MAX (c1, c2);

    default:
      g_assert_not_reached ();
    }
}

static const guint8 *
sprite_mask (Sprite *sprite,
             int     qx,
             int     qy)
{
  int phase = qy * N_PHASES + qx;
  gsize area = (gsize) sprite->size * sprite->size;
  guint8 *mask = sprite->masks + phase * area;

  /* Phases are computed on first use: nodes that never move need one or two. */
  if ((sprite->ready & (1u << phase)) == 0)
    {
      double cx = sprite->size / 2 + (double) qx / N_PHASES;
      double cy = sprite->size / 2 + (double) qy / N_PHASES;

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

static Sprite *
painter_sprite (Painter   *painter,
                ShapeKind  kind,
                double     a,
                double     b)
{
  Sprite *sprite;
  double extent;

  for (guint i = 0; i < painter->n_sprites; i++)
    {
      sprite = &painter->sprites[i];
      if (sprite->kind == kind && sprite->a == a && sprite->b == b)
        return sprite;
    }

  /* A frame uses about ten shapes; past the cache, forget the oldest. */
  if (painter->n_sprites == MAX_SPRITES)
    {
      g_free (painter->sprites[0].masks);
      memmove (&painter->sprites[0], &painter->sprites[1],
               (MAX_SPRITES - 1) * sizeof (Sprite));
      painter->n_sprites--;
    }

  extent = kind == SHAPE_DISC ? a : kind == SHAPE_RING ? b : a + b;
  sprite = &painter->sprites[painter->n_sprites++];
  sprite->kind = kind;
  sprite->a = a;
  sprite->b = b;
  sprite->size = 2 * (int) ceil (MIN (extent, 1024.0) + 1.5);
  sprite->ready = 0;
  sprite->masks = g_malloc ((gsize) N_PHASES * N_PHASES * sprite->size * sprite->size);

  return sprite;
}

static void
raster_sprite (Raster  *raster,
               Sprite  *sprite,
               double   x,
               double   y,
               guint32  color)
{
  int half = sprite->size / 2;
  const guint8 *mask;
  int ix, iy, qx, qy, left, top, x0, x1, y0, y1;

  if (!(x > raster->x0 - half && x < raster->x1 + half &&
        y > raster->y0 - half && y < raster->y1 + half))
    return;

  ix = (int) floor (x);
  iy = (int) floor (y);
  qx = (int) floor ((x - ix) * N_PHASES + 0.5);
  qy = (int) floor ((y - iy) * N_PHASES + 0.5);
  if (qx == N_PHASES)
    {
      qx = 0;
      ix++;
    }
  if (qy == N_PHASES)
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
raster_line (const Raster *raster,
             guint8       *mask,
             int           mask_stride,
             double        ax,
             double        ay,
             double        bx,
             double        by)
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
raster_tail (Raster  *raster,
             guint32  color,
             double   hx,
             double   hy,
             double   tx,
             double   ty,
             double   w)
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
raster_init (Raster  *raster,
             cairo_t *cr)
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

static void
painter_init (Painter *painter,
              cairo_t *cr)
{
  memset (painter, 0, sizeof *painter);
  painter->cr = cr;
  painter->rasterise = raster_init (&painter->raster, cr);
}

static void
painter_finish (Painter *painter)
{
  for (guint i = 0; i < painter->n_sprites; i++)
    g_free (painter->sprites[i].masks);
  painter->n_sprites = 0;
  g_clear_pointer (&painter->mask, g_free);

  if (painter->rasterise)
    cairo_surface_mark_dirty (cairo_get_target (painter->cr));
}

static void
painter_begin (Painter *painter,
               GvColor  color,
               double   alpha)
{
  painter->color = color;
  painter->alpha = alpha;
  painter->pixel = argb (gv_color_with_alpha (color, color.a * alpha));
  painter->any = FALSE;
  if (!painter->rasterise)
    cairo_new_path (painter->cr);
}

static inline void
to_device (const Painter *painter,
           double        *x,
           double        *y)
{
  *x = painter->raster.xx * *x + painter->raster.dx;
  *y = painter->raster.yy * *y + painter->raster.dy;
}

static void
painter_disc (Painter *painter,
              double   x,
              double   y,
              double   r)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      Sprite *sprite = painter_sprite (painter, SHAPE_DISC, r * painter->raster.xx, 0);

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
static void
painter_ring (Painter *painter,
              double   x,
              double   y,
              double   r_in,
              double   r_out)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      Sprite *sprite = painter_sprite (painter, SHAPE_RING, r_in * painter->raster.xx,
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

static void
painter_cross (Painter *painter,
               double   x,
               double   y,
               double   half_length,
               double   half_width)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      Sprite *sprite = painter_sprite (painter, SHAPE_CROSS, half_length * painter->raster.xx,
                                       half_width * painter->raster.xx);

      to_device (painter, &x, &y);
      raster_sprite (&painter->raster, sprite, x, y, painter->pixel);
      return;
    }

  add_bar (painter->cr, x, y, G_SQRT2 / 2, G_SQRT2 / 2, half_length, half_width);
  add_bar (painter->cr, x, y, G_SQRT2 / 2, -G_SQRT2 / 2, half_length, half_width);
}

static void
painter_tail (Painter *painter,
              double   hx,
              double   hy,
              double   tx,
              double   ty,
              double   half_width)
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

static void
painter_line (Painter *painter,
              double   x1,
              double   y1,
              double   x2,
              double   y2)
{
  painter->any = TRUE;
  if (painter->rasterise)
    {
      /* Lines add up their coverage in a mask that is blended once, in painter_stroke:
       * a byte a pixel is cheaper than a blend, and crossing edges then join like one
       * stroked path instead of piling up ink where they cross. */
      if (painter->mask == NULL)
        {
          int w = painter->raster.x1 - painter->raster.x0;
          int h = painter->raster.y1 - painter->raster.y0;

          painter->mask_stride = cairo_format_stride_for_width (CAIRO_FORMAT_A8, MAX (w, 1));
          painter->mask = g_malloc0 ((gsize) painter->mask_stride * MAX (h, 1));
        }
      to_device (painter, &x1, &y1);
      to_device (painter, &x2, &y2);
      raster_line (&painter->raster, painter->mask, painter->mask_stride, x1, y1, x2, y2);
      return;
    }

  cairo_move_to (painter->cr, x1, y1);
  cairo_line_to (painter->cr, x2, y2);
}

static void
painter_fill (Painter *painter)
{
  if (painter->rasterise || !painter->any)
    return;

  set_color (painter->cr, painter->color, painter->alpha);
  cairo_fill (painter->cr);
}

static void
painter_stroke (Painter *painter,
                double   width)
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

      if (painter->mask == NULL || w <= 0 || h <= 0)
        return;

      /* Composited by cairo (pixman's SIMD path for a solid colour through an A8 mask),
       * lined up pixel for pixel: identity matrix, and the mask given the target's
       * device scale so that the device transform maps it back onto the clip. */
      mask = cairo_image_surface_create_for_data (painter->mask, CAIRO_FORMAT_A8, w, h,
                                                  painter->mask_stride);
      cairo_surface_get_device_scale (target, &scale_x, &scale_y);
      cairo_surface_get_device_offset (target, &offset_x, &offset_y);
      cairo_surface_set_device_scale (mask, scale_x, scale_y);

      cairo_surface_mark_dirty (target);
      cairo_save (cr);
      cairo_identity_matrix (cr);
      set_color (cr, painter->color, painter->alpha);
      cairo_mask_surface (cr, mask, (painter->raster.x0 - offset_x) / scale_x,
                          (painter->raster.y0 - offset_y) / scale_y);
      cairo_restore (cr);
      cairo_surface_destroy (mask);
      cairo_surface_flush (target);

      memset (painter->mask, 0, (gsize) painter->mask_stride * h);
      return;
    }

  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  set_color (cr, painter->color, painter->alpha);
  cairo_stroke (cr);
}

/* ---- The scene --------------------------------------------------------------------- */

static void
view_init (View                 *view,
           const GvNetworkScene *scene,
           double                width,
           double                height)
{
  double side = MAX (1.0, MIN (width, height) - 2 * MARGIN);
  double zoom = scene->zoom > 0 ? scene->zoom : 1.0;

  view->scale = side * zoom;
  view->x0 = width / 2 + scene->pan_x - 0.5 * view->scale;
  view->y0 = height / 2 + scene->pan_y - 0.5 * view->scale;
}

static inline void
view_map (const View  *view,
          const float *positions,
          guint32      node,
          double      *x,
          double      *y)
{
  *x = view->x0 + positions[2 * node] * view->scale;
  *y = view->y0 + positions[2 * node + 1] * view->scale;
}

/* The nearest-neighbour distance of a few nodes spread through the index range, in
 * layout units.  A uniform density (1 / sqrt (n)) overestimates the room on a circle or
 * inside the clumps of a force layout, and big nodes would then overlap. */
static double
nearest_spacing (const GvNetworkScene *scene)
{
  const float *xy = scene->positions;
  guint32 n = scene->n_nodes;
  guint32 n_samples = MIN (n, N_SPACING_SAMPLES);
  double nearest[N_SPACING_SAMPLES];
  guint32 found = 0;

  for (guint32 s = 0; s < n_samples; s++)
    {
      guint32 i = (guint32) ((guint64) s * n / n_samples);
      float best = G_MAXFLOAT;

      for (guint32 j = 0; j < n; j++)
        {
          float dx = xy[2 * j] - xy[2 * i];
          float dy = xy[2 * j + 1] - xy[2 * i + 1];
          float d2 = dx * dx + dy * dy;

          /* Nodes stacked on one point say nothing about spacing. */
          if (d2 > 1e-12f && d2 < best)
            best = d2;
        }
      if (best < G_MAXFLOAT)
        nearest[found++] = sqrt (best);
    }

  if (found == 0)
    return 1.0;

  /* The upper quartile, by insertion sort: the sample is tiny.  On a circle or a grid
   * every node has the same nearest distance; in a force layout the dense middle would
   * make the median too timid for the rest. */
  for (guint32 a = 1; a < found; a++)
    for (guint32 b = a; b > 0 && nearest[b - 1] > nearest[b]; b--)
      {
        double t = nearest[b];
        nearest[b] = nearest[b - 1];
        nearest[b - 1] = t;
      }
  return nearest[(3 * found) / 4];
}

static double
view_radius (const View           *view,
             const GvNetworkScene *scene)
{
  double uniform, nearest;

  if (scene->n_nodes == 0 || scene->positions == NULL)
    return MIN_RADIUS;

  uniform = view->scale / sqrt ((double) scene->n_nodes);
  nearest = nearest_spacing (scene) * view->scale;

  return CLAMP (MIN (0.35 * uniform, 0.34 * nearest), MIN_RADIUS, MAX_RADIUS);
}

static inline guint8
node_state (const GvNetworkScene *scene,
            guint32               node)
{
  return scene->states != NULL ? scene->states[node] : GV_NODE_UNINFORMED;
}

static void
draw_edges (Painter              *painter,
            const View           *view,
            const GvNetworkScene *scene,
            const GvPalette      *palette)
{
  const GvTopology *topology = scene->topology;
  double zoom = scene->zoom > 0 ? scene->zoom : 1.0;
  guint32 n = scene->n_nodes;

  /* Many edges over each other add up to a grey mass that hides the nodes; thin the
   * ink as they multiply, and give it back as a zoom spreads them out. */
  painter_begin (painter, palette->edge,
                 MIN (1.0, sqrt (400.0 * zoom * zoom / MAX (1, topology->offsets[n] / 2))));
  for (guint32 v = 0; v < n; v++)
    {
      double x1, y1;

      view_map (view, scene->positions, v, &x1, &y1);
      for (guint32 e = topology->offsets[v]; e < topology->offsets[v + 1]; e++)
        {
          guint32 w = topology->neighbors[e];
          double x2, y2;

          /* Each edge is stored in both rows; draw it once. */
          if (w <= v || w >= n)
            continue;
          view_map (view, scene->positions, w, &x2, &y2);
          painter_line (painter, x1, y1, x2, y2);
        }
    }
  painter_stroke (painter, 1.0);
}

/* The selected node's own edges, so that its neighbourhood can be read off. */
static void
draw_selected_edges (Painter              *painter,
                     const View           *view,
                     const GvNetworkScene *scene,
                     const GvPalette      *palette)
{
  const GvTopology *topology = scene->topology;
  guint32 n = scene->n_nodes;
  guint32 v;
  double x1, y1;

  if (scene->selected_node < 0 || scene->selected_node >= n)
    return;

  v = (guint32) scene->selected_node;
  painter_begin (painter, palette->accent, 0.8);
  view_map (view, scene->positions, v, &x1, &y1);
  for (guint32 e = topology->offsets[v]; e < topology->offsets[v + 1]; e++)
    {
      double x2, y2;

      if (topology->neighbors[e] >= n)
        continue;
      view_map (view, scene->positions, topology->neighbors[e], &x2, &y2);
      painter_line (painter, x1, y1, x2, y2);
    }
  painter_stroke (painter, 1.5);
}

typedef enum
{
  LAYER_OUTLINE,   /* uninformed: an outline around a pale centre, i.e. "empty" */
  LAYER_HOLLOW,
  LAYER_HALO,      /* spreading: solid, with a detached halo, i.e. "active" */
  LAYER_SPREADING,
  LAYER_REMOVED,   /* removed: solid and nothing else, i.e. "done" */
  LAYER_CRASHED,   /* crashed: a dark disc crossed out */
  LAYER_CROSS,
  N_LAYERS,
} NodeLayer;

static const guint8 layer_state[N_LAYERS] = {
  GV_NODE_UNINFORMED, GV_NODE_UNINFORMED, GV_NODE_SPREADING, GV_NODE_SPREADING,
  GV_NODE_REMOVED, GV_NODE_CRASHED, GV_NODE_CRASHED,
};

static void
draw_nodes (Painter              *painter,
            const View           *view,
            double                radius,
            double                width,
            double                height,
            const GvNetworkScene *scene,
            const GvPalette      *palette)
{
  double halo_in = radius + MAX (1.0, 0.2 * radius);
  double halo_out = halo_in + MAX (1.25, 0.22 * radius);
  double outline = MAX (1.25, 0.24 * radius);
  double bar_length = 0.55 * radius;
  double bar_width = 0.5 * MAX (1.0, 0.24 * radius);
  double reach = halo_out + 1;
  guint32 n = scene->n_nodes;
  guint counts[4] = { 0, };

  for (guint32 v = 0; v < n; v++)
    counts[node_state (scene, v) & 3]++;

  /* One pass per layer, each layer one batch: a few thousand fills of one disc each
   * would spend most of the frame in cairo's per-call overhead. */
  for (guint layer = 0; layer < N_LAYERS; layer++)
    {
      guint8 state = layer_state[layer];
      GvColor color;

      if (counts[state] == 0)
        continue;

      switch (layer)
        {
        case LAYER_OUTLINE:
          color = palette->uninformed;
          break;
        case LAYER_HOLLOW:
          color = mix (palette->uninformed, palette->background, 0.6);
          break;
        case LAYER_HALO:
        case LAYER_SPREADING:
          color = palette->spreading;
          break;
        case LAYER_REMOVED:
          color = palette->removed;
          break;
        case LAYER_CRASHED:
          color = palette->crashed;
          break;
        case LAYER_CROSS:
          color = palette->background;
          break;
        default:
          g_assert_not_reached ();
        }

      painter_begin (painter, color, 1.0);
      for (guint32 v = 0; v < n; v++)
        {
          double x, y;

          if (node_state (scene, v) != state)
            continue;
          view_map (view, scene->positions, v, &x, &y);
          if (x < -reach || y < -reach || x > width + reach || y > height + reach)
            continue;

          switch (layer)
            {
            case LAYER_OUTLINE:
              painter_ring (painter, x, y, radius - outline, radius);
              break;
            case LAYER_HOLLOW:
              painter_disc (painter, x, y, radius - outline);
              break;
            case LAYER_HALO:
              painter_ring (painter, x, y, halo_in, halo_out);
              break;
            case LAYER_CROSS:
              painter_cross (painter, x, y, bar_length, bar_width);
              break;
            default:
              painter_disc (painter, x, y, radius);
              break;
            }
        }
      painter_fill (painter);
    }
}

static MessageKind
message_kind (const GvMessageEvent *m)
{
  switch (m->outcome)
    {
    case GV_MESSAGE_USEFUL:
      return MSG_USEFUL;
    case GV_MESSAGE_REDUNDANT:
      return MSG_REDUNDANT;
    case GV_MESSAGE_LOST:
      return MSG_LOST;
    case GV_MESSAGE_DEAD:
      return MSG_DEAD;
    case GV_MESSAGE_REQUEST:
    default:
      return MSG_REQUEST;
    }
}

/* Where a message of @kind is at @progress, as a fraction of the way along its line and
 * a drop below it in pixels, and how opaque it is. */
static void
message_motion (MessageKind  kind,
                double       progress,
                double       fall,
                double      *along,
                double      *drop,
                double      *alpha)
{
  *along = ease (progress);
  *drop = 0;
  *alpha = 1;

  if (kind == MSG_LOST && progress > 0.5)
    {
      /* Half way, the network drops it: it drifts on a little and falls away,
       * accelerating like a dropped object and fading as it goes. */
      double t = (progress - 0.5) / 0.5;

      *along = 0.5 + 0.1 * t;
      *drop = fall * t * t;
      *alpha = 1 - t * t;
    }
  else if (kind == MSG_DEAD)
    {
      /* Nobody takes it: it stalls short of the crashed receiver and fades there. */
      *along = MIN (*along, DEAD_STOP);
      if (progress > 0.7)
        *alpha = CLAMP ((1 - progress) / 0.3, 0.0, 1.0);
    }
}

/* Where message @m is drawn at @progress. */
static void
message_point (const View           *view,
               const GvNetworkScene *scene,
               const GvMessageEvent *m,
               MessageKind           kind,
               double                radius,
               double                fall,
               double                progress,
               double               *x,
               double               *y)
{
  double x1, y1, x2, y2, dx, dy, length, along, drop, alpha;

  view_map (view, scene->positions, m->src, &x1, &y1);
  view_map (view, scene->positions, m->dst, &x2, &y2);

  /* Travel from rim to rim, so that the dot is never hidden under either node and the
   * middle of the trip is still the middle of the line. */
  dx = x2 - x1;
  dy = y2 - y1;
  length = sqrt (dx * dx + dy * dy);
  if (length > 2 * radius)
    {
      x1 += dx / length * radius;
      y1 += dy / length * radius;
      x2 -= dx / length * radius;
      y2 -= dy / length * radius;
    }

  message_motion (kind, progress, fall, &along, &drop, &alpha);
  *x = x1 + (x2 - x1) * along;
  *y = y1 + (y2 - y1) * along + drop;
}

static void
draw_messages (Painter              *painter,
               const View           *view,
               double                radius,
               const GvNetworkScene *scene,
               const GvPalette      *palette)
{
  double dot = CLAMP (0.45 * radius, 1.75, 4.5);
  double progress = CLAMP (scene->progress, 0.0, 1.0);
  double fall = MAX (6 * radius, 0.12 * view->scale);
  /* A short tail shows which way each dot is going: it points to where the dot was a
   * moment ago, and is kept short so that crossing traffic stays readable. */
  double before = MAX (0.0, progress - 0.06);
  double max_tail = 4 * dot;
  guint32 n = scene->n_nodes;
  guint counts[N_MSG_KINDS] = { 0, };

  for (guint32 i = 0; i < scene->n_messages; i++)
    counts[message_kind (&scene->messages[i])]++;

  for (guint kind = 0; kind < N_MSG_KINDS; kind++)
    {
      double along, drop, alpha;
      GvColor color;

      message_motion (kind, progress, fall, &along, &drop, &alpha);
      if (alpha <= 0.01 || counts[kind] == 0)
        continue;

      switch (kind)
        {
        case MSG_USEFUL:
          color = palette->useful;
          break;
        case MSG_REDUNDANT:
          color = palette->redundant;
          break;
        case MSG_LOST:
          color = palette->lost;
          break;
        case MSG_DEAD:
          color = palette->crashed;
          break;
        case MSG_REQUEST:
        default:
          color = gv_color_with_alpha (palette->foreground, 0.7);
          break;
        }

      /* Pass 0 draws the tails under the dots; filled dots (pass 1) carry data, and
       * hollow ones (pass 2) are requests or empty replies. */
      for (guint pass = 0; pass < 3; pass++)
        {
          painter_begin (painter, color, alpha * (pass == 0 ? 0.3 : 1.0));
          for (guint32 i = 0; i < scene->n_messages; i++)
            {
              const GvMessageEvent *m = &scene->messages[i];
              gboolean hollow;
              double x, y;

              if (m->src >= n || m->dst >= n || message_kind (m) != kind)
                continue;
              hollow = kind == MSG_REQUEST || !m->carries_data;
              if (pass != 0 && hollow != (pass == 2))
                continue;

              message_point (view, scene, m, kind, radius, fall, progress, &x, &y);

              if (pass == 0)
                {
                  double tx, ty, length;

                  message_point (view, scene, m, kind, radius, fall, before, &tx, &ty);
                  length = hypot (tx - x, ty - y);
                  if (length < 0.5 * dot)
                    continue;
                  if (length > max_tail)
                    {
                      tx = x + (tx - x) * max_tail / length;
                      ty = y + (ty - y) * max_tail / length;
                    }
                  painter_tail (painter, x, y, tx, ty, hollow ? 0.6 * dot : dot);
                }
              else if (hollow)
                painter_ring (painter, x, y, MAX (0.5, 0.85 * dot - 1.25), 0.85 * dot);
              else
                painter_disc (painter, x, y, dot);
            }
          painter_fill (painter);
        }
    }

  /* The receiver of news lights up as it lands: one expanding, fading ring. */
  if (progress > FLASH_START && counts[MSG_USEFUL] > 0)
    {
      double t = (progress - FLASH_START) / (1 - FLASH_START);
      double r_out = radius * (1.2 + 1.3 * t);
      double r_in = r_out - MAX (1.5, 0.3 * radius) * (1 - 0.5 * t);

      painter_begin (painter, palette->useful, 0.9 * (1 - t));
      for (guint32 i = 0; i < scene->n_messages; i++)
        {
          const GvMessageEvent *m = &scene->messages[i];
          double x, y;

          if (m->outcome != GV_MESSAGE_USEFUL || m->src >= n || m->dst >= n)
            continue;
          view_map (view, scene->positions, m->dst, &x, &y);
          painter_ring (painter, x, y, r_in, r_out);
        }
      painter_fill (painter);
    }
}

static void
draw_marks (Painter              *painter,
            const View           *view,
            double                radius,
            const GvNetworkScene *scene,
            const GvPalette      *palette)
{
  double r_in = radius + MAX (1.0, 0.2 * radius) + MAX (1.25, 0.22 * radius) + 1.5;
  double x, y;

  if (scene->hover_node >= 0 && scene->hover_node < scene->n_nodes &&
      scene->hover_node != scene->selected_node)
    {
      view_map (view, scene->positions, (guint32) scene->hover_node, &x, &y);
      painter_begin (painter, palette->accent, 0.55);
      painter_ring (painter, x, y, r_in, r_in + 2);
      painter_fill (painter);
    }

  if (scene->selected_node >= 0 && scene->selected_node < scene->n_nodes)
    {
      view_map (view, scene->positions, (guint32) scene->selected_node, &x, &y);
      painter_begin (painter, palette->accent, 1.0);
      painter_ring (painter, x, y, r_in, r_in + 2.5);
      painter_fill (painter);
    }
}

/* ---- The pixel view ---------------------------------------------------------------- */

/* Down-scaling: each output pixel averages the block of cells it covers.  The colours
 * are summed packed, 16 bits a channel in one 64-bit word, so a cell costs one load and
 * one add; 257 cells of 255 fit in 16 bits, and bigger blocks are summed in parts. */
static inline guint64
unpack64 (guint32 pixel)
{
  return ((guint64) (pixel >> 24) << 48) | ((guint64) ((pixel >> 16) & 0xff) << 32) |
         ((guint64) ((pixel >> 8) & 0xff) << 16) | (guint64) (pixel & 0xff);
}

static cairo_surface_t *
cells_averaged (const guint8  *states,
                guint32        n_nodes,
                guint32        cols,
                guint32        rows,
                int            out_w,
                int            out_h,
                const guint32 *lut)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, out_w, out_h);
  g_autofree guint32 *col_start = NULL;
  guint64 lut64[4];
  guint64 inverse[256];
  guint8 *data;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  for (guint s = 0; s < 4; s++)
    lut64[s] = unpack64 (lut[s]);

  /* Four divisions a pixel would cost more than the rest of the loop.  For blocks of
   * under 256 cells, a sum of at most 255 per cell times this inverse, shifted down,
   * is exactly the floor of the quotient. */
  for (guint c = 1; c < G_N_ELEMENTS (inverse); c++)
    inverse[c] = (G_GUINT64_CONSTANT (1) << 24) / c + 1;

  /* The cell columns under each output column, computed once rather than with a
   * division per pixel. */
  col_start = g_new (guint32, out_w + 1);
  for (int x = 0; x <= out_w; x++)
    col_start[x] = (guint32) ((guint64) x * cols / out_w);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < out_h; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      guint32 r0 = (guint32) ((guint64) y * rows / out_h);
      guint32 r1 = (guint32) ((guint64) (y + 1) * rows / out_h);

      for (int x = 0; x < out_w; x++)
        {
          guint32 c0 = col_start[x], c1 = col_start[x + 1];
          guint32 cells = (r1 - r0) * (c1 - c0);
          guint64 a = 0, r = 0, g = 0, b = 0, sum = 0;
          guint32 in_part = 0;

          for (guint32 cr = r0; cr < r1; cr++)
            {
              guint64 first = (guint64) cr * cols;

              for (guint32 cc = c0; cc < c1; cc++)
                {
                  /* Past the last node the cell is empty: it adds transparency. */
                  if (first + cc < n_nodes)
                    sum += lut64[states[first + cc] & 3];
                  if (++in_part == 256)
                    {
                      a += sum >> 48;
                      r += (sum >> 32) & 0xffff;
                      g += (sum >> 16) & 0xffff;
                      b += sum & 0xffff;
                      sum = 0;
                      in_part = 0;
                    }
                }
            }
          a += sum >> 48;
          r += (sum >> 32) & 0xffff;
          g += (sum >> 16) & 0xffff;
          b += sum & 0xffff;

          if (cells < G_N_ELEMENTS (inverse))
            row[x] = (guint32) (((a * inverse[cells]) >> 24) << 24 |
                                ((r * inverse[cells]) >> 24) << 16 |
                                ((g * inverse[cells]) >> 24) << 8 |
                                ((b * inverse[cells]) >> 24));
          else
            row[x] = (guint32) ((a / cells) << 24 | (r / cells) << 16 | (g / cells) << 8 |
                                b / cells);
        }
    }

  cairo_surface_mark_dirty (surface);
  return surface;
}

/* One pixel a node, in @cols columns; the caller scales it up to cells. */
static cairo_surface_t *
cells_exact (const guint8  *states,
             guint32        n_nodes,
             guint32        cols,
             guint32        rows,
             const guint32 *lut)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cols, rows);
  guint8 *data;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (guint32 y = 0; y < rows; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      guint32 first = y * cols;
      guint32 last = MIN (first + cols, n_nodes);

      for (guint32 i = first; i < last; i++)
        row[i - first] = lut[states[i] & 3];
      /* The unused end of the last row stays clear; the surface starts zeroed. */
    }

  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The largest cell size s (in device pixels) for which the grid of floor (W / s) by
 * floor (H / s) cells holds every node. */
static double
cell_size (double   w,
           double   h,
           guint32  n)
{
  double s = sqrt (w * h / n);

  for (;;)
    {
      double cols = floor (w / s);
      double rows = floor (h / s);

      if (cols * rows >= n)
        return s;
      /* Shrink just enough for one more column or one more row. */
      s = MAX (w / (cols + 1), h / (rows + 1));
    }
}

static void
draw_cells_vector (cairo_t         *cr,
                   const guint8    *states,
                   guint32          n_nodes,
                   guint32          cols,
                   double           x0,
                   double           y0,
                   double           s,
                   const GvPalette *palette)
{
  /* Cells big enough to see get a gap between them and, bigger still, round corners;
   * edges are pixel-aligned so that they stay sharp, and a path per state keeps it a
   * handful of fills. */
  double gap = s >= 6 ? MAX (1.0, round (0.1 * s)) : 0.0;
  double corner = s >= 12 ? 0.12 * s : 0.0;

  for (guint state = 0; state < 4; state++)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint32 i = 0; i < n_nodes; i++)
        {
          double cx0, cy0, cx1, cy1;

          if ((states[i] & 3) != state)
            continue;
          cx0 = round (x0 + (i % cols) * s) + floor (gap / 2);
          cy0 = round (y0 + (i / cols) * s) + floor (gap / 2);
          cx1 = round (x0 + (i % cols + 1) * s) - ceil (gap / 2);
          cy1 = round (y0 + (i / cols + 1) * s) - ceil (gap / 2);
          if (corner > 0)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, cx1 - corner, cy0 + corner, corner, -G_PI / 2, 0);
              cairo_arc (cr, cx1 - corner, cy1 - corner, corner, 0, G_PI / 2);
              cairo_arc (cr, cx0 + corner, cy1 - corner, corner, G_PI / 2, G_PI);
              cairo_arc (cr, cx0 + corner, cy0 + corner, corner, G_PI, 3 * G_PI / 2);
              cairo_close_path (cr);
            }
          else
            cairo_rectangle (cr, cx0, cy0, cx1 - cx0, cy1 - cy0);
          any = TRUE;
        }
      if (any)
        {
          set_color (cr, gv_palette_node_color (palette, state), 1.0);
          cairo_fill (cr);
        }
    }
}

/* One cell per node, in rows of @cols cells (0 to fit the target's shape), scaled to
 * fill width × height: up with a nearest filter so that cells stay square and sharp,
 * down by averaging the nodes under each pixel so that none is skipped. */
static void
draw_cells (cairo_t         *cr,
            double           width,
            double           height,
            const guint8    *states,
            guint32          n_nodes,
            guint32          cols,
            const GvPalette *palette)
{
  guint32 lut[4];
  double ds_x = 1, ds_y = 0, ds, s;
  guint32 rows;
  int w, h;

  if (n_nodes == 0 || width < 1 || height < 1)
    return;

  for (guint i = 0; i < 4; i++)
    lut[i] = argb (gv_palette_node_color (palette, i));

  /* Work in device pixels, so that cells stay crisp on a scaled (HiDPI) surface. */
  cairo_user_to_device_distance (cr, &ds_x, &ds_y);
  ds = CLAMP (hypot (ds_x, ds_y), 0.25, 8.0);
  /* The same margin as the node view, so that switching views does not jump. */
  w = (int) CLAMP (ceil ((width - 2 * MARGIN) * ds - 1e-6), 1, 16384);
  h = (int) CLAMP (ceil ((height - 2 * MARGIN) * ds - 1e-6), 1, 16384);

  if (cols == 0 || cols > n_nodes)
    {
      if ((guint64) n_nodes <= (guint64) w * h)
        {
          s = cell_size (w, h, n_nodes);
          cols = (guint32) floor (w / s);
        }
      else
        cols = (guint32) MIN (ceil (sqrt ((double) n_nodes * w / h)), n_nodes);
    }
  rows = (n_nodes + cols - 1) / cols;
  s = MIN ((double) w / cols, (double) h / rows);

  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_scale (cr, 1 / ds, 1 / ds);

  if (s >= 3)
    {
      draw_cells_vector (cr, states, n_nodes, cols, floor ((w - cols * s) / 2),
                         floor ((h - rows * s) / 2), s, palette);
    }
  else
    {
      cairo_surface_t *surface;
      double x0, y0;

      if (s >= 1)
        {
          surface = cells_exact (states, n_nodes, cols, rows, lut);
          x0 = floor ((w - cols * s) / 2);
          y0 = floor ((h - rows * s) / 2);
          cairo_translate (cr, x0, y0);
          cairo_scale (cr, s, s);
          cairo_rectangle (cr, 0, 0, cols, rows);
        }
      else
        {
          int out_w = CLAMP ((int) round (cols * s), 1, w);
          int out_h = CLAMP ((int) round (rows * s), 1, h);

          surface = cells_averaged (states, n_nodes, cols, rows, out_w, out_h, lut);
          x0 = floor ((w - out_w) / 2.0);
          y0 = floor ((h - out_h) / 2.0);
          cairo_translate (cr, x0, y0);
          cairo_rectangle (cr, 0, 0, out_w, out_h);
        }
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_fill (cr);
      cairo_surface_destroy (surface);
    }

  cairo_restore (cr);
}

void
gv_network_scene_init (GvNetworkScene *scene)
{
  g_return_if_fail (scene != NULL);

  memset (scene, 0, sizeof *scene);
  scene->zoom = 1.0;
  scene->hover_node = -1;
  scene->selected_node = -1;
}

gboolean
gv_network_draws_nodes (const GvNetworkScene *scene)
{
  g_return_val_if_fail (scene != NULL, FALSE);

  return scene->n_nodes <= GV_NETWORK_MAX_DRAWN;
}

static gboolean
draws_edges (const GvNetworkScene *scene)
{
  return gv_network_draws_nodes (scene) && scene->positions != NULL &&
         scene->topology != NULL && scene->topology->offsets != NULL &&
         scene->topology->n_nodes == scene->n_nodes && scene->n_nodes <= MAX_EDGES_NODES;
}

void
gv_network_draw_static (cairo_t              *cr,
                        double                width,
                        double                height,
                        const GvNetworkScene *scene,
                        const GvPalette      *palette)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (palette != NULL);

  cairo_save (cr);

  set_color (cr, palette->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (draws_edges (scene))
    {
      Painter painter;
      View view;

      view_init (&view, scene, width, height);
      painter_init (&painter, cr);
      draw_edges (&painter, &view, scene, palette);
      painter_finish (&painter);
    }

  cairo_restore (cr);
}

void
gv_network_draw_dynamic (cairo_t              *cr,
                         double                width,
                         double                height,
                         const GvNetworkScene *scene,
                         const GvPalette      *palette)
{
  Painter painter;
  View view;
  double radius;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (palette != NULL);

  if (!gv_network_draws_nodes (scene))
    {
      /* A grid keeps its own rows, so that its picture is the grid itself. */
      if (scene->states != NULL)
        draw_cells (cr, width, height, scene->states, scene->n_nodes,
                    scene->topology != NULL && scene->topology->kind == GV_TOPOLOGY_GRID ?
                    scene->topology->grid_width : 0,
                    palette);
      return;
    }

  if (scene->positions == NULL || scene->n_nodes == 0)
    return;

  cairo_save (cr);

  view_init (&view, scene, width, height);
  radius = view_radius (&view, scene);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  painter_init (&painter, cr);

  if (draws_edges (scene))
    draw_selected_edges (&painter, &view, scene, palette);

  draw_nodes (&painter, &view, radius, width, height, scene, palette);

  if (scene->messages != NULL && scene->n_messages > 0)
    draw_messages (&painter, &view, radius, scene, palette);

  draw_marks (&painter, &view, radius, scene, palette);

  painter_finish (&painter);
  cairo_restore (cr);
}

void
gv_network_draw (cairo_t              *cr,
                 double                width,
                 double                height,
                 const GvNetworkScene *scene,
                 const GvPalette      *palette)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (palette != NULL);

  gv_network_draw_static (cr, width, height, scene, palette);
  gv_network_draw_dynamic (cr, width, height, scene, palette);
}

gint64
gv_network_hit_test (const GvNetworkScene *scene,
                     double                width,
                     double                height,
                     double                px,
                     double                py)
{
  View view;
  double reach, best;
  gint64 found = -1;

  g_return_val_if_fail (scene != NULL, -1);

  if (!gv_network_draws_nodes (scene) || scene->positions == NULL || scene->n_nodes == 0)
    return -1;

  view_init (&view, scene, width, height);
  reach = view_radius (&view, scene) + 3;
  best = reach * reach;

  /* A linear scan: at most GV_NETWORK_MAX_DRAWN nodes, once a pointer motion. */
  for (guint32 v = 0; v < scene->n_nodes; v++)
    {
      double x, y, d2;

      view_map (&view, scene->positions, v, &x, &y);
      d2 = (x - px) * (x - px) + (y - py) * (y - py);
      if (d2 <= best)
        {
          best = d2;
          found = v;
        }
    }

  return found;
}

void
gv_network_node_position (const GvNetworkScene *scene,
                          double                width,
                          double                height,
                          guint32               node,
                          double               *px,
                          double               *py)
{
  View view;
  double x, y;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (scene->positions != NULL);
  g_return_if_fail (node < scene->n_nodes);

  view_init (&view, scene, width, height);
  view_map (&view, scene->positions, node, &x, &y);
  if (px != NULL)
    *px = x;
  if (py != NULL)
    *py = y;
}

double
gv_network_node_radius (const GvNetworkScene *scene,
                        double                width,
                        double                height)
{
  View view;

  g_return_val_if_fail (scene != NULL, MIN_RADIUS);

  view_init (&view, scene, width, height);
  return view_radius (&view, scene);
}

void
gv_network_draw_pixels (cairo_t         *cr,
                        double           width,
                        double           height,
                        const guint8    *states,
                        guint32          n_nodes,
                        const GvPalette *palette)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (states != NULL || n_nodes == 0);
  g_return_if_fail (palette != NULL);

  cairo_save (cr);
  set_color (cr, palette->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  draw_cells (cr, width, height, states, n_nodes, 0, palette);
  cairo_restore (cr);
}

void
gv_network_draw_node_key (cairo_t         *cr,
                          double           x,
                          double           y,
                          double           radius,
                          GvNodeState      state,
                          const GvPalette *palette)
{
  static const float origin[2] = { 0, 0 };
  guint8 one_state = state;
  GvNetworkScene scene;
  Painter painter;
  View view = { .scale = 1, .x0 = x, .y0 = y };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (state <= GV_NODE_CRASHED);

  /* A scene of one node at the origin, mapped onto (x, y): the very code that draws the
   * network draws the key, so the two cannot drift apart. */
  gv_network_scene_init (&scene);
  scene.n_nodes = 1;
  scene.positions = origin;
  scene.states = &one_state;

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  painter_init (&painter, cr);
  draw_nodes (&painter, &view, radius, x + 4 * radius, y + 4 * radius, &scene, palette);
  painter_finish (&painter);
  cairo_restore (cr);
}
