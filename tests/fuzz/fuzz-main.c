/* fuzz-main.c: runs the fuzz target over files, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each argument is a file or a folder of files (a corpus); each file goes through
 * LLVMFuzzerTestOneInput() once.  Built with the ordinary compiler, this is the meson
 * test that keeps the corpus, and every crash the fuzzer ever found, from crashing again.
 */

#define G_LOG_DOMAIN "fuzz-main"

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static guint
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &error))
    g_error ("%s", error->message);

  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          /* A fixed order, so that a failure is found the same way every time. */
          g_ptr_array_sort (names, compare_paths);
          for (guint k = 0; k < names->len; k++)
            n += run_file (g_ptr_array_index (names, k));
        }
      else
        n += run_file (argv[i]);
    }

  if (n == 0)
    {
      g_printerr ("fuzz-main: no input files\n");
      return 1;
    }

  printf ("1..1\nok 1 - %u inputs, no crash\n", n);
  return 0;
}
