/* Time zones: exact instants around the DST changes of real zones, odd
 * offsets, the southern hemisphere, footer rules far in the future, times
 * before the first transition, every error path, hostile TZif images, the
 * POSIX TZ string parser, thread sharing, allocation failure, and a
 * differential check against glibc's localtime_r.
 *
 * The test (never the library) sets TZ and TZDIR: it is single-threaded
 * whenever it does. */
#include "support.h"
#include "calendar/date.h"
#include "calendar/tz.h"
#include "util/alloc.h"

#include <libgrp/tz.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define ZONEINFO "/usr/share/zoneinfo"

/* ---- helpers ------------------------------------------------------------ */

static grp_time T(const char *rfc3339)
{
    grp_time t = 0;
    grp_assert_ok(grp_time_parse(&t, rfc3339));
    return t;
}

static grp_datetime L(const char *text)
{
    grp_datetime dt = {0, 0, 0, 0, 0, 0};
    grp_assert_ok(grp_datetime_parse(&dt, text));
    return dt;
}

static grp_tz *open_zone(const char *name)
{
    grp_tz *tz = NULL;
    grp_assert_ok(grp_tz_open(&tz, name));
    assert_non_null(tz);
    return tz;
}

#define assert_l2u(tz, local, utc) check_l2u((tz), (local), (utc), __FILE__, __LINE__)
static void check_l2u(const grp_tz *tz, const char *local, const char *utc, const char *file,
                      int line)
{
    grp_time got = 0;
    grp_assert_ok(grp_tz_local_to_utc(&got, tz, L(local)));
    if (got != T(utc)) {
        char buf[32] = "?";
        grp_time_format(buf, sizeof buf, got);
        print_error("%s:%d: %s: local %s gave %s, expected %s\n", file, line, grp_tz_name(tz),
                    local, buf, utc);
        _fail(file, line);
    }
}

/* utc_to_local and offset_at must agree on everything. */
#define assert_u2l(tz, utc, local, offset, dst, abbr)                                              \
    check_u2l((tz), (utc), (local), (offset), (dst), (abbr), __FILE__, __LINE__)
static void check_u2l(const grp_tz *tz, const char *utc, const char *local, int offset, int dst,
                      const char *abbr, const char *file, int line)
{
    grp_datetime dt;
    int off = 12345, off2 = 12345, dst2 = -1;
    const char *abbr2 = NULL;
    char buf[32] = "?";
    grp_assert_ok(grp_tz_utc_to_local(&dt, &off, tz, T(utc)));
    grp_assert_ok(grp_datetime_format(buf, sizeof buf, dt));
    grp_assert_ok(grp_tz_offset_at(&off2, &dst2, &abbr2, tz, T(utc)));
    if (strcmp(buf, local) != 0 || off != offset || off2 != offset || dst2 != dst ||
        strcmp(abbr2, abbr) != 0) {
        print_error("%s:%d: %s: %s gave %s offset %d/%d dst %d '%s', expected %s %d %d '%s'\n",
                    file, line, grp_tz_name(tz), utc, buf, off, off2, dst2, abbr2, local, offset,
                    dst, abbr);
        _fail(file, line);
    }
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    assert_true(*len > 44);
    return buf;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Collect transitions into a fixed array. */
typedef struct tr_list {
    grp__tz_transition t[4096];
    char abbr[4096][8];
    size_t n;
    size_t stop_after; /* 0: never stop */
} tr_list;

static int collect(const grp__tz_transition *t, void *payload)
{
    tr_list *l = payload;
    assert_true(l->n < 4096);
    l->t[l->n] = *t;
    snprintf(l->abbr[l->n], sizeof l->abbr[0], "%s", t->abbrev_after);
    l->n++;
    return l->stop_after && l->n == l->stop_after ? 7 : 0;
}

static tr_list *transitions(const grp_tz *tz, grp_time from, grp_time to)
{
    tr_list *l = calloc(1, sizeof *l);
    assert_non_null(l);
    grp_assert_ok(grp__tz_transitions(tz, from, to, collect, l));
    return l;
}

#define assert_tr(l, i, at, before, after, dst, abbr)                                              \
    check_tr((l), (i), (at), (before), (after), (dst), (abbr), __FILE__, __LINE__)
static void check_tr(const tr_list *l, size_t i, const char *at, int before, int after, int dst,
                     const char *abbr, const char *file, int line)
{
    if (i >= l->n || l->t[i].at != T(at) || l->t[i].offset_before != before ||
        l->t[i].offset_after != after || l->t[i].is_dst_after != dst ||
        strcmp(l->abbr[i], abbr) != 0) {
        print_error("%s:%d: transition %zu (of %zu) is not %s %d->%d dst %d %s\n", file, line, i,
                    l->n, at, before, after, dst, abbr);
        _fail(file, line);
    }
}

/* ---- a TZif writer for handmade and hostile zones ------------------------ */

typedef struct zone_type {
    int32_t utoff;
    unsigned char isdst, abbr;
} zone_type;

typedef struct zone_spec {
    char version; /* 0, '2', '3' or '4' */
    size_t timecnt;
    const int64_t *times;
    const unsigned char *type_of;
    size_t typecnt;
    const zone_type *types;
    const char *chars; /* charcnt bytes, NULs included */
    size_t charcnt;
    int indicators;     /* write isstd/isut arrays (all 0) */
    size_t leapcnt;     /* leap-second records (zeros) */
    const char *footer; /* version 2+ only */
} zone_spec;

/* A built image and where the parts of the block in use start. */
typedef struct zone_image {
    unsigned char data[8192];
    size_t len;
    size_t header, times, type_of, types, chars, isstd, isut, footer;
} zone_image;

static void put_be(zone_image *img, uint64_t v, int bytes)
{
    assert_true(img->len + (size_t)bytes <= sizeof img->data);
    for (int i = bytes - 1; i >= 0; i--)
        img->data[img->len++] = i < 8 ? (unsigned char)(v >> (8 * i)) : 0;
}

static void put_bytes(zone_image *img, const void *p, size_t n)
{
    if (n == 0)
        return;
    assert_true(img->len + n <= sizeof img->data);
    memcpy(img->data + img->len, p, n);
    img->len += n;
}

static void put_block(zone_image *img, const zone_spec *s, int tsize)
{
    static const char magic[] = "TZif";
    unsigned char zeros[15] = {0};
    size_t ind = s->indicators ? s->typecnt : 0;
    img->header = img->len;
    put_bytes(img, magic, 4);
    put_bytes(img, &s->version, 1);
    put_bytes(img, zeros, 15);
    put_be(img, ind, 4);
    put_be(img, ind, 4);
    put_be(img, s->leapcnt, 4);
    put_be(img, s->timecnt, 4);
    put_be(img, s->typecnt, 4);
    put_be(img, s->charcnt, 4);
    img->times = img->len;
    for (size_t i = 0; i < s->timecnt; i++)
        put_be(img, (uint64_t)s->times[i], tsize);
    img->type_of = img->len;
    put_bytes(img, s->type_of, s->timecnt);
    img->types = img->len;
    for (size_t i = 0; i < s->typecnt; i++) {
        put_be(img, (uint32_t)s->types[i].utoff, 4);
        put_bytes(img, &s->types[i].isdst, 1);
        put_bytes(img, &s->types[i].abbr, 1);
    }
    img->chars = img->len;
    put_bytes(img, s->chars, s->charcnt);
    for (size_t i = 0; i < s->leapcnt; i++)
        put_be(img, 0, tsize + 4);
    img->isstd = img->len;
    for (size_t i = 0; i < ind; i++)
        put_be(img, 0, 1);
    img->isut = img->len;
    for (size_t i = 0; i < ind; i++)
        put_be(img, 0, 1);
}

static void build(zone_image *img, const zone_spec *s)
{
    memset(img, 0, sizeof *img);
    put_block(img, s, 4);
    if (s->version == 0)
        return;
    put_block(img, s, 8);
    img->footer = img->len;
    put_bytes(img, "\n", 1);
    put_bytes(img, s->footer, strlen(s->footer));
    put_bytes(img, "\n", 1);
}

static void patch32(zone_image *img, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        img->data[at + (size_t)i] = (unsigned char)(v >> (24 - 8 * i));
}

static void patch64(zone_image *img, size_t at, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        img->data[at + (size_t)i] = (unsigned char)(v >> (56 - 8 * i));
}

static grp_tz *load(const zone_image *img)
{
    grp_tz *tz = NULL;
    grp_assert_ok(grp__tz_load_buffer(&tz, "Test/Zone", img->data, img->len));
    assert_non_null(tz);
    return tz;
}

/* A small valid zone: LMT, then standard and daylight time. */
static const int64_t base_times[] = {-1000000000, 1000000000, 1100000000};
static const unsigned char base_type_of[] = {1, 2, 1};
static const zone_type base_types[] = {{3000, 0, 0}, {3600, 0, 4}, {7200, 1, 8}};
static const char base_chars[] = "LMT\0AAA\0BBB"; /* 12 bytes with the final NUL */

static zone_spec base_spec(void)
{
    zone_spec s = {'2', 3, base_times, base_type_of, 3, base_types, base_chars, 12, 1, 0, ""};
    return s;
}

#define assert_load_fails(img, code, needle)                                                       \
    check_load_fails((img)->data, (img)->len, (code), (needle), __FILE__, __LINE__)
static void check_load_fails(const unsigned char *data, size_t len, int code, const char *needle,
                             const char *file, int line)
{
    grp_tz *tz = (grp_tz *)&tz; /* must be reset to NULL */
    int rc = grp__tz_load_buffer(&tz, "Test/Zone", data, len);
    grp_test__assert_rc(rc, code, "grp__tz_load_buffer", file, line);
    if (tz != NULL) {
        print_error("%s:%d: *out not NULL after a failed load\n", file, line);
        _fail(file, line);
    }
    grp_test__assert_msg(needle, file, line);
}

/* ---- real zones ------------------------------------------------------------ */

static void test_london_2026(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Europe/London");
    assert_string_equal(grp_tz_name(tz), "Europe/London");
    /* Clocks go forward at 01:00 GMT on 29 March: 01:00..01:59 do not exist. */
    assert_l2u(tz, "2026-03-29T00:59:59", "2026-03-29T00:59:59Z");
    assert_l2u(tz, "2026-03-29T01:00:00", "2026-03-29T01:00:00Z"); /* read as 02:00 BST */
    assert_l2u(tz, "2026-03-29T01:30:00", "2026-03-29T01:30:00Z"); /* read as 02:30 BST */
    assert_l2u(tz, "2026-03-29T01:59:59", "2026-03-29T01:59:59Z");
    assert_l2u(tz, "2026-03-29T02:00:00", "2026-03-29T01:00:00Z");
    assert_l2u(tz, "2026-03-29T02:30:00", "2026-03-29T01:30:00Z");
    assert_l2u(tz, "2026-07-01T12:00:00", "2026-07-01T11:00:00Z");
    /* Clocks go back at 02:00 BST on 25 October: 01:00..01:59 happen twice. */
    assert_l2u(tz, "2026-10-25T00:59:59", "2026-10-24T23:59:59Z");
    assert_l2u(tz, "2026-10-25T01:00:00", "2026-10-25T00:00:00Z"); /* first: BST */
    assert_l2u(tz, "2026-10-25T01:30:00", "2026-10-25T00:30:00Z");
    assert_l2u(tz, "2026-10-25T01:59:59", "2026-10-25T00:59:59Z");
    assert_l2u(tz, "2026-10-25T02:00:00", "2026-10-25T02:00:00Z");
    assert_l2u(tz, "2026-12-25T12:00:00", "2026-12-25T12:00:00Z");

    assert_u2l(tz, "2026-03-29T00:59:59Z", "2026-03-29T00:59:59", 0, 0, "GMT");
    assert_u2l(tz, "2026-03-29T01:00:00Z", "2026-03-29T02:00:00", 3600, 1, "BST");
    assert_u2l(tz, "2026-10-25T00:30:00Z", "2026-10-25T01:30:00", 3600, 1, "BST");
    assert_u2l(tz, "2026-10-25T00:59:59Z", "2026-10-25T01:59:59", 3600, 1, "BST");
    assert_u2l(tz, "2026-10-25T01:00:00Z", "2026-10-25T01:00:00", 0, 0, "GMT");
    assert_u2l(tz, "2026-10-25T01:30:00Z", "2026-10-25T01:30:00", 0, 0, "GMT"); /* second 01:30 */

    /* The optional outputs may be NULL. */
    grp_datetime dt;
    int off = -1;
    grp_assert_ok(grp_tz_utc_to_local(&dt, NULL, tz, T("2026-07-01T11:00:00Z")));
    assert_int_equal(dt.hour, 12);
    grp_assert_ok(grp_tz_offset_at(&off, NULL, NULL, tz, T("2026-07-01T11:00:00Z")));
    assert_int_equal(off, 3600);
    grp_tz_free(tz);
}

static void test_new_york_2026(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("America/New_York");
    /* Forward at 02:00 EST on 8 March. */
    assert_l2u(tz, "2026-03-08T01:59:59", "2026-03-08T06:59:59Z");
    assert_l2u(tz, "2026-03-08T02:00:00", "2026-03-08T07:00:00Z");
    assert_l2u(tz, "2026-03-08T02:30:00", "2026-03-08T07:30:00Z");
    assert_l2u(tz, "2026-03-08T03:00:00", "2026-03-08T07:00:00Z");
    assert_l2u(tz, "2026-03-08T03:30:00", "2026-03-08T07:30:00Z");
    /* Back at 02:00 EDT on 1 November. */
    assert_l2u(tz, "2026-11-01T00:59:59", "2026-11-01T04:59:59Z");
    assert_l2u(tz, "2026-11-01T01:00:00", "2026-11-01T05:00:00Z");
    assert_l2u(tz, "2026-11-01T01:30:00", "2026-11-01T05:30:00Z");
    assert_l2u(tz, "2026-11-01T01:59:59", "2026-11-01T05:59:59Z");
    assert_l2u(tz, "2026-11-01T02:00:00", "2026-11-01T07:00:00Z");

    assert_u2l(tz, "2026-03-08T06:59:59Z", "2026-03-08T01:59:59", -18000, 0, "EST");
    assert_u2l(tz, "2026-03-08T07:00:00Z", "2026-03-08T03:00:00", -14400, 1, "EDT");
    assert_u2l(tz, "2026-11-01T05:59:59Z", "2026-11-01T01:59:59", -14400, 1, "EDT");
    assert_u2l(tz, "2026-11-01T06:00:00Z", "2026-11-01T01:00:00", -18000, 0, "EST");
    assert_u2l(tz, "2026-11-01T06:30:00Z", "2026-11-01T01:30:00", -18000, 0, "EST");
    grp_tz_free(tz);
}

static void test_odd_offsets(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Asia/Kolkata");
    assert_l2u(tz, "2026-06-01T12:00:00", "2026-06-01T06:30:00Z");
    assert_u2l(tz, "2026-06-01T06:30:00Z", "2026-06-01T12:00:00", 19800, 0, "IST");
    assert_u2l(tz, "2090-01-01T00:00:00Z", "2090-01-01T05:30:00", 19800, 0, "IST");
    grp_tz_free(tz);

    tz = open_zone("Asia/Kathmandu");
    assert_l2u(tz, "2026-06-01T12:00:00", "2026-06-01T06:15:00Z");
    assert_u2l(tz, "2026-06-01T06:15:00Z", "2026-06-01T12:00:00", 20700, 0, "+0545");
    /* +05:30 until the end of 1985; the change skips 00:00..00:14 local. */
    assert_u2l(tz, "1985-12-31T18:29:59Z", "1985-12-31T23:59:59", 19800, 0, "+0530");
    assert_u2l(tz, "1985-12-31T18:30:00Z", "1986-01-01T00:15:00", 20700, 0, "+0545");
    assert_l2u(tz, "1986-01-01T00:10:00", "1985-12-31T18:40:00Z");
    grp_tz_free(tz);

    /* Lord Howe: +10:30 standard, 30-minute DST to +11. */
    tz = open_zone("Australia/Lord_Howe");
    assert_u2l(tz, "2026-04-04T14:59:59Z", "2026-04-05T01:59:59", 39600, 1, "+11");
    assert_u2l(tz, "2026-04-04T15:00:00Z", "2026-04-05T01:30:00", 37800, 0, "+1030");
    assert_l2u(tz, "2026-04-05T01:29:59", "2026-04-04T14:29:59Z");
    assert_l2u(tz, "2026-04-05T01:45:00", "2026-04-04T14:45:00Z"); /* ambiguous: first */
    assert_l2u(tz, "2026-04-05T02:00:00", "2026-04-04T15:30:00Z");
    assert_u2l(tz, "2026-10-03T15:29:59Z", "2026-10-04T01:59:59", 37800, 0, "+1030");
    assert_u2l(tz, "2026-10-03T15:30:00Z", "2026-10-04T02:30:00", 39600, 1, "+11");
    assert_l2u(tz, "2026-10-04T01:59:59", "2026-10-03T15:29:59Z");
    assert_l2u(tz, "2026-10-04T02:15:00", "2026-10-03T15:45:00Z"); /* gap: read as 02:45 */
    assert_l2u(tz, "2026-10-04T02:30:00", "2026-10-03T15:30:00Z");
    grp_tz_free(tz);
}

static void test_southern_hemisphere(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Australia/Sydney");
    assert_u2l(tz, "2026-01-15T01:00:00Z", "2026-01-15T12:00:00", 39600, 1, "AEDT");
    assert_u2l(tz, "2026-07-15T02:00:00Z", "2026-07-15T12:00:00", 36000, 0, "AEST");
    assert_u2l(tz, "2026-04-04T15:59:59Z", "2026-04-05T02:59:59", 39600, 1, "AEDT");
    assert_u2l(tz, "2026-04-04T16:00:00Z", "2026-04-05T02:00:00", 36000, 0, "AEST");
    assert_u2l(tz, "2026-10-03T16:00:00Z", "2026-10-04T03:00:00", 39600, 1, "AEDT");
    assert_l2u(tz, "2026-01-15T12:00:00", "2026-01-15T01:00:00Z");
    assert_l2u(tz, "2026-04-05T02:30:00", "2026-04-04T15:30:00Z"); /* ambiguous: AEDT */
    assert_l2u(tz, "2026-04-05T03:00:00", "2026-04-04T17:00:00Z");
    assert_l2u(tz, "2026-10-04T02:30:00", "2026-10-03T16:30:00Z"); /* gap */
    assert_l2u(tz, "2026-10-04T03:00:00", "2026-10-03T16:00:00Z");
    grp_tz_free(tz);

    tz = open_zone("America/Sao_Paulo");
    assert_u2l(tz, "2018-01-15T12:00:00Z", "2018-01-15T10:00:00", -7200, 1, "-02");
    assert_u2l(tz, "2018-02-18T02:00:00Z", "2018-02-17T23:00:00", -10800, 0, "-03");
    assert_u2l(tz, "2026-01-15T12:00:00Z", "2026-01-15T09:00:00", -10800, 0, "-03");
    assert_l2u(tz, "2018-02-17T23:30:00", "2018-02-18T01:30:00Z"); /* ambiguous: -02 */
    assert_l2u(tz, "2018-11-04T00:30:00", "2018-11-04T03:30:00Z"); /* gap */
    grp_tz_free(tz);
}

static void test_utc(void **state)
{
    (void)state;
    const char *names[] = {"UTC", "Etc/UTC"};
    for (size_t i = 0; i < 2; i++) {
        grp_tz *tz = open_zone(names[i]);
        assert_string_equal(grp_tz_name(tz), names[i]);
        assert_u2l(tz, "1800-01-01T00:00:00Z", "1800-01-01T00:00:00", 0, 0, "UTC");
        assert_u2l(tz, "2026-03-29T01:30:00Z", "2026-03-29T01:30:00", 0, 0, "UTC");
        assert_u2l(tz, "2090-07-01T00:00:00Z", "2090-07-01T00:00:00", 0, 0, "UTC");
        assert_u2l(tz, "9999-12-31T23:59:59Z", "9999-12-31T23:59:59", 0, 0, "UTC");
        assert_u2l(tz, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00", 0, 0, "UTC");
        assert_l2u(tz, "2026-10-25T01:30:00", "2026-10-25T01:30:00Z");
        tr_list *l = transitions(tz, INT64_MIN, INT64_MAX);
        assert_int_equal(l->n, 0);
        free(l);
        grp_tz_free(tz);
    }
}

/* Past the file's last transition (2037 in Debian's files), only the
 * footer rule knows the answer. */
static void test_footer_far_future(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Europe/London");
    assert_u2l(tz, "2090-03-26T00:59:59Z", "2090-03-26T00:59:59", 0, 0, "GMT");
    assert_u2l(tz, "2090-03-26T01:00:00Z", "2090-03-26T02:00:00", 3600, 1, "BST");
    assert_u2l(tz, "2090-10-29T00:59:59Z", "2090-10-29T01:59:59", 3600, 1, "BST");
    assert_u2l(tz, "2090-10-29T01:00:00Z", "2090-10-29T01:00:00", 0, 0, "GMT");
    assert_l2u(tz, "2090-03-26T01:30:00", "2090-03-26T01:30:00Z");
    assert_l2u(tz, "2090-10-29T01:30:00", "2090-10-29T00:30:00Z");
    assert_u2l(tz, "9999-07-01T12:00:00Z", "9999-07-01T13:00:00", 3600, 1, "BST");
    assert_u2l(tz, "9999-12-31T23:59:59Z", "9999-12-31T23:59:59", 0, 0, "GMT");
    tr_list *l = transitions(tz, T("2090-01-01T00:00:00Z"), T("2091-01-01T00:00:00Z"));
    assert_int_equal(l->n, 2);
    assert_tr(l, 0, "2090-03-26T01:00:00Z", 0, 3600, 1, "BST");
    assert_tr(l, 1, "2090-10-29T01:00:00Z", 3600, 0, 0, "GMT");
    free(l);
    grp_tz_free(tz);

    tz = open_zone("America/New_York");
    assert_u2l(tz, "2090-03-12T06:59:59Z", "2090-03-12T01:59:59", -18000, 0, "EST");
    assert_u2l(tz, "2090-03-12T07:00:00Z", "2090-03-12T03:00:00", -14400, 1, "EDT");
    assert_u2l(tz, "2090-11-05T06:00:00Z", "2090-11-05T01:00:00", -18000, 0, "EST");
    assert_l2u(tz, "2090-03-12T02:30:00", "2090-03-12T07:30:00Z");
    assert_l2u(tz, "2090-11-05T01:30:00", "2090-11-05T05:30:00Z");
    grp_tz_free(tz);

    tz = open_zone("Australia/Lord_Howe");
    assert_u2l(tz, "2090-04-01T14:59:59Z", "2090-04-02T01:59:59", 39600, 1, "+11");
    assert_u2l(tz, "2090-04-01T15:00:00Z", "2090-04-02T01:30:00", 37800, 0, "+1030");
    assert_u2l(tz, "2090-09-30T15:30:00Z", "2090-10-01T02:30:00", 39600, 1, "+11");
    grp_tz_free(tz);
}

static void test_before_first_transition(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Europe/London");
    assert_u2l(tz, "1800-01-01T00:00:00Z", "1799-12-31T23:58:45", -75, 0, "LMT");
    assert_u2l(tz, "0001-01-01T12:00:00Z", "0001-01-01T11:58:45", -75, 0, "LMT");
    assert_u2l(tz, "1847-12-01T00:01:14Z", "1847-11-30T23:59:59", -75, 0, "LMT");
    assert_u2l(tz, "1847-12-01T00:01:15Z", "1847-12-01T00:01:15", 0, 0, "GMT");
    assert_l2u(tz, "1800-01-01T00:00:00", "1800-01-01T00:01:15Z");
    tr_list *l = transitions(tz, INT64_MIN, T("1900-01-01T00:00:00Z"));
    assert_int_equal(l->n, 1);
    assert_tr(l, 0, "1847-12-01T00:01:15Z", -75, 0, 0, "GMT");
    free(l);
    grp_tz_free(tz);

    tz = open_zone("America/New_York");
    assert_u2l(tz, "1800-01-01T00:00:00Z", "1799-12-31T19:03:58", -17762, 0, "LMT");
    grp_tz_free(tz);

    /* RFC 8536: type 0 rules before the first transition, even when it is a
     * DST type that no transition uses (glibc picks the first non-DST type). */
    static const int64_t times[] = {1000000000};
    static const unsigned char type_of[] = {1};
    static const zone_type types[] = {{3600, 1, 0}, {0, 0, 4}};
    zone_spec s = {'2', 1, times, type_of, 2, types, "XDT\0XST", 8, 0, 0, ""};
    zone_image img;
    build(&img, &s);
    tz = load(&img);
    assert_u2l(tz, "2001-09-09T01:46:39Z", "2001-09-09T02:46:39", 3600, 1, "XDT");
    assert_u2l(tz, "2001-09-09T01:46:40Z", "2001-09-09T01:46:40", 0, 0, "XST");
    grp_tz_free(tz);
}

static void test_transitions(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Europe/London");
    tr_list *l = transitions(tz, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z"));
    assert_int_equal(l->n, 2);
    assert_tr(l, 0, "2026-03-29T01:00:00Z", 0, 3600, 1, "BST");
    assert_tr(l, 1, "2026-10-25T01:00:00Z", 3600, 0, 0, "GMT");
    free(l);
    /* from is inclusive, to exclusive. */
    l = transitions(tz, T("2026-03-29T01:00:00Z"), T("2026-10-25T01:00:00Z"));
    assert_int_equal(l->n, 1);
    assert_tr(l, 0, "2026-03-29T01:00:00Z", 0, 3600, 1, "BST");
    free(l);
    l = transitions(tz, T("2026-03-29T01:00:01Z"), T("2026-10-25T01:00:01Z"));
    assert_int_equal(l->n, 1);
    assert_tr(l, 0, "2026-10-25T01:00:00Z", 3600, 0, 0, "GMT");
    free(l);
    /* Across the end of the explicit transitions into the footer rule. */
    l = transitions(tz, T("2037-01-01T00:00:00Z"), T("2039-01-01T00:00:00Z"));
    assert_int_equal(l->n, 4);
    assert_tr(l, 0, "2037-03-29T01:00:00Z", 0, 3600, 1, "BST");
    assert_tr(l, 1, "2037-10-25T01:00:00Z", 3600, 0, 0, "GMT");
    assert_tr(l, 2, "2038-03-28T01:00:00Z", 0, 3600, 1, "BST");
    assert_tr(l, 3, "2038-10-31T01:00:00Z", 3600, 0, 0, "GMT");
    free(l);
    /* A nonzero callback result stops the walk and is returned. */
    l = calloc(1, sizeof *l);
    assert_non_null(l);
    l->stop_after = 1;
    assert_int_equal(
        grp__tz_transitions(tz, T("2026-01-01T00:00:00Z"), T("2030-01-01T00:00:00Z"), collect, l),
        7);
    assert_int_equal(l->n, 1);
    free(l);
    /* Empty and reversed ranges. */
    l = transitions(tz, T("2026-03-29T01:00:00Z"), T("2026-03-29T01:00:00Z"));
    assert_int_equal(l->n, 0);
    free(l);
    l = transitions(tz, T("2030-01-01T00:00:00Z"), T("2020-01-01T00:00:00Z"));
    assert_int_equal(l->n, 0);
    free(l);
    grp_tz_free(tz);

    tz = open_zone("Australia/Lord_Howe");
    l = transitions(tz, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z"));
    assert_int_equal(l->n, 2);
    assert_tr(l, 0, "2026-04-04T15:00:00Z", 39600, 37800, 0, "+1030");
    assert_tr(l, 1, "2026-10-03T15:30:00Z", 37800, 39600, 1, "+11");
    free(l);
    grp_tz_free(tz);

    tz = open_zone("Asia/Kolkata");
    l = transitions(tz, T("1950-01-01T00:00:00Z"), INT64_MAX);
    assert_int_equal(l->n, 0);
    free(l);
    grp_tz_free(tz);
}

/* ---- errors -------------------------------------------------------------- */

static void test_open_errors(void **state)
{
    (void)state;
    grp_tz *tz = NULL;
    grp_assert_rc(grp_tz_open(NULL, "UTC"), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    tz = (grp_tz *)&tz;
    grp_assert_rc(grp_tz_open(&tz, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'name'");
    assert_null(tz);
    grp_assert_rc(grp_tz_check(NULL), GRP_EINVAL);

    char long_name[300];
    memset(long_name, 'A', 256);
    long_name[256] = '\0';
    struct {
        const char *name;
        const char *msg;
    } bad[] = {
        {"", "zone name is empty"},
        {long_name, "longer than 255 characters"},
        {"/etc/localtime", "starts with '/'"},
        {"../etc/passwd", "contains '..'"},
        {"Europe/../../etc/passwd", "contains '..'"},
        {"Europe/..", "contains '..'"},
        {"Europe//London", "empty component at position 7"},
        {"Europe/London/", "empty component at position 14"},
        {"Europe/Lon don", "(0x20) at position 10"},
        {"Europe/London\n", "(0x0a) at position 13"},
        {"Europe\\London", "(0x5c) at position 6"},
        {"./UTC", "(0x2e) at position 0"},
        {"Europe/Lon.don", "(0x2e) at position 10"},
        {"Europ\xc3\xa9/Paris", "(0xc3) at position 5"},
        {"UTC;rm", "(0x3b) at position 3"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tz = (grp_tz *)&tz;
        grp_assert_rc(grp_tz_open(&tz, bad[i].name), GRP_EINVAL);
        grp_assert_msg_contains(bad[i].msg);
        assert_null(tz);
        grp_assert_rc(grp_tz_check(bad[i].name), GRP_EINVAL);
    }
    /* 255 characters is the longest name accepted; this one does not exist. */
    long_name[255] = '\0';
    grp_assert_rc(grp_tz_check(long_name), GRP_ENOTFOUND);

    grp_assert_rc(grp_tz_open(&tz, "Europe/Londn"), GRP_ENOTFOUND);
    grp_assert_msg_contains("zone 'Europe/Londn' not found in " ZONEINFO);
    assert_null(tz);
    grp_assert_rc(grp_tz_open(&tz, "America"), GRP_ENOTFOUND);
    grp_assert_msg_contains("it is a directory");
    grp_assert_rc(grp_tz_open(&tz, "Europe/London/Extra"), GRP_ENOTFOUND);
    grp_assert_rc(grp_tz_check("Nowhere/Zone"), GRP_ENOTFOUND);
    grp_assert_ok(grp_tz_check("Europe/London"));
    grp_assert_ok(grp_tz_check("Etc/GMT+5"));
    /* Files in the zoneinfo directory that are not zones. */
    grp_assert_rc(grp_tz_check("leapseconds"), GRP_EPARSE);
    grp_assert_msg_contains("bad magic");
    struct stat st;
    if (stat(ZONEINFO "/right/Europe/London", &st) == 0) {
        grp_assert_rc(grp_tz_check("right/Europe/London"), GRP_EUNSUPPORTED);
        grp_assert_msg_contains("leap-second");
    }

    grp_tz_free(NULL);
    assert_null(grp_tz_name(NULL));
}

static void test_conversion_errors(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Asia/Kolkata");
    grp_time t;
    grp_datetime dt;
    int off;
    grp_assert_rc(grp_tz_local_to_utc(NULL, tz, L("2026-01-01T00:00")), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    grp_assert_rc(grp_tz_local_to_utc(&t, NULL, L("2026-01-01T00:00")), GRP_EINVAL);
    grp_assert_msg_contains("'tz'");
    grp_datetime bad[] = {{2026, 2, 29, 0, 0, 0}, {2026, 1, 1, 24, 0, 0}, {2026, 1, 1, 0, 60, 0},
                          {2026, 1, 1, 0, 0, 60}, {0, 1, 1, 0, 0, 0},     {10000, 1, 1, 0, 0, 0},
                          {2026, 0, 1, 0, 0, 0},  {2026, 1, 1, -1, 0, 0}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        grp_assert_rc(grp_tz_local_to_utc(&t, tz, bad[i]), GRP_EINVAL);
        grp_assert_msg_contains("is not a valid local time");
    }
    /* The extremes of the range still convert. */
    grp_assert_ok(grp_tz_local_to_utc(&t, tz, L("0001-01-01T00:00:00")));
    assert_int_equal(t, T("0001-01-01T00:00:00Z") - (5 * 3600 + 53 * 60 + 28));
    grp_assert_ok(grp_tz_local_to_utc(&t, tz, L("9999-12-31T23:59:59")));
    assert_int_equal(t, T("9999-12-31T18:29:59Z"));

    grp_assert_rc(grp_tz_utc_to_local(NULL, &off, tz, 0), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    grp_assert_rc(grp_tz_utc_to_local(&dt, &off, NULL, 0), GRP_EINVAL);
    grp_assert_msg_contains("'tz'");
    grp_assert_rc(grp_tz_utc_to_local(&dt, &off, tz, INT64_MAX), GRP_EINVAL);
    grp_assert_msg_contains("outside years 1..9999");
    grp_assert_rc(grp_tz_utc_to_local(&dt, &off, tz, INT64_MIN), GRP_EINVAL);
    grp_assert_rc(grp_tz_utc_to_local(&dt, &off, tz, T("0001-01-01T00:00:00Z") - 1), GRP_EINVAL);
    /* In range in UTC, but 10000-01-01 in Kolkata. */
    grp_assert_rc(grp_tz_utc_to_local(&dt, &off, tz, T("9999-12-31T23:59:59Z")), GRP_EINVAL);
    grp_assert_msg_contains("local time of instant");

    grp_assert_rc(grp_tz_offset_at(NULL, NULL, NULL, tz, 0), GRP_EINVAL);
    grp_assert_msg_contains("'offset_out'");
    grp_assert_rc(grp_tz_offset_at(&off, NULL, NULL, NULL, 0), GRP_EINVAL);
    grp_assert_msg_contains("'tz'");
    grp_assert_rc(grp_tz_offset_at(&off, NULL, NULL, tz, INT64_MAX), GRP_EINVAL);
    grp_assert_rc(grp_tz_offset_at(&off, NULL, NULL, tz, T("9999-12-31T23:59:59Z") + 1),
                  GRP_EINVAL);
    grp_assert_ok(grp_tz_offset_at(&off, NULL, NULL, tz, T("9999-12-31T23:59:59Z")));
    assert_int_equal(off, 19800);

    grp_assert_rc(grp__tz_transitions(NULL, 0, 1, collect, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'tz'");
    grp_assert_rc(grp__tz_transitions(tz, 0, 1, NULL, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'cb'");
    grp_tz_free(tz);
}

/* $TZDIR replaces the zoneinfo directory; zone files there may be broken. */
static void test_tzdir(void **state)
{
    (void)state;
    char *dir = grp_test_tmpdir();
    assert_non_null(dir);
    char path[4096];
    zone_spec s = base_spec();
    zone_image img;
    build(&img, &s);
    snprintf(path, sizeof path, "%s/Good", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/Good/Zone", dir);
    write_file(path, img.data, img.len);
    snprintf(path, sizeof path, "%s/Text", dir);
    write_file(path, "hello, world\n", 13);
    snprintf(path, sizeof path, "%s/Empty", dir);
    write_file(path, "", 0);
    snprintf(path, sizeof path, "%s/Cut", dir);
    write_file(path, img.data, img.len - 1);
    unsigned char *big = calloc(1, (1 << 20) + 1);
    assert_non_null(big);
    memcpy(big, img.data, img.len);
    snprintf(path, sizeof path, "%s/Big", dir);
    write_file(path, big, (1 << 20) + 1);
    free(big);

    assert_int_equal(setenv("TZDIR", dir, 1), 0);
    grp_tz *tz = open_zone("Good/Zone");
    assert_string_equal(grp_tz_name(tz), "Good/Zone");
    assert_u2l(tz, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00", 3600, 0, "AAA");
    grp_tz_free(tz);
    grp_assert_rc(grp_tz_open(&tz, "Text"), GRP_EPARSE);
    grp_assert_msg_contains("TZif 'Text': bad magic (not a TZif file) at byte 0");
    grp_assert_rc(grp_tz_open(&tz, "Empty"), GRP_EPARSE);
    grp_assert_msg_contains("TZif 'Empty': header truncated (0 of 44 bytes) at byte 0");
    grp_assert_rc(grp_tz_open(&tz, "Cut"), GRP_EPARSE);
    grp_assert_msg_contains("footer is not terminated by a newline");
    grp_assert_rc(grp_tz_open(&tz, "Big"), GRP_EPARSE);
    grp_assert_msg_contains("over the 1048576-byte limit");
    grp_assert_rc(grp_tz_open(&tz, "Good"), GRP_ENOTFOUND);
    grp_assert_msg_contains("it is a directory");
    grp_assert_rc(grp_tz_open(&tz, "Europe/London"), GRP_ENOTFOUND);
    grp_assert_msg_contains(dir);
    assert_null(tz);
    /* An empty TZDIR means the default. */
    assert_int_equal(setenv("TZDIR", "", 1), 0);
    grp_assert_ok(grp_tz_check("Europe/London"));
    assert_int_equal(unsetenv("TZDIR"), 0);
    grp_assert_rc(grp_tz_check("Good/Zone"), GRP_ENOTFOUND);

    grp_test_rmtree(dir);
    free(dir);
}

static int unset_tzdir(void **state)
{
    (void)state;
    return unsetenv("TZDIR");
}

/* ---- TZif images ----------------------------------------------------------- */

static void test_handmade_zones(void **state)
{
    (void)state;
    zone_image img;
    zone_spec s = base_spec();
    grp_tz *tz;

    /* Version 1, 2, 3 and 4 files with the same data read the same. */
    const char versions[] = {0, '2', '3', '4'};
    for (size_t i = 0; i < sizeof versions; i++) {
        s.version = versions[i];
        build(&img, &s);
        tz = load(&img);
        assert_string_equal(grp_tz_name(tz), "Test/Zone");
        assert_u2l(tz, "1900-01-01T00:00:00Z", "1900-01-01T00:50:00", 3000, 0, "LMT");
        assert_u2l(tz, "2002-01-01T00:00:00Z", "2002-01-01T02:00:00", 7200, 1, "BBB");
        /* No footer: the last transition's type holds for ever. */
        assert_u2l(tz, "2090-01-01T00:00:00Z", "2090-01-01T01:00:00", 3600, 0, "AAA");
        tr_list *l = transitions(tz, INT64_MIN, INT64_MAX);
        assert_int_equal(l->n, 3);
        assert_tr(l, 1, "2001-09-09T01:46:40Z", 3600, 7200, 1, "BBB");
        free(l);
        grp_tz_free(tz);
    }

    /* No transitions and no footer: type 0 always. */
    zone_spec one = {'2', 0, NULL, NULL, 1, base_types, "LMT", 4, 0, 0, ""};
    build(&img, &one);
    tz = load(&img);
    assert_u2l(tz, "2026-01-01T00:00:00Z", "2026-01-01T00:50:00", 3000, 0, "LMT");
    grp_tz_free(tz);

    /* No transitions: the footer rules all time ("slim" data at its limit). */
    one.footer = "EST5EDT,M3.2.0,M11.1.0";
    build(&img, &one);
    tz = load(&img);
    assert_u2l(tz, "2026-03-08T07:00:00Z", "2026-03-08T03:00:00", -14400, 1, "EDT");
    assert_u2l(tz, "1800-01-01T12:00:00Z", "1800-01-01T07:00:00", -18000, 0, "EST");
    assert_l2u(tz, "2026-11-01T01:30:00", "2026-11-01T05:30:00Z");
    grp_tz_free(tz);

    /* DST all year (RFC 8536 3.3.1): never a transition, always EDT. */
    one.version = '3';
    one.footer = "EST5EDT,0/0,J365/25";
    build(&img, &one);
    tz = load(&img);
    assert_u2l(tz, "2026-01-01T04:00:00Z", "2026-01-01T00:00:00", -14400, 1, "EDT");
    assert_u2l(tz, "2025-12-31T23:59:59Z", "2025-12-31T19:59:59", -14400, 1, "EDT");
    assert_u2l(tz, "2026-07-01T00:00:00Z", "2026-06-30T20:00:00", -14400, 1, "EDT");
    assert_u2l(tz, "2024-12-31T23:00:00Z", "2024-12-31T19:00:00", -14400, 1, "EDT");
    assert_l2u(tz, "2026-01-01T00:00:00", "2026-01-01T04:00:00Z");
    tr_list *l = transitions(tz, T("2000-01-01T00:00:00Z"), T("2100-01-01T00:00:00Z"));
    assert_int_equal(l->n, 0);
    free(l);
    grp_tz_free(tz);

    /* Rule times outside 0..24 h (RFC 8536 3.3.1), America/Nuuk's footer:
     * DST from 23:00 on the Saturday before the last Sunday of March. */
    one.footer = "<-02>2<-01>,M3.5.0/-1,M10.5.0/0";
    build(&img, &one);
    tz = load(&img);
    assert_u2l(tz, "2026-03-28T23:59:59Z", "2026-03-28T21:59:59", -7200, 0, "-02");
    assert_u2l(tz, "2026-03-29T00:59:59Z", "2026-03-28T22:59:59", -7200, 0, "-02");
    assert_u2l(tz, "2026-03-29T01:00:00Z", "2026-03-29T00:00:00", -3600, 1, "-01");
    assert_u2l(tz, "2026-10-25T00:59:59Z", "2026-10-24T23:59:59", -3600, 1, "-01");
    assert_u2l(tz, "2026-10-25T01:00:00Z", "2026-10-24T23:00:00", -7200, 0, "-02");
    grp_tz_free(tz);

    /* Changes that cross the new year in UTC. DST ends at 23:00 BBB on
     * 31 December (19:00Z) and starts again at 00:00 AAA on 1 January,
     * which is 21:00Z the day before. (glibc evaluates only the rule of the
     * UTC year and gets 21:00Z..23:59Z wrong, so this is checked here
     * rather than in the differential test.) */
    one.footer = "AAA-3BBB,J1/0,J365/23";
    build(&img, &one);
    tz = load(&img);
    assert_u2l(tz, "2044-12-31T18:59:59Z", "2044-12-31T22:59:59", 14400, 1, "BBB");
    assert_u2l(tz, "2044-12-31T19:00:00Z", "2044-12-31T22:00:00", 10800, 0, "AAA");
    assert_u2l(tz, "2044-12-31T20:59:59Z", "2044-12-31T23:59:59", 10800, 0, "AAA");
    assert_u2l(tz, "2044-12-31T21:00:00Z", "2045-01-01T01:00:00", 14400, 1, "BBB");
    assert_u2l(tz, "2044-12-31T23:30:42Z", "2045-01-01T03:30:42", 14400, 1, "BBB");
    assert_l2u(tz, "2044-12-31T22:30:00", "2044-12-31T18:30:00Z"); /* twice: first */
    assert_l2u(tz, "2045-01-01T00:30:00", "2044-12-31T21:30:00Z"); /* gap */
    l = transitions(tz, T("2044-06-01T00:00:00Z"), T("2045-06-01T00:00:00Z"));
    assert_int_equal(l->n, 2);
    assert_tr(l, 0, "2044-12-31T19:00:00Z", 14400, 10800, 0, "AAA");
    assert_tr(l, 1, "2044-12-31T21:00:00Z", 10800, 14400, 1, "BBB");
    free(l);
    grp_tz_free(tz);

    /* An empty footer means "unknown": the last transition's type holds. */
    s = base_spec();
    s.footer = "";
    build(&img, &s);
    tz = load(&img);
    assert_u2l(tz, "2090-01-01T00:00:00Z", "2090-01-01T01:00:00", 3600, 0, "AAA");
    grp_tz_free(tz);
}

/* A "slim" London (one transition and the footer) agrees with the full
 * file everywhere after that transition. */
static void test_slim_matches_fat(void **state)
{
    (void)state;
    static const int64_t times[] = {846378000}; /* 1996-10-27T01:00Z, to GMT */
    static const unsigned char type_of[] = {0};
    static const zone_type types[] = {{0, 0, 0}, {3600, 1, 4}};
    zone_spec s = {
        '2', 1, times, type_of, 2, types, "GMT\0BST", 8, 1, 0, "GMT0BST,M3.5.0/1,M10.5.0"};
    zone_image img;
    build(&img, &s);
    grp_tz *slim = load(&img);
    grp_tz *fat = open_zone("Europe/London");
    for (grp_time t = times[0]; t < T("2100-01-01T00:00:00Z"); t += 86400 * 5 + 3599) {
        int o1, o2, d1, d2;
        const char *a1, *a2;
        grp_assert_ok(grp_tz_offset_at(&o1, &d1, &a1, slim, t));
        grp_assert_ok(grp_tz_offset_at(&o2, &d2, &a2, fat, t));
        assert_int_equal(o1, o2);
        assert_int_equal(d1, d2);
        assert_string_equal(a1, a2);
    }
    tr_list *a = transitions(slim, T("1997-01-01T00:00:00Z"), T("2100-01-01T00:00:00Z"));
    tr_list *b = transitions(fat, T("1997-01-01T00:00:00Z"), T("2100-01-01T00:00:00Z"));
    assert_int_equal(a->n, 206);
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        assert_int_equal(a->t[i].at, b->t[i].at);
        assert_int_equal(a->t[i].offset_before, b->t[i].offset_before);
        assert_int_equal(a->t[i].offset_after, b->t[i].offset_after);
        assert_string_equal(a->abbr[i], b->abbr[i]);
    }
    free(a);
    free(b);
    grp_tz_free(slim);
    grp_tz_free(fat);
}

static void test_truncated_real_file(void **state)
{
    (void)state;
    size_t len;
    unsigned char *data = read_file(ZONEINFO "/Europe/London", &len);
    grp_tz *tz = NULL;
    grp_assert_ok(grp__tz_load_buffer(&tz, "London", data, len));
    grp_tz_free(tz);
    /* Every proper prefix is refused; exact copies make out-of-bounds reads
     * visible to ASan and valgrind. */
    for (size_t n = 0; n < len; n++) {
        unsigned char *copy = malloc(n ? n : 1);
        assert_non_null(copy);
        memcpy(copy, data, n);
        tz = (grp_tz *)&tz;
        grp_assert_rc(grp__tz_load_buffer(&tz, "London", copy, n), GRP_EPARSE);
        grp_assert_msg_contains("TZif 'London': ");
        assert_null(tz);
        free(copy);
    }
    /* So is anything after the footer. */
    data[len] = 'x';
    grp_assert_rc(grp__tz_load_buffer(&tz, "London", data, len + 1), GRP_EPARSE);
    grp_assert_msg_contains("1 unexpected byte(s) after the footer");
    free(data);
}

/* Damage a real file in its headers and counts. */
static void test_hostile_real_file(void **state)
{
    (void)state;
    size_t len;
    unsigned char *data = read_file(ZONEINFO "/Europe/London", &len);
    unsigned char *c = malloc(len);
    assert_non_null(c);
    /* The v2 header follows the 32-bit block. */
    uint32_t n1[6];
    for (int i = 0; i < 6; i++)
        n1[i] = (uint32_t)data[20 + 4 * i] << 24 | (uint32_t)data[21 + 4 * i] << 16 |
                (uint32_t)data[22 + 4 * i] << 8 | data[23 + 4 * i];
    size_t h2 = 44 + n1[3] * 5 + n1[4] * 6 + n1[5] + n1[2] * 8 + n1[1] + n1[0];
    assert_memory_equal(data + h2, "TZif2", 5);
    uint32_t timecnt = (uint32_t)data[h2 + 32] << 24 | (uint32_t)data[h2 + 33] << 16 |
                       (uint32_t)data[h2 + 34] << 8 | data[h2 + 35];
    size_t idx0 = h2 + 44 + (size_t)timecnt * 8;
    char msg[128];

#define RESET() memcpy(c, data, len)
#define FAILS(code, needle) check_load_fails(c, len, (code), (needle), __FILE__, __LINE__)
    RESET();
    c[0] = 'X';
    FAILS(GRP_EPARSE, "TZif 'Test/Zone': bad magic (not a TZif file) at byte 0");
    RESET();
    c[4] = '1';
    FAILS(GRP_EPARSE, "unsupported version byte 0x31 at byte 4");
    RESET();
    c[4] = '5';
    FAILS(GRP_EPARSE, "unsupported version byte 0x35 at byte 4");
    RESET();
    c[h2 + 4] = '3';
    FAILS(GRP_EPARSE, "second header has version 3, first has 2");
    RESET();
    c[h2 + 1] = 'X';
    snprintf(msg, sizeof msg, "bad magic (not a TZif file) at byte %zu", h2);
    FAILS(GRP_EPARSE, msg);
    /* Counts that would overflow a 32-bit size computation or the file. */
    RESET();
    memset(c + h2 + 32, 0xff, 4);
    FAILS(GRP_EPARSE, "timecnt 4294967295 exceeds 65536");
    RESET();
    memset(c + 32, 0xff, 4); /* the skipped version 1 block */
    FAILS(GRP_EPARSE, "version 1 data block truncated");
    RESET();
    memset(c + h2 + 32, 0, 4);
    c[h2 + 34] = 0xff; /* 65280 transitions: within the cap, beyond the file */
    FAILS(GRP_EPARSE, "data block truncated (needs");
    RESET();
    memset(c + h2 + 40, 0xff, 4);
    FAILS(GRP_EPARSE, "charcnt 4294967295 exceeds 65536");
    RESET();
    memset(c + h2 + 36, 0, 4);
    FAILS(GRP_EPARSE, "typecnt is 0");
    RESET();
    c[h2 + 38] = 1; /* typecnt 256 + original */
    FAILS(GRP_EPARSE, "exceeds 256");
    RESET();
    memset(c + h2 + 40, 0, 4);
    FAILS(GRP_EPARSE, "charcnt is 0");
    RESET();
    c[h2 + 23] ^= 1;
    FAILS(GRP_EPARSE, "isutcnt");
    RESET();
    c[h2 + 27] ^= 1;
    FAILS(GRP_EPARSE, "isstdcnt");
    /* A transition type index past the types. */
    RESET();
    c[idx0 + 7] = 200;
    snprintf(msg, sizeof msg, "transition index 200 out of range (8 types) at byte %zu", idx0 + 7);
    FAILS(GRP_EPARSE, msg);
    /* Transitions out of order. */
    RESET();
    memcpy(c + h2 + 44 + 8 * 5, data + h2 + 44 + 8 * 4, 8);
    FAILS(GRP_EPARSE, "is not after the previous one");
    free(c);
    free(data);
#undef RESET
#undef FAILS
}

static void test_hostile_handmade(void **state)
{
    (void)state;
    zone_image img;
    zone_spec s = base_spec();
    char msg[160];

    build(&img, &s);
    img.data[img.type_of + 2] = 7;
    snprintf(msg, sizeof msg,
             "TZif 'Test/Zone': transition index 7 out of range (3 types) at byte %zu",
             img.type_of + 2);
    assert_load_fails(&img, GRP_EPARSE, msg);

    build(&img, &s);
    img.data[img.type_of] = 3; /* one past the last type */
    assert_load_fails(&img, GRP_EPARSE, "transition index 3 out of range (3 types)");

    build(&img, &s);
    patch64(&img, img.times + 16, 0); /* third transition before the second */
    snprintf(msg, sizeof msg,
             "transition 2 (0) is not after the previous one (1000000000) at byte %zu",
             img.times + 16);
    assert_load_fails(&img, GRP_EPARSE, msg);

    build(&img, &s);
    memcpy(img.data + img.times + 8, img.data + img.times, 8); /* a duplicate */
    assert_load_fails(&img, GRP_EPARSE, "transition 1 (-1000000000) is not after the previous one");

    build(&img, &s);
    img.data[img.times] = 0x7f; /* beyond any representable year */
    assert_load_fails(&img, GRP_EPARSE, "transition 0 time");

    build(&img, &s);
    patch32(&img, img.types + 6, 0x80000000u); /* INT32_MIN */
    snprintf(msg, sizeof msg, "local time type 1: UT offset -2147483648 out of range at byte %zu",
             img.types + 6);
    assert_load_fails(&img, GRP_EPARSE, msg);

    build(&img, &s);
    patch32(&img, img.types + 12, 93600); /* 26 hours */
    assert_load_fails(&img, GRP_EPARSE, "local time type 2: UT offset 93600 out of range");

    build(&img, &s);
    img.data[img.types + 4] = 2;
    assert_load_fails(&img, GRP_EPARSE, "local time type 0: isdst 2 is not 0 or 1");

    build(&img, &s);
    img.data[img.types + 6 + 5] = 12;
    snprintf(msg, sizeof msg,
             "local time type 1: abbreviation index 12 out of range (12 bytes) at byte %zu",
             img.types + 11);
    assert_load_fails(&img, GRP_EPARSE, msg);

    /* The last abbreviation runs off the end of the block. */
    build(&img, &s);
    img.data[img.chars + 11] = 'X';
    assert_load_fails(&img, GRP_EPARSE,
                      "local time type 2: abbreviation at index 8 is not NUL-terminated");
    /* ... while an unused unterminated tail is harmless. */
    static const zone_type types_tail[] = {{3000, 0, 0}, {3600, 0, 4}, {7200, 1, 8}};
    zone_spec tail = s;
    tail.types = types_tail;
    tail.chars = "LMT\0AAA\0BBB\0ZZ";
    tail.charcnt = 15;
    build(&img, &tail);
    grp_tz_free(load(&img));

    build(&img, &s);
    img.data[img.isstd + 1] = 2;
    assert_load_fails(&img, GRP_EPARSE, "standard/wall indicator 2 is not 0 or 1");
    build(&img, &s);
    img.data[img.isut] = 1; /* UT but wall clock */
    assert_load_fails(&img, GRP_EPARSE, "local time type 0 is UT but not standard time");
    build(&img, &s);
    img.data[img.isut + 2] = 3;
    assert_load_fails(&img, GRP_EPARSE, "UT/local indicator 3 is not 0 or 1");
    build(&img, &s);
    img.data[img.isut] = 1;
    img.data[img.isstd] = 1;
    grp_tz_free(load(&img));

    /* Leap-second tables are valid TZif that libgrp does not support. */
    zone_spec leap = s;
    leap.leapcnt = 1;
    build(&img, &leap);
    assert_load_fails(&img, GRP_EUNSUPPORTED, "leap-second");

    /* Footers. */
    build(&img, &s);
    img.data[img.footer] = 'x';
    assert_load_fails(&img, GRP_EPARSE, "footer does not start with a newline");
    build(&img, &s);
    img.len = img.footer;
    assert_load_fails(&img, GRP_EPARSE, "footer does not start with a newline");
    build(&img, &s);
    img.data[img.len++] = 'x';
    assert_load_fails(&img, GRP_EPARSE, "1 unexpected byte(s) after the footer");
    struct {
        const char *footer;
        const char *msg;
    } bad_footers[] = {
        {"GMT0BST,M3.5.0/1", "bad footer: TZ string 'GMT0BST,M3.5.0/1': expected ',' between"},
        {"GMT0BST", "daylight saving time without a rule at position 7"},
        {"GMT", "expected a UTC offset at position 3"},
        {"GMT0\tBST", "footer byte 0x09 is not printable ASCII"},
        {"GMT0\x80", "footer byte 0x80 is not printable ASCII"},
    };
    for (size_t i = 0; i < sizeof bad_footers / sizeof bad_footers[0]; i++) {
        s.footer = bad_footers[i].footer;
        build(&img, &s);
        assert_load_fails(&img, GRP_EPARSE, bad_footers[i].msg);
    }
    char long_footer[300];
    memset(long_footer, 'A', 299);
    long_footer[299] = '\0';
    s.footer = long_footer;
    build(&img, &s);
    assert_load_fails(&img, GRP_EPARSE, "footer longer than 255 bytes");
    s.footer = "";
    /* NUL inside the footer. */
    build(&img, &s);
    img.data[img.len - 1] = '\0';
    img.data[img.len++] = '\n';
    assert_load_fails(&img, GRP_EPARSE, "footer byte 0x00 is not printable ASCII");

    /* A version 1 file has no footer and nothing after its block. */
    s.version = 0;
    build(&img, &s);
    img.data[img.len++] = '\n';
    assert_load_fails(&img, GRP_EPARSE, "1 unexpected byte(s) after the data block");

    /* Arguments. */
    grp_tz *tz = NULL;
    build(&img, &s);
    grp_assert_rc(grp__tz_load_buffer(NULL, "x", img.data, img.len), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    grp_assert_rc(grp__tz_load_buffer(&tz, NULL, img.data, img.len), GRP_EINVAL);
    grp_assert_msg_contains("'name'");
    grp_assert_rc(grp__tz_load_buffer(&tz, "x", NULL, 0), GRP_EINVAL);
    grp_assert_msg_contains("'data'");
    char long_name[300];
    memset(long_name, 'n', 256);
    long_name[256] = '\0';
    grp_assert_rc(grp__tz_load_buffer(&tz, long_name, img.data, img.len), GRP_EINVAL);
    assert_null(tz);
}

/* Random single-byte damage anywhere in a real file: whatever the result,
 * no crash and no out-of-bounds read (run under ASan and valgrind). */
static void test_random_damage(void **state)
{
    (void)state;
    size_t len;
    unsigned char *data = read_file(ZONEINFO "/America/New_York", &len);
    unsigned char *c = malloc(len);
    assert_non_null(c);
    unsigned seed = 12345;
    int ok = 0, failed = 0;
    for (int round = 0; round < 3000; round++) {
        memcpy(c, data, len);
        for (int k = 0; k < 1 + round % 3; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % len;
            seed = seed * 1103515245u + 12345u;
            c[at] = (unsigned char)(seed >> 16);
        }
        grp_tz *tz = NULL;
        int rc = grp__tz_load_buffer(&tz, "NY", c, len);
        if (rc == GRP_OK) {
            /* Usable whatever it says. */
            int off;
            grp_time t;
            grp_assert_ok(grp_tz_offset_at(&off, NULL, NULL, tz, 1700000000));
            grp_assert_ok(grp_tz_local_to_utc(&t, tz, L("2026-03-08T02:30:00")));
            tr_list *l = transitions(tz, T("1900-01-01T00:00:00Z"), T("2100-01-01T00:00:00Z"));
            free(l);
            grp_tz_free(tz);
            ok++;
        } else {
            assert_true(rc == GRP_EPARSE || rc == GRP_EUNSUPPORTED);
            assert_null(tz);
            failed++;
        }
    }
    assert_true(ok > 0 && failed > 0);
    free(c);
    free(data);
}

/* ---- the POSIX TZ string parser ------------------------------------------- */

static void test_posix_parser(void **state)
{
    (void)state;
    struct {
        const char *text;
        const char *std, *dst;
        int std_offset, dst_offset;
        int start_kind, start_month, start_week, start_day, start_time;
        int end_kind, end_month, end_week, end_day, end_time;
    } good[] = {
        {"UTC0", "UTC", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {"GMT0BST,M3.5.0/1,M10.5.0", "GMT", "BST", 0, 3600, GRP__TZ_MWD, 3, 5, 0, 3600, GRP__TZ_MWD,
         10, 5, 0, 7200},
        {"EST5EDT,M3.2.0,M11.1.0", "EST", "EDT", -18000, -14400, GRP__TZ_MWD, 3, 2, 0, 7200,
         GRP__TZ_MWD, 11, 1, 0, 7200},
        {"<+0530>-5:30", "+0530", "", 19800, 19800, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {"IST-5:30", "IST", "", 19800, 19800, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {"<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "+1030", "+11", 37800, 39600, GRP__TZ_MWD, 10, 1,
         0, 7200, GRP__TZ_MWD, 4, 1, 0, 7200},
        {"IST-1GMT0,M10.5.0,M3.5.0/1", "IST", "GMT", 3600, 0, GRP__TZ_MWD, 10, 5, 0, 7200,
         GRP__TZ_MWD, 3, 5, 0, 3600},
        {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "-02", "-01", -7200, -3600, GRP__TZ_MWD, 3, 5, 0, -3600,
         GRP__TZ_MWD, 10, 5, 0, 0},
        {"IST-2IDT,M3.4.4/26,M10.5.0", "IST", "IDT", 7200, 10800, GRP__TZ_MWD, 3, 4, 4, 93600,
         GRP__TZ_MWD, 10, 5, 0, 7200},
        {"EST5EDT,0/0,J365/25", "EST", "EDT", -18000, -14400, GRP__TZ_JULIAN_0, 0, 0, 0, 0,
         GRP__TZ_JULIAN_1, 0, 0, 365, 90000},
        {"NST3:30NDT,M3.2.0,M11.1.0", "NST", "NDT", -12600, -9000, GRP__TZ_MWD, 3, 2, 0, 7200,
         GRP__TZ_MWD, 11, 1, 0, 7200},
        {"<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", "+1245", "+1345", 45900, 49500,
         GRP__TZ_MWD, 9, 5, 0, 9900, GRP__TZ_MWD, 4, 1, 0, 13500},
        {"AAA+3BBB+2:30:15,J60/-167,300/167:59:59", "AAA", "BBB", -10800, -9015, GRP__TZ_JULIAN_1,
         0, 0, 60, -601200, GRP__TZ_JULIAN_0, 0, 0, 300, 604799},
        {"<UTC+14>-14", "UTC+14", "", 50400, 50400, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {"XXX-24:59:59", "XXX", "", 89999, 89999, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {"<-00>0", "-00", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {"AEST-10AEDT,M10.1.0,M4.1.0/3", "AEST", "AEDT", 36000, 39600, GRP__TZ_MWD, 10, 1, 0, 7200,
         GRP__TZ_MWD, 4, 1, 0, 10800},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE1", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE", "", -3600, -3600, 0,
         0, 0, 0, 0, 0, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        grp__tz_posix r;
        memset(&r, 0x5a, sizeof r);
        grp_assert_ok(grp__tz_posix_parse(&r, good[i].text, strlen(good[i].text)));
        assert_string_equal(r.std_abbr, good[i].std);
        assert_string_equal(r.dst_abbr, good[i].dst);
        assert_int_equal(r.std_offset, good[i].std_offset);
        assert_int_equal(r.dst_offset, good[i].dst_offset);
        assert_int_equal(r.has_dst, good[i].dst[0] != '\0');
        if (!r.has_dst)
            continue;
        assert_int_equal(r.start.kind, good[i].start_kind);
        assert_int_equal(r.start.month, good[i].start_month);
        assert_int_equal(r.start.week, good[i].start_week);
        assert_int_equal(r.start.day, good[i].start_day);
        assert_int_equal(r.start.time, good[i].start_time);
        assert_int_equal(r.end.kind, good[i].end_kind);
        assert_int_equal(r.end.month, good[i].end_month);
        assert_int_equal(r.end.week, good[i].end_week);
        assert_int_equal(r.end.day, good[i].end_day);
        assert_int_equal(r.end.time, good[i].end_time);
    }

    struct {
        const char *text;
        const char *msg;
    } bad[] = {
        {"", "TZ string '': abbreviation shorter than 3 characters at position 0"},
        {"GM0", "abbreviation shorter than 3 characters at position 2"},
        {"<ab>5", "abbreviation shorter than 3 characters at position 4"},
        {"<+0530-5:30", "expected '>' closing a quoted abbreviation at position 8"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG0",
         "abbreviation longer than 31 characters at position 31"},
        {"GMT", "expected a UTC offset at position 3"},
        {"GMT+25", "expected offset hours 0..24 at position 4"},
        {"GMT0:60", "expected minutes 00..59 at position 5"},
        {"GMT0:5:61", "expected seconds 00..59 at position 7"},
        {"GMT0 ", "abbreviation shorter than 3 characters at position 4"},
        {"GMT0BST", "daylight saving time without a rule at position 7"},
        {"GMT0BST1", "daylight saving time without a rule at position 8"},
        {"GMT0BST;M3.5.0,M10.5.0", "expected a UTC offset at position 7"},
        {"GMT0BST,M3.5.0", "expected ',' between the rule's dates at position 14"},
        {"GMT0BST,M13.5.0,M10.5.0", "expected a month 1..12 at position 9"},
        {"GMT0BST,M3-5.0,M10.5.0", "expected '.' after the month at position 10"},
        {"GMT0BST,M3.6.0,M10.5.0", "expected a week 1..5 at position 11"},
        {"GMT0BST,M3.5.7,M10.5.0", "expected a weekday 0..6 at position 13"},
        {"GMT0BST,J0,M10.5.0", "expected a Julian day 1..365 at position 9"},
        {"GMT0BST,366,M10.5.0", "expected a day 0..365 at position 8"},
        {"GMT0BST,x,M10.5.0", "expected a rule date (Jn, n or Mm.w.d) at position 8"},
        {"GMT0BST,M3.5.0/168,M10.5.0", "expected rule time hours -167..167 at position 15"},
        {"GMT0BST,M3.5.0/1:2:60,M10.5.0", "expected seconds 00..59 at position 19"},
        {"GMT0BST,M3.5.0,M10.5.0x", "unexpected text after the rule at position 22"},
        {"GMT0BST,M3.5.0,M10.5.0,", "unexpected text after the rule at position 22"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        grp__tz_posix r;
        grp_assert_rc(grp__tz_posix_parse(&r, bad[i].text, strlen(bad[i].text)), GRP_EPARSE);
        grp_assert_msg_contains(bad[i].msg);
    }
    /* The length bounds the text: a NUL inside it is just a bad character. */
    grp__tz_posix r;
    grp_assert_rc(grp__tz_posix_parse(&r, "UTC0\0junk", 9), GRP_EPARSE);
    grp_assert_msg_contains("at position 4");
    grp_assert_ok(grp__tz_posix_parse(&r, "UTC0junk", 4));
    assert_string_equal(r.std_abbr, "UTC");
    grp_assert_rc(grp__tz_posix_parse(NULL, "UTC0", 4), GRP_EINVAL);
    grp_assert_rc(grp__tz_posix_parse(&r, NULL, 0), GRP_EINVAL);
}

/* ---- differential checks against glibc ------------------------------------ */

typedef struct libc_view {
    int offset, is_dst;
    char abbr[16];
    grp_datetime local;
} libc_view;

static void libc_at(libc_view *v, grp_time t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    assert_non_null(localtime_r(&tt, &tm));
    grp_datetime local = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour,        tm.tm_min,     tm.tm_sec};
    v->local = local;
    int64_t secs = grp__days_from_civil(local.year, local.month, local.day) * 86400 +
                   tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    v->offset = (int)(secs - t);
    v->is_dst = tm.tm_isdst > 0;
    assert_true(strftime(v->abbr, sizeof v->abbr, "%Z", &tm) > 0);
}

static void compare_at(const grp_tz *tz, const char *label, grp_time t, libc_view *v)
{
    int off, dst;
    const char *abbr;
    grp_datetime dt;
    libc_at(v, t);
    grp_assert_ok(grp_tz_offset_at(&off, &dst, &abbr, tz, t));
    grp_assert_ok(grp_tz_utc_to_local(&dt, NULL, tz, t));
    if (off != v->offset || dst != v->is_dst || strcmp(abbr, v->abbr) != 0 ||
        memcmp(&dt, &v->local, sizeof dt) != 0) {
        char buf[32];
        grp_time_format(buf, sizeof buf, t);
        print_error("%s at %s (%lld): libgrp %d dst %d '%s', glibc %d dst %d '%s'\n", label, buf,
                    (long long)t, off, dst, abbr, v->offset, v->is_dst, v->abbr);
        fail();
    }
    /* Back again: the earliest instant with this wall-clock reading. */
    grp_time back;
    grp_datetime again;
    grp_assert_ok(grp_tz_local_to_utc(&back, tz, dt));
    grp_assert_ok(grp_tz_utc_to_local(&again, NULL, tz, back));
    assert_true(back <= t);
    assert_memory_equal(&again, &dt, sizeof dt);
}

/* Compare every few days of [from, to), at both sides of each of our
 * transitions, and check that glibc sees no change between samples that we
 * do not report. */
static void compare_zone(const grp_tz *tz, const char *label, grp_time from, grp_time to)
{
    const grp_time step = 3 * 86400 + 3607;
    tr_list *l = transitions(tz, from, to);
    libc_view prev, cur;
    size_t k = 0;
    compare_at(tz, label, from, &prev);
    for (grp_time t = from + step; t < to; t += step) {
        compare_at(tz, label, t, &cur);
        int changed = cur.offset != prev.offset || cur.is_dst != prev.is_dst ||
                      strcmp(cur.abbr, prev.abbr) != 0;
        size_t k0 = k;
        while (k < l->n && l->t[k].at <= t)
            k++;
        if (changed && k == k0) {
            print_error("%s: glibc changes between %lld and %lld, libgrp does not\n", label,
                        (long long)(t - step), (long long)t);
            fail();
        }
        prev = cur;
    }
    for (size_t i = 0; i < l->n; i++) {
        compare_at(tz, label, l->t[i].at - 1, &prev);
        compare_at(tz, label, l->t[i].at, &cur);
        assert_int_equal(prev.offset, l->t[i].offset_before);
        assert_int_equal(cur.offset, l->t[i].offset_after);
        assert_int_equal(cur.is_dst, l->t[i].is_dst_after);
        assert_string_equal(cur.abbr, l->abbr[i]);
    }
    free(l);
}

static void set_libc_tz(const char *value)
{
    assert_int_equal(setenv("TZ", value, 1), 0);
    tzset();
}

static void test_differential_zones(void **state)
{
    (void)state;
    static const char *zones[] = {
        "Europe/London",      "America/New_York",    "Asia/Kolkata",
        "Asia/Kathmandu",     "Australia/Lord_Howe", "Australia/Sydney",
        "America/Sao_Paulo",  "Pacific/Chatham",     "America/St_Johns",
        "Europe/Dublin",      "Africa/Casablanca",   "America/Nuuk",
        "Asia/Jerusalem",     "Antarctica/Troll",    "Pacific/Apia",
        "Asia/Tehran",        "America/Santiago",    "Europe/Moscow",
        "Pacific/Kiritimati", "America/Los_Angeles", "UTC",
        "Etc/GMT+12",
    };
    char tzvar[128];
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
        grp_tz *tz = open_zone(zones[i]);
        snprintf(tzvar, sizeof tzvar, ":%s", zones[i]);
        set_libc_tz(tzvar);
        compare_zone(tz, zones[i], T("1900-01-01T00:00:00Z"), T("2100-01-01T00:00:00Z"));
        grp_tz_free(tz);
    }
    unsetenv("TZ");
    tzset();
}

/* The rule evaluator against glibc's own TZ string support. */
static void test_differential_posix(void **state)
{
    (void)state;
    static const char *rules[] = {
        "GMT0BST,M3.5.0/1,M10.5.0",
        "EST5EDT,M3.2.0,M11.1.0",
        "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
        "AEST-10AEDT,M10.1.0,M4.1.0/3",
        "IST-1GMT0,M10.5.0,M3.5.0/1",
        "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
        "IST-2IDT,M3.4.4/26,M10.5.0",
        "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
        "NST3:30NDT,M3.2.0,M11.1.0",
        "AAA3BBB,J60/1,J300/1",
        "AAA3BBB,59/1,299/1",
        "CET-1CEST,M3.5.0,M10.5.0/3",
        "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3",
        "AAA-10BBB,M10.5.6/30,M3.5.6/-20",
        "UTC0",
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        static const zone_type types[] = {{0, 0, 0}};
        zone_spec s = {'3', 0, NULL, NULL, 1, types, "UTC", 4, 0, 0, rules[i]};
        zone_image img;
        build(&img, &s);
        grp_tz *tz = load(&img);
        set_libc_tz(rules[i]);
        /* glibc evaluates TZ string rules from 1970 only. */
        compare_zone(tz, rules[i], T("1970-01-01T00:00:00Z"), T("2100-01-01T00:00:00Z"));
        grp_tz_free(tz);
    }
    unsetenv("TZ");
    tzset();
}

/* ---- sharing, allocation --------------------------------------------------- */

typedef struct worker {
    const grp_tz *tz;
    grp_time from;
    int offsets[2000];
    grp_time round_trip[2000];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (int i = 0; i < 2000; i++) {
        grp_time t = w->from + (grp_time)i * 86400 * 7;
        grp_datetime dt;
        if (grp_tz_utc_to_local(&dt, &w->offsets[i], w->tz, t) != GRP_OK ||
            grp_tz_local_to_utc(&w->round_trip[i], w->tz, dt) != GRP_OK)
            w->offsets[i] = INT32_MIN;
    }
    return NULL;
}

static void test_threads_share_a_zone(void **state)
{
    (void)state;
    grp_tz *tz = open_zone("Australia/Lord_Howe");
    worker *w = calloc(4, sizeof *w);
    assert_non_null(w);
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        w[i].tz = tz;
        w[i].from = T("1990-01-01T00:00:00Z") + i * 86400;
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 2000; j++) {
            grp_time t = w[i].from + (grp_time)j * 86400 * 7;
            int off;
            grp_assert_ok(grp_tz_offset_at(&off, NULL, NULL, tz, t));
            assert_int_equal(w[i].offsets[j], off);
            assert_true(w[i].round_trip[j] <= t);
        }
    free(w);
    grp_tz_free(tz);
}

static long alloc_calls;
static long fail_at;

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

static void test_allocation(void **state)
{
    (void)state;
    const grp_allocator hooks = {counting_malloc, counting_realloc, counting_free, NULL};
    assert_int_equal(grp__alloc_live(), 0);
    grp_assert_ok(grp_set_allocator(&hooks));
    /* Each allocation of a load fails in turn, cleanly. */
    for (fail_at = 1; fail_at <= 2; fail_at++) {
        grp_tz *tz = (grp_tz *)&tz;
        alloc_calls = 0;
        grp_assert_rc(grp_tz_open(&tz, "Europe/London"), GRP_ENOMEM);
        grp_assert_msg_contains("out of memory");
        assert_null(tz);
        assert_int_equal(grp__alloc_live(), 0);
    }
    fail_at = 0;
    alloc_calls = 0;
    grp_tz *tz = open_zone("Europe/London");
    assert_int_equal(alloc_calls, 2); /* the file, then the zone */
    assert_int_equal(grp__alloc_live(), 1);
    /* Conversions never allocate. */
    for (grp_time t = T("1900-01-01T00:00:00Z"); t < T("2100-01-01T00:00:00Z"); t += 86400 * 30) {
        grp_datetime dt;
        grp_time back;
        int off;
        grp_assert_ok(grp_tz_utc_to_local(&dt, &off, tz, t));
        grp_assert_ok(grp_tz_local_to_utc(&back, tz, dt));
        grp_assert_ok(grp_tz_offset_at(&off, NULL, NULL, tz, t));
    }
    tr_list *l = transitions(tz, INT64_MIN, T("2100-01-01T00:00:00Z"));
    assert_true(l->n > 200);
    free(l);
    assert_int_equal(alloc_calls, 2);
    grp_tz_free(tz);
    assert_int_equal(grp__alloc_live(), 0);
    grp_assert_ok(grp_set_allocator(NULL));
}

int main(void)
{
    /* The tests name zones in the system directory unless they say otherwise. */
    unsetenv("TZDIR");
    const struct CMUnitTest tests[] = {
        /* First, while no other test can have left memory behind. */
        cmocka_unit_test(test_allocation),
        cmocka_unit_test(test_london_2026),
        cmocka_unit_test(test_new_york_2026),
        cmocka_unit_test(test_odd_offsets),
        cmocka_unit_test(test_southern_hemisphere),
        cmocka_unit_test(test_utc),
        cmocka_unit_test(test_footer_far_future),
        cmocka_unit_test(test_before_first_transition),
        cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_conversion_errors),
        cmocka_unit_test_teardown(test_tzdir, unset_tzdir),
        cmocka_unit_test(test_handmade_zones),
        cmocka_unit_test(test_slim_matches_fat),
        cmocka_unit_test(test_truncated_real_file),
        cmocka_unit_test(test_hostile_real_file),
        cmocka_unit_test(test_hostile_handmade),
        cmocka_unit_test(test_random_damage),
        cmocka_unit_test(test_posix_parser),
        cmocka_unit_test(test_differential_zones),
        cmocka_unit_test(test_differential_posix),
        cmocka_unit_test(test_threads_share_a_zone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
