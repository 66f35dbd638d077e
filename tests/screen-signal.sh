#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screen-signal.sh: SIGHUP, SIGTERM and SIGINT restore the terminal and end kiroku at once;
# a pane closed under it (the ssh link gone) ends it too, with no CPU burnt afterwards.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
screen_have_tmux

# screen_cpu PID: the CPU ticks the process has used (utime + stime), or nothing.
screen_cpu() {
	awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null
}

for sig in HUP TERM INT; do
	screen_start 100 30
	screen_run 'echo before-kiroku'
	screen_wait '^before-kiroku$'	# its output, before the next line is typed
	screen_kiroku "$sample"
	pid=$(cat "$tap_tmp/pid")
	tap_ok "SIG$sig: kiroku is running" kill -0 "$pid"
	kill -s "$sig" "$pid"
	tap_ok "SIG$sig: the process ends (no hang, no spin)" screen_pid_gone "$pid"
	screen_wait 'rc=[0-9]' || screen_settle
	st=$(screen_capture | sed -n 's/^rc=\([0-9]*\)$/\1/p')
	# (sh itself stops the command line when its child dies of SIGINT: no status there.)
	case $sig in HUP) want=129;; TERM) want=143;; INT) want=;; esac
	[ -n "$want" ] && tap_is "SIG$sig: it dies of the signal (status $want)" "$st" "$want"
	tap_ok "SIG$sig: the terminal is restored (the shell's lines are back)" \
		matches "$(screen_capture)" '^before-kiroku$'
	tap_ok "SIG$sig: no pager line is left" lacks "$(screen_capture)" 'h:help'
done

# The pane closed under it: the terminal hangs up; kiroku must go and not spin.
screen_start 100 30
screen_kiroku "$sample"
pid=$(cat "$tap_tmp/pid")
scr split-window -d 'sleep 60'
scr kill-pane -t 0
tap_ok "a closed terminal: the process ends (no hang, no spin)" screen_pid_gone "$pid"

# Hang-up ignored (nohup-like) but the terminal gone: end of file ends it, no spinning.
screen_start 100 30
screen_run "trap '' HUP"
screen_kiroku "$sample"
pid=$(cat "$tap_tmp/pid")
cpu0=$(screen_cpu "$pid")
scr split-window -d 'sleep 60'
scr kill-pane -t 0
if screen_pid_gone "$pid"; then
	tap_ok "terminal gone with SIGHUP ignored: the process ends" true
else
	cpu1=$(screen_cpu "$pid")	# the CPU it burnt during the wait, to tell a spin
	tap_ok "terminal gone with SIGHUP ignored: the process ends (cpu $cpu0 -> $cpu1)" false
	kill -9 "$pid" 2>/dev/null
fi
tap_done
