#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <unistd.h>

void grp_test__assert_rc(int rc, int expected, const char *expr, const char *file, int line)
{
    if (rc != expected) {
        const grp_error *e = grp_error_last();
        print_error("%s:%d: %s returned %d (%s), expected %d (%s); last error: %s\n", file, line,
                    expr, rc, grp_error_name(rc), expected, grp_error_name(expected), e->message);
        _fail(file, line);
    }
}

void grp_test__assert_msg(const char *needle, const char *file, int line)
{
    const char *msg = grp_error_last()->message;
    if (!strstr(msg, needle)) {
        print_error("%s:%d: last error '%s' does not contain '%s'\n", file, line, msg, needle);
        _fail(file, line);
    }
}

void grp_test_buf_add(grp_test_buf *b, const char *s, size_t n)
{
    if (n > SIZE_MAX / 4) /* a caller's length went negative; cmocka's asserts do not return-proof it */
        abort();
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void grp_test_buf_str(grp_test_buf *b, const char *s)
{
    grp_test_buf_add(b, s, strlen(s));
}

grp_date D(int y, int m, int d)
{
    return grp_date_make(y, m, d);
}

char *grp_test_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/grp-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    return dir ? strdup(dir) : NULL;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void grp_test_rmtree(const char *dir)
{
    if (dir)
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
