/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replay.c: the fuzz targets as a plain TAP test.  Feeds every file of the seed corpus
 * (tests/fuzz/corpus/TARGET/) and of the regression set (tests/data/regress/TARGET/, the
 * inputs that once crashed) to the target's entry point, one ok per file; a broken
 * invariant or a sanitizer report aborts the run with the file named on stderr. */
#include "config.h"

#include <sys/types.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tap.h"

/* One fuzz target. */
struct replay_target {
	const char	*name;		/* its directory under corpus/ and regress/ */
	int		(*one)(const uint8_t *, size_t);
};

static const struct replay_target replay_targets[] = {
	{ "input", fuzz_input_one },
	{ "doc", fuzz_doc_one },
	{ "layout", fuzz_layout_one },
	{ "search", fuzz_search_one }
};

/* Compare two names for qsort, so files run in a fixed order. */
static int
replay_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Replay every file of dir (under $top_srcdir) through target t. */
static void
replay_dir(const struct replay_target *t, const char *dir)
{
	struct dirent	 *de;
	DIR		 *dp;
	char		**names = NULL, path[4096], *data, *exact;
	size_t		  n = 0, i, len;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		if (names == NULL || (names[n] = strdup(de->d_name)) == NULL)
			abort();
		n++;
	}
	closedir(dp);
	qsort(names, n, sizeof *names, replay_cmp);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		fprintf(stderr, "# replaying %s\n", path);
		/* An exact copy, as libFuzzer passes it: reads past the end are caught. */
		data = tap_read_file(path, &len);
		exact = data != NULL ? malloc(len > 0 ? len : 1) : NULL;
		if (exact != NULL)
			memcpy(exact, data, len);
		ok(exact != NULL && t->one((const uint8_t *)exact, len) == 0, "%s: %s", t->name,
		    path + strlen(tap_srcdir()) + 1);
		free(exact);
		free(data);
		free(names[i]);
	}
	free(names);
}

int
main(void)
{
	const char	*top = tap_srcdir();
	char		 dir[4096];
	size_t		 i;

	for (i = 0; i < sizeof replay_targets / sizeof replay_targets[0]; i++) {
		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", top, replay_targets[i].name);
		replay_dir(&replay_targets[i], dir);
		snprintf(dir, sizeof dir, "%s/tests/data/regress/%s", top, replay_targets[i].name);
		replay_dir(&replay_targets[i], dir);
	}
	layout_wrap_release();
	doc_region_free_countries();
	return (tap_done());
}
