/* gv-export-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-application.h"
#include "gv-export-dialog.h"
#include "gv-window-private.h"

struct _GvExportDialog
{
  AdwMessageDialog  parent_instance;

  GtkDropDown      *picture_dropdown;
  GtkSpinButton    *width_spin;
  GtkSpinButton    *height_spin;
  GtkSpinButton    *scale_spin;
  GtkSwitch        *caption_switch;
  GtkWidget        *cursor_label;
  GtkSwitch        *cursor_switch;

  GvWindow         *window;
};

G_DEFINE_FINAL_TYPE (GvExportDialog, gv_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* What the dialog chose, carried to the file chooser. */
typedef struct
{
  GvWindow         *window;
  GvPicture         picture;
  GvPictureOptions  options;
} PictureJob;

static void
picture_job_free (PictureJob *job)
{
  g_clear_object (&job->window);
  g_free (job);
}

static void
picture_file_cb (GtkNativeDialog *chooser,
                 int              response,
                 PictureJob      *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (gv_window_export_picture_with (job->window, job->picture, file, &job->options,
                                         &error))
        gv_window_toast (job->window, _("Picture exported"));
      else
        gv_window_show_error (job->window, _("Could Not Export the Picture"), error->message);
    }

  g_object_unref (chooser);
}

static GvPicture
chosen_picture (GvExportDialog *self)
{
  return MIN (gtk_drop_down_get_selected (self->picture_dropdown), GV_PICTURE_NETWORK);
}

static void
chosen_options (GvExportDialog   *self,
                GvPictureOptions *options)
{
  options->width = gtk_spin_button_get_value (self->width_spin);
  options->height = gtk_spin_button_get_value (self->height_spin);
  options->scale = gtk_spin_button_get_value (self->scale_spin);
  options->caption = gtk_switch_get_active (self->caption_switch);
  options->cursor = gtk_switch_get_active (self->cursor_switch);
}

/* The network has no cursor to leave out. */
static void
picture_changed_cb (GvExportDialog *self)
{
  gboolean chart = chosen_picture (self) != GV_PICTURE_NETWORK;

  gtk_widget_set_sensitive (self->cursor_label, chart);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cursor_switch), chart);
}

static void
response_cb (GvExportDialog *self,
             const char     *response)
{
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  PictureJob *job;

  if (!g_str_equal (response, "export") || self->window == NULL)
    return;

  job = g_new0 (PictureJob, 1);
  job->window = g_object_ref (self->window);
  job->picture = chosen_picture (self);
  chosen_options (self, &job->options);

  chooser = gtk_file_chooser_native_new (_("Export Picture"), GTK_WINDOW (self->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = gv_window_picture_file_name (self->window, job->picture);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "job", job, (GDestroyNotify) picture_job_free);
  g_signal_connect (chooser, "response", G_CALLBACK (picture_file_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
gv_export_dialog_dispose (GObject *object)
{
  GvExportDialog *self = (GvExportDialog *) object;

  g_clear_object (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), GV_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (gv_export_dialog_parent_class)->dispose (object);
}

static void
gv_export_dialog_class_init (GvExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               GV_RESOURCE_PREFIX "/gv-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GvExportDialog, picture_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GvExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, GvExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, GvExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, GvExportDialog, caption_switch);
  gtk_widget_class_bind_template_child (widget_class, GvExportDialog, cursor_label);
  gtk_widget_class_bind_template_child (widget_class, GvExportDialog, cursor_switch);
}

static void
gv_export_dialog_init (GvExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
  g_signal_connect_swapped (self->picture_dropdown, "notify::selected",
                            G_CALLBACK (picture_changed_cb), self);
}

GtkWidget *
gv_export_dialog_new (GvWindow *window)
{
  GvExportDialog *self;
  g_autoptr(GtkStringList) pictures = gtk_string_list_new (NULL);

  g_return_val_if_fail (GV_IS_WINDOW (window), NULL);

  self = g_object_new (GV_TYPE_EXPORT_DIALOG, "transient-for", window, "modal", TRUE, NULL);
  self->window = g_object_ref (window);

  /* The charts as the window shows them now, then the network. */
  for (GvPicture p = GV_PICTURE_COVERAGE; p <= GV_PICTURE_NETWORK; p++)
    {
      g_autofree char *title = gv_window_picture_title (window, p);

      gtk_string_list_append (pictures, title);
    }
  gtk_drop_down_set_model (self->picture_dropdown, G_LIST_MODEL (pictures));
  return GTK_WIDGET (self);
}

gboolean
gv_export_dialog_export_to (GvExportDialog  *self,
                            GFile           *file,
                            GError         **error)
{
  GvPictureOptions options;

  g_return_val_if_fail (GV_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->window != NULL, FALSE);

  chosen_options (self, &options);
  return gv_window_export_picture_with (self->window, chosen_picture (self), file, &options,
                                        error);
}
