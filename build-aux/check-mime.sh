#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the MIME type of run files: the shared-mime-info XML is well formed,
# update-mime-database takes it without a complaint, and GIO then recognises run files by
# their name and, when the name says nothing, by their content.
#
#   check-mime.sh MIME_XML

set -euo pipefail

xml="$1"
type=application/x-grapevine-run

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "check-mime: $*" >&2
  exit 1
}

xmllint --noout "$xml" || fail "$xml is not well-formed XML"

# A private MIME database: the system's types (for application/json) and ours.
mkdir -p "$tmp/data/mime/packages" "$tmp/home" "$tmp/files"
if [ -f /usr/share/mime/packages/freedesktop.org.xml ]; then
  cp /usr/share/mime/packages/freedesktop.org.xml "$tmp/data/mime/packages/"
fi
cp "$xml" "$tmp/data/mime/packages/$(basename "$xml")"

export XDG_DATA_HOME="$tmp/home"
export XDG_DATA_DIRS="$tmp/data"
if ! update-mime-database "$tmp/data/mime" >"$tmp/update.log" 2>&1; then
  cat "$tmp/update.log" >&2
  fail "update-mime-database rejected $xml"
fi
if [ -s "$tmp/update.log" ]; then
  cat "$tmp/update.log" >&2
  fail "update-mime-database complained about $xml"
fi
for glob in '*.grapevine' '*.grapevine.json'; do
  grep -qF ":$type:$glob" "$tmp/data/mime/globs2" ||
    fail "$type has no $glob glob in the database"
done
# A run is a kind of JSON, so what opens JSON can open runs too.
grep -qx "$type application/json" "$tmp/data/mime/subclasses" ||
  fail "$type is not a subclass of application/json"

# The start of a run file as gv_run_to_data() writes it, and the same compactly.
printf '{\n  "format": "grapevine-run",\n  "format_version": 1,\n  "params": {}\n}\n' \
  >"$tmp/files/pretty"
printf '{"format":"grapevine-run","format_version":1,"params":{}}' >"$tmp/files/compact"

content_type() {
  gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p'
}

expect() {
  local file="$1" want="$2" got
  got="$(content_type "$file")"
  [ "$got" = "$want" ] || fail "$(basename "$file"): expected $want, got '$got'"
  echo "ok: $(basename "$file") is $got"
}

cp "$tmp/files/pretty" "$tmp/files/run.grapevine"
expect "$tmp/files/run.grapevine" "$type"
cp "$tmp/files/pretty" "$tmp/files/run.grapevine.json"
expect "$tmp/files/run.grapevine.json" "$type"
# No name to go by: the content decides.
cp "$tmp/files/pretty" "$tmp/files/saved-run"
expect "$tmp/files/saved-run" "$type"
cp "$tmp/files/compact" "$tmp/files/compact-run"
expect "$tmp/files/compact-run" "$type"
# Other JSON stays JSON.
printf '{"nodes": [1, 2, 3]}\n' >"$tmp/files/other.json"
expect "$tmp/files/other.json" application/json
printf '{"nodes": [1, 2, 3]}\n' >"$tmp/files/other"
[ "$(content_type "$tmp/files/other")" != "$type" ] || fail "other: plain JSON taken for a run"
echo "ok: other is not a run"

# Under Flatpak the file manager sees the type as Flatpak exports it: without the magic
# rule and with every glob at weight 5, below the system's weight-50 *.json. The name
# Grapevine suggests when saving, *.grapevine, must still be a run there.
rm -rf "$tmp/data/mime"
mkdir -p "$tmp/data/mime/packages"
if [ -f /usr/share/mime/packages/freedesktop.org.xml ]; then
  cp /usr/share/mime/packages/freedesktop.org.xml "$tmp/data/mime/packages/"
fi
sed -e '/<magic/,/<\/magic>/d' -e 's|<glob pattern="\([^"]*\)"/>|<glob pattern="\1" weight="5"/>|' \
  "$xml" >"$tmp/data/mime/packages/$(basename "$xml")"
grep -q 'weight="5"' "$tmp/data/mime/packages/$(basename "$xml")" ||
  fail "could not rewrite $xml the way Flatpak exports it"
update-mime-database "$tmp/data/mime" >/dev/null 2>&1 || fail "update-mime-database rejected the Flatpak export"
cp "$tmp/files/pretty" "$tmp/files/flatpak-run.grapevine"
expect "$tmp/files/flatpak-run.grapevine" "$type"
