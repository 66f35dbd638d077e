/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input-read.c: getting a whole record's bytes in at once, from a file, standard input or
 * memory: the loads of input-load.c run to their end, or bytes in memory are cleaned or
 * converted into a heap buffer.  Detection and cleaning live in input-detect.c and
 * input-clean.c; this file never prints and never exits. */

#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "nls.h"
#include "xmalloc.h"

/* Fill t from bytes: detect the encoding (or take the one given), refuse a binary file,
 * and clean or convert.  Return 1 if the bytes are clean UTF-8 as they are (t->buf and
 * t->len are for the caller to set), 0 if t->owned holds the text, -1 with *cause set. */
static int
input_text_decode(struct input_text *t, const char *bytes, size_t len, const char *encoding,
    char **cause)
{
	const char	*name = input_encoding_name(encoding);
	char		*out;
	size_t		 outlen;
	int		 flags;

	if (name == NULL) {
		/* Only when guessing: with an explicit encoding (UTF-16LE, say) NULs are text. */
		if (input_detect_binary(bytes, len)) {
			*cause = xstrdup(_("binary file"));
			return (-1);
		}
		name = input_detect_encoding(bytes, len);
	}
	if (input_encoding_is_utf8(name)) {
		free(t->encoding);
		t->encoding = xstrdup("UTF-8");
		if (input_clean_check(bytes, len, &t->flags))
			return (1);
		t->owned = input_clean(bytes, len, &t->len, &t->flags);
		t->buf = t->owned;
		return (0);
	}
	if (input_convert(bytes, len, name, &out, &outlen, &flags, cause) != 0)
		return (-1);
	free(t->encoding);
	t->encoding = xstrdup(name);
	t->owned = out;
	t->buf = out;
	t->len = outlen;
	t->flags = flags;
	return (0);
}

/* Fill t from bytes the caller keeps (the caller frees them after): clean UTF-8 is
 * copied, anything else converted.  Return 0, or -1 with *cause set. */
int
input_text_from_bytes(struct input_text *t, const char *bytes, size_t len,
    const char *encoding, char **cause)
{
	int	r;

	memset(t, 0, sizeof *t);
	t->complete = 1;
	if ((r = input_text_decode(t, bytes, len, encoding, cause)) < 0) {
		input_text_clear(t);
		return (-1);
	}
	if (r == 1) {
		t->owned = xmalloc(len + 1);
		memcpy(t->owned, bytes, len);
		t->owned[len] = '\0';
		t->buf = t->owned;
		t->len = len;
	}
	return (0);
}

/* Read fd to its end into t: standard input, a pipe, a FIFO, a device or a file that
 * cannot be mapped.  The fd is not closed.  When guessing the encoding, a binary stream
 * is refused as soon as its first INPUT_SAMPLE_LEN bytes are in (/dev/zero stops at
 * once); any stream stops at INPUT_STREAM_MAX.  Return 0, or -1 with *cause set. */
int
input_text_from_fd(struct input_text *t, int fd, const char *encoding, char **cause)
{
	if (input_text_start_fd(t, fd, encoding, (size_t)-1, cause) != 0)
		return (-1);
	if (input_text_finish(t, cause) != 0) {
		input_text_clear(t);
		return (-1);
	}
	return (0);
}

/* Read the record at path ("-" is standard input) into t as clean UTF-8, all of it
 * (input_text_start() and input_text_more() until complete), with encoding an iconv
 * name, or NULL or "auto" to detect it.  Return 0, or -1 with *cause set to one short
 * reason ("No such file or directory", "Is a directory", "binary file", ...); t is then
 * empty.  input_text_clear() frees what t holds. */
int
input_text_open(struct input_text *t, const char *path, const char *encoding,
    char **cause)
{
	if (input_text_start_path(t, path, encoding, (size_t)-1, cause) != 0)
		return (-1);
	if (input_text_finish(t, cause) != 0) {
		input_text_clear(t);
		return (-1);
	}
	return (0);
}

/* Free and unmap everything t holds and leave it empty. */
void
input_text_clear(struct input_text *t)
{
	input_load_free(t);	/* the buffers it owns, t->owned among them */
	free(t->owned);
	if (t->map != NULL) {
		input_map_remove(t->map);
		munmap(t->map, t->map_len);
	}
	free(t->encoding);
	memset(t, 0, sizeof *t);
}
