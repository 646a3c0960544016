#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""libukmem.so's wall: its dynamic symbol table holds exactly the kernel symbols its
EXPORT_SYMBOL markers export and ukmem's own API (ukmem_* names a public header,
include/ukmem*.h, declares), under the version node UKMEM_0; nothing else.

  dynamic_symbols.py LIBUKMEM_SO INCLUDE_DIR
"""
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                                'scripts'))
from ksymtab import read  # noqa: E402  the EXPORT_SYMBOL markers of a linked library


def main():
    lib, include = sys.argv[1], sys.argv[2]
    out = subprocess.run(['nm', '-D', '--defined-only', lib], capture_output=True,
                         text=True, check=True).stdout
    dynamic, unversioned = set(), []
    for line in out.splitlines():
        name = line.split()[-1]
        if name == 'UKMEM_0':
            continue
        if not name.endswith('@@UKMEM_0'):
            unversioned.append(name)
        dynamic.add(name.split('@')[0])
    exports, _ = read([lib])
    public = set()
    for header in glob.glob(os.path.join(include, 'ukmem*.h')):
        with open(header) as f:
            public |= set(re.findall(r'\bukmem_\w+', f.read()))
    errors = []
    errors += ['not under UKMEM_0: ' + n for n in sorted(unversioned)]
    errors += ['exported but not in the dynamic table: ' + n
               for n in sorted(set(exports) - dynamic)]
    for name in sorted(dynamic - set(exports)):
        if not name.startswith('ukmem_'):
            errors.append('in the dynamic table, neither exported nor ukmem_*: ' + name)
        elif name not in public:
            errors.append('ukmem_* in the dynamic table, in no public header: ' + name)
    for e in errors:
        print(e)
    print('%d dynamic symbols: %d kernel exports, %d of ukmem\'s API; %d problems'
          % (len(dynamic), len(set(exports) & dynamic), len(dynamic - set(exports)),
             len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
