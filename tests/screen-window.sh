#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-window.sh: a record too long to lay out whole is laid out as a window around the
# reading position (pager.c, layout.h); whatever the moves — counts of thousands of lines
# down and up, G, g, N%, sections, a search, a resize — the text pane shows exactly the
# lines --dump lays out for the same width, in order, from the right one.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

# A record of about 12,000 visual lines at 80 columns: paragraphs of different lengths
# (two to six lines), a 【第N部】 heading every 150 of them, one unique word near the end.
rec=$tap_tmp/long.txt
awk 'BEGIN {
	split("外務大臣は会談で地域情勢について意見交換を行い、協力の強化を確認した。|" \
	    "両国の首脳は経済関係の発展を歓迎し、投資と貿易の一層の拡大で一致した。|" \
	    "また、気候変動とエネルギー安全保障の分野での連携を進めることを述べた。|" \
	    "先方からは、人的交流の促進と文化分野での協力への期待が示された。", p, "|")
	print "欧州(NIS諸国を含む)"; print ""; print "長い記録の窓の試験(概要)"; print ""
	print "平成21年9月23日"; print ""
	for (i = 1; i <= 1500; i++) {
		if (i % 150 == 1) { printf "【第%d部】\n\n", (i - 1) / 150 + 1 }
		n = 2 + (i * 7) % 9
		s = sprintf("段落%d　", i)
		for (j = 0; j < n; j++) s = s p[(i + j) % 4 + 1]
		if (i == 1480) s = s "ここに目印の語、端末窓検査がある。"
		print s; print ""
	}
}' >"$rec"

# The text pane with the outline hidden is the whole width (80) but the 2 columns of the
# hanging margin; find its width from the first screen rather than assume it.
screen_start 80 24
screen_kiroku "$rec"
screen_keys o
screen_settle
rows=22		# 24 less the tab strip and the status line

# pane_text: the text rows, trailing spaces dropped.
pane_text() {
	screen_capture | sed -n "2,$((rows + 1))p" | sed 's/ *$//'
}

# dump_at COLS: the record laid out for COLS columns, trailing spaces dropped.
dump_at() {
	"$KIROKU" --dump --width="$1" "$rec" | sed 's/ *$//' >"$tap_tmp/dump.$1"
}

# dump_lines COLS FROM: rows lines of the dump from line FROM (from 0).
dump_lines() {
	sed -n "$(($2 + 1)),$(($2 + rows))p" "$tap_tmp/dump.$1"
}

# dump_find COLS: the line number (from 0) at which the pane's rows run in the dump, or -1.
dump_find() {
	pane_text >"$tap_tmp/pane"
	awk -v rows="$rows" 'NR == FNR { want[FNR] = $0; next }
	    { line[FNR] = $0 } END {
		for (i = 1; i + rows - 1 <= FNR; i++) {
			for (k = 1; k <= rows && line[i + k - 1] == want[k]; k++) ;
			if (k > rows) { print i - 1; exit }
		}
		print -1
	}' "$tap_tmp/pane" "$tap_tmp/dump.$1"
}

cols=$(screen_capture | sed -n 2p | wc -L)
for c in 80 79 78 77; do
	dump_at $c
	[ "$(dump_find $c)" = 0 ] && break
done
tap_ok "the first screen is the first lines of --dump at $c columns" test "$(dump_find $c)" = 0
total=$(wc -l <"$tap_tmp/dump.$c")
tap_ok "the record is longer than the window kept ($total lines)" test "$total" -gt 10000

# step NAME KEYS... : send the keys, wait until kiroku has drawn their result, and print
# where the pane's rows are in the dump.
step() {
	shift
	for k in "$@"; do
		screen_keys "$k"
	done
	screen_settle
	dump_find $c
}

tap_is "6000j shows lines 6000 on" "$(step - 6 0 0 0 j)" 6000
tap_is "then 3000k shows lines 3000 on" "$(step - 3 0 0 0 k)" 3000
tap_is "then 5 pages down" "$(step - Space Space Space Space Space)" $((3000 + 5 * rows))
tap_is "G shows the last screenful" "$(step - G)" $((total - rows))
tap_is "then 5000k" "$(step - 5 0 0 0 k)" $((total - rows - 5000))
tap_is "then 7000j stops at the end" "$(step - 7 0 0 0 j)" $((total - rows))
tap_is "g goes back to the first line" "$(step - g)" 0
tap_is "4321g goes to line 4321" "$(step - 4 3 2 1 g)" 4320
at=$(step - 5 0 '%')
tap_ok "50% shows a run of the dump's lines ($at) near the middle" \
	test "$at" -gt $((total / 3)) -a "$at" -lt $((total * 2 / 3))
at=$(step - 9 9 '%')
tap_ok "99% shows a run of the dump's lines near the end ($at)" test "$at" -gt $((total * 9 / 10))
step - g >/dev/null
at=$(step - 5 ']')
tap_ok "5] shows a run of the dump's lines ($at)" test "$at" -gt 0
tap_is "5] puts 【第5部】 on the top row" "$(screen_capture | sed -n 2p | sed 's/ *$//')" "【第5部】"
at=$(step - '[' '[')
tap_is "[ [ puts 【第3部】 on the top row" "$(screen_capture | sed -n 2p | sed 's/ *$//')" "【第3部】"
screen_keys / 端 末 窓 検 査 Enter
screen_settle
at=$(dump_find $c)
tap_ok "a search jumps near the end ($at)" test "$at" -gt $((total * 9 / 10))
has "$(screen_capture | sed -n 2p)" '端末窓検査' && ok=1 || ok=0
tap_ok "the match is on the top row" test "$ok" = 1
tap_is "a page up from there" "$(step - b)" $((at - rows))

# Far from the start, a resize lays the window out again at the new width.
step - 7 0 0 0 g >/dev/null
screen_resize 60 24
c60=0
for w in 60 59 58 57; do
	dump_at $w
	at=$(dump_find $w)
	[ "$at" != -1 ] && { c60=$w; break; }
done
tap_ok "at 60 columns the pane is a run of the dump's lines ($at at $c60 columns)" \
	test "$at" -gt 6000
tap_is "then 2000j" "$(c=$c60; step - 2 0 0 0 j)" $((at + 2000))

screen_keys q
screen_wait 'rc=0'
tap_ok "q leaves with status 0" has "$(screen_capture)" 'rc=0'

# A record of about 30 MB loads in the background (a thread, and another checking the
# bytes ahead): keys work meanwhile, G follows the end to the true one, q and SIGTERM end
# the program at once.
big=$tap_tmp/big.txt
i=0
while [ $i -lt 20 ]; do
	cat "$rec"
	i=$((i + 1))
done >"$big"
screen_start 80 24
screen_kiroku "$big"
screen_keys G
tap_ok "G at once reaches the true end (the last paragraph)" screen_wait '段落1500　'
tap_ok "and the load comes to its end (no 'reading')" screen_wait_gone 'reading'
screen_keys g
screen_wait '長い記録の窓の試験'
tap_ok "g goes back to the top" has "$(screen_capture)" '長い記録の窓の試験'
screen_keys q
tap_ok "q leaves with status 0" screen_wait '^rc=0'
# Standard input still open: the loader thread waits on it; SIGTERM ends all at once.
ctl=$tap_tmp/ctl
mkfifo "$ctl"
rm -f "$tap_tmp/pid"
screen_new_kiroku
screen_run "{ cat $(screen_quote "$big"); cat $(screen_quote "$ctl"); } | sh -c 'echo \$\$ >\"$tap_tmp/pid\"; exec \"\$0\"' $(screen_quote "$KIROKU"); echo rc=\$?"
screen_wait 'reading'
tap_ok "a 30 MB pipe still open shows and says reading" has "$(screen_row 23)" 'reading'
screen_keys G
screen_wait '段落1500　'
tap_ok "G follows the pipe to the end so far" has "$(screen_capture)" '段落1500　'
pid=$(cat "$tap_tmp/pid")
kill -TERM "$pid"
tap_ok "SIGTERM while the loader waits on the pipe ends it" screen_pid_gone "$pid"
echo done >"$ctl"	# the writer ends too (SIGPIPE)
tap_ok "and the shell prints its status" screen_wait '^rc=143'
tap_done
