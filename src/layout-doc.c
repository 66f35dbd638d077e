/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout-doc.c: laying out a whole document, block by block, and finding positions in it.
 * Owns the visual-line array of a struct layout; reads the document's blocks and text but
 * never changes them.  A block can be laid out on its own (layout_block_lines), so a pager
 * can lay out only the part of a huge record around a position. */

#include "config.h"

#include <sys/types.h>
#include <sys/mman.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "layout.h"
#include "xmalloc.h"

/* Return the kind of visual line a block of kind k makes. */
static enum layout_line_kind
layout_kind_of(enum doc_block_kind k)
{
	switch (k) {
	case DOC_BLOCK_TITLE:
		return (LAYOUT_LINE_TITLE);
	case DOC_BLOCK_DATE:
		return (LAYOUT_LINE_DATE);
	case DOC_BLOCK_HEADING:
		return (LAYOUT_LINE_HEADING);
	case DOC_BLOCK_BULLET:
	case DOC_BLOCK_NUMBERED:
		return (LAYOUT_LINE_ITEM);
	case DOC_BLOCK_MENU:
	case DOC_BLOCK_CAPTION:
		return (LAYOUT_LINE_FURNITURE);
	case DOC_BLOCK_PARAGRAPH:
		break;
	}
	return (LAYOUT_LINE_BODY);
}

#define LAYOUT_ITEM_LOOKBACK	64	/* blocks searched back for the item above */

/* Return the columns of the spaces (U+0020, U+3000) a block's shown text begins with. */
static int
layout_block_lead(const struct doc *d, size_t block)
{
	const struct doc_block	*b = &d->blocks[block];
	const unsigned char	*s = (const unsigned char *)d->text.buf + b->off + b->skip;
	size_t			 i = 0, n = b->len - b->skip;
	int			 w = 0;

	for (;;) {
		if (i < n && s[i] == ' ') {
			w++;
			i++;
		} else if (i + 3 <= n && s[i] == 0xe3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
			w += 2;
			i += 3;
		} else
			return (w);
	}
}

/* Return 1 if a block with no marker, indented by lead columns, continues a list item
 * above it: the blocks in between are indented too, and the item's marker stands left
 * of lead (a caption under "  • 画像1", an item's second paragraph). */
static int
layout_block_under_item(const struct doc *d, size_t block, int lead)
{
	const struct doc_block	*b;
	size_t			 j, stop;

	stop = block > LAYOUT_ITEM_LOOKBACK ? block - LAYOUT_ITEM_LOOKBACK : 0;
	for (j = block; j-- > stop;) {
		b = &d->blocks[j];
		if (b->marker_len > 0 && (b->kind == DOC_BLOCK_BULLET ||
		    b->kind == DOC_BLOCK_NUMBERED || b->kind == DOC_BLOCK_CAPTION))
			return (layout_block_lead(d, j) < lead);
		if ((b->kind != DOC_BLOCK_PARAGRAPH && b->kind != DOC_BLOCK_CAPTION) ||
		    layout_block_lead(d, j) == 0)
			return (0);
	}
	return (0);
}

/* Return the columns continuation lines of a block are indented by at width cols: the
 * width of its list marker (source indentation included); for a block without one that
 * continues an item (layout_block_under_item), its own indentation; 0 otherwise or if
 * that would exceed half the width. */
int
layout_block_indent(const struct doc *d, size_t block, int cols)
{
	const struct doc_block	*b = &d->blocks[block];
	int			 w;

	if (b->skip > b->len)
		return (0);
	if (b->marker_len == 0) {
		w = layout_block_lead(d, block);
		if (w == 0 || !layout_block_under_item(d, block, w))
			return (0);
	} else if (b->skip + b->marker_len > b->len)
		return (0);
	else
		w = layout_width(d->text.buf + b->off + b->skip, b->marker_len);
	if (w * 2 > cols)
		return (0);
	return (w);
}

/* Return 1 if a blank visual line goes before the block: where the source had blank lines
 * and before every heading, never above the first block, never between the title and its
 * date, which read as one heading block (as the record's page shows them), and never
 * before furniture that is not laid out. */
static int
layout_block_has_blank(const struct doc *d, size_t block, const struct layout_opts *o)
{
	size_t	i;

	if (block == 0 || d->blocks[block].kind == DOC_BLOCK_DATE)
		return (0);
	if (!o->furniture) {
		if (doc_block_is_furniture(&d->blocks[block]))
			return (0);
		/* nothing shown above it: it is the first block shown */
		for (i = block; i > 0 && doc_block_is_furniture(&d->blocks[i - 1]); i--)
			;
		if (i == 0)
			return (0);
	}
	return (d->blocks[block].blank_before || d->blocks[block].kind == DOC_BLOCK_HEADING);
}

/* One soft break of a joined block: where it is in the block and in its shown form. */
struct layout_soft {
	size_t	src;		/* byte offset of its LF from the block's shown start */
	size_t	run;		/* bytes of the LF and the indent after it */
	size_t	shown;		/* byte offset in the shown form */
	int	space;		/* 1 if it shows as one space, 0 as nothing */
};

/* Return the offset in the block's text of position c of its shown form: a line that
 * starts there (start) begins after a soft break at c, one that ends there ends before it. */
static size_t
layout_soft_map(const struct layout_soft *sb, size_t n, size_t c, int start)
{
	size_t	i, delta = 0;

	for (i = 0; i < n && sb[i].shown <= c; i++) {
		if (sb[i].shown == c)
			return (start ? sb[i].src + sb[i].run : sb[i].src);
		delta += sb[i].run - (size_t)sb[i].space;
	}
	return (c + delta);
}

/* Wrap a joined block (doc.h): lay out its shown form, each soft break nothing or one
 * space, so line breaks and widths are those of the paragraph as one line, then give the
 * visual lines the byte ranges of the text they show. */
static void
layout_block_joined(const struct doc *d, size_t block, size_t skip, int indent,
    const struct layout_opts *o, struct layout_line **lines, size_t *nlines, size_t *alloc)
{
	const struct doc_block	*b = &d->blocks[block];
	const char		*text = d->text.buf, *s = text + b->off + skip;
	struct layout_soft	*sb;
	struct layout_line	*ll;
	char			*shown;
	size_t			 len = b->len - skip, i, k, n = 0, nsb = 0, from = *nlines, end;

	for (i = 0; i < len; i++)
		nsb += s[i] == '\n';
	sb = xreallocarray(NULL, nsb + 1, sizeof *sb);
	shown = xmalloc(len + 1);
	for (i = 0, nsb = 0; i < len; ) {
		if (s[i] != '\n') {
			shown[n++] = s[i++];
			continue;
		}
		sb[nsb].src = i;
		sb[nsb].run = doc_reflow_break_len(s + i, len - i);
		sb[nsb].shown = n;
		sb[nsb].space = doc_reflow_break_space(text, b->off, b->off + b->len,
		    b->off + skip + i);
		if (sb[nsb].space)
			shown[n++] = ' ';
		i += sb[nsb++].run;
	}
	layout_wrap(shown, 0, n, 0, indent, o, lines, nlines, alloc);
	for (i = from; i < *nlines; i++) {
		ll = &(*lines)[i];
		/* a line that starts at a soft break's space does not show it */
		for (k = 0; k < nsb && sb[k].shown < ll->off; k++)
			;
		if (k < nsb && sb[k].shown == ll->off && sb[k].space && ll->len > 0 &&
		    ll->cols > ll->indent)
			ll->cols--;
		end = layout_soft_map(sb, nsb, ll->off + ll->len, 0);
		ll->off = layout_soft_map(sb, nsb, ll->off, 1);
		if (end < ll->off)
			end = ll->off;
		if (end == ll->off && i > from) {
			/* A line of nothing but a soft break's space (a line narrower than the
			 * characters around it): the space is dropped as at any break. */
			memmove(ll, ll + 1, (*nlines - i - 1) * sizeof *ll);
			(*nlines)--;
			i--;
			continue;
		}
		ll->len = end - ll->off;
		ll->off += b->off + skip;
	}
	free(shown);
	free(sb);
}

/* Append the visual lines of one block (no blank line) to *lines for the options o.
 * Returns 0. */
int
layout_block_lines(const struct doc *d, size_t block, const struct layout_opts *o,
    struct layout_line **lines, size_t *nlines, size_t *alloc)
{
	const struct doc_block	*b = &d->blocks[block];
	enum layout_line_kind	 kind = layout_kind_of(b->kind);
	size_t			 i, from = *nlines, skip;

	if (doc_block_is_furniture(b) && !o->furniture)
		return (0);
	skip = b->skip < b->len ? b->skip : b->len;
	if (b->joined)
		layout_block_joined(d, block, skip, layout_block_indent(d, block, o->cols), o,
		    lines, nlines, alloc);
	else
		layout_wrap(d->text.buf, b->off + skip, b->len - skip, 0,
		    layout_block_indent(d, block, o->cols), o, lines, nlines, alloc);
	for (i = from; i < *nlines; i++) {
		(*lines)[i].block = block;
		(*lines)[i].kind = kind;
	}
	return (0);
}

/* Return an allocated array for n visual lines.  A big one is marked for transparent huge
 * pages where the system has them: first-touch page faults on a fresh array of millions
 * of lines otherwise cost as much as laying them out. */
static struct layout_line *
layout_lines_alloc(size_t n)
{
	struct layout_line	*lines;
	size_t			 bytes;
	uintptr_t		 start, end;

	lines = xreallocarray(NULL, n, sizeof *lines);
#ifdef MADV_HUGEPAGE
	bytes = n * sizeof *lines;
	if (bytes >= ((size_t)4 << 20)) {
		start = ((uintptr_t)lines + 4095) & ~(uintptr_t)4095;
		end = ((uintptr_t)lines + bytes) & ~(uintptr_t)4095;
		(void)madvise((void *)start, end - start, MADV_HUGEPAGE);
	}
#else
	(void)bytes;
	(void)start;
	(void)end;
#endif
	return (lines);
}

/* Append one blank visual line standing before the block at byte offset off. */
static void
layout_blank_push(struct layout *lo, size_t off)
{
	struct layout_line	*ll;

	if (lo->nlines == lo->alloc) {
		lo->alloc = lo->alloc < 16 ? 64 : lo->alloc * 2;
		lo->lines = xreallocarray(lo->lines, lo->alloc, sizeof *lo->lines);
	}
	ll = &lo->lines[lo->nlines++];
	ll->off = off;
	ll->len = 0;
	ll->block = LAYOUT_NO_BLOCK;
	ll->indent = 0;
	ll->cols = 0;
	ll->kind = LAYOUT_LINE_BLANK;
	ll->first = 1;
}

/* Lay out the whole document for the options o: its blocks in order (title and date first
 * as they come), one blank line where the source had blank lines and before each heading.
 * The caller frees the result with layout_free(); it points to d, which must outlive it. */
struct layout *
layout_create(const struct doc *d, const struct layout_opts *o)
{
	struct layout	*lo;
	size_t		 i, bytes = 0;

	lo = xcalloc(1, sizeof *lo);
	lo->d = d;
	lo->opts = *o;
	if (lo->opts.cols < 1)
		lo->opts.cols = 1;

	/* Allocate about as many lines as needed once (Japanese text takes about 1.5 bytes a
	 * column; an overestimate costs only address space): growing a big array by copies
	 * would take as long as laying it out. */
	for (i = 0; i < d->nblocks; i++)
		bytes += d->blocks[i].len;
	lo->alloc = 2 * d->nblocks + 16 + bytes / (size_t)(lo->opts.cols * 3 / 4 + 1);
	lo->lines = layout_lines_alloc(lo->alloc);

	for (i = 0; i < d->nblocks; i++) {
		if (layout_block_has_blank(d, i, &lo->opts) && lo->nlines > 0)
			layout_blank_push(lo, d->blocks[i].off);
		layout_block_lines(d, i, &lo->opts, &lo->lines, &lo->nlines, &lo->alloc);
	}
	if (lo->alloc > lo->nlines + lo->nlines / 4 + 64) {
		lo->alloc = lo->nlines + 1;
		lo->lines = xreallocarray(lo->lines, lo->alloc, sizeof *lo->lines);
	}
	lo->end_block = d->nblocks;
	return (lo);
}

/* Make an empty window on d for the options o, at its first block; the caller fills it
 * with layout_window_down() and frees it with layout_free().  d must outlive it and may
 * grow meanwhile (a record still loading): blocks are only ever appended. */
struct layout *
layout_window_create(const struct doc *d, const struct layout_opts *o)
{
	struct layout	*lo;

	lo = xcalloc(1, sizeof *lo);
	lo->d = d;
	lo->opts = *o;
	if (lo->opts.cols < 1)
		lo->opts.cols = 1;
	return (lo);
}

/* Empty the window and put it before block (d->nblocks: at the end).  Line numbers start
 * again: lo->gen changes. */
void
layout_window_reset(struct layout *lo, size_t block)
{
	if (block > lo->d->nblocks)
		block = lo->d->nblocks;
	lo->nlines = 0;
	lo->first_block = lo->end_block = block;
	lo->first_line = 0;
	lo->gen++;
	if (lo->alloc > 65536) {	/* a huge block left: give the memory back */
		free(lo->lines);
		lo->lines = NULL;
		lo->alloc = 0;
	}
}

/* Append the lines of block (its blank line first, if it has one) to lo. */
static void
layout_window_block(struct layout *lo, size_t block)
{
	if (layout_block_has_blank(lo->d, block, &lo->opts))
		layout_blank_push(lo, lo->d->blocks[block].off);
	layout_block_lines(lo->d, block, &lo->opts, &lo->lines, &lo->nlines, &lo->alloc);
}

/* Lay out blocks after the window until at least want lines were added or the document
 * (as loaded so far) ends.  Returns the lines added. */
size_t
layout_window_down(struct layout *lo, size_t want)
{
	size_t	from = lo->nlines;

	while (lo->nlines - from < want && lo->end_block < lo->d->nblocks)
		layout_window_block(lo, lo->end_block++);
	return (lo->nlines - from);
}

/* Lay out blocks before the window until at least want lines were added or the document
 * starts; the lines already there move down by the number returned (the caller moves its
 * indexes by as much). */
size_t
layout_window_up(struct layout *lo, size_t want)
{
	struct layout	 tmp;
	size_t		 k = 8, start, n;

	if (lo->first_block == 0 || want == 0)
		return (0);
	memset(&tmp, 0, sizeof tmp);
	tmp.d = lo->d;
	tmp.opts = lo->opts;
	/* Blocks are laid out forwards only: try the last k blocks, twice as many while
	 * that is not enough (at most twice the work of the exact number). */
	for (;;) {
		start = lo->first_block > k ? lo->first_block - k : 0;
		tmp.nlines = 0;
		for (n = start; n < lo->first_block; n++)
			layout_window_block(&tmp, n);
		if (tmp.nlines >= want || start == 0)
			break;
		k *= 2;
	}
	n = tmp.nlines;
	if (lo->nlines + n > lo->alloc) {
		lo->alloc = lo->nlines + n + 64;
		lo->lines = xreallocarray(lo->lines, lo->alloc, sizeof *lo->lines);
	}
	if (lo->nlines > 0)
		memmove(lo->lines + n, lo->lines, lo->nlines * sizeof *lo->lines);
	if (n > 0)
		memcpy(lo->lines, tmp.lines, n * sizeof *lo->lines);
	free(tmp.lines);
	lo->nlines += n;
	lo->first_block = start;
	lo->first_line -= (long long)n;
	return (n);
}

/* Return 1 if line i of lo starts the lines of a block (its blank line, or its first
 * line when no blank line goes before it). */
static int
layout_window_starts_block(const struct layout *lo, size_t i)
{
	if (lo->lines[i].kind == LAYOUT_LINE_BLANK)
		return (1);
	return (lo->lines[i].first && (i == 0 || lo->lines[i - 1].kind != LAYOUT_LINE_BLANK));
}

/* Return the block whose lines start at line i (layout_window_starts_block()). */
static size_t
layout_window_block_at(const struct layout *lo, size_t i)
{
	if (lo->lines[i].block != LAYOUT_NO_BLOCK)
		return (lo->lines[i].block);
	if (i + 1 < lo->nlines && lo->lines[i + 1].block != LAYOUT_NO_BLOCK)
		return (lo->lines[i + 1].block);
	return (doc_block_at_off(lo->d, lo->lines[i].off));
}

/* Drop the blocks of lo that lie wholly before line from or wholly after line to.
 * Returns the lines dropped at the front (the caller moves its indexes up by as much). */
size_t
layout_window_trim(struct layout *lo, size_t from, size_t to)
{
	size_t	k;

	if (lo->nlines == 0)
		return (0);
	if (to + 1 < lo->nlines) {
		k = to + 1;
		while (k < lo->nlines && !layout_window_starts_block(lo, k))
			k++;
		if (k < lo->nlines) {
			lo->end_block = layout_window_block_at(lo, k);
			lo->nlines = k;
		}
	}
	if (from >= lo->nlines)
		from = lo->nlines - 1;
	k = from;
	while (k > 0 && !layout_window_starts_block(lo, k))
		k--;
	if (k == 0)
		return (0);
	lo->first_block = layout_window_block_at(lo, k);
	memmove(lo->lines, lo->lines + k, (lo->nlines - k) * sizeof *lo->lines);
	lo->nlines -= k;
	lo->first_line += (long long)k;
	return (k);
}

/* Return 1 if the window shows byte offset off, or the line layout_find_off() gives for
 * it (off in a blank or chrome line before one of its blocks, or past the last block when
 * the window reaches the end). */
int
layout_window_has_off(const struct layout *lo, size_t off)
{
	size_t	b;

	if (lo->nlines == 0)
		return (lo->d->nblocks == 0);
	b = doc_block_at_off(lo->d, off);
	if (b < lo->first_block)
		return (0);
	return (b < lo->end_block || (b >= lo->d->nblocks && lo->end_block >= lo->d->nblocks));
}

/* Return 1 if the window reaches the last block of the document as loaded so far. */
int
layout_window_at_end(const struct layout *lo)
{
	return (lo->end_block >= lo->d->nblocks);
}

/* Free a layout and its lines (not the document). */
void
layout_free(struct layout *lo)
{
	if (lo == NULL)
		return;
	free(lo->lines);
	free(lo);
}

/* Return the index of the visual line showing byte offset off, or of the first line after
 * it when off is not shown (a dropped space, a blank or chrome line, a heading's "## "):
 * binary search; the last line if off is past the end, 0 if there are no lines. */
size_t
layout_find_off(const struct layout *lo, size_t off)
{
	const struct layout_line	*ll;
	const struct doc_block		*b;
	size_t				 lo_i = 0, hi = lo->nlines, mid, i;

	if (lo->nlines == 0)
		return (0);
	/* The last line starting at or before off; a blank line shares the offset of the
	 * block after it and comes first, so it is never the one found. */
	while (lo_i < hi) {
		mid = lo_i + (hi - lo_i) / 2;
		if (lo->lines[mid].off <= off)
			lo_i = mid + 1;
		else
			hi = mid;
	}
	if (lo_i == 0)
		i = 0;
	else {
		i = lo_i - 1;
		ll = &lo->lines[i];
		if (ll->block != LAYOUT_NO_BLOCK && ll->block < lo->d->nblocks) {
			b = &lo->d->blocks[ll->block];
			/* Inside the block but past what the line shows: a space dropped at
			 * the soft break, shown by nothing; the next line follows it. */
			if (off < b->off + b->len &&
			    (off < ll->off + ll->len || i + 1 == lo->nlines))
				return (i);
		}
		if (i + 1 < lo->nlines)
			i++;
		else
			return (i);
	}
	while (i + 1 < lo->nlines && lo->lines[i].kind == LAYOUT_LINE_BLANK)
		i++;
	return (i);
}

/* Return the index of the first visual line of a block. */
size_t
layout_find_block(const struct layout *lo, size_t block)
{
	if (block >= lo->d->nblocks)
		return (lo->nlines > 0 ? lo->nlines - 1 : 0);
	return (layout_find_off(lo, lo->d->blocks[block].off));
}
