/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search-doc.c: matches counted per outline entry of a document, for the outline pane.
 * Only the text shown as blocks counts: navigation chrome the model dropped does not.
 * Reads the document, never changes it. */
#include "config.h"

#include <string.h>

#include "search.h"

/* What search_doc_all's callback needs. */
struct search_doc_scan {
	const struct doc	*d;
	search_doc_match_fn	*fn;
	void			*arg;
	size_t			 hint;		/* index of the block of the last match */
};

/* Hand one match on if a block shows it, with the outline entry of that block. */
static int
search_doc_scan_one(void *arg, size_t off, size_t len)
{
	struct search_doc_scan	*sc = arg;
	const struct doc	*d = sc->d;
	const struct doc_block	*b;
	int			 section = -1;

	/* Matches come in order: the block of the last one is tried first. */
	if ((b = doc_block_showing(d, off, len, &sc->hint)) == NULL)
		return (0);
	if (b->section >= 0 && (size_t)b->section < d->nsections)
		section = b->section;
	return (sc->fn(sc->arg, off, len, section));
}

/*
 * Call fn for each match of s in the blocks of d that starts in [off, off+len) of its text,
 * in order, with the innermost outline entry of the block (-1 before the first entry).  A
 * match in the chrome the model dropped is not shown, so it is not a match.  Return as
 * search_all does (fn returns non-zero to stop).
 */
int
search_doc_all(struct search *s, const struct doc *d, size_t off, size_t len,
    search_doc_match_fn *fn, void *arg)
{
	struct search_doc_scan	sc;

	sc.d = d;
	sc.fn = fn;
	sc.arg = arg;
	sc.hint = 0;
	return (search_all(s, d->text.buf, d->text.len, off, len, search_doc_scan_one, &sc));
}

/* What the counting callback needs. */
struct search_doc_count {
	size_t		*counts;	/* per outline entry */
	size_t		 total;		/* matches inside blocks */
};

/* Count one match against its outline entry. */
static int
search_doc_count_one(void *arg, size_t off, size_t len, int section)
{
	struct search_doc_count	*dc = arg;

	(void)off;
	(void)len;
	dc->total++;
	if (section >= 0)
		dc->counts[section]++;
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
	dc.counts = counts;
	dc.total = 0;
	r = search_doc_all(s, d, 0, d->text.len, search_doc_count_one, &dc);
	*total = dc.total;
	return (r == SEARCH_CANCELLED ? SEARCH_CANCELLED : 0);
}
