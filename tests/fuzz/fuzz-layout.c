/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-layout.c: the layout under libFuzzer.  The first byte picks the width (1-12 or
 * 1-128), the second the kinsoku mode (bit 3 loose, else bit 0 strict), hanging punctuation
 * and the Ambiguous width; the rest is a record.  Every visual line must fit the width (but
 * one cluster wider than it), emit pieces whose columns add up to its own and that hold no
 * control, cover its block's text in order with only spaces dropped, and be found again by
 * layout_find_off. */
#include "config.h"

#include "fuzz.h"

/* What the emit callback saw of one line. */
struct fuzz_emit {
	const struct layout_line *ll;
	int	cols;		/* display columns emitted so far */
	size_t	next_off;	/* byte offset the next piece from the text may start at */
};

/* Check one emitted piece: visible, in order within its line. */
static void
fuzz_layout_piece(void *arg, const char *s, size_t len, int cols, size_t off)
{
	struct fuzz_emit	*fe = arg;

	fuzz_check(cols >= 0);
	fuzz_check(fuzz_visible_safe(s, len));
	if (off != LAYOUT_NO_OFF) {
		fuzz_check(off >= fe->next_off);
		fuzz_check(off < fe->ll->off + fe->ll->len);
		fe->next_off = off + 1;
	} else
		fuzz_check(fe->next_off == fe->ll->off);	/* indentation comes first */
	fe->cols += cols;
}

/* Return 1 if the bytes [off, end) of the text are all ASCII spaces (or soft breaks, LF, in a
 * block joined from hard-wrapped lines). */
static int
fuzz_layout_spaces(const char *text, size_t off, size_t end, int joined)
{
	for (; off < end; off++) {
		if (text[off] != ' ' && !(joined && text[off] == '\n'))
			return (0);
	}
	return (1);
}

/* Return 1 if the blocks [from, to) may be left out of the layout: page furniture, not
 * shown unless furniture is 1. */
static int
fuzz_layout_hidden(const struct doc *d, size_t from, size_t to, int furniture)
{
	for (; from < to; from++) {
		if (furniture || !doc_block_is_furniture(&d->blocks[from]))
			return (0);
	}
	return (1);
}

/* Check every visual line of lo, laid out with page furniture shown if furniture is 1. */
static void
fuzz_layout_check(const struct doc *d, const struct layout *lo, int width, int furniture)
{
	const char			*text = d->text.buf;
	const struct layout_line	*ll, *prev = NULL;
	const struct doc_block		*b;
	struct fuzz_emit		 fe;
	size_t				 i, j, off, step, start, end, block = 0, found, k;

	for (i = 0; i < lo->nlines; i++) {
		ll = &lo->lines[i];
		fuzz_check(ll->off + ll->len <= d->text.len);
		fuzz_check(ll->indent >= 0 && ll->cols >= ll->indent);

		/* The width holds, but for one cluster wider than it. */
		if (ll->cols > width)
			fuzz_check(ll->len > 0 && layout_cluster_next(text + ll->off, ll->len, 0) ==
			    ll->len && layout_width(text + ll->off, ll->len) > width - ll->indent);

		memset(&fe, 0, sizeof fe);
		fe.ll = ll;
		fe.next_off = ll->off;
		layout_line_emit(text, ll, fuzz_layout_piece, &fe);
		fuzz_check(fe.cols == ll->cols);

		if (ll->kind == LAYOUT_LINE_BLANK) {
			fuzz_check(ll->block == LAYOUT_NO_BLOCK && ll->len == 0);
			fuzz_check(i > 0 && i + 1 < lo->nlines);
			fuzz_check(lo->lines[i + 1].block != LAYOUT_NO_BLOCK);
			continue;
		}

		/* Blocks come in order, each from the start of its shown text; within a block
		 * only spaces are dropped between lines. */
		fuzz_check(ll->block < d->nblocks && ll->block >= block);
		b = &d->blocks[ll->block];
		start = b->off + b->skip;
		end = b->off + b->len;
		if (prev == NULL || prev->block != ll->block) {
			fuzz_check(ll->first == 1);
			fuzz_check(ll->off == start);
			if (prev != NULL)
				fuzz_check(ll->block > prev->block && fuzz_layout_hidden(d,
				    prev->block + 1, ll->block, furniture));
			else
				fuzz_check(fuzz_layout_hidden(d, 0, ll->block, furniture));
		} else {
			fuzz_check(ll->first == 0);
			fuzz_check(ll->off >= prev->off + prev->len);
			fuzz_check(fuzz_layout_spaces(text, prev->off + prev->len, ll->off, b->joined));
			fuzz_check(ll->len > 0);
		}
		fuzz_check(ll->off >= start && ll->off + ll->len <= end);
		if (i + 1 == lo->nlines || lo->lines[i + 1].block != ll->block)
			fuzz_check(fuzz_layout_spaces(text, ll->off + ll->len, end, b->joined));
		block = ll->block;
		prev = ll;
	}
	fuzz_check(prev != NULL ? fuzz_layout_hidden(d, prev->block + 1, d->nblocks, furniture) :
	    fuzz_layout_hidden(d, 0, d->nblocks, furniture));

	/* layout_find_off: the line showing an offset, else a later line.  Lines do not
	 * overlap and come in order, so the only one that can show off is the last one
	 * starting at or before it (j, moved forward as off grows). */
	step = d->text.len / 4096 + 1;
	for (off = 0, j = 0; off <= d->text.len; off += step) {
		found = layout_find_off(lo, off);
		if (lo->nlines == 0) {
			fuzz_check(found == 0);
			continue;
		}
		fuzz_check(found < lo->nlines);
		while (j + 1 < lo->nlines && lo->lines[j + 1].off <= off)
			j++;
		ll = &lo->lines[j];
		if (ll->off <= off && off < ll->off + ll->len)
			fuzz_check(found == j);
		else if (ll->off <= off && ll->block != LAYOUT_NO_BLOCK &&
		    off < d->blocks[ll->block].off + d->blocks[ll->block].len) {
			/* A space dropped at a soft break (or trailing spaces that make no
			 * line): the next line shown after it, the last line if none. */
			k = j + 1;
			while (k < lo->nlines && lo->lines[k].kind == LAYOUT_LINE_BLANK)
				k++;
			fuzz_check(found == (k < lo->nlines ? k : lo->nlines - 1) ||
			    (k >= lo->nlines && found == j));
		} else
			fuzz_check(lo->lines[found].off >= off || found == lo->nlines - 1);
	}
	for (block = 0; block < d->nblocks; block++) {
		found = layout_find_block(lo, block);
		if (fuzz_layout_hidden(d, block, block + 1, furniture)) {
			/* not laid out: the next line shown after it */
			fuzz_check(lo->nlines == 0 || (found < lo->nlines &&
			    (lo->lines[found].block > block || found == lo->nlines - 1)));
			continue;
		}
		fuzz_check(found < lo->nlines && lo->lines[found].block == block &&
		    lo->lines[found].first);
	}
}

/* Return the index of the first line of whole from block at on (hidden page furniture makes
 * no line, so that may be a later block's), or its line count if there is none. */
static size_t
fuzz_layout_first_from(const struct layout *whole, size_t at)
{
	size_t	i;

	for (i = 0; i < whole->nlines; i++) {
		if (whole->lines[i].block != LAYOUT_NO_BLOCK && whole->lines[i].block >= at)
			return (i);
	}
	return (whole->nlines);
}

/* Check layout_text_visible, which --meta and --outline print through, on the title. */
static void
fuzz_layout_visible(const struct doc *d, int width)
{
	char	*v;
	int	 cols;

	v = layout_text_visible(d->title, strlen(d->title), width, &cols);
	fuzz_check(fuzz_visible_safe(v, strlen(v)));
	fuzz_check(cols <= width && cols == layout_width(v, strlen(v)));
	free(v);
	v = layout_text_visible(d->title, strlen(d->title), -1, &cols);
	fuzz_check(fuzz_visible_safe(v, strlen(v)));
	free(v);
}

/* A window of the layout, reset at block `at`, grown up and down by `step` lines and
 * trimmed, always holds a run of the whole layout's lines, numbered by first_line. */
static void
fuzz_layout_window(const struct doc *d, const struct layout *whole, size_t at, size_t step)
{
	struct layout	*lo;
	size_t		 base, i, n;
	int		 up;

	lo = layout_window_create(d, &whole->opts);
	at = d->nblocks > 0 ? at % (d->nblocks + 1) : 0;
	layout_window_reset(lo, at);
	base = fuzz_layout_first_from(whole, at);
	if (base > 0 && base < whole->nlines && whole->lines[base - 1].kind == LAYOUT_LINE_BLANK)
		base--;
	/* Up to the start, then down to the end, trimming the front as it goes. */
	for (up = 1;;) {
		fuzz_check(base + lo->nlines <= whole->nlines);
		for (i = 0; i < lo->nlines; i++)
			fuzz_check(memcmp(&lo->lines[i], &whole->lines[base + i],
			    sizeof lo->lines[i]) == 0);
		if (up && (n = layout_window_up(lo, step)) > 0) {
			fuzz_check(n <= base);
			base -= n;
			continue;
		}
		up = 0;
		if (layout_window_down(lo, step) == 0)
			break;
		base += layout_window_trim(lo, lo->nlines / 2, lo->nlines);
	}
	fuzz_check(layout_window_at_end(lo) && lo->first_block <= d->nblocks);
	fuzz_check(base + lo->nlines == whole->nlines);
	layout_free(lo);
}

/* The libFuzzer entry point: one input. */
int
FUZZ_ENTRY(layout)(const uint8_t *data, size_t size)
{
	struct input_text	 t;
	struct layout_opts	 o;
	struct layout		*lo;
	struct doc		*d;
	char			*cause;

	fuzz_setup();
	if (size < 2)
		return (0);
	memset(&o, 0, sizeof o);
	o.cols = data[0] < 0x80 ? 1 + data[0] % 12 : 1 + (data[0] - 0x80);
	o.kinsoku = (data[1] & 8) ? LAYOUT_KINSOKU_LOOSE :
	    (data[1] & 1) ? LAYOUT_KINSOKU_STRICT : LAYOUT_KINSOKU_NORMAL;
	o.hang = (data[1] & 2) == 0;
	o.furniture = (data[1] & 16) != 0;
	layout_width_set_ambiguous((data[1] & 4) ? 2 : 1);
	if (input_text_from_bytes(&t, (const char *)data + 2, size - 2, "UTF-8", &cause) != 0) {
		free(cause);
		return (0);
	}
	fuzz_text_exact(&t);
	d = doc_create_from_text("fuzz.txt", &t);
	lo = layout_create(d, &o);
	fuzz_layout_check(d, lo, o.cols, o.furniture);
	fuzz_layout_visible(d, o.cols);
	fuzz_layout_window(d, lo, size * 7 + data[size - 1], 1 + data[size / 2] % 64);
	layout_free(lo);
	doc_free(d);
	return (0);
}
