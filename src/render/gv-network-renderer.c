/* gv-network-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
#define N_SPACING_SAMPLES 48

/* When a useful message lands, and how far along a dead one stops. */
#define FLASH_START 0.85
#define DEAD_STOP 0.8

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

static inline void
add_disc (cairo_t *cr,
          double   x,
          double   y,
          double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_close_path (cr);
}

/* A ring is an outer circle and an inner one wound the other way, so that it can share
 * one path (and one fill) with every other ring of its kind; a stroke per ring would
 * cost several times as much in the image backend. */
static inline void
add_ring (cairo_t *cr,
          double   x,
          double   y,
          double   r_in,
          double   r_out)
{
  add_disc (cr, x, y, r_out);
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, x, y, r_in, 2 * G_PI, 0);
  cairo_close_path (cr);
}

/* A bar of the crash cross.  Both bars wind the same way, so where they overlap the
 * centre stays filled under the non-zero rule. */
static inline void
add_bar (cairo_t *cr,
         double   x,
         double   y,
         double   dx,
         double   dy,
         double   half_length,
         double   half_width)
{
  double px = dy, py = -dx;

  cairo_move_to (cr, x + dx * half_length + px * half_width, y + dy * half_length + py * half_width);
  cairo_line_to (cr, x + dx * half_length - px * half_width, y + dy * half_length - py * half_width);
  cairo_line_to (cr, x - dx * half_length - px * half_width, y - dy * half_length - py * half_width);
  cairo_line_to (cr, x - dx * half_length + px * half_width, y - dy * half_length + py * half_width);
  cairo_close_path (cr);
}

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
      double best = G_MAXDOUBLE;

      for (guint32 j = 0; j < n; j++)
        {
          double dx = xy[2 * j] - xy[2 * i];
          double dy = xy[2 * j + 1] - xy[2 * i + 1];
          double d2 = dx * dx + dy * dy;

          /* Nodes stacked on one point say nothing about spacing. */
          if (j != i && d2 > 1e-12 && d2 < best)
            best = d2;
        }
      if (best < G_MAXDOUBLE)
        nearest[found++] = sqrt (best);
    }

  if (found == 0)
    return 1.0;

  /* The median, by insertion sort: the sample is tiny. */
  for (guint32 a = 1; a < found; a++)
    for (guint32 b = a; b > 0 && nearest[b - 1] > nearest[b]; b--)
      {
        double t = nearest[b];
        nearest[b] = nearest[b - 1];
        nearest[b - 1] = t;
      }
  return nearest[found / 2];
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
draw_edges (cairo_t              *cr,
            const View           *view,
            const GvNetworkScene *scene,
            const GvPalette      *palette)
{
  const GvTopology *topology = scene->topology;
  guint32 n = scene->n_nodes;

  cairo_new_path (cr);
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
          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, x2, y2);
        }
    }
  /* Many edges over each other add up to a grey mass that hides the nodes; thin the
   * ink as they multiply. */
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  set_color (cr, palette->edge, MIN (1.0, sqrt (400.0 / MAX (1, topology->offsets[n] / 2))));
  cairo_stroke (cr);

  /* The selected node's own edges, so that its neighbourhood can be read off. */
  if (scene->selected_node >= 0 && scene->selected_node < n)
    {
      guint32 v = (guint32) scene->selected_node;
      double x1, y1;

      view_map (view, scene->positions, v, &x1, &y1);
      for (guint32 e = topology->offsets[v]; e < topology->offsets[v + 1]; e++)
        {
          double x2, y2;

          if (topology->neighbors[e] >= n)
            continue;
          view_map (view, scene->positions, topology->neighbors[e], &x2, &y2);
          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, x2, y2);
        }
      cairo_set_line_width (cr, 1.5);
      set_color (cr, palette->accent, 0.8);
      cairo_stroke (cr);
    }
}

static void
draw_nodes (cairo_t              *cr,
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
  GvColor hollow = mix (palette->uninformed, palette->background, 0.6);
  guint32 n = scene->n_nodes;

  /* One pass per layer, each layer one path: a few thousand fills of one disc each
   * would spend most of the frame in cairo's per-call overhead. */
  for (guint layer = 0; layer < 6; layer++)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint32 v = 0; v < n; v++)
        {
          guint8 state = node_state (scene, v);
          double x, y;

          view_map (view, scene->positions, v, &x, &y);
          if (x < -reach || y < -reach || x > width + reach || y > height + reach)
            continue;

          switch (layer)
            {
            case 0: /* uninformed: an outline around a pale centre, i.e. "empty" */
              if (state == GV_NODE_UNINFORMED)
                add_ring (cr, x, y, radius - outline, radius);
              else
                continue;
              break;
            case 1:
              if (state == GV_NODE_UNINFORMED)
                add_disc (cr, x, y, radius - outline);
              else
                continue;
              break;
            case 2: /* spreading: solid, with a detached halo, i.e. "active" */
              if (state == GV_NODE_SPREADING)
                {
                  add_ring (cr, x, y, halo_in, halo_out);
                  add_disc (cr, x, y, radius);
                }
              else
                continue;
              break;
            case 3: /* removed: solid and nothing else, i.e. "done" */
              if (state == GV_NODE_REMOVED)
                add_disc (cr, x, y, radius);
              else
                continue;
              break;
            case 4: /* crashed: a dark disc crossed out */
              if (state == GV_NODE_CRASHED)
                add_disc (cr, x, y, radius);
              else
                continue;
              break;
            case 5:
              if (state == GV_NODE_CRASHED)
                {
                  add_bar (cr, x, y, G_SQRT2 / 2, G_SQRT2 / 2, bar_length, bar_width);
                  add_bar (cr, x, y, G_SQRT2 / 2, -G_SQRT2 / 2, bar_length, bar_width);
                }
              else
                continue;
              break;
            default:
              g_assert_not_reached ();
            }
          any = TRUE;
        }

      if (!any)
        continue;

      switch (layer)
        {
        case 0:
          set_color (cr, palette->uninformed, 1.0);
          break;
        case 1:
          set_color (cr, hollow, 1.0);
          break;
        case 2:
          set_color (cr, palette->spreading, 1.0);
          break;
        case 3:
          set_color (cr, palette->removed, 1.0);
          break;
        case 4:
          set_color (cr, palette->crashed, 1.0);
          break;
        case 5:
          set_color (cr, palette->background, 1.0);
          break;
        default:
          g_assert_not_reached ();
        }
      cairo_fill (cr);
    }
}

static inline double
ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
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
draw_messages (cairo_t              *cr,
               const View           *view,
               double                radius,
               const GvNetworkScene *scene,
               const GvPalette      *palette)
{
  double dot = CLAMP (0.45 * radius, 1.75, 4.5);
  double progress = CLAMP (scene->progress, 0.0, 1.0);
  double fall = MAX (6 * radius, 0.12 * view->scale);
  /* A short tail shows which way each dot is going; it is where the dot was a moment
   * ago, kept short so that crossing traffic stays readable. */
  double before = MAX (0.0, progress - 0.06);
  double max_tail = 4 * dot;
  guint32 n = scene->n_nodes;

  for (guint kind = 0; kind < N_MSG_KINDS; kind++)
    {
      double along, drop, alpha;
      GvColor color;

      message_motion (kind, progress, fall, &along, &drop, &alpha);
      if (alpha <= 0.01)
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

      /* Filled dots carry data; hollow ones are requests or empty replies.  Pass 0
       * draws the tails under both. */
      for (guint pass = 0; pass < 3; pass++)
        {
          gboolean any = FALSE;

          cairo_new_path (cr);
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
                  double tx, ty, dx, dy, length, w = hollow ? 0.6 * dot : dot;

                  message_point (view, scene, m, kind, radius, fall, before, &tx, &ty);
                  dx = tx - x;
                  dy = ty - y;
                  length = sqrt (dx * dx + dy * dy);
                  if (length < 0.5 * dot)
                    continue;
                  if (length > max_tail)
                    {
                      dx *= max_tail / length;
                      dy *= max_tail / length;
                      length = max_tail;
                    }
                  cairo_move_to (cr, x + dy / length * w, y - dx / length * w);
                  cairo_line_to (cr, x + dx, y + dy);
                  cairo_line_to (cr, x - dy / length * w, y + dx / length * w);
                  cairo_close_path (cr);
                }
              else if (hollow)
                add_ring (cr, x, y, MAX (0.5, 0.85 * dot - 1.25), 0.85 * dot);
              else
                add_disc (cr, x, y, dot);
              any = TRUE;
            }

          if (any)
            {
              set_color (cr, color, alpha * (pass == 0 ? 0.3 : 1.0));
              cairo_fill (cr);
            }
        }
    }

  /* The receiver of news lights up as it lands: one expanding, fading ring. */
  if (progress > FLASH_START)
    {
      double t = (progress - FLASH_START) / (1 - FLASH_START);
      double r_out = radius * (1.2 + 1.3 * t);
      double r_in = r_out - MAX (1.5, 0.3 * radius) * (1 - 0.5 * t);
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint32 i = 0; i < scene->n_messages; i++)
        {
          const GvMessageEvent *m = &scene->messages[i];
          double x, y;

          if (m->outcome != GV_MESSAGE_USEFUL || m->src >= n || m->dst >= n)
            continue;
          view_map (view, scene->positions, m->dst, &x, &y);
          add_ring (cr, x, y, r_in, r_out);
          any = TRUE;
        }
      if (any)
        {
          set_color (cr, palette->useful, 0.9 * (1 - t));
          cairo_fill (cr);
        }
    }
}

static void
draw_marks (cairo_t              *cr,
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
      cairo_new_path (cr);
      add_ring (cr, x, y, r_in, r_in + 2);
      set_color (cr, palette->accent, 0.55);
      cairo_fill (cr);
    }

  if (scene->selected_node >= 0 && scene->selected_node < scene->n_nodes)
    {
      view_map (view, scene->positions, (guint32) scene->selected_node, &x, &y);
      cairo_new_path (cr);
      add_ring (cr, x, y, r_in, r_in + 2.5);
      set_color (cr, palette->accent, 1.0);
      cairo_fill (cr);
    }
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

void
gv_network_draw (cairo_t              *cr,
                 double                width,
                 double                height,
                 const GvNetworkScene *scene,
                 const GvPalette      *palette)
{
  View view;
  double radius;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (palette != NULL);

  cairo_save (cr);

  set_color (cr, palette->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (!gv_network_draws_nodes (scene))
    {
      /* A grid keeps its own rows, so that its picture is the grid itself. */
      if (scene->states != NULL)
        draw_cells (cr, width, height, scene->states, scene->n_nodes,
                    scene->topology != NULL && scene->topology->kind == GV_TOPOLOGY_GRID ?
                    scene->topology->grid_width : 0,
                    palette);
      cairo_restore (cr);
      return;
    }

  if (scene->positions == NULL || scene->n_nodes == 0)
    {
      cairo_restore (cr);
      return;
    }

  view_init (&view, scene, width, height);
  radius = view_radius (&view, scene);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  if (scene->topology != NULL && scene->topology->offsets != NULL &&
      scene->topology->n_nodes == scene->n_nodes && scene->n_nodes <= MAX_EDGES_NODES)
    draw_edges (cr, &view, scene, palette);

  draw_nodes (cr, &view, radius, width, height, scene, palette);

  if (scene->messages != NULL && scene->n_messages > 0)
    draw_messages (cr, &view, radius, scene, palette);

  draw_marks (cr, &view, radius, scene, palette);

  cairo_restore (cr);
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
