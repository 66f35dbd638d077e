/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-search.c: search in the text pane: what the / and ? prompt does (the line editor is
 * pager-edit.c's), incremental moves, n and N, the matches of a pattern in a record (kept
 * as byte offsets, counted per outline entry) for the highlight, the status line and the
 * outline.  Matching itself is search.h's; drawing the text and the outline stays in
 * pager-draw.c. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "doc.h"
#include "layout.h"
#include "nls.h"
#include "pager.h"
#include "search.h"
#include "xmalloc.h"

#define PAGER_SEARCH_MAX_LEN	(64 * 1024)	/* bytes of a pattern typed at the prompt */
#define PAGER_SEARCH_KEEP	(1 << 18)	/* matches kept at once (16 bytes each) */
#define PAGER_SEARCH_CHECKS	(1 << 14)	/* checkpoints kept at most */

/* One match inside a block of a record. */
struct pager_search_match {
	size_t	off;		/* byte offset in the record's text */
	size_t	len;		/* bytes */
};

/* Every so many matches of a scan: where it was, so that the matches around any place can
 * be found again by scanning from the checkpoint before it. */
struct pager_search_check {
	size_t	off;		/* byte offset of the match */
	size_t	idx;		/* its index among all the matches */
};

/* What the cache of matches holds for its key. */
enum pager_search_state {
	PAGER_SEARCH_EMPTY,	/* nothing scanned */
	PAGER_SEARCH_DONE,	/* every match of the pattern in the doc */
	PAGER_SEARCH_CANCELLED	/* the scan was cancelled: no matches kept */
};

/* The search state of the pager: the prompt while it is open, the last pattern accepted,
 * the matches of the active pattern in one doc and the current match. */
struct pager_search {
	/* The prompt: edit.lead is '/' or '?' while it is open, else 0. */
	struct pager_edit edit;
	struct pager_view *start_v;	/* the view the prompt opened on */
	struct pager_pos start_top;	/* its top visual line then */
	struct pager_pos start_anchor;	/* and its reading position */

	/* The last search accepted, for n and N. */
	char		*pat;		/* owned, or NULL */
	int		 forward;	/* 1: / (n goes down); 0: ? (n goes up) */
	int		 flags;		/* SEARCH_KANA_FOLD, toggled by Ctrl-K at the prompt */
	int		 hidden;	/* Esc: no highlight until the next search */

	/* The matches of c_pat in c_doc: all are counted, but only a window of at most
	 * PAGER_SEARCH_KEEP is kept, the ones the screen and n/N need; the window moves by
	 * scanning again from a checkpoint (pager_search_focus), so memory stays bounded
	 * whatever the number of matches. */
	char		*c_pat;		/* owned, or NULL */
	int		 c_flags;
	const struct doc *c_doc;
	size_t		 c_len;		/* bytes of c_doc's text scanned (a stream grows) */
	size_t		 c_nsections;	/* entries counts has room for */
	enum pager_search_state c_state;
	struct search	*c_s;		/* the search of c_pat, owned, or NULL */
	size_t		 total;		/* matches in c_doc */
	struct pager_search_match *m;	/* the window: in order of offset, owned */
	size_t		 nm;		/* matches in the window */
	size_t		 m_alloc;
	size_t		 m_base;	/* index of m[0] among all the matches */
	size_t		 win_lo;	/* byte offset: every match in [win_lo, win_hi) is in m */
	size_t		 win_hi;
	int		 full;		/* 1 in the scan of the whole record, 0 in a window's */
	struct pager_search_check *checks; /* in order, owned */
	size_t		 nchecks;
	size_t		 check_every;	/* matches between two checkpoints (a power of 2) */
	size_t		*counts;	/* per outline entry of c_doc, owned */

	/* The current match: match cur of cur_doc. */
	const struct doc *cur_doc;
	size_t		 cur;

	volatile sig_atomic_t cancel;	/* set by SIGINT during a scan or at the prompt */
};

/* Return a new search state, nothing searched yet; pager_search_free frees it. */
struct pager_search *
pager_search_create(void)
{
	struct pager_search *ps = xcalloc(1, sizeof *ps);

	ps->forward = 1;
	pager_edit_init(&ps->edit, PAGER_SEARCH_MAX_LEN);
	return ps;
}

/* Free the search state and everything it owns. */
void
pager_search_free(struct pager_search *ps)
{
	if (ps == NULL)
		return;
	if (ps->edit.lead)
		pager_term_intr_catch(NULL);
	pager_edit_clear(&ps->edit);
	free(ps->pat);
	free(ps->c_pat);
	free(ps->m);
	free(ps->checks);
	search_free(ps->c_s);
	free(ps->counts);
	free(ps);
}

/* Return the pattern whose matches are shown: the one being typed while the prompt is
 * open, else the last one accepted; NULL if none. */
static const char *
pager_search_active(const struct pager_search *ps)
{
	if (ps->edit.lead)
		return ps->edit.len > 0 ? ps->edit.buf : NULL;
	return ps->pat;
}

/* Return 1 if the cache holds the scan of pattern pat with the current flags in d. */
static int
pager_search_cached(const struct pager_search *ps, const struct doc *d, const char *pat)
{
	return ps->c_state != PAGER_SEARCH_EMPTY && ps->c_doc == d && ps->c_flags == ps->flags &&
	    ps->c_len == d->text.len && ps->c_pat != NULL && strcmp(ps->c_pat, pat) == 0;
}

/* Take one match of a scan (search_doc_all passes only those a block shows): the scan of
 * the whole record counts it for the block's outline entry and sets a checkpoint every
 * check_every matches; both keep it while the window has room, and the window's scan
 * stops once it is full. */
static int
pager_search_collect(void *arg, size_t off, size_t len, int section)
{
	struct pager_search *ps = arg;
	size_t i, j;

	if (ps->nm == PAGER_SEARCH_KEEP) {
		if (ps->win_hi == (size_t)-1)
			ps->win_hi = off;	/* the first match not kept */
		if (!ps->full)
			return 1;
	} else {
		if (ps->nm == ps->m_alloc) {
			ps->m_alloc = ps->m_alloc == 0 ? 64 : ps->m_alloc * 2;
			ps->m = xreallocarray(ps->m, ps->m_alloc, sizeof *ps->m);
		}
		ps->m[ps->nm].off = off;
		ps->m[ps->nm].len = len;
		ps->nm++;
	}
	if (!ps->full)
		return 0;
	if (ps->total % ps->check_every == 0) {
		if (ps->nchecks == PAGER_SEARCH_CHECKS) {
			/* Full: keep every other one, twice as far apart. */
			for (i = 0, j = 0; i < ps->nchecks; i += 2)
				ps->checks[j++] = ps->checks[i];
			ps->nchecks = j;
			ps->check_every *= 2;
		}
		if (ps->total % ps->check_every == 0) {
			ps->checks[ps->nchecks].off = off;
			ps->checks[ps->nchecks].idx = ps->total;
			ps->nchecks++;
		}
	}
	ps->total++;
	if (section >= 0)
		ps->counts[section]++;
	return 0;
}

/* Drop the matches kept and the search behind them. */
static void
pager_search_drop(struct pager_search *ps)
{
	search_free(ps->c_s);
	ps->c_s = NULL;
	ps->total = ps->nm = ps->m_base = ps->nchecks = 0;
	ps->win_lo = ps->win_hi = 0;
	/* Give back a big window (a search with many matches) rather than keep it. */
	if (ps->m_alloc > 4096) {
		free(ps->m);
		ps->m = NULL;
		ps->m_alloc = 0;
	}
}

/* Move the window of kept matches so that it holds the match at byte offset off (off !=
 * -1) or the match of index idx, with some before it: scan again from the checkpoint
 * before the one at or before it.
 * XXX: this scan is not cancelled by a key; it stops after PAGER_SEARCH_KEEP matches,
 * but when they are far apart it may cover much of the record. */
static void
pager_search_focus(struct pager_search *ps, size_t off, size_t idx)
{
	const struct doc *d = ps->c_doc;
	size_t lo = 0, hi = ps->nchecks, mid, j;

	if (ps->c_s == NULL || ps->nchecks == 0 || d == NULL)
		return;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (off != (size_t)-1 ? ps->checks[mid].off <= off : ps->checks[mid].idx <= idx)
			lo = mid;
		else
			hi = mid;
	}
	j = lo > 0 ? lo - 1 : 0;
	ps->full = 0;
	ps->nm = 0;
	ps->m_base = ps->checks[j].idx;
	ps->win_lo = ps->checks[j].off;
	ps->win_hi = (size_t)-1;
	search_forget(ps->c_s);
	search_doc_all(ps->c_s, d, ps->win_lo, ps->c_len - ps->win_lo, pager_search_collect, ps);
	if (ps->win_hi == (size_t)-1)
		ps->win_hi = ps->c_len;
}

/* Return match idx (which must exist), moving the window to it if needed. */
static const struct pager_search_match *
pager_search_at(struct pager_search *ps, size_t idx)
{
	if (idx < ps->m_base || idx - ps->m_base >= ps->nm)
		pager_search_focus(ps, (size_t)-1, idx);
	if (idx < ps->m_base || idx - ps->m_base >= ps->nm) {
		/* XXX: cannot happen unless the text changed under the search. */
		static const struct pager_search_match none = { 0, 0 };
		return &none;
	}
	return &ps->m[idx - ps->m_base];
}

/*
 * Find and count every match of pat in d, unless the cache has them already; the first
 * PAGER_SEARCH_KEEP are kept, with checkpoints to find the others again.  Ctrl-C stops
 * the scan: SIGINT is let through while it runs and sets the cancel flag instead of ending
 * the pager; SIGTERM and SIGHUP stop it too (pager_term_intr_allow), and so does a key
 * (pager_term_watch_start): the key is then taken by the main loop at once, and the scan
 * is done again when next needed.  Returns 0, or -1 (with a message, but for a key) if
 * the pattern is bad or the scan was stopped.
 * XXX: each change of the pattern at the prompt scans the whole record again (a key typed
 * meanwhile stops that scan, so a long record does not slow typing).
 */
static int
pager_search_scan(struct pager *pg, const struct doc *d, const char *pat)
{
	struct pager_search *ps = pg->search;
	struct search *s;
	struct pager_view *v = pager_view_current(pg);
	char *cause;
	int r;

	/* A file still loading is loaded first (a fraction of a second); a stream is
	 * searched as far as it came, and again when it has grown. */
	if (v != NULL && v->d == d && !d->complete)
		pager_load_finish(pg, v);
	if (pager_search_cached(ps, d, pat))
		return ps->c_state == PAGER_SEARCH_DONE ? 0 : -1;
	if ((s = search_create(pat, strlen(pat), ps->flags, &cause)) == NULL) {
		pager_message(pg, "%s", cause);
		free(cause);
		return -1;
	}
	pager_search_drop(ps);
	free(ps->c_pat);
	ps->c_pat = xstrdup(pat);
	ps->c_flags = ps->flags;
	ps->c_doc = d;
	ps->c_len = d->text.len;
	ps->c_nsections = d->nsections;
	ps->cur_doc = NULL;
	ps->full = 1;
	ps->win_lo = 0;
	ps->win_hi = (size_t)-1;
	ps->check_every = 1;
	if (ps->checks == NULL)
		ps->checks = xreallocarray(NULL, PAGER_SEARCH_CHECKS, sizeof *ps->checks);
	free(ps->counts);
	ps->counts = xcalloc(d->nsections > 0 ? d->nsections : 1, sizeof *ps->counts);

	ps->cancel = 0;
	search_set_cancel(s, &ps->cancel);
	pager_term_intr_catch(&ps->cancel);
	pager_term_intr_allow(1);
	pager_term_watch_start(&ps->cancel);
	r = search_doc_all(s, d, 0, d->text.len, pager_search_collect, ps);
	pager_term_watch_stop();
	pager_term_intr_allow(0);
	if (!ps->edit.lead)
		pager_term_intr_catch(NULL);
	search_set_cancel(s, NULL);
	ps->c_s = s;
	ps->full = 0;
	if (ps->win_hi == (size_t)-1)
		ps->win_hi = ps->c_len;

	if (r == SEARCH_CANCELLED) {
		pager_search_drop(ps);
		memset(ps->counts, 0, (d->nsections > 0 ? d->nsections : 1) * sizeof *ps->counts);
		if (ps->cancel == PAGER_TERM_CANCEL_KEY) {
			/* A key stopped it: scanned again when next needed, after the key. */
			ps->cancel = 0;
			ps->c_state = PAGER_SEARCH_EMPTY;
			return -1;
		}
		ps->c_state = PAGER_SEARCH_CANCELLED;
		pager_message(pg, _("search cancelled"));
		return -1;
	}
	ps->c_state = PAGER_SEARCH_DONE;
	return 0;
}

/* Return the index of the first match at or after off (total if none), moving the window
 * to off if it is outside it. */
static size_t
pager_search_lower(struct pager_search *ps, size_t off)
{
	size_t lo, hi, mid;

	if (off < ps->win_lo || (off >= ps->win_hi && ps->win_hi < ps->c_len))
		pager_search_focus(ps, off, 0);
	lo = 0;
	hi = ps->nm;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ps->m[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return ps->m_base + lo;	/* m_base + nm: the first match past the window */
}

/* Put the visual line of match i at the top of v and make it the reading position. */
static void
pager_search_show(struct pager *pg, struct pager_view *v, size_t i)
{
	struct pager_pos pos = { 0, 0 };

	pg->search->cur_doc = v->d;
	pg->search->cur = i;
	if (v->lo == NULL)
		return;
	pos.off = pager_search_at(pg->search, i)->off;
	pager_view_show(pg, v, pos);
	if (v->lo->nlines > 0)
		v->anchor = pager_view_pos(v);
}


/* Return the match a search from byte offset off finds going down (the first at or after
 * it) or up (the last before it), wrapping around; *wrapped says whether it did.  There
 * must be matches. */
static size_t
pager_search_from(struct pager_search *ps, size_t off, int forward, int *wrapped)
{
	size_t i = pager_search_lower(ps, off);

	*wrapped = 0;
	if (forward) {
		if (i < ps->total)
			return i;
		*wrapped = 1;
		return 0;
	}
	if (i > 0)
		return i - 1;
	*wrapped = 1;
	return ps->total - 1;
}

/* Put v back where it was when the prompt opened. */
static void
pager_search_restore(struct pager *pg)
{
	struct pager_search *ps = pg->search;
	struct pager_view *v = ps->start_v;

	if (v == NULL || v->lo == NULL)
		return;
	pager_view_show(pg, v, ps->start_top);
	v->anchor = ps->start_anchor;
}

/* Say that the search wrapped around the end of the record. */
static void
pager_search_wrapped(struct pager *pg, int forward)
{
	if (forward)
		pager_message_brief(pg, _("continuing at TOP"),
		    _("search hit BOTTOM, continuing at TOP"));
	else
		pager_message_brief(pg, _("continuing at BOTTOM"),
		    _("search hit TOP, continuing at BOTTOM"));
}

static void	pager_search_accept(struct pager *);
static void	pager_search_cancel(struct pager *);
static void	pager_search_kana(struct pager *);
static void	pager_search_regex(struct pager *);
static void	pager_search_info(struct pager *, char *, size_t);

/* Open the search prompt: / searches down, ? up. */
void
pager_search_open(struct pager *pg, int dir)
{
	struct pager_search *ps = pg->search;
	struct pager_view *v = pager_view_current(pg);

	pager_edit_open(pg, &ps->edit, dir);
	ps->edit.accept = pager_search_accept;
	ps->edit.cancel = pager_search_cancel;
	ps->edit.option = pager_search_kana;
	ps->edit.regex = pager_search_regex;
	ps->edit.info = pager_search_info;
	ps->start_v = v;
	ps->start_anchor = v->anchor;
	ps->start_top = pager_view_pos(v);
	ps->start_anchor.off = ps->start_top.off;
	free(pg->msg);
	pg->msg = NULL;
	ps->cancel = 0;
	pager_term_intr_catch(&ps->cancel);
}

/* Close the prompt; SIGINT ends the pager again. */
static void
pager_search_close(struct pager *pg)
{
	pager_edit_close(pg);
	pager_term_intr_catch(NULL);
}

/* Esc or Ctrl-C at the prompt: close it and put the view back. */
static void
pager_search_cancel(struct pager *pg)
{
	struct pager_search *ps = pg->search;

	pager_search_restore(pg);
	pager_search_close(pg);
	ps->cur_doc = NULL;
}

/* Ctrl-K at the prompt: hiragana and katakana match each other, or not. */
static void
pager_search_kana(struct pager *pg)
{
	pg->search->flags ^= SEARCH_KANA_FOLD;
	pg->search->edit.dirty = 1;
}

/* Make the patterns regular expressions (on) or text, as --regex does at the start. */
void
pager_search_regex_set(struct pager_search *ps, int on)
{
	ps->flags = on ? ps->flags | SEARCH_REGEX : ps->flags & ~SEARCH_REGEX;
}

/* Ctrl-R at the prompt: the pattern is a regular expression (PCRE2), or text. */
static void
pager_search_regex(struct pager *pg)
{
	pg->search->flags ^= SEARCH_REGEX;
	pg->search->edit.dirty = 1;
}

/* Step n matches down (forward) or up from the current match if it is on the screen, else
 * from the top row; the match goes to the top row.  Says so when it wraps around. */
static void
pager_search_step(struct pager *pg, int forward, long n)
{
	struct pager_search *ps = pg->search;
	struct pager_view *v = pager_view_current(pg);
	size_t i, line, off;
	int wrapped = 0, w;

	if (ps->pat == NULL) {
		pager_message(pg, _("no previous search"));
		return;
	}
	ps->hidden = 0;
	if (ps->c_state == PAGER_SEARCH_CANCELLED)
		ps->c_state = PAGER_SEARCH_EMPTY;	/* asked again: scan again */
	if (pager_search_scan(pg, v->d, ps->pat) != 0)
		return;
	if (ps->total == 0) {
		pager_message_brief(pg, _("Not found"), _("Pattern not found"));
		return;
	}
	off = ps->cur_doc == v->d && ps->cur < ps->total ?
	    pager_search_at(ps, ps->cur)->off : LAYOUT_NO_OFF;
	line = off != LAYOUT_NO_OFF && v->lo != NULL && layout_window_has_off(v->lo, off) ?
	    layout_find_off(v->lo, off) : (size_t)-1;
	if (line != (size_t)-1 && line >= v->top &&
	    line < v->top + (size_t)(pg->g.body_rows > 0 ? pg->g.body_rows : 1)) {
		i = ps->cur;
	} else {
		/* Not on the screen: the first step is a search from the top row. */
		i = pager_search_from(ps, pager_view_pos(v).off, forward, &wrapped);
		n--;
	}
	for (; n > 0; n--) {
		w = forward ? i + 1 == ps->total : i == 0;
		i = forward ? (w ? 0 : i + 1) : (w ? ps->total - 1 : i - 1);
		wrapped |= w;
	}
	v->prev = v->anchor;
	v->prev_set = 1;
	pager_search_show(pg, v, i);
	if (wrapped)
		pager_search_wrapped(pg, forward);
}

/* n and N: the next match in the direction of the last search (N: the other way). */
void
pager_search_repeat(struct pager *pg, int reverse, long n)
{
	pager_search_step(pg, reverse ? !pg->search->forward : pg->search->forward, n);
}

/* Enter at the prompt: the typed pattern (or, if none, the last one) becomes the search
 * for n and N, and the view goes to its first match from where the prompt opened. */
static void
pager_search_accept(struct pager *pg)
{
	struct pager_search *ps = pg->search;
	struct pager_view *v = ps->start_v;
	int forward = ps->edit.lead == '/', wrapped;
	size_t i;

	if (ps->edit.len == 0) {
		pager_search_close(pg);
		ps->forward = forward;
		pager_search_step(pg, forward, 1);
		return;
	}
	pager_edit_remember(&ps->edit, ps->edit.buf);
	free(ps->pat);
	ps->pat = xstrdup(ps->edit.buf);
	ps->forward = forward;
	ps->hidden = 0;
	pager_search_close(pg);
	pager_search_restore(pg);
	if (ps->c_state == PAGER_SEARCH_CANCELLED)
		ps->c_state = PAGER_SEARCH_EMPTY;
	if (v != pager_view_current(pg) || pager_search_scan(pg, v->d, ps->pat) != 0)
		return;
	if (ps->total == 0) {
		ps->cur_doc = NULL;
		pager_message_brief(pg, _("Not found"), _("Pattern not found"));
		return;
	}
	i = pager_search_from(ps, ps->start_anchor.off, forward, &wrapped);
	v->prev = ps->start_anchor;
	v->prev_set = 1;
	pager_search_show(pg, v, i);
	if (wrapped)
		pager_search_wrapped(pg, forward);
}

/* Search down for pat from the top row as if it had been typed at the / prompt (a record
 * opened at a result of the search from the index, a start command).  Returns 0, or -1
 * if a key stopped the scan before it was done (it is for the caller to ask again). */
int
pager_search_set(struct pager *pg, const char *pat)
{
	struct pager_search *ps = pg->search;
	struct pager_view *v = pager_view_current(pg);

	pager_search_open(pg, '/');
	free(ps->edit.buf);
	ps->edit.buf = xstrdup(pat);
	ps->edit.len = strlen(pat);
	ps->edit.dirty = 1;
	pager_search_accept(pg);
	return v == NULL || pager_search_cached(ps, v->d, pat) ||
	    ps->c_state == PAGER_SEARCH_CANCELLED ? 0 : -1;
}

/* Esc in the text: hide the highlight until the next search (the pattern stays for n). */
void
pager_search_hide(struct pager *pg)
{
	pg->search->hidden = 1;
}

/*
 * Before each draw: Ctrl-C at the prompt closes it; a changed pattern moves the view to its
 * first match from where the prompt opened (or back there if there is none); and the
 * matches of the active pattern in the record shown are scanned if they are not yet.
 */
void
pager_search_update(struct pager *pg)
{
	struct pager_search *ps = pg->search;
	struct pager_view *v = pager_view_current(pg);
	const char *pat;
	size_t i;
	int wrapped;

	if (v == NULL)
		return;		/* the index: no text to search */
	if (ps->edit.lead && ps->cancel) {
		pager_search_cancel(pg);
		return;
	}
	if (ps->edit.lead && ps->edit.dirty) {
		ps->edit.dirty = 0;
		ps->cur_doc = NULL;
		if (v != ps->start_v)
			return;
		if (ps->edit.len == 0 || pager_search_scan(pg, v->d, ps->edit.buf) != 0 ||
		    ps->total == 0) {
			if (ps->c_state == PAGER_SEARCH_EMPTY && ps->edit.len > 0)
				ps->edit.dirty = 1;	/* a key stopped the scan: again after it */
			if (ps->cancel)
				pager_search_cancel(pg);
			else
				pager_search_restore(pg);
			return;
		}
		i = pager_search_from(ps, ps->start_anchor.off, ps->edit.lead == '/', &wrapped);
		pager_search_show(pg, v, i);
		return;
	}
	if ((pat = pager_search_active(ps)) != NULL && !ps->hidden &&
	    !pager_search_cached(ps, v->d, pat))
		pager_search_scan(pg, v->d, pat);
}

/* Drop what the search keeps of d (its matches, the current match): d is about to be
 * freed, and a doc made later may get its address. */
void
pager_search_forget(struct pager *pg, const struct doc *d)
{
	struct pager_search *ps = pg->search;

	if (ps->c_doc == d) {
		ps->c_doc = NULL;
		ps->c_state = PAGER_SEARCH_EMPTY;
		pager_search_drop(ps);
	}
	if (ps->cur_doc == d)
		ps->cur_doc = NULL;
}

/* Return 1 if matches of the active pattern in d are to be shown. */
static int
pager_search_showing(const struct pager_search *ps, const struct doc *d)
{
	const char *pat = pager_search_active(ps);

	if (pat == NULL || (ps->hidden && !ps->edit.lead))
		return 0;
	return pager_search_cached(ps, d, pat) && ps->c_state == PAGER_SEARCH_DONE;
}

/* Return what the character of d at byte offset off is: PAGER_SEARCH_HIT inside a match,
 * PAGER_SEARCH_HIT_CUR inside the current one, 0 elsewhere. */
int
pager_search_hit(struct pager *pg, const struct doc *d, size_t off)
{
	struct pager_search *ps = pg->search;
	const struct pager_search_match *m;
	size_t i;

	if (off == LAYOUT_NO_OFF || !pager_search_showing(ps, d) || ps->total == 0)
		return 0;
	i = pager_search_lower(ps, off + 1);
	if (i == 0)
		return 0;
	i--;
	m = pager_search_at(ps, i);
	if (off >= m->off + m->len)
		return 0;
	if (ps->cur_doc == d && ps->cur == i)
		return PAGER_SEARCH_HIT_CUR;
	return PAGER_SEARCH_HIT;
}

/* Return the matches of the active pattern in outline entry section of d (not its
 * children), 0 if none or no search. */
size_t
pager_search_section_count(struct pager *pg, const struct doc *d, size_t section)
{
	struct pager_search *ps = pg->search;

	if (!pager_search_showing(ps, d) || section >= d->nsections ||
	    section >= ps->c_nsections)
		return 0;
	return ps->counts[section];
}

/* Write the status line's part for the search in d ("match 3/9", or "9 matches" when the
 * current match is elsewhere) to buf; returns 0 if there is nothing to say (no matches). */
int
pager_search_status(struct pager *pg, const struct doc *d, char *buf, size_t size)
{
	struct pager_search *ps = pg->search;

	if (!pager_search_showing(ps, d) || ps->total == 0 || size == 0)
		return 0;
	if (ps->cur_doc == d && ps->cur < ps->total)
		snprintf(buf, size, _("match %zu/%zu"), ps->cur + 1, ps->total);
	else
		snprintf(buf, size, ngettext("%zu match", "%zu matches", ps->total), ps->total);
	return 1;
}

/* Write what the prompt shows on its right to buf: what was found for the pattern typed so
 * far (or that a key was refused: the pattern is at its longest), and the state of the
 * kana toggle. */
static void
pager_search_info(struct pager *pg, char *buf, size_t size)
{
	struct pager_search *ps = pg->search;
	struct pager_view *v = pager_view_current(pg);
	size_t n;

	buf[0] = '\0';
	if (ps->edit.too_long)
		snprintf(buf, size, _("  too long (%d KiB at most)"), PAGER_SEARCH_MAX_LEN / 1024);
	else if (ps->edit.len == 0 || v == NULL)
		;
	else if (pager_search_showing(ps, v->d) && ps->total > 0 && ps->cur_doc == v->d)
		snprintf(buf, size, "  %zu/%zu", ps->cur + 1, ps->total);
	else if (pager_search_showing(ps, v->d))
		snprintf(buf, size, "%s", _("  Pattern not found"));
	n = strlen(buf);
	snprintf(buf + n, size - n, "  ^R regex:%s  ^K かな=カナ:%s ",
	    (ps->flags & SEARCH_REGEX) ? "on" : "off",
	    (ps->flags & SEARCH_KANA_FOLD) ? "on" : "off");
}
