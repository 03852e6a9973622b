/* gv-window-private.h: the window's state, shared by the files it is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gv-window.c         the template, the layout, the simulator's signals, the picture
 * gv-window-charts.c  the chart views and the status line
 * gv-window-actions.c the actions and their shortcuts
 * gv-window-files.c   open, save, save as, recent runs, drops, CSV and pictures
 * gv-window-replay.c  recorded runs, shown round by round on the timeline
 * gv-window-focus.c   the inspector, the focused node, the infection tree, presentation
 */

#pragma once

#include "gv-chart-view.h"
#include "gv-inspector.h"
#include "gv-intro.h"
#include "gv-legend.h"
#include "gv-message-diagram-view.h"
#include "gv-network-view.h"
#include "gv-params-panel.h"
#include "gv-window.h"

G_BEGIN_DECLS

#define GV_N_CHART_VIEWS 3

struct _GvWindow
{
  AdwApplicationWindow  parent_instance;

  GtkToggleButton      *sidebar_button;
  GtkButton            *play_button;
  GtkDropDown          *speed_dropdown;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GvParamsPanel        *params_panel;
  GvNetworkView        *network_view;
  GtkLabel             *detail_notice;      /* why messages are not animated, in place */
  GtkPaned             *main_paned;         /* the network above the charts */
  GtkBox               *charts_box;
  GvMessageDiagramView *timeline_view;      /* the message timeline, under the charts */
  GvLegend             *legend;
  GtkDropDown          *view_dropdown;      /* "Colour by": the views by item */
  GvChartView          *chart_views[GV_N_CHART_VIEWS];
  GtkMenuButton        *chart_buttons[GV_N_CHART_VIEWS];   /* each a menu of charts */
  GtkLabel             *status_label;
  GtkLabel             *result_label;
  GvIntro              *intro;
  GtkScale             *timeline;
  GtkAdjustment        *timeline_adjustment;
  GMenu                *recent_menu;

  /* What each chart view shows ("coverage", "messages", "alive", "metric:…"), for the
   * protocol whose charts the menus list. */
  char                 *chart_ids[GV_N_CHART_VIEWS];
  const GvProtocol     *chart_protocol;

  /* The message outcomes (GvMessageOutcome bits) the run on show has sent so far. */
  guint                 outcomes;
  /* The views the "Colour by" list offers, and whether it is being filled. */
  guint                 n_views;
  const GvProtocol     *views_protocol;
  guint                 updating_views;

  /* The run as a file: where it was opened from or saved to, and whether what the
   * window shows has changed since. */
  GFile                *file;
  gboolean              dirty;
  /* A recorded run on show: one opened from a file, or the live run when the user
   * steps back through it.  NULL while the live run is on show. */
  GvRun                *replay;
  gboolean              replay_opened;
  guint                 replay_view;
  guint                 position;
  guint                 replay_tick;
  guint                 updating_timeline;
  gboolean              close_after_save;

  GvInspector          *inspector;
  /* The whole infection tree drawn (GvWindow:show-tree). */
  gboolean              show_tree;
  /* Presentation mode (GvWindow:presentation, F5): full screen, no sidebar, the network
   * and the charts side by side at full height, text and marks larger; and whether the
   * sidebar was out before it. */
  gboolean              presentation;
  gboolean              flap_before_presentation;
  /* Shift+Right asked for the next round one message at a time. */
  gboolean              hold_next_round;
  /* Play was pressed on a round frozen half way: the run goes on once it has arrived. */
  gboolean              play_after_round;
  GSettings            *settings;
  GvSimulator          *simulator;
  GCancellable         *cancellable;
};

/* gv-window.c */
void      gv_window_toast              (GvWindow            *self,
                                        const char          *message);
void      gv_window_toast_error        (GvWindow            *self,
                                        const GError        *error);
void      gv_window_show_error         (GvWindow            *self,
                                        const char          *heading,
                                        const char          *body);
double    gv_window_selected_speed     (GvWindow            *self);
gboolean  gv_window_is_playing         (GvWindow            *self);
void      gv_window_start_simulation   (GvWindow            *self);
void      gv_window_simulator_ready_cb (GObject             *object,
                                        GAsyncResult        *result,
                                        gpointer             user_data);
void      gv_window_set_timeline       (GvWindow            *self,
                                        guint                upper,
                                        guint                value);
/* The record of the round on show: the recorded run's at the position, else the live
 * run's newest; NULL before there is one. */
GvRoundRecord *gv_window_shown_record  (GvWindow            *self);
/* The network view's round shown and infection tree, as the window's settings and the
 * inspector's "Follow the News" ask for. */
void      gv_window_update_tree        (GvWindow            *self);
/* The parameters and network of the run on show: the recorded one, or the live one. */
const GvParams *gv_window_shown_params (GvWindow         *self);
GvTopology *gv_window_shown_topology (GvWindow           *self);

/* gv-window-focus.c */
void      gv_window_connect_focus      (GvWindow            *self);
void      gv_window_set_presentation   (GvWindow            *self,
                                        gboolean             presentation);
/* GvWindow's properties: show-tree and presentation. */
enum {
  PROP_0,
  PROP_SHOW_TREE,
  PROP_PRESENTATION,
  N_PROPS
};

void      gv_window_get_property       (GObject             *object,
                                        guint                prop_id,
                                        GValue              *value,
                                        GParamSpec          *pspec);
void      gv_window_set_property       (GObject             *object,
                                        guint                prop_id,
                                        const GValue        *value,
                                        GParamSpec          *pspec);

/* gv-window-charts.c */
void      gv_window_init_charts        (GvWindow            *self);
void      gv_window_update_chart_visibility (GvWindow       *self,
                                        const GvParams      *params);
/* The charts for a run of @params over @topology (NULL when not at hand). */
void      gv_window_setup_charts       (GvWindow            *self,
                                        const GvParams      *params,
                                        const GvTopology    *topology);
void      gv_window_chart_record       (GvWindow            *self,
                                        const GvParams      *params,
                                        const GvRoundRecord *record);
void      gv_window_set_chart_marker   (GvWindow            *self,
                                        guint                round);
/* The picture's classes, its legend and the "Colour by" list, for @classes and @n_views. */
void      gv_window_set_classes        (GvWindow            *self,
                                        const GvClassTable  *classes,
                                        const GvProtocol    *protocol,
                                        guint                n_views,
                                        guint                view);
/* Shows @states (a class a node), animating @record's messages when it is not NULL. */
void      gv_window_show_states        (GvWindow            *self,
                                        GBytes              *states,
                                        GvRoundRecord       *record);
void      gv_window_note_outcomes      (GvWindow            *self,
                                        const GvRoundRecord *record);
void      gv_window_update_status      (GvWindow            *self);
void      gv_window_update_actions     (GvWindow            *self);
void      gv_window_refresh_inspector  (GvWindow            *self);
void      gv_window_set_intro_visible  (GvWindow            *self,
                                        gboolean             visible);
void      gv_window_dismiss_intro      (GvWindow            *self);
/* The title an export gives picture @picture, and the file name it proposes. */
char     *gv_window_picture_title      (GvWindow            *self,
                                        GvPicture            picture);
char     *gv_window_picture_file_name  (GvWindow            *self,
                                        GvPicture            picture);
const char *gv_window_chart_id         (GvWindow            *self,
                                        guint                index);

/* gv-window-actions.c */
void      gv_window_class_add_actions  (GtkWidgetClass      *widget_class);
void      gv_window_add_transport_shortcuts (GvWindow       *self);
void      gv_window_play_pause         (GvWindow            *self);

/* gv-window-files.c */
void      gv_window_update_title       (GvWindow            *self);
void      gv_window_save_as            (GvWindow            *self);
void      gv_window_open_dialog        (GvWindow            *self);
void      gv_window_export_csv_dialog  (GvWindow            *self);
/* The run to save, verify or export: the recorded one on show, or the live one. */
GvRun    *gv_window_current_run        (GvWindow            *self,
                                        GError             **error);
void      gv_window_rebuild_recent_menu (GvWindow           *self);
void      gv_window_add_drop_target    (GvWindow            *self);
gboolean  gv_window_close_request_cb   (GvWindow            *self);
void      gv_window_save_params        (GvWindow            *self,
                                        const GvParams      *params);
GvParams *gv_window_load_params        (GvWindow            *self);

/* gv-window-replay.c */
void      gv_window_stop_replay_tick   (GvWindow            *self);
void      gv_window_leave_replay       (GvWindow            *self);
void      gv_window_enter_replay       (GvWindow            *self,
                                        GvRun               *run,
                                        gboolean             opened,
                                        guint                position);
void      gv_window_chart_replay       (GvWindow            *self);
void      gv_window_show_position      (GvWindow            *self,
                                        guint                position,
                                        gboolean             animate);
gboolean  gv_window_replay_live_run    (GvWindow            *self);
void      gv_window_resume_live        (GvWindow            *self);
void      gv_window_play_replay        (GvWindow            *self);
void      gv_window_timeline_changed_cb (GvWindow           *self);
/* The topology of the network a replay is drawn on, when the simulator has it. */
GvTopology *gv_window_replay_topology  (GvWindow            *self);

G_END_DECLS
