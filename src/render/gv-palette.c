/* gv-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-palette"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gv-palette.h"

static GvColor
rgb (guint32 hex)
{
  GvColor c = {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    1.0,
  };

  return c;
}

/* Okabe & Ito's eight colours, ordered so that neighbours differ most. */
static const guint32 okabe_ito[GV_PALETTE_N_SERIES] = {
  0x0072b2, /* blue */
  0xe69f00, /* orange */
  0x009e73, /* bluish green */
  0xcc79a7, /* reddish purple */
  0x56b4e9, /* sky blue */
  0xd55e00, /* vermillion */
  0xf0e442, /* yellow */
  0x000000, /* replaced by the dim grey: for what matters least, like bare requests */
};

static void
init_common (GvPalette *palette)
{
  for (guint i = 0; i < GV_PALETTE_N_SERIES; i++)
    palette->series[i] = rgb (okabe_ito[i]);
  palette->series[GV_PALETTE_N_SERIES - 1] = palette->dim;

  /* Class slots, all from Okabe & Ito's set but the greys, so that anyone tells them
   * apart; each class has a second cue (an outline, a ring, a shape) as well.  The
   * first four keep the colours that 0.1.0 gave its node states. */
  palette->slots[GV_SLOT_ACTIVE] = rgb (0xe69f00);
  palette->slots[GV_SLOT_DONE] = rgb (0x0072b2);
  palette->slots[GV_SLOT_PARTIAL] = rgb (0xcc79a7);
  palette->slots[GV_SLOT_ALERT] = rgb (0xd55e00);
  palette->slots[GV_SLOT_GOOD] = rgb (0x009e73);
  palette->slots[GV_SLOT_FAINT] = rgb (0x56b4e9);

  /* Messages by outcome. */
  palette->useful = rgb (0x009e73);
  palette->redundant = rgb (0x56b4e9);
  palette->lost = rgb (0xd55e00);
  gv_palette_derive (palette);
}

void
gv_palette_init_light (GvPalette *palette)
{
  g_return_if_fail (palette != NULL);

  palette->dark = FALSE;
  palette->background = rgb (0xffffff);
  palette->foreground = rgb (0x2e3436);
  palette->dim = rgb (0x9a9996);
  palette->accent = rgb (0x3584e4);
  palette->edge = gv_color_with_alpha (rgb (0x77767b), 0.35);
  init_common (palette);
  palette->slots[GV_SLOT_IDLE] = rgb (0xc0bfbc);
  palette->slots[GV_SLOT_DOWN] = rgb (0x3d3846);
  /* A message to a crashed node takes the crashed colour: darker than both requests'
   * greys, the faded foreground and the dim grey of their bars. */
  palette->dead = palette->slots[GV_SLOT_DOWN];
}

void
gv_palette_init_dark (GvPalette *palette)
{
  g_return_if_fail (palette != NULL);

  palette->dark = TRUE;
  palette->background = rgb (0x242424);
  palette->foreground = rgb (0xffffff);
  palette->dim = rgb (0x77767b);
  palette->accent = rgb (0x78aeed);
  palette->edge = gv_color_with_alpha (rgb (0xc0bfbc), 0.25);
  init_common (palette);
  palette->slots[GV_SLOT_IDLE] = rgb (0x5e5c64);
  palette->slots[GV_SLOT_DOWN] = rgb (0x9a9996);
  /* The crashed grey would sit between the requests' greys here (the faded white of
   * the picture, the dim grey of the bars) and look like either.  Messages to crashed
   * nodes take the light palette's grey-violet turned light instead: lighter than both
   * greys, which any colour vision sees, and tinted as they are not (CIELAB distances
   * 26 and 40 from them, where the crashed grey's are 14 and 14); 9.9:1 on the
   * background. */
  palette->dead = rgb (0xd3c8f7);

  /* Okabe–Ito blue is too dark on a dark background: the sky blue takes its place for
   * nodes that are done, and a lighter blue of the same hue for the first series.
   * What used the sky blue moves aside, so that no two meanings share a colour: faint
   * nodes get a paler sky blue, redundant messages the yellow. */
  palette->slots[GV_SLOT_DONE] = rgb (0x56b4e9);
  palette->slots[GV_SLOT_FAINT] = rgb (0xb3dff7);
  palette->redundant = rgb (0xf0e442);
  palette->series[0] = rgb (0x4ba3e3);
}

void
gv_palette_derive (GvPalette *palette)
{
  g_return_if_fail (palette != NULL);

  /* Faded from the foreground as drawn: a theme's foreground may be translucent
   * already, as libadwaita's light one is. */
  palette->request = gv_color_with_alpha (palette->foreground, 0.7 * palette->foreground.a);
}

GvColor
gv_palette_slot_color (const GvPalette *palette,
                       GvColorSlot      slot)
{
  GvColor none = { 0, 0, 0, 1 };

  g_return_val_if_fail (palette != NULL, none);

  if ((guint) slot >= GV_N_SLOTS)
    return palette->foreground;
  return palette->slots[slot];
}

GvColor
gv_palette_outcome_color (const GvPalette  *palette,
                          GvMessageOutcome  outcome)
{
  GvColor none = { 0, 0, 0, 1 };

  g_return_val_if_fail (palette != NULL, none);

  switch (outcome)
    {
    case GV_MESSAGE_USEFUL:
      return palette->useful;
    case GV_MESSAGE_REDUNDANT:
      return palette->redundant;
    case GV_MESSAGE_LOST:
      return palette->lost;
    case GV_MESSAGE_DEAD:
      return palette->dead;
    case GV_MESSAGE_REQUEST:
    default:
      return palette->request;
    }
}

GvColor
gv_color_with_alpha (GvColor color,
                     double  alpha)
{
  color.a = alpha;
  return color;
}

const char *
gv_message_outcome_word (GvMessageOutcome outcome,
                         gboolean         carries_data)
{
  switch (outcome)
    {
    case GV_MESSAGE_USEFUL:
      /* Translators: what one message was, as in "node 12 → node 40: useful" */
      return _("useful");
    case GV_MESSAGE_REDUNDANT:
      /* Translators: what one message was, as in "node 12 → node 40: redundant" */
      return carries_data ? _("redundant") : _("empty reply");
    case GV_MESSAGE_LOST:
      /* Translators: what one message was, as in "node 12 → node 40: lost" */
      return _("lost");
    case GV_MESSAGE_DEAD:
      /* Translators: what one message was, as in "node 12 → node 40: to a crashed node" */
      return _("to a crashed node");
    case GV_MESSAGE_REQUEST:
    default:
      /* Translators: what one message was, as in "node 12 → node 40: request" */
      return _("request");
    }
}
