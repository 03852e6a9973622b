/* gv-message-diagram-draw.c: the message timeline's picture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The arrows' marks and colours, the cairo-path back end for vector surfaces (the image
 * one is gv-message-spans.c), the rows and their breaks, the labels, the round axis, the
 * cursor, and the whole picture.
 */

#define G_LOG_DOMAIN "gv-message-diagram"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gv-export.h"
#include "gv-message-diagram-private.h"

/* Sizes in pixels at 96 dpi. */
#define TICK_SPACING  12.0    /* least room between two round labels */
#define CURSOR_WIDTH   2.0
#define CURSOR_CAP     4.0
#define DASH_ON        3.0
#define DASH_OFF       2.0
#define FOCUS_ALPHA    0.12   /* of the accent, behind the focused row */

/* Past this much line in a frame, in pixels, it is drawn crisp: in whole pixels, and its
 * messages as lines without heads, requests without dashes.  So many arrows are then
 * near-vertical and packed that a head would be a smudge and a dash noise, and
 * anti-aliasing would cost most of the frame for nothing anyone sees; the slant still
 * tells the direction (every arrow runs left to right, from its send to its delivery),
 * the colour the outcome, and drops and crosses the lost and the dead.  Both back ends
 * decide alike, so that an export is what the screen shows. */
#define SMOOTH_MAX_INK 150000.0

/* How far each tone is mixed toward the background. */
static const double tone_mix[N_TONES] = { 0.85, 0.75, 0.45, 0.0 };

/* ---- Marks ---------------------------------------------------------------------------- */

/* What a pass over the arrows adds to a cairo path: a layer's solid lines, its dashed
 * ones, or its filled heads. */
typedef enum
{
  PASS_SOLID  = 1 << 0,
  PASS_DASHED = 1 << 1,
  PASS_FILL   = 1 << 2,
} Pass;

/* Marks go to spans when there are any, else to @cr's path, in the passes asked for. */
typedef struct
{
  cairo_t *cr;
  GvSpans *spans;
  guint    layer;
  guint    passes;
  gboolean detail;   /* heads, and requests dashed: not in crisp frames */
} Pen;

static void
pen_line (Pen      *pen,
          gboolean  dashed,
          double    x0,
          double    y0,
          double    x1,
          double    y1)
{
  double length, ux, uy;

  if (pen->spans == NULL)
    {
      if (pen->passes & (dashed ? PASS_DASHED : PASS_SOLID))
        {
          cairo_move_to (pen->cr, x0, y0);
          cairo_line_to (pen->cr, x1, y1);
        }
      return;
    }

  if (!dashed)
    {
      gv_spans_line (pen->spans, pen->layer, x0, y0, x1, y1);
      return;
    }

  /* Cairo's dashes, by hand: the same pattern from the same start. */
  length = hypot (x1 - x0, y1 - y0);
  if (length <= 0)
    return;
  ux = (x1 - x0) / length;
  uy = (y1 - y0) / length;
  for (double t = 0; t < length; t += DASH_ON + DASH_OFF)
    {
      double e = MIN (t + DASH_ON, length);

      gv_spans_line (pen->spans, pen->layer, x0 + ux * t, y0 + uy * t, x0 + ux * e, y0 + uy * e);
    }
}

static void
pen_triangle (Pen          *pen,
              const double  xy[6])
{
  if (pen->spans != NULL)
    {
      gv_spans_triangle (pen->spans, pen->layer, xy);
      return;
    }
  if (!(pen->passes & PASS_FILL))
    return;

  cairo_move_to (pen->cr, xy[0], xy[1]);
  cairo_line_to (pen->cr, xy[2], xy[3]);
  cairo_line_to (pen->cr, xy[4], xy[5]);
  cairo_close_path (pen->cr);
}

/* A line with a head at its end: filled, or open (two strokes) for a request. */
static void
pen_arrow (Pen          *pen,
           const Layout *L,
           double        x0,
           double        y0,
           double        x1,
           double        y1,
           gboolean      dashed,
           gboolean      open)
{
  double length = hypot (x1 - x0, y1 - y0);
  double ux, uy, head, half, bx, by;

  if (length < 1e-6)
    return;
  ux = (x1 - x0) / length;
  uy = (y1 - y0) / length;
  head = MIN (L->head_len, 0.6 * length);
  half = L->head_half * head / L->head_len;
  bx = x1 - ux * head;
  by = y1 - uy * head;

  if (open)
    {
      pen_line (pen, dashed, x0, y0, x1, y1);
      pen_line (pen, FALSE, x1, y1, bx - uy * half, by + ux * half);
      pen_line (pen, FALSE, x1, y1, bx + uy * half, by - ux * half);
    }
  else
    {
      double tri[6] = { x1, y1, bx - uy * half, by + ux * half, bx + uy * half, by - ux * half };

      pen_line (pen, dashed, x0, y0, bx, by);
      pen_triangle (pen, tri);
    }
}

static void
pen_message (Pen          *pen,
             const Layout *L,
             const Arrow  *a)
{
  gboolean dashed = a->hollow && pen->detail;

  switch ((Shape) a->shape)
    {
    case SHAPE_FULL:
    case SHAPE_OFF_ROW_OUT:
    case SHAPE_OFF_ROW_IN:
      if (pen->detail)
        pen_arrow (pen, L, a->x0, a->y0, a->x1, a->y1, dashed && a->shape == SHAPE_FULL,
                   a->hollow);
      else
        pen_line (pen, FALSE, a->x0, a->y0, a->x1, a->y1);
      break;

    case SHAPE_LOST:
      /* Half way, the network drops it: it falls. */
      pen_line (pen, dashed, a->x0, a->y0, a->x1, a->y1);
      if (pen->detail)
        pen_arrow (pen, L, a->x1, a->y1, a->x1, a->y1 + L->drop, FALSE, a->hollow);
      else
        pen_line (pen, FALSE, a->x1, a->y1, a->x1, a->y1 + L->drop);
      break;

    case SHAPE_DEAD:
      pen_line (pen, dashed, a->x0, a->y0, a->x1, a->y1);
      pen_line (pen, FALSE, a->x1 - L->cross, a->y1 - L->cross, a->x1 + L->cross, a->y1 + L->cross);
      pen_line (pen, FALSE, a->x1 - L->cross, a->y1 + L->cross, a->x1 + L->cross, a->y1 - L->cross);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* A colour as it shows over the background, so that every layer is opaque. */
static GvColor
flatten (GvColor c,
         GvColor background)
{
  GvColor opaque = gv_color_mix (background, gv_color_with_alpha (c, 1.0), c.a);

  opaque.a = 1.0;
  return opaque;
}

static GvColor
layer_color (const GvPalette *palette,
             guint            layer)
{
  GvColor background = flatten (palette->background, palette->background);
  GvMessageOutcome outcome = gv_diagram_outcome_order[layer % N_OUTCOMES];
  GvColor c = flatten (gv_palette_outcome_color (palette, outcome), background);

  return gv_color_mix (c, background, tone_mix[layer / N_OUTCOMES]);
}

/* Whether a frame of @arrows is too dense for anti-aliasing and dashes. */
static gboolean
arrows_crisp (const GArray *arrows)
{
  const Arrow *all = (const Arrow *) (gpointer) arrows->data;
  double ink = 0;

  for (guint i = 0; i < arrows->len; i++)
    ink += MAX (fabs (all[i].x1 - all[i].x0), fabs (all[i].y1 - all[i].y0));
  return ink > SMOOTH_MAX_INK;
}

/* The indices of @arrows by layer, in their order within each: layer l's are
 * [start[l], start[l + 1]). */
static guint *
arrows_by_layer (const GArray *arrows,
                 guint         start[GV_SPANS_MAX_LAYERS + 1])
{
  const Arrow *all = (const Arrow *) (gpointer) arrows->data;
  guint *order = g_new (guint, MAX (arrows->len, 1));
  guint next[GV_SPANS_MAX_LAYERS];

  memset (start, 0, sizeof (guint) * (GV_SPANS_MAX_LAYERS + 1));
  for (guint i = 0; i < arrows->len; i++)
    start[all[i].layer + 1]++;
  for (guint l = 1; l <= GV_SPANS_MAX_LAYERS; l++)
    start[l] += start[l - 1];
  memcpy (next, start, sizeof next);
  for (guint i = 0; i < arrows->len; i++)
    order[next[all[i].layer]++] = i;
  return order;
}

/* Cairo's paths, one stroke or fill per layer and pass. */
static void
draw_arrows_vector (cairo_t         *cr,
                    const Layout    *L,
                    const GArray    *arrows,
                    gboolean         crisp,
                    const GvPalette *palette)
{
  static const double dashes[] = { DASH_ON, DASH_OFF };
  const Arrow *all = (const Arrow *) (gpointer) arrows->data;
  guint start[GV_SPANS_MAX_LAYERS + 1];
  g_autofree guint *order = arrows_by_layer (arrows, start);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint l = 0; l < GV_SPANS_MAX_LAYERS; l++)
    {
      static const Pass passes[] = { PASS_SOLID, PASS_DASHED, PASS_FILL };

      if (start[l] == start[l + 1])
        continue;
      gv_raster_set_color (cr, layer_color (palette, l), 1.0);
      for (guint p = 0; p < G_N_ELEMENTS (passes); p++)
        {
          Pen pen = { cr, NULL, l, passes[p], !crisp };

          cairo_new_path (cr);
          for (guint i = start[l]; i < start[l + 1]; i++)
            pen_message (&pen, L, &all[order[i]]);
          if (passes[p] == PASS_FILL)
            cairo_fill (cr);
          else
            {
              cairo_set_dash (cr, dashes, passes[p] == PASS_DASHED ? 2 : 0, 0);
              cairo_stroke (cr);
            }
        }
    }
  cairo_restore (cr);
}

/* Crisp from the top layer down, smooth from the bottom up, as GvSpans wants them. */
static void
draw_arrows_spans (const GvRaster  *raster,
                   const Layout    *L,
                   const GArray    *arrows,
                   gboolean         crisp,
                   const GvPalette *palette)
{
  const Arrow *all = (const Arrow *) (gpointer) arrows->data;
  guint start[GV_SPANS_MAX_LAYERS + 1];
  g_autofree guint *order = arrows_by_layer (arrows, start);
  GvSpans spans;

  gv_spans_init (&spans, raster, crisp);
  for (guint l = 0; l < GV_SPANS_MAX_LAYERS; l++)
    gv_spans_set_color (&spans, l, layer_color (palette, l));

  for (guint k = 0; k < arrows->len; k++)
    {
      const Arrow *a = &all[order[crisp ? arrows->len - 1 - k : k]];
      Pen pen = { NULL, &spans, a->layer, 0, !crisp };

      pen_message (&pen, L, a);
    }
  gv_spans_clear (&spans);
}

/* ---- The rest of the picture ---------------------------------------------------------- */

static void
draw_rows (cairo_t                *cr,
           const Layout           *L,
           const GvMessageDiagram *d,
           const GvPalette        *palette)
{
  guint n_cols = L->last - L->first + 1;
  g_autofree guint64 *down = g_new0 (guint64, n_cols);
  GvColor line = gv_color_mix (palette->foreground, palette->background, 0.78);

  if (L->focus_row >= 0)
    {
      gv_raster_set_color (cr, palette->accent, FOCUS_ALPHA);
      cairo_rectangle (cr, 0, L->top + L->focus_row * L->row_h, L->width, L->row_h);
      cairo_fill (cr);
    }

  if (L->has_rounds)
    gv_diagram_rows_down (L, d, down);

  /* A row is a line, broken over the rounds in which its node is down. */
  for (int focus = 0; focus < 2; focus++)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < L->rows.n; i++)
        {
          double y = gv_diagram_y (L, i);
          guint64 bit = G_GUINT64_CONSTANT (1) << i;
          guint c = 0;

          if (((int) i == L->focus_row) != focus)
            continue;

          while (c < n_cols)
            {
              guint end;

              if (L->has_rounds && (down[c] & bit))
                {
                  c++;
                  continue;
                }
              for (end = c + 1; end < n_cols && !(L->has_rounds && (down[end] & bit)); end++)
                ;
              cairo_rectangle (cr, gv_diagram_x (L, L->first - 1.0 + c), y - 0.5,
                               (end - c) * L->col_w, 1.0);
              c = end;
            }
        }
      gv_raster_set_color (cr, focus ? palette->accent : line, 1.0);
      cairo_fill (cr);
    }
}

static void
draw_text (cairo_t         *cr,
           Text            *text,
           double           x,
           double           y,
           GvColor          color)
{
  text->x = x;
  text->y = y;
  gv_raster_set_color (cr, color, 1.0);
  cairo_move_to (cr, text->x, text->y);
  gv_export_show_layout (cr, text->layout);
}

static void
draw_labels (cairo_t         *cr,
             Layout          *L,
             const GvPalette *palette)
{
  for (guint i = 0; i < L->rows.n; i++)
    {
      gboolean focused = (int) i == L->focus_row;
      g_autofree char *label = NULL;
      Text *text;

      /* Every few rows when they are thin, and always the focused one, which the
       * labels next to it give way to. */
      if (!focused && (i % L->label_step != 0 ||
                       (L->focus_row >= 0 && (guint) ABS ((int) i - L->focus_row) < L->label_step)))
        continue;

      label = gv_diagram_row_label (L->rows.nodes[i]);
      text = gv_diagram_text_set (focused ? &L->bold : &L->plain, label);
      draw_text (cr, text, L->left - LABEL_GAP - text->width,
                 gv_diagram_y (L, i) - text->height / 2,
                 focused ? palette->accent : palette->foreground);
    }
}

/* The least of 1, 2, 5, 10, 20, 50… that is at least @least. */
static guint
nice_step (double least)
{
  static const guint mantissas[] = { 1, 2, 5 };

  for (guint base = 1; base <= G_MAXUINT / 10; base *= 10)
    for (guint k = 0; k < G_N_ELEMENTS (mantissas); k++)
      if (base * mantissas[k] >= least)
        return base * mantissas[k];
  return G_MAXUINT;
}

/* The round numbers over their columns, as many as fit. */
static void
draw_axis (cairo_t         *cr,
           Layout          *L,
           const GvPalette *palette)
{
  guint step;

  if (L->axis_w <= L->left - MARGIN)
    draw_text (cr, gv_diagram_text_set (&L->plain, _("Round")), MARGIN, MARGIN, palette->dim);

  if (!L->has_rounds)
    return;

  step = nice_step ((L->tick_w + TICK_SPACING) / L->col_w);

  cairo_new_path (cr);
  for (guint r = (L->first + step - 1) / step * step; r <= L->last; r += step)
    {
      g_autofree char *number = g_strdup_printf ("%u", r);
      double x = gv_diagram_x (L, r - 0.5);
      Text *text = gv_diagram_text_set (&L->plain, number);

      draw_text (cr, text,
                 CLAMP (x - text->width / 2, L->left - LABEL_GAP, L->width - MARGIN - text->width),
                 MARGIN, palette->foreground);
      cairo_rectangle (cr, round (x) - 0.5, L->top - TICK_LENGTH, 1.0, TICK_LENGTH);
    }
  gv_raster_set_color (cr, palette->dim, 1.0);
  cairo_fill (cr);
}

static void
draw_cursor (cairo_t                *cr,
             const Layout           *L,
             const GvMessageDiagram *d,
             const GvPalette        *palette)
{
  double x;

  if (!L->has_rounds || d->current_round < (gint64) L->first - 1 || d->current_round > L->last)
    return;

  x = gv_diagram_x (L, (double) d->current_round);
  gv_raster_set_color (cr, palette->accent, 1.0);
  cairo_rectangle (cr, x - CURSOR_WIDTH / 2, L->top, CURSOR_WIDTH, L->bottom - L->top);
  cairo_move_to (cr, x - CURSOR_CAP, L->top - CURSOR_CAP);
  cairo_line_to (cr, x + CURSOR_CAP, L->top - CURSOR_CAP);
  cairo_line_to (cr, x, L->top);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Beyond the detail cap, records keep no messages: the rows and their breaks are all
 * there is to draw, and the picture says so. */
static void
draw_note (cairo_t                *cr,
           const Layout           *L,
           const GvMessageDiagram *d,
           const GvPalette        *palette)
{
  Text text;

  if (!L->has_rounds)
    return;
  for (guint r = L->first; r <= L->last; r++)
    if (d->records[r] == NULL || d->records[r]->messages != NULL)
      return;

  gv_chart_text_init (&text, L->context, FONT_NOTE,
                      _("No messages recorded: the network is larger than the detail cap"));
  gv_chart_text_limit (&text, L->right - L->left, 2);
  draw_text (cr, &text, (L->left + L->right - text.width) / 2,
             (L->top + L->bottom - text.height) / 2, palette->dim);
  gv_chart_text_clear (&text);
}

/* ---- The picture ------------------------------------------------------------------- */

void
gv_message_diagram_draw (cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const GvMessageDiagram *diagram,
                         const GvPalette        *palette)
{
  g_autoptr(GArray) arrows = NULL;
  GvPainter painter;
  gboolean crisp;
  Layout L;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (diagram != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (diagram->records != NULL || diagram->n_records == 0);

  cairo_save (cr);
  gv_raster_set_color (cr, palette->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  gv_diagram_layout_init (&L, diagram, width, height);
  if (L.rows.n == 0)
    {
      gv_diagram_layout_clear (&L);
      cairo_restore (cr);
      return;
    }

  draw_rows (cr, &L, diagram, palette);

  arrows = gv_diagram_layout_arrows (&L, diagram);
  /* The painter knows when the target's pixels can be written directly. */
  gv_painter_init (&painter, cr);
  crisp = arrows_crisp (arrows);
  if (painter.rasterise && arrows->len > 0 && painter.raster.x1 <= G_MAXUINT16 &&
      painter.raster.y1 < G_MAXUINT16)
    draw_arrows_spans (&painter.raster, &L, arrows, crisp, palette);
  else if (arrows->len > 0)
    draw_arrows_vector (cr, &L, arrows, crisp, palette);
  gv_painter_finish (&painter);

  draw_cursor (cr, &L, diagram, palette);
  draw_labels (cr, &L, palette);
  draw_axis (cr, &L, palette);
  draw_note (cr, &L, diagram, palette);

  gv_diagram_layout_clear (&L);
  cairo_restore (cr);
}

void
gv_message_diagram_draw_picture (cairo_t  *cr,
                                 double    width,
                                 double    height,
                                 gpointer  picture)
{
  const GvMessageDiagramPicture *p = picture;

  g_return_if_fail (p != NULL);
  gv_message_diagram_draw (cr, width, height, p->diagram, p->palette);
}
