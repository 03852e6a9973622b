/* gv-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gv-test-util.h"

gboolean
gv_test_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

char *
gv_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("grapevine-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
gv_test_remove_tmp_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0700);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      /* Into real folders only, never through a link. */
      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
        gv_test_remove_tmp_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

guint
gv_test_count_dir_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

const char *
gv_test_csv_table (const char *csv)
{
  const char *table = csv;

  while (g_str_has_prefix (table, "# "))
    {
      const char *end = strchr (table, '\n');

      g_assert_nonnull (end);
      table = end + 1;
    }
  g_assert_null (strstr (table, "\n#"));
  return table;
}
