/* gv-rng.h: the counter-based random streams of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every draw of the engine comes from a stream keyed by (seed, node, round, purpose).
 * A stream is SplitMix64 run as a counter-based generator: output i is the SplitMix64
 * finaliser applied to key + i * gamma.  Because a stream depends on nothing but its
 * key, any thread may compute any node's draws, and a run does not depend on how the
 * nodes are split between threads.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GV_RNG_PURPOSE_PEERS  = 1,  /* choosing targets */
  GV_RNG_PURPOSE_LOSS   = 2,  /* per-message loss */
  GV_RNG_PURPOSE_FAULTS = 3,  /* crash and recovery */
  GV_RNG_PURPOSE_STOP   = 4,  /* coin stop rules */
  GV_RNG_PURPOSE_TOPOLOGY = 5,
} GvRngPurpose;

typedef struct
{
  guint64 state;
} GvRng;

#define GV_RNG_GAMMA G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

G_ALWAYS_INLINE static inline guint64
gv_rng_mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* The part of every stream's key that depends on the seed alone, computed once a run. */
G_ALWAYS_INLINE static inline guint64
gv_rng_seed_key (guint64 seed)
{
  return gv_rng_mix64 (seed + GV_RNG_GAMMA);
}

/* Streams of different purposes start far apart in the same SplitMix64 sequence; a
 * (node, round) stream draws at most a few thousand numbers, so they never meet. */
G_ALWAYS_INLINE static inline void
gv_rng_init (GvRng   *rng,
             guint64  seed_key,
             guint32  node,
             guint32  round,
             guint32  purpose)
{
  rng->state = gv_rng_mix64 (seed_key ^ (((guint64) node << 32) | round)) +
               (guint64) purpose * G_GUINT64_CONSTANT (0xd1b54a32d192ed03);
}

G_ALWAYS_INLINE static inline guint64
gv_rng_next (GvRng *rng)
{
  rng->state += GV_RNG_GAMMA;
  return gv_rng_mix64 (rng->state);
}

/* A uniform integer in [0, bound), bound > 0, without modulo bias (Lemire 2019). */
G_ALWAYS_INLINE static inline guint32
gv_rng_below (GvRng   *rng,
              guint32  bound)
{
  guint64 m = (gv_rng_next (rng) >> 32) * (guint64) bound;
  guint32 l = (guint32) m;

  if G_UNLIKELY (l < bound)
    {
      guint32 t = (guint32) (-bound) % bound;

      while (l < t)
        {
          m = (gv_rng_next (rng) >> 32) * (guint64) bound;
          l = (guint32) m;
        }
    }

  return (guint32) (m >> 32);
}

/* The threshold for a Bernoulli draw with probability p: a draw x succeeds when
 * x < threshold.  p >= 1 uses G_MAXUINT64 and gv_rng_chance() treats it as certain. */
static inline guint64
gv_rng_threshold (double p)
{
  if (p <= 0.0)
    return 0;
  if (p >= 1.0)
    return G_MAXUINT64;
  return (guint64) (p * 18446744073709551616.0);
}

static inline gboolean
gv_rng_chance (GvRng   *rng,
               guint64  threshold)
{
  if (threshold == 0)
    return FALSE;
  if (threshold == G_MAXUINT64)
    return TRUE;
  return gv_rng_next (rng) < threshold;
}

/* A uniform double in [0, 1). */
static inline double
gv_rng_double (GvRng *rng)
{
  return (gv_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

G_END_DECLS
