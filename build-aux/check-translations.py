#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each language in po/LINGUAS is complete against the sources as they are now.  The
# template is extracted afresh, with the arguments of meson's glib preset (the ones the
# grapevine-pot target uses), into a temporary directory, and each .po file is merged with
# it there: a new string shows up as untranslated, a changed one as fuzzy, and a removed
# one as obsolete.  msgfmt --check then checks the formats and plural forms.
#
#   check-translations.py SOURCE_ROOT PACKAGE [MERGED_DESKTOP_FILE]
#
# With MERGED_DESKTOP_FILE, the desktop file that meson built must also carry each
# language's Name, GenericName and Comment.

import os
import re
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset: 'glib'), in mesonbuild/modules/i18n.py
GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def read_linguas(po_dir):
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        return [lang for line in f if not line.lstrip().startswith('#')
                for lang in line.split()]


def statistics(po_file):
    """msgfmt --check's verdict on @po_file: (ok, the statistics line, its messages)."""
    r = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po_file])
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    stats = next((line for line in reversed(lines) if 'translated message' in line), '')
    ok = (r.returncode == 0 and re.match(r'^\d+ translated messages?\.$', stats) is not None)
    return ok, stats, lines


def msgids(po_file, *attrib_args):
    """The msgids of @po_file that msgattrib selects, one line each."""
    r = run(['msgattrib', '--no-wrap', *attrib_args, po_file])
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    ids = re.findall(r'^(?:#~ )?msgid "(.+)"$', r.stdout, re.MULTILINE)
    return ids


def main():
    root, package = sys.argv[1:3]
    desktop = sys.argv[3] if len(sys.argv) > 3 else None
    po_dir = os.path.join(root, 'po')
    potfiles = next(p for p in (os.path.join(po_dir, name) for name in ('POTFILES.in', 'POTFILES'))
                    if os.path.exists(p))
    errors = []

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, package + '.pot')
        r = run(['xgettext', '--package-name=' + package, '-f', potfiles, '-D', root, '-k_',
                 '-o', pot] + GLIB_PRESET)
        if r.returncode != 0:
            print(r.stderr, end='')
            print('xgettext failed')
            return 1
        n_template = len(msgids(pot))
        print(f'template: {n_template} messages from {os.path.relpath(potfiles, root)}')

        langs = read_linguas(po_dir)
        if not langs:
            errors.append('po/LINGUAS names no language')

        for lang in langs:
            po = os.path.join(po_dir, lang + '.po')
            if not os.path.exists(po):
                errors.append(f'po/LINGUAS names {lang}, but po/{lang}.po is missing')
                continue

            # The file as it is: valid, and with nothing fuzzy or untranslated
            ok, stats, lines = statistics(po)
            print(f'po/{lang}.po: {stats}')
            if not ok:
                errors += [f'po/{lang}.po: {line}' for line in lines]

            # The file against the current sources
            merged = os.path.join(tmp, lang + '.po')
            r = run(['msgmerge', '--quiet', '-o', merged, po, pot])
            if r.returncode != 0:
                errors.append(f'po/{lang}.po does not merge with the template: {r.stderr}')
                continue
            ok, stats, lines = statistics(merged)
            print(f'po/{lang}.po merged with the sources: {stats}')
            if not ok:
                errors += [f'po/{lang}.po against the sources: {line}' for line in lines]
            for msgid in msgids(merged, '--untranslated', '--no-obsolete'):
                if msgid:
                    errors.append(f'po/{lang}.po has no translation of "{msgid}"')
            for msgid in msgids(merged, '--only-fuzzy', '--no-obsolete'):
                if msgid:
                    errors.append(f'po/{lang}.po: the translation of "{msgid}" is fuzzy: the '
                                  'string changed in the sources, or awaits review')
            for msgid in msgids(merged, '--only-obsolete'):
                errors.append(f'po/{lang}.po translates "{msgid}", which the sources no '
                              'longer have')

            if desktop is not None:
                with open(desktop, encoding='utf-8') as f:
                    text = f.read()
                for key in ('Name', 'GenericName', 'Comment', 'Keywords'):
                    if not re.search(rf'^{key}\[{re.escape(lang)}\]=', text, re.MULTILINE):
                        errors.append(f'{os.path.basename(desktop)} has no {key}[{lang}]')

    if errors:
        for e in errors:
            print(e)
        print(f'Update the translations: ninja -C <builddir> {package}-pot {package}-update-po, '
              'then translate what is new or fuzzy.')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
