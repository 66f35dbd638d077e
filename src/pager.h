/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager.h: the ncurses program: region tabs, outline pane, text pane, status line, help
 * and the input loop.  The only layer that draws; it keeps byte offsets, never pointers into
 * a layout, so a relayout at another width keeps the reading position.  Inside it calls go
 * one way: the screens (pager.c) -> the commands (pager-cmd.c) -> the view, the index, the
 * search, the line editor -> the renderer (pager-render.c) and the terminal (pager-term.c),
 * the only two files that include curses (tests/codecheck.py checks it). */
#ifndef KIROKU_PAGER_H
#define KIROKU_PAGER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

#include "doc.h"
#include "layout.h"
#include "library.h"

/* Where the first record opened starts (less's +G, +NUM, +/PATTERN, -p PATTERN). */
enum pager_start {
	PAGER_START_NONE,	/* the saved reading position, else the top */
	PAGER_START_TOP,	/* +g */
	PAGER_START_END,	/* +G */
	PAGER_START_LINE,	/* +NUM: the start of source line NUM */
	PAGER_START_PATTERN	/* +/PATTERN, -p PATTERN: the first match */
};

/* Colours of the title and the headings (--theme). */
enum pager_theme {
	PAGER_THEME_NONE,	/* attributes only, the terminal's own colours (the default) */
	PAGER_THEME_AUTO,	/* ask the terminal for its background, then light or dark */
	PAGER_THEME_LIGHT,	/* for dark text on a light background */
	PAGER_THEME_DARK	/* for light text on a dark background */
};

struct pager_opts {
	enum layout_kinsoku kinsoku;
	int	hang;		/* hanging punctuation on */
	int	ambiguous;	/* 0: ask the terminal; 1 or 2: columns of East Asian Ambiguous */
	int	color;		/* 0: monochrome (--no-color, NO_COLOR) */
	int	secure;		/* 1: write nothing (--secure, KIROKU_SECURE=1) */
	int	no_outline;	/* 1: start with the outline hidden (--no-outline) */
	int	regex;		/* 1: searches are regular expressions (--regex) */
	enum pager_start start;	/* where the first record opened starts */
	long	start_line;	/* PAGER_START_LINE: the source line, from 1 */
	char	*start_pattern;	/* PAGER_START_PATTERN: owned */
	int	ordered;	/* 1: files were named, :n and :p follow their order */
	enum pager_theme theme;	/* --theme */
	int	mouse;		/* 0: leave the mouse to the terminal (--no-mouse) */
	int	furniture;	/* 1: show page furniture at start (--furniture) */
};

struct pager;
struct pager_search;
struct pager_index;
struct library_state;

#define PAGER_NMARKS	26	/* marks a to z */
#define PAGER_NO_SECTION (-1)	/* no outline entry (before the first heading) */

/* Where the reading is in one document: survives a relayout because it is a byte offset. */
struct pager_pos {
	size_t	off;		/* byte offset of the first byte of the top visual line */
	int	blank;		/* 1 if the top visual line is a blank line above off */
};

/* The top-level outline entries of a view's doc, counted for the status line. */
struct pager_tops {
	size_t		 len;		/* the doc's text.len when counted */
	unsigned	 changes;	/* its outline_changes then */
	size_t		 scanned;	/* entries looked at */
	uint32_t	*tops;		/* owned: indexes of the top-level entries among them */
	size_t		 ntops;
	size_t		 alloc;
};

/* One document as the pager shows it: the doc, its layout for the text pane's width, and
 * the reading position.  A record's view owns its doc (the help screen's is the pager's). */
struct pager_view {
	struct doc	*d;
	char		*fingerprint;	/* owned: library_state_fingerprint of d's text, or NULL */
	struct layout	*lo;		/* owned: a window of the layout around top, NULL
					 * until laid out */
	int		 lo_cols;	/* display columns lo was made for */
	size_t		 top;		/* index of the top visual line in lo's window */
	struct pager_pos anchor;	/* the position the reader chose: a relayout puts it on top */
	struct pager_pos marks[PAGER_NMARKS];
	unsigned int	 marks_set;	/* bit n: mark 'a'+n is set */
	struct pager_pos prev;		/* where the last jump started ('' returns here) */
	int		 prev_set;
	int		 restore_wait;	/* the saved position goes on top once the record has
					 * loaded, unless the reader moves first */
	int		 follow_end;	/* G while loading: keep the end in view as it grows,
					 * until the next key */
	int		 load_seen;	/* the end of its load was taken (pager-load.c) */
	int		 load_paused;	/* a stream read PAGER_LOAD_AHEAD past the reader waits */
	struct pager_tops tops;		/* the top-level entries of d */
};

/* A key as the commands see it: a character is its code point; the other keys come after
 * the last code point (pager-term.c turns the terminal's codes into these). */
enum pager_key {
	PAGER_KEY_UP = 0x110000,
	PAGER_KEY_DOWN,
	PAGER_KEY_LEFT,
	PAGER_KEY_RIGHT,
	PAGER_KEY_PAGE_UP,
	PAGER_KEY_PAGE_DOWN,
	PAGER_KEY_HOME,
	PAGER_KEY_END,
	PAGER_KEY_ENTER,
	PAGER_KEY_BACKSPACE,
	PAGER_KEY_DELETE,
	PAGER_KEY_F1,
	PAGER_KEY_RESIZE,
	PAGER_KEY_MOUSE,	/* pager_term_mouse says what it was */
	PAGER_KEY_OTHER		/* a key kiroku has no use for */
};
#define PAGER_CTRL(c)	((c) & 0x1f)
#define PAGER_ESC	0x1b

/* What the last PAGER_KEY_MOUSE was. */
enum pager_mouse_what {
	PAGER_MOUSE_NONE,
	PAGER_MOUSE_WHEEL_UP,
	PAGER_MOUSE_WHEEL_DOWN,
	PAGER_MOUSE_CLICK
};
struct pager_mouse {
	enum pager_mouse_what what;
	int	y;		/* screen row */
	int	x;		/* screen column */
};

/* The screens, kept as a stack: the reader or the index at the bottom, the outline focus,
 * the help, a prompt and the letter after m, ' or : over them.  The top one takes the keys
 * (pager.c binds them per screen, pager-cmd.c names them). */
enum pager_screen {
	PAGER_SCREEN_READER,	/* the record cur: outline and text panes */
	PAGER_SCREEN_INDEX,	/* the index of region, or the results of a search from it */
	PAGER_SCREEN_OUTLINE,	/* the outline pane has the focus */
	PAGER_SCREEN_HELP,	/* the help record */
	PAGER_SCREEN_PROMPT,	/* a line typed on the status line (pg->edit) */
	PAGER_SCREEN_MARK,	/* the letter after m or ' */
	PAGER_SCREEN_RECORD,	/* the letter after : */
	PAGER_SCREEN_COUNT
};
#define PAGER_STACK_MAX	8

/* The line editor of a prompt on the status line, one for every prompt: the search's and
 * the index's each own one. */
#define PAGER_EDIT_HISTORY	100	/* lines kept for Up and Down */
struct pager_edit {
	int	 lead;		/* the character shown first ('/' or '?'), 0 while closed */
	char	*buf;		/* what is typed, UTF-8, owned, NUL-terminated */
	size_t	 len;		/* bytes in buf */
	size_t	 max;		/* bytes buf may hold */
	char	*draft;		/* what was typed before Up went into the history, owned */
	char	*hist[PAGER_EDIT_HISTORY]; /* lines accepted, oldest first, owned */
	size_t	 nhist;
	size_t	 hist_pos;	/* entry shown, nhist when not browsing */
	int	 dirty;		/* the line changed since the owner last looked */
	int	 too_long;	/* the last key was refused: the line is max bytes long */
	/* What the owner does with it (set when opened). */
	void	(*accept)(struct pager *);
	void	(*cancel)(struct pager *);
	void	(*option)(struct pager *);	/* Ctrl-K, or NULL */
	void	(*regex)(struct pager *);	/* Ctrl-R, or NULL */
	void	(*info)(struct pager *, char *buf, size_t size); /* the right end */
};

/* The screen split, recomputed on every resize. */
struct pager_geom {
	int	rows;		/* terminal rows */
	int	cols;		/* terminal columns */
	int	notice;		/* 1: too small for anything, one line of notice */
	int	tabs_row;	/* row of the tab strip, -1 if none */
	int	status_row;	/* row of the status line, -1 if none */
	int	body_y;		/* first row of the panes */
	int	body_rows;	/* rows of the panes */
	int	outline_cols;	/* display columns of the outline pane, 0 if hidden */
	int	text_x;		/* first column of the text pane */
	int	text_cols;	/* display columns of the text pane */
};

/* The region tab strip as placed for the screen's width (pager_index_tabs_place). */
struct pager_tabs {
	char	label[DOC_REGION_COUNT][96];	/* " name count " */
	int	x[DOC_REGION_COUNT];	/* column of each tab shown, -1 if not shown */
	int	cols[DOC_REGION_COUNT];	/* display columns of each tab shown */
	int	ntabs;			/* tabs there are */
	int	cur;			/* the current one */
	int	first;			/* first tab shown when the strip scrolls */
	int	last;			/* last tab shown */
};

/* What the last draw of a record put on the screen, to see a scroll of a few lines. */
struct pager_drawn {
	const struct pager_view	*v;
	const struct layout	*lo;
	unsigned int		 gen;		/* lo->gen drawn */
	long long		 top;		/* the number of the top line drawn (lo->first_line
						 * + v->top) */
	int			 rows;		/* screen rows */
	int			 cols;		/* screen columns */
	int			 outline_cols;	/* display columns of the outline pane */
	int			 outline_top;	/* first outline entry drawn */
	int			 cursec;	/* the section marked in the outline */
	int			 valid;
};

/* The whole program state.  lib is the library (not owned); cur is the entry read. */
struct pager {
	struct library		 *lib;
	size_t			  cur;		/* entry of lib read on PAGER_SCREEN_READER */
	const struct pager_opts	 *po;
	enum pager_screen	  stack[PAGER_STACK_MAX];	/* the screens, bottom first */
	int			  depth;	/* screens on the stack, at least 1 */
	enum doc_region		  region;	/* the region tab shown */
	struct pager_index	 *index;	/* owned: per-tab selections, the search from it */
	struct library_state	 *state;	/* owned: positions and marks, NULL before loaded */

	struct pager_view	**views;	/* owned, one per entry, NULL until opened; each
						 * view owns its doc once loaded */
	struct pager_view	  help;		/* the help screen, its doc owned */

	struct pager_geom	  g;
	int			  outline_on;	/* o: 1 shows the outline pane when it fits */
	int			  furniture;	/* c: 1 shows page furniture, dimmed */
	int			  start_pending; /* po->start is still to apply to the first
						 * record opened */
	struct pager_view	 *start_view;	/* the record it applies to, once opened */
	int			  outline_sel;	/* selected outline entry while focused */
	int			  outline_top;	/* first outline entry shown */
	struct pager_tabs	  tabs;		/* the tab strip as placed for the screen */

	long			  count;	/* less-style count prefix, 0 if none */
	int			  mark_key;	/* on PAGER_SCREEN_MARK: 'm' or '\'' */
	struct pager_edit	 *edit;		/* on PAGER_SCREEN_PROMPT: the line typed (not
						 * owned: the search's or the index's) */
	struct pager_mouse	  mouse_ev;	/* the last mouse report */
	long			  half_rows;	/* d/u distance set by a count, 0: half a page */
	char			 *msg;		/* status line message, owned, or NULL */
	char			 *msg_brief;	/* its brief form for a narrow line, owned, or
						 * NULL; set with msg (pager-msg.c) */
	const char		 *locale_notice; /* said once in the status line, or NULL */
	int			  color;	/* colours started */
	int			  mouse;	/* mouse reports enabled */
	int			  quit;
	int			  redraw;	/* Ctrl-L: repaint everything */
	struct pager_drawn	  drawn;	/* the last draw of a record */
	struct pager_search	 *search;	/* owned: the prompt, the pattern, its matches */
};

/* Attributes a screen draws in (pager-render.c turns them into the terminal's). */
#define PAGER_ATTR_NORMAL	0
#define PAGER_ATTR_BOLD		0x01
#define PAGER_ATTR_REVERSE	0x02
#define PAGER_ATTR_DIM		0x04
#define PAGER_ATTR_HEADING	0x08	/* the colour of headings */
#define PAGER_ATTR_TITLE	0x10	/* the colour of the title */
#define PAGER_ATTR_UNDERLINE	0x20

/* What a command asks to be redrawn. */
#define PAGER_REDRAW_NONE	0	/* nothing shown changed */
#define PAGER_REDRAW_SCREEN	1	/* the screen: curses sends what changed */
#define PAGER_REDRAW_ALL	2	/* every cell, as if the terminal lost it (Ctrl-L) */

/* What a command needs, in its flags. */
#define PAGER_CMD_COUNT		0x01	/* takes the count typed before its key */
#define PAGER_CMD_MOVE		0x02	/* moves the view: may set the reading position */
#define PAGER_CMD_REDRAW	0x04	/* changes what is shown */

/* A named command: what keys are bound to (and a configuration file will bind). */
struct pager_cmd {
	const char	*name;
	const char	*help;		/* one phrase for the help and the manual, NULL:
					 * not listed (the mouse, a prefix) */
	int		(*fn)(struct pager *, long count);	/* returns PAGER_REDRAW_* */
	int		 flags;		/* PAGER_CMD_* */
};

/* A key bound to a command by name. */
struct pager_binding {
	int		 key;		/* a character or a PAGER_KEY_* */
	const char	*cmd;
};

/* The key tables: a screen searches some of them in its order. */
enum pager_keys {
	PAGER_KEYS_MOVE,	/* moving the text: a record, the help */
	PAGER_KEYS_TEXT,	/* the rest of a record's keys */
	PAGER_KEYS_RECORD,	/* after : */
	PAGER_KEYS_OUTLINE,	/* the outline with the focus */
	PAGER_KEYS_HELP,	/* the help screen */
	PAGER_KEYS_INDEX,	/* the index */
	PAGER_KEYS_PROMPT,	/* a prompt */
	PAGER_KEYS_COUNT
};
struct pager_keytable {
	const char	*name;
	const char	*prefix;	/* typed before each key (":"), or "" */
	const struct pager_binding *bindings;	/* ends with a NULL cmd */
};

/* How pager_cmd_doc writes a key table. */
enum pager_doc {
	PAGER_DOC_HELP,		/* items of the help screen */
	PAGER_DOC_USAGE,	/* lines of --help */
	PAGER_DOC_MAN		/* .TP paragraphs of the manual */
};

/* pager.c */
int	 pager_run(struct library *lib, struct doc **docs, const struct pager_opts *po);
void	 pager_frame(struct pager *pg);
void	 pager_input(struct pager *pg, int key);
void	 pager_start(struct pager *pg);
void	 pager_init(struct pager *pg, struct library *lib, struct doc **docs,
	    const struct pager_opts *po);
void	 pager_free(struct pager *pg);

/* pager-cmd.c */
const struct pager_cmd *pager_cmd_find(const char *name);
const struct pager_cmd *pager_cmd_lookup(enum pager_keys t, int key);
const struct pager_keytable *pager_cmd_keytable(enum pager_keys t);
const struct pager_cmd *pager_cmd_all(void);
void	 pager_cmd_doc(FILE *f, enum pager_keys t, enum pager_doc style);
void	 pager_cmd_mark_letter(struct pager *pg, int key);
void	 pager_cmd_record_other(struct pager *pg, int key);
void	 pager_cmd_prompt_insert(struct pager *pg, int key);
int	 pager_cmd_bind(const char *key, const char *name, char **cause);
void	 pager_cmd_unbind_all(void);

/* pager-screen.c */
enum pager_screen pager_screen_top(const struct pager *pg);
enum pager_screen pager_screen_base(const struct pager *pg);
int	 pager_screen_has(const struct pager *pg, enum pager_screen s);
void	 pager_screen_push(struct pager *pg, enum pager_screen s);
void	 pager_screen_pop(struct pager *pg);
void	 pager_screen_close(struct pager *pg, enum pager_screen s);
void	 pager_screen_reset(struct pager *pg, enum pager_screen s);

/* pager-edit.c */
void	 pager_edit_init(struct pager_edit *e, size_t max);
void	 pager_edit_clear(struct pager_edit *e);
void	 pager_edit_open(struct pager *pg, struct pager_edit *e, int lead);
void	 pager_edit_close(struct pager *pg);
void	 pager_edit_remember(struct pager_edit *e, const char *line);
int	 pager_edit_insert(struct pager_edit *e, int cp);
void	 pager_edit_erase(struct pager_edit *e);
void	 pager_edit_erase_word(struct pager_edit *e);
void	 pager_edit_erase_line(struct pager_edit *e);
void	 pager_edit_history(struct pager_edit *e, int older);
void	 pager_edit_draw(const struct pager_edit *e, int y, int cols, const char *right);

/* pager-view.c */
struct pager_view *pager_view_current(struct pager *pg);
const struct doc *pager_doc_current(struct pager *pg);
size_t	 pager_view_rows(struct pager *pg);
void	 pager_view_sync(struct pager *pg);
struct pager_pos pager_view_pos(const struct pager_view *v);
void	 pager_view_top_off(struct pager *pg, struct pager_view *v, size_t off);
void	 pager_view_layout(struct pager *pg, struct pager_view *v, int cols);
void	 pager_view_show(struct pager *pg, struct pager_view *v, struct pager_pos pos);
void	 pager_view_clamp_end(struct pager *pg, struct pager_view *v);
void	 pager_view_follow_end(struct pager *pg, struct pager_view *v);
void	 pager_view_down(struct pager *pg, struct pager_view *v, size_t n);
void	 pager_view_up(struct pager *pg, struct pager_view *v, size_t n);
void	 pager_view_go_start(struct pager *pg, struct pager_view *v, size_t n);
void	 pager_view_go_end(struct pager *pg, struct pager_view *v);
void	 pager_view_percent(struct pager *pg, struct pager_view *v, long percent);
void	 pager_view_jump_start(struct pager_view *v);
void	 pager_view_moved(struct pager *pg, struct pager_view *v, struct pager_pos before);
int	 pager_view_jump_back(struct pager *pg, struct pager_view *v);
void	 pager_view_mark_set(struct pager_view *v, int n);
int	 pager_view_mark_go(struct pager *pg, struct pager_view *v, int n);
int	 pager_view_section(const struct pager_view *v);
void	 pager_view_section_go(struct pager *pg, struct pager_view *v, int s);
int	 pager_view_section_step(struct pager *pg, struct pager_view *v, long n);
int	 pager_view_section_top(struct pager_view *v, int section, size_t *n, size_t *total);
void	 pager_view_tops_clear(struct pager_view *v);
void	 pager_view_resize(struct pager *pg);
void	 pager_message_v(struct pager *pg, const char *fmt, va_list ap);
void	 pager_message(struct pager *pg, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

/* pager-draw.c */
void	 pager_draw_reader(struct pager *pg, int full);
void	 pager_draw_tabs(struct pager *pg);
void	 pager_draw_notice(struct pager *pg);
int	 pager_outline_row_entry(struct pager *pg, int row);
int	 pager_tabs_hit(struct pager *pg, int col);
char	*pager_outline_label(const struct doc *d, size_t section, int maxcols, int *cols);

/* pager-render.c */
void	 pager_render_attr(int a);
int	 pager_render_attr_get(void);
void	 pager_render_move(int y, int x);
void	 pager_render_char(int c);
void	 pager_render_spaces(int n);
void	 pager_render_clear_eol(void);
void	 pager_render_erase(void);
void	 pager_render_vline(int y, int x);
void	 pager_render_utf8(int y, int x, const char *s, size_t len);
int	 pager_render_text(int y, int x, int maxcols, const char *s);
int	 pager_render_untrusted(int y, int x, int maxcols, const char *s, size_t len);

/* pager-msg.c */
void	 pager_message_brief(struct pager *pg, const char *brief, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
char	*pager_message_fit(const struct pager *pg, int cols, int namecols, int rightcols,
	    int *keep_name, int *keep_right, int *textcols);
void	 pager_render_size(int *rows, int *cols);
void	 pager_render_flush(int full);
int	 pager_render_theme(enum pager_theme t);

/* pager-term.c */
const char *pager_locale_setup(const char **brief);
int	 pager_term_changed_take(void);
int	 pager_term_dumb(void);
int	 pager_term_mouse_set(struct pager *pg, int on);
void	 pager_term_copy(const char *s, size_t len);
int	 pager_term_background_dark(void);
int	 pager_term_start(struct pager *pg);
void	 pager_term_stop(void);
int	 pager_term_read(int *key, struct pager_mouse *m);
int	 pager_term_wait_fd(int ms, int fd);
int	 pager_term_eof(int got);
int	 pager_term_size_sync(void);
int	 pager_term_signal(void);
void	 pager_term_intr_catch(volatile sig_atomic_t *flag);
void	 pager_term_intr_allow(int on);
#define PAGER_TERM_CANCEL_KEY	2	/* pager_term_watch_start: a key is waiting */
void	 pager_term_watch_start(volatile sig_atomic_t *flag);
void	 pager_term_watch_stop(void);

/* pager-dumb.c */
void	 pager_dumb_start(void);
int	 pager_dumb_line(int pct);
int	 pager_dumb_quitting(void);
void	 pager_dumb_stop(void);

/* pager-search.c */
#define PAGER_SEARCH_HIT	1	/* pager_search_hit: inside a match */
#define PAGER_SEARCH_HIT_CUR	2	/* inside the current match */
struct pager_search *pager_search_create(void);
void	 pager_search_free(struct pager_search *ps);
void	 pager_search_open(struct pager *pg, int dir);
int	 pager_search_set(struct pager *pg, const char *pat);
void	 pager_search_regex_set(struct pager_search *ps, int on);
void	 pager_search_repeat(struct pager *pg, int reverse, long n);
void	 pager_search_hide(struct pager *pg);
void	 pager_search_update(struct pager *pg);
int	 pager_search_hit(struct pager *pg, const struct doc *d, size_t off);
size_t	 pager_search_section_count(struct pager *pg, const struct doc *d, size_t section);
int	 pager_search_status(struct pager *pg, const struct doc *d, char *buf, size_t size);
void	 pager_search_forget(struct pager *pg, const struct doc *d);
void	 pager_search_draw_prompt(struct pager *pg, int y, int cols);

/* pager-index.c */
struct pager_index *pager_index_create(void);
void	 pager_index_free(struct pager_index *pi);
void	 pager_index_show(struct pager *pg, enum doc_region r);
void	 pager_index_tab_step(struct pager *pg, int dir, int skip_empty);
void	 pager_index_move(struct pager *pg, long n);
void	 pager_index_open(struct pager *pg);
void	 pager_index_click(struct pager *pg, int y);
void	 pager_index_prompt(struct pager *pg);
int	 pager_index_back(struct pager *pg);
void	 pager_index_update(struct pager *pg);
void	 pager_index_resize(struct pager *pg);
int	 pager_index_searching(struct pager *pg);
void	 pager_index_search(struct pager *pg);
void	 pager_index_tabs_place(struct pager *pg);
void	 pager_index_draw(struct pager *pg);
int	 pager_index_work(struct pager *pg);
void	 pager_index_record_step(struct pager *pg, int dir);

/* pager-state.c */
void	 pager_state_start(struct pager *pg);
void	 pager_state_restore(struct pager *pg, size_t i, struct pager_view *v);
int	 pager_record_open(struct pager *pg, size_t i, size_t off);
void	 pager_record_leave(struct pager *pg);
void	 pager_state_quit(struct pager *pg);
void	 pager_state_free(struct pager *pg);

/* pager-load.c */
void	 pager_load_lock(void);
void	 pager_load_unlock(void);
int	 pager_load_fd(void);
int	 pager_load_update(struct pager *pg);
void	 pager_load_stop(void);
int	 pager_load_finish(struct pager *pg, struct pager_view *v);

/* pager-reload.c */
int	 pager_reload_check(struct pager *pg);
void	 pager_reload(struct pager *pg);

/* pager-help.c */
char	*pager_help_text(void);
struct doc *pager_help_create(void);

#endif
