#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the built project into a temporary DESTDIR and checks what a desktop needs
# from it: every data file is where the desktop looks for it, `appstreamcli validate-tree`
# passes without a warning, the desktop file and the installed schemas validate, and, once
# the caches are built as a real install builds them, GIO opens run files with Grapevine.
#
#   MESON=meson check-install.sh BUILD_ROOT PREFIX DATADIR BINDIR APP_ID

set -euo pipefail

build_root="$1"
prefix="$2"
datadir="$3"
bindir="$4"
app_id="$5"
meson="${MESON:-meson}"

fail() {
  echo "check-install: $*" >&2
  exit 1
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
dest="$tmp/dest"

# datadir and bindir are relative to the prefix unless they are absolute.
under_prefix() {
  case "$1" in
    /*) echo "$dest$1" ;;
    *) echo "$dest$prefix/$1" ;;
  esac
}
root="$dest$prefix"
share="$(under_prefix "$datadir")"
bin="$(under_prefix "$bindir")"

"$meson" install -C "$build_root" --no-rebuild --quiet --destdir "$dest" >"$tmp/install.log" 2>&1 || {
  cat "$tmp/install.log" >&2
  fail "meson install failed"
}

for f in \
  "$bin/grapevine" \
  "$bin/grapevine-cli" \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$share/mime/packages/$app_id.xml" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml"; do
  [ -f "$f" ] || fail "not installed: ${f#"$dest"}"
  echo "ok: installed ${f#"$dest"}"
done
[ -x "$bin/grapevine" ] && [ -x "$bin/grapevine-cli" ] || fail "the programs are not executable"

# With DESTDIR set, the post-install step must leave the tree alone: caches are built on
# the target system, not shipped.
for f in "$share/glib-2.0/schemas/gschemas.compiled" "$share/icons/hicolor/icon-theme.cache" \
         "$share/mime/mime.cache" "$share/applications/mimeinfo.cache"; do
  [ ! -e "$f" ] || fail "a cache was installed into DESTDIR: ${f#"$dest"}"
done

appstreamcli validate-tree --no-net --explain "$root" || fail "appstreamcli validate-tree failed"
echo "ok: appstreamcli validate-tree"

desktop-file-validate "$share/applications/$app_id.desktop" || fail "desktop-file-validate failed"
echo "ok: desktop-file-validate"

glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas" || fail "the schemas do not compile"
echo "ok: glib-compile-schemas --strict"

# The desktop file, the icon and the metainfo agree on the application id.
grep -qx "Icon=$app_id" "$share/applications/$app_id.desktop" || fail "the desktop file's Icon is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
  "$share/metainfo/$app_id.metainfo.xml" || fail "the metainfo does not launch $app_id.desktop"

# What the target system's post-install step does, then: a file manager offers Grapevine
# for run files.  GIO reads the MIME types an application opens from mimeinfo.cache, and
# hides applications whose program is not on PATH.
if [ -f /usr/share/mime/packages/freedesktop.org.xml ]; then
  cp /usr/share/mime/packages/freedesktop.org.xml "$share/mime/packages/"
fi
export XDG_DATA_HOME="$tmp/home"
export XDG_DATA_DIRS="$share"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_DIRS="$tmp/config-dirs"
export PATH="$bin:$PATH"
update-mime-database "$share/mime" || fail "update-mime-database failed"
update-desktop-database "$share/applications" || fail "update-desktop-database failed"

gio mime application/x-grapevine-run >"$tmp/gio-mime.log" 2>&1 || true
grep -q "^Default application for .*: $app_id.desktop$" "$tmp/gio-mime.log" || {
  cat "$tmp/gio-mime.log" >&2
  fail "GIO does not open application/x-grapevine-run with $app_id.desktop"
}
echo "ok: $app_id.desktop opens application/x-grapevine-run"

for name in saved.grapevine saved.grapevine.json; do
  printf '{\n  "format": "grapevine-run",\n  "format_version": 1\n}\n' >"$tmp/$name"
  type="$(gio info -a standard::content-type "$tmp/$name" |
    sed -n 's/^ *standard::content-type: //p')"
  [ "$type" = application/x-grapevine-run ] || fail "$name is '$type', not a run"
  echo "ok: $name is $type"
done
