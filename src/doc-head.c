/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc-head.c: the head of a record, read as a whole before its body: which of its first lines
 * are the region or country line, site menus and breadcrumbs, the title, the date and photo
 * captions; a title derived from the lead when the page has none; and the region inferred
 * from the title and the lead when no line names it.  Looks only at the lines it is given;
 * doc-parse.c turns the roles into blocks. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "xmalloc.h"

/* Short text lines before the date: past this many the head is over. */
#define DOC_HEAD_SHORTS_MAX	4
/* Caption lines after the date: past this many the head is over. */
#define DOC_HEAD_CAPTIONS_MAX	12
/* A line of more code points than this (or with 。) is a paragraph, never a title. */
#define DOC_HEAD_SHORT_CPS	60
/* Longest item of a site-menu row, in code points. */
#define DOC_HEAD_MENU_ITEM_CPS	12
/* Longest title derived from the lead's first words, in code points. */
#define DOC_HEAD_WORDS_CPS	24
/* Longest meeting name taken from the lead, in code points. */
#define DOC_HEAD_MEETING_CPS	40

/* Lone words of the site's breadcrumbs that stand where a region line would. */
static const char *doc_head_crumbs[] = {
	"国・地域", "各国・地域", "各国・地域情勢", "会談・訪問", "報道発表", "報道・広報",
	"外交政策", "トップページ", "ホーム"
};

/* First items of a breadcrumb row or of the site's top menu row. */
static const char *doc_head_menu_starts[] = {
	"トップページ", "ホーム", "HOME", "Home", "TOP", "外務省"
};

/* The words a meeting's name ends with, longest first where one ends another. */
static const char *doc_head_meetings[] = {
	"首脳会談", "外相会談", "電話会談", "首脳会議", "外相会議", "閣僚会議", "会談", "会議",
	"会合", "協議", "対話", "サミット", "フォーラム", "懇談", "シンポジウム", "セミナー",
	"式典", "委員会"
};

/* What follows a meeting's name in a lead that reports it (after a parenthesis, if any). */
static const char *doc_head_meeting_verbs[] = {
	"を行", "を実施", "を開催", "が開催", "が行われ", "の概要", "に出席", "を持", "が実施"
};

/* One-kanji short forms of countries in 日X compounds, and their regions. */
static const struct {
	const char	*kanji;
	enum doc_region	 region;
} doc_head_short_forms[] = {
	{ "米", DOC_REGION_NORTH_AMERICA }, { "加", DOC_REGION_NORTH_AMERICA },
	{ "中", DOC_REGION_ASIA }, { "韓", DOC_REGION_ASIA }, { "朝", DOC_REGION_ASIA },
	{ "印", DOC_REGION_ASIA }, { "比", DOC_REGION_ASIA }, { "越", DOC_REGION_ASIA },
	{ "泰", DOC_REGION_ASIA }, { "尼", DOC_REGION_ASIA }, { "星", DOC_REGION_ASIA },
	{ "蒙", DOC_REGION_ASIA },
	{ "露", DOC_REGION_EUROPE }, { "英", DOC_REGION_EUROPE }, { "仏", DOC_REGION_EUROPE },
	{ "独", DOC_REGION_EUROPE }, { "伊", DOC_REGION_EUROPE }, { "蘭", DOC_REGION_EUROPE },
	{ "西", DOC_REGION_EUROPE }, { "葡", DOC_REGION_EUROPE }, { "墺", DOC_REGION_EUROPE },
	{ "瑞", DOC_REGION_EUROPE }, { "白", DOC_REGION_EUROPE }, { "希", DOC_REGION_EUROPE },
	{ "豪", DOC_REGION_OCEANIA },
	{ "墨", DOC_REGION_LATIN_AMERICA }, { "伯", DOC_REGION_LATIN_AMERICA },
	{ "亜", DOC_REGION_LATIN_AMERICA }, { "智", DOC_REGION_LATIN_AMERICA },
	{ "秘", DOC_REGION_LATIN_AMERICA },
	{ "土", DOC_REGION_MIDDLE_EAST }, { "埃", DOC_REGION_MIDDLE_EAST },
	{ "EU", DOC_REGION_EUROPE }, { "ASEAN", DOC_REGION_ASIA }
};

/* Words that follow the short form in a 日X compound that names two countries (日米首脳,
 * 日中関係), so that 日中 in 訪日中 or 日中は is not taken for China. */
static const char *doc_head_relations[] = {
	"首脳", "外相", "外務", "会談", "会議", "会合", "協議", "対話", "関係", "間", "両国",
	"国交", "共同", "電話", "次官", "友好", "協力", "経済", "安保", "安全", "防衛", "戦略",
	"貿易", "投資", "政府", "議員", "首相", "外交", "交流", "閣僚", "財務", "通商", "・",
	"EPA", "FTA", "「", "議連", "局長", "年"
};

/* Characters before 日 that make it part of another word (訪日, 来日, 本日, 16日). */
static const char *doc_head_not_japan = "訪来在本毎翌同当前昨今終連平休祝離滞帰駐即先後半全祭曜元期";

/* Return 1 if s (len bytes) equals the NUL-terminated word w. */
static int
doc_head_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && memcmp(s, w, len) == 0;
}

/* Return 1 if s (len bytes) starts with the NUL-terminated word w. */
static int
doc_head_starts(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);

	return len >= n && memcmp(s, w, n) == 0;
}

/* Return the code points of s. */
static size_t
doc_head_cps(const char *s, size_t len)
{
	size_t off = 0, n, cps = 0;

	while (off < len) {
		doc_utf8_next(s + off, len - off, &n);
		off += n;
		cps++;
	}
	return cps;
}

/* Return 1 if s contains the NUL-terminated word w. */
static int
doc_head_has(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w), i;

	for (i = 0; i + n <= len; i++) {
		if (memcmp(s + i, w, n) == 0)
			return 1;
	}
	return 0;
}

/* Return 1 if cp separates the items of a menu row. */
static int
doc_head_menu_sep(uint32_t cp)
{
	return doc_cp_is_space(cp) || cp == '|' || cp == 0xff5c || cp == '>' || cp == 0xff1e ||
	    cp == 0x203a || cp == 0xbb;
}

/* Return 1 if the trimmed line s is a row of site menus or a breadcrumb: three or more short
 * items apart by spaces or bars, and either four or more of them or a first one that opens
 * the site's menus (トップページ, 外務省 …); *last is set to the last item. */
static int
doc_head_menu_row(const char *s, size_t len, const char **last, size_t *last_len)
{
	size_t off = 0, n, start, items = 0, first_len = 0, i;
	const char *first = NULL;
	uint32_t cp;
	int opens = 0;

	while (off < len) {
		cp = doc_utf8_next(s + off, len - off, &n);
		if (doc_head_menu_sep(cp)) {
			off += n;
			continue;
		}
		start = off;
		while (off < len) {
			cp = doc_utf8_next(s + off, len - off, &n);
			if (doc_head_menu_sep(cp))
				break;
			if (cp == 0x3002 || cp == 0x3001 || cp == ',' || cp == 0xff0c)
				return 0;
			off += n;
		}
		if (doc_head_cps(s + start, off - start) > DOC_HEAD_MENU_ITEM_CPS)
			return 0;
		if (items++ == 0) {
			first = s + start;
			first_len = off - start;
		}
		*last = s + start;
		*last_len = off - start;
	}
	for (i = 0; first != NULL && i < sizeof doc_head_menu_starts /
	    sizeof doc_head_menu_starts[0]; i++) {
		if (doc_head_is(first, first_len, doc_head_menu_starts[i]))
			opens = 1;
	}
	return items >= 4 || (items >= 2 && opens);
}

/* Return 1 if the trimmed line s is a row of region names, as the site's world map lists
 * them without its "世界地図" label, or the label alone, or a piece of the world-map line
 * cut by a hard wrap (a bar and one name or more: "| アフリカ"). */
static int
doc_head_region_row(const char *s, size_t len)
{
	size_t bars;
	int names;

	if (doc_head_is(s, len, "世界地図"))
		return 1;
	names = doc_region_names_count(s, len, &bars);
	return names >= 3 || (names >= 1 && bars >= 1);
}

/* Return 1 if the trimmed line s is a photo caption by its own marks: (写真)…, 【写真】…,
 * 写真：…, or a credit such as (写真提供:内閣広報室). */
int
doc_head_caption_marked(const char *s, size_t len)
{
	static const char *opens[] = {
		"(写真)", "（写真）", "【写真】", "[写真]", "［写真］", "写真：", "写真:", "〔写真〕"
	};
	size_t i;

	s = doc_trim(s, &len);
	for (i = 0; i < sizeof opens / sizeof opens[0]; i++) {
		if (doc_head_starts(s, len, opens[i]))
			return 1;
	}
	/* a credit is searched for only in a line short enough to be a caption */
	return len <= 4 * DOC_HEAD_SHORT_CPS && doc_head_has(s, len, "写真提供") &&
	    doc_head_cps(s, len) <= DOC_HEAD_SHORT_CPS;
}

/* Return 1 if the line s is the bullet of an image gallery: a bullet whose text is 画像 or
 * 写真 and a number (the caption lines follow it, indented deeper). */
int
doc_head_gallery_bullet(const char *s, size_t len)
{
	size_t marker_len, n;
	uint32_t cp;

	if (!doc_bullet_match(s, len, &marker_len))
		return 0;
	s += marker_len;
	len -= marker_len;
	s = doc_trim(s, &len);
	if (!doc_head_starts(s, len, "画像") && !doc_head_starts(s, len, "写真"))
		return 0;
	s += 6;
	len -= 6;
	if (len == 0)
		return 0;
	while (len > 0) {
		cp = doc_utf8_next(s, len, &n);
		if (!((cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19)))
			return 0;
		s += n;
		len -= n;
	}
	return 1;
}

/* Return 1 if the trimmed line s is wholly in parentheses, such as (概要) under a title. */
static int
doc_head_paren_line(const char *s, size_t len)
{
	return (doc_head_starts(s, len, "(") || doc_head_starts(s, len, "（")) &&
	    len >= 2 && (s[len - 1] == ')' ||
	    (len >= 3 && memcmp(s + len - 3, "）", 3) == 0)) &&
	    doc_head_cps(s, len) <= 16;
}

/* Classify one line of the head by itself (enum doc_head_kind). */
int
doc_head_classify(const char *s, size_t len)
{
	const char *t, *last;
	size_t tlen, last_len, i, marker_len, skip;
	enum doc_level level;
	size_t num_len;
	int hashes;

	tlen = len;
	t = doc_trim(s, &tlen);
	if (tlen == 0)
		return DOC_HEAD_BLANK;
	if (doc_region_from_name(t, tlen) != DOC_REGION_NONE ||
	    doc_region_from_country(t, tlen) != DOC_REGION_NONE)
		return DOC_HEAD_REGION;
	if (doc_region_is_world_map(t, tlen) || doc_head_region_row(t, tlen) ||
	    (doc_reflow_get() && doc_region_is_world_map_start(t, tlen)))
		return DOC_HEAD_MAP;
	if (doc_date_parse(s, len, &(struct doc_date){ 0, 0, 0 }, &i, &num_len))
		return DOC_HEAD_DATE;
	if (doc_head_caption_marked(t, tlen))
		return DOC_HEAD_CAPTION;
	if (doc_head_gallery_bullet(s, len))
		return DOC_HEAD_GALLERY;
	for (i = 0; i < sizeof doc_head_crumbs / sizeof doc_head_crumbs[0]; i++) {
		if (doc_head_is(t, tlen, doc_head_crumbs[i]))
			return DOC_HEAD_MENU;
	}
	if (doc_head_menu_row(t, tlen, &last, &last_len))
		return DOC_HEAD_MENU;
	if (doc_heading_markdown(s, len, &hashes, &skip) || doc_heading_bracket(s, len) ||
	    doc_heading_match(s, len, &level, &num_len, &marker_len) ||
	    doc_bullet_match(s, len, &marker_len))
		return DOC_HEAD_FORM;
	if (tlen > 4 * DOC_HEAD_SHORT_CPS || doc_head_cps(t, tlen) > DOC_HEAD_SHORT_CPS ||
	    doc_head_has(t, tlen, "。"))
		return DOC_HEAD_LONG;
	return DOC_HEAD_SHORT;
}

/* Start an empty head. */
void
doc_head_init(struct doc_head *h)
{
	memset(h, 0, sizeof *h);
	h->date = -1;
	h->gallery = -1;
	h->map_off = (size_t)-1;
}

/* Return 1 if the lines [from, to) of buf, joined as a fold is undone (doc_reflow_copy()),
 * still make a world-map line or its start cut inside a region name. */
static int
doc_head_map_continues(const char *buf, size_t from, size_t to)
{
	char *copy;
	size_t n;
	int yes;

	if (to - from > 4096)
		return 0;
	copy = xmalloc(to - from + 1);
	n = doc_reflow_copy(buf, from, to - from, copy);
	yes = doc_region_is_world_map(copy, n) || doc_region_is_world_map_start(copy, n);
	free(copy);
	return yes;
}

/* Add the line [off, off + len) of buf to the head; returns 1 if the head is complete with
 * it (the line that ends it, such as the lead, is the last one added).  Before the date the
 * head holds region and country lines, menus, the world map and at most a few short lines
 * (the title and section names); after it, captions and galleries, and only on a page of
 * the site (a header line seen) or with no title line. */
int
doc_head_add(struct doc_head *h, const char *buf, size_t off, size_t len)
{
	struct doc_head_line *hl = &h->line[h->n++];
	const char *s = buf + off;
	int indent = (int)doc_space_len(s, len);

	hl->off = off;
	hl->len = len;
	hl->kind = doc_head_classify(s, len);
	/* a world-map line folded over several lines (reflow on): the pieces are chrome */
	if (hl->kind == DOC_HEAD_MAP)
		h->map_off = h->map_off == (size_t)-1 ? off : h->map_off;
	else if (hl->kind != DOC_HEAD_BLANK && h->map_off != (size_t)-1 && h->n >= 2 &&
	    h->line[h->n - 2].kind == DOC_HEAD_MAP && doc_reflow_get() &&
	    doc_head_map_continues(buf, h->map_off, off + len))
		hl->kind = DOC_HEAD_MAP;
	if (hl->kind != DOC_HEAD_MAP)
		h->map_off = (size_t)-1;
	hl->in_gallery = 0;
	if (hl->kind != DOC_HEAD_BLANK && h->gallery >= 0) {
		if (hl->kind == DOC_HEAD_GALLERY || indent >= h->gallery + 2)
			hl->in_gallery = 1;
		else
			h->gallery = -1;
	}
	if (hl->kind == DOC_HEAD_GALLERY)
		h->gallery = indent;
	if (h->n == DOC_HEAD_MAX)
		return 1;
	if (hl->kind == DOC_HEAD_BLANK || hl->kind == DOC_HEAD_CAPTION ||
	    hl->kind == DOC_HEAD_GALLERY || hl->in_gallery || hl->kind == DOC_HEAD_MAP)
		return 0;
	if (h->date < 0) {
		switch (hl->kind) {
		case DOC_HEAD_REGION:
		case DOC_HEAD_MENU:
			if (h->shorts == 0)
				h->header = 1;
			return 0;
		case DOC_HEAD_DATE:
			h->date = (int)h->n - 1;
			return 0;
		case DOC_HEAD_SHORT:
			/* off the site, the date stands right under the title or nowhere */
			if (!h->header && h->shorts > 0)
				return 1;
			return ++h->shorts > DOC_HEAD_SHORTS_MAX;
		default:
			return 1;
		}
	}
	if (hl->kind == DOC_HEAD_LONG || hl->kind == DOC_HEAD_FORM)
		return 1;
	if (!h->header && h->shorts > 0)
		return 1;
	return ++h->after > DOC_HEAD_CAPTIONS_MAX;
}

/* Return 1 if line i of the head is a section name rather than the title: it repeats the
 * last item of a menu row above it. */
static int
doc_head_section_name(const struct doc_head *h, const char *buf, size_t i)
{
	const char *s = buf + h->line[i].off, *t, *last;
	size_t len = h->line[i].len, j, tlen, last_len;

	s = doc_trim(s, &len);
	for (j = 0; j < i; j++) {
		if (h->line[j].kind != DOC_HEAD_MENU)
			continue;
		tlen = h->line[j].len;
		t = doc_trim(buf + h->line[j].off, &tlen);
		if (doc_head_menu_row(t, tlen, &last, &last_len) && last_len == len &&
		    memcmp(last, s, len) == 0)
			return 1;
	}
	return 0;
}

/* Set the role of every line of the head (enum doc_head_role in roles[]); complete is 1 if
 * the last line ended the head (it is the lead or the first line of the body).  With a date,
 * the title is the first short line above it that is not a section name repeating the
 * breadcrumb (those are furniture), continued by the short lines under it; the short lines
 * under the date are captions; with no short line above the date there is no title line.
 * With no date, the title is the first line of text as before. */
void
doc_head_roles(const struct doc_head *h, const char *buf, int complete, int *roles)
{
	size_t i, end = h->n, title = (size_t)-1, first_short = (size_t)-1, last_short = 0, tl;
	const char *t;
	int kind, seen_text = 0;

	if (complete && end > 0 && h->line[end - 1].kind != DOC_HEAD_BLANK &&
	    !(h->date >= 0 && (size_t)h->date == end - 1))
		end--;
	for (i = 0; i < h->n; i++)
		roles[i] = DOC_ROLE_BODY;
	if (h->date >= 0) {
		for (i = 0; i < (size_t)h->date; i++) {
			if (h->line[i].kind == DOC_HEAD_SHORT) {
				if (first_short == (size_t)-1)
					first_short = i;
				last_short = i;
			}
		}
		/* the title: the first short line that is not a section name repeating the
		 * breadcrumb; the short lines under it down to the date continue it (a
		 * "(概要)" line, or the tail of a title folded in two) */
		for (i = first_short; first_short != (size_t)-1 && i < (size_t)h->date; i++) {
			if (h->line[i].kind == DOC_HEAD_SHORT &&
			    !(h->header && i < last_short && doc_head_section_name(h, buf, i))) {
				title = i;
				break;
			}
		}
		for (i = 0; i < h->n; i++) {
			kind = h->line[i].kind;
			if (kind == DOC_HEAD_BLANK)
				roles[i] = DOC_ROLE_BLANK;
			else if (i == (size_t)h->date)
				roles[i] = DOC_ROLE_DATE;
			else if (h->line[i].in_gallery || kind == DOC_HEAD_CAPTION ||
			    kind == DOC_HEAD_GALLERY)
				roles[i] = i < end ? DOC_ROLE_CAPTION : DOC_ROLE_BODY;
			else if (kind == DOC_HEAD_MAP)
				roles[i] = DOC_ROLE_CHROME;
			else if (i < (size_t)h->date) {
				if (kind == DOC_HEAD_REGION && (title == (size_t)-1 || i < title))
					roles[i] = DOC_ROLE_REGION;
				else if (kind == DOC_HEAD_MENU)
					roles[i] = DOC_ROLE_MENU;
				else if (title != (size_t)-1 && i >= title)
					roles[i] = DOC_ROLE_TITLE;
				else
					roles[i] = DOC_ROLE_MENU;
			} else if (i < end)
				roles[i] = DOC_ROLE_CAPTION;
		}
		/* Short lines running into the lead with no blank line between are the lead's
		 * own lines, hard-wrapped, not captions. */
		if (complete && end < h->n && h->line[end].kind == DOC_HEAD_LONG) {
			for (i = end; i-- > (size_t)h->date + 1;) {
				if (h->line[i].kind != DOC_HEAD_SHORT ||
				    roles[i] != DOC_ROLE_CAPTION)
					break;
				roles[i] = DOC_ROLE_BODY;
			}
		}
		return;
	}
	/* No date: region, country, map and menu lines until the first line of text, which is
	 * the title unless it is a section name repeating the breadcrumb with more text after
	 * it; a "(概要)" line right under the title joins it. */
	for (i = 0; i < h->n; i++) {
		kind = h->line[i].kind;
		if (kind == DOC_HEAD_BLANK) {
			roles[i] = DOC_ROLE_BLANK;
			continue;
		}
		if (h->line[i].in_gallery || kind == DOC_HEAD_CAPTION || kind == DOC_HEAD_GALLERY) {
			roles[i] = DOC_ROLE_CAPTION;
			continue;
		}
		if (kind == DOC_HEAD_MAP && !seen_text) {
			roles[i] = DOC_ROLE_CHROME;
			continue;
		}
		if (!seen_text && kind == DOC_HEAD_REGION) {
			roles[i] = DOC_ROLE_REGION;
			continue;
		}
		if (!seen_text && kind == DOC_HEAD_MENU) {
			roles[i] = DOC_ROLE_MENU;
			continue;
		}
		if (title == (size_t)-1) {
			if (kind == DOC_HEAD_SHORT && i + 1 < h->n &&
			    doc_head_section_name(h, buf, i)) {
				roles[i] = DOC_ROLE_MENU;
				continue;
			}
			title = i;
			seen_text = 1;
			roles[i] = DOC_ROLE_TITLE;
			continue;
		}
		if (i == title + 1 && kind == DOC_HEAD_SHORT) {
			tl = h->line[i].len;
			t = doc_trim(buf + h->line[i].off, &tl);
			if (doc_head_paren_line(t, tl)) {
				roles[i] = DOC_ROLE_TITLE;
				continue;
			}
		}
		break;
	}
}

/* Return the start of the meeting name that ends at s + end: back over kanji, katakana,
 * digits, Latin letters and the middle dot, at most DOC_HEAD_MEETING_CPS code points. */
static size_t
doc_head_name_start(const char *s, size_t end)
{
	size_t start = end, cps = 0, back;
	uint32_t cp;
	size_t n;

	while (start > 0 && cps < DOC_HEAD_MEETING_CPS) {
		back = start - 1;
		while (back > 0 && ((unsigned char)s[back] & 0xc0) == 0x80)
			back--;
		cp = doc_utf8_next(s + back, start - back, &n);
		if (!((cp >= 0x4e00 && cp <= 0x9fff) || cp == 0x3005 ||
		    (cp >= 0x30a1 && cp <= 0x30fc) || (cp >= '0' && cp <= '9') ||
		    (cp >= 0xff10 && cp <= 0xff19) || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 0xff21 && cp <= 0xff3a) ||
		    cp == '+' || cp == 0xff0b))
			break;
		start = back;
		cps++;
	}
	return start;
}

/* Return 1 if a report verb (を行った, の概要 …) follows s + off, after one parenthesised
 * aside if there is one. */
static int
doc_head_reported(const char *s, size_t len, size_t off)
{
	size_t i, depth = 0, n;
	uint32_t cp;

	if (off < len && (s[off] == '(' || doc_head_starts(s + off, len - off, "（"))) {
		while (off < len) {
			cp = doc_utf8_next(s + off, len - off, &n);
			off += n;
			if (cp == '(' || cp == 0xff08)
				depth++;
			else if ((cp == ')' || cp == 0xff09) && --depth == 0)
				break;
		}
	}
	for (i = 0; i < sizeof doc_head_meeting_verbs / sizeof doc_head_meeting_verbs[0]; i++) {
		if (doc_head_starts(s + off, len - off, doc_head_meeting_verbs[i]))
			return 1;
	}
	/* を約40分間行った: を, then a few words of the clause, then the verb */
	if (doc_head_starts(s + off, len - off, "を")) {
		for (i = off + 3; i < len && i < off + 3 + 45; i++) {
			if (doc_head_starts(s + i, len - i, "、") ||
			    doc_head_starts(s + i, len - i, "。"))
				break;
			if (doc_head_starts(s + i, len - i, "行っ") ||
			    doc_head_starts(s + i, len - i, "行い") ||
			    doc_head_starts(s + i, len - i, "実施"))
				return 1;
		}
	}
	return 0;
}

/* Return the meeting s names (an allocated copy), or NULL: the first meeting name followed
 * by a report verb, else (if reported is 0) the first one longer than its last word. */
static char *
doc_head_meeting(const char *s, size_t len, int reported)
{
	size_t off, i, w, start, best_start = 0, best_end = 0;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && reported)
			break;
		for (off = 0; off < len; off++) {
			for (i = 0; i < sizeof doc_head_meetings / sizeof doc_head_meetings[0];
			    i++) {
				w = strlen(doc_head_meetings[i]);
				if (!doc_head_starts(s + off, len - off, doc_head_meetings[i]))
					continue;
				start = doc_head_name_start(s, off);
				if (pass == 0 && !doc_head_reported(s, len, off + w))
					break;
				if (start == off && (pass == 1 || w < 12))
					break;
				best_start = start;
				best_end = off + w;
				goto found;
			}
		}
	}
	return NULL;
found:
	return xstrndup(s + best_start, best_end - best_start);
}

/* Return the bytes of a leading clause of s that only says when (8月29日、 or 11月15日午後8時
 * (現地時間)から30分間,), with its comma, or 0. */
static size_t
doc_head_when_len(const char *s, size_t len)
{
	static const char *when =
	    "0123456789０１２３４５６７８９年月日時分午前後本(（)）現地時間から約間の";
	size_t off = 0, n, i;
	uint32_t cp;
	int found;

	while (off < len) {
		cp = doc_utf8_next(s + off, len - off, &n);
		if (cp == 0x3001 || cp == 0xff0c || cp == ',')
			return off > 0 ? off + n : 0;
		found = 0;
		for (i = 0; when[i] != '\0' && !found; i += (unsigned char)when[i] < 0x80 ? 1 : 3)
			found = (unsigned char)when[i] < 0x80 ? (n == 1 && s[off] == when[i]) :
			    (n == 3 && memcmp(s + off, when + i, 3) == 0);
		if (!found)
			return 0;
		off += n;
	}
	return 0;
}

/* Return the lead's first words (an allocated copy): up to its first 、 or 。, at most
 * DOC_HEAD_WORDS_CPS code points (then with …). */
static char *
doc_head_words(const char *s, size_t len)
{
	size_t off = 0, n, cps = 0;
	uint32_t cp;

	s = doc_trim(s, &len);
	s += (off = doc_head_when_len(s, len));
	len -= off;
	off = 0;
	while (off < len) {
		cp = doc_utf8_next(s + off, len - off, &n);
		if (cp == 0x3001 || cp == 0x3002 || cp == 0xff0c || cp == ',' || cp == 0xff0e)
			return xstrndup(s, off);
		if (++cps > DOC_HEAD_WORDS_CPS) {
			char *r = xmalloc(off + 4);

			memcpy(r, s, off);
			memcpy(r + off, "…", 4);
			return r;
		}
		off += n;
	}
	return xstrndup(s, len);
}

/* Derive a title for a record with no title line (an allocated copy) and set *from: the
 * meeting the lead (lead_len bytes, its lines if hard-wrapped) reports, else a caption that
 * names a meeting, else the lead's first words; "" with DOC_TITLE_NONE if there is nothing
 * to take it from. */
char *
doc_head_title_derive(const struct doc_head *h, const char *buf, const int *roles,
    const char *lead, size_t lead_len, enum doc_title_from *from)
{
	const char *s;
	char *t;
	size_t i, len;

	if (lead_len > 0) {
		if ((t = doc_head_meeting(lead, lead_len, 1)) != NULL) {
			*from = DOC_TITLE_MEETING;
			return t;
		}
	}
	for (i = 0; i < h->n; i++) {
		if (roles[i] != DOC_ROLE_CAPTION)
			continue;
		len = h->line[i].len;
		s = doc_trim(buf + h->line[i].off, &len);
		if ((t = doc_head_meeting(s, len, 0)) != NULL) {
			*from = DOC_TITLE_CAPTION;
			return t;
		}
	}
	if (lead_len > 0) {
		*from = DOC_TITLE_LEAD;
		return doc_head_words(lead, lead_len);
	}
	*from = DOC_TITLE_NONE;
	return xstrdup("");
}

/* Return 1 if the 日 at s + off starts a compound naming Japan: not 訪日, 来日, 本日, 16日. */
static int
doc_head_japan_at(const char *s, size_t off)
{
	static const char *numerals = "一二三四五六七八九十〇";
	size_t back, i;

	if (off == 0)
		return 1;
	back = off - 1;
	while (back > 0 && ((unsigned char)s[back] & 0xc0) == 0x80)
		back--;
	if (off - back == 1)
		return !(s[back] >= '0' && s[back] <= '9');
	if (off - back != 3)
		return 1;
	if ((unsigned char)s[back] == 0xef && (unsigned char)s[back + 1] == 0xbc &&
	    (unsigned char)s[back + 2] >= 0x90 && (unsigned char)s[back + 2] <= 0x99)
		return 0;		/* a full-width digit */
	for (i = 0; doc_head_not_japan[i] != '\0'; i += 3) {
		if (memcmp(doc_head_not_japan + i, s + back, 3) == 0)
			return 0;
	}
	for (i = 0; numerals[i] != '\0'; i += 3) {
		if (memcmp(numerals + i, s + back, 3) == 0)
			return 0;
	}
	return 1;
}

/* Return the region of the first country the 日X or 日・X compound at s + off (just after
 * 日) names, or DOC_REGION_NONE. */
static enum doc_region
doc_head_compound(const char *s, size_t len, size_t off)
{
	enum doc_region r, r0;
	size_t i, k, n, best = 0;
	int dot = 0;

	if (doc_head_starts(s + off, len - off, "・")) {
		off += 3;
		dot = 1;
	}
	/* 日・イラン: the longest country name of the table */
	if (dot && (r = doc_region_country_prefix(s + off, len - off, &best)) != DOC_REGION_NONE)
		return r;
	for (i = 0; i < sizeof doc_head_short_forms / sizeof doc_head_short_forms[0]; i++) {
		n = strlen(doc_head_short_forms[i].kanji);
		if (!doc_head_starts(s + off, len - off, doc_head_short_forms[i].kanji))
			continue;
		r0 = doc_head_short_forms[i].region;
		if (dot)
			return r0;
		/* 日米豪印: a run of short forms, then a relation word */
		k = off + n;
		for (;;) {
			size_t j, m = 0;

			for (j = 0; j < sizeof doc_head_short_forms / sizeof doc_head_short_forms[0];
			    j++) {
				if (doc_head_starts(s + k, len - k, doc_head_short_forms[j].kanji)) {
					m = strlen(doc_head_short_forms[j].kanji);
					break;
				}
			}
			if (m == 0)
				break;
			k += m;
		}
		for (i = 0; i < sizeof doc_head_relations / sizeof doc_head_relations[0]; i++) {
			if (doc_head_starts(s + k, len - k, doc_head_relations[i]))
				return r0;
		}
		return DOC_REGION_NONE;
	}
	return DOC_REGION_NONE;
}

/* Return the region of the first 日X or 日・X compound in s, or DOC_REGION_NONE. */
static enum doc_region
doc_head_compounds(const char *s, size_t len)
{
	enum doc_region r;
	size_t off;

	for (off = 0; off + 3 < len; off++) {
		if (memcmp(s + off, "日", 3) != 0 || !doc_head_japan_at(s, off))
			continue;
		if ((r = doc_head_compound(s, len, off + 3)) != DOC_REGION_NONE)
			return r;
	}
	return DOC_REGION_NONE;
}

/* Return the region of the first country of the table named in s, or DOC_REGION_NONE.  A
 * katakana name must not run on into more katakana (マリ in マリア). */
static enum doc_region
doc_head_countries(const char *s, size_t len)
{
	enum doc_region r;
	size_t off = 0, n, best;
	uint32_t cp;

	while (off < len) {
		if ((r = doc_region_country_prefix(s + off, len - off, &best)) != DOC_REGION_NONE) {
			cp = off + best < len ? doc_utf8_next(s + off + best, len - off - best,
			    &n) : 0;
			if (!(cp >= 0x30a1 && cp <= 0x30fc && cp != 0x30fb))
				return r;
		}
		/* the next character that does not continue a katakana word */
		cp = doc_utf8_next(s + off, len - off, &n);
		off += n;
		if (cp >= 0x30a1 && cp <= 0x30fc && cp != 0x30fb) {
			while (off < len) {
				cp = doc_utf8_next(s + off, len - off, &n);
				if (!(cp >= 0x30a1 && cp <= 0x30fc && cp != 0x30fb))
					break;
				off += n;
			}
		}
	}
	return DOC_REGION_NONE;
}

/* Return len cut to at most DOC_HEAD_LEAD_MAX bytes, where a character of s starts: a
 * title or a lead is read only so far (a one-line file of 300 MB is its own title). */
static size_t
doc_head_clamp(const char *s, size_t len)
{
	if (len <= DOC_HEAD_LEAD_MAX)
		return len;
	len = DOC_HEAD_LEAD_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return len;
}

/* Infer the region of a record with no region or country line from its title and its lead:
 * the counterpart of the first 日X or 日・X compound of the title (日米 → 北米, 日・イラン →
 * 中東), else of the lead, else the first country of the table the title names, else the
 * first the lead names.  A record naming several regions so goes where its first
 * counterpart is. */
enum doc_region
doc_head_region_infer(const char *title, size_t title_len, const char *lead, size_t lead_len)
{
	enum doc_region r;

	title_len = doc_head_clamp(title, title_len);
	lead_len = doc_head_clamp(lead, lead_len);
	if ((r = doc_head_compounds(title, title_len)) != DOC_REGION_NONE)
		return r;
	if ((r = doc_head_compounds(lead, lead_len)) != DOC_REGION_NONE)
		return r;
	if ((r = doc_head_countries(title, title_len)) != DOC_REGION_NONE)
		return r;
	return doc_head_countries(lead, lead_len);
}

/* Return the title a bare meeting word (外相会談, 首脳会談) derived from a lead makes with the
 * record's country (an allocated copy): 日・ and the country's shortest name in the table
 * that starts its name (イラン for イラン・イスラム共和国), then the word; NULL if the title
 * is not a bare meeting word. */
char *
doc_head_title_with_country(const char *title, const char *country)
{
	size_t i, len = strlen(country), short_len = 0;

	for (i = 0; i < sizeof doc_head_meetings / sizeof doc_head_meetings[0]; i++) {
		if (strcmp(title, doc_head_meetings[i]) == 0)
			break;
	}
	if (i == sizeof doc_head_meetings / sizeof doc_head_meetings[0] ||
	    strlen(doc_head_meetings[i]) < 12)
		return NULL;
	doc_region_country_shortest(country, len, &short_len);
	if (short_len == 0)
		short_len = len;
	return xasprintf("日・%.*s%s", (int)short_len, country, title);
}
