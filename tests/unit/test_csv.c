/* The internal RFC 4180 CSV writer (io/csv.h): exact bytes on tricky
 * fields, and a round trip through a strict reader written here. */
#include "support.h"
#include "io/csv.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_reader.h"

static void assert_cell(const char *got, const char *want, size_t r, size_t c)
{
    if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
        fail_msg("cell (%zu, %zu): got %s%s%s, want %s%s%s", r, c, got ? "'" : "", got ? got : "NULL",
                 got ? "'" : "", want ? "'" : "", want ? want : "NULL", want ? "'" : "");
}

/* ---- tests ---------------------------------------------------------------------- */

static void test_needs_quotes(void **state)
{
    (void)state;
    struct { const char *s; int q; } t[] = {
        {"plain", 0},       {"", 0},           {"a,b", 1},        {"say \"hi\"", 1}, {"cr\rhere", 1},
        {"lf\nhere", 1},    {"crlf\r\n", 1},   {" spaced ", 0},   {"tab\there", 0},  {"Zoë 東京", 0},
        {"'quote'", 0},     {",", 1},          {"\"", 1},         {"=1+2", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (grp__csv_needs_quotes(t[i].s) != t[i].q)
            fail_msg("case %zu '%s': expected %d", i, t[i].s, t[i].q);
    assert_int_equal(grp__csv_needs_quotes(NULL), 0);
}

static void test_exact_bytes(void **state)
{
    (void)state;
    const char *header[] = {"id", "text", "note"};
    const char *cells[] = {
        "1", "plain", NULL,                       /* NULL: empty, unquoted */
        "2", "", "x",                             /* "": quoted empty */
        "3", "a,b", "say \"hi\"",                 /* comma; doubled quotes */
        "4", "line1\nline2", "cr\rcr",            /* LF and CR inside */
        "5", "crlf\r\nend", "\"",                 /* CRLF inside; a lone quote */
        "6", "Zoë — 東京", " lead and trail ",    /* UTF-8 as is; spaces kept unquoted */
        NULL, NULL, NULL,                         /* an all-NULL record stays a record: ",," */
    };
    const char *want = "id,text,note\r\n"
                       "1,plain,\r\n"
                       "2,\"\",x\r\n"
                       "3,\"a,b\",\"say \"\"hi\"\"\"\r\n"
                       "4,\"line1\nline2\",\"cr\rcr\"\r\n"
                       "5,\"crlf\r\nend\",\"\"\"\"\r\n"
                       "6,Zoë — 東京, lead and trail \r\n"
                       ",,\r\n";
    char *out = NULL;
    size_t len = 0;
    grp_assert_ok(grp__csv_write_table(&out, &len, 3, header, 7, cells));
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    grp_free(out);

    /* a header-only table */
    grp_assert_ok(grp__csv_write_table(&out, NULL, 3, header, 0, NULL));
    assert_string_equal(out, "id,text,note\r\n");
    grp_free(out);
}

static void test_single_column(void **state)
{
    (void)state;
    /* one column: a NULL cell would make an empty line, which readers skip;
     * it is written as "" so that the record survives */
    const char *header[] = {"only"};
    const char *cells[] = {"a", NULL, "", "b"};
    char *out = NULL;
    grp_assert_ok(grp__csv_write_table(&out, NULL, 1, header, 4, cells));
    assert_string_equal(out, "only\r\na\r\n\"\"\r\n\"\"\r\nb\r\n");
    grp_free(out);

    /* the streaming interface: NULL then a value is ",v", not "\"\",v" */
    grp__csv w = {0};
    grp_assert_ok(grp__csv_field(&w, NULL));
    grp_assert_ok(grp__csv_field(&w, "v"));
    grp_assert_ok(grp__csv_end_record(&w));
    grp_assert_ok(grp__csv_field(&w, NULL));
    grp_assert_ok(grp__csv_end_record(&w));
    grp_assert_ok(grp__csv_end_record(&w)); /* no fields at all: an empty record */
    grp_assert_ok(grp__csv_finish(&out, NULL, &w));
    assert_string_equal(out, ",v\r\n\"\"\r\n\r\n");
    assert_null(w.p);
    grp_free(out);

    /* an empty document is "", not NULL */
    grp__csv e = {0};
    grp_assert_ok(grp__csv_finish(&out, NULL, &e));
    assert_non_null(out);
    assert_string_equal(out, "");
    grp_free(out);
}

static void test_round_trip(void **state)
{
    (void)state;
    const char *header[] = {"a", "b", "c", "d"};
    const char *cells[] = {
        "1",          NULL,           "",                  "x",
        ",",          "\"",           "\"\"",              "\r\n",
        "\r",         "\n",           "a \"quoted\", word", "multi\r\nline\nmixed\rends",
        "Zoë",        "naïve, café",  "東京\r\n大阪",        "emoji 😀 \"q\"",
        NULL,         NULL,           NULL,                NULL,
        "trailing,",  ",leading",     " ",                 "\t",
    };
    size_t nrows = sizeof cells / sizeof cells[0] / 4;
    char *out = NULL;
    size_t len = 0, where = 0;
    csv_doc d;
    grp_assert_ok(grp__csv_write_table(&out, &len, 4, header, nrows, cells));
    if (csv_read(&d, out, len, &where) != 0)
        fail_msg("the writer's output does not parse at offset %zu", where);
    assert_int_equal(d.nrec, nrows + 1);
    for (size_t c = 0; c < 4; c++)
        assert_cell(d.cells[0][c], header[c], 0, c);
    for (size_t r = 0; r < nrows; r++) {
        assert_int_equal(d.nfields[r + 1], 4);
        for (size_t c = 0; c < 4; c++)
            assert_cell(d.cells[r + 1][c], cells[r * 4 + c], r + 1, c);
    }
    csv_doc_free(&d);
    grp_free(out);
}

static void test_reader_is_strict(void **state)
{
    (void)state;
    /* the reader itself must reject what a wrong writer would produce,
     * or the round trip above would prove nothing */
    const char *bad[] = {
        "a,b\n",        /* LF record end */
        "a,b",          /* no record end */
        "a\"b\r\n",     /* quote inside an unquoted field */
        "\"a\r\n",      /* unterminated quote */
        "\"a\"b\r\n",   /* text after the closing quote */
        "a\rb\r\n",     /* bare CR */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        csv_doc d;
        size_t where;
        if (csv_read(&d, bad[i], strlen(bad[i]), &where) == 0)
            fail_msg("bad CSV %zu was accepted", i);
    }
    csv_doc d;
    size_t where;
    assert_int_equal(csv_read(&d, ",\"\"\r\n", 5, &where), 0);
    assert_null(d.cells[0][0]);
    assert_string_equal(d.cells[0][1], "");
    csv_doc_free(&d);
}

static void test_errors(void **state)
{
    (void)state;
    const char *header[] = {"a"};
    const char *cells[] = {"x"};
    char *out = (char *)1;
    grp_assert_rc(grp__csv_write_table(NULL, NULL, 1, header, 1, cells), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    grp_assert_rc(grp__csv_write_table(&out, NULL, 1, NULL, 1, cells), GRP_EINVAL);
    assert_null(out);
    grp_assert_msg_contains("'header'");
    grp_assert_rc(grp__csv_write_table(&out, NULL, 1, header, 1, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'cells'");
    grp_assert_rc(grp__csv_write_table(&out, NULL, 0, header, 1, cells), GRP_EINVAL);
    grp_assert_msg_contains("ncols");
    grp_assert_rc(grp__csv_field(NULL, "x"), GRP_EINVAL);
    grp_assert_rc(grp__csv_end_record(NULL), GRP_EINVAL);
    grp__csv w = {0};
    grp_assert_ok(grp__csv_field(&w, "x"));
    grp_assert_rc(grp__csv_finish(NULL, NULL, &w), GRP_EINVAL);
    assert_null(w.p); /* disposed even so */
    grp__csv_dispose(NULL);
}

/* ---- allocation failures -------------------------------------------------------- */

static long alloc_calls, fail_at;

static void *counting_malloc(size_t size, void *payload)
{
    (void)payload;
    return ++alloc_calls == fail_at ? NULL : malloc(size);
}
static void *counting_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    return ++alloc_calls == fail_at ? NULL : realloc(ptr, size);
}
static void counting_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    const grp_allocator hooks = {counting_malloc, counting_realloc, counting_free, NULL};
    /* enough text to make the buffer grow several times */
    enum { ROWS = 200 };
    const char *header[] = {"n", "text"};
    const char *cells[ROWS * 2];
    char nums[ROWS][8];
    for (int i = 0; i < ROWS; i++) {
        snprintf(nums[i], sizeof nums[i], "%d", i);
        cells[2 * i] = nums[i];
        cells[2 * i + 1] = "a field, with \"quotes\" and\r\na line break";
    }
    assert_int_equal(grp__alloc_live(), 0);
    grp_assert_ok(grp_set_allocator(&hooks));
    long failures = 0;
    for (fail_at = 1;; fail_at++) {
        char *out = (char *)1;
        alloc_calls = 0;
        int rc = grp__csv_write_table(&out, NULL, 2, header, ROWS, cells);
        if (rc == GRP_OK) {
            assert_true(alloc_calls < fail_at);
            assert_int_equal(grp__alloc_live(), 1);
            grp_free(out);
            break;
        }
        grp_assert_rc(rc, GRP_ENOMEM);
        assert_null(out);
        assert_int_equal(grp__alloc_live(), 0);
        failures++;
    }
    assert_true(failures >= 5); /* 256 bytes doubling up to ~12 KB */
    fail_at = 0;
    grp_assert_ok(grp_set_allocator(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first: it needs no libgrp memory live when it installs its hooks */
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_needs_quotes),
        cmocka_unit_test(test_exact_bytes),
        cmocka_unit_test(test_single_column),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_reader_is_strict),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
