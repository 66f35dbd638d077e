# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: helpers for the screen tests (sourced after tap.sh).  Runs kiroku in a shell in
# a tmux server of its own (private socket, no config), sends keys, reads the pane back
# and polls with a bounded wait; the server is always killed at exit.  Nothing waits by
# the clock: kiroku reports through KIROKU_TEST_IDLE_FILE how many keys it has read and
# for which size it drew before it went to wait, and screen_settle waits for that.
sample=$top_srcdir/content/000_f63a307d17307818.txt
LC_ALL=C.UTF-8; export LC_ALL
screen_sock=kiroku-test-$$
screen_n=0
screen_wait_s=${SCREEN_WAIT:-5}		# the longest a check waits for the screen, seconds
screen_nkeys=$tap_tmp/nkeys		# keys sent to the kiroku in the pane (a file: tests
					# send keys from $(...) too)
screen_idle=$tap_tmp/idle		# its report: "KEYS ROWS COLS" when it waits, drawn

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
	screen_idle=$tap_tmp/idle-$screen_n
	scr new-session -d -x "$cols" -y "$rows" \
	    env -i PATH="$PATH" HOME="$tap_tmp" TERM=xterm-256color LANG=C.UTF-8 \
	    NCURSES_NO_UTF8_ACS=1 PS1='$ ' XDG_STATE_HOME="$tap_tmp/state-$screen_n" \
	    KIROKU_CONTENT="${KIROKU_CONTENT:-}" KIROKU_TEST_IDLE_FILE="$screen_idle" "$@" sh
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

# screen_keys KEY...: send keys as tmux names them (j, Enter, Tab, C-l, ...), or -l TEXT,
# and count what kiroku will read: a key a name, C-c none (a signal), a character each for
# TEXT or a word tmux does not know as a key name.
screen_keys() {
	scr send-keys "$@"
	_sn=$(cat "$screen_nkeys" 2>/dev/null || echo 0)
	if [ "$1" = -l ]; then
		_sn=$((_sn + $(printf '%s' "$2" | wc -m)))
	else
		for _sk in "$@"; do
			case $_sk in
			C-c) ;;
			?|C-?|Enter|Escape|Tab|BTab|BSpace|Space|Up|Down|Left|Right|Home|End|\
			PageUp|PageDown|PPage|NPage|PgUp|PgDn|IC|DC|F[0-9]|F1[0-2])
				_sn=$((_sn + 1)) ;;
			*)	_sn=$((_sn + $(printf '%s' "$_sk" | wc -m))) ;;
			esac
		done
	fi
	echo "$_sn" >"$screen_nkeys"
}

# screen_new_kiroku: the next kiroku in the pane starts counting keys from nothing.
screen_new_kiroku() {
	echo 0 >"$screen_nkeys"
	rm -f "$screen_idle"
}

# screen_size: the pane's size as "ROWS COLS".
screen_size() {
	scr display-message -p '#{pane_height} #{pane_width}'
}

# screen_drawn: wait until kiroku has read every key sent and drawn the result for the
# pane's present size (its report says so), then until tmux shows all of it (two equal
# captures in a row); fails after screen_wait_s seconds.
screen_drawn() {
	_sw="$(cat "$screen_nkeys" 2>/dev/null || echo 0) $(screen_size)"
	_si=0
	while [ "$(cat "$screen_idle" 2>/dev/null)" != "$_sw" ]; do
		_si=$((_si + 1))
		if [ "$_si" -ge $((screen_wait_s * 20)) ]; then
			echo "# kiroku did not report \"$_sw\" (it says \"$(cat "$screen_idle" 2>/dev/null)\")" >&2
			return 1
		fi
		sleep 0.05
	done
	screen_stable
}

# screen_stable: wait until two captures 100 ms apart are equal.
screen_stable() {
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

# screen_resize COLS ROWS: resize the pane and wait until kiroku has drawn for the new
# size (tmux sends the SIGWINCH up to 250 ms after the pane changed).
screen_resize() {
	scr resize-window -x "$1" -y "$2"
	screen_drawn
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

# screen_settle: while kiroku runs in the pane, screen_drawn; else (a shell, less) wait
# until the pane stops changing.
screen_settle() {
	if [ -s "$tap_tmp/pid" ] && kill -0 "$(cat "$tap_tmp/pid")" 2>/dev/null &&
	    [ "$(awk '{ print $3 }' "/proc/$(cat "$tap_tmp/pid")/stat" 2>/dev/null)" != Z ]; then
		screen_drawn
	else
		screen_stable
	fi
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
	screen_new_kiroku
	screen_run "sh -c 'echo \$\$ >\"$tap_tmp/pid\"; exec \"\$0\" \"\$@\"' $(screen_quote "$KIROKU") $(screen_quote_all "$@"); echo rc=\$?"
	screen_wait 'h:help *$' && screen_drawn
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

# screen_pid_gone PID: wait (bounded, screen_wait_s) for the process to be gone (a zombie
# whose parent shell died with the terminal counts as gone: it has exited).  A process that
# hangs or spins on stays, and the wait fails.
screen_pid_gone() {
	i=0
	while [ "$i" -lt $((screen_wait_s * 20)) ]; do
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
