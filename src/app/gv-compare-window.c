/* gv-compare-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-application.h"
#include "gv-error.h"
#include "gv-chart-view.h"
#include "gv-compare-window.h"
#include "gv-export.h"
#include "gv-format.h"
#include "gv-run-chart.h"
#include "gv-summary-text.h"
#include "gv-theme.h"

/* The size of an exported comparison, in points. */
#define EXPORT_WIDTH 1000
#define EXPORT_HEIGHT 560

struct _GvCompareWindow
{
  AdwWindow       parent_instance;

  GtkListBox     *list;
  GvChartView    *chart_view;
  GtkDropDown    *kind_dropdown;
  AdwToastOverlay *toasts;
  GtkGrid        *totals;
  GtkWidget      *export_button;
  GPtrArray      *runs;
  /* The file each run came from (NULL for one given as a run), and those on their way. */
  GPtrArray      *files;
  GPtrArray      *loading;
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

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GvPalette palette;
  GvColor c;

  gv_theme_get_palette (GTK_WIDGET (area), &palette);
  c = gv_run_chart_run_color (&palette, GPOINTER_TO_UINT (user_data));
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
  cairo_set_line_width (cr, 3);
  cairo_move_to (cr, 0, height / 2.0);
  cairo_line_to (cr, width, height / 2.0);
  cairo_stroke (cr);
  cairo_arc (cr, width / 2.0, height / 2.0, 3.5, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* The key of run @index's line: its colour, as the chart draws it. */
static GtkWidget *
swatch_new (guint index)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "valign", GTK_ALIGN_CENTER,
                                  "content-width", 18,
                                  "content-height", 12,
                                  NULL);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch,
                                  GUINT_TO_POINTER (index), NULL);
  return area;
}

static void
attach_cell (GtkGrid    *grid,
             const char *text,
             int         column,
             int         row,
             gboolean    number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), number ? PANGO_ELLIPSIZE_NONE
                                                     : PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  if (row == 0)
    gtk_widget_add_css_class (label, "dim-label");
  else if (!number)
    gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* Run @index's line of the totals: rounds, messages, and its headline figure. */
static void
add_total (GvCompareWindow  *self,
           guint             index,
           const char       *label,
           const GvProtocol *protocol,
           const GvSummary  *s)
{
  g_autofree char *rounds = gv_format_count (s->rounds);
  g_autofree char *messages = gv_format_count (s->messages);
  g_autofree char *figure = gv_summary_headline (protocol, s);

  if (index == 0)
    {
      attach_cell (self->totals, _("Run"), 1, 0, FALSE);
      attach_cell (self->totals, _("Rounds"), 2, 0, TRUE);
      attach_cell (self->totals, _("Messages"), 3, 0, TRUE);
      attach_cell (self->totals, _("Result"), 4, 0, TRUE);
    }
  gtk_grid_attach (self->totals, swatch_new (index), 0, (int) index + 1, 1, 1);
  attach_cell (self->totals, label, 1, (int) index + 1, FALSE);
  attach_cell (self->totals, rounds, 2, (int) index + 1, TRUE);
  attach_cell (self->totals, messages, 3, (int) index + 1, TRUE);
  attach_cell (self->totals, figure != NULL ? figure : "–", 4, (int) index + 1, TRUE);
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
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->totals))) != NULL)
    gtk_grid_remove (self->totals, row);
  gtk_widget_set_visible (GTK_WIDGET (self->totals), self->runs->len > 0);
  gtk_widget_set_sensitive (self->export_button, self->runs->len > 0);

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
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), swatch_new (i));
      gtk_list_box_append (self->list, action_row);
      add_total (self, i, labels[i], protocol, &s);
    }

  gv_chart_view_changed (self->chart_view);
}

typedef struct
{
  GvCompareWindow *self;
  GFile           *file;
} Loading;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Loading *loading = user_data;
  g_autoptr(GvCompareWindow) self = loading->self;
  g_autoptr(GFile) file = loading->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(GvRun) run = gv_run_load_finish (result, &error);

  g_free (loading);
  g_ptr_array_remove (self->loading, file);
  if (run == NULL)
    {
      g_autofree char *sentence = gv_error_sentence (error->message);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (sentence));
      return;
    }

  g_ptr_array_add (self->runs, g_object_ref (run));
  g_ptr_array_add (self->files, g_object_ref (file));
  rebuild (self);
}

static gboolean
has_file (GPtrArray *files,
          GFile     *file)
{
  for (guint i = 0; i < files->len; i++)
    if (g_ptr_array_index (files, i) != NULL && g_file_equal (g_ptr_array_index (files, i), file))
      return TRUE;
  return FALSE;
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

          gv_compare_window_add_file (self, file);
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
  {
    g_autoptr(GtkFileFilter) filter = gv_application_run_filter ();

    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (add_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    GvCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!gv_compare_window_export (self, file, &error))
        {
          g_autofree char *sentence = gv_error_sentence (error->message);

          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (sentence));
        }
    }
  g_object_unref (dialog);
}

static void
export_clicked_cb (GvCompareWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  const char *id;

  if (self->runs->len == 0)
    return;
  id = g_ptr_array_index (self->chart_ids, MIN (gtk_drop_down_get_selected (self->kind_dropdown),
                                                self->chart_ids->len - 1));
  dialog = gtk_file_chooser_native_new (_("Export Comparison"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("comparison-%s.png", id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* A run given as a run has no file: NULL in the list. */
static void
unref_file (gpointer file)
{
  if (file != NULL)
    g_object_unref (file);
}

static void
gv_compare_window_finalize (GObject *object)
{
  GvCompareWindow *self = (GvCompareWindow *) object;

  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->loading, g_ptr_array_unref);
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
  GtkWidget *box, *header, *add, *paned, *scroller, *side;

  self->runs = g_ptr_array_new_with_free_func (g_object_unref);
  self->files = g_ptr_array_new_with_free_func (unref_file);
  self->loading = g_ptr_array_new_with_free_func (g_object_unref);
  self->chart_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Compare Runs"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 560);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  add = gtk_button_new_with_mnemonic (_("_Add Runs…"));
  gtk_widget_set_tooltip_text (add, _("Add saved runs to the comparison"));
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), add);
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_set_tooltip_text (self->export_button,
                               _("Save the comparison as a PNG, SVG or PDF picture"));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->export_button);
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
  self->totals = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->totals, 12);
  gtk_grid_set_row_spacing (self->totals, 4);
  gtk_widget_set_margin_start (GTK_WIDGET (self->totals), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->totals), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->totals), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->totals), 12);
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (side), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->totals));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), side);
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
  g_ptr_array_add (self->files, NULL);
  rebuild (self);
}

gboolean
gv_compare_window_add_file (GvCompareWindow *self,
                            GFile           *file)
{
  Loading *loading;

  g_return_val_if_fail (GV_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* The same run twice would draw one line over the other and say nothing new. */
  if (has_file (self->files, file) || has_file (self->loading, file))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is already in the comparison"), name);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
      return FALSE;
    }

  g_ptr_array_add (self->loading, g_object_ref (file));
  loading = g_new (Loading, 1);
  loading->self = g_object_ref (self);
  loading->file = g_object_ref (file);
  gv_run_load_async (file, NULL, loaded_cb, loading);
  return TRUE;
}

gboolean
gv_compare_window_get_loading (GvCompareWindow *self)
{
  g_return_val_if_fail (GV_IS_COMPARE_WINDOW (self), FALSE);
  return self->loading->len > 0;
}

const char *
gv_compare_window_get_total (GvCompareWindow *self,
                             guint            index,
                             guint            column)
{
  GtkWidget *cell;

  g_return_val_if_fail (GV_IS_COMPARE_WINDOW (self), NULL);

  cell = gtk_grid_get_child_at (self->totals, (int) column + 2, (int) index + 1);
  return cell != NULL && GTK_IS_LABEL (cell) ? gtk_label_get_label (GTK_LABEL (cell)) : NULL;
}

static void
draw_comparison (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  GvCompareWindow *self = user_data;
  GvPalette palette;

  gv_theme_get_palette (GTK_WIDGET (self->chart_view), &palette);
  gv_chart_draw (gv_chart_view_get_chart (self->chart_view), cr, width, height, &palette);
}

gboolean
gv_compare_window_export (GvCompareWindow  *self,
                          GFile            *file,
                          GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GvImageFormat format;

  g_return_val_if_fail (GV_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!gv_image_format_for_name (name, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” does not end in .png, .svg or .pdf"), name);
      return FALSE;
    }
  bytes = gv_export_image (format, EXPORT_WIDTH, EXPORT_HEIGHT, 2, draw_comparison, self, error);
  return bytes != NULL &&
         g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                  error);
}

void
gv_compare_window_remove_run (GvCompareWindow *self,
                              guint            index)
{
  g_return_if_fail (GV_IS_COMPARE_WINDOW (self));
  g_return_if_fail (index < self->runs->len);

  g_ptr_array_remove_index (self->runs, index);
  g_ptr_array_remove_index (self->files, index);
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
