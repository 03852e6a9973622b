/* test-network-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pictures are checked pixel by pixel: colours where nodes and messages should be,
 * the shapes that tell the classes apart without colour, and agreement between the
 * image-surface rasteriser and cairo's own paths (what SVG and PDF export get).  The
 * nodes are in a rumour run's classes, which are 0.1.0's node states (uninformed,
 * spreading, removed, crashed) and draw as those did.
 *
 * One file of about 1,600 lines for one renderer: its tests share the scene and the
 * pixel helpers at the top, and come in the order of what they look at (nodes, messages,
 * the view, the pixel view, the two back ends, every cue and class).
 */

#define G_LOG_DOMAIN "test-network-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "gv-network-renderer.h"
#include "gv-test-engine.h"

#define SIZE 600
#define N_NODES 5

/* Five nodes far enough apart that they get the largest radius. */
static const float positions[2 * N_NODES] = {
  0.2f, 0.3f,    /* 0: spreading */
  0.8f, 0.3f,    /* 1: removed */
  0.2f, 0.7f,    /* 2: crashed */
  0.8f, 0.7f,    /* 3: uninformed */
  0.6f, 0.45f,   /* 4: removed, near the centre, for the zoom */
};

/* A rumour run's classes, and the nodes' classes in it (set up by main). */
static GvClassTable table;
static guint8 uninformed, spreading, removed, partial, crashed;
static guint8 classes[N_NODES];

static GvColor
class_color (const GvPalette *palette,
             guint            cls)
{
  return gv_palette_slot_color (palette, table.classes[cls].slot);
}

#define UNINFORMED(p) class_color (&(p), uninformed)
#define SPREADING(p)  class_color (&(p), spreading)
#define REMOVED(p)    class_color (&(p), removed)
#define CRASHED(p)    class_color (&(p), crashed)

static void
classes_init (void)
{
  g_autoptr(GvParams) params = gv_params_new_for (gv_protocol_find ("rumor"));

  gv_class_table_init (&table, params);
  uninformed = gv_test_class (&table, "uninformed");
  spreading = gv_test_class (&table, "spreading");
  removed = gv_test_class (&table, "removed");
  partial = gv_test_class (&table, "partial");
  crashed = gv_test_class (&table, "crashed");
  g_assert_cmpuint (crashed, ==, table.crashed);

  classes[0] = spreading;
  classes[1] = removed;
  classes[2] = crashed;
  classes[3] = uninformed;
  classes[4] = removed;
}

typedef struct
{
  double r, g, b, a;
} Pixel;

static void
scene_init (GvNetworkScene *scene)
{
  gv_network_scene_init (scene);
  scene->n_nodes = N_NODES;
  scene->positions = positions;
  scene->classes = classes;
  scene->class_table = &table;
}

static cairo_surface_t *
draw_scene (const GvNetworkScene *scene,
            const GvPalette      *palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t *cr = cairo_create (surface);

  gv_network_draw (cr, SIZE, SIZE, scene, palette);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;
  Pixel px;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  p = *(guint32 *) (gpointer) (data + (gsize) y * stride + 4 * x);
  px.a = (p >> 24) / 255.0;
  if (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24)
    px.a = 1.0;
  /* Un-premultiply; the tests look at opaque pictures, except where nothing is drawn. */
  px.r = px.a > 0 ? ((p >> 16) & 0xff) / 255.0 / px.a : 0;
  px.g = px.a > 0 ? ((p >> 8) & 0xff) / 255.0 / px.a : 0;
  px.b = px.a > 0 ? (p & 0xff) / 255.0 / px.a : 0;
  return px;
}

/* The largest difference in any channel, in 0-255 steps. */
static double
distance (Pixel   p,
          GvColor c)
{
  return 255 * MAX (MAX (fabs (p.r - c.r), fabs (p.g - c.g)), fabs (p.b - c.b));
}

static GvColor
over (GvColor top,
      double  alpha,
      GvColor bottom)
{
  GvColor c = {
    top.r * alpha + bottom.r * (1 - alpha),
    top.g * alpha + bottom.g * (1 - alpha),
    top.b * alpha + bottom.b * (1 - alpha),
    1.0,
  };

  return c;
}

static double
luminance (Pixel p)
{
  return 255 * (0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b);
}

static void
node_center (const GvNetworkScene *scene,
             guint32               node,
             double               *x,
             double               *y)
{
  gv_network_node_position (scene, SIZE, SIZE, node, x, y);
}

/* The centroid of the pixels within @tolerance of @color inside the box. */
static guint
find_color (cairo_surface_t *surface,
            GvColor          color,
            double           tolerance,
            int              x0,
            int              y0,
            int              x1,
            int              y1,
            double          *cx,
            double          *cy)
{
  double sx = 0, sy = 0;
  guint count = 0;

  for (int y = MAX (0, y0); y < MIN (SIZE, y1); y++)
    for (int x = MAX (0, x0); x < MIN (SIZE, x1); x++)
      if (distance (pixel_at (surface, x, y), color) <= tolerance)
        {
          sx += x + 0.5;
          sy += y + 0.5;
          count++;
        }

  if (count > 0)
    {
      *cx = sx / count;
      *cy = sy / count;
    }
  return count;
}

/* Walks right from a node's centre and writes one letter a pixel: S for the state's
 * colour, B for the background, - for anything else; runs are squeezed to one letter. */
static char *
ray_profile (cairo_surface_t *surface,
             double           x,
             double           y,
             int              length,
             GvColor          state,
             GvColor          background)
{
  GString *profile = g_string_new (NULL);

  for (int i = 0; i < length; i++)
    {
      Pixel p = pixel_at (surface, (int) floor (x) + i, (int) floor (y));
      char c = distance (p, state) < 24 ? 'S' : distance (p, background) < 24 ? 'B' : '-';

      if (c == '-' || profile->len == 0 || profile->str[profile->len - 1] != c)
        g_string_append_c (profile, c);
    }

  /* Anti-aliased edges give a stray '-' or two; only the runs of S and B matter. */
  for (char *p = profile->str; *p != '\0';)
    {
      if (*p == '-')
        memmove (p, p + 1, strlen (p));
      else if (p > profile->str && p[-1] == *p)
        memmove (p, p + 1, strlen (p));
      else
        p++;
    }

  return g_string_free (profile, FALSE);
}

static void
test_node_states (void)
{
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x, y, r;
  Pixel p;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  surface = draw_scene (&scene, &palette);
  r = gv_network_node_radius (&scene, SIZE, SIZE);
  g_assert_cmpfloat (r, >=, 10);

  /* The centre of a node is its state's colour. */
  node_center (&scene, 0, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), SPREADING (palette)), <, 3);
  node_center (&scene, 1, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), REMOVED (palette)), <, 3);
  node_center (&scene, 2, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y + 0.6 * r), CRASHED (palette)), <, 3);
  g_assert_cmpfloat (distance (pixel_at (surface, x + 0.6 * r, y), CRASHED (palette)), <, 3);

  /* An uninformed node is an outline in its colour around a pale centre. */
  node_center (&scene, 3, &x, &y);
  p = pixel_at (surface, x, y);
  g_assert_cmpfloat (distance (p, UNINFORMED (palette)), >, 10);
  g_assert_cmpfloat (distance (p, palette.background), >, 10);
  g_assert_cmpfloat (luminance (p), >, 255 * 0.2126 * UNINFORMED (palette).r +
                                       255 * 0.7152 * UNINFORMED (palette).g +
                                       255 * 0.0722 * UNINFORMED (palette).b);

  /* Away from every node there is only background. */
  g_assert_cmpfloat (distance (pixel_at (surface, SIZE / 2, SIZE - 20), palette.background),
                     <, 1);

  cairo_surface_destroy (surface);
}

static void
test_second_cue (void)
{
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x, y, r;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  surface = draw_scene (&scene, &palette);
  r = gv_network_node_radius (&scene, SIZE, SIZE);

  /* Seen along a ray from the centre, the states have different shapes, so they can be
   * told apart without their colours. */
  {
    g_autofree char *profile = NULL;

    /* Spreading: solid, a gap, then a ring around it. */
    node_center (&scene, 0, &x, &y);
    profile = ray_profile (surface, x, y, (int) (2 * r), SPREADING (palette), palette.background);
    g_test_message ("spreading: %s", profile);
    g_assert_cmpstr (profile, ==, "SBSB");
  }
  {
    g_autofree char *profile = NULL;

    /* Removed: solid, and nothing around it. */
    node_center (&scene, 1, &x, &y);
    profile = ray_profile (surface, x, y, (int) (2 * r), REMOVED (palette), palette.background);
    g_test_message ("removed: %s", profile);
    g_assert_cmpstr (profile, ==, "SB");
  }
  {
    g_autofree char *profile = NULL;

    /* Uninformed: pale inside, the colour only at the rim. */
    node_center (&scene, 3, &x, &y);
    profile = ray_profile (surface, x, y, (int) (2 * r), UNINFORMED (palette),
                           palette.background);
    g_test_message ("uninformed: %s", profile);
    g_assert_cmpstr (profile, ==, "SB");
    g_assert_cmpfloat (distance (pixel_at (surface, x + r - 1, y), UNINFORMED (palette)), <, 24);
    g_assert_cmpfloat (distance (pixel_at (surface, x + r / 3, y), UNINFORMED (palette)), >, 24);
  }

  cairo_surface_destroy (surface);
}

static void
test_crashed_cross (void)
{
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x, y, r;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  surface = draw_scene (&scene, &palette);
  r = gv_network_node_radius (&scene, SIZE, SIZE);
  node_center (&scene, 2, &x, &y);

  /* Both diagonals of a crashed node carry a light cross over the dark disc, while the
   * disc between the arms keeps its colour. */
  for (int sx = -1; sx <= 1; sx += 2)
    for (int sy = -1; sy <= 1; sy += 2)
      {
        Pixel arm = pixel_at (surface, x + sx * 0.3 * r, y + sy * 0.3 * r);
        Pixel disc = pixel_at (surface, x, y + 0.6 * r);

        g_assert_cmpfloat (distance (arm, palette.background), <, 40);
        g_assert_cmpfloat (luminance (arm), >, luminance (disc) + 100);
      }
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), palette.background), <, 40);
  g_assert_cmpfloat (distance (pixel_at (surface, x - 0.6 * r, y), CRASHED (palette)), <, 3);

  /* The same in the dark palette, where the crashed colour is the lighter one. */
  cairo_surface_destroy (surface);
  gv_palette_init_dark (&palette);
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (distance (pixel_at (surface, x + 0.3 * r, y + 0.3 * r),
                               palette.background), <, 40);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y + 0.6 * r), CRASHED (palette)), <, 3);
  cairo_surface_destroy (surface);
}

/* A legend's key is the node itself: drawn alone where the picture puts a node of the
 * same class, it matches the picture pixel for pixel, in both palettes. */
static void
test_legend_key (void)
{
  const struct { guint32 node; guint cls; } nodes[] = {
    { 0, spreading }, { 1, removed }, { 2, crashed }, { 3, uninformed },
  };

  for (guint dark = 0; dark < 2; dark++)
    {
      GvNetworkScene scene;
      GvPalette palette;
      cairo_surface_t *picture;
      double r;

      if (dark)
        gv_palette_init_dark (&palette);
      else
        gv_palette_init_light (&palette);
      scene_init (&scene);
      picture = draw_scene (&scene, &palette);
      r = gv_network_node_radius (&scene, SIZE, SIZE);

      for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
        {
          cairo_surface_t *key = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
          cairo_t *cr = cairo_create (key);
          double x, y, worst = 0;
          guint compared = 0;

          g_assert_cmpuint (classes[nodes[i].node], ==, nodes[i].cls);
          node_center (&scene, nodes[i].node, &x, &y);
          cairo_set_source_rgb (cr, palette.background.r, palette.background.g,
                                palette.background.b);
          cairo_paint (cr);
          gv_network_draw_node_key (cr, x, y, r, &table.classes[nodes[i].cls], &palette);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_flush (key);

          for (int py = (int) (y - 1.6 * r); py <= (int) (y + 1.6 * r); py++)
            for (int px = (int) (x - 1.6 * r); px <= (int) (x + 1.6 * r); px++)
              {
                Pixel a = pixel_at (picture, px, py);
                Pixel b = pixel_at (key, px, py);
                GvColor bc = { b.r, b.g, b.b, 1.0 };

                worst = MAX (worst, distance (a, bc));
                compared++;
              }
          g_test_message ("%s key %u: %u pixels, worst difference %.1f", dark ? "dark" : "light",
                          nodes[i].cls, compared, worst);
          g_assert_cmpuint (compared, >, 100);
          g_assert_cmpfloat (worst, <, 2);
          cairo_surface_destroy (key);
        }
      cairo_surface_destroy (picture);
    }
}

static GvMessageEvent
message (guint32 src,
         guint32 dst,
         guint8  outcome)
{
  GvMessageEvent m = { src, dst, outcome, outcome != GV_MESSAGE_REQUEST, 0 };

  return m;
}

/* The renderer's timing: arrows travel over the first TRAVEL_END of the round, with the
 * smoothstep it eases by, from a rim of the sender to just short of the receiver's. */
#define TRAVEL_END 0.7

static double
ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

/* Where an arrow's tip is on a horizontal line from node @src to node @dst at @progress
 * (@stop: how far along it stops, 1 for all the way). */
static double
tip_x (const GvNetworkScene *scene,
       guint32               src,
       guint32               dst,
       double                progress,
       double                stop)
{
  double x0, y0, x1, y1, r = gv_network_node_radius (scene, SIZE, SIZE);
  double dir, start, end;

  node_center (scene, src, &x0, &y0);
  node_center (scene, dst, &x1, &y1);
  dir = x1 > x0 ? 1 : -1;
  start = x0 + dir * r;
  end = x1 - dir * 1.2 * r;
  return start + (end - start) * MIN (stop, ease (progress / TRAVEL_END));
}

/* The extreme x of the pixels within @tolerance of @color in a band around row @y:
 * the rightmost (@dir 1) or the leftmost (-1); NAN when there are none. */
static double
extreme_x (cairo_surface_t *surface,
           GvColor          color,
           double           tolerance,
           double           y,
           int              dir)
{
  double found = NAN;

  for (int yy = (int) y - 8; yy <= (int) y + 8; yy++)
    for (int x = 0; x < SIZE; x++)
      if (distance (pixel_at (surface, x, yy), color) <= tolerance &&
          (isnan (found) || (dir > 0 ? x + 1 > found : x < found)))
        found = dir > 0 ? x + 1 : x;
  return found;
}

static void
test_useful_message (void)
{
  GvMessageEvent messages[] = { message (0, 1, GV_MESSAGE_USEFUL) };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x0, y0, x1, y1, tip, r;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.messages = messages;
  scene.n_messages = 1;
  node_center (&scene, 0, &x0, &y0);
  node_center (&scene, 1, &x1, &y1);
  r = gv_network_node_radius (&scene, SIZE, SIZE);

  /* Early, half way and late in its trip, the arrow's head is where the easing puts it,
   * and its shaft joins it to the sender: an arrow from sender to receiver. */
  for (double progress = 0.15; progress < 0.7; progress += 0.2)
    {
      double expected = tip_x (&scene, 0, 1, progress, 1);

      scene.progress = progress;
      surface = draw_scene (&scene, &palette);
      tip = extreme_x (surface, palette.useful, 40, y0, 1);
      g_test_message ("progress %.2f: tip at %.1f, expected %.1f", progress, tip, expected);
      g_assert_false (isnan (tip));
      g_assert_cmpfloat_with_epsilon (tip, expected, 3.0);
      /* The shaft, behind the head, has the useful colour's hue over the background. */
      for (double x = x0 + r + 2; x < expected - 14; x += 3)
        {
          Pixel p = pixel_at (surface, (int) x, (int) y0);

          g_assert_cmpfloat (distance (p, palette.background), >, 20);
          g_assert_cmpfloat (255 * (p.g - p.r), >, 15);
        }
      /* Ahead of the head, the line is still empty. */
      for (double x = expected + 3; x < x1 - 2 * r; x += 3)
        g_assert_cmpfloat (distance (pixel_at (surface, (int) x, (int) y0), palette.background),
                           <, 4);
      cairo_surface_destroy (surface);
    }

  /* After it arrives it fades: fainter at the end of the round than on arrival. */
  scene.progress = TRAVEL_END;
  surface = draw_scene (&scene, &palette);
  {
    Pixel arrived = pixel_at (surface, (int) ((x0 + x1) / 2), (int) y0);
    cairo_surface_t *later;

    scene.progress = 0.99;
    later = draw_scene (&scene, &palette);
    g_assert_cmpfloat (distance (pixel_at (later, (int) ((x0 + x1) / 2), (int) y0),
                                 palette.background),
                       <, distance (arrived, palette.background) - 10);
    cairo_surface_destroy (later);
  }
  cairo_surface_destroy (surface);
}

static void
test_lost_message (void)
{
  GvMessageEvent messages[] = { message (0, 1, GV_MESSAGE_LOST) };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x0, y0, x1, y1, cx = 0.0, cy = 0.0, r, travel, t, alpha, brk;
  guint found;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.messages = messages;
  scene.n_messages = 1;
  node_center (&scene, 0, &x0, &y0);
  node_center (&scene, 1, &x1, &y1);
  r = gv_network_node_radius (&scene, SIZE, SIZE);

  /* Before the loss it travels on the line like any message... */
  scene.progress = 0.25;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpuint (find_color (surface, palette.lost, 30, 0, 0, SIZE, SIZE, &cx, &cy), >, 10);
  g_assert_cmpfloat_with_epsilon (cy, y0, 1.0);
  cairo_surface_destroy (surface);

  /* ...and later its head has fallen well below the line, fading, nowhere near the
   * receiver, while the shaft ends where it broke, half way. */
  scene.progress = 0.6;
  travel = scene.progress / TRAVEL_END;
  t = (travel - 0.5) / 0.5;
  alpha = 1 - 0.85 * t * t;
  surface = draw_scene (&scene, &palette);
  found = find_color (surface, over (palette.lost, alpha, palette.background), 30,
                      0, (int) y0 + 6, SIZE, SIZE, &cx, &cy);
  g_test_message ("lost message at (%.1f, %.1f), line at y %.1f", cx, cy, y0);
  g_assert_cmpuint (found, >, 5);
  g_assert_cmpfloat (cy, >, y0 + 10);
  g_assert_cmpfloat (cx, >, x0 + r);
  g_assert_cmpfloat (cx, <, x1 - 3 * r);
  brk = (x0 + r) + 0.5 * ((x1 - 1.2 * r) - (x0 + r));
  for (double x = brk + 3; x < x1 - 2 * r; x += 2)
    g_assert_cmpfloat (distance (pixel_at (surface, (int) x, (int) y0), palette.background),
                       <, 4);
  cairo_surface_destroy (surface);
}

static void
test_dead_message (void)
{
  GvMessageEvent messages[] = { message (3, 2, GV_MESSAGE_DEAD) };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x2, y2, x3, y3, r, stop, tip;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.messages = messages;
  scene.n_messages = 1;
  scene.progress = TRAVEL_END;
  node_center (&scene, 2, &x2, &y2);
  node_center (&scene, 3, &x3, &y3);
  r = gv_network_node_radius (&scene, SIZE, SIZE);

  /* Sent to a crashed node, it stops four fifths of the way, with a cross ahead of its
   * head, and nothing reaches the receiver. */
  stop = tip_x (&scene, 3, 2, scene.progress, 0.8);
  surface = draw_scene (&scene, &palette);
  /* The crashed receiver has the same colour: look only between the two nodes. */
  tip = NAN;
  for (int yy = (int) y2 - 8; yy <= (int) y2 + 8; yy++)
    for (int x = (int) (x2 + 1.5 * r); x < (int) (x3 - r); x++)
      if (distance (pixel_at (surface, x, yy), palette.dead) <= 40 && (isnan (tip) || x < tip))
        tip = x;
  g_test_message ("dead message reaches x %.1f; it stops at %.1f", tip, stop);
  g_assert_false (isnan (tip));
  /* The cross reaches past the head, but not much. */
  g_assert_cmpfloat (tip, <, stop - 2);
  g_assert_cmpfloat (tip, >, stop - 20);
  for (double x = x2 + 1.5 * r; x < tip - 3; x += 2)
    g_assert_cmpfloat (distance (pixel_at (surface, (int) x, (int) y2), palette.background),
                       <, 4);
  cairo_surface_destroy (surface);
}

static void
test_request_message (void)
{
  GvMessageEvent messages[] = { message (3, 1, GV_MESSAGE_REQUEST) };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x1, y1, x3, y3, r, head, tip;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.messages = messages;
  scene.n_messages = 1;
  scene.progress = 0.35;
  node_center (&scene, 1, &x1, &y1);
  node_center (&scene, 3, &x3, &y3);
  r = gv_network_node_radius (&scene, SIZE, SIZE);
  head = CLAMP (1.1 * r, 5.0, 11.0);

  /* Node 3 asks node 1, straight up: a request carries no data, so its head is hollow,
   * dark at its base and light inside. */
  g_assert_cmpfloat_with_epsilon (x1, x3, 0.01);
  surface = draw_scene (&scene, &palette);
  tip = y3 - r + ((y1 + 1.2 * r) - (y3 - r)) * ease (0.5);
  g_assert_cmpfloat (luminance (pixel_at (surface, (int) x1, (int) (tip + 0.55 * head))), >,
                     luminance (pixel_at (surface, (int) x1, (int) (tip + 0.93 * head))) + 50);
  cairo_surface_destroy (surface);
}

/* A node's own pixel, at its centre. */
static Pixel
node_pixel (cairo_surface_t      *surface,
            const GvNetworkScene *scene,
            guint32               node)
{
  double x, y;

  node_center (scene, node, &x, &y);
  return pixel_at (surface, (int) x, (int) y);
}

static void
test_focus (void)
{
  GvMessageEvent messages[] = {
    message (0, 1, GV_MESSAGE_USEFUL),
    message (3, 4, GV_MESSAGE_REDUNDANT),
  };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *plain, *focused;
  double x0, y0, x1, y1, x3, y3, x4, y4;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.messages = messages;
  scene.n_messages = G_N_ELEMENTS (messages);
  scene.progress = 0.5;
  scene.selected_node = 0;
  plain = draw_scene (&scene, &palette);
  scene.focus = TRUE;
  focused = draw_scene (&scene, &palette);

  /* The focused node and its contact keep their colours; the others fade towards the
   * background. */
  g_assert_cmpfloat (distance (node_pixel (focused, &scene, 0), SPREADING (palette)), <, 3);
  g_assert_cmpfloat (distance (node_pixel (focused, &scene, 1), REMOVED (palette)), <, 3);
  /* (Node 3's centre is pale and node 2's crossed out in the background's colour:
   * node 4's is solid.) */
  g_assert_cmpfloat (distance (node_pixel (focused, &scene, 4), palette.background), <,
                     distance (node_pixel (plain, &scene, 4), palette.background) - 40);

  /* Its message stays lit, the other one dims. */
  node_center (&scene, 0, &x0, &y0);
  node_center (&scene, 1, &x1, &y1);
  node_center (&scene, 3, &x3, &y3);
  node_center (&scene, 4, &x4, &y4);
  g_assert_false (isnan (extreme_x (focused, palette.useful, 40, y0, 1)));
  {
    double expected = tip_x (&scene, 0, 1, 0.5, 1);

    g_assert_cmpfloat_with_epsilon (extreme_x (focused, palette.useful, 40, y0, 1), expected, 3.0);
  }
  g_assert_cmpuint (find_color (plain, palette.redundant, 40, 0, (int) MIN (y3, y4),
                                SIZE, (int) MAX (y3, y4) + 1, &x3, &y3), >, 10);
  g_assert_cmpuint (find_color (focused, palette.redundant, 40, 0, (int) MIN (y3, y4),
                                SIZE, (int) MAX (y3, y4) + 1, &x3, &y3), ==, 0);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (focused);

  /* Between rounds nothing travels, but the focused node's contacts of the round shown
   * stay drawn as arrows; nobody else's. */
  scene.messages = NULL;
  scene.n_messages = 0;
  scene.contacts = messages;
  scene.n_contacts = G_N_ELEMENTS (messages);
  focused = draw_scene (&scene, &palette);
  g_assert_false (isnan (extreme_x (focused, palette.useful, 60, y0, 1)));
  g_assert_cmpfloat_with_epsilon (extreme_x (focused, palette.useful, 60, y0, 1),
                                  tip_x (&scene, 0, 1, 1, 1), 3.0);
  node_center (&scene, 3, &x3, &y3);
  g_assert_cmpuint (find_color (focused, palette.redundant, 40, (int) ((x3 + x4) / 2) - 12,
                                (int) ((y3 + y4) / 2) - 12, (int) ((x3 + x4) / 2) + 12,
                                (int) ((y3 + y4) / 2) + 12, &x1, &y1), ==, 0);
  scene.focus = FALSE;
  plain = draw_scene (&scene, &palette);
  g_assert_true (isnan (extreme_x (plain, palette.useful, 60, y0, 1)));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (focused);
}

static void
test_step_message (void)
{
  GvMessageEvent messages[] = {
    message (0, 1, GV_MESSAGE_USEFUL),
    message (2, 3, GV_MESSAGE_REDUNDANT),
  };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x0, y0, x2, y2;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.messages = messages;
  scene.n_messages = G_N_ELEMENTS (messages);
  scene.progress = 0.35;
  node_center (&scene, 0, &x0, &y0);
  node_center (&scene, 2, &x2, &y2);

  /* The first message travels, the second waits. */
  scene.step_message = 0;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat_with_epsilon (extreme_x (surface, palette.useful, 40, y0, 1),
                                  tip_x (&scene, 0, 1, 0.35, 1), 3.0);
  g_assert_true (isnan (extreme_x (surface, palette.redundant, 40, y2, 1)));
  cairo_surface_destroy (surface);

  /* Then the second travels, and the first has arrived: drawn all the way, faint. */
  scene.step_message = 1;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat_with_epsilon (extreme_x (surface, palette.redundant, 40, y2, 1),
                                  tip_x (&scene, 2, 3, 0.35, 1), 3.0);
  g_assert_true (isnan (extreme_x (surface, palette.useful, 40, y0, 1)));
  g_assert_cmpfloat_with_epsilon (extreme_x (surface, over (palette.useful, 0.35,
                                                            palette.background), 25, y0, 1),
                                  tip_x (&scene, 0, 1, 1, 1), 5.0);
  cairo_surface_destroy (surface);
}

static void
test_tree (void)
{
  /* 0 told 1, 1 told 4, 2 told 3; 0 is the origin. */
  guint32 tellers[N_NODES] = { GV_NETWORK_NO_TELLER, 0, GV_NETWORK_NO_TELLER, 2, 1 };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x0, y0, x1, y1, x2, y2, x3, y3, x4, y4;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  node_center (&scene, 0, &x0, &y0);
  node_center (&scene, 1, &x1, &y1);
  node_center (&scene, 2, &x2, &y2);
  node_center (&scene, 3, &x3, &y3);
  node_center (&scene, 4, &x4, &y4);

  /* The whole tree: every teller's edge, in the useful colour. */
  scene.tellers = tellers;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (distance (pixel_at (surface, (int) ((x0 + x1) / 2), (int) y0),
                               palette.background), >, 40);
  g_assert_cmpfloat (distance (pixel_at (surface, (int) ((x2 + x3) / 2), (int) y2),
                               palette.background), >, 40);
  cairo_surface_destroy (surface);

  /* Only the way the news came to node 4: 0 → 1 → 4, bold; 2 → 3 is not drawn. */
  scene.tree_path_only = TRUE;
  scene.selected_node = 4;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (distance (pixel_at (surface, (int) ((x0 + x1) / 2), (int) y0),
                               palette.useful), <, 30);
  g_assert_cmpfloat (distance (pixel_at (surface, (int) (x1 + 0.3 * (x4 - x1)),
                                         (int) (y1 + 0.3 * (y4 - y1))), palette.useful), <, 60);
  g_assert_cmpfloat (distance (pixel_at (surface, (int) ((x2 + x3) / 2), (int) y2),
                               palette.background), <, 4);
  cairo_surface_destroy (surface);

  /* Without a selection there is no way to draw. */
  scene.selected_node = -1;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (distance (pixel_at (surface, (int) ((x0 + x1) / 2), (int) y0),
                               palette.background), <, 4);
  cairo_surface_destroy (surface);
}

/* Whether the useful colour shows anywhere on a ray below node 1, past its edge. */
static double
flash_strength (cairo_surface_t   *surface,
                const GvPalette   *palette,
                double             x,
                double             y,
                double             r)
{
  double strongest = 0;

  for (int i = (int) (r + 2); i < (int) (3 * r); i++)
    {
      Pixel p = pixel_at (surface, x, y + i);

      /* Green over white: the green channel stays up while red falls. */
      strongest = MAX (strongest, 255 * (p.g - p.r));
    }
  return strongest;
}

static void
test_flash (void)
{
  GvMessageEvent messages[] = { message (0, 1, GV_MESSAGE_USEFUL) };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x, y, r;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.messages = messages;
  scene.n_messages = 1;
  node_center (&scene, 1, &x, &y);
  r = gv_network_node_radius (&scene, SIZE, SIZE);

  /* In flight, the receiver is left alone... */
  scene.progress = 0.5;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (flash_strength (surface, &palette, x, y, r), <, 2);
  cairo_surface_destroy (surface);

  /* ...and on arrival a ring flashes around it. */
  scene.progress = 0.9;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (flash_strength (surface, &palette, x, y, r), >, 30);
  cairo_surface_destroy (surface);

  /* A redundant delivery does not flash. */
  messages[0].outcome = GV_MESSAGE_REDUNDANT;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (flash_strength (surface, &palette, x, y, r), <, 2);
  cairo_surface_destroy (surface);
}

static void
test_hit_test (void)
{
  GvNetworkScene scene;
  double x, y, r;

  scene_init (&scene);
  r = gv_network_node_radius (&scene, SIZE, SIZE);

  for (guint i = 0; i < N_NODES; i++)
    {
      node_center (&scene, i, &x, &y);
      g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, x, y), ==, i);
      /* A little slack past the edge makes small nodes easy to hit. */
      g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, x + r + 2, y), ==, i);
      g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, x, y - r - 6), ==, -1);
    }

  g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, SIZE / 2, SIZE - 10), ==, -1);
  g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, -100, -100), ==, -1);

  /* Past what is drawn node by node there is nothing to hit. */
  scene.n_nodes = GV_NETWORK_MAX_DRAWN + 1;
  scene.positions = NULL;
  g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, 10, 10), ==, -1);
}

static void
test_zoom_pan (void)
{
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x1, y1, x2, y2;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  node_center (&scene, 4, &x1, &y1);

  /* Zooming is about the centre of the view: twice as far from it. */
  scene.zoom = 2;
  node_center (&scene, 4, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x2 - SIZE / 2.0, 2 * (x1 - SIZE / 2.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (y2 - SIZE / 2.0, 2 * (y1 - SIZE / 2.0), 1e-9);
  g_assert_cmpfloat (hypot (x2 - x1, y2 - y1), >, 30);

  /* The picture follows: the node is where it moved to, and gone from where it was. */
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (distance (pixel_at (surface, x2, y2), REMOVED (palette)), <, 3);
  g_assert_cmpfloat (distance (pixel_at (surface, x1, y1), palette.background), <, 1);
  g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, x2, y2), ==, 4);
  g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, x1, y1), ==, -1);
  cairo_surface_destroy (surface);

  /* Panning moves everything by as many pixels. */
  scene.pan_x = 40;
  scene.pan_y = -25;
  node_center (&scene, 4, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1, x2 + 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1, y2 - 25, 1e-9);
}

static void
test_radius (void)
{
  g_autofree float *grid = g_new (float, 2 * 2500);
  GvNetworkScene scene;
  double r1, r2, r_dense;

  /* A 50 × 50 grid: the radius follows the spacing, and grows with the zoom. */
  for (guint i = 0; i < 2500; i++)
    {
      grid[2 * i] = 0.05f + 0.9f * (i % 50) / 49;
      grid[2 * i + 1] = 0.05f + 0.9f * (i / 50) / 49;
    }
  gv_network_scene_init (&scene);
  scene.n_nodes = 2500;
  scene.positions = grid;

  r1 = gv_network_node_radius (&scene, SIZE, SIZE);
  scene.zoom = 2;
  r2 = gv_network_node_radius (&scene, SIZE, SIZE);
  g_assert_cmpfloat_with_epsilon (r2, 2 * r1, 1e-6);
  /* Nodes never touch on a grid: the diameter is under the spacing. */
  g_assert_cmpfloat (2 * r1, <, (SIZE - 16) * 0.9 / 49);

  /* Denser grids get smaller nodes, down to a floor that keeps them visible. */
  scene.zoom = 1;
  scene.n_nodes = 100;
  for (guint i = 0; i < 100; i++)
    {
      grid[2 * i] = 0.05f + 0.9f * (i % 10) / 9;
      grid[2 * i + 1] = 0.05f + 0.9f * (i / 10) / 9;
    }
  r_dense = r1;
  r1 = gv_network_node_radius (&scene, SIZE, SIZE);
  g_assert_cmpfloat (r1, >, r_dense);
  g_assert_cmpfloat (r_dense, >=, 2);

  /* On a circle the nodes use only its rim: 64 of them must still not touch, with the
   * spreading halo (about 1.45 radii) included. */
  scene.n_nodes = 64;
  for (guint i = 0; i < 64; i++)
    {
      grid[2 * i] = 0.5f + 0.45f * sinf (2 * G_PI * i / 64);
      grid[2 * i + 1] = 0.5f - 0.45f * cosf (2 * G_PI * i / 64);
    }
  r1 = gv_network_node_radius (&scene, SIZE, SIZE);
  g_test_message ("64 on a circle: radius %.2f", r1);
  g_assert_cmpfloat (2 * 1.45 * r1, <, 2 * 0.45 * sin (G_PI / 64) * (SIZE - 16));
  g_assert_cmpfloat (r1, >, 5);
}

/* The same bytes in two image surfaces of one size and format. */
static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * height) == 0;
}

/* A caller that keeps the layout works its spacing out once: the nodes get the radius,
 * the hit tests and the picture they get when the renderer works it out every time. */
static void
test_layout_spacing (void)
{
  g_autofree float *grid = g_new (float, 2 * 2500);
  cairo_surface_t *computed, *given;
  GvNetworkScene scene;
  GvPalette palette;
  gint64 hits[40];
  double r;

  gv_palette_init_light (&palette);
  for (guint i = 0; i < 2500; i++)
    {
      grid[2 * i] = 0.05f + 0.9f * (i % 50) / 49;
      grid[2 * i + 1] = 0.05f + 0.9f * (i / 50) / 49;
    }
  gv_network_scene_init (&scene);
  g_assert_cmpfloat (scene.spacing, ==, 0);
  scene.n_nodes = 2500;
  scene.positions = grid;
  scene.selected_node = 1234;
  scene.hover_node = 77;

  r = gv_network_node_radius (&scene, SIZE, SIZE);
  for (guint i = 0; i < G_N_ELEMENTS (hits); i++)
    hits[i] = gv_network_hit_test (&scene, SIZE, SIZE, 13.7 * i + 9, 7.3 * i + 11);
  computed = draw_scene (&scene, &palette);

  /* On a grid the spacing is the distance between neighbours. */
  scene.spacing = gv_network_layout_spacing (grid, 2500);
  g_assert_cmpfloat_with_epsilon (scene.spacing, 0.9 / 49, 1e-6);
  g_assert_cmpfloat (gv_network_node_radius (&scene, SIZE, SIZE), ==, r);
  for (guint i = 0; i < G_N_ELEMENTS (hits); i++)
    g_assert_cmpint (gv_network_hit_test (&scene, SIZE, SIZE, 13.7 * i + 9, 7.3 * i + 11), ==,
                     hits[i]);
  given = draw_scene (&scene, &palette);
  g_assert_true (same_pixels (computed, given));
  cairo_surface_destroy (given);
  cairo_surface_destroy (computed);

  /* It is what sizes the nodes: a closer layout gets smaller ones. */
  scene.spacing /= 2;
  g_assert_cmpfloat (gv_network_node_radius (&scene, SIZE, SIZE), <, r);

  /* Without two distinct points there is no spacing to measure, and yet a positive one. */
  g_assert_cmpfloat (gv_network_layout_spacing (grid, 1), >, 0);
  g_assert_cmpfloat (gv_network_layout_spacing (NULL, 0), >, 0);
}

static void
test_draws_nodes (void)
{
  GvNetworkScene scene;

  gv_network_scene_init (&scene);
  g_assert_cmpfloat (scene.zoom, ==, 1.0);
  g_assert_cmpint (scene.hover_node, ==, -1);
  g_assert_cmpint (scene.selected_node, ==, -1);

  scene.n_nodes = GV_NETWORK_MAX_DRAWN;
  g_assert_true (gv_network_draws_nodes (&scene));
  scene.n_nodes = GV_NETWORK_MAX_DRAWN + 1;
  g_assert_false (gv_network_draws_nodes (&scene));
}

static void
test_selection (void)
{
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x, y, r;
  guint ring = 0;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.selected_node = 1;
  r = gv_network_node_radius (&scene, SIZE, SIZE);
  node_center (&scene, 1, &x, &y);

  /* The selection is a ring in the accent colour just outside the node. */
  surface = draw_scene (&scene, &palette);
  for (int i = (int) r; i < (int) (2 * r); i++)
    ring += distance (pixel_at (surface, x + i, y), palette.accent) < 30;
  g_assert_cmpuint (ring, >=, 1);
  cairo_surface_destroy (surface);

  scene.selected_node = -1;
  ring = 0;
  surface = draw_scene (&scene, &palette);
  for (int i = (int) r; i < (int) (2 * r); i++)
    ring += distance (pixel_at (surface, x + i, y), palette.accent) < 30;
  g_assert_cmpuint (ring, ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_edges (void)
{
  /* A path 0 - 1 - 3 - 2, each edge stored in both rows as the engine does. */
  guint32 offsets[N_NODES + 1] = { 0, 1, 3, 4, 6, 6 };
  guint32 neighbors[6] = { 1, 0, 3, 3, 1, 2 };
  GvTopology topology = {
    .kind = GV_TOPOLOGY_ER, .n_nodes = N_NODES, .offsets = offsets, .neighbors = neighbors,
  };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x0, y0, x1, y1, x2, y2;

  gv_palette_init_light (&palette);
  scene_init (&scene);
  scene.topology = &topology;
  node_center (&scene, 0, &x0, &y0);
  node_center (&scene, 1, &x1, &y1);
  node_center (&scene, 2, &x2, &y2);

  surface = draw_scene (&scene, &palette);
  /* Ink on the edge 0 - 1, none where 0 - 2 would be. */
  g_assert_cmpfloat (distance (pixel_at (surface, (x0 + x1) / 2, y0), palette.background),
                     >, 10);
  g_assert_cmpfloat (distance (pixel_at (surface, x0, (y0 + y2) / 2), palette.background),
                     <, 1);
  cairo_surface_destroy (surface);

  /* The complete graph has no rows, and no edges are drawn. */
  topology.offsets = NULL;
  topology.kind = GV_TOPOLOGY_COMPLETE;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (distance (pixel_at (surface, (x0 + x1) / 2, y0), palette.background),
                     <, 1);
  cairo_surface_destroy (surface);
}

static void
check_cell (cairo_surface_t *surface,
            double           x,
            double           y,
            GvColor          color)
{
  Pixel p = pixel_at (surface, (int) x, (int) y);

  if (distance (p, color) >= 3)
    g_error ("cell at (%.0f, %.0f) is %.2f %.2f %.2f, expected %.2f %.2f %.2f",
             x, y, p.r, p.g, p.b, color.r, color.g, color.b);
}

static void
test_pixels_small (void)
{
  guint8 cells[100];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t *cr = cairo_create (surface);
  GvPalette palette;
  double cell = (SIZE - 16) / 10.0;

  gv_palette_init_light (&palette);
  for (guint i = 0; i < 100; i++)
    cells[i] = (i * 7 + i / 10) % table.n;

  /* 100 nodes in a square: ten rows of ten, node i at row i / 10, column i % 10, in the
   * colour of its class. */
  gv_network_draw_pixels (cr, SIZE, SIZE, cells, &table, 100, NULL, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (guint i = 0; i < 100; i++)
    check_cell (surface, 8 + (i % 10 + 0.45) * cell, 8 + (i / 10 + 0.45) * cell,
                class_color (&palette, cells[i]));

  cairo_surface_destroy (surface);
}

static void
test_pixels_million (void)
{
  guint32 n = 1000000;
  g_autofree guint8 *cells = g_new (guint8, n);
  cairo_surface_t *surface;
  GvNetworkScene scene;
  GvPalette palette;
  guint mixed = 0;
  double mean_g = 0;

  gv_palette_init_light (&palette);
  for (guint32 i = 0; i < n; i++)
    cells[i] = i < n / 2 ? spreading : uninformed;

  gv_network_scene_init (&scene);
  scene.n_nodes = n;
  scene.classes = cells;
  scene.class_table = &table;
  g_assert_false (gv_network_draws_nodes (&scene));

  /* First half spreading: the top half of the picture, row by row. */
  surface = draw_scene (&scene, &palette);
  for (int y = 10; y < SIZE / 2 - 4; y += 7)
    for (int x = 10; x < SIZE - 10; x += 3)
      check_cell (surface, x, y, SPREADING (palette));
  for (int y = SIZE / 2 + 4; y < SIZE - 10; y += 7)
    for (int x = 10; x < SIZE - 10; x += 3)
      check_cell (surface, x, y, UNINFORMED (palette));
  check_cell (surface, 3, 3, palette.background);
  cairo_surface_destroy (surface);

  /* More nodes than pixels: each pixel averages the nodes it covers, so alternating
   * removed and uninformed nodes come out between the two colours, not as either. */
  for (guint32 i = 0; i < n; i++)
    cells[i] = i % 2 ? removed : uninformed;
  surface = draw_scene (&scene, &palette);
  for (int y = 20; y < SIZE - 20; y += 5)
    for (int x = 20; x < SIZE - 20; x += 5)
      {
        Pixel p = pixel_at (surface, x, y);

        mixed += distance (p, REMOVED (palette)) > 20 && distance (p, UNINFORMED (palette)) > 20;
        mean_g += p.g;
      }
  mean_g /= ((SIZE - 40) / 5) * ((SIZE - 40) / 5);
  g_test_message ("%u mixed pixels, mean green %.3f", mixed, mean_g);
  g_assert_cmpuint (mixed, >, 1000);
  g_assert_cmpfloat_with_epsilon (mean_g, (REMOVED (palette).g + UNINFORMED (palette).g) / 2, 0.05);
  cairo_surface_destroy (surface);
}

static void
test_pixels_grid (void)
{
  guint32 n = 1000000;
  g_autofree guint8 *cells = g_new (guint8, n);
  GvTopology grid = { .kind = GV_TOPOLOGY_GRID, .n_nodes = n, .grid_width = 2000 };
  cairo_surface_t *surface;
  GvNetworkScene scene;
  GvPalette palette;

  /* A 2000 × 500 grid, spread over its left half: the pixel view keeps the grid's own
   * rows, so the left half of the picture is spreading.  (Rows of 1000 would make
   * stripes instead.) */
  gv_palette_init_light (&palette);
  for (guint32 i = 0; i < n; i++)
    cells[i] = i % 2000 < 1000 ? spreading : uninformed;

  gv_network_scene_init (&scene);
  scene.n_nodes = n;
  scene.classes = cells;
  scene.class_table = &table;
  scene.topology = &grid;
  surface = draw_scene (&scene, &palette);

  for (int y = SIZE / 2 - 60; y < SIZE / 2 + 60; y += 4)
    {
      check_cell (surface, SIZE / 4, y, SPREADING (palette));
      check_cell (surface, 3 * SIZE / 4, y, UNINFORMED (palette));
    }
  /* The grid is four times as wide as high: above and below it, background. */
  check_cell (surface, SIZE / 2, SIZE / 2 - 100, palette.background);
  check_cell (surface, SIZE / 2, SIZE / 2 + 100, palette.background);
  cairo_surface_destroy (surface);
}

/* The pixel view alone, as the window's off-thread render and the exports draw it,
 * keeps a grid's rows too, and is the very picture the scene draws: a 100 × 100 grid in a
 * wide area stays a square of 100 columns rather than spreading across the width. */
static void
test_pixels_grid_alone (void)
{
  guint32 n = 10000;
  g_autofree guint8 *cells = g_new (guint8, n);
  GvTopology grid = { .kind = GV_TOPOLOGY_GRID, .n_nodes = n, .grid_width = 100 };
  cairo_surface_t *alone = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_surface_t *scene_picture = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  double height = SIZE / 2;
  double side = height - 16;
  double x0 = (SIZE - side) / 2;
  GvNetworkScene scene;
  GvPalette palette;
  cairo_t *cr;

  gv_palette_init_light (&palette);
  for (guint32 i = 0; i < n; i++)
    cells[i] = i % 100 < 50 ? spreading : uninformed;

  cr = cairo_create (alone);
  gv_network_draw_pixels (cr, SIZE, height, cells, &table, n, &grid, &palette);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (alone);

  /* As high as the area inside the margin, centred across it: its left half spreading,
   * and background on either side of it. */
  for (double y = 8 + 10; y < height - 18; y += 6)
    {
      check_cell (alone, x0 + side / 4, y, SPREADING (palette));
      check_cell (alone, x0 + 3 * side / 4, y, UNINFORMED (palette));
      check_cell (alone, x0 / 2, y, palette.background);
      check_cell (alone, SIZE - x0 / 2, y, palette.background);
    }

  gv_network_scene_init (&scene);
  scene.n_nodes = n;
  scene.classes = cells;
  scene.class_table = &table;
  scene.topology = &grid;
  g_assert_false (gv_network_draws_nodes (&scene));
  cr = cairo_create (scene_picture);
  gv_network_draw (cr, SIZE, height, &scene, &palette);
  cairo_destroy (cr);
  g_assert_true (same_pixels (alone, scene_picture));

  cairo_surface_destroy (scene_picture);
  cairo_surface_destroy (alone);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
full_scene (GvNetworkScene *scene,
            GvMessageEvent *messages)
{
  scene_init (scene);
  messages[0] = message (0, 1, GV_MESSAGE_USEFUL);
  messages[1] = message (1, 3, GV_MESSAGE_REDUNDANT);
  messages[2] = message (3, 0, GV_MESSAGE_LOST);
  messages[3] = message (3, 2, GV_MESSAGE_DEAD);
  messages[4] = message (4, 0, GV_MESSAGE_REQUEST);
  scene->messages = messages;
  scene->n_messages = 5;
  scene->progress = 0.6;
  scene->hover_node = 3;
  scene->selected_node = 4;
}

static void
test_vector_export (void)
{
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  GvMessageEvent messages[5];
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  cairo_t *cr;

  gv_palette_init_dark (&palette);
  full_scene (&scene, messages);

  surface = cairo_svg_surface_create_for_stream (append_cb, svg, SIZE, SIZE);
  cr = cairo_create (surface);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* Real vector output: paths, not an embedded bitmap. */
  g_byte_array_append (svg, (const guint8 *) "", 1);
  g_assert_cmpuint (svg->len, >, 1000);
  g_assert_true (g_str_has_prefix ((const char *) svg->data, "<?xml"));
  g_assert_nonnull (strstr ((const char *) svg->data, "<path"));
  g_assert_null (strstr ((const char *) svg->data, "<image"));

  surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, SIZE, SIZE);
  cr = cairo_create (surface);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (pdf->len, >, 500);
  g_assert_cmpmem (pdf->data, 5, "%PDF-", 5);
}

static void
test_raster_matches_vector (void)
{
  GvMessageEvent messages[5];
  guint32 offsets[N_NODES + 1] = { 0, 1, 3, 4, 6, 6 };
  guint32 neighbors[6] = { 1, 0, 3, 3, 1, 2 };
  GvTopology topology = {
    .kind = GV_TOPOLOGY_ER, .n_nodes = N_NODES, .offsets = offsets, .neighbors = neighbors,
  };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *raster, *recording, *vector;
  double total = 0, worst = 0;
  cairo_t *cr;

  gv_palette_init_light (&palette);
  full_scene (&scene, messages);
  scene.topology = &topology;

  /* The image surface takes the rasteriser; a recording surface takes cairo's paths,
   * as SVG, PDF and GTK's render nodes do.  Both must give the same picture. */
  raster = draw_scene (&scene, &palette);
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (recording);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);

  vector = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cr = cairo_create (vector);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (vector);

  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        Pixel a = pixel_at (raster, x, y), b = pixel_at (vector, x, y);
        double d = 255 * MAX (MAX (fabs (a.r - b.r), fabs (a.g - b.g)), fabs (a.b - b.b));

        total += d;
        worst = MAX (worst, d);
      }

  /* Anti-aliasing differs a little at the edges of shapes, nowhere else. */
  g_test_message ("raster vs. vector: mean difference %.3f, worst %.0f",
                  total / (SIZE * SIZE), worst);
  g_assert_cmpfloat (total / (SIZE * SIZE), <, 0.5);
  g_assert_cmpfloat (worst, <, 128);

  cairo_surface_destroy (raster);
  cairo_surface_destroy (recording);
  cairo_surface_destroy (vector);
}

static void
test_clip_and_transform (void)
{
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cairo_t *cr = cairo_create (surface);
  double x, y;

  gv_palette_init_light (&palette);
  scene_init (&scene);

  /* A rectangular clip is honoured: nothing lands outside it, not even node 1. */
  cairo_rectangle (cr, 0, 0, SIZE / 2, SIZE);
  cairo_clip (cr);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  node_center (&scene, 1, &x, &y);
  g_assert_cmpfloat (pixel_at (surface, x, y).a, ==, 0);
  g_assert_cmpfloat (pixel_at (surface, SIZE / 2 + 1, 5).a, ==, 0);
  node_center (&scene, 0, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), SPREADING (palette)), <, 3);
  cairo_surface_destroy (surface);

  /* So is a round one (through cairo's own paths). */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cr = cairo_create (surface);
  cairo_arc (cr, 0, 0, SIZE / 2, 0, 2 * G_PI);
  cairo_clip (cr);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  node_center (&scene, 1, &x, &y);
  g_assert_cmpfloat (pixel_at (surface, x, y).a, ==, 0);
  node_center (&scene, 0, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), SPREADING (palette)), <, 3);
  cairo_surface_destroy (surface);

  /* A translated context moves the whole picture. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE + 100, SIZE + 50);
  cr = cairo_create (surface);
  cairo_translate (cr, 100, 50);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  node_center (&scene, 1, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x + 100, y + 50), REMOVED (palette)), <, 3);
  g_assert_cmpfloat (pixel_at (surface, 50, 20).a, ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_hidpi_and_rgb24 (void)
{
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y, r;

  gv_palette_init_dark (&palette);
  scene_init (&scene);
  node_center (&scene, 1, &x, &y);
  r = gv_network_node_radius (&scene, SIZE, SIZE);

  /* At scale 2 everything lands at twice the pixel coordinates, twice as big. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * SIZE, 2 * SIZE);
  cairo_surface_set_device_scale (surface, 2, 2);
  cr = cairo_create (surface);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpfloat (distance (pixel_at (surface, 2 * x, 2 * y + 1.8 * r), REMOVED (palette)),
                     <, 3);
  g_assert_cmpfloat (distance (pixel_at (surface, 2 * x, 2 * y + 2.2 * r),
                               palette.background), <, 3);
  cairo_surface_destroy (surface);

  /* An opaque RGB24 target gets the same colours. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SIZE, SIZE);
  cr = cairo_create (surface);
  gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), REMOVED (palette)), <, 3);
  node_center (&scene, 0, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), SPREADING (palette)), <, 3);
  cairo_surface_destroy (surface);
}

static void
test_layers (void)
{
  GvMessageEvent messages[5];
  guint32 offsets[N_NODES + 1] = { 0, 1, 3, 4, 6, 6 };
  guint32 neighbors[6] = { 1, 0, 3, 3, 1, 2 };
  GvTopology topology = {
    .kind = GV_TOPOLOGY_ER, .n_nodes = N_NODES, .offsets = offsets, .neighbors = neighbors,
  };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *whole, *layered;
  cairo_t *cr;
  double x0, y0, x1, y1;

  gv_palette_init_light (&palette);
  full_scene (&scene, messages);
  scene.topology = &topology;
  scene.selected_node = -1;
  node_center (&scene, 0, &x0, &y0);
  node_center (&scene, 1, &x1, &y1);

  /* The static layer has the edges but no nodes. */
  layered = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cr = cairo_create (layered);
  gv_network_draw_static (cr, SIZE, SIZE, &scene, &palette);
  cairo_surface_flush (layered);
  g_assert_cmpfloat (distance (pixel_at (layered, x0, y0), palette.background), <, 1);
  g_assert_cmpfloat (distance (pixel_at (layered, (x0 + x1) / 2 + 40, y0),
                               palette.background), >, 10);

  /* Static then dynamic is exactly the whole picture. */
  gv_network_draw_dynamic (cr, SIZE, SIZE, &scene, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (layered);
  whole = draw_scene (&scene, &palette);
  g_assert_cmpmem (cairo_image_surface_get_data (whole), SIZE * SIZE * 4,
                   cairo_image_surface_get_data (layered), SIZE * SIZE * 4);

  cairo_surface_destroy (whole);
  cairo_surface_destroy (layered);
}

/* ---- Every cue, every class --------------------------------------------------------- */

#define N_CUE_NODES GV_N_CUES

static const float cue_positions[2 * N_CUE_NODES] = {
  0.2f, 0.2f,   0.5f, 0.2f,   0.8f, 0.2f,
  0.2f, 0.5f,   0.5f, 0.5f,   0.8f, 0.5f,
  0.2f, 0.8f,   0.5f, 0.8f,   0.8f, 0.8f,
};

/* Nine nodes, a cue each, all in one colour: only the cue tells them apart. */
static void
cue_scene_init (GvNetworkScene *scene,
                GvClassTable   *cue_table,
                guint8         *cue_classes)
{
  memset (cue_table, 0, sizeof *cue_table);
  for (guint c = 0; c < GV_N_CUES; c++)
    {
      cue_table->classes[c] = (GvNodeClass) { "cue", "Cue", NULL, GV_SLOT_ACTIVE, c };
      cue_classes[c] = c;
    }
  cue_table->classes[GV_N_CUES] = gv_crashed_class;
  cue_table->crashed = GV_N_CUES;
  cue_table->n = GV_N_CUES + 1;

  gv_network_scene_init (scene);
  scene->n_nodes = N_CUE_NODES;
  scene->positions = cue_positions;
  scene->classes = cue_classes;
  scene->class_table = cue_table;
}

static guint
patch_difference (cairo_surface_t *surface,
                  double           ax,
                  double           ay,
                  double           bx,
                  double           by,
                  double           reach)
{
  guint differ = 0;

  for (int dy = (int) -reach; dy <= (int) reach; dy++)
    for (int dx = (int) -reach; dx <= (int) reach; dx++)
      {
        Pixel a = pixel_at (surface, (int) floor (ax) + dx, (int) floor (ay) + dy);
        Pixel b = pixel_at (surface, (int) floor (bx) + dx, (int) floor (by) + dy);
        GvColor bc = { b.r, b.g, b.b, 1.0 };

        differ += distance (a, bc) > 24;
      }
  return differ;
}

static void
test_cues (void)
{
  GvClassTable cue_table;
  guint8 cue_classes[N_CUE_NODES];
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x[N_CUE_NODES], y[N_CUE_NODES], r;
  GvColor ink, pale;

  gv_palette_init_light (&palette);
  cue_scene_init (&scene, &cue_table, cue_classes);
  surface = draw_scene (&scene, &palette);
  r = gv_network_node_radius (&scene, SIZE, SIZE);
  g_assert_cmpfloat (r, >=, 10);
  for (guint c = 0; c < N_CUE_NODES; c++)
    node_center (&scene, c, &x[c], &y[c]);
  ink = palette.slots[GV_SLOT_ACTIVE];
  pale = over (ink, 0.4, palette.background);

  /* Any two cues differ in many pixels, though their colour is the same. */
  for (guint a = 0; a < GV_N_CUES; a++)
    for (guint b = a + 1; b < GV_N_CUES; b++)
      {
        guint differ = patch_difference (surface, x[a], y[a], x[b], y[b], 1.6 * r);

        g_test_message ("cues %u and %u: %u pixels differ", a, b, differ);
        g_assert_cmpuint (differ, >, 20);
      }

#define AT(c, fx, fy) pixel_at (surface, x[c] + (fx) * r, y[c] + (fy) * r)

  /* Hollow: pale inside the rim; plain: solid; ring: solid, with a halo past the edge. */
  g_assert_cmpfloat (distance (AT (GV_CUE_HOLLOW, 0, 0), pale), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_PLAIN, 0, 0), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_PLAIN, 1.3, 0), palette.background), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_RING, 0, 0), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_RING, 1.3, 0), ink), <, 40);
  /* Cross: the background across the middle. */
  g_assert_cmpfloat (distance (AT (GV_CUE_CROSS, 0, 0), palette.background), <, 40);
  g_assert_cmpfloat (distance (AT (GV_CUE_CROSS, 0, 0.6), ink), <, 3);

  /* Pies fill from the bottom: a half has its lower half, a quarter the bottom only, three
   * quarters all but the top. */
  g_assert_cmpfloat (distance (AT (GV_CUE_HALF, 0, 0.5), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_HALF, 0, -0.5), pale), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_HALF, 0.5, 0.2), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_HALF, 0.5, -0.2), pale), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_QUARTER, 0, 0.5), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_QUARTER, 0.5, 0.1), pale), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_QUARTER, -0.5, 0.1), pale), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_QUARTER, 0, -0.5), pale), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_THREE_QUARTERS, 0, 0.5), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_THREE_QUARTERS, 0.5, -0.1), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_THREE_QUARTERS, -0.5, -0.1), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_THREE_QUARTERS, 0, -0.5), pale), <, 3);

  /* A square reaches into the corners a disc leaves empty; a diamond reaches further
   * along the axes and leaves the corners. */
  g_assert_cmpfloat (distance (AT (GV_CUE_SQUARE, 0.75, 0.75), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_PLAIN, 0.75, 0.75), palette.background), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_DIAMOND, 0, 1.1), ink), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_DIAMOND, 0.65, 0.65), palette.background), <, 3);
  g_assert_cmpfloat (distance (AT (GV_CUE_PLAIN, 0, 1.1), palette.background), <, 3);

#undef AT

  cairo_surface_destroy (surface);
}

/* Both back ends draw every cue alike, and so does the legend's key. */
static void
test_cues_raster_matches_vector (void)
{
  GvClassTable cue_table;
  guint8 cue_classes[N_CUE_NODES];
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *raster, *recording, *vector;
  cairo_t *cr;
  double r;

  for (guint dark = 0; dark < 2; dark++)
    {
      double total = 0, worst = 0;

      if (dark)
        gv_palette_init_dark (&palette);
      else
        gv_palette_init_light (&palette);
      cue_scene_init (&scene, &cue_table, cue_classes);
      r = gv_network_node_radius (&scene, SIZE, SIZE);

      raster = draw_scene (&scene, &palette);
      recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (recording);
      gv_network_draw (cr, SIZE, SIZE, &scene, &palette);
      cairo_destroy (cr);
      vector = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
      cr = cairo_create (vector);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_flush (vector);

      for (guint c = 0; c < N_CUE_NODES; c++)
        {
          double x, y, cue_total = 0, cue_worst = 0;
          guint n = 0;

          node_center (&scene, c, &x, &y);
          for (int py = (int) (y - 1.6 * r); py <= (int) (y + 1.6 * r); py++)
            for (int px = (int) (x - 1.6 * r); px <= (int) (x + 1.6 * r); px++)
              {
                Pixel a = pixel_at (raster, px, py), b = pixel_at (vector, px, py);
                double d = 255 * MAX (MAX (fabs (a.r - b.r), fabs (a.g - b.g)),
                                      fabs (a.b - b.b));

                cue_total += d;
                cue_worst = MAX (cue_worst, d);
                n++;
              }
          g_test_message ("%s cue %u: raster vs. vector mean %.3f, worst %.0f",
                          dark ? "dark" : "light", c, cue_total / n, cue_worst);
          /* Anti-aliasing differs a little at the edges of shapes, nowhere else. */
          g_assert_cmpfloat (cue_total / n, <, 3);
          g_assert_cmpfloat (cue_worst, <, 128);
          total += cue_total;
          worst = MAX (worst, cue_worst);
        }
      g_assert_cmpfloat (total / (SIZE * SIZE), <, 0.5);

      cairo_surface_destroy (raster);
      cairo_surface_destroy (recording);
      cairo_surface_destroy (vector);
    }
}

/* A protocol may declare up to GV_MAX_CLASSES classes, and the core adds crashed: all of
 * them draw in their own slot's colour, in the node view and in the pixel view. */
static void
test_many_classes (void)
{
  static const float grid[2 * 16] = {
    0.15f, 0.15f, 0.38f, 0.15f, 0.62f, 0.15f, 0.85f, 0.15f,
    0.15f, 0.38f, 0.38f, 0.38f, 0.62f, 0.38f, 0.85f, 0.38f,
    0.15f, 0.62f, 0.38f, 0.62f, 0.62f, 0.62f, 0.85f, 0.62f,
    0.15f, 0.85f, 0.38f, 0.85f, 0.62f, 0.85f, 0.85f, 0.85f,
  };
  GvClassTable many;
  guint8 cells[16];
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  cairo_t *cr;
  double cell = (SIZE - 16) / 4.0;

  G_STATIC_ASSERT (GV_MAX_CLASSES + 1 == 16);
  gv_palette_init_light (&palette);
  memset (&many, 0, sizeof many);
  for (guint c = 0; c < GV_MAX_CLASSES; c++)
    {
      many.classes[c] = (GvNodeClass) { "class", "Class", NULL, (GvColorSlot) (c % GV_N_SLOTS),
                                        GV_CUE_PLAIN };
      cells[c] = c;
    }
  many.classes[GV_MAX_CLASSES] = gv_crashed_class;
  many.crashed = GV_MAX_CLASSES;
  many.n = GV_MAX_CLASSES + 1;
  cells[GV_MAX_CLASSES] = GV_MAX_CLASSES;

  gv_network_scene_init (&scene);
  scene.n_nodes = 16;
  scene.positions = grid;
  scene.classes = cells;
  scene.class_table = &many;
  surface = draw_scene (&scene, &palette);
  for (guint c = 0; c < 16; c++)
    {
      double x, y;

      node_center (&scene, c, &x, &y);
      /* Crashed is crossed out: look beside the cross. */
      check_cell (surface, x + (c == GV_MAX_CLASSES ? 0.6 * gv_network_node_radius (&scene, SIZE,
                                                                                     SIZE) : 0),
                  y, gv_palette_slot_color (&palette, many.classes[c].slot));
    }
  cairo_surface_destroy (surface);

  /* The pixel view: four rows of four cells. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
  cr = cairo_create (surface);
  gv_network_draw_pixels (cr, SIZE, SIZE, cells, &many, 16, NULL, &palette);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (guint c = 0; c < 16; c++)
    check_cell (surface, 8 + (c % 4 + 0.45) * cell, 8 + (c / 4 + 0.45) * cell,
                gv_palette_slot_color (&palette, many.classes[c].slot));
  cairo_surface_destroy (surface);
}

/* The slots keep 0.1.0's state colours, and no two meanings share a colour. */
static void
test_palette (void)
{
  static const guint32 light[] = { 0xc0bfbc, 0xe69f00, 0x0072b2, 0x3d3846 };
  static const guint32 dark[] = { 0x5e5c64, 0xe69f00, 0x56b4e9, 0x9a9996 };
  GvPalette palettes[2];

  gv_palette_init_light (&palettes[0]);
  gv_palette_init_dark (&palettes[1]);

  for (guint k = 0; k < 2; k++)
    {
      const GvPalette *p = &palettes[k];
      const guint32 *old = k == 0 ? light : dark;
      GvColor messages[] = { p->useful, p->redundant, p->lost };

      for (guint s = GV_SLOT_IDLE; s <= GV_SLOT_DOWN; s++)
        {
          Pixel want = { ((old[s] >> 16) & 0xff) / 255.0, ((old[s] >> 8) & 0xff) / 255.0,
                         (old[s] & 0xff) / 255.0, 1.0 };

          g_assert_cmpfloat (distance (want, gv_palette_slot_color (p, s)), <, 0.5);
        }

      /* Every slot has a colour of its own. */
      for (guint a = 0; a < GV_N_SLOTS; a++)
        for (guint b = a + 1; b < GV_N_SLOTS; b++)
          {
            GvColor ca = p->slots[a], cb = p->slots[b];
            Pixel pa = { ca.r, ca.g, ca.b, 1.0 };

            g_assert_cmpfloat (distance (pa, cb), >, 30);
          }

      /* A redundant message is never the colour of a node that is done, nor of the other
       * outcomes. */
      for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
        {
          Pixel m = { messages[i].r, messages[i].g, messages[i].b, 1.0 };

          if (i != 0)
            g_assert_cmpfloat (distance (m, p->useful), >, 30);
          if (i == 1)
            g_assert_cmpfloat (distance (m, p->slots[GV_SLOT_DONE]), >, 30);
        }
      g_assert_cmpfloat (gv_palette_slot_color (p, GV_N_SLOTS).r, ==, p->foreground.r);
    }
}

/* CIELAB (D65) of an sRGB colour, for distances as a person sees them. */
static void
to_lab (GvColor  c,
        double  *lab)
{
  double rgb[3] = { c.r, c.g, c.b };
  double xyz[3], f[3];

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  xyz[0] = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
  xyz[1] = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  xyz[2] = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
  for (guint i = 0; i < 3; i++)
    f[i] = xyz[i] > 0.008856 ? cbrt (xyz[i]) : 7.787 * xyz[i] + 16.0 / 116.0;
  lab[0] = 116 * f[1] - 16;
  lab[1] = 500 * (f[0] - f[1]);
  lab[2] = 200 * (f[1] - f[2]);
}

/* CIE76 colour difference: about 2 is just noticeable, 10 plain side by side. */
static double
delta_e (GvColor a,
         GvColor b)
{
  double la[3], lb[3];

  to_lab (a, la);
  to_lab (b, lb);
  return sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
               (la[2] - lb[2]) * (la[2] - lb[2]));
}

static double
relative_luminance (GvColor c)
{
  double rgb[3] = { c.r, c.g, c.b };

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* WCAG's contrast ratio, 1 to 21. */
static double
contrast_ratio (GvColor a,
                GvColor b)
{
  double la = relative_luminance (a);
  double lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* A message to a crashed node is told from a request in both palettes, and in both as
 * the application makes them from libadwaita's colours: from the faded foreground the
 * picture draws requests in, and from the dim grey of the messages chart's request bars
 * (the last series colour).  Both greys once matched it in the dark palette. */
static void
test_dead_and_requests (void)
{
  GvPalette palettes[4];

  gv_palette_init_light (&palettes[0]);
  gv_palette_init_dark (&palettes[1]);
  /* libadwaita 1.2's view_bg_color and view_fg_color, as gv-theme.c reads them. */
  gv_palette_init_light (&palettes[2]);
  palettes[2].background = (GvColor) { 1, 1, 1, 1 };
  palettes[2].foreground = (GvColor) { 0, 0, 0, 0.8 };
  gv_palette_derive (&palettes[2]);
  gv_palette_init_dark (&palettes[3]);
  palettes[3].background = (GvColor) { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1 };
  palettes[3].foreground = (GvColor) { 1, 1, 1, 1 };
  gv_palette_derive (&palettes[3]);

  for (guint k = 0; k < G_N_ELEMENTS (palettes); k++)
    {
      const GvPalette *p = &palettes[k];
      GvColor request = over (p->request, p->request.a, p->background);
      GvColor bars = p->series[GV_PALETTE_N_SERIES - 1];
      GvColor others[] = { p->useful, p->redundant, p->lost };

      g_test_message ("palette %u: dead %.0f from requests, %.0f from their bars, %.1f:1 "
                      "on the background", k, delta_e (p->dead, request),
                      delta_e (p->dead, bars), contrast_ratio (p->dead, p->background));

      /* The requests' colour follows the foreground, faded. */
      g_assert_cmpfloat_with_epsilon (p->request.a, 0.7 * p->foreground.a, 1e-9);
      g_assert_cmpfloat (p->request.r, ==, p->foreground.r);

      g_assert_cmpfloat (delta_e (p->dead, request), >, 20);
      g_assert_cmpfloat (delta_e (p->dead, bars), >, 20);
      for (guint i = 0; i < G_N_ELEMENTS (others); i++)
        g_assert_cmpfloat (delta_e (p->dead, others[i]), >, 20);
      /* It shows on the background, as a graphic must (WCAG: 3:1), and still as it
       * fades out in the picture. */
      g_assert_cmpfloat (contrast_ratio (p->dead, p->background), >=, 4.5);
      g_assert_cmpfloat (contrast_ratio (over (p->dead, 1.0 / 3, p->background),
                                         p->background), >=, 1.5);
    }

  /* The light palette keeps the crashed nodes' colour for their messages. */
  g_assert_cmpfloat (palettes[0].dead.r, ==, palettes[0].slots[GV_SLOT_DOWN].r);
  g_assert_cmpfloat (palettes[0].dead.b, ==, palettes[0].slots[GV_SLOT_DOWN].b);
}

static void
test_robustness (void)
{
  GvMessageEvent messages[] = {
    { 0, 99, GV_MESSAGE_USEFUL, 1, 0 },
    { 99, 0, GV_MESSAGE_LOST, 1, 0 },
    { 0, 0, 200, 1, 0 },
  };
  GvNetworkScene scene;
  GvPalette palette;
  cairo_surface_t *surface;
  double x, y;

  gv_palette_init_light (&palette);

  /* No classes: everyone in the first class, uninformed.  Messages to or from nowhere
   * are skipped, and an unknown outcome is drawn as a request rather than crashing. */
  scene_init (&scene);
  scene.classes = NULL;
  scene.messages = messages;
  scene.n_messages = G_N_ELEMENTS (messages);
  scene.progress = 1.5;
  scene.hover_node = 1000;
  scene.selected_node = 1000;
  surface = draw_scene (&scene, &palette);
  node_center (&scene, 1, &x, &y);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), palette.background), >, 3);
  cairo_surface_destroy (surface);

  /* No positions: just the background. */
  scene.positions = NULL;
  surface = draw_scene (&scene, &palette);
  g_assert_cmpfloat (distance (pixel_at (surface, x, y), palette.background), <, 1);
  cairo_surface_destroy (surface);

  /* A class beyond the table is drawn as the first class, in either view; without a
   * table every node holds nothing yet. */
  {
    guint8 wild[N_NODES] = { 200, 255, 16, uninformed, uninformed };
    double x4, y4;

    for (guint no_table = 0; no_table < 2; no_table++)
      {
        scene_init (&scene);
        scene.classes = wild;
        if (no_table)
          scene.class_table = NULL;
        surface = draw_scene (&scene, &palette);
        node_center (&scene, 4, &x4, &y4);
        for (guint v = 0; v < 3; v++)
          {
            Pixel a = pixel_at (surface, x4, y4);
            GvColor want = { a.r, a.g, a.b, 1 };

            node_center (&scene, v, &x, &y);
            g_assert_cmpfloat (distance (pixel_at (surface, x, y), want), <, 1);
          }
        g_assert_cmpfloat (distance (pixel_at (surface, x4, y4),
                                     over (UNINFORMED (palette), 0.4, palette.background)),
                           <, 3);
        cairo_surface_destroy (surface);

        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);
        {
          cairo_t *cr = cairo_create (surface);

          gv_network_draw_pixels (cr, SIZE, SIZE, wild, scene.class_table, N_NODES, NULL,
                                  &palette);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
        }
        cairo_surface_destroy (surface);
      }
  }

  /* An empty and a tiny target. */
  scene_init (&scene);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 3, 3);
  {
    cairo_t *cr = cairo_create (surface);

    gv_network_draw (cr, 0, 0, &scene, &palette);
    gv_network_draw (cr, 3, 3, &scene, &palette);
    gv_network_draw_pixels (cr, 3, 3, classes, &table, N_NODES, NULL, &palette);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  classes_init ();

  g_test_add_func ("/network/node-states", test_node_states);
  g_test_add_func ("/network/second-cue", test_second_cue);
  g_test_add_func ("/network/crashed-cross", test_crashed_cross);
  g_test_add_func ("/network/legend-key", test_legend_key);
  g_test_add_func ("/network/useful-message", test_useful_message);
  g_test_add_func ("/network/lost-message", test_lost_message);
  g_test_add_func ("/network/dead-message", test_dead_message);
  g_test_add_func ("/network/request-message", test_request_message);
  g_test_add_func ("/network/flash", test_flash);
  g_test_add_func ("/network/focus", test_focus);
  g_test_add_func ("/network/step-message", test_step_message);
  g_test_add_func ("/network/infection-tree", test_tree);
  g_test_add_func ("/network/hit-test", test_hit_test);
  g_test_add_func ("/network/zoom-pan", test_zoom_pan);
  g_test_add_func ("/network/radius", test_radius);
  g_test_add_func ("/network/layout-spacing", test_layout_spacing);
  g_test_add_func ("/network/draws-nodes", test_draws_nodes);
  g_test_add_func ("/network/selection", test_selection);
  g_test_add_func ("/network/edges", test_edges);
  g_test_add_func ("/network/pixels-small", test_pixels_small);
  g_test_add_func ("/network/pixels-million", test_pixels_million);
  g_test_add_func ("/network/pixels-grid", test_pixels_grid);
  g_test_add_func ("/network/pixels-grid-alone", test_pixels_grid_alone);
  g_test_add_func ("/network/vector-export", test_vector_export);
  g_test_add_func ("/network/raster-matches-vector", test_raster_matches_vector);
  g_test_add_func ("/network/clip-and-transform", test_clip_and_transform);
  g_test_add_func ("/network/hidpi-and-rgb24", test_hidpi_and_rgb24);
  g_test_add_func ("/network/layers", test_layers);
  g_test_add_func ("/network/robustness", test_robustness);
  g_test_add_func ("/network/cues", test_cues);
  g_test_add_func ("/network/cues-raster-matches-vector", test_cues_raster_matches_vector);
  g_test_add_func ("/network/many-classes", test_many_classes);
  g_test_add_func ("/network/palette", test_palette);
  g_test_add_func ("/network/palette/dead-and-requests", test_dead_and_requests);

  return g_test_run ();
}
