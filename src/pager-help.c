/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-help.c: the help screen, which is itself a record: its text is built here as UTF-8
 * and goes through the same input, model and layout as any file, so it wraps and has an
 * outline like one.  Owns only the text; drawing is pager-draw.c's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "pager.h"
#include "xmalloc.h"

/* The help record.  Numbered headings make its outline; the items hang like list items. */
static const char pager_help_text[] =
"kiroku help\n"
"\n"
"kiroku shows one record at a time: the region tabs on the top row, the outline of the "
"record on the left, the text on the right and the status line at the bottom.  Given "
"several records or a directory, it starts at the index of a region. "
"Press q or h to leave this help.\n"
"\n"
"1. Moving\n"
"\n"
"  • j, ↓, Enter, Ctrl-N: one line down.  k, ↑, Ctrl-P: one line up.\n"
"  • Space, f, PgDn: one page down.  b, PgUp: one page up.\n"
"  • d: half a page down.  u: half a page up.\n"
"  • g, <, Home: the beginning.  G, >, End: the end (while a big record is still "
"reading, the end so far, followed as it grows).\n"
"  • A number before a key repeats it or picks a line, as in less: 5j goes down five "
"lines, 10G goes to line 10, 3] goes three sections on, 50p (or 50%) to the middle of the "
"bytes.\n"
"\n"
"2. Sections and the outline\n"
"\n"
"  • ]: the next section on the top row.  [: the previous one.\n"
"  • Tab: move the focus to the outline and back.  In the outline j, k, ↑ and ↓ select an "
"entry and Enter jumps to it.\n"
"  • o: hide or show the outline.\n"
"  • c: show page furniture (site menus, photo captions, image galleries) in place, "
"dimmed, or hide it again.\n"
"  • The section being read is marked ▶ in the outline and named in the status line "
"with its number among the top-level sections.\n"
"\n"
"3. Marks\n"
"\n"
"  • m and a letter: mark the position.  ' and the letter: go back to it.\n"
"  • '': back to where the last jump started.\n"
"\n"
"4. Searching\n"
"\n"
"  • /: search down, ?: search up.  Type the words and press Enter; the text moves to "
"the first match as you type, and Esc puts it back.  Enter alone repeats the last "
"search.\n"
"  • At the prompt: Backspace and Ctrl-U erase, ↑ and ↓ bring back earlier searches, "
"Ctrl-K makes hiragana and katakana match each other (かな=カナ:on) or not.\n"
"  • n: the next match in the direction of the search.  N: the previous one.  Past the "
"last match the search goes on from the other end and says so.\n"
"  • Full-width and half-width letters, digits and katakana match each other, and so do "
"capitals and small letters: APEC finds ＡＰＥＣ.\n"
"  • Matches are shown in reverse video, the status line counts them (match 3/9), and "
"the outline shows how many each section holds.  Esc hides them until the next "
"search.\n"
"  • Ctrl-C stops a long search; kiroku stays open.\n"
"\n"
"5. Records and regions\n"
"\n"
"  • i: the index of the region, newest first, the record being read selected.  t and "
"T: the index of the next and previous region tab.\n"
"  • On the index: j, k, the arrows, Space and b move the selection; Enter opens the "
"record where you left it; → and ← switch tabs; q goes back to the record.\n"
"  • :n and :p: the next and previous record of the region, without the index.\n"
"  • / on the index searches every record: the results list each record and section "
"that holds the pattern, and Enter opens the record at the match.\n"
"  • Where you were in each record and its marks are kept in "
"$XDG_STATE_HOME/kiroku/state (--secure: nothing is written).\n"
"\n"
"6. The screen\n"
"\n"
"  • h or F1: this help.  Ctrl-L: redraw the screen.  q: quit.\n"
"  • R: read the record again when the status line says its file changed on disk.\n"
"  • The mouse wheel scrolls; a click picks an outline entry or a region tab, where the "
"terminal reports the mouse.\n"
"  • The status line shows the file, the section, the date of the record and how far "
"you have read.\n"
"\n"
"7. Over ssh\n"
"\n"
"  • Works with TERM xterm-256color, screen, tmux-256color, linux and vt100; NO_COLOR or "
"--no-color for monochrome.\n"
"  • When the locale is C or missing, the text is shown as UTF-8 and the status line says "
"how to set the locale; in an EUC-JP locale kiroku writes EUC-JP.\n"
"  • Control characters in a file are shown as ^[ or �, never sent to the terminal.\n";

/* Return the help record; the caller frees it with doc_free. */
struct doc *
pager_help_create(void)
{
	struct input_text t;
	char *cause;

	if (input_text_from_bytes(&t, pager_help_text, sizeof pager_help_text - 1, "UTF-8",
	    &cause) != 0)
		fatal("help: %s", cause);
	return doc_create_from_text("(help)", &t);
}
