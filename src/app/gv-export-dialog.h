/* gv-export-dialog.h: which picture to export, at what size, with what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gv-window.h"

G_BEGIN_DECLS

#define GV_TYPE_EXPORT_DIALOG (gv_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GvExportDialog, gv_export_dialog, GV, EXPORT_DIALOG, AdwMessageDialog)

/* How a picture is exported. */
typedef struct
{
  double   width;     /* in points */
  double   height;
  double   scale;     /* PNG: pixels a point */
  gboolean caption;   /* under the picture: the protocol, its parameters and the seed; for
                       * the network also the round and a key of what it shows */
  gboolean cursor;    /* a chart's current-round marker */
} GvPictureOptions;

/* Asks about the pictures @window shows; Export asks for a file and writes it there. */
GtkWidget *gv_export_dialog_new            (GvWindow               *window);
/* Writes the picture the dialog has chosen, as it has chosen it, to @file (what Export
 * does once the file is chosen). */
gboolean   gv_export_dialog_export_to      (GvExportDialog         *self,
                                            GFile                  *file,
                                            GError                **error);

/* Writes chart or network @picture of @window, at the round shown, to @file as PNG, SVG
 * or PDF by its extension, as @options say.  gv_window_export_picture () is this with
 * no caption and the cursor shown. */
gboolean   gv_window_export_picture_with   (GvWindow               *window,
                                            GvPicture               picture,
                                            GFile                  *file,
                                            const GvPictureOptions *options,
                                            GError                **error);

G_END_DECLS
