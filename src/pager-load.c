/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-load.c: records that are still loading.  A record opens with its first chunk
 * parsed (doc_open); a loader thread reads, checks or converts and parses the rest a
 * megabyte at a time, while the main loop waits for keys.  The two take turns on one lock:
 * the main loop holds it whenever it is not waiting (keys, drawing, everything that reads a
 * record), the loader for one step at a time and never when the main loop asks for it, so
 * a key waits at most one step.  The loader wakes the main loop through a pipe when there
 * is something new to draw.  What needs a whole file (%, a search, the saved position)
 * finishes it in the main loop.  A stream is read only PAGER_LOAD_AHEAD past the reading
 * position. */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "doc.h"
#include "input.h"
#include "library.h"
#include "nls.h"
#include "pager.h"
#include "xmalloc.h"

#define PAGER_LOAD_STEP		((size_t)1 << 20)	/* bytes of input a doc_load_more call takes */
#define PAGER_LOAD_NOTIFY_MS	40	/* the loader wakes the main loop at most this often */
#define PAGER_LOAD_POLL_MS	100	/* a stream with nothing to read is looked at again after */
/* A stream is read no further than this past the reading position: an endless pipe
 * (yes | kiroku) takes memory for what the reader may reach, not all it could give. */
#define PAGER_LOAD_AHEAD	((size_t)32 << 20)	/* bytes */

/* The loader thread and what it shares with the main loop. */
static struct {
	pthread_mutex_t	 lock;		/* held by the main loop but while it waits */
	pthread_t	 thread;
	int		 running;	/* a thread was started and not joined yet */
	atomic_int	 done;		/* the thread found nothing more to load and ended */
	atomic_int	 stop;		/* the thread is to end */
	atomic_int	 main_waits;	/* the main loop wants the lock: step aside */
	atomic_int	 notified;	/* a byte is in the pipe, not read yet */
	int		 pipe[2];	/* loader -> main loop: something new to draw */
} pager_loader = { .lock = PTHREAD_MUTEX_INITIALIZER, .pipe = { -1, -1 } };

/* Return the time now in milliseconds (monotonic). */
static long long
pager_load_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Return the view to load next: the current record first, then any other still loading;
 * NULL if none is.  The lock is held. */
static struct pager_view *
pager_load_next(struct pager *pg, size_t *entry)
{
	struct pager_view *v;
	size_t i;

	if (pager_screen_base(pg) == PAGER_SCREEN_READER && (v = pg->views[pg->cur]) != NULL &&
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

/* Take the lock for the main loop: the loader gives it up after its step. */
void
pager_load_lock(void)
{
	atomic_store(&pager_loader.main_waits, 1);
	pthread_mutex_lock(&pager_loader.lock);
	atomic_store(&pager_loader.main_waits, 0);
}

/* Give the lock up while the main loop waits for a key. */
void
pager_load_unlock(void)
{
	pthread_mutex_unlock(&pager_loader.lock);
}

/* Wake the main loop (not more often than PAGER_LOAD_NOTIFY_MS unless force). */
static void
pager_load_notify(long long *last, int force)
{
	long long now = pager_load_now_ms();
	char c = 0;

	if (!force && now - *last < PAGER_LOAD_NOTIFY_MS)
		return;
	*last = now;
	if (atomic_exchange(&pager_loader.notified, 1) == 0 &&
	    write(pager_loader.pipe[1], &c, 1) != 1)
		atomic_store(&pager_loader.notified, 0);
}

/* The loader thread: a step of the record to load at a time under the lock, a stream
 * waited for without it; it ends when nothing is left to load or when told to. */
static void *
pager_load_main(void *arg)
{
	struct pager *pg = arg;
	struct pager_view *v;
	struct pollfd pfd;
	long long last = 0;
	size_t i;
	int fd, more, paused;

	while (!atomic_load(&pager_loader.stop)) {
		pthread_mutex_lock(&pager_loader.lock);
		if ((v = pager_load_next(pg, &i)) == NULL) {
			atomic_store(&pager_loader.done, 1);
			pthread_mutex_unlock(&pager_loader.lock);
			pager_load_notify(&last, 1);
			break;
		}
		if ((fd = input_text_poll_fd(&v->d->text)) >= 0 &&
		    v->d->text.len - (v->anchor.off < v->d->text.len ? v->anchor.off : 0) >
		    PAGER_LOAD_AHEAD) {
			/* Far enough ahead of the reader: look again later (the reader
			 * moving on, G among them, lets it read on). */
			paused = !v->load_paused;
			v->load_paused = 1;
			pthread_mutex_unlock(&pager_loader.lock);
			if (paused)
				pager_load_notify(&last, 1);	/* the status line says so */
			poll(NULL, 0, PAGER_LOAD_POLL_MS);
			continue;
		}
		v->load_paused = 0;
		if (fd >= 0) {
			/* A stream: wait for bytes without the lock, then take them. */
			pthread_mutex_unlock(&pager_loader.lock);
			pfd.fd = fd;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, PAGER_LOAD_POLL_MS) == 0)
				continue;
			pthread_mutex_lock(&pager_loader.lock);
			if (pager_load_next(pg, &i) != v) {
				pthread_mutex_unlock(&pager_loader.lock);
				continue;
			}
		}
		input_text_keep(&v->d->text, v->anchor.off);
		more = doc_load_more(v->d, PAGER_LOAD_STEP);
		pthread_mutex_unlock(&pager_loader.lock);
		pager_load_notify(&last, !more || fd >= 0);
		while (atomic_load(&pager_loader.main_waits) && !atomic_load(&pager_loader.stop))
			sched_yield();
	}
	return NULL;
}

/* A record finished loading: say so if its input failed midway, name it in the index
 * if its head could not be read before (a stream), and put back its saved position
 * unless the reader has moved since it opened. */
static void
pager_load_done(struct pager *pg, size_t i, struct pager_view *v)
{
	struct library_entry *e = &pg->lib->entries[i];

	v->load_seen = 1;
	if (v->d->load_error != NULL)
		pager_message(pg, _("%s: %s (the text before is shown)"), e->name,
		    v->d->load_error);
	if (e->flags & LIBRARY_ENTRY_STREAM)
		library_entry_update(pg->lib, i, v->d);
	if (v->fingerprint == NULL)
		pager_state_restore(pg, i, v);
}

/* Return the descriptor the main loop waits on besides the terminal: readable when the
 * loader has something new. */
int
pager_load_fd(void)
{
	return pager_loader.pipe[0];
}

/* In the main loop, with the lock: start the loader if a record is loading and none
 * runs, and take what the loader did: records it finished, a G following the end.
 * Returns 0. */
int
pager_load_update(struct pager *pg)
{
	struct pager_view *v;
	size_t i;
	char buf[64];

	if (pager_loader.pipe[0] == -1) {
		if (pipe(pager_loader.pipe) != 0)
			pager_loader.pipe[0] = pager_loader.pipe[1] = -1;
		else {
			fcntl(pager_loader.pipe[0], F_SETFL, O_NONBLOCK);
			fcntl(pager_loader.pipe[0], F_SETFD, FD_CLOEXEC);
			fcntl(pager_loader.pipe[1], F_SETFD, FD_CLOEXEC);
		}
	}
	if (atomic_exchange(&pager_loader.notified, 0))
		while (read(pager_loader.pipe[0], buf, sizeof buf) > 0)
			;
	for (i = 0; i < pg->lib->nentries; i++) {
		if ((v = pg->views[i]) != NULL && v->d != NULL && v->d->complete &&
		    !v->load_seen)
			pager_load_done(pg, i, v);
	}
	if ((v = pager_view_current(pg)) != NULL && v->follow_end)
		pager_view_follow_end(pg, v);

	if (pager_loader.running && atomic_load(&pager_loader.done)) {
		pthread_join(pager_loader.thread, NULL);
		pager_loader.running = 0;
	}
	if (!pager_loader.running && (v = pager_load_next(pg, &i)) != NULL) {
		atomic_store(&pager_loader.done, 0);
		atomic_store(&pager_loader.stop, 0);
		if (pager_loader.pipe[0] != -1 &&
		    xthread_start(&pager_loader.thread, pager_load_main, pg) == 0)
			pager_loader.running = 1;
		/* No thread: a file is loaded at once. */
		if (!pager_loader.running && pager_load_finish(pg, v))
			pager_load_update(pg);
	}
	return 0;
}

/* Stop the loader and wait for it (the pager ends); the lock is held and stays held. */
void
pager_load_stop(void)
{
	if (pager_loader.running) {
		atomic_store(&pager_loader.stop, 1);
		pthread_mutex_unlock(&pager_loader.lock);
		pthread_join(pager_loader.thread, NULL);
		pthread_mutex_lock(&pager_loader.lock);
		pager_loader.running = 0;
	}
	if (pager_loader.pipe[0] != -1) {
		close(pager_loader.pipe[0]);
		close(pager_loader.pipe[1]);
		pager_loader.pipe[0] = pager_loader.pipe[1] = -1;
	}
}

/* With the lock: load v's record to its end now (%, a search): a file takes a fraction of
 * a second; a stream is not waited for (it may never end) and 0 is returned then with a
 * message.  Returns 1 if the record is complete. */
int
pager_load_finish(struct pager *pg, struct pager_view *v)
{
	size_t i;

	if (v->d == NULL || v->d->complete)
		return 1;
	if (input_text_poll_fd(&v->d->text) >= 0) {
		pager_message(pg, _("still reading %s: this is what came so far"), v->d->name);
		return 0;
	}
	while (doc_load_more(v->d, PAGER_LOAD_STEP * 16))
		;
	for (i = 0; i < pg->lib->nentries; i++) {
		if (pg->views[i] == v && !v->load_seen)
			pager_load_done(pg, i, v);
	}
	return 1;
}
