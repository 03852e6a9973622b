#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Grapevine and opens its window with the default
# simulation ready to play.  Without a display it runs grapevine-cli's default simulation
# instead.  Arguments are passed on to the program.

set -euo pipefail

SRCDIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILDDIR="${BUILDDIR:-$SRCDIR/_build}"

"$SRCDIR/build-aux/install-deps.sh"

if [ ! -f "$BUILDDIR/build.ninja" ]; then
  meson setup "$BUILDDIR" "$SRCDIR" >&2
fi
ninja -C "$BUILDDIR" >&2

# The settings schema of an uninstalled build lives in the build tree.
export GSETTINGS_SCHEMA_DIR="$BUILDDIR/data"

if [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${DISPLAY:-}" ]; then
  exec "$BUILDDIR/src/app/grapevine" "$@"
fi

echo "run: no display; running grapevine-cli's default simulation instead" >&2
if [ $# -eq 0 ]; then
  set -- --repeat 5
fi
exec "$BUILDDIR/src/cli/grapevine-cli" simulate "$@"
