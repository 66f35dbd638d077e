#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-big.sh: huge records in a real terminal (tmux), kiroku beside less, lv and w3m in the
# same run: start to the first screen and G to the end of a 300 MB UTF-8 record with the
# memory after each, the first screen of 100 MB of Shift_JIS and EUC-JP, a 10 MB line with
# no break opportunity (open, a line, a page, a resize), then bench/bytes.sh.  A timing, not
# a test.  Usage: bench/bench-big.sh [DIR]   (from the build directory; DIR keeps the
# generated files, default $TMPDIR/kiroku-bench-big; BIG_MB=300 LEGACY_MB=100 RUNS=3)
set -u
builddir=$(pwd)
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
kiroku=${KIROKU:-$builddir/src/kiroku}
dir=${1:-${TMPDIR:-/tmp}/kiroku-bench-big}
big_mb=${BIG_MB:-300}
legacy_mb=${LEGACY_MB:-100}
runs=${RUNS:-3}
cols=100 rows=30
quiet_ms=600		# the screen is taken as done when it has not changed for this long
limit_s=${LIMIT_S:-120}	# give up on one action after this long
sock=kiroku-bench-big-$$
state=$(mktemp -d "${TMPDIR:-/tmp}/kiroku-bench-state.XXXXXX")
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1 || :; rm -rf "$state"' EXIT
command -v tmux >/dev/null 2>&1 || { echo "bench-big: no tmux" >&2; exit 1; }
[ -x "$kiroku" ] || { echo "bench-big: no $kiroku (run from the build directory)" >&2; exit 1; }
mkdir -p "$dir"

# The files, made once and kept in DIR.
[ -x bench/gen-corpus ] || make bench/gen-corpus >/dev/null
big=$dir/utf8-${big_mb}mb.txt
if [ ! -s "$big" ]; then
	echo "generating $big" >&2
	bench/gen-corpus "$big_mb" >"$big"
fi
# Shift_JIS and EUC-JP: about legacy_mb MB once converted (two bytes a character, not three).
sjis=$dir/sjis-${legacy_mb}mb.txt
euc=$dir/eucjp-${legacy_mb}mb.txt
if [ ! -s "$sjis" ] || [ ! -s "$euc" ]; then
	echo "generating $sjis and $euc" >&2
	bench/gen-corpus $((legacy_mb * 3 / 2)) | sed 's/•/・/g' >"$dir/legacy.utf8"
	iconv -f UTF-8 -t CP932 "$dir/legacy.utf8" | head -c $((legacy_mb * 1048576)) |
	    LC_ALL=C sed '$d' >"$sjis" || exit 1
	iconv -f UTF-8 -t EUC-JP "$dir/legacy.utf8" | head -c $((legacy_mb * 1048576)) |
	    LC_ALL=C sed '$d' >"$euc" || exit 1
	rm -f "$dir/legacy.utf8"
fi
# 10 MB of letters and digits (no break opportunity between them) and a newline.
long=$dir/line-10mb.txt
if [ ! -s "$long" ]; then
	echo "generating $long" >&2
	awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "%09dx", i; printf "\n" }' >"$long"
fi

# now_ms: wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# start CMD: a fresh pane cols x rows running CMD (exec'd, so its pid is the pane's).
start() {
	tmux -L "$sock" kill-server >/dev/null 2>&1 || :
	rm -rf "$state" && mkdir "$state"	# no reading position kept from the last run
	tmux -L "$sock" -f /dev/null new-session -d -x "$cols" -y "$rows" \
	    "exec env -i PATH='$PATH' HOME='$state' TERM=xterm-256color LANG=C.UTF-8 LESS= \
	    XDG_STATE_HOME='$state' $1"
	tmux -L "$sock" set-option -g status off >/dev/null
	tmux -L "$sock" set-option -g remain-on-exit on >/dev/null
}

# capture: what the pane shows.
capture() {
	tmux -L "$sock" capture-pane -p 2>/dev/null
}

# act KEYS...: send keys (or "resize N") and print the milliseconds to the last change of
# the screen they caused (settle).
act() {
	prev=$(capture)
	t0=$(now_ms)
	if [ "$1" = resize ]; then
		tmux -L "$sock" resize-window -x "$2"
	else
		tmux -L "$sock" send-keys "$@"
	fi
	settle "$t0" "$prev"
}

# settle T0 PREV: wait until the pane, which showed PREV before, has not changed for
# quiet_ms; print the milliseconds from T0 to its last change, or "-" if it never changed
# or limit_s passed.
settle() {
	t0=$1 last=-1 prev=$2
	while :; do
		cur=$(tmux -L "$sock" capture-pane -p 2>/dev/null)
		t=$(now_ms)
		if [ "$cur" != "$prev" ]; then
			last=$t
			prev=$cur
		elif [ "$last" -ge 0 ] && [ $((t - last)) -ge "$quiet_ms" ]; then
			echo $((last - t0))
			return
		fi
		if [ $((t - t0)) -ge $((limit_s * 1000)) ]; then
			echo "-"
			return
		fi
		sleep 0.005
	done
}

# poll_until T0 COMMAND...: run COMMAND about every 5 ms until it succeeds; print the
# milliseconds from T0 to then, or "-" after limit_s.
poll_until() {
	t0=$1
	shift
	while :; do
		t=$(now_ms)
		if "$@"; then
			echo $((t - t0))
			return
		fi
		if [ $((t - t0)) -ge $((limit_s * 1000)) ]; then
			echo "-"
			return
		fi
		sleep 0.005
	done
}

# pane_has TEXT: the pane shows TEXT (a fixed string).
pane_has() {
	tmux -L "$sock" capture-pane -p 2>/dev/null | grep -Fq -- "$1"
}

# row_is_not N TEXT: row N of the pane (from 0) is not TEXT.
row_is_not() {
	[ "$(tmux -L "$sock" capture-pane -p 2>/dev/null | sed -n "$(($1 + 1))p")" != "$2" ]
}

# appear T0 TEXT: the milliseconds from T0 until the pane shows TEXT.  How the first
# screen and G are timed: the moment the text a reader wants is there, whatever else (a
# status line) still changes after.
appear() {
	poll_until "$1" pane_has "$2"
}

# row_change T0 N PREV: the milliseconds from T0 until row N of the pane is no longer PREV.
row_change() {
	poll_until "$1" row_is_not "$2" "$3"
}

# head_of N FILE: the first 8 characters of line N of the UTF-8 file FILE.
head_of() {
	sed -n "${1}p" "$2" | LC_ALL=C.UTF-8 sed -E 's/^(.{8}).*/\1/'
}

# last_of FILE: the first 8 characters of the last line of text of the UTF-8 FILE (not
# the "…へ戻る" navigation at the end).
last_of() {
	grep -v 'へ戻る' "$1" | grep -v '^[[:space:]]*$' | tail -n 1 |
	    LC_ALL=C.UTF-8 sed -E 's/^(.{8}).*/\1/'
}

# mem: the peak and resident memory of the pane's process, MB: "hwm anon file".
mem() {
	pid=$(tmux -L "$sock" display-message -p '#{pane_pid}')
	awk '/^VmHWM/ { h = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 }
	    END { printf "%.0f %.0f %.0f", h / 1024, a / 1024, f / 1024 }' "/proc/$pid/status" 2>/dev/null
}

# worst A B C...: the largest number ("-" if none).
worst() {
	printf '%s\n' "$@" | grep -v '^-$' | sort -n | tail -n 1 | grep . || echo "-"
}

# best A B C...: the smallest number ("-" if none).
best() {
	printf '%s\n' "$@" | grep -v '^-$' | sort -n | head -n 1 | grep . || echo "-"
}

# open_run CMD [KEY]: start CMD, time its first screen (until it shows $first_text, or
# until it settles if that is empty); with KEY, 0.2 s later (a reader's reaction), time
# KEY until the pane shows $key_text.  Memory is read once the screen has settled.  Sets
# t_first, t_key, m_first, m_key.
open_run() {
	t0=$(now_ms)
	start "$1"
	if [ -n "$first_text" ]; then
		t_first=$(appear "$t0" "$first_text")
	else
		t_first=$(settle "$t0" "")
	fi
	t_key=- m_key= t_j=-
	if [ -n "${2:-}" ] && [ "$t_first" != "-" ]; then
		m_first=$(mem)
		# j at once, while the record is still loading: how long until row 2 moves.
		row=$(tmux -L "$sock" capture-pane -p | sed -n 2p)
		t1=$(now_ms)
		tmux -L "$sock" send-keys j
		t_j=$(row_change "$t1" 1 "$row")
		sleep 0.2
		t1=$(now_ms)
		tmux -L "$sock" send-keys "$2"
		t_key=$(appear "$t1" "$key_text")
		settle "$(now_ms)" "" >/dev/null
		m_key=$(mem)
	else
		settle "$(now_ms)" "" >/dev/null
		m_first=$(mem)
	fi
	[ -n "${BIG_SHOW:-}" ] && tmux -L "$sock" capture-pane -p | tail -n 3 >&2
	tmux -L "$sock" kill-server >/dev/null 2>&1 || :
}

# open_best NAME CMD [KEY]: best of runs of open_run, one table row.
open_best() {
	name=$1 cmd=$2 key=${3:-}
	firsts="" keys="" js=""
	i=0
	while [ $i -lt "$runs" ]; do
		open_run "$cmd" "$key"
		firsts="$firsts $t_first" keys="$keys $t_key" js="$js $t_j"
		i=$((i + 1))
		[ "$t_first" = "-" ] && break	# too slow: once is enough
	done
	# shellcheck disable=SC2086
	printf '%-8s %10s %10s %10s   %-16s %-16s\n' "$name" "$(best $firsts)" \
	    "$(if [ -n "$key" ]; then worst $js; else echo ""; fi)" \
	    "$(if [ -n "$key" ]; then best $keys; else echo ""; fi)" \
	    "$(echo "$m_first" | awk '{ if (NF) printf "%s/%s/%s", $1, $2, $3 }')" \
	    "$(echo "$m_key" | awk '{ if (NF) printf "%s/%s/%s", $1, $2, $3 }')"
}

# Warm the page cache: every file read once.
cat "$big" "$sjis" "$euc" "$long" >/dev/null

k="'$kiroku' --ambiguous-width=1"
echo "== machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), \
$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $(less --version | head -n 1), \
$(lv -V 2>&1 | head -n 1 | tr -d '\r'), $(w3m -version 2>&1 | head -n 1 | cut -d, -f1)"
echo "== ${cols}x${rows} pane; first: ms from the start until the pane shows the record's \
title; G: ms from the key (pressed 0.2 s after the first screen) until it shows the last \
line; j (worst of $runs): ms from a j pressed as soon as the first screen shows (the record \
still loading) until the text moves; best of $runs; memory in MB (first: when the first \
screen shows; after G: once the screen has settled): peak (VmHWM)/anonymous/file-backed"

echo
echo "== (a-c) $(basename "$big"): $(($(wc -c <"$big") / 1048576)) MB UTF-8"
printf '%-8s %10s %10s %10s   %-16s %-16s\n' program "first" "j (worst)" "G" "mem first" \
    "mem after G"
first_text=$(head_of 3 "$big") key_text=$(last_of "$big")
open_best kiroku "$k '$big'" G
open_best less "less '$big'" G
open_best lv "lv -Iu8 -Ou8 '$big'" G
runs_save=$runs runs=1
open_best w3m "w3m -T text/plain '$big'" G
runs=$runs_save

# less shows the bytes undecoded (and asks whether EUC-JP is a binary file): no G there.
for f in "$sjis:s:Shift_JIS" "$euc:e:EUC-JP"; do
	w3mi=${f##*:} f=${f%:*}
	lvi=${f##*:} f=${f%:*}
	echo
	echo "== (d) $(basename "$f"): $(($(wc -c <"$f") / 1048576)) MB"
	printf '%-8s %10s %10s %10s   %-16s %-16s\n' program "first" "j (worst)" "G" \
	    "mem first" "mem after G"
	iconv -f "$( [ "$lvi" = s ] && echo CP932 || echo EUC-JP)" -t UTF-8 "$f" >"$dir/legacy.utf8"
	ft=$(head_of 3 "$dir/legacy.utf8") key_text=$(last_of "$dir/legacy.utf8")
	rm -f "$dir/legacy.utf8"
	first_text=$ft
	open_best kiroku "$k '$f'" G
	first_text=	# less shows the bytes undecoded: timed until its screen settles
	open_best less "less '$f'"
	first_text=$ft
	open_best lv "lv -I$lvi -Ou8 '$f'" G
	runs_save=$runs runs=1
	open_best w3m "w3m -T text/plain -I $w3mi '$f'" G
	runs=$runs_save
done

first_text=
# A long line: open, one line down, one page down, a resize to 70 columns.
long_row() {
	name=$1 cmd=$2 down=$3 page=$4
	t0=$(now_ms)
	start "$cmd"
	a=$(settle "$t0" "")
	m=$(mem)
	b=$(act "$down")
	c=$(act "$page")
	d=$(act resize 70)
	e=$(act resize "$cols")
	tmux -L "$sock" kill-server >/dev/null 2>&1 || :
	printf '%-8s %8s %8s %8s %10s %10s   %s\n' "$name" "$a" "$b" "$c" "$d" "$e" \
	    "$(echo "$m" | awk '{ if (NF) printf "%s/%s/%s", $1, $2, $3 }')"
}
echo
echo "== (e) $(basename "$long"): one line of $(($(wc -c <"$long") / 1048576)) MB, no break opportunity"
printf '%-8s %8s %8s %8s %10s %10s   %s\n' program open "line" "page" "to 70 col" "to $cols col" \
    "mem first"
long_row kiroku "$k '$long'" j Space
long_row less "less '$long'" j Space
long_row lv "lv -Iu8 -Ou8 '$long'" j Space
long_row w3m "w3m -T text/plain '$long'" J Space

echo
echo "== (f) bytes written to the terminal per action (bench/bytes.sh)"
BYTES_MORE=1 sh "$top_srcdir/bench/bytes.sh" "$kiroku"
