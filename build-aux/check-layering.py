#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the layering that DESIGN.md draws and issue "Protocols as plug-ins" asks for:
#  - includes point one way: app -> render -> engine, cli -> render -> engine; the engine
#    and the renderers include no GTK;
#  - no file in src/render, src/app or src/cli names a protocol (as a string literal
#    equal to a protocol's id) or includes a protocol's files, and nothing outside a
#    protocol's folder includes it;
#  - a protocol's folder includes only core/ and net/ headers (and its own);
#  - no file in src/ is over 1,000 lines unless its first comment says why ("long
#    because").
#
#   check-layering.py SRCDIR

import os
import re
import sys

src = os.path.join(sys.argv[1], "src")
engine = os.path.join(src, "engine")
protocols_dir = os.path.join(engine, "protocols")
protocols = sorted(d for d in os.listdir(protocols_dir)
                   if os.path.isdir(os.path.join(protocols_dir, d)))

def headers_in(folder):
    out = set()
    for root, _, files in os.walk(folder):
        out.update(f for f in files if f.endswith(".h"))
    return out

core_headers = headers_in(os.path.join(engine, "core")) | headers_in(os.path.join(engine, "net"))
render_headers = headers_in(os.path.join(src, "render"))
protocol_headers = {p: headers_in(os.path.join(protocols_dir, p)) for p in protocols}
all_protocol_headers = set().union(*protocol_headers.values())

include_re = re.compile(r'^\s*#\s*include\s+[<"]([^">]+)[">]', re.M)
literal_re = re.compile(r'"((?:[^"\\\n]|\\.)*)"')

problems = []

def check(path, layer, protocol=None):
    text = open(path, encoding="utf-8").read()
    rel = os.path.relpath(path, sys.argv[1])
    lines = text.count("\n")
    if lines > 1000 and "long because" not in "\n".join(text.splitlines()[:30]):
        problems.append(f"{rel}: {lines} lines, and its first comment does not say why it is "
                        f"long (\"long because\")")

    for inc in include_re.findall(text):
        name = os.path.basename(inc)
        if layer in ("engine", "protocol", "render") and (inc.startswith("gtk/") or
                                                          inc.startswith("adwaita") or
                                                          inc.startswith("gdk/")):
            problems.append(f"{rel}: includes {inc}: GTK belongs to src/app")
        if layer == "engine" and name in render_headers:
            problems.append(f"{rel}: includes {inc} from src/render: the engine comes first")
        if layer == "protocol":
            own = protocol_headers[protocol]
            if name.startswith("gv-") and name not in core_headers and name not in own:
                problems.append(f"{rel}: includes {inc}; a protocol sees only core/ and net/")
        elif name in all_protocol_headers and \
                not (protocol is not None and name in protocol_headers[protocol]):
            problems.append(f"{rel}: includes {inc}, a protocol's own header")

    if layer in ("render", "app", "cli"):
        # Code only: comments may say what a protocol is.
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        code = re.sub(r"//[^\n]*", "", code)
        for lit in literal_re.findall(code):
            if lit in protocols:
                problems.append(f"{rel}: names the protocol \"{lit}\"")

for root, _, files in os.walk(src):
    for f in files:
        if not (f.endswith(".c") or f.endswith(".h") or f.endswith(".c.in")):
            continue
        path = os.path.join(root, f)
        rel = os.path.relpath(path, src)
        parts = rel.split(os.sep)
        if parts[0] == "engine" and len(parts) > 3 and parts[1] == "protocols" and parts[3] == "tests":
            # A protocol's tests may use anything, its own private header included.
            check(path, "engine", parts[2])
        elif parts[0] == "engine" and len(parts) > 3 and parts[1] == "protocols":
            check(path, "protocol", parts[2])
        elif parts[0] == "engine":
            check(path, "engine")
        else:
            check(path, parts[0])

for p in problems:
    print(p)
print(f"check-layering: {len(problems)} problem(s) in {len(protocols)} protocols' worth of source")
sys.exit(1 if problems else 0)
