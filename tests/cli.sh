#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli.sh: the command line as a user meets it: --help, --version, exit statuses, errors
# naming the file, --meta, --outline and --dump on the sample in every encoding.
. "$top_srcdir/tests/tap.sh"
sample=$top_srcdir/content/000_f63a307d17307818.txt
export LC_ALL=C.UTF-8

out=$("$KIROKU" --help </dev/null); st=$?
tap_is "--help exits 0" "$st" 0
tap_ok "--help describes every long option" sh -c '
	for o in dump width outline meta encoding kinsoku no-hang no-reflow ambiguous-width no-color \
	    theme no-mouse secure no-outline regex pattern hang reflow color config no-config help \
	    version; do
		printf "%s\n" "$1" | grep -q -- "--$o" || { echo "missing --$o"; exit 1; }
	done' sh "$out"
# --help fits 80 columns, counted as a terminal draws it: wide and East Asian Ambiguous
# characters (as a CJK terminal draws them) take two columns.
if command -v python3 >/dev/null 2>&1; then
	tap_is "every line of --help fits 80 columns" "$(printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
for line in sys.stdin.read().splitlines():
    cols = sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line)
    if cols > 80:
        print(cols, line)')" ""
else
	tap_skip "every line of --help fits 80 columns" "no python3"
fi
tap_is "--version says the version, the copyright, the licence and no warranty" \
	"$("$KIROKU" --version)" "kiroku 0.1.0
Copyright (C) 2026 the kiroku authors.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law."
"$KIROKU" --bogus >/dev/null 2>"$tap_tmp/err"; st=$?
tap_is "an unknown option exits 2" "$st" 2

# One program name in every message, getopt's too, however the program was started
# ($KIROKU is a full path, which getopt would otherwise repeat).
for args in --bogus -x -w --dump=3 "--kinsoku=lax"; do
	"$KIROKU" $args "$sample" >/dev/null 2>"$tap_tmp/err"
	tap_is "$args: every message says kiroku" \
		"$(grep -v -e "^kiroku: " -e "^Try 'kiroku --help'" "$tap_tmp/err")$(wc -l <"$tap_tmp/err")" 2
done
tap_is "getopt's message for an unknown option" "$("$KIROKU" --bogus 2>&1 >/dev/null | head -n 1)" \
	"kiroku: unrecognized option '--bogus'"

# A write error on standard output is an error: exit 1 with a message, in every mode.
if [ -w /dev/full ]; then
	for args in --help --version "--dump $sample" "--meta $sample" "--outline $sample" "$sample"; do
		"$KIROKU" $args >/dev/full 2>"$tap_tmp/err"; st=$?
		tap_is "${args%% *} >/dev/full: exit 1, the error said" "$st $(cat "$tap_tmp/err")" \
			"1 kiroku: standard output: No space left on device"
	done
else
	tap_skip "write errors" "no /dev/full"
fi

# The program holds no build directory (debug information included): a build is the same
# whatever directory it was made in, and the tests find their data through the environment.
# The data and locale directories it is configured for are the paths it must hold
# (distcheck's are inside the source tree).
if command -v strings >/dev/null 2>&1 && [ -f "$top_builddir/src/kiroku" ]; then
	datadir=$(sed -n 's/^#define KIROKU_DATADIR "\(.*\)"$/\1/p' "$top_builddir/src/paths.h")
	localedir=$(sed -n 's/^#define KIROKU_LOCALEDIR "\(.*\)"$/\1/p' "$top_builddir/src/paths.h")
	tap_is "src/kiroku holds no build or source directory" \
		"$(strings -a "$top_builddir/src/kiroku" | grep -v -x -F -e "$datadir" -e "$localedir" |
		    grep -F -e "$(cd "$top_builddir" && pwd -P)" -e "$(cd "$top_srcdir" && pwd -P)" |
		    head -n 3)" ""
else
	tap_skip "src/kiroku holds no build or source directory" "no strings(1) or no built program"
fi
"$KIROKU" --width=0 "$sample" >/dev/null 2>&1; st=$?
tap_is "a zero width is a usage error" "$st" 2
"$KIROKU" --kinsoku=lax "$sample" >/dev/null 2>"$tap_tmp/err"; st=$?
tap_is "an unknown kinsoku mode is a usage error" "$st" 2
tap_ok "... naming the three modes" grep -q 'strict, normal or loose' "$tap_tmp/err"

# The line-break modes: 々 may start a line in loose only, ッ in normal and loose; with
# hanging on, the last two columns are kept for 、。，．, so the line holds five 文.
printf '題\n\n文文文文文文々字字\n文文文文文文ッ字字\n' >"$tap_tmp/modes.txt"
for m in strict normal loose; do
	"$KIROKU" --dump -w 12 --no-hang --kinsoku=$m "$tap_tmp/modes.txt" | sed 1,2d | tr '\n' '|' \
		>"$tap_tmp/modes-$m"
done
tap_is "--kinsoku=strict: neither 々 nor ッ starts a line" "$(cat "$tap_tmp/modes-strict")" \
	"文文文文文|文々字字|文文文文文|文ッ字字|"
tap_is "--kinsoku=normal: ッ starts a line, 々 does not" "$(cat "$tap_tmp/modes-normal")" \
	"文文文文文|文々字字|文文文文文文|ッ字字|"
tap_is "--kinsoku=loose: both start a line" "$(cat "$tap_tmp/modes-loose")" \
	"文文文文文文|々字字|文文文文文文|ッ字字|"
tap_is "with hanging, 12 columns hold five 文 and a hanging 。" \
	"$(printf '題\n\n文文文文文文。字\n' | "$KIROKU" --dump -w 12 --kinsoku=loose - | sed 1,2d | tr '\n' '|')" \
	"文文文文文|文。字|"

# Hostile values (an OSC that retitles the terminal, a CSI) reach standard error escaped,
# never as the bytes themselves.
osc=$(printf '\033]0;PWNED\007')
for what in width encoding kinsoku ambiguous-width option letter; do
	case $what in
	option)	args="--$osc" ;;
	letter)	args="-$(printf '\033')" ;;
	*)	args="--$what=$osc" ;;
	esac
	"$KIROKU" "$args" "$sample" >/dev/null 2>"$tap_tmp/err"; st=$?
	tap_ok "a hostile $what value is shown escaped (exit $st)" \
		sh -c '! LC_ALL=C grep -q "$(printf "\033")" "$1" && grep -q "\^\[" "$1"' sh "$tap_tmp/err"
done
KIROKU_CONTENT="$tap_tmp/$osc" "$KIROKU" --meta "$sample" >/dev/null 2>"$tap_tmp/err"
tap_ok "a hostile KIROKU_CONTENT is shown escaped" \
	sh -c '! LC_ALL=C grep -q "$(printf "\033")" "$1" && grep -q "\^\[\]0;PWNED" "$1"' sh "$tap_tmp/err"

# Errors: one line naming the file and the reason; the other operands are still shown.
"$KIROKU" --meta "$tap_tmp/missing.txt" "$sample" >"$tap_tmp/out" 2>"$tap_tmp/err"; st=$?
tap_is "a missing file makes the exit status 1" "$st" 1
tap_is "a missing file is named with its reason" "$(cat "$tap_tmp/err")" \
	"kiroku: $tap_tmp/missing.txt: No such file or directory"
tap_ok "the other operands are still processed" grep -q '^date: 2009-09-23$' "$tap_tmp/out"
printf 'x\0y\0z\0\0\0' >"$tap_tmp/bin.txt"
"$KIROKU" --dump "$tap_tmp/bin.txt" >/dev/null 2>"$tap_tmp/err"; st=$?
tap_is "a binary file makes the exit status 1" "$st" 1
tap_is "a binary file is named with its reason" "$(cat "$tap_tmp/err")" \
	"kiroku: $tap_tmp/bin.txt: binary file"

# Nothing to show -- an empty directory, one without records, only a missing file -- is
# exit 1 with one line, the same in every mode, the pager's too (in a terminal by script(1)).
mkdir -p "$tap_tmp/empty" "$tap_tmp/norec/sub"
echo notes >"$tap_tmp/norec/README"; echo '# notes' >"$tap_tmp/norec/sub/notes.md"
for dir in empty norec; do
	for mode in --dump --meta --outline; do
		"$KIROKU" $mode "$tap_tmp/$dir" >"$tap_tmp/out" 2>"$tap_tmp/err"; st=$?
		tap_is "$mode on a directory with no records: exit 1, one line" \
			"$st $(cat "$tap_tmp/err")$(cat "$tap_tmp/out")" "1 kiroku: $tap_tmp/$dir: no records to show"
	done
	if command -v script >/dev/null 2>&1; then
		script -qec "'$KIROKU' '$tap_tmp/$dir'" /dev/null </dev/null >"$tap_tmp/out" 2>&1; st=$?
		tap_is "the pager on a directory with no records: exit 1, one line" \
			"$st $(tr -d '\r' <"$tap_tmp/out")" "1 kiroku: $tap_tmp/$dir: no records to show"
	else
		tap_skip "the pager on a directory with no records" "no script(1)"
	fi
done
"$KIROKU" --meta "$tap_tmp/empty" "$tap_tmp/norec" >/dev/null 2>"$tap_tmp/err"; st=$?
tap_is "two directories with no records: exit 1, one line" "$st $(cat "$tap_tmp/err")" \
	"1 kiroku: no records to show"
"$KIROKU" --outline "$tap_tmp/missing.txt" >/dev/null 2>"$tap_tmp/err"; st=$?
tap_is "--outline of only a missing file: exit 1, the file named" "$st $(cat "$tap_tmp/err")" \
	"1 kiroku: $tap_tmp/missing.txt: No such file or directory"
if command -v script >/dev/null 2>&1; then
	script -qec "'$KIROKU' '$tap_tmp/missing.txt'" /dev/null </dev/null >"$tap_tmp/out" 2>&1; st=$?
	tap_is "the pager on only a missing file: the same" "$st $(tr -d '\r' <"$tap_tmp/out")" \
		"1 kiroku: $tap_tmp/missing.txt: No such file or directory"
fi

# --meta and --outline on the sample.
tap_is "--meta on the sample" "$("$KIROKU" --meta "$sample")" "file: $sample
region: 欧州(NIS諸国を含む)
region-from: region-line
title: 国連総会の際の日露首脳会談(概要)
title-from: line
date: 2009-09-23
date-text: 平成21年9月23日
sections: 5
furniture: 0 (menus 0, captions 0, images 0)"
tap_is "--outline on the sample" "$("$KIROKU" --outline "$sample")" "$(cat "$top_srcdir/tests/data/sample.outline")"

# The README's encoding example, as written, on a copy of the bundled record named a.txt,
# with kiroku on the PATH (its output a pipe: kiroku prints the laid-out text).
readme_enc=$(sed -n 's/^    \(iconv .* | kiroku\)  .*/\1/p' "$top_srcdir/README")
mkdir -p "$tap_tmp/readme/bin"
cp "$sample" "$tap_tmp/readme/a.txt"
ln -s "$KIROKU" "$tap_tmp/readme/bin/kiroku"
(cd "$tap_tmp/readme" && PATH="$tap_tmp/readme/bin:$PATH" sh -c "$readme_enc" \
	>out 2>err; echo $? >rc)
tap_is "the README's example is found and exits 0: $readme_enc" \
	"$(cat "$tap_tmp/readme/rc")" 0
tap_is "the README's example prints nothing on stderr" "$(cat "$tap_tmp/readme/err")" ""
iconv -f UTF-8 -t CP932//TRANSLIT "$sample" | iconv -f CP932 -t UTF-8 >"$tap_tmp/readme/back.txt"
tap_is "the README's example shows the whole record, decoded" \
	"$(cat "$tap_tmp/readme/out")" "$("$KIROKU" --dump -w 80 "$tap_tmp/readme/back.txt")"
tap_ok "the README's example reaches the record's last section, past the first •" \
	grep -Eq '^ *\(3\)核軍縮・不拡散に関し' "$tap_tmp/readme/out"

# Every encoding gives the same record.  The sample's bullet U+2022 exists in none of the
# legacy encodings, so they get a copy with ・ instead, compared with the same copy in UTF-8.
sed 's/\xe2\x80\xa2/\xe3\x83\xbb/g' "$sample" >"$tap_tmp/sample-jis.txt"
for enc in CP932 EUC-JP ISO-2022-JP; do
	iconv -f UTF-8 -t $enc "$tap_tmp/sample-jis.txt" >"$tap_tmp/sample-$enc.txt"
	tap_is "--meta of the sample in $enc" \
		"$("$KIROKU" --meta "$tap_tmp/sample-$enc.txt" | sed 1d)" "$("$KIROKU" --meta "$sample" | sed 1d)"
	tap_is "--outline of the sample in $enc" \
		"$("$KIROKU" --outline "$tap_tmp/sample-$enc.txt")" "$("$KIROKU" --outline "$sample")"
	tap_is "--dump of the sample in $enc" \
		"$("$KIROKU" --dump -w 50 "$tap_tmp/sample-$enc.txt")" \
		"$("$KIROKU" --dump -w 50 "$tap_tmp/sample-jis.txt")"
done
{ printf '\357\273\277'; sed 's/$/\r/' "$sample"; } >"$tap_tmp/sample-bom-crlf.txt"
tap_is "--dump of the sample with a BOM and CRLF" \
	"$("$KIROKU" --dump -w 50 "$tap_tmp/sample-bom-crlf.txt" | sed 's/\r//')" \
	"$("$KIROKU" --dump -w 50 "$sample")"
tap_is "standard input is read when it is not a terminal" \
	"$("$KIROKU" --meta <"$sample" | grep '^title:')" "title: 国連総会の際の日露首脳会談(概要)"
tap_is "standard input names itself (stdin)" \
	"$("$KIROKU" --meta - <"$sample" | sed -n 1p)" "file: (stdin)"

# --dump: chrome removed, title and date on top, no line wider than asked.
"$KIROKU" --dump -w 40 "$sample" >"$tap_tmp/dump40"
tap_is "--dump starts with the title and the date" "$(sed -n '1p;2p' "$tap_tmp/dump40")" \
	"国連総会の際の日露首脳会談(概要)
平成21年9月23日"
tap_ok "--dump drops the navigation chrome" sh -c "! grep -q -e '世界地図' -e 'へ戻る' '$tap_tmp/dump40'"
tap_ok "--dump output is not paged when standard output is a pipe" \
	sh -c "'$KIROKU' -w 40 '$sample' </dev/null | cmp -s - '$tap_tmp/dump40'"
printf 'title\n\nab\033]52;c;ZXZpbA==\007cd \033[2J \302\233 x\342\200\256y\n' >"$tap_tmp/esc.txt"
"$KIROKU" --dump -w 80 "$tap_tmp/esc.txt" >"$tap_tmp/esc.out"
tap_ok "--dump writes no control character from the file" \
	sh -c "! LC_ALL=C grep -q -P '[\\x00-\\x08\\x0b-\\x1f\\x7f]|\\xc2[\\x80-\\x9f]|\\xe2\\x80\\xae' '$tap_tmp/esc.out'"
tap_ok "--dump shows ESC visibly as ^[" grep -q '\^\[\]52' "$tap_tmp/esc.out"

# Several operands and directories, in a stable order.
mkdir -p "$tap_tmp/lib/b" "$tap_tmp/lib/a"
cp "$sample" "$tap_tmp/lib/b/2.txt"; cp "$sample" "$tap_tmp/lib/a/1.txt"; cp "$sample" "$tap_tmp/lib/0.txt"
echo notes >"$tap_tmp/lib/README"
tap_is "a directory is searched recursively for *.txt in name order" \
	"$("$KIROKU" --meta "$tap_tmp/lib" | grep '^file:')" \
	"file: $tap_tmp/lib/0.txt
file: $tap_tmp/lib/a/1.txt
file: $tap_tmp/lib/b/2.txt"

# Real shapes (issue 12): no title line, site menus, captions and galleries, no region line.
printf 'ロシア連邦\n\n平成29年3月20日\n本文です。\n' >"$tap_tmp/notitle.txt"
"$KIROKU" --meta "$tap_tmp/notitle.txt" >"$tap_tmp/notitle.meta"
tap_is "no title line: the date is found under the country line" \
	"$(grep '^date:' "$tap_tmp/notitle.meta")" "date: 2017-03-20"
tap_is "no title line: the title is the lead's first words" \
	"$(grep '^title' "$tap_tmp/notitle.meta")" "title: 本文です
title-from: lead"
tap_is "no title line: the region comes from the country line" \
	"$(grep '^region' "$tap_tmp/notitle.meta")" "region: 欧州(NIS諸国を含む)
region-from: country-line"
printf 'ロシア連邦\n\n平成27年11月16日\n握手する両首脳 (写真提供:内閣広報室)\n\n 11月15日、首相は大統領との間で日露首脳会談を行ったところ、概要は以下のとおり。\n' \
	>"$tap_tmp/meeting.txt"
tap_is "no title line: the meeting the lead reports is the title" \
	"$("$KIROKU" --meta "$tap_tmp/meeting.txt" | grep '^title')" "title: 日露首脳会談
title-from: meeting"
tap_is "a caption is furniture: out of --dump" \
	"$("$KIROKU" --dump -w 80 "$tap_tmp/meeting.txt" | grep -c '写真')" 0
tap_is "a caption is shown in place with --furniture" \
	"$("$KIROKU" --dump --furniture -w 80 "$tap_tmp/meeting.txt" | sed -n 2p)" \
	"握手する両首脳 (写真提供:内閣広報室)"
printf '外務省 English リンクページ よくある質問集 検索 サイトマップ\nトップページ 会談・訪問 外相会談\n外相会談\n\n日米外相会談(概要)\n平成14年5月1日\n\n 5月1日、外相会談を行った。\n' \
	>"$tap_tmp/menus.txt"
"$KIROKU" --meta "$tap_tmp/menus.txt" >"$tap_tmp/menus.meta"
tap_is "site menus and a section name are not the title" \
	"$(grep '^title:' "$tap_tmp/menus.meta")" "title: 日米外相会談(概要)"
tap_is "site menus are counted as furniture" \
	"$(grep '^furniture:' "$tap_tmp/menus.meta")" "furniture: 3 (menus 3, captions 0, images 0)"
tap_is "no region line: 日米 is 北米, from the text" \
	"$(grep '^region' "$tap_tmp/menus.meta")" "region: 北米
region-from: text"
tap_is "site menus are out of --dump" "$("$KIROKU" --dump -w 80 "$tap_tmp/menus.txt" | sed -n 1p)" \
	"日米外相会談(概要)"
for pair in '日中外相会談:アジア' '日・イラン外相会談:中東' '日豪首脳会談:大洋州' \
    '日・ブラジル首脳会談:中南米' '日英外相会談:欧州(NIS諸国を含む)' '日米豪印首脳会合:北米' \
    '日・ケニア首脳会談:アフリカ'; do
	printf '%s\n\n本文。\n' "${pair%%:*}" >"$tap_tmp/infer.txt"
	tap_is "the region of ${pair%%:*} is ${pair#*:}" \
		"$("$KIROKU" --meta "$tap_tmp/infer.txt" | sed -n 2p)" "region: ${pair#*:}"
done
printf '会談の記録\n\n 訪日中の大臣と本日会談した。\n' >"$tap_tmp/infer.txt"
tap_is "訪日中 and 本日 name no country" "$("$KIROKU" --meta "$tap_tmp/infer.txt" | sed -n 2p)" "region: "
printf '国・地域\n\n令和2年8月6日\n\n 外務大臣は日英外相会談を行った。\n' >"$tap_tmp/crumb.txt"
tap_is "a lone 国・地域 is furniture, not the title" \
	"$("$KIROKU" --meta "$tap_tmp/crumb.txt" | grep -E '^(title|region|furniture):')" \
	"region: 欧州(NIS諸国を含む)
title: 日英外相会談
furniture: 1 (menus 1, captions 0, images 0)"

# The sample hard-wrapped at 35 and 80 columns (as w3m -dump would): the same metadata; the
# same --dump too once paragraphs are reflowed (--no-reflow exists).
if command -v python3 >/dev/null 2>&1; then
	for w in 35 80; do
		python3 -c '
import sys, unicodedata
W = int(sys.argv[1])
for line in open(sys.argv[2], encoding="utf-8").read().split("\n"):
    cur, cols = "", 0
    for c in line:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if cols + cw > W:
            print(cur); cur, cols = "", 0
        cur += c; cols += cw
    print(cur)' "$w" "$sample" >"$tap_tmp/fold$w.txt"
		tap_is "the sample hard-wrapped at $w columns has the same --meta" \
			"$("$KIROKU" --meta "$tap_tmp/fold$w.txt" | sed 1d)" "$("$KIROKU" --meta "$sample" | sed 1d)"
		if "$KIROKU" --help | grep -q -- '--no-reflow'; then
			tap_is "the sample hard-wrapped at $w columns has the same --dump" \
				"$("$KIROKU" --dump -w 60 "$tap_tmp/fold$w.txt")" "$("$KIROKU" --dump -w 60 "$sample")"
		fi
	done
fi

# The bundled examples: --meta and --outline as a careful reader would give them.
reflow=0
"$KIROKU" --help | grep -q -- '--no-reflow' && reflow=1
for rec in "$top_srcdir"/content/examples/*.txt; do
	b=$(basename "$rec" .txt)
	tap_is "--meta of example $b" "$("$KIROKU" --meta "$rec" | sed 1d)" \
		"$(cat "$top_srcdir/tests/data/examples/$b.meta")"
	case $b in
	*wrapped*) [ $reflow = 1 ] || { tap_skip "--outline of example $b" "needs reflow"; continue; } ;;
	esac
	tap_is "--outline of example $b" "$("$KIROKU" --outline "$rec")" \
		"$(cat "$top_srcdir/tests/data/examples/$b.outline")"
done
if [ $reflow = 1 ]; then
	tap_is "the hard-wrapped example dumps as its unwrapped text" \
		"$("$KIROKU" --dump -w 50 "$top_srcdir/content/examples/europe-2018-nichifutsu-gaisho-wrapped.txt")" \
		"$("$KIROKU" --dump -w 50 "$top_srcdir/tests/data/examples/europe-2018-nichifutsu-gaisho.unwrapped")"
fi
tap_is "every region tab has two examples or more" \
	"$("$KIROKU" --meta "$top_srcdir/content/examples" | sed -n 's/^region: //p' | sort | uniq -c |
	    awk '$1 >= 2' | wc -l | tr -d ' ')" 7

# Hard-wrapped copies (folded at 35 and 80 columns by tests/fold.py, the way w3m -dump
# folds) dump and outline as the originals; --no-reflow keeps their lines.
reflow=$top_srcdir/tests/data/reflow
reflow_same() {	# ORIGINAL FOLDED: the same --dump at several widths and the same --outline
	for w in 12 20 34 40 60 79 100; do
		"$KIROKU" --dump --width=$w "$1" >"$tap_tmp/orig.out" || return 1
		"$KIROKU" --dump --width=$w "$2" >"$tap_tmp/fold.out" || return 1
		cmp -s "$tap_tmp/orig.out" "$tap_tmp/fold.out" ||
			{ echo "--dump --width=$w differs:"; diff "$tap_tmp/orig.out" "$tap_tmp/fold.out" | head -5; return 1; }
	done
	"$KIROKU" --outline "$1" >"$tap_tmp/orig.out" && "$KIROKU" --outline "$2" >"$tap_tmp/fold.out" &&
		cmp -s "$tap_tmp/orig.out" "$tap_tmp/fold.out" || { echo "--outline differs"; return 1; }
}
for cols in 35 80; do
	tap_ok "the sample folded at $cols columns reads as the original" \
		reflow_same "$sample" "$reflow/sample-$cols.txt"
	tap_ok "a record with English folded at $cols columns reads as the original" \
		reflow_same "$reflow/mixed.txt" "$reflow/mixed-$cols.txt"
done
tap_ok "--no-reflow keeps the lines of a folded record as they are" \
	sh -c '"$1" --no-reflow --dump --width=100 "$2" | grep -qx "に出席するために訪問中のニューヨー"' \
	sh "$KIROKU" "$reflow/sample-35.txt"
tap_ok "reflowed, the word the fold cut is whole again" \
	sh -c '"$1" --dump --width=200 "$2" | grep -q "訪問中のニューヨークにおいて"' \
	sh "$KIROKU" "$reflow/sample-35.txt"
tap_ok "Latin words folded apart are joined with one space" \
	sh -c '"$1" --dump --width=300 "$2" | grep -qF "agreed that a joint statement, titled \"Partnership for Resilient Supply Chains\", would"' \
	sh "$KIROKU" "$reflow/mixed-35.txt"
tap_is "--meta of a folded record is the original's" \
	"$("$KIROKU" --meta "$reflow/sample-35.txt" | sed 1d)" "$("$KIROKU" --meta "$sample" | sed 1d)"
tap_is "a title folded over two lines is the title, and the date under it is found" \
	"$("$KIROKU" --meta "$reflow/mixed-35.txt" | grep -E '^(title|date):')" "title: 日米経済対話及び重要鉱物の供給網に関する閣僚協議（概要）
date: 2024-03-05"
printf '題\n\nこれは短い文である。\nこれも短い文である。\nあれも短い文である。\n' >"$tap_tmp/short.txt"
tap_is "lines of one width that end sentences stay lines" \
	"$("$KIROKU" --dump --width=80 "$tap_tmp/short.txt" | sed 1,2d)" "これは短い文である。
これも短い文である。
あれも短い文である。"
if command -v python3 >/dev/null 2>&1; then
	for rec in "$top_srcdir"/tests/data/doc/*.txt; do
		for cols in 35 80; do
			python3 "$top_srcdir/tests/fold.py" $cols <"$rec" >"$tap_tmp/folded.txt"
			tap_ok "$(basename "$rec") folded at $cols columns reads as the original" \
				reflow_same "$rec" "$tap_tmp/folded.txt"
		done
	done
else
	tap_skip "folding the records" "no python3"
fi

# The layout checker of the project, on every record at widths 4 to 160.
if command -v python3 >/dev/null 2>&1; then
	checker=$top_srcdir/tests/layoutcheck.py
	[ -f "$top_srcdir/../shared/tools/layoutcheck.py" ] && checker=$top_srcdir/../shared/tools/layoutcheck.py
	mkdir -p "$tap_tmp/examples"
	for rec in "$top_srcdir"/content/examples/*.txt; do
		enc=UTF-8
		case $rec in
		*nikka*) enc=SHIFT_JIS ;;
		*nichiboku*) enc=EUC-JP ;;
		esac
		iconv -f $enc -t UTF-8 "$rec" >"$tap_tmp/examples/$(basename "$rec")"
		cp "$top_srcdir/tests/data/examples/$(basename "$rec" .txt).chrome" "$tap_tmp/examples/"
	done
	for rec in "$sample" "$top_srcdir"/tests/data/doc/*.txt "$tap_tmp"/examples/*.txt; do
		[ -f "$rec" ] || continue
		set -- --chrome '欧州(NIS諸国を含む)' \
			--chrome '世界地図 アジア | 北米 | 中南米 | 欧州(NIS諸国を含む) | 大洋州 | 中東 | アフリカ' \
			--chrome 'このページのトップへ戻る' --chrome 'INDEXへ戻る'
		while IFS= read -r c; do set -- "$@" --chrome "$c"; done <<EOT
$(cat "${rec%.txt}.chrome" 2>/dev/null)
EOT
		widths=${LAYOUTCHECK_WIDTHS:-4-160}
		tap_ok "layoutcheck on $(basename "$rec") at widths $widths" \
			python3 "$checker" "$KIROKU" "$rec" --widths "$widths" "$@"
		tap_ok "layoutcheck --strict on $(basename "$rec") at widths $widths" \
			python3 "$checker" "$KIROKU" "$rec" --widths "$widths" --strict "$@"
		# layoutcheck knows no loose mode: loosecheck runs it with what loose
		# allows at a line start taken out of its forbidden list.
		tap_ok "layoutcheck, loose, on $(basename "$rec") at widths $widths" \
			python3 "$top_srcdir/tests/loosecheck.py" "$checker" "$KIROKU" "$rec" \
			--widths "$widths" "$@"
	done
else
	tap_skip "layoutcheck" "no python3"
fi
tap_done
