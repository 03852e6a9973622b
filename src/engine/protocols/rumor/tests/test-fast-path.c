/* test-fast-path.c: the rumour's fast path gives the general path's runs, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rumour without detail is played by marks instead of messages (gv-rumor-fast.c).
 * Over a set of configurations (exchanges, fanouts, stop rules, loss, crashes with and
 * without lost state, topologies, threads), the same parameters and seed are played on
 * both paths, and every record, crash list, class, first-informed round and summary
 * must be the same.
 */

#include "config.h"

#include "../gv-rumor-private.h"
#include "gv-test-engine.h"

typedef struct
{
  const char *exchange;
  guint       fanout;
  const char *stop;
  double      loss;
  double      crash;
  double      recover;
  gboolean    lose_state;
  const char *topology;
} Config;

static const Config configs[] = {
  { "push-pull", 1, "none", 0, 0, 0, FALSE, "complete" },
  { "push", 1, "none", 0, 0, 0, FALSE, "complete" },
  { "pull", 1, "none", 0, 0, 0, FALSE, "complete" },
  { "push-pull", 2, "none", 0.2, 0, 0, FALSE, "complete" },
  { "push", 3, "none", 0.1, 0.02, 0.3, FALSE, "complete" },
  { "pull", 1, "none", 0.3, 0.05, 0.2, TRUE, "complete" },
  { "push", 1, "feedback-counter:2", 0, 0, 0, FALSE, "complete" },
  { "push", 2, "feedback-coin:3", 0.1, 0, 0, FALSE, "complete" },
  { "push", 1, "blind-coin:2", 0, 0.01, 0.5, FALSE, "complete" },
  { "push", 1, "blind-counter:3", 0.05, 0, 0, FALSE, "complete" },
  { "push-pull", 1, "ttl:4", 0, 0, 0, FALSE, "complete" },
  { "pull", 2, "ttl:6", 0.1, 0.02, 0.2, FALSE, "complete" },
  { "push-pull", 2, "none", 0, 0, 0, FALSE, "ring:4" },
  { "push", 2, "none", 0.1, 0, 0, FALSE, "ba:3" },
  { "push-pull", 1, "none", 0, 0.02, 0.3, TRUE, "er:0.002" },
  { "pull", 3, "ttl:8", 0, 0, 0, FALSE, "regular:6" },
  { "push-pull", 1, "none", 0.1, 0.01, 0.1, FALSE, "grid" },
};

static GvParams *
params_for (const Config *c,
            guint64       seed)
{
  g_autofree char *exchange = g_strdup_printf ("exchange=%s", c->exchange);
  g_autofree char *stop = g_strdup_printf ("stop=%s", c->stop);
  GvParams *p = gv_test_params ("rumor", 5000, exchange, stop, NULL);

  p->fanout = c->fanout;
  p->loss = c->loss;
  p->crash = c->crash;
  p->recover = c->recover;
  p->recover_loses_state = c->lose_state;
  p->detail_cap = 0;
  p->seed = seed;
  p->max_rounds = 200;
  g_assert_true (gv_params_parse_topology (p, c->topology, NULL));
  return p;
}

static void
assert_same_record (const GvRoundRecord *a,
                    const GvRoundRecord *b)
{
  g_assert_cmpuint (a->round, ==, b->round);
  g_assert_cmpuint (a->n_values, ==, b->n_values);
  for (guint m = 0; m < a->n_values; m++)
    if (!(a->values[m] == b->values[m] || (isnan (a->values[m]) && isnan (b->values[m]))))
      g_error ("round %u: value %u is %g on the fast path but %g on the general one", a->round,
               m, a->values[m], b->values[m]);
  g_assert_cmpuint (a->n_items, ==, b->n_items);
  if (a->n_items > 0)
    g_assert_cmpmem (a->items, sizeof (double) * a->n_items, b->items,
                     sizeof (double) * b->n_items);
  g_assert_cmpuint (a->n_crashed, ==, b->n_crashed);
  g_assert_cmpuint (a->n_recovered, ==, b->n_recovered);
  if (a->n_crashed > 0)
    g_assert_cmpmem (a->crashed_nodes, 4 * a->n_crashed, b->crashed_nodes, 4 * b->n_crashed);
  if (a->n_recovered > 0)
    g_assert_cmpmem (a->recovered_nodes, 4 * a->n_recovered, b->recovered_nodes,
                     4 * b->n_recovered);
}

static void
test_fast_equals_general (void)
{
  guint fast_rounds = 0;

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    for (guint threads = 1; threads <= 2; threads++)
      {
        g_autoptr(GvParams) p = params_for (&configs[c], 11 + c);
        g_autoptr(GvEngine) fast = gv_test_engine_new (p, threads);
        g_autoptr(GvEngine) general = gv_test_engine_new (p, threads);
        g_autofree guint8 *ca = g_malloc (p->n_nodes);
        g_autofree guint8 *cb = g_malloc (p->n_nodes);
        GvSummary sa, sb;
        guint rounds = 0;

        gv_engine_set_fast_paths (general, FALSE);
        gv_engine_reset (general);

        for (;;)
          {
            g_autoptr(GvRoundRecord) a = NULL;
            g_autoptr(GvRoundRecord) b = NULL;

            /* The fast path plays the round when its conditions hold. */
            if (rumor_uses_fast_path (fast, gv_engine_get_protocol_data (fast)))
              fast_rounds++;
            g_assert_false (rumor_uses_fast_path (general, gv_engine_get_protocol_data (general)));

            a = gv_engine_step (fast);
            b = gv_engine_step (general);
            g_assert_true ((a == NULL) == (b == NULL));
            if (a == NULL)
              break;
            assert_same_record (a, b);
            rounds++;

            gv_engine_classify_all (fast, 0, ca);
            gv_engine_classify_all (general, 0, cb);
            g_assert_cmpmem (ca, p->n_nodes, cb, p->n_nodes);
          }

        gv_engine_get_summary (fast, &sa);
        gv_engine_get_summary (general, &sb);
        g_assert_cmpmem (&sa, sizeof sa, &sb, sizeof sb);
        for (guint32 v = 0; v < p->n_nodes; v++)
          g_assert_cmpint (gv_engine_get_first_informed (fast, v), ==,
                           gv_engine_get_first_informed (general, v));

        g_test_message ("%s fanout %u %s loss %g crash %g/%g%s on %s, %u thread(s): %u rounds "
                        "identical", configs[c].exchange, configs[c].fanout, configs[c].stop,
                        configs[c].loss, configs[c].crash, configs[c].recover,
                        configs[c].lose_state ? " lose-state" : "", configs[c].topology,
                        threads, rounds);
      }

  /* Not a test of two general paths: the fast one played most of these rounds. */
  g_test_message ("%u rounds on the fast path", fast_rounds);
  g_assert_cmpuint (fast_rounds, >, 500);
}

/* Within the detail cap every message is queued and judged at delivery; beyond it, one
 * whose receiver held everything it carried when the round began is counted redundant
 * where it is sent.  Both give the same records, for several rumours as for one, and for
 * every protocol. */
static void
test_detail_equals_counted (void)
{
  for (guint i = 0; i < gv_protocol_get_n (); i++)
    for (guint c = 0; c < G_N_ELEMENTS (configs); c += 3)
      {
        const GvProtocol *protocol = gv_protocol_get_nth (i);
        g_autoptr(GvParams) p = gv_params_new_for (protocol);
        g_autoptr(GvEngine) plain = NULL;
        g_autoptr(GvEngine) detailed = NULL;
        g_autoptr(GError) error = NULL;
        GvSummary sa, sb;

        p->n_nodes = 3000;
        p->fanout = configs[c].fanout;
        p->loss = configs[c].loss;
        p->crash = configs[c].crash;
        p->recover = configs[c].recover;
        p->recover_loses_state = configs[c].lose_state;
        p->max_rounds = 60;
        p->seed = 3 + c;
        if (gv_protocol_find_param (protocol, "exchange", NULL) != NULL)
          g_assert_true (gv_params_set (p, "exchange", configs[c].exchange, NULL));
        if (protocol->injection->max > 1)
          {
            gv_params_add_injection (p, 0, 0, 0);
            gv_params_add_injection (p, 9, 2, 0);
          }
        if (!protocol->complete_only)
          g_assert_true (gv_params_parse_topology (p, configs[c].topology, NULL));
        if (!gv_params_validate (p, &error))
          {
            g_test_message ("%s: %s", protocol->id, error->message);
            continue;
          }

        p->detail_cap = 0;
        plain = gv_test_engine_new (p, 2);
        p->detail_cap = p->n_nodes;
        detailed = gv_test_engine_new (p, 2);

        for (;;)
          {
            g_autoptr(GvRoundRecord) a = gv_engine_step (plain);
            g_autoptr(GvRoundRecord) b = gv_engine_step (detailed);

            g_assert_true ((a == NULL) == (b == NULL));
            if (a == NULL)
              break;
            assert_same_record (a, b);
            g_assert_null (a->messages);
            g_assert_nonnull (b->messages);
          }
        gv_engine_get_summary (plain, &sa);
        gv_engine_get_summary (detailed, &sb);
        g_assert_cmpmem (&sa, sizeof sa, &sb, sizeof sb);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rumor/fast-path/equals-general", test_fast_equals_general);
  g_test_add_func ("/rumor/fast-path/detail-equals-counted", test_detail_equals_counted);

  return g_test_run ();
}
