/* gv-palette.h: the colours a renderer draws with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application fills a palette from the GTK theme; exports and tests use the
 * built-in light and dark ones.  Series, class-slot and message colours are chosen to
 * stay apart for colour-blind readers (Okabe & Ito 2008), and every node class also has
 * a second cue.
 */

#pragma once

#include <glib.h>

#include "gv-protocol.h"
#include "gv-round.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} GvColor;

#define GV_PALETTE_N_SERIES 8

typedef struct
{
  gboolean dark;
  GvColor  background;
  GvColor  foreground;      /* text and axes */
  GvColor  dim;             /* secondary text, grid lines */
  GvColor  accent;          /* the current-round marker, selection */
  GvColor  slots[GV_N_SLOTS];  /* node classes, by GvColorSlot */
  GvColor  edge;
  GvColor  useful;          /* messages, by outcome (GvMessageOutcome) */
  GvColor  redundant;
  GvColor  lost;
  GvColor  dead;            /* to a crashed node: a grey-violet, apart from the two greys
                             * requests take (request, and series[] last on bars) */
  GvColor  request;         /* the foreground, a little faded (gv_palette_derive) */
  GvColor  series[GV_PALETTE_N_SERIES];
} GvPalette;

void     gv_palette_init_light    (GvPalette        *palette);
void     gv_palette_init_dark     (GvPalette        *palette);
/* Remakes the colours made from the foreground (the requests'), after a caller has
 * replaced it, e.g. with the GTK theme's. */
void     gv_palette_derive        (GvPalette        *palette);
/* The colour of a node class's slot (GvColorSlot). */
GvColor  gv_palette_slot_color    (const GvPalette  *palette,
                                   GvColorSlot       slot);
/* The colour of a message outcome (GvMessageOutcome); any other is a request's. */
GvColor  gv_palette_outcome_color (const GvPalette  *palette,
                                   GvMessageOutcome  outcome);
GvColor  gv_color_with_alpha      (GvColor           color,
                                   double            alpha);

/* What one message was, in a word or two ("useful", "lost"), translated. */
const char *gv_message_outcome_word (GvMessageOutcome outcome,
                                     gboolean         carries_data);

G_END_DECLS
