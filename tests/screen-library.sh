#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-library.sh: the library in tmux, over records generated here across several regions
# (one filed by its country line, one with no known region, one unreadable): the tab counts,
# switching tabs, opening a record from the index and coming back to its row, :n and :p, the
# position restored by a second run (on a blank line too), a garbage state file, an
# unwritable state directory, --secure writing nothing, and a search from the index opening
# the right record at the match.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

lib=$tap_tmp/lib
mkdir -p "$lib"

# rec FILE FIRSTLINE N YEAR MONTH DAY [PARAGRAPHS]: a record whose first line is FIRSTLINE
# (none if -), whose title is 記録N, dated
# 平成YEAR年MONTH月DAY日, with two sections; its text holds the word 検索語N once, and
# PARAGRAPHS numbered paragraphs under 2.各論 (default 2).
rec() {
	{
		[ "$2" = - ] || printf '%s\n\n' "$2"
		printf '記録%s の会談\n平成%s年%s月%s日\n\n1.総論\n\n' "$3" "$4" "$5" "$6"
		printf '（１）今回の会談では検索語%s について話した。\n\n2.各論\n\n' "$3"
		i=1
		while [ "$i" -le "${7:-2}" ]; do
			printf '（%s）記録%s の第%s段落。両国は協力を確認した。\n\n' "$i" "$3" "$i"
			i=$((i + 1))
		done
	} >"$lib/$1"
}
rec a01.txt アジア 01 21 1 10
rec a02.txt アジア 02 22 3 5 120
rec a03.txt アジア 03 20 6 1
rec b01.txt 北米 04 21 2 2
rec b02.txt 北米 05 23 4 4
rec c01.txt 欧州\(NIS諸国を含む\) 06 19 5 5
rec c02.txt ロシア連邦 07 24 7 7
rec c03.txt 欧州\(NIS諸国を含む\) 08 18 8 8
rec d01.txt 中東 09 21 9 9
rec e01.txt - 10 21 10 10
printf 'bin\0ary\n' >"$lib/z-bad.txt"

st=$tap_tmp/state
# text_top: the text pane's first row.
text_top() {
	screen_text_row 1
}

# The first screen: the index of the region of the newest record (記録07, 欧州); T skips
# the empty 中南米 on the way back to アジア, whose index lists its records newest first.
screen_start 100 30 XDG_STATE_HOME="$st"
screen_kiroku "$lib"
scr=$(screen_capture)
tap_ok "the tab strip counts the records of each region" \
	matches "$(screen_row 0)" '^ アジア 3 +北米 2 +中南米 +欧州\(NIS諸国を含む\) 3 +大洋州 +中東 1 +アフリカ +その他 2 *$'
tap_ok "the first screen is the index of the newest record's region" \
	matches "$(screen_row 1)" '^▶2012-07-07  記録07 の会談 +ロシア連邦 *$'
screen_keys T
screen_wait '記録05'
tap_ok "T skips the empty tab 中南米" matches "$(screen_row 29)" '^ 北米  1/2'
screen_keys T
screen_wait '記録02'
tap_ok "the index lists the region's records newest first" \
	matches "$(screen_row 1)" '^▶2010-03-05  記録02 の会談 *$'
tap_ok "the second row is the next newest" matches "$(screen_row 2)" '^ 2009-01-10  記録01 の会談 *$'
tap_ok "the third row is the oldest" matches "$(screen_row 3)" '^ 2008-06-01  記録03 の会談 *$'
tap_ok "the status line names the region and the row" matches "$(screen_row 29)" '^ アジア  1/3 .*h:help *$'

# Switching tabs: t, T, → and ←; an empty region says so; その他 lists the unreadable file.
screen_keys t
screen_wait '記録05'
tap_ok "t shows the next tab's index" matches "$(screen_row 1)" '^▶2011-04-04  記録05 の会談'
tap_ok "t: the status line names 北米" matches "$(screen_row 29)" '^ 北米  1/2'
screen_keys T
screen_wait '記録02'
tap_ok "T goes back to アジア" matches "$(screen_row 29)" '^ アジア  1/3'
screen_keys Right Right
screen_wait 'No records in'
tap_ok "an empty region says so" matches "$(screen_row 1)" '^ No records in 中南米\.'
screen_keys Right
screen_wait '記録07'
tap_ok "→ moves on to the next tab" matches "$(screen_row 29)" '^ 欧州\(NIS諸国を含む\)  1/3'
tap_ok "a record filed by its country line shows the country" \
	matches "$(screen_row 1)" '^▶2012-07-07  記録07 の会談 +ロシア連邦 *$'
screen_keys Left
screen_wait 'No records in'
tap_ok "← goes back" matches "$(screen_row 1)" '^ No records in 中南米\.'
screen_keys T T T
screen_wait '^ その他'
tap_ok "T from the first tab wraps around to その他" matches "$(screen_row 29)" '^ その他  1/2'
tap_ok "その他 lists the record without a known region" has "$(screen_capture)" '記録10 の会談'
tap_ok "その他 lists the unreadable file with its error" \
	matches "$(screen_capture)" '^ unreadable  z-bad\.txt: binary file'

# Each tab keeps its own selection (t skips the empty 中南米).
screen_keys t t t
screen_wait '記録07'
screen_keys j
screen_wait '^▶2007-05-05'
screen_keys t T
screen_wait '記録07'
tap_ok "each tab keeps its own selection" matches "$(screen_row 2)" '^▶2007-05-05  記録06'

# Opening a record from the index and coming back to the same row with i.
screen_keys t t t
screen_wait '^ アジア  1/3'
screen_keys j Enter
screen_wait '│記録01 の会談'
tap_is "Enter opens the selected record" "$(text_top)" "記録01 の会談"
tap_ok "the reader's status line names the file" matches "$(screen_row 29)" '^ a01\.txt '
screen_keys i
screen_wait '^ アジア  2/3'
tap_ok "i goes back to the index with the same row selected" \
	matches "$(screen_row 2)" '^▶2009-01-10  記録01 の会談'

# :n and :p between the records of the region, newest first.
screen_keys Enter
screen_wait '│記録01 の会談'
screen_keys : n
screen_wait '│記録03 の会談'
tap_is ":n opens the next record of the region" "$(text_top)" "記録03 の会談"
screen_keys : n
screen_wait 'no next record'
tap_ok ":n on the last record says so" has "$(screen_row 29)" 'no next record in アジア'
screen_keys : p : p
screen_wait '│記録02 の会談'
tap_is ":p twice goes back two records" "$(text_top)" "記録02 の会談"
screen_keys i
screen_wait '^ アジア  1/3'
tap_ok "i after :p selects the record read" matches "$(screen_row 1)" '^▶2010-03-05  記録02'

# The reading position is saved on quitting and restored by the next run.
screen_keys Enter
screen_wait '│記録02 の会談'
screen_keys 4 0 j
screen_wait_gone '│記録02 の会談'
screen_settle
if [ -z "$(text_top)" ]; then
	screen_keys j
	screen_wait_gone '│$'
fi
before=$(text_top)
tap_ok "40j scrolled into the record's paragraphs" matches "$before" '段落'
screen_keys m b g
screen_wait '│記録02 の会談'
screen_keys "'" b
screen_wait_gone '│記録02 の会談'
screen_keys q
screen_wait '^rc='
tap_ok "q from the reader exits 1: a file could not be read" matches "$(screen_capture)" '^rc=1'
tap_ok "the unreadable file is named on standard error" \
	matches "$(screen_capture)" '^kiroku: .*/z-bad\.txt: binary file$'
tap_ok "the state file was written" test -s "$st/kiroku/state"
tap_ok "the state file names the record" grep -q "a02.txt" "$st/kiroku/state"
screen_start 100 30 XDG_STATE_HOME="$st"
screen_kiroku "$lib/a02.txt"
tap_is "a second run opens the record where it was left" "$(text_top)" "$before"
screen_keys g
screen_wait '│記録02 の会談'
screen_keys "'" b
screen_wait_gone '│記録02 の会談'
tap_is "its mark is restored too" "$(text_top)" "$before"
screen_keys q
screen_wait '^rc='
tap_ok "a lone record read whole exits 0" matches "$(screen_capture)" '^rc=0'
screen_start 100 30 XDG_STATE_HOME="$st"
screen_kiroku "$lib"
screen_keys T T
screen_wait '^ アジア  1/3'
screen_keys Enter
screen_wait '^ a02\.txt'
screen_settle
tap_is "opened from the index of a second run, it is where it was left" "$(text_top)" "$before"
screen_keys q
screen_wait '^rc='

# A position and a mark on a blank line come back on that blank line, not on the line
# below it, which has the same byte offset.
screen_start 100 30 XDG_STATE_HOME="$tap_tmp/blank"
screen_kiroku "$lib/a02.txt"
screen_keys 4 0 j
screen_wait_gone '│記録02 の会談'
screen_settle
i=0
while [ -n "$(text_top)" ] && [ "$i" -lt 3 ]; do
	screen_keys j
	screen_settle
	i=$((i + 1))
done
below=$(screen_text_row 2)
tap_ok "40j and at most 3 j put a blank line on top, a paragraph under it" \
	sh -c '[ -z "$1" ] && [ -n "$2" ]' - "$(text_top)" "$below"
screen_keys m c q
screen_wait '^rc='
screen_start 100 30 XDG_STATE_HOME="$tap_tmp/blank"
screen_kiroku "$lib/a02.txt"
tap_is "a position saved on a blank line comes back on it" \
	"$(text_top)|$(screen_text_row 2)" "|$below"
screen_keys g
screen_wait '│記録02 の会談'
screen_keys "'" c
screen_wait_gone '│記録02 の会談'
screen_settle
tap_is "a mark set on a blank line comes back on it" "$(text_top)|$(screen_text_row 2)" "|$below"
screen_keys q
screen_wait '^rc='

# SIGHUP saves the position of the record being read before the process dies.
screen_start 100 30 XDG_STATE_HOME="$tap_tmp/hup"
screen_kiroku "$lib/a02.txt"
screen_keys 2 0 j
screen_wait_gone '│記録02 の会談'
kill -HUP "$(cat "$tap_tmp/pid")"
screen_pid_gone "$(cat "$tap_tmp/pid")"
tap_ok "SIGHUP: the position was saved" grep -q "a02.txt" "$tap_tmp/hup/kiroku/state"

# A garbage state file: one message, and everything works.
printf 'kiroku-state 1\nthis is not a state line\n\001\002\003 garbage\n' >"$st/kiroku/state"
screen_start 100 30 XDG_STATE_HOME="$st"
screen_kiroku "$lib"
tap_ok "a garbage state file is said once in the status line" \
	matches "$(screen_row 29)" 'state: .*corrupt li'
screen_keys T T
screen_wait '^ アジア  1/3'
screen_keys j
screen_wait '^ アジア  2/3'
tap_ok "the message goes with the next key" lacks "$(screen_row 29)" 'corrupt'
screen_keys Enter
screen_wait '│記録01 の会談'
tap_is "a record still opens" "$(text_top)" "記録01 の会談"
screen_keys q
screen_wait '^rc='
tap_ok "q exits as before" matches "$(screen_capture)" '^rc=1'
tap_ok "the garbage state file was replaced by a good one" \
	sh -c "head -n 1 '$st/kiroku/state' | grep -qx 'kiroku-state 1' && ! grep -q garbage '$st/kiroku/state'"

# An unwritable state directory (a regular file where it should be): one message.
: >"$tap_tmp/notadir"
screen_start 100 30 XDG_STATE_HOME="$tap_tmp/notadir"
screen_kiroku "$lib"
tap_ok "an unwritable state directory says nothing at the start" lacks "$(screen_row 29)" 'state'
screen_keys T T
screen_wait '^ アジア  1/3'
screen_keys Enter
screen_wait '│記録02 の会談'
screen_keys i
screen_wait '^ アジア'
tap_ok "leaving a record says once that the state was not saved" \
	has "$(screen_row 29)" 'state not saved'
screen_keys Enter
screen_wait '│記録02 の会談'
screen_keys : n
screen_wait '│記録01 の会談'
screen_keys i
screen_wait '^ アジア  2/3'
tap_ok "it is not said again" lacks "$(screen_row 29)" 'state not saved'
screen_keys q
screen_wait '│記録01 の会談'
tap_ok "q on the index goes back to the record it was opened from" has "$(screen_row 29)" 'a01.txt'
screen_keys q
screen_wait '^rc='
tap_ok "q still exits as before" matches "$(screen_capture)" '^rc=1'
lacks_twice() {
	[ "$(screen_capture | grep -c 'state not saved')" -eq 0 ]
}
tap_ok "nothing more is said on quitting" lacks_twice
tap_ok "the regular file is left alone" test ! -s "$tap_tmp/notadir"

# A state directory whose name holds an escape sequence (a title change): the message
# on quitting shows it escaped, and the terminal's title is untouched.
hostile_state="$tap_tmp/$(printf 'st\033]2;PWNED\007')"
: >"$hostile_state"
screen_start 100 30 XDG_STATE_HOME="$hostile_state"
screen_kiroku "$lib/a01.txt"
screen_keys q
screen_wait '^rc='
tap_ok "a hostile XDG_STATE_HOME is shown escaped when the state is not saved" \
	sh -c 'printf "%s" "$1" | tr -d "\n" | grep -Fq "st^[]2;PWNED^G/kiroku: Not a directory"' sh "$(screen_capture)"
tap_ok "and the terminal's title is not changed" \
	lacks "$(scr display-message -p '#{pane_title}')" 'PWNED'

# --secure and KIROKU_SECURE=1 write nothing at all: the state directory stays absent.
screen_start 100 30 XDG_STATE_HOME="$tap_tmp/secure"
screen_kiroku --secure "$lib"
screen_keys Enter
screen_wait '│記録02 の会談'
screen_keys 1 0 j m a i
screen_wait '^ アジア'
screen_keys q q
screen_wait '^rc='
tap_ok "--secure: exits as before" matches "$(screen_capture)" '^rc=1'
tap_ok "--secure: no state directory was created" test ! -e "$tap_tmp/secure"
screen_start 100 30 XDG_STATE_HOME="$tap_tmp/secure" KIROKU_SECURE=1
screen_kiroku "$lib/a02.txt"
screen_keys 1 0 j q
screen_wait '^rc='
tap_ok "KIROKU_SECURE=1: no state directory was created" test ! -e "$tap_tmp/secure"

# A search from the index lists the records and sections holding the pattern; Enter opens
# the record at the match.
screen_start 100 30 XDG_STATE_HOME="$tap_tmp/search"
screen_kiroku "$lib"
screen_keys / 検索語０７
screen_wait '^/検索語０７'
screen_keys Enter
screen_wait 'match(es)? in'
scr=$(screen_capture)
tap_ok "the search lists the one record holding the pattern" \
	matches "$(screen_row 1)" '^▶2012-07-07  記録07 の会談 .*\(1\) *$'
tap_ok "and the outline entry that holds it" matches "$(screen_row 2)" '^ +（１） 今回の会談では検索語07 について話した。  \(1\) *$'
tap_ok "the status line counts the matches and records" has "$(screen_row 29)" '1 match in 1 record'
tap_ok "no other record is listed" lacks "$scr" '記録01'
screen_keys Enter
screen_wait '^ c02\.txt'
tap_ok "Enter opens the record at the match" matches "$(text_top)" '検索語07'
tap_ok "the match is the search's current one" has "$(screen_row 29)" 'match 1/1'
screen_keys i
screen_wait 'match in'
tap_ok "i goes back to the results" matches "$(screen_row 1)" '記録07'
screen_keys q
screen_wait '^ 欧州'
screen_keys / 第１段落 Enter
screen_wait 'matches in'
tap_ok "a pattern in every record lists them all" has "$(screen_row 29)" '10 matches in 10 records'
screen_keys G Enter
screen_wait '^ [a-z][0-9]*\.txt '
tap_ok "the last result opens its record" matches "$(text_top)" '第1段落'
screen_keys q
screen_wait '^rc='

tap_done
