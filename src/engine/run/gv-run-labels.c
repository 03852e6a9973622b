/* gv-run-labels.c: what tells runs apart, as labels for a comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every parameter can tell runs apart: the core's (network, faults, seed) and each
 * protocol's, described from its declaration.  A label names only what differs.
 */

#define G_LOG_DOMAIN "gv-run-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "gv-run-private.h"

typedef enum
{
  FIELD_PROTOCOL,
  FIELD_PARAMS,       /* the protocol's: a field each, by name */
  FIELD_TOPOLOGY,
  FIELD_NODES,
  FIELD_FANOUT,
  FIELD_LOSS,
  FIELD_CRASH,
  FIELD_RECOVER,
  FIELD_LOSE_STATE,
  FIELD_INJECTIONS,
  FIELD_MAX_ROUNDS,
  FIELD_INTERVENTIONS,
  FIELD_SEED,
  N_FIELDS
} Field;

typedef struct
{
  Field       field;
  const char *param;  /* FIELD_PARAMS: its name */
} Phrase;

static char *
format_percent (double fraction)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s%%", g_ascii_formatd (buf, sizeof buf, "%g", 100.0 * fraction));
}

/* A short phrase for one field of @run, or "" when it has none (a parameter of another
 * protocol). */
static char *
describe (GvRun        *run,
          const Phrase *phrase)
{
  const GvParams *p = run->params;
  const GvInjectionSpec *inj = p->protocol->injection;

  switch (phrase->field)
    {
    case FIELD_PROTOCOL:
      return g_utf8_strdown (_(p->protocol->name), -1);
    case FIELD_PARAMS:
      {
        guint index;
        const GvParamSpec *spec = gv_protocol_find_param (p->protocol, phrase->param, &index);
        g_autofree char *value = NULL;

        if (spec == NULL)
          return g_strdup ("");
        value = gv_param_to_string (spec, &p->values[index]);
        if (spec->flags & GV_PARAM_FLAG_BARE)
          return g_steal_pointer (&value);
        return g_strdup_printf ("%s %s", spec->name, value);
      }
    case FIELD_TOPOLOGY:
      return gv_params_topology_to_string (p);
    case FIELD_NODES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node", "%u nodes", p->n_nodes),
                              p->n_nodes);
    case FIELD_FANOUT:
      return g_strdup_printf (_("fanout %u"), p->fanout);
    case FIELD_LOSS:
      {
        g_autofree char *v = format_percent (p->loss);
        return g_strdup_printf (_("loss %s"), v);
      }
    case FIELD_CRASH:
      {
        g_autofree char *v = format_percent (p->crash);
        return g_strdup_printf (_("crash %s"), v);
      }
    case FIELD_RECOVER:
      {
        g_autofree char *v = format_percent (p->recover);
        return g_strdup_printf (_("recover %s"), v);
      }
    case FIELD_LOSE_STATE:
      return g_strdup (p->recover_loses_state ? _("state lost") : _("state kept"));
    case FIELD_INJECTIONS:
      {
        g_autofree char *what = g_utf8_strdown (_(inj->label), -1);
        GString *s = g_string_new (what);

        for (guint i = 0; i < gv_params_get_n_injections (p); i++)
          {
            GvInjection injection = gv_params_get_injection (p, i);

            g_string_append_printf (s, " %u@%u", injection.node, injection.round);
            if (inj->arg != NULL)
              g_string_append_printf (s, ":%u", injection.arg);
          }
        return g_string_free (s, FALSE);
      }
    case FIELD_MAX_ROUNDS:
      return g_strdup_printf (_("max %u rounds"), p->max_rounds);
    case FIELD_INTERVENTIONS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u intervention", "%u interventions",
                                           run->interventions->len),
                              run->interventions->len);
    case FIELD_SEED:
      return g_strdup_printf (_("seed %" PRIu64), p->seed);
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* The phrases in label order: the protocol, its parameters (those of every run's
 * protocol, each once), then the core's. */
static GArray *
collect_phrases (GvRun *const *runs,
                 guint         n_runs)
{
  GArray *phrases = g_array_new (FALSE, FALSE, sizeof (Phrase));

  for (Field f = 0; f < N_FIELDS; f++)
    {
      Phrase phrase = { f, NULL };

      if (f != FIELD_PARAMS)
        {
          g_array_append_val (phrases, phrase);
          continue;
        }

      for (guint i = 0; i < n_runs; i++)
        {
          const GvProtocol *protocol = runs[i]->params->protocol;

          for (guint k = 0; k < protocol->n_params; k++)
            {
              gboolean seen = FALSE;

              for (guint j = 0; j < phrases->len && !seen; j++)
                seen = g_strcmp0 (g_array_index (phrases, Phrase, j).param,
                                  protocol->params[k].name) == 0;
              if (!seen)
                {
                  phrase.param = protocol->params[k].name;
                  g_array_append_val (phrases, phrase);
                }
            }
        }
    }

  return phrases;
}

char **
gv_run_label_differences (GvRun *const *runs,
                          guint         n_runs)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GArray) phrases = NULL;
  g_autofree gboolean *differs = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (runs != NULL || n_runs == 0, NULL);

  phrases = collect_phrases (runs, n_runs);
  differs = g_new0 (gboolean, phrases->len);

  for (guint f = 0; f < phrases->len && n_runs > 0; f++)
    {
      const Phrase *phrase = &g_array_index (phrases, Phrase, f);
      g_autofree char *first = describe (runs[0], phrase);

      for (guint i = 1; i < n_runs && !differs[f]; i++)
        {
          g_autofree char *other = describe (runs[i], phrase);

          differs[f] = !g_str_equal (first, other);
        }
      any |= differs[f];
    }

  /* One run: say what it is. */
  if (n_runs == 1)
    {
      for (guint f = 0; f < phrases->len; f++)
        {
          const Phrase *phrase = &g_array_index (phrases, Phrase, f);

          differs[f] = phrase->field == FIELD_PROTOCOL || phrase->field == FIELD_TOPOLOGY ||
                       phrase->field == FIELD_NODES || phrase->field == FIELD_FANOUT ||
                       (phrase->field == FIELD_PARAMS &&
                        (gv_protocol_find_param (runs[0]->params->protocol, phrase->param,
                                                 NULL)->flags & GV_PARAM_FLAG_BARE));
        }
      any = TRUE;
    }

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(GString) label = g_string_new (NULL);

      if (!any)
        g_string_append_printf (label, _("run %u"), i + 1);

      for (guint f = 0; f < phrases->len; f++)
        if (differs[f])
          {
            g_autofree char *text = describe (runs[i], &g_array_index (phrases, Phrase, f));

            if (*text == '\0')
              continue;
            if (label->len > 0)
              g_string_append (label, ", ");
            g_string_append (label, text);
          }

      g_strv_builder_add (labels, label->str);
    }

  return g_strv_builder_end (labels);
}
