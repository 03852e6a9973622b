#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Parses the Flatpak manifest with `flatpak-builder --show-manifest` and fails on any
# warning it prints (an unknown or misspelt property is only a warning there), then checks
# what Flathub's review looks at: the app id and command, a GNOME runtime, sandbox
# permissions no wider than Grapevine needs, and a checksum for every download.
#
#   check-flatpak-manifest.py FLATPAK_BUILDER MANIFEST APP_ID

import json
import os
import subprocess
import sys
import tempfile

FINISH_ARGS = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'}

errors = []


def check(ok, message):
    if not ok:
        errors.append(message)


def main():
    flatpak_builder, manifest, app_id = sys.argv[1:4]
    manifest = os.path.abspath(manifest)

    # flatpak-builder leaves a .flatpak-builder state directory in its working directory.
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([flatpak_builder, '--show-manifest', manifest],
                              cwd=cwd, capture_output=True, text=True)
    warnings = [line for line in proc.stderr.splitlines() if line.strip()]
    for line in warnings:
        print(f'flatpak-builder: {line}', file=sys.stderr)
    if proc.returncode != 0:
        print(f'check-flatpak-manifest: flatpak-builder exited with {proc.returncode}',
              file=sys.stderr)
        return 1
    check(not warnings, f'flatpak-builder printed {len(warnings)} warning line(s)')

    m = json.loads(proc.stdout)
    check(m.get('id', m.get('app-id')) == app_id, f'the id is not {app_id}')
    check(m.get('command') == 'grapevine', 'the command is not grapevine')
    check(m.get('runtime') == 'org.gnome.Platform', 'the runtime is not org.gnome.Platform')
    check(m.get('sdk') == 'org.gnome.Sdk', 'the SDK is not org.gnome.Sdk')
    check(str(m.get('runtime-version', '')).isdigit(),
          'runtime-version is not a stable GNOME release')

    finish_args = m.get('finish-args', [])
    check(len(finish_args) == len(set(finish_args)), 'finish-args has duplicates')
    check(set(finish_args) == FINISH_ARGS,
          f'finish-args should be exactly {sorted(FINISH_ARGS)}, not {finish_args}')

    modules = m.get('modules', [])
    check(modules and modules[-1].get('name') == 'grapevine', 'grapevine is not the last module')
    if modules:
        last = modules[-1]
        check(last.get('buildsystem') == 'meson', 'grapevine is not built with meson')
        check(any(s.get('type') == 'dir' for s in last.get('sources', [])),
              'grapevine is not built from this directory')

    names = [mod.get('name') for mod in modules]
    check('igraph' in names, 'there is no igraph module')
    for mod in modules:
        for src in mod.get('sources', []):
            if 'url' in src:
                check(src.get('url', '').startswith('https://'),
                      f'{mod.get("name")}: {src["url"]} is not https')
                check(len(src.get('sha256', '')) == 64,
                      f'{mod.get("name")}: {src["url"]} has no sha256')

    for e in errors:
        print(f'check-flatpak-manifest: {e}', file=sys.stderr)
    if not errors:
        print(f'ok: {os.path.basename(manifest)}: {", ".join(names)}; {" ".join(finish_args)}')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
