/* Internal: setting the thread's last error. */
#ifndef GRP_UTIL_ERROR_H
#define GRP_UTIL_ERROR_H

#include "libgrp/error.h"

/* Record code and a printf-style message in the thread's last error and
 * return code, so that callers can write `return grp__error(GRP_EINVAL, ...)`.
 * The message is truncated to fit a fixed per-thread buffer: recording an
 * error never allocates and so never fails. */
int grp__error(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Record an out-of-memory error (what could not be allocated). */
int grp__error_nomem(const char *what);

/* Shorthand for the common "argument X is NULL" case. */
int grp__error_null(const char *argument);

#endif
