/* gv-network-pixels.c: the pixel view, one cell a node, for networks too big to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cell is the colour of its node's class slot.  A million nodes fit in a frame:
 * cells are drawn one pixel each into an image and scaled up, or averaged down.
 */

#define G_LOG_DOMAIN "gv-network-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-network-private.h"
#include "gv-raster.h"

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
cells_averaged (const guint8  *classes,
                guint32        n_nodes,
                guint32        cols,
                guint32        rows,
                int            out_w,
                int            out_h,
                const guint32 *lut)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, out_w, out_h);
  g_autofree guint32 *col_start = NULL;
  guint64 lut64[GV_NETWORK_LUT];
  guint64 inverse[256];
  guint8 *data;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;

  for (guint c = 0; c < GV_NETWORK_LUT; c++)
    lut64[c] = unpack64 (lut[c]);

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
                    sum += lut64[classes[first + cc]];
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
cells_exact (const guint8  *classes,
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
        row[i - first] = lut[classes[i]];
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
                   const guint8    *classes,
                   guint32          n_nodes,
                   guint32          cols,
                   double           x0,
                   double           y0,
                   double           s,
                   const guint8    *slots,
                   const GvPalette *palette)
{
  /* Cells big enough to see get a gap between them and, bigger still, round corners;
   * edges are pixel-aligned so that they stay sharp, and a path per colour slot keeps
   * it a handful of fills. */
  double gap = s >= 6 ? MAX (1.0, round (0.1 * s)) : 0.0;
  double corner = s >= 12 ? 0.12 * s : 0.0;
  gboolean used[GV_N_SLOTS] = { FALSE, };

  for (guint32 i = 0; i < n_nodes; i++)
    used[slots[classes[i]]] = TRUE;

  for (guint slot = 0; slot < GV_N_SLOTS; slot++)
    {
      if (!used[slot])
        continue;

      cairo_new_path (cr);
      for (guint32 i = 0; i < n_nodes; i++)
        {
          double cx0, cy0, cx1, cy1;

          if (slots[classes[i]] != slot)
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
        }
      gv_raster_set_color (cr, gv_palette_slot_color (palette, slot), 1.0);
      cairo_fill (cr);
    }
}

void
gv_network_draw_cells (cairo_t            *cr,
                       double              width,
                       double              height,
                       const guint8       *classes,
                       const GvClassTable *table,
                       guint32             n_nodes,
                       const GvTopology   *topology,
                       const GvPalette    *palette)
{
  guint32 lut[GV_NETWORK_LUT];
  guint8 slots[GV_NETWORK_LUT];
  double ds_x = 1, ds_y = 0, ds, s;
  guint32 cols, rows;
  int w, h;

  if (n_nodes == 0 || width < 1 || height < 1)
    return;

  /* Every byte has a colour, so the loops below need no test: one beyond the table (a
   * caller's mistake) is drawn as the first class. */
  table = gv_network_class_table (table);
  for (guint c = 0; c < GV_NETWORK_LUT; c++)
    {
      const GvNodeClass *cls = &table->classes[c < table->n ? c : 0];

      slots[c] = (guint) cls->slot < GV_N_SLOTS ? cls->slot : GV_SLOT_IDLE;
      lut[c] = gv_color_to_argb (gv_palette_slot_color (palette, slots[c]));
    }

  /* Work in device pixels, so that cells stay crisp on a scaled (HiDPI) surface. */
  cairo_user_to_device_distance (cr, &ds_x, &ds_y);
  ds = CLAMP (hypot (ds_x, ds_y), 0.25, 8.0);
  /* The same margin as the node view, so that switching views does not jump. */
  w = (int) CLAMP (ceil ((width - 2 * GV_NETWORK_MARGIN) * ds - 1e-6), 1, 16384);
  h = (int) CLAMP (ceil ((height - 2 * GV_NETWORK_MARGIN) * ds - 1e-6), 1, 16384);

  /* A grid keeps its own rows, so that its picture is the grid itself. */
  cols = topology != NULL && topology->kind == GV_TOPOLOGY_GRID ? topology->grid_width : 0;
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
  cairo_translate (cr, GV_NETWORK_MARGIN, GV_NETWORK_MARGIN);
  cairo_scale (cr, 1 / ds, 1 / ds);

  if (s >= 3)
    {
      draw_cells_vector (cr, classes, n_nodes, cols, floor ((w - cols * s) / 2),
                         floor ((h - rows * s) / 2), s, slots, palette);
    }
  else
    {
      cairo_surface_t *surface;
      double x0, y0;

      if (s >= 1)
        {
          surface = cells_exact (classes, n_nodes, cols, rows, lut);
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

          surface = cells_averaged (classes, n_nodes, cols, rows, out_w, out_h, lut);
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
