/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager.h: the ncurses program: region tabs, outline pane, text pane, status line, help
 * and the input loop.  The only layer that draws; it keeps byte offsets, never pointers into
 * a layout, so a relayout at another width keeps the reading position. */
#ifndef KIROKU_PAGER_H
#define KIROKU_PAGER_H

#include <signal.h>
#include <stddef.h>

#include "doc.h"
#include "layout.h"
#include "library.h"

struct pager_opts {
	enum layout_kinsoku kinsoku;
	int	hang;		/* hanging punctuation on */
	int	ambiguous;	/* 0: ask the terminal; 1 or 2: columns of East Asian Ambiguous */
	int	color;		/* 0: monochrome (--no-color, NO_COLOR) */
	int	secure;		/* 1: write nothing (--secure, KIROKU_SECURE=1) */
	int	furniture;	/* 1: show page furniture at start (--furniture) */
};

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
};

enum pager_focus {
	PAGER_FOCUS_TEXT,
	PAGER_FOCUS_OUTLINE
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

/* What the screen below the tab strip shows (the help screen goes over either). */
enum pager_screen {
	PAGER_SCREEN_TEXT,	/* the record cur: outline and text panes */
	PAGER_SCREEN_INDEX	/* the index of region, or the results of a search from it */
};

/* The whole program state.  lib is the library (not owned); cur is the entry read. */
struct pager {
	struct library		 *lib;
	size_t			  cur;		/* entry of lib read on PAGER_SCREEN_TEXT */
	const struct pager_opts	 *po;
	enum pager_screen	  screen;
	enum doc_region		  region;	/* the region tab shown */
	struct pager_index	 *index;	/* owned: per-tab selections, the search from it */
	struct library_state	 *state;	/* owned: positions and marks, NULL before loaded */

	struct pager_view	**views;	/* owned, one per entry, NULL until opened; each
						 * view owns its doc once loaded */
	struct pager_view	  help;		/* the help screen, its doc owned */
	int			  in_help;

	struct pager_geom	  g;
	int			  outline_on;	/* o: 1 shows the outline pane when it fits */
	int			  furniture;	/* c: 1 shows page furniture, dimmed */
	enum pager_focus	  focus;
	int			  outline_sel;	/* selected outline entry while focused */
	int			  outline_top;	/* first outline entry shown */
	size_t			  tabs_first;	/* first tab shown when the strip scrolls */
	int			  tabs_x[DOC_REGION_COUNT];	/* column of each tab drawn, -1 if not shown */
	int			  tabs_cols[DOC_REGION_COUNT];	/* display columns of each tab drawn */

	long			  count;	/* less-style count prefix, 0 if none */
	int			  pending;	/* 'm' or '\'' waiting for a letter, else 0 */
	long			  half_rows;	/* d/u distance set by a count, 0: half a page */
	char			 *msg;		/* status line message, owned, or NULL */
	const char		 *locale_notice; /* said once in the status line, or NULL */
	int			  color;	/* colours started */
	int			  mouse;	/* mouse reports enabled */
	int			  quit;
	int			  redraw;	/* Ctrl-L: repaint everything */
	struct pager_search	 *search;	/* owned: the prompt, the pattern, its matches */
};

/* pager.c */
int	 pager_run(struct library *lib, struct doc **docs, const struct pager_opts *po);
struct pager_view *pager_view_current(struct pager *pg);
const struct doc *pager_doc_current(struct pager *pg);
void	 pager_view_top_off(struct pager *pg, struct pager_view *v, size_t off);
void	 pager_view_layout(struct pager *pg, struct pager_view *v, int cols);
void	 pager_view_show(struct pager *pg, struct pager_view *v, struct pager_pos pos);
void	 pager_view_clamp_end(struct pager *pg, struct pager_view *v);
void	 pager_view_follow_end(struct pager *pg, struct pager_view *v);
int	 pager_view_section(const struct pager_view *v);
int	 pager_section_top(const struct doc *d, int section, size_t *n, size_t *total);
void	 pager_section_forget(const struct doc *d);
void	 pager_message(struct pager *pg, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

/* pager-draw.c */
void	 pager_geom_compute(struct pager *pg, int rows, int cols);
void	 pager_draw(struct pager *pg);
int	 pager_outline_row_entry(struct pager *pg, int row);
int	 pager_tabs_hit(struct pager *pg, int col);
char	*pager_outline_label(const struct doc *d, size_t section, int maxcols, int *cols);
int	 pager_draw_visible(int y, int x, int maxcols, const char *s);

/* pager-term.c */
const char *pager_locale_setup(void);
int	 pager_ambiguous_probe(void);
int	 pager_term_start(struct pager *pg);
void	 pager_term_stop(void);
int	 pager_term_read(int *key, int *is_key);
int	 pager_term_wait(void);
int	 pager_term_wait_ms(int ms);
int	 pager_term_wait_fd(int ms, int fd);
int	 pager_term_eof(int got);
int	 pager_term_size_sync(void);
int	 pager_term_signal(void);
void	 pager_term_intr_catch(volatile sig_atomic_t *flag);
void	 pager_term_intr_allow(int on);
#define PAGER_TERM_CANCEL_KEY	2	/* pager_term_watch_start: a key is waiting */
void	 pager_term_watch_start(volatile sig_atomic_t *flag);
void	 pager_term_watch_stop(void);

/* pager-search.c */
#define PAGER_SEARCH_HIT	1	/* pager_search_hit: inside a match */
#define PAGER_SEARCH_HIT_CUR	2	/* inside the current match */
struct pager_search *pager_search_create(void);
void	 pager_search_free(struct pager_search *ps);
void	 pager_search_open(struct pager *pg, int dir);
int	 pager_search_key(struct pager *pg, int key, int is_key);
void	 pager_search_repeat(struct pager *pg, int reverse, long n);
void	 pager_search_hide(struct pager *pg);
void	 pager_search_update(struct pager *pg);
int	 pager_search_hit(struct pager *pg, const struct doc *d, size_t off);
size_t	 pager_search_section_count(struct pager *pg, const struct doc *d, size_t section);
int	 pager_search_status(struct pager *pg, const struct doc *d, char *buf, size_t size);
int	 pager_search_prompting(struct pager *pg);
void	 pager_search_forget(struct pager *pg, const struct doc *d);
void	 pager_search_draw_prompt(struct pager *pg, int y, int cols);

/* pager-index.c */
struct pager_index *pager_index_create(void);
void	 pager_index_free(struct pager_index *pi);
void	 pager_index_show(struct pager *pg, enum doc_region r);
void	 pager_index_tab_step(struct pager *pg, int dir, int skip_empty);
int	 pager_index_ntabs(struct pager *pg);
void	 pager_index_key(struct pager *pg, int key, int is_key);
void	 pager_index_mouse(struct pager *pg, int y);
void	 pager_index_draw(struct pager *pg);
int	 pager_index_work(struct pager *pg);
void	 pager_index_record_step(struct pager *pg, int dir);

/* pager-state.c */
void	 pager_state_start(struct pager *pg);
void	 pager_state_restore(struct pager *pg, size_t i, struct pager_view *v);
int	 pager_record_open(struct pager *pg, size_t i, size_t off);
void	 pager_record_leave(struct pager *pg);
void	 pager_state_save(struct pager *pg);
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
struct doc *pager_help_create(void);

#endif
