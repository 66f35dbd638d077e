/* SPDX-License-Identifier: GPL-3.0-or-later */
/* corpus.c: generated Japanese records like the ones kiroku reads (diplomatic summaries):
 * a title, a date, 【ポイント】 bullets, numbered headings and （１） items, long paragraphs of
 * kanji, kana, katakana with ー and small kana, 「」（）, numbers, Latin words and URLs.
 * Deterministic: the same size and seed give the same bytes. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "xmalloc.h"

/* The text being built and the generator's state. */
struct bench_corpus {
	char			*buf;	/* the text */
	size_t			 len;	/* bytes used */
	size_t			 alloc;	/* bytes allocated */
	unsigned long long	 rng;	/* xorshift64 state */
};

static const char *bench_nouns[] = {
	"首脳会談", "領土問題", "平和条約", "大統領", "総理大臣", "外務大臣", "経済協力",
	"日露関係", "両国間", "国際社会", "安全保障", "気候変動", "核軍縮", "不拡散",
	"北朝鮮問題", "拉致問題", "資源エネルギー分野", "技術力", "地域", "分野", "議論",
	"交渉", "立場", "意思", "道筋", "首脳", "両首脳", "政府", "国民", "関係", "協議",
	"会議", "枠組み", "国際条約", "努力", "前進", "評価", "提案", "発言", "準備", "調整",
	"貿易投資", "人的交流", "文化交流", "防災協力", "海洋安全保障", "開発援助", "支援",
	"この問題", "双方", "今後", "次回", "本日", "前日", "同時",
};
static const char *bench_kata[] = {
	"メドヴェージェフ", "ロシア", "アジア太平洋", "エネルギー", "リーダーシップ",
	"アプローチ", "サハリン", "パートナーシップ", "インフラ", "プロジェクト", "セキュリティ",
	"ニューヨーク", "シベリア", "ウラジオストク", "テロ対策", "イニシアティブ", "メカニズム",
	"ハイレベル", "フォローアップ", "ワーキンググループ", "ビジネス", "チャンネル", "ジュネーブ",
	"ラヴロフ外務大臣", "スピーチ", "サミット", "ガス", "パイプライン", "ネットワーク",
};
static const char *bench_particles[] = {
	"は", "が", "を", "に", "で", "と", "の", "も", "から", "について", "において",
	"に関し", "を含め", "に対し", "として", "との間で", "に向けて", "のための",
};
static const char *bench_endings[] = {
	"述べた", "一致した", "確認した", "表明した", "期待する旨述べた", "発言した",
	"行うことで一致", "進めていくこととなった", "重要である", "必要がある", "意見交換を行った",
	"歓迎した", "高く評価した", "説明があった", "協力していきたい", "取り組んでいく",
	"ことを確認し合った", "ことが伺えた", "可能と思う", "強化したい",
};
static const char *bench_connectors[] = {
	"また", "これに対し", "なお", "さらに", "その上で", "一方", "同時に", "具体的には",
	"冒頭", "最後に", "これを受け",
};
static const char *bench_latin[] = {
	"APEC", "G20", "win-win", "WTO", "ASEAN+3", "UNFCCC", "COP15", "NPT", "IAEA",
	"http://www.mofa.go.jp/mofaj/area/russia/visit/0909_sk.html", "EPA/FTA", "ODA",
	"http://www.kantei.go.jp/jp/hatoyama/statement/200909/ehat_0922.html",
};
static const char *bench_bullets[] = {
	"  • ", "・", "※", "○", "  - ",
};
static const char *bench_kanji_num[] = {
	"１", "２", "３", "４", "５", "６", "７", "８", "９",
};

/* Return the next pseudo-random number (xorshift64). */
static unsigned long long
bench_rand(struct bench_corpus *c)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return (c->rng);
}

/* Return a pseudo-random number below n. */
static size_t
bench_pick(struct bench_corpus *c, size_t n)
{
	return ((size_t)(bench_rand(c) % n));
}

/* Append a string to the text. */
static void
bench_put(struct bench_corpus *c, const char *s)
{
	size_t	n = strlen(s);

	if (c->len + n + 1 > c->alloc) {
		c->alloc = (c->len + n + 1) * 2;
		c->buf = xrealloc(c->buf, c->alloc);
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
}

#define BENCH_ONE(c, a) bench_put((c), (a)[bench_pick((c), sizeof (a) / sizeof (a)[0])])

/* Append one noun phrase: a noun, sometimes katakana, Latin, a number or a quotation. */
static void
bench_phrase(struct bench_corpus *c)
{
	char	num[64];

	switch (bench_pick(c, 12)) {
	case 0:
	case 1:
		BENCH_ONE(c, bench_kata);
		break;
	case 2:
		bench_put(c, "「");
		BENCH_ONE(c, bench_nouns);
		bench_put(c, "の");
		BENCH_ONE(c, bench_nouns);
		bench_put(c, "」");
		break;
	case 3:
		if (bench_pick(c, 3) == 0) {
			BENCH_ONE(c, bench_latin);
			bench_put(c, bench_pick(c, 2) ? " " : "");
		} else
			BENCH_ONE(c, bench_latin);
		break;
	case 4:
		snprintf(num, sizeof num, "%zu年%zu月%zu日", 1990 + bench_pick(c, 30),
		    1 + bench_pick(c, 12), 1 + bench_pick(c, 28));
		bench_put(c, num);
		break;
	case 5:
		snprintf(num, sizeof num, "%zu,%03zu億円", 1 + bench_pick(c, 99),
		    bench_pick(c, 1000));
		bench_put(c, num);
		break;
	case 6:
		BENCH_ONE(c, bench_nouns);
		bench_put(c, "（");
		BENCH_ONE(c, bench_kata);
		bench_put(c, "）");
		break;
	default:
		BENCH_ONE(c, bench_nouns);
		break;
	}
}

/* Append one sentence ending in 。 (sometimes 。」 or ）). */
static void
bench_sentence(struct bench_corpus *c)
{
	size_t	i, n = 2 + bench_pick(c, 7);

	if (bench_pick(c, 3) == 0) {
		BENCH_ONE(c, bench_connectors);
		bench_put(c, "、");
	}
	for (i = 0; i < n; i++) {
		bench_phrase(c);
		BENCH_ONE(c, bench_particles);
		if (bench_pick(c, 4) == 0)
			bench_put(c, "、");
	}
	BENCH_ONE(c, bench_endings);
	switch (bench_pick(c, 10)) {
	case 0:
		bench_put(c, "。（");
		BENCH_ONE(c, bench_nouns);
		bench_put(c, "同席。）");
		break;
	case 1:
		bench_put(c, "、と述べた。");
		break;
	default:
		bench_put(c, "。");
		break;
	}
}

/* Append one paragraph of 1 to 8 sentences and its newline. */
static void
bench_paragraph(struct bench_corpus *c, size_t sentences)
{
	size_t	i;

	for (i = 0; i < sentences; i++)
		bench_sentence(c);
	bench_put(c, "\n");
}

/* Append one record: title, date, points, numbered sections with items. */
static void
bench_record(struct bench_corpus *c)
{
	char	line[128];
	size_t	i, j, nsec, nitem;

	bench_put(c, "欧州(NIS諸国を含む)\n\n");
	BENCH_ONE(c, bench_nouns);
	bench_put(c, "における");
	BENCH_ONE(c, bench_kata);
	bench_put(c, "首脳会談(概要)\n\n");
	snprintf(line, sizeof line, "平成%zu年%zu月%zu日\n\n", 1 + bench_pick(c, 30),
	    1 + bench_pick(c, 12), 1 + bench_pick(c, 28));
	bench_put(c, line);
	bench_put(c, " ");
	bench_paragraph(c, 2 + bench_pick(c, 2));
	bench_put(c, "\n【ポイント】\n\n");
	for (i = 0, nitem = 2 + bench_pick(c, 4); i < nitem; i++) {
		BENCH_ONE(c, bench_bullets);
		bench_paragraph(c, 1 + bench_pick(c, 3));
	}
	for (i = 0, nsec = 2 + bench_pick(c, 4); i < nsec; i++) {
		snprintf(line, sizeof line, "\n%zu.", i + 1);
		bench_put(c, line);
		BENCH_ONE(c, bench_nouns);
		bench_put(c, "\n\n");
		for (j = 0, nitem = 1 + bench_pick(c, 5); j < nitem; j++) {
			if (bench_pick(c, 2)) {
				snprintf(line, sizeof line, "(%zu)", j + 1);
				bench_put(c, line);
			} else {
				bench_put(c, "（");
				bench_put(c, bench_kanji_num[j % 9]);
				bench_put(c, "）");
			}
			bench_paragraph(c, 1 + bench_pick(c, 6));
			bench_put(c, "\n");
		}
	}
	bench_put(c, "このページのトップへ戻る\n\n");
}

/* Return at least bytes of generated records (whole records, NUL-terminated); *len gets
 * the length.  The caller frees it. */
char *
bench_corpus_generate(size_t bytes, unsigned long long seed, size_t *len)
{
	struct bench_corpus	c;

	c.alloc = bytes + bytes / 8 + 65536;
	c.buf = xmalloc(c.alloc);
	c.len = 0;
	c.rng = (seed + 1) * 0x9e3779b97f4a7c15ULL;
	while (c.len < bytes)
		bench_record(&c);
	c.buf[c.len] = '\0';
	*len = c.len;
	return (c.buf);
}
