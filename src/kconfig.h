/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kconfig.h: reading the configuration file and the KIROKU variable (config.c).
 * (Not config.h: that name is configure's.)  Never includes curses. */
#ifndef KIROKU_KCONFIG_H
#define KIROKU_KCONFIG_H

#include <stddef.h>

/* Words split from the KIROKU variable, NULL-terminated: an argv for getopt. */
struct config_words {
	char	**words;	/* owned, nwords strings and a NULL */
	size_t	  nwords;
};

/* Called for each setting of the file; returns NULL, or why the line is bad (allocated). */
typedef char *config_setting_fn(void *arg, const char *name, const char *value, long line);
/* Called for a bad line of the file, with its number. */
typedef void config_bad_fn(void *arg, const char *path, long line, const char *why);

/* config.c */
char	*config_path_default(void);
int	 config_file_read(const char *path, config_setting_fn *fn, config_bad_fn *bad,
	    void *arg, char **cause);
int	 config_words_split(const char *s, const char *first, struct config_words *cw,
	    char **cause);
void	 config_words_clear(struct config_words *cw);

#endif
