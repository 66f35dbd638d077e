#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-safety.sh: nothing in a file reaches the terminal as a control sequence (OSC 52,
# OSC 0, CSI 2J, a raw C1 CSI, bidi overrides), in the text, the outline, the tabs and the
# status line; TERM=vt100 in monochrome; LANG=C falls back to UTF-8 and says so; an EUC-JP
# locale gets EUC-JP bytes.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

# A record full of escape sequences, also in a heading and in its file name.
esc="$tap_tmp/evil$(printf '\033]0;pwned\007')name.txt"
{
	printf 'タイトル\033]0;owned-title\007です\n\n'
	printf '平成21年9月23日\n\n'
	printf '1.総論\033]52;c;ZXZpbA==\007見出し\n\n'
	printf 'ab\033]52;c;ZXZpbA==\007cd \033[2Jclear-attempt\n'
	printf 'raw C1 csi \302\2332J here and bidi \342\200\256reversed\342\200\254 text\n'
	printf 'osc zero \033]0;title-attempt\033\\ end\n'
} >"$esc"

screen_start 100 30
screen_pipe "$tap_tmp/raw"
screen_kiroku "$esc"
screen_keys j G ']' Tab j Enter
screen_settle
screen_keys q
screen_wait 'rc=0'
screen_pipe_stop
raw=$tap_tmp/raw
tap_ok "the output was captured" test -s "$raw"
tap_ok "no OSC 52 (clipboard) reached the terminal" sh -c "! LC_ALL=C grep -q -F \"\$(printf '\\033]52')\" '$raw'"
tap_ok "no OSC 0 (window title) reached the terminal" sh -c "! LC_ALL=C grep -q -F \"\$(printf '\\033]0;')\" '$raw'"
tap_ok "the file's CSI 2J did not reach the terminal" sh -c "! LC_ALL=C grep -q -F \"\$(printf 'cd \\033[2J')\" '$raw'"
tap_ok "no C1 CSI (U+009B) reached the terminal" sh -c "! LC_ALL=C grep -q -F \"\$(printf '\\302\\233')\" '$raw'"
tap_ok "no bidi override (U+202E) reached the terminal" sh -c "! LC_ALL=C grep -q -F \"\$(printf '\\342\\200\\256')\" '$raw'"
tap_ok "the output is valid UTF-8 (no stray C1 byte)" sh -c "iconv -f UTF-8 -t UTF-8 '$raw' >/dev/null"
screen_start 100 30
screen_kiroku "$esc"
s=$(screen_capture)
tap_ok "ESC is shown as ^[ in the text" has "$s" 'ab^[]52;c;ZXZpbA==^Gcd ^[[2Jclear-attempt'
tap_ok "ESC is shown as ^[ in the outline" has "$(screen_outline_row 2)" '1.総論^[]52'
tap_ok "ESC is shown as ^[ in the status line's file name" has "$(screen_row 29)" 'evil^[]0;pwned^Gname'
tap_ok "U+202E is shown as U+FFFD" has "$s" "bidi �reversed� text"
screen_keys q
screen_wait 'rc=0'

# TERM=vt100 and NO_COLOR: line drawing from the terminal's own set, no colour sequences.
screen_start 80 24 TERM=vt100 NO_COLOR=1 NCURSES_NO_UTF8_ACS=
screen_pipe "$tap_tmp/vt100"
screen_kiroku "$sample"
first=$(screen_capture)
screen_keys ']' ']'
screen_wait '1\.総論 \(2/5\)'
s=$(screen_capture)
screen_keys q
screen_wait 'rc=0'
screen_pipe_stop
tap_ok "vt100: the first screen is drawn" has "$first" '国連総会の際の日露首脳会談(概要)'
tap_ok "vt100: the separator is a line from the terminal's set (ESC ( 0 x) or U+2502" \
	sh -c "LC_ALL=C grep -q -F \"\$(printf '\\033(0')\" '$tap_tmp/vt100' || printf '%s\\n' \"\$1\" | grep -q '^ 目次 *│'" sh "$first"
tap_ok "vt100: the current section is marked without colour" matches "$s" '^▶1\.総論'
tap_ok "vt100: no colour sequences are sent" sh -c "! LC_ALL=C grep -q -E \"\$(printf '\\033')\\[[0-9;]*3[0-7]m\" '$tap_tmp/vt100'"
tap_ok "vt100: reverse video marks the current tab" sh -c "LC_ALL=C grep -q -E \"\$(printf '\\033')\\[[0-9;]*7m\" '$tap_tmp/vt100'"

for t in screen tmux-256color linux; do
	if ! infocmp "$t" >/dev/null 2>&1; then
		tap_skip "TERM=$t draws the first screen" "no terminfo entry"
		continue
	fi
	screen_start 80 24 TERM=$t
	screen_kiroku "$sample"
	tap_ok "TERM=$t draws the first screen" has "$(screen_capture)" '国連総会の際の日露首脳会談(概要)'
	screen_keys q
	screen_wait 'rc=0'
done

# LANG=C: the text is still shown, as UTF-8, and the status line says how to fix it.
screen_start 100 30 LANG=C
screen_kiroku "$sample"
s=$(screen_capture)
tap_ok "LANG=C: the Japanese text is shown" has "$s" '国連総会の際の日露首脳会談(概要)'
tap_ok "LANG=C: the status line says how to set the locale" has "$(screen_row 29)" 'set LANG=ja_JP.UTF-8'
screen_keys j
screen_settle
tap_ok "LANG=C: the notice is said once, then the status line is normal" has "$(screen_row 29)" '2009-09-23'
screen_keys q
screen_wait 'rc=0'

# An EUC-JP locale: the bytes written are EUC-JP.
if loc=$(screen_locale ja_JP.EUC-JP ja_JP EUC-JP); then
	screen_start 100 30 $loc
	screen_pipe "$tap_tmp/euc"
	screen_kiroku "$sample"
	screen_keys ']' ']'
	screen_settle
	screen_keys q
	screen_wait 'rc=0'
	screen_pipe_stop
	tap_ok "EUC-JP: 総論 is written in EUC-JP" \
		sh -c "LC_ALL=C grep -q -F \"\$(printf '\\301\\355\\317\\300')\" '$tap_tmp/euc'"
	tap_ok "EUC-JP: the title is written in EUC-JP" \
		sh -c "LC_ALL=C grep -q -F \"\$(printf '国連総会' | iconv -f UTF-8 -t EUC-JP)\" '$tap_tmp/euc'"
	tap_ok "EUC-JP: no UTF-8 Japanese is written" \
		sh -c "! LC_ALL=C grep -q -F '総論' '$tap_tmp/euc'"
	tap_ok "EUC-JP: the output decodes as EUC-JP" sh -c "iconv -f EUC-JP -t UTF-8 '$tap_tmp/euc' >/dev/null"
else
	for n in 1 2 3 4; do tap_skip "EUC-JP output check $n" "no ja_JP.EUC-JP locale and no localedef"; done
fi
tap_done
