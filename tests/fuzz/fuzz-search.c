/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-search.c: search under libFuzzer.  The first byte gives the flags and the pattern's
 * length (1-32 bytes), then come the pattern and the text (raw bytes: search must take
 * invalid UTF-8).  Stepping forward with search_next, back with search_prev, search_all and
 * search_count_range must all give the same list of matches, in order, inside single lines. */
#include "config.h"

#include "fuzz.h"
#include "search.h"

#define FUZZ_SEARCH_MAX	4096	/* matches compared at most */

/* The matches search_all reported. */
struct fuzz_matches {
	size_t	off[FUZZ_SEARCH_MAX];	/* byte offsets */
	size_t	len[FUZZ_SEARCH_MAX];	/* bytes */
	size_t	n;
};

/* Record one match of search_all; stop when the table is full. */
static int
fuzz_search_add(void *arg, size_t off, size_t len)
{
	struct fuzz_matches	*fm = arg;

	fm->off[fm->n] = off;
	fm->len[fm->n] = len;
	return (++fm->n == FUZZ_SEARCH_MAX);
}

/* The libFuzzer entry point: one input. */
int
FUZZ_ENTRY(search)(const uint8_t *data, size_t size)
{
	static struct fuzz_matches	 fm;
	struct search			*s;
	char				*text, *cause;
	size_t				 plen, tlen, i, from, off, len, count;
	int				 r;

	fuzz_setup();
	if (size < 2)
		return (0);
	plen = 1 + (data[0] >> 3);
	if (plen > size - 1)
		plen = size - 1;
	if ((s = search_create((const char *)data + 1, plen, (data[0] & 1) ?
	    SEARCH_KANA_FOLD : 0, &cause)) == NULL) {
		fuzz_check(cause != NULL);
		free(cause);
		return (0);
	}
	tlen = size - 1 - plen;
	text = malloc(tlen > 0 ? tlen : 1);	/* exactly tlen: no NUL after it */
	if (text == NULL)
		abort();
	memcpy(text, data + 1 + plen, tlen);

	fm.n = 0;
	r = search_all(s, text, tlen, 0, tlen, fuzz_search_add, &fm);
	fuzz_check(r == (fm.n == FUZZ_SEARCH_MAX ? SEARCH_FOUND : SEARCH_NONE));
	for (i = 0; i < fm.n; i++) {
		fuzz_check(fm.len[i] > 0 && fm.off[i] + fm.len[i] <= tlen);
		fuzz_check(memchr(text + fm.off[i], '\n', fm.len[i]) == NULL);
		if (i > 0)
			fuzz_check(fm.off[i] >= fm.off[i - 1] + fm.len[i - 1]);
	}
	if (fm.n < FUZZ_SEARCH_MAX) {
		fuzz_check(search_count_range(s, text, tlen, 0, tlen, &count) == 0);
		fuzz_check(count == fm.n);
	}

	/* Forward from the end of each match, back from the start of each. */
	for (i = 0, from = 0; i < fm.n; i++) {
		fuzz_check(search_next(s, text, tlen, from, &off, &len) == SEARCH_FOUND);
		fuzz_check(off == fm.off[i] && len == fm.len[i]);
		from = off + len;
	}
	if (fm.n < FUZZ_SEARCH_MAX) {
		fuzz_check(search_next(s, text, tlen, from, &off, &len) == SEARCH_NONE);
		for (i = fm.n, from = tlen; i > 0; i--) {
			fuzz_check(search_prev(s, text, tlen, from, &off, &len) == SEARCH_FOUND);
			fuzz_check(off == fm.off[i - 1] && len == fm.len[i - 1]);
			from = off;
		}
		fuzz_check(search_prev(s, text, tlen, from, &off, &len) == SEARCH_NONE);
	}
	free(text);
	search_free(s);
	return (0);
}
