/* gv-export.h: pictures to files, through the same renderers as the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "gv-palette.h"
#include "gv-round.h"

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

/* Draws @layout with its top left at the current point of @cr, as
 * pango_cairo_show_layout () does.  Renderers draw their text through it: on a surface
 * of gv_export_image () for SVG, which cairo would fill with glyph outlines, each line is
 * written as an SVG <text> instead, in the same font, size, colour and place, over the
 * rest of the picture, so that the text stays text. */
void     gv_export_show_layout    (cairo_t          *cr,
                                   PangoLayout      *layout);

/* What an exported picture can carry under it: lines of text (the protocol, its
 * parameters, the seed) and, for the network, a key of node classes and messages. */
typedef struct
{
  const char         *text;        /* one or more lines, '\n' between them */
  const GvClassTable *classes;     /* NULL for no class keys */
  guint32             class_mask;  /* bit i: a key for classes->classes[i] */
  guint               outcomes;    /* bit GvMessageOutcome: a key for that kind of message */
} GvCaption;

/* How tall @caption is drawn under a picture @width wide. */
double   gv_caption_get_height    (const GvCaption  *caption,
                                   double            width);
/* Draws @caption into [0, width] × [0, height] of @cr, on the palette's background. */
void     gv_caption_draw          (cairo_t          *cr,
                                   double            width,
                                   double            height,
                                   const GvCaption  *caption,
                                   const GvPalette  *palette);
/* Draws what @draw draws above @caption, both within [0, width] × [0, height]: the
 * picture gets the height the caption leaves (at least half).  A GvExportDrawFunc's
 * work, for exports with a caption. */
void     gv_export_draw_captioned (cairo_t          *cr,
                                   double            width,
                                   double            height,
                                   const GvCaption  *caption,
                                   const GvPalette  *palette,
                                   GvExportDrawFunc  draw,
                                   gpointer          user_data);

G_END_DECLS
