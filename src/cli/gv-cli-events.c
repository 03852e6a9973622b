/* gv-cli-events.c: interventions from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --event ROUND:crash:NODE, ROUND:revive:NODE, ROUND:inject:NODE[:ARG] and
 * ROUND:faults:loss=P,crash=P,recover=P are the interventions the window records
 * (GvIntervention): each is made after round ROUND's record, before round ROUND + 1,
 * exactly as a replay of the saved run makes it.
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gv-cli-private.h"
#include "gv-error.h"

/* As run files spell them, by GvInterventionKind. */
static const char *const kind_names[] = { "faults", "crash", "revive", "inject" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == GV_INTERVENTION_INJECT + 1);

static const char *const fault_names[] = { "loss", "crash", "recover" };

typedef struct
{
  GvIntervention intervention;
  guint          index;       /* on the command line */
} Event;

static void
set_form_error (GError     **error,
                const char  *text)
{
  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("--event: “%s” is not ROUND:crash:NODE, ROUND:revive:NODE, "
                 "ROUND:inject:NODE[:ARG] or ROUND:faults:loss=P,crash=P,recover=P"),
               text);
}

static gboolean
parse_faults (const char      *text,
              const char      *list,
              GvIntervention  *intervention,
              GError         **error)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);
  double *values[] = { &intervention->loss, &intervention->crash, &intervention->recover };

  intervention->loss = intervention->crash = intervention->recover = NAN;

  if (items[0] == NULL)
    {
      set_form_error (error, text);
      return FALSE;
    }

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *equals = strchr (items[i], '=');
      g_autofree char *key = equals != NULL ? g_strndup (items[i], equals - items[i]) : NULL;
      g_autofree char *what = NULL;
      guint k;

      for (k = 0; key != NULL && k < G_N_ELEMENTS (fault_names); k++)
        if (g_str_equal (key, fault_names[k]))
          break;

      if (key == NULL || k == G_N_ELEMENTS (fault_names))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("--event %s: “%s” is not loss=P, crash=P or recover=P"), text, items[i]);
          return FALSE;
        }

      if (!isnan (*values[k]))
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("--event %s: %s is given twice"), text,
                       key);
          return FALSE;
        }

      what = g_strdup_printf ("--event %s: %s", text, key);
      if (!gv_cli_parse_fraction (what, equals + 1, values[k], error))
        return FALSE;
    }

  return TRUE;
}

gboolean
gv_cli_parse_event (const char      *text,
                    GvIntervention  *intervention,
                    gboolean        *has_arg,
                    GError         **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *what = NULL;
  GvIntervention iv = { 0 };
  guint64 number;
  guint kind;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (intervention != NULL, FALSE);

  if (has_arg != NULL)
    *has_arg = FALSE;

  parts = g_strsplit (text, ":", 3);
  if (g_strv_length (parts) < 3)
    {
      set_form_error (error, text);
      return FALSE;
    }

  what = g_strdup_printf ("--event %s: %s", text, _("round"));
  if (!gv_cli_parse_count (what, parts[0], 0, GV_MAX_ROUNDS - 1, &number, error))
    return FALSE;
  iv.round = (guint32) number;

  for (kind = 0; kind < G_N_ELEMENTS (kind_names); kind++)
    if (g_str_equal (parts[1], kind_names[kind]))
      break;

  if (kind == G_N_ELEMENTS (kind_names))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--event %s: “%s” is not crash, revive, inject or faults"), text, parts[1]);
      return FALSE;
    }
  iv.kind = (GvInterventionKind) kind;

  if (iv.kind == GV_INTERVENTION_FAULTS)
    {
      if (!parse_faults (text, parts[2], &iv, error))
        return FALSE;
    }
  else
    {
      g_auto(GStrv) node_arg = g_strsplit (parts[2], ":", 2);

      if (node_arg[0] == NULL || (node_arg[1] != NULL && iv.kind != GV_INTERVENTION_INJECT))
        {
          set_form_error (error, text);
          return FALSE;
        }

      g_free (what);
      what = g_strdup_printf ("--event %s: %s", text, _("node"));
      if (!gv_cli_parse_count (what, node_arg[0], 0, GV_MAX_NODES - 1, &number, error))
        return FALSE;
      iv.node = (guint32) number;

      if (node_arg[1] != NULL)
        {
          g_free (what);
          what = g_strdup_printf ("--event %s: %s", text, _("argument"));
          if (!gv_cli_parse_count (what, node_arg[1], 0, G_MAXUINT32 - 1, &number, error))
            return FALSE;
          iv.arg = (guint32) number;
          if (has_arg != NULL)
            *has_arg = TRUE;
        }
    }

  *intervention = iv;
  return TRUE;
}

static gint
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Event *ea = a;
  const Event *eb = b;

  if (ea->intervention.round != eb->intervention.round)
    return ea->intervention.round < eb->intervention.round ? -1 : 1;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

/* Whether @iv fits the run of @params; says why not, after the event's text. */
static gboolean
check_event (const GvParams        *params,
             const GvIntervention  *iv,
             gboolean               has_arg,
             const char            *text,
             GError               **error)
{
  const GvInjectionSpec *spec = params->protocol->injection;

  if (iv->round >= params->max_rounds)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: round %u is not before --max-rounds %u"), text, iv->round,
                   params->max_rounds);
      return FALSE;
    }

  if (iv->kind == GV_INTERVENTION_FAULTS)
    return TRUE;

  if (iv->node >= params->n_nodes)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: node %u does not exist; with --nodes %u they are 0 to %u"), text,
                   iv->node, params->n_nodes, params->n_nodes - 1);
      return FALSE;
    }

  if (iv->kind != GV_INTERVENTION_INJECT)
    return TRUE;

  if (spec == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("%s: %s has nothing to inject"),
                   text, params->protocol->id);
      return FALSE;
    }

  if (has_arg && spec->arg == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: %s takes no argument after the node: ROUND:inject:NODE"), text,
                   params->protocol->id);
      return FALSE;
    }

  if (spec->arg != NULL && spec->arg_bound != NULL)
    {
      guint index;
      const GvParamSpec *bound = gv_protocol_find_param (params->protocol, spec->arg_bound,
                                                         &index);

      if (bound != NULL && (gint64) iv->arg >= gv_params_int (params, index))
        {
          gint64 limit = gv_params_int (params, index);
          g_autofree char *word = gv_cli_injection_arg_word (spec);

          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s: %s %u does not exist; with --%s %u they are 0 to %u"), text,
                       word, iv->arg, spec->arg_bound, (guint) limit, (guint) (limit - 1));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
gv_cli_resolve_events (GvCliOptions  *options,
                       GError       **error)
{
  const GvParams *params = options->params;
  GArray *given = options->interventions;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  double faults[3] = { params->loss, params->crash, params->recover };

  if (given->len == 0)
    return TRUE;

  events = g_array_sized_new (FALSE, FALSE, sizeof (Event), given->len);
  for (guint i = 0; i < given->len; i++)
    {
      Event event = { g_array_index (given, GvIntervention, i), i };
      const char *text = g_ptr_array_index (options->event_texts, i);
      gboolean has_arg = FALSE;

      /* Whether an injection named an argument is known from its text alone, which
       * parsed once already ("--event VALUE"). */
      if (event.intervention.kind == GV_INTERVENTION_INJECT)
        {
          GvIntervention again;

          gv_cli_parse_event (strchr (text, ' ') + 1, &again, &has_arg, NULL);
        }

      if (!check_event (params, &event.intervention, has_arg, text, error))
        return FALSE;

      g_array_append_val (events, event);
    }

  /* In the order a run makes them: by round, and as given within a round. */
  g_array_sort_with_data (events, compare_events, NULL);

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (GvIntervention), events->len);
  texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < events->len; i++)
    {
      Event *event = &g_array_index (events, Event, i);
      GvIntervention *iv = &event->intervention;

      /* A probability left out keeps the one before it. */
      if (iv->kind == GV_INTERVENTION_FAULTS)
        {
          double *values[] = { &iv->loss, &iv->crash, &iv->recover };

          for (guint k = 0; k < G_N_ELEMENTS (values); k++)
            {
              if (isnan (*values[k]))
                *values[k] = faults[k];
              faults[k] = *values[k];
            }
        }

      g_array_append_val (sorted, *iv);
      g_ptr_array_add (texts, g_strdup (g_ptr_array_index (options->event_texts, event->index)));
    }

  g_clear_pointer (&options->interventions, g_array_unref);
  g_clear_pointer (&options->event_texts, g_ptr_array_unref);
  options->interventions = g_steal_pointer (&sorted);
  options->event_texts = g_steal_pointer (&texts);

  return TRUE;
}
