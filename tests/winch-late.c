/* SPDX-License-Identifier: GPL-3.0-or-later */
/* winch-late.c: an LD_PRELOAD library for tests/screen-resize.sh.  It holds kiroku up at
 * the moment it (or curses) sets its first SIGWINCH handler: it creates the file named by
 * WINCH_LATE_MARK, then waits (at most 5 s) for the file WINCH_LATE_GO before setting the
 * handler.  The test resizes the terminal meanwhile, so the SIGWINCH comes while no
 * handler is set: a program that read the size before that moment and trusts the signal
 * to tell it of any later change draws for the old size for good. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Set a signal's action as libc does, after the hold-up above for the first SIGWINCH
 * handler. */
int
sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	static int (*real)(int, const struct sigaction *, struct sigaction *);
	static int held;
	const char *mark = getenv("WINCH_LATE_MARK"), *go = getenv("WINCH_LATE_GO");
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i, fd;

	if (real == NULL) {
		*(void **)&real = dlsym(RTLD_NEXT, "sigaction");
		if (real == NULL)
			abort();
	}
	if (sig == SIGWINCH && act != NULL && act->sa_handler != SIG_DFL &&
	    act->sa_handler != SIG_IGN && !held && mark != NULL && go != NULL) {
		held = 1;
		if ((fd = open(mark, O_WRONLY | O_CREAT, 0600)) >= 0)
			close(fd);
		for (i = 0; i < 500 && access(go, F_OK) != 0; i++)
			nanosleep(&tick, NULL);
	}
	return real(sig, act, old);
}
