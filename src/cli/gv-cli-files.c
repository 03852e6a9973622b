/* gv-cli-files.c: grapevine-cli csv and validate, on saved runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "gv-cli-private.h"
#include "gv-error.h"

/* Help, or exactly @min to @max (0: any number) run files and no options. */
static gboolean
parse_files (const char   *command,
             int           argc,
             char        **argv,
             guint         min,
             guint         max,
             gboolean     *help,
             GError      **error)
{
  guint n = 0;

  *help = FALSE;
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        *help = TRUE;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          g_set_error (error, GV_ERROR, GV_ERROR_PARSE,
                       _("%s: unknown option; see “grapevine-cli help %s”"), argv[i], command);
          return FALSE;
        }
      else
        n++;
    }

  if (*help)
    return TRUE;

  if (n < min)
    {
      g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: needs a run file (RUN.json)"), command);
      return FALSE;
    }
  if (max > 0 && n > max)
    {
      if (max == 1)
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes one run file, not %u"),
                     command, n);
      else
        g_set_error (error, GV_ERROR, GV_ERROR_PARSE, _("%s: takes at most %u run files, not %u"),
                     command, max, n);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
gv_cli_load_runs (char **paths)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GError) error = NULL;
      GvRun *run = gv_run_load (file, NULL, &error);

      if (run == NULL)
        {
          gv_cli_print_error ("%s: %s", paths[i], error->message);
          return NULL;
        }
      g_ptr_array_add (runs, run);
    }

  return g_steal_pointer (&runs);
}

int
gv_cli_csv_main (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *csv = NULL;
  gboolean help;

  if (!parse_files ("csv", argc, argv, 1, 1, &help, &error))
    {
      gv_cli_print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (help)
    {
      gv_cli_write_out (gv_cli_csv_usage ());
      return gv_cli_flush_out (_("cannot write the help")) ? GV_CLI_EXIT_OK
                                                            : GV_CLI_EXIT_FAILURE;
    }

  runs = gv_cli_load_runs (argv);
  if (runs == NULL)
    return GV_CLI_EXIT_USAGE;

  csv = gv_run_to_csv (g_ptr_array_index (runs, 0));
  gv_cli_write_out (csv);

  if (!gv_cli_flush_out (_("cannot write the CSV")))
    return GV_CLI_EXIT_FAILURE;

  return GV_CLI_EXIT_OK;
}

int
gv_cli_validate_main (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status = GV_CLI_EXIT_OK;
  gboolean help;

  if (!parse_files ("validate", argc, argv, 1, 0, &help, &error))
    {
      gv_cli_print_error ("%s", error->message);
      return GV_CLI_EXIT_USAGE;
    }

  if (help)
    {
      gv_cli_write_out (gv_cli_validate_usage ());
      return gv_cli_flush_out (_("cannot write the help")) ? GV_CLI_EXIT_OK
                                                            : GV_CLI_EXIT_FAILURE;
    }

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GvRun) run = NULL;
      g_autofree char *note = NULL;
      g_autofree char *line = NULL;

      g_clear_error (&error);
      run = gv_run_load (file, NULL, &error);
      if (run == NULL)
        {
          gv_cli_print_error ("%s: %s", argv[i], error->message);
          status = GV_CLI_EXIT_USAGE;
          continue;
        }

      if (!gv_run_verify_full (run, &note, NULL, &error))
        {
          /* An engine version's known change says which version saved it and what
           * differs, in its own sentence. */
          if (g_error_matches (error, GV_ERROR, GV_ERROR_ENGINE_VERSION))
            gv_cli_print_error ("%s: %s", argv[i], error->message);
          else if (g_error_matches (error, GV_ERROR, GV_ERROR_MISMATCH))
            gv_cli_print_error (_("%s: does not reproduce: %s"), argv[i], error->message);
          else
            gv_cli_print_error (_("%s: cannot re-simulate it: %s"), argv[i], error->message);
          status = MAX (status, GV_CLI_EXIT_FAILURE);
          continue;
        }

      if (note != NULL)
        line = g_strdup_printf (_("%s: OK, rounds 0 to %u re-simulated identically; note: %s\n"),
                                argv[i], gv_run_get_last_round (run), note);
      else
        line = g_strdup_printf (_("%s: OK, rounds 0 to %u re-simulated identically\n"), argv[i],
                                gv_run_get_last_round (run));
      gv_cli_write_out (line);
    }

  if (!gv_cli_flush_out (_("cannot write the results")))
    return MAX (status, GV_CLI_EXIT_FAILURE);

  return status;
}
