/* test-anti-entropy.c: anti-entropy over a replicated store, in the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Through the engine's public interface only: the inspector's rows say what a replica
 * holds ("Key 0": "VALUE (version V, the newest)"), the classes how many of its keys
 * are up to date.
 */

#include "config.h"

#include <string.h>

#include "gv-test-engine.h"

static const GvProtocol *ae;

static const char *const exchanges[] = { "push", "pull", "push-pull" };

static GvParams *
ae_params (guint32     n,
           const char *exchange,
           guint       keys)
{
  g_autofree char *x = g_strdup_printf ("exchange=%s", exchange);
  g_autofree char *k = g_strdup_printf ("keys=%u", keys);
  GvParams *p = gv_test_params ("anti-entropy", n, x, k, NULL);

  if (keys > 1)
    {
      gv_params_add_injection (p, 0, 0, 0);
      gv_params_add_injection (p, 5, 0, 1);
      gv_params_add_injection (p, 9, 3, 0);   /* a newer version of key 0, elsewhere */
      gv_params_add_injection (p, 9, 3, 2);
    }
  return p;
}

static GvEngine *
ae_engine (guint32     n,
           const char *exchange,
           guint       keys)
{
  g_autoptr(GvParams) p = ae_params (n, exchange, keys);

  return gv_test_engine_new (p, 1);
}

/* The inspector's row for @key of @node: "VALUE (version V, …)". */
static char *
key_row (GvEngine *e,
         guint32   node,
         guint     key)
{
  g_autofree char *label = g_strdup_printf ("Key %u", key);
  GvNodeDescription d;
  char *value;

  gv_engine_describe_node (e, node, &d);
  g_assert_nonnull (gv_test_row (&d, label));
  value = g_strdup (gv_test_row (&d, label));
  gv_node_description_clear (&d);
  return value;
}

static void
assert_version (GvEngine   *e,
                guint32     node,
                guint       key,
                const char *version)
{
  g_autofree char *row = key_row (e, node, key);

  if (strstr (row, version) == NULL)
    g_error ("node %u key %u: “%s” does not say “%s”", node, key, row, version);
}

static char *
keys_up_to_date (GvEngine *e,
                 guint32   node)
{
  GvNodeDescription d;
  char *value;

  gv_engine_describe_node (e, node, &d);
  value = g_strdup (gv_test_row (&d, "Keys up to date"));
  gv_node_description_clear (&d);
  g_assert_nonnull (value);
  return value;
}

static void
test_ae_converges (void)
{
  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      g_autoptr(GvEngine) e = ae_engine (2000, exchanges[x], 1);
      g_autofree char *a = NULL, *b = NULL, *known = NULL;
      GvSummary s;

      gv_engine_run (e, NULL);
      gv_engine_get_summary (e, &s);
      g_test_message ("%s: %u rounds", exchanges[x], s.rounds);
      g_assert_true (s.converged);
      g_assert_cmpfloat (gv_test_figure (&s, ae, "residue"), ==, 0.0);
      g_assert_cmpuint (s.rounds, <, 40);

      /* One key, at version 1 everywhere, with the same value. */
      known = keys_up_to_date (e, 0);
      g_assert_cmpstr (known, ==, "1 of 1");
      a = key_row (e, 0, 0);
      b = key_row (e, 1999, 0);
      g_assert_nonnull (strstr (a, "(version 1, the newest)"));
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpint (gv_engine_get_first_informed (e, 0), ==, 0);
      g_assert_cmpint (gv_engine_get_first_informed (e, 1999), >, 0);
    }
}

static void
test_ae_newer_version_wins (void)
{
  g_autoptr(GvEngine) e = ae_engine (500, "push-pull", 3);
  GvRoundRecord *rec;
  GvSummary s;

  while ((rec = gv_engine_step (e)) != NULL)
    {
      /* Only node 9 can hold both new versions. */
      if (rec->round == 3)
        g_assert_cmpuint (REC_METRIC (rec, ae, "up_to_date"), <=, 1);
      gv_round_record_unref (rec);
    }

  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  for (guint32 v = 0; v < 500; v++)
    {
      g_autofree char *known = keys_up_to_date (e, v);

      assert_version (e, v, 0, "(version 2, the newest)");
      assert_version (e, v, 1, "(version 1, the newest)");
      assert_version (e, v, 2, "(version 1, the newest)");
      g_assert_cmpstr (known, ==, "3 of 3");
    }
}

static void
test_ae_runtime_update (void)
{
  g_autoptr(GvEngine) e = ae_engine (300, "pull", 1);
  g_autoptr(GError) error = NULL;
  GvSummary s;

  gv_engine_run (e, NULL);
  g_assert_true (gv_engine_inject (e, 17, 0, &error));
  g_assert_no_error (error);
  g_assert_false (gv_engine_is_finished (e));
  g_assert_false (gv_engine_inject (e, 17, 4, &error));
  g_assert_error (error, GV_ERROR, GV_ERROR_INVALID_PARAM);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  assert_version (e, 17, 0, "(version 2, the newest)");
  assert_version (e, 3, 0, "(version 1 of 2)");
  gv_engine_run (e, NULL);
  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  assert_version (e, 3, 0, "(version 2, the newest)");
}

/* Agreement, not recency, ends an anti-entropy run: with the only holder of the update
 * crashed for good, the rest agree on the old state. */
static void
test_ae_converges_by_agreement (void)
{
  g_autoptr(GvEngine) e = ae_engine (50, "push-pull", 1);
  g_autoptr(GError) error = NULL;
  GvSummary s;

  g_assert_true (gv_engine_set_node_alive (e, 0, FALSE, &error));
  g_assert_true (gv_engine_is_finished (e));
  gv_engine_get_summary (e, &s);
  g_assert_true (s.converged);
  g_assert_cmpfloat (gv_test_figure (&s, ae, "residue"), ==, 1.0);
}

static void
test_ae_lose_state (void)
{
  g_autoptr(GvParams) p = gv_test_params ("anti-entropy", 20, NULL);
  g_autoptr(GvEngine) e = NULL;

  p->recover_loses_state = TRUE;
  e = gv_test_engine_new (p, 1);

  gv_engine_run (e, NULL);
  g_assert_true (gv_engine_set_node_alive (e, 4, FALSE, NULL));
  g_assert_true (gv_engine_set_node_alive (e, 4, TRUE, NULL));
  assert_version (e, 4, 0, "(version 0 of 1)");
  g_assert_cmpuint (gv_engine_classify (e, 4, 0), ==,
                    gv_test_class (gv_engine_get_classes (e), "stale"));
  gv_engine_run (e, NULL);
  assert_version (e, 4, 0, "(version 1, the newest)");
}

/* The classes say how many keys a node holds at their newest version, never what a
 * rumour would: one key is stale or up to date; four keys are none, up to a third, up
 * to two thirds, most, or all. */
static const char *
class_for_count (guint newest,
                 guint keys)
{
  if (keys == 1)
    return newest == 1 ? "up-to-date" : "stale";
  if (newest == 0)
    return "none";
  if (newest == keys)
    return "all";
  if (newest * 3 <= keys)
    return "third";
  if (newest * 3 <= 2 * keys)
    return "two-thirds";
  return "most";
}

static void
check_classes (guint keys)
{
  const guint32 n = 3000;
  g_autofree char *k_keys = g_strdup_printf ("keys=%u", keys);
  g_autoptr(GvParams) p = gv_test_params ("anti-entropy", n, "exchange=push-pull", k_keys, NULL);
  g_autoptr(GvEngine) e = NULL;
  g_autofree guint8 *view = g_malloc (n);
  g_autofree guint8 *whole = g_malloc (n);
  g_autofree guint *newest = g_new (guint, n);
  const GvClassTable *table;
  g_autofree guint *seen = NULL;
  GvRoundRecord *rec;

  for (guint k = 0; k < keys; k++)
    gv_params_add_injection (p, k * 700, k, k);
  p->crash = 0.01;
  p->recover = 0.1;
  e = gv_test_engine_new (p, 2);
  table = gv_engine_get_classes (e);
  seen = g_new0 (guint, table->n);

  if (keys == 1)
    {
      g_assert_cmpuint (table->n, ==, 3);
      g_assert_cmpstr (table->classes[0].id, ==, "stale");
      g_assert_cmpstr (table->classes[1].id, ==, "up-to-date");
    }
  else
    {
      const char *ids[] = { "none", "third", "two-thirds", "most", "all" };

      for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
        g_assert_cmpstr (table->classes[c].id, ==, ids[c]);
    }
  g_assert_cmpstr (table->classes[table->n - 1].id, ==, "crashed");
  /* Nothing of a rumour's. */
  for (guint c = 0; c < table->n; c++)
    {
      g_assert_cmpstr (table->classes[c].id, !=, "spreading");
      g_assert_cmpstr (table->classes[c].id, !=, "uninformed");
    }

  /* One view a key when there are several. */
  g_assert_cmpuint (gv_engine_get_n_items (e), ==, keys);
  g_assert_cmpuint (gv_engine_get_n_views (e), ==, keys > 1 ? 1 + keys : 1);

  while ((rec = gv_engine_step (e)) != NULL)
    {
      guint64 up_to_date = 0;

      memset (newest, 0, sizeof (guint) * n);
      g_assert_cmpuint (rec->n_items, ==, keys);

      /* Each key's view: up to date ("all") or not ("none"), and the key's line. */
      for (guint k = 0; k < keys && keys > 1; k++)
        {
          guint64 count = 0;

          gv_engine_classify_all (e, 1 + k, view);
          for (guint32 v = 0; v < n; v++)
            {
              if (view[v] == table->crashed)
                continue;
              g_assert_true (view[v] == gv_test_class (table, "all") ||
                             view[v] == gv_test_class (table, "none"));
              if (view[v] == gv_test_class (table, "all"))
                {
                  newest[v]++;
                  count++;
                }
            }
          g_assert_cmpfloat (gv_test_item (rec, ae, "up_to_date_by_key", k), ==, count);
        }

      gv_engine_classify_all (e, 0, whole);
      for (guint32 v = 0; v < n; v++)
        {
          if (whole[v] == table->crashed)
            continue;
          if (keys == 1)
            newest[v] = whole[v] == gv_test_class (table, "up-to-date");
          g_assert_cmpuint (whole[v], ==, gv_test_class (table, class_for_count (newest[v], keys)));
          seen[whole[v]]++;
          up_to_date += newest[v] == keys;
        }
      g_assert_cmpuint (up_to_date, ==, REC_METRIC (rec, ae, "up_to_date"));
      if (keys == 1)
        g_assert_cmpfloat (gv_test_item (rec, ae, "up_to_date_by_key", 0), ==, up_to_date);

      /* The inspector counts the same keys. */
      for (guint32 v = 0; v < n; v += 293)
        {
          g_autofree char *known = keys_up_to_date (e, v);
          g_autofree char *expected = g_strdup_printf ("%u of %u", newest[v], keys);

          if (whole[v] != table->crashed)
            g_assert_cmpstr (known, ==, expected);
        }
      gv_round_record_unref (rec);
    }

  /* Every class of the protocol's showed up on the way. */
  for (guint c = 0; c < table->n - 1; c++)
    {
      if (g_str_equal (table->classes[c].id, "out-of-date"))
        continue;  /* only format-1 files have it */
      g_test_message ("%u keys: %s seen %u times", keys, table->classes[c].id, seen[c]);
      g_assert_cmpuint (seen[c], >, 0);
    }
}

static void
test_ae_classes_one_key (void)
{
  check_classes (1);
}

static void
test_ae_classes_four_keys (void)
{
  check_classes (4);
}

/* After a write, the writer alone holds the newest version; a pull of an older replica
 * changes nothing, a push of it neither. */
static void
test_ae_up_to_date_by_key (void)
{
  g_autoptr(GvEngine) e = ae_engine (1000, "push-pull", 3);
  g_autoptr(GvRoundRecord) r0 = gv_engine_initial_record (e);
  GvRoundRecord *rec;
  double last[3] = { 0 };

  /* Round 0: node 0 wrote key 0, node 5 key 1; key 2 is at its initial version. */
  g_assert_cmpuint (r0->n_items, ==, 3);
  g_assert_cmpfloat (gv_test_item (r0, ae, "up_to_date_by_key", 0), ==, 1);
  g_assert_cmpfloat (gv_test_item (r0, ae, "up_to_date_by_key", 1), ==, 1);
  g_assert_cmpfloat (gv_test_item (r0, ae, "up_to_date_by_key", 2), ==, 1000);
  g_assert_cmpuint (REC_METRIC (r0, ae, "up_to_date"), ==, 0);

  while ((rec = gv_engine_step (e)) != NULL)
    {
      for (guint k = 0; k < 3; k++)
        {
          double count = gv_test_item (rec, ae, "up_to_date_by_key", k);

          /* Round 3 writes newer versions of keys 0 and 2 at node 9. */
          if (rec->round == 3 && k != 1)
            g_assert_cmpfloat (count, ==, 1);
          else
            g_assert_cmpfloat (count, >=, last[k]);
          g_assert_cmpfloat (REC_METRIC (rec, ae, "up_to_date"), <=, count);
          last[k] = count;
        }
      gv_round_record_unref (rec);
    }

  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat (last[k], ==, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ae = gv_protocol_find ("anti-entropy");
  g_assert_nonnull (ae);

  g_test_add_func ("/anti-entropy/converges", test_ae_converges);
  g_test_add_func ("/anti-entropy/newer-version-wins", test_ae_newer_version_wins);
  g_test_add_func ("/anti-entropy/runtime-update", test_ae_runtime_update);
  g_test_add_func ("/anti-entropy/converges-by-agreement", test_ae_converges_by_agreement);
  g_test_add_func ("/anti-entropy/lose-state", test_ae_lose_state);
  g_test_add_func ("/anti-entropy/classes/one-key", test_ae_classes_one_key);
  g_test_add_func ("/anti-entropy/classes/four-keys", test_ae_classes_four_keys);
  g_test_add_func ("/anti-entropy/up-to-date-by-key", test_ae_up_to_date_by_key);

  return g_test_run ();
}
