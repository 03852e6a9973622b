/* gv-message-diagram-view.h: the message timeline, a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-message-diagram.h"
#include "gv-params.h"
#include "gv-round.h"

G_BEGIN_DECLS

#define GV_TYPE_MESSAGE_DIAGRAM_VIEW (gv_message_diagram_view_get_type ())

G_DECLARE_FINAL_TYPE (GvMessageDiagramView, gv_message_diagram_view, GV, MESSAGE_DIAGRAM_VIEW,
                      GtkWidget)

/* How many rounds it shows at a time unless told otherwise. */
#define GV_MESSAGE_DIAGRAM_VIEW_DEFAULT_SPAN 30

GtkWidget *gv_message_diagram_view_new               (void);
/* A new run of @params: forgets the records, the focus and the rows set. */
void       gv_message_diagram_view_set_run           (GvMessageDiagramView *self,
                                                      const GvParams       *params);
/* Keeps @record as its round's (record->round): a record of a round already kept
 * replaces it and drops the ones after, as a reset or a replay from the start does. */
void       gv_message_diagram_view_add_record        (GvMessageDiagramView *self,
                                                      GvRoundRecord        *record);
guint      gv_message_diagram_view_get_n_records     (GvMessageDiagramView *self);
/* The round the cursor marks; the rounds shown follow it. */
void       gv_message_diagram_view_set_current_round (GvMessageDiagramView *self,
                                                      guint                 round);
guint      gv_message_diagram_view_get_current_round (GvMessageDiagramView *self);
/* The node whose row and messages stand out (-1 for none); the rows follow it. */
void       gv_message_diagram_view_set_focused_node  (GvMessageDiagramView *self,
                                                      gint64                node);
gint64     gv_message_diagram_view_get_focused_node  (GvMessageDiagramView *self);
/* The nodes shown, top to bottom (copied; at most GV_MESSAGE_DIAGRAM_MAX_ROWS), or NULL:
 * GV_MESSAGE_DIAGRAM_MAX_ROWS nodes in a row, moved along to keep the focused one. */
void       gv_message_diagram_view_set_rows          (GvMessageDiagramView *self,
                                                      const guint32        *nodes,
                                                      guint                 n_nodes);
/* How many rounds are shown at a time, around the current one; 0 for every round. */
void       gv_message_diagram_view_set_span          (GvMessageDiagramView *self,
                                                      guint                 span);
guint      gv_message_diagram_view_get_span          (GvMessageDiagramView *self);
/* What it shows, as the renderer takes it; valid until the view changes. */
void       gv_message_diagram_view_get_diagram       (GvMessageDiagramView *self,
                                                      GvMessageDiagram     *diagram);
/* The picture as on screen, in the theme's colours, into [0, w] × [0, h] of any cairo_t:
 * what an export writes. */
void       gv_message_diagram_view_draw_picture      (GvMessageDiagramView *self,
                                                      cairo_t              *cr,
                                                      double                width,
                                                      double                height);
/* What the tooltip at (x, y) says, or NULL. */
char      *gv_message_diagram_view_describe_at       (GvMessageDiagramView *self,
                                                      double                x,
                                                      double                y);

G_END_DECLS
