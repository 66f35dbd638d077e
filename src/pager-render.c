/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-render.c: the renderer, the one file that writes to the screen through curses:
 * strings placed at a row and column in an attribute, cleared rows, the update sent.
 * The screens build their rows with these calls; nothing here knows about records, and
 * tests/render-fake.c stands in for it where no terminal is. */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>

#include "kcurses.h"
#include "layout.h"
#include "pager.h"

/* Return 1 if the terminal's codeset is UTF-8, so every character can be written as is. */
static int
pager_render_utf8_locale(void)
{
	static int known, utf8;

	if (!known) {
		utf8 = (strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
		known = 1;
	}
	return utf8;
}

/* Return wc, or a stand-in of the same width when the locale's codeset (EUC-JP) cannot
 * express it, so curses never has to write a character it cannot convert. */
static wchar_t
pager_render_expressible(wchar_t wc, int cols)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;

	if (pager_render_utf8_locale())
		return wc;
	memset(&st, 0, sizeof st);
	if (wcrtomb(mb, wc, &st) != (size_t)-1)
		return wc;
	return cols == 2 ? L'\u3013' : L'?';	/* 〓, the geta mark, for a missing kanji */
}

/* Return the curses attributes of a: PAGER_ATTR_* bits. */
static attr_t
pager_render_curses_attr(int a)
{
	attr_t c = A_NORMAL;

	if (a & PAGER_ATTR_BOLD)
		c |= A_BOLD;
	if (a & PAGER_ATTR_REVERSE)
		c |= A_REVERSE;
	if (a & PAGER_ATTR_DIM)
		c |= A_DIM;
	if (a & PAGER_ATTR_UNDERLINE)
		c |= A_UNDERLINE;
	if (a & PAGER_ATTR_HEADING)
		c |= COLOR_PAIR(1);
	if (a & PAGER_ATTR_TITLE)
		c |= COLOR_PAIR(2);
	return c;
}

/* Set the colours of PAGER_ATTR_HEADING and PAGER_ATTR_TITLE for theme t (on the
 * terminal's own background); returns 1 if colours are in use, 0 for none (the theme is
 * none, or the terminal has no colours or they were not started). */
int
pager_render_theme(enum pager_theme t)
{
	int ok;

	if (t == PAGER_THEME_NONE || t == PAGER_THEME_AUTO || !has_colors())
		return 0;
	if (t == PAGER_THEME_LIGHT) {
		ok = init_pair(1, COLOR_BLUE, -1) == OK;	/* headings */
		ok = ok && init_pair(2, COLOR_MAGENTA, -1) == OK;	/* the title */
	} else {
		ok = init_pair(1, COLOR_CYAN, -1) == OK;
		ok = ok && init_pair(2, COLOR_YELLOW, -1) == OK;
	}
	return ok;
}

static int pager_render_cur_attr;	/* the PAGER_ATTR_* bits set last */

/* Draw from here on in attributes a (PAGER_ATTR_* bits). */
void
pager_render_attr(int a)
{
	pager_render_cur_attr = a;
	attrset(pager_render_curses_attr(a));
}

/* Return the attributes set last. */
int
pager_render_attr_get(void)
{
	return pager_render_cur_attr;
}

/* Put the cursor at row y, column x. */
void
pager_render_move(int y, int x)
{
	wmove(stdscr, y, x);
}

/* Write the ASCII character c at the cursor. */
void
pager_render_char(int c)
{
	waddch(stdscr, (chtype)(unsigned char)c);
}

/* Write n spaces from the cursor. */
void
pager_render_spaces(int n)
{
	while (n-- > 0)
		waddch(stdscr, ' ');
}

/* Clear from the cursor to the end of its row. */
void
pager_render_clear_eol(void)
{
	wclrtoeol(stdscr);
}

/* Clear the whole screen. */
void
pager_render_erase(void)
{
	werase(stdscr);
}

/* Draw the line between the panes at row y, column x: a line-drawing character, or a
 * plain | where the terminal draws Ambiguous characters wide (it may draw that one wide
 * too, and curses places line-drawing characters as one cell). */
void
pager_render_vline(int y, int x)
{
	mvwaddch(stdscr, y, x, layout_width_get_ambiguous() == 2 ? '|' : ACS_VLINE);
}

/* Draw the visible UTF-8 string s/len at row y, column x, as wide characters; the caller
 * has made sure it fits.  Zero-width characters stay on the cell before them. */
void
pager_render_utf8(int y, int x, const char *s, size_t len)
{
	wchar_t buf[256];
	ucs4_t uc;
	size_t n = 0;
	int k, w;

	if (wmove(stdscr, y, x) == ERR)
		return;
	while (len > 0) {
		k = u8_mbtouc(&uc, (const uint8_t *)s, len);
		if (k <= 0)
			break;
		s += k;
		len -= (size_t)k;
		w = layout_width_cp(uc);
		if (uc < 0x20 || uc == 0x7f || (uc >= 0x80 && uc < 0xa0))
			uc = 0xfffd;	/* never reached after cleaning; never write one anyway */
		buf[n++] = pager_render_expressible((wchar_t)uc, w);
		if (n == sizeof buf / sizeof buf[0]) {
			waddnwstr(stdscr, buf, (int)n);
			n = 0;
		}
	}
	if (n > 0)
		waddnwstr(stdscr, buf, (int)n);
}

/* Set *rows and *cols to the size of the screen, brought first to the terminal's size as
 * the kernel has it now (pager_term_size_sync). */
void
pager_render_size(int *rows, int *cols)
{
	pager_term_size_sync();
	getmaxyx(stdscr, *rows, *cols);
}

/* Send what changed since the last update to the terminal; full: repaint all of it. */
void
pager_render_flush(int full)
{
	if (full)
		clearok(curscr, TRUE);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Draw an already visible string at y/x in at most maxcols columns (cut at a character,
 * never inside a wide one); returns the display columns drawn. */
int
pager_render_text(int y, int x, int maxcols, const char *s)
{
	size_t len = strlen(s), n;
	int cols;

	if (maxcols <= 0)
		return 0;
	n = layout_width_truncate(s, len, maxcols, &cols);
	pager_render_utf8(y, x, s, n);
	return cols;
}

/* Draw a string from a file (or anything not trusted) at y/x in at most maxcols columns,
 * cut with "…"; returns the display columns drawn. */
int
pager_render_untrusted(int y, int x, int maxcols, const char *s, size_t len)
{
	char *v;
	int cols;

	if (maxcols <= 0)
		return 0;
	v = layout_text_visible(s, len, maxcols, &cols);
	cols = pager_render_text(y, x, maxcols, v);
	free(v);
	return cols;
}
