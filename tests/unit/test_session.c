/* Cadence, sessions (computed + stored, overrides, ad hoc) and attendance. */
#include "support.h"

#include <stdio.h>
#include <string.h>

typedef struct fx {
    grp_store *s;
    grp_id org, group;
    grp_id p[6];
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
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    memset(&f, 0, sizeof f);
    if (grp_store_open(&f.s, ":memory:", NULL) || grp_org_create(&o, f.s, "Org", NULL))
        return -1;
    f.org = grp_org_id(o);
    grp_org_free(o);
    gs.org_id = f.org;
    gs.name = "Monthly GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.quorum = 3;
    gs.location = "Room 1";
    gs.timezone = "Europe/London";
    if (grp_group_create(&g, f.s, &gs))
        return -1;
    f.group = grp_group_id(g);
    grp_group_free(g);
    ps.org_id = f.org;
    for (int i = 0; i < 6; i++) {
        grp_person *p;
        char name[16];
        snprintf(name, sizeof name, "P%d", i);
        ps.display_name = name;
        if (grp_person_create(&p, f.s, &ps))
            return -1;
        f.p[i] = grp_person_id(p);
        grp_person_free(p);
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    return 0;
}

static void set_monthly(fx *f, grp_date first, const char *rule)
{
    grp_cadence_spec c = GRP_CADENCE_SPEC_INIT;
    c.rrule = rule;
    c.first_date = first;
    c.start_hour = 14;
    grp_assert_ok(grp_cadence_set(NULL, f->s, f->group, &c));
}

/* Collect the start instants of a group's sessions in [from, to). */
static size_t starts(fx *f, grp_time from, grp_time to, grp_time *out, grp_session_status *status, size_t max)
{
    grp_session_iterator *it;
    grp_session *x;
    size_t n = 0;
    grp_assert_ok(grp_session_iterator_new(&it, f->s, f->group, from, to));
    while (grp_session_iterator_next(&x, it) == 0) {
        if (n < max) {
            out[n] = grp_session_start(x);
            if (status)
                status[n] = grp_session_status_of(x);
        }
        n++;
        grp_session_free(x);
    }
    grp_session_iterator_free(it);
    return n;
}

static void test_monthly_first_tuesday_london(void **state)
{
    fx *f = *state;
    grp_cadence *c;
    grp_cadence_spec spec = GRP_CADENCE_SPEC_INIT;
    spec.rrule = "freq=monthly;byday=1TU";
    spec.first_date = D(2026, 1, 1);
    spec.start_hour = 14;
    grp_assert_ok(grp_cadence_set(&c, f->s, f->group, &spec));
    assert_string_equal(grp_cadence_rrule(c), "FREQ=MONTHLY;BYDAY=1TU");
    assert_int_equal(grp_cadence_duration(c), 90); /* the group's default */
    assert_string_equal(grp_cadence_timezone(c), "Europe/London");
    assert_int_equal(grp_cadence_start_hour(c), 14);
    assert_int_equal(grp_cadence_start_minute(c), 0);
    assert_false(grp_date_is_set(grp_cadence_until(c)));
    grp_cadence_free(c);

    grp_time got[16];
    const char *want[] = {"2026-01-06T14:00:00Z", "2026-02-03T14:00:00Z", "2026-03-03T14:00:00Z",
                          "2026-04-07T13:00:00Z", /* BST */ "2026-05-05T13:00:00Z", "2026-06-02T13:00:00Z",
                          "2026-10-06T13:00:00Z", "2026-11-03T14:00:00Z"};
    assert_int_equal(starts(f, T("2026-01-01T00:00:00Z"), T("2026-07-01T00:00:00Z"), got, NULL, 16), 6);
    for (int i = 0; i < 6; i++)
        assert_int_equal(got[i], T(want[i]));
    assert_int_equal(starts(f, T("2026-10-01T00:00:00Z"), T("2026-12-01T00:00:00Z"), got, NULL, 16), 2);
    assert_int_equal(got[0], T(want[6]));
    assert_int_equal(got[1], T(want[7]));
    /* the range is half-open and exact to the second */
    assert_int_equal(starts(f, T("2026-02-03T14:00:00Z"), T("2026-03-03T14:00:00Z"), got, NULL, 16), 1);
    assert_int_equal(starts(f, T("2026-02-03T14:00:01Z"), T("2026-03-03T14:00:01Z"), got, NULL, 16), 1);
    assert_int_equal(got[0], T("2026-03-03T14:00:00Z"));
    /* before the first date: nothing */
    assert_int_equal(starts(f, T("2025-01-01T00:00:00Z"), T("2026-01-06T13:59:59Z"), got, NULL, 16), 0);

    grp_session *x;
    grp_assert_ok(grp_session_next(&x, f->s, f->group, T("2026-03-04T00:00:00Z")));
    assert_int_equal(grp_session_start(x), T("2026-04-07T13:00:00Z"));
    assert_int_equal(grp_session_end(x), T("2026-04-07T14:30:00Z"));
    grp_datetime local = grp_session_start_local(x);
    assert_int_equal(local.hour, 14);
    assert_int_equal(grp_session_id(x), 0); /* computed, not stored */
    assert_false(grp_session_adhoc(x));
    assert_false(grp_session_moved(x));
    assert_string_equal(grp_session_location(x), "Room 1");
    assert_string_equal(grp_session_timezone(x), "Europe/London");
    assert_int_equal(grp_session_status_of(x), GRP_SESSION_SCHEDULED);
    assert_int_equal(grp_session_expected(x), 0);
    assert_true(grp_session_under_quorum(x));
    grp_session_free(x);
}

static void test_overrides(void **state)
{
    fx *f = *state;
    grp_id id, again, adhoc;
    grp_session *x;
    set_monthly(f, D(2026, 1, 1), "FREQ=MONTHLY;BYDAY=1TU");
    grp_assert_ok(grp_session_ensure(&id, f->s, f->group, DT(2026, 2, 3, 14, 0)));
    assert_true(id > 0);
    grp_assert_ok(grp_session_ensure(&again, f->s, f->group, DT(2026, 2, 3, 14, 0)));
    assert_int_equal(again, id);
    grp_assert_rc(grp_session_ensure(&again, f->s, f->group, DT(2026, 2, 4, 14, 0)), GRP_ENOTFOUND);
    grp_assert_msg_contains("no session at 2026-02-04T14:00:00");
    grp_assert_rc(grp_session_ensure(&again, f->s, f->group, DT(2026, 2, 3, 15, 0)), GRP_ENOTFOUND);
    grp_assert_rc(grp_session_ensure(&again, f->s, f->group, DT(2025, 12, 2, 14, 0)), GRP_ENOTFOUND);

    /* cancel February: still listed, as cancelled; next() skips it */
    grp_assert_ok(grp_session_cancel(f->s, id, "facilitator ill"));
    grp_time got[8];
    grp_session_status st[8];
    assert_int_equal(starts(f, T("2026-01-01T00:00:00Z"), T("2026-04-01T00:00:00Z"), got, st, 8), 3);
    assert_int_equal(st[1], GRP_SESSION_CANCELLED);
    assert_int_equal(got[1], T("2026-02-03T14:00:00Z"));
    grp_assert_ok(grp_session_next(&x, f->s, f->group, T("2026-01-07T00:00:00Z")));
    assert_int_equal(grp_session_start(x), T("2026-03-03T14:00:00Z"));
    grp_session_free(x);
    grp_assert_ok(grp_session_get(&x, f->s, id));
    assert_string_equal(grp_session_reason(x), "facilitator ill");
    assert_int_equal(grp_session_status_of(x), GRP_SESSION_CANCELLED);
    grp_session_free(x);

    /* move March to 10 March 10:00 for 120 minutes: listed once, at the new time */
    grp_assert_ok(grp_session_ensure(&id, f->s, f->group, DT(2026, 3, 3, 14, 0)));
    grp_assert_ok(grp_session_move(f->s, id, DT(2026, 3, 10, 10, 0), 120));
    assert_int_equal(starts(f, T("2026-03-01T00:00:00Z"), T("2026-04-01T00:00:00Z"), got, st, 8), 1);
    assert_int_equal(got[0], T("2026-03-10T10:00:00Z"));
    grp_assert_ok(grp_session_get(&x, f->s, id));
    assert_true(grp_session_moved(x));
    assert_int_equal(grp_session_duration(x), 120);
    grp_datetime occ = grp_session_occurrence(x);
    assert_int_equal(occ.day, 3);
    grp_session_free(x);
    /* a range holding only the original slot does not show it */
    assert_int_equal(starts(f, T("2026-03-03T00:00:00Z"), T("2026-03-04T00:00:00Z"), got, st, 8), 0);
    /* moving April into March shows two sessions in March */
    grp_assert_ok(grp_session_ensure(&id, f->s, f->group, DT(2026, 4, 7, 14, 0)));
    grp_assert_ok(grp_session_move(f->s, id, DT(2026, 3, 31, 14, 0), 0));
    assert_int_equal(starts(f, T("2026-03-01T00:00:00Z"), T("2026-04-01T00:00:00Z"), got, st, 8), 2);
    assert_int_equal(got[1], T("2026-03-31T13:00:00Z")); /* BST from 29 March */
    assert_int_equal(starts(f, T("2026-04-01T00:00:00Z"), T("2026-05-01T00:00:00Z"), got, st, 8), 0);

    /* place override, then back to the group's */
    grp_assert_ok(grp_session_set_place(f->s, id, "Garden room", "https://meet.example.org/x"));
    grp_assert_ok(grp_session_get(&x, f->s, id));
    assert_string_equal(grp_session_location(x), "Garden room");
    assert_string_equal(grp_session_meeting_link(x), "https://meet.example.org/x");
    grp_session_free(x);
    grp_assert_ok(grp_session_set_place(f->s, id, NULL, NULL));
    grp_assert_ok(grp_session_get(&x, f->s, id));
    assert_string_equal(grp_session_location(x), "Room 1");
    assert_null(grp_session_meeting_link(x));
    grp_session_free(x);
    grp_assert_rc(grp_session_set_place(f->s, id, NULL, "mailto:x"), GRP_EINVAL);

    /* an ad-hoc session */
    grp_assert_ok(grp_session_add(&adhoc, f->s, f->group, DT(2026, 5, 20, 9, 30), 60));
    grp_assert_ok(grp_session_get(&x, f->s, adhoc));
    assert_true(grp_session_adhoc(x));
    assert_int_equal(grp_session_cadence_id(x), 0);
    assert_int_equal(grp_session_start(x), T("2026-05-20T08:30:00Z"));
    assert_int_equal(grp_session_occurrence(x).year, 0);
    grp_session_free(x);
    assert_int_equal(starts(f, T("2026-05-01T00:00:00Z"), T("2026-06-01T00:00:00Z"), got, st, 8), 2);
    assert_int_equal(got[0], T("2026-05-05T13:00:00Z"));
    assert_int_equal(got[1], T("2026-05-20T08:30:00Z"));

    /* status changes and errors */
    grp_assert_ok(grp_session_set_status(f->s, adhoc, GRP_SESSION_NOT_HELD));
    grp_assert_rc(grp_session_set_status(f->s, adhoc, (grp_session_status)4), GRP_EINVAL);
    grp_assert_rc(grp_session_cancel(f->s, 999, NULL), GRP_ENOTFOUND);
    grp_assert_rc(grp_session_move(f->s, adhoc, DT(2026, 2, 30, 9, 0), 0), GRP_EINVAL);
    grp_assert_rc(grp_session_move(f->s, adhoc, DT(2026, 2, 3, 9, 0), 1441), GRP_EINVAL);
    grp_assert_rc(grp_session_add(NULL, f->s, f->group, DT(2026, 5, 20, 24, 0), 60), GRP_EINVAL);
    grp_assert_rc(grp_session_add(NULL, f->s, 999, DT(2026, 5, 20, 9, 0), 60), GRP_ENOTFOUND);
    grp_assert_rc(grp_session_ensure(NULL, f->s, f->group, DT(2026, 2, 3, 14, 0)), GRP_EINVAL);
    grp_assert_rc(grp_session_ensure(&id, NULL, f->group, DT(2026, 2, 3, 14, 0)), GRP_EINVAL);
    grp_assert_rc(grp_session_get(&x, f->s, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_session_get(NULL, f->s, 1), GRP_EINVAL);
    assert_string_equal(grp_session_status_name(GRP_SESSION_NOT_HELD), "not_held");
    assert_null(grp_session_status_name((grp_session_status)9));
}

static void test_cadence_changes(void **state)
{
    fx *f = *state;
    grp_cadence_spec spec = GRP_CADENCE_SPEC_INIT;
    grp_cadence *c;
    grp_time got[16];
    set_monthly(f, D(2026, 1, 1), "FREQ=MONTHLY;BYDAY=1TU");
    /* a stored session in June survives the change */
    grp_id june;
    grp_assert_ok(grp_session_ensure(&june, f->s, f->group, DT(2026, 6, 2, 14, 0)));
    /* from 1 May on: every two months, second Wednesday, 10:00 in New York */
    spec.rrule = "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE";
    spec.first_date = D(2026, 5, 1);
    spec.start_hour = 10;
    spec.duration_minutes = 60;
    spec.timezone = "America/New_York";
    grp_assert_ok(grp_cadence_set(&c, f->s, f->group, &spec));
    grp_cadence_free(c);
    assert_int_equal(starts(f, T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z"), got, NULL, 16), 9);
    const char *want[] = {"2026-01-06T14:00:00Z", "2026-02-03T14:00:00Z", "2026-03-03T14:00:00Z",
                          "2026-04-07T13:00:00Z", "2026-05-13T14:00:00Z", "2026-06-02T13:00:00Z",
                          "2026-07-08T14:00:00Z", "2026-09-09T14:00:00Z", "2026-11-11T15:00:00Z"};
    for (int i = 0; i < 9; i++)
        if (got[i] != T(want[i]))
            fail_msg("session %d: got %lld want %s", i, (long long)got[i], want[i]);
    /* history: two segments, the first closed on 1 May */
    grp_cadence_iterator *it;
    grp_assert_ok(grp_cadence_iterator_new(&it, f->s, f->group));
    grp_assert_ok(grp_cadence_iterator_next(&c, it));
    assert_int_equal(grp_date_compare(grp_cadence_until(c), D(2026, 5, 1)), 0);
    grp_cadence_free(c);
    grp_assert_ok(grp_cadence_iterator_next(&c, it));
    assert_string_equal(grp_cadence_timezone(c), "America/New_York");
    assert_int_equal(grp_cadence_duration(c), 60);
    grp_cadence_free(c);
    grp_assert_rc(grp_cadence_iterator_next(&c, it), GRP_ITEROVER);
    grp_cadence_iterator_free(it);
    grp_assert_ok(grp_cadence_get(&c, f->s, f->group, D(2026, 3, 1)));
    assert_string_equal(grp_cadence_rrule(c), "FREQ=MONTHLY;BYDAY=1TU");
    grp_cadence_free(c);
    grp_assert_rc(grp_cadence_get(&c, f->s, f->group, D(2025, 12, 31)), GRP_ENOTFOUND);

    /* the past cannot be rewritten; the same start replaces */
    spec.first_date = D(2026, 4, 30);
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &spec), GRP_EINVAL);
    grp_assert_msg_contains("before the current cadence's start (2026-05-01)");
    spec.first_date = D(2026, 5, 1);
    spec.rrule = "FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE";
    grp_assert_ok(grp_cadence_set(NULL, f->s, f->group, &spec));
    assert_int_equal(starts(f, T("2026-07-01T00:00:00Z"), T("2026-08-01T00:00:00Z"), got, NULL, 16), 1);
    assert_int_equal(got[0], T("2026-07-15T14:00:00Z"));

    /* ending the cadence stops scheduling */
    grp_assert_ok(grp_cadence_end(f->s, f->group, D(2026, 9, 1)));
    assert_int_equal(starts(f, T("2026-09-01T00:00:00Z"), T("2027-09-01T00:00:00Z"), got, NULL, 16), 0);
    grp_session *x;
    grp_assert_rc(grp_session_next(&x, f->s, f->group, T("2026-09-01T00:00:00Z")), GRP_ENOTFOUND);
    grp_assert_rc(grp_cadence_end(f->s, f->group, D(2026, 10, 1)), GRP_ENOTFOUND);

    /* bad specs */
    grp_cadence_spec bad = GRP_CADENCE_SPEC_INIT;
    bad.first_date = D(2027, 1, 1);
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &bad), GRP_EINVAL);
    bad.rrule = "FREQ=MONTHLY;BYHOUR=9";
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &bad), GRP_EUNSUPPORTED);
    grp_assert_msg_contains("BYHOUR");
    bad.rrule = "FREQ=FORTNIGHTLY";
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &bad), GRP_EPARSE);
    bad.rrule = "FREQ=WEEKLY";
    bad.start_hour = 24;
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &bad), GRP_EINVAL);
    bad.start_hour = 9;
    bad.timezone = "Mars/Olympus_Mons";
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &bad), GRP_EINVAL);
    bad.timezone = NULL;
    bad.duration_minutes = -5;
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &bad), GRP_EINVAL);
    bad.duration_minutes = 0;
    bad.first_date = D(2027, 2, 29);
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, &bad), GRP_EINVAL);
    bad.first_date = D(2027, 1, 1);
    grp_assert_rc(grp_cadence_set(NULL, f->s, 999, &bad), GRP_ENOTFOUND);
    grp_assert_rc(grp_cadence_set(NULL, f->s, f->group, NULL), GRP_EINVAL);
    grp_assert_rc(grp_cadence_spec_init(&bad, 0), GRP_EINVAL);
    grp_assert_rc(grp_cadence_iterator_new(&it, f->s, 999), GRP_ENOTFOUND);
    grp_assert_ok(grp_cadence_set(NULL, f->s, f->group, &bad)); /* weekly from 2027 */

    /* range checks */
    grp_session_iterator *sit;
    grp_assert_rc(grp_session_iterator_new(&sit, f->s, f->group, 10, 5), GRP_EINVAL);
    grp_assert_rc(grp_session_iterator_new(&sit, f->s, f->group, 0, (grp_time)200 * 366 * 86400), GRP_EINVAL);
    grp_assert_rc(grp_session_iterator_new(&sit, f->s, 999, 0, 10), GRP_ENOTFOUND);
}

static void test_dst_gap_and_weekly(void **state)
{
    fx *f = *state;
    grp_cadence_spec spec = GRP_CADENCE_SPEC_INIT;
    grp_time got[8];
    /* daily at 02:30 New York: 8 March 2026 02:30 does not exist and moves
     * forward by the gap, to 03:30 EDT (07:30Z) */
    spec.rrule = "FREQ=DAILY";
    spec.first_date = D(2026, 3, 7);
    spec.start_hour = 2;
    spec.start_minute = 30;
    spec.timezone = "America/New_York";
    grp_assert_ok(grp_cadence_set(NULL, f->s, f->group, &spec));
    assert_int_equal(starts(f, T("2026-03-07T00:00:00Z"), T("2026-03-10T00:00:00Z"), got, NULL, 8), 3);
    assert_int_equal(got[0], T("2026-03-07T07:30:00Z"));
    assert_int_equal(got[1], T("2026-03-08T07:30:00Z"));
    assert_int_equal(got[2], T("2026-03-09T06:30:00Z"));
    /* after the change back, 02:30 EST is 07:30Z */
    assert_int_equal(starts(f, T("2026-11-01T00:00:00Z"), T("2026-11-02T00:00:00Z"), got, NULL, 8), 1);
    assert_int_equal(got[0], T("2026-11-01T07:30:00Z"));
    /* 1 November 01:30 happens twice in New York: the first (EDT) is taken.
     * The group's zone is London, so use a group in New York. */
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g;
    grp_session *x;
    grp_id id;
    gs.org_id = f->org;
    gs.name = "NY";
    gs.location = "Office";
    gs.timezone = "America/New_York";
    grp_assert_ok(grp_group_create(&g, f->s, &gs));
    grp_assert_ok(grp_session_add(&id, f->s, grp_group_id(g), DT(2026, 11, 1, 1, 30), 30));
    grp_assert_ok(grp_session_get(&x, f->s, id));
    assert_int_equal(grp_session_start(x), T("2026-11-01T05:30:00Z"));
    grp_session_free(x);
    grp_group_free(g);
}

static void test_attendance(void **state)
{
    fx *f = *state;
    grp_id s1, s2;
    grp_id *p = f->p;
    set_monthly(f, D(2026, 1, 1), "FREQ=MONTHLY;BYDAY=1TU");
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, p[0], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, p[1], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, p[2], D(2026, 2, 10), NULL)); /* joiner */
    grp_join_options fac = GRP_JOIN_OPTIONS_INIT;
    fac.role = GRP_ROLE_FACILITATOR;
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, p[5], D(2026, 1, 1), &fac));
    grp_assert_ok(grp_member_leave(NULL, f->s, f->group, p[1], D(2026, 3, 1), NULL)); /* leaver */

    grp_session *x;
    grp_assert_ok(grp_session_next(&x, f->s, f->group, T("2026-01-01T00:00:00Z")));
    assert_int_equal(grp_session_expected(x), 2);
    assert_true(grp_session_under_quorum(x));
    grp_session_free(x);

    grp_assert_ok(grp_session_ensure(&s1, f->s, f->group, DT(2026, 1, 6, 14, 0)));
    grp_assert_ok(grp_attendance_record(f->s, s1, p[0], GRP_ATTEND_PRESENT, -1, p[5]));
    grp_assert_ok(grp_attendance_record(f->s, s1, p[1], GRP_ATTEND_APOLOGIES, -1, p[5]));
    grp_assert_ok(grp_attendance_record(f->s, s1, p[5], GRP_ATTEND_PRESENT, -1, 0)); /* facilitator */
    grp_assert_rc(grp_attendance_record(f->s, s1, p[2], GRP_ATTEND_PRESENT, -1, 0), GRP_EINVAL);
    grp_assert_msg_contains("was not a member or facilitator of group");
    grp_assert_msg_contains("on 2026-01-06");
    grp_assert_rc(grp_attendance_record(f->s, s1, p[0], GRP_ATTEND_LATE, 91, 0), GRP_EINVAL);
    grp_assert_msg_contains("outside 0..90");
    grp_assert_rc(grp_attendance_record(f->s, s1, p[0], GRP_ATTEND_ABSENT, 10, 0), GRP_EINVAL);
    grp_assert_rc(grp_attendance_record(f->s, s1, p[0], (grp_attendance_status)6, 0, 0), GRP_EINVAL);
    grp_assert_rc(grp_attendance_record(f->s, s1, 999, GRP_ATTEND_PRESENT, -1, 0), GRP_ENOTFOUND);
    grp_assert_rc(grp_attendance_record(f->s, s1, p[0], GRP_ATTEND_PRESENT, -1, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_attendance_record(f->s, 999, p[0], GRP_ATTEND_PRESENT, -1, 0), GRP_ENOTFOUND);
    grp_assert_rc(grp_attendance_record(NULL, s1, p[0], GRP_ATTEND_PRESENT, -1, 0), GRP_EINVAL);

    grp_attendance *a;
    grp_assert_ok(grp_attendance_get(&a, f->s, s1, p[0]));
    assert_int_equal(grp_attendance_status_of(a), GRP_ATTEND_PRESENT);
    assert_int_equal(grp_attendance_minutes(a), 90);
    assert_int_equal(grp_attendance_recorded_by(a), p[5]);
    assert_true(grp_attendance_recorded_at(a) > 0);
    assert_int_equal(grp_attendance_session_id(a), s1);
    assert_int_equal(grp_attendance_person_id(a), p[0]);
    grp_attendance_free(a);
    /* re-recording replaces */
    grp_assert_ok(grp_attendance_record(f->s, s1, p[0], GRP_ATTEND_LEFT_EARLY, 60, p[5]));
    grp_assert_ok(grp_attendance_get(&a, f->s, s1, p[0]));
    assert_int_equal(grp_attendance_status_of(a), GRP_ATTEND_LEFT_EARLY);
    assert_int_equal(grp_attendance_minutes(a), 60);
    grp_attendance_free(a);
    grp_assert_rc(grp_attendance_get(&a, f->s, s1, p[3]), GRP_ENOTFOUND);

    grp_attendance_iterator *it;
    grp_assert_ok(grp_attendance_iterator_new(&it, f->s, s1));
    grp_id who[4];
    int n = 0;
    while (grp_attendance_iterator_next(&a, it) == 0) {
        who[n++] = grp_attendance_person_id(a);
        grp_attendance_free(a);
    }
    grp_attendance_iterator_free(it);
    assert_int_equal(n, 3);
    assert_int_equal(who[0], p[0]);
    assert_int_equal(who[2], p[5]);

    /* the session became held and cannot now be cancelled */
    grp_assert_ok(grp_session_get(&x, f->s, s1));
    assert_int_equal(grp_session_status_of(x), GRP_SESSION_HELD);
    grp_session_free(x);
    grp_assert_rc(grp_session_cancel(f->s, s1, NULL), GRP_ESTATE);
    /* a cancelled session takes no attendance */
    grp_assert_ok(grp_session_ensure(&s2, f->s, f->group, DT(2026, 2, 3, 14, 0)));
    grp_assert_ok(grp_session_cancel(f->s, s2, NULL));
    grp_assert_rc(grp_attendance_record(f->s, s2, p[0], GRP_ATTEND_PRESENT, -1, 0), GRP_ESTATE);

    /* March: p[0] present, p[2] absent; p[1] has left */
    grp_id s3;
    grp_assert_ok(grp_session_ensure(&s3, f->s, f->group, DT(2026, 3, 3, 14, 0)));
    grp_assert_ok(grp_attendance_record(f->s, s3, p[0], GRP_ATTEND_PRESENT, -1, 0));
    grp_assert_ok(grp_attendance_record(f->s, s3, p[2], GRP_ATTEND_ABSENT, 0, 0));
    grp_assert_rc(grp_attendance_record(f->s, s3, p[1], GRP_ATTEND_PRESENT, -1, 0), GRP_EINVAL);

    /* Stats Jan-Apr (sessions 6 Jan, [3 Feb cancelled], 3 Mar, 7 Apr not recorded) */
    grp_attendance_stats st;
    grp_time from = T("2026-01-01T00:00:00Z"), to = T("2026-05-01T00:00:00Z");
    grp_assert_ok(grp_attendance_stats_get(&st, f->s, f->group, p[0], from, to));
    assert_int_equal(st.expected, 3);
    assert_int_equal(st.attended, 2);
    assert_int_equal(st.not_recorded, 1);
    assert_true(st.attendance_rate == 1.0);
    grp_assert_ok(grp_attendance_stats_get(&st, f->s, f->group, p[1], from, to));
    assert_int_equal(st.expected, 1); /* left 1 March: only January counts */
    assert_int_equal(st.apologies, 1);
    assert_true(st.attendance_rate == 0.0);
    assert_true(st.commitment_rate == 1.0);
    grp_assert_ok(grp_attendance_stats_get(&st, f->s, f->group, p[2], from, to));
    assert_int_equal(st.expected, 2); /* joined 10 Feb: March and April */
    assert_int_equal(st.absent, 1);
    assert_int_equal(st.not_recorded, 1);
    assert_true(st.commitment_rate == 0.0);
    grp_assert_ok(grp_attendance_stats_get(&st, f->s, f->group, 0, from, to));
    assert_int_equal(st.expected, 6); /* facilitators are not counted */
    assert_int_equal(st.attended, 2);
    assert_int_equal(st.apologies, 1);
    assert_int_equal(st.absent, 1);
    assert_int_equal(st.not_recorded, 2);
    assert_true(st.attendance_rate == 0.5);
    assert_true(st.commitment_rate == 0.75);
    grp_assert_rc(grp_attendance_stats_get(&st, f->s, f->group, 0, to, from), GRP_EINVAL);
    grp_assert_rc(grp_attendance_stats_get(&st, f->s, 999, 0, from, to), GRP_ENOTFOUND);
    grp_assert_rc(grp_attendance_stats_get(&st, f->s, f->group, 999, from, to), GRP_ENOTFOUND);
    grp_assert_rc(grp_attendance_stats_get(NULL, f->s, f->group, 0, from, to), GRP_EINVAL);

    /* sessions a person is expected at */
    grp_session_iterator *sit;
    grp_assert_ok(grp_session_iterator_for_person(&sit, f->s, p[1], from, to));
    n = 0;
    while (grp_session_iterator_next(&x, sit) == 0) {
        n++;
        assert_int_equal(grp_session_start(x), T("2026-01-06T14:00:00Z"));
        grp_session_free(x);
    }
    grp_session_iterator_free(sit);
    assert_int_equal(n, 1); /* February cancelled, then left */
    grp_assert_ok(grp_session_iterator_for_person(&sit, f->s, p[5], from, to));
    n = 0;
    while (grp_session_iterator_next(&x, sit) == 0) {
        n++;
        grp_session_free(x);
    }
    grp_session_iterator_free(sit);
    assert_int_equal(n, 3);
    grp_assert_rc(grp_session_iterator_for_person(&sit, f->s, 999, from, to), GRP_ENOTFOUND);
    assert_string_equal(grp_attendance_status_name(GRP_ATTEND_APOLOGIES), "apologies");
    assert_null(grp_attendance_status_name((grp_attendance_status)6));
}

/* Misuse of the list functions: NULL and out-of-range arguments. */
static void test_list_misuse(void **state)
{
    (void)state;
    grp_store *s;
    grp_attendance_iterator *ait = (grp_attendance_iterator *)&ait;
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    grp_assert_rc(grp_attendance_iterator_new(NULL, s, 1), GRP_EINVAL);
    grp_assert_rc(grp_attendance_iterator_new(&ait, NULL, 1), GRP_EINVAL);
    grp_assert_rc(grp_attendance_iterator_new(&ait, s, 0), GRP_EINVAL);
    grp_assert_rc(grp_attendance_iterator_new(&ait, s, 999), GRP_ENOTFOUND);
    assert_null(ait);
    grp_attendance *a;
    grp_assert_rc(grp_attendance_iterator_next(&a, NULL), GRP_EINVAL);
    grp_assert_rc(grp_attendance_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_cadence *c;
    grp_assert_rc(grp_cadence_iterator_next(&c, NULL), GRP_EINVAL);
    grp_assert_rc(grp_cadence_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_session *se;
    grp_assert_rc(grp_session_iterator_next(&se, NULL), GRP_EINVAL);
    grp_assert_rc(grp_session_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_misuse),
        cmocka_unit_test_setup_teardown(test_monthly_first_tuesday_london, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cadence_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dst_gap_and_weekly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attendance, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
