#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# code.sh: the shape of src/ the compiler does not check (tests/codecheck.py): no function
# over 120 lines, the pager's files calling one way (no cycle), curses only in the renderer
# and the terminal input, and nothing exported that one file alone uses.
. "$top_srcdir/tests/tap.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3"
	exit 0
fi
out=$(python3 "$top_srcdir/tests/codecheck.py" "$top_srcdir/src" 2>&1); st=$?
[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# /'
tap_is "src/ keeps its shape: short functions, pager calls one way, curses in two files" "$st" 0
tap_ok "only pager-render.c and pager-term.c include kcurses.h" sh -c '
	test "$(grep -l "#include \"kcurses.h\"" "$1"/src/*.c | sed "s|.*/||" | tr "\n" " ")" = \
	    "pager-render.c pager-term.c "' sh "$top_srcdir"
tap_done
