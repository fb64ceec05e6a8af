/* Internal: validation of caller-supplied text. */
#ifndef GRP_UTIL_TEXT_H
#define GRP_UTIL_TEXT_H

#include <stddef.h>

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int grp__utf8_valid(const char *s, size_t len);

/* Validate a text argument: NULL is allowed unless required; otherwise it
 * must be 1..max bytes of UTF-8 with no control characters other than tab
 * and newline (when multiline). Sets the error naming `what`. */
int grp__check_text(const char *what, const char *value, size_t max, int required, int multiline);

#endif
