/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-help.c: the help screen, which is itself a record: its text is built here as UTF-8
 * and goes through the same input, model and layout as any file, so it wraps and has an
 * outline like one.  The keys in it are written from the key tables (pager-cmd.c), so
 * the help lists what the keys do; the prose around them is here.  Drawing is the
 * reader's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "nls.h"
#include "pager.h"
#include "xmalloc.h"

/* One part of the help: a numbered heading, the keys of a table (or none), and notes. */
struct pager_help_part {
	const char	*heading;
	int		 keys[3];	/* enum pager_keys, -1 past the last */
	const char	*notes;		/* items after the keys, or NULL */
};

static const char pager_help_intro[] =
N_("kiroku help\n"
"\n"
"kiroku shows one record at a time: the region tabs on the top row, the outline of the "
"record on the left, the text on the right and the status line at the bottom.  Given "
"several records or a directory, it starts at the index of a region. "
"Press q or h to leave this help.  After each key comes, in parentheses, the name of the "
"command it runs.\n");

static const struct pager_help_part pager_help_parts[] = {
	{ N_("Moving about a record"), { PAGER_KEYS_TEXT, PAGER_KEYS_RECORD, PAGER_KEYS_MOVE },
	  N_("  • A number before a key repeats it or picks a line, as in less: 5j goes down "
	  "five lines, 10G goes to line 10, 3] goes three sections on, 50p (or 50%) to the "
	  "middle of the bytes.\n"
	  "  • The section being read is marked ▶ in the outline and named in the status "
	  "line with its number among the top-level sections.\n"
	  "  • Where you were in each record and its marks are kept in "
	  "$XDG_STATE_HOME/kiroku/state (--secure: nothing is written).\n") },
	{ N_("In the outline, while it has the focus"), { PAGER_KEYS_OUTLINE, -1, -1 }, NULL },
	{ N_("On the index"), { PAGER_KEYS_INDEX, -1, -1 },
	  N_("  • The index lists the records of a region tab newest first; a search from it "
	  "lists each record and section that holds the pattern, and Enter opens the record "
	  "at the match.\n") },
	{ N_("At a prompt (/ and ? on a record, / on the index)"), { PAGER_KEYS_PROMPT, -1, -1 },
	  N_("  • Full-width and half-width letters, digits and katakana match each other, and "
	  "so do capitals and small letters: APEC finds ＡＰＥＣ.\n"
	  "  • Matches are shown in reverse video, the status line counts them (match 3/9), "
	  "and the outline shows how many each section holds.\n"
	  "  • Ctrl-C stops a long search; kiroku stays open.\n") },
	{ N_("In this help"), { PAGER_KEYS_HELP, -1, -1 }, NULL },
	{ N_("The screen"), { -1, -1, -1 },
	  N_("  • The mouse wheel scrolls; a click picks an outline entry or a region tab, where "
	  "the terminal reports the mouse.  M turns it off, so that a drag selects text as in "
	  "the terminal (--no-mouse starts so).\n"
	  "  • y copies the section being read to the clipboard (OSC 52, over ssh too): its "
	  "text as written, not the screen's lines.\n"
	  "  • The status line shows the file, the section, the date of the record and how "
	  "far you have read.\n") },
	{ N_("Over ssh"), { -1, -1, -1 },
	  N_("  • Works with TERM xterm-256color, screen, tmux-256color, linux and vt100; "
	  "NO_COLOR or --no-color for monochrome; --theme=light or dark adds colours that suit "
	  "the background.\n"
	  "  • kiroku never waits for the terminal: the first screen comes at once, and the "
	  "answers to its questions are taken whenever they come, never read as keys.\n"
	  "  • TERM=dumb: the text a page at a time, no escape sequences.\n"
	  "  • When the locale is C, POSIX or missing, the text is shown as UTF-8 and the "
	  "status line says how to set the locale; in an EUC-JP locale kiroku writes EUC-JP.\n"
	  "  • In a Japanese locale (LANG=ja_JP.UTF-8) kiroku speaks Japanese.  A message too "
	  "long for the status line is said in a shorter form, never cut in the middle.\n"
	  "  • Control characters in a file are shown as ^[ or �, never sent to the "
	  "terminal.\n") },
};

/* Return the text of the help record, its keys from the key tables; the caller frees it. */
char *
pager_help_text(void)
{
	const struct pager_help_part *p;
	char *buf = NULL;
	size_t len, i;
	FILE *f;
	int k;

	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("help: open_memstream failed");
	fputs(_(pager_help_intro), f);
	for (i = 0; i < sizeof pager_help_parts / sizeof pager_help_parts[0]; i++) {
		p = &pager_help_parts[i];
		fprintf(f, "\n%zu. %s\n\n", i + 1, _(p->heading));
		for (k = 0; k < 3 && p->keys[k] >= 0; k++)
			pager_cmd_doc(f, (enum pager_keys)p->keys[k], PAGER_DOC_HELP);
		if (p->notes != NULL)
			fputs(_(p->notes), f);
	}
	if (fclose(f) != 0)
		fatal("help: cannot build the text");
	return buf;
}

/* Return the help record; the caller frees it with doc_free. */
struct doc *
pager_help_create(void)
{
	struct input_text t;
	char *text, *cause;
	struct doc *d;

	text = pager_help_text();
	if (input_text_from_bytes(&t, text, strlen(text), "UTF-8", &cause) != 0)
		fatal("help: %s", cause);
	free(text);
	d = doc_create_from_text("(help)", &t);
	return d;
}
