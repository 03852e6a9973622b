/* gv-raster.h: marks drawn through cairo's paths or straight into pixels (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A painter draws batches of marks (discs, rings, crosses, squares, diamonds, wedges,
 * tapered tails, thin lines) of one colour each.  Two back ends share every coordinate,
 * size and colour:
 *
 * - cairo paths, batched into one fill per batch, for vector surfaces (SVG, PDF, the
 *   recording surfaces of GTK snapshots) and any unusual transform or clip;
 * - a small rasteriser for image surfaces, which is what the frame budget is about.
 *   Even batched, cairo's scan converter needs about 6 ms for 2,000 small discs and far
 *   longer for a few thousand long, thin edges, because each fill sweeps the whole
 *   picture.  The rasteriser blends pre-computed coverage masks (one per shape, at 4 × 4
 *   sub-pixel offsets) and Wu lines straight into the pixels instead.
 *
 * The network renderer draws through it, and the chart sets its colours with
 * gv_raster_set_color (); it is not part of the render library's interface.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "gv-palette.h"

G_BEGIN_DECLS

/* Sub-pixel positions per axis that the rasteriser keeps a mask for: a quarter pixel
 * is below what the eye notices, even on a dot that moves slowly. */
#define GV_RASTER_PHASES 4
/* A frame uses about twenty shapes (every class's cue, the messages, the marks). */
#define GV_RASTER_SPRITES 32

typedef enum
{
  GV_SHAPE_DISC,      /* a: radius */
  GV_SHAPE_RING,      /* a: inner radius, b: outer radius */
  GV_SHAPE_CROSS,     /* a: half length, b: half width of each bar */
  GV_SHAPE_SQUARE,    /* a: half the side */
  GV_SHAPE_DIAMOND,   /* a: half the diagonal */
  GV_SHAPE_WEDGE,     /* a: radius, b: half its angle, around the downward direction */
} GvShapeKind;

typedef struct
{
  GvShapeKind kind;
  double      a, b;     /* in device pixels (b of a wedge: radians) */
  int         size;     /* the mask is size × size, centred on size / 2 */
  guint32     ready;    /* a bit per sub-pixel phase already computed */
  guint8     *masks;    /* GV_RASTER_PHASES² masks */
} GvSprite;

typedef struct
{
  guint32 *data;
  int      stride;      /* in pixels */
  int      x0, y0;      /* the clip, in device pixels: [x0, x1) × [y0, y1) */
  int      x1, y1;
  double   xx, dx;      /* user to device: xx × x + dx, and likewise for y */
  double   yy, dy;
} GvRaster;

/* Where the marks of one batch go: a cairo path filled or stroked at the end, or
 * straight into the pixels. */
typedef struct
{
  cairo_t  *cr;
  gboolean  rasterise;
  GvRaster  raster;
  GvColor   color;
  double    alpha;
  guint32   pixel;      /* the colour, premultiplied, for the rasteriser */
  guint8   *mask;       /* lines: coverage of the clip rectangle, one byte a pixel */
  int       mask_stride;
  int       mask_x0;    /* the part of it the batch's lines touched: [x0, x1) × [y0, y1) */
  int       mask_y0;
  int       mask_x1;
  int       mask_y1;
  gboolean  any;
  GvSprite  sprites[GV_RASTER_SPRITES];
  guint     n_sprites;
} GvPainter;

static inline void
gv_raster_set_color (cairo_t *cr,
                     GvColor  color,
                     double   alpha)
{
  cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a * alpha);
}

static inline GvColor
gv_color_mix (GvColor a,
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

/* Cairo's ARGB32: premultiplied, in native endianness. */
static inline guint32
gv_color_to_argb (GvColor c)
{
  double a = CLAMP (c.a, 0.0, 1.0);

  return ((guint32) (a * 255 + 0.5) << 24) |
         ((guint32) (CLAMP (c.r, 0.0, 1.0) * a * 255 + 0.5) << 16) |
         ((guint32) (CLAMP (c.g, 0.0, 1.0) * a * 255 + 0.5) << 8) |
         (guint32) (CLAMP (c.b, 0.0, 1.0) * a * 255 + 0.5);
}

void  gv_painter_init    (GvPainter *painter,
                          cairo_t   *cr);
void  gv_painter_finish  (GvPainter *painter);
/* Starts a batch of marks in @color at @alpha. */
void  gv_painter_begin   (GvPainter *painter,
                          GvColor    color,
                          double     alpha);
void  gv_painter_disc    (GvPainter *painter,
                          double     x,
                          double     y,
                          double     r);
void  gv_painter_ring    (GvPainter *painter,
                          double     x,
                          double     y,
                          double     r_in,
                          double     r_out);
/* An X of two bars. */
void  gv_painter_cross   (GvPainter *painter,
                          double     x,
                          double     y,
                          double     half_length,
                          double     half_width);
void  gv_painter_square  (GvPainter *painter,
                          double     x,
                          double     y,
                          double     half_side);
void  gv_painter_diamond (GvPainter *painter,
                          double     x,
                          double     y,
                          double     half_diagonal);
/* A pie slice of @fraction of the disc, centred on the downward direction: a half is
 * the lower half. */
void  gv_painter_wedge   (GvPainter *painter,
                          double     x,
                          double     y,
                          double     r,
                          double     fraction);
/* A triangle from a base of half-width @half_width at (hx, hy) to a point at (tx, ty). */
void  gv_painter_tail    (GvPainter *painter,
                          double     hx,
                          double     hy,
                          double     tx,
                          double     ty,
                          double     half_width);
void  gv_painter_line    (GvPainter *painter,
                          double     x1,
                          double     y1,
                          double     x2,
                          double     y2);
/* Ends a batch of shapes, or of lines @width wide. */
void  gv_painter_fill    (GvPainter *painter);
void  gv_painter_stroke  (GvPainter *painter,
                          double     width);

G_END_DECLS
