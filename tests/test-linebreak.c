/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-linebreak.c: the line-break modes (--kinsoku=strict|normal|loose) class by class,
 * and the layout details issue 12 found on real text: numbers kept whole, the fallback
 * cut of a unit wider than the line, the indent of lines continuing a list item.
 *
 * The W3C's Japanese line-break tests (web-platform-tests css/css-text/i18n/ja/
 * css-text-line-break-ja-{cj,hyphens,cpm,in,iteration,po}-{strict,normal,loose}) lay out
 * 文文文文文文X字字 in a box six 文 wide and ask whether X may begin the second line.  The
 * same question for the terminal: 12 columns, no hanging margin; the table below lists the
 * same 87 characters with their class, and the class says in which modes X may start a
 * line (CSS Text 3, line-break, for Japanese). */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "layout.h"
#include "tap.h"
#include "xmalloc.h"

#define S	(1 << LAYOUT_KINSOKU_STRICT)
#define N	(1 << LAYOUT_KINSOKU_NORMAL)
#define L	(1 << LAYOUT_KINSOKU_LOOSE)

/* A class of the W3C tests and the modes that let its characters start a line. */
struct lb_class {
	const char	*name;
	int		 modes;		/* bits 1 << enum layout_kinsoku */
};

static const struct lb_class lb_classes[] = {
	{ "small kana or prolonged sound mark (CJ)", N | L },
	{ "hyphen", N | L },
	{ "centred punctuation", L },
	{ "inseparable (IN)", L },
	{ "iteration mark", L },
	{ "postfix (PO, wide or ambiguous)", L },
};

/* One W3C case: a code point and the index of its class in lb_classes. */
struct lb_case {
	uint32_t	 cp;
	int		 cls;
};

static const struct lb_case lb_cases[] = {
	/* class 0: the small kana of hiragana, katakana, the phonetic extensions and
	 * half-width katakana, and the prolonged sound marks */
	{ 0x3041, 0 }, { 0x3043, 0 }, { 0x3045, 0 }, { 0x3047, 0 }, { 0x3049, 0 },
	{ 0x3063, 0 }, { 0x3083, 0 }, { 0x3085, 0 }, { 0x3087, 0 }, { 0x308e, 0 },
	{ 0x3095, 0 }, { 0x3096, 0 }, { 0x30a1, 0 }, { 0x30a3, 0 }, { 0x30a5, 0 },
	{ 0x30a7, 0 }, { 0x30a9, 0 }, { 0x30c3, 0 }, { 0x30e3, 0 }, { 0x30e5, 0 },
	{ 0x30e7, 0 }, { 0x30ee, 0 }, { 0x30f5, 0 }, { 0x30f6, 0 }, { 0x30fc, 0 },
	{ 0x31f0, 0 }, { 0x31f1, 0 }, { 0x31f2, 0 }, { 0x31f3, 0 }, { 0x31f4, 0 },
	{ 0x31f5, 0 }, { 0x31f6, 0 }, { 0x31f7, 0 }, { 0x31f8, 0 }, { 0x31f9, 0 },
	{ 0x31fa, 0 }, { 0x31fb, 0 }, { 0x31fc, 0 }, { 0x31fd, 0 }, { 0x31fe, 0 },
	{ 0x31ff, 0 }, { 0xff67, 0 }, { 0xff68, 0 }, { 0xff69, 0 }, { 0xff6a, 0 },
	{ 0xff6b, 0 }, { 0xff6c, 0 }, { 0xff6d, 0 }, { 0xff6e, 0 }, { 0xff6f, 0 },
	{ 0xff70, 0 },
	/* class 1: hyphen, en dash, wave dash, double hyphen */
	{ 0x2010, 1 }, { 0x2013, 1 }, { 0x301c, 1 }, { 0x30a0, 1 },
	/* class 2: middle dots, colon, semicolon, exclamation and question marks */
	{ 0x30fb, 2 }, { 0xff1a, 2 }, { 0xff1b, 2 }, { 0xff65, 2 }, { 0x203c, 2 },
	{ 0x2047, 2 }, { 0x2048, 2 }, { 0x2049, 2 }, { 0xff01, 2 }, { 0xff1f, 2 },
	/* class 3: leaders and ellipses */
	{ 0x2024, 3 }, { 0x2025, 3 }, { 0x2026, 3 }, { 0x22ef, 3 }, { 0xfe19, 3 },
	{ 0x10af6, 3 },
	/* class 4: iteration marks */
	{ 0x3005, 4 }, { 0x303b, 4 }, { 0x309d, 4 }, { 0x309e, 4 }, { 0x30fd, 4 },
	{ 0x30fe, 4 },
	/* class 5: degree, per mille, primes, Celsius, Fahrenheit, percent, cent */
	{ 0x00b0, 5 }, { 0x2030, 5 }, { 0x2032, 5 }, { 0x2033, 5 }, { 0x2035, 5 },
	{ 0x2103, 5 }, { 0x2109, 5 }, { 0xfe6a, 5 }, { 0xff05, 5 }, { 0xffe0, 5 },
};

static const char *const lb_mode_names[] = { "normal", "strict", "loose" };

/* Append the UTF-8 form of cp to buf at *len. */
static void
utf8_put(char *buf, size_t *len, uint32_t cp)
{
	unsigned char	*u = (unsigned char *)buf + *len;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		*len += 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		*len += 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		*len += 3;
	} else {
		u[0] = (unsigned char)(0xf0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		*len += 4;
	}
	buf[*len] = '\0';
}

/* Wrap s at cols in mode k (hanging as asked, continuation indent cont) and return its
 * lines joined by '|', each after its indentation as spaces.  The caller frees it. */
static char *
wrap(const char *s, int cols, enum layout_kinsoku k, int hang, int cont)
{
	struct layout_opts	 o = { cols, k, hang, 0 };
	struct layout_line	*lines = NULL;
	size_t			 n = 0, alloc = 0, i, olen = 0;
	char			*out;
	int			 j;

	layout_wrap(s, 0, strlen(s), 0, cont, &o, &lines, &n, &alloc);
	out = xmalloc(strlen(s) + n * (size_t)(cols + 2) + 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			out[olen++] = '|';
		for (j = 0; j < lines[i].indent; j++)
			out[olen++] = ' ';
		memcpy(out + olen, s + lines[i].off, lines[i].len);
		olen += lines[i].len;
	}
	out[olen] = '\0';
	free(lines);
	return (out);
}

/* Check that s wraps as want at cols in mode k. */
static void
check(const char *s, int cols, enum layout_kinsoku k, int hang, const char *want,
    const char *name)
{
	char	*got = wrap(s, cols, k, hang, 0);

	is_str(got, want, "%s: %s", lb_mode_names[k], name);
	free(got);
}

/* The 87 W3C cases in each mode: the first line is 文文文文文文 where X may start the next
 * line, else 文文文文文 (the last 文 goes down with X). */
static void
test_w3c(void)
{
	enum layout_kinsoku	 k;
	const struct lb_case	*c;
	char			 s[64], want[96];
	char			*got;
	size_t			 i, len, passed;
	int			 allowed;

	for (k = LAYOUT_KINSOKU_NORMAL; k <= LAYOUT_KINSOKU_LOOSE; k++) {
		passed = 0;
		for (i = 0; i < sizeof lb_cases / sizeof lb_cases[0]; i++) {
			c = &lb_cases[i];
			allowed = (lb_classes[c->cls].modes >> k) & 1;
			len = 0;
			s[0] = '\0';
			strcat(s, "文文文文文文");
			len = strlen(s);
			utf8_put(s, &len, c->cp);
			strcat(s, "字字");
			if (allowed)
				snprintf(want, sizeof want, "文文文文文文|%s", s + 18);
			else
				snprintf(want, sizeof want, "文文文文文|文%s", s + 18);
			got = wrap(s, 12, k, 0, 0);
			passed += strcmp(got, want) == 0;
			is_str(got, want, "W3C %s: U+%04X, %s, %s start a line", lb_mode_names[k],
			    (unsigned int)c->cp, lb_classes[c->cls].name,
			    allowed ? "may" : "may not");
			free(got);
		}
		is_int(passed, sizeof lb_cases / sizeof lb_cases[0],
		    "W3C %s: every one of the 87 cases as CSS Text 3 says", lb_mode_names[k]);
	}
}

/* What the modes allow beyond the W3C cases, and where kiroku keeps things together. */
static void
test_modes(void)
{
	enum layout_kinsoku	 n = LAYOUT_KINSOKU_NORMAL, s = LAYOUT_KINSOKU_STRICT;
	enum layout_kinsoku	 l = LAYOUT_KINSOKU_LOOSE;

	check("人々の暮らし", 4, s, 0, "人々|の暮|らし", "々 goes down with the kanji before it");
	check("人々の暮らし", 4, n, 0, "人々|の暮|らし", "々 goes down with the kanji before it");
	check("人々の暮らし", 2, l, 0, "人|々|の|暮|ら|し", "々 may start a line");
	check("日本・ロシア", 6, n, 0, "日本・|ロシア", "・ stays at the line end");
	check("日本・ロシア", 4, l, 0, "日本|・ロ|シア", "・ may start a line");
	check("東京〜大阪", 4, n, 0, "東京|〜大|阪", "〜 may start a line after a kanji");
	check("東京〜大阪", 4, s, 0, "東|京〜|大阪", "〜 may not start a line");
	check("see e\342\200\220mail", 6, n, 0, "see e\342\200\220|mail",
	    "a hyphen after a Latin letter stays with it");
	check("see e\342\200\220mail", 6, l, 0, "see e\342\200\220|mail",
	    "a hyphen after a Latin letter stays with it");
	check("それは……だ", 7, l, 0, "それは|……だ",
	    "…… may start a line, and stays whole (… is one column)");
	check("それは……だ", 7, n, 0, "それ|は……だ", "…… may not start a line");
	check("率は100％だ", 8, l, 0, "率は|100％だ", "％ stays with ASCII digits");
	check("率は１００％だ", 10, l, 0, "率は|１００％だ", "％ stays with full-width digits");
	check("百分率％だ", 7, l, 0, "百分率|％だ", "％ after a kanji may start a line");
	check("気温25°だ", 6, l, 0, "気温|25°だ", "° stays with ASCII digits");
	check("文（…）だ", 4, l, 0, "文|（…|）だ", "nothing breaks after an opening bracket");
	check("日本、ロシア", 6, l, 0, "日本、|ロシア", "、 never starts a line, even loose");
}

/* Issue 12 item 6: a number is broken only when nothing else will do. */
static void
test_numbers(void)
{
	enum layout_kinsoku	 n = LAYOUT_KINSOKU_NORMAL, s = LAYOUT_KINSOKU_STRICT;
	int			 w, bad;
	char			*got, *p;

	/* An ASCII comma as 読点 before a year: the unit "(APEC),2016" is wider than the
	 * line, and it is cut after the comma, not inside the year. */
	check("首脳会議(APEC),2016年に開催。", 12, n, 1, "首脳会議|(APEC),|2016年に開|催。",
	    "a unit wider than the line is cut after the comma before a year");
	check("首脳会議(APEC),2016年に開催。", 12, s, 1, "首脳会議|(APEC),|2016年に開|催。",
	    "a unit wider than the line is cut after the comma before a year");
	check("会議は,ASEAN,2016年9月に開催。", 11, n, 1, "会議は,|ASEAN,|2016年9月|に開催。",
	    "11 columns: ASEAN,2016 is cut after the comma, not as 201 / 6年");
	check("G20サミット,2016年,9月に開催。", 8, n, 1,
	    "G20サ|ミッ|ト,|2016|年,9月|に開催。", "ト,2016 is cut after the comma");
	bad = 0;
	for (w = 6; w <= 40; w++) {
		got = wrap("外相会談は,2016年12月15日に東京で行われ,2017年1月に再び会う。", w,
		    n, 1, 0);
		for (p = got; (p = strchr(p, '|')) != NULL; p++) {
			if (p > got && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' &&
			    p[1] <= '9')
				bad++;
		}
		free(got);
	}
	is_int(bad, 0, "normal: no year or day is split at widths 6-40");

	/* Full-width digits may break between them (class ID), but the line breaks before
	 * the number instead when the number then fits on the next line. */
	check("会議は２０１６年１２月に開催された。", 14, n, 1,
	    "会議は|２０１６年|１２月に開催|された。", "a full-width year is not split");
	check("会議は２０１６年１２月に開催された。", 8, n, 1,
	    "会議は|２０１|６年|１２月|に開催|された。",
	    "a full-width year wider than the line is split where it stops fitting");
	check("平成２８年（２０１６年）", 10, n, 1, "平成２８|年（２０|１６年）",
	    "a year that cannot fit on the next line either is split rather than left");

	/* A long run of digits alone still breaks where it stops fitting. */
	check("12345678901234567890", 8, n, 0, "12345678|90123456|7890",
	    "a run of digits wider than the line is cut where it stops fitting");
}

/* Issue 12 item 6: in strict mode a unit wider than the line (no break before small kana
 * or ー) is cut before one of them, never before 、. */
static void
test_strict_fallback(void)
{
	const char	*s = "例えば、し、っ、ゃ、ー等の文字。";
	char		*got, *p;
	int		 w, comma, small;

	comma = small = 0;
	for (w = 8; w <= 15; w++) {
		got = wrap(s, w, LAYOUT_KINSOKU_STRICT, 1, 0);
		for (p = got; (p = strchr(p, '|')) != NULL; p++) {
			if (strncmp(p + 1, "、", 3) == 0)
				comma++;
			if (strncmp(p + 1, "っ", 3) == 0 || strncmp(p + 1, "ゃ", 3) == 0 ||
			    strncmp(p + 1, "ー", 3) == 0)
				small++;
		}
		free(got);
	}
	is_int(comma, 0, "strict: no line starts with 、 at widths 8-15 (し、っ、ゃ、ー等)");
	ok(small > 0, "strict: the run is cut before a small kana or ー instead");
	check(s, 10, LAYOUT_KINSOKU_STRICT, 1, "例えば、|し、っ、|ゃ、ー等|の文字。",
	    "し、っ、ゃ、ー等 at width 10");
	check(s, 14, LAYOUT_KINSOKU_STRICT, 1, "例えば、|し、っ、ゃ、|ー等の文字。",
	    "し、っ、ゃ、ー等 at width 14");
	check("ABCD・EFGH", 5, LAYOUT_KINSOKU_NORMAL, 0, "ABC|D・|EFGH",
	    "normal: a cut puts no ・ at a line start (only loose allows it)");
	check("ABCD・EFGH", 5, LAYOUT_KINSOKU_LOOSE, 0, "ABCD|・|EFGH",
	    "loose: ・ may start a line after a Latin letter");
	check("abc(defghij", 4, LAYOUT_KINSOKU_STRICT, 0, "abc|(def|ghij",
	    "a cut leaves no opening bracket at a line end");
	check("abcdefg)hij", 7, LAYOUT_KINSOKU_STRICT, 0, "abcdef|g)hij",
	    "a cut puts no closing bracket at a line start");
}

/* Lay out text as a document at cols and return its lines joined by '|'; page furniture (an
 * image gallery's caption lines) is laid out, as --furniture shows it. */
static char *
doc_wrap(const char *text, int cols)
{
	struct layout_opts	 o = { cols, LAYOUT_KINSOKU_NORMAL, 1, 1 };
	struct input_text	 t;
	struct layout		*lo;
	struct doc		*d;
	char			*cause = NULL, *out;
	size_t			 i, olen = 0;
	int			 j;

	memset(&t, 0, sizeof t);
	if (input_text_from_bytes(&t, text, strlen(text), "UTF-8", &cause) != 0) {
		tap_diag("%s", cause);
		free(cause);
		return (xstrdup(""));
	}
	d = doc_create_from_text("indent", &t);
	lo = layout_create(d, &o);
	out = xmalloc(d->text.len + lo->nlines * (size_t)(cols + 2) + 1);
	for (i = 0; i < lo->nlines; i++) {
		if (i > 0)
			out[olen++] = '|';
		for (j = 0; j < lo->lines[i].indent; j++)
			out[olen++] = ' ';
		memcpy(out + olen, d->text.buf + lo->lines[i].off, lo->lines[i].len);
		olen += lo->lines[i].len;
	}
	out[olen] = '\0';
	layout_free(lo);
	doc_free(d);
	return (out);
}

/* Issue 12 item 6: lines indented with spaces under a bullet keep their indent when they
 * wrap; a paragraph's first-line indent is still the first line's only. */
static void
test_indent(void)
{
	char	*got;

	got = doc_wrap("題\n\n  • 画像1\n    首脳会談の様子を写した写真の説明文\n本文\n", 20);
	is_str(got, "題||  • 画像1|    首脳会談の様子|    を写した写真の|    説明文|本文",
	    "a caption indented under a bullet keeps its indent when it wraps");
	free(got);
	got = doc_wrap("題\n\n  • 項目の文\n    続きの一つめの段落\n    続きの二つめの段落\n", 16);
	is_str(got, "題||  • 項目の文|    続きの一つ|    めの段落|    続きの二つ|    めの段落",
	    "each indented line under the item keeps it");
	free(got);
	got = doc_wrap("題\n\n本文の段落\n    字下げした段落の文章\n", 16);
	is_str(got, "題||本文の段落|    字下げした|段落の文章",
	    "an indented paragraph under no item: its first line only");
	free(got);
	got = doc_wrap("題\n\n　全角空白で字下げした段落の文章\n", 16);
	is_str(got, "題||　全角空白で字|下げした段落の|文章",
	    "a paragraph indented by U+3000: its first line only");
	free(got);
	got = doc_wrap("題\n\n  • 項目\n    続きの行の文章\n", 7);
	is_str(got, "題||  • 項|目|    続|きの行|の文章",
	    "the indent goes when it would exceed half the width");
	free(got);
}

/* Run every test. */
int
main(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		ok(0, "the C.UTF-8 locale exists");
		return (tap_done());
	}
	test_w3c();
	test_modes();
	test_numbers();
	test_strict_fallback();
	test_indent();
	layout_wrap_release();
	return (tap_done());
}
