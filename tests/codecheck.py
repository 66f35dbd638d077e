#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""codecheck.py: checks of the shape of the code in src/ that the compiler does not make.

Prints one line per finding and exits 1 if there is any:
  - a function longer than --max-lines lines (from its name to its closing brace);
  - a cycle among the pager's files: a pager file that uses a function of a pager file
    that uses one of its own (directly or around a longer loop), so calls go one way;
  - a file other than the renderer and the terminal input that includes kcurses.h;
  - a function that is not static but used in its file alone (the tests count as other
    files).
With --graph, prints the pager's file graph (who uses whom) and the longest function.
"""
import os
import re
import sys

DEF = re.compile(r'^([a-z_][a-z0-9_]*)\(', re.M)
IDENT = re.compile(r'\b([a-z_][a-z0-9_]*)\b')
CURSES_OK = {'pager-render.c', 'pager-term.c'}


def strip(text):
    """Return text without comments and string or character literals."""
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'"(\\.|[^"\\\n])*"', '""', text)
    return re.sub(r"'(\\.|[^'\\\n])*'", "''", text)


def functions(text):
    """Yield (name, first line, last line, body, static) for each function defined."""
    lines = text.split('\n')
    for m in DEF.finditer(text):
        start = text.count('\n', 0, m.start())
        end = start
        while end < len(lines) and lines[end] != '{':
            if lines[end].endswith(';'):
                break
            end += 1
        if end >= len(lines) or lines[end] != '{':
            continue
        close = end
        while close < len(lines) and lines[close] != '}':
            close += 1
        prev = lines[start - 1] if start > 0 else ''
        yield (m.group(1), start + 1, close + 1, '\n'.join(lines[end:close + 1]),
               re.search(r'\bstatic\b', prev) is not None)


def main():
    args = sys.argv[1:]
    graph = '--graph' in args
    max_lines = 120
    if '--max-lines' in args:
        max_lines = int(args[args.index('--max-lines') + 1])
    src = [a for a in args if not a.startswith('--') and os.path.isdir(a)]
    srcdir = src[0] if src else 'src'
    files = sorted(f for f in os.listdir(srcdir) if f.endswith('.c'))
    texts = {}
    for f in files:
        with open(os.path.join(srcdir, f), encoding='utf-8') as fh:
            texts[f] = fh.read()
    # The tests use some functions too (test-pager drives the pager's screens).
    testdir = os.path.join(srcdir, '..', 'tests')
    others = {}
    # An inline function in a header uses what it calls from every file that includes it.
    for f in sorted(os.listdir(srcdir)):
        if f.endswith('.h'):
            with open(os.path.join(srcdir, f), encoding='utf-8') as fh:
                code = strip(fh.read())
            others[f] = '\n'.join(re.findall(r'^static inline.*?^}', code, re.M | re.S))
    for f in sorted(os.listdir(testdir)) if os.path.isdir(testdir) else []:
        if f.endswith('.c'):
            with open(os.path.join(testdir, f), encoding='utf-8') as fh:
                others['tests/' + f] = strip(fh.read())
    bad = []
    defined = {}
    bodies = {}
    longest = (0, '')
    for f in files:
        if 'kcurses.h' in texts[f] and re.search(r'#include "kcurses.h"', texts[f]) \
                and f not in CURSES_OK:
            bad.append('%s: includes kcurses.h (only %s may)' % (f, ', '.join(sorted(CURSES_OK))))
        for name, first, last, body, static in functions(strip(texts[f])):
            n = last - first + 1
            if n > longest[0]:
                longest = (n, '%s:%d %s' % (f, first, name))
            if n > max_lines:
                bad.append('%s:%d: %s is %d lines (at most %d)' % (f, first, name, n, max_lines))
            defined[name] = (f, static)
            bodies.setdefault(f, []).append(body)
    pager = [f for f in files if f.startswith('pager')]
    uses = {f: set() for f in pager}
    used_in = {}
    for f in files:
        code = strip(texts[f])
        for ident in set(IDENT.findall(code)):
            if ident in defined:
                used_in.setdefault(ident, set()).add(f)
        if f not in uses:
            continue
        for body in bodies.get(f, []):
            for ident in set(IDENT.findall(body)):
                g = defined.get(ident, (None,))[0]
                if g in uses and g != f:
                    uses[f].add(g)
        # Tables of functions outside bodies (a screen's draw, a command) count too.
        for ident in set(IDENT.findall(code)):
            g = defined.get(ident, (None,))[0]
            if g in uses and g != f:
                uses[f].add(g)
    for f, code in others.items():
        for ident in set(IDENT.findall(code)):
            if ident in defined:
                used_in.setdefault(ident, set()).add(f)
    for name, (f, static) in sorted(defined.items()):
        if f != 'main.c' and not static and used_in.get(name, set()) <= {f}:
            bad.append('%s: %s is used in this file alone: make it static' % (f, name))
    # Cycles: strongly connected components of more than one file.
    index, low, stack, on, comps = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(uses[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            comps.append(comp)

    for v in sorted(uses):
        if v not in index:
            visit(v)
    for comp in comps:
        if len(comp) > 1:
            pairs = ['%s -> %s' % (a, b) for a in sorted(comp) for b in sorted(uses[a])
                     if b in comp]
            bad.append('pager files call each other in a cycle: ' + ', '.join(pairs))
    if graph:
        for f in sorted(uses):
            print('%s -> %s' % (f, ' '.join(sorted(uses[f])) or '(nothing)'))
        print('longest function: %d lines, %s' % longest)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
