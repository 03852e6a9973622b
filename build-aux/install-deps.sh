#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what building and testing Grapevine needs on Debian 12, as root or through
# sudo.  Does nothing when everything is already there.

set -euo pipefail

PACKAGES=(
  gcc
  meson
  ninja-build
  pkg-config
  libglib2.0-dev
  libjson-glib-dev
  libigraph-dev
  libgtk-4-dev
  libadwaita-1-dev
  libglib2.0-bin
  # translations: msgfmt, xgettext, msgmerge (meson's i18n module and po/ tests)
  gettext
  # the tests in Russian and of number grouping compile ru_RU.UTF-8 and en_US.UTF-8
  # into the build tree from these sources (make-locale.sh): nothing to generate
  locales
  # the GUI tests: a virtual display and a session bus
  xvfb
  xauth
  dbus
  dbus-x11
  # what the window looks like: GNOME's font and icons
  fonts-cantarell
  adwaita-icon-theme
  # SVG icons, Grapevine's own among them
  librsvg2-common
  # the data tests: desktop file, metainfo, MIME type, icons and the Flatpak manifest
  desktop-file-utils
  appstream
  libxml2-utils
  shared-mime-info
  flatpak-builder
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
  echo "install-deps: run this script as root, or install sudo" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q >&2
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
