/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library-scan.c: expanding operands into record paths, and finding the bundled records.
 * Directories are searched recursively for *.txt in byte order of names, each directory once
 * (symlink loops end); nothing here reads a record's contents. */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "library.h"
#include "paths.h"
#include "xmalloc.h"

/* A directory already entered, to stop symlink loops. */
struct library_seen {
	dev_t	dev;
	ino_t	ino;
};

struct library_scan {
	struct library_paths *lp;
	library_error_fn *err;
	void	*arg;
	size_t	 name_off;		/* bytes of the directory given and its slash */
	struct library_seen *seen;	/* directories entered, owned */
	size_t	 nseen;
	int	 failed;		/* 1 once an error was reported */
};

/* Prepare an empty list. */
void
library_paths_init(struct library_paths *lp)
{
	lp->paths = NULL;
	lp->name_off = NULL;
	lp->npaths = lp->alloc = 0;
}

/* Free the paths of the list. */
void
library_paths_clear(struct library_paths *lp)
{
	size_t i;

	for (i = 0; i < lp->npaths; i++)
		free(lp->paths[i]);
	free(lp->paths);
	free(lp->name_off);
	library_paths_init(lp);
}

/* Append a copy of path to the list, shown by the name at byte name_off of it (or
 * LIBRARY_NAME_BASE: its base name). */
static void
library_paths_push(struct library_paths *lp, const char *path, size_t name_off)
{
	if (lp->npaths == lp->alloc) {
		lp->alloc = lp->alloc ? lp->alloc * 2 : 16;
		lp->paths = xreallocarray(lp->paths, lp->alloc, sizeof *lp->paths);
		lp->name_off = xreallocarray(lp->name_off, lp->alloc, sizeof *lp->name_off);
	}
	lp->name_off[lp->npaths] = name_off;
	lp->paths[lp->npaths++] = xstrdup(path);
}

/* Report an unusable path through the caller's function. */
static void
library_scan_error(struct library_scan *ls, const char *path, const char *cause)
{
	ls->failed = 1;
	if (ls->err != NULL)
		ls->err(ls->arg, path, cause);
}

/* Return 1 if name ends in ".txt". */
static int
library_is_record_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Order directory entries by the bytes of their names, so the order never depends on
 * the locale. */
static int
library_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void library_scan_dir(struct library_scan *ls, const char *dir,
    const struct stat *st);

/* Add one directory entry: a record file, or a directory to descend into. */
static void
library_scan_entry(struct library_scan *ls, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		/* A dangling link or a racing delete: a record name is listed all the same,
		 * and opening it gives the reason (as for an operand). */
		if (library_is_record_name(path))
			library_paths_push(ls->lp, path, ls->name_off);
		return;
	}
	if (S_ISDIR(st.st_mode))
		library_scan_dir(ls, path, &st);
	else if (library_is_record_name(path))
		library_paths_push(ls->lp, path, ls->name_off);
}

/* Add the records under a directory, recursively, unless it was entered before. */
static void
library_scan_dir(struct library_scan *ls, const char *dir, const struct stat *st)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL, *path;
	size_t nnames = 0, alloc = 0, i, dirlen;

	for (i = 0; i < ls->nseen; i++) {
		if (ls->seen[i].dev == st->st_dev && ls->seen[i].ino == st->st_ino)
			return;
	}
	ls->seen = xreallocarray(ls->seen, ls->nseen + 1, sizeof *ls->seen);
	ls->seen[ls->nseen].dev = st->st_dev;
	ls->seen[ls->nseen].ino = st->st_ino;
	ls->nseen++;

	if ((dp = opendir(dir)) == NULL) {
		library_scan_error(ls, dir, strerror(errno));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (nnames == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			names = xreallocarray(names, alloc, sizeof *names);
		}
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (nnames > 1)		/* names is NULL in an empty directory */
		qsort(names, nnames, sizeof *names, library_name_cmp);

	dirlen = strlen(dir);
	while (dirlen > 1 && dir[dirlen - 1] == '/')
		dirlen--;
	for (i = 0; i < nnames; i++) {
		path = xasprintf("%.*s/%s", (int)dirlen, dir, names[i]);
		library_scan_entry(ls, path);
		free(path);
		free(names[i]);
	}
	free(names);
}

/* Add an operand: "-" (standard input), a file (whatever its name), or a directory
 * searched for *.txt.  Returns -1 if something could not be used (reported through err),
 * 0 otherwise. */
int
library_paths_add(struct library_paths *lp, const char *operand, library_error_fn *err,
    void *arg)
{
	struct library_scan ls = { lp, err, arg, 0, NULL, 0, 0 };
	struct stat st;
	size_t dirlen;

	if (strcmp(operand, "-") == 0 || stat(operand, &st) != 0 || !S_ISDIR(st.st_mode)) {
		/* Files, and paths that fail: reading them gives the precise reason. */
		library_paths_push(lp, operand, LIBRARY_NAME_BASE);
		return 0;
	}
	/* Records are shown by their path under the directory given (a/in.txt, b/in.txt),
	 * as library_scan_dir() spells it: trailing slashes dropped but one. */
	dirlen = strlen(operand);
	while (dirlen > 1 && operand[dirlen - 1] == '/')
		dirlen--;
	ls.name_off = dirlen + 1;
	library_scan_dir(&ls, operand, &st);
	free(ls.seen);
	return ls.failed ? -1 : 0;
}

/* Write to buf the top of the source tree when the program runs where it was built in
 * place (src/kiroku beside src/main.c); returns 0, or -1 when it runs from elsewhere. */
static int
library_tree_top(char *buf, size_t size)
{
	char exe[PATH_MAX], probe[PATH_MAX + sizeof "/main.c"], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return -1;
	*slash = '\0';			/* the program's directory: <top>/src */
	snprintf(probe, sizeof probe, "%s/main.c", exe);
	if ((slash = strrchr(exe, '/')) == NULL || access(probe, F_OK) != 0)
		return -1;
	*slash = '\0';
	if (strlen(exe) >= size)
		return -1;
	memcpy(buf, exe, strlen(exe) + 1);
	return 0;
}

/* Return the directory of the bundled records: $KIROKU_CONTENT if set; content/ of the
 * source tree when the program runs where it was built in place (src/kiroku beside
 * src/main.c), so that ./src/kiroku shows them before `make install`; else the package
 * data directory of this build.  No build directory is compiled in, so a build is the same
 * whatever directory it was made in. */
const char *
library_content_dir(void)
{
	static char dir[PATH_MAX + sizeof "/content"];
	const char *env = getenv("KIROKU_CONTENT");

	if (env != NULL && *env != '\0')
		return env;
	if (library_tree_top(dir, PATH_MAX) == 0) {
		strcat(dir, "/content");
		return dir;
	}
	return KIROKU_DATADIR;
}

/* Return the directory of the message catalogs, found as the records are: $KIROKU_LOCALEDIR
 * if set; po/locale of the tree (made by make) when the program runs where it was built;
 * else the locale directory of this build. */
const char *
library_locale_dir(void)
{
	static char dir[PATH_MAX + sizeof "/po/locale"];
	const char *env = getenv("KIROKU_LOCALEDIR");

	if (env != NULL && *env != '\0')
		return env;
	if (library_tree_top(dir, PATH_MAX) == 0) {
		strcat(dir, "/po/locale");
		return dir;
	}
	return KIROKU_LOCALEDIR;
}
