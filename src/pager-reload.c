/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-reload.c: a record whose file changed on disk while it is read.  The input layer's
 * SIGBUS handler keeps a shrunk mapped file from killing us (the lost part reads as NULs);
 * here the status line says so and R reads the record again at the same byte offset.
 * Only the record's view changes; the library's index keeps what it read of the head. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "layout.h"
#include "library.h"
#include "nls.h"
#include "pager.h"
#include "xmalloc.h"

#define PAGER_RELOAD_MSG	_("changed on disk: R to reload")

/* Return the view of the record being read (not the help), or NULL. */
static struct pager_view *
pager_reload_view(struct pager *pg)
{
	struct pager_view *v;

	if (pager_screen_has(pg, PAGER_SCREEN_HELP) ||
	    pager_screen_base(pg) != PAGER_SCREEN_READER)
		return NULL;
	if ((v = pg->views[pg->cur]) == NULL || v->d == NULL)
		return NULL;
	return v;
}

/* Before and after each draw: if the record's file changed on disk (its mapping lost pages,
 * or it has another size or time now), say so in the status line unless something else is
 * said there.  Returns 1 if the message was put up (the caller draws again). */
int
pager_reload_check(struct pager *pg)
{
	struct pager_view *v;

	if ((v = pager_reload_view(pg)) == NULL || pg->msg != NULL)
		return 0;
	if (!input_text_changed(&v->d->text, pg->lib->entries[pg->cur].path))
		return 0;
	pager_message_brief(pg, _("changed: R reloads"), "%s", PAGER_RELOAD_MSG);
	return 1;
}

/* Keep a position of v inside a text now len bytes long: 1 if it still is, 0 if not. */
static int
pager_reload_clamp(struct pager_pos *pos, size_t len)
{
	if (pos->off <= len)
		return 1;
	pos->off = len;
	pos->blank = 0;
	return 0;
}

/* R: read the record being read again, at the same byte offset (or its new end), marks
 * past the new end dropped, its title, date and region in the index read again.  On
 * failure the old text stays and the status line says why. */
void
pager_reload(struct pager *pg)
{
	struct pager_view *v;
	struct library_entry *e;
	struct doc *d;
	size_t len;
	char *cause;
	int m;

	if ((v = pager_reload_view(pg)) == NULL)
		return;
	e = &pg->lib->entries[pg->cur];
	if (e->flags & LIBRARY_ENTRY_STREAM) {
		pager_message(pg, _("standard input cannot be read again"));
		return;
	}
	if ((d = doc_create(e->path, pg->lib->encoding, &cause)) == NULL) {
		pager_message(pg, _("cannot reload: %s"), cause);
		free(cause);
		return;
	}
	/* Nothing may keep the old doc's address: a later doc could get it. */
	pager_search_forget(pg, v->d);
	pager_view_tops_clear(v);
	if (v->lo != NULL)
		layout_free(v->lo);
	v->lo = NULL;
	v->lo_cols = 0;
	doc_free(v->d);
	v->d = d;
	input_map_changed = 0;
	library_entry_update(pg->lib, pg->cur, d);
	pg->region = pg->lib->entries[pg->cur].region;

	len = d->text.len;
	pager_reload_clamp(&v->anchor, len);
	for (m = 0; m < PAGER_NMARKS; m++) {
		if ((v->marks_set & (1U << m)) && !pager_reload_clamp(&v->marks[m], len))
			v->marks_set &= ~(1U << m);
	}
	if (v->prev_set && !pager_reload_clamp(&v->prev, len))
		v->prev_set = 0;
	free(v->fingerprint);
	v->fingerprint = library_state_fingerprint(d->text.buf, len);

	/* Lay it out now so that a position past the new end shows a full last page. */
	pager_view_layout(pg, v, pg->g.notice ? 1 : pg->g.text_cols);
	pager_view_clamp_end(pg, v);
	if (v->top < v->lo->nlines) {
		v->anchor.off = v->lo->lines[v->top].off;
		v->anchor.blank = v->lo->lines[v->top].kind == LAYOUT_LINE_BLANK;
	}
	pager_message(pg, _("reloaded (%zu bytes)"), len);
}
