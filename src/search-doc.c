/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search-doc.c: matches counted per outline entry of a document, for the outline pane.
 * Only the text shown as blocks counts: navigation chrome the model dropped does not.
 * Reads the document, never changes it. */
#include "config.h"

#include <string.h>

#include "search.h"

/* What the counting callback needs. */
struct search_doc_count {
	const struct doc *d;
	size_t		*counts;	/* per outline entry, d->nsections of them */
	size_t		 total;		/* matches inside blocks */
	size_t		 hint;		/* index of the block of the last match */
};

/* Count one match against the block that holds it, if any. */
static int
search_doc_count_one(void *arg, size_t off, size_t len)
{
	struct search_doc_count	*dc = arg;
	const struct doc	*d = dc->d;
	const struct doc_block	*b;

	/* Matches come in order: the block of the last one is tried first. */
	if ((b = doc_block_showing(d, off, len, &dc->hint)) == NULL)
		return (0);
	dc->total++;
	if (b->section >= 0 && (size_t)b->section < d->nsections)
		dc->counts[b->section]++;
	return (0);
}

/*
 * Count the matches in the blocks of a document: counts[i] (d->nsections entries, filled by
 * this function) gets those in the blocks whose innermost entry is i, not its children (add
 * each to its parents for a subtree total); *total all of them, before the first entry too.
 * Return 0, or SEARCH_CANCELLED with the counts so far.
 */
int
search_doc_count_sections(struct search *s, const struct doc *d, size_t *counts,
    size_t *total)
{
	struct search_doc_count	dc;
	int			r;

	if (d->nsections != 0)
		memset(counts, 0, d->nsections * sizeof *counts);
	dc.d = d;
	dc.counts = counts;
	dc.total = 0;
	dc.hint = 0;
	r = search_all(s, d->text.buf, d->text.len, 0, d->text.len, search_doc_count_one, &dc);
	*total = dc.total;
	return (r == SEARCH_CANCELLED ? SEARCH_CANCELLED : 0);
}
