/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-fake.c: a test double of the renderer and the terminal (pager-render.c and
 * pager-term.c), so tests/test-pager.c can run the pager's screens without a terminal.
 * Cells are kept as UTF-8 strings with their attributes; the "terminal" has no keys of
 * its own (the test hands them to pager_input) and no signals. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "layout.h"
#include "pager.h"
#include "pager-fake.h"

#define FAKE_ROWS	60
#define FAKE_COLS	200

/* One cell: the character drawn there ("" for the right half of a wide one). */
struct fake_cell {
	char	s[16];		/* UTF-8, with the zero-width characters after it */
	int	attr;		/* PAGER_ATTR_* */
};

static struct fake_cell fake_screen[FAKE_ROWS][FAKE_COLS];
static int fake_rows = 30, fake_cols = 100;
static int fake_y, fake_x, fake_attr;
static int fake_flushes;

/* Set the size of the fake screen and clear it. */
void
fake_resize(int rows, int cols)
{
	fake_rows = rows < FAKE_ROWS ? rows : FAKE_ROWS;
	fake_cols = cols < FAKE_COLS ? cols : FAKE_COLS;
	pager_render_erase();
}

/* Return row y of the fake screen as UTF-8 without its trailing spaces; static storage. */
const char *
fake_row(int y)
{
	static char buf[FAKE_COLS * 16 + 1];
	size_t n = 0, len;
	int x;

	buf[0] = '\0';
	if (y < 0 || y >= fake_rows)
		return buf;
	for (x = 0; x < fake_cols; x++) {
		len = strlen(fake_screen[y][x].s);
		memcpy(buf + n, fake_screen[y][x].s, len);
		n += len;
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

/* Return the attributes of the cell at y, x. */
int
fake_attr_at(int y, int x)
{
	if (y < 0 || y >= fake_rows || x < 0 || x >= fake_cols)
		return -1;
	return fake_screen[y][x].attr;
}

/* Return how many updates were sent. */
int
fake_flush_count(void)
{
	return fake_flushes;
}

/* Put s (one character, maybe with marks) in the cell at the cursor and move on by cols. */
static void
fake_put(const char *s, size_t len, int cols)
{
	struct fake_cell *c;

	if (fake_y < 0 || fake_y >= fake_rows)
		return;
	if (cols == 0) {
		/* A zero-width character stays with the cell before it. */
		if (fake_x > 0) {
			c = &fake_screen[fake_y][fake_x - 1];
			if (c->s[0] == '\0' && fake_x > 1)
				c--;
			if (strlen(c->s) + len < sizeof c->s)
				strncat(c->s, s, len);
		}
		return;
	}
	if (fake_x + cols > fake_cols)
		return;
	c = &fake_screen[fake_y][fake_x];
	memcpy(c->s, s, len < sizeof c->s ? len : sizeof c->s - 1);
	c->s[len < sizeof c->s ? len : sizeof c->s - 1] = '\0';
	c->attr = fake_attr;
	if (cols == 2) {
		fake_screen[fake_y][fake_x + 1].s[0] = '\0';
		fake_screen[fake_y][fake_x + 1].attr = fake_attr;
	}
	fake_x += cols;
}

/* As pager-render.c. */
void
pager_render_attr(int a)
{
	fake_attr = a;
}

/* As pager-render.c. */
int
pager_render_attr_get(void)
{
	return fake_attr;
}

/* As pager-render.c. */
void
pager_render_move(int y, int x)
{
	fake_y = y;
	fake_x = x;
}

/* As pager-render.c. */
void
pager_render_char(int c)
{
	char s[2] = { (char)c, '\0' };

	fake_put(s, 1, 1);
}

/* As pager-render.c. */
void
pager_render_spaces(int n)
{
	while (n-- > 0)
		fake_put(" ", 1, 1);
}

/* As pager-render.c. */
void
pager_render_clear_eol(void)
{
	int x;

	for (x = fake_x; fake_y >= 0 && fake_y < fake_rows && x < fake_cols; x++) {
		strcpy(fake_screen[fake_y][x].s, " ");
		fake_screen[fake_y][x].attr = PAGER_ATTR_NORMAL;
	}
}

/* As pager-render.c. */
void
pager_render_erase(void)
{
	int y, x;

	for (y = 0; y < FAKE_ROWS; y++) {
		for (x = 0; x < FAKE_COLS; x++) {
			strcpy(fake_screen[y][x].s, " ");
			fake_screen[y][x].attr = PAGER_ATTR_NORMAL;
		}
	}
}

/* As pager-render.c. */
void
pager_render_vline(int y, int x)
{
	fake_y = y;
	fake_x = x;
	fake_put("│", strlen("│"), 1);
}

/* As pager-render.c, a code point at a time. */
void
pager_render_utf8(int y, int x, const char *s, size_t len)
{
	ucs4_t uc;
	int k;

	fake_y = y;
	fake_x = x;
	while (len > 0 && (k = u8_mbtouc(&uc, (const uint8_t *)s, len)) > 0) {
		fake_put(s, (size_t)k, layout_width_cp(uc));
		s += k;
		len -= (size_t)k;
	}
}

/* As pager-render.c. */
int
pager_render_text(int y, int x, int maxcols, const char *s)
{
	size_t n;
	int cols;

	if (maxcols <= 0)
		return 0;
	n = layout_width_truncate(s, strlen(s), maxcols, &cols);
	pager_render_utf8(y, x, s, n);
	return cols;
}

/* As pager-render.c. */
int
pager_render_untrusted(int y, int x, int maxcols, const char *s, size_t len)
{
	char *v;
	int cols;

	if (maxcols <= 0)
		return 0;
	v = layout_text_visible(s, len, maxcols, &cols);
	cols = pager_render_text(y, x, maxcols, v);
	free(v);
	return cols;
}

/* As pager-render.c. */
void
pager_render_size(int *rows, int *cols)
{
	*rows = fake_rows;
	*cols = fake_cols;
}

/* As pager-render.c: counts the updates. */
void
pager_render_flush(int full)
{
	(void)full;
	fake_flushes++;
}

/* As pager-term.c: the locale is the test's. */
const char *
pager_locale_setup(const char **brief)
{
	*brief = NULL;
	return NULL;
}

/* As pager-term.c: Ambiguous characters one column unless the options say two. */
int
pager_term_start(struct pager *pg)
{
	layout_width_set_ambiguous(pg->po->ambiguous == 2 ? 2 : 1);
	return 0;
}

/* As pager-term.c. */
void
pager_term_stop(void)
{
}

/* As pager-term.c: no keys (the test gives them to pager_input). */
int
pager_term_read(int *key, struct pager_mouse *m)
{
	(void)key;
	(void)m;
	return 0;
}

/* As pager-term.c: the terminal is gone at once. */
int
pager_term_wait_fd(int ms, int fd)
{
	(void)ms;
	(void)fd;
	return -1;
}

/* As pager-term.c. */
int
pager_term_eof(int got)
{
	(void)got;
	return 0;
}

/* As pager-term.c: no signal. */
int
pager_term_signal(void)
{
	return 0;
}

/* As pager-term.c. */
void
pager_term_intr_catch(volatile sig_atomic_t *flag)
{
	(void)flag;
}

/* As pager-term.c. */
void
pager_term_intr_allow(int on)
{
	(void)on;
}

/* As pager-term.c: no keyboard to watch during a search. */
void
pager_term_watch_start(volatile sig_atomic_t *flag)
{
	(void)flag;
}

/* As pager-term.c. */
void
pager_term_watch_stop(void)
{
}

static char	*fake_copied;		/* what pager_term_copy was given last, or NULL */
static size_t	 fake_copied_len;

/* As pager-term.c: keeps what would go to the clipboard, for fake_copy. */
void
pager_term_copy(const char *s, size_t len)
{
	free(fake_copied);
	fake_copied = malloc(len + 1);
	if (fake_copied == NULL)
		abort();
	memcpy(fake_copied, s, len);
	fake_copied[len] = '\0';
	fake_copied_len = len;
}

/* Return what the pager copied last (NULL if nothing) and its length in *len; the caller
 * frees it, and the next call returns NULL until the pager copies again. */
char *
fake_copy(size_t *len)
{
	char *s = fake_copied;

	*len = fake_copied_len;
	fake_copied = NULL;
	return s;
}

/* As pager-term.c: the fake terminal reports the mouse. */
int
pager_term_mouse_set(struct pager *pg, int on)
{
	pg->mouse = on;
	return on;
}

/* As pager-term.c: the fake terminal answers no question. */
int
pager_term_changed_take(void)
{
	return 0;
}

/* As pager-term.c: the background is not known. */
int
pager_term_background_dark(void)
{
	return -1;
}

/* As pager-render.c: colours for the light and dark themes. */
int
pager_render_theme(enum pager_theme t)
{
	return t == PAGER_THEME_LIGHT || t == PAGER_THEME_DARK;
}
