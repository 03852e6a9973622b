#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/POTFILES.in must list every file with strings to translate, and nothing else: a file
# left out never reaches the translators, and a file listed that is gone breaks xgettext.
# It also catches the G_*_FORMAT macros inside a translatable string, which xgettext cannot
# expand: it cuts the msgid short at the macro, and the string is never translated.
#
#   check-potfiles.py SOURCE_ROOT

import os
import re
import sys

# Calls whose string arguments xgettext extracts (meson's glib preset, and gettext's own)
GETTEXT_CALL = re.compile(r'(?<![\w.>])(_|N_|C_|NC_|Q_|ngettext|gettext|dgettext|dngettext|'
                          r'g_dgettext|g_dngettext|g_dpgettext2|g_dcgettext)\s*\(')
DESKTOP_KEY = re.compile(r'^(Name|GenericName|Comment|Keywords)\s*=', re.MULTILINE)
# The elements that the ITS rules for these XML formats translate
XML_RULES = [
    (re.compile(r'<schemalist\b'), re.compile(r'<(summary|description)\b')),
    (re.compile(r'<component\b'), re.compile(r'<(name|summary|description|caption|keyword)\b')),
    (re.compile(r'<mime-info\b'), re.compile(r'<comment\b')),
]
TRANSLATABLE_ATTR = re.compile(r'\btranslatable\s*=\s*["\']yes["\']')


def strip_c(text):
    """The C code with comments blanked, and string literals kept as "..." markers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            out.append(' ' * (end - i))
            i = end
        elif text.startswith('//', i):
            end = text.find('\n', i)
            end = n if end < 0 else end
            out.append(' ' * (end - i))
            i = end
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + 'x' * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def c_problems(text):
    """Whether the C file translates anything, and its calls that hide a format macro."""
    code = strip_c(text)
    uses = False
    problems = []
    for m in GETTEXT_CALL.finditer(code):
        uses = True
        depth, j = 1, m.end()
        while j < len(code) and depth > 0:
            depth += {'(': 1, ')': -1}.get(code[j], 0)
            j += 1
        args = code[m.end():j - 1]
        macro = re.search(r'\bG_G?[A-Z0-9]*_(FORMAT|MODIFIER)\b', args)
        if macro:
            line = code.count('\n', 0, m.start()) + 1
            problems.append(f'line {line}: {macro.group(0)} inside {m.group(1)}(): xgettext '
                            'cuts the string there; format the number into a string first')
    return uses, problems


def translatable(path, text):
    if path.endswith('.c') or path.endswith('.h'):
        return c_problems(text)
    if TRANSLATABLE_ATTR.search(text):
        return True, []
    if path.endswith('.desktop.in') or path.endswith('.desktop'):
        return bool(DESKTOP_KEY.search(text)), []
    for root_rule, element_rule in XML_RULES:
        if root_rule.search(text) and element_rule.search(text):
            return True, []
    return False, []


def candidates(root):
    """The files that could hold translatable strings, relative to @root."""
    for top, exts in (('src', ('.c', '.h')), ('ui', ('.ui',)), ('data', ('.in', '.xml'))):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(exts):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def read_potfiles(po_dir):
    for name in ('POTFILES.in', 'POTFILES'):
        path = os.path.join(po_dir, name)
        if os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                entries = [line.strip() for line in f]
            return path, [e for e in entries if e and not e.startswith('#')]
    return None, []


def main():
    root = sys.argv[1]
    potfiles_path, listed = read_potfiles(os.path.join(root, 'po'))
    errors = []

    if potfiles_path is None:
        print('po/POTFILES.in is missing')
        return 1
    name = os.path.relpath(potfiles_path, root)

    seen = set()
    for entry in listed:
        if entry in seen:
            errors.append(f'{name} lists {entry} twice')
        seen.add(entry)
        if not os.path.isfile(os.path.join(root, entry)):
            errors.append(f'{name} lists {entry}, which does not exist')

    for path in candidates(root):
        with open(os.path.join(root, path), encoding='utf-8') as f:
            text = f.read()
        uses, problems = translatable(path, text)
        errors += [f'{path}: {p}' for p in problems]
        if uses and path not in seen:
            errors.append(f'{path} has strings to translate but is not in {name}')
        elif not uses and path in seen:
            errors.append(f'{name} lists {path}, which has no strings to translate')

    for e in errors:
        print(e)
    if not errors:
        print(f'{name}: {len(listed)} files, complete')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
