/* gv-registry.h: the protocols built into Grapevine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is made by src/engine/meson.build from its one list of protocol folders;
 * nothing else names them.
 */

#pragma once

#include "gv-protocol.h"

G_BEGIN_DECLS

/* NULL-terminated, the default protocol first. */
extern const GvProtocol *const gv_builtin_protocols[];

G_END_DECLS
