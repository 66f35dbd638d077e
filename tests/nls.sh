#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# nls.sh: the messages in Japanese and in English: po/ja.po passes msgfmt --check and
# translates every message marked in the sources (a fresh xgettext of them, not the
# committed template), and the command line speaks Japanese in a Japanese locale (--help
# within 80 columns, wide characters counted as two), English in C.UTF-8.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"		# screen_locale; no tmux is started here
po=$top_srcdir/po/ja.po
unset LC_ALL LANGUAGE

: "${MSGFMT:=msgfmt}" "${XGETTEXT:=xgettext}"
if command -v "$MSGFMT" >/dev/null 2>&1; then
	tap_ok "msgfmt --check passes on po/ja.po" "$MSGFMT" --check -o /dev/null "$po"
else
	tap_skip "msgfmt --check passes on po/ja.po" "no msgfmt"
fi

# Every message of the sources has a Japanese translation that is not fuzzy: msgcmp ignores
# untranslated and fuzzy entries of the catalog, so it fails on a message they leave out.
if command -v "$XGETTEXT" >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
	(cd "$top_srcdir" && "$XGETTEXT" --keyword=_ --keyword=N_ --from-code=UTF-8 \
	    --files-from=po/POTFILES.in -o "$tap_tmp/fresh.pot") 2>"$tap_tmp/xgettext.err"
	tap_ok "xgettext finds the marked messages of the sources (main.c's too)" \
		grep -q '^msgid "no records to show"' "$tap_tmp/fresh.pot"
	msgcmp "$po" "$tap_tmp/fresh.pot" >"$tap_tmp/msgcmp.out" 2>&1; st=$?
	tap_is "every marked message has a Japanese translation, none fuzzy" \
		"$st $(grep -v -e '^msgcmp: found' -e 'this message is not used' "$tap_tmp/msgcmp.out" |
		    head -n 5)" "0 "
	# The check itself: a catalog with one translation removed, and one made fuzzy, fail it.
	awk 'done == 0 && /^msgid "no records to show"$/ { print; getline; print "msgstr \"\""; done = 1; next } { print }' \
	    "$po" >"$tap_tmp/less.po"
	tap_ok "a catalog without one translation fails the check" \
		sh -c '! msgcmp "$1" "$2" >/dev/null 2>&1' sh "$tap_tmp/less.po" "$tap_tmp/fresh.pot"
	awk '/^msgid "no records to show"$/ { print "#, fuzzy" } { print }' "$po" >"$tap_tmp/fuzzy.po"
	tap_ok "a catalog with one translation fuzzy fails the check" \
		sh -c '! msgcmp "$1" "$2" >/dev/null 2>&1' sh "$tap_tmp/fuzzy.po" "$tap_tmp/fresh.pot"
else
	tap_skip "every marked message has a Japanese translation" "no xgettext or msgcmp"
fi

# The Japanese man page lists the same keys and commands as the English one (whose lists
# test-pager checks against the key tables), each with its help in Japanese.
keys_of() {
	sed -n '/^\.\\" BEGIN KEYS$/,/^\.\\" END KEYS$/p' "$1" | grep '^\\fB'
}
tap_is "doc/ja/kiroku.1.in lists the keys and commands of doc/kiroku.1.in" \
	"$(keys_of "$top_srcdir/doc/ja/kiroku.1.in")" "$(keys_of "$top_srcdir/doc/kiroku.1.in")"
tap_is "... each with its help in Japanese, not English" \
	"$(sed -n '/^\.\\" BEGIN KEYS$/,/^\.\\" END KEYS$/p' "$top_srcdir/doc/ja/kiroku.1.in" |
	    grep -A1 '^\\fB' | grep -v -e '^\\fB' -e '^--$' | grep -v '。$' | head -n 3)" ""

# cols: the widest line of standard input, as a terminal draws it (wide and East Asian
# Ambiguous characters two columns).
cols() {
	python3 -c '
import sys, unicodedata
print(max([sum(0 if unicodedata.combining(c) else
           2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in l)
           for l in sys.stdin.read().splitlines()] or [0]))'
}

if [ "${USE_NLS:-yes}" != yes ]; then
	tap_skip "the command line in Japanese" "built with --disable-nls"
	tap_done
	exit
fi
if ! ja=$(screen_locale ja_JP.UTF-8 ja_JP UTF-8); then
	tap_skip "the command line in Japanese" "no ja_JP.UTF-8 locale and no localedef"
	tap_done
	exit
fi
sample=$top_srcdir/content/000_f63a307d17307818.txt

out=$(env $ja "$KIROKU" --help); st=$?
tap_is "--help in ja_JP.UTF-8 exits 0" "$st" 0
tap_ok "--help in ja_JP.UTF-8 is in Japanese" has "$out" "使い方: kiroku [オプション]..."
tap_ok "its key list and exit status are in Japanese too" \
	sh -c 'printf "%s\n" "$1" | grep -q "^終了ステータス: " && printf "%s\n" "$1" | grep -q "目次で (Tab):"' sh "$out"
tap_ok "it still names every long option" sh -c '
	for o in dump width outline meta encoding kinsoku no-hang no-reflow ambiguous-width no-color secure help version; do
		printf "%s\n" "$1" | grep -q -- "--$o" || { echo "missing --$o"; exit 1; }
	done' sh "$out"
if command -v python3 >/dev/null 2>&1; then
	w=$(printf '%s\n' "$out" | cols)
	tap_ok "every line of the Japanese --help fits 80 columns (widest: $w)" [ "$w" -le 80 ]
else
	tap_skip "every line of the Japanese --help fits 80 columns" "no python3"
fi
out=$(env LANG=C.UTF-8 "$KIROKU" --help)
tap_ok "--help in C.UTF-8 is in English" has "$out" "Usage: kiroku [OPTION]... [FILE|DIR]..."
tap_ok "--help in C.UTF-8 has no Japanese message" lacks "$out" "使い方"
out=$(env LANG=POSIX "$KIROKU" --help)
tap_ok "--help with LANG=POSIX is in English" has "$out" "Usage: kiroku"

tap_ok "--version in Japanese: the licence and no warranty" \
	has "$(env $ja "$KIROKU" --version)" "一切の保証はありません"
tap_is "--version in Japanese keeps the program and the copyright line" \
	"$(env $ja "$KIROKU" --version | head -n 2)" "kiroku 0.1.0
Copyright (C) 2026 the kiroku authors."

err=$(env $ja "$KIROKU" --width=0 "$sample" 2>&1 >/dev/null); st=$?
tap_is "a usage error in Japanese exits 2" "$st" 2
tap_is "a usage error in Japanese, with the hint" "$err" "kiroku: 幅 '0' は使えません (1 から 10000)
詳しくは 'kiroku --help' を実行してください。"
err=$(env LANG=C.UTF-8 "$KIROKU" --width=0 "$sample" 2>&1 >/dev/null)
tap_is "the same usage error in English" "$err" "kiroku: invalid width '0' (1 to 10000)
Try 'kiroku --help' for more information."
mkdir "$tap_tmp/empty"
tap_is "nothing to show, in Japanese" "$(env $ja "$KIROKU" --dump "$tap_tmp/empty" 2>&1)" \
	"kiroku: $tap_tmp/empty: 表示する記録がありません"
printf 'abc\000def\n' >"$tap_tmp/bin.txt"
tap_is "a cause from the input layer, in Japanese" \
	"$(env $ja "$KIROKU" --dump "$tap_tmp/bin.txt" 2>&1)" "kiroku: $tap_tmp/bin.txt: バイナリファイルです"
tap_is "the same cause in English" \
	"$(env LANG=C.UTF-8 "$KIROKU" --dump "$tap_tmp/bin.txt" 2>&1)" "kiroku: $tap_tmp/bin.txt: binary file"
tap_is "--meta keeps its keys in Japanese (they are read by programs)" \
	"$(env $ja "$KIROKU" --meta "$sample" | cut -d: -f1 | tr '\n' ' ')" \
	"$(env LANG=C.UTF-8 "$KIROKU" --meta "$sample" | cut -d: -f1 | tr '\n' ' ')"
tap_ok "... file, region, title, date and sections among them" \
	matches "$(env $ja "$KIROKU" --meta "$sample" | cut -d: -f1 | tr '\n' ' ')" \
	'^file region .*title .*date date-text sections '

tap_done
