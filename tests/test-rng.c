/* test-rng.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "gv-rng.h"

static void
test_rng_streams_are_pure (void)
{
  guint64 key = gv_rng_seed_key (42);
  GvRng a, b;

  gv_rng_init (&a, key, 7, 3, GV_RNG_PURPOSE_PEERS);
  gv_rng_init (&b, key, 7, 3, GV_RNG_PURPOSE_PEERS);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (gv_rng_next (&a), ==, gv_rng_next (&b));
}

static void
test_rng_streams_differ (void)
{
  guint64 key = gv_rng_seed_key (42);
  guint64 firsts[5];
  GvRng r;

  gv_rng_init (&r, key, 7, 3, GV_RNG_PURPOSE_PEERS);
  firsts[0] = gv_rng_next (&r);
  gv_rng_init (&r, key, 8, 3, GV_RNG_PURPOSE_PEERS);
  firsts[1] = gv_rng_next (&r);
  gv_rng_init (&r, key, 7, 4, GV_RNG_PURPOSE_PEERS);
  firsts[2] = gv_rng_next (&r);
  gv_rng_init (&r, key, 7, 3, GV_RNG_PURPOSE_LOSS);
  firsts[3] = gv_rng_next (&r);
  gv_rng_init (&r, gv_rng_seed_key (43), 7, 3, GV_RNG_PURPOSE_PEERS);
  firsts[4] = gv_rng_next (&r);

  for (guint i = 0; i < 5; i++)
    for (guint j = i + 1; j < 5; j++)
      g_assert_cmpuint (firsts[i], !=, firsts[j]);
}

/* Pearson's chi-square over 10 bins: with 9 degrees of freedom, 27.9 is the 0.1% point. */
static void
test_rng_below_uniform (void)
{
  guint64 key = gv_rng_seed_key (1);
  guint counts[10] = { 0 };
  const guint n = 200000;
  double chi2 = 0.0;

  for (guint i = 0; i < n; i++)
    {
      GvRng r;
      guint32 x;

      gv_rng_init (&r, key, i, 1, GV_RNG_PURPOSE_PEERS);
      x = gv_rng_below (&r, 10);
      g_assert_cmpuint (x, <, 10);
      counts[x]++;
    }

  for (guint i = 0; i < 10; i++)
    chi2 += pow (counts[i] - n / 10.0, 2) / (n / 10.0);
  g_test_message ("chi2 = %.2f", chi2);
  g_assert_cmpfloat (chi2, <, 27.9);
}

static void
test_rng_below_bounds (void)
{
  GvRng r;

  gv_rng_init (&r, gv_rng_seed_key (9), 0, 0, 0);
  for (guint i = 0; i < 10000; i++)
    {
      g_assert_cmpuint (gv_rng_below (&r, 1), ==, 0);
      g_assert_cmpuint (gv_rng_below (&r, 3), <, 3);
      g_assert_cmpuint (gv_rng_below (&r, G_MAXUINT32), <, G_MAXUINT32);
    }
}

static void
test_rng_chance (void)
{
  GvRng r;
  guint hits = 0;
  const guint n = 100000;
  guint64 t = gv_rng_threshold (0.25);

  gv_rng_init (&r, gv_rng_seed_key (5), 0, 0, 0);
  g_assert_false (gv_rng_chance (&r, gv_rng_threshold (0.0)));
  g_assert_true (gv_rng_chance (&r, gv_rng_threshold (1.0)));

  for (guint i = 0; i < n; i++)
    hits += gv_rng_chance (&r, t);

  /* sd = sqrt(n p (1-p)) ~ 137; 5 sd either side */
  g_assert_cmpint (abs ((int) hits - 25000), <, 685);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rng/pure", test_rng_streams_are_pure);
  g_test_add_func ("/rng/differ", test_rng_streams_differ);
  g_test_add_func ("/rng/below-uniform", test_rng_below_uniform);
  g_test_add_func ("/rng/below-bounds", test_rng_below_bounds);
  g_test_add_func ("/rng/chance", test_rng_chance);

  return g_test_run ();
}
