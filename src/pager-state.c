/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-state.c: opening and leaving records: a record is opened (its first chunk loaded,
 * the rest by pager-load.c) when first shown, its reading position and marks restored from the state file, and saved there when it is
 * left and when the pager quits.  A state file that cannot be read or written costs one
 * status-line message; secure mode (po->secure) reads it but never writes anything. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "layout.h"
#include "library.h"
#include "nls.h"
#include "pager.h"
#include "xmalloc.h"

static void	pager_state_save(struct pager *);

/* Load the state file; a corrupt or unreadable one is said once in the status line. */
void
pager_state_start(struct pager *pg)
{
	char *cause;

	pg->state = library_state_load(NULL, pg->po->secure ? LIBRARY_STATE_READONLY : 0,
	    &cause);
	if (cause != NULL) {
		pager_message(pg, _("state: %s"), cause);
		free(cause);
	}
}

/* Return the byte offset the state file keeps for position pos of v.  A blank line shares
 * its offset with the first line of the block below it and the file keeps a bare offset, so
 * a blank one is kept as the offset of the LF before that block: no visual line starts at
 * an LF (a block is a line without its LF). */
static size_t
pager_state_pos_off(const struct pager_view *v, struct pager_pos pos)
{
	if (pos.blank && pos.off > 0 && pos.off <= v->d->text.len &&
	    v->d->text.buf[pos.off - 1] == '\n')
		return pos.off - 1;
	return pos.off;
}

/* Return the position of v that byte offset off from the state file stands for: the
 * offset of an LF is the blank line before the block after it (pager_state_pos_off). */
static struct pager_pos
pager_state_pos(const struct pager_view *v, size_t off)
{
	struct pager_pos pos = { off, 0 };

	if (off < v->d->text.len && v->d->text.buf[off] == '\n') {
		pos.off = off + 1;
		pos.blank = 1;
	}
	return pos;
}

/* Put the saved position and marks of entry i back into its view, if the state file has
 * them for this very text (same fingerprint): only once the record has loaded, the
 * fingerprint needing its end; the position only if v->restore_wait says the reader has
 * not moved meanwhile. */
void
pager_state_restore(struct pager *pg, size_t i, struct pager_view *v)
{
	size_t pos, marks[LIBRARY_STATE_NMARKS], len = v->d->text.len;
	int m, wait = v->restore_wait;

	if (!v->d->complete)
		return;
	v->restore_wait = 0;
	v->fingerprint = library_state_fingerprint(v->d->text.buf, len);
	if (pg->state == NULL || library_state_get(pg->state, pg->lib->entries[i].path,
	    v->fingerprint, &pos, marks) != 0)
		return;
	if (wait && pos != LIBRARY_STATE_NONE && pos <= len) {
		v->anchor = pager_state_pos(v, pos);
		if (v->lo != NULL)
			pager_view_show(pg, v, v->anchor);
	}
	for (m = 0; m < LIBRARY_STATE_NMARKS && m < PAGER_NMARKS; m++) {
		if (marks[m] == LIBRARY_STATE_NONE || marks[m] > len)
			continue;
		v->marks[m] = pager_state_pos(v, marks[m]);
		v->marks_set |= 1U << m;
	}
}

/* Open entry i in the reader, loading it if it is not yet: at byte offset off, or where
 * it was last left when off is (size_t)-1.  The record being read is left (and saved)
 * first.  Returns 0, or -1 with a message if it cannot be read (it is then listed as
 * unreadable in the index). */
int
pager_record_open(struct pager *pg, size_t i, size_t off)
{
	struct library_entry *e = &pg->lib->entries[i];
	struct pager_view *v = pg->views[i];
	struct doc *d;
	char *cause;

	if (v == NULL || v->d == NULL) {
		if (e->error != NULL) {
			pager_message(pg, "%s: %s", e->name, e->error);
			return -1;
		}
		if ((d = doc_open(e->path, pg->lib->encoding, &cause)) == NULL) {
			pager_message(pg, "%s: %s", e->name, cause);
			library_entry_set_error(pg->lib, i, cause);
			free(cause);
			return -1;
		}
		if (v == NULL)
			v = pg->views[i] = xcalloc(1, sizeof *v);
		v->d = d;
	}
	if (e->flags & LIBRARY_ENTRY_STREAM)
		library_entry_update(pg->lib, i, v->d);	/* its head could not be read */
	if (v->fingerprint == NULL) {
		v->restore_wait = 1;
		pager_state_restore(pg, i, v);	/* else when it has loaded */
	}
	if (pager_screen_base(pg) == PAGER_SCREEN_READER && pg->cur != i)
		pager_record_leave(pg);
	if (off != (size_t)-1)
		pager_view_top_off(pg, v, off);
	else if (pg->start_pending) {
		/* The start command (+G, +NUM, +/PATTERN) wins over the saved position;
		 * it is applied once the reader is laid out (pager_start_apply). */
		pg->start_pending = 0;
		pg->start_view = v;
		v->restore_wait = 0;
	}
	pg->cur = i;
	pager_screen_reset(pg, PAGER_SCREEN_READER);
	pg->region = e->region;
	pg->outline_top = 0;
	pg->outline_sel = 0;
	return 0;
}

/* Remember where the record being read is and its marks, in memory. */
static void
pager_state_remember(struct pager *pg)
{
	struct pager_view *v;
	size_t marks[LIBRARY_STATE_NMARKS];
	int m;

	if (pg->state == NULL || pager_screen_base(pg) != PAGER_SCREEN_READER)
		return;
	if ((v = pg->views[pg->cur]) == NULL || v->d == NULL || v->fingerprint == NULL)
		return;
	for (m = 0; m < LIBRARY_STATE_NMARKS; m++) {
		marks[m] = LIBRARY_STATE_NONE;
		if (m < PAGER_NMARKS && (v->marks_set & (1U << m)))
			marks[m] = pager_state_pos_off(v, v->marks[m]);
	}
	library_state_set(pg->state, pg->lib->entries[pg->cur].path, v->fingerprint,
	    pager_state_pos_off(v, v->anchor), marks);
}

/* Leave the record being read: remember its position and marks and write the state file. */
void
pager_record_leave(struct pager *pg)
{
	if (pager_screen_base(pg) != PAGER_SCREEN_READER)
		return;
	pager_state_remember(pg);
	pager_state_save(pg);
}

/* Write the state file (nothing in secure mode); the first failure is said in the status
 * line, later ones are silent (library_state_save returns a cause only once). */
static void
pager_state_save(struct pager *pg)
{
	char *cause;

	if (pg->state == NULL || library_state_count(pg->state) == 0)
		return;
	if (library_state_save(pg->state, &cause) != 0 && cause != NULL) {
		pager_message(pg, _("state not saved: %s"), cause);
		free(cause);
	}
}

/* On quitting (the terminal already restored): save the position of the record being read;
 * a failure not said before goes to standard error, unless a signal ends the pager (the
 * terminal may be gone). */
void
pager_state_quit(struct pager *pg)
{
	char *cause, *v;
	int cols;

	if (pg->state == NULL)
		return;
	pager_state_remember(pg);
	if (library_state_count(pg->state) == 0)
		return;
	if (library_state_save(pg->state, &cause) != 0 && cause != NULL) {
		if (pager_term_signal() == 0) {
			/* The cause names the state file: $XDG_STATE_HOME may hold anything. */
			v = layout_text_visible(cause, strlen(cause), -1, &cols);
			fprintf(stderr, _("kiroku: state not saved: %s\n"), v);
			free(v);
		}
		free(cause);
	}
}

/* Free the state. */
void
pager_state_free(struct pager *pg)
{
	library_state_free(pg->state);
	pg->state = NULL;
}
