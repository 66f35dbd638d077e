/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library-scan.c: expanding operands into record paths, and finding the bundled records.
 * Directories are searched recursively for *.txt (and *.txt compressed) in byte order of
 * names, each directory once (symlink loops end); an archive of records (zip, tar, known by
 * its bytes) is a directory too, its records unpacked by input-archive.c.  Nothing here reads
 * a record's contents otherwise. */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "library.h"
#include "nls.h"
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

/* Return 1 if name ends in suffix. */
static int
library_name_ends(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcmp(name + n - k, suffix) == 0;
}

/* Return 1 if a file in a directory is taken as a record by its name: *.txt, and *.txt
 * compressed (.gz .bz2 .xz .zst).  What it holds is then read from its bytes. */
static int
library_is_record_name(const char *name)
{
	static const char *const packed[] = { ".txt.gz", ".txt.bz2", ".txt.xz", ".txt.zst" };
	size_t i;

	if (library_name_ends(name, ".txt"))
		return 1;
	for (i = 0; i < sizeof packed / sizeof packed[0]; i++) {
		if (library_name_ends(name, packed[i]))
			return 1;
	}
	return 0;
}

/* Return 1 if a file in a directory is taken as an archive of records by its name. */
static int
library_is_archive_name(const char *name)
{
	static const char *const names[] = { ".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2",
	    ".tar.xz", ".tar.zst" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (library_name_ends(name, names[i]))
			return 1;
	}
	return 0;
}

/* Return 1 if the regular file at path holds an archive (zip, tar, a compressed tar),
 * whatever its name. */
static int
library_is_archive(const char *path)
{
	char head[INPUT_PACK_HEAD];
	ssize_t n;
	int fd;
	enum input_pack kind;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) == -1)
		return 0;
	n = read(fd, head, sizeof head);
	close(fd);
	if (n <= 0)
		return 0;
	kind = input_pack_kind(head, (size_t)n);
	return kind == INPUT_PACK_ARCHIVE ||
	    (kind == INPUT_PACK_COMPRESSED && input_unpack_is_tar(path));
}

/* Add one record of an archive (input_archive_open()'s callback). */
static void
library_scan_member(void *arg, const char *path)
{
	struct library_scan *ls = arg;

	library_paths_push(ls->lp, path, ls->name_off);
}

/* Add the records of the archive at path, as a directory's; a damaged archive or a bomb
 * is reported once, the records before the damage are kept. */
static void
library_scan_archive(struct library_scan *ls, const char *path)
{
	char *cause;

	if (input_archive_open(path, library_scan_member, ls, &cause) != 0) {
		library_scan_error(ls, path, cause);
		free(cause);
	}
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
	else if (S_ISREG(st.st_mode) && library_is_archive_name(path) &&
	    library_is_archive(path))
		library_scan_archive(ls, path);
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

/* What library_scan_member_path() looks for in an archive. */
struct library_want {
	struct library_scan *ls;
	const char	*path;		/* the record wanted: "ARCHIVE/MEMBER" */
	int		 found;
};

/* Add the record of an archive if it is the one wanted (input_archive_open()'s
 * callback). */
static void
library_want_member(void *arg, const char *path)
{
	struct library_want *lw = arg;

	if (!lw->found && strcmp(path, lw->path) == 0) {
		library_paths_push(lw->ls->lp, path, LIBRARY_NAME_BASE);
		lw->found = 1;
	}
}

/* Add a record named inside an archive ("recs.zip/a/b.txt"): 1 if path goes through an
 * archive (the record added, or the reason reported), 0 if not. */
static int
library_scan_member_path(struct library_scan *ls, const char *path)
{
	struct library_want lw = { ls, path, 0 };
	struct stat st;
	char *prefix = xstrdup(path), *slash, *cause;

	while ((slash = strrchr(prefix, '/')) != NULL && slash != prefix) {
		*slash = '\0';
		if (stat(prefix, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (!library_is_archive(prefix))
			break;
		if (input_archive_open(prefix, library_want_member, &lw, &cause) != 0) {
			library_scan_error(ls, prefix, cause);
			free(cause);
		} else if (!lw.found)
			library_scan_error(ls, path, _("no such record in the archive"));
		free(prefix);
		return 1;
	}
	free(prefix);
	return 0;
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

	if (strcmp(operand, "-") != 0 && stat(operand, &st) == 0 && S_ISREG(st.st_mode) &&
	    library_is_archive(operand)) {
		/* An archive is a directory of records, whatever its name; they are shown by
		 * their path in it. */
		ls.name_off = strlen(operand) + 1;
		library_scan_archive(&ls, operand);
		return ls.failed ? -1 : 0;
	}
	if (strcmp(operand, "-") != 0 && stat(operand, &st) != 0 && errno == ENOTDIR &&
	    library_scan_member_path(&ls, operand))
		return ls.failed ? -1 : 0;
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
