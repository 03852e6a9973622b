#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the run-file loader with clang's libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer, and fuzzes it from the seed corpus for a while.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [LIBFUZZER-OPTION…]     (default: 600 seconds)
#
# New interesting inputs go to $BUILDDIR/corpus (default _build-fuzz/corpus), not into
# the repository; crashes go to $BUILDDIR/crash-*.  To keep a crash as a regression
# test, copy it into tests/fuzz/corpus: the meson test fuzz-corpus replays that folder.
# Needs clang and its runtime (Debian 12: clang, libclang-rt-14-dev).

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRCDIR="$(cd "$HERE/../.." && pwd)"
BUILDDIR="${BUILDDIR:-$SRCDIR/_build-fuzz}"
SECONDS_TO_RUN="${1:-600}"
shift || true

CC="${CC:-clang}"
PKGS="glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0 igraph"
VERSION="$(sed -n "s/^  version: '\(.*\)',$/\1/p" "$SRCDIR/meson.build" | head -n 1)"

mkdir -p "$BUILDDIR/corpus"

cat > "$BUILDDIR/config.h" <<CONFIG
#pragma once
#define PACKAGE_VERSION "$VERSION"
#define GETTEXT_PACKAGE "grapevine"
#define APPLICATION_ID "io.github.grapevine_lab.Grapevine"
#define LOCALEDIR "/usr/share/locale"
CONFIG

# The registry of protocols, as src/engine/meson.build makes it from its list.
ENGINE="$SRCDIR/src/engine"
PROTOCOLS="$(sed -n "s/^protocol_names = \[\(.*\)\]$/\1/p" "$ENGINE/meson.build" | tr -d "'" | tr ',' ' ')"
if [ -z "$PROTOCOLS" ]; then
  echo "run-fuzz.sh: no protocol_names in $ENGINE/meson.build" >&2
  exit 1
fi
EXTERNS=""
ENTRIES=""
PROTOCOL_SOURCES=()
for name in $PROTOCOLS; do
  symbol="gv_$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_')_protocol"
  EXTERNS+="extern const GvProtocol $symbol;"$'\n'
  ENTRIES+="  &$symbol,"$'\n'
  PROTOCOL_SOURCES+=("$ENGINE/protocols/$name"/*.c)
done
python3 - "$ENGINE/protocols/gv-registry.c.in" "$BUILDDIR/gv-registry.c" "$EXTERNS" "$ENTRIES" <<'PY'
import sys
text = open(sys.argv[1]).read()
text = text.replace("@EXTERNS@", sys.argv[3].rstrip("\n")).replace("@ENTRIES@", sys.argv[4].rstrip("\n"))
open(sys.argv[2], "w").write(text)
PY

# shellcheck disable=SC2046
"$CC" -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -I"$BUILDDIR" -I"$ENGINE" -I"$ENGINE/core" -I"$ENGINE/net" -I"$ENGINE/run" \
  $(pkg-config --cflags $PKGS) \
  "$ENGINE"/core/*.c "$ENGINE"/net/*.c "$ENGINE"/run/*.c "$ENGINE"/gv-simulator.c \
  "${PROTOCOL_SOURCES[@]}" "$BUILDDIR/gv-registry.c" "$HERE/fuzz-run-file.c" \
  $(pkg-config --libs $PKGS) -lm \
  -o "$BUILDDIR/fuzz-run-file"

# GLib's slice allocator would hide heap errors from ASan.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}"

cd "$BUILDDIR"
exec "$BUILDDIR/fuzz-run-file" \
  -max_total_time="$SECONDS_TO_RUN" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=16384 \
  -dict="$HERE/run-file.dict" \
  -print_final_stats=1 \
  "$@" \
  "$BUILDDIR/corpus" "$HERE/corpus"
