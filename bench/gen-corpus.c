/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gen-corpus.c: write generated Japanese record text to standard output, for trying the
 * layout (kiroku --dump) or the pager on a huge record.  Deterministic.
 * Usage: gen-corpus [MB [SEED]] (default 110 MB, seed 1). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"

/* Write the corpus and exit 0, or 1 if writing fails. */
int
main(int argc, char **argv)
{
	size_t	 mb = 110, len;
	char	*text;
	unsigned long long seed = 1;

	if (argc > 1)
		mb = strtoul(argv[1], NULL, 10);
	if (argc > 2)
		seed = strtoull(argv[2], NULL, 10);
	text = bench_corpus_generate(mb << 20, seed, &len);
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		perror("gen-corpus");
		return (1);
	}
	free(text);
	return (0);
}
