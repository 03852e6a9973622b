/* gv-theme.h: the renderers' palette, from the GTK theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-palette.h"

G_BEGIN_DECLS

/* Fills @palette for drawing inside @widget, following the style manager's dark mode
 * and the theme's named colours. */
void gv_theme_get_palette (GtkWidget *widget,
                           GvPalette *palette);

/* A frame drawn into memory and uploaded as a texture: an ARGB32 image surface of
 * (width × scale) × (height × scale) pixels with @scale as its device scale (cairo's
 * ARGB32 is GDK's default memory format, so the upload converts nothing).  The
 * renderers' fast rasteriser works only on such a surface. */
typedef struct
{
  guchar          *pixels;
  int              stride;
  int              pixel_width;
  int              pixel_height;
  cairo_surface_t *surface;
} GvFrame;

/* A cairo_t on a new frame's surface; gv_frame_finish () ends it.  Safe off the main
 * thread. */
cairo_t    *gv_frame_begin  (GvFrame   *frame,
                             int        width,
                             int        height,
                             int        scale);
/* Destroys @cr and gives the frame's pixels to a new texture. */
GdkTexture *gv_frame_finish (GvFrame   *frame,
                             cairo_t   *cr);

G_END_DECLS
