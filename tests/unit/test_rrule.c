/* RFC 5545 recurrence rules: parse/print table, round trips, the RFC's own
 * examples with their exact dates, the shapes where libical disagrees with
 * the RFC (see tests/ical/test_rrule_libical.c), seeking, empty rules,
 * time zones, allocation behaviour and every argument check. */
#include "support.h"
#include "util/alloc.h"

#include <libgrp/rrule.h>
#include <libgrp/tz.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------- */

static grp_datetime DT(int y, int mo, int d, int h, int mi, int s)
{
    grp_datetime dt = {y, mo, d, h, mi, s};
    return dt;
}

static grp_datetime parse_dt(const char *text)
{
    grp_datetime dt;
    grp_assert_ok(grp_datetime_parse(&dt, text));
    return dt;
}

static int dt_cmp(grp_datetime a, grp_datetime b)
{
    int x[6] = {a.year, a.month, a.day, a.hour, a.minute, a.second};
    int y[6] = {b.year, b.month, b.day, b.hour, b.minute, b.second};
    for (int i = 0; i < 6; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static grp_rrule *parse_ok(const char *text)
{
    grp_rrule *r = NULL;
    grp_assert_ok(grp_rrule_parse(&r, text));
    assert_non_null(r);
    return r;
}

/* Expand rule from dtstart ("YYYY-MM-DDTHH:MM:SS") and compare with the
 * space-separated dates of `expected`, all at DTSTART's time of day. With
 * `exact` the series must end right after them. */
static void check_series_tz(const char *rule, const char *dtstart, const grp_tz *tz,
                            const char *expected, int exact)
{
    grp_rrule *r = parse_ok(rule);
    grp_rrule_iterator *it = NULL;
    grp_datetime start = parse_dt(dtstart), occ;
    const char *p = expected;
    int n = 0;
    grp_assert_ok(grp_rrule_iterator_new(&it, r, start, tz));
    while (*p) {
        grp_date want;
        char buf[11];
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        memcpy(buf, p, 10);
        buf[10] = '\0';
        p += 10;
        grp_assert_ok(grp_date_parse(&want, buf));
        int rc = grp_rrule_iterator_next(&occ, it);
        if (rc != 0 || occ.year != want.year || occ.month != want.month || occ.day != want.day ||
            occ.hour != start.hour || occ.minute != start.minute || occ.second != start.second) {
            char got[32] = "(end)";
            if (rc == 0)
                grp_datetime_format(got, sizeof got, occ);
            print_error("rule %s from %s: occurrence #%d is %s, expected %s\n", rule, dtstart, n,
                        got, buf);
            fail();
        }
        n++;
    }
    if (exact) {
        int rc = grp_rrule_iterator_next(&occ, it);
        if (rc != GRP_ITEROVER) {
            char got[32];
            grp_datetime_format(got, sizeof got, occ);
            print_error("rule %s from %s: expected the end after %d, got %s\n", rule, dtstart, n,
                        got);
            fail();
        }
        /* and it stays over */
        grp_assert_rc(grp_rrule_iterator_next(&occ, it), GRP_ITEROVER);
    }
    grp_rrule_iterator_free(it);
    grp_rrule_free(r);
}

static void check_series(const char *rule, const char *dtstart, const char *expected, int exact)
{
    check_series_tz(rule, dtstart, NULL, expected, exact);
}

/* Number of occurrences (the series must end), and the first and last. */
static void check_count_tz(const char *rule, const char *dtstart, const grp_tz *tz, long count,
                           const char *first, const char *last)
{
    grp_rrule *r = parse_ok(rule);
    grp_rrule_iterator *it = NULL;
    grp_datetime occ, f = {0, 0, 0, 0, 0, 0}, l = f;
    long n = 0;
    int rc;
    grp_assert_ok(grp_rrule_iterator_new(&it, r, parse_dt(dtstart), tz));
    while ((rc = grp_rrule_iterator_next(&occ, it)) == 0) {
        if (n == 0)
            f = occ;
        l = occ;
        n++;
        assert_true(n <= 4000000);
    }
    grp_assert_rc(rc, GRP_ITEROVER);
    if (n != count) {
        print_error("rule %s from %s: %ld occurrences, expected %ld\n", rule, dtstart, n, count);
        fail();
    }
    if (count > 0) {
        assert_int_equal(dt_cmp(f, parse_dt(first)), 0);
        assert_int_equal(dt_cmp(l, parse_dt(last)), 0);
    }
    grp_rrule_iterator_free(it);
    grp_rrule_free(r);
}

static void check_count(const char *rule, const char *dtstart, long count, const char *first,
                        const char *last)
{
    check_count_tz(rule, dtstart, NULL, count, first, last);
}

/* ---- parse and print ------------------------------------------------- */

struct parse_case {
    const char *text;
    int code;            /* 0 for a valid rule */
    const char *result;  /* canonical text, or a substring of the message */
};

static const struct parse_case parse_cases[] = {
    /* valid: canonical form */
    {"FREQ=DAILY", 0, "FREQ=DAILY"},
    {"RRULE:FREQ=WEEKLY", 0, "FREQ=WEEKLY"},
    {"rrule:freq=monthly;interval=1", 0, "FREQ=MONTHLY"},
    {"FREQ=YEARLY;INTERVAL=2", 0, "FREQ=YEARLY;INTERVAL=2"},
    {"COUNT=10;FREQ=DAILY", 0, "FREQ=DAILY;COUNT=10"},
    {"FREQ=DAILY;UNTIL=20261231", 0, "FREQ=DAILY;UNTIL=20261231"},
    {"FREQ=DAILY;UNTIL=20261231T235959", 0, "FREQ=DAILY;UNTIL=20261231T235959"},
    {"FREQ=DAILY;UNTIL=20261231t235959z", 0, "FREQ=DAILY;UNTIL=20261231T235959Z"},
    {"FREQ=DAILY;UNTIL=20240229", 0, "FREQ=DAILY;UNTIL=20240229"},
    {"FREQ=WEEKLY;BYDAY=FR,MO,WE", 0, "FREQ=WEEKLY;BYDAY=MO,WE,FR"},
    {"FREQ=WEEKLY;BYDAY=su,sa;WKST=su", 0, "FREQ=WEEKLY;BYDAY=SA,SU;WKST=SU"},
    {"FREQ=WEEKLY;WKST=MO", 0, "FREQ=WEEKLY"},
    {"FREQ=WEEKLY;BYDAY=TU,WE,WE", 0, "FREQ=WEEKLY;BYDAY=TU,WE"},
    {"FREQ=MONTHLY;BYDAY=-1FR", 0, "FREQ=MONTHLY;BYDAY=-1FR"},
    {"FREQ=MONTHLY;BYDAY=+1MO,-1MO,MO,2MO", 0, "FREQ=MONTHLY;BYDAY=MO,1MO,2MO,-1MO"},
    {"FREQ=MONTHLY;BYDAY=SU,-2SA,1TU", 0, "FREQ=MONTHLY;BYDAY=1TU,-2SA,SU"},
    {"FREQ=MONTHLY;BYMONTHDAY=-1,1,15,-2", 0, "FREQ=MONTHLY;BYMONTHDAY=1,15,-2,-1"},
    {"FREQ=MONTHLY;BYMONTHDAY=+5,05,5", 0, "FREQ=MONTHLY;BYMONTHDAY=5"},
    {"FREQ=MONTHLY;BYMONTHDAY=31,-31", 0, "FREQ=MONTHLY;BYMONTHDAY=31,-31"},
    {"FREQ=YEARLY;BYMONTH=12,1,6,1", 0, "FREQ=YEARLY;BYMONTH=1,6,12"},
    {"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 0,
     "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"},
    {"FREQ=MONTHLY;BYSETPOS=3,-1,1;BYDAY=TU,WE,TH", 0,
     "FREQ=MONTHLY;BYDAY=TU,WE,TH;BYSETPOS=1,3,-1"},
    {"FREQ=YEARLY;BYDAY=20MO", 0, "FREQ=YEARLY;BYDAY=20MO"},
    {"FREQ=YEARLY;BYDAY=-53SU,53SU", 0, "FREQ=YEARLY;BYDAY=53SU,-53SU"},
    {"FREQ=YEARLY;BYSETPOS=-366,366;BYMONTH=1", 0, "FREQ=YEARLY;BYMONTH=1;BYSETPOS=366,-366"},
    {"FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", 0,
     "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYMONTHDAY=2,3,4,5,6,7,8;BYDAY=TU"},
    {"FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", 0,
     "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;BYDAY=MO,WE,FR;WKST=SU"},
    {"FREQ=DAILY;", 0, "FREQ=DAILY"},
    {"FREQ=DAILY;COUNT=2147483647", 0, "FREQ=DAILY;COUNT=2147483647"},
    {"FREQ=DAILY;INTERVAL=0002", 0, "FREQ=DAILY;INTERVAL=2"},
    {"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", 0, "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"},
    {"WKST=SA;BYSETPOS=2;BYMONTHDAY=1,2,3;INTERVAL=3;COUNT=4;FREQ=MONTHLY;BYMONTH=3,1;BYDAY=SA,SU", 0,
     "FREQ=MONTHLY;INTERVAL=3;COUNT=4;BYMONTH=1,3;BYMONTHDAY=1,2,3;BYDAY=SA,SU;BYSETPOS=2;WKST=SA"},

    /* malformed text: GRP_EPARSE with the position */
    {"", GRP_EPARSE, "RRULE: empty rule at position 0"},
    {"RRULE:", GRP_EPARSE, "empty rule at position 6"},
    {"INTERVAL=2", GRP_EPARSE, "missing FREQ at position 0"},
    {"RRULE:COUNT=3", GRP_EPARSE, "missing FREQ at position 6"},
    {"FREQ=DAILY;;COUNT=2", GRP_EPARSE, "empty part at position 11"},
    {";FREQ=DAILY", GRP_EPARSE, "empty part at position 0"},
    {"FREQ=DAILY;;", GRP_EPARSE, "empty part at position 11"},
    {"FREQ=DAILY;COUNT", GRP_EPARSE, "expected NAME=VALUE at position 11"},
    {"=DAILY", GRP_EPARSE, "expected NAME=VALUE at position 0"},
    {"FREQ=FORTNIGHTLY", GRP_EPARSE, "bad FREQ value 'FORTNIGHTLY' at position 5"},
    {"FREQ=DAILY ", GRP_EPARSE, "bad FREQ value 'DAILY ' at position 5"},
    {"FREQ=", GRP_EPARSE, "bad FREQ value '' at position 5"},
    {"FREQ=DAILY;FREQ=WEEKLY", GRP_EPARSE, "FREQ given twice at position 11"},
    {"FREQ=DAILY;bymonth=1;BYMONTH=2", GRP_EPARSE, "BYMONTH given twice at position 21"},
    {"FREQ=DAILY;COUNT=5;UNTIL=20260101", GRP_EPARSE,
     "COUNT and UNTIL must not both be given at position 19"},
    {"UNTIL=20260101;FREQ=DAILY;COUNT=5", GRP_EPARSE,
     "COUNT and UNTIL must not both be given at position 26"},
    {"FREQ=WEEKLY;BYDAY=MO,XX", GRP_EPARSE, "bad BYDAY value 'XX' at position 21"},
    {"FREQ=MONTHLY;BYDAY=1MO,XX", GRP_EPARSE, "RRULE: bad BYDAY value 'XX' at position 23"},
    {"FREQ=MONTHLY;BYDAY=0MO", GRP_EPARSE, "bad BYDAY value '0MO' at position 19"},
    {"FREQ=MONTHLY;BYDAY=54MO", GRP_EPARSE, "bad BYDAY value '54MO' at position 19"},
    {"FREQ=MONTHLY;BYDAY=+MO", GRP_EPARSE, "bad BYDAY value '+MO' at position 19"},
    {"FREQ=MONTHLY;BYDAY=MON", GRP_EPARSE, "bad BYDAY value 'MON' at position 19"},
    {"FREQ=MONTHLY;BYDAY=1 MO", GRP_EPARSE, "bad BYDAY value '1 MO' at position 19"},
    {"FREQ=MONTHLY;BYDAY=MO,", GRP_EPARSE, "bad BYDAY value '' at position 22"},
    {"FREQ=WEEKLY;BYDAY=1MO", GRP_EPARSE,
     "BYDAY ordinal '1MO' needs FREQ=MONTHLY or YEARLY at position 18"},
    {"BYDAY=TU,-1FR;FREQ=DAILY", GRP_EPARSE, "BYDAY ordinal '-1FR' needs FREQ=MONTHLY or YEARLY at position 9"},
    {"FREQ=WEEKLY;BYMONTHDAY=1", GRP_EPARSE,
     "BYMONTHDAY is not allowed with FREQ=WEEKLY at position 12"},
    {"FREQ=MONTHLY;BYSETPOS=1", GRP_EPARSE, "BYSETPOS needs another BYxxx part at position 13"},
    {"FREQ=DAILY;INTERVAL=0", GRP_EPARSE, "bad INTERVAL value '0' at position 20"},
    {"FREQ=DAILY;INTERVAL=-1", GRP_EPARSE, "bad INTERVAL value '-1' at position 20"},
    {"FREQ=DAILY;INTERVAL=+1", GRP_EPARSE, "bad INTERVAL value '+1' at position 20"},
    {"FREQ=DAILY;INTERVAL=2147483648", GRP_EPARSE, "bad INTERVAL value '2147483648' at position 20"},
    {"FREQ=DAILY;COUNT=0", GRP_EPARSE, "bad COUNT value '0' at position 17"},
    {"FREQ=DAILY;COUNT=1x", GRP_EPARSE, "bad COUNT value '1x' at position 17"},
    {"FREQ=DAILY;UNTIL=20260230", GRP_EPARSE, "bad UNTIL value '20260230' at position 17"},
    {"FREQ=DAILY;UNTIL=2026-01-01", GRP_EPARSE, "bad UNTIL value '2026-01-01' at position 17"},
    {"FREQ=DAILY;UNTIL=20260101T240000Z", GRP_EPARSE, "bad UNTIL value '20260101T240000Z' at position 17"},
    {"FREQ=DAILY;UNTIL=20260101T235960", GRP_EPARSE, "bad UNTIL value"},
    {"FREQ=DAILY;UNTIL=20260101T1200", GRP_EPARSE, "bad UNTIL value '20260101T1200' at position 17"},
    {"FREQ=DAILY;UNTIL=20260101Z", GRP_EPARSE, "bad UNTIL value '20260101Z' at position 17"},
    {"FREQ=DAILY;UNTIL=20260101X120000", GRP_EPARSE, "bad UNTIL value"},
    {"FREQ=DAILY;UNTIL=2026O101", GRP_EPARSE, "bad UNTIL value '2026O101' at position 17"},
    {"FREQ=DAILY;UNTIL=20260101T12000O", GRP_EPARSE, "bad UNTIL value '20260101T12000O' at position 17"},
    {"FREQ=DAILY;UNTIL=20260101T120000X", GRP_EPARSE, "bad UNTIL value '20260101T120000X' at position 17"},
    {"FREQ=DAILY;UNTIL=20260101T120000+01", GRP_EPARSE, "bad UNTIL value"},
    {"FREQ=DAILY;UNTIL=00000101", GRP_EPARSE, "bad UNTIL value '00000101' at position 17"},
    {"FREQ=MONTHLY;BYMONTHDAY=0", GRP_EPARSE, "bad BYMONTHDAY value '0' at position 24"},
    {"FREQ=MONTHLY;BYMONTHDAY=32", GRP_EPARSE, "bad BYMONTHDAY value '32' at position 24"},
    {"FREQ=MONTHLY;BYMONTHDAY=-32", GRP_EPARSE, "bad BYMONTHDAY value '-32' at position 24"},
    {"FREQ=MONTHLY;BYMONTHDAY=1,,2", GRP_EPARSE, "bad BYMONTHDAY value '' at position 26"},
    {"FREQ=MONTHLY;BYMONTHDAY=", GRP_EPARSE, "bad BYMONTHDAY value '' at position 24"},
    {"FREQ=YEARLY;BYMONTH=13", GRP_EPARSE, "bad BYMONTH value '13' at position 20"},
    {"FREQ=YEARLY;BYMONTH=-1", GRP_EPARSE, "bad BYMONTH value '-1' at position 20"},
    {"FREQ=YEARLY;BYMONTH=0", GRP_EPARSE, "bad BYMONTH value '0' at position 20"},
    {"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", GRP_EPARSE, "bad BYSETPOS value '0' at position 31"},
    {"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", GRP_EPARSE, "bad BYSETPOS value '367' at position 31"},
    {"FREQ=DAILY;WKST=XX", GRP_EPARSE, "bad WKST value 'XX' at position 16"},
    {"FREQ=DAILY;X-FOO=1", GRP_EPARSE, "unknown part 'X-FOO' at position 11"},
    {" FREQ=DAILY", GRP_EPARSE, "unknown part ' FREQ' at position 0"},
    {"RRULE:RRULE:FREQ=DAILY", GRP_EPARSE, "unknown part 'RRULE:FREQ' at position 6"},
    {"FREQ=DAILY;BYDAY=MO;BYDAY=TU", GRP_EPARSE, "BYDAY given twice at position 20"},

    /* valid RFC 5545 / RFC 7529 outside the subset: GRP_EUNSUPPORTED */
    {"FREQ=HOURLY", GRP_EUNSUPPORTED, "FREQ=HOURLY is not supported at position 5"},
    {"FREQ=minutely", GRP_EUNSUPPORTED, "FREQ=MINUTELY is not supported"},
    {"FREQ=SECONDLY;COUNT=2", GRP_EUNSUPPORTED, "FREQ=SECONDLY is not supported"},
    {"FREQ=DAILY;BYHOUR=9", GRP_EUNSUPPORTED, "BYHOUR is not supported at position 11"},
    {"FREQ=DAILY;BYMINUTE=0,30", GRP_EUNSUPPORTED, "BYMINUTE is not supported at position 11"},
    {"FREQ=DAILY;bysecond=0", GRP_EUNSUPPORTED, "BYSECOND is not supported at position 11"},
    {"FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", GRP_EUNSUPPORTED, "BYWEEKNO is not supported at position 12"},
    {"FREQ=YEARLY;BYYEARDAY=1,100,200", GRP_EUNSUPPORTED, "BYYEARDAY is not supported at position 12"},
    {"RSCALE=HEBREW;FREQ=YEARLY", GRP_EUNSUPPORTED, "RSCALE is not supported at position 0"},
    {"FREQ=MONTHLY;SKIP=FORWARD", GRP_EUNSUPPORTED, "SKIP is not supported at position 13"},
    {"FREQ=YEARLY;BYMONTH=5L", GRP_EUNSUPPORTED, "BYMONTH leap month '5L'"},
};

static void test_parse_print_table(void **state)
{
    (void)state;
    size_t valid = 0, invalid = 0;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const struct parse_case *c = &parse_cases[i];
        grp_rrule *r = NULL;
        int rc = grp_rrule_parse(&r, c->text);
        if (rc != c->code) {
            print_error("parse('%s') returned %s (%s), expected %s\n", c->text,
                        grp_error_name(rc), grp_error_last()->message, grp_error_name(c->code));
            fail();
        }
        if (c->code == 0) {
            char *text = NULL;
            grp_rrule *again = NULL;
            grp_assert_ok(grp_rrule_format(&text, r));
            if (strcmp(text, c->result) != 0) {
                print_error("format(parse('%s')) = '%s', expected '%s'\n", c->text, text, c->result);
                fail();
            }
            /* round trip: parse(print(r)) == r, and print is a fixed point */
            grp_assert_ok(grp_rrule_parse(&again, text));
            assert_true(grp_rrule_equal(r, again));
            assert_true(grp_rrule_equal(again, r));
            grp_free(text);
            grp_assert_ok(grp_rrule_format(&text, again));
            assert_string_equal(text, c->result);
            grp_free(text);
            grp_rrule_free(again);
            grp_rrule_free(r);
            valid++;
        } else {
            assert_null(r);
            assert_int_equal(grp_error_last()->code, c->code);
            if (!strstr(grp_error_last()->message, c->result)) {
                print_error("parse('%s'): message '%s' lacks '%s'\n", c->text,
                            grp_error_last()->message, c->result);
                fail();
            }
            invalid++;
        }
    }
    assert_true(valid >= 20);
    assert_true(invalid >= 20);
}

static void test_equal_and_getters(void **state)
{
    (void)state;
    grp_rrule *a = parse_ok("FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T170000Z;BYDAY=MO,FR;WKST=SU");
    grp_rrule *b = parse_ok("RRULE:wkst=SU;byday=FR,MO;until=20261231T170000z;interval=2;freq=weekly");
    grp_rrule *c = parse_ok("FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T170000;BYDAY=MO,FR;WKST=SU");
    grp_rrule *d = parse_ok("FREQ=MONTHLY;COUNT=7");
    grp_rrule *e = parse_ok("FREQ=MONTHLY;UNTIL=20270101");
    grp_datetime u = DT(1, 1, 1, 1, 1, 1);

    assert_true(grp_rrule_equal(a, b));
    assert_false(grp_rrule_equal(a, c)); /* UTC vs local UNTIL */
    assert_false(grp_rrule_equal(a, d));
    assert_true(grp_rrule_equal(NULL, NULL));
    assert_false(grp_rrule_equal(a, NULL));
    assert_false(grp_rrule_equal(NULL, a));
    {
        /* each part matters */
        const char *variants[] = {
            "FREQ=MONTHLY;COUNT=8", "FREQ=MONTHLY;COUNT=7;INTERVAL=2",
            "FREQ=MONTHLY;COUNT=7;BYMONTH=1", "FREQ=MONTHLY;COUNT=7;BYMONTHDAY=1",
            "FREQ=MONTHLY;COUNT=7;BYMONTHDAY=-1", "FREQ=MONTHLY;COUNT=7;BYDAY=MO",
            "FREQ=MONTHLY;COUNT=7;BYDAY=1MO", "FREQ=MONTHLY;COUNT=7;BYDAY=-1MO",
            "FREQ=MONTHLY;COUNT=7;BYDAY=MO;BYSETPOS=1", "FREQ=MONTHLY;COUNT=7;WKST=TU",
            "FREQ=YEARLY;COUNT=7",
        };
        for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
            grp_rrule *v = parse_ok(variants[i]);
            assert_false(grp_rrule_equal(d, v));
            grp_rrule_free(v);
        }
        grp_rrule *v1 = parse_ok("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1");
        grp_rrule *v2 = parse_ok("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1");
        assert_false(grp_rrule_equal(v1, v2));
        grp_rrule_free(v1);
        grp_rrule_free(v2);
        v1 = parse_ok("FREQ=DAILY;UNTIL=20260101T000000");
        v2 = parse_ok("FREQ=DAILY;UNTIL=20260101T000001");
        assert_false(grp_rrule_equal(v1, v2));
        grp_rrule_free(v1);
        grp_rrule_free(v2);
    }

    assert_int_equal(grp_rrule_freq(a), GRP_RRULE_WEEKLY);
    assert_int_equal(grp_rrule_freq(d), GRP_RRULE_MONTHLY);
    assert_int_equal(grp_rrule_interval(a), 2);
    assert_int_equal(grp_rrule_interval(d), 1);
    assert_int_equal(grp_rrule_count(a), 0);
    assert_int_equal(grp_rrule_count(d), 7);
    assert_int_equal(grp_rrule_wkst(a), GRP_SUNDAY);
    assert_int_equal(grp_rrule_wkst(d), GRP_MONDAY);
    assert_int_equal(grp_rrule_until(&u, a), GRP_RRULE_UNTIL_UTC);
    assert_int_equal(dt_cmp(u, DT(2026, 12, 31, 17, 0, 0)), 0);
    assert_int_equal(grp_rrule_until(&u, c), GRP_RRULE_UNTIL_LOCAL);
    assert_int_equal(grp_rrule_until(&u, e), GRP_RRULE_UNTIL_DATE);
    assert_int_equal(dt_cmp(u, DT(2027, 1, 1, 0, 0, 0)), 0);
    u = DT(1, 1, 1, 1, 1, 1);
    assert_int_equal(grp_rrule_until(&u, d), GRP_RRULE_UNTIL_NONE);
    assert_int_equal(dt_cmp(u, DT(1, 1, 1, 1, 1, 1)), 0); /* untouched */
    assert_int_equal(grp_rrule_until(NULL, a), GRP_RRULE_UNTIL_UTC);
    /* NULL subjects */
    assert_int_equal(grp_rrule_freq(NULL), 0);
    assert_int_equal(grp_rrule_interval(NULL), 0);
    assert_int_equal(grp_rrule_count(NULL), 0);
    assert_int_equal(grp_rrule_wkst(NULL), 0);
    assert_int_equal(grp_rrule_until(&u, NULL), GRP_RRULE_UNTIL_NONE);

    grp_rrule_free(a);
    grp_rrule_free(b);
    grp_rrule_free(c);
    grp_rrule_free(d);
    grp_rrule_free(e);
    grp_rrule_free(NULL);
}

/* The longest canonical text: every list full. */
static void test_format_long(void **state)
{
    (void)state;
    char text[12000], *out = NULL;
    size_t len;
    grp_rrule *r, *again;
    strcpy(text, "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=");
    for (int d = 1; d <= 31; d++)
        sprintf(text + strlen(text), "%d,%d%s", d, -d, d < 31 ? "," : "");
    strcat(text, ";BYDAY=");
    for (int w = 0; w < 7; w++) {
        static const char *const names[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
        sprintf(text + strlen(text), "%s%s", w ? "," : "", names[w]);
        for (int n = 1; n <= 53; n++)
            sprintf(text + strlen(text), ",%d%s,%d%s", n, names[w], -n, names[w]);
    }
    strcat(text, ";BYSETPOS=");
    for (int p = 1; p <= 366; p++)
        sprintf(text + strlen(text), "%d,%d%s", -p, p, p < 366 ? "," : "");
    strcat(text, ";WKST=SU;INTERVAL=99;UNTIL=99991231T235959Z");
    r = parse_ok(text);
    grp_assert_ok(grp_rrule_format(&out, r));
    len = strlen(out);
    assert_true(len > 6000);
    assert_non_null(strstr(out, "BYSETPOS=1,2,3,"));
    assert_non_null(strstr(out, ",-2,-1;WKST=SU"));
    assert_non_null(strstr(out, "FREQ=YEARLY;INTERVAL=99;UNTIL=99991231T235959Z;BYMONTH="));
    again = parse_ok(out);
    assert_true(grp_rrule_equal(r, again));
    grp_free(out);
    grp_rrule_free(r);
    grp_rrule_free(again);
}

/* ---- RFC 5545 section 3.8.5.3 examples ------------------------------- */

static void test_rfc_daily_weekly(void **state)
{
    (void)state;
    const char *s = "1997-09-02T09:00:00";
    /* Daily for 10 occurrences */
    check_series("FREQ=DAILY;COUNT=10", s,
                 "1997-09-02 1997-09-03 1997-09-04 1997-09-05 1997-09-06 1997-09-07 1997-09-08 "
                 "1997-09-09 1997-09-10 1997-09-11",
                 1);
    /* Daily until December 24, 1997 */
    check_count("FREQ=DAILY;UNTIL=19971224T000000Z", s, 113, s, "1997-12-23T09:00:00");
    /* Every other day - forever */
    check_series("FREQ=DAILY;INTERVAL=2", s,
                 "1997-09-02 1997-09-04 1997-09-06 1997-09-08 1997-09-10 1997-09-12 1997-09-14 "
                 "1997-09-16 1997-09-18 1997-09-20 1997-09-22 1997-09-24 1997-09-26 1997-09-28 "
                 "1997-09-30 1997-10-02",
                 0);
    /* Every 10 days, 5 occurrences */
    check_series("FREQ=DAILY;INTERVAL=10;COUNT=5", s,
                 "1997-09-02 1997-09-12 1997-09-22 1997-10-02 1997-10-12", 1);
    /* Every day in January, for 3 years (two ways) */
    check_count("FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
                "1998-01-01T09:00:00", 93, "1998-01-01T09:00:00", "2000-01-31T09:00:00");
    check_count("FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", "1998-01-01T09:00:00", 93,
                "1998-01-01T09:00:00", "2000-01-31T09:00:00");
    /* Weekly for 10 occurrences */
    check_series("FREQ=WEEKLY;COUNT=10", s,
                 "1997-09-02 1997-09-09 1997-09-16 1997-09-23 1997-09-30 1997-10-07 1997-10-14 "
                 "1997-10-21 1997-10-28 1997-11-04",
                 1);
    /* Weekly until December 24, 1997 */
    check_count("FREQ=WEEKLY;UNTIL=19971224T000000Z", s, 17, s, "1997-12-23T09:00:00");
    /* Every other week - forever */
    check_series("FREQ=WEEKLY;INTERVAL=2;WKST=SU", s,
                 "1997-09-02 1997-09-16 1997-09-30 1997-10-14 1997-10-28 1997-11-11 1997-11-25 "
                 "1997-12-09 1997-12-23 1998-01-06 1998-01-20 1998-02-03 1998-02-17",
                 0);
    /* Weekly on Tuesday and Thursday for five weeks (two ways) */
    check_series("FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", s,
                 "1997-09-02 1997-09-04 1997-09-09 1997-09-11 1997-09-16 1997-09-18 1997-09-23 "
                 "1997-09-25 1997-09-30 1997-10-02",
                 1);
    check_series("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", s,
                 "1997-09-02 1997-09-04 1997-09-09 1997-09-11 1997-09-16 1997-09-18 1997-09-23 "
                 "1997-09-25 1997-09-30 1997-10-02",
                 1);
    /* Every other week on Monday, Wednesday, and Friday until December 24,
     * 1997, starting on Monday, September 1, 1997 */
    check_series("FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
                 "1997-09-01T09:00:00",
                 "1997-09-01 1997-09-03 1997-09-05 1997-09-15 1997-09-17 1997-09-19 1997-09-29 "
                 "1997-10-01 1997-10-03 1997-10-13 1997-10-15 1997-10-17 1997-10-27 1997-10-29 "
                 "1997-10-31 1997-11-10 1997-11-12 1997-11-14 1997-11-24 1997-11-26 1997-11-28 "
                 "1997-12-08 1997-12-10 1997-12-12 1997-12-22",
                 1);
    /* Every other week on Tuesday and Thursday, for 8 occurrences */
    check_series("FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", s,
                 "1997-09-02 1997-09-04 1997-09-16 1997-09-18 1997-09-30 1997-10-02 1997-10-14 "
                 "1997-10-16",
                 1);
    /* WKST makes a difference */
    check_series("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", "1997-08-05T09:00:00",
                 "1997-08-05 1997-08-10 1997-08-19 1997-08-24", 1);
    check_series("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", "1997-08-05T09:00:00",
                 "1997-08-05 1997-08-17 1997-08-19 1997-08-31", 1);
}

static void test_rfc_monthly(void **state)
{
    (void)state;
    /* Monthly on the first Friday for 10 occurrences */
    check_series("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "1997-09-05T09:00:00",
                 "1997-09-05 1997-10-03 1997-11-07 1997-12-05 1998-01-02 1998-02-06 1998-03-06 "
                 "1998-04-03 1998-05-01 1998-06-05",
                 1);
    /* Monthly on the first Friday until December 24, 1997 */
    check_series("FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", "1997-09-05T09:00:00",
                 "1997-09-05 1997-10-03 1997-11-07 1997-12-05", 1);
    /* Every other month on the first and last Sunday, 10 occurrences */
    check_series("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "1997-09-07T09:00:00",
                 "1997-09-07 1997-09-28 1997-11-02 1997-11-30 1998-01-04 1998-01-25 1998-03-01 "
                 "1998-03-29 1998-05-03 1998-05-31",
                 1);
    /* Monthly on the second-to-last Monday of the month for 6 months */
    check_series("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "1997-09-22T09:00:00",
                 "1997-09-22 1997-10-20 1997-11-17 1997-12-22 1998-01-19 1998-02-16", 1);
    /* Monthly on the third-to-the-last day of the month, forever */
    check_series("FREQ=MONTHLY;BYMONTHDAY=-3", "1997-09-28T09:00:00",
                 "1997-09-28 1997-10-29 1997-11-28 1997-12-29 1998-01-29 1998-02-26", 0);
    /* Monthly on the 2nd and 15th of the month for 10 occurrences */
    check_series("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", "1997-09-02T09:00:00",
                 "1997-09-02 1997-09-15 1997-10-02 1997-10-15 1997-11-02 1997-11-15 1997-12-02 "
                 "1997-12-15 1998-01-02 1998-01-15",
                 1);
    /* Monthly on the first and last day of the month for 10 occurrences */
    check_series("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "1997-09-30T09:00:00",
                 "1997-09-30 1997-10-01 1997-10-31 1997-11-01 1997-11-30 1997-12-01 1997-12-31 "
                 "1998-01-01 1998-01-31 1998-02-01",
                 1);
    /* Every 18 months on the 10th thru 15th of the month for 10 occurrences */
    check_series("FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
                 "1997-09-10T09:00:00",
                 "1997-09-10 1997-09-11 1997-09-12 1997-09-13 1997-09-14 1997-09-15 1999-03-10 "
                 "1999-03-11 1999-03-12 1999-03-13",
                 1);
    /* Every Tuesday, every other month */
    check_series("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "1997-09-02T09:00:00",
                 "1997-09-02 1997-09-09 1997-09-16 1997-09-23 1997-09-30 1997-11-04 1997-11-11 "
                 "1997-11-18 1997-11-25 1998-01-06 1998-01-13 1998-01-20 1998-01-27 1998-03-03 "
                 "1998-03-10 1998-03-17 1998-03-24 1998-03-31",
                 0);
    /* Every Friday the 13th, forever (DTSTART does not match, so it is not
     * an occurrence: the RFC's EXDATE is not needed) */
    check_series("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "1997-09-02T09:00:00",
                 "1998-02-13 1998-03-13 1998-11-13 1999-08-13 2000-10-13", 0);
    /* The first Saturday that follows the first Sunday of the month */
    check_series("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "1997-09-13T09:00:00",
                 "1997-09-13 1997-10-11 1997-11-08 1997-12-13 1998-01-10 1998-02-07 1998-03-07 "
                 "1998-04-11 1998-05-09 1998-06-13",
                 0);
    /* The third instance into the month of one of Tuesday, Wednesday, or
     * Thursday, for the next 3 months */
    check_series("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "1997-09-04T09:00:00",
                 "1997-09-04 1997-10-07 1997-11-06", 1);
    /* The second-to-last weekday of the month */
    check_series("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "1997-09-29T09:00:00",
                 "1997-09-29 1997-10-30 1997-11-27 1997-12-30 1998-01-29 1998-02-26 1998-03-30", 0);
    /* An invalid date (February 30) is ignored */
    check_series("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "2007-01-15T09:00:00",
                 "2007-01-15 2007-01-30 2007-02-15 2007-03-15 2007-03-30", 1);
    /* The last weekday of the month (BYSETPOS=-1) */
    check_series("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-30T17:00:00",
                 "2026-01-30 2026-02-27 2026-03-31 2026-04-30 2026-05-29 2026-06-30", 0);
    /* Monthly from the 31st skips the short months */
    check_series("FREQ=MONTHLY;COUNT=7", "2026-01-31T10:00:00",
                 "2026-01-31 2026-03-31 2026-05-31 2026-07-31 2026-08-31 2026-10-31 2026-12-31", 1);
    check_series("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "2026-04-01T10:00:00",
                 "2026-05-31 2026-07-31 2026-08-31", 1);
}

static void test_rfc_yearly(void **state)
{
    (void)state;
    /* Yearly in June and July for 10 occurrences */
    check_series("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "1997-06-10T09:00:00",
                 "1997-06-10 1997-07-10 1998-06-10 1998-07-10 1999-06-10 1999-07-10 2000-06-10 "
                 "2000-07-10 2001-06-10 2001-07-10",
                 1);
    /* Every other year on January, February, and March, 10 occurrences */
    check_series("FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", "1997-03-10T09:00:00",
                 "1997-03-10 1999-01-10 1999-02-10 1999-03-10 2001-01-10 2001-02-10 2001-03-10 "
                 "2003-01-10 2003-02-10 2003-03-10",
                 1);
    /* Every 20th Monday of the year, forever */
    check_series("FREQ=YEARLY;BYDAY=20MO", "1997-05-19T09:00:00", "1997-05-19 1998-05-18 1999-05-17",
                 0);
    /* Every Thursday in March, forever */
    check_series("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "1997-03-13T09:00:00",
                 "1997-03-13 1997-03-20 1997-03-27 1998-03-05 1998-03-12 1998-03-19 1998-03-26 "
                 "1999-03-04 1999-03-11 1999-03-18 1999-03-25",
                 0);
    /* Every Thursday, but only during June, July, and August, forever */
    check_series("FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", "1997-06-05T09:00:00",
                 "1997-06-05 1997-06-12 1997-06-19 1997-06-26 1997-07-03 1997-07-10 1997-07-17 "
                 "1997-07-24 1997-07-31 1997-08-07 1997-08-14 1997-08-21 1997-08-28 "
                 "1998-06-04 1998-06-11 1998-06-18 1998-06-25 1998-07-02 1998-07-09 1998-07-16 "
                 "1998-07-23 1998-07-30 1998-08-06 1998-08-13 1998-08-20 1998-08-27 "
                 "1999-06-03 1999-06-10 1999-06-17 1999-06-24 1999-07-01 1999-07-08 1999-07-15 "
                 "1999-07-22 1999-07-29 1999-08-05 1999-08-12 1999-08-19 1999-08-26",
                 0);
    /* Every 4 years, the first Tuesday after a Monday in November (U.S.
     * Presidential Election day) */
    check_series("FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
                 "1996-11-05T09:00:00", "1996-11-05 2000-11-07 2004-11-02", 0);
    /* Leap day: yearly from February 29 only in leap years; the last day of
     * February every year */
    check_series("FREQ=YEARLY;COUNT=4", "2024-02-29T08:00:00",
                 "2024-02-29 2028-02-29 2032-02-29 2036-02-29", 1);
    check_series("FREQ=YEARLY;COUNT=3", "2096-02-29T08:00:00", "2096-02-29 2104-02-29 2108-02-29",
                 1);
    check_series("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1;COUNT=5", "2023-02-28T08:00:00",
                 "2023-02-28 2024-02-29 2025-02-28 2026-02-28 2027-02-28", 1);
    check_series("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3", "1896-01-01T08:00:00",
                 "1896-02-29 1904-02-29 1908-02-29", 1);
    /* Ordinals within the year, and within the month with BYMONTH */
    check_series("FREQ=YEARLY;BYDAY=1MO,-1FR;COUNT=4", "2026-01-01T09:00:00",
                 "2026-01-05 2026-12-25 2027-01-04 2027-12-31", 1);
    check_series("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3,10;COUNT=4", "2026-01-01T01:00:00",
                 "2026-03-29 2026-10-25 2027-03-28 2027-10-31", 1);
    check_series("FREQ=YEARLY;BYDAY=53TH;COUNT=3", "2026-01-01T09:00:00",
                 "2026-12-31 2032-12-30 2037-12-31", 1);
    /* BYSETPOS over the year's set */
    check_series("FREQ=YEARLY;BYDAY=MO;BYSETPOS=1,-1;COUNT=4", "2026-01-01T09:00:00",
                 "2026-01-05 2026-12-28 2027-01-04 2027-12-27", 1);
}

/* ---- where libical and RFC 5545 differ: the RFC reading --------------- */

static void test_rfc_where_libical_differs(void **state)
{
    (void)state;
    /* BYSETPOS with WEEKLY and DAILY applies to the period's set. */
    check_series("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1;COUNT=3", "2026-03-02T10:00:00",
                 "2026-03-02 2026-03-09 2026-03-16", 1);
    check_series("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=-1;COUNT=3", "2026-03-02T10:00:00",
                 "2026-03-06 2026-03-13 2026-03-20", 1);
    check_series("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=-2,2;COUNT=2", "2026-03-02T10:00:00",
                 "2026-03-04 2026-03-11", 1);
    check_series("FREQ=DAILY;BYDAY=MO;BYSETPOS=1;COUNT=2", "2026-03-02T10:00:00",
                 "2026-03-02 2026-03-09", 1);
    check_series("FREQ=DAILY;BYDAY=MO;BYSETPOS=2", "2026-03-02T10:00:00", "", 1);
    /* YEARLY with BYMONTHDAY and no BYMONTH: every month of the year. */
    check_series("FREQ=YEARLY;BYMONTHDAY=1;COUNT=11", "2026-03-15T10:00:00",
                 "2026-04-01 2026-05-01 2026-06-01 2026-07-01 2026-08-01 2026-09-01 2026-10-01 "
                 "2026-11-01 2026-12-01 2027-01-01 2027-02-01",
                 1);
    check_series("FREQ=YEARLY;BYMONTHDAY=13;BYDAY=FR;COUNT=5", "2026-01-01T10:00:00",
                 "2026-02-13 2026-03-13 2026-11-13 2027-08-13 2028-10-13", 1);
    check_series("FREQ=YEARLY;BYMONTHDAY=1;BYDAY=SU;COUNT=4", "2026-01-01T10:00:00",
                 "2026-02-01 2026-03-01 2026-11-01 2027-08-01", 1);
    /* ... and a BYDAY ordinal there counts within the year */
    check_series("FREQ=YEARLY;BYMONTHDAY=1;BYDAY=1MO;COUNT=3", "2020-01-01T10:00:00",
                 "2024-01-01 2029-01-01 2035-01-01", 1);
    /* BYSETPOS counts days, not list entries: 1 and -30 are the same day in
     * a 30-day month. */
    check_series("FREQ=MONTHLY;BYMONTHDAY=1,-30;BYSETPOS=-1;COUNT=6", "2026-01-01T10:00:00",
                 "2026-01-02 2026-02-01 2026-03-02 2026-04-01 2026-05-02 2026-06-01", 1);
    /* A DATE UNTIL keeps its whole day. */
    check_series("FREQ=DAILY;UNTIL=20260105", "2026-01-01T10:00:00",
                 "2026-01-01 2026-01-02 2026-01-03 2026-01-04 2026-01-05", 1);
    /* WEEKLY + INTERVAL counts weeks from the one holding DTSTART. */
    check_series("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,SU;WKST=TU", "2025-12-30T10:00:00",
                 "2026-01-04 2026-01-05 2026-01-25 2026-01-26 2026-02-15 2026-02-16", 0);
    check_series("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", "2026-01-07T10:00:00",
                 "2026-01-11 2026-01-25 2026-02-08", 0);
    /* DAILY with a negative BYMONTHDAY. */
    check_series("FREQ=DAILY;BYMONTHDAY=-1;COUNT=3", "2026-01-15T10:00:00",
                 "2026-01-31 2026-02-28 2026-03-31", 1);
    check_series("FREQ=DAILY;BYDAY=MO,WE,FR;BYMONTHDAY=1,2,3,-1;COUNT=4", "2026-06-01T06:30:00",
                 "2026-06-01 2026-06-03 2026-07-01 2026-07-03", 1);
    /* A value listed twice is one value. */
    check_series("FREQ=WEEKLY;BYDAY=TU,WE,WE;COUNT=4", "2018-12-18T10:15:00",
                 "2018-12-18 2018-12-19 2018-12-25 2018-12-26", 1);
}

/* ---- DTSTART, UNTIL and the edges of the calendar --------------------- */

static void test_dtstart_and_until(void **state)
{
    (void)state;
    /* DTSTART that does not match is not an occurrence; COUNT counts the
     * occurrences produced. */
    check_series("FREQ=MONTHLY;BYDAY=2WE;COUNT=2", "2026-01-01T09:00:00", "2026-01-14 2026-02-11", 1);
    check_series("FREQ=WEEKLY;BYDAY=MO;COUNT=3", "2026-01-01T09:00:00",
                 "2026-01-05 2026-01-12 2026-01-19", 1);
    check_series("FREQ=YEARLY;BYMONTH=5;COUNT=2", "2026-07-04T09:00:00", "2027-05-04 2028-05-04", 1);
    /* the set of the first period is cut at DTSTART, after BYSETPOS */
    check_series("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,2;COUNT=3", "2026-01-02T09:00:00",
                 "2026-01-02 2026-02-02 2026-02-03", 1);
    /* UNTIL is inclusive; local and floating UTC compare with the time */
    check_series("FREQ=DAILY;UNTIL=20260103T090000", "2026-01-01T09:00:00",
                 "2026-01-01 2026-01-02 2026-01-03", 1);
    check_series("FREQ=DAILY;UNTIL=20260103T085959", "2026-01-01T09:00:00", "2026-01-01 2026-01-02", 1);
    check_series("FREQ=DAILY;UNTIL=20260103T090000Z", "2026-01-01T09:00:00",
                 "2026-01-01 2026-01-02 2026-01-03", 1);
    check_series("FREQ=DAILY;UNTIL=20251231T235959Z", "2026-01-01T00:00:00", "", 1);
    check_series("FREQ=DAILY;UNTIL=20260101", "2026-01-01T23:59:59", "2026-01-01", 1);
    /* the end of the calendar */
    check_series("FREQ=DAILY", "9999-12-29T12:00:00", "9999-12-29 9999-12-30 9999-12-31", 1);
    check_series("FREQ=WEEKLY;BYDAY=MO,FR,SA,SU", "9999-12-20T12:00:00",
                 "9999-12-20 9999-12-24 9999-12-25 9999-12-26 9999-12-27 9999-12-31", 1);
    check_series("FREQ=YEARLY;INTERVAL=1000", "2026-03-01T00:00:00",
                 "2026-03-01 3026-03-01 4026-03-01 5026-03-01 6026-03-01 7026-03-01 8026-03-01 "
                 "9026-03-01",
                 1);
    check_series("FREQ=MONTHLY;INTERVAL=2147483647", "2026-03-01T00:00:00", "2026-03-01", 1);
    check_series("FREQ=DAILY;INTERVAL=2147483647", "2026-03-01T00:00:00", "2026-03-01", 1);
    check_series("FREQ=WEEKLY;INTERVAL=2147483647;BYDAY=SU,SA", "2026-03-04T00:00:00",
                 "2026-03-07 2026-03-08", 1);
    check_series("FREQ=YEARLY;INTERVAL=2147483647", "2026-03-01T00:00:00", "2026-03-01", 1);
    check_count("FREQ=YEARLY", "0001-01-01T00:00:00", 9999, "0001-01-01T00:00:00",
                "9999-01-01T00:00:00");
    check_count("FREQ=WEEKLY;WKST=SU", "0001-01-01T00:00:00", 521723, "0001-01-01T00:00:00",
                "9999-12-27T00:00:00");
    check_count("FREQ=DAILY", "0001-01-01T00:00:00", 3652059, "0001-01-01T00:00:00",
                "9999-12-31T00:00:00");
    check_count("FREQ=DAILY;INTERVAL=40", "2026-01-31T06:30:00", 72811, "2026-01-31T06:30:00",
                "9999-12-19T06:30:00");
    check_series("FREQ=DAILY;INTERVAL=400;BYDAY=TU;COUNT=3", "2026-01-31T06:30:00",
                 "2029-05-15 2037-01-13 2044-09-13", 1);
}

/* Rules that can never produce an occurrence end at once (the 400-year
 * bound), never loop. */
static void test_empty_rules(void **state)
{
    (void)state;
    const char *rules[] = {
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=-31",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31;INTERVAL=7",
        "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3",
        "FREQ=MONTHLY;BYDAY=5SA;BYSETPOS=-4",
        "FREQ=MONTHLY;BYDAY=6MO",
        "FREQ=MONTHLY;INTERVAL=12;BYMONTH=6",
        "FREQ=YEARLY;BYMONTH=2",
        "FREQ=YEARLY;BYDAY=1MO;BYMONTHDAY=8,9,10",
        "FREQ=YEARLY;BYSETPOS=366;BYMONTH=1",
        "FREQ=DAILY;BYSETPOS=3;BYDAY=MO",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5",
        "FREQ=WEEKLY;BYDAY=SA;BYSETPOS=2;COUNT=5",
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        grp_rrule *r = parse_ok(rules[i]);
        grp_rrule_iterator *it = NULL;
        grp_datetime occ, *list = (grp_datetime *)1;
        size_t n = 99;
        /* Jan 30: FREQ=YEARLY;BYMONTH=2 then wants Feb 30 */
        grp_assert_ok(grp_rrule_iterator_new(&it, r, DT(2026, 1, 30, 9, 0, 0), NULL));
        if (grp_rrule_iterator_next(&occ, it) != GRP_ITEROVER) {
            char buf[32];
            grp_datetime_format(buf, sizeof buf, occ);
            print_error("empty rule %s produced %s\n", rules[i], buf);
            fail();
        }
        grp_assert_rc(grp_rrule_iterator_next(&occ, it), GRP_ITEROVER);
        grp_assert_ok(grp_rrule_iterator_seek(it, DT(5000, 6, 1, 0, 0, 0)));
        grp_assert_rc(grp_rrule_iterator_next(&occ, it), GRP_ITEROVER);
        grp_assert_rc(grp_rrule_next_after(&occ, r, DT(2026, 1, 30, 9, 0, 0), NULL,
                                           DT(2100, 1, 1, 0, 0, 0)),
                      GRP_ITEROVER);
        grp_assert_ok(grp_rrule_between(&list, &n, r, DT(2026, 1, 30, 9, 0, 0), NULL,
                                        DT(2026, 1, 1, 0, 0, 0), DT(9999, 12, 31, 0, 0, 0), 0));
        assert_null(list);
        assert_int_equal(n, 0);
        grp_rrule_iterator_free(it);
        grp_rrule_free(r);
    }
    /* Rare but not empty: February 29 on a Monday, every 28 years or so. */
    check_series("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=3", "2026-01-01T00:00:00",
                 "2044-02-29 2072-02-29 2112-02-29", 1);
}

/* ---- time zones --------------------------------------------------------- */

static void test_zones(void **state)
{
    (void)state;
    grp_tz *london = NULL, *ny = NULL, *apia = NULL;
    grp_assert_ok(grp_tz_open(&london, "Europe/London"));
    grp_assert_ok(grp_tz_open(&ny, "America/New_York"));
    grp_assert_ok(grp_tz_open(&apia, "Pacific/Apia"));

    /* RFC 5545: daily until December 24, 1997 in New York (09:00 EST is
     * 14:00Z). */
    check_count_tz("FREQ=DAILY;UNTIL=19971224T000000Z", "1997-09-02T09:00:00", ny, 113,
                   "1997-09-02T09:00:00", "1997-12-23T09:00:00");
    check_count_tz("FREQ=DAILY;UNTIL=19971223T140000Z", "1997-09-02T09:00:00", ny, 113,
                   "1997-09-02T09:00:00", "1997-12-23T09:00:00");
    check_count_tz("FREQ=DAILY;UNTIL=19971223T135959Z", "1997-09-02T09:00:00", ny, 112,
                   "1997-09-02T09:00:00", "1997-12-22T09:00:00");
    /* the same UNTIL taken as floating time would keep Dec 23 by a hair */
    check_count("FREQ=DAILY;UNTIL=19971223T090000Z", "1997-09-02T09:00:00", 113,
                "1997-09-02T09:00:00", "1997-12-23T09:00:00");
    /* 09:00 EDT is 13:00Z before November 2 */
    check_count_tz("FREQ=DAILY;UNTIL=19971001T130000Z", "1997-09-02T09:00:00", ny, 30,
                   "1997-09-02T09:00:00", "1997-10-01T09:00:00");
    check_count_tz("FREQ=DAILY;UNTIL=19971001T125959Z", "1997-09-02T09:00:00", ny, 29,
                   "1997-09-02T09:00:00", "1997-09-30T09:00:00");
    /* 01:30 on 2026-10-25 happens twice in London: RFC 5545 3.3.5 takes the
     * first (BST, 00:30Z). */
    check_series_tz("FREQ=DAILY;UNTIL=20261025T003000Z", "2026-10-20T01:30:00", london,
                    "2026-10-20 2026-10-21 2026-10-22 2026-10-23 2026-10-24 2026-10-25", 1);
    check_series_tz("FREQ=DAILY;UNTIL=20261025T002959Z", "2026-10-20T01:30:00", london,
                    "2026-10-20 2026-10-21 2026-10-22 2026-10-23 2026-10-24", 1);
    /* 01:30 on 2026-03-29 does not exist in London; it is moved forward to
     * 02:30 BST = 01:30Z. Occurrences stay local times. */
    check_series_tz("FREQ=DAILY;UNTIL=20260329T013000Z", "2026-03-27T01:30:00", london,
                    "2026-03-27 2026-03-28 2026-03-29", 1);
    check_series_tz("FREQ=DAILY;UNTIL=20260329T012959Z", "2026-03-27T01:30:00", london,
                    "2026-03-27 2026-03-28", 1);
    /* Samoa skipped 2011-12-30 (UTC-10 to UTC+14). */
    check_series_tz("FREQ=DAILY;UNTIL=20111230T220000Z", "2011-12-28T12:00:00", apia,
                    "2011-12-28 2011-12-29 2011-12-30 2011-12-31", 1);
    check_series_tz("FREQ=DAILY;UNTIL=20111230T215959Z", "2011-12-28T12:00:00", apia,
                    "2011-12-28 2011-12-29", 1);
    /* local and DATE UNTILs ignore the zone */
    check_series_tz("FREQ=DAILY;UNTIL=20260102T093000", "2026-01-01T09:30:00", ny,
                    "2026-01-01 2026-01-02", 1);
    check_series_tz("FREQ=DAILY;UNTIL=20260102", "2026-01-01T23:30:00", ny, "2026-01-01 2026-01-02",
                    1);
    /* the iterator keeps nothing of the zone */
    {
        grp_rrule *r = parse_ok("FREQ=WEEKLY;UNTIL=20261101T060000Z;BYDAY=SU");
        grp_rrule_iterator *it = NULL;
        grp_tz *tmp = NULL;
        grp_datetime occ;
        int n = 0;
        grp_assert_ok(grp_tz_open(&tmp, "America/New_York"));
        grp_assert_ok(grp_rrule_iterator_new(&it, r, DT(2026, 9, 6, 1, 0, 0), tmp));
        grp_tz_free(tmp);
        grp_rrule_free(r);
        while (grp_rrule_iterator_next(&occ, it) == 0)
            n++;
        assert_int_equal(n, 9); /* Sep 6 .. Nov 1 (01:00 EDT = 05:00Z) */
        grp_rrule_iterator_free(it);
    }
    grp_tz_free(london);
    grp_tz_free(ny);
    grp_tz_free(apia);
}

/* ---- seeking -------------------------------------------------------------- */

#define WALK_MAX 3000

static const char *const seek_rules[] = {
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3;BYMONTH=2,3",
    "FREQ=DAILY;INTERVAL=45;BYDAY=MO,TU,WE",
    "FREQ=DAILY;COUNT=500;BYDAY=SA,SU",
    "FREQ=DAILY;UNTIL=20300101T000000;BYMONTHDAY=1,-1",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;WKST=SU",
    "FREQ=WEEKLY;INTERVAL=5;COUNT=300;BYDAY=TU,SU;WKST=TH",
    "FREQ=WEEKLY;BYMONTH=1,7;BYSETPOS=-1",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;INTERVAL=18;COUNT=200;BYMONTHDAY=10,11,12,13,14,15",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=MONTHLY;INTERVAL=7;BYMONTH=1,2,3;BYDAY=-1SU,1SA",
    "FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20401231",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;INTERVAL=3;COUNT=100;BYDAY=20MO,-1FR",
    "FREQ=YEARLY;BYMONTHDAY=13;BYDAY=FR",
    "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU;BYSETPOS=1",
};

static void test_seek_matches_walk(void **state)
{
    (void)state;
    static grp_datetime walk[WALK_MAX];
    const grp_datetime dtstart = DT(2025, 11, 19, 14, 30, 0);
    for (size_t i = 0; i < sizeof seek_rules / sizeof seek_rules[0]; i++) {
        grp_rrule *r = parse_ok(seek_rules[i]);
        grp_rrule_iterator *it = NULL;
        grp_datetime occ;
        size_t n = 0;
        int ended;
        grp_assert_ok(grp_rrule_iterator_new(&it, r, dtstart, NULL));
        while (n < WALK_MAX && grp_rrule_iterator_next(&walk[n], it) == 0)
            n++;
        ended = n < WALK_MAX;
        assert_true(n > 0);
        /* seek to each occurrence, just before and just after it, and to
         * dates between: the iterator must continue exactly as the walk */
        for (size_t j = 0; j < n; j += 1 + j / 8) {
            grp_datetime targets[3];
            size_t expect[3];
            targets[0] = walk[j];
            expect[0] = j;
            targets[1] = walk[j];
            targets[1].second = 59;
            targets[1].minute = 29; /* just before: the same occurrence */
            expect[1] = j;
            targets[2] = walk[j];
            targets[2].second = 1; /* just after: the next one */
            expect[2] = j + 1;
            for (int t = 0; t < 3; t++) {
                grp_assert_ok(grp_rrule_iterator_seek(it, targets[t]));
                for (size_t k = expect[t]; k < expect[t] + 3 && k <= n; k++) {
                    int rc = grp_rrule_iterator_next(&occ, it);
                    if (k == n) {
                        if (ended)
                            grp_assert_rc(rc, GRP_ITEROVER);
                        break;
                    }
                    grp_assert_ok(rc);
                    if (dt_cmp(occ, walk[k]) != 0) {
                        char a[32], b[32], c[32];
                        grp_datetime_format(a, sizeof a, targets[t]);
                        grp_datetime_format(b, sizeof b, occ);
                        grp_datetime_format(c, sizeof c, walk[k]);
                        print_error("rule %s: seek(%s) then #%zu gave %s, walking gave %s\n",
                                    seek_rules[i], a, k, b, c);
                        fail();
                    }
                }
                /* the same through grp_rrule_next_after */
                if (expect[t] < n) {
                    grp_assert_ok(grp_rrule_next_after(&occ, r, dtstart, NULL, targets[t]));
                    assert_int_equal(dt_cmp(occ, walk[expect[t]]), 0);
                }
            }
        }
        /* before DTSTART: the whole series */
        grp_assert_ok(grp_rrule_iterator_seek(it, DT(1900, 1, 1, 0, 0, 0)));
        grp_assert_ok(grp_rrule_iterator_next(&occ, it));
        assert_int_equal(dt_cmp(occ, walk[0]), 0);
        /* after the walk's last occurrence of a finished series: over */
        if (ended) {
            grp_datetime after = walk[n - 1];
            after.second++;
            grp_assert_ok(grp_rrule_iterator_seek(it, after));
            grp_assert_rc(grp_rrule_iterator_next(&occ, it), GRP_ITEROVER);
            grp_assert_rc(grp_rrule_next_after(&occ, r, dtstart, NULL, after), GRP_ITEROVER);
        }
        /* between equals the walk's slice */
        {
            grp_datetime *list = NULL;
            size_t m = 0, a = n / 3, b = n - 1 - n / 5;
            grp_assert_ok(grp_rrule_between(&list, &m, r, dtstart, NULL, walk[a], walk[b], 0));
            assert_int_equal(m, b - a + 1);
            for (size_t k = 0; k < m; k++)
                assert_int_equal(dt_cmp(list[k], walk[a + k]), 0);
            grp_free(list);
            grp_assert_ok(grp_rrule_between(&list, &m, r, dtstart, NULL, walk[a], walk[b], 2));
            assert_int_equal(m, b - a + 1 < 2 ? b - a + 1 : 2);
            grp_free(list);
        }
        grp_rrule_iterator_free(it);
        grp_rrule_free(r);
    }
}

/* Far seeks land where arithmetic says, with and without COUNT. */
static void test_seek_far(void **state)
{
    (void)state;
    grp_datetime occ;
    grp_rrule *r = parse_ok("FREQ=DAILY;INTERVAL=7");
    grp_rrule_iterator *it = NULL;
    grp_assert_ok(grp_rrule_iterator_new(&it, r, DT(2026, 1, 5, 9, 0, 0), NULL)); /* a Monday */
    grp_assert_ok(grp_rrule_iterator_seek(it, DT(9000, 1, 1, 0, 0, 0)));
    grp_assert_ok(grp_rrule_iterator_next(&occ, it));
    assert_int_equal(grp_date_weekday(grp_date_make(occ.year, occ.month, occ.day)), GRP_MONDAY);
    assert_true(occ.year == 9000 && occ.month == 1 && occ.day <= 7);
    grp_rrule_iterator_free(it);
    grp_rrule_free(r);

    /* COUNT is honoured: the 10000th weekday is the last one */
    r = parse_ok("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10000");
    grp_assert_ok(grp_rrule_iterator_new(&it, r, DT(2026, 1, 1, 9, 0, 0), NULL));
    grp_assert_ok(grp_rrule_iterator_seek(it, DT(2064, 4, 1, 0, 0, 0)));
    grp_assert_ok(grp_rrule_iterator_next(&occ, it));
    assert_int_equal(dt_cmp(occ, DT(2064, 4, 1, 9, 0, 0)), 0);
    {
        int n = 1;
        grp_datetime last = occ;
        while (grp_rrule_iterator_next(&occ, it) == 0) {
            last = occ;
            n++;
        }
        /* the 10000th weekday from 2026-01-01 is 2064-04-30 */
        assert_int_equal(dt_cmp(last, DT(2064, 4, 30, 9, 0, 0)), 0);
        assert_int_equal(n, 22);
    }
    grp_assert_ok(grp_rrule_iterator_seek(it, DT(2064, 4, 30, 9, 0, 1)));
    grp_assert_rc(grp_rrule_iterator_next(&occ, it), GRP_ITEROVER);
    grp_assert_ok(grp_rrule_iterator_seek(it, DT(2026, 1, 1, 9, 0, 0)));
    grp_assert_ok(grp_rrule_iterator_next(&occ, it));
    assert_int_equal(dt_cmp(occ, DT(2026, 1, 1, 9, 0, 0)), 0);
    grp_rrule_iterator_free(it);
    grp_rrule_free(r);

    /* UNTIL before the target */
    r = parse_ok("FREQ=MONTHLY;UNTIL=20300101");
    grp_assert_rc(grp_rrule_next_after(&occ, r, DT(2026, 1, 1, 9, 0, 0), NULL,
                                       DT(2031, 1, 1, 0, 0, 0)),
                  GRP_ITEROVER);
    grp_assert_ok(grp_rrule_next_after(&occ, r, DT(2026, 1, 1, 9, 0, 0), NULL,
                                       DT(2029, 12, 1, 9, 0, 1)));
    assert_int_equal(dt_cmp(occ, DT(2030, 1, 1, 9, 0, 0)), 0);
    grp_rrule_free(r);
}

/* ---- allocation ------------------------------------------------------- */

static long g_allocs;
static long g_fail_at = -1; /* fail the allocation with this index */

static void *hook_malloc(size_t size, void *payload)
{
    (void)payload;
    if (g_allocs++ == g_fail_at)
        return NULL;
    return malloc(size);
}

static void *hook_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    if (g_allocs++ == g_fail_at)
        return NULL;
    return realloc(ptr, size);
}

static void hook_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

static void test_allocations(void **state)
{
    (void)state;
    grp_allocator a = {hook_malloc, hook_realloc, hook_free, NULL};
    grp_rrule *r = NULL;
    grp_rrule_iterator *it = NULL;
    grp_datetime occ, *list = NULL;
    size_t n = 0;
    char *text = NULL;

    grp_assert_ok(grp_set_allocator(&a));
    g_allocs = 0;
    grp_assert_ok(grp_rrule_parse(&r, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"));
    assert_int_equal(g_allocs, 1);
    grp_assert_ok(grp_rrule_iterator_new(&it, r, DT(2026, 1, 1, 9, 0, 0), NULL));
    assert_int_equal(g_allocs, 2);
    for (int i = 0; i < 100000; i++)
        grp_assert_ok(grp_rrule_iterator_next(&occ, it));
    grp_assert_ok(grp_rrule_iterator_seek(it, DT(3000, 1, 1, 0, 0, 0)));
    grp_assert_ok(grp_rrule_iterator_next(&occ, it));
    grp_assert_ok(grp_rrule_next_after(&occ, r, DT(2026, 1, 1, 9, 0, 0), NULL, DT(2500, 1, 1, 0, 0, 0)));
    assert_int_equal(g_allocs, 2); /* stepping and seeking never allocate */
    grp_assert_ok(grp_rrule_between(&list, &n, r, DT(2026, 1, 1, 9, 0, 0), NULL,
                                    DT(2026, 1, 1, 0, 0, 0), DT(2026, 12, 31, 23, 0, 0), 0));
    assert_int_equal(n, 365);
    assert_true(g_allocs - 2 <= 6); /* geometric growth: 16, 32, ... 512 */
    grp_free(list);
    grp_rrule_iterator_free(it);

    /* out of memory, at every allocation of each call */
    g_allocs = 0;
    g_fail_at = 0;
    grp_assert_rc(grp_rrule_parse(&r, "FREQ=DAILY"), GRP_ENOMEM);
    g_allocs = 0;
    grp_assert_rc(grp_rrule_format(&text, r), GRP_ENOMEM);
    assert_null(text);
    g_allocs = 0;
    grp_assert_rc(grp_rrule_iterator_new(&it, r, DT(2026, 1, 1, 9, 0, 0), NULL), GRP_ENOMEM);
    for (long k = 0; k < 3; k++) {
        g_allocs = 0;
        g_fail_at = k;
        list = (grp_datetime *)1;
        grp_assert_rc(grp_rrule_between(&list, &n, r, DT(2026, 1, 1, 9, 0, 0), NULL,
                                        DT(2026, 1, 1, 0, 0, 0), DT(2026, 3, 1, 0, 0, 0), 0),
                      GRP_ENOMEM);
        assert_true(list == (grp_datetime *)1); /* untouched */
    }
    g_fail_at = -1;
    grp_rrule_free(r);
    assert_int_equal(grp_set_allocator(NULL), 0); /* nothing leaked */
}

/* ---- argument checks ------------------------------------------------- */

static void test_invalid_arguments(void **state)
{
    (void)state;
    grp_rrule *r = parse_ok("FREQ=DAILY;COUNT=3");
    grp_rrule_iterator *it = NULL;
    grp_datetime occ, ok = DT(2026, 1, 1, 9, 0, 0), bad = DT(2026, 2, 30, 9, 0, 0);
    grp_datetime bad_time = DT(2026, 2, 3, 24, 0, 0), *list = NULL;
    size_t n;
    char *text;

    grp_assert_rc(grp_rrule_parse(NULL, "FREQ=DAILY"), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    grp_assert_rc(grp_rrule_parse(&r, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'text'");
    assert_non_null(r); /* untouched */
    grp_assert_rc(grp_rrule_format(NULL, r), GRP_EINVAL);
    grp_assert_rc(grp_rrule_format(&text, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'r'");

    grp_assert_rc(grp_rrule_iterator_new(NULL, r, ok, NULL), GRP_EINVAL);
    grp_assert_rc(grp_rrule_iterator_new(&it, NULL, ok, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'r'");
    grp_assert_rc(grp_rrule_iterator_new(&it, r, bad, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'dtstart'");
    grp_assert_rc(grp_rrule_iterator_new(&it, r, bad_time, NULL), GRP_EINVAL);
    assert_null(it);

    grp_assert_ok(grp_rrule_iterator_new(&it, r, ok, NULL));
    grp_assert_rc(grp_rrule_iterator_next(NULL, it), GRP_EINVAL);
    grp_assert_rc(grp_rrule_iterator_next(&occ, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'it'");
    grp_assert_rc(grp_rrule_iterator_seek(NULL, ok), GRP_EINVAL);
    grp_assert_rc(grp_rrule_iterator_seek(it, bad), GRP_EINVAL);
    grp_assert_msg_contains("'from'");
    /* GRP_ITEROVER leaves the last error alone */
    for (int i = 0; i < 3; i++)
        grp_assert_ok(grp_rrule_iterator_next(&occ, it));
    grp_error_clear();
    grp_assert_rc(grp_rrule_iterator_next(&occ, it), GRP_ITEROVER);
    assert_int_equal(grp_error_last()->code, GRP_OK);
    grp_rrule_iterator_free(it);
    grp_rrule_iterator_free(NULL);

    grp_assert_rc(grp_rrule_next_after(NULL, r, ok, NULL, ok), GRP_EINVAL);
    grp_assert_rc(grp_rrule_next_after(&occ, NULL, ok, NULL, ok), GRP_EINVAL);
    grp_assert_rc(grp_rrule_next_after(&occ, r, bad, NULL, ok), GRP_EINVAL);
    grp_assert_rc(grp_rrule_next_after(&occ, r, ok, NULL, bad), GRP_EINVAL);

    grp_assert_rc(grp_rrule_between(NULL, &n, r, ok, NULL, ok, ok, 0), GRP_EINVAL);
    grp_assert_rc(grp_rrule_between(&list, NULL, r, ok, NULL, ok, ok, 0), GRP_EINVAL);
    grp_assert_msg_contains("'count_out'");
    grp_assert_rc(grp_rrule_between(&list, &n, NULL, ok, NULL, ok, ok, 0), GRP_EINVAL);
    grp_assert_rc(grp_rrule_between(&list, &n, r, bad, NULL, ok, ok, 0), GRP_EINVAL);
    grp_assert_rc(grp_rrule_between(&list, &n, r, ok, NULL, bad, ok, 0), GRP_EINVAL);
    grp_assert_rc(grp_rrule_between(&list, &n, r, ok, NULL, ok, bad, 0), GRP_EINVAL);
    grp_assert_rc(grp_rrule_between(&list, &n, r, ok, NULL, DT(2026, 1, 2, 0, 0, 0), ok, 0),
                  GRP_EINVAL);
    grp_assert_msg_contains("after");
    /* a one-instant range */
    grp_assert_ok(grp_rrule_between(&list, &n, r, ok, NULL, ok, ok, 0));
    assert_int_equal(n, 1);
    assert_int_equal(dt_cmp(list[0], ok), 0);
    grp_free(list);
    grp_rrule_free(r);
}

/* Every test must free everything it allocated. */
static int no_leak(void **state)
{
    (void)state;
    long live = grp__alloc_live();
    if (live != 0) {
        print_error("%ld libgrp allocations still live after the test\n", live);
        return -1;
    }
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_parse_print_table, no_leak),
        cmocka_unit_test_teardown(test_equal_and_getters, no_leak),
        cmocka_unit_test_teardown(test_format_long, no_leak),
        cmocka_unit_test_teardown(test_rfc_daily_weekly, no_leak),
        cmocka_unit_test_teardown(test_rfc_monthly, no_leak),
        cmocka_unit_test_teardown(test_rfc_yearly, no_leak),
        cmocka_unit_test_teardown(test_rfc_where_libical_differs, no_leak),
        cmocka_unit_test_teardown(test_dtstart_and_until, no_leak),
        cmocka_unit_test_teardown(test_empty_rules, no_leak),
        cmocka_unit_test_teardown(test_zones, no_leak),
        cmocka_unit_test_teardown(test_seek_matches_walk, no_leak),
        cmocka_unit_test_teardown(test_seek_far, no_leak),
        cmocka_unit_test_teardown(test_allocations, no_leak),
        cmocka_unit_test_teardown(test_invalid_arguments, no_leak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
