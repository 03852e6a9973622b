/* gv-window.h: the Grapevine window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gv-simulator.h"

G_BEGIN_DECLS

#define GV_TYPE_WINDOW (gv_window_get_type ())

G_DECLARE_FINAL_TYPE (GvWindow, gv_window, GV, WINDOW, AdwApplicationWindow)

GvWindow    *gv_window_new           (AdwApplication *application);
/* The running simulation, or NULL while a new one is being set up. */
GvSimulator *gv_window_get_simulator (GvWindow       *self);
/* Opens the inspector on @node, as a click on it does. */
void         gv_window_inspect_node  (GvWindow       *self,
                                      guint32         node);
GtkWidget   *gv_window_get_inspector (GvWindow       *self);

G_END_DECLS
