/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search.h: normalised matching over a record's text.
 * Text and pattern are folded the same way (NFKC, full case folding, optionally katakana to
 * hiragana) and matched as folded UTF-8; every match is reported as a byte range of the
 * ORIGINAL text covering whole original characters.  Never includes curses, never prints,
 * never exits. */
#ifndef KIROKU_SEARCH_H
#define KIROKU_SEARCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/*
 * What matches:
 * - Text and pattern are cut into segments: a character plus the combining characters that
 *   follow it (a base and its marks, half-width ﾍ and ﾟ, a Hangul syllable's jamo).  Each
 *   segment is folded to NFKC(casefold(NFKC(segment))), then, with SEARCH_KANA_FOLD,
 *   katakana U+30A1-U+30F6 and ヽヾ become hiragana.  So ＡＰＥＣ, APEC and apec match, １２３
 *   matches 123, ｱﾍﾟｯｸ matches アペック, and the ideographic space matches a space.
 * - A match is found in the folded text and mapped back to the original segments it touches:
 *   [off, off + len) always starts and ends on segment boundaries of the original text, so a
 *   match of ペ against ﾍﾟ covers both half-width characters, and a match of 株 inside ㈱
 *   covers the whole ㈱.
 * - Patterns never contain a newline, so a match never crosses the end of a source line; it
 *   may cross the soft line breaks of the layout, which never change the text.  XXX: nor the
 *   soft break of a hard-wrapped paragraph joined into one block (doc-reflow.c), which is a
 *   newline in the text: a word the fold cut in two is not found.
 * - Matches do not overlap: within each source line they are taken leftmost first, and the
 *   next one starts after the segments of the previous one (as grep -o counts them).
 *   search_next, search_prev, search_all and search_count_range all agree on this list.
 * - The text need not be NUL-terminated (it may be a mapping) and is never read past its
 *   length; invalid UTF-8 bytes are matched as U+FFFD, one per byte.
 * - A search remembers, by address and length, where its last match in a text ended and the
 *   matches of the last window search_prev scanned, so that n and N stepping through a long
 *   line do not rescan it; call search_forget if a text changes under it.
 * - Scans check the cancel flag (search_set_cancel) every chunk of at most 64 KiB.
 */

#define SEARCH_KANA_FOLD	0x01	/* hiragana and katakana match each other */

/* What search_next, search_prev, search_all and search_count_range return. */
#define SEARCH_FOUND		1	/* a match (search_all: the callback stopped it) */
#define SEARCH_NONE		0	/* no (more) matches */
#define SEARCH_CANCELLED	(-1)	/* the cancel flag was set; results are incomplete */

/* Called by search_all for each match in order; return 0 to go on, 1 to stop. */
typedef int search_match_fn(void *arg, size_t off, size_t len);

struct search;

/* search-match.c */
struct search	*search_create(const char *pattern, size_t len, int flags, char **cause);
void		 search_free(struct search *s);
void		 search_set_cancel(struct search *s, volatile sig_atomic_t *cancel);
void		 search_forget(struct search *s);
const char	*search_pattern_folded(const struct search *s, size_t *len);
int		 search_next(struct search *s, const char *text, size_t textlen,
		     size_t from_off, size_t *match_off, size_t *match_len);
int		 search_prev(struct search *s, const char *text, size_t textlen,
		     size_t from_off, size_t *match_off, size_t *match_len);
int		 search_all(struct search *s, const char *text, size_t textlen, size_t off,
		     size_t len, search_match_fn *fn, void *arg);
int		 search_count_range(struct search *s, const char *text, size_t textlen,
		     size_t off, size_t len, size_t *count);

/* search-doc.c */
/* Called for each match shown in a block, with the block's outline entry (-1: none);
 * returns 0 to go on, non-zero to stop. */
typedef int	 search_doc_match_fn(void *arg, size_t off, size_t len, int section);
int		 search_doc_all(struct search *s, const struct doc *d, size_t off,
		     size_t len, search_doc_match_fn *fn, void *arg);
int		 search_doc_count_sections(struct search *s, const struct doc *d,
		     size_t *counts, size_t *total);

/*
 * The folding machinery, used within the layer (search-match.c) and by the tests.
 */

/* One cached fold of a code point. */
struct search_fold_entry {
	uint32_t	pool_off;	/* byte offset of the folded form in the pool */
	uint8_t		len;		/* bytes of the folded form */
	uint8_t		flags;		/* SEARCH_FOLD_* */
};
#define SEARCH_FOLD_KNOWN	0x01	/* the entry has been computed */
#define SEARCH_FOLD_SAME	0x02	/* folds to itself: copy the original bytes */
#define SEARCH_FOLD_JOINER	0x04	/* may compose with what precedes it: joins its segment */
#define SEARCH_FOLD_LONG	0x08	/* folded form too long for an entry: fold it each time */

/* Code points below this are cached in the table (the BMP, the SMP, CJK extension B). */
#define SEARCH_FOLD_TABLE_CPS	0x30000

/* A cached fold of a segment of several characters (ﾍﾟ, か+゙, e+◌́). */
struct search_fold_seg {
	uint8_t		klen;		/* bytes of key, 0 if the slot is empty */
	uint8_t		vlen;		/* bytes of val */
	char		key[14];	/* the segment */
	char		val[32];	/* its fold */
};
#define SEARCH_FOLD_SEGS	512	/* slots of the segment cache */

/* The folding of one search: flags and the lazily filled caches of folds. */
struct search_fold {
	int		 flags;		/* SEARCH_KANA_FOLD */
	struct search_fold_entry *table; /* SEARCH_FOLD_TABLE_CPS entries, owned */
	struct search_fold_seg *segs;	/* SEARCH_FOLD_SEGS slots, owned, NULL until needed */
	char		*pool;		/* folded forms, owned */
	size_t		 pool_len;	/* bytes used */
	size_t		 pool_alloc;	/* bytes allocated */
	char		*tmp;		/* the last folded segment not in the table, owned */
	size_t		 tmp_len;	/* bytes */
	size_t		 tmp_alloc;	/* bytes allocated */
};

/* A point where a segment starts, to map folded offsets back without refolding a chunk. */
struct search_mark {
	size_t		 orig;		/* byte offset in the original text */
	size_t		 norm;		/* byte offset in the folded buffer */
};

/* A chunk of text folded into a reusable buffer. */
struct search_norm {
	char		*buf;		/* folded bytes, owned, not NUL-terminated */
	size_t		 len;		/* bytes in buf */
	size_t		 alloc;		/* bytes allocated */
	struct search_mark *marks;	/* increasing, marks[0] is the chunk start; owned */
	size_t		 nmarks;
	size_t		 marks_alloc;
	size_t		 orig_start;	/* byte offset of the chunk in the text */
	size_t		 orig_cut;	/* first segment boundary at or after the cut (byte offset) */
	size_t		 norm_cut;	/* folded offset of orig_cut: matches must start before it */
	size_t		 orig_end;	/* byte offset where folding stopped */
};

/* search-fold.c */
void		 search_fold_init(struct search_fold *sf, int flags);
void		 search_fold_clear(struct search_fold *sf);
char		*search_fold_string(struct search_fold *sf, const char *s, size_t len,
		     size_t *outlen);
void		 search_norm_init(struct search_norm *sn);
void		 search_norm_clear(struct search_norm *sn);
void		 search_fold_chunk(struct search_fold *sf, const char *text, size_t textlen,
		     size_t start, size_t cut, size_t extra, struct search_norm *sn);
void		 search_fold_map(struct search_fold *sf, const char *text, size_t textlen,
		     const struct search_norm *sn, size_t norm_off, size_t norm_end,
		     size_t *orig_off, size_t *orig_end, struct search_mark *cursor);
int		 search_fold_is_joiner_at(struct search_fold *sf, const char *text,
		     size_t textlen, size_t off);

#endif
