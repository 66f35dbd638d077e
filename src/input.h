/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input.h: the input layer, bytes in.
 * Reads a file or standard input, detects and converts its encoding to UTF-8 once, and cleans
 * it (invalid bytes to U+FFFD, CRLF and CR to LF, a leading BOM dropped).  Valid UTF-8 files
 * are mapped, not copied.  Never includes curses, never prints, never exits. */
#ifndef KIROKU_INPUT_H
#define KIROKU_INPUT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* input_text.flags */
#define INPUT_HAD_INVALID	0x01	/* invalid bytes were replaced by U+FFFD */
#define INPUT_HAD_CR		0x02	/* CR or CRLF line ends were turned into LF */
#define INPUT_HAD_BOM		0x04	/* a UTF-8 byte-order mark was dropped */
#define INPUT_HAS_CONTROLS	0x08	/* C0 (not TAB/LF), DEL, C1 or bidi controls occur */
#define INPUT_HAS_NUL		0x10	/* NUL bytes occur (shown as ^@) */

struct input_load;

/* The text of one record: clean UTF-8, lines ended by LF.  Controls stay in the buffer as
 * they were (valid UTF-8); every later layer shows them through layout_cp_visible().
 *
 * A text may be loaded in steps (input_text_start, then input_text_more until it returns
 * 0): buf then holds the first len bytes of the clean text, and len only grows.  What is in
 * buf[0, len) never changes, so byte offsets stay valid, but buf itself may move during a
 * call to input_text_more (a late invalid byte or CR ends the zero-copy use of a mapped
 * file; a conversion outgrows its reservation): never keep t->buf across such a call.
 * flags are those of buf[0, len) and only gain bits. */
struct input_text {
	const char	*buf;		/* clean UTF-8; not NUL-terminated when mapped */
	size_t		 len;		/* bytes in buf */
	char		*owned;		/* buffer behind buf (heap, or the loader's anonymous mapping), or NULL */
	void		*map;		/* mmap()ed file behind buf, or NULL */
	size_t		 map_len;	/* bytes mapped */
	char		*encoding;	/* what the bytes were: "UTF-8", "CP932", "EUC-JP", "ISO-2022-JP", or the name given */
	int		 flags;		/* INPUT_HAD_* and INPUT_HAS_* */
	size_t		 file_len;	/* bytes the regular file had when read */
	long long	 file_mtime_ns;	/* its modification time (ns since the epoch), 0 if not a regular file */
	int		 complete;	/* 1 when all of the input is in buf */
	struct input_load *load;	/* owned loader state (input-load.c), or NULL */
};

/* The state of a clean done in pieces (input_clean_piece). */
struct input_clean_state {
	int		 started;	/* a piece was cleaned: no BOM to drop any more */
	int		 after_cr;	/* the last piece ended with a CR: an LF next is part of it */
};

/* input-load.c */
#define INPUT_CHUNK_LEN		((size_t)1 << 20)	/* bytes made ready by input_text_start() */
#define INPUT_DETECT_LEN	((size_t)1 << 20)	/* bytes of a file the detection looks at */
#define INPUT_STREAM_MAX	((size_t)4 << 30)	/* bytes a stream may hold */
int	 input_text_start(struct input_text *t, const char *path, const char *encoding,
	    char **cause);
int	 input_text_start_path(struct input_text *t, const char *path, const char *encoding,
	    size_t first_len, char **cause);
int	 input_text_start_fd(struct input_text *t, int fd, const char *encoding,
	    size_t first_len, char **cause);
int	 input_text_start_bytes(struct input_text *t, const char *bytes, size_t len,
	    const char *encoding, size_t first_len, char **cause);
int	 input_text_more(struct input_text *t, size_t budget, char **cause);
int	 input_text_poll_fd(const struct input_text *t);
int	 input_text_finish(struct input_text *t, char **cause);
const void *input_load_map(const struct input_text *t);
void	 input_text_keep(struct input_text *t, size_t off);
void	 input_text_release(struct input_text *t, size_t upto);
void	 input_load_free(struct input_text *t);

/* input-archive.c */
/* What the first bytes of a file say it is (input_pack_kind). */
enum input_pack {
	INPUT_PACK_NONE,	/* neither: a record as it is */
	INPUT_PACK_COMPRESSED,	/* gzip, bzip2, xz or zstd: a record, or a tar inside */
	INPUT_PACK_ARCHIVE	/* zip or tar: a folder of records */
};
#define INPUT_PACK_HEAD		512	/* bytes input_pack_kind() wants to see a tar */
#define INPUT_UNPACK_MAX	((size_t)256 << 20)	/* bytes a file or archive may unpack to */
#define INPUT_UNPACK_RATIO_FROM	((size_t)16 << 20)	/* past these bytes unpacked ... */
#define INPUT_UNPACK_RATIO	100	/* ... they may be at most this many times the packed */
enum input_pack input_pack_kind(const char *head, size_t len);
int	 input_unpack_bytes(const char *bytes, size_t len, size_t max, char **out,
	    size_t *outlen, char **cause);
int	 input_unpack_file(const char *path, size_t max, char **out, size_t *outlen,
	    char **cause);
int	 input_unpack_is_tar(const char *path);
int	 input_archive_open(const char *path, void (*fn)(void *, const char *), void *arg,
	    char **cause);
int	 input_archive_member(const char *path, const char **bytes, size_t *len);
void	 input_archive_free_all(void);

/* input-read.c */
int	 input_text_open(struct input_text *t, const char *path, const char *encoding,
	    char **cause);
int	 input_text_from_fd(struct input_text *t, int fd, const char *encoding, char **cause);
int	 input_text_from_bytes(struct input_text *t, const char *bytes, size_t len,
	    const char *encoding, char **cause);
void	 input_text_clear(struct input_text *t);

/* input-map.c */
extern volatile sig_atomic_t input_map_changed;
void	 input_map_add(void *map, size_t len);
void	 input_map_remove(const void *map);
int	 input_map_faulted(const void *map);
void	 input_map_release(const void *map, size_t from, size_t to);
void	 input_map_catch(void);
int	 input_text_changed(const struct input_text *t, const char *path);

/* input-detect.c */
#define INPUT_SAMPLE_LEN	65536	/* bytes looked at to detect the encoding or a binary file */
const char *input_encoding_name(const char *encoding);
int	 input_encoding_is_utf8(const char *encoding);
int	 input_encoding_check(const char *encoding, char **cause);
int	 input_detect_binary(const char *bytes, size_t len);
const char *input_detect_encoding(const char *bytes, size_t len);
int	 input_convert(const char *bytes, size_t len, const char *encoding, char **out,
	    size_t *outlen, int *flags, char **cause);

/* input-clean.c */
#define INPUT_CP_INVALID	0xffffffffU	/* input_utf8_next(): an ill-formed sequence */
size_t	 input_utf8_next(const char *s, size_t len, uint32_t *cp);
int	 input_clean_needed(const char *bytes, size_t len);
int	 input_clean_check(const char *bytes, size_t len, int *flags);
size_t	 input_clean_prefix(const char *bytes, size_t len, int *flags);
size_t	 input_clean_piece(struct input_clean_state *cs, const char *bytes, size_t len,
	    char *out, int *flags);
char	*input_clean(const char *bytes, size_t len, size_t *outlen, int *flags);
int	 input_cp_is_control(uint32_t cp);
int	 input_cp_is_bidi_control(uint32_t cp);
int	 input_scan_flags(const char *buf, size_t len);

#endif
