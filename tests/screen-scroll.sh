#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-scroll.sh: moves of a few lines with the outline pane shown are sent as a scroll
# of the whole body and then a fix of the outline cells (pager-draw.c): after each move the
# screen, attributes included, is exactly what a full repaint (Ctrl-L) draws; one j costs
# fewer bytes than rewriting the text rows did.  With the outline hidden: one j from the top
# costs no more than less's and a j into a new section leaves the date alone.  (The mean
# of ten j beside less's is a figure, not a check: bench/bytes.sh and the README.)
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

# pipe_settle FILE: once the pane shows the program's answer (tmux has read all of it and
# passed it on to the pipe), wait until FILE has it too: two sizes in a row equal.
pipe_settle() {
	prev=-1 i=0
	while [ "$i" -lt $((screen_wait_s * 10)) ]; do
		cur=$(wc -c <"$1")
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# screen_exact: the pane with its attributes, the charset shifts and line ends left out
# (tmux places them differently for the same cells).
screen_exact() {
	scr capture-pane -e -p | tr -d '\016\017\n'
}

screen_start 100 30
screen_kiroku "$sample"

# check_moves NAME KEY...: send the keys one by one, then compare with a full repaint.
check_moves() {
	name=$1
	shift
	for k in "$@"; do
		screen_keys "$k"
		screen_settle
	done
	before=$(screen_exact)
	screen_keys C-l
	screen_settle
	tap_is "$name: the screen is what a full repaint draws" "$before" "$(screen_exact)"
}

check_moves "j" j
check_moves "j j j k" j j j k
check_moves "3j then 2k" 3 j 2 k
check_moves "k at the top" g k
check_moves "G then k k k" G k k k
check_moves "] then j j" ']' j j
check_moves "Tab, j, Enter, then j k" Tab j Enter j k
check_moves "o off, j, o on, j" o j o j
check_moves "a search, then j j k" / 総 理 Enter j j k

# One j with the outline shown: the body scrolls, the outline is fixed up.
screen_keys g
screen_settle
screen_pipe "$tap_tmp/j.raw"
screen_keys j
screen_settle && pipe_settle "$tap_tmp/j.raw"
screen_pipe_stop
n=$(wc -c <"$tap_tmp/j.raw")
tap_ok "one j with the outline shown writes fewer than 1100 bytes (was 1275; got $n)" \
	test "$n" -lt 1100
tap_ok "one j scrolls the body region of the terminal" has "$(cat -v "$tap_tmp/j.raw")" '^[[2;29r'

# pipe_keys FILE KEY: send KEY, wait for the answer, print the bytes it wrote (FILE.last
# holds them).
pipe_keys() {
	a=$(wc -c <"$1")
	screen_keys "$2"
	screen_settle
	pipe_settle "$1"
	b=$(wc -c <"$1")
	tail -c $((b - a)) "$1" >"$1.last"
	echo $((b - a))
}

# measure_js NAME: in the running pager, after g: one j (bytes in $one), then g, 15j and
# ten j one at a time (total in $ten; what each wrote in $tap_tmp/NAME.N).
measure_js() {
	out=$tap_tmp/$1.raw
	screen_keys g
	screen_settle
	screen_pipe "$out"
	one=$(pipe_keys "$out" j)
	pipe_keys "$out" g >/dev/null
	screen_keys 1 5
	pipe_keys "$out" j >/dev/null
	ten=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		ten=$((ten + $(pipe_keys "$out" j)))
		cp "$out.last" "$tap_tmp/$1.$i"
	done
	screen_pipe_stop
}

# The outline hidden: kiroku beside less in panes of the same size.
screen_start 100 30
screen_kiroku "$sample"
screen_keys o
screen_settle
measure_js off
k_one=$one k_ten=$ten
tap_ok "outline hidden: one j from the top writes fewer than 64 bytes (got $k_one)" \
	test "$k_one" -lt 64
sections=0 dates=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	grep -q '/5)' "$tap_tmp/off.$i" && sections=$((sections + 1))
	grep -q '2009-09-23' "$tap_tmp/off.$i" && dates=$((dates + 1))
done
tap_ok "outline hidden: some of the ten j enter a new section (got $sections)" \
	test "$sections" -gt 0
tap_is "outline hidden: a j into a new section rewrites the label, not the date after it" \
	"$dates" 0
if command -v less >/dev/null 2>&1; then
	screen_start 100 30 LESS=
	screen_run "less $(screen_quote "$sample")"
	screen_wait '^:' && screen_settle
	measure_js less
	screen_keys q
	tap_ok "outline hidden: one j from the top costs no more than in less ($k_one <= $one)" \
		test "$k_one" -le "$one"
	echo "# ten j: kiroku $k_ten bytes, less $ten (a figure: bench/bytes.sh)"
else
	tap_skip "outline hidden: one j from the top costs no more than in less" "no less"
fi

tap_done
