/* gv-message-diagram.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout (the row labels on the left, the round axis on top, a row a node and a
 * column a round), who is down when, the arrows, and what the picture is asked: its rows
 * and rounds, the hit test, where a message or a row is drawn.  The drawing itself is in
 * gv-message-diagram-draw.c.
 */

#define G_LOG_DOMAIN "gv-message-diagram"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gv-message-diagram-private.h"

#define HIT_DISTANCE 4.0   /* pixels */

/* The order in which outcomes are drawn, each over the ones before: useful messages on
 * top, since they carry the news forward, and that causality is what the diagram is for;
 * requests, the faintest, at the bottom. */
const GvMessageOutcome gv_diagram_outcome_order[N_OUTCOMES] = {
  GV_MESSAGE_REQUEST,
  GV_MESSAGE_REDUNDANT,
  GV_MESSAGE_DEAD,
  GV_MESSAGE_LOST,
  GV_MESSAGE_USEFUL,
};

/* Where each outcome is in gv_diagram_outcome_order: its inverse, which
 * gv_diagram_layout_init () checks. */
static const guint8 outcome_place[N_OUTCOMES] = {
  [GV_MESSAGE_REQUEST] = 0,
  [GV_MESSAGE_REDUNDANT] = 1,
  [GV_MESSAGE_DEAD] = 2,
  [GV_MESSAGE_LOST] = 3,
  [GV_MESSAGE_USEFUL] = 4,
};

/* ---- Rows ---------------------------------------------------------------------------- */

static inline guint
map_hash (guint32 node)
{
  return (node * 2654435761u) >> 24;
}

static inline int
rows_find (const Rows *rows,
           guint32     node)
{
  guint h;

  if (rows->identity)
    return node < rows->n ? (int) node : -1;

  for (h = map_hash (node) % MAP_SIZE; rows->slots[h] >= 0; h = (h + 1) % MAP_SIZE)
    if (rows->keys[h] == node)
      return rows->slots[h];
  return -1;
}

static void
rows_add (Rows    *rows,
          guint32  node)
{
  guint h;

  if (rows->n >= GV_MESSAGE_DIAGRAM_MAX_ROWS || rows_find (rows, node) >= 0)
    return;

  for (h = map_hash (node) % MAP_SIZE; rows->slots[h] >= 0; h = (h + 1) % MAP_SIZE)
    ;
  rows->keys[h] = node;
  rows->slots[h] = (gint16) rows->n;
  rows->nodes[rows->n++] = node;
}

static void
rows_init (Rows                   *rows,
           const GvMessageDiagram *d)
{
  memset (rows, 0, sizeof *rows);
  for (guint h = 0; h < MAP_SIZE; h++)
    rows->slots[h] = -1;

  if (d->rows == NULL)
    {
      rows->identity = TRUE;
      rows->n = MIN (d->n_nodes, GV_MESSAGE_DIAGRAM_MAX_ROWS);
      for (guint i = 0; i < rows->n; i++)
        rows->nodes[i] = i;
      return;
    }

  /* Nodes the run has not, and repeats, are left out. */
  for (guint i = 0; i < d->n_rows; i++)
    if (d->rows[i] < d->n_nodes)
      rows_add (rows, d->rows[i]);
}

/* Who of @rows is down after @rec, from who was before (a bit a row): the crash and
 * recovery lists, which every record has, then the class changes, which records within
 * the detail cap have and which also tell the crashes made by hand between rounds. */
static guint64
rows_apply (const Rows             *rows,
            const GvMessageDiagram *d,
            const GvRoundRecord    *rec,
            guint64                 down)
{
  int row;

  for (guint32 k = 0; k < rec->n_crashed; k++)
    if ((row = rows_find (rows, rec->crashed_nodes[k])) >= 0)
      down |= G_GUINT64_CONSTANT (1) << row;
  for (guint32 k = 0; k < rec->n_recovered; k++)
    if ((row = rows_find (rows, rec->recovered_nodes[k])) >= 0)
      down &= ~(G_GUINT64_CONSTANT (1) << row);

  if (d->class_table == NULL || rec->changes == NULL)
    return down;

  for (guint32 k = 0; k < rec->n_changes; k++)
    {
      const GvStateEvent *c = &rec->changes[k];

      if (c->view != 0 || (row = rows_find (rows, c->node)) < 0)
        continue;
      if (c->cls == d->class_table->crashed)
        down |= G_GUINT64_CONSTANT (1) << row;
      else
        down &= ~(G_GUINT64_CONSTANT (1) << row);
    }
  return down;
}

/* Who is down in each round shown: down[r - first]. */
void
gv_diagram_rows_down (const Layout           *L,
                      const GvMessageDiagram *d,
                      guint64                *down)
{
  guint64 state = 0;

  for (guint r = 0; r <= L->last && r < d->n_records; r++)
    {
      if (d->records[r] != NULL)
        state = rows_apply (&L->rows, d, d->records[r], state);
      if (r >= L->first)
        down[r - L->first] = state;
    }
}

/* ---- Layout -------------------------------------------------------------------------- */

/* @text says @string now. */
Text *
gv_diagram_text_set (Text       *text,
                     const char *string)
{
  PangoRectangle logical;

  pango_layout_set_text (text->layout, string, -1);
  pango_layout_get_extents (text->layout, NULL, &logical);
  text->width = logical.width / (double) PANGO_SCALE;
  text->height = logical.height / (double) PANGO_SCALE;
  return text;
}

char *
gv_diagram_row_label (guint32 node)
{
  /* Translators: the label of a node's row in the message timeline, e.g. "node 17" */
  return g_strdup_printf (_("node %u"), node);
}

void
gv_diagram_layout_init (Layout                 *L,
                        const GvMessageDiagram *d,
                        double                  width,
                        double                  height)
{
  g_autofree char *widest = NULL;
  g_autofree char *last_round = NULL;
  guint32 max_node = 0;
  guint n_cols;

  for (guint o = 0; o < N_OUTCOMES; o++)
    g_assert (gv_diagram_outcome_order[outcome_place[o]] == o);

  memset (L, 0, sizeof *L);
  L->width = width;
  L->height = height;
  rows_init (&L->rows, d);
  L->focus_row = d->focused_node >= 0 && d->focused_node <= G_MAXUINT32
                 ? rows_find (&L->rows, (guint32) d->focused_node) : -1;
  L->has_rounds = gv_message_diagram_get_rounds (d, &L->first, &L->last);
  if (!L->has_rounds)
    L->first = L->last = 1;

  /* Every label as wide as the widest node's, and every round's as the last's. */
  for (guint i = 0; i < L->rows.n; i++)
    max_node = MAX (max_node, L->rows.nodes[i]);
  L->context = gv_chart_create_context ();
  gv_chart_text_init (&L->plain, L->context, FONT_TEXT, "");
  gv_chart_text_init (&L->bold, L->context, FONT_BOLD, "");
  widest = gv_diagram_row_label (max_node);
  L->label_w = gv_diagram_text_set (&L->bold, widest)->width;
  L->label_h = L->bold.height;
  L->axis_w = gv_diagram_text_set (&L->plain, _("Round"))->width;
  last_round = g_strdup_printf ("%u", L->last);
  L->tick_w = gv_diagram_text_set (&L->plain, last_round)->width;
  L->tick_h = L->plain.height;

  L->left = MARGIN + MAX (L->label_w, L->axis_w) + LABEL_GAP;
  L->top = MARGIN + L->tick_h + NUMBER_GAP + TICK_LENGTH;
  L->right = MAX (L->left + 1, width - MARGIN);
  L->bottom = MAX (L->top + 1, height - MARGIN);

  n_cols = L->last - L->first + 1;
  L->col_w = (L->right - L->left) / n_cols;
  L->row_h = (L->bottom - L->top) / MAX (L->rows.n, 1);
  L->label_step = (guint) MAX (1.0, ceil (L->label_h * LABEL_SPACING / L->row_h));
  for (guint i = 0; i < L->rows.n; i++)
    L->row_y[i] = floor (L->top + (i + 0.5) * L->row_h) + 0.5;

  L->head_len = CLAMP (0.5 * L->row_h, 3.0, 7.0);
  L->head_half = 0.45 * L->head_len;
  L->drop = CLAMP (0.6 * L->row_h, 3.0, 10.0);
  L->cross = CLAMP (0.3 * L->row_h, 2.0, 4.0);
  L->dead_gap = CLAMP (0.5 * L->row_h, 3.0, 8.0);
  L->off_row_dy = CLAMP (0.5 * L->row_h, 3.0, 10.0);
  L->off_row_dx = CLAMP (0.12 * L->col_w, 0.5, 6.0);
}

void
gv_diagram_layout_clear (Layout *L)
{
  gv_chart_text_clear (&L->plain);
  gv_chart_text_clear (&L->bold);
  g_clear_object (&L->context);
}

/* ---- Arrows -------------------------------------------------------------------------- */


static void
make_arrow (const Layout           *L,
            const GvMessageDiagram *d,
            const GvMessageEvent   *m,
            guint                   round,
            guint32                 index,
            guint                   j,
            guint                   n,
            int                     src_row,
            int                     dst_row,
            Arrow                  *a)
{
  GvMessageOutcome outcome = m->outcome < N_OUTCOMES ? m->outcome : GV_MESSAGE_REQUEST;
  gboolean lit = d->focused_node < 0 || m->src == d->focused_node || m->dst == d->focused_node;
  double send = GV_MESSAGE_DIAGRAM_SEND_START + GV_MESSAGE_DIAGRAM_SEND_SPAN * (j + 0.5) / n;
  double xs = gv_diagram_x (L, round - 1.0 + send);
  double xd = gv_diagram_x (L, round - 1.0 + send + GV_MESSAGE_DIAGRAM_TRAVEL);
  Tone tone;

  a->round = round;
  a->index = index;
  a->hollow = outcome == GV_MESSAGE_REQUEST || !m->carries_data;

  if (src_row >= 0 && dst_row >= 0)
    {
      double ys = gv_diagram_y (L, src_row), yd = gv_diagram_y (L, dst_row);

      tone = lit ? TONE_FULL : TONE_DIM;
      a->x0 = xs;
      a->y0 = ys;
      if (outcome == GV_MESSAGE_LOST)
        {
          a->shape = SHAPE_LOST;
          a->x1 = (xs + xd) / 2;
          a->y1 = (ys + yd) / 2;
        }
      else if (outcome == GV_MESSAGE_DEAD)
        {
          double length = hypot (xd - xs, yd - ys);
          double t = length > 0 ? 1 - MIN (L->dead_gap, 0.5 * length) / length : 1;

          a->shape = SHAPE_DEAD;
          a->x1 = xs + (xd - xs) * t;
          a->y1 = ys + (yd - ys) * t;
        }
      else
        {
          a->shape = SHAPE_FULL;
          a->x1 = xd;
          a->y1 = yd;
        }
    }
  else if (src_row >= 0)
    {
      /* Toward where the receiver would be: below when its number is greater, as it is
       * for every hidden node when the rows are the first nodes. */
      double ys = gv_diagram_y (L, src_row);

      tone = lit ? TONE_OFF_ROW : TONE_DIM_OFF_ROW;
      a->shape = SHAPE_OFF_ROW_OUT;
      a->x0 = xs;
      a->y0 = ys;
      a->x1 = xs + L->off_row_dx;
      a->y1 = ys + (m->dst > m->src ? L->off_row_dy : -L->off_row_dy);
    }
  else
    {
      double yd = gv_diagram_y (L, dst_row);

      tone = lit ? TONE_OFF_ROW : TONE_DIM_OFF_ROW;
      a->shape = SHAPE_OFF_ROW_IN;
      a->x0 = xd - L->off_row_dx;
      a->y0 = yd + (m->src > m->dst ? L->off_row_dy : -L->off_row_dy);
      a->x1 = xd;
      a->y1 = yd;
    }

  a->layer = (guint8) (tone * N_OUTCOMES + outcome_place[outcome]);
}

/* Appends the arrows of round @round: every message with an end shown, numbered in the
 * record's order. */
static void
round_arrows (const Layout           *L,
              const GvMessageDiagram *d,
              guint                   round,
              GArray                 *arrows)
{
  const GvRoundRecord *rec;
  guint n = 0, j = 0, start;

  if (round >= d->n_records || (rec = d->records[round]) == NULL || rec->messages == NULL)
    return;

  for (guint32 k = 0; k < rec->n_messages; k++)
    if (rows_find (&L->rows, rec->messages[k].src) >= 0 ||
        rows_find (&L->rows, rec->messages[k].dst) >= 0)
      n++;

  start = arrows->len;
  g_array_set_size (arrows, start + n);
  for (guint32 k = 0; k < rec->n_messages && j < n; k++)
    {
      const GvMessageEvent *m = &rec->messages[k];
      int src_row = rows_find (&L->rows, m->src);
      int dst_row = rows_find (&L->rows, m->dst);

      if (src_row < 0 && dst_row < 0)
        continue;
      make_arrow (L, d, m, round, k, j, n, src_row, dst_row,
                  &g_array_index (arrows, Arrow, start + j));
      j++;
    }
}

GArray *
gv_diagram_layout_arrows (const Layout           *L,
                          const GvMessageDiagram *d)
{
  GArray *arrows;
  guint n = 0;

  /* Room for every message, so that filling it never moves it. */
  for (guint r = L->first; L->has_rounds && r <= L->last; r++)
    if (d->records[r] != NULL && d->records[r]->messages != NULL)
      n += d->records[r]->n_messages;
  arrows = g_array_sized_new (FALSE, FALSE, sizeof (Arrow), n);

  if (L->has_rounds)
    for (guint r = L->first; r <= L->last; r++)
      round_arrows (L, d, r, arrows);
  return arrows;
}

/* ---- Public API ---------------------------------------------------------------------- */

void
gv_message_diagram_init (GvMessageDiagram *diagram)
{
  g_return_if_fail (diagram != NULL);

  memset (diagram, 0, sizeof *diagram);
  diagram->first_round = 1;
  diagram->last_round = G_MAXUINT;
  diagram->current_round = -1;
  diagram->focused_node = -1;
}

guint
gv_message_diagram_get_n_rows (const GvMessageDiagram *diagram)
{
  Rows rows;

  g_return_val_if_fail (diagram != NULL, 0);

  rows_init (&rows, diagram);
  return rows.n;
}

guint32
gv_message_diagram_get_row_node (const GvMessageDiagram *diagram,
                                 guint                   row)
{
  Rows rows;

  g_return_val_if_fail (diagram != NULL, 0);

  rows_init (&rows, diagram);
  g_return_val_if_fail (row < rows.n, 0);
  return rows.nodes[row];
}

gboolean
gv_message_diagram_get_rounds (const GvMessageDiagram *diagram,
                               guint                  *first,
                               guint                  *last)
{
  guint a, b;

  g_return_val_if_fail (diagram != NULL, FALSE);

  if (diagram->records == NULL || diagram->n_records < 2)
    return FALSE;

  b = MIN (diagram->last_round, diagram->n_records - 1);
  a = MIN (MAX (diagram->first_round, 1), b);
  if (first != NULL)
    *first = a;
  if (last != NULL)
    *last = b;
  return TRUE;
}

gboolean
gv_message_diagram_node_down (const GvMessageDiagram *diagram,
                              guint32                 node,
                              guint                   round)
{
  GvMessageDiagram one;
  guint64 down = 0;
  Rows rows;

  g_return_val_if_fail (diagram != NULL, FALSE);

  /* The same reading of the records as the picture's, for a row of one. */
  one = *diagram;
  one.rows = &node;
  one.n_rows = 1;
  rows_init (&rows, &one);
  if (rows.n == 0)
    return FALSE;

  for (guint r = 0; r <= round && r < diagram->n_records; r++)
    if (diagram->records[r] != NULL)
      down = rows_apply (&rows, diagram, diagram->records[r], down);
  return down != 0;
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
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / length2, 0.0, 1.0) : 0.0;

  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

gboolean
gv_message_diagram_hit_test (const GvMessageDiagram *diagram,
                             double                  width,
                             double                  height,
                             double                  x,
                             double                  y,
                             GvMessageDiagramHit    *hit)
{
  g_autoptr(GArray) arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  double best = HIT_DISTANCE;
  const Arrow *found = NULL;
  guint column = 0;
  Layout L;

  g_return_val_if_fail (diagram != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  gv_diagram_layout_init (&L, diagram, width, height);
  gv_diagram_layout_clear (&L);
  if (L.rows.n == 0 || x < 0 || y < 0 || x > width || y > height)
    return FALSE;

  /* No arrow leaves its column but for a few pixels: the columns next to the point's
   * are enough. */
  if (L.has_rounds && x >= L.left - HIT_DISTANCE && x <= L.right + HIT_DISTANCE)
    {
      double at = L.first + floor ((x - L.left) / L.col_w);

      column = (guint) CLAMP (at, L.first, L.last);
      for (double r = MAX (at - 1, L.first); r <= MIN (at + 1, L.last); r++)
        round_arrows (&L, diagram, (guint) r, arrows);
    }

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);
      double distance = segment_distance (x, y, a->x0, a->y0, a->x1, a->y1);

      if (a->shape == SHAPE_LOST)
        distance = MIN (distance, segment_distance (x, y, a->x1, a->y1, a->x1, a->y1 + L.drop));
      /* Over each other, the one drawn last is the one seen. */
      if (distance < best || (distance == best && found != NULL && a->layer >= found->layer))
        {
          best = distance;
          found = a;
        }
    }

  if (found != NULL)
    {
      hit->kind = GV_MESSAGE_DIAGRAM_HIT_MESSAGE;
      hit->round = found->round;
      hit->index = found->index;
      hit->node = diagram->records[found->round]->messages[found->index].src;
      return TRUE;
    }

  if (y >= L.top && y < L.bottom && x <= L.right)
    {
      guint row = (guint) MIN ((y - L.top) / L.row_h, L.rows.n - 1.0);

      hit->kind = GV_MESSAGE_DIAGRAM_HIT_ROW;
      hit->round = column;
      hit->node = L.rows.nodes[row];
      return TRUE;
    }

  return FALSE;
}

gboolean
gv_message_diagram_message_line (const GvMessageDiagram *diagram,
                                 double                  width,
                                 double                  height,
                                 guint                   round,
                                 guint32                 index,
                                 double                 *x0,
                                 double                 *y0,
                                 double                 *x1,
                                 double                 *y1)
{
  g_autoptr(GArray) arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  Layout L;

  g_return_val_if_fail (diagram != NULL, FALSE);

  gv_diagram_layout_init (&L, diagram, width, height);
  gv_diagram_layout_clear (&L);
  if (!L.has_rounds || round < L.first || round > L.last)
    return FALSE;

  round_arrows (&L, diagram, round, arrows);
  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);

      if (a->index != index)
        continue;
      if (x0 != NULL)
        *x0 = a->x0;
      if (y0 != NULL)
        *y0 = a->y0;
      if (x1 != NULL)
        *x1 = a->x1;
      if (y1 != NULL)
        *y1 = a->y1;
      return TRUE;
    }
  return FALSE;
}

double
gv_message_diagram_time_x (const GvMessageDiagram *diagram,
                           double                  width,
                           double                  height,
                           double                  time)
{
  Layout L;

  g_return_val_if_fail (diagram != NULL, 0);

  gv_diagram_layout_init (&L, diagram, width, height);
  gv_diagram_layout_clear (&L);
  return gv_diagram_x (&L, time);
}

gboolean
gv_message_diagram_row_y (const GvMessageDiagram *diagram,
                          double                  width,
                          double                  height,
                          guint32                 node,
                          double                 *y)
{
  Layout L;
  int row;

  g_return_val_if_fail (diagram != NULL, FALSE);

  gv_diagram_layout_init (&L, diagram, width, height);
  gv_diagram_layout_clear (&L);
  row = rows_find (&L.rows, node);
  if (row < 0)
    return FALSE;
  if (y != NULL)
    *y = gv_diagram_y (&L, row);
  return TRUE;
}
