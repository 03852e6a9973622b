/* test-anti-entropy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gv-engine.h"

static GvEngine *
ae_engine (guint32    n,
           GvExchange x,
           guint      keys)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GError) error = NULL;
  GvEngine *e;

  p->n_nodes = n;
  p->mode = GV_MODE_ANTI_ENTROPY;
  p->exchange = x;
  p->n_keys = keys;
  if (keys > 1)
    {
      gv_params_add_injection (p, 0, 0, 0);
      gv_params_add_injection (p, 5, 0, 1);
      gv_params_add_injection (p, 9, 3, 0);   /* a newer version of key 0, elsewhere */
      gv_params_add_injection (p, 9, 3, 2);
    }
  e = gv_engine_new (p, 1, NULL, &error);
  g_assert_no_error (error);
  return e;
}

static void
test_ae_converges (void)
{
  for (GvExchange x = GV_EXCHANGE_PUSH; x <= GV_EXCHANGE_PUSH_PULL; x++)
    {
      g_autoptr(GvEngine) e = ae_engine (2000, x, 1);
      GvNodeInfo a, b;
      GvSummary s;

      gv_engine_run (e, NULL);
      gv_engine_get_summary (e, &s);
      g_test_message ("%s: %u rounds", gv_exchange_to_string (x), s.rounds);
      g_assert_true (s.converged);
      g_assert_cmpfloat (s.residue, ==, 0.0);
      g_assert_cmpuint (s.rounds, <, 40);

      gv_engine_get_node_info (e, 0, &a);
      gv_engine_get_node_info (e, 1999, &b);
      g_assert_cmpuint (a.n_keys, ==, 1);
      g_assert_cmpuint (a.versions[0], ==, 1);
      g_assert_cmpuint (b.versions[0], ==, 1);
      g_assert_cmpuint (a.values[0], ==, b.values[0]);
      g_assert_cmpint (a.first_informed, ==, 0);
      g_assert_cmpint (b.first_informed, >, 0);
    }
}

static void
test_ae_newer_version_wins (void)
{
  g_autoptr(GvEngine) e = ae_engine (500, GV_EXCHANGE_PUSH_PULL, 3);
  GvRoundRecord *rec;
  GvSummary s;

  while ((rec = gv_engine_step (e)) != NULL)
    {
      if (rec->round == 3)
        g_assert_cmpuint (rec->informed, <=, 1);   /* only node 9 can hold both new versions */
      gv_round_record_unref (rec);
    }

  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  for (guint32 v = 0; v < 500; v++)
    {
      GvNodeInfo info;

      gv_engine_get_node_info (e, v, &info);
      g_assert_cmpuint (info.versions[0], ==, 2);
      g_assert_cmpuint (info.versions[1], ==, 1);
      g_assert_cmpuint (info.versions[2], ==, 1);
      g_assert_cmpuint (info.known, ==, 3);
    }
}

static void
test_ae_runtime_update (void)
{
  g_autoptr(GvEngine) e = ae_engine (300, GV_EXCHANGE_PULL, 1);
  g_autoptr(GError) error = NULL;
  GvNodeInfo info;
  GvSummary s;

  gv_engine_run (e, NULL);
  g_assert_true (gv_engine_inject (e, 17, 0, &error));
  g_assert_no_error (error);
  g_assert_false (gv_engine_is_finished (e));
  g_assert_false (gv_engine_inject (e, 17, 4, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  gv_engine_get_node_info (e, 17, &info);
  g_assert_cmpuint (info.versions[0], ==, 2);
  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  gv_engine_get_node_info (e, 3, &info);
  g_assert_cmpuint (info.versions[0], ==, 2);
}

/* Agreement, not recency, ends an anti-entropy run: with the only holder of the update
 * crashed for good, the rest agree on the old state. */
static void
test_ae_converges_by_agreement (void)
{
  g_autoptr(GvEngine) e = ae_engine (50, GV_EXCHANGE_PUSH_PULL, 1);
  g_autoptr(GError) error = NULL;
  GvSummary s;

  g_assert_true (gv_engine_set_node_alive (e, 0, FALSE, &error));
  g_assert_true (gv_engine_is_finished (e));
  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  g_assert_cmpfloat (s.residue, ==, 1.0);
}

static void
test_ae_lose_state (void)
{
  g_autoptr(GvParams) p = gv_params_new ();
  g_autoptr(GvEngine) e = NULL;
  g_autoptr(GError) error = NULL;
  GvNodeInfo info;

  p->n_nodes = 20;
  p->mode = GV_MODE_ANTI_ENTROPY;
  p->recover_loses_state = TRUE;
  e = gv_engine_new (p, 1, NULL, &error);
  g_assert_no_error (error);

  gv_engine_run (e, NULL);
  g_assert_true (gv_engine_set_node_alive (e, 4, FALSE, NULL));
  g_assert_true (gv_engine_set_node_alive (e, 4, TRUE, NULL));
  gv_engine_get_node_info (e, 4, &info);
  g_assert_cmpuint (info.versions[0], ==, 0);
  g_assert_cmpint (info.state, ==, GV_NODE_UNINFORMED);
  gv_engine_run (e, NULL);
  gv_engine_get_node_info (e, 4, &info);
  g_assert_cmpuint (info.versions[0], ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anti-entropy/converges", test_ae_converges);
  g_test_add_func ("/anti-entropy/newer-version-wins", test_ae_newer_version_wins);
  g_test_add_func ("/anti-entropy/runtime-update", test_ae_runtime_update);
  g_test_add_func ("/anti-entropy/converges-by-agreement", test_ae_converges_by_agreement);
  g_test_add_func ("/anti-entropy/lose-state", test_ae_lose_state);

  return g_test_run ();
}
