/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pager.c: the pager's screens without a terminal.  The renderer and the terminal are
 * the test double of tests/pager-fake.c; keys go through the same pager_input and
 * pager_frame as in the program, and the rows drawn are checked: the tab strip, the title,
 * the outline's marker and focus, the status line, the prompts, the help and the index.
 * Also checks the key tables against the help, --help and the man page.
 * With --man, prints the man page's key lists (make man-keys puts them in doc/kiroku.1.in). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "doc.h"
#include "layout.h"
#include "library.h"
#include "pager.h"
#include "pager-fake.h"
#include "tap.h"
#include "xmalloc.h"

#define MAN_BEGIN	".\\\" BEGIN KEYS\n"
#define MAN_END		".\\\" END KEYS\n"

/* The man page's key lists: a heading and the tables under it. */
static const struct {
	const char	*heading;
	enum pager_keys	 keys[3];
	int		 nkeys;
} man_parts[] = {
	{ "On a record", { PAGER_KEYS_MOVE, PAGER_KEYS_TEXT, PAGER_KEYS_RECORD }, 3 },
	{ "In the outline", { PAGER_KEYS_OUTLINE }, 1 },
	{ "On the index", { PAGER_KEYS_INDEX }, 1 },
	{ "At a prompt", { PAGER_KEYS_PROMPT }, 1 },
	{ "In the help", { PAGER_KEYS_HELP }, 1 },
};

/* Write the man page's key lists to f, as they go between its KEYS markers. */
static void
man_keys(FILE *f)
{
	size_t i;
	int k;

	for (i = 0; i < sizeof man_parts / sizeof man_parts[0]; i++) {
		fprintf(f, ".SS %s\n", man_parts[i].heading);
		for (k = 0; k < man_parts[i].nkeys; k++)
			pager_cmd_doc(f, man_parts[i].keys[k], PAGER_DOC_MAN);
	}
}

/* Return what pager_cmd_doc writes for table t in style, allocated. */
static char *
doc_of(enum pager_keys t, enum pager_doc style)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	pager_cmd_doc(f, t, style);
	fclose(f);
	return buf;
}

/* The key tables: every binding names a command, no key is bound twice in a table, and
 * every command is bound somewhere. */
static void
test_tables(void)
{
	const struct pager_keytable *kt;
	const struct pager_binding *b, *o;
	const struct pager_cmd *c;
	int t, bad = 0, twice = 0, unbound = 0, found;

	for (t = 0; t < PAGER_KEYS_COUNT; t++) {
		kt = pager_cmd_keytable((enum pager_keys)t);
		for (b = kt->bindings; b->cmd != NULL; b++) {
			if (pager_cmd_find(b->cmd) == NULL) {
				tap_diag("%s: no command %s", kt->name, b->cmd);
				bad++;
			}
			for (o = kt->bindings; o < b; o++)
				twice += o->key == b->key;
		}
	}
	ok(bad == 0, "every key is bound to a command of the table");
	ok(twice == 0, "no key is bound twice in one key table");
	for (c = pager_cmd_all(); c->name != NULL; c++) {
		found = 0;
		for (t = 0; t < PAGER_KEYS_COUNT && !found; t++) {
			kt = pager_cmd_keytable((enum pager_keys)t);
			for (b = kt->bindings; b->cmd != NULL && !found; b++)
				found = strcmp(b->cmd, c->name) == 0;
		}
		if (!found) {
			tap_diag("command %s has no key", c->name);
			unbound++;
		}
	}
	ok(unbound == 0, "every command has a key");
	is_int(pager_cmd_lookup(PAGER_KEYS_MOVE, 'j')->flags & PAGER_CMD_COUNT,
	    PAGER_CMD_COUNT, "line-down takes a count");
	is_int(pager_cmd_lookup(PAGER_KEYS_TEXT, 'q')->flags & PAGER_CMD_COUNT, 0,
	    "quit takes none");
}

/* The help screen, --help and the man page list the keys of every table. */
static void
test_docs(void)
{
	char *help = pager_help_text(), *man, *begin, *end, *want = NULL, *line, *d, *cmd;
	const char *program;
	const struct pager_keytable *kt;
	const struct pager_binding *b;
	size_t len, i;
	FILE *f, *p;
	char out[65536];
	int t, missing = 0, missing_usage = 0;

	for (t = 0; t < PAGER_KEYS_COUNT; t++) {
		d = doc_of((enum pager_keys)t, PAGER_DOC_HELP);
		for (line = strtok(d, "\n"); line != NULL; line = strtok(NULL, "\n")) {
			if (strstr(help, line) == NULL) {
				tap_diag("not in the help: %s", line);
				missing++;
			}
		}
		free(d);
	}
	ok(missing == 0, "the help screen lists every key of every table");
	free(help);

	/* The harness names the program KIROKU_TEST_PROGRAM: kiroku reads KIROKU as options. */
	program = getenv("KIROKU_TEST_PROGRAM");
	cmd = xasprintf("%s --help", program != NULL ? program : "src/kiroku");
	len = 0;
	if ((p = popen(cmd, "r")) != NULL) {
		len = fread(out, 1, sizeof out - 1, p);
		pclose(p);
	}
	out[len] = '\0';
	free(cmd);
	for (t = 0; t < PAGER_KEYS_COUNT; t++) {
		kt = pager_cmd_keytable((enum pager_keys)t);
		for (b = kt->bindings; b->cmd != NULL; b++) {
			if (pager_cmd_find(b->cmd)->help != NULL && strstr(out, b->cmd) == NULL) {
				tap_diag("not in --help: %s", b->cmd);
				missing_usage++;
			}
		}
	}
	ok(len > 0 && missing_usage == 0, "--help lists every command bound to a key");

	man = tap_read_file("doc/kiroku.1.in", &len);
	f = open_memstream(&want, &i);
	man_keys(f);
	fclose(f);
	begin = man != NULL ? strstr(man, MAN_BEGIN) : NULL;
	end = begin != NULL ? strstr(begin, MAN_END) : NULL;
	if (begin != NULL && end != NULL) {
		begin += strlen(MAN_BEGIN);
		*end = '\0';
		is_str(begin, want, "the man page lists the keys of the tables "
		    "(make man-keys writes them)");
	} else
		ok(0, "the man page has its KEYS markers");
	free(want);
	free(man);
}

/* Hand the UTF-8 string s to the pager a key at a time, then draw. */
static void
type(struct pager *pg, const char *s)
{
	ucs4_t uc;

	while (*s != '\0' && (s = (const char *)u8_next(&uc, (const uint8_t *)s)) != NULL)
		pager_input(pg, (int)uc);
	pager_frame(pg);
}

/* Hand one key (a PAGER_KEY_* or a character) to the pager, then draw. */
static void
press(struct pager *pg, int key)
{
	pager_input(pg, key);
	pager_frame(pg);
}

/* Return 1 if row y of the screen holds s. */
static int
row_has(int y, const char *s)
{
	if (strstr(fake_row(y), s) != NULL)
		return 1;
	tap_diag("row %d: %s", y, fake_row(y));
	return 0;
}

/* Return the row of the outline that shows the marker ▶, or -1. */
static int
marked_row(int rows)
{
	int y;

	for (y = 1; y < rows - 1; y++) {
		if (strncmp(fake_row(y), "▶", strlen("▶")) == 0)
			return y;
	}
	return -1;
}

/* The record screen of the sample at 100x30, driven by keys. */
static void
test_reader(struct pager *pg)
{
	char first[512];
	int y;

	fake_resize(30, 100);
	pager_frame(pg);
	ok(row_has(0, "欧州"), "the tab strip names the region of the record");
	ok(row_has(1, " 目次"), "the outline has its header");
	ok(row_has(1, "国連総会の際の日露首脳会談"), "the title is on the first text row");
	ok(strncmp(fake_row(29), " 000_f63a307d17307818.txt", 25) == 0 &&
	    row_has(29, "h:help"), "the status line names the file and ends with h:help");
	ok(row_has(29, "2009-09-23"), "the status line shows the date");

	type(pg, "]]");
	ok(row_has(29, "1.総論") && row_has(29, "(2/5)"),
	    "] twice: the status line names 1.総論 (2/5)");
	y = marked_row(30);
	ok(y > 0 && row_has(y, "1.総論"), "the outline marks 1.総論 with ▶");

	type(pg, "g");
	type(pg, "3j");
	snprintf(first, sizeof first, "%s", fake_row(1));
	type(pg, "gjjj");
	is_str(fake_row(1), first, "3j goes where j j j go: the count is applied");

	press(pg, '\t');
	ok(fake_attr_at(1, 1) & PAGER_ATTR_REVERSE, "Tab gives the outline the focus");
	type(pg, "q");
	ok(!(fake_attr_at(1, 1) & PAGER_ATTR_REVERSE), "q in the outline gives it back");
	ok(row_has(29, "h:help"), "and the pager stays");

	type(pg, "ma");
	ok(row_has(29, "mark a set"), "m a sets a mark and says so");
	type(pg, ":x");
	ok(row_has(29, ":n next record, :p previous record"), ": and another key says what : is for");

	type(pg, "h");
	ok(row_has(29, "kiroku help") && row_has(29, "q:back"), "h shows the help");
	ok(strstr(fake_row(1), "kiroku help") != NULL, "the help starts with its title");
	press(pg, PAGER_ESC);
	ok(row_has(29, "h:help"), "Esc leaves the help");

	type(pg, "/");
	ok(strncmp(fake_row(29), "/", 1) == 0 && row_has(29, "かな=カナ:off"),
	    "/ opens the prompt on the status line");
	type(pg, "日露");
	ok(row_has(29, "/日露"), "the prompt shows what is typed");
	press(pg, PAGER_CTRL('w'));
	ok(!row_has(29, "日露"), "Ctrl-W erases the word");
	type(pg, "日露\r");
	ok(row_has(29, "match ") && row_has(29, "/8"), "Enter searches and counts the matches");
	ok(fake_attr_at(marked_row(30), 0) >= 0, "the outline is still drawn");
}

/* Return the outline entry ] (forward) or [ should reach from the position pos of v by
 * the rule of positions: the first heading after it, or the last one before it; -1 if none.
 * Positions order by byte offset, a blank line before the line that shares its offset. */
static int
step_want(const struct pager_view *v, struct pager_pos pos, int forward)
{
	const struct doc *d = v->d;
	unsigned long long top = (unsigned long long)pos.off * 2 + (pos.blank ? 0 : 1), h;
	int s, want = -1;

	for (s = 0; s < (int)d->nsections; s++) {
		h = (unsigned long long)d->blocks[d->sections[s].block].off * 2 + 1;
		if (forward && h > top)
			return s;
		if (!forward && h < top)
			want = s;
	}
	return want;
}

/* ] and [ from every top row of the sample reach the heading the rule of positions says
 * (the view steps with doc_section_next and doc_section_prev). */
static void
test_section_step(struct pager *pg)
{
	struct pager_view *v = pager_view_current(pg);
	struct pager_pos pos;
	size_t i, rows = pager_view_rows(pg), n;
	int forward, want, got, bad = 0, blanks = 0;

	pager_view_go_start(pg, v, 1);
	n = v->lo->nlines > rows ? v->lo->nlines - rows : 0;
	for (i = 0; i <= n; i++) {
		for (forward = 0; forward <= 1; forward++) {
			pager_view_go_start(pg, v, 1);
			pager_view_down(pg, v, i);
			pos = pager_view_pos(v);
			blanks += pos.blank;
			want = step_want(v, pos, forward);
			got = pager_view_section_step(pg, v, forward ? 1 : -1);
			if (got != 0 && want < 0)
				continue;
			if (got != 0 || want < 0 || pager_view_pos(v).off !=
			    v->d->blocks[v->d->sections[want].block].off) {
				tap_diag("row %zu %s: want entry %d", i, forward ? "]" : "[", want);
				bad++;
			}
		}
	}
	ok(bad == 0 && blanks > 0, "] and [ from each of %zu top rows (%d blank) go where they "
	    "should", n + 1, blanks / 2);
	pager_view_go_start(pg, v, 1);
}

/* The index screen: the row of the record, the prompt of a search of every record and its
 * results. */
static void
test_index(struct pager *pg)
{
	type(pg, "i");
	ok(strncmp(fake_row(29), " 欧州", strlen(" 欧州")) == 0 && row_has(29, "1/1") &&
	    row_has(29, "q:back"), "i shows the index of the region with its row");
	ok(row_has(1, "2009-09-23"), "the row shows the date of the record");
	type(pg, "/");
	ok(strncmp(fake_row(29), "/", 1) == 0 && row_has(29, "search every record"),
	    "/ on the index opens its prompt");
	type(pg, "日露\r");
	ok(row_has(29, "/日露") && row_has(29, "in 1 record"),
	    "Enter searches every record and says what it found");
	type(pg, "\r");
	ok(row_has(29, "match 1/"), "Enter opens the record at the match, the search on");
	type(pg, "q");
	ok(pg->quit, "q quits");
}

/* A message fitted to a status line of cols columns beside a name of 20 columns and a
 * right part of 15: the text drawn, whether the name and the right part stay (pager-msg.c). */
static char *
fit(const char *msg, const char *brief, int cols, int *keep_name, int *keep_right, int *w)
{
	struct pager pg;

	memset(&pg, 0, sizeof pg);
	pg.msg = (char *)msg;
	pg.msg_brief = (char *)brief;
	return pager_message_fit(&pg, cols, 20, 15, keep_name, keep_right, w);
}

/* A long message is said whole where it fits, the name and then the right part making way
 * for it, else in its brief form, else cut between words, never inside one. */
static void
test_message_fit(void)
{
	const char *wrap = "search hit BOTTOM, continuing at TOP", *brief = "continuing at TOP";
	int kn, kr, w;
	char *s;

	s = fit(wrap, brief, 100, &kn, &kr, &w);
	ok(strcmp(s, wrap) == 0 && kn && kr && w == 36, "100 columns: the message whole, "
	    "beside the name and the position");
	free(s);
	s = fit(wrap, brief, 60, &kn, &kr, &w);
	ok(strcmp(s, wrap) == 0 && !kn && kr, "60 columns: the name makes way");
	free(s);
	s = fit(wrap, brief, 40, &kn, &kr, &w);
	ok(strcmp(s, wrap) == 0 && !kn && !kr, "40 columns: the position makes way too");
	free(s);
	s = fit(wrap, brief, 30, &kn, &kr, &w);
	ok(strcmp(s, brief) == 0 && !kn && !kr && w == 17, "30 columns: the brief form");
	free(s);
	s = fit("Pattern not found in anything", NULL, 12, &kn, &kr, &w);
	ok(strcmp(s, "Pattern…") == 0 && w == 8, "12 columns, no brief form: cut between words "
	    "(%s)", s);
	free(s);
	s = fit("パターンが見つかりません", NULL, 12, &kn, &kr, &w);
	ok(w <= 11 && strncmp(s, "パター", strlen("パター")) == 0 &&
	    strcmp(s + strlen(s) - strlen("…"), "…") == 0,
	    "Japanese: cut between two characters, within the width (%s, %d columns)", s, w);
	free(s);
	s = fit("a\033[2Jb", NULL, 100, &kn, &kr, &w);
	ok(strchr(s, '\033') == NULL, "a control character in a message is made visible");
	free(s);
}

/* y copies a section's source (to the fake clipboard) and says so; M toggles the mouse. */
static void
test_copy(struct pager *pg)
{
	char *got;
	size_t len;
	int mouse = pg->mouse;

	press(pg, PAGER_ESC);
	type(pg, "g2y");
	got = fake_copy(&len);
	ok(got != NULL && strncmp(got, "1.総論\n\n(1)", strlen("1.総論\n\n(1)")) == 0 &&
	    strstr(got, "2.経済分野") == NULL && strstr(got, "│") == NULL,
	    "2y copies the second top-level section, 1.総論, as written");
	ok(row_has(29, "copied 1.総論:"), "the status line says what was copied");
	free(got);
	type(pg, "]]]y");
	got = fake_copy(&len);
	ok(got != NULL && strncmp(got, "1.総論\n", strlen("1.総論\n")) == 0,
	    "y in a numbered paragraph copies its heading's section");
	free(got);
	press(pg, '\t');
	type(pg, "gy");
	got = fake_copy(&len);
	ok(got != NULL && strncmp(got, "【ポイント】\n", strlen("【ポイント】\n")) == 0,
	    "y with the outline focused copies the entry selected");
	free(got);
	press(pg, PAGER_ESC);
	type(pg, "9y");
	got = fake_copy(&len);
	ok(got == NULL && row_has(29, "no section 9 to copy"), "9y: there is no section 9");
	free(got);
	type(pg, "M");
	ok(pg->mouse == !mouse && row_has(29, mouse ? "mouse off" : "mouse on"),
	    "M switches the mouse and says so");
	type(pg, "M");
	ok(pg->mouse == mouse, "M again switches it back");
	type(pg, "g");
}

/* Run every test. */
int
main(int argc, char **argv)
{
	struct library_paths lp;
	struct library *lib;
	struct pager_opts po;
	struct pager pg;
	struct doc *docs[1];
	char *path, *cause;

	if (argc > 1 && strcmp(argv[1], "--man") == 0) {
		man_keys(stdout);
		return 0;
	}
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		ok(0, "the C.UTF-8 locale exists");
		return tap_done();
	}
	test_tables();
	test_docs();
	test_message_fit();

	setenv("XDG_STATE_HOME", "/nonexistent/kiroku-test", 1);
	memset(&po, 0, sizeof po);
	po.hang = 1;
	po.ambiguous = 1;
	po.secure = 1;
	path = xasprintf("%s/content/000_f63a307d17307818.txt", tap_srcdir());
	library_paths_init(&lp);
	library_paths_add(&lp, path, NULL, NULL);
	lib = library_create(&lp, NULL);
	/* As main.c does for a lone record: opened first, its head in the library. */
	if ((docs[0] = doc_open(path, NULL, &cause)) == NULL) {
		ok(0, "the sample opens: %s", cause);
		return tap_done();
	}
	library_entry_update(lib, 0, docs[0]);
	pager_init(&pg, lib, docs, &po);
	pager_term_start(&pg);
	pager_load_lock();
	pager_start(&pg);
	pager_load_finish(&pg, pager_view_current(&pg));
	test_reader(&pg);
	test_section_step(&pg);
	test_copy(&pg);
	test_index(&pg);
	pager_load_stop();
	pager_free(&pg);
	pager_load_unlock();
	library_free(lib);
	library_paths_clear(&lp);
	free(path);
	return tap_done();
}
