/* gv-theory.h: what the literature predicts, for charts and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gv-exchange.h"
#include "gv-protocol.h"

G_BEGIN_DECLS

/* The most rounds a mean-field coverage curve runs to. */
#define GV_THEORY_MAX_ROUNDS 200

/* Mean-field recurrence for synchronous rounds on the complete graph, with p the
 * uninformed fraction and fanout b:
 *   push: p' = p e^{-b(1-p)};  pull: p' = p^{b+1};  push-pull: the product. */
double   gv_theory_mean_field_step   (GvExchange exchange,
                                      guint      fanout,
                                      double     p);
/* The same with each message lost with probability @loss: push reaches with fanout
 * b(1 - loss); a pull needs its request and its reply, (1 - loss)^2:
 *   push: p' = p e^{-b(1-l)(1-p)};  pull: p' = p (1 - (1-p)(1-l)^2)^b;  push-pull: both. */
double   gv_theory_mean_field_step_lossy (GvExchange exchange,
                                      guint      fanout,
                                      double     loss,
                                      double     p);
/* Fills @out[0..n_rounds] with the informed fraction 1 - p after each round, starting
 * from one informed node among @n_nodes. */
void     gv_theory_mean_field_curve  (GvExchange exchange,
                                      guint      fanout,
                                      guint32    n_nodes,
                                      double    *out,
                                      guint      n_rounds);
void     gv_theory_mean_field_curve_lossy (GvExchange exchange,
                                      guint      fanout,
                                      double     loss,
                                      guint32    n_nodes,
                                      double    *out,
                                      guint      n_rounds);
/* The lossy curve above for the "coverage" chart, labelled @label and @source, until it
 * is within half a node of everyone (GV_THEORY_MAX_ROUNDS at most); from round @stop_at
 * on, it holds that round's value (G_MAXUINT: it never stops). */
GvTheoryCurve *gv_theory_mean_field_coverage (const char *label,
                                      const char *source,
                                      GvExchange  exchange,
                                      guint       fanout,
                                      double      loss,
                                      guint32     n_nodes,
                                      guint       stop_at);
/* The logistic SI curve y(t) = (n+1) / (1 + n e^{-b(n+1)t/n}), as a fraction of n+1,
 * at the contact rate b = @rate (the fanout, or less where messages are lost). */
double   gv_theory_logistic          (guint32    n_nodes,
                                      double     rate,
                                      double     t);
/* The residue s solving s = e^{-c(1-s)}, the non-trivial root for c > 1, else 1.
 * Demers et al. 1987: feedback coin has c = k + 1, blind coin c = k. */
double   gv_theory_residue           (double     c);
/* Pittel 1987: push, fanout 1, rounds ~ log2 n + ln n. */
double   gv_theory_pittel_rounds     (guint32    n_nodes);
/* Karp et al. 2000: push-pull, rounds ~ log3 n + O(log log n); returns log3 n. */
double   gv_theory_karp_rounds       (guint32    n_nodes);
G_END_DECLS
