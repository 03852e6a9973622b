/* gv-network-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scene: where nodes go, how big they are, what each class looks like (its slot's
 * colour and its second cue), the edges and the marks of the pointer; the messages and
 * the infection tree are in gv-network-arrows.c.  Everything is drawn through a painter
 * (gv-raster.h), whose two back ends, cairo's paths and a rasteriser, give the same
 * picture; the pixel view is in gv-network-pixels.c.
 */

#define G_LOG_DOMAIN "gv-network-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-network-private.h"

/* Above this many nodes, or on the complete graph, edges would be a grey smear that
 * costs more to draw than everything else together. */
#define MAX_EDGES_NODES 3000

#define MIN_RADIUS 2.0
#define MAX_RADIUS 14.0

/* Nodes sampled to estimate how closely the layout packs them. */
#define N_SPACING_SAMPLES 32

/* ---- The scene --------------------------------------------------------------------- */

static void
view_init (View                 *view,
           const GvNetworkScene *scene,
           double                width,
           double                height)
{
  double side = MAX (1.0, MIN (width, height) - 2 * GV_NETWORK_MARGIN);
  double zoom = scene->zoom > 0 ? scene->zoom : 1.0;

  view->scale = side * zoom;
  view->x0 = width / 2 + scene->pan_x - 0.5 * view->scale;
  view->y0 = height / 2 + scene->pan_y - 0.5 * view->scale;
}

/* The nearest-neighbour distance of a few nodes spread through the index range, in
 * layout units.  A uniform density (1 / sqrt (n)) overestimates the room on a circle or
 * inside the clumps of a force layout, and big nodes would then overlap. */
static double
nearest_spacing (const float *xy,
                 guint32      n)
{
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
  double spacing, uniform, nearest;

  if (scene->n_nodes == 0 || scene->positions == NULL)
    return MIN_RADIUS;

  spacing = scene->spacing > 0 ? scene->spacing
                               : nearest_spacing (scene->positions, scene->n_nodes);
  uniform = view->scale / sqrt ((double) scene->n_nodes);
  nearest = spacing * view->scale;

  double ms = scene->mark_scale > 0 ? scene->mark_scale : 1.0;

  return CLAMP (MIN (0.35 * uniform, 0.34 * nearest), ms * MIN_RADIUS, ms * MAX_RADIUS);
}

/* A node's class in @table; a byte beyond it (a caller's mistake) is the first class. */
static inline guint
node_class (const GvNetworkScene *scene,
            const GvClassTable   *table,
            guint32               node)
{
  guint c = scene->classes != NULL ? scene->classes[node] : 0;

  return c < table->n ? c : 0;
}

static void
draw_edges (GvPainter            *painter,
            const View           *view,
            const GvNetworkScene *scene,
            const GvPalette      *palette)
{
  const GvTopology *topology = scene->topology;
  double zoom = scene->zoom > 0 ? scene->zoom : 1.0;
  guint32 n = scene->n_nodes;

  /* Many edges over each other add up to a grey mass that hides the nodes; thin the
   * ink as they multiply, and give it back as a zoom spreads them out. */
  gv_painter_begin (painter, palette->edge,
                    MIN (1.0, sqrt (400.0 * zoom * zoom / MAX (1, topology->offsets[n] / 2))) *
                    (scene_focus (scene) >= 0 ? 0.35 : 1.0));
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
          gv_painter_line (painter, x1, y1, x2, y2);
        }
    }
  gv_painter_stroke (painter, 1.0);
}

/* The selected node's own edges, so that its neighbourhood can be read off. */
static void
draw_selected_edges (GvPainter            *painter,
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
  gv_painter_begin (painter, palette->accent, 0.8);
  view_map (view, scene->positions, v, &x1, &y1);
  for (guint32 e = topology->offsets[v]; e < topology->offsets[v + 1]; e++)
    {
      double x2, y2;

      if (topology->neighbors[e] >= n)
        continue;
      view_map (view, scene->positions, topology->neighbors[e], &x2, &y2);
      gv_painter_line (painter, x1, y1, x2, y2);
    }
  gv_painter_stroke (painter, 1.5);
}

/* A cue is drawn as up to three marks, one batch each, in the class's colour (its slot),
 * a pale version of it, or the background:
 *   hollow            an outline around a pale centre: "empty";
 *   quarter, half,    the same, filled like a pie from the bottom up: "partly there";
 *   three quarters
 *   plain             a solid disc: "done";
 *   ring              a solid disc with a detached halo: "active";
 *   cross             a disc crossed out: "down";
 *   square, diamond   solid shapes, for classes that need more than these. */
typedef enum
{
  MARK_NONE,
  MARK_DISC,
  MARK_RIM,
  MARK_PALE,
  MARK_HALO,
  MARK_CROSS,
  MARK_WEDGE,
  MARK_SQUARE,
  MARK_DIAMOND,
} MarkKind;

typedef enum
{
  INK_SLOT,
  INK_PALE,
  INK_BACKGROUND,
} Ink;

typedef struct
{
  MarkKind kind;
  Ink      ink;
} Mark;

#define MAX_MARKS 3

static const Mark cue_marks[GV_N_CUES][MAX_MARKS] = {
  [GV_CUE_HOLLOW] = { { MARK_RIM, INK_SLOT }, { MARK_PALE, INK_PALE } },
  [GV_CUE_RING] = { { MARK_HALO, INK_SLOT }, { MARK_DISC, INK_SLOT } },
  [GV_CUE_PLAIN] = { { MARK_DISC, INK_SLOT } },
  [GV_CUE_CROSS] = { { MARK_DISC, INK_SLOT }, { MARK_CROSS, INK_BACKGROUND } },
  [GV_CUE_HALF] = { { MARK_RIM, INK_SLOT }, { MARK_PALE, INK_PALE }, { MARK_WEDGE, INK_SLOT } },
  [GV_CUE_QUARTER] = {
    { MARK_RIM, INK_SLOT }, { MARK_PALE, INK_PALE }, { MARK_WEDGE, INK_SLOT } },
  [GV_CUE_THREE_QUARTERS] = {
    { MARK_RIM, INK_SLOT }, { MARK_PALE, INK_PALE }, { MARK_WEDGE, INK_SLOT } },
  [GV_CUE_SQUARE] = { { MARK_SQUARE, INK_SLOT } },
  [GV_CUE_DIAMOND] = { { MARK_DIAMOND, INK_SLOT } },
};

/* How much of the disc a pie-like cue fills. */
static double
cue_fill (GvNodeCue cue)
{
  switch (cue)
    {
    case GV_CUE_QUARTER:
      return 0.25;
    case GV_CUE_HALF:
      return 0.5;
    case GV_CUE_THREE_QUARTERS:
      return 0.75;
    case GV_CUE_HOLLOW:
    case GV_CUE_RING:
    case GV_CUE_PLAIN:
    case GV_CUE_CROSS:
    case GV_CUE_SQUARE:
    case GV_CUE_DIAMOND:
    case GV_N_CUES:
    default:
      return 1.0;
    }
}

/* The sizes of every mark, from the radius of a node. */
typedef struct
{
  double radius;
  double outline;       /* the rim of a hollow node */
  double halo_in;       /* the halo of a ringed one */
  double halo_out;
  double bar_length;    /* the arms of a cross */
  double bar_width;
  double half_side;     /* a square about as big as the disc */
  double half_diagonal; /* a diamond likewise */
  double reach;         /* how far any mark reaches from the centre */
} NodeSizes;

static void
node_sizes_init (NodeSizes *sizes,
                 double     radius)
{
  sizes->radius = radius;
  sizes->outline = MAX (1.25, 0.24 * radius);
  sizes->halo_in = radius + MAX (1.0, 0.2 * radius);
  sizes->halo_out = sizes->halo_in + MAX (1.25, 0.22 * radius);
  sizes->bar_length = 0.55 * radius;
  sizes->bar_width = 0.5 * MAX (1.0, 0.24 * radius);
  sizes->half_side = 0.85 * radius;
  sizes->half_diagonal = 1.2 * radius;
  sizes->reach = MAX (sizes->halo_out, sizes->half_diagonal) + 1;
}

static void
draw_mark (GvPainter       *painter,
           MarkKind         kind,
           double           x,
           double           y,
           const NodeSizes *sizes,
           double           fill)
{
  double r = sizes->radius;

  switch (kind)
    {
    case MARK_DISC:
      gv_painter_disc (painter, x, y, r);
      break;
    case MARK_RIM:
      gv_painter_ring (painter, x, y, r - sizes->outline, r);
      break;
    case MARK_PALE:
      gv_painter_disc (painter, x, y, r - sizes->outline);
      break;
    case MARK_HALO:
      gv_painter_ring (painter, x, y, sizes->halo_in, sizes->halo_out);
      break;
    case MARK_CROSS:
      gv_painter_cross (painter, x, y, sizes->bar_length, sizes->bar_width);
      break;
    case MARK_WEDGE:
      /* Into the middle of the rim, so that no seam shows between the two. */
      gv_painter_wedge (painter, x, y, r - sizes->outline / 2, fill);
      break;
    case MARK_SQUARE:
      gv_painter_square (painter, x, y, sizes->half_side);
      break;
    case MARK_DIAMOND:
      gv_painter_diamond (painter, x, y, sizes->half_diagonal);
      break;
    case MARK_NONE:
    default:
      break;
    }
}

/* Every node, or with @lit (a byte a node), the lit ones at full strength and the rest
 * faded towards the background. */
static void
draw_nodes (GvPainter            *painter,
            const View           *view,
            double                radius,
            double                width,
            double                height,
            const GvNetworkScene *scene,
            const guint8         *lit,
            const GvPalette      *palette)
{
  const GvClassTable *table = gv_network_class_table (scene->class_table);
  guint counts[GV_MAX_CLASSES + 1] = { 0, };
  guint32 n = scene->n_nodes;
  NodeSizes sizes;

  node_sizes_init (&sizes, radius);
  for (guint32 v = 0; v < n; v++)
    counts[node_class (scene, table, v)]++;

  /* One batch per class and mark: a few thousand fills of one disc each would spend
   * most of the frame in cairo's per-call overhead.  The dimmed nodes go first, under
   * the lit ones. */
  for (guint shade = lit != NULL ? 0 : 1; shade < 2; shade++)
    for (guint c = 0; c < table->n; c++)
      {
        const GvNodeClass *cls = &table->classes[c];
        GvNodeCue cue = (guint) cls->cue < GV_N_CUES ? cls->cue : GV_CUE_PLAIN;
        GvColor color = gv_palette_slot_color (palette, cls->slot);
        GvColor background = palette->background;

        if (counts[c] == 0)
          continue;
        if (shade == 0)
          color = gv_color_mix (color, background, 0.75);

        for (guint m = 0; m < MAX_MARKS && cue_marks[cue][m].kind != MARK_NONE; m++)
          {
            const Mark *mark = &cue_marks[cue][m];

            gv_painter_begin (painter,
                              mark->ink == INK_PALE ? gv_color_mix (color, background, 0.6)
                              : mark->ink == INK_BACKGROUND ? background : color,
                              1.0);
            for (guint32 v = 0; v < n; v++)
              {
                double x, y;

                if (node_class (scene, table, v) != c ||
                    (lit != NULL && (lit[v] != 0) != (shade == 1)))
                  continue;
                view_map (view, scene->positions, v, &x, &y);
                if (x < -sizes.reach || y < -sizes.reach ||
                    x > width + sizes.reach || y > height + sizes.reach)
                  continue;
                draw_mark (painter, mark->kind, x, y, &sizes, cue_fill (cue));
              }
            gv_painter_fill (painter);
          }
      }
}

static void
draw_marks (GvPainter            *painter,
            const View           *view,
            double                radius,
            const GvNetworkScene *scene,
            const GvPalette      *palette)
{
  NodeSizes sizes;
  double r_in, x, y;

  /* Just outside a ringed node's halo, the largest of the cues. */
  node_sizes_init (&sizes, radius);
  r_in = sizes.halo_out + 1.5;

  if (scene->hover_node >= 0 && scene->hover_node < scene->n_nodes &&
      scene->hover_node != scene->selected_node)
    {
      view_map (view, scene->positions, (guint32) scene->hover_node, &x, &y);
      gv_painter_begin (painter, palette->accent, 0.55);
      gv_painter_ring (painter, x, y, r_in, r_in + 2);
      gv_painter_fill (painter);
    }

  if (scene->selected_node >= 0 && scene->selected_node < scene->n_nodes)
    {
      view_map (view, scene->positions, (guint32) scene->selected_node, &x, &y);
      gv_painter_begin (painter, palette->accent, 1.0);
      gv_painter_ring (painter, x, y, r_in, r_in + 2.5);
      gv_painter_fill (painter);
    }
}

const GvClassTable *
gv_network_class_table (const GvClassTable *table)
{
  /* What a scene without classes shows: everyone as nothing yet, as a run begins. */
  static const GvClassTable fallback = {
    .classes = {
      { "idle", NULL, NULL, GV_SLOT_IDLE, GV_CUE_HOLLOW },
      { "crashed", NULL, NULL, GV_SLOT_DOWN, GV_CUE_CROSS },
    },
    .n = 2,
    .crashed = 1,
  };

  return table != NULL && table->n > 0 && table->n <= GV_MAX_CLASSES + 1 ? table : &fallback;
}

void
gv_network_scene_init (GvNetworkScene *scene)
{
  g_return_if_fail (scene != NULL);

  memset (scene, 0, sizeof *scene);
  scene->zoom = 1.0;
  scene->hover_node = -1;
  scene->selected_node = -1;
  scene->step_message = -1;
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

  gv_raster_set_color (cr, palette->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  if (draws_edges (scene))
    {
      GvPainter painter;
      View view;

      view_init (&view, scene, width, height);
      gv_painter_init (&painter, cr);
      draw_edges (&painter, &view, scene, palette);
      gv_painter_finish (&painter);
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
  guint8 lit_bytes[GV_NETWORK_MAX_DRAWN];
  const guint8 *lit;
  GvPainter painter;
  View view;
  double radius;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (palette != NULL);

  if (!gv_network_draws_nodes (scene))
    {
      if (scene->classes != NULL)
        gv_network_draw_cells (cr, width, height, scene->classes, scene->class_table,
                               scene->n_nodes, scene->topology, palette);
      return;
    }

  if (scene->positions == NULL || scene->n_nodes == 0)
    return;

  cairo_save (cr);

  view_init (&view, scene, width, height);
  radius = view_radius (&view, scene);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  gv_painter_init (&painter, cr);

  if (draws_edges (scene))
    draw_selected_edges (&painter, &view, scene, palette);

  if (scene->tellers != NULL)
    gv_network_draw_tree (&painter, &view, radius, scene, palette);

  lit = gv_network_focus_lit (scene, lit_bytes) ? lit_bytes : NULL;
  draw_nodes (&painter, &view, radius, width, height, scene, lit, palette);
  gv_network_draw_messages (&painter, &view, radius, scene, palette);
  draw_marks (&painter, &view, radius, scene, palette);

  gv_painter_finish (&painter);
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

double
gv_network_layout_spacing (const float *positions,
                           guint32      n_nodes)
{
  g_return_val_if_fail (positions != NULL || n_nodes == 0, 1.0);

  return nearest_spacing (positions, n_nodes);
}

void
gv_network_draw_pixels (cairo_t            *cr,
                        double              width,
                        double              height,
                        const guint8       *classes,
                        const GvClassTable *class_table,
                        guint32             n_nodes,
                        const GvTopology   *topology,
                        const GvPalette    *palette)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (classes != NULL || n_nodes == 0);
  g_return_if_fail (palette != NULL);

  cairo_save (cr);
  gv_raster_set_color (cr, palette->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  gv_network_draw_cells (cr, width, height, classes, class_table, n_nodes, topology, palette);
  cairo_restore (cr);
}

void
gv_network_draw_node_key (cairo_t           *cr,
                          double             x,
                          double             y,
                          double             radius,
                          const GvNodeClass *cls,
                          const GvPalette   *palette)
{
  static const float origin[2] = { 0, 0 };
  static const guint8 first = 0;
  GvClassTable table = { .n = 1, .crashed = 1 };
  GvNetworkScene scene;
  GvPainter painter;
  View view = { .scale = 1, .x0 = x, .y0 = y };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (cls != NULL);
  g_return_if_fail (palette != NULL);

  /* A scene of one node at the origin, mapped onto (x, y): the very code that draws the
   * network draws the key, so the two cannot drift apart. */
  table.classes[0] = *cls;
  gv_network_scene_init (&scene);
  scene.n_nodes = 1;
  scene.positions = origin;
  scene.classes = &first;
  scene.class_table = &table;

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  gv_painter_init (&painter, cr);
  draw_nodes (&painter, &view, radius, x + 4 * radius, y + 4 * radius, &scene, NULL, palette);
  gv_painter_finish (&painter);
  cairo_restore (cr);
}

