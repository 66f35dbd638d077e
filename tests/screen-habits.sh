#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-habits.sh: the habits of less users in tmux: +G, +NUM, +/PATTERN and -p open where
# they say (over a saved position too), :n and :p follow the files in the order named, a
# regular-expression search on the prompt's Ctrl-R and on --regex (literal by default), the
# configuration file and the variable in the pager (outline = off, a key bound by command
# name), --no-outline, and an archive of records opened as a folder (index and reader).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

d=$tap_tmp/recs
mkdir -p "$d"
# long FILE: a record of 200 numbered lines in two sections, 領土問題 on line 120 only.
long() {
	{
		printf 'アジア\n\n長い記録\n令和元年５月１日\n\n1.前半\n\n'
		i=8
		while [ "$i" -le 200 ]; do
			case $i in
			100)	printf '2.後半\n' ;;
			120)	printf '第%s行 領土問題について（１）\n' "$i" ;;
			*)	printf '第%s行 本文\n' "$i" ;;
			esac
			i=$((i + 1))
		done
	} >"$1"
}
long "$d/long.txt"
# rec FILE REGION N YEAR: a short record titled 記録N, dated 平成YEAR年1月1日.
rec() {
	printf '%s\n\n記録%s の会談\n平成%s年1月1日\n\n1.総論\n\n本文%s。\n' "$2" "$3" "$4" "$3" >"$d/$1"
}
rec a.txt アジア 01 20
rec b.txt 北米 02 25
rec c.txt アジア 03 28
rec e.txt アジア 04 22

# text_top: the text pane's first row (without the outline).
text_top() {
	screen_text_row 1
}

screen_start 80 24
# +G: the end of the record.
screen_kiroku +G "$d/long.txt"
tap_ok "+G opens at the end" has "$(screen_capture)" '第200行 本文'
tap_ok "+G: the top is not shown" lacks "$(screen_capture)" '第8行 本文'
screen_keys q
screen_wait '^rc='

# +NUM: source line NUM at the top.
screen_kiroku +50 "$d/long.txt"
tap_is "+50 opens with line 50 on the top row" "$(text_top)" "第50行 本文"
screen_keys Space
screen_drawn
screen_keys q
screen_wait '^rc='

# +/PATTERN and -p: the first match on the top row; an explicit start wins over the saved
# position (the Space above was saved on quitting).
screen_kiroku "+/領土" "$d/long.txt"
tap_is "+/領土 opens at the first match" "$(text_top)" "第120行 領土問題について（１）"
screen_keys q
screen_wait '^rc='
screen_kiroku -p 領土 "$d/long.txt"
tap_is "-p 領土 opens at the first match" "$(text_top)" "第120行 領土問題について（１）"
screen_keys q
screen_wait '^rc='
screen_kiroku +5 "$d/long.txt"
screen_keys Space Space
screen_drawn
saved=$(text_top)
screen_keys q
screen_wait '^rc='
screen_kiroku "$d/long.txt"
tap_is "without a start command the saved position is restored" "$(text_top)" "$saved"
screen_keys q
screen_wait '^rc='
screen_kiroku +g "$d/long.txt"
tap_ok "+g opens at the top over a saved position" has "$(screen_capture)" '長い記録'
screen_keys q
screen_wait '^rc='

# Patterns: literal by default, a regular expression after Ctrl-R or with --regex.
screen_kiroku "$d/long.txt"
screen_keys /
screen_keys -l '領.問題'
screen_keys Enter
screen_wait 'Pattern not found'
tap_ok "a literal search does not read 領.問題 as a pattern" has "$(screen_capture)" 'Pattern not found'
screen_keys / C-r
screen_wait 'regex:on'
tap_ok "Ctrl-R at the prompt turns regular expressions on" has "$(screen_capture)" 'regex:on'
screen_keys -l '領.問題'
screen_keys Enter
screen_drawn
tap_is "the regular expression 領.問題 finds 領土問題" "$(text_top)" "第120行 領土問題について（１）"
screen_keys g /
screen_wait 'regex:on'
screen_keys C-r
screen_wait 'regex:off'
screen_keys -l '(1)'
screen_keys Enter
screen_drawn
tap_is "Ctrl-R again: a literal (1) finds the full-width （１）" "$(text_top)" "第120行 領土問題について（１）"
screen_keys q
screen_wait '^rc='
screen_kiroku --regex "$d/long.txt"
screen_keys /
screen_wait 'regex:on'
screen_keys -l '^第12.行 領'
screen_keys Enter
screen_drawn
tap_is "--regex: / takes a regular expression" "$(text_top)" "第120行 領土問題について（１）"
screen_keys q
screen_wait '^rc='

# :n and :p follow the files in the order named (the index still groups by region).
screen_kiroku "$d/c.txt" "$d/b.txt" "$d/a.txt" "$d/e.txt"
screen_keys Enter
screen_wait '記録03'
tap_ok "Enter opens the newest of アジア" has "$(screen_capture)" '記録03 の会談'
screen_keys : n
screen_wait '記録02'
tap_ok ":n opens the next file named (b.txt, of 北米)" has "$(screen_capture)" '記録02 の会談'
screen_keys : n
screen_wait '記録01'
tap_ok ":n then a.txt" has "$(screen_capture)" '記録01 の会談'
screen_keys : n : n
screen_wait 'no next'
tap_ok ":n past the last file says so" has "$(screen_capture)" 'no next file'
screen_keys : p : p
screen_wait '記録02'
tap_ok ":p goes back in the order named" has "$(screen_capture)" '記録02 の会談'
screen_keys q
screen_wait '^rc='

# The configuration in the pager: outline = off, a key bound by command name; the variable.
cfg=$tap_tmp/cfg
mkdir -p "$cfg/kiroku"
printf 'outline = off\nbind J section-next\nbind Z no-such-command\n' >"$cfg/kiroku/config"
screen_start 80 24 XDG_CONFIG_HOME="$cfg"
screen_kiroku "$d/long.txt"
tap_ok "outline = off: the record opens without the outline" lacks "$(screen_capture)" '│'
screen_keys J J
screen_drawn
tap_is "bind J section-next: J goes to the next section" "$(screen_row 1)" "2.後半"
screen_keys o
screen_drawn
tap_ok "o still shows the outline" has "$(screen_capture)" '│'
screen_keys q
screen_wait '^rc='
tap_ok "a bind to an unknown command is named with its line" \
	has "$(scr capture-pane -p -J)" "$cfg/kiroku/config:3: bind: unknown command 'no-such-command'"
screen_start 80 24
screen_kiroku --no-outline "$d/long.txt"
tap_ok "--no-outline: the record opens without the outline" lacks "$(screen_capture)" '│'
screen_keys q
screen_wait '^rc='
screen_kiroku "$d/long.txt"
tap_ok "without it, the outline is shown" has "$(screen_capture)" '│'
screen_keys q
screen_wait '^rc='
screen_start 80 24 KIROKU=--no-outline
screen_kiroku "$d/long.txt"
tap_ok "KIROKU=--no-outline: the record opens without the outline" lacks "$(screen_capture)" '│'
screen_keys q
screen_wait '^rc='

# An archive of records opens as a folder: its index, and a record in the reader.
(cd "$d" && python3 -c '
import zipfile
with zipfile.ZipFile("recs.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for n in ("a.txt", "c.txt", "b.txt"):
        z.write(n, "in/" + n)')
screen_kiroku "$d/recs.zip"
tap_ok "a zip of records opens as an index" matches "$(screen_row 1)" '^▶2016-01-01  記録03 の会談'
tap_ok "its tabs count its records" matches "$(screen_row 0)" '^ アジア 2 +北米 1 '
screen_keys Enter
screen_wait '本文03'
tap_ok "Enter opens a record of the zip in the reader" has "$(screen_capture)" '本文03。'
screen_keys q q
screen_wait '^rc='
tap_done
