/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nls.h: messages in the user's language (GNU gettext, the C library's).  _() translates a
 * message where it is said; N_() marks one in a static table, translated where it is used.
 * Any layer may include it: it brings no curses.  Without NLS the English text stands. */
#ifndef KIROKU_NLS_H
#define KIROKU_NLS_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#else
#define _(s)		((const char *)(s))
#define gettext(s)	((const char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (const char *)(s) : (const char *)(p))
#define bindtextdomain(d, dir)	((void)(d), (void)(dir))
#define textdomain(d)	((void)(d))
#define bind_textdomain_codeset(d, cs)	((void)(d), (void)(cs))
#endif
#define N_(s)		s

#endif
