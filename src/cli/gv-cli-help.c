/* gv-cli-help.c: the usage texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's options are written out here; every protocol's are made from its
 * declarations (name, metavar, help, range or choices, default), so that a new protocol
 * appears in the help without a line changed in this folder.
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gv-cli-private.h"

static const char general_usage[] =
  N_("Usage: grapevine-cli COMMAND [OPTION…]\n"
  "\n"
  "Run Grapevine's gossip simulations without a window.\n"
  "\n"
  "Commands:\n"
  "  simulate       run a simulation, or several, and print the results\n"
  "  protocols      list the protocols, with their options, metrics and theory\n"
  "  chart          draw a chart of saved runs to PNG, SVG or PDF\n"
  "  csv            print a saved run's per-round metrics as CSV\n"
  "  validate       check saved runs and re-simulate them\n"
  "  help [COMMAND] show help for a command\n"
  "\n"
  "Options:\n"
  "  -h, --help     show this help\n"
  "  --version      show the version\n"
  "\n"
  "Run “grapevine-cli help COMMAND” for a command's options, and\n"
  "“grapevine-cli help simulate --protocol NAME” for one protocol's.\n");

static const char simulate_head[] =
  N_("Usage: grapevine-cli simulate [OPTION…]\n"
  "\n"
  "Simulate gossip in synchronous rounds and print a summary of each run.\n"
  "\n"
  "Network:\n"
  "  --nodes N                  number of nodes, 2 to 10000000 [100]\n"
  "  --topology SPEC            complete, ring:K, regular:K, er:P, ws:K:P, ba:M or grid\n"
  "                             [complete]\n"
  "\n"
  "Protocol:\n");

static const char simulate_protocol[] =
  N_("  --fanout B                 peers each node contacts in a round [1]\n");

static const char simulate_faults[] =
  N_("Faults:\n"
  "  --loss P                   chance that a message is lost, 0 to 1 [0]\n"
  "  --crash P                  chance that an alive node crashes in a round [0]\n"
  "  --recover P                chance that a crashed node recovers in a round [0]\n"
  "  --lose-state               a node that recovers has forgotten everything\n");

static const char simulate_events[] =
  N_("Interventions, as the window makes them, after round ROUND (repeatable):\n"
  "  --event ROUND:crash:NODE   take NODE down\n"
  "  --event ROUND:revive:NODE  bring NODE back up\n"
  "  --event ROUND:inject:NODE[:ARG]\n"
  "                             the protocol's news at NODE, and ARG for a protocol\n"
  "                             whose news takes one\n"
  "  --event ROUND:faults:loss=P,crash=P,recover=P\n"
  "                             new fault probabilities; one left out stays as it was\n");

static const char simulate_runs[] =
  N_("Runs:\n"
  "  --max-rounds R             give up after R rounds [1000]\n"
  "  --seed S                   seed of the first run [1]\n"
  "  --repeat R                 number of runs, with seeds S, S+1, … [1]\n"
  "  --threads T                worker threads; results do not depend on them\n"
  "                             [number of cores]\n"
  "  --json                     print JSON instead of a table\n"
  "  --output RUN.json          also save the run, to replay, chart or validate later;\n"
  "                             with --repeat R, to RUN-1.json … RUN-R.json\n"
  "  --detail-cap N             record every message and state change in networks of\n"
  "                             up to N nodes [4096 with --output, else 0]\n"
  "  -h, --help                 show this help; with --protocol NAME, only that\n"
  "                             protocol's options\n");

static const char simulate_tail[] =
  N_("Exit status: 0 on success, 1 when a run fails, 2 when the options are wrong.\n");

static const char chart_usage[] =
  N_("Usage: grapevine-cli chart RUN.json… --output FILE [OPTION…]\n"
  "\n"
  "Draw a chart of one saved run, or compare several in one chart; each curve is\n"
  "labelled by what differs in its parameters (for example “fanout 2”).\n"
  "\n"
  "Options:\n"
  "  --output FILE      the image: FILE.png, FILE.svg or FILE.pdf\n"
  "  --kind ID          the chart: coverage, messages, alive, one of the protocol's own\n"
  "                     or metric:ID for any per-round metric (“grapevine-cli\n"
  "                     protocols” lists them) [coverage]\n"
  "  --width W          width in pixels (PNG) or points, 50 to 10000 [800]\n"
  "  --height H         height in pixels (PNG) or points, 50 to 10000 [500]\n"
  "  --scale S          PNG only: pixels per unit, 0.25 to 8, e.g. 2 for HiDPI [1]\n"
  "  --dark             the dark palette\n"
  "  -h, --help         show this help\n"
  "\n"
  "Exit status: 0 on success, 1 when the image cannot be written, 2 when the options\n"
  "or a run file are wrong.\n");

static const char csv_usage[] =
  N_("Usage: grapevine-cli csv RUN.json\n"
  "\n"
  "Print a saved run's per-round metrics as CSV.  Comment lines (“# name: value”) come\n"
  "first: the engine version, every parameter as the run file names it, and each\n"
  "intervention as --event writes it.  Then one line a round after a header: the\n"
  "round, the core's metrics, then the protocol's, each named by its id.\n"
  "\n"
  "Exit status: 0 on success, 1 when the output cannot be written, 2 when the run file\n"
  "is wrong.\n");

static const char validate_usage[] =
  N_("Usage: grapevine-cli validate RUN.json…\n"
  "\n"
  "Check each saved run, then re-simulate it from its parameters, seed and\n"
  "interventions, and compare every round, event and the summary.  Prints OK, or the\n"
  "first difference; a run saved by another engine version says which one saved it.\n"
  "\n"
  "Exit status: 0 when every run reproduces, 1 when one does not, 2 when a file is not a\n"
  "valid run file.\n");

static const char protocols_usage[] =
  N_("Usage: grapevine-cli protocols [--json]\n"
  "\n"
  "List every protocol: its id, name and description, its parameters (the options of\n"
  "“grapevine-cli simulate”), its per-round metrics, node classes and summary figures,\n"
  "and what theory says of a run with the default parameters.\n"
  "\n"
  "Options:\n"
  "  --json         print JSON instead of text\n"
  "  -h, --help     show this help\n"
  "\n"
  "Exit status: 0 on success, 1 when the output cannot be written, 2 when the options\n"
  "are wrong.\n");

const char *
gv_cli_general_usage (void)
{
  return _(general_usage);
}

const char *
gv_cli_chart_usage (void)
{
  return _(chart_usage);
}

const char *
gv_cli_csv_usage (void)
{
  return _(csv_usage);
}

const char *
gv_cli_validate_usage (void)
{
  return _(validate_usage);
}

const char *
gv_cli_protocols_usage (void)
{
  return _(protocols_usage);
}

void
gv_cli_append_wrapped (GString    *out,
                       const char *text,
                       guint       used,
                       guint       indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint column = used;
  gboolean line_empty = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint length = (guint) g_utf8_strlen (words[i], -1);

      if (words[i][0] == '\0')
        continue;

      if (!line_empty && column + 1 + length > GV_CLI_HELP_WIDTH)
        {
          g_string_append_c (out, '\n');
          for (guint k = 0; k < indent; k++)
            g_string_append_c (out, ' ');
          column = indent;
          line_empty = TRUE;
        }

      if (!line_empty)
        {
          g_string_append_c (out, ' ');
          column++;
        }

      g_string_append (out, words[i]);
      column += length;
      line_empty = FALSE;
    }
}

void
gv_cli_append_columns (GString    *out,
                       guint       indent,
                       const char *left,
                       guint       column,
                       guint       gap,
                       const char *text)
{
  guint used = indent + (guint) g_utf8_strlen (left, -1);

  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, left);

  if (text != NULL && text[0] != '\0')
    {
      g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

      /* A long left column puts the text on the next line, as the core's options do. */
      if (left[0] != '\0' && used + gap > column)
        {
          g_string_append_c (out, '\n');
          used = 0;
        }

      for (guint p = 0; paragraphs[p] != NULL; p++)
        {
          if (p > 0)
            {
              g_string_append_c (out, '\n');
              used = 0;
            }
          for (; used < column; used++)
            g_string_append_c (out, ' ');
          gv_cli_append_wrapped (out, paragraphs[p], used, column);
        }
    }

  g_string_append_c (out, '\n');
}

char *
gv_cli_injection_usage (const GvInjectionSpec *spec)
{
  if (spec->arg == NULL)
    return g_strdup ("NODE@ROUND");

  return g_strdup_printf ("NODE@ROUND[:%s]", spec->arg);
}

char *
gv_cli_injection_arg_word (const GvInjectionSpec *spec)
{
  if (spec->arg_label != NULL)
    return g_utf8_strdown (_(spec->arg_label), -1);
  if (spec->arg_name != NULL)
    return g_strdup (spec->arg_name);
  return g_utf8_strdown (spec->arg != NULL ? spec->arg : "", -1);
}

char *
gv_cli_param_range (const GvParamSpec *spec)
{
  g_autofree char *def = NULL;
  GvParamValue value;

  gv_param_default (spec, &value);

  switch (spec->type)
    {
    case GV_PARAM_INT:
      def = gv_param_to_string (spec, &value);
      /* TRANSLATORS: a whole number's range and its default: "1 to 64 [1]" */
      return g_strdup_printf (_("%" PRId64 " to %" PRId64 " [%s]"), spec->min, spec->max, def);

    case GV_PARAM_DOUBLE:
      {
        char lo[G_ASCII_DTOSTR_BUF_SIZE];
        char hi[G_ASCII_DTOSTR_BUF_SIZE];

        def = gv_param_to_string (spec, &value);
        /* TRANSLATORS: a number's range and its default: "0 to 1 [0.5]" */
        return g_strdup_printf (_("%s to %s [%s]"), gv_format_double (lo, sizeof lo, spec->dmin),
                                gv_format_double (hi, sizeof hi, spec->dmax), def);
      }

    case GV_PARAM_BOOL:
      def = gv_param_describe (spec, &value);
      return g_strdup_printf ("[%s]", def);

    case GV_PARAM_CHOICE:
      {
        g_autofree char *list = gv_param_choices_list (spec);

        def = gv_param_to_string (spec, &value);
        return g_strdup_printf ("%s [%s]", list, def);
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

/* One protocol's options, under a heading. */
static void
append_protocol_options (GString          *out,
                         const GvProtocol *protocol)
{
  g_autofree char *heading = NULL;

  /* TRANSLATORS: a heading of the help: a protocol's name, and its id */
  heading = g_strdup_printf (_("%s (--protocol %s):\n"), _(protocol->name), protocol->id);
  g_string_append (out, "\n");
  g_string_append (out, heading);

  for (guint i = 0; i < protocol->n_params; i++)
    {
      const GvParamSpec *spec = &protocol->params[i];
      g_autofree char *option = g_strconcat ("--", spec->name, NULL);
      g_autofree char *left = NULL;
      g_autofree char *range = NULL;
      g_autofree char *description = NULL;

      /* The core's option of that name wins: the parameter cannot be given. */
      if (gv_cli_is_core_option (option))
        continue;

      left = spec->type == GV_PARAM_BOOL
             ? g_strdup_printf ("%s, --no-%s", option, spec->name)
             : g_strdup_printf ("%s %s", option, spec->metavar != NULL ? spec->metavar : "VALUE");
      range = gv_cli_param_range (spec);
      description = g_strdup_printf ("%s\n%s", _(spec->help), range);

      if (spec->flags & GV_PARAM_FLAG_BARE)
        {
          g_autofree char *also = NULL;
          char *longer;

          /* TRANSLATORS: the older spelling of a protocol's option, which took its
           * value after --protocol */
          also = g_strdup_printf (_("also --protocol %s, as 0.1 spelled it"),
                                  spec->metavar != NULL ? spec->metavar : "VALUE");
          longer = g_strdup_printf ("%s\n%s", description, also);
          g_free (description);
          description = longer;
        }

      gv_cli_append_columns (out, 2, left, GV_CLI_HELP_COLUMN, GV_CLI_HELP_GAP, description);
    }

  if (protocol->injection != NULL)
    {
      const GvInjectionSpec *spec = protocol->injection;
      g_autofree char *usage = gv_cli_injection_usage (spec);
      g_autofree char *left = g_strdup_printf ("--%s %s", spec->option, usage);
      g_autofree char *bound = NULL;
      g_autofree char *description = NULL;
      const char *def = spec->arg != NULL ? "0@0:0" : "0@0";

      if (spec->max > 1)
        /* TRANSLATORS: how many a run may hold, and the default: "at most 30 [0@0]" */
        bound = g_strdup_printf (_("at most %u [%s]"), MIN (spec->max, GV_MAX_INJECTIONS), def);
      else
        /* TRANSLATORS: a run holds one, and the default: "one [0@0]" */
        bound = g_strdup_printf (_("one [%s]"), def);
      description = g_strdup_printf ("%s\n%s", _(spec->help), bound);
      gv_cli_append_columns (out, 2, left, GV_CLI_HELP_COLUMN, GV_CLI_HELP_GAP, description);
    }

  if (protocol->n_params == 0 && protocol->injection == NULL)
    g_string_append_printf (out, "  %s\n", _("no options of its own"));
}

char *
gv_cli_simulate_usage (const GvProtocol *protocol)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *ids = gv_cli_protocol_ids ();
  g_autofree char *protocol_help = NULL;

  g_string_append (out, _(simulate_head));

  /* TRANSLATORS: %s are the protocols' ids and the default one */
  protocol_help = g_strdup_printf (_("the protocol: %s [%s]; “grapevine-cli protocols” "
                                     "describes them"), ids, gv_protocol_get_default ()->id);
  gv_cli_append_columns (out, 2, "--protocol NAME", GV_CLI_HELP_COLUMN, GV_CLI_HELP_GAP,
                         protocol_help);
  gv_cli_append_columns (out, 2, "--mode NAME", GV_CLI_HELP_COLUMN, GV_CLI_HELP_GAP,
                         _("the same as --protocol, as 0.1 spelled it"));
  g_string_append (out, _(simulate_protocol));
  g_string_append_c (out, '\n');
  g_string_append (out, _(simulate_faults));
  g_string_append_c (out, '\n');
  g_string_append (out, _(simulate_events));
  g_string_append_c (out, '\n');
  g_string_append (out, _(simulate_runs));

  if (protocol != NULL)
    append_protocol_options (out, protocol);
  else
    for (guint i = 0; i < gv_protocol_get_n (); i++)
      append_protocol_options (out, gv_protocol_get_nth (i));

  g_string_append_c (out, '\n');
  g_string_append (out, _(simulate_tail));

  return g_string_free (g_steal_pointer (&out), FALSE);
}
