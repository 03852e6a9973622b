/* gv-test-run.h: reading run files in the tests of run files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-run.h"

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
