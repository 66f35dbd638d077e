/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the command line.
 * Parses options, turns operands into records, and either prints them (--dump, --meta,
 * --outline, or when standard output is not a terminal) or hands them to the pager.
 * Prints errors as "kiroku: FILE: reason"; exit 0 all read, 1 a file failed, 2 usage. */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "input.h"
#include "layout.h"
#include "library.h"
#include "pager.h"
#include "xmalloc.h"

enum main_mode {
	MAIN_PAGER,
	MAIN_DUMP,
	MAIN_META,
	MAIN_OUTLINE
};

/* Options without a short form. */
enum {
	OPT_OUTLINE = 256,
	OPT_META,
	OPT_KINSOKU,
	OPT_NO_HANG,
	OPT_NO_REFLOW,
	OPT_AMBIGUOUS,
	OPT_NO_COLOR,
	OPT_SECURE,
	OPT_FURNITURE,
	OPT_THEME,
	OPT_MOUSE,
	OPT_NO_MOUSE
};

/* Columns of the numbered-paragraph labels printed by --outline. */
#define MAIN_OUTLINE_LABEL_COLS 24

static const struct option main_longopts[] = {
	{ "dump", no_argument, NULL, 'd' },
	{ "width", required_argument, NULL, 'w' },
	{ "outline", no_argument, NULL, OPT_OUTLINE },
	{ "meta", no_argument, NULL, OPT_META },
	{ "encoding", required_argument, NULL, 'e' },
	{ "kinsoku", required_argument, NULL, OPT_KINSOKU },
	{ "no-hang", no_argument, NULL, OPT_NO_HANG },
	{ "no-reflow", no_argument, NULL, OPT_NO_REFLOW },
	{ "ambiguous-width", required_argument, NULL, OPT_AMBIGUOUS },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "no-colour", no_argument, NULL, OPT_NO_COLOR },
	{ "secure", no_argument, NULL, OPT_SECURE },
	{ "furniture", no_argument, NULL, OPT_FURNITURE },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "mouse", no_argument, NULL, OPT_MOUSE },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The key tables --help lists, each under its heading. */
static const struct {
	const char	*heading;
	enum pager_keys	 keys;
} main_usage_keys[] = {
	{ "Keys in the pager, each with the command it runs (kiroku(1) tells more):\n",
	  PAGER_KEYS_MOVE },
	{ "", PAGER_KEYS_TEXT },
	{ "", PAGER_KEYS_RECORD },
	{ "In the outline (Tab):\n", PAGER_KEYS_OUTLINE },
	{ "On the index:\n", PAGER_KEYS_INDEX },
	{ "At a prompt (/ ?):\n", PAGER_KEYS_PROMPT },
	{ "In the help (h):\n", PAGER_KEYS_HELP },
};

static const char main_usage_text[] =
"Usage: kiroku [OPTION]... [FILE|DIR]...\n"
"Read Japanese records (meeting summaries, press records) in the terminal:\n"
"region tabs, an outline of the sections, and text wrapped with Japanese\n"
"line-breaking rules.\n"
"\n"
"With no operand, read standard input if it is not a terminal, else the\n"
"bundled records.  A DIR is searched recursively for records (*.txt);\n"
"- is standard input.\n"
"\n"
"  -d, --dump               write the laid-out text to standard output and exit\n"
"                           (also done when standard output is not a terminal)\n"
"  -w, --width=COLS         layout width for --dump (default: the terminal's,\n"
"                           else 80)\n"
"      --outline            print each record's outline and exit\n"
"      --meta               print each record's metadata (file, region and where\n"
"                           it came from, title and where it came from, date,\n"
"                           date-text, sections, furniture) as key: value lines\n"
"                           and exit\n"
"      --furniture          show page furniture (site menus, photo captions,\n"
"                           image galleries) in place, dimmed; hidden by default\n"
"  -e, --encoding=NAME      auto (the default: UTF-8, Shift_JIS/CP932, EUC-JP,\n"
"                           ISO-2022-JP) or any name iconv knows\n"
"      --kinsoku=MODE       which characters may start a line (CSS line-break):\n"
"                           strict: none of small kana, ー, ‐ – 〜 ゠,\n"
"                             々 ゝ ゞ, ・ ： ； ！ ？, … ‥, ％ ° ℃;\n"
"                           normal (default): small kana and ー, and ‐ – 〜 ゠\n"
"                             after a kanji or kana;\n"
"                           loose: all of them.  Never in any mode:\n"
"                           、。，．）」』 and the like; a line never ends\n"
"                           with （「『\n"
"      --no-hang            do not hang 、。，． into the right margin (by\n"
"                           default the last two columns are kept for them)\n"
"      --no-reflow          keep the line breaks of hard-wrapped text (a w3m\n"
"                           -dump, PDF or mail folded at 35 or 80 columns)\n"
"                           as they are\n"
"      --ambiguous-width=W  auto (the default: ask the terminal), 1 or 2: the\n"
"                           columns of East Asian Ambiguous characters such\n"
"                           as ○ ※ ①\n"
"      --no-color           monochrome (also when NO_COLOR is set)\n"
"      --theme=THEME        colours of the title and headings: none (the\n"
"                           default: bold and underline in the terminal's own\n"
"                           colours), light or dark (for that background), or\n"
"                           auto (ask the terminal for its background)\n"
"      --no-mouse           leave the mouse to the terminal, so a drag selects\n"
"                           text (M in the pager toggles); --mouse: the wheel\n"
"                           scrolls and a click selects (the default)\n"
"      --secure             write no state file (also when KIROKU_SECURE=1)\n"
"  -h, --help               show this help and exit\n"
"  -V, --version            show the version and exit\n"
"\n";

/* What --version prints, as the GNU coding standards lay it out. */
static const char main_version_text[] =
"kiroku " PACKAGE_VERSION "\n"
"Copyright (C) 2026 the kiroku authors.\n"
"License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
"This is free software: you are free to change and redistribute it.\n"
"There is NO WARRANTY, to the extent permitted by law.\n";

/* Print the usage, the keys of the pager from its key tables, and the exit statuses. */
static void
main_usage(void)
{
	size_t i;

	fputs(main_usage_text, stdout);
	for (i = 0; i < sizeof main_usage_keys / sizeof main_usage_keys[0]; i++) {
		fputs(main_usage_keys[i].heading, stdout);
		pager_cmd_doc(stdout, main_usage_keys[i].keys, PAGER_DOC_USAGE);
	}
	fputs("\nExit status: 0 all records read, 1 a file could not be read or there was\n"
	    "nothing to show, 2 usage error.\n", stdout);
}

/* What the command line asked for. */
struct main_args {
	enum main_mode	 mode;
	int		 paged;		/* --dump a page at a time: the terminal is dumb */
	int		 width;		/* --width, display columns; 0: not given */
	const char	*encoding;	/* NULL: auto */
	struct pager_opts po;
};

/* Print "kiroku: " and the message to standard error in its visible form: it may quote
 * bytes from the command line, the environment or a file name, and an escape sequence in
 * them must not reach the terminal. */
static void __attribute__((format(printf, 1, 2)))
main_error(const char *fmt, ...)
{
	va_list ap;
	char *msg, *v;
	int cols;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	v = layout_text_visible(msg, strlen(msg), -1, &cols);
	fflush(stdout);
	fprintf(stderr, "kiroku: %s\n", v);
	free(v);
	free(msg);
}

/* Print the usage error (arg shown in its visible form) and the hint, and exit 2. */
static void __attribute__((noreturn))
main_usage_error(const char *fmt, const char *arg)
{
	char *msg;

	msg = xasprintf(fmt, arg);
	main_error("%s", msg);
	free(msg);
	fputs("Try 'kiroku --help' for more information.\n", stderr);
	exit(2);
}

/* Flush and close standard output; returns 0, or 1 after naming the write error (a full
 * disk, say) on standard error, since output cut short must not pass for whole. */
static int
main_stdout_close(void)
{
	int failed = ferror(stdout), err = 0;

	errno = 0;
	if (fclose(stdout) != 0) {
		failed = 1;
		err = errno;
	}
	if (!failed)
		return 0;
	fprintf(stderr, "kiroku: standard output: %s\n",
	    err != 0 ? strerror(err) : "write error");
	return 1;
}

/* Parse a positive number of columns, or exit 2. */
static int
main_parse_cols(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 10000)
		main_usage_error("invalid width '%s' (1 to 10000)", s);
	return (int)v;
}

/* Parse the command line into ma; returns the index of the first operand. */
static int
main_parse_args(int argc, char **argv, struct main_args *ma)
{
	const char *env;
	int c;

	memset(ma, 0, sizeof *ma);
	ma->mode = MAIN_PAGER;
	ma->po.kinsoku = LAYOUT_KINSOKU_NORMAL;
	ma->po.hang = 1;
	ma->po.ambiguous = 0;
	ma->po.color = 1;
	ma->po.theme = PAGER_THEME_NONE;
	ma->po.mouse = 1;
	if ((env = getenv("NO_COLOR")) != NULL && *env != '\0')
		ma->po.color = 0;
	if ((env = getenv("KIROKU_SECURE")) != NULL && strcmp(env, "1") == 0)
		ma->po.secure = 1;

	/* getopt names the program by argv[0] ("./src/kiroku"); every message says "kiroku". */
	argv[0] = (char *)"kiroku";
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":dw:e:hV", main_longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			ma->mode = MAIN_DUMP;
			break;
		case 'w':
			ma->width = main_parse_cols(optarg);
			break;
		case OPT_OUTLINE:
			ma->mode = MAIN_OUTLINE;
			break;
		case OPT_META:
			ma->mode = MAIN_META;
			break;
		case 'e':
			ma->encoding = strcmp(optarg, "auto") == 0 ? NULL : optarg;
			break;
		case OPT_KINSOKU:
			if (strcmp(optarg, "normal") == 0)
				ma->po.kinsoku = LAYOUT_KINSOKU_NORMAL;
			else if (strcmp(optarg, "strict") == 0)
				ma->po.kinsoku = LAYOUT_KINSOKU_STRICT;
			else if (strcmp(optarg, "loose") == 0)
				ma->po.kinsoku = LAYOUT_KINSOKU_LOOSE;
			else
				main_usage_error("invalid kinsoku mode '%s' (strict, normal or "
				    "loose)", optarg);
			break;
		case OPT_NO_HANG:
			ma->po.hang = 0;
			break;
		case OPT_NO_REFLOW:
			doc_reflow_set(0);
			break;
		case OPT_AMBIGUOUS:
			if (strcmp(optarg, "auto") == 0)
				ma->po.ambiguous = 0;
			else if (strcmp(optarg, "1") == 0)
				ma->po.ambiguous = 1;
			else if (strcmp(optarg, "2") == 0)
				ma->po.ambiguous = 2;
			else
				main_usage_error("invalid ambiguous width '%s' (auto, 1 or 2)",
				    optarg);
			break;
		case OPT_NO_COLOR:
			ma->po.color = 0;
			break;
		case OPT_FURNITURE:
			ma->po.furniture = 1;
			break;
		case OPT_SECURE:
			ma->po.secure = 1;
			break;
		case OPT_THEME:
			if (strcmp(optarg, "none") == 0)
				ma->po.theme = PAGER_THEME_NONE;
			else if (strcmp(optarg, "auto") == 0)
				ma->po.theme = PAGER_THEME_AUTO;
			else if (strcmp(optarg, "light") == 0)
				ma->po.theme = PAGER_THEME_LIGHT;
			else if (strcmp(optarg, "dark") == 0)
				ma->po.theme = PAGER_THEME_DARK;
			else
				main_usage_error("invalid theme '%s' (none, auto, light or dark)",
				    optarg);
			break;
		case OPT_MOUSE:
			ma->po.mouse = 1;
			break;
		case OPT_NO_MOUSE:
			ma->po.mouse = 0;
			break;
		case 'h':
			main_usage();
			exit(main_stdout_close());
		case 'V':
			fputs(main_version_text, stdout);
			exit(main_stdout_close());
		case ':':
			main_usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			/* getopt's own message would echo the option raw (opterr is 0). */
			if (optopt != 0 && optopt != '?')
				main_usage_error("invalid option -- '%s'", (char[]){
				    (char)optopt, '\0' });
			main_usage_error("unrecognized option '%s'", argv[optind - 1]);
		}
	}
	return optind;
}

/* Make the character type UTF-8 for the printing modes: widths come from wcwidth(), which
 * knows nothing of Japanese in the C locale.  Output is always UTF-8 there. */
static void
main_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (strcmp(cs, "UTF-8") != 0 && setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/* Report an operand that cannot be used, its name in a visible form (a file name may hold
 * an escape sequence); remembers that the exit status is 1. */
static void
main_report(void *arg, const char *path, const char *cause)
{
	int *failed = arg;

	main_error("%s: %s", path, cause);	/* a cause may quote an option's value */
	*failed = 1;
}

/* The width --dump lays out for: --width, the terminal's, else 80. */
static int
main_dump_cols(const struct main_args *ma)
{
	struct winsize ws;

	if (ma->width > 0)
		return ma->width;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* A growing output line for --dump. */
struct main_linebuf {
	char	*buf;
	size_t	 len;
	size_t	 alloc;
};

/* Append one emitted piece of a visual line. */
static void
main_dump_piece(void *arg, const char *s, size_t len, int cols, size_t off)
{
	struct main_linebuf *lb = arg;

	if (lb->len + len > lb->alloc) {
		lb->alloc = (lb->len + len) * 2 + 256;
		lb->buf = xrealloc(lb->buf, lb->alloc);
	}
	memcpy(lb->buf + lb->len, s, len);
	lb->len += len;
}

/* Write the laid-out text pane of d: one visual line an output line, trailing spaces
 * trimmed.  Laid out a window of blocks at a time, so a huge record costs no more memory
 * than its longest block. */
static void
main_dump(const struct doc *d, const struct main_args *ma)
{
	struct layout_opts lo_opts;
	struct layout *lo;
	struct main_linebuf lb = { NULL, 0, 0 };
	size_t i;

	lo_opts.cols = main_dump_cols(ma);
	lo_opts.kinsoku = ma->po.kinsoku;
	lo_opts.hang = ma->po.hang;
	lo_opts.furniture = ma->po.furniture;
	lo = layout_window_create(d, &lo_opts);
	while (layout_window_down(lo, 1024) > 0) {
		for (i = 0; i < lo->nlines; i++) {
			lb.len = 0;
			layout_line_emit(d->text.buf, &lo->lines[i], main_dump_piece, &lb);
			while (lb.len > 0 && lb.buf[lb.len - 1] == ' ')
				lb.len--;
			fwrite(lb.buf, 1, lb.len, stdout);
			putchar('\n');
			if (ma->paged && pager_dumb_line(d->text.len == 0 ? 100 :
			    (int)(lo->lines[i].off * 100 / d->text.len)) != 0)
				break;
		}
		if (i < lo->nlines)
			break;
		layout_window_reset(lo, lo->end_block);
	}
	free(lb.buf);
	layout_free(lo);
}

/* Print one string in its visible form (controls never reach the output). */
static void
main_print_visible(const char *s, size_t len, int maxcols)
{
	int cols;
	char *v = layout_text_visible(s, len, maxcols, &cols);

	fputs(v, stdout);
	free(v);
}

/* Count the outermost outline entries: the n of "section k/n". */
static size_t
main_top_sections(const struct doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nsections; i++) {
		if (d->sections[i].depth == 0)
			n++;
	}
	return n;
}

/* Print the metadata of d as key: value lines. */
static void
main_meta(const struct doc *d)
{
	char iso[11];

	fputs("file: ", stdout);
	main_print_visible(d->path, strlen(d->path), -1);
	putchar('\n');
	static const char *region_from[] = { "", "region-line", "country-line", "text" };
	static const char *title_from[] = { "", "line", "meeting", "caption", "lead" };

	printf("region: %s\n", d->region == DOC_REGION_NONE ? "" : doc_region_name(d->region));
	printf("region-from: %s\n", region_from[d->region_from]);
	if (d->country != NULL) {
		fputs("country: ", stdout);
		main_print_visible(d->country, strlen(d->country), -1);
		putchar('\n');
	}
	fputs("title: ", stdout);
	main_print_visible(d->title, strlen(d->title), -1);
	putchar('\n');
	printf("title-from: %s\n", title_from[d->title_from]);
	if (d->date.year != 0) {
		doc_date_iso(&d->date, iso);
		printf("date: %s\n", iso);
	} else
		fputs("date:\n", stdout);
	fputs("date-text:", stdout);
	if (d->date_text != NULL) {
		putchar(' ');
		main_print_visible(d->date_text, strlen(d->date_text), -1);
	}
	putchar('\n');
	printf("sections: %zu\n", main_top_sections(d));
	printf("furniture: %zu (menus %zu, captions %zu, images %zu)\n",
	    d->nmenus + d->ncaptions, d->nmenus, d->ncaptions, d->nimages);
}

/* Print the outline of d: an entry a line, two spaces of indent per depth; headings as
 * written, numbered paragraphs cut to MAIN_OUTLINE_LABEL_COLS columns with "…". */
static void
main_outline(const struct doc *d)
{
	const struct doc_section *sec;
	char *s;
	size_t i, len;
	int depth;

	for (i = 0; i < d->nsections; i++) {
		sec = &d->sections[i];
		s = doc_section_label_copy(d, i, &len, NULL);
		for (depth = 0; depth < sec->depth; depth++)
			fputs("  ", stdout);
		main_print_visible(s, len, sec->is_heading ? -1 : MAIN_OUTLINE_LABEL_COLS);
		free(s);
		putchar('\n');
	}
}

/* Print every record in one of the printing modes; returns the exit status.  Stops at
 * the first write error. */
static int
main_print(struct library_paths *lp, const struct main_args *ma, int failed)
{
	struct doc *d;
	char *cause;
	size_t i;
	int printed = 0;

	for (i = 0; i < lp->npaths; i++) {
		if ((d = doc_create(lp->paths[i], ma->encoding, &cause)) == NULL) {
			main_report(&failed, lp->paths[i], cause);
			free(cause);
			continue;
		}
		if (printed++ > 0)
			putchar('\n');
		switch (ma->mode) {
		case MAIN_META:
			main_meta(d);
			break;
		case MAIN_OUTLINE:
			main_outline(d);
			break;
		default:
			main_dump(d, ma);
			break;
		}
		doc_free(d);
		if (ferror(stdout))
			break;		/* main_stdout_close says why */
		if (ma->paged && pager_dumb_quitting())
			break;
	}
	return failed;
}

/* Make the library of the records and page through it; returns the exit status.  Only
 * the heads are read, by the pager as it goes; standard input and a lone record are loaded
 * here, so that an error is said before the screen starts.  Files the index found
 * unreadable are named on standard error at the end (exit status 1). */
static int
main_page(struct library_paths *lp, struct main_args *ma, int failed)
{
	struct library *lib;
	struct library_entry *e;
	struct doc **docs;
	char *cause;
	size_t i, n = 0;
	int status;

	lib = library_create(lp, ma->encoding);
	docs = xcalloc(lib->nentries, sizeof *docs);
	for (i = 0; i < lib->nentries; i++) {
		e = &lib->entries[i];
		if (lib->nentries > 1 && strcmp(e->path, "-") != 0)
			continue;
		if ((docs[i] = doc_open(e->path, lib->encoding, &cause)) == NULL) {
			main_report(&failed, e->path, cause);
			library_entry_set_error(lib, i, cause);
			free(cause);
			continue;
		}
		library_entry_update(lib, i, docs[i]);
		n++;
	}
	if (lib->nentries == 1 && n == 0) {
		free(docs);
		library_free(lib);
		return 1;
	}
	status = pager_run(lib, docs, &ma->po);
	free(docs);
	for (i = 0; i < lib->nentries; i++) {
		e = &lib->entries[i];
		if (e->error != NULL && strcmp(e->path, "-") != 0)
			main_report(&failed, e->path, e->error);
	}
	library_free(lib);
	return status != 0 ? status : failed;
}

/* Load the country table beside the bundled records; a missing table only loses the
 * country-to-region mapping. */
static void
main_load_countries(void)
{
	char *path, *cause;

	path = xasprintf("%s/regions.tsv", library_content_dir());
	if (doc_region_load_countries(path, &cause) != 0) {
		main_error("%s: %s", path, cause);	/* $KIROKU_CONTENT may be anything */
		free(cause);
	}
	free(path);
}

int
main(int argc, char **argv)
{
	struct main_args ma;
	struct library_paths lp;
	int first, i, failed = 0, status;

	setlocale(LC_ALL, "");
	input_map_catch();	/* a mapped file cut short while read: NULs, not SIGBUS */
	first = main_parse_args(argc, argv, &ma);
	if (ma.mode == MAIN_PAGER && !isatty(STDOUT_FILENO))
		ma.mode = MAIN_DUMP;
	if (ma.mode == MAIN_PAGER && pager_term_dumb()) {
		ma.mode = MAIN_DUMP;
		ma.paged = 1;
		pager_dumb_start();
	}
	if (ma.mode != MAIN_PAGER) {
		main_locale_utf8();
		if (ma.po.ambiguous != 0)
			layout_width_set_ambiguous(ma.po.ambiguous);
	}

	library_paths_init(&lp);
	if (first == argc) {
		if (!isatty(STDIN_FILENO))
			library_paths_add(&lp, "-", main_report, &failed);
		else
			library_paths_add(&lp, library_content_dir(), main_report, &failed);
	}
	for (i = first; i < argc; i++)
		library_paths_add(&lp, argv[i], main_report, &failed);
	main_load_countries();

	/* Nothing to show (a folder without records) is the same in every mode: exit 1 and one
	 * line, naming the folder when there is one, unless a failed operand was named. */
	if (lp.npaths == 0) {
		if (failed)
			status = 1;
		else if (argc - first <= 1)
			main_report(&status, first == argc ? library_content_dir() : argv[first],
			    "no records to show");
		else {
			fputs("kiroku: no records to show\n", stderr);
			status = 1;
		}
	} else if (ma.mode == MAIN_PAGER)
		status = main_page(&lp, &ma, failed);
	else
		status = main_print(&lp, &ma, failed);
	if (ma.paged)
		pager_dumb_stop();
	if (ma.mode != MAIN_PAGER && main_stdout_close() != 0)
		status = 1;
	library_paths_clear(&lp);
	doc_region_free_countries();
	return status;
}
