/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-layout.c: how fast a full layout runs, beside a bare u8_possible_linebreaks() pass
 * over the same blocks in the same run (the goal: at least 50 MB/s and a third of the bare
 * pass).  Generates 110 MB of Japanese records in memory (bench/corpus.c) unless given a file.
 * Times are CPU time.  A timing, not a test.  Usage: bench-layout [MB | FILE]. */

#include "config.h"

#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unilbrk.h>

#include "corpus.h"
#include "doc.h"
#include "layout.h"
#include "xmalloc.h"

#define BENCH_RUNS	3	/* runs of each timing; the best is reported */

/* Return the CPU time of the process in seconds: steadier than the wall clock on a busy
 * machine, and the same clock for both timings. */
static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* Return the bytes of text the blocks show: what both timings go through. */
static size_t
bench_block_bytes(const struct doc *d)
{
	size_t	i, n = 0;

	for (i = 0; i < d->nblocks; i++)
		n += d->blocks[i].len - d->blocks[i].skip;
	return (n);
}

/* Time one bare u8_possible_linebreaks() pass over every block; returns seconds. */
static double
bench_bare(const struct doc *d)
{
	const struct doc_block	*b;
	char			*p = NULL;
	size_t			 i, alloc = 0, n;
	double			 t0;
	long			 sum = 0;

	t0 = bench_now();
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		n = b->len - b->skip;
		if (n > alloc) {
			alloc = n * 2;
			p = xrealloc(p, alloc);
		}
		u8_possible_linebreaks((const uint8_t *)d->text.buf + b->off + b->skip, n,
		    "UTF-8", p);
		sum += n > 0 ? p[n - 1] : 0;
	}
	t0 = bench_now() - t0;
	free(p);
	if (sum < 0)
		printf("?\n");
	return (t0);
}

/* Time one full layout with the options o; returns seconds, *nlines the lines made. */
static double
bench_layout(const struct doc *d, const struct layout_opts *o, size_t *nlines)
{
	struct layout	*lo;
	double		 t0;

	t0 = bench_now();
	lo = layout_create(d, o);
	t0 = bench_now() - t0;
	*nlines = lo->nlines;
	layout_free(lo);
	return (t0);
}

/* Run the timings and print one line each; exit 0. */
int
main(int argc, char **argv)
{
	struct input_text	 t;
	struct layout_opts	 o;
	struct doc		*d;
	char			*text, *cause = NULL;
	size_t			 len, mb = 110, bytes, nlines = 0;
	double			 bare = 1e9, s, best, t0;
	int			 i, run;
	static const struct {
		int		 cols;
		enum layout_kinsoku kinsoku;
		int		 hang;
		const char	*name;
	} cases[] = {
		{ 80, LAYOUT_KINSOKU_NORMAL, 1, "width 80, normal, hang" },
		{ 40, LAYOUT_KINSOKU_NORMAL, 1, "width 40, normal, hang" },
		{ 80, LAYOUT_KINSOKU_STRICT, 1, "width 80, strict, hang" },
		{ 80, LAYOUT_KINSOKU_NORMAL, 0, "width 80, normal, no hang" },
		{ 160, LAYOUT_KINSOKU_NORMAL, 1, "width 160, normal, hang" },
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		fprintf(stderr, "bench-layout: no C.UTF-8 locale\n");
	memset(&t, 0, sizeof t);
	if (argc > 1 && !isdigit((unsigned char)argv[1][0])) {
		d = doc_create(argv[1], NULL, &cause);
		if (d == NULL) {
			fprintf(stderr, "bench-layout: %s: %s\n", argv[1], cause);
			return (1);
		}
	} else {
		if (argc > 1)
			mb = strtoul(argv[1], NULL, 10);
		text = bench_corpus_generate(mb << 20, 1, &len);
		if (input_text_from_bytes(&t, text, len, "UTF-8", &cause) != 0) {
			fprintf(stderr, "bench-layout: %s\n", cause);
			return (1);
		}
		free(text);
		t0 = bench_now();
		d = doc_create_from_text("corpus", &t);
		printf("corpus: %.1f MB, %zu blocks (doc_create %.2f s)\n",
		    (double)d->text.len / 1e6, d->nblocks, bench_now() - t0);
	}
	bytes = bench_block_bytes(d);

	for (run = 0; run < BENCH_RUNS; run++) {
		s = bench_bare(d);
		if (s < bare)
			bare = s;
	}
	printf("bare u8_possible_linebreaks: %7.1f MB/s (%.1f MB of block text)\n",
	    (double)bytes / 1e6 / bare, (double)bytes / 1e6);
	for (i = 0; i < (int)(sizeof cases / sizeof cases[0]); i++) {
		memset(&o, 0, sizeof o);
		o.cols = cases[i].cols;
		o.kinsoku = cases[i].kinsoku;
		o.hang = cases[i].hang;
		best = 1e9;
		for (run = 0; run < BENCH_RUNS; run++) {
			s = bench_layout(d, &o, &nlines);
			if (s < best)
				best = s;
		}
		printf("layout %-26s %7.1f MB/s, %.2f of bare (%zu lines)\n", cases[i].name,
		    (double)bytes / 1e6 / best, bare / best, nlines);
	}
	doc_free(d);
	layout_wrap_release();
	return (0);
}
