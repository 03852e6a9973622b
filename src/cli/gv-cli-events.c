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

static const char *const fault_names[] = { "loss", "crash", "recover" };

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

  if (!gv_intervention_kind_from_string (parts[1], &iv.kind))
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("--event %s: “%s” is not crash, revive, inject or faults"), text, parts[1]);
      return FALSE;
    }

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
                gconstpointer b)
{
  guint32 ra = ((const GvCliEvent *) a)->iv.round;
  guint32 rb = ((const GvCliEvent *) b)->iv.round;

  return ra < rb ? -1 : ra > rb;
}

/* Whether @event fits the run of @params; says why not, after the event's text. */
static gboolean
check_event (const GvParams    *params,
             const GvCliEvent  *event,
             GError           **error)
{
  const GvIntervention *iv = &event->iv;
  const GvInjectionSpec *spec = params->protocol->injection;
  /* Faults are at no node, and only an injection has an argument. */
  gint64 node = iv->kind != GV_INTERVENTION_FAULTS ? (gint64) iv->node : -1;
  gint64 arg = iv->kind == GV_INTERVENTION_INJECT ? (gint64) iv->arg : -1;

  if (!gv_cli_check_target (params, event->text, node, iv->round, arg, error))
    return FALSE;

  if (iv->kind != GV_INTERVENTION_INJECT)
    return TRUE;

  if (spec == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM, _("%s: %s has nothing to inject"),
                   event->text, params->protocol->id);
      return FALSE;
    }

  if (event->has_arg && spec->arg == NULL)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: %s takes no argument after the node: ROUND:inject:NODE"), event->text,
                   params->protocol->id);
      return FALSE;
    }

  return TRUE;
}

gboolean
gv_cli_resolve_events (GvCliOptions  *options,
                       GError       **error)
{
  const GvParams *params = options->params;
  GArray *events = options->events;
  double faults[3] = { params->loss, params->crash, params->recover };

  for (guint i = 0; i < events->len; i++)
    if (!check_event (params, &g_array_index (events, GvCliEvent, i), error))
      return FALSE;

  /* In the order a run makes them: by round, and as given within a round, which a stable
   * sort keeps. */
  g_array_sort (events, compare_events);

  /* A probability left out keeps the one before it. */
  for (guint i = 0; i < events->len; i++)
    {
      GvIntervention *iv = &g_array_index (events, GvCliEvent, i).iv;
      double *values[] = { &iv->loss, &iv->crash, &iv->recover };

      if (iv->kind != GV_INTERVENTION_FAULTS)
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        {
          if (isnan (*values[k]))
            *values[k] = faults[k];
          faults[k] = *values[k];
        }
    }

  return TRUE;
}
