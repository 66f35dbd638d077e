/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc.h: the document model of a record.
 * A record is its clean text (struct input_text) plus what was recognised in it: navigation
 * chrome removed, metadata (region, country, title, date), blocks as byte ranges of the text,
 * and the outline tree.  Blocks keep offsets into the text, never copies of lines.
 * Never includes curses, never prints, never exits. */
#ifndef KIROKU_DOC_H
#define KIROKU_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "input.h"

/* The seven regions of the world-map line, in its order; DOC_REGION_NONE is "その他". */
enum doc_region {
	DOC_REGION_ASIA,		/* アジア */
	DOC_REGION_NORTH_AMERICA,	/* 北米 */
	DOC_REGION_LATIN_AMERICA,	/* 中南米 */
	DOC_REGION_EUROPE,		/* 欧州(NIS諸国を含む) */
	DOC_REGION_OCEANIA,		/* 大洋州 */
	DOC_REGION_MIDDLE_EAST,		/* 中東 */
	DOC_REGION_AFRICA,		/* アフリカ */
	DOC_REGION_NONE,		/* no known region: the tab その他 */
	DOC_REGION_COUNT
};

enum doc_block_kind {
	DOC_BLOCK_TITLE,	/* the record's title */
	DOC_BLOCK_DATE,		/* the date line under the title */
	DOC_BLOCK_HEADING,	/* a section title: 1.総論, 【ポイント】, （１）朝鮮半島, # Markdown */
	DOC_BLOCK_PARAGRAPH,	/* ordinary text */
	DOC_BLOCK_BULLET,	/* an item with a bullet marker: • ・ ※ - … */
	DOC_BLOCK_NUMBERED,	/* a paragraph that starts with a number: (1)今次会談は… */
	DOC_BLOCK_MENU,		/* page furniture: a site-menu row, a breadcrumb, a section name */
	DOC_BLOCK_CAPTION	/* page furniture: a photo caption, an image gallery's line */
};

/* What a line of a record's head is by itself (doc-head.c). */
enum doc_head_kind {
	DOC_HEAD_BLANK,
	DOC_HEAD_REGION,	/* a region or a country of the table, alone */
	DOC_HEAD_MAP,		/* the world-map line, 世界地図 alone or a row of region names */
	DOC_HEAD_MENU,		/* a row of site menus, a breadcrumb, a lone breadcrumb word */
	DOC_HEAD_DATE,		/* a date line */
	DOC_HEAD_CAPTION,	/* a caption by its marks: (写真)…, …(写真提供:…) */
	DOC_HEAD_GALLERY,	/* a gallery's bullet: • 画像1 */
	DOC_HEAD_FORM,		/* a heading, numbered item or bullet: the body has begun */
	DOC_HEAD_SHORT,		/* a short line of text: a title, a section name, a caption */
	DOC_HEAD_LONG		/* a paragraph: the lead */
};

/* What a line of the head is in the record (doc_head_roles()). */
enum doc_head_role {
	DOC_ROLE_BLANK,
	DOC_ROLE_CHROME,	/* navigation turned into tabs and keys: not a block */
	DOC_ROLE_REGION,	/* the region or country line: not a block */
	DOC_ROLE_MENU,		/* a DOC_BLOCK_MENU block */
	DOC_ROLE_TITLE,		/* a DOC_BLOCK_TITLE block */
	DOC_ROLE_DATE,		/* the DOC_BLOCK_DATE block */
	DOC_ROLE_CAPTION,	/* a DOC_BLOCK_CAPTION block */
	DOC_ROLE_BODY		/* parsed as the body */
};

/* Where a record's title came from. */
enum doc_title_from {
	DOC_TITLE_NONE,		/* no title */
	DOC_TITLE_LINE,		/* its title line */
	DOC_TITLE_MEETING,	/* the meeting the lead reports (no title line) */
	DOC_TITLE_CAPTION,	/* a caption that names the meeting (no title line) */
	DOC_TITLE_LEAD		/* the lead's first words (no title line) */
};

/* Where a record's region came from. */
enum doc_region_from {
	DOC_REGION_FROM_NONE,
	DOC_REGION_FROM_REGION_LINE,	/* a line naming the region */
	DOC_REGION_FROM_COUNTRY_LINE,	/* a line naming a country of content/regions.tsv */
	DOC_REGION_FROM_TEXT		/* inferred from the title and the lead */
};

/* The head of a record while it is read: its first lines, up to the lead. */
#define DOC_HEAD_MAX	64		/* lines, blank ones included */
#define DOC_HEAD_LEAD_MAX	4096	/* bytes of the lead read for a title and a region */
struct doc_head_line {
	size_t	off;		/* byte offset of the line in the text */
	size_t	len;		/* bytes, without the LF */
	int	kind;		/* enum doc_head_kind */
	int	in_gallery;	/* 1: a caption line under a gallery's bullet */
};
struct doc_head {
	struct doc_head_line line[DOC_HEAD_MAX];
	size_t	n;		/* lines held */
	int	date;		/* index of the date line, -1 if none yet */
	int	shorts;		/* short text lines before the date */
	int	after;		/* caption lines after the date */
	int	header;		/* a region, country or menu line came before any text */
	int	gallery;	/* indent (bytes) of the gallery bullet being read, -1 if none */
	size_t	map_off;	/* offset of the world-map line being read, (size_t)-1 if none */
};

/* One block: one non-blank source line of the body (chrome and blank lines are not blocks),
 * or, when the text was hard-wrapped (doc-reflow.c), the run of source lines one paragraph
 * was folded into: then joined is 1 and every LF inside [off, off + len) is a soft break
 * (the LF and the spaces or TABs after it), shown as nothing between Japanese characters
 * and as one space between Latin words (doc_reflow_break_space()).
 * marker_len is lexical (CJK-LAYOUT.md rule 7, indentation included) and set whatever the
 * kind, so a look-alike paragraph such as "2.5%の…" hangs under "2." too; for headings and
 * numbered items it also covers forms rule 7 lacks ("第1　", "1 ", "a) ").
 * 16 bytes (a 300 MB record has a million blocks): the fields are bit-fields, so they
 * read as before but have no address.  A marker or Markdown prefix longer than 255 bytes
 * is not one.  A line longer than DOC_PIECE_LEN bytes is cut into several blocks (near
 * a break opportunity, else where a character starts): the first classified as the line,
 * the others paragraphs going on from it, so that no block is expensive to lay out. */
#define DOC_PIECE_LEN		(64 * 1024)		/* bytes in one block, about */
#define DOC_PIECE_SLACK		4096			/* bytes looked back for a break */
#define DOC_BLOCK_OFF_MAX	((UINT64_C(1) << 43) - 1)	/* last offset a block may have */
#define DOC_BLOCK_SHORT_MAX	255			/* largest skip and marker_len */
#define DOC_BLOCKS_MAX		(UINT32_MAX - 1)	/* blocks in one record */
struct doc_block {
	uint64_t off : 43;		/* byte offset of the line in the text */
	uint64_t joined : 1;		/* 1 if it spans several source lines joined by soft breaks */
	uint64_t skip : 8;		/* leading bytes not shown (Markdown "## "), 0 usually */
	uint64_t marker_len : 8;	/* bytes from off+skip through the list marker and the spaces after it, 0 if none */
	uint64_t kind : 3;		/* enum doc_block_kind (all 8 values used) */
	uint64_t blank_before : 1;	/* 1 if blank lines separate it from the previous block; 0 for the first */
	uint32_t len;			/* bytes of the line (of all its lines if joined), without the last LF */
	int32_t	 section;		/* index of the innermost outline entry it belongs to, -1 before the first */
};

/* The numbering forms of official documents, outermost first. */
enum doc_level {
	DOC_LEVEL_BRACKET,	/* 【ポイント】 */
	DOC_LEVEL_DAI,		/* 第1 第一 */
	DOC_LEVEL_NUM,		/* 1. １． 1、 1 ⒈ */
	DOC_LEVEL_PAREN_NUM,	/* (1) （１） ⑴ 1) １） ㈠ */
	DOC_LEVEL_KANA,		/* ア イ ウ */
	DOC_LEVEL_PAREN_KANA,	/* (ア) （イ） */
	DOC_LEVEL_LATIN,	/* a. b) ｃ． */
	DOC_LEVEL_PAREN_LATIN,	/* (a) （ｂ） */
	DOC_LEVEL_CIRCLED,	/* ① ② */
	DOC_LEVEL_MARKDOWN	/* # … ###### (depth from the number of #) */
};

/* One outline entry: a heading, or a numbered paragraph under its heading.  16 bytes. */
struct doc_section {
	uint32_t block;		/* index of its block in d->blocks */
	int32_t	 parent;	/* index of the enclosing entry, -1 at the top */
	uint32_t num_len;	/* bytes from the shown text's start (indent included) through the number and its separator; 0 for 【…】 and # */
	uint8_t	 depth;		/* 0 outermost, as --outline indents it */
	uint8_t	 level;		/* enum doc_level: the numbering form that opened it */
	uint8_t	 is_heading;	/* 1: a heading; 0: a numbered paragraph */
};

/* The level stack that gives outline entries their depth, kept while a record loads. */
#define DOC_OUTLINE_MAX_DEPTH	32	/* deeper entries become siblings of the deepest */
struct doc_outline {
	size_t	 stack[DOC_OUTLINE_MAX_DEPTH];	/* open entries, outermost first */
	int	 ranks[DOC_OUTLINE_MAX_DEPTH];	/* their ranks */
	size_t	 n;		/* entries open */
	size_t	 done;		/* entries given their depth so far */
	int	 top;		/* outermost level of a numbered heading so far, -1 if none */
	size_t	 brackets;	/* 【…】 entries so far */
};

struct doc_date {
	int	year;		/* Gregorian year, 0 if the record has no date */
	int	month;		/* 1-12 */
	int	day;		/* 1-31 */
};

/* A record may be loaded in steps: doc_open(), then doc_load_more() until it returns 0.
 * Meanwhile nblocks and nsections only grow and what they cover never changes, except that
 * depth and parent of entries already there are computed again (outline_changes goes up)
 * when a numbered heading of an outer form than any before follows a 【…】 title (its
 * rank depends on them).  The arrays may be reallocated by a step: index them, never keep
 * pointers into them or into text.buf across doc_load_more().  Region, country, title and
 * date appear when their lines are parsed (title is "" until then).  With reflow on, the
 * first body lines appear once doc-reflow.c has judged them, and in a hard-wrapped record
 * a paragraph when the line after it shows where it ends. */
struct doc_parse;
struct doc {
	char		*path;		/* as given on the command line, "(stdin)" for standard input */
	char		*name;		/* base name for display */
	struct input_text text;		/* the clean text; blocks point into it */
	enum doc_region	 region;	/* DOC_REGION_NONE if unknown */
	char		*country;	/* the country named on the first line, or NULL */
	size_t		 title_block;	/* index of the DOC_BLOCK_TITLE block, or (size_t)-1 */
	char		*title;		/* title text (a copy, for lists), "" if none */
	enum doc_title_from title_from;	/* where the title came from */
	enum doc_region_from region_from;	/* where the region came from */
	size_t		 nmenus;	/* DOC_BLOCK_MENU blocks */
	size_t		 ncaptions;	/* DOC_BLOCK_CAPTION blocks */
	size_t		 nimages;	/* of them, gallery bullets (画像1 …) */
	char		*date_text;	/* the date as written, or NULL */
	struct doc_date	 date;		/* the date, year 0 if none */
	struct doc_block *blocks;	/* owned; in source order */
	size_t		 nblocks;
	struct doc_section *sections;	/* owned; in source order */
	size_t		 nsections;
	int		 complete;	/* 1 when all of the text is in and parsed */
	char		*load_error;	/* why the text stopped early (one line), or NULL */
	unsigned	 outline_changes;	/* counts re-nestings of entries already published */
	struct doc_parse *parse;	/* the parse while loading (doc-parse.c), or NULL */
};

/* doc-parse.c */
struct doc	*doc_create(const char *path, const char *encoding, char **cause);
struct doc	*doc_create_from_text(const char *path, struct input_text *t);
struct doc	*doc_open(const char *path, const char *encoding, char **cause);
struct doc	*doc_open_text(const char *path, struct input_text *t);
int		 doc_load_more(struct doc *d, size_t budget);
void		 doc_free(struct doc *d);
const char	*doc_block_text(const struct doc *d, size_t block, size_t *len);
size_t		 doc_block_at_off(const struct doc *d, size_t off);
const struct doc_block *doc_block_showing(const struct doc *d, size_t off, size_t len,
		     size_t *hint);

/* doc-heading.c */
uint32_t	 doc_utf8_next(const char *s, size_t len, size_t *n);
int		 doc_cp_is_space(uint32_t cp);
size_t		 doc_space_len(const char *s, size_t len);
const char	*doc_trim(const char *s, size_t *len);
int		 doc_heading_match(const char *s, size_t len, enum doc_level *level,
		     size_t *num_len, size_t *marker_len);
int		 doc_bullet_match(const char *s, size_t len, size_t *marker_len);
size_t		 doc_marker_len(const char *s, size_t len);
int		 doc_heading_is_title_like(const char *s, size_t len);
int		 doc_heading_bracket(const char *s, size_t len);
int		 doc_heading_markdown(const char *s, size_t len, int *hashes, size_t *skip);

/* doc-date.c */
int		 doc_date_parse(const char *s, size_t len, struct doc_date *date,
		     size_t *date_off, size_t *date_len);
int		 doc_date_valid(int year, int month, int day);
void		 doc_date_iso(const struct doc_date *date, char buf[11]);

/* doc-region.c */
const char	*doc_region_name(enum doc_region r);
enum doc_region	 doc_region_from_name(const char *s, size_t len);
int		 doc_region_load_countries(const char *path, char **cause);
void		 doc_region_free_countries(void);
enum doc_region	 doc_region_from_country(const char *s, size_t len);
int		 doc_region_names_count(const char *s, size_t len, size_t *bars);
int		 doc_region_is_world_map(const char *s, size_t len);
int		 doc_region_is_back_link(const char *s, size_t len);
enum doc_region	 doc_region_country_prefix(const char *s, size_t len, size_t *name_len);
void		 doc_region_country_shortest(const char *s, size_t len, size_t *name_len);
int		 doc_region_is_world_map_start(const char *s, size_t len);

/* doc-head.c */
int		 doc_head_classify(const char *s, size_t len);
int		 doc_head_caption_marked(const char *s, size_t len);
int		 doc_head_gallery_bullet(const char *s, size_t len);
void		 doc_head_init(struct doc_head *h);
int		 doc_head_add(struct doc_head *h, const char *buf, size_t off, size_t len);
void		 doc_head_roles(const struct doc_head *h, const char *buf, int complete,
		     int *roles);
char		*doc_head_title_derive(const struct doc_head *h, const char *buf,
		     const int *roles, const char *lead, size_t lead_len,
		     enum doc_title_from *from);
enum doc_region	 doc_head_region_infer(const char *title, size_t title_len,
		     const char *lead, size_t lead_len);
char		*doc_head_title_with_country(const char *title, const char *country);
int		 doc_block_is_furniture(const struct doc_block *b);

/* doc-reflow.c */
/* What the hard-wrap test knows of one source line (widths as the folding program counted
 * them: East Asian Wide and Fullwidth 2 columns, others 1). */
struct doc_reflow_line {
	int	 cols;		/* display columns, trailing spaces excluded */
	int	 indent_cols;	/* columns of leading ASCII spaces */
	int	 first_cols;	/* columns of its first unit: a wide character or a narrow word */
	int	 word_cols;	/* columns of the narrow word it ends with, 0 if none */
	unsigned first_narrow : 1;	/* its text starts with a narrow non-space character */
	unsigned last_narrow : 1;	/* it ends with a narrow non-space character */
	unsigned ends_sentence : 1;	/* it ends with 。 ． . ！ ？ ! ? ： : (a closing bracket after) */
	unsigned table : 1;	/* a table row: interior runs of spaces, a TAB, | ｜ or box drawing */
	unsigned para_indent : 1;	/* it starts with U+3000 or a TAB: a paragraph's first line */
	unsigned marker : 1;	/* it starts like a heading, a numbered or a bulleted item */
	unsigned marker_spaced : 1;	/* and a space follows the marker */
};
#define DOC_REFLOW_MIN_COLS	20	/* narrower lines are never taken for hard-wrapped */
#define DOC_REFLOW_MAX_COLS	160	/* nor is text folded wider */
/* One line break seen while learning the wrap width: the line before it is cols wide and
 * the next line's first unit (with the space a join would put before it) would have made
 * it need columns: a fold at W made this break if cols <= W < need. */
struct doc_reflow_pair {
	int	 cols;		/* display columns of the line before the break */
	int	 need;		/* cols plus the space and first unit of the line after it */
	int	 ends_sentence;	/* the line before it ends a sentence: weak evidence */
};
void		 doc_reflow_set(int on);
int		 doc_reflow_get(void);
size_t		 doc_reflow_break_len(const char *s, size_t len);
int		 doc_reflow_break_space(const char *text, size_t start, size_t end, size_t nl);
size_t		 doc_reflow_copy(const char *text, size_t off, size_t len, char *out);
void		 doc_reflow_line_scan(const char *s, size_t len, struct doc_reflow_line *rl);
int		 doc_reflow_continues(const struct doc_reflow_line *prev,
		     const struct doc_reflow_line *next, int wrap_cols, int hang_cols);
int		 doc_reflow_pair_make(const struct doc_reflow_line *prev,
		     const struct doc_reflow_line *next, struct doc_reflow_pair *pair);
int		 doc_reflow_learn(const struct doc_reflow_pair *pairs, size_t n);
int		 doc_reflow_cols(const char *s, size_t len);
int		 doc_reflow_starts_closed(const char *s, size_t len);

/* doc-outline.c */
void		 doc_outline_init(struct doc_outline *o);
void		 doc_outline_add(struct doc *d, struct doc_outline *o, size_t section);
size_t		 doc_section_at_block(const struct doc *d, size_t block);
int		 doc_section_next(const struct doc *d, size_t block);
int		 doc_section_prev(const struct doc *d, size_t block);
const char	*doc_section_text(const struct doc *d, size_t section, size_t *len);
const char	*doc_section_label(const struct doc *d, size_t section, size_t *len,
		     size_t *num_len);
char		*doc_section_label_copy(const struct doc *d, size_t section, size_t *len,
		     size_t *num_len);
char		*doc_section_source(const struct doc *d, size_t section, size_t *len);

#endif
