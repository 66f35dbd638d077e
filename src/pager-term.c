/* pager-term.c: XXX: placeholder until its layer lands. */
typedef int kiroku_placeholder_pager_term;
