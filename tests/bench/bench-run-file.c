/* bench-run-file.c: saving and loading a run file against the budget in DESIGN.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: it prints the median and the worst of several saves and
 * loads of a 1,000-node, 200-round run with every message and state change, flags a
 * budget overrun, but always exits 0.  Run it on a quiet machine:
 *
 *   meson test -C _build --benchmark bench-run-file -v
 *
 * The run is push-pull rumour on a ring (each node has 2 neighbours), which takes about
 * 670 rounds to reach everyone, so it really lasts its 200 rounds; 5% of messages are
 * lost, and 1% of nodes crash each round and 10% of crashed ones recover, so there are
 * crash and recover events too.  With --fanout 2 every node calls both neighbours each
 * round, for twice the messages.
 */

#define G_LOG_DOMAIN "bench-run-file"

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "gv-run.h"

#define NODES 1000
#define ROUNDS 200
#define REPEATS 11
#define BUDGET_MS 200.0

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double     *times,
        guint       n)
{
  qsort (times, n, sizeof (double), compare_double);
  g_print ("%-5s median %7.1f ms  worst %7.1f ms  budget %.0f ms%s\n", what, times[n / 2],
           times[n - 1], BUDGET_MS, times[n / 2] > BUDGET_MS ? "  OVER BUDGET" : "");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GvParams) params = gv_params_new ();
  g_autoptr(GvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double save_ms[REPEATS], load_ms[REPEATS];
  guint64 n_messages = 0;
  GStatBuf st;

  params->n_nodes = NODES;
  params->topology = GV_TOPOLOGY_RING;
  params->topology_k = 2;
  params->fanout = 1;
  params->loss = 0.05;
  params->crash = 0.01;
  params->recover = 0.1;
  params->max_rounds = ROUNDS;
  params->seed = 42;
  params->detail_cap = GV_DEFAULT_DETAIL_CAP;
  if (!gv_params_set (params, "exchange", "push-pull", &error))
    {
      g_printerr ("bench-run-file: %s\n", error->message);
      return 1;
    }

  if (argc == 3 && g_str_equal (argv[1], "--fanout") &&
      (g_str_equal (argv[2], "1") || g_str_equal (argv[2], "2")))
    params->fanout = (guint32) atoi (argv[2]);
  else if (argc != 1)
    {
      g_printerr ("usage: bench-run-file [--fanout 1|2]\n");
      return 2;
    }

  run = gv_run_simulate (params, 1, NULL, &error);
  if (run == NULL)
    {
      g_printerr ("bench-run-file: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < gv_run_get_n_records (run); i++)
    n_messages += gv_run_get_record (run, i)->n_messages;

  dir = g_dir_make_tmp ("bench-run-file-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "run.json", NULL);
  file = g_file_new_for_path (path);

  for (guint i = 0; i < REPEATS; i++)
    {
      g_autoptr(GvRun) loaded = NULL;
      double t0 = now_ms ();

      if (!gv_run_save (run, file, NULL, &error))
        {
          g_printerr ("bench-run-file: %s\n", error->message);
          return 1;
        }
      save_ms[i] = now_ms () - t0;

      t0 = now_ms ();
      loaded = gv_run_load (file, NULL, &error);
      load_ms[i] = now_ms () - t0;
      if (loaded == NULL)
        {
          g_printerr ("bench-run-file: %s\n", error->message);
          return 1;
        }
      if (i == 0 && !gv_run_equal (run, loaded))
        {
          g_printerr ("bench-run-file: the loaded run differs from the saved one\n");
          return 1;
        }
    }

  g_stat (path, &st);
  g_print ("run   %u nodes, ring:2, fanout %u, %u rounds, %" G_GUINT64_FORMAT
           " messages, file %.2f MB\n", NODES, params->fanout, gv_run_get_last_round (run),
           n_messages, st.st_size / 1e6);
  report ("save", save_ms, REPEATS);
  report ("load", load_ms, REPEATS);

  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
