/* gv-exchange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gv-exchange.h"

const GvParamChoice gv_exchange_choices[GV_N_EXCHANGES] = {
  { "push", N_("Push"), N_("A node sends what it has to its peers."), 0, { { 0 } } },
  { "pull", N_("Pull"), N_("A node asks its peers for what they have."), 0, { { 0 } } },
  { "push-pull", N_("Push-pull"),
    N_("A node sends what it has and gets what its peer has, in one exchange."), 0,
    { { 0 } } },
};
