/* library-state.c: XXX: placeholder until its layer lands. */
typedef int kiroku_placeholder_library_state;
