/**
 * @file libgrp/common.h
 * @brief Types shared by every libgrp module: ids, dates, instants, string
 *        arrays, the export macro and the allocator hooks.
 *
 * @par Threading model
 * libgrp keeps no global mutable state except the allocator hooks (set once,
 * before first use) and the per-thread last error. A ::grp_store handle and
 * every object or iterator obtained from it must be used by one thread at a
 * time; several threads may each open their own handle on the same file.
 * Objects returned through an `out` parameter are independent snapshots that
 * own their memory: they stay readable after their store is closed.
 */
#ifndef LIBGRP_COMMON_H
#define LIBGRP_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a function exported from the shared library. */
#if defined(GRP_STATIC)
#  define GRP_API
#elif defined(_WIN32)
#  if defined(GRP_BUILDING_LIBRARY)
#    define GRP_API __declspec(dllexport)
#  else
#    define GRP_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define GRP_API __attribute__((visibility("default")))
#else
#  define GRP_API
#endif

/** Row identifier of any stored entity. Positive; 0 means "none". */
typedef int64_t grp_id;

/**
 * A civil (calendar) date in the proleptic Gregorian calendar, with no time
 * zone. The zero value {0, 0, 0} means "no date" (see grp_date_is_set()).
 * Valid years are 1..9999.
 */
typedef struct grp_date {
    int year;  /**< 1..9999 */
    int month; /**< 1..12 */
    int day;   /**< 1..31, valid for the month */
} grp_date;

/** A local civil date and time of day, with no time zone. */
typedef struct grp_datetime {
    int year;   /**< 1..9999 */
    int month;  /**< 1..12 */
    int day;    /**< 1..31 */
    int hour;   /**< 0..23 */
    int minute; /**< 0..59 */
    int second; /**< 0..59 (leap seconds are not represented) */
} grp_datetime;

/** An instant: seconds since 1970-01-01T00:00:00Z, leap seconds ignored. */
typedef int64_t grp_time;

/**
 * A list of strings returned by libgrp. Free the contents with
 * grp_strarray_dispose(); the struct itself is the caller's.
 */
typedef struct grp_strarray {
    char **strings; /**< `count` NUL-terminated UTF-8 strings */
    size_t count;   /**< number of strings */
} grp_strarray;

/**
 * Free the strings of @p array and reset it to {NULL, 0}. NULL-safe.
 * @param array the array whose strings to free (the struct itself is not freed), or NULL
 * @since 0.1
 */
GRP_API void grp_strarray_dispose(grp_strarray *array);

/**
 * Free memory that libgrp returned to the caller as a plain buffer (strings
 * from the *_format and export functions). NULL-safe.
 * @param ptr memory returned by libgrp, or NULL
 * @since 0.1
 */
GRP_API void grp_free(void *ptr);

/**
 * Custom allocation functions for libgrp's own allocations (SQLite and cJSON
 * keep their own allocators). Each receives the @c payload given here.
 * @c malloc_fn must return NULL on failure; @c realloc_fn follows realloc()
 * semantics; @c free_fn accepts NULL.
 */
typedef struct grp_allocator {
    void *(*malloc_fn)(size_t size, void *payload);            /**< allocate @c size bytes; NULL on failure */
    void *(*realloc_fn)(void *ptr, size_t size, void *payload); /**< as realloc() */
    void (*free_fn)(void *ptr, void *payload);                  /**< free @c ptr; accepts NULL */
    void *payload;                                              /**< passed to each function */
} grp_allocator;

/**
 * Install allocator hooks, or restore the C library's with NULL.
 *
 * Call before any other libgrp function; the hooks are process-wide.
 * @param allocator hooks to copy; NULL restores malloc/realloc/free.
 * @return 0; GRP_EINVAL if a function pointer is NULL; GRP_EBUSY if memory
 *         allocated by libgrp is still live (it must be freed by the
 *         allocator that made it).
 * @since 0.1
 */
GRP_API int grp_set_allocator(const grp_allocator *allocator);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_COMMON_H */
