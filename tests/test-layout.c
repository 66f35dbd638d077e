/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-layout.c: the layout layer: the one width function, wrapping and document layout.
 * Pins the hard cases (a wide character at the last column, hanging 。, 」 after 。, URLs,
 * emoji, TAB, controls, widths 1-3, a 10 MB paragraph, kinsoku strict and normal, hanging
 * indent) and checks the rules as properties over every test record at widths 4 to 160. */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unilbrk.h>
#include <uniwidth.h>

#include "../bench/corpus.h"
#include "doc.h"
#include "layout.h"
#include "tap.h"
#include "xmalloc.h"

/* What layout_line_emit() sent for one line. */
struct emitted {
	char	*buf;		/* the pieces, concatenated */
	size_t	 len;		/* bytes */
	size_t	 alloc;		/* bytes allocated */
	int	 cols;		/* display columns summed */
	int	 pieces;	/* calls */
	int	 indent_calls;	/* calls with LAYOUT_NO_OFF */
};

/* Collect one piece of an emitted line. */
static void
emit_collect(void *arg, const char *s, size_t len, int cols, size_t off)
{
	struct emitted	*e = arg;

	if (e->len + len + 1 > e->alloc) {
		e->alloc = (e->len + len + 1) * 2;
		e->buf = xrealloc(e->buf, e->alloc);
	}
	memcpy(e->buf + e->len, s, len);
	e->len += len;
	e->buf[e->len] = '\0';
	e->cols += cols;
	e->pieces++;
	if (off == LAYOUT_NO_OFF)
		e->indent_calls++;
}

/* Emit one line into e (reset first). */
static void
emit_line(const char *text, const struct layout_line *ll, struct emitted *e)
{
	e->len = 0;
	e->cols = 0;
	e->pieces = 0;
	e->indent_calls = 0;
	if (e->buf == NULL) {
		e->alloc = 64;
		e->buf = xmalloc(e->alloc);
	}
	e->buf[0] = '\0';
	layout_line_emit(text, ll, emit_collect, e);
}

/* Wrap s and return its visual lines as they are drawn, joined by '|'; *nlines gets the
 * count and *maxcols the widest line.  The caller frees the result. */
static char *
wrap_str(const char *s, int cols, enum layout_kinsoku k, int hang, int cont_indent,
    size_t *nlines, int *maxcols)
{
	struct layout_opts	 o = { cols, k, hang, 0 };
	struct layout_line	*lines = NULL;
	struct emitted		 e = { NULL, 0, 0, 0, 0, 0 };
	size_t			 n = 0, alloc = 0, i, olen = 0;
	char			*out;

	layout_wrap(s, 0, strlen(s), 0, cont_indent, &o, &lines, &n, &alloc);
	out = xmalloc(strlen(s) * 4 + n * 64 + 16);
	if (maxcols != NULL)
		*maxcols = 0;
	for (i = 0; i < n; i++) {
		emit_line(s, &lines[i], &e);
		if (i > 0)
			out[olen++] = '|';
		memcpy(out + olen, e.buf, e.len);
		olen += e.len;
		if (maxcols != NULL && lines[i].cols > *maxcols)
			*maxcols = lines[i].cols;
		if (e.cols != lines[i].cols)
			tap_diag("emitted %d cols for a line of %d", e.cols, lines[i].cols);
	}
	out[olen] = '\0';
	if (nlines != NULL)
		*nlines = n;
	free(lines);
	free(e.buf);
	return (out);
}

/* Check that wrapping s gives want (lines joined by '|'). */
static void
check_wrap(const char *s, int cols, enum layout_kinsoku k, int hang, const char *want,
    const char *name)
{
	char	*got = wrap_str(s, cols, k, hang, 0, NULL, NULL);

	is_str(got, want, "%s", name);
	free(got);
}

/* Test the one width function against glibc and its visible forms. */
static void
test_width(void)
{
	char		 buf[8];
	const char	*v;
	size_t		 len;
	int		 cols, bad, w, libc;
	uint32_t	 cp, badcp = 0;
	char		*s;

	is_int(layout_width_cp('a'), 1, "ASCII is one column");
	is_int(layout_width_cp(0x3042), 2, "hiragana is two columns");
	is_int(layout_width_cp(0x3000), 2, "U+3000 is two columns");
	is_int(layout_width_cp(0x2022), 1, "• is one column (ambiguous narrow)");
	is_int(layout_width_cp(0x1f468), 2, "an emoji is two columns");
	is_int(layout_width_cp(0x0301), 0, "a combining mark is zero columns");

	/* Where glibc and libunistring disagree, ours is glibc's (what ncursesw draws). */
	bad = 0;
	for (cp = 0x3248; cp <= 0x324f; cp++) {
		if (layout_width_cp(cp) != wcwidth((wchar_t)cp) ||
		    uc_width(cp, "UTF-8") == wcwidth((wchar_t)cp))
			bad++;
	}
	is_int(bad, 0, "U+3248-324F: our width is wcwidth (2), not uc_width (1)");
	bad = 0;
	for (cp = 0x4dc0; cp <= 0x4dff; cp++) {
		if (layout_width_cp(cp) != wcwidth((wchar_t)cp) || layout_width_cp(cp) != 2)
			bad++;
	}
	is_int(bad, 0, "U+4DC0-4DFF: our width is wcwidth (2), not uc_width (1)");
	v = layout_cp_visible(0xad, buf, &len, &cols);
	ok(len == 0 && cols == 0, "the soft hyphen is removed: \"\", 0 columns");
	is_int(layout_width("a\302\255b", 4), 2, "a soft hyphen adds nothing to a width");

	/* Everything has a width, and it is wcwidth wherever wcwidth has one. */
	bad = 0;
	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		w = layout_width_cp(cp);
		libc = wcwidth((wchar_t)cp);
		if (w < 0 || w > 2 ||
		    (libc >= 0 && cp != 0xad && cp >= 0x20 && cp != 0x7f &&
		    !(cp >= 0x80 && cp < 0xa0) && !input_cp_is_bidi_control(cp) &&
		    w != libc)) {
			if (cp == '\t')
				continue;
			if (bad++ == 0)
				badcp = cp;
		}
	}
	if (!ok(bad == 0, "every code point has a width of 0-2, wcwidth's where it has one"))
		tap_diag("first bad: U+%04X (%d bad)", (unsigned int)badcp, bad);

	/* Controls are shown, never drawn raw. */
	v = layout_cp_visible(0x1b, buf, &len, &cols);
	ok(len == 2 && memcmp(v, "^[", 2) == 0 && cols == 2, "ESC is ^[ in 2 columns");
	v = layout_cp_visible(0, buf, &len, &cols);
	ok(len == 2 && memcmp(v, "^@", 2) == 0, "NUL is ^@");
	v = layout_cp_visible(0x7f, buf, &len, &cols);
	ok(len == 2 && memcmp(v, "^?", 2) == 0, "DEL is ^?");
	v = layout_cp_visible(0x85, buf, &len, &cols);
	ok(len == 3 && memcmp(v, "\357\277\275", 3) == 0 && cols == 1, "NEL (C1) is U+FFFD");
	v = layout_cp_visible(0x202e, buf, &len, &cols);
	ok(len == 3 && memcmp(v, "\357\277\275", 3) == 0 && cols == 1,
	    "RLO (bidi control) is U+FFFD");
	v = layout_cp_visible(0x2028, buf, &len, &cols);
	ok(len == 3 && memcmp(v, "\357\277\275", 3) == 0 && cols == 1,
	    "U+2028 (wcwidth -1) is U+FFFD in 1 column");
	v = layout_cp_visible(0x3042, buf, &len, &cols);
	ok(len == 3 && memcmp(v, "\343\201\202", 3) == 0 && cols == 2, "あ is itself");
	is_int(layout_width("\377a", 2), 2, "an invalid byte counts as U+FFFD");

	/* TAB stops every 8 columns from where it is drawn. */
	is_int(layout_width_at("\t", 1, 0), 8, "TAB at column 0 is 8 columns");
	is_int(layout_width_at("\t", 1, 3), 5, "TAB at column 3 is 5 columns");
	is_int(layout_width("a\tb", 3), 9, "a TAB b is 9 columns");

	/* Ambiguous characters: --ambiguous-width=2 widens only what libc makes narrow. */
	layout_width_set_ambiguous(2);
	is_int(layout_width_get_ambiguous(), 2, "ambiguous width set to 2");
	is_int(layout_width_cp(0x2022), 2, "• is two columns with ambiguous width 2");
	is_int(layout_width_cp(0x03b1), 2, "α is two columns with ambiguous width 2");
	is_int(layout_width_cp(0x2460), 2, "① is two columns with ambiguous width 2");
	is_int(layout_width_cp(0x0301), 0, "a combining mark (ambiguous) stays 0 columns");
	is_int(layout_width_cp(0x3042), 2, "あ stays 2 columns");
	is_int(layout_width_cp('a'), 1, "ASCII stays 1 column");
	is_int(layout_width_cp(0x0e3f), 1, "Thai ฿ (not ambiguous) stays 1 column");
	ok(layout_cp_is_ambiguous(0x203b) && !layout_cp_is_ambiguous(0x3042) &&
	    !layout_cp_is_ambiguous('a') && layout_cp_is_ambiguous(0xfffd),
	    "the ambiguous table: ※ and U+FFFD yes, あ and a no");
	layout_width_set_ambiguous(1);
	is_int(layout_width_cp(0x2022), 1, "• is one column again with ambiguous width 1");

	/* Truncation never splits a cluster. */
	is_int(layout_width_truncate("あいう", 9, 5, &cols), 6, "あいう in 5 columns keeps 2");
	is_int(cols, 4, "... 4 columns");
	is_int(layout_width_truncate("\360\237\207\257\360\237\207\265\360\237\207\272"
	    "\360\237\207\270", 16, 3, &cols), 8, "two flags in 3 columns keep one whole flag");
	is_int(layout_width_truncate("e\314\201e\314\201", 6, 1, &cols), 3,
	    "e + combining acute in 1 column keeps the mark with its base");

	s = layout_text_visible("abc\033def", 7, -1, &cols);
	is_str(s, "abc^[def", "layout_text_visible shows ESC as ^[");
	is_int(cols, 8, "... in 8 columns");
	free(s);
	s = layout_text_visible("あいうえお", 15, 7, &cols);
	is_str(s, "あいう…", "layout_text_visible cuts with … to fit 7 columns");
	is_int(cols, 7, "... in 7 columns");
	free(s);
	s = layout_text_visible("あいう", 9, 6, &cols);
	is_str(s, "あいう", "layout_text_visible keeps what fits exactly");
	free(s);
	s = layout_text_visible("a\tb\n", 4, -1, &cols);
	is_str(s, "a       b^J", "layout_text_visible expands TAB and shows LF");
	free(s);
}

/* Test the wrapping of single paragraphs: the hard cases. */
static void
test_wrap(void)
{
	enum layout_kinsoku	 N = LAYOUT_KINSOKU_NORMAL, S = LAYOUT_KINSOKU_STRICT;
	char			*big, *got;
	struct layout_opts	 o = { 80, LAYOUT_KINSOKU_NORMAL, 1, 0 };
	struct layout_line	*lines = NULL;
	size_t			 n = 0, alloc = 0, i, bigl = 10 * 1000 * 1000;
	int			 maxcols, bad;

	/* A wide character reaching the last column at an odd width never straddles it. */
	check_wrap("あいうえおか", 7, N, 0, "あいう|えおか", "odd width 7: the 4th wide char goes down");
	check_wrap("aあいう", 6, N, 0, "aあい|う", "odd start: a wide char does not straddle column 6");
	check_wrap("あいうえ", 8, N, 0, "あいうえ", "a wide char may end exactly at the last column");

	/* Hanging punctuation: width 10 reserves 2 columns for 、。，． only. */
	check_wrap("あいうえ。かきく", 10, N, 1, "あいうえ。|かきく",
	    "。 arriving at the last column hangs into the margin");
	check_wrap("あいうえ、かきく", 10, N, 1, "あいうえ、|かきく", "、 hangs too");
	check_wrap("あいうえ，かきく", 10, N, 1, "あいうえ，|かきく", "， hangs too");
	check_wrap("あいうえかきく", 10, N, 1, "あいうえ|かきく",
	    "an ideograph does not go into the hanging margin");
	check_wrap("あいうえ。かきく", 11, N, 1, "あいうえ。|かきく",
	    "odd width 11: 。 at column 9 hangs whole");
	check_wrap("あいうえお。かき", 10, N, 1, "あいうえ|お。かき",
	    "。 just after the last column: the char before it goes down with it");
	check_wrap("あいうえお。かき", 10, N, 0, "あいうえ|お。かき",
	    "without hanging, 。 after a full line takes the char before it down");
	check_wrap("あいうえ。かきく", 10, N, 0, "あいうえ。|かきく",
	    "without hanging, 。 at the last column fits");
	check_wrap("あいう。」かき", 10, N, 1, "あい|う。」か|き",
	    "」 after 。: brackets never hang, so 。」 go down with the char before");
	check_wrap("あいうえ」かき", 10, N, 1, "あいう|え」かき", "」 does not hang");
	check_wrap("あいうえ。 かき", 10, N, 1, "あいうえ。|かき",
	    "a hanging 。 drops the space after it");
	check_wrap("あいう。", 7, N, 1, "あい|う。", "no hanging margin below 8 columns");

	/* Units wider than the line break where they stop fitting. */
	check_wrap("abcdefghijklmnopqrstuvwxyz0123456789", 20, N, 0,
	    "abcdefghijklmnopqrst|uvwxyz0123456789", "a long Latin word breaks at column 20");
	check_wrap("abcdefghijklmnopqrstuvwxyz0123456789", 20, N, 1,
	    "abcdefghijklmnopqr|stuvwxyz0123456789", "... at column 18 with the hanging margin");
	check_wrap("日本語 Pneumonoultramicroscopic です", 12, N, 0,
	    "日本語|Pneumonoultr|amicroscopic|です", "a Latin word in Japanese text");
	check_wrap("see http://www.mofa.go.jp/mofaj/area/russia/visit/0909_sk.html now", 24,
	    N, 0, "see http://www.mofa.go.|jp/mofaj/area/russia/|visit/0909_sk.html now",
	    "a URL breaks after its slashes");
	check_wrap("http://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 16, N, 0,
	    "http://example.|com/|aaaaaaaaaaaaaaaa|aaaaaaaaaaaaaaaa|aa",
	    "a URL part longer than the line breaks at column 16, after a break opportunity");

	/* Spaces at a soft break are not counted and not drawn. */
	check_wrap("abc def", 5, N, 0, "abc|def", "the space at a soft break is dropped");
	check_wrap("abc   def", 4, N, 0, "abc|def", "spaces beyond the width at a break are dropped");
	check_wrap("ab cd", 5, N, 0, "ab cd", "a space inside a line stays");
	check_wrap(" あいうえお", 8, N, 0, " あいう|えお", "the first-line indent (a space) is kept");
	check_wrap("　あいうえお", 8, N, 0, "　あいう|えお", "the first-line indent (U+3000) is kept");

	/* Grapheme clusters stay whole. */
	check_wrap("あ\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247"
	    "\342\200\215\360\237\221\246", 10, N, 0,
	    "あ\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247"
	    "\342\200\215\360\237\221\246", "an emoji ZWJ family (8 columns) fits whole");
	check_wrap("あ\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247"
	    "\342\200\215\360\237\221\246", 9, N, 0,
	    "あ|\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247"
	    "\342\200\215\360\237\221\246", "an emoji ZWJ family is never split");
	check_wrap("\360\237\207\257\360\237\207\265\360\237\207\257\360\237\207\265"
	    "\360\237\207\257\360\237\207\265", 5, N, 0,
	    "\360\237\207\257\360\237\207\265\360\237\207\257\360\237\207\265|"
	    "\360\237\207\257\360\237\207\265", "flags stay whole (2 columns each)");
	check_wrap("e\314\201e\314\201e\314\201e\314\201e\314\201e\314\201", 4, N, 0,
	    "e\314\201e\314\201e\314\201e\314\201|e\314\201e\314\201",
	    "combining marks stay with their base");
	check_wrap("か\343\202\231き\343\202\231く\343\202\231け\343\202\231", 5, N, 0,
	    "か\343\202\231き\343\202\231|く\343\202\231け\343\202\231",
	    "a combining voiced mark stays with its kana");

	/* TAB and controls. */
	check_wrap("a\tb", 20, N, 0, "a       b", "TAB expands to column 8");
	check_wrap("abcdefgh\tij", 10, N, 0, "abcdefgh  |ij",
	    "a TAB near the edge fills the line and no more");
	check_wrap("a\033[31mb", 20, N, 0, "a^[[31mb", "ESC is drawn as ^[");
	check_wrap("\357\277\275あ\357\277\275", 4, N, 0, "\357\277\275あ\357\277\275",
	    "U+FFFD from invalid bytes is one column");
	check_wrap("a\302\255b", 4, N, 0, "ab", "the soft hyphen is not drawn");
	check_wrap("あ\342\200\256い", 4, N, 0, "あ\357\277\275|い", "a bidi override is U+FFFD");

	/* Widths 1, 2 and 3. */
	check_wrap("abc", 1, N, 1, "a|b|c", "width 1: one ASCII character a line");
	got = wrap_str("あいう", 1, N, 1, 0, &n, &maxcols);
	is_str(got, "あ|い|う", "width 1: a wide character alone on its line (the pager clips)");
	is_int(maxcols, 2, "width 1: such a line is 2 columns");
	free(got);
	check_wrap("あいう", 2, N, 1, "あ|い|う", "width 2: one wide character a line");
	check_wrap("aあb", 3, N, 1, "aあ|b", "width 3");
	check_wrap("あ。い", 3, N, 1, "あ|。|い", "width 3: 。 that does not fit goes down");
	check_wrap("", 10, N, 1, "", "an empty paragraph is one empty line");

	/* Kinsoku strict and normal. */
	check_wrap("あいうえおっかき", 10, N, 0, "あいうえお|っかき", "normal: っ may start a line");
	check_wrap("あいうえおっかき", 10, S, 0, "あいうえ|おっかき", "strict: っ may not");
	check_wrap("コンピュータ", 6, N, 0, "コンピ|ュータ", "normal: ュ may start a line");
	check_wrap("コンピュータ", 8, N, 0, "コンピュ|ータ", "normal: ー may start a line");
	check_wrap("コンピュータ", 8, S, 0, "コン|ピュータ", "strict: ュ may not");
	check_wrap("データベース", 8, N, 0, "データベ|ース", "normal: ー may start a line");
	check_wrap("データベース", 4, S, 0, "デー|タ|ベー|ス", "strict: ー may not");
	check_wrap("あいうえ々か", 8, N, 0, "あいう|え々か", "normal: 々 still may not start a line");
	check_wrap("あいうえ「かき", 8, N, 0, "あいうえ|「かき", "「 is not left at a line end");
	check_wrap("あいう「えか", 8, N, 0, "あいう|「えか", "「 goes down with what it opens");
	check_wrap("1,000円を", 5, N, 0, "1,000|円を", "a digit group stays whole");

	/* Hanging indent. */
	got = wrap_str("  • 両首脳がアジア太平洋地域において新たな関係", 20, N, 1, 4, &n, NULL);
	is_str(got, "  • 両首脳がアジア|    太平洋地域にお|    いて新たな関係",
	    "continuation lines of an item align under its text");
	free(got);
	got = wrap_str("  • 両首脳がアジア太平洋", 6, N, 1, 4, &n, NULL);
	is_str(got, "  • 両|首脳が|アジア|太平洋", "the hanging indent is dropped beyond half the width");
	free(got);

	/* A 10 MB paragraph with no break opportunity: linear, bounded. */
	n = 0;
	big = xmalloc(bigl + 1);
	memset(big, 'a', bigl);
	big[bigl] = '\0';
	layout_wrap(big, 0, bigl, 0, 0, &o, &lines, &n, &alloc);
	is_int(n, (bigl + 77) / 78, "10 MB without a break: lines of 78 columns");
	bad = 0;
	for (i = 0; i < n; i++) {
		if (lines[i].off != i * 78 || lines[i].len != (i + 1 < n ? 78 : bigl % 78) ||
		    lines[i].cols != (int)lines[i].len)
			bad++;
	}
	is_int(bad, 0, "10 MB without a break: every line where expected");
	free(lines);
	lines = NULL;
	n = alloc = 0;
	for (i = 0; i + 3 <= bigl; i += 3)
		memcpy(big + i, "ー", 3);
	o.kinsoku = LAYOUT_KINSOKU_STRICT;
	layout_wrap(big, 0, bigl - bigl % 3, 0, 0, &o, &lines, &n, &alloc);
	is_int(n, (bigl / 3 + 38) / 39, "3.3 million ー in strict mode: emergency breaks, 39 a line");
	free(lines);
	free(big);
}

/* Build a document by hand: text and blocks (kind, blank_before, marker_len). */
static struct doc *
doc_by_hand(const char *text, const enum doc_block_kind *kinds, const int *blanks,
    const size_t *markers, size_t nblocks)
{
	struct doc	*d = xcalloc(1, sizeof *d);
	const char	*p = text, *nl;
	size_t		 i = 0;

	d->text.buf = text;
	d->text.len = strlen(text);
	d->blocks = xcalloc(nblocks, sizeof *d->blocks);
	while (i < nblocks && *p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl == p) {
			p++;
			continue;
		}
		d->blocks[i].kind = kinds[i];
		d->blocks[i].off = (size_t)(p - text);
		d->blocks[i].len = (size_t)(nl - p);
		d->blocks[i].blank_before = blanks[i];
		d->blocks[i].marker_len = markers[i];
		d->blocks[i].section = -1;
		i++;
		p = *nl != '\0' ? nl + 1 : nl;
	}
	d->nblocks = i;
	return (d);
}

/* Test the layout of a document: blank lines, headings, kinds, finding positions. */
static void
test_doc(void)
{
	static const char text[] =
	    "タイトル\n"
	    "2009年9月23日\n"
	    "\n"
	    "本文の段落である。\n"
	    "1.総論\n"
	    "  • 項目の文章は長いので二行以上になる。\n"
	    "\n\n"
	    "最後の段落。\n";
	static const enum doc_block_kind kinds[] = { DOC_BLOCK_TITLE, DOC_BLOCK_DATE,
	    DOC_BLOCK_PARAGRAPH, DOC_BLOCK_HEADING, DOC_BLOCK_BULLET, DOC_BLOCK_PARAGRAPH };
	static const int blanks[] = { 1, 0, 1, 0, 0, 1 };
	static const size_t markers[] = { 0, 0, 0, 0, 6, 0 };
	static const enum layout_line_kind want[] = { LAYOUT_LINE_TITLE, LAYOUT_LINE_DATE,
	    LAYOUT_LINE_BLANK, LAYOUT_LINE_BODY, LAYOUT_LINE_BLANK, LAYOUT_LINE_HEADING,
	    LAYOUT_LINE_ITEM, LAYOUT_LINE_ITEM, LAYOUT_LINE_BLANK, LAYOUT_LINE_BODY };
	struct layout_opts	 o = { 24, LAYOUT_KINSOKU_NORMAL, 1, 0 };
	struct layout		*lo;
	struct doc		*d;
	struct layout_line	*lines = NULL;
	size_t			 i, n = 0, alloc = 0, off;
	int			 bad = 0;

	d = doc_by_hand(text, kinds, blanks, markers, 6);
	is_int(d->nblocks, 6, "hand-made document has 6 blocks");
	lo = layout_create(d, &o);
	is_int(lo->nlines, sizeof want / sizeof want[0], "document lines: count");
	for (i = 0; i < lo->nlines && i < sizeof want / sizeof want[0]; i++) {
		if (lo->lines[i].kind != want[i])
			bad++;
	}
	is_int(bad, 0, "no blank line on top; one where the source had blanks and before a heading");
	ok(lo->lines[2].block == LAYOUT_NO_BLOCK && lo->lines[2].len == 0,
	    "a blank line has no block and no text");
	ok(lo->lines[6].first && !lo->lines[7].first && lo->lines[7].indent == 4,
	    "the item's second line hangs under its text");
	is_int(lo->lines[6].block, 4, "the item's lines belong to block 4");

	off = d->blocks[4].off + 10;
	is_int(layout_find_off(lo, off), 6, "find_off: a byte in the first line of the item");
	off = lo->lines[7].off + 3;
	is_int(layout_find_off(lo, off), 7, "find_off: a byte in the item's second line");
	is_int(layout_find_off(lo, d->blocks[5].off - 1), 9,
	    "find_off: a blank line's byte gives the next shown line");
	is_int(layout_find_off(lo, 0), 0, "find_off: offset 0 is the title");
	is_int(layout_find_off(lo, strlen(text) + 10), 9, "find_off: past the end is the last line");
	bad = 0;
	for (i = 0; i < lo->nlines; i++) {
		if (lo->lines[i].kind != LAYOUT_LINE_BLANK &&
		    layout_find_off(lo, lo->lines[i].off) != i)
			bad++;
	}
	is_int(bad, 0, "find_off of every line's first byte is that line");
	is_int(layout_find_block(lo, 3), 5, "find_block: the heading's line");
	is_int(layout_find_block(lo, 4), 6, "find_block: the item's first line");

	layout_block_lines(d, 4, &o, &lines, &n, &alloc);
	ok(n == 2 && lines[0].off == lo->lines[6].off && lines[1].off == lo->lines[7].off &&
	    lines[0].kind == LAYOUT_LINE_ITEM && lines[1].block == 4,
	    "layout_block_lines lays out one block as the whole layout does");
	free(lines);
	layout_free(lo);
	free(d->blocks);
	free(d);
}

/* Return the code point of the character starting at s (len bytes left). */
static uint32_t
cp_at(const char *s, size_t len)
{
	uint32_t	cp;

	input_utf8_next(s, len, &cp);
	return (cp);
}

/* Return the code point of the last character of s[0, end). */
static uint32_t
cp_before(const char *s, size_t end)
{
	size_t	i = end;

	if (end == 0)
		return (0);
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
	return (cp_at(s + i, end - i));
}

/* Return 1 if cp is in the zero-terminated list. */
static int
cp_in(uint32_t cp, const uint32_t *list)
{
	for (; *list != 0; list++) {
		if (*list == cp)
			return (1);
	}
	return (0);
}

static const uint32_t start_forbidden[] = {
	0x3001, 0x3002, 0xff0c, 0xff0e, 0xff09, 0x300d, 0x300f, 0x3011, 0x3015, 0x3009,
	0x300b, 0x3019, 0x3017, 0xff3d, 0xff5d, 0x30fb, 0xff1a, 0xff1b, 0xff1f, 0xff01,
	0x309d, 0x309e, 0x3005, ',', '.', ')', ']', '}', ':', ';', '?', '!', 0
};
static const uint32_t small_kana[] = {
	0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308e,
	0x3095, 0x3096, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5,
	0x30e7, 0x30ee, 0x30f5, 0x30f6, 0x30fc, 0
};
static const uint32_t loose_starts[] = {	/* of start_forbidden, those loose allows */
	0x30fb, 0xff1a, 0xff1b, 0xff1f, 0xff01, 0x309d, 0x309e, 0x3005, 0
};
static const uint32_t end_forbidden[] = {
	0xff08, 0x300c, 0x300e, 0x3010, 0x3014, 0x3008, 0x300a, 0x3018, 0x3016, 0xff3b,
	0xff5b, '(', '[', '{', 0
};

/* Fill brk with the line-break opportunities of a block's shown text as the layout sees
 * them in mode k (the W3C cases in test-linebreak.c pin what each mode allows). */
static void
block_breaks(const struct doc *d, size_t block, enum layout_kinsoku k, char *brk)
{
	const struct doc_block	*b = &d->blocks[block];

	layout_breaks(d->text.buf + b->off + b->skip, b->len - b->skip, k, brk);
}

/* Return 1 if cp is a digit, ASCII or full-width. */
static int
cp_is_digit(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19));
}

/* Return 1 if cp may not start a line in mode k (checked beside start_forbidden). */
static int
cp_no_start(uint32_t cp, enum layout_kinsoku k)
{
	if (k == LAYOUT_KINSOKU_LOOSE && cp_in(cp, loose_starts))
		return (0);
	return (cp_in(cp, start_forbidden) ||
	    (k == LAYOUT_KINSOKU_STRICT && cp_in(cp, small_kana)));
}

/* Counts of rule violations over one document at many widths. */
struct props {
	int	overflow;	/* lines wider than the width */
	int	lost;		/* blocks whose text is not given back */
	int	emit;		/* lines whose emitted columns differ */
	int	kstart;		/* lines starting with a forbidden character */
	int	kend;		/* lines ending with a forbidden character */
	int	indent;		/* item continuations not under the item's text */
	int	conts;		/* continuation lines at widths >= 20 */
	int	underfill;	/* CJK continuations after a line 5+ columns short */
	int	firstfit;	/* lines that left out a next cluster that fitted */
	int	emergency;	/* breaks at no opportunity though the line had one */
	int	check_fill;	/* 1: apply the 3% underfill rule */
	char	first[256];	/* the first violation */
};

/* Record a violation. */
static void
props_note(struct props *pr, int *counter, const char *fmt, int w, size_t line)
{
	if (pr->first[0] == '\0')
		snprintf(pr->first, sizeof pr->first, "%s at width %d line %zu", fmt, w, line);
	(*counter)++;
}

/* Check every rule over the layout of d at width w. */
static void
props_check(const struct doc *d, int w, enum layout_kinsoku k, struct props *pr)
{
	struct layout_opts	 o = { w, k, 1, 0 };
	struct layout		*lo = layout_create(d, &o);
	const struct layout_line *ll, *prev;
	const struct doc_block	*b;
	const char		*t = d->text.buf;
	struct emitted		 e = { NULL, 0, 0, 0, 0, 0 };
	size_t			 i, j, end, bstart, cend, brk_block = LAYOUT_NO_BLOCK;
	size_t			 brk_alloc = 0, pend;
	uint32_t		 c0, cl;
	char			*brk = NULL;
	int			 mw, ok_text, emergency, limit, gap, cw, has_brk;

	for (i = 0; i < lo->nlines; i++) {
		ll = &lo->lines[i];
		if (ll->kind == LAYOUT_LINE_BLANK)
			continue;
		b = &d->blocks[ll->block];
		bstart = b->off + b->skip;
		if (ll->block != brk_block) {
			if (b->len + 1 > brk_alloc) {
				brk_alloc = b->len + 1;
				brk = xrealloc(brk, brk_alloc);
			}
			block_breaks(d, ll->block, k, brk);
			brk_block = ll->block;
		}
		/* A cluster wider than the whole line may overflow it, alone. */
		if (ll->cols > w && layout_cluster_next(t + ll->off, ll->len, 0) < ll->len)
			props_note(pr, &pr->overflow, "overflow", w, i);
		emit_line(t, ll, &e);
		if (e.cols != ll->cols || (ll->indent > 0) != (e.indent_calls > 0))
			props_note(pr, &pr->emit, "emitted columns", w, i);

		/* The text: each line continues where the previous one ended, give or take
		 * the spaces dropped at the break, and the block's last line ends it. */
		ok_text = 1;
		if (ll->first)
			ok_text = ll->off == bstart;
		else {
			prev = &lo->lines[i - 1];
			for (j = prev->off + prev->len; j < ll->off; j++)
				ok_text &= t[j] == ' ';
			ok_text &= prev->block == ll->block && prev->off + prev->len <= ll->off;
		}
		end = ll->off + ll->len;
		if (i + 1 == lo->nlines || lo->lines[i + 1].block != ll->block) {
			for (j = end; j < b->off + b->len; j++)
				ok_text &= t[j] == ' ';
		}
		if (!ok_text)
			props_note(pr, &pr->lost, "text not given back", w, i);
		if (ll->first)
			continue;

		prev = &lo->lines[i - 1];
		pend = prev->off + prev->len;
		c0 = cp_at(t + ll->off, ll->len);
		cl = cp_before(t, pend);
		/* An emergency break (no opportunity there) is allowed only in a line that had
		 * no opportunity after some text. */
		emergency = brk[ll->off - bstart] != UC_BREAK_POSSIBLE;
		if (emergency) {
			has_brk = 0;
			for (j = prev->off + 1; j < pend; j++) {
				if (brk[j - bstart] == UC_BREAK_POSSIBLE && t[j - 1] != ' ')
					has_brk = 1;
			}
			if (has_brk && layout_cluster_next(t + prev->off, prev->len, 0) < prev->len)
				props_note(pr, &pr->emergency, "needless emergency break", w, i);
		}
		if (w >= 10 && !emergency && !(c0 < 128 && cl < 128)) {
			if (cp_no_start(c0, k))
				props_note(pr, &pr->kstart, "forbidden line start", w, i);
			if (cp_in(cl, end_forbidden))
				props_note(pr, &pr->kend, "forbidden line end", w, i);
		}

		/* First fit: the next line's first cluster did not fit, or could not end a
		 * line.  A break inside a number counts as none, and an emergency break
		 * (a unit wider than the line) is cut where it breaks the fewest rules,
		 * which test_wrap() pins. */
		limit = w;
		if (w - prev->indent >= LAYOUT_HANG_MIN_COLS)
			limit = w - LAYOUT_HANG_COLS;
		gap = (int)(ll->off - pend);
		cend = ll->off + layout_cluster_next(t + ll->off, b->off + b->len - ll->off, 0);
		cw = layout_width_at(t + ll->off, cend - ll->off, prev->cols + gap);
		if (t[ll->off] != '\t' && prev->cols + gap + cw <= limit && !emergency &&
		    (cend == b->off + b->len || (brk[cend - bstart] == UC_BREAK_POSSIBLE &&
		    !(cp_is_digit(cp_before(t, cend)) && cp_is_digit(cp_at(t + cend, b->off + b->len - cend))))))
			props_note(pr, &pr->firstfit, "not first fit", w, i);

		if (w >= 20) {
			pr->conts++;
			if (layout_width_cp(c0) == 2 && layout_width_cp(cl) == 2 &&
			    prev->cols <= w - 5)
				pr->underfill++;
			mw = layout_block_indent(d, ll->block, w);
			if (b->marker_len > 0 && ll->indent != mw)
				props_note(pr, &pr->indent, "hanging indent", w, i);
			if (b->marker_len > 0 && mw == 0 &&
			    layout_width(t + b->off + b->skip, b->marker_len) * 2 <= w)
				props_note(pr, &pr->indent, "hanging indent dropped", w, i);
		}
	}
	free(brk);
	free(e.buf);
	layout_free(lo);
}

/* Check the rules over d at every width from 4 to 160, in one kinsoku mode; check_fill
 * asks for the 3% underfill rule too (natural text, not a kinsoku stress test). */
static void
props_doc(const struct doc *d, const char *name, enum layout_kinsoku k, int check_fill)
{
	struct props	 pr;
	const char	*mode = k == LAYOUT_KINSOKU_STRICT ? "strict" :
	    k == LAYOUT_KINSOKU_LOOSE ? "loose" : "normal";
	int		 w;

	memset(&pr, 0, sizeof pr);
	for (w = 4; w <= 160; w++)
		props_check(d, w, k, &pr);
	is_int(pr.overflow, 0, "%s (%s): no line wider than the width, 4-160", name, mode);
	is_int(pr.lost, 0, "%s (%s): no character lost, duplicated or reordered", name, mode);
	is_int(pr.emit, 0, "%s (%s): emitted columns add up to the line's", name, mode);
	is_int(pr.kstart, 0, "%s (%s): no line starts with a forbidden character", name, mode);
	is_int(pr.kend, 0, "%s (%s): no line ends with an opening bracket", name, mode);
	is_int(pr.indent, 0, "%s (%s): item continuations hang under the text", name, mode);
	is_int(pr.firstfit, 0, "%s (%s): first fit: no line leaves out what fits", name, mode);
	is_int(pr.emergency, 0, "%s (%s): emergency breaks only in a unit wider than the line",
	    name, mode);
	if (check_fill && !ok(pr.underfill * 100 <= pr.conts * 3,
	    "%s (%s): under 3%% of CJK continuations follow a line 5+ columns short", name, mode))
		tap_diag("%d of %d", pr.underfill, pr.conts);
	if (pr.first[0] != '\0')
		tap_diag("%s: first problem: %s", name, pr.first);
}

/* Check the rules over a record file of the source tree. */
static void
props_file(const char *path, int check_fill)
{
	struct doc	*d;
	char		*cause = NULL, full[4096];

	snprintf(full, sizeof full, "%s/%s", tap_srcdir(), path);
	d = doc_create(full, NULL, &cause);
	if (!ok(d != NULL, "%s: read", path)) {
		tap_diag("%s", cause);
		free(cause);
		return;
	}
	props_doc(d, path, LAYOUT_KINSOKU_NORMAL, check_fill);
	props_doc(d, path, LAYOUT_KINSOKU_STRICT, check_fill);
	props_doc(d, path, LAYOUT_KINSOKU_LOOSE, check_fill);
	doc_free(d);
}

/* Check the rules over a generated long record (bench/corpus.c). */
static void
props_generated(void)
{
	struct input_text	 t;
	struct doc		*d;
	char			*text, *cause = NULL;
	size_t			 len;

	text = bench_corpus_generate(60000, 7, &len);
	memset(&t, 0, sizeof t);
	if (!ok(input_text_from_bytes(&t, text, len, "UTF-8", &cause) == 0,
	    "generated record: read")) {
		free(cause);
		free(text);
		return;
	}
	free(text);
	d = doc_create_from_text("generated", &t);
	props_doc(d, "generated", LAYOUT_KINSOKU_NORMAL, 1);
	props_doc(d, "generated", LAYOUT_KINSOKU_STRICT, 0);	/* katakana-heavy */
	props_doc(d, "generated", LAYOUT_KINSOKU_LOOSE, 1);
	doc_free(d);
}

/* Return 1 if the window lo holds exactly lines [from, from + lo->nlines) of whole. */
static int
window_is_slice(const struct layout *lo, const struct layout *whole, size_t from)
{
	size_t	i;

	if (from + lo->nlines > whole->nlines)
		return (0);
	for (i = 0; i < lo->nlines; i++) {
		if (memcmp(&lo->lines[i], &whole->lines[from + i], sizeof lo->lines[i]) != 0)
			return (0);
	}
	return (1);
}

/* Return the index in whole of the first line of block b (its blank line, if any). */
static size_t
whole_block_start(const struct layout *whole, size_t b)
{
	size_t	i = layout_find_block(whole, b);

	if (i > 0 && whole->lines[i - 1].kind == LAYOUT_LINE_BLANK)
		i--;
	return (i);
}

/* A window laid out any way — reset anywhere, grown down and up, trimmed — holds exactly
 * a run of the lines the whole layout has, from where lo->first_line says. */
static void
test_window(void)
{
	struct layout_opts	 o = { 30, LAYOUT_KINSOKU_NORMAL, 1, 0 };
	struct layout		*whole, *lo;
	struct doc		*d;
	char			*cause = NULL, full[4096];
	size_t			 b, n, base, bad = 0, badtrim = 0, badup = 0, got, dropped, off;
	size_t			 start;
	int			 has;

	snprintf(full, sizeof full, "%s/%s", tap_srcdir(),
	    "content/000_f63a307d17307818.txt");
	if (!ok((d = doc_create(full, NULL, &cause)) != NULL, "window: the sample is read")) {
		free(cause);
		return;
	}
	whole = layout_create(d, &o);
	lo = layout_window_create(d, &o);
	ok(lo->nlines == 0 && lo->first_block == 0 && !layout_window_at_end(lo),
	    "window: a new window is empty, before block 0");
	for (b = 0; b <= d->nblocks; b++) {
		layout_window_reset(lo, b);
		base = b < d->nblocks ? whole_block_start(whole, b) : whole->nlines;
		got = layout_window_down(lo, 7);
		if (!window_is_slice(lo, whole, base) || (b < d->nblocks && got < 1))
			bad++;
		/* up to the start, in steps of 5 lines */
		while ((n = layout_window_up(lo, 5)) > 0)
			base -= n;
		if (base != 0 || lo->first_block != 0 || !window_is_slice(lo, whole, 0) ||
		    lo->first_line != -(long long)(b < d->nblocks ?
		    whole_block_start(whole, b) : whole->nlines))
			badup++;
		/* trim to a few lines in the middle, then grow to the end */
		layout_window_down(lo, whole->nlines);
		start = b < d->nblocks ? whole_block_start(whole, b) : whole->nlines;
		dropped = layout_window_trim(lo, lo->nlines / 3, lo->nlines / 2);
		if (!window_is_slice(lo, whole, dropped) || dropped == 0 ||
		    lo->nlines >= whole->nlines - dropped ||
		    lo->first_line != (long long)dropped - (long long)start)
			badtrim++;
		layout_window_down(lo, whole->nlines);
		if (!layout_window_at_end(lo) || !window_is_slice(lo, whole, dropped) ||
		    dropped + lo->nlines != whole->nlines)
			badtrim++;
	}
	is_int((int)bad, 0, "window: reset at any block and grown down is that run of lines");
	is_int((int)badup, 0, "window: grown up to the start it is the first lines, "
	    "first_line counting back");
	is_int((int)badtrim, 0, "window: trimmed and grown again it is still a run of lines");

	/* has_off: the window of one block in the middle has its own offsets only. */
	b = d->nblocks / 2;
	layout_window_reset(lo, b);
	layout_window_down(lo, 1);
	has = layout_window_has_off(lo, d->blocks[b].off) &&
	    layout_window_has_off(lo, d->blocks[b].off + d->blocks[b].len - 1) &&
	    !layout_window_has_off(lo, d->blocks[b - 1].off) &&
	    !layout_window_has_off(lo, d->blocks[lo->end_block].off);
	ok(has, "window: has_off is true inside its blocks and false outside");
	layout_window_reset(lo, d->nblocks);
	layout_window_up(lo, 3);
	ok(layout_window_at_end(lo) && layout_window_has_off(lo, d->text.len + 5),
	    "window: at the end it has the offsets past the last block");
	off = whole->lines[whole->nlines - 1].off;
	is_int((int)(layout_find_off(lo, off) + (size_t)(whole->nlines - lo->nlines)),
	    (int)(whole->nlines - 1), "window: find_off in a window is the whole layout's line");
	layout_free(lo);
	layout_free(whole);
	doc_free(d);
}

/* A space dropped at a soft break is shown by nothing: find_off gives the line after. */
static void
test_find_dropped_space(void)
{
	static const char	 text[] = "Title\n\nalpha beta gamma delta epsilon\n";
	struct layout_opts	 o = { 12, LAYOUT_KINSOKU_NORMAL, 0, 0 };
	struct input_text	 t;
	struct layout		*lo;
	struct doc		*d;
	char			*cause = NULL;
	size_t			 i, sp;

	memset(&t, 0, sizeof t);
	if (!ok(input_text_from_bytes(&t, text, sizeof text - 1, "UTF-8", &cause) == 0,
	    "dropped space: read")) {
		free(cause);
		return;
	}
	d = doc_create_from_text("spaces", &t);
	lo = layout_create(d, &o);
	for (i = 1; i + 1 < lo->nlines; i++) {
		if (lo->lines[i].kind != LAYOUT_LINE_BLANK &&
		    lo->lines[i + 1].block == lo->lines[i].block)
			break;
	}
	sp = lo->lines[i].off + lo->lines[i].len;
	ok(i + 1 < lo->nlines && d->text.buf[sp] == ' ' && lo->lines[i + 1].off == sp + 1,
	    "dropped space: a soft break drops one space between two lines");
	is_int((int)layout_find_off(lo, sp), (int)(i + 1),
	    "dropped space: find_off of the dropped space is the line after it");
	layout_free(lo);
	doc_free(d);
}

/* Return the layout of d at width w drawn as text, a line a row ('\n' after each), with
 * the indent; *bad counts lines whose emitted columns differ from their cols.  The caller
 * frees the result. */
static char *
reflow_drawn(const struct doc *d, int w, size_t *bad)
{
	struct layout_opts	 o = { w, LAYOUT_KINSOKU_NORMAL, 1, 0 };
	struct layout		*lo = layout_create(d, &o);
	struct emitted		 e = { NULL, 0, 0, 0, 0, 0 };
	char			*out = NULL;
	size_t			 i, len = 0, alloc = 0;

	for (i = 0; i < lo->nlines; i++) {
		emit_line(d->text.buf, &lo->lines[i], &e);
		if (e.cols != lo->lines[i].cols)
			(*bad)++;
		if (len + e.len + 2 > alloc) {
			alloc = (len + e.len + 2) * 2;
			out = xrealloc(out, alloc);
		}
		memcpy(out + len, e.buf, e.len);
		len += e.len;
		out[len++] = '\n';
	}
	if (out == NULL)
		out = xmalloc(1);
	out[len] = '\0';
	free(e.buf);
	layout_free(lo);
	return (out);
}

/* Hard-wrapped copies of records lay out as the originals at every width, each soft break
 * drawn as nothing or one space with the columns the layout counted, and a byte of a soft
 * break is found in its paragraph. */
static void
test_reflow(void)
{
	static const char *pairs[][2] = {
		{ "content/000_f63a307d17307818.txt", "tests/data/reflow/sample-35.txt" },
		{ "content/000_f63a307d17307818.txt", "tests/data/reflow/sample-80.txt" },
		{ "tests/data/reflow/mixed.txt", "tests/data/reflow/mixed-35.txt" },
		{ "tests/data/reflow/mixed.txt", "tests/data/reflow/mixed-80.txt" }
	};
	struct layout_opts	 o = { 30, LAYOUT_KINSOKU_NORMAL, 1, 0 };
	struct layout		*lo;
	struct doc		*a, *b;
	const struct doc_block	*bl;
	char			 full[4096], *cause = NULL, *da, *db, *nl;
	size_t			 i, k, bad, diff, line;
	int			 w, first;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		snprintf(full, sizeof full, "%s/%s", tap_srcdir(), pairs[i][0]);
		a = doc_create(full, NULL, &cause);
		snprintf(full, sizeof full, "%s/%s", tap_srcdir(), pairs[i][1]);
		b = a != NULL ? doc_create(full, NULL, &cause) : NULL;
		if (!ok(a != NULL && b != NULL, "%s: read", pairs[i][1])) {
			tap_diag("%s", cause);
			free(cause);
			doc_free(a);
			continue;
		}
		bad = diff = 0;
		first = 0;
		for (w = 4; w <= 100; w++) {
			da = reflow_drawn(a, w, &bad);
			db = reflow_drawn(b, w, &bad);
			if (strcmp(da, db) != 0 && diff++ == 0)
				first = w;
			free(da);
			free(db);
		}
		is_int(diff, 0, "%s lays out as %s at widths 4 to 100 (first differing: %d)",
		    pairs[i][1], pairs[i][0], first);
		is_int(bad, 0, "%s: every line emits the columns it counts", pairs[i][1]);

		/* The LF of a soft break is found on the line that shows the text around it. */
		lo = layout_create(b, &o);
		for (k = 0, bad = 0; k < b->nblocks; k++) {
			bl = &b->blocks[k];
			if (!bl->joined)
				continue;
			nl = memchr(b->text.buf + bl->off, '\n', bl->len);
			line = layout_find_off(lo, (size_t)(nl - b->text.buf));
			if (line >= lo->nlines || lo->lines[line].block != k)
				bad++;
		}
		is_int(bad, 0, "%s: find_off of a soft break gives a line of its paragraph",
		    pairs[i][1]);
		layout_free(lo);
		doc_free(a);
		doc_free(b);
	}
}

/* Run every test. */
int
main(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		ok(0, "the C.UTF-8 locale exists");
		return (tap_done());
	}
	test_width();
	test_wrap();
	test_doc();
	test_window();
	test_find_dropped_space();
	test_reflow();
	props_file("content/000_f63a307d17307818.txt", 1);
	props_file("tests/data/layout/hard.txt", 0);
	props_file("tests/data/doc/asia-deep.txt", 1);
	props_file("tests/data/doc/markdown.txt", 1);
	props_file("tests/data/doc/plain.txt", 1);
	props_generated();
	layout_wrap_release();
	return (tap_done());
}
