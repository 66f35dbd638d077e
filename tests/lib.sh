# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: helpers for the screen tests (sourced after tap.sh).  Runs kiroku in a shell in
# a tmux server of its own (private socket, no config), sends keys, reads the pane back
# and polls with a bounded wait; the server is always killed at exit.
sample=$top_srcdir/content/000_f63a307d17307818.txt
LC_ALL=C.UTF-8; export LC_ALL
screen_sock=kiroku-test-$$
screen_n=0
screen_wait_s=${SCREEN_WAIT:-5}		# the longest a check waits for the screen, seconds

# screen_have_tmux: skip the whole script (TAP plan 1..0) if there is no tmux.
screen_have_tmux() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "1..0 # SKIP no tmux"
		exit 0
	fi
}

# scr ARGS...: a tmux command on the private server.
scr() {
	tmux -L "$screen_sock" -f /dev/null "$@"
}

# screen_stop: kill the private server (at exit too).
screen_stop() {
	scr kill-server >/dev/null 2>&1 || :
}
trap 'screen_stop; rm -rf "$tap_tmp"' EXIT

# screen_start COLS ROWS [VAR=VALUE]...: a fresh pane of COLS x ROWS running sh with a
# clean environment: TERM=xterm-256color, LANG=C.UTF-8, box lines as Unicode, the test
# harness's KIROKU_CONTENT (the source tree's records) and a state directory of its own
# (XDG_STATE_HOME, so no reading position carries over from another pane) unless the
# arguments say otherwise.
screen_start() {
	cols=$1 rows=$2
	shift 2
	screen_stop
	screen_n=$((screen_n + 1))
	screen_sock=kiroku-test-$$-$screen_n
	scr new-session -d -x "$cols" -y "$rows" \
	    env -i PATH="$PATH" HOME="$tap_tmp" TERM=xterm-256color LANG=C.UTF-8 \
	    NCURSES_NO_UTF8_ACS=1 PS1='$ ' XDG_STATE_HOME="$tap_tmp/state-$screen_n" \
	    KIROKU_CONTENT="${KIROKU_CONTENT:-}" "$@" sh
	scr set-option -g status off >/dev/null
	scr set-option -g remain-on-exit on >/dev/null
	if [ "$cols" -ge 4 ] && [ "$rows" -ge 2 ]; then
		screen_wait '^\$' || echo "# the shell did not start"
	fi
}

# screen_run COMMAND: type a command line into the pane's shell.
screen_run() {
	scr send-keys -l "$1"
	scr send-keys Enter
}

# screen_keys KEY...: send keys as tmux names them (j, Enter, Tab, C-l, ...).
screen_keys() {
	scr send-keys "$@"
}

# screen_capture: print what the pane shows.
screen_capture() {
	scr capture-pane -p
}

# screen_wait PATTERN: wait until the pane shows a line matching the extended regular
# expression; fails after screen_wait_s seconds.
screen_wait() {
	i=0
	while [ "$i" -lt $((screen_wait_s * 20)) ]; do
		if scr capture-pane -p 2>/dev/null | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# screen_wait_gone PATTERN: wait until no line of the pane matches.
screen_wait_gone() {
	i=0
	while [ "$i" -lt $((screen_wait_s * 20)) ]; do
		if ! scr capture-pane -p 2>/dev/null | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# screen_settle: wait until the pane stops changing (two equal captures 100 ms apart).
screen_settle() {
	prev=$(screen_capture)
	i=0
	while [ "$i" -lt $((screen_wait_s * 10)) ]; do
		sleep 0.1
		cur=$(screen_capture)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		i=$((i + 1))
	done
	return 1
}

# screen_wait_text_row N TEXT: wait (bounded) until the text pane's part of row N reads
# TEXT; a screen can look settled for a moment while a resize is still on its way.
screen_wait_text_row() {
	i=0
	while [ "$i" -lt $((screen_wait_s * 10)) ]; do
		[ "$(screen_text_row "$1")" = "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# screen_kiroku ARGS...: start kiroku in the pane (its pid in $tap_tmp/pid) and wait for
# its status line.
screen_kiroku() {
	rm -f "$tap_tmp/pid"
	screen_run "sh -c 'echo \$\$ >\"$tap_tmp/pid\"; exec \"\$0\" \"\$@\"' $(screen_quote "$KIROKU") $(screen_quote_all "$@"); echo rc=\$?"
	screen_wait 'h:help *$' && screen_settle
}

# screen_quote WORD: WORD quoted for sh.
screen_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# screen_quote_all WORD...: every word quoted for sh.
screen_quote_all() {
	for w in "$@"; do
		printf '%s ' "$(screen_quote "$w")"
	done
}

# screen_row N: row N (from 0) of the pane.
screen_row() {
	screen_capture | sed -n "$(($1 + 1))p"
}

# screen_text_row N: the text pane's part of row N (after the outline's │).
screen_text_row() {
	screen_row "$1" | sed 's/^[^│]*│//'
}

# screen_outline_row N: the outline's part of row N (before the │).
screen_outline_row() {
	screen_row "$1" | sed 's/│.*$//'
}

# screen_pipe FILE: from now on, append every byte the pane's programs write to FILE.
screen_pipe() {
	: >"$1"
	scr pipe-pane -o "cat >>$(screen_quote "$1")"
}

# screen_pipe_stop: stop piping.
screen_pipe_stop() {
	scr pipe-pane
}

# screen_pid_gone PID: wait up to a second for the process to be gone (a zombie whose
# parent shell died with the terminal counts as gone: it has exited).
screen_pid_gone() {
	i=0
	while [ "$i" -lt 20 ]; do
		kill -0 "$1" 2>/dev/null || return 0
		[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = Z ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# screen_locale NAME INPUT CHARSET: print the LANG (and LOCPATH) settings for a locale,
# building it into a private directory with localedef if the system lacks it; fails if it
# cannot be had.
screen_locale() {
	if locale -a 2>/dev/null | grep -qix "$(echo "$1" | sed 's/-//g')"; then
		echo "LANG=$1"
		return 0
	fi
	command -v localedef >/dev/null 2>&1 || return 1
	mkdir -p "$tap_tmp/locale"
	localedef -i "$2" -f "$3" "$tap_tmp/locale/$1" >/dev/null 2>&1
	[ -d "$tap_tmp/locale/$1" ] || return 1
	echo "LOCPATH=$tap_tmp/locale LANG=$1"
}

# has TEXT STRING: TEXT contains STRING (as is).
has() {
	printf '%s\n' "$1" | grep -Fq -- "$2"
}

# lacks TEXT STRING: TEXT does not contain STRING.
lacks() {
	! printf '%s\n' "$1" | grep -Fq -- "$2"
}

# matches TEXT ERE: a line of TEXT matches the extended regular expression.
matches() {
	printf '%s\n' "$1" | grep -Eq -- "$2"
}
