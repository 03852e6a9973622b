/* gv-intro.h: the card that says what the window shows, the first time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gv-protocol.h"

G_BEGIN_DECLS

#define GV_TYPE_INTRO (gv_intro_get_type ())

/* A box, so that it lays out as one: its buttons fire win.close-intro and win.intro-play. */
G_DECLARE_FINAL_TYPE (GvIntro, gv_intro, GV, INTRO, GtkBox)

GtkWidget  *gv_intro_new             (void);
/* Names @protocol and tells what it does, under the general words on gossip. */
void        gv_intro_set_protocol    (GvIntro          *self,
                                      const GvProtocol *protocol);
const char *gv_intro_get_description (GvIntro          *self);

G_END_DECLS
