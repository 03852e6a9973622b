/* gv-intro.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-intro"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-application.h"
#include "gv-intro.h"

struct _GvIntro
{
  GtkBox     parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *description_label;
};

G_DEFINE_FINAL_TYPE (GvIntro, gv_intro, GTK_TYPE_BOX)

static void
gv_intro_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GV_TYPE_INTRO);

  G_OBJECT_CLASS (gv_intro_parent_class)->dispose (object);
}

static void
gv_intro_class_init (GvIntroClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_intro_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               GV_RESOURCE_PREFIX "/gv-intro.ui");
  gtk_widget_class_bind_template_child (widget_class, GvIntro, title_label);
  gtk_widget_class_bind_template_child (widget_class, GvIntro, description_label);
}

static void
gv_intro_init (GvIntro *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gv_intro_set_protocol (self, gv_protocol_get_default ());
}

GtkWidget *
gv_intro_new (void)
{
  return g_object_new (GV_TYPE_INTRO, NULL);
}

void
gv_intro_set_protocol (GvIntro          *self,
                       const GvProtocol *protocol)
{
  g_return_if_fail (GV_IS_INTRO (self));
  g_return_if_fail (protocol != NULL);

  gtk_label_set_label (self->title_label, _(protocol->name));
  gtk_label_set_label (self->description_label,
                       protocol->description != NULL ? _(protocol->description) : "");
}

const char *
gv_intro_get_description (GvIntro *self)
{
  g_return_val_if_fail (GV_IS_INTRO (self), NULL);
  return gtk_label_get_label (self->description_label);
}
