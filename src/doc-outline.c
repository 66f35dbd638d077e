/* doc-outline.c: the outline tree of a record, from the entries the parser found (headings
 * and numbered paragraphs), and the queries the pager and the CLI ask of it.  Depth comes
 * from a stack over the official hierarchy 第1 → 1 → (1) → ア → (ア) → a → (a) → ①, with
 * Markdown headings above it and 【…】 titles at the top numbering level.  Never reparses text. */
#include "config.h"

#include <string.h>

#include "doc.h"

/* Deepest nesting kept; deeper entries become siblings of the deepest (ranks are bounded,
 * so a real record never gets near it). */
#define DOC_OUTLINE_MAX_DEPTH	32

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

/* Return the rank of 【…】 titles in d: that of the outermost numbering level used by a
 * heading (so 【ポイント】 and 1.総論 are siblings), or the outermost level of all if no
 * numbered heading exists (so numbered paragraphs nest under 【…】). */
static int
doc_outline_bracket_rank(const struct doc *d)
{
	const struct doc_section *sec;
	size_t i;
	int top = -1;

	for (i = 0; i < d->nsections; i++) {
		sec = &d->sections[i];
		if (!sec->is_heading || sec->level == DOC_LEVEL_BRACKET ||
		    sec->level == DOC_LEVEL_MARKDOWN)
			continue;
		if (top < 0 || (int)sec->level < top)
			top = (int)sec->level;
	}
	if (top < 0)
		top = DOC_LEVEL_DAI;
	return DOC_OUTLINE_RANK_NUMBERING + top;
}

/* Give every entry of d its depth and parent: each entry closes the open entries of the
 * same or a deeper rank and opens under what remains.  (The parser has already given every
 * block its section, the last entry at or before it, so the blocks are not walked again.) */
void
doc_outline_build(struct doc *d)
{
	struct doc_section *sec;
	size_t stack[DOC_OUTLINE_MAX_DEPTH], i, n = 0;
	int ranks[DOC_OUTLINE_MAX_DEPTH], rank, bracket_rank;

	bracket_rank = doc_outline_bracket_rank(d);
	for (i = 0; i < d->nsections; i++) {
		sec = &d->sections[i];
		rank = doc_outline_rank(d, sec, bracket_rank);
		while (n > 0 && ranks[n - 1] >= rank)
			n--;
		if (n == DOC_OUTLINE_MAX_DEPTH)
			n--;
		sec->depth = (int)n;
		sec->parent = n > 0 ? (int)stack[n - 1] : -1;
		stack[n] = i;
		ranks[n] = rank;
		n++;
	}
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
	const char *s = doc_section_text(d, section, len);
	size_t num = d->sections[section].num_len;

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
