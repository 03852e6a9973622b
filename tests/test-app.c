/* test-app.c: the real window, driven through its actions under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gv-application.h"
#include "gv-compare-window.h"
#include "gv-inspector.h"
#include "gv-network-view.h"
#include "gv-params-panel.h"
#include "gv-test-app.h"
#include "gv-test-run.h"
#include "gv-test-ui.h"
#include "gv-theme.h"
#include "gv-window.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

static GvApplication *app;
static GvWindow *window;
static gboolean intro_shown_at_start;

static void
set_fastest (void)
{
  GtkDropDown *speed = gv_test_find_child (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN);

  g_assert_nonnull (speed);
  /* The last speed is "as fast as possible". */
  gtk_drop_down_set_selected (speed,
                              g_list_model_get_n_items (gtk_drop_down_get_model (speed)) - 1);
  g_assert_cmpfloat (gv_simulator_get_speed (gv_window_get_simulator (window)), ==, 0.0);
}

static void
test_app_default_run (void)
{
  g_autoptr(GdkTexture) texture = NULL;
  GvSummary s;
  guint spreading;

  gv_test_app_wait_for_simulator (window, 64);
  {
    const GvParams *p = gv_simulator_get_params (gv_window_get_simulator (window));
    g_autofree char *exchange = gv_params_get (p, "exchange");

    g_assert_cmpstr (exchange, ==, "push-pull");
  }
  g_assert_cmpuint (gv_simulator_get_params (gv_window_get_simulator (window))->fanout, ==, 1);
  WAIT_FOR (gv_network_view_has_layout (gv_test_app_network_view (window)));

  /* Before playing, only node 0 spreads: few spreading-coloured pixels. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gv_test_app_network_view (window))));
  g_main_context_iteration (NULL, FALSE);

  set_fastest ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  g_assert_true (gv_simulator_get_playing (gv_window_get_simulator (window)));
  WAIT_FOR (gv_simulator_get_finished (gv_window_get_simulator (window)));
  WAIT_FOR (!gv_network_view_get_animating (gv_test_app_network_view (window)));

  gv_simulator_get_summary (gv_window_get_simulator (window), &s);
  g_assert_true (s.converged);
  g_assert_cmpuint (s.rounds, >=, 3);

  /* Let the window draw the last round. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  texture = gv_test_screenshot (GTK_WIDGET (window));
  gv_test_save_png (texture, "default-run.png");
  spreading = gv_test_count_color (texture, 0xe69f00, 40);
  g_test_message ("spreading-coloured pixels: %u", spreading);
  /* 64 nodes of several pixels each, and the coverage line's legend and markers. */
  g_assert_cmpuint (spreading, >, 64 * 20);
}

static void
test_app_inspector (void)
{
  GvNetworkView *view = gv_test_app_network_view (window);
  GtkWidget *inspector = gv_window_get_inspector (window);
  g_autoptr(GError) error = NULL;
  double x, y;

  gv_test_app_wait_for_simulator (window, 64);
  WAIT_FOR (gv_network_view_has_layout (view));

  /* A click where node 5 is drawn hits node 5. */
  g_assert_true (gv_network_view_get_node_point (view, 5, &x, &y));
  g_assert_cmpint (gv_network_view_node_at (view, x, y), ==, 5);
  g_signal_emit_by_name (view, "node-activated", 5u);
  WAIT_FOR (gtk_widget_get_visible (inspector));
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)));
  g_assert_cmpuint (gv_inspector_get_node (GV_INSPECTOR (inspector)), ==, 5);
  g_assert_cmpstr (gv_inspector_get_state_text (GV_INSPECTOR (inspector)), !=, "");
  g_test_message ("node 5: %s", gv_inspector_get_state_text (GV_INSPECTOR (inspector)));

  /* Crash it from the inspector, then revive it. */
  g_signal_emit_by_name (inspector, "set-alive", 5u, FALSE);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            g_strcmp0 (gv_inspector_get_state_text (GV_INSPECTOR (inspector)), "Crashed") == 0);
  {
    g_autoptr(GBytes) states = gv_simulator_get_node_states (gv_window_get_simulator (window));
    g_assert_cmpuint (((const guint8 *) g_bytes_get_data (states, NULL))[5], ==,
                      gv_simulator_get_classes (gv_window_get_simulator (window))->crashed);
  }
  g_signal_emit_by_name (inspector, "set-alive", 5u, TRUE);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            g_strcmp0 (gv_inspector_get_state_text (GV_INSPECTOR (inspector)), "Crashed") != 0);

  /* Inject a new rumour at it: now nobody else holds the newest data.  The button says
   * what the protocol's injection does. */
  g_assert_cmpstr (gv_inspector_get_inject_label (GV_INSPECTOR (inspector)), ==, "New Rumour");
  g_signal_emit_by_name (inspector, "inject", 5u);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_record (gv_window_get_simulator (window), 0) != NULL);
  {
    GvNodeDescription info = { 0 };
    const char *known = NULL;

    WAIT_FOR (gv_simulator_describe_node (gv_window_get_simulator (window), 5, &info));
    for (guint i = 0; i < info.rows->len; i++)
      if (g_strcmp0 (g_array_index (info.rows, GvNodeRow, i).label, "Rumours known") == 0)
        known = g_array_index (info.rows, GvNodeRow, i).value;
    g_assert_nonnull (known);
    g_test_message ("node 5 knows %s rumours", known);
    g_assert_cmpuint (g_ascii_strtoull (known, NULL, 10), >=, 2);
    gv_node_description_clear (&info);
  }
  /* The inspector shows the protocol's rows too. */
  gv_window_inspect_node (window, 5);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_inspector_get_row_value (GV_INSPECTOR (inspector), "Rumours known") != NULL);
  g_test_message ("inspector: rumours known %s",
                  gv_inspector_get_row_value (GV_INSPECTOR (inspector), "Rumours known"));

  gtk_popover_popdown (GTK_POPOVER (inspector));
}

typedef struct
{
  const char *trigger;
  const char *action;
} Binding;

/* Fires the shortcut for @trigger as a key press would. */
static void
press (const char *trigger)
{
  g_autoptr(GtkShortcut) sc = gv_test_app_shortcut (window, trigger);

  g_test_message ("pressing %s", trigger);
  g_assert_nonnull (sc);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0,
                                               GTK_WIDGET (window), NULL));
}

static void
test_app_shortcuts (void)
{
  g_auto(GStrv) quit = NULL;
  g_auto(GStrv) help = NULL;
  GvNetworkView *view = gv_test_app_network_view (window);
  guint round;

  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_nonnull (quit);
  g_assert_cmpstr (quit[0], ==, "<Control>q");
  help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_nonnull (help);
  g_assert_true (g_strv_contains ((const char * const *) help, "<Control>question"));

  gv_test_app_wait_for_simulator (window, 64);

  /* Ctrl+R resets. */
  press ("<Control>r");
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_round (gv_window_get_simulator (window)) == 0);
  g_assert_false (gv_simulator_get_finished (gv_window_get_simulator (window)));

  /* Right steps one round, even with a button focused. */
  gtk_widget_grab_focus (gv_test_find_child (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON));
  round = gv_simulator_get_round (gv_window_get_simulator (window));
  press ("Right");
  WAIT_FOR (gv_simulator_get_round (gv_window_get_simulator (window)) == round + 1);
  g_assert_false (gv_simulator_get_playing (gv_window_get_simulator (window)));

  /* Space plays and pauses. */
  press ("space");
  g_assert_true (gv_simulator_get_playing (gv_window_get_simulator (window)) ||
                 gv_simulator_get_finished (gv_window_get_simulator (window)));
  press ("space");
  g_assert_false (gv_simulator_get_playing (gv_window_get_simulator (window)));

  /* Ctrl+0 fits the view again after zooming. */
  {
    GtkEventController *scroll = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
        if (GTK_IS_EVENT_CONTROLLER_SCROLL (c))
          scroll = GTK_EVENT_CONTROLLER (c);
      }
    g_assert_nonnull (scroll);
    g_signal_emit_by_name (scroll, "scroll", 0.0, -3.0, &handled);
    g_assert_cmpfloat (gv_network_view_get_zoom (view), >, 1.2);
    press ("<Control>0");
    g_assert_cmpfloat (gv_network_view_get_zoom (view), ==, 1.0);
  }

  /* F9 hides and shows the parameters. */
  {
    AdwFlap *flap = gv_test_find_child (GTK_WIDGET (window), ADW_TYPE_FLAP);
    gboolean revealed = adw_flap_get_reveal_flap (flap);

    press ("F9");
    g_assert_cmpint (adw_flap_get_reveal_flap (flap), !=, revealed);
    press ("F9");
    g_assert_cmpint (adw_flap_get_reveal_flap (flap), ==, revealed);
  }

  /* Ctrl+? shows the shortcuts window. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  {
    gboolean found = FALSE;
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
        if (GTK_IS_SHORTCUTS_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
          {
            found = TRUE;
            gtk_window_close (w);
          }
      }
    g_assert_true (found);
  }
}

static void
test_app_params (void)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  g_autoptr(GvParams) p = NULL;
  GvSimulator *before;

  g_assert_nonnull (panel);
  gv_test_app_wait_for_simulator (window, 64);

  /* Faults take effect without a restart. */
  before = gv_window_get_simulator (window);
  p = gv_params_panel_get_params (panel);
  p->loss = 0.25;
  gv_params_panel_set_params (panel, p);
  g_signal_emit_by_name (panel, "changed", FALSE);
  g_assert_true (gv_window_get_simulator (window) == before);
  g_assert_cmpfloat (gv_simulator_get_params (gv_window_get_simulator (window))->loss, ==, 0.25);

  /* Anything else restarts: a ring of 200 nodes. */
  p->n_nodes = 200;
  g_assert_true (gv_params_parse_topology (p, "ring:4", NULL));
  gv_params_panel_set_params (panel, p);
  g_signal_emit_by_name (panel, "changed", TRUE);
  gv_test_app_wait_for_simulator (window, 200);
  g_assert_cmpint (gv_simulator_get_params (gv_window_get_simulator (window))->topology, ==,
                   GV_TOPOLOGY_RING);

  /* An impossible setting keeps the old run and says why. */
  before = gv_window_get_simulator (window);
  p->fanout = 9;
  gv_params_panel_set_params (panel, p);
  g_signal_emit_by_name (panel, "changed", TRUE);
  g_assert_true (gv_window_get_simulator (window) == before);

  /* Back to the defaults. */
  gv_params_panel_reset (panel);
  gv_test_app_wait_for_simulator (window, 64);
  g_assert_cmpfloat (gv_simulator_get_params (gv_window_get_simulator (window))->loss, ==, 0.0);
}

static void
test_app_large_network (void)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  g_autoptr(GvParams) p = gv_params_panel_get_params (panel);
  g_autoptr(GdkTexture) texture = NULL;
  gint64 t0;

  p->n_nodes = 200000;
  gv_params_panel_set_params (panel, p);
  g_signal_emit_by_name (panel, "changed", TRUE);
  gv_test_app_wait_for_simulator (window, 200000);

  set_fastest ();
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  WAIT_FOR (gv_simulator_get_finished (gv_window_get_simulator (window)));
  g_test_message ("200,000 nodes played in %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  /* The pixel view is rendered off the main thread: wait until it shows the end. */
  gv_test_wait_for_frames (GTK_WIDGET (window), 1);
  WAIT_FOR (!gv_network_view_get_rendering (gv_test_app_network_view (window)));

  /* The pixel view shows the spread: most of the picture is in the spreading colour. */
  texture = gv_test_screenshot (GTK_WIDGET (gv_test_app_network_view (window)));
  gv_test_save_png (texture, "pixel-view.png");
  g_assert_cmpuint (gv_test_count_color (texture, 0xe69f00, 40), >,
                    (guint) (gdk_texture_get_width (texture) *
                             gdk_texture_get_height (texture) / 4));

  gv_params_panel_reset (panel);
  gv_test_app_wait_for_simulator (window, 64);
}

/* The last parameters and the window size come back in a new window. */
static void
test_app_settings_persist (void)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  g_autoptr(GvParams) p = gv_params_panel_get_params (panel);
  g_autoptr(GvParams) restored = NULL;
  GvWindow *second;
  GvParamsPanel *second_panel;
  int width, height;

  p->n_nodes = 150;
  p->fanout = 2;
  p->loss = 0.05;
  g_assert_true (gv_params_set (p, "stop", "feedback-coin:3", NULL));
  gv_params_panel_set_params (panel, p);
  g_signal_emit_by_name (panel, "changed", TRUE);
  gv_test_app_wait_for_simulator (window, 150);

  /* A window the user made 1100 × 700 saves that size when it closes... */
  second = gv_window_new (ADW_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (second), 1100, 700);
  {
    gboolean stop = TRUE;

    g_signal_emit_by_name (second, "close-request", &stop);
    g_assert_false (stop);
  }
  gtk_window_destroy (GTK_WINDOW (second));

  /* ... and the next window opens with it, and with the last parameters. */
  second = gv_window_new (ADW_APPLICATION (app));
  second_panel = gv_test_find_child (GTK_WIDGET (second), GV_TYPE_PARAMS_PANEL);
  restored = gv_params_panel_get_params (second_panel);
  g_assert_cmpuint (restored->n_nodes, ==, 150);
  g_assert_cmpuint (restored->fanout, ==, 2);
  g_assert_cmpfloat_with_epsilon (restored->loss, 0.05, 1e-9);
  {
    g_autofree char *stop = gv_params_get (restored, "stop");

    /* The stop rule and its K, together. */
    g_assert_cmpstr (stop, ==, "feedback-coin:3");
  }
  g_object_get (second, "default-width", &width, "default-height", &height, NULL);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 700);
  gtk_window_destroy (GTK_WINDOW (second));

  gv_params_panel_reset (panel);
  gv_test_app_wait_for_simulator (window, 64);
}

static GtkWidget *
intro_box (void)
{
  GtkWidget *overlay_child = NULL;
  GtkWidget *view = GTK_WIDGET (gv_test_app_network_view (window));

  /* The introduction card is the overlay sibling named by its accessible label. */
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (view)); c;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BOX (c) && gtk_widget_has_css_class (c, "intro-card"))
      overlay_child = c;
  g_assert_nonnull (overlay_child);
  return overlay_child;
}

/* The first window explains itself; the explanation can be closed and brought back. */
static void
test_app_intro (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.grapevine_lab.Grapevine");

  g_assert_true (intro_shown_at_start);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-intro", NULL);
  g_assert_true (gtk_widget_get_visible (intro_box ()));
  g_assert_true (g_settings_get_boolean (settings, "show-intro"));

  /* Escape closes it, and it stays closed next time. */
  press ("Escape");
  g_assert_false (gtk_widget_get_visible (intro_box ()));
  g_assert_false (g_settings_get_boolean (settings, "show-intro"));

  /* "Play" from the card closes it and starts the run. */
  gv_test_app_wait_for_simulator (window, 64);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_round (gv_window_get_simulator (window)) == 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-intro", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.intro-play", NULL);
  g_assert_false (gtk_widget_get_visible (intro_box ()));
  g_assert_true (gv_simulator_get_playing (gv_window_get_simulator (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);

  /* Play or Step from anywhere else also puts the card away: it would hide the
   * network it describes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-intro", NULL);
  press ("space");
  g_assert_false (gtk_widget_get_visible (intro_box ()));
  g_assert_true (gv_simulator_get_playing (gv_window_get_simulator (window)));
  press ("space");
  g_assert_false (gv_simulator_get_playing (gv_window_get_simulator (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-intro", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  g_assert_false (gtk_widget_get_visible (intro_box ()));
  g_assert_false (g_settings_get_boolean (settings, "show-intro"));
}

/* The accessible name of @widget, or NULL: GTK 4.8 has no getter, so the name comes
 * from the label property we set, a button's label, or a row's title. */
static const char *
focus_name (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  /* The picture is named by its accessible label; its tooltips name the nodes. */
  if (GV_IS_NETWORK_VIEW (widget))
    return "Network";
  /* A row, and a spin button in it, are named by the row's title. */
  if (row != NULL)
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  /* The inner button of a drop-down or a menu button speaks for its owner. */
  for (GtkWidget *w = widget; w != NULL && w != GTK_WIDGET (window); w = gtk_widget_get_parent (w))
    {
      if (gtk_widget_get_tooltip_text (w) != NULL)
        return gtk_widget_get_tooltip_text (w);
      if (GTK_IS_DROP_DOWN (w) || GTK_IS_MENU_BUTTON (w))
        break;
    }
  return NULL;
}

/* The keyboard alone reaches the main controls, and Enter on Play plays. */
static void
test_app_keyboard (void)
{
  const char *wanted[] = {
    "Show the parameters", "Play", "Step one round", "Reset the run", "Rounds played per second",
    "Nodes", "Topology", "Protocol", "Exchange", "Fanout", "Stop rule", "Message loss",
    "Seed", "Network", "Fit the network", "Draw who first told whom",
  };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *play = NULL;

  gv_test_app_wait_for_simulator (window, 64);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)));
  gv_test_activate_window (GTK_WINDOW (window));
  gtk_root_set_focus (GTK_ROOT (window), NULL);

  for (guint i = 0; i < 120; i++)
    {
      GtkWidget *focus;
      const char *name;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      name = focus_name (focus);
      g_test_message ("tab %u: %s %s", i, G_OBJECT_TYPE_NAME (focus), name ? name : "(no name)");
      /* Every stop of the focus can be named. */
      g_assert_nonnull (name);
      g_ptr_array_add (names, g_strdup (name));
      if (play == NULL && GTK_IS_BUTTON (focus) && g_str_has_prefix (name, "Play"))
        play = focus;
    }

  /* The legend's keys are pictures of nodes (and messages) beside the words that name
   * them: a screen reader skips them rather than announce unnamed images.  One a class
   * of the run's protocol and the core's crashed one, and one a kind of message. */
  {
    g_autoptr(GPtrArray) keys = g_ptr_array_new ();

    gv_test_collect (GTK_WIDGET (window), GTK_TYPE_DRAWING_AREA, keys);
    g_assert_cmpuint (keys->len, ==,
                      gv_simulator_get_classes (gv_window_get_simulator (window))->n + 5);
    for (guint i = 0; i < keys->len; i++)
      g_assert_cmpint (gtk_accessible_get_accessible_role (g_ptr_array_index (keys, i)), ==,
                       GTK_ACCESSIBLE_ROLE_PRESENTATION);
  }

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < names->len && !found; j++)
        found = g_str_has_prefix (g_ptr_array_index (names, j), wanted[i]);
      g_test_message ("reached %s: %s", wanted[i], found ? "yes" : "no");
      g_assert_true (found);
    }

  /* The order follows the window: the header, the sidebar, then the picture. */
  {
    guint play_at = G_MAXUINT, seed_at = G_MAXUINT, network_at = G_MAXUINT;

    for (guint j = 0; j < names->len; j++)
      {
        const char *name = g_ptr_array_index (names, j);

        if (play_at == G_MAXUINT && g_str_has_prefix (name, "Play"))
          play_at = j;
        if (seed_at == G_MAXUINT && g_str_has_prefix (name, "Seed"))
          seed_at = j;
        if (network_at == G_MAXUINT && g_str_equal (name, "Network"))
          network_at = j;
      }
    g_assert_cmpuint (play_at, <, seed_at);
    g_assert_cmpuint (seed_at, <, network_at);
  }

  g_assert_nonnull (play);
  gtk_widget_grab_focus (play);
  /* Enter or Space on a focused button: it shows itself pressed, then clicks. */
  g_assert_true (gtk_widget_activate (play));
  WAIT_FOR (gv_simulator_get_playing (gv_window_get_simulator (window)) ||
            gv_simulator_get_finished (gv_window_get_simulator (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
}

/* The files a test saves live beside its XDG folders, and go with them. */
static char *test_home;

static char *
temp_path (const char *name)
{
  return g_build_filename (test_home, name, NULL);
}

/* Save, open, replay, step back and forth, a bad file, CSV. */
static void
test_app_files (void)
{
  g_autofree char *saved_path = temp_path ("live.grapevine.json");
  g_autofree char *other_path = temp_path ("fanout3.grapevine");
  g_autofree char *bad_path = temp_path ("broken.grapevine.json");
  g_autofree char *csv_path = temp_path ("metrics.csv");
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvRun) made = NULL;
  g_autoptr(GvRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  guint last;

  /* A live run, three rounds in: step back through it and forward again. */
  gv_test_app_wait_for_simulator (window, 64);
  press ("<Control>r");
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_round (gv_window_get_simulator (window)) == 0);
  for (guint i = 1; i <= 3; i++)
    {
      press ("Right");
      WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
                gv_simulator_get_round (gv_window_get_simulator (window)) == i);
    }
  g_assert_true (gv_window_get_dirty (window));
  press ("Left");
  g_assert_nonnull (gv_window_get_replay (window));
  g_assert_cmpuint (gv_window_get_position (window), ==, 2);
  press ("Left");
  g_assert_cmpuint (gv_window_get_position (window), ==, 1);
  press ("Right");
  g_assert_cmpuint (gv_window_get_position (window), ==, 2);
  press ("Right");
  press ("Right");
  /* Past what was recorded, the live run goes on. */
  WAIT_FOR (gv_window_get_replay (window) == NULL &&
            !gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            gv_simulator_get_round (gv_window_get_simulator (window)) == 4);

  /* Save: the file loads back as the same run, and the title names it. */
  gv_window_save_to (window, saved);
  WAIT_FOR (!gv_window_get_dirty (window) && gv_window_get_file (window) != NULL);
  loaded = gv_run_load (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gv_run_get_last_round (loaded), ==, 4);
  {
    g_autoptr(JsonNode) a = gv_params_to_json (gv_run_get_params (loaded));
    g_autoptr(JsonNode) b =
      gv_params_to_json (gv_simulator_get_params (gv_window_get_simulator (window)));
    g_autofree char *sa = json_to_string (a, FALSE);
    g_autofree char *sb = json_to_string (b, FALSE);

    g_assert_cmpstr (sa, ==, sb);
  }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "live.grapevine.json");
  g_clear_object (&loaded);

  /* Open another run: it is shown at its end, its parameters in the sidebar. */
  p->n_nodes = 300;
  p->fanout = 3;
  made = gv_test_simulate (p, 1);
  g_assert_true (gv_run_save (made, other, NULL, &error));
  last = gv_run_get_last_round (made);
  gv_window_open_file (window, other);
  WAIT_FOR (gv_window_get_replay (window) != NULL && gv_window_get_file (window) != NULL &&
            g_file_equal (gv_window_get_file (window), other) &&
            gv_window_get_simulator (window) != NULL &&
            gv_simulator_get_params (gv_window_get_simulator (window))->n_nodes == 300);
  g_assert_cmpuint (gv_window_get_position (window), ==, last);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "fanout3.grapevine");
  g_assert_false (gv_window_get_dirty (window));
  {
    GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
    g_autoptr(GvParams) shown = gv_params_panel_get_params (panel);

    g_assert_cmpuint (shown->n_nodes, ==, 300);
    g_assert_cmpuint (shown->fanout, ==, 3);
  }

  /* Dropping a run file on the window opens it too. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    GtkDropTarget *drop = NULL;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
        if (GTK_IS_DROP_TARGET (c))
          drop = GTK_DROP_TARGET (c);
      }
    g_assert_nonnull (drop);
    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, saved);
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    WAIT_FOR (g_file_equal (gv_window_get_file (window), saved) &&
              gv_window_get_replay (window) != NULL);
    g_assert_cmpuint (gv_window_get_position (window), ==, 4);
  }

  /* Both files are among the recent runs, and the menu opens them. */
  {
    g_autofree char *uri = g_file_get_uri (other);

    WAIT_FOR (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
    WAIT_FOR (g_file_equal (gv_window_get_file (window), other) &&
              gv_window_get_position (window) == last);
  }

  /* Replay: the timeline, Left, Reset, and Play from the start to the end. */
  gtk_adjustment_set_value (gtk_range_get_adjustment (GTK_RANGE (
    gv_test_find_child (GTK_WIDGET (window), GTK_TYPE_SCALE))), 1);
  g_assert_cmpuint (gv_window_get_position (window), ==, 1);
  press ("Left");
  g_assert_cmpuint (gv_window_get_position (window), ==, 0);
  set_fastest ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  WAIT_FOR (gv_window_get_position (window) == last);
  g_assert_nonnull (gv_window_get_replay (window));

  /* Someone whose first sight of Grapevine is a run they double-clicked gets the
   * introduction over it; its Play replays that run from the start. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-intro", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.intro-play", NULL);
  g_assert_false (gtk_widget_get_visible (intro_box ()));
  g_assert_cmpuint (gv_window_get_position (window), ==, 0);
  WAIT_FOR (gv_window_get_position (window) == last);
  g_assert_true (g_file_equal (gv_window_get_file (window), other));

  /* A broken file: a dialog names the problem, and the run on show stays. */
  g_assert_true (g_file_set_contents (bad_path, "{\"format\": \"grapevine-run\", \"format_vers", -1,
                                      NULL));
  gv_window_open_file (window, bad);
  WAIT_FOR ((dialog = gv_test_app_find_dialog ()) != NULL);
  g_test_message ("error dialog: %s — %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "broken.grapevine.json"));
  g_assert_true (g_file_equal (gv_window_get_file (window), other));
  g_assert_cmpuint (gv_window_get_position (window), ==, last);
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The metrics as CSV: the run's parameters as comment lines, then a header and one
   * line a round. */
  g_assert_true (gv_window_export_csv (window, csv));
  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "# engine_version: "));
  g_assert_nonnull (strstr (text, "\n# nodes: 300\n# topology: complete\n# fanout: 3\n"));
  g_assert_true (g_str_has_prefix (gv_test_csv_table (text), "round,"));
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp ((char *) gv_test_csv_table (text)), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, last + 2);
  }

  /* Pictures: each chart and the network, at a chosen size; PNG also at a scale. */
  {
    struct { GvPicture picture; const char *name; const char *magic; } exports[] = {
      { GV_PICTURE_COVERAGE, "coverage.png", "\x89PNG" },
      { GV_PICTURE_MESSAGES, "messages.svg", "<?xml" },
      { GV_PICTURE_ALIVE, "alive.pdf", "%PDF" },
      { GV_PICTURE_NETWORK, "network.png", "\x89PNG" },
      { GV_PICTURE_NETWORK, "network.svg", "<?xml" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
      {
        g_autofree char *path = temp_path (exports[i].name);
        g_autoptr(GFile) out = g_file_new_for_path (path);
        g_autofree char *data = NULL;
        gsize length;

        g_assert_true (gv_window_export_picture (window, exports[i].picture, out, 400, 300, 2,
                                                 &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &data, &length, NULL));
        g_assert_cmpuint (length, >, 500);
        g_assert_true (g_str_has_prefix (data, exports[i].magic));
        if (g_str_has_suffix (path, ".png"))
          {
            g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

            g_assert_no_error (error);
            g_assert_cmpint (gdk_texture_get_width (texture), ==, 800);
            g_assert_cmpint (gdk_texture_get_height (texture), ==, 600);
          }
      }

    /* A name that says no format is refused, and nothing is written. */
    {
      g_autofree char *path = temp_path ("chart.bmp");
      g_autoptr(GFile) out = g_file_new_for_path (path);

      g_assert_false (gv_window_export_picture (window, GV_PICTURE_COVERAGE, out, 400, 300, 1,
                                                &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  }

  /* A change of parameters leaves the opened run for a new, unsaved one. */
  gv_params_panel_reset (gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL));
  gv_test_app_wait_for_simulator (window, 64);
  g_assert_null (gv_window_get_replay (window));
  g_assert_null (gv_window_get_file (window));
}

/* Compare: fanout 1, 2 and 3 in one chart, each labelled by what differs. */
static void
test_app_compare (void)
{
  g_autoptr(GdkTexture) texture = NULL;
  GvCompareWindow *compare = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GvChart *chart;

  gv_test_app_wait_for_simulator (window, 64);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)));
  set_fastest ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  WAIT_FOR (gv_simulator_get_finished (gv_window_get_simulator (window)) &&
            !gv_simulator_get_busy (gv_window_get_simulator (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (GV_IS_COMPARE_WINDOW (w))
        compare = GV_COMPARE_WINDOW (w);
    }
  g_assert_nonnull (compare);
  g_assert_cmpuint (gv_compare_window_get_n_runs (compare), ==, 1);

  for (guint fanout = 2; fanout <= 3; fanout++)
    {
      g_autoptr(GvParams) p =
        gv_params_copy (gv_simulator_get_params (gv_window_get_simulator (window)));
      g_autoptr(GvRun) run = NULL;

      p->fanout = fanout;
      run = gv_test_simulate (p, 1);
      gv_compare_window_add_run (compare, run);
    }

  chart = gv_compare_window_get_chart (compare);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (gv_chart_get_n_points (chart, i), >, 3);

  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (compare)) &&
            gtk_widget_get_width (GTK_WIDGET (compare)) > 0);
  texture = gv_test_screenshot (GTK_WIDGET (compare));
  gv_test_save_png (texture, "compare.png");

  /* The totals table: each run's rounds and messages, as its summary has them. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (gv_compare_window_get_total (compare, i, 0));
      g_assert_nonnull (gv_compare_window_get_total (compare, i, 1));
      g_assert_nonnull (gv_compare_window_get_total (compare, i, 2));
    }
  {
    GvSummary s;
    g_autofree char *rounds = NULL;

    gv_simulator_get_summary (gv_window_get_simulator (window), &s);
    rounds = g_strdup_printf ("%u", s.rounds);
    g_assert_cmpstr (gv_compare_window_get_total (compare, 0, 0), ==, rounds);
  }

  /* A saved run can be added once; the same file again is refused with a toast. */
  {
    g_autofree char *path = g_build_filename (test_home, "compared.grapevine", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GvParams) p =
      gv_params_copy (gv_simulator_get_params (gv_window_get_simulator (window)));
    g_autoptr(GvRun) run = NULL;
    g_autoptr(GError) error = NULL;

    p->fanout = 4;
    run = gv_test_simulate (p, 1);
    g_assert_true (gv_run_save (run, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (gv_compare_window_add_file (compare, file));
    g_assert_false (gv_compare_window_add_file (compare, file));
    WAIT_FOR (!gv_compare_window_get_loading (compare));
    g_assert_cmpuint (gv_compare_window_get_n_runs (compare), ==, 4);
    g_assert_false (gv_compare_window_add_file (compare, file));
    g_assert_cmpuint (gv_compare_window_get_n_runs (compare), ==, 4);
    gv_compare_window_remove_run (compare, 3);
  }

  /* Export: the chart as an SVG picture. */
  {
    g_autofree char *path = g_build_filename (test_home, "comparison.svg", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *svg = NULL;

    g_assert_true (gv_compare_window_export (compare, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "<svg"));
    g_clear_object (&file);
    g_free (path);
    path = g_build_filename (test_home, "comparison.txt", NULL);
    file = g_file_new_for_path (path);
    g_assert_false (gv_compare_window_export (compare, file, &error));
    g_assert_nonnull (error);
  }

  gv_compare_window_set_kind (compare, GV_COMPARE_MESSAGES);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 3);
  gv_compare_window_remove_run (compare, 0);
  g_assert_cmpuint (gv_compare_window_get_n_runs (compare), ==, 2);
  g_assert_cmpuint (gv_chart_get_n_series (chart), ==, 2);

  gtk_window_destroy (GTK_WINDOW (compare));
}

static gboolean
same_color (GvColor a,
            GvColor b)
{
  return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* The largest difference in any channel, in 0-255 steps, of @a and @b as drawn on
 * @background. */
static double
drawn_distance (GvColor a,
                GvColor b,
                GvColor background)
{
  double d = 0;

  d = MAX (d, fabs (a.a * a.r + (1 - a.a) * background.r - b.a * b.r - (1 - b.a) * background.r));
  d = MAX (d, fabs (a.a * a.g + (1 - a.a) * background.g - b.a * b.g - (1 - b.a) * background.g));
  d = MAX (d, fabs (a.a * a.b + (1 - a.a) * background.b - b.a * b.b - (1 - b.a) * background.b));
  return 255 * d;
}

/* The palette the window draws with, in the light and the dark style: the theme's
 * background and foreground, the requests faded from that foreground, and every
 * other colour the renderers use from the built-in palette of the same style, with the
 * messages to crashed nodes apart from both greys of requests. */
static void
test_app_theme_palette (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);

  for (guint dark = 0; dark < 2; dark++)
    {
      GvPalette palette, builtin;
      double lightness;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gv_theme_get_palette (GTK_WIDGET (gv_test_app_network_view (window)), &palette);
      if (dark)
        gv_palette_init_dark (&builtin);
      else
        gv_palette_init_light (&builtin);

      g_assert_cmpint (palette.dark, ==, dark);
      lightness = 0.2126 * palette.background.r + 0.7152 * palette.background.g +
              0.0722 * palette.background.b;
      g_test_message ("%s: background %.3f, foreground alpha %.2f", dark ? "dark" : "light",
                      lightness, palette.foreground.a);
      g_assert_cmpfloat (dark ? 0.25 - lightness : lightness - 0.75, >, 0);

      g_assert_cmpfloat (palette.request.r, ==, palette.foreground.r);
      g_assert_cmpfloat (palette.request.g, ==, palette.foreground.g);
      g_assert_cmpfloat (palette.request.b, ==, palette.foreground.b);
      g_assert_cmpfloat_with_epsilon (palette.request.a, 0.7 * palette.foreground.a, 1e-9);

      g_assert_true (same_color (palette.dim, builtin.dim));
      g_assert_true (same_color (palette.edge, builtin.edge));
      g_assert_true (same_color (palette.useful, builtin.useful));
      g_assert_true (same_color (palette.redundant, builtin.redundant));
      g_assert_true (same_color (palette.lost, builtin.lost));
      g_assert_true (same_color (palette.dead, builtin.dead));
      for (guint i = 0; i < GV_N_SLOTS; i++)
        g_assert_true (same_color (palette.slots[i], builtin.slots[i]));
      for (guint i = 0; i < GV_PALETTE_N_SERIES; i++)
        g_assert_true (same_color (palette.series[i], builtin.series[i]));

      /* The picture's requests and the chart's request bars. */
      g_assert_cmpfloat (drawn_distance (palette.dead, palette.request, palette.background), >,
                         40);
      g_assert_cmpfloat (drawn_distance (palette.dead, palette.series[GV_PALETTE_N_SERIES - 1],
                                         palette.background), >, 40);
    }

  adw_style_manager_set_color_scheme (style, scheme);
}

/* Last: Ctrl+Q closes every window, asking first about an unsaved run. */
static void
test_app_quit (void)
{
  AdwMessageDialog *dialog;

  gv_test_app_wait_for_simulator (window, 64);
  press ("Right");
  WAIT_FOR (gv_window_get_dirty (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  WAIT_FOR ((dialog = gv_test_app_find_dialog ()) != NULL);
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));
  adw_message_dialog_response (dialog, "discard");
  WAIT_FOR (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gv_test_tolerate_gdk_frame_warnings ();
  /* Recent files and the like go to a folder of the test's own. */
  test_home = gv_test_isolate_home ();

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  window = gv_test_app_window ("Test", &app);

  /* The first run opens with the introduction over the network; the tests close it. */
  intro_shown_at_start = gtk_widget_get_visible (intro_box ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-intro", NULL);

  g_test_add_func ("/app/default-run", test_app_default_run);
  g_test_add_func ("/app/inspector", test_app_inspector);
  g_test_add_func ("/app/shortcuts", test_app_shortcuts);
  g_test_add_func ("/app/params", test_app_params);
  g_test_add_func ("/app/large-network", test_app_large_network);
  g_test_add_func ("/app/settings-persist", test_app_settings_persist);
  g_test_add_func ("/app/intro", test_app_intro);
  g_test_add_func ("/app/keyboard", test_app_keyboard);
  g_test_add_func ("/app/files", test_app_files);
  g_test_add_func ("/app/compare", test_app_compare);
  g_test_add_func ("/app/theme-palette", test_app_theme_palette);
  g_test_add_func ("/app/quit", test_app_quit);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (ret == 0)
    gv_test_remove_tmp_dir (test_home);
  g_free (test_home);
  return ret;
}
