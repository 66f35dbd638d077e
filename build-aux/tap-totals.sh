#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tap-totals.sh: sum the TAP results of the given test logs (their .trs files) into one line,
# "N passed, N failed[, N skipped]", and exit non-zero when anything failed or a log is missing.
passed=0 failed=0 skipped=0
for log in "$@"; do
	trs=${log%.log}.trs
	if [ ! -f "$trs" ]; then
		failed=$((failed + 1)); echo "missing result: $trs" >&2; continue
	fi
	p=$(grep -c '^:test-result: \(PASS\|XFAIL\)' "$trs")
	f=$(grep -c '^:test-result: \(FAIL\|XPASS\|ERROR\)' "$trs")
	s=$(grep -c '^:test-result: SKIP' "$trs")
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
