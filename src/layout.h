/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout.h: width and wrapping, the way Japanese typesetting expects in terminal cells.
 * Turns a document into visual lines (byte ranges of the text plus columns) for a width,
 * with one width function that agrees with what ncursesw draws.  Never includes curses. */
#ifndef KIROKU_LAYOUT_H
#define KIROKU_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

struct doc;

#define LAYOUT_NO_BLOCK	((size_t)-1)	/* layout_line.block of a blank line */
#define LAYOUT_NO_OFF	((size_t)-1)	/* emit offset of added indentation */

/* The line-break modes of CSS Text 3 (line-break) for Japanese; see layout_breaks(). */
enum layout_kinsoku {
	LAYOUT_KINSOKU_NORMAL,	/* small kana, ー and, after an ideograph, ‐ – 〜 ゠ may start a line */
	LAYOUT_KINSOKU_STRICT,	/* libunistring as is: none of them may */
	LAYOUT_KINSOKU_LOOSE	/* normal, and iteration marks, centred punctuation,
				 * inseparables and postfixes may start a line too */
};

enum layout_line_kind {
	LAYOUT_LINE_BLANK,
	LAYOUT_LINE_TITLE,
	LAYOUT_LINE_DATE,
	LAYOUT_LINE_HEADING,
	LAYOUT_LINE_BODY,
	LAYOUT_LINE_ITEM,	/* a bullet or numbered item: continuations hang under its text */
	LAYOUT_LINE_FURNITURE	/* a site menu, a photo caption, a gallery line (when shown) */
};

struct layout_opts {
	int	cols;		/* display columns of the text pane, >= 1 */
	enum layout_kinsoku kinsoku;
	int	hang;		/* 1: one of 、。，． may hang into the reserved right margin */
	int	furniture;	/* 1: page furniture (menus, captions, galleries) is laid out in
				 * place; 0: it makes no lines */
};

/* One visual line: what one row of the text pane shows. */
struct layout_line {
	size_t	off;		/* byte offset of its first shown byte in the text */
	size_t	len;		/* bytes shown; spaces dropped at a soft break are not included */
	size_t	block;		/* doc block index, LAYOUT_NO_BLOCK for a blank line */
	int	indent;		/* display columns of indentation added before the text */
	int	cols;		/* display columns of the whole line, indentation included */
	enum layout_line_kind kind;
	int	first;		/* 1 on the first visual line of its block */
};

/* A laid-out document, or a window of it: the visual lines of the blocks [first_block,
 * end_block), each block with the blank line that goes before it.  Owns its lines, not the
 * document.  layout_create() lays out every block; a window (layout_window_create()) holds
 * only the blocks around a reading position and grows and shrinks by whole blocks, so a
 * huge record is never laid out whole. */
struct layout {
	const struct doc *d;
	struct layout_opts opts;
	struct layout_line *lines;	/* nlines visual lines in order */
	size_t	nlines;
	size_t	alloc;
	size_t	first_block;	/* block of lines[0] (the block after it if that is blank) */
	size_t	end_block;	/* the block after the last one laid out */
	long long first_line;	/* number of lines[0], counted from where the window was last
				 * reset: moves by the lines added or dropped at the front */
	unsigned int gen;	/* bumped at each reset: line numbers of another gen do not compare */
};

/* Called for each piece of a visual line: s/len is what to draw (UTF-8, already the visible
 * form: TAB expanded, controls as ^X or U+FFFD), cols its width, off the source byte offset
 * of the piece (LAYOUT_NO_OFF for added indentation). */
typedef void layout_emit_fn(void *arg, const char *s, size_t len, int cols, size_t off);

/* layout-width.c */
void	 layout_width_set_ambiguous(int cols);
int	 layout_width_get_ambiguous(void);
int	 layout_width_cp(uint32_t cp);
const char *layout_cp_visible(uint32_t cp, char buf[8], size_t *len, int *cols);
int	 layout_width(const char *s, size_t len);
int	 layout_width_at(const char *s, size_t len, int col);
size_t	 layout_cluster_next(const char *s, size_t len, size_t pos);
size_t	 layout_width_truncate(const char *s, size_t len, int maxcols, int *cols);
char	*layout_text_visible(const char *s, size_t len, int maxcols, int *cols);

/* layout-ambiguous.c */
int	 layout_cp_is_ambiguous(uint32_t cp);

/* layout-wrap.c */
#define LAYOUT_HANG_MIN_COLS	8	/* narrower text (after indent) reserves no hanging margin */
#define LAYOUT_HANG_COLS	2	/* the hanging margin: one full-width cell */
void	 layout_breaks(const char *s, size_t n, enum layout_kinsoku k, char *brk);
int	 layout_wrap(const char *text, size_t off, size_t len, int first_indent,
	    int cont_indent, const struct layout_opts *o, struct layout_line **lines,
	    size_t *nlines, size_t *alloc);
void	 layout_wrap_release(void);
void	 layout_line_emit(const char *text, const struct layout_line *ll,
	    layout_emit_fn *fn, void *arg);

/* layout-doc.c */
struct layout *layout_create(const struct doc *d, const struct layout_opts *o);
void	 layout_free(struct layout *lo);
size_t	 layout_find_off(const struct layout *lo, size_t off);
size_t	 layout_find_block(const struct layout *lo, size_t block);
struct layout *layout_window_create(const struct doc *d, const struct layout_opts *o);
void	 layout_window_reset(struct layout *lo, size_t block);
size_t	 layout_window_down(struct layout *lo, size_t want);
size_t	 layout_window_up(struct layout *lo, size_t want);
size_t	 layout_window_trim(struct layout *lo, size_t from, size_t to);
int	 layout_window_has_off(const struct layout *lo, size_t off);
int	 layout_window_at_end(const struct layout *lo);
int	 layout_block_lines(const struct doc *d, size_t block, const struct layout_opts *o,
	    struct layout_line **lines, size_t *nlines, size_t *alloc);
int	 layout_block_indent(const struct doc *d, size_t block, int cols);

/*
 * Internal to layout-*.c: the class of a code point, from a table of the Basic Multilingual
 * Plane built once per locale and ambiguous setting (layout_width_ready()).
 */
#define LAYOUT_CP_COLS		0x03	/* display columns of the visible form (not TAB) */
#define LAYOUT_CP_SPECIAL	0x04	/* not drawn as is: TAB, control, soft hyphen, unprintable */
#define LAYOUT_CP_GOTHER	0x08	/* Grapheme_Cluster_Break=Other: a cluster boundary on both sides */
#define LAYOUT_CP_HANG		0x10	/* 、。，．: may hang into the right margin */
#define LAYOUT_CP_SPACE		0x20	/* U+0020: dropped at a soft break */
#define LAYOUT_CP_TAB		0x40	/* U+0009: expands to the next 8-column stop */

extern unsigned char layout_cp_classes[0x10000];
void	 layout_width_ready(void);
unsigned int layout_cp_class_slow(uint32_t cp);

/* Return the class bits of cp; layout_width_ready() must have been called. */
static inline unsigned int
layout_cp_class(uint32_t cp)
{
	if (cp < 0x10000)
		return (layout_cp_classes[cp]);
	return (layout_cp_class_slow(cp));
}

#endif
