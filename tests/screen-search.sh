#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-search.sh: search in the text pane as a person sees it in tmux: /領土 and n through
# every match of the sample and around, N back, the highlight in reverse video, match k/N,
# the outline counts, a pattern not found, Esc and Ctrl-C at the prompt, the history,
# ＡＰＥＣ found as APEC and apec, the kana toggle, ? upwards, a match across a line break.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

esc=$(printf '\033')

# screen_status: the status line of a 100x30 pane.
screen_status() {
	screen_row 29
}

# screen_rows_e: the pane with attributes (capture -e), each row captured on its own so
# that it starts with its own attributes rather than those left by the row above.
screen_rows_e() {
	r=0
	while [ "$r" -lt "$(scr display-message -p '#{pane_height}')" ]; do
		scr capture-pane -p -e -S "$r" -E "$r"
		r=$((r + 1))
	done
}

# screen_rev_rows: the rows below the tab strip drawn with reverse video somewhere.
screen_rev_rows() {
	screen_rows_e | sed 1d | grep -c "$esc\[[0-9;]*7m"
}

# rev_before TEXT: a reverse-video attribute turns on right before TEXT in the pane.
rev_before() {
	screen_rows_e | grep -q "$esc\[\([0-9]*;\)*7m\($esc\[[0-9;]*m\)*$1"
}

# rev_exact TEXT: reverse video turns on right before TEXT and changes right after it.
rev_exact() {
	screen_rows_e | grep -q "$esc\[\([0-9]*;\)*7m\($esc\[[0-9;]*m\)*$1$esc\["
}

want=$(grep -o 領土 "$sample" | wc -l)
tap_is "the sample has nine 領土 in its text" "$want" 9

screen_start 100 30
screen_kiroku "$sample"
title=$(screen_text_row 1)

# Incremental: typing moves the view; Esc puts it back.
screen_keys /
screen_wait '^/ '
tap_ok "/ opens the prompt on the status line" matches "$(screen_status)" '^/ .*かな=カナ:off *$'
screen_keys -l 領土
screen_wait '^/領土 +1/9 '
tap_ok "typing the pattern moves the view to the first match" has "$(screen_text_row 1)" 領土
tap_ok "the prompt shows the match and the total while typing" \
	matches "$(screen_status)" '^/領土 +1/9 '
screen_keys Escape
screen_wait 'h:help *$'
tap_is "Esc cancels the prompt and returns the view" "$(screen_text_row 1)" "$title"
tap_ok "after Esc the status line is back" lacks "$(screen_status)" 'match'

# Backspace back to nothing returns the view too.
screen_keys /
screen_keys -l 領
screen_wait '^/領 '
screen_keys BSpace
screen_wait '^/ '
screen_settle
tap_is "erasing the pattern returns the view" "$(screen_text_row 1)" "$title"
screen_keys BSpace
screen_wait 'h:help *$'
tap_ok "Backspace on an empty pattern closes the prompt" matches "$(screen_status)" 'h:help *$'

# /領土 Enter, then n through every match and around.
screen_keys /
screen_keys -l 領土
screen_keys Enter
screen_wait 'match 1/9'
tap_ok "Enter: the status line shows match 1/9" has "$(screen_status)" 'match 1/9  '
tap_ok "the first match is on the top row" has "$(screen_text_row 1)" 領土
tap_ok "the current match is in reverse video, exactly" rev_exact 領土
tap_ok "the outline counts the matches of 【ポイント】" matches "$(screen_capture)" '^[ ▶]【ポイント】 +\(4\)│'
tap_ok "the outline counts the match of 3.領土問題" matches "$(screen_capture)" '^[ ▶]3\.領土問題 +\(1\)│'
tap_ok "entries without matches have no count" matches "$(screen_capture)" '^[ ▶]1\.総論 +│'
tops=$(screen_text_row 1)
k=2
moved=0
ontop=0
while [ "$k" -le 9 ]; do
	screen_keys n
	screen_wait "match $k/9" || break
	screen_settle
	top=$(screen_text_row 1)
	[ "$top" != "$tops" ] && moved=$((moved + 1))
	has "$top" 領土 && ontop=$((ontop + 1))
	tops=$top
	k=$((k + 1))
done
tap_is "n steps through all nine matches" "$k" 10
tap_ok "n moves the view (at least six of eight steps; two matches share a line)" \
	test "$moved" -ge 6
tap_is "after each n the current match is on the top row" "$ontop" 8
screen_keys n
screen_wait 'match 1/9'
tap_ok "n after the last match wraps to the first" has "$(screen_status)" 'match 1/9'
tap_ok "and says so" has "$(screen_status)" 'search hit BOTTOM, continuing at TOP'
screen_keys N
screen_wait 'match 9/9'
tap_ok "N from the first match wraps to the last" has "$(screen_status)" 'match 9/9'
tap_ok "and says so" has "$(screen_status)" 'search hit TOP, continuing at BOTTOM'
screen_keys N
screen_wait 'match 8/9'
tap_ok "N goes back one match" has "$(screen_status)" 'match 8/9'
screen_keys 3 N
screen_wait 'match 5/9'
tap_ok "a count before N goes back that many" has "$(screen_status)" 'match 5/9'

# Esc in the text hides the highlight; n shows it again.
screen_keys Escape
screen_wait_gone 'match 5/9'
tap_is "Esc hides the highlight" "$(screen_rev_rows)" 0
screen_keys n
screen_wait 'match 6/9'
tap_ok "n after Esc goes on from the current match" has "$(screen_status)" 'match 6/9'

# A pattern that does not exist: a message, and the view stays.
before=$(screen_text_row 1)
screen_keys /
screen_keys -l 存在しない語
screen_wait 'Pattern not found'
tap_ok "the prompt says when the pattern is not found" matches "$(screen_status)" '^/存在しない語 +Pattern not found'
screen_keys Enter
screen_wait '^ 000_.*Pattern not found'
tap_ok "Enter on a missing pattern: Pattern not found" has "$(screen_status)" 'Pattern not found'
tap_is "the view did not move" "$(screen_text_row 1)" "$before"
tap_ok "no match count is shown" lacks "$(screen_status)" 'match'

# The history: ↑ brings back the patterns accepted.
screen_keys / Up
screen_wait '^/存在しない語'
tap_ok "↑ at the prompt shows the last pattern" matches "$(screen_status)" '^/存在しない語'
screen_keys Up
screen_wait '^/領土'
tap_ok "↑ again shows the one before" matches "$(screen_status)" '^/領土'
screen_keys Down Down
screen_wait '^/ '
tap_ok "↓ past the newest gives back what was typed" matches "$(screen_status)" '^/ +'
screen_keys Up Up Enter
screen_wait 'match [0-9]/9'
tap_ok "Enter on a pattern from the history searches it" matches "$(screen_status)" 'match [0-9]/9'

# Ctrl-C at the prompt closes it; kiroku goes on.
pid=$(cat "$tap_tmp/pid")
screen_keys g /
screen_keys -l 領土
screen_wait '^/領土'
screen_keys C-c
screen_wait 'h:help *$'
tap_ok "Ctrl-C at the prompt closes it" matches "$(screen_status)" 'h:help *$'
tap_ok "Ctrl-C at the prompt does not end kiroku" kill -0 "$pid"
tap_is "Ctrl-C at the prompt returns the view" "$(screen_text_row 1)" "$title"

# ? searches upwards from the top row, as in less: from the last match on top, the one
# before; n goes on upwards, N down.
screen_keys N
screen_wait 'match 9/9'
screen_keys ?
screen_keys -l 領土
screen_wait '^\?領土'
screen_keys Enter
screen_wait 'match 8/9'
tap_ok "? from the last match finds the one before" has "$(screen_status)" 'match 8/9'
tap_ok "that match is on the top row" has "$(screen_text_row 1)" 領土
screen_keys n
screen_wait 'match 7/9'
tap_ok "after ?, n goes up" has "$(screen_status)" 'match 7/9'
screen_keys N
screen_wait 'match 8/9'
tap_ok "after ?, N goes down" has "$(screen_status)" 'match 8/9'
screen_keys q
screen_wait '^rc=0$'

# ＡＰＥＣ in full width is found by APEC and apec; the kana toggle.
rec=$tap_tmp/apec.txt
printf '%s\n' 'アジア太平洋の会議' '' '1.概要' '' 'ＡＰＥＣ首脳会議について。' '' \
	'2.その他' '' 'カタカナのテストです。' 'ひらがなのてすとです。' >"$rec"
screen_start 100 30
screen_kiroku "$rec"
screen_keys /
screen_keys -l APEC
screen_keys Enter
screen_wait 'match 1/1'
tap_ok "APEC finds ＡＰＥＣ" has "$(screen_status)" 'match 1/1'
tap_ok "the highlight covers ＡＰＥＣ" rev_exact 'ＡＰＥＣ'
screen_keys /
screen_keys -l apec
screen_keys Enter
screen_wait 'match 1/1'
tap_ok "apec finds ＡＰＥＣ" has "$(screen_status)" 'match 1/1'
tap_ok "the highlight covers ＡＰＥＣ again" rev_exact 'ＡＰＥＣ'
screen_keys /
screen_keys -l てすと
screen_keys Enter
screen_wait 'match 1/1'
tap_ok "without kana folding てすと finds only itself" has "$(screen_status)" 'match 1/1'
screen_keys / C-k
screen_wait 'かな=カナ:on'
tap_ok "Ctrl-K at the prompt turns kana folding on" has "$(screen_status)" 'かな=カナ:on'
screen_keys -l てすと
screen_keys Enter
screen_wait 'match [12]/2'
tap_ok "with kana folding てすと finds テスト too" matches "$(screen_status)" 'match [12]/2'
tap_ok "the outline counts both under 2.その他" matches "$(screen_capture)" '^[ ▶]2\.その他 +\(2\)│'
screen_keys q
screen_wait '^rc=0$'

# A match across a line break of the layout: both rows show their part reversed.
rec=$tap_tmp/wrap.txt
printf '%s\n' 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも' >"$rec"
screen_start 30 10
screen_kiroku "$rec"
row1=$(screen_row 1)
row2=$(screen_row 2)
last=$(printf '%s' "$row1" | sed 's/ *$//' | sed 's/.*\(..\)$/\1/')
first=$(printf '%s' "$row2" | sed 's/^\(..\).*/\1/')
screen_keys /
screen_keys -l "$last$first"
screen_keys Enter
screen_wait 'match 1/1'
tap_ok "a pattern across the line break is found" has "$(screen_row 9)" 'match 1/1'
tap_ok "its part at the end of the first row is reversed" rev_before "$last"
tap_ok "its part at the start of the next row is reversed" rev_before "$first"
tap_is "two rows show the highlight" "$(screen_rev_rows)" 2
screen_keys q
screen_wait '^rc=0$'
# A pattern of 10,000 characters is searched whole (it was cut at 1,024 bytes, and then
# found in a line of 2,000 x): nothing is found, nothing is highlighted.
xs=$tap_tmp/xs.txt
awk 'BEGIN { s = sprintf("%2000s", ""); gsub(/ /, "x", s); print "title"; print ""; print s }' >"$xs"
screen_start 100 30
screen_kiroku "$xs"
screen_keys /
screen_keys -l "$(printf '%10000s' "" | tr ' ' x)"
screen_keys Enter
screen_wait 'Pattern not found'
tap_ok "a 10,000-character pattern finds nothing false" has "$(screen_status)" 'Pattern not found'
tap_is "and nothing is highlighted" "$(screen_rev_rows)" 0
screen_keys q
screen_wait '^rc=0$'

# More matches than are kept at once (300,000: a window of them is kept, the rest counted):
# each number below names the match on its line, so k of "match k/N" must be the number on
# the top row wherever n lands: at the top, half way, at the end and wrapping around.
many=$tap_tmp/many.txt
awk 'BEGIN { for (i = 1; i <= 300000; i++) printf "%06d a\n", i }' >"$many"
screen_start 100 30
screen_kiroku "$many"
screen_keys / a Enter
screen_wait 'match 1/300000'
tap_ok "300,000 matches are all counted" has "$(screen_status)" 'match 1/300000'
# top_is_match: the number on the top text row is the k of "match k/N".
top_is_match() {
	k=$(screen_status | sed -n 's|.*match \([0-9]*\)/300000.*|\1|p')
	[ -n "$k" ] && [ "$(screen_row 1 | sed 's/^ *0*\([0-9]*\) a.*/\1/')" = "$k" ]
}
tap_ok "the first match is on the top row" top_is_match
screen_keys 7 5 %
screen_wait_gone 'match 1/300000'
screen_keys n
screen_wait 'match 2[0-9]*/300000'
tap_ok "n three quarters down finds the match there (past the window kept first)" top_is_match
k0=$(screen_status | sed -n 's|.*match \([0-9]*\)/300000.*|\1|p')
screen_keys N
screen_wait "match $((k0 - 1))/300000"
tap_ok "N steps back one match" top_is_match
screen_keys G
screen_settle
screen_keys n
screen_wait 'search hit BOTTOM'
screen_wait 'match 1/300000'
tap_ok "n at the end wraps to the first match" top_is_match
screen_keys N
screen_wait 'match 300000/300000'
tap_ok "N from the first wraps to the last" top_is_match
screen_keys q
screen_wait '^rc=0$'

# 12 million matches (100 a to a line): memory stays bounded (every match kept was 16
# bytes: 190 MB), and the count is exact.
aaa=$tap_tmp/aaa.txt
awk 'BEGIN { s = sprintf("%100s", ""); gsub(/ /, "a", s); for (i = 0; i < 120000; i++) print s }' >"$aaa"
screen_start 100 30
screen_kiroku "$aaa"
screen_keys / a Enter
screen_wait 'match 1/12000000'
tap_ok "12 million matches are counted" has "$(screen_status)" 'match 1/12000000'
hwm=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$(cat "$tap_tmp/pid")/status")
tap_ok "and memory stays under 100 MB (${hwm} MB)" test "$hwm" -lt 100
screen_keys q
screen_wait '^rc=0$'

tap_done
