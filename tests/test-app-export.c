/* test-app-export.c: the export dialog's choices in the files it writes, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A seeded run with a fanout and a loss that differ from the defaults, three rounds in.
 * The dialog's switches are flipped as a person would and each choice is exported
 * through the dialog: the caption's band and words, the chart's cursor, the network's
 * keys, and the names the file choosers propose.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gv-chart-view.h"
#include "gv-export-dialog.h"
#include "gv-export.h"
#include "gv-legend.h"
#include "gv-test-app.h"
#include "gv-test-ui.h"
#include "gv-theme.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

/* The palette's spreading slot in the light style (gv-palette.c). */
#define LIGHT_ACTIVE 0xe69f00

static GvApplication *app;
static GvWindow *window;
static char *home;

static guint32
to_rgb (GvColor c)
{
  return ((guint32) lround (c.r * 255) << 16) | ((guint32) lround (c.g * 255) << 8) |
         (guint32) lround (c.b * 255);
}

/* Pixels of [x0, x1) × [y0, y1) of @texture within @tolerance of 0xRRGGBB @rgb; the
 * texture is downloaded once, as a pixel at a time would take minutes. */
static guint
count_box (GdkTexture *texture,
           int         x0,
           int         y0,
           int         x1,
           int         y1,
           guint32     rgb,
           int         tolerance)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  guint n = 0;

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  for (int y = MAX (y0, 0); y < MIN (y1, height); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      n += gv_test_color_near (pixels[y * width + x] & 0xffffff, rgb, tolerance);
  return n;
}

static guint
count_rows (GdkTexture *texture,
            int         y0,
            int         y1,
            guint32     rgb,
            int         tolerance)
{
  return count_box (texture, 0, y0, G_MAXINT, y1, rgb, tolerance);
}

static GvExportDialog *
open_dialog (void)
{
  GvExportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-picture", NULL);
  WAIT_FOR ((dialog = gv_test_find_toplevel (GV_TYPE_EXPORT_DIALOG)) != NULL);
  return dialog;
}

static void
close_dialog (GvExportDialog *dialog)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The dialog's caption and cursor switches, in the order it shows them. */
static void
find_switches (GvExportDialog  *dialog,
               GtkSwitch      **caption,
               GtkSwitch      **cursor)
{
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();

  gv_test_collect (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, switches);
  g_assert_cmpuint (switches->len, ==, 2);
  *caption = g_ptr_array_index (switches, 0);
  *cursor = g_ptr_array_index (switches, 1);
}

/* Exports what @dialog has chosen to @name in the test's folder, and reads it back. */
static GdkTexture *
export_png (GvExportDialog *dialog,
            const char     *name)
{
  g_autofree char *path = g_build_filename (home, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_true (gv_export_dialog_export_to (dialog, file, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  gv_test_save_png (texture, name);
  return texture;
}

static char *
export_svg (GvExportDialog *dialog,
            const char     *name)
{
  g_autofree char *path = g_build_filename (home, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_true (gv_export_dialog_export_to (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  return data;
}

static const char *
subtitle (void)
{
  AdwWindowTitle *title = gv_test_find_child (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);

  return adw_window_title_get_subtitle (title);
}

/* A chart: the cursor switch takes the marker out and puts it back; the caption switch
 * adds a band at the bottom with the header's subtitle and the seed, as text in SVG. */
static void
test_chart (void)
{
  GvExportDialog *dialog = open_dialog ();
  GtkWidget *chart_view = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_CHART_VIEW);
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) no_cursor = NULL;
  g_autoptr(GdkTexture) captioned = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *words = NULL;
  GtkSwitch *caption, *cursor;
  GvPalette palette;
  guint32 accent, fg;
  int h;

  gv_theme_get_palette (chart_view, &palette);
  accent = to_rgb (palette.accent);
  fg = to_rgb (palette.foreground);
  find_switches (dialog, &caption, &cursor);
  /* As the window shows the chart: a cursor, no caption. */
  g_assert_false (gtk_switch_get_active (caption));
  g_assert_true (gtk_switch_get_active (cursor));
  gtk_drop_down_set_selected (gv_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN),
                              GV_PICTURE_COVERAGE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (cursor)));

  plain = export_png (dialog, "export-coverage.png");
  h = gdk_texture_get_height (plain);
  g_assert_cmpint (h, ==, 500);
  g_assert_cmpuint (count_rows (plain, 0, h, accent, 24), >, 300);

  gtk_switch_set_active (cursor, FALSE);
  no_cursor = export_png (dialog, "export-coverage-no-cursor.png");
  g_assert_cmpuint (count_rows (no_cursor, 0, h, accent, 24), ==, 0);

  /* The chart on screen has its cursor back: the next export shows it again. */
  gtk_switch_set_active (cursor, TRUE);
  gtk_switch_set_active (caption, TRUE);
  captioned = export_png (dialog, "export-coverage-caption.png");
  g_assert_cmpuint (count_rows (captioned, 0, h, accent, 24), >, 300);
  /* The chart alone ends in its padding; the caption's last line stands there. */
  g_assert_cmpuint (count_rows (plain, h - 15, h - 8, fg, 90), ==, 0);
  g_assert_cmpuint (count_rows (captioned, h - 15, h - 8, fg, 90), >, 20);

  svg = export_svg (dialog, "export-coverage-caption.svg");
  words = g_markup_escape_text (subtitle (), -1);
  g_test_message ("subtitle: %s", subtitle ());
  g_assert_true (strstr (subtitle (), "fanout 2") != NULL);
  g_assert_nonnull (strstr (svg, words));
  g_assert_nonnull (strstr (svg, ">Seed 42</tspan>"));

  close_dialog (dialog);
}

/* The network: no cursor to choose; the caption names the round and carries the keys
 * of the classes the legend shows, in their colours, and of the messages. */
static void
test_network (void)
{
  GvExportDialog *dialog = open_dialog ();
  GvLegend *legend = GV_LEGEND (gv_window_get_legend (window));
  g_autoptr(GdkTexture) plain = NULL;
  g_autoptr(GdkTexture) captioned = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *round = NULL;
  GtkSwitch *caption, *cursor;
  int h;

  find_switches (dialog, &caption, &cursor);
  gtk_drop_down_set_selected (gv_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN),
                              GV_PICTURE_NETWORK);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (cursor)));
  g_assert_true (gv_legend_shows_class (legend, "spreading"));
  g_assert_true (gv_legend_shows_message (legend, GV_MESSAGE_USEFUL));

  plain = export_png (dialog, "export-network.png");
  gtk_switch_set_active (caption, TRUE);
  captioned = export_png (dialog, "export-network-caption.png");
  h = gdk_texture_get_height (captioned);
  /* The keys' row is the band's last, from the left: the spreading key there, where the
   * picture alone has no node (its ring's lowest is in the middle). */
  g_assert_cmpuint (count_box (plain, 0, h - 24, 300, h - 8, LIGHT_ACTIVE, 30), ==, 0);
  g_assert_cmpuint (count_box (captioned, 0, h - 24, 300, h - 8, LIGHT_ACTIVE, 30), >, 5);

  /* In the dark style the band is dark too, its words light, as the picture above. */
  {
    AdwStyleManager *style = adw_style_manager_get_default ();
    g_autoptr(GdkTexture) dark = NULL;
    GvPalette palette;

    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    WAIT_FOR (adw_style_manager_get_dark (style));
    gv_test_wait_for_frames (GTK_WIDGET (window), 2);
    gv_theme_get_palette (GTK_WIDGET (gv_test_app_network_view (window)), &palette);
    g_assert_true (palette.dark);
    dark = export_png (dialog, "export-network-caption-dark.png");
    g_assert_cmpuint (count_rows (dark, h - 24, h, to_rgb (palette.background), 2), >,
                      gdk_texture_get_width (dark) * 24 / 2);
    g_assert_cmpuint (count_rows (dark, h - 24, h, to_rgb (palette.foreground), 90), >, 50);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    WAIT_FOR (!adw_style_manager_get_dark (style));
  }

  svg = export_svg (dialog, "export-network-caption.svg");
  round = g_strdup_printf (">Round %u · seed 42</tspan>", gv_window_get_position (window));
  g_assert_nonnull (strstr (svg, round));
  g_assert_nonnull (strstr (svg, ">Spreading</tspan>"));
  g_assert_nonnull (strstr (svg, ">Useful</tspan>"));

  close_dialog (dialog);
}

/* The chooser a save or an export opens proposes a name made of the parameters. */
static void
test_file_names (void)
{
  GvExportDialog *dialog = open_dialog ();
  GtkFileChooser *chooser;

  gtk_drop_down_set_selected (gv_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN),
                              GV_PICTURE_COVERAGE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
  WAIT_FOR ((chooser = gv_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==,
                   "rumor-push-pull-fanout-2-loss-10-seed-42-coverage.png");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  WAIT_FOR (gv_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  /* A click on Export closes the dialog; a response given in code leaves that to us. */
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  WAIT_FOR ((chooser = gv_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==,
                   "rumor-push-pull-fanout-2-loss-10-seed-42.grapevine");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  WAIT_FOR (gv_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GvParams) p = NULL;
  int ret;

  gv_test_tolerate_gdk_frame_warnings ();
  home = gv_test_isolate_home ();

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  window = gv_test_app_window ("TestExport", &app);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-intro", NULL);
  gtk_window_present (GTK_WINDOW (window));

  p = gv_params_panel_default_params ();
  gv_params_set_protocol (p, gv_protocol_find ("rumor"));
  p->fanout = 2;
  p->loss = 0.1;
  p->seed = 42;
  gv_test_app_run (window, p);
  for (guint i = 0; i < 3; i++)
    gv_test_app_step (window);

  g_test_add_func ("/app-export/chart", test_chart);
  g_test_add_func ("/app-export/network", test_network);
  g_test_add_func ("/app-export/file-names", test_file_names);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (ret == 0)
    gv_test_remove_tmp_dir (home);
  g_free (home);
  return ret;
}
