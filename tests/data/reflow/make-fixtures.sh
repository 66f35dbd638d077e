#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make-fixtures.sh: the hard-wrapped copies of tests/data/reflow, made by tests/fold.py from
# the sample and mixed.txt (a record written for these tests): NAME-COLS.txt is NAME folded
# at COLS display columns.  Run from the top of the source tree after changing either.
set -e
dir=tests/data/reflow
sample=content/000_f63a307d17307818.txt
for cols in 35 80; do
	python3 tests/fold.py "$cols" <"$sample" >"$dir/sample-$cols.txt"
	python3 tests/fold.py "$cols" <"$dir/mixed.txt" >"$dir/mixed-$cols.txt"
done
