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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "doc.h"
#include "input.h"
#include "kconfig.h"
#include "layout.h"
#include "library.h"
#include "nls.h"
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
	OPT_HANG,
	OPT_REFLOW,
	OPT_COLOR,
	OPT_NO_OUTLINE,
	OPT_REGEX,
	OPT_NO_REGEX,
	OPT_CONFIG,
	OPT_NO_CONFIG,
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
	{ "hang", no_argument, NULL, OPT_HANG },
	{ "reflow", no_argument, NULL, OPT_REFLOW },
	{ "color", no_argument, NULL, OPT_COLOR },
	{ "colour", no_argument, NULL, OPT_COLOR },
	{ "no-outline", no_argument, NULL, OPT_NO_OUTLINE },
	{ "regex", no_argument, NULL, OPT_REGEX },
	{ "no-regex", no_argument, NULL, OPT_NO_REGEX },
	{ "pattern", required_argument, NULL, 'p' },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
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
	{ N_("Keys in the pager, each with the command it runs (kiroku(1) tells more):\n"),
	  PAGER_KEYS_MOVE },
	{ "", PAGER_KEYS_TEXT },
	{ "", PAGER_KEYS_RECORD },
	{ N_("In the outline (Tab):\n"), PAGER_KEYS_OUTLINE },
	{ N_("On the index:\n"), PAGER_KEYS_INDEX },
	{ N_("At a prompt (/ ?):\n"), PAGER_KEYS_PROMPT },
	{ N_("In the help (h):\n"), PAGER_KEYS_HELP },
};

/* What --help prints, in parts a translator can take one at a time; each keeps within 80
 * columns (a wide character counted as two). */
static const char *const main_usage_text[] = {
N_("Usage: kiroku [OPTION]... [FILE|DIR]...\n"
"Read Japanese records (meeting summaries, press records) in the terminal:\n"
"region tabs, an outline of the sections, and text wrapped with Japanese\n"
"line-breaking rules.\n"
"\n"
"With no operand, read standard input if it is not a terminal, else the\n"
"bundled records.  A DIR is searched recursively for records (*.txt);\n"
"- is standard input.\n"
"\n"),
N_("  -d, --dump               write the laid-out text to standard output and exit\n"
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
"                           ISO-2022-JP) or any name iconv knows\n"),
N_("      --kinsoku=MODE       which characters may start a line (CSS line-break):\n"
"                           strict: none of small kana, ー, ‐ – 〜 ゠,\n"
"                             々 ゝ ゞ, ・ ： ； ！ ？, … ‥, ％ ° ℃;\n"
"                           normal (default): small kana and ー, and ‐ – 〜 ゠\n"
"                             after a kanji or kana;\n"
"                           loose: all of them.  Never in any mode:\n"
"                           、。，．）」』 and the like; a line never ends\n"
"                           with （「『\n"),
N_("  +G, +NUM, +/PATTERN      (before the files, as in less) open the first record\n"
"                           at its end, at source line NUM or at the first\n"
"                           match of PATTERN\n"
"  -p, --pattern=PATTERN    as +/PATTERN\n"
"      --no-outline         start with the outline hidden (o shows it)\n"
"      --regex              search with regular expressions (PCRE2), not\n"
"                           literally (Ctrl-R at the search prompt toggles)\n"
"      --hang, --reflow, --color  undo a no- setting of the configuration\n"
"      --config=FILE        read settings from FILE, not from\n"
"                           $XDG_CONFIG_HOME/kiroku/config; --no-config: none;\n"
"                           then from KIROKU, then from the command line\n"
"  Records may be compressed (gzip, bzip2, xz, zstd); an archive (zip, tar,\n"
"  compressed tar) of records opens as a DIR.\n"),
N_("      --no-hang            do not hang 、。，． into the right margin (by\n"
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
"\n"),
};

/* What --version prints, as the GNU coding standards lay it out: the program and the
 * copyright as they are, the licence in the user's language. */
static const char main_version_text[] =
"kiroku " PACKAGE_VERSION "\n"
"Copyright (C) 2026 the kiroku authors.\n";
static const char main_licence_text[] =
N_("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
"This is free software: you are free to change and redistribute it.\n"
"There is NO WARRANTY, to the extent permitted by law.\n");

/* Print the usage, the keys of the pager from its key tables, and the exit statuses. */
static void
main_usage(void)
{
	size_t i;

	for (i = 0; i < sizeof main_usage_text / sizeof *main_usage_text; i++)
		fputs(_(main_usage_text[i]), stdout);
	for (i = 0; i < sizeof main_usage_keys / sizeof main_usage_keys[0]; i++) {
		if (*main_usage_keys[i].heading != '\0')
			fputs(_(main_usage_keys[i].heading), stdout);
		pager_cmd_doc(stdout, main_usage_keys[i].keys, PAGER_DOC_USAGE);
	}
	fputc('\n', stdout);
	fputs(_("Exit status: 0 all records read, 1 a file could not be read or there was\n"
	    "nothing to show, 2 usage error.\n"), stdout);
}

/* What the command line asked for. */
struct main_args {
	enum main_mode	 mode;
	int		 paged;		/* --dump a page at a time: the terminal is dumb */
	int		 width;		/* --width, display columns; 0: not given */
	const char	*encoding;	/* NULL: auto; points into argv or variable */
	struct pager_opts po;
	struct config_words variable;	/* the words of KIROKU, owned */
	int		 config_errors;	/* bad lines and options of the file and variable */
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

/* Print the usage error (fmt is marked with N_ and translated here; arg shown in its
 * visible form) and the hint, and exit 2. */
static void __attribute__((noreturn))
main_usage_error(const char *fmt, const char *arg)
{
	char *msg;

	msg = xasprintf(_(fmt), arg);
	main_error("%s", msg);
	free(msg);
	fputs(_("Try 'kiroku --help' for more information.\n"), stderr);
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
	fprintf(stderr, "kiroku: %s: %s\n", _("standard output"),
	    err != 0 ? strerror(err) : _("write error"));
	return 1;
}

/* Parse a positive number of columns into *cols: 0, or -1 if s is not one. */
static int
main_cols_value(const char *s, int *cols)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 10000)
		return -1;
	*cols = (int)v;
	return 0;
}

/* Apply one option (c as main_longopts gives it, arg its argument) to ma; returns NULL, or
 * why the value is refused (allocated).  The modes, --help and --version are the
 * caller's. */
static char *
main_option(struct main_args *ma, int c, const char *arg)
{
	switch (c) {
	case 'w':
		if (main_cols_value(arg, &ma->width) != 0)
			return xasprintf(_("invalid width '%s' (1 to 10000)"), arg);
		break;
	case 'e':
		ma->encoding = strcmp(arg, "auto") == 0 ? NULL : arg;
		break;
	case OPT_KINSOKU:
		if (strcmp(arg, "normal") == 0)
			ma->po.kinsoku = LAYOUT_KINSOKU_NORMAL;
		else if (strcmp(arg, "strict") == 0)
			ma->po.kinsoku = LAYOUT_KINSOKU_STRICT;
		else if (strcmp(arg, "loose") == 0)
			ma->po.kinsoku = LAYOUT_KINSOKU_LOOSE;
		else
			return xasprintf(_("invalid kinsoku mode '%s' (strict, normal or loose)"),
			    arg);
		break;
	case OPT_NO_HANG:
	case OPT_HANG:
		ma->po.hang = c == OPT_HANG;
		break;
	case OPT_NO_REFLOW:
	case OPT_REFLOW:
		doc_reflow_set(c == OPT_REFLOW);
		break;
	case OPT_AMBIGUOUS:
		if (strcmp(arg, "auto") == 0)
			ma->po.ambiguous = 0;
		else if (strcmp(arg, "1") == 0)
			ma->po.ambiguous = 1;
		else if (strcmp(arg, "2") == 0)
			ma->po.ambiguous = 2;
		else
			return xasprintf(_("invalid ambiguous width '%s' (auto, 1 or 2)"), arg);
		break;
	case OPT_NO_COLOR:
	case OPT_COLOR:
		ma->po.color = c == OPT_COLOR;
		break;
	case OPT_SECURE:
		ma->po.secure = 1;
		break;
	case OPT_FURNITURE:
		ma->po.furniture = 1;
		break;
	case OPT_THEME:
		if (strcmp(arg, "none") == 0)
			ma->po.theme = PAGER_THEME_NONE;
		else if (strcmp(arg, "auto") == 0)
			ma->po.theme = PAGER_THEME_AUTO;
		else if (strcmp(arg, "light") == 0)
			ma->po.theme = PAGER_THEME_LIGHT;
		else if (strcmp(arg, "dark") == 0)
			ma->po.theme = PAGER_THEME_DARK;
		else
			return xasprintf(_("invalid theme '%s' (none, auto, light or dark)"), arg);
		break;
	case OPT_MOUSE:
	case OPT_NO_MOUSE:
		ma->po.mouse = c == OPT_MOUSE;
		break;
	case OPT_NO_OUTLINE:
		ma->po.no_outline = 1;
		break;
	case OPT_REGEX:
	case OPT_NO_REGEX:
		ma->po.regex = c == OPT_REGEX;
		break;
	case 'p':
		if (*arg == '\0')
			return xstrdup(_("empty pattern"));
		free(ma->po.start_pattern);
		ma->po.start_pattern = xstrdup(arg);
		ma->po.start = PAGER_START_PATTERN;
		break;
	case OPT_CONFIG:
	case OPT_NO_CONFIG:
		break;		/* read before the rest: main_config_find() */
	default:
		return xstrdup(_("not a setting"));
	}
	return NULL;
}

/* Return the entry of main_longopts named name, or NULL. */
static const struct option *
main_longopt_find(const char *name)
{
	const struct option *o;

	for (o = main_longopts; o->name != NULL; o++) {
		if (strcmp(o->name, name) == 0)
			return o;
	}
	return NULL;
}

/* Return 1 if value says on, 0 if off, -1 if neither. */
static int
main_bool_value(const char *value)
{
	static const char *const on[] = { "on", "yes", "true", "1" };
	static const char *const off[] = { "off", "no", "false", "0" };
	size_t i;

	for (i = 0; i < sizeof on / sizeof on[0]; i++) {
		if (strcasecmp(value, on[i]) == 0)
			return 1;
		if (strcasecmp(value, off[i]) == 0)
			return 0;
	}
	return -1;
}

/* Bind a key by a bind line of the configuration: "KEY COMMAND". */
static char *
main_config_bind(const char *value)
{
	const char *sp = value + strcspn(value, " \t"), *cmd = sp + strspn(sp, " \t");
	char *key, *cause = NULL;

	if (sp == value || *cmd == '\0' || cmd[strcspn(cmd, " \t")] != '\0')
		return xstrdup(_("bind wants a key and a command name (bind J section-next)"));
	key = xasprintf("%.*s", (int)(sp - value), value);
	pager_cmd_bind(key, cmd, &cause);
	free(key);
	return cause;
}

/* Where the configuration is being read: for messages and bind lines. */
struct main_config_ctx {
	struct main_args *ma;
	const char	*path;
};

/* Apply one setting of the configuration file (config_file_read()'s callback): a long
 * option's name, with "= VALUE" for its argument or on/off for a switch. */
static char *
main_config_setting(void *arg, const char *name, const char *value, long line)
{
	struct main_config_ctx *cc = arg;
	struct main_args *ma = cc->ma;
	const struct option *o, *other;
	char *alt;
	int on;

	if (strcmp(name, "bind") == 0)
		return main_config_bind(value);
	if (strcmp(name, "outline") == 0) {
		/* --outline is the printing mode; the setting is the pane's. */
		if (value == NULL || (on = main_bool_value(value)) < 0)
			return xstrdup(_("outline wants on or off"));
		ma->po.no_outline = !on;
		return NULL;
	}
	o = main_longopt_find(name);
	if (o != NULL && (o->val == 'd' || o->val == OPT_META || o->val == OPT_OUTLINE ||
	    o->val == 'h' || o->val == 'V' || o->val == OPT_CONFIG || o->val == OPT_NO_CONFIG ||
	    o->val == 'p'))
		return xasprintf(_("'%s' is not a setting (only on the command line)"), name);
	if (o != NULL && o->has_arg == required_argument) {
		if (value == NULL || *value == '\0')
			return xasprintf(_("'%s' wants a value (%s = VALUE)"), name, name);
		return main_option(ma, o->val, value);
	}
	alt = strncmp(name, "no-", 3) == 0 ? xstrdup(name + 3) : xasprintf("no-%s", name);
	other = main_longopt_find(alt);
	free(alt);
	if (o == NULL && (other == NULL || other->has_arg != no_argument))
		return xasprintf(_("unknown setting '%s'"), name);
	if (value == NULL || *value == '\0')
		on = 1;
	else if ((on = main_bool_value(value)) < 0)
		return xasprintf(_("'%s' wants on or off, not '%s'"), name, value);
	if (o != NULL && on)
		return main_option(ma, o->val, NULL);
	/* off: the opposite switch, "no-hang" for hang, "hang" for no-hang. */
	if (other != NULL && other->has_arg == no_argument)
		return main_option(ma, other->val, NULL);
	if (o == NULL)
		return NULL;	/* "hang = on" without --hang... is the default */
	return xasprintf(_("'%s' cannot be turned off"), name);
}

/* Report a bad line of the configuration once (config_file_read()'s callback). */
static void
main_config_bad(void *arg, const char *path, long line, const char *why)
{
	struct main_config_ctx *cc = arg;

	main_error(_("%s:%ld: %s (line skipped)"), path, line, why);
	cc->ma->config_errors++;
}

/* Find which configuration file to read: the last --config=FILE or --no-config of the
 * variable's words then the command line's (the file is read before either is applied),
 * else the default.  Returns the path, allocated, or NULL for none; *given: named. */
static char *
main_config_find(char **vwords, int argc, char **argv, int *given)
{
	char *path = NULL, **words;
	int i, pass, n;

	*given = 0;
	for (pass = 0; pass < 2; pass++) {
		words = pass == 0 ? vwords : argv;
		for (n = 0; words != NULL && words[n] != NULL && (pass == 0 || n < argc); n++)
			;
		for (i = 1; i < n; i++) {
			if (strcmp(words[i], "--") == 0)
				break;
			if (strcmp(words[i], "--no-config") == 0) {
				free(path);
				path = NULL;
				*given = -1;
			} else if (strncmp(words[i], "--config=", 9) == 0 ||
			    (strcmp(words[i], "--config") == 0 && i + 1 < n)) {
				free(path);
				path = xstrdup(words[i][8] == '=' ? words[i] + 9 : words[++i]);
				*given = 1;
			}
		}
	}
	if (*given == 0)
		path = config_path_default();
	return path;
}

/* Take less's start commands out of argv (+G, +g, +NUM, +/PATTERN, before any "--" and
 * not an option's argument) into ma; argv keeps the rest, argc is updated. */
static void
main_start_take(struct main_args *ma, int *argc, char **argv)
{
	static const char *const with_arg[] = { "-w", "-e", "-p", "--width", "--encoding",
	    "--kinsoku", "--ambiguous-width", "--pattern", "--config" };
	char *end, *a;
	int i, j, k, skip = 0, done = 0;
	long v;

	for (i = j = 1; i < *argc; i++) {
		a = argv[i];
		if (done || skip || a[0] != '+') {
			if (!done && !skip)
				for (k = 0; k < (int)(sizeof with_arg / sizeof with_arg[0]); k++)
					skip |= strcmp(a, with_arg[k]) == 0;
			else
				skip = 0;
			if (strcmp(a, "--") == 0)
				done = 1;
			argv[j++] = a;
			continue;
		}
		if (strcmp(a, "+G") == 0 || strcmp(a, "+g") == 0)
			ma->po.start = a[1] == 'G' ? PAGER_START_END : PAGER_START_TOP;
		else if (a[1] == '/' && a[2] != '\0') {
			free(ma->po.start_pattern);
			ma->po.start_pattern = xstrdup(a + 2);
			ma->po.start = PAGER_START_PATTERN;
		} else {
			errno = 0;
			v = strtol(a + 1, &end, 10);
			if (a[1] < '0' || a[1] > '9' || *end != '\0' || errno != 0 || v < 1)
				main_usage_error("invalid start command '%s' (+G, +g, +NUM or "
				    "+/PATTERN)", a);
			ma->po.start = PAGER_START_LINE;
			ma->po.start_line = v;
		}
	}
	*argc = j;
	argv[j] = NULL;
}

/* Apply the options of the KIROKU variable: as on a command line, but a bad one is
 * reported and skipped, and operands are not taken from it. */
static void
main_variable_apply(struct main_args *ma, struct config_words *cw)
{
	const char *word;
	char *why;
	int c, n = (int)cw->nwords;

	opterr = 0;
	optind = 0;	/* glibc: start getopt over on a new vector */
	while ((c = getopt_long(n, cw->words, ":dw:e:p:", main_longopts, NULL)) != -1) {
		word = cw->words[optind - 1];
		if (c == '?' || c == ':') {
			main_error(c == '?' ? _("KIROKU: unknown option '%s' (skipped)") :
			    _("KIROKU: missing argument to option '%s' (skipped)"), word);
			ma->config_errors++;
			continue;
		}
		if (c == 'd' || c == OPT_META || c == OPT_OUTLINE) {
			ma->mode = c == 'd' ? MAIN_DUMP : c == OPT_META ? MAIN_META : MAIN_OUTLINE;
			continue;
		}
		if ((why = main_option(ma, c, optarg)) != NULL) {
			main_error(_("KIROKU: %s (skipped)"), why);
			free(why);
			ma->config_errors++;
		}
	}
	for (; optind < n; optind++)
		main_error(_("KIROKU: '%s' is not an option (skipped: name files on the "
		    "command line)"), cw->words[optind]);
	opterr = 1;
	optind = 0;
}

/* Parse the configuration file, the KIROKU variable and the command line, in that order
 * of precedence (later wins), into ma; argv loses the start commands.  Returns the index
 * of the first operand. */
static int
main_parse_args(int *argcp, char **argv, struct main_args *ma)
{
	struct main_config_ctx cc;
	struct config_words cw = { NULL, 0 };
	const char *env;
	char *path, *cause, *why;
	int c, given, argc;

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
	main_start_take(ma, argcp, argv);
	argc = *argcp;
	if ((env = getenv("KIROKU")) != NULL &&
	    config_words_split(env, "kiroku", &cw, &cause) != 0) {
		main_error(_("KIROKU: %s (variable skipped)"), cause);
		free(cause);
		ma->config_errors++;
	}

	/* The file, then the variable, then the command line. */
	if ((path = main_config_find(cw.words, argc, argv, &given)) != NULL) {
		cc.ma = ma;
		cc.path = path;
		if (config_file_read(path, main_config_setting, main_config_bad, &cc,
		    &cause) != 0) {
			if (given || strcmp(cause, strerror(ENOENT)) != 0) {
				main_error("%s: %s", path, cause);
				ma->config_errors++;
			}
			free(cause);
		}
		free(path);
	}
	if (cw.nwords > 1)
		main_variable_apply(ma, &cw);
	ma->variable = cw;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":dw:e:p:hV", main_longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			ma->mode = MAIN_DUMP;
			break;
		case OPT_OUTLINE:
			ma->mode = MAIN_OUTLINE;
			break;
		case OPT_META:
			ma->mode = MAIN_META;
			break;
		case 'h':
			main_usage();
			exit(main_stdout_close());
		case 'V':
			fputs(main_version_text, stdout);
			fputs(_(main_licence_text), stdout);
			exit(main_stdout_close());
		case ':':
			main_usage_error(N_("option '%s' needs a value"), argv[optind - 1]);
		case '?':
			/* getopt's own message would echo the option raw (opterr is 0). */
			if (optopt != 0 && optopt != '?')
				main_usage_error(N_("invalid option -- '%s'"), (char[]){
				    (char)optopt, '\0' });
			main_usage_error(N_("unrecognized option '%s'"), argv[optind - 1]);
		default:
			if ((why = main_option(ma, c, optarg)) != NULL) {
				char	msg[1024];

				/* freed before the exit, so a leak checker sees nothing lost */
				snprintf(msg, sizeof msg, "%s", why);
				free(why);
				main_usage_error("%s", msg);
			}
			break;
		}
	}
	return optind;
}

/* Free what the parse of the arguments allocated. */
static void
main_args_clear(struct main_args *ma)
{
	pager_cmd_unbind_all();
	free(ma->po.start_pattern);
	config_words_clear(&ma->variable);
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
	/* The pager keeps all its text in UTF-8 (an EUC-JP terminal gets it converted as it
	 * is drawn): so do its messages, whatever the locale's codeset. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
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
	bindtextdomain(PACKAGE, library_locale_dir());
	textdomain(PACKAGE);
	input_map_catch();	/* a mapped file cut short while read: NULs, not SIGBUS */
	first = main_parse_args(&argc, argv, &ma);
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
	/* Files named one by one: :n and :p go through them in that order, as in less. */
	ma.po.ordered = argc - first > 1 && lp.npaths == (size_t)(argc - first);
	main_load_countries();

	/* Nothing to show (a folder without records) is the same in every mode: exit 1 and one
	 * line, naming the folder when there is one, unless a failed operand was named. */
	if (lp.npaths == 0) {
		if (failed)
			status = 1;
		else if (argc - first <= 1)
			main_report(&status, first == argc ? library_content_dir() : argv[first],
			    _("no records to show"));
		else {
			fprintf(stderr, "kiroku: %s\n", _("no records to show"));
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
	input_archive_free_all();
	main_args_clear(&ma);
	return status;
}
