/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc-outline.c: the outline tree of a record, from the entries the parser found (headings
 * and numbered paragraphs), and the queries the pager and the CLI ask of it.  Depth comes
 * from a stack over the official hierarchy 第1 → 1 → (1) → ア → (ア) → a → (a) → ①, with
 * Markdown headings above it and 【…】 titles at the top numbering level.  Never reparses text. */
#include "config.h"

#include <string.h>

#include "doc.h"
#include "xmalloc.h"

/* Rank of numbering levels: below every Markdown heading (ranks 1 to 6). */
#define DOC_OUTLINE_RANK_NUMBERING	10

/* Return the rank of entry sec: smaller is outer.  bracket_rank is where 【…】 sits. */
static int
doc_outline_rank(const struct doc *d, const struct doc_section *sec, int bracket_rank)
{
	const char *s;
	int hashes = 0;

	switch (sec->level) {
	case DOC_LEVEL_MARKDOWN:
		s = d->text.buf + d->blocks[sec->block].off;
		while (hashes < 6 && s[hashes] == '#')
			hashes++;
		return hashes;
	case DOC_LEVEL_BRACKET:
		return bracket_rank;
	default:
		return DOC_OUTLINE_RANK_NUMBERING + (int)sec->level;
	}
}

/* Return the rank of 【…】 titles so far: that of the outermost numbering level used by a
 * heading (so 【ポイント】 and 1.総論 are siblings), or the outermost level of all if no
 * numbered heading exists (so numbered paragraphs nest under 【…】). */
static int
doc_outline_bracket_rank(const struct doc_outline *o)
{
	return DOC_OUTLINE_RANK_NUMBERING + (o->top < 0 ? DOC_LEVEL_DAI : o->top);
}

/* Start an empty level stack. */
void
doc_outline_init(struct doc_outline *o)
{
	memset(o, 0, sizeof *o);
	o->top = -1;
}

/* Give entry i its depth and parent: it closes the open entries of the same or a deeper
 * rank and opens under what remains. */
static void
doc_outline_push(struct doc *d, struct doc_outline *o, size_t i)
{
	struct doc_section *sec = &d->sections[i];
	int rank;

	rank = doc_outline_rank(d, sec, doc_outline_bracket_rank(o));
	while (o->n > 0 && o->ranks[o->n - 1] >= rank)
		o->n--;
	if (o->n == DOC_OUTLINE_MAX_DEPTH)
		o->n--;
	sec->depth = (uint8_t)o->n;
	sec->parent = o->n > 0 ? (int32_t)o->stack[o->n - 1] : -1;
	o->stack[o->n] = i;
	o->ranks[o->n] = rank;
	o->n++;
}

/* Give the next entry, section (entries come in order, each once its kind is final), its
 * depth and parent.  The rank of 【…】 depends on every numbered heading: when one of an
 * outer form than any before comes after a 【…】, the entries before are nested again (at
 * most once per numbering form) and d->outline_changes goes up, so the result is the one
 * the whole record gives. */
void
doc_outline_add(struct doc *d, struct doc_outline *o, size_t section)
{
	const struct doc_section *sec = &d->sections[section];
	int old;
	size_t i;

	if (sec->is_heading && sec->level != DOC_LEVEL_BRACKET &&
	    sec->level != DOC_LEVEL_MARKDOWN && (o->top < 0 || (int)sec->level < o->top)) {
		old = doc_outline_bracket_rank(o);
		o->top = (int)sec->level;
		if (doc_outline_bracket_rank(o) != old && o->brackets > 0) {
			o->n = 0;
			for (i = 0; i < section; i++)
				doc_outline_push(d, o, i);
			d->outline_changes++;
		}
	}
	if (sec->level == DOC_LEVEL_BRACKET)
		o->brackets++;
	doc_outline_push(d, o, section);
	o->done = section + 1;
}

/* Return the index of the innermost entry containing block, or (size_t)-1 before the first. */
size_t
doc_section_at_block(const struct doc *d, size_t block)
{
	if (block >= d->nblocks || d->blocks[block].section < 0)
		return (size_t)-1;
	return (size_t)d->blocks[block].section;
}

/* Return the index of the first entry whose block comes after block, or -1 if none (the
 * pager's "]"). */
int
doc_section_next(const struct doc *d, size_t block)
{
	size_t lo = 0, hi = d->nsections, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->sections[mid].block <= block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nsections ? (int)lo : -1;
}

/* Return the index of the last entry whose block comes before block, or -1 if none (the
 * pager's "["). */
int
doc_section_prev(const struct doc *d, size_t block)
{
	size_t lo = 0, hi = d->nsections, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->sections[mid].block < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? (int)lo - 1 : -1;
}

/* Return the shown text of entry section (its block's text after any Markdown "## "), with
 * *len its bytes; the pointer is into d->text. */
const char *
doc_section_text(const struct doc *d, size_t section, size_t *len)
{
	return doc_block_text(d, d->sections[section].block, len);
}

/* Return the text of an outline entry as a list shows it: its shown text without the
 * leading indentation (spaces, TABs, one U+3000); *num_len (if not NULL) becomes the bytes
 * of its number and separator within that text. */
const char *
doc_section_label(const struct doc *d, size_t section, size_t *len, size_t *num_len)
{
	const char *s = doc_section_text(d, section, len), *nl;
	size_t num = d->sections[section].num_len;

	/* A joined paragraph's label stops at its first soft break (the whole of it, soft
	 * breaks shown as they read, comes from doc_section_label_copy()). */
	if (d->blocks[d->sections[section].block].joined &&
	    (nl = memchr(s, '\n', *len)) != NULL)
		*len = (size_t)(nl - s);

	while (*len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
		num = num > 0 ? num - 1 : 0;
	}
	if (*len >= 3 && memcmp(s, "\u3000", 3) == 0) {
		s += 3;
		*len -= 3;
		num = num >= 3 ? num - 3 : 0;
	}
	if (num_len != NULL)
		*num_len = num;
	return s;
}

/* Return the label of section as doc_section_label() does, but whole: a joined paragraph's
 * soft breaks shown as nothing or one space.  An allocated NUL-terminated copy the caller
 * frees; *len gets its bytes, *num_len (if not NULL) those of its number. */
char *
doc_section_label_copy(const struct doc *d, size_t section, size_t *len, size_t *num_len)
{
	const struct doc_block *b = &d->blocks[d->sections[section].block];
	const char *s;
	char *copy;
	size_t n, start, num;

	if (!b->joined) {
		s = doc_section_label(d, section, len, num_len);
		copy = xmalloc(*len + 1);
		memcpy(copy, s, *len);
		copy[*len] = '\0';
		return copy;
	}
	s = doc_section_label(d, section, &n, &num);
	start = (size_t)(s - d->text.buf);
	copy = xmalloc(b->off + b->len - start + 1);
	*len = doc_reflow_copy(d->text.buf, start, b->off + b->len - start, copy);
	copy[*len] = '\0';
	if (num_len != NULL)
		*num_len = num;
	return copy;
}

/* Return the end (block index, exclusive) of entry section with everything under it: the
 * block of the next entry no deeper than it, or the end of the blocks parsed so far. */
static size_t
doc_section_end_block(const struct doc *d, size_t section)
{
	size_t j;

	for (j = section + 1; j < d->nsections; j++) {
		if (d->sections[j].depth <= d->sections[section].depth)
			return d->sections[j].block;
	}
	return d->nblocks;
}

/* Return the source text of entry section and everything under it, as a reader would quote
 * it: each block's line as written (a hard-wrapped paragraph joined, soft breaks shown as
 * nothing or one space), a blank line where the source has one, a LF after each; no chrome,
 * no page furniture (captions, menus), no layout.  An allocated NUL-terminated copy the caller frees; *len gets its bytes. */
char *
doc_section_source(const struct doc *d, size_t section, size_t *len)
{
	size_t first = d->sections[section].block, end, i, n = 0, size = 1;
	const struct doc_block *b;
	char *out;

	end = doc_section_end_block(d, section);
	for (i = first; i < end; i++)
		size += d->blocks[i].len + 2;
	out = xmalloc(size);
	for (i = first; i < end; i++) {
		b = &d->blocks[i];
		if (doc_block_is_furniture(b))
			continue;	/* captions and menus are the page's, not the text's */
		if (b->blank_before && n > 0)
			out[n++] = '\n';
		if (b->joined)
			n += doc_reflow_copy(d->text.buf, b->off, b->len, out + n);
		else {
			memcpy(out + n, d->text.buf + b->off, b->len);
			n += b->len;
		}
		out[n++] = '\n';
	}
	out[n] = '\0';
	*len = n;
	return out;
}
