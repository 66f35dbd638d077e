/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager.c: the pager's screens and its input loop: which screen is on top takes the keys,
 * through its key tables, with the count typed before a key applied in one place; each
 * screen draws through pager-draw.c or pager-index.c into the renderer.  The top of the
 * pager: nothing below calls back into this file. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "layout.h"
#include "pager.h"
#include "search.h"
#include "xmalloc.h"

#define PAGER_COUNT_MAX		100000000L

/* What a screen does: the key tables it searches in order, whether digits make a count,
 * what a key no table binds does, how it draws and how it fits a new size (NULL: as the
 * screen below). */
struct pager_screen_ops {
	const char	*name;
	enum pager_keys	 keys[3];
	int		 nkeys;
	int		 counts;
	void		(*other)(struct pager *, int key);
	void		(*draw)(struct pager *, int full);
	void		(*resize)(struct pager *);
};

/* Draw the index screen: the tab strip and the list. */
static void
pager_draw_index(struct pager *pg, int full)
{
	(void)full;
	if (pg->g.tabs_row >= 0)
		pager_draw_tabs(pg);
	pager_index_draw(pg);
}

/* The screens, in the order of enum pager_screen. */
static const struct pager_screen_ops pager_screens[PAGER_SCREEN_COUNT] = {
	[PAGER_SCREEN_READER] = { "reader", { PAGER_KEYS_MOVE, PAGER_KEYS_TEXT }, 2, 1,
	    NULL, pager_draw_reader, pager_view_resize },
	[PAGER_SCREEN_INDEX] = { "index", { PAGER_KEYS_INDEX }, 1, 0, NULL, pager_draw_index,
	    pager_index_resize },
	[PAGER_SCREEN_OUTLINE] = { "outline", { PAGER_KEYS_OUTLINE, PAGER_KEYS_MOVE,
	    PAGER_KEYS_TEXT }, 3, 1, NULL, pager_draw_reader, pager_view_resize },
	[PAGER_SCREEN_HELP] = { "help", { PAGER_KEYS_HELP, PAGER_KEYS_MOVE }, 2, 1, NULL,
	    pager_draw_reader, pager_view_resize },
	[PAGER_SCREEN_PROMPT] = { "prompt", { PAGER_KEYS_PROMPT }, 1, 0,
	    pager_cmd_prompt_insert, NULL, NULL },
	[PAGER_SCREEN_MARK] = { "mark", { 0 }, 0, 0, pager_cmd_mark_letter, NULL, NULL },
	[PAGER_SCREEN_RECORD] = { "record", { PAGER_KEYS_RECORD }, 1, 0,
	    pager_cmd_record_other, NULL, NULL },
};

/* Return the topmost screen that draws (the reader, the index, the outline or the help). */
static const struct pager_screen_ops *
pager_screen_drawing(const struct pager *pg)
{
	int i;

	for (i = pg->depth - 1; i > 0; i--) {
		if (pager_screens[pg->stack[i]].draw != NULL)
			break;
	}
	return &pager_screens[pg->stack[i]];
}

/* Fit the screens to the terminal's size (cheap when nothing changed). */
static void
pager_resize(struct pager *pg)
{
	pager_screen_drawing(pg)->resize(pg);
}

/* Handle one key on the screen on top: a digit adds to the count where counts are taken,
 * else the command bound to the key runs with the count, if it takes one. */
static void
pager_key(struct pager *pg, int key)
{
	const struct pager_screen_ops *ops = &pager_screens[pager_screen_top(pg)];
	const struct pager_cmd *c = NULL;
	struct pager_view *v;
	long count;
	int i;

	if (key == PAGER_KEY_RESIZE)
		return;		/* pager_view_sync already follows the new size */
	if (pager_screen_top(pg) != PAGER_SCREEN_PROMPT) {
		/* Any key stops G following the end (G sets it again) and takes the
		 * message away. */
		if ((v = pager_view_current(pg)) != NULL)
			v->follow_end = 0;
		if (key != PAGER_KEY_MOUSE) {
			free(pg->msg);
			pg->msg = NULL;
		}
	}
	if (ops->counts && key >= '0' && key <= '9' && (key != '0' || pg->count > 0)) {
		if (pg->count < PAGER_COUNT_MAX)
			pg->count = pg->count * 10 + (key - '0');
		return;
	}
	if (pager_screen_top(pg) == PAGER_SCREEN_PROMPT)
		pg->edit->too_long = 0;	/* said until the next key */
	count = pg->count;
	pg->count = 0;
	for (i = 0; i < ops->nkeys && c == NULL; i++)
		c = pager_cmd_lookup(ops->keys[i], key);
	if (c == NULL) {
		if (ops->other != NULL)
			ops->other(pg, key);
		return;
	}
	if (c->fn(pg, (c->flags & PAGER_CMD_COUNT) ? count : 0) == PAGER_REDRAW_ALL)
		pg->redraw = 1;
	if (pager_screen_has(pg, PAGER_SCREEN_HELP) && pg->help.d == NULL) {
		pg->help.d = pager_help_create();	/* the help, first shown */
		pg->help.lo = NULL;
	}
}

/* Draw the screens for the current geometry and send them: the topmost screen that draws,
 * and a prompt over it on the status line.  curses sends only what changed. */
static void
pager_draw(struct pager *pg)
{
	const struct pager_screen_ops *ops = pager_screen_drawing(pg);
	char right[128];

	if (pg->g.notice) {
		pager_draw_notice(pg);
		pg->drawn.valid = 0;
	} else {
		if (ops->draw != pager_draw_reader)
			pg->drawn.valid = 0;
		ops->draw(pg, pg->redraw);
		if (pager_screen_top(pg) == PAGER_SCREEN_PROMPT && pg->g.status_row >= 0) {
			right[0] = '\0';
			if (pg->edit->info != NULL)
				pg->edit->info(pg, right, sizeof right);
			pager_edit_draw(pg->edit, pg->g.status_row, pg->g.cols, right);
		}
	}
	pager_render_flush(pg->redraw);
	pg->redraw = 0;
}

/* Set pg up to page through lib; docs as pager_run takes them.  pager_free frees it. */
void
pager_init(struct pager *pg, struct library *lib, struct doc **docs,
    const struct pager_opts *po)
{
	size_t i;

	memset(pg, 0, sizeof *pg);
	pg->lib = lib;
	pg->po = po;
	pg->outline_on = !po->no_outline;
	pg->furniture = po->furniture;
	pg->start_pending = po->start != PAGER_START_NONE;
	pager_screen_reset(pg, PAGER_SCREEN_READER);
	pg->views = xcalloc(lib->nentries, sizeof *pg->views);
	pg->search = pager_search_create();
	if (po->regex)
		pager_search_regex_set(pg->search, 1);
	pg->index = pager_index_create();
	for (i = 0; docs != NULL && i < lib->nentries; i++) {
		if (docs[i] == NULL)
			continue;
		pg->views[i] = xcalloc(1, sizeof *pg->views[i]);
		pg->views[i]->d = docs[i];
	}
}

/* Free everything the pager made, the records it loaded too (not the library). */
void
pager_free(struct pager *pg)
{
	struct pager_view *v;
	size_t i;

	for (i = 0; i < pg->lib->nentries; i++) {
		if ((v = pg->views[i]) == NULL)
			continue;
		if (v->lo != NULL)
			layout_free(v->lo);
		pager_view_tops_clear(v);
		if (v->d != NULL)
			doc_free(v->d);
		free(v->fingerprint);
		free(v);
	}
	free(pg->views);
	pager_index_free(pg->index);
	pager_state_free(pg);
	pager_view_tops_clear(&pg->help);
	if (pg->help.lo != NULL)
		layout_free(pg->help.lo);
	if (pg->help.d != NULL)
		doc_free(pg->help.d);
	free(pg->msg);
	free(pg->msg_brief);
	pager_search_free(pg->search);
}

/* Start: the state file read, then a lone record in the reader, else the index of the
 * region of the newest record indexed (the first record's if none is dated), some heads
 * indexed first. */
void
pager_start(struct pager *pg)
{
	struct library *lib = pg->lib;
	const struct library_entry *e, *newest = NULL;
	size_t i;

	pager_state_start(pg);
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
	pager_screen_reset(pg, PAGER_SCREEN_INDEX);
}

/* Return the byte offset in d's text where source line n (from 1) starts, or (size_t)-1
 * if the text loaded so far has fewer lines. */
static size_t
pager_line_off(const struct doc *d, long n)
{
	const char *p = d->text.buf, *end = d->text.buf + d->text.len, *nl;

	while (--n > 0) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return (size_t)-1;
		p = nl + 1;
	}
	return p < end || d->complete ? (size_t)(p - d->text.buf) : (size_t)-1;
}

/* Apply the start command of the command line (+g, +G, +NUM, +/PATTERN, -p) to the
 * record it waits for, once that is the one shown and laid out: a line not loaded yet is
 * waited for (the next frames), a line past the end is the end, as in less. */
static void
pager_start_apply(struct pager *pg)
{
	struct pager_view *v = pg->start_view;
	const struct pager_opts *po = pg->po;
	struct search *s;
	char *cause;
	size_t off;

	if (v != pager_view_current(pg) || pager_screen_top(pg) != PAGER_SCREEN_READER) {
		if (pager_screen_base(pg) != PAGER_SCREEN_READER)
			pg->start_view = NULL;	/* left before it was shown */
		return;
	}
	if (v->lo == NULL)
		return;
	switch (po->start) {
	case PAGER_START_TOP:
		pager_view_top_off(pg, v, 0);
		break;
	case PAGER_START_END:
		pager_view_go_end(pg, v);
		v->anchor = pager_view_pos(v);
		break;
	case PAGER_START_LINE:
		if ((off = pager_line_off(v->d, po->start_line)) == (size_t)-1) {
			if (!v->d->complete)
				return;		/* not loaded yet: the next frame looks again */
			pager_view_go_end(pg, v);
			v->anchor = pager_view_pos(v);
			break;
		}
		pager_view_top_off(pg, v, off);
		break;
	case PAGER_START_PATTERN:
		/* From the top, as less does; a bad pattern is said once, and a scan a key
		 * stopped (a terminal's answer, say) is done again at the next frame. */
		if ((s = search_create(po->start_pattern, strlen(po->start_pattern),
		    po->regex ? SEARCH_REGEX : 0, &cause)) == NULL) {
			pager_message(pg, "%s", cause);
			free(cause);
			break;
		}
		search_free(s);
		pager_view_top_off(pg, v, 0);
		if (pager_search_set(pg, po->start_pattern) != 0)
			return;
		break;
	default:
		break;
	}
	pg->start_view = NULL;
}

/* Bring everything shown up to date and draw it: the loader's news, the size of the
 * terminal, the matches of the search, a file changed on disk; a search of every record
 * accepted at the index's prompt runs once the screen says so. */
void
pager_frame(struct pager *pg)
{
	pager_load_update(pg);
	pager_resize(pg);
	if (pg->start_view != NULL)
		pager_start_apply(pg);
	if (pager_view_current(pg) != NULL)
		pager_search_update(pg);
	pager_index_update(pg);
	pager_resize(pg);	/* the search or the prompt may have moved things */
	if (pg->g.tabs_row >= 0)
		pager_index_tabs_place(pg);
	pager_reload_check(pg);
	pager_draw(pg);
	if (pager_reload_check(pg))	/* the draw met a file cut short */
		pager_draw(pg);
	if (pager_index_searching(pg)) {
		/* The screen says it is searching: search, then draw the results. */
		pager_index_search(pg);
		pager_draw(pg);
	}
}

/* Choose the colours of the title and the headings from --theme (auto: from the
 * background the terminal reported, attributes only until it does). */
static void
pager_theme_update(struct pager *pg)
{
	enum pager_theme t = pg->po->theme;
	int dark;

	if (t == PAGER_THEME_AUTO) {
		dark = pager_term_background_dark();
		t = dark < 0 ? PAGER_THEME_NONE : dark ? PAGER_THEME_DARK : PAGER_THEME_LIGHT;
	}
	pg->color = pg->po->color && pager_render_theme(t);
}

/* The terminal answered a question in a way that changes the screen (the width of East
 * Asian Ambiguous characters, its background): lay every view out again and repaint all.
 * Positions are byte offsets, so none moves. */
static void
pager_answered(struct pager *pg)
{
	size_t i;

	for (i = 0; i < pg->lib->nentries; i++) {
		if (pg->views[i] != NULL)
			pg->views[i]->lo_cols = -1;
	}
	pg->help.lo_cols = -1;
	pager_theme_update(pg);
	pg->redraw = 1;
}

/* Take one key from the terminal: the screen on top handles it, and a move of the view
 * becomes its reading position. */
void
pager_input(struct pager *pg, int key)
{
	struct pager_view *v;
	struct pager_pos before = { 0, 0 };

	pager_resize(pg);
	if ((v = pager_view_current(pg)) != NULL)
		before = pager_view_pos(v);
	pager_key(pg, key);
	if (v != NULL)
		pager_view_moved(pg, v, before);
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
	int key, got, w, sig, busy;
	const char *bench, *brief;

	if (lib->nentries == 0)
		return 1;
	pager_init(&pg, lib, docs, po);
	input_map_catch();	/* a mapped file cut short by someone else: NULs, not death */
	pg.locale_notice = pager_locale_setup(&brief);
	if (pg.locale_notice != NULL) {
		pager_message(&pg, "%s", pg.locale_notice);
		pg.msg_brief = xstrdup(brief);
	}
	pager_start(&pg);
	/* A benchmark hook (bench/bench-open.sh): leave after the first screen is drawn. */
	bench = getenv("KIROKU_BENCH_EXIT_AFTER_FIRST_DRAW");

	if (pager_term_start(&pg) != 0) {
		pager_free(&pg);
		return 1;
	}
	/* Records load in a thread of their own (pager-load.c): everything here runs with
	 * the lock, given up only while waiting for a key. */
	pager_load_lock();
	pager_theme_update(&pg);
	for (;;) {
		if (pager_term_changed_take())
			pager_answered(&pg);
		pager_frame(&pg);
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
		while (!pg.quit && pager_term_read(&key, &pg.mouse_ev)) {
			got = 1;
			pager_input(&pg, key);
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
