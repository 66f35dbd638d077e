/* search-match.c: XXX: placeholder until its layer lands. */
typedef int kiroku_placeholder_search_match;
