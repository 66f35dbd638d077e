/* input-read.c: getting a record's bytes in, from a file, standard input or memory.
 * Regular files are mapped; clean UTF-8 is used straight from the mapping, everything else
 * is converted or cleaned once into a heap buffer.  Pipes, FIFOs and devices are read as a
 * stream with a size limit.  Detection and cleaning live in input-detect.c and
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
#include "xmalloc.h"

/* The most a stream (pipe, FIFO, device) may hold: stops /dev/urandom given with an
 * explicit encoding from eating all memory. */
#define INPUT_STREAM_MAX	((size_t)4 << 30)	/* bytes */

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
			*cause = xstrdup("binary file");
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
	char	*data = NULL;
	size_t	 len = 0, size = 0;
	ssize_t	 n;
	int	 checked = 0, r;

	memset(t, 0, sizeof *t);
	for (;;) {
		if (size - len < 65536) {
			if (size >= INPUT_STREAM_MAX) {
				*cause = xstrdup("file too large");
				goto fail;
			}
			size = size == 0 ? 262144 : size * 2;
			data = xrealloc(data, size + 1);
		}
		n = read(fd, data + len, size - len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("read error: %s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += n;
		if (!checked && len >= INPUT_SAMPLE_LEN &&
		    input_encoding_name(encoding) == NULL) {
			if (input_detect_binary(data, len)) {
				*cause = xstrdup("binary file");
				goto fail;
			}
			checked = 1;
		}
	}
	data[len] = '\0';

	if ((r = input_text_decode(t, data, len, encoding, cause)) < 0)
		goto fail;
	if (r == 1) {
		/* Clean already: keep the buffer read, trimmed to size. */
		t->owned = xrealloc(data, len + 1);
		t->buf = t->owned;
		t->len = len;
	} else
		free(data);
	return (0);

fail:
	free(data);
	input_text_clear(t);
	return (-1);
}

/* Fill t from a regular file of size bytes open on fd by mapping it.  Return 0, 1 if the
 * file cannot be mapped (the caller reads it instead), or -1 with *cause set. */
static int
input_text_map(struct input_text *t, int fd, size_t size, const char *encoding,
    char **cause)
{
	void	*map;
	int	 r;

	map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return (1);
	/* The checks below read it all once, front to back.  XXX: that whole-file pass
	 * (about 2 GB/s for Japanese UTF-8 here, 0.16 s for 300 MB) comes before the first
	 * screen; showing a huge record at once, as less does, would need the check (and
	 * the conversion of other encodings, about 150 MB/s) to run lazily or in chunks. */
	madvise(map, size, MADV_SEQUENTIAL);
	/* Registered before the first read: a file truncated by someone else while mapped
	 * raises SIGBUS, and input_map_catch()'s handler then reads zeros instead. */
	input_map_add(map, size);
	if ((r = input_text_decode(t, map, size, encoding, cause)) < 0) {
		input_map_remove(map);
		munmap(map, size);
		return (-1);
	}
	if (r == 1) {
		madvise(map, size, MADV_NORMAL);	/* the pager jumps about */
		t->map = map;
		t->map_len = size;
		t->buf = map;
		t->len = size;
	} else {
		input_map_remove(map);
		munmap(map, size);
	}
	return (0);
}

/* Read the record at path ("-" is standard input) into t as clean UTF-8, with encoding
 * an iconv name, or NULL or "auto" to detect it.  Return 0, or -1 with *cause set to one
 * short reason ("No such file or directory", "Is a directory", "binary file", ...); t is
 * then empty.  input_text_clear() frees what t holds. */
int
input_text_open(struct input_text *t, const char *path, const char *encoding,
    char **cause)
{
	struct stat	 sb;
	int		 fd, r;

	memset(t, 0, sizeof *t);
	/* Refuse an unknown encoding before touching the file. */
	if (input_encoding_check(encoding, cause) != 0)
		return (-1);
	if (strcmp(path, "-") == 0)
		return (input_text_from_fd(t, STDIN_FILENO, encoding, cause));

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xstrdup(strerror(errno));
		return (-1);
	}
	if (fstat(fd, &sb) == -1) {
		*cause = xstrdup(strerror(errno));
		close(fd);
		return (-1);
	}
	if (S_ISDIR(sb.st_mode)) {
		*cause = xstrdup(strerror(EISDIR));
		close(fd);
		return (-1);
	}
	r = 1;
	/* Files that say they are empty may not be (/proc): those are read as a stream. */
	if (S_ISREG(sb.st_mode) && sb.st_size > 0)
		r = input_text_map(t, fd, (size_t)sb.st_size, encoding, cause);
	if (r == 1)
		r = input_text_from_fd(t, fd, encoding, cause);
	close(fd);
	if (r != 0)
		input_text_clear(t);
	else if (S_ISREG(sb.st_mode)) {
		/* For input_text_changed(): what the file was when read. */
		t->file_len = (size_t)sb.st_size;
		t->file_mtime_ns = (long long)sb.st_mtim.tv_sec * 1000000000LL +
		    sb.st_mtim.tv_nsec;
	}
	return (r);
}

/* Free and unmap everything t holds and leave it empty. */
void
input_text_clear(struct input_text *t)
{
	free(t->owned);
	if (t->map != NULL) {
		input_map_remove(t->map);
		munmap(t->map, t->map_len);
	}
	free(t->encoding);
	memset(t, 0, sizeof *t);
}
