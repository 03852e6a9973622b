/* gv-legend.h: what the colours of the network picture mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-round.h"

G_BEGIN_DECLS

#define GV_TYPE_LEGEND (gv_legend_get_type ())

G_DECLARE_FINAL_TYPE (GvLegend, gv_legend, GV, LEGEND, GtkWidget)

GtkWidget  *gv_legend_new            (void);
/* The run's classes (copied): a key each, drawn as the network draws its nodes. */
void        gv_legend_set_classes    (GvLegend           *self,
                                      const GvClassTable *classes);
/* Shows the keys of the classes that @classes (a class a node) holds, and the
 * protocol's first class always; NULL shows only that one. */
void        gv_legend_set_present    (GvLegend           *self,
                                      const guint8       *classes,
                                      gsize               n_nodes);
/* Shows the keys of the messages whose GvMessageOutcome bit is set in @outcomes, or
 * none (0). */
void        gv_legend_set_messages   (GvLegend           *self,
                                      guint               outcomes);
/* For tests: whether the key of class @id (or of message outcome @outcome) is shown, and
 * how many keys are. */
gboolean    gv_legend_shows_class    (GvLegend           *self,
                                      const char         *id);
gboolean    gv_legend_shows_message  (GvLegend           *self,
                                      guint               outcome);
guint       gv_legend_get_n_shown    (GvLegend           *self);

G_END_DECLS
