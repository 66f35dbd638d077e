/* SPDX-License-Identifier: GPL-3.0-or-later */
/* corpus.h: a deterministic generator of Japanese record text for the benchmarks.
 * Shared by bench/gen-corpus (writes it out) and bench/bench-layout (builds it in memory). */
#ifndef KIROKU_BENCH_CORPUS_H
#define KIROKU_BENCH_CORPUS_H

#include <stddef.h>

char	*bench_corpus_generate(size_t bytes, unsigned long long seed, size_t *len);

#endif
