/* gv-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-application.h"
#include "gv-window.h"

struct _GvApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GvApplication, gv_application, ADW_TYPE_APPLICATION)

static void
gv_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (gv_window_new (ADW_APPLICATION (app)));

  gtk_window_present (window);
}

/* `grapevine RUN.json`, and a run double-clicked in a file manager: each file opens in
 * a window of its own, the first in the window already there. */
static void
gv_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

      if (window == NULL || i > 0)
        window = GTK_WINDOW (gv_window_new (ADW_APPLICATION (app)));
      gv_window_open_file (GV_WINDOW (window), files[i]);
      gtk_window_present (window);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Each window saves its settings, and one with an unsaved run asks first; the
   * application ends when the last window has gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Grapevine developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Grapevine"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Grapevine developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("A laboratory for gossip protocols: watch rumours and "
                                      "updates spread, and check the numbers against the "
                                      "literature."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        NULL);

  adw_about_window_add_link (ADW_ABOUT_WINDOW (about),
                             _("Demers et al. 1987, Epidemic Algorithms for Replicated "
                               "Database Maintenance"),
                             "https://doi.org/10.1145/41840.41841");
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about),
                             _("Pittel 1987, On Spreading a Rumor"),
                             "https://doi.org/10.1137/0147013");
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about),
                             _("Karp et al. 2000, Randomized Rumor Spreading"),
                             "https://doi.org/10.1109/SFCS.2000.892324");
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about),
                             _("Das et al. 2002, SWIM"),
                             "https://doi.org/10.1109/DSN.2002.1028914");
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about),
                             _("Kempe et al. 2003, Gossip-Based Computation of Aggregate "
                               "Information"),
                             "https://doi.org/10.1109/SFCS.2003.1238221");

  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static void
gv_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (gv_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
gv_application_class_init (GvApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = gv_application_activate;
  app_class->open = gv_application_open;
  app_class->startup = gv_application_startup;
}

static void
gv_application_init (GvApplication *self)
{
}

GvApplication *
gv_application_new (void)
{
  return g_object_new (GV_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", GV_RESOURCE_PREFIX,
                       NULL);
}

GtkFileFilter *
gv_application_run_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Grapevine Runs"));
  gtk_file_filter_add_mime_type (filter, GV_RUN_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "grapevine");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}
