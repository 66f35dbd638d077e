#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-records.sh: the bundled library of example records in tmux (the first screen is the
# index of the newest record's region, every tab populated, the undated record last), and
# the pager on a record with no title line and on one headed by site menus: page furniture
# is out of the text pane, and c shows it in place and hides it again.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

ex=$top_srcdir/content/examples

# The first screen with no operand: the bundled records (KIROKU_CONTENT points at them).
screen_start 100 30 KIROKU_CONTENT="$top_srcdir/content"
screen_kiroku
tap_ok "every region tab of the bundled library has records, and no その他 tab" \
	matches "$(screen_row 0)" '^ アジア 2 +北米 2 +中南米 2 +欧州\(NIS諸国を含む\) 3 +大洋州 2 +中東 2 +アフリカ 2 *$'
tap_ok "the first screen is the index of the newest record's region" \
	matches "$(screen_row 1)" '^▶2023-05-20  日豪首脳会談 +オーストラリア *$'
tap_ok "the undated record comes last, its title not a date" \
	matches "$(screen_row 2)" '^ +日・ニュージーランド関係の覚え書き *$'
tap_ok "the status line names the region" matches "$(screen_row 29)" '^ 大洋州  1/2'
screen_keys t
screen_wait '日・サウジアラビア'
tap_ok "t goes on to 中東" matches "$(screen_row 1)" '^▶2019-08-28  日・イラン外相会談 +イラン'
tap_ok "a title taken from a caption is listed" has "$(screen_row 1)" '日・イラン外相会談'
screen_keys q

# The pager on a record with no title line: the date on top, the captions out of the text
# until c shows them, dimmed, in place.
screen_start 100 30
screen_kiroku "$ex/asia-2016-nikkan-gaisho.txt"
tap_is "no title line: the text starts with the date" "$(screen_text_row 1)" "平成28年7月25日"
tap_ok "no title line: the captions are not in the text" lacks "$(screen_capture)" '写真'
tap_ok "no title line: the status line has the date" has "$(screen_row 29)" '2016-07-25'
screen_keys c
screen_wait '握手を交わす'
tap_is "c shows the captions in place, under the date" "$(screen_text_row 2)" \
	"(写真)握手を交わす両外相"
tap_ok "c says what it did" has "$(screen_row 29)" 'page furniture shown (2 lines)'
esc=$(printf '\033')
tap_ok "the captions are dimmed" \
	has "$(scr capture-pane -p -e | grep '握手を交わす')" "${esc}[2m"
screen_keys c
screen_wait_gone '握手を交わす'
tap_ok "c again hides them" lacks "$(screen_capture)" '写真'
screen_keys q

# The pager on a record headed by site menus: the title first, the menus only on c.
screen_start 100 30
screen_kiroku "$ex/asia-2003-nicchu-shuno.txt"
tap_is "site menus: the text starts with the title" "$(screen_text_row 1)" "日中首脳会談"
tap_is "site menus: its (概要) line follows it" "$(screen_text_row 2)" "(概要)"
tap_ok "site menus: no menu row in the text" lacks "$(screen_capture)" 'サイトマップ'
tap_ok "site menus: the outline lists the sections" matches "$(screen_outline_row 2)" '1\.総論'
screen_keys c
screen_wait 'サイトマップ'
tap_ok "c shows the menu rows above the title" has "$(screen_text_row 1)" '外務省 English'
screen_keys q
tap_done
