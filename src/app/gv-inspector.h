/* gv-inspector.h: what one node knows, and what to do to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-engine.h"

G_BEGIN_DECLS

#define GV_TYPE_INSPECTOR (gv_inspector_get_type ())

G_DECLARE_FINAL_TYPE (GvInspector, gv_inspector, GV, INSPECTOR, GtkPopover)

GtkWidget *gv_inspector_new      (void);
/* Shows @node as @info describes it; @info NULL means "being updated". */
void       gv_inspector_set_node (GvInspector      *self,
                                  guint32           node,
                                  const GvNodeInfo *info,
                                  GvMode            mode);
guint32    gv_inspector_get_node (GvInspector      *self);
/* The labels, for tests and accessibility. */
const char *gv_inspector_get_state_text (GvInspector *self);

G_END_DECLS
