/* gv-compare-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-error.h"
#include "gv-chart-view.h"
#include "gv-compare-window.h"
#include "gv-run-chart.h"
#include "gv-summary-text.h"

struct _GvCompareWindow
{
  AdwWindow       parent_instance;

  GtkListBox     *list;
  GvChartView    *chart_view;
  GtkDropDown    *kind_dropdown;
  AdwToastOverlay *toasts;
  GPtrArray      *runs;
  /* The chart ids the dropdown lists, and the protocol they were listed for. */
  GPtrArray      *chart_ids;
  const GvProtocol *listed_for;
  guint           updating;
};

/* What every comparison can show, whatever the runs' protocols; GvCompareKind's order. */
static const char *const common_charts[] = { "coverage", "messages", "alive" };

G_DEFINE_FINAL_TYPE (GvCompareWindow, gv_compare_window, ADW_TYPE_WINDOW)

static void rebuild (GvCompareWindow *self);

/* The dropdown lists the comparisons every run has, then the first run's own charts. */
static void
fill_chart_list (GvCompareWindow *self)
{
  const GvProtocol *protocol = self->runs->len > 0
    ? gv_run_get_params (g_ptr_array_index (self->runs, 0))->protocol : NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autofree char *selected = NULL;
  guint index = 0;

  if (self->chart_ids->len > 0 && protocol == self->listed_for)
    return;

  if (self->chart_ids->len > 0)
    selected = g_strdup (g_ptr_array_index (self->chart_ids,
                                            MIN (gtk_drop_down_get_selected (self->kind_dropdown),
                                                 self->chart_ids->len - 1)));
  g_ptr_array_set_size (self->chart_ids, 0);
  gtk_string_list_append (titles, _("Coverage"));
  gtk_string_list_append (titles, _("Messages per round"));
  gtk_string_list_append (titles, _("Alive nodes"));
  for (guint i = 0; i < G_N_ELEMENTS (common_charts); i++)
    g_ptr_array_add (self->chart_ids, g_strdup (common_charts[i]));

  if (protocol != NULL)
    {
      g_autoptr(GPtrArray) list = gv_run_chart_list (protocol);

      for (guint i = 0; i < list->len; i++)
        {
          const GvRunChartEntry *entry = g_ptr_array_index (list, i);
          gboolean common = FALSE;

          for (guint c = 0; c < G_N_ELEMENTS (common_charts); c++)
            common |= g_strcmp0 (entry->id, common_charts[c]) == 0;
          if (common)
            continue;
          gtk_string_list_append (titles, entry->title);
          g_ptr_array_add (self->chart_ids, g_strdup (entry->id));
        }
    }
  self->listed_for = protocol;

  for (guint i = 0; selected != NULL && i < self->chart_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->chart_ids, i), selected) == 0)
      index = i;

  self->updating++;
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->kind_dropdown, index);
  self->updating--;
}

static void
kind_changed_cb (GvCompareWindow *self)
{
  if (self->updating == 0)
    rebuild (self);
}

static void
remove_clicked_cb (GtkButton       *button,
                   GvCompareWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  gv_compare_window_remove_run (self, index);
}

/* One chart, one line a run, each labelled by what sets it apart. */
static void
rebuild (GvCompareWindow *self)
{
  GvChart *chart = gv_chart_view_get_chart (self->chart_view);
  g_auto(GStrv) labels = NULL;
  gboolean mixed = FALSE;
  const char *id;
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, row);

  if (self->runs->len == 0)
    {
      gv_chart_clear (chart);
      gv_chart_set_title (chart, _("Comparison"));
      gv_chart_set_note (chart, _("Add runs to compare them"));
      gv_chart_view_changed (self->chart_view);
      return;
    }

  fill_chart_list (self);
  id = g_ptr_array_index (self->chart_ids, MIN (gtk_drop_down_get_selected (self->kind_dropdown),
                                                self->chart_ids->len - 1));
  gv_run_chart_runs (chart, id, (GvRun * const *) self->runs->pdata, self->runs->len);

  labels = gv_run_label_differences ((GvRun * const *) self->runs->pdata, self->runs->len);
  for (guint i = 1; i < self->runs->len; i++)
    mixed |= gv_run_get_params (g_ptr_array_index (self->runs, i))->protocol !=
             gv_run_get_params (g_ptr_array_index (self->runs, 0))->protocol;
  for (guint i = 0; i < self->runs->len; i++)
    {
      GvRun *run = g_ptr_array_index (self->runs, i);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      const GvProtocol *protocol = gv_run_get_params (run)->protocol;
      g_autofree char *subtitle = NULL;
      g_autofree char *rounds = NULL;
      g_autofree char *figure = NULL;
      GvSummary s;

      gv_run_get_summary (run, &s);
      rounds = g_strdup_printf (ngettext ("%u round", "%u rounds", s.rounds), s.rounds);
      figure = gv_summary_headline (protocol, &s);
      /* Translators: a run in the comparison: its protocol (when the runs' differ), its
       * rounds and its main figure, e.g. "Rumour mongering · 12 rounds · residue 0.0%" */
      if (!mixed)
        subtitle = figure != NULL ? g_strdup_printf (_("%s · %s"), rounds, figure)
                                  : g_strdup (rounds);
      else
        subtitle = figure != NULL
          ? g_strdup_printf (_("%s · %s · %s"), _(protocol->name), rounds, figure)
          : g_strdup_printf (_("%s · %s"), _(protocol->name), rounds);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), labels[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this run from the comparison"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove"), -1);
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), remove);
      gtk_list_box_append (self->list, action_row);
    }

  gv_chart_view_changed (self->chart_view);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GvCompareWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_run_load_finish (result, &error);

  if (run == NULL)
    {
      g_autofree char *sentence = gv_error_sentence (error->message);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (sentence));
      return;
    }

  gv_compare_window_add_run (self, run);
}

static void
add_response_cb (GtkNativeDialog *dialog,
                 int              response,
                 GvCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          gv_run_load_async (file, NULL, loaded_cb, g_object_ref (self));
        }
    }
  g_object_unref (dialog);
}

static void
add_clicked_cb (GvCompareWindow *self)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Add Runs"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (add_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
gv_compare_window_finalize (GObject *object)
{
  GvCompareWindow *self = (GvCompareWindow *) object;

  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->chart_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gv_compare_window_parent_class)->finalize (object);
}

static void
gv_compare_window_class_init (GvCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gv_compare_window_finalize;
}

static void
gv_compare_window_init (GvCompareWindow *self)
{
  GtkWidget *box, *header, *add, *paned, *scroller;

  self->runs = g_ptr_array_new_with_free_func (g_object_unref);
  self->chart_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Compare Runs"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 560);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  add = gtk_button_new_with_mnemonic (_("_Add Runs…"));
  gtk_widget_set_tooltip_text (add, _("Add saved runs to the comparison"));
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  self->kind_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_dropdown), _("What the chart compares"));
  fill_chart_list (self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (kind_changed_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->kind_dropdown));
  gtk_box_append (GTK_BOX (box), header);

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_position (GTK_PANED (paned), 300);
  gtk_widget_set_vexpand (paned, TRUE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_paned_set_start_child (GTK_PANED (paned), scroller);
  self->chart_view = GV_CHART_VIEW (gv_chart_view_new ());
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->chart_view));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, paned);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);

  rebuild (self);
}

GvCompareWindow *
gv_compare_window_new (GtkWindow *parent)
{
  return g_object_new (GV_TYPE_COMPARE_WINDOW, "transient-for", parent, NULL);
}

void
gv_compare_window_add_run (GvCompareWindow *self,
                           GvRun           *run)
{
  g_return_if_fail (GV_IS_COMPARE_WINDOW (self));
  g_return_if_fail (GV_IS_RUN (run));

  g_ptr_array_add (self->runs, g_object_ref (run));
  rebuild (self);
}

void
gv_compare_window_remove_run (GvCompareWindow *self,
                              guint            index)
{
  g_return_if_fail (GV_IS_COMPARE_WINDOW (self));
  g_return_if_fail (index < self->runs->len);

  g_ptr_array_remove_index (self->runs, index);
  rebuild (self);
}

guint
gv_compare_window_get_n_runs (GvCompareWindow *self)
{
  g_return_val_if_fail (GV_IS_COMPARE_WINDOW (self), 0);
  return self->runs->len;
}

void
gv_compare_window_set_kind (GvCompareWindow *self,
                            GvCompareKind    kind)
{
  g_return_if_fail (GV_IS_COMPARE_WINDOW (self));
  g_return_if_fail (kind < G_N_ELEMENTS (common_charts));
  gv_compare_window_set_chart (self, common_charts[kind]);
}

gboolean
gv_compare_window_set_chart (GvCompareWindow *self,
                             const char      *id)
{
  g_return_val_if_fail (GV_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  fill_chart_list (self);
  for (guint i = 0; i < self->chart_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->chart_ids, i), id) == 0)
      {
        gtk_drop_down_set_selected (self->kind_dropdown, i);
        rebuild (self);
        return TRUE;
      }
  return FALSE;
}

GvChart *
gv_compare_window_get_chart (GvCompareWindow *self)
{
  g_return_val_if_fail (GV_IS_COMPARE_WINDOW (self), NULL);
  return gv_chart_view_get_chart (self->chart_view);
}
