/* gv-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gv-palette"

#include "config.h"

#include "gv-palette.h"
#include "gv-round.h"

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

  /* States: blue-green for spreading and deep blue for done is told apart from orange
   * and grey by anyone; the renderer adds shapes as well. */
  palette->spreading = rgb (0xe69f00);
  palette->removed = rgb (0x0072b2);
  palette->useful = rgb (0x009e73);
  palette->redundant = rgb (0x56b4e9);
  palette->lost = rgb (0xd55e00);
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
  palette->uninformed = rgb (0xc0bfbc);
  palette->crashed = rgb (0x3d3846);
  palette->edge = gv_color_with_alpha (rgb (0x77767b), 0.35);
  init_common (palette);
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
  palette->uninformed = rgb (0x5e5c64);
  palette->crashed = rgb (0x9a9996);
  palette->edge = gv_color_with_alpha (rgb (0xc0bfbc), 0.25);
  init_common (palette);
  palette->removed = rgb (0x56b4e9);
  /* Okabe–Ito blue is too dark on a dark background; a lighter blue keeps its hue. */
  palette->series[0] = rgb (0x4ba3e3);
}

GvColor
gv_palette_node_color (const GvPalette *palette,
                       guint            state)
{
  GvColor none = { 0, 0, 0, 1 };

  g_return_val_if_fail (palette != NULL, none);

  switch (state)
    {
    case GV_NODE_UNINFORMED:
      return palette->uninformed;
    case GV_NODE_SPREADING:
      return palette->spreading;
    case GV_NODE_REMOVED:
      return palette->removed;
    case GV_NODE_CRASHED:
      return palette->crashed;
    default:
      return palette->foreground;
    }
}

GvColor
gv_color_with_alpha (GvColor color,
                     double  alpha)
{
  color.a = alpha;
  return color;
}
