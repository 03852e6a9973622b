/* gv-params-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's settings (the network, the faults, the seed) are rows of the template.  The
 * protocol is chosen from the registry, and its own rows are made at run time from what
 * it declares (gv-protocol.h): a spin button for a number, a switch for a yes or no, a
 * combo row for a choice with a row for each argument the chosen one takes.  Nothing
 * here knows any protocol or parameter by name.
 */

#define G_LOG_DOMAIN "gv-params-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gv-application.h"
#include "gv-error.h"
#include "gv-params-panel.h"

/* A row made for one of the protocol's parameters. */
typedef struct
{
  guint          index;                        /* in protocol->params */
  GtkWidget     *row;
  GtkWidget     *control;                      /* a spin button or a switch; NULL: combo */
  GtkWidget     *arg_rows[GV_MAX_CHOICE_ARGS]; /* CHOICE: a row an argument */
  GtkSpinButton *arg_spins[GV_MAX_CHOICE_ARGS];
} ParamRow;

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
  AdwPreferencesGroup *protocol_group;
  AdwComboRow    *protocol_row;
  AdwActionRow   *fanout_row;
  GtkSpinButton  *fanout_spin;
  GtkSpinButton  *loss_spin;
  GtkSpinButton  *crash_spin;
  GtkSpinButton  *recover_spin;
  GtkSpinButton  *seed_spin;
  GtkWidget      *error_bar;
  GtkLabel       *error_label;
  GtkButton      *defaults_button;

  /* The protocol and its values; the core's fields are read from the rows. */
  GvParams          *params;
  /* The protocol whose rows are on show, and the rows. */
  const GvProtocol  *rows_protocol;
  GArray            *rows;       /* ParamRow */

  guint           updating;
};

G_DEFINE_FINAL_TYPE (GvParamsPanel, gv_params_panel, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the topology row's string list. */
static const GvTopologyKind topology_order[] = {
  GV_TOPOLOGY_COMPLETE, GV_TOPOLOGY_RING, GV_TOPOLOGY_REGULAR, GV_TOPOLOGY_ER,
  GV_TOPOLOGY_WS, GV_TOPOLOGY_BA, GV_TOPOLOGY_GRID,
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
index_of_protocol (const GvProtocol *protocol)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    if (gv_protocol_get_nth (i) == protocol)
      return i;
  return 0;
}

/* A spin button in a row is named by the row's title, for screen readers. */
static void
name_by_row (GtkWidget  *control,
             const char *title)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
}

static ParamRow *
find_row (GvParamsPanel *self,
          guint          index)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *pr = &g_array_index (self->rows, ParamRow, i);

      if (pr->index == index)
        return pr;
    }
  return NULL;
}

static const GvParamSpec *
spec_of (GvParamsPanel *self,
         guint          index)
{
  return &self->params->protocol->params[index];
}

/* The step of a spin button for values with @digits decimals, unless @step says. */
static double
pick_step (double step,
           guint  digits)
{
  return step > 0 ? step : pow (10.0, -(double) digits);
}

static void
update_visibility (GvParamsPanel *self)
{
  GvTopologyKind topo = topology_order[MIN (adw_combo_row_get_selected (self->topology_row),
                                            G_N_ELEMENTS (topology_order) - 1)];

  gboolean lattice = topo == GV_TOPOLOGY_RING || topo == GV_TOPOLOGY_WS;

  gtk_widget_set_visible (GTK_WIDGET (self->topology_k_row),
                          lattice || topo == GV_TOPOLOGY_REGULAR);
  /* A ring lattice has as many neighbours on each side: + and − step by two, from an
   * even number.  The help is the row's subtitle, where no tooltip covers the spin. */
  adw_action_row_set_subtitle (self->topology_k_row,
                               lattice ? _("On each node's two sides, an even number")
                               : _("Each node's number of links"));
  gtk_spin_button_set_increments (self->topology_k_spin, lattice ? 2 : 1, 10);
  if (lattice && gtk_spin_button_get_value_as_int (self->topology_k_spin) % 2 != 0)
    gtk_spin_button_set_value (self->topology_k_spin,
                               gtk_spin_button_get_value_as_int (self->topology_k_spin) + 1);
  gtk_widget_set_visible (GTK_WIDGET (self->topology_m_row), topo == GV_TOPOLOGY_BA);
  gtk_widget_set_visible (GTK_WIDGET (self->topology_p_row),
                          topo == GV_TOPOLOGY_ER || topo == GV_TOPOLOGY_WS);
  gtk_widget_set_visible (GTK_WIDGET (self->fanout_row), self->params->protocol->uses_fanout);
}

static void
emit_changed (GvParamsPanel *self,
              gboolean       restart)
{
  update_visibility (self);
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0, restart);
}

/* The argument rows of choice parameter @pr as its value chooses: titles, ranges,
 * values, and only those the chosen choice takes. */
static void
show_choice_args (GvParamsPanel *self,
                  ParamRow      *pr)
{
  const GvParamSpec *spec = spec_of (self, pr->index);
  const GvParamValue *value = gv_params_get_value (self->params, pr->index);
  const GvParamChoice *choice = &spec->choices[CLAMP (value->i, 0, (gint64) spec->n_choices - 1)];

  self->updating++;
  for (guint a = 0; a < GV_MAX_CHOICE_ARGS; a++)
    {
      const GvParamArg *arg = a < choice->n_args ? &choice->args[a] : NULL;
      guint digits;
      double step;

      gtk_widget_set_visible (pr->arg_rows[a], arg != NULL);
      if (arg == NULL)
        continue;

      digits = arg->is_double ? 2 : 0;
      step = pick_step (arg->step, digits);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->arg_rows[a]), _(arg->label));
      gtk_widget_set_tooltip_text (pr->arg_rows[a], arg->help != NULL ? _(arg->help) : NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (pr->arg_spins[a]),
                                   arg->help != NULL ? _(arg->help) : NULL);
      name_by_row (GTK_WIDGET (pr->arg_spins[a]), _(arg->label));
      gtk_spin_button_set_digits (pr->arg_spins[a], digits);
      gtk_spin_button_set_increments (pr->arg_spins[a], step, 10 * step);
      gtk_spin_button_set_range (pr->arg_spins[a], arg->min, arg->max);
      gtk_spin_button_set_value (pr->arg_spins[a], value->args[a]);
    }
  self->updating--;
}

/* Every protocol row shows what self->params holds. */
static void
show_values (GvParamsPanel *self)
{
  self->updating++;
  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *pr = &g_array_index (self->rows, ParamRow, i);
      const GvParamSpec *spec = spec_of (self, pr->index);
      const GvParamValue *value = gv_params_get_value (self->params, pr->index);

      switch (spec->type)
        {
        case GV_PARAM_INT:
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (pr->control), (double) value->i);
          break;
        case GV_PARAM_DOUBLE:
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (pr->control),
                                     (spec->flags & GV_PARAM_FLAG_PERCENT) ? 100.0 * value->d
                                                                           : value->d);
          break;
        case GV_PARAM_BOOL:
          gtk_switch_set_active (GTK_SWITCH (pr->control), value->i != 0);
          break;
        case GV_PARAM_CHOICE:
          adw_combo_row_set_selected (ADW_COMBO_ROW (pr->row), (guint) value->i);
          show_choice_args (self, pr);
          break;
        default:
          break;
        }
    }
  self->updating--;
}

static void
set_value (GvParamsPanel      *self,
           guint               index,
           const GvParamValue *value)
{
  gv_params_set_value (self->params, index, value);
  emit_changed (self, TRUE);
}

static void
spin_changed_cb (GtkSpinButton *spin,
                 GvParamsPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "gv-param")) - 1;
  const GvParamSpec *spec;
  GvParamValue value;

  if (self->updating > 0 || index >= self->params->protocol->n_params)
    return;

  spec = spec_of (self, index);
  value = *gv_params_get_value (self->params, index);
  if (spec->type == GV_PARAM_INT)
    value.i = (gint64) llround (gtk_spin_button_get_value (spin));
  else if (spec->flags & GV_PARAM_FLAG_PERCENT)
    value.d = gtk_spin_button_get_value (spin) / 100.0;
  else
    value.d = gtk_spin_button_get_value (spin);
  set_value (self, index, &value);
}

static void
arg_changed_cb (GtkSpinButton *spin,
                GvParamsPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "gv-param")) - 1;
  guint arg = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "gv-arg"));
  GvParamValue value;

  if (self->updating > 0 || index >= self->params->protocol->n_params)
    return;

  value = *gv_params_get_value (self->params, index);
  value.args[arg] = gtk_spin_button_get_value (spin);
  set_value (self, index, &value);
}

static void
switch_changed_cb (GtkSwitch     *sw,
                   GParamSpec    *pspec,
                   GvParamsPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sw), "gv-param")) - 1;
  GvParamValue value;

  if (self->updating > 0 || index >= self->params->protocol->n_params)
    return;

  value = *gv_params_get_value (self->params, index);
  value.i = gtk_switch_get_active (sw);
  set_value (self, index, &value);
}

static void
choice_changed_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   GvParamsPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "gv-param")) - 1;
  const GvParamSpec *spec;
  const GvParamChoice *was, *now;
  GvParamValue value;
  guint selected;
  ParamRow *pr;

  if (self->updating > 0 || index >= self->params->protocol->n_params)
    return;

  spec = spec_of (self, index);
  selected = adw_combo_row_get_selected (row);
  if (selected >= spec->n_choices)
    return;

  value = *gv_params_get_value (self->params, index);
  was = &spec->choices[CLAMP (value.i, 0, (gint64) spec->n_choices - 1)];
  now = &spec->choices[selected];
  value.i = selected;
  /* An argument of the same name keeps its value where the new choice allows it (K from
   * one counter to the other); any other starts from its default. */
  for (guint a = 0; a < now->n_args; a++)
    {
      const GvParamArg *arg = &now->args[a];
      gboolean kept = a < was->n_args && g_strcmp0 (was->args[a].name, arg->name) == 0 &&
                      value.args[a] >= arg->min && value.args[a] <= arg->max;

      if (!kept)
        value.args[a] = arg->def;
    }
  gv_params_set_value (self->params, index, &value);

  pr = find_row (self, index);
  if (pr != NULL)
    show_choice_args (self, pr);
  emit_changed (self, TRUE);
}

static GtkSpinButton *
add_spin_suffix (AdwActionRow *row,
                 double        min,
                 double        max,
                 double        step,
                 guint         digits,
                 const char   *help)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), step, step * 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, help);
  adw_action_row_add_suffix (row, spin);
  adw_action_row_set_activatable_widget (row, spin);
  return GTK_SPIN_BUTTON (spin);
}

/* A row (or, for a choice, rows) for the protocol's parameter @index. */
static void
add_param_rows (GvParamsPanel *self,
                guint          index)
{
  const GvParamSpec *spec = spec_of (self, index);
  const char *help = spec->help != NULL ? _(spec->help) : NULL;
  gpointer tag = GUINT_TO_POINTER (index + 1);
  ParamRow pr = { .index = index };

  switch (spec->type)
    {
    case GV_PARAM_INT:
      pr.row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr.row), _(spec->label));
      pr.control = GTK_WIDGET (add_spin_suffix (ADW_ACTION_ROW (pr.row), (double) spec->min,
                                                (double) spec->max, pick_step (spec->step, 0),
                                                0, help));
      g_signal_connect (pr.control, "value-changed", G_CALLBACK (spin_changed_cb), self);
      break;

    case GV_PARAM_DOUBLE:
      {
        gboolean percent = (spec->flags & GV_PARAM_FLAG_PERCENT) != 0;
        double scale = percent ? 100.0 : 1.0;
        g_autofree char *title = percent
          /* Translators: a parameter shown as a percentage, e.g. "Message loss (%)" */
          ? g_strdup_printf (_("%s (%%)"), _(spec->label)) : g_strdup (_(spec->label));

        pr.row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr.row), title);
        pr.control = GTK_WIDGET (add_spin_suffix (ADW_ACTION_ROW (pr.row), scale * spec->dmin,
                                                  scale * spec->dmax,
                                                  pick_step (scale * spec->step, spec->digits),
                                                  spec->digits, help));
        g_signal_connect (pr.control, "value-changed", G_CALLBACK (spin_changed_cb), self);
      }
      break;

    case GV_PARAM_BOOL:
      pr.row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr.row), _(spec->label));
      pr.control = gtk_switch_new ();
      gtk_widget_set_valign (pr.control, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (pr.control, help);
      adw_action_row_add_suffix (ADW_ACTION_ROW (pr.row), pr.control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (pr.row), pr.control);
      g_signal_connect (pr.control, "notify::active", G_CALLBACK (switch_changed_cb), self);
      break;

    case GV_PARAM_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        for (guint c = 0; c < spec->n_choices; c++)
          gtk_string_list_append (labels, _(spec->choices[c].label));
        pr.row = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr.row), _(spec->label));
        adw_combo_row_set_model (ADW_COMBO_ROW (pr.row), G_LIST_MODEL (labels));
        g_signal_connect (pr.row, "notify::selected", G_CALLBACK (choice_changed_cb), self);

        for (guint a = 0; a < GV_MAX_CHOICE_ARGS; a++)
          {
            pr.arg_rows[a] = adw_action_row_new ();
            pr.arg_spins[a] = add_spin_suffix (ADW_ACTION_ROW (pr.arg_rows[a]), 0, 1, 1, 0,
                                               NULL);
            g_object_set_data (G_OBJECT (pr.arg_spins[a]), "gv-param", tag);
            g_object_set_data (G_OBJECT (pr.arg_spins[a]), "gv-arg", GUINT_TO_POINTER (a));
            g_signal_connect (pr.arg_spins[a], "value-changed", G_CALLBACK (arg_changed_cb),
                              self);
          }
      }
      break;

    default:
      return;
    }

  gtk_widget_set_tooltip_text (pr.row, help);
  g_object_set_data (G_OBJECT (pr.row), "gv-param", tag);
  g_object_set_data (G_OBJECT (pr.row), "gv-param-name", (gpointer) spec->name);
  if (pr.control != NULL)
    {
      g_object_set_data (G_OBJECT (pr.control), "gv-param", tag);
      name_by_row (pr.control, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (pr.row)));
    }

  adw_preferences_group_add (self->protocol_group, pr.row);
  for (guint a = 0; a < GV_MAX_CHOICE_ARGS; a++)
    if (pr.arg_rows[a] != NULL)
      adw_preferences_group_add (self->protocol_group, pr.arg_rows[a]);
  g_array_append_val (self->rows, pr);
}

/* The rows of self->params->protocol, made anew when the protocol changed. */
static void
ensure_protocol_rows (GvParamsPanel *self)
{
  const GvProtocol *protocol = self->params->protocol;

  if (self->rows_protocol == protocol)
    return;

  self->updating++;
  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *pr = &g_array_index (self->rows, ParamRow, i);

      adw_preferences_group_remove (self->protocol_group, pr->row);
      for (guint a = 0; a < GV_MAX_CHOICE_ARGS; a++)
        if (pr->arg_rows[a] != NULL)
          adw_preferences_group_remove (self->protocol_group, pr->arg_rows[a]);
    }
  g_array_set_size (self->rows, 0);

  for (guint i = 0; i < protocol->n_params; i++)
    if ((protocol->params[i].flags & GV_PARAM_FLAG_HIDDEN) == 0)
      add_param_rows (self, i);

  self->rows_protocol = protocol;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->protocol_row),
                               protocol->description != NULL ? _(protocol->description) : NULL);
  self->updating--;
}

static void
protocol_changed_cb (GvParamsPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->protocol_row);
  const GvProtocol *protocol;

  if (selected >= gv_protocol_get_n ())
    return;

  protocol = gv_protocol_get_nth (selected);
  /* Parameters of the same name (the exchange of two protocols) keep their values. */
  gv_params_set_protocol (self->params, protocol);
  ensure_protocol_rows (self);
  show_values (self);
  emit_changed (self, TRUE);
}

/* The registry's protocols, by their names; again when one was registered since. */
static void
fill_protocol_list (GvParamsPanel *self)
{
  GListModel *model = adw_combo_row_get_model (self->protocol_row);
  g_autoptr(GtkStringList) names = NULL;

  if (model != NULL && g_list_model_get_n_items (model) == gv_protocol_get_n ())
    return;

  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    gtk_string_list_append (names, _(gv_protocol_get_nth (i)->name));
  self->updating++;
  adw_combo_row_set_model (self->protocol_row, G_LIST_MODEL (names));
  self->updating--;
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
gv_params_panel_finalize (GObject *object)
{
  GvParamsPanel *self = (GvParamsPanel *) object;

  g_clear_pointer (&self->params, gv_params_unref);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (gv_params_panel_parent_class)->finalize (object);
}

static void
gv_params_panel_class_init (GvParamsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gv_params_panel_dispose;
  object_class->finalize = gv_params_panel_finalize;

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
                                               GV_RESOURCE_PREFIX "/gv-params-panel.ui");
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
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, protocol_group);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, fanout_row);
  gtk_widget_class_bind_template_child (widget_class, GvParamsPanel, fanout_spin);
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
  GtkSpinButton *restart_spins[6];
  GtkSpinButton *fault_spins[3];

  self->rows = g_array_new (FALSE, TRUE, sizeof (ParamRow));
  self->params = gv_params_panel_default_params ();

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_protocol_list (self);
  gv_params_panel_reset (self);

  restart_spins[0] = self->nodes_spin;
  restart_spins[1] = self->topology_k_spin;
  restart_spins[2] = self->topology_m_spin;
  restart_spins[3] = self->topology_p_spin;
  restart_spins[4] = self->fanout_spin;
  restart_spins[5] = self->seed_spin;
  fault_spins[0] = self->loss_spin;
  fault_spins[1] = self->crash_spin;
  fault_spins[2] = self->recover_spin;

  for (guint i = 0; i < G_N_ELEMENTS (restart_spins); i++)
    g_signal_connect_swapped (restart_spins[i], "value-changed",
                              G_CALLBACK (restart_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (fault_spins); i++)
    g_signal_connect_swapped (fault_spins[i], "value-changed",
                              G_CALLBACK (faults_changed_cb), self);
  g_signal_connect_swapped (self->topology_row, "notify::selected",
                            G_CALLBACK (restart_changed_cb), self);
  g_signal_connect_swapped (self->protocol_row, "notify::selected",
                            G_CALLBACK (protocol_changed_cb), self);
  g_signal_connect_swapped (self->defaults_button, "clicked",
                            G_CALLBACK (defaults_clicked_cb), self);

  {
    GtkWidget *spins[] = {
      GTK_WIDGET (self->nodes_spin), GTK_WIDGET (self->topology_k_spin),
      GTK_WIDGET (self->topology_m_spin), GTK_WIDGET (self->topology_p_spin),
      GTK_WIDGET (self->fanout_spin), GTK_WIDGET (self->loss_spin),
      GTK_WIDGET (self->crash_spin), GTK_WIDGET (self->recover_spin),
      GTK_WIDGET (self->seed_spin),
    };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      {
        GtkWidget *row = gtk_widget_get_ancestor (spins[i], ADW_TYPE_ACTION_ROW);

        if (row != NULL)
          name_by_row (spins[i], adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
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
  guint topo_index;

  g_return_val_if_fail (GV_IS_PARAMS_PANEL (self), NULL);

  p = gv_params_copy (self->params);
  p->n_nodes = (guint32) gtk_spin_button_get_value_as_int (self->nodes_spin);
  topo_index = MIN (adw_combo_row_get_selected (self->topology_row),
                    G_N_ELEMENTS (topology_order) - 1);
  p->topology = topology_order[topo_index];
  p->topology_k = (guint32) gtk_spin_button_get_value_as_int (p->topology == GV_TOPOLOGY_BA
                                                              ? self->topology_m_spin
                                                              : self->topology_k_spin);
  p->topology_p = gtk_spin_button_get_value (self->topology_p_spin);
  p->fanout = (guint32) gtk_spin_button_get_value_as_int (self->fanout_spin);
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

  g_clear_pointer (&self->params, gv_params_unref);
  self->params = gv_params_copy (params);

  gtk_spin_button_set_value (self->nodes_spin, params->n_nodes);
  adw_combo_row_set_selected (self->topology_row, index_of_topology (params->topology));
  if (params->topology == GV_TOPOLOGY_BA)
    gtk_spin_button_set_value (self->topology_m_spin, params->topology_k);
  else if (params->topology != GV_TOPOLOGY_COMPLETE && params->topology != GV_TOPOLOGY_GRID &&
           params->topology != GV_TOPOLOGY_ER)
    gtk_spin_button_set_value (self->topology_k_spin, params->topology_k);
  if (params->topology == GV_TOPOLOGY_ER || params->topology == GV_TOPOLOGY_WS)
    gtk_spin_button_set_value (self->topology_p_spin, params->topology_p);

  fill_protocol_list (self);
  adw_combo_row_set_selected (self->protocol_row, index_of_protocol (params->protocol));
  ensure_protocol_rows (self);
  show_values (self);

  gtk_spin_button_set_value (self->fanout_spin, params->fanout);
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
  self->updating--;
  gv_params_panel_set_error (self, NULL);
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0, TRUE);
}

GtkWidget *
gv_params_panel_get_param_row (GvParamsPanel *self,
                               const char    *name)
{
  g_return_val_if_fail (GV_IS_PARAMS_PANEL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *pr = &g_array_index (self->rows, ParamRow, i);

      if (g_strcmp0 (spec_of (self, pr->index)->name, name) == 0)
        return pr->row;
    }
  return NULL;
}

GtkWidget *
gv_params_panel_get_choice_arg_row (GvParamsPanel *self,
                                    const char    *name,
                                    guint          arg)
{
  g_return_val_if_fail (GV_IS_PARAMS_PANEL (self), NULL);
  g_return_val_if_fail (arg < GV_MAX_CHOICE_ARGS, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      ParamRow *pr = &g_array_index (self->rows, ParamRow, i);

      if (g_strcmp0 (spec_of (self, pr->index)->name, name) == 0)
        return pr->arg_rows[arg];
    }
  return NULL;
}
