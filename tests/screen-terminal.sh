#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-terminal.sh: the terminal around kiroku: an answer to its question that comes a
# second late, keys typed before it, y's OSC 52 copy decoded, TERM=dumb (tests/ptyterm.py,
# a pseudo-terminal read byte by byte); and in tmux: the themes (none, light, dark, colour
# off) as attributes and colours of the title and headings, and M / --no-mouse giving the
# mouse to the terminal.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP no python3"; exit 0; }

# The pty half prints its own TAP lines; they are renumbered after this script's.
python3 "$top_srcdir/tests/ptyterm.py" >"$tap_tmp/pty.tap" 2>&1

# pane_row N: row N of the pane with its attributes as SGR sequences.
pane_row() {
	scr capture-pane -e -p | sed -n "$(($1 + 1))p"
}
# mouse_on: 1 if the program in the pane asked for mouse reports.
mouse_on() {
	scr display-message -p '#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}' |
	    grep -q 1 && echo 1 || echo 0
}
esc=$(printf '\033')

screen_start 100 30
screen_kiroku --ambiguous-width=1 "$sample"
row=$(pane_row 1)
tap_ok "default theme: the title is bold and underlined" has "$row" "${esc}[1;4m"
tap_ok "default theme: no colour on the title" sh -c \
	'! printf "%s" "$1" | grep -q "${2}\[[0-9;]*3[0-7]m"' sh "$row" "$esc"
tap_is "the mouse is reported to kiroku by default" "$(mouse_on)" 1
screen_keys M
screen_settle
tap_is "M gives the mouse to the terminal" "$(mouse_on)" 0
tap_ok "and says so" has "$(screen_capture)" "mouse off: a drag selects text"
screen_keys M
screen_settle
tap_is "M again takes it back" "$(mouse_on)" 1
screen_keys q
screen_wait '^rc=0$'

screen_kiroku --no-mouse --theme=dark "$sample"
tap_is "--no-mouse leaves the mouse to the terminal" "$(mouse_on)" 0
tap_ok "--theme=dark: a yellow title" has "$(pane_row 1)" "${esc}[33m"
screen_keys q
screen_wait '^rc=0$'

screen_kiroku --theme=light "$sample"
tap_ok "--theme=light: a magenta title" has "$(pane_row 1)" "${esc}[35m"
heading=$(scr capture-pane -e -p | sed 's/.*│//' | grep -m 1 '【ポイント】')
tap_ok "--theme=light: blue headings" has "$heading" "${esc}[34m"
screen_keys q
screen_wait '^rc=0$'

screen_kiroku --theme=dark --no-color "$sample"
tap_ok "--no-color wins over a theme: no colour anywhere" sh -c \
	'! printf "%s" "$1" | grep -q "${2}\[[0-9;]*3[0-7]m"' sh "$(scr capture-pane -e -p)" "$esc"
tap_ok "--no-color: the title is still bold" has "$(pane_row 1)" "${esc}[1;4m"
screen_keys q
screen_wait '^rc=0$'

# The pty half's lines, numbered after these.
while IFS= read -r line; do
	case $line in
	"ok "*|"not ok "*)
		tap_n=$((tap_n + 1))
		case $line in "not ok "*) tap_failed=$((tap_failed + 1)) ;; esac
		echo "$line" | sed "s/^\(not ok\|ok\) [0-9]*/\1 $tap_n/" ;;
	"1.."*) ;;
	*)	echo "$line" ;;
	esac
done <"$tap_tmp/pty.tap"
tap_done
