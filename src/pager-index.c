/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-index.c: the index screen: the records of the region tab shown, newest first, one
 * a row (ISO date, title, the country its first line names), a selection kept per tab; the
 * heads indexed between keystrokes; :n and :p; and the search from the index, which lists
 * every record and section holding a pattern and opens a record at its match.
 * Reads the library, never the terminal directly; records are opened through pager-state.c. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "kcurses.h"
#include "doc.h"
#include "layout.h"
#include "library.h"
#include "pager.h"
#include "search.h"
#include "xmalloc.h"

#define PAGER_INDEX_CTRL(c)	((c) & 0x1f)
#define PAGER_INDEX_FIRST	((size_t)-1)	/* selection: the first row, whatever it is */
#define PAGER_INDEX_BATCH	128	/* heads indexed per library_index_some call */
#define PAGER_INDEX_SLICE_MS	30	/* indexing between two looks at the keyboard */
#define PAGER_INDEX_DATE_COLS	10	/* YYYY-MM-DD */
#define PAGER_INDEX_COUNTRY_MAX	16	/* display columns of the country at most */
#define PAGER_INDEX_MAX_PAT	1024	/* bytes of a pattern typed at the prompt */
#define PAGER_INDEX_WHEEL_ROWS	3	/* rows one turn of the mouse wheel moves */

/* One row of the results of a search from the index: a record (its total), or one of its
 * outline entries holding matches. */
struct pager_index_hit {
	size_t	entry;		/* entry of the library */
	int	section;	/* outline entry, PAGER_NO_SECTION for the record's own row or
				 * for the text before its first heading */
	int	is_record;	/* 1: the record's row */
	size_t	off;		/* byte offset of the first match */
	size_t	count;		/* matches */
	char	*label;		/* owned: the outline label (visible), NULL on a record row */
};

/* The state of the index screen. */
struct pager_index {
	size_t	 sel[DOC_REGION_COUNT];	/* entry selected in each tab, or PAGER_INDEX_FIRST */
	size_t	 top[DOC_REGION_COUNT];	/* first row shown in each tab */
	int	 from_text;		/* opened from a record: q goes back to it */

	/* The prompt. */
	int	 prompt;		/* '/' while typing, else 0 */
	char	*buf;			/* what is typed, owned, NUL-terminated */
	size_t	 len;			/* bytes in buf */
	volatile sig_atomic_t cancel;	/* SIGINT at the prompt or during the search */

	/* The results of the last search, shown instead of the index while pat is set. */
	char	*pat;			/* owned, or NULL */
	struct pager_index_hit *hits;	/* owned */
	size_t	 nhits;
	size_t	 alloc;
	size_t	 hsel;			/* selected row */
	size_t	 htop;			/* first row shown */
	size_t	 nrecords;		/* records with matches */
	size_t	 nmatches;		/* matches in all */
	int	 cancelled;		/* Ctrl-C stopped the search: the results are partial */
	int	 back_to_hits;		/* a record was opened from the results: i returns there */
};

/* Return a new index state, nothing selected. */
struct pager_index *
pager_index_create(void)
{
	struct pager_index *pi = xcalloc(1, sizeof *pi);
	int r;

	for (r = 0; r < DOC_REGION_COUNT; r++)
		pi->sel[r] = PAGER_INDEX_FIRST;
	pi->buf = xstrdup("");
	return pi;
}

/* Drop the results of the search. */
static void
pager_index_hits_clear(struct pager_index *pi)
{
	size_t i;

	for (i = 0; i < pi->nhits; i++)
		free(pi->hits[i].label);
	free(pi->hits);
	pi->hits = NULL;
	pi->nhits = pi->alloc = 0;
	pi->hsel = pi->htop = 0;
	free(pi->pat);
	pi->pat = NULL;
	pi->back_to_hits = 0;
}

/* Free the index state. */
void
pager_index_free(struct pager_index *pi)
{
	if (pi == NULL)
		return;
	pager_index_hits_clear(pi);
	free(pi->buf);
	free(pi);
}

/* Return the milliseconds elapsed since start. */
static long
pager_index_ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Index heads for about PAGER_INDEX_SLICE_MS; returns 1 if some are still to index. */
int
pager_index_work(struct pager *pg)
{
	struct timespec start;
	size_t left;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		left = library_index_some(pg->lib, PAGER_INDEX_BATCH);
	} while (left > 0 && pager_index_ms_since(&start) < PAGER_INDEX_SLICE_MS);
	return left > 0;
}

/* Return the number of tabs: the seven regions, and その他 when some record has no known
 * region (or it is the tab shown). */
int
pager_index_ntabs(struct pager *pg)
{
	if (pg->lib->count[DOC_REGION_NONE] > 0 || pg->region == DOC_REGION_NONE)
		return DOC_REGION_COUNT;
	return DOC_REGION_COUNT - 1;
}

/* Show the index of region r.  From a record, the record is left (its position saved) and
 * its row selected, so i returns to the row it was opened from; a record opened from the
 * results of a search returns to them. */
void
pager_index_show(struct pager *pg, enum doc_region r)
{
	struct pager_index *pi = pg->index;

	if (pg->screen == PAGER_SCREEN_TEXT) {
		if (pg->lib->entries[pg->cur].region == r)
			pi->sel[r] = pg->cur;
		pager_record_leave(pg);
		pi->from_text = 1;
		if (!pi->back_to_hits || r != pg->region)
			pager_index_hits_clear(pi);
		pi->back_to_hits = 0;
	} else if (r != pg->region)
		pager_index_hits_clear(pi);
	pg->screen = PAGER_SCREEN_INDEX;
	pg->region = r;
	pg->in_help = 0;
	pg->focus = PAGER_FOCUS_TEXT;
}

/* t and T (skip_empty 1) or → and ← on the index: the next or previous region tab, around
 * the ends; t and T skip empty tabs (shown dimmed), and stay put if every other one is. */
void
pager_index_tab_step(struct pager *pg, int dir, int skip_empty)
{
	int n = pager_index_ntabs(pg), r = (int)pg->region, k;

	if (r >= n)
		r = 0;
	for (k = 0; k < n; k++) {
		r = (r + dir + n) % n;
		if (!skip_empty || pg->lib->count[r] > 0 || r == (int)pg->region)
			break;
	}
	pager_index_show(pg, (enum doc_region)r);
}

/* :n and :p: the next or previous record of the region of the one being read, newest
 * first as in the index. */
void
pager_index_record_step(struct pager *pg, int dir)
{
	const struct library *lib = pg->lib;
	enum doc_region r = lib->entries[pg->cur].region;
	int row = library_region_find(lib, r, pg->cur);

	if (row < 0) {
		pager_message(pg, "this record is not in the index");
		return;
	}
	row += dir;
	if (row < 0) {
		pager_message(pg, "no previous record in %s", doc_region_name(r));
		return;
	}
	if ((size_t)row >= lib->count[r]) {
		pager_message(pg, "no next record in %s", doc_region_name(r));
		return;
	}
	if (pager_record_open(pg, lib->region[r][row], (size_t)-1) == 0)
		pg->index->sel[r] = pg->cur;
}

/* Return the row of the selection in the tab shown, and make it a valid one (0 when the
 * tab is empty). */
static size_t
pager_index_sel_row(struct pager *pg)
{
	struct pager_index *pi = pg->index;
	enum doc_region r = pg->region;
	int row;

	if (pi->sel[r] == PAGER_INDEX_FIRST || pg->lib->count[r] == 0)
		return 0;
	if ((row = library_region_find(pg->lib, r, pi->sel[r])) < 0) {
		pi->sel[r] = PAGER_INDEX_FIRST;	/* it moved to another tab */
		return 0;
	}
	return (size_t)row;
}

/* Return the rows of the list (the body of the screen), at least 1. */
static size_t
pager_index_rows(struct pager *pg)
{
	return pg->g.body_rows > 0 ? (size_t)pg->g.body_rows : 1;
}

/* Move the selection by n rows (negative: up), stopping at the ends. */
static void
pager_index_move(struct pager *pg, long n)
{
	struct pager_index *pi = pg->index;
	size_t count, row;

	if (pi->pat != NULL) {
		count = pi->nhits;
		row = pi->hsel;
	} else {
		count = pg->lib->count[pg->region];
		row = pager_index_sel_row(pg);
	}
	if (count == 0)
		return;
	if (n < 0)
		row = (size_t)-n > row ? 0 : row - (size_t)-n;
	else
		row = (size_t)n > count - 1 - row ? count - 1 : row + (size_t)n;
	if (pi->pat != NULL)
		pi->hsel = row;
	else
		pi->sel[pg->region] = pg->lib->region[pg->region][row];
}

/* Open what the selected row names: a record where it was left, or a result at its match
 * (with the pattern given to the search in the text, so it is highlighted and n goes on). */
static void
pager_index_open(struct pager *pg)
{
	struct pager_index *pi = pg->index;
	const struct pager_index_hit *h;
	struct pager_view *v;
	enum doc_region r = pg->region;
	const char *p;
	ucs4_t uc;
	int rows, cols;

	if (pi->pat == NULL) {
		if (pg->lib->count[r] == 0)
			return;
		pi->sel[r] = pg->lib->region[r][pager_index_sel_row(pg)];
		pager_record_open(pg, pi->sel[r], (size_t)-1);
		return;
	}
	if (pi->nhits == 0)
		return;
	h = &pi->hits[pi->hsel];
	if (pager_record_open(pg, h->entry, (size_t)-1) != 0)
		return;
	pi->back_to_hits = 1;
	pg->region = pg->lib->entries[h->entry].region;

	/* Lay the record out now, so the search can start from the line of the match. */
	v = pager_view_current(pg);
	getmaxyx(stdscr, rows, cols);
	pager_geom_compute(pg, rows, cols);
	pager_view_layout(pg, v, pg->g.notice ? 1 : pg->g.text_cols);
	pager_view_top_off(pg, v, h->off);
	pager_search_open(pg, '/');
	for (p = pi->pat; *p != '\0'; ) {
		p = (const char *)u8_next(&uc, (const uint8_t *)p);
		if (p == NULL)
			break;
		pager_search_key(pg, (int)uc, 0);
	}
	pager_search_key(pg, '\r', 0);
}

/* What the search callback needs: the doc and, per outline entry (slot 0 for the text
 * before the first heading), the first match and the count. */
struct pager_index_scan {
	const struct doc *d;
	size_t	*first;		/* nsections + 1 */
	size_t	*count;		/* nsections + 1 */
	size_t	 hint;		/* block of the last match */
	size_t	 total;
};

/* Count one match against the block that shows it (chrome the model dropped does not
 * count), keeping the first offset of each outline entry. */
static int
pager_index_scan_one(void *arg, size_t off, size_t len)
{
	struct pager_index_scan *sc = arg;
	const struct doc *d = sc->d;
	const struct doc_block *b;
	size_t slot;

	if ((b = doc_block_showing(d, off, len, &sc->hint)) == NULL)
		return 0;
	slot = b->section >= 0 && (size_t)b->section < d->nsections ? (size_t)b->section + 1 : 0;
	if (sc->count[slot]++ == 0)
		sc->first[slot] = off;
	sc->total++;
	return 0;
}

/* Add a row to the results. */
static struct pager_index_hit *
pager_index_hit_add(struct pager_index *pi)
{
	struct pager_index_hit *h;

	if (pi->nhits == pi->alloc) {
		pi->alloc = pi->alloc ? pi->alloc * 2 : 64;
		pi->hits = xreallocarray(pi->hits, pi->alloc, sizeof *pi->hits);
	}
	h = &pi->hits[pi->nhits++];
	memset(h, 0, sizeof *h);
	return h;
}

/* Search record i for s; adds its rows to the results if it has matches.  Returns -1 if
 * the search was cancelled. */
static int
pager_index_search_entry(struct pager *pg, struct search *s, size_t i)
{
	struct pager_index *pi = pg->index;
	struct library_entry *e = &pg->lib->entries[i];
	struct pager_index_scan sc;
	struct pager_index_hit *h;
	struct doc *d, *own = NULL;
	char *cause;
	size_t k;
	int r, cols;

	if (pg->views[i] != NULL && pg->views[i]->d != NULL)
		d = pg->views[i]->d;
	else if (e->error != NULL || (e->flags & LIBRARY_ENTRY_STREAM))
		return 0;	/* XXX: a pipe among the records is searched only once opened */
	else if ((d = own = doc_create(e->path, pg->lib->encoding, &cause)) == NULL) {
		free(cause);
		return 0;
	}
	memset(&sc, 0, sizeof sc);
	sc.d = d;
	sc.first = xcalloc(d->nsections + 1, sizeof *sc.first);
	sc.count = xcalloc(d->nsections + 1, sizeof *sc.count);
	r = search_all(s, d->text.buf, d->text.len, 0, d->text.len, pager_index_scan_one, &sc);
	if (sc.total > 0 && r != SEARCH_CANCELLED) {
		h = pager_index_hit_add(pi);
		h->entry = i;
		h->section = PAGER_NO_SECTION;
		h->is_record = 1;
		h->count = sc.total;
		h->off = (size_t)-1;
		for (k = 0; k <= d->nsections; k++) {
			if (sc.count[k] == 0)
				continue;
			if (sc.first[k] < h->off)
				h->off = sc.first[k];
		}
		for (k = 0; k <= d->nsections; k++) {
			if (sc.count[k] == 0)
				continue;
			h = pager_index_hit_add(pi);
			h->entry = i;
			h->section = k == 0 ? PAGER_NO_SECTION : (int)k - 1;
			h->off = sc.first[k];
			h->count = sc.count[k];
			h->label = k == 0 ? xstrdup("(before the first heading)") :
			    pager_outline_label(d, k - 1, -1, &cols);
		}
		pi->nrecords++;
		pi->nmatches += sc.total;
	}
	free(sc.first);
	free(sc.count);
	if (own != NULL)
		doc_free(own);
	search_forget(s);
	return r == SEARCH_CANCELLED ? -1 : 0;
}

/* Search every record of the library for the pattern typed, the tab shown first, then the
 * other tabs in order, each newest first.  Ctrl-C stops it with what was found so far. */
static void
pager_index_search(struct pager *pg)
{
	struct pager_index *pi = pg->index;
	struct library *lib = pg->lib;
	struct search *s;
	char *cause, *pat;
	size_t row;
	int k, r, n = pager_index_ntabs(pg);

	pat = xstrdup(pi->buf);
	pager_index_hits_clear(pi);
	pi->pat = pat;
	pi->nrecords = pi->nmatches = 0;
	pi->cancelled = 0;
	if ((s = search_create(pat, strlen(pat), 0, &cause)) == NULL) {
		pager_message(pg, "%s", cause);
		free(cause);
		pager_index_hits_clear(pi);
		return;
	}
	pager_message(pg, "searching %zu records…", lib->nentries);
	pager_draw(pg);
	library_index_all(lib);
	if (pager_index_ntabs(pg) != n)
		n = pager_index_ntabs(pg);

	pi->cancel = 0;
	pager_term_intr_catch(&pi->cancel);
	pager_term_intr_allow(1);
	search_set_cancel(s, &pi->cancel);
	for (k = 0; k < n && !pi->cancel; k++) {
		r = ((int)pg->region + k) % n;
		for (row = 0; row < lib->count[r] && !pi->cancel; row++) {
			if (pager_index_search_entry(pg, s, lib->region[r][row]) != 0)
				break;
		}
	}
	pager_term_intr_allow(0);
	pager_term_intr_catch(NULL);
	pi->cancelled = pi->cancel != 0;
	pi->cancel = 0;
	search_free(s);
	free(pg->msg);
	pg->msg = NULL;
	if (pi->cancelled)
		pager_message(pg, "search cancelled");
	else if (pi->nhits == 0)
		pager_message(pg, "Pattern not found");
}

/* Handle a key at the index's search prompt. */
static void
pager_index_prompt_key(struct pager *pg, int key, int is_key)
{
	struct pager_index *pi = pg->index;
	uint8_t u[6];
	const uint8_t *prev;
	ucs4_t uc;
	MEVENT ev;
	int n;

	if (is_key) {
		if (key == KEY_MOUSE)
			getmouse(&ev);
		else if (key == KEY_BACKSPACE || key == KEY_DC)
			key = 0x7f;
		else if (key == KEY_ENTER)
			key = '\r';
		else
			return;
	}
	switch (key) {
	case '\r':
	case '\n':
		pi->prompt = 0;
		pager_term_intr_catch(NULL);
		if (pi->len > 0)
			pager_index_search(pg);
		return;
	case 0x1b:
	case PAGER_INDEX_CTRL('c'):
	case PAGER_INDEX_CTRL('g'):
		pi->prompt = 0;
		pager_term_intr_catch(NULL);
		return;
	case 0x7f:
	case PAGER_INDEX_CTRL('h'):
		if (pi->len == 0) {
			pi->prompt = 0;
			pager_term_intr_catch(NULL);
			return;
		}
		prev = u8_prev(&uc, (const uint8_t *)pi->buf + pi->len, (const uint8_t *)pi->buf);
		pi->len = prev != NULL ? (size_t)(prev - (const uint8_t *)pi->buf) : pi->len - 1;
		pi->buf[pi->len] = '\0';
		return;
	case PAGER_INDEX_CTRL('u'):
		pi->len = 0;
		pi->buf[0] = '\0';
		return;
	}
	if (key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0))
		return;
	if ((n = u8_uctomb(u, (ucs4_t)key, sizeof u)) <= 0 ||
	    pi->len + (size_t)n > PAGER_INDEX_MAX_PAT)
		return;
	pi->buf = xrealloc(pi->buf, pi->len + (size_t)n + 1);
	memcpy(pi->buf + pi->len, u, (size_t)n);
	pi->len += (size_t)n;
	pi->buf[pi->len] = '\0';
}

/* Select the row drawn at screen row y and open it (a click). */
void
pager_index_mouse(struct pager *pg, int y)
{
	struct pager_index *pi = pg->index;
	size_t row;

	if (y < pg->g.body_y || y >= pg->g.body_y + pg->g.body_rows)
		return;
	if (pi->pat != NULL) {
		row = pi->htop + (size_t)(y - pg->g.body_y);
		if (row >= pi->nhits)
			return;
		pi->hsel = row;
	} else {
		row = pg->index->top[pg->region] + (size_t)(y - pg->g.body_y);
		if (row >= pg->lib->count[pg->region])
			return;
		pi->sel[pg->region] = pg->lib->region[pg->region][row];
	}
	pager_index_open(pg);
}

/* Handle a mouse report on the index: the wheel moves the selection, a click picks a tab
 * or opens a row. */
static void
pager_index_mouse_event(struct pager *pg)
{
	MEVENT ev;
	int r;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		pager_index_move(pg, -PAGER_INDEX_WHEEL_ROWS);
	else if (ev.bstate & BUTTON5_PRESSED)
		pager_index_move(pg, PAGER_INDEX_WHEEL_ROWS);
	else if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	else if (ev.y == pg->g.tabs_row) {
		if ((r = pager_tabs_hit(pg, ev.x)) >= 0)
			pager_index_show(pg, (enum doc_region)r);
	} else
		pager_index_mouse(pg, ev.y);
}

/* Back out of the index: from the results to the index, from the index to the record it
 * was opened from; returns 0 if there is nothing to back out to. */
static int
pager_index_back(struct pager *pg)
{
	struct pager_index *pi = pg->index;

	if (pi->pat != NULL) {
		pager_index_hits_clear(pi);
		return 1;
	}
	if (pi->from_text && pg->views[pg->cur] != NULL) {
		pager_record_open(pg, pg->cur, (size_t)-1);
		return 1;
	}
	return 0;
}

/* Handle one key on the index (the help and Ctrl-L are pager.c's). */
void
pager_index_key(struct pager *pg, int key, int is_key)
{
	struct pager_index *pi = pg->index;
	long rows = (long)pager_index_rows(pg);

	if (pi->prompt) {
		pager_index_prompt_key(pg, key, is_key);
		return;
	}
	free(pg->msg);
	pg->msg = NULL;
	pg->pending = 0;
	pg->count = 0;
	if (is_key) {
		switch (key) {
		case KEY_DOWN:
			pager_index_move(pg, 1);
			break;
		case KEY_UP:
			pager_index_move(pg, -1);
			break;
		case KEY_NPAGE:
			pager_index_move(pg, rows);
			break;
		case KEY_PPAGE:
			pager_index_move(pg, -rows);
			break;
		case KEY_HOME:
			pager_index_move(pg, -(long)SIZE_MAX / 2);
			break;
		case KEY_END:
			pager_index_move(pg, (long)(SIZE_MAX / 4));
			break;
		case KEY_RIGHT:
			pager_index_tab_step(pg, 1, 0);
			break;
		case KEY_LEFT:
			pager_index_tab_step(pg, -1, 0);
			break;
		case KEY_ENTER:
			pager_index_open(pg);
			break;
		case KEY_MOUSE:
			pager_index_mouse_event(pg);
			break;
		}
		return;
	}
	switch (key) {
	case 'j':
	case PAGER_INDEX_CTRL('n'):
	case PAGER_INDEX_CTRL('e'):
		pager_index_move(pg, 1);
		break;
	case 'k':
	case 'y':
	case PAGER_INDEX_CTRL('p'):
	case PAGER_INDEX_CTRL('y'):
		pager_index_move(pg, -1);
		break;
	case ' ':
	case 'f':
	case PAGER_INDEX_CTRL('f'):
	case PAGER_INDEX_CTRL('v'):
		pager_index_move(pg, rows);
		break;
	case 'b':
	case PAGER_INDEX_CTRL('b'):
		pager_index_move(pg, -rows);
		break;
	case 'd':
	case PAGER_INDEX_CTRL('d'):
		pager_index_move(pg, (rows + 1) / 2);
		break;
	case 'u':
	case PAGER_INDEX_CTRL('u'):
		pager_index_move(pg, -(rows + 1) / 2);
		break;
	case 'g':
	case '<':
		pager_index_move(pg, -(long)SIZE_MAX / 2);
		break;
	case 'G':
	case '>':
		pager_index_move(pg, (long)(SIZE_MAX / 4));
		break;
	case '\r':
	case '\n':
		pager_index_open(pg);
		break;
	case 't':
	case 'T':
		pager_index_tab_step(pg, key == 't' ? 1 : -1, 1);
		break;
	case '/':
	case '?':
		pi->prompt = '/';
		pi->len = 0;
		pi->buf[0] = '\0';
		pi->cancel = 0;
		pager_term_intr_catch(&pi->cancel);
		break;
	case 'i':
		if (pi->pat != NULL)
			pager_index_hits_clear(pi);
		else
			pager_index_back(pg);
		break;
	case 0x1b:
		pager_index_back(pg);
		break;
	case 'q':
	case 'Q':
		if (!pager_index_back(pg))
			pg->quit = 1;
		break;
	}
}

/* Keep row sel in the rows shown from *top. */
static void
pager_index_follow(size_t *top, size_t sel, size_t count, size_t rows)
{
	if (sel < *top)
		*top = sel;
	else if (sel >= *top + rows)
		*top = sel - rows + 1;
	if (count <= rows)
		*top = 0;
	else if (*top > count - rows)
		*top = count - rows;
}

/* Return the mark of the selected row: ▶, or > where ▶ would take two columns. */
static const char *
pager_index_mark(void)
{
	return layout_width("▶", strlen("▶")) == 1 ? "▶" : ">";
}

/* Draw untrusted text (from a file) at y/x in at most maxcols columns; returns the columns
 * drawn. */
static int
pager_index_text(int y, int x, int maxcols, const char *s)
{
	char *v;
	int cols;

	if (maxcols <= 0)
		return 0;
	v = layout_text_visible(s, strlen(s), maxcols, &cols);
	cols = pager_draw_visible(y, x, maxcols, v);
	free(v);
	return cols;
}

/* Draw the start of a row at y: the mark if selected, then the date column of entry e
 * ("unreadable" for a file that could not be read); returns the column reached. */
static int
pager_index_row_start(struct pager *pg, int y, const struct library_entry *e, int selected)
{
	int x, cols = pg->g.cols;

	attrset(selected ? A_REVERSE : A_NORMAL);
	wmove(stdscr, y, 0);
	x = pager_draw_visible(y, 0, cols, selected ? pager_index_mark() : " ");
	if (x == 0) {
		waddch(stdscr, ' ');
		x = 1;
	}
	if (e->error != NULL)
		x += pager_draw_visible(y, x, cols - x, "unreadable");
	else if (e->iso[0] != '\0')
		x += pager_draw_visible(y, x, cols - x, e->iso);
	else if (!(e->flags & LIBRARY_ENTRY_INDEXED))
		x += pager_draw_visible(y, x, cols - x, "…");
	wmove(stdscr, y, x);
	while (x < PAGER_INDEX_DATE_COLS + 1 && x < cols) {
		waddch(stdscr, ' ');
		x++;
	}
	if (x + 2 <= cols) {
		waddstr(stdscr, "  ");
		x += 2;
	}
	return x;
}

/* Pad row y with spaces from column x to the end (in the current attributes), then back to
 * normal. */
static void
pager_index_row_end(struct pager *pg, int y, int x)
{
	wmove(stdscr, y, x);
	while (x++ < pg->g.cols)
		waddch(stdscr, ' ');
	attrset(A_NORMAL);
}

/* Draw the row of entry i at y: date, title (the file name if it has none), and the
 * country on the right; an unreadable file shows its name and why. */
static void
pager_index_draw_entry(struct pager *pg, int y, size_t i, int selected, size_t count)
{
	const struct library_entry *e = &pg->lib->entries[i];
	char num[32], *what;
	int x, cols = pg->g.cols, right = 0, ccols;

	x = pager_index_row_start(pg, y, e, selected);
	if (e->error != NULL) {
		what = xasprintf("%s: %s", e->name, e->error);
		x += pager_index_text(y, x, cols - x, what);
		free(what);
		pager_index_row_end(pg, y, x);
		return;
	}
	num[0] = '\0';
	if (count > 0)
		snprintf(num, sizeof num, "  (%zu)", count);
	right = layout_width(num, strlen(num));
	if (e->country != NULL && cols - x > 30) {
		what = layout_text_visible(e->country, strlen(e->country),
		    PAGER_INDEX_COUNTRY_MAX, &ccols);
		right += ccols + 2;
		x += pager_index_text(y, x, cols - x - right, e->title[0] != '\0' ? e->title :
		    e->name);
		pager_index_row_end(pg, y, x);
		attrset(selected ? A_REVERSE : A_NORMAL);
		pager_draw_visible(y, cols - right + 2, ccols, what);
		free(what);
		x = cols - right + 2 + ccols;
	} else {
		if (right > cols - x)
			right = 0;
		x += pager_index_text(y, x, cols - x - right, e->title[0] != '\0' ? e->title :
		    e->name);
		pager_index_row_end(pg, y, x);
		attrset(selected ? A_REVERSE : A_NORMAL);
		x = cols - right;
	}
	if (num[0] != '\0' && right > 0)
		pager_draw_visible(y, x, cols - x, num);
	attrset(A_NORMAL);
}

/* Draw a section row of the results at y: indented under the title, the outline label and
 * the count of its matches. */
static void
pager_index_draw_section(struct pager *pg, int y, const struct pager_index_hit *h,
    int selected)
{
	char num[32];
	int x, cols = pg->g.cols, nc;

	attrset(selected ? A_REVERSE : A_NORMAL);
	wmove(stdscr, y, 0);
	x = pager_draw_visible(y, 0, cols, selected ? pager_index_mark() : " ");
	wmove(stdscr, y, x);
	while (x < PAGER_INDEX_DATE_COLS + 5 && x < cols) {
		waddch(stdscr, ' ');
		x++;
	}
	snprintf(num, sizeof num, "  (%zu)", h->count);
	nc = layout_width(num, strlen(num));
	if (nc > cols - x)
		nc = 0;
	x += pager_draw_visible(y, x, cols - x - nc, h->label);
	if (nc > 0) {
		wmove(stdscr, y, x);
		x += pager_draw_visible(y, x, nc, num);
	}
	pager_index_row_end(pg, y, x);
}

/* Draw a line of text alone on row y (a notice in an empty list). */
static void
pager_index_draw_notice(struct pager *pg, int y, const char *s)
{
	int x;

	attrset(A_NORMAL);
	wmove(stdscr, y, 0);
	x = pager_draw_visible(y, 0, pg->g.cols, s);
	pager_index_row_end(pg, y, x);
}

/* Draw the prompt of the search from the index on row y. */
static void
pager_index_draw_prompt(struct pager *pg, int y)
{
	struct pager_index *pi = pg->index;
	char *vis;
	int x, w, cols = pg->g.cols;

	attrset(A_NORMAL);
	wmove(stdscr, y, 0);
	x = pager_draw_visible(y, 0, cols, "/");
	vis = layout_text_visible(pi->buf, pi->len, -1, &w);
	/* XXX: a pattern wider than the line shows its start, not its end. */
	x += pager_draw_visible(y, x, cols - x - 1, vis);
	free(vis);
	wmove(stdscr, y, x);
	attrset(A_REVERSE);
	if (x < cols) {
		waddch(stdscr, ' ');
		x++;
	}
	attrset(A_NORMAL);
	x += pager_draw_visible(y, x, cols - x, "  search every record");
	pager_index_row_end(pg, y, x);
}

/* Draw the status line of the index: the tab and the selected row's place, or the
 * pattern and what it found; a message; the indexing progress and h:help on the right. */
static void
pager_index_draw_status(struct pager *pg, size_t row)
{
	struct pager_index *pi = pg->index;
	const struct library *lib = pg->lib;
	char right[96], left[192], *pat;
	int y = pg->g.status_row, x, rw, w, cols = pg->g.cols;

	right[0] = '\0';
	if (lib->nindexed < lib->nentries)
		snprintf(right, sizeof right, "  indexing %zu/%zu", lib->nindexed, lib->nentries);
	snprintf(right + strlen(right), sizeof right - strlen(right), "  %s ",
	    pi->pat != NULL || pi->from_text ? "q:back  h:help" : "h:help");
	rw = layout_width(right, strlen(right));
	if (rw > cols)
		rw = 0;

	attrset(A_NORMAL);
	wmove(stdscr, y, 0);
	waddch(stdscr, ' ');
	x = 1;
	attrset(A_BOLD);
	if (pi->pat != NULL) {
		pat = layout_text_visible(pi->pat, strlen(pi->pat), 24, &w);
		snprintf(left, sizeof left, "/%s", pat);
		free(pat);
		x += pager_draw_visible(y, x, cols - rw - x, left);
		attrset(A_NORMAL);
		snprintf(left, sizeof left, "  %zu match%s in %zu record%s%s", pi->nmatches,
		    pi->nmatches == 1 ? "" : "es", pi->nrecords, pi->nrecords == 1 ? "" : "s",
		    pi->cancelled ? " (cancelled)" : "");
	} else {
		x += pager_draw_visible(y, x, cols - rw - x, doc_region_name(pg->region));
		attrset(A_NORMAL);
		if (lib->count[pg->region] > 0)
			snprintf(left, sizeof left, "  %zu/%zu", row + 1, lib->count[pg->region]);
		else
			left[0] = '\0';
	}
	wmove(stdscr, y, x);
	x += pager_draw_visible(y, x, cols - rw - x, left);
	if (pg->msg != NULL && cols - rw - x > 2) {
		wmove(stdscr, y, x);
		waddstr(stdscr, "  ");
		x += 2;
		attrset(A_BOLD);
		x += pager_index_text(y, x, cols - rw - x, pg->msg);
		attrset(A_NORMAL);
	}
	wmove(stdscr, y, x);
	while (x < cols - rw) {
		waddch(stdscr, ' ');
		x++;
	}
	if (rw > 0)
		pager_draw_visible(y, cols - rw, rw, right);
}

/* Draw the index (or the results of a search from it) and its status line below the tab
 * strip. */
void
pager_index_draw(struct pager *pg)
{
	struct pager_index *pi = pg->index;
	const struct library *lib = pg->lib;
	enum doc_region r = pg->region;
	size_t rows = pager_index_rows(pg), row = 0, k;
	const struct pager_index_hit *h;
	char *s;
	int y;

	if (pi->prompt && pi->cancel) {
		/* Ctrl-C at the prompt. */
		pi->prompt = 0;
		pi->cancel = 0;
		pager_term_intr_catch(NULL);
	}
	if (pi->pat != NULL) {
		pager_index_follow(&pi->htop, pi->hsel, pi->nhits, rows);
		for (k = 0; k < rows && (int)k < pg->g.body_rows; k++) {
			y = pg->g.body_y + (int)k;
			if (pi->htop + k >= pi->nhits) {
				pager_index_draw_notice(pg, y, k == 0 && pi->nhits == 0 ?
				    " No record holds the pattern." : "");
				continue;
			}
			h = &pi->hits[pi->htop + k];
			if (h->is_record)
				pager_index_draw_entry(pg, y, h->entry, pi->htop + k == pi->hsel,
				    h->count);
			else
				pager_index_draw_section(pg, y, h, pi->htop + k == pi->hsel);
		}
	} else {
		row = pager_index_sel_row(pg);
		pager_index_follow(&pi->top[r], row, lib->count[r], rows);
		for (k = 0; (int)k < pg->g.body_rows; k++) {
			y = pg->g.body_y + (int)k;
			if (pi->top[r] + k < lib->count[r]) {
				pager_index_draw_entry(pg, y, lib->region[r][pi->top[r] + k],
				    pi->top[r] + k == row, 0);
			} else if (k == 0) {
				s = xasprintf(" No records in %s%s", doc_region_name(r),
				    lib->nindexed < lib->nentries ? " yet (indexing…)" : ".");
				pager_index_draw_notice(pg, y, s);
				free(s);
			} else
				pager_index_draw_notice(pg, y, "");
		}
	}
	if (pg->g.status_row < 0)
		return;
	if (pi->prompt)
		pager_index_draw_prompt(pg, pg->g.status_row);
	else
		pager_index_draw_status(pg, row);
}
