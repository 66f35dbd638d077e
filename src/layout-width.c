/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout-width.c: the one width function of kiroku, and the visible form of characters.
 * Every column count in the program comes from here: glibc's width in the active locale,
 * widened for --ambiguous-width=2 (and given to ncursesw as wcwidth(), so it places
 * characters by the same rule), made total (never -1) by showing what must not be drawn
 * raw in a visible form.  Knows no layout. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unigbrk.h>
#include <unictype.h>

#include "input.h"
#include "layout.h"
#include "xmalloc.h"

#define LAYOUT_TAB_COLS		8	/* TAB stops every 8 columns */

static const char layout_replacement[] = "\357\277\275";	/* U+FFFD */
static const char layout_tab_spaces[] = "        ";		/* a TAB at column 0 */

unsigned char	 layout_cp_classes[0x10000];	/* class bits of each BMP code point */
static int	 layout_classes_built;		/* 1 once layout_cp_classes is filled */
static int	 layout_ambiguous_cols = 1;	/* columns of East Asian Ambiguous: 1 or 2 */

/* Return the columns the terminal gives cp: libc's in the active locale (-1 if it is not
 * printable), except that East Asian Ambiguous characters are two when the terminal draws
 * them so (layout_width_set_ambiguous).  wcswidth() is glibc's own table and never calls
 * the wcwidth() below. */
static int
layout_width_term(uint32_t cp)
{
	wchar_t	wc = (wchar_t)cp;
	int	w = wcswidth(&wc, 1);

	if (w == 1 && layout_ambiguous_cols == 2 && layout_cp_is_ambiguous(cp))
		return (2);
	return (w);
}

/* Return the width of wc as the layout sees it (layout_width_term).  Defined here, it takes
 * the place of libc's wcwidth for ncursesw too (the executable's symbol comes first), which
 * is the only way to make curses place Ambiguous characters as the terminal does; and the
 * tests, linked with this layer, measure as the program does. */
int
wcwidth(wchar_t wc)
{
	if (wc == L'\0')
		return (0);
	return (layout_width_term((uint32_t)wc));
}

/* Return 1 if cp is shown as ^X: the C0 controls (TAB too, outside a line) and DEL. */
static int
layout_cp_is_caret(uint32_t cp)
{
	return (cp < 0x20 || cp == 0x7f);
}

/* Compute the class bits of one code point from libc and libunistring; the table is built
 * from this, and non-BMP code points use it directly. */
unsigned int
layout_cp_class_slow(uint32_t cp)
{
	unsigned int	c = 0, fffd;
	int		w;

	/* U+FFFD, which stands for what cannot be shown, is East Asian Ambiguous. */
	fffd = (unsigned int)layout_ambiguous_cols;
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return (LAYOUT_CP_SPECIAL | fffd);	/* shown as U+FFFD */
	if (uc_graphemeclusterbreak_property(cp) == GBP_OTHER)
		c |= LAYOUT_CP_GOTHER;
	if (cp == '\t')
		return (LAYOUT_CP_SPECIAL | LAYOUT_CP_TAB);
	if (cp == ' ')
		return (c | LAYOUT_CP_SPACE | 1);
	if (layout_cp_is_caret(cp))
		return (LAYOUT_CP_SPECIAL | 2);
	if (input_cp_is_control(cp) || input_cp_is_bidi_control(cp))
		return (c | LAYOUT_CP_SPECIAL | fffd);
	if (cp == 0xad)
		return (c | LAYOUT_CP_SPECIAL);		/* soft hyphen: removed */
	if (cp == 0x3001 || cp == 0x3002 || cp == 0xff0c || cp == 0xff0e)
		c |= LAYOUT_CP_HANG;
	w = layout_width_term(cp);
	if (w < 0 || w > 2)
		return (c | LAYOUT_CP_SPECIAL | fffd);
	return (c | (unsigned int)w);
}

/* Build the BMP class table if it is not built yet: call before reading
 * layout_cp_classes directly. */
void
layout_width_ready(void)
{
	uint32_t	cp;

	if (layout_classes_built)
		return;
	for (cp = 0; cp < 0x10000; cp++)
		layout_cp_classes[cp] = (unsigned char)layout_cp_class_slow(cp);
	layout_classes_built = 1;
}

/* Set the columns of East Asian Ambiguous characters (1 or 2); only characters libc
 * gives one column are widened. */
void
layout_width_set_ambiguous(int cols)
{
	cols = (cols == 2) ? 2 : 1;
	if (cols != layout_ambiguous_cols) {
		layout_ambiguous_cols = cols;
		layout_classes_built = 0;
	}
}

/* Return the columns of East Asian Ambiguous characters: 1 or 2. */
int
layout_width_get_ambiguous(void)
{
	return (layout_ambiguous_cols);
}

/* Return the display columns of cp in its visible form (never -1); a TAB counts as at
 * column 0: use layout_width_at() where the column is known. */
int
layout_width_cp(uint32_t cp)
{
	unsigned int	c;

	layout_width_ready();
	c = layout_cp_class(cp);
	if (c & LAYOUT_CP_TAB)
		return (LAYOUT_TAB_COLS);
	return ((int)(c & LAYOUT_CP_COLS));
}

/* Return what to draw for cp: its UTF-8 bytes, ^X for a C0 control or DEL, U+FFFD for
 * anything else not printable, "" for the soft hyphen, eight spaces for a TAB (its form at
 * column 0).  The result is buf or a constant string, len bytes, not NUL-terminated. */
const char *
layout_cp_visible(uint32_t cp, char buf[8], size_t *len, int *cols)
{
	unsigned int	c;

	layout_width_ready();
	c = layout_cp_class(cp);
	*cols = (int)(c & LAYOUT_CP_COLS);
	if (~c & LAYOUT_CP_SPECIAL) {
		if (cp < 0x80) {
			buf[0] = (char)cp;
			*len = 1;
		} else if (cp < 0x800) {
			buf[0] = (char)(0xc0 | (cp >> 6));
			buf[1] = (char)(0x80 | (cp & 0x3f));
			*len = 2;
		} else if (cp < 0x10000) {
			buf[0] = (char)(0xe0 | (cp >> 12));
			buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
			buf[2] = (char)(0x80 | (cp & 0x3f));
			*len = 3;
		} else {
			buf[0] = (char)(0xf0 | (cp >> 18));
			buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
			buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
			buf[3] = (char)(0x80 | (cp & 0x3f));
			*len = 4;
		}
		return (buf);
	}
	if (c & LAYOUT_CP_TAB) {
		*cols = LAYOUT_TAB_COLS;
		*len = LAYOUT_TAB_COLS;
		return (layout_tab_spaces);
	}
	if (layout_cp_is_caret(cp)) {
		buf[0] = '^';
		buf[1] = (char)(cp == 0x7f ? '?' : cp + 0x40);
		*len = 2;
		return (buf);
	}
	if (cp == 0xad) {
		*len = 0;
		return ("");
	}
	*len = 3;
	return (layout_replacement);
}

/* Return the columns of s drawn from column col: TABs expand to the next 8-column stop
 * counted from col, everything else as layout_width_cp(). */
int
layout_width_at(const char *s, size_t len, int col)
{
	size_t		i = 0, n;
	uint32_t	cp;
	unsigned int	c;
	int		start = col;

	layout_width_ready();
	while (i < len) {
		n = input_utf8_next(s + i, len - i, &cp);
		i += n;
		c = layout_cp_class(cp);
		if (c & LAYOUT_CP_TAB)
			col += LAYOUT_TAB_COLS - col % LAYOUT_TAB_COLS;
		else
			col += (int)(c & LAYOUT_CP_COLS);
	}
	return (col - start);
}

/* Return the display columns of s drawn from column 0. */
int
layout_width(const char *s, size_t len)
{
	return (layout_width_at(s, len, 0));
}

/* Return the byte offset where the grapheme cluster starting at pos ends (pos is a
 * cluster boundary, pos < len).  Clusters are never split: emoji ZWJ sequences and flags
 * stay whole, as u8_grapheme_breaks() finds them. */
size_t
layout_cluster_next(const char *s, size_t len, size_t pos)
{
	char		 stackbuf[256], *p;
	size_t		 n, m, win, i, end;
	uint32_t	 cp, cp2;

	layout_width_ready();
	n = input_utf8_next(s + pos, len - pos, &cp);
	if (pos + n >= len)
		return (len);
	m = input_utf8_next(s + pos + n, len - pos - n, &cp2);
	(void)m;
	/* Fast path: two characters of class Other always have a boundary between them. */
	if ((layout_cp_class(cp) & LAYOUT_CP_GOTHER) &&
	    (layout_cp_class(cp2) & LAYOUT_CP_GOTHER))
		return (pos + n);

	/* The rules look only backwards from a boundary: find the first break after pos in
	 * a window starting at pos, doubling the window until one is found. */
	for (win = sizeof stackbuf;; win *= 2) {
		end = (len - pos < win) ? len : pos + win;
		p = (win <= sizeof stackbuf) ? stackbuf : xmalloc(win);
		u8_grapheme_breaks((const uint8_t *)s + pos, end - pos, p);
		for (i = 1; i < end - pos; i++) {
			if (p[i])
				break;
		}
		if (p != stackbuf)
			free(p);
		if (i < end - pos || end == len)
			return (pos + i);
	}
}

/* Return the byte length of the longest prefix of s made of whole clusters that fits in
 * maxcols columns from column 0; *cols gets its width. */
size_t
layout_width_truncate(const char *s, size_t len, int maxcols, int *cols)
{
	size_t	pos = 0, next;
	int	col = 0, w;

	while (pos < len) {
		next = layout_cluster_next(s, len, pos);
		w = layout_width_at(s + pos, next - pos, col);
		if (col + w > maxcols)
			break;
		col += w;
		pos = next;
	}
	if (cols != NULL)
		*cols = col;
	return (pos);
}

/* Return an allocated NUL-terminated visible form of s on one line (controls as ^X or
 * U+FFFD, TABs expanded from column 0, LF as ^J), cut to maxcols columns with … when it
 * does not fit (maxcols < 0: never cut); *cols gets its width.  The caller frees it. */
char *
layout_text_visible(const char *s, size_t len, int maxcols, int *cols)
{
	char		 buf[8], *out;
	const char	*v;
	size_t		 i, n, vlen, keep, olen = 0, alloc;
	uint32_t	 cp;
	int		 col = 0, w, ellw = 0, room;

	if (maxcols >= 0 && layout_width(s, len) > maxcols) {
		ellw = layout_width_cp(0x2026);
		room = maxcols - ellw;
		if (room < 0) {
			ellw = 0;	/* no room even for …: cut bare */
			room = maxcols;
		}
		keep = layout_width_truncate(s, len, room, NULL);
	} else
		keep = len;

	alloc = keep * 3 + 16;
	out = xmalloc(alloc);
	for (i = 0; i < keep; i += n) {
		n = input_utf8_next(s + i, keep - i, &cp);
		v = layout_cp_visible(cp, buf, &vlen, &w);
		if (cp == '\t') {
			w = LAYOUT_TAB_COLS - col % LAYOUT_TAB_COLS;
			vlen = (size_t)w;
		}
		if (olen + vlen + 4 > alloc) {
			alloc = (olen + vlen + 4) * 2;
			out = xrealloc(out, alloc);
		}
		memcpy(out + olen, v, vlen);
		olen += vlen;
		col += w;
	}
	if (keep < len && ellw > 0) {
		memcpy(out + olen, "\342\200\246", 3);
		olen += 3;
		col += ellw;
	}
	out[olen] = '\0';
	if (cols != NULL)
		*cols = col;
	return (out);
}
