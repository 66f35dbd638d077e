/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tty-osc.c: operating system commands kiroku sends: OSC 52, which puts text on the
 * clipboard of the terminal the reader sits at (through ssh and tmux too).
 * Builds bytes only; the pager writes them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tty.h"
#include "xmalloc.h"

/* Return s[0, len) in base64 (RFC 4648, with padding), NUL-terminated, its length in
 * *outlen; the caller frees it. */
char *
tty_base64_encode(const char *s, size_t len, size_t *outlen)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	size_t i, o = 0;
	unsigned long v;
	char *out;

	out = xmalloc((len + 2) / 3 * 4 + 1);
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)u[i] << 16 | (unsigned long)u[i + 1] << 8 | u[i + 2];
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = tab[v >> 6 & 63];
		out[o++] = tab[v & 63];
	}
	if (i < len) {
		v = (unsigned long)u[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)u[i + 1] << 8;
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = i + 1 < len ? tab[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Return the OSC 52 sequence that sets the clipboard to s[0, len): ESC ] 52 ; c ; BASE64
 * BEL, NUL-terminated, its length in *outlen; the caller frees it. */
char *
tty_osc52_create(const char *s, size_t len, size_t *outlen)
{
	size_t n;
	char *b64, *out;

	b64 = tty_base64_encode(s, len, &n);
	out = xmalloc(n + 9);
	memcpy(out, "\033]52;c;", 7);
	memcpy(out + 7, b64, n);
	out[7 + n] = '\a';
	out[8 + n] = '\0';
	*outlen = n + 8;
	free(b64);
	return out;
}
