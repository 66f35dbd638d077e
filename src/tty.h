/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tty.h: what kiroku says to the terminal and what the terminal answers, as bytes: the
 * recognizer that takes replies (cursor position, background colour) out of the keys, and
 * the escape sequences the pager sends (OSC 52 copy).  No curses, no I/O: the pager reads
 * and writes, these functions only look at bytes, so they can be tested alone. */
#ifndef KIROKU_TTY_H
#define KIROKU_TTY_H

#include <stddef.h>

#define TTY_REPLY_MAX	96	/* bytes of the longest reply taken; longer is keys */

enum tty_reply_kind {
	TTY_REPLY_NONE,	/* the byte was kept or passed on as a key */
	TTY_REPLY_CPR,		/* a cursor position report: ESC [ row ; col R */
	TTY_REPLY_BG		/* a background colour report: ESC ] 11 ; rgb:… BEL or ST */
};

/* One reply taken out of the input. */
struct tty_reply_answer {
	enum tty_reply_kind kind;
	int	row;		/* CPR: 1-based row */
	int	col;		/* CPR: 1-based column */
	int	rgb_ok;		/* BG: 1 if the colour was understood */
	unsigned r, g, b;	/* BG: the colour, 0 to 65535 each */
};

/* The recognizer: bytes that may be the start of a reply are held until they turn out to be
 * one (taken, never keys) or not (passed on as keys, in order).  Replies are only taken
 * while one is expected: a key that looks like one (xterm's Shift-F3 is ESC [ 1 ; 2 R) is a
 * key when no question is open.  Questions stay open until answered, however late. */
struct tty_reply {
	unsigned char held[TTY_REPLY_MAX];	/* the bytes held */
	size_t	nheld;				/* bytes in held */
	int	want_cpr;			/* cursor position reports expected */
	int	want_bg;			/* background colour reports expected */
};

/* tty-reply.c */
void	 tty_reply_init(struct tty_reply *tr);
void	 tty_reply_expect(struct tty_reply *tr, enum tty_reply_kind kind);
int	 tty_reply_waiting(const struct tty_reply *tr);
enum tty_reply_kind tty_reply_feed(struct tty_reply *tr, unsigned char c,
	     unsigned char *keys, size_t *nkeys, struct tty_reply_answer *ans);
size_t	 tty_reply_flush(struct tty_reply *tr, unsigned char *keys);
int	 tty_reply_bg_is_dark(const struct tty_reply_answer *ans);

/* tty-osc.c */
char	*tty_base64_encode(const char *s, size_t len, size_t *outlen);
char	*tty_osc52_create(const char *s, size_t len, size_t *outlen);

#endif
