/* test-determinism.c: one seed, one run, whatever the number of threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gv-engine.h"

/* Every byte that a run produces: each round's counters and events, then the summary
 * and every node's final state. */
static GByteArray *
fingerprint (const GvParams *p,
             guint           threads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GvEngine) e = gv_engine_new (p, threads, NULL, &error);
  GByteArray *out = g_byte_array_new ();
  GvRoundRecord *rec;
  GvSummary s;
  g_autofree guint8 *states = g_malloc (p->n_nodes);

  g_assert_no_error (error);

  rec = gv_engine_initial_record (e);
  do
    {
      g_byte_array_append (out, (const guint8 *) &rec->round,
                           G_STRUCT_OFFSET (GvRoundRecord, messages) -
                           G_STRUCT_OFFSET (GvRoundRecord, round));
      if (rec->n_messages > 0)
        g_byte_array_append (out, (const guint8 *) rec->messages,
                             rec->n_messages * sizeof (GvMessageEvent));
      if (rec->n_changes > 0)
        g_byte_array_append (out, (const guint8 *) rec->changes,
                             rec->n_changes * sizeof (GvStateEvent));
      gv_round_record_unref (rec);
    }
  while ((rec = gv_engine_step (e)) != NULL);

  gv_engine_get_summary (e, &s);
  g_byte_array_append (out, (const guint8 *) &s, sizeof s);
  gv_engine_get_node_states (e, states);
  g_byte_array_append (out, states, p->n_nodes);

  return out;
}

static void
check_threads (GvParams *p)
{
  g_autoptr(GByteArray) one = fingerprint (p, 1);
  const guint counts[] = { 2, 3, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(GByteArray) many = fingerprint (p, counts[i]);

      g_test_message ("%u threads: %u bytes", counts[i], many->len);
      g_assert_cmpmem (one->data, one->len, many->data, many->len);
    }
}

static void
test_determinism_rumor_large (void)
{
  g_autoptr(GvParams) p = gv_params_new ();

  p->n_nodes = 200000;
  p->exchange = GV_EXCHANGE_PUSH_PULL;
  p->fanout = 2;
  p->loss = 0.1;
  p->crash = 0.01;
  p->recover = 0.05;
  g_assert_true (gv_params_parse_stop (p, "feedback-coin:3", NULL));
  check_threads (p);
}

/* The fast path of one rumour without faults, for each exchange. */
static void
test_determinism_rumor_fast (void)
{
  for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
    {
      g_autoptr(GvParams) p = gv_params_new ();

      p->n_nodes = 100000;
      p->exchange = x;
      check_threads (p);
    }
}

static void
test_determinism_rumor_detail (void)
{
  const char *stops[] = { "none", "blind-counter:2", "feedback-counter:2", "ttl:6" };

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
      {
        g_autoptr(GvParams) p = gv_params_new ();

        /* Past 1024 nodes a shard a thread, and below the detail cap: events are kept. */
        p->n_nodes = 4096;
        p->exchange = x;
        p->loss = 0.05;
        p->crash = 0.02;
        p->recover = 0.1;
        p->recover_loses_state = i % 2 == 1;
        g_assert_true (gv_params_parse_stop (p, stops[i], NULL));
        gv_params_add_injection (p, 0, 0, 0);
        gv_params_add_injection (p, 4000, 2, 0);
        check_threads (p);
      }
}

static void
test_determinism_anti_entropy (void)
{
  for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
    {
      g_autoptr(GvParams) p = gv_params_new ();

      p->n_nodes = 4000;
      p->mode = GV_MODE_ANTI_ENTROPY;
      p->exchange = x;
      p->n_keys = 4;
      p->loss = 0.1;
      p->crash = 0.01;
      p->recover = 0.2;
      p->recover_loses_state = TRUE;
      gv_params_add_injection (p, 1, 0, 0);
      gv_params_add_injection (p, 3000, 1, 3);
      gv_params_add_injection (p, 2000, 4, 0);
      check_threads (p);
    }
}

static void
test_determinism_sparse (void)
{
  const char *specs[] = { "ws:6:0.1", "ba:3", "grid" };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GvParams) p = gv_params_new ();

      p->n_nodes = 20000;
      p->fanout = 2;
      g_assert_true (gv_params_parse_topology (p, specs[i], NULL));
      check_threads (p);
    }
}

static void
test_determinism_seed_matters (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GByteArray) a = NULL;
  g_autoptr(GByteArray) b = NULL;

  p->n_nodes = 3000;
  a = fingerprint (p, 1);
  p->seed = 2;
  b = fingerprint (p, 1);
  g_assert_false (a->len == b->len && memcmp (a->data, b->data, a->len) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/determinism/rumor-large", test_determinism_rumor_large);
  g_test_add_func ("/determinism/rumor-fast", test_determinism_rumor_fast);
  g_test_add_func ("/determinism/rumor-detail", test_determinism_rumor_detail);
  g_test_add_func ("/determinism/anti-entropy", test_determinism_anti_entropy);
  g_test_add_func ("/determinism/sparse", test_determinism_sparse);
  g_test_add_func ("/determinism/seed-matters", test_determinism_seed_matters);

  return g_test_run ();
}
