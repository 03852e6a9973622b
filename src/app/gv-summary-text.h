/* gv-summary-text.h: a run's summary figures, as a person reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gv-round.h"

G_BEGIN_DECLS

/* "residue 1.2%": figure @index of @summary, as its protocol declares it. */
char *gv_summary_describe_figure (const GvProtocol *protocol,
                                  const GvSummary  *summary,
                                  guint             index);
/* The figure a run that did not converge is told by: the protocol's first fraction (a
 * residue), else its first figure; NULL when it has none. */
char *gv_summary_headline        (const GvProtocol *protocol,
                                  const GvSummary  *summary);

G_END_DECLS
