#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make-corpus.sh: write the seed corpus of the fuzz targets into tests/fuzz/corpus/ from
# the sample record, its legacy-encoding copies, the model's test records and a few hostile
# snippets.  Run from the top of the source tree when those change; the output is committed.
set -eu
c=tests/fuzz/corpus
rm -rf "$c"
mkdir -p "$c/input" "$c/doc" "$c/layout" "$c/search"
sample=content/000_f63a307d17307818.txt
h=$(mktemp -d)
trap 'rm -rf "$h"' EXIT

# Hostile snippets: escape sequences, C1 (as UTF-8 and raw), bidi, NUL, invalid UTF-8, CR,
# combining marks and emoji sequences, TABs, a long unbreakable run, numbering forms.
printf '\033]52;c;aGVsbG8=\007x\033]0;title\007\033[2J\033P1$r\033\\\033_apc\033\\\n' >"$h/escapes"
printf 'a\302\200b\302\233[31mc\302\237\n\233[2Jd\n' >"$h/c1"
printf '\342\200\256abc\342\200\254 \342\201\246x\342\201\251 \342\200\217\n' >"$h/bidi"
printf 'text\000more\000\n\000\n' >"$h/nul"
printf '\377\376\300\200\355\240\200\364\220\200\200\340\200a\342\202\n' >"$h/invalid"
printf 'one\rtwo\r\nthree\r' >"$h/cr"
printf 'e\314\201\314\202 \360\237\221\250\342\200\215\360\237\221\251 \360\237\207\257\360\237\207\265\t\ttab\n' >"$h/clusters"
python3 -c 'import sys; sys.stdout.write("あ" * 3000 + "\n" + "x" * 5000 + "\n")' >"$h/long"
printf '【ポイント】\n第1　総論\n1. 概要\n（１）経緯\nア　事実\n(ア) 細目\na) 小項目\n(a) 細目\n① 丸数字\n# Markdown\n## 見出し\n• 項目\n※ 注\n' >"$h/levels"
printf '\n\n\n\n' >"$h/newlines"
: >"$h/empty"

# input: the first byte picks the encoding (0 auto; 9 CP932, 10 EUC-JP, 11 ISO-2022-JP).
pre() { printf "$(printf '\\%03o' "$1")"; cat "$2"; }
pre 0 "$sample" >"$c/input/sample"
pre 9 tests/data/input/sample-jis.cp932 >"$c/input/sample-cp932"
pre 0 tests/data/input/sample-jis.cp932 >"$c/input/sample-cp932-auto"
pre 10 tests/data/input/sample-jis.eucjp >"$c/input/sample-eucjp"
pre 0 tests/data/input/sample-jis.eucjp >"$c/input/sample-eucjp-auto"
pre 11 tests/data/input/sample-jis.iso2022jp >"$c/input/sample-iso2022jp"
pre 0 tests/data/input/sample-jis.iso2022jp >"$c/input/sample-iso2022jp-auto"
pre 0 tests/data/input/sample.bom-crlf >"$c/input/sample-bom-crlf"
pre 0 tests/data/input/cp932-ext.cp932 >"$c/input/cp932-ext"
for f in "$h"/*; do
	pre 0 "$f" >"$c/input/$(basename "$f")"
done

# doc: the record as it is (an odd first byte means UTF-8 without detection).
cp "$sample" "$c/doc/sample"
for f in tests/data/doc/*.txt; do
	cp "$f" "$c/doc/$(basename "$f" .txt)"
done
for f in "$h"/*; do
	cp "$f" "$c/doc/$(basename "$f")"
done

# layout: width byte (0x80 + cols - 1, or cols - 1 below 12), flags byte (1 strict,
# 2 no hanging, 4 Ambiguous two cells), then the record.
lay() { printf "$(printf '\\%03o\\%03o' "$1" "$2")"; cat "$3"; }
lay 207 0 "$sample" >"$c/layout/sample-80"
lay 167 1 "$sample" >"$c/layout/sample-40-strict"
lay 147 6 "$sample" >"$c/layout/sample-20-nohang-amb2"
lay 1 0 "$sample" >"$c/layout/sample-2"
lay 0 0 "$h/clusters" >"$c/layout/clusters-1"
lay 2 4 "$h/clusters" >"$c/layout/clusters-3-amb2"
lay 137 0 tests/data/layout/hard.txt >"$c/layout/hard-10"
for f in tests/data/doc/*.txt "$h"/*; do
	lay 159 0 "$f" >"$c/layout/$(basename "$f" .txt)-32"
done

# search: first byte (pattern bytes - 1) << 3 | 1 for kana folding, the pattern, the text.
sea() { printf "$(printf '\\%03o' $((($(printf '%s' "$2" | wc -c) - 1) * 8 + $1)))"; printf '%s' "$2"; cat "$3"; }
sea 1 'ロシア' "$sample" >"$c/search/sample-kana"
sea 0 'ＡＰＥＣ' "$sample" >"$c/search/sample-apec"
sea 0 '首脳' "$sample" >"$c/search/sample-kanji"
sea 1 'ﾍﾟ' "$h/levels" >"$c/search/halfwidth"
sea 0 '  ' "$h/clusters" >"$c/search/spaces"
sea 0 'ab' "$h/invalid" >"$c/search/invalid"
