# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh: TAP helpers for the shell tests (sourced).  Each check prints one ok/not ok line
# named in plain words; a failure prints what was compared.  End with tap_done.
tap_n=0
tap_failed=0
: "${KIROKU:=${KIROKU_TEST_PROGRAM:-$top_builddir/src/kiroku}}"
: "${top_srcdir:=.}"
tap_tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiroku-test.XXXXXX")
trap 'rm -rf "$tap_tmp"' EXIT
# $KIROKU names the program under test (make passes it as KIROKU_TEST_PROGRAM), but kiroku
# reads a KIROKU variable as options: keep it a shell variable only.  And no tester's configuration file reaches the tests.
tap_kiroku=$KIROKU
unset KIROKU
KIROKU=$tap_kiroku
XDG_CONFIG_HOME=$tap_tmp/no-config
export XDG_CONFIG_HOME

# tap_ok NAME COMMAND...: pass if the command succeeds.
tap_ok() {
	name=$1; shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $name"
	else
		echo "not ok $tap_n - $name"
		echo "#   command failed: $*"
		tap_failed=$((tap_failed + 1))
	fi
}

# tap_is NAME GOT EXPECTED: pass if the two strings are equal.
tap_is() {
	tap_n=$((tap_n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $tap_n - $1"
	else
		echo "not ok $tap_n - $1"
		printf '%s\n' "#   got:" "$2" | sed 's/^/#     /'
		printf '%s\n' "#   expected:" "$3" | sed 's/^/#     /'
		tap_failed=$((tap_failed + 1))
	fi
}

# tap_skip NAME REASON: a check that cannot run here.
tap_skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# tap_done: print the plan.
tap_done() {
	echo "1..$tap_n"
}
