/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input-map.c: the mapped files the input layer has live, giving back the pages of one
 * that are not needed now, and what to do when one of them shrinks under us.  Touching a page of a mapping past the new end of its file raises
 * SIGBUS; the handler here maps zero pages over the rest of that mapping, so the reading
 * goes on with NUL bytes (shown as ^@), and notes that the file changed.  A SIGBUS
 * anywhere else still kills the process.  Never prints, never exits. */

#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "xmalloc.h"

/* One live mapping.  SIGBUS is synchronous (raised by our own access to a mapping, never
 * while this table is being changed) and kiroku has one thread, so the handler may read
 * the table without locks. */
struct input_map {
	uintptr_t		addr;		/* first byte mapped */
	size_t			len;		/* bytes mapped */
	volatile sig_atomic_t	faulted;	/* 1: the file shrank; zero pages from there */
};

static struct input_map	*input_maps;		/* owned, nmaps used of maps_alloc */
static size_t		 input_nmaps;
static size_t		 input_maps_alloc;
static uintptr_t	 input_page_len;	/* bytes in a page, read before any fault */

/* Set by the SIGBUS handler when it saved a read from a mapping; the pager clears it. */
volatile sig_atomic_t	 input_map_changed;

/* Register the mapping of len bytes at map, before anything reads it. */
void
input_map_add(void *map, size_t len)
{
	struct input_map *m;

	if (input_page_len == 0)
		input_page_len = (uintptr_t)sysconf(_SC_PAGESIZE);
	if (input_nmaps == input_maps_alloc) {
		input_maps_alloc = input_maps_alloc == 0 ? 16 : input_maps_alloc * 2;
		input_maps = xreallocarray(input_maps, input_maps_alloc, sizeof *input_maps);
	}
	m = &input_maps[input_nmaps];
	m->addr = (uintptr_t)map;
	m->len = len;
	m->faulted = 0;
	input_nmaps++;
}

/* Return the registered mapping at map, or NULL. */
static struct input_map *
input_map_find(const void *map)
{
	size_t i;

	for (i = 0; i < input_nmaps; i++) {
		if (input_maps[i].addr == (uintptr_t)map)
			return &input_maps[i];
	}
	return NULL;
}

/* Forget the mapping at map (the caller unmaps it); the table is freed when empty. */
void
input_map_remove(const void *map)
{
	struct input_map *m;

	if ((m = input_map_find(map)) == NULL)
		return;
	*m = input_maps[--input_nmaps];
	if (input_nmaps == 0) {
		free(input_maps);
		input_maps = NULL;
		input_maps_alloc = 0;
	}
}

/* Give back the pages of the registered mapping at map that lie wholly in its bytes
 * [from, to) (to at the end: its last page too).  Every mapping registered is a read-only
 * private map of a file (or the zero pages of a rescue), never written: what a page held
 * comes back from the file (the page cache, mostly) when it is read again, so nothing is
 * lost, and the process's resident set no longer counts it. */
void
input_map_release(const void *map, size_t from, size_t to)
{
	struct input_map *m;
	uintptr_t first, last;

	if ((m = input_map_find(map)) == NULL || from >= to || from >= m->len)
		return;
	if (to > m->len)
		to = m->len;
	first = (m->addr + from + input_page_len - 1) & ~(input_page_len - 1);
	last = to == m->len ? (m->addr + to + input_page_len - 1) & ~(input_page_len - 1) :
	    (m->addr + to) & ~(input_page_len - 1);
	if (first < last)
		madvise((void *)first, last - first, MADV_DONTNEED);	/* a hint: errors do not matter */
}

/* Return 1 if the file behind the mapping at map shrank while it was read. */
int
input_map_faulted(const void *map)
{
	struct input_map *m = input_map_find(map);

	return m != NULL && m->faulted;
}

/* Save a read at addr if it lies in a registered mapping: zero pages over the rest of the
 * mapping from addr's page.  Only async-signal-safe calls.  Returns 1 if saved. */
static int
input_map_rescue(uintptr_t addr)
{
	struct input_map *m;
	uintptr_t page, end;
	size_t i;

	for (i = 0; i < input_nmaps; i++) {
		m = &input_maps[i];
		if (addr < m->addr || addr - m->addr >= m->len)
			continue;
		page = addr & ~(input_page_len - 1);
		end = (m->addr + m->len + input_page_len - 1) & ~(input_page_len - 1);
		if (mmap((void *)page, end - page, PROT_READ,
		    MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
			return 0;
		m->faulted = 1;
		input_map_changed = 1;
		return 1;
	}
	return 0;
}

/* The SIGBUS handler: rescue a read from our mappings, else die of the signal as if no
 * handler were there. */
static void
input_map_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	struct sigaction sa;
	int saved_errno = errno;

	(void)uc;
	if (si != NULL && si->si_code > 0 && input_map_rescue((uintptr_t)si->si_addr)) {
		errno = saved_errno;
		return;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	raise(sig);	/* delivered on return, or the access faults again: either way, death */
	errno = saved_errno;
}

/* Install the SIGBUS handler that keeps a shrunk mapped file from killing the program;
 * safe to call more than once. */
void
input_map_catch(void)
{
	struct sigaction sa;

	if (input_page_len == 0)
		input_page_len = (uintptr_t)sysconf(_SC_PAGESIZE);
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = input_map_on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

/* Return 1 if the file t was read from has changed since: its mapping lost pages, or path
 * (the file t came from) has another size or modification time now.  0 for text that did
 * not come from a regular file, or when path cannot be looked at. */
int
input_text_changed(const struct input_text *t, const char *path)
{
	struct stat sb;

	if (t->map != NULL && input_map_faulted(t->map))
		return 1;
	if (input_load_map(t) != NULL && input_map_faulted(input_load_map(t)))
		return 1;
	if (t->file_mtime_ns == 0 || path == NULL || stat(path, &sb) != 0)
		return 0;
	return (size_t)sb.st_size != t->file_len ||
	    (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec != t->file_mtime_ns;
}
