#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Every source file of ukmem carries an SPDX-License-Identifier line.

  spdx.py --check   list the tracked source files without one (status 1 if any)
  spdx.py --apply   give each of them the project's identifier (LICENSE: LGPL-2.1-or-later)

The line goes first (after a #! line), in the file's own comment syntax: "// ..." in .c
files and "/* ... */" in headers, as Linux writes them; "# ..." in scripts, CMake,
Makefiles and lists; ".\\\" ..." in the man page; "-- ..." in SQL. Documentation (.md),
pictures and trace data are not source files. A file that already names a licence
(a test module under GPL-2.0) keeps it.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LICENSE = 'LGPL-2.1-or-later'
TAG = 'SPDX-License-Identifier:'
HASH_NAMES = ('CMakeLists.txt', 'Makefile', 'Kbuild', '.gitignore')
HASH_SUFFIXES = ('.py', '.sh', '.txt', '.cmake', '.in', '.awk', '.gp', '.list', '.mk',
                 '.common', '.build', '.clean', '.run')
SKIPPED_SUFFIXES = ('.md', '.png', '.trace', '.svg')


def comment(path):
    """The SPDX line for path, or None for a file that is not source."""
    name = os.path.basename(path)
    if name.endswith(SKIPPED_SUFFIXES) or name == 'LICENSE':
        return None
    line = f'{TAG} {LICENSE}'
    if name.endswith('.c'):
        return f'// {line}'
    if name.endswith(('.h', '.h.in', '.map')):
        return f'/* {line} */'
    if name.endswith('.1'):
        return f'.\\" {line}'
    if name.endswith('.sql'):
        return f'-- {line}'
    if name in HASH_NAMES or name.endswith(HASH_SUFFIXES) or name.startswith('Makefile'):
        return f'# {line}'
    with open(path, 'rb') as f:
        if f.read(2) == b'#!':
            return f'# {line}'
    return None


def tracked():
    out = subprocess.run(['git', '-C', ROOT, 'ls-files'], capture_output=True, text=True,
                         check=True).stdout
    return [p for p in out.splitlines() if os.path.isfile(os.path.join(ROOT, p))]


def missing():
    result = []
    for rel in tracked():
        path = os.path.join(ROOT, rel)
        text = comment(path)
        if text is None:
            continue
        with open(path, errors='replace') as f:
            head = [f.readline() for _ in range(3)]
        if not any(TAG in l for l in head):
            result.append((rel, text))
    return result


def apply(files):
    for rel, text in files:
        path = os.path.join(ROOT, rel)
        with open(path) as f:
            lines = f.read().split('\n')
        at = 1 if lines and lines[0].startswith('#!') else 0
        # The man page's first request is .TH; a comment before it is fine for man(1).
        lines.insert(at, text)
        with open(path, 'w') as f:
            f.write('\n'.join(lines))
        print(f'{rel}: {text}')


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ('--check', '--apply'):
        sys.exit(__doc__)
    files = missing()
    if sys.argv[1] == '--apply':
        apply(files)
        return 0
    for rel, _ in files:
        print(f'{rel}: no {TAG} line')
    return 1 if files else 0


if __name__ == '__main__':
    sys.exit(main())
