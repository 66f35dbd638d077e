/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-library.c: how long a library of many records takes to open to its index.
 * Generates N records (default 10,000, about 6 KiB each, like the sample) over the seven
 * regions, a country line and no region, in a temporary directory, then times the scan of
 * the directory and the index (library_create + library_index_all).  A timing, not a test.
 * Usage: bench-library [-ks] [N | DIR]   (a DIR is indexed as it is, nothing generated;
 * -k keeps the generated directory, -s writes the records in Shift_JIS). */
#include "config.h"

#include <sys/stat.h>

#include <ftw.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc.h"
#include "library.h"
#include "xmalloc.h"

/* 1: write the records in Shift_JIS (-s). */
static int bench_sjis;

/* Runs of the timed part; the best and the median are reported. */
#define BENCH_RUNS	5

/* The first lines the generated records use, cycling. */
static const char *bench_firsts[] = {
	"アジア", "北米", "中南米", "欧州(NIS諸国を含む)", "大洋州", "中東", "アフリカ",
	"ロシア連邦", NULL
};

/* Return the monotonic time in seconds. */
static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Return the CPU time of the process (user and system) in seconds: steadier than the
 * wall clock on a busy machine. */
static double
bench_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Remove one file or directory for nftw(). */
static int
bench_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Write record i of the generated library under dir (one subdirectory per 1000). */
static void
bench_write_record(const char *dir, size_t i)
{
	static const char para[] =
	    "(%zu)今次会談は、総理就任直後の電話会談に引き続き、先方の発意により実施された"
	    "ものであり、両首脳が実際に会って行う初めての会談。経済分野での協力を進めることで"
	    "一致した。\n";
	const char *first = bench_firsts[i % (sizeof bench_firsts / sizeof *bench_firsts)];
	char *sub, *path, *p, *text, *out, *in, *o;
	size_t j, len, inleft, outleft;
	iconv_t cd;
	FILE *f;

	sub = xasprintf("%s/%03zu", dir, i / 1000);
	mkdir(sub, 0700);
	path = xasprintf("%s/%06zu.txt", sub, i);
	if ((f = open_memstream(&text, &len)) == NULL) {
		perror("open_memstream");
		exit(1);
	}
	if (first != NULL)
		fprintf(f, "%s\n\n", first);
	fputs("世界地図 アジア | 北米 | 中南米 | 欧州(NIS諸国を含む) | 大洋州 | 中東 | "
	    "アフリカ\n\n", f);
	fprintf(f, "第%zu回首脳会談(概要)\n\n", i % 997);
	if (i % 13 != 0)
		fprintf(f, "平成%zu年%zu月%zu日\n\n", 1 + i % 30, 1 + i % 12, 1 + i % 28);
	fputs(" 会談の概要は以下のとおり。\n\n【ポイント】\n\n  ・ 両首脳が関係の強化を確認。\n"
	    "\n1.総論\n\n", f);
	for (j = 0; j < 22; j++) {
		p = xasprintf(para, j + 1);
		fputs(p, f);
		free(p);
	}
	fputs("\nこのページのトップへ戻る\nINDEXへ戻る\n", f);
	fclose(f);

	out = text;
	if (bench_sjis) {
		/* The whole record in Shift_JIS (CP932), as many archives keep them. */
		if ((cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1) {
			perror("iconv_open");
			exit(1);
		}
		in = text;
		inleft = len;
		o = out = xmalloc(len);
		outleft = len;
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			perror("iconv");
			exit(1);
		}
		iconv_close(cd);
		len -= outleft;
	}
	if ((f = fopen(path, "w")) == NULL || fwrite(out, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	if (out != text)
		free(out);
	free(text);
	free(path);
	free(sub);
}

/* Order doubles ascending, for the median. */
static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct library_paths lp;
	struct library *lib;
	struct stat sb;
	char tmpl[] = "/tmp/kiroku-bench-library.XXXXXX", *dir = NULL, *table, *cause;
	double t0, t1, t2, c1, scan[BENCH_RUNS], index[BENCH_RUNS], cpu[BENCH_RUNS];
	size_t n = 10000, i, r, regions, nrec = 0;
	int generated = 0, keep = 0;

	for (; argc > 1 && argv[1][0] == '-'; argc--, argv++) {
		if (strcmp(argv[1], "-k") == 0)
			keep = 1;
		else if (strcmp(argv[1], "-s") == 0)
			bench_sjis = 1;
		else {
			fprintf(stderr, "usage: bench-library [-ks] [N | DIR]\n");
			return 2;
		}
	}
	if (argc > 1 && stat(argv[1], &sb) == 0 && S_ISDIR(sb.st_mode))
		dir = argv[1];
	else if (argc > 1)
		n = strtoul(argv[1], NULL, 10);
	if (dir == NULL) {
		if ((dir = mkdtemp(tmpl)) == NULL) {
			perror("mkdtemp");
			return 1;
		}
		generated = 1;
		t0 = bench_now();
		for (i = 0; i < n; i++)
			bench_write_record(dir, i);
		printf("generated %zu records in %s (%.2f s)\n", n, dir, bench_now() - t0);
	}
	/* The source tree's table: the bench is not run from src/, where the program finds it. */
	table = xasprintf("%s/regions.tsv", getenv("KIROKU_CONTENT") != NULL ?
	    getenv("KIROKU_CONTENT") : KIROKU_SRC_CONTENTDIR);
	if (doc_region_load_countries(table, &cause) != 0) {
		printf("no country table (%s: %s): countries count as その他\n", table, cause);
		free(cause);
	}
	free(table);

	for (r = 0; r < BENCH_RUNS; r++) {
		t0 = bench_now();
		library_paths_init(&lp);
		library_paths_add(&lp, dir, NULL, NULL);
		t1 = bench_now();
		c1 = bench_cpu();
		lib = library_create(&lp, NULL);
		library_index_all(lib);
		t2 = bench_now();
		cpu[r] = bench_cpu() - c1;
		scan[r] = t1 - t0;
		index[r] = t2 - t1;
		if (r == BENCH_RUNS - 1) {
			nrec = lib->nentries;
			printf("%zu records:", lib->nentries);
			for (regions = 0; regions < DOC_REGION_COUNT; regions++)
				printf(" %s %zu", doc_region_name(regions), lib->count[regions]);
			printf("\n");
		}
		library_free(lib);
		library_paths_clear(&lp);
	}
	qsort(scan, BENCH_RUNS, sizeof *scan, bench_cmp);
	qsort(index, BENCH_RUNS, sizeof *index, bench_cmp);
	qsort(cpu, BENCH_RUNS, sizeof *cpu, bench_cmp);
	printf("scan (directory walk): best %.1f ms, median %.1f ms\n", scan[0] * 1e3,
	    scan[BENCH_RUNS / 2] * 1e3);
	printf("index (read heads, group, sort): best %.1f ms, median %.1f ms "
	    "(%.1f us a record), page cache warm\n", index[0] * 1e3,
	    index[BENCH_RUNS / 2] * 1e3, index[BENCH_RUNS / 2] * 1e6 / (double)(nrec ? nrec : 1));
	printf("index CPU time: best %.1f ms, median %.1f ms\n", cpu[0] * 1e3,
	    cpu[BENCH_RUNS / 2] * 1e3);

	doc_region_free_countries();
	if (generated && keep)
		printf("kept %s\n", dir);
	else if (generated)
		nftw(dir, bench_rm, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
