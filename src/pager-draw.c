/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-draw.c: drawing the screen: the region tab strip, the outline pane, the text pane,
 * the status line, and the notice of a terminal too small for them.  Every row is written
 * as one pre-laid-out line and cleared to its end; every string from a file goes through
 * layout_line_emit or layout_text_visible first.  Moves nothing: pager.c owns positions. */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <wchar.h>

#include "kcurses.h"
#include "doc.h"
#include "layout.h"
#include "pager.h"
#include "xmalloc.h"

#define PAGER_OUTLINE_MAX_COLS	32	/* the outline pane is never wider */
#define PAGER_OUTLINE_MIN_COLS	12	/* narrower than this, the outline is not shown */
#define PAGER_TEXT_MIN_COLS	24	/* the text pane needs this beside the outline */
#define PAGER_NAME_MAX_COLS	24	/* the file name in the status line */
#define PAGER_SECTION_MAX_COLS	20	/* the section label in the status line */

static const char pager_notice_text[] = "kiroku: terminal too small";

/* Where one visual line is being drawn: the row, the pane's first column and width, and the
 * display columns used so far. */
struct pager_emit {
	int	y;		/* screen row */
	int	x;		/* first column of the pane */
	int	maxcols;	/* display columns of the pane */
	int	col;		/* display columns drawn so far */
	int	full;		/* 1 once a piece did not fit: the rest is dropped */
	struct pager *pg;	/* for the search highlight */
	const struct doc *d;	/* the doc drawn */
};

/* Return 1 if the terminal's codeset is UTF-8, so every character can be written as is. */
static int
pager_draw_utf8(void)
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
pager_draw_expressible(wchar_t wc, int cols)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;

	if (pager_draw_utf8())
		return wc;
	memset(&st, 0, sizeof st);
	if (wcrtomb(mb, wc, &st) != (size_t)-1)
		return wc;
	return cols == 2 ? L'\u3013' : L'?';	/* 〓, the geta mark, for a missing kanji */
}

/* Draw the visible UTF-8 string s/len at row y, column x, as wide characters; the caller
 * has made sure it fits.  Zero-width characters stay on the cell before them. */
static void
pager_draw_utf8_at(int y, int x, const char *s, size_t len)
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
		buf[n++] = pager_draw_expressible((wchar_t)uc, w);
		if (n == sizeof buf / sizeof buf[0]) {
			waddnwstr(stdscr, buf, (int)n);
			n = 0;
		}
	}
	if (n > 0)
		waddnwstr(stdscr, buf, (int)n);
}

/* Write n spaces from the cursor. */
static void
pager_draw_spaces(int n)
{
	while (n-- > 0)
		waddch(stdscr, ' ');
}

/* Draw an already visible string at y/x in at most maxcols columns (cut at a character,
 * never inside a wide one); returns the display columns drawn. */
int
pager_draw_visible(int y, int x, int maxcols, const char *s)
{
	size_t len = strlen(s), n;
	int cols;

	if (maxcols <= 0)
		return 0;
	n = layout_width_truncate(s, len, maxcols, &cols);
	pager_draw_utf8_at(y, x, s, n);
	return cols;
}

/* Draw a string from a file (or anything not trusted) at y/x in at most maxcols columns,
 * cut with "…"; returns the display columns drawn. */
static int
pager_draw_untrusted(int y, int x, int maxcols, const char *s, size_t len)
{
	char *v;
	int cols;

	if (maxcols <= 0)
		return 0;
	v = layout_text_visible(s, len, maxcols, &cols);
	cols = pager_draw_visible(y, x, maxcols, v);
	free(v);
	return cols;
}

/* Work out the split of a rows x cols screen: the tab strip, the panes and the status line,
 * the outline pane only when both panes fit. */
void
pager_geom_compute(struct pager *pg, int rows, int cols)
{
	struct pager_geom *g = &pg->g;
	const struct doc *d;
	int oc;

	memset(g, 0, sizeof *g);
	g->rows = rows;
	g->cols = cols;
	g->tabs_row = g->status_row = -1;
	if (rows < 2 || cols < 4) {
		g->notice = 1;
		return;
	}
	if (rows >= 3) {
		g->tabs_row = 0;
		g->body_y = 1;
		g->body_rows = rows - 2;
	} else {
		g->body_y = 0;
		g->body_rows = 1;
	}
	g->status_row = rows - 1;

	g->text_x = 0;
	g->text_cols = cols;
	d = pager_doc_current(pg);
	if (!pg->in_help && d != NULL && pg->outline_on && d->nsections > 0 &&
	    g->body_rows >= 2) {
		oc = cols / 3;
		if (oc > PAGER_OUTLINE_MAX_COLS)
			oc = PAGER_OUTLINE_MAX_COLS;
		if (oc >= PAGER_OUTLINE_MIN_COLS && cols - oc - 1 >= PAGER_TEXT_MIN_COLS) {
			g->outline_cols = oc;
			g->text_x = oc + 1;
			g->text_cols = cols - oc - 1;
		}
	}
}

/* Return the label of an outline entry, visible and cut to maxcols with "…" (-1: no limit):
 * a heading as written, a numbered paragraph as its number, a space and its first words.
 * The caller frees it. */
char *
pager_outline_label(const struct doc *d, size_t section, int maxcols, int *cols)
{
	const struct doc_section *sec = &d->sections[section];
	const char *s;
	size_t len, num;
	char *buf, *v;

	s = doc_section_label(d, section, &len, &num);
	if (!sec->is_heading && num > 0 && num < len && s[num - 1] != ' ' && s[num] != ' ' &&
	    !(num >= 3 && memcmp(s + num - 3, "\u3000", 3) == 0)) {
		buf = xmalloc(len + 1);
		memcpy(buf, s, num);
		buf[num] = ' ';
		memcpy(buf + num + 1, s + num, len - num);
		v = layout_text_visible(buf, len + 1, maxcols, cols);
		free(buf);
		return v;
	}
	return layout_text_visible(s, len, maxcols, cols);
}

/* Return the outline entry shown on screen row y, or -1 (the header, a blank row, or no
 * outline pane). */
int
pager_outline_row_entry(struct pager *pg, int y)
{
	const struct doc *d = pager_doc_current(pg);
	int r, e;

	if (pg->g.notice || pg->g.outline_cols == 0 || d == NULL)
		return -1;
	r = y - pg->g.body_y;
	if (r < 1 || r >= pg->g.body_rows)
		return -1;
	e = pg->outline_top + r - 1;
	if (e < 0 || (size_t)e >= d->nsections)
		return -1;
	return e;
}

/* Return the region of the tab drawn at column col, or -1. */
int
pager_tabs_hit(struct pager *pg, int col)
{
	int r;

	for (r = 0; r < DOC_REGION_COUNT; r++) {
		if (pg->tabs_x[r] >= 0 && col >= pg->tabs_x[r] &&
		    col < pg->tabs_x[r] + pg->tabs_cols[r])
			return r;
	}
	return -1;
}

/* Draw the region tab strip: the seven regions in world-map order with their record counts
 * (その他 only if a record has no region), the current one in reverse and bold.  When they
 * do not fit, the strip scrolls so the current tab stays visible, with < and > at the cut. */
static void
pager_draw_tabs(struct pager *pg)
{
	char label[DOC_REGION_COUNT][96];
	int width[DOC_REGION_COUNT];
	int ntabs = pager_index_ntabs(pg), cur, first, last, x, total, i, need, y;
	const size_t *count = pg->lib->count;

	y = pg->g.tabs_row;
	total = 0;
	for (i = 0; i < DOC_REGION_COUNT; i++) {
		pg->tabs_x[i] = -1;
		pg->tabs_cols[i] = 0;
		if (i >= ntabs)
			continue;
		if (count[i] > 0)
			snprintf(label[i], sizeof label[i], " %s %zu ", doc_region_name(i),
			    count[i]);
		else
			snprintf(label[i], sizeof label[i], " %s ", doc_region_name(i));
		width[i] = layout_width(label[i], strlen(label[i]));
		total += width[i];
	}
	cur = (int)pg->region < ntabs ? (int)pg->region : 0;

	/* The first tab: as before, but moved so the current one fits with the arrows. */
	first = (int)pg->tabs_first;
	if (total <= pg->g.cols)
		first = 0;
	if (first > cur)
		first = cur;
	for (;;) {
		need = (first > 0 ? 1 : 0) + (cur < ntabs - 1 ? 1 : 0);
		for (i = first; i <= cur; i++)
			need += width[i];
		if (need <= pg->g.cols || first == cur)
			break;
		first++;
	}
	pg->tabs_first = (size_t)first;

	wmove(stdscr, y, 0);
	x = 0;
	if (first > 0) {
		waddch(stdscr, '<');
		x = 1;
	}
	last = first;
	for (i = first; i < ntabs; i++) {
		int room = pg->g.cols - x - (i < ntabs - 1 ? 1 : 0);

		if (width[i] > room && i != cur)
			break;
		/* empty tabs dimmed: t and T skip them */
		attrset(i == cur ? (A_REVERSE | A_BOLD) :
		    pg->lib->count[i] == 0 ? A_DIM : A_NORMAL);
		pg->tabs_x[i] = x;
		pg->tabs_cols[i] = pager_draw_untrusted(y, x, room, label[i], strlen(label[i]));
		x += pg->tabs_cols[i];
		attrset(A_NORMAL);
		last = i;
	}
	wmove(stdscr, y, x);
	wclrtoeol(stdscr);
	if (last < ntabs - 1 && x < pg->g.cols)
		mvwaddch(stdscr, y, pg->g.cols - 1, '>');
}

/* Draw one piece of a visual line where the line has got to; a piece that would cross the
 * pane's edge is cut at a character and the rest of the line dropped, so no wide character
 * ever straddles the edge. */
static void
pager_draw_piece(void *arg, const char *s, size_t len, int cols, size_t off)
{
	struct pager_emit *e = arg;
	size_t n;
	int c, hit;
	attr_t attr = A_NORMAL;
	short pair = 0;

	if (e->full)
		return;
	/* A match of the search: reverse video, so it shows in monochrome too. */
	if ((hit = pager_search_hit(e->pg, e->d, off)) != 0) {
		attr_get(&attr, &pair, NULL);
		attr_set(attr | A_REVERSE | (hit == PAGER_SEARCH_HIT_CUR ? A_BOLD : 0), pair, NULL);
	}
	if (e->col + cols > e->maxcols) {
		n = layout_width_truncate(s, len, e->maxcols - e->col, &c);
		pager_draw_utf8_at(e->y, e->x + e->col, s, n);
		e->col += c;
		e->full = 1;
	} else {
		pager_draw_utf8_at(e->y, e->x + e->col, s, len);
		e->col += cols;
	}
	if (hit != 0)
		attr_set(attr, pair, NULL);
}

/* Return the attributes of a visual line of the given kind. */
static attr_t
pager_draw_line_attr(struct pager *pg, enum layout_line_kind kind)
{
	switch (kind) {
	case LAYOUT_LINE_TITLE:
		return A_BOLD | (pg->color ? COLOR_PAIR(2) : 0);
	case LAYOUT_LINE_FURNITURE:
		return A_DIM;
	case LAYOUT_LINE_HEADING:
		return A_BOLD | (pg->color ? COLOR_PAIR(1) : 0);
	default:
		return A_NORMAL;
	}
}

/* Draw visual line i of v at row y in the text pane (a blank row past the end), then clear
 * to the end of the row. */
static void
pager_draw_text_row(struct pager *pg, struct pager_view *v, int y, size_t i)
{
	struct pager_emit e;
	const struct layout_line *ll;

	wmove(stdscr, y, pg->g.text_x);
	if (v->lo != NULL && i < v->lo->nlines) {
		ll = &v->lo->lines[i];
		e.y = y;
		e.x = pg->g.text_x;
		e.maxcols = pg->g.text_cols;
		e.col = 0;
		e.full = 0;
		e.pg = pg;
		e.d = v->d;
		attrset(pager_draw_line_attr(pg, ll->kind));
		layout_line_emit(v->d->text.buf, ll, pager_draw_piece, &e);
		attrset(A_NORMAL);
		wmove(stdscr, y, pg->g.text_x + e.col);
	}
	wclrtoeol(stdscr);
}

/* Draw the outline part of body row r at screen row y: the header 目次 on the first row,
 * then the entries from outline_top, indented by depth, the current section marked with ▶
 * and bold, the selection in reverse while the outline has focus; padded with spaces to
 * the pane width. */
static void
pager_draw_outline_row(struct pager *pg, int y, int r, int cursec)
{
	const struct doc *d = pager_doc_current(pg);
	const struct doc_section *sec;
	int oc = pg->g.outline_cols, x, cols, e, indent;
	const char *mark;
	attr_t attr = A_NORMAL;
	char *label, count[32];
	size_t nmatch;
	int ccols = 0;

	wmove(stdscr, y, 0);
	if (r == 0) {
		attr = A_BOLD | (pg->focus == PAGER_FOCUS_OUTLINE ? A_REVERSE : 0);
		attrset(attr);
		x = pager_draw_visible(y, 0, oc, " 目次");
		pager_draw_spaces(oc - x);
		attrset(A_NORMAL);
		return;
	}
	e = pg->outline_top + r - 1;
	if (e < 0 || (size_t)e >= d->nsections) {
		pager_draw_spaces(oc);
		return;
	}
	sec = &d->sections[e];
	mark = layout_width("▶", strlen("▶")) == 1 ? "▶" : ">";
	if (e == cursec)
		attr |= A_BOLD;
	if (pg->focus == PAGER_FOCUS_OUTLINE && e == pg->outline_sel)
		attr |= A_REVERSE;
	attrset(attr);
	x = pager_draw_visible(y, 0, oc, e == cursec ? mark : " ");
	if (x == 0) {
		waddch(stdscr, ' ');
		x = 1;
	}
	indent = 2 * sec->depth;
	if (indent > oc - x - 4)
		indent = oc - x - 4 > 0 ? oc - x - 4 : 0;
	pager_draw_spaces(indent);
	x += indent;
	/* The matches of the search in this entry, right-aligned, when the label keeps room. */
	if ((nmatch = pager_search_section_count(pg, d, (size_t)e)) > 0) {
		snprintf(count, sizeof count, " (%zu)", nmatch);
		ccols = layout_width(count, strlen(count));
		if (oc - x - ccols < 4)
			ccols = 0;
	}
	label = pager_outline_label(d, (size_t)e, oc - x - ccols, &cols);
	x += pager_draw_visible(y, x, oc - x - ccols, label);
	free(label);
	wmove(stdscr, y, x);
	pager_draw_spaces(oc - x - ccols);
	if (ccols > 0)
		pager_draw_visible(y, oc - ccols, ccols, count);
	attrset(A_NORMAL);
}

/* Keep the entry that matters (the selection while focused, else the current section) in
 * the rows of the outline pane. */
static void
pager_draw_outline_follow(struct pager *pg, int cursec)
{
	const struct doc *d = pager_doc_current(pg);
	int n = pg->g.body_rows - 1, want, max;

	if (n <= 0)
		return;
	want = pg->focus == PAGER_FOCUS_OUTLINE ? pg->outline_sel : cursec;
	if (want >= 0) {
		if (want < pg->outline_top)
			pg->outline_top = want;
		else if (want >= pg->outline_top + n)
			pg->outline_top = want - n + 1;
	}
	max = (int)d->nsections - n;
	if (pg->outline_top > max)
		pg->outline_top = max;
	if (pg->outline_top < 0)
		pg->outline_top = 0;
}

/* A small string builder for the status line. */
struct pager_strbuf {
	char	buf[512];
	size_t	len;		/* bytes used */
};

/* Append printf-style text to sb, silently cut at its size. */
static void __attribute__((format(printf, 2, 3)))
pager_strbuf_add(struct pager_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (sb->len >= sizeof sb->buf - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sizeof sb->buf - sb->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		sb->len += (size_t)n < sizeof sb->buf - sb->len ? (size_t)n :
		    sizeof sb->buf - sb->len - 1;
}

/* Return how far through the view the bottom row is, in percent of the bytes (as less
 * does: only a window of a huge record is laid out, so its lines are not counted). */
static int
pager_draw_percent(struct pager *pg, struct pager_view *v)
{
	size_t bottom;

	if (v->lo == NULL || v->lo->nlines == 0 || v->d->text.len == 0)
		return 100;
	bottom = v->top + (size_t)pg->g.body_rows;
	if (bottom >= v->lo->nlines && layout_window_at_end(v->lo))
		return 100;
	if (bottom >= v->lo->nlines)
		bottom = v->lo->nlines - 1;
	return (int)((double)v->lo->lines[bottom].off * 100.0 / (double)v->d->text.len);
}

/* Draw the status line: the file in bold, the current section with its number among the
 * top-level ones, the ISO date (or a message in their place), and on the right the
 * position and h:help.  What goes first when the line is short: the date, then the section.
 * No reverse video: then moving a line rewrites only the digits of the position. */
static void
pager_draw_status(struct pager *pg, int cursec)
{
	struct pager_view *v = pager_view_current(pg);
	const struct doc *d = v->d;
	struct pager_strbuf right = { "", 0 };
	int y = pg->g.status_row, cols = pg->g.cols, x = 0, room, rw, namecols, w, secx, secw;
	size_t n, total, len;
	const char *s;
	char iso[11], *sec = NULL, *name, found[64];

	attrset(A_NORMAL);
	wmove(stdscr, y, 0);
	if (pager_search_status(pg, v->d, found, sizeof found))
		pager_strbuf_add(&right, "  %s", found);
	if (!v->d->complete)
		pager_strbuf_add(&right, v->load_paused ? "  reading paused" : "  reading");
	if (pg->lib->nindexed < pg->lib->nentries)
		pager_strbuf_add(&right, "  indexing %zu/%zu", pg->lib->nindexed,
		    pg->lib->nentries);
	if (pg->in_help)
		pager_strbuf_add(&right, "  %d%%  q:back ", pager_draw_percent(pg, v));
	else
		pager_strbuf_add(&right, "  %d%%  h:help ", pager_draw_percent(pg, v));
	rw = layout_width(right.buf, right.len);
	if (rw > cols) {
		rw = 0;
		right.len = 0;
	}
	room = cols - rw;

	pager_draw_spaces(1);
	x = 1;
	if (pg->in_help) {
		x += pager_draw_visible(y, x, room - x, "kiroku help");
	} else {
		namecols = room - x < PAGER_NAME_MAX_COLS ? room - x : PAGER_NAME_MAX_COLS;
		name = layout_text_visible(d->name, strlen(d->name), namecols, &w);
		attrset(A_BOLD);
		x += pager_draw_visible(y, x, room - x, name);
		attrset(A_NORMAL);
		free(name);
	}
	if (pg->msg != NULL && room - x > 2) {
		wmove(stdscr, y, x);
		pager_draw_spaces(2);
		x += 2;
		attrset(A_BOLD);
		x += pager_draw_untrusted(y, x, room - x, pg->msg, strlen(pg->msg));
		attrset(A_NORMAL);
	} else if (!pg->in_help && cursec >= 0 && room - x > 2) {
		s = doc_section_text(d, (size_t)cursec, &len);
		(void)s;
		sec = pager_outline_label(d, (size_t)cursec, PAGER_SECTION_MAX_COLS, &w);
		wmove(stdscr, y, x);
		pager_draw_spaces(2);
		x += 2;
		secx = x;
		x += pager_draw_visible(y, x, room - x, sec);
		free(sec);
		secw = PAGER_SECTION_MAX_COLS;
		if (pager_section_top(d, cursec, &n, &total) == 0) {
			char num[48];

			snprintf(num, sizeof num, d->complete ? " (%zu/%zu)" : " (%zu/%zu…)", n,
			    total);
			x += pager_draw_visible(y, x, room - x, num);
			snprintf(num, sizeof num, " (%zu/%zu)", total, total);
			secw += layout_width(num, strlen(num));
		}
		/* The section padded to its widest, so the date after it keeps its column
		 * and a line down that enters a section rewrites only the label. */
		if (d->date.year != 0 && x < secx + secw && room - (secx + secw) > 12) {
			wmove(stdscr, y, x);
			pager_draw_spaces(secx + secw - x);
			x = secx + secw;
		}
	}
	if (!pg->in_help && pg->msg == NULL && d->date.year != 0 && room - x > 12) {
		doc_date_iso(&d->date, iso);
		wmove(stdscr, y, x);
		pager_draw_spaces(2);
		x += 2;
		x += pager_draw_visible(y, x, room - x, iso);
	}
	wmove(stdscr, y, x);
	pager_draw_spaces(room - x);
	if (right.len > 0)
		pager_draw_visible(y, room, rw, right.buf);
	attrset(A_NORMAL);
}

/* Draw the notice of a terminal too small for anything, on its first row. */
static void
pager_draw_notice(struct pager *pg)
{
	int n = pg->g.cols;

	werase(stdscr);
	if (pg->g.rows <= 1)
		n--;	/* never the bottom-right cell: some terminals would scroll */
	if (n > (int)strlen(pager_notice_text))
		n = (int)strlen(pager_notice_text);
	if (n > 0)
		mvwaddnstr(stdscr, 0, 0, pager_notice_text, n);
}

/* What the last pager_draw put on the screen, to see a scroll of a few lines. */
static struct {
	const struct pager_view	*v;
	const struct layout	*lo;
	unsigned int		 gen;		/* lo->gen drawn */
	long long		 top;		/* the number of the top line drawn (lo->first_line
						 * + v->top) */
	int			 rows;		/* screen rows */
	int			 cols;		/* screen columns */
	int			 outline_cols;	/* display columns of the outline pane */
	int			 outline_top;	/* first outline entry drawn */
	int			 cursec;	/* the section marked in the outline */
	int			 valid;
} pager_draw_last;

/* With the outline pane shown, a move of a few lines changes every row, so curses'
 * hash-scroll detection finds no whole row that moved and rewrites the text of most rows
 * (the terminal cannot scroll the text pane alone: no left/right margins in tmux).  Send
 * the move first as a scroll of the whole body, outline and text together: each body row
 * is drawn as the terminal will have it after the scroll (the text at its new place, the
 * outline as it was, shifted), so every row matches a row on the terminal and curses
 * scrolls the region and writes only the new text rows; pager_draw then fixes the
 * outline cells, short labels, far fewer bytes than the text rows (bench/bytes.sh: one
 * line down 1275 -> 922 bytes at 100x30).  XXX: sent as two updates, so the shifted
 * outline can show for an instant. */
static void
pager_draw_scroll_body(struct pager *pg, struct pager_view *v, chtype sep)
{
	struct pager_geom *g = &pg->g;
	long delta;
	int r, src, outline_top;

	if (!pager_draw_last.valid || pg->redraw || g->notice || g->outline_cols == 0 ||
	    v->lo == NULL || pager_draw_last.v != v || pager_draw_last.lo != v->lo ||
	    pager_draw_last.gen != v->lo->gen ||
	    pager_draw_last.rows != g->rows || pager_draw_last.cols != g->cols ||
	    pager_draw_last.outline_cols != g->outline_cols)
		return;
	delta = (long)(v->lo->first_line + (long long)v->top - pager_draw_last.top);
	if (delta == 0 || delta > g->body_rows / 2 || -delta > g->body_rows / 2)
		return;
	outline_top = pg->outline_top;
	pg->outline_top = pager_draw_last.outline_top;
	for (r = 0; r < g->body_rows; r++) {
		/* Body row r as the terminal has it after the scroll: the old outline row
		 * r + delta, blank where the scroll brought in a new row. */
		src = r + (int)delta;
		if (src >= 0 && src < g->body_rows)
			pager_draw_outline_row(pg, g->body_y + r, src, pager_draw_last.cursec);
		else {
			wmove(stdscr, g->body_y + r, 0);
			pager_draw_spaces(g->outline_cols);
		}
		mvwaddch(stdscr, g->body_y + r, g->outline_cols, sep);
		pager_draw_text_row(pg, v, g->body_y + r, v->top + (size_t)r);
	}
	pg->outline_top = outline_top;
	wnoutrefresh(stdscr);
	doupdate();
}

/* Draw the whole screen for the current geometry and send it: curses sends only what
 * changed since the last time. */
void
pager_draw(struct pager *pg)
{
	struct pager_view *v = pager_view_current(pg);
	chtype sep = ACS_VLINE;
	int r, cursec = PAGER_NO_SECTION;

	/* XXX: a terminal that draws Ambiguous characters wide may draw │ wide too, and
	 * curses places line-drawing characters as one cell: a plain | is safe there. */
	if (layout_width_get_ambiguous() == 2)
		sep = '|';
	if (pg->g.notice) {
		pager_draw_notice(pg);
	} else if (v == NULL) {
		if (pg->g.tabs_row >= 0)
			pager_draw_tabs(pg);
		pager_index_draw(pg);
	} else {
		pager_draw_scroll_body(pg, v, sep);
		cursec = pg->in_help ? PAGER_NO_SECTION : pager_view_section(v);
		if (pg->g.tabs_row >= 0)
			pager_draw_tabs(pg);
		if (pg->g.outline_cols > 0)
			pager_draw_outline_follow(pg, cursec);
		for (r = 0; r < pg->g.body_rows; r++) {
			if (pg->g.outline_cols > 0) {
				pager_draw_outline_row(pg, pg->g.body_y + r, r, cursec);
				mvwaddch(stdscr, pg->g.body_y + r, pg->g.outline_cols, sep);
			}
			pager_draw_text_row(pg, v, pg->g.body_y + r, v->top + (size_t)r);
		}
		if (pg->g.status_row >= 0 && pager_search_prompting(pg))
			pager_search_draw_prompt(pg, pg->g.status_row, pg->g.cols);
		else if (pg->g.status_row >= 0)
			pager_draw_status(pg, cursec);
	}
	pager_draw_last.valid = !pg->g.notice && v != NULL;
	pager_draw_last.v = v;
	pager_draw_last.lo = v != NULL ? v->lo : NULL;
	pager_draw_last.gen = v != NULL && v->lo != NULL ? v->lo->gen : 0;
	pager_draw_last.top = v != NULL && v->lo != NULL ?
	    v->lo->first_line + (long long)v->top : 0;
	pager_draw_last.rows = pg->g.rows;
	pager_draw_last.cols = pg->g.cols;
	pager_draw_last.outline_cols = pg->g.outline_cols;
	pager_draw_last.outline_top = pg->outline_top;
	pager_draw_last.cursec = cursec;
	if (pg->redraw) {
		clearok(curscr, TRUE);
		pg->redraw = 0;
	}
	wnoutrefresh(stdscr);
	doupdate();
}
