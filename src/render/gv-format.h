/* gv-format.h: numbers and parameters as a person reads them, in the user's locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For what the window and pictures show, never for what scripts read: grapevine-cli keeps
 * LC_NUMERIC at "C", so its tables, CSV and JSON get no grouping from here.
 */

#pragma once

#include <glib.h>

#include "gv-params.h"

G_BEGIN_DECLS

/* @n with the thousands grouping of LC_NUMERIC: "1,000,000" in en_US, "1 000 000" (with
 * narrow no-break spaces) in ru_RU, "1000000" in C.  Always UTF-8. */
char  *gv_format_count          (guint64         n);
/* What in @params differs from the defaults of its protocol's declarations and of the
 * core, a phrase each: the protocol's parameters whose values do not say themselves
 * ("stop rule: feedback counter K = 2"), then the faults ("loss 10%", "crash 1%",
 * "recover 5%", "state lost") and the rounds ("max 200 rounds").  Empty when nothing
 * differs. */
char **gv_format_changed_params (const GvParams *params);

G_END_DECLS
