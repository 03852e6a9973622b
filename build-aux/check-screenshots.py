#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The metainfo's screenshots point at data/screenshots/ in the repository on GitHub.  This
# checks, without the network, that each one is there, is a PNG of a sensible size, and
# has a caption.
#
#   check-screenshots.py METAINFO SCREENSHOT_DIR URL_PREFIX

import os
import struct
import sys
import xml.etree.ElementTree as ET

PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'
MIN_WIDTH = 624  # what GNOME Software and Flathub show without upscaling


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != PNG_SIGNATURE or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def main():
    metainfo, shots_dir, prefix = sys.argv[1:4]
    errors = []
    screenshots = ET.parse(metainfo).getroot().findall('./screenshots/screenshot')
    if not screenshots:
        errors.append('the metainfo has no screenshots')
    defaults = [s for s in screenshots if s.get('type') == 'default']
    if len(defaults) != 1:
        errors.append(f'{len(defaults)} screenshots are the default; one should be')

    for shot in screenshots:
        caption = shot.findtext('caption', '').strip()
        for image in shot.findall('image'):
            url = (image.text or '').strip()
            if not url.startswith(prefix):
                errors.append(f'{url} is not under {prefix}')
                continue
            path = os.path.join(shots_dir, url[len(prefix):])
            if not os.path.isfile(path):
                errors.append(f'{url}: {os.path.relpath(path)} is missing')
                continue
            size = png_size(path)
            if size is None:
                errors.append(f'{path} is not a PNG')
            elif size[0] < MIN_WIDTH:
                errors.append(f'{path} is {size[0]} px wide, less than {MIN_WIDTH}')
            else:
                print(f'ok: {os.path.basename(path)} {size[0]}×{size[1]}: {caption}')
        if not caption:
            errors.append('a screenshot has no caption')

    for e in errors:
        print(f'check-screenshots: {e}', file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
