/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library-state.c: the state file, the last reading position and the marks of each record.
 * Owns $XDG_STATE_HOME/kiroku/state (default ~/.local/state/kiroku/state) and nothing else;
 * it is replaced atomically (temporary file, fsync, rename) and never read partially
 * written; a file that could not be read to its end is never replaced (its other records
 * would be lost).  Keyed by canonical path and a fingerprint of the clean text, so a changed file
 * never restores a wrong place.  Never prints, never exits.
 *
 * The file is UTF-8-agnostic text, one record a line, most recently used first:
 *
 *	kiroku-state 1
 *	USED TAB FINGERPRINT TAB POS TAB MARKS TAB PATH LF
 *
 * USED is the time of last use in seconds since the epoch; FINGERPRINT is the one
 * library_state_fingerprint() returns ("SIZE:HASH", decimal and 16 hex digits); POS is the
 * byte offset of the reading position in the clean text, or "-"; MARKS is "-" or a comma
 * list of LETTER=OFFSET (a=120,q=4096); PATH is the canonical path with every byte below
 * 0x21, 0x7f and '%' written as %XX (so tabs and newlines in names are safe).  A line that
 * does not parse is skipped and counted; the rest of the file is still used.
 *
 * Secure mode (--secure, KIROKU_SECURE=1): load with LIBRARY_STATE_READONLY (or do not
 * load at all); library_state_save() then writes nothing and creates no directory. */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "library.h"
#include "nls.h"
#include "xmalloc.h"

/* The first line of the file. */
#define LIBRARY_STATE_HEADER	"kiroku-state 1"
/* The name of the file inside the state directory, and the prefix of its temporary files. */
#define LIBRARY_STATE_NAME	"state"
#define LIBRARY_STATE_TMP	".state-"
/* Bytes of the state file read at once, and the longest line taken as an entry. */
#define LIBRARY_STATE_CHUNK	(256 * 1024)
#define LIBRARY_STATE_LINE_MAX	(64 * 1024)
/* Bytes read at most looking for LIBRARY_STATE_MAX entries; a file still going on past
 * them is not read to its end, so it is kept, never replaced (bytes). */
#define LIBRARY_STATE_READ_MAX	(64 * 1024 * 1024)
/* Bytes hashed at each end of the text for the fingerprint. */
#define LIBRARY_STATE_HASH_LEN	(64 * 1024)
/* Temporary files older than this are left by a crash and removed (seconds). */
#define LIBRARY_STATE_TMP_AGE	600

/* What is remembered about one record. */
struct library_state_entry {
	char	*path;		/* owned: canonical path */
	char	*fingerprint;	/* owned: library_state_fingerprint() of its clean text */
	long long used;		/* last use, seconds since the epoch */
	size_t	 pos;		/* byte offset of the reading position, or LIBRARY_STATE_NONE */
	size_t	 marks[LIBRARY_STATE_NMARKS];	/* byte offsets, LIBRARY_STATE_NONE if unset */
	size_t	 seq;		/* order in the merged list, to keep sorting stable */
};

/* The entries in memory, most recently used first. */
struct library_state {
	char	*dir;		/* owned: the state directory, NULL if none could be found */
	char	*file;		/* owned: dir/state, NULL with dir */
	int	 flags;		/* LIBRARY_STATE_READONLY */
	int	 reported;	/* 1 once a save failure was returned with a cause */
	int	 keep;		/* 1: the file could not be read when loaded: never replaced */
	struct library_state_entry *entries;	/* owned */
	size_t	 nentries;
	size_t	 alloc;
};

/* Free what an entry owns. */
static void
library_state_entry_clear(struct library_state_entry *se)
{
	free(se->path);
	free(se->fingerprint);
}

/* Return the default state directory, $XDG_STATE_HOME/kiroku or ~/.local/state/kiroku,
 * allocated; NULL with *cause set if there is no home directory. */
char *
library_state_dir_default(char **cause)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct passwd *pw;

	/* The XDG spec says a relative value is invalid and must be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/kiroku", xdg);
	if (home == NULL || home[0] != '/') {
		if ((pw = getpwuid(getuid())) == NULL || pw->pw_dir == NULL ||
		    pw->pw_dir[0] != '/') {
			*cause = xstrdup(_("no home directory for the state file"));
			return NULL;
		}
		home = pw->pw_dir;
	}
	return xasprintf("%s/.local/state/kiroku", home);
}

/* Return the fingerprint of a record's clean text, allocated: its size and an FNV-1a hash
 * of its first and last 64 KiB.  XXX: a same-sized edit in the middle of a text longer
 * than 128 KiB goes unnoticed; hashing all of it would cost a read of the whole file. */
char *
library_state_fingerprint(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i, head, tail;

	head = len < 2 * LIBRARY_STATE_HASH_LEN ? len : LIBRARY_STATE_HASH_LEN;
	tail = len - head < LIBRARY_STATE_HASH_LEN ? len - head : LIBRARY_STATE_HASH_LEN;
	for (i = 0; i < head; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	for (i = len - tail; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return xasprintf("%zu:%016llx", len, (unsigned long long)h);
}

/* Return the key of a record path, allocated: its canonical path if it exists, else the
 * path as given. */
static char *
library_state_key(const char *path)
{
	char *real;

	if ((real = realpath(path, NULL)) != NULL)
		return real;
	return xstrdup(path);
}

/* Return the index of the entry for a canonical path, or -1. */
static ssize_t
library_state_find(const struct library_state *st, const char *key)
{
	size_t i;

	for (i = 0; i < st->nentries; i++) {
		if (strcmp(st->entries[i].path, key) == 0)
			return (ssize_t)i;
	}
	return -1;
}

/* Append an entry (taking what it owns) at the end of the list. */
static void
library_state_append(struct library_state *st, const struct library_state_entry *se)
{
	if (st->nentries == st->alloc) {
		st->alloc = st->alloc ? st->alloc * 2 : 64;
		st->entries = xreallocarray(st->entries, st->alloc, sizeof *st->entries);
	}
	st->entries[st->nentries++] = *se;
}

/* Return the value of one hex digit, or -1. */
static int
library_state_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse a decimal offset that fills the whole field; returns 0 or -1. */
static int
library_state_parse_off(const char *s, size_t len, size_t *off)
{
	size_t v = 0, i;

	if (len == 0 || len > 19)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	if (v == LIBRARY_STATE_NONE)
		return -1;
	*off = v;
	return 0;
}

/* Parse the MARKS field into marks; returns 0 or -1. */
static int
library_state_parse_marks(const char *s, size_t len, size_t *marks)
{
	size_t i, j;

	for (i = 0; i < LIBRARY_STATE_NMARKS; i++)
		marks[i] = LIBRARY_STATE_NONE;
	if (len == 1 && s[0] == '-')
		return 0;
	i = 0;
	while (i < len) {
		if (len - i < 3 || s[i] < 'a' || s[i] > 'z' || s[i + 1] != '=')
			return -1;
		for (j = i + 2; j < len && s[j] != ','; j++)
			;
		if (library_state_parse_off(s + i + 2, j - i - 2, &marks[s[i] - 'a']) != 0)
			return -1;
		i = j;
		if (i < len && ++i == len)
			return -1;	/* a trailing comma */
	}
	return 0;
}

/* Parse the escaped PATH field; returns it allocated, or NULL if malformed. */
static char *
library_state_parse_path(const char *s, size_t len)
{
	char *out, *o;
	size_t i;
	int hi, lo;

	if (len == 0 || s[0] != '/')
		return NULL;
	o = out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x21 || s[i] == 0x7f)
			goto bad;
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		if (len - i < 3 || (hi = library_state_hex(s[i + 1])) < 0 ||
		    (lo = library_state_hex(s[i + 2])) < 0 || (hi == 0 && lo == 0))
			goto bad;
		*o++ = (char)(hi << 4 | lo);
		i += 2;
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

/* Parse one line (without its LF) into se; returns 0, or -1 if it is corrupt. */
static int
library_state_parse_line(const char *s, size_t len, struct library_state_entry *se)
{
	const char *field[5];
	size_t flen[5], i, n = 0, start = 0, used;

	for (i = 0; i <= len && n < 5; i++) {
		if (i == len || s[i] == '\t') {
			field[n] = s + start;
			flen[n++] = i - start;
			start = i + 1;
		}
	}
	if (n != 5 || i <= len)
		return -1;		/* too few or too many fields */

	if (library_state_parse_off(field[0], flen[0], &used) != 0)
		return -1;
	if (flen[1] < 3 || flen[1] > 64 || memchr(field[1], ':', flen[1]) == NULL)
		return -1;
	for (i = 0; i < flen[1]; i++) {
		if (field[1][i] != ':' && library_state_hex(field[1][i]) < 0)
			return -1;
	}
	if (flen[2] == 1 && field[2][0] == '-')
		se->pos = LIBRARY_STATE_NONE;
	else if (library_state_parse_off(field[2], flen[2], &se->pos) != 0)
		return -1;
	if (library_state_parse_marks(field[3], flen[3], se->marks) != 0)
		return -1;
	if ((se->path = library_state_parse_path(field[4], flen[4])) == NULL)
		return -1;
	se->used = (long long)used;
	se->fingerprint = xstrndup(field[1], flen[1]);
	return 0;
}

/* Take one line of a state file (without its LF) into st: the header, an entry (ignored
 * if its path is there already: the file lists the most recent first), or a corrupt line,
 * counted in *corrupt.  *first is set while no line was taken yet. */
static void
library_state_parse_one(struct library_state *st, const char *line, size_t llen, int *first,
    size_t *corrupt)
{
	struct library_state_entry se;

	if (*first) {
		*first = 0;
		if (llen == strlen(LIBRARY_STATE_HEADER) &&
		    memcmp(line, LIBRARY_STATE_HEADER, llen) == 0)
			return;
	}
	memset(&se, 0, sizeof se);
	if (llen > LIBRARY_STATE_LINE_MAX || memchr(line, '\0', llen) != NULL ||
	    library_state_parse_line(line, llen, &se) != 0)
		(*corrupt)++;
	else if (library_state_find(st, se.path) != -1)
		library_state_entry_clear(&se);
	else
		library_state_append(st, &se);
}

/* Read the state file into st a piece at a time, so that memory stays bounded however
 * big it is: lines over LIBRARY_STATE_LINE_MAX bytes are corrupt and skipped whole, and
 * reading stops once LIBRARY_STATE_MAX entries are in (the file lists the most recent
 * first; a save keeps no more) or LIBRARY_STATE_READ_MAX bytes were read.  Returns 0 if
 * there is no file or it was read, 1 with *cause set if it was read but had corrupt lines
 * (whatever was valid is kept), -1 with *cause set if it exists and could not be read to
 * its end: a save must then not replace it. */
static int
library_state_read(struct library_state *st, char **cause)
{
	struct stat sb;
	char *buf, *line, *lf, *end;
	size_t have = 0, total = 0, corrupt = 0, room;
	ssize_t n;
	int fd, first = 1, skipping = 0, eof = 0;

	if ((fd = open(st->file, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		*cause = xasprintf("%s: %s", st->file, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*cause = xasprintf("%s: %s", st->file, S_ISDIR(sb.st_mode) ?
		    strerror(EISDIR) : _("not a regular file"));
		close(fd);
		return -1;
	}
	/* buf holds a line not ended yet at its start (have bytes), then what was read. */
	buf = xmalloc(LIBRARY_STATE_CHUNK + 1);
	while (!eof && st->nentries < LIBRARY_STATE_MAX) {
		if (total >= LIBRARY_STATE_READ_MAX) {
			*cause = xasprintf(_("%s: over %d MiB without %d records"), st->file,
			    LIBRARY_STATE_READ_MAX >> 20, LIBRARY_STATE_MAX);
			free(buf);
			close(fd);
			return -1;
		}
		room = LIBRARY_STATE_CHUNK - have;
		n = read(fd, buf + have, room);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = xasprintf("%s: %s", st->file, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		total += (size_t)n;
		end = buf + have + (size_t)n;
		if (n == 0) {
			eof = 1;
			if (have > 0 && !skipping)
				corrupt++;	/* a truncated last line */
			break;
		}
		line = buf;
		while (st->nentries < LIBRARY_STATE_MAX &&
		    (lf = memchr(line, '\n', (size_t)(end - line))) != NULL) {
			if (skipping)
				skipping = 0;	/* the end of an over-long line */
			else
				library_state_parse_one(st, line, (size_t)(lf - line), &first,
				    &corrupt);
			line = lf + 1;
		}
		have = (size_t)(end - line);
		if (have > LIBRARY_STATE_LINE_MAX) {
			/* A line longer than any entry: corrupt, skipped to its LF. */
			if (!skipping)
				corrupt++;
			skipping = 1;
			first = 0;
			have = 0;
		} else
			memmove(buf, line, have);
	}
	free(buf);
	close(fd);
	if (corrupt != 0) {
		*cause = xasprintf(ngettext("%s: %zu corrupt line skipped",
		    "%s: %zu corrupt lines skipped", corrupt), st->file, corrupt);
		return 1;
	}
	return 0;
}

/* Load the state file of dir (NULL: the default directory).  Always returns a state, empty
 * if there is none; *cause is set (allocated, one message for the caller to show) if the
 * file could not be read or had corrupt lines, else NULL.  Reads only: creates nothing. */
struct library_state *
library_state_load(const char *dir, int flags, char **cause)
{
	struct library_state *st;
	char *why;

	*cause = NULL;
	st = xcalloc(1, sizeof *st);
	st->flags = flags;
	if (dir != NULL)
		st->dir = xstrdup(dir);
	else if ((st->dir = library_state_dir_default(cause)) == NULL)
		return st;
	st->file = xasprintf("%s/%s", st->dir, LIBRARY_STATE_NAME);
	if (library_state_read(st, cause) == -1 && !(flags & LIBRARY_STATE_READONLY)) {
		/* What it holds is unknown: replacing it could lose every other record's
		 * position, so it stays as it is, and this is the one message about it. */
		st->keep = 1;
		st->reported = 1;
		why = *cause;
		*cause = xasprintf(_("%s (kept as it is: positions are not saved)"), why);
		free(why);
	}
	return st;
}

/* Return the number of records remembered. */
size_t
library_state_count(const struct library_state *st)
{
	return st->nentries;
}

/* Look up a record: returns 0 and fills pos and marks (LIBRARY_STATE_NONE where unset)
 * if it is remembered with the same fingerprint; -1 if it is unknown, standard input, or
 * has changed since (then its position is not used, and the next set replaces it).
 * Offsets may exceed a shorter text only if the fingerprint collides: callers clamp. */
int
library_state_get(struct library_state *st, const char *path, const char *fingerprint,
    size_t *pos, size_t marks[LIBRARY_STATE_NMARKS])
{
	const struct library_state_entry *se;
	char *key;
	ssize_t i;
	size_t m;

	*pos = LIBRARY_STATE_NONE;
	if (marks != NULL) {
		for (m = 0; m < LIBRARY_STATE_NMARKS; m++)
			marks[m] = LIBRARY_STATE_NONE;
	}
	if (strcmp(path, "-") == 0)
		return -1;
	key = library_state_key(path);
	i = library_state_find(st, key);
	free(key);
	if (i == -1)
		return -1;
	se = &st->entries[i];
	if (strcmp(se->fingerprint, fingerprint) != 0)
		return -1;
	*pos = se->pos;
	if (marks != NULL)
		memcpy(marks, se->marks, sizeof se->marks);
	return 0;
}

/* Remember a record's position and marks (marks may be NULL for none) and make it the most
 * recently used; standard input ("-") is not remembered.  Nothing is written until
 * library_state_save(). */
void
library_state_set(struct library_state *st, const char *path, const char *fingerprint,
    size_t pos, const size_t marks[LIBRARY_STATE_NMARKS])
{
	struct library_state_entry se;
	ssize_t i;
	size_t m;

	if (strcmp(path, "-") == 0)
		return;
	memset(&se, 0, sizeof se);
	se.path = library_state_key(path);
	if ((i = library_state_find(st, se.path)) != -1) {
		library_state_entry_clear(&st->entries[i]);
		memmove(&st->entries[i], &st->entries[i + 1],
		    (st->nentries - (size_t)i - 1) * sizeof *st->entries);
		st->nentries--;
	}
	se.fingerprint = xstrdup(fingerprint);
	se.used = (long long)time(NULL);
	se.pos = pos;
	for (m = 0; m < LIBRARY_STATE_NMARKS; m++)
		se.marks[m] = marks != NULL ? marks[m] : LIBRARY_STATE_NONE;
	library_state_append(st, &se);
	memmove(&st->entries[1], &st->entries[0], (st->nentries - 1) * sizeof *st->entries);
	st->entries[0] = se;
}

/* Order entries most recently used first, then in their order before the merge. */
static int
library_state_entry_cmp(const void *a, const void *b)
{
	const struct library_state_entry *ea = a, *eb = b;

	if (ea->used != eb->used)
		return ea->used > eb->used ? -1 : 1;
	return ea->seq < eb->seq ? -1 : ea->seq > eb->seq;
}

/* Merge what another kiroku saved since this state was loaded: for each path the entry
 * used last wins (this session's on a tie); the result is sorted most recent first and
 * cut to LIBRARY_STATE_MAX.  Returns 0, or -1 with *cause set if the file now cannot be
 * read to its end (it must not be replaced then); corrupt lines in it are dropped. */
static int
library_state_merge(struct library_state *st, char **cause)
{
	struct library_state disk;
	char *why = NULL;
	size_t i;
	ssize_t j;

	memset(&disk, 0, sizeof disk);
	disk.file = st->file;
	if (library_state_read(&disk, &why) == -1) {
		for (i = 0; i < disk.nentries; i++)
			library_state_entry_clear(&disk.entries[i]);
		free(disk.entries);
		*cause = xasprintf(_("%s (not replaced)"), why);
		free(why);
		return -1;
	}
	free(why);
	for (i = 0; i < disk.nentries; i++) {
		j = library_state_find(st, disk.entries[i].path);
		if (j == -1)
			library_state_append(st, &disk.entries[i]);
		else if (disk.entries[i].used > st->entries[j].used) {
			library_state_entry_clear(&st->entries[j]);
			st->entries[j] = disk.entries[i];
		} else
			library_state_entry_clear(&disk.entries[i]);
	}
	free(disk.entries);

	for (i = 0; i < st->nentries; i++)
		st->entries[i].seq = i;
	qsort(st->entries, st->nentries, sizeof *st->entries, library_state_entry_cmp);
	while (st->nentries > LIBRARY_STATE_MAX)
		library_state_entry_clear(&st->entries[--st->nentries]);
	return 0;
}

/* Create dir and its missing parents with mode 0700; returns 0 or -1 with errno set. */
int
library_state_mkdirs(const char *dir)
{
	struct stat sb;
	char *copy, *p, save;
	int ret = 0;

	copy = xstrdup(dir);
	for (p = copy + 1; ret == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		save = *p;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST)
			ret = -1;
		else if (stat(copy, &sb) != 0)
			ret = -1;
		else if (!S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			ret = -1;
		}
		*p = save;
		if (save == '\0')
			break;
	}
	free(copy);
	return ret;
}

/* Append the escaped form of a path to a string buffer. */
static void
library_state_put_path(char **buf, size_t *len, size_t *alloc, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t need = strlen(path) * 3 + 2;

	if (*len + need > *alloc) {
		*alloc = (*len + need) * 2;
		*buf = xrealloc(*buf, *alloc);
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (*p < 0x21 || *p == 0x7f || *p == '%') {
			(*buf)[(*len)++] = '%';
			(*buf)[(*len)++] = hex[*p >> 4];
			(*buf)[(*len)++] = hex[*p & 0xf];
		} else
			(*buf)[(*len)++] = (char)*p;
	}
	(*buf)[(*len)++] = '\n';
}

/* Append printf-formatted text to a string buffer. */
static void __attribute__((format(printf, 4, 5)))
library_state_put(char **buf, size_t *len, size_t *alloc, const char *fmt, ...)
{
	va_list ap;
	char *s;
	size_t n;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(s);
	if (*len + n + 1 > *alloc) {
		*alloc = (*len + n + 1) * 2;
		*buf = xrealloc(*buf, *alloc);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	free(s);
}

/* Return the contents of the state file for st, allocated, with its length in *len. */
static char *
library_state_format(const struct library_state *st, size_t *len)
{
	const struct library_state_entry *se;
	char *buf = NULL;
	size_t alloc = 0, i, m;
	int any;

	*len = 0;
	library_state_put(&buf, len, &alloc, "%s\n", LIBRARY_STATE_HEADER);
	for (i = 0; i < st->nentries; i++) {
		se = &st->entries[i];
		library_state_put(&buf, len, &alloc, "%lld\t%s\t", se->used, se->fingerprint);
		if (se->pos == LIBRARY_STATE_NONE)
			library_state_put(&buf, len, &alloc, "-\t");
		else
			library_state_put(&buf, len, &alloc, "%zu\t", se->pos);
		any = 0;
		for (m = 0; m < LIBRARY_STATE_NMARKS; m++) {
			if (se->marks[m] == LIBRARY_STATE_NONE)
				continue;
			library_state_put(&buf, len, &alloc, "%s%c=%zu", any ? "," : "",
			    (int)('a' + m), se->marks[m]);
			any = 1;
		}
		library_state_put(&buf, len, &alloc, "%s\t", any ? "" : "-");
		library_state_put_path(&buf, len, &alloc, se->path);
	}
	return buf;
}

/* Remove temporary files a crash left behind (older than a few minutes, so a save running
 * in another kiroku right now is not disturbed); errors are ignored. */
static void
library_state_sweep(const char *dir)
{
	struct stat sb;
	struct dirent *de;
	DIR *dp;
	char *path;
	time_t now = time(NULL);

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, LIBRARY_STATE_TMP, strlen(LIBRARY_STATE_TMP)) != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    now - sb.st_mtime > LIBRARY_STATE_TMP_AGE)
			unlink(path);
		free(path);
	}
	closedir(dp);
}

/* Write all of buf to fd; returns 0 or -1 with errno set. */
static int
library_state_write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, buf, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write the state file: merge what another kiroku saved meanwhile, write a temporary file
 * in the same directory (mode 0600, directories 0700), fsync it and rename it over the old
 * file, so a crash leaves the previous file intact.  Returns 0 (also in read-only mode,
 * where nothing is written), or -1 with *cause set the first time it fails and NULL after
 * (so a failing state directory costs the caller one message). */
int
library_state_save(struct library_state *st, char **cause)
{
	char *tmp = NULL, *buf = NULL, *why = NULL;
	size_t len;
	int fd = -1, dfd, created = 0;

	*cause = NULL;
	if (st->flags & LIBRARY_STATE_READONLY)
		return 0;
	if (st->dir == NULL) {
		why = xstrdup(_("no state directory"));
		goto fail;
	}
	if (library_state_mkdirs(st->dir) != 0) {
		why = xasprintf("%s: %s", st->dir, strerror(errno));
		goto fail;
	}
	if (st->keep) {
		why = xasprintf(_("%s: could not be read when loaded, kept as it is"), st->file);
		goto fail;
	}
	library_state_sweep(st->dir);
	if (library_state_merge(st, &why) != 0)
		goto fail;
	buf = library_state_format(st, &len);

	tmp = xasprintf("%s/%sXXXXXX", st->dir, LIBRARY_STATE_TMP);
	if ((fd = mkstemp(tmp)) == -1) {
		why = xasprintf("%s: %s", st->dir, strerror(errno));
		goto fail;
	}
	created = 1;
	if (library_state_write_all(fd, buf, len) != 0 || fsync(fd) != 0) {
		why = xasprintf("%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		why = xasprintf("%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, st->file) != 0) {
		why = xasprintf("%s: %s", st->file, strerror(errno));
		goto fail;
	}
	/* Make the rename itself durable; a failure here loses nothing already written. */
	if ((dfd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(buf);
	return 0;

fail:
	if (fd != -1)
		close(fd);
	if (created)
		unlink(tmp);
	free(tmp);
	free(buf);
	if (st->reported)
		free(why);
	else {
		*cause = why;
		st->reported = 1;
	}
	return -1;
}

/* Free the state (without saving it). */
void
library_state_free(struct library_state *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->nentries; i++)
		library_state_entry_clear(&st->entries[i]);
	free(st->entries);
	free(st->dir);
	free(st->file);
	free(st);
}
