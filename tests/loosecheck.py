#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Acceptance check of kiroku --dump --kinsoku=loose, by the project's layout checker.

usage: loosecheck.py LAYOUTCHECK KIROKU RECORD [layoutcheck options]...

layoutcheck.py knows two modes, normal and strict (--strict): its list of characters that
may not start a line holds the iteration marks and the centred punctuation that CSS Text 3
line-break: loose lets start a line.  This runs the same checker (LAYOUTCHECK, loaded as
it is, never edited) with those characters taken out of that list and --kinsoku=loose
given to kiroku; every other rule (no line wider than the width, no character lost, no
opening bracket at a line end, the closing punctuation, fill, hanging indent) is its own.
"""
import importlib.util
import sys

# What loose allows at a line start beyond normal (CSS Text 3, line-break, Japanese).
LOOSE_STARTS = set("々〻ゝゞヽヾ・：；！？･‼⁇⁈⁉․‥…⋯︙°‰′″‵℃℉﹪％￠")


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip())
        return 2
    spec = importlib.util.spec_from_file_location("layoutcheck", sys.argv[1])
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    checker.START_FORBIDDEN = checker.START_FORBIDDEN - LOOSE_STARTS
    sys.argv = [sys.argv[1]] + sys.argv[2:] + ["--kinsoku=loose"]
    return checker.main()


if __name__ == "__main__":
    sys.exit(main())
