#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bytes.sh: the bytes a pager writes to the terminal (what crosses an ssh link) for the first
# screen, one line down, one page down and a jump to the end: kiroku with and without the
# outline pane beside less, on the same file, in the same run, through tmux's pipe-pane.
# Usage: bench/bytes.sh [KIROKU [FILE [COLSxROWS]]]   (not a test: prints a table)
# BYTES_KEEP=1 keeps the raw output in the temporary directory it names: NAME.raw, what one
# line down wrote (.linedown) and each of the ten j (.j1 to .j10), to read with cat -v.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
KIROKU=${1:-${KIROKU:-$top_srcdir/src/kiroku}}
file=${2:-$top_srcdir/content/000_f63a307d17307818.txt}
size=${3:-100x30}
cols=${size%x*} rows=${size#*x}
sock=kiroku-bench-$$
runs=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiroku-bench.XXXXXX")
trap 'tmux -L "$sock" kill-server 2>/dev/null; [ -n "$BYTES_KEEP" ] || rm -rf "$tmp"' EXIT
[ -n "$BYTES_KEEP" ] && echo "bytes.sh: keeping the output in $tmp" >&2
command -v tmux >/dev/null 2>&1 || { echo "bytes.sh: no tmux" >&2; exit 1; }

# settle FILE: wait until FILE stops growing for 300 ms (at most 5 s).
settle() {
	prev=-1 n=0
	while [ $n -lt 50 ]; do
		cur=$(wc -c <"$1")
		[ "$cur" = "$prev" ] && return
		prev=$cur
		sleep 0.3
		n=$((n + 6))
	done
}

# measure NAME COMMAND [KEYS-BEFORE [LINE-DOWN-KEY]]: run COMMAND in a fresh pane, print
# one table row.
measure() {
	name=$1 cmd=$2 pre=${3:-} down=${4:-j}
	out=$tmp/$(echo "$name" | tr -c 'a-z\n' _).raw
	tmux -L "$sock" kill-server 2>/dev/null
	runs=$((runs + 1))
	sock=kiroku-bench-$$-$runs
	tmux -L "$sock" -f /dev/null new-session -d -x "$cols" -y "$rows" \
	    env -i PATH="$PATH" TERM=xterm-256color LANG=C.UTF-8 LESS= PS1='$ ' sh
	tmux -L "$sock" set-option -g status off >/dev/null
	sleep 0.3
	: >"$out"
	tmux -L "$sock" pipe-pane -o "cat >>'$out'"
	tmux -L "$sock" send-keys -l "$cmd"
	s0=$(wc -c <"$out")
	tmux -L "$sock" send-keys Enter
	settle "$out"
	if [ -n "$pre" ]; then
		tmux -L "$sock" send-keys $pre
		settle "$out"
	fi
	s1=$(wc -c <"$out")
	tmux -L "$sock" send-keys "$down"
	settle "$out"
	s2=$(wc -c <"$out")
	[ -n "$BYTES_KEEP" ] && tail -c $((s2 - s1)) "$out" >"$out.linedown"
	tmux -L "$sock" send-keys Space
	settle "$out"
	s3=$(wc -c <"$out")
	tmux -L "$sock" send-keys G
	settle "$out"
	s4=$(wc -c <"$out")
	tmux -L "$sock" send-keys g
	settle "$out"
	s5=$(wc -c <"$out")
	tmux -L "$sock" send-keys 1 5 "$down"
	settle "$out"
	s6=$(wc -c <"$out")
	for i in 1 2 3 4 5 6 7 8 9 10; do
		a=$(wc -c <"$out")
		tmux -L "$sock" send-keys "$down"
		settle "$out"
		[ -n "$BYTES_KEEP" ] && tail -c $(($(wc -c <"$out") - a)) "$out" >"$out.j$i"
	done
	s7=$(wc -c <"$out")
	tmux -L "$sock" send-keys q
	settle "$out"
	printf '%-22s %12d %10d %10d %10d %14d\n' "$name" $((s1 - s0 - 2)) $((s2 - s1)) \
	    $((s3 - s2)) $((s4 - s3)) $(((s7 - s6) / 10))
}

echo "bytes written to a ${cols}x${rows} xterm-256color terminal, $(basename "$file")"
printf '%-22s %12s %10s %10s %10s %14s\n' program "first screen" "line down" "page down" "to end" \
    "mean of 10 j"
measure kiroku "'$KIROKU' '$file'"
measure "kiroku (outline off)" "'$KIROKU' '$file'" o
measure less "less '$file'"
# BYTES_MORE=1: lv and w3m too (w3m scrolls a line with J; its j moves the cursor).
if [ -n "${BYTES_MORE:-}" ]; then
	command -v lv >/dev/null 2>&1 && measure lv "lv -Ou8 '$file'"
	command -v w3m >/dev/null 2>&1 && measure w3m "w3m -T text/plain '$file'" "" J
fi
