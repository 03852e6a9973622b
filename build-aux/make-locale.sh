#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compiles one locale into a folder of the build tree, for tests that run in that
# language through LOCPATH without touching the system's locales:
#
#   make-locale.sh ru_RU UTF-8 OUTPUT_DIR
#
# Newer C libraries ignore LANGUAGE while the messages locale is C or C.UTF-8, so a
# test in Russian needs a real ru_RU.UTF-8 locale (the sources come with Debian's
# "locales" package).

set -euo pipefail

name="$1"
charset="$2"
out="$3"

if [ ! -f "/usr/share/i18n/locales/$name" ]; then
  echo "make-locale: no source for the $name locale; install Debian's \"locales\" package" >&2
  exit 1
fi
rm -rf "$out"
# localedef exits with 1 for warnings about the locale's own source; what counts is the
# compiled result.
localedef -c -i "$name" -f "$charset" "$out" || true
[ -f "$out/LC_MESSAGES/SYS_LC_MESSAGES" ] && [ -f "$out/LC_CTYPE" ] || {
  echo "make-locale: localedef did not compile $name.$charset into $out" >&2
  exit 1
}
