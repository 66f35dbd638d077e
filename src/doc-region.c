/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc-region.c: the seven regions of the world-map line, the country table that maps a
 * country named on a record's first line to its region (content/regions.tsv), and the lines
 * of navigation chrome (the world-map line, "…へ戻る").  The table is process-wide state,
 * loaded once by the program; without it only region names are recognised. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "nls.h"
#include "xmalloc.h"

/* Longest "…へ戻る" line taken as navigation, in code points. */
#define DOC_REGION_BACK_MAX_CPS	40

/* The region names as the world-map line writes them, in its order. */
static const char *doc_region_names[DOC_REGION_COUNT] = {
	"アジア", "北米", "中南米", "欧州(NIS諸国を含む)", "大洋州", "中東", "アフリカ", "その他"
};

/* One row of the country table. */
struct doc_region_country {
	char		*name;		/* as written in the table */
	size_t		 len;		/* bytes of name */
	enum doc_region	 region;
};

/* The loaded country table (owned here), in file order. */
static struct doc_region_country *doc_region_countries;
static size_t doc_region_ncountries;

/* Return the display name of region r ("その他" for DOC_REGION_NONE). */
const char *
doc_region_name(enum doc_region r)
{
	if ((int)r < 0 || r >= DOC_REGION_COUNT)
		r = DOC_REGION_NONE;
	return doc_region_names[r];
}

/* Return the region s names exactly (spaces around it ignored; 欧州 with full-width
 * parentheses or alone also counts), or DOC_REGION_NONE. */
enum doc_region
doc_region_from_name(const char *s, size_t len)
{
	int r;

	s = doc_trim(s, &len);
	for (r = 0; r < DOC_REGION_NONE; r++) {
		if (strlen(doc_region_names[r]) == len && memcmp(s, doc_region_names[r], len) == 0)
			return r;
	}
	if ((len == strlen("欧州（NIS諸国を含む）") &&
	    memcmp(s, "欧州（NIS諸国を含む）", len) == 0) ||
	    (len == strlen("欧州") && memcmp(s, "欧州", len) == 0))
		return DOC_REGION_EUROPE;
	return DOC_REGION_NONE;
}

/* Forget the country table. */
void
doc_region_free_countries(void)
{
	size_t i;

	for (i = 0; i < doc_region_ncountries; i++)
		free(doc_region_countries[i].name);
	free(doc_region_countries);
	doc_region_countries = NULL;
	doc_region_ncountries = 0;
}

/* Load the country table at path: lines "country<TAB>region", # comments and blank lines
 * ignored.  Returns 0, or -1 with *cause set (allocated) and no table loaded. */
int
doc_region_load_countries(const char *path, char **cause)
{
	FILE *f;
	char *line = NULL, *tab;
	size_t cap = 0, alloc = 0, lineno = 0, len;
	ssize_t got;
	enum doc_region r;

	doc_region_free_countries();
	if ((f = fopen(path, "r")) == NULL) {
		*cause = xstrdup(strerror(errno));
		return -1;
	}
	while ((got = getline(&line, &cap, f)) != -1) {
		lineno++;
		len = (size_t)got;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		line[len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if ((tab = memchr(line, '\t', len)) == NULL || tab == line) {
			*cause = xasprintf(_("line %zu: not \"country<TAB>region\""), lineno);
			goto fail;
		}
		r = doc_region_from_name(tab + 1, len - (size_t)(tab + 1 - line));
		if (r == DOC_REGION_NONE) {
			*cause = xasprintf(_("line %zu: unknown region \"%s\""), lineno, tab + 1);
			goto fail;
		}
		if (doc_region_ncountries == alloc) {
			alloc = alloc == 0 ? 256 : alloc * 2;
			doc_region_countries = xreallocarray(doc_region_countries, alloc,
			    sizeof *doc_region_countries);
		}
		doc_region_countries[doc_region_ncountries].name = xstrndup(line,
		    (size_t)(tab - line));
		doc_region_countries[doc_region_ncountries].len = (size_t)(tab - line);
		doc_region_countries[doc_region_ncountries].region = r;
		doc_region_ncountries++;
	}
	if (ferror(f)) {
		*cause = xstrdup(strerror(errno));
		goto fail;
	}
	free(line);
	fclose(f);
	return 0;

fail:
	free(line);
	fclose(f);
	doc_region_free_countries();
	return -1;
}

/* Return the region of the country s names exactly (spaces around it ignored), or
 * DOC_REGION_NONE if it is not in the table. */
enum doc_region
doc_region_from_country(const char *s, size_t len)
{
	size_t i;

	s = doc_trim(s, &len);
	for (i = 0; i < doc_region_ncountries; i++) {
		if (doc_region_countries[i].len == len &&
		    memcmp(doc_region_countries[i].name, s, len) == 0)
			return doc_region_countries[i].region;
	}
	return DOC_REGION_NONE;
}

/* Return how many region names s holds, separated by spaces, U+3000, | or ｜, or -1 if
 * anything else stands between the separators; *bars counts the bars. */
int
doc_region_names_count(const char *s, size_t len, size_t *bars)
{
	size_t off = 0, start, n;
	uint32_t cp;
	int names = 0;

	*bars = 0;
	while (off < len) {
		/* skip separators, then take one name up to the next separator */
		cp = doc_utf8_next(s + off, len - off, &n);
		if (doc_cp_is_space(cp) || cp == '|' || cp == 0xff5c) {
			*bars += cp == '|' || cp == 0xff5c;
			off += n;
			continue;
		}
		start = off;
		while (off < len) {
			cp = doc_utf8_next(s + off, len - off, &n);
			if (doc_cp_is_space(cp) || cp == '|' || cp == 0xff5c)
				break;
			off += n;
		}
		if (doc_region_from_name(s + start, off - start) == DOC_REGION_NONE)
			return -1;
		names++;
	}
	return names;
}

/* Return 1 if s is the world-map line: 世界地図 and then only region names, separated by
 * spaces, U+3000, | or ｜ (at least two of them). */
int
doc_region_is_world_map(const char *s, size_t len)
{
	size_t bars;

	s = doc_trim(s, &len);
	if (len < 12 || memcmp(s, "世界地図", 12) != 0)
		return 0;
	return doc_region_names_count(s + 12, len - 12, &bars) >= 2;
}

/* Return 1 if s is a page-navigation line such as このページのトップへ戻る, INDEXへ戻る or
 * ロシア連邦へ戻る: short, one line, ending in へ戻る. */
int
doc_region_is_back_link(const char *s, size_t len)
{
	size_t off, n, cps = 0;

	s = doc_trim(s, &len);
	if (len < 9 || memcmp(s + len - 9, "へ戻る", 9) != 0)
		return 0;
	for (off = 0; off < len; off += n) {
		if (doc_utf8_next(s + off, len - off, &n) == 0x3002 ||
		    ++cps > DOC_REGION_BACK_MAX_CPS)
			return 0;
	}
	return 1;
}

/* Return the region of the longest country of the table that s starts with, and set
 * *name_len to its bytes; DOC_REGION_NONE if none does. */
enum doc_region
doc_region_country_prefix(const char *s, size_t len, size_t *name_len)
{
	enum doc_region r = DOC_REGION_NONE;
	size_t i;

	*name_len = 0;
	for (i = 0; i < doc_region_ncountries; i++) {
		if (doc_region_countries[i].len > *name_len && doc_region_countries[i].len <= len &&
		    memcmp(doc_region_countries[i].name, s, doc_region_countries[i].len) == 0) {
			*name_len = doc_region_countries[i].len;
			r = doc_region_countries[i].region;
		}
	}
	return r;
}

/* Set *name_len to the bytes of the shortest country of the table that s (a country name)
 * starts with and that ends where a word of s ends (イラン in イラン・イスラム共和国), 0 if
 * none does. */
void
doc_region_country_shortest(const char *s, size_t len, size_t *name_len)
{
	size_t i, n;

	*name_len = 0;
	for (i = 0; i < doc_region_ncountries; i++) {
		n = doc_region_countries[i].len;
		if (n > len || memcmp(doc_region_countries[i].name, s, n) != 0)
			continue;
		if (n < len && !(len - n >= 3 && memcmp(s + n, "・", 3) == 0) &&
		    !(len - n >= 3 && (memcmp(s + n, "連邦", 6) == 0 ||
		    memcmp(s + n, "共和国", 9) == 0 || memcmp(s + n, "王国", 6) == 0)))
			continue;
		if (*name_len == 0 || n < *name_len)
			*name_len = n;
	}
}

/* Return 1 if s[0, len) begins the name of a region (and is not all of it). */
static int
doc_region_piece(const char *s, size_t len)
{
	const char *name;
	int r;

	for (r = 0; r < DOC_REGION_NONE; r++) {
		name = doc_region_name((enum doc_region)r);
		if (len < strlen(name) && memcmp(name, s, len) == 0)
			return 1;
	}
	return 0;
}

/* Return 1 if s looks like the first line of a world-map line folded inside a region name:
 * 世界地図, two region names or more, then the first characters of one. */
int
doc_region_is_world_map_start(const char *s, size_t len)
{
	size_t off, start, n, names = 0;
	uint32_t cp;

	s = doc_trim(s, &len);
	if (len < 12 || memcmp(s, "世界地図", 12) != 0)
		return 0;
	for (off = 12; off < len; ) {
		cp = doc_utf8_next(s + off, len - off, &n);
		if (doc_cp_is_space(cp) || cp == '|' || cp == 0xff5c) {
			off += n;
			continue;
		}
		for (start = off; off < len; off += n) {
			cp = doc_utf8_next(s + off, len - off, &n);
			if (doc_cp_is_space(cp) || cp == '|' || cp == 0xff5c)
				break;
		}
		if (doc_region_from_name(s + start, off - start) != DOC_REGION_NONE)
			names++;
		else if (off < len || !doc_region_piece(s + start, off - start))
			return 0;
	}
	return names >= 2;
}
