#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-resize.sh: resizing keeps the reading position (100 -> 60 -> 100 columns), a
# terminal too small for the panes shows the text alone, and 1x1 or 10x3 never crash.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

screen_start 100 30
screen_kiroku "$sample"
screen_keys 2 ']'
screen_wait '^▶1\.総論'
screen_keys 4 j
screen_settle
top100=$(screen_text_row 1)
tap_ok "the reading position is inside 1.総論's paragraphs" matches "$top100" '.'
first4=$(printf '%s' "$top100" | sed -E 's/^ *//; s/^(..).*/\1/')
scr resize-window -x 60 -y 20
screen_wait 'h:help *$' && screen_settle
tap_ok "at 60 columns the screen is laid out again" test "$(screen_capture | wc -L)" -le 60
tap_ok "at 60 columns the top row holds the text that was at the top-left" \
	has "$(screen_text_row 1)$(screen_text_row 2)" "$first4"
tap_ok "at 60 columns the outline still marks the section" matches "$(screen_capture)" '^▶'
scr resize-window -x 100 -y 30
screen_wait 'h:help *$' && screen_wait_text_row 1 "$top100"
tap_is "back at 100 columns the same line is on top" "$(screen_text_row 1)" "$top100"

# A burst of resizes ends in one correct screen.  The burst goes to the pane's terminal
# itself (stty: a SIGWINCH each), not through tmux: tmux 3.3 holds a pane's resizes back
# (250 ms after the one before) and sends a burst that ends at the size it began with as
# its last-but-one size and, 10 ms later, the last, its old screen staying meanwhile.  A
# wait for $top100 then ended at once, before kiroku had seen the burst, and the row read
# next was now and then the 99-column layout on its way: the "drift" of issue 4 (kiroku's
# reading position never moved).  A SIGWINCH still pending after the draw of the message
# of ": x" is taken before the next key is read, so once Escape has taken the message
# down again the screen is the one for the size the burst ended at.
tty=$(scr display-message -p '#{pane_tty}')
for w in 90 80 70 61 99 100; do stty -F "$tty" cols "$w"; done
screen_keys : x
screen_wait ':n next record'
screen_keys Escape
screen_wait_gone ':n next record' && screen_settle
tap_is "after a burst of resizes the same line is on top" "$(screen_text_row 1)" "$top100"

# Too narrow for both panes: the text pane alone.
scr resize-window -x 30 -y 12
screen_wait 'h:help *$' && screen_settle
tap_ok "30 columns: the text pane alone, no separator" lacks "$(screen_capture)" '│'
tap_ok "30 columns: no line wider than the pane" test "$(screen_capture | wc -L)" -le 30

# Too small for anything: a notice, and the program still answers keys.
scr resize-window -x 10 -y 3
screen_settle
tap_ok "10x3: still drawn, the status line at the bottom" matches "$(screen_row 2)" '^ 000_f63'
tap_ok "10x3: no line wider than 10 columns" test "$(screen_capture | wc -L)" -le 10
scr resize-window -x 1 -y 1
screen_settle
scr resize-window -x 3 -y 1
screen_settle
tap_ok "3x1: a one-line notice" has "$(screen_row 0)" 'ki'
screen_keys j k G g
scr resize-window -x 100 -y 30
screen_wait 'h:help *$'
tap_ok "back from 1x1 the pager is alive and whole" has "$(screen_row 0)" '欧州(NIS諸国を含む) 1'
screen_keys q
tap_ok "q still exits 0 after the tiny sizes" screen_wait '^rc=0$'

# Started at 1x1 and at 10x3.
for size in "1 1" "10 3"; do
	set -- $size
	screen_start "$1" "$2"
	screen_run "$(screen_quote "$KIROKU") $(screen_quote "$sample"); echo rc=\$?"
	sleep 0.3
	scr resize-window -x 100 -y 30
	screen_wait 'h:help *$'
	tap_ok "started at $1x$2, it runs and draws when the terminal grows" \
		has "$(screen_capture)" '国連総会の際の日露首脳会談'
	screen_keys q
	tap_ok "started at $1x$2, q exits 0" screen_wait "rc=0"
done
tap_done
