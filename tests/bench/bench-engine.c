/* bench-engine.c: the engine budgets of DESIGN.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push-pull rumour, fanout 1, complete graph, run to full spread.  Reports ns per
 * node-step (nodes × rounds) and the peak resident memory of the process.  Without
 * arguments it runs every configuration of the README table, each in a child process so
 * that each peak is its own: the fast path of one rumour, and the general message path
 * that every other protocol takes, with two rumours.
 *
 *   bench-engine                          the table
 *   bench-engine --nodes N --threads T [--runs R] [--exchange push|pull|push-pull]
 *                [--rumors K] [--general] [--protocol NAME]
 *   bench-engine --baseline --nodes N     a bare loop that only picks and marks
 *
 * --rumors K starts K rumours in round 0 at nodes 0, 1, … (K >= 2 takes the general
 * path); --general turns the fast paths off; --protocol push|pull|push-pull is the old
 * spelling of --exchange.
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "gv-engine.h"
#include "gv-rng.h"
#include "gv-shard.h"

static double
peak_rss_mib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

static int
run_one (guint32     n,
         guint       threads,
         guint       runs,
         const char *protocol,
         const char *exchange,
         guint       rumors,
         gboolean    general)
{
  g_autoptr(GvParams) p = NULL;
  g_autoptr(GError) bad = NULL;
  double best = G_MAXDOUBLE;
  guint32 rounds = 0;
  double setup_ms = 0;

  if (gv_protocol_find (protocol) == NULL)
    {
      g_printerr ("bench-engine: no protocol %s\n", protocol);
      return 2;
    }
  p = gv_params_new_for (gv_protocol_find (protocol));
  p->n_nodes = n;
  p->detail_cap = 0;
  if (gv_protocol_find_param (p->protocol, "exchange", NULL) != NULL &&
      !gv_params_set (p, "exchange", exchange, &bad))
    {
      g_printerr ("bench-engine: %s\n", bad->message);
      return 2;
    }
  for (guint i = 0; i < rumors && rumors > 1; i++)
    gv_params_add_injection (p, i, 0, 0);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GvEngine) e = NULL;
      gint64 t0, t1, t2;
      GvSummary s;
      double ns;

      p->seed = 1 + i;
      t0 = g_get_monotonic_time ();
      e = gv_engine_new (p, threads, NULL, &error);
      if (e == NULL)
        {
          g_printerr ("bench-engine: %s\n", error->message);
          return 1;
        }
      if (general)
        {
          gv_engine_set_fast_paths (e, FALSE);
          gv_engine_reset (e);
        }
      t1 = g_get_monotonic_time ();
      gv_engine_run (e, NULL);
      t2 = g_get_monotonic_time ();
      gv_engine_get_summary (e, &s);
      if (!s.converged)
        {
          g_printerr ("bench-engine: the run did not converge\n");
          return 1;
        }

      ns = (t2 - t1) * 1000.0 / ((double) n * s.rounds);
      if (ns < best)
        {
          best = ns;
          rounds = s.rounds;
          setup_ms = (t1 - t0) / 1000.0;
        }
    }

  g_print ("%-9s %-9s %2u rumour%s%s %10u nodes  %u thread%s  %2u rounds  %6.2f ns/node-step  "
           "%8.1f ms/run  setup %6.1f ms  peak RSS %7.1f MiB\n",
           protocol, exchange, MAX (rumors, 1), rumors > 1 ? "s" : " ",
           general ? " general" : "        ", n, threads, threads == 1 ? " " : "s", rounds,
           best, best * n * rounds / 1e6, setup_ms, peak_rss_mib ());
  return 0;
}

/* The floor: the same streams and a byte a node, nothing else. */
static int
run_baseline (guint32 n)
{
  g_autofree guint8 *marks = g_malloc0 (n);
  guint64 key = gv_rng_seed_key (1);
  const guint rounds = 20;
  gint64 t0, t1;
  guint64 sum = 0;

  t0 = g_get_monotonic_time ();
  for (guint r = 1; r <= rounds; r++)
    for (guint32 u = 0; u < n; u++)
      {
        GvRng rng;
        guint32 v;

        gv_rng_init (&rng, key, u, r, GV_RNG_PURPOSE_PEERS);
        v = gv_rng_below (&rng, n - 1);
        v += v >= u;
        marks[v] |= marks[u] | (u == 0);
      }
  t1 = g_get_monotonic_time ();

  for (guint32 u = 0; u < n; u++)
    sum += marks[u];

  g_print ("baseline  %10u nodes  1 thread   %2u rounds  %6.2f ns/node-step  (%" G_GUINT64_FORMAT
           " marked)\n", n, rounds, (t1 - t0) * 1000.0 / ((double) n * rounds), sum);
  return 0;
}

static int
run_table (const char *self)
{
  const char *configs[][4] = {
    { "--baseline", "1000000", "1", NULL },
    { "", "1000000", "1", NULL },
    { "", "1000000", "2", NULL },
    { "", "10000000", "1", NULL },
    { "", "10000000", "2", NULL },
    { "", "1000000", "1", "2" },
    { "", "1000000", "2", "2" },
  };
  int status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      int wait_status = 0;

      g_ptr_array_add (argv, (char *) self);
      if (*configs[i][0])
        g_ptr_array_add (argv, (char *) configs[i][0]);
      g_ptr_array_add (argv, (char *) "--nodes");
      g_ptr_array_add (argv, (char *) configs[i][1]);
      if (!*configs[i][0])
        {
          g_ptr_array_add (argv, (char *) "--threads");
          g_ptr_array_add (argv, (char *) configs[i][2]);
          g_ptr_array_add (argv, (char *) "--runs");
          g_ptr_array_add (argv, (char *) "3");
          if (configs[i][3] != NULL)
            {
              g_ptr_array_add (argv, (char *) "--rumors");
              g_ptr_array_add (argv, (char *) configs[i][3]);
            }
        }
      g_ptr_array_add (argv, NULL);

      if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDOUT |
                         G_SPAWN_CHILD_INHERITS_STDERR, NULL, NULL, NULL, NULL, &wait_status,
                         &error) ||
          !g_spawn_check_wait_status (wait_status, &error))
        {
          g_printerr ("bench-engine: %s\n", error->message);
          status = 1;
        }
    }

  return status;
}

int
main (int   argc,
      char *argv[])
{
  guint64 n = 1000000, threads = 1, runs = 3, rumors = 1;
  const char *protocol = "rumor";
  const char *exchange = "push-pull";
  gboolean baseline = FALSE, general = FALSE;

  if (argc == 1)
    return run_table (argv[0]);

  for (int i = 1; i < argc; i++)
    {
      const char *next = i + 1 < argc ? argv[i + 1] : NULL;

      if (g_str_equal (argv[i], "--baseline"))
        baseline = TRUE;
      else if (g_str_equal (argv[i], "--nodes") && next &&
               g_ascii_string_to_unsigned (next, 10, 2, GV_MAX_NODES, &n, NULL))
        i++;
      else if (g_str_equal (argv[i], "--threads") && next &&
               g_ascii_string_to_unsigned (next, 10, 1, 256, &threads, NULL))
        i++;
      else if (g_str_equal (argv[i], "--runs") && next &&
               g_ascii_string_to_unsigned (next, 10, 1, 1000, &runs, NULL))
        i++;
      else if (g_str_equal (argv[i], "--rumors") && next &&
               g_ascii_string_to_unsigned (next, 10, 1, 30, &rumors, NULL))
        i++;
      else if (g_str_equal (argv[i], "--general"))
        general = TRUE;
      else if (g_str_equal (argv[i], "--exchange") && next)
        exchange = argv[++i];
      else if (g_str_equal (argv[i], "--protocol") && next)
        {
          /* The old spelling: an exchange. */
          if (gv_protocol_find (next) != NULL)
            protocol = next;
          else
            exchange = next;
          i++;
        }
      else
        {
          g_printerr ("usage: bench-engine [--baseline] [--nodes N] [--threads T] [--runs R] "
                      "[--exchange push|pull|push-pull] [--rumors K] [--general] "
                      "[--protocol NAME]\n");
          return 2;
        }
    }

  if (baseline)
    return run_baseline ((guint32) n);

  return run_one ((guint32) n, (guint) threads, (guint) runs, protocol, exchange,
                  (guint) rumors, general);
}
