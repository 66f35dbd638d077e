#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# hostile.sh: files nobody checked, given to the real program in its printing modes: escape
# sequences, C1 and bidi controls, NULs, invalid UTF-8, a 1 GB sparse file, FIFOs, /dev/zero,
# directories, symlink loops, empty files, a 10 MB line and very long paths.  Each must end
# (under timeout) with status 0, or 1 and one "kiroku: PATH: reason" line, and nothing of a
# control sequence may reach standard output or standard error.
. "$top_srcdir/tests/tap.sh"
export LC_ALL=C.UTF-8
h=$tap_tmp/h
mkdir "$h"
hostile_timeout=${HOSTILE_TIMEOUT:-60}	# seconds a run may take (sanitizer builds are slow)

if ! command -v python3 >/dev/null 2>&1 || ! command -v timeout >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3 or timeout"
	exit 0
fi

# hostile_safe FILE: succeed if FILE is valid UTF-8 with no C0 but LF, no DEL, no C1 and no
# bidi control: nothing a terminal would act on.
hostile_safe() {
	python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
try:
	text = data.decode('utf-8')
except UnicodeDecodeError as e:
	print('# invalid UTF-8 at byte %d' % e.start)
	sys.exit(1)
for i, c in enumerate(text):
	o = ord(c)
	if (o < 0x20 and c != '\n') or 0x7f <= o <= 0x9f or 0x202a <= o <= 0x202e or \
	    0x2066 <= o <= 0x2069 or o in (0x200e, 0x200f, 0x061c):
		print('# U+%04X at character %d' % (o, i))
		sys.exit(1)
PY
}

# hostile_run NAME WANT PATH [OPTION...]: run --dump -w 80, --meta and --outline on PATH;
# WANT is 0 (must be read), 1 (must be refused with a message) or any.
hostile_run() {
	hname=$1 want=$2 path=$3
	shift 3
	for mode in --dump --meta --outline; do
		timeout "$hostile_timeout" "$KIROKU" $mode -w 80 "$@" -- "$path" \
		    </dev/null >"$tap_tmp/out" 2>"$tap_tmp/err"
		st=$?
		case $want in
		any)	[ "$st" -le 1 ] && got=ok || got="status $st" ;;
		*)	[ "$st" = "$want" ] && got=ok || got="status $st" ;;
		esac
		tap_is "$hname $mode: exit status ${want} (no crash, no hang)" "$got" ok
		if [ "$st" = 1 ]; then
			tap_ok "$hname $mode: each stderr line names a file" \
			    sh -c '[ "$(wc -l <"$1")" -ge 1 ] && ! grep -qv "^kiroku: .*: " "$1"' \
			    sh "$tap_tmp/err"
		fi
		tap_ok "$hname $mode: no control sequence on stdout" hostile_safe "$tap_tmp/out"
		tap_ok "$hname $mode: no control sequence on stderr" hostile_safe "$tap_tmp/err"
	done
}

# Escape sequences: OSC 52 (clipboard), OSC 0 (title), CSI 2J, DCS, APC, 8-bit CSI.
printf '標題\n\033]52;c;aGVsbG8=\007一\033]0;pwned\007二\033[2J三\033P1$r\033\\四\033_apc\033\\五\n' \
    >"$h/escapes.txt"
hostile_run "escape sequences" 0 "$h/escapes.txt"
python3 -c 'import sys; sys.stdout.buffer.write("C1 as UTF-8\n".encode() + "".join(chr(c) + "x" for c in range(0x80, 0xa0)).encode() + b"\n")' \
    >"$h/c1-utf8.txt"
hostile_run "C1 controls as UTF-8" 0 "$h/c1-utf8.txt"
printf 'raw C1\n\2332J\233[31mred\n' >"$h/c1-raw.txt"
hostile_run "raw 0x9B bytes" 0 "$h/c1-raw.txt"
printf '双方向\n\342\200\256txet desrever\342\200\254 \342\200\252\342\200\253\342\200\255 \342\201\246\342\201\247\342\201\250x\342\201\251 \342\200\216\342\200\217\n' \
    >"$h/bidi.txt"
hostile_run "bidi overrides" 0 "$h/bidi.txt"
{ python3 -c 'import sys; sys.stdout.write("本文の行です。\n" * 4000)'; printf 'a\000b\000\000c\n'; } \
    >"$h/nul-late.txt"
hostile_run "NULs after 64 KiB" any "$h/nul-late.txt"
printf 'bad\n\377\376\300\200\355\240\200\364\220\200\200\340\200a\342\202\n\360\237\n' \
    >"$h/invalid.txt"
hostile_run "invalid UTF-8" 0 "$h/invalid.txt"

# Big and endless inputs refused quickly as binary.
truncate -s 1G "$h/sparse.txt"
hostile_run "a 1 GB sparse file" 1 "$h/sparse.txt"
tap_is "a 1 GB sparse file is called binary" "$(cat "$tap_tmp/err")" \
    "kiroku: $h/sparse.txt: binary file"
hostile_run "/dev/zero" 1 /dev/zero

# A FIFO with a writer is read to its end.  (With no writer, kiroku waits in open(2) as
# cat and less do: that is what reading a FIFO means; it is not tested here.)
mkfifo "$h/fifo"
for mode in --dump --meta --outline; do
	(printf 'FIFO の記録\n本文\n' >"$h/fifo") &
	timeout "$hostile_timeout" "$KIROKU" $mode -w 80 "$h/fifo" >"$tap_tmp/out" 2>"$tap_tmp/err"
	st=$?
	wait
	tap_is "a FIFO with a writer $mode: exit status 0" "$st" 0
	[ $mode = --outline ] ||
		tap_ok "a FIFO with a writer $mode: its text is read" grep -q 'FIFO の記録' "$tap_tmp/out"
done

# Directories and links.
hostile_run "/dev/null" 0 /dev/null
mkdir "$h/dir"
ln -s . "$h/dir/self"
ln -s self "$h/dir/loop.txt"
hostile_run "a directory with a link to itself" any "$h/dir"
ln -s "$h/b" "$h/a"
ln -s "$h/a" "$h/b"
hostile_run "a symlink loop" 1 "$h/a"
tap_is "a symlink loop is named with its reason" "$(cat "$tap_tmp/err")" \
    "kiroku: $h/a: Too many levels of symbolic links"
mkdir "$h/loops"
ln -s y.txt "$h/loops/x.txt"
ln -s x.txt "$h/loops/y.txt"
hostile_run "a directory of looping links" any "$h/loops"

# Empty and near-empty records.
: >"$h/empty.txt"
hostile_run "an empty file" 0 "$h/empty.txt"
tap_is "an empty file dumps nothing" "$(wc -c <"$tap_tmp/out")" 0
printf '\n\n\n\n\n' >"$h/newlines.txt"
hostile_run "a file of newlines" 0 "$h/newlines.txt"

# A 10 MB line with no break opportunity.
head -c 10000000 /dev/zero | tr '\0' 'x' >"$h/long.txt"
hostile_run "a 10 MB line" 0 "$h/long.txt"
timeout "$hostile_timeout" "$KIROKU" --dump -w 80 "$h/long.txt" >"$tap_tmp/out" 2>&1
tap_is "a 10 MB line is cut into lines of at most 80 columns, nothing lost" \
    "$(LC_ALL=C awk '{ n += length($0) } length($0) > 80 { bad++ } END { print n, bad + 0 }' \
    "$tap_tmp/out")" "10000000 0"

# Long paths: one that works (about 3,000 bytes) and one past PATH_MAX.
long=$h
i=0
while [ $i -lt 12 ]; do
	long=$long/$(printf '%0250d' $i)
	i=$((i + 1))
done
mkdir -p "$long"
cp "$h/escapes.txt" "$long/record.txt"
hostile_run "a 3,000-byte path" 0 "$long/record.txt"
toolong=$long
i=0
while [ $i -lt 6 ]; do
	toolong=$toolong/$(printf '%0250d' $i)
	i=$((i + 1))
done
hostile_run "a path past PATH_MAX" 1 "$toolong/record.txt"
hostile_run "a 300-byte file name" 1 "$h/$(printf '%0300d' 0).txt"

# A file whose name holds an escape sequence: named on stderr (and by --meta) in a visible
# form.
esc_name=$(printf 'x\033]0;pwned\007y.txt')
printf 'x\000y\000\000\000' >"$h/$esc_name"
hostile_run "a binary file with an escape sequence in its name" 1 "$h/$esc_name"
cp "$h/escapes.txt" "$h/$esc_name"
hostile_run "a record with an escape sequence in its name" 0 "$h/$esc_name"
"$KIROKU" --meta "$h/$esc_name" x 2>"$tap_tmp/err" >/dev/null
tap_is "a missing operand beside it is still named" "$(cat "$tap_tmp/err")" "kiroku: x: No such file or directory"

tap_done
