#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-stream.sh: standard input is shown as it comes.  A record piped in whose writer
# has not finished shows its first screen at once, says it is still reading, follows the
# text as more arrives, and takes the end when the writer closes the pipe.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

ctl=$tap_tmp/ctl
mkfifo "$ctl"
screen_start 80 24
# The sample, then whatever is written to the FIFO later (cat waits for a writer).
screen_new_kiroku
screen_run "{ cat $(screen_quote "$sample"); cat $(screen_quote "$ctl"); } | sh -c 'echo \$\$ >\"$tap_tmp/pid\"; exec \"\$0\"' $(screen_quote "$KIROKU"); echo rc=\$?"
tap_ok "the first screen shows while the writer is still open" \
	screen_wait '国連総会の際の日露首脳会談'
tap_ok "the status line says it is still reading" screen_wait 'reading'
screen_keys G
screen_settle
tap_ok "G goes to the end of what came so far" has "$(screen_capture)" '論を深めていくことで一致。'
tap_ok "and the status line says the rest is still to come" has "$(screen_row 23)" 'reading'
# Text arrives: a new paragraph, then the writer closes the pipe.
{
	printf '\n（５）追加の段落\n\n'
	printf '流れてきた後の段落がここに表示される。\n'
} >"$ctl"
tap_ok "after G the view follows the end: the text that came later shows without a key" \
	screen_wait '流れてきた後の段落がここに表示される'
tap_ok "the status line no longer says reading once the writer closed the pipe" \
	screen_wait_gone 'reading'
screen_settle
tap_ok "the outline lists the section that came later" has "$(screen_capture)" '追加の段落'
screen_keys q
tap_ok "q quits with status 0" screen_wait '^rc=0'
# An endless pipe: read only so far ahead of the reader (32 MiB), then paused, which the
# status line says; memory stays small, and moving on reads more.
screen_start 80 24
screen_run "yes あいうえお | sh -c 'echo \$\$ >\"$tap_tmp/pid\"; exec \"\$0\"' $(screen_quote "$KIROKU"); echo rc=\$?"
tap_ok "yes | kiroku: reading pauses ahead of the reader" screen_wait 'reading paused'
pid=$(cat "$tap_tmp/pid")
hwm=$(awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
tap_ok "memory stays under 300 MB at the top (${hwm} MB)" test "$hwm" -lt 300
rchar=$(awk '/^rchar/ { print int($2 / 1048576) }' "/proc/$pid/io")
tap_ok "no more than the read-ahead was read (${rchar} MiB)" test "$rchar" -lt 48
screen_keys 3 0 0 0 0 0 0 j
screen_wait_gone 'reading paused'
tap_ok "moving on reads more, and pauses again" screen_wait 'reading paused'
rchar2=$(awk '/^rchar/ { print int($2 / 1048576) }' "/proc/$pid/io")
tap_ok "more was read ($rchar2 MiB)" test "$rchar2" -gt "$rchar"
screen_keys q
tap_ok "q quits" screen_wait '^rc='
tap_done
