/* Allocator hooks. A live-allocation counter lets grp_set_allocator refuse
 * to swap allocators while memory from the old one is still outstanding. */
#include "util/alloc.h"
#include "util/error.h"
#include "libgrp/common.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static void *default_malloc(size_t size, void *payload)
{
    (void)payload;
    return malloc(size);
}
static void *default_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    return realloc(ptr, size);
}
static void default_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

static grp_allocator current = {default_malloc, default_realloc, default_free, NULL};
static atomic_long live_count;

int grp_set_allocator(const grp_allocator *allocator)
{
    if (allocator && (!allocator->malloc_fn || !allocator->realloc_fn || !allocator->free_fn))
        return grp__error(GRP_EINVAL, "argument 'allocator' has a NULL function pointer");
    if (atomic_load(&live_count) != 0)
        return grp__error(GRP_EBUSY, "%ld allocations made by the current allocator are still live",
                          atomic_load(&live_count));
    if (allocator)
        current = *allocator;
    else {
        current.malloc_fn = default_malloc;
        current.realloc_fn = default_realloc;
        current.free_fn = default_free;
        current.payload = NULL;
    }
    return GRP_OK;
}

void *grp__malloc(size_t size)
{
    void *p = current.malloc_fn(size ? size : 1, current.payload);
    if (p)
        atomic_fetch_add(&live_count, 1);
    return p;
}

void *grp__calloc(size_t count, size_t size)
{
    if (size && count > (size_t)-1 / size)
        return NULL;
    size_t bytes = count * size;
    void *p = grp__malloc(bytes);
    if (p)
        memset(p, 0, bytes > 0 ? bytes : 1);
    return p;
}

void *grp__realloc(void *ptr, size_t size)
{
    if (!ptr)
        return grp__malloc(size);
    return current.realloc_fn(ptr, size ? size : 1, current.payload);
}

void grp__free(void *ptr)
{
    if (!ptr)
        return;
    atomic_fetch_sub(&live_count, 1);
    current.free_fn(ptr, current.payload);
}

char *grp__strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = grp__malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *grp__strdup(const char *s)
{
    return s ? grp__strndup(s, strlen(s)) : NULL;
}

long grp__alloc_live(void)
{
    return atomic_load(&live_count);
}

void grp_free(void *ptr)
{
    grp__free(ptr);
}

void grp_strarray_dispose(grp_strarray *array)
{
    if (!array)
        return;
    for (size_t i = 0; i < array->count; i++)
        grp__free(array->strings ? array->strings[i] : NULL);
    grp__free(array->strings);
    array->strings = NULL;
    array->count = 0;
}
