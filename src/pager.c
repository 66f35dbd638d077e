/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager.c: the pager's state and its input loop: reading positions kept as byte offsets,
 * movement, sections, the outline focus, marks, count prefixes, help and the mouse.
 * Draws through pager-draw.c and talks to the terminal only through pager-term.c. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcurses.h"
#include "doc.h"
#include "input.h"
#include "layout.h"
#include "pager.h"
#include "xmalloc.h"

#define PAGER_CTRL(c)		((c) & 0x1f)
#define PAGER_WHEEL_LINES	3	/* lines one turn of the mouse wheel scrolls */
#define PAGER_COUNT_MAX		100000000L
/* A record's layout is a window of visual lines around the top row (layout.h): at least
 * this many lines beyond the screen are kept on each side when it is trimmed, and it is
 * trimmed when it holds more than PAGER_WINDOW_MAX lines beyond them. */
#define PAGER_WINDOW_MARGIN	256
#define PAGER_WINDOW_MAX	4096

static void	pager_pos_go(struct pager *, struct pager_view *, struct pager_pos);

/* Return the view being shown: the help screen or the current record; NULL on the index. */
struct pager_view *
pager_view_current(struct pager *pg)
{
	if (pg->in_help)
		return &pg->help;
	if (pg->screen != PAGER_SCREEN_TEXT)
		return NULL;
	return pg->views[pg->cur];
}

/* Return the doc being shown (the help record on the help screen), NULL on the index. */
const struct doc *
pager_doc_current(struct pager *pg)
{
	struct pager_view *v = pager_view_current(pg);

	return v != NULL ? v->d : NULL;
}

/* Return the reading position of v: the offset of its top visual line. */
static struct pager_pos
pager_pos_get(const struct pager_view *v)
{
	struct pager_pos pos = { 0, 0 };
	const struct layout_line *ll;

	if (v->lo == NULL || v->lo->nlines == 0)
		return pos;
	ll = &v->lo->lines[v->top < v->lo->nlines ? v->top : v->lo->nlines - 1];
	pos.off = ll->off;
	pos.blank = (ll->kind == LAYOUT_LINE_BLANK);
	return pos;
}

/* Return the rows of the text pane (at least 1). */
static size_t
pager_rows(struct pager *pg)
{
	return pg->g.body_rows > 0 ? (size_t)pg->g.body_rows : 1;
}

/* Return the index of the visual line that shows pos in v's layout, moving the window to
 * it first if it is elsewhere (the index is then one of the new window). */
static size_t
pager_pos_line(struct pager *pg, struct pager_view *v, struct pager_pos pos)
{
	size_t i;

	if (v->lo == NULL)
		return 0;
	if (!layout_window_has_off(v->lo, pos.off)) {
		layout_window_reset(v->lo, doc_block_at_off(v->d, pos.off));
		if (layout_window_at_end(v->lo))
			layout_window_up(v->lo, pager_rows(pg));
	}
	layout_window_down(v->lo, pager_rows(pg));
	if (v->lo->nlines == 0)
		return 0;
	i = layout_find_off(v->lo, pos.off);
	if (i >= v->lo->nlines)
		i = v->lo->nlines - 1;
	if (pos.blank) {
		/* A blank line shares its offset with a neighbour: prefer the blank one. */
		while (i > 0 && v->lo->lines[i].kind != LAYOUT_LINE_BLANK &&
		    v->lo->lines[i - 1].kind == LAYOUT_LINE_BLANK &&
		    v->lo->lines[i - 1].off == pos.off)
			i--;
		if (v->lo->lines[i].kind != LAYOUT_LINE_BLANK && i + 1 < v->lo->nlines &&
		    v->lo->lines[i + 1].kind == LAYOUT_LINE_BLANK &&
		    v->lo->lines[i + 1].off == pos.off)
			i++;
	} else {
		while (i + 1 < v->lo->nlines && v->lo->lines[i].kind == LAYOUT_LINE_BLANK &&
		    v->lo->lines[i + 1].off == pos.off)
			i++;
	}
	return i;
}

/* Lay v out for a text pane cols wide if it is not already, keeping the line that was on
 * top on top. */
void
pager_view_layout(struct pager *pg, struct pager_view *v, int cols)
{
	struct layout_opts o;
	struct pager_pos pos;

	if (cols < 1)
		cols = 1;
	if (v->lo != NULL && v->lo_cols == cols && v->lo->opts.furniture == pg->furniture)
		return;
	pos = v->anchor;	/* also a position restored before the first layout */
	if (v->lo != NULL)
		layout_free(v->lo);
	memset(&o, 0, sizeof o);
	o.cols = cols;
	o.kinsoku = pg->po->kinsoku;
	o.hang = pg->po->hang;
	o.furniture = pg->furniture;
	v->lo = layout_window_create(v->d, &o);
	v->lo_cols = cols;
	v->top = pager_pos_line(pg, v, pos);
	v->anchor = pos;
}

/* Keep v's window what the screen needs: laid out from the top row to a screenful below
 * it, trimmed to about PAGER_WINDOW_MARGIN lines on each side when it grew large. */
static void
pager_window_fill(struct pager *pg, struct pager_view *v)
{
	struct layout *lo = v->lo;
	size_t rows = pager_rows(pg), from;

	if (lo == NULL)
		return;
	if (lo->nlines < v->top + rows + 1)
		layout_window_down(lo, v->top + rows + 1 - lo->nlines);
	if (lo->nlines <= 2 * PAGER_WINDOW_MARGIN + PAGER_WINDOW_MAX + rows)
		return;
	from = v->top > PAGER_WINDOW_MARGIN ? v->top - PAGER_WINDOW_MARGIN : 0;
	v->top -= layout_window_trim(lo, from, v->top + rows + PAGER_WINDOW_MARGIN);
}

/* Put the line showing pos on v's top row, moving the window if needed; nothing else
 * (the reading position, the last jump) changes. */
void
pager_view_show(struct pager *pg, struct pager_view *v, struct pager_pos pos)
{
	v->top = pager_pos_line(pg, v, pos);
	pager_window_fill(pg, v);
}

/* Where the record ends and the window reaches it, move v's top row up so that the pane
 * is full (G, %, a reload that shortened the record); a top row above that stays. */
void
pager_view_clamp_end(struct pager *pg, struct pager_view *v)
{
	struct layout *lo = v->lo;
	size_t rows = pager_rows(pg);

	if (lo == NULL)
		return;
	pager_window_fill(pg, v);
	if (!layout_window_at_end(lo) || lo->nlines - v->top >= rows)
		return;
	v->top += layout_window_up(lo, rows - (lo->nlines - v->top));
	if (lo->nlines > rows && v->top > lo->nlines - rows)
		v->top = lo->nlines - rows;
	else if (lo->nlines <= rows)
		v->top = 0;
}

/* Return the outline entry being read in v: that of the first text line at or below the
 * top row (a blank top row belongs to what follows), or PAGER_NO_SECTION. */
int
pager_view_section(const struct pager_view *v)
{
	const struct layout *lo = v->lo;
	size_t i;

	if (lo == NULL)
		return PAGER_NO_SECTION;
	for (i = v->top; i < lo->nlines; i++) {
		if (lo->lines[i].block != LAYOUT_NO_BLOCK)
			return v->d->blocks[lo->lines[i].block].section;
	}
	for (i = v->top < lo->nlines ? v->top : lo->nlines; i-- > 0;) {
		if (lo->lines[i].block != LAYOUT_NO_BLOCK)
			return v->d->blocks[lo->lines[i].block].section;
	}
	return PAGER_NO_SECTION;
}

/* The top-level outline entries of the last record asked about, so that the status line
 * does not count a huge outline on every draw (it grows while a record loads). */
static struct {
	const struct doc *d;
	size_t		 len;		/* d->text.len when started */
	unsigned	 changes;	/* d->outline_changes when started */
	size_t		 scanned;	/* entries looked at */
	uint32_t	*tops;		/* indexes of the top-level entries among them */
	size_t		 ntops;
	size_t		 alloc;
} pager_tops;

/* Forget the top-level entries kept for d (it is freed or reloaded). */
void
pager_section_forget(const struct doc *d)
{
	if (d == NULL || pager_tops.d == d) {
		free(pager_tops.tops);
		memset(&pager_tops, 0, sizeof pager_tops);
	}
}

/* Find the top-level entry that contains section: *n its number from 1 among the top-level
 * entries, *total their count.  Returns 0, or -1 if section is none. */
int
pager_section_top(const struct doc *d, int section, size_t *n, size_t *total)
{
	size_t lo, hi, mid;
	int s = section;

	if (s < 0 || (size_t)s >= d->nsections)
		return -1;
	while (d->sections[s].parent >= 0 && (size_t)d->sections[s].parent < d->nsections)
		s = d->sections[s].parent;
	if (pager_tops.d != d || pager_tops.changes != d->outline_changes ||
	    pager_tops.scanned > d->nsections || pager_tops.len > d->text.len) {
		pager_section_forget(NULL);
		pager_tops.d = d;
		pager_tops.changes = d->outline_changes;
	}
	pager_tops.len = d->text.len;
	for (; pager_tops.scanned < d->nsections; pager_tops.scanned++) {
		if (d->sections[pager_tops.scanned].parent >= 0)
			continue;
		if (pager_tops.ntops == pager_tops.alloc) {
			pager_tops.alloc = pager_tops.alloc == 0 ? 64 : pager_tops.alloc * 2;
			pager_tops.tops = xreallocarray(pager_tops.tops, pager_tops.alloc,
			    sizeof *pager_tops.tops);
		}
		pager_tops.tops[pager_tops.ntops++] = (uint32_t)pager_tops.scanned;
	}
	/* The number of top-level entries at or before s. */
	lo = 0;
	hi = pager_tops.ntops;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pager_tops.tops[mid] <= (size_t)s)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n = lo;
	*total = pager_tops.ntops;
	return 0;
}

/* Show a message in the status line until the next key. */
void
pager_message(struct pager *pg, const char *fmt, ...)
{
	va_list ap;

	free(pg->msg);
	va_start(ap, fmt);
	pg->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Bring curses and the geometry up to the terminal's size and lay the current view out
 * for the text pane's width; cheap when nothing changed. */
static void
pager_sync(struct pager *pg)
{
	int rows, cols;

	struct pager_view *v;

	pager_term_size_sync();
	getmaxyx(stdscr, rows, cols);
	pager_geom_compute(pg, rows, cols);
	if ((v = pager_view_current(pg)) != NULL) {
		pager_view_layout(pg, v, pg->g.notice ? 1 : pg->g.text_cols);
		pager_window_fill(pg, v);
	}
}

/* Put the visual line holding byte offset off on top of v and make it the reading
 * position (opening a record at a match found from the index). */
void
pager_view_top_off(struct pager *pg, struct pager_view *v, size_t off)
{
	struct pager_pos pos = { off, 0 };

	v->restore_wait = 0;
	if (v->lo == NULL) {
		v->anchor = pos;	/* the first layout puts it on top */
		return;
	}
	pager_pos_go(pg, v, pos);
	v->anchor = pager_pos_get(v);
}

/* Scroll v down n lines, never past the end (a jump may already have gone further):
 * the window is laid out ahead in steps and trimmed behind, so a count of a million lines
 * costs their layout but not their memory. */
static void
pager_down(struct pager *pg, struct pager_view *v, size_t n)
{
	struct layout *lo = v->lo;
	size_t rows = pager_rows(pg), step, max, want;

	if (lo == NULL)
		return;
	while (n > 0) {
		step = n > PAGER_WINDOW_MAX ? PAGER_WINDOW_MAX : n;
		want = v->top + step + rows;
		if (want > lo->nlines)
			layout_window_down(lo, want - lo->nlines);
		max = lo->nlines > rows ? lo->nlines - rows : 0;
		if (v->top >= max)
			return;
		v->top = step > max - v->top ? max : v->top + step;
		n -= step;
		pager_window_fill(pg, v);
	}
}

/* Scroll v up n lines, laying out blocks above the window as needed. */
static void
pager_up(struct pager *pg, struct pager_view *v, size_t n)
{
	struct layout *lo = v->lo;
	size_t rows = pager_rows(pg), add, target;

	if (lo == NULL)
		return;
	while (n > v->top && lo->first_block > 0) {
		add = n - v->top;
		add = add > PAGER_WINDOW_MAX ? PAGER_WINDOW_MAX : add;
		v->top += layout_window_up(lo, add);
		/* Only what lies around the target row needs keeping. */
		target = v->top >= n ? v->top - n : 0;
		if (lo->nlines > target + rows + PAGER_WINDOW_MAX + 2 * PAGER_WINDOW_MARGIN)
			layout_window_trim(lo, 0, target + rows + PAGER_WINDOW_MARGIN);
	}
	v->top = n > v->top ? 0 : v->top - n;
	pager_window_fill(pg, v);
}

/* Go to the first line of v (line n of it with a count, as g does). */
static void
pager_go_start(struct pager *pg, struct pager_view *v, size_t n)
{
	if (v->lo == NULL)
		return;
	if (v->lo->first_block != 0 || v->lo->nlines == 0)
		layout_window_reset(v->lo, 0);
	v->top = 0;
	pager_window_fill(pg, v);
	if (n > 1)
		pager_down(pg, v, n - 1);
}

/* Put the last screenful of v (as far as it is loaded) on the screen. */
static void
pager_view_end(struct pager *pg, struct pager_view *v)
{
	if (!layout_window_at_end(v->lo)) {
		layout_window_reset(v->lo, v->d->nblocks);
		v->top = 0;
	}
	v->top = v->lo->nlines;
	pager_view_clamp_end(pg, v);
}

/* Go to the end of v: its last screenful.  A record still loading is not waited for:
 * the view goes to the end loaded so far and follows it as it grows (pager-load.c) until
 * the load is done or a key is pressed, so keys are never held up. */
static void
pager_go_end(struct pager *pg, struct pager_view *v)
{
	if (v->lo == NULL)
		return;
	v->follow_end = !v->d->complete;
	pager_view_end(pg, v);
}

/* The record of v grew while G follows its end: show the new end, as the reading
 * position. */
void
pager_view_follow_end(struct pager *pg, struct pager_view *v)
{
	if (v->lo == NULL)
		return;
	pager_view_end(pg, v);
	v->anchor = pager_pos_get(v);
	if (v->d->complete)
		v->follow_end = 0;
}

/* Remember where a jump starts, for ''. */
static void
pager_jump_start(struct pager_view *v)
{
	v->prev = pager_pos_get(v);
	v->prev_set = 1;
}

/* Return a number that orders positions in v's text: twice the byte offset, plus one
 * unless it is a blank line (which comes before the line with its offset). */
static unsigned long long
pager_pos_order(struct pager_pos pos)
{
	return (unsigned long long)pos.off * 2 + (pos.blank ? 0 : 1);
}

/* Return the order (pager_pos_order()) of the heading of outline entry s. */
static unsigned long long
pager_section_order(const struct pager_view *v, int s)
{
	struct pager_pos pos = { v->d->blocks[v->d->sections[s].block].off, 0 };

	return pager_pos_order(pos);
}

/* Jump to outline entry s: its heading on the top row. */
static void
pager_section_go(struct pager *pg, struct pager_view *v, int s)
{
	struct pager_pos pos = { 0, 0 };

	if (v->lo == NULL || s < 0 || (size_t)s >= v->d->nsections)
		return;
	pager_jump_start(v);
	pos.off = v->d->blocks[v->d->sections[s].block].off;
	pager_view_show(pg, v, pos);
}

/* Move n outline entries forward (n > 0) or back (n < 0) from the top row; ] and [.
 * Returns 0, or -1 if there is no entry that way. */
static int
pager_section_step(struct pager *pg, struct pager_view *v, long n)
{
	const struct doc *d = v->d;
	unsigned long long top = pager_pos_order(pager_pos_get(v));
	int s = -1, i;

	if (v->lo == NULL || d->nsections == 0)
		return -1;
	if (n > 0) {
		for (i = 0; i < (int)d->nsections; i++) {
			if (pager_section_order(v, i) > top) {
				s = i;
				break;
			}
		}
		if (s < 0)
			return -1;
		s += (int)(n - 1 < (long)d->nsections ? n - 1 : (long)d->nsections);
		if (s >= (int)d->nsections)
			s = (int)d->nsections - 1;
	} else {
		for (i = (int)d->nsections - 1; i >= 0; i--) {
			if (pager_section_order(v, i) < top) {
				s = i;
				break;
			}
		}
		if (s < 0)
			return -1;
		s -= (int)(-n - 1 < (long)d->nsections ? -n - 1 : (long)d->nsections);
		if (s < 0)
			s = 0;
	}
	pager_section_go(pg, v, s);
	return 0;
}

/* Go to position pos in v, remembering where we were. */
static void
pager_pos_go(struct pager *pg, struct pager_view *v, struct pager_pos pos)
{
	struct pager_pos here = pager_pos_get(v);

	pager_view_show(pg, v, pos);
	v->prev = here;
	v->prev_set = 1;
}

/* Handle the letter after m or ': set or go to a mark; '' returns to the last jump. */
static void
pager_mark_key(struct pager *pg, struct pager_view *v, int pending, int key)
{
	int n;

	if (pending == 'm') {
		if (key < 'a' || key > 'z') {
			pager_message(pg, "marks are a to z");
			return;
		}
		n = key - 'a';
		v->marks[n] = pager_pos_get(v);
		v->marks_set |= 1U << n;
		pager_message(pg, "mark %c set", key);
		return;
	}
	if (key == '\'') {
		if (!v->prev_set) {
			pager_message(pg, "no previous position");
			return;
		}
		pager_pos_go(pg, v, v->prev);
		return;
	}
	if (key < 'a' || key > 'z' || !(v->marks_set & (1U << (key - 'a')))) {
		pager_message(pg, "mark not set");
		return;
	}
	pager_pos_go(pg, v, v->marks[key - 'a']);
}

/* Open or leave the help screen. */
static void
pager_help_toggle(struct pager *pg)
{
	if (pg->in_help) {
		pg->in_help = 0;
		return;
	}
	if (pg->help.d == NULL) {
		pg->help.d = pager_help_create();
		pg->help.lo = NULL;
	}
	pg->help.top = 0;
	memset(&pg->help.anchor, 0, sizeof pg->help.anchor);
	pg->in_help = 1;
	pg->focus = PAGER_FOCUS_TEXT;
}

/* Handle a mouse report: the wheel scrolls, a click picks a tab or an outline entry. */
static void
pager_mouse(struct pager *pg, struct pager_view *v)
{
	MEVENT ev;
	int r, e;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		pager_up(pg, v, PAGER_WHEEL_LINES);
		return;
	}
	if (ev.bstate & BUTTON5_PRESSED) {
		pager_down(pg, v, PAGER_WHEEL_LINES);
		return;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (ev.y == pg->g.tabs_row && !pg->in_help) {
		if ((r = pager_tabs_hit(pg, ev.x)) >= 0)
			pager_index_show(pg, (enum doc_region)r);
		return;
	}
	if (!pg->in_help && ev.x < pg->g.outline_cols &&
	    (e = pager_outline_row_entry(pg, ev.y)) >= 0) {
		pg->outline_sel = e;
		pager_section_go(pg, v, e);
	}
}

/* Handle a key while the outline has focus; returns 1 if it was an outline key. */
static int
pager_outline_key(struct pager *pg, struct pager_view *v, int key, int is_key, long n)
{
	int last = (int)v->d->nsections - 1;

	if ((!is_key && key == 'j') || (is_key && key == KEY_DOWN)) {
		pg->outline_sel = pg->outline_sel + n > last ? last : pg->outline_sel + (int)n;
		return 1;
	}
	if ((!is_key && key == 'k') || (is_key && key == KEY_UP)) {
		pg->outline_sel = pg->outline_sel - n < 0 ? 0 : pg->outline_sel - (int)n;
		return 1;
	}
	if ((!is_key && (key == 'g' || key == '<')) || (is_key && key == KEY_HOME)) {
		pg->outline_sel = 0;
		return 1;
	}
	if ((!is_key && (key == 'G' || key == '>')) || (is_key && key == KEY_END)) {
		pg->outline_sel = last;
		return 1;
	}
	if ((!is_key && (key == '\r' || key == '\n' || key == ' ')) ||
	    (is_key && key == KEY_ENTER)) {
		pager_section_go(pg, v, pg->outline_sel);
		pg->focus = PAGER_FOCUS_TEXT;
		return 1;
	}
	if (!is_key && (key == 'q' || key == 0x1b)) {
		pg->focus = PAGER_FOCUS_TEXT;
		return 1;
	}
	return 0;
}

/* Handle one key; the count typed before it is pg->count. */
static void
pager_key(struct pager *pg, int key, int is_key)
{
	struct pager_view *v = pager_view_current(pg);
	size_t rows = pager_rows(pg), half;
	long n = pg->count > 0 ? pg->count : 1;
	int pending = pg->pending, counted = pg->count > 0, cursec;

	if (is_key && key == KEY_RESIZE)
		return;		/* pager_sync already follows the new size */
	if (v == NULL) {
		/* The index: its own keys, but for the help and a redraw. */
		if ((!is_key && key == 'h') || (is_key && key == KEY_F(1))) {
			free(pg->msg);
			pg->msg = NULL;
			pager_help_toggle(pg);
		} else if (!is_key && key == PAGER_CTRL('l'))
			pg->redraw = 1;
		else
			pager_index_key(pg, key, is_key);
		return;
	}
	if (pager_search_key(pg, key, is_key))
		return;		/* the search prompt is open */
	v->follow_end = 0;	/* any key stops G following the end; G sets it again */
	if (is_key && key == KEY_MOUSE) {
		pager_mouse(pg, v);
		return;
	}
	free(pg->msg);
	pg->msg = NULL;
	if (pending != 0) {
		pg->pending = 0;
		pg->count = 0;
		if (pending == ':') {
			if (!is_key && (key == 'n' || key == 'p') && !pg->in_help)
				pager_index_record_step(pg, key == 'n' ? 1 : -1);
			else if (!is_key && key != 0x1b)
				pager_message(pg, ":n next record, :p previous record");
		} else if (!is_key && key != 0x1b)
			pager_mark_key(pg, v, pending, key);
		return;
	}
	if (!is_key && key >= '0' && key <= '9' && (key != '0' || pg->count > 0)) {
		if (pg->count < PAGER_COUNT_MAX)
			pg->count = pg->count * 10 + (key - '0');
		return;
	}
	pg->count = 0;

	if (pg->focus == PAGER_FOCUS_OUTLINE && !pg->in_help &&
	    pager_outline_key(pg, v, key, is_key, n))
		return;

	half = pg->half_rows > 0 ? (size_t)pg->half_rows : (rows + 1) / 2;
	if (is_key) {
		switch (key) {
		case KEY_DOWN:
		case KEY_ENTER:
			pager_down(pg, v, (size_t)n);
			break;
		case KEY_UP:
			pager_up(pg, v, (size_t)n);
			break;
		case KEY_NPAGE:
			pager_down(pg, v, (size_t)n * rows);
			break;
		case KEY_PPAGE:
			pager_up(pg, v, (size_t)n * rows);
			break;
		case KEY_HOME:
			pager_jump_start(v);
			pager_go_start(pg, v, 1);
			break;
		case KEY_END:
			pager_jump_start(v);
			pager_go_end(pg, v);
			break;
		case KEY_F(1):
			pager_help_toggle(pg);
			break;
		}
		return;
	}
	switch (key) {
	case 'j':
	case '\r':
	case '\n':
	case PAGER_CTRL('n'):
	case PAGER_CTRL('e'):
		pager_down(pg, v, (size_t)n);
		break;
	case 'k':
	case 'y':
	case PAGER_CTRL('p'):
	case PAGER_CTRL('y'):
		pager_up(pg, v, (size_t)n);
		break;
	case ' ':
	case 'f':
	case PAGER_CTRL('f'):
	case PAGER_CTRL('v'):
		pager_down(pg, v, counted ? (size_t)n : rows);
		break;
	case 'b':
	case PAGER_CTRL('b'):
		pager_up(pg, v, counted ? (size_t)n : rows);
		break;
	case 'd':
	case PAGER_CTRL('d'):
		if (counted)
			pg->half_rows = n;
		pager_down(pg, v, pg->half_rows > 0 ? (size_t)pg->half_rows : half);
		break;
	case 'u':
	case PAGER_CTRL('u'):
		if (counted)
			pg->half_rows = n;
		pager_up(pg, v, pg->half_rows > 0 ? (size_t)pg->half_rows : half);
		break;
	case 'g':
	case '<':
		pager_jump_start(v);
		pager_go_start(pg, v, (size_t)n);
		break;
	case 'G':
	case '>':
		pager_jump_start(v);
		if (counted)
			pager_go_start(pg, v, (size_t)n);
		else
			pager_go_end(pg, v);
		break;
	case 'p':
	case '%':
		/* As less: a percentage of the bytes, so no layout of what comes before. */
		pager_jump_start(v);
		pager_load_finish(pg, v);
		if (v->lo != NULL) {
			struct pager_pos pos = { 0, 0 };

			pos.off = (size_t)((double)v->d->text.len *
			    (double)(n > 100 ? 100 : (counted ? n : 0)) / 100.0);
			pager_view_show(pg, v, pos);
			pager_view_clamp_end(pg, v);
		}
		break;
	case ']':
		if (pager_section_step(pg, v, n) != 0)
			pager_message(pg, "no next section");
		break;
	case '[':
		if (pager_section_step(pg, v, -n) != 0)
			pager_message(pg, "no previous section");
		break;
	case '\t':
		if (pg->in_help)
			break;
		if (pg->focus == PAGER_FOCUS_OUTLINE) {
			pg->focus = PAGER_FOCUS_TEXT;
			break;
		}
		if (!pg->outline_on || pg->g.outline_cols == 0) {
			pg->outline_on = 1;
			pager_sync(pg);
			if (pg->g.outline_cols == 0) {
				pager_message(pg, v->d->nsections == 0 ?
				    "this record has no sections" : "no room for the outline");
				break;
			}
		}
		pg->focus = PAGER_FOCUS_OUTLINE;
		cursec = pager_view_section(v);
		pg->outline_sel = cursec >= 0 ? cursec : 0;
		break;
	case 'c':
		/* page furniture (menus, captions, galleries) in place, dimmed, or hidden */
		if (pg->in_help)
			break;
		pg->furniture = !pg->furniture;
		pager_message(pg, pg->furniture ? "page furniture shown (%zu lines)" :
		    "page furniture hidden (%zu lines)", v->d->nmenus + v->d->ncaptions);
		break;
	case 'o':
		if (pg->in_help)
			break;
		pg->outline_on = !pg->outline_on;
		if (!pg->outline_on)
			pg->focus = PAGER_FOCUS_TEXT;
		break;
	case 'm':
	case '\'':
	case ':':
		pg->pending = key;
		break;
	case 'i':
		if (!pg->in_help)
			pager_index_show(pg, pg->region);
		break;
	case 't':
	case 'T':
		if (!pg->in_help)
			pager_index_tab_step(pg, key == 't' ? 1 : -1, 1);
		break;
	case 'h':
		pager_help_toggle(pg);
		break;
	case '/':
	case '?':
		pager_search_open(pg, key);
		break;
	case 'n':
	case 'N':
		pager_search_repeat(pg, key == 'N', n);
		break;
	case PAGER_CTRL('l'):
		pg->redraw = 1;
		break;
	case 'R':
		pager_reload(pg);
		break;
	case 'q':
	case 'Q':
		if (pg->in_help)
			pg->in_help = 0;
		else
			pg->quit = 1;
		break;
	case 0x1b:
		if (pg->in_help)
			pg->in_help = 0;
		else
			pager_search_hide(pg);
		break;
	}
}

/* Free everything the pager made, the records it loaded too (not the library). */
static void
pager_free(struct pager *pg)
{
	struct pager_view *v;
	size_t i;

	for (i = 0; i < pg->lib->nentries; i++) {
		if ((v = pg->views[i]) == NULL)
			continue;
		if (v->lo != NULL)
			layout_free(v->lo);
		if (v->d != NULL) {
			pager_section_forget(v->d);
			doc_free(v->d);
		}
		free(v->fingerprint);
		free(v);
	}
	free(pg->views);
	pager_index_free(pg->index);
	pager_state_free(pg);
	if (pg->help.lo != NULL)
		layout_free(pg->help.lo);
	if (pg->help.d != NULL)
		doc_free(pg->help.d);
	free(pg->msg);
	pager_search_free(pg->search);
}

/* Start the screen: a lone record in the reader, else the index of the region of the
 * newest record indexed (the first record's if none is dated), the heads indexed for at
 * most PAGER_INDEX_FIRST_MS first. */
static void
pager_start_screen(struct pager *pg)
{
	struct library *lib = pg->lib;
	const struct library_entry *e, *newest = NULL;
	size_t i;

	if (lib->nentries == 1 && pager_record_open(pg, 0, (size_t)-1) == 0)
		return;
	pager_index_work(pg);
	pg->region = lib->entries[0].region;
	if (lib->entries[0].error != NULL)
		pg->region = DOC_REGION_NONE;
	for (i = 0; i < lib->nentries; i++) {
		e = &lib->entries[i];
		if (e->error != NULL || e->date.year == 0 || e->region == DOC_REGION_NONE)
			continue;
		if (newest == NULL || strcmp(e->iso, newest->iso) > 0)
			newest = e;
	}
	if (newest != NULL)
		pg->region = newest->region;
	pg->screen = PAGER_SCREEN_INDEX;
}

/* Page through the records of lib until q; returns the exit status.  docs, if not NULL,
 * holds lib->nentries docs already loaded or NULL (standard input, a lone record): the
 * pager takes them over and frees them.  A lone record opens in the reader, several in
 * the index.  The positions are saved on leaving a record and on quitting.  On SIGHUP,
 * SIGTERM or SIGINT it saves them, restores the terminal and the process dies of that
 * signal. */
int
pager_run(struct library *lib, struct doc **docs, const struct pager_opts *po)
{
	struct pager pg;
	struct pager_view *v;
	struct pager_pos before = { 0, 0 }, after;
	size_t i;
	int key, is_key, got, w, sig, busy;
	const char *bench;

	if (lib->nentries == 0)
		return 1;
	memset(&pg, 0, sizeof pg);
	pg.lib = lib;
	pg.po = po;
	pg.outline_on = 1;
	pg.furniture = po->furniture;
	pg.focus = PAGER_FOCUS_TEXT;
	pg.views = xcalloc(lib->nentries, sizeof *pg.views);
	pg.search = pager_search_create();
	pg.index = pager_index_create();
	for (i = 0; docs != NULL && i < lib->nentries; i++) {
		if (docs[i] == NULL)
			continue;
		pg.views[i] = xcalloc(1, sizeof *pg.views[i]);
		pg.views[i]->d = docs[i];
	}
	input_map_catch();	/* a mapped file cut short by someone else: NULs, not death */
	pg.locale_notice = pager_locale_setup();
	if (pg.locale_notice != NULL)
		pager_message(&pg, "%s", pg.locale_notice);
	pager_state_start(&pg);
	pager_start_screen(&pg);
	/* A benchmark hook (bench/bench-open.sh): leave after the first screen is drawn. */
	bench = getenv("KIROKU_BENCH_EXIT_AFTER_FIRST_DRAW");

	if (pager_term_start(&pg) != 0) {
		pager_free(&pg);
		return 1;
	}
	/* Records load in a thread of their own (pager-load.c): everything here runs with
	 * the lock, given up only while waiting for a key. */
	pager_load_lock();
	for (;;) {
		pager_load_update(&pg);
		pager_sync(&pg);
		if (pager_view_current(&pg) != NULL)
			pager_search_update(&pg);
		pager_reload_check(&pg);
		pager_draw(&pg);
		if (pager_reload_check(&pg))	/* the draw met a file cut short */
			pager_draw(&pg);
		if (bench != NULL && strcmp(bench, "1") == 0)
			break;
		/* Heads still to index: some whenever no key is waiting; the loader's
		 * news (3) is taken at the top of the loop. */
		busy = lib->nindexed < lib->nentries;
		pager_load_unlock();
		w = pager_term_wait_fd(busy ? 0 : -1, pager_load_fd());
		pager_load_lock();
		if (w < 0)
			break;
		if (w == 3)
			continue;
		if (w == 2) {
			pager_index_work(&pg);
			continue;
		}
		got = 0;
		while (!pg.quit && pager_term_read(&key, &is_key)) {
			got = 1;
			pager_sync(&pg);
			if ((v = pager_view_current(&pg)) != NULL)
				before = pager_pos_get(v);
			pager_key(&pg, key, is_key);
			/* A move sets the reading position; a resize alone never does.  (Top
			 * indexes do not compare: a move may shift the layout window.) */
			if (v != NULL) {
				after = pager_pos_get(v);
				if (v != pager_view_current(&pg) || after.off != before.off ||
				    after.blank != before.blank) {
					v->anchor = after;
					v->restore_wait = 0;
				}
			}
		}
		if (pg.quit)
			break;
		if (w == 1 && pager_term_eof(got) != 0)
			break;
	}
	pager_load_stop();
	pager_term_stop();
	sig = pager_term_signal();
	pager_state_quit(&pg);
	pager_free(&pg);
	pager_load_unlock();
	if (sig != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
		return 128 + sig;
	}
	return 0;
}
