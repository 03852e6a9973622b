/* gv-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gv-test-ui.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

char *
gv_test_isolate_home (void)
{
  static const char *const vars[][2] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };
  char *home = gv_test_make_tmp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (home, vars[i][1], NULL);

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      g_assert_true (g_setenv (vars[i][0], dir, TRUE));
    }
  return home;
}

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  /* Shown, but not fatal. */
  if ((log_level & G_LOG_LEVEL_WARNING) != 0 && g_strcmp0 (domain, "Gdk") == 0 &&
      message != NULL && strstr (message, "gdk_frame_timings_submitted") != NULL)
    return g_log_writer_standard_streams (log_level & ~G_LOG_FLAG_FATAL, fields, n_fields,
                                          user_data);
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
gv_test_tolerate_gdk_frame_warnings (void)
{
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
}

void
gv_test_activate_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));

  g_assert_nonnull (surface);
  if (GDK_IS_X11_DISPLAY (display))
    {
      gdk_x11_display_error_trap_push (display);
      XSetInputFocus (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
                      RevertToParent, CurrentTime);
      gdk_x11_display_error_trap_pop_ignored (display);
    }
  GV_TEST_WAIT_FOR (gtk_window_is_active (window));
}

void
gv_test_collect (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    gv_test_collect (c, type, found);
}

gpointer
gv_test_find_child (GtkWidget *root,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      gpointer found = gv_test_find_child (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gpointer
gv_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

void
gv_test_wait_for_frames (GtkWidget *window,
                         guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  guint painted = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  /* An idle window paints only when asked: ask for each frame. */
  for (guint i = 0; i < n; i++)
    {
      guint before = painted;

      gtk_widget_queue_draw (window);
      GV_TEST_WAIT_FOR (painted > before);
    }
  g_signal_handler_disconnect (clock, id);
}

GdkTexture *
gv_test_screenshot (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gv_test_wait_for_frames (GTK_WIDGET (gtk_widget_get_native (widget)), 2);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

void
gv_test_save_png (GdkTexture *texture,
                  const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", "screenshots",
                                           NULL);
  g_autofree char *path = NULL;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

guint
gv_test_count_color (GdkTexture *texture,
                     guint32     rgb,
                     int         tolerance)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  guint count = 0;

  /* Downloads as cairo ARGB32: B, G, R, A in memory on little-endian machines. */
  gdk_texture_download (texture, data, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      const guchar *px = data + i * 4;

      if (ABS (px[2] - (int) ((rgb >> 16) & 0xff)) <= tolerance &&
          ABS (px[1] - (int) ((rgb >> 8) & 0xff)) <= tolerance &&
          ABS (px[0] - (int) (rgb & 0xff)) <= tolerance)
        count++;
    }

  return count;
}

guint32
gv_test_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  const guchar *px;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, data, width * 4);
  px = data + ((gsize) y * width + x) * 4;
  return ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
}

gboolean
gv_test_color_near (guint32 a,
                    guint32 b,
                    int     tolerance)
{
  for (guint shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

GtkLabel *
gv_test_find_label (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  gv_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL)
      return g_ptr_array_index (labels, i);
  return NULL;
}
