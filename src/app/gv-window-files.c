/* gv-window-files.c: the window's runs as files, and the settings it keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open, save, save as, the recent runs, files dropped on the window, the metrics as
 * CSV, the pictures, and the parameters kept between sessions.
 */

#define G_LOG_DOMAIN "gv-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gv-application.h"
#include "gv-error.h"
#include "gv-export-dialog.h"
#include "gv-export.h"
#include "gv-theme.h"
#include "gv-window-private.h"


void
gv_window_update_title (GvWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->file != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (self->file,
                                                     G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                          : g_file_get_basename (self->file);
    }
  else
    name = g_strdup (_("New Run"));

  /* A bullet marks changes not saved, as GNOME's editors do. */
  title = self->dirty ? g_strdup_printf ("• %s", name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
remember_recent (GvWindow *self,
                 GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) GV_RUN_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "grapevine %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

typedef struct
{
  GvWindow *self;
  GFile    *file;
  GvRun    *run;
} FileOp;

static void
file_op_free (FileOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->file);
  g_clear_object (&op->run);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileOp, file_op_free)

static FileOp *
file_op_new (GvWindow *self,
             GFile    *file,
             GvRun    *run)
{
  FileOp *op = g_new0 (FileOp, 1);

  op->self = g_object_ref (self);
  op->file = g_object_ref (file);
  op->run = run != NULL ? g_object_ref (run) : NULL;
  return op;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  GvWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_run_load_finish (result, &error);

  if (run == NULL)
    {
      g_autofree char *name = g_file_get_basename (op->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      /* Nothing was changed: the run on show stays as it was. */
      gv_window_show_error (self, heading, error->message);
      return;
    }

  /* The parameters appear in the sidebar without starting a run of their own; the
   * simulator they make provides the network the run is drawn on. */
  gv_window_leave_replay (self);
  g_set_object (&self->file, op->file);
  self->dirty = FALSE;
  gv_params_panel_set_params (self->params_panel, gv_run_get_params (run));
  gv_params_panel_set_error (self->params_panel, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->simulator != NULL)
    gv_simulator_pause (self->simulator);
  gv_window_enter_replay (self, run, TRUE, gv_run_get_last_round (run));
  gv_simulator_new_async (gv_run_get_params (run), 0, self->cancellable,
                          gv_window_simulator_ready_cb, g_object_ref (self));
  remember_recent (self, op->file);
  gv_window_update_title (self);
}

void
gv_window_open_file (GvWindow *self,
                     GFile    *file)
{
  g_return_if_fail (GV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  gv_run_load_async (file, NULL, opened_cb, file_op_new (self, file, NULL));
}

static gboolean
close_later_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  GvWindow *self = op->self;
  g_autoptr(GError) error = NULL;

  if (!gv_run_save_finish (op->run, result, &error))
    {
      g_autofree char *name = g_file_get_basename (op->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      /* The file on disk is as it was: the save writes a copy and renames it. */
      self->close_after_save = FALSE;
      gv_window_show_error (self, heading, error->message);
      return;
    }

  g_set_object (&self->file, op->file);
  self->dirty = FALSE;
  remember_recent (self, op->file);
  gv_window_update_title (self);
  gv_window_toast (self, _("Run saved"));

  if (self->close_after_save)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (self), g_object_unref);
}

GvRun *
gv_window_current_run (GvWindow  *self,
                       GError   **error)
{
  if (self->replay != NULL)
    return g_object_ref (self->replay);

  if (self->simulator == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The network is still being set up"));
      return NULL;
    }

  gv_simulator_pause (self->simulator);
  return gv_run_new_from_simulator (self->simulator, error);
}

void
gv_window_save_to (GvWindow *self,
                   GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;

  g_return_if_fail (GV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  run = gv_window_current_run (self, &error);
  if (run == NULL)
    {
      /* A round in flight: the save waits for it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) && self->simulator != NULL)
        {
          gv_window_toast (self, _("Saving once the round in progress ends…"));
          g_object_set_data_full (G_OBJECT (self), "pending-save", g_object_ref (file),
                                  g_object_unref);
          return;
        }
      gv_window_show_error (self, _("Could Not Save the Run"), error->message);
      return;
    }

  gv_run_save_async (run, file, NULL, saved_cb, file_op_new (self, file, run));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  GvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      gv_window_save_to (self, file);
    }
  else
    self->close_after_save = FALSE;

  g_object_unref (dialog);
}

/* A name for a new file of the run on show: its parameters, as far as they differ from
 * the window's defaults, and @suffix. */
static char *
default_file_name (GvWindow   *self,
                   const char *suffix)
{
  const GvParams *p = gv_window_shown_params (self);
  g_autoptr(GvParams) defaults = gv_params_panel_default_params ();
  g_autofree char *stem = p != NULL ? gv_params_file_stem (p, defaults) : g_strdup ("run");

  return g_strconcat (stem, suffix, NULL);
}

char *
gv_window_picture_file_name (GvWindow  *self,
                             GvPicture  picture)
{
  g_autofree char *id = NULL;
  g_autofree char *suffix = NULL;

  if (picture >= GV_PICTURE_NETWORK)
    suffix = g_strdup_printf ("-network-round-%u.png", gv_window_get_position (self));
  else
    {
      /* "metric:newly_informed" makes "…-metric-newly-informed.png", in the stem's
       * characters. */
      id = g_ascii_strdown (self->chart_ids[picture], -1);
      g_strcanon (id, "abcdefghijklmnopqrstuvwxyz0123456789", '-');
      suffix = g_strconcat ("-", id, ".png", NULL);
    }
  return default_file_name (self, suffix);
}

void
gv_window_save_as (GvWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gv_application_run_filter ();

  dialog = gtk_file_chooser_native_new (_("Save Run"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    {
      g_autofree char *name = default_file_name (self, ".grapevine");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  GvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      gv_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

void
gv_window_open_dialog (GvWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gv_application_run_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Run"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
csv_response_cb (GtkNativeDialog *dialog,
                 int              response,
                 GvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      gv_window_export_csv (self, file);
    }
  g_object_unref (dialog);
}

void
gv_window_export_csv_dialog (GvWindow *self)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Metrics"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = default_file_name (self, ".csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (csv_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

gboolean
gv_window_export_csv (GvWindow *self,
                      GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autofree char *csv = NULL;

  g_return_val_if_fail (GV_IS_WINDOW (self), FALSE);

  run = gv_window_current_run (self, &error);
  if (run != NULL)
    {
      csv = gv_run_to_csv (run);
      if (gv_write_file_atomically (file, csv, strlen (csv), NULL, &error))
        {
          gv_window_toast (self, _("Metrics exported"));
          return TRUE;
        }
    }

  gv_window_show_error (self, _("Could Not Export the Metrics"), error->message);
  return FALSE;
}

void
gv_window_rebuild_recent_menu (GvWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), GV_RUN_MIME_TYPE) != 0 ||
          !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GvWindow      *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;

  gv_window_open_file (self, g_value_get_object (value));
  return TRUE;
}

void
gv_window_add_drop_target (GvWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GvWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      /* After the dialog has finished with its response: it belongs to this window. */
      self->dirty = FALSE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (self),
                       g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      if (self->file != NULL)
        gv_window_save_to (self, self->file);
      else
        gv_window_save_as (self);
    }
}

gboolean
gv_window_close_request_cb (GvWindow *self)
{
  if (self->dirty)
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the Run?"),
                                       _("This run has rounds that are not saved. If you close "
                                         "the window without saving, they are lost."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->settings != NULL)
    {
      int width, height;

      /* A shown window remembers the size the user gave it; one never shown has only
       * its default-width and -height. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      else
        g_object_get (self, "default-width", &width, "default-height", &height, NULL);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (GTK_WINDOW (self)));
    }

  g_cancellable_cancel (self->cancellable);
  if (self->simulator != NULL)
    gv_simulator_pause (self->simulator);

  return FALSE;
}

/* Pictures */

typedef struct
{
  GvWindow  *self;
  GvPicture  picture;
  GvCaption *caption;     /* NULL for none */
} PictureDraw;

static GtkWidget *
picture_widget (GvWindow  *self,
                GvPicture  picture)
{
  if (picture == GV_PICTURE_NETWORK)
    return GTK_WIDGET (self->network_view);
  return GTK_WIDGET (self->chart_views[picture]);
}

static void
draw_picture_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  PictureDraw *pd = user_data;
  GvChartView *view;
  GvPalette palette;

  if (pd->picture == GV_PICTURE_NETWORK)
    {
      gv_network_view_draw_picture (pd->self->network_view, cr, width, height);
      return;
    }

  /* The chart as on screen, in the theme's colours, at the size asked for. */
  view = pd->self->chart_views[pd->picture];
  gv_theme_get_palette (GTK_WIDGET (view), &palette);
  gv_chart_draw (gv_chart_view_get_chart (view), cr, width, height, &palette);
}

static void
draw_captioned_cb (cairo_t  *cr,
                   double    width,
                   double    height,
                   gpointer  user_data)
{
  PictureDraw *pd = user_data;
  GvPalette palette;

  gv_theme_get_palette (picture_widget (pd->self, pd->picture), &palette);
  gv_export_draw_captioned (cr, width, height, pd->caption, &palette, draw_picture_cb, pd);
}

/* The caption's words: the header's subtitle (the protocol and the parameters that
 * matter), then the seed, and for the network the round shown. */
static char *
caption_text (GvWindow  *self,
              GvPicture  picture)
{
  const GvParams *p = gv_window_shown_params (self);
  const char *subtitle = adw_window_title_get_subtitle (self->window_title);
  g_autofree char *seed = NULL;
  g_autofree char *last = NULL;

  if (p == NULL)
    return g_strdup (subtitle);

  /* xgettext cannot see through G_GUINT64_FORMAT, so the seed is formatted first. */
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, p->seed);
  if (picture == GV_PICTURE_NETWORK)
    /* Translators: the last line of an exported network picture's caption: the round
     * it shows and the run's random seed, e.g. "Round 12 · seed 42" */
    last = g_strdup_printf (_("Round %u · seed %s"), gv_window_get_position (self), seed);
  else
    /* Translators: the last line of an exported chart's caption: the run's random
     * seed, e.g. "Seed 42" */
    last = g_strdup_printf (_("Seed %s"), seed);

  if (subtitle == NULL || *subtitle == '\0')
    return g_steal_pointer (&last);
  return g_strdup_printf ("%s\n%s", subtitle, last);
}

/* The network's caption keys are the legend's: the classes present and the kinds of
 * message the run has sent, where messages are drawn. */
static void
caption_keys (GvWindow  *self,
              GvCaption *caption)
{
  GvLegend *legend = self->legend;
  const GvClassTable *classes = gv_network_view_get_classes (self->network_view);

  caption->classes = classes;
  for (guint i = 0; classes != NULL && i < classes->n; i++)
    if (gv_legend_shows_class (legend, classes->classes[i].id))
      caption->class_mask |= 1u << i;
  for (guint o = GV_MESSAGE_USEFUL; o <= GV_MESSAGE_REQUEST; o++)
    if (gv_legend_shows_message (legend, o))
      caption->outcomes |= 1u << o;
}

gboolean
gv_window_export_picture_with (GvWindow               *self,
                               GvPicture               picture,
                               GFile                  *file,
                               const GvPictureOptions *options,
                               GError                **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GvCaption caption = { NULL, };
  PictureDraw pd = { self, picture, NULL };
  GvChart *chart = NULL;
  GvImageFormat format;

  g_return_val_if_fail (GV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (picture <= GV_PICTURE_NETWORK, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  name = g_file_get_basename (file);
  if (!gv_image_format_for_name (name, &format))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("“%s” does not end in .png, .svg or .pdf"), name);
      return FALSE;
    }

  if (options->caption)
    {
      text = caption_text (self, picture);
      caption.text = text;
      if (picture == GV_PICTURE_NETWORK)
        caption_keys (self, &caption);
      pd.caption = &caption;
    }

  /* Without its cursor, the chart is drawn with the marker hidden, which the window
   * puts back at the round shown. */
  if (!options->cursor && picture != GV_PICTURE_NETWORK)
    {
      chart = gv_chart_view_get_chart (self->chart_views[picture]);
      gv_chart_set_marker (chart, NAN);
    }
  bytes = gv_export_image (format, options->width, options->height, options->scale,
                           pd.caption != NULL ? draw_captioned_cb : draw_picture_cb, &pd, error);
  if (chart != NULL)
    gv_chart_set_marker (chart, gv_window_get_position (self));

  return bytes != NULL &&
         gv_write_file_atomically (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL, error);
}

gboolean
gv_window_export_picture (GvWindow   *self,
                          GvPicture   picture,
                          GFile      *file,
                          double      width,
                          double      height,
                          double      scale,
                          GError    **error)
{
  GvPictureOptions options = { width, height, scale, FALSE, TRUE };

  return gv_window_export_picture_with (self, picture, file, &options, error);
}

/* Settings: the whole parameters as a run file's params (format 2). */

void
gv_window_save_params (GvWindow       *self,
                       const GvParams *p)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (self->settings == NULL)
    return;

  node = gv_params_to_json (p);
  text = gv_json_to_string (node, FALSE);
  g_settings_set_string (self->settings, "params", text);
}

/* The settings of 0.1.0 had a key each for a rumour's parameters.  They are read as
 * the params of a format-1 run file, which the engine maps to its protocols'
 * parameters by name. */
static GvParams *
load_params_v1 (GvWindow  *self,
                GError   **error)
{
  g_autoptr(GvParams) defaults = gv_params_panel_default_params ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *topology = g_settings_get_string (self->settings, "topology");
  g_autofree char *exchange = g_settings_get_string (self->settings, "protocol");
  g_autofree char *mode = g_settings_get_string (self->settings, "mode");
  g_autofree char *stop = g_settings_get_string (self->settings, "stop");
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                           g_settings_get_uint64 (self->settings, "seed"));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, mode);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, exchange);
  json_builder_set_member_name (builder, "stop");
  json_builder_add_string_value (builder, stop);
  json_builder_set_member_name (builder, "keys");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "nodes");
  json_builder_add_int_value (builder, g_settings_get_uint (self->settings, "nodes"));
  json_builder_set_member_name (builder, "topology");
  json_builder_add_string_value (builder, topology);
  json_builder_set_member_name (builder, "fanout");
  json_builder_add_int_value (builder, g_settings_get_uint (self->settings, "fanout"));
  json_builder_set_member_name (builder, "loss");
  json_builder_add_double_value (builder, g_settings_get_double (self->settings, "loss"));
  json_builder_set_member_name (builder, "crash");
  json_builder_add_double_value (builder, g_settings_get_double (self->settings, "crash"));
  json_builder_set_member_name (builder, "recover");
  json_builder_add_double_value (builder, g_settings_get_double (self->settings, "recover"));
  json_builder_set_member_name (builder, "recover_loses_state");
  json_builder_add_boolean_value (builder, defaults->recover_loses_state);
  json_builder_set_member_name (builder, "max_rounds");
  json_builder_add_int_value (builder, defaults->max_rounds);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_string_value (builder, seed);
  json_builder_set_member_name (builder, "detail_cap");
  json_builder_add_int_value (builder, defaults->detail_cap);
  json_builder_set_member_name (builder, "injections");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return gv_params_from_json_v1 (root, error);
}

GvParams *
gv_window_load_params (GvWindow *self)
{
  g_autoptr(GvParams) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->settings == NULL)
    return gv_params_panel_default_params ();

  text = g_settings_get_string (self->settings, "params");
  if (text[0] != '\0')
    {
      g_autoptr(JsonNode) root = json_from_string (text, &error);

      if (root != NULL)
        p = gv_params_from_json (root, &error);
    }
  else
    p = load_params_v1 (self, &error);

  /* Settings written by hand (or by another version) may be wrong: they fall back to
   * the default run. */
  if (p != NULL && !gv_params_validate (p, &error))
    g_clear_pointer (&p, gv_params_unref);
  if (p == NULL)
    {
      g_message ("The saved parameters are not used: %s",
                 error != NULL ? error->message : "");
      p = gv_params_panel_default_params ();
    }

  return g_steal_pointer (&p);
}
