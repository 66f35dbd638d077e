#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-resize.sh: resizing keeps the reading position (100 -> 60 -> 100 columns), a
# terminal too small for the panes shows the text alone, 1x1 or 10x3 never crash, and a
# resize that comes before kiroku has set its SIGWINCH handler is not lost.  Every read of
# the screen after a resize waits until kiroku reports it drew for the new size.
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
screen_resize 60 20
tap_ok "at 60 columns the screen is laid out again" test "$(screen_capture | wc -L)" -le 60
tap_is "at 60 columns the status line reaches the right edge" \
	"$(screen_row 19 | wc -L) $(screen_row 19 | sed 's/.* //')" "59 h:help"
tap_ok "at 60 columns the top row holds the text that was at the top-left" \
	has "$(screen_text_row 1)$(screen_text_row 2)" "$first4"
tap_ok "at 60 columns the outline still marks the section" matches "$(screen_capture)" '^▶'
screen_resize 100 30
tap_is "back at 100 columns the same line is on top" "$(screen_text_row 1)" "$top100"

# A burst of resizes ends in one correct screen.  The burst goes to the pane's terminal
# itself (stty: a SIGWINCH each), not through tmux, which holds a pane's resizes back (250
# ms after the one before).  kiroku reads the size before every layout, so the screen it
# draws after the burst (for the key sent after it) is for the size the burst ended at.
tty=$(scr display-message -p '#{pane_tty}')
for w in 90 80 70 61 99 100; do stty -F "$tty" cols "$w"; done
screen_keys C-l
screen_settle
tap_is "after a burst of resizes the same line is on top" "$(screen_text_row 1)" "$top100"

# Too narrow for both panes: the text pane alone.
screen_resize 30 12
tap_ok "30 columns: the text pane alone, no separator" lacks "$(screen_capture)" '│'
tap_ok "30 columns: no line wider than the pane" test "$(screen_capture | wc -L)" -le 30

# Too small for anything: a notice, and the program still answers keys.
screen_resize 10 3
tap_ok "10x3: still drawn, the status line at the bottom" matches "$(screen_row 2)" '^ 000_f63'
tap_ok "10x3: no line wider than 10 columns" test "$(screen_capture | wc -L)" -le 10
screen_resize 1 1
screen_resize 3 1
tap_ok "3x1: a one-line notice" has "$(screen_row 0)" 'ki'
screen_keys j k G g
screen_settle
screen_resize 100 30
tap_ok "back from 1x1 the pager is alive and whole" has "$(screen_row 0)" '欧州(NIS諸国を含む) 1'
screen_keys q
tap_ok "q still exits 0 after the tiny sizes" screen_wait '^rc=0$'

# Started at 1x1 and at 10x3.
for size in "1 1" "10 3"; do
	set -- $size
	screen_start "$1" "$2"
	screen_new_kiroku
	screen_run "$(screen_quote "$KIROKU") $(screen_quote "$sample"); echo rc=\$?"
	screen_drawn
	tap_is "started at $1x$2, it reports drawing for $1x$2" "$(cat "$screen_idle")" "0 $2 $1"
	screen_resize 100 30
	tap_ok "started at $1x$2, it runs and draws when the terminal grows" \
		has "$(screen_capture)" '国連総会の際の日露首脳会談'
	screen_keys q
	tap_ok "started at $1x$2, q exits 0" screen_wait "rc=0"
done

# A resize while kiroku is starting, just before its SIGWINCH handler is set (an ssh
# window resized as the program comes up): tests/winch-late.c holds kiroku there while
# tmux resizes the pane, so the signal finds no handler.  kiroku must still end up drawn
# for the new size, not for the one it found at its start.
late=$tap_tmp/winch-late.so
if ${CC:-cc} -shared -fPIC -o "$late" "$top_srcdir/tests/winch-late.c" -ldl \
    2>"$tap_tmp/cc.err"; then
	screen_start 100 30 LD_PRELOAD="$late" WINCH_LATE_MARK="$tap_tmp/late-mark" \
	    WINCH_LATE_GO="$tap_tmp/late-go" ASAN_OPTIONS=verify_asan_link_order=0
	screen_new_kiroku
	screen_run "$(screen_quote "$KIROKU") $(screen_quote "$sample"); echo rc=\$?"
	i=0
	while [ ! -e "$tap_tmp/late-mark" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	tap_ok "kiroku was held at its SIGWINCH handler" test -e "$tap_tmp/late-mark"
	tty=$(scr display-message -p '#{pane_tty}')
	scr resize-window -x 60 -y 20
	i=0	# the kernel sends the SIGWINCH as tmux sets the terminal's size
	while [ "$(stty -F "$tty" size)" != "20 60" ] && [ "$i" -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
	touch "$tap_tmp/late-go"
	tap_ok "a resize before the handler was set: drawn for 60x20 all the same" screen_drawn
	tap_is "a resize before the handler was set: the status line reaches the right edge" \
		"$(screen_row 19 | wc -L) $(screen_row 19 | sed 's/.* //')" "59 h:help"
	screen_keys q
	tap_ok "after the late resize, q exits 0" screen_wait "rc=0"
else
	sed 's/^/# /' "$tap_tmp/cc.err"
	tap_ok "tests/winch-late.c builds with ${CC:-cc}" false
fi
tap_done
