/* layout-wrap.c: wrapping one paragraph into visual lines, the Japanese way, in cells.
 * Break opportunities come from u8_possible_linebreaks() (kinsoku included); lines are
 * fitted first-fit over grapheme clusters with layout-width.c's columns, with hanging
 * punctuation, emergency breaks and hanging indent.  Knows nothing of documents or curses
 * but how a joined paragraph's soft breaks show (doc_reflow_break_space()); the rules are
 * those of ../shared/CJK-LAYOUT.md. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>

#include "doc.h"
#include "input.h"
#include "layout.h"
#include "xmalloc.h"

#define LAYOUT_TAB_COLS		8		/* TAB stops every 8 columns */
#define LAYOUT_SCRATCH_KEEP	(4 << 20)	/* bytes of scratch kept between paragraphs */
#define LAYOUT_NONE		((size_t)-1)	/* no position */

/* Scratch buffers reused from paragraph to paragraph, one byte per text byte each.
 * XXX: static, so layout_wrap() is not reentrant; kiroku lays out from one thread. */
struct layout_scratch {
	char	*brk;		/* UC_BREAK_* before each byte */
	char	*copy;		/* the paragraph with small kana and ー made ideographs */
	char	*gbrk;		/* 1 before each byte that starts a grapheme cluster */
	size_t	 alloc;		/* bytes of each buffer */
};
static struct layout_scratch layout_scratch;

/* One paragraph being wrapped. */
struct layout_para {
	const char	*s;		/* the paragraph's first byte */
	size_t		 n;		/* bytes */
	size_t		 base;		/* byte offset of s in the text */
	const char	*brk;		/* line-break opportunities */
	const char	*gbrk;		/* cluster boundaries, NULL until needed */
	size_t		 mand_end;	/* byte just after a mandatory-break character */
	size_t		 next_len;	/* lookahead: bytes of the character at the scan position */
	unsigned int	 next_cls;	/* lookahead: its LAYOUT_CP_* class */
};

/* One grapheme cluster found by layout_para_cluster(). */
struct layout_cluster {
	size_t		 end;		/* byte offset of its end in the paragraph */
	int		 cols;		/* display columns (a TAB's are added by the caller) */
	unsigned int	 cls;		/* LAYOUT_CP_* of its first character */
	int		 single;	/* 1 if it is one character */
};

/* Free the scratch buffers (they are kept between calls to spare allocations). */
void
layout_wrap_release(void)
{
	free(layout_scratch.brk);
	free(layout_scratch.copy);
	free(layout_scratch.gbrk);
	memset(&layout_scratch, 0, sizeof layout_scratch);
}

/* Make each scratch buffer hold at least n bytes. */
static void
layout_scratch_grow(size_t n)
{
	struct layout_scratch	*sc = &layout_scratch;

	if (n <= sc->alloc)
		return;
	free(sc->brk);
	free(sc->copy);
	free(sc->gbrk);
	sc->alloc = n < 4096 ? 4096 : n + n / 4;
	sc->brk = xmalloc(sc->alloc);
	sc->copy = xmalloc(sc->alloc);
	sc->gbrk = xmalloc(sc->alloc);
}

/* Small kana and ー of line-break class CJ in the Basic Multilingual Plane: bit (last byte
 * & 63) of layout_cj_e3[second byte - 0x80] is set for each E3 xx yy that is one. */
static uint64_t		 layout_cj_e3[8];
static unsigned char	 layout_utf8_step[256];	/* bytes of a character by its lead byte */

/* Fill the CJ bitmap and the step table once. */
static void
layout_cj_init(void)
{
	static const uint16_t	 cps[] = {
		0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087,
		0x308e, 0x3095, 0x3096, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3,
		0x30e3, 0x30e5, 0x30e7, 0x30ee, 0x30f5, 0x30f6, 0x30fc
	};
	size_t			 i;
	unsigned int		 cp;

	if (layout_utf8_step[0] != 0)
		return;
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++)
		layout_cj_e3[(cps[i] >> 6) & 0x3f] |= 1ULL << (cps[i] & 0x3f);
	for (cp = 0x31f0; cp <= 0x31ff; cp++)
		layout_cj_e3[(cp >> 6) & 0x3f] |= 1ULL << (cp & 0x3f);
	for (i = 0; i < 256; i++) {
		layout_utf8_step[i] = i < 0xc0 ? 1 : i < 0xe0 ? 2 : i < 0xf0 ? 3 :
		    i < 0xf8 ? 4 : 1;
	}
}

/* Return non-zero if the character at u (3 bytes readable) may be a CJ character: a BMP
 * small kana or ー (exact), U+FF67-FF70 (exact), or an F0 9B lead (check with
 * layout_is_cj4).  Branch-free: this runs on every character of every paragraph. */
static inline unsigned int
layout_maybe_cj(const unsigned char *u)
{
	unsigned int	c = u[0], b = (unsigned int)(u[1] - 0x80) & 0xff;
	unsigned int	hit;

	hit = (c == 0xe3) & (b < 8) & (unsigned int)(layout_cj_e3[b & 7] >> (u[2] & 63));
	hit |= (c == 0xef) & (u[1] == 0xbd) & ((unsigned int)(u[2] - 0xa7) < 10);
	hit |= (c == 0xf0) & (u[1] == 0x9b);
	return (hit & 1);
}

/* Return 1 if the four bytes at u are a small kana of class CJ (U+1B132, U+1B150-1B152,
 * U+1B155, U+1B164-1B167: F0 9B 84 B2, F0 9B 85 90-92/95/A4-A7). */
static inline int
layout_is_cj4(const unsigned char *u)
{
	if (u[0] != 0xf0 || u[1] != 0x9b)
		return (0);
	if (u[2] == 0x84)
		return (u[3] == 0xb2);
	if (u[2] == 0x85)
		return ((u[3] >= 0x90 && u[3] <= 0x92) || u[3] == 0x95 ||
		    (u[3] >= 0xa4 && u[3] <= 0xa7));
	return (0);
}

/* For kinsoku normal: return the paragraph with every small kana and ー replaced by an
 * ideograph of the same UTF-8 length, so the break finder treats them as class ID (as
 * UAX #14 resolves CJ in normal mode), or s itself if it has none. */
static const char *
layout_kinsoku_normal(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	char			*copy = NULL;
	size_t			 i = 0;

	layout_cj_init();
	while (i + 3 <= n) {
		if (!layout_maybe_cj(u + i)) {
			i += layout_utf8_step[u[i]];
			continue;
		}
		if (u[i] == 0xf0) {
			if (i + 4 > n || !layout_is_cj4(u + i)) {
				i += 4;
				continue;
			}
		}
		if (copy == NULL) {
			copy = layout_scratch.copy;
			memcpy(copy, s, n);
		}
		if (u[i] == 0xf0) {
			memcpy(copy + i, "\360\240\200\200", 4);	/* U+20000 */
			i += 4;
		} else {
			memcpy(copy + i, "\344\270\200", 3);		/* 一 U+4E00 */
			i += 3;
		}
	}
	return (copy != NULL ? copy : s);
}

/* Decode the character at s (n > 0 bytes left): the common three-byte case inline. */
static inline size_t
layout_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return (1);
	}
	if (u[0] >= 0xe1 && u[0] <= 0xef && u[0] != 0xed && n >= 3 &&
	    (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80) {
		*cp = ((uint32_t)(u[0] & 0x0f) << 12) | ((uint32_t)(u[1] & 0x3f) << 6) |
		    (u[2] & 0x3f);
		return (3);
	}
	return (input_utf8_next(s, n, cp));
}

/* Decode the character at pos into the lookahead of p (nothing at the paragraph's end). */
static inline void
layout_para_peek(struct layout_para *p, size_t pos)
{
	uint32_t	cp;

	if (pos >= p->n) {
		p->next_len = 0;
		p->next_cls = 0;
		return;
	}
	p->next_len = layout_decode(p->s + pos, p->n - pos, &cp);
	p->next_cls = layout_cp_class(cp);
}

/* Find the grapheme cluster starting at pos, a cluster boundary whose first character is
 * in the lookahead; leave the lookahead on the character after it.  Two characters of
 * class Other always have a boundary between them; anything else asks
 * u8_grapheme_breaks(), run once over the whole paragraph when first needed. */
static inline void
layout_para_cluster(struct layout_para *p, size_t pos, struct layout_cluster *c)
{
	size_t		i, n = p->next_len;
	unsigned int	k = p->next_cls, k2;

	if ((k & LAYOUT_CP_SPECIAL) && p->brk[pos] == UC_BREAK_MANDATORY)
		p->mand_end = pos + n;
	c->cls = k;
	c->cols = (int)(k & LAYOUT_CP_COLS);
	c->single = 1;
	i = pos + n;
	layout_para_peek(p, i);
	if (i >= p->n) {
		c->end = p->n;
		return;
	}
	k2 = p->next_cls;
	if ((k & k2 & LAYOUT_CP_GOTHER) != 0) {
		c->end = i;
		return;
	}
	if (p->gbrk == NULL) {
		u8_grapheme_breaks((const uint8_t *)p->s, p->n, layout_scratch.gbrk);
		p->gbrk = layout_scratch.gbrk;
	}
	while (i < p->n && !p->gbrk[i]) {
		c->single = 0;
		c->cols += (int)(k2 & LAYOUT_CP_COLS);
		if ((k2 & LAYOUT_CP_SPECIAL) && p->brk[i] == UC_BREAK_MANDATORY)
			p->mand_end = i + p->next_len;
		i += p->next_len;
		layout_para_peek(p, i);
		k2 = p->next_cls;
	}
	c->end = i;
}

/* Return 1 if a line may break before pos (never at the paragraph's start). */
static inline int
layout_para_can_break(const struct layout_para *p, size_t pos)
{
	return (pos > 0 && (p->brk[pos] == UC_BREAK_POSSIBLE || pos == p->mand_end));
}

/* Append one visual line of the paragraph to the array. */
static void
layout_line_push(const struct layout_para *p, size_t start, size_t end, int indent,
    int cols, int first, struct layout_line **lines, size_t *nlines, size_t *alloc)
{
	struct layout_line	*ll;

	if (*nlines == *alloc) {
		*alloc = *alloc < 16 ? 32 : *alloc * 2;
		*lines = xreallocarray(*lines, *alloc, sizeof **lines);
	}
	ll = &(*lines)[(*nlines)++];
	ll->off = p->base + start;
	ll->len = end - start;
	ll->block = LAYOUT_NO_BLOCK;
	ll->indent = indent;
	ll->cols = cols;
	ll->kind = LAYOUT_LINE_BODY;
	ll->first = first;
}

/* Set p up to wrap text[off, off+len): the break opportunities in the scratch space (with
 * the normal kinsoku, small kana and ー may start a line). */
static void
layout_wrap_start(struct layout_para *p, const char *text, size_t off, size_t len,
    const struct layout_opts *o)
{
	const char *src;

	layout_width_ready();
	layout_scratch_grow(len);
	p->s = text + off;
	p->n = len;
	p->base = off;
	p->gbrk = NULL;
	p->mand_end = LAYOUT_NONE;
	src = p->s;
	if (o->kinsoku == LAYOUT_KINSOKU_NORMAL)
		src = layout_kinsoku_normal(p->s, len);
	u8_possible_linebreaks((const uint8_t *)src, len, "UTF-8", layout_scratch.brk);
	p->brk = layout_scratch.brk;
}

/* Return where the next line starts if the line may end after a hanging 、。，． that ends
 * at end (the spaces after it skipped): the end of the paragraph or a break opportunity;
 * LAYOUT_NONE if it may not hang there. */
static size_t
layout_wrap_hang_to(struct layout_para *p, size_t end)
{
	size_t q;

	for (q = end; q < p->n && p->s[q] == ' '; q++)
		;
	if (q == p->n || layout_para_can_break(p, q))
		return q;
	return LAYOUT_NONE;
}

/*
 * Wrap text[off, off+len) (one paragraph, no newline inside) for o->cols columns and append
 * its visual lines to *lines (grown as needed; *nlines and *alloc updated).  The first line
 * is indented by first_indent columns, the others by cont_indent (dropped when it exceeds
 * half the width).  Lines get block LAYOUT_NO_BLOCK and kind BODY: the caller sets them.
 *
 * First fit over grapheme clusters: normal text fills up to the width less a hanging margin
 * of LAYOUT_HANG_COLS when o->hang and the line is at least LAYOUT_HANG_MIN_COLS wide; one
 * of 、。，． that does not fit may hang into the margin if the line can end after it.  A
 * line that overflows ends at the last break opportunity, spaces before it dropped; with
 * none, at the last cluster that fits (emergency break).  A cluster wider than the whole line
 * (a wide character at width 1) is put alone on a line that is then wider than the width:
 * nothing is ever lost, the pager clips.  Returns 0.
 */
int
layout_wrap(const char *text, size_t off, size_t len, int first_indent, int cont_indent,
    const struct layout_opts *o, struct layout_line **lines, size_t *nlines, size_t *alloc)
{
	struct layout_para	p;
	struct layout_cluster	c;
	size_t			 line_start = 0, pos, content_end, brk_pos, brk_end, fit_pos, q;
	int			 first = 1, indent, cols = o->cols > 1 ? o->cols : 1, limit, col, w;
	int			 content_col, brk_col, fit_col, drop_indent = 0, tab_full;

	if (first_indent * 2 > cols)
		first_indent = 0;
	if (cont_indent * 2 > cols)
		cont_indent = 0;
	if (len == 0) {
		p.base = off;
		layout_line_push(&p, 0, 0, first_indent, first_indent, 1, lines, nlines, alloc);
		return (0);
	}

	layout_wrap_start(&p, text, off, len, o);

	while (line_start < len) {
		indent = first ? first_indent : cont_indent;
		if (drop_indent)
			indent = 0;
		limit = cols;
		if (o->hang && cols - indent >= LAYOUT_HANG_MIN_COLS)
			limit = cols - LAYOUT_HANG_COLS;
		col = content_col = fit_col = brk_col = indent;
		content_end = line_start;
		brk_pos = brk_end = fit_pos = LAYOUT_NONE;
		tab_full = 0;

		layout_para_peek(&p, line_start);
		for (pos = line_start; pos < len; pos = c.end) {
			if (content_end > line_start && layout_para_can_break(&p, pos)) {
				brk_pos = pos;
				brk_end = content_end;
				brk_col = content_col;
			}
			layout_para_cluster(&p, pos, &c);
			w = c.cols;
			if (c.single && (c.cls & LAYOUT_CP_SPACE)) {
				/* Spaces never overflow: at a break they are dropped. */
				col += w;
				if (col <= limit) {
					fit_pos = c.end;
					fit_col = col;
				}
				continue;
			}
			if (c.cls & LAYOUT_CP_TAB) {
				w = LAYOUT_TAB_COLS - col % LAYOUT_TAB_COLS;
				if (col + w > limit && col < limit) {
					w = limit - col;	/* a TAB fills the line, no more */
					tab_full = 1;
				}
			}
			if (col + w <= limit) {
				col += w;
				content_end = fit_pos = c.end;
				content_col = fit_col = col;
				continue;
			}

			/* The cluster does not fit.  Hang 、。，． into the margin?  Not after a
			 * TAB cut at the limit: drawn, it would stretch to the margin's end. */
			if ((c.cls & LAYOUT_CP_HANG) && limit < cols && col + w <= cols &&
			    !tab_full && (q = layout_wrap_hang_to(&p, c.end)) != LAYOUT_NONE) {
				layout_line_push(&p, line_start, c.end, indent, col + w, first,
				    lines, nlines, alloc);
				line_start = q;
				goto next_line;
			}
			if (brk_pos != LAYOUT_NONE) {
				layout_line_push(&p, line_start, brk_end, indent, brk_col, first,
				    lines, nlines, alloc);
				line_start = brk_pos;
			} else if (fit_pos != LAYOUT_NONE) {
				/* A unit wider than the line: cut where it stops fitting. */
				layout_line_push(&p, line_start, fit_pos, indent, fit_col, first,
				    lines, nlines, alloc);
				line_start = fit_pos;
			} else {
				/* A cluster wider than the line goes alone on it, without the
				 * hanging indent if that lets it fit.  XXX: one wider than the
				 * whole width (a wide character at width 1, an emoji sequence)
				 * makes a line wider than the width: the pager clips it. */
				if (indent > 0 && w <= cols) {
					drop_indent = 1;
					goto same_line;
				}
				layout_line_push(&p, line_start, c.end, indent, col + w, first,
				    lines, nlines, alloc);
				line_start = c.end;
			}
			goto next_line;
		}
		/* The paragraph ends on this line; trailing spaces stay if they fit (not
		 * after a TAB cut at the limit), and spaces alone that do not fit make no
		 * line of their own. */
		if (col <= cols && !tab_full)
			layout_line_push(&p, line_start, len, indent, col, first, lines,
			    nlines, alloc);
		else if (content_end > line_start || first)
			layout_line_push(&p, line_start, content_end, indent, content_col,
			    first, lines, nlines, alloc);
		break;
next_line:
		first = 0;
		drop_indent = 0;
same_line:
		;
	}
	if (layout_scratch.alloc > LAYOUT_SCRATCH_KEEP)
		layout_wrap_release();
	return (0);
}

/* Send the visible form of a cluster that holds characters not drawn as they are (a
 * control, U+FFFD, a soft hyphen, TAB) to fn: TAB as spaces up to its stop but never past
 * maxcol.  Returns its columns. */
static int
layout_emit_special(const char *s, size_t len, size_t off, int col, int maxcol,
    layout_emit_fn *fn, void *arg)
{
	static const char	 spaces[] = "        ";
	char			 buf[8], *out;
	const char		*v;
	size_t			 i, n, vlen, olen = 0;
	uint32_t		 cp;
	int			 w, total = 0;

	out = xmalloc(len * 3 + 8);
	for (i = 0; i < len; i += n) {
		n = input_utf8_next(s + i, len - i, &cp);
		v = layout_cp_visible(cp, buf, &vlen, &w);
		if (cp == '\t') {
			w = LAYOUT_TAB_COLS - (col + total) % LAYOUT_TAB_COLS;
			if (col + total + w > maxcol)
				w = maxcol - (col + total) > 0 ? maxcol - (col + total) : 0;
			v = spaces;
			vlen = (size_t)w;
		}
		memcpy(out + olen, v, vlen);
		olen += vlen;
		total += w;
	}
	if (olen > 0 || total > 0)
		fn(arg, out, olen, total, off);
	free(out);
	return (total);
}

/* Draw one visual line through fn: its indentation as spaces (off LAYOUT_NO_OFF), then each
 * grapheme cluster in its visible form with its columns and source offset; a soft break of
 * a joined paragraph (an LF inside a line: doc.h) as one space or nothing.  The columns
 * passed add up to ll->cols.  Nothing else may draw text of the document. */
void
layout_line_emit(const char *text, const struct layout_line *ll, layout_emit_fn *fn,
    void *arg)
{
	static const char	 spaces[] = "                                ";
	const char		*s = text + ll->off;
	size_t			 pos, end, i, n;
	uint32_t		 cp;
	unsigned int		 k, special;
	int			 col = 0, w, left;

	layout_width_ready();
	for (left = ll->indent; left > 0; left -= w) {
		w = left < (int)(sizeof spaces - 1) ? left : (int)(sizeof spaces - 1);
		fn(arg, spaces, (size_t)w, w, LAYOUT_NO_OFF);
	}
	col = ll->indent;
	for (pos = 0; pos < ll->len; pos = end) {
		if (s[pos] == '\n') {
			end = pos + doc_reflow_break_len(s + pos, ll->len - pos);
			if (doc_reflow_break_space(text, ll->off, ll->off + ll->len,
			    ll->off + pos)) {
				fn(arg, " ", 1, 1, ll->off + pos);
				col++;
			}
			continue;
		}
		end = layout_cluster_next(s, ll->len, pos);
		special = 0;
		w = 0;
		for (i = pos; i < end; i += n) {
			n = layout_decode(s + i, end - i, &cp);
			k = layout_cp_class(cp);
			special |= k & LAYOUT_CP_SPECIAL;
			w += (int)(k & LAYOUT_CP_COLS);
		}
		if (special)
			w = layout_emit_special(s + pos, end - pos, ll->off + pos, col, ll->cols,
			    fn, arg);
		else
			fn(arg, s + pos, end - pos, w, ll->off + pos);
		col += w;
	}
}
