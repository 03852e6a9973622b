/* test-determinism.c: one seed, one run, whatever the number of threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case runs on 1, 2, 3 and 8 threads and must give the same bytes: every round's
 * values, items, message and class events and crash lists, the summary, and every
 * node's final class in every view.
 *
 * The cases are sized for ThreadSanitizer on a 2-core machine (issue 10: 319 s against a
 * 300 s timeout).  A race shows on a small network as well as on a large one, as long as
 * it has several shards: the engine gives a thread a shard of at least 1024 nodes
 * (MIN_SHARD_NODES in core/gv-engine.c), so 2048 nodes make two shards, 3072 three and
 * 8192 eight.  Runs are cut to a few rounds where the round count adds nothing.
 */

#include "config.h"

#include <string.h>

#include "gv-shard.h"
#include "gv-test-engine.h"

/* The run of @p on @threads threads, from a new engine, and its number of shards. */
static GByteArray *
fingerprint (const GvParams *p,
             guint           threads,
             guint          *n_shards)
{
  g_autoptr(GvEngine) e = gv_test_engine_new (p, threads);

  *n_shards = gv_engine_get_n_shards (e);
  return gv_test_fingerprint (e);
}

static void
check_threads (const GvParams *p)
{
  const guint counts[] = { 2, 3, 8 };
  g_autoptr(GByteArray) one = NULL;
  guint shards;

  one = fingerprint (p, 1, &shards);
  g_assert_cmpuint (shards, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(GByteArray) many = fingerprint (p, counts[i], &shards);

      g_test_message ("%s, %u nodes, %u threads (%u shards): %u bytes", p->protocol->id,
                      p->n_nodes, counts[i], shards, many->len);
      /* Several shards, or the case proves nothing. */
      g_assert_cmpuint (shards, >, 1);
      g_assert_cmpuint (shards, ==, MIN (counts[i], p->n_nodes / 1024));
      g_assert_cmpmem (one->data, one->len, many->data, many->len);
    }
}

static void
set_faults (GvParams *p,
            double    loss,
            double    crash,
            double    recover)
{
  p->loss = loss;
  p->crash = crash;
  p->recover = recover;
}

/* Every protocol in the registry, with faults, on a network it accepts, with per-message
 * detail and without. */
static void
test_determinism_every_protocol (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);

      for (guint detail = 0; detail < 2; detail++)
        {
          g_autoptr(GvParams) p = gv_params_new_for (protocol);

          p->n_nodes = detail ? 3072 : 8192;
          if (!protocol->complete_only)
            g_assert_true (gv_params_parse_topology (p, "ws:6:0.1", NULL));
          if (protocol->uses_fanout)
            p->fanout = 2;
          set_faults (p, 0.1, 0.02, 0.1);
          p->recover_loses_state = detail;
          p->max_rounds = 12;
          if (!detail)
            p->detail_cap = 0;
          check_threads (p);
        }
    }
}

/* Rumours, with two of them, every stop rule and exchange, with detail. */
static void
test_determinism_rumor_detail (void)
{
  const char *stops[] = { "none", "blind-counter:2", "feedback-counter:2", "feedback-coin:2",
                          "blind-coin:2", "ttl:6" };
  const char *exchanges[] = { "push", "pull", "push-pull" };

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
      {
        g_autofree char *stop = g_strdup_printf ("stop=%s", stops[i]);
        g_autofree char *exchange = g_strdup_printf ("exchange=%s", exchanges[x]);
        g_autoptr(GvParams) p = gv_test_params ("rumor", 2048, stop, exchange, NULL);

        /* Two shards, and below the detail cap: events are kept. */
        set_faults (p, 0.05, 0.02, 0.1);
        p->recover_loses_state = i % 2 == 1;
        p->max_rounds = 10;
        gv_params_add_injection (p, 0, 0, 0);
        gv_params_add_injection (p, 2000, 2, 0);
        check_threads (p);
      }
}

/* The fast path of one rumour without faults, for each exchange, to the end of the run;
 * and the general path of the same rumour beside it, with a stop rule that counts
 * answers. */
static void
test_determinism_rumor_fast (void)
{
  const char *exchanges[] = { "push", "pull", "push-pull" };

  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      g_autofree char *exchange = g_strdup_printf ("exchange=%s", exchanges[x]);
      g_autoptr(GvParams) p = gv_test_params ("rumor", 8192, exchange, NULL);
      g_autoptr(GvParams) q = gv_test_params ("rumor", 8192, exchange,
                                              "stop=feedback-coin:3", NULL);

      p->detail_cap = 0;
      check_threads (p);

      q->detail_cap = 0;
      q->fanout = 2;
      set_faults (q, 0.1, 0.01, 0.05);
      q->max_rounds = 15;
      check_threads (q);
    }
}

static void
test_determinism_anti_entropy (void)
{
  const char *exchanges[] = { "push", "pull", "push-pull" };

  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      g_autofree char *exchange = g_strdup_printf ("exchange=%s", exchanges[x]);
      g_autoptr(GvParams) p = gv_test_params ("anti-entropy", 3072, exchange, "keys=4", NULL);

      set_faults (p, 0.1, 0.01, 0.2);
      p->recover_loses_state = TRUE;
      p->max_rounds = 10;
      gv_params_add_injection (p, 1, 0, 0);
      gv_params_add_injection (p, 3000, 1, 3);
      gv_params_add_injection (p, 2000, 4, 0);
      check_threads (p);
    }
}

/* Sparse networks, where a node's peers are its neighbours: every protocol that runs on
 * them. */
static void
test_determinism_sparse (void)
{
  const char *specs[] = { "ba:3", "grid", "regular:4" };

  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);

      if (protocol->complete_only)
        continue;

      for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
        {
          g_autoptr(GvParams) p = gv_params_new_for (protocol);

          p->n_nodes = 2048;
          p->detail_cap = 0;
          p->max_rounds = 10;
          if (protocol->uses_fanout)
            p->fanout = 2;
          g_assert_true (gv_params_parse_topology (p, specs[s], NULL));
          check_threads (p);
        }
    }
}

/* The baselines' plans on several shards: the origin's sends cross them. */
static void
test_determinism_complete_only (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) p = NULL;

      if (!protocol->complete_only)
        continue;

      p = gv_params_new_for (protocol);
      p->n_nodes = 3072;
      p->fanout = 16;
      p->detail_cap = 0;
      set_faults (p, 0.05, 0.01, 0.1);
      check_threads (p);
    }
}

static void
test_determinism_seed_matters (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    {
      const GvProtocol *protocol = gv_protocol_get_nth (i);
      g_autoptr(GvParams) p = gv_params_new_for (protocol);
      g_autoptr(GByteArray) a = NULL;
      g_autoptr(GByteArray) b = NULL;
      guint shards;

      /* A seed draws peers, losses and crashes. */
      p->n_nodes = 3000;
      if (!protocol->complete_only)
        g_assert_true (gv_params_parse_topology (p, "ws:6:0.1", NULL));
      set_faults (p, 0.1, 0.01, 0.1);
      p->max_rounds = 20;
      a = fingerprint (p, 1, &shards);
      p->seed = 2;
      b = fingerprint (p, 1, &shards);
      g_assert_false (a->len == b->len && memcmp (a->data, b->data, a->len) == 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/determinism/every-protocol", test_determinism_every_protocol);
  g_test_add_func ("/determinism/rumor-detail", test_determinism_rumor_detail);
  g_test_add_func ("/determinism/rumor-fast", test_determinism_rumor_fast);
  g_test_add_func ("/determinism/anti-entropy", test_determinism_anti_entropy);
  g_test_add_func ("/determinism/sparse", test_determinism_sparse);
  g_test_add_func ("/determinism/complete-only", test_determinism_complete_only);
  g_test_add_func ("/determinism/seed-matters", test_determinism_seed_matters);

  return g_test_run ();
}
