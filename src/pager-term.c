/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-term.c: the terminal under the pager: locale fallback, the ambiguous-width probe,
 * signals, starting and restoring curses, and reading keys without spinning.
 * Owns the only signal handlers and the curses session; draws nothing itself. */
#include "config.h"

#include <sys/types.h>
#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "kcurses.h"
#include "layout.h"
#include "library.h"
#include "nls.h"
#include "pager.h"
#include "tty.h"
#include "xmalloc.h"
/* Last: term.h defines a macro for every capability name (lines, columns, tab …). */
#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif

/* How long an ESC that may start a reply is held before it counts as a key. */
#define PAGER_HOLD_MS		50
/* Bytes moved from the terminal to the key pipe at most in one go. */
#define PAGER_PUMP_MAX		4096
/* Quitting waits at most this long for an answer still to come, and only this long after
 * the question was sent. */
#define PAGER_DRAIN_MS		200
#define PAGER_DRAIN_WINDOW_MS	1000
/* How long curses waits for the rest of an escape sequence. */
#define PAGER_ESCDELAY_MS	100
/* How long after a search a Ctrl-C is still taken as meant for it, seconds. */
#define PAGER_INTR_GRACE_S	1
/* Wake-ups that report input but yield none before the link counts as gone. */
#define PAGER_EOF_LIMIT		3

static volatile sig_atomic_t pager_term_sig;	/* the signal that asked us to leave */
static volatile sig_atomic_t *volatile pager_term_intr; /* SIGINT sets it instead, or NULL */
static struct timespec pager_term_intr_until;	/* SIGINT is ignored until then (monotonic) */
static int	 pager_term_active;		/* curses is running */
static SCREEN	*pager_term_screen;
static FILE	*pager_term_in;			/* the keyboard: stdin or /dev/tty */
static int	 pager_term_infd = -1;
static sigset_t	 pager_term_waitmask;		/* the mask while waiting for input */
static sigset_t	 pager_term_oldmask;		/* the mask before the pager started */
static int	 pager_term_eofs;			/* wake-ups in a row with no input */
static unsigned long pager_term_nkeys;		/* keys read since the pager started */
static char	*pager_term_idle_path;		/* KIROKU_TEST_IDLE_FILE, or NULL */
static char	 pager_term_idle_last[64];	/* the last line written there */
static struct tty_reply pager_term_reply;	/* replies told from keys (tty-reply.c) */
static int	 pager_term_keys_fd = -1;	/* write end of the key pipe curses reads */
static FILE	*pager_term_keys_in;		/* its read end, curses' input */
static int	 pager_term_changed;		/* a reply changed the width or the theme */
static int	 pager_term_bg_dark = -1;	/* the background: 1 dark, 0 light, -1 unknown */
static int	 pager_term_read_bytes;		/* bytes came in since pager_term_eof */
static char	*pager_term_cache_dir;		/* where answers are remembered, or NULL */
static struct timespec pager_term_held_since;	/* when bytes began to be held */
static struct timespec pager_term_asked;	/* when the last question was sent */
static struct termios pager_term_tio;		/* the terminal's modes before the pager */
static int	 pager_term_tio_saved;		/* pager_term_tio holds them */

/* Switch the character type to UTF-8 when the locale's codeset is neither UTF-8 nor EUC-JP
 * (C, POSIX or a missing locale); returns the one-line notice to show, or NULL, and its
 * brief form for a narrow status line in *brief.  C and POSIX are plain ASCII locales,
 * never missing ones.  Main calls it once after setlocale(LC_ALL, ""); pager_run calls it
 * too, so a second call is free. */
const char *
pager_locale_setup(const char **brief)
{
	static int done;
	static char *notice, *short_notice;
	const char *cs, *want;
	char *now;
	int ascii;

	if (done) {
		*brief = short_notice;
		return notice;
	}
	done = 1;
	*brief = NULL;
	cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "EUC-JP") == 0)
		return NULL;

	if ((want = getenv("LC_ALL")) == NULL || *want == '\0') {
		if ((want = getenv("LC_CTYPE")) == NULL || *want == '\0')
			want = getenv("LANG");
	}
	now = xstrdup(setlocale(LC_CTYPE, NULL));
	if (want == NULL || *want == '\0')
		want = now;
	ascii = strcmp(want, "C") == 0 || strcmp(want, "POSIX") == 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL) {
		notice = xasprintf(_("locale %s is not UTF-8 and C.UTF-8 is missing; "
		    "set LANG=ja_JP.UTF-8"), want);
		short_notice = xstrdup(_("no UTF-8 locale: set LANG=ja_JP.UTF-8"));
	} else if (!ascii && strcmp(want, now) != 0 && strcmp(now, "C") == 0) {
		notice = xasprintf(_("locale %s is missing: showing UTF-8; "
		    "install it or set LANG=C.UTF-8"), want);
		short_notice = xstrdup(_("locale missing: set LANG=C.UTF-8"));
	} else {
		notice = xasprintf(_("locale %s is not UTF-8: showing UTF-8; "
		    "set LANG=ja_JP.UTF-8"), want);
		short_notice = xstrdup(_("not UTF-8: set LANG=ja_JP.UTF-8"));
	}
	free(now);
	*brief = short_notice;
	return notice;
}

/* Return the milliseconds elapsed since start. */
static long
pager_term_ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Ask the terminal how wide it draws an East Asian Ambiguous character, without waiting:
 * print "○" at the start of the line, request a cursor position report (its column is 2 or
 * 3) and erase what was printed.  The terminal computes the answer at that point of the
 * output whenever it sends it; pager_term_pump takes it out of the keys when it comes. */
static void
pager_term_ask_ambiguous(void)
{
	char ask[32];
	mbstate_t st;
	size_t n;

	/* ○ in the locale's encoding (UTF-8 or EUC-JP); where it has none, nothing to ask. */
	memset(&st, 0, sizeof st);
	if ((n = wcrtomb(ask + 1, L'\u25cb', &st)) == (size_t)-1 || n > 8)
		return;
	ask[0] = '\r';
	memcpy(ask + 1 + n, "\033[6n\r  \r", 9);
	if (write(STDOUT_FILENO, ask, n + 9) < 0)
		return;
	tty_reply_expect(&pager_term_reply, TTY_REPLY_CPR);
	clock_gettime(CLOCK_MONOTONIC, &pager_term_asked);
}

/* Use amb (1 or 2) as the columns of East Asian Ambiguous characters, for the layout and
 * for curses' placement alike (wcwidth() follows it: layout-width.c). */
static void
pager_term_set_ambiguous(int amb)
{
	layout_width_set_ambiguous(amb);
}

/* Act on a reply taken out of the input: a cursor position report answering the
 * ambiguous-width question sets the width (and asks for a new layout if it changed) and is
 * remembered for this TERM; a background colour report picks the automatic theme. */
static void
pager_term_answer(const struct tty_reply_answer *ans)
{
	int amb;

	if (ans->kind == TTY_REPLY_BG) {
		pager_term_bg_dark = tty_reply_bg_is_dark(ans) ? 1 : 0;
		if (ans->rgb_ok)
			pager_term_changed = 1;
		return;
	}
	if (ans->kind != TTY_REPLY_CPR || (ans->col != 2 && ans->col != 3))
		return;
	amb = ans->col == 3 ? 2 : 1;
	if (pager_term_cache_dir != NULL && getenv("TERM") != NULL)
		library_terms_set(pager_term_cache_dir, getenv("TERM"), amb);
	if (amb == layout_width_get_ambiguous())
		return;
	pager_term_set_ambiguous(amb);
	pager_term_changed = 1;
}

/* Pass keys to curses through the key pipe; a full pipe (64 KiB of keys not yet read)
 * drops the rest rather than block. */
static void
pager_term_keys_put(const unsigned char *keys, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(pager_term_keys_fd, keys, n)) <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return;
		}
		keys += w;
		n -= (size_t)w;
	}
}

/* Read what the terminal has sent, without waiting: replies are taken out and acted on,
 * keys go to curses through the key pipe in the order they came.  Returns the bytes read;
 * 0 when there was nothing, or at end of file. */
static size_t
pager_term_pump(void)
{
	unsigned char buf[256], keys[TTY_REPLY_MAX + 1];
	struct tty_reply_answer ans;
	struct pollfd pfd;
	size_t total = 0, n;
	ssize_t got, i;

	if (pager_term_keys_fd == -1)
		return 0;
	for (;;) {
		pfd.fd = pager_term_infd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & POLLIN))
			break;
		if ((got = read(pager_term_infd, buf, sizeof buf)) <= 0)
			break;
		for (i = 0; i < got; i++) {
			if (tty_reply_feed(&pager_term_reply, buf[i], keys, &n, &ans) !=
			    TTY_REPLY_NONE)
				pager_term_answer(&ans);
			pager_term_keys_put(keys, n);
		}
		total += (size_t)got;
		pager_term_read_bytes = 1;
		/* A long paste is passed on in parts, as curses reads them: the key pipe
		 * never fills up. */
		if (got < (ssize_t)sizeof buf || total >= PAGER_PUMP_MAX)
			break;
	}
	if (total > 0 && tty_reply_waiting(&pager_term_reply))
		clock_gettime(CLOCK_MONOTONIC, &pager_term_held_since);
	return total;
}

/* Return 1 once after a reply changed how the screen must be laid out or coloured (the
 * ambiguous width, the background): the pager lays everything out again and repaints. */
int
pager_term_changed_take(void)
{
	int c = pager_term_changed;

	pager_term_changed = 0;
	return c;
}

/* Return 1 if the terminal said its background is dark, 0 light, -1 not known. */
int
pager_term_background_dark(void)
{
	return pager_term_bg_dark;
}

/* Note the signal; the input loop sees it when ppoll returns.  SIGWINCH only wakes ppoll
 * (the loop reads the size itself: pager_term_size_sync); SIGINT only cancels while a
 * search asked for it (pager_term_intr_catch), and is dropped just after one. */
static void
pager_term_on_signal(int sig)
{
	struct timespec now;

	if (sig == SIGWINCH)
		return;
	if (sig == SIGINT && pager_term_intr != NULL) {
		*pager_term_intr = 1;
		return;
	}
	/* SIGTERM or SIGHUP during a long search: stop it too, so the pager leaves now. */
	if (sig != SIGINT && sig != SIGWINCH && pager_term_intr != NULL)
		*pager_term_intr = 1;
	if (sig == SIGINT && pager_term_intr_until.tv_sec != 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);	/* async-signal-safe */
		if (now.tv_sec < pager_term_intr_until.tv_sec ||
		    (now.tv_sec == pager_term_intr_until.tv_sec &&
		    now.tv_nsec < pager_term_intr_until.tv_nsec))
			return;
	}
	pager_term_sig = sig;
}

/* From now on SIGINT sets *flag instead of ending the pager (the search prompt and a search
 * being run); NULL: it ends the pager again, but not in the first second, so a Ctrl-C
 * meant for a search that has just ended does not end the pager.  Called with SIGINT
 * blocked (outside ppoll and pager_term_intr_allow), so the handler never sees half a
 * change. */
void
pager_term_intr_catch(volatile sig_atomic_t *flag)
{
	if (flag == NULL && pager_term_intr != NULL) {
		clock_gettime(CLOCK_MONOTONIC, &pager_term_intr_until);
		pager_term_intr_until.tv_sec += PAGER_INTR_GRACE_S;
	}
	pager_term_intr = flag;
}

/* Let SIGINT, SIGTERM and SIGHUP in at once (on: around a long search, so Ctrl-C can stop
 * it and the other two end the pager without waiting for it) or only while waiting for
 * input again (off). */
void
pager_term_intr_allow(int on)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(on ? SIG_UNBLOCK : SIG_BLOCK, &set, NULL);
}

/* The thread that watches the keyboard during a long search (pager_term_watch_start). */
static struct {
	pthread_t	 thread;
	int		 on;		/* the thread runs */
	int		 pipe[2];	/* a byte here tells it to end */
	volatile sig_atomic_t *flag;
} pager_term_watch = { .pipe = { -1, -1 } };

/* The watching thread: sets the flag to PAGER_TERM_CANCEL_KEY (unless it is set already)
 * as soon as the keyboard has input, and ends then or when told to. */
static void *
pager_term_watch_main(void *arg)
{
	struct pollfd pfd[3];

	(void)arg;
	pfd[0].fd = pager_term_infd;
	pfd[0].events = POLLIN;
	pfd[1].fd = pager_term_watch.pipe[0];
	pfd[1].events = POLLIN;
	/* Keys already taken from the terminal but not yet read by curses count too.
	 * XXX: an answer of the terminal coming during the search stops it as a key would. */
	pfd[2].fd = pager_term_keys_in != NULL ? fileno(pager_term_keys_in) : -1;
	pfd[2].events = POLLIN;
	while (poll(pfd, 3, -1) == -1 && errno == EINTR)
		;
	if (((pfd[0].revents | pfd[2].revents) & (POLLIN | POLLHUP | POLLERR)) &&
	    !(pfd[1].revents & POLLIN) && *pager_term_watch.flag == 0)
		*pager_term_watch.flag = PAGER_TERM_CANCEL_KEY;
	return NULL;
}

/* During a long search: set *flag to PAGER_TERM_CANCEL_KEY when a key is typed, so that
 * the search stops and the main loop takes the key at once (within a chunk of the scan,
 * not at its end).  Curses keeps no key read ahead, so a key waiting is in the
 * terminal's queue or in the key pipe.  Without a thread, keys wait for the scan as before. */
void
pager_term_watch_start(volatile sig_atomic_t *flag)
{
	if (pager_term_infd == -1 || pager_term_watch.on)
		return;
	if (pager_term_watch.pipe[0] == -1) {
		if (pipe(pager_term_watch.pipe) != 0) {
			pager_term_watch.pipe[0] = pager_term_watch.pipe[1] = -1;
			return;
		}
		fcntl(pager_term_watch.pipe[0], F_SETFD, FD_CLOEXEC);
		fcntl(pager_term_watch.pipe[1], F_SETFD, FD_CLOEXEC);
		fcntl(pager_term_watch.pipe[0], F_SETFL, O_NONBLOCK);
	}
	pager_term_watch.flag = flag;
	if (xthread_start(&pager_term_watch.thread, pager_term_watch_main, NULL) == 0)
		pager_term_watch.on = 1;
}

/* Stop watching the keyboard (the search ended) and wait for the thread. */
void
pager_term_watch_stop(void)
{
	char c = 0;

	if (!pager_term_watch.on)
		return;
	if (write(pager_term_watch.pipe[1], &c, 1) != 1)
		pthread_cancel(pager_term_watch.thread);	/* XXX: cannot happen */
	pthread_join(pager_term_watch.thread, NULL);
	while (read(pager_term_watch.pipe[0], &c, 1) == 1)
		;
	pager_term_watch.on = 0;
}

/* Put the terminal back as it was: leave the alternate screen, show the cursor, turn the
 * mouse off.  Safe to call twice and from the fatal hook. */
static void
pager_term_restore(void)
{
	if (!pager_term_active)
		return;
	pager_term_active = 0;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	fflush(stdout);
	if (pager_term_tio_saved)
		tcsetattr(pager_term_infd, TCSADRAIN, &pager_term_tio);
}

/* Return 1 if the terminal reports mouse events and turning them on does no harm: a kmous
 * capability, and not the Linux console or a vt100 (which have no xterm mouse). */
static int
pager_term_mouse_ok(void)
{
	const char *term = getenv("TERM");
	char *kmous = tigetstr("kmous");

	if (kmous == NULL || kmous == (char *)-1 || *kmous == '\0')
		return 0;
	if (term == NULL || strncmp(term, "linux", 5) == 0 || strncmp(term, "vt", 2) == 0)
		return 0;
	return 1;
}

/* Turn mouse reports on (the wheel scrolls, a click selects) or off (the terminal selects
 * and copies text as usual); returns the new state, 0 when the terminal has no mouse. */
int
pager_term_mouse_set(struct pager *pg, int on)
{
	pg->mouse = 0;
	if (!on || !pager_term_mouse_ok()) {
		mousemask(0, NULL);
		return 0;
	}
	mouseinterval(0);
	if (mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0)
		pg->mouse = 1;
	return pg->mouse;
}

/* Send s[0, len) to the terminal's clipboard with OSC 52 (inside tmux, tmux passes it on
 * when its set-clipboard option allows).  Written at once, beside curses' own output,
 * which it does not disturb: the sequence prints nothing. */
void
pager_term_copy(const char *s, size_t len)
{
	size_t n, done = 0;
	ssize_t w;
	char *seq;

	seq = tty_osc52_create(s, len, &n);
	fflush(stdout);
	while (done < n) {
		if ((w = write(STDOUT_FILENO, seq + done, n - done)) <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			break;
		}
		done += (size_t)w;
	}
	free(seq);
}

/* Return 1 if the terminal on standard output cannot address the cursor: TERM unset,
 * unknown to terminfo, hard-copy, or without cursor addressing (dumb). */
int
pager_term_dumb(void)
{
	const char *term = getenv("TERM");
	char *cup;
	int err = 0, dumb;

	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return 1;
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return 1;
	cup = tigetstr("cup");
	dumb = cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0;
	del_curterm(cur_term);
	return dumb;
}

/* Set the ambiguous width to draw with and ask the terminal for it without waiting (the
 * width given, else the one this kind of terminal answered last time, else 1), then open
 * the key pipe curses reads through pager_term_pump, which takes the terminal's replies
 * out first.  Returns 0, or -1 with a message printed. */
static int
pager_term_ask(struct pager *pg)
{
	struct termios raw;
	char *cause = NULL;
	int amb, keys[2];

	tty_reply_init(&pager_term_reply);
	pager_term_bg_dark = -1;
	pager_term_changed = 0;
	pager_term_cache_dir = NULL;
	if (!pg->po->secure) {
		if ((pager_term_cache_dir = library_state_dir_default(&cause)) == NULL)
			free(cause);
	}
	if ((amb = pg->po->ambiguous) == 0 &&
	    (amb = library_terms_get(pager_term_cache_dir, getenv("TERM"))) == 0)
		amb = 1;
	pager_term_set_ambiguous(amb);
	/* No echo and no line buffering from before the first question: an answer that comes
	 * before curses sets its modes must neither show nor wait for a newline.  The modes
	 * as they were are put back by pager_term_restore (curses would restore these). */
	pager_term_tio_saved = tcgetattr(pager_term_infd, &pager_term_tio) == 0;
	if (pager_term_tio_saved) {
		raw = pager_term_tio;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(pager_term_infd, TCSANOW, &raw);
	}
	if (pg->po->ambiguous == 0 && isatty(STDOUT_FILENO))
		pager_term_ask_ambiguous();

	/* Curses reads keys from a pipe fed by pager_term_pump, which takes the terminal's
	 * replies out first; the terminal's modes are set on the output, as before. */
	if (pipe(keys) != 0) {
		fprintf(stderr, "kiroku: pipe: %s\n", strerror(errno));
		return -1;
	}
	fcntl(keys[0], F_SETFD, FD_CLOEXEC);
	fcntl(keys[1], F_SETFD, FD_CLOEXEC);
	fcntl(keys[1], F_SETFL, O_NONBLOCK);
	pager_term_keys_fd = keys[1];
	if ((pager_term_keys_in = fdopen(keys[0], "r")) == NULL) {
		fprintf(stderr, "kiroku: pipe: %s\n", strerror(errno));
		close(keys[0]);
		return -1;
	}
	return 0;
}

/* Start curses on the terminal (keys from /dev/tty when standard input is the record);
 * returns 0, or -1 with a message printed if there is no terminal to run on. */
int
pager_term_start(struct pager *pg)
{
	struct sigaction sa;
	sigset_t block;
	const char *term;
	int cols;
	char *v;

	if (isatty(STDIN_FILENO)) {
		pager_term_in = stdin;
		pager_term_infd = STDIN_FILENO;
	} else {
		if ((pager_term_in = fopen("/dev/tty", "r")) == NULL) {
			fprintf(stderr, "kiroku: /dev/tty: %s\n", strerror(errno));
			return -1;
		}
		pager_term_infd = fileno(pager_term_in);
		fcntl(pager_term_infd, F_SETFD, FD_CLOEXEC);
	}

	/* Our handlers first: curses leaves a handler alone if one is set. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = pager_term_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* SIGWINCH is ours too, set before newterm reads the size: curses would set its
	 * handler only after that read, and a resize in between would be lost for good. */
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	if (pager_term_ask(pg) != 0) {
		if (pager_term_tio_saved)
			tcsetattr(pager_term_infd, TCSADRAIN, &pager_term_tio);
		return -1;
	}
	if ((pager_term_screen = newterm(NULL, stdout, pager_term_keys_in)) == NULL) {
		/* TERM is shown in its visible form: it may hold anything. */
		term = getenv("TERM") != NULL ? getenv("TERM") : "";
		v = layout_text_visible(term, strlen(term), -1, &cols);
		fprintf(stderr, _("kiroku: cannot start the terminal (TERM=%s)\n"), v);
		free(v);
		if (pager_term_tio_saved)
			tcsetattr(pager_term_infd, TCSADRAIN, &pager_term_tio);
		return -1;
	}
	pager_term_active = 1;
	xmalloc_set_fatal_hook(pager_term_restore);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	idlok(stdscr, TRUE);
	scrollok(stdscr, FALSE);
	curs_set(0);
	leaveok(stdscr, TRUE);	/* no cursor moves at the end of each update: fewer bytes */
	set_escdelay(PAGER_ESCDELAY_MS);

	/* Colours are started for a theme only (pager_render_theme picks them). */
	if (pg->po->color && pg->po->theme != PAGER_THEME_NONE && has_colors() &&
	    start_color() == OK) {
		use_default_colors();
		if (pg->po->theme == PAGER_THEME_AUTO && isatty(STDOUT_FILENO)) {
			/* The background colour, answered whenever it comes. */
			if (write(STDOUT_FILENO, "\033]11;?\033\\", 8) == 8) {
				tty_reply_expect(&pager_term_reply, TTY_REPLY_BG);
				clock_gettime(CLOCK_MONOTONIC, &pager_term_asked);
			}
		}
	}
	pg->mouse = 0;
	if (pg->po->mouse)
		pager_term_mouse_set(pg, 1);

	/* Signals are only delivered inside ppoll, so a resize or hang-up between two
	 * reads is never lost and never interrupts curses halfway through an update. */
	sigemptyset(&block);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &pager_term_oldmask);
	pager_term_waitmask = pager_term_oldmask;
	sigdelset(&pager_term_waitmask, SIGHUP);
	sigdelset(&pager_term_waitmask, SIGTERM);
	sigdelset(&pager_term_waitmask, SIGINT);
	sigdelset(&pager_term_waitmask, SIGWINCH);
	pager_term_eofs = 0;
	pager_term_nkeys = 0;
	pager_term_idle_last[0] = '\0';
	pager_term_idle_path = getenv("KIROKU_TEST_IDLE_FILE");
	if (pager_term_idle_path != NULL && *pager_term_idle_path == '\0')
		pager_term_idle_path = NULL;
	return 0;
}

/* Bring curses to the terminal's size as the kernel has it now; returns 1 if it changed.
 * Called before every layout: SIGWINCH is only let in while waiting for input, so a resize
 * during a draw, a key or the loader's turn wakes the next wait at once, and the size read
 * after the last signal is the one drawn for. */
int
pager_term_size_sync(void)
{
	struct winsize ws;
	int rows, cols;

	if (!pager_term_active || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 ||
	    ws.ws_row == 0 || ws.ws_col == 0)
		return 0;
	getmaxyx(stdscr, rows, cols);
	if (rows == ws.ws_row && cols == ws.ws_col)
		return 0;
	resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);		/* what the terminal shows after a resize is unknown */
	return 1;
}

/* On leaving soon after a question, give its answer a moment to come (PAGER_DRAIN_MS at
 * most, and only in the first PAGER_DRAIN_WINDOW_MS after asking; the answer ends it), so
 * that it reaches the recognizer rather than the shell as typed text.  Keys typed in that
 * moment are dropped. */
static void
pager_term_drain(void)
{
	struct timespec start;
	struct pollfd pfd;
	long left, window;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (pager_term_reply.want_cpr > 0 || pager_term_reply.want_bg > 0) {
		left = PAGER_DRAIN_MS - pager_term_ms_since(&start);
		window = PAGER_DRAIN_WINDOW_MS - pager_term_ms_since(&pager_term_asked);
		if (window < left)
			left = window;
		if (left <= 0)
			return;
		pfd.fd = pager_term_infd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)left) <= 0 || (pfd.revents & (POLLHUP | POLLERR)))
			return;
		if (pager_term_pump() == 0)
			return;
	}
}

/* Restore the terminal and free curses; afterwards a pending fatal error prints plainly. */
void
pager_term_stop(void)
{
	if (pager_term_active && pager_term_sig == 0)
		pager_term_drain();
	pager_term_restore();
	xmalloc_set_fatal_hook(NULL);
	if (pager_term_screen != NULL) {
		delscreen(pager_term_screen);
		pager_term_screen = NULL;
	}
	if (pager_term_in != NULL && pager_term_in != stdin)
		fclose(pager_term_in);
	pager_term_in = NULL;
	pager_term_infd = -1;
	if (pager_term_keys_in != NULL)
		fclose(pager_term_keys_in);
	pager_term_keys_in = NULL;
	if (pager_term_keys_fd != -1)
		close(pager_term_keys_fd);
	pager_term_keys_fd = -1;
	free(pager_term_cache_dir);
	pager_term_cache_dir = NULL;
	if (pager_term_watch.pipe[0] != -1) {
		close(pager_term_watch.pipe[0]);
		close(pager_term_watch.pipe[1]);
		pager_term_watch.pipe[0] = pager_term_watch.pipe[1] = -1;
	}
	sigprocmask(SIG_SETMASK, &pager_term_oldmask, NULL);
}

/* Return the signal that asked the pager to leave, or 0. */
int
pager_term_signal(void)
{
	return pager_term_sig;
}

/* Return the key kiroku knows for curses' function key code (PAGER_KEY_OTHER if none). */
static int
pager_term_key(int code)
{
	switch (code) {
	case KEY_UP:		return PAGER_KEY_UP;
	case KEY_DOWN:		return PAGER_KEY_DOWN;
	case KEY_LEFT:		return PAGER_KEY_LEFT;
	case KEY_RIGHT:		return PAGER_KEY_RIGHT;
	case KEY_PPAGE:		return PAGER_KEY_PAGE_UP;
	case KEY_NPAGE:		return PAGER_KEY_PAGE_DOWN;
	case KEY_HOME:		return PAGER_KEY_HOME;
	case KEY_END:		return PAGER_KEY_END;
	case KEY_ENTER:		return PAGER_KEY_ENTER;
	case KEY_BACKSPACE:	return PAGER_KEY_BACKSPACE;
	case KEY_DC:		return PAGER_KEY_DELETE;
	case KEY_F(1):		return PAGER_KEY_F1;
	case KEY_RESIZE:	return PAGER_KEY_RESIZE;
	case KEY_MOUSE:		return PAGER_KEY_MOUSE;
	default:		return PAGER_KEY_OTHER;
	}
}

/* Read the mouse report that came with KEY_MOUSE into *m. */
static void
pager_term_mouse(struct pager_mouse *m)
{
	MEVENT ev;

	m->what = PAGER_MOUSE_NONE;
	if (getmouse(&ev) != OK)
		return;
	m->y = ev.y;
	m->x = ev.x;
	if (ev.bstate & BUTTON4_PRESSED)
		m->what = PAGER_MOUSE_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		m->what = PAGER_MOUSE_WHEEL_DOWN;
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		m->what = PAGER_MOUSE_CLICK;
}

/* Read one key without waiting: returns 1 with *key set (a character or a PAGER_KEY_*;
 * for PAGER_KEY_MOUSE, *m says what happened), 0 when no input is pending (or the
 * terminal is at end of file). */
int
pager_term_read(int *key, struct pager_mouse *m)
{
	wint_t wc;
	int r;

	if (pager_term_sig != 0)
		return 0;
	if ((r = wget_wch(stdscr, &wc)) == ERR) {
		/* Nothing left in the key pipe: move what the terminal sent into it. */
		if (pager_term_pump() == 0 || (r = wget_wch(stdscr, &wc)) == ERR)
			return 0;
	}
	*key = r == KEY_CODE_YES ? pager_term_key((int)wc) : (int)wc;
	if (*key == PAGER_KEY_MOUSE)
		pager_term_mouse(m);
	if (*key != PAGER_KEY_RESIZE)
		pager_term_nkeys++;
	return 1;
}

/* A hook for the screen tests (KIROKU_TEST_IDLE_FILE): as the pager goes to wait with the
 * screen drawn, put "KEYS ROWS COLS" in the file (keys read so far, the size drawn for), by
 * rename, so a test can wait until every key it sent was answered at the size it set
 * instead of guessing how long that takes.  Rewritten only when the line changes. */
static void
pager_term_idle_report(void)
{
	char line[64], *tmp;
	int rows, cols, fd, ok;
	size_t len;

	if (pager_term_idle_path == NULL)
		return;
	getmaxyx(stdscr, rows, cols);
	snprintf(line, sizeof line, "%lu %d %d\n", pager_term_nkeys, rows, cols);
	if (strcmp(line, pager_term_idle_last) == 0)
		return;
	memcpy(pager_term_idle_last, line, sizeof line);
	tmp = xasprintf("%s.tmp", pager_term_idle_path);
	len = strlen(line);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) >= 0) {
		ok = write(fd, line, len) == (ssize_t)len;
		if (close(fd) != 0 || !ok || rename(tmp, pager_term_idle_path) != 0)
			unlink(tmp);
	}
	free(tmp);
}

/* Sleep until input, a resize or a signal, at most ms milliseconds (-1: no limit, 0: only
 * look), without using any CPU meanwhile; also wake up when fd (a record still streaming
 * in; -1 for none) has something to read or is closed.  Returns 1 when the terminal
 * reported input (or end of file), 0 when a signal such as SIGWINCH woke us, 2 when the
 * time ran out with nothing to read (the library indexes then), 3 when fd woke us and no
 * key is waiting, -1 when the pager must leave (SIGHUP, SIGTERM, SIGINT, or the terminal
 * is gone). */
int
pager_term_wait_fd(int ms, int fd)
{
	unsigned char keys[TTY_REPLY_MAX + 1];
	struct pollfd pfd[2];
	struct timespec ts;
	long left;
	int r, wait, held;

	if (pager_term_sig != 0)
		return -1;
	pager_term_idle_report();
	for (;;) {
		/* An ESC that may begin a reply is held only so long, then it is a key. */
		wait = ms;
		if ((held = tty_reply_waiting(&pager_term_reply))) {
			left = PAGER_HOLD_MS - pager_term_ms_since(&pager_term_held_since);
			if (left <= 0) {
				pager_term_keys_put(keys,
				    tty_reply_flush(&pager_term_reply, keys));
				return 1;
			}
			if (wait < 0 || wait > left)
				wait = (int)left;
		}
		pfd[0].fd = pager_term_infd;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		pfd[1].fd = fd;
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		ts.tv_sec = wait > 0 ? wait / 1000 : 0;
		ts.tv_nsec = wait > 0 ? (long)(wait % 1000) * 1000000L : 0;
		r = ppoll(pfd, fd >= 0 ? 2 : 1, wait < 0 ? NULL : &ts, &pager_term_waitmask);
		if (pager_term_sig != 0)
			return -1;
		if (r == 0 && held && wait != ms)
			continue;
		break;
	}
	if (r == 0 && ms >= 0)
		return 2;
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (pfd[0].revents & (POLLERR | POLLNVAL))
		return -1;
	if ((pfd[0].revents & POLLHUP) && !(pfd[0].revents & POLLIN))
		return -1;
	if (!(pfd[0].revents & POLLIN) && fd >= 0 && pfd[1].revents != 0)
		return 3;
	return 1;
}

/* Count a wake-up that brought no key: returns -1 once read() has said end of file often
 * enough in a row that the link must be gone, else 0.  got: a key did arrive. */
int
pager_term_eof(int got)
{
	if (got || pager_term_read_bytes) {
		/* A reply alone brings no key but shows the link is alive. */
		pager_term_eofs = 0;
		pager_term_read_bytes = 0;
		return 0;
	}
	if (++pager_term_eofs >= PAGER_EOF_LIMIT || !isatty(pager_term_infd))
		return -1;
	return 0;
}
