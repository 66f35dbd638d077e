/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-search.c: how fast a search runs over 100 MB of Japanese text.
 * Builds the text in memory from the sample record repeated, each copy followed by a line of
 * variants (full-width ＡＰＥＣ and digits, half-width ｱﾍﾟｯｸ, hiragana), then times counting
 * several patterns over all of it, and libunistring's u8_casefold on 10 MB for comparison.
 * A timing, not a test.  Usage: bench-search [MB [SAMPLE]]. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicase.h>
#include <uninorm.h>

#include "search.h"
#include "xmalloc.h"

/* Runs of each timed search; the best is reported. */
#define BENCH_RUNS	3

/* The lines appended after each copy of the sample, cycling. */
static const char *bench_variants[] = {
	"ＡＰＥＣ首脳会議（第１２３回）で領土問題に言及した。\n",
	"apec summit 2009: ｱﾍﾟｯｸ首脳会議の準備会合、ＰＭ１２時より。\n",
	"あぺっく（アジア太平洋経済協力）の閣僚会議が開かれた。\n",
	"Asia-Pacific Economic Cooperation (APEC) leaders met in Singapore, 123 items.\n",
};

/* The last line of the text: the only match of zzqx. */
static const char bench_last[] = "最後の行: ＺＺＱＸ\n";

/* The patterns timed, and whether each folds kana. */
static const struct {
	const char	*pattern;
	int		 flags;
} bench_patterns[] = {
	{ "領土", 0 },
	{ "APEC", 0 },
	{ "apec", 0 },
	{ "アペック", 0 },
	{ "アペック", SEARCH_KANA_FOLD },
	{ "１２３", 0 },
	{ "存在しない語句", 0 },
	{ "zzqx", 0 },
	{ "の", 0 },
};

/* Return the monotonic time in seconds. */
static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read a whole file; the caller frees it. */
static char *
bench_read(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 size;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc(size + 1);
	*len = fread(buf, 1, size, f);
	fclose(f);
	return (buf);
}

/* Build about mb megabytes of text from the sample; the caller frees it. */
static char *
bench_text(const char *sample, size_t samplelen, size_t mb, size_t *len)
{
	size_t	 want = mb * 1000 * 1000, used = 0, i = 0, vlen;
	char	*text = xmalloc(want + samplelen + 256 + sizeof bench_last);
	const char *v;

	while (used < want) {
		memcpy(text + used, sample, samplelen);
		used += samplelen;
		v = bench_variants[i++ % (sizeof bench_variants / sizeof *bench_variants)];
		vlen = strlen(v);
		memcpy(text + used, v, vlen);
		used += vlen;
	}
	memcpy(text + used, bench_last, sizeof bench_last - 1);
	used += sizeof bench_last - 1;
	*len = used;
	return (text);
}

/* Time the general libunistring fold of the first mb megabytes, for comparison. */
static void
bench_libunistring(const char *text, size_t len)
{
	uint8_t	*r;
	size_t	 rlen;
	double	 t0, t1;

	t0 = bench_now();
	r = u8_casefold((const uint8_t *)text, len, NULL, UNINORM_NFKC, NULL, &rlen);
	t1 = bench_now();
	free(r);
	printf("%8.1f MB/s  %6.3f s  libunistring u8_casefold+NFKC of %.0f MB in one call\n",
	    len / 1e6 / (t1 - t0), t1 - t0, len / 1e6);
}

int
main(int argc, char **argv)
{
	const char	*path = KIROKU_SRC_CONTENTDIR "/000_f63a307d17307818.txt";
	struct search	*s;
	char		*sample, *text, *cause;
	size_t		 samplelen, len, mb = 100, i, count, off, mlen;
	double		 t0, t1, best;
	int		 run;

	if (argc > 1)
		mb = strtoul(argv[1], NULL, 10);
	if (argc > 2)
		path = argv[2];
	sample = bench_read(path, &samplelen);
	text = bench_text(sample, samplelen, mb, &len);
	printf("text: %.1f MB (%s repeated, variant lines added)\n", len / 1e6, path);

	for (i = 0; i < sizeof bench_patterns / sizeof *bench_patterns; i++) {
		best = 1e9;
		count = 0;
		for (run = 0; run < BENCH_RUNS; run++) {
			t0 = bench_now();
			s = search_create(bench_patterns[i].pattern,
			    strlen(bench_patterns[i].pattern), bench_patterns[i].flags, &cause);
			if (s == NULL) {
				fprintf(stderr, "bench-search: %s\n", cause);
				return (1);
			}
			search_count_range(s, text, len, 0, len, &count);
			search_free(s);
			t1 = bench_now();
			if (t1 - t0 < best)
				best = t1 - t0;
		}
		printf("%8.1f MB/s  %6.3f s  %8zu matches  %s%s\n", len / 1e6 / best, best,
		    count, bench_patterns[i].pattern,
		    bench_patterns[i].flags & SEARCH_KANA_FOLD ? " (kana fold)" : "");
	}

	/* The worst cases for n and N in the pager: the only match is on the last line. */
	s = search_create("zzqx", 4, 0, &cause);
	t0 = bench_now();
	if (search_next(s, text, len, 0, &off, &mlen) != SEARCH_FOUND)
		off = 0;
	t1 = bench_now();
	printf("%8.1f MB/s  %6.3f s  zzqx: search_next from 0 to the last line\n",
	    len / 1e6 / (t1 - t0), t1 - t0);
	t0 = bench_now();
	search_prev(s, text, len, off, &off, &mlen);
	t1 = bench_now();
	printf("%8.1f MB/s  %6.3f s  zzqx: search_prev from there back to 0\n",
	    len / 1e6 / (t1 - t0), t1 - t0);
	search_free(s);

	bench_libunistring(text, len < 10000000 ? len : 10000000);
	free(text);
	free(sample);
	return (0);
}
