#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-open.sh: how long kiroku takes from its start to the first screen of the index of a
# library of many records, in a real terminal (tmux).  Generates the library with
# bench/bench-library -k (default 10,000 records), then runs kiroku on it several times with
# KIROKU_BENCH_EXIT_AFTER_FIRST_DRAW=1 (a benchmark hook: exit after the first doupdate) and
# reports the best and the median wall time.  A timing, not a test.
# Usage: bench/bench-open.sh [N | DIR]   (run from the build directory; needs tmux)
set -eu
runs=5
builddir=$(pwd)
kiroku=${KIROKU:-$builddir/src/kiroku}
command -v tmux >/dev/null 2>&1 || { echo "bench-open: no tmux" >&2; exit 1; }
[ -x "$kiroku" ] || { echo "bench-open: no $kiroku (run from the build directory)" >&2; exit 1; }

gen=""
case "${1:-10000}" in
*[!0-9]*)
	dir=$1
	;;
*)
	[ -x bench/bench-library ] || make bench/bench-library >/dev/null
	dir=$(bench/bench-library -k "${1:-10000}" | sed -n 's/^generated .* records in \(.*\) (.*/\1/p' | head -n 1)
	gen=$dir
	;;
esac
[ -d "$dir" ] || { echo "bench-open: no library directory" >&2; exit 1; }
n=$(find "$dir" -name '*.txt' | wc -l)
state=$(mktemp -d "${TMPDIR:-/tmp}/kiroku-bench-state.XXXXXX")
sock=kiroku-bench-$$
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1 || :; rm -rf "$state" $gen' EXIT

tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
    env -i PATH="$PATH" HOME="$state" TERM=xterm-256color LANG=C.UTF-8 \
    XDG_STATE_HOME="$state" KIROKU_BENCH_EXIT_AFTER_FIRST_DRAW=1 sh
tmux -L "$sock" set-option -g status off >/dev/null
# Warm the page cache and the dynamic loader once, untimed.
tmux -L "$sock" send-keys -l "$kiroku --ambiguous-width=1 '$dir' >/dev/null 2>&1; echo warm-done"
tmux -L "$sock" send-keys Enter
i=0
while ! tmux -L "$sock" capture-pane -p | grep -q '^warm-done'; do
	sleep 0.1
	i=$((i + 1))
	[ "$i" -lt 600 ] || { echo "bench-open: kiroku did not finish" >&2; exit 1; }
done

times=""
r=0
while [ "$r" -lt "$runs" ]; do
	tmux -L "$sock" send-keys -l "clear; t0=\$(date +%s%N); $kiroku --ambiguous-width=1 '$dir'; t1=\$(date +%s%N); echo open-ms=\$(( (t1 - t0) / 1000000 ))"
	tmux -L "$sock" send-keys Enter
	i=0
	while ! ms=$(tmux -L "$sock" capture-pane -p | sed -n 's/^open-ms=\([0-9]*\)$/\1/p' | grep .); do
		sleep 0.05
		i=$((i + 1))
		[ "$i" -lt 1200 ] || { echo "bench-open: kiroku did not finish" >&2; exit 1; }
	done
	times="$times $ms"
	r=$((r + 1))
done
sorted=$(printf '%s\n' $times | sort -n)
best=$(printf '%s\n' "$sorted" | head -n 1)
median=$(printf '%s\n' "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "$n records: start to the index's first screen (tmux 120x40): best $best ms, median $median ms (runs:$times)"
