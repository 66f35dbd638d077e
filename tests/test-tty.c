/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tty.c: the terminal's replies told from keys (a cursor position report or a
 * background colour whenever it comes, split anywhere, between keys; look-alike keys when
 * no question is open; a lone ESC given back), base64 and OSC 52, and a section's source
 * text as y copies it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "input.h"
#include "tap.h"
#include "tty.h"
#include "xmalloc.h"

/* What feeding a run of bytes gave: the keys passed on and the replies taken. */
struct test_run {
	char	keys[1024];
	size_t	nkeys;
	struct tty_reply_answer ans[8];
	int	nans;
};

/* Feed s[0, len) to tr one byte at a time, collecting keys and replies in run. */
static void
test_feed(struct tty_reply *tr, const char *s, size_t len, struct test_run *run)
{
	unsigned char keys[TTY_REPLY_MAX + 1];
	struct tty_reply_answer a;
	size_t i, n;

	for (i = 0; i < len; i++) {
		if (tty_reply_feed(tr, (unsigned char)s[i], keys, &n, &a) != TTY_REPLY_NONE &&
		    run->nans < 8)
			run->ans[run->nans++] = a;
		memcpy(run->keys + run->nkeys, keys, n);
		run->nkeys += n;
	}
}

/* The reply recognizer. */
static void
test_reply(void)
{
	struct tty_reply tr;
	struct test_run run;
	unsigned char keys[TTY_REPLY_MAX + 1];
	static const char mixed[] = "j\033[24;2RkG";
	static const char arrows[] = "\033[A\033[1;5C\033OP";
	static const char bg[] = "q\033]11;rgb:ffff/ffff/ffff\033\\j";
	static const char bgbel[] = "\033]11;rgb:1e/1e/1e\a";
	size_t n;

	tty_reply_init(&tr);
	memset(&run, 0, sizeof run);
	test_feed(&tr, "\033[24;2R", 7, &run);
	is_mem(run.keys, run.nkeys, "\033[24;2R", "a report with no question open is keys");
	is_int(run.nans, 0, "and no reply is taken");

	tty_reply_init(&tr);
	tty_reply_expect(&tr, TTY_REPLY_CPR);
	memset(&run, 0, sizeof run);
	test_feed(&tr, mixed, sizeof mixed - 1, &run);
	is_mem(run.keys, run.nkeys, "jkG", "keys around a report are kept, in order");
	is_int(run.nans, 1, "the report is taken");
	is_int(run.ans[0].kind, TTY_REPLY_CPR, "as a cursor position report");
	is_int(run.ans[0].row, 24, "its row");
	is_int(run.ans[0].col, 2, "its column");
	is_int(tr.want_cpr, 0, "the question is answered");

	/* A second report after the first was answered is keys again. */
	memset(&run, 0, sizeof run);
	test_feed(&tr, "\033[1;3R", 6, &run);
	is_mem(run.keys, run.nkeys, "\033[1;3R", "a second report to one question is keys");

	tty_reply_init(&tr);
	tty_reply_expect(&tr, TTY_REPLY_CPR);
	memset(&run, 0, sizeof run);
	test_feed(&tr, arrows, sizeof arrows - 1, &run);
	is_mem(run.keys, run.nkeys, arrows,
	    "arrow and function keys pass whole while a report is expected");
	is_int(run.nans, 0, "and are not taken for one");
	test_feed(&tr, "\033[3;3R", 6, &run);
	is_int(run.nans, 1, "the report after them is still taken");
	is_int(run.ans[0].col, 3, "with its column");

	/* An ESC typed alone is held while a reply may follow, then given back. */
	tty_reply_init(&tr);
	tty_reply_expect(&tr, TTY_REPLY_CPR);
	memset(&run, 0, sizeof run);
	test_feed(&tr, "\033", 1, &run);
	is_int(run.nkeys, 0, "a lone ESC is held while a report is expected");
	ok(tty_reply_waiting(&tr), "and the recognizer says it is waiting");
	n = tty_reply_flush(&tr, keys);
	is_mem((char *)keys, n, "\033", "the flush gives it back");
	ok(!tty_reply_waiting(&tr), "and nothing is held after");
	memset(&run, 0, sizeof run);
	test_feed(&tr, "\033\033[5;2R", 7, &run);
	is_mem(run.keys, run.nkeys, "\033", "ESC before a report is a key");
	is_int(run.nans, 1, "and the report after it is taken");

	tty_reply_init(&tr);
	tty_reply_expect(&tr, TTY_REPLY_BG);
	memset(&run, 0, sizeof run);
	test_feed(&tr, bg, sizeof bg - 1, &run);
	is_mem(run.keys, run.nkeys, "qj", "keys around a colour report are kept");
	is_int(run.nans, 1, "the colour report ended by ST is taken");
	ok(run.ans[0].rgb_ok && run.ans[0].r == 65535 && run.ans[0].b == 65535,
	    "white is read as 65535");
	ok(!tty_reply_bg_is_dark(&run.ans[0]), "white is light");
	tty_reply_expect(&tr, TTY_REPLY_BG);
	memset(&run, 0, sizeof run);
	test_feed(&tr, bgbel, sizeof bgbel - 1, &run);
	is_int(run.nans, 1, "the colour report ended by BEL is taken");
	ok(run.ans[0].rgb_ok && run.ans[0].g == 0x1e * 65535 / 255,
	    "two hex digits scale to 16 bits");
	ok(tty_reply_bg_is_dark(&run.ans[0]), "#1e1e1e is dark");

	/* Alt-] followed by keys is keys. */
	tty_reply_init(&tr);
	tty_reply_expect(&tr, TTY_REPLY_BG);
	memset(&run, 0, sizeof run);
	test_feed(&tr, "\033]x", 3, &run);
	is_mem(run.keys, run.nkeys, "\033]x", "ESC ] not followed by 11; is keys");

	/* Split anywhere: byte at a time is what test_feed does; a report longer than any
	 * reply is given back whole. */
	tty_reply_init(&tr);
	tty_reply_expect(&tr, TTY_REPLY_CPR);
	memset(&run, 0, sizeof run);
	test_feed(&tr, "\033[1234567;1R", 12, &run);
	is_mem(run.keys, run.nkeys, "\033[1234567;1R", "a report with a too long number is keys");
	is_int(run.nans, 0, "and is not taken");
}

/* Base64 and OSC 52. */
static void
test_osc(void)
{
	size_t n;
	char *s;

	s = tty_base64_encode("", 0, &n);
	is_str(s, "", "base64 of nothing is empty");
	free(s);
	s = tty_base64_encode("f", 1, &n);
	is_str(s, "Zg==", "base64 of one byte has two pads");
	free(s);
	s = tty_base64_encode("fo", 2, &n);
	is_str(s, "Zm8=", "base64 of two bytes has one pad");
	free(s);
	s = tty_base64_encode("foobar", 6, &n);
	is_str(s, "Zm9vYmFy", "base64 of six bytes has none");
	is_int(n, 8, "and its length");
	free(s);
	s = tty_osc52_create("総論", strlen("総論"), &n);
	is_str(s, "\033]52;c;57eP6KuW\a", "OSC 52 wraps the base64 of the UTF-8 text");
	is_int(n, strlen(s), "its length is returned");
	free(s);
}

/* A section's source text: headings, its numbered paragraphs, blank lines, up to the next
 * section, with no layout. */
static void
test_source(void)
{
	static const char text[] =
	    "題名\n"
	    "1.総論\n"
	    "(1)第一の段落は長い\n"
	    "\n"
	    "(2)第二の段落\n"
	    "2.その他\n"
	    "おわり\n";
	static const char furn[] =
	    "ロシア連邦\n\n平成29年3月20日\n日露外相会談\n"
	    "1.総論\n本文その一。\n\n(写真)両外相の握手\n\n本文その二。\n"
	    "2.その他\nおわり\n";
	static const char want1[] =
	    "1.総論\n(1)第一の段落は長い\n\n(2)第二の段落\n";
	struct input_text t;
	struct doc *d;
	size_t i, len;
	char *s;
	int found = 0;

	if (input_text_from_bytes(&t, text, sizeof text - 1, NULL, &s) != 0) {
		ok(0, "input_text_from_bytes: %s", s);
		free(s);
		return;
	}
	d = doc_create_from_text("mem", &t);
	for (i = 0; i < d->nsections; i++) {
		s = doc_section_source(d, i, &len);
		if (len > 7 && memcmp(s, "1.総論", 7) == 0) {
			is_mem(s, len, want1, "a section's source is its lines and blank lines");
			found = 1;
		} else if (len > 7 && memcmp(s, "2.その他", 7) == 0)
			is_mem(s, len, "2.その他\nおわり\n", "the last section runs to the end");
		free(s);
	}
	ok(found, "the section 1.総論 was found");
	doc_free(d);

	/* A photo caption inside a section is page furniture: not copied. */
	if (input_text_from_bytes(&t, furn, sizeof furn - 1, NULL, &s) != 0) {
		ok(0, "input_text_from_bytes: %s", s);
		free(s);
		return;
	}
	d = doc_create_from_text("mem", &t);
	found = 0;
	for (i = 0; i < d->nblocks; i++)
		found |= doc_block_is_furniture(&d->blocks[i]);
	ok(found, "the caption is taken for furniture");
	for (i = 0; i < d->nsections; i++) {
		s = doc_section_source(d, i, &len);
		if (len > 7 && memcmp(s, "1.総論", 7) == 0)
			is_mem(s, len, "1.総論\n本文その一。\n\n本文その二。\n",
			    "a caption in a section is not copied");
		free(s);
	}
	doc_free(d);
}

int
main(void)
{
	test_reply();
	test_osc();
	test_source();
	return tap_done();
}
