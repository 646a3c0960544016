#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The layer check: no directory of src/ includes the internal header of a higher layer.

The layers, lowest first, as docs/ARCHITECTURE.md draws them:

  host        src/host     the only code that calls mmap, fallocate, memfd_create, ...
  machine     src/machine  physical memory, struct pages, zones, fork's copy of memory
  subsystems  src/kernel src/lib src/mm src/io src/fs src/base src/drivers src/debug
              (peers: each may use another's internal header, see --matrix)
  init        src/init     boot and shutdown of every layer in order, fork's handlers
  user        src/module   libukmem-module's main(), on the public API only

A file may include the internal headers ("dir/name.h") of its own layer and of the
layers below it; the public headers (<ukmem.h>, <linux/...>) are everyone's. Code in
src/host includes no other layer's header at all, and only src/host calls the host's
memory system calls (mmap, munmap, mprotect, madvise, mremap, fallocate, memfd_create).

  layers.py            check; print each violation as FILE:LINE and exit 1 if any
  layers.py --matrix   print how often each directory includes each other one
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'src')
LAYERS = [
    ('host', ['host']),
    ('machine', ['machine']),
    ('subsystems', ['kernel', 'lib', 'mm', 'io', 'fs', 'base', 'drivers', 'debug']),
    ('init', ['init']),
    ('user', ['module']),
]
LEVEL = {d: i for i, (_, dirs) in enumerate(LAYERS) for d in dirs}
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"', re.M)
HOST_CALL_RE = re.compile(r'(?<![\w.>])(mmap|munmap|mprotect|madvise|mremap|fallocate|memfd_create)\s*\(')
COMMENT_RE = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def sources():
    for top, _, files in os.walk(SRC):
        for name in sorted(files):
            if name.endswith(('.c', '.h')):
                yield os.path.join(top, name)


def includes(path):
    """(line, directory) for each "dir/header.h" include of path."""
    with open(path, errors='replace') as f:
        text = f.read()
    for m in INCLUDE_RE.finditer(text):
        yield text.count('\n', 0, m.start()) + 1, m.group(1)


def top_dir(path):
    return os.path.relpath(path, SRC).split(os.sep)[0]


def check():
    bad = 0
    for path in sources():
        own = top_dir(path)
        if own not in LEVEL:
            print(f'{os.path.relpath(path, ROOT)}: src/{own} is in no layer (scripts/layers.py)')
            bad += 1
            continue
        if own != 'host':
            with open(path, errors='replace') as f:
                text = f.read()
            code = COMMENT_RE.sub(lambda m: '\n' * m.group(0).count('\n'), text)
            for m in HOST_CALL_RE.finditer(code):
                line = code.count('\n', 0, m.start()) + 1
                print(f'{os.path.relpath(path, ROOT)}:{line}: {m.group(1)}() outside src/host')
                bad += 1
        for line, inc in includes(path):
            if inc == own:
                continue
            if inc not in LEVEL:
                continue                # not an internal header of src/
            higher = LEVEL[inc] > LEVEL[own]
            if higher or own == 'host':
                print(f'{os.path.relpath(path, ROOT)}:{line}: {LAYERS[LEVEL[own]][0]} code '
                      f'(src/{own}) includes "{inc}/...", an internal header of '
                      f'{"a higher layer" if higher else "another layer"} '
                      f'({LAYERS[LEVEL[inc]][0]})')
                bad += 1
    if bad:
        print(f'layers: {bad} violation(s)')
        return 1
    print('layers: every include follows host < machine < subsystems < init < user')
    return 0


def matrix():
    counts = {}
    for path in sources():
        own = top_dir(path)
        for _, inc in includes(path):
            if inc != own and inc in LEVEL:
                counts.setdefault(own, {}).setdefault(inc, 0)
                counts[own][inc] += 1
    for own in sorted(counts, key=lambda d: (LEVEL.get(d, 99), d)):
        row = sorted(counts[own].items(), key=lambda kv: (-kv[1], kv[0]))
        print(f'{own:8} -> ' + ' '.join(f'{d}({n})' for d, n in row))
    return 0


def main():
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1] != '--matrix'):
        sys.exit(__doc__)
    return matrix() if len(sys.argv) == 2 else check()


if __name__ == '__main__':
    sys.exit(main())
