/* gv-test-cli.h: what the tests of grapevine-cli share: running the program and reading
 * what it printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli is one test of one unit, in three files along its seams: test-cli.c (the
 * parsers, bad command lines, the results of simulate), test-cli-files.c (run files:
 * save, csv, validate, chart) and test-cli-protocols.c (what follows from the protocols'
 * declarations: their options, the protocols command, the baselines, the events).
 */

#pragma once

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gv-cli.h"
#include "gv-error.h"
#include "gv-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* the exit status, or -1 when the program did not exit */
  char *out;
  char *err;
} CliResult;

static inline void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static inline CliResult *
run_cli_strv_env (const char *const *args,
                  char             **envp)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);
  const char *program = g_getenv ("GRAPEVINE_CLI");
  int wait_status = 0;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (char *) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);

  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return result;
}

static inline CliResult *
run_cli_strv (const char *const *args)
{
  return run_cli_strv_env (args, NULL);
}

/* Runs grapevine-cli with the NULL-terminated arguments. */
static inline CliResult *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return run_cli_strv ((const char *const *) args->pdata);
}

static inline JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static inline JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static inline JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static inline guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* Runs "simulate --json" with the NULL-terminated arguments, checks that it succeeded
 * quietly (no progress when stderr is not a terminal, no warnings) and parses its output. */
static inline JsonObject *
run_json_ok (JsonNode  **root,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  va_list ap;

  g_ptr_array_add (args, "simulate");
  g_ptr_array_add (args, "--json");
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  result = run_cli_strv ((const char *const *) args->pdata);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  *root = parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

/* The cells of a table row, without the padding between them. */
static inline GPtrArray *
split_cells (const char *line)
{
  g_auto(GStrv) pieces = g_strsplit (line, " ", -1);
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pieces[i] != NULL; i++)
    if (pieces[i][0] != '\0')
      g_ptr_array_add (cells, g_strdup (pieces[i]));

  return cells;
}

static inline void
check_stat (JsonObject *stats,
            const char *name,
            JsonArray  *runs)
{
  JsonObject *stat = get_object (stats, name);
  guint n = json_array_get_length (runs);
  double sum = 0.0;
  double squares = 0.0;
  double min = INFINITY;
  double max = -INFINITY;
  double mean;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      JsonNode *node = json_object_get_member (run, name);
      double value;

      g_assert_nonnull (node);
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        value = json_node_get_boolean (node) ? 1.0 : 0.0;
      else
        value = json_node_get_double (node);

      sum += value;
      min = MIN (min, value);
      max = MAX (max, value);
    }

  mean = sum / n;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *run = json_array_get_object_element (runs, i);
      JsonNode *node = json_object_get_member (run, name);
      double value = json_node_get_value_type (node) == G_TYPE_BOOLEAN
                   ? (json_node_get_boolean (node) ? 1.0 : 0.0)
                   : json_node_get_double (node);

      squares += (value - mean) * (value - mean);
    }

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stat, "mean"), mean,
                                  1e-9 * MAX (1.0, fabs (mean)));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stat, "sd"),
                                  n > 1 ? sqrt (squares / (n - 1)) : 0.0,
                                  1e-9 * MAX (1.0, fabs (mean)));
  g_assert_cmpfloat (json_object_get_double_member (stat, "min"), ==, min);
  g_assert_cmpfloat (json_object_get_double_member (stat, "max"), ==, max);
}

/* Runs "simulate --output DIR/NAME" with the arguments that follow, quietly and well. */
static inline char *
simulate_to_file (const char *dir,
                  const char *name,
                  const char *first,
                  ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  char *path = g_build_filename (dir, name, NULL);
  va_list ap;

  g_ptr_array_add (args, "simulate");
  g_ptr_array_add (args, "--output");
  g_ptr_array_add (args, path);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  result = run_cli_strv ((const char *const *) args->pdata);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "push-pull rumour"));

  return path;
}

static inline GvRun *
load_run_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GvRun *run = gv_run_load (file, NULL, &error);

  g_assert_no_error (error);
  return run;
}

static inline void
assert_one_line_error (const CliResult *result,
                       int              status,
                       const char      *culprit)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "grapevine-cli: "));
  g_assert_cmpuint (count_lines (result->err), ==, 1);
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  if (strstr (result->err, culprit) == NULL)
    g_error ("“%s” lacks “%s”", result->err, culprit);
}

static inline guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static inline void
assert_png (const char *path,
            guint32     width,
            guint32     height)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 16), ==, width);
  g_assert_cmpuint (read_be32 ((const guint8 *) data + 20), ==, height);
}

/* A PDF holds binary streams, NUL bytes and all: strstr() would stop at the first. */
static inline gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* Runs "simulate --json" twice with argument lists split on spaces; both must succeed
 * with the same output. */
static inline void
assert_same_json (const char *a,
                  const char *b)
{
  g_autofree char *line_a = g_strconcat ("simulate --json ", a, NULL);
  g_autofree char *line_b = g_strconcat ("simulate --json ", b, NULL);
  g_auto(GStrv) args_a = g_strsplit (line_a, " ", -1);
  g_auto(GStrv) args_b = g_strsplit (line_b, " ", -1);
  g_autoptr(CliResult) ra = run_cli_strv ((const char *const *) args_a);
  g_autoptr(CliResult) rb = run_cli_strv ((const char *const *) args_b);

  g_assert_cmpstr (ra->err, ==, "");
  g_assert_cmpint (ra->status, ==, 0);
  g_assert_cmpstr (rb->err, ==, "");
  g_assert_cmpint (rb->status, ==, 0);
  if (g_strcmp0 (ra->out, rb->out) != 0)
    g_error ("“%s” and “%s” differ:\n%s\n%s", a, b, ra->out, rb->out);
}

/* Runs simulate with the arguments split on spaces; returns the result. */
static inline CliResult *
run_simulate_line (const char *line)
{
  g_autofree char *full = g_strconcat ("simulate ", line, NULL);
  g_auto(GStrv) args = g_strsplit (full, " ", -1);

  return run_cli_strv ((const char *const *) args);
}

/* The tests of the other two files. */
void gv_test_cli_add_file_tests     (void);
void gv_test_cli_add_protocol_tests (void);

G_END_DECLS
