#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Grapevine and runs it.  Until the window exists, this
# runs grapevine-cli's default simulation; arguments are passed on to it.
#
#   build-aux/run.sh                       the default simulation
#   build-aux/run.sh --nodes 100000 --json

set -euo pipefail

SRCDIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILDDIR="${BUILDDIR:-$SRCDIR/_build}"

"$SRCDIR/build-aux/install-deps.sh"

if [ ! -f "$BUILDDIR/build.ninja" ]; then
  meson setup "$BUILDDIR" "$SRCDIR" >&2
fi
ninja -C "$BUILDDIR" >&2

if [ $# -eq 0 ]; then
  set -- --repeat 5
fi
exec "$BUILDDIR/src/cli/grapevine-cli" simulate "$@"
