/* Round trip of the iCalendar export through libical: the document is
 * parsed back with libical's parser, each series is expanded by libical
 * (icalcomponent_foreach_recurrence: DTSTART, RRULE, EXDATE) in the time
 * zone libical builds from the embedded VTIMEZONE, RECURRENCE-ID overrides
 * replace the instances they name and single events are added; the
 * resulting (start, end) instants must equal, one by one, the sessions
 * grp_session_iterator lists over the same range, less the cancelled ones.
 * Each embedded VTIMEZONE is also checked against libgrp's own zone, offset
 * by offset, across the exported span and far beyond it.
 *
 * The cases stay off local times in a daylight-saving gap or overlap,
 * where libical and RFC 5545 disagree (see tests/ical/test_rrule_libical.c). */
#include "support.h"

#include <libgrp/ical.h>
#include <libical/ical.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INST 4096

typedef struct inst {
    grp_time start, end;
} inst;

typedef struct fx {
    grp_store *s;
    grp_id org;
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

static int setup(void **state)
{
    static fx f;
    grp_org *o;
    memset(&f, 0, sizeof f);
    if (grp_store_open(&f.s, ":memory:", NULL) || grp_org_create(&o, f.s, "Org", NULL))
        return -1;
    f.org = grp_org_id(o);
    grp_org_free(o);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    return 0;
}

static grp_id make_group(fx *f, const char *name, const char *zone, int minutes)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g;
    gs.org_id = f->org;
    gs.name = name;
    gs.location = "Room 1";
    gs.timezone = zone;
    gs.session_minutes = minutes;
    grp_assert_ok(grp_group_create(&g, f->s, &gs));
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    return id;
}

static void set_cadence(fx *f, grp_id g, const char *rule, grp_date first, int h, int m, int minutes,
                        const char *zone)
{
    grp_cadence_spec c = GRP_CADENCE_SPEC_INIT;
    c.rrule = rule;
    c.first_date = first;
    c.start_hour = h;
    c.start_minute = m;
    c.duration_minutes = minutes;
    c.timezone = zone;
    grp_assert_ok(grp_cadence_set(NULL, f->s, g, &c));
}

static grp_id occurrence(fx *f, grp_id g, grp_datetime occ)
{
    grp_id id = 0;
    grp_assert_ok(grp_session_ensure(&id, f->s, g, occ));
    return id;
}

static int by_start(const void *a, const void *b)
{
    const inst *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

static void fmt(char *buf, size_t size, grp_time t)
{
    if (grp_time_format(buf, size, t) != 0)
        snprintf(buf, size, "%lld", (long long)t);
}

/* libgrp's view: sessions in [from, to), cancelled and not-held left out. */
static size_t grp_instances(fx *f, grp_id g, grp_time from, grp_time to, inst *out)
{
    grp_session_iterator *it;
    grp_session *x;
    size_t n = 0;
    grp_assert_ok(grp_session_iterator_new(&it, f->s, g, from, to));
    while (grp_session_iterator_next(&x, it) == 0) {
        grp_session_status st = grp_session_status_of(x);
        if (st != GRP_SESSION_CANCELLED && st != GRP_SESSION_NOT_HELD) {
            assert_true(n < MAX_INST);
            out[n].start = grp_session_start(x);
            out[n].end = grp_session_end(x);
            n++;
        }
        grp_session_free(x);
    }
    grp_session_iterator_free(it);
    return n;
}

typedef struct collect {
    inst *v;
    size_t n;
} collect;

static void on_span(icalcomponent *comp, struct icaltime_span *span, void *data)
{
    collect *c = data;
    (void)comp;
    assert_true(c->n < MAX_INST);
    c->v[c->n].start = span->start;
    c->v[c->n].end = span->end;
    c->n++;
}

/* The zone libical resolved for a property's TZID must be the one built
 * from the document's own VTIMEZONE, not one of libical's built-in zones. */
static time_t as_instant(icalcomponent *cal, struct icaltimetype t, const char *what)
{
    const icaltimezone *z = icaltime_get_timezone(t);
    if (!z)
        fail_msg("%s has no time zone", what);
    const char *tzid = icaltimezone_get_tzid((icaltimezone *)z);
    assert_non_null(tzid);
    assert_ptr_equal(z, icalcomponent_get_timezone(cal, tzid));
    return icaltime_as_timet_with_zone(t, z);
}

/* libical 3.0's icalcomponent_get_recurrenceid() leaves out the TZID:
 * resolve it in the calendar, as icalcomponent_get_dtstart() does. */
static struct icaltimetype recurrence_id(icalcomponent *cal, icalcomponent *c)
{
    icalproperty *p = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
    struct icaltimetype t = icalproperty_get_recurrenceid(p);
    icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    assert_non_null(tzid);
    icaltimezone *z = icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid));
    assert_non_null(z);
    return icaltime_set_timezone(&t, z);
}

static const char *prop_value(icalcomponent *c, icalproperty_kind k)
{
    icalproperty *p = icalcomponent_get_first_property(c, k);
    return p ? icalproperty_get_value_as_string(p) : NULL;
}

typedef struct overrides {
    const char *uid[256];
    time_t rid[256];
    size_t n;
} overrides;

/* libical's view of the document: sessions starting in [from, to). */
static size_t ical_instances(icalcomponent *cal, grp_time from, grp_time to, inst *out, size_t *n_series,
                             size_t *n_exdates, size_t *n_overrides)
{
    collect all = {out, 0};
    overrides ov;
    icaltimezone *utc = icaltimezone_get_utc_timezone();
    struct icaltimetype lo = icaltime_from_timet_with_zone((time_t)from, 0, utc);
    struct icaltimetype hi = icaltime_from_timet_with_zone((time_t)to, 0, utc);
    icalcomponent *c;
    ov.n = 0;
    *n_series = *n_exdates = *n_overrides = 0;
    /* Overrides first: which instances of which series they replace. */
    for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (!icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY))
            continue;
        assert_true(ov.n < 256);
        ov.uid[ov.n] = icalcomponent_get_uid(c);
        ov.rid[ov.n] = as_instant(cal, recurrence_id(cal, c), "RECURRENCE-ID");
        ov.n++;
    }
    *n_overrides = ov.n;
    for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        struct icaltimetype st = icalcomponent_get_dtstart(c);
        time_t start = as_instant(cal, st, "DTSTART");
        struct icaldurationtype d = icalcomponent_get_duration(c);
        assert_false(icaldurationtype_is_bad_duration(d));
        int seconds = icaldurationtype_as_int(d);
        assert_true(seconds > 0);
        if (icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY)) {
            size_t before = all.n, kept = before;
            (*n_series)++;
            /* RFC 5545 counts DTSTART as the first instance even when the
             * rule does not give it (libical 3.0 does not): it must be one
             * the rule gives. */
            struct icalrecurrencetype r =
                icalproperty_get_rrule(icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY));
            icalrecur_iterator *ri = icalrecur_iterator_new(r, st);
            assert_non_null(ri);
            struct icaltimetype first = icalrecur_iterator_next(ri);
            icalrecur_iterator_free(ri);
            if (icaltime_compare(first, st) != 0)
                fail_msg("DTSTART %s is not the rule's first instance %s", icaltime_as_ical_string(st),
                         icaltime_as_ical_string(first));
            for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_EXDATE_PROPERTY); p;
                 p = icalcomponent_get_next_property(c, ICAL_EXDATE_PROPERTY))
                (*n_exdates)++;
            icalcomponent_foreach_recurrence(c, lo, hi, on_span, &all);
            /* drop the instances an override replaces */
            const char *uid = icalcomponent_get_uid(c);
            for (size_t i = before; i < all.n; i++) {
                int replaced = 0;
                for (size_t k = 0; k < ov.n && !replaced; k++)
                    replaced = strcmp(ov.uid[k], uid) == 0 && ov.rid[k] == all.v[i].start;
                if (!replaced)
                    all.v[kept++] = all.v[i];
            }
            all.n = kept;
        } else {
            assert_true(all.n < MAX_INST);
            all.v[all.n].start = start;
            all.v[all.n].end = start + seconds;
            all.n++;
        }
    }
    /* keep what starts in [from, to), as the session iterator does */
    size_t n = 0;
    for (size_t i = 0; i < all.n; i++)
        if (all.v[i].start >= from && all.v[i].start < to)
            out[n++] = all.v[i];
    qsort(out, n, sizeof *out, by_start);
    return n;
}

/* Offsets from the embedded VTIMEZONE, read by libical, against libgrp's. */
static void check_zone(icalcomponent *cal, const char *name, grp_time from, grp_time to, grp_time step)
{
    icaltimezone *z = icalcomponent_get_timezone(cal, name);
    grp_tz *tz;
    if (!z)
        fail_msg("no VTIMEZONE for %s", name);
    grp_assert_ok(grp_tz_open(&tz, name));
    for (grp_time t = from; t < to; t += step) {
        struct icaltimetype u = icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
        int dst_ical = -1, off, dst;
        int off_ical = icaltimezone_get_utc_offset_of_utc_time(z, &u, &dst_ical);
        grp_assert_ok(grp_tz_offset_at(&off, &dst, NULL, tz, t));
        if (off != off_ical || dst != dst_ical) {
            char b[32];
            fmt(b, sizeof b, t);
            fail_msg("%s at %s: libgrp offset %d dst %d, VTIMEZONE (libical) %d dst %d", name, b, off, dst,
                     off_ical, dst_ical);
        }
    }
    grp_tz_free(tz);
}

typedef struct expect {
    size_t sessions, series, exdates, overrides; /* as exported */
} expect;

/* Export the groups gs (one calendar), parse it with libical and compare
 * with libgrp (their sessions together, by start) over [from, to). The
 * counts guard against a comparison of two empty lists. far: also check
 * the zones in 2040-2041, beyond the exported span, where only open yearly
 * rules describe them. */
static void round_trip_groups(fx *f, const grp_id *gs, size_t ng, grp_time from, grp_time to, expect e,
                              const char *const *zones, int far)
{
    static inst mine[MAX_INST], theirs[MAX_INST];
    grp_ical_options o = GRP_ICAL_OPTIONS_INIT;
    char *doc = NULL;
    size_t n_series, n_exdates, n_overrides;
    o.dtstamp = T("2026-01-01T00:00:00Z");
    grp_assert_ok(grp_ical_export_groups(&doc, f->s, gs, ng, &o));
    icalcomponent *cal = icalparser_parse_string(doc);
    if (!cal)
        fail_msg("libical could not parse the export:\n%s", doc);
    assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
    if (icalcomponent_count_errors(cal) != 0)
        fail_msg("libical found errors in the export:\n%s", icalcomponent_as_ical_string(cal));
    assert_string_equal(prop_value(cal, ICAL_VERSION_PROPERTY), "2.0");

    size_t n = 0;
    for (size_t i = 0; i < ng; i++)
        n += grp_instances(f, gs[i], from, to, mine + n);
    qsort(mine, n, sizeof *mine, by_start);
    size_t m = ical_instances(cal, from, to, theirs, &n_series, &n_exdates, &n_overrides);
    for (size_t i = 0; i < n || i < m; i++) {
        char a[32] = "-", b[32] = "-", c[32] = "-", d[32] = "-";
        if (i < n) {
            fmt(a, sizeof a, mine[i].start);
            fmt(b, sizeof b, mine[i].end);
        }
        if (i < m) {
            fmt(c, sizeof c, theirs[i].start);
            fmt(d, sizeof d, theirs[i].end);
        }
        if (i >= n || i >= m || mine[i].start != theirs[i].start || mine[i].end != theirs[i].end)
            fail_msg("session %zu: libgrp %s..%s, libical %s..%s (libgrp %zu, libical %zu)\n%s", i, a, b, c, d, n,
                     m, doc);
    }
    assert_int_equal(n, e.sessions);
    assert_int_equal(m, e.sessions);
    assert_int_equal(n_series, e.series);
    assert_int_equal(n_exdates, e.exdates);
    assert_int_equal(n_overrides, e.overrides);
    for (const char *const *z = zones; *z; z++) {
        check_zone(cal, *z, from - 366 * 86400, to, 3 * 3600);
        if (far)
            check_zone(cal, *z, T("2040-01-01T00:00:00Z"), T("2042-01-01T00:00:00Z"), 86400);
    }
    icalcomponent_free(cal);
    grp_free(doc);
}

static void round_trip_zones(fx *f, grp_id g, grp_time from, grp_time to, expect e, const char *const *zones,
                             int far)
{
    round_trip_groups(f, &g, 1, from, to, e, zones, far);
}

static void round_trip(fx *f, grp_id g, grp_time from, grp_time to, expect e, const char *const *zones)
{
    round_trip_zones(f, g, from, to, e, zones, 1);
}

static void test_monthly_first_tuesday_london(void **state)
{
    fx *f = *state;
    grp_id g = make_group(f, "Monthly GRP", "Europe/London", 90);
    set_cadence(f, g, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 1), 14, 0, 0, NULL);
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, g, DT(2026, 2, 3, 14, 0)), "ill"));
    grp_assert_ok(grp_session_set_status(f->s, occurrence(f, g, DT(2026, 11, 3, 14, 0)), GRP_SESSION_NOT_HELD));
    /* moved across the change to BST, and longer */
    grp_assert_ok(grp_session_move(f->s, occurrence(f, g, DT(2026, 3, 3, 14, 0)), DT(2026, 3, 31, 10, 0), 120));
    /* a new place only */
    grp_assert_ok(grp_session_set_place(f->s, occurrence(f, g, DT(2026, 6, 2, 14, 0)), "Garden room", NULL));
    /* stored but unchanged (as attendance would leave it): no override */
    occurrence(f, g, DT(2026, 7, 7, 14, 0));
    grp_id extra;
    grp_assert_ok(grp_session_add(&extra, f->s, g, DT(2026, 5, 20, 9, 30), 60));
    grp_assert_ok(grp_session_add(&extra, f->s, g, DT(2026, 8, 19, 9, 30), 60));
    grp_assert_ok(grp_session_cancel(f->s, extra, NULL));
    const char *zones[] = {"Europe/London", NULL};
    /* 24 occurrences, 2 dropped, 1 ad-hoc */
    expect e = {23, 1, 2, 2};
    round_trip(f, g, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e, zones);
}

static void test_bimonthly(void **state)
{
    fx *f = *state;
    grp_id g = make_group(f, "Bi-monthly", "Europe/London", 120);
    /* the first date matches nothing: the first session is 11 February */
    set_cadence(f, g, "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE", D(2026, 2, 1), 10, 0, 0, NULL);
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, g, DT(2026, 8, 12, 10, 0)), NULL));
    const char *zones[] = {"Europe/London", NULL};
    expect e = {11, 1, 1, 0}; /* Feb 2026 .. Dec 2027: 12, less one */
    round_trip(f, g, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e, zones);

    grp_id h = make_group(f, "Mid-month", "Europe/London", 60);
    /* 15th every other month from 20 January: the series starts 15 March */
    set_cadence(f, h, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15", D(2026, 1, 20), 17, 45, 0, NULL);
    expect e2 = {11, 1, 0, 0}; /* Mar 2026 .. Nov 2027 */
    round_trip(f, h, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e2, zones);
}

static void test_weekly_new_york_across_dst(void **state)
{
    fx *f = *state;
    grp_id g = make_group(f, "Group supervision", "America/New_York", 90);
    set_cadence(f, g, "FREQ=WEEKLY;BYDAY=TH", D(2026, 1, 1), 8, 30, 0, NULL);
    /* cancelled in both kinds of time */
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, g, DT(2026, 3, 12, 8, 30)), NULL));
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, g, DT(2026, 12, 24, 8, 30)), NULL));
    /* moved over the change to EDT (8 March) and back to EST (1 November) */
    grp_assert_ok(grp_session_move(f->s, occurrence(f, g, DT(2026, 3, 5, 8, 30)), DT(2026, 3, 9, 12, 0), 0));
    grp_assert_ok(grp_session_move(f->s, occurrence(f, g, DT(2026, 10, 29, 8, 30)), DT(2026, 11, 2, 8, 30), 45));
    const char *zones[] = {"America/New_York", NULL};
    /* Thursdays from 1 Jan 2026 to 30 Dec 2027: 53 + 52, less two */
    expect e = {103, 1, 2, 2};
    round_trip(f, g, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e, zones);
}

static void test_cadence_changed_mid_year(void **state)
{
    fx *f = *state;
    grp_id g = make_group(f, "Changing", "Europe/London", 90);
    set_cadence(f, g, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 1), 14, 0, 0, NULL);
    grp_assert_ok(grp_session_move(f->s, occurrence(f, g, DT(2026, 4, 7, 14, 0)), DT(2026, 4, 8, 14, 0), 0));
    /* stored before the change, for occurrences the new cadence drops:
     * still listed, so exported as events of their own (the cancelled one
     * is not) */
    occurrence(f, g, DT(2026, 9, 1, 14, 0));
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, g, DT(2026, 10, 6, 14, 0)), NULL));
    /* from 1 July: every other Wednesday at 18:00 in New York, 60 minutes */
    set_cadence(f, g, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", D(2026, 7, 1), 18, 0, 60, "America/New_York");
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, g, DT(2026, 7, 15, 18, 0)), NULL));
    const char *zones[] = {"Europe/London", "America/New_York", NULL};
    /* Jan..Jun 2026: 6 first Tuesdays; Jul 2026..Dec 2027: 40 Wednesdays
     * less one; September's orphan */
    expect e = {46, 2, 1, 1};
    round_trip(f, g, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e, zones);

    /* the segment that ended on 1 July stops just before it */
    char *doc;
    grp_ical_options o = GRP_ICAL_OPTIONS_INIT;
    o.dtstamp = T("2026-01-01T00:00:00Z");
    grp_assert_ok(grp_ical_export_group(&doc, f->s, g, &o));
    assert_non_null(strstr(doc, "RRULE:FREQ=MONTHLY;UNTIL=20260630T225959Z;BYDAY=1TU\r\n"));
    assert_non_null(strstr(doc, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE\r\n"));
    grp_free(doc);
}

static void test_kolkata(void **state)
{
    fx *f = *state;
    grp_id g = make_group(f, "Kolkata", "Asia/Kolkata", 60);
    set_cadence(f, g, "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=60", D(2026, 3, 1), 19, 30, 0, NULL);
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, g, DT(2026, 3, 4, 19, 30)), NULL));
    grp_assert_ok(grp_session_move(f->s, occurrence(f, g, DT(2026, 4, 1, 19, 30)), DT(2026, 4, 2, 7, 0), 0));
    const char *zones[] = {"Asia/Kolkata", NULL};
    expect e = {59, 1, 1, 1};
    round_trip(f, g, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e, zones);
}

static void test_rule_ends(void **state)
{
    fx *f = *state;
    const char *zones[] = {"Europe/London", NULL};
    /* COUNT running past the end of its segment becomes an UNTIL */
    grp_id g = make_group(f, "Count cut", "Europe/London", 60);
    set_cadence(f, g, "FREQ=WEEKLY;BYDAY=FR;COUNT=30", D(2026, 1, 1), 9, 0, 0, NULL);
    grp_assert_ok(grp_cadence_end(f->s, g, D(2026, 3, 27)));
    expect e = {12, 1, 0, 0}; /* 2 Jan .. 20 Mar */
    round_trip(f, g, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e, zones);

    /* a rule's own UNTIL as a DATE (libgrp keeps that whole day) */
    grp_id h = make_group(f, "Until date", "Europe/London", 60);
    set_cadence(f, h, "FREQ=DAILY;INTERVAL=3;UNTIL=20260410", D(2026, 3, 20), 23, 15, 0, NULL);
    expect e2 = {8, 1, 0, 0}; /* 20, 23, 26, 29 Mar; 1, 4, 7, 10 Apr */
    round_trip(f, h, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e2, zones);

    /* a rule's own UTC UNTIL, within a segment that ends later */
    grp_id k = make_group(f, "Until UTC", "America/New_York", 60);
    set_cadence(f, k, "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261030T210000Z", D(2026, 1, 1), 17, 0, 0, NULL);
    grp_assert_ok(grp_cadence_end(f->s, k, D(2027, 1, 1)));
    const char *ny[] = {"America/New_York", NULL};
    expect e3 = {10, 1, 0, 0}; /* 30 Jan .. 30 Oct (17:00 EDT = 21:00Z: included) */
    round_trip(f, k, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e3, ny);

    /* yearly, in the last week of a month, across several years */
    grp_id y = make_group(f, "Yearly", "Europe/London", 180);
    set_cadence(f, y, "FREQ=YEARLY;BYMONTH=6;BYDAY=-1TH", D(2026, 1, 1), 9, 0, 0, NULL);
    expect e4 = {6, 1, 0, 0};
    round_trip(f, y, T("2026-01-01T00:00:00Z"), T("2032-01-01T00:00:00Z"), e4, zones);
}

/* Zones whose rules changed inside the span: runs of yearly changes end
 * with an UNTIL, irregular changes are listed one by one. */
static void test_changing_zones(void **state)
{
    fx *f = *state;
    /* Sao Paulo: DST moved from October to November in 2018, abolished 2019 */
    grp_id g = make_group(f, "Sao Paulo", "America/Sao_Paulo", 60);
    set_cadence(f, g, "FREQ=MONTHLY;BYMONTHDAY=10", D(2016, 1, 1), 14, 0, 0, NULL);
    grp_assert_ok(grp_cadence_end(f->s, g, D(2021, 1, 1)));
    const char *sp[] = {"America/Sao_Paulo", NULL};
    expect e = {60, 1, 0, 0};
    round_trip(f, g, T("2016-01-01T00:00:00Z"), T("2021-01-01T00:00:00Z"), e, sp);

    /* Moscow: +04 all year from 2011, back to +03 in 2014 */
    grp_id m = make_group(f, "Moscow", "Europe/Moscow", 60);
    set_cadence(f, m, "FREQ=WEEKLY;BYDAY=MO", D(2010, 1, 1), 14, 0, 0, NULL);
    grp_assert_ok(grp_cadence_end(f->s, m, D(2016, 1, 1)));
    const char *msk[] = {"Europe/Moscow", NULL};
    expect e2 = {313, 1, 0, 0};
    round_trip(f, m, T("2010-01-01T00:00:00Z"), T("2016-01-01T00:00:00Z"), e2, msk);

    /* Casablanca: +00 during Ramadan each year, on dates no yearly rule
     * gives; checked within the exported span only (tzdata lists those
     * changes to 2087, the export ten years past an open series' start) */
    grp_id c = make_group(f, "Casablanca", "Africa/Casablanca", 60);
    set_cadence(f, c, "FREQ=WEEKLY;BYDAY=MO", D(2026, 1, 1), 14, 0, 0, NULL);
    const char *cas[] = {"Africa/Casablanca", NULL};
    expect e3 = {104, 1, 0, 0};
    round_trip_zones(f, c, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e3, cas, 0);
}

/* Two groups in two zones in one calendar (grp_ical_export_groups): libical
 * expands the document into exactly both groups' sessions. */
static void test_several_groups(void **state)
{
    fx *f = *state;
    grp_id lon = make_group(f, "Monthly GRP", "Europe/London", 90);
    set_cadence(f, lon, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 1), 14, 0, 0, NULL);
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, lon, DT(2026, 2, 3, 14, 0)), NULL));
    grp_assert_ok(grp_session_move(f->s, occurrence(f, lon, DT(2026, 3, 3, 14, 0)), DT(2026, 3, 31, 10, 0), 120));
    grp_id ny = make_group(f, "Group supervision", "America/New_York", 90);
    set_cadence(f, ny, "FREQ=WEEKLY;BYDAY=TH", D(2026, 1, 1), 8, 30, 0, NULL);
    grp_assert_ok(grp_session_cancel(f->s, occurrence(f, ny, DT(2026, 3, 12, 8, 30)), NULL));
    grp_id extra;
    grp_assert_ok(grp_session_add(&extra, f->s, ny, DT(2026, 5, 20, 9, 30), 60));
    const grp_id both[] = {lon, ny};
    const char *zones[] = {"Europe/London", "America/New_York", NULL};
    /* London: 24 first Tuesdays less one; New York: 105 Thursdays less one,
     * and one ad hoc; two series, two EXDATEs, one override */
    expect e = {23 + 104 + 1, 2, 2, 1};
    round_trip_groups(f, both, 2, T("2026-01-01T00:00:00Z"), T("2028-01-01T00:00:00Z"), e, zones, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_monthly_first_tuesday_london, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bimonthly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weekly_new_york_across_dst, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cadence_changed_mid_year, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kolkata, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changing_zones, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_groups, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
