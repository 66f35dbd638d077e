/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xmalloc.h: allocation that never returns NULL, and the one way threads are started.
 * On failure the fatal hook (set by the pager to restore the terminal) runs, one line is
 * printed and the program exits 1. */
#ifndef KIROKU_XMALLOC_H
#define KIROKU_XMALLOC_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

/* xmalloc.c */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);
void xmalloc_set_fatal_hook(void (*hook)(void));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
int xthread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

#endif
