/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xmalloc.c: allocation wrappers, the one fatal-error exit and thread start.
 * Owns nothing but the hook that restores the terminal before a fatal message. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nls.h"
#include "xmalloc.h"

static void (*fatal_hook)(void);

/* Start a thread running fn(arg) with every signal blocked but those a fault raises
 * (SIGBUS on a mapped file cut short goes to the thread that reads it): the others are for
 * the main thread (the pager waits for SIGWINCH, SIGHUP and SIGTERM in ppoll; SIGTSTP is
 * curses').  Returns 0, or an errno value as pthread_create does. */
int
xthread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t	all, old;
	int		r;

	sigfillset(&all);
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGFPE);
	sigdelset(&all, SIGILL);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (r);
}

/* Set the function that puts the terminal back before a fatal exit (NULL for none). */
void
xmalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Restore the terminal, print "kiroku: message" and exit 1. */
void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook != NULL) {
		void (*hook)(void) = fatal_hook;

		fatal_hook = NULL;
		hook();
	}
	fputs("kiroku: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Return size bytes of new memory; the caller frees it. */
void *
xmalloc(size_t size)
{
	void *p = malloc(size == 0 ? 1 : size);

	if (p == NULL)
		fatal(_("out of memory (%zu bytes)"), size);
	return p;
}

/* Return zeroed memory for nmemb items; the caller frees it. */
void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (p == NULL)
		fatal(_("out of memory (%zu x %zu bytes)"), nmemb, size);
	return p;
}

/* Resize ptr to size bytes; the caller frees the result. */
void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size == 0 ? 1 : size);

	if (p == NULL)
		fatal(_("out of memory (%zu bytes)"), size);
	return p;
}

/* Resize ptr to nmemb items of size bytes, refusing an overflowing product. */
void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal(_("out of memory (%zu x %zu bytes)"), nmemb, size);
	return xrealloc(ptr, nmemb * size);
}

/* Return a copy of s; the caller frees it. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Return a NUL-terminated copy of the first n bytes of s; the caller frees it. */
char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Return a formatted string from a va_list; the caller frees it. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("%s", _("bad format string"));
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

/* Return a formatted string; the caller frees it. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
