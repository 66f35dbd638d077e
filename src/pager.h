/* pager.h: the ncurses program: region tabs, outline pane, text pane, status line, help
 * and the input loop.  The only layer that draws; it keeps byte offsets, never pointers into
 * a layout, so a relayout at another width keeps the reading position. */
#ifndef KIROKU_PAGER_H
#define KIROKU_PAGER_H

#include <stddef.h>

#include "layout.h"

struct doc;

struct pager_opts {
	enum layout_kinsoku kinsoku;
	int	hang;		/* hanging punctuation on */
	int	ambiguous;	/* 0: ask the terminal; 1 or 2: columns of East Asian Ambiguous */
	int	color;		/* 0: monochrome (--no-color, NO_COLOR) */
	int	secure;		/* 1: write nothing (--secure, KIROKU_SECURE=1) */
};

/* pager.c */
int	 pager_run(struct doc **docs, size_t ndocs, const struct pager_opts *po);

#endif
