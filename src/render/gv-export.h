/* gv-export.h: pictures to files, through the same renderers as the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GV_IMAGE_PNG,
  GV_IMAGE_SVG,
  GV_IMAGE_PDF,
} GvImageFormat;

/* Draws the picture into [0, width] × [0, height] of @cr. */
typedef void (*GvExportDrawFunc) (cairo_t  *cr,
                                  double    width,
                                  double    height,
                                  gpointer  user_data);

/* The format a file name asks for, by its extension; FALSE for any other. */
gboolean gv_image_format_for_name (const char       *name,
                                   GvImageFormat    *format);
/* The picture as the bytes of a PNG (width × height points at @scale pixels a point,
 * for HiDPI), an SVG or a PDF (width × height points; @scale is ignored). */
GBytes  *gv_export_image          (GvImageFormat     format,
                                   double            width,
                                   double            height,
                                   double            scale,
                                   GvExportDrawFunc  draw,
                                   gpointer          user_data,
                                   GError          **error);

G_END_DECLS
