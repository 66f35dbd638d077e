/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.c: the configuration file and the KIROKU variable, read into words.
 * A file holds one setting a line ("kinsoku = strict", "no-hang", "bind J next-section");
 * the variable holds options as typed on a command line.  What a setting means is the
 * caller's (main.c): this file only splits, names where each line came from, and says
 * where the file is.  Never prints, never exits. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kconfig.h"
#include "nls.h"
#include "xmalloc.h"

/* Return the configuration file's path ($XDG_CONFIG_HOME/kiroku/config, else
 * ~/.config/kiroku/config), allocated, or NULL when neither variable says where home is. */
char *
config_path_default(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	/* The XDG base directory specification ignores a relative path. */
	if (xdg != NULL && xdg[0] == '/')
		return (xasprintf("%s/kiroku/config", xdg));
	if (home != NULL && home[0] != '\0')
		return (xasprintf("%s/.config/kiroku/config", home));
	return (NULL);
}

/* Trim the spaces and tabs around s[0..*len) in place; returns where it now starts. */
static char *
config_trim(char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t' ||
	    s[*len - 1] == '\r'))
		(*len)--;
	s[*len] = '\0';
	return (s);
}

/*
 * Read the configuration file at path and call fn for each setting: name and value
 * ("kinsoku", "strict"; value NULL for a bare "no-hang"; "bind" with the rest of the line
 * as value), and the line's number.  Blank lines and lines starting with # are skipped.
 * fn returns NULL, or an allocated reason, which is passed to bad with the line number;
 * the rest of the file still applies.  Return 0, or -1 with *cause set if the file cannot
 * be read (missing: errno ENOENT).
 */
int
config_file_read(const char *path, config_setting_fn *fn, config_bad_fn *bad, void *arg,
    char **cause)
{
	FILE *f;
	char *line = NULL, *s, *eq, *name, *value, *why;
	size_t alloc = 0, len, nlen, vlen;
	ssize_t n;
	long lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xstrdup(strerror(errno));
		return (-1);
	}
	while ((n = getline(&line, &alloc, f)) != -1) {
		lineno++;
		len = (size_t)n;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		s = config_trim(line, &len);
		if (len == 0 || s[0] == '#')
			continue;
		if (strncmp(s, "bind", 4) == 0 && (s[4] == ' ' || s[4] == '\t')) {
			name = "bind";
			value = s + 5;
			vlen = strlen(value);
			value = config_trim(value, &vlen);
		} else if ((eq = strchr(s, '=')) != NULL) {
			*eq = '\0';
			nlen = (size_t)(eq - s);
			name = config_trim(s, &nlen);
			vlen = strlen(eq + 1);
			value = config_trim(eq + 1, &vlen);
		} else {
			name = s;
			value = NULL;
		}
		if (name[0] == '-' && name[1] == '-')
			name += 2;	/* "--no-hang" as typed on a command line */
		if ((why = fn(arg, name, value, lineno)) != NULL) {
			bad(arg, path, lineno, why);
			free(why);
		}
	}
	free(line);
	fclose(f);
	return (0);
}

/* Append a copy of len bytes of s to the words. */
static void
config_word_push(struct config_words *cw, const char *s, size_t len)
{
	cw->words = xreallocarray(cw->words, cw->nwords + 2, sizeof *cw->words);
	cw->words[cw->nwords] = xmalloc(len + 1);
	memcpy(cw->words[cw->nwords], s, len);
	cw->words[cw->nwords][len] = '\0';
	cw->nwords++;
	cw->words[cw->nwords] = NULL;
}

/* Split s into words as a shell would for plain options: at spaces and tabs, with '...' and
 * "..." quoting and a backslash escaping the next character.  The words start with
 * first (argv[0] for getopt).  Return 0, or -1 with *cause set for an unclosed quote. */
int
config_words_split(const char *s, const char *first, struct config_words *cw, char **cause)
{
	char *buf = xmalloc(strlen(s) + 1), quote;
	size_t len;
	int in_word;

	memset(cw, 0, sizeof *cw);
	config_word_push(cw, first, strlen(first));
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		len = 0;
		in_word = 1;
		quote = 0;
		while (*s != '\0' && in_word) {
			if (quote != 0) {
				if (*s == quote)
					quote = 0;
				else if (*s == '\\' && quote == '"' && s[1] != '\0')
					buf[len++] = *++s;
				else
					buf[len++] = *s;
			} else if (*s == '\'' || *s == '"')
				quote = *s;
			else if (*s == '\\' && s[1] != '\0')
				buf[len++] = *++s;
			else if (*s == ' ' || *s == '\t' || *s == '\n')
				in_word = 0;
			else
				buf[len++] = *s;
			if (in_word)
				s++;
		}
		if (quote != 0) {
			free(buf);
			config_words_clear(cw);
			*cause = xstrdup(_("unclosed quote"));
			return (-1);
		}
		config_word_push(cw, buf, len);
	}
	free(buf);
	return (0);
}

/* Free the words. */
void
config_words_clear(struct config_words *cw)
{
	size_t i;

	for (i = 0; i < cw->nwords; i++)
		free(cw->words[i]);
	free(cw->words);
	memset(cw, 0, sizeof *cw);
}
