#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Retakes the metainfo's screenshots (data/screenshots/) from the real window under Xvfb,
# with the settings each one shows written into a private GSettings keyfile:
#
#   xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- build-aux/take-screenshots.sh [BUILD_DIR]
#
# Needs xdotool and ImageMagick's import. The runs are seeded, so the same build gives the
# same rounds; where a shot lands within a round depends on timing.

set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/_build}" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# shot NAME SECONDS_OF_PLAY DARK KEY=VALUE...
shot() {
  local name="$1" seconds="$2" dark="$3" pid window
  shift 3
  mkdir -p "$tmp/$name/glib-2.0/settings"
  {
    echo "[io/github/grapevine_lab/Grapevine]"
    echo "window-width=1400"
    echo "window-height=860"
    echo "show-intro=false"
    printf '%s\n' "$@"
  } >"$tmp/$name/glib-2.0/settings/keyfile"
  (
    export XDG_CONFIG_HOME="$tmp/$name" GSETTINGS_BACKEND=keyfile
    export GSETTINGS_SCHEMA_DIR="$build/data" GSK_RENDERER=cairo GDK_BACKEND=x11
    export NO_AT_BRIDGE=1 GTK_A11Y=none LANGUAGE=C
    if [ "$dark" = 1 ]; then export ADW_DEBUG_COLOR_SCHEME=prefer-dark; fi
    exec "$build/src/app/grapevine"
  ) &
  pid=$!
  window="$(xdotool search --sync --onlyvisible --name "New Run" | head -n 1)"
  sleep 3
  xdotool windowfocus "$window"
  sleep 0.5
  xdotool mousemove 5 995 key space
  sleep "$seconds"
  import -window "$window" "$root/data/screenshots/$name.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "take-screenshots: data/screenshots/$name.png"
}

shot rumour-spreading 3.6 0 "speed=1.0"
shot scale-free-dark 7.3 1 "nodes=uint32 600" "topology='ba:2'" "protocol='push'" \
  "stop='feedback-counter:2'" "loss=0.05" "seed=uint64 5"
shot million-nodes 4.2 0 "nodes=uint32 1000000" "protocol='push'" "crash=0.01" \
  "recover=0.05" "speed=5.0"
