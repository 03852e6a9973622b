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

G_END_DECLS
