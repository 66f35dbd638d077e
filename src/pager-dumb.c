/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-dumb.c: paging on a terminal that cannot move the cursor (TERM=dumb, an Emacs shell
 * buffer, a CI log, a TERM this system does not know): as less does, warn once and write
 * the laid-out text a page at a time, asking between pages, with no escape sequence.
 * Whether the terminal is such is pager_term_dumb's to say; no curses here. */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nls.h"
#include "pager.h"

static FILE	*pager_dumb_keys;	/* where answers are read: stdin or /dev/tty */
static int	 pager_dumb_rows;	/* lines a page, the prompt excluded */
static int	 pager_dumb_done;	/* lines written on this page */
static int	 pager_dumb_quit;	/* q was answered */

/* Start paging: say why the screen is not used (on standard error, as one line) and find
 * the keyboard; with none, everything is written at once. */
void
pager_dumb_start(void)
{
	struct winsize ws;
	const char *term = getenv("TERM"), *env;

	fprintf(stderr, _("kiroku: terminal '%s' cannot move the cursor: showing the text "
	    "a page at a time\n"), term != NULL ? term : "");
	pager_dumb_rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1)
		pager_dumb_rows = ws.ws_row;
	else if ((env = getenv("LINES")) != NULL && atoi(env) > 1)
		pager_dumb_rows = atoi(env);
	pager_dumb_rows--;
	pager_dumb_done = 0;
	pager_dumb_quit = 0;
	if (isatty(STDIN_FILENO))
		pager_dumb_keys = stdin;
	else
		pager_dumb_keys = fopen("/dev/tty", "re");
}

/* Count one line written; at the end of a page ask for the next one (Enter, Space then
 * Enter, or q then Enter: the terminal gives whole lines).  pct is how far the text is.
 * Returns -1 once the reader answered q (or the keyboard is gone), else 0. */
int
pager_dumb_line(int pct)
{
	char answer[64];

	if (pager_dumb_quit)
		return -1;
	if (pager_dumb_keys == NULL || ++pager_dumb_done < pager_dumb_rows)
		return 0;
	pager_dumb_done = 0;
	printf(_("-- %d%% -- Enter: next page, q: quit "), pct);
	fflush(stdout);
	if (fgets(answer, sizeof answer, pager_dumb_keys) == NULL || answer[0] == 'q' ||
	    answer[0] == 'Q') {
		if (feof(pager_dumb_keys))
			putchar('\n');
		pager_dumb_quit = 1;
		return -1;
	}
	return 0;
}

/* Return 1 once the reader has answered q: nothing more is written. */
int
pager_dumb_quitting(void)
{
	return pager_dumb_quit;
}

/* Stop paging and let go of the keyboard. */
void
pager_dumb_stop(void)
{
	if (pager_dumb_keys != NULL && pager_dumb_keys != stdin)
		fclose(pager_dumb_keys);
	pager_dumb_keys = NULL;
}
