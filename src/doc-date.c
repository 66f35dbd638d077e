/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc-date.c: the date line of a record: Japanese era dates (明治 大正 昭和 平成 令和, 元年,
 * half- or full-width or kanji numerals) and Gregorian 2019年6月12日, checked against the
 * calendar and against each era's span, and written as YYYY-MM-DD.  Looks at one line only. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "doc.h"

/* One era: its name and the first and last day it was in use (inclusive). */
struct doc_date_era {
	const char	*name;
	int		 first[3];	/* year, month, day */
	int		 last[3];	/* year, month, day */
};

/* The eras since the calendar reform.  明治 starts on 1 January 1868 because 明治元年 was
 * declared retroactively; dates before 明治6年 were lunar, see XXX in doc_date_parse. */
static const struct doc_date_era doc_date_eras[] = {
	{ "明治", { 1868, 1, 1 }, { 1912, 7, 30 } },
	{ "大正", { 1912, 7, 30 }, { 1926, 12, 25 } },
	{ "昭和", { 1926, 12, 25 }, { 1989, 1, 7 } },
	{ "平成", { 1989, 1, 8 }, { 2019, 4, 30 } },
	{ "令和", { 2019, 5, 1 }, { 9999, 12, 31 } },
};

/* Return 1 if y is a Gregorian leap year. */
static int
doc_date_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Return 1 if year-month-day exists in the Gregorian calendar (years 1 to 9999). */
int
doc_date_valid(int year, int month, int day)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int n;

	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return 0;
	n = mdays[month - 1];
	if (month == 2 && doc_date_leap(year))
		n = 29;
	return day <= n;
}

/* Write date as YYYY-MM-DD into buf, or "" if it is no date (year 0). */
void
doc_date_iso(const struct doc_date *date, char buf[11])
{
	int y = date->year, m = date->month, d = date->day, i;

	if (!doc_date_valid(y, m, d)) {
		buf[0] = '\0';
		return;
	}
	for (i = 3; i >= 0; i--, y /= 10)
		buf[i] = '0' + y % 10;
	buf[4] = '-';
	buf[5] = '0' + m / 10;
	buf[6] = '0' + m % 10;
	buf[7] = '-';
	buf[8] = '0' + d / 10;
	buf[9] = '0' + d % 10;
	buf[10] = '\0';
}

/* Compare two dates given as year, month, day; returns <0, 0 or >0. */
static int
doc_date_cmp(int y1, int m1, int d1, const int b[3])
{
	if (y1 != b[0])
		return y1 - b[0];
	if (m1 != b[1])
		return m1 - b[1];
	return d1 - b[2];
}

/* Return the value of a kanji numeral digit (〇 一 … 九), or -1. */
static int
doc_date_kanji_digit(uint32_t cp)
{
	static const uint32_t k[] = { 0x3007, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d,
	    0x4e03, 0x516b, 0x4e5d };
	int i;

	for (i = 0; i < 10; i++) {
		if (k[i] == cp)
			return i;
	}
	return -1;
}

/* Read a number at s + *off, skipping spaces before it: up to maxdigits half- or full-width
 * digits, or kanji numerals (二十三, 十, 二〇一九); returns the value, -1 if there is none. */
static int
doc_date_number(const char *s, size_t len, size_t *off, int maxdigits)
{
	uint32_t cp;
	size_t n, o;
	int value = 0, digits = 0, d, before = -1, after = -1, ten = 0;

	o = *off + doc_space_len(s + *off, len - *off);
	if (o >= len)
		return -1;
	cp = doc_utf8_next(s + o, len - o, &n);
	if ((cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19)) {
		while (o < len) {
			cp = doc_utf8_next(s + o, len - o, &n);
			if (cp >= '0' && cp <= '9')
				d = cp - '0';
			else if (cp >= 0xff10 && cp <= 0xff19)
				d = cp - 0xff10;
			else
				break;
			if (++digits > maxdigits)
				return -1;
			value = value * 10 + d;
			o += n;
		}
		*off = o;
		return value;
	}
	while (o < len) {
		cp = doc_utf8_next(s + o, len - o, &n);
		if (cp == 0x5341) {	/* 十 */
			if (ten || digits > 1)
				return -1;
			ten = 1;
			before = digits == 1 ? value : 1;
		} else if ((d = doc_date_kanji_digit(cp)) >= 0) {
			if (ten) {
				if (after >= 0)
					return -1;
				after = d;
			} else {
				if (++digits > maxdigits)
					return -1;
				value = value * 10 + d;
			}
		} else
			break;
		o += n;
	}
	if (ten)
		value = before * 10 + (after < 0 ? 0 : after);
	else if (digits == 0)
		return -1;
	*off = o;
	return value;
}

/* Match the literal lit at s + *off after optional spaces and advance past it. */
static int
doc_date_literal(const char *s, size_t len, size_t *off, const char *lit)
{
	size_t o, n = strlen(lit);

	o = *off + doc_space_len(s + *off, len - *off);
	if (len - o < n || memcmp(s + o, lit, n) != 0)
		return 0;
	*off = o + n;
	return 1;
}

/* Match a weekday in parentheses, （水） (水) （水曜日） （月・祝）, at s + *off. */
static int
doc_date_weekday(const char *s, size_t len, size_t *off)
{
	static const char allowed[] = "月火水木金土日祝曜休・";
	const char *p;
	uint32_t cp;
	size_t o, n, cps = 0;

	o = *off + doc_space_len(s + *off, len - *off);
	if (o >= len)
		return 0;
	cp = doc_utf8_next(s + o, len - o, &n);
	if (cp != '(' && cp != 0xff08)
		return 0;
	for (o += n; o < len; o += n) {
		cp = doc_utf8_next(s + o, len - o, &n);
		if (cp == ')' || cp == 0xff09)
			break;
		if (n != 3)
			return 0;
		for (p = allowed; *p != '\0'; p += 3) {
			if (memcmp(p, s + o, 3) == 0)
				break;
		}
		if (*p == '\0')
			return 0;
		cps++;
	}
	if (o >= len || cps == 0 || cps > 5)
		return 0;
	*off = o + n;
	return 1;
}

/* Return 1 if s is a date line: a date and nothing else but spaces and a weekday in
 * parentheses.  Set *date (Gregorian), and *date_off and *date_len to the date as written,
 * without the weekday.  Impossible dates (2月30日, 13月, 0日) and dates outside their era
 * (平成32年, 昭和64年2月1日, 令和元年4月1日) are refused. */
int
doc_date_parse(const char *s, size_t len, struct doc_date *date, size_t *date_off,
    size_t *date_len)
{
	const struct doc_date_era *era = NULL;
	size_t off, start, end, i;
	int year, month, day;

	start = off = doc_space_len(s, len);
	for (i = 0; i < sizeof doc_date_eras / sizeof doc_date_eras[0]; i++) {
		if (len - off >= 6 && memcmp(s + off, doc_date_eras[i].name, 6) == 0) {
			era = &doc_date_eras[i];
			off += 6;
			break;
		}
	}
	if (era != NULL) {
		if (doc_date_literal(s, len, &off, "元"))
			year = 1;
		else if ((year = doc_date_number(s, len, &off, 2)) < 1)
			return 0;
		year += era->first[0] - 1;
	} else if ((year = doc_date_number(s, len, &off, 4)) < 1000)
		return 0;
	if (!doc_date_literal(s, len, &off, "年"))
		return 0;
	if ((month = doc_date_number(s, len, &off, 2)) < 0 ||
	    !doc_date_literal(s, len, &off, "月"))
		return 0;
	if ((day = doc_date_number(s, len, &off, 2)) < 0 ||
	    !doc_date_literal(s, len, &off, "日"))
		return 0;
	end = off;
	doc_date_weekday(s, len, &off);
	off += doc_space_len(s + off, len - off);
	if (off != len)
		return 0;

	if (!doc_date_valid(year, month, day))
		return 0;
	/* XXX: dates before 明治6年 were lunar; they are taken as Gregorian here. */
	if (era != NULL && (doc_date_cmp(year, month, day, era->first) < 0 ||
	    doc_date_cmp(year, month, day, era->last) > 0))
		return 0;
	date->year = year;
	date->month = month;
	date->day = day;
	*date_off = start;
	*date_len = end - start;
	return 1;
}
