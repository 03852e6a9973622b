/* gv-test-run.h: making, reading and parsing run files in the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gv-run.h"

/* The run of @p on @n_threads threads, which must simulate. */
static inline GvRun *
gv_test_simulate (const GvParams *p,
                  guint           n_threads)
{
  g_autoptr(GError) error = NULL;
  GvRun *run = gv_run_simulate (p, n_threads, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

/* The whole of @path, which must be there. */
static inline char *
gv_test_read_text (const char *path,
                   gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

/* The JSON tree in @path, which must parse. */
static inline JsonNode *
gv_test_parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The run in @text, which must load. */
static inline GvRun *
gv_test_load_text (const char *text,
                   gsize       length)
{
  g_autoptr(GError) error = NULL;
  GvRun *run = gv_run_load_from_data (text, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}
