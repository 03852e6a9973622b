/* gv-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-theme"

#include "config.h"

#include <adwaita.h>

#include "gv-theme.h"

static void
lookup (GtkStyleContext *context,
        const char      *name,
        GvColor         *color)
{
  GdkRGBA rgba;

  /* gtk_style_context_lookup_color() is the GTK 4.8 way to read named colours. */
  if (gtk_style_context_lookup_color (context, name, &rgba))
    {
      color->r = rgba.red;
      color->g = rgba.green;
      color->b = rgba.blue;
      color->a = rgba.alpha;
    }
}

void
gv_theme_get_palette (GtkWidget *widget,
                      GvPalette *palette)
{
  GtkStyleContext *context;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (palette != NULL);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    gv_palette_init_dark (palette);
  else
    gv_palette_init_light (palette);

  /* The built-in palette has set every colour; the theme's own replace the background,
   * the foreground and the accent, and what is made from them follows. */
  context = gtk_widget_get_style_context (widget);
  lookup (context, "view_bg_color", &palette->background);
  lookup (context, "view_fg_color", &palette->foreground);
  lookup (context, "accent_color", &palette->accent);
  gv_palette_derive (palette);
}

cairo_t *
gv_frame_begin (GvFrame *frame,
                int      width,
                int      height,
                int      scale)
{
  g_return_val_if_fail (frame != NULL, NULL);

  frame->pixel_width = MAX (width * scale, 1);
  frame->pixel_height = MAX (height * scale, 1);
  frame->stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, frame->pixel_width);
  frame->pixels = g_malloc ((gsize) frame->stride * frame->pixel_height);
  frame->surface = cairo_image_surface_create_for_data (frame->pixels, CAIRO_FORMAT_ARGB32,
                                                        frame->pixel_width,
                                                        frame->pixel_height, frame->stride);
  cairo_surface_set_device_scale (frame->surface, scale, scale);
  return cairo_create (frame->surface);
}

GdkTexture *
gv_frame_finish (GvFrame *frame,
                 cairo_t *cr)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (frame != NULL && frame->surface != NULL, NULL);

  cairo_destroy (cr);
  cairo_surface_flush (frame->surface);
  g_clear_pointer (&frame->surface, cairo_surface_destroy);
  bytes = g_bytes_new_take (g_steal_pointer (&frame->pixels),
                            (gsize) frame->stride * frame->pixel_height);
  return gdk_memory_texture_new (frame->pixel_width, frame->pixel_height, GDK_MEMORY_DEFAULT,
                                 bytes, frame->stride);
}
