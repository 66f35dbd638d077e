/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tap.c: the TAP producer behind tap.h, and small helpers the unit tests share
 * (reading a fixture, finding the source tree). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int tap_count;
static int tap_failed;

/* Print one diagnostic line behind "# ". */
void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

/* Print the result line of one check; return cond. */
static int
tap_result(const char *file, int line, int cond, const char *fmt, va_list ap)
{
	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	if (!cond) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

/* Check a condition. */
int
tap_ok(const char *file, int line, int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_result(file, line, cond, fmt, ap);
	va_end(ap);
	return cond;
}

/* Check two integers for equality, printing both on failure. */
int
tap_is_int(const char *file, int line, long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	int cond = got == want;

	va_start(ap, fmt);
	tap_result(file, line, cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#          got: %lld\n#     expected: %lld\n", got, want);
	return cond;
}

/* Check two strings for equality (NULL equals only NULL), printing both on failure. */
int
tap_is_str(const char *file, int line, const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int cond;

	if (got == NULL || want == NULL)
		cond = got == want;
	else
		cond = strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_result(file, line, cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#          got: '%s'\n#     expected: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return cond;
}

/* Check a byte range against a string, printing both on failure. */
int
tap_is_mem(const char *file, int line, const char *got, size_t gotlen, const char *want,
    const char *fmt, ...)
{
	va_list ap;
	int cond = got != NULL && strlen(want) == gotlen && memcmp(got, want, gotlen) == 0;

	va_start(ap, fmt);
	tap_result(file, line, cond, fmt, ap);
	va_end(ap);
	if (!cond)
		printf("#          got: '%.*s'\n#     expected: '%s'\n", (int)gotlen,
		    got ? got : "", want);
	return cond;
}

/* Return the top of the source tree ($top_srcdir, else "."). */
const char *
tap_srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s != NULL && *s != '\0' ? s : ".";
}

/* Read a whole file (a path relative to the source tree unless absolute); the caller frees
 * it.  Returns NULL if it cannot be read. */
char *
tap_read_file(const char *path, size_t *len)
{
	char full[4096];
	FILE *f;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (path[0] == '/')
		snprintf(full, sizeof full, "%s", path);
	else
		snprintf(full, sizeof full, "%s/%s", tap_srcdir(), path);
	if ((f = fopen(full, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap * 2 + 65536;
			buf = realloc(buf, cap + 1);
			if (buf == NULL)
				abort();
		}
		got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

/* Print the plan; return the exit status (0: the driver judges by the ok lines). */
int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}
