/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search-match.c: a search object and the scans over a text that find its matches.
 * The text is folded a chunk at a time (about 64 KiB, cut at a line end when there is one)
 * into one reusable buffer and scanned with memmem; matches are mapped back to the original
 * bytes through the chunk's marks.  A regular expression (SEARCH_REGEX) is folded the same
 * way, its escapes kept, and matched on the folded chunk with PCRE2 in UTF mode.  Reads the
 * text only; knows nothing of blocks or screens. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "nls.h"
#include "xmalloc.h"

#define SEARCH_CHUNK		(64 * 1024)	/* original bytes folded at a time, about */
#define SEARCH_FIRST_CHUNK	1024		/* the first chunk of a scan, doubled up to the above */
#define SEARCH_LONG_LINE	(256 * 1024)	/* bytes a scan looks back for its line start */
#define SEARCH_PREV_WINDOW	(256 * 1024)	/* bytes search_prev scans at a time, about */
#define SEARCH_REGEX_EXTRA	4096		/* folded bytes a regex match may reach past a cut */

/* The matches of one window of a text, kept so that stepping back with search_prev does
 * not rescan a long line for each step. */
struct search_window {
	const char	*text;		/* the text scanned, NULL if none */
	size_t		 textlen;	/* its length in bytes */
	size_t		 lo;		/* byte offset: the window starts here (a line start) */
	size_t		 hi;		/* byte offset: the window ends here */
	size_t		*off;		/* byte offsets of the matches starting in [lo, hi), owned */
	size_t		*len;		/* their byte lengths, owned */
	size_t		 n;
	size_t		 alloc;
};

/* One pattern, folded, with the buffers its scans reuse. */
struct search {
	int			 flags;		/* SEARCH_KANA_FOLD */
	struct search_fold	 fold;		/* the cache of character folds */
	struct search_norm	 norm;		/* the chunk being scanned */
	char			*pat;		/* folded pattern, owned */
	size_t			 patlen;	/* bytes of pat */
	pcre2_code		*re;		/* SEARCH_REGEX: pat compiled, owned, else NULL */
	pcre2_match_data	*md;		/* its match data, owned */
	volatile sig_atomic_t	*cancel;	/* set to nonzero to stop a scan, or NULL */
	const char		*resume_text;	/* text of the last match reported, or NULL */
	size_t			 resume_textlen; /* its length in bytes */
	size_t			 resume_off;	/* byte offset: the end of that match */
	struct search_window	 window;	/* the last window search_prev scanned */
};

static int search_regex_compile(struct search *, const char *, size_t, char **);

/*
 * Make a search for a pattern of len bytes (UTF-8, invalid bytes match as U+FFFD).  An empty
 * pattern, or one with a newline, is an error (NULL with *cause allocated); a pattern of
 * spaces is not: it finds runs of spaces, ideographic ones too.  The caller frees the search
 * with search_free.
 */
struct search *
search_create(const char *pattern, size_t len, int flags, char **cause)
{
	struct search	*s;

	if (len == 0) {
		*cause = xstrdup(_("empty pattern"));
		return (NULL);
	}
	if (memchr(pattern, '\n', len) != NULL) {
		*cause = xstrdup(_("pattern contains a newline"));
		return (NULL);
	}
	s = xcalloc(1, sizeof *s);
	s->flags = flags & (SEARCH_KANA_FOLD | SEARCH_REGEX);
	search_fold_init(&s->fold, s->flags & SEARCH_KANA_FOLD);
	search_norm_init(&s->norm);
	if (s->flags & SEARCH_REGEX) {
		if (search_regex_compile(s, pattern, len, cause) != 0) {
			search_free(s);
			return (NULL);
		}
		return (s);
	}
	s->pat = search_fold_string(&s->fold, pattern, len, &s->patlen);
	if (s->patlen == 0) {
		/* XXX: no character folds to nothing today; kept in case a fold ever drops one. */
		search_free(s);
		*cause = xstrdup(_("empty pattern"));
		return (NULL);
	}
	return (s);
}

/* Fold a regular expression as the text is folded, but keep each backslash and the ASCII
 * character after it as they are (\D must not become \d); into s->pat, allocated. */
static void
search_regex_fold(struct search *s, const char *pattern, size_t len)
{
	size_t	 i, run = 0, flen, alloc = len * 4 + 16;
	char	*f;

	s->pat = xmalloc(alloc);
	s->patlen = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && !(pattern[i] == '\\' && i + 1 < len &&
		    (unsigned char)pattern[i + 1] < 0x80))
			continue;
		if (i > run) {
			f = search_fold_string(&s->fold, pattern + run, i - run, &flen);
			if (s->patlen + flen + 3 > alloc) {
				alloc = (s->patlen + flen + 3) * 2;
				s->pat = xrealloc(s->pat, alloc);
			}
			memcpy(s->pat + s->patlen, f, flen);
			s->patlen += flen;
			free(f);
		}
		if (i < len) {
			if (s->patlen + 3 > alloc) {
				alloc = (s->patlen + 3) * 2;
				s->pat = xrealloc(s->pat, alloc);
			}
			s->pat[s->patlen++] = pattern[i];
			s->pat[s->patlen++] = pattern[i + 1];
			i++;
			run = i + 1;
		}
	}
	s->pat[s->patlen] = '\0';
}

/* Compile the folded regular expression of s with PCRE2 (UTF, ^ and $ at each line).
 * Return 0, or -1 with *cause set to PCRE2's reason. */
static int
search_regex_compile(struct search *s, const char *pattern, size_t len, char **cause)
{
	PCRE2_UCHAR	msg[256];
	PCRE2_SIZE	erroff;
	int		err;

	search_regex_fold(s, pattern, len);
	s->re = pcre2_compile((PCRE2_SPTR)s->pat, s->patlen, PCRE2_UTF | PCRE2_MULTILINE |
	    PCRE2_MATCH_INVALID_UTF, &err, &erroff, NULL);
	if (s->re == NULL) {
		pcre2_get_error_message(err, msg, sizeof msg);
		*cause = xasprintf(_("bad pattern: %s"), (const char *)msg);
		return (-1);
	}
	s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
	if (s->md == NULL)
		xmalloc((size_t)-1);	/* says "out of memory" and exits, as xmalloc does */
	return (0);
}

/* Find the next match of s in the folded chunk at or after p that starts before the cut
 * and stays on one line: 1 with [*m, *e) set, else 0.  bol: the chunk starts a line.
 * XXX: on a line cut into chunks (longer than the first chunk, 1 KiB), a regex that looks
 * behind its start, or more than SEARCH_REGEX_EXTRA bytes on, sees only the chunk. */
static int
search_chunk_find(struct search *s, const struct search_norm *sn, size_t p, int bol,
    size_t *m, size_t *e)
{
	const char	*hit;
	PCRE2_SIZE	*ov;
	int		 rc;

	if (s->re == NULL) {
		hit = memmem(sn->buf + p, sn->len - p, s->pat, s->patlen);
		if (hit == NULL)
			return (0);
		*m = hit - sn->buf;
		*e = *m + s->patlen;
		return (*m < sn->norm_cut);
	}
	while (p < sn->norm_cut) {
		rc = pcre2_match(s->re, (PCRE2_SPTR)sn->buf, sn->len, p,
		    PCRE2_NOTEMPTY | (bol ? 0 : PCRE2_NOTBOL), s->md, NULL);
		if (rc < 0)
			return (0);
		ov = pcre2_get_ovector_pointer(s->md);
		*m = ov[0];
		*e = ov[1];
		if (*m >= sn->norm_cut)
			return (0);
		if (memchr(sn->buf + *m, '\n', *e - *m) == NULL)
			return (1);
		/* Across a line end (\s, [^x]): matches never are; look on from the next
		 * character. */
		p = *m + 1;
		while (p < sn->len && ((unsigned char)sn->buf[p] & 0xc0) == 0x80)
			p++;
	}
	return (0);
}

/* Free a search and its buffers. */
void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	search_fold_clear(&s->fold);
	search_norm_clear(&s->norm);
	free(s->window.off);
	free(s->window.len);
	free(s->pat);
	pcre2_match_data_free(s->md);
	pcre2_code_free(s->re);
	free(s);
}

/* Make the scans of s stop with SEARCH_CANCELLED once *cancel is nonzero (NULL: never); the
 * flag is read about every 64 KiB of text, so a signal handler may set it. */
void
search_set_cancel(struct search *s, volatile sig_atomic_t *cancel)
{
	s->cancel = cancel;
}

/* Forget what s remembers of the texts it scanned (where the last match ended, the matches
 * of the last window of search_prev): needed only when a text changes, or is freed and
 * another one takes its address, while s is still used with it. */
void
search_forget(struct search *s)
{
	s->resume_text = NULL;
	s->window.text = NULL;
	s->window.n = 0;
}

/* Return the folded pattern (len bytes, NUL-terminated), owned by s. */
const char *
search_pattern_folded(const struct search *s, size_t *len)
{
	*len = s->patlen;
	return (s->pat);
}

/* Return where a scan for matches from off must begin so that it sees the same matches as a
 * scan of the whole text: the start of off's line. */
static size_t
search_line_start(struct search *s, const char *text, size_t textlen, size_t off)
{
	const char	*nl;
	size_t		 lo;

	if (off > textlen)
		off = textlen;
	lo = off > SEARCH_LONG_LINE ? off - SEARCH_LONG_LINE : 0;
	nl = memrchr(text + lo, '\n', off - lo);
	if (nl != NULL)
		return (nl - text + 1);
	if (lo == 0)
		return (0);

	/*
	 * XXX: on a line longer than SEARCH_LONG_LINE the scan starts at a character near off
	 * instead of the line start, so on such a line a match overlapping off may be found
	 * where a scan of the whole line would have taken an earlier overlapping one.
	 */
	while (off > lo && off < textlen && (((unsigned char)text[off] & 0xc0) == 0x80 ||
	    search_fold_is_joiner_at(&s->fold, text, textlen, off)))
		off--;
	return (off);
}

/*
 * Call fn for each match that starts in [from, to), in order; the scan starts at the line
 * start before from so that it sees the same non-overlapping matches as a whole scan, or at
 * from itself when from is the end of the last match reported on this text (the text must
 * not change under a search: kiroku's texts never do).  Return SEARCH_FOUND if fn stopped
 * it, SEARCH_NONE at the end, SEARCH_CANCELLED.
 */
static int
search_scan(struct search *s, const char *text, size_t textlen, size_t from, size_t to,
    search_match_fn *fn, void *arg)
{
	struct search_norm	*sn = &s->norm;
	struct search_mark	 cursor;
	const char		*nl;
	size_t			 pos, cut, extra, next, p, o, e, mend, chunk = SEARCH_FIRST_CHUNK;
	size_t			 overlap = s->re != NULL ? SEARCH_REGEX_EXTRA : s->patlen;
	int			 bol;

	if (to > textlen)
		to = textlen;
	if (from >= to)
		return (SEARCH_NONE);
	/* A regex may look behind its start (\b, (?<=...)): it always starts at the line. */
	if (s->re == NULL && text == s->resume_text && textlen == s->resume_textlen &&
	    from == s->resume_off)
		pos = from;
	else
		pos = search_line_start(s, text, textlen, from);
	while (pos < to) {
		if (s->cancel != NULL && *s->cancel)
			return (SEARCH_CANCELLED);

		/* Cut at the last line end of the next chunk, or mid-line with an overlap.  The
		 * chunks grow so that a search_next for a match close by folds little. */
		if (to - pos <= chunk) {
			cut = to;
			extra = (to == textlen || text[to - 1] == '\n') ? 0 : overlap;
		} else if ((nl = memrchr(text + pos, '\n', chunk)) != NULL) {
			cut = nl - text + 1;
			extra = 0;
		} else {
			cut = pos + chunk;
			extra = overlap;
		}
		if (chunk < SEARCH_CHUNK)
			chunk *= 2;
		search_fold_chunk(&s->fold, text, textlen, pos, cut, extra, sn);

		next = sn->orig_cut;
		cursor = sn->marks[0];
		p = 0;
		bol = pos == 0 || text[pos - 1] == '\n';
		while (p < sn->norm_cut) {
			if (!search_chunk_find(s, sn, p, bol, &p, &mend))
				break;
			search_fold_map(&s->fold, text, textlen, sn, p, mend, &o, &e, &cursor);
			if (o >= to)
				return (SEARCH_NONE);
			s->resume_text = text;
			s->resume_textlen = textlen;
			s->resume_off = e;
			if (o >= from && fn(arg, o, e - o))
				return (SEARCH_FOUND);
			p = cursor.norm;
			if (e > next)
				next = e;
		}
		pos = next;
	}
	return (SEARCH_NONE);
}

/* Where search_next and search_prev keep the match they are after. */
struct search_hit {
	int	found;		/* 1 once a match was seen */
	size_t	off;		/* byte offset of the match */
	size_t	len;		/* bytes of the match */
};

/* Keep the match and stop: search_next wants the first. */
static int
search_hit_first(void *arg, size_t off, size_t len)
{
	struct search_hit	*h = arg;

	h->found = 1;
	h->off = off;
	h->len = len;
	return (1);
}

/* Add a match to the window search_prev keeps. */
static int
search_window_add(void *arg, size_t off, size_t len)
{
	struct search_window	*w = arg;

	if (w->n == w->alloc) {
		w->alloc = w->alloc == 0 ? 64 : w->alloc * 2;
		w->off = xreallocarray(w->off, w->alloc, sizeof *w->off);
		w->len = xreallocarray(w->len, w->alloc, sizeof *w->len);
	}
	w->off[w->n] = off;
	w->len[w->n] = len;
	w->n++;
	return (0);
}

/* Find in the kept window the last match starting before end: 1 if there is one. */
static int
search_window_last(const struct search_window *w, size_t end, size_t *off, size_t *len)
{
	size_t	lo = 0, hi = w->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->off[mid] < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return (0);
	*off = w->off[lo - 1];
	*len = w->len[lo - 1];
	return (1);
}

/* Count the match. */
static int
search_hit_count(void *arg, size_t off, size_t len)
{
	(*(size_t *)arg)++;
	return (0);
}

/*
 * Find the first match starting at or after from_off: SEARCH_FOUND with [*match_off,
 * *match_off + *match_len) set, SEARCH_NONE (the pager wraps by searching again from 0),
 * or SEARCH_CANCELLED.  To step to the next match call it with the end of the current one.
 */
int
search_next(struct search *s, const char *text, size_t textlen, size_t from_off,
    size_t *match_off, size_t *match_len)
{
	struct search_hit	h = { 0, 0, 0 };
	int			r;

	r = search_scan(s, text, textlen, from_off, textlen, search_hit_first, &h);
	if (r != SEARCH_FOUND)
		return (r);
	*match_off = h.off;
	*match_len = h.len;
	return (SEARCH_FOUND);
}

/*
 * Find the last match starting before from_off (to step back, the start of the current
 * match; to wrap, textlen): SEARCH_FOUND, SEARCH_NONE or SEARCH_CANCELLED.  Scans windows
 * of whole lines backwards from from_off, and keeps the matches of the last window so that
 * the next step back in it costs no scan.
 */
int
search_prev(struct search *s, const char *text, size_t textlen, size_t from_off,
    size_t *match_off, size_t *match_len)
{
	struct search_window	*w = &s->window;
	size_t			 end, ws;
	int			 r;

	end = from_off < textlen ? from_off : textlen;
	if (w->text == text && w->textlen == textlen && end > w->lo && end <= w->hi) {
		if (search_window_last(w, end, match_off, match_len))
			return (SEARCH_FOUND);
		end = w->lo;
	}
	while (end > 0) {
		ws = end > SEARCH_PREV_WINDOW ? end - SEARCH_PREV_WINDOW : 0;
		ws = search_line_start(s, text, textlen, ws);
		w->text = NULL;
		w->n = 0;
		r = search_scan(s, text, textlen, ws, end, search_window_add, w);
		if (r == SEARCH_CANCELLED)
			return (r);
		w->text = text;
		w->textlen = textlen;
		w->lo = ws;
		w->hi = end;
		if (search_window_last(w, end, match_off, match_len))
			return (SEARCH_FOUND);
		end = ws;
	}
	return (SEARCH_NONE);
}

/* Call fn for each match starting in [off, off + len) of the text, in order (fn returns 1 to
 * stop): SEARCH_FOUND if fn stopped, SEARCH_NONE after the last, or SEARCH_CANCELLED. */
int
search_all(struct search *s, const char *text, size_t textlen, size_t off, size_t len,
    search_match_fn *fn, void *arg)
{
	size_t	to = len > textlen - (off < textlen ? off : textlen) ? textlen : off + len;

	return (search_scan(s, text, textlen, off, to, fn, arg));
}

/* Count the matches starting in [off, off + len) of the text into *count: 0, or
 * SEARCH_CANCELLED with *count holding the matches seen so far. */
int
search_count_range(struct search *s, const char *text, size_t textlen, size_t off,
    size_t len, size_t *count)
{
	*count = 0;
	if (search_all(s, text, textlen, off, len, search_hit_count, count) ==
	    SEARCH_CANCELLED)
		return (SEARCH_CANCELLED);
	return (0);
}
