/* test-literature.c: the engine against published results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure here is a mean over runs with fixed seeds, so the test is deterministic,
 * and every tolerance comes from the spread the runs show.  With R runs of standard
 * deviation sd, a mean lands more than Z = 4 standard errors (4 sd / sqrt (R)) from the
 * truth with probability about 6e-5.  Where theory and engine model slightly different
 * things, the difference is added as a slack, stated and justified where it is used.
 *
 * Checks do not abort at the first failure: every figure is logged with
 * g_test_message, so that a failing run shows the whole table.
 *
 * Sources:
 *   Demers et al. 1987, "Epidemic algorithms for replicated database maintenance",
 *     PODC '87, section 1.4, tables 1 and 2 (n = 1000, push rumour mongering).
 *   Pittel 1987, "On spreading a rumor", SIAM J. Appl. Math. 47(1).
 *   Karp, Schindelhauer, Shenker and Vöcking 2000, "Randomized rumor spreading",
 *     FOCS 2000.
 */

#define G_LOG_DOMAIN "test-literature"

#include "config.h"

#include <math.h>
#include <string.h>

#include "gv-exchange.h"
#include "gv-test-engine.h"
#include "gv-theory.h"

#define N_THREADS 2

/* Standard errors allowed between a mean and what it estimates. */
#define Z 4.0

/* Welford's running mean and variance. */
typedef struct
{
  guint  n;
  double mean;
  double m2;
} Stat;

static void
stat_add (Stat   *s,
          double  x)
{
  double d = x - s->mean;

  s->n++;
  s->mean += d / s->n;
  s->m2 += d * (x - s->mean);
}

static double
stat_sd (const Stat *s)
{
  return s->n > 1 ? sqrt (s->m2 / (s->n - 1)) : 0.0;
}

static double
stat_se (const Stat *s)
{
  return s->n > 0 ? stat_sd (s) / sqrt (s->n) : 0.0;
}

static const GvProtocol *rumor;

static const char *
exchange_id (GvExchange exchange)
{
  return gv_exchange_choices[exchange].id;
}

static void
set_param (GvParams   *p,
           const char *name,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  if (!gv_params_set (p, name, value, &error))
    g_error ("%s=%s: %s", name, value, error->message);
}

/* A stop rule and its K, as the CLI spells them: "feedback-counter:2". */
static void
set_stop (GvParams   *p,
          const char *rule,
          guint       k)
{
  g_autofree char *value = g_strdup_printf ("%s:%u", rule, k);

  set_param (p, "stop", value);
}

static double
figure (const GvSummary *s,
        const char      *id)
{
  return gv_test_figure (s, rumor, id);
}

static GvParams *
spread_params (guint32    n_nodes,
               GvExchange exchange,
               guint      fanout,
               guint64    seed)
{
  GvParams *p = gv_params_new_for (rumor);

  p->n_nodes = n_nodes;
  set_param (p, "exchange", exchange_id (exchange));
  p->fanout = fanout;
  p->seed = seed;
  /* Far beyond any run here (push at n = 1e6 takes 35 rounds, Demers' blind chain 40),
   * yet a broken engine that never converges fails in seconds, not at the timeout. */
  p->max_rounds = 200;
  p->detail_cap = 0;  /* per-message records would only slow the runs down */

  return p;
}

static GvEngine *
new_engine (const GvParams *p)
{
  g_autoptr(GError) error = NULL;
  GvEngine *engine = gv_engine_new (p, N_THREADS, NULL, &error);

  /* Assertions do not abort in this test, but nothing can go on without an engine. */
  if (engine == NULL)
    g_error ("no engine: %s", error->message);

  return engine;
}

static void
run_summary (const GvParams *p,
             GvSummary      *summary)
{
  g_autoptr(GvEngine) engine = new_engine (p);

  gv_engine_run (engine, NULL);
  gv_engine_get_summary (engine, summary);
  g_assert_true (summary->finished);
}

/* Runs to the end and returns the informed count of every round, round 0 first: the
 * protocol's primary metric (informed nodes, up-to-date replicas). */
static GArray *
run_informed (const GvParams *p)
{
  g_autoptr(GvEngine) engine = new_engine (p);
  g_autoptr(GvRoundRecord) initial = gv_engine_initial_record (engine);
  GArray *informed = g_array_new (FALSE, FALSE, sizeof (guint32));
  GvRoundRecord *rec;
  guint32 primary;

  g_assert_cmpuint (initial->round, ==, 0);
  g_assert_cmpuint (REC_ALIVE (initial), ==, p->n_nodes);
  primary = (guint32) REC_METRIC (initial, p->protocol, p->protocol->primary);
  g_array_append_val (informed, primary);

  while ((rec = gv_engine_step (engine)) != NULL)
    {
      g_assert_cmpuint (rec->round, ==, informed->len);
      g_assert_cmpuint (REC_ALIVE (rec), ==, p->n_nodes);
      primary = (guint32) REC_METRIC (rec, p->protocol, p->protocol->primary);
      g_array_append_val (informed, primary);
      gv_round_record_unref (rec);
    }

  /* Without a stop rule the run ends exactly when everybody knows. */
  g_assert_cmpuint (g_array_index (informed, guint32, informed->len - 1), ==, p->n_nodes);

  return informed;
}

/* Checks |measured - expected| <= Z * se + slack, and logs it either way. */
static void
check_near (const char *what,
            double      measured,
            double      se,
            double      expected,
            double      slack)
{
  double tolerance = Z * se + slack;
  double off = measured - expected;

  g_test_message ("%-48s %12.5g  expected %12.5g  off %+10.3g  allowed +/-%.3g (%g se + %.3g)%s",
                  what, measured, expected, off, tolerance, Z, slack,
                  fabs (off) <= tolerance ? "" : "  FAILED");
  g_assert_cmpfloat (fabs (off), <=, tolerance);
}

/* Checks lo - Z * se <= measured <= hi + Z * se, and logs it either way. */
static void
check_within (const char *what,
              double      measured,
              double      se,
              double      lo,
              double      hi)
{
  gboolean ok = measured >= lo - Z * se && measured <= hi + Z * se;

  g_test_message ("%-48s %12.5g  expected in [%.4g, %.4g] +/- %.3g%s",
                  what, measured, lo, hi, Z * se, ok ? "" : "  FAILED");
  g_assert_cmpfloat (measured, >=, lo - Z * se);
  g_assert_cmpfloat (measured, <=, hi + Z * se);
}

/* Pittel 1987 and Karp et al. 2000: rounds until everybody knows, over sizes. */

typedef struct
{
  guint32 n_nodes;
  guint   runs;
} Size;

/* Fewer runs where runs are dear: the standard error grows, and the tolerances with it. */
static const Size sizes[] = {
  { 1000, 400 },
  { 10000, 200 },
  { 100000, 100 },
  { 1000000, 12 },
};

static void
measure_rounds (GvExchange exchange,
                guint64    seed_base,
                Stat      *rounds)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      memset (&rounds[i], 0, sizeof rounds[i]);

      for (guint run = 0; run < sizes[i].runs; run++)
        {
          g_autoptr(GvParams) p = spread_params (sizes[i].n_nodes, exchange, 1,
                                                 seed_base + i * 100000 + run);
          GvSummary s;

          run_summary (p, &s);
          g_assert_true (s.converged);
          g_assert_cmpfloat (figure (&s, "residue"), ==, 0.0);
          stat_add (&rounds[i], s.rounds);
        }

      g_test_message ("%s n = %-8u runs %3u: rounds %.3f (sd %.3f, se %.3f)",
                      exchange_id (exchange), sizes[i].n_nodes, sizes[i].runs,
                      rounds[i].mean, stat_sd (&rounds[i]), stat_se (&rounds[i]));
    }
}

static void
test_pittel (void)
{
  Stat rounds[G_N_ELEMENTS (sizes)];

  measure_rounds (GV_EXCHANGE_PUSH, 0x9177e1, rounds);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *what = g_strdup_printf ("push n = %u: rounds - (log2 n + ln n)",
                                               sizes[i].n_nodes);

      /* Pittel proves T = log2 n + ln n + O(1) in probability and gives no constant;
       * the O(1) term does not even converge, it oscillates with the fractional part
       * of log2 n.  So the remainder is held to one window, fixed for every size:
       * [0, 2.5] rounds, around the 1.2 that both the engine and an independent
       * simulation show.  The growth checks below are the sharp ones. */
      check_within (what, rounds[i].mean - gv_theory_pittel_rounds (sizes[i].n_nodes),
                    stat_se (&rounds[i]), 0.0, 2.5);
    }

  for (guint i = 0; i + 1 < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *what = g_strdup_printf ("push growth of rounds, n = %u -> %u",
                                               sizes[i].n_nodes, sizes[i + 1].n_nodes);
      double se = hypot (stat_se (&rounds[i]), stat_se (&rounds[i + 1]));

      /* Between sizes the unknown constant cancels; only its oscillation remains.  An
       * independent simulation measured the remainder at n = 1e3, 3e3, 1e4, 3e4 and 1e5
       * (400 runs each) as 1.21, 1.16, 1.17, 1.14, 1.21: flat within 0.1 round.  We
       * allow 0.25.  The ln n term alone grows by 2.3 rounds per factor of ten, so an
       * engine that spread only to uninformed nodes (log2 n rounds) fails here. */
      check_near (what, rounds[i + 1].mean - rounds[i].mean, se,
                  gv_theory_pittel_rounds (sizes[i + 1].n_nodes) -
                  gv_theory_pittel_rounds (sizes[i].n_nodes), 0.25);
    }
}

/* Karp et al.: log3 n rounds of tripling, then log2 ln n rounds in which the pull squares
 * the uninformed fraction, taking it from a constant down to 1/n. */
static double
karp_refined (guint32 n_nodes)
{
  return gv_theory_karp_rounds (n_nodes) + log2 (log ((double) n_nodes));
}

static void
test_karp (void)
{
  Stat rounds[G_N_ELEMENTS (sizes)];

  measure_rounds (GV_EXCHANGE_PUSH_PULL, 0x4a2b, rounds);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint32 n = sizes[i].n_nodes;
      double lnln = log (log ((double) n));
      double remainder = rounds[i].mean - gv_theory_karp_rounds (n);
      g_autofree char *what = g_strdup_printf ("push-pull n = %u: rounds - log3 n", n);
      g_autofree char *what2 = g_strdup_printf ("push-pull n = %u: rounds vs log3 n + log2 ln n",
                                                n);

      /* The theorem: log3 n + O(log log n).  In expectation push-pull at most triples
       * the informed each round (one push out, on average one pull in), hence the 0;
       * we take c = 2 for the O(ln ln n) term, which the analysis (see karp_refined)
       * puts at log2 ln n = 1.44 ln ln n. */
      check_within (what, remainder, stat_se (&rounds[i]), 0.0, 2.0 * lnln);

      /* The refined count leaves only the constants of the two phases, which are
       * bounded; we allow one round either way. */
      check_near (what2, rounds[i].mean, stat_se (&rounds[i]), karp_refined (n), 1.0);
    }

  for (guint i = 0; i + 1 < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *what = g_strdup_printf ("push-pull growth of rounds, n = %u -> %u",
                                               sizes[i].n_nodes, sizes[i + 1].n_nodes);
      double se = hypot (stat_se (&rounds[i]), stat_se (&rounds[i + 1]));

      /* As for Pittel: the constants cancel up to their oscillation with n.  Push-pull
       * runs take one of two or three round counts, and the mean moves in small steps as
       * n grows; an independent simulation found the refined remainder within 0.11 of
       * zero at n = 1e3 ... 1e6, so 0.25 is allowed. */
      check_near (what, rounds[i + 1].mean - rounds[i].mean, se,
                  karp_refined (sizes[i + 1].n_nodes) - karp_refined (sizes[i].n_nodes), 0.25);
    }
}

/* Demers et al. 1987: push rumour mongering with stop rules on 1000 sites. */

#define DEMERS_N 1000
#define DEMERS_RUNS 400

typedef struct
{
  double residue, residue_half_unit;
  double traffic, traffic_half_unit;
  double t_avg, t_avg_half_unit;
  double t_last, t_last_half_unit;
} Published;

/* Table 1: feedback, counter, k = 1 ... 5.  The half units say how the figures were
 * rounded in print. */
static const Published demers_table1[] = {
  { 0.176, 5e-4, 1.74, 5e-3, 11.0, 0.05, 16.8, 0.05 },
  { 0.037, 5e-4, 3.30, 5e-3, 12.1, 0.05, 16.9, 0.05 },
  { 0.011, 5e-4, 4.53, 5e-3, 12.5, 0.05, 17.4, 0.05 },
  { 0.0036, 5e-5, 5.64, 5e-3, 12.7, 0.05, 17.5, 0.05 },
  { 0.0012, 5e-5, 6.68, 5e-3, 12.8, 0.05, 17.7, 0.05 },
};

/* Table 2: blind, coin, k = 1 ... 5. */
static const Published demers_table2[] = {
  { 0.960, 5e-4, 0.04, 5e-3, 19.0, 0.5, 38.0, 0.5 },
  { 0.205, 5e-4, 1.59, 5e-3, 17.0, 0.5, 33.0, 0.5 },
  { 0.060, 5e-4, 2.82, 5e-3, 15.0, 0.5, 32.0, 0.5 },
  { 0.021, 5e-4, 3.91, 5e-3, 14.1, 0.05, 32.0, 0.5 },
  { 0.008, 5e-4, 4.95, 5e-3, 13.8, 0.05, 32.0, 0.5 },
};

typedef struct
{
  Stat residue;
  Stat traffic;
  Stat t_avg;
  Stat t_last;
  Stat exp_gap;   /* s - e^{-m}, run by run */
} DemersRuns;

static void
run_demers (const char *stop,
            guint       k,
            guint64     seed_base,
            DemersRuns *out)
{
  memset (out, 0, sizeof *out);

  for (guint run = 0; run < DEMERS_RUNS; run++)
    {
      g_autoptr(GvParams) p = spread_params (DEMERS_N, GV_EXCHANGE_PUSH, 1, seed_base + run);
      GvSummary s;

      set_stop (p, stop, k);
      run_summary (p, &s);

      stat_add (&out->residue, figure (&s, "residue"));
      stat_add (&out->traffic, figure (&s, "traffic"));
      stat_add (&out->t_avg, figure (&s, "t_avg"));
      stat_add (&out->t_last, figure (&s, "t_last"));
      stat_add (&out->exp_gap, figure (&s, "residue") - exp (-figure (&s, "traffic")));
    }
}

/* The standard error of the difference between our mean and a published one.  Demers
 * et al. do not say how many runs a figure averages; we take it to be as many as ours,
 * which doubles the variance of the difference. */
static double
published_se (const Stat *s)
{
  return stat_sd (s) * sqrt (2.0 / s->n);
}

static void
check_published (const char      *table,
                 guint            k,
                 const DemersRuns *r,
                 const Published *pub)
{
  g_autofree char *w_res = g_strdup_printf ("%s k = %u: residue s", table, k);
  g_autofree char *w_traffic = g_strdup_printf ("%s k = %u: traffic m", table, k);
  g_autofree char *w_t_last = g_strdup_printf ("%s k = %u: t_last", table, k);
  g_autofree char *w_t_avg = g_strdup_printf ("%s k = %u: t_avg", table, k);
  g_autofree char *w_exp = g_strdup_printf ("%s k = %u: s - e^-m", table, k);

  check_near (w_res, r->residue.mean, published_se (&r->residue), pub->residue,
              pub->residue_half_unit);
  check_near (w_traffic, r->traffic.mean, published_se (&r->traffic), pub->traffic,
              pub->traffic_half_unit);

  /* Demers count time in cycles and do not say whether the cycle of the first push is
   * cycle 0 or 1: one round of slack. */
  check_near (w_t_last, r->t_last.mean, published_se (&r->t_last), pub->t_last,
              pub->t_last_half_unit + 1.0);

  /* Demers' t_ave is 1.2 to 2.8 cycles above the mean delay of the synchronous model
   * (except for blind coin k = 1, where both are about half of t_last).  The engine and
   * an independent reference simulation agree with each other to 0.1 round, and with
   * Demers' t_last, but not with t_ave, whose exact definition the paper does not give.
   * So t_avg is only held to a loose window below the published figure; the residue and
   * traffic above are the sharp checks. */
  check_within (w_t_avg, r->t_avg.mean, published_se (&r->t_avg),
                pub->t_avg - 3.0 - pub->t_avg_half_unit, pub->t_avg + pub->t_avg_half_unit);

  /* Demers' relation for push, s = e^{-m}: a node stays uninformed when none of the
   * m n pushes lands on it.  It is exact in expectation only if the number of pushes
   * does not depend on where they land, which stop rules break.  Demers' own tables
   * meet it within 13% (table 2, k = 5); we hold the engine to 5% of s. */
  check_near (w_exp, r->exp_gap.mean, stat_se (&r->exp_gap), 0.0, 0.05 * r->residue.mean);
}

/* Demers define the counter as "lose interest only after k unnecessary contacts".  Their
 * table 1 is reproduced, traffic to the printed three digits, by a counter of unnecessary
 * contacts that a useful contact resets; a counter that never resets leaves more nodes
 * uninformed for k >= 2 (s = 0.048 instead of 0.037 at k = 2), as an independent
 * simulation confirms.  At k = 1 the two agree. */
static void
test_demers_table1 (void)
{
  for (guint k = 1; k <= 5; k++)
    {
      DemersRuns r;

      run_demers ("feedback-counter", k, 0xde1000 + k * 1000, &r);
      check_published ("table 1 feedback counter", k, &r, &demers_table1[k - 1]);
    }
}

/* The residue of a coin rule by the synchronous-round mean field: the expected counts of
 * susceptible and spreading nodes, round by round, as the engine plays them.  A push
 * finds its target already informed with probability (informed - 1) / (n - 1), judged
 * against the state at the start of the round; a susceptible node stays so when none of
 * the I pushes hits it. */
static double
sync_coin_residue (gboolean   feedback,
                   guint      k,
                   guint32    n_nodes)
{
  double n = n_nodes;
  double susceptible = n - 1.0;
  double spreading = 1.0;

  for (guint r = 0; r < 100000 && spreading > 1e-9; r++)
    {
      double informed = n - susceptible;
      double newly = susceptible * -expm1 (spreading * log1p (-1.0 / (n - 1.0)));
      double stops;

      if (feedback)
        stops = spreading * (informed - 1.0) / (n - 1.0) / k;
      else
        stops = spreading / k;

      spreading += newly - stops;
      susceptible -= newly;
    }

  return susceptible / n;
}

static void
check_residue_equation (const char *rule,
                        gboolean    feedback,
                        guint       k,
                        double      c,
                        const Stat *residue)
{
  double ode = gv_theory_residue (c);
  double sync = sync_coin_residue (feedback, k, DEMERS_N);
  g_autofree char *w_sync = g_strdup_printf ("%s k = %u: s vs synchronous mean field", rule, k);
  g_autofree char *w_ode = g_strdup_printf ("%s k = %u: s vs e^{-%g(1-s)}", rule, k, c);

  /* The recurrence follows expected counts; the randomness of the first rounds, when a
   * handful of nodes spread, moves the mean residue by a few percent at n = 1000 (an
   * independent simulation with 2000 runs a configuration found at most 2.3%).  We
   * allow 5% of s. */
  check_near (w_sync, residue->mean, stat_se (residue), sync, 0.05 * sync);

  /* Demers derive s = e^{-c(1-s)} from a differential equation, in which contacts
   * happen one at a time.  In synchronous rounds several pushes can reach one node in
   * the same round and all of them count as useful, so fewer nodes lose interest: the
   * synchronous residue is lower under feedback (Demers' own table 1 shows it, 0.176 at
   * k = 1 against 0.203).  Blind coins ignore feedback, and there the two differ only by
   * finite-n terms.  That difference, computed above, is the model slack. */
  check_near (w_ode, residue->mean, stat_se (residue), ode, fabs (sync - ode) + 0.05 * sync);
}

/* Blind coin with k = 1: every informed node pushes once and stops, so the rumour runs
 * along a chain that grows by one node a round until it hits a node that knows.  With
 * i informed, the next push is new with probability (n - i) / (n - 1): the expected
 * length of the chain is a birthday sum. */
static double
blind_chain_expected_informed (guint32 n_nodes)
{
  double n = n_nodes;
  double p_reach = 1.0;  /* probability that the chain reaches i nodes */
  double expected = 0.0;

  for (guint32 i = 1; i <= n_nodes && p_reach > 1e-300; i++)
    {
      expected += p_reach;
      p_reach *= (n - i) / (n - 1.0);
    }

  return expected;
}

static void
test_blind_chain (void)
{
  Stat informed = { 0 };
  double expected = blind_chain_expected_informed (DEMERS_N);

  for (guint run = 0; run < DEMERS_RUNS; run++)
    {
      g_autoptr(GvParams) p = spread_params (DEMERS_N, GV_EXCHANGE_PUSH, 1, 0xc4a1 + run);
      GvSummary s;
      double i;

      set_stop (p, "blind-coin", 1);
      run_summary (p, &s);

      /* Exact, run by run: one push per informed node, one node a round. */
      i = (1.0 - figure (&s, "residue")) * DEMERS_N;
      g_assert_cmpfloat_with_epsilon (figure (&s, "traffic") * DEMERS_N, i, 1e-6);
      g_assert_cmpfloat_with_epsilon (figure (&s, "t_last"), i - 1.0, 1e-6);
      g_assert_cmpuint (s.rounds, ==, (guint) lround (i));
      stat_add (&informed, i);
    }

  check_near ("blind coin k = 1: informed nodes (chain)", informed.mean, stat_se (&informed),
              expected, 0.0);
}

static void
test_demers_table2 (void)
{
  for (guint k = 1; k <= 5; k++)
    {
      DemersRuns r;

      run_demers ("blind-coin", k, 0xde2000 + k * 1000, &r);
      check_published ("table 2 blind coin", k, &r, &demers_table2[k - 1]);

      /* At k = 1 the equation has only the root s = 1; the chain test covers it. */
      if (k > 1)
        check_residue_equation ("blind coin", FALSE, k, k, &r.residue);
    }
}

static void
test_demers_feedback_coin (void)
{
  for (guint k = 1; k <= 5; k++)
    {
      DemersRuns r;

      run_demers ("feedback-coin", k, 0xde3000 + k * 1000, &r);
      g_test_message ("feedback coin k = %u: s %.5f (sd %.5f)  m %.3f  t_avg %.2f  t_last %.2f",
                      k, r.residue.mean, stat_sd (&r.residue), r.traffic.mean, r.t_avg.mean,
                      r.t_last.mean);
      check_residue_equation ("feedback coin", TRUE, k, k + 1.0, &r.residue);
    }
}

/* The mean-field recurrence, one round at a time.  Given the uninformed count U at the
 * start of a round, the recurrence predicts the count after it, n f(U / n).  Under pull
 * each uninformed node stays so independently, so U' is binomial; under push the
 * misses are negatively correlated (occupancy), so the binomial variance is an upper
 * bound.  The z-scores below therefore have mean 0 and variance at most 1, and, being
 * martingale differences, are uncorrelated across rounds.  The recurrence's
 * e^{-b(1-p)} stands for (1 - b/(n-1))^{I} and p^b for choosing among n - 1 peers; at
 * n = 1e5 those finite-n corrections move a z-score by less than 0.02. */

typedef struct
{
  Stat   z;
  double max_abs;
} OneStep;

/* Only rounds whose binomial variance U s (1 - s), with s the predicted share that stays
 * uninformed, is at least 25 (5 nodes): the expected change and what remains are then
 * both at least 25 nodes, and the law of large numbers has bitten. */
#define MIN_VARIANCE 25.0

static void
one_step_add (OneStep       *o,
              GvExchange     exchange,
              guint          fanout,
              guint32        n_nodes,
              const GArray  *informed,
              gboolean       verbose)
{
  for (guint r = 0; r + 1 < informed->len; r++)
    {
      double u = n_nodes - g_array_index (informed, guint32, r);
      double u_next = n_nodes - g_array_index (informed, guint32, r + 1);
      double p = u / n_nodes;
      double expected, stay, variance, z;

      if (u == 0)
        break;

      expected = n_nodes * gv_theory_mean_field_step (exchange, fanout, p);
      stay = expected / u;
      variance = u * stay * (1.0 - stay);
      if (variance < MIN_VARIANCE)
        continue;

      z = (u_next - expected) / sqrt (variance);
      stat_add (&o->z, z);
      o->max_abs = MAX (o->max_abs, fabs (z));

      if (verbose)
        g_test_message ("  round %2u -> %2u: uninformed %.6f -> %.6f, ratio %.5f, "
                        "predicted %.5f, z %+.2f",
                        r, r + 1, p, u_next / n_nodes, u_next / u, stay, z);
    }
}

static void
one_step_check (const char    *what,
                const OneStep *o)
{
  g_autofree char *w_mean = g_strdup_printf ("%s: mean z of %u rounds", what, o->z.n);
  g_autofree char *w_sd = g_strdup_printf ("%s: sd of z", what);
  g_autofree char *w_max = g_strdup_printf ("%s: largest |z|", what);

  g_assert_cmpuint (o->z.n, >=, 20);

  /* Variance at most 1: the mean has standard error at most 1 / sqrt (N). */
  check_near (w_mean, o->z.mean, 1.0 / sqrt (o->z.n), 0.0, 0.0);

  /* Sub-binomial noise is allowed; noisier than binomial is not.  The sample sd of N
   * unit normals has a standard error of about 1 / sqrt (2N). */
  check_within (w_sd, stat_sd (&o->z), 1.0 / sqrt (2.0 * o->z.n), 0.0, 1.0);

  /* With at most a few hundred z-scores, |z| > 5 has probability below 2e-4. */
  check_within (w_max, o->max_abs, 0.0, 0.0, 5.0);
}

#define AE_N 100000
#define AE_SEEDS 4

static void
test_anti_entropy (void)
{
  static const GvExchange exchanges[] = {
    GV_EXCHANGE_PUSH, GV_EXCHANGE_PULL, GV_EXCHANGE_PUSH_PULL,
  };

  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    {
      OneStep o = { 0 };
      g_autofree char *what = g_strdup_printf ("anti-entropy %s",
                                               exchange_id (exchanges[x]));

      g_test_message ("%s, n = %u, seed 1 round by round:", what, AE_N);

      for (guint seed = 1; seed <= AE_SEEDS; seed++)
        {
          g_autoptr(GvParams) p = spread_params (AE_N, exchanges[x], 1, 0xae00 + x * 100 + seed);
          g_autoptr(GArray) informed = NULL;
          g_autofree char *exchange = NULL;

          /* The same exchange, of one update of one key. */
          gv_params_set_protocol (p, gv_protocol_find ("anti-entropy"));
          exchange = gv_params_get (p, "exchange");
          g_assert_cmpstr (exchange, ==, exchange_id (exchanges[x]));
          informed = run_informed (p);
          g_assert_cmpuint (g_array_index (informed, guint32, 0), ==, 1);
          one_step_add (&o, exchanges[x], 1, AE_N, informed, seed == 1);
        }

      one_step_check (what, &o);
    }
}

/* The whole curve.  Three checks per configuration:
 * - the one-round law above;
 * - the early phase: while the curve is below 1%, the mean over runs of the informed
 *   fraction follows gv_theory_mean_field_curve, because both grow by 1 + b (push,
 *   pull) or 1 + 2b (push-pull) a round in expectation;
 * - later rounds.  Push starts almost deterministically (its first pushes nearly all
 *   find new nodes), so its runs follow the curve from round 0 to the end.  Pull and
 *   push-pull start as a branching process whose random size shifts each run along the
 *   time axis by a round or two (for pull with b = 1 the limit W of I_r / 2^r has mean
 *   1 and variance 1/2).  A mean over shifted curves is not the curve, so for them the
 *   curve is restarted from each run's state when 1% of the nodes know (Kurtz: from
 *   there on the process stays within O(1/sqrt(n)) of the recurrence) and compared from
 *   there. */

#define MF_N 100000
#define MF_SEEDS 8
#define MF_MAX_ROUNDS 64
#define MF_HANDOFF 0.01

typedef struct
{
  Stat from_start[MF_MAX_ROUNDS];    /* informed fraction minus the curve, round r */
  Stat from_handoff[MF_MAX_ROUNDS];  /* minus the restarted recurrence, j rounds later */
  Stat fraction[MF_MAX_ROUNDS];
} CurveRuns;

static void
curve_add (CurveRuns    *c,
           GvExchange    exchange,
           guint         fanout,
           const double *curve,
           const GArray *informed)
{
  guint handoff = 0;
  double p;

  /* A finished run stays at everybody informed. */
  for (guint r = 0; r < MF_MAX_ROUNDS; r++)
    {
      guint32 i = r < informed->len ? g_array_index (informed, guint32, r) : MF_N;
      double q = (double) i / MF_N;

      stat_add (&c->fraction[r], q);
      stat_add (&c->from_start[r], q - curve[r]);
      if (handoff == 0 && q >= MF_HANDOFF)
        handoff = r;
    }

  g_assert_cmpuint (handoff, >, 0);

  /* Compared while the run goes on or the recurrence still expects a node to miss it. */
  p = 1.0 - (double) g_array_index (informed, guint32, handoff) / MF_N;
  for (guint j = 1; handoff + j < MF_MAX_ROUNDS; j++)
    {
      guint r = handoff + j;
      guint32 i = r < informed->len ? g_array_index (informed, guint32, r) : MF_N;

      p = gv_theory_mean_field_step (exchange, fanout, p);
      if (r >= informed->len && p * MF_N < 0.5)
        break;
      stat_add (&c->from_handoff[j], (double) i / MF_N - (1.0 - p));
    }
}

static void
test_mean_field (void)
{
  static const GvExchange exchanges[] = {
    GV_EXCHANGE_PUSH, GV_EXCHANGE_PULL, GV_EXCHANGE_PUSH_PULL,
  };

  for (guint x = 0; x < G_N_ELEMENTS (exchanges); x++)
    for (guint fanout = 1; fanout <= 2; fanout++)
      {
        GvExchange exchange = exchanges[x];
        g_autofree CurveRuns *c = g_new0 (CurveRuns, 1);
        double curve[MF_MAX_ROUNDS];
        OneStep o = { 0 };
        g_autofree char *what = g_strdup_printf ("mean field %s b = %u",
                                                 exchange_id (exchange), fanout);

        gv_theory_mean_field_curve (exchange, fanout, MF_N, curve, MF_MAX_ROUNDS - 1);

        for (guint seed = 1; seed <= MF_SEEDS; seed++)
          {
            g_autoptr(GvParams) p = spread_params (MF_N, exchange, fanout,
                                                   0x3f00 + x * 1000 + fanout * 100 + seed);
            g_autoptr(GArray) informed = run_informed (p);

            g_assert_cmpuint (informed->len, <=, MF_MAX_ROUNDS);
            one_step_add (&o, exchange, fanout, MF_N, informed, FALSE);
            curve_add (c, exchange, fanout, curve, informed);
          }

        one_step_check (what, &o);

        g_test_message ("%s, n = %u, %u runs: round, mean informed fraction, curve",
                        what, MF_N, MF_SEEDS);
        for (guint r = 0; r < MF_MAX_ROUNDS && curve[r] < 1.0 - 0.5 / MF_N; r++)
          g_test_message ("  %2u  %.6f (sd %.6f)  %.6f", r, c->fraction[r].mean,
                          stat_sd (&c->fraction[r]), curve[r]);

        for (guint r = 1; r < MF_MAX_ROUNDS && curve[r - 1] < 1.0 - 0.5 / MF_N; r++)
          {
            g_autofree char *w = NULL;

            if (curve[r] < MF_HANDOFF)
              {
                /* The curve applies the recurrence's curvature to the mean instead of
                 * to each run; below 1% informed that curvature is at most (1 + b)
                 * percent a round, compounded over a few rounds: 5% of the curve. */
                w = g_strdup_printf ("%s: round %u, early", what, r);
                check_near (w, c->fraction[r].mean, stat_se (&c->fraction[r]), curve[r],
                            0.05 * curve[r]);
              }
            else if (exchange == GV_EXCHANGE_PUSH)
              {
                /* From the deterministic start, fluctuations are O(1/sqrt(n)) relative
                 * (0.3% here) and their second-order effect on the mean is below 1e-4
                 * of n: allow that, as a fraction. */
                w = g_strdup_printf ("%s: round %u, curve from round 0", what, r);
                check_near (w, c->fraction[r].mean, stat_se (&c->fraction[r]), curve[r],
                            1e-4);
              }
          }

        for (guint j = 1; j < MF_MAX_ROUNDS && c->from_handoff[j].n > 0; j++)
          {
            g_autofree char *w = g_strdup_printf ("%s: %u rounds after 1%% informed", what, j);

            /* After the handoff at 1000 informed nodes the relative fluctuations are
             * about 1/sqrt(1000) = 3%, and their second-order effect on the mean about
             * 1e-3 of the informed fraction: that is the slack. */
            check_near (w, c->from_handoff[j].mean, stat_se (&c->from_handoff[j]), 0.0, 1e-3);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  rumor = gv_protocol_find ("rumor");
  g_assert_nonnull (rumor);

  /* Log every figure of a table, even after one of them fails. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/literature/pittel/push-rounds", test_pittel);
  g_test_add_func ("/literature/karp/push-pull-rounds", test_karp);
  g_test_add_func ("/literature/demers/table1-feedback-counter", test_demers_table1);
  g_test_add_func ("/literature/demers/table2-blind-coin", test_demers_table2);
  g_test_add_func ("/literature/demers/blind-coin-chain", test_blind_chain);
  g_test_add_func ("/literature/demers/feedback-coin-residue", test_demers_feedback_coin);
  g_test_add_func ("/literature/anti-entropy/one-round", test_anti_entropy);
  g_test_add_func ("/literature/mean-field/curves", test_mean_field);

  return g_test_run ();
}
