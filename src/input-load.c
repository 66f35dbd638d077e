/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input-load.c: loading a record in steps, so a huge file or a slow stream shows at once.
 * input_text_start() detects the encoding from a prefix and makes a first chunk clean;
 * input_text_more() validates, cleans or converts the next bytes, chunk by chunk, reading
 * a stream only when it has bytes ready.  Clean UTF-8 stays zero copy; growing buffers are
 * reserved address space, so their base does not move.  A big mapped file is not kept
 * resident whole: the pages behind what is done (converted, or parsed: input_text_release)
 * are given back, but around the reading position, and the thread checking ahead runs
 * only so far ahead.  Never prints, never exits. */

#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "input.h"
#include "nls.h"
#include "xmalloc.h"

/* Room reserved for the text grown from a mapped file or from memory: every byte could
 * become three (U+FFFD), plus some slack. */
#define INPUT_LOAD_SLACK	((size_t)1 << 20)	/* bytes */

/* Bytes a step of a conversion converts at once into the scratch buffer. */
#define INPUT_LOAD_SCRATCH	((size_t)256 << 10)	/* bytes */

/* A mapped UTF-8 file bigger than this is checked ahead by a thread of its own. */
#define INPUT_AHEAD_MIN		((size_t)16 << 20)	/* bytes */
/* Bytes the thread checks at once. */
#define INPUT_AHEAD_STEP	((size_t)1 << 20)	/* bytes */
/* How far the thread runs ahead of the steps at most: the pages it maps in wait there. */
#define INPUT_AHEAD_LEAD	((size_t)16 << 20)	/* bytes */

/* A file mapping at least this big does not stay resident whole (smaller ones do). */
#define INPUT_RESIDENT_MIN	((size_t)64 << 20)	/* bytes */
/* Pages are given back this many bytes at a time, at least. */
#define INPUT_RELEASE_STEP	((size_t)4 << 20)	/* bytes */
/* Bytes of text kept resident on each side of the reading position. */
#define INPUT_KEEP_LEN		((size_t)4 << 20)	/* bytes */

/* How long a stream's start waits for more once its first bytes came (milliseconds). */
#define INPUT_SAMPLE_WAIT_MS	200

enum input_load_mode {
	INPUT_LOAD_DIRECT,	/* clean UTF-8 so far: the text is the source bytes themselves */
	INPUT_LOAD_CLEAN,	/* UTF-8 that needed a clean: cleaned into out */
	INPUT_LOAD_CONVERT	/* another encoding: converted into out */
};

/* A buffer that grows at its end: an anonymous reservation when possible, so its base
 * does not move, else the heap. */
struct input_grow {
	char		*data;		/* the bytes, NUL after len */
	size_t		 len;		/* bytes used */
	size_t		 size;		/* bytes usable at data, the NUL included */
	int		 anon;		/* 1: data is an anonymous mapping of size bytes */
};

/* Where a text being loaded is: its source and what is done of it. */
struct input_load {
	enum input_load_mode mode;
	const char	*src;		/* source bytes: the file mapping, the caller's, or raw.data */
	size_t		 src_len;	/* source bytes available */
	int		 src_eof;	/* 1: src_len is all there will be */
	size_t		 pos;		/* source bytes done */
	void		*map;		/* the file mapping, when not t->map (text no longer direct) */
	size_t		 map_len;	/* its bytes */
	int		 fd;		/* the stream read, or -1 */
	int		 close_fd;	/* 1: fd is ours to close */
	struct input_grow raw;		/* bytes read from the stream */
	struct input_grow out;		/* the text in modes CLEAN and CONVERT */
	iconv_t		 cd;		/* the conversion in mode CONVERT, else (iconv_t)-1 */
	char		*scratch;	/* converted bytes not cleaned yet */
	struct input_clean_state cs;	/* the clean of out */
	char		*error;		/* why loading stopped early, or NULL */
	char		*unpacked;	/* owned: a compressed record unpacked, the source, or NULL */
	size_t		 released;	/* source bytes before this had their pages given back, */
	size_t		 held_from;	/* but [held_from, held_to), kept around the reading */
	size_t		 held_to;	/* position when they were */
	size_t		 keep_from;	/* text bytes [keep_from, keep_to) stay resident: */
	size_t		 keep_to;	/* around the reading position (input_text_keep) */

	/* A big mapped file of clean UTF-8 is checked ahead of the steps, on another core,
	 * so that the steps only parse (input_load_ahead()). */
	pthread_t	 ahead;		/* the thread, while ahead_on */
	int		 ahead_on;
	atomic_size_t	 ahead_end;	/* source bytes [0, ahead_end) are clean UTF-8 */
	atomic_int	 ahead_flags;	/* INPUT_HAS_* of what the thread checked */
	atomic_int	 ahead_stop;	/* 1: the thread is to stop */
	atomic_int	 ahead_done;	/* 1: the thread has stopped by itself */
	pthread_mutex_t	 ahead_lock;	/* guards ahead_pos; with ahead_cond, while ahead_on */
	pthread_cond_t	 ahead_cond;	/* signalled when ahead_pos moves or ahead_stop is set */
	size_t		 ahead_pos;	/* how far the steps are: the thread stays within
					   INPUT_AHEAD_LEAD of it */
};

/* Reserve about reserve bytes of address space for g, or leave it empty for the heap. */
static void
input_grow_init(struct input_grow *g, size_t reserve)
{
	void	*p;

	memset(g, 0, sizeof *g);
	p = mmap(NULL, reserve, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p != MAP_FAILED) {
		g->data = p;
		g->size = reserve;
		g->anon = 1;
	}
}

/* Make room for n more bytes and a NUL in g and return where they go.  Past its
 * reservation (or without one) g moves to the heap and grows by half. */
static char *
input_grow_room(struct input_grow *g, size_t n)
{
	size_t	 size;
	char	*p;

	if (g->size - g->len >= n + 1)
		return (g->data + g->len);
	size = g->len + n + 1;
	size += size / 2;
	if (g->anon) {
		p = xmalloc(size);
		memcpy(p, g->data, g->len);
		munmap(g->data, g->size);
		g->data = p;
		g->anon = 0;
	} else
		g->data = xrealloc(g->data, size);
	g->size = size;
	return (g->data + g->len);
}

/* Free what g holds. */
static void
input_grow_free(struct input_grow *g)
{
	if (g->anon)
		munmap(g->data, g->size);
	else
		free(g->data);
	memset(g, 0, sizeof *g);
}

/* Give the unused tail of g's reservation back (the pages were never touched). */
static void
input_grow_trim(struct input_grow *g)
{
	size_t	page = (size_t)sysconf(_SC_PAGESIZE), keep;

	if (!g->anon)
		return;
	keep = (g->len + 1 + page - 1) & ~(page - 1);
	if (keep < g->size) {
		munmap(g->data + keep, g->size - keep);
		g->size = keep;
	}
}

/* Return the end of the next chunk of UTF-8 source from pos, about at want: after the last
 * LF before want, else at a character boundary that does not part a CR from its LF; at
 * least one character when one is there whole.  Return pos when the bytes available do
 * not yet make one (a stream cut in a character). */
static size_t
input_load_cut_utf8(const char *src, size_t pos, size_t want, size_t avail, int eof)
{
	const unsigned char	*u = (const unsigned char *)src;
	const char		*nl;
	size_t			 e = want, k, need, n;
	uint32_t		 cp;

	if (e >= avail) {
		if (eof)
			return (avail);
		e = avail;
	}
	if (e > pos && (nl = memrchr(src + pos, '\n', e - pos)) != NULL)
		return ((size_t)(nl - src) + 1);
	/* No LF: back up over a character the cut may have parted. */
	for (k = 1; k <= 3 && k <= e - pos; k++) {
		if (u[e - k] < 0x80)
			break;
		if (u[e - k] >= 0xc0) {
			need = u[e - k] >= 0xf0 ? 4 : u[e - k] >= 0xe0 ? 3 : 2;
			if (need > k)
				e -= k;
			break;
		}
	}
	if (e > pos && u[e - 1] == '\r')
		e--;
	if (e > pos)
		return (e);
	/* Nothing whole before want: the one character at pos, if it is known whole. */
	n = input_utf8_next(src + pos, avail - pos, &cp);
	if (pos + n == avail && !eof)
		return (pos);	/* it may go on in bytes not read yet */
	if (u[pos] == '\r' && pos + 1 < avail && u[pos + 1] == '\n')
		n = 2;
	return (pos + n);
}

/* Return the end of the next chunk of source in another encoding: after the last LF
 * before want (a character boundary in every encoding detected), else want; iconv keeps
 * what a cut parts for the next chunk. */
static size_t
input_load_cut_other(const char *src, size_t pos, size_t want, size_t avail)
{
	const char	*nl;

	if (want >= avail)
		return (avail);
	if ((nl = memrchr(src + pos, '\n', want - pos)) != NULL)
		return ((size_t)(nl - src) + 1);
	return (want);
}

/* Clean bytes (whole characters, or the last piece) onto the end of the text in out. */
static void
input_load_clean(struct input_text *t, const char *bytes, size_t len)
{
	struct input_load	*l = t->load;
	char			*room;

	if (len == 0)
		return;
	room = input_grow_room(&l->out, 3 * len);
	l->out.len += input_clean_piece(&l->cs, bytes, len, room, &t->flags);
	l->out.data[l->out.len] = '\0';
	t->owned = l->out.data;
	t->buf = l->out.data;
	t->len = l->out.len;
}

/* Leave the zero-copy use of the source: the clean prefix [0, pos) is copied into a
 * buffer of our own, which the rest is cleaned into. */
static void
input_load_to_clean(struct input_text *t)
{
	struct input_load	*l = t->load;
	size_t			 reserve;

	reserve = (l->fd != -1 ? INPUT_STREAM_MAX : l->src_len) * 3 + INPUT_LOAD_SLACK;
	input_grow_init(&l->out, reserve);
	memcpy(input_grow_room(&l->out, l->pos), l->src, l->pos);
	l->out.len = l->pos;
	l->out.data[l->out.len] = '\0';
	l->cs.started = l->pos > 0;
	l->cs.after_cr = 0;
	l->mode = INPUT_LOAD_CLEAN;
	if (t->map != NULL) {
		/* The file stays mapped as the source, but the text is no longer it. */
		l->map = t->map;
		l->map_len = t->map_len;
		t->map = NULL;
		t->map_len = 0;
	}
	t->owned = l->out.data;	/* a stream's raw bytes stay the source */
	t->buf = l->out.data;
	t->len = l->out.len;
}

/* The thread that checks a mapped file ahead of the steps: chunk by chunk, it maps the
 * pages in (the first touch is most of the cost) and checks the bytes, publishing how far
 * they are clean; it stops at the end, at anything that needs a clean (the steps then find
 * it themselves) or when asked to. */
static void *
input_load_ahead_main(void *arg)
{
	struct input_load	*l = arg;
	size_t			 pos = atomic_load(&l->ahead_end), e, n;
	uintptr_t		 from;
	int			 f;

	while (pos < l->src_len && !atomic_load_explicit(&l->ahead_stop, memory_order_relaxed)) {
		/* Far enough ahead: wait for the steps (they signal as they move on). */
		pthread_mutex_lock(&l->ahead_lock);
		while (pos > l->ahead_pos + INPUT_AHEAD_LEAD && !atomic_load(&l->ahead_stop))
			pthread_cond_wait(&l->ahead_cond, &l->ahead_lock);
		pthread_mutex_unlock(&l->ahead_lock);
		if (atomic_load(&l->ahead_stop))
			break;
		e = l->src_len - pos > INPUT_AHEAD_STEP ? pos + INPUT_AHEAD_STEP : l->src_len;
#ifdef MADV_POPULATE_READ
		from = (uintptr_t)(l->src + pos) & ~(uintptr_t)4095;
		madvise((void *)from, (size_t)((uintptr_t)(l->src + e) - from),
		    MADV_POPULATE_READ);	/* a hint: errors do not matter */
#endif
		n = input_clean_prefix(l->src + pos, e - pos, &f);
		atomic_fetch_or(&l->ahead_flags, f);
		/* A character cut by the chunk's end is taken with the next chunk. */
		if (pos + n < e && (e == l->src_len || e - (pos + n) >= 4 || n == 0)) {
			atomic_store(&l->ahead_end, pos + n);
			break;
		}
		pos += n;
		atomic_store(&l->ahead_end, pos);
	}
	atomic_store(&l->ahead_done, 1);
	return (NULL);
}

/* Start the thread that checks a big mapped UTF-8 file ahead of the steps, from what the
 * first step left; nothing happens if it cannot start (the steps check everything). */
static void
input_load_ahead_start(struct input_text *t)
{
	struct input_load	*l = t->load;

	if (l->mode != INPUT_LOAD_DIRECT || t->map == NULL || l->fd != -1 ||
	    l->src_len - l->pos < INPUT_AHEAD_MIN)
		return;
	atomic_store(&l->ahead_end, l->pos);
	atomic_store(&l->ahead_flags, 0);
	atomic_store(&l->ahead_stop, 0);
	atomic_store(&l->ahead_done, 0);
	l->ahead_pos = l->pos;
	if (pthread_mutex_init(&l->ahead_lock, NULL) != 0)
		return;
	if (pthread_cond_init(&l->ahead_cond, NULL) != 0) {
		pthread_mutex_destroy(&l->ahead_lock);
		return;
	}
	if (xthread_start(&l->ahead, input_load_ahead_main, l) == 0)
		l->ahead_on = 1;
	else {
		pthread_cond_destroy(&l->ahead_cond);
		pthread_mutex_destroy(&l->ahead_lock);
	}
}

/* Tell the thread checking ahead, if there is one, how far the steps are. */
static void
input_load_ahead_tell(struct input_load *l)
{
	if (!l->ahead_on)
		return;
	pthread_mutex_lock(&l->ahead_lock);
	l->ahead_pos = l->pos;
	pthread_cond_signal(&l->ahead_cond);
	pthread_mutex_unlock(&l->ahead_lock);
}

/* Stop the thread checking ahead, if there is one, and wait for it. */
static void
input_load_ahead_stop(struct input_load *l)
{
	if (!l->ahead_on)
		return;
	pthread_mutex_lock(&l->ahead_lock);
	atomic_store(&l->ahead_stop, 1);
	pthread_cond_signal(&l->ahead_cond);
	pthread_mutex_unlock(&l->ahead_lock);
	pthread_join(l->ahead, NULL);
	pthread_cond_destroy(&l->ahead_cond);
	pthread_mutex_destroy(&l->ahead_lock);
	l->ahead_on = 0;
}

/* Validate or clean the UTF-8 source [pos, e), e a cut. */
static void
input_load_utf8(struct input_text *t, size_t e)
{
	struct input_load	*l = t->load;
	struct timespec		 nap = { 0, 50000 };	/* 50 us */
	size_t			 n;
	int			 f;

	if (l->mode == INPUT_LOAD_DIRECT) {
		/* Caught up with the thread checking ahead: wait for it rather than check the
		 * same bytes twice (the parse of what it checked goes on meanwhile, next
		 * step), unless it stopped at something to clean. */
		while (l->ahead_on && atomic_load(&l->ahead_end) < e &&
		    !atomic_load(&l->ahead_done))
			nanosleep(&nap, NULL);
		if (l->ahead_on && atomic_load(&l->ahead_end) >= e) {
			/* Checked already by the thread (its flags may run a little ahead
			 * of the text: they only ever gain bits). */
			t->flags |= atomic_load(&l->ahead_flags);
			l->pos = e;
			t->buf = l->src;
			t->len = e;
			input_load_ahead_tell(l);
			return;
		}
		if (l->pos == 0 && e >= 3 && memcmp(l->src, "\357\273\277", 3) == 0)
			n = 0;	/* a BOM to drop */
		else {
			n = input_clean_prefix(l->src + l->pos, e - l->pos, &f);
			t->flags |= f;
		}
		l->pos += n;
		if (l->pos == e) {
			t->buf = l->src;
			t->len = e;
			return;
		}
		input_load_ahead_stop(l);
		input_load_to_clean(t);
	}
	input_load_clean(t, l->src + l->pos, e - l->pos);
	l->pos = e;
}

/* Convert the source [pos, e) and clean the result onto the text; final says no bytes
 * follow e, so an incomplete sequence there is one U+FFFD.  An incomplete sequence
 * otherwise waits at pos for the next chunk. */
static void
input_load_convert(struct input_text *t, size_t e, int final)
{
	struct input_load	*l = t->load;
	char			*in = (char *)l->src + l->pos, *op = l->scratch;
	size_t			 inleft = e - l->pos, outleft = INPUT_LOAD_SCRATCH, r;
	int			 err;

	for (;;) {
		r = iconv(l->cd, &in, &inleft, &op, &outleft);
		if (r != (size_t)-1)
			break;
		err = errno;
		if (err == E2BIG || outleft < 3) {
			input_load_clean(t, l->scratch, (size_t)(op - l->scratch));
			op = l->scratch;
			outleft = INPUT_LOAD_SCRATCH;
			if (err == E2BIG)
				continue;
		}
		if (err == EINVAL && !final)
			break;		/* cut in a character: the rest comes with the next chunk */
		if (err != EILSEQ && err != EINVAL) {
			/* The load ends here; the text converted so far stays. */
			if (l->error == NULL)
				l->error = xasprintf(_("cannot convert from %s: %s"), t->encoding,
				    strerror(err));
			in = (char *)l->src + l->src_len;
			l->src_eof = 1;
			break;
		}
		memcpy(op, "\357\277\275", 3);
		op += 3;
		outleft -= 3;
		t->flags |= INPUT_HAD_INVALID;
		if (err == EINVAL) {
			in += inleft;	/* an incomplete sequence at the end: one U+FFFD */
			inleft = 0;
			break;
		}
		in++;
		inleft--;
	}
	l->pos = (size_t)(in - l->src);
	if (final && l->pos == l->src_len) {
		/* Back to the initial shift state (writes nothing to UTF-8; kept for stateful
		 * targets). */
		while (iconv(l->cd, NULL, NULL, &op, &outleft) == (size_t)-1 && errno == E2BIG) {
			input_load_clean(t, l->scratch, (size_t)(op - l->scratch));
			op = l->scratch;
			outleft = INPUT_LOAD_SCRATCH;
		}
	}
	input_load_clean(t, l->scratch, (size_t)(op - l->scratch));
}

/* Map in the pages of a mapped source up to want at once: one call costs less than a
 * page fault for every few pages (much less in a virtual machine). */
static void
input_load_populate(struct input_text *t, size_t want)
{
#ifdef MADV_POPULATE_READ
	struct input_load	*l = t->load;
	const char		*map = t->map != NULL ? t->map : l->map;
	uintptr_t		 page = (uintptr_t)sysconf(_SC_PAGESIZE), from, to;

	if (map == NULL || want - l->pos < 65536)
		return;
	from = (uintptr_t)(l->src + l->pos) & ~(page - 1);
	to = (uintptr_t)(l->src + want);
	madvise((void *)from, to - from, MADV_POPULATE_READ);	/* a hint: errors do not matter */
#else
	(void)t;
	(void)want;
#endif
}

/* Give back the pages of the mapping map in [from, to) but those in [keep_from, keep_to);
 * return how much of [from, to) that leaves: *hfrom and *hto, empty if none. */
static void
input_load_release_but(const void *map, size_t from, size_t to, size_t keep_from,
    size_t keep_to, size_t *hfrom, size_t *hto)
{
	*hfrom = *hto = 0;
	if (from >= to)
		return;
	if (keep_from >= to || keep_to <= from) {
		input_map_release(map, from, to);
		return;
	}
	if (keep_from > from)
		input_map_release(map, from, keep_from);
	if (keep_to < to)
		input_map_release(map, keep_to, to);
	*hfrom = keep_from > from ? keep_from : from;
	*hto = keep_to < to ? keep_to : to;
}

/* Give back the pages of the source mapping map in [released, to); when the text is the
 * mapping itself (keep set), not those around the reading position: they are held, and
 * given back by a later call once the reader has left them. */
static void
input_load_release(struct input_load *l, const void *map, size_t to, int keep)
{
	size_t	hf, ht, nf, nt;

	if (!keep) {
		input_map_release(map, l->released, to);
		l->released = to;
		return;
	}
	/* What was held and is no longer near the reader goes now. */
	input_load_release_but(map, l->held_from, l->held_to, l->keep_from, l->keep_to,
	    &hf, &ht);
	input_load_release_but(map, l->released, to, l->keep_from, l->keep_to, &nf, &nt);
	/* Both lie in the kept window, so one interval holds them (any pages between were
	 * given back already: giving them back again costs nothing). */
	if (hf == ht) {
		hf = nf;
		ht = nt;
	} else if (nf != nt) {
		hf = hf < nf ? hf : nf;
		ht = ht > nt ? ht : nt;
	}
	l->held_from = hf;
	l->held_to = ht;
	l->released = to;
}

/* A big mapped file converted or cleaned into a buffer of our own: give back the pages of
 * the source the steps have done with (it is never read again). */
static void
input_load_release_source(struct input_text *t)
{
	struct input_load	*l = t->load;

	if (l->mode == INPUT_LOAD_DIRECT || l->map == NULL || l->map_len < INPUT_RESIDENT_MIN ||
	    l->pos <= l->released)
		return;
	if (l->pos - l->released >= INPUT_RELEASE_STEP || l->pos == l->src_len)
		input_load_release(l, l->map, l->pos, 0);
}

/* Process about budget bytes of the source available; return 1 if something was done. */
static int
input_load_step(struct input_text *t, size_t budget)
{
	struct input_load	*l = t->load;
	size_t			 want, e, before = l->pos;
	int			 final, retry;

	if (l->pos == l->src_len)
		return (0);
	want = budget < l->src_len - l->pos ? l->pos + budget : l->src_len;
	/* A conversion step takes at most a quarter of the scratch buffer: clamp before the
	 * pages are populated, or every step maps in the whole rest of the file. */
	if (l->mode == INPUT_LOAD_CONVERT && want - l->pos > INPUT_LOAD_SCRATCH / 4)
		want = l->pos + INPUT_LOAD_SCRATCH / 4;
	/* A step waits for the thread checking ahead to pass its end, and the thread waits
	 * for the steps when INPUT_AHEAD_LEAD ahead of them: a step stays well within that. */
	if (l->ahead_on && want - l->pos > INPUT_AHEAD_LEAD / 2)
		want = l->pos + INPUT_AHEAD_LEAD / 2;
	if (!l->ahead_on)
		input_load_populate(t, want);
	if (l->mode != INPUT_LOAD_CONVERT) {
		e = input_load_cut_utf8(l->src, l->pos, want, l->src_len, l->src_eof);
		if (e == l->pos)
			return (0);
		input_load_utf8(t, e);
		input_load_release_source(t);
		return (1);
	}
	for (retry = 0;; retry = 1) {
		/* Cut after a newline byte, but for a retry: in UTF-16, say, a 0x0a byte can
		 * be half a character, and cutting after it again would never advance. */
		e = retry ? (want < l->src_len ? want : l->src_len) :
		    input_load_cut_other(l->src, l->pos, want, l->src_len);
		final = l->src_eof && e == l->src_len;
		input_load_convert(t, e, final);
		if (l->pos != before || e == l->src_len)
			break;
		/* A character longer than the budget: take a few more bytes. */
		want = e + 8;
	}
	input_load_release_source(t);
	return (l->pos != before);
}

/* Read what the stream has ready, at most about budget bytes, without blocking unless
 * block is set.  Return 0, or -1 with l->error set (the stream then ends there). */
static int
input_load_read(struct input_text *t, size_t budget, int block)
{
	struct input_load	*l = t->load;
	struct pollfd		 pfd;
	ssize_t			 n;
	size_t			 want;

	if (l->src_eof)
		return (0);
	if (l->raw.len >= INPUT_STREAM_MAX) {
		l->error = xasprintf(_("stopped reading at %zu GiB, the most kept of a stream"),
		    INPUT_STREAM_MAX >> 30);
		l->src_eof = 1;
		return (-1);
	}
	pfd.fd = l->fd;
	pfd.events = POLLIN;
	if (!block && poll(&pfd, 1, 0) == 0)
		return (0);
	want = budget < 65536 ? 65536 : budget;
	if (want > INPUT_STREAM_MAX - l->raw.len)
		want = INPUT_STREAM_MAX - l->raw.len;
	for (;;) {
		n = read(l->fd, input_grow_room(&l->raw, want), want);
		if (n != -1 || (errno != EINTR && errno != EAGAIN))
			break;
		if (!block)
			return (0);
	}
	if (n == -1) {
		l->error = xasprintf(_("read error: %s"), strerror(errno));
		l->src_eof = 1;
		return (-1);
	}
	if (n == 0)
		l->src_eof = 1;
	l->raw.len += (size_t)n;
	l->raw.data[l->raw.len] = '\0';
	l->src = l->raw.data;
	l->src_len = l->raw.len;
	if (l->mode == INPUT_LOAD_DIRECT) {
		t->owned = l->raw.data;	/* may have moved off its reservation */
		t->buf = l->raw.data;
	}
	return (0);
}

/* Everything is in: free what loading needed and no longer does. */
static void
input_load_done(struct input_text *t)
{
	struct input_load	*l = t->load;

	t->complete = 1;
	input_load_ahead_stop(l);
	if (l->cd != (iconv_t)-1) {
		iconv_close(l->cd);
		l->cd = (iconv_t)-1;
	}
	free(l->scratch);
	l->scratch = NULL;
	if (l->map != NULL) {
		input_map_remove(l->map);
		munmap(l->map, l->map_len);
		l->map = NULL;
	}
	if (t->map != NULL)
		madvise(t->map, t->map_len, MADV_NORMAL);	/* the pager jumps about */
	if (l->fd != -1) {
		if (l->close_fd)
			close(l->fd);
		l->fd = -1;
		if (l->mode != INPUT_LOAD_DIRECT)
			input_grow_free(&l->raw);
		else
			input_grow_trim(&l->raw);
	}
	input_grow_trim(&l->out);
}

/* Pick the encoding from the source bytes available (or take the one given), refuse a
 * binary file, and set the load up for it.  Return 0, or -1 with *cause set. */
static int
input_load_setup(struct input_text *t, const char *encoding, size_t reserve, char **cause)
{
	struct input_load	*l = t->load;
	const char		*name = input_encoding_name(encoding);
	size_t			 n;

	if (name == NULL) {
		/* Only when guessing: with an explicit encoding (UTF-16LE, say) NULs are text. */
		if (input_detect_binary(l->src, l->src_len)) {
			*cause = xstrdup(_("binary file"));
			return (-1);
		}
		/* XXX: a file whose first INPUT_DETECT_LEN bytes are all ASCII is read as
		 * UTF-8 even if Shift_JIS follows (a stream: INPUT_SAMPLE_LEN bytes). */
		n = l->src_len < INPUT_DETECT_LEN ? l->src_len : INPUT_DETECT_LEN;
		name = input_detect_encoding(l->src, n);
	}
	if (input_encoding_is_utf8(name)) {
		t->encoding = xstrdup("UTF-8");
		l->mode = INPUT_LOAD_DIRECT;
		t->buf = l->src;
		return (0);
	}
	if ((l->cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		*cause = xasprintf(_("unknown encoding %s"), encoding != NULL ? encoding : name);
		return (-1);
	}
	t->encoding = xstrdup(name);
	l->mode = INPUT_LOAD_CONVERT;
	l->scratch = xmalloc(INPUT_LOAD_SCRATCH + 16);
	input_grow_init(&l->out, reserve);
	input_grow_room(&l->out, 0);
	l->out.data[0] = '\0';
	t->owned = l->out.data;
	t->buf = l->out.data;
	return (0);
}

/* Make a new empty load for t. */
static struct input_load *
input_load_new(struct input_text *t)
{
	struct input_load	*l;

	memset(t, 0, sizeof *t);
	l = xcalloc(1, sizeof *l);
	l->fd = -1;
	l->cd = (iconv_t)-1;
	l->keep_to = INPUT_KEEP_LEN;	/* a record opens at its top */
	t->load = l;
	return (l);
}

/* Process the first chunk of a load just set up. */
static void
input_load_first(struct input_text *t, size_t first_len)
{
	while (input_load_step(t, first_len) && t->len == 0)
		;	/* a BOM or a blank start: have some text */
	if (t->load->src_eof && t->load->pos == t->load->src_len)
		input_load_done(t);
}

/* Start loading bytes the caller keeps (until input_text_clear: clean UTF-8 is not copied)
 * with encoding (NULL or "auto" to detect it from the first INPUT_DETECT_LEN bytes): about
 * first_len bytes are ready on return.  Return 0, or -1 with *cause set (t is empty). */
int
input_text_start_bytes(struct input_text *t, const char *bytes, size_t len,
    const char *encoding, size_t first_len, char **cause)
{
	struct input_load	*l = input_load_new(t);

	l->src = bytes;
	l->src_len = len;
	l->src_eof = 1;
	if (input_load_setup(t, encoding, 3 * len + INPUT_LOAD_SLACK, cause) != 0) {
		input_text_clear(t);
		return (-1);
	}
	input_load_first(t, first_len);
	return (0);
}

/* Read the rest of a compressed stream whose sample is in, unpack it (within the bounds of
 * input-archive.c) and load the record from what it unpacked.  Return 0, or -1 with *cause
 * set (t is empty). */
static int
input_load_unpack_stream(struct input_text *t, const char *encoding, size_t first_len,
    char **cause)
{
	struct input_load	*l = t->load;
	char			*out;
	size_t			 outlen;

	while (!l->src_eof) {
		if (input_load_read(t, (size_t)1 << 20, 1) != 0) {
			*cause = l->error;
			l->error = NULL;
			input_text_clear(t);
			return (-1);
		}
	}
	if (input_unpack_bytes(l->raw.data, l->raw.len, (size_t)-1, &out, &outlen,
	    cause) != 0) {
		input_text_clear(t);
		return (-1);
	}
	input_grow_free(&l->raw);
	t->owned = NULL;
	l->unpacked = out;
	l->src = out;
	l->src_len = outlen;
	if (input_load_setup(t, encoding, 3 * outlen + INPUT_LOAD_SLACK, cause) != 0) {
		input_text_clear(t);
		return (-1);
	}
	if (l->mode != INPUT_LOAD_DIRECT)
		t->owned = l->out.data;
	input_load_first(t, first_len);
	return (0);
}

/* Start loading the stream fd (standard input, a pipe, a FIFO, a device, a file that
 * cannot be mapped), which stays the caller's: reads (blocking) until INPUT_SAMPLE_LEN
 * bytes or the end are in, or INPUT_SAMPLE_WAIT_MS after the first bytes, detects, and makes what was read ready.  Later reads happen in
 * input_text_more() when input_text_poll_fd() is readable.  Return 0, or -1 with *cause
 * set (t is empty). */
int
input_text_start_fd(struct input_text *t, int fd, const char *encoding, size_t first_len,
    char **cause)
{
	struct input_load	*l = input_load_new(t);
	struct timespec		 first = { 0, 0 }, now;
	struct pollfd		 pfd;
	long			 waited_ms;

	l->fd = fd;
	input_grow_init(&l->raw, INPUT_STREAM_MAX + INPUT_LOAD_SLACK);
	input_grow_room(&l->raw, 0);
	l->raw.data[0] = '\0';
	l->src = l->raw.data;
	while (!l->src_eof && l->raw.len < INPUT_SAMPLE_LEN) {
		/* Once something came, a slow writer is not waited for long: what came is
		 * detected and shown, the rest follows (input_text_more). */
		if (l->raw.len > 0) {
			pfd.fd = fd;
			pfd.events = POLLIN;
			clock_gettime(CLOCK_MONOTONIC, &now);
			waited_ms = (now.tv_sec - first.tv_sec) * 1000 +
			    (now.tv_nsec - first.tv_nsec) / 1000000;
			if (waited_ms >= INPUT_SAMPLE_WAIT_MS ||
			    poll(&pfd, 1, (int)(INPUT_SAMPLE_WAIT_MS - waited_ms)) == 0)
				break;
		}
		if (input_load_read(t, INPUT_SAMPLE_LEN - l->raw.len, 1) != 0) {
			*cause = l->error;
			l->error = NULL;
			input_text_clear(t);
			return (-1);
		}
		if (l->raw.len > 0 && first.tv_sec == 0 && first.tv_nsec == 0)
			clock_gettime(CLOCK_MONOTONIC, &first);
	}
	t->owned = l->raw.data;
	if (input_pack_kind(l->raw.data, l->raw.len) == INPUT_PACK_COMPRESSED)
		return (input_load_unpack_stream(t, encoding, first_len, cause));
	if (input_load_setup(t, encoding, 3 * INPUT_STREAM_MAX + INPUT_LOAD_SLACK, cause) != 0) {
		input_text_clear(t);
		return (-1);
	}
	if (l->mode != INPUT_LOAD_DIRECT)
		t->owned = l->out.data;
	input_load_first(t, first_len);
	return (0);
}

/* Start loading the file at path ("-" is standard input) with encoding (NULL or "auto" to
 * detect it): the encoding is known and about first_len bytes of text are ready on
 * return, the rest comes with input_text_more().  Return 0, or -1 with *cause set to one
 * short reason ("No such file or directory", "Is a directory", "binary file", ...); t is
 * then empty.  input_text_clear() frees what t holds. */
int
input_text_start_path(struct input_text *t, const char *path, const char *encoding,
    size_t first_len, char **cause)
{
	struct input_load	*l;
	struct stat		 sb;
	void			*map;
	const char		*member;
	char			*out;
	size_t			 size, outlen;
	int			 fd, r;

	memset(t, 0, sizeof *t);
	/* Refuse an unknown encoding before touching the file. */
	if (input_encoding_check(encoding, cause) != 0)
		return (-1);
	if (strcmp(path, "-") == 0)
		return (input_text_start_fd(t, STDIN_FILENO, encoding, first_len, cause));
	if (input_archive_member(path, &member, &size))
		return (input_text_start_bytes(t, member, size, encoding, first_len, cause));

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xstrdup(strerror(errno));
		return (-1);
	}
	if (fstat(fd, &sb) == -1 || S_ISDIR(sb.st_mode)) {
		*cause = xstrdup(strerror(S_ISDIR(sb.st_mode) ? EISDIR : errno));
		close(fd);
		return (-1);
	}
	map = MAP_FAILED;
	size = (size_t)sb.st_size;
	/* Files that say they are empty may not be (/proc): those are read as a stream. */
	if (S_ISREG(sb.st_mode) && sb.st_size > 0)
		map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		if (input_text_start_fd(t, fd, encoding, first_len, cause) != 0) {
			close(fd);
			return (-1);
		}
		t->load->close_fd = 1;
		if (t->complete || t->load->src_eof) {
			close(fd);
			t->load->fd = -1;
		}
	} else if (input_pack_kind(map, size) == INPUT_PACK_COMPRESSED) {
		/* A compressed record is unpacked whole (it is bounded), then loaded. */
		close(fd);
		input_map_add(map, size);
		r = input_unpack_bytes(map, size, (size_t)-1, &out, &outlen, cause);
		input_map_remove(map);
		munmap(map, size);
		if (r != 0)
			return (-1);
		if (input_text_start_bytes(t, out, outlen, encoding, first_len, cause) != 0) {
			free(out);
			return (-1);
		}
		t->load->unpacked = out;
	} else {
		close(fd);
		madvise(map, size, MADV_SEQUENTIAL);
		/* Registered before the first read: a file truncated by someone else while
		 * mapped raises SIGBUS, and input_map_catch()'s handler then reads zeros. */
		input_map_add(map, size);
		l = input_load_new(t);
		t->map = map;
		t->map_len = size;
		l->src = map;
		l->src_len = size;
		l->src_eof = 1;
		if (input_load_setup(t, encoding, 3 * size + INPUT_LOAD_SLACK, cause) != 0) {
			input_text_clear(t);
			return (-1);
		}
		if (l->mode != INPUT_LOAD_DIRECT) {
			l->map = t->map;	/* the source only */
			l->map_len = size;
			t->map = NULL;
			t->map_len = 0;
		}
		input_load_first(t, first_len);
		if (!t->complete)
			input_load_ahead_start(t);
	}
	if (S_ISREG(sb.st_mode)) {
		/* For input_text_changed(): what the file was when opened. */
		t->file_len = (size_t)sb.st_size;
		t->file_mtime_ns = (long long)sb.st_mtim.tv_sec * 1000000000LL +
		    sb.st_mtim.tv_nsec;
	}
	return (0);
}

/* input_text_start_path() with a first chunk of INPUT_CHUNK_LEN bytes. */
int
input_text_start(struct input_text *t, const char *path, const char *encoding,
    char **cause)
{
	return (input_text_start_path(t, path, encoding, INPUT_CHUNK_LEN, cause));
}

/* Load about budget more source bytes into t.  Return 1 if more remains, 0 when t is
 * complete, -1 when loading stopped early (a read error, a stream past INPUT_STREAM_MAX,
 * a failed conversion): the text read so far stays, t is complete and *cause is set.  On
 * a stream it never blocks: with nothing ready it returns 1 having read nothing. */
int
input_text_more(struct input_text *t, size_t budget, char **cause)
{
	struct input_load	*l = t->load;
	size_t			 start, before;

	if (t->complete || l == NULL)
		return (0);
	if (budget == 0)
		budget = 1;
	if (l->fd != -1) {
		/* A pipe gives 64 KiB a read: read on while it has more, up to budget. */
		start = l->src_len;
		do
			before = l->src_len;
		while (input_load_read(t, budget, 0) == 0 && !l->src_eof &&
		    l->src_len != before && l->src_len - start < budget);
	}
	start = l->pos;
	/* After an error, what was read is finished at once. */
	while ((l->pos - start < budget || l->error != NULL) && input_load_step(t,
	    l->error != NULL ? (size_t)-1 : budget - (l->pos - start)))
		;
	if (l->src_eof && l->pos == l->src_len)
		input_load_done(t);
	if (!t->complete)
		return (1);
	if (l->error != NULL) {
		*cause = l->error;
		l->error = NULL;
		return (-1);
	}
	return (0);
}

/* Load the rest of t, waiting for a stream as long as it takes.  Return 0, or -1 with
 * *cause set (the text read so far stays). */
int
input_text_finish(struct input_text *t, char **cause)
{
	struct pollfd	pfd;
	int		r;

	while ((r = input_text_more(t, (size_t)-1, cause)) == 1) {
		if ((pfd.fd = input_text_poll_fd(t)) != -1) {
			pfd.events = POLLIN;
			poll(&pfd, 1, -1);
		}
	}
	return (r);
}

/* Return the fd to poll for reading before calling input_text_more() on a stream that is
 * still coming, or -1 (a file, or all read). */
int
input_text_poll_fd(const struct input_text *t)
{
	if (t->load == NULL || t->complete || t->load->src_eof)
		return (-1);
	return (t->load->fd);
}

/* Return the file mapping t still reads from without it being the text, or NULL. */
const void *
input_load_map(const struct input_text *t)
{
	return (t->load != NULL ? t->load->map : NULL);
}

/* Say where the reader is in t (a text offset): the pages of a big mapped file around it
 * stay resident when those behind the parse are given back (input_text_release). */
void
input_text_keep(struct input_text *t, size_t off)
{
	struct input_load	*l = t->load;

	if (l == NULL)
		return;
	l->keep_from = off > INPUT_KEEP_LEN ? off - INPUT_KEEP_LEN : 0;
	l->keep_to = off + INPUT_KEEP_LEN;
}

/* Say the caller has done for now with t's text before upto (it is parsed): when the text
 * is a big mapped file, the pages there are given back, a few megabytes at a time, but
 * around the reading position (input_text_keep).  Whatever reads them again (the layout, a
 * search) maps them in again from the file; buf and every offset stay valid. */
void
input_text_release(struct input_text *t, size_t upto)
{
	struct input_load	*l = t->load;

	if (l == NULL || l->mode != INPUT_LOAD_DIRECT || t->map == NULL ||
	    t->map_len < INPUT_RESIDENT_MIN)
		return;
	if (upto > t->len)
		upto = t->len;
	if (upto <= l->released || (upto - l->released < INPUT_RELEASE_STEP && upto < t->map_len))
		return;
	input_load_release(l, t->map, upto, 1);
}

/* Free the load of t and the buffers it owns (t->owned among them). */
void
input_load_free(struct input_text *t)
{
	struct input_load	*l = t->load;

	if (l == NULL)
		return;
	input_load_ahead_stop(l);
	if (l->cd != (iconv_t)-1)
		iconv_close(l->cd);
	free(l->scratch);
	if (l->map != NULL) {
		input_map_remove(l->map);
		munmap(l->map, l->map_len);
	}
	if (l->fd != -1 && l->close_fd)
		close(l->fd);
	input_grow_free(&l->raw);
	input_grow_free(&l->out);
	free(l->error);
	free(l->unpacked);
	free(l);
	t->load = NULL;
	t->owned = NULL;
}
