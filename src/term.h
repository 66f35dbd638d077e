/* SPDX-License-Identifier: GPL-3.0-or-later */
/* term.h: what kiroku says to the terminal and what the terminal answers, as bytes: the
 * recognizer that takes replies (cursor position, background colour) out of the keys, and
 * the escape sequences the pager sends (OSC 52 copy).  No curses, no I/O: the pager reads
 * and writes, these functions only look at bytes, so they can be tested alone. */
#ifndef KIROKU_TERM_H
#define KIROKU_TERM_H

#include <stddef.h>

#define TERM_REPLY_MAX	96	/* bytes of the longest reply taken; longer is keys */

enum term_reply_kind {
	TERM_REPLY_NONE,	/* the byte was kept or passed on as a key */
	TERM_REPLY_CPR,		/* a cursor position report: ESC [ row ; col R */
	TERM_REPLY_BG		/* a background colour report: ESC ] 11 ; rgb:… BEL or ST */
};

/* One reply taken out of the input. */
struct term_reply_answer {
	enum term_reply_kind kind;
	int	row;		/* CPR: 1-based row */
	int	col;		/* CPR: 1-based column */
	int	rgb_ok;		/* BG: 1 if the colour was understood */
	unsigned r, g, b;	/* BG: the colour, 0 to 65535 each */
};

/* The recognizer: bytes that may be the start of a reply are held until they turn out to be
 * one (taken, never keys) or not (passed on as keys, in order).  Replies are only taken
 * while one is expected: a key that looks like one (xterm's Shift-F3 is ESC [ 1 ; 2 R) is a
 * key when no question is open.  Questions stay open until answered, however late. */
struct term_reply {
	unsigned char held[TERM_REPLY_MAX];	/* the bytes held */
	size_t	nheld;				/* bytes in held */
	int	want_cpr;			/* cursor position reports expected */
	int	want_bg;			/* background colour reports expected */
};

/* term-reply.c */
void	 term_reply_init(struct term_reply *tr);
void	 term_reply_expect(struct term_reply *tr, enum term_reply_kind kind);
int	 term_reply_waiting(const struct term_reply *tr);
enum term_reply_kind term_reply_feed(struct term_reply *tr, unsigned char c,
	     unsigned char *keys, size_t *nkeys, struct term_reply_answer *ans);
size_t	 term_reply_flush(struct term_reply *tr, unsigned char *keys);
int	 term_reply_bg_is_dark(const struct term_reply_answer *ans);

/* term-osc.c */
char	*term_base64_encode(const char *s, size_t len, size_t *outlen);
char	*term_osc52_create(const char *s, size_t len, size_t *outlen);

#endif
