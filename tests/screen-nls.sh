#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-nls.sh: the pager in Japanese and in English, as a person sees it in tmux: with
# LANG=ja_JP.UTF-8 the status line, the messages, the prompt and the help screen are
# Japanese, with LANG=C.UTF-8 English; at 40 columns a long message is said whole or in its
# short form, never cut (no "Pat…"); LANG=POSIX is an ASCII locale, not a missing one.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

# nls_kiroku STATUS ARGS...: start kiroku in the pane and wait until its status line ends
# with STATUS (an extended regular expression) and it has drawn.
nls_kiroku() {
	_ns=$1; shift
	rm -f "$tap_tmp/pid"
	screen_new_kiroku
	screen_run "sh -c 'echo \$\$ >\"$tap_tmp/pid\"; exec \"\$0\" \"\$@\"' $(screen_quote "$KIROKU") $(screen_quote_all "$@"); echo rc=\$?"
	screen_wait "$_ns" && screen_drawn
}

# status: the last row of the pane.
status() {
	screen_row $(($(scr display-message -p '#{pane_height}') - 1))
}

# search PATTERN: search for PATTERN from the text and wait until it is drawn.
search() {
	screen_keys /
	screen_keys -l "$1"
	screen_keys Enter
	screen_drawn
}

if [ "${USE_NLS:-yes}" != yes ]; then
	echo "1..0 # SKIP built with --disable-nls"
	exit 0
fi
if ! ja=$(screen_locale ja_JP.UTF-8 ja_JP UTF-8); then
	echo "1..0 # SKIP no ja_JP.UTF-8 locale and no localedef"
	exit 0
fi

# -- Japanese, 100 columns
screen_start 100 30 $ja KIROKU_LOCALEDIR="$KIROKU_LOCALEDIR"
nls_kiroku 'h:ヘルプ *$' "$sample"
tap_ok "ja: the status line ends with h:ヘルプ" matches "$(status)" '100%|[0-9]+%  h:ヘルプ *$'
search 存在しない語句
tap_ok "ja: a pattern not found says パターンが見つかりません" has "$(status)" "パターンが見つかりません"
search 領土
tap_ok "ja: the match is counted as 一致" has "$(status)" "一致 1/9"
for i in 1 2 3 4 5 6 7 8; do screen_keys n; done
screen_drawn
tap_ok "ja: n to the last match" has "$(status)" "一致 9/9"
screen_keys n
screen_drawn
tap_ok "ja: past the last match: 検索が末尾に達したので先頭から続けます" \
	has "$(status)" "検索が末尾に達したので先頭から続けます"
screen_keys /
screen_drawn
tap_ok "ja: the prompt keeps its かな=カナ switch" matches "$(status)" '^/ .*かな=カナ:off *$'
screen_keys Escape
screen_drawn
screen_keys h
screen_drawn
tap_ok "ja: the help screen says kiroku ヘルプ" has "$(status)" "kiroku ヘルプ"
tap_ok "ja: the help screen's text is Japanese" sh -c \
	'printf "%s\n" "$1" | grep -q "記録を一つずつ表示します" && printf "%s\n" "$1" | grep -q "記録の中の移動"' \
	sh "$(screen_capture)"
tap_ok "ja: the help lists a command in Japanese" has "$(screen_capture)" "一行下へ"
tap_ok "ja: the help leaves by q:戻る" has "$(status)" "q:戻る"
screen_keys q
screen_drawn
screen_keys i
screen_drawn
tap_ok "ja: the index says h:ヘルプ" has "$(status)" "h:ヘルプ"
screen_keys q q
screen_wait '^rc=0'
tap_ok "ja: kiroku quits with q" screen_wait '^rc=0'

# -- Japanese, 40 columns: long messages whole or short, never cut
screen_start 40 12 $ja KIROKU_LOCALEDIR="$KIROKU_LOCALEDIR"
nls_kiroku 'h:ヘルプ *$' "$sample"
search 存在しない語句
tap_ok "ja, 40 columns: パターンが見つかりません whole" has "$(status)" "パターンが見つかりません"
tap_ok "ja, 40 columns: no message cut with …" lacks "$(status)" "…"
search 領土
for i in 1 2 3 4 5 6 7 8 9; do screen_keys n; done
screen_drawn
tap_ok "ja, 40 columns: the wrap said whole or short (先頭から続けます)" has "$(status)" "先頭から続けます"
tap_ok "ja, 40 columns: the wrap message is not cut" lacks "$(status)" "…"
screen_keys q
screen_wait '^rc=0'

# -- English, 40 columns
screen_start 40 12
nls_kiroku 'h:help *$' "$sample"
tap_ok "C.UTF-8: the status line is English" matches "$(status)" 'h:help *$'
search nosuchwordhere
tap_ok "C.UTF-8, 40 columns: Pattern not found whole" has "$(status)" "Pattern not found"
tap_ok "C.UTF-8, 40 columns: not cut as Pat…" lacks "$(status)" "Pat…"
search 領土
for i in 1 2 3 4 5 6 7 8 9; do screen_keys n; done
screen_drawn
tap_ok "C.UTF-8, 40 columns: the wrap said whole or short (continuing at TOP)" \
	has "$(status)" "continuing at TOP"
tap_ok "C.UTF-8, 40 columns: the wrap message is not cut" lacks "$(status)" "…"
screen_keys h
screen_drawn
tap_ok "C.UTF-8: the help screen is English" has "$(screen_capture)" "kiroku help"
screen_keys q q
screen_wait '^rc=0'

# -- LANG=POSIX: an ASCII locale, shown as UTF-8, not "missing"
screen_start 100 30 LANG=POSIX
nls_kiroku 'h:help *$' "$sample"
tap_ok "LANG=POSIX: the notice says the locale is not UTF-8" \
	has "$(status)" "locale POSIX is not UTF-8: showing UTF-8; set LANG=ja_JP.UTF-8"
tap_ok "LANG=POSIX: not reported as missing" lacks "$(status)" "missing"
tap_ok "LANG=POSIX: the text is shown as UTF-8" has "$(screen_capture)" "国連総会"
screen_keys q
screen_wait '^rc=0'
screen_start 40 12 LANG=POSIX
nls_kiroku 'h:help *$' "$sample"
tap_ok "LANG=POSIX, 40 columns: the advice whole or short" has "$(status)" "set LANG=ja_JP.UTF-8"
tap_ok "LANG=POSIX, 40 columns: the advice is not cut" lacks "$(status)" "…"
screen_keys q
screen_wait '^rc=0'

# -- a locale that is not installed: missing, and the advice fits 40 columns
screen_start 100 30 LANG=xx_YY.UTF-8
nls_kiroku 'h:help *$' "$sample"
tap_ok "a missing locale is said to be missing" \
	has "$(status)" "locale xx_YY.UTF-8 is missing: showing UTF-8; install it or set LANG=C.UTF-8"
screen_keys q
screen_wait '^rc=0'
screen_start 40 12 LANG=xx_YY.UTF-8
nls_kiroku 'h:help *$' "$sample"
tap_ok "a missing locale, 40 columns: the advice whole or short" has "$(status)" "LANG=C.UTF-8"
tap_ok "a missing locale, 40 columns: not cut as install it o…" lacks "$(status)" "…"
screen_keys q
screen_wait '^rc=0'
tap_done
