/* gv-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from the engine's description of the node (gv_engine_describe_node):
 * the core's (its class, when it first held the news, its messages) and whatever its
 * protocol says of it.  The inject button does what the protocol's injection declares.
 */

#define G_LOG_DOMAIN "gv-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-application.h"
#include "gv-inspector.h"
#include "gv-palette.h"

/* The grid's rows before the protocol's. */
#define N_CORE_ROWS 5

struct _GvInspector
{
  GtkPopover  parent_instance;

  GtkLabel   *title_label;
  GtkGrid    *grid;
  GtkLabel   *state_label;
  GtkLabel   *informed_label;
  GtkLabel   *sent_title;
  GtkLabel   *sent_label;
  GtkLabel   *received_title;
  GtkLabel   *received_label;
  GtkLabel   *redundant_title;
  GtkLabel   *redundant_label;
  GtkWidget  *arg_box;
  GtkLabel   *arg_label;
  GtkSpinButton *arg_spin;
  GtkButton  *alive_button;
  GtkButton  *inject_button;
  GtkWidget  *contacts_box;
  GtkLabel   *contacts_title;
  GtkLabel   *contacts_label;
  GtkToggleButton *follow_button;

  /* The protocol's rows: a title and a value label each, made as needed. */
  GPtrArray  *row_titles;
  GPtrArray  *row_values;
  guint       n_rows;

  const char *inject_help;  /* the injection's help, translated: the button's tooltip */
  guint32     node;
  gboolean    alive;
  gboolean    can_inject;
  gboolean    known;       /* the node's description is on show */
};

G_DEFINE_FINAL_TYPE (GvInspector, gv_inspector, GTK_TYPE_POPOVER)

enum {
  SET_ALIVE,
  INJECT,
  INJECT_ARG_CHANGED,
  FOLLOW_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_number (GtkLabel *label,
            guint64   value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  gtk_label_set_label (label, text);
}

static void
update_inject_sensitivity (GvInspector *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->inject_button),
                            self->known && self->alive && self->can_inject);
}

static void
alive_clicked_cb (GvInspector *self)
{
  g_signal_emit (self, signals[SET_ALIVE], 0, self->node, !self->alive);
}

static void
inject_clicked_cb (GvInspector *self)
{
  g_signal_emit (self, signals[INJECT], 0, self->node);
}

static void
arg_changed_cb (GvInspector *self)
{
  g_signal_emit (self, signals[INJECT_ARG_CHANGED], 0);
}

static void
follow_toggled_cb (GvInspector *self)
{
  g_signal_emit (self, signals[FOLLOW_TOGGLED], 0);
}

static void
set_rows (GvInspector *self,
          GArray      *rows)
{
  guint n = rows != NULL ? rows->len : 0;

  while (self->row_titles->len < n)
    {
      guint r = N_CORE_ROWS + self->row_titles->len;
      GtkWidget *title = gtk_label_new (NULL);
      GtkWidget *value = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_yalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 36);
      gtk_widget_add_css_class (value, "inspector-value");
      gtk_grid_attach (self->grid, title, 0, (int) r, 1, 1);
      gtk_grid_attach (self->grid, value, 1, (int) r, 1, 1);
      g_ptr_array_add (self->row_titles, title);
      g_ptr_array_add (self->row_values, value);
    }

  for (guint i = 0; i < self->row_titles->len; i++)
    {
      GtkWidget *title = g_ptr_array_index (self->row_titles, i);
      GtkWidget *value = g_ptr_array_index (self->row_values, i);

      gtk_widget_set_visible (title, i < n);
      gtk_widget_set_visible (value, i < n);
      if (i < n)
        {
          const GvNodeRow *row = &g_array_index (rows, GvNodeRow, i);

          gtk_label_set_label (GTK_LABEL (title), row->label);
          gtk_label_set_label (GTK_LABEL (value), row->value);
        }
    }
  self->n_rows = n;
}

static void
gv_inspector_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GV_TYPE_INSPECTOR);

  G_OBJECT_CLASS (gv_inspector_parent_class)->dispose (object);
}

static void
gv_inspector_finalize (GObject *object)
{
  GvInspector *self = (GvInspector *) object;

  g_clear_pointer (&self->row_titles, g_ptr_array_unref);
  g_clear_pointer (&self->row_values, g_ptr_array_unref);

  G_OBJECT_CLASS (gv_inspector_parent_class)->finalize (object);
}

static void
gv_inspector_class_init (GvInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_inspector_dispose;
  object_class->finalize = gv_inspector_finalize;

  /**
   * GvInspector::set-alive:
   * @node: the node
   * @alive: whether the user wants it alive
   */
  signals[SET_ALIVE] =
    g_signal_new ("set-alive",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  /**
   * GvInspector::inject:
   * @node: the node that gets the protocol's news (gv_inspector_get_inject_arg() says
   *   which key, for news that has one)
   */
  signals[INJECT] =
    g_signal_new ("inject",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * GvInspector::inject-arg-changed:
   *
   * The argument of the injection was changed: whether it can be done may differ.
   */
  signals[INJECT_ARG_CHANGED] =
    g_signal_new ("inject-arg-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GvInspector::follow-toggled:
   *
   * "Follow the News" was switched on or off: gv_inspector_get_follow() says which.
   */
  signals[FOLLOW_TOGGLED] =
    g_signal_new ("follow-toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               GV_RESOURCE_PREFIX "/gv-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, GvInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, grid);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, state_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, informed_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, sent_title);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, sent_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, received_title);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, received_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, redundant_title);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, redundant_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, arg_box);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, arg_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, arg_spin);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, alive_button);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, inject_button);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, contacts_box);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, contacts_title);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, contacts_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, follow_button);
}

static void
gv_inspector_init (GvInspector *self)
{
  self->row_titles = g_ptr_array_new ();
  self->row_values = g_ptr_array_new ();
  self->can_inject = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->alive_button, "clicked", G_CALLBACK (alive_clicked_cb), self);
  g_signal_connect_swapped (self->inject_button, "clicked", G_CALLBACK (inject_clicked_cb), self);
  g_signal_connect_swapped (self->arg_spin, "value-changed", G_CALLBACK (arg_changed_cb), self);
  g_signal_connect_swapped (self->follow_button, "toggled", G_CALLBACK (follow_toggled_cb), self);
  gtk_widget_set_visible (self->contacts_box, FALSE);
}

GtkWidget *
gv_inspector_new (void)
{
  return g_object_new (GV_TYPE_INSPECTOR, NULL);
}

void
gv_inspector_set_node (GvInspector             *self,
                       guint32                  node,
                       const GvNodeDescription *description,
                       const GvClassTable      *classes,
                       gboolean                 detail)
{
  g_autofree char *title = NULL;

  g_return_if_fail (GV_IS_INSPECTOR (self));

  self->node = node;
  title = g_strdup_printf (_("Node %u"), node);
  gtk_label_set_label (self->title_label, title);

  if (description == NULL || classes == NULL)
    {
      self->known = FALSE;
      gtk_label_set_label (self->state_label, _("Updating…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->alive_button), FALSE);
      update_inject_sensitivity (self);
      return;
    }

  self->known = TRUE;
  gtk_label_set_label (self->state_label,
                       description->cls < classes->n ? _(classes->classes[description->cls].label)
                                                     : "");

  if (description->first_informed >= 0)
    {
      g_autofree char *round = g_strdup_printf ("%" G_GINT64_FORMAT, description->first_informed);
      g_autofree char *text = g_strdup_printf (_("Round %s"), round);

      gtk_label_set_label (self->informed_label, text);
    }
  else
    gtk_label_set_label (self->informed_label, _("Not yet"));

  /* Messages are counted node by node only within the detail cap. */
  gtk_widget_set_visible (GTK_WIDGET (self->sent_title), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->received_title), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->received_label), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->redundant_title), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->redundant_label), detail);
  set_number (self->sent_label, description->sent);
  set_number (self->received_label, description->received);
  set_number (self->redundant_label, description->redundant);

  set_rows (self, description->rows);

  self->alive = description->alive;
  gtk_button_set_label (self->alive_button, description->alive ? _("Crash") : _("Revive"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->alive_button), TRUE);
  update_inject_sensitivity (self);
}

guint32
gv_inspector_get_node (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), 0);
  return self->node;
}

void
gv_inspector_set_injection (GvInspector           *self,
                            const GvInjectionSpec *spec,
                            guint                  n_args)
{
  gboolean has_arg;

  g_return_if_fail (GV_IS_INSPECTOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->inject_button), spec != NULL);
  if (spec == NULL)
    return;

  gtk_button_set_label (self->inject_button, _(spec->action));
  self->inject_help = spec->help != NULL ? _(spec->help) : NULL;
  if (self->can_inject)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->inject_button), self->inject_help);

  has_arg = spec->arg != NULL && n_args > 0;
  gtk_widget_set_visible (self->arg_box, has_arg);
  if (has_arg)
    {
      const char *label = spec->arg_label != NULL ? _(spec->arg_label) : spec->arg;

      gtk_label_set_label (self->arg_label, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->arg_spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_handlers_block_by_func (self->arg_spin, arg_changed_cb, self);
      gtk_spin_button_set_range (self->arg_spin, 0, n_args - 1);
      g_signal_handlers_unblock_by_func (self->arg_spin, arg_changed_cb, self);
    }
}

void
gv_inspector_set_inject_error (GvInspector *self,
                               const char  *reason)
{
  g_return_if_fail (GV_IS_INSPECTOR (self));

  self->can_inject = reason == NULL;
  if (reason != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->inject_button), reason);
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->inject_button),
                                 self->inject_help != NULL
                                 ? self->inject_help
                                 : _("Give this node news of its own to spread"));
  update_inject_sensitivity (self);
}

guint32
gv_inspector_get_inject_arg (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), 0);

  if (!gtk_widget_get_visible (self->arg_box))
    return 0;
  return (guint32) gtk_spin_button_get_value_as_int (self->arg_spin);
}

const char *
gv_inspector_get_state_text (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), NULL);
  return gtk_label_get_label (self->state_label);
}

const char *
gv_inspector_get_inject_label (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), NULL);
  return gtk_button_get_label (self->inject_button);
}

gboolean
gv_inspector_get_inject_sensitive (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->inject_button));
}

const char *
gv_inspector_get_row_value (GvInspector *self,
                            const char  *label)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), NULL);

  for (guint i = 0; i < self->n_rows; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (self->row_titles, i)), label) == 0)
      return gtk_label_get_label (g_ptr_array_index (self->row_values, i));
  return NULL;
}

/* At most this many contacts are listed; the rest are counted. */
#define MAX_CONTACTS 12

void
gv_inspector_set_contacts (GvInspector         *self,
                           const GvRoundRecord *record)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  g_return_if_fail (GV_IS_INSPECTOR (self));

  for (guint32 i = 0; record != NULL && record->messages != NULL && i < record->n_messages; i++)
    {
      const GvMessageEvent *m = &record->messages[i];
      const char *word = gv_message_outcome_word (m->outcome, m->carries_data);

      if (m->src != self->node && m->dst != self->node)
        continue;
      if (n++ >= MAX_CONTACTS)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (m->src == self->node)
        /* Translators: a message the inspected node sent: to whom, and what it was */
        g_string_append_printf (text, _("→ node %u · %s"), m->dst, word);
      else
        /* Translators: a message the inspected node received: from whom, and what it was */
        g_string_append_printf (text, _("← node %u · %s"), m->src, word);
    }
  if (n > MAX_CONTACTS)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", n - MAX_CONTACTS),
                              n - MAX_CONTACTS);
    }

  if (record != NULL && record->messages != NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: the heading of the inspected node's messages in the round shown */
      title = g_strdup_printf (_("Contacts in round %u"), record->round);
      gtk_label_set_label (self->contacts_title, title);
      gtk_label_set_label (self->contacts_label, n > 0 ? text->str : _("None"));
    }
  gtk_widget_set_visible (self->contacts_box, record != NULL && record->messages != NULL);
}

const char *
gv_inspector_get_contacts_text (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), NULL);
  return gtk_label_get_label (self->contacts_label);
}

gboolean
gv_inspector_get_follow (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), FALSE);
  return gtk_toggle_button_get_active (self->follow_button);
}

void
gv_inspector_set_follow (GvInspector *self,
                         gboolean     follow)
{
  g_return_if_fail (GV_IS_INSPECTOR (self));
  gtk_toggle_button_set_active (self->follow_button, follow);
}
