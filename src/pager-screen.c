/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-screen.c: the stack of screens (reader or index at the bottom; outline focus, help,
 * a prompt or the letter after m, ' or : over them), which replaces a flag per mode.
 * Only keeps the stack: what a screen draws and which keys it takes is pager.c's. */
#include "config.h"

#include "pager.h"

/* Return the screen on top of the stack: the one that takes the keys. */
enum pager_screen
pager_screen_top(const struct pager *pg)
{
	return pg->stack[pg->depth - 1];
}

/* Return the screen at the bottom of the stack: the reader or the index. */
enum pager_screen
pager_screen_base(const struct pager *pg)
{
	return pg->stack[0];
}

/* Return 1 if screen s is on the stack. */
int
pager_screen_has(const struct pager *pg, enum pager_screen s)
{
	int i;

	for (i = 0; i < pg->depth; i++) {
		if (pg->stack[i] == s)
			return 1;
	}
	return 0;
}

/* Put screen s on top of the stack (a full stack keeps its top: never reached). */
void
pager_screen_push(struct pager *pg, enum pager_screen s)
{
	if (pg->depth < PAGER_STACK_MAX)
		pg->stack[pg->depth++] = s;
	else
		pg->stack[pg->depth - 1] = s;
}

/* Take the top screen off the stack; the bottom one stays. */
void
pager_screen_pop(struct pager *pg)
{
	if (pg->depth > 1)
		pg->depth--;
}

/* Take screen s and everything over it off the stack (the bottom one stays). */
void
pager_screen_close(struct pager *pg, enum pager_screen s)
{
	int i;

	for (i = 1; i < pg->depth; i++) {
		if (pg->stack[i] == s) {
			pg->depth = i;
			return;
		}
	}
}

/* Make s the only screen: the reader or the index, nothing over it. */
void
pager_screen_reset(struct pager *pg, enum pager_screen s)
{
	pg->stack[0] = s;
	pg->depth = 1;
}
