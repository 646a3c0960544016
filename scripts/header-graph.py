#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The header graph of ukmem's kernel API against Linux 6.1's.

For each header of include/kapi that Linux 6.1 also has, the set of ukmem headers it
brings with it (transitively, as `gcc -M` sees it in a kernel build) must contain every
ukmem header that Linux 6.1's header of the same name brings. Drivers rely on that: a
file including only <linux/fs.h> uses mutexes, wait queues and kmalloc.

  --check  prints what each header lacks; exit status 1 if anything is missing
  --fix    adds what is missing to the headers' closing blocks (see below), keeping what
           they already have, until nothing is missing: the same tree gives the same result
  --rebuild  empties every closing block first, then fixes (a larger diff: ties between
           equivalent headers may be chosen differently than before)

A header's extra includes sit in a block at its end, expanded only when the header is
the outermost one being included (a push_macro/pop_macro pair marks the nesting), so
that they are read after the header is complete and cannot break include cycles.

usage: header-graph.py LINUX_TREE KAPI_DIR KBUILD_DIR --check|--fix|--rebuild
KBUILD_DIR is the built Kbuild directory of a build tree (build/lib/ukmem/kbuild).
LINUX_TREE needs include/ and arch/x86/include/ of Linux 6.1's source."""
import os, re, subprocess, sys, tempfile
linux, kapi, kdir = sys.argv[1:4]
kapi = os.path.abspath(kapi)
check = '--check' in sys.argv
rebuild = '--rebuild' in sys.argv
if not check and not rebuild and '--fix' not in sys.argv:
    sys.exit(__doc__)
MARK = '/* The rest of what Linux 6.1\'s <%s> brings with it, once this header is complete. */'
PUSH = '#pragma push_macro("__UKMEM_INNER")\n#define __UKMEM_INNER\n'
POP = '#pragma pop_macro("__UKMEM_INNER")\n#ifndef __UKMEM_INNER\n'

tmp = tempfile.mkdtemp()
os.makedirs(tmp + '/gen/generated')
open(tmp + '/gen/generated/autoconf.h', 'w').write(open(kapi + '/generated/autoconf.h').read())
flags = subprocess.run(['make', '-s', '-C', kdir, 'ukmem-cflags'], capture_output=True, text=True).stdout.split()
if '-nostdinc' not in flags or not os.path.isdir(os.path.join(kdir, 'refused')):
    sys.exit('header-graph.py: %s is not a built Kbuild directory (it gives no kernel flags); '
             'pass the build tree\'s, e.g. build/lib/ukmem/kbuild' % kdir)
if '-I' + kapi not in flags:
    sys.exit('header-graph.py: %s was configured for another tree\'s headers (its flags lack -I%s); '
             'pass the Kbuild directory of a build of this tree' % (kdir, kapi))
ours = sorted(os.path.relpath(os.path.join(d, f), kapi) for sub in ('linux', 'asm', 'kunit')
              for d, _, fs in os.walk(os.path.join(kapi, sub)) for f in fs if f.endswith('.h'))
ourset = set(ours)

def deps(cmd, cwd=None, strip=()):
    src = tmp + '/x.c'
    out = subprocess.run(cmd + ['-M', src], capture_output=True, text=True, cwd=cwd).stdout
    res = set()
    for w in out.replace('\\\n', ' ').split():
        if not w.endswith('.h'):
            continue
        for p in strip:
            if w.startswith(p):
                w = w[len(p):]
                break
        res.add(w)
    return res

def kernel_path(h):
    if h.startswith('asm/'):
        p = linux + '/arch/x86/include/' + h
        return p if os.path.exists(p) else None
    p = linux + '/include/' + h
    return p if os.path.exists(p) else None

kflags = ['gcc', '-MG', '-nostdinc', '-D__KERNEL__', '-Iarch/x86/include', '-I' + tmp + '/gen', '-Iinclude',
          '-Iarch/x86/include/uapi', '-Iinclude/uapi', '-include', 'include/linux/kconfig.h',
          '-include', 'include/linux/compiler_types.h']
K = {}
for h in ours:
    if not kernel_path(h):
        continue
    open(tmp + '/x.c', 'w').write('#include <%s>\n' % h)
    k = deps(kflags, cwd=linux, strip=('arch/x86/include/', 'include/'))
    K[h] = (k & ourset) - {h, 'linux/kconfig.h', 'linux/compiler_types.h', 'linux/compiler_attributes.h'}

def ukmem_closure(h):
    open(tmp + '/x.c', 'w').write('#include <%s>\n' % h)
    return (deps(['gcc'] + flags, strip=(kapi + '/',)) & ourset) - {h}

def strip_block(h):
    path = kapi + '/' + h
    text = open(path).read()
    if POP not in text:
        return set()
    start = text.index(POP)
    end = text.index('#endif\n', start) + len('#endif\n')
    incs = set(re.findall(r'#include <([^>]+)>', text[start:end]))
    text = text[:start].rstrip('\n') + '\n\n' + text[end:].lstrip('\n')
    text = text.replace(PUSH, '', 1)
    open(path, 'w').write(text)
    return incs

def write_block(h, incs):
    path = kapi + '/' + h
    text = open(path).read()
    m = re.search(r'^#ifndef (\w+)\n#define \1\n', text, re.M)
    assert m, 'no include guard in ' + h
    text = text[:m.end()] + PUSH + text[m.end():]
    idx = text.rstrip().rfind('#endif')
    block = POP + (MARK % h) + '\n' + ''.join('#include <%s>\n' % i for i in sorted(incs)) + '#endif\n'
    text = text[:idx].rstrip('\n') + '\n\n' + block + text[idx:]
    open(path, 'w').write(text)

if rebuild:
    for h in ours:
        strip_block(h)

for rnd in range(12):
    U = {h: ukmem_closure(h) for h in ours}
    missing = {h: K[h] - U[h] for h in K if K[h] - U[h]}
    total = sum(len(m) for m in missing.values())
    print('round %d: %d of %d headers lack %d of the headers Linux 6.1 brings with them' % (rnd, len(missing), len(K), total))
    if check or not missing:
        for h, m in sorted(missing.items()):
            print('  %s lacks %s' % (h, ' '.join(sorted(m))))
        sys.exit(1 if missing else 0)
    for h, m in missing.items():
        need = set(m)
        chosen = []
        while need:
            best = max(sorted(need), key=lambda c: len(((U.get(c, set()) | {c}) & need)))
            chosen.append(best)
            need -= U.get(best, set()) | {best}
        incs = strip_block(h) | set(chosen)
        write_block(h, incs)
