/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library-terms.c: what each kind of terminal answered last time, so the next start draws
 * at once with the right width instead of waiting for the question to come back.
 * Owns $XDG_STATE_HOME/kiroku/terminals and nothing else: one line per TERM,
 * "TERM TAB AMBIGUOUS-WIDTH", replaced atomically.  Never prints, never exits. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "library.h"
#include "xmalloc.h"

#define LIBRARY_TERMS_FILE	"terminals"
#define LIBRARY_TERMS_MAX	64	/* lines kept: the most recent terminals */
#define LIBRARY_TERMS_LINE	256	/* longest line read */

/* Return 1 if term can be a key of the file: printable, no spaces, not too long. */
static int
library_terms_name_ok(const char *term)
{
	size_t i;

	if (term == NULL || *term == '\0' || strlen(term) > 64)
		return 0;
	for (i = 0; term[i] != '\0'; i++) {
		if ((unsigned char)term[i] <= ' ' || (unsigned char)term[i] >= 0x7f)
			return 0;
	}
	return 1;
}

/* Return the columns of an East Asian Ambiguous character the terminal term answered last
 * time (1 or 2), or 0 if it is not known.  dir is the state directory. */
int
library_terms_get(const char *dir, const char *term)
{
	char line[LIBRARY_TERMS_LINE], *path, *tab;
	int width = 0;
	FILE *f;

	if (dir == NULL || !library_terms_name_ok(term))
		return 0;
	path = xasprintf("%s/%s", dir, LIBRARY_TERMS_FILE);
	f = fopen(path, "re");
	free(path);
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		if (strcmp(line, term) == 0 && (tab[1] == '1' || tab[1] == '2') &&
		    (tab[2] == '\n' || tab[2] == '\0')) {
			width = tab[1] - '0';
			break;
		}
	}
	fclose(f);
	return width;
}

/* Remember that term draws East Asian Ambiguous characters ambiguous (1 or 2) columns
 * wide: its line goes first, the others follow, at most LIBRARY_TERMS_MAX.  Returns 0, or
 * -1 with errno set. */
int
library_terms_set(const char *dir, const char *term, int ambiguous)
{
	char line[LIBRARY_TERMS_LINE], *path, *tmp, *tab;
	FILE *in, *out;
	int fd, n = 1, ret = 0, err;

	if (dir == NULL || !library_terms_name_ok(term) || (ambiguous != 1 && ambiguous != 2)) {
		errno = EINVAL;
		return -1;
	}
	if (library_terms_get(dir, term) == ambiguous)
		return 0;
	if (library_state_mkdirs(dir) != 0)
		return -1;
	path = xasprintf("%s/%s", dir, LIBRARY_TERMS_FILE);
	tmp = xasprintf("%s/.%s.XXXXXX", dir, LIBRARY_TERMS_FILE);
	if ((fd = mkstemp(tmp)) == -1 || (out = fdopen(fd, "w")) == NULL) {
		err = errno;
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(path);
		free(tmp);
		errno = err;
		return -1;
	}
	fprintf(out, "%s\t%d\n", term, ambiguous);
	if ((in = fopen(path, "re")) != NULL) {
		while (n < LIBRARY_TERMS_MAX && fgets(line, sizeof line, in) != NULL) {
			if ((tab = strchr(line, '\t')) == NULL || strchr(line, '\n') == NULL)
				continue;
			*tab = '\0';
			if (strcmp(line, term) == 0)
				continue;
			*tab = '\t';
			fputs(line, out);
			n++;
		}
		fclose(in);
	}
	if (fflush(out) != 0 || ferror(out))
		ret = -1;
	err = errno;
	if (fclose(out) != 0)
		ret = -1;
	if (ret == 0 && rename(tmp, path) != 0) {
		err = errno;
		ret = -1;
	}
	if (ret != 0) {
		unlink(tmp);
		errno = err;
	}
	free(path);
	free(tmp);
	return ret;
}
