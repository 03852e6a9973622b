/* gv-inspector.h: what one node knows, and what to do to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-engine.h"
#include "gv-round.h"

G_BEGIN_DECLS

#define GV_TYPE_INSPECTOR (gv_inspector_get_type ())

G_DECLARE_FINAL_TYPE (GvInspector, gv_inspector, GV, INSPECTOR, GtkPopover)

GtkWidget  *gv_inspector_new              (void);
/* Shows @node as @description says, its class named in @classes; @description NULL
 * means "being updated".  @detail: whether the run counts each node's messages. */
void        gv_inspector_set_node         (GvInspector             *self,
                                           guint32                  node,
                                           const GvNodeDescription *description,
                                           const GvClassTable      *classes,
                                           gboolean                 detail);
guint32     gv_inspector_get_node         (GvInspector             *self);
/* What the inject button does (its label is @spec's action), and the range of its
 * argument, [0, @n_args), when @spec takes one (a key); 0 for none. */
void        gv_inspector_set_injection    (GvInspector             *self,
                                           const GvInjectionSpec   *spec,
                                           guint                    n_args);
/* Why the inject button cannot be used now, as its tooltip; NULL when it can. */
void        gv_inspector_set_inject_error (GvInspector             *self,
                                           const char              *reason);
guint32     gv_inspector_get_inject_arg   (GvInspector             *self);
/* The node's messages of the round shown (@record's, NULL for none or beyond the detail
 * cap), listed as "→ node 40 · useful". */
void        gv_inspector_set_contacts     (GvInspector             *self,
                                           const GvRoundRecord     *record);
const char *gv_inspector_get_contacts_text (GvInspector            *self);
/* Whether "Follow the News" is on; it emits GvInspector::follow-toggled. */
gboolean    gv_inspector_get_follow       (GvInspector             *self);
void        gv_inspector_set_follow       (GvInspector             *self,
                                           gboolean                 follow);
/* The labels, for tests and accessibility. */
const char *gv_inspector_get_state_text   (GvInspector             *self);
const char *gv_inspector_get_inject_label (GvInspector             *self);
gboolean    gv_inspector_get_inject_sensitive (GvInspector         *self);
/* The value of the protocol's row @label ("Rumours known"), or NULL. */
const char *gv_inspector_get_row_value    (GvInspector             *self,
                                           const char              *label);

G_END_DECLS
