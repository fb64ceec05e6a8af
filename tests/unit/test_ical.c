/* iCalendar export: the exact document for a small group, escaping,
 * folding, VTIMEZONE, stable UIDs, the file variant and every error path. */
#include "support.h"

#include <libgrp/ical.h>
#include "util/alloc.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME "Reflective practice, Ward 7; senior\\staff"
#define NAME_ESC "Reflective practice\\, Ward 7\\; senior\\\\staff"
#define LINK "https://meet.example.org/grp"
/* 166 bytes of UTF-8 (2- and 3-byte characters) with ";" and ",": with
 * "LOCATION:" and its four escapes, 179 octets, folded into three lines */
#define LONG_PLACE "Üñíçødé Røøm — Gebäude Süd, Raum 3.14; Stockwerk 2, hinter der Cafeteria am Ende des Flurs " \
                   "(Zugang über den Innenhof, dann links: bitte zweimal klingeln)"
#define LONG_PLACE_ESC "Üñíçødé Røøm — Gebäude Süd\\, Raum 3.14\\; Stockwerk 2\\, hinter der Cafeteria am Ende " \
                       "des Flurs (Zugang über den Innenhof\\, dann links: bitte zweimal klingeln)"

typedef struct fx {
    grp_store *s;
    grp_id org, group;
    grp_id cancelled, moved, adhoc;
} fx;

static grp_time T(const char *rfc3339)
{
    grp_time t = 0;
    if (grp_time_parse(&t, rfc3339) != 0)
        fail_msg("bad instant in test: %s", rfc3339);
    return t;
}

static grp_datetime DT(int y, int mo, int d, int h, int mi)
{
    grp_datetime dt = {y, mo, d, h, mi, 0};
    return dt;
}

static grp_id make_group(fx *f, const char *name, const char *zone)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g;
    gs.org_id = f->org;
    gs.name = name;
    gs.delivery = GRP_DELIVERY_HYBRID;
    gs.location = "Room 1\nBuilding B";
    gs.meeting_link = LINK;
    gs.timezone = zone;
    grp_assert_ok(grp_group_create(&g, f->s, &gs));
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    return id;
}

static void set_cadence(fx *f, grp_id g, const char *rule, grp_date first, int hour)
{
    grp_cadence_spec c = GRP_CADENCE_SPEC_INIT;
    c.rrule = rule;
    c.first_date = first;
    c.start_hour = hour;
    grp_assert_ok(grp_cadence_set(NULL, f->s, g, &c));
}

/* The group of the issue: first Tuesday of the month, 14:00 London, from
 * 1 January 2026; February cancelled, March moved, an extra in May. */
static void build(fx *f)
{
    grp_org *o;
    grp_assert_ok(grp_store_open(&f->s, ":memory:", NULL));
    grp_assert_ok(grp_org_create(&o, f->s, "Org", NULL));
    f->org = grp_org_id(o);
    grp_org_free(o);
    f->group = make_group(f, NAME, "Europe/London");
    set_cadence(f, f->group, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 1), 14);
    grp_assert_ok(grp_session_ensure(&f->cancelled, f->s, f->group, DT(2026, 2, 3, 14, 0)));
    grp_assert_ok(grp_session_cancel(f->s, f->cancelled, "facilitator ill"));
    grp_assert_ok(grp_session_ensure(&f->moved, f->s, f->group, DT(2026, 3, 3, 14, 0)));
    grp_assert_ok(grp_session_move(f->s, f->moved, DT(2026, 3, 10, 10, 0), 120));
    grp_assert_ok(grp_session_set_place(f->s, f->moved, LONG_PLACE, NULL));
    grp_assert_ok(grp_session_add(&f->adhoc, f->s, f->group, DT(2026, 5, 20, 9, 30), 60));
}

static int setup(void **state)
{
    static fx f;
    memset(&f, 0, sizeof f);
    build(&f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    return 0;
}

static grp_ical_options fixed(void)
{
    grp_ical_options o = GRP_ICAL_OPTIONS_INIT;
    o.prodid = "-//Example NHS Trust//Groups 1.0//EN";
    o.dtstamp = T("2026-01-01T00:00:00Z");
    return o;
}

/* Not inlined: GCC 12's -Wdangling-pointer (Release builds) otherwise takes
 * the out-parameter's address for the document it points to. */
__attribute__((noinline)) static char *export(fx *f, grp_id g, const grp_ical_options *o)
{
    char *doc = (char *)1;
    grp_assert_ok(grp_ical_export_group(&doc, f->s, g, o));
    assert_non_null(doc);
    return doc;
}

/* RFC 5545 3.1 on the raw document: CRLF everywhere, physical lines of at
 * most 75 octets, each valid UTF-8 on its own (no character split by a
 * fold), continuation lines starting with one space. Returns the number
 * of continuation lines. */
static int check_lines(const char *doc)
{
    int folds = 0;
    size_t len = strlen(doc);
    assert_true(len >= 2);
    assert_memory_equal(doc + len - 2, "\r\n", 2);
    assert_true(grp__utf8_valid(doc, len));
    for (const char *p = doc; *p;) {
        const char *e = strstr(p, "\r\n");
        assert_non_null(e);
        size_t n = (size_t)(e - p);
        if (n > 75)
            fail_msg("line of %zu octets: %.*s", n, (int)n, p);
        assert_true(n > 0);
        assert_null(memchr(p, '\n', n));
        assert_null(memchr(p, '\r', n));
        assert_true(grp__utf8_valid(p, n));
        if (p[0] == ' ') {
            folds++;
            assert_true(n > 1);
            /* the fold fell on a character boundary */
            assert_int_not_equal((unsigned char)p[1] & 0xC0, 0x80);
        }
        p = e + 2;
    }
    return folds;
}

/* The document with every fold undone (RFC 5545 3.1: CRLF + one space). */
static char *unfold(const char *doc)
{
    size_t n = strlen(doc);
    char *out = malloc(n + 1), *q = out;
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        if (doc[i] == '\r' && doc[i + 1] == '\n' && doc[i + 2] == ' ') {
            i += 2;
            continue;
        }
        *q++ = doc[i];
    }
    *q = '\0';
    return out;
}

#define CRLF "\r\n"
#define LONDON                                                                                                \
    "BEGIN:VTIMEZONE" CRLF "TZID:Europe/London" CRLF "BEGIN:DAYLIGHT" CRLF "DTSTART:20250330T010000" CRLF    \
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" CRLF "TZOFFSETFROM:+0000" CRLF "TZOFFSETTO:+0100" CRLF           \
    "TZNAME:BST" CRLF "END:DAYLIGHT" CRLF "BEGIN:STANDARD" CRLF "DTSTART:20251026T020000" CRLF                \
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" CRLF "TZOFFSETFROM:+0100" CRLF "TZOFFSETTO:+0000" CRLF          \
    "TZNAME:GMT" CRLF "END:STANDARD" CRLF "END:VTIMEZONE" CRLF

static const char expected_doc[] =
    "BEGIN:VCALENDAR" CRLF
    "PRODID:-//Example NHS Trust//Groups 1.0//EN" CRLF
    "VERSION:2.0" CRLF
    "CALSCALE:GREGORIAN" CRLF
    "X-WR-CALNAME:" NAME_ESC CRLF
    "X-WR-TIMEZONE:Europe/London" CRLF
    LONDON
    "BEGIN:VEVENT" CRLF
    "UID:grp-1-cadence-1@libgrp" CRLF
    "DTSTAMP:20260101T000000Z" CRLF
    /* the first Tuesday on or after 1 January, not 1 January itself */
    "DTSTART;TZID=Europe/London:20260106T140000" CRLF
    "DURATION:PT1H30M" CRLF
    "RRULE:FREQ=MONTHLY;BYDAY=1TU" CRLF
    "EXDATE;TZID=Europe/London:20260203T140000" CRLF
    "SUMMARY:" NAME_ESC CRLF
    "LOCATION:Room 1\\nBuilding B" CRLF
    "URL:" LINK CRLF
    "END:VEVENT" CRLF
    "BEGIN:VEVENT" CRLF
    "UID:grp-1-cadence-1@libgrp" CRLF
    "DTSTAMP:20260101T000000Z" CRLF
    "RECURRENCE-ID;TZID=Europe/London:20260303T140000" CRLF
    "DTSTART;TZID=Europe/London:20260310T100000" CRLF
    "DURATION:PT2H" CRLF
    "SUMMARY:" NAME_ESC CRLF
    "LOCATION:" LONG_PLACE_ESC CRLF
    "URL:" LINK CRLF
    "END:VEVENT" CRLF
    "BEGIN:VEVENT" CRLF
    "UID:grp-1-session-3@libgrp" CRLF
    "DTSTAMP:20260101T000000Z" CRLF
    "DTSTART;TZID=Europe/London:20260520T093000" CRLF
    "DURATION:PT1H" CRLF
    "SUMMARY:" NAME_ESC CRLF
    "LOCATION:Room 1\\nBuilding B" CRLF
    "URL:" LINK CRLF
    "END:VEVENT" CRLF
    "END:VCALENDAR" CRLF;

static void test_document(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    char *doc = export(f, f->group, &o);
    /* the long location is the only line over 75 octets: folded twice */
    assert_int_equal(check_lines(doc), 2);
    char *flat = unfold(doc);
    if (strcmp(flat, expected_doc) != 0)
        fail_msg("got:\n%s\nwant:\n%s", flat, expected_doc);
    free(flat);
    /* the same store gives the same bytes */
    char *again = export(f, f->group, &o);
    assert_string_equal(again, doc);
    grp_free(again);
    grp_free(doc);
}

/* Folding: a break never splits a character, and is as late as allowed. */
static void test_folding(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    char place[160], want[200];
    grp_id s1, s2;
    /* "LOCATION:" is 9 octets: 65 'x' fill 74, and a 2-octet 'é' does not
     * fit the 75th, so the line breaks before it */
    memset(place, 'x', 65);
    strcpy(place + 65, "é and more");
    grp_assert_ok(grp_session_ensure(&s1, f->s, f->group, DT(2026, 4, 7, 14, 0)));
    grp_assert_ok(grp_session_set_place(f->s, s1, place, NULL));
    char *doc = export(f, f->group, &o);
    snprintf(want, sizeof want, "\r\nLOCATION:%.65s\r\n é and more\r\n", place);
    if (!strstr(doc, want))
        fail_msg("no fold before the 2-octet character:\n%s", doc);
    grp_free(doc);
    /* 66 'x' fill exactly 75 octets: the break comes after them; the
     * continuation holds 74 octets of text after its space */
    memset(place, 'x', 66);
    strcpy(place + 66, "€");
    memset(place + 69, 'y', 80);
    place[149] = '\0';
    grp_assert_ok(grp_session_set_place(f->s, s1, place, NULL));
    doc = export(f, f->group, &o);
    snprintf(want, sizeof want, "\r\nLOCATION:%.66s\r\n €%.71s\r\n %.9s\r\nURL:", place, place + 69, place + 69);
    if (!strstr(doc, want))
        fail_msg("bad fold at exactly 75 octets:\n%s", doc);
    assert_int_equal(check_lines(doc), 2 + 2);
    grp_free(doc);
    /* CR, CRLF and LF all become \n; a tab stays */
    grp_assert_ok(grp_session_ensure(&s2, f->s, f->group, DT(2026, 6, 2, 14, 0)));
    grp_assert_ok(grp_session_set_place(f->s, s2, "A\r\nB\rC\nD\tE", NULL));
    doc = export(f, f->group, &o);
    assert_non_null(strstr(doc, "\r\nLOCATION:A\\nB\\nC\\nD\tE\r\n"));
    check_lines(doc);
    grp_free(doc);
}

static const char *uid_after(const char *doc, const char *marker)
{
    const char *p = strstr(doc, marker);
    assert_non_null(p);
    return p;
}

static void test_stable_uids(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    char *a = export(f, f->group, &o);
    /* another day, another DTSTAMP: only the DTSTAMP lines change */
    o.dtstamp = T("2027-06-30T12:34:56Z");
    char *b = export(f, f->group, &o);
    assert_string_not_equal(a, b);
    char *pa, *pb;
    size_t na = 0, nb = 0;
    for (pa = a; (pa = strstr(pa, "DTSTAMP:20260101T000000Z")); pa++)
        memcpy(pa, "DTSTAMP:20270630T123456Z", 24), na++;
    for (pb = b; (pb = strstr(pb, "DTSTAMP:20270630T123456Z")); pb++)
        nb++;
    assert_int_equal(na, 3);
    assert_int_equal(nb, 3);
    assert_string_equal(a, b);
    grp_free(b);
    /* adding and cancelling sessions does not renumber the others */
    grp_id extra;
    grp_assert_ok(grp_session_add(&extra, f->s, f->group, DT(2026, 9, 9, 9, 0), 30));
    grp_assert_ok(grp_session_cancel(f->s, f->adhoc, NULL));
    o.dtstamp = T("2026-01-01T00:00:00Z");
    b = export(f, f->group, &o);
    char uid[64];
    snprintf(uid, sizeof uid, "UID:grp-1-session-%lld@libgrp\r\n", (long long)extra);
    uid_after(b, uid);
    assert_null(strstr(b, "UID:grp-1-session-3@libgrp")); /* the cancelled extra is gone */
    /* series and override keep their UID: the override shares the series' */
    const char *series = uid_after(b, "UID:grp-1-cadence-1@libgrp\r\n");
    const char *override = uid_after(series + 1, "UID:grp-1-cadence-1@libgrp\r\n");
    assert_non_null(strstr(override, "RECURRENCE-ID;TZID=Europe/London:20260303T140000\r\n"));
    grp_free(b);
    /* a UID domain of the caller's */
    o.uid_domain = "groups.example-trust.nhs.uk";
    b = export(f, f->group, &o);
    uid_after(b, "\r\nUID:grp-1-cadence-1@groups.example-trust.nhs.uk\r\n");
    assert_null(strstr(b, "@libgrp"));
    grp_free(b);
    grp_free(a);
}

static void test_defaults(void **state)
{
    fx *f = *state;
    char want[128], *doc = NULL;
    grp_ical_options o;
    grp_assert_ok(grp_ical_options_init(&o, GRP_ICAL_OPTIONS_VERSION));
    assert_int_equal(o.version, GRP_ICAL_OPTIONS_VERSION);
    assert_null(o.prodid);
    assert_null(o.uid_domain);
    assert_int_equal(o.dtstamp, 0);
    grp_time before = grp_time_now();
    grp_assert_ok(grp_ical_export_group(&doc, f->s, f->group, NULL));
    grp_time after = grp_time_now();
    snprintf(want, sizeof want, "\r\nPRODID:-//libgrp//libgrp %s//EN\r\n", grp_version_string());
    assert_non_null(strstr(doc, want));
    /* DTSTAMP is now, in UTC */
    const char *p = strstr(doc, "\r\nDTSTAMP:");
    assert_non_null(p);
    char stamp[32];
    grp_time t;
    snprintf(stamp, sizeof stamp, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", p + 10, p + 14, p + 16, p + 19, p + 21, p + 23);
    assert_int_equal(p[18], 'T');
    assert_int_equal(p[25], 'Z');
    grp_assert_ok(grp_time_parse(&t, stamp));
    assert_true(t >= before && t <= after);
    grp_free(doc);
    /* the macro and the function agree */
    grp_ical_options m = GRP_ICAL_OPTIONS_INIT;
    assert_int_equal(m.version, o.version);
    assert_null(m.prodid);
    assert_null(m.uid_domain);
    assert_int_equal(m.dtstamp, 0);
}

static void test_empty_group(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    grp_id g = make_group(f, "Empty", "Europe/London");
    char *doc = export(f, g, &o);
    /* a valid calendar: VERSION, PRODID and the group's zone */
    static const char want[] = "BEGIN:VCALENDAR" CRLF "PRODID:-//Example NHS Trust//Groups 1.0//EN" CRLF
                               "VERSION:2.0" CRLF "CALSCALE:GREGORIAN" CRLF "X-WR-CALNAME:Empty" CRLF
                               "X-WR-TIMEZONE:Europe/London" CRLF LONDON "END:VCALENDAR" CRLF;
    assert_string_equal(doc, want);
    grp_free(doc);
    /* a cadence with no occurrence (30 February) and a cancelled extra
     * still give no VEVENT */
    set_cadence(f, g, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", D(2026, 1, 1), 9);
    grp_id x;
    grp_assert_ok(grp_session_add(&x, f->s, g, DT(2026, 3, 1, 9, 0), 60));
    grp_assert_ok(grp_session_cancel(f->s, x, NULL));
    doc = export(f, g, &o);
    assert_null(strstr(doc, "VEVENT"));
    assert_non_null(strstr(doc, "\r\nVERSION:2.0\r\n"));
    grp_free(doc);
}

static void test_zones(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    /* no daylight-saving time: a single STANDARD */
    grp_id k = make_group(f, "Kolkata", "Asia/Kolkata");
    set_cadence(f, k, "FREQ=WEEKLY;BYDAY=MO", D(2026, 1, 1), 19);
    char *doc = export(f, k, &o);
    assert_non_null(strstr(doc, "\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata\r\nBEGIN:STANDARD\r\n"
                                "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"
                                "TZNAME:IST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\n"));
    assert_null(strstr(doc, "DAYLIGHT"));
    assert_non_null(strstr(doc, "\r\nDTSTART;TZID=Asia/Kolkata:20260105T190000\r\n"));
    grp_free(doc);

    /* New York: second Sunday of March, first of November */
    grp_id n = make_group(f, "New York", "America/New_York");
    set_cadence(f, n, "FREQ=WEEKLY;BYDAY=TH", D(2026, 1, 1), 8);
    doc = export(f, n, &o);
    assert_non_null(strstr(doc, "\r\nTZID:America/New_York\r\nBEGIN:DAYLIGHT\r\nDTSTART:20250309T020000\r\n"
                                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZOFFSETFROM:-0500\r\n"
                                "TZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n"
                                "DTSTART:20251102T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
                                "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n"
                                "END:VTIMEZONE\r\n"));
    grp_free(doc);

    /* Sao Paulo gave up daylight-saving time in 2019: every yearly rule
     * ends with an UNTIL, the October rule when it moved to November */
    grp_id s = make_group(f, "Sao Paulo", "America/Sao_Paulo");
    set_cadence(f, s, "FREQ=MONTHLY;BYMONTHDAY=10", D(2016, 1, 1), 14);
    grp_assert_ok(grp_cadence_end(f->s, s, D(2021, 1, 1)));
    doc = export(f, s, &o);
    assert_non_null(strstr(doc, "\r\nBEGIN:DAYLIGHT\r\nDTSTART:20151018T000000\r\n"
                                "RRULE:FREQ=YEARLY;UNTIL=20171015T030000Z;BYMONTH=10;BYDAY=3SU\r\n"
                                "TZOFFSETFROM:-0300\r\nTZOFFSETTO:-0200\r\nTZNAME:-02\r\nEND:DAYLIGHT\r\n"));
    assert_non_null(strstr(doc, "\r\nBEGIN:STANDARD\r\nDTSTART:20160221T000000\r\n"
                                "RRULE:FREQ=YEARLY;UNTIL=20190217T020000Z;BYMONTH=2;BYDAY=3SU\r\n"));
    assert_non_null(strstr(doc, "\r\nBEGIN:DAYLIGHT\r\nDTSTART:20181104T000000\r\nTZOFFSETFROM:-0300\r\n"));
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=MONTHLY;UNTIL=20210101T025959Z;BYMONTHDAY=10\r\n"));
    grp_free(doc);

    /* London before railway time: an offset with seconds */
    grp_id old = make_group(f, "Old", "Europe/London");
    grp_id x;
    grp_assert_ok(grp_session_add(&x, f->s, old, DT(1847, 6, 1, 9, 30), 60));
    doc = export(f, old, &o);
    assert_non_null(strstr(doc, "\r\nTZID:Europe/London\r\nBEGIN:STANDARD\r\nDTSTART:18471201T000000\r\n"
                                "TZOFFSETFROM:-000115\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD\r\n"
                                "END:VTIMEZONE\r\n"));
    assert_non_null(strstr(doc, "\r\nDTSTART;TZID=Europe/London:18470601T093000\r\n"));
    grp_free(doc);

    /* a segment in another zone than the group's: both VTIMEZONEs, the
     * group's first */
    set_cadence(f, n, "FREQ=WEEKLY;BYDAY=FR", D(2026, 6, 1), 9);
    grp_cadence_spec c = GRP_CADENCE_SPEC_INIT;
    c.rrule = "FREQ=WEEKLY;BYDAY=FR";
    c.first_date = D(2026, 9, 1);
    c.start_hour = 9;
    c.timezone = "Asia/Kolkata";
    grp_assert_ok(grp_cadence_set(NULL, f->s, n, &c));
    doc = export(f, n, &o);
    const char *ny = strstr(doc, "\r\nTZID:America/New_York\r\n");
    const char *in = strstr(doc, "\r\nTZID:Asia/Kolkata\r\n");
    assert_non_null(ny);
    assert_non_null(in);
    assert_true(ny < in);
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=WEEKLY;UNTIL=20260601T035959Z;BYDAY=TH\r\n"));
    assert_non_null(strstr(doc, "\r\nDTSTART;TZID=America/New_York:20260605T090000\r\n"));
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=WEEKLY;UNTIL=20260901T035959Z;BYDAY=FR\r\n"));
    assert_non_null(strstr(doc, "\r\nDTSTART;TZID=Asia/Kolkata:20260904T090000\r\n"));
    grp_free(doc);
}

/* UNTIL and COUNT of the rule itself, and how a segment's end bounds them. */
static void test_rule_bounds(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    grp_id g = make_group(f, "Bounds", "Europe/London");
    /* COUNT alone stays */
    set_cadence(f, g, "FREQ=WEEKLY;BYDAY=FR;COUNT=30", D(2026, 1, 1), 9);
    char *doc = export(f, g, &o);
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=WEEKLY;COUNT=30;BYDAY=FR\r\n"));
    assert_non_null(strstr(doc, "\r\nDTSTART;TZID=Europe/London:20260102T090000\r\n"));
    grp_free(doc);
    /* COUNT cut short by the segment's end: UNTIL just before 27 March
     * (00:00 GMT); the last session is 20 March */
    grp_assert_ok(grp_cadence_end(f->s, g, D(2026, 3, 27)));
    doc = export(f, g, &o);
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=WEEKLY;UNTIL=20260326T235959Z;BYDAY=FR\r\n"));
    grp_free(doc);

    /* a DATE UNTIL (that whole day) becomes the last session's instant */
    grp_id h = make_group(f, "Until date", "Europe/London");
    set_cadence(f, h, "FREQ=DAILY;INTERVAL=3;UNTIL=20260410", D(2026, 3, 20), 23);
    doc = export(f, h, &o);
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20260410T220000Z\r\n"));
    grp_free(doc);
    /* the rule ends before the segment does: still the last session */
    grp_assert_ok(grp_cadence_end(f->s, h, D(2026, 12, 1)));
    doc = export(f, h, &o);
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20260410T220000Z\r\n"));
    grp_free(doc);

    /* a local UNTIL, and BYxxx parts after it keep their order */
    grp_id k = make_group(f, "Until local", "Europe/London");
    set_cadence(f, k, "FREQ=MONTHLY;UNTIL=20270101T000000;BYMONTHDAY=1,-1;BYSETPOS=1", D(2026, 1, 1), 8);
    doc = export(f, k, &o);
    assert_non_null(strstr(doc, "\r\nRRULE:FREQ=MONTHLY;UNTIL=20261201T080000Z;BYMONTHDAY=1,-1;BYSETPOS=1\r\n"));
    grp_free(doc);

    /* a segment ended before its first session: no VEVENT for it */
    grp_id e = make_group(f, "Ended early", "Europe/London");
    set_cadence(f, e, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 1), 9);
    grp_assert_ok(grp_cadence_end(f->s, e, D(2026, 1, 6)));
    doc = export(f, e, &o);
    assert_null(strstr(doc, "VEVENT"));
    grp_free(doc);
}

/* A stored session whose occurrence the cadence no longer gives (the
 * cadence changed after it was stored) is still listed, so it is exported
 * as an event of its own; its cancelled twin is not. */
static void test_orphans(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    grp_id g = make_group(f, "Orphans", "Europe/London");
    grp_id keep, drop;
    set_cadence(f, g, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 1), 14);
    grp_assert_ok(grp_session_ensure(&keep, f->s, g, DT(2026, 9, 1, 14, 0)));
    grp_assert_ok(grp_session_ensure(&drop, f->s, g, DT(2026, 10, 6, 14, 0)));
    grp_assert_ok(grp_session_cancel(f->s, drop, NULL));
    set_cadence(f, g, "FREQ=WEEKLY;BYDAY=WE", D(2026, 7, 1), 18);
    char *doc = export(f, g, &o);
    char want[256];
    snprintf(want, sizeof want, "\r\nBEGIN:VEVENT\r\nUID:grp-%lld-session-%lld@libgrp\r\nDTSTAMP:20260101T000000Z\r\n"
             "DTSTART;TZID=Europe/London:20260901T140000\r\nDURATION:PT1H30M\r\n", (long long)g, (long long)keep);
    assert_non_null(strstr(doc, want));
    snprintf(want, sizeof want, "-session-%lld@", (long long)drop);
    assert_null(strstr(doc, want));
    assert_null(strstr(doc, "EXDATE"));
    assert_null(strstr(doc, "RECURRENCE-ID"));
    grp_free(doc);
}

static void test_errors(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    char *doc = (char *)1;
    char big[300];

    grp_assert_rc(grp_ical_export_group(NULL, f->s, f->group, &o), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    grp_assert_rc(grp_ical_export_group(&doc, NULL, f->group, &o), GRP_EINVAL);
    grp_assert_msg_contains("'store'");
    assert_null(doc);
    doc = (char *)1;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, 0, &o), GRP_EINVAL);
    grp_assert_msg_contains("group_id");
    assert_null(doc);
    grp_assert_rc(grp_ical_export_group(&doc, f->s, -3, &o), GRP_EINVAL);
    doc = (char *)1;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, 999, &o), GRP_ENOTFOUND);
    grp_assert_msg_contains("999");
    assert_null(doc);

    grp_ical_options bad = o;
    bad.version = 0;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    grp_assert_msg_contains("version 0");
    bad.version = GRP_ICAL_OPTIONS_VERSION + 1;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    bad = o;
    bad.prodid = "";
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    grp_assert_msg_contains("opts.prodid");
    bad.prodid = "-//x\r\nBEGIN:VEVENT//EN";
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    grp_assert_msg_contains("control character");
    bad.prodid = "\xC3\x28";
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    grp_assert_msg_contains("UTF-8");
    memset(big, 'p', 201);
    big[201] = '\0';
    bad.prodid = big;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    big[200] = '\0'; /* 200 bytes is allowed, and written whole */
    grp_assert_ok(grp_ical_export_group(&doc, f->s, f->group, &bad));
    char *unfolded = unfold(doc);
    assert_non_null(strstr(unfolded, big));
    free(unfolded);
    grp_free(doc);
    bad = o;
    bad.uid_domain = "";
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    grp_assert_msg_contains("opts.uid_domain");
    bad.uid_domain = "example.org\r\nX";
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    bad.uid_domain = "a@b";
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    grp_assert_msg_contains("'@' at position 1");
    memset(big, 'd', 254);
    big[254] = '\0';
    bad.uid_domain = big;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    bad = o;
    bad.dtstamp = T("0001-01-01T00:00:00Z") - 1;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    grp_assert_msg_contains("opts.dtstamp");
    bad.dtstamp = T("9999-12-31T23:59:59Z") + 1;
    grp_assert_rc(grp_ical_export_group(&doc, f->s, f->group, &bad), GRP_EINVAL);
    bad.dtstamp = T("9999-12-31T23:59:59Z");
    grp_assert_ok(grp_ical_export_group(&doc, f->s, f->group, &bad));
    assert_non_null(strstr(doc, "\r\nDTSTAMP:99991231T235959Z\r\n"));
    grp_free(doc);

    grp_assert_rc(grp_ical_options_init(NULL, GRP_ICAL_OPTIONS_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_ical_options_init(&bad, 7), GRP_EINVAL);
    grp_assert_msg_contains("version 7");
}

/* The events of a document: from its first VEVENT to END:VCALENDAR. */
static const char *events_of(const char *doc, size_t *len)
{
    const char *b = strstr(doc, "BEGIN:VEVENT\r\n"), *e = strstr(doc, "END:VCALENDAR\r\n");
    assert_non_null(e);
    if (!b)
        b = e;
    *len = (size_t)(e - b);
    return b;
}

static size_t count_of(const char *doc, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(doc, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* Several groups in one calendar: each group's events exactly as in its
 * own export, in the order given; each zone's VTIMEZONE once. */
static void test_export_groups(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    grp_id k = make_group(f, "Kolkata", "Asia/Kolkata");
    set_cadence(f, k, "FREQ=WEEKLY;BYDAY=MO", D(2026, 1, 1), 19);
    grp_id n = make_group(f, "New York", "America/New_York");
    set_cadence(f, n, "FREQ=WEEKLY;BYDAY=TH", D(2026, 1, 1), 8);
    grp_id e = make_group(f, "Empty", "Europe/London"); /* no cadence, no session */
    char *doc = (char *)1;

    /* one group: exactly grp_ical_export_group()'s document */
    char *one = export(f, f->group, &o);
    grp_assert_ok(grp_ical_export_groups(&doc, f->s, &f->group, 1, &o));
    assert_string_equal(doc, one);
    grp_free(doc);

    grp_id ids[] = {k, f->group, e, n};
    grp_assert_ok(grp_ical_export_groups(&doc, f->s, ids, 4, &o));
    check_lines(doc);
    char *flat = unfold(doc);
    assert_non_null(strstr(flat, "\r\nX-WR-CALNAME:Kolkata\\, " NAME_ESC "\\, Empty\\, New York\r\nX-WR-TIMEZONE:Asia/Kolkata\r\n"));
    free(flat);
    /* one VTIMEZONE per zone, in the order of first use */
    assert_int_equal(count_of(doc, "BEGIN:VTIMEZONE\r\n"), 3);
    const char *in = strstr(doc, "\r\nTZID:Asia/Kolkata\r\n"), *lo = strstr(doc, "\r\nTZID:Europe/London\r\n"),
               *ny = strstr(doc, "\r\nTZID:America/New_York\r\n");
    assert_non_null(in);
    assert_non_null(lo);
    assert_non_null(ny);
    assert_true(in < lo && lo < ny);
    /* the events: each group's own, concatenated in the order given */
    grp_test_buf want = {0};
    for (size_t i = 0; i < 4; i++) {
        char *single = export(f, ids[i], &o);
        size_t len;
        const char *ev = events_of(single, &len);
        grp_test_buf_add(&want, ev, len);
        grp_free(single);
    }
    size_t len;
    const char *ev = events_of(doc, &len);
    assert_int_equal(len, strlen(want.p));
    assert_memory_equal(ev, want.p, len);
    assert_int_equal(count_of(doc, "BEGIN:VEVENT\r\n"), count_of(want.p, "BEGIN:VEVENT\r\n"));
    free(want.p);
    grp_free(doc);

    /* bad arguments: the document stays NULL */
    grp_id two[] = {k, k}, zero[] = {k, 0}, missing[] = {k, 999};
    grp_assert_rc(grp_ical_export_groups(NULL, f->s, ids, 4, &o), GRP_EINVAL);
    grp_assert_msg_contains("'out'");
    doc = (char *)1;
    grp_assert_rc(grp_ical_export_groups(&doc, NULL, ids, 4, &o), GRP_EINVAL);
    grp_assert_msg_contains("'store'");
    assert_null(doc);
    grp_assert_rc(grp_ical_export_groups(&doc, f->s, NULL, 4, &o), GRP_EINVAL);
    grp_assert_msg_contains("'group_ids'");
    grp_assert_rc(grp_ical_export_groups(&doc, f->s, ids, 0, &o), GRP_EINVAL);
    grp_assert_msg_contains("argument 'count' (0) is outside 1..1000");
    grp_assert_rc(grp_ical_export_groups(&doc, f->s, ids, GRP_ICAL_MAX_GROUPS + 1, &o), GRP_EINVAL);
    grp_assert_msg_contains("argument 'count' (1001) is outside 1..1000");
    grp_assert_rc(grp_ical_export_groups(&doc, f->s, zero, 2, &o), GRP_EINVAL);
    grp_assert_msg_contains("group_ids[1]");
    grp_assert_rc(grp_ical_export_groups(&doc, f->s, two, 2, &o), GRP_EINVAL);
    grp_assert_msg_contains("argument 'group_ids[1]' repeats group");
    grp_assert_rc(grp_ical_export_groups(&doc, f->s, missing, 2, &o), GRP_ENOTFOUND);
    grp_assert_msg_contains("999");
    grp_ical_options bad = o;
    bad.uid_domain = "not a domain";
    grp_assert_rc(grp_ical_export_groups(&doc, f->s, ids, 4, &bad), GRP_EINVAL);
    assert_null(doc);
    grp_free(one);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void test_file(void **state)
{
    fx *f = *state;
    grp_ical_options o = fixed();
    char *dir = grp_test_tmpdir();
    char path[4200];
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/group.ics", dir);
    grp_assert_ok(grp_ical_export_group_to_file(f->s, f->group, path, &o));
    char *doc = export(f, f->group, &o);
    assert_string_equal(slurp(path), doc);
    /* a second export replaces the file */
    FILE *fp = fopen(path, "ab");
    assert_non_null(fp);
    fputs("junk", fp);
    fclose(fp);
    grp_assert_ok(grp_ical_export_group_to_file(f->s, f->group, path, &o));
    assert_string_equal(slurp(path), doc);
    grp_free(doc);

    grp_assert_rc(grp_ical_export_group_to_file(f->s, f->group, NULL, &o), GRP_EINVAL);
    grp_assert_msg_contains("'path'");
    grp_assert_rc(grp_ical_export_group_to_file(f->s, f->group, "", &o), GRP_EINVAL);
    grp_assert_rc(grp_ical_export_group_to_file(NULL, f->group, path, &o), GRP_EINVAL);
    /* an unknown group writes nothing */
    snprintf(path, sizeof path, "%s/none.ics", dir);
    grp_assert_rc(grp_ical_export_group_to_file(f->s, 999, path, &o), GRP_ENOTFOUND);
    assert_int_not_equal(access(path, F_OK), 0);
    /* a directory that does not exist */
    snprintf(path, sizeof path, "%s/missing/group.ics", dir);
    grp_assert_rc(grp_ical_export_group_to_file(f->s, f->group, path, &o), GRP_ESTORAGE);
    grp_assert_msg_contains("missing/group.ics");
    /* the path is a directory */
    grp_assert_rc(grp_ical_export_group_to_file(f->s, f->group, dir, &o), GRP_ESTORAGE);
    /* a directory we may not write to (root may write anywhere) */
    if (geteuid() != 0) {
        char ro[4200], in_ro[4300];
        snprintf(ro, sizeof ro, "%s/ro", dir);
        assert_int_equal(mkdir(ro, 0500), 0);
        snprintf(in_ro, sizeof in_ro, "%s/group.ics", ro);
        grp_assert_rc(grp_ical_export_group_to_file(f->s, f->group, in_ro, &o), GRP_EACCESS);
        chmod(ro, 0700);
    }
    /* a full disk */
    if (access("/dev/full", W_OK) == 0) {
        grp_assert_rc(grp_ical_export_group_to_file(f->s, f->group, "/dev/full", &o), GRP_ESTORAGE);
        grp_assert_msg_contains("/dev/full");
    }
    grp_test_rmtree(dir);
    free(dir);
}

/* Allocation failures: every one is reported as GRP_ENOMEM, leaves *out
 * NULL and leaks nothing. */
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
    fx f;
    memset(&f, 0, sizeof f);
    assert_int_equal(grp__alloc_live(), 0);
    grp_assert_ok(grp_set_allocator(&hooks));
    fail_at = 0;
    build(&f);
    grp_ical_options o = fixed();
    char *good = export(&f, f.group, &o); /* also loads the zone once */
    long failures = 0;
    for (fail_at = 1;; fail_at++) {
        char *doc = (char *)1;
        long live = grp__alloc_live();
        alloc_calls = 0;
        int rc = grp_ical_export_group(&doc, f.s, f.group, &o);
        if (rc == GRP_OK) {
            assert_true(alloc_calls < fail_at);
            assert_string_equal(doc, good);
            grp_free(doc);
            break;
        }
        grp_assert_rc(rc, GRP_ENOMEM);
        assert_null(doc);
        assert_int_equal(grp__alloc_live(), live);
        failures++;
    }
    assert_true(failures > 10);
    grp_free(good);
    fail_at = 0;
    grp_store_close(f.s);
    grp_assert_ok(grp_set_allocator(NULL)); /* nothing left live */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first: it needs no libgrp memory live when it installs its hooks */
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test_setup_teardown(test_document, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stable_uids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zones, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_bounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_orphans, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
