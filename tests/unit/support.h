/* Shared helpers for the cmocka unit tests. */
#ifndef GRP_TEST_SUPPORT_H
#define GRP_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libgrp.h>

/* Assert that a libgrp call succeeded; on failure print the library's
 * message so the cause is in the test log. */
#define grp_assert_ok(expr) grp_test__assert_rc((expr), 0, #expr, __FILE__, __LINE__)
/* Assert an exact result code. */
#define grp_assert_rc(expr, code) grp_test__assert_rc((expr), (code), #expr, __FILE__, __LINE__)

void grp_test__assert_rc(int rc, int expected, const char *expr, const char *file, int line);

/* Assert that the last error message contains needle. */
#define grp_assert_msg_contains(needle) grp_test__assert_msg((needle), __FILE__, __LINE__)
void grp_test__assert_msg(const char *needle, const char *file, int line);

/* A growing NUL-terminated string; p is NULL until the first add. Free p
 * with free(). Running out of memory fails the test. */
typedef struct grp_test_buf {
    char *p;
    size_t len, cap;
} grp_test_buf;
void grp_test_buf_add(grp_test_buf *b, const char *s, size_t n);
void grp_test_buf_str(grp_test_buf *b, const char *s);

/* Shorthand for a date literal. */
grp_date D(int y, int m, int d);

/* A fresh temporary directory path (caller frees with free()). */
char *grp_test_tmpdir(void);
/* Remove a directory tree made by grp_test_tmpdir. */
void grp_test_rmtree(const char *dir);

#endif
