/* gv-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GV_ERROR (gv_error_quark ())

typedef enum
{
  GV_ERROR_INVALID_PARAM,   /* a parameter has a bad value or a bad combination */
  GV_ERROR_TOPOLOGY,        /* a topology could not be generated */
  GV_ERROR_TOO_LARGE,       /* a size beyond what the engine supports */
  GV_ERROR_PARSE,           /* a run file or option could not be parsed */
  GV_ERROR_MISMATCH,        /* a re-simulated run differs from its record */
  GV_ERROR_ENGINE_VERSION,  /* ... and was saved by another engine version, which says why */
} GvError;

GQuark gv_error_quark (void);

char  *gv_error_sentence (const char *message);

G_END_DECLS
