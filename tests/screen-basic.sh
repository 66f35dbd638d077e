#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-basic.sh: the pager as a person sees it in tmux: the first screen of the sample at
# 100x30 and 60x20, sections with ] and [, the outline focus, o, counts, marks, help, and q
# leaving the terminal as it was.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

# The first screen at 100x30.
screen_start 100 30
screen_run 'echo before-kiroku'
screen_wait '^before-kiroku$'	# its output, before the next line is typed
screen_kiroku "$sample"
scr1=$(screen_capture)
tap_ok "100x30: the tab strip shows the seven regions in world-map order" \
	matches "$(screen_row 0)" '^ アジア +北米 +中南米 +欧州\(NIS諸国を含む\) 1 +大洋州 +中東 +アフリカ *$'
tap_ok "100x30: no その他 tab when every record has a region" lacks "$(screen_row 0)" 'その他'
tap_is "100x30: the title is on the first text row" "$(screen_text_row 1)" "国連総会の際の日露首脳会談(概要)"
tap_ok "100x30: the date follows the title" has "$scr1" '│平成21年9月23日'
tap_ok "100x30: the outline has its header" matches "$scr1" '^ 目次 +│'
tap_ok "100x30: the outline lists 【ポイント】" matches "$scr1" '^ 【ポイント】 +│'
tap_ok "100x30: the outline lists 1.総論" matches "$scr1" '^ 1\.総論 +│'
tap_ok "100x30: numbered paragraphs are indented under their heading" matches "$scr1" '^   \(1\) 今次会談は'
tap_ok "100x30: the outline lists 4.その他" matches "$scr1" '^ 4\.その他 +│'
tap_is "100x30: the outline pane is 32 columns" "$(screen_row 1 | sed 's/│.*//' | wc -L)" 32
tap_ok "100x30: the status line names the file, the date and h:help" \
	matches "$(screen_row 29)" '^ 000_f63a307d17307818\.txt .*2009-09-23 .*%  h:help *$'
tap_ok "no line of the pane is wider than the pane" \
	test "$(printf '%s\n' "$scr1" | wc -L)" -le 100

# ] and [: the heading goes to the top row and the outline follows.
screen_keys ']'
screen_wait '^▶【ポイント】'
tap_is "] puts the next section's heading on the top row" "$(screen_text_row 1)" "【ポイント】"
tap_ok "] marks the section in the outline" matches "$(screen_row 2)" '^▶【ポイント】'
tap_ok "the status line shows the section and its number" has "$(screen_row 29)" '【ポイント】 (1/5)'
screen_keys ']'
screen_wait '^▶1\.総論'
tap_is "] again moves to 1.総論" "$(screen_text_row 1)" "1.総論"
tap_ok "the status line follows to 1.総論 (2/5)" has "$(screen_row 29)" '1.総論 (2/5)'
screen_keys ']'
screen_wait '^▶ *\(1\) 今次'
tap_ok "] then moves to the numbered paragraph (1)" matches "$(screen_text_row 1)" '^\(1\)今次会談は'
tap_ok "the outline marks (1)" matches "$(screen_capture)" '^▶ +\(1\) 今次会談は'
screen_keys '['
screen_wait '^▶1\.総論'
tap_is "[ goes back to 1.総論" "$(screen_text_row 1)" "1.総論"
screen_keys 3 ']'
screen_wait '^▶ *\(3\) 会談では'
tap_ok "a count before ] moves that many sections" matches "$(screen_text_row 1)" '^\(3\)会談では'

# The outline focus: Tab, j and Enter jump; the focus goes back to the text.
screen_keys g
screen_wait '│国連総会の際'
screen_keys Tab
screen_settle
screen_keys j j j
screen_settle
screen_keys Enter
screen_wait '│\(2\)特定の事項'
tap_ok "Tab, j j j and Enter jump to the fourth outline entry" \
	matches "$(screen_text_row 1)" '^\(2\)特定の事項'
tap_ok "the outline marks the entry jumped to" matches "$(screen_capture)" '^▶ +\(2\) 特定の事項'
screen_keys j
screen_settle
tap_ok "after Enter, j scrolls the text again" lacks "$(screen_text_row 1)" '(2)特定の事項'

# o hides and shows the outline.
screen_keys g
screen_wait '│国連総会の際'
screen_keys o
screen_wait '^国連総会の際の日露首脳会談'
tap_ok "o hides the outline: the text starts at column 1" \
	matches "$(screen_row 1)" '^国連総会の際の日露首脳会談\(概要\) *$'
screen_keys o
screen_wait '│国連総会の際'
tap_ok "o again shows it" matches "$(screen_row 2)" '^ 【ポイント】 +│'

# Counts and marks.
screen_keys 1 0 G
screen_settle
line10=$(screen_text_row 1)
screen_keys g
screen_settle
screen_keys 9 j
screen_settle
tap_is "10G shows line 10 on top, as 9j does" "$(screen_text_row 1)" "$line10"
screen_keys m a
screen_settle
screen_keys G
screen_settle
tap_ok "G goes to the end" matches "$(screen_row 29)" ' 100%  h:help *$'
screen_keys "'" a
screen_settle
tap_is "'a returns to mark a" "$(screen_text_row 1)" "$line10"
screen_keys "'" "'"
screen_settle
tap_ok "'' returns to where the jump started" matches "$(screen_row 29)" ' 100%  h:help *$'

# Help is a document of its own; q leaves it.
screen_keys h
screen_wait 'kiroku help'
tap_ok "h shows the help laid out as a record" has "$(screen_capture)" '1. Moving'
tap_ok "the help names the keys" has "$(screen_capture)" 'Tab: move the focus'
screen_keys q
screen_wait 'h:help *$'
tap_ok "q leaves the help, not the program" has "$(screen_capture)" '000_f63a307d17307818.txt'
screen_keys C-l
screen_settle
tap_ok "Ctrl-L redraws the same screen" matches "$(screen_capture)" 'h:help *$'

# q: the alternate screen is left and the shell is back as it was.
screen_keys q
screen_wait '^rc=0$'
tap_ok "q exits 0" matches "$(screen_capture)" '^rc=0$'
tap_ok "q restores what the terminal showed before" matches "$(screen_capture)" '^before-kiroku$'
tap_ok "after q no pager line is left on the screen" lacks "$(screen_capture)" 'h:help'
screen_run 'echo after-kiroku'
tap_ok "the shell reads lines again after q" screen_wait '^after-kiroku$'

# The first screen at 60x20.
screen_start 60 20
screen_kiroku "$sample"
tap_is "60x20: the outline pane is a third of the width" "$(screen_row 1 | sed 's/│.*//' | wc -L)" 20
tap_ok "60x20: the current tab is visible" has "$(screen_row 0)" '欧州(NIS諸国を含む) 1'
tap_ok "60x20: the strip is cut with a mark when the tabs do not fit" matches "$(screen_row 0)" '(^<|> *$)'
tap_ok "60x20: the title is on the first text row" matches "$(screen_text_row 1)" '^国連総会の際の日露'
tap_ok "60x20: outline entries are shown" matches "$(screen_capture)" '^ 1\.総論 +│'
tap_ok "60x20: the status line ends with h:help" matches "$(screen_row 19)" 'h:help *$'
screen_keys ']' ']'
screen_wait '^▶1\.総論'
tap_ok "60x20: the current section is marked" matches "$(screen_capture)" '^▶1\.総論'
screen_keys G
screen_settle
tap_ok "60x20: the outline keeps the current section in view at the end" \
	matches "$(screen_capture)" '^▶ +\([0-9]\) '
tap_ok "60x20: the outline has scrolled to the last entries" \
	matches "$(screen_capture)" '^   \(3\) 核軍縮' 
screen_keys q
screen_wait '^rc=0$'
tap_done
