/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-msg.c: how the status line says a message in the width it has: whole where there
 * is room (the file name, then the position on the right make way for it), else in the
 * brief form the message was given with, else cut at a break between words with "…",
 * never inside a word.  Owns the brief form beside pg->msg; draws nothing itself. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <unistr.h>

#include "layout.h"
#include "pager.h"
#include "xmalloc.h"

/* Set the status line message with a brief form for a narrow line: both are formats of
 * the same arguments (each translated by the caller). */
void
pager_message_brief(struct pager *pg, const char *brief, const char *fmt, ...)
{
	va_list ap;
	char *b;

	va_start(ap, fmt);
	b = xvasprintf(brief, ap);
	va_end(ap);
	va_start(ap, fmt);
	pager_message_v(pg, fmt, ap);
	va_end(ap);
	pg->msg_brief = b;
}

/* Return s cut at the last break between words (UAX #14, so between two Japanese
 * characters too, kinsoku kept) that leaves room for "…" in maxcols columns, allocated;
 * *cols is its width.  Only a word wider than the whole line is cut inside. */
static char *
pager_message_cut(const char *s, int maxcols, int *cols)
{
	size_t len = strlen(s), i, best = 0, fit = 0;
	int w = 0, bestw = 0, fitw = 0, ell = layout_width("…", strlen("…")), n;
	char *brk, *out;
	ucs4_t uc;

	brk = xmalloc(len > 0 ? len : 1);
	u8_possible_linebreaks((const uint8_t *)s, len, "UTF-8", brk);
	for (i = 0; i < len; i += (size_t)n) {
		if (i > 0 && brk[i] == UC_BREAK_POSSIBLE) {
			best = i;
			bestw = w;
		}
		n = u8_mbtouc(&uc, (const uint8_t *)s + i, len - i);
		if (n < 1)
			n = 1;
		if (w + layout_width(s + i, (size_t)n) + ell > maxcols)
			break;
		w += layout_width(s + i, (size_t)n);
		fit = i + (size_t)n;
		fitw = w;
	}
	free(brk);
	if (best == 0) {		/* one word wider than the line */
		best = fit;
		bestw = fitw;
	}
	while (best > 0 && s[best - 1] == ' ') {
		best--;
		bestw--;
	}
	out = xasprintf("%.*s…", (int)best, s);
	*cols = bestw + ell;
	return out;
}

/* Decide how the status line of cols columns says pg's message beside a name of namecols
 * (0: none) and a right part of rightcols: returns the text to draw in its visible form
 * (allocated), its width in *textcols, and whether the name and the right part still fit
 * beside it.  The line is laid out as one space, the name, two spaces, the message. */
char *
pager_message_fit(const struct pager *pg, int cols, int namecols, int rightcols,
    int *keep_name, int *keep_right, int *textcols)
{
	const char *forms[2];
	char *v[2] = { NULL, NULL }, *out;
	int w[2], i, nforms = 1, lead = namecols > 0 ? 1 + namecols + 2 : 1;

	forms[0] = pg->msg;
	forms[1] = pg->msg_brief;
	if (forms[1] != NULL && *forms[1] != '\0')
		nforms = 2;
	*keep_name = *keep_right = 0;
	for (i = 0; i < nforms; i++) {
		v[i] = layout_text_visible(forms[i], strlen(forms[i]), -1, &w[i]);
		if (lead + w[i] <= cols - rightcols)
			*keep_name = *keep_right = 1;
		else if (1 + w[i] <= cols - rightcols)
			*keep_right = 1;
		else if (1 + w[i] > cols)
			continue;
		*textcols = w[i];
		out = v[i];
		if (i == 1)
			free(v[0]);
		return out;
	}
	/* Neither fits: the shorter form, cut between words. */
	i = nforms == 2 && w[1] < w[0] ? 1 : 0;
	out = pager_message_cut(v[i], cols - 1 > 0 ? cols - 1 : 0, textcols);
	free(v[0]);
	free(v[1]);
	return out;
}
