/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz.h: what the fuzz targets share.  Each target defines FUZZ_ENTRY(name): libFuzzer's
 * LLVMFuzzerTestOneInput in a fuzzing build (tests/fuzz/build.sh), fuzz_<name>_one in the
 * replay program (tests/fuzz/replay.c, built by make check with FUZZ_REPLAY defined).
 * A broken invariant prints what failed and aborts, so the fuzzer keeps the input. */
#ifndef KIROKU_FUZZ_H
#define KIROKU_FUZZ_H

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "layout.h"

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY(name) fuzz_##name##_one
#else
#define FUZZ_ENTRY(name) LLVMFuzzerTestOneInput
#endif
int	 FUZZ_ENTRY(input)(const uint8_t *, size_t);
int	 FUZZ_ENTRY(doc)(const uint8_t *, size_t);
int	 FUZZ_ENTRY(layout)(const uint8_t *, size_t);
int	 FUZZ_ENTRY(search)(const uint8_t *, size_t);

/* Abort with the failed condition unless e holds. */
#define fuzz_check(e) do {						\
	if (!(e))							\
		fuzz_fail(__FILE__, __LINE__, #e);			\
} while (0)

/* Print the broken invariant and abort. */
static inline void __attribute__((noreturn))
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	fflush(stderr);
	abort();
}

/* Set up once what the program sets up before reading records: a UTF-8 character type and
 * the country table (from $top_srcdir, else the source tree the target was built from). */
static inline void
fuzz_setup(void)
{
	static int	 done;
	const char	*top;
	char		 path[4096], *cause;

	if (done)
		return;
	done = 1;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	if ((top = getenv("top_srcdir")) != NULL)
		snprintf(path, sizeof path, "%s/content/regions.tsv", top);
	else
#ifdef KIROKU_SRC_CONTENTDIR	/* the libFuzzer targets (build.sh); the replay test has $top_srcdir */
		snprintf(path, sizeof path, "%s/regions.tsv", KIROKU_SRC_CONTENTDIR);
#else
		return;
#endif
	if (doc_region_load_countries(path, &cause) != 0)
		free(cause);
}

/* Move the text of t into a heap buffer of exactly t->len bytes, with no NUL after it, as a
 * mapped file is: a read past the end is then caught by AddressSanitizer. */
static inline void
fuzz_text_exact(struct input_text *t)
{
	char	*exact;

	exact = malloc(t->len > 0 ? t->len : 1);
	if (exact == NULL)
		abort();
	memcpy(exact, t->buf, t->len);
	free(t->owned);
	t->owned = exact;
	t->buf = exact;
	/* input_text_clear() frees owned; nothing was mapped. */
	t->map = NULL;
	t->map_len = 0;
}

/* Return 1 if the UTF-8 bytes hold nothing a terminal would act on: valid UTF-8 without C0
 * (TAB and LF included), DEL, C1 or bidi controls. */
static inline int
fuzz_visible_safe(const char *s, size_t len)
{
	size_t		 i, n;
	uint32_t	 cp;

	for (i = 0; i < len; i += n) {
		n = input_utf8_next(s + i, len - i, &cp);
		if (cp == INPUT_CP_INVALID || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    input_cp_is_bidi_control(cp))
			return (0);
	}
	return (1);
}

#endif
