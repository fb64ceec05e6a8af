/* Error codes, names, messages, version and allocator hooks. */
#include "support.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

static void test_strerror_and_names(void **state)
{
    (void)state;
    assert_string_equal(grp_strerror(GRP_OK), "success");
    assert_string_equal(grp_strerror(GRP_EINVAL), "invalid argument");
    assert_string_equal(grp_strerror(GRP_ERULE_FULL), "refused: group is full");
    assert_string_equal(grp_strerror(12345), "unknown error");
    assert_string_equal(grp_error_name(GRP_ENOTFOUND), "GRP_ENOTFOUND");
    assert_string_equal(grp_error_name(GRP_ITEROVER), "GRP_ITEROVER");
    assert_string_equal(grp_error_name(-99), "GRP_UNKNOWN");
    /* every code from -1 to -31 that exists has a distinct name */
    for (int c = -1; c >= -31; c--)
        if (strcmp(grp_error_name(c), "GRP_UNKNOWN") != 0)
            assert_string_not_equal(grp_strerror(c), "unknown error");
    assert_true(GRP_IS_RULE_ERROR(GRP_ERULE_FULL));
    assert_true(GRP_IS_RULE_ERROR(GRP_ERULE_INACTIVE));
    assert_false(GRP_IS_RULE_ERROR(GRP_EINVAL));
    assert_false(GRP_IS_RULE_ERROR(GRP_ITEROVER));
}

static void test_last_error(void **state)
{
    (void)state;
    grp_error_clear();
    assert_int_equal(grp_error_last()->code, GRP_OK);
    assert_string_equal(grp_error_last()->message, "");
    assert_int_equal(grp__error(GRP_EINVAL, "argument '%s' is bad", "x"), GRP_EINVAL);
    assert_int_equal(grp_error_last()->code, GRP_EINVAL);
    assert_string_equal(grp_error_last()->message, "argument 'x' is bad");
    /* long messages are truncated, never overflow */
    char big[2000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    grp__error(GRP_ERROR, "%s", big);
    assert_true(strlen(grp_error_last()->message) < 600);
    grp_error_clear();
    assert_int_equal(grp_error_last()->code, GRP_OK);
}

static void test_version(void **state)
{
    (void)state;
    assert_string_equal(grp_version_string(), GRP_VERSION_STRING);
    assert_int_equal(grp_version_number(), GRP_VERSION_NUMBER);
    assert_int_equal(GRP_VERSION_NUMBER, GRP_VERSION_MAJOR * 10000 + GRP_VERSION_MINOR * 100 + GRP_VERSION_PATCH);
    assert_true(GRP_VERSION_CHECK(0, 0, 1));
    assert_false(GRP_VERSION_CHECK(99, 0, 0));
}

static long hook_calls;
static void *t_malloc(size_t n, void *p) { (void)p; hook_calls++; return malloc(n); }
static void *t_realloc(void *q, size_t n, void *p) { (void)p; hook_calls++; return realloc(q, n); }
static void t_free(void *q, void *p) { (void)p; hook_calls++; free(q); }

static void test_allocator(void **state)
{
    (void)state;
    grp_allocator a = {t_malloc, t_realloc, t_free, NULL};
    grp_allocator bad = {t_malloc, NULL, t_free, NULL};
    grp_assert_rc(grp_set_allocator(&bad), GRP_EINVAL);
    grp_assert_ok(grp_set_allocator(&a));
    long before = grp__alloc_live();
    char *s = grp__strdup("hello");
    assert_non_null(s);
    assert_true(hook_calls >= 1);
    assert_int_equal(grp__alloc_live(), before + 1);
    /* cannot swap allocators while memory from this one is live */
    grp_assert_rc(grp_set_allocator(NULL), GRP_EBUSY);
    grp_free(s);
    assert_int_equal(grp__alloc_live(), before);
    grp_assert_ok(grp_set_allocator(NULL));
    grp_free(NULL);

    grp_strarray arr = {NULL, 0};
    arr.strings = grp__calloc(2, sizeof(char *));
    arr.strings[0] = grp__strdup("a");
    arr.strings[1] = grp__strdup("b");
    arr.count = 2;
    grp_strarray_dispose(&arr);
    assert_null(arr.strings);
    assert_int_equal(arr.count, 0);
    grp_strarray_dispose(NULL);
    assert_int_equal(grp__alloc_live(), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_and_names),
        cmocka_unit_test(test_last_error),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_allocator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
