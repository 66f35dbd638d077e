#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-changed.sh: a record whose file changes on disk while it is read.  A mapped file
# truncated under the pager raises SIGBUS when the lost pages are touched: the pager must
# live on, show the lost part as ^@, say the file changed, and R must read it again.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

# A 4 MB record: the sample, then numbered filler lines; cut back to the sample later.
big=$tap_tmp/big.txt
keep=$(wc -c <"$sample")
{
	cat "$sample"
	awk 'BEGIN { for (i = 1; i <= 60000; i++) printf "第%d行 これは試験のための本文です。\n", i }'
} >"$big"

screen_start 80 24
screen_kiroku "$big"
pid=$(cat "$tap_tmp/pid")
tap_ok "the 4 MB record opens" has "$(screen_capture)" '国連総会の際の日露首脳会談'
truncate -s "$keep" "$big"
screen_keys G
tap_ok "after the file is cut to the sample, G still draws a screen" screen_wait 'h:help *$'
screen_settle
scr1=$(screen_capture)
tap_ok "kiroku is still running" kill -0 "$pid"
tap_ok "the lost part of the file shows as ^@" has "$scr1" '^@^@^@'
tap_ok "the status line says the file changed and offers R" \
	matches "$(screen_row 23)" 'big\.txt +changed on disk: R to reload'
screen_keys j
screen_settle
tap_ok "the message stays after another key" has "$(screen_row 23)" 'changed on disk: R to reload'

screen_keys R
tap_ok "R reloads the record" screen_wait 'reloaded \(5893 bytes\)'
scr2=$(screen_capture)
tap_ok "after R the last line of the shorter text is shown" has "$scr2" '不拡散は世界の'
tap_ok "after R no ^@ is left" lacks "$scr2" '^@'
tap_ok "after R no filler line is left" lacks "$scr2" '第1行'
screen_keys g
screen_wait '国連総会の際の日露首脳会談'
tap_ok "g goes to the top of the reloaded text" has "$(screen_capture)" '国連総会の際の日露首脳会談'
tap_ok "the change message is gone after the reload" lacks "$(screen_row 23)" 'changed on disk'

# A change that touches no lost page (the file grows) is seen from its size and time.
echo '追記された行' >>"$big"
screen_keys j
tap_ok "a file that grows is said to have changed" screen_wait 'changed on disk: R to reload'
screen_keys R G
screen_wait '追記された行'
tap_ok "R then G shows the appended line" has "$(screen_capture)" '追記された行'

# A new title: after R the index lists the record under it.
sed -i 's/国連総会の際の日露首脳会談/改題された首脳会談の記録/' "$big"
screen_keys j
tap_ok "a file replaced by another is said to have changed" screen_wait 'changed on disk: R to reload'
screen_keys R
screen_wait 'reloaded'
screen_keys i
tap_ok "after R the index shows the record's new title" screen_wait '改題された首脳会談の記録'
tap_ok "and not the old one" lacks "$(screen_capture)" '国連総会の際の日露首脳会談'
screen_keys Enter
screen_wait 'h:help *$'

screen_keys q
tap_ok "q quits with status 0" screen_wait '^rc=0'
tap_done
