/* fuzz-run-file.c: libFuzzer target for the run-file loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever the bytes, gv_run_load_from_data() returns a run or a GV_ERROR (one line of
 * UTF-8), never both and never neither, and a run it accepts survives the trip back:
 * written out (in format 2, whatever format it was read from) and read again it is the
 * same run, and its replay in every view, its CSV, its labels and its verification work.
 * tests/fuzz/run-fuzz.sh builds this with clang's libFuzzer, ASan and UBSan; fuzz-main.c
 * replays a corpus through it in the ordinary test suite.
 */

#define G_LOG_DOMAIN "fuzz-run-file"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gv-error.h"
#include "gv-run.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* An error fit for a dialog: a GV_ERROR on one line of UTF-8. */
static gboolean
is_good_error (const GError *error)
{
  return error != NULL && error->domain == GV_ERROR && error->message[0] != '\0' &&
         strchr (error->message, '\n') == NULL && g_utf8_validate (error->message, -1, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(GError) verify_error = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *note = NULL;
  g_autofree guint8 *classes = NULL;
  g_auto(GStrv) labels = NULL;
  const GvClassTable *table;
  GvRun *pair[2];
  guint32 n_nodes;
  gsize length;

  run = gv_run_load_from_data ((const char *) data, size, &error);
  if (run == NULL)
    {
      if (!is_good_error (error))
        abort ();
      return 0;
    }
  if (error != NULL)
    abort ();

  text = gv_run_to_data (run, &length);
  again = gv_run_load_from_data (text, length, &again_error);
  if (again == NULL)
    {
      g_printerr ("a run that loaded does not load once written out: %s\n",
                  again_error->message);
      abort ();
    }
  if (!gv_run_equal (run, again))
    {
      g_printerr ("a run that loaded changes when written out and read again\n");
      abort ();
    }
  /* Written out, it is written the same way again. */
  text_again = gv_run_to_data (again, NULL);
  if (strcmp (text, text_again) != 0)
    {
      g_printerr ("a run written out and read again is not written the same way\n");
      abort ();
    }

  /* Every view's classes, at the end and halfway, are classes the run has. */
  n_nodes = gv_run_get_params (run)->n_nodes;
  table = gv_run_get_classes (run);
  classes = g_malloc (n_nodes);
  for (guint view = 0; view < gv_run_get_n_views (run); view++)
    for (guint k = 0; k < 2; k++)
      {
        gv_run_get_node_classes (run, gv_run_get_last_round (run) / (k + 1), view, classes);
        for (guint32 v = 0; v < n_nodes; v++)
          if (classes[v] >= table->n)
            {
              g_printerr ("node %u is in class %u of %u\n", v, classes[v], table->n);
              abort ();
            }
      }

  csv = gv_run_to_csv (run);
  pair[0] = run;
  pair[1] = again;
  labels = gv_run_label_differences (pair, 2);
  if (labels == NULL || labels[0] == NULL || labels[1] == NULL)
    abort ();

  /* Verifying plays the run again: it verifies (with a note or not), or says why not.
   * Only small runs, so that an input stays far below the fuzzer's timeout: a file of
   * 16 KiB can name a network whose generation takes seconds. */
  if (n_nodes > 1000 || gv_run_get_n_records (run) > 200)
    return 0;
  if (gv_run_verify_full (run, &note, NULL, &verify_error))
    {
      if (verify_error != NULL)
        abort ();
    }
  else if (!is_good_error (verify_error) || note != NULL)
    abort ();

  return 0;
}
