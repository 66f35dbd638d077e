/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tty-reply.c: the terminal's replies told apart from keys, one byte at a time.
 * A reply may come at any moment (a second late over a slow link), between any two keys;
 * held bytes are given back as keys, in order, as soon as they cannot be a reply.
 * Owns no I/O and never blocks: the caller decides how long a lone ESC may be held. */
#include "config.h"

#include <string.h>

#include "tty.h"

/* Where a held run of bytes stands. */
enum tty_reply_match {
	TTY_REPLY_NO,		/* not a reply: the bytes are keys */
	TTY_REPLY_PREFIX,	/* may still become a reply */
	TTY_REPLY_YES		/* a whole reply */
};

/* Start with nothing held and no question open. */
void
tty_reply_init(struct tty_reply *tr)
{
	memset(tr, 0, sizeof *tr);
}

/* Note that a question was sent whose answer is of this kind. */
void
tty_reply_expect(struct tty_reply *tr, enum tty_reply_kind kind)
{
	if (kind == TTY_REPLY_CPR)
		tr->want_cpr++;
	else if (kind == TTY_REPLY_BG)
		tr->want_bg++;
}

/* Return 1 while bytes are held that may be the start of a reply. */
int
tty_reply_waiting(const struct tty_reply *tr)
{
	return tr->nheld > 0;
}

/* Match s[0, n) against ESC [ row ; col R; sets *row and *col when whole. */
static enum tty_reply_match
tty_reply_match_cpr(const unsigned char *s, size_t n, int *row, int *col)
{
	size_t i = 2;
	int v[2] = { 0, 0 }, k, digits;

	if (n >= 2 && s[1] != '[')
		return TTY_REPLY_NO;
	for (k = 0; k < 2; k++) {
		digits = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (++digits > 5)
				return TTY_REPLY_NO;
			v[k] = v[k] * 10 + (s[i] - '0');
			i++;
		}
		if (i == n)
			return TTY_REPLY_PREFIX;
		if (digits == 0 || s[i] != (k == 0 ? ';' : 'R'))
			return TTY_REPLY_NO;
		i++;
	}
	if (i != n)
		return TTY_REPLY_NO;
	*row = v[0];
	*col = v[1];
	return TTY_REPLY_YES;
}

/* Return the value of hex digit c, or -1. */
static int
tty_reply_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse "rgb:R/G/B" (1 to 4 hex digits each, as XParseColor has them) into 16-bit values;
 * returns 1 if it is one. */
static int
tty_reply_rgb(const unsigned char *s, size_t n, unsigned v[3])
{
	size_t i = 4;
	int k, digits, h;

	if (n < 4 || memcmp(s, "rgb:", 4) != 0)
		return 0;
	for (k = 0; k < 3; k++) {
		v[k] = 0;
		for (digits = 0; i < n && (h = tty_reply_hex(s[i])) >= 0; digits++, i++) {
			if (digits == 4)
				return 0;
			v[k] = v[k] * 16 + (unsigned)h;
		}
		if (digits == 0)
			return 0;
		/* Scale 1 to 4 digits to 16 bits: f -> ffff, ff -> ffff, fff -> ffff. */
		v[k] = v[k] * 65535 / ((1u << (4 * digits)) - 1);
		if (k < 2) {
			if (i == n || s[i] != '/')
				return 0;
			i++;
		}
	}
	return i == n;
}

/* Match s[0, n) against ESC ] 11 ; TEXT (BEL or ESC \); fills ans when whole. */
static enum tty_reply_match
tty_reply_match_bg(const unsigned char *s, size_t n, struct tty_reply_answer *ans)
{
	static const char head[] = "\033]11;";
	size_t i, hl = sizeof head - 1, end;
	unsigned v[3];

	for (i = 1; i < n && i < hl; i++) {
		if (s[i] != (unsigned char)head[i])
			return TTY_REPLY_NO;
	}
	if (n <= hl)
		return TTY_REPLY_PREFIX;
	for (i = hl; i < n; i++) {
		if (s[i] == '\a' || s[i] == '\033')
			break;
		if (s[i] < 0x20 || s[i] > 0x7e)
			return TTY_REPLY_NO;
	}
	if (i == n)
		return TTY_REPLY_PREFIX;
	end = i;
	if (s[i] == '\033') {
		if (i + 1 == n)
			return TTY_REPLY_PREFIX;
		if (s[i + 1] != '\\')
			return TTY_REPLY_NO;
		i++;
	}
	if (i + 1 != n)
		return TTY_REPLY_NO;
	memset(ans, 0, sizeof *ans);
	ans->kind = TTY_REPLY_BG;
	if (tty_reply_rgb(s + hl, end - hl, v)) {
		ans->rgb_ok = 1;
		ans->r = v[0];
		ans->g = v[1];
		ans->b = v[2];
	}
	return TTY_REPLY_YES;
}

/* Give the held bytes back as keys: copies them to keys (TTY_REPLY_MAX bytes at least)
 * and returns how many.  Called when the rest of a reply is too long in coming (a lone ESC
 * typed by the reader). */
size_t
tty_reply_flush(struct tty_reply *tr, unsigned char *keys)
{
	size_t n = tr->nheld;

	memcpy(keys, tr->held, n);
	tr->nheld = 0;
	return n;
}

/* Take one byte from the terminal.  Returns TTY_REPLY_CPR or TTY_REPLY_BG with *ans set
 * when it ends a reply (its bytes are dropped), else TTY_REPLY_NONE; either way keys (room
 * for TTY_REPLY_MAX + 1 bytes) gets *nkeys bytes to pass on as keys, in order: none while
 * the byte may still be part of a reply. */
enum tty_reply_kind
tty_reply_feed(struct tty_reply *tr, unsigned char c, unsigned char *keys, size_t *nkeys,
    struct tty_reply_answer *ans)
{
	enum tty_reply_match cpr = TTY_REPLY_NO, bg = TTY_REPLY_NO;
	enum tty_reply_kind kind;
	struct tty_reply_answer a;
	size_t n, more;
	int row = 0, col = 0;

	*nkeys = 0;
	if (tr->nheld == 0 && (c != '\033' || (tr->want_cpr == 0 && tr->want_bg == 0))) {
		keys[(*nkeys)++] = c;
		return TTY_REPLY_NONE;
	}
	if (tr->nheld == sizeof tr->held) {
		/* Too long for any reply taken: the held bytes are keys; c starts afresh. */
		n = tty_reply_flush(tr, keys);
		kind = tty_reply_feed(tr, c, keys + n, &more, ans);
		*nkeys = n + more;
		return kind;
	}
	tr->held[tr->nheld++] = c;
	if (tr->want_cpr > 0)
		cpr = tty_reply_match_cpr(tr->held, tr->nheld, &row, &col);
	if (tr->want_bg > 0)
		bg = tty_reply_match_bg(tr->held, tr->nheld, &a);
	if (cpr == TTY_REPLY_YES) {
		tr->nheld = 0;
		tr->want_cpr--;
		memset(ans, 0, sizeof *ans);
		ans->kind = TTY_REPLY_CPR;
		ans->row = row;
		ans->col = col;
		return TTY_REPLY_CPR;
	}
	if (bg == TTY_REPLY_YES) {
		tr->nheld = 0;
		tr->want_bg--;
		*ans = a;
		return TTY_REPLY_BG;
	}
	if (cpr == TTY_REPLY_PREFIX || bg == TTY_REPLY_PREFIX)
		return TTY_REPLY_NONE;
	/* Not a reply.  The last byte may be an ESC that starts one: keep it back. */
	tr->nheld--;
	*nkeys = tty_reply_flush(tr, keys);
	if (c == '\033') {
		tr->held[tr->nheld++] = c;
		return TTY_REPLY_NONE;
	}
	keys[(*nkeys)++] = c;
	return TTY_REPLY_NONE;
}

/* Return 1 if a background colour report names a dark colour (relative luminance below
 * one half), 0 if light or not understood. */
int
tty_reply_bg_is_dark(const struct tty_reply_answer *ans)
{
	unsigned long y;

	if (ans->kind != TTY_REPLY_BG || !ans->rgb_ok)
		return 0;
	/* Rec. 709 weights in thousandths, on 16-bit values. */
	y = (2126UL * ans->r + 7152UL * ans->g + 722UL * ans->b) / 10000UL;
	return y < 32768UL;
}
