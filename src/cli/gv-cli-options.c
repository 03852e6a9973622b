/* gv-cli-options.c: the options of simulate, from the core's list and the protocols'
 * declarations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's options are listed here.  Every other option is a protocol's: a parameter
 * (--NAME VALUE, or a flag for a yes-or-no one), or its injection (--OPTION NODE@ROUND).
 * The protocol is found first, from --protocol or --mode anywhere on the line, so that
 * its options may come before it; an option that only another protocol has is an error
 * that names the protocols it belongs to.
 *
 * Two spellings of 0.1 keep working: --mode NAME is --protocol NAME, and --protocol
 * VALUE, where VALUE is no protocol but a value of one of the protocol's parameters that
 * say their value alone (GV_PARAM_FLAG_BARE), sets that parameter.
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gv-cli-private.h"
#include "gv-error.h"

typedef enum
{
  OPTION_NODES,
  OPTION_TOPOLOGY,
  OPTION_PROTOCOL,
  OPTION_MODE,
  OPTION_FANOUT,
  OPTION_LOSS,
  OPTION_CRASH,
  OPTION_RECOVER,
  OPTION_LOSE_STATE,
  OPTION_MAX_ROUNDS,
  OPTION_SEED,
  OPTION_REPEAT,
  OPTION_THREADS,
  OPTION_EVENT,
  OPTION_JSON,
  OPTION_OUTPUT,
  OPTION_DETAIL_CAP,
  OPTION_HELP,
} OptionId;

typedef struct
{
  const char *name;
  OptionId    id;
  gboolean    has_value;
} CoreOption;

static const CoreOption core_options[] = {
  { "--nodes",      OPTION_NODES,      TRUE },
  { "--topology",   OPTION_TOPOLOGY,   TRUE },
  { "--protocol",   OPTION_PROTOCOL,   TRUE },
  { "--mode",       OPTION_MODE,       TRUE },
  { "--fanout",     OPTION_FANOUT,     TRUE },
  { "--loss",       OPTION_LOSS,       TRUE },
  { "--crash",      OPTION_CRASH,      TRUE },
  { "--recover",    OPTION_RECOVER,    TRUE },
  { "--lose-state", OPTION_LOSE_STATE, FALSE },
  { "--max-rounds", OPTION_MAX_ROUNDS, TRUE },
  { "--seed",       OPTION_SEED,       TRUE },
  { "--repeat",     OPTION_REPEAT,     TRUE },
  { "--threads",    OPTION_THREADS,    TRUE },
  { "--event",      OPTION_EVENT,      TRUE },
  { "--json",       OPTION_JSON,       FALSE },
  { "--output",     OPTION_OUTPUT,     TRUE },
  { "--detail-cap", OPTION_DETAIL_CAP, TRUE },
  { "--help",       OPTION_HELP,       FALSE },
  { "-h",           OPTION_HELP,       FALSE },
};

/* What a protocol's option is. */
typedef enum
{
  PROTOCOL_OPTION_NONE,
  PROTOCOL_OPTION_PARAM,      /* --NAME VALUE, or --NAME for a yes-or-no parameter */
  PROTOCOL_OPTION_NEGATED,    /* --no-NAME, for a yes-or-no parameter */
  PROTOCOL_OPTION_INJECTION,  /* --OPTION NODE@ROUND */
} ProtocolOption;

static gboolean
is_negative_integer (const char *text)
{
  if (text[0] != '-' || text[1] == '\0')
    return FALSE;

  for (const char *p = text + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

static gboolean
split_injection (const char  *text,
                 gboolean     allow_arg,
                 char       **node,
                 char       **round,
                 char       **arg)
{
  const char *at = strchr (text, '@');
  const char *colon;

  if (at == NULL)
    return FALSE;

  colon = strchr (at + 1, ':');
  if (colon != NULL && !allow_arg)
    return FALSE;

  *node = g_strndup (text, at - text);
  if (colon != NULL)
    {
      *round = g_strndup (at + 1, colon - (at + 1));
      *arg = g_strdup (colon + 1);
    }
  else
    {
      *round = g_strdup (at + 1);
      *arg = NULL;
    }

  return TRUE;
}

static void
set_option_error (GError     **error,
                  const char  *option,
                  GError      *cause)
{
  g_set_error (error, GV_ERROR, GV_ERROR_PARSE, "%s: %s", option, cause->message);
}

static const CoreOption *
lookup_core_option (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (core_options); i++)
    if (g_str_equal (core_options[i].name, name))
      return &core_options[i];

  return NULL;
}

gboolean
gv_cli_is_core_option (const char *name)
{
  return lookup_core_option (name) != NULL;
}

/* Option @name ("--stop") of @protocol, and the index of its parameter. */
static ProtocolOption
find_protocol_option (const GvProtocol *protocol,
                      const char       *name,
                      guint            *index)
{
  const GvParamSpec *spec;
  const char *bare;

  if (!g_str_has_prefix (name, "--") || gv_cli_is_core_option (name))
    return PROTOCOL_OPTION_NONE;
  bare = name + 2;

  if (gv_protocol_find_param (protocol, bare, index) != NULL)
    return PROTOCOL_OPTION_PARAM;

  spec = g_str_has_prefix (bare, "no-") ? gv_protocol_find_param (protocol, bare + 3, index)
                                        : NULL;
  if (spec != NULL && spec->type == GV_PARAM_BOOL)
    return PROTOCOL_OPTION_NEGATED;

  if (protocol->injection != NULL && g_str_equal (protocol->injection->option, bare))
    return PROTOCOL_OPTION_INJECTION;

  return PROTOCOL_OPTION_NONE;
}

/* "--NAME: belongs to P and Q, not to R", when other protocols have @name. */
static gboolean
set_foreign_option_error (const GvProtocol  *protocol,
                          const char        *name,
                          GError           **error)
{
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *other = gv_protocol_get_nth (i);
      guint index;

      if (other != protocol && find_protocol_option (other, name, &index) != PROTOCOL_OPTION_NONE)
        g_ptr_array_add (owners, (gpointer) other->id);
    }

  if (owners->len == 0)
    return FALSE;

  list = gv_cli_join_list ((const char *const *) owners->pdata, owners->len, _(" and "));
  g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: belongs to %s, not to %s"), name, list,
               protocol->id);
  return TRUE;
}

static gboolean
parse_count_option (const char  *option,
                    const char  *value,
                    guint64      min,
                    guint64      max,
                    guint32     *out,
                    GError     **error)
{
  guint64 parsed;

  g_assert (max <= G_MAXUINT32);

  if (!gv_cli_parse_count (option, value, min, max, &parsed, error))
    return FALSE;

  *out = (guint32) parsed;
  return TRUE;
}

/* The protocol that --protocol or --mode names, wherever it is on the line; the last
 * one wins, as for every option.  Values that are no protocol are left for later. */
static const GvProtocol *
find_named_protocol (int    argc,
                     char **argv)
{
  const GvProtocol *named = NULL;

  for (int i = 0; i < argc; i++)
    {
      g_autofree char *name = NULL;
      const char *value;
      const GvProtocol *protocol;

      name = gv_cli_split_option (argv[i], &value);
      if (!g_str_equal (name, "--protocol") && !g_str_equal (name, "--mode"))
        continue;

      /* A missing value is the main loop's to report. */
      value = gv_cli_take_value (name, value, argc, argv, &i, NULL);
      protocol = value != NULL ? gv_protocol_find (value) : NULL;
      if (protocol != NULL)
        named = protocol;
    }

  return named;
}

/* --protocol VALUE where VALUE is no protocol: a value of one of the protocol's
 * parameters that say their value alone (0.1's --protocol VALUE). */
static gboolean
apply_bare_value (GvParams    *params,
                  const char  *option,
                  const char  *value,
                  GError     **error)
{
  const GvProtocol *protocol = params->protocol;
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();
  const char *param_name = NULL;
  g_autofree char *ids = NULL;

  for (guint i = 0; i < protocol->n_params; i++)
    {
      const GvParamSpec *spec = &protocol->params[i];
      GvParamValue parsed;

      if ((spec->flags & GV_PARAM_FLAG_BARE) && gv_param_parse (spec, value, &parsed, NULL))
        {
          gv_params_set_value (params, i, &parsed);
          return TRUE;
        }
    }

  /* Somebody else's, perhaps: say whose. */
  for (guint p = 0; p < gv_protocol_get_n (); p++)
    {
      const GvProtocol *other = gv_protocol_get_nth (p);

      for (guint i = 0; i < other->n_params && other != protocol; i++)
        {
          const GvParamSpec *spec = &other->params[i];
          GvParamValue parsed;

          if ((spec->flags & GV_PARAM_FLAG_BARE) && gv_param_parse (spec, value, &parsed, NULL)
              && (param_name == NULL || g_str_equal (param_name, spec->name)))
            {
              param_name = spec->name;
              g_ptr_array_add (owners, (gpointer) other->id);
              break;
            }
        }
    }

  if (owners->len > 0)
    {
      g_autofree char *list = gv_cli_join_list ((const char *const *) owners->pdata,
                                                owners->len, _(" and "));

      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("%s: “%s” is a value of --%s, which belongs to %s, not to %s"),
                   option, value, param_name, list, protocol->id);
      return FALSE;
    }

  ids = gv_cli_protocol_ids ();
  g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: unknown protocol “%s”; use %s"), option,
               value, ids);
  return FALSE;
}

/* A protocol's parameter, as gv_param_parse() reads it; a whole number that cannot be
 * negative as the core's options read theirs, so that they read alike. */
static gboolean
apply_param (GvParams    *params,
             guint        index,
             const char  *option,
             const char  *value,
             GError     **error)
{
  const GvParamSpec *spec = &params->protocol->params[index];
  g_autoptr(GError) local_error = NULL;
  GvParamValue parsed;

  if (spec->type == GV_PARAM_INT && spec->min >= 0 && spec->min <= spec->max)
    {
      guint64 number;

      if (!gv_cli_parse_count (option, value, (guint64) spec->min, (guint64) spec->max, &number,
                               error))
        return FALSE;
      gv_param_default (spec, &parsed);
      parsed.i = (gint64) number;
    }
  else if (!gv_param_parse (spec, value, &parsed, &local_error))
    {
      set_option_error (error, option, local_error);
      return FALSE;
    }

  gv_params_set_value (params, index, &parsed);
  return TRUE;
}

gboolean
gv_cli_check_target (const GvParams  *params,
                     const char      *option,
                     gint64           node,
                     guint32          round,
                     gint64           arg,
                     GError         **error)
{
  const GvInjectionSpec *spec = params->protocol->injection;

  if (node >= params->n_nodes)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: node %u does not exist; with --nodes %u they are 0 to %u"),
                   option, (guint) node, params->n_nodes, params->n_nodes - 1);
      return FALSE;
    }

  if (round >= params->max_rounds)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("%s: round %u is not before --max-rounds %u"),
                   option, round, params->max_rounds);
      return FALSE;
    }

  if (arg >= 0 && spec != NULL && spec->arg != NULL && spec->arg_bound != NULL)
    {
      gint64 limit = gv_params_injection_arg_limit (params);

      if (arg >= limit)
        {
          g_autofree char *word = gv_cli_injection_arg_word (spec);

          g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                       _("%s: %s %u does not exist; with --%s %" PRId64
                         " they are 0 to %" PRId64),
                       option, word, (guint) arg, spec->arg_bound, limit, limit - 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* Injections are collected apart from the parameters until every option is known:
 * the nodes, the rounds and the parameter their argument stays below. */
static gboolean
check_injections (GvParams     *params,
                  GArray       *injections,
                  GError      **error)
{
  const GvProtocol *protocol = params->protocol;
  const GvInjectionSpec *spec = protocol->injection;
  g_autofree char *option = NULL;
  guint max;

  if (injections->len == 0)
    return TRUE;

  option = g_strconcat ("--", spec->option, NULL);
  max = MIN (spec->max, GV_MAX_INJECTIONS);
  if (injections->len > max)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: at most %u may be given with %s"),
                   option, max, protocol->id);
      return FALSE;
    }

  for (guint i = 0; i < injections->len; i++)
    {
      const GvInjection *injection = &g_array_index (injections, GvInjection, i);

      if (!gv_cli_check_target (params, option, injection->node, injection->round,
                                injection->arg, error))
        return FALSE;
    }

  for (guint i = 0; i < injections->len; i++)
    {
      const GvInjection *injection = &g_array_index (injections, GvInjection, i);

      gv_params_add_injection (params, injection->node, injection->round, injection->arg);
    }

  return TRUE;
}

/* gv_params_validate() reports the first problem it finds without knowing which option
 * set what.  Put each suspect back to its default in turn: the one whose reset changes the
 * verdict is the option to name. */
static char *
blame_option (const GvParams *params,
              const GError   *verdict)
{
  const GvProtocol *protocol = params->protocol;
  g_autoptr(GvParams) defaults = gv_params_new_for (protocol);
  /* The fanout, the protocol's parameters in their order, the topology, the nodes. */
  guint n_suspects = protocol->n_params + 3;

  for (guint i = 0; i < n_suspects; i++)
    {
      g_autoptr(GvParams) probe = gv_params_copy (params);
      g_autoptr(GError) error = NULL;
      const char *option;

      if (i == 0)
        {
          probe->fanout = defaults->fanout;
          option = "fanout";
        }
      else if (i <= protocol->n_params)
        {
          GvParamValue value;

          gv_param_default (&protocol->params[i - 1], &value);
          gv_params_set_value (probe, i - 1, &value);
          option = protocol->params[i - 1].name;
        }
      else if (i == protocol->n_params + 1)
        {
          probe->topology = defaults->topology;
          probe->topology_k = defaults->topology_k;
          probe->topology_p = defaults->topology_p;
          option = "topology";
        }
      else
        {
          probe->n_nodes = defaults->n_nodes;
          g_array_set_size (probe->injections, 0);
          option = "nodes";
        }

      if (gv_params_validate (probe, &error) || !g_str_equal (error->message, verdict->message))
        return g_strconcat ("--", option, NULL);
    }

  return NULL;
}

static void
clear_event (gpointer data)
{
  GvCliEvent *event = data;

  g_clear_pointer (&event->text, g_free);
}

GvCliOptions *
gv_cli_options_new (void)
{
  GvCliOptions *options = g_new0 (GvCliOptions, 1);

  options->params = gv_params_new ();
  /* Nobody watches the messages fly here: per-message detail would only cost memory. */
  options->params->detail_cap = 0;
  options->n_threads = MAX (1, g_get_num_processors ());
  options->repeat = 1;
  options->events = g_array_new (FALSE, TRUE, sizeof (GvCliEvent));
  g_array_set_clear_func (options->events, clear_event);

  return options;
}

void
gv_cli_options_free (GvCliOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->params, gv_params_unref);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->events, g_array_unref);
  g_free (options);
}

gboolean
gv_cli_parse_count (const char  *option,
                    const char  *text,
                    guint64      min,
                    guint64      max,
                    guint64     *value,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 parsed;

  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (min <= max, FALSE);

  if (g_ascii_string_to_unsigned (text, 10, min, max, &parsed, &local_error))
    {
      *value = parsed;
      return TRUE;
    }

  if (g_error_matches (local_error, G_NUMBER_PARSER_ERROR,
                       G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS)
      || is_negative_integer (text))
    {
      if (max == G_MAXUINT64)
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                     _("%s: %s is out of range; it must be at least %" PRIu64),
                     option, text, min);
      else
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                     _("%s: %s is out of range; it must be from %" PRIu64
                     " to %" PRIu64),
                     option, text, min, max);
      return FALSE;
    }

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("%s: “%s” is not a whole number"), option, text);
  return FALSE;
}

gboolean
gv_cli_parse_fraction (const char  *option,
                       const char  *text,
                       double      *value,
                       GError     **error)
{
  double parsed;

  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (gv_parse_decimal (text, &parsed))
    {
      if (isfinite (parsed) && parsed >= 0.0 && parsed <= 1.0)
        {
          /* "-0" is zero, and a negative zero would print as "-0%". */
          *value = parsed == 0.0 ? 0.0 : parsed;
          return TRUE;
        }

      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("%s: %s is out of range; it must be from 0 to 1"), option, text);
      return FALSE;
    }

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
               _("%s: “%s” is not a number from 0 to 1"), option, text);
  return FALSE;
}

gboolean
gv_cli_parse_injection (const char             *option,
                        const char             *text,
                        const GvInjectionSpec  *spec,
                        GvInjection            *injection,
                        GError                **error)
{
  g_autofree char *node_text = NULL;
  g_autofree char *round_text = NULL;
  g_autofree char *arg_text = NULL;
  g_autofree char *what = NULL;
  gboolean allow_arg;
  guint64 node;
  guint64 round;
  guint64 arg = 0;

  g_return_val_if_fail (option != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (injection != NULL, FALSE);

  allow_arg = spec->arg != NULL;
  if (!split_injection (text, allow_arg, &node_text, &round_text, &arg_text))
    {
      g_autofree char *usage = gv_cli_injection_usage (spec);

      g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                   _("%s: “%s” is not %s (for example %s)"), option, text, usage,
                   allow_arg ? "0@0:0" : "0@0");
      return FALSE;
    }

  /* Name the part that is wrong, so "5@x" does not read as a bad node. */
  what = g_strdup_printf ("%s %s: %s", option, text, _("node"));
  if (!gv_cli_parse_count (what, node_text, 0, GV_MAX_NODES - 1, &node, error))
    return FALSE;

  g_free (what);
  what = g_strdup_printf ("%s %s: %s", option, text, _("round"));
  if (!gv_cli_parse_count (what, round_text, 0, GV_MAX_ROUNDS - 1, &round, error))
    return FALSE;

  if (arg_text != NULL)
    {
      g_autofree char *word = gv_cli_injection_arg_word (spec);

      g_free (what);
      what = g_strdup_printf ("%s %s: %s", option, text, word);
      if (!gv_cli_parse_count (what, arg_text, 0, G_MAXUINT32 - 1, &arg, error))
        return FALSE;
    }

  injection->node = (guint32) node;
  injection->round = (guint32) round;
  injection->arg = (guint32) arg;

  return TRUE;
}

gboolean
gv_cli_parse_simulate (GvCliOptions  *options,
                       int            argc,
                       char         **argv,
                       GError       **error)
{
  g_autoptr(GArray) injections = g_array_new (FALSE, TRUE, sizeof (GvInjection));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *culprit = NULL;
  GvParams *params;
  guint64 number;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (argc >= 0, FALSE);
  g_return_val_if_fail (argc == 0 || argv != NULL, FALSE);

  params = options->params;

  /* The protocol first: which options there are depends on it. */
  options->named_protocol = find_named_protocol (argc, argv);
  if (options->named_protocol != NULL)
    gv_params_set_protocol (params, options->named_protocol);

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      const char *equals_value;
      const CoreOption *core;
      ProtocolOption kind = PROTOCOL_OPTION_NONE;
      guint index = 0;
      gboolean has_value;

      if (arg[0] != '-')
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("unexpected argument “%s”; options start with --"), arg);
          return FALSE;
        }

      name = gv_cli_split_option (arg, &equals_value);

      core = lookup_core_option (name);
      if (core != NULL)
        has_value = core->has_value;
      else
        {
          kind = find_protocol_option (params->protocol, name, &index);
          if (kind == PROTOCOL_OPTION_NONE)
            {
              if (!set_foreign_option_error (params->protocol, name, error))
                g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                             _("%s: unknown option; see “grapevine-cli simulate --help”"), name);
              return FALSE;
            }

          /* A yes-or-no parameter is a flag, which may still say --NAME=false. */
          has_value = kind == PROTOCOL_OPTION_INJECTION
                      || (kind == PROTOCOL_OPTION_PARAM
                          && params->protocol->params[index].type != GV_PARAM_BOOL);
        }

      if (has_value)
        {
          value = gv_cli_take_value (name, equals_value, argc, argv, &i, error);
          if (value == NULL)
            return FALSE;
        }
      else if (equals_value != NULL)
        {
          /* Only a yes-or-no parameter's flag says a value, and only after "=". */
          if (kind != PROTOCOL_OPTION_PARAM)
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes no value"), name);
              return FALSE;
            }
          value = equals_value;
        }

      if (core == NULL)
        {
          switch (kind)
            {
            case PROTOCOL_OPTION_PARAM:
              if (!apply_param (params, index, name, value != NULL ? value : "true", error))
                return FALSE;
              break;

            case PROTOCOL_OPTION_NEGATED:
              if (!apply_param (params, index, name, "false", error))
                return FALSE;
              break;

            case PROTOCOL_OPTION_INJECTION:
              {
                GvInjection injection;

                if (!gv_cli_parse_injection (name, value, params->protocol->injection,
                                             &injection, error))
                  return FALSE;
                if (injections->len >= GV_MAX_INJECTIONS)
                  {
                    g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                                 _("%s: at most %u may be given"), name, GV_MAX_INJECTIONS);
                    return FALSE;
                  }
                g_array_append_val (injections, injection);
              }
              break;

            case PROTOCOL_OPTION_NONE:
            default:
              g_assert_not_reached ();
            }
          continue;
        }

      switch (core->id)
        {
        case OPTION_NODES:
          if (!parse_count_option (name, value, GV_MIN_NODES, GV_MAX_NODES,
                                   &params->n_nodes, error))
            return FALSE;
          break;

        case OPTION_TOPOLOGY:
          if (!gv_params_parse_topology (params, value, &local_error))
            {
              set_option_error (error, name, local_error);
              return FALSE;
            }
          break;

        case OPTION_PROTOCOL:
        case OPTION_MODE:
          /* A protocol was applied before the loop; anything else is the old spelling. */
          if (gv_protocol_find (value) == NULL
              && !apply_bare_value (params, name, value, error))
            return FALSE;
          break;

        case OPTION_FANOUT:
          if (!parse_count_option (name, value, 1, GV_MAX_NODES - 1, &params->fanout, error))
            return FALSE;
          break;

        case OPTION_LOSS:
          if (!gv_cli_parse_fraction (name, value, &params->loss, error))
            return FALSE;
          break;

        case OPTION_CRASH:
          if (!gv_cli_parse_fraction (name, value, &params->crash, error))
            return FALSE;
          break;

        case OPTION_RECOVER:
          if (!gv_cli_parse_fraction (name, value, &params->recover, error))
            return FALSE;
          break;

        case OPTION_LOSE_STATE:
          params->recover_loses_state = TRUE;
          break;

        case OPTION_MAX_ROUNDS:
          if (!parse_count_option (name, value, 1, GV_MAX_ROUNDS, &params->max_rounds, error))
            return FALSE;
          break;

        case OPTION_SEED:
          if (!gv_cli_parse_count (name, value, 0, G_MAXUINT64, &params->seed, error))
            return FALSE;
          break;

        case OPTION_REPEAT:
          if (!gv_cli_parse_count (name, value, 1, GV_CLI_MAX_REPEAT, &number, error))
            return FALSE;
          options->repeat = (guint) number;
          break;

        case OPTION_THREADS:
          if (!gv_cli_parse_count (name, value, 1, GV_CLI_MAX_THREADS, &number, error))
            return FALSE;
          options->n_threads = (guint) number;
          break;

        case OPTION_EVENT:
          {
            GvCliEvent event = { 0 };

            if (!gv_cli_parse_event (value, &event.iv, &event.has_arg, error))
              return FALSE;
            if (options->events->len >= GV_CLI_MAX_EVENTS)
              {
                g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: at most %u may be given"),
                             name, GV_CLI_MAX_EVENTS);
                return FALSE;
              }
            event.text = g_strdup_printf ("%s %s", name, value);
            g_array_append_val (options->events, event);
          }
          break;

        case OPTION_JSON:
          options->json = TRUE;
          break;

        case OPTION_OUTPUT:
          if (value[0] == '\0')
            {
              g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a file name"), name);
              return FALSE;
            }
          g_free (options->output);
          options->output = g_strdup (value);
          break;

        case OPTION_DETAIL_CAP:
          if (!parse_count_option (name, value, 0, GV_MAX_NODES, &params->detail_cap, error))
            return FALSE;
          options->detail_cap_given = TRUE;
          break;

        case OPTION_HELP:
          options->help = TRUE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* Asking for help is never an error, whatever else is on the line. */
  if (options->help)
    return TRUE;

  /* A saved run is for replaying: keep the messages of networks small enough to watch. */
  if (options->output != NULL && !options->detail_cap_given)
    params->detail_cap = GV_DEFAULT_DETAIL_CAP;

  if (!check_injections (params, injections, error))
    return FALSE;

  if (!gv_cli_resolve_events (options, error))
    return FALSE;

  if (options->repeat - 1 > G_MAXUINT64 - params->seed)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM,
                   _("--repeat: %u runs from --seed %" PRIu64
                   " would run past the largest seed"),
                   options->repeat, params->seed);
      return FALSE;
    }

  if (!gv_params_validate (params, &local_error))
    {
      culprit = blame_option (params, local_error);

      if (culprit != NULL)
        set_option_error (error, culprit, local_error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
