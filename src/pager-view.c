/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-view.c: the view of a record (or the help): its reading position kept as a byte
 * offset, the window of its layout, movement, sections, marks and the last jump, and the
 * split of the screen.  Below the commands and above the renderer: it draws nothing and
 * reads no keys. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "layout.h"
#include "pager.h"
#include "xmalloc.h"

/* A record's layout is a window of visual lines around the top row (layout.h): at least
 * this many lines beyond the screen are kept on each side when it is trimmed, and it is
 * trimmed when it holds more than PAGER_WINDOW_MAX lines beyond them. */
#define PAGER_WINDOW_MARGIN	256
#define PAGER_WINDOW_MAX	4096
#define PAGER_OUTLINE_MAX_COLS	32	/* the outline pane is never wider */
#define PAGER_OUTLINE_MIN_COLS	12	/* narrower than this, the outline is not shown */
#define PAGER_TEXT_MIN_COLS	24	/* the text pane needs this beside the outline */

static void	pager_pos_go(struct pager *, struct pager_view *, struct pager_pos);
static void	pager_geom_compute(struct pager *, int, int);
static void	pager_view_outline_follow(struct pager *);

/* Return the view being shown: the help screen or the current record; NULL on the index. */
struct pager_view *
pager_view_current(struct pager *pg)
{
	if (pager_screen_has(pg, PAGER_SCREEN_HELP))
		return &pg->help;
	if (pager_screen_base(pg) != PAGER_SCREEN_READER)
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
struct pager_pos
pager_view_pos(const struct pager_view *v)
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
size_t
pager_view_rows(struct pager *pg)
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
			layout_window_up(v->lo, pager_view_rows(pg));
	}
	layout_window_down(v->lo, pager_view_rows(pg));
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
pager_view_fill(struct pager *pg, struct pager_view *v)
{
	struct layout *lo = v->lo;
	size_t rows = pager_view_rows(pg), from;

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
	pager_view_fill(pg, v);
}

/* Where the record ends and the window reaches it, move v's top row up so that the pane
 * is full (G, %, a reload that shortened the record); a top row above that stays. */
void
pager_view_clamp_end(struct pager *pg, struct pager_view *v)
{
	struct layout *lo = v->lo;
	size_t rows = pager_view_rows(pg);

	if (lo == NULL)
		return;
	pager_view_fill(pg, v);
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

/* Forget the top-level entries v keeps (its doc is freed or read again). */
void
pager_view_tops_clear(struct pager_view *v)
{
	free(v->tops.tops);
	memset(&v->tops, 0, sizeof v->tops);
}

/* Find the top-level entry of v's doc that contains section: *n its number from 1 among
 * the top-level entries, *total their count.  The entries are kept in v, so the status
 * line does not count a huge outline on every draw (it grows while a record loads).
 * Returns 0, or -1 if section is none. */
int
pager_view_section_top(struct pager_view *v, int section, size_t *n, size_t *total)
{
	const struct doc *d = v->d;
	struct pager_tops *t = &v->tops;
	size_t lo, hi, mid;
	int s = section;

	if (s < 0 || (size_t)s >= d->nsections)
		return -1;
	while (d->sections[s].parent >= 0 && (size_t)d->sections[s].parent < d->nsections)
		s = d->sections[s].parent;
	if (t->changes != d->outline_changes || t->scanned > d->nsections || t->len > d->text.len) {
		pager_view_tops_clear(v);
		t->changes = d->outline_changes;
	}
	t->len = d->text.len;
	for (; t->scanned < d->nsections; t->scanned++) {
		if (d->sections[t->scanned].parent >= 0)
			continue;
		if (t->ntops == t->alloc) {
			t->alloc = t->alloc == 0 ? 64 : t->alloc * 2;
			t->tops = xreallocarray(t->tops, t->alloc, sizeof *t->tops);
		}
		t->tops[t->ntops++] = (uint32_t)t->scanned;
	}
	/* The number of top-level entries at or before s. */
	lo = 0;
	hi = t->ntops;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->tops[mid] <= (size_t)s)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n = lo;
	*total = t->ntops;
	return 0;
}

/* Show a message in the status line until the next key (with no brief form). */
void
pager_message_v(struct pager *pg, const char *fmt, va_list ap)
{
	free(pg->msg);
	free(pg->msg_brief);
	pg->msg_brief = NULL;
	pg->msg = xvasprintf(fmt, ap);
}

/* Show a message in the status line until the next key. */
void
pager_message(struct pager *pg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pager_message_v(pg, fmt, ap);
	va_end(ap);
}

/* Bring the geometry up to the terminal's size and lay the current view out for the text
 * pane's width; cheap when nothing changed. */
void
pager_view_sync(struct pager *pg)
{
	int rows, cols;

	struct pager_view *v;

	pager_render_size(&rows, &cols);
	pager_geom_compute(pg, rows, cols);
	if ((v = pager_view_current(pg)) != NULL) {
		pager_view_layout(pg, v, pg->g.notice ? 1 : pg->g.text_cols);
		pager_view_fill(pg, v);
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
	v->anchor = pager_view_pos(v);
}

/* Scroll v down n lines, never past the end (a jump may already have gone further):
 * the window is laid out ahead in steps and trimmed behind, so a count of a million lines
 * costs their layout but not their memory. */
void
pager_view_down(struct pager *pg, struct pager_view *v, size_t n)
{
	struct layout *lo = v->lo;
	size_t rows = pager_view_rows(pg), step, max, want;

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
		pager_view_fill(pg, v);
	}
}

/* Scroll v up n lines, laying out blocks above the window as needed. */
void
pager_view_up(struct pager *pg, struct pager_view *v, size_t n)
{
	struct layout *lo = v->lo;
	size_t rows = pager_view_rows(pg), add, target;

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
	pager_view_fill(pg, v);
}

/* Go to the first line of v (line n of it with a count, as g does). */
void
pager_view_go_start(struct pager *pg, struct pager_view *v, size_t n)
{
	if (v->lo == NULL)
		return;
	if (v->lo->first_block != 0 || v->lo->nlines == 0)
		layout_window_reset(v->lo, 0);
	v->top = 0;
	pager_view_fill(pg, v);
	if (n > 1)
		pager_view_down(pg, v, n - 1);
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
void
pager_view_go_end(struct pager *pg, struct pager_view *v)
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
	v->anchor = pager_view_pos(v);
	if (v->d->complete)
		v->follow_end = 0;
}

/* Remember where a jump starts, for ''. */
void
pager_view_jump_start(struct pager_view *v)
{
	v->prev = pager_view_pos(v);
	v->prev_set = 1;
}

/* Jump to outline entry s: its heading on the top row. */
void
pager_view_section_go(struct pager *pg, struct pager_view *v, int s)
{
	struct pager_pos pos = { 0, 0 };

	if (v->lo == NULL || s < 0 || (size_t)s >= v->d->nsections)
		return;
	pager_view_jump_start(v);
	pos.off = v->d->blocks[v->d->sections[s].block].off;
	pager_view_show(pg, v, pos);
}

/* Move n outline entries forward (n > 0) or back (n < 0) from the top row; ] and [: the
 * first step is doc_section_next or doc_section_prev from the block of the top row.
 * Returns 0, or -1 if there is no entry that way. */
int
pager_view_section_step(struct pager *pg, struct pager_view *v, long n)
{
	const struct doc *d = v->d;
	const struct layout_line *ll;
	long last = (long)d->nsections - 1, s;
	size_t b;

	if (v->lo == NULL || v->lo->nlines == 0 || d->nsections == 0)
		return -1;
	ll = &v->lo->lines[v->top < v->lo->nlines ? v->top : v->lo->nlines - 1];
	if (ll->block != LAYOUT_NO_BLOCK) {
		/* A line of block b: its heading is behind unless it is this very line. */
		b = ll->block;
		if (n > 0)
			s = doc_section_next(d, b);
		else
			s = doc_section_prev(d, ll->off > d->blocks[b].off ? b + 1 : b);
	} else {
		/* A blank line: the block below it, heading and all, is ahead. */
		b = doc_block_at_off(d, ll->off);
		if (n > 0)
			s = b == 0 ? 0 : doc_section_next(d, b - 1);
		else
			s = doc_section_prev(d, b);
	}
	if (s < 0)
		return -1;
	s += n > 0 ? n - 1 : n + 1;
	pager_view_section_go(pg, v, (int)(s > last ? last : s < 0 ? 0 : s));
	return 0;
}

/* Go to position pos in v, remembering where we were. */
static void
pager_pos_go(struct pager *pg, struct pager_view *v, struct pager_pos pos)
{
	struct pager_pos here = pager_view_pos(v);

	pager_view_show(pg, v, pos);
	v->prev = here;
	v->prev_set = 1;
}

/* After a key: if v's top line moved from before (or v is no longer shown), where it is
 * now becomes the reading position; a resize alone never moves it.  (Top indexes do not
 * compare: a move may shift the layout window.) */
void
pager_view_moved(struct pager *pg, struct pager_view *v, struct pager_pos before)
{
	struct pager_pos after = pager_view_pos(v);

	if (v != pager_view_current(pg) || after.off != before.off ||
	    after.blank != before.blank) {
		v->anchor = after;
		v->restore_wait = 0;
	}
}

/* Set mark n (0 for a) at the reading position of v. */
void
pager_view_mark_set(struct pager_view *v, int n)
{
	v->marks[n] = pager_view_pos(v);
	v->marks_set |= 1U << n;
}

/* Go to mark n of v; returns -1 if it is not set. */
int
pager_view_mark_go(struct pager *pg, struct pager_view *v, int n)
{
	if (!(v->marks_set & (1U << n)))
		return -1;
	pager_pos_go(pg, v, v->marks[n]);
	return 0;
}

/* '': go back to where the last jump started; returns -1 if there was none. */
int
pager_view_jump_back(struct pager *pg, struct pager_view *v)
{
	if (!v->prev_set)
		return -1;
	pager_pos_go(pg, v, v->prev);
	return 0;
}

/* Go to percent of v's bytes (as less: no layout of what comes before), the last
 * screenful at most; the caller has loaded the record to its end. */
void
pager_view_percent(struct pager *pg, struct pager_view *v, long percent)
{
	struct pager_pos pos = { 0, 0 };

	pager_view_jump_start(v);
	if (v->lo == NULL)
		return;
	pos.off = (size_t)((double)v->d->text.len * (double)percent / 100.0);
	pager_view_show(pg, v, pos);
	pager_view_clamp_end(pg, v);
}

/* Work out the split of a rows x cols screen: the tab strip, the panes and the status line,
 * the outline pane only when both panes fit. */
static void
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
	if (!pager_screen_has(pg, PAGER_SCREEN_HELP) && d != NULL && pg->outline_on && d->nsections > 0 &&
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

/* Keep the outline entry that matters (the selection while the outline has the focus, else
 * the section being read) in the rows of the outline pane. */
static void
pager_view_outline_follow(struct pager *pg)
{
	struct pager_view *v = pager_view_current(pg);
	int n = pg->g.body_rows - 1, want, max;

	if (v == NULL || n <= 0 || pg->g.outline_cols == 0 || pg->g.notice)
		return;
	want = pager_screen_has(pg, PAGER_SCREEN_OUTLINE) ? pg->outline_sel :
	    pager_view_section(v);
	if (want >= 0) {
		if (want < pg->outline_top)
			pg->outline_top = want;
		else if (want >= pg->outline_top + n)
			pg->outline_top = want - n + 1;
	}
	max = (int)v->d->nsections - n;
	if (pg->outline_top > max)
		pg->outline_top = max;
	if (pg->outline_top < 0)
		pg->outline_top = 0;
}

/* Fit the screen of a record (or the help) to the terminal's size: the split, the view laid
 * out for the text pane, and the outline's rows following the section. */
void
pager_view_resize(struct pager *pg)
{
	pager_view_sync(pg);
	pager_view_outline_follow(pg);
}
