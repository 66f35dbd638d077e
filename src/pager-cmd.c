/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-cmd.c: the pager's commands, each named once with its help and what it needs (a
 * count, a redraw), and the keys bound to them on each screen.  The help screen, the key
 * summary of --help and the man page's key list are all written from these tables.
 * Commands act through the view, the index, the search and the line editor; they draw
 * nothing and never read the terminal. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "doc.h"
#include "layout.h"
#include "library.h"
#include "nls.h"
#include "pager.h"
#include "xmalloc.h"

#define PAGER_CMD_WHEEL_LINES	3	/* lines (index rows) one turn of the mouse wheel moves */

/* Return the view the commands act on (the help's or the record's); never NULL where a
 * command that moves text is bound. */
static struct pager_view *
pager_cmd_view(struct pager *pg)
{
	return pager_view_current(pg);
}

/* j: n lines down. */
static int
pager_cmd_line_down(struct pager *pg, long n)
{
	pager_view_down(pg, pager_cmd_view(pg), (size_t)(n > 0 ? n : 1));
	return PAGER_REDRAW_SCREEN;
}

/* k: n lines up. */
static int
pager_cmd_line_up(struct pager *pg, long n)
{
	pager_view_up(pg, pager_cmd_view(pg), (size_t)(n > 0 ? n : 1));
	return PAGER_REDRAW_SCREEN;
}

/* Space: a page down, or n lines as in less. */
static int
pager_cmd_screen_down(struct pager *pg, long n)
{
	pager_view_down(pg, pager_cmd_view(pg), n > 0 ? (size_t)n : pager_view_rows(pg));
	return PAGER_REDRAW_SCREEN;
}

/* b: a page up, or n lines. */
static int
pager_cmd_screen_up(struct pager *pg, long n)
{
	pager_view_up(pg, pager_cmd_view(pg), n > 0 ? (size_t)n : pager_view_rows(pg));
	return PAGER_REDRAW_SCREEN;
}

/* PageDown: n pages down. */
static int
pager_cmd_page_down(struct pager *pg, long n)
{
	pager_view_down(pg, pager_cmd_view(pg), (size_t)(n > 0 ? n : 1) * pager_view_rows(pg));
	return PAGER_REDRAW_SCREEN;
}

/* PageUp: n pages up. */
static int
pager_cmd_page_up(struct pager *pg, long n)
{
	pager_view_up(pg, pager_cmd_view(pg), (size_t)(n > 0 ? n : 1) * pager_view_rows(pg));
	return PAGER_REDRAW_SCREEN;
}

/* Return the distance of d and u: half a page, or the count given to the last of them. */
static size_t
pager_cmd_half(struct pager *pg, long n)
{
	if (n > 0)
		pg->half_rows = n;
	if (pg->half_rows > 0)
		return (size_t)pg->half_rows;
	return (pager_view_rows(pg) + 1) / 2;
}

/* d: half a page down (a count sets the distance for d and u). */
static int
pager_cmd_half_down(struct pager *pg, long n)
{
	pager_view_down(pg, pager_cmd_view(pg), pager_cmd_half(pg, n));
	return PAGER_REDRAW_SCREEN;
}

/* u: half a page up. */
static int
pager_cmd_half_up(struct pager *pg, long n)
{
	pager_view_up(pg, pager_cmd_view(pg), pager_cmd_half(pg, n));
	return PAGER_REDRAW_SCREEN;
}

/* g: the first line, or line n. */
static int
pager_cmd_top(struct pager *pg, long n)
{
	struct pager_view *v = pager_cmd_view(pg);

	pager_view_jump_start(v);
	pager_view_go_start(pg, v, (size_t)(n > 0 ? n : 1));
	return PAGER_REDRAW_SCREEN;
}

/* G: the end, or line n. */
static int
pager_cmd_bottom(struct pager *pg, long n)
{
	struct pager_view *v = pager_cmd_view(pg);

	pager_view_jump_start(v);
	if (n > 0)
		pager_view_go_start(pg, v, (size_t)n);
	else
		pager_view_go_end(pg, v);
	return PAGER_REDRAW_SCREEN;
}

/* p and %: n percent of the bytes (as less: no layout of what comes before). */
static int
pager_cmd_percent(struct pager *pg, long n)
{
	struct pager_view *v = pager_cmd_view(pg);

	pager_load_finish(pg, v);
	pager_view_percent(pg, v, n > 100 ? 100 : n);
	return PAGER_REDRAW_SCREEN;
}

/* ]: n sections on. */
static int
pager_cmd_section_next(struct pager *pg, long n)
{
	if (pager_view_section_step(pg, pager_cmd_view(pg), n > 0 ? n : 1) != 0)
		pager_message(pg, _("no next section"));
	return PAGER_REDRAW_SCREEN;
}

/* [: n sections back. */
static int
pager_cmd_section_prev(struct pager *pg, long n)
{
	if (pager_view_section_step(pg, pager_cmd_view(pg), n > 0 ? -n : -1) != 0)
		pager_message(pg, _("no previous section"));
	return PAGER_REDRAW_SCREEN;
}

/* m and ': wait for the letter (pager.c hands it to pager_cmd_mark_letter). */
static int
pager_cmd_mark(struct pager *pg, int key)
{
	pg->mark_key = key;
	pager_screen_push(pg, PAGER_SCREEN_MARK);
	return PAGER_REDRAW_NONE;
}

/* m: set a mark at the letter typed next. */
static int
pager_cmd_mark_set(struct pager *pg, long n)
{
	(void)n;
	return pager_cmd_mark(pg, 'm');
}

/* ': go to the mark of the letter typed next. */
static int
pager_cmd_mark_go(struct pager *pg, long n)
{
	(void)n;
	return pager_cmd_mark(pg, '\'');
}

/* The letter after m or ': set or go to a mark; '' returns to the last jump; Esc gives up. */
void
pager_cmd_mark_letter(struct pager *pg, int key)
{
	struct pager_view *v = pager_cmd_view(pg);
	int set = pg->mark_key == 'm';

	pager_screen_close(pg, PAGER_SCREEN_MARK);
	if (key == PAGER_ESC || key >= PAGER_KEY_UP || v == NULL)
		return;
	if (!set && key == '\'') {
		if (pager_view_jump_back(pg, v) != 0)
			pager_message(pg, _("no previous position"));
		return;
	}
	if (key < 'a' || key > 'z') {
		pager_message(pg, "%s", set ? _("marks are a to z") : _("mark not set"));
		return;
	}
	if (set) {
		pager_view_mark_set(v, key - 'a');
		pager_message(pg, _("mark %c set"), key);
	} else if (pager_view_mark_go(pg, v, key - 'a') != 0)
		pager_message(pg, _("mark not set"));
}

/* :: wait for n or p. */
static int
pager_cmd_record_prefix(struct pager *pg, long n)
{
	(void)n;
	pager_screen_push(pg, PAGER_SCREEN_RECORD);
	return PAGER_REDRAW_NONE;
}

/* :n: the next record of the region. */
static int
pager_cmd_record_next(struct pager *pg, long n)
{
	(void)n;
	pager_screen_close(pg, PAGER_SCREEN_RECORD);
	pager_index_record_step(pg, 1);
	return PAGER_REDRAW_SCREEN;
}

/* :p: the previous record of the region. */
static int
pager_cmd_record_prev(struct pager *pg, long n)
{
	(void)n;
	pager_screen_close(pg, PAGER_SCREEN_RECORD);
	pager_index_record_step(pg, -1);
	return PAGER_REDRAW_SCREEN;
}

/* A key after : that is neither n nor p: say what : is for (Esc gives up quietly). */
void
pager_cmd_record_other(struct pager *pg, int key)
{
	pager_screen_close(pg, PAGER_SCREEN_RECORD);
	if (key != PAGER_ESC && key < PAGER_KEY_UP)
		pager_message(pg, _(":n next record, :p previous record"));
}

/* Tab: the focus to the outline, showing it first if it is hidden; back from there. */
static int
pager_cmd_outline_focus(struct pager *pg, long n)
{
	struct pager_view *v = pager_cmd_view(pg);
	int cursec;

	(void)n;
	if (pager_screen_top(pg) == PAGER_SCREEN_OUTLINE) {
		pager_screen_pop(pg);
		return PAGER_REDRAW_SCREEN;
	}
	if (!pg->outline_on || pg->g.outline_cols == 0) {
		pg->outline_on = 1;
		pager_view_sync(pg);
		if (pg->g.outline_cols == 0) {
			pager_message(pg, v->d->nsections == 0 ?
			    _("this record has no sections") : _("no room for the outline"));
			return PAGER_REDRAW_SCREEN;
		}
	}
	pager_screen_push(pg, PAGER_SCREEN_OUTLINE);
	cursec = pager_view_section(v);
	pg->outline_sel = cursec >= 0 ? cursec : 0;
	return PAGER_REDRAW_SCREEN;
}

/* o: hide or show the outline pane. */
static int
pager_cmd_outline_toggle(struct pager *pg, long n)
{
	(void)n;
	pg->outline_on = !pg->outline_on;
	if (!pg->outline_on)
		pager_screen_close(pg, PAGER_SCREEN_OUTLINE);
	return PAGER_REDRAW_SCREEN;
}

/* Move the outline's selection by n entries, within the outline. */
static void
pager_cmd_outline_move(struct pager *pg, long n)
{
	long last = (long)pager_cmd_view(pg)->d->nsections - 1, sel = pg->outline_sel + n;

	pg->outline_sel = (int)(sel > last ? last : sel < 0 ? 0 : sel);
}

/* j in the outline: n entries down. */
static int
pager_cmd_outline_down(struct pager *pg, long n)
{
	pager_cmd_outline_move(pg, n > 0 ? n : 1);
	return PAGER_REDRAW_SCREEN;
}

/* k in the outline: n entries up. */
static int
pager_cmd_outline_up(struct pager *pg, long n)
{
	pager_cmd_outline_move(pg, n > 0 ? -n : -1);
	return PAGER_REDRAW_SCREEN;
}

/* g in the outline: the first entry. */
static int
pager_cmd_outline_first(struct pager *pg, long n)
{
	(void)n;
	pg->outline_sel = 0;
	return PAGER_REDRAW_SCREEN;
}

/* G in the outline: the last entry. */
static int
pager_cmd_outline_last(struct pager *pg, long n)
{
	(void)n;
	pager_cmd_outline_move(pg, INT32_MAX);
	return PAGER_REDRAW_SCREEN;
}

/* Enter in the outline: jump to the entry selected and give the focus back. */
static int
pager_cmd_outline_go(struct pager *pg, long n)
{
	(void)n;
	pager_view_section_go(pg, pager_cmd_view(pg), pg->outline_sel);
	pager_screen_close(pg, PAGER_SCREEN_OUTLINE);
	return PAGER_REDRAW_SCREEN;
}

/* q in the outline: give the focus back to the text. */
static int
pager_cmd_outline_leave(struct pager *pg, long n)
{
	(void)n;
	pager_screen_close(pg, PAGER_SCREEN_OUTLINE);
	return PAGER_REDRAW_SCREEN;
}

/* h: the help screen, or back from it (pager.c makes the help record when it is first
 * shown). */
static int
pager_cmd_help(struct pager *pg, long n)
{
	(void)n;
	if (pager_screen_has(pg, PAGER_SCREEN_HELP)) {
		pager_screen_close(pg, PAGER_SCREEN_HELP);
		return PAGER_REDRAW_SCREEN;
	}
	pg->help.top = 0;
	memset(&pg->help.anchor, 0, sizeof pg->help.anchor);
	pager_screen_reset(pg, pager_screen_base(pg));
	pager_screen_push(pg, PAGER_SCREEN_HELP);
	return PAGER_REDRAW_SCREEN;
}

/* Ctrl-L: paint the whole screen again. */
static int
pager_cmd_redraw(struct pager *pg, long n)
{
	(void)pg;
	(void)n;
	return PAGER_REDRAW_ALL;
}

/* R: read the record again from its file. */
static int
pager_cmd_reload(struct pager *pg, long n)
{
	(void)n;
	pager_reload(pg);
	return PAGER_REDRAW_SCREEN;
}

/* q: quit. */
static int
pager_cmd_quit(struct pager *pg, long n)
{
	(void)n;
	pg->quit = 1;
	return PAGER_REDRAW_NONE;
}

/* /: search down. */
static int
pager_cmd_search_forward(struct pager *pg, long n)
{
	(void)n;
	pager_search_open(pg, '/');
	return PAGER_REDRAW_SCREEN;
}

/* ?: search up. */
static int
pager_cmd_search_backward(struct pager *pg, long n)
{
	(void)n;
	pager_search_open(pg, '?');
	return PAGER_REDRAW_SCREEN;
}

/* n: the nth next match in the direction of the search. */
static int
pager_cmd_search_next(struct pager *pg, long n)
{
	pager_search_repeat(pg, 0, n > 0 ? n : 1);
	return PAGER_REDRAW_SCREEN;
}

/* N: the nth match the other way. */
static int
pager_cmd_search_prev(struct pager *pg, long n)
{
	pager_search_repeat(pg, 1, n > 0 ? n : 1);
	return PAGER_REDRAW_SCREEN;
}

/* Esc in the text: hide the matches until the next search. */
static int
pager_cmd_search_hide(struct pager *pg, long n)
{
	(void)n;
	pager_search_hide(pg);
	return PAGER_REDRAW_SCREEN;
}

/* i: the index of the region of the record. */
static int
pager_cmd_index(struct pager *pg, long n)
{
	(void)n;
	pager_index_show(pg, pg->region);
	return PAGER_REDRAW_SCREEN;
}

/* t: the index of the next region tab that has records. */
static int
pager_cmd_tab_next(struct pager *pg, long n)
{
	(void)n;
	pager_index_tab_step(pg, 1, 1);
	return PAGER_REDRAW_SCREEN;
}

/* T: the index of the previous region tab that has records. */
static int
pager_cmd_tab_prev(struct pager *pg, long n)
{
	(void)n;
	pager_index_tab_step(pg, -1, 1);
	return PAGER_REDRAW_SCREEN;
}

/* Right on the index: the next region tab, an empty one too. */
static int
pager_cmd_tab_right(struct pager *pg, long n)
{
	(void)n;
	pager_index_tab_step(pg, 1, 0);
	return PAGER_REDRAW_SCREEN;
}

/* Left on the index: the previous region tab, an empty one too. */
static int
pager_cmd_tab_left(struct pager *pg, long n)
{
	(void)n;
	pager_index_tab_step(pg, -1, 0);
	return PAGER_REDRAW_SCREEN;
}

/* c: page furniture (menus, captions, galleries) shown in place, dimmed, or hidden. */
static int
pager_cmd_furniture(struct pager *pg, long n)
{
	const struct doc *d = pager_cmd_view(pg)->d;

	(void)n;
	pg->furniture = !pg->furniture;
	pager_message(pg, pg->furniture ? _("page furniture shown (%zu lines)") :
	    _("page furniture hidden (%zu lines)"), d->nmenus + d->ncaptions);
	return PAGER_REDRAW_SCREEN;
}

/* Return the outline entry y copies: the n-th top-level section with a count, the
 * outline's selection while it has the focus, else the heading being read (the innermost
 * heading above the top line); PAGER_NO_SECTION if there is none. */
static long
pager_cmd_copy_section(struct pager *pg, const struct pager_view *v, long n)
{
	const struct doc *d = v->d;
	long sec, top = 0;
	size_t i;

	if (n > 0) {
		for (i = 0; i < d->nsections; i++) {
			if (d->sections[i].depth == 0 && ++top == n)
				return (long)i;
		}
		return PAGER_NO_SECTION;
	}
	if (pager_screen_has(pg, PAGER_SCREEN_OUTLINE) && pg->outline_sel >= 0 &&
	    (size_t)pg->outline_sel < d->nsections)
		return pg->outline_sel;
	sec = pager_view_section(v);
	while (sec >= 0 && !d->sections[sec].is_heading)
		sec = d->sections[sec].parent;
	return sec >= 0 ? sec : pager_view_section(v);
}

/* y: copy a section's source text to the clipboard of the terminal (OSC 52): its lines
 * as written, without the wrapping, the indentation or the furniture of the screen. */
static int
pager_cmd_copy(struct pager *pg, long n)
{
	const struct pager_view *v = pager_cmd_view(pg);
	size_t i, len, lines = 0, chars = 0, lablen;
	char *text, *label;
	long sec;

	if ((sec = pager_cmd_copy_section(pg, v, n)) < 0) {
		if (n > 0)
			pager_message(pg, _("no section %ld to copy"), n);
		else
			pager_message_brief(pg, _("no section here to copy"),
			    _("no section here to copy: go to a heading or give its number (3y)"));
		return PAGER_REDRAW_SCREEN;
	}
	text = doc_section_source(v->d, (size_t)sec, &len);
	pager_term_copy(text, len);
	for (i = 0; i < len; i++) {
		if (text[i] == '\n')
			lines++;
		else if (((unsigned char)text[i] & 0xc0) != 0x80)
			chars++;
	}
	label = doc_section_label_copy(v->d, (size_t)sec, &lablen, NULL);
	pager_message(pg, _("copied %s: %zu characters, %zu lines"), label, chars, lines);
	free(label);
	free(text);
	return PAGER_REDRAW_SCREEN;
}

/* M: give the mouse to the terminal (a drag selects text) or take it back. */
static int
pager_cmd_mouse_toggle(struct pager *pg, long n)
{
	int want = !pg->mouse;

	(void)n;
	if (pager_term_mouse_set(pg, want))
		pager_message(pg, _("mouse on: the wheel scrolls (M: off)"));
	else if (want)
		pager_message(pg, _("this terminal reports no mouse"));
	else
		pager_message(pg, _("mouse off: a drag selects text (M: on)"));
	return PAGER_REDRAW_SCREEN;
}

/* The mouse over a record or the help: the wheel scrolls, a click picks a tab or an
 * outline entry. */
static int
pager_cmd_mouse(struct pager *pg, long n)
{
	const struct pager_mouse *m = &pg->mouse_ev;
	struct pager_view *v = pager_cmd_view(pg);
	int help = pager_screen_has(pg, PAGER_SCREEN_HELP), r, e;

	(void)n;
	if (m->what == PAGER_MOUSE_WHEEL_UP)
		pager_view_up(pg, v, PAGER_CMD_WHEEL_LINES);
	else if (m->what == PAGER_MOUSE_WHEEL_DOWN)
		pager_view_down(pg, v, PAGER_CMD_WHEEL_LINES);
	else if (m->what != PAGER_MOUSE_CLICK || help)
		return PAGER_REDRAW_NONE;
	else if (m->y == pg->g.tabs_row) {
		if ((r = pager_tabs_hit(pg, m->x)) >= 0)
			pager_index_show(pg, (enum doc_region)r);
	} else if (m->x < pg->g.outline_cols && (e = pager_outline_row_entry(pg, m->y)) >= 0) {
		pg->outline_sel = e;
		pager_view_section_go(pg, v, e);
	}
	return PAGER_REDRAW_SCREEN;
}

/* j on the index: the next row. */
static int
pager_cmd_index_down(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, 1);
	return PAGER_REDRAW_SCREEN;
}

/* k on the index: the row above. */
static int
pager_cmd_index_up(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, -1);
	return PAGER_REDRAW_SCREEN;
}

/* Space on the index: a page of rows down. */
static int
pager_cmd_index_page_down(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, (long)pager_view_rows(pg));
	return PAGER_REDRAW_SCREEN;
}

/* b on the index: a page of rows up. */
static int
pager_cmd_index_page_up(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, -(long)pager_view_rows(pg));
	return PAGER_REDRAW_SCREEN;
}

/* d on the index: half a page of rows down. */
static int
pager_cmd_index_half_down(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, ((long)pager_view_rows(pg) + 1) / 2);
	return PAGER_REDRAW_SCREEN;
}

/* u on the index: half a page of rows up. */
static int
pager_cmd_index_half_up(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, -((long)pager_view_rows(pg) + 1) / 2);
	return PAGER_REDRAW_SCREEN;
}

/* g on the index: the first row. */
static int
pager_cmd_index_first(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, -(long)(SIZE_MAX / 4));
	return PAGER_REDRAW_SCREEN;
}

/* G on the index: the last row. */
static int
pager_cmd_index_last(struct pager *pg, long n)
{
	(void)n;
	pager_index_move(pg, (long)(SIZE_MAX / 4));
	return PAGER_REDRAW_SCREEN;
}

/* Enter on the index: open the row selected. */
static int
pager_cmd_index_open(struct pager *pg, long n)
{
	(void)n;
	pager_index_open(pg);
	return PAGER_REDRAW_SCREEN;
}

/* / on the index: the prompt of a search of every record. */
static int
pager_cmd_index_search(struct pager *pg, long n)
{
	(void)n;
	pager_index_prompt(pg);
	return PAGER_REDRAW_SCREEN;
}

/* i and Esc on the index: from the results back to the index, from the index back to the
 * record it was opened from. */
static int
pager_cmd_index_back(struct pager *pg, long n)
{
	(void)n;
	pager_index_back(pg);
	return PAGER_REDRAW_SCREEN;
}

/* q on the index: back as i does, or quit when there is nothing to go back to. */
static int
pager_cmd_index_quit(struct pager *pg, long n)
{
	(void)n;
	if (!pager_index_back(pg))
		pg->quit = 1;
	return PAGER_REDRAW_SCREEN;
}

/* The mouse on the index: the wheel moves the selection, a click picks a tab or opens a
 * row. */
static int
pager_cmd_index_mouse(struct pager *pg, long n)
{
	const struct pager_mouse *m = &pg->mouse_ev;
	int r;

	(void)n;
	if (m->what == PAGER_MOUSE_WHEEL_UP)
		pager_index_move(pg, -PAGER_CMD_WHEEL_LINES);
	else if (m->what == PAGER_MOUSE_WHEEL_DOWN)
		pager_index_move(pg, PAGER_CMD_WHEEL_LINES);
	else if (m->what != PAGER_MOUSE_CLICK)
		return PAGER_REDRAW_NONE;
	else if (m->y == pg->g.tabs_row) {
		if ((r = pager_tabs_hit(pg, m->x)) >= 0)
			pager_index_show(pg, (enum doc_region)r);
	} else
		pager_index_click(pg, m->y);
	return PAGER_REDRAW_SCREEN;
}

/* Enter at a prompt: its owner takes the line. */
static int
pager_cmd_prompt_accept(struct pager *pg, long n)
{
	(void)n;
	pg->edit->accept(pg);
	return PAGER_REDRAW_SCREEN;
}

/* Esc at a prompt: close it, undoing what it did. */
static int
pager_cmd_prompt_cancel(struct pager *pg, long n)
{
	(void)n;
	pg->edit->cancel(pg);
	return PAGER_REDRAW_SCREEN;
}

/* Backspace at a prompt: erase a character; on an empty line, cancel. */
static int
pager_cmd_prompt_erase(struct pager *pg, long n)
{
	if (pg->edit->len == 0)
		return pager_cmd_prompt_cancel(pg, n);
	pager_edit_erase(pg->edit);
	return PAGER_REDRAW_SCREEN;
}

/* Ctrl-W at a prompt: erase the last word. */
static int
pager_cmd_prompt_erase_word(struct pager *pg, long n)
{
	(void)n;
	pager_edit_erase_word(pg->edit);
	return PAGER_REDRAW_SCREEN;
}

/* Ctrl-U at a prompt: erase the line. */
static int
pager_cmd_prompt_erase_line(struct pager *pg, long n)
{
	(void)n;
	pager_edit_erase_line(pg->edit);
	return PAGER_REDRAW_SCREEN;
}

/* Up at a prompt: the line accepted before the one shown. */
static int
pager_cmd_prompt_older(struct pager *pg, long n)
{
	(void)n;
	pager_edit_history(pg->edit, 1);
	return PAGER_REDRAW_SCREEN;
}

/* Down at a prompt: the line accepted after the one shown, back to what was typed. */
static int
pager_cmd_prompt_newer(struct pager *pg, long n)
{
	(void)n;
	pager_edit_history(pg->edit, 0);
	return PAGER_REDRAW_SCREEN;
}

/* Ctrl-K at a prompt: the owner's option (the search: hiragana matches katakana). */
static int
pager_cmd_prompt_option(struct pager *pg, long n)
{
	(void)n;
	if (pg->edit->option != NULL)
		pg->edit->option(pg);
	return PAGER_REDRAW_SCREEN;
}

/* Ctrl-R at a prompt: the owner's second option (the search: a regular expression). */
static int
pager_cmd_prompt_regex(struct pager *pg, long n)
{
	(void)n;
	if (pg->edit->regex != NULL)
		pg->edit->regex(pg);
	return PAGER_REDRAW_SCREEN;
}

/* A key no command is bound to at a prompt: a character typed into the line. */
void
pager_cmd_prompt_insert(struct pager *pg, int key)
{
	pager_edit_insert(pg->edit, key);
}

/* Every command: the name a key table (and later a configuration file) binds, the help
 * shown for it, the function and its flags. */
static const struct pager_cmd pager_cmds[] = {
	{ "line-down", N_("one line down"), pager_cmd_line_down,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "line-up", N_("one line up"), pager_cmd_line_up, PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "screen-down", N_("one page down (with a number, that many lines)"),
	  pager_cmd_screen_down, PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "screen-up", N_("one page up (with a number, that many lines)"), pager_cmd_screen_up,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "page-down", N_("one page down (with a number, that many pages)"), pager_cmd_page_down,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "page-up", N_("one page up (with a number, that many pages)"), pager_cmd_page_up,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "half-down", N_("half a page down (a number sets the distance of d and u)"),
	  pager_cmd_half_down, PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "half-up", N_("half a page up"), pager_cmd_half_up, PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "top", N_("the beginning (with a number, that line)"), pager_cmd_top,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "bottom", N_("the end (with a number, that line); while a big record is still "
	  "reading, the end so far, followed as it grows"), pager_cmd_bottom,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "percent", N_("N percent of the way through the record, counted in bytes as less does "
	  "(50p: the middle)"), pager_cmd_percent, PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "section-next", N_("the next section on the top row (with a number, that many on)"),
	  pager_cmd_section_next, PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "section-prev", N_("the previous section on the top row"), pager_cmd_section_prev,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "mark-set", N_("mark the position with the letter typed next"), pager_cmd_mark_set, 0 },
	{ "mark-go", N_("go back to the mark of the letter typed next ('' goes back to where the last "
	  "jump started)"),
	  pager_cmd_mark_go, 0 },
	{ "search-forward", N_("search down: type the words and press Enter; the text moves to "
	  "the first match as you type, and Esc puts it back; Enter alone repeats the last "
	  "search"), pager_cmd_search_forward, PAGER_CMD_REDRAW },
	{ "search-backward", N_("search up"), pager_cmd_search_backward, PAGER_CMD_REDRAW },
	{ "search-next", N_("the next match in the direction of the search (past the last one, "
	  "from the other end)"), pager_cmd_search_next, PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "search-prev", N_("the previous match"), pager_cmd_search_prev,
	  PAGER_CMD_COUNT | PAGER_CMD_MOVE },
	{ "search-hide", N_("hide the matches until the next search"), pager_cmd_search_hide,
	  PAGER_CMD_REDRAW },
	{ "outline-focus", N_("move the focus to the outline and back"), pager_cmd_outline_focus,
	  PAGER_CMD_REDRAW },
	{ "outline-toggle", N_("hide or show the outline"), pager_cmd_outline_toggle,
	  PAGER_CMD_REDRAW },
	{ "index", N_("the index of the region, newest first, the record being read selected"),
	  pager_cmd_index, PAGER_CMD_REDRAW },
	{ "tab-next", N_("the index of the next region tab that has records (empty tabs are dimmed)"),
	  pager_cmd_tab_next, PAGER_CMD_REDRAW },
	{ "tab-prev", N_("the index of the previous region tab that has records"),
	  pager_cmd_tab_prev, PAGER_CMD_REDRAW },
	{ "tab-right", N_("the next region tab, an empty one too"), pager_cmd_tab_right,
	  PAGER_CMD_REDRAW },
	{ "tab-left", N_("the previous region tab, an empty one too"), pager_cmd_tab_left,
	  PAGER_CMD_REDRAW },
	{ "furniture", N_("show page furniture (site menus, photo captions, image galleries) in "
	  "place, dimmed, or hide it again"), pager_cmd_furniture, PAGER_CMD_REDRAW },
	{ "copy", N_("copy the section being read to the clipboard (OSC 52, over ssh too): its "
	  "text as written, without the screen's wrapping; with a number, that top-level "
	  "section; with the outline focused, the entry selected"), pager_cmd_copy,
	  PAGER_CMD_COUNT | PAGER_CMD_REDRAW },
	{ "mouse-toggle", N_("mouse off (a drag selects text, as in the terminal) or on again "
	  "(the wheel scrolls, a click selects)"), pager_cmd_mouse_toggle, PAGER_CMD_REDRAW },
	{ "record-prefix", NULL, pager_cmd_record_prefix, 0 },
	{ "record-next", N_("the next record of the region, without the index (of files "
	  "named on the command line, the next in the order given, as in less)"),
	  pager_cmd_record_next, PAGER_CMD_REDRAW },
	{ "record-prev", N_("the previous record of the region (or of the files named)"),
	  pager_cmd_record_prev, PAGER_CMD_REDRAW },
	{ "reload", N_("read the record again when the status line says its file changed on disk"),
	  pager_cmd_reload, PAGER_CMD_REDRAW },
	{ "help", N_("this help"), pager_cmd_help, PAGER_CMD_REDRAW },
	{ "help-close", N_("leave the help"), pager_cmd_help, PAGER_CMD_REDRAW },
	{ "redraw", N_("redraw the screen"), pager_cmd_redraw, PAGER_CMD_REDRAW },
	{ "quit", N_("quit"), pager_cmd_quit, 0 },
	{ "mouse", NULL, pager_cmd_mouse, PAGER_CMD_MOVE | PAGER_CMD_REDRAW },
	{ "outline-down", N_("select the next entry"), pager_cmd_outline_down,
	  PAGER_CMD_COUNT | PAGER_CMD_REDRAW },
	{ "outline-up", N_("select the entry above"), pager_cmd_outline_up,
	  PAGER_CMD_COUNT | PAGER_CMD_REDRAW },
	{ "outline-first", N_("select the first entry"), pager_cmd_outline_first,
	  PAGER_CMD_REDRAW },
	{ "outline-last", N_("select the last entry"), pager_cmd_outline_last, PAGER_CMD_REDRAW },
	{ "outline-go", N_("jump to the entry selected"), pager_cmd_outline_go,
	  PAGER_CMD_MOVE | PAGER_CMD_REDRAW },
	{ "outline-leave", N_("give the focus back to the text"), pager_cmd_outline_leave,
	  PAGER_CMD_REDRAW },
	{ "index-down", N_("the next row"), pager_cmd_index_down, PAGER_CMD_REDRAW },
	{ "index-up", N_("the row above"), pager_cmd_index_up, PAGER_CMD_REDRAW },
	{ "index-page-down", N_("a page of rows down"), pager_cmd_index_page_down,
	  PAGER_CMD_REDRAW },
	{ "index-page-up", N_("a page of rows up"), pager_cmd_index_page_up, PAGER_CMD_REDRAW },
	{ "index-half-down", N_("half a page of rows down"), pager_cmd_index_half_down,
	  PAGER_CMD_REDRAW },
	{ "index-half-up", N_("half a page of rows up"), pager_cmd_index_half_up,
	  PAGER_CMD_REDRAW },
	{ "index-first", N_("the first row"), pager_cmd_index_first, PAGER_CMD_REDRAW },
	{ "index-last", N_("the last row"), pager_cmd_index_last, PAGER_CMD_REDRAW },
	{ "index-open", N_("open the record where you left it, or a search result at its match"),
	  pager_cmd_index_open, PAGER_CMD_REDRAW },
	{ "index-search", N_("search every record: the results list each record and section that "
	  "holds the pattern"), pager_cmd_index_search, PAGER_CMD_REDRAW },
	{ "index-back", N_("from the results back to the index, from the index back to the record"),
	  pager_cmd_index_back, PAGER_CMD_REDRAW },
	{ "index-quit", N_("back as i does; quit when there is nothing to go back to"),
	  pager_cmd_index_quit, PAGER_CMD_REDRAW },
	{ "index-mouse", NULL, pager_cmd_index_mouse, PAGER_CMD_REDRAW },
	{ "prompt-accept", N_("take the line (Enter alone at / or ? repeats the last search)"),
	  pager_cmd_prompt_accept, PAGER_CMD_REDRAW },
	{ "prompt-cancel", N_("close the prompt and put the view back"), pager_cmd_prompt_cancel,
	  PAGER_CMD_REDRAW },
	{ "prompt-erase", N_("erase a character (on an empty line, close the prompt)"),
	  pager_cmd_prompt_erase, PAGER_CMD_REDRAW },
	{ "prompt-erase-word", N_("erase the last word"), pager_cmd_prompt_erase_word,
	  PAGER_CMD_REDRAW },
	{ "prompt-erase-line", N_("erase the line"), pager_cmd_prompt_erase_line,
	  PAGER_CMD_REDRAW },
	{ "prompt-older", N_("bring back the line typed before"), pager_cmd_prompt_older,
	  PAGER_CMD_REDRAW },
	{ "prompt-newer", N_("bring back the line typed after"), pager_cmd_prompt_newer,
	  PAGER_CMD_REDRAW },
	{ "prompt-option", N_("in a search, make hiragana and katakana match each other "
	  "(かな=カナ:on) or not"), pager_cmd_prompt_option, PAGER_CMD_REDRAW },
	{ "prompt-regex", N_("in a search, read the pattern as a regular expression "
	  "(regex:on) or as text"), pager_cmd_prompt_regex, PAGER_CMD_REDRAW },
	{ NULL, NULL, NULL, 0 }
};

/* The less-style keys, written once: each binds one group of keys to a command. */
#define PAGER_BIND_DOWN(c)	{ 'j', c }, { PAGER_KEY_DOWN, c }, { PAGER_CTRL('n'), c }, \
				{ PAGER_CTRL('e'), c }
#define PAGER_BIND_UP(c)	{ 'k', c }, { PAGER_KEY_UP, c }, \
				{ PAGER_CTRL('p'), c }, { PAGER_CTRL('y'), c }
#define PAGER_BIND_PAGE_DOWN(c)	{ ' ', c }, { 'f', c }, { PAGER_CTRL('f'), c }, \
				{ PAGER_CTRL('v'), c }
#define PAGER_BIND_PAGE_UP(c)	{ 'b', c }, { PAGER_CTRL('b'), c }
#define PAGER_BIND_HALF_DOWN(c)	{ 'd', c }, { PAGER_CTRL('d'), c }
#define PAGER_BIND_HALF_UP(c)	{ 'u', c }, { PAGER_CTRL('u'), c }
#define PAGER_BIND_FIRST(c)	{ 'g', c }, { '<', c }, { PAGER_KEY_HOME, c }
#define PAGER_BIND_LAST(c)	{ 'G', c }, { '>', c }, { PAGER_KEY_END, c }
#define PAGER_BIND_ENTER(c)	{ '\r', c }, { '\n', c }, { PAGER_KEY_ENTER, c }

/* The keys that move the text, on a record and on the help alike. */
static const struct pager_binding pager_keys_move[] = {
	PAGER_BIND_DOWN("line-down"), PAGER_BIND_ENTER("line-down"),
	PAGER_BIND_UP("line-up"),
	PAGER_BIND_PAGE_DOWN("screen-down"), PAGER_BIND_PAGE_UP("screen-up"),
	{ PAGER_KEY_PAGE_DOWN, "page-down" }, { PAGER_KEY_PAGE_UP, "page-up" },
	PAGER_BIND_HALF_DOWN("half-down"), PAGER_BIND_HALF_UP("half-up"),
	PAGER_BIND_FIRST("top"), PAGER_BIND_LAST("bottom"),
	{ 'p', "percent" }, { '%', "percent" },
	{ ']', "section-next" }, { '[', "section-prev" },
	{ 'm', "mark-set" }, { '\'', "mark-go" },
	{ '/', "search-forward" }, { '?', "search-backward" },
	{ 'n', "search-next" }, { 'N', "search-prev" },
	{ PAGER_CTRL('l'), "redraw" }, { PAGER_KEY_MOUSE, "mouse" },
	{ 0, NULL }
};

/* The keys of a record, besides those that move it. */
static const struct pager_binding pager_keys_text[] = {
	{ 'h', "help" }, { PAGER_KEY_F1, "help" },
	{ 'q', "quit" }, { 'Q', "quit" },
	{ '\t', "outline-focus" }, { 'o', "outline-toggle" }, { 'c', "furniture" },
	{ 'i', "index" }, { 't', "tab-next" }, { 'T', "tab-prev" },
	{ ':', "record-prefix" },
	{ PAGER_ESC, "search-hide" },
	{ 'R', "reload" },
	{ 'y', "copy" }, { 'M', "mouse-toggle" },
	{ 0, NULL }
};

/* The keys after : on a record. */
static const struct pager_binding pager_keys_record[] = {
	{ 'n', "record-next" }, { 'p', "record-prev" },
	{ 0, NULL }
};

/* The keys of the outline while it has the focus; the others are the text's. */
static const struct pager_binding pager_keys_outline[] = {
	{ 'j', "outline-down" }, { PAGER_KEY_DOWN, "outline-down" },
	{ 'k', "outline-up" }, { PAGER_KEY_UP, "outline-up" },
	PAGER_BIND_FIRST("outline-first"), PAGER_BIND_LAST("outline-last"),
	PAGER_BIND_ENTER("outline-go"), { ' ', "outline-go" },
	{ 'q', "outline-leave" }, { PAGER_ESC, "outline-leave" },
	{ 0, NULL }
};

/* The keys of the help screen, besides those that move it. */
static const struct pager_binding pager_keys_help[] = {
	{ 'q', "help-close" }, { 'Q', "help-close" }, { PAGER_ESC, "help-close" },
	{ 'h', "help-close" }, { PAGER_KEY_F1, "help-close" },
	{ 0, NULL }
};

/* The keys of the index. */
static const struct pager_binding pager_keys_index[] = {
	PAGER_BIND_DOWN("index-down"), PAGER_BIND_UP("index-up"), { 'y', "index-up" },
	PAGER_BIND_PAGE_DOWN("index-page-down"), { PAGER_KEY_PAGE_DOWN, "index-page-down" },
	PAGER_BIND_PAGE_UP("index-page-up"), { PAGER_KEY_PAGE_UP, "index-page-up" },
	PAGER_BIND_HALF_DOWN("index-half-down"), PAGER_BIND_HALF_UP("index-half-up"),
	PAGER_BIND_FIRST("index-first"), PAGER_BIND_LAST("index-last"),
	PAGER_BIND_ENTER("index-open"),
	{ 't', "tab-next" }, { 'T', "tab-prev" },
	{ PAGER_KEY_RIGHT, "tab-right" }, { PAGER_KEY_LEFT, "tab-left" },
	{ '/', "index-search" }, { '?', "index-search" },
	{ 'i', "index-back" }, { PAGER_ESC, "index-back" },
	{ 'q', "index-quit" }, { 'Q', "index-quit" },
	{ 'h', "help" }, { PAGER_KEY_F1, "help" },
	{ PAGER_CTRL('l'), "redraw" }, { PAGER_KEY_MOUSE, "index-mouse" },
	{ 'M', "mouse-toggle" },
	{ 0, NULL }
};

/* The keys of every prompt (the others are typed into the line). */
static const struct pager_binding pager_keys_prompt[] = {
	PAGER_BIND_ENTER("prompt-accept"),
	{ PAGER_ESC, "prompt-cancel" }, { PAGER_CTRL('c'), "prompt-cancel" },
	{ PAGER_CTRL('g'), "prompt-cancel" },
	{ 0x7f, "prompt-erase" }, { PAGER_CTRL('h'), "prompt-erase" },
	{ PAGER_KEY_BACKSPACE, "prompt-erase" }, { PAGER_KEY_DELETE, "prompt-erase" },
	{ PAGER_CTRL('w'), "prompt-erase-word" }, { PAGER_CTRL('u'), "prompt-erase-line" },
	{ PAGER_KEY_UP, "prompt-older" }, { PAGER_CTRL('p'), "prompt-older" },
	{ PAGER_KEY_DOWN, "prompt-newer" }, { PAGER_CTRL('n'), "prompt-newer" },
	{ PAGER_CTRL('k'), "prompt-option" }, { PAGER_CTRL('r'), "prompt-regex" },
	{ 0, NULL }
};

/* The key tables: the name and the bindings of each, searched in the order a screen
 * lists them (pager.c). */
static const struct pager_keytable pager_keytables[PAGER_KEYS_COUNT] = {
	[PAGER_KEYS_MOVE] = { "move", "", pager_keys_move },
	[PAGER_KEYS_TEXT] = { "text", "", pager_keys_text },
	[PAGER_KEYS_RECORD] = { "record", ":", pager_keys_record },
	[PAGER_KEYS_OUTLINE] = { "outline", "", pager_keys_outline },
	[PAGER_KEYS_HELP] = { "help", "", pager_keys_help },
	[PAGER_KEYS_INDEX] = { "index", "", pager_keys_index },
	[PAGER_KEYS_PROMPT] = { "prompt", "", pager_keys_prompt },
};

/* Return the command called name, or NULL. */
const struct pager_cmd *
pager_cmd_find(const char *name)
{
	const struct pager_cmd *c;

	for (c = pager_cmds; c->name != NULL; c++) {
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

/* A key bound by the configuration (bind KEY COMMAND): it comes before the tables'. */
struct pager_user_binding {
	enum pager_keys	 t;		/* the table it is added to */
	int		 key;		/* a character or a PAGER_KEY_* */
	const struct pager_cmd *cmd;
};
static struct pager_user_binding *pager_user_bindings;
static size_t pager_user_nbindings;

/* Turn a key as the configuration writes it (a character, ^X, Enter, Space, PageDown,
 * ...) into up to three keys (Enter is CR, LF and the key pad's); returns how many, 0 if
 * unknown. */
static int
pager_cmd_key_parse(const char *name, int keys[3])
{
	static const struct {
		const char *name;
		int key, also;
	} named[] = {
		{ "Enter", '\r', PAGER_KEY_ENTER }, { "Tab", '\t', 0 }, { "Space", ' ', 0 },
		{ "Esc", PAGER_ESC, 0 }, { "Backspace", 0x7f, PAGER_KEY_BACKSPACE },
		{ "Up", PAGER_KEY_UP, 0 }, { "Down", PAGER_KEY_DOWN, 0 },
		{ "Left", PAGER_KEY_LEFT, 0 }, { "Right", PAGER_KEY_RIGHT, 0 },
		{ "PageUp", PAGER_KEY_PAGE_UP, 0 }, { "PageDown", PAGER_KEY_PAGE_DOWN, 0 },
		{ "Home", PAGER_KEY_HOME, 0 }, { "End", PAGER_KEY_END, 0 },
		{ "F1", PAGER_KEY_F1, 0 }
	};
	size_t i, len = strlen(name);
	ucs4_t uc;

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (strcasecmp(name, named[i].name) == 0) {
			keys[0] = named[i].key;
			keys[1] = named[i].also;
			keys[2] = '\n';
			return named[i].key == '\r' ? 3 : named[i].also != 0 ? 2 : 1;
		}
	}
	if (len == 2 && name[0] == '^' && name[1] >= '?' && name[1] <= 'z') {
		keys[0] = name[1] == '?' ? 0x7f : PAGER_CTRL(name[1]);
		return 1;
	}
	if (len > 0 && u8_mbtouc(&uc, (const uint8_t *)name, len) == (int)len &&
	    uc > ' ' && uc != 0x7f && uc != 0xfffd) {
		keys[0] = (int)uc;
		return 1;
	}
	return 0;
}

/* Return 1 if table t binds command name (or, for a table behind a prefix such as :,
 * nothing: its commands are bound on the reader itself). */
static int
pager_cmd_table_has(enum pager_keys t, const char *name)
{
	const struct pager_binding *b;

	for (b = pager_keytables[t].bindings; b->cmd != NULL; b++) {
		if (strcmp(b->cmd, name) == 0)
			return 1;
	}
	return 0;
}

/* Bind key (as the configuration writes it) to the command called name on every screen
 * whose keys run it: it comes before the built-in keys there.  Return 0, or -1 with
 * *cause set (an unknown key or command, or one no key can run). */
int
pager_cmd_bind(const char *key, const char *name, char **cause)
{
	const struct pager_cmd *c = pager_cmd_find(name);
	struct pager_user_binding *ub;
	int keys[3], nkeys, t, k, bound = 0;
	enum pager_keys where;

	if ((nkeys = pager_cmd_key_parse(key, keys)) == 0) {
		*cause = xasprintf(_("bind: unknown key '%s' (a character, ^X, Enter, Tab, "
		    "Space, Up, PageDown, ...)"), key);
		return -1;
	}
	if (c == NULL || c->help == NULL) {
		*cause = xasprintf(_("bind: unknown command '%s' (h lists the commands' "
		    "names)"), name);
		return -1;
	}
	for (t = 0; t < PAGER_KEYS_COUNT; t++) {
		if (!pager_cmd_table_has((enum pager_keys)t, name))
			continue;
		where = pager_keytables[t].prefix[0] != '\0' ? PAGER_KEYS_TEXT :
		    (enum pager_keys)t;
		for (k = 0; k < nkeys; k++) {
			pager_user_bindings = xreallocarray(pager_user_bindings,
			    pager_user_nbindings + 1, sizeof *pager_user_bindings);
			ub = &pager_user_bindings[pager_user_nbindings++];
			ub->t = where;
			ub->key = keys[k];
			ub->cmd = c;
		}
		bound = 1;
	}
	if (!bound) {
		*cause = xasprintf(_("bind: '%s' is not a command a key runs"), name);
		return -1;
	}
	return 0;
}

/* Forget the keys the configuration bound. */
void
pager_cmd_unbind_all(void)
{
	free(pager_user_bindings);
	pager_user_bindings = NULL;
	pager_user_nbindings = 0;
}

/* Return the command key is bound to in table t, or NULL: a key the configuration bound
 * first (the last bind of a key wins), then the table's. */
const struct pager_cmd *
pager_cmd_lookup(enum pager_keys t, int key)
{
	const struct pager_binding *b;
	size_t i;

	for (i = pager_user_nbindings; i > 0; i--) {
		if (pager_user_bindings[i - 1].t == t && pager_user_bindings[i - 1].key == key)
			return pager_user_bindings[i - 1].cmd;
	}

	for (b = pager_keytables[t].bindings; b->cmd != NULL; b++) {
		if (b->key == key)
			return pager_cmd_find(b->cmd);
	}
	return NULL;
}

/* Return key table t. */
const struct pager_keytable *
pager_cmd_keytable(enum pager_keys t)
{
	return &pager_keytables[t];
}

/* Return the first of the commands (the table ends with a NULL name). */
const struct pager_cmd *
pager_cmd_all(void)
{
	return pager_cmds;
}

/* Write the name of key as the help and the manual spell it (Space, Ctrl-N, Down, j) to
 * buf; returns buf.  The mouse has no name: an empty string. */
static const char *
pager_key_name(int key, char *buf, size_t size)
{
	static const char *const special[] = {
		"Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Enter",
		"Backspace", "Delete", "F1", "", "", ""
	};
	uint8_t u[6];
	int n;

	if (key >= PAGER_KEY_UP && key <= PAGER_KEY_OTHER)
		snprintf(buf, size, "%s", special[key - PAGER_KEY_UP]);
	else if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key == '\t')
		snprintf(buf, size, "Tab");
	else if (key == '\r' || key == '\n')
		snprintf(buf, size, "Enter");
	else if (key == PAGER_ESC)
		snprintf(buf, size, "Esc");
	else if (key == 0x7f)
		snprintf(buf, size, "Backspace");
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if ((n = u8_uctomb(u, (ucs4_t)key, sizeof u)) > 0)
		snprintf(buf, size, "%.*s", n, (const char *)u);
	else
		buf[0] = '\0';
	return buf;
}

/* Write to f the names of the keys bound to command c in table t, each after the table's
 * prefix, joined by sep, a name given twice (Enter: CR, LF) once.  Returns the count. */
static int
pager_cmd_keys_write(FILE *f, enum pager_keys t, const struct pager_cmd *c,
    const char *before, const char *after, const char *sep)
{
	const struct pager_keytable *kt = &pager_keytables[t];
	const struct pager_binding *b, *o;
	char name[32], other[32];
	int n = 0, dup;

	for (b = kt->bindings; b->cmd != NULL; b++) {
		if (strcmp(b->cmd, c->name) != 0 || *pager_key_name(b->key, name,
		    sizeof name) == '\0')
			continue;
		for (dup = 0, o = kt->bindings; o < b; o++) {
			if (strcmp(o->cmd, c->name) == 0 &&
			    strcmp(pager_key_name(o->key, other, sizeof other), name) == 0)
				dup = 1;
		}
		if (dup)
			continue;
		fprintf(f, "%s%s%s%s%s", n > 0 ? sep : "", before, kt->prefix, name, after);
		n++;
	}
	return n;
}

/* Return 1 if c is the command of an earlier binding of table t than b. */
static int
pager_cmd_seen(enum pager_keys t, const struct pager_binding *b)
{
	const struct pager_binding *o;

	for (o = pager_keytables[t].bindings; o < b; o++) {
		if (strcmp(o->cmd, b->cmd) == 0)
			return 1;
	}
	return 0;
}

/* Write the keys of table t to f, a command a line, in the order of their first binding:
 * as items of the help screen, lines of --help, or .TP paragraphs of the manual. */
void
pager_cmd_doc(FILE *f, enum pager_keys t, enum pager_doc style)
{
	const struct pager_binding *b;
	const struct pager_cmd *c;
	char *keys;
	size_t len;
	FILE *k;

	for (b = pager_keytables[t].bindings; b->cmd != NULL; b++) {
		if ((c = pager_cmd_find(b->cmd)) == NULL || c->help == NULL ||
		    pager_cmd_seen(t, b))
			continue;
		keys = NULL;
		if ((k = open_memstream(&keys, &len)) == NULL)
			fatal("open_memstream failed");
		if (style == PAGER_DOC_MAN)
			pager_cmd_keys_write(k, t, c, "\\fB", "\\fR", ", ");
		else
			pager_cmd_keys_write(k, t, c, "", "", style == PAGER_DOC_HELP ? ", " : " ");
		fclose(k);
		if (style == PAGER_DOC_HELP)
			fprintf(f, _("  • %s: %s (%s).\n"), keys, _(c->help), c->name);
		else if (style == PAGER_DOC_USAGE)
			fprintf(f, "  %-30s %s\n", keys, c->name);
		else
			fprintf(f, ".TP\n%s  (%s)\n%c%s.\n", keys, c->name,
			    c->help[0] >= 'a' && c->help[0] <= 'z' ? c->help[0] - 'a' + 'A' :
			    c->help[0], c->help + 1);
		free(keys);
	}
}
