#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# licence.sh: the licence as a distribution checks it: COPYING holds the GNU GPL version 3,
# every source file of the project carries the SPDX line at its top (generated files and
# records excepted), and content/README names the bundled record's source and terms.
. "$top_srcdir/tests/tap.sh"
cd "$top_srcdir" || exit 1

tap_ok "COPYING is the GNU GPL version 3" sh -c \
	'head -n 2 COPYING | grep -q "GNU GENERAL PUBLIC LICENSE" && head -n 2 COPYING | grep -q "Version 3, 29 June 2007"'

missing= checked=0
for f in configure.ac Makefile.am doc/kiroku.1.in doc/ja/kiroku.1.in doc/ja/man-ja.sed po/Makevars po/POTFILES.in \
    po/LINGUAS po/*.po src/*.[ch] tests/*.[ch] tests/*.sh tests/*.py \
    tests/fuzz/*.[ch] tests/fuzz/*.sh bench/*.[ch] bench/*.sh build-aux/gen-ambiguous.sh \
    build-aux/tap-totals.sh tests/data/*/*.sh .ci/run .ci/install-check .ci/deb-check; do
	[ -f "$f" ] || continue		# .ci/ is not in the tarball but for .ci/run
	[ "$f" = src/paths.h ] && continue	# made by make (an in-place build)
	checked=$((checked + 1))
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' || missing="$missing $f"
done
tap_ok "the source files were found ($checked)" [ "$checked" -ge 60 ]
tap_is "every source file carries SPDX-License-Identifier: GPL-3.0-or-later" "$missing" ""

tap_ok "content/README names the record's web page" \
	grep -q 'https://www.mofa.go.jp/mofaj/area/russia/visit/0909_sk.html' content/README
tap_ok "content/README says it was turned from the web page into text" \
	grep -q 'turned into plain text' content/README
tap_ok "content/README names the terms and CC BY 4.0" sh -c \
	'grep -q "政府標準利用規約" content/README && grep -q "第2.0版" content/README && grep -q "CC BY 4.0" content/README'
tap_done
