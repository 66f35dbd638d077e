/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-doc.c: the document model: era and Gregorian dates, numbering forms and their
 * look-alikes, bullets and list markers, regions and chrome, and the metadata and outline of
 * the sample and of the records under tests/data/doc/, compared with the expected --meta and
 * --outline output kept beside them. */
#include "config.h"

#include <iconv.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "doc.h"
#include "tap.h"
#include "xmalloc.h"

/* Columns of a numbered paragraph's label in --outline, "…" included. */
#define TEST_LABEL_COLS	24

/* The sample record, relative to $top_srcdir. */
#define TEST_SAMPLE	"content/000_f63a307d17307818.txt"

/* A growing string for rendered output. */
struct test_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

/* Append len bytes of s to b. */
static void
test_buf_add(struct test_buf *b, const char *s, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		b->cap = (b->len + len + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

/* Append the string s to b. */
static void
test_buf_str(struct test_buf *b, const char *s)
{
	test_buf_add(b, s, strlen(s));
}

/* Append s to b, cut to at most maxcols columns (wcwidth in C.UTF-8) with "…" if longer. */
static void
test_buf_cut(struct test_buf *b, const char *s, size_t len, int maxcols)
{
	size_t off = 0, n, fit = 0;
	int cols = 0, w;
	uint32_t cp;

	while (off < len) {
		cp = doc_utf8_next(s + off, len - off, &n);
		w = wcwidth((wchar_t)cp);
		if (w < 0)
			w = 1;
		if (cols + w <= maxcols - 1)
			fit = off + n;
		cols += w;
		off += n;
	}
	if (cols <= maxcols) {
		test_buf_add(b, s, len);
		return;
	}
	test_buf_add(b, s, fit);
	test_buf_str(b, "…");
}

/* Render the outline of d as kiroku --outline prints it; the caller frees the result. */
static char *
test_outline(const struct doc *d)
{
	struct test_buf b = { NULL, 0, 0 };
	const struct doc_section *sec;
	const char *s;
	size_t i, len;
	int depth;

	test_buf_str(&b, "");
	for (i = 0; i < d->nsections; i++) {
		sec = &d->sections[i];
		s = doc_section_text(d, i, &len);
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		if (len >= 3 && memcmp(s, "\u3000", 3) == 0) {
			s += 3;
			len -= 3;
		}
		for (depth = 0; depth < sec->depth; depth++)
			test_buf_str(&b, "  ");
		if (sec->is_heading)
			test_buf_add(&b, s, len);
		else
			test_buf_cut(&b, s, len, TEST_LABEL_COLS);
		test_buf_str(&b, "\n");
	}
	return b.s;
}

/* Render the metadata of d as kiroku --meta prints it for the operand path. */
static char *
test_meta(const struct doc *d, const char *path)
{
	struct test_buf b = { NULL, 0, 0 };
	char iso[11], num[32];
	size_t i, top = 0;

	for (i = 0; i < d->nsections; i++) {
		if (d->sections[i].depth == 0)
			top++;
	}
	test_buf_str(&b, "file: ");
	test_buf_str(&b, path);
	test_buf_str(&b, "\nregion: ");
	if (d->region != DOC_REGION_NONE)
		test_buf_str(&b, doc_region_name(d->region));
	test_buf_str(&b, "\n");
	if (d->country != NULL) {
		test_buf_str(&b, "country: ");
		test_buf_str(&b, d->country);
		test_buf_str(&b, "\n");
	}
	test_buf_str(&b, "title: ");
	test_buf_str(&b, d->title);
	test_buf_str(&b, "\ndate:");
	if (d->date.year != 0) {
		doc_date_iso(&d->date, iso);
		test_buf_str(&b, " ");
		test_buf_str(&b, iso);
	}
	test_buf_str(&b, "\ndate-text:");
	if (d->date_text != NULL) {
		test_buf_str(&b, " ");
		test_buf_str(&b, d->date_text);
	}
	snprintf(num, sizeof num, "\nsections: %zu\n", top);
	test_buf_str(&b, num);
	return b.s;
}

/* Open the record at path relative to $top_srcdir, or NULL with a failed check. */
static struct doc *
test_open(const char *path)
{
	struct doc *d;
	char *full, *cause = NULL;

	full = xasprintf("%s/%s", tap_srcdir(), path);
	d = doc_create(full, NULL, &cause);
	ok(d != NULL, "%s opens (%s)", path, cause != NULL ? cause : "ok");
	free(cause);
	free(full);
	return d;
}

/* Return 1 if the line s is one of the chrome lines listed (one a line) in chrome. */
static int
test_is_chrome(const char *s, size_t len, const char *chrome)
{
	const char *p = chrome, *nl;

	s = doc_trim(s, &len);
	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		if ((size_t)((nl != NULL ? nl : p + strlen(p)) - p) == len &&
		    memcmp(p, s, len) == 0)
			return 1;
		p = nl != NULL ? nl + 1 : NULL;
	}
	return 0;
}

/* Check that every non-blank line of d outside the chrome lines is exactly one block, in
 * order, and that no chrome line is a block. */
static void
test_blocks_cover(const struct doc *d, const char *chrome, const char *what)
{
	const char *buf = d->text.buf, *nl;
	size_t off = 0, end, bi = 0, bad = 0, blanks = 0;
	int blank = 0;

	while (off < d->text.len) {
		nl = memchr(buf + off, '\n', d->text.len - off);
		end = nl != NULL ? (size_t)(nl - buf) : d->text.len;
		if (doc_space_len(buf + off, end - off) == end - off) {
			blank = 1;
			blanks++;
		} else if (!test_is_chrome(buf + off, end - off, chrome)) {
			if (bi >= d->nblocks || d->blocks[bi].off != off ||
			    d->blocks[bi].len != end - off ||
			    (bi > 0 && d->blocks[bi].blank_before != blank))
				bad++;
			bi++;
			blank = 0;
		}
		off = end + 1;
	}
	is_int(bad, 0, "%s: every body line is one block, with its blank_before", what);
	is_int(bi, d->nblocks, "%s: no block beyond the body lines", what);
}

/* Compare the outline and metadata of tests/data/doc/NAME.txt with NAME.outline and
 * NAME.meta, and check that its blocks cover its body (NAME.chrome lists its chrome). */
static void
test_record(const char *name)
{
	struct doc *d;
	char *path, *want, *got, *chrome;
	size_t len;

	path = xasprintf("tests/data/doc/%s.txt", name);
	if ((d = test_open(path)) == NULL) {
		free(path);
		return;
	}
	got = test_outline(d);
	want = xasprintf("tests/data/doc/%s.outline", name);
	chrome = tap_read_file(want, &len);
	is_str(got, chrome != NULL ? chrome : "(missing)", "%s: --outline as expected", name);
	free(chrome);
	free(want);
	free(got);

	got = test_meta(d, path);
	want = xasprintf("tests/data/doc/%s.meta", name);
	chrome = tap_read_file(want, &len);
	is_str(got, chrome != NULL ? chrome : "(missing)", "%s: --meta as expected", name);
	free(chrome);
	free(want);
	free(got);

	want = xasprintf("tests/data/doc/%s.chrome", name);
	chrome = tap_read_file(want, &len);
	free(want);
	want = xasprintf("%s%s", chrome != NULL ? chrome : "",
	    "世界地図 アジア | 北米 | 中南米 | 欧州(NIS諸国を含む) | 大洋州 | 中東 | アフリカ\n"
	    "このページのトップへ戻る\nINDEXへ戻る\n");
	test_blocks_cover(d, want, name);
	free(want);
	free(chrome);
	doc_free(d);
	free(path);
}

/* Era and Gregorian dates: every era, 元年, full-width and kanji digits, weekdays, era
 * boundaries, and dates that cannot be. */
static void
test_dates(void)
{
	static const struct {
		const char	*s;
		const char	*iso;	/* "" if refused */
	} t[] = {
		{ "平成21年9月23日", "2009-09-23" },
		{ "令和元年5月1日", "2019-05-01" },
		{ "昭和６４年１月７日", "1989-01-07" },
		{ "2019年6月12日", "2019-06-12" },
		{ "２０１９年６月１２日（水）", "2019-06-12" },
		{ "明治元年1月1日", "1868-01-01" },
		{ "明治45年7月30日", "1912-07-30" },
		{ "大正元年7月30日", "1912-07-30" },
		{ "大正15年12月25日", "1926-12-25" },
		{ "昭和元年12月25日", "1926-12-25" },
		{ "平成元年1月8日", "1989-01-08" },
		{ "平成31年4月30日", "2019-04-30" },
		{ "令和6年2月29日", "2024-02-29" },
		{ "平成二十一年九月二十三日", "2009-09-23" },
		{ "令和元年十月一日", "2019-10-01" },
		{ "二〇一九年六月十二日", "2019-06-12" },
		{ "  平成21年 9月23日 (水) ", "2009-09-23" },
		{ "平成２１年９月２３日（水曜日）", "2009-09-23" },
		{ "令和2年5月4日（月・祝）", "2020-05-04" },
		{ "平成32年1月1日", "" },		/* 平成 ended in its 31st year */
		{ "平成31年5月1日", "" },		/* already 令和 */
		{ "令和元年4月30日", "" },		/* still 平成 */
		{ "昭和64年1月8日", "" },
		{ "平成元年1月7日", "" },
		{ "大正元年7月29日", "" },
		{ "明治46年1月1日", "" },
		{ "令和0年5月1日", "" },
		{ "平成21年2月30日", "" },
		{ "平成21年13月1日", "" },
		{ "平成21年9月0日", "" },
		{ "令和5年2月29日", "" },		/* 2023 is not a leap year */
		{ "2100年2月29日", "" },
		{ "平成21年9月23日に会談した。", "" },	/* not a date line */
		{ "9月23日", "" },
		{ "平成21年9月", "" },
		{ "元年9月23日", "" },
		{ "219年1月1日", "" },
		{ "2019年6月12日（晴れのち曇り）", "" },
	};
	struct doc_date date;
	char iso[11];
	size_t i, off, len;
	int got;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(&date, 0, sizeof date);
		got = doc_date_parse(t[i].s, strlen(t[i].s), &date, &off, &len);
		if (*t[i].iso == '\0') {
			is_int(got, 0, "date \"%s\" is refused", t[i].s);
			continue;
		}
		doc_date_iso(&date, iso);
		ok(got == 1 && strcmp(iso, t[i].iso) == 0, "date \"%s\" is %s (got %d %s)",
		    t[i].s, t[i].iso, got, got ? iso : "-");
	}
	doc_date_parse("  平成21年9月23日（水）", strlen("  平成21年9月23日（水）"), &date, &off,
	    &len);
	is_mem("  平成21年9月23日（水）" + off, len, "平成21年9月23日",
	    "the date as written leaves out spaces and the weekday");
	ok(doc_date_valid(2000, 2, 29) && !doc_date_valid(1900, 2, 29) &&
	    !doc_date_valid(2019, 4, 31) && doc_date_valid(2019, 12, 31),
	    "the Gregorian calendar's month lengths and leap years");
	date.year = 0;
	doc_date_iso(&date, iso);
	is_str(iso, "", "no date writes an empty ISO date");
}

/* The numbering forms of official documents, each separator, and the look-alikes. */
static void
test_headings(void)
{
	static const struct {
		const char	*s;
		int		 level;		/* -1: not numbering */
		size_t		 num_len;
		size_t		 marker_len;
	} t[] = {
		{ "第1　総論", DOC_LEVEL_DAI, 7, 7 },
		{ "第一 総論", DOC_LEVEL_DAI, 7, 7 },
		{ "第１．総論", DOC_LEVEL_DAI, 9, 9 },
		{ "第2章 総則", DOC_LEVEL_DAI, 8, 8 },
		{ "第十二章総則", DOC_LEVEL_DAI, 12, 12 },
		{ "1.総論", DOC_LEVEL_NUM, 2, 2 },
		{ "1. 総論", DOC_LEVEL_NUM, 2, 3 },
		{ "1 冒頭発言", DOC_LEVEL_NUM, 2, 2 },
		{ "1　冒頭発言", DOC_LEVEL_NUM, 4, 4 },
		{ "１．二国間関係", DOC_LEVEL_NUM, 6, 6 },
		{ "１、二国間関係", DOC_LEVEL_NUM, 6, 6 },
		{ "12.その他", DOC_LEVEL_NUM, 3, 3 },
		{ "⒈総論", DOC_LEVEL_NUM, 3, 3 },
		{ "(1)今次会談は、", DOC_LEVEL_PAREN_NUM, 3, 3 },
		{ "（１）朝鮮半島", DOC_LEVEL_PAREN_NUM, 9, 9 },
		{ "(１）朝鮮半島", DOC_LEVEL_PAREN_NUM, 7, 7 },
		{ "(10) 拉致問題", DOC_LEVEL_PAREN_NUM, 4, 5 },
		{ "⑴朝鮮半島", DOC_LEVEL_PAREN_NUM, 3, 3 },
		{ "1)朝鮮半島", DOC_LEVEL_PAREN_NUM, 2, 2 },
		{ "１）朝鮮半島", DOC_LEVEL_PAREN_NUM, 6, 6 },
		{ "㈠総則", DOC_LEVEL_PAREN_NUM, 3, 3 },
		{ "ア 経済", DOC_LEVEL_KANA, 4, 4 },
		{ "イ　安全保障", DOC_LEVEL_KANA, 6, 6 },
		{ "ウ．文化", DOC_LEVEL_KANA, 6, 6 },
		{ "(ア)貿易", DOC_LEVEL_PAREN_KANA, 5, 5 },
		{ "（イ）投資", DOC_LEVEL_PAREN_KANA, 9, 9 },
		{ "a.関税", DOC_LEVEL_LATIN, 2, 2 },
		{ "b) 非関税障壁", DOC_LEVEL_LATIN, 2, 3 },
		{ "ｃ．知財", DOC_LEVEL_LATIN, 6, 6 },
		{ "(a)関税", DOC_LEVEL_PAREN_LATIN, 3, 3 },
		{ "（ｂ）非関税", DOC_LEVEL_PAREN_LATIN, 9, 9 },
		{ "①両首脳は", DOC_LEVEL_CIRCLED, 3, 3 },
		{ "⑳その他", DOC_LEVEL_CIRCLED, 3, 3 },
		{ "  (2)字下げ", DOC_LEVEL_PAREN_NUM, 5, 5 },
		{ "　２．字下げ", DOC_LEVEL_NUM, 9, 9 },
		{ "1,000億円の予算", -1, 0, 0 },
		{ "１，０００億円", -1, 0, 0 },
		{ "1月23日に会談", -1, 0, 0 },
		{ "(参考)過去の経緯", -1, 0, 0 },
		{ "（注）暫定値", -1, 0, 0 },
		{ "2.5%の成長", -1, 0, 0 },
		{ "3日、担当者が", -1, 0, 0 },
		{ "2009年に", -1, 0, 0 },
		{ "(2009年)", -1, 0, 0 },
		{ "第1回会合", -1, 0, 0 },
		{ "第一に、", -1, 0, 0 },
		{ "第2次世界大戦", -1, 0, 0 },
		{ "アメリカ", -1, 0, 0 },
		{ "a lot of", -1, 0, 0 },
		{ "e.g. this", -1, 0, 0 },
		{ "100. 百", -1, 0, 0 },
		{ "0.概要", -1, 0, 0 },
		{ "1.", -1, 0, 0 },
		{ "(1)", -1, 0, 0 },
		{ "", -1, 0, 0 },
	};
	enum doc_level level;
	size_t i, num_len, marker_len;
	int got;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		num_len = marker_len = 0;
		got = doc_heading_match(t[i].s, strlen(t[i].s), &level, &num_len, &marker_len);
		if (t[i].level < 0) {
			is_int(got, 0, "\"%s\" is not numbering", t[i].s);
			continue;
		}
		ok(got == 1 && (int)level == t[i].level && num_len == t[i].num_len &&
		    marker_len == t[i].marker_len,
		    "\"%s\" is level %d, number %zu bytes, marker %zu bytes (got %d %d %zu %zu)",
		    t[i].s, t[i].level, t[i].num_len, t[i].marker_len, got, (int)level, num_len,
		    marker_len);
	}

	ok(doc_heading_is_title_like("総論", 6), "a short title is title-like");
	ok(!doc_heading_is_title_like("今次会談は有益であった。", 36), "a sentence with 。 is not");
	ok(!doc_heading_is_title_like("総理から、", 15), "a line ending in 、 is not");
	ok(!doc_heading_is_title_like(
	    "あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあ",
	    123), "41 characters are too long for a title");
	ok(doc_heading_bracket("【ポイント】", strlen("【ポイント】")), "【ポイント】 is a title");
	ok(doc_heading_bracket("  【今後の予定】 ", strlen("  【今後の予定】 ")),
	    "an indented 【…】 with trailing spaces is a title");
	ok(!doc_heading_bracket("【概要】本日、会談が行われた。",
	    strlen("【概要】本日、会談が行われた。")), "【…】 followed by text is not");
	ok(!doc_heading_bracket("【】", strlen("【】")), "empty 【】 is not");
}

/* Bullets, Markdown headings and the lexical list markers of the hanging indent. */
static void
test_markers(void)
{
	static const struct {
		const char	*s;
		int		 bullet;
		size_t		 marker_len;	/* doc_marker_len */
	} t[] = {
		{ "  • 両首脳が", 1, 6 },
		{ "・8項目の", 1, 3 },
		{ "・ 8項目の", 1, 4 },
		{ "※詳細は", 1, 3 },
		{ "● 次回", 1, 4 },
		{ "　○　事務", 1, 9 },
		{ "- 予算案", 1, 2 },
		{ "* 予算案", 1, 2 },
		{ "+ 予算案", 1, 2 },
		{ "－ 予算案", 1, 4 },
		{ "-5度の寒さ", 0, 1 },		/* hangs like the checker wants, but no bullet */
		{ "**強調**", 0, 1 },
		{ "•", 0, 0 },
		{ "(1)今次", 0, 3 },
		{ "（ア） 貿易", 0, 10 },
		{ "[1] 注", 0, 4 },
		{ "1.総論", 0, 2 },
		{ "2.5%の", 0, 2 },
		{ "１） 朝鮮", 0, 7 },
		{ "⑴ 両首脳", 0, 4 },
		{ "① 両首脳", 0, 4 },
		{ "ア 経済", 0, 4 },
		{ "アメリカ", 0, 0 },
		{ "(参考)経緯", 0, 0 },
		{ "1,000億円", 0, 0 },
		{ "本文", 0, 0 },
	};
	size_t i, len, skip;
	int hashes;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		len = 0;
		is_int(doc_bullet_match(t[i].s, strlen(t[i].s), &len), t[i].bullet,
		    "\"%s\" %s a bullet", t[i].s, t[i].bullet ? "is" : "is not");
		is_int(doc_marker_len(t[i].s, strlen(t[i].s)), t[i].marker_len,
		    "\"%s\" hangs under a %zu-byte marker", t[i].s, t[i].marker_len);
	}
	ok(doc_heading_markdown("## 概要", 9, &hashes, &skip) && hashes == 2 && skip == 3,
	    "\"## 概要\" is a level 2 Markdown heading shown after 3 bytes");
	ok(doc_heading_markdown("###### 六", 10, &hashes, &skip) && hashes == 6 && skip == 7,
	    "six # are a Markdown heading");
	ok(!doc_heading_markdown("####### 七", 11, &hashes, &skip), "seven # are not");
	ok(!doc_heading_markdown("#タグ", 7, &hashes, &skip), "# without a space is not");
	ok(!doc_heading_markdown("# ", 2, &hashes, &skip), "# with nothing after is not");
}

/* Region names, the world-map line, back links and the country table. */
static void
test_regions(void)
{
	static const struct {
		const char	*country;
		int		 region;
	} t[] = {
		{ "ロシア連邦", DOC_REGION_EUROPE }, { "ロシア", DOC_REGION_EUROPE },
		{ "大韓民国", DOC_REGION_ASIA }, { "韓国", DOC_REGION_ASIA },
		{ "米国", DOC_REGION_NORTH_AMERICA }, { "アメリカ合衆国", DOC_REGION_NORTH_AMERICA },
		{ "カナダ", DOC_REGION_NORTH_AMERICA }, { "ブラジル", DOC_REGION_LATIN_AMERICA },
		{ "豪州", DOC_REGION_OCEANIA }, { "オーストラリア", DOC_REGION_OCEANIA },
		{ "イラン", DOC_REGION_MIDDLE_EAST }, { "エジプト", DOC_REGION_MIDDLE_EAST },
		{ "ケニア", DOC_REGION_AFRICA }, { "ウズベキスタン", DOC_REGION_EUROPE },
		{ " 中国 ", DOC_REGION_ASIA }, { "火星", DOC_REGION_NONE },
		{ "ロシア連邦へ戻る", DOC_REGION_NONE },
	};
	char *path, *cause = NULL;
	size_t i;
	int r;

	for (r = 0; r < DOC_REGION_NONE; r++) {
		is_int(doc_region_from_name(doc_region_name(r), strlen(doc_region_name(r))), r,
		    "region %s is recognised by its name", doc_region_name(r));
	}
	is_int(doc_region_from_name("欧州（NIS諸国を含む）", strlen("欧州（NIS諸国を含む）")),
	    DOC_REGION_EUROPE, "欧州 with full-width parentheses is 欧州(NIS諸国を含む)");
	is_int(doc_region_from_name("その他", strlen("その他")), DOC_REGION_NONE,
	    "その他 is no region");
	is_int(doc_region_from_name("アジア太平洋", strlen("アジア太平洋")), DOC_REGION_NONE,
	    "a longer name is no region");

	ok(doc_region_is_world_map("世界地図 アジア | 北米 | 中南米 | 欧州(NIS諸国を含む) | 大洋州 | 中東 | アフリカ",
	    strlen("世界地図 アジア | 北米 | 中南米 | 欧州(NIS諸国を含む) | 大洋州 | 中東 | アフリカ")),
	    "the sample's world-map line");
	ok(doc_region_is_world_map("　世界地図　アジア｜北米｜中南米｜欧州（NIS諸国を含む）｜大洋州｜中東｜アフリカ",
	    strlen("　世界地図　アジア｜北米｜中南米｜欧州（NIS諸国を含む）｜大洋州｜中東｜アフリカ")),
	    "a world-map line with full-width bars and spaces");
	ok(doc_region_is_world_map("世界地図 アジア|北米|中南米", strlen("世界地図 アジア|北米|中南米")),
	    "a world-map line without spaces");
	ok(!doc_region_is_world_map("世界地図を広げて説明した。",
	    strlen("世界地図を広げて説明した。")), "text about a world map is not one");
	ok(!doc_region_is_world_map("世界地図 アジア | 日本", strlen("世界地図 アジア | 日本")),
	    "a world-map line naming a non-region is not one");

	ok(doc_region_is_back_link("このページのトップへ戻る", strlen("このページのトップへ戻る")),
	    "このページのトップへ戻る is a back link");
	ok(doc_region_is_back_link("INDEXへ戻る ", strlen("INDEXへ戻る ")), "INDEXへ戻る is one");
	ok(doc_region_is_back_link("ロシア連邦へ戻る", strlen("ロシア連邦へ戻る")), "ロシア連邦へ戻る is one");
	ok(!doc_region_is_back_link("大使は本国へ戻る予定。", strlen("大使は本国へ戻る予定。")),
	    "a sentence is not one");
	ok(!doc_region_is_back_link("代表団は、協議を終えて東京へ戻る。",
	    strlen("代表団は、協議を終えて東京へ戻る。")), "a sentence ending in へ戻る。 is not one");

	is_int(doc_region_from_country("ロシア連邦", strlen("ロシア連邦")), DOC_REGION_NONE,
	    "no country is known before the table is loaded");
	ok(doc_region_load_countries("/nonexistent/regions.tsv", &cause) == -1 && cause != NULL,
	    "a missing table is an error with a cause (%s)", cause != NULL ? cause : "none");
	free(cause);
	cause = NULL;
	path = xasprintf("%s/content/regions.tsv", tap_srcdir());
	ok(doc_region_load_countries(path, &cause) == 0, "the bundled country table loads (%s)",
	    cause != NULL ? cause : "ok");
	free(cause);
	free(path);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		is_int(doc_region_from_country(t[i].country, strlen(t[i].country)), t[i].region,
		    "country \"%s\" is in region %s", t[i].country,
		    doc_region_name(t[i].region));
	}
}

/* Make a record of the UTF-8 string s. */
static struct doc *
test_doc_str(const char *s)
{
	struct input_text t;
	char *cause = NULL;

	if (input_text_from_bytes(&t, s, strlen(s), NULL, &cause) != 0) {
		ok(0, "input_text_from_bytes: %s", cause);
		free(cause);
		return NULL;
	}
	return doc_create_from_text("-", &t);
}

/* Convert the UTF-8 bytes in to encoding with iconv; returns an allocated copy or NULL. */
static char *
test_iconv(const char *in, size_t inlen, const char *encoding, size_t *outlen)
{
	iconv_t cd;
	char *out, *ip = (char *)in, *op;
	size_t il = inlen, ol = inlen * 4 + 16;

	if ((cd = iconv_open(encoding, "UTF-8")) == (iconv_t)-1)
		return NULL;
	out = op = xmalloc(ol);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

/* The sample: metadata, outline, blocks, and the same record from every encoding. */
static void
test_sample(void)
{
	static const char *encodings[] = { "CP932", "EUC-JP", "ISO-2022-JP" };
	struct doc *d, *e;
	struct input_text t;
	char *bytes, *conv, *want, *got, *got2, *cause, *crlf;
	size_t len, clen, i, j, b, nparagraphs = 0;
	char iso[11];
	int n;

	if ((d = test_open(TEST_SAMPLE)) == NULL)
		return;
	is_int(d->region, DOC_REGION_EUROPE, "sample: region 欧州(NIS諸国を含む)");
	ok(d->country == NULL, "sample: no country");
	is_str(d->title, "国連総会の際の日露首脳会談(概要)", "sample: title");
	doc_date_iso(&d->date, iso);
	is_str(iso, "2009-09-23", "sample: date");
	is_str(d->date_text, "平成21年9月23日", "sample: date as written");
	ok(d->title_block == 0 && d->blocks[0].kind == DOC_BLOCK_TITLE &&
	    d->blocks[1].kind == DOC_BLOCK_DATE, "sample: the title and date blocks come first");
	got = test_outline(d);
	want = tap_read_file("tests/data/sample.outline", &len);
	is_str(got, want != NULL ? want : "(missing)", "sample: --outline as expected");
	free(want);
	free(got);
	want = test_meta(d, TEST_SAMPLE);
	is_str(want, "file: " TEST_SAMPLE "\nregion: 欧州(NIS諸国を含む)\n"
	    "title: 国連総会の際の日露首脳会談(概要)\ndate: 2009-09-23\n"
	    "date-text: 平成21年9月23日\nsections: 5\n", "sample: --meta as expected");
	free(want);
	test_blocks_cover(d, "欧州(NIS諸国を含む)\n"
	    "世界地図 アジア | 北米 | 中南米 | 欧州(NIS諸国を含む) | 大洋州 | 中東 | アフリカ\n"
	    "このページのトップへ戻る\nINDEXへ戻る\n", "sample");
	for (b = 0, n = 0; b < d->nblocks; b++) {
		if (d->blocks[b].kind == DOC_BLOCK_BULLET && d->blocks[b].marker_len == 6)
			n++;
		if (d->blocks[b].kind == DOC_BLOCK_PARAGRAPH)
			nparagraphs++;
	}
	is_int(n, 4, "sample: four • bullets hanging under \"  • \"");
	is_int(nparagraphs, 1, "sample: one plain paragraph, the lead");
	for (i = 0, n = 0; i < d->nsections; i++) {
		b = d->sections[i].block;
		if (!d->sections[i].is_heading && d->blocks[b].kind == DOC_BLOCK_NUMBERED &&
		    d->blocks[b].marker_len == 3 && d->sections[i].num_len == 3 &&
		    d->sections[i].depth == 1 && d->sections[d->sections[i].parent].is_heading)
			n++;
	}
	is_int(n, 12, "sample: twelve (n) paragraphs, numbered items under their headings");

	/* navigation over sections and offsets */
	b = d->sections[1].block;			/* 1.総論 */
	is_int(doc_section_next(d, b), 2, "] from 1.総論 goes to its (1)");
	is_int(doc_section_prev(d, b), 0, "[ from 1.総論 goes to 【ポイント】");
	is_int(doc_section_prev(d, b + 1), 1, "[ from inside a section goes to its start");
	is_int(doc_section_prev(d, 0), -1, "[ before the first section has nowhere to go");
	is_int(doc_section_next(d, d->nblocks - 1), -1, "] from the last block has nowhere to go");
	is_int(doc_section_at_block(d, 0), -1, "the title is in no section");
	is_int(doc_section_at_block(d, d->nblocks - 1), d->nsections - 1,
	    "the last block is in the last section");
	is_int(d->blocks[d->sections[3].block + 0].section, 3, "a block's section is its entry");
	is_int(doc_block_at_off(d, 0), 0, "offset 0 (the region line) maps to the title");
	is_int(doc_block_at_off(d, d->blocks[5].off + 4), 5, "an offset inside a block maps to it");
	is_int(doc_block_at_off(d, d->blocks[5].off + d->blocks[5].len), 5,
	    "the LF of a block maps to it");
	is_int(doc_block_at_off(d, d->blocks[5].off + d->blocks[5].len + 1), 6,
	    "a blank line maps to the next block");
	is_int(doc_block_at_off(d, d->text.len), d->nblocks,
	    "the trailing navigation maps past the last block");

	/* the same record in every encoding, and with a BOM and CRLF */
	bytes = tap_read_file(TEST_SAMPLE, &len);
	want = test_outline(d);
	got = test_meta(d, "x");
	for (i = 0; i < sizeof encodings / sizeof encodings[0] + 1; i++) {
		if (i < sizeof encodings / sizeof encodings[0]) {
			/* • has no JIS code: the legacy encodings get ・ in its place */
			for (j = 0; j + 3 <= len; j++) {
				if (memcmp(bytes + j, "•", 3) == 0)
					memcpy(bytes + j, "・", 3);
			}
			conv = test_iconv(bytes, len, encodings[i], &clen);
		} else {
			/* BOM + CRLF */
			conv = xmalloc(3 + len * 2);
			memcpy(conv, "\357\273\277", 3);
			for (j = 0, clen = 3; j < len; j++) {
				if (bytes[j] == '\n')
					conv[clen++] = '\r';
				conv[clen++] = bytes[j];
			}
		}
		cause = NULL;
		if (conv == NULL || input_text_from_bytes(&t, conv, clen, NULL, &cause) != 0) {
			ok(0, "sample in %s: %s", i < 3 ? encodings[i] : "BOM+CRLF",
			    cause != NULL ? cause : "iconv failed");
			free(cause);
			free(conv);
			continue;
		}
		e = doc_create_from_text("x", &t);
		crlf = test_outline(e);
		got2 = test_meta(e, "x");
		ok(strcmp(crlf, want) == 0 && strcmp(got2, got) == 0,
		    "sample in %s: the same outline and metadata",
		    i < 3 ? encodings[i] : "UTF-8 with a BOM and CRLF");
		free(crlf);
		free(got2);
		doc_free(e);
		free(conv);
	}
	free(got);
	free(want);
	free(bytes);
	doc_free(d);
}

/* The head of real pages (issue 12): the kinds of its lines, the title derived when it has
 * none, site menus and captions as furniture, and the region inferred from the text. */
static void
test_head(void)
{
	static const struct {
		const char	*line;
		int		 kind;
	} kinds[] = {
		{ "ロシア連邦", DOC_HEAD_REGION },
		{ "アジア", DOC_HEAD_REGION },
		{ "世界地図", DOC_HEAD_MAP },
		{ "アジア 北米 中南米 欧州(NIS諸国を含む) 大洋州 中東 アフリカ", DOC_HEAD_MAP },
		{ " | アフリカ", DOC_HEAD_MAP },
		{ "アジア 北米", DOC_HEAD_SHORT },
		{ "外務省 English リンクページ よくある質問集 検索 サイトマップ", DOC_HEAD_MENU },
		{ "トップページ 会談・訪問 外相会談", DOC_HEAD_MENU },
		{ "国・地域", DOC_HEAD_MENU },
		{ "平成29年3月20日", DOC_HEAD_DATE },
		{ "(写真)両外相の握手", DOC_HEAD_CAPTION },
		{ "握手する両首脳 (写真提供:内閣広報室)", DOC_HEAD_CAPTION },
		{ "  • 画像1", DOC_HEAD_GALLERY },
		{ "1 冒頭発言", DOC_HEAD_FORM },
		{ "日米首脳会談 共同声明", DOC_HEAD_SHORT },
		{ "会談する両外相", DOC_HEAD_SHORT },
		{ " 3月20日、大臣は外相と会談した。", DOC_HEAD_LONG },
	};
	static const struct {
		const char	*text;
		const char	*title;
		int		 from;
	} titles[] = {
		{ "ロシア連邦\n\n平成29年3月20日\n本文です。\n", "本文です", DOC_TITLE_LEAD },
		{ "ロシア連邦\n\n平成27年11月16日\n\n 11月15日、総理は大統領との間で日露首脳会談を"
		  "行ったところ、概要は以下のとおり。\n", "日露首脳会談", DOC_TITLE_MEETING },
		{ "アフリカ\n\n平成29年2月14日\n\n 本省で開催された、平成28年度中東アフリカ大使"
		  "会議の概要は次のとおり。\n", "平成28年度中東アフリカ大使会議", DOC_TITLE_MEETING },
		{ "ロシア連邦\n\n平成29年3月20日\n\n 3月20日、大臣は外相との間で日露外相会談(本年"
		  "2回目。)を行った。\n", "日露外相会談", DOC_TITLE_MEETING },
		{ "イラン・イスラム共和国\n\n令和元年8月28日\n日・イラン外相会談1\n\n 8月28日、"
		  "大臣は外相と会談した。\n", "日・イラン外相会談", DOC_TITLE_CAPTION },
		{ "イラン・イスラム共和国\n\n令和7年9月23日\n\n 大臣は外相と外相会談を行った。\n",
		  "日・イラン外相会談", DOC_TITLE_MEETING },
		{ "ケニア共和国\n\n2019年8月29日\n\n 8月29日、横浜において首相は大統領と"
		  "懇談した。\n", "横浜において首相は大統領と懇談した", DOC_TITLE_LEAD },
		{ "平成21年9月23日\n本文。\n", "本文", DOC_TITLE_LEAD },
		{ "題\n平成21年9月23日\n本文。\n", "題", DOC_TITLE_LINE },
	};
	static const struct {
		const char	*text;
		enum doc_region	 region;
		int		 from;
	} regions[] = {
		{ "日米首脳会談\n\n本文。\n", DOC_REGION_NORTH_AMERICA, DOC_REGION_FROM_TEXT },
		{ "日中外相会談\n\n本文。\n", DOC_REGION_ASIA, DOC_REGION_FROM_TEXT },
		{ "日・イラン外相会談\n\n本文。\n", DOC_REGION_MIDDLE_EAST, DOC_REGION_FROM_TEXT },
		{ "日露首脳会談\n\n本文。\n", DOC_REGION_EUROPE, DOC_REGION_FROM_TEXT },
		{ "日米豪印首脳会合\n\n本文。\n", DOC_REGION_NORTH_AMERICA, DOC_REGION_FROM_TEXT },
		{ "首脳会談\n\n首相はケニアを訪れた。\n", DOC_REGION_AFRICA, DOC_REGION_FROM_TEXT },
		{ "会談\n\n訪日中の大臣と本日会談した。\n", DOC_REGION_NONE, DOC_REGION_FROM_NONE },
		{ "会談\n\n16日中に会談した。\n", DOC_REGION_NONE, DOC_REGION_FROM_NONE },
		{ "カナダ\n日米首脳会談\n", DOC_REGION_NORTH_AMERICA, DOC_REGION_FROM_COUNTRY_LINE },
		{ "中東\n日米首脳会談\n", DOC_REGION_MIDDLE_EAST, DOC_REGION_FROM_REGION_LINE },
	};
	struct doc *d;
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		ok(doc_head_classify(kinds[i].line, strlen(kinds[i].line)) == kinds[i].kind,
		    "head line \"%s\" is of kind %d", kinds[i].line, kinds[i].kind);
	for (i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		d = test_doc_str(titles[i].text);
		ok(strcmp(d->title, titles[i].title) == 0 && (int)d->title_from == titles[i].from,
		    "title \"%s\" from %d (got \"%s\" from %d)", titles[i].title, titles[i].from,
		    d->title, (int)d->title_from);
		doc_free(d);
	}
	for (i = 0; i < sizeof regions / sizeof regions[0]; i++) {
		d = test_doc_str(regions[i].text);
		ok(d->region == regions[i].region && (int)d->region_from == regions[i].from,
		    "region of \"%.24s…\" is %s from %d (got %s from %d)", regions[i].text,
		    doc_region_name(regions[i].region), regions[i].from,
		    doc_region_name(d->region), (int)d->region_from);
		doc_free(d);
	}

	d = test_doc_str("外務省 English リンクページ よくある質問集 検索 サイトマップ\n"
	    "トップページ 各国・地域情勢 アジア\nアジア\n世界地図\n"
	    "アジア 北米 中南米 欧州(NIS諸国を含む) 大洋州 中東 アフリカ\n\n"
	    "アジア欧州会合外相会合\n(概要)\n平成14年6月7日\n\n1.日程\n\n 本文。\n");
	ok(strcmp(d->title, "アジア欧州会合外相会合(概要)") == 0 && d->date.year == 2002 &&
	    d->region == DOC_REGION_ASIA && d->nmenus == 2 && d->ncaptions == 0 &&
	    d->blocks[0].kind == DOC_BLOCK_MENU && d->blocks[1].kind == DOC_BLOCK_MENU &&
	    d->blocks[2].kind == DOC_BLOCK_TITLE && d->nsections == 1,
	    "site menus, breadcrumb, region line, map, a title in two lines");
	doc_free(d);

	d = test_doc_str("トップページ 会談・訪問 要人往来\n要人往来\n要人来日日程\n\n 本文です。\n");
	ok(strcmp(d->title, "要人来日日程") == 0 && d->nmenus == 2,
	    "undated: a section name repeating the breadcrumb is not the title");
	doc_free(d);

	d = test_doc_str("ブラジル\n\n題\n\n平成26年8月1日\n\n 本文。\n\n  • 画像1\n    歓迎式典\n"
	    "  • 画像2\n    署名式\n\n 続き。\n");
	ok(d->ncaptions == 4 && d->nimages == 2 && d->blocks[d->nblocks - 1].kind ==
	    DOC_BLOCK_PARAGRAPH && d->blocks[d->nblocks - 2].kind == DOC_BLOCK_CAPTION,
	    "a gallery: its bullets and their caption lines are captions, the text after is not");
	doc_free(d);

	d = test_doc_str("欧州\n\n日仏外相会談\n\n平成30年1月26日\n\n 1月26日、外相との間で\n"
	    "日仏外相会談が行われました。概要\nは以下のとおり。\n");
	ok(d->ncaptions == 0 && d->nblocks == 5,
	    "short lines running into the lead are hard-wrapped text, not captions");
	doc_free(d);

	d = test_doc_str("題\n平成21年9月23日\n短い行\n");
	ok(d->ncaptions == 0 && d->blocks[2].kind == DOC_BLOCK_PARAGRAPH,
	    "off the site, a short line under the date is text, not a caption");
	doc_free(d);
}

/* Small records built in the test: no metadata, empty text, trailers, stdin naming. */
static void
test_small(void)
{
	struct doc *d;
	char *cause = NULL;

	d = test_doc_str("");
	ok(d != NULL && d->nblocks == 0 && d->nsections == 0 && strcmp(d->title, "") == 0 &&
	    d->title_block == (size_t)-1 && d->region == DOC_REGION_NONE,
	    "an empty text is a record with no blocks and an empty title");
	is_str(d->path, "(stdin)", "standard input is called (stdin)");
	doc_free(d);

	d = test_doc_str("ただのメモ\n本文の一行目。\n");
	ok(d->nblocks == 2 && strcmp(d->title, "ただのメモ") == 0 && d->date.year == 0 &&
	    d->date_text == NULL && d->region == DOC_REGION_NONE,
	    "plain text: the first line is the title, no date, no region");
	doc_free(d);

	d = test_doc_str("\n\n  件名  \n\n本文\n");
	is_str(d->title, "件名", "the title is trimmed");
	ok(d->blocks[0].blank_before == 0 && d->blocks[1].blank_before == 1,
	    "blank_before marks blank lines before a block, never before the first");
	doc_free(d);

	d = test_doc_str("件名\n本文\n平成21年9月23日\n");
	ok(d->date.year == 0 && d->blocks[2].kind == DOC_BLOCK_PARAGRAPH,
	    "a date is only taken from the line right after the title");
	doc_free(d);

	d = test_doc_str("件名\n本文。\nトップへ戻る\n\n本文の続き。\nINDEXへ戻る");
	ok(d->nblocks == 4 && d->blocks[2].len == strlen("トップへ戻る"),
	    "a へ戻る line inside the body stays, a trailing one without LF goes");
	doc_free(d);

	d = test_doc_str("・覚え書き\n");
	ok(d->nblocks == 1 && d->blocks[0].kind == DOC_BLOCK_TITLE &&
	    d->blocks[0].marker_len == 3, "a title that starts with a marker still hangs under it");
	doc_free(d);

	d = test_doc_str("INDEXへ戻る\n");
	ok(d->nblocks == 0 && strcmp(d->title, "") == 0, "a record of navigation only is empty");
	doc_free(d);

	d = test_doc_str("アジア\n世界地図 アジア | 北米\n");
	ok(d->nblocks == 0 && d->region == DOC_REGION_ASIA, "chrome without a body");
	doc_free(d);

	d = test_doc_str("欧州(NIS諸国を含む)\nロシア連邦\n世界地図 アジア | 北米\n題\n");
	ok(d->nblocks == 1 && d->region == DOC_REGION_EUROPE && d->country != NULL &&
	    strcmp(d->country, "ロシア連邦") == 0, "a region line and then a country line");
	doc_free(d);

	d = test_doc_str("アジア\nロシア連邦\n題\n");
	ok(d->nblocks == 2 && d->country == NULL && strcmp(d->title, "題") == 0 &&
	    d->blocks[0].kind == DOC_BLOCK_MENU && d->nmenus == 1,
	    "a country of another region after the region line is set aside as furniture");
	doc_free(d);

	d = test_doc_str("題\n1.総論\n2.各論\n3.その他\n");
	ok(d->nsections == 3 && !d->sections[0].is_heading && !d->sections[1].is_heading &&
	    !d->sections[2].is_heading && d->blocks[1].kind == DOC_BLOCK_NUMBERED,
	    "short numbered lines in a row are items, not headings");
	doc_free(d);

	d = test_doc_str("題\n本文。\n1.総論\n");
	ok(d->nsections == 1 && !d->sections[0].is_heading,
	    "a numbered line with no text after it is an item");
	doc_free(d);

	d = test_doc_str("# 題\n\n## 一\n### 二\n#### 三\n## 四\n本文\n");
	ok(d->nsections == 4 && d->sections[0].depth == 0 && d->sections[1].depth == 1 &&
	    d->sections[2].depth == 2 && d->sections[3].depth == 0 &&
	    d->sections[2].parent == 1 && d->blocks[0].skip == 2 &&
	    strcmp(d->title, "題") == 0, "Markdown headings nest by their number of #");
	doc_free(d);

	d = doc_create("/nonexistent/kiroku-test.txt", NULL, &cause);
	ok(d == NULL && cause != NULL, "a missing file is an error with a cause (%s)",
	    cause != NULL ? cause : "none");
	free(cause);
	doc_free(d);
}

/* Return NULL if a and b are the same record (text, flags, metadata, every block and
 * entry), else what differs. */
static const char *
test_doc_diff(const struct doc *a, const struct doc *b)
{
	size_t i;

	if (a->text.len != b->text.len ||
	    (a->text.len > 0 && memcmp(a->text.buf, b->text.buf, a->text.len) != 0))
		return "text";
	if (a->text.flags != b->text.flags || strcmp(a->text.encoding, b->text.encoding) != 0)
		return "flags or encoding";
	if (a->region != b->region || a->title_block != b->title_block ||
	    strcmp(a->title, b->title) != 0 || memcmp(&a->date, &b->date, sizeof a->date) != 0 ||
	    (a->country == NULL) != (b->country == NULL) ||
	    (a->country != NULL && strcmp(a->country, b->country) != 0) ||
	    (a->date_text == NULL) != (b->date_text == NULL) ||
	    (a->date_text != NULL && strcmp(a->date_text, b->date_text) != 0))
		return "metadata";
	if (a->nblocks != b->nblocks || (a->nblocks > 0 &&
	    memcmp(a->blocks, b->blocks, a->nblocks * sizeof *a->blocks) != 0))
		return "blocks";
	if (a->nsections != b->nsections)
		return "number of sections";
	for (i = 0; i < a->nsections; i++) {
		if (a->sections[i].block != b->sections[i].block ||
		    a->sections[i].level != b->sections[i].level ||
		    a->sections[i].is_heading != b->sections[i].is_heading ||
		    a->sections[i].num_len != b->sections[i].num_len ||
		    a->sections[i].depth != b->sections[i].depth ||
		    a->sections[i].parent != b->sections[i].parent)
			return "sections";
	}
	return NULL;
}

/* Load bytes in steps (a first chunk of first bytes, then budget bytes a step) and compare
 * with want, the record loaded at once: at every step the blocks and entries published are
 * want's, never withdrawn or changed (an entry's depth and parent only with
 * outline_changes), and at the end all is the same. */
static void
test_doc_steps(const char *what, const char *bytes, size_t len, size_t first, size_t budget,
    const struct doc *want)
{
	struct input_text t;
	struct doc *d;
	struct doc_section *prev = NULL;
	const char *diff;
	char *cause = NULL;
	size_t i, nprev = 0, steps = 0, bad = 0;
	unsigned changes = 0;
	int more = 1;

	if (input_text_start_bytes(&t, bytes, len, NULL, first, &cause) != 0) {
		ok(0, "%s: starts (%s)", what, cause);
		free(cause);
		return;
	}
	d = doc_open_text("x", &t);
	prev = xreallocarray(NULL, want->nsections + 1, sizeof *prev);
	while (more) {
		steps++;
		if (d->nblocks > want->nblocks || d->nsections > want->nsections ||
		    d->nsections < nprev || (d->nblocks > 0 && memcmp(d->blocks,
		    want->blocks, d->nblocks * sizeof *d->blocks) != 0))
			bad++;
		for (i = 0; i < d->nsections && i < want->nsections; i++) {
			if (d->sections[i].block != want->sections[i].block ||
			    d->sections[i].level != want->sections[i].level ||
			    d->sections[i].is_heading != want->sections[i].is_heading ||
			    d->sections[i].num_len != want->sections[i].num_len)
				bad++;
			if (i < nprev && changes == d->outline_changes &&
			    (d->sections[i].depth != prev[i].depth ||
			    d->sections[i].parent != prev[i].parent))
				bad++;
		}
		nprev = d->nsections < want->nsections ? d->nsections : want->nsections;
		if (nprev > 0)
			memcpy(prev, d->sections, nprev * sizeof *prev);
		changes = d->outline_changes;
		more = doc_load_more(d, budget);
	}
	diff = test_doc_diff(d, want);
	ok(bad == 0 && diff == NULL && d->complete && d->parse == NULL,
	    "%s, a first chunk of %zu then steps of %zu (%zu steps): what is published never "
	    "changes, and all is as loaded at once (%s)", what, first, budget, steps,
	    diff != NULL ? diff : bad != 0 ? "a published block or entry changed" : "same");
	free(prev);
	doc_free(d);
}

/* Records loaded in steps as small as one byte: every record of tests/data/doc, the sample
 * in every encoding, with CRLF, with a late invalid byte, three times over (trailers and
 * back links in the middle); a numbered block waits for its kind; held-back links. */
static void
test_incremental(void)
{
	static const char *records[] = {
		"asia-deep", "russia-country", "northamerica-showa", "oceania-heisei",
		"markdown", "plain"
	};
	static const char *encodings[] = { "CP932", "EUC-JP", "ISO-2022-JP" };
	static const size_t budgets[] = { 1, 7, 4096 };
	struct input_text t;
	struct doc *want, *d;
	char *bytes, *sample, *conv, *path, *cause = NULL, what[128];
	size_t len, slen, i, j, k, n, line2, line3;
	int seen, good;

	sample = tap_read_file(TEST_SAMPLE, &slen);
	for (i = 0; i < sizeof records / sizeof records[0] + 7; i++) {
		conv = NULL;
		if (i < sizeof records / sizeof records[0]) {
			path = xasprintf("tests/data/doc/%s.txt", records[i]);
			bytes = tap_read_file(path, &len);
			free(path);
			snprintf(what, sizeof what, "%s", records[i]);
			n = (size_t)-1;
		} else if ((n = i - sizeof records / sizeof records[0]) < 3) {
			bytes = xstrndup(sample, slen);
			for (j = 0; j + 3 <= slen; j++) {
				if (memcmp(bytes + j, "•", 3) == 0)
					memcpy(bytes + j, "・", 3);
			}
			conv = test_iconv(bytes, slen, encodings[n], &len);
			free(bytes);
			bytes = conv;
			snprintf(what, sizeof what, "the sample in %s", encodings[n]);
		} else if (n == 3) {
			bytes = xmalloc(2 * slen + 3);
			memcpy(bytes, "\357\273\277", 3);
			for (j = 0, len = 3; j < slen; j++) {
				if (sample[j] == '\n')
					bytes[len++] = '\r';
				bytes[len++] = sample[j];
			}
			snprintf(what, sizeof what, "the sample with a BOM and CRLF");
		} else if (n == 4) {
			bytes = xmalloc(slen + 1);
			memcpy(bytes, sample, 5000);
			bytes[5000] = '\377';
			memcpy(bytes + 5001, sample + 5000, slen - 5000);
			len = slen + 1;
			snprintf(what, sizeof what, "the sample with an invalid byte at 5000");
		} else if (n == 5) {
			bytes = xmalloc(3 * slen);
			for (j = 0; j < 3; j++)
				memcpy(bytes + j * slen, sample, slen);
			len = 3 * slen;
			snprintf(what, sizeof what, "the sample three times");
		} else {
			bytes = xasprintf("%s", "題\n\n【ポイント】\n1.この項目は長い文で、句点で終わる。\n"
			    "（１）細目。\n2.総論\n本文。\nトップへ戻る\n\nINDEXへ戻る\n本文。\n"
			    "INDEXへ戻る\n\n");
			len = strlen(bytes);
			snprintf(what, sizeof what, "a 【…】 before the outermost heading");
		}
		if (bytes == NULL || input_text_from_bytes(&t, bytes, len, NULL, &cause) != 0) {
			ok(0, "%s: read (%s)", what, cause != NULL ? cause : "none");
			free(cause);
			cause = NULL;
			free(bytes);
			continue;
		}
		want = doc_create_from_text("x", &t);
		for (k = 0; k < sizeof budgets / sizeof budgets[0]; k++)
			test_doc_steps(what, bytes, len, budgets[k], budgets[k], want);
		test_doc_steps(what, bytes, len, 4096, 1, want);
		if (n == 6) {
			ok(want->nsections == 4 && want->sections[1].depth == 0 &&
			    want->nblocks == 9 && want->outline_changes > 0,
			    "a numbered heading after a 【…】 re-nests the entries before it");
		}
		doc_free(want);
		free(bytes);
	}
	free(sample);

	/* A numbered line is not published until the next block says what it is. */
	bytes = xstrdup("題\n1.総論\n本文。\n");
	line2 = strlen("題\n1.総論\n");
	line3 = strlen(bytes);
	seen = 0;
	good = 1;
	if (input_text_start_bytes(&t, bytes, line3, NULL, 1, &cause) == 0) {
		d = doc_open_text("x", &t);
		do {
			if (d->text.len >= line2 && d->text.len < line3) {
				seen = 1;
				good &= d->nblocks == 1 && d->nsections == 0;
			}
		} while (doc_load_more(d, 1));
		ok(seen && good && d->nblocks == 3 && d->nsections == 1 &&
		    d->sections[0].is_heading && d->blocks[1].kind == DOC_BLOCK_HEADING,
		    "a numbered line waits unpublished until the next block makes it a heading");
		doc_free(d);
	}
	free(bytes);

	/* Links back in the middle are held, then published; at the end they go.  (Without
	 * reflow, which holds a record's first lines until it knows whether they were
	 * hard-wrapped: its publishing is tested with it below.) */
	doc_reflow_set(0);
	bytes = xstrdup("件名\n本文。\nトップへ戻る\n\n本文の続き。\nINDEXへ戻る");
	line2 = strlen("件名\n本文。\nトップへ戻る\n\n");
	line3 = strlen("件名\n本文。\nトップへ戻る\n\n本文の続き。\n");
	seen = 0;
	good = 1;
	if (input_text_start_bytes(&t, bytes, strlen(bytes), NULL, 1, &cause) == 0) {
		d = doc_open_text("x", &t);
		do {
			if (d->text.len >= line2 && d->text.len < line3) {
				seen = 1;
				good &= d->nblocks == 2;
			}
			if (d->text.len == strlen(bytes) && !d->complete)
				good &= d->nblocks == 4;
		} while (doc_load_more(d, 1));
		ok(seen && good && d->nblocks == 4 && d->blocks[2].len == strlen("トップへ戻る"),
		    "a link back in the middle is held until text follows, the trailing one goes");
		doc_free(d);
	}
	doc_reflow_set(1);
	free(bytes);

	/* A record bigger than the first chunk opens before it is all read. */
	bytes = tap_read_file(TEST_SAMPLE, &slen);
	conv = xmalloc(slen * 400);
	for (j = 0; j < 400; j++)
		memcpy(conv + j * slen, bytes, slen);
	path = xstrdup("/tmp/kiroku-test-doc.XXXXXX");
	i = (size_t)mkstemp(path);
	good = (int)i >= 0 && write((int)i, conv, slen * 400) == (ssize_t)(slen * 400);
	close((int)i);
	d = doc_open(path, NULL, &cause);
	want = doc_create(path, NULL, &cause);
	ok(good && d != NULL && want != NULL && !d->complete && !d->text.complete &&
	    d->nblocks > 10 && d->text.len <= INPUT_CHUNK_LEN && d->load_error == NULL,
	    "doc_open of a %zu-byte file returns with its first chunk parsed", slen * 400);
	while (d != NULL && doc_load_more(d, 65536))
		;
	ok(d != NULL && want != NULL && test_doc_diff(d, want) == NULL,
	    "loaded in steps, it is the record doc_create reads");
	doc_free(d);
	doc_free(want);
	unlink(path);
	free(path);
	free(conv);
	free(bytes);

	is_int(sizeof(struct doc_block), 16, "a block takes 16 bytes");
	is_int(sizeof(struct doc_section), 16, "an outline entry takes 16 bytes");
}

/* Return the shown text of block i of d (soft breaks as they read), allocated. */
static char *
test_block_shown(const struct doc *d, size_t i)
{
	const struct doc_block *b = &d->blocks[i];
	char *out = xmalloc(b->len + 1);
	size_t n;

	n = doc_reflow_copy(d->text.buf, b->off + b->skip, b->len - b->skip, out);
	out[n] = '\0';
	return out;
}

/* Compare the record folded at some width (path) with the original: the same blocks of the
 * same kinds, showing the same text, the same outline and metadata; count those joined. */
static void
test_reflow_same(const struct doc *want, const char *path, size_t min_joined)
{
	struct doc *d;
	char *a, *b;
	size_t i, bad = 0, joined = 0;

	if ((d = test_open(path)) == NULL)
		return;
	is_int(d->nblocks, want->nblocks, "%s: as many blocks as the original", path);
	for (i = 0; i < d->nblocks && i < want->nblocks; i++) {
		a = test_block_shown(d, i);
		b = test_block_shown(want, i);
		if (d->blocks[i].kind != want->blocks[i].kind ||
		    d->blocks[i].marker_len != want->blocks[i].marker_len ||
		    d->blocks[i].skip != want->blocks[i].skip ||
		    d->blocks[i].blank_before != want->blocks[i].blank_before ||
		    d->blocks[i].section != want->blocks[i].section || strcmp(a, b) != 0) {
			if (bad++ == 0)
				tap_diag("block %zu: \"%s\" for \"%s\"", i, a, b);
		}
		joined += d->blocks[i].joined;
		free(a);
		free(b);
	}
	is_int(bad, 0, "%s: every block has the original's kind, marker and text", path);
	ok(joined >= min_joined, "%s: %zu blocks joined from folded lines (at least %zu)", path,
	    joined, min_joined);
	ok(strcmp(d->title, want->title) == 0 && d->region == want->region &&
	    d->date.year == want->date.year && d->date.month == want->date.month &&
	    d->date.day == want->date.day, "%s: title, region and date as the original", path);
	is_int(d->nsections, want->nsections, "%s: as many outline entries", path);
	for (i = 0, bad = 0; i < d->nsections && i < want->nsections; i++) {
		if (d->sections[i].block != want->sections[i].block ||
		    d->sections[i].level != want->sections[i].level ||
		    d->sections[i].is_heading != want->sections[i].is_heading ||
		    d->sections[i].depth != want->sections[i].depth ||
		    d->sections[i].parent != want->sections[i].parent)
			bad++;
	}
	is_int(bad, 0, "%s: the same outline", path);
	doc_free(d);
}

/* Return the number of blocks of d that are joined. */
static size_t
test_joined(const struct doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nblocks; i++)
		n += d->blocks[i].joined;
	return n;
}

/* Hard-wrapped text: folded copies of the sample and of a record with English read as the
 * originals; short lines, sentences of one width, tables and list items stay lines;
 * loading in steps gives the same record; --no-reflow keeps every line. */
static void
test_reflow(void)
{
	static const char *folded[] = {
		"tests/data/reflow/sample-35.txt", "tests/data/reflow/sample-80.txt",
		"tests/data/reflow/mixed-35.txt", "tests/data/reflow/mixed-80.txt"
	};
	static const size_t budgets[] = { 1, 7, 4096 };
	struct input_text t;
	struct doc *orig, *mixed, *d, *want;
	char *bytes, *shown, *cause = NULL;
	size_t i, k, len;

	if ((orig = test_open(TEST_SAMPLE)) == NULL ||
	    (mixed = test_open("tests/data/reflow/mixed.txt")) == NULL)
		return;
	is_int(test_joined(orig), 0, "the sample is not hard-wrapped: nothing joined");
	test_reflow_same(orig, folded[0], 15);
	test_reflow_same(orig, folded[1], 10);
	test_reflow_same(mixed, folded[2], 5);
	test_reflow_same(mixed, folded[3], 4);

	/* The English paragraph comes back with one space between its words. */
	d = test_open(folded[2]);
	for (i = 0; d != NULL && i < d->nblocks; i++) {
		shown = test_block_shown(d, i);
		if (strncmp(shown, "(2)The two sides", 16) == 0)
			ok(strstr(shown, "that a joint statement, titled \"Partnership for") !=
			    NULL && d->blocks[i].joined,
			    "Latin words folded apart are joined with one space (%s)", shown);
		free(shown);
	}
	doc_free(d);

	/* Loaded in steps, a folded record is the record read at once. */
	for (i = 0; i < sizeof folded / sizeof folded[0]; i++) {
		bytes = tap_read_file(folded[i], &len);
		if (input_text_from_bytes(&t, bytes, len, NULL, &cause) != 0) {
			ok(0, "%s: read (%s)", folded[i], cause);
			free(cause);
			free(bytes);
			continue;
		}
		want = doc_create_from_text("x", &t);
		for (k = 0; k < sizeof budgets / sizeof budgets[0]; k++)
			test_doc_steps(folded[i], bytes, len, budgets[k], budgets[k], want);
		doc_free(want);
		free(bytes);
	}

	/* Lines of one width that each end a sentence are lines, not a fold. */
	d = test_doc_str("題\n\nこれは短い文である。\nこれも短い文である。\nあれも短い文である。\n"
	    "それも短い文である。\n");
	ok(d != NULL && d->nblocks == 5 && test_joined(d) == 0,
	    "sentences of one width each on a line are not joined");
	doc_free(d);
	/* A fold at 20 columns: three lines of 20 and a short last one make one paragraph. */
	d = test_doc_str("題\n平成21年9月23日\n\n今日の会議では予算案\nについて議論し、次回\nまでに修正案を作成す\n"
	    "ることで一致した。\n短い行。\n");
	ok(d != NULL && d->nblocks == 4 && d->blocks[2].joined && !d->blocks[3].joined,
	    "a paragraph folded at 20 columns is one block; the short line after it is its own");
	doc_free(d);
	/* A fold inside a word written with ・ does not make a bullet. */
	d = test_doc_str("題\n平成21年9月23日\n\n会談の相手はメドヴェ\nージェフ大統領であり\n・ロシア側の閣僚も同\n"
	    "席した。\n");
	ok(d != NULL && d->nblocks == 3 && d->blocks[2].kind == DOC_BLOCK_PARAGRAPH,
	    "a ・ at the start of a continuation line mid-sentence is no bullet");
	doc_free(d);
	/* After a sentence's end, a list item is a list item even at full width. */
	d = test_doc_str("題\n平成21年9月23日\n\n今日の会議では予算案\nについて議論し、次回\nまでに修正案を作成す\n"
	    "ることで一致しました。\n・次回の日程を決めた。\n");
	ok(d != NULL && d->nblocks == 4 && d->blocks[3].kind == DOC_BLOCK_BULLET,
	    "a bullet after a full line that ends a sentence stays a bullet");
	doc_free(d);
	/* A table of one width is kept as it is. */
	d = test_doc_str("題\n\n品目      数量      前年比\n鉄鋼      120       増加した\n"
	    "機械      340       減少した\n化学      560       増加した\n");
	ok(d != NULL && d->nblocks == 5 && test_joined(d) == 0, "table rows are not joined");
	doc_free(d);
	/* A line that starts with 。 or a small kana only a fold made: joined at any width. */
	d = test_doc_str("題\n\n本日の会議では、次の二点を確認した\n。\n");
	ok(d != NULL && d->nblocks == 2 && d->blocks[1].joined,
	    "a line starting with 。 continues the line before it");
	doc_free(d);
	/* A paragraph indented with U+3000 starts a paragraph even after a full line. */
	d = test_doc_str("題\n平成21年9月23日\n\n今日の会議では予算案\nについて議論し、次回\nまでに修正案を作成す\n"
	    "\u3000次の段落はここから\n");
	ok(d != NULL && d->nblocks == 4 && d->blocks[2].joined && !d->blocks[3].joined,
	    "a line indented with U+3000 starts a new paragraph");
	doc_free(d);

	/* A title folded in two is one title, and the date under it is found; a lead right
	 * under a title, indented with U+3000, is not the title's. */
	d = test_doc_str("日本・太平洋島嶼国の海洋協力に関す\nる閣僚会合（概要）\n\n令和元年5月1日\n\n本文。\n");
	ok(d != NULL && strcmp(d->title, "日本・太平洋島嶼国の海洋協力に関する閣僚会合（概要）") == 0 &&
	    d->date.year == 2019 && d->blocks[0].joined,
	    "a title folded over two lines is joined (%s)", d != NULL ? d->title : "");
	doc_free(d);
	d = test_doc_str("日本・太平洋島嶼国の海洋協力に関す\n\u3000本文の段落はここから始まる。\n");
	ok(d != NULL && strcmp(d->title, "日本・太平洋島嶼国の海洋協力に関す") == 0 &&
	    d->nblocks == 2 && !d->blocks[0].joined,
	    "a paragraph right under the title is not joined to it");
	doc_free(d);

	/* --no-reflow: every line its own block. */
	doc_reflow_set(0);
	d = test_open(folded[0]);
	ok(d != NULL && test_joined(d) == 0 && d->nblocks > orig->nblocks,
	    "without reflow the folded sample keeps its lines (%zu blocks)",
	    d != NULL ? d->nblocks : 0);
	doc_free(d);
	doc_reflow_set(1);
	doc_free(orig);
	doc_free(mixed);
}

/* A line with no break opportunity far longer than a block (a word of x, as a run of NULs
 * in a sparse file) becomes blocks of at most DOC_PIECE_LEN bytes that go on from the line, whether
 * loaded at once or in steps smaller than the line. */
static void
test_long_line(void)
{
	size_t len = 5 * DOC_PIECE_LEN + 123, i, big = 0;
	char *bytes = xcalloc(1, len + 64), *p = bytes;
	struct input_text t;
	struct doc *d;
	char *cause = NULL;

	p += sprintf(p, "題名\n\n1. 見出し\n");
	memset(p, 'x', len);		/* one word of 5 pieces and some */
	p += len;
	p += sprintf(p, "\n最後\n");
	len = (size_t)(p - bytes);
	if (input_text_from_bytes(&t, bytes, len, "UTF-8", &cause) != 0) {
		ok(0, "long line: loads (%s)", cause);
		free(cause);
		free(bytes);
		return;
	}
	d = doc_create_from_text("x", &t);
	for (i = 0; i < d->nblocks; i++) {
		if (d->blocks[i].len > DOC_PIECE_LEN)
			big++;
	}
	is_int(big, 0, "long line: no block is longer than DOC_PIECE_LEN");
	is_int(d->nblocks, 3 + 6, "long line: the line is 6 blocks (title, heading, 6, last)");
	ok(d->nblocks == 9 && d->blocks[2].kind == DOC_BLOCK_PARAGRAPH &&
	    d->blocks[7].kind == DOC_BLOCK_PARAGRAPH && d->blocks[7].section ==
	    d->blocks[1].section && !d->blocks[4].blank_before,
	    "long line: its pieces are paragraphs going on in the same section");
	is_int(d->nblocks == 9 ? d->blocks[7].off + d->blocks[7].len - d->blocks[2].off : 0,
	    5 * DOC_PIECE_LEN + 123, "long line: the pieces cover the line");
	test_doc_steps("long line, steps of 10 KiB", bytes, len, 4096, 10240, d);
	test_doc_steps("long line, steps of 1 MiB", bytes, len, 100, 1 << 20, d);
	doc_free(d);
	free(bytes);
}

/* Return the kilobytes of mapped files (and of tmpfs, where TMPDIR may be) resident in this
 * process, or -1 if /proc does not say. */
static long
test_resident_file_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1, v;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "RssFile: %ld", &v) == 1 || sscanf(line, "RssShmem: %ld", &v) == 1)
			kb = (kb < 0 ? 0 : kb) + v;
	}
	fclose(f);
	return kb;
}

/* A big mapped record (the sample, then zeros to 96 MiB in a sparse file) is loaded in
 * steps without all of it becoming resident: the pages behind the parse are given back,
 * and the text still reads right after, from the top as from the end. */
static void
test_resident(void)
{
	size_t size = (size_t)96 << 20, slen, hlen, i, blocks;
	const char *tmp = getenv("TMPDIR");
	long base, kb, peak = 0;
	char *head, *bytes, *path, *cause = NULL;
	struct doc *d;
	int fd, good, zeros;

	if ((base = test_resident_file_kb()) < 0) {
		ok(1, "# SKIP resident set: /proc/self/status has no RssFile");
		return;
	}
	/* The sample made longer than the bytes the binary check looks at. */
	head = tap_read_file(TEST_SAMPLE, &hlen);
	bytes = xmalloc(hlen * 40);
	for (i = 0; i < 40; i++)
		memcpy(bytes + i * hlen, head, hlen);
	slen = hlen * 40;
	free(head);
	path = xasprintf("%s/kiroku-test-resident.XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	fd = mkstemp(path);
	good = fd >= 0 && write(fd, bytes, slen) == (ssize_t)slen && ftruncate(fd, (off_t)size) == 0;
	if (fd >= 0)
		close(fd);
	d = good ? doc_open(path, NULL, &cause) : NULL;
	ok(d != NULL && !d->complete, "resident set: a %zu MiB sparse record opens in steps%s%s",
	    size >> 20, cause != NULL ? ": " : "", cause != NULL ? cause : "");
	while (d != NULL && doc_load_more(d, (size_t)1 << 20)) {
		if ((kb = test_resident_file_kb() - base) > peak)
			peak = kb;
	}
	kb = test_resident_file_kb() - base;
	ok(d != NULL && peak < 48 * 1024, "resident set: at most 48 MiB of the %zu MiB file is "
	    "resident while it loads (%ld KiB at the most)", size >> 20, peak);
	ok(d != NULL && kb < 32 * 1024, "resident set: at most 32 MiB once loaded (%ld KiB)", kb);
	/* The pages given back read again as they were. */
	zeros = 1;
	for (i = slen; d != NULL && i < d->text.len; i += 4096 * 97)
		zeros &= d->text.buf[i] == '\0';
	blocks = 0;
	for (i = 0; d != NULL && i < d->nblocks; i++)
		blocks += d->blocks[i].off < slen;
	ok(d != NULL && d->complete && d->text.len == size && memcmp(d->text.buf, bytes, slen) == 0 &&
	    zeros && d->text.buf[size - 1] == '\0' && blocks > 10,
	    "resident set: the text given back reads the same again, its head parsed");
	doc_free(d);
	free(cause);
	if (good)
		unlink(path);
	free(path);
	free(bytes);
}

int
main(void)
{
	static const char *records[] = {
		"asia-deep", "russia-country", "northamerica-showa", "oceania-heisei",
		"markdown", "plain"
	};
	size_t i;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		tap_diag("no C.UTF-8 locale: label widths may be wrong");
	test_dates();
	test_headings();
	test_markers();
	test_regions();
	test_small();
	test_head();
	test_sample();
	for (i = 0; i < sizeof records / sizeof records[0]; i++)
		test_record(records[i]);
	test_incremental();
	test_reflow();
	test_long_line();
	test_resident();
	doc_region_free_countries();
	return tap_done();
}
