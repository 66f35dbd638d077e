/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-input.c: the input layer: reading, encoding detection, conversion and cleaning.
 * Fixtures are in tests/data/input/ (made by its make-fixtures.sh from the sample record);
 * small cases are written out byte by byte here. */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "input.h"
#include "tap.h"

#define SAMPLE	"content/000_f63a307d17307818.txt"
#define DATA	"tests/data/input/"
#define FFFD	"\357\277\275"
#define S(lit)	lit, sizeof (lit) - 1	/* a literal and its length in bytes */

/* Return the path of a source-tree file in a static buffer. */
static const char *
test_path(const char *rel)
{
	static char	path[4096];

	snprintf(path, sizeof path, "%s/%s", tap_srcdir(), rel);
	return (path);
}

/* Open a fixture with the given encoding and check its text, encoding and flags. */
static void
test_file(const char *rel, const char *encoding, const char *want_rel,
    const char *want_encoding, int want_flags)
{
	struct input_text	 t;
	char			*want, *cause = NULL;
	size_t			 wantlen;

	want = tap_read_file(want_rel, &wantlen);
	if (!ok(input_text_open(&t, test_path(rel), encoding, &cause) == 0, "%s opens", rel)) {
		tap_diag("cause: %s", cause);
		free(cause);
		free(want);
		return;
	}
	is_str(t.encoding, want_encoding, "%s is read as %s", rel, want_encoding);
	ok(want != NULL && t.len == wantlen && memcmp(t.buf, want, wantlen) == 0,
	    "%s gives the same clean UTF-8 as %s", rel, want_rel);
	is_int(t.flags, want_flags, "%s has flags %#x", rel, want_flags);
	input_text_clear(&t);
	free(want);
}

/* Check that bytes, read with encoding, give want (NUL-terminated) and flags. */
static void
test_bytes(const char *name, const char *bytes, size_t len, const char *encoding,
    const char *want, const char *want_encoding, int want_flags)
{
	struct input_text	 t;
	char			*cause = NULL;

	if (!ok(input_text_from_bytes(&t, bytes, len, encoding, &cause) == 0, "%s: read", name)) {
		tap_diag("cause: %s", cause);
		free(cause);
		return;
	}
	is_mem(t.buf, t.len, want, "%s: text", name);
	if (want_encoding != NULL)
		is_str(t.encoding, want_encoding, "%s: encoding", name);
	is_int(t.flags, want_flags, "%s: flags", name);
	ok(t.map == NULL && t.owned == t.buf && t.owned[t.len] == '\0',
	    "%s: text from memory is owned and NUL-terminated", name);
	input_text_clear(&t);
}

/* Check that cleaning UTF-8 bytes gives want and flags. */
static void
test_clean(const char *name, const char *bytes, size_t len, const char *want,
    int want_flags)
{
	char	*out;
	size_t	 outlen;
	int	 flags;

	is_int(input_clean_needed(bytes, len), (want_flags & (INPUT_HAD_INVALID |
	    INPUT_HAD_CR | INPUT_HAD_BOM)) != 0, "%s: needs a clean or not", name);
	out = input_clean(bytes, len, &outlen, &flags);
	is_mem(out, outlen, want, "%s: cleaned", name);
	is_int(flags, want_flags, "%s: flags", name);
	ok(out[outlen] == '\0', "%s: NUL-terminated", name);
	free(out);
}

/* Check that reading path fails with the given cause. */
static void
test_open_fails(const char *path, const char *encoding, const char *want_cause)
{
	struct input_text	 t;
	char			*cause = NULL;

	is_int(input_text_open(&t, path, encoding, &cause), -1, "%s fails", path);
	is_str(cause, want_cause, "%s: cause", path);
	ok(t.buf == NULL && t.owned == NULL && t.map == NULL && t.encoding == NULL,
	    "%s: nothing is left behind", path);
	free(cause);
}

/* Every encoding of the sample gives the same text; clean UTF-8 is not copied. */
static void
test_fixtures(void)
{
	struct input_text	 t;
	char			*cause = NULL;

	test_file(SAMPLE, NULL, SAMPLE, "UTF-8", 0);
	test_file(DATA "sample-jis.txt", NULL, DATA "sample-jis.txt", "UTF-8", 0);
	test_file(DATA "sample-jis.cp932", NULL, DATA "sample-jis.txt", "CP932", 0);
	test_file(DATA "sample-jis.eucjp", NULL, DATA "sample-jis.txt", "EUC-JP", 0);
	test_file(DATA "sample-jis.iso2022jp", NULL, DATA "sample-jis.txt", "ISO-2022-JP", 0);
	test_file(DATA "sample.bom", NULL, SAMPLE, "UTF-8", INPUT_HAD_BOM);
	test_file(DATA "sample.crlf", NULL, SAMPLE, "UTF-8", INPUT_HAD_CR);
	test_file(DATA "sample.bom-crlf", NULL, SAMPLE, "UTF-8", INPUT_HAD_BOM | INPUT_HAD_CR);
	test_file(DATA "sample.cr", NULL, SAMPLE, "UTF-8", INPUT_HAD_CR);
	test_file(DATA "cp932-ext.cp932", NULL, DATA "cp932-ext.txt", "CP932", 0);

	/* The encoding given wins; Shift_JIS means CP932. */
	test_file(DATA "sample-jis.eucjp", "EUC-JP", DATA "sample-jis.txt", "EUC-JP", 0);
	test_file(DATA "sample-jis.cp932", "auto", DATA "sample-jis.txt", "CP932", 0);
	test_file(DATA "cp932-ext.cp932", "Shift_JIS", DATA "cp932-ext.txt", "CP932", 0);
	test_file(DATA "cp932-ext.cp932", "sjis", DATA "cp932-ext.txt", "CP932", 0);
	test_file(SAMPLE, "utf8", SAMPLE, "UTF-8", 0);

	ok(input_text_open(&t, test_path(SAMPLE), NULL, &cause) == 0, "the sample opens");
	ok(t.map != NULL && t.owned == NULL && t.buf == t.map && t.len == t.map_len,
	    "clean UTF-8 is used from the mapping, not copied");
	input_text_clear(&t);
	ok(t.buf == NULL && t.map == NULL && t.encoding == NULL, "clear empties the text");

	ok(input_text_open(&t, test_path(DATA "sample.crlf"), NULL, &cause) == 0,
	    "the CRLF sample opens");
	ok(t.map == NULL && t.owned != NULL, "UTF-8 that needs a clean is copied");
	input_text_clear(&t);
}

/* Detection on short and awkward inputs, where libunistring's autodetect_jp is wrong. */
static void
test_detect(void)
{
	char	 buf[70100];

	is_str(input_detect_encoding("", 0), "UTF-8", "empty is UTF-8");
	is_str(input_detect_encoding("plain ascii\n", 12), "UTF-8", "ASCII is UTF-8");
	is_str(input_detect_encoding("\357\273\277a", 4), "UTF-8", "a UTF-8 BOM");
	is_str(input_detect_encoding("日本語", strlen("日本語")), "UTF-8", "short UTF-8");
	/* ①㈱Ⅲ～ in CP932: autodetect_jp turns it into "@V`" without an error. */
	is_str(input_detect_encoding("\207\100\207\212\207\126\201\140", 8), "CP932",
	    "short CP932 with NEC extensions");
	test_bytes("short CP932 ①㈱Ⅲ～", S("\207\100\207\212\207\126\201\140"), NULL,
	    "①㈱Ⅲ～", "CP932", 0);
	/* テスト */
	is_str(input_detect_encoding("\203\145\203\130\203\147", 6), "CP932", "short CP932 katakana");
	is_str(input_detect_encoding("\245\306\245\271\245\310", 6), "EUC-JP", "short EUC-JP katakana");
	/* 日本 */
	is_str(input_detect_encoding("\306\374\313\334", 4), "EUC-JP", "short EUC-JP kanji");
	is_str(input_detect_encoding("\223\372\226\173", 4), "CP932", "short CP932 kanji");
	/* これは */
	test_bytes("short EUC-JP hiragana", S("\244\263\244\354\244\317"), NULL, "これは",
	    "EUC-JP", 0);
	/* ①は in Windows' EUC-JP: standard EUC-JP has no ①. */
	test_bytes("EUC-JP with NEC extensions", S("\255\241\244\317"), NULL, "①は",
	    "EUC-JP-MS", 0);
	/* 7-bit with a JIS X 0208 designation. */
	test_bytes("short ISO-2022-JP", S("\033$B$3$l\033(B x"), NULL, "これ x",
	    "ISO-2022-JP", 0);
	test_bytes("ISO-2022-JP with JIS X 0212", S("\033$(D0!\033$B$\"\033(B"), NULL, "丂あ",
	    "ISO-2022-JP-2", 0);
	/* An ESC that designates nothing is a control in UTF-8 text. */
	is_str(input_detect_encoding("a\033[2Jb", 6), "UTF-8", "ESC [ is not ISO-2022-JP");
	/* A UTF-16 BOM: NULs are text, not binary. */
	test_bytes("UTF-16LE with a BOM", S("\377\376\102\060\012\000"), NULL, "あ\n",
	    "UTF-16", 0);
	/* A long ASCII preamble, then CP932. */
	memset(buf, 'a', sizeof buf);
	buf[69999] = '\n';
	memcpy(buf + 70000, "\202\261\202\352\202\315", 6);	/* これは */
	is_str(input_detect_encoding(buf, 70006), "CP932", "CP932 after 70000 ASCII bytes");
	memcpy(buf + 70000, "\244\263\244\354\244\317", 6);
	is_str(input_detect_encoding(buf, 70006), "EUC-JP", "EUC-JP after 70000 ASCII bytes");
	/* UTF-8 with one bad byte among many good characters is still UTF-8. */
	test_bytes("UTF-8 with one bad byte",
	    S("これは日本語の文章です。とても長い文章です\377。"), NULL,
	    "これは日本語の文章です。とても長い文章です" FFFD "。", "UTF-8", INPUT_HAD_INVALID);
	ok(input_detect_binary("x\0y", 3), "a NUL at the start is binary");
	ok(!input_detect_binary("xyz", 3), "no NUL is not binary");
}

/* Records longer than the detection sample, cut there at every offset of a character. */
static void
test_long(void)
{
	static const char *const files[] = {
		"sample-jis.txt", "sample-jis.cp932", "sample-jis.eucjp", "sample-jis.iso2022jp"
	};
	static const char *const encodings[] = { "UTF-8", "CP932", "EUC-JP", "ISO-2022-JP" };
	/* あ in each encoding: the sample starts with it, then 0 to 5 spaces shift the
	 * place where the sample's end falls in a character. */
	static const char *const a[] = {
		"\343\201\202", "\202\240", "\244\242", "\033$B$\"\033(B"
	};
	struct input_text	 t;
	char			*one, *want, *many, *cause = NULL, path[64];
	size_t			 onelen, wantlen, len, copies, i, k, skip, pre;
	int			 bad;

	want = tap_read_file(DATA "sample-jis.txt", &wantlen);
	for (k = 0; k < 4; k++) {
		snprintf(path, sizeof path, DATA "%s", files[k]);
		one = tap_read_file(path, &onelen);
		copies = 2 * INPUT_SAMPLE_LEN / onelen + 2;
		many = malloc(onelen * copies + 16);
		bad = 0;
		for (skip = 0; skip < 6; skip++) {
			len = strlen(a[k]);
			memcpy(many, a[k], len);
			memset(many + len, ' ', skip);
			len += skip;
			many[len++] = '\n';
			for (i = 0; i < copies; i++) {
				memcpy(many + len, one, onelen);
				len += onelen;
			}
			if (input_text_from_bytes(&t, many, len, NULL, &cause) != 0) {
				free(cause);
				bad++;
				continue;
			}
			pre = 3 + skip + 1;
			if (strcmp(t.encoding, encodings[k]) != 0 || t.flags != 0 ||
			    t.len != pre + wantlen * copies ||
			    memcmp(t.buf, "\343\201\202", 3) != 0 ||
			    memcmp(t.buf + pre, want, wantlen) != 0 ||
			    memcmp(t.buf + t.len - wantlen, want, wantlen) != 0)
				bad++;
			input_text_clear(&t);
		}
		is_int(bad, 0, "%s repeated past %d bytes is read whole as %s", files[k],
		    INPUT_SAMPLE_LEN, encodings[k]);
		free(many);
		free(one);
	}
	free(want);
}

/* Conversion never fails on bad bytes and never drops a truncated end. */
static void
test_convert(void)
{
	struct input_text	 t;
	char			*cause = NULL;

	/* あ then a lone CP932 lead byte at the end. */
	test_bytes("CP932 cut in a character", S("\202\240\202"), "CP932", "あ" FFFD,
	    "CP932", INPUT_HAD_INVALID);
	/* あ, a byte EUC-JP does not have, い. */
	test_bytes("EUC-JP with a bad byte", S("\244\242\377\244\244"), "EUC-JP",
	    "あ" FFFD "い", "EUC-JP", INPUT_HAD_INVALID);
	/* EUC-JP with CRLF: converted, then cleaned. */
	test_bytes("EUC-JP with CRLF", S("\244\242\r\n\244\244\r\n"), "EUC-JP", "あ\nい\n",
	    "EUC-JP", INPUT_HAD_CR);
	/* JIS X 0212 through EUC-JP's SS3 (丂 is 0x8FB0A1). */
	test_bytes("EUC-JP with JIS X 0212", S("\217\260\241\244\242"), "EUC-JP", "丂あ",
	    "EUC-JP", 0);
	test_bytes("an ESC in CP932 is flagged", S("\202\240\033[m"), "CP932", "あ\033[m",
	    "CP932", INPUT_HAS_CONTROLS);

	is_int(input_text_from_bytes(&t, "abc", 3, "NOPE-42", &cause), -1,
	    "an unknown encoding fails");
	is_str(cause, "unknown encoding NOPE-42", "an unknown encoding is named");
	free(cause);
	cause = NULL;
	test_open_fails(test_path(SAMPLE), "NOPE-42", "unknown encoding NOPE-42");
}

/* Invalid UTF-8, CR, BOM: each maximal ill-formed subpart becomes one U+FFFD. */
static void
test_cleaning(void)
{
	uint32_t	 cp;
	char		*out;
	size_t		 outlen;
	int		 flags;

	test_clean("clean text", S("日本語\n"), "日本語\n", 0);
	test_clean("a lone continuation byte", S("a\200b"), "a" FFFD "b", INPUT_HAD_INVALID);
	test_clean("an overlong slash", S("a\300\257b"), "a" FFFD FFFD "b", INPUT_HAD_INVALID);
	test_clean("an overlong three-byte form", S("\340\200\257"), FFFD FFFD FFFD,
	    INPUT_HAD_INVALID);
	test_clean("a surrogate", S("\355\240\200x"), FFFD FFFD FFFD "x", INPUT_HAD_INVALID);
	test_clean("past U+10FFFF", S("\364\220\200\200"), FFFD FFFD FFFD FFFD,
	    INPUT_HAD_INVALID);
	test_clean("F5 and FF", S("\365\377"), FFFD FFFD, INPUT_HAD_INVALID);
	test_clean("a cut sequence before ASCII", S("x\343\201y"), "x" FFFD "y",
	    INPUT_HAD_INVALID);
	test_clean("a cut four-byte sequence", S("\360\237\230a"), FFFD "a", INPUT_HAD_INVALID);
	test_clean("a sequence cut by the end", S("あ\343\201"), "あ" FFFD, INPUT_HAD_INVALID);
	test_clean("a lead byte at the end", S("あ\343"), "あ" FFFD, INPUT_HAD_INVALID);
	test_clean("emoji are valid", S("\360\237\230\200"), "\360\237\230\200", 0);
	test_clean("CRLF, CR and LF", S("a\r\nb\rc\n\r"), "a\nb\nc\n\n", INPUT_HAD_CR);
	test_clean("CR at the end", S("a\r"), "a\n", INPUT_HAD_CR);
	test_clean("CR CR LF", S("a\r\r\n"), "a\n\n", INPUT_HAD_CR);
	test_clean("a leading BOM", S("\357\273\277あ"), "あ", INPUT_HAD_BOM);
	test_clean("a BOM alone", S("\357\273\277"), "", INPUT_HAD_BOM);
	test_clean("a BOM inside stays", S("a\357\273\277"), "a\357\273\277", 0);
	test_clean("empty", S(""), "", 0);
	test_clean("everything at once", S("\357\273\277\377a\r\n\033"), FFFD "a\n\033",
	    INPUT_HAD_BOM | INPUT_HAD_INVALID | INPUT_HAD_CR | INPUT_HAS_CONTROLS);
	out = input_clean(S("a\0b\r"), &outlen, &flags);
	ok(outlen == 4 && memcmp(out, "a\0b\n", 4) == 0, "a NUL stays in the text");
	is_int(flags, INPUT_HAS_NUL | INPUT_HAS_CONTROLS | INPUT_HAD_CR, "a NUL is flagged");
	free(out);

	is_int(input_utf8_next("\343\201\202", 3, &cp), 3, "あ is three bytes");
	is_int(cp, 0x3042, "あ is U+3042");
	is_int(input_utf8_next("\343\201", 2, &cp), 2, "a cut あ is one subpart of two");
	ok(cp == INPUT_CP_INVALID, "a cut あ is invalid");
	is_int(input_utf8_next("\355\237\277", 3, &cp), 3, "U+D7FF is valid");
	is_int(input_utf8_next("\364\217\277\277", 4, &cp), 4, "U+10FFFF is valid");
	is_int(cp, 0x10ffff, "U+10FFFF decodes");
}

/* Controls are kept and flagged, wherever they fall in the fast 8-byte scan. */
static void
test_controls(void)
{
	char	line[64];
	size_t	i;
	int	flags, bad = 0, missed = 0;

	ok(input_cp_is_control(0x00) && input_cp_is_control(0x1b) &&
	    input_cp_is_control(0x0d) && input_cp_is_control(0x7f) &&
	    input_cp_is_control(0x80) && input_cp_is_control(0x9b) &&
	    input_cp_is_control(0x9f), "C0, DEL and C1 are controls");
	ok(!input_cp_is_control('\t') && !input_cp_is_control('\n') &&
	    !input_cp_is_control(' ') && !input_cp_is_control(0xa0) &&
	    !input_cp_is_control(0x3042), "TAB, LF, space, NBSP and あ are not");
	ok(input_cp_is_bidi_control(0x200e) && input_cp_is_bidi_control(0x200f) &&
	    input_cp_is_bidi_control(0x202a) && input_cp_is_bidi_control(0x202e) &&
	    input_cp_is_bidi_control(0x2066) && input_cp_is_bidi_control(0x2069) &&
	    input_cp_is_bidi_control(0x061c), "the bidi controls");
	ok(!input_cp_is_bidi_control(0x200d) && !input_cp_is_bidi_control(0x2029) &&
	    !input_cp_is_bidi_control(0x2065) && !input_cp_is_bidi_control(0x202f),
	    "ZWJ, PS and their neighbours are not bidi controls");

	is_int(input_scan_flags(S("日本語\tです\n")), 0, "TAB and LF are not flagged");
	is_int(input_scan_flags(S("a\033[2J")), INPUT_HAS_CONTROLS, "ESC is flagged");
	is_int(input_scan_flags(S("a\302\233b")), INPUT_HAS_CONTROLS, "C1 CSI is flagged");
	is_int(input_scan_flags(S("x\342\200\256y")), INPUT_HAS_CONTROLS, "RLO is flagged");
	is_int(input_scan_flags(S("x\342\201\247y")), INPUT_HAS_CONTROLS, "FSI is flagged");
	is_int(input_scan_flags(S("x\330\234y")), INPUT_HAS_CONTROLS, "ALM is flagged");
	is_int(input_scan_flags(S("x\342\200\224y")), 0, "an em dash is not");
	is_int(input_scan_flags(S("a\0b")), INPUT_HAS_NUL | INPUT_HAS_CONTROLS, "NUL");

	/* Each control at each offset of a long line with LFs in it. */
	for (i = 0; i < 40; i++) {
		static const char ctl[] = { 0x00, 0x01, 0x0b, 0x0d, 0x1b, 0x1f, 0x7f };
		size_t	k;

		for (k = 0; k < sizeof ctl; k++) {
			memset(line, 'a', sizeof line);
			line[3] = line[17] = line[i + 1] = '\n';
			line[i] = ctl[k];
			flags = input_scan_flags(line, sizeof line);
			if (!(flags & INPUT_HAS_CONTROLS))
				bad++;
			if (ctl[k] == '\r') {
				if (!input_clean_needed(line, sizeof line))
					missed++;
			} else if (!input_clean_check(line, sizeof line, &flags) ||
			    !(flags & INPUT_HAS_CONTROLS))
				missed++;
		}
	}
	is_int(bad, 0, "every control at every offset is flagged");
	is_int(missed, 0, "the check sees every control and CR at every offset");
	memset(line, 'a', sizeof line);
	for (i = 0; i < sizeof line; i += 5)
		line[i] = '\n';
	is_int(input_scan_flags(line, sizeof line), 0, "LFs alone are not flagged");
	ok(!input_clean_needed(line, sizeof line), "LFs alone need no clean");
}

/* Files that are not records, and streams. */
static void
test_files(void)
{
	struct input_text	 t;
	char			 dir[] = "/tmp/kiroku-test-input.XXXXXX", path[4200];
	char			*cause = NULL, *big;
	int			 fd, p[2];
	FILE			*f;

	test_open_fails("/nonexistent/kiroku/file.txt", NULL, "No such file or directory");
	test_open_fails(tap_srcdir(), NULL, "Is a directory");
	test_open_fails("/dev/zero", NULL, "binary file");

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof path, "%s/bin.txt", dir);
	f = fopen(path, "wb");
	fwrite("x\0y\0z\0\0\0", 1, 8, f);
	fclose(f);
	test_open_fails(path, NULL, "binary file");
	ok(input_text_open(&t, path, "UTF-8", &cause) == 0 && t.len == 8 &&
	    (t.flags & INPUT_HAS_NUL), "with an explicit encoding, NULs are text");
	input_text_clear(&t);

	/* A stray NUL after the first 64 KiB: a text, flagged. */
	big = malloc(100000);
	memset(big, 'a', 100000);
	big[80000] = '\0';
	f = fopen(path, "wb");
	fwrite(big, 1, 100000, f);
	fclose(f);
	ok(input_text_open(&t, path, NULL, &cause) == 0, "a NUL past 64 KiB is read");
	ok(t.len == 100000 && t.flags == (INPUT_HAS_NUL | INPUT_HAS_CONTROLS) &&
	    t.map != NULL, "it is flagged and mapped");
	input_text_clear(&t);
	free(big);

	snprintf(path, sizeof path, "%s/empty.txt", dir);
	fclose(fopen(path, "wb"));
	ok(input_text_open(&t, path, NULL, &cause) == 0, "an empty file is read");
	ok(t.len == 0 && t.buf != NULL && t.flags == 0, "it is an empty record");
	is_str(t.encoding, "UTF-8", "it is UTF-8");
	input_text_clear(&t);
	unlink(path);
	snprintf(path, sizeof path, "%s/bin.txt", dir);
	unlink(path);
	rmdir(dir);

	ok(input_text_open(&t, "/dev/null", NULL, &cause) == 0 && t.len == 0,
	    "a device is read as a stream");
	input_text_clear(&t);
	if (access("/proc/self/status", R_OK) == 0) {
		ok(input_text_open(&t, "/proc/self/status", NULL, &cause) == 0 && t.len > 0,
		    "a file that says it is empty (/proc) is read to its end");
		input_text_clear(&t);
	}

	/* A pipe, as standard input would be. */
	if (pipe(p) == 0) {
		char	*want;
		size_t	 wantlen;

		want = tap_read_file(DATA "sample-jis.eucjp", &wantlen);
		if (write(p[1], want, wantlen) != (ssize_t)wantlen)
			ok(0, "write to a pipe");
		close(p[1]);
		free(want);
		ok(input_text_from_fd(&t, p[0], NULL, &cause) == 0, "a pipe is read");
		close(p[0]);
		want = tap_read_file(DATA "sample-jis.txt", &wantlen);
		ok(t.len == wantlen && memcmp(t.buf, want, wantlen) == 0 && t.map == NULL,
		    "an EUC-JP pipe gives the sample");
		is_str(t.encoding, "EUC-JP", "the pipe is EUC-JP");
		input_text_clear(&t);
		free(want);
	}
	if ((fd = open(test_path(SAMPLE), O_RDONLY)) != -1) {
		ok(input_text_from_fd(&t, fd, NULL, &cause) == 0 && t.owned != NULL &&
		    t.buf == t.owned && t.owned[t.len] == '\0', "clean UTF-8 read from an fd is kept");
		input_text_clear(&t);
		close(fd);
	}
}

/* Child of test_shrink: map path, truncate it to keep bytes and read the end.  Exit
 * status: 0 when the read gave zeros and the change was seen, else what went wrong. */
static int
test_shrink_child(const char *path, size_t keep)
{
	struct input_text t;
	char *cause = NULL;
	size_t i, sum = 0;

	input_map_catch();
	if (input_text_open(&t, path, "UTF-8", &cause) != 0 || t.map == NULL)
		return (2);
	if (input_text_changed(&t, path) || input_map_changed)
		return (3);
	if (truncate(path, (off_t)keep) != 0)
		return (4);
	for (i = keep + 4096 * 2; i < t.len; i += 4096)
		sum += (unsigned char)t.buf[i];	/* past the end: SIGBUS without the handler */
	if (sum != 0 || (unsigned char)t.buf[t.len - 1] != 0)
		return (5);
	if (!input_map_changed || !input_map_faulted(t.map) || !input_text_changed(&t, path))
		return (6);
	if (t.buf[0] != 'a')
		return (7);	/* what is still in the file reads as before */
	input_text_clear(&t);
	return (0);
}

/* A mapped file truncated under the reader: reading past its new end gives NULs, the
 * change is noted, and a SIGBUS outside our mappings still kills. */
static void
test_shrink(void)
{
	char dir[] = "/tmp/kiroku-test-input.XXXXXX", path[4200], *buf;
	size_t len = 1 << 20;
	pid_t pid;
	int fd, status, p[2];
	char got;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof path, "%s/shrink.txt", dir);
	buf = malloc(len);
	memset(buf, 'a', len);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    write(fd, buf, len) != (ssize_t)len)
		ok(0, "write %s", path);
	close(fd);
	free(buf);

	/* The child says how it went through a pipe, then ends itself with SIGKILL: no
	 * exit-time leak check of the parent's state under valgrind. */
	if (pipe(p) != 0) {
		ok(0, "pipe");
		return;
	}
	if ((pid = fork()) == 0) {
		close(p[0]);
		got = (char)test_shrink_child(path, 8192);
		if (write(p[1], &got, 1) != 1)
			_exit(1);
		kill(getpid(), SIGKILL);
		_exit(1);
	}
	close(p[1]);
	got = -1;
	ok(read(p[0], &got, 1) == 1 && waitpid(pid, &status, 0) == pid,
	    "reading a mapped file truncated by someone else does not kill the reader");
	close(p[0]);
	is_int(got, 0, "the lost pages read as NULs and the change is noted");

	if ((pid = fork()) == 0) {
		input_map_catch();
		raise(SIGBUS);
		_exit(0);
	}
	ok(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGBUS, "a SIGBUS outside our mappings still kills");
	unlink(path);
	rmdir(dir);
}

/* The clean prefix and its flags, one character at a time: what input_clean_prefix()
 * must give, whatever its fast paths. */
static size_t
test_prefix_ref(const char *s, size_t len, int *flags)
{
	size_t		i = 0, n;
	uint32_t	cp;

	*flags = 0;
	while (i < len) {
		n = input_utf8_next(s + i, len - i, &cp);
		if (cp == INPUT_CP_INVALID || cp == '\r')
			break;
		if (cp == 0)
			*flags |= INPUT_HAS_NUL | INPUT_HAS_CONTROLS;
		else if (input_cp_is_control(cp) || input_cp_is_bidi_control(cp))
			*flags |= INPUT_HAS_CONTROLS;
		i += n;
	}
	return (i);
}

/* The vectorised scan agrees with a character-by-character one on Japanese text with
 * invalid bytes, controls, C1, bidi controls, CR and cut characters put anywhere. */
static void
test_prefix(void)
{
	static const char *const bits[] = {
		"\377", "\r", "\033", "\302\205", "\342\200\256", "\330\234", "\342\201\246",
		"\355\240\200", "\340\200\200", "\364\220\200\200", "\343\201", "\360\237\230",
		"\t", "\177", "\357\273\277", "\302\240", "\342\200\242", "\360\237\230\200"
	};
	char		*text, *buf;
	size_t		 len, n, i, k, at, got, want, bad = 0;
	unsigned	 seed = 1;
	int		 gf, wf;

	text = tap_read_file(SAMPLE, &len);
	buf = malloc(len + 64);
	for (i = 0; i < 4000 && text != NULL; i++) {
		memcpy(buf, text, len);
		n = len;
		for (k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1103515245 + 12345;
			at = (seed >> 8) % (n - 8);
			seed = seed * 1103515245 + 12345;
			memcpy(buf + at, bits[(seed >> 8) % (sizeof bits / sizeof bits[0])],
			    strlen(bits[(seed >> 8) % (sizeof bits / sizeof bits[0])]));
		}
		seed = seed * 1103515245 + 12345;
		n -= (seed >> 8) % 4;		/* a cut at the end too */
		got = input_clean_prefix(buf, n, &gf);
		want = test_prefix_ref(buf, n, &wf);
		if (got != want || gf != wf) {
			if (bad++ == 0)
				tap_diag("case %zu: prefix %zu (want %zu), flags %#x (want %#x)", i,
				    got, want, gf, wf);
		}
	}
	is_int(bad, 0, "the clean prefix and its flags are those of a scan a character at a time");
	free(buf);
	free(text);
}

/* Return bytes made of the file rel repeated until at least min bytes, with the bytes
 * extra spliced in at the first line start from offset *at on (if extra is not NULL; *at
 * becomes where); *len gets the length. */
static char *
test_repeat(const char *rel, size_t min, size_t *at, const char *extra, size_t extralen,
    size_t *len)
{
	char	*one, *many;
	size_t	 onelen, n = 0;

	one = tap_read_file(rel, &onelen);
	many = malloc(min + onelen + extralen + 1);
	while (one != NULL && onelen > 0 && n < min) {
		memcpy(many + n, one, onelen);
		n += onelen;
	}
	while (extra != NULL && *at < n && *at > 0 && many[*at - 1] != '\n')
		(*at)++;
	if (extra != NULL && *at <= n) {
		memmove(many + *at + extralen, many + *at, n - *at);
		memcpy(many + *at, extra, extralen);
		n += extralen;
	}
	free(one);
	*len = n;
	return (many);
}

/* Write len bytes to a new file in dir called name; return its path (static). */
static const char *
test_write(const char *dir, const char *name, const char *bytes, size_t len)
{
	static char	 path[4200];
	int		 fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    write(fd, bytes, len) != (ssize_t)len)
		ok(0, "write %s", path);
	close(fd);
	return (path);
}

/* Load t, started already, with input_text_more(budget) to its end, checking at every
 * step that the text only grows and agrees with want so far; return the steps, or 0 if
 * the text ever disagreed. */
static size_t
test_steps(struct input_text *t, size_t budget, const struct input_text *want)
{
	size_t	 steps = 1, last = t->len;
	char	*cause = NULL;
	int	 r, good = 1;

	do {
		if (t->len < last || t->len > want->len ||
		    memcmp(t->buf, want->buf, t->len) != 0 ||
		    (t->flags & ~want->flags) != 0)
			good = 0;
		last = t->len;
		if (t->complete)
			break;
		r = input_text_more(t, budget, &cause);
		steps++;
	} while (r >= 0);
	free(cause);
	return (good ? steps : 0);
}

/* Every fixture, read from a mapped file in steps of 1, 7 and 4096 bytes after first chunks
 * of as many, gives the text, flags and encoding of the one-shot read; so does a pipe fed
 * in pieces. */
static void
test_incremental(void)
{
	static const struct {
		const char	*rel;
		const char	*extra;		/* spliced in past the first chunk, or NULL */
		const char	*what;
		int		 crlf;		/* 1: every LF made CRLF */
	} files[] = {
		{ SAMPLE, NULL, "the sample", 0 },
		{ DATA "sample-jis.cp932", NULL, "CP932 with CRLF", 1 },
		{ DATA "sample-jis.iso2022jp", NULL, "ISO-2022-JP with CRLF", 1 },
		{ DATA "sample-jis.cp932", NULL, "CP932", 0 },
		{ DATA "sample-jis.eucjp", NULL, "EUC-JP", 0 },
		{ DATA "sample-jis.iso2022jp", NULL, "ISO-2022-JP", 0 },
		{ DATA "sample.crlf", NULL, "CRLF", 0 },
		{ DATA "sample.bom-crlf", NULL, "a BOM and CRLF", 0 },
		{ DATA "sample.cr", NULL, "CR", 0 },
		{ DATA "cp932-ext.cp932", NULL, "CP932 extensions", 0 },
		{ SAMPLE, "\377", "a late invalid byte", 0 },
		{ SAMPLE, "\r\n", "a late CRLF", 0 },
		{ SAMPLE, "\343\201", "a late cut character", 0 },
		{ DATA "sample-jis.iso2022jp", "\033$", "a late cut escape", 0 }
	};
	static const size_t budgets[] = { 1, 7, 4096 };
	char		 dir[] = "/tmp/kiroku-test-input.XXXXXX", *bytes, *crlf, *cause = NULL;
	const char	*path;
	struct input_text want, t;
	size_t		 len, i, j, k, steps, at, w, lens[] = { 0, 20000 };
	int		 p[2], good;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		at = 9001;
		bytes = test_repeat(files[i].rel, 3 * INPUT_SAMPLE_LEN / 2, &at, files[i].extra,
		    files[i].extra != NULL ? strlen(files[i].extra) : 0, &len);
		if (files[i].crlf) {
			crlf = malloc(2 * len);
			for (j = 0, k = 0; j < len; j++) {
				if (bytes[j] == '\n')
					crlf[k++] = '\r';
				crlf[k++] = bytes[j];
			}
			free(bytes);
			bytes = crlf;
			len = k;
		}
		path = test_write(dir, "inc.txt", bytes, len);
		if (input_text_from_bytes(&want, bytes, len, NULL, &cause) != 0) {
			ok(0, "%s: read at once", files[i].what);
			free(cause);
			free(bytes);
			continue;
		}
		for (k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
			if (!ok(input_text_start_path(&t, path, NULL, budgets[k], &cause) == 0,
			    "%s: starts with a first chunk of %zu", files[i].what, budgets[k])) {
				free(cause);
				continue;
			}
			ok(t.len > 0 && t.len <= 3 * (budgets[k] + 8) && !t.complete,
			    "%s: about %zu bytes are ready at first (%zu)", files[i].what,
			    budgets[k], t.len);
			steps = test_steps(&t, budgets[k], &want);
			ok(steps > 1 && t.complete && t.len == want.len &&
			    memcmp(t.buf, want.buf, want.len) == 0,
			    "%s: in steps of %zu bytes (%zu steps), the text of a read at once",
			    files[i].what, budgets[k], steps);
			ok(t.flags == want.flags && strcmp(t.encoding, want.encoding) == 0,
			    "%s: in steps of %zu, the same flags (%#x) and encoding (%s)",
			    files[i].what, budgets[k], t.flags, t.encoding);
			input_text_clear(&t);
		}
		/* A pipe that has the first INPUT_SAMPLE_LEN bytes, then gets the rest in
		 * pieces of w bytes between calls, the last ones cut anywhere. */
		for (k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
			if (pipe(p) != 0)
				break;
			w = budgets[k];
			if (write(p[1], bytes, INPUT_SAMPLE_LEN) != INPUT_SAMPLE_LEN ||
			    input_text_start_fd(&t, p[0], NULL, w, &cause) != 0) {
				ok(0, "%s: a pipe starts", files[i].what);
				close(p[0]);
				close(p[1]);
				continue;
			}
			good = input_text_poll_fd(&t) == p[0];
			at = t.len;
			good &= input_text_more(&t, 1 << 20, &cause) == 1;
			good &= input_text_more(&t, 1 << 20, &cause) == 1 && t.len >= at;
			for (at = INPUT_SAMPLE_LEN; at < len; at += w) {
				if (write(p[1], bytes + at, at + w < len ? w : len - at) < 0)
					good = 0;
				if (input_text_more(&t, w, &cause) != 1 ||
				    memcmp(t.buf, want.buf, t.len) != 0)
					good = 0;
			}
			close(p[1]);
			while (input_text_more(&t, w, &cause) == 1)
				;
			ok(good && t.complete && input_text_poll_fd(&t) == -1 && t.len == want.len &&
			    memcmp(t.buf, want.buf, want.len) == 0 && t.flags == want.flags,
			    "%s: a pipe fed %zu bytes at a time, never waited for, gives the same",
			    files[i].what, w);
			input_text_clear(&t);
			close(p[0]);
		}
		input_text_clear(&want);
		free(bytes);
	}

	/* A late invalid byte in a mapped UTF-8 file: zero copy until then, a clean copy
	 * after, the prefix unchanged. */
	at = 50000;
	bytes = test_repeat(SAMPLE, 100000, &at, "\377", 1, &len);
	path = test_write(dir, "late.txt", bytes, len);
	if (input_text_start_path(&t, path, NULL, 8192, &cause) == 0) {
		ok(t.map != NULL && t.buf == t.map && t.owned == NULL && t.len <= 8192 &&
		    t.len > 8000 && t.buf[t.len - 1] == '\n',
		    "clean UTF-8 starts zero copy, the first chunk ending at a line end");
		while (input_text_more(&t, 8192, &cause) == 1 && t.len < at - 9000)
			;
		ok(t.map != NULL && t.buf == t.map, "still zero copy before the invalid byte");
		while (input_text_more(&t, 8192, &cause) == 1 && t.len < at + 10)
			;
		ok(t.map == NULL && t.buf == t.owned && input_load_map(&t) != NULL &&
		    t.flags == INPUT_HAD_INVALID && memcmp(t.buf, bytes, at) == 0 &&
		    memcmp(t.buf + at, FFFD, 3) == 0,
		    "after it, an owned clean copy (the file still mapped as the source)");
		ok(input_text_more(&t, (size_t)-1, &cause) == 0 && t.complete &&
		    input_load_map(&t) == NULL && t.len == len + 2,
		    "complete, the file unmapped");
		input_text_clear(&t);
	}
	free(bytes);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		/* A whole file at once, and an empty one. */
		bytes = test_repeat(SAMPLE, lens[i], &at, NULL, 0, &len);
		path = test_write(dir, "whole.txt", bytes, len);
		ok(input_text_start(&t, path, NULL, &cause) == 0 && t.complete &&
		    t.len == len && input_text_more(&t, 1, &cause) == 0 &&
		    input_text_poll_fd(&t) == -1,
		    "a file within the first chunk is complete at the start (%zu bytes)", len);
		input_text_clear(&t);
		free(bytes);
	}
	unlink(path);
	snprintf((char *)path, 4200, "%s/late.txt", dir);
	unlink(path);
	snprintf((char *)path, 4200, "%s/inc.txt", dir);
	unlink(path);
	rmdir(dir);

	/* Errors of the start are those of a read at once. */
	is_int(input_text_start(&t, "/nonexistent/kiroku", NULL, &cause), -1,
	    "a missing file does not start");
	is_str(cause, "No such file or directory", "with its reason");
	free(cause);
	cause = NULL;
	is_int(input_text_start(&t, "/dev/zero", NULL, &cause), -1,
	    "a binary stream does not start");
	is_str(cause, "binary file", "with its reason");
	free(cause);
	ok(t.buf == NULL && t.load == NULL && t.encoding == NULL, "nothing is left behind");
}

/* A mapped file over INPUT_AHEAD_MIN (16 MB) is checked ahead by a thread: loaded in steps
 * with pauses (the thread gets ahead) or at once (the two race), clean, with a control
 * character or with an invalid byte late in it, the text and flags are the one-shot
 * clean of the same bytes. */
static void
test_ahead(void)
{
	static const struct {
		const char	*extra;		/* spliced in at 18 MB */
		size_t		 len;
		const char	*what;
		int		 direct;	/* 1: the text stays the mapping */
	} cases[] = {
		{ NULL, 0, "clean", 1 },
		{ "\033[2J\n", 5, "an escape at 18 MB", 1 },
		{ "\377\n", 2, "an invalid byte at 18 MB", 0 },
		{ "a\r\n", 3, "a CR at 18 MB", 0 },
	};
	struct input_text	 t, want;
	struct timespec		 nap = { 0, 2000000 };
	char			 dir[] = "/tmp/kiroku-test-input.XXXXXX", *bytes, *cause = NULL;
	const char		*path;
	size_t			 i, len, at, steps;
	int			 paused;

	if (mkdtemp(dir) == NULL) {
		ok(0, "ahead: a temporary directory");
		return;
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		at = (size_t)18 << 20;
		bytes = test_repeat(SAMPLE, (size_t)20 << 20, &at, cases[i].extra, cases[i].len,
		    &len);
		memset(&want, 0, sizeof want);
		if (input_text_from_bytes(&want, bytes, len, "UTF-8", &cause) != 0) {
			ok(0, "ahead: %s: the reference", cases[i].what);
			free(cause);
			cause = NULL;
			free(bytes);
			continue;
		}
		path = test_write(dir, "big.txt", bytes, len);
		for (paused = 0; paused <= 1; paused++) {
			if (input_text_start(&t, path, NULL, &cause) != 0) {
				ok(0, "ahead: %s: starts (%s)", cases[i].what, cause);
				free(cause);
				cause = NULL;
				continue;
			}
			steps = 1;
			while (!t.complete) {
				if (paused)
					nanosleep(&nap, NULL);	/* a reader between keys */
				if (input_text_more(&t, (size_t)1 << 20, &cause) < 0)
					break;
				steps++;
			}
			ok(t.complete && t.len == want.len &&
			    memcmp(t.buf, want.buf, want.len) == 0 && t.flags == want.flags &&
			    (t.map != NULL) == cases[i].direct && steps > 10,
			    "ahead: %s, %s: the one-shot text and flags, %s", cases[i].what,
			    paused ? "with pauses" : "at once",
			    cases[i].direct ? "zero copy" : "cleaned");
			input_text_clear(&t);
		}
		input_text_clear(&want);
		free(bytes);
		unlink(path);
	}
	rmdir(dir);
}

int
main(void)
{
	test_fixtures();
	test_detect();
	test_long();
	test_convert();
	test_cleaning();
	test_controls();
	test_files();
	test_shrink();
	test_incremental();
	test_prefix();
	test_ahead();
	return (tap_done());
}
