/* gv-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-inspector.h"

struct _GvInspector
{
  GtkPopover  parent_instance;

  GtkLabel   *title_label;
  GtkLabel   *state_label;
  GtkLabel   *informed_label;
  GtkLabel   *sent_label;
  GtkLabel   *received_label;
  GtkLabel   *redundant_label;
  GtkLabel   *known_title;
  GtkLabel   *known_label;
  GtkLabel   *entries_label;
  GtkButton  *alive_button;
  GtkButton  *inject_button;

  guint32     node;
  gboolean    alive;
};

G_DEFINE_FINAL_TYPE (GvInspector, gv_inspector, GTK_TYPE_POPOVER)

enum {
  SET_ALIVE,
  INJECT,
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
gv_inspector_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GV_TYPE_INSPECTOR);

  G_OBJECT_CLASS (gv_inspector_parent_class)->dispose (object);
}

static void
gv_inspector_class_init (GvInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_inspector_dispose;

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
   * @node: the node that gets a new rumour or update
   */
  signals[INJECT] =
    g_signal_new ("inject",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grapevine_lab/Grapevine/gv-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, GvInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, state_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, informed_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, sent_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, received_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, redundant_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, known_title);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, known_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, entries_label);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, alive_button);
  gtk_widget_class_bind_template_child (widget_class, GvInspector, inject_button);
}

static void
gv_inspector_init (GvInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->alive_button, "clicked", G_CALLBACK (alive_clicked_cb), self);
  g_signal_connect_swapped (self->inject_button, "clicked", G_CALLBACK (inject_clicked_cb), self);
}

GtkWidget *
gv_inspector_new (void)
{
  return g_object_new (GV_TYPE_INSPECTOR, NULL);
}

void
gv_inspector_set_node (GvInspector      *self,
                       guint32           node,
                       const GvNodeInfo *info,
                       GvMode            mode)
{
  g_autofree char *title = NULL;
  const char *state = "";

  g_return_if_fail (GV_IS_INSPECTOR (self));

  self->node = node;
  title = g_strdup_printf (_("Node %u"), node);
  gtk_label_set_label (self->title_label, title);

  if (info == NULL)
    {
      gtk_label_set_label (self->state_label, _("Updating…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->alive_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->inject_button), FALSE);
      return;
    }

  switch (info->state)
    {
    case GV_NODE_UNINFORMED:
      state = mode == GV_MODE_RUMOR ? _("Not yet informed") : _("Out of date");
      break;
    case GV_NODE_SPREADING:
      state = mode == GV_MODE_RUMOR ? _("Informed, spreading") : _("Up to date");
      break;
    case GV_NODE_REMOVED:
      state = _("Informed, no longer spreading");
      break;
    case GV_NODE_CRASHED:
      state = _("Crashed");
      break;
    default:
      break;
    }
  gtk_label_set_label (self->state_label, state);

  if (info->first_informed >= 0)
    {
      g_autofree char *round = g_strdup_printf ("%" G_GINT64_FORMAT, info->first_informed);
      g_autofree char *text = g_strdup_printf (_("Round %s"), round);

      gtk_label_set_label (self->informed_label, text);
    }
  else
    gtk_label_set_label (self->informed_label, _("Not yet"));

  set_number (self->sent_label, info->sent);
  set_number (self->received_label, info->received);
  set_number (self->redundant_label, info->redundant);

  gtk_label_set_label (self->known_title,
                       mode == GV_MODE_RUMOR ? _("Rumours known") : _("Keys up to date"));
  set_number (self->known_label, info->known);

  gtk_widget_set_visible (GTK_WIDGET (self->entries_label), mode == GV_MODE_ANTI_ENTROPY);
  if (mode == GV_MODE_ANTI_ENTROPY)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* xgettext cannot see through G_GUINT64_FORMAT, so the value is formatted first. */
      for (guint k = 0; k < info->n_keys; k++)
        {
          g_autofree char *value = g_strdup_printf ("%3" G_GUINT64_FORMAT, info->values[k]);

          if (k > 0)
            g_string_append_c (text, '\n');
          /* Translators: a replica's entry in the inspector, e.g. "key 3 =  17  (version 2)" */
          g_string_append_printf (text, _("key %u = %s  (version %u)"), k, value,
                                  info->versions[k]);
        }
      gtk_label_set_label (self->entries_label, text->str);
    }

  self->alive = info->alive;
  gtk_button_set_label (self->alive_button, info->alive ? _("Crash") : _("Revive"));
  gtk_button_set_label (self->inject_button,
                        mode == GV_MODE_RUMOR ? _("New Rumour") : _("Write Update"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->alive_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->inject_button), info->alive);
}

guint32
gv_inspector_get_node (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), 0);
  return self->node;
}

const char *
gv_inspector_get_state_text (GvInspector *self)
{
  g_return_val_if_fail (GV_IS_INSPECTOR (self), NULL);
  return gtk_label_get_label (self->state_label);
}
