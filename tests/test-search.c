/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search.c: normalised matching: the NFKC, case and kana equivalences, offsets mapped
 * back to whole original characters, long lines cut into chunks, no match, empty and blank
 * patterns, invalid UTF-8, search_prev, counting, the sample record and cancellation.
 * Texts are copied into buffers of exactly their length so a read past the end shows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "search.h"
#include "tap.h"
#include "xmalloc.h"

/* The sample record, relative to $top_srcdir. */
#define TEST_SAMPLE	"content/000_f63a307d17307818.txt"

/* Return a copy of len bytes of s without a terminator; the caller frees it. */
static char *
test_exact(const char *s, size_t len)
{
	char	*p = xmalloc(len);

	memcpy(p, s, len);
	return (p);
}

/* Make a search that must succeed. */
static struct search *
test_search(const char *pattern, int flags)
{
	struct search	*s;
	char		*cause = NULL;

	s = search_create(pattern, strlen(pattern), flags, &cause);
	if (s == NULL) {
		tap_diag("search_create(\"%s\"): %s", pattern, cause);
		free(cause);
		exit(1);
	}
	return (s);
}

/* Return search_next of pattern in text from 0, with the match in *off and *len. */
static int
test_find(const char *pattern, int flags, const char *text, size_t *off, size_t *len)
{
	struct search	*s = test_search(pattern, flags);
	size_t		 textlen = strlen(text);
	char		*t = test_exact(text, textlen);
	int		 r;

	*off = *len = (size_t)-1;
	r = search_next(s, t, textlen, 0, off, len);
	free(t);
	search_free(s);
	return (r);
}

/* Return 1 if pattern matches all of text exactly (offset 0, every byte). */
static int
test_whole(const char *pattern, int flags, const char *text)
{
	size_t	off, len;

	if (test_find(pattern, flags, text, &off, &len) != SEARCH_FOUND)
		return (0);
	return (off == 0 && len == strlen(text));
}

/* Return the number of matches of pattern in len bytes of text. */
static size_t
test_count(const char *pattern, int flags, const char *text, size_t len)
{
	struct search	*s = test_search(pattern, flags);
	char		*t = test_exact(text, len);
	size_t		 count = (size_t)-1;

	if (search_count_range(s, t, len, 0, len, &count) != 0)
		count = (size_t)-1;
	free(t);
	search_free(s);
	return (count);
}

/* Full-width, half-width, upper and lower case, katakana and hiragana. */
static void
test_equivalences(void)
{
	static const char *apec[] = { "ＡＰＥＣ", "APEC", "apec", "Apec", "ａｐｅｃ" };
	static const char *digits[] = { "１２３", "123" };
	size_t	 i, j;
	int	 all;

	all = 1;
	for (i = 0; i < 5; i++) {
		for (j = 0; j < 5; j++) {
			if (!test_whole(apec[i], 0, apec[j])) {
				tap_diag("%s does not match %s", apec[i], apec[j]);
				all = 0;
			}
		}
	}
	ok(all, "ＡＰＥＣ, APEC, apec, Apec and ａｐｅｃ all match each other");
	all = 1;
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2; j++)
			all &= test_whole(digits[i], 0, digits[j]);
	}
	ok(all, "full-width and half-width digits match each other");
	ok(test_whole("ｱﾍﾟｯｸ", 0, "アペック"), "half-width ｱﾍﾟｯｸ finds katakana アペック");
	ok(test_whole("アペック", 0, "ｱﾍﾟｯｸ"),
	    "katakana アペック finds half-width ｱﾍﾟｯｸ, all 15 bytes");
	ok(test_whole("ｶﾞ", 0, "ガ"), "half-width ｶﾞ finds ガ");
	ok(test_whole("ガ", 0, "ｶﾞ"), "ガ finds half-width ｶﾞ");
	ok(test_whole("が", 0, "か\xe3\x82\x99"), "が finds か with a combining voiced mark");
	ok(test_whole("é", 0, "E\xcc\x81"), "é finds E with a combining acute");
	ok(test_whole("ss", 0, "ß"), "ss finds ß (full case folding)");
	ok(test_whole("株", 0, "㈱"), "株 finds ㈱ and covers all of it");
	ok(test_whole("平成", 0, "㍻"), "平成 finds the era square ㍻");

	ok(test_whole("アペック", 0, "あぺっく") == 0, "without the kana fold アペック misses あぺっく");
	ok(test_whole("あぺっく", 0, "アペック") == 0, "without the kana fold あぺっく misses アペック");
	ok(test_whole("アペック", SEARCH_KANA_FOLD, "あぺっく"), "with the kana fold アペック finds あぺっく");
	ok(test_whole("あぺっく", SEARCH_KANA_FOLD, "アペック"), "with the kana fold あぺっく finds アペック");
	ok(test_whole("あぺっく", SEARCH_KANA_FOLD, "ｱﾍﾟｯｸ"),
	    "with the kana fold あぺっく finds half-width ｱﾍﾟｯｸ");
	ok(test_whole("ゔぁ", SEARCH_KANA_FOLD, "ヴァ"), "with the kana fold ゔぁ finds ヴァ");
	ok(test_whole("ヘ", 0, "ペ") == 0, "ヘ does not find ペ");
	ok(test_whole("ヘ", 0, "ﾍﾟ") == 0, "ヘ does not find half-width ﾍﾟ (it composes to ペ)");
}

/* The match covers exactly the original characters. */
static void
test_offsets(void)
{
	size_t	off, len;

	is_int(test_find("ペ", 0, "ｱﾍﾟｯｸ", &off, &len), SEARCH_FOUND, "ペ found in ｱﾍﾟｯｸ");
	is_int(off, 3, "ペ in ｱﾍﾟｯｸ starts at ﾍ (byte 3)");
	is_int(len, 6, "ペ in ｱﾍﾟｯｸ covers ﾍ and ﾟ (6 bytes)");

	test_find("ec", 0, "ＡＰＥＣ会議", &off, &len);
	ok(off == 6 && len == 6, "ec in ＡＰＥＣ会議 covers ＥＣ: %zu+%zu", off, len);

	test_find("会議", 0, "ＡＰＥＣ会議", &off, &len);
	ok(off == 12 && len == 6, "会議 after full-width letters: %zu+%zu", off, len);

	test_find("k", 0, "x\xe3\x8e\x8fy", &off, &len);
	ok(off == 1 && len == 3, "k inside ㎏ (folds to kg) covers the whole ㎏: %zu+%zu",
	    off, len);

	test_find("a b", 0, "xa\xe3\x80\x80" "by", &off, &len);
	ok(off == 1 && len == 5, "a space finds an ideographic space: %zu+%zu", off, len);

	test_find("cafe", 0, "CAFE\xcc\x81!", &off, &len);
	is_int(test_find("cafe", 0, "CAFE\xcc\x81!", &off, &len), SEARCH_NONE,
	    "cafe does not find CAFÉ written with a combining accent (e+◌́ composes to é)");
	test_find("café", 0, "xCAFE\xcc\x81!", &off, &len);
	ok(off == 1 && len == 6, "café finds CAFE+◌́ and covers the mark: %zu+%zu", off, len);
}

/* Matches deep in long lines, across the chunks the scan folds, and never across lines. */
static void
test_long_lines(void)
{
	struct search	*s;
	size_t		 n = 200 * 1024, at, off, len, count;
	char		*t = xmalloc(n);
	int		 all = 1, r;

	/* One line of 200 KiB of あ with 領土 put at byte offsets around the 64 KiB chunks. */
	for (at = 65536 - 9; at <= 65536 + 3; at += 3) {
		size_t i;

		for (i = 0; i + 3 <= n; i += 3)
			memcpy(t + i, "あ", 3);
		memcpy(t + at, "領土", 6);
		s = test_search("領土", 0);
		if (search_next(s, t, n - n % 3, 0, &off, &len) != SEARCH_FOUND ||
		    off != at || len != 6) {
			tap_diag("領土 at %zu: got %zu+%zu", at, off, len);
			all = 0;
		}
		search_free(s);
	}
	ok(all, "a match across a chunk boundary of a long line is found at its offset");

	/* A 120 KiB line of half-width ﾍﾟ: every pair composes, also at the chunk cuts. */
	for (at = 0; at + 6 <= 120 * 1024; at += 6)
		memcpy(t + at, "ﾍﾟ", 6);
	s = test_search("ぺ", SEARCH_KANA_FOLD);
	search_count_range(s, t, at, 0, at, &count);
	is_int(count, at / 6, "every ﾍﾟ of a long line is found as ぺ");
	r = search_next(s, t, at, 65536, &off, &len);
	ok(r == SEARCH_FOUND && off == 65538 && len == 6,
	    "search_next mid-line starts at the next whole ﾍﾟ: %zu+%zu", off, len);
	search_free(s);
	free(t);

	is_int(test_count("領土", 0, "領\n土", 7), 0, "a match never crosses a newline");
}

/* No match, empty patterns, blank patterns, newlines in patterns. */
static void
test_patterns(void)
{
	struct search	*s;
	char		*cause = NULL;
	size_t		 off, len;

	is_int(test_find("領土", 0, "平和条約", &off, &len), SEARCH_NONE, "no match");
	is_int(test_find("領土", 0, "", &off, &len), SEARCH_NONE, "no match in an empty text");

	s = search_create("", 0, 0, &cause);
	ok(s == NULL && cause != NULL, "an empty pattern is refused");
	is_str(cause, "empty pattern", "with the cause \"empty pattern\"");
	free(cause);
	cause = NULL;
	s = search_create("領\n土", strlen("領\n土"), 0, &cause);
	ok(s == NULL && cause != NULL, "a pattern with a newline is refused");
	free(cause);

	test_find("  ", 0, "a b  c", &off, &len);
	ok(off == 3 && len == 2, "a pattern of two spaces finds two spaces: %zu+%zu", off, len);
	test_find("  ", 0, "a　　c", &off, &len);
	ok(off == 1 && len == 6, "and two ideographic spaces: %zu+%zu", off, len);
	is_int(test_count(" ", 0, "a b　c  d", strlen("a b　c  d")), 4,
	    "a pattern of one space counts every space, ideographic ones too");
	is_int(test_count("aa", 0, "aaaaa", 5), 2, "matches do not overlap (aa in aaaaa: 2)");
}

/* Invalid bytes in the text or the pattern: U+FFFD, never a crash or a read past the end. */
static void
test_invalid(void)
{
	static const char raw[] = "ab\xff\xfe領土\xe9\xa0 \xc3";
	size_t	off, len;

	test_find("領土", 0, raw, &off, &len);
	ok(off == 4 && len == 6, "領土 found after 0xff 0xfe: %zu+%zu", off, len);
	is_int(test_count("\xef\xbf\xbd", 0, raw, sizeof raw - 1), 5,
	    "U+FFFD matches each invalid byte (0xff, 0xfe, a cut 0xe9 0xa0, a last 0xc3)");
	test_find("\xff", 0, raw, &off, &len);
	ok(off == 2 && len == 1, "an invalid byte in the pattern matches one in the text: %zu+%zu",
	    off, len);
	is_int(test_count("\xc3", 0, raw, sizeof raw - 1), 5,
	    "a pattern of a cut sequence matches as U+FFFD");
	is_int(test_find("土\xe9", 0, "領土\xe9", &off, &len), SEARCH_FOUND,
	    "a cut sequence at the very end of the text is matched, not overrun");
	is_int(test_count("a", 0, "\x80\x80\x80\xbf" "A\xf4\x90\x80\x80" "a", 10), 2,
	    "stray continuation bytes and out-of-range sequences are skipped");
}

/* search_prev, search_all over a range and counting. */
static void
test_prev_and_count(void)
{
	const char	*text = "領土 a 領土 b\n領土";
	size_t		 textlen = strlen(text), off, len, count;
	int		 r;
	struct search	*s = test_search("領土", 0);
	char		*t = test_exact(text, textlen);

	/* 領土 at bytes 0, 9 and 18 (after the newline). */
	r = search_prev(s, t, textlen, textlen, &off, &len);
	ok(r == SEARCH_FOUND && off == 18 && len == 6,
	    "search_prev from the end finds the last match: %zu", off);
	r = search_prev(s, t, textlen, 18, &off, &len);
	ok(r == SEARCH_FOUND && off == 9, "search_prev from a match finds the one before: %zu",
	    off);
	r = search_prev(s, t, textlen, 9, &off, &len);
	ok(r == SEARCH_FOUND && off == 0, "and the first: %zu", off);
	is_int(search_prev(s, t, textlen, 0, &off, &len), SEARCH_NONE,
	    "search_prev from the start finds nothing");
	r = search_next(s, t, textlen, 1, &off, &len);
	ok(r == SEARCH_FOUND && off == 9, "search_next from inside a match finds the next one: %zu",
	    off);
	is_int(search_next(s, t, textlen, 19, &off, &len), SEARCH_NONE,
	    "search_next after the last match finds nothing");

	search_count_range(s, t, textlen, 0, textlen, &count);
	is_int(count, 3, "three matches in all");
	search_count_range(s, t, textlen, 1, 16, &count);
	is_int(count, 1, "one match starting in [1, 17)");
	search_count_range(s, t, textlen, 9, (size_t)-1, &count);
	is_int(count, 2, "a range past the end is cut at the end");
	search_count_range(s, t, textlen, 100, 5, &count);
	is_int(count, 0, "a range beyond the text has none");

	/* The same buffer with other contents: search_forget drops what s remembered. */
	search_prev(s, t, textlen, textlen, &off, &len);
	memcpy(t + 18, "平和", 6);
	search_forget(s);
	r = search_prev(s, t, textlen, textlen, &off, &len);
	ok(r == SEARCH_FOUND && off == 9, "after search_forget a changed text is rescanned: %zu",
	    off);
	free(t);
	search_free(s);
}

/* The callback of test_sample: check and count each match of 領土. */
static int
test_sample_match(void *arg, size_t off, size_t len)
{
	const char	**text = arg;

	if (len != 6 || memcmp(text[0] + off, "領土", 6) != 0)
		text[1] = "bad";
	return (0);
}

/* The sample record: 領土 as often as grep counts it. */
static void
test_sample(void)
{
	struct search	*s;
	struct doc	*d;
	const char	*arg[2];
	char		*text, *path, *cause = NULL;
	size_t		 textlen, count, off, len, n, total, *counts, sum, i;

	text = tap_read_file(TEST_SAMPLE, &textlen);
	s = test_search("領土", 0);
	search_count_range(s, text, textlen, 0, textlen, &count);
	/* 9: `grep -o 領土 content/000_f63a307d17307818.txt | wc -l` */
	is_int(count, 9, "領土 occurs 9 times in the sample");
	arg[0] = text;
	arg[1] = NULL;
	search_all(s, text, textlen, 0, textlen, test_sample_match, arg);
	ok(arg[1] == NULL, "each match of 領土 covers exactly the 6 bytes of 領土");

	/* n through every match and around, as the pager does. */
	n = 0;
	off = 0;
	while (search_next(s, text, textlen, off, &off, &len) == SEARCH_FOUND) {
		n++;
		off += len;
	}
	is_int(n, 9, "search_next steps through the 9 matches");
	n = 0;
	off = textlen;
	while (search_prev(s, text, textlen, off, &off, &len) == SEARCH_FOUND)
		n++;
	is_int(n, 9, "search_prev steps back through the 9 matches");

	path = xasprintf("%s/%s", tap_srcdir(), TEST_SAMPLE);
	d = doc_create(path, NULL, &cause);
	ok(d != NULL, "the sample opens as a document: %s", d != NULL ? "yes" : cause);
	free(path);
	free(cause);
	if (d != NULL) {
		counts = xcalloc(d->nsections + 1, sizeof *counts);
		search_doc_count_sections(s, d, counts, &total);
		is_int(total, 9, "all 9 matches are in blocks of the document");
		sum = 0;
		for (i = 0; i < d->nsections; i++)
			sum += counts[i];
		ok(sum <= total && sum > 0, "the outline entries hold %zu of them", sum);
		free(counts);
		doc_free(d);
	}
	search_free(s);

	s = test_search("ａｐｅｃ", 0);
	search_count_range(s, text, textlen, 0, textlen, &count);
	/* 3: `grep -o APEC content/000_f63a307d17307818.txt | wc -l` (all ASCII there) */
	is_int(count, 3, "ａｐｅｃ finds the 3 APEC of the sample");
	search_free(s);
	free(text);
}

/* The cancel flag stops a scan. */
static int
test_cancel_after_first(void *arg, size_t off, size_t len)
{
	*(volatile sig_atomic_t *)arg = 1;
	return (0);
}

/* Cancellation, set before a search and from inside one. */
static void
test_cancel(void)
{
	volatile sig_atomic_t	 cancel = 0;
	struct search		*s = test_search("領土", 0);
	size_t			 n = 1024 * 1024, i, off, len, count;
	char			*t = xmalloc(n);

	for (i = 0; i + 7 <= n; i += 7)
		memcpy(t + i, "領土\n", 7);
	memset(t + i, '\n', n - i);
	search_set_cancel(s, &cancel);
	is_int(search_next(s, t, n, 0, &off, &len), SEARCH_FOUND, "not cancelled: found");
	cancel = 1;
	is_int(search_next(s, t, n, 0, &off, &len), SEARCH_CANCELLED,
	    "with the flag set search_next is cancelled");
	is_int(search_prev(s, t, n, n, &off, &len), SEARCH_CANCELLED,
	    "and search_prev");
	is_int(search_count_range(s, t, n, 0, n, &count), SEARCH_CANCELLED,
	    "and search_count_range");
	cancel = 0;
	is_int(search_all(s, t, n, 0, n, test_cancel_after_first, (void *)&cancel),
	    SEARCH_CANCELLED, "a flag set during search_all stops it at the next chunk");
	cancel = 0;
	search_count_range(s, t, n, 0, n, &count);
	is_int(count, n / 7, "cleared, the count is complete again");
	free(t);
	search_free(s);
}

/* A list of matches collected by search_all. */
struct test_list {
	size_t	*off;		/* byte offsets */
	size_t	*len;		/* byte lengths */
	size_t	 n;
	size_t	 alloc;
};

/* Append a match to a struct test_list. */
static int
test_list_add(void *arg, size_t off, size_t len)
{
	struct test_list	*l = arg;

	if (l->n == l->alloc) {
		l->alloc = l->alloc * 2 + 64;
		l->off = xreallocarray(l->off, l->alloc, sizeof *l->off);
		l->len = xreallocarray(l->len, l->alloc, sizeof *l->len);
	}
	l->off[l->n] = off;
	l->len[l->n] = len;
	l->n++;
	return (0);
}

/* Random texts of tricky characters, long enough to be cut into chunks: search_all,
 * search_next, search_prev and counting agree, matches are in order and apart, and the
 * original bytes of each match fold to something holding the pattern. */
static void
test_random(void)
{
	static const char *alphabet[] = {
		"ﾍ", "ﾟ", "ﾞ", "ペ", "ぺ", "ヘ", "A", "a", "Ａ", "ｂ", "é", "e", "\xcc\x81",
		"\n", "\xff", " ", "　", "㈱", "株", "ß", "s", "ガ", "ｶ", "\xe3\x82\x99"
	};
	static const char *patterns[] = {
		"ペ", "ヘ", "ae", "ss", "株", " a", "é", "\xff", "ｶﾞ", "ぺぺ", "s"
	};
	struct search_fold	 sf;
	struct test_list	 l;
	struct search		*s;
	unsigned long		 seed = 12345;
	size_t			 n, len, i, k, p, off, mlen, count, flen, plen;
	const char		*pat;
	char			*t, *folded;
	int			 flags, bad = 0, round;

	for (round = 0; round < 10; round++) {
		n = round < 6 ? 300 : 80 * 1024;
		t = xmalloc(n + 8);
		len = 0;
		while (len < n) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			k = (seed >> 33) % (sizeof alphabet / sizeof *alphabet);
			/* Lines long enough to need chunks in half of the big texts. */
			if (alphabet[k][0] == '\n' && round % 2 == 1 && n > 1000)
				continue;
			memcpy(t + len, alphabet[k], strlen(alphabet[k]));
			len += strlen(alphabet[k]);
		}
		for (p = 0; p < sizeof patterns / sizeof *patterns; p++) {
			flags = (round + p) % 2 ? SEARCH_KANA_FOLD : 0;
			s = test_search(patterns[p], flags);
			pat = search_pattern_folded(s, &plen);
			search_fold_init(&sf, flags);
			memset(&l, 0, sizeof l);
			search_all(s, t, len, 0, len, test_list_add, &l);
			search_count_range(s, t, len, 0, len, &count);
			if (count != l.n)
				bad |= 1;
			for (i = 0; i < l.n; i++) {
				if (i > 0 && l.off[i] < l.off[i - 1] + l.len[i - 1])
					bad |= 2;
				folded = search_fold_string(&sf, t + l.off[i], l.len[i], &flen);
				if (memmem(folded, flen, pat, plen) == NULL)
					bad |= 4;
				free(folded);
			}
			off = 0;
			for (i = 0; search_next(s, t, len, off, &off, &mlen) == SEARCH_FOUND; i++) {
				if (i >= l.n || off != l.off[i] || mlen != l.len[i]) {
					bad |= 8;
					break;
				}
				off += mlen;
			}
			if (i != l.n)
				bad |= 8;
			/* Back from the end (only 20 steps in a long line: each rescans it). */
			off = len;
			for (i = l.n; i + 20 > l.n || n < 1000; i--) {
				if (search_prev(s, t, len, off, &off, &mlen) != SEARCH_FOUND) {
					if (i != 0)
						bad |= 16;
					break;
				}
				if (i == 0 || off != l.off[i - 1] || mlen != l.len[i - 1]) {
					bad |= 16;
					break;
				}
			}
			if (bad && !(bad & 32)) {
				tap_diag("round %d pattern %s: %d", round, patterns[p], bad);
				bad |= 32;
			}
			free(l.off);
			free(l.len);
			search_fold_clear(&sf);
			search_free(s);
		}
		free(t);
	}
	ok(bad == 0, "random texts: all, next, prev and count agree, and each match folds "
	    "to the pattern (%d)", bad);
}

/* A pattern of 10,000 characters is matched whole, never cut: over a line that holds only
 * its first 9,999 characters it finds nothing. */
static void
test_long_pattern(void)
{
	struct search *s;
	char *pat, *text, *cause = NULL;
	size_t n = 10000, off, len, count;

	pat = xmalloc(3 * n + 1);
	text = xmalloc(3 * (2 * n) + 2);
	for (size_t i = 0; i < n; i++)
		memcpy(pat + 3 * i, "あ", 3);
	pat[3 * n] = '\0';
	/* 9,999 あ, a い, then 10,000 あ. */
	for (size_t i = 0; i < 2 * n; i++)
		memcpy(text + 3 * i, i == n - 1 ? "い" : "あ", 3);
	text[6 * n] = '\n';
	s = search_create(pat, 3 * n, 0, &cause);
	ok(s != NULL, "a 10,000-character pattern is taken");
	is_int(search_next(s, text, 3 * (n - 1), 0, &off, &len), SEARCH_NONE,
	    "10,000 characters are not found in their first 9,999");
	is_int(search_next(s, text, 6 * n + 1, 0, &off, &len), SEARCH_FOUND,
	    "they are found where all 10,000 are");
	is_int(off, 3 * n, "at the right place");
	is_int(len, 3 * n, "with the whole length");
	search_count_range(s, text, 6 * n + 1, 0, 6 * n + 1, &count);
	is_int(count, 1, "once");
	search_free(s);
	free(pat);
	free(text);
}

int
main(void)
{
	test_equivalences();
	test_offsets();
	test_long_lines();
	test_patterns();
	test_invalid();
	test_prev_and_count();
	test_sample();
	test_cancel();
	test_random();
	test_long_pattern();
	return (tap_done());
}
