/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input-archive.c: compressed records (.gz .bz2 .xz .zst) and archives of records (.zip,
 * .tar, and a compressed .tar), read with libarchive, always recognised by their bytes.
 * Everything unpacked is bounded (INPUT_UNPACK_MAX, and a ratio past INPUT_UNPACK_RATIO_FROM)
 * so that a bomb is refused with one reason.  The records of an archive are unpacked once
 * and kept until input_archive_free_all(); a member is named "ARCHIVE/MEMBER".  Never
 * prints, never exits. */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "nls.h"
#include "xmalloc.h"

/* Bytes a read of libarchive asks for at once. */
#define INPUT_UNPACK_STEP	((size_t)64 << 10)

/* One record unpacked from an archive. */
struct input_member {
	char	*path;		/* owned: "ARCHIVE/MEMBER" */
	char	*bytes;		/* owned: the member's bytes, NUL after len */
	size_t	 len;		/* bytes */
};

/* The records of every archive opened so far, in the order they were unpacked. */
static struct input_member *input_members;
static size_t input_nmembers, input_members_alloc;

/* Return what the first bytes of a file say it is: a compressed stream (gzip, bzip2, xz,
 * zstd), an archive (zip, tar), or neither.  A compressed tar says INPUT_PACK_COMPRESSED:
 * input_unpack_is_tar() looks inside. */
enum input_pack
input_pack_kind(const char *head, size_t len)
{
	const unsigned char *u = (const unsigned char *)head;

	if (len >= 2 && u[0] == 0x1f && u[1] == 0x8b)
		return (INPUT_PACK_COMPRESSED);
	if (len >= 4 && memcmp(head, "BZh", 3) == 0 && u[3] >= '1' && u[3] <= '9')
		return (INPUT_PACK_COMPRESSED);
	if (len >= 6 && memcmp(head, "\xfd" "7zXZ\0", 6) == 0)
		return (INPUT_PACK_COMPRESSED);
	if (len >= 4 && memcmp(head, "\x28\xb5\x2f\xfd", 4) == 0)
		return (INPUT_PACK_COMPRESSED);
	if (len >= 4 && (memcmp(head, "PK\3\4", 4) == 0 || memcmp(head, "PK\5\6", 4) == 0))
		return (INPUT_PACK_ARCHIVE);
	if (len >= 262 && memcmp(head + 257, "ustar", 5) == 0)
		return (INPUT_PACK_ARCHIVE);
	return (INPUT_PACK_NONE);
}

/* Return libarchive's reason for the last failure of a, allocated. */
static char *
input_unpack_cause(struct archive *a)
{
	const char *s = archive_error_string(a);

	return (xstrdup(s != NULL && *s != '\0' ? s : _("damaged archive")));
}

/* Read the data of a's current entry into *out (allocated, NUL-terminated; the caller
 * frees it), stopping quietly after max bytes; packed0 is how many raw bytes were read
 * before the entry, for the ratio.  Return 0, or -1 with *cause set (a bomb, a damaged or
 * truncated stream) and nothing in *out. */
static int
input_unpack_data(struct archive *a, la_int64_t packed0, size_t max, char **out,
    size_t *outlen, char **cause)
{
	char		*buf = NULL;
	size_t		 len = 0, alloc = 0, want;
	la_ssize_t	 n;
	la_int64_t	 packed;

	for (;;) {
		if (len >= max)
			break;
		want = INPUT_UNPACK_STEP < max - len ? INPUT_UNPACK_STEP : max - len;
		if (alloc - len < want + 1) {
			alloc = alloc == 0 ? INPUT_UNPACK_STEP + 1 : alloc * 2;
			while (alloc - len < want + 1)
				alloc *= 2;
			buf = xrealloc(buf, alloc);
		}
		n = archive_read_data(a, buf + len, want);
		if (n < 0) {
			*cause = input_unpack_cause(a);
			free(buf);
			return (-1);
		}
		if (n == 0)
			break;
		len += (size_t)n;
		packed = archive_filter_bytes(a, -1) - packed0;
		if (len > INPUT_UNPACK_MAX || (len > INPUT_UNPACK_RATIO_FROM &&
		    (packed <= 0 || len / INPUT_UNPACK_RATIO > (size_t)packed))) {
			*cause = xasprintf(_("unpacks to more than %zu MiB (%s): refused as a "
			    "compression bomb"), (len > INPUT_UNPACK_MAX ? INPUT_UNPACK_MAX :
			    INPUT_UNPACK_RATIO_FROM) >> 20, len > INPUT_UNPACK_MAX ?
			    _("the limit") : _("over 100 times its size"));
			free(buf);
			return (-1);
		}
	}
	if (buf == NULL)
		buf = xmalloc(1);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return (0);
}

/* Make a reader of one compressed stream as a plain record. */
static struct archive *
input_unpack_new_raw(void)
{
	struct archive *a = archive_read_new();

	if (a == NULL)
		xmalloc((size_t)-1);	/* says "out of memory" and exits, as xmalloc does */
	archive_read_support_filter_all(a);
	archive_read_support_format_raw(a);
	return (a);
}

/* Unpack the compressed stream a was opened on (r: what the open returned). */
static int
input_unpack_run(struct archive *a, int r, size_t max, char **out, size_t *outlen,
    char **cause)
{
	struct archive_entry *ae;
	int rv = -1;

	if (r != ARCHIVE_OK || archive_read_next_header(a, &ae) != ARCHIVE_OK)
		*cause = input_unpack_cause(a);
	else
		rv = input_unpack_data(a, 0, max, out, outlen, cause);
	archive_read_free(a);
	return (rv);
}

/* Unpack the compressed stream of len bytes (gzip, bzip2, xz or zstd) into *out
 * (allocated, NUL-terminated; the caller frees it), at most max bytes ((size_t)-1: all,
 * within the bounds).  Return 0, or -1 with *cause set. */
int
input_unpack_bytes(const char *bytes, size_t len, size_t max, char **out, size_t *outlen,
    char **cause)
{
	struct archive *a = input_unpack_new_raw();

	return (input_unpack_run(a, archive_read_open_memory(a, bytes, len), max, out, outlen,
	    cause));
}

/* input_unpack_bytes() for the compressed file at path, read as it is unpacked: a head of
 * max bytes reads little. */
int
input_unpack_file(const char *path, size_t max, char **out, size_t *outlen, char **cause)
{
	struct archive *a = input_unpack_new_raw();

	return (input_unpack_run(a, archive_read_open_filename(a, path, INPUT_UNPACK_STEP),
	    max, out, outlen, cause));
}

/* Return 1 if the compressed file at path holds a tar archive, 0 if not (or unreadable:
 * reading it as a record then says why). */
int
input_unpack_is_tar(const char *path)
{
	char *head, *cause;
	size_t len;
	int is;

	if (input_unpack_file(path, 512, &head, &len, &cause) != 0) {
		free(cause);
		return (0);
	}
	is = input_pack_kind(head, len) == INPUT_PACK_ARCHIVE;
	free(head);
	return (is);
}

/* Return 1 if name ends in ".txt": the members of an archive that are records. */
static int
input_member_is_record(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && strcmp(name + n - 4, ".txt") == 0);
}

/* Keep one unpacked member. */
static void
input_member_add(const char *archive, const char *name, char *bytes, size_t len)
{
	struct input_member *m;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	if (input_nmembers == input_members_alloc) {
		input_members_alloc = input_members_alloc ? input_members_alloc * 2 : 64;
		input_members = xreallocarray(input_members, input_members_alloc,
		    sizeof *input_members);
	}
	m = &input_members[input_nmembers++];
	m->path = xasprintf("%s/%s", archive, name);
	m->bytes = bytes;
	m->len = len;
}

/*
 * Unpack the records (members named *.txt) of the archive at path (zip or tar, a tar
 * compressed or not) and keep them; call fn with each one's path "ARCHIVE/MEMBER", in the
 * archive's order.  The whole archive unpacks to at most INPUT_UNPACK_MAX bytes.  Return 0,
 * or -1 with *cause set when the archive is damaged, cut short or a bomb: the records
 * unpacked before that are kept and were given to fn.
 */
int
input_archive_open(const char *path, void (*fn)(void *, const char *), void *arg,
    char **cause)
{
	struct archive *a;
	struct archive_entry *ae;
	const char *name;
	char *bytes;
	size_t len, total = 0, first = input_nmembers, i, plen = strlen(path);
	int r, rv = 0, known;

	/* An archive named twice is unpacked once. */
	for (i = 0, known = 0; i < input_nmembers; i++) {
		if (strncmp(input_members[i].path, path, plen) == 0 &&
		    input_members[i].path[plen] == '/') {
			fn(arg, input_members[i].path);
			known = 1;
		}
	}
	if (known)
		return (0);
	if ((a = archive_read_new()) == NULL)
		xmalloc((size_t)-1);
	archive_read_support_filter_all(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, path, INPUT_UNPACK_STEP) != ARCHIVE_OK) {
		*cause = input_unpack_cause(a);
		archive_read_free(a);
		return (-1);
	}
	for (;;) {
		r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			*cause = input_unpack_cause(a);
			rv = -1;
			break;
		}
		name = archive_entry_pathname(ae);
		if (name == NULL || archive_entry_filetype(ae) != AE_IFREG ||
		    !input_member_is_record(name))
			continue;
		if (input_unpack_data(a, archive_filter_bytes(a, -1),
		    INPUT_UNPACK_MAX - total + 1, &bytes, &len, cause) != 0) {
			rv = -1;
			break;
		}
		if ((total += len) > INPUT_UNPACK_MAX) {
			free(bytes);
			*cause = xasprintf(_("unpacks to more than %zu MiB (%s): refused as a "
			    "compression bomb"), INPUT_UNPACK_MAX >> 20, _("the limit"));
			rv = -1;
			break;
		}
		input_member_add(path, name, bytes, len);
	}
	archive_read_free(a);
	for (i = first; i < input_nmembers; i++)
		fn(arg, input_members[i].path);
	return (rv);
}

/* Find the record path names in the archives unpacked so far: 1 with its bytes (kept
 * until input_archive_free_all()), else 0. */
int
input_archive_member(const char *path, const char **bytes, size_t *len)
{
	size_t i;

	for (i = 0; i < input_nmembers; i++) {
		if (strcmp(input_members[i].path, path) == 0) {
			*bytes = input_members[i].bytes;
			*len = input_members[i].len;
			return (1);
		}
	}
	return (0);
}

/* Free every record unpacked from archives (at exit: texts may point into them). */
void
input_archive_free_all(void)
{
	size_t i;

	for (i = 0; i < input_nmembers; i++) {
		free(input_members[i].path);
		free(input_members[i].bytes);
	}
	free(input_members);
	input_members = NULL;
	input_nmembers = input_members_alloc = 0;
}
