/* gv-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One key a class of the run's class table (the protocol's classes and the core's
 * crashed one), of which those present in the picture are shown, and one a kind of
 * message the run has sent.  The keys are drawn by the network's own renderer, in the
 * palette of the moment, so that they always look like what they explain.  They are
 * presentation for screen readers: the words beside them name what they show.
 */

#define G_LOG_DOMAIN "gv-legend"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gv-application.h"
#include "gv-legend.h"
#include "gv-network-renderer.h"
#include "gv-theme.h"

#define KEY_SIZE 18

struct _GvLegend
{
  GtkWidget     parent_instance;

  GtkWidget    *class_box;
  GtkWidget    *message_box;

  GvClassTable  classes;
  GtkWidget    *class_keys[GV_MAX_CLASSES + 1];     /* a box with the key and its words */
  GtkWidget    *message_keys[GV_MESSAGE_REQUEST + 1];
};

G_DEFINE_FINAL_TYPE (GvLegend, gv_legend, GTK_TYPE_WIDGET)

/* The words of the messages chart's bars, so that both say the same. */
static const char *const message_labels[GV_MESSAGE_REQUEST + 1] = {
  [GV_MESSAGE_USEFUL] = N_("Useful"),
  [GV_MESSAGE_REDUNDANT] = N_("Redundant"),
  [GV_MESSAGE_LOST] = N_("Lost"),
  [GV_MESSAGE_DEAD] = N_("To crashed nodes"),
  [GV_MESSAGE_REQUEST] = N_("Requests"),
};

static const char *const message_help[GV_MESSAGE_REQUEST + 1] = {
  [GV_MESSAGE_USEFUL] = N_("A message that brought its receiver something new."),
  [GV_MESSAGE_REDUNDANT] = N_("A message whose receiver already had everything it carried."),
  [GV_MESSAGE_LOST] = N_("A message the network dropped on the way."),
  [GV_MESSAGE_DEAD] = N_("A message sent to a node that had crashed."),
  [GV_MESSAGE_REQUEST] = N_("A request that carried no data of its own."),
};

static void
draw_class_key (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GvLegend *self = GV_LEGEND (gtk_widget_get_ancestor (GTK_WIDGET (area), GV_TYPE_LEGEND));
  guint cls = GPOINTER_TO_UINT (user_data);
  GvPalette palette;

  if (self == NULL || cls >= self->classes.n)
    return;

  gv_theme_get_palette (GTK_WIDGET (area), &palette);
  gv_network_draw_node_key (cr, width / 2.0, height / 2.0, MIN (width, height) / 3.2,
                            &self->classes.classes[cls], &palette);
}

/* A message is an arrow, drawn by the picture's own code: a lost one breaks and falls,
 * one to a crashed node stops at a cross, and a request's head is hollow, so that the
 * kinds are told apart by more than their colour. */
static void
draw_message_key (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  guint outcome = GPOINTER_TO_UINT (user_data);
  GvPalette palette;
  double y = outcome == GV_MESSAGE_LOST ? height / 2.0 - 3 : height / 2.0;

  gv_theme_get_palette (GTK_WIDGET (area), &palette);
  gv_network_draw_message_key (cr, 1, y, width - 1, y, outcome,
                               outcome != GV_MESSAGE_REQUEST, &palette);
}

static void
queue_keys_draw (GvLegend *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->class_keys); i++)
    if (self->class_keys[i] != NULL)
      gtk_widget_queue_draw (gtk_widget_get_first_child (self->class_keys[i]));
  for (guint i = 0; i < G_N_ELEMENTS (self->message_keys); i++)
    gtk_widget_queue_draw (gtk_widget_get_first_child (self->message_keys[i]));
}

static GtkWidget *
make_key (const char             *label,
          const char             *help,
          GtkDrawingAreaDrawFunc  draw,
          gpointer                data,
          int                     width)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "valign", GTK_ALIGN_CENTER,
                                  "content-width", width,
                                  "content-height", KEY_SIZE,
                                  NULL);
  GtkWidget *words = gtk_label_new (label);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, data, NULL);
  gtk_widget_add_css_class (words, "caption");
  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), words);
  gtk_widget_set_tooltip_text (box, help);
  return box;
}

static void
gv_legend_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GV_TYPE_LEGEND);

  G_OBJECT_CLASS (gv_legend_parent_class)->dispose (object);
}

static void
gv_legend_class_init (GvLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_legend_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               GV_RESOURCE_PREFIX "/gv-legend.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_bind_template_child (widget_class, GvLegend, class_box);
  gtk_widget_class_bind_template_child (widget_class, GvLegend, message_box);
}

static void
gv_legend_init (GvLegend *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  for (guint i = 0; i < G_N_ELEMENTS (self->message_keys); i++)
    {
      self->message_keys[i] = make_key (_(message_labels[i]), _(message_help[i]),
                                        draw_message_key, GUINT_TO_POINTER (i), 24);
      gtk_widget_set_visible (self->message_keys[i], FALSE);
      gtk_box_append (GTK_BOX (self->message_box), self->message_keys[i]);
    }

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (queue_keys_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
gv_legend_new (void)
{
  return g_object_new (GV_TYPE_LEGEND, NULL);
}

void
gv_legend_set_classes (GvLegend           *self,
                       const GvClassTable *classes)
{
  g_return_if_fail (GV_IS_LEGEND (self));
  g_return_if_fail (classes != NULL);

  if (memcmp (&self->classes, classes, sizeof *classes) == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->class_keys); i++)
    if (self->class_keys[i] != NULL)
      {
        gtk_box_remove (GTK_BOX (self->class_box), self->class_keys[i]);
        self->class_keys[i] = NULL;
      }

  self->classes = *classes;
  for (guint i = 0; i < classes->n && i < G_N_ELEMENTS (self->class_keys); i++)
    {
      const GvNodeClass *cls = &classes->classes[i];

      self->class_keys[i] = make_key (_(cls->label), cls->help != NULL ? _(cls->help) : NULL,
                                      draw_class_key, GUINT_TO_POINTER (i), KEY_SIZE);
      gtk_widget_set_visible (self->class_keys[i], i == 0);
      gtk_box_append (GTK_BOX (self->class_box), self->class_keys[i]);
    }
}

void
gv_legend_set_present (GvLegend     *self,
                       const guint8 *classes,
                       gsize         n_nodes)
{
  gboolean present[256] = { FALSE };

  g_return_if_fail (GV_IS_LEGEND (self));

  for (gsize v = 0; classes != NULL && v < n_nodes; v++)
    present[classes[v]] = TRUE;
  /* The protocol's first class says what the others are not yet. */
  present[0] = TRUE;

  for (guint i = 0; i < self->classes.n && i < G_N_ELEMENTS (self->class_keys); i++)
    gtk_widget_set_visible (self->class_keys[i], present[i]);
}

void
gv_legend_set_messages (GvLegend *self,
                        guint     outcomes)
{
  g_return_if_fail (GV_IS_LEGEND (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->message_keys); i++)
    gtk_widget_set_visible (self->message_keys[i], (outcomes & (1u << i)) != 0);
  gtk_widget_set_visible (self->message_box, outcomes != 0);
}

gboolean
gv_legend_shows_class (GvLegend   *self,
                       const char *id)
{
  g_return_val_if_fail (GV_IS_LEGEND (self), FALSE);

  for (guint i = 0; i < self->classes.n && i < G_N_ELEMENTS (self->class_keys); i++)
    if (g_strcmp0 (self->classes.classes[i].id, id) == 0)
      return gtk_widget_get_visible (self->class_keys[i]);
  return FALSE;
}

gboolean
gv_legend_shows_message (GvLegend *self,
                         guint     outcome)
{
  g_return_val_if_fail (GV_IS_LEGEND (self), FALSE);
  g_return_val_if_fail (outcome < G_N_ELEMENTS (self->message_keys), FALSE);

  return gtk_widget_get_visible (self->message_box) &&
         gtk_widget_get_visible (self->message_keys[outcome]);
}

guint
gv_legend_get_n_shown (GvLegend *self)
{
  guint n = 0;

  g_return_val_if_fail (GV_IS_LEGEND (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (self->class_keys); i++)
    n += self->class_keys[i] != NULL && gtk_widget_get_visible (self->class_keys[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->message_keys); i++)
    n += gtk_widget_get_visible (self->message_box) &&
         gtk_widget_get_visible (self->message_keys[i]);
  return n;
}
