/* gv-compare-window.h: several runs in one chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gv-chart.h"
#include "gv-run.h"

G_BEGIN_DECLS

#define GV_TYPE_COMPARE_WINDOW (gv_compare_window_get_type ())

G_DECLARE_FINAL_TYPE (GvCompareWindow, gv_compare_window, GV, COMPARE_WINDOW, AdwWindow)

/* The comparisons every run has; others come from the first run's protocol. */
typedef enum
{
  GV_COMPARE_COVERAGE,
  GV_COMPARE_MESSAGES,
  GV_COMPARE_ALIVE,
} GvCompareKind;

GvCompareWindow *gv_compare_window_new        (GtkWindow       *parent);
void             gv_compare_window_add_run    (GvCompareWindow *self,
                                               GvRun           *run);
void             gv_compare_window_remove_run (GvCompareWindow *self,
                                               guint            index);
guint            gv_compare_window_get_n_runs (GvCompareWindow *self);
/* Loads a saved run into the comparison; FALSE (and a toast) when that file is in it
 * already or on its way. */
gboolean         gv_compare_window_add_file   (GvCompareWindow *self,
                                               GFile           *file);
gboolean         gv_compare_window_get_loading (GvCompareWindow *self);
/* The totals table's cell of run @index: column 0 its rounds, 1 its messages, 2 its
 * headline figure; for tests. */
const char      *gv_compare_window_get_total  (GvCompareWindow *self,
                                               guint            index,
                                               guint            column);
/* The chart as a picture, PNG, SVG or PDF by @file's extension. */
gboolean         gv_compare_window_export     (GvCompareWindow *self,
                                               GFile           *file,
                                               GError         **error);
void             gv_compare_window_set_kind   (GvCompareWindow *self,
                                               GvCompareKind    kind);
/* Any chart of gv_run_chart_list() for the first run's protocol, by its id. */
gboolean         gv_compare_window_set_chart  (GvCompareWindow *self,
                                               const char      *id);
GvChart         *gv_compare_window_get_chart  (GvCompareWindow *self);

G_END_DECLS
