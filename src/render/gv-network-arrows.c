/* gv-network-arrows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Messages as arrows that grow from sender to receiver over a round and then fade: a
 * lost one breaks half way and its head falls away, one to a crashed node stops at a
 * cross, a request's head is hollow, and a useful one flashes its receiver on arrival.
 * A round can go one message at a time; a focused node's arrows stay lit and the rest
 * dim.  And the infection tree: who first told whom.
 */

#define G_LOG_DOMAIN "gv-network-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-network-private.h"

/* How far along its line a message to a crashed node stops. */
#define DEAD_STOP 0.8

#define N_OUTCOMES (GV_MESSAGE_REQUEST + 1)

/* The order in which messages are drawn, by outcome: each over the ones before. */
static const GvMessageOutcome message_order[] = {
  GV_MESSAGE_USEFUL,
  GV_MESSAGE_REDUNDANT,
  GV_MESSAGE_REQUEST,
  GV_MESSAGE_LOST,
  GV_MESSAGE_DEAD,
};

G_STATIC_ASSERT (G_N_ELEMENTS (message_order) == N_OUTCOMES);

static inline double
ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

/* A message's outcome; one the engine does not know (a caller's mistake) is drawn as a
 * request. */
static GvMessageOutcome
message_outcome (const GvMessageEvent *m)
{
  return m->outcome < N_OUTCOMES ? m->outcome : GV_MESSAGE_REQUEST;
}

static inline gboolean
message_hollow (const GvMessageEvent *m)
{
  return message_outcome (m) == GV_MESSAGE_REQUEST || !m->carries_data;
}

/* Where a message of @outcome is at @travel (0 .. 1 of its trip), as a fraction of the
 * way along its line and a drop below it in pixels, how far its shaft reaches along the
 * line, and how opaque it is. */
static void
message_motion (GvMessageOutcome  outcome,
                double            travel,
                double            fall,
                double           *along,
                double           *reach,
                double           *drop,
                double           *alpha)
{
  *along = ease (travel);
  *drop = 0;
  *alpha = 1;

  if (outcome == GV_MESSAGE_LOST && travel > 0.5)
    {
      /* Half way, the network drops it: the shaft breaks there, and the head drifts on
       * a little and falls away, accelerating like a dropped object and fading. */
      double t = (travel - 0.5) / 0.5;

      *along = 0.5 + 0.1 * t;
      *drop = fall * t * t;
      *alpha = 1 - 0.85 * t * t;
      *reach = 0.5;
      return;
    }
  if (outcome == GV_MESSAGE_DEAD)
    /* Nobody takes it: it stalls short of the crashed receiver, at a cross. */
    *along = MIN (*along, DEAD_STOP);
  *reach = *along;
}

/* One message's arrow at @travel: the start of its shaft, where the shaft ends, its
 * head's point and the head's direction (a unit vector), in pixels. */
typedef struct
{
  double sx, sy;
  double ex, ey;
  double hx, hy;
  double ux, uy;
  double alpha;
} Arrow;

static void
message_arrow (const View           *view,
               const GvNetworkScene *scene,
               const GvMessageEvent *m,
               double                radius,
               double                fall,
               double                travel,
               Arrow                *arrow)
{
  GvMessageOutcome outcome = message_outcome (m);
  double x1, y1, x2, y2, dx, dy, length, along, reach, drop;

  view_map (view, scene->positions, m->src, &x1, &y1);
  view_map (view, scene->positions, m->dst, &x2, &y2);

  /* From rim to rim, so that the arrow is never hidden under either node and the middle
   * of the trip is still the middle of the line. */
  dx = x2 - x1;
  dy = y2 - y1;
  length = sqrt (dx * dx + dy * dy);
  if (length > 2.5 * radius)
    {
      x1 += dx / length * radius;
      y1 += dy / length * radius;
      x2 -= dx / length * 1.2 * radius;
      y2 -= dy / length * 1.2 * radius;
    }

  message_motion (outcome, travel, fall, &along, &reach, &drop, &arrow->alpha);
  arrow->sx = x1;
  arrow->sy = y1;
  arrow->ex = x1 + (x2 - x1) * reach;
  arrow->ey = y1 + (y2 - y1) * reach;
  arrow->hx = x1 + (x2 - x1) * along;
  arrow->hy = y1 + (y2 - y1) * along + drop;

  if (drop > 0)
    {
      /* A falling head points where it falls: from the break to where it is. */
      dx = arrow->hx - arrow->ex;
      dy = arrow->hy - arrow->ey;
    }
  length = sqrt (dx * dx + dy * dy);
  arrow->ux = length > 0 ? dx / length : 1;
  arrow->uy = length > 0 ? dy / length : 0;
}

/* How a group of arrows is drawn: all of one outcome and one of these states. */
typedef enum
{
  GROUP_TRAVELLING,   /* on its way at the scene's progress */
  GROUP_ARRIVED,      /* delivered earlier in a stepped round */
  GROUP_SETTLED,      /* a focused node's contact of the round shown, nothing moving */
  N_GROUPS,
} Group;

/* What the message filter of one pass through the messages keeps. */
typedef struct
{
  const GvNetworkScene *scene;
  const GvMessageEvent *messages;
  guint32               n_messages;
  gint64                focus;     /* -1: nothing dims */
} Traffic;

static inline gboolean
message_lit (const Traffic        *traffic,
             const GvMessageEvent *m)
{
  return traffic->focus < 0 || m->src == traffic->focus || m->dst == traffic->focus;
}

static Group
message_group (const Traffic *traffic,
               guint32        index)
{
  if (traffic->messages != traffic->scene->messages)
    return GROUP_SETTLED;
  if (traffic->scene->step_message >= 0 && index < traffic->scene->step_message)
    return GROUP_ARRIVED;
  return GROUP_TRAVELLING;
}

/* Whether message @index is drawn at all: a stepped round hides the ones still to go,
 * and a settled picture shows only the focused node's. */
static inline gboolean
message_shown (const Traffic *traffic,
               guint32        index)
{
  const GvMessageEvent *m = &traffic->messages[index];
  guint32 n = traffic->scene->n_nodes;

  if (m->src >= n || m->dst >= n)
    return FALSE;
  if (traffic->messages == traffic->scene->messages)
    return traffic->scene->step_message < 0 || index <= traffic->scene->step_message;
  return traffic->focus >= 0 && message_lit (traffic, m);
}

/* The batch a message is drawn in: its outcome, group and whether it is lit. */
#define NO_BATCH 0xff

static inline guint8
message_batch (GvMessageOutcome outcome,
               Group            group,
               gboolean         lit)
{
  return (guint8) ((outcome * N_GROUPS + group) * 2 + (lit ? 1 : 0));
}

/* The arrows' trip takes this much of the round; they fade over the rest of it. */
#define TRAVEL_END 0.7

/* Beyond this many arrows at once, full lines from every sender would be a grey mass
 * (and cost more than the frame's budget): each keeps a shaft of at most CROWD_SHAFT
 * pixels behind its head, except a focused node's, which stay whole. */
#define CROWD 400
#define CROWD_SHAFT 36.0

static void
group_state (Group   group,
             double  progress,
             double *travel,
             double *fade)
{
  switch (group)
    {
    case GROUP_ARRIVED:
      *travel = 1;
      *fade = 0.35;
      break;
    case GROUP_SETTLED:
      *travel = 1;
      *fade = 0.85;
      break;
    case GROUP_TRAVELLING:
    default:
      *travel = MIN (1.0, progress / TRAVEL_END);
      *fade = progress <= TRAVEL_END ? 1.0
              : 1.0 - 0.7 * (progress - TRAVEL_END) / (1 - TRAVEL_END);
      break;
    }
}

static void
draw_arrows (GvPainter            *painter,
             const View           *view,
             double                radius,
             const Traffic        *traffic,
             const GvPalette      *palette)
{
  const GvNetworkScene *scene = traffic->scene;
  double progress = CLAMP (scene->progress, 0.0, 1.0);
  double fall = MAX (6 * radius, 0.12 * view->scale);
  double head = CLAMP (1.1 * radius, 5.0, 11.0);
  gboolean crowded = traffic->n_messages > CROWD;
  guint counts[N_OUTCOMES][N_GROUPS][2] = { { { 0, }, }, };
  /* Each message's batch, worked out once: the passes below go through every message
   * for each batch, and a frame has up to 2,000 of them. */
  g_autofree guint8 *batches = g_malloc (MAX (traffic->n_messages, 1));

  for (guint32 i = 0; i < traffic->n_messages; i++)
    {
      const GvMessageEvent *m = &traffic->messages[i];

      batches[i] = message_shown (traffic, i)
                   ? message_batch (message_outcome (m), message_group (traffic, i),
                                    message_lit (traffic, m))
                   : NO_BATCH;
      if (batches[i] != NO_BATCH)
        counts[message_outcome (m)][message_group (traffic, i)][message_lit (traffic, m)]++;
    }

  /* Dimmed arrows first, under the lit ones; within each, outcome by outcome. */
  for (guint lit = 0; lit < 2; lit++)
    for (guint g = 0; g < N_GROUPS; g++)
      for (guint k = 0; k < G_N_ELEMENTS (message_order); k++)
        {
          GvMessageOutcome outcome = message_order[k];
          GvColor color = gv_palette_outcome_color (palette, outcome);
          double travel, fade, along, reach, drop, alpha;

          if (counts[outcome][g][lit] == 0)
            continue;
          group_state (g, progress, &travel, &fade);
          if (g == GROUP_SETTLED && outcome == GV_MESSAGE_LOST)
            travel = 0.75;  /* broken and falling, still in sight */
          message_motion (outcome, travel, fall, &along, &reach, &drop, &alpha);
          alpha *= fade * (lit ? 1.0 : 0.14);
          if (g == GROUP_SETTLED)
            alpha = MAX (alpha, 0.5);
          if (alpha <= 0.01)
            continue;

          /* Pass 0: the shafts, thin lines under the heads.  Pass 1: the heads.  Pass 2:
           * the hollow of a request's head, in the background's colour.  Pass 3: the
           * cross where a message to a crashed node stopped. */
          for (guint pass = 0; pass < 4; pass++)
            {
              if (pass == 3 && (outcome != GV_MESSAGE_DEAD || travel < 0.9))
                continue;
              gv_painter_begin (painter, pass == 2 ? palette->background : color,
                                pass == 0 ? 0.6 * alpha : pass == 2 ? 1.0 : alpha);
              for (guint32 i = 0; i < traffic->n_messages; i++)
                {
                  const GvMessageEvent *m = &traffic->messages[i];
                  Arrow a;

                  if (batches[i] != message_batch (outcome, g, lit))
                    continue;
                  if (pass == 2 && !message_hollow (m))
                    continue;

                  message_arrow (view, scene, m, radius, fall, travel, &a);
                  if (pass == 0)
                    {
                      double dx = a.ex - a.sx, dy = a.ey - a.sy;
                      double length = sqrt (dx * dx + dy * dy);

                      if (crowded && (traffic->focus < 0 || !lit) && length > CROWD_SHAFT)
                        {
                          a.sx = a.ex - dx / length * CROWD_SHAFT;
                          a.sy = a.ey - dy / length * CROWD_SHAFT;
                        }
                      gv_painter_line (painter, a.sx, a.sy, a.ex, a.ey);
                    }
                  else if (pass == 1)
                    gv_painter_tail (painter, a.hx - a.ux * head, a.hy - a.uy * head,
                                     a.hx, a.hy, 0.5 * head);
                  else if (pass == 2)
                    gv_painter_tail (painter, a.hx - a.ux * 0.78 * head,
                                     a.hy - a.uy * 0.78 * head,
                                     a.hx - a.ux * 0.3 * head, a.hy - a.uy * 0.3 * head,
                                     0.2 * head);
                  else
                    gv_painter_cross (painter, a.hx + a.ux * 0.6 * head,
                                      a.hy + a.uy * 0.6 * head, 0.45 * head, 0.12 * head);
                }
              if (pass == 0)
                gv_painter_stroke (painter, lit ? 1.25 : 1.0);
              else
                gv_painter_fill (painter);
            }
        }

  /* The receiver of news lights up as it lands: one expanding, fading ring. */
  if (traffic->messages == scene->messages && progress > TRAVEL_END &&
      counts[GV_MESSAGE_USEFUL][GROUP_TRAVELLING][1] > 0)
    {
      double t = (progress - TRAVEL_END) / (1 - TRAVEL_END);
      double r_out = radius * (1.2 + 1.3 * t);
      double r_in = r_out - MAX (1.5, 0.3 * radius) * (1 - 0.5 * t);

      gv_painter_begin (painter, palette->useful, 0.9 * (1 - t));
      for (guint32 i = 0; i < traffic->n_messages; i++)
        {
          const GvMessageEvent *m = &traffic->messages[i];
          double x, y;

          if (batches[i] != message_batch (GV_MESSAGE_USEFUL, GROUP_TRAVELLING, TRUE))
            continue;
          view_map (view, scene->positions, m->dst, &x, &y);
          gv_painter_ring (painter, x, y, r_in, r_out);
        }
      gv_painter_fill (painter);
    }
}

void
gv_network_draw_messages (GvPainter            *painter,
               const View           *view,
               double                radius,
               const GvNetworkScene *scene,
               const GvPalette      *palette)
{
  Traffic traffic = { scene, scene->messages, scene->n_messages, scene_focus (scene) };

  if (scene->messages != NULL && scene->n_messages > 0)
    {
      draw_arrows (painter, view, radius, &traffic, palette);
      return;
    }
  /* Nothing travels: a focused node's contacts of the round shown, settled. */
  traffic.messages = scene->contacts;
  traffic.n_messages = scene->n_contacts;
  if (traffic.focus >= 0 && traffic.messages != NULL)
    draw_arrows (painter, view, radius, &traffic, palette);
}

gboolean
gv_network_focus_lit (const GvNetworkScene *scene,
           guint8               *lit)
{
  gint64 focus = scene_focus (scene);
  const GvMessageEvent *messages = scene->contacts != NULL ? scene->contacts : scene->messages;
  guint32 n_messages = scene->contacts != NULL ? scene->n_contacts : scene->n_messages;

  if (focus < 0)
    return FALSE;

  memset (lit, 0, scene->n_nodes);
  lit[focus] = 1;
  for (guint32 i = 0; messages != NULL && i < n_messages; i++)
    {
      const GvMessageEvent *m = &messages[i];

      if (m->src >= scene->n_nodes || m->dst >= scene->n_nodes)
        continue;
      if (m->src == focus)
        lit[m->dst] = 1;
      else if (m->dst == focus)
        lit[m->src] = 1;
    }
  /* The way the news came, when it is drawn, stays lit too. */
  if (scene->tellers != NULL)
    for (guint32 v = (guint32) focus, hops = 0;
         scene->tellers[v] < scene->n_nodes && hops < scene->n_nodes; hops++)
      {
        v = scene->tellers[v];
        lit[v] = 1;
      }
  return TRUE;
}

/* The infection tree: an edge from each node's first teller to it, with a head half way
 * that says which way the news went; or only the way to the selected node, bolder. */
void
gv_network_draw_tree (GvPainter            *painter,
           const View           *view,
           double                radius,
           const GvNetworkScene *scene,
           const GvPalette      *palette)
{
  guint32 n = scene->n_nodes;
  gboolean path = scene->tree_path_only;
  double head = CLAMP (radius, 4.0, 9.0);

  if (path && (scene->selected_node < 0 || scene->selected_node >= n))
    return;

  for (guint pass = 0; pass < 2; pass++)
    {
      guint32 v = path ? (guint32) scene->selected_node : 0;
      guint32 hops = 0;

      gv_painter_begin (painter, palette->useful, path ? 1.0 : 0.75);
      while (v < n && hops++ <= n)
        {
          guint32 t = scene->tellers[v];
          double x1, y1, x2, y2, dx, dy, length;

          if (t < n && t != v)
            {
              view_map (view, scene->positions, t, &x1, &y1);
              view_map (view, scene->positions, v, &x2, &y2);
              dx = x2 - x1;
              dy = y2 - y1;
              length = sqrt (dx * dx + dy * dy);
              if (pass == 0)
                {
                  gv_painter_line (painter, x1, y1, x2, y2);
                  if (path)
                    {
                      /* Bolder: two more lines beside it, a pixel off. */
                      double ox = length > 0 ? -dy / length : 0, oy = length > 0 ? dx / length : 0;

                      gv_painter_line (painter, x1 + ox, y1 + oy, x2 + ox, y2 + oy);
                      gv_painter_line (painter, x1 - ox, y1 - oy, x2 - ox, y2 - oy);
                    }
                }
              else if (length > 2 * head)
                {
                  double mx = x1 + dx * 0.6, my = y1 + dy * 0.6;

                  gv_painter_tail (painter, mx - dx / length * head, my - dy / length * head,
                                   mx, my, 0.5 * head);
                }
            }
          v = path ? t : v + 1;
        }
      if (pass == 0)
        gv_painter_stroke (painter, path ? 3.0 : 1.25);
      else
        gv_painter_fill (painter);
    }
}


void
gv_network_draw_message_key (cairo_t          *cr,
                             double            x1,
                             double            y1,
                             double            x2,
                             double            y2,
                             GvMessageOutcome  outcome,
                             gboolean          carries_data,
                             const GvPalette  *palette)
{
  static const float ends[4] = { 0, 0, 1, 0 };
  GvMessageEvent message = { 0, 1, outcome, carries_data, 0 };
  Traffic traffic;
  GvNetworkScene scene;
  GvPainter painter;
  double dx = x2 - x1, dy = y2 - y1;
  double length = sqrt (dx * dx + dy * dy);
  View view = { .scale = length, .x0 = x1, .y0 = y1 };
  cairo_matrix_t rotation;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);

  if (length <= 0)
    return;

  /* A scene of two nodes one length apart, turned onto the key's direction, and the
   * message between them settled: the code that draws the network draws the key. */
  gv_network_scene_init (&scene);
  scene.n_nodes = 2;
  scene.positions = ends;
  scene.selected_node = 0;
  scene.focus = TRUE;
  traffic = (Traffic) { &scene, &message, 1, 0 };

  cairo_save (cr);
  cairo_translate (cr, x1, y1);
  cairo_matrix_init_rotate (&rotation, atan2 (dy, dx));
  cairo_transform (cr, &rotation);
  view.x0 = view.y0 = 0;
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  gv_painter_init (&painter, cr);
  draw_arrows (&painter, &view, 0, &traffic, palette);
  gv_painter_finish (&painter);
  cairo_restore (cr);
}
