#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Every exported kernel function of ukmem carries a kernel-doc contract.

  kerneldoc.py            count the exported functions, documented and not
  kerneldoc.py --check    list the offenders (status 1 if any), except those in the files
                          named by scripts/kerneldoc-todo.txt
  kerneldoc.py --all      list every offender, the todo list notwithstanding

For each EXPORT_SYMBOL(name) or EXPORT_SYMBOL_GPL(name) in src/**/*.c, the function's
definition is found in the same file (the last one above the export, else the first one
below it), and the lines right above it must be a kernel-doc comment, as
Documentation/doc-guide/kernel-doc.rst describes it: it opens with "/**", its first line
is " * name - summary" (or " * name() - summary"), and it has a "Context:" line saying
whether the function may sleep and what it locks. An exported variable is not a function
and needs no comment; an export whose definition cannot be found is an offender.

scripts/kerneldoc-todo.txt names files (one path per line, relative to the source tree,
'#' starts a comment) whose exports are not all documented yet; the list may only shrink.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TODO = os.path.join(ROOT, 'scripts', 'kerneldoc-todo.txt')
EXPORT = re.compile(r'^\s*EXPORT_SYMBOL(?:_GPL)?\s*\(\s*(\w+)\s*\)')


def sources():
    for top, dirs, files in os.walk(os.path.join(ROOT, 'src')):
        dirs.sort()
        for name in sorted(files):
            if name.endswith('.c'):
                yield os.path.join(top, name)


def is_definition(lines, i, name):
    """Whether lines[i] opens the definition of function name (not a call or prototype)."""
    line = lines[i]
    if not line or line[0] in ' \t#/*}':
        return False
    m = re.search(r'(?<![\w.>])' + name + r'\s*\(', line)
    if not m or line.lstrip().startswith(('return', 'if', 'else')):
        return False
    # the parameter list runs to a ')' followed by '{' (a body) rather than ';'
    for j in range(i, min(i + 12, len(lines))):
        text = lines[j] if j > i else line[m.end():]
        text = re.sub(r'//.*', '', text)
        if ';' in text and '{' not in text:
            return False
        if '{' in text:
            return True
    return False


def is_variable(lines, name):
    pat = re.compile(r'^[^\s#/*].*(?<![\w.>(])' + name
                     + r'\s*(\[[^\]]*\]\s*)*(=|;|,|\[|__attribute__|$)')
    more = re.compile(r'^\s+.*(?<![\w.>(])' + name + r'\s*(,|;)')
    for line in lines:  # made by a macro: "const struct x prefix_##arg = {"
        for m in re.finditer(r'(?<![\w#])(\w+)##\w+\s*(\[[^\]]*\]\s*)*(=|;)', line):
            if name.startswith(m.group(1)):
                return True
    call = re.compile(r'^\w+\s*\(')  # a macro's use, "KSTRTO_SIGNED(kstrtoint, int, ...)"
    return any((pat.match(line) and not call.match(line))
               or (more.match(line) and i and lines[i - 1].rstrip().endswith(','))
               for i, line in enumerate(lines)) or any(
        re.match(r'^\s*DEFINE_\w+\s*\(([^()]*,)?\s*' + name + r'\b', line) for line in lines)


def comment_above(lines, i):
    """The kernel-doc block right above the definition opening at lines[i], or None."""
    j = i - 1
    # a return type or attributes on lines of their own (e.g. "void *\nname(...)")
    while j >= 0 and lines[j].strip() and not lines[j].rstrip().endswith(('*/', ';', '}', '{')) \
            and not lines[j].startswith('#') and i - j <= 3:
        j -= 1
    if j < 0 or not lines[j].rstrip().endswith('*/'):
        return None
    end = j
    while j >= 0 and not lines[j].lstrip().startswith('/*'):
        j -= 1
    if j < 0 or not lines[j].lstrip().startswith('/**'):
        return None
    return lines[j:end + 1]


def documented_block(block, name):
    """None if block is name's kernel-doc comment with a Context: line, else what is wrong."""
    first = block[0].strip()[3:].strip() or (block[1].strip().lstrip('*').strip()
                                              if len(block) > 1 else '')
    if not re.match(re.escape(name) + r'(\(\))?\s+-\s+\S', first):
        return f'kernel-doc names something else: {first!r}'
    if not any(re.match(r'\s*\*\s*Context:\s*\S', line) for line in block):
        return 'no Context: line'
    return None


def generated_doc(lines, name):
    """A function made by a macro (kstrtou8 by KSTRTO_FROM_USER, ...) is documented by a
    kernel-doc block naming it, anywhere in its file (above the macro's use)."""
    opener = re.compile(r'\s*(/\*\*)?\s*\*?\s*' + re.escape(name) + r'(\(\))?\s+-\s')
    for i, line in enumerate(lines):
        if opener.match(line) and (line.lstrip().startswith('/**')
                                   or (i > 0 and lines[i - 1].strip() == '/**')):
            start = i if line.lstrip().startswith('/**') else i - 1
            end = start
            while end < len(lines) and '*/' not in lines[end]:
                end += 1
            return documented_block(lines[start:end + 1], name)
    return 'definition not found'


def problem(lines, name, export_line):
    """None if name's definition is documented, else what is wrong."""
    defs = [i for i in range(len(lines)) if is_definition(lines, i, name)]
    if not defs and name.startswith('ukmem_') and not is_variable(lines, name):
        # vsprintf.c's snprintf() is exported as ukmem_snprintf (an asm label)
        return problem(lines, name[len('ukmem_'):], export_line)
    if not defs:
        if is_variable(lines, name):
            return 'variable'
        return generated_doc(lines, name)
    above = [i for i in defs if i < export_line]
    i = above[-1] if above else defs[0]
    block = comment_above(lines, i)
    if block is None:
        return 'no kernel-doc comment'
    return documented_block(block, name)


def scan():
    """(documented, [(path, line, name, problem)]) over every export in src/."""
    documented, offenders = 0, []
    for path in sources():
        with open(path, encoding='utf-8', errors='replace') as f:
            lines = f.read().split('\n')
        rel = os.path.relpath(path, ROOT)
        for n, line in enumerate(lines):
            m = EXPORT.match(line)
            if not m:
                continue
            what = problem(lines, m.group(1), n)
            if what == 'variable':
                continue
            if what is None:
                documented += 1
            else:
                offenders.append((rel, n + 1, m.group(1), what))
    return documented, offenders


def todo():
    if not os.path.exists(TODO):
        return set()
    with open(TODO, encoding='utf-8') as f:
        return {line.split('#')[0].strip() for line in f} - {''}


def main(argv):
    documented, offenders = scan()
    waived = todo()
    if '--all' in argv:
        shown = offenders
    else:
        shown = [o for o in offenders if o[0] not in waived]
    if '--check' in argv or '--all' in argv:
        for rel, line, name, what in shown:
            print(f'{rel}:{line}: {name}: {what}')
    print(f'kerneldoc: {documented} of {documented + len(offenders)} exported functions '
          f'documented; {len(offenders) - len(shown)} waived by kerneldoc-todo.txt, '
          f'{len(shown)} offending', file=sys.stderr)
    if '--check' in argv or '--all' in argv:
        return 1 if shown else 0
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
