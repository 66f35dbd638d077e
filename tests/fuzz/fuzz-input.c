/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-input.c: the input layer under libFuzzer.  The first byte picks the encoding (auto
 * or a named one), the rest is the record.  The fast paths of input-clean.c are checked
 * against a plain reference decoder (Unicode's Table 3-7, one character at a time), and
 * every converted text must be clean UTF-8 with its flags right. */
#include "config.h"

#include "fuzz.h"

/* Encodings the first byte chooses from; NULL is auto, given twice the weight. */
static const char *const fuzz_input_encodings[] = {
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	"UTF-8", "CP932", "EUC-JP", "ISO-2022-JP", "EUC-JP-MS", "ISO-2022-JP-2", "SHIFT_JIS",
	"UTF-16"
};

/* Decode one character the slow, obvious way: return its bytes and set *cp, or return the
 * length of the maximal ill-formed subpart and set *cp to INPUT_CP_INVALID. */
static size_t
fuzz_ref_next(const unsigned char *u, size_t len, uint32_t *cp)
{
	unsigned char	 lo[4] = { 0, 0x80, 0x80, 0x80 }, hi[4] = { 0, 0xbf, 0xbf, 0xbf };
	size_t		 need, i;
	uint32_t	 v;

	if (u[0] <= 0x7f) {
		*cp = u[0];
		return (1);
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		need = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		need = 3;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		need = 4;
	else {
		*cp = INPUT_CP_INVALID;
		return (1);
	}
	if (u[0] == 0xe0)
		lo[1] = 0xa0;
	if (u[0] == 0xed)
		hi[1] = 0x9f;
	if (u[0] == 0xf0)
		lo[1] = 0x90;
	if (u[0] == 0xf4)
		hi[1] = 0x8f;
	v = u[0] & (need == 2 ? 0x1f : need == 3 ? 0x0f : 0x07);
	for (i = 1; i < need; i++) {
		if (i == len || u[i] < lo[i] || u[i] > hi[i]) {
			*cp = INPUT_CP_INVALID;
			return (i);
		}
		v = v << 6 | (u[i] & 0x3f);
	}
	*cp = v;
	return (need);
}

/* Return the INPUT_HAS_* flags of one code point, written out from input.h's meaning. */
static int
fuzz_ref_flags(uint32_t cp)
{
	int	f = 0;

	if (cp == 0)
		f |= INPUT_HAS_NUL;
	if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c)
		f |= INPUT_HAS_CONTROLS;
	return (f);
}

/* Return the flags of text (invalid sequences skipped); *valid gets 1 if it is all
 * well-formed, *cr 1 if it holds a CR. */
static int
fuzz_ref_scan(const char *s, size_t len, int *valid, int *cr)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;
	int			 f = 0;

	*valid = 1;
	*cr = 0;
	for (i = 0; i < len; i += n) {
		n = fuzz_ref_next(u + i, len - i, &cp);
		if (cp == INPUT_CP_INVALID)
			*valid = 0;
		else {
			f |= fuzz_ref_flags(cp);
			if (cp == '\r')
				*cr = 1;
		}
	}
	return (f);
}

/* Clean bytes the slow way into an allocated buffer; *outlen and *flags as input_clean(). */
static char *
fuzz_ref_clean(const char *s, size_t len, size_t *outlen, int *flags)
{
	const unsigned char	*u = (const unsigned char *)s;
	char			*out;
	size_t			 i = 0, o = 0, n;
	uint32_t		 cp;
	int			 f = 0;

	out = malloc(len * 3 + 1);
	if (out == NULL)
		abort();
	if (len >= 3 && memcmp(s, "\357\273\277", 3) == 0) {
		f |= INPUT_HAD_BOM;
		i = 3;
	}
	while (i < len) {
		if (u[i] == '\r') {
			out[o++] = '\n';
			f |= INPUT_HAD_CR;
			i += (i + 1 < len && u[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		n = fuzz_ref_next(u + i, len - i, &cp);
		if (cp == INPUT_CP_INVALID) {
			memcpy(out + o, "\357\277\275", 3);
			o += 3;
			f |= INPUT_HAD_INVALID;
		} else {
			memcpy(out + o, s + i, n);
			o += n;
			f |= fuzz_ref_flags(cp);
		}
		i += n;
	}
	*outlen = o;
	*flags = f;
	return (out);
}

/* Check the cleaning functions on raw bytes against the reference. */
static void
fuzz_input_clean(const char *s, size_t len)
{
	char		*got, *want;
	size_t		 got_len, want_len, i, n;
	uint32_t	 cp, ref_cp;
	int		 got_flags, want_flags, valid, cr, ok, bom;

	/* input_utf8_next agrees with the reference at every byte position. */
	for (i = 0; i < len; i++) {
		n = input_utf8_next(s + i, len - i, &cp);
		fuzz_check(n == fuzz_ref_next((const unsigned char *)s + i, len - i, &ref_cp));
		fuzz_check(cp == ref_cp);
	}

	got = input_clean(s, len, &got_len, &got_flags);
	want = fuzz_ref_clean(s, len, &want_len, &want_flags);
	fuzz_check(got_len == want_len);
	fuzz_check(memcmp(got, want, got_len) == 0);
	fuzz_check(got[got_len] == '\0');
	fuzz_check(got_flags == want_flags);
	free(want);

	/* input_clean_check: 1 exactly when there is nothing to clean. */
	want_flags = fuzz_ref_scan(s, len, &valid, &cr);
	bom = len >= 3 && memcmp(s, "\357\273\277", 3) == 0;
	ok = input_clean_check(s, len, &got_flags);
	fuzz_check(ok == (valid && !cr && !bom));
	if (ok)
		fuzz_check(got_flags == want_flags);
	fuzz_check(input_clean_needed(s, len) == !ok);
	fuzz_check(input_scan_flags(s, len) == want_flags);

	/* Cleaning twice changes nothing more (but a second leading BOM). */
	if (got_len < 3 || memcmp(got, "\357\273\277", 3) != 0)
		fuzz_check(!input_clean_needed(got, got_len));
	free(got);
}

/* Check one conversion through input_text_from_bytes(). */
static void
fuzz_input_text(const char *s, size_t len, const char *encoding)
{
	struct input_text	 t;
	char			*cause = NULL, *want;
	size_t			 want_len;
	int			 valid, cr, flags, want_flags;

	if (input_text_from_bytes(&t, s, len, encoding, &cause) != 0) {
		fuzz_check(cause != NULL);
		fuzz_check(t.buf == NULL && t.len == 0 && t.owned == NULL);
		free(cause);
		return;
	}
	fuzz_check(t.encoding != NULL);
	fuzz_check(t.len == 0 || t.buf != NULL);
	flags = fuzz_ref_scan(t.buf, t.len, &valid, &cr);
	fuzz_check(valid);
	fuzz_check(!cr);
	fuzz_check((t.flags & (INPUT_HAS_CONTROLS | INPUT_HAS_NUL)) == flags);
	if (strcmp(t.encoding, "UTF-8") == 0) {
		want = fuzz_ref_clean(s, len, &want_len, &want_flags);
		fuzz_check(t.len == want_len && memcmp(t.buf, want, want_len) == 0);
		fuzz_check(t.flags == want_flags);
		free(want);
	}
	input_text_clear(&t);
}

/* The libFuzzer entry point: one input. */
int
FUZZ_ENTRY(input)(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data + 1;
	const char	*enc;

	fuzz_setup();
	if (size == 0)
		return (0);
	enc = fuzz_input_encodings[data[0] % (sizeof fuzz_input_encodings /
	    sizeof fuzz_input_encodings[0])];
	fuzz_input_clean(s, size - 1);
	(void)input_detect_binary(s, size - 1);
	fuzz_check(input_detect_encoding(s, size - 1) != NULL);
	fuzz_input_text(s, size - 1, enc);
	return (0);
}
