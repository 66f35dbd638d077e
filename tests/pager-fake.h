/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pager-fake.h: the test double of the renderer and the terminal (pager-fake.c). */
#ifndef KIROKU_PAGER_FAKE_H
#define KIROKU_PAGER_FAKE_H

#include <stddef.h>

void	 fake_resize(int rows, int cols);
const char *fake_row(int y);
int	 fake_attr_at(int y, int x);
int	 fake_flush_count(void);
char	*fake_copy(size_t *len);

#endif
