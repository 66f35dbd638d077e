/* input-clean.c: XXX: placeholder until its layer lands. */
typedef int kiroku_placeholder_input_clean;
