/* gv-exchange.h: push, pull and push-pull, for the protocols that exchange with peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rumour mongering and anti-entropy both let a node push what it has, pull what its
 * peer has, or do both in one exchange (Demers et al. 1987).  They declare the same
 * parameter, so that a run keeps its exchange when the protocol changes.
 */

#pragma once

#include "gv-protocol.h"

G_BEGIN_DECLS

typedef enum
{
  GV_EXCHANGE_PUSH,
  GV_EXCHANGE_PULL,
  GV_EXCHANGE_PUSH_PULL,
  GV_N_EXCHANGES
} GvExchange;

extern const GvParamChoice gv_exchange_choices[GV_N_EXCHANGES];

#define GV_EXCHANGE_PARAM                                                                 \
  {                                                                                       \
    .name = "exchange",                                                                   \
    .label = N_("Exchange"),                                                              \
    .help = N_("Push sends what a node has to its peers, pull asks them for theirs, "     \
               "push-pull does both in one exchange."),                                   \
    .metavar = "STYLE",                                                                   \
    .type = GV_PARAM_CHOICE,                                                              \
    .flags = GV_PARAM_FLAG_BARE,                                                          \
    .choices = gv_exchange_choices,                                                       \
    .n_choices = GV_N_EXCHANGES,                                                          \
    .def = GV_EXCHANGE_PUSH_PULL,                                                         \
  }

G_END_DECLS
