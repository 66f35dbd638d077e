/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-draw.c: the rows of a record's screen (and the help's): the region tab strip, the
 * outline pane, the text pane, the status line, and the notice of a terminal too small for
 * them, built into the renderer (pager-render.c).  Every row is written as one pre-laid-out
 * line and cleared to its end; every string from a file goes through layout_line_emit or
 * layout_text_visible first.  Moves nothing: pager-view.c owns positions. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "layout.h"
#include "nls.h"
#include "pager.h"
#include "xmalloc.h"

#define PAGER_NAME_MAX_COLS	24	/* the file name in the status line */
#define PAGER_SECTION_MAX_COLS	20	/* the section label in the status line */

static const char pager_notice_text[] = N_("kiroku: terminal too small");

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
		if (pg->tabs.x[r] >= 0 && col >= pg->tabs.x[r] &&
		    col < pg->tabs.x[r] + pg->tabs.cols[r])
			return r;
	}
	return -1;
}

/* Draw the region tab strip as pager_index_tabs_place placed it: the current tab in
 * reverse and bold, < and > where the strip is cut. */
void
pager_draw_tabs(struct pager *pg)
{
	const struct pager_tabs *t = &pg->tabs;
	int y = pg->g.tabs_row, x = 0, i;

	pager_render_move(y, 0);
	if (t->first > 0) {
		pager_render_char('<');
		x = 1;
	}
	for (i = t->first; i <= t->last; i++) {
		/* empty tabs dimmed: t and T skip them */
		pager_render_attr(i == t->cur ? (PAGER_ATTR_REVERSE | PAGER_ATTR_BOLD) :
		    pg->lib->count[i] == 0 ? PAGER_ATTR_DIM : PAGER_ATTR_NORMAL);
		x += pager_render_untrusted(y, t->x[i], t->cols[i], t->label[i],
		    strlen(t->label[i]));
		pager_render_attr(PAGER_ATTR_NORMAL);
	}
	pager_render_move(y, x);
	pager_render_clear_eol();
	if (t->last < t->ntabs - 1 && x < pg->g.cols) {
		pager_render_move(y, pg->g.cols - 1);
		pager_render_char('>');
	}
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
	int attr = PAGER_ATTR_NORMAL;

	if (e->full)
		return;
	/* A match of the search: reverse video, so it shows in monochrome too. */
	if ((hit = pager_search_hit(e->pg, e->d, off)) != 0) {
		attr = pager_render_attr_get();
		pager_render_attr(attr | PAGER_ATTR_REVERSE |
		    (hit == PAGER_SEARCH_HIT_CUR ? PAGER_ATTR_BOLD : 0));
	}
	if (e->col + cols > e->maxcols) {
		n = layout_width_truncate(s, len, e->maxcols - e->col, &c);
		pager_render_utf8(e->y, e->x + e->col, s, n);
		e->col += c;
		e->full = 1;
	} else {
		pager_render_utf8(e->y, e->x + e->col, s, len);
		e->col += cols;
	}
	if (hit != 0)
		pager_render_attr(attr);
}

/* Return the attributes of a visual line of the given kind. */
static int
pager_draw_line_attr(struct pager *pg, enum layout_line_kind kind)
{
	switch (kind) {
	case LAYOUT_LINE_TITLE:
		return PAGER_ATTR_BOLD | (pg->color ? PAGER_ATTR_TITLE : PAGER_ATTR_UNDERLINE);
	case LAYOUT_LINE_HEADING:
		return PAGER_ATTR_BOLD | (pg->color ? PAGER_ATTR_HEADING : 0);
	case LAYOUT_LINE_FURNITURE:
		return PAGER_ATTR_DIM;
	default:
		return PAGER_ATTR_NORMAL;
	}
}

/* Draw visual line i of v at row y in the text pane (a blank row past the end), then clear
 * to the end of the row. */
static void
pager_draw_text_row(struct pager *pg, struct pager_view *v, int y, size_t i)
{
	struct pager_emit e;
	const struct layout_line *ll;

	pager_render_move(y, pg->g.text_x);
	if (v->lo != NULL && i < v->lo->nlines) {
		ll = &v->lo->lines[i];
		e.y = y;
		e.x = pg->g.text_x;
		e.maxcols = pg->g.text_cols;
		e.col = 0;
		e.full = 0;
		e.pg = pg;
		e.d = v->d;
		pager_render_attr(pager_draw_line_attr(pg, ll->kind));
		layout_line_emit(v->d->text.buf, ll, pager_draw_piece, &e);
		pager_render_attr(PAGER_ATTR_NORMAL);
		pager_render_move(y, pg->g.text_x + e.col);
	}
	pager_render_clear_eol();
}

/* Draw the outline part of body row r at screen row y: the header 目次 on the first row,
 * then the entries from top, indented by depth, the current section marked with ▶
 * and bold, the selection in reverse while the outline has focus; padded with spaces to
 * the pane width. */
static void
pager_draw_outline_row(struct pager *pg, int y, int r, int cursec, int top)
{
	const struct doc *d = pager_doc_current(pg);
	const struct doc_section *sec;
	int oc = pg->g.outline_cols, x, cols, e, indent;
	const char *mark;
	int attr = PAGER_ATTR_NORMAL, focus = pager_screen_has(pg, PAGER_SCREEN_OUTLINE);
	char *label, count[32];
	size_t nmatch;
	int ccols = 0;

	pager_render_move(y, 0);
	if (r == 0) {
		attr = PAGER_ATTR_BOLD | (focus ? PAGER_ATTR_REVERSE : 0);
		pager_render_attr(attr);
		x = pager_render_text(y, 0, oc, " 目次");
		pager_render_spaces(oc - x);
		pager_render_attr(PAGER_ATTR_NORMAL);
		return;
	}
	e = top + r - 1;
	if (e < 0 || (size_t)e >= d->nsections) {
		pager_render_spaces(oc);
		return;
	}
	sec = &d->sections[e];
	mark = layout_width("▶", strlen("▶")) == 1 ? "▶" : ">";
	if (e == cursec)
		attr |= PAGER_ATTR_BOLD;
	if (focus && e == pg->outline_sel)
		attr |= PAGER_ATTR_REVERSE;
	pager_render_attr(attr);
	x = pager_render_text(y, 0, oc, e == cursec ? mark : " ");
	if (x == 0) {
		pager_render_char(' ');
		x = 1;
	}
	indent = 2 * sec->depth;
	if (indent > oc - x - 4)
		indent = oc - x - 4 > 0 ? oc - x - 4 : 0;
	pager_render_spaces(indent);
	x += indent;
	/* The matches of the search in this entry, right-aligned, when the label keeps room. */
	if ((nmatch = pager_search_section_count(pg, d, (size_t)e)) > 0) {
		snprintf(count, sizeof count, " (%zu)", nmatch);
		ccols = layout_width(count, strlen(count));
		if (oc - x - ccols < 4)
			ccols = 0;
	}
	label = pager_outline_label(d, (size_t)e, oc - x - ccols, &cols);
	x += pager_render_text(y, x, oc - x - ccols, label);
	free(label);
	pager_render_move(y, x);
	pager_render_spaces(oc - x - ccols);
	if (ccols > 0)
		pager_render_text(y, oc - ccols, ccols, count);
	pager_render_attr(PAGER_ATTR_NORMAL);
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
	size_t n, total;
	char iso[11], *sec = NULL, *name, *msg = NULL, found[64];
	int keep_name = 1, keep_right = 1;

	pager_render_attr(PAGER_ATTR_NORMAL);
	pager_render_move(y, 0);
	if (pager_search_status(pg, v->d, found, sizeof found))
		pager_strbuf_add(&right, "  %s", found);
	if (!v->d->complete)
		pager_strbuf_add(&right, "%s", v->load_paused ? _("  reading paused") : _("  reading"));
	if (pg->lib->nindexed < pg->lib->nentries)
		pager_strbuf_add(&right, _("  indexing %zu/%zu"), pg->lib->nindexed,
		    pg->lib->nentries);
	if (pager_screen_has(pg, PAGER_SCREEN_HELP))
		pager_strbuf_add(&right, _("  %d%%  q:back "), pager_draw_percent(pg, v));
	else
		pager_strbuf_add(&right, _("  %d%%  h:help "), pager_draw_percent(pg, v));
	rw = layout_width(right.buf, right.len);
	if (rw > cols) {
		rw = 0;
		right.len = 0;
	}
	room = cols - rw;

	/* The name (the help's title or the file), and a message: the name and then the right
	 * part make way for a message too long to stand beside them (pager-msg.c). */
	if (pager_screen_has(pg, PAGER_SCREEN_HELP))
		name = xstrdup(_("kiroku help"));
	else {
		namecols = room - 1 < PAGER_NAME_MAX_COLS ? room - 1 : PAGER_NAME_MAX_COLS;
		name = layout_text_visible(d->name, strlen(d->name), namecols > 0 ? namecols : 0,
		    &w);
	}
	if (pg->msg != NULL) {
		msg = pager_message_fit(pg, cols, layout_width(name, strlen(name)), rw,
		    &keep_name, &keep_right, &w);
		if (!keep_right) {
			rw = 0;
			right.len = 0;
			room = cols;
		}
	}
	pager_render_spaces(1);
	x = 1;
	if (msg == NULL || keep_name) {
		if (!pager_screen_has(pg, PAGER_SCREEN_HELP))
			pager_render_attr(PAGER_ATTR_BOLD);
		x += pager_render_text(y, x, room - x, name);
		pager_render_attr(PAGER_ATTR_NORMAL);
	}
	free(name);
	if (msg != NULL) {
		if (keep_name) {
			pager_render_move(y, x);
			pager_render_spaces(2);
			x += 2;
		}
		pager_render_attr(PAGER_ATTR_BOLD);
		x += pager_render_text(y, x, room - x, msg);
		pager_render_attr(PAGER_ATTR_NORMAL);
		free(msg);
	} else if (!pager_screen_has(pg, PAGER_SCREEN_HELP) && cursec >= 0 && room - x > 2) {
		sec = pager_outline_label(d, (size_t)cursec, PAGER_SECTION_MAX_COLS, &w);
		pager_render_move(y, x);
		pager_render_spaces(2);
		x += 2;
		secx = x;
		x += pager_render_text(y, x, room - x, sec);
		free(sec);
		secw = PAGER_SECTION_MAX_COLS;
		if (pager_view_section_top(v, cursec, &n, &total) == 0) {
			char num[48];

			snprintf(num, sizeof num, d->complete ? " (%zu/%zu)" : " (%zu/%zu…)", n,
			    total);
			x += pager_render_text(y, x, room - x, num);
			snprintf(num, sizeof num, " (%zu/%zu)", total, total);
			secw += layout_width(num, strlen(num));
		}
		/* The section padded to its widest, so the date after it keeps its column
		 * and a line down that enters a section rewrites only the label. */
		if (d->date.year != 0 && x < secx + secw && room - (secx + secw) > 12) {
			pager_render_move(y, x);
			pager_render_spaces(secx + secw - x);
			x = secx + secw;
		}
	}
	if (!pager_screen_has(pg, PAGER_SCREEN_HELP) && pg->msg == NULL && d->date.year != 0 && room - x > 12) {
		doc_date_iso(&d->date, iso);
		pager_render_move(y, x);
		pager_render_spaces(2);
		x += 2;
		x += pager_render_text(y, x, room - x, iso);
	}
	pager_render_move(y, x);
	pager_render_spaces(room - x);
	if (right.len > 0)
		pager_render_text(y, room, rw, right.buf);
	pager_render_attr(PAGER_ATTR_NORMAL);
}

/* Draw the notice of a terminal too small for anything, on its first row. */
void
pager_draw_notice(struct pager *pg)
{
	int n = pg->g.cols;

	pager_render_erase();
	if (pg->g.rows <= 1)
		n--;	/* never the bottom-right cell: some terminals would scroll */
	if (n > 0) {
		pager_render_attr(PAGER_ATTR_NORMAL);
		pager_render_move(0, 0);
		pager_render_text(0, 0, n, _(pager_notice_text));
	}
}

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
pager_draw_scroll_body(struct pager *pg, struct pager_view *v, int full)
{
	struct pager_geom *g = &pg->g;
	long delta;
	int r, src;

	if (!pg->drawn.valid || full || g->notice || g->outline_cols == 0 ||
	    v->lo == NULL || pg->drawn.v != v || pg->drawn.lo != v->lo ||
	    pg->drawn.gen != v->lo->gen ||
	    pg->drawn.rows != g->rows || pg->drawn.cols != g->cols ||
	    pg->drawn.outline_cols != g->outline_cols)
		return;
	delta = (long)(v->lo->first_line + (long long)v->top - pg->drawn.top);
	if (delta == 0 || delta > g->body_rows / 2 || -delta > g->body_rows / 2)
		return;
	for (r = 0; r < g->body_rows; r++) {
		/* Body row r as the terminal has it after the scroll: the old outline row
		 * r + delta, blank where the scroll brought in a new row. */
		src = r + (int)delta;
		if (src >= 0 && src < g->body_rows)
			pager_draw_outline_row(pg, g->body_y + r, src, pg->drawn.cursec,
			    pg->drawn.outline_top);
		else {
			pager_render_move(g->body_y + r, 0);
			pager_render_spaces(g->outline_cols);
		}
		pager_render_vline(g->body_y + r, g->outline_cols);
		pager_draw_text_row(pg, v, g->body_y + r, v->top + (size_t)r);
	}
	pager_render_flush(0);
}

/* Draw the screen of a record or of the help: the tab strip, the outline and text panes and
 * the status line; full: the terminal is to be painted again (Ctrl-L). */
void
pager_draw_reader(struct pager *pg, int full)
{
	struct pager_view *v = pager_view_current(pg);
	int r, cursec;

	pager_draw_scroll_body(pg, v, full);
	cursec = pager_screen_has(pg, PAGER_SCREEN_HELP) ? PAGER_NO_SECTION :
	    pager_view_section(v);
	if (pg->g.tabs_row >= 0)
		pager_draw_tabs(pg);
	for (r = 0; r < pg->g.body_rows; r++) {
		if (pg->g.outline_cols > 0) {
			pager_draw_outline_row(pg, pg->g.body_y + r, r, cursec, pg->outline_top);
			pager_render_vline(pg->g.body_y + r, pg->g.outline_cols);
		}
		pager_draw_text_row(pg, v, pg->g.body_y + r, v->top + (size_t)r);
	}
	if (pg->g.status_row >= 0)
		pager_draw_status(pg, cursec);
	pg->drawn.valid = 1;
	pg->drawn.v = v;
	pg->drawn.lo = v->lo;
	pg->drawn.gen = v->lo != NULL ? v->lo->gen : 0;
	pg->drawn.top = v->lo != NULL ? v->lo->first_line + (long long)v->top : 0;
	pg->drawn.rows = pg->g.rows;
	pg->drawn.cols = pg->g.cols;
	pg->drawn.outline_cols = pg->g.outline_cols;
	pg->drawn.outline_top = pg->outline_top;
	pg->drawn.cursec = cursec;
}
