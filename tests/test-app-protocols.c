/* test-app-protocols.c: the window follows what each protocol declares, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A second rumour keeps the first one's coverage line and colours; anti-entropy shows
 * keys, not rumour states; the protocol chooser runs every baseline to the end; an
 * intervention that cannot be done says why in a toast.  Each test takes screenshots,
 * in the light and the dark style, of what it checks.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gv-application.h"
#include "gv-compare-window.h"
#include "gv-inspector.h"
#include "gv-intro.h"
#include "gv-legend.h"
#include "gv-network-view.h"
#include "gv-params-panel.h"
#include "gv-test-app.h"
#include "gv-test-engine.h"
#include "gv-test-ui.h"
#include "gv-window.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

/* The palette's slots in the light style (gv-palette.c). */
#define LIGHT_ACTIVE  0xe69f00
#define LIGHT_DONE    0x0072b2
#define LIGHT_PARTIAL 0xcc79a7
#define LIGHT_IDLE    0xc0bfbc

static GvApplication *app;
static GvWindow *window;

static GvParamsPanel *
panel (void)
{
  return gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
}

static GvInspector *
inspector (void)
{
  return GV_INSPECTOR (gv_window_get_inspector (window));
}

static void
set_speed (guint index)
{
  GtkDropDown *speed = gv_test_find_child (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN);

  /* G_MAXUINT: the last, "as fast as possible". */
  gtk_drop_down_set_selected (speed, MIN (index, g_list_model_get_n_items (
                                                   gtk_drop_down_get_model (speed)) - 1));
}

static void
reset (void)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_round (gv_window_get_simulator (window)) == 0);
}

static void
play_to_end (void)
{
  set_speed (G_MAXUINT);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  WAIT_FOR (gv_simulator_get_finished (gv_window_get_simulator (window)) &&
            !gv_simulator_get_busy (gv_window_get_simulator (window)));
  WAIT_FOR (!gv_network_view_get_animating (gv_test_app_network_view (window)));
}

/* Index of class @id in the live run's class table. */
static guint
class_index (const char *id)
{
  return gv_test_class (gv_simulator_get_classes (gv_window_get_simulator (window)), id);
}

/* How many nodes the picture shows in class @id. */
static guint
count_shown (const char *id)
{
  GBytes *states = gv_network_view_get_states (gv_test_app_network_view (window));
  const guint8 *classes;
  guint cls = class_index (id);
  guint n = 0;

  g_assert_nonnull (states);
  classes = g_bytes_get_data (states, NULL);
  for (gsize v = 0; v < g_bytes_get_size (states); v++)
    n += classes[v] == cls;
  return n;
}

static guint
shown_class (guint32 node)
{
  GBytes *states = gv_network_view_get_states (gv_test_app_network_view (window));

  g_assert_nonnull (states);
  g_assert_cmpuint (node, <, g_bytes_get_size (states));
  return ((const guint8 *) g_bytes_get_data (states, NULL))[node];
}

/* The value of the primary metric in the last record. */
static double
primary_value (void)
{
  const GvParams *p = gv_simulator_get_params (gv_window_get_simulator (window));
  GvSimulator *simulator = gv_window_get_simulator (window);
  GvRoundRecord *last = gv_simulator_get_record (simulator,
                                                 gv_simulator_get_n_records (simulator) - 1);
  guint index;

  g_assert_nonnull (gv_protocol_find_metric (p->protocol, p->protocol->primary, &index));
  return gv_round_record_get (last, GV_N_CORE_METRICS + index);
}

/* Screenshots of the window in the light and the dark style; returns the light one. */
static GdkTexture *
photograph (const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *dark_name = g_strdup_printf ("%s-dark.png", name);
  g_autofree char *light_name = g_strdup_printf ("%s.png", name);
  g_autoptr(GdkTexture) dark = NULL;
  GdkTexture *light;

  WAIT_FOR (!gv_network_view_get_animating (gv_test_app_network_view (window)));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = gv_test_screenshot (GTK_WIDGET (window));
  gv_test_save_png (dark, dark_name);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = gv_test_screenshot (GTK_WIDGET (window));
  gv_test_save_png (light, light_name);
  return light;
}

static void
snap (const char *name)
{
  g_autoptr(GdkTexture) texture = photograph (name);
}

static gboolean
param_is (const char *name,
          const char *value)
{
  g_autofree char *text = gv_params_get (gv_simulator_get_params (gv_window_get_simulator (window)),
                                         name);

  return g_strcmp0 (text, value) == 0;
}

/* The point where @node is drawn, in the window's coordinates. */
static void
node_point_in_window (guint32 node,
                      int    *x,
                      int    *y)
{
  GvNetworkView *view = gv_test_app_network_view (window);
  graphene_point_t in_view, in_window;
  double vx, vy;

  g_assert_true (gv_network_view_get_node_point (view, node, &vx, &vy));
  in_view = GRAPHENE_POINT_INIT (vx, vy);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (window),
                                           &in_view, &in_window));
  *x = (int) in_window.x;
  *y = (int) in_window.y;
}

/* (a) A second rumour, started in the window, keeps the first rumour's coverage line (a
 * line each, the first still rising) and its colours (a node that holds the first alone
 * is drawn as knowing some rumours, not as knowing none). */
static void
test_second_rumour (void)
{
  GvChart *coverage;
  g_autoptr(GdkTexture) texture = NULL;
  double before = 0, after = 0, last = -1;
  guint partial, pixels;
  gint first;
  int x, y;

  gv_test_app_choose (window, "rumor", 64);
  reset ();
  gv_test_app_step (window);
  gv_test_app_step (window);

  coverage = gv_window_get_chart (window, 0);
  first = gv_chart_find_series (coverage, "m0:0");
  g_assert_cmpint (first, >=, 0);
  g_assert_true (gv_chart_get_value (coverage, first, 2, &before));
  g_test_message ("rumour 1 at round 2: %.1f%%", before);

  /* The second rumour, from the inspector. */
  gv_window_inspect_node (window, 7);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (inspector ())) &&
            !gv_simulator_get_busy (gv_window_get_simulator (window)));
  g_assert_cmpstr (gv_inspector_get_inject_label (inspector ()), ==, "New Rumour");
  g_signal_emit_by_name (inspector (), "inject", 7u);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_n_views (gv_window_get_simulator (window)) == 3);
  gtk_popover_popdown (GTK_POPOVER (inspector ()));
  gv_test_app_step (window);
  gv_test_app_step (window);

  /* A line a rumour, named by it; the first goes on rising, and never falls.  The
   * simulation's lines come first, in rumour order, and the theory curves (there since
   * the first rumour) after them. */
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (gv_chart_find_series (coverage, "m0:1"), ==, 1);
  g_assert_cmpint (gv_chart_find_series (coverage, "theory:0"), ==, 2);
  g_assert_cmpstr (gv_chart_get_series_label (coverage, first), ==, "Rumour 1");
  g_assert_true (gv_chart_get_value (coverage, first, 4, &after));
  g_test_message ("rumour 1 at round 4: %.1f%%", after);
  g_assert_cmpfloat (after, >, before);
  for (guint r = 0; r <= 4; r++)
    {
      double v;

      g_assert_true (gv_chart_get_value (coverage, first, r, &v));
      g_assert_cmpfloat (v, >=, last);
      last = v;
    }

  /* Nodes that hold the first rumour only are the "partial" class, in its own colour. */
  WAIT_FOR (!gv_network_view_get_animating (gv_test_app_network_view (window)));
  partial = count_shown ("partial");
  g_test_message ("nodes that know some rumours: %u", partial);
  g_assert_cmpuint (partial, >, 0);
  g_assert_true (gv_legend_shows_class (GV_LEGEND (gv_window_get_legend (window)), "partial"));

  /* The node the news was started at is focused, which dims the rest: let it go, so
   * that every node shows its colour in full. */
  gv_network_view_set_selected (gv_test_app_network_view (window), -1);
  texture = photograph ("second-rumour");
  pixels = gv_test_count_color (texture, LIGHT_PARTIAL, 30);
  g_test_message ("partial-coloured pixels: %u", pixels);
  /* Each node is a disc of some tens of pixels; the legend's key adds a few. */
  g_assert_cmpuint (pixels, >, partial * 20);
  for (guint32 v = 0; v < 64; v++)
    if (shown_class (v) == class_index ("partial"))
      {
        gboolean found = FALSE;

        node_point_in_window (v, &x, &y);
        /* A half-filled disc: below its centre it is the slot's colour, not grey. */
        for (int dy = 1; dy <= 6 && !found; dy++)
          {
            guint32 rgb = gv_test_pixel (texture, x, y + dy);

            g_test_message ("node %u at (%d, %d): %06x", v, x, y + dy, rgb);
            g_assert_false (gv_test_color_near (rgb, LIGHT_IDLE, 12));
            found = gv_test_color_near (rgb, LIGHT_PARTIAL, 30);
          }
        g_assert_true (found);
        break;
      }

  /* Coloured by the first rumour alone: nobody is partial there. */
  g_assert_cmpuint (gv_window_get_n_views (window), ==, 3);
  g_assert_true (gv_window_set_view (window, 1));
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_view (gv_window_get_simulator (window)) == 1);
  WAIT_FOR (count_shown ("partial") == 0);
  g_assert_cmpuint (count_shown ("spreading") + count_shown ("removed"), >, 0);
  g_clear_object (&texture);
  texture = photograph ("second-rumour-view-1");
  g_assert_true (gv_window_set_view (window, 0));
  WAIT_FOR (gv_simulator_get_view (gv_window_get_simulator (window)) == 0);
}

static gboolean
has_keys (guint n)
{
  g_autofree char *keys = gv_params_get (gv_simulator_get_params (gv_window_get_simulator (window)),
                                         "keys");

  return g_ascii_strtoull (keys, NULL, 10) == n;
}

/* (b) Anti-entropy shows keys, not rumour states. */
static void
test_anti_entropy (void)
{
  GvLegend *legend = GV_LEGEND (gv_window_get_legend (window));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *y_label = NULL;
  GtkWidget *keys;
  guint32 rgb;
  int x, y;

  gv_test_app_choose (window, "anti-entropy", 64);

  /* The sidebar has its Keys row, the legend its classes, the chart its axis. */
  keys = gv_params_panel_get_param_row (panel (), "keys");
  g_assert_nonnull (keys);
  g_assert_true (gtk_widget_get_visible (keys));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (keys)), ==, "Keys");
  g_assert_null (gv_params_panel_get_param_row (panel (), "stop"));
  g_assert_true (gv_legend_shows_class (legend, "stale"));
  g_assert_false (gv_legend_shows_class (legend, "spreading"));
  g_object_get (gv_window_get_chart (window, 0), "y-label", &y_label, NULL);
  g_assert_cmpstr (y_label, ==, "Up-to-date nodes");
  /* Nothing it sends is a bare request. */
  play_to_end ();
  g_assert_false (gv_legend_shows_message (legend, GV_MESSAGE_REQUEST));

  g_test_message ("status: %s — %s", gv_window_get_status_text (window),
                  gv_window_get_result_text (window));
  g_assert_nonnull (strstr (gv_window_get_status_text (window), "Up-to-date nodes: 64/64"));
  g_assert_true (g_str_has_prefix (gv_window_get_result_text (window), "Converged in "));
  g_assert_true (gv_legend_shows_class (legend, "up-to-date"));
  /* The first class stays, to say what the others are not. */
  g_assert_true (gv_legend_shows_class (legend, "stale"));
  g_assert_cmpuint (count_shown ("stale"), ==, 0);
  g_clear_object (&texture);
  texture = photograph ("anti-entropy");

  /* Write Update at node 5: the others are out of date, node 5 is up to date. */
  gv_window_inspect_node (window, 5);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (inspector ())) &&
            !gv_simulator_get_busy (gv_window_get_simulator (window)));
  g_assert_cmpstr (gv_inspector_get_inject_label (inspector ()), ==, "Write Update");
  g_assert_nonnull (gv_inspector_get_row_value (inspector (), "Keys up to date"));
  g_signal_emit_by_name (inspector (), "inject", 5u);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)));
  gtk_popover_popdown (GTK_POPOVER (inspector ()));
  g_assert_false (gv_simulator_get_finished (gv_window_get_simulator (window)));
  /* The status line says so at once, before any round: node 5 alone is up to date. */
  g_test_message ("right after the update: %s", gv_window_get_status_text (window));
  g_assert_nonnull (strstr (gv_window_get_status_text (window), "Up-to-date nodes: 1/64"));
  gv_test_app_step (window);
  WAIT_FOR (!gv_network_view_get_animating (gv_test_app_network_view (window)));

  g_test_message ("after the update: %s", gv_window_get_status_text (window));
  g_assert_cmpfloat (primary_value (), <, 64);
  g_assert_cmpfloat (primary_value (), >=, 1);
  g_assert_null (strstr (gv_window_get_status_text (window), "64/64"));
  g_assert_nonnull (strstr (gv_window_get_status_text (window), "Up-to-date nodes: "));
  g_assert_cmpuint (shown_class (5), ==, class_index ("up-to-date"));
  g_assert_cmpuint (count_shown ("stale"), >, 0);
  g_assert_true (gv_legend_shows_class (legend, "stale"));

  g_clear_object (&texture);
  /* The inspected node is focused and the rest dimmed: let it go for the colours. */
  gv_network_view_set_selected (gv_test_app_network_view (window), -1);
  texture = photograph ("anti-entropy-update");
  node_point_in_window (5, &x, &y);
  rgb = gv_test_pixel (texture, x, y);
  g_test_message ("node 5 at (%d, %d): %06x", x, y, rgb);
  g_assert_true (gv_test_color_near (rgb, LIGHT_DONE, 40));

  /* Three keys: a view each, and the inspector's key to write. */
  {
    g_autoptr(GvParams) p = gv_params_panel_get_params (panel ());

    g_assert_true (gv_params_set (p, "keys", "3", NULL));
    gv_params_panel_set_params (panel (), p);
    g_signal_emit_by_name (panel (), "changed", TRUE);
    WAIT_FOR (gv_test_app_ready_for (window, "anti-entropy", 64) && has_keys (3));
    gv_test_app_step (window);
    gv_test_app_step (window);
    g_assert_cmpuint (gv_window_get_n_views (window), ==, 4);
    g_assert_true (gv_legend_shows_class (legend, "none"));
    g_clear_object (&texture);
    texture = photograph ("anti-entropy-keys");

    /* The inspector writes to a key of the three. */
    gv_window_inspect_node (window, 2);
    WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (inspector ())) &&
              !gv_simulator_get_busy (gv_window_get_simulator (window)) &&
              gv_inspector_get_row_value (inspector (), "Keys up to date") != NULL);
    g_test_message ("node 2: %s, keys up to date %s", gv_inspector_get_state_text (inspector ()),
                    gv_inspector_get_row_value (inspector (), "Keys up to date"));
    g_assert_cmpuint (gv_inspector_get_inject_arg (inspector ()), ==, 0);
    {
      GtkSpinButton *key = gv_test_find_child (GTK_WIDGET (inspector ()), GTK_TYPE_SPIN_BUTTON);
      double lower, upper;

      g_assert_nonnull (key);
      gtk_spin_button_get_range (key, &lower, &upper);
      g_assert_cmpfloat (upper, ==, 2);
      gtk_spin_button_set_value (key, 2);
      g_assert_cmpuint (gv_inspector_get_inject_arg (inspector ()), ==, 2);
    }
    WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (inspector ())) > 0);
    g_clear_object (&texture);
    texture = gv_test_screenshot (GTK_WIDGET (inspector ()));
    gv_test_save_png (texture, "inspector-keys.png");
    g_signal_emit_by_name (inspector (), "inject", 2u);
    WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)));
    gv_test_app_step (window);
    gtk_popover_popdown (GTK_POPOVER (inspector ()));
  }
}

/* (c) The protocol chooser runs each baseline, and each run converges. */
static void
test_chooser (void)
{
  const char *const ids[] = { "flood", "central", "tree", "rumor" };
  AdwComboRow *row = NULL;
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();

  gv_test_collect (GTK_WIDGET (panel ()), ADW_TYPE_COMBO_ROW, combos);
  for (guint i = 0; i < combos->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (combos, i)), "Protocol") == 0)
      row = g_ptr_array_index (combos, i);
  g_assert_nonnull (row);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==,
                    gv_protocol_get_n ());

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      const GvProtocol *protocol = gv_protocol_find (ids[k]);
      const GvMetricSpec *primary;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *name = g_strdup_printf ("protocol-%s", ids[k]);
      GvIntro *intro = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_INTRO);
      GvSummary s;
      guint index = 0;

      g_assert_nonnull (protocol);
      for (guint i = 0; i < gv_protocol_get_n (); i++)
        if (gv_protocol_get_nth (i) == protocol)
          index = i;

      adw_combo_row_set_selected (row, index);
      gv_test_app_wait_for (window, ids[k],
                            gv_simulator_get_params (gv_window_get_simulator (window))->n_nodes);
      play_to_end ();

      gv_simulator_get_summary (gv_window_get_simulator (window), &s);
      g_test_message ("%s: %s — %s", ids[k], gv_window_get_status_text (window),
                      gv_window_get_result_text (window));
      g_assert_true (s.converged);
      g_assert_true (g_str_has_prefix (gv_window_get_result_text (window), "Converged in "));
      primary = gv_protocol_find_metric (protocol, protocol->primary, NULL);
      g_assert_nonnull (strstr (gv_window_get_status_text (window), primary->label));
      /* The introduction tells what the protocol does. */
      g_assert_cmpstr (gv_intro_get_description (intro), ==, protocol->description);
      texture = photograph (name);
    }
}

/* (d) The 31st rumour cannot start: the button says why, and trying shows a toast. */
static void
test_too_many_rumours (void)
{
  GtkWidget *overlay = gv_test_find_child (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GdkTexture) texture = NULL;
  const char *sentence = "A run holds at most 30 rumours, and this one has them all";
  const char *tooltip = NULL;

  gv_test_app_choose (window, "rumor", 64);
  reset ();
  for (guint i = 2; i <= 30; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (gv_simulator_inject (gv_window_get_simulator (window), i, 0, &error));
      g_assert_no_error (error);
      WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)));
    }
  WAIT_FOR (gv_simulator_get_n_views (gv_window_get_simulator (window)) == 31);

  gv_window_inspect_node (window, 3);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (inspector ())) &&
            !gv_simulator_get_busy (gv_window_get_simulator (window)));
  g_assert_false (gv_inspector_get_inject_sensitive (inspector ()));
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    gv_test_collect (GTK_WIDGET (inspector ()), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "New Rumour") == 0)
        tooltip = gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i));
    g_test_message ("New Rumour: %s", tooltip);
    g_assert_cmpstr (tooltip, ==, sentence);
  }

  /* However it is asked for, the sentence reaches the person as a toast. */
  g_assert_null (gv_test_find_label (overlay, sentence));
  g_signal_emit_by_name (inspector (), "inject", 3u);
  WAIT_FOR (gv_test_find_label (overlay, sentence) != NULL);
  gtk_popover_popdown (GTK_POPOVER (inspector ()));
  texture = photograph ("too-many-rumours");
}


/* The sidebar's rows come from the declarations: a choice's argument has a row only while
 * the chosen choice takes one, and an impossible combination says why, keeping the old run. */
static void
test_sidebar (void)
{
  AdwComboRow *stop;
  GtkWidget *arg;
  GtkWidget *error_label;
  GvSimulator *before;

  gv_test_app_choose (window, "rumor", 64);
  stop = ADW_COMBO_ROW (gv_params_panel_get_param_row (panel (), "stop"));
  arg = gv_params_panel_get_choice_arg_row (panel (), "stop", 0);
  g_assert_nonnull (stop);
  g_assert_nonnull (arg);
  g_assert_false (gtk_widget_get_visible (arg));

  /* Feedback counter: its K, with its default, and a new run with it. */
  adw_combo_row_set_selected (stop, 1);
  g_assert_true (gtk_widget_get_visible (arg));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (arg)), ==,
                   "Contacts in a row (K)");
  WAIT_FOR (gv_test_app_ready_for (window, "rumor", 64) &&
            param_is ("stop", "feedback-counter:2"));
  {
    GtkSpinButton *spin = gv_test_find_child (arg, GTK_TYPE_SPIN_BUTTON);

    gtk_spin_button_set_value (spin, 4);
    WAIT_FOR (gv_test_app_ready_for (window, "rumor", 64) &&
              param_is ("stop", "feedback-counter:4"));
  }
  play_to_end ();
  g_test_message ("stop rule: %s — %s", gv_window_get_status_text (window),
                  gv_window_get_result_text (window));
  g_assert_true (gv_legend_shows_class (GV_LEGEND (gv_window_get_legend (window)), "removed"));
  snap ("stop-rule");

  /* The hop limit names its argument otherwise; none has no row. */
  adw_combo_row_set_selected (stop, 5);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (arg)), ==,
                   "Hop limit (H)");
  adw_combo_row_set_selected (stop, 0);
  g_assert_false (gtk_widget_get_visible (arg));
  WAIT_FOR (gv_test_app_ready_for (window, "rumor", 64) &&
            param_is ("stop", "none"));

  /* A central sender on a ring cannot reach everybody: the sidebar says so. */
  before = gv_window_get_simulator (window);
  {
    g_autoptr(GvParams) p = gv_params_panel_get_params (panel ());

    gv_params_set_protocol (p, gv_protocol_find ("central"));
    g_assert_true (gv_params_parse_topology (p, "ring:4", NULL));
    gv_params_panel_set_params (panel (), p);
    g_signal_emit_by_name (panel (), "changed", TRUE);
  }
  g_assert_true (gv_window_get_simulator (window) == before);
  error_label = GTK_WIDGET (gv_test_find_label (GTK_WIDGET (panel ()), "complete graph"));
  g_assert_nonnull (error_label);
  g_test_message ("sidebar: %s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (error_label)));
  snap ("impossible");
  gv_params_panel_reset (panel ());
  gv_test_app_wait_for (window, "rumor", 64);
}

/* Each chart view shows any chart of the protocol's list; the export offers them. */
static void
test_charts (void)
{
  GvChart *middle;
  GtkWidget *dialog;

  gv_test_app_choose (window, "rumor", 64);
  play_to_end ();
  middle = gv_window_get_chart (window, 1);
  g_assert_cmpstr (gv_chart_get_title (middle), ==, "Messages per round");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-chart", "(us)", 1,
                                             "spreading"));
  g_assert_cmpstr (gv_chart_get_title (middle), ==, "Spreading");
  g_assert_cmpuint (gv_chart_get_n_points (middle, 0), ==,
                    gv_simulator_get_n_records (gv_window_get_simulator (window)));
  /* A metric on its own, and the alive chart that shows once chosen. */
  g_assert_true (gv_window_set_chart (window, 2, "metric:newly_informed"));
  g_assert_cmpstr (gv_chart_get_title (gv_window_get_chart (window, 2)), ==, "Newly informed");
  g_assert_false (gv_window_set_chart (window, 2, "metric:no-such-metric"));
  snap ("chart-choice");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-picture", NULL);
  WAIT_FOR ((dialog = gv_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  {
    GtkDropDown *pictures = gv_test_find_child (dialog, GTK_TYPE_DROP_DOWN);
    GListModel *model = gtk_drop_down_get_model (pictures);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "Spreading");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 3), ==,
                     "Network at this round");
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gv_window_set_chart (window, 1, "messages"));
  g_assert_true (gv_window_set_chart (window, 2, "alive"));
}

/* Runs saved by 0.1.0 open, replay and chart, in their protocol's classes. */
static void
test_format1 (void)
{
  struct { const char *file; const char *protocol; } runs[] = {
    { "rumor-three.grapevine", "rumor" },
    { "ae-keys-pp.grapevine", "anti-entropy" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "regression", "format-1",
                                                     runs[i].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *name = g_strdup_printf ("format-1-%s", runs[i].protocol);
      GvRun *run;

      gv_window_open_file (window, file);
      WAIT_FOR ((run = gv_window_get_replay (window)) != NULL &&
                gv_window_get_file (window) != NULL &&
                g_file_equal (gv_window_get_file (window), file) &&
                gv_window_get_simulator (window) != NULL &&
                !gv_simulator_get_busy (gv_window_get_simulator (window)) &&
                gv_simulator_get_params (gv_window_get_simulator (window))->n_nodes ==
                gv_run_get_params (run)->n_nodes);
      WAIT_FOR (gv_network_view_has_layout (gv_test_app_network_view (window)));
      g_assert_cmpuint (gv_run_get_format_version (run), ==, 1);
      g_assert_cmpstr (gv_run_get_params (run)->protocol->id, ==, runs[i].protocol);
      g_assert_cmpuint (gv_window_get_position (window), ==, gv_run_get_last_round (run));
      g_assert_cmpuint (gv_window_get_n_views (window), ==, gv_run_get_n_views (run));
      g_assert_cmpuint (gv_chart_get_n_points (gv_window_get_chart (window, 0), 0), >, 1);
      g_test_message ("%s: %u views; %s — %s", runs[i].file, gv_run_get_n_views (run),
                      gv_window_get_status_text (window), gv_window_get_result_text (window));

      /* Back to the start and played through. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
      g_assert_cmpuint (gv_window_get_position (window), ==, 0);
      set_speed (G_MAXUINT);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
      WAIT_FOR (gv_window_get_position (window) == gv_run_get_last_round (run));
      if (gv_run_get_n_views (run) > 1)
        g_assert_true (gv_window_set_view (window, 1));
      snap (name);
      g_assert_true (gv_window_set_view (window, 0));
    }

  gv_params_panel_reset (panel ());
  gv_test_app_wait_for (window, "rumor", 64);
  g_assert_null (gv_window_get_replay (window));
}

/* The settings of 0.1.0 (a key a rumour's parameter) are read when there are no
 * parameters of this version: anti-entropy by pull, 100 nodes. */
static void
test_settings_migrate (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.grapevine_lab.Grapevine");
  g_autoptr(GvParams) restored = NULL;
  g_autofree char *exchange = NULL;
  GvWindow *second;

  g_settings_set_string (settings, "params", "");
  g_settings_set_string (settings, "mode", "anti-entropy");
  g_settings_set_string (settings, "protocol", "pull");
  g_settings_set_uint (settings, "nodes", 100);
  g_settings_set_uint (settings, "fanout", 2);

  second = gv_window_new (ADW_APPLICATION (app));
  restored = gv_params_panel_get_params (gv_test_find_child (GTK_WIDGET (second),
                                                             GV_TYPE_PARAMS_PANEL));
  exchange = gv_params_get (restored, "exchange");
  g_assert_cmpstr (restored->protocol->id, ==, "anti-entropy");
  g_assert_cmpstr (exchange, ==, "pull");
  g_assert_cmpuint (restored->n_nodes, ==, 100);
  g_assert_cmpuint (restored->fanout, ==, 2);
  /* ... and saved in this version's key from then on. */
  {
    g_autofree char *saved = g_settings_get_string (settings, "params");

    g_assert_cmpstr (saved, !=, "");
  }
  gtk_window_destroy (GTK_WINDOW (second));

  /* Parameters that no longer make sense fall back to the default run. */
  g_settings_set_string (settings, "params", "{\"protocol\": \"no-such-protocol\"}");
  second = gv_window_new (ADW_APPLICATION (app));
  g_clear_pointer (&restored, gv_params_unref);
  restored = gv_params_panel_get_params (gv_test_find_child (GTK_WIDGET (second),
                                                             GV_TYPE_PARAMS_PANEL));
  g_assert_true (restored->protocol == gv_protocol_get_default ());
  g_assert_cmpuint (restored->n_nodes, ==, 64);
  gtk_window_destroy (GTK_WINDOW (second));
}

/* (i) Compare Runs shows push-pull, the tree and the central sender on one coverage
 * chart, with crashes on: each run made in the window with its protocol chosen, each
 * curve labelled by its protocol, and the baselines below gossip as crashes cut them. */
static void
test_compare_baselines (void)
{
  const char *const ids[] = { "rumor", "tree", "central" };
  const char *const names[] = { "rumour mongering", "spanning tree", "central sender" };
  double final_coverage[G_N_ELEMENTS (ids)];
  GListModel *toplevels = gtk_window_get_toplevels ();
  GvCompareWindow *compare = NULL;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  GvChart *chart;

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      g_autoptr(GvParams) p = gv_params_panel_get_params (panel ());
      g_autoptr(GvRun) run = NULL;
      g_autoptr(GError) error = NULL;

      gv_params_set_protocol (p, gv_protocol_find (ids[k]));
      p->n_nodes = 200;
      p->fanout = 2;
      p->crash = 0.01;
      p->seed = 3;
      gv_test_app_run (window, p);
      play_to_end ();

      if (k == 0)
        {
          /* Compare starts with the window's run. */
          gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
          for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
            {
              g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

              if (GV_IS_COMPARE_WINDOW (w))
                compare = GV_COMPARE_WINDOW (w);
            }
          g_assert_nonnull (compare);
          g_assert_cmpuint (gv_compare_window_get_n_runs (compare), ==, 1);
          continue;
        }

      run = gv_run_new_from_simulator (gv_window_get_simulator (window), &error);
      g_assert_no_error (error);
      gv_compare_window_add_run (compare, run);
    }

  g_assert_cmpuint (gv_compare_window_get_n_runs (compare), ==, 3);
  g_assert_true (gv_compare_window_set_chart (compare, "coverage"));
  chart = gv_compare_window_get_chart (compare);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_utf8_strdown (gv_chart_get_series_label (chart, i), -1);
      guint n = gv_chart_get_n_points (chart, i);
      double x, y;

      g_test_message ("%s: %u points", gv_chart_get_series_label (chart, i), n);
      g_assert_nonnull (strstr (label, names[i]));
      g_assert_cmpuint (n, >, 3);
      gv_chart_get_point (chart, i, n - 1, &x, &y);
      final_coverage[i] = y;
    }
  /* Gossip routes around the crashed; the central sender cannot. */
  g_assert_cmpfloat (final_coverage[0], >, final_coverage[2]);

  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (compare)) &&
            gtk_widget_get_width (GTK_WIDGET (compare)) > 0);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = gv_test_screenshot (GTK_WIDGET (compare));
  gv_test_save_png (dark, "compare-baselines-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  light = gv_test_screenshot (GTK_WIDGET (compare));
  gv_test_save_png (light, "compare-baselines.png");

  gtk_window_destroy (GTK_WINDOW (compare));
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

  window = gv_test_app_window ("TestProtocols", &app);
  /* The introduction would cover the network in the pictures. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-intro", NULL);

  g_test_add_func ("/app-protocols/second-rumour", test_second_rumour);
  g_test_add_func ("/app-protocols/anti-entropy", test_anti_entropy);
  g_test_add_func ("/app-protocols/chooser", test_chooser);
  g_test_add_func ("/app-protocols/too-many-rumours", test_too_many_rumours);
  g_test_add_func ("/app-protocols/sidebar", test_sidebar);
  g_test_add_func ("/app-protocols/charts", test_charts);
  g_test_add_func ("/app-protocols/format-1", test_format1);
  g_test_add_func ("/app-protocols/settings-migrate", test_settings_migrate);
  g_test_add_func ("/app-protocols/compare-baselines", test_compare_baselines);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (ret == 0)
    gv_test_remove_tmp_dir (home);
  return ret;
}
