/* fuzz-run-file.c: libFuzzer target for the run-file loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever the bytes, gv_run_load_from_data() returns a run or a GV_ERROR (one line of
 * UTF-8), never both and never neither, and a run it accepts survives the trip back: written out and read again
 * it is the same run, and its replay and CSV work.  tests/fuzz/run-fuzz.sh builds this
 * with clang's libFuzzer, ASan and UBSan; fuzz-main.c replays a corpus through it in the
 * ordinary test suite.
 */

#define G_LOG_DOMAIN "fuzz-run-file"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gv-error.h"
#include "gv-run-file.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GvRun) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autofree guint8 *states = NULL;
  gsize length;

  run = gv_run_load_from_data ((const char *) data, size, &error);
  if (run == NULL)
    {
      /* An error is a GV_ERROR on one line of UTF-8, fit for a dialog. */
      if (error == NULL || error->domain != GV_ERROR || error->message[0] == '\0' ||
          strchr (error->message, '\n') != NULL || !g_utf8_validate (error->message, -1, NULL))
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

  states = g_malloc (gv_run_get_params (run)->n_nodes);
  gv_run_get_node_states (run, gv_run_get_last_round (run), states);
  gv_run_get_node_states (run, gv_run_get_last_round (run) / 2, states);
  csv = gv_run_to_csv (run);

  return 0;
}
