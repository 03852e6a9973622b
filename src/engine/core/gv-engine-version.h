/* gv-engine-version.h: what each engine version changed in what a seed produces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GV_ENGINE_VERSION (gv-engine.h) names the runs this engine reproduces.  A change that
 * alters what a seed produces adds a new version here, with what it changed, so that
 * validating a run saved by an earlier one says which version saved it and what differs
 * now, instead of only that it does not reproduce.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *version;   /* "0.2.0" */
  const char *change;    /* N_("residue rule"): what differs from the version before */
} GvEngineChange;

/* Whether this engine knows @version (it, or one before it). */
gboolean     gv_engine_version_known     (const char *version);
/* What changed since @version, as "residue rule, loss draws", or NULL when nothing did
 * (it is this version) or @version is unknown. */
char        *gv_engine_version_changes   (const char *version);
/* For tests: the history, oldest first, and its length. */
const GvEngineChange *gv_engine_version_history (guint *n);

G_END_DECLS
