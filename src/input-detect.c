/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input-detect.c: which encoding a record is in, and its conversion to clean UTF-8.
 * Detection looks at a prefix only; libunistring's "autodetect_jp" is not used because it
 * fails on valid UTF-8 and on CP932's NEC/IBM extensions and mis-decodes short CP932 text
 * (see CJK-LAYOUT.md), so CP932 and EUC-JP are told apart by strict trial decoding with a
 * score.  Conversion uses glibc iconv(3) directly; knows nothing of files. */

#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input.h"
#include "nls.h"
#include "xmalloc.h"

/* A trial decoding of the sample in one candidate encoding. */
struct input_trial {
	const char	*encoding;	/* iconv name */
	long		 score;		/* higher is more like Japanese text */
	size_t		 errors;	/* invalid byte sequences met */
};

/* Return the iconv name to use for an encoding given by the user, or NULL for automatic
 * detection ("auto" or NULL): Shift_JIS and its aliases mean CP932, which is what files
 * called Shift_JIS really are (Windows' superset, with ① ㈱ Ⅲ and the right ～). */
const char *
input_encoding_name(const char *encoding)
{
	static const char *const sjis[] = {
		"Shift_JIS", "Shift-JIS", "SJIS", "ShiftJIS", "MS_Kanji", "csShiftJIS",
		"Windows-31J", "MS932", "CP932", "IBM-943", NULL
	};
	size_t	i;

	if (encoding == NULL || strcasecmp(encoding, "auto") == 0)
		return (NULL);
	for (i = 0; sjis[i] != NULL; i++) {
		if (strcasecmp(encoding, sjis[i]) == 0)
			return ("CP932");
	}
	if (input_encoding_is_utf8(encoding))
		return ("UTF-8");
	return (encoding);
}

/* Return non-zero if an encoding name means UTF-8, which needs cleaning but no iconv. */
int
input_encoding_is_utf8(const char *encoding)
{
	return (strcasecmp(encoding, "UTF-8") == 0 || strcasecmp(encoding, "UTF8") == 0);
}

/* Return 0 if iconv knows the encoding given (NULL or "auto" too), else -1 with *cause
 * set to "unknown encoding NAME". */
int
input_encoding_check(const char *encoding, char **cause)
{
	const char	*name = input_encoding_name(encoding);
	iconv_t		 cd;

	if (name == NULL || input_encoding_is_utf8(name))
		return (0);
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		*cause = xasprintf(_("unknown encoding %s"), encoding);
		return (-1);
	}
	iconv_close(cd);
	return (0);
}

/* Return non-zero if bytes start with a UTF-16 byte-order mark. */
static int
input_detect_utf16_bom(const unsigned char *u, size_t len)
{
	return (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)));
}

/* Return non-zero if bytes look like a binary file: a NUL byte in the first
 * INPUT_SAMPLE_LEN bytes, unless they start with a UTF-16 byte-order mark.  A NUL further
 * on is kept in the text and flagged (INPUT_HAS_NUL). */
int
input_detect_binary(const char *bytes, size_t len)
{
	if (input_detect_utf16_bom((const unsigned char *)bytes, len))
		return (0);
	return (memchr(bytes, '\0', len < INPUT_SAMPLE_LEN ? len : INPUT_SAMPLE_LEN) != NULL);
}

/* Return the offset of the first byte that is not plain ASCII (a byte with the high bit,
 * or ESC, which starts ISO-2022-JP's shifts), or len if there is none. */
static size_t
input_detect_first_special(const char *bytes, size_t len)
{
	const unsigned char	*u = (const unsigned char *)bytes;
	const uint64_t		 ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t		 w, x;
	size_t			 i = 0;

	for (; len - i >= 8; i += 8) {
		memcpy(&w, u + i, 8);
		x = w ^ (ones * 0x1b);
		if (((w | ((x - ones) & ~x)) & highs) != 0)
			break;
	}
	for (; i < len; i++) {
		if (u[i] >= 0x80 || u[i] == 0x1b)
			break;
	}
	return (i);
}

/* Return non-zero if the sample is 7-bit and holds an ISO-2022-JP designation (ESC $ @,
 * ESC $ B, ESC ( J, ESC ( I or ESC $ ( D); set *jis0212 if JIS X 0212 is designated. */
static int
input_detect_iso2022jp(const unsigned char *u, size_t len, int *jis0212)
{
	size_t	i;
	int	found = 0;

	*jis0212 = 0;
	for (i = 0; i < len; i++) {
		if (u[i] >= 0x80)
			return (0);
		if (u[i] != 0x1b || len - i < 3)
			continue;
		if (u[i + 1] == '$' && (u[i + 2] == '@' || u[i + 2] == 'B'))
			found = 1;
		else if (u[i + 1] == '(' && (u[i + 2] == 'J' || u[i + 2] == 'I'))
			found = 1;
		else if (len - i >= 4 && u[i + 1] == '$' && u[i + 2] == '(' && u[i + 3] == 'D')
			found = *jis0212 = 1;
	}
	return (found);
}

/* Return how much a decoded character says the text is Japanese: kana, CJK punctuation
 * and full-width forms most, ideographs some; half-width katakana (what EUC-JP kana become
 * when read as CP932) and private use count against. */
static long
input_detect_cp_score(uint32_t cp)
{
	if (cp < 0x80)
		return (0);
	if (cp >= 0x3040 && cp <= 0x30ff)
		return (3);	/* hiragana, katakana */
	if (cp >= 0x3000 && cp <= 0x303f)
		return (3);	/* 、。「」 and U+3000 */
	if (cp >= 0xff01 && cp <= 0xff5e)
		return (2);	/* full-width ASCII */
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return (1);	/* ideographs */
	if (cp >= 0xff61 && cp <= 0xff9f)
		return (-1);	/* half-width katakana */
	if (cp >= 0xe000 && cp <= 0xf8ff)
		return (-4);	/* private use: user-defined characters */
	if (cp >= 0x80 && cp <= 0x9f)
		return (-4);	/* C1 controls */
	return (0);
}

/* Decode the sample strictly with iconv, scoring each character; a bad byte costs much
 * and is skipped.  An incomplete sequence at the end (the sample's cut) is ignored. */
static void
input_detect_trial(struct input_trial *tr, const char *s, size_t len)
{
	iconv_t		 cd;
	char		 out[4096], *in = (char *)s, *op;
	size_t		 inleft = len, outleft, i, r;
	const unsigned char *o;

	tr->score = 0;
	tr->errors = 0;
	if ((cd = iconv_open("UTF-32LE", tr->encoding)) == (iconv_t)-1) {
		tr->score = -1000000;
		return;
	}
	while (inleft > 0) {
		op = out;
		outleft = sizeof out;
		r = iconv(cd, &in, &inleft, &op, &outleft);
		o = (const unsigned char *)out;
		for (i = 0; i + 4 <= (size_t)(op - out); i += 4) {
			tr->score += input_detect_cp_score(o[i] | o[i + 1] << 8 |
			    o[i + 2] << 16 | (uint32_t)o[i + 3] << 24);
		}
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL)
			break;
		tr->errors++;
		tr->score -= 10;
		in++;
		inleft--;
	}
	iconv_close(cd);
}

/* Decode the sample as UTF-8, scoring like input_detect_trial(); a sequence cut by the
 * end of a sample shorter than the text is not counted. */
static void
input_detect_trial_utf8(struct input_trial *tr, const char *s, size_t len, int cut)
{
	size_t		i = 0, n;
	uint32_t	cp;

	tr->score = 0;
	tr->errors = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = input_utf8_next(s + i, len - i, &cp);
		if (cp == INPUT_CP_INVALID) {
			if (cut && i + n == len)
				break;
			tr->errors++;
			tr->score -= 10;
		} else
			tr->score += input_detect_cp_score(cp);
		i += n;
	}
}

/* Return the name of the encoding the bytes are most likely in: "UTF-8" (with or without
 * a BOM, and for pure ASCII), "UTF-16" (with a BOM), "ISO-2022-JP" (or its superset
 * "ISO-2022-JP-2" when JIS X 0212 is designated; glibc has no ISO-2022-JP-1), "CP932",
 * "EUC-JP" or "EUC-JP-MS".  Only INPUT_SAMPLE_LEN bytes from the
 * first byte that is not plain ASCII are looked at.  Never fails; the string is static. */
const char *
input_detect_encoding(const char *bytes, size_t len)
{
	const unsigned char	*u = (const unsigned char *)bytes;
	struct input_trial	 sjis = { "CP932", 0, 0 }, euc = { "EUC-JP", 0, 0 };
	struct input_trial	 utf8 = { "UTF-8", 0, 0 }, eucms = { "EUC-JP-MS", 0, 0 };
	size_t			 start, n;
	int			 jis0212;

	if (len >= 3 && memcmp(bytes, "\357\273\277", 3) == 0)
		return ("UTF-8");
	if (input_detect_utf16_bom(u, len))
		return ("UTF-16");
	/* A long ASCII preamble says nothing: sample from the first special byte, which is
	 * the start of a character in every encoding considered. */
	start = input_detect_first_special(bytes, len);
	if (start == len)
		return ("UTF-8");
	n = len - start < INPUT_SAMPLE_LEN ? len - start : INPUT_SAMPLE_LEN;
	if (input_detect_iso2022jp(u + start, n, &jis0212))
		return (jis0212 ? "ISO-2022-JP-2" : "ISO-2022-JP");

	/* XXX: one or two EUC-JP kanji alone can be valid UTF-8 too (両 is 0xcebe, also
	 * U+03BE) and are read as UTF-8; from three characters on, kana or punctuation
	 * almost always decide it.  UTF-16 without a BOM is not recognised. */
	/* Valid UTF-8 is UTF-8; otherwise the best of three strict trial decodings wins
	 * (UTF-8 with a few bad bytes still beats its own bytes read as CP932). */
	input_detect_trial_utf8(&utf8, bytes + start, n, start + n < len);
	if (utf8.errors == 0)
		return ("UTF-8");
	input_detect_trial(&sjis, bytes + start, n);
	input_detect_trial(&euc, bytes + start, n);
	if (euc.errors != 0) {
		/* Windows' EUC-JP has CP932's extensions (① is 0xada1); glibc's EUC-JP-MS
		 * reads them, but maps 〜 to ～, so it is only used when EUC-JP fails. */
		input_detect_trial(&eucms, bytes + start, n);
		if (eucms.score > euc.score)
			euc = eucms;
	}
	if (utf8.score >= sjis.score && utf8.score >= euc.score)
		return ("UTF-8");
	if (euc.score > sjis.score)
		return (euc.encoding);
	return ("CP932");
}

/* Make room for at least n more bytes (and a NUL) in the conversion buffer. */
static void
input_convert_grow(char **buf, size_t *size, char **op, size_t *outleft, size_t n)
{
	size_t	used = *op - *buf;

	if (*outleft >= n)
		return;
	*size = *size + *size / 2 + n + 16;
	*buf = xrealloc(*buf, *size);
	*op = *buf + used;
	*outleft = *size - used - 1;
}

/* Convert bytes from encoding (an iconv name; Shift_JIS means CP932; NULL or "auto" to
 * detect) to clean UTF-8 in a new NUL-terminated buffer the caller frees.  Bad or
 * unconvertible bytes become U+FFFD, one per byte skipped, and an incomplete sequence at
 * the end becomes one U+FFFD; nothing else is dropped.  The result is then cleaned (CR,
 * BOM) and *flags gets INPUT_HAD_* and INPUT_HAS_*.  Return -1 with *cause set if the
 * encoding is unknown to iconv. */
int
input_convert(const char *bytes, size_t len, const char *encoding, char **out,
    size_t *outlen, int *flags, char **cause)
{
	const char	*name = input_encoding_name(encoding);
	iconv_t		 cd;
	char		*buf, *in = (char *)bytes, *op, *clean;
	size_t		 size, inleft = len, outleft, used, r, cleanlen;
	int		 f = 0, cf, e;

	if (name == NULL)
		name = input_detect_encoding(bytes, len);
	if (input_encoding_is_utf8(name)) {
		*out = input_clean(bytes, len, outlen, flags);
		return (0);
	}
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1) {
		*cause = xasprintf(_("unknown encoding %s"), encoding != NULL ? encoding : name);
		return (-1);
	}
	size = len + len / 2 + 16;
	buf = xmalloc(size);
	op = buf;
	outleft = size - 1;
	while (inleft > 0) {
		r = iconv(cd, &in, &inleft, &op, &outleft);
		if (r != (size_t)-1)
			continue;
		e = errno;
		if (e == E2BIG) {
			input_convert_grow(&buf, &size, &op, &outleft, 64);
			continue;
		}
		if (e != EILSEQ && e != EINVAL) {
			*cause = xasprintf(_("cannot convert from %s: %s"), name, strerror(e));
			iconv_close(cd);
			free(buf);
			return (-1);
		}
		input_convert_grow(&buf, &size, &op, &outleft, 3);
		memcpy(op, "\357\277\275", 3);
		op += 3;
		outleft -= 3;
		f |= INPUT_HAD_INVALID;
		if (e == EINVAL)
			break;		/* an incomplete sequence at the end: one U+FFFD */
		in++;
		inleft--;
	}
	/* Return to the initial shift state (ISO-2022-JP may owe an escape, but to UTF-8
	 * nothing is written; done for correctness with stateful targets). */
	while (iconv(cd, NULL, NULL, &op, &outleft) == (size_t)-1 && errno == E2BIG)
		input_convert_grow(&buf, &size, &op, &outleft, 64);
	iconv_close(cd);
	*op = '\0';
	used = op - buf;

	/* The result is valid UTF-8; it may still hold CRs or a BOM. */
	if (input_clean_check(buf, used, &cf)) {
		*out = xrealloc(buf, used + 1);
		*outlen = used;
	} else {
		clean = input_clean(buf, used, &cleanlen, &cf);
		free(buf);
		*out = clean;
		*outlen = cleanlen;
	}
	*flags = f | cf;
	return (0);
}
