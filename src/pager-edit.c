/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-edit.c: the line editor every prompt on the status line uses (the search's and the
 * index's): typing, erasing a character, a word or the line, the history of lines accepted,
 * and drawing the line with its cursor.  What a line means is its owner's business. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "layout.h"
#include "pager.h"
#include "xmalloc.h"

/* Set up e empty, for lines of at most max bytes; pager_edit_clear frees it. */
void
pager_edit_init(struct pager_edit *e, size_t max)
{
	memset(e, 0, sizeof *e);
	e->max = max;
	e->buf = xstrdup("");
}

/* Free what e holds. */
void
pager_edit_clear(struct pager_edit *e)
{
	size_t i;

	free(e->buf);
	free(e->draft);
	for (i = 0; i < e->nhist; i++)
		free(e->hist[i]);
	memset(e, 0, sizeof *e);
}

/* Open e as the prompt on top of the screens, empty, lead shown first. */
void
pager_edit_open(struct pager *pg, struct pager_edit *e, int lead)
{
	e->lead = lead;
	e->len = 0;
	e->buf[0] = '\0';
	e->hist_pos = e->nhist;
	e->dirty = 0;
	e->too_long = 0;
	pg->edit = e;
	pager_screen_push(pg, PAGER_SCREEN_PROMPT);
}

/* Close the prompt that is open (its owner has taken the line). */
void
pager_edit_close(struct pager *pg)
{
	struct pager_edit *e = pg->edit;

	pager_screen_close(pg, PAGER_SCREEN_PROMPT);
	if (e == NULL)
		return;
	e->lead = 0;
	free(e->draft);
	e->draft = NULL;
	pg->edit = NULL;
}

/* Remember an accepted line for Up, dropping a repeat of the last one and the oldest when
 * the history is full. */
void
pager_edit_remember(struct pager_edit *e, const char *line)
{
	if (e->nhist > 0 && strcmp(e->hist[e->nhist - 1], line) == 0)
		return;
	if (e->nhist == PAGER_EDIT_HISTORY) {
		free(e->hist[0]);
		memmove(e->hist, e->hist + 1, (e->nhist - 1) * sizeof *e->hist);
		e->nhist--;
	}
	e->hist[e->nhist++] = xstrdup(line);
}

/* Put s in the line as if typed. */
static void
pager_edit_set(struct pager_edit *e, const char *s)
{
	free(e->buf);
	e->buf = xstrdup(s);
	e->len = strlen(s);
	e->dirty = 1;
}

/* Add the typed character cp to the line (control characters and a line at its longest
 * are refused); returns 1 if it was added. */
int
pager_edit_insert(struct pager_edit *e, int cp)
{
	uint8_t u[6];
	int n;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp >= 0x110000)
		return 0;
	if ((n = u8_uctomb(u, (ucs4_t)cp, sizeof u)) <= 0)
		return 0;
	if (e->len + (size_t)n > e->max) {
		e->too_long = 1;	/* said on the prompt line, never cut silently */
		return 0;
	}
	e->buf = xrealloc(e->buf, e->len + (size_t)n + 1);
	memcpy(e->buf + e->len, u, (size_t)n);
	e->len += (size_t)n;
	e->buf[e->len] = '\0';
	e->dirty = 1;
	return 1;
}

/* Remove the last character typed (a whole UTF-8 sequence). */
void
pager_edit_erase(struct pager_edit *e)
{
	while (e->len > 0 && ((unsigned char)e->buf[e->len - 1] & 0xc0) == 0x80)
		e->len--;
	if (e->len > 0)
		e->len--;
	e->buf[e->len] = '\0';
	e->dirty = 1;
}

/* Remove the last word typed: the spaces before the end, then up to the next space. */
void
pager_edit_erase_word(struct pager_edit *e)
{
	while (e->len > 0 && e->buf[e->len - 1] == ' ')
		e->len--;
	while (e->len > 0 && e->buf[e->len - 1] != ' ')
		e->len--;
	e->buf[e->len] = '\0';
	e->dirty = 1;
}

/* Remove everything typed. */
void
pager_edit_erase_line(struct pager_edit *e)
{
	e->len = 0;
	e->buf[0] = '\0';
	e->dirty = 1;
}

/* Go one entry back (older) or forward in the history of lines. */
void
pager_edit_history(struct pager_edit *e, int older)
{
	if (older) {
		if (e->hist_pos == 0)
			return;
		if (e->hist_pos == e->nhist) {
			free(e->draft);
			e->draft = xstrdup(e->buf);
		}
		e->hist_pos--;
		pager_edit_set(e, e->hist[e->hist_pos]);
		return;
	}
	if (e->hist_pos >= e->nhist)
		return;
	e->hist_pos++;
	if (e->hist_pos == e->nhist)
		pager_edit_set(e, e->draft != NULL ? e->draft : "");
	else
		pager_edit_set(e, e->hist[e->hist_pos]);
}

/* Draw e on row y, cols wide: the lead, the line as typed (its visible form, its end kept
 * in view), a reverse-video cursor, and right (the owner's news) at the right end. */
void
pager_edit_draw(const struct pager_edit *e, int y, int cols, const char *right)
{
	char lead[2] = { (char)e->lead, '\0' };
	char *vis;
	size_t skip, vlen, next;
	int rw, room, w, x;

	rw = layout_width(right, strlen(right));
	if (rw > cols - 3)
		rw = 0;
	room = cols - rw - 2;	/* the lead and the cursor */
	pager_render_attr(PAGER_ATTR_NORMAL);
	pager_render_move(y, 0);
	x = pager_render_text(y, 0, cols, lead);
	vis = layout_text_visible(e->buf, e->len, -1, &w);
	vlen = strlen(vis);
	for (skip = 0; w > room && skip < vlen; skip = next) {
		next = layout_cluster_next(vis, vlen, skip);
		w -= layout_width(vis + skip, next - skip);
	}
	x += pager_render_text(y, x, room, vis + skip);
	free(vis);
	pager_render_move(y, x);
	pager_render_attr(PAGER_ATTR_REVERSE);
	pager_render_char(' ');
	pager_render_attr(PAGER_ATTR_NORMAL);
	x++;
	if (x < cols - rw)
		pager_render_spaces(cols - rw - x);
	if (rw > 0)
		pager_render_text(y, cols - rw, rw, right);
}
