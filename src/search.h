/* search.h: XXX: placeholder. */
