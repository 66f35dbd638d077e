/* doc-parse.c: a record from its clean text in one linear pass: navigation chrome set aside,
 * metadata (region, country, title, date) recognised, and every other non-blank line made one
 * block of byte offsets into the text (never a copy).  Owns struct doc; the outline tree is
 * built by doc-outline.c, the line classifiers live in doc-heading.c, doc-date.c, doc-region.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "xmalloc.h"

/* The state of one parse: the numbered line whose heading-or-item question waits for the
 * next block. */
struct doc_parse {
	struct doc	*d;
	size_t		 alloc_blocks;	/* blocks allocated */
	size_t		 alloc_sections;	/* sections allocated */
	int		 pending;	/* index of a section waiting for the next block, or -1 */
	int		 pending_title_like;	/* its text could be a section title */
};

/* Return the path to show for path: "(stdin)" for "-" or NULL. */
static char *
doc_parse_path(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return xstrdup("(stdin)");
	return xstrdup(path);
}

/* Return the base name of path (an allocated copy): what follows the last slash that is
 * not trailing. */
static char *
doc_parse_name(const char *path)
{
	size_t len = strlen(path), start;

	while (len > 1 && path[len - 1] == '/')
		len--;
	start = len;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return xstrndup(path + start, len - start);
}

/* Return 1 if the line s is blank: nothing but spaces, TABs and U+3000. */
static int
doc_parse_blank(const char *s, size_t len)
{
	return doc_space_len(s, len) == len;
}

/* Append a block of kind at [off, off + len) and return its index. */
static size_t
doc_parse_add_block(struct doc_parse *p, enum doc_block_kind kind, size_t off, size_t len,
    int blank_before)
{
	struct doc *d = p->d;
	struct doc_block *b;

	if (d->nblocks == p->alloc_blocks) {
		p->alloc_blocks = p->alloc_blocks == 0 ? 64 : p->alloc_blocks * 2;
		d->blocks = xreallocarray(d->blocks, p->alloc_blocks, sizeof *d->blocks);
	}
	b = &d->blocks[d->nblocks];
	b->kind = kind;
	b->off = off;
	b->len = len;
	b->skip = 0;
	b->marker_len = 0;
	b->blank_before = blank_before;
	b->section = (int)d->nsections - 1;
	return d->nblocks++;
}

/* Append an outline entry for block and return its index; depth and parent come later. */
static size_t
doc_parse_add_section(struct doc_parse *p, size_t block, enum doc_level level, int is_heading,
    size_t num_len)
{
	struct doc *d = p->d;
	struct doc_section *sec;

	if (d->nsections == p->alloc_sections) {
		p->alloc_sections = p->alloc_sections == 0 ? 16 : p->alloc_sections * 2;
		d->sections = xreallocarray(d->sections, p->alloc_sections, sizeof *d->sections);
	}
	sec = &d->sections[d->nsections];
	sec->block = block;
	sec->depth = 0;
	sec->parent = -1;
	sec->level = level;
	sec->is_heading = is_heading;
	sec->num_len = num_len;
	d->blocks[block].section = (int)d->nsections;
	return d->nsections++;
}

/* Decide the waiting numbered line now that the next block is known (next_level, or -1 if
 * the next block is not numbered, or -2 if there is no next block): it is a heading when
 * its text is title-like and text follows that is not a sibling item of the same form. */
static void
doc_parse_resolve(struct doc_parse *p, int next_level)
{
	struct doc_section *sec;

	if (p->pending < 0)
		return;
	sec = &p->d->sections[p->pending];
	if (p->pending_title_like && next_level != -2 && next_level != (int)sec->level) {
		sec->is_heading = 1;
		p->d->blocks[sec->block].kind = DOC_BLOCK_HEADING;
	}
	p->pending = -1;
}

/* Classify one body line (not the title or date) into the block just added at index bi. */
static void
doc_parse_body_line(struct doc_parse *p, size_t bi)
{
	struct doc *d = p->d;
	struct doc_block *b = &d->blocks[bi];
	const char *s = d->text.buf + b->off;
	enum doc_level level;
	size_t num_len, marker_len, skip, si;
	int hashes;

	b->marker_len = doc_marker_len(s, b->len);
	if (doc_heading_markdown(s, b->len, &hashes, &skip)) {
		doc_parse_resolve(p, -1);
		b->kind = DOC_BLOCK_HEADING;
		b->skip = skip;
		b->marker_len = 0;
		doc_parse_add_section(p, bi, DOC_LEVEL_MARKDOWN, 1, 0);
		return;
	}
	if (doc_heading_bracket(s, b->len)) {
		doc_parse_resolve(p, -1);
		b->kind = DOC_BLOCK_HEADING;
		doc_parse_add_section(p, bi, DOC_LEVEL_BRACKET, 1, 0);
		return;
	}
	if (doc_heading_match(s, b->len, &level, &num_len, &marker_len)) {
		doc_parse_resolve(p, (int)level);
		b->kind = DOC_BLOCK_NUMBERED;
		if (marker_len > b->marker_len)
			b->marker_len = marker_len;
		si = doc_parse_add_section(p, bi, level, 0, num_len);
		p->pending = (int)si;
		p->pending_title_like = doc_heading_is_title_like(s + marker_len,
		    b->len - marker_len);
		return;
	}
	doc_parse_resolve(p, -1);
	if (doc_bullet_match(s, b->len, &marker_len)) {
		b->kind = DOC_BLOCK_BULLET;
		if (marker_len > b->marker_len)
			b->marker_len = marker_len;
	}
}

/* Return where the trailing navigation ("…へ戻る" lines and the blank lines between them)
 * starts, or len if the text does not end with any. */
static size_t
doc_parse_trailer(const char *buf, size_t len)
{
	size_t end = len, start, body_end = len;

	if (end > 0 && buf[end - 1] == '\n')
		end--;
	for (;;) {
		/* the line [start, end), walking backwards */
		start = end;
		while (start > 0 && buf[start - 1] != '\n')
			start--;
		if (doc_region_is_back_link(buf + start, end - start))
			body_end = start;
		else if (!doc_parse_blank(buf + start, end - start))
			break;
		if (start == 0)
			break;
		end = start - 1;
	}
	return body_end;
}

/* Set the region (and the country) from the header line s if it names one; returns 1 if
 * the line is the region line. */
static int
doc_parse_region_line(struct doc *d, const char *s, size_t len)
{
	enum doc_region r;

	if ((r = doc_region_from_name(s, len)) != DOC_REGION_NONE) {
		if (d->region != DOC_REGION_NONE)
			return 0;
		d->region = r;
		return 1;
	}
	if (d->country != NULL || (r = doc_region_from_country(s, len)) == DOC_REGION_NONE)
		return 0;
	if (d->region == DOC_REGION_NONE)
		d->region = r;
	else if (d->region != r)
		return 0;
	s = doc_trim(s, &len);
	d->country = xstrndup(s, len);
	return 1;
}

/* Copy the shown text of block bi, trimmed of spaces, as an allocated string. */
static char *
doc_parse_trimmed(const struct doc *d, size_t bi)
{
	const char *s;
	size_t len;

	s = doc_block_text(d, bi, &len);
	s = doc_trim(s, &len);
	return xstrndup(s, len);
}

/* Parse d->text into chrome, metadata and blocks, in one pass over the lines (about 300 MB/s
 * here).  XXX: the whole text is parsed before the record is returned; a 300 MB record's first
 * screen will need the parse to run in steps (the state is all in struct doc_parse). */
static void
doc_parse(struct doc *d)
{
	struct doc_parse p = { .d = d, .pending = -1 };
	const char *buf = d->text.buf, *s, *nl;
	size_t off = 0, len, end, body_end, bi, date_off, date_len, skip;
	int header = 1, blank = 0, map = 0, after_title = 0, hashes;

	body_end = doc_parse_trailer(buf, d->text.len);
	while (off < body_end) {
		s = buf + off;
		nl = memchr(s, '\n', body_end - off);
		end = nl != NULL ? (size_t)(nl - buf) : body_end;
		len = end - off;
		if (doc_parse_blank(s, len)) {
			blank = 1;
			goto next;
		}
		if (header) {
			if (doc_parse_region_line(d, s, len))
				goto next;
			if (!map && doc_region_is_world_map(s, len)) {
				map = 1;
				goto next;
			}
			header = 0;
			bi = doc_parse_add_block(&p, DOC_BLOCK_TITLE, off, len, 0);
			if (doc_heading_markdown(s, len, &hashes, &skip))
				d->blocks[bi].skip = skip;
			else
				d->blocks[bi].marker_len = doc_marker_len(s, len);
			d->title_block = bi;
			d->title = doc_parse_trimmed(d, bi);
			after_title = 1;
			blank = 0;
			goto next;
		}
		bi = doc_parse_add_block(&p, DOC_BLOCK_PARAGRAPH, off, len, blank);
		blank = 0;
		if (after_title) {
			after_title = 0;
			if (doc_date_parse(s, len, &d->date, &date_off, &date_len)) {
				d->blocks[bi].kind = DOC_BLOCK_DATE;
				d->date_text = xstrndup(s + date_off, date_len);
				goto next;
			}
		}
		doc_parse_body_line(&p, bi);
	next:
		off = end + 1;
	}
	doc_parse_resolve(&p, -2);
	if (d->title == NULL)
		d->title = xstrdup("");
	doc_outline_build(d);
}

/* Make a record of the text t, which it takes over (t is left empty); path is what to call
 * it ("-" or NULL for standard input).  Never fails.  Free with doc_free. */
struct doc *
doc_create_from_text(const char *path, struct input_text *t)
{
	struct doc *d;

	d = xcalloc(1, sizeof *d);
	d->path = doc_parse_path(path);
	d->name = path == NULL || strcmp(path, "-") == 0 ? xstrdup(d->path) :
	    doc_parse_name(path);
	d->text = *t;
	memset(t, 0, sizeof *t);
	d->region = DOC_REGION_NONE;
	d->title_block = (size_t)-1;
	doc_parse(d);
	return d;
}

/* Read and parse the record at path ("-" for standard input) in encoding (NULL or "auto"
 * to detect it).  Returns the record, or NULL with *cause set (allocated). */
struct doc *
doc_create(const char *path, const char *encoding, char **cause)
{
	struct input_text t;

	memset(&t, 0, sizeof t);
	if (input_text_open(&t, path, encoding, cause) != 0)
		return NULL;
	return doc_create_from_text(path, &t);
}

/* Free d and everything it owns, the text included. */
void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	input_text_clear(&d->text);
	free(d->path);
	free(d->name);
	free(d->country);
	free(d->title);
	free(d->date_text);
	free(d->blocks);
	free(d->sections);
	free(d);
}

/* Return the shown text of block (after its skip) and set *len to its bytes; the pointer
 * is into d->text and valid while d lives. */
const char *
doc_block_text(const struct doc *d, size_t block, size_t *len)
{
	const struct doc_block *b = &d->blocks[block];

	*len = b->len - b->skip;
	return d->text.buf + b->off + b->skip;
}

/* Return the index of the block that contains off or, if off is in a blank or chrome line,
 * the first block after it; d->nblocks if there is none. */
size_t
doc_block_at_off(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = d->nblocks, mid;

	/* the first block whose end (off + len, its LF included) is beyond off */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->blocks[mid].off + d->blocks[mid].len < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Return the last block that starts at or before off (0 if none does), for scans that visit
 * offsets in order: hint, the previous answer, is tried before a binary search. */
size_t
doc_block_starting_before(const struct doc *d, size_t off, size_t hint)
{
	size_t lo = hint, hi, mid;

	if (lo >= d->nblocks || d->blocks[lo].off > off)
		lo = 0;
	if (lo + 1 < d->nblocks && d->blocks[lo + 1].off <= off) {
		hi = d->nblocks;
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (d->blocks[mid].off <= off)
				lo = mid;
			else
				hi = mid;
		}
	}
	return lo;
}

/* Return the block whose shown text holds all of [off, off + len), or NULL when the range
 * lies in navigation chrome, a Markdown "#" prefix or across lines (search matches there are
 * not shown).  *hint carries the last block found, for ranges visited in order. */
const struct doc_block *
doc_block_showing(const struct doc *d, size_t off, size_t len, size_t *hint)
{
	const struct doc_block *b;
	size_t i;

	i = doc_block_starting_before(d, off, *hint);
	if (i >= d->nblocks)
		return NULL;
	*hint = i;
	b = &d->blocks[i];
	if (off < b->off + b->skip || off + len > b->off + b->len)
		return NULL;
	return b;
}
