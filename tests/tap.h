/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tap.h: a small TAP producer for the unit tests.
 * Each check prints "ok N - name" or "not ok N - name" followed by "# file:line" and the
 * values compared; tap_done() prints the plan and returns the exit status. */
#ifndef KIROKU_TAP_H
#define KIROKU_TAP_H

#include <stddef.h>

#define ok(cond, ...) tap_ok(__FILE__, __LINE__, (cond), __VA_ARGS__)
#define is_int(got, want, ...) tap_is_int(__FILE__, __LINE__, (long long)(got), \
	(long long)(want), __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str(__FILE__, __LINE__, (got), (want), __VA_ARGS__)
#define is_mem(got, gotlen, want, ...) tap_is_mem(__FILE__, __LINE__, (got), (gotlen), \
	(want), __VA_ARGS__)

int	 tap_ok(const char *file, int line, int cond, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
int	 tap_is_int(const char *file, int line, long long got, long long want,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int	 tap_is_str(const char *file, int line, const char *got, const char *want,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int	 tap_is_mem(const char *file, int line, const char *got, size_t gotlen,
	    const char *want, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void	 tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char	*tap_read_file(const char *path, size_t *len);
const char *tap_srcdir(void);
int	 tap_done(void);

#endif
