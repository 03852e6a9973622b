/* test-message-diagram.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message timeline, checked pixel by pixel on image surfaces: each recorded message's
 * arrow in its outcome's colour at its middle, the background where no arrow is, rows
 * broken while their node is down, the dimming around a focused node, the off-row arrows of
 * messages with one end shown, crisp frames, cairo's paths (what SVG and PDF get), the
 * hit test and exports.  Records are made by hand, or by a seeded run.
 */

#define G_LOG_DOMAIN "test-message-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>

#include "gv-export.h"
#include "gv-message-diagram.h"
#include "gv-test-engine.h"
#include "gv-test-run.h"

#define WIDTH  800
#define HEIGHT 400

/* ---- Records ------------------------------------------------------------------------- */

typedef struct
{
  guint   round;
  guint32 src, dst;
  guint8  outcome;
  guint8  carries_data;
} Message;

/* Records of rounds 0 to @n_rounds holding @messages, each in its round. */
static GPtrArray *
make_records (guint          n_rounds,
              const Message *messages,
              guint          n_messages)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) gv_round_record_unref);

  for (guint r = 0; r <= n_rounds; r++)
    {
      GvRoundRecord *rec = gv_round_record_new (GV_N_CORE_METRICS);

      rec->round = r;
      rec->messages = g_new0 (GvMessageEvent, MAX (n_messages, 1));
      for (guint i = 0; i < n_messages; i++)
        if (messages[i].round == r)
          {
            GvMessageEvent *m = &rec->messages[rec->n_messages++];

            m->src = messages[i].src;
            m->dst = messages[i].dst;
            m->outcome = messages[i].outcome;
            m->carries_data = messages[i].carries_data;
          }
      g_ptr_array_add (records, rec);
    }
  return records;
}

static void
diagram_init (GvMessageDiagram *d,
              GPtrArray        *records,
              guint32           n_nodes)
{
  gv_message_diagram_init (d);
  d->records = (const GvRoundRecord *const *) records->pdata;
  d->n_records = records->len;
  d->n_nodes = n_nodes;
}

static GvRoundRecord *
record (GPtrArray *records,
        guint      round)
{
  return g_ptr_array_index (records, round);
}

/* ---- Pixels -------------------------------------------------------------------------- */

static cairo_surface_t *
draw (const GvMessageDiagram *d,
      const GvPalette        *palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  gv_message_diagram_draw (cr, WIDTH, HEIGHT, d, palette);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The same picture through cairo's paths: a group is not a target whose pixels the
 * renderer may write. */
static cairo_surface_t *
draw_paths (const GvMessageDiagram *d,
            const GvPalette        *palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_push_group (cr);
  gv_message_diagram_draw (cr, WIDTH, HEIGHT, d, palette);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The pixel at (x, y), opaque pictures only. */
static GvColor
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 p;
  GvColor c;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  data += (gsize) y * cairo_image_surface_get_stride (surface) + 4 * x;
  p = *(const guint32 *) (gconstpointer) data;
  c.r = ((p >> 16) & 0xff) / 255.0;
  c.g = ((p >> 8) & 0xff) / 255.0;
  c.b = (p & 0xff) / 255.0;
  c.a = (p >> 24) / 255.0;
  return c;
}

/* @a, then @t of the way to @b. */
static GvColor
mix (GvColor a,
     GvColor b,
     double  t)
{
  GvColor c = {
    a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, a.a + (b.a - a.a) * t,
  };

  return c;
}

/* The largest difference in any channel, in 0-255 steps. */
static double
difference (GvColor a,
            GvColor b)
{
  return 255 * MAX (MAX (fabs (a.r - b.r), fabs (a.g - b.g)), fabs (a.b - b.b));
}

/* How much of @color a pixel holds over @background: t when the pixel is
 * background + t (color - background), or -1 when it is not such a mix. */
static double
ink (GvColor p,
     GvColor color,
     GvColor background)
{
  double d[3] = { color.r - background.r, color.g - background.g, color.b - background.b };
  double q[3] = { p.r - background.r, p.g - background.g, p.b - background.b };
  double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  double t = dd > 0 ? (q[0] * d[0] + q[1] * d[1] + q[2] * d[2]) / dd : 0;
  GvColor blend = mix (background, color, t);

  return difference (p, blend) < 10 ? t : -1;
}

/* The most of @color near the middle of the line (x0, y0)-(x1, y1): over its middle
 * tenth, and a pixel either side, so that a dash's gap or anti-aliasing cannot hide it. */
static double
line_ink (cairo_surface_t *surface,
          double           x0,
          double           y0,
          double           x1,
          double           y1,
          GvColor          color,
          GvColor          background)
{
  double best = -1;

  for (double t = 0.45; t <= 0.55; t += 0.01)
    {
      int x = (int) floor (x0 + (x1 - x0) * t);
      int y = (int) floor (y0 + (y1 - y0) * t);

      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          best = MAX (best, ink (pixel (surface, x + dx, y + dy), color, background));
    }
  return best;
}

static double
message_ink (cairo_surface_t        *surface,
             const GvMessageDiagram *d,
             guint                   round,
             guint32                 index,
             GvColor                 color,
             GvColor                 background)
{
  double x0, y0, x1, y1;

  g_assert_true (gv_message_diagram_message_line (d, WIDTH, HEIGHT, round, index,
                                                  &x0, &y0, &x1, &y1));
  return line_ink (surface, x0, y0, x1, y1, color, background);
}

static double
segment_distance (double px,
                  double py,
                  double x0,
                  double y0,
                  double x1,
                  double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / l2, 0.0, 1.0) : 0.0;

  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

/* Every drawn message's main line: round, index, x0, y0, x1, y1 each. */
static GArray *
message_lines (const GvMessageDiagram *d)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (double));
  guint first, last;

  g_assert_true (gv_message_diagram_get_rounds (d, &first, &last));
  for (guint r = first; r <= last; r++)
    for (guint32 k = 0; k < d->records[r]->n_messages; k++)
      {
        double line[6] = { r, k, 0, 0, 0, 0 };

        if (gv_message_diagram_message_line (d, WIDTH, HEIGHT, r, k, &line[2], &line[3],
                                             &line[4], &line[5]))
          g_array_append_vals (lines, line, 6);
      }
  return lines;
}

/* How near (x, y) any of @lines comes but message @skip_index of @skip_round. */
static double
nearest_message (const GArray *lines,
                 double        x,
                 double        y,
                 guint         skip_round,
                 guint32       skip_index)
{
  const double *l = (const double *) (gconstpointer) lines->data;
  double best = G_MAXDOUBLE;

  for (guint i = 0; i + 6 <= lines->len; i += 6)
    if (l[i] != skip_round || l[i + 1] != skip_index)
      best = MIN (best, segment_distance (x, y, l[i + 2], l[i + 3], l[i + 4], l[i + 5]));
  return best;
}

/* ---- Tests --------------------------------------------------------------------------- */

/* Each outcome with and without data, between rows an odd number apart, so that no
 * arrow's middle lies on a row's line. */
static const Message outcomes[] = {
  { 1, 0, 3, GV_MESSAGE_USEFUL, TRUE },
  { 1, 2, 7, GV_MESSAGE_REDUNDANT, TRUE },
  { 2, 1, 4, GV_MESSAGE_LOST, TRUE },
  { 2, 6, 3, GV_MESSAGE_REQUEST, FALSE },
  { 3, 5, 0, GV_MESSAGE_DEAD, TRUE },
  { 3, 7, 2, GV_MESSAGE_REDUNDANT, FALSE },
};

static void
check_outcomes (gboolean paths,
                gboolean dark)
{
  g_autoptr(GPtrArray) records = make_records (3, outcomes, G_N_ELEMENTS (outcomes));
  cairo_surface_t *surface;
  GvMessageDiagram d;
  GvPalette palette;

  if (dark)
    gv_palette_init_dark (&palette);
  else
    gv_palette_init_light (&palette);
  diagram_init (&d, records, 8);
  surface = paths ? draw_paths (&d, &palette) : draw (&d, &palette);

  for (guint r = 1; r <= 3; r++)
    for (guint32 k = 0; k < record (records, r)->n_messages; k++)
      {
        const GvMessageEvent *m = &record (records, r)->messages[k];
        GvColor color = gv_palette_outcome_color (&palette, m->outcome);
        GvColor opaque = mix (palette.background, gv_color_with_alpha (color, 1), color.a);

        g_test_message ("round %u: %u → %u, outcome %u", r, m->src, m->dst, m->outcome);
        g_assert_cmpfloat (message_ink (surface, &d, r, k, opaque, palette.background), >, 0.45);
      }

  cairo_surface_destroy (surface);
}

static void
test_outcome_colors (void)
{
  check_outcomes (FALSE, FALSE);
  check_outcomes (FALSE, TRUE);
}

static void
test_outcome_colors_paths (void)
{
  check_outcomes (TRUE, FALSE);
}

static void
test_background (void)
{
  g_autoptr(GPtrArray) records = make_records (3, outcomes, G_N_ELEMENTS (outcomes));
  cairo_surface_t *surface;
  g_autoptr(GArray) lines = NULL;
  GvMessageDiagram d;
  GvPalette palette;
  guint checked = 0;
  double left, right, top, bottom, rows_y[8];

  gv_palette_init_light (&palette);
  diagram_init (&d, records, 8);
  surface = draw (&d, &palette);
  lines = message_lines (&d);

  left = gv_message_diagram_time_x (&d, WIDTH, HEIGHT, 0);
  right = gv_message_diagram_time_x (&d, WIDTH, HEIGHT, 3);
  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 0, &top));
  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 7, &bottom));
  g_assert_cmpfloat (left, <, right);
  g_assert_cmpfloat (top, <, bottom);

  for (guint32 v = 0; v < 8; v++)
    g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, v, &rows_y[v]));

  /* Away from every arrow (heads, drops and crosses reach a few pixels past the main
   * line) and from every row's line. */
  for (double y = top; y <= bottom; y += 3)
    for (double x = left + 2; x < right - 2; x += 3)
      {
        double row_gap = G_MAXDOUBLE;

        for (guint32 v = 0; v < 8; v++)
          row_gap = MIN (row_gap, fabs (y - rows_y[v]));
        if (row_gap < 3 || nearest_message (lines, x, y, G_MAXUINT, 0) < 14)
          continue;
        g_assert_cmpfloat (difference (pixel (surface, (int) x, (int) y), palette.background),
                           <, 1);
        checked++;
      }
  g_assert_cmpuint (checked, >, 500);

  cairo_surface_destroy (surface);
}

/* Node 3 is down in rounds 2 and 3 by the records' crash lists, and node 5 from round 5
 * on by a class change (a crash made by hand between rounds shows only there). */
static void
test_crash_gap (void)
{
  g_autoptr(GvParams) params = gv_params_new_for (gv_protocol_find ("rumor"));
  g_autoptr(GPtrArray) records = make_records (6, NULL, 0);
  GvColor line;
  cairo_surface_t *surface;
  GvClassTable table;
  GvMessageDiagram d;
  GvPalette palette;
  GvRoundRecord *rec;
  static const gboolean down3[7] = { FALSE, FALSE, TRUE, TRUE, FALSE, FALSE, FALSE };
  static const gboolean down5[7] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE };

  gv_class_table_init (&table, params);
  rec = record (records, 2);
  rec->n_crashed = 1;
  rec->crashed_nodes = g_new (guint32, 1);
  rec->crashed_nodes[0] = 3;
  rec = record (records, 4);
  rec->n_recovered = 1;
  rec->recovered_nodes = g_new (guint32, 1);
  rec->recovered_nodes[0] = 3;
  rec = record (records, 5);
  rec->n_changes = 1;
  rec->changes = g_new0 (GvStateEvent, 1);
  rec->changes[0].node = 5;
  rec->changes[0].cls = table.crashed;

  gv_palette_init_light (&palette);
  line = mix (palette.foreground, palette.background, 0.78);
  diagram_init (&d, records, 8);
  d.class_table = &table;
  surface = draw (&d, &palette);

  for (guint r = 1; r <= 6; r++)
    {
      double x = gv_message_diagram_time_x (&d, WIDTH, HEIGHT, r - 0.5);
      double y3, y5, y4;

      g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 3, &y3));
      g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 4, &y4));
      g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 5, &y5));
      g_test_message ("round %u", r);
      g_assert_cmpint (gv_message_diagram_node_down (&d, 3, r), ==, down3[r]);
      g_assert_cmpint (gv_message_diagram_node_down (&d, 5, r), ==, down5[r]);
      g_assert_false (gv_message_diagram_node_down (&d, 4, r));

      /* The line, or the background where the node is down. */
      g_assert_cmpfloat (difference (pixel (surface, (int) x, (int) y3),
                                     down3[r] ? palette.background : line), <, 2);
      g_assert_cmpfloat (difference (pixel (surface, (int) x, (int) y5),
                                     down5[r] ? palette.background : line), <, 2);
      g_assert_cmpfloat (difference (pixel (surface, (int) x, (int) y4), line), <, 2);
    }

  /* Without the class table, only the lists count. */
  d.class_table = NULL;
  g_assert_false (gv_message_diagram_node_down (&d, 5, 6));
  g_assert_true (gv_message_diagram_node_down (&d, 3, 3));

  cairo_surface_destroy (surface);
}

static void
test_focus_dims (void)
{
  g_autoptr(GPtrArray) records = make_records (3, outcomes, G_N_ELEMENTS (outcomes));
  cairo_surface_t *plain, *focused;
  GvMessageDiagram d;
  GvPalette palette;
  GvColor useful, redundant;
  double y;

  gv_palette_init_light (&palette);
  useful = palette.useful;
  redundant = palette.redundant;
  diagram_init (&d, records, 8);
  plain = draw (&d, &palette);
  d.focused_node = 0;
  focused = draw (&d, &palette);

  /* 0 → 3 is the focused node's: as bright as before.  2 → 7 is not: paler, toward the
   * background. */
  g_assert_cmpfloat (message_ink (focused, &d, 1, 0, useful, palette.background), >, 0.45);
  g_assert_cmpfloat (fabs (message_ink (focused, &d, 1, 0, useful, palette.background) -
                           message_ink (plain, &d, 1, 0, useful, palette.background)), <, 0.05);
  g_assert_cmpfloat (message_ink (plain, &d, 1, 1, redundant, palette.background), >, 0.45);
  g_assert_cmpfloat (message_ink (focused, &d, 1, 1, redundant, palette.background), <, 0.35);
  g_assert_cmpfloat (message_ink (focused, &d, 1, 1, redundant, palette.background), >, 0.05);

  /* Its row stands out in the accent colour. */
  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 0, &y));
  g_assert_cmpfloat (difference (pixel (focused, WIDTH - 10, (int) y), palette.accent), <, 2);
  g_assert_cmpfloat (difference (pixel (plain, WIDTH - 10, (int) y), palette.accent), >, 40);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (focused);
}

static void
test_hit_test (void)
{
  g_autoptr(GPtrArray) records = make_records (3, outcomes, G_N_ELEMENTS (outcomes));
  GvMessageDiagramHit hit;
  GvMessageDiagram d;
  double x0, y0, x1, y1, y;

  diagram_init (&d, records, 8);

  for (guint r = 1; r <= 3; r++)
    for (guint32 k = 0; k < record (records, r)->n_messages; k++)
      {
        g_assert_true (gv_message_diagram_message_line (&d, WIDTH, HEIGHT, r, k,
                                                        &x0, &y0, &x1, &y1));
        g_assert_true (gv_message_diagram_hit_test (&d, WIDTH, HEIGHT, (x0 + x1) / 2,
                                                    (y0 + y1) / 2 + 1, &hit));
        g_assert_cmpint (hit.kind, ==, GV_MESSAGE_DIAGRAM_HIT_MESSAGE);
        g_assert_cmpuint (hit.round, ==, r);
        g_assert_cmpuint (hit.index, ==, k);
        g_assert_cmpuint (hit.node, ==, record (records, r)->messages[k].src);
      }

  /* A row where no arrow is: its node, and the round of the column. */
  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 6, &y));
  x0 = gv_message_diagram_time_x (&d, WIDTH, HEIGHT, 0.05);
  {
    g_autoptr(GArray) lines = message_lines (&d);

    g_assert_cmpfloat (nearest_message (lines, x0, y, G_MAXUINT, 0), >, 10);
  }
  g_assert_true (gv_message_diagram_hit_test (&d, WIDTH, HEIGHT, x0, y, &hit));
  g_assert_cmpint (hit.kind, ==, GV_MESSAGE_DIAGRAM_HIT_ROW);
  g_assert_cmpuint (hit.node, ==, 6);
  g_assert_cmpuint (hit.round, ==, 1);

  /* Its label counts as the row too; outside the picture, nothing. */
  g_assert_true (gv_message_diagram_hit_test (&d, WIDTH, HEIGHT, 10, y, &hit));
  g_assert_cmpint (hit.kind, ==, GV_MESSAGE_DIAGRAM_HIT_ROW);
  g_assert_cmpuint (hit.node, ==, 6);
  g_assert_false (gv_message_diagram_hit_test (&d, WIDTH, HEIGHT, WIDTH + 5, y, &hit));
  g_assert_false (gv_message_diagram_hit_test (&d, WIDTH, HEIGHT, 5, 2, &hit));
}

/* A seeded push-pull run with loss and crashes: every recorded message between shown rows
 * in its outcome's colour, wherever no other arrow comes near its middle. */
static void
test_simulation (void)
{
  g_autoptr(GvParams) p = gv_test_params ("rumor", 16, "exchange=push-pull", NULL);
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GArray) lines = NULL;
  guint checked = 0, total = 0;
  cairo_surface_t *surface;
  GvMessageDiagram d;
  GvPalette palette;
  guint outcomes_seen = 0;

  p->loss = 0.15;
  p->crash = 0.05;
  p->recover = 0.3;
  p->max_rounds = 40;
  p->seed = 11;
  run = gv_test_simulate (p, 1);
  g_assert_true (gv_run_has_detail (run));
  for (guint r = 0; r < gv_run_get_n_records (run); r++)
    g_ptr_array_add (records, gv_run_get_record (run, r));

  gv_palette_init_light (&palette);
  diagram_init (&d, records, 16);
  d.class_table = gv_run_get_classes (run);
  d.first_round = 1;
  d.last_round = 4;
  surface = draw (&d, &palette);
  lines = message_lines (&d);

  for (guint r = 1; r <= 4; r++)
    for (guint32 k = 0; k < record (records, r)->n_messages; k++)
      {
        const GvMessageEvent *m = &record (records, r)->messages[k];
        GvColor color = gv_palette_outcome_color (&palette, m->outcome);
        GvColor opaque = mix (palette.background, gv_color_with_alpha (color, 1), color.a);
        double x0, y0, x1, y1;

        g_assert_true (gv_message_diagram_message_line (&d, WIDTH, HEIGHT, r, k,
                                                        &x0, &y0, &x1, &y1));
        total++;
        if (nearest_message (lines, (x0 + x1) / 2, (y0 + y1) / 2, r, k) < 8)
          continue;
        g_test_message ("round %u: %u → %u, outcome %u", r, m->src, m->dst, m->outcome);
        g_assert_cmpfloat (line_ink (surface, x0, y0, x1, y1, opaque, palette.background), >, 0.4);
        checked++;
        outcomes_seen |= 1u << m->outcome;
      }

  g_assert_cmpuint (total, >, 40);
  g_assert_cmpuint (checked, >=, total / 4);
  g_assert_true (outcomes_seen & (1u << GV_MESSAGE_USEFUL));
  g_assert_true (outcomes_seen & (1u << GV_MESSAGE_REQUEST));
  g_assert_cmpuint (__builtin_popcount (outcomes_seen), >=, 3);

  cairo_surface_destroy (surface);
}

/* Rows 0 to 2 of six nodes: a message to a hidden node is a lighter off-row arrow out of its
 * sender's row, one from a hidden node an off-row arrow into its receiver's, and one between hidden
 * nodes nothing. */
static void
test_off_row_arrows (void)
{
  static const Message messages[] = {
    { 1, 1, 5, GV_MESSAGE_USEFUL, TRUE },
    { 1, 4, 0, GV_MESSAGE_REDUNDANT, TRUE },
    { 1, 3, 4, GV_MESSAGE_USEFUL, TRUE },
  };
  static const guint32 rows[] = { 0, 1, 2 };
  g_autoptr(GPtrArray) records = make_records (1, messages, G_N_ELEMENTS (messages));
  cairo_surface_t *surface;
  GvMessageDiagram d;
  GvPalette palette;
  double x0, y0, x1, y1, y, t;

  gv_palette_init_light (&palette);
  diagram_init (&d, records, 6);
  d.rows = rows;
  d.n_rows = G_N_ELEMENTS (rows);
  g_assert_cmpuint (gv_message_diagram_get_n_rows (&d), ==, 3);
  surface = draw (&d, &palette);

  /* Out of node 1, down toward the hidden node 5: lighter than a full arrow. */
  g_assert_true (gv_message_diagram_message_line (&d, WIDTH, HEIGHT, 1, 0, &x0, &y0, &x1, &y1));
  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 1, &y));
  g_assert_cmpfloat (y0, ==, y);
  g_assert_cmpfloat (y1, >, y0);
  t = line_ink (surface, x0, y0, x1, y1, palette.useful, palette.background);
  g_assert_cmpfloat (t, >, 0.2);
  g_assert_cmpfloat (t, <, 0.7);

  /* Into node 0, from below. */
  g_assert_true (gv_message_diagram_message_line (&d, WIDTH, HEIGHT, 1, 1, &x0, &y0, &x1, &y1));
  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 0, &y));
  g_assert_cmpfloat (y1, ==, y);
  g_assert_cmpfloat (y0, >, y1);
  t = line_ink (surface, x0, y0, x1, y1, palette.redundant, palette.background);
  g_assert_cmpfloat (t, >, 0.2);
  g_assert_cmpfloat (t, <, 0.7);

  g_assert_false (gv_message_diagram_message_line (&d, WIDTH, HEIGHT, 1, 2, NULL, NULL, NULL,
                                                   NULL));
  g_assert_false (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 4, NULL));

  cairo_surface_destroy (surface);
}

/* 64 nodes over 200 rounds, every node sending twice a round: too dense for
 * anti-aliasing, drawn crisp.  The one useful message a round, the top layer, keeps its
 * colour exactly; the cursor stands at its round. */
static void
test_dense (void)
{
  guint n = 200 * 129;
  g_autofree Message *messages = g_new0 (Message, n);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  cairo_surface_t *surface;
  GvMessageDiagram d;
  GvPalette palette;
  guint k = 0;
  double x, top;

  for (guint r = 1; r <= 200; r++)
    {
      for (guint32 v = 0; v < 64; v++)
        for (guint i = 0; i < 2; i++)
          messages[k++] = (Message) { r, v, (v + g_rand_int_range (rand, 1, 64)) % 64,
                                      i == 0 ? GV_MESSAGE_REDUNDANT : GV_MESSAGE_REQUEST,
                                      i == 0 };
      messages[k++] = (Message) { r, 0, 63, GV_MESSAGE_USEFUL, TRUE };
    }
  records = make_records (200, messages, k);

  gv_palette_init_light (&palette);
  diagram_init (&d, records, 64);
  d.current_round = 100;
  surface = draw (&d, &palette);

  for (guint r = 1; r <= 200; r += 7)
    {
      GvRoundRecord *rec = record (records, r);
      double x0, y0, x1, y1;
      guint hits = 0;

      g_assert_true (gv_message_diagram_message_line (&d, WIDTH, HEIGHT, r, rec->n_messages - 1,
                                                      &x0, &y0, &x1, &y1));
      /* Crisp: whole pixels in the colour itself, along the whole arrow. */
      for (double t = 0.1; t < 0.9; t += 0.1)
        {
          int px = (int) floor (x0 + (x1 - x0) * t);
          int py = (int) floor (y0 + (y1 - y0) * t);

          for (int dx = -1; dx <= 1; dx++)
            hits += difference (pixel (surface, px + dx, py), palette.useful) < 1;
        }
      g_test_message ("round %u", r);
      g_assert_cmpuint (hits, >=, 8);
    }

  x = gv_message_diagram_time_x (&d, WIDTH, HEIGHT, 100);
  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 0, &top));
  g_assert_cmpfloat (difference (pixel (surface, (int) x, (int) top - 2), palette.accent), <, 2);

  cairo_surface_destroy (surface);
}

static void
test_rows_and_rounds (void)
{
  static const guint32 rows[] = { 9, 3, 3, 250, 7 };
  g_autoptr(GPtrArray) records = make_records (10, NULL, 0);
  g_autoptr(GPtrArray) start = make_records (0, NULL, 0);
  g_autofree guint32 *many = g_new (guint32, 100);
  GvMessageDiagram d;
  guint first, last;

  diagram_init (&d, records, 100);
  g_assert_cmpuint (gv_message_diagram_get_n_rows (&d), ==, GV_MESSAGE_DIAGRAM_MAX_ROWS);
  g_assert_cmpuint (gv_message_diagram_get_row_node (&d, 63), ==, 63);

  /* Repeats and nodes the run has not are left out. */
  d.rows = rows;
  d.n_rows = G_N_ELEMENTS (rows);
  g_assert_cmpuint (gv_message_diagram_get_n_rows (&d), ==, 3);
  g_assert_cmpuint (gv_message_diagram_get_row_node (&d, 0), ==, 9);
  g_assert_cmpuint (gv_message_diagram_get_row_node (&d, 1), ==, 3);
  g_assert_cmpuint (gv_message_diagram_get_row_node (&d, 2), ==, 7);

  for (guint i = 0; i < 100; i++)
    many[i] = 99 - i;
  d.rows = many;
  d.n_rows = 100;
  g_assert_cmpuint (gv_message_diagram_get_n_rows (&d), ==, GV_MESSAGE_DIAGRAM_MAX_ROWS);

  /* Rounds: 0 is taken as 1, and the last as the last record. */
  g_assert_true (gv_message_diagram_get_rounds (&d, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 10);
  d.first_round = 0;
  d.last_round = 4;
  g_assert_true (gv_message_diagram_get_rounds (&d, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 4);
  d.first_round = 20;
  d.last_round = 30;
  g_assert_true (gv_message_diagram_get_rounds (&d, &first, &last));
  g_assert_cmpuint (first, ==, 10);
  g_assert_cmpuint (last, ==, 10);

  /* Round 0 alone has nothing to show, and draws without failing. */
  diagram_init (&d, start, 4);
  g_assert_false (gv_message_diagram_get_rounds (&d, NULL, NULL));
  {
    GvPalette palette;
    cairo_surface_t *surface;

    gv_palette_init_light (&palette);
    surface = draw (&d, &palette);
    cairo_surface_destroy (surface);
  }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Exported as PNG, the picture is the one drawn on screen; SVG and PDF are made. */
static void
test_export (void)
{
  g_autoptr(GPtrArray) records = make_records (3, outcomes, G_N_ELEMENTS (outcomes));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GByteArray) drawn = g_byte_array_new ();
  GvMessageDiagramPicture picture;
  cairo_surface_t *screen;
  GvMessageDiagram d;
  GvPalette palette;

  gv_palette_init_light (&palette);
  diagram_init (&d, records, 8);
  picture.diagram = &d;
  picture.palette = &palette;
  screen = draw (&d, &palette);

  png = gv_export_image (GV_IMAGE_PNG, WIDTH, HEIGHT, 1, gv_message_diagram_draw_picture,
                         &picture, &error);
  g_assert_no_error (error);
  svg = gv_export_image (GV_IMAGE_SVG, WIDTH, HEIGHT, 1, gv_message_diagram_draw_picture,
                         &picture, &error);
  g_assert_no_error (error);
  pdf = gv_export_image (GV_IMAGE_PDF, WIDTH, HEIGHT, 1, gv_message_diagram_draw_picture,
                         &picture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
  /* Its labels stay text. */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg),
                                  ">node 3<"));
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);

  /* Byte for byte the PNG of the picture drawn straight onto an image surface. */
  g_assert_cmpint (cairo_surface_write_to_png_stream (screen, append_cb, drawn), ==,
                   CAIRO_STATUS_SUCCESS);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), g_bytes_get_size (png), drawn->data, drawn->len);

  cairo_surface_destroy (screen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/message-diagram/outcome-colors", test_outcome_colors);
  g_test_add_func ("/message-diagram/outcome-colors-paths", test_outcome_colors_paths);
  g_test_add_func ("/message-diagram/background", test_background);
  g_test_add_func ("/message-diagram/crash-gap", test_crash_gap);
  g_test_add_func ("/message-diagram/focus-dims", test_focus_dims);
  g_test_add_func ("/message-diagram/hit-test", test_hit_test);
  g_test_add_func ("/message-diagram/simulation", test_simulation);
  g_test_add_func ("/message-diagram/off-row-arrows", test_off_row_arrows);
  g_test_add_func ("/message-diagram/dense", test_dense);
  g_test_add_func ("/message-diagram/rows-and-rounds", test_rows_and_rounds);
  g_test_add_func ("/message-diagram/export", test_export);

  return g_test_run ();
}
