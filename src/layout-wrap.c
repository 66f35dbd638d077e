/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout-wrap.c: wrapping one paragraph into visual lines, the Japanese way, in cells.
 * Break opportunities come from u8_possible_linebreaks() (kinsoku included), loosened for
 * the normal and loose modes of CSS line-break; lines are fitted first-fit over grapheme
 * clusters with layout-width.c's columns, with hanging punctuation, numbers kept whole,
 * emergency breaks and hanging indent.  Knows nothing of documents or curses but how a
 * joined paragraph's soft breaks show (doc_reflow_break_space()); the rules are those of
 * ../shared/CJK-LAYOUT.md and doc/kiroku.1 (--kinsoku). */

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
	char	*copy;		/* the paragraph for the break finder (layout_breaks_source) */
	char	*gbrk;		/* 1 before each byte that starts a grapheme cluster */
	size_t	 alloc;		/* bytes of each buffer above */
	char	*looser;	/* brk in normal mode, for emergency breaks in strict only */
	size_t	 looser_alloc;	/* bytes of looser, allocated when first needed */
};
static struct layout_scratch layout_scratch;

/* One paragraph being wrapped. */
struct layout_para {
	const char	*s;		/* the paragraph's first byte */
	size_t		 n;		/* bytes */
	size_t		 base;		/* byte offset of s in the text */
	const char	*brk;		/* line-break opportunities */
	const char	*gbrk;		/* cluster boundaries, NULL until needed */
	const char	*looser;	/* breaks in normal mode, NULL until needed */
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
	free(layout_scratch.looser);
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

/*
 * The line-break modes.  libunistring gives the strict breaks of UAX #14 (kinsoku
 * included); a looser mode lets more characters start a line by running the break finder
 * on a copy of the paragraph in which each such character is replaced by an ideograph of
 * the same UTF-8 length (class ID), so it breaks before it exactly where it would break
 * before an ideograph — never after an opening bracket, before a space and so on.  The
 * characters, by CSS Text 3 (line-break) for Japanese:
 *   normal: small kana and ー (class CJ); ‐ – 〜 ゠ after an ideograph or kana;
 *   loose:  those, and the iteration marks 々 〻 ゝ ゞ ヽ ヾ, the centred punctuation
 *           ・ ： ； ･ ‼ ⁇ ⁈ ⁉ ！ ？, the inseparables ․ ‥ … ⋯ ︙ 𐫶 (not after another, so
 *           …… stays whole) and the postfixes ° ‰ ′ ″ ‵ ℃ ℉ ﹪ ％ ￠ (not after a digit
 *           or Latin letter, so 100％ stays whole).
 * ° is the one two-byte character: it becomes "()", which breaks before like an ideograph
 * after anything but a letter or digit, and after like °.
 */
#define LAYOUT_LB_CJ		1	/* small kana, ー: not strict */
#define LAYOUT_LB_HYPHEN	2	/* ‐ – 〜 ゠: not strict, after an ideograph or kana */
#define LAYOUT_LB_LOOSE		3	/* iteration marks, centred punctuation: loose */
#define LAYOUT_LB_IN		4	/* inseparables: loose, not after another */
#define LAYOUT_LB_PO		5	/* postfixes: loose, not after a digit or Latin letter */

/* A bit per BMP code point of the lists above, and for each lead byte that may start one
 * LAYOUT_LB_LEAD3 (three bytes: the bitmap says) or LAYOUT_LB_LEADX (two or four bytes: to
 * be decoded): [0] for normal, [1] for loose. */
#define LAYOUT_LB_LEAD3		1
#define LAYOUT_LB_LEADX		2
static uint64_t		 layout_lb_bmp[2][1024];
static unsigned char	 layout_lb_lead[2][256];
static unsigned char	 layout_utf8_step[256];	/* bytes of a character by its lead byte */

/* Return the LAYOUT_LB_* group of cp, 0 if no mode changes its class.  A BMP character
 * added here must lie in one of layout_lb_init's ranges (or widen them). */
static int
layout_lb_group(uint32_t cp)
{
	static const uint16_t	 cj[] = {
		0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087,
		0x308e, 0x3095, 0x3096, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3,
		0x30e3, 0x30e5, 0x30e7, 0x30ee, 0x30f5, 0x30f6, 0x30fc, 0
	};
	static const uint16_t	 loose[] = {
		0x3005, 0x303b, 0x309d, 0x309e, 0x30fd, 0x30fe,		/* iteration */
		0x30fb, 0xff1a, 0xff1b, 0xff65, 0x203c, 0x2047, 0x2048, 0x2049, 0xff01,
		0xff1f, 0						/* centred */
	};
	static const uint16_t	 po[] = {
		0x00b0, 0x2030, 0x2032, 0x2033, 0x2035, 0x2103, 0x2109, 0xfe6a, 0xff05,
		0xffe0, 0
	};
	const uint16_t		*l;

	for (l = cj; *l != 0; l++)
		if (cp == *l)
			return (LAYOUT_LB_CJ);
	if ((cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff67 && cp <= 0xff70) ||
	    cp == 0x1b132 || (cp >= 0x1b150 && cp <= 0x1b152) || cp == 0x1b155 ||
	    (cp >= 0x1b164 && cp <= 0x1b167))
		return (LAYOUT_LB_CJ);
	if (cp == 0x2010 || cp == 0x2013 || cp == 0x301c || cp == 0x30a0)
		return (LAYOUT_LB_HYPHEN);
	for (l = loose; *l != 0; l++)
		if (cp == *l)
			return (LAYOUT_LB_LOOSE);
	if ((cp >= 0x2024 && cp <= 0x2026) || cp == 0x22ef || cp == 0xfe19 || cp == 0x10af6)
		return (LAYOUT_LB_IN);
	for (l = po; *l != 0; l++)
		if (cp == *l)
			return (LAYOUT_LB_PO);
	return (0);
}

/* Fill the tables of the looser modes once. */
static void
layout_lb_init(void)
{
	static const uint32_t ranges[][2] = {
		{ 0x00b0, 0x00b0 }, { 0x2010, 0x22ef }, { 0x3000, 0x31ff }, { 0xfe00, 0xffff }
	};
	uint32_t	cp;
	size_t		i, m, r;
	int		g;

	if (layout_utf8_step[0] != 0)
		return;
	/* Only these ranges of the BMP hold characters of a group (layout_lb_group's lists):
	 * scanning them alone keeps this out of the start-up time. */
	for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
		for (cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			if ((g = layout_lb_group(cp)) == 0)
				continue;
			for (m = g <= LAYOUT_LB_HYPHEN ? 0 : 1; m < 2; m++) {
				layout_lb_bmp[m][cp >> 6] |= 1ULL << (cp & 63);
				if (cp < 0x800)
					layout_lb_lead[m][0xc0 | (cp >> 6)] = LAYOUT_LB_LEADX;
				else
					layout_lb_lead[m][0xe0 | (cp >> 12)] = LAYOUT_LB_LEAD3;
			}
		}
	}
	layout_lb_lead[0][0xf0] = layout_lb_lead[1][0xf0] = LAYOUT_LB_LEADX;	/* U+1B132, U+10AF6 */
	for (i = 0; i < 256; i++) {
		layout_utf8_step[i] = i < 0xc0 ? 1 : i < 0xe0 ? 2 : i < 0xf0 ? 3 :
		    i < 0xf8 ? 4 : 1;
	}
}

/* Return the code point of the character before byte i of s (0 at the start). */
static uint32_t
layout_cp_before(const char *s, size_t i)
{
	size_t		j = i;
	uint32_t	cp;

	if (i == 0)
		return (0);
	while (j > 0 && i - j < 4 && ((unsigned char)s[j - 1] & 0xc0) == 0x80)
		j--;
	if (j > 0)
		j--;
	if (input_utf8_next(s + j, i - j, &cp) != i - j)
		return (0);
	return (cp);
}

/* Return 1 if cp is an ideograph or a kana (class ID or CJ, or a kana mark). */
static int
layout_cp_is_ideo(uint32_t cp)
{
	return ((cp >= 0x3040 && cp <= 0x31ff && cp != 0x30a0 && cp != 0x30fb) ||
	    (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) ||
	    (cp >= 0xff41 && cp <= 0xff5a) || (cp >= 0xff66 && cp <= 0xff9f) ||
	    (cp >= 0x20000 && cp <= 0x3fffd));
}

/* Return 1 if cp is a digit, ASCII or full-width. */
static inline int
layout_cp_is_digit(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19));
}

/* Return 1 if cp is a digit or a Latin letter, ASCII or full-width. */
static int
layout_cp_is_alnum(uint32_t cp)
{
	return (layout_cp_is_digit(cp) || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z') || (cp >= 0xff21 && cp <= 0xff3a) ||
	    (cp >= 0xff41 && cp <= 0xff5a));
}

/* Return 1 if mode k lets the character of group g at byte i of s break as an ideograph. */
static int
layout_lb_applies(int g, enum layout_kinsoku k, const char *s, size_t i)
{
	uint32_t	prev;

	switch (g) {
	case LAYOUT_LB_CJ:
		return (k != LAYOUT_KINSOKU_STRICT);
	case LAYOUT_LB_HYPHEN:
		return (k != LAYOUT_KINSOKU_STRICT && layout_cp_is_ideo(layout_cp_before(s, i)));
	case LAYOUT_LB_LOOSE:
		return (k == LAYOUT_KINSOKU_LOOSE);
	case LAYOUT_LB_IN:
		if (k != LAYOUT_KINSOKU_LOOSE)
			return (0);
		prev = layout_cp_before(s, i);
		return (layout_lb_group(prev) != LAYOUT_LB_IN);
	case LAYOUT_LB_PO:
		return (k == LAYOUT_KINSOKU_LOOSE &&
		    !layout_cp_is_alnum(layout_cp_before(s, i)));
	}
	return (0);
}

/* Return s[0, n) for the break finder in mode k: s itself, or a copy (in the scratch
 * buffer copy, at least n bytes) with each character the mode lets break as an
 * ideograph replaced by one of the same length. */
static const char *
layout_breaks_source(const char *s, size_t n, enum layout_kinsoku k, char *copy)
{
	const unsigned char	*u = (const unsigned char *)s, *lead;
	const uint64_t		*bmp;
	char			*out = NULL;
	size_t			 i, step;
	uint32_t		 cp;
	unsigned int		 c, hit;
	int			 g;

	if (k == LAYOUT_KINSOKU_STRICT)
		return (s);
	layout_lb_init();
	lead = layout_lb_lead[k == LAYOUT_KINSOKU_LOOSE];
	bmp = layout_lb_bmp[k == LAYOUT_KINSOKU_LOOSE];
	for (i = 0; i < n; i += step) {
		/* Branch-free on the common path: kana and kanji alternate at random. */
		c = u[i];
		step = layout_utf8_step[c];
		hit = lead[c];
		if (i + 3 <= n) {
			cp = ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(u[i + 1] & 0x3f) << 6) |
			    (u[i + 2] & 0x3f);
			hit &= (unsigned int)(bmp[cp >> 6] >> (cp & 63)) | LAYOUT_LB_LEADX;
		}
		if (hit == 0 || i + step > n)
			continue;
		if (hit == LAYOUT_LB_LEAD3) {
			if ((u[i + 1] & 0xc0) != 0x80 || (u[i + 2] & 0xc0) != 0x80)
				continue;
		} else if (input_utf8_next(s + i, step, &cp) != step ||
		    (cp < 0x10000 && !((bmp[cp >> 6] >> (cp & 63)) & 1)))
			continue;
		if ((g = layout_lb_group(cp)) == 0 || !layout_lb_applies(g, k, s, i))
			continue;
		if (out == NULL) {
			out = copy;
			memcpy(out, s, n);
		}
		if (step == 2)
			memcpy(out + i, "()", 2);
		else if (step == 3)
			memcpy(out + i, "\344\270\200", 3);		/* 一 U+4E00 */
		else
			memcpy(out + i, "\360\240\200\200", 4);	/* U+20000 */
	}
	return (out != NULL ? out : s);
}

/* Fill brk[0, n) with the line-break opportunities of s[0, n) in mode k, as
 * u8_possible_linebreaks() does (UC_BREAK_POSSIBLE before a byte where a line may
 * start).  The rules are those of the comment above. */
void
layout_breaks(const char *s, size_t n, enum layout_kinsoku k, char *brk)
{
	const char	*src;

	layout_scratch_grow(n);
	src = layout_breaks_source(s, n, k, layout_scratch.copy);
	u8_possible_linebreaks((const uint8_t *)src, n, "UTF-8", brk);
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
static inline void __attribute__((always_inline))
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

/* Return 1 if pos is between two digits (ASCII or full-width) of the paragraph. */
static inline int
layout_para_in_digits(const struct layout_para *p, size_t pos)
{
	const unsigned char	*u = (const unsigned char *)p->s;
	int			 before, after;

	if (pos == 0 || pos >= p->n)
		return (0);
	before = (u[pos - 1] >= '0' && u[pos - 1] <= '9') || (pos >= 3 &&
	    u[pos - 3] == 0xef && u[pos - 2] == 0xbc && u[pos - 1] >= 0x90 && u[pos - 1] <= 0x99);
	if (!before)
		return (0);
	after = (u[pos] >= '0' && u[pos] <= '9') || (pos + 3 <= p->n &&
	    u[pos] == 0xef && u[pos + 1] == 0xbc && u[pos + 2] >= 0x90 && u[pos + 2] <= 0x99);
	return (after);
}

/* Return 1 if the digits from pos to the end of their run, after cols columns, fit in
 * avail columns. */
static int
layout_para_number_fits(const struct layout_para *p, size_t pos, int cols, int avail)
{
	const unsigned char	*u = (const unsigned char *)p->s;
	size_t			 i = pos;

	while (i < p->n && cols <= avail) {
		if (u[i] >= '0' && u[i] <= '9') {
			cols++;
			i++;
		} else if (i + 3 <= p->n && u[i] == 0xef && u[i + 1] == 0xbc &&
		    u[i + 2] >= 0x90 && u[i + 2] <= 0x99) {
			cols += 2;
			i += 3;
		} else
			break;
	}
	return (cols <= avail);
}

/* Return 1 if cp is in the zero-terminated list. */
static int
layout_cp_in(uint32_t cp, const uint16_t *list)
{
	for (; *list != 0; list++) {
		if (*list == cp)
			return (1);
	}
	return (0);
}

/* Return 1 if mode k never lets cp start a line: closing brackets and punctuation in every
 * mode, and the characters of layout_lb_group() in the modes that keep them off. */
static int
layout_cp_no_start(uint32_t cp, enum layout_kinsoku k)
{
	static const uint16_t	 closing[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, 0xff09, 0x300d, 0x300f, 0x3011, 0x3015,
		0x3009, 0x300b, 0x3019, 0x3017, 0xff3d, 0xff5d, 0x301f, 0x2019, 0x201d,
		',', '.', ')', ']', '}', ':', ';', '?', '!', 0
	};

	if (layout_cp_in(cp, closing))
		return (1);
	switch (layout_lb_group(cp)) {
	case LAYOUT_LB_CJ:
	case LAYOUT_LB_HYPHEN:
		return (k == LAYOUT_KINSOKU_STRICT);
	case LAYOUT_LB_LOOSE:
	case LAYOUT_LB_IN:
	case LAYOUT_LB_PO:
		return (k != LAYOUT_KINSOKU_LOOSE);
	}
	return (0);
}

/* Return 1 if cp never ends a line: an opening bracket. */
static int
layout_cp_no_end(uint32_t cp)
{
	static const uint16_t	 opening[] = {
		0xff08, 0x300c, 0x300e, 0x3010, 0x3014, 0x3008, 0x300a, 0x3018, 0x3016,
		0xff3b, 0xff5b, 0x301d, 0x2018, 0x201c, '(', '[', '{', 0
	};

	return (layout_cp_in(cp, opening));
}

/* Return the break opportunities of the paragraph in normal mode if k is strict (before a
 * small kana or ー), found once per paragraph; NULL otherwise: what loose adds to normal
 * is no better a place for a cut than any other (layout_para_cut_rank). */
static const char *
layout_para_looser(struct layout_para *p, enum layout_kinsoku k)
{
	if (k != LAYOUT_KINSOKU_STRICT)
		return (NULL);
	if (p->looser == NULL) {
		if (layout_scratch.looser_alloc < p->n) {
			free(layout_scratch.looser);
			layout_scratch.looser_alloc = layout_scratch.alloc;
			layout_scratch.looser = xmalloc(layout_scratch.looser_alloc);
		}
		layout_breaks(p->s, p->n, LAYOUT_KINSOKU_NORMAL, layout_scratch.looser);
		p->looser = layout_scratch.looser;
	}
	return (p->looser);
}

/* Rank cutting the paragraph at q, after the cluster starting at cl, in a unit with no
 * break opportunity: 3 where normal mode may break if k is strict, 2 where no rule is
 * broken, 1 before what k keeps off a line start or after an opening bracket, 0 inside a
 * number. */
static int
layout_para_cut_rank(const struct layout_para *p, size_t cl, size_t q, const char *looser,
    enum layout_kinsoku k)
{
	uint32_t	a, b;

	if (layout_para_in_digits(p, q))
		return (0);
	if (looser != NULL && looser[q] == UC_BREAK_POSSIBLE)
		return (3);
	input_utf8_next(p->s + cl, q - cl, &a);
	input_utf8_next(p->s + q, p->n - q, &b);
	if (layout_cp_no_end(a) || layout_cp_no_start(b, k))
		return (1);
	return (2);
}

/* A unit wider than the line from start, whose clusters fit up to fit: return where to cut
 * it, the last cluster boundary of the best rank (layout_para_cut_rank) after some text,
 * and its column in *colp.  Leaves the lookahead of p undefined. */
static size_t
layout_para_cut(struct layout_para *p, size_t start, size_t fit, int indent, int limit,
    enum layout_kinsoku k, int *colp)
{
	struct layout_cluster	 c;
	const char		*looser = layout_para_looser(p, k);
	size_t			 pos, best = fit, mand_end = p->mand_end;
	int			 col = indent, best_col = *colp, best_rank = -1, rank, w;
	int			 content = 0;

	layout_para_peek(p, start);
	for (pos = start; pos < fit; pos = c.end) {
		layout_para_cluster(p, pos, &c);
		w = c.cols;
		if (c.cls & LAYOUT_CP_TAB) {
			w = LAYOUT_TAB_COLS - col % LAYOUT_TAB_COLS;
			if (col + w > limit && col < limit)
				w = limit - col;
		}
		col += w;
		if (!(c.single && (c.cls & LAYOUT_CP_SPACE)))
			content = 1;
		if (!content)
			continue;
		rank = layout_para_cut_rank(p, pos, c.end, looser, k);
		if (rank >= best_rank) {
			best_rank = rank;
			best = c.end;
			best_col = col;
		}
	}
	p->mand_end = mand_end;
	*colp = best_col;
	return (best);
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

/* Set p up to wrap text[off, off+len): the break opportunities of the kinsoku mode in the
 * scratch space. */
static void
layout_wrap_start(struct layout_para *p, const char *text, size_t off, size_t len,
    const struct layout_opts *o)
{
	layout_width_ready();
	layout_scratch_grow(len);
	p->s = text + off;
	p->n = len;
	p->base = off;
	p->gbrk = NULL;
	p->looser = NULL;
	p->mand_end = LAYOUT_NONE;
	layout_breaks(p->s, len, o->kinsoku, layout_scratch.brk);
	p->brk = layout_scratch.brk;
}

/* Return the columns text may fill on a line indented by indent: the width, less the
 * hanging margin when o->hang and the line is wide enough for one. */
static int
layout_wrap_limit(const struct layout_opts *o, int cols, int indent)
{
	if (o->hang && cols - indent >= LAYOUT_HANG_MIN_COLS)
		return (cols - LAYOUT_HANG_COLS);
	return (cols);
}

/* Return the columns of a TAB at column col: up to its stop, but a TAB fills the line and
 * no more (*tab_full set then) when the stop is past limit. */
static int
layout_wrap_tab_cols(int col, int limit, int *tab_full)
{
	int w = LAYOUT_TAB_COLS - col % LAYOUT_TAB_COLS;

	if (col + w > limit && col < limit) {
		*tab_full = 1;
		return (limit - col);
	}
	return (w);
}

/* Make the break inside a number at dbrk_pos (dbrk_col columns) the line's break when there
 * is no other, or when the number would not fit whole on the next line (next_avail
 * columns) anyway. */
static void
layout_wrap_number_break(const struct layout_para *p, size_t dbrk_pos, int dbrk_col,
    int next_avail, size_t *brk_pos, size_t *brk_end, int *brk_col)
{
	if (dbrk_pos == LAYOUT_NONE)
		return;
	if (*brk_pos != LAYOUT_NONE && (*brk_pos >= dbrk_pos || layout_para_number_fits(p,
	    dbrk_pos, dbrk_col - *brk_col - (int)(*brk_pos - *brk_end), next_avail)))
		return;
	*brk_pos = *brk_end = dbrk_pos;
	*brk_col = dbrk_col;
}

/* Give an empty paragraph at off its one line, indented by indent. */
static int
layout_wrap_empty(size_t off, int indent, struct layout_line **lines, size_t *nlines,
    size_t *alloc)
{
	struct layout_para p;

	p.base = off;
	layout_line_push(&p, 0, 0, indent, indent, 1, lines, nlines, alloc);
	return (0);
}

/* Give back the scratch space after a paragraph that needed a lot of it. */
static void
layout_wrap_done(void)
{
	if (layout_scratch.alloc > LAYOUT_SCRATCH_KEEP)
		layout_wrap_release();
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
 * line that overflows ends at the last break opportunity (o->kinsoku's, layout_breaks()),
 * spaces before it dropped, but not inside a number that would fit whole on the next line;
 * with none, where layout_para_cut() says (emergency break).  A cluster wider than the
 * whole line (a wide character at width 1) is put alone on a line that is then wider than
 * the width: nothing is ever lost, the pager clips.  Returns 0.
 */
int
layout_wrap(const char *text, size_t off, size_t len, int first_indent, int cont_indent,
    const struct layout_opts *o, struct layout_line **lines, size_t *nlines, size_t *alloc)
{
	struct layout_para	p;
	struct layout_cluster	c;
	size_t			 line_start = 0, pos, content_end, brk_pos, brk_end, fit_pos, q;
	size_t			 dbrk_pos;
	int			 first = 1, indent, cols = o->cols > 1 ? o->cols : 1, limit, col, w;
	int			 content_col, brk_col, fit_col, drop_indent = 0, tab_full, dbrk_col;
	int			 next_avail;

	first_indent = first_indent * 2 > cols ? 0 : first_indent;
	cont_indent = cont_indent * 2 > cols ? 0 : cont_indent;
	next_avail = layout_wrap_limit(o, cols, cont_indent) - cont_indent; /* a next line's */
	if (len == 0)
		return (layout_wrap_empty(off, first_indent, lines, nlines, alloc));

	layout_wrap_start(&p, text, off, len, o);

	while (line_start < len) {
		indent = drop_indent ? 0 : first ? first_indent : cont_indent;
		limit = layout_wrap_limit(o, cols, indent);
		col = content_col = fit_col = brk_col = indent;
		content_end = line_start;
		brk_pos = brk_end = fit_pos = dbrk_pos = LAYOUT_NONE;
		dbrk_col = 0;
		tab_full = 0;

		layout_para_peek(&p, line_start);
		for (pos = line_start; pos < len; pos = c.end) {
			if (content_end > line_start && layout_para_can_break(&p, pos)) {
				if (layout_para_in_digits(&p, pos)) {
					/* A number is broken only if nothing else is
					 * (no space between digits: content ends at pos). */
					dbrk_pos = pos;
					dbrk_col = content_col;
				} else {
					brk_pos = pos;
					brk_end = content_end;
					brk_col = content_col;
				}
			}
			layout_para_cluster(&p, pos, &c);
			w = c.cols;
			if (c.single && (c.cls & LAYOUT_CP_SPACE)) {
				/* Spaces never overflow: at a break they are dropped. */
				if ((col += w) <= limit) {
					fit_pos = c.end;
					fit_col = col;
				}
				continue;
			}
			if (c.cls & LAYOUT_CP_TAB)
				w = layout_wrap_tab_cols(col, limit, &tab_full);
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
			/* Break inside a number rather than before it if it would not fit
			 * whole on the next line anyway. */
			layout_wrap_number_break(&p, dbrk_pos, dbrk_col, next_avail, &brk_pos,
			    &brk_end, &brk_col);
			if (brk_pos != LAYOUT_NONE) {
				layout_line_push(&p, line_start, brk_end, indent, brk_col, first,
				    lines, nlines, alloc);
				line_start = brk_pos;
			} else if (fit_pos != LAYOUT_NONE) {
				/* A unit wider than the line: cut it where it breaks the fewest
				 * rules, at or before where it stops fitting. */
				fit_pos = layout_para_cut(&p, line_start, fit_pos, indent, limit,
				    o->kinsoku, &fit_col);
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
	layout_wrap_done();
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
