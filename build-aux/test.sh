#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Grapevine and runs every test:
#   1. all tests, in an optimised build with warnings as errors;
#   2. the engine and CLI tests again under AddressSanitizer and UndefinedBehaviorSanitizer;
#   3. the engine's threaded tests under ThreadSanitizer.
# Ends with one line "N passed, N failed" and a non-zero status when anything failed.

set -uo pipefail

SRCDIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${BUILDDIR_PREFIX:-$SRCDIR/_build}"

"$SRCDIR/build-aux/install-deps.sh" || exit 1

passed=0
failed=0
broken=0

# Counts the results of a meson test run from its JSON log.
count() {
  local log="$1/meson-logs/testlog.json"
  local p f

  if [ ! -f "$log" ]; then
    failed=$((failed + 1))
    return
  fi
  p=$(grep -c '"result": "OK"' "$log" || true)
  f=$(grep -c -E '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"' "$log" || true)
  passed=$((passed + p))
  failed=$((failed + f))
}

# setup_and_build DIR [meson options...]
setup_and_build() {
  local dir="$1"
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$SRCDIR" "$@" || return 1
  fi
  ninja -C "$dir"
}

echo "=== build and test (optimised) ==="
if setup_and_build "$OUT"; then
  rm -f "$OUT/meson-logs/testlog.json"
  meson test -C "$OUT" --no-rebuild --print-errorlogs --num-processes 2
  count "$OUT"
else
  broken=$((broken + 1))
fi

echo "=== ASan + UBSan ==="
if setup_and_build "$OUT-asan" -Db_sanitize=address,undefined -Db_lundef=false; then
  rm -f "$OUT-asan/meson-logs/testlog.json"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=suppressions="$SRCDIR/tests/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
    meson test -C "$OUT-asan" --no-rebuild --print-errorlogs --num-processes 2 --suite unit
  count "$OUT-asan"
else
  broken=$((broken + 1))
fi

echo "=== TSan (the engine's worker threads) ==="
if setup_and_build "$OUT-tsan" -Db_sanitize=thread -Db_lundef=false; then
  rm -f "$OUT-tsan/meson-logs/testlog.json"
  TSAN_OPTIONS=halt_on_error=1:abort_on_error=1:second_deadlock_stack=1:suppressions="$SRCDIR/tests/tsan.supp" \
    meson test -C "$OUT-tsan" --no-rebuild --print-errorlogs --num-processes 1 \
    test-determinism test-engine test-rumor test-anti-entropy
  count "$OUT-tsan"
else
  broken=$((broken + 1))
fi

failed=$((failed + broken))
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
