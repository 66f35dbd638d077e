/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input-clean.c: turning UTF-8 bytes into the clean text every later layer reads.
 * Invalid UTF-8 becomes U+FFFD (one per maximal ill-formed subpart, Unicode's recommended
 * practice, as WHATWG and ICU do), CRLF and lone CR become LF, a leading BOM is dropped.
 * Controls are only classified and flagged here; showing them belongs to the layout layer.
 * Knows nothing of files or encodings. */

#include "config.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define INPUT_HAVE_AVX2	1
#endif

#include "input.h"
#include "xmalloc.h"

#define INPUT_ONES	0x0101010101010101ULL
#define INPUT_HIGHS	0x8080808080808080ULL

static const char input_replacement[] = "\357\277\275";	/* U+FFFD in UTF-8 */

/* Return non-zero if every byte of w is printable ASCII (0x20-0x7e) or LF, the only bytes
 * the fast paths may skip without a closer look. */
static inline int
input_word_plain(uint64_t w)
{
	uint64_t	x, low, del, nl;

	/* Bytes below 0x20 (exact for words without high bits, which are caught anyway). */
	low = (w - INPUT_ONES * 0x20) & ~w & INPUT_HIGHS;
	if (low != 0) {
		/* Forgive LF, the one control in every line: find the LF bytes exactly (no
		 * borrow between bytes), turn them into 'J' and look again. */
		x = w ^ (INPUT_ONES * 0x0a);
		nl = ~(((x & ~INPUT_HIGHS) + ~INPUT_HIGHS) | x | ~INPUT_HIGHS);
		if (nl == 0)
			return (0);
		w |= (nl >> 7) * 0x40;
		low = (w - INPUT_ONES * 0x20) & ~w & INPUT_HIGHS;
		if (low != 0)
			return (0);
	}
	x = w ^ (INPUT_ONES * 0x7f);
	del = (x - INPUT_ONES) & ~x & INPUT_HIGHS;
	return (((w & INPUT_HIGHS) | del) == 0);
}

/* Decode the UTF-8 character at s: return its length in bytes and set *cp, or, if the bytes
 * are ill-formed, return the length of the maximal ill-formed subpart (at least 1) and set
 * *cp to INPUT_CP_INVALID.  len must be at least 1. */
size_t
input_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 c = u[0], lo = 0x80, hi = 0xbf;
	size_t			 need, i;
	uint32_t		 v;

	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* no overlong forms */
		else if (c == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;	/* no overlong forms */
		else if (c == 0xf4)
			hi = 0x8f;	/* nothing past U+10FFFF */
	} else {
		*cp = INPUT_CP_INVALID;
		return (1);
	}
	for (i = 1; i < need; i++) {
		if (i >= len || u[i] < lo || u[i] > hi) {
			*cp = INPUT_CP_INVALID;
			return (i);
		}
		v = (v << 6) | (u[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = v;
	return (need);
}

/* Return non-zero for a control character: C0 except TAB and LF, DEL, and C1. */
int
input_cp_is_control(uint32_t cp)
{
	if (cp < 0x20)
		return (cp != '\t' && cp != '\n');
	return (cp >= 0x7f && cp <= 0x9f);
}

/* Return non-zero for a bidirectional formatting character that could reorder what a
 * terminal shows: LRM, RLM, the embeddings and overrides, the isolates, and ALM. */
int
input_cp_is_bidi_control(uint32_t cp)
{
	return (cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c);
}

/* Return the INPUT_HAS_* flags a character contributes. */
static inline int
input_cp_flags(uint32_t cp)
{
	if (cp == 0)
		return (INPUT_HAS_NUL | INPUT_HAS_CONTROLS);
	if (input_cp_is_control(cp) || input_cp_is_bidi_control(cp))
		return (INPUT_HAS_CONTROLS);
	return (0);
}

/* Return the length of the well-formed three-byte sequence at u (lead 0xe1-0xef except
 * 0xed, the bulk of Japanese text), or 0 if it is anything else, so the common case skips
 * the general decoder. */
static inline size_t
input_utf8_kana_kanji(const unsigned char *u, size_t left)
{
	if (left >= 3 && u[0] >= 0xe1 && u[0] <= 0xef && u[0] != 0xed &&
	    (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80)
		return (3);
	return (0);
}

#ifdef INPUT_HAVE_AVX2
/* Return the bytes, from s (a character start), of 32-byte blocks that are valid UTF-8 and
 * hold nothing the scalar scan must look at (C0 but TAB and LF, DEL, and the leads of C1
 * U+0080-U+009F, ALM U+061C and U+2000-U+2FFF, the bidi controls among them), backed up
 * to a character start.  The validation is the lookup method of Keiser and Lemire
 * ("Validating UTF-8 in less than one instruction per byte", 2021). */
__attribute__((target("avx2"))) static size_t
input_clean_prefix_avx2(const unsigned char *s, size_t len)
{
	enum {
		TOO_SHORT = 1 << 0, TOO_LONG = 1 << 1, OVERLONG_3 = 1 << 2,
		TOO_LARGE = 1 << 3, SURROGATE = 1 << 4, OVERLONG_2 = 1 << 5,
		TOO_LARGE_1000 = 1 << 6, OVERLONG_4 = 1 << 6, TWO_CONTS = 1 << 7,
		CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
	};
	const __m256i	 b1h = _mm256_setr_epi8(
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,
	    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
#define INPUT_B1L \
	    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY, \
	    CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, \
	    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, \
	    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000
	const __m256i	 b1l = _mm256_setr_epi8(INPUT_B1L, INPUT_B1L);
#undef INPUT_B1L
#define INPUT_B2H \
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, \
	    TOO_SHORT, \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4, \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE, \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, \
	    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, \
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT
	const __m256i	 b2h = _mm256_setr_epi8(INPUT_B2H, INPUT_B2H);
#undef INPUT_B2H
	const __m256i	 nib = _mm256_set1_epi8(0x0f), c1f = _mm256_set1_epi8(0x1f);
	const __m256i	 tab = _mm256_set1_epi8('\t'), lf = _mm256_set1_epi8('\n');
	const __m256i	 del = _mm256_set1_epi8(0x7f), c2 = _mm256_set1_epi8((char)0xc2);
	const __m256i	 d8 = _mm256_set1_epi8((char)0xd8), e2 = _mm256_set1_epi8((char)0xe2);
	const __m256i	 third = _mm256_set1_epi8((char)(0xe0 - 0x80));
	const __m256i	 fourth = _mm256_set1_epi8((char)(0xf0 - 0x80));
	const __m256i	 high = _mm256_set1_epi8((char)0x80);
	__m256i		 in, prev = _mm256_setzero_si256(), p1, p2, p3, sh, sc, must, bad;
	size_t		 i = 0;

	for (; len - i >= 32; i += 32) {
		in = _mm256_loadu_si256((const __m256i *)(s + i));
		sh = _mm256_permute2x128_si256(prev, in, 0x21);
		p1 = _mm256_alignr_epi8(in, sh, 15);
		p2 = _mm256_alignr_epi8(in, sh, 14);
		p3 = _mm256_alignr_epi8(in, sh, 13);
		sc = _mm256_and_si256(_mm256_and_si256(
		    _mm256_shuffle_epi8(b1h, _mm256_and_si256(_mm256_srli_epi16(p1, 4), nib)),
		    _mm256_shuffle_epi8(b1l, _mm256_and_si256(p1, nib))),
		    _mm256_shuffle_epi8(b2h, _mm256_and_si256(_mm256_srli_epi16(in, 4), nib)));
		must = _mm256_and_si256(_mm256_or_si256(_mm256_subs_epu8(p2, third),
		    _mm256_subs_epu8(p3, fourth)), high);
		bad = _mm256_xor_si256(must, sc);
		/* What the scalar scan must see: controls, DEL, and the leads named above. */
		bad = _mm256_or_si256(bad, _mm256_andnot_si256(_mm256_or_si256(
		    _mm256_cmpeq_epi8(in, tab), _mm256_cmpeq_epi8(in, lf)),
		    _mm256_cmpeq_epi8(_mm256_min_epu8(in, c1f), in)));
		bad = _mm256_or_si256(bad, _mm256_or_si256(
		    _mm256_or_si256(_mm256_cmpeq_epi8(in, del), _mm256_cmpeq_epi8(in, c2)),
		    _mm256_or_si256(_mm256_cmpeq_epi8(in, d8), _mm256_cmpeq_epi8(in, e2))));
		if (!_mm256_testz_si256(bad, bad))
			break;
		prev = in;
	}
	/* The last character taken may run on past the blocks (or be cut by the end of
	 * s): leave it to the scalar scan. */
	if (i == 0)
		return (0);
	i--;
	while (i > 0 && (s[i] & 0xc0) == 0x80)
		i--;
	return (i);
}

/* Return 1 if the processor has AVX2 (asked once). */
static int
input_clean_has_avx2(void)
{
	static int	has = -1;

	if (has == -1)
		has = __builtin_cpu_supports("avx2") ? 1 : 0;
	return (has);
}
#endif

/* Return how many of bytes, from the first, are clean already (valid UTF-8 and no CR; a
 * leading BOM is not looked for): len if all are.  The prefix ends where a character
 * does.  *flags gets the INPUT_HAS_* flags of that prefix. */
size_t
input_clean_prefix(const char *bytes, size_t len, int *flags)
{
	const unsigned char	*u = (const unsigned char *)bytes;
	size_t			 i = 0, n, scalar = 0;
	uint64_t		 w, run;
	uint32_t		 cp;
	int			 f = 0;

	while (i < len) {
#ifdef INPUT_HAVE_AVX2
		if (i >= scalar && len - i >= 256 && input_clean_has_avx2()) {
			/* Whole blocks of plain Japanese text at once; at a block the scalar
			 * scan must see, it takes over for 64 bytes. */
			if ((n = input_clean_prefix_avx2(u + i, len - i)) >= 32) {
				i += n;
				continue;
			}
			scalar = i + 64;
		}
#endif
		if (len - i >= 8) {
			memcpy(&w, u + i, 8);
			if (input_word_plain(w)) {
				i += 8;
				continue;
			}
		}
		if (u[i] < 0x80) {
			if (u[i] == '\r')
				break;
			if (u[i] < 0x20 || u[i] == 0x7f) {
				f |= input_cp_flags(u[i]);
				/* A run of one control (a sparse file's zeros, a gigabyte of
				 * ESC): eight at a time, not a byte and a vector test each. */
				run = (uint64_t)u[i] * UINT64_C(0x0101010101010101);
				for (i++; len - i >= 8; i += 8) {
					memcpy(&w, u + i, 8);
					if (w != run)
						break;
				}
				continue;
			}
			i++;
			continue;
		}
		/* A run of non-ASCII characters: stay here until the next ASCII byte. */
		do {
			if ((n = input_utf8_kana_kanji(u + i, len - i)) != 0) {
				/* U+2000-U+206F holds the bidi controls. */
				if (u[i] == 0xe2 && (u[i + 1] == 0x80 || u[i + 1] == 0x81)) {
					input_utf8_next(bytes + i, len - i, &cp);
					f |= input_cp_flags(cp);
				}
				i += n;
				continue;
			}
			n = input_utf8_next(bytes + i, len - i, &cp);
			if (cp == INPUT_CP_INVALID)
				goto out;
			f |= input_cp_flags(cp);
			i += n;
		} while (i < len && u[i] >= 0x80);
	}
out:
	*flags = f;
	return (i);
}

/* Check bytes in one pass: return 1 if they are clean already (valid UTF-8, no CR, no
 * leading BOM), 0 if input_clean() is needed.  When clean, *flags gets the INPUT_HAS_*
 * flags of the text; the scan stops at the first thing needing a clean. */
int
input_clean_check(const char *bytes, size_t len, int *flags)
{
	int	f;

	if (len >= 3 && memcmp(bytes, "\357\273\277", 3) == 0)
		return (0);
	if (input_clean_prefix(bytes, len, &f) != len)
		return (0);
	*flags = f;
	return (1);
}

/* Return non-zero if bytes need input_clean(): invalid UTF-8, a CR, or a leading BOM. */
int
input_clean_needed(const char *bytes, size_t len)
{
	int	flags;

	return (!input_clean_check(bytes, len, &flags));
}

/* Return the INPUT_HAS_* flags of a text: NUL and control or bidi characters.  Invalid
 * sequences are skipped (they are not controls). */
int
input_scan_flags(const char *buf, size_t len)
{
	const unsigned char	*u = (const unsigned char *)buf;
	size_t			 i = 0;
	uint64_t		 w;
	uint32_t		 cp;
	int			 f = 0;

	while (i < len) {
		if (len - i >= 8) {
			memcpy(&w, u + i, 8);
			if (input_word_plain(w)) {
				i += 8;
				continue;
			}
		}
		i += input_utf8_next(buf + i, len - i, &cp);
		if (cp != INPUT_CP_INVALID)
			f |= input_cp_flags(cp);
	}
	return (f);
}

/* Clean one piece of a text cleaned in pieces, in order, into out, which has room for
 * 3 * len bytes (every byte invalid), and return the bytes written.  Pieces must end where
 * a character does, except the last; a CR ending one piece and an LF starting the next
 * make one LF, as in one piece.  *flags gets INPUT_HAD_* and INPUT_HAS_* ORed in. */
size_t
input_clean_piece(struct input_clean_state *cs, const char *bytes, size_t len, char *out,
    int *flags)
{
	const unsigned char	*u = (const unsigned char *)bytes;
	size_t			 i = 0, run = 0, o = 0, n;
	uint64_t		 w;
	uint32_t		 cp;
	int			 f = 0;

	if (len == 0)
		return (0);
	if (!cs->started) {
		cs->started = 1;
		if (len >= 3 && memcmp(bytes, "\357\273\277", 3) == 0) {
			f |= INPUT_HAD_BOM;
			i = run = 3;
		}
	} else if (cs->after_cr && u[0] == '\n')
		i = run = 1;	/* the LF of a CRLF cut between pieces: LF written already */
	while (i < len) {
		if (len - i >= 8) {
			memcpy(&w, u + i, 8);
			if (input_word_plain(w)) {
				i += 8;
				continue;
			}
		}
		if ((n = input_utf8_kana_kanji(u + i, len - i)) != 0 && u[i] != 0xe2) {
			i += n;
			continue;
		}
		if (u[i] == '\r') {
			memcpy(out + o, bytes + run, i - run);
			o += i - run;
			if (i + 1 < len && u[i + 1] == '\n')
				run = i + 1;	/* the LF is copied with the next run */
			else {
				out[o++] = '\n';
				run = i + 1;
			}
			f |= INPUT_HAD_CR;
			i++;
			continue;
		}
		n = input_utf8_next(bytes + i, len - i, &cp);
		if (cp == INPUT_CP_INVALID) {
			memcpy(out + o, bytes + run, i - run);
			o += i - run;
			memcpy(out + o, input_replacement, 3);
			o += 3;
			run = i + n;
			f |= INPUT_HAD_INVALID;
		} else
			f |= input_cp_flags(cp);
		i += n;
	}
	memcpy(out + o, bytes + run, len - run);
	o += len - run;
	cs->after_cr = u[len - 1] == '\r';
	*flags |= f;
	return (o);
}

/* Return clean UTF-8 for bytes, NUL-terminated, in a buffer the caller frees: invalid
 * sequences become U+FFFD, CRLF and CR become LF, a leading BOM is dropped.  *outlen gets
 * the length without the NUL; *flags gets INPUT_HAD_* and INPUT_HAS_* for the result. */
char *
input_clean(const char *bytes, size_t len, size_t *outlen, int *flags)
{
	struct input_clean_state cs = { 0, 0 };
	char	*out;
	size_t	 n;

	/* Room for the worst case; pages never written cost nothing, and the buffer is
	 * cut to size after. */
	out = xreallocarray(NULL, len + 1, 3);
	*flags = 0;
	n = input_clean_piece(&cs, bytes, len, out, flags);
	out[n] = '\0';
	*outlen = n;
	return (xrealloc(out, n + 1));
}
