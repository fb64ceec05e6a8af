/* Internal: every allocation libgrp makes goes through these, so that the
 * allocator hooks (and the fault-injection tests) see all of them. */
#ifndef GRP_UTIL_ALLOC_H
#define GRP_UTIL_ALLOC_H

#include <stddef.h>

void *grp__malloc(size_t size);
void *grp__calloc(size_t count, size_t size);
void *grp__realloc(void *ptr, size_t size);
void grp__free(void *ptr);

/* Copy of s (NULL stays NULL: check s before treating NULL as failure). */
char *grp__strdup(const char *s);
char *grp__strndup(const char *s, size_t n);

/* Number of live allocations made through the hooks (tests use it to
 * prove that nothing leaks). */
long grp__alloc_live(void);

#endif
