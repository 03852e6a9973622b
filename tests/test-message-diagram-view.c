/* test-message-diagram-view.c: the message timeline widget, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a window of its own: the keyboard (through the widget's actions, as its key bindings
 * call them) and the signals it emits, the windows of rounds and nodes that follow the
 * current round and the focused node, the tooltip's words, and its pixels on screen.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gv-message-diagram-view.h"
#include "gv-test-engine.h"
#include "gv-test-ui.h"
#include "gv-theme.h"

#define WIDTH  700
#define HEIGHT 300

static GtkWindow *window;
static GvMessageDiagramView *view;

typedef struct
{
  guint node_focused;
  guint last_node;
  guint round_activated;
  guint last_round;
} Heard;

static void
node_focused_cb (GvMessageDiagramView *self,
                 guint                 node,
                 Heard                *heard)
{
  heard->node_focused++;
  heard->last_node = node;
}

static void
round_activated_cb (GvMessageDiagramView *self,
                    guint                 round,
                    Heard                *heard)
{
  heard->round_activated++;
  heard->last_round = round;
}

/* A run of @n_nodes nodes over @n_rounds rounds in which, every round, node r mod n tells
 * node (r + 3) mod n something new, and node 2 sends node 7 an empty reply. */
static void
feed (guint32 n_nodes,
      guint   n_rounds)
{
  g_autoptr(GvParams) params = gv_test_params ("rumor", n_nodes, NULL);

  gv_message_diagram_view_set_run (view, params);
  for (guint r = 0; r <= n_rounds; r++)
    {
      g_autoptr(GvRoundRecord) rec = gv_round_record_new (GV_N_CORE_METRICS);

      rec->round = r;
      rec->messages = g_new0 (GvMessageEvent, 2);
      if (r > 0)
        {
          rec->messages[0] = (GvMessageEvent) { (r - 1) % n_nodes, (r + 2) % n_nodes,
                                                GV_MESSAGE_USEFUL, TRUE, 0 };
          rec->messages[1] = (GvMessageEvent) { 2, 7, GV_MESSAGE_REDUNDANT, FALSE, 0 };
          rec->n_messages = 2;
        }
      gv_message_diagram_view_add_record (view, rec);
    }
  gv_message_diagram_view_set_current_round (view, n_rounds);
}

static guint32
rgb (GvColor c)
{
  return ((guint32) (c.r * 255 + 0.5) << 16) | ((guint32) (c.g * 255 + 0.5) << 8) |
         (guint32) (c.b * 255 + 0.5);
}

static void
test_keyboard (void)
{
  Heard heard = { 0, };
  gulong a, b;

  feed (8, 3);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
  a = g_signal_connect (view, "node-focused", G_CALLBACK (node_focused_cb), &heard);
  b = g_signal_connect (view, "round-activated", G_CALLBACK (round_activated_cb), &heard);

  /* Down from no focus: the first row, then the next. */
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next-node", NULL);
  g_assert_cmpint (gv_message_diagram_view_get_focused_node (view), ==, 0);
  g_assert_cmpuint (heard.node_focused, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next-node", NULL);
  g_assert_cmpint (gv_message_diagram_view_get_focused_node (view), ==, 1);
  g_assert_cmpuint (heard.last_node, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.previous-node", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.previous-node", NULL);
  g_assert_cmpint (gv_message_diagram_view_get_focused_node (view), ==, 0);
  g_assert_cmpuint (heard.node_focused, ==, 4);

  /* Left and Right move the round, within the run. */
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.previous-round", NULL);
  g_assert_cmpuint (gv_message_diagram_view_get_current_round (view), ==, 2);
  g_assert_cmpuint (heard.last_round, ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next-round", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next-round", NULL);
  g_assert_cmpuint (gv_message_diagram_view_get_current_round (view), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.first-round", NULL);
  g_assert_cmpuint (gv_message_diagram_view_get_current_round (view), ==, 0);
  g_assert_cmpuint (heard.round_activated, ==, 4);

  g_signal_handler_disconnect (view, a);
  g_signal_handler_disconnect (view, b);
}

/* The rounds shown follow the current one, and the rows the focused node. */
static void
test_windows (void)
{
  GvMessageDiagram d;
  guint first, last;

  feed (100, 100);
  gv_message_diagram_view_get_diagram (view, &d);
  g_assert_true (gv_message_diagram_get_rounds (&d, &first, &last));
  g_assert_cmpuint (last, ==, 100);
  g_assert_cmpuint (first, ==, 100 - GV_MESSAGE_DIAGRAM_VIEW_DEFAULT_SPAN + 1);

  gv_message_diagram_view_set_current_round (view, 50);
  gv_message_diagram_view_get_diagram (view, &d);
  g_assert_true (gv_message_diagram_get_rounds (&d, &first, &last));
  g_assert_cmpuint (first, <=, 50);
  g_assert_cmpuint (last, >=, 50);
  g_assert_cmpuint (last - first + 1, ==, GV_MESSAGE_DIAGRAM_VIEW_DEFAULT_SPAN);

  gv_message_diagram_view_set_span (view, 0);
  gv_message_diagram_view_get_diagram (view, &d);
  g_assert_true (gv_message_diagram_get_rounds (&d, &first, &last));
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (last, ==, 100);
  gv_message_diagram_view_set_span (view, GV_MESSAGE_DIAGRAM_VIEW_DEFAULT_SPAN);

  /* 100 nodes: 64 rows at a time, moved along to keep the focused node. */
  g_assert_cmpuint (gv_message_diagram_get_n_rows (&d), ==, GV_MESSAGE_DIAGRAM_MAX_ROWS);
  g_assert_cmpuint (gv_message_diagram_get_row_node (&d, 0), ==, 0);
  gv_message_diagram_view_set_focused_node (view, 90);
  gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next-node", NULL);
  g_assert_cmpint (gv_message_diagram_view_get_focused_node (view), ==, 91);
  gv_message_diagram_view_get_diagram (view, &d);
  g_assert_cmpuint (gv_message_diagram_get_row_node (&d, GV_MESSAGE_DIAGRAM_MAX_ROWS - 1), ==, 91);

  /* Chosen rows stay as they are. */
  {
    static const guint32 rows[] = { 5, 50, 95 };

    gv_message_diagram_view_set_rows (view, rows, G_N_ELEMENTS (rows));
    gv_message_diagram_view_get_diagram (view, &d);
    g_assert_cmpuint (gv_message_diagram_get_n_rows (&d), ==, 3);
    g_assert_cmpuint (gv_message_diagram_get_row_node (&d, 2), ==, 95);
  }
}

static void
test_tooltip (void)
{
  g_autofree char *message = NULL;
  g_autofree char *row = NULL;
  GvMessageDiagram d;
  double x0, y0, x1, y1, y;

  feed (8, 3);
  gv_message_diagram_view_get_diagram (view, &d);
  g_assert_true (gv_message_diagram_message_line (&d, WIDTH, HEIGHT, 2, 0, &x0, &y0, &x1, &y1));
  message = gv_message_diagram_view_describe_at (view, (x0 + x1) / 2, (y0 + y1) / 2);
  g_assert_cmpstr (message, ==, "Round 2: node 1 → node 4, useful");

  g_assert_true (gv_message_diagram_row_y (&d, WIDTH, HEIGHT, 6, &y));
  row = gv_message_diagram_view_describe_at (view, 8, y);
  g_assert_cmpstr (row, ==, "Node 6");
}

/* On screen, the useful arrows' heads are in the theme's useful colour; with a node
 * focused that none of them concerns, they are dimmed. */
static void
test_pixels (void)
{
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) focused = NULL;
  GvPalette palette;
  guint lit, dimmed;

  feed (8, 3);
  gv_theme_get_palette (GTK_WIDGET (view), &palette);
  plain = gv_test_screenshot (GTK_WIDGET (view));
  gv_test_save_png (plain, "message-diagram-view.png");
  gv_message_diagram_view_set_focused_node (view, 6);
  focused = gv_test_screenshot (GTK_WIDGET (view));

  lit = gv_test_count_color (plain, rgb (palette.useful), 6);
  dimmed = gv_test_count_color (focused, rgb (palette.useful), 6);
  g_test_message ("useful pixels: %u, then %u", lit, dimmed);
  g_assert_cmpuint (lit, >, 20);
  g_assert_cmpuint (dimmed, <, lit / 4);
  /* The background is the theme's. */
  g_assert_true (gv_test_color_near (gv_test_pixel (plain, WIDTH - 3, HEIGHT - 3),
                                     rgb (palette.background), 3));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gv_test_tolerate_gdk_frame_warnings ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  window = GTK_WINDOW (gtk_window_new ());
  view = GV_MESSAGE_DIAGRAM_VIEW (gv_message_diagram_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (view), WIDTH, HEIGHT);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  gtk_window_present (window);
  GV_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (view)) &&
                    gtk_widget_get_width (GTK_WIDGET (view)) == WIDTH &&
                    gtk_widget_get_height (GTK_WIDGET (view)) == HEIGHT);

  g_test_add_func ("/message-diagram-view/keyboard", test_keyboard);
  g_test_add_func ("/message-diagram-view/windows", test_windows);
  g_test_add_func ("/message-diagram-view/tooltip", test_tooltip);
  g_test_add_func ("/message-diagram-view/pixels", test_pixels);

  ret = g_test_run ();

  gtk_window_destroy (window);
  return ret;
}
