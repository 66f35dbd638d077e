#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh: run each libFuzzer target for a set time on a scratch copy of its seed corpus.
# Usage: run.sh SRCDIR BUILDDIR SECONDS [TARGET...] (targets built by build.sh).  A crash
# leaves its input in BUILDDIR/tests/fuzz/artifacts/ and makes the exit status 1; save it
# under tests/data/regress/TARGET/ so tests/fuzz-replay replays it from then on.  The last
# line is "N passed, N failed", a target a result, as the CI totals count them.
set -u
srcdir=$1
builddir=$2
seconds=$3
shift 3
[ $# -gt 0 ] || set -- input doc layout search
out=$builddir/tests/fuzz
status=0 passed=0 failed=0
mkdir -p "$out/artifacts"
for t in "$@"; do
	scratch=$out/corpus-$t
	rm -rf "$scratch"
	mkdir -p "$scratch"
	cp "$srcdir/tests/fuzz/corpus/$t/"* "$scratch/" 2>/dev/null || :
	if [ -d "$srcdir/tests/data/regress/$t" ]; then
		cp "$srcdir/tests/data/regress/$t/"* "$scratch/" 2>/dev/null || :
	fi
	echo "== fuzz-$t for ${seconds}s"
	if ! "$out/fuzz-$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
	    -timeout=25 -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" \
	    "$scratch" 2>"$out/fuzz-$t.log"; then
		tail -n 40 "$out/fuzz-$t.log"
		echo "fuzz-$t: FAILED (log: $out/fuzz-$t.log)"
		status=1
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
		grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
		    "$out/fuzz-$t.log"
	fi
done
echo "$passed passed, $failed failed"
exit $status
