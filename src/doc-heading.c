/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc-heading.c: what the start of a line is: a numbering form of official documents (第1, 1.,
 * (1), ア, (ア), a, (a), ①), a 【…】 title, a Markdown heading, a bullet, or just a list marker
 * for the hanging indent (CJK-LAYOUT.md rule 7).  Looks at the bytes of one line only; knows
 * nothing of blocks, of the lines around it or of the outline. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "doc.h"

/* Longest title-like text after a number, in code points. */
#define DOC_HEADING_MAX_CPS	40

/* The katakana that number items, in gojūon order: アイウエオ … ラリルレロ ワヲ (no small,
 * voiced or semi-voiced kana; iroha order uses the same letters). */
static const uint32_t doc_heading_kana[] = {
	0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa, 0x30ab, 0x30ad, 0x30af, 0x30b1, 0x30b3, 0x30b5,
	0x30b7, 0x30b9, 0x30bb, 0x30bd, 0x30bf, 0x30c1, 0x30c4, 0x30c6, 0x30c8, 0x30ca, 0x30cb,
	0x30cc, 0x30cd, 0x30ce, 0x30cf, 0x30d2, 0x30d5, 0x30d8, 0x30db, 0x30de, 0x30df, 0x30e0,
	0x30e1, 0x30e2, 0x30e4, 0x30e6, 0x30e8, 0x30e9, 0x30ea, 0x30eb, 0x30ec, 0x30ed, 0x30ef,
	0x30f2
};

/* Bullet markers of rule 7; the ASCII-like ones are bullets only when a space follows. */
static const uint32_t doc_heading_bullets[] = {
	0x2022, 0x30fb, 0x25cf, 0x25cb, 0x25a0, 0x25a1, 0x25c6, 0x25c7, 0x203b, 0x2605,
	0x2606, 0xff0a, 0xff0d, '-', '*', '+'
};

/* Decode the code point at s (len > 0) and set *n to its bytes; a bad byte is U+FFFD, 1 byte. */
uint32_t
doc_utf8_next(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t need, i;

	if (u[0] < 0x80) {
		*n = 1;
		return u[0];
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		need = 2;
		cp = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		need = 3;
		cp = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		need = 4;
		cp = u[0] & 0x07;
	} else {
		*n = 1;
		return 0xfffd;
	}
	if (len < need) {
		*n = 1;
		return 0xfffd;
	}
	for (i = 1; i < need; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*n = 1;
			return 0xfffd;
		}
		cp = (cp << 6) | (u[i] & 0x3f);
	}
	*n = need;
	return cp;
}

/* Return 1 if cp is a space that indents or separates: space, TAB or U+3000. */
int
doc_cp_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000;
}

/* Return the bytes of the spaces (space, TAB, U+3000) at the start of s. */
size_t
doc_space_len(const char *s, size_t len)
{
	size_t off = 0, n;

	while (off < len) {
		if (s[off] == ' ' || s[off] == '\t') {
			off++;
			continue;
		}
		if (!doc_cp_is_space(doc_utf8_next(s + off, len - off, &n)))
			break;
		off += n;
	}
	return off;
}

/* Return s without the spaces (space, TAB, U+3000) at both ends; *len is updated. */
const char *
doc_trim(const char *s, size_t *len)
{
	size_t lead;

	lead = doc_space_len(s, *len);
	s += lead;
	*len -= lead;
	for (;;) {
		if (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
			(*len)--;
		else if (*len >= 3 && memcmp(s + *len - 3, "\u3000", 3) == 0)
			*len -= 3;
		else
			break;
	}
	return s;
}

/* Return the value of a half- or full-width decimal digit, or -1. */
static int
doc_heading_digit(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return cp - '0';
	if (cp >= 0xff10 && cp <= 0xff19)
		return cp - 0xff10;
	return -1;
}

/* Read one or two digits at s into *value; returns their bytes, 0 if none or more than two. */
static size_t
doc_heading_number(const char *s, size_t len, int *value)
{
	size_t off = 0, n;
	int digits = 0, v;

	*value = 0;
	while (off < len && (v = doc_heading_digit(doc_utf8_next(s + off, len - off, &n))) >= 0) {
		if (digits < 2)		/* a longer run is refused below: no overflow */
			*value = *value * 10 + v;
		digits++;
		off += n;
	}
	if (digits == 0 || digits > 2 || *value == 0)
		return 0;
	return off;
}

/* Return 1 if cp is one of doc_heading_kana. */
static int
doc_heading_is_kana(uint32_t cp)
{
	size_t i;

	if (cp < 0x30a2 || cp > 0x30f2)
		return 0;
	for (i = 0; i < sizeof doc_heading_kana / sizeof doc_heading_kana[0]; i++) {
		if (doc_heading_kana[i] == cp)
			return 1;
	}
	return 0;
}

/* Return 1 if cp is a half- or full-width lowercase Latin letter. */
static int
doc_heading_is_latin(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xff41 && cp <= 0xff5a);
}

/* Return 1 if cp opens (1) or （１）. */
static int
doc_heading_is_open(uint32_t cp)
{
	return cp == '(' || cp == 0xff08;
}

/* Return 1 if cp closes (1) or （１）. */
static int
doc_heading_is_close(uint32_t cp)
{
	return cp == ')' || cp == 0xff09;
}

/* Return the code point at s + off, or 0 at the end; *n is its bytes (0 at the end). */
static uint32_t
doc_heading_peek(const char *s, size_t len, size_t off, size_t *n)
{
	if (off >= len) {
		*n = 0;
		return 0;
	}
	return doc_utf8_next(s + off, len - off, n);
}

/* Return 1 if cp is a kanji numeral usable after 第. */
static int
doc_heading_is_kanji_digit(uint32_t cp)
{
	static const uint32_t k[] = { 0x3007, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d,
	    0x4e03, 0x516b, 0x4e5d, 0x5341 };	/* 〇一二三四五六七八九十 */
	size_t i;

	for (i = 0; i < sizeof k / sizeof k[0]; i++) {
		if (k[i] == cp)
			return 1;
	}
	return 0;
}

/* Match 第1 / 第一 / 第2章 at s + off (after the indent); returns the bytes through the number
 * and its separator, 0 if it is not one (第1回, 第一に, 第2次 are text, not numbering). */
static size_t
doc_heading_dai(const char *s, size_t len, size_t off)
{
	uint32_t cp;
	size_t n, start, digits = 0;
	int counter = 0;

	if (len - off < 3 || memcmp(s + off, "第", 3) != 0)
		return 0;
	off += 3;
	start = off;
	for (;;) {
		cp = doc_heading_peek(s, len, off, &n);
		if (n == 0 || (doc_heading_digit(cp) < 0 && !doc_heading_is_kanji_digit(cp)))
			break;
		off += n;
		digits++;
	}
	if (off == start || digits > 3)
		return 0;
	cp = doc_heading_peek(s, len, off, &n);
	/* 章 部 編 節 款 */
	if (cp == 0x7ae0 || cp == 0x90e8 || cp == 0x7de8 || cp == 0x7bc0 || cp == 0x6b3e) {
		off += n;
		counter = 1;
		cp = doc_heading_peek(s, len, off, &n);
	}
	if (doc_cp_is_space(cp) || cp == '.' || cp == 0xff0e || cp == 0x3001 || cp == ':' ||
	    cp == 0xff1a)
		return off + n;
	return counter ? off : 0;
}

/* Match a circled or otherwise single-character number at s + off; returns its bytes. */
static size_t
doc_heading_circled(const char *s, size_t len, size_t off, enum doc_level *level)
{
	uint32_t cp;
	size_t n;

	cp = doc_heading_peek(s, len, off, &n);
	if ((cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x3251 && cp <= 0x325f) ||
	    (cp >= 0x32b1 && cp <= 0x32bf))
		*level = DOC_LEVEL_CIRCLED;		/* ① ㉑ ㊱ */
	else if ((cp >= 0x2474 && cp <= 0x2487) || (cp >= 0x3220 && cp <= 0x3229))
		*level = DOC_LEVEL_PAREN_NUM;		/* ⑴ ㈠ */
	else if (cp >= 0x2488 && cp <= 0x249b)
		*level = DOC_LEVEL_NUM;			/* ⒈ */
	else if (cp >= 0x249c && cp <= 0x24b5)
		*level = DOC_LEVEL_PAREN_LATIN;		/* ⒜ */
	else
		return 0;
	return n;
}

/* XXX: Roman numerals (Ⅰ．) and bare kanji numerals (一、) are not numbering forms yet, and
 * "1)" is taken as the (1) level, though some documents use it one level below (1). */

/* Return 1 if s (a whole line) starts, after its indent, with a numbering form of official
 * documents followed by text; set *level, *num_len (bytes from s through the number and its
 * separator) and *marker_len (also the spaces after it).  Look-alikes are refused: 1,000億円,
 * 1月23日, (参考), 2.5%, 3日、, 2009年, (注), 第1回. */
int
doc_heading_match(const char *s, size_t len, enum doc_level *level, size_t *num_len,
    size_t *marker_len)
{
	uint32_t cp, next;
	size_t off, n, nn, end = 0;
	int value;

	off = doc_space_len(s, len);
	cp = doc_heading_peek(s, len, off, &n);
	if (n == 0)
		return 0;

	if ((end = doc_heading_dai(s, len, off)) != 0) {
		*level = DOC_LEVEL_DAI;
	} else if (doc_heading_is_open(cp)) {
		/* (1) （１） (ア) (a) */
		off += n;
		cp = doc_heading_peek(s, len, off, &n);
		if ((nn = doc_heading_number(s + off, len - off, &value)) != 0) {
			*level = DOC_LEVEL_PAREN_NUM;
			off += nn;
		} else if (doc_heading_is_kana(cp)) {
			*level = DOC_LEVEL_PAREN_KANA;
			off += n;
		} else if (doc_heading_is_latin(cp)) {
			*level = DOC_LEVEL_PAREN_LATIN;
			off += n;
		} else
			return 0;
		cp = doc_heading_peek(s, len, off, &n);
		if (!doc_heading_is_close(cp))
			return 0;
		end = off + n;
	} else if ((nn = doc_heading_circled(s, len, off, level)) != 0) {
		end = off + nn;
	} else if ((nn = doc_heading_number(s + off, len - off, &value)) != 0) {
		/* 1. １． 1、 1) 1 and U+3000; never 1,000 2.5 1月 2009年 */
		off += nn;
		cp = doc_heading_peek(s, len, off, &n);
		if (cp == '.' || cp == 0xff0e || cp == 0x3001 || doc_cp_is_space(cp))
			*level = DOC_LEVEL_NUM;
		else if (doc_heading_is_close(cp))
			*level = DOC_LEVEL_PAREN_NUM;
		else
			return 0;
		end = off + n;
		next = doc_heading_peek(s, len, end, &nn);
		if (doc_heading_digit(next) >= 0)
			return 0;
	} else if (doc_heading_is_kana(cp) || doc_heading_is_latin(cp)) {
		/* ア イ ウ need a separator (アメリカ is a word), a b c a stop or a
		 * parenthesis (a line of English may start with "a ") */
		*level = doc_heading_is_kana(cp) ? DOC_LEVEL_KANA : DOC_LEVEL_LATIN;
		off += n;
		cp = doc_heading_peek(s, len, off, &n);
		if (*level == DOC_LEVEL_KANA &&
		    (doc_cp_is_space(cp) || cp == 0xff0e || cp == 0x3001))
			;
		else if (cp == '.' || cp == 0xff0e || doc_heading_is_close(cp)) {
			/* "e.g." is not (e) */
			next = doc_heading_peek(s, len, off + n, &nn);
			if (*level == DOC_LEVEL_LATIN && next < 0x80 && next != ' ' && next != 0)
				return 0;
		} else
			return 0;
		end = off + n;
	} else
		return 0;

	*num_len = end;
	*marker_len = end + doc_space_len(s + end, len - end);
	return *marker_len < len;
}

/* Return 1 if s starts, after its indent, with a bullet followed by text, and set
 * *marker_len to the bytes of the indent, the bullet and the spaces after it.  • ・ ※ and the
 * other symbols need no space after them; - * + and － do (so -5度 and *強調* are text). */
int
doc_bullet_match(const char *s, size_t len, size_t *marker_len)
{
	uint32_t cp;
	size_t off, n, i, sp;

	off = doc_space_len(s, len);
	if (off >= len)
		return 0;
	cp = doc_utf8_next(s + off, len - off, &n);
	for (i = 0; i < sizeof doc_heading_bullets / sizeof doc_heading_bullets[0]; i++) {
		if (doc_heading_bullets[i] == cp)
			break;
	}
	if (i == sizeof doc_heading_bullets / sizeof doc_heading_bullets[0])
		return 0;
	off += n;
	sp = doc_space_len(s + off, len - off);
	if (sp == 0 && (cp < 0x80 || cp == 0xff0d))
		return 0;
	off += sp;
	if (off >= len)
		return 0;
	*marker_len = off;
	return 1;
}

/* Return the bytes of the list marker of rule 7 at the start of s (indent, marker, spaces),
 * or 0 if none or if nothing follows it.  This is the lexical marker the layout hangs
 * continuation lines under, so it also matches look-alikes such as the "2." of 2.5%; the
 * parser decides separately what is a heading, a numbered item or a bullet. */
size_t
doc_marker_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t off, n, start, i, sp;
	int count;

	off = doc_space_len(s, len);
	if (off >= len)
		return 0;
	cp = doc_utf8_next(s + off, len - off, &n);
	for (i = 0; i < sizeof doc_heading_bullets / sizeof doc_heading_bullets[0]; i++) {
		if (doc_heading_bullets[i] == cp) {
			off += n;
			goto spaces;
		}
	}
	if (doc_heading_is_open(cp) || cp == '[') {
		/* (1) （ア） (ab) [1]: digits, lowercase Latin and katakana ア-ン */
		start = off;
		off += n;
		count = 0;
		for (;;) {
			cp = doc_heading_peek(s, len, off, &n);
			if (n == 0)
				return 0;
			if (doc_heading_digit(cp) < 0 && !doc_heading_is_latin(cp) &&
			    !(cp >= 0x30a2 && cp <= 0x30f3))
				break;
			off += n;
			count++;
		}
		if (count == 0 || !(doc_heading_is_close(cp) || cp == ']'))
			return 0;
		if ((s[start] == '[') != (cp == ']'))
			return 0;
		off += n;
		goto spaces;
	}
	if (doc_heading_digit(cp) >= 0) {
		/* 1. 1) １． １） １、 */
		while ((cp = doc_heading_peek(s, len, off, &n)) != 0 && doc_heading_digit(cp) >= 0)
			off += n;
		if (cp != '.' && cp != 0xff0e && cp != 0x3001 && !doc_heading_is_close(cp))
			return 0;
		off += n;
		goto spaces;
	}
	if ((cp >= 0x2460 && cp <= 0x249b) || (cp >= 0x3220 && cp <= 0x3229) ||
	    (cp >= 0x3251 && cp <= 0x325f) || (cp >= 0x32b1 && cp <= 0x32bf)) {
		/* ① ⑴ ⒈ ㈠ ㉑ */
		off += n;
		goto spaces;
	}
	if (cp >= 0x30a2 && cp <= 0x30f3) {
		/* ア イ ウ need a space after them */
		off += n;
		sp = doc_space_len(s + off, len - off);
		if (sp == 0)
			return 0;
		off += sp;
		return off < len ? off : 0;
	}
	return 0;

spaces:
	off += doc_space_len(s + off, len - off);
	return off < len ? off : 0;
}

/* Return 1 if s is short enough and plain enough to be a section title: at most
 * DOC_HEADING_MAX_CPS code points, no 。, not ending in 、 or a comma. */
int
doc_heading_is_title_like(const char *s, size_t len)
{
	size_t off = 0, n, cps = 0;
	uint32_t cp = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len > DOC_HEADING_MAX_CPS * 4)
		return 0;
	while (off < len) {
		cp = doc_utf8_next(s + off, len - off, &n);
		if (cp == 0x3002 || ++cps > DOC_HEADING_MAX_CPS)
			return 0;
		off += n;
	}
	if (cps == 0 || cp == 0x3001 || cp == ',' || cp == 0xff0c)
		return 0;
	return 1;
}

/* Return 1 if s is, after its indent, a bracketed title such as 【ポイント】 alone on its line. */
int
doc_heading_bracket(const char *s, size_t len)
{
	size_t off, end, cps = 0, n;

	off = doc_space_len(s, len);
	while (len > off && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len - off < 9 || memcmp(s + off, "【", 3) != 0 || memcmp(s + len - 3, "】", 3) != 0)
		return 0;
	end = len - 3;
	for (off += 3; off < end; off += n) {
		if (memcmp(s + off, "【", 3) == 0 || memcmp(s + off, "】", 3) == 0)
			return 0;
		doc_utf8_next(s + off, end - off, &n);
		if (++cps > DOC_HEADING_MAX_CPS)
			return 0;
	}
	return cps > 0;
}

/* Return 1 if s is a Markdown ATX heading ("## 概要"), with *hashes its number of # and *skip
 * the bytes of the hashes and the spaces after them. */
int
doc_heading_markdown(const char *s, size_t len, int *hashes, size_t *skip)
{
	size_t off = 0, sp;

	while (off < len && s[off] == '#')
		off++;
	if (off == 0 || off > 6 || off >= len || (s[off] != ' ' && s[off] != '\t'))
		return 0;
	*hashes = (int)off;
	sp = doc_space_len(s + off, len - off);
	if (off + sp >= len)
		return 0;
	*skip = off + sp;
	return 1;
}
