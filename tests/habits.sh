#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# habits.sh: the habits readers bring from less and lv, on the command line: the
# configuration file and the KIROKU variable (precedence, a bad line named by its number),
# start commands, compressed records (.gz .bz2 .xz .zst, from files, folders and standard
# input), archives of records (.zip, .tar.gz) as folders, and bombs and cut archives refused
# with one line and bounded memory.  The screen side is screen-habits.sh.
. "$top_srcdir/tests/tap.sh"
export LC_ALL=C.UTF-8
unset XDG_CONFIG_HOME
export HOME="$tap_tmp/home"
mkdir -p "$HOME"

rec=$tap_tmp/rec.txt
{
	printf 'アジア\n\n記録の会談（習慣の試験）\n令和元年５月１日\n\n1.総論\n\n'
	printf '（１）両国は領土問題について率直に意見を交換し、協力を確認した。\n\n'
	printf '2.各論\n\n（１）経済協力について話した。\n'
} >"$rec"
plain=$("$KIROKU" --no-config --dump -w 80 "$rec")
narrow=$("$KIROKU" --no-config --dump -w 20 "$rec")

# The configuration file: $XDG_CONFIG_HOME/kiroku/config, else ~/.config/kiroku/config.
mkdir -p "$HOME/.config/kiroku"
printf '# settings\nwidth = 20\n' >"$HOME/.config/kiroku/config"
tap_is "~/.config/kiroku/config takes effect in --dump" "$("$KIROKU" --dump "$rec")" "$narrow"
export XDG_CONFIG_HOME="$tap_tmp/xdg"
mkdir -p "$XDG_CONFIG_HOME/kiroku"
cfg=$XDG_CONFIG_HOME/kiroku/config
printf 'width = 20\n' >"$cfg"
tap_is "\$XDG_CONFIG_HOME/kiroku/config takes its place" "$("$KIROKU" --dump "$rec")" "$narrow"
tap_is "--no-config reads none" "$("$KIROKU" --no-config --dump "$rec" 2>&1)" \
	"$("$KIROKU" --no-config --dump -w 80 "$rec")"
tap_is "the variable wins over the file" "$(KIROKU='-w 80' "$KIROKU" --dump "$rec")" "$plain"
tap_is "the command line wins over the variable" \
	"$(KIROKU='-w 80' "$KIROKU" --dump -w 20 "$rec")" "$narrow"
tap_is "--config=FILE reads another file" \
	"$(printf 'width=80\n' >"$tap_tmp/other"; "$KIROKU" --config="$tap_tmp/other" --dump "$rec")" \
	"$plain"

# Settings by name: on/off switches, and the hang they change is seen in the output.
printf 'width = 13\nhang = off\n' >"$cfg"
tap_is "hang = off is --no-hang" "$("$KIROKU" --dump "$rec")" \
	"$("$KIROKU" --no-config --dump -w 13 --no-hang "$rec")"
tap_ok "hang = off changes the layout (the test can fail)" \
	test "$("$KIROKU" --dump "$rec")" != "$("$KIROKU" --no-config --dump -w 13 "$rec")"
tap_is "--hang on the command line undoes it" "$("$KIROKU" --hang --dump "$rec")" \
	"$("$KIROKU" --no-config --dump -w 13 "$rec")"

# A bad line is said once, with the file and its number; the rest still applies.
printf '# comment\n\nkinsok = loose\nwidth = 20\nwidth\nbind J\ndump\noutline = off\nbind J section-next\nbind J next-section\nbind ZZ top\n' >"$cfg"
out=$("$KIROKU" --dump "$rec" 2>"$tap_tmp/err"); st=$?
tap_is "the lines after a bad line still apply" "$out" "$narrow"
tap_is "a bad line does not fail the run" "$st" 0
tap_is "each bad line is named once with its number" "$(cat "$tap_tmp/err")" \
"kiroku: $cfg:3: unknown setting 'kinsok' (line skipped)
kiroku: $cfg:5: 'width' wants a value (width = VALUE) (line skipped)
kiroku: $cfg:6: bind wants a key and a command name (bind J section-next) (line skipped)
kiroku: $cfg:7: 'dump' is not a setting (only on the command line) (line skipped)
kiroku: $cfg:10: bind: unknown command 'next-section' (h lists the commands' names) (line skipped)
kiroku: $cfg:11: bind: unknown key 'ZZ' (a character, ^X, Enter, Tab, Space, Up, PageDown, ...) (line skipped)"
"$KIROKU" --config="$tap_tmp/none" --dump "$rec" >/dev/null 2>"$tap_tmp/err"
tap_is "a configuration named but missing is said" "$(cat "$tap_tmp/err")" \
	"kiroku: $tap_tmp/none: No such file or directory"
rm -f "$cfg"
KIROKU="--bogus -w 20" "$KIROKU" --dump "$rec" >"$tap_tmp/out" 2>"$tap_tmp/err"
tap_is "a bad option in KIROKU is said and skipped" "$(cat "$tap_tmp/err")" \
	"kiroku: KIROKU: unknown option '--bogus' (skipped)"
tap_is "the rest of KIROKU applies" "$(cat "$tap_tmp/out")" "$narrow"
tap_is "KIROKU splits quoted words" \
	"$(KIROKU="--kinsoku 'strict' --width=\"20\"" "$KIROKU" --dump "$rec")" \
	"$("$KIROKU" --dump -w 20 --kinsoku=strict "$rec")"

# Start commands are taken out of the operands; a bad one is a usage error.
"$KIROKU" +G +12 +/領土 -p 領土 --dump "$rec" >"$tap_tmp/out" 2>"$tap_tmp/err"; st=$?
tap_is "+G +NUM +/PATTERN -p are not file names" "$st $(cat "$tap_tmp/err")" "0 "
"$KIROKU" +x "$rec" >/dev/null 2>"$tap_tmp/err"; st=$?
tap_is "a bad start command is a usage error" "$st $(head -n 1 "$tap_tmp/err")" \
	"2 kiroku: invalid start command '+x' (+G, +g, +NUM or +/PATTERN)"
"$KIROKU" --dump -- +G >/dev/null 2>"$tap_tmp/err"
tap_is "after --, +G is a file name" "$(cat "$tap_tmp/err")" "kiroku: +G: No such file or directory"

# Compressed records, known by their bytes.
meta=$("$KIROKU" --meta "$rec" | sed 1d)
d=$tap_tmp/packed
mkdir -p "$d"
check_packed() {	# check_packed TOOL EXT
	if ! command -v "$1" >/dev/null 2>&1; then
		tap_skip "a .$2 record opens" "no $1"
		return
	fi
	"$1" -c <"$rec" >"$d/rec.txt.$2"
	tap_is "a .$2 record opens (--meta)" "$("$KIROKU" --meta "$d/rec.txt.$2" | sed 1d)" "$meta"
	tap_is "a .$2 record opens (--dump)" "$("$KIROKU" --dump -w 80 "$d/rec.txt.$2")" "$plain"
}
check_packed gzip gz
check_packed bzip2 bz2
check_packed xz xz
check_packed zstd zst
cp "$d/rec.txt.gz" "$d/named-plainly.txt"
tap_is "a gzip record named .txt is still unpacked" \
	"$("$KIROKU" --dump -w 80 "$d/named-plainly.txt")" "$plain"
tap_is "a gzip record on standard input is unpacked" \
	"$("$KIROKU" --dump -w 80 <"$d/rec.txt.gz")" "$plain"
tap_is "a folder lists its compressed records" "$("$KIROKU" --meta "$d" | grep -c '^file: ')" \
	"$(ls "$d" | grep -c -e '\.txt$' -e '\.txt\.[a-z0-9]*$')"

# Archives of records open as folders: every member that is a record, through the index
# data (--meta) and the reader's text (--dump).
a=$tap_tmp/arch
mkdir -p "$a/recs/sub"
cp "$rec" "$a/recs/one.txt"
sed 's/記録の会談/二つ目の会談/' "$rec" >"$a/recs/sub/two.txt"
printf 'not a record\n' >"$a/recs/notes.md"
(cd "$a" && tar czf recs.tar.gz recs && python3 -c '
import zipfile, sys
with zipfile.ZipFile("recs.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write("recs/one.txt"); z.write("recs/sub/two.txt"); z.write("recs/notes.md")')
for kind in zip tar.gz; do
	tap_is "a .$kind of records lists its records" \
		"$("$KIROKU" --meta "$a/recs.$kind" | grep -e '^file: ' -e '^title: ' | sort)" \
"file: $a/recs.$kind/recs/one.txt
file: $a/recs.$kind/recs/sub/two.txt
title: 二つ目の会談（習慣の試験）
title: 記録の会談（習慣の試験）"
	tap_is "a record of a .$kind, named by its path in it, reads as the file" \
		"$("$KIROKU" --dump -w 80 "$a/recs.$kind/recs/one.txt")" "$plain"
	tap_is "the records of a .$kind read in its order" \
		"$("$KIROKU" --dump -w 80 "$a/recs.$kind" | grep -c '会談（習慣の試験）')" 2
done
cp "$a/recs.zip" "$a/renamed.bin"
tap_is "an archive is known by its bytes, not its name" \
	"$("$KIROKU" --meta "$a/renamed.bin" | grep -c '^file: ')" 2

# Broken archives and bombs: one line naming the file, fast, bounded, the rest still read.
head -c 300 "$a/recs.tar.gz" >"$a/cut.tar.gz"
"$KIROKU" --meta "$a/cut.tar.gz" "$rec" >"$tap_tmp/out" 2>"$tap_tmp/err"; st=$?
tap_is "a cut archive is one line naming it" "$st $(cat "$tap_tmp/err")" \
	"1 kiroku: $a/cut.tar.gz: truncated gzip input"
tap_is "the other records are still read" "$(grep -c '^file: ' "$tap_tmp/out")" 1
head -c 200 "$d/rec.txt.gz" >"$d/cut.txt.gz"
"$KIROKU" --dump "$d/cut.txt.gz" >/dev/null 2>"$tap_tmp/err"; st=$?
tap_is "a cut compressed record is one line naming it" "$st $(cat "$tap_tmp/err")" \
	"1 kiroku: $d/cut.txt.gz: truncated gzip input"
if command -v python3 >/dev/null 2>&1; then
	# 1 GiB of text in a 3 MB file, made in a moment: 1024 gzip members of 1 MiB each.
	python3 -c '
import gzip, sys
line = "記録の爆弾の一行です。\n".encode()
member = gzip.compress(line * ((1 << 20) // len(line)), 9)
with open(sys.argv[1], "wb") as f:
    f.write(member * 1024)' "$tap_tmp/bomb.txt.gz"
	(cd "$tap_tmp" && zip_bomb="$tap_tmp/bomb.zip" python3 -c '
import zipfile, os
with zipfile.ZipFile(os.environ["zip_bomb"], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open("big.txt", "w", force_zip64=True) as w:
        block = "記録の爆弾の一行です。\n".encode() * 50000
        for i in range(64):
            w.write(block)')
	for bomb in bomb.txt.gz bomb.zip; do	# 1 GiB and 100 MiB
		out=$(python3 -c '
import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(p.returncode, p.stderr.decode().strip(), "small" if rss < 200 * 1024 else "rss %d KiB" % rss)' \
			"$KIROKU" --meta "$tap_tmp/$bomb")
		tap_is "a bomb ($bomb) is refused in one line, within 200 MB" "$out" \
			"1 kiroku: $tap_tmp/$bomb: unpacks to more than 16 MiB (over 100 times its size): refused as a compression bomb small"
	done
else
	tap_skip "bombs are refused" "no python3"
fi
tap_done
