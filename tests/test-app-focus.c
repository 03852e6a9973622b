/* test-app-focus.c: focusing nodes, the keyboard walk, the infection tree and slow
 * motion in the real window, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Arrow keys walk the layout and Enter opens the inspector; a focused node dims the
 * nodes it had no contact with; the infection tree agrees with the engine's
 * first-informed rounds and is drawn in the useful messages' colour, under the nodes;
 * Shift+Right sends a round's messages one at a time; Pause freezes a round half way.
 * Every run is seeded, and the pictures are the window's own, saved as screenshots.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gv-inspector.h"
#include "gv-network-view.h"
#include "gv-params-panel.h"
#include "gv-round.h"
#include "gv-test-app.h"
#include "gv-test-ui.h"
#include "gv-theme.h"
#include "gv-window.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

/* tan 60°: the arrow keys look for nodes within 60° of their direction. */
#define CONE 1.7320508

static GvApplication *app;
static GvWindow *window;

static GvNetworkView *
view (void)
{
  return gv_test_app_network_view (window);
}

static GvSimulator *
simulator (void)
{
  return gv_window_get_simulator (window);
}

static GvInspector *
inspector (void)
{
  return GV_INSPECTOR (gv_window_get_inspector (window));
}

/* Picks the speed dropdown's entry of @rounds_per_second (0: as fast as possible). */
static void
set_speed (double rounds_per_second)
{
  GtkDropDown *speed = gv_test_find_child (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN);
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (speed));

  for (guint i = 0; i < n; i++)
    {
      gtk_drop_down_set_selected (speed, i);
      if (gv_simulator_get_speed (simulator ()) == rounds_per_second)
        return;
    }
  g_error ("No speed of %g rounds/s in the dropdown", rounds_per_second);
}

/* A new seeded rumour of 64 nodes, round 0, drawn at once (no animation). */
static void
seeded_run (guint64 seed)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  g_autoptr(GvParams) p = gv_params_panel_get_params (panel);

  gv_params_set_protocol (p, gv_protocol_find ("rumor"));
  p->n_nodes = 64;
  p->seed = seed;
  p->loss = 0;
  p->crash = 0;
  p->recover = 0;
  gv_test_app_run (window, p);
  set_speed (0);
  /* Laid out on screen, not only mapped: a window's first size comes with a frame. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (view ())) &&
            gtk_widget_get_width (GTK_WIDGET (view ())) > 0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view ())), >, 300);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view ())), >, 300);
}

static void
steps (guint n)
{
  for (guint i = 0; i < n; i++)
    gv_test_app_step (window);
  WAIT_FOR (!gv_network_view_get_animating (view ()));
}

static GvRoundRecord *
last_record (void)
{
  return gv_simulator_get_record (simulator (), gv_simulator_get_n_records (simulator ()) - 1);
}

static void
node_point (guint32  node,
            double  *x,
            double  *y)
{
  g_assert_true (gv_network_view_get_node_point (view (), node, x, y));
}

/* Delivers a key press to the network view's key controller, as GTK does for the focus
 * widget; whether it was handled. */
static gboolean
press_key (guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view ()));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (c))
        continue;
      g_signal_emit_by_name (c, "key-pressed", keyval, 0u, (GdkModifierType) 0, &handled);
      return handled;
    }
  g_error ("The network view has no key controller");
}

/* The pixels of a screenshot, downloaded once: cairo's ARGB32, B G R A in memory. */
typedef struct
{
  int     width;
  int     height;
  guchar *data;
} Picture;

static Picture *
picture_new (GdkTexture *texture)
{
  Picture *pic = g_new0 (Picture, 1);

  pic->width = gdk_texture_get_width (texture);
  pic->height = gdk_texture_get_height (texture);
  pic->data = g_malloc ((gsize) pic->width * pic->height * 4);
  gdk_texture_download (texture, pic->data, pic->width * 4);
  return pic;
}

static void
picture_free (Picture *pic)
{
  g_free (pic->data);
  g_free (pic);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

/* The network view as it is on screen, saved as @name. */
static Picture *
shoot_view (const char *name)
{
  g_autoptr(GdkTexture) texture = gv_test_screenshot (GTK_WIDGET (view ()));

  gv_test_save_png (texture, name);
  return picture_new (texture);
}

/* The colour at (@x, @y) in 0 .. 255 a channel, red first. */
static void
picture_rgb (const Picture *pic,
             int            x,
             int            y,
             double         rgb[3])
{
  const guchar *px;

  g_assert_true (x >= 0 && y >= 0 && x < pic->width && y < pic->height);
  px = pic->data + ((gsize) y * pic->width + x) * 4;
  rgb[0] = px[2];
  rgb[1] = px[1];
  rgb[2] = px[0];
}

/* The largest channel difference between the pixel (@x, @y) and @color. */
static double
distance_to (const Picture *pic,
             int            x,
             int            y,
             GvColor        color)
{
  double rgb[3];

  picture_rgb (pic, x, y, rgb);
  return MAX (MAX (fabs (rgb[0] - 255 * color.r), fabs (rgb[1] - 255 * color.g)),
              fabs (rgb[2] - 255 * color.b));
}

/* Where the pixel (@x, @y) lies on the way from @from (0) to @to (1), and in @off how far
 * off that way it is, in channel levels. */
static double
share_of (const Picture *pic,
          int            x,
          int            y,
          GvColor        from,
          GvColor        to,
          double        *off)
{
  double a[3] = { 255 * from.r, 255 * from.g, 255 * from.b };
  double d[3] = { 255 * (to.r - from.r), 255 * (to.g - from.g), 255 * (to.b - from.b) };
  double rgb[3], dot = 0, len2 = 0, t;

  picture_rgb (pic, x, y, rgb);
  for (guint c = 0; c < 3; c++)
    {
      dot += (rgb[c] - a[c]) * d[c];
      len2 += d[c] * d[c];
    }
  g_assert_cmpfloat (len2, >, 0);
  t = dot / len2;
  *off = 0;
  for (guint c = 0; c < 3; c++)
    *off = MAX (*off, fabs (rgb[c] - a[c] - t * d[c]));
  return t;
}

/* The strongest share of @to over @from in the 5 × 5 pixels around (@x, @y), of the
 * pixels that lie on the way between them (within 16 levels). */
static double
strongest_share (const Picture *pic,
                 double         x,
                 double         y,
                 GvColor        from,
                 GvColor        to)
{
  double best = 0;

  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        double off, t = share_of (pic, (int) x + dx, (int) y + dy, from, to, &off);

        if (off <= 16)
          best = MAX (best, t);
      }
  return best;
}

/* Of the pixels within 3 px of node @node's centre in @pic, the one farthest from
 * @background: a pixel of the node's own colour, whatever its second cue. */
static void
node_ink (const Picture *pic,
          guint32        node,
          GvColor        background,
          int           *ink_x,
          int           *ink_y)
{
  double x, y, best = -1;

  node_point (node, &x, &y);
  for (int dy = -3; dy <= 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      {
        double d = distance_to (pic, (int) x + dx, (int) y + dy, background);

        if (d > best)
          {
            best = d;
            *ink_x = (int) x + dx;
            *ink_y = (int) y + dy;
          }
      }
}

/* The distance from (@px, @py) to the segment from (@x1, @y1) to (@x2, @y2). */
static double
segment_distance (double px,
                  double py,
                  double x1,
                  double y1,
                  double x2,
                  double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - x1) * dx + (py - y1) * dy) / len2, 0, 1) : 0;

  return hypot (px - x1 - t * dx, py - y1 - t * dy);
}

/* The distance from (@px, @py) to the nearest of @focus's arrows in @record. */
static double
arrow_distance (const GvRoundRecord *record,
                guint32              focus,
                double               px,
                double               py)
{
  double nearest = G_MAXDOUBLE;

  for (guint32 i = 0; i < record->n_messages; i++)
    {
      const GvMessageEvent *m = &record->messages[i];
      double x1, y1, x2, y2;

      if (m->src != focus && m->dst != focus)
        continue;
      node_point (m->src, &x1, &y1);
      node_point (m->dst, &x2, &y2);
      nearest = MIN (nearest, segment_distance (px, py, x1, y1, x2, y2));
    }
  return nearest;
}

/* The smallest distance between two nodes' centres on screen. */
static double
node_spacing (void)
{
  double best = G_MAXDOUBLE;

  for (guint32 a = 0; a < 64; a++)
    for (guint32 b = a + 1; b < 64; b++)
      {
        double xa, ya, xb, yb;

        node_point (a, &xa, &ya);
        node_point (b, &xb, &yb);
        best = MIN (best, hypot (xa - xb, ya - yb));
      }
  return best;
}

static void
focused_cb (GvNetworkView *v,
            guint          node,
            guint         *last)
{
  *last = node;
}

/* Whether node @to lies on screen within 60° of (@dx, @dy) from node @from, the cone
 * widened or narrowed by @slack; so Right takes a node whose x is greater. */
static gboolean
in_cone (guint32 from,
         guint32 to,
         double  dx,
         double  dy,
         double  slack)
{
  double x0, y0, x, y, along;

  node_point (from, &x0, &y0);
  node_point (to, &x, &y);
  along = (x - x0) * dx + (y - y0) * dy;
  return to != from && along > 0 && fabs ((x - x0) * dy - (y - y0) * dx) <= along * CONE * slack;
}

/* Arrow keys walk the layout: each step goes to a node in the key's direction, within 60°
 * of it, and stays put only when there is none.  The window's Right (a round forward)
 * leaves them to the focused picture.  Enter opens the inspector on the node, Escape lets
 * go of it and closes the inspector. */
static void
test_focus_keyboard_walk (void)
{
  static const struct { guint keyval; double dx, dy; } keys[] = {
    { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Down, 0, 1 }, { GDK_KEY_Left, -1, 0 },
    { GDK_KEY_Up, 0, -1 },
  };
  g_autoptr(GtkShortcut) right = NULL;
  guint moves[G_N_ELEMENTS (keys)] = { 0, };
  guint focused = G_MAXUINT - 1;
  gulong handler;
  guint round;

  seeded_run (7);
  steps (2);
  gv_network_view_set_selected (view (), -1);
  gv_test_activate_window (GTK_WINDOW (window));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view ())));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (view ()));
  handler = g_signal_connect (view (), "node-focused", G_CALLBACK (focused_cb), &focused);

  /* With the picture focused, the window's Right does not step a round. */
  right = gv_test_app_shortcut (window, "Right");
  g_assert_nonnull (right);
  round = gv_simulator_get_round (simulator ());
  g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (right), 0,
                                                GTK_WIDGET (window), NULL));
  g_assert_false (gv_simulator_get_busy (simulator ()));
  g_assert_cmpuint (gv_simulator_get_round (simulator ()), ==, round);

  /* Enter and Escape with nothing selected are left to the window. */
  g_assert_false (press_key (GDK_KEY_Return));
  g_assert_false (press_key (GDK_KEY_Escape));

  /* The first arrow picks the first node. */
  g_assert_true (press_key (GDK_KEY_Right));
  g_assert_cmpint (gv_network_view_get_selected (view ()), ==, 0);
  g_assert_cmpuint (focused, ==, 0);

  for (guint i = 0; i < 4 * G_N_ELEMENTS (keys); i++)
    {
      guint k = i % G_N_ELEMENTS (keys);
      guint32 from = (guint32) gv_network_view_get_selected (view ());
      guint32 to;

      g_assert_true (press_key (keys[k].keyval));
      to = (guint32) gv_network_view_get_selected (view ());
      g_test_message ("%s: node %u → node %u", gdk_keyval_name (keys[k].keyval), from, to);
      if (to == from)
        {
          /* Staying put: no node in that direction, even a little inside the cone. */
          for (guint32 v = 0; v < 64; v++)
            g_assert_false (in_cone (from, v, keys[k].dx, keys[k].dy, 0.98));
          continue;
        }
      moves[k]++;
      g_assert_cmpuint (focused, ==, to);
      g_assert_true (in_cone (from, to, keys[k].dx, keys[k].dy, 1.02));
    }
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    g_assert_cmpuint (moves[k], >, 0);

  /* Enter opens the inspector on the selected node. */
  {
    guint32 node = (guint32) gv_network_view_get_selected (view ());

    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector ())));
    g_assert_true (press_key (GDK_KEY_Return));
    WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (inspector ())));
    g_assert_cmpuint (gv_inspector_get_node (inspector ()), ==, node);
  }

  /* Escape lets go: nothing selected, and the inspector closes. */
  g_assert_true (press_key (GDK_KEY_Escape));
  g_assert_cmpint (gv_network_view_get_selected (view ()), ==, -1);
  g_assert_cmpuint (focused, ==, G_MAXUINT);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (inspector ())));
  g_assert_null (gv_network_view_describe_selected (view ()));

  g_signal_handler_disconnect (view (), handler);
}

/* Whether @node sent to or received from @focus in @record. */
static gboolean
is_contact (const GvRoundRecord *record,
            guint32              focus,
            guint32              node)
{
  for (guint32 i = 0; i < record->n_messages; i++)
    if ((record->messages[i].src == focus && record->messages[i].dst == node) ||
        (record->messages[i].dst == focus && record->messages[i].src == node))
      return TRUE;
  return FALSE;
}

/* A node with contacts in @record: the sender of its first message. */
static guint32
node_with_contacts (const GvRoundRecord *record)
{
  g_assert_nonnull (record->messages);
  g_assert_cmpuint (record->n_messages, >, 0);
  return record->messages[0].src;
}

/* Focuses @focus in the light or the @dark style: @far, which had no contact with it,
 * fades towards the background, and @focus keeps its colour. */
static void
check_dimming (guint32  focus,
               guint32  far,
               gboolean dark)
{
  g_autofree char *none_name = g_strdup_printf ("focus-none-%s.png", dark ? "dark" : "light");
  g_autofree char *node_name = g_strdup_printf ("focus-node-%s.png", dark ? "dark" : "light");
  g_autoptr(Picture) plain = NULL;
  g_autoptr(Picture) focused = NULL;
  GvPalette palette;
  int x, y;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gv_network_view_set_selected (view (), -1);
  plain = shoot_view (none_name);
  gv_theme_get_palette (GTK_WIDGET (view ()), &palette);
  g_assert_cmpint (palette.dark, ==, dark);
  gv_network_view_set_selected (view (), focus);
  focused = shoot_view (node_name);

  /* The dimmed node: much nearer the background than without focus. */
  node_ink (plain, far, palette.background, &x, &y);
  g_test_message ("%s: dimmed node %.0f → %.0f from the background", dark ? "dark" : "light",
                  distance_to (plain, x, y, palette.background),
                  distance_to (focused, x, y, palette.background));
  g_assert_cmpfloat (distance_to (plain, x, y, palette.background), >, 40);
  g_assert_cmpfloat (distance_to (focused, x, y, palette.background), <,
                     0.5 * distance_to (plain, x, y, palette.background));

  /* The focused node itself stays lit. */
  node_ink (plain, focus, palette.background, &x, &y);
  g_assert_cmpfloat (distance_to (focused, x, y, palette.background), >,
                     0.8 * distance_to (plain, x, y, palette.background));
}

/* A focused node keeps its colour, and a node it had no contact with in the round shown
 * fades towards the background, in the light and the dark style. */
static void
test_focus_dimming (void)
{
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (adw_style_manager_get_default ());
  GvRoundRecord *record;
  guint32 focus, far = G_MAXUINT32;
  double far_distance = 0;

  seeded_run (11);
  steps (3);
  gv_network_view_set_selected (view (), -1);
  record = last_record ();
  focus = node_with_contacts (record);

  /* A node that had no contact with the focused one, as far as can be from the settled
   * arrows of its contacts, which are drawn over the nodes. */
  for (guint32 v = 0; v < 64; v++)
    {
      double vx, vy, nearest;

      if (v == focus || is_contact (record, focus, v))
        continue;
      node_point (v, &vx, &vy);
      nearest = arrow_distance (record, focus, vx, vy);
      if (nearest > far_distance)
        {
          far_distance = nearest;
          far = v;
        }
    }
  g_assert_cmpuint (far, <, 64);
  g_assert_cmpfloat (far_distance, >, 8);
  g_test_message ("focus node %u, dimmed node %u (%.0f px from its arrows)", focus, far,
                  far_distance);

  for (guint dark = 0; dark < 2; dark++)
    check_dimming (focus, far, dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);

  gv_network_view_set_selected (view (), -1);
}

/* Who first told whom, from the engine's records, and in @told the round in which each
 * node heard it (-1 for none). */
static guint32 *
engine_tellers (gint32 *told)
{
  guint n_records = gv_simulator_get_n_records (simulator ());
  guint32 *tellers = g_new (guint32, 64);
  guint32 before[64];

  gv_round_tellers_reset (tellers, 64);
  for (guint32 v = 0; v < 64; v++)
    told[v] = -1;
  for (guint r = 0; r < n_records; r++)
    {
      GvRoundRecord *record = gv_simulator_get_record (simulator (), r);

      memcpy (before, tellers, sizeof before);
      gv_round_tellers_add (tellers, 64, record);
      for (guint32 v = 0; v < 64; v++)
        if (tellers[v] != before[v])
          {
            /* Once told, a node's teller never changes. */
            g_assert_cmpuint (before[v], ==, GV_ROUND_NO_TELLER);
            told[v] = (gint32) record->round;
          }
    }
  return tellers;
}

/* The tree edge whose midpoint is clearest of the nodes, in @from → @to; with a @focus
 * (G_MAXUINT32 for none), off its way back to the origin, and clear of that way and of
 * its arrows in @record as well.  How clear, in pixels. */
static double
clearest_edge (const guint32       *tellers,
               guint32              focus,
               const GvRoundRecord *record,
               guint32             *from,
               guint32             *to)
{
  gboolean on_path[64] = { FALSE, };
  double best = -1;

  for (guint32 w = focus; w < 64; w = tellers[w])
    on_path[w] = TRUE;
  for (guint32 v = 0; v < 64; v++)
    {
      double x1, y1, x2, y2, mx, my, clear = G_MAXDOUBLE;

      if (tellers[v] == GV_ROUND_NO_TELLER || on_path[v])
        continue;
      node_point (tellers[v], &x1, &y1);
      node_point (v, &x2, &y2);
      mx = (x1 + x2) / 2;
      my = (y1 + y2) / 2;
      for (guint32 w = 0; w < 64; w++)
        {
          double wx, wy, tx, ty;

          node_point (w, &wx, &wy);
          clear = MIN (clear, hypot (wx - mx, wy - my));
          if (on_path[w] && tellers[w] != GV_ROUND_NO_TELLER)
            {
              node_point (tellers[w], &tx, &ty);
              clear = MIN (clear, segment_distance (mx, my, tx, ty, wx, wy));
            }
        }
      if (focus < 64)
        clear = MIN (clear, arrow_distance (record, focus, mx, my));
      if (clear > best)
        {
          best = clear;
          *from = tellers[v];
          *to = v;
        }
    }
  return best;
}

/* The infection tree of a converged run: every node but the origin has a teller, told in
 * the round the engine says the node was first informed, by a node informed before.  The
 * tree is drawn in the useful messages' colour, under the nodes; Follow the News draws
 * only the way to the focused node. */
static void
test_focus_infection_tree (void)
{
  g_autofree gint32 *first = NULL;
  g_autofree guint32 *tellers = NULL;
  g_autoptr(Picture) plain = NULL;
  g_autoptr(Picture) tree = NULL;
  g_autoptr(Picture) path = NULL;
  gint32 told[64];
  guint origins = 0;
  guint32 from = 0, to = 0, deepest = 0;
  guint depth = 0;
  gboolean shown;
  GvPalette palette;
  GvSummary s;
  double x1, y1, x2, y2, room, tree_share;
  int x, y;

  seeded_run (5);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  WAIT_FOR (gv_simulator_get_finished (simulator ()) && !gv_simulator_get_busy (simulator ()));
  WAIT_FOR (!gv_network_view_get_animating (view ()));
  gv_simulator_get_summary (simulator (), &s);
  g_assert_true (s.converged);

  first = gv_simulator_get_first_informed (simulator ());
  g_assert_nonnull (first);
  tellers = engine_tellers (told);
  for (guint32 v = 0; v < 64; v++)
    {
      guint hops = 0;

      g_assert_cmpint (first[v], >=, 0);
      if (tellers[v] == GV_ROUND_NO_TELLER)
        {
          /* Only an origin heard from nobody. */
          g_assert_cmpint (first[v], ==, 0);
          origins++;
          continue;
        }
      g_assert_cmpuint (tellers[v], <, 64);
      g_assert_cmpint (told[v], ==, first[v]);
      g_assert_cmpint (first[tellers[v]], <, first[v]);
      /* Back to an origin, hop by hop. */
      for (guint32 w = v; tellers[w] != GV_ROUND_NO_TELLER; w = tellers[w])
        g_assert_cmpuint (++hops, <, 64);
      if (hops > depth)
        {
          depth = hops;
          deepest = v;
        }
    }
  g_assert_cmpuint (origins, ==, 1);
  g_assert_cmpuint (depth, >=, 2);

  gv_theme_get_palette (GTK_WIDGET (view ()), &palette);
  room = clearest_edge (tellers, G_MAXUINT32, NULL, &from, &to);
  node_point (from, &x1, &y1);
  node_point (to, &x2, &y2);
  g_test_message ("edge %u → %u, midpoint %.0f px from the nearest node (nodes %.0f px apart)",
                  from, to, room, node_spacing ());
  g_assert_cmpfloat (room, >, node_spacing ());

  plain = shoot_view ("tree-off.png");
  g_object_get (window, "show-tree", &shown, NULL);
  g_assert_false (shown);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.infection-tree", NULL);
  g_object_get (window, "show-tree", &shown, NULL);
  g_assert_true (shown);
  tree = shoot_view ("tree-on.png");

  /* The edge's midpoint: the useful colour with the tree, the background without. */
  tree_share = strongest_share (tree, (x1 + x2) / 2, (y1 + y2) / 2, palette.background,
                                palette.useful);
  g_test_message ("useful share at the midpoint: %.2f with the tree, %.2f without", tree_share,
                  strongest_share (plain, (x1 + x2) / 2, (y1 + y2) / 2, palette.background,
                                   palette.useful));
  /* The tree is drawn 1.25 px wide at 0.75 opacity: a pixel on it is at least half way. */
  g_assert_cmpfloat (tree_share, >, 0.4);
  g_assert_cmpfloat (strongest_share (plain, (x1 + x2) / 2, (y1 + y2) / 2, palette.background,
                                      palette.useful), <, 0.2);

  /* Under the nodes: where an edge ends, the node is drawn as it was. */
  node_ink (plain, to, palette.background, &x, &y);
  {
    double a[3], b[3];

    picture_rgb (plain, x, y, a);
    picture_rgb (tree, x, y, b);
    for (guint c = 0; c < 3; c++)
      g_assert_cmpfloat (fabs (a[c] - b[c]), <=, 2);
  }

  /* In the dark style, the dark palette's useful colour. */
  {
    AdwStyleManager *style = adw_style_manager_get_default ();
    AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);
    g_autoptr(Picture) dark = NULL;
    GvPalette dark_palette;

    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    dark = shoot_view ("tree-on-dark.png");
    gv_theme_get_palette (GTK_WIDGET (view ()), &dark_palette);
    g_assert_true (dark_palette.dark);
    g_assert_cmpfloat (strongest_share (dark, (x1 + x2) / 2, (y1 + y2) / 2,
                                        dark_palette.background, dark_palette.useful), >, 0.4);
    adw_style_manager_set_color_scheme (style, scheme);
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.infection-tree", NULL);
  g_object_get (window, "show-tree", &shown, NULL);
  g_assert_false (shown);

  /* Follow the News on the deepest node: the first hop of its way back is drawn, and a
   * tree edge off that way, clear of what else is drawn, is not. */
  gv_window_inspect_node (window, deepest);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (inspector ())));
  g_assert_cmpint (gv_network_view_get_selected (view ()), ==, deepest);
  gv_inspector_set_follow (inspector (), TRUE);
  g_assert_true (gv_inspector_get_follow (inspector ()));
  path = shoot_view ("tree-follow.png");
  node_point (tellers[deepest], &x1, &y1);
  node_point (deepest, &x2, &y2);
  g_assert_cmpfloat (strongest_share (path, x1 + (x2 - x1) * 0.3, y1 + (y2 - y1) * 0.3,
                                      palette.background, palette.useful), >, 0.7);
  room = clearest_edge (tellers, deepest, last_record (), &from, &to);
  node_point (from, &x1, &y1);
  node_point (to, &x2, &y2);
  g_test_message ("off the way: edge %u → %u, %.0f px clear", from, to, room);
  g_assert_cmpfloat (room, >, 10);
  g_assert_cmpfloat (strongest_share (tree, (x1 + x2) / 2, (y1 + y2) / 2, palette.background,
                                      palette.useful), >, 0.4);
  g_assert_cmpfloat (strongest_share (path, (x1 + x2) / 2, (y1 + y2) / 2, palette.background,
                                      palette.useful), <, 0.2);

  gv_inspector_set_follow (inspector (), FALSE);
  gtk_popover_popdown (GTK_POPOVER (inspector ()));
  gv_network_view_set_selected (view (), -1);
}

/* Shift+Right on a new run: round 1 held still, its messages sent one at a time, in the
 * engine's order, the states before the round shown until the last has arrived. */
static void
test_focus_step_message (void)
{
  g_autoptr(GBytes) before = NULL;
  GvRoundRecord *record;

  seeded_run (9);
  g_assert_cmpuint (gv_simulator_get_round (simulator ()), ==, 0);
  before = g_bytes_ref (gv_network_view_get_states (view ()));
  g_assert_null (gv_network_view_get_stepped_message (view ()));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-message", NULL);
  WAIT_FOR (gv_network_view_get_stepped_message (view ()) != NULL);
  g_assert_cmpuint (gv_simulator_get_round (simulator ()), ==, 1);
  record = last_record ();
  g_assert_cmpuint (record->round, ==, 1);
  g_assert_cmpuint (record->n_messages, >, 2);
  g_assert_true (gv_network_view_get_stepped_message (view ()) == &record->messages[0]);
  g_assert_true (gv_network_view_get_animating (view ()));
  g_assert_true (gv_network_view_get_states (view ()) == before);
  g_test_message ("status: %s", gv_window_get_status_text (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-message", NULL);
  g_assert_true (gv_network_view_get_stepped_message (view ()) == &record->messages[1]);
  /* The status line names the message on its way. */
  {
    const GvMessageEvent *m = &record->messages[1];
    g_autofree char *named = g_strdup_printf ("Round 1, message 2 of %u: node %u → node %u: %s",
                                              record->n_messages, m->src, m->dst,
                                              gv_message_outcome_word (m->outcome,
                                                                       m->carries_data));

    g_test_message ("status: %s", gv_window_get_status_text (window));
    g_assert_cmpstr (gv_window_get_status_text (window), ==, named);
  }

  /* The rest, one a press, and the round stays held. */
  for (guint32 i = 2; i < record->n_messages; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.step-message", NULL);
      g_assert_true (gv_network_view_get_stepped_message (view ()) == &record->messages[i]);
    }
  g_assert_cmpuint (gv_simulator_get_round (simulator ()), ==, 1);
  g_assert_true (gv_network_view_get_states (view ()) == before);

  /* One more ends the round: its states, nothing held. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-message", NULL);
  g_assert_null (gv_network_view_get_stepped_message (view ()));
  g_assert_false (gv_network_view_get_animating (view ()));
  g_assert_true (gv_network_view_get_states (view ()) != before);
  g_assert_false (g_bytes_equal (gv_network_view_get_states (view ()), before));
  g_assert_cmpuint (gv_simulator_get_round (simulator ()), ==, 1);
}

static gboolean
same_picture (const Picture *a,
              const Picture *b)
{
  return a->width == b->width && a->height == b->height &&
         memcmp (a->data, b->data, (gsize) a->width * a->height * 4) == 0;
}

/* At 0.25 rounds a second, Pause freezes the round on its way: the picture stands still
 * and no round comes; Play finishes it, and the run goes on. */
static void
test_focus_pause_mid_round (void)
{
  g_autoptr(Picture) moving1 = NULL;
  g_autoptr(Picture) moving2 = NULL;
  g_autoptr(Picture) frozen1 = NULL;
  g_autoptr(Picture) frozen2 = NULL;
  guint round;

  seeded_run (13);
  set_speed (0.25);
  g_assert_cmpfloat (gv_simulator_get_speed (simulator ()), ==, 0.25);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  WAIT_FOR (gv_network_view_get_animating (view ()));
  g_assert_false (gv_network_view_get_paused (view ()));
  /* Some way into the round, the messages in flight; two frames apart, they have moved. */
  gv_test_wait_for_frames (GTK_WIDGET (window), 45);
  g_assert_true (gv_network_view_get_animating (view ()));
  moving1 = shoot_view ("pause-moving-1.png");
  moving2 = shoot_view ("pause-moving-2.png");
  g_assert_false (same_picture (moving1, moving2));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  g_assert_true (gv_network_view_get_paused (view ()));
  g_assert_false (gv_simulator_get_playing (simulator ()));
  round = gv_simulator_get_round (simulator ());

  /* Frozen: frames go by, and neither the picture nor the round changes. */
  frozen1 = shoot_view ("pause-frozen-1.png");
  gv_test_wait_for_frames (GTK_WIDGET (window), 10);
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  frozen2 = shoot_view ("pause-frozen-2.png");
  g_assert_true (same_picture (frozen1, frozen2));
  g_assert_true (gv_network_view_get_animating (view ()));
  g_assert_true (gv_network_view_get_paused (view ()));
  g_assert_cmpuint (gv_simulator_get_round (simulator ()), ==, round);

  /* Play: the round plays on to its end, then the run goes on with the next. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  g_assert_false (gv_network_view_get_paused (view ()));
  WAIT_FOR (!gv_network_view_get_animating (view ()));
  WAIT_FOR (gv_simulator_get_playing (simulator ()));
  WAIT_FOR (gv_simulator_get_round (simulator ()) > round);

  /* Pause again: the next test starts a new run, which ends what is on its way. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  g_assert_false (gv_simulator_get_playing (simulator ()));
  WAIT_FOR (!gv_simulator_get_busy (simulator ()));
}

/* What a screen reader hears of the focused node: its number, its class and its contacts
 * in the round shown; the inspector lists the same contacts. */
static void
test_focus_describe (void)
{
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *first_contact = NULL;
  const GvClassTable *classes;
  const GvMessageEvent *m;
  GvRoundRecord *record;
  const guint8 *states;
  guint32 focus;
  guint contacts = 0;

  seeded_run (17);
  steps (2);
  record = last_record ();
  focus = node_with_contacts (record);
  for (guint32 i = 0; i < record->n_messages; i++)
    contacts += record->messages[i].src == focus || record->messages[i].dst == focus;

  g_assert_null (gv_network_view_describe_selected (view ()));
  gv_network_view_set_selected (view (), focus);
  text = gv_network_view_describe_selected (view ());
  classes = gv_network_view_get_classes (view ());
  states = g_bytes_get_data (gv_network_view_get_states (view ()), NULL);
  g_assert_cmpuint (states[focus], <, classes->n);
  expected = g_strdup_printf (contacts == 1 ? "Node %u, %s, %u contact this round"
                                            : "Node %u, %s, %u contacts this round",
                              focus, classes->classes[states[focus]].label, contacts);
  g_test_message ("%s", text);
  g_assert_cmpstr (text, ==, expected);

  /* The inspector's contacts: the first message of the node, by its other end. */
  gv_window_inspect_node (window, focus);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (inspector ())) &&
            !gv_simulator_get_busy (simulator ()));
  m = &record->messages[0];
  first_contact = g_strdup_printf ("→ node %u · %s", m->dst,
                                   gv_message_outcome_word (m->outcome, m->carries_data));
  g_test_message ("contacts: %s", gv_inspector_get_contacts_text (inspector ()));
  g_assert_nonnull (strstr (gv_inspector_get_contacts_text (inspector ()), first_contact));

  gtk_popover_popdown (GTK_POPOVER (inspector ()));
  gv_network_view_set_selected (view (), -1);
  g_assert_null (gv_network_view_describe_selected (view ()));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  gv_test_tolerate_gdk_frame_warnings ();
  home = gv_test_isolate_home ();

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  window = gv_test_app_window ("TestFocus", &app);
  /* The introduction would cover the network in the pictures. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-intro", NULL);

  g_test_add_func ("/app-focus/keyboard-walk", test_focus_keyboard_walk);
  g_test_add_func ("/app-focus/dimming", test_focus_dimming);
  g_test_add_func ("/app-focus/infection-tree", test_focus_infection_tree);
  g_test_add_func ("/app-focus/step-message", test_focus_step_message);
  g_test_add_func ("/app-focus/pause-mid-round", test_focus_pause_mid_round);
  g_test_add_func ("/app-focus/describe", test_focus_describe);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (ret == 0)
    gv_test_remove_tmp_dir (home);
  return ret;
}
