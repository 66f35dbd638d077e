/* doc-parse.c: XXX: placeholder until its layer lands. */
typedef int kiroku_placeholder_doc_parse;
