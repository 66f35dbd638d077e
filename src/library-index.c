/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library-index.c: the index of a library, its records grouped by region, newest first.
 * Reads only the head of each file (LIBRARY_HEAD_LEN bytes, through the input layer's
 * conversion and the document model's metadata recognition); records are loaded whole only
 * when opened, by the caller.  Owns the entries, never the docs; never prints, never exits. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "doc.h"
#include "input.h"
#include "library.h"
#include "nls.h"
#include "xmalloc.h"

static void	library_group(struct library *);

/* Free what an entry's metadata owns and reset it to "nothing known". */
static void
library_entry_reset(struct library_entry *e)
{
	free(e->country);
	free(e->title);
	free(e->error);
	e->country = NULL;
	e->title = xstrdup("");
	e->error = NULL;
	e->region = DOC_REGION_NONE;
	memset(&e->date, 0, sizeof e->date);
	e->iso[0] = '\0';
}

/* Copy the metadata of a doc into an entry. */
static void
library_entry_from_doc(struct library_entry *e, const struct doc *d)
{
	library_entry_reset(e);
	e->region = d->region;
	if (d->country != NULL)
		e->country = xstrdup(d->country);
	free(e->title);
	e->title = xstrdup(d->title != NULL ? d->title : "");
	if (d->date.year != 0) {
		e->date = d->date;
		doc_date_iso(&e->date, e->iso);
	}
	e->flags |= LIBRARY_ENTRY_INDEXED;
}

/* Mark an entry unreadable, with why. */
static void
library_entry_fail(struct library_entry *e, const char *cause)
{
	library_entry_reset(e);
	e->error = xstrdup(cause);
	e->flags |= LIBRARY_ENTRY_INDEXED;
}

/* Create a library of the paths given, nothing read yet: call library_index_some() or
 * library_index_all() to read the heads.  encoding is the -e name, NULL for auto.  The
 * caller frees it with library_free(). */
struct library *
library_create(const struct library_paths *lp, const char *encoding)
{
	struct library *lib;
	struct library_entry *e;
	const char *slash;
	size_t i;

	lib = xcalloc(1, sizeof *lib);
	if (encoding != NULL && strcmp(encoding, "auto") != 0)
		lib->encoding = xstrdup(encoding);
	lib->nentries = lp->npaths;
	lib->entries = xcalloc(lp->npaths ? lp->npaths : 1, sizeof *lib->entries);
	for (i = 0; i < lp->npaths; i++) {
		e = &lib->entries[i];
		e->path = xstrdup(lp->paths[i]);
		e->title = xstrdup("");
		e->region = DOC_REGION_NONE;
		if (strcmp(e->path, "-") == 0) {
			/* Standard input cannot be peeked at: the caller reads it whole. */
			e->name = "(stdin)";
			e->flags = LIBRARY_ENTRY_STREAM | LIBRARY_ENTRY_INDEXED;
			lib->nindexed++;
			continue;
		}
		slash = strrchr(e->path, '/');
		if (lp->name_off != NULL && lp->name_off[i] < strlen(e->path))
			e->name = e->path + lp->name_off[i];
		else
			e->name = slash != NULL && slash[1] != '\0' ? slash + 1 : e->path;
	}
	library_group(lib);
	return lib;
}

/* Read up to len bytes from fd into buf; returns the bytes read, or -1 with errno set. */
static ssize_t
library_read_head(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Return the bytes of the head to parse: through the LF ending its LIBRARY_HEAD_LINES-th
 * line or the last LF in its first LIBRARY_META_LEN bytes, whichever comes first; all of
 * it if neither is there. */
static size_t
library_head_cut(const char *head, size_t len)
{
	const char *p = head, *end = head + len, *lf, *last = NULL;
	size_t lines = 0;

	while (p < end && (lf = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if ((size_t)(lf - head) >= LIBRARY_META_LEN && last != NULL)
			return (size_t)(last - head) + 1;
		if (++lines == LIBRARY_HEAD_LINES)
			return (size_t)(lf - head) + 1;
		last = lf;
		p = lf + 1;
	}
	return len;
}

/* The legacy encodings the input layer detects and converts from. */
static const char *library_pin_names[] = {
	"CP932", "EUC-JP", "EUC-JP-MS", "ISO-2022-JP", "ISO-2022-JP-2"
};
#define LIBRARY_NPINS	(sizeof library_pin_names / sizeof *library_pin_names + 1)

/* Conversion descriptors held open while a library lives. */
struct library_pins {
	iconv_t	cd[LIBRARY_NPINS];	/* library_pin_names, then the -e encoding;
					 * (iconv_t)-1 where iconv has no such encoding */
};

/* Hold a conversion descriptor open for each legacy encoding once one is met: glibc
 * unloads a gconv module when its last descriptor closes, and the input layer opens and
 * closes several per text (detection trials into UTF-32LE, then the conversion into
 * UTF-8), so 10,000 Shift_JIS heads would load the modules tens of thousands of times
 * (over 1 ms a record).  A descriptor into UTF-32LE holds both the encoding's module and
 * UTF-32's.  XXX: this belongs in the input layer, as a cache of descriptors. */
static void
library_pins_hold(struct library *lib)
{
	struct library_pins *lpn;
	size_t i;

	if (lib->pins != NULL)
		return;
	lpn = lib->pins = xmalloc(sizeof *lib->pins);
	for (i = 0; i < LIBRARY_NPINS - 1; i++)
		lpn->cd[i] = iconv_open("UTF-32LE", library_pin_names[i]);
	lpn->cd[i] = (iconv_t)-1;
	if (lib->encoding != NULL)
		lpn->cd[i] = iconv_open("UTF-8", lib->encoding);
}

/* Close the descriptors held by library_pins_hold(). */
static void
library_pins_free(struct library *lib)
{
	size_t i;

	if (lib->pins == NULL)
		return;
	for (i = 0; i < LIBRARY_NPINS; i++) {
		if (lib->pins->cd[i] != (iconv_t)-1)
			iconv_close(lib->pins->cd[i]);
	}
	free(lib->pins);
	lib->pins = NULL;
}

/* Read the head of one entry's file and recognise its metadata, or set its error. */
static void
library_index_entry(struct library *lib, struct library_entry *e)
{
	struct input_text t;
	struct stat sb;
	struct doc *d;
	char head[LIBRARY_HEAD_LEN], *cause, *unpacked;
	const char *encoding, *lf, *member;
	ssize_t n;
	size_t len, dlen, mlen;
	int fd, more, utf16;

	if (input_archive_member(e->path, &member, &mlen)) {
		/* A record of an archive: unpacked already. */
		len = mlen < sizeof head ? mlen : sizeof head;
		memcpy(head, member, len);
		more = mlen > len;
		goto parse;
	}
	/* O_NONBLOCK: a FIFO among the records must not hang the index. */
	if ((fd = open(e->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) == -1) {
		library_entry_fail(e, strerror(errno));
		return;
	}
	if (fstat(fd, &sb) != 0) {
		library_entry_fail(e, strerror(errno));
		close(fd);
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		library_entry_fail(e, strerror(EISDIR));
		close(fd);
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		/* A pipe or a device: reading its head would consume it. */
		library_entry_reset(e);
		e->flags |= LIBRARY_ENTRY_STREAM | LIBRARY_ENTRY_INDEXED;
		close(fd);
		return;
	}
	n = library_read_head(fd, head, sizeof head);
	close(fd);
	if (n == -1) {
		library_entry_fail(e, strerror(errno));
		return;
	}
	len = (size_t)n;
	more = (off_t)len < sb.st_size;
	if (input_pack_kind(head, len) == INPUT_PACK_COMPRESSED) {
		/* A compressed record: its head unpacked, no more. */
		if (input_unpack_file(e->path, sizeof head, &unpacked, &len, &cause) != 0) {
			library_entry_fail(e, cause);
			free(cause);
			return;
		}
		memcpy(head, unpacked, len);
		free(unpacked);
		more = len == sizeof head;
	}
parse:

	/* A head cut short of the file ends at its last LF, so the encoding is detected on
	 * whole characters and escape sequences (UTF-16 at a whole code unit instead). */
	utf16 = (len >= 2 && (memcmp(head, "\xff\xfe", 2) == 0 ||
	    memcmp(head, "\xfe\xff", 2) == 0)) ||
	    (lib->encoding != NULL && strncasecmp(lib->encoding, "UTF-16", 6) == 0);
	if (more && utf16)
		len &= ~(size_t)1;
	else if (more && (lf = memrchr(head, '\n', len)) != NULL)
		len = (size_t)(lf - head) + 1;
	encoding = lib->encoding;
	if (encoding == NULL) {
		/* The first lines are enough to tell CP932 from EUC-JP, and the detection trials
		 * cost about 30 us a KiB in legacy encodings; a whole record is detected again
		 * (on more) when it is opened. */
		dlen = len;
		if (dlen > LIBRARY_DETECT_LEN &&
		    (lf = memrchr(head, '\n', LIBRARY_DETECT_LEN)) != NULL)
			dlen = (size_t)(lf - head) + 1;
		encoding = input_detect_encoding(head, dlen);
		if (!utf16 && memchr(head, '\0', len) != NULL) {
			/* As the input layer says of a whole file. */
			library_entry_fail(e, _("binary file"));
			return;
		}
	}
	if (strcmp(encoding, "UTF-8") != 0)
		library_pins_hold(lib);

	/* Only the first lines are converted and parsed: the metadata is there. */
	if (!utf16)
		len = library_head_cut(head, len);
	if (input_text_from_bytes(&t, head, len, encoding, &cause) != 0) {
		library_entry_fail(e, cause);
		free(cause);
		return;
	}
	d = doc_create_from_text(e->path, &t);
	library_entry_from_doc(e, d);
	doc_free(d);
}

/* Read the heads of up to max entries not yet indexed, in order, and regroup; returns the
 * number still to index, so a caller can show progress and stay responsive. */
size_t
library_index_some(struct library *lib, size_t max)
{
	struct library_entry *e;
	size_t i, done = 0;

	for (i = 0; i < lib->nentries && done < max; i++) {
		e = &lib->entries[i];
		if (e->flags & LIBRARY_ENTRY_INDEXED)
			continue;
		library_index_entry(lib, e);
		e->flags |= LIBRARY_ENTRY_INDEXED;
		lib->nindexed++;
		done++;
	}
	if (done != 0)
		library_group(lib);
	return lib->nentries - lib->nindexed;
}

/* Read the heads of every entry not yet indexed. */
void
library_index_all(struct library *lib)
{
	library_index_some(lib, SIZE_MAX);
}

/* Replace an entry's metadata by that of its doc once loaded whole (standard input, a
 * pipe, or a record whose head said less than the whole), and regroup. */
void
library_entry_update(struct library *lib, size_t i, const struct doc *d)
{
	struct library_entry *e = &lib->entries[i];

	if (!(e->flags & LIBRARY_ENTRY_INDEXED))
		lib->nindexed++;
	library_entry_from_doc(e, d);
	library_group(lib);
}

/* Mark an entry unreadable (opening it failed after it was indexed), and regroup. */
void
library_entry_set_error(struct library *lib, size_t i, const char *cause)
{
	struct library_entry *e = &lib->entries[i];

	if (!(e->flags & LIBRARY_ENTRY_INDEXED))
		lib->nindexed++;
	library_entry_fail(e, cause);
	library_group(lib);
}

/* The entries being sorted by library_group(), for its comparison function. */
static const struct library_entry *library_sort_entries;

/* Order entry indices newest first: by date descending, undated last, then by title and
 * path in byte order, so every record is listed and the order is stable. */
static int
library_entry_cmp(const void *a, const void *b)
{
	const struct library_entry *ea, *eb;
	int c;

	ea = &library_sort_entries[*(const size_t *)a];
	eb = &library_sort_entries[*(const size_t *)b];
	if ((ea->date.year == 0) != (eb->date.year == 0))
		return ea->date.year == 0 ? 1 : -1;
	if (ea->date.year != eb->date.year)
		return ea->date.year > eb->date.year ? -1 : 1;
	if (ea->date.month != eb->date.month)
		return ea->date.month > eb->date.month ? -1 : 1;
	if (ea->date.day != eb->date.day)
		return ea->date.day > eb->date.day ? -1 : 1;
	if ((c = strcmp(ea->title, eb->title)) != 0)
		return c;
	return strcmp(ea->path, eb->path);
}

/* Rebuild the per-region arrays and counts from the indexed entries. */
static void
library_group(struct library *lib)
{
	const struct library_entry *e;
	size_t i, r;

	for (r = 0; r < DOC_REGION_COUNT; r++)
		lib->count[r] = 0;
	for (i = 0; i < lib->nentries; i++) {
		e = &lib->entries[i];
		if (e->flags & LIBRARY_ENTRY_INDEXED)
			lib->count[e->region]++;
	}
	for (r = 0; r < DOC_REGION_COUNT; r++) {
		free(lib->region[r]);
		lib->region[r] = xreallocarray(NULL, lib->count[r] ? lib->count[r] : 1,
		    sizeof **lib->region);
		lib->count[r] = 0;
	}
	for (i = 0; i < lib->nentries; i++) {
		e = &lib->entries[i];
		if (e->flags & LIBRARY_ENTRY_INDEXED)
			lib->region[e->region][lib->count[e->region]++] = i;
	}
	library_sort_entries = lib->entries;
	for (r = 0; r < DOC_REGION_COUNT; r++)
		qsort(lib->region[r], lib->count[r], sizeof **lib->region, library_entry_cmp);
	library_sort_entries = NULL;
}

/* Return the row of entry i in region r's array, or -1 if it is not there (for `:n`/`:p`
 * and for keeping the selected row). */
int
library_region_find(const struct library *lib, enum doc_region r, size_t i)
{
	size_t row;

	for (row = 0; row < lib->count[r]; row++) {
		if (lib->region[r][row] == i)
			return (int)row;
	}
	return -1;
}

/* Free the library and its entries. */
void
library_free(struct library *lib)
{
	struct library_entry *e;
	size_t i, r;

	if (lib == NULL)
		return;
	for (i = 0; i < lib->nentries; i++) {
		e = &lib->entries[i];
		free(e->path);
		free(e->country);
		free(e->title);
		free(e->error);
	}
	free(lib->entries);
	for (r = 0; r < DOC_REGION_COUNT; r++)
		free(lib->region[r]);
	library_pins_free(lib);
	free(lib->encoding);
	free(lib);
}
