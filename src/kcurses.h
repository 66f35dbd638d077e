/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kcurses.h: the one place that includes curses.  Only pager*.c and main.c include it. */
#ifndef KIROKU_KCURSES_H
#define KIROKU_KCURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#endif
