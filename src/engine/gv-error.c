/* gv-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-error"

#include "config.h"

#include "gv-error.h"

G_DEFINE_QUARK (gv-error-quark, gv_error)
