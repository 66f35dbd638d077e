/* library.h: a set of records.
 * Turns the operands (files, directories, "-") into an ordered list of record paths and
 * finds the bundled content/ directory.  Never includes curses, never prints, never exits. */
#ifndef KIROKU_LIBRARY_H
#define KIROKU_LIBRARY_H

#include <stddef.h>

/* A list of record paths in a stable order: operands as given, directories expanded in
 * byte order of their names. */
struct library_paths {
	char	**paths;	/* owned, npaths strings */
	size_t	  npaths;
	size_t	  alloc;
};

/* Called for an operand or directory entry that cannot be used; cause is the reason. */
typedef void library_error_fn(void *arg, const char *path, const char *cause);

/* library-scan.c */
void	 library_paths_init(struct library_paths *lp);
void	 library_paths_clear(struct library_paths *lp);
int	 library_paths_add(struct library_paths *lp, const char *operand,
	    library_error_fn *err, void *arg);
const char *library_content_dir(void);

#endif
