/* test-app-ru.c: the real window in Russian, from the translation built in the build tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gv-application.h"
#include "gv-chart-view.h"
#include "gv-inspector.h"
#include "gv-network-view.h"
#include "gv-params-panel.h"
#include "gv-run.h"
#include "gv-test-util.h"
#include "gv-test-app.h"
#include "gv-test-ui.h"
#include "gv-window.h"

#define WAIT_FOR(cond) GV_TEST_WAIT_FOR (cond)

static GvApplication *app;
static GvWindow *window;

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = gv_test_screenshot (widget);

  gv_test_save_png (texture, name);
}

static gboolean
has_cyrillic (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0400 && c <= 0x04ff)
        return TRUE;
    }
  return FALSE;
}

/* Every label on screen with a word in Latin letters is in Russian too, but for the names
 * that stay as they are. */
static void
assert_labels_russian (void)
{
  static const char * const kept[] = { "Grapevine", NULL };
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z]{2,}", 0, 0, NULL);
  guint checked = 0;

  gv_test_collect (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));

      if (!gtk_widget_get_mapped (label) || text[0] == '\0')
        continue;
      checked++;
      g_test_message ("label: %s", text);
      if (g_regex_match (word, text, 0, NULL) && !has_cyrillic (text) &&
          !g_strv_contains (kept, text))
        g_error ("The label “%s” is not translated", text);
    }
  /* The header bar, the parameters, the legend and the status line */
  g_assert_cmpuint (checked, >, 25);
}

static GtkLabel *
find_label_with_prefix (const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  gv_test_collect (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), prefix))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static char *
chart_title (guint index)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  char *title = NULL;

  gv_test_collect (GTK_WIDGET (window), GV_TYPE_CHART_VIEW, views);
  g_assert_cmpuint (index, <, views->len);
  g_object_get (gv_chart_view_get_chart (g_ptr_array_index (views, index)), "title", &title, NULL);
  return title;
}

/* The catalogue is found, and plural forms follow Russian rules. */
static void
test_app_ru_catalogue (void)
{
  g_assert_cmpstr (_("Ready"), ==, "Готово");
  g_assert_cmpstr (ngettext ("%u node", "%u nodes", 1), ==, "%u узел");
  g_assert_cmpstr (ngettext ("%u node", "%u nodes", 3), ==, "%u узла");
  g_assert_cmpstr (ngettext ("%u node", "%u nodes", 11), ==, "%u узлов");
  g_assert_cmpstr (ngettext ("%u node", "%u nodes", 21), ==, "%u узел");
  g_assert_cmpstr (ngettext ("%u node", "%u nodes", 64), ==, "%u узла");
  g_assert_cmpstr (C_("shortcut window", "Quit"), ==, "Завершить");
}

static void
test_app_ru_window (void)
{
  AdwWindowTitle *title = gv_test_find_child (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  AdwPreferencesGroup *group = gv_test_find_child (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_GROUP);
  g_autofree char *coverage = NULL;
  g_autofree char *messages = NULL;
  const char *prefix = "64 узла · полный граф · ";
  const char *subtitle;
  GtkLabel *result;
  GtkLabel *status;
  GvSummary s;

  gv_test_app_wait_for_simulator (window, 64);
  WAIT_FOR (gv_network_view_has_layout (gv_test_app_network_view (window)));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gv_test_app_network_view (window))));

  /* The templates, from GtkBuilder */
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_title (group), ==, "Сеть");
  /* The subtitle, built in C with a plural and a reordered format */
  g_assert_nonnull (title);
  /* The protocol's part comes from its declarations (its name, and the exchange that
   * says itself), in the catalogue's words. */
  subtitle = adw_window_title_get_subtitle (title);
  g_test_message ("subtitle: %s", subtitle);
  g_assert_true (g_str_has_prefix (subtitle, prefix));
  g_assert_true (g_str_has_suffix (subtitle, " · разветвление 1"));
  g_assert_true (has_cyrillic (subtitle + strlen (prefix)));
  /* The charts, drawn by the renderer */
  coverage = chart_title (0);
  messages = chart_title (1);
  g_assert_cmpstr (coverage, ==, "Охват");
  g_assert_cmpstr (messages, ==, "Сообщения за раунд");

  /* Play to the end at full speed. */
  gtk_drop_down_set_selected (gv_test_find_child (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN), 7);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  WAIT_FOR (gv_simulator_get_finished (gv_window_get_simulator (window)));
  WAIT_FOR (!gv_network_view_get_animating (gv_test_app_network_view (window)));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  gv_simulator_get_summary (gv_window_get_simulator (window), &s);
  g_assert_true (s.converged);
  status = find_label_with_prefix ("Раунд ");
  g_assert_nonnull (status);
  g_test_message ("status: %s", gtk_label_get_text (status));
  /* The protocol's primary metric, by its declared label, of the alive nodes. */
  {
    g_autofree char *informed = g_strdup_printf ("%s: 64/64", _("Informed nodes"));

    g_assert_true (has_cyrillic (_("Informed nodes")));
    g_assert_true (strstr (gtk_label_get_text (status), informed) != NULL);
  }
  g_assert_true (g_str_has_suffix (gtk_label_get_text (status), "сообщение") ||
                 g_str_has_suffix (gtk_label_get_text (status), "сообщения") ||
                 g_str_has_suffix (gtk_label_get_text (status), "сообщений"));
  result = find_label_with_prefix ("Сошлось за ");
  g_assert_nonnull (result);
  g_test_message ("result: %s", gtk_label_get_text (result));

  assert_labels_russian ();
  save_screenshot (GTK_WIDGET (window), "russian.png");
}

/* The inspector, a popover of its own */
static void
test_app_ru_inspector (void)
{
  GtkWidget *inspector = gv_window_get_inspector (window);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean found_title = FALSE;

  gv_window_inspect_node (window, 5);
  WAIT_FOR (gtk_widget_get_mapped (inspector) &&
            !gv_simulator_get_busy (gv_window_get_simulator (window)));
  WAIT_FOR (g_strcmp0 (gv_inspector_get_state_text (GV_INSPECTOR (inspector)), "") != 0);
  /* The node's class, by the label its protocol declares, in Russian. */
  g_assert_cmpstr (gv_inspector_get_state_text (GV_INSPECTOR (inspector)), ==, _("Spreading"));
  g_assert_true (has_cyrillic (gv_inspector_get_state_text (GV_INSPECTOR (inspector))));

  gv_test_collect (inspector, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      g_test_message ("inspector label: %s", text);
      found_title |= g_strcmp0 (text, "Узел 5") == 0;
      g_assert_false (g_strcmp0 (text, "State") == 0 || g_strcmp0 (text, "Sent") == 0);
    }
  g_assert_true (found_title);

  WAIT_FOR (gtk_widget_get_width (inspector) > 0);
  save_screenshot (inspector, "russian-inspector.png");
  gtk_popover_popdown (GTK_POPOVER (inspector));
}

/* Anti-entropy with crashes: the other legend, the third chart and the theory note. */
static void
test_app_ru_anti_entropy (void)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  g_autoptr(GvParams) p = gv_params_panel_get_params (panel);
  g_autofree char *coverage = NULL;
  g_autofree char *alive = NULL;

  p->n_nodes = 150;
  gv_params_set_protocol (p, gv_protocol_find ("anti-entropy"));
  p->crash = 0.02;
  p->recover = 0.2;
  g_assert_true (gv_params_parse_topology (p, "ws:4:0.1", NULL));
  gv_test_app_run (window, p);

  for (guint i = 0; i < 6; i++)
    gv_test_app_step (window);
  WAIT_FOR (!gv_simulator_get_busy (gv_window_get_simulator (window)) &&
            !gv_network_view_get_animating (gv_test_app_network_view (window)));

  coverage = chart_title (0);
  alive = chart_title (2);
  g_assert_cmpstr (coverage, ==, "Актуальные данные");
  g_assert_cmpstr (alive, ==, "Работающие узлы");
  g_assert_nonnull (find_label_with_prefix ("Устаревшие данные"));

  assert_labels_russian ();
  save_screenshot (GTK_WIDGET (window), "russian-anti-entropy.png");

  gv_params_panel_reset (panel);
  gv_test_app_wait_for_simulator (window, 64);
}

/* The engine's messages reach the window in Russian too: an impossible setting in the
 * sidebar, and the problems of a broken run file, including those with 64-bit numbers
 * (which only a catalogue built from "%<PRId64>" msgids can translate). */
static void
test_app_ru_errors (void)
{
  GvParamsPanel *panel = gv_test_find_child (GTK_WIDGET (window), GV_TYPE_PARAMS_PANEL);
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autofree char *dir = gv_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "newer.grapevine.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *newer = "{\"format\": \"grapevine-run\", \"format_version\": 9000000000}";
  AdwMessageDialog *dialog;
  GtkLabel *label;

  gv_test_app_wait_for_simulator (window, 64);

  /* A ring lattice with four neighbours cannot tell five of them. */
  p->n_nodes = 64;
  g_assert_true (gv_params_parse_topology (p, "ring:4", NULL));
  p->fanout = 5;
  gv_params_panel_set_params (panel, p);
  g_signal_emit_by_name (panel, "changed", TRUE);
  WAIT_FOR ((label = find_label_with_prefix ("Разветвление 5")) != NULL &&
            gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_test_message ("sidebar: %s", gtk_label_get_text (label));
  g_assert_cmpstr (gtk_label_get_text (label), ==,
                   "Разветвление 5 больше числа соседей узла в этой сети (4)");
  assert_labels_russian ();
  save_screenshot (GTK_WIDGET (window), "russian-error.png");

  /* A broken file, read by the engine directly and opened in the window */
  run = gv_run_load_from_data ("[1, 2]", 6, &error);
  g_assert_null (run);
  g_assert_cmpstr (error->message, ==, "это не файл прогона Grapevine: в нём массив, а не объект");
  g_clear_error (&error);

  run = gv_run_load_from_data (newer, strlen (newer), &error);
  g_assert_null (run);
  g_assert_true (g_str_has_prefix (error->message, "format_version: 9000000000 — новее, чем "));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, newer, -1, NULL));
  gv_window_open_file (window, file);
  WAIT_FOR ((dialog = gv_test_app_find_dialog ()) != NULL);
  g_test_message ("dialog: %s — %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_true (has_cyrillic (adw_message_dialog_get_heading (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "9000000000 — новее"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gv_params_panel_reset (panel);
  gv_test_app_wait_for_simulator (window, 64);
  gv_test_remove_tmp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("GRAPEVINE_LOCALEDIR");
  g_autofree char *home = NULL;
  int ret;

  gv_test_tolerate_gdk_frame_warnings ();
  /* Recent files and the like go to a folder of the test's own. */
  home = gv_test_isolate_home ();

  /* As main.c does, but with the catalogue that the build tree holds */
  setlocale (LC_ALL, "");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  window = gv_test_app_window ("TestRu", &app);
  /* The introduction (checked in test-app) would cover the network in the pictures. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-intro", NULL);

  g_test_add_func ("/app-ru/catalogue", test_app_ru_catalogue);
  g_test_add_func ("/app-ru/window", test_app_ru_window);
  g_test_add_func ("/app-ru/inspector", test_app_ru_inspector);
  g_test_add_func ("/app-ru/anti-entropy", test_app_ru_anti_entropy);
  g_test_add_func ("/app-ru/errors", test_app_ru_errors);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (ret == 0)
    gv_test_remove_tmp_dir (home);
  return ret;
}
