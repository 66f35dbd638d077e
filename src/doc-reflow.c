/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc-reflow.c: telling a hard-wrapped paragraph (w3m -dump, a PDF, mail folded at 35 or 80
 * columns) from lines broken on purpose, and how its soft breaks read once joined.
 * Owns the tests on single lines and pairs of lines and the wrap-width guess; doc-parse.c
 * decides when to ask them and joins the lines into one block.  Widths here are those the
 * folding program counted, not the terminal's: they never place anything on screen.
 * XXX: of the head, only the title is joined, and of a title folded over three lines or
 * more only the first two. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <uniwidth.h>

#include "doc.h"

#define DOC_REFLOW_SCAN_COLS	512	/* a line is not looked at past this column */

static int doc_reflow_enabled = 1;	/* 0 after --no-reflow */

/* Turn the joining of hard-wrapped lines on or off for records opened from now on. */
void
doc_reflow_set(int on)
{
	doc_reflow_enabled = on != 0;
}

/* Return 1 if records opened now get their hard-wrapped lines joined. */
int
doc_reflow_get(void)
{
	return doc_reflow_enabled;
}

/* Return 1 if cp is written without spaces between words: kana, kanji, Hangul, the CJK
 * punctuation and full-width forms.  A soft break next to one shows as nothing. */
static int
doc_reflow_cp_is_cjk(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xffef) ||
	    (cp >= 0x20000 && cp <= 0x3ffff);
}

/* Return the columns of cp as a folding program counts them (ambiguous ones narrow,
 * controls and marks nothing). */
static int
doc_reflow_cp_cols(uint32_t cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if ((cp >= 0x3041 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xff01 && cp <= 0xff60))
		return 2;	/* kana, kanji, full-width forms: most of a record */
	w = uc_width(cp, "UTF-8");

	return w < 0 ? 0 : w;
}

/* Return the display columns of s as a folding program counts them. */
int
doc_reflow_cols(const char *s, size_t len)
{
	size_t off = 0, n;
	int cols = 0;

	while (off < len) {
		cols += doc_reflow_cp_cols(doc_utf8_next(s + off, len - off, &n));
		off += n;
	}
	return cols;
}

/* Return the bytes of the soft break at s (an LF): the LF and the spaces and TABs after it,
 * the indent the folding program put before the continuation. */
size_t
doc_reflow_break_len(const char *s, size_t len)
{
	size_t n = 1;

	while (n < len && (s[n] == ' ' || s[n] == '\t'))
		n++;
	return n;
}

/* Return 1 if the soft break at text[nl] (an LF inside the joined block [start, end)) shows
 * as one space: between two narrow characters that are not spaces, as two Latin words were
 * folded apart; 0 (nothing) next to a Japanese character or a space. */
int
doc_reflow_break_space(const char *text, size_t start, size_t end, size_t nl)
{
	size_t before, after, n;
	uint32_t cp;

	if (nl <= start)
		return 0;
	before = nl - 1;
	while (before > start && ((unsigned char)text[before] & 0xc0) == 0x80)
		before--;
	cp = doc_utf8_next(text + before, nl - before, &n);
	if (cp == ' ' || cp == '\t' || doc_reflow_cp_is_cjk(cp))
		return 0;
	after = nl + doc_reflow_break_len(text + nl, end - nl);
	if (after >= end)
		return 0;
	cp = doc_utf8_next(text + after, end - after, &n);
	return cp != '\n' && !doc_reflow_cp_is_cjk(cp);
}

/* Write the shown form of text[off, off + len) to out (len bytes at most): each soft break
 * as nothing or one space.  Returns the bytes written. */
size_t
doc_reflow_copy(const char *text, size_t off, size_t len, char *out)
{
	size_t i = off, end = off + len, o = 0, run;

	while (i < end) {
		if (text[i] != '\n') {
			out[o++] = text[i++];
			continue;
		}
		run = doc_reflow_break_len(text + i, end - i);
		if (doc_reflow_break_space(text, off, end, i))
			out[o++] = ' ';
		i += run;
	}
	return o;
}

/* Return 1 if cp closes a bracket or a quotation, which may follow a sentence's end. */
static int
doc_reflow_cp_closes(uint32_t cp)
{
	return cp == ')' || cp == ']' || cp == '"' || cp == '\'' || cp == 0xff09 ||
	    cp == 0x300d || cp == 0x300f || cp == 0x3011 || cp == 0xff3d || cp == 0x201d ||
	    cp == 0x3015 || cp == 0x3009 || cp == 0x300b;
}

/* Return 1 if cp ends a sentence or introduces what follows (。．.！？!?：:). */
static int
doc_reflow_cp_ends(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xff0e || cp == '.' || cp == 0xff01 || cp == 0xff1f ||
	    cp == '!' || cp == '?' || cp == 0xff1a || cp == ':';
}

/* Return 1 if the line s starts (after spaces) with a character no line starts with by
 * choice: 、。，．,.)）」』】〕〉》］｝, a small kana or ー.  Only a fold puts one there. */
int
doc_reflow_starts_closed(const char *s, size_t len)
{
	static const uint32_t cps[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, ',', '.', ')', 0xff09, 0x300d, 0x300f,
		0x3011, 0x3015, 0x3009, 0x300b, 0xff3d, 0xff5d, 0x3041, 0x3043, 0x3045,
		0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308e, 0x30a1, 0x30a3,
		0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5, 0x30e7, 0x30ee, 0x30f5,
		0x30f6, 0x30fc
	};
	size_t off = 0, n, i;
	uint32_t cp;

	while (off < len && s[off] == ' ')
		off++;
	if (off == len)
		return 0;
	cp = doc_utf8_next(s + off, len - off, &n);
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		if (cps[i] == cp)
			return 1;
	}
	return 0;
}

/* Return 1 if cp draws a table: | ｜ and the box-drawing characters. */
static int
doc_reflow_cp_rules(uint32_t cp)
{
	return cp == '|' || cp == 0xff5c || (cp >= 0x2500 && cp <= 0x257f);
}

/* Set what the marker at the start of s (if any) says: a heading, a numbered or a bulleted
 * item, and whether a space follows its marker. */
static void
doc_reflow_line_marker(const char *s, size_t len, struct doc_reflow_line *rl)
{
	enum doc_level level;
	size_t num_len, marker_len, skip;
	int hashes;

	if (doc_heading_markdown(s, len, &hashes, &skip) || doc_heading_bracket(s, len)) {
		rl->marker = rl->marker_spaced = 1;
		return;
	}
	if (!doc_heading_match(s, len, &level, &num_len, &marker_len) &&
	    !doc_bullet_match(s, len, &marker_len))
		return;
	rl->marker = 1;
	if (marker_len > 0 && marker_len <= len && (s[marker_len - 1] == ' ' ||
	    s[marker_len - 1] == '\t' || (marker_len >= 3 &&
	    memcmp(s + marker_len - 3, "\u3000", 3) == 0)))
		rl->marker_spaced = 1;
}

/* Fill rl with what the hard-wrap test needs to know of the line s (no LF, not blank). */
void
doc_reflow_line_scan(const char *s, size_t len, struct doc_reflow_line *rl)
{
	size_t off = 0, n, end = len, spaces = 0, start;
	uint32_t cp, last = 0, prev = 0;
	int w, in_first = 1;

	memset(rl, 0, sizeof *rl);
	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (len > 0 && (s[0] == '\t' || (len >= 3 && memcmp(s, "\u3000", 3) == 0)))
		rl->para_indent = 1;
	while (off < end && s[off] == ' ') {
		off++;
		rl->indent_cols++;
	}
	rl->cols = rl->indent_cols;
	while (off < end) {
		cp = doc_utf8_next(s + off, end - off, &n);
		w = doc_reflow_cp_cols(cp);
		rl->cols += w;
		if (in_first) {
			if (rl->first_cols == 0) {
				rl->first_narrow = w < 2 && cp != 0x3000;
				rl->first_cols = w > 0 ? w : 1;
				in_first = rl->first_narrow;
			} else if (cp == ' ' || w >= 2)
				in_first = 0;
			else
				rl->first_cols += w;
		}
		if (cp == '\t' || doc_reflow_cp_rules(cp))
			rl->table = 1;
		if (cp == ' ' || w >= 2)
			rl->word_cols = 0;
		else
			rl->word_cols += w;
		if (cp == ' ') {
			if (++spaces == 2 && !doc_reflow_cp_ends(prev) &&
			    !doc_reflow_cp_closes(prev) && prev != ',')
				rl->table = 1;
		} else {
			spaces = 0;
			prev = cp;
		}
		last = cp;
		off += n;
		if (rl->cols > DOC_REFLOW_SCAN_COLS && off < end) {
			/* Far wider than any fold: what the rest holds no longer matters. */
			rl->word_cols = 0;
			last = ' ';
			break;
		}
	}
	rl->last_narrow = !doc_reflow_cp_is_cjk(last) && last != ' ';
	/* The sentence end: the last character, or the one before closing brackets. */
	while (end > 0) {
		start = end - 1;
		while (start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80)
			start--;
		cp = doc_utf8_next(s + start, end - start, &n);
		if (!doc_reflow_cp_closes(cp)) {
			rl->ends_sentence = doc_reflow_cp_ends(cp);
			break;
		}
		end = start;
	}
	doc_reflow_line_marker(s, len, rl);
}

/* Return 1 if a fold at wrap_cols columns explains the break between prev and next: prev
 * fits and next's first unit (after the space a join puts between Latin words) did not.
 * A line one column wider passes too: the width learned from a few lines may be one short
 * of the fold's when they all ended with a wide character that did not fit. */
static int
doc_reflow_fits(const struct doc_reflow_line *prev, const struct doc_reflow_line *next,
    int wrap_cols)
{
	int gap = prev->last_narrow && next->first_narrow;

	if (wrap_cols < DOC_REFLOW_MIN_COLS)
		return 0;
	/* A word wider than the line stands alone on it, as a folding program leaves it. */
	if (prev->cols > wrap_cols + 1)
		return prev->last_narrow && prev->cols - prev->word_cols == prev->indent_cols;
	return prev->cols + gap + next->first_cols > wrap_cols;
}

/* Return 1 if next continues the paragraph whose last line is prev, in a text folded at
 * wrap_cols columns; hang_cols is the width of the paragraph's list marker (0 if none),
 * the indent a folding program gives its continuation lines.  A table row, a line indented
 * as a paragraph's first, a line after a sentence that ends short of the width, or a line
 * that starts a list item after a sentence's end or with a space after its marker is a
 * line of its own. */
int
doc_reflow_continues(const struct doc_reflow_line *prev, const struct doc_reflow_line *next,
    int wrap_cols, int hang_cols)
{
	if (prev->table || next->table || next->para_indent)
		return 0;
	if (!doc_reflow_fits(prev, next, wrap_cols))
		return 0;
	/* A sentence that ends short of the width (by more than a wide character) ended
	 * there, not at a fold. */
	if (prev->ends_sentence && prev->cols < wrap_cols - 1)
		return 0;
	if (next->indent_cols != 0 && (hang_cols == 0 || abs(next->indent_cols - hang_cols) > 1))
		return 0;
	if (next->marker && (next->marker_spaced || prev->ends_sentence))
		return 0;
	return 1;
}

/* Describe the break between prev and next as evidence of a wrap width in *pair; returns 0
 * if it says nothing (a table, a list item, a paragraph's first line, a short line). */
int
doc_reflow_pair_make(const struct doc_reflow_line *prev, const struct doc_reflow_line *next,
    struct doc_reflow_pair *pair)
{
	if (prev->table || next->table || next->para_indent || next->marker ||
	    prev->cols < DOC_REFLOW_MIN_COLS - 1)
		return 0;
	pair->cols = prev->cols;
	pair->need = prev->cols + (prev->last_narrow && next->first_narrow) + next->first_cols;
	pair->ends_sentence = prev->ends_sentence;
	return 1;
}

/* Return the wrap width that explains the most breaks of pairs (a text folded at W has
 * most lines W or W-1 wide, the next unit not fitting), or 0 if none explains two breaks
 * after lines that do not end a sentence: lines of a width by chance, or a list. */
int
doc_reflow_learn(const struct doc_reflow_pair *pairs, size_t n)
{
	size_t i, j, count, best = 0;
	int w, best_w = 0;

	for (i = 0; i < n; i++) {
		w = pairs[i].cols;
		if (w < DOC_REFLOW_MIN_COLS || w > DOC_REFLOW_MAX_COLS || w == best_w)
			continue;
		count = 0;
		for (j = 0; j < n; j++) {
			if (!pairs[j].ends_sentence && pairs[j].cols <= w && pairs[j].need > w)
				count++;
		}
		if (count > best || (count == best && w > best_w)) {
			best = count;
			best_w = w;
		}
	}
	return best >= 2 ? best_w : 0;
}
