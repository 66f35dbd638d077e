#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fold a record at COLS display columns, the way w3m -dump or a mailer hard-wraps text.

usage: fold.py COLS [--no-hang] < record > folded

Each line wider than COLS is broken into lines of at most COLS columns (East Asian Wide
and Fullwidth characters count two; a wide character that does not fit goes to the next
line whole).  Latin words are kept whole: a line breaks at a space, which is dropped, or
before a wide character; a word wider than the line stands alone on its line.  The
continuation lines of a bulleted item are indented under its text, as w3m does (not with
--no-hang); other lines continue at the left margin.  Shorter lines are copied as they are.
"""
import re
import sys
import unicodedata

BULLET = re.compile(r"^( *[•・●○■□◆◇※★☆*+-] +)")


def cw(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def width(s):
    return sum(cw(c) for c in s)


def units(text):
    """Cut text into units that never break inside: a wide character, a run of narrow
    non-space characters (a word), or one space."""
    out, word = [], ""
    for c in text:
        if c == " " or cw(c) == 2:
            if word:
                out.append(word)
                word = ""
            out.append(c)
        else:
            word += c
    if word:
        out.append(word)
    return out


def fold(line, cols, hang):
    if width(line) <= cols:
        return [line]
    m = BULLET.match(line) if hang else None
    indent = " " * width(m.group(1)) if m else ""
    lead = re.match(r"^ *", line).group(0)
    rest = units(line[len(lead):])
    out, cur = [], lead
    for u in rest:
        if u == " " and cur.strip() == "":
            if cur != lead:
                continue  # no space at the start of a continuation line
        if width(cur) + width(u) <= cols:
            cur += u
            continue
        if u == " ":
            out.append(cur.rstrip(" "))
            cur = indent
            continue
        if cur.strip() != "":
            out.append(cur.rstrip(" "))
            cur = indent
        cur += u
    if cur.strip() != "":
        out.append(cur.rstrip(" "))
    return out


def main():
    args = sys.argv[1:]
    hang = "--no-hang" not in args
    cols = int([a for a in args if not a.startswith("--")][0])
    text = sys.stdin.read()
    lines = text.split("\n")
    out = []
    for line in lines:
        out.extend(fold(line, cols, hang))
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
