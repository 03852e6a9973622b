/* gv-params-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-params-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-error.h"
#include "gv-params-panel.h"

struct _GvParamsPanel
{
  GtkWidget       parent_instance;

  GtkWidget      *layout;   /* the settings, scrolled, and the error bar below them */
  GtkWidget      *box;
  GtkSpinButton  *nodes_spin;
  AdwComboRow    *topology_row;
  AdwActionRow   *topology_k_row;
  GtkSpinButton  *topology_k_spin;
  AdwActionRow   *topology_m_row;
  GtkSpinButton  *topology_m_spin;
  AdwActionRow   *topology_p_row;
  GtkSpinButton  *topology_p_spin;
  AdwComboRow    *mode_row;
  AdwComboRow    *exchange_row;
  GtkSpinButton  *fanout_spin;
  AdwComboRow    *stop_row;
  AdwActionRow   *stop_k_row;
  GtkSpinButton  *stop_k_spin;
  GtkSpinButton  *loss_spin;
  GtkSpinButton  *crash_spin;
  GtkSpinButton  *recover_spin;
  GtkSpinButton  *seed_spin;
  GtkWidget      *error_bar;
  GtkLabel       *error_label;
  GtkButton      *defaults_button;

  guint           updating;
};

G_DEFINE_FINAL_TYPE (GvParamsPanel, gv_params_panel, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the rows' string lists. */
static const GvTopologyKind topology_order[] = {
  GV_TOPOLOGY_COMPLETE, GV_TOPOLOGY_RING, GV_TOPOLOGY_REGULAR, GV_TOPOLOGY_ER,
  GV_TOPOLOGY_WS, GV_TOPOLOGY_BA, GV_TOPOLOGY_GRID,
};

static const GvStopRule stop_order[] = {
  GV_STOP_NONE, GV_STOP_FEEDBACK_COUNTER, GV_STOP_BLIND_COUNTER, GV_STOP_FEEDBACK_COIN,
  GV_STOP_BLIND_COIN, GV_STOP_TTL,
};

static guint
index_of_topology (GvTopologyKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (topology_order); i++)
    if (topology_order[i] == kind)
      return i;
  return 0;
}

static guint
index_of_stop (GvStopRule rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (stop_order); i++)
    if (stop_order[i] == rule)
      return i;
  return 0;
}

static void
update_visibility (GvParamsPanel *self)
{
  GvTopologyKind topo = topology_order[MIN (adw_combo_row_get_selected (self->topology_row),
                                            G_N_ELEMENTS (topology_order) - 1)];
  GvStopRule stop = stop_order[MIN (adw_combo_row_get_selected (self->stop_row),
                                    G_N_ELEMENTS (stop_order) - 1)];
  gboolean rumor = adw_combo_row_get_selected (self->mode_row) == GV_MODE_RUMOR;

  gtk_widget_set_visible (GTK_WIDGET (self->topology_k_row),
                          topo == GV_TOPOLOGY_RING || topo == GV_TOPOLOGY_REGULAR ||
                          topo == GV_TOPOLOGY_WS);
  gtk_widget_set_visible (GTK_WIDGET (self->topology_m_row), topo == GV_TOPOLOGY_BA);
  gtk_widget_set_visible (GTK_WIDGET (self->topology_p_row),
                          topo == GV_TOPOLOGY_ER || topo == GV_TOPOLOGY_WS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_row), rumor);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_k_row), rumor && stop != GV_STOP_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stop_k_row),
                                 stop == GV_STOP_TTL ? _("Hop limit (H)") : _("K"));
}

static void
emit_changed (GvParamsPanel *self,
              gboolean       restart)
{
  update_visibility (self);
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0, restart);
}

static void
restart_changed_cb (GvParamsPanel *self)
{
  emit_changed (self, TRUE);
}

static void
faults_changed_cb (GvParamsPanel *self)
{
  emit_changed (self, FALSE);
}

static void
defaults_clicked_cb (GvParamsPanel *self)
{
  gv_params_panel_reset (self);
}

static void
gv_params_panel_dispose (GObject *object)
{
  GvParamsPanel *self = (GvParamsPanel *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GV_TYPE_PARAMS_PANEL);

  G_OBJECT_CLASS (gv_params_panel_parent_class)->dispose (object);
}

static void
gv_params_panel_class_init (GvParamsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_params_panel_dispose;

  /**
   * GvParamsPanel::changed:
   * @restart: whether the change needs a new run (all but the faults do)
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grapevine_lab/Grapevine/gv-params-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, layout);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, nodes_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, topology_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, topology_k_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, topology_k_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, topology_m_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, topology_m_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, topology_p_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, topology_p_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, mode_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, exchange_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, fanout_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, stop_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, stop_k_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, stop_k_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, loss_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, crash_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, recover_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, error_bar);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, defaults_button);
}

static void
gv_params_panel_init (GvParamsPanel *self)
{
  GtkSpinButton *restart_spins[7];
  GtkSpinButton *fault_spins[3];
  AdwComboRow *combos[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  restart_spins[0] = self->nodes_spin;
  restart_spins[1] = self->topology_k_spin;
  restart_spins[2] = self->topology_m_spin;
  restart_spins[3] = self->topology_p_spin;
  restart_spins[4] = self->fanout_spin;
  restart_spins[5] = self->stop_k_spin;
  restart_spins[6] = self->seed_spin;
  fault_spins[0] = self->loss_spin;
  fault_spins[1] = self->crash_spin;
  fault_spins[2] = self->recover_spin;
  combos[0] = self->topology_row;
  combos[1] = self->mode_row;
  combos[2] = self->exchange_row;
  combos[3] = self->stop_row;

  gv_params_panel_reset (self);

  for (guint i = 0; i < G_N_ELEMENTS (restart_spins); i++)
    g_signal_connect_swapped (restart_spins[i], "value-changed",
                              G_CALLBACK (restart_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (fault_spins); i++)
    g_signal_connect_swapped (fault_spins[i], "value-changed",
                              G_CALLBACK (faults_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_swapped (combos[i], "notify::selected",
                              G_CALLBACK (restart_changed_cb), self);
  g_signal_connect_swapped (self->defaults_button, "clicked",
                            G_CALLBACK (defaults_clicked_cb), self);

  /* A spin button in a row is named by the row's title, for screen readers. */
  {
    GtkWidget *spins[] = {
      GTK_WIDGET (self->nodes_spin), GTK_WIDGET (self->topology_k_spin),
      GTK_WIDGET (self->topology_m_spin), GTK_WIDGET (self->topology_p_spin),
      GTK_WIDGET (self->fanout_spin), GTK_WIDGET (self->stop_k_spin),
      GTK_WIDGET (self->loss_spin), GTK_WIDGET (self->crash_spin),
      GTK_WIDGET (self->recover_spin), GTK_WIDGET (self->seed_spin),
    };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      {
        GtkWidget *row = gtk_widget_get_ancestor (spins[i], ADW_TYPE_ACTION_ROW);

        if (row != NULL)
          gtk_accessible_update_property (GTK_ACCESSIBLE (spins[i]),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                          -1);
      }
  }
}

GtkWidget *
gv_params_panel_new (void)
{
  return g_object_new (GV_TYPE_PARAMS_PANEL, NULL);
}

GvParams *
gv_params_panel_default_params (void)
{
  GvParams *p = gv_params_new ();

  p->n_nodes = 64;
  return p;
}

GvParams *
gv_params_panel_get_params (GvParamsPanel *self)
{
  GvParams *p;
  guint topo_index, stop_index;

  g_return_val_if_fail (GV_IS_PARAMS_PANEL (self), NULL);

  p = gv_params_new ();
  p->n_nodes = (guint32) gtk_spin_button_get_value_as_int (self->nodes_spin);
  topo_index = MIN (adw_combo_row_get_selected (self->topology_row),
                    G_N_ELEMENTS (topology_order) - 1);
  p->topology = topology_order[topo_index];
  p->topology_k = (guint32) gtk_spin_button_get_value_as_int (p->topology == GV_TOPOLOGY_BA
                                                              ? self->topology_m_spin
                                                              : self->topology_k_spin);
  p->topology_p = gtk_spin_button_get_value (self->topology_p_spin);
  p->mode = adw_combo_row_get_selected (self->mode_row) == 1 ? GV_MODE_ANTI_ENTROPY
                                                              : GV_MODE_RUMOR;
  p->exchange = MIN (adw_combo_row_get_selected (self->exchange_row), GV_EXCHANGE_PUSH_PULL);
  p->fanout = (guint32) gtk_spin_button_get_value_as_int (self->fanout_spin);
  stop_index = MIN (adw_combo_row_get_selected (self->stop_row), G_N_ELEMENTS (stop_order) - 1);
  p->stop = p->mode == GV_MODE_RUMOR ? stop_order[stop_index] : GV_STOP_NONE;
  p->stop_k = (guint32) gtk_spin_button_get_value_as_int (self->stop_k_spin);
  p->loss = gtk_spin_button_get_value (self->loss_spin) / 100.0;
  p->crash = gtk_spin_button_get_value (self->crash_spin) / 100.0;
  p->recover = gtk_spin_button_get_value (self->recover_spin) / 100.0;
  p->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);

  return p;
}

void
gv_params_panel_set_params (GvParamsPanel  *self,
                            const GvParams *params)
{
  g_return_if_fail (GV_IS_PARAMS_PANEL (self));
  g_return_if_fail (params != NULL);

  self->updating++;

  gtk_spin_button_set_value (self->nodes_spin, params->n_nodes);
  adw_combo_row_set_selected (self->topology_row, index_of_topology (params->topology));
  if (params->topology == GV_TOPOLOGY_BA)
    gtk_spin_button_set_value (self->topology_m_spin, params->topology_k);
  else if (params->topology != GV_TOPOLOGY_COMPLETE && params->topology != GV_TOPOLOGY_GRID &&
           params->topology != GV_TOPOLOGY_ER)
    gtk_spin_button_set_value (self->topology_k_spin, params->topology_k);
  if (params->topology == GV_TOPOLOGY_ER || params->topology == GV_TOPOLOGY_WS)
    gtk_spin_button_set_value (self->topology_p_spin, params->topology_p);
  adw_combo_row_set_selected (self->mode_row, params->mode == GV_MODE_ANTI_ENTROPY ? 1 : 0);
  adw_combo_row_set_selected (self->exchange_row, params->exchange);
  gtk_spin_button_set_value (self->fanout_spin, params->fanout);
  adw_combo_row_set_selected (self->stop_row, index_of_stop (params->stop));
  if (params->stop != GV_STOP_NONE)
    gtk_spin_button_set_value (self->stop_k_spin, params->stop_k);
  gtk_spin_button_set_value (self->loss_spin, params->loss * 100.0);
  gtk_spin_button_set_value (self->crash_spin, params->crash * 100.0);
  gtk_spin_button_set_value (self->recover_spin, params->recover * 100.0);
  gtk_spin_button_set_value (self->seed_spin, (double) params->seed);

  update_visibility (self);
  self->updating--;
}

void
gv_params_panel_set_error (GvParamsPanel *self,
                           const char    *message)
{
  g_autofree char *sentence = NULL;

  g_return_if_fail (GV_IS_PARAMS_PANEL (self));

  if (message != NULL)
    sentence = gv_error_sentence (message);

  gtk_label_set_label (self->error_label, sentence ? sentence : "");
  gtk_widget_set_visible (self->error_bar, message != NULL);
}

void
gv_params_panel_reset (GvParamsPanel *self)
{
  g_autoptr(GvParams) defaults = gv_params_panel_default_params ();

  g_return_if_fail (GV_IS_PARAMS_PANEL (self));

  self->updating++;
  gv_params_panel_set_params (self, defaults);
  gtk_spin_button_set_value (self->topology_k_spin, 4);
  gtk_spin_button_set_value (self->topology_m_spin, 2);
  gtk_spin_button_set_value (self->topology_p_spin, 0.1);
  gtk_spin_button_set_value (self->stop_k_spin, 2);
  self->updating--;
  gv_params_panel_set_error (self, NULL);
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0, TRUE);
}
