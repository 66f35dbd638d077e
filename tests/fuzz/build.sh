#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# build.sh: build the libFuzzer targets with clang, address and undefined-behaviour
# sanitizers, compiling the layers below the pager again (the normal build may use gcc).
# Usage: build.sh SRCDIR BUILDDIR (BUILDDIR holds config.h; output in BUILDDIR/tests/fuzz).
# CC (default clang) and FUZZ_CFLAGS (default -O1 -g) may be set in the environment.
set -eu
srcdir=$1
builddir=$2
out=$builddir/tests/fuzz
cc=${FUZZ_CC:-clang}
cflags=${FUZZ_CFLAGS:--O1 -g}
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "build.sh: $cc not found: the fuzz targets need clang with libFuzzer" >&2
	exit 1
fi
mkdir -p "$out/obj"
# The layers below the pager, each compiled for libFuzzer's coverage.
objs=
for f in "$srcdir"/src/input-*.c "$srcdir"/src/doc-*.c "$srcdir"/src/layout-*.c \
    "$srcdir"/src/search-*.c "$srcdir"/src/xmalloc.c; do
	[ -f "$f" ] || continue
	o=$out/obj/$(basename "$f" .c).o
	$cc $cflags $san -fsanitize=fuzzer-no-link -std=c11 -I"$builddir" -I"$srcdir/src" \
	    -c "$f" -o "$o"
	objs="$objs $o"
done
for t in input doc layout search; do
	src=$srcdir/tests/fuzz/fuzz-$t.c
	$cc $cflags $san -fsanitize=fuzzer -std=c11 -I"$builddir" -I"$srcdir/src" \
	    -DKIROKU_SRC_CONTENTDIR="\"$srcdir/content\"" "$src" $objs -lunistring \
	    -o "$out/fuzz-$t"
	echo "built $out/fuzz-$t"
done
