#!/bin/sh
# screen-scroll.sh: moves of a few lines with the outline pane shown are sent as a scroll
# of the whole body and then a fix of the outline cells (pager-draw.c): after each move the
# screen, attributes included, is exactly what a full repaint (Ctrl-L) draws; one j costs
# fewer bytes than rewriting the text rows did.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

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
	sleep 0.2
	before=$(screen_exact)
	screen_keys C-l
	sleep 0.3
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
sleep 0.3
screen_settle
sleep 0.3
screen_pipe_stop
n=$(wc -c <"$tap_tmp/j.raw")
tap_ok "one j with the outline shown writes fewer than 1100 bytes (was 1275; got $n)" \
	test "$n" -lt 1100
tap_ok "one j scrolls the body region of the terminal" has "$(cat -v "$tap_tmp/j.raw")" '^[[2;29r'

tap_done
