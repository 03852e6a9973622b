#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the real flatpak-builder on flatpak/io.github.grapevine_lab.Grapevine.json on a
# machine that cannot reach Flathub or GitHub, as far as that can be done:
#
#   - org.gnome.Platform//51 and org.gnome.Sdk//51 are STAND-INS made from this machine's
#     own /usr (Debian 12: GTK 4.8, libadwaita 1.2, GLib 2.74), without any igraph, and
#     installed for the user from a local repository named "grapevine-standin";
#   - igraph's release tarball cannot be downloaded, so a tarball packed from an igraph
#     0.10.15 source tree (its git tag) is put in flatpak-builder's download cache under
#     the manifest's sha256. flatpak-builder trusts its cache, so THE HASH IS NOT
#     CHECKED by this run.
#
# Everything else is the manifest as it is: the igraph module's options, Grapevine's
# meson build, cleanup, appstream-compose, the exports (desktop file, icons, metainfo,
# MIME type) and the sandbox's permissions, then `flatpak run`. On a machine that
# reaches Flathub, use the README's commands instead.
#
#   build-aux/flatpak-offline-check.sh IGRAPH_0.10.15_SOURCE_DIR [WORK_DIR]
#
# GV_RUNTIME_ROOT=DIR takes the stand-ins from another root instead of /, for example a
# Debian testing chroot made with debootstrap, whose GLib, GTK and libadwaita are the
# versions GNOME 51 ships (the chroot needs gcc, g++, cmake, meson, pkg-config,
# gettext, appstream-util, desktop-file-utils and the -dev packages install-deps.sh
# lists). Uninstall the old stand-ins first (flatpak uninstall --user org.gnome.Sdk//51
# org.gnome.Platform//51).
#
# Needs: flatpak flatpak-builder ostree rsync elfutils appstream-util (Debian packages).

set -euo pipefail

igraph_src="${1:?usage: $0 IGRAPH_0.10.15_SOURCE_DIR [WORK_DIR]}"
work="${2:-/tmp/grapevine-flatpak-check}"
root="$(cd "$(dirname "$0")/.." && pwd)"
runtime_root="${GV_RUNTIME_ROOT:-/}"
manifest="$root/flatpak/io.github.grapevine_lab.Grapevine.json"
app_id=io.github.grapevine_lab.Grapevine

fail() {
  echo "flatpak-offline-check: $*" >&2
  exit 1
}

for tool in flatpak flatpak-builder ostree rsync eu-strip appstream-compose; do
  command -v "$tool" >/dev/null || fail "$tool is missing (see the header of $0)"
done
[ -f "$igraph_src/IGRAPH_VERSION" ] || fail "$igraph_src is not an igraph source tree"
grep -qx '0.10.15' "$igraph_src/IGRAPH_VERSION" || fail "$igraph_src is not igraph 0.10.15"

runtime_version="$(sed -n 's/^ *"runtime-version": "\(.*\)",$/\1/p' "$manifest")"
sha256="$(sed -n 's/^ *"sha256": "\(.*\)"$/\1/p' "$manifest")"
tarball="$(sed -n 's|^ *"url": ".*/\(igraph-[^/]*\.tar\.gz\)",$|\1|p' "$manifest")"
[ -n "$runtime_version" ] && [ -n "$sha256" ] && [ -n "$tarball" ] ||
  fail "could not read the runtime version and igraph's source from $manifest"

mkdir -p "$work"

# 1. The stand-in runtime and SDK, once.
if ! flatpak info --user "org.gnome.Sdk//$runtime_version" >/dev/null 2>&1; then
  echo "== making stand-in org.gnome.Platform and org.gnome.Sdk $runtime_version from $runtime_root"
  rm -rf "$work/runtime" "$work/repo"
  mkdir -p "$work/runtime/files"
  rsync -a --exclude=/local --exclude=/lib/jvm --exclude=/lib/google-cloud-sdk \
    --exclude=/share/doc --exclude=/share/man --exclude=/lib/debug --exclude='*igraph*' \
    "$runtime_root/usr/" "$work/runtime/files/"
  rsync -a --exclude='/shadow*' --exclude='/gshadow*' "$runtime_root/etc/" "$work/runtime/files/etc/"
  ostree init --repo="$work/repo" --mode=bare-user-only
  for name in org.gnome.Sdk org.gnome.Platform; do
    printf '[Runtime]\nname=%s\nruntime=org.gnome.Platform/%s/%s\nsdk=org.gnome.Sdk/%s/%s\n' \
      "$name" "$(flatpak --default-arch)" "$runtime_version" \
      "$(flatpak --default-arch)" "$runtime_version" >"$work/runtime/metadata"
    flatpak build-export --runtime --files=files "$work/repo" "$work/runtime" "$runtime_version"
  done
  flatpak remote-add --user --no-gpg-verify --if-not-exists grapevine-standin "$work/repo"
  flatpak install --user -y --noninteractive grapevine-standin \
    "org.gnome.Platform//$runtime_version" "org.gnome.Sdk//$runtime_version"
  rm -rf "$work/runtime"
fi

# 2. igraph's source where flatpak-builder looks for the download (hash not checked).
mkdir -p "$work/state/downloads/$sha256"
tar -C "$(dirname "$igraph_src")" -czf "$work/state/downloads/$sha256/$tarball" \
  --transform "s|^$(basename "$igraph_src")|${tarball%.tar.gz}|" "$(basename "$igraph_src")"

# 3. The manifest as it is.
echo "== flatpak-builder"
cd "$root"
flatpak-builder --user --install --force-clean --disable-download \
  --state-dir="$work/state" "$work/build" "$manifest"

# 4. What got installed, and that both programs start in the sandbox.
flatpak info --user "$app_id"
flatpak info --user --show-permissions "$app_id"
flatpak run --command=grapevine-cli "$app_id" simulate --nodes 1000 --seed 1 |
  tail -n 2
echo "flatpak-offline-check: built, installed and ran $app_id"
