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
void             gv_compare_window_set_kind   (GvCompareWindow *self,
                                               GvCompareKind    kind);
/* Any chart of gv_run_chart_list() for the first run's protocol, by its id. */
gboolean         gv_compare_window_set_chart  (GvCompareWindow *self,
                                               const char      *id);
GvChart         *gv_compare_window_get_chart  (GvCompareWindow *self);

G_END_DECLS
