/* gv-cli.c: grapevine-cli, the headless front end to the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands and what they all share: output that stays UTF-8 whatever the locale,
 * one-line errors, and the splitting of "--name=value" or "--name value".
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gv-cli-private.h"
#include "gv-error.h"

/* g_print() and g_printerr() convert to the locale's charset, which would mangle "Erdős"
 * and the JSON under a non-UTF-8 locale.  Write bytes (UTF-8) instead. */
void
gv_cli_write_out (const char *text)
{
  fputs (text, stdout);
}

void
gv_cli_write_err (const char *text)
{
  fputs (text, stderr);
  fflush (stderr);
}

void
gv_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message: scripts grep for it and people read it once. */
  g_strdelimit (message, "\r\n", ' ');
  line = g_strdup_printf ("%s: %s\n", GV_CLI_PROGRAM_NAME, message);
  gv_cli_write_err (line);
}

gboolean
gv_cli_flush_out (const char *message)
{
  g_autofree char *line = NULL;

  if (fflush (stdout) == 0)
    return TRUE;

  line = g_strdup_printf ("%s: %s", message, g_strerror (errno));
  gv_cli_print_error ("%s", line);
  return FALSE;
}

char *
gv_cli_split_option (const char  *arg,
                     const char **value)
{
  const char *equals = g_str_has_prefix (arg, "--") ? strchr (arg, '=') : NULL;

  *value = equals != NULL ? equals + 1 : NULL;
  return equals != NULL ? g_strndup (arg, equals - arg) : g_strdup (arg);
}

const char *
gv_cli_take_value (const char  *name,
                   const char  *value,
                   int          argc,
                   char       **argv,
                   int         *i,
                   GError     **error)
{
  if (value != NULL)
    return value;

  /* An option's value never starts with "--": "--seed --json" is a missing seed. */
  if (*i + 1 < argc && !g_str_has_prefix (argv[*i + 1], "--"))
    return argv[++*i];

  g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a value"), name);
  return NULL;
}

char *
gv_cli_join_list (const char *const *items,
                  guint              n_items,
                  const char        *conjunction)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_items; i++)
    {
      if (i > 0)
        g_string_append (s, i + 1 == n_items ? conjunction : ", ");
      g_string_append (s, items[i]);
    }

  return g_string_free (s, FALSE);
}

char *
gv_cli_protocol_ids (void)
{
  guint n = gv_protocol_get_n ();
  g_autofree const char **ids = g_new0 (const char *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    ids[i] = gv_protocol_get_nth (i)->id;

  return gv_cli_join_list (ids, n, _(" or "));
}

/* "help", "help COMMAND" and "help simulate --protocol NAME". */
static int
run_help (const char  *command,
          int          argc,
          char       **argv)
{
  const GvProtocol *protocol = NULL;
  const char *topic;

  if (argc == 0)
    {
      gv_cli_write_out (gv_cli_general_usage ());
      return GV_CLI_EXIT_OK;
    }

  topic = argv[0];

  if (g_str_equal (topic, "simulate") && argc > 1)
    {
      g_autofree char *name = NULL;
      const char *value;

      /* The protocol whose options to show, as simulate --help takes it. */
      int used = 2;

      name = gv_cli_split_option (argv[1], &value);
      if (!g_str_equal (name, "--protocol") && !g_str_equal (name, "--mode"))
        {
          gv_cli_print_error (_("%s: “%s” is not --protocol NAME; see “grapevine-cli help”"),
                              command, argv[1]);
          return GV_CLI_EXIT_USAGE;
        }
      if (value == NULL && argc > 2)
        value = argv[used++];
      if (value == NULL)
        {
          gv_cli_print_error (_("%s: needs a value"), name);
          return GV_CLI_EXIT_USAGE;
        }
      if (argc > used)
        {
          gv_cli_print_error (_("%s: takes at most one command"), command);
          return GV_CLI_EXIT_USAGE;
        }

      protocol = gv_protocol_find (value);
      if (protocol == NULL)
        {
          g_autofree char *ids = gv_cli_protocol_ids ();

          gv_cli_print_error (_("%s: unknown protocol “%s”; use %s"), name, value, ids);
          return GV_CLI_EXIT_USAGE;
        }
    }
  else if (argc > 1)
    {
      gv_cli_print_error (_("%s: takes at most one command"), command);
      return GV_CLI_EXIT_USAGE;
    }

  if (g_str_equal (topic, "simulate"))
    {
      g_autofree char *usage = gv_cli_simulate_usage (protocol);

      gv_cli_write_out (usage);
    }
  else if (g_str_equal (topic, "chart"))
    gv_cli_write_out (gv_cli_chart_usage ());
  else if (g_str_equal (topic, "csv"))
    gv_cli_write_out (gv_cli_csv_usage ());
  else if (g_str_equal (topic, "validate"))
    gv_cli_write_out (gv_cli_validate_usage ());
  else if (g_str_equal (topic, "protocols"))
    gv_cli_write_out (gv_cli_protocols_usage ());
  else
    {
      gv_cli_print_error (_("%s: “%s” is not a command; see “grapevine-cli help”"),
                          command, topic);
      return GV_CLI_EXIT_USAGE;
    }

  return gv_cli_flush_out (_("cannot write the help")) ? GV_CLI_EXIT_OK : GV_CLI_EXIT_FAILURE;
}

int
gv_cli_run (int    argc,
            char **argv)
{
  const char *command;

  g_return_val_if_fail (argc >= 1, GV_CLI_EXIT_USAGE);
  g_return_val_if_fail (argv != NULL, GV_CLI_EXIT_USAGE);

  if (argc < 2)
    {
      gv_cli_print_error (_("no command given; see “grapevine-cli help”"));
      return GV_CLI_EXIT_USAGE;
    }

  command = argv[1];

  if (g_str_equal (command, "--version"))
    {
      if (argc > 2)
        {
          gv_cli_print_error (_("--version: takes nothing after it"));
          return GV_CLI_EXIT_USAGE;
        }

      gv_cli_write_out (GV_CLI_PROGRAM_NAME " " PACKAGE_VERSION "\n");
      return GV_CLI_EXIT_OK;
    }

  if (g_str_equal (command, "help") || g_str_equal (command, "--help")
      || g_str_equal (command, "-h"))
    return run_help (command, argc - 2, argv + 2);

  if (g_str_equal (command, "simulate"))
    return gv_cli_simulate_main (argc - 2, argv + 2);
  if (g_str_equal (command, "chart"))
    return gv_cli_chart_main (argc - 2, argv + 2);
  if (g_str_equal (command, "csv"))
    return gv_cli_csv_main (argc - 2, argv + 2);
  if (g_str_equal (command, "validate"))
    return gv_cli_validate_main (argc - 2, argv + 2);
  if (g_str_equal (command, "protocols"))
    return gv_cli_protocols_main (argc - 2, argv + 2);

  if (command[0] == '-')
    gv_cli_print_error (_("%s: unknown option; see “grapevine-cli help”"), command);
  else
    gv_cli_print_error (_("“%s” is not a command; see “grapevine-cli help”"), command);

  return GV_CLI_EXIT_USAGE;
}
