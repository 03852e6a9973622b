/* gv-test-app.h: the real application and its window, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gv-application.h"
#include "gv-network-view.h"
#include "gv-params-panel.h"
#include "gv-test-ui.h"
#include "gv-window.h"

/* Registers and activates an application of id io.github.grapevine_lab.Grapevine.@suffix
 * (not unique, so tests may run side by side) and returns its window, 1280 × 800. */
static inline GvWindow *
gv_test_app_window (const char     *suffix,
                    GvApplication **app)
{
  g_autofree char *id = g_strconcat ("io.github.grapevine_lab.Grapevine.", suffix, NULL);
  GvWindow *window;

  *app = g_object_new (GV_TYPE_APPLICATION,
                       "application-id", id,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", GV_RESOURCE_PREFIX,
                       NULL);
  g_assert_true (g_application_register (G_APPLICATION (*app), NULL, NULL));
  g_application_activate (G_APPLICATION (*app));
  window = GV_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (*app)));
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  return window;
}

static inline GvNetworkView *
gv_test_app_network_view (GvWindow *window)
{
  return gv_test_find_child (GTK_WIDGET (window), GV_TYPE_NETWORK_VIEW);
}

/* The message dialog on screen, or NULL. */
static inline AdwMessageDialog *
gv_test_app_find_dialog (void)
{
  return gv_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* Whether @window's simulator runs @protocol (NULL: any) with @n_nodes nodes, no round
 * running. */
static inline gboolean
gv_test_app_ready_for (GvWindow   *window,
                       const char *protocol,
                       guint32     n_nodes)
{
  GvSimulator *simulator = gv_window_get_simulator (window);
  const GvParams *p;

  if (simulator == NULL || gv_simulator_get_busy (simulator))
    return FALSE;
  p = gv_simulator_get_params (simulator);
  return (protocol == NULL || g_strcmp0 (p->protocol->id, protocol) == 0) &&
         p->n_nodes == n_nodes;
}

/* Waits until @window's simulator has @n_nodes nodes and no round running. */
static inline void
gv_test_app_wait_for_simulator (GvWindow *window,
                                guint32   n_nodes)
{
  GV_TEST_WAIT_FOR (gv_test_app_ready_for (window, NULL, n_nodes));
}

/* Waits until @window runs @protocol with @n_nodes nodes, and their layout is drawn. */
static inline void
gv_test_app_wait_for (GvWindow   *window,
                      const char *protocol,
                      guint32     n_nodes)
{
  GV_TEST_WAIT_FOR (gv_test_app_ready_for (window, protocol, n_nodes));
  GV_TEST_WAIT_FOR (gv_network_view_has_layout (gv_test_app_network_view (window)));
}

/* Runs @p in @window through the sidebar, and waits for the new run to be ready. */
static inline void
gv_test_app_run (GvWindow       *window,
                 const GvParams *p)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  GvSimulator *before = gv_window_get_simulator (window);

  gv_params_panel_set_params (panel, p);
  g_signal_emit_by_name (panel, "changed", TRUE);
  /* A new run, not the one before it. */
  GV_TEST_WAIT_FOR (gv_window_get_simulator (window) != before);
  gv_test_app_wait_for (window, p->protocol->id, p->n_nodes);
}

/* Runs @protocol with @n_nodes nodes in @window, the sidebar's other settings as they
 * are. */
static inline void
gv_test_app_choose (GvWindow   *window,
                    const char *protocol,
                    guint32     n_nodes)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  g_autoptr(GvParams) p = gv_params_panel_get_params (panel);

  gv_params_set_protocol (p, gv_protocol_find (protocol));
  p->n_nodes = n_nodes;
  gv_test_app_run (window, p);
}
/* The shortcut of @window's own controllers for @trigger ("space", "<Control>r"), or
 * NULL. */
static inline GtkShortcut *
gv_test_app_shortcut (GvWindow   *window,
                      const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (sc));

          if (g_strcmp0 (t, trigger) == 0)
            return g_steal_pointer (&sc);
        }
    }
  return NULL;
}


/* One round forward in @window, or to the end, and no round running. */
static inline void
gv_test_app_step (GvWindow *window)
{
  guint round = gv_simulator_get_round (gv_window_get_simulator (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  GV_TEST_WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
                    (gv_simulator_get_round (gv_window_get_simulator (window)) > round ||
                     gv_simulator_get_finished (gv_window_get_simulator (window))));
}
