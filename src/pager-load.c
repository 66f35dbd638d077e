/* pager-load.c: records that are still loading.  A record opens with its first chunk
 * parsed (doc_open) and the rest is read, checked or converted and parsed between keys,
 * in slices short enough that a key is never kept waiting long; what needs the whole
 * record (G, a search, the saved position) finishes it first.  Standard input is read as
 * it comes, the screen following it. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "doc.h"
#include "input.h"
#include "library.h"
#include "pager.h"

#define PAGER_LOAD_SLICE_MS	20	/* the longest one slice of loading keeps keys waiting */
#define PAGER_LOAD_STEP		((size_t)1 << 20)	/* bytes of input a doc_load_more call takes */

/* Return the time now in milliseconds (monotonic). */
static long long
pager_load_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Return the view to load next: the current record first, then any other still loading;
 * NULL if none is. */
static struct pager_view *
pager_load_next(struct pager *pg, size_t *entry)
{
	struct pager_view *v;
	size_t i;

	if (pg->screen == PAGER_SCREEN_TEXT && (v = pg->views[pg->cur]) != NULL &&
	    v->d != NULL && !v->d->complete) {
		*entry = pg->cur;
		return v;
	}
	for (i = 0; i < pg->lib->nentries; i++) {
		if ((v = pg->views[i]) != NULL && v->d != NULL && !v->d->complete) {
			*entry = i;
			return v;
		}
	}
	return NULL;
}

/* Return 1 if a record is still loading; *fd is then the descriptor to wait on before
 * more can be read (a stream), or -1 if there is work to do at once. */
int
pager_load_pending(struct pager *pg, int *fd)
{
	struct pager_view *v;
	size_t i;

	*fd = -1;
	if ((v = pager_load_next(pg, &i)) == NULL)
		return 0;
	*fd = input_text_poll_fd(&v->d->text);
	return 1;
}

/* A record finished loading: say so if its input failed midway, name it in the index
 * if its head could not be read before (a stream), and put back its saved position
 * unless the reader has moved since it opened. */
static void
pager_load_done(struct pager *pg, size_t i, struct pager_view *v)
{
	struct library_entry *e = &pg->lib->entries[i];

	if (v->d->load_error != NULL)
		pager_message(pg, "%s: %s (the text before is shown)", e->name,
		    v->d->load_error);
	if (e->flags & LIBRARY_ENTRY_STREAM)
		library_entry_update(pg->lib, i, v->d);
	if (v->fingerprint == NULL)
		pager_state_restore(pg, i, v);
}

/* Load some more of a record still loading, for at most PAGER_LOAD_SLICE_MS. */
void
pager_load_work(struct pager *pg)
{
	struct pager_view *v;
	long long start = pager_load_now_ms();
	size_t i;
	int more;

	if ((v = pager_load_next(pg, &i)) == NULL)
		return;
	do {
		more = doc_load_more(v->d, PAGER_LOAD_STEP);
		if (input_text_poll_fd(&v->d->text) >= 0)
			break;	/* a stream: read only what was ready */
	} while (more && pager_load_now_ms() - start < PAGER_LOAD_SLICE_MS);
	if (!more)
		pager_load_done(pg, i, v);
	if (v->follow_end && v == pager_view_current(pg))
		pager_view_follow_end(pg, v);
}

/* Load v's record to its end now (%, a search): a file takes a fraction of a second; a
 * stream is not waited for (it may never end) and 0 is returned then with a message.
 * Returns 1 if the record is complete. */
int
pager_load_finish(struct pager *pg, struct pager_view *v)
{
	size_t i;

	if (v->d == NULL || v->d->complete)
		return 1;
	if (input_text_poll_fd(&v->d->text) >= 0) {
		pager_message(pg, "still reading %s: this is what came so far", v->d->name);
		return 0;
	}
	while (doc_load_more(v->d, PAGER_LOAD_STEP * 16))
		;
	for (i = 0; i < pg->lib->nentries; i++) {
		if (pg->views[i] == v)
			pager_load_done(pg, i, v);
	}
	return 1;
}
