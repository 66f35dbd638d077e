/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search-fold.c: folding text for matching, and mapping folded offsets back to the text.
 * Owns the per-search cache of code-point folds and the chunk folder that search-match.c
 * scans; the general libunistring functions run once per distinct character, and for the
 * rare segments with combining marks.  Only reads the text, never past its length. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "search.h"
#include "xmalloc.h"

#define SEARCH_MARK_BYTES	256	/* original bytes between two marks, at least */
#define SEARCH_FOLD_ROUNDS	4	/* case-fold and NFKC rounds before giving up on stability */
#define SEARCH_SEGMENT_MAX	255	/* folded bytes of a character the folder reserves room for */

static const char search_replacement[] = "\xef\xbf\xbd";	/* U+FFFD for an invalid byte */

/* Decode the character at off (below textlen): its byte length, with *cp set; an invalid byte
 * decodes as U+FFFD of length 1 and sets *invalid. */
static inline size_t
search_decode(const char *text, size_t textlen, size_t off, uint32_t *cp, int *invalid)
{
	const unsigned char	*p = (const unsigned char *)text + off;
	size_t			 left = textlen - off;
	uint32_t		 c = p[0], u;

	*invalid = 0;
	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		if (left >= 2 && (p[1] & 0xc0) == 0x80) {
			*cp = ((c & 0x1f) << 6) | (p[1] & 0x3f);
			return (2);
		}
	} else if (c >= 0xe0 && c <= 0xef) {
		if (left >= 3 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
			u = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
			if (u >= 0x800 && (u < 0xd800 || u > 0xdfff)) {
				*cp = u;
				return (3);
			}
		}
	} else if (c >= 0xf0 && c <= 0xf4) {
		if (left >= 4 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
		    (p[3] & 0xc0) == 0x80) {
			u = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) |
			    ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
			if (u >= 0x10000 && u <= 0x10ffff) {
				*cp = u;
				return (4);
			}
		}
	}
	*invalid = 1;
	*cp = 0xfffd;
	return (1);
}

/* Return 1 if a character starting with cp may compose with the character before it under
 * NFKC: a non-starter, or one of the starters that are the second half of a composition. */
static int
search_cp_composes_back(uint32_t cp)
{
	/* XXX: the starters that compose backwards are listed by hand (Unicode 15 NFC_QC=Maybe
	 * with ccc 0); a newer Unicode may add some. */
	static const uint32_t starters[] = {
		0x0b3e, 0x0b56, 0x0b57, 0x0bbe, 0x0bd7, 0x0cc2, 0x0cd5, 0x0cd6, 0x0d3e,
		0x0d57, 0x0dcf, 0x0ddf, 0x102e, 0x1b35, 0x110ba, 0x11127, 0x1133e, 0x11357,
		0x114b0, 0x114ba, 0x114bd, 0x115af, 0x11930
	};
	size_t	i;

	if (uc_combining_class(cp) != 0)
		return (1);
	if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11a8 && cp <= 0x11c2))
		return (1);	/* Hangul vowel and trailing jamo */
	for (i = 0; i < sizeof starters / sizeof starters[0]; i++) {
		if (starters[i] == cp)
			return (1);
	}
	return (0);
}

/* Make room for want bytes in the scratch buffer of sf. */
static void
search_fold_tmp_reserve(struct search_fold *sf, size_t want)
{
	if (sf->tmp_alloc >= want)
		return;
	while (sf->tmp_alloc < want)
		sf->tmp_alloc = sf->tmp_alloc == 0 ? 64 : sf->tmp_alloc * 2;
	sf->tmp = xrealloc(sf->tmp, sf->tmp_alloc);
}

/* Turn katakana into hiragana in place in a folded UTF-8 string (same byte lengths). */
static void
search_fold_kana(char *s, size_t len)
{
	unsigned char	*p = (unsigned char *)s;
	size_t		 i;
	uint32_t	 cp;

	for (i = 0; i + 2 < len; i++) {
		if (p[i] != 0xe3 || (p[i + 1] != 0x82 && p[i + 1] != 0x83))
			continue;
		cp = ((p[i] & 0x0f) << 12) | ((p[i + 1] & 0x3f) << 6) | (p[i + 2] & 0x3f);
		if ((cp >= 0x30a1 && cp <= 0x30f6) || cp == 0x30fd || cp == 0x30fe) {
			cp -= 0x60;
			p[i + 1] = 0x80 | ((cp >> 6) & 0x3f);
			p[i + 2] = 0x80 | (cp & 0x3f);
		}
		i += 2;
	}
}

/* Fold a valid UTF-8 segment with the general functions into sf->tmp: NFKC, then case
 * folding with NFKC until stable, then the kana fold if asked for. */
static void
search_fold_slow(struct search_fold *sf, const char *s, size_t n)
{
	uint8_t	*cur, *next;
	size_t	 curlen, nextlen;
	int	 round;

	cur = u8_normalize(UNINORM_NFKC, (const uint8_t *)s, n, NULL, &curlen);
	if (cur == NULL)
		goto fail;
	for (round = 0; round < SEARCH_FOLD_ROUNDS; round++) {
		next = u8_casefold(cur, curlen, NULL, UNINORM_NFKC, NULL, &nextlen);
		if (next == NULL) {
			free(cur);
			goto fail;
		}
		if (nextlen == curlen && memcmp(next, cur, curlen) == 0) {
			free(next);
			break;
		}
		free(cur);
		cur = next;
		curlen = nextlen;
	}
	search_fold_tmp_reserve(sf, curlen);
	memcpy(sf->tmp, cur, curlen);
	sf->tmp_len = curlen;
	free(cur);
	if (sf->flags & SEARCH_KANA_FOLD)
		search_fold_kana(sf->tmp, sf->tmp_len);
	return;

fail:
	/* XXX: libunistring fails only without memory here (the decoder checked the bytes):
	 * the segment is matched as it is. */
	search_fold_tmp_reserve(sf, n);
	memcpy(sf->tmp, s, n);
	sf->tmp_len = n;
}

/* Fold a segment of several characters into sf->tmp, through a small cache: half-width
 * katakana text is full of ﾞ and ﾟ, each pair a segment of its own. */
static void
search_fold_multi(struct search_fold *sf, const char *s, size_t n)
{
	struct search_fold_seg	*seg;
	uint32_t		 h = 2166136261u;
	size_t			 i;

	if (n > sizeof seg->key) {
		search_fold_slow(sf, s, n);
		return;
	}
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	if (sf->segs == NULL)
		sf->segs = xcalloc(SEARCH_FOLD_SEGS, sizeof *sf->segs);
	seg = &sf->segs[h % SEARCH_FOLD_SEGS];
	if (seg->klen == n && memcmp(seg->key, s, n) == 0) {
		search_fold_tmp_reserve(sf, seg->vlen);
		memcpy(sf->tmp, seg->val, seg->vlen);
		sf->tmp_len = seg->vlen;
		return;
	}
	search_fold_slow(sf, s, n);
	if (sf->tmp_len <= sizeof seg->val) {
		seg->klen = n;
		memcpy(seg->key, s, n);
		seg->vlen = sf->tmp_len;
		memcpy(seg->val, sf->tmp, sf->tmp_len);
	}
}

/* Fold code point cp into sf->tmp and return its SEARCH_FOLD_* flags. */
static int
search_fold_compute(struct search_fold *sf, uint32_t cp)
{
	uint8_t		 u8[6];
	int		 n, flags = SEARCH_FOLD_KNOWN;
	ucs4_t		 first;

	n = u8_uctomb(u8, cp, sizeof u8);
	if (n <= 0)
		n = 0;
	search_fold_slow(sf, (const char *)u8, n);
	if (sf->tmp_len == (size_t)n && memcmp(sf->tmp, u8, n) == 0)
		flags |= SEARCH_FOLD_SAME;
	if (sf->tmp_len > 0) {
		u8_mbtouc(&first, (const uint8_t *)sf->tmp, sf->tmp_len);
		if (search_cp_composes_back(first))
			flags |= SEARCH_FOLD_JOINER;
	}
	return (flags);
}

/* Look up how code point cp folds: return its SEARCH_FOLD_* flags and, unless it folds to
 * itself, point *out at the folded bytes (valid until the next lookup). */
static inline int
search_fold_cp(struct search_fold *sf, uint32_t cp, const char **out, size_t *outlen)
{
	struct search_fold_entry	*e;
	int				 flags;

	if (cp >= SEARCH_FOLD_TABLE_CPS) {
		flags = search_fold_compute(sf, cp);
		*out = sf->tmp;
		*outlen = sf->tmp_len;
		return (flags);
	}
	e = &sf->table[cp];
	if (e->flags & SEARCH_FOLD_LONG) {
		search_fold_compute(sf, cp);
		*out = sf->tmp;
		*outlen = sf->tmp_len;
		return (e->flags);
	}
	if (!(e->flags & SEARCH_FOLD_KNOWN)) {
		flags = search_fold_compute(sf, cp);
		if (!(flags & SEARCH_FOLD_SAME)) {
			if (sf->tmp_len > SEARCH_SEGMENT_MAX || sf->pool_len > UINT32_MAX / 2)
				flags |= SEARCH_FOLD_LONG;
			else {
				if (sf->pool_alloc - sf->pool_len < sf->tmp_len) {
					sf->pool_alloc = sf->pool_alloc * 2 + 1024;
					sf->pool = xrealloc(sf->pool, sf->pool_alloc);
				}
				e->pool_off = sf->pool_len;
				e->len = sf->tmp_len;
				memcpy(sf->pool + sf->pool_len, sf->tmp, sf->tmp_len);
				sf->pool_len += sf->tmp_len;
			}
		}
		e->flags = flags;
		if (flags & SEARCH_FOLD_LONG) {
			*out = sf->tmp;
			*outlen = sf->tmp_len;
			return (flags);
		}
	}
	/* A code point that folds to nothing may come before anything was pooled. */
	*out = sf->pool != NULL ? sf->pool + e->pool_off : "";
	*outlen = e->len;
	return (e->flags);
}

/* Prepare the folding of one search; flags are SEARCH_KANA_FOLD or 0. */
void
search_fold_init(struct search_fold *sf, int flags)
{
	memset(sf, 0, sizeof *sf);
	sf->flags = flags;
	/* Large enough that calloc maps fresh zero pages: only the pages used are touched. */
	sf->table = xcalloc(SEARCH_FOLD_TABLE_CPS, sizeof *sf->table);
}

/* Free what search_fold_init and the lookups allocated. */
void
search_fold_clear(struct search_fold *sf)
{
	free(sf->table);
	free(sf->segs);
	free(sf->pool);
	free(sf->tmp);
	memset(sf, 0, sizeof *sf);
}

/* Prepare an empty chunk buffer. */
void
search_norm_init(struct search_norm *sn)
{
	memset(sn, 0, sizeof *sn);
}

/* Free a chunk buffer. */
void
search_norm_clear(struct search_norm *sn)
{
	free(sn->buf);
	free(sn->marks);
	memset(sn, 0, sizeof *sn);
}

/* Grow the folded buffer of sn to hold at least want bytes. */
static void
search_norm_reserve(struct search_norm *sn, size_t want)
{
	if (sn->alloc >= want)
		return;
	while (sn->alloc < want)
		sn->alloc = sn->alloc == 0 ? 4096 : sn->alloc * 2;
	sn->buf = xrealloc(sn->buf, sn->alloc);
}

/* Record that a segment starts at orig in the text and at norm in the folded buffer. */
static void
search_norm_mark(struct search_norm *sn, size_t orig, size_t norm)
{
	if (sn->nmarks == sn->marks_alloc) {
		sn->marks_alloc = sn->marks_alloc == 0 ? 64 : sn->marks_alloc * 2;
		sn->marks = xreallocarray(sn->marks, sn->marks_alloc, sizeof *sn->marks);
	}
	sn->marks[sn->nmarks].orig = orig;
	sn->marks[sn->nmarks].norm = norm;
	sn->nmarks++;
}

/* Return the end of the run of joiners starting at off (off itself if none is there). */
static size_t
search_fold_joiners_end(struct search_fold *sf, const char *text, size_t textlen, size_t off)
{
	const char	*f;
	size_t		 n, flen;
	uint32_t	 cp;
	int		 invalid;

	while (off < textlen && (unsigned char)text[off] >= 0x80) {
		n = search_decode(text, textlen, off, &cp, &invalid);
		if (invalid || !(search_fold_cp(sf, cp, &f, &flen) & SEARCH_FOLD_JOINER))
			break;
		off += n;
	}
	return (off);
}

/* Return 1 if the character at off is a joiner (it belongs to the segment before it). */
int
search_fold_is_joiner_at(struct search_fold *sf, const char *text, size_t textlen, size_t off)
{
	return (search_fold_joiners_end(sf, text, textlen, off) != off);
}

/* Return the end of the run from i (before limit) of ASCII other than capitals and newlines
 * and of cached three-byte characters that fold to themselves and are not joiners: the bulk
 * of Japanese text, copied as it is. */
static inline size_t
search_fold_same_run(const struct search_fold *sf, const unsigned char *t, size_t textlen,
    size_t i, size_t limit)
{
	const struct search_fold_entry	*table = sf->table;
	unsigned char			 c, c1, c2;
	uint32_t			 cp;

	if (limit > textlen)
		limit = textlen;
	while (i < limit) {
		c = t[i];
		if (c < 0x80) {
			if (c == '\n' || (c >= 'A' && c <= 'Z'))
				break;
			i++;
			continue;
		}
		if (c < 0xe1 || c > 0xef || c == 0xed || i + 2 >= textlen)
			break;
		c1 = t[i + 1];
		c2 = t[i + 2];
		if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80)
			break;
		cp = ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(c1 & 0x3f) << 6) | (c2 & 0x3f);
		if (table[cp].flags != (SEARCH_FOLD_KNOWN | SEARCH_FOLD_SAME))
			break;
		i += 3;
	}
	return (i);
}

/* Where search_fold_chunk stands with respect to its cut, its extra segments and its marks. */
struct search_fold_state {
	size_t	cut;		/* byte offset: fold up to the first boundary at or after it */
	size_t	extra;		/* segments still to fold after the cut */
	size_t	next_mark;	/* byte offset: the next mark goes at the first boundary here or after */
	size_t	check;		/* byte offset: boundaries before it need no attention */
	int	cut_seen;	/* 1 once the boundary at the cut was passed */
};

/* Handle a segment boundary at i (folded offset len) at or past st->check: note the cut,
 * count the extra segments, add a mark.  Return 1 if folding stops before this segment. */
static int
search_fold_boundary(struct search_norm *sn, struct search_fold_state *st, size_t i,
    size_t len, int is_newline)
{
	if (i >= st->cut) {
		if (!st->cut_seen) {
			st->cut_seen = 1;
			sn->orig_cut = i;
			sn->norm_cut = len;
		}
		if (is_newline || st->extra == 0)
			return (1);
		st->extra--;
	}
	if (i >= st->next_mark) {
		search_norm_mark(sn, i, len);
		st->next_mark = i + SEARCH_MARK_BYTES;
	}
	if (st->cut_seen)
		st->check = i + 1;	/* count each extra segment */
	else
		st->check = st->cut < st->next_mark ? st->cut : st->next_mark;
	return (0);
}

/*
 * Fold the text from start (a segment boundary) into sn.  Folding runs to the first segment
 * boundary at or after cut (sn->orig_cut, sn->norm_cut), then on for at most extra more
 * segments, stopping early at a newline or the end of the text: with extra at least the
 * folded pattern's length, every match that starts before norm_cut is complete in sn->buf.
 * A segment is a character plus the joiners after it, except after a newline or an invalid
 * byte; segments of one character are folded from the cache, longer ones by libunistring.
 */
void
search_fold_chunk(struct search_fold *sf, const char *text, size_t textlen, size_t start,
    size_t cut, size_t extra, struct search_norm *sn)
{
	const unsigned char		*t = (const unsigned char *)text;
	struct search_fold_state	 st;
	const char			*f;
	char				*buf;
	size_t				 i = start, len = 0, ps_orig = start, ps_norm = 0;
	size_t				 n, flen, j;
	uint32_t			 cp;
	int				 ps_valid = 0, invalid, fl;
	unsigned char			 c;

	st.cut = cut;
	st.extra = extra;
	st.next_mark = start + SEARCH_MARK_BYTES;
	st.check = st.cut < st.next_mark ? st.cut : st.next_mark;
	st.cut_seen = 0;
	sn->nmarks = 0;
	sn->orig_start = start;
	search_norm_mark(sn, start, 0);
	search_norm_reserve(sn, 4096);
	buf = sn->buf;
	while (i < textlen) {
		if (sn->alloc - len < SEARCH_SEGMENT_MAX + 1) {
			search_norm_reserve(sn, len + SEARCH_SEGMENT_MAX + 1);
			buf = sn->buf;
		}
		c = t[i];

		/* Fast path: a run of characters that fold to themselves and join nothing. */
		if (i < st.check && c != '\n' && !(c >= 'A' && c <= 'Z')) {
			j = search_fold_same_run(sf, t, textlen, i, st.check);
			if (j > i) {
				search_norm_reserve(sn, len + (j - i) + SEARCH_SEGMENT_MAX + 1);
				buf = sn->buf;
				memcpy(buf + len, t + i, j - i);
				len += j - i;
				/* The last character is the segment a joiner would join. */
				ps_orig = j - 1;
				while (ps_orig > i && (t[ps_orig] & 0xc0) == 0x80)
					ps_orig--;
				ps_norm = len - (j - ps_orig);
				ps_valid = 1;
				i = j;
				continue;
			}
		}

		/* ASCII: never a joiner, folds on its own. */
		if (c < 0x80) {
			if (i >= st.check && search_fold_boundary(sn, &st, i, len, c == '\n'))
				break;
			ps_orig = i;
			ps_norm = len;
			ps_valid = c != '\n';
			buf[len++] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
			i++;
			continue;
		}

		n = search_decode(text, textlen, i, &cp, &invalid);
		if (invalid) {
			fl = 0;
			f = search_replacement;
			flen = 3;
		} else
			fl = search_fold_cp(sf, cp, &f, &flen);

		/* A joiner refolds the segment before it together with the joiners after it. */
		if ((fl & SEARCH_FOLD_JOINER) && ps_valid) {
			j = search_fold_joiners_end(sf, text, textlen, i + n);
			search_fold_multi(sf, text + ps_orig, j - ps_orig);
			len = ps_norm;
			search_norm_reserve(sn, len + sf->tmp_len + SEARCH_SEGMENT_MAX + 1);
			buf = sn->buf;
			memcpy(buf + len, sf->tmp, sf->tmp_len);
			len += sf->tmp_len;
			i = j;
			continue;
		}

		if (i >= st.check && search_fold_boundary(sn, &st, i, len, 0))
			break;
		ps_orig = i;
		ps_norm = len;
		ps_valid = !invalid;
		if (fl & SEARCH_FOLD_SAME) {
			memcpy(buf + len, text + i, n);
			len += n;
		} else {
			if (flen > SEARCH_SEGMENT_MAX) {
				search_norm_reserve(sn, len + flen + SEARCH_SEGMENT_MAX + 1);
				buf = sn->buf;
			}
			memcpy(buf + len, f, flen);
			len += flen;
		}
		i += n;
	}
	if (!st.cut_seen) {
		sn->orig_cut = i;
		sn->norm_cut = len;
	}
	sn->orig_end = i;
	sn->len = len;
}

/* Fold the segment of the text starting at off: return its end and set *flen to the bytes
 * it folds to, as search_fold_chunk does. */
static size_t
search_fold_segment(struct search_fold *sf, const char *text, size_t textlen, size_t off,
    size_t *flen)
{
	const char	*f;
	size_t		 n, end;
	uint32_t	 cp;
	int		 invalid, fl;
	unsigned char	 c = text[off];

	if (c < 0x80) {
		*flen = 1;
		if (c == '\n')
			return (off + 1);
		end = search_fold_joiners_end(sf, text, textlen, off + 1);
		if (end == off + 1)
			return (end);
		search_fold_multi(sf, text + off, end - off);
		*flen = sf->tmp_len;
		return (end);
	}
	n = search_decode(text, textlen, off, &cp, &invalid);
	if (invalid) {
		*flen = 3;
		return (off + 1);
	}
	end = search_fold_joiners_end(sf, text, textlen, off + n);
	if (end != off + n) {
		search_fold_multi(sf, text + off, end - off);
		*flen = sf->tmp_len;
		return (end);
	}
	fl = search_fold_cp(sf, cp, &f, flen);
	if (fl & SEARCH_FOLD_SAME)
		*flen = n;
	return (end);
}

/*
 * Map the folded range [norm_off, norm_end) of a chunk back to the text: *orig_off is the
 * start of the segment holding its first byte, *orig_end the end of the segment holding its
 * last.  The walk starts at the nearest mark, or at *cursor if that is nearer (a segment
 * boundary at or before norm_off; the scan keeps it at the end of its last match); *cursor is
 * left at the end of the range's last segment.  Runs of characters that fold to themselves
 * are skipped whole.
 */
void
search_fold_map(struct search_fold *sf, const char *text, size_t textlen,
    const struct search_norm *sn, size_t norm_off, size_t norm_end, size_t *orig_off,
    size_t *orig_end, struct search_mark *cursor)
{
	const unsigned char	*t = (const unsigned char *)text;
	size_t			 lo = 0, hi = sn->nmarks, mid, o, nn, end, flen, k;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (sn->marks[mid].norm <= norm_off)
			lo = mid;
		else
			hi = mid;
	}
	o = sn->marks[lo].orig;
	nn = sn->marks[lo].norm;
	if (cursor->norm >= nn && cursor->norm <= norm_off && cursor->orig >= o) {
		o = cursor->orig;
		nn = cursor->norm;
	}
	*orig_off = o;
	while (o < textlen) {
		/* Characters of a run fold to themselves, but its last may take a joiner. */
		k = search_fold_same_run(sf, t, textlen, o, o + (norm_end - nn));
		if (k > o) {
			k--;
			while (k > o && (t[k] & 0xc0) == 0x80)
				k--;
		}
		if (k > o) {
			if (norm_off >= nn && norm_off < nn + (k - o))
				*orig_off = o + (norm_off - nn);
			if (norm_end <= nn + (k - o)) {
				*orig_end = o + (norm_end - nn);
				cursor->orig = *orig_end;
				cursor->norm = norm_end;
				return;
			}
			nn += k - o;
			o = k;
		}

		end = search_fold_segment(sf, text, textlen, o, &flen);
		if (norm_off >= nn && norm_off < nn + flen)
			*orig_off = o;
		if (norm_end <= nn + flen) {
			*orig_end = end;
			cursor->orig = end;
			cursor->norm = nn + flen;
			return;
		}
		o = end;
		nn += flen;
	}
	*orig_end = o;
	cursor->orig = o;
	cursor->norm = nn;
}

/* Fold a whole string (a pattern) the way the text is folded; the caller frees the result,
 * which is not NUL-terminated. */
char *
search_fold_string(struct search_fold *sf, const char *s, size_t len, size_t *outlen)
{
	struct search_norm	 sn;
	char			*out;

	search_norm_init(&sn);
	search_fold_chunk(sf, s, len, 0, len, 0, &sn);
	out = xmalloc(sn.len + 1);
	memcpy(out, sn.buf, sn.len);
	out[sn.len] = '\0';
	*outlen = sn.len;
	search_norm_clear(&sn);
	return (out);
}
