/* gv-window.h: the Grapevine window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gv-chart.h"
#include "gv-run.h"
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
/* Opens a saved run and shows it for replay; a bad file is explained in a dialog and
 * leaves what is on show as it was. */
void         gv_window_open_file     (GvWindow       *self,
                                      GFile          *file);
/* Saves the run on show to @file, replacing it atomically. */
void         gv_window_save_to       (GvWindow       *self,
                                      GFile          *file);
gboolean     gv_window_export_csv    (GvWindow       *self,
                                      GFile          *file);

/* The chart views (by their place, whatever chart each shows) and the network. */
typedef enum
{
  GV_PICTURE_COVERAGE,
  GV_PICTURE_MESSAGES,
  GV_PICTURE_ALIVE,
  GV_PICTURE_NETWORK,
} GvPicture;

/* Writes a chart or the network at the round shown to @file, as PNG, SVG or PDF by its
 * extension, width × height points (PNG: times @scale pixels). */
gboolean     gv_window_export_picture (GvWindow      *self,
                                       GvPicture      picture,
                                       GFile         *file,
                                       double         width,
                                       double         height,
                                       double         scale,
                                       GError       **error);
/* The recorded run on show (opened, or stepped back into), or NULL for the live run. */
GvRun       *gv_window_get_replay    (GvWindow       *self);
guint        gv_window_get_position  (GvWindow       *self);
GFile       *gv_window_get_file      (GvWindow       *self);
gboolean     gv_window_get_dirty     (GvWindow       *self);

/* The three chart views, left to right: what each shows (an id of gv_run_chart_list()
 * for the run's protocol: "coverage", "messages", "alive", "metric:…"), as the chart
 * menus choose it.  FALSE for a chart the run's protocol has not. */
GvChart     *gv_window_get_chart     (GvWindow       *self,
                                      guint           index);
gboolean     gv_window_set_chart     (GvWindow       *self,
                                      guint           index,
                                      const char     *id);
/* The status line, and what it says at the end of a run. */
const char  *gv_window_get_status_text (GvWindow     *self);
const char  *gv_window_get_result_text (GvWindow     *self);
GtkWidget   *gv_window_get_legend    (GvWindow       *self);
/* "Colour by": 0 for everything, i for item i (a rumour, a key), as the views of the
 * run on show allow. */
gboolean     gv_window_set_view      (GvWindow       *self,
                                      guint           view);
guint        gv_window_get_n_views   (GvWindow       *self);

G_END_DECLS
