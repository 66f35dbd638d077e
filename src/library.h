/* SPDX-License-Identifier: GPL-3.0-or-later */
/* library.h: a set of records.
 * Turns the operands (files, directories, "-") into an ordered list of record paths, finds
 * the bundled content/ directory, indexes the records by region from the head of each file,
 * and remembers reading positions and marks in the state file.  Never includes curses,
 * never prints, never exits. */
#ifndef KIROKU_LIBRARY_H
#define KIROKU_LIBRARY_H

#include <stddef.h>

#include "doc.h"

/* A list of record paths in a stable order: operands as given, directories expanded in
 * byte order of their names. */
struct library_paths {
	char	**paths;	/* owned, npaths strings */
	size_t	 *name_off;	/* owned, npaths: byte offset in the path of the name shown
				 * (past the directory given), or LIBRARY_NAME_BASE */
	size_t	  npaths;
	size_t	  alloc;
};

#define LIBRARY_NAME_BASE	((size_t)-1)	/* library_paths.name_off: the base name */

/* Called for an operand or directory entry that cannot be used; cause is the reason. */
typedef void library_error_fn(void *arg, const char *path, const char *cause);

/* library-scan.c */
void	 library_paths_init(struct library_paths *lp);
void	 library_paths_clear(struct library_paths *lp);
int	 library_paths_add(struct library_paths *lp, const char *operand,
	    library_error_fn *err, void *arg);
const char *library_content_dir(void);
const char *library_locale_dir(void);

/* One record of the library, as far as the index needs it. */
struct library_entry {
	char		*path;		/* owned copy of the record path ("-" for standard input) */
	const char	*name;		/* name for display: points into path (the base name, or the
					 * path under the directory given), or "(stdin)" */
	enum doc_region	 region;	/* DOC_REGION_NONE if unknown or not read */
	char		*country;	/* owned: the country named on the first line, or NULL */
	char		*title;		/* owned: the title, "" if none */
	struct doc_date	 date;		/* year 0 if undated */
	char		 iso[11];	/* the date as YYYY-MM-DD, "" if undated */
	char		*error;		/* owned: why the record could not be read, or NULL */
	int		 flags;		/* LIBRARY_ENTRY_* */
};

/* library_entry.flags */
#define LIBRARY_ENTRY_INDEXED	0x01	/* metadata read (or an error set) */
#define LIBRARY_ENTRY_STREAM	0x02	/* standard input, a pipe or a device: its head cannot
					 * be read without consuming it; the caller loads it whole
					 * and passes the doc to library_entry_update() */

/* The records given, and per region the indices of its indexed entries, newest first
 * (undated last; equal dates by title, then by path).  Owns its entries. */
struct library {
	struct library_entry *entries;	/* owned, nentries, in the order of the paths */
	size_t	  nentries;
	size_t	  nindexed;		/* entries with LIBRARY_ENTRY_INDEXED, for progress */
	size_t	 *region[DOC_REGION_COUNT];	/* owned: entry indices, newest first */
	size_t	  count[DOC_REGION_COUNT];	/* entries in each region array */
	char	 *encoding;		/* owned: the encoding records are read in, NULL for auto */
	struct library_pins *pins;	/* owned, private to library-index.c */
};

/* What is read of a record to index it: LIBRARY_HEAD_LEN bytes; of them, the first
 * LIBRARY_HEAD_LINES lines, at most LIBRARY_META_LEN bytes (through an LF), are parsed
 * for the metadata (region and country lines, world-map line, title, date and the blank
 * lines between); the encoding is detected on the first LIBRARY_DETECT_LEN of those. */
#define LIBRARY_HEAD_LEN	12288
#define LIBRARY_META_LEN	8192	/* a page's head: site menus, captions and its lead */
#define LIBRARY_DETECT_LEN	1024
#define LIBRARY_HEAD_LINES	72	/* more than DOC_HEAD_MAX */

/* library-index.c */
struct library	*library_create(const struct library_paths *lp, const char *encoding);
size_t		 library_index_some(struct library *lib, size_t max);
void		 library_index_all(struct library *lib);
void		 library_entry_update(struct library *lib, size_t i, const struct doc *d);
void		 library_entry_set_error(struct library *lib, size_t i, const char *cause);
int		 library_region_find(const struct library *lib, enum doc_region r, size_t i);
void		 library_free(struct library *lib);

/* Marks are 'a' to 'z'. */
#define LIBRARY_STATE_NMARKS	26
/* An unset position or mark. */
#define LIBRARY_STATE_NONE	((size_t)-1)
/* Entries kept in the state file: the most recently used. */
#define LIBRARY_STATE_MAX	1000

/* library_state_load() flags */
#define LIBRARY_STATE_READONLY	0x01	/* secure mode: library_state_save() writes nothing */

/* library-state.c */
struct library_state *library_state_load(const char *dir, int flags, char **cause);
int		 library_state_get(struct library_state *st, const char *path,
		     const char *fingerprint, size_t *pos, size_t marks[LIBRARY_STATE_NMARKS]);
void		 library_state_set(struct library_state *st, const char *path,
		     const char *fingerprint, size_t pos,
		     const size_t marks[LIBRARY_STATE_NMARKS]);
int		 library_state_save(struct library_state *st, char **cause);
size_t		 library_state_count(const struct library_state *st);
void		 library_state_free(struct library_state *st);
char		*library_state_fingerprint(const char *buf, size_t len);
char		*library_state_dir_default(char **cause);
int		 library_state_mkdirs(const char *dir);

/* library-terms.c */
int		 library_terms_get(const char *dir, const char *term);
int		 library_terms_set(const char *dir, const char *term, int ambiguous);

#endif
