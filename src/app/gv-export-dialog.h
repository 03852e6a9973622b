/* gv-export-dialog.h: which picture to export, at what size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gv-window.h"

G_BEGIN_DECLS

#define GV_TYPE_EXPORT_DIALOG (gv_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GvExportDialog, gv_export_dialog, GV, EXPORT_DIALOG, AdwMessageDialog)

/* Asks about the pictures @window shows; Export asks for a file and writes it there. */
GtkWidget *gv_export_dialog_new (GvWindow *window);

G_END_DECLS
