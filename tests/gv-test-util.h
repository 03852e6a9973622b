/* gv-test-util.h: what several tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GV_TEST_TIMEOUT_S 60

gboolean gv_test_timeout_cb (gpointer data);

/* Iterates the default main context until @cond holds; fails the test after
 * GV_TEST_TIMEOUT_S seconds.  Tests wait on conditions, never sleep. */
#define GV_TEST_WAIT_FOR(cond)                                                           \
  G_STMT_START {                                                                         \
    gboolean gv_timed_out_ = FALSE;                                                      \
    guint gv_tid_ = g_timeout_add_seconds (GV_TEST_TIMEOUT_S, gv_test_timeout_cb,        \
                                           &gv_timed_out_);                              \
    while (!(cond) && !gv_timed_out_)                                                    \
      g_main_context_iteration (NULL, TRUE);                                             \
    if (gv_timed_out_)                                                                   \
      g_error ("Timed out waiting for %s", #cond);                                       \
    g_source_remove (gv_tid_);                                                           \
  } G_STMT_END

/* A new empty folder for a test's files, and its removal with everything in it (read-only
 * subfolders too, which tests make to check failures). */
char    *gv_test_make_tmp_dir      (void);
void     gv_test_remove_tmp_dir    (const char *dir);
guint    gv_test_count_dir_entries (const char *dir);

/* A metrics CSV after its comment lines ("# name: value"), as a reader skips them: from
 * the header line on.  Fails the test when a comment line follows the header. */
const char *gv_test_csv_table      (const char *csv);

G_END_DECLS
