#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Which library symbols ukmem exports to modules, and the EXPORT_SYMBOL lines that say so.

A function or variable defined in the library (src/) is exported to modules when
  - it is named in scripts/kapi-exports.txt (with the macro given there); or
  - its name is part of the kernel API ukmem offers (it appears in a header of
    include/kapi), and
      - Linux 6.1 exports it: with EXPORT_SYMBOL_GPL if 6.1 does so, EXPORT_SYMBOL
        otherwise; or
      - Linux 6.1's headers make it a static inline function or a macro (ukmem has it
        out of line, as bitmap_and or copy_to_user): EXPORT_SYMBOL; or
      - Linux 6.1's headers do not have the name at all: a helper of ukmem's own that
        the kapi headers' inline functions and macros call (ukmem_down, kmem_cache_create_5):
        EXPORT_SYMBOL.
  A name 6.1's headers declare but 6.1 does not export (drain_all_pages) stays inside.
Names only ukmem's own tools and tests use are not kernel exports; the tests link the
static library, the tool uses include/ukmem*.h.

  exports.py BUILD_DIR LINUX_SOURCE --check   report what is missing or differs (status 1)
  exports.py BUILD_DIR LINUX_SOURCE --apply   write the missing lines, after each definition
  exports.py BUILD_DIR LINUX_SOURCE --list    print "<symbol> <macro>" for every export

BUILD_DIR is a configured and built build tree (the library's objects say which file
defines which symbol); LINUX_SOURCE is Linux 6.1's source tree. Running --apply again
changes nothing: a symbol that already has an EXPORT_SYMBOL* line is left as it is.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPORT_RE = re.compile(r'\bEXPORT_(?:PER_CPU_|THREAD_)?SYMBOL(_GPL)?(?:_NS)?(_GPL)?\(\s*([A-Za-z_]\w*)')
WORD_RE = re.compile(r'[A-Za-z_]\w*')
COMMENT_RE = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)


def linux_exports(linux, cache):
    """{name: 'EXPORT_SYMBOL' | 'EXPORT_SYMBOL_GPL'} as Linux 6.1 (generic code and x86) has it."""
    if os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(__file__):
        with open(cache) as f:
            return json.load(f)
    found = {}
    for top, dirs, files in os.walk(linux):
        rel = os.path.relpath(top, linux)
        if rel == 'arch':
            dirs[:] = [d for d in dirs if d == 'x86']
        if rel in ('Documentation', 'tools', 'scripts', 'samples'):
            dirs[:] = []
            continue
        for name in files:
            if not name.endswith(('.c', '.h', '.S')):
                continue
            try:
                with open(os.path.join(top, name), errors='replace') as f:
                    text = f.read()
            except OSError:
                continue
            if 'EXPORT_SYMBOL' not in text:
                continue
            for m in EXPORT_RE.finditer(text):
                gpl = bool(m.group(1) or m.group(2))
                # Exported both ways somewhere (per configuration): the open one wins.
                found[m.group(3)] = found.get(m.group(3), True) and gpl
    result = {k: 'EXPORT_SYMBOL_GPL' if v else 'EXPORT_SYMBOL' for k, v in found.items()}
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    with open(cache, 'w') as f:
        json.dump(result, f)
    return result


INLINE_RE = re.compile(r'static\s+(?:__always_inline|inline|__inline__)\b[^;{=]*?\b([A-Za-z_]\w*)\s*\(')
DEFINE_RE = re.compile(r'^\s*#\s*define\s+([A-Za-z_]\w*)', re.M)


def linux_headers(linux, cache):
    """(inline, words) of Linux 6.1's include/ and arch/x86/include: the names defined there
    as static inline functions or macros, and every word the headers use."""
    if os.path.exists(cache) and os.path.getmtime(cache) >= os.path.getmtime(__file__):
        with open(cache) as f:
            inline, words = json.load(f)
            return set(inline), set(words)
    inline, words = set(), set()
    for sub in ('include', 'arch/x86/include'):
        for top, _, files in os.walk(os.path.join(linux, sub)):
            for name in files:
                if name.endswith('.h'):
                    with open(os.path.join(top, name), errors='replace') as f:
                        text = COMMENT_RE.sub(' ', f.read())
                    inline.update(INLINE_RE.findall(text))
                    inline.update(DEFINE_RE.findall(text))
                    words.update(WORD_RE.findall(text))
    with open(cache, 'w') as f:
        json.dump([sorted(inline), sorted(words)], f)
    return inline, words


# A declaration's name and its assembler label: the parameter list may hold one level of
# parentheses (function pointers) and nothing that ends or opens a declaration.
ASM_NAME_RE = re.compile(r'\b([A-Za-z_]\w*)\s*\((?:[^;{}()]|\([^;{}()]*\))*\)\s*__asm__\s*\(\s*"(\w+)"\s*\)')


def kapi_words():
    """(words, names): every word of the include/kapi headers, and {assembler name: C name}
    for the functions they declare under another symbol (strlcpy is ukmem_strlcpy, so as
    not to displace the C library's)."""
    words, names = set(), {}
    for top, _, files in os.walk(os.path.join(ROOT, 'include', 'kapi')):
        for name in files:
            if name.endswith('.h'):
                with open(os.path.join(top, name), errors='replace') as f:
                    text = COMMENT_RE.sub(' ', f.read())
                words.update(WORD_RE.findall(text))
                names.update((asm, c) for c, asm in ASM_NAME_RE.findall(text))
    return words, names


def helpers():
    """scripts/kapi-exports.txt: '<name> [EXPORT_SYMBOL|EXPORT_SYMBOL_GPL]' per line."""
    result = {}
    with open(os.path.join(ROOT, 'scripts', 'kapi-exports.txt')) as f:
        for line in f:
            line = line.split('#', 1)[0].split()
            if line:
                result[line[0]] = line[1] if len(line) > 1 else 'EXPORT_SYMBOL'
    return result


def library_definitions(build):
    """{symbol: source file relative to ROOT} for the library's defined global symbols."""
    objdir = os.path.join(build, 'CMakeFiles', 'ukmem_objs.dir')
    objs = []
    for top, _, files in os.walk(objdir):
        objs += [os.path.join(top, n) for n in files if n.endswith('.c.o')]
    if not objs:
        sys.exit(f'exports.py: no library objects under {objdir}: build the library first')
    out = subprocess.run(['nm', '-A', '--defined-only', '-g'] + sorted(objs),
                         capture_output=True, text=True, check=True).stdout
    defs = {}
    for line in out.splitlines():
        path, _, rest = line.partition(':')
        fields = rest.split()
        if len(fields) != 3 or fields[1] not in 'TDBRVWGS':
            continue
        src = os.path.relpath(path, objdir)[:-2]          # src/mm/slub.c
        if os.path.exists(os.path.join(ROOT, src)):
            defs[fields[2]] = src
    return defs


def existing_exports():
    """{symbol: (macro, file)} for every EXPORT_SYMBOL* line already in src/."""
    have = {}
    for top, _, files in os.walk(os.path.join(ROOT, 'src')):
        for name in files:
            if name.endswith('.c'):
                path = os.path.join(top, name)
                with open(path, errors='replace') as f:
                    for m in EXPORT_RE.finditer(f.read()):
                        macro = 'EXPORT_SYMBOL_GPL' if (m.group(1) or m.group(2)) else 'EXPORT_SYMBOL'
                        have[m.group(3)] = (macro, os.path.relpath(path, ROOT))
    return have


def built_exports(build):
    """{symbol: macro} from the EXPORT_SYMBOL markers of the built library objects."""
    from ksymtab import read
    objdir = os.path.join(build, 'CMakeFiles', 'ukmem_objs.dir')
    objs = [os.path.join(top, n) for top, _, files in os.walk(objdir)
            for n in files if n.endswith('.c.o')]
    return read(sorted(objs))[0] if objs else {}


def wanted(build, linux):
    cache = os.path.join(os.path.abspath(build), 'exports', 'linux-6.1-')
    lx, extra = linux_exports(linux, cache + 'exports.json'), helpers()
    words, names = kapi_words()
    inline, linux_words = linux_headers(linux, cache + 'headers.json')
    want = {}
    for sym, src in library_definitions(build).items():
        sym = names.get(sym, sym)
        # The macro is binding when Linux 6.1 or kapi-exports.txt decides it; for ukmem's
        # own helpers it is a default the source may have chosen otherwise.
        if sym in extra:
            macro, binding = extra[sym], True
        elif sym not in words:
            continue
        elif sym in lx:
            macro, binding = lx[sym], True
        elif sym in inline or sym not in linux_words:
            macro, binding = 'EXPORT_SYMBOL', False
        else:
            continue
        if macro != '-':
            want[sym] = (macro, src, binding)
    return want


def definition_end(path, lines, sym):
    """(the last line (1-based) of sym's last definition in path, or None; whether sym is
    thread-local)."""
    out = subprocess.run(['ctags', '--output-format=json', '--fields=+neK', '--kinds-C=fv',
                          '-o', '-', path], capture_output=True, text=True).stdout
    end, tls = None, False
    for line in out.splitlines():
        try:
            tag = json.loads(line)
        except ValueError:
            continue
        if tag.get('name') != sym:
            continue
        if tag.get('kind') == 'function' and 'end' in tag:
            last = tag['end']
        elif tag.get('kind') == 'variable':
            last = statement_end(lines, tag['line'])
            tls |= bool(re.search(r'\b(__thread|_Thread_local|thread_local)\b', lines[tag['line'] - 1]))
        else:
            continue
        end = max(end or 0, last)
    return end, tls


def statement_end(lines, start):
    """From a variable's first line (1-based), the line that ends its definition."""
    depth = 0
    for i in range(start - 1, len(lines)):
        for ch in lines[i]:
            depth += ch in '{(['
            depth -= ch in '})]'
        if depth <= 0 and lines[i].rstrip().endswith(';'):
            return i + 1
    return start


def apply(want, have):
    by_file = {}
    for sym, (macro, src, _) in sorted(want.items()):
        if sym not in have:
            by_file.setdefault(src, []).append((sym, macro))
    unplaced = []
    for src, syms in sorted(by_file.items()):
        path = os.path.join(ROOT, src)
        with open(path) as f:
            lines = f.read().split('\n')
        inserts = []
        for sym, macro in syms:
            end, tls = definition_end(path, lines, sym)
            if tls:
                macro = macro.replace('EXPORT_', 'EXPORT_THREAD_')
            if end is None:
                unplaced.append(sym)
                end = len(lines) - (lines[-1] == '')
            inserts.append((end, f'{macro}({sym});'))
        for end, text in sorted(inserts, reverse=True):
            lines.insert(end, text)
        if not any(re.match(r'#include <linux/(export|module)\.h>', l) for l in lines):
            # After the last <linux/...> include, or the last <...> one, or the last one.
            for prefix in ('#include <linux/', '#include <', '#include'):
                found = [i for i, l in enumerate(lines) if l.startswith(prefix)]
                if found:
                    last = found[-1]
                    break
            lines.insert(last + 1, '#include <linux/export.h>')
        with open(path, 'w') as f:
            f.write('\n'.join(lines))
        print(f'{src}: {len(syms)} export(s)')
    for sym in unplaced:
        print(f'exports.py: no definition of {sym} found by ctags; its line is at the end of '
              f'{want[sym][1]}', file=sys.stderr)


def check(want, have):
    status = 0
    for sym, (macro, src, binding) in sorted(want.items()):
        if sym not in have:
            print(f'{src}: {sym} is not exported ({macro} expected)')
            status = 1
        elif have[sym][0] != macro and binding:
            print(f'{have[sym][1]}: {sym} is exported with {have[sym][0]}; Linux 6.1 uses {macro}')
            status = 1
    return status


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ('--check', '--apply', '--list'):
        sys.exit(__doc__)
    build, linux, mode = sys.argv[1:]
    want, have = wanted(build, linux), existing_exports()
    # Lines a macro writes (EXPORT_SYMBOL_GPL(debugfs_create_##kind)) are seen in the
    # built objects' markers.
    for sym, macro in built_exports(build).items():
        have.setdefault(sym, (macro, '(macro)'))
    if mode == '--list':
        for sym, (macro, _, _) in sorted(want.items()):
            print(sym, macro)
        return 0
    if mode == '--apply':
        apply(want, have)
        return 0
    return check(want, have)


if __name__ == '__main__':
    sys.exit(main())
