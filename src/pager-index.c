/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-index.c: the index screen: the records of the region tab shown, newest first, one
 * a row (ISO date, title, the country its first line names), a selection kept per tab; the
 * heads indexed between keystrokes; :n and :p; and the search from the index, which lists
 * every record and section holding a pattern and opens a record at its match; and the tab
 * strip's placement.  Reads the library; of the terminal only Ctrl-C during a search;
 * records are opened through pager-state.c. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "doc.h"
#include "layout.h"
#include "library.h"
#include "nls.h"
#include "pager.h"
#include "search.h"
#include "xmalloc.h"

#define PAGER_INDEX_FIRST	((size_t)-1)	/* selection: the first row, whatever it is */
#define PAGER_INDEX_BATCH	128	/* heads indexed per library_index_some call */
#define PAGER_INDEX_SLICE_MS	30	/* indexing between two looks at the keyboard */
#define PAGER_INDEX_DATE_COLS	10	/* YYYY-MM-DD */
#define PAGER_INDEX_COUNTRY_MAX	16	/* display columns of the country at most */
#define PAGER_INDEX_MAX_PAT	1024	/* bytes of a pattern typed at the prompt */

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

	struct pager_edit edit;		/* the prompt */
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
	char	*want;			/* owned: a pattern accepted, searched after the next
					 * draw (pager_index_search), or NULL */
};

/* Return a new index state, nothing selected. */
struct pager_index *
pager_index_create(void)
{
	struct pager_index *pi = xcalloc(1, sizeof *pi);
	int r;

	for (r = 0; r < DOC_REGION_COUNT; r++)
		pi->sel[r] = PAGER_INDEX_FIRST;
	pager_edit_init(&pi->edit, PAGER_INDEX_MAX_PAT);
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
	pager_edit_clear(&pi->edit);
	free(pi->want);
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
static int
pager_index_ntabs(struct pager *pg)
{
	if (pg->lib->count[DOC_REGION_NONE] > 0 || pg->region == DOC_REGION_NONE)
		return DOC_REGION_COUNT;
	return DOC_REGION_COUNT - 1;
}

/* Place the region tab strip for the screen's width: the seven regions in world-map order
 * with their record counts (その他 only if a record has no region).  When they do not fit,
 * the strip scrolls so the current tab stays visible, with room for < and > at the cut. */
void
pager_index_tabs_place(struct pager *pg)
{
	struct pager_tabs *t = &pg->tabs;
	int width[DOC_REGION_COUNT];
	int ntabs = pager_index_ntabs(pg), cur, first, x, total = 0, i, need, room, cols = pg->g.cols;
	const size_t *count = pg->lib->count;
	char *v;

	for (i = 0; i < DOC_REGION_COUNT; i++) {
		t->x[i] = -1;
		t->cols[i] = 0;
		t->label[i][0] = '\0';
		if (i >= ntabs)
			continue;
		if (count[i] > 0)
			snprintf(t->label[i], sizeof t->label[i], " %s %zu ", doc_region_name(i),
			    count[i]);
		else
			snprintf(t->label[i], sizeof t->label[i], " %s ", doc_region_name(i));
		width[i] = layout_width(t->label[i], strlen(t->label[i]));
		total += width[i];
	}
	cur = (int)pg->region < ntabs ? (int)pg->region : 0;

	/* The first tab: as before, but moved so the current one fits with the arrows. */
	first = total <= cols ? 0 : t->first;
	if (first > cur)
		first = cur;
	for (;;) {
		need = (first > 0 ? 1 : 0) + (cur < ntabs - 1 ? 1 : 0);
		for (i = first; i <= cur; i++)
			need += width[i];
		if (need <= cols || first == cur)
			break;
		first++;
	}
	t->ntabs = ntabs;
	t->cur = cur;
	t->first = first;
	t->last = first;
	x = first > 0 ? 1 : 0;
	for (i = first; i < ntabs; i++) {
		room = cols - x - (i < ntabs - 1 ? 1 : 0);
		if (width[i] > room && i != cur)
			break;
		t->x[i] = x;
		t->cols[i] = width[i];
		if (width[i] > room) {
			/* The current tab alone is wider than the strip: cut as drawn. */
			t->cols[i] = 0;
			if (room > 0) {
				v = layout_text_visible(t->label[i], strlen(t->label[i]), room,
				    &t->cols[i]);
				free(v);
			}
		}
		x += t->cols[i];
		t->last = i;
	}
}

/* Show the index of region r.  From a record, the record is left (its position saved) and
 * its row selected, so i returns to the row it was opened from; a record opened from the
 * results of a search returns to them. */
void
pager_index_show(struct pager *pg, enum doc_region r)
{
	struct pager_index *pi = pg->index;

	if (pager_screen_base(pg) == PAGER_SCREEN_READER) {
		if (pg->lib->entries[pg->cur].region == r)
			pi->sel[r] = pg->cur;
		pager_record_leave(pg);
		pi->from_text = 1;
		if (!pi->back_to_hits || r != pg->region)
			pager_index_hits_clear(pi);
		pi->back_to_hits = 0;
	} else if (r != pg->region)
		pager_index_hits_clear(pi);
	pager_screen_reset(pg, PAGER_SCREEN_INDEX);
	pg->region = r;
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
	size_t i;

	if (pg->po->ordered) {
		/* Files named on the command line: the next of them in the order given, as
		 * less goes; one that cannot be read is said and stepped over. */
		for (i = pg->cur; dir > 0 ? i + 1 < lib->nentries : i > 0;) {
			i = dir > 0 ? i + 1 : i - 1;
			if (pager_record_open(pg, i, (size_t)-1) == 0) {
				pg->index->sel[lib->entries[i].region] = i;
				return;
			}
		}
		if (pg->msg == NULL)
			pager_message(pg, dir > 0 ? _("no next file (%zu of %zu)") :
			    _("no previous file (%zu of %zu)"), pg->cur + 1, lib->nentries);
		return;
	}
	if (row < 0) {
		pager_message(pg, _("this record is not in the index"));
		return;
	}
	row += dir;
	if (row < 0) {
		pager_message(pg, _("no previous record in %s"), doc_region_name(r));
		return;
	}
	if ((size_t)row >= lib->count[r]) {
		pager_message(pg, _("no next record in %s"), doc_region_name(r));
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
void
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
void
pager_index_open(struct pager *pg)
{
	struct pager_index *pi = pg->index;
	const struct pager_index_hit *h;
	struct pager_view *v;
	enum doc_region r = pg->region;

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
	pager_view_sync(pg);
	pager_view_top_off(pg, v, h->off);
	pager_search_set(pg, pi->pat);
}

/* What the search callback needs: per outline entry (slot 0 for the text
 * before the first heading), the first match and the count. */
struct pager_index_scan {
	size_t	*first;		/* nsections + 1 */
	size_t	*count;		/* nsections + 1 */
	size_t	 total;
};

/* Count one match for its outline entry, keeping the first offset of each. */
static int
pager_index_scan_one(void *arg, size_t off, size_t len, int section)
{
	struct pager_index_scan *sc = arg;
	size_t slot = section >= 0 ? (size_t)section + 1 : 0;

	(void)len;
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
	sc.first = xcalloc(d->nsections + 1, sizeof *sc.first);
	sc.count = xcalloc(d->nsections + 1, sizeof *sc.count);
	r = search_doc_all(s, d, 0, d->text.len, pager_index_scan_one, &sc);
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
			h->label = k == 0 ? xstrdup(_("(before the first heading)")) :
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

/* Search every record of the library for the pattern accepted at the prompt (pi->want),
 * the tab shown first, then the other tabs in order, each newest first.  Ctrl-C stops it
 * with what was found so far.  pager.c calls it once the screen says it is searching. */
void
pager_index_search(struct pager *pg)
{
	struct pager_index *pi = pg->index;
	struct library *lib = pg->lib;
	struct search *s;
	char *cause, *pat;
	size_t row;
	int k, r, n = pager_index_ntabs(pg);

	if ((pat = pi->want) == NULL)
		return;
	pi->want = NULL;
	pager_index_hits_clear(pi);
	pi->pat = pat;
	pi->nrecords = pi->nmatches = 0;
	pi->cancelled = 0;
	if ((s = search_create(pat, strlen(pat), pg->po->regex ? SEARCH_REGEX : 0,
	    &cause)) == NULL) {
		pager_message(pg, "%s", cause);
		free(cause);
		pager_index_hits_clear(pi);
		return;
	}
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
		pager_message(pg, _("search cancelled"));
	else if (pi->nhits == 0)
		pager_message_brief(pg, _("Not found"), _("Pattern not found"));
}

/* Return 1 if a search of every record waits for the screen to say so first. */
int
pager_index_searching(struct pager *pg)
{
	return pg->index->want != NULL;
}

/* Enter at the prompt: a search of the pattern after the next draw (which says it is
 * searching); an empty pattern closes the prompt. */
static void
pager_index_prompt_accept(struct pager *pg)
{
	struct pager_index *pi = pg->index;

	pager_edit_close(pg);
	pager_term_intr_catch(NULL);
	if (pi->edit.len == 0)
		return;
	pager_edit_remember(&pi->edit, pi->edit.buf);
	free(pi->want);
	pi->want = xstrdup(pi->edit.buf);
	pager_message(pg, _("searching %zu records…"), pg->lib->nentries);
}

/* Esc at the prompt: close it. */
static void
pager_index_prompt_cancel(struct pager *pg)
{
	pager_edit_close(pg);
	pager_term_intr_catch(NULL);
}

/* Write what the prompt shows on its right to buf. */
static void
pager_index_prompt_info(struct pager *pg, char *buf, size_t size)
{
	(void)pg;
	snprintf(buf, size, "%s", _("  search every record "));
}

/* /: open the prompt of a search of every record. */
void
pager_index_prompt(struct pager *pg)
{
	struct pager_index *pi = pg->index;

	pager_edit_open(pg, &pi->edit, '/');
	pi->edit.accept = pager_index_prompt_accept;
	pi->edit.cancel = pager_index_prompt_cancel;
	pi->edit.option = NULL;
	pi->edit.info = pager_index_prompt_info;
	pi->cancel = 0;
	pager_term_intr_catch(&pi->cancel);
}

static void	pager_index_follow(size_t *, size_t, size_t, size_t);

/* Before each draw: Ctrl-C at the prompt closes it. */
void
pager_index_update(struct pager *pg)
{
	struct pager_index *pi = pg->index;

	if (pg->edit == &pi->edit && pi->cancel) {
		pi->cancel = 0;
		pager_index_prompt_cancel(pg);
	}
}

/* Fit the index to the terminal's size: the split of the screen, and the rows shown
 * following the selection. */
void
pager_index_resize(struct pager *pg)
{
	struct pager_index *pi = pg->index;
	enum doc_region r = pg->region;
	size_t rows;

	pager_view_sync(pg);
	rows = pager_index_rows(pg);
	if (pi->pat != NULL)
		pager_index_follow(&pi->htop, pi->hsel, pi->nhits, rows);
	else
		pager_index_follow(&pi->top[r], pager_index_sel_row(pg), pg->lib->count[r], rows);
}
/* Select the row drawn at screen row y and open it (a click). */
void
pager_index_click(struct pager *pg, int y)
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

/* Back out of the index: from the results to the index, from the index to the record it
 * was opened from; returns 0 if there is nothing to back out to. */
int
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

/* Draw the start of a row at y: the mark if selected, then the date column of entry e
 * ("unreadable" for a file that could not be read); returns the column reached. */
static int
pager_index_row_start(struct pager *pg, int y, const struct library_entry *e, int selected)
{
	int x, cols = pg->g.cols;

	pager_render_attr(selected ? PAGER_ATTR_REVERSE : PAGER_ATTR_NORMAL);
	pager_render_move(y, 0);
	x = pager_render_text(y, 0, cols, selected ? pager_index_mark() : " ");
	if (x == 0) {
		pager_render_char(' ');
		x = 1;
	}
	if (e->error != NULL)
		x += pager_render_text(y, x, cols - x, _("unreadable"));
	else if (e->iso[0] != '\0')
		x += pager_render_text(y, x, cols - x, e->iso);
	else if (!(e->flags & LIBRARY_ENTRY_INDEXED))
		x += pager_render_text(y, x, cols - x, "…");
	pager_render_move(y, x);
	while (x < PAGER_INDEX_DATE_COLS + 1 && x < cols) {
		pager_render_char(' ');
		x++;
	}
	if (x + 2 <= cols) {
		pager_render_spaces(2);
		x += 2;
	}
	return x;
}

/* Pad row y with spaces from column x to the end (in the current attributes), then back to
 * normal. */
static void
pager_index_row_end(struct pager *pg, int y, int x)
{
	pager_render_move(y, x);
	while (x++ < pg->g.cols)
		pager_render_char(' ');
	pager_render_attr(PAGER_ATTR_NORMAL);
}

/* Draw the row of entry i at y: date, title (the file name if it has none), and the
 * country on the right; an unreadable file shows its name and why. */
static void
pager_index_draw_entry(struct pager *pg, int y, size_t i, int selected, size_t count)
{
	const struct library_entry *e = &pg->lib->entries[i];
	char num[32], *what;
	const char *title;
	int x, cols = pg->g.cols, right = 0, ccols;

	x = pager_index_row_start(pg, y, e, selected);
	if (e->error != NULL) {
		what = xasprintf("%s: %s", e->name, e->error);
		x += pager_render_untrusted(y, x, cols - x, what, strlen(what));
		free(what);
		pager_index_row_end(pg, y, x);
		return;
	}
	title = e->title[0] != '\0' ? e->title : e->name;
	num[0] = '\0';
	if (count > 0)
		snprintf(num, sizeof num, "  (%zu)", count);
	right = layout_width(num, strlen(num));
	if (e->country != NULL && cols - x > 30) {
		what = layout_text_visible(e->country, strlen(e->country),
		    PAGER_INDEX_COUNTRY_MAX, &ccols);
		right += ccols + 2;
		x += pager_render_untrusted(y, x, cols - x - right, title, strlen(title));
		pager_index_row_end(pg, y, x);
		pager_render_attr(selected ? PAGER_ATTR_REVERSE : PAGER_ATTR_NORMAL);
		pager_render_text(y, cols - right + 2, ccols, what);
		free(what);
		x = cols - right + 2 + ccols;
	} else {
		if (right > cols - x)
			right = 0;
		x += pager_render_untrusted(y, x, cols - x - right, title, strlen(title));
		pager_index_row_end(pg, y, x);
		pager_render_attr(selected ? PAGER_ATTR_REVERSE : PAGER_ATTR_NORMAL);
		x = cols - right;
	}
	if (num[0] != '\0' && right > 0)
		pager_render_text(y, x, cols - x, num);
	pager_render_attr(PAGER_ATTR_NORMAL);
}

/* Draw a section row of the results at y: indented under the title, the outline label and
 * the count of its matches. */
static void
pager_index_draw_section(struct pager *pg, int y, const struct pager_index_hit *h,
    int selected)
{
	char num[32];
	int x, cols = pg->g.cols, nc;

	pager_render_attr(selected ? PAGER_ATTR_REVERSE : PAGER_ATTR_NORMAL);
	pager_render_move(y, 0);
	x = pager_render_text(y, 0, cols, selected ? pager_index_mark() : " ");
	pager_render_move(y, x);
	while (x < PAGER_INDEX_DATE_COLS + 5 && x < cols) {
		pager_render_char(' ');
		x++;
	}
	snprintf(num, sizeof num, "  (%zu)", h->count);
	nc = layout_width(num, strlen(num));
	if (nc > cols - x)
		nc = 0;
	x += pager_render_text(y, x, cols - x - nc, h->label);
	if (nc > 0) {
		pager_render_move(y, x);
		x += pager_render_text(y, x, nc, num);
	}
	pager_index_row_end(pg, y, x);
}

/* Draw a line of text alone on row y (a notice in an empty list). */
static void
pager_index_draw_notice(struct pager *pg, int y, const char *s)
{
	int x;

	pager_render_attr(PAGER_ATTR_NORMAL);
	pager_render_move(y, 0);
	x = pager_render_text(y, 0, pg->g.cols, s);
	pager_index_row_end(pg, y, x);
}

/* Draw the status line of the index: the tab and the selected row's place, or the
 * pattern and what it found; a message; the indexing progress and h:help on the right. */
static void
pager_index_draw_status(struct pager *pg, size_t row)
{
	struct pager_index *pi = pg->index;
	const struct library *lib = pg->lib;
	char right[96], left[192], head[128], matches[64], records[64], *pat, *msg = NULL;
	int y = pg->g.status_row, x, rw, w, cols = pg->g.cols, keep_name = 1, keep_right = 1;

	right[0] = '\0';
	if (lib->nindexed < lib->nentries)
		snprintf(right, sizeof right, _("  indexing %zu/%zu"), lib->nindexed, lib->nentries);
	snprintf(right + strlen(right), sizeof right - strlen(right), "  %s ",
	    pi->pat != NULL || pi->from_text ? _("q:back  h:help") : _("h:help"));
	rw = layout_width(right, strlen(right));
	if (rw > cols)
		rw = 0;

	if (pi->pat != NULL) {
		pat = layout_text_visible(pi->pat, strlen(pi->pat), 24, &w);
		snprintf(head, sizeof head, "/%s", pat);
		free(pat);
		snprintf(matches, sizeof matches, ngettext("%zu match", "%zu matches",
		    pi->nmatches), pi->nmatches);
		snprintf(records, sizeof records, ngettext("in %zu record", "in %zu records",
		    pi->nrecords), pi->nrecords);
		/* TRANSLATORS: the matches and the records of a search of every record. */
		snprintf(left, sizeof left, _("  %s %s"), matches, records);
		if (pi->cancelled)
			snprintf(left + strlen(left), sizeof left - strlen(left), "%s",
			    _(" (cancelled)"));
	} else {
		snprintf(head, sizeof head, "%s", doc_region_name(pg->region));
		if (lib->count[pg->region] > 0)
			snprintf(left, sizeof left, "  %zu/%zu", row + 1, lib->count[pg->region]);
		else
			left[0] = '\0';
	}
	/* A message too long to stand beside them takes the place of these, then of the
	 * right part (pager-msg.c). */
	if (pg->msg != NULL) {
		msg = pager_message_fit(pg, cols, layout_width(head, strlen(head)) +
		    layout_width(left, strlen(left)), rw, &keep_name, &keep_right, &w);
		if (!keep_right)
			rw = 0;
	}

	pager_render_attr(PAGER_ATTR_NORMAL);
	pager_render_move(y, 0);
	pager_render_char(' ');
	x = 1;
	if (msg == NULL || keep_name) {
		pager_render_attr(PAGER_ATTR_BOLD);
		x += pager_render_text(y, x, cols - rw - x, head);
		pager_render_attr(PAGER_ATTR_NORMAL);
		pager_render_move(y, x);
		x += pager_render_text(y, x, cols - rw - x, left);
	}
	if (msg != NULL) {
		if (keep_name) {
			pager_render_move(y, x);
			pager_render_spaces(2);
			x += 2;
		}
		pager_render_attr(PAGER_ATTR_BOLD);
		x += pager_render_text(y, x, cols - rw - x, msg);
		pager_render_attr(PAGER_ATTR_NORMAL);
		free(msg);
	}
	pager_render_move(y, x);
	while (x < cols - rw) {
		pager_render_char(' ');
		x++;
	}
	if (rw > 0)
		pager_render_text(y, cols - rw, rw, right);
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

	if (pi->pat != NULL) {
		for (k = 0; k < rows && (int)k < pg->g.body_rows; k++) {
			y = pg->g.body_y + (int)k;
			if (pi->htop + k >= pi->nhits) {
				pager_index_draw_notice(pg, y, k == 0 && pi->nhits == 0 ?
				    _(" No record holds the pattern.") : "");
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
		for (k = 0; (int)k < pg->g.body_rows; k++) {
			y = pg->g.body_y + (int)k;
			if (pi->top[r] + k < lib->count[r]) {
				pager_index_draw_entry(pg, y, lib->region[r][pi->top[r] + k],
				    pi->top[r] + k == row, 0);
			} else if (k == 0) {
				s = xasprintf(lib->nindexed < lib->nentries ?
				    _(" No records in %s yet (indexing…)") : _(" No records in %s."),
				    doc_region_name(r));
				pager_index_draw_notice(pg, y, s);
				free(s);
			} else
				pager_index_draw_notice(pg, y, "");
		}
	}
	if (pg->g.status_row < 0)
		return;
	pager_index_draw_status(pg, row);
}
