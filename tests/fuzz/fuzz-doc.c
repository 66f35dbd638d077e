/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-doc.c: the document model under libFuzzer.  The input is a record (read as UTF-8
 * when its first byte is odd, else with the encoding detected); the parse must give blocks
 * in order inside the text, an outline whose entries and parents make a tree, and queries
 * (doc_block_at_off, doc_section_next/prev) that agree with a linear scan; loaded in steps
 * (sizes from the last byte), the same record, its published blocks never changing. */
#include "config.h"

#include "fuzz.h"

/* Check the blocks, the metadata and the outline of d. */
static void
fuzz_doc_check_model(const struct doc *d)
{
	const struct doc_block		*b;
	const struct doc_section	*sec;
	const char			*s;
	size_t				 i, len, prev_end = 0;

	fuzz_check(d->region < DOC_REGION_COUNT);
	fuzz_check(d->title != NULL && d->path != NULL && d->name != NULL);
	fuzz_check(d->title_block == (size_t)-1 || (d->title_block < d->nblocks &&
	    d->blocks[d->title_block].kind == DOC_BLOCK_TITLE));
	if (d->date.year != 0)
		fuzz_check(doc_date_valid(d->date.year, d->date.month, d->date.day));
	for (i = 0; i < d->nblocks; i++) {
		b = &d->blocks[i];
		fuzz_check(b->off >= prev_end);
		fuzz_check(b->len > 0 && b->off + b->len <= d->text.len);
		fuzz_check(b->off + b->len == d->text.len || d->text.buf[b->off + b->len] == '\n');
		fuzz_check(b->off == 0 || d->text.buf[b->off - 1] == '\n');
		/* Only a block joined from hard-wrapped lines spans several source lines. */
		fuzz_check(b->joined || memchr(d->text.buf + b->off, '\n', b->len) == NULL);
		fuzz_check(b->skip <= b->len);
		fuzz_check(b->skip + b->marker_len <= b->len);
		fuzz_check(b->section >= -1 && (b->section == -1 ||
		    (size_t)b->section < d->nsections));
		if (b->section >= 0)
			fuzz_check(d->sections[b->section].block <= i);
		fuzz_check(doc_section_at_block(d, i) == (b->section < 0 ? (size_t)-1 :
		    (size_t)b->section));
		s = doc_block_text(d, i, &len);
		fuzz_check(s == d->text.buf + b->off + b->skip && len == b->len - b->skip);
		prev_end = b->off + b->len + 1;
	}
	for (i = 0; i < d->nsections; i++) {
		sec = &d->sections[i];
		fuzz_check(sec->block < d->nblocks);
		fuzz_check(i == 0 || sec->block > d->sections[i - 1].block);
		fuzz_check(d->blocks[sec->block].section == (int)i);
		fuzz_check(sec->parent >= -1 && sec->parent < (int)i);
		if (sec->parent == -1)
			fuzz_check(sec->depth == 0);
		else
			fuzz_check(sec->depth == d->sections[sec->parent].depth + 1);
		s = doc_section_text(d, i, &len);
		fuzz_check(sec->num_len <= len);
	}
}

/* Check the position queries of d against linear scans (pointers that only move forward,
 * as the answers grow with the argument). */
static void
fuzz_doc_check_queries(const struct doc *d)
{
	const struct doc_block	*b;
	size_t			 i, off, step, next = 0, prev = 0, want = 0;

	for (i = 0; i <= d->nblocks + 1; i++) {
		while (next < d->nsections && d->sections[next].block <= i)
			next++;
		fuzz_check(doc_section_next(d, i) == (next < d->nsections ? (int)next : -1));
		while (prev < d->nsections && d->sections[prev].block < i)
			prev++;
		fuzz_check(doc_section_prev(d, i) == (int)prev - 1);
	}
	/* Every offset of a small text, a sample of a big one, and one past the end. */
	step = d->text.len / 4096 + 1;
	for (off = 0; off <= d->text.len + 1; off += step) {
		for (; want < d->nblocks; want++) {
			b = &d->blocks[want];
			if (off <= b->off + b->len)
				break;
		}
		fuzz_check(doc_block_at_off(d, off) == want);
	}
}

/* Load the input again in steps and check that the blocks published at every step are
 * want's and that the end is want. */
static void
fuzz_doc_check_steps(const uint8_t *data, size_t size, const char *encoding,
    const struct doc *want)
{
	struct input_text	 t;
	struct doc		*d;
	char			*cause = NULL;
	size_t			 step, i, nsections = 0;
	int			 more = 1;

	step = size > 0 ? 1 + data[size - 1] % 61 : 1;
	if (input_text_start_bytes(&t, (const char *)data, size, encoding, step, &cause) != 0) {
		free(cause);
		fuzz_check(0);
		return;
	}
	d = doc_open_text("fuzz.txt", &t);
	while (more) {
		fuzz_check(d->nblocks <= want->nblocks && d->nsections <= want->nsections);
		fuzz_check(d->nsections >= nsections);
		fuzz_check(d->nblocks == 0 ||
		    memcmp(d->blocks, want->blocks, d->nblocks * sizeof *d->blocks) == 0);
		for (i = 0; i < d->nsections; i++) {
			fuzz_check(d->sections[i].block == want->sections[i].block &&
			    d->sections[i].level == want->sections[i].level &&
			    d->sections[i].is_heading == want->sections[i].is_heading &&
			    d->sections[i].num_len == want->sections[i].num_len);
		}
		nsections = d->nsections;
		more = doc_load_more(d, step);
	}
	fuzz_check(d->text.len == want->text.len && (want->text.len == 0 ||
	    memcmp(d->text.buf, want->text.buf, want->text.len) == 0));
	fuzz_check(d->text.flags == want->text.flags && d->nblocks == want->nblocks &&
	    d->nsections == want->nsections && d->region == want->region &&
	    strcmp(d->title, want->title) == 0 && d->title_block == want->title_block);
	for (i = 0; i < d->nsections; i++) {
		fuzz_check(d->sections[i].depth == want->sections[i].depth &&
		    d->sections[i].parent == want->sections[i].parent);
	}
	doc_free(d);
}

/* The libFuzzer entry point: one input. */
int
FUZZ_ENTRY(doc)(const uint8_t *data, size_t size)
{
	struct input_text	 t;
	struct doc		*d;
	char			*cause;

	fuzz_setup();
	if (input_text_from_bytes(&t, (const char *)data, size,
	    size > 0 && (data[0] & 1) ? "UTF-8" : NULL, &cause) != 0) {
		free(cause);
		return (0);
	}
	fuzz_text_exact(&t);
	d = doc_create_from_text("fuzz.txt", &t);
	fuzz_check(d != NULL);
	fuzz_doc_check_model(d);
	fuzz_doc_check_queries(d);
	fuzz_doc_check_steps(data, size, size > 0 && (data[0] & 1) ? "UTF-8" : NULL, d);
	doc_free(d);
	return (0);
}
