/* gv-test-ui.h: driving and photographing the real window in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-test-util.h"

G_BEGIN_DECLS

/* Points the XDG data, config, cache and state folders at a new empty folder, so that
 * what the app writes there (the recent-files list above all) stays out of the
 * person's own. Call it first in main(), before anything asks GLib for those folders;
 * gv_test_remove_tmp_dir() removes the folder and everything in it. */
char       *gv_test_isolate_home    (void);
/* Keeps every warning fatal except GDK's "gdk_frame_timings_submitted() called on
 * submitted frame", which GTK 4.24's X11 backend prints by itself while a popover maps
 * (nothing of Grapevine's is on the stack). Call it first in main(), once. */
void        gv_test_tolerate_gdk_frame_warnings (void);
/* Gives @window the keyboard, as a window manager would when someone clicks it, and
 * waits until GTK sees it as active: Xvfb has no window manager, and newer GTKs move
 * the focus with Tab only in an active window. */
void        gv_test_activate_window (GtkWindow  *window);
/* Adds the widgets of @type in the tree under @root to @found, depth first. */
void        gv_test_collect         (GtkWidget  *root,
                                     GType       type,
                                     GPtrArray  *found);
/* The first widget of @type in the tree under @root, depth first, or NULL. */
gpointer    gv_test_find_child      (GtkWidget  *root,
                                     GType       type);
/* The first visible toplevel window of @type (a dialog, say), or NULL. */
gpointer    gv_test_find_toplevel   (GType       type);
/* Lets @window paint @n frames, asking for each, so that the screen is up to date. */
void        gv_test_wait_for_frames (GtkWidget  *window,
                                     guint       n);
/* What @widget shows, rendered by its window's own renderer after two fresh frames. */
GdkTexture *gv_test_screenshot      (GtkWidget  *widget);
/* Saves @texture as $G_TEST_BUILDDIR/screenshots/@name. */
void        gv_test_save_png        (GdkTexture *texture,
                                     const char *name);
/* How many pixels of @texture are within @tolerance of the colour 0xRRGGBB. */
guint       gv_test_count_color     (GdkTexture *texture,
                                     guint32     rgb,
                                     int         tolerance);

/* The colour 0xRRGGBB of the pixel (@x, @y) of @texture. */
guint32     gv_test_pixel           (GdkTexture *texture,
                                     int         x,
                                     int         y);
/* Whether two colours 0xRRGGBB are within @tolerance in each channel. */
gboolean    gv_test_color_near      (guint32     a,
                                     guint32     b,
                                     int         tolerance);
/* A label under @root whose text holds @text, mapped or not, or NULL: what a toast says. */
GtkLabel   *gv_test_find_label      (GtkWidget  *root,
                                     const char *text);

G_END_DECLS
