/* gv-cli-protocols.c: grapevine-cli protocols, the registry as a person or a script
 * reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything printed comes from the declarations: the parameters, the injection, the
 * metrics, the node classes, the summary figures, the charts, and what the protocol's
 * theory says of a run with its default parameters.
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "gv-cli-private.h"
#include "gv-run-chart.h"
#include "gv-topology.h"

/* The palette's slots and the second cues, by GvColorSlot and GvNodeCue. */
static const char *const slot_names[] = {
  "idle", "active", "done", "down", "partial", "alert", "good", "faint",
};
static const char *const cue_names[] = {
  "hollow", "ring", "plain", "cross", "half", "quarter", "three-quarters", "square", "diamond",
};
static const char *const param_types[] = { "int", "double", "bool", "choice" };
static const char *const metric_kinds[] = { "count", "fraction", "time" };
static const char *const figure_kinds[] = { "count", "fraction", "rounds", "ratio" };

G_STATIC_ASSERT (G_N_ELEMENTS (slot_names) == GV_N_SLOTS);
G_STATIC_ASSERT (G_N_ELEMENTS (cue_names) == GV_N_CUES);
G_STATIC_ASSERT (G_N_ELEMENTS (param_types) == GV_PARAM_CHOICE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (metric_kinds) == GV_METRIC_TIME + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (figure_kinds) == GV_FIGURE_RATIO + 1);

/* "    left                  text": where each column starts, and the spaces at least
 * between them. */
#define INDENT_LEFT  4
#define INDENT_TEXT  28
#define GAP          2

/* What theory says of a run with the default parameters. */
typedef struct
{
  GPtrArray  *curves;     /* GvTheoryCurve, or NULL */
  char       *why;        /* when there are none */
  gboolean    predicted;
  double      rounds;
  double      messages;
  const char *source;     /* of the prediction, untranslated */
} Theory;

static void
theory_clear (Theory *theory)
{
  g_clear_pointer (&theory->curves, g_ptr_array_unref);
  g_clear_pointer (&theory->why, g_free);
}

/* @params: the protocol's defaults. */
static void
theory_init (Theory         *theory,
             const GvParams *params)
{
  const GvProtocol *protocol = params->protocol;
  g_autoptr(GvTopology) topology = NULL;

  *theory = (Theory) { NULL, NULL, FALSE, NAN, NAN, NULL };

  /* The default network is small and complete: it costs nothing to make, and a
   * formula that needs the network has it. */
  topology = gv_topology_new (params, NULL, NULL);

  if (protocol->theory != NULL)
    theory->curves = protocol->theory (params, topology, &theory->why);
  if (theory->curves == NULL && theory->why == NULL)
    theory->why = g_strdup (_("No theory is declared."));

  if (protocol->predict != NULL)
    theory->predicted = protocol->predict (params, topology, &theory->rounds, &theory->messages,
                                           &theory->source);
}

/* "  Label: a, b, c", wrapped under the label. */
static void
append_labelled (GString    *out,
                 const char *label,
                 const char *text)
{
  g_string_append_printf (out, "  %s ", label);
  gv_cli_append_wrapped (out, text, 3 + (guint) g_utf8_strlen (label, -1), INDENT_LEFT);
  g_string_append_c (out, '\n');
}

static char *
arg_range (const GvParamArg *arg)
{
  char lo[G_ASCII_DTOSTR_BUF_SIZE];
  char hi[G_ASCII_DTOSTR_BUF_SIZE];
  char def[G_ASCII_DTOSTR_BUF_SIZE];

  /* TRANSLATORS: a choice's argument: "K: 1 to 1000 [2]" */
  return g_strdup_printf (_("%s: %s to %s [%s]"), arg->name,
                          gv_format_double (lo, sizeof lo, arg->min),
                          gv_format_double (hi, sizeof hi, arg->max),
                          gv_format_double (def, sizeof def, arg->def));
}

static void
append_params_text (GString          *out,
                    const GvProtocol *protocol)
{
  g_string_append_printf (out, "  %s\n", _("Parameters:"));
  if (protocol->n_params == 0)
    gv_cli_append_columns (out, INDENT_LEFT, _("none"), INDENT_TEXT, GAP, NULL);

  for (guint i = 0; i < protocol->n_params; i++)
    {
      const GvParamSpec *spec = &protocol->params[i];
      g_autofree char *left = NULL;
      g_autofree char *range = gv_cli_param_range (spec);
      g_autofree char *first = NULL;

      left = spec->type == GV_PARAM_BOOL
             ? g_strdup_printf ("--%s", spec->name)
             : g_strdup_printf ("--%s %s", spec->name,
                                spec->metavar != NULL ? spec->metavar : "VALUE");
      /* TRANSLATORS: a parameter's label, type, and values with the default */
      first = g_strdup_printf (_("%s (%s): %s"), _(spec->label), param_types[spec->type], range);
      gv_cli_append_columns (out, INDENT_LEFT, left, INDENT_TEXT, GAP, first);
      gv_cli_append_columns (out, INDENT_TEXT, "", INDENT_TEXT, GAP, _(spec->help));

      for (guint c = 0; spec->type == GV_PARAM_CHOICE && c < spec->n_choices; c++)
        {
          const GvParamChoice *choice = &spec->choices[c];
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *usage = gv_param_choice_usage (choice);

          g_string_append_printf (text, "%s: %s", _(choice->label), _(choice->help));
          for (guint a = 0; a < choice->n_args; a++)
            {
              g_autofree char *range_arg = arg_range (&choice->args[a]);

              g_string_append_printf (text, " %s.", range_arg);
            }
          gv_cli_append_columns (out, INDENT_LEFT + 2, usage, INDENT_TEXT, GAP, text->str);
        }
    }
}

static void
append_theory_text (GString      *out,
                    const Theory *theory)
{
  g_string_append_printf (out, "  %s\n", _("Theory, with the default parameters:"));

  if (theory->curves == NULL || theory->curves->len == 0)
    gv_cli_append_columns (out, INDENT_LEFT, _("none"), INDENT_TEXT, GAP, theory->why);

  for (guint i = 0; theory->curves != NULL && i < theory->curves->len; i++)
    {
      const GvTheoryCurve *curve = g_ptr_array_index (theory->curves, i);
      g_autofree char *left = NULL;

      /* TRANSLATORS: a theory curve and the chart it is drawn on: "Mean field (coverage)" */
      left = g_strdup_printf (_("%s (%s)"), curve->label, curve->chart);
      gv_cli_append_columns (out, INDENT_LEFT, left, INDENT_TEXT, GAP, curve->source);
    }

  if (theory->predicted)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* TRANSLATORS: what theory predicts of a run: "rounds: 6.395" */
      if (isfinite (theory->rounds))
        g_string_append_printf (text, _("rounds: %.4g"), theory->rounds);
      if (isfinite (theory->messages))
        {
          if (text->len > 0)
            g_string_append (text, ", ");
          /* TRANSLATORS: what theory predicts of a run: "messages: 99" */
          g_string_append_printf (text, _("messages: %.6g"), theory->messages);
        }
      if (theory->source != NULL)
        g_string_append_printf (text, " (%s)", _(theory->source));
      gv_cli_append_columns (out, INDENT_LEFT, _("predicted"), INDENT_TEXT, GAP, text->str);
    }
}

static void
append_protocol_text (GString          *out,
                      const GvProtocol *protocol)
{
  g_autoptr(GvParams) params = gv_params_new_for (protocol);
  g_autoptr(GPtrArray) charts = gv_run_chart_list (protocol);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *list = NULL;
  GvClassTable classes;
  Theory theory;

  g_string_append_printf (out, "%s — %s\n  ", protocol->id, _(protocol->name));
  gv_cli_append_wrapped (out, _(protocol->description), 2, 2);
  g_string_append (out, "\n\n");

  append_params_text (out, protocol);

  if (protocol->injection != NULL)
    {
      const GvInjectionSpec *spec = protocol->injection;
      g_autofree char *usage = gv_cli_injection_usage (spec);
      g_autofree char *left = g_strdup_printf ("--%s %s", spec->option, usage);
      g_autofree char *text = NULL;

      /* TRANSLATORS: what a protocol's news is called, how many a run may hold, and
       * its help */
      text = g_strdup_printf (_("%s, at most %u a run: %s"), _(spec->label),
                              MIN (spec->max, GV_MAX_INJECTIONS), _(spec->help));
      g_string_append_printf (out, "  %s\n", _("News:"));
      gv_cli_append_columns (out, INDENT_LEFT, left, INDENT_TEXT, GAP, text);
    }

  g_string_append_printf (out, "  %s\n", _("Metrics:"));
  for (guint i = 0; i < protocol->n_metrics; i++)
    {
      const GvMetricSpec *metric = &protocol->metrics[i];
      g_autofree char *text = NULL;

      if (metric->flags & GV_METRIC_FLAG_PER_ITEM)
        /* TRANSLATORS: a metric with a value for each item: its label and unit */
        text = g_strdup_printf (_("%s, in %s, one an item"), _(metric->label), _(metric->unit));
      else
        /* TRANSLATORS: a metric: its label and unit */
        text = g_strdup_printf (_("%s, in %s"), _(metric->label), _(metric->unit));
      gv_cli_append_columns (out, INDENT_LEFT, metric->id, INDENT_TEXT, GAP, text);
    }

  g_string_append_printf (out, "  %s\n", _("Node classes, with the default parameters:"));
  gv_class_table_init (&classes, params);
  for (guint i = 0; i < classes.n; i++)
    {
      const GvNodeClass *cls = &classes.classes[i];
      g_autofree char *text = NULL;

      /* TRANSLATORS: a node class: "Spreading: colour active, cue ring" */
      text = g_strdup_printf (_("%s: colour %s, cue %s"), _(cls->label), slot_names[cls->slot],
                              cue_names[cls->cue]);
      gv_cli_append_columns (out, INDENT_LEFT, cls->id, INDENT_TEXT, GAP, text);
    }

  g_ptr_array_add (ids, "rounds");
  g_ptr_array_add (ids, "converged");
  for (guint i = 0; i < protocol->n_figures; i++)
    g_ptr_array_add (ids, (gpointer) protocol->figures[i].id);
  g_ptr_array_add (ids, "messages");
  list = gv_cli_join_list ((const char *const *) ids->pdata, ids->len, ", ");
  append_labelled (out, _("Summary figures:"), list);

  g_ptr_array_set_size (ids, 0);
  for (guint i = 0; i < charts->len; i++)
    g_ptr_array_add (ids, ((GvRunChartEntry *) g_ptr_array_index (charts, i))->id);
  g_clear_pointer (&list, g_free);
  list = gv_cli_join_list ((const char *const *) ids->pdata, ids->len, ", ");
  append_labelled (out, _("Charts (chart --kind):"), list);
  append_labelled (out, _("Topologies:"), protocol->complete_only ? _("the complete graph only")
                                                                  : _("every topology"));

  theory_init (&theory, params);
  append_theory_text (out, &theory);
  theory_clear (&theory);
}

char *
gv_cli_protocols_to_text (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const GvMetricSpec *core;
  guint n_core;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *list = NULL;

  core = gv_core_metrics (&n_core);
  for (guint m = 0; m < n_core; m++)
    g_ptr_array_add (ids, (gpointer) core[m].id);
  list = gv_cli_join_list ((const char *const *) ids->pdata, ids->len, ", ");

  g_string_append (out, _("Every protocol's runs record the core's metrics:"));
  g_string_append (out, "\n  ");
  gv_cli_append_wrapped (out, list, 2, 2);
  g_string_append (out, "\n");

  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      g_string_append_c (out, '\n');
      append_protocol_text (out, gv_protocol_get_nth (i));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_translated (JsonBuilder *b,
                const char  *name,
                const char  *value)
{
  add_string (b, name, value != NULL ? _(value) : NULL);
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* A whole number as one, so that scripts read 255 and not 255.0. */
static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value,
            gboolean     whole)
{
  if (whole && isfinite (value) && value == floor (value) && fabs (value) < 9007199254740992.0)
    {
      json_builder_set_member_name (b, name);
      json_builder_add_int_value (b, (gint64) value);
    }
  else
    add_double (b, name, value);
}

static void
add_param_json (JsonBuilder       *b,
                const GvParamSpec *spec)
{
  g_autofree char *def = NULL;
  GvParamValue value;

  gv_param_default (spec, &value);
  def = gv_param_to_string (spec, &value);

  json_builder_begin_object (b);
  add_string (b, "name", spec->name);
  {
    g_autofree char *option = g_strconcat ("--", spec->name, NULL);

    json_builder_set_member_name (b, "option");
    json_builder_add_string_value (b, option);
  }
  add_translated (b, "label", spec->label);
  add_translated (b, "help", spec->help);
  add_string (b, "metavar", spec->metavar);
  add_string (b, "type", param_types[spec->type]);
  add_string (b, "default", def);

  switch (spec->type)
    {
    case GV_PARAM_INT:
      json_builder_set_member_name (b, "min");
      json_builder_add_int_value (b, spec->min);
      json_builder_set_member_name (b, "max");
      json_builder_add_int_value (b, spec->max);
      break;
    case GV_PARAM_DOUBLE:
      add_double (b, "min", spec->dmin);
      add_double (b, "max", spec->dmax);
      break;
    case GV_PARAM_CHOICE:
      json_builder_set_member_name (b, "choices");
      json_builder_begin_array (b);
      for (guint c = 0; c < spec->n_choices; c++)
        {
          const GvParamChoice *choice = &spec->choices[c];

          json_builder_begin_object (b);
          add_string (b, "id", choice->id);
          add_translated (b, "label", choice->label);
          add_translated (b, "help", choice->help);
          json_builder_set_member_name (b, "args");
          json_builder_begin_array (b);
          for (guint a = 0; a < choice->n_args; a++)
            {
              json_builder_begin_object (b);
              add_string (b, "name", choice->args[a].name);
              add_translated (b, "label", choice->args[a].label);
              add_translated (b, "help", choice->args[a].help);
              add_string (b, "type", choice->args[a].is_double ? "double" : "int");
              add_number (b, "min", choice->args[a].min, !choice->args[a].is_double);
              add_number (b, "max", choice->args[a].max, !choice->args[a].is_double);
              add_number (b, "default", choice->args[a].def, !choice->args[a].is_double);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      break;
    case GV_PARAM_BOOL:
    default:
      break;
    }

  json_builder_set_member_name (b, "old_spelling");
  if (spec->flags & GV_PARAM_FLAG_BARE)
    json_builder_add_string_value (b, "--protocol");
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
add_metric_json (JsonBuilder        *b,
                 const GvMetricSpec *metric)
{
  json_builder_begin_object (b);
  add_string (b, "id", metric->id);
  add_translated (b, "label", metric->label);
  add_translated (b, "unit", metric->unit);
  add_translated (b, "help", metric->help);
  add_string (b, "kind", metric_kinds[metric->kind]);
  json_builder_set_member_name (b, "per_item");
  json_builder_add_boolean_value (b, (metric->flags & GV_METRIC_FLAG_PER_ITEM) != 0);
  json_builder_end_object (b);
}

static void
add_theory_json (JsonBuilder  *b,
                 const Theory *theory)
{
  json_builder_set_member_name (b, "theory");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "curves");
  json_builder_begin_array (b);
  for (guint i = 0; theory->curves != NULL && i < theory->curves->len; i++)
    {
      const GvTheoryCurve *curve = g_ptr_array_index (theory->curves, i);

      json_builder_begin_object (b);
      add_string (b, "label", curve->label);
      add_string (b, "source", curve->source);
      add_string (b, "chart", curve->chart);
      add_string (b, "style", curve->style == GV_THEORY_LEVEL ? "level" : "curve");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_string (b, "why_none", theory->why);
  json_builder_set_member_name (b, "predict");
  if (theory->predicted)
    {
      json_builder_begin_object (b);
      add_double (b, "rounds", theory->rounds);
      add_double (b, "messages", theory->messages);
      add_translated (b, "source", theory->source);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
add_protocol_json (JsonBuilder      *b,
                   const GvProtocol *protocol)
{
  g_autoptr(GvParams) params = gv_params_new_for (protocol);
  g_autoptr(GPtrArray) charts = gv_run_chart_list (protocol);
  GvClassTable classes;
  Theory theory;

  json_builder_begin_object (b);
  add_string (b, "id", protocol->id);
  add_translated (b, "name", protocol->name);
  add_translated (b, "description", protocol->description);

  json_builder_set_member_name (b, "params");
  json_builder_begin_array (b);
  for (guint i = 0; i < protocol->n_params; i++)
    add_param_json (b, &protocol->params[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "injection");
  if (protocol->injection != NULL)
    {
      const GvInjectionSpec *spec = protocol->injection;
      g_autofree char *option = g_strconcat ("--", spec->option, NULL);
      g_autofree char *usage = gv_cli_injection_usage (spec);

      json_builder_begin_object (b);
      add_string (b, "option", option);
      add_string (b, "value", usage);
      add_translated (b, "label", spec->label);
      add_translated (b, "help", spec->help);
      add_string (b, "arg", spec->arg);
      add_string (b, "arg_bound", spec->arg_bound);
      json_builder_set_member_name (b, "max");
      json_builder_add_int_value (b, MIN (spec->max, GV_MAX_INJECTIONS));
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_array (b);
  for (guint i = 0; i < protocol->n_metrics; i++)
    add_metric_json (b, &protocol->metrics[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  gv_class_table_init (&classes, params);
  for (guint i = 0; i < classes.n; i++)
    {
      const GvNodeClass *cls = &classes.classes[i];

      json_builder_begin_object (b);
      add_string (b, "id", cls->id);
      add_translated (b, "label", cls->label);
      add_translated (b, "help", cls->help);
      add_string (b, "slot", slot_names[cls->slot]);
      add_string (b, "cue", cue_names[cls->cue]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "figures");
  json_builder_begin_array (b);
  for (guint i = 0; i < protocol->n_figures; i++)
    {
      const GvFigureSpec *figure = &protocol->figures[i];

      json_builder_begin_object (b);
      add_string (b, "id", figure->id);
      add_translated (b, "label", figure->label);
      add_string (b, "heading", figure->heading);
      add_translated (b, "help", figure->help);
      add_string (b, "kind", figure_kinds[figure->kind]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "charts");
  json_builder_begin_array (b);
  for (guint i = 0; i < charts->len; i++)
    json_builder_add_string_value (b, ((GvRunChartEntry *) g_ptr_array_index (charts, i))->id);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "complete_only");
  json_builder_add_boolean_value (b, protocol->complete_only);
  json_builder_set_member_name (b, "uses_fanout");
  json_builder_add_boolean_value (b, protocol->uses_fanout);

  theory_init (&theory, params);
  add_theory_json (b, &theory);
  theory_clear (&theory);

  json_builder_end_object (b);
}

JsonNode *
gv_cli_protocols_to_json (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const GvMetricSpec *core;
  guint n_core;

  core = gv_core_metrics (&n_core);

  json_builder_begin_object (b);
  add_string (b, "default", gv_protocol_get_default ()->id);
  json_builder_set_member_name (b, "core_metrics");
  json_builder_begin_array (b);
  for (guint m = 0; m < n_core; m++)
    add_metric_json (b, &core[m]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "protocols");
  json_builder_begin_array (b);
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    add_protocol_json (b, gv_protocol_get_nth (i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

int
gv_cli_protocols_main (int    argc,
                       char **argv)
{
  g_autofree char *output = NULL;
  gboolean json = FALSE;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          gv_cli_write_out (gv_cli_protocols_usage ());
          return gv_cli_flush_out (_("cannot write the help")) ? GV_CLI_EXIT_OK
                                                                : GV_CLI_EXIT_FAILURE;
        }
      else if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (argv[i][0] == '-')
        {
          gv_cli_print_error (_("%s: unknown option; see “grapevine-cli help protocols”"),
                              argv[i]);
          return GV_CLI_EXIT_USAGE;
        }
      else
        {
          gv_cli_print_error (_("unexpected argument “%s”; protocols takes only --json"),
                              argv[i]);
          return GV_CLI_EXIT_USAGE;
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) root = gv_cli_protocols_to_json ();
      g_autofree char *data = gv_json_to_string (root, TRUE);

      output = g_strconcat (data, "\n", NULL);
    }
  else
    output = gv_cli_protocols_to_text ();

  gv_cli_write_out (output);
  return gv_cli_flush_out (_("cannot write the protocols")) ? GV_CLI_EXIT_OK
                                                             : GV_CLI_EXIT_FAILURE;
}
