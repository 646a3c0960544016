#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The library's export list, read from the markers EXPORT_SYMBOL leaves.

EXPORT_SYMBOL(sym) leaves the local symbol __ksymtab_<sym> (__ksymtab_gpl_<sym> for
EXPORT_SYMBOL_GPL) in the section .ukmem_ksymtab of the object that defines sym
(include/kapi/linux/export.h). From the objects or the linked library:

  ksymtab.py version-script OUT FILE...   the linker version script of libukmem.so:
                                          node UKMEM_0 exports the marked symbols and
                                          ukmem's own API (ukmem_*), nothing else
  ksymtab.py symvers OUT FILE... [--runtime LIST]
                                          Module.symvers as Linux writes it (CRC, symbol,
                                          vmlinux, EXPORT_SYMBOL or EXPORT_SYMBOL_GPL,
                                          namespace); ukmem keeps no CRCs. LIST names
                                          functions the process's runtime provides
                                          that Linux exports (KASAN's entry points,
                                          which AddressSanitizer's runtime has), a
                                          name a line, # a comment
  ksymtab.py list FILE...                 "<symbol> <macro>" per export

A marker whose symbol no FILE defines is an error (an EXPORT_SYMBOL of a name that is
only declared).
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exports import kapi_words  # noqa: E402  the kapi headers' assembler names

NODE = 'UKMEM_0'


def read(files):
    """({symbol: macro}, {defined global symbols}) of files."""
    out = subprocess.run(['nm', '--defined-only'] + files, capture_output=True, text=True,
                         check=True).stdout
    markers, defined = [], set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) != 3:
            continue
        kind, name = fields[1], fields[2].split('@')[0]
        if name.startswith('__ksymtab_'):
            markers.append(name[len('__ksymtab_'):])
        elif kind.isupper() or kind in 'uvwi':
            defined.add(name)
    # A marker names the C symbol; a few kapi functions have another assembler name
    # (strlcpy is ukmem_strlcpy, so as not to displace the C library's).
    asm_of = {c: asm for asm, c in kapi_words()[1].items()}
    def linked(marker):
        if marker in defined:
            return marker
        if marker.startswith('gpl_'):
            return 'gpl_' + asm_of.get(marker[4:], marker[4:])
        return asm_of.get(marker, marker)
    markers = [linked(m) for m in markers]
    exports = {}
    for rest in markers:
        # __ksymtab_gpl_foo is foo exported GPL-only, unless gpl_foo is the symbol.
        if rest.startswith('gpl_') and rest[4:] in defined and rest not in defined:
            exports[rest[4:]] = 'EXPORT_SYMBOL_GPL'
        else:
            exports.setdefault(rest, 'EXPORT_SYMBOL')
    missing = sorted(s for s in exports if s not in defined)
    if missing:
        sys.exit('ksymtab.py: exported but not defined: ' + ' '.join(missing))
    return exports, defined


def write(path, text):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
    if os.path.exists(path):
        with open(path) as f:
            if f.read() == text:      # unchanged: keep its time, nothing relinks
                os.unlink(tmp)
                return
    os.replace(tmp, path)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ('version-script', 'symvers', 'list'):
        sys.exit(__doc__)
    mode = sys.argv[1]
    if mode == 'list':
        exports, _ = read(sys.argv[2:])
        for sym, macro in sorted(exports.items()):
            print(sym, macro)
        return 0
    out, files = sys.argv[2], sys.argv[3:]
    runtime = []
    if '--runtime' in files:
        at = files.index('--runtime')
        with open(files[at + 1]) as f:
            runtime = [w for w in (line.split('#')[0].strip() for line in f) if w]
        del files[at:at + 2]
    exports, _ = read(files)
    for sym in runtime:
        exports.setdefault(sym, 'EXPORT_SYMBOL')
    if mode == 'version-script':
        body = ''.join(f'\t\t{sym};\n' for sym in sorted(exports))
        write(out, '/* libukmem.so\'s exports: made by scripts/ksymtab.py from the library\'s\n'
                   ' * EXPORT_SYMBOL markers, and ukmem\'s own API. */\n'
                   f'{NODE} {{\n\tglobal:\n\t\tukmem_*;\n{body}\tlocal:\n\t\t*;\n}};\n')
    else:
        write(out, ''.join(f'0x00000000\t{sym}\tvmlinux\t{macro}\t\n'
                           for sym, macro in sorted(exports.items())))
    return 0


if __name__ == '__main__':
    sys.exit(main())
