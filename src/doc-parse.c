/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc-parse.c: a record from its clean text in one linear pass, which may run in steps while
 * the text loads: navigation chrome set aside, metadata (region, country, title, date)
 * recognised, and every other non-blank line made one block of byte offsets into the text
 * (never a copy).  Owns struct doc; the outline depths come from doc-outline.c, the line
 * classifiers live in doc-heading.c, doc-date.c, doc-region.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "xmalloc.h"

/* A 300 MB record has a million blocks: keep them small (doc.h). */
_Static_assert(sizeof(struct doc_block) == 16, "struct doc_block is 16 bytes");
_Static_assert(sizeof(struct doc_section) == 16, "struct doc_section is 16 bytes");

/* No line held back. */
#define DOC_PARSE_NO_HOLD	((size_t)-1)
#define DOC_PARSE_NO_BLOCK	((size_t)-1)

/* The first body lines of a record are held until this many were seen (to the end of their
 * paragraph), or two much wider than any fold: then the wrap width is known, or the record
 * is taken as not hard-wrapped. */
#define DOC_PARSE_PROBE_LINES	32
#define DOC_PARSE_HOLD_MAX	256
/* Bytes of a file doc_create() loads and parses at a time. */
#define DOC_CREATE_STEP		((size_t)16 << 20)

/* The state of a parse, kept in the doc between steps while the record loads. */
struct doc_parse {
	size_t		 alloc_blocks;	/* blocks allocated */
	size_t		 alloc_sections;	/* sections allocated */
	size_t		 nblocks;	/* blocks made; the last is not published while pending */
	size_t		 nsections;	/* sections made; likewise */
	int		 pending;	/* index of a section waiting for the next block, or -1 */
	int		 pending_title_like;	/* its text could be a section title */
	size_t		 scan;		/* byte offset of the next line to look at */
	size_t		 no_lf;		/* the text from scan to here holds no LF (searched) */
	size_t		 hold;		/* offset of a run of "…へ戻る" and blank lines that may be the trailer, or DOC_PARSE_NO_HOLD */
	int		 header;	/* 1 while the head is read (doc-head.c), before any block */
	int		 blank;		/* blank lines since the last block */
	int		 after_title;	/* the next block may be the date or the title's folded tail */
	int		 cont;		/* scan is inside a long line whose first pieces are parsed */
	int		 gallery;	/* indent (bytes) of the gallery bullet being read, -1 if none */
	int		 title_block_seen;	/* a title block was made */
	struct doc_head	 head;		/* the head's lines while header is 1 */
	struct doc_outline outline;	/* depth and parent of published entries */

	/* Hard wrap (doc-reflow.c): while the wrap width is unknown, body lines are held
	 * unparsed from rhold and the breaks between them kept as evidence; once it is
	 * known, each line is joined to the paragraph before it or not as it comes. */
	int		 wrap_cols;	/* the width the text was folded at, 0 unknown, -1 none or reflow off */
	size_t		 rwide;		/* held lines wider than any fold */
	size_t		 rhold;		/* offset of the first held line, or DOC_PARSE_NO_HOLD */
	size_t		 rhold_end;	/* end of the last held line */
	size_t		 rhold_lines;	/* non-blank lines held */
	int		 rhold_prev;	/* the last held line is not blank: rprev describes it */
	struct doc_reflow_line rprev;
	size_t		 npairs;	/* breaks between held lines kept as evidence */
	struct doc_reflow_pair pairs[DOC_PARSE_HOLD_MAX];
	size_t		 last_block;	/* block of the last line parsed while wrap_cols > 0 */
	struct doc_reflow_line last;	/* that line */
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
doc_parse_add_block(struct doc *d, struct doc_parse *p, enum doc_block_kind kind, size_t off,
    size_t len, int blank_before)
{
	struct doc_block *b;

	if (p->nblocks == p->alloc_blocks) {
		p->alloc_blocks = p->alloc_blocks == 0 ? 64 : p->alloc_blocks * 2;
		d->blocks = xreallocarray(d->blocks, p->alloc_blocks, sizeof *d->blocks);
	}
	b = &d->blocks[p->nblocks];
	b->kind = kind;
	b->off = off;
	b->len = len;
	b->skip = 0;
	b->marker_len = 0;
	b->blank_before = blank_before != 0 && p->nblocks > 0;
	b->joined = 0;
	b->section = (int32_t)p->nsections - 1;
	return p->nblocks++;
}

/* Append an outline entry for block and return its index; depth and parent come later. */
static size_t
doc_parse_add_section(struct doc *d, struct doc_parse *p, size_t block, enum doc_level level,
    int is_heading, size_t num_len)
{
	struct doc_section *sec;

	if (p->nsections == p->alloc_sections) {
		p->alloc_sections = p->alloc_sections == 0 ? 16 : p->alloc_sections * 2;
		d->sections = xreallocarray(d->sections, p->alloc_sections, sizeof *d->sections);
	}
	sec = &d->sections[p->nsections];
	sec->block = (uint32_t)block;
	sec->depth = 0;
	sec->parent = -1;
	sec->level = (uint8_t)level;
	sec->is_heading = is_heading != 0;
	sec->num_len = num_len > UINT32_MAX ? UINT32_MAX : (uint32_t)num_len;
	d->blocks[block].section = (int32_t)p->nsections;
	return p->nsections++;
}

/* Decide the waiting numbered line now that the next block is known (next_level, or -1 if
 * the next block is not numbered, or -2 if there is no next block): it is a heading when
 * its text is title-like and text follows that is not a sibling item of the same form. */
static void
doc_parse_resolve(struct doc *d, struct doc_parse *p, int next_level)
{
	struct doc_section *sec;

	if (p->pending < 0)
		return;
	sec = &d->sections[p->pending];
	if (p->pending_title_like && next_level != -2 && next_level != (int)sec->level) {
		sec->is_heading = 1;
		d->blocks[sec->block].kind = DOC_BLOCK_HEADING;
	}
	p->pending = -1;
}

/* Return 1 if a body line starting with cp (after its indent) may be a heading, a numbered
 * or bulleted item or carry a list marker: most lines start with kana or a kanji and are
 * plain paragraphs, which then skip every classifier. */
static int
doc_parse_may_be_form(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '#' || cp == '(' || cp == '[' || cp == '-' || cp == '*' ||
		    cp == '+' || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z');
	if (cp >= 0x3041 && cp <= 0x309f)
		return 0;		/* hiragana */
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return cp == 0x7b2c;	/* among the kanji, only 第 */
	return 1;
}

/* Return a lexical length (a marker, a Markdown prefix) as a block keeps it: 0 if it does
 * not fit. */
static size_t
doc_parse_short(size_t len)
{
	return len <= DOC_BLOCK_SHORT_MAX ? len : 0;
}

/* Classify one body line (not the title or date), indent its leading spaces, into the block
 * just added at index bi. */
static void
doc_parse_body_line(struct doc *d, struct doc_parse *p, size_t bi, size_t indent)
{
	struct doc_block *b = &d->blocks[bi];
	const char *s = d->text.buf + b->off;
	enum doc_level level;
	size_t len = b->len, num_len, marker_len, skip, si, n;
	int hashes;

	if (!doc_parse_may_be_form(doc_utf8_next(s + indent, len - indent, &n))) {
		doc_parse_resolve(d, p, -1);
		return;
	}
	b->marker_len = doc_parse_short(doc_marker_len(s, len));
	if (doc_heading_markdown(s, len, &hashes, &skip) && skip <= DOC_BLOCK_SHORT_MAX) {
		doc_parse_resolve(d, p, -1);
		b->kind = DOC_BLOCK_HEADING;
		b->skip = skip;
		b->marker_len = 0;
		doc_parse_add_section(d, p, bi, DOC_LEVEL_MARKDOWN, 1, 0);
		return;
	}
	if (doc_heading_bracket(s, len)) {
		doc_parse_resolve(d, p, -1);
		b->kind = DOC_BLOCK_HEADING;
		doc_parse_add_section(d, p, bi, DOC_LEVEL_BRACKET, 1, 0);
		return;
	}
	if (doc_heading_match(s, len, &level, &num_len, &marker_len)) {
		doc_parse_resolve(d, p, (int)level);
		b->kind = DOC_BLOCK_NUMBERED;
		if (doc_parse_short(marker_len) > b->marker_len)
			b->marker_len = marker_len;
		si = doc_parse_add_section(d, p, bi, level, 0, num_len);
		p->pending = (int)si;
		p->pending_title_like = doc_heading_is_title_like(s + marker_len,
		    len - marker_len);
		return;
	}
	doc_parse_resolve(d, p, -1);
	if (doc_bullet_match(s, len, &marker_len)) {
		b->kind = DOC_BLOCK_BULLET;
		if (doc_parse_short(marker_len) > b->marker_len)
			b->marker_len = marker_len;
	}
}

/* Return 1 if the line s is a "…へ戻る" navigation line; the test of its end comes first,
 * as almost no line passes it. */
static int
doc_parse_back_link(const char *s, size_t len)
{
	size_t end = len;

	for (;;) {
		if (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		else if (end >= 3 && memcmp(s + end - 3, "\u3000", 3) == 0)
			end -= 3;
		else
			break;
	}
	if (end < 9 || memcmp(s + end - 9, "へ戻る", 9) != 0)
		return 0;
	return doc_region_is_back_link(s, len);
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
		d->region_from = DOC_REGION_FROM_REGION_LINE;
		return 1;
	}
	if (d->country != NULL || (r = doc_region_from_country(s, len)) == DOC_REGION_NONE)
		return 0;
	if (d->region == DOC_REGION_NONE) {
		d->region = r;
		d->region_from = DOC_REGION_FROM_COUNTRY_LINE;
	} else if (d->region != r)
		return 0;
	s = doc_trim(s, &len);
	d->country = xstrndup(s, len);
	return 1;
}

/* Join the line [off, off + len), right under the title, to the title if a fold put it
 * there: it starts with a character only a fold starts a line with, or it is the title's
 * shorter tail (no date, no list item, no sentence, no indent).  Returns 1 if it did. */
static int
doc_parse_title_join(struct doc *d, struct doc_parse *p, size_t off, size_t len)
{
	struct doc_block *b;
	struct doc_reflow_line prev, next;
	struct doc_date date;
	const char *text = d->text.buf, *s = text + off, *nl, *t;
	char *copy;
	size_t date_off, date_len, n, start;

	if (p->wrap_cols < 0 || p->blank || d->title_block == (size_t)-1 ||
	    d->title_block + 1 != p->nblocks)
		return 0;
	b = &d->blocks[d->title_block];
	if (off + len - b->off > DOC_PIECE_LEN || b->len > 4096 ||
	    doc_date_parse(s, len, &date, &date_off, &date_len))
		return 0;
	if (!doc_reflow_starts_closed(s, len)) {
		nl = b->joined ? memrchr(text + b->off, '\n', b->len) : NULL;
		start = nl != NULL ? (size_t)(nl + 1 - text) : b->off;
		doc_reflow_line_scan(text + start, b->off + b->len - start, &prev);
		doc_reflow_line_scan(s, len, &next);
		if (prev.cols < DOC_REFLOW_MIN_COLS || next.cols >= prev.cols - 1 ||
		    prev.ends_sentence || prev.table || next.table || next.marker ||
		    next.para_indent || next.indent_cols > 0 ||
		    memmem(s, len, "\u3002", 3) != NULL)
			return 0;
	}
	b->len = (uint32_t)(off + len - b->off);
	b->joined = 1;
	copy = xmalloc(b->len + 1);
	n = doc_reflow_copy(text, b->off + b->skip, b->len - b->skip, copy);
	t = doc_trim(copy, &n);
	free(d->title);
	d->title = xstrndup(t, n);
	free(copy);
	return 1;
}

/* Join the body line [off, off + len) to the paragraph block before it if the text was
 * folded there: it starts with a character no line starts with (doc_reflow_starts_closed()),
 * or, rl describing it, the wrap width explains the break (doc_reflow_continues()).
 * Returns 1 if it did.  A numbered paragraph waiting to be told a heading is judged on all
 * of its text. */
static int
doc_parse_join(struct doc *d, struct doc_parse *p, size_t off, size_t len,
    const struct doc_reflow_line *rl)
{
	struct doc_block *b;
	const char *text = d->text.buf;
	char *copy;
	size_t n;
	int hang = 0;

	if (p->blank || p->last_block == DOC_PARSE_NO_BLOCK || p->last_block + 1 != p->nblocks)
		return 0;
	b = &d->blocks[p->last_block];
	if (b->kind != DOC_BLOCK_PARAGRAPH && b->kind != DOC_BLOCK_BULLET &&
	    b->kind != DOC_BLOCK_NUMBERED)
		return 0;
	if (off + len - b->off > DOC_PIECE_LEN)
		return 0;
	if (b->marker_len > 0)
		hang = doc_reflow_cols(text + b->off + b->skip, b->marker_len);
	if (!doc_reflow_starts_closed(text + off, len) && (rl == NULL ||
	    !doc_reflow_continues(&p->last, rl, p->wrap_cols, hang)))
		return 0;
	b->len = (uint32_t)(off + len - b->off);
	b->joined = 1;
	if (p->pending >= 0 && d->sections[p->pending].block == p->last_block) {
		p->pending_title_like = 0;
		if (b->len <= 1024) {
			copy = xmalloc(b->len);
			n = doc_reflow_copy(text, b->off, b->len, copy);
			if (n >= b->marker_len)
				p->pending_title_like = doc_heading_is_title_like(
				    copy + b->marker_len, n - b->marker_len);
			free(copy);
		}
	}
	return 1;
}

static void	doc_parse_feed(struct doc *d, struct doc_parse *p, size_t off, size_t len);

/* Append a block of page furniture (DOC_BLOCK_MENU or DOC_BLOCK_CAPTION) at [off, off +
 * len): set aside like chrome, but kept as a block, so it can be shown on request. */
static void
doc_parse_furniture(struct doc *d, struct doc_parse *p, enum doc_block_kind kind, size_t off,
    size_t len)
{
	size_t bi;

	doc_parse_resolve(d, p, -1);
	bi = doc_parse_add_block(d, p, kind, off, len, p->blank);
	/* a gallery's bullet keeps its marker: its caption lines hang under it when shown */
	d->blocks[bi].marker_len = doc_parse_short(doc_marker_len(d->text.buf + off, len));
	p->blank = 0;
	if (kind == DOC_BLOCK_MENU)
		d->nmenus++;
	else
		d->ncaptions++;
}

/* Parse the body line [off, off + len): a blank line, a photo caption or a line of an image
 * gallery (furniture), the date under a title that had none above it, or a body block. */
static void
doc_parse_body(struct doc *d, struct doc_parse *p, size_t off, size_t len)
{
	const char *s = d->text.buf + off;
	struct doc_reflow_line rl;
	size_t bi, indent, date_off, date_len;
	int gallery, joined;

	if ((indent = doc_space_len(s, len)) == len) {
		p->blank = 1;
		return;
	}
	/* XXX: past DOC_BLOCKS_MAX blocks or DOC_BLOCK_OFF_MAX bytes, lines are not blocks. */
	if (p->nblocks >= DOC_BLOCKS_MAX || off > DOC_BLOCK_OFF_MAX)
		return;
	gallery = doc_head_gallery_bullet(s, len);
	if (p->gallery >= 0 && indent < (size_t)p->gallery + 2 && !gallery)
		p->gallery = -1;
	if (p->gallery >= 0 || gallery) {
		if (gallery) {
			p->gallery = (int)indent;
			d->nimages++;
		}
		doc_parse_furniture(d, p, DOC_BLOCK_CAPTION, off, len);
		return;
	}
	if (doc_head_caption_marked(s, len)) {
		doc_parse_furniture(d, p, DOC_BLOCK_CAPTION, off, len);
		return;
	}
	if (p->after_title && doc_parse_title_join(d, p, off, len))
		return;
	if (p->wrap_cols >= 0) {
		if (p->wrap_cols > 0)
			doc_reflow_line_scan(s, len, &rl);
		joined = doc_parse_join(d, p, off, len, p->wrap_cols > 0 ? &rl : NULL);
		if (p->wrap_cols > 0)
			p->last = rl;
		if (joined)
			return;
	}
	bi = doc_parse_add_block(d, p, DOC_BLOCK_PARAGRAPH, off, len, p->blank);
	p->last_block = p->wrap_cols >= 0 ? bi : DOC_PARSE_NO_BLOCK;
	p->blank = 0;
	if (p->after_title) {
		p->after_title = 0;
		if (d->date_text == NULL &&
		    doc_date_parse(s, len, &d->date, &date_off, &date_len)) {
			d->blocks[bi].kind = DOC_BLOCK_DATE;
			d->date_text = xstrndup(s + date_off, date_len);
			return;
		}
	}
	doc_parse_body_line(d, p, bi, indent);
}

/* Append the title line [off, off + len) as a title block and to d->title (a line in
 * parentheses such as (概要) joins the line above without a space). */
static void
doc_parse_title(struct doc *d, struct doc_parse *p, size_t off, size_t len)
{
	const char *s = d->text.buf + off;
	size_t bi, skip, tlen;
	int hashes;
	char *t;

	/* the tail of a title a fold cut in two joins it (doc_parse_title_join) */
	if (p->title_block_seen && doc_parse_title_join(d, p, off, len))
		return;
	bi = doc_parse_add_block(d, p, DOC_BLOCK_TITLE, off, len,
	    p->title_block_seen ? 0 : p->blank);
	p->blank = 0;
	if (doc_heading_markdown(s, len, &hashes, &skip)) {
		if (skip <= DOC_BLOCK_SHORT_MAX)
			d->blocks[bi].skip = skip;
	} else
		d->blocks[bi].marker_len = doc_parse_short(doc_marker_len(s, len));
	s = doc_block_text(d, bi, &tlen);
	s = doc_trim(s, &tlen);
	if (!p->title_block_seen) {
		d->title_block = bi;
		free(d->title);
		d->title = xstrndup(s, tlen);
		p->title_block_seen = 1;
		return;
	}
	t = xasprintf("%s%s%.*s", d->title, s[0] == '(' || (tlen >= 3 &&
	    memcmp(s, "（", 3) == 0) ? "" : " ", (int)tlen, s);
	free(d->title);
	d->title = t;
}

/* The head is read (complete: its last line ended it): turn its lines into chrome, the
 * region, furniture, the title and the date, parse the rest as body, then derive a title
 * if there was no title line and infer the region if no line named one. */
static void
doc_parse_head_flush(struct doc *d, struct doc_parse *p, int complete)
{
	struct doc_head *h = &p->head;
	int roles[DOC_HEAD_MAX];
	const char *buf = d->text.buf, *s, *lead_s = "";
	size_t i, off, len, date_off, date_len, lead = (size_t)-1, lead_len = 0;
	enum doc_region r;
	char *t;
	int body = 0;

	p->header = 0;
	doc_head_roles(h, buf, complete, roles);
	for (i = 0; i < h->n; i++) {
		off = h->line[i].off;
		len = h->line[i].len;
		s = buf + off;
		if (body) {
			/* the lead and what follows it: body lines, held like any (doc-reflow.c) */
			doc_parse_feed(d, p, off, len);
			continue;
		}
		switch (roles[i]) {
		case DOC_ROLE_BLANK:
			p->blank = 1;
			break;
		case DOC_ROLE_CHROME:
			break;
		case DOC_ROLE_REGION:
			if (!doc_parse_region_line(d, s, len))
				doc_parse_furniture(d, p, DOC_BLOCK_MENU, off, len);
			break;
		case DOC_ROLE_MENU:
			doc_parse_furniture(d, p, DOC_BLOCK_MENU, off, len);
			break;
		case DOC_ROLE_CAPTION:
			if (h->line[i].kind == DOC_HEAD_GALLERY)
				d->nimages++;
			doc_parse_furniture(d, p, DOC_BLOCK_CAPTION, off, len);
			break;
		case DOC_ROLE_TITLE:
			doc_parse_title(d, p, off, len);
			break;
		case DOC_ROLE_DATE:
			doc_parse_add_block(d, p, DOC_BLOCK_DATE, off, len, p->blank);
			p->blank = 0;
			if (doc_date_parse(s, len, &d->date, &date_off, &date_len))
				d->date_text = xstrndup(s + date_off, date_len);
			break;
		default:
			/* the lead: the first paragraph, all its lines if it is hard-wrapped */
			if (lead == (size_t)-1 && (h->line[i].kind == DOC_HEAD_LONG ||
			    h->line[i].kind == DOC_HEAD_SHORT)) {
				lead = i;
				lead_len = len;
				lead_s = doc_trim(s, &lead_len);
			} else if (lead == i - 1 && h->line[lead].kind == DOC_HEAD_SHORT &&
			    h->line[i].kind != DOC_HEAD_FORM) {
				lead = i;
				lead_len = (size_t)(s + len - lead_s);
			}
			if (p->title_block_seen && d->date_text == NULL && p->nblocks > 0 &&
			    d->blocks[p->nblocks - 1].kind == DOC_BLOCK_TITLE)
				p->after_title = 1;
			body = 1;
			doc_parse_feed(d, p, off, len);
			break;
		}
	}
	/* a lead is read for its meeting only so far: a one-line file of 300 MB is its lead */
	if (lead_len > DOC_HEAD_LEAD_MAX) {
		lead_len = DOC_HEAD_LEAD_MAX;
		while (lead_len > 0 && ((unsigned char)lead_s[lead_len] & 0xc0) == 0x80)
			lead_len--;
	}
	if (h->gallery >= 0 && complete)
		p->gallery = h->gallery;
	if (p->title_block_seen && d->date_text == NULL && p->nblocks > 0 &&
	    d->blocks[p->nblocks - 1].kind == DOC_BLOCK_TITLE)
		p->after_title = 1;
	if (p->title_block_seen)
		d->title_from = DOC_TITLE_LINE;
	else {
		free(d->title);
		d->title = doc_head_title_derive(h, buf, roles, lead_s, lead_len,
		    &d->title_from);
		if (d->title_from == DOC_TITLE_MEETING && d->country != NULL &&
		    (t = doc_head_title_with_country(d->title, d->country)) != NULL) {
			free(d->title);
			d->title = t;
		}
	}
	if (d->region == DOC_REGION_NONE) {
		r = doc_head_region_infer(d->title, strlen(d->title), lead_s, lead_len);
		if (r != DOC_REGION_NONE) {
			d->region = r;
			d->region_from = DOC_REGION_FROM_TEXT;
		}
	}
}

/* Parse the line [off, off + len) of the text: a line of the head while it is read (see
 * doc-head.c), else a body line; of a line longer than DOC_PIECE_LEN bytes, only its first
 * piece comes here (and the others while the head is read). */
static void
doc_parse_line(struct doc *d, struct doc_parse *p, size_t off, size_t len)
{
	if (p->header) {
		if (doc_head_add(&p->head, d->text.buf, off, len))
			doc_parse_head_flush(d, p, 1);
		return;
	}
	doc_parse_body(d, p, off, len);
}

/* Return where to cut a piece of about DOC_PIECE_LEN bytes off the line [off, off + len),
 * len > DOC_PIECE_LEN: after a space or before a CJK character in the last DOC_PIECE_SLACK
 * bytes (a break opportunity most likely), else where a character starts. */
static size_t
doc_parse_piece_len(const struct doc *d, size_t off)
{
	const unsigned char *u = (const unsigned char *)d->text.buf + off;
	size_t piece;

	for (piece = DOC_PIECE_LEN; piece > DOC_PIECE_LEN - DOC_PIECE_SLACK; piece--) {
		if (u[piece - 1] == ' ' || (u[piece] >= 0xe3 && u[piece] <= 0xe9))
			return piece;
	}
	piece = DOC_PIECE_LEN;
	while (piece > 1 && (u[piece] & 0xc0) == 0x80)
		piece--;
	return piece;
}

/* Parse one piece [off, off + len) of a line: the first as the line itself, the others as
 * paragraphs going on from it (no heading or list marker is looked for in them). */
static void
doc_parse_piece(struct doc *d, struct doc_parse *p, size_t off, size_t len, int first)
{
	if (first || p->header)
		doc_parse_line(d, p, off, len);
	else if (doc_space_len(d->text.buf + off, len) == len)
		p->blank = 1;
	else if (p->nblocks < DOC_BLOCKS_MAX && off <= DOC_BLOCK_OFF_MAX) {
		doc_parse_add_block(d, p, DOC_BLOCK_PARAGRAPH, off, len, p->blank);
		p->blank = 0;
		p->after_title = 0;
	}
}

/* Parse the line [off, off + len) (first: its start; else the rest of a line whose first
 * pieces were parsed already).  A line longer than DOC_PIECE_LEN bytes (a paragraph of
 * 64 KiB, or a gigabyte of NULs) is cut into blocks of about that many, so that no block
 * costs much to lay out or to find a place in: where a piece ends the layout breaks the
 * line, as for a unit wider than the line.
 * XXX: a search match across two pieces is not found. */
static void
doc_parse_line_pieces(struct doc *d, struct doc_parse *p, size_t off, size_t len, int first)
{
	size_t piece;

	do {	/* an empty line too: it is a blank line */
		piece = len > DOC_PIECE_LEN ? doc_parse_piece_len(d, off) : len;
		doc_parse_piece(d, p, off, piece, first);
		first = 0;
		off += piece;
		len -= piece;
	} while (len > 0);
}

/* Describe in p->last the last line of the block the next line may join, which was parsed
 * before the wrap width was known. */
static void
doc_parse_last_scan(struct doc *d, struct doc_parse *p)
{
	const struct doc_block *b;
	const char *s, *nl;

	if (p->last_block == DOC_PARSE_NO_BLOCK || p->last_block + 1 != p->nblocks)
		return;
	b = &d->blocks[p->last_block];
	s = d->text.buf + b->off;
	nl = b->joined ? memrchr(s, '\n', b->len) : NULL;
	if (nl != NULL)
		doc_reflow_line_scan(nl + 1, b->len - (size_t)(nl + 1 - s), &p->last);
	else
		doc_reflow_line_scan(s, b->len, &p->last);
}

/* Decide from the lines held from rhold whether the record was hard-wrapped, and parse
 * them: joined where the text was folded if a wrap width explains the breaks seen; else as
 * they are (but for a line only a fold starts, doc_reflow_starts_closed()), and so is the
 * rest of the record.  Unless force, they stay held across blank lines until
 * DOC_PARSE_PROBE_LINES were seen, so the width is learned from more than one paragraph. */
static void
doc_parse_reflow_settle(struct doc *d, struct doc_parse *p, int force)
{
	const char *buf = d->text.buf, *nl;
	size_t from = p->rhold, to = p->rhold_end, end;
	int w;

	if (from == DOC_PARSE_NO_HOLD)
		return;
	if (!force && p->rhold_lines < DOC_PARSE_PROBE_LINES)
		return;
	w = doc_reflow_learn(p->pairs, p->npairs);
	if (w > 0) {
		p->wrap_cols = w;
		doc_parse_last_scan(d, p);
	}
	p->rhold = DOC_PARSE_NO_HOLD;
	p->rhold_lines = p->npairs = 0;
	p->rhold_prev = 0;
	while (from <= to) {
		nl = memchr(buf + from, '\n', to - from);
		end = nl != NULL ? (size_t)(nl - buf) : to;
		doc_parse_line_pieces(d, p, from, end - from, 1);
		from = end + 1;
	}
	if (w == 0) {
		p->wrap_cols = -1;
		p->last_block = DOC_PARSE_NO_BLOCK;
	}
}

/* Take the complete line [off, off + len) of the body: parse it, or while the wrap width
 * is unknown hold it with what it tells of one (a blank line ends a run of lines: the
 * time to look at the evidence). */
static void
doc_parse_feed(struct doc *d, struct doc_parse *p, size_t off, size_t len)
{
	const char *s = d->text.buf + off;
	struct doc_reflow_line rl;
	int blank;

	if (p->wrap_cols != 0 || (p->rhold == DOC_PARSE_NO_HOLD &&
	    (p->header || p->after_title))) {
		doc_parse_line_pieces(d, p, off, len, 1);
		return;
	}
	blank = doc_parse_blank(s, len);
	if (p->rhold == DOC_PARSE_NO_HOLD) {
		if (blank) {
			doc_parse_line_pieces(d, p, off, len, 1);
			return;
		}
		p->rhold = off;
	}
	p->rhold_end = off + len;
	if (blank) {
		if (p->rhold_prev) {
			p->rhold_prev = 0;
			doc_parse_reflow_settle(d, p, 0);
		}
		return;
	}
	doc_reflow_line_scan(s, len, &rl);
	if (p->rhold_prev && p->npairs < DOC_PARSE_HOLD_MAX &&
	    doc_reflow_pair_make(&p->rprev, &rl, &p->pairs[p->npairs]))
		p->npairs++;
	p->rprev = rl;
	p->rhold_prev = 1;
	if (rl.cols > DOC_REFLOW_MAX_COLS && rl.cols - rl.word_cols != rl.indent_cols)
		p->rwide++;
	if (++p->rhold_lines >= DOC_PARSE_HOLD_MAX || p->rwide >= 2)
		doc_parse_reflow_settle(d, p, 1);
}

/* Parse the lines [from, to) of the text, held back before (to is a line start). */
static void
doc_parse_release(struct doc *d, struct doc_parse *p, size_t from, size_t to)
{
	const char *buf = d->text.buf, *nl;
	size_t end;

	while (from < to) {
		nl = memchr(buf + from, '\n', to - from);
		end = nl != NULL ? (size_t)(nl - buf) : to;
		doc_parse_feed(d, p, from, end - from);
		from = end + 1;
	}
}

/* Make what the parse has settled visible: every block and entry but a numbered one whose
 * kind waits for the next block; entries get their depth as they appear. */
static void
doc_parse_publish(struct doc *d, struct doc_parse *p)
{
	size_t ns = p->nsections - (p->pending >= 0 ? 1 : 0);
	int grows = 0;

	/* A paragraph the next line may still join is not settled either. */
	if (p->wrap_cols >= 0 && p->last_block != DOC_PARSE_NO_BLOCK &&
	    p->last_block + 1 == p->nblocks)
		grows = 1;
	/* Nor is a title a fold may have cut before the next line shows. */
	if (p->wrap_cols >= 0 && p->after_title && !p->blank && p->nblocks > 0 &&
	    d->title_block == p->nblocks - 1)
		grows = 1;
	while (p->outline.done < ns)
		doc_outline_add(d, &p->outline, p->outline.done);
	d->nsections = ns;
	d->nblocks = p->nblocks - (p->pending >= 0 || grows ? 1 : 0);
}

/* Parse about budget bytes of complete lines of the text from where the parse stopped; once
 * the text is complete, the rest, and settle the end.  A "…へ戻る" line is held back with
 * the blank and "…へ戻る" lines after it until a line of text follows (then they are body)
 * or the text ends (then they are the trailing navigation and go). */
static void
doc_parse_step(struct doc *d, size_t budget)
{
	struct doc_parse *p = d->parse;
	const char *buf = d->text.buf, *nl;
	size_t len = d->text.len, start = p->scan, off, end, next, from;

	while (p->scan < len && p->scan - start < budget) {
		off = p->scan;
		/* A long line's end is looked for only past what was searched before. */
		from = off > p->no_lf ? off : p->no_lf;
		if ((nl = from < len ? memchr(buf + from, '\n', len - from) : NULL) == NULL)
			p->no_lf = len;
		if (nl != NULL) {
			end = (size_t)(nl - buf);
			next = end + 1;
		} else if (d->text.complete)
			end = next = len;
		else if (len - off > DOC_PIECE_LEN) {
			/* A long line not all in yet: its pieces are parsed as they come,
			 * so its end is not searched for from its start at every step. */
			if (p->hold != DOC_PARSE_NO_HOLD) {
				doc_parse_release(d, p, p->hold, off);
				p->hold = DOC_PARSE_NO_HOLD;
			}
			if (!p->cont)
				doc_parse_reflow_settle(d, p, 1);	/* lines held before */
			end = doc_parse_piece_len(d, off);
			doc_parse_piece(d, p, off, end, !p->cont);
			p->cont = 1;
			p->scan = off + end;
			continue;
		} else
			break;		/* a line not all in yet */
		if (p->cont) {
			/* The rest of a long line parsed in pieces. */
			if (end > off)
				doc_parse_line_pieces(d, p, off, end - off, 0);
			p->cont = 0;
			p->scan = next;
			continue;
		}
		if (doc_parse_back_link(buf + off, end - off)) {
			if (p->hold == DOC_PARSE_NO_HOLD)
				p->hold = off;
		} else if (p->hold != DOC_PARSE_NO_HOLD && !doc_parse_blank(buf + off, end - off)) {
			doc_parse_release(d, p, p->hold, off);
			p->hold = DOC_PARSE_NO_HOLD;
		}
		if (p->hold == DOC_PARSE_NO_HOLD)
			doc_parse_feed(d, p, off, end - off);
		p->scan = next;
	}
	if (d->text.complete && p->scan >= len) {
		if (p->header)
			doc_parse_head_flush(d, p, 0);
		doc_parse_reflow_settle(d, p, 1);
		p->last_block = DOC_PARSE_NO_BLOCK;
		p->after_title = 0;
		doc_parse_resolve(d, p, -2);
		doc_parse_publish(d, p);
		free(p);
		d->parse = NULL;
		d->complete = 1;
		return;
	}
	doc_parse_publish(d, p);
}

/* Return the offset of d's text before which the parse reads nothing any more: where it
 * goes on, or the first line it holds back. */
static size_t
doc_parse_needed(const struct doc *d)
{
	const struct doc_parse *p = d->parse;
	size_t off;

	if (p == NULL)
		return d->text.len;
	off = p->scan;
	if (p->hold < off)
		off = p->hold;
	if (p->rhold < off)
		off = p->rhold;
	return off;
}

/* Make a record of the text t, which it takes over (t is left empty), and parse what of it
 * is in: t may be only started (input_text_start); doc_load_more() loads and parses the
 * rest.  path is what to call it ("-" or NULL for standard input).  Never fails.  Free
 * with doc_free. */
struct doc *
doc_open_text(const char *path, struct input_text *t)
{
	struct doc *d;
	struct doc_parse *p;

	d = xcalloc(1, sizeof *d);
	d->path = doc_parse_path(path);
	d->name = path == NULL || strcmp(path, "-") == 0 ? xstrdup(d->path) :
	    doc_parse_name(path);
	d->text = *t;
	memset(t, 0, sizeof *t);
	d->region = DOC_REGION_NONE;
	d->title_block = (size_t)-1;
	d->title = xstrdup("");
	d->parse = p = xcalloc(1, sizeof *p);
	p->pending = -1;
	p->hold = DOC_PARSE_NO_HOLD;
	p->header = 1;
	p->wrap_cols = doc_reflow_get() ? 0 : -1;
	p->rhold = DOC_PARSE_NO_HOLD;
	p->last_block = DOC_PARSE_NO_BLOCK;
	p->gallery = -1;
	doc_head_init(&p->head);
	doc_outline_init(&p->outline);
	doc_parse_step(d, (size_t)-1);
	return d;
}

/* Start reading the record at path ("-" for standard input) in encoding (NULL or "auto" to
 * detect it) and parse its first chunk: returns at once, even for a huge file or a stream
 * still coming.  doc_load_more() does the rest.  Returns the record, or NULL with *cause set
 * (allocated), with the errors of doc_create(). */
struct doc *
doc_open(const char *path, const char *encoding, char **cause)
{
	struct input_text t;

	if (input_text_start(&t, path, encoding, cause) != 0)
		return NULL;
	return doc_open_text(path, &t);
}

/* Load about budget more bytes of d's text and parse them.  Returns 1 while more remains, 0
 * when d is complete.  Never blocks: on a stream with nothing ready it returns 1 at once
 * (poll input_text_poll_fd(&d->text) first).  If the input fails midway, d->load_error
 * says why and d is complete with the text read so far. */
int
doc_load_more(struct doc *d, size_t budget)
{
	char *cause = NULL;

	if (d->complete)
		return 0;
	if (budget == 0)
		budget = 1;
	if (!d->text.complete && input_text_more(&d->text, budget, &cause) < 0) {
		free(d->load_error);
		d->load_error = cause;
	}
	doc_parse_step(d, budget);
	input_text_release(&d->text, doc_parse_needed(d));
	return !d->complete;
}

/* Make a record of the text t, which it takes over (t is left empty), loaded and parsed to
 * its end; path is what to call it ("-" or NULL for standard input).  Never fails (a text
 * cut short by an input error keeps what was read, with d->load_error).  Free with
 * doc_free. */
struct doc *
doc_create_from_text(const char *path, struct input_text *t)
{
	struct doc *d;
	char *cause = NULL;

	if (!t->complete && input_text_finish(t, &cause) != 0) {
		d = doc_open_text(path, t);
		d->load_error = cause;
	} else
		d = doc_open_text(path, t);
	while (doc_load_more(d, (size_t)-1))
		;
	return d;
}

/* Read and parse all of the record at path ("-" for standard input) in encoding (NULL or
 * "auto" to detect it).  A file is read and parsed DOC_CREATE_STEP bytes at a time, so
 * that a big mapped one is never resident whole (input_text_release); a stream is read to
 * its end first.  Returns the record, or NULL with *cause set (allocated). */
struct doc *
doc_create(const char *path, const char *encoding, char **cause)
{
	struct input_text t;
	struct doc *d;

	memset(&t, 0, sizeof t);
	if (input_text_start_path(&t, path, encoding, INPUT_CHUNK_LEN, cause) != 0)
		return NULL;
	if (input_text_poll_fd(&t) >= 0 && input_text_finish(&t, cause) != 0) {
		input_text_clear(&t);
		return NULL;
	}
	d = doc_open_text(path, &t);
	while (doc_load_more(d, DOC_CREATE_STEP))
		;
	if (d->load_error != NULL) {
		/* The input failed midway (a file that cannot be converted to its end). */
		*cause = d->load_error;
		d->load_error = NULL;
		doc_free(d);
		return NULL;
	}
	return d;
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
	free(d->load_error);
	free(d->parse);
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
static size_t
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
 * lies in navigation chrome, page furniture, a Markdown "#" prefix or across lines (search matches there are
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
	if (doc_block_is_furniture(b))
		return NULL;		/* page furniture, like chrome, is not searched */
	return b;
}

/* Return 1 if b is page furniture (a site menu, a photo caption, a gallery): hidden unless
 * asked for. */
int
doc_block_is_furniture(const struct doc_block *b)
{
	return b->kind == DOC_BLOCK_MENU || b->kind == DOC_BLOCK_CAPTION;
}
