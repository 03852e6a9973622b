/* gv-test-app.h: the real application and its window, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-application.h"
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
