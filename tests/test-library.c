/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-library.c: the library index and the state file.
 * Builds libraries and state directories under a temporary directory (removed at the end);
 * the index tests generate records over several regions, a country line, shared titles and
 * dates, and unreadable paths. */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <iconv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "library.h"
#include "tap.h"
#include "xmalloc.h"

static char *tmpdir;

/* Write len bytes to path (created or truncated); returns 0 or -1. */
static int
write_file(const char *path, const char *data, size_t len)
{
	FILE *f;
	int ret = 0;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	if (len != 0 && fwrite(data, 1, len, f) != len)
		ret = -1;
	if (fclose(f) != 0)
		ret = -1;
	return ret;
}

/* Write a NUL-terminated string to path. */
static int
write_str(const char *path, const char *s)
{
	return write_file(path, s, strlen(s));
}

/* Return a path under the temporary directory, allocated. */
static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* Remove one file or directory for nftw(). */
static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

/* Return the number of directory entries whose name starts with prefix, or -1. */
static int
count_prefix(const char *dir, const char *prefix)
{
	struct dirent *de;
	DIR *dp;
	int n = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			n++;
	}
	closedir(dp);
	return n;
}

/* Return a fingerprint of the contents of a file, allocated. */
static char *
file_fingerprint(const char *path)
{
	char *buf, *fp;
	size_t len;

	if ((buf = tap_read_file(path, &len)) == NULL)
		return xstrdup("0:missing");
	fp = library_state_fingerprint(buf, len);
	free(buf);
	return fp;
}

/* Fill marks with LIBRARY_STATE_NONE. */
static void
marks_none(size_t *marks)
{
	size_t m;

	for (m = 0; m < LIBRARY_STATE_NMARKS; m++)
		marks[m] = LIBRARY_STATE_NONE;
}

/* Loading from a directory that does not exist gives an empty state and creates nothing. */
static void
test_state_empty(void)
{
	struct library_state *st;
	struct stat sb;
	char *dir = tmp_path("none/kiroku"), *cause;
	size_t pos, marks[LIBRARY_STATE_NMARKS];

	st = library_state_load(dir, 0, &cause);
	ok(st != NULL && cause == NULL, "state: a missing state file loads empty, silently");
	is_int(library_state_count(st), 0, "state: no records remembered");
	is_int(library_state_get(st, "/etc/passwd", "1:0", &pos, marks), -1,
	    "state: an unknown record has no position");
	ok(pos == LIBRARY_STATE_NONE && marks[0] == LIBRARY_STATE_NONE,
	    "state: an unknown record's position and marks are unset");
	ok(stat(dir, &sb) != 0, "state: loading creates no directory");
	library_state_free(st);
	free(dir);
}

/* Positions and marks survive a save and a load, keyed by canonical path, also for a
 * path with a tab, a newline and a percent sign in it. */
static void
test_state_round_trip(void)
{
	struct library_state *st;
	struct stat sb;
	char *dir = tmp_path("xdg/deeper/kiroku"), *file, *a, *weird, *dotted, *fa, *fw;
	char *cause;
	size_t pos, marks[LIBRARY_STATE_NMARKS], got[LIBRARY_STATE_NMARKS];

	a = tmp_path("a.txt");
	weird = tmp_path("we\tird\nna%20me.txt");
	dotted = tmp_path("./a.txt");
	write_str(a, "欧州(NIS諸国を含む)\n本文\n");
	write_str(weird, "別の記録\n");
	fa = file_fingerprint(a);
	fw = file_fingerprint(weird);

	st = library_state_load(dir, 0, &cause);
	marks_none(marks);
	marks['a' - 'a'] = 12;
	marks['q' - 'a'] = 0;
	marks['z' - 'a'] = 4096;
	library_state_set(st, a, fa, 345, marks);
	library_state_set(st, weird, fw, 7, NULL);
	library_state_set(st, "-", fa, 9, NULL);
	is_int(library_state_count(st), 2, "state: standard input is not remembered");
	is_int(library_state_save(st, &cause), 0, "state: save succeeds");
	ok(cause == NULL, "state: a good save sets no cause");
	library_state_free(st);

	file = xasprintf("%s/state", dir);
	ok(stat(file, &sb) == 0 && (sb.st_mode & 077) == 0,
	    "state: the file is private (mode 0600)");
	ok(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700,
	    "state: the directory is created with mode 0700");
	free(file);
	file = tmp_path("xdg/deeper");
	ok(stat(file, &sb) == 0 && (sb.st_mode & 0777) == 0700,
	    "state: missing parents are created with mode 0700");
	free(file);

	st = library_state_load(dir, 0, &cause);
	ok(cause == NULL, "state: the saved file loads without complaint");
	is_int(library_state_count(st), 2, "state: both records come back");
	is_int(library_state_get(st, a, fa, &pos, got), 0, "state: the record is found");
	is_int(pos, 345, "state: the reading position comes back");
	ok(memcmp(got, marks, sizeof marks) == 0, "state: the marks come back");
	is_int(library_state_get(st, dotted, fa, &pos, got), 0,
	    "state: another spelling of the path finds the same record");
	is_int(library_state_get(st, weird, fw, &pos, got), 0,
	    "state: a path with a tab, a newline and %% round-trips");
	is_int(pos, 7, "state: its position comes back");
	ok(got['a' - 'a'] == LIBRARY_STATE_NONE, "state: no marks stay no marks");
	is_int(library_state_get(st, a, fw, &pos, got), -1,
	    "state: another fingerprint gives no position");
	ok(pos == LIBRARY_STATE_NONE && got['z' - 'a'] == LIBRARY_STATE_NONE,
	    "state: and no marks");
	library_state_free(st);

	free(a);
	free(weird);
	free(dotted);
	free(fa);
	free(fw);
	free(dir);
}

/* A record whose file changed since its position was saved is not put at that position. */
static void
test_state_changed(void)
{
	struct library_state *st;
	char *dir = tmp_path("changed"), *path = tmp_path("changed.txt"), *fp, *cause;
	size_t pos;

	write_str(path, "タイトル\n平成21年9月23日\n本文です。\n");
	fp = file_fingerprint(path);
	st = library_state_load(dir, 0, &cause);
	library_state_set(st, path, fp, 20, NULL);
	library_state_save(st, &cause);
	library_state_free(st);
	free(fp);

	/* The same size, one byte different. */
	write_str(path, "タイトル\n平成21年9月24日\n本文です。\n");
	fp = file_fingerprint(path);
	st = library_state_load(dir, 0, &cause);
	is_int(library_state_get(st, path, fp, &pos, NULL), -1,
	    "state: a file changed since it was saved gives no position");
	is_int(pos, LIBRARY_STATE_NONE, "state: the old position is not returned");
	library_state_set(st, path, fp, 3, NULL);
	is_int(library_state_count(st), 1, "state: the new position replaces the old one");
	is_int(library_state_get(st, path, fp, &pos, NULL), 0,
	    "state: the changed file is remembered again");
	is_int(pos, 3, "state: at its new position");
	library_state_free(st);
	free(fp);
	free(path);
	free(dir);
}

/* A crash in the middle of writing leaves the previous file intact: a child is killed
 * by SIGXFSZ while it writes the temporary file. */
static void
test_state_crash(void)
{
	struct library_state *st;
	struct rlimit rl;
	char *dir = tmp_path("crash"), *path, *fp, *cause, *before, *after, *file;
	size_t pos, i, lenb, lena;
	int status;
	pid_t pid;

	path = tmp_path("crash.txt");
	write_str(path, "記録\n");
	fp = file_fingerprint(path);
	st = library_state_load(dir, 0, &cause);
	library_state_set(st, path, fp, 11, NULL);
	library_state_save(st, &cause);
	library_state_free(st);
	file = xasprintf("%s/state", dir);
	before = tap_read_file(file, &lenb);

	fflush(stdout);
	if ((pid = fork()) == 0) {
		rl.rlim_cur = rl.rlim_max = 0;
		setrlimit(RLIMIT_CORE, &rl);
		rl.rlim_cur = rl.rlim_max = 100;	/* bytes: the write stops here */
		setrlimit(RLIMIT_FSIZE, &rl);
		signal(SIGXFSZ, SIG_DFL);
		st = library_state_load(dir, 0, &cause);
		for (i = 0; i < 50; i++) {
			char *p = xasprintf("%s/crash-%zu.txt", tmpdir, i);

			library_state_set(st, p, fp, i, NULL);
			free(p);
		}
		library_state_save(st, &cause);
		_exit(0);	/* not reached if the write is cut */
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGXFSZ, "state: the child dies in the middle of its write");
	is_int(count_prefix(dir, ".state-"), 1, "state: it leaves a partial temporary file");

	after = tap_read_file(file, &lena);
	ok(before != NULL && after != NULL && lena == lenb && memcmp(before, after, lena) == 0,
	    "state: the previous file is intact, byte for byte");
	st = library_state_load(dir, 0, &cause);
	ok(cause == NULL, "state: it loads without complaint after the crash");
	is_int(library_state_get(st, path, fp, &pos, NULL), 0,
	    "state: the previous record is still there");
	is_int(pos, 11, "state: at its previous position");
	is_int(library_state_count(st), 1, "state: none of the crashed write's records");
	is_int(library_state_save(st, &cause), 0, "state: saving works again after the crash");
	library_state_free(st);

	free(before);
	free(after);
	free(file);
	free(fp);
	free(path);
	free(dir);
}

/* A corrupt state file: the valid lines load, the rest is reported in one cause. */
static void
test_state_corrupt(void)
{
	static const char data[] =
	    "kiroku-state 1\n"
	    "1700000000\t5:00000000000000ab\t10\ta=1,b=2\t/good/one.txt\n"
	    "\xff\xfe\x80 garbage bytes\n"
	    "1700000000\t5:00000000000000ab\t10\t-\n"
	    "1700000000\t5:00000000000000ab\t1\x00" "0\t-\t/nul/inside.txt\n"
	    "1700000000\t5:00000000000000ab\tten\t-\t/bad/pos.txt\n"
	    "1700000000\t5:00000000000000ab\t10\ta=1,\t/bad/marks.txt\n"
	    "1700000000\t5:00000000000000ab\t10\t-\t/bad/%00nul.txt\n"
	    "1700000000\t5:00000000000000ab\t10\t-\trelative.txt\n"
	    "\n"
	    "1600000000\t7:00000000000000cd\t-\tz=99\t/good/t%09wo.txt\n"
	    "1700000000\t5:00000000000000ab\t10\t-\t/truncated/li";
	struct library_state *st;
	char *dir = tmp_path("corrupt"), *file, *cause;
	size_t pos, marks[LIBRARY_STATE_NMARKS];

	mkdir(dir, 0700);
	file = xasprintf("%s/state", dir);
	write_file(file, data, sizeof data - 1);
	st = library_state_load(dir, 0, &cause);
	ok(st != NULL, "state: a corrupt file still gives a state");
	is_str(cause != NULL ? strstr(cause, "9 corrupt lines skipped") : NULL,
	    "9 corrupt lines skipped", "state: the corrupt lines are counted in one message");
	is_int(library_state_count(st), 2, "state: the valid lines are kept");
	is_int(library_state_get(st, "/good/one.txt", "5:00000000000000ab", &pos, marks), 0,
	    "state: a valid line before the garbage loads");
	ok(pos == 10 && marks[0] == 1 && marks[1] == 2, "state: with its position and marks");
	is_int(library_state_get(st, "/good/t\two.txt", "7:00000000000000cd", &pos, marks), 0,
	    "state: a valid line after the garbage loads");
	ok(pos == LIBRARY_STATE_NONE && marks['z' - 'a'] == 99,
	    "state: a line with marks and no position");
	free(cause);

	/* Saving rewrites a clean file. */
	is_int(library_state_save(st, &cause), 0, "state: a corrupt file can be replaced");
	library_state_free(st);
	st = library_state_load(dir, 0, &cause);
	ok(cause == NULL && library_state_count(st) == 2,
	    "state: the rewritten file is clean and keeps the valid records");
	library_state_free(st);

	/* Pure garbage, no header. */
	write_file(file, "\x01\x02\x03\n\xff\xff\n\x00\x00\x00\n", 12);
	st = library_state_load(dir, 0, &cause);
	ok(cause != NULL && library_state_count(st) == 0,
	    "state: a garbage file loads nothing and is reported");
	free(cause);
	library_state_free(st);

	free(file);
	free(dir);
}

/* A state file or directory that cannot be used costs one message, never a crash. */
static void
test_state_unwritable(void)
{
	struct library_state *st;
	char *blocker = tmp_path("blocker"), *dir, *file, *cause;

	/* A regular file where a directory should be: fails even for root. */
	write_str(blocker, "not a directory\n");
	dir = xasprintf("%s/kiroku", blocker);
	st = library_state_load(dir, 0, &cause);
	ok(cause == NULL, "state: a state directory under a file loads empty");
	library_state_set(st, "/some/record.txt", "1:00", 1, NULL);
	is_int(library_state_save(st, &cause), -1, "state: saving there fails");
	ok(cause != NULL && strstr(cause, blocker) != NULL,
	    "state: with a cause naming the place (%s)", cause != NULL ? cause : "none");
	free(cause);
	is_int(library_state_save(st, &cause), -1, "state: saving again fails again");
	ok(cause == NULL, "state: but the failure is reported only once");
	library_state_free(st);
	free(dir);

	/* The state file is a directory: the load and the rename both fail. */
	dir = tmp_path("isdir");
	file = xasprintf("%s/state", dir);
	mkdir(dir, 0700);
	mkdir(file, 0700);
	free(file);
	file = xasprintf("%s/state/x", dir);
	write_str(file, "x");
	st = library_state_load(dir, 0, &cause);
	ok(cause != NULL, "state: a directory in place of the file is reported on load");
	free(cause);
	library_state_set(st, "/some/record.txt", "1:00", 1, NULL);
	is_int(library_state_save(st, &cause), -1, "state: a file that could not be read is not replaced");
	ok(cause == NULL, "state: and that is not said twice (the load said it)");
	free(cause);
	is_int(count_prefix(dir, ".state-"), 0, "state: the temporary file is removed");
	library_state_free(st);
	free(file);
	free(dir);
	free(blocker);
}

/* A state file that cannot be read to its end is never replaced: a save would lose every
 * other record's position.  One merely big is read in pieces, not refused. */
static void
test_state_unreadable(void)
{
	struct library_state *st;
	struct stat sb;
	char *dir = tmp_path("unreadable"), *file, *cause, *big, *p;
	size_t pos, len, i;
	FILE *f;

	mkdir(dir, 0700);
	file = xasprintf("%s/state", dir);

	/* One entry, 17 MB of '#' (lines of 4 KiB, then one 2 MB line), another entry. */
	f = fopen(file, "w");
	fputs("kiroku-state 1\n1700000000\t5:00000000000000ab\t10\t-\t/kept/first.txt\n", f);
	big = xmalloc(4096);
	memset(big, '#', 4095);
	big[4095] = '\n';
	for (i = 0; i < 17 * 256; i++)
		fwrite(big, 1, 4096, f);
	for (i = 0; i < 512; i++)
		fwrite(big, 1, 4095, f);
	fputs("\n1690000000\t5:00000000000000ab\t20\t-\t/kept/last.txt\n", f);
	fclose(f);
	free(big);
	st = library_state_load(dir, 0, &cause);
	ok(cause != NULL && strstr(cause, "corrupt lines skipped") != NULL,
	    "state: a 19 MB state file is read, its junk reported (%s)", cause ? cause : "");
	free(cause);
	ok(library_state_get(st, "/kept/first.txt", "5:00000000000000ab", &pos, NULL) == 0 &&
	    pos == 10, "state: the entry before the junk is read");
	ok(library_state_get(st, "/kept/last.txt", "5:00000000000000ab", &pos, NULL) == 0 &&
	    pos == 20, "state: the entry after 19 MB of junk is read");
	library_state_set(st, "/some/record.txt", "1:00", 1, NULL);
	is_int(library_state_save(st, &cause), 0, "state: the big file is saved over");
	library_state_free(st);
	st = library_state_load(dir, 0, &cause);
	ok(cause == NULL && library_state_get(st, "/kept/first.txt", "5:00000000000000ab",
	    &pos, NULL) == 0 && library_state_get(st, "/kept/last.txt", "5:00000000000000ab",
	    &pos, NULL) == 0, "state: its entries survive a session that opened another record");
	free(cause);

	/* The file becomes a FIFO after the load: the save leaves it alone. */
	unlink(file);
	mkfifo(file, 0600);
	library_state_set(st, "/some/other.txt", "1:00", 2, NULL);
	is_int(library_state_save(st, &cause), -1,
	    "state: a file that cannot be read at save time is not replaced");
	ok(cause != NULL && strstr(cause, "not replaced") != NULL,
	    "state: and that is said (%s)", cause ? cause : "");
	free(cause);
	ok(lstat(file, &sb) == 0 && S_ISFIFO(sb.st_mode), "state: the FIFO is still there");
	library_state_free(st);

	/* A FIFO when loading: said once, kept, nothing saved. */
	st = library_state_load(dir, 0, &cause);
	ok(cause != NULL && strstr(cause, "not a regular file") != NULL &&
	    strstr(cause, "kept as it is") != NULL,
	    "state: a FIFO state file is said to be kept (%s)", cause ? cause : "");
	free(cause);
	library_state_set(st, "/some/record.txt", "1:00", 1, NULL);
	is_int(library_state_save(st, &cause), -1, "state: it is not replaced by a save");
	ok(cause == NULL, "state: and not said again");
	ok(lstat(file, &sb) == 0 && S_ISFIFO(sb.st_mode), "state: the FIFO stays");
	library_state_free(st);
	unlink(file);

	/* Permission denied (root reads anything: then the file is simply read). */
	write_str(file, "kiroku-state 1\n1700000000\t5:00000000000000ab\t10\t-\t/kept/first.txt\n");
	chmod(file, 0);
	st = library_state_load(dir, 0, &cause);
	library_state_set(st, "/some/record.txt", "1:00", 1, NULL);
	if (geteuid() != 0) {
		ok(cause != NULL && strstr(cause, "Permission denied") != NULL,
		    "state: an unreadable state file is said (%s)", cause ? cause : "");
		is_int(library_state_save(st, &cause), -1,
		    "state: an unreadable state file is not replaced");
	} else {
		ok(cause == NULL, "state: root reads a mode 000 state file");
		is_int(library_state_save(st, &cause), 0, "state: and saves over it");
	}
	free(cause);
	library_state_free(st);
	chmod(file, 0600);
	p = tap_read_file(file, &len);
	ok(p != NULL && strstr(p, "/kept/first.txt") != NULL,
	    "state: the entry of the mode 000 file is still there");
	free(p);
	free(file);
	free(dir);
}

/* Secure mode writes nothing. */
static void
test_state_readonly(void)
{
	struct library_state *st;
	struct stat sb;
	char *dir = tmp_path("secure/kiroku"), *cause;

	st = library_state_load(dir, LIBRARY_STATE_READONLY, &cause);
	library_state_set(st, "/some/record.txt", "1:00", 1, NULL);
	is_int(library_state_save(st, &cause), 0, "state: a read-only save succeeds");
	ok(cause == NULL, "state: silently");
	ok(stat(dir, &sb) != 0, "state: and writes nothing, not even the directory");
	library_state_free(st);
	free(dir);
}

/* The file keeps the most recently used records only. */
static void
test_state_bounded(void)
{
	struct library_state *st;
	char *dir = tmp_path("bounded"), *cause, *p;
	size_t i, pos;
	int found_new, found_old;

	st = library_state_load(dir, 0, &cause);
	for (i = 0; i < LIBRARY_STATE_MAX + 5; i++) {
		p = xasprintf("/nonexistent/kiroku-test/%zu.txt", i);
		library_state_set(st, p, "1:00", i, NULL);
		free(p);
	}
	library_state_save(st, &cause);
	library_state_free(st);
	st = library_state_load(dir, 0, &cause);
	is_int(library_state_count(st), LIBRARY_STATE_MAX,
	    "state: the file keeps at most %d records", LIBRARY_STATE_MAX);
	p = xasprintf("/nonexistent/kiroku-test/%d.txt", LIBRARY_STATE_MAX + 4);
	found_new = library_state_get(st, p, "1:00", &pos, NULL) == 0;
	free(p);
	found_old = library_state_get(st, "/nonexistent/kiroku-test/4.txt", "1:00", &pos,
	    NULL) == 0;
	ok(found_new && !found_old, "state: the most recently used are kept");
	library_state_free(st);
	free(dir);
}

/* Two kirokus saving in turn keep each other's records. */
static void
test_state_merge(void)
{
	struct library_state *s1, *s2, *st;
	char *dir = tmp_path("merge"), *cause;
	size_t pos;

	s1 = library_state_load(dir, 0, &cause);
	s2 = library_state_load(dir, 0, &cause);
	library_state_set(s1, "/merge/one.txt", "1:00", 1, NULL);
	library_state_set(s2, "/merge/two.txt", "1:00", 2, NULL);
	library_state_save(s1, &cause);
	library_state_save(s2, &cause);
	st = library_state_load(dir, 0, &cause);
	ok(library_state_get(st, "/merge/one.txt", "1:00", &pos, NULL) == 0 && pos == 1 &&
	    library_state_get(st, "/merge/two.txt", "1:00", &pos, NULL) == 0 && pos == 2,
	    "state: a save keeps what another kiroku saved meanwhile");
	library_state_free(s1);
	library_state_free(s2);
	library_state_free(st);
	free(dir);
}

/* The default directory follows XDG_STATE_HOME, else HOME. */
static void
test_state_default_dir(void)
{
	char *dir, *cause = NULL, *old_xdg, *old_home;

	old_xdg = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	setenv("XDG_STATE_HOME", "/x/state", 1);
	dir = library_state_dir_default(&cause);
	is_str(dir, "/x/state/kiroku", "state: $XDG_STATE_HOME/kiroku");
	free(dir);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	setenv("HOME", "/home/someone", 1);
	dir = library_state_dir_default(&cause);
	is_str(dir, "/home/someone/.local/state/kiroku",
	    "state: a relative XDG_STATE_HOME is ignored for ~/.local/state/kiroku");
	free(dir);
	unsetenv("XDG_STATE_HOME");
	dir = library_state_dir_default(&cause);
	is_str(dir, "/home/someone/.local/state/kiroku", "state: unset, ~/.local/state/kiroku");
	free(dir);
	if (old_xdg != NULL)
		setenv("XDG_STATE_HOME", old_xdg, 1);
	if (old_home != NULL)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	free(old_xdg);
	free(old_home);
}

/* The fingerprint changes with the contents and the size. */
static void
test_state_fingerprint(void)
{
	char *a, *b, *c, *big1, *big2, *buf;
	size_t len = 300 * 1024;

	a = library_state_fingerprint("abc", 3);
	b = library_state_fingerprint("abd", 3);
	c = library_state_fingerprint("abc", 3);
	ok(strcmp(a, b) != 0 && strcmp(a, c) == 0,
	    "fingerprint: equal texts agree, different texts differ");
	is_str(a, "3:e71fa2190541574b", "fingerprint: size and FNV-1a hash");
	buf = xcalloc(1, len);
	big1 = library_state_fingerprint(buf, len);
	buf[len - 1] = 'x';
	big2 = library_state_fingerprint(buf, len);
	ok(strcmp(big1, big2) != 0, "fingerprint: the tail of a long text counts");
	free(a);
	free(b);
	free(c);
	free(big1);
	free(big2);
	free(buf);
}

/* The world-map line of the sample record. */
#define WORLD_MAP "世界地図 アジア | 北米 | 中南米 | 欧州(NIS諸国を含む) | 大洋州 | 中東 | アフリカ"

/* Return a generated record: a region or country line (or none), the world-map line, a
 * title, a date line (or none), a lead paragraph, sections and the trailing navigation;
 * body_bytes pads the body.  Allocated. */
static char *
make_record(const char *first, const char *title, const char *date, size_t body_bytes)
{
	char *head, *s, *body;
	size_t i, n;

	head = xasprintf("%s%s%s\n\n%s\n\n%s%s\n", first != NULL ? first : "",
	    first != NULL ? "\n\n" : "", WORLD_MAP, title, date != NULL ? date : "",
	    date != NULL ? "\n" : "");
	body = xstrdup(" 会談の概要は以下のとおり。\n\n1.総論\n\n(1)今次会談は両国の関係を確認。\n");
	n = strlen(body);
	for (i = 0; n < body_bytes; i++) {
		s = xasprintf("%s(%zu)経済分野での協力を進めることで一致した。\n", body, i + 2);
		free(body);
		body = s;
		n = strlen(body);
	}
	s = xasprintf("%s%s\nこのページのトップへ戻る\nINDEXへ戻る\n", head, body);
	free(head);
	free(body);
	return s;
}

/* Write a generated record at dir/name. */
static void
put_record(const char *dir, const char *name, const char *first, const char *title,
    const char *date)
{
	char *path = xasprintf("%s/%s", dir, name), *rec;

	rec = make_record(first, title, date, 200);
	write_str(path, rec);
	free(rec);
	free(path);
}

/* Append a path to the list without looking at it (library_paths_add expands
 * directories; the index must cope with whatever it is given). */
static void
push_path(struct library_paths *lp, const char *path)
{
	lp->paths = xreallocarray(lp->paths, lp->npaths + 1, sizeof *lp->paths);
	lp->name_off = xreallocarray(lp->name_off, lp->npaths + 1, sizeof *lp->name_off);
	lp->name_off[lp->npaths] = LIBRARY_NAME_BASE;
	lp->paths[lp->npaths++] = xstrdup(path);
	lp->alloc = lp->npaths;
}

/* Return the entry at row of region r, or NULL. */
static const struct library_entry *
row(const struct library *lib, enum doc_region r, size_t n)
{
	if (n >= lib->count[r])
		return NULL;
	return &lib->entries[lib->region[r][n]];
}

/* Return the title at row n of region r, or "(none)". */
static const char *
row_title(const struct library *lib, enum doc_region r, size_t n)
{
	const struct library_entry *e = row(lib, r, n);

	return e != NULL ? e->title : "(none)";
}

/* Return the base name at row n of region r, or "(none)". */
static const char *
row_name(const struct library *lib, enum doc_region r, size_t n)
{
	const struct library_entry *e = row(lib, r, n);

	return e != NULL ? e->name : "(none)";
}

/* Return the index of the entry whose base name is name, or (size_t)-1. */
static size_t
find_name(const struct library *lib, const char *name)
{
	size_t i;

	for (i = 0; i < lib->nentries; i++) {
		if (strcmp(lib->entries[i].name, name) == 0)
			return i;
	}
	return (size_t)-1;
}

/* A folder of folders: each record is shown by its path under the folder given, so that
 * eight in.txt are told apart; a dangling *.txt link in it is listed (to open with its
 * reason), not dropped. */
static void
test_scan_names(void)
{
	struct library_paths lp;
	struct library *lib;
	char *top = tmp_path("folders"), *p, *q;
	size_t i, nin = 0;
	int n;

	mkdir(top, 0700);
	for (i = 0; i < 8; i++) {
		p = xasprintf("%s/%zu", top, i);
		mkdir(p, 0700);
		q = xasprintf("%s/in.txt", p);
		write_str(q, "本文\n");
		free(q);
		free(p);
	}
	p = xasprintf("%s/gone.txt", top);
	n = symlink("/nonexistent/kiroku/gone.txt", p);
	free(p);
	p = xasprintf("%s//", top);
	library_paths_init(&lp);
	is_int(library_paths_add(&lp, p, NULL, NULL), 0,
	    "scan: a dangling link in a folder is no error of the scan");
	free(p);
	lib = library_create(&lp, NULL);
	is_int(lib->nentries, 9, "scan: eight records and the dangling link are listed");
	for (i = 0; i < lib->nentries; i++)
		nin += strcmp(lib->entries[i].name, "in.txt") == 0;
	is_int(nin, 0, "scan: no record is shown by its bare base name in.txt");
	ok(find_name(lib, "0/in.txt") != (size_t)-1 && find_name(lib, "7/in.txt") != (size_t)-1,
	    "scan: records are shown by their path under the folder given (0/in.txt)");
	ok(n == 0 && find_name(lib, "gone.txt") != (size_t)-1,
	    "scan: the dangling link is listed as gone.txt");
	library_index_all(lib);
	i = find_name(lib, "gone.txt");
	ok(i != (size_t)-1 && lib->entries[i].error != NULL,
	    "scan: with the reason it cannot be read");
	library_free(lib);
	library_paths_clear(&lp);
	free(top);
}

/* Write a record in Shift_JIS (CP932) at path. */
static int
put_sjis(const char *path, const char *utf8)
{
	char *out, *in = (char *)utf8, *o;
	size_t inleft = strlen(utf8), outleft = inleft * 2, cap = outleft;
	iconv_t cd;
	int ret;

	if ((cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1)
		return -1;
	o = out = xmalloc(cap);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		iconv_close(cd);
		free(out);
		return -1;
	}
	iconv_close(cd);
	ret = write_file(path, out, cap - outleft);
	free(out);
	return ret;
}

/* A generated library over several regions, a country line, shared titles and dates,
 * Shift_JIS, a long record and unreadable paths. */
static void
test_index(void)
{
	struct library_paths lp;
	struct library *lib;
	struct input_text t;
	struct doc *d;
	const struct library_entry *e;
	char *lib_dir = tmp_path("lib"), *p, *rec, *table, *cause;
	size_t i, left;
	int n;

	/* The country table, as the program loads it from content/regions.tsv. */
	table = tmp_path("regions.tsv");
	write_str(table, "# country\tregion\nロシア連邦\t欧州(NIS諸国を含む)\n"
	    "エジプト\tアフリカ\n");
	n = doc_region_load_countries(table, &cause);
	ok(n == 0, "index: the country table loads");
	free(table);

	mkdir(lib_dir, 0700);
	put_record(lib_dir, "a1.txt", "アジア", "日中首脳会談", "2019年6月12日");
	put_record(lib_dir, "a2.txt", "アジア", "日韓外相会談", "平成21年9月23日");
	put_record(lib_dir, "a3.txt", "アジア", "日印首脳会談", "令和元年5月1日");
	put_record(lib_dir, "a4.txt", "アジア", "日付のない記録", NULL);
	put_record(lib_dir, "e1.txt", "欧州(NIS諸国を含む)", "日露首脳会談", "平成21年9月23日");
	put_record(lib_dir, "e2.txt", "ロシア連邦", "日露外相会談", "2010年1月5日");
	put_record(lib_dir, "m2.txt", "中東", "中東和平について", "2015年3月3日");
	put_record(lib_dir, "m1.txt", "中東", "中東和平について", "2015年3月3日");
	put_record(lib_dir, "m3.txt", "中東", "イラン情勢", "2015年3月3日");
	p = xasprintf("%s/plain.txt", lib_dir);
	write_str(p, "ただのメモ\n本文だけの文書。\n");
	free(p);
	/* Real shapes: no title line under a breadcrumb word, no region line, undated. */
	p = xasprintf("%s/n1.txt", lib_dir);
	write_str(p, "国・地域\n\n平成29年3月20日\n(写真)両首脳の握手\n\n 3月20日、総理は"
	    "大統領との間で日米首脳会談を行った。\n\n1 総論\n\n 本文。\n");
	free(p);
	p = xasprintf("%s/n2.txt", lib_dir);
	write_str(p, "日加関係のメモ\n\n 日加の協力について書き留める。\n");
	free(p);
	p = xasprintf("%s/sjis.txt", lib_dir);
	rec = make_record("エジプト", "日エジプト首脳会談", "平成30年1月1日", 200);
	ok(put_sjis(p, rec) == 0, "index: a Shift_JIS record is written");
	free(rec);
	free(p);
	/* Longer than the head: the head is cut at a line end. */
	p = xasprintf("%s/long.txt", lib_dir);
	rec = make_record("大洋州", "豪州との長い記録", "2001年2月3日", 5 * LIBRARY_HEAD_LEN);
	write_str(p, rec);
	free(rec);
	free(p);

	library_paths_init(&lp);
	library_paths_add(&lp, lib_dir, NULL, NULL);
	is_int(lp.npaths, 14, "index: the generated library has 14 records");

	/* A binary file. */
	p = xasprintf("%s/binary.txt", tmpdir);
	write_file(p, "ELF\0\1\2\3\n\0\0", 11);
	push_path(&lp, p);
	free(p);

	/* Unreadable ones, pushed as given. */
	p = xasprintf("%s/dangling.txt", tmpdir);
	n = symlink("/nonexistent/kiroku/target.txt", p);
	push_path(&lp, p);
	free(p);
	p = xasprintf("%s/dir.txt", tmpdir);
	mkdir(p, 0700);
	push_path(&lp, p);
	free(p);
	p = xasprintf("%s/fifo.txt", tmpdir);
	mkfifo(p, 0600);
	push_path(&lp, p);
	free(p);
	push_path(&lp, "-");

	lib = library_create(&lp, NULL);
	is_int(lib->nentries, 19, "index: every path is an entry");
	is_int(lib->nindexed, 1, "index: nothing is read before indexing (stdin is known)");
	is_int(lib->count[DOC_REGION_ASIA], 0, "index: no region is filled before indexing");
	left = library_index_some(lib, 5);
	is_int(left, 13, "index: indexing a few at a time says how many are left");
	is_int(lib->nindexed, 6, "index: progress counts the entries read");
	library_index_all(lib);
	is_int(lib->nindexed, lib->nentries, "index: all entries are indexed");

	is_int(lib->count[DOC_REGION_ASIA], 4, "index: アジア has 4 records");
	is_int(lib->count[DOC_REGION_NORTH_AMERICA], 2, "index: 北米 has the two with no region line");
	is_str(row_title(lib, DOC_REGION_NORTH_AMERICA, 0), "日米首脳会談",
	    "index: a record with no title line shows the meeting its lead reports, not its date");
	e = row(lib, DOC_REGION_NORTH_AMERICA, 0);
	is_str(e != NULL ? e->iso : NULL, "2017-03-20",
	    "index: the date of a record with no title line is found under the breadcrumb");
	is_str(row_title(lib, DOC_REGION_NORTH_AMERICA, 1), "日加関係のメモ",
	    "index: the undated record sorts after the dated one");
	is_int(lib->count[DOC_REGION_LATIN_AMERICA], 0, "index: 中南米 is empty");
	is_int(lib->count[DOC_REGION_EUROPE], 2, "index: 欧州 has 2 records, one by its country");
	is_int(lib->count[DOC_REGION_OCEANIA], 1, "index: 大洋州 has the long record");
	is_int(lib->count[DOC_REGION_MIDDLE_EAST], 3, "index: 中東 has 3 records");
	is_int(lib->count[DOC_REGION_AFRICA], 1, "index: アフリカ has the Shift_JIS record");
	is_int(lib->count[DOC_REGION_NONE], 6,
	    "index: その他 has the plain text, the unreadable paths and stdin");

	is_str(row_title(lib, DOC_REGION_ASIA, 0), "日中首脳会談", "index: newest first (2019-06-12)");
	is_str(row_title(lib, DOC_REGION_ASIA, 1), "日印首脳会談", "index: then 2019-05-01 (令和元年)");
	is_str(row_title(lib, DOC_REGION_ASIA, 2), "日韓外相会談", "index: then 2009-09-23 (平成)");
	is_str(row_title(lib, DOC_REGION_ASIA, 3), "日付のない記録", "index: undated last");
	e = row(lib, DOC_REGION_ASIA, 0);
	is_str(e != NULL ? e->iso : NULL, "2019-06-12", "index: the ISO date");
	e = row(lib, DOC_REGION_ASIA, 3);
	is_str(e != NULL ? e->iso : NULL, "", "index: an undated record has no ISO date");
	e = row(lib, DOC_REGION_ASIA, 2);
	is_str(e != NULL ? e->iso : NULL, "2009-09-23", "index: the era date in ISO");

	is_str(row_title(lib, DOC_REGION_EUROPE, 0), "日露外相会談", "index: 欧州 newest first");
	e = row(lib, DOC_REGION_EUROPE, 0);
	is_str(e != NULL ? e->country : NULL, "ロシア連邦",
	    "index: the country of a country first line");
	e = row(lib, DOC_REGION_EUROPE, 1);
	ok(e != NULL && e->country == NULL, "index: a region first line names no country");

	is_str(row_title(lib, DOC_REGION_MIDDLE_EAST, 0), "イラン情勢",
	    "index: the same date is ordered by title");
	is_str(row_name(lib, DOC_REGION_MIDDLE_EAST, 1), "m1.txt",
	    "index: the same title and date are both listed, by path");
	is_str(row_name(lib, DOC_REGION_MIDDLE_EAST, 2), "m2.txt", "index: the second one too");

	e = row(lib, DOC_REGION_AFRICA, 0);
	is_str(e != NULL ? e->title : NULL, "日エジプト首脳会談",
	    "index: the Shift_JIS head is converted");
	is_str(e != NULL ? e->iso : NULL, "2018-01-01", "index: its date");
	e = row(lib, DOC_REGION_OCEANIA, 0);
	is_str(e != NULL ? e->iso : NULL, "2001-02-03", "index: the long record's date");

	i = find_name(lib, "plain.txt");
	ok(i != (size_t)-1 && lib->entries[i].region == DOC_REGION_NONE &&
	    lib->entries[i].error == NULL, "index: a record without metadata is その他");
	is_str(i != (size_t)-1 ? lib->entries[i].title : NULL, "ただのメモ",
	    "index: its first line is its title");
	i = find_name(lib, "dangling.txt");
	is_str(i != (size_t)-1 ? lib->entries[i].error : NULL, strerror(ENOENT),
	    "index: a dangling symlink is listed with its error");
	i = find_name(lib, "dir.txt");
	is_str(i != (size_t)-1 ? lib->entries[i].error : NULL, strerror(EISDIR),
	    "index: a directory named .txt is listed with its error");
	i = find_name(lib, "binary.txt");
	is_str(i != (size_t)-1 ? lib->entries[i].error : NULL, "binary file",
	    "index: a binary file is listed as such");
	i = find_name(lib, "fifo.txt");
	ok(i != (size_t)-1 && (lib->entries[i].flags & LIBRARY_ENTRY_STREAM) &&
	    lib->entries[i].error == NULL, "index: a FIFO is not read, and left to open whole");
	i = find_name(lib, "(stdin)");
	ok(i != (size_t)-1 && (lib->entries[i].flags & LIBRARY_ENTRY_STREAM) &&
	    strcmp(lib->entries[i].path, "-") == 0, "index: standard input is (stdin)");

	/* Standard input read whole: its entry moves to its region. */
	rec = make_record("北米", "日米首脳会談", "2020年2月2日", 100);
	input_text_from_bytes(&t, rec, strlen(rec), NULL, &cause);
	d = doc_create_from_text("-", &t);
	library_entry_update(lib, i, d);
	doc_free(d);
	free(rec);
	is_int(lib->count[DOC_REGION_NORTH_AMERICA], 3, "index: an updated entry moves region");
	is_int(lib->count[DOC_REGION_NONE], 5, "index: and leaves その他");
	is_int(library_region_find(lib, DOC_REGION_NORTH_AMERICA, i), 0,
	    "index: its row is found in its region");
	is_int(library_region_find(lib, DOC_REGION_ASIA, i), -1,
	    "index: and not in another");

	i = find_name(lib, "a1.txt");
	library_entry_set_error(lib, i, "Permission denied");
	is_int(lib->count[DOC_REGION_ASIA], 3, "index: a record failing to open leaves its region");
	is_str(lib->entries[i].error, "Permission denied", "index: with its error");

	library_free(lib);
	library_paths_clear(&lp);

	/* An empty library. */
	library_paths_init(&lp);
	lib = library_create(&lp, NULL);
	library_index_all(lib);
	ok(lib->nentries == 0 && lib->count[DOC_REGION_NONE] == 0, "index: an empty library");
	library_free(lib);
	doc_region_free_countries();
	free(lib_dir);
}

int
main(void)
{
	char tmpl[] = "/tmp/kiroku-test-library.XXXXXX";

	if ((tmpdir = mkdtemp(tmpl)) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return tap_done();
	}
	test_state_empty();
	test_state_round_trip();
	test_state_changed();
	test_state_crash();
	test_state_corrupt();
	test_state_unwritable();
	test_state_unreadable();
	test_state_readonly();
	test_state_bounded();
	test_state_merge();
	test_state_default_dir();
	test_state_fingerprint();
	test_index();
	test_scan_names();

	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
