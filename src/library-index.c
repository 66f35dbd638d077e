/* library-index.c: XXX: placeholder until its layer lands. */
typedef int kiroku_placeholder_library_index;
