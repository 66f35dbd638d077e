#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-bounds.sh: the reproducers of issue 13 that are too big for tests, timed: --meta on
# 315 MB of Shift_JIS by path and on standard input; in a tmux pane, G, 50% and a resize on
# a 1 GiB sparse file (2 MB of text, then zeros) and on 50 MB runs of ESC and TAB; yes |
# kiroku at the top; /a over 100 MB of a, and q during that scan.  Memory is the peak
# (VmHWM) and what of it is not the mapped file (RssAnon).  A timing, not a test.
# Usage: bench/bench-bounds.sh [DIR]   (from the build directory; DIR keeps the files,
# default $TMPDIR/kiroku-bench-bounds, about 1.6 GB of disk, the sparse file 2 MB of it)
set -u
builddir=$(pwd)
kiroku=${KIROKU:-$builddir/src/kiroku}
dir=${1:-${TMPDIR:-/tmp}/kiroku-bench-bounds}
sock=kiroku-bench-bounds-$$
state=$(mktemp -d "${TMPDIR:-/tmp}/kiroku-bench-state.XXXXXX")
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1 || :; rm -rf "$state"' EXIT
command -v tmux >/dev/null 2>&1 || { echo "bench-bounds: no tmux" >&2; exit 1; }
[ -x "$kiroku" ] || { echo "bench-bounds: no $kiroku (run from the build directory)" >&2; exit 1; }
[ -x bench/gen-corpus ] || make bench/gen-corpus >/dev/null
mkdir -p "$dir"

# The files, made once.
[ -s "$dir/head.txt" ] || bench/gen-corpus 2 >"$dir/head.txt"
if [ ! -s "$dir/sjis-315mb.txt" ]; then
	echo "generating $dir/sjis-315mb.txt" >&2
	bench/gen-corpus 480 | sed 's/•/・/g' | iconv -f UTF-8 -t CP932 |
	    head -c 315000000 | LC_ALL=C sed '$d' >"$dir/sjis-315mb.txt"
fi
if [ ! -s "$dir/sparse-1gib.txt" ]; then
	cp "$dir/head.txt" "$dir/sparse-1gib.txt"
	truncate -s 1G "$dir/sparse-1gib.txt"
fi
for c in esc tab; do
	[ -s "$dir/$c-50mb.txt" ] && continue	# x, then the run, on one line
	case $c in esc) b='\033' ;; tab) b='\011' ;; esac
	{ cat "$dir/head.txt"; printf 'x'; head -c 50000000 /dev/zero | tr '\000' "$(printf "$b")";
	    printf '\nthe end\n'; } >"$dir/$c-50mb.txt"
done
[ -s "$dir/a-100mb.txt" ] ||
	awk 'BEGIN { s = "a"; while (length(s) < 99) s = s s; s = substr(s, 1, 99);
	    for (i = 0; i < 1000000; i++) print s }' >"$dir/a-100mb.txt"

# now_ms: wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# start CMD: a fresh 100x30 pane running CMD.
start() {
	tmux -L "$sock" kill-server >/dev/null 2>&1 || :
	rm -rf "$state" && mkdir "$state"
	tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 \
	    "exec env -i PATH='$PATH' HOME='$state' TERM=xterm-256color LANG=C.UTF-8 \
	    XDG_STATE_HOME='$state' $1"
	tmux -L "$sock" set-option -g remain-on-exit on >/dev/null
}

capture() {
	tmux -L "$sock" capture-pane -p 2>/dev/null
}

# kpid: the pid of the kiroku in the pane (the pane's own, or its child in a pipeline).
kpid() {
	p=$(tmux -L "$sock" display-message -p '#{pane_pid}')
	c=$(pgrep -P "$p" -x kiroku | head -n 1)
	echo "${c:-$p}"
}

# mem: "peak MB / not the mapping MB" of kiroku.
mem() {
	awk '/^VmHWM/ { h = $2 } /^RssAnon/ { a = $2 }
	    END { printf "%.0f MB peak, %.0f MB anon", h / 1024, a / 1024 }' "/proc/$(kpid)/status"
}

# wait_for TEXT: until the pane shows TEXT (at most 60 s).
wait_for() {
	t=$(now_ms)
	while ! capture | grep -Fq -- "$1"; do
		[ $(($(now_ms) - t)) -gt 60000 ] && return 1
		sleep 0.01
	done
}

# act KEYS... | act resize N: the milliseconds until the screen changed and then stayed
# the same for 300 ms (the last change counts).
act() {
	prev=$(capture)
	t0=$(now_ms)
	if [ "$1" = resize ]; then
		tmux -L "$sock" resize-window -x "$2"
	else
		tmux -L "$sock" send-keys "$@"
	fi
	last=-1
	while :; do
		cur=$(capture)
		t=$(now_ms)
		if [ "$cur" != "$prev" ]; then
			last=$t
			prev=$cur
		elif [ "$last" -ge 0 ] && [ $((t - last)) -ge 300 ]; then
			echo "$((last - t0)) ms"
			return
		fi
		[ $((t - t0)) -gt 60000 ] && { echo "-"; return; }
		sleep 0.005
	done
}

echo "--meta, 315 MB of Shift_JIS (best of 3)"
for how in path stdin; do
	best=
	for i in 1 2 3; do
		t0=$(now_ms)
		if [ $how = path ]; then
			"$kiroku" --meta "$dir/sjis-315mb.txt" >/dev/null
		else
			"$kiroku" --meta - <"$dir/sjis-315mb.txt" >/dev/null
		fi
		t=$(($(now_ms) - t0))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	printf '    by %-5s %6d ms\n' "$how" "$best"
done

echo "runs without a break opportunity (100x30; G, 50%, resize to 70 columns)"
for f in sparse-1gib esc-50mb tab-50mb; do
	start "'$kiroku' '$dir/$f.txt'"
	wait_for 'h:help'
	sleep 2		# let the load finish: G then goes to the true end
	g=$(act G)
	p=$(act 5 0 %)
	r=$(act resize 70)
	printf '    %-12s G %s, 50%% %s, resize %s; %s\n' "$f" "$g" "$p" "$r" "$(mem)"
done

echo "yes あいうえお | kiroku, at the top"
start "sh -c 'yes あいうえお | \"$kiroku\"'"
wait_for 'reading paused'
sleep 2
printf '    %s, status: %s\n' "$(mem)" "$(capture | tail -n 1 | sed 's/  */ /g')"

echo "/a over 100 MB of a (a million lines of 99)"
start "'$kiroku' '$dir/a-100mb.txt'"
wait_for 'h:help'
sleep 1
t0=$(now_ms)
tmux -L "$sock" send-keys / a Enter
wait_for 'match 1/'
printf '    scan %d ms, %s, %s\n' $(($(now_ms) - t0)) "$(capture | tail -n 1 |
    sed 's/.*\(match [0-9/]*\).*/\1/')" "$(mem)"
start "'$kiroku' '$dir/a-100mb.txt'"
wait_for 'h:help'
sleep 1
tmux -L "$sock" send-keys / a Enter
sleep 0.5
t0=$(now_ms)
tmux -L "$sock" send-keys q
while [ "$(tmux -L "$sock" display-message -p '#{pane_dead}')" != 1 ]; do
	sleep 0.002
done
printf '    q during the scan: taken in %d ms\n' $(($(now_ms) - t0))
