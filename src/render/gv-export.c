/* gv-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "gv-error.h"
#include "gv-export.h"

#define MAX_PIXELS (16384.0 * 16384.0)

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
gv_image_format_for_name (const char    *name,
                          GvImageFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = GV_IMAGE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = GV_IMAGE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = GV_IMAGE_PDF;
  else
    return FALSE;
  return TRUE;
}

GBytes *
gv_export_image (GvImageFormat      format,
                 double             width,
                 double             height,
                 double             scale,
                 GvExportDrawFunc   draw,
                 gpointer           user_data,
                 GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int pw = 1, ph = 1;

  g_return_val_if_fail (draw != NULL, NULL);

  if (!(width >= 1 && height >= 1 && scale > 0 && isfinite (width * height * scale)) ||
      width * height * scale * scale > MAX_PIXELS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE,
                   _("A picture of %g × %g at scale %g is too large or empty"), width, height,
                   scale);
      return NULL;
    }

  switch (format)
    {
    case GV_IMAGE_PNG:
      pw = (int) lround (width * scale);
      ph = (int) lround (height * scale);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (pw, 1), MAX (ph, 1));
      break;
    case GV_IMAGE_SVG:
      surface = cairo_svg_surface_create_for_stream (append_cb, bytes, width, height);
      break;
    case GV_IMAGE_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);
      /* PDF 1.4 from every cairo: 1.18 would otherwise write 1.7 with object streams,
       * so the same chart would come out in a different form on another runtime. */
      cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_4);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "Grapevine " PACKAGE_VERSION);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  cr = cairo_create (surface);
  if (format == GV_IMAGE_PNG)
    cairo_scale (cr, pw / width, ph / height);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == GV_IMAGE_PNG)
        status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_TOO_LARGE, _("Cannot draw the picture: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
