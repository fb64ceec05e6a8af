/* Reports: exact rows of every report on a prepared store, what each actor
 * gets, CSV and JSON output read back, suppression, errors, allocation
 * failures. */
#include "support.h"
#include "csv_reader.h"
#include "util/alloc.h"

#include <libgrp/report.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Organisation "Trust" (org):
 *   group g "Monthly GRP": first Tuesday 14:00 London, 90 minutes.
 *     fac facilitator from 2026-01-01; m1, m2, m3, leaver members from
 *     2026-01-01; leaver leaves 2026-02-10 ("moved team"); joiner joins
 *     2026-02-10 (a reason with a comma, quotes and CRLF); early was a
 *     member 2025-11-01 .. 2025-12-15.
 *     Sessions: s1 2026-01-06, s2 02-03 held; s3 03-03 cancelled; s4 04-07.
 *   group k "1:1 supervision": individual crediting; kfac facilitator and
 *     m1 member from 2026-02-01; one ad-hoc session 2026-02-20 10:00, 60'.
 *   admin administers org; stranger is in no group.
 * Organisation "Other" (org2): admin2 administers it; x1, x2, x3 are its
 *   people, used by group w (capacity 1, waitlist) and group a (approval).
 */
typedef struct fx {
    grp_store *s;
    grp_id org, org2, g, k, w, a;
    grp_id fac, m1, m2, m3, leaver, joiner, early, kfac, admin, stranger, admin2, x1, x2, x3;
    grp_id s1, s2, s3, s4, ks;
    grp_id e1, e2, e3, e4; /* m1's hours entries */
    grp_id goal1, goal2, goal3;
} fx;

static const char *JOINER_REASON = "new starter,\r\nfrom \"Team B\"";

static grp_datetime DT(int y, int mo, int d, int h, int mi)
{
    grp_datetime dt = {y, mo, d, h, mi, 0};
    return dt;
}

static grp_time T(const char *rfc3339)
{
    grp_time t = 0;
    if (grp_time_parse(&t, rfc3339) != 0)
        fail_msg("bad instant in test: %s", rfc3339);
    return t;
}

static const grp_date NODATE = {0, 0, 0};

/* Decimal text of an id, from a rotating pool (enough for one row table). */
static const char *S(grp_id id)
{
    static char pool[128][24];
    static unsigned next;
    char *b = pool[next++ % 128];
    snprintf(b, 24, "%lld", (long long)id);
    return b;
}

static grp_id mk_org(grp_store *s, const char *name)
{
    grp_org *o;
    grp_assert_ok(grp_org_create(&o, s, name, NULL));
    grp_id id = grp_org_id(o);
    grp_org_free(o);
    return id;
}

static grp_id mk_person(grp_store *s, grp_id org, const char *name)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    ps.org_id = org;
    ps.display_name = name;
    grp_assert_ok(grp_person_create(&p, s, &ps));
    grp_id id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

static grp_id mk_group(grp_store *s, grp_id org, const char *name, int capacity, grp_capacity_policy cap,
                       grp_membership_policy mp)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g;
    gs.org_id = org;
    gs.name = name;
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = capacity;
    gs.capacity_policy = cap;
    gs.membership_policy = mp;
    gs.location = "Room 1";
    gs.timezone = "Europe/London";
    grp_assert_ok(grp_group_create(&g, s, &gs));
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    return id;
}

static grp_id join(grp_store *s, grp_id group, grp_id person, grp_date d, grp_member_role role, const char *reason)
{
    grp_join_options o = GRP_JOIN_OPTIONS_INIT;
    grp_membership *m;
    o.role = role;
    o.reason = reason;
    grp_assert_ok(grp_member_join(&m, s, group, person, d, &o));
    grp_id id = grp_membership_id(m);
    grp_membership_free(m);
    return id;
}

static void rate(grp_store *s, grp_id person, grp_id session, int r0, int r1, int r2, int r3, int anonymous)
{
    int ratings[4] = {r0, r1, r2, r3};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_actor a = grp_actor_person(person);
    sub.ratings = ratings;
    sub.rating_count = 4;
    sub.anonymous = anonymous;
    grp_assert_ok(grp_feedback_submit(s, &a, session, &sub));
}

static grp_id goal(grp_store *s, grp_id owner, grp_id group, const char *title, grp_date target, grp_visibility v)
{
    grp_goal_spec gs = GRP_GOAL_SPEC_INIT;
    grp_actor a = grp_actor_person(owner);
    grp_id id;
    gs.owner_id = owner;
    gs.title = title;
    gs.group_id = group;
    gs.target_date = target;
    gs.visibility = v;
    grp_assert_ok(grp_goal_create(&id, s, &a, &gs));
    return id;
}

static void build(fx *f)
{
    grp_store *s;
    grp_assert_ok(grp_store_open(&f->s, ":memory:", NULL));
    s = f->s;
    f->org = mk_org(s, "Trust");
    f->org2 = mk_org(s, "Other");
    f->fac = mk_person(s, f->org, "Fay Facilitator");
    f->m1 = mk_person(s, f->org, "Ann");
    f->m2 = mk_person(s, f->org, "Ben \"Benny\" Smith, Jr.");
    f->m3 = mk_person(s, f->org, "Zoë");
    f->leaver = mk_person(s, f->org, "Leo");
    f->joiner = mk_person(s, f->org, "Jo");
    f->early = mk_person(s, f->org, "Eve");
    f->kfac = mk_person(s, f->org, "Kit");
    f->admin = mk_person(s, f->org, "Ada Admin");
    f->stranger = mk_person(s, f->org, "Stan");
    f->admin2 = mk_person(s, f->org2, "Otto");
    f->x1 = mk_person(s, f->org2, "X1");
    f->x2 = mk_person(s, f->org2, "X2");
    f->x3 = mk_person(s, f->org2, "X3");
    grp_assert_ok(grp_org_admin_add(s, f->org, f->admin));
    grp_assert_ok(grp_org_admin_add(s, f->org2, f->admin2));

    /* group g */
    f->g = mk_group(s, f->org, "Monthly GRP", 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    cs.first_date = D(2026, 1, 1);
    cs.start_hour = 14;
    grp_assert_ok(grp_cadence_set(NULL, s, f->g, &cs));
    join(s, f->g, f->fac, D(2026, 1, 1), GRP_ROLE_FACILITATOR, NULL);
    join(s, f->g, f->m1, D(2026, 1, 1), GRP_ROLE_MEMBER, NULL);
    join(s, f->g, f->m2, D(2026, 1, 1), GRP_ROLE_MEMBER, NULL);
    join(s, f->g, f->m3, D(2026, 1, 1), GRP_ROLE_MEMBER, NULL);
    join(s, f->g, f->leaver, D(2026, 1, 1), GRP_ROLE_MEMBER, NULL);
    join(s, f->g, f->early, D(2025, 11, 1), GRP_ROLE_MEMBER, NULL);
    grp_assert_ok(grp_member_leave(NULL, s, f->g, f->early, D(2025, 12, 15), NULL));
    grp_assert_ok(grp_member_leave(NULL, s, f->g, f->leaver, D(2026, 2, 10), "moved team"));
    join(s, f->g, f->joiner, D(2026, 2, 10), GRP_ROLE_MEMBER, JOINER_REASON);

    grp_assert_ok(grp_session_ensure(&f->s1, s, f->g, DT(2026, 1, 6, 14, 0)));
    grp_assert_ok(grp_session_ensure(&f->s2, s, f->g, DT(2026, 2, 3, 14, 0)));
    grp_assert_ok(grp_session_ensure(&f->s3, s, f->g, DT(2026, 3, 3, 14, 0)));
    grp_assert_ok(grp_session_ensure(&f->s4, s, f->g, DT(2026, 4, 7, 14, 0)));
    grp_assert_ok(grp_attendance_record(s, f->s1, f->fac, GRP_ATTEND_PRESENT, -1, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s1, f->m1, GRP_ATTEND_PRESENT, -1, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s1, f->m2, GRP_ATTEND_LATE, 80, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s1, f->m3, GRP_ATTEND_APOLOGIES, 0, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s1, f->leaver, GRP_ATTEND_ABSENT, 0, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s2, f->m1, GRP_ATTEND_PRESENT, -1, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s2, f->m2, GRP_ATTEND_ABSENT, 0, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s2, f->m3, GRP_ATTEND_PRESENT, -1, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s2, f->leaver, GRP_ATTEND_LEFT_EARLY, 60, f->fac));
    grp_assert_ok(grp_session_cancel(s, f->s3, "room flooded"));
    grp_assert_ok(grp_attendance_record(s, f->s4, f->m1, GRP_ATTEND_APOLOGIES, 0, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s4, f->m2, GRP_ATTEND_PRESENT, -1, f->fac));
    grp_assert_ok(grp_attendance_record(s, f->s4, f->joiner, GRP_ATTEND_PRESENT, -1, f->fac));
    /* m3 at s4: nothing recorded */

    /* group k: 1:1 */
    f->k = mk_group(s, f->org, "1:1 supervision", 1, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_hours_rule rule = GRP_HOURS_RULE_INIT;
    rule.mode = GRP_HOURS_INDIVIDUAL;
    grp_assert_ok(grp_hours_rule_set(s, f->k, &rule));
    join(s, f->k, f->kfac, D(2026, 2, 1), GRP_ROLE_FACILITATOR, NULL);
    join(s, f->k, f->m1, D(2026, 2, 1), GRP_ROLE_MEMBER, NULL);
    grp_assert_ok(grp_session_add(&f->ks, s, f->k, DT(2026, 2, 20, 10, 0), 60));
    grp_assert_ok(grp_attendance_record(s, f->ks, f->m1, GRP_ATTEND_PRESENT, -1, f->kfac));

    /* m1's hours: e1 (s1), e2 (s2), e3 corrects e2, e4 (ks) */
    grp_hours_iterator *hit;
    grp_hours_entry *e;
    grp_id ids[4];
    int n = 0;
    grp_assert_ok(grp_hours_iterator_new(&hit, s, f->m1, NODATE, NODATE));
    while (grp_hours_iterator_next(&e, hit) == 0) {
        if (n < 4)
            ids[n] = grp_hours_entry_id(e);
        n++;
        grp_hours_entry_free(e);
    }
    grp_hours_iterator_free(hit);
    assert_int_equal(n, 3);
    f->e1 = ids[0];
    f->e2 = ids[1];
    f->e4 = ids[2];
    grp_assert_ok(grp_hours_sign(s, f->e1, f->fac, D(2026, 1, 10)));
    grp_assert_ok(grp_hours_sign(s, f->e2, f->fac, D(2026, 2, 5))); /* only a signed entry is corrected */
    grp_assert_ok(grp_hours_correct(&f->e3, s, f->e2, -30, -30, "left at 15:00,\r\n\"early\""));

    /* feedback on s1: three responses (one anonymous); on s2: one */
    rate(s, f->m1, f->s1, 5, 4, 3, 0, 0);
    rate(s, f->m2, f->s1, 4, 4, 2, 0, 0);
    rate(s, f->leaver, f->s1, 5, 3, 0, 0, 1);
    rate(s, f->m3, f->s2, 3, 3, 3, 3, 0);

    /* goals in g */
    grp_actor am1 = grp_actor_person(f->m1), am2 = grp_actor_person(f->m2);
    grp_id step1, step2;
    f->goal1 = goal(s, f->m1, f->g, "Reflect, \"weekly\"", D(2026, 3, 1), GRP_VISIBLE_GROUP);
    grp_assert_ok(grp_goal_set_status(s, &am1, f->goal1, GRP_GOAL_ACTIVE));
    grp_assert_ok(grp_goal_step_add(&step1, s, &am1, f->goal1, "Keep a journal", D(2026, 2, 1)));
    grp_assert_ok(grp_goal_step_add(&step2, s, &am1, f->goal1, "Read one paper", D(2026, 3, 15)));
    grp_assert_ok(grp_goal_step_set_done(s, &am1, step1, 1));
    grp_assert_ok(grp_goal_progress_add(NULL, s, &am1, f->goal1, D(2026, 2, 3), 25, NULL, f->s2));
    grp_assert_ok(grp_goal_progress_add(NULL, s, &am1, f->goal1, D(2026, 2, 20), 40, NULL, 0));
    f->goal2 = goal(s, f->m1, f->g, "Private aim", D(2026, 1, 15), GRP_VISIBLE_PRIVATE);
    f->goal3 = goal(s, f->m2, f->g, "Ask for help", NODATE, GRP_VISIBLE_FACILITATORS);
    (void)am2;

    /* org2: waitlist group w and approval group a */
    f->w = mk_group(s, f->org2, "Waitlist group", 1, GRP_CAPACITY_WAITLIST, GRP_MEMBERSHIP_OPEN);
    join(s, f->w, f->x1, D(2026, 1, 5), GRP_ROLE_MEMBER, NULL);
    join(s, f->w, f->x2, D(2026, 1, 6), GRP_ROLE_MEMBER, NULL);
    size_t promoted = 0;
    grp_assert_ok(grp_member_leave(&promoted, s, f->w, f->x1, D(2026, 1, 20), NULL));
    assert_int_equal(promoted, 1);
    join(s, f->w, f->x3, D(2026, 1, 21), GRP_ROLE_MEMBER, NULL);
    grp_assert_ok(grp_member_leave(NULL, s, f->w, f->x3, D(2026, 1, 25), "changed my mind"));
    f->a = mk_group(s, f->org2, "Approval group", 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_APPROVAL);
    grp_id ra = join(s, f->a, f->x1, D(2026, 1, 2), GRP_ROLE_MEMBER, NULL);
    grp_id rb = join(s, f->a, f->x2, D(2026, 1, 3), GRP_ROLE_MEMBER, NULL);
    join(s, f->a, f->x3, D(2026, 1, 5), GRP_ROLE_MEMBER, "please");
    grp_assert_ok(grp_member_decline(s, rb, D(2026, 1, 4), "not eligible, sorry"));
    grp_assert_ok(grp_member_approve(NULL, s, ra, D(2026, 1, 9)));
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

/* ---- checking reports ------------------------------------------------------------ */

/* Compare a report with `nrows` x `ncols` expected cells (NULL = no value). */
static void check_rows(const grp_report *r, size_t ncols, size_t nrows, const char *const *want)
{
    assert_non_null(r);
    assert_int_equal(grp_report_column_count(r), ncols);
    if (grp_report_row_count(r) != nrows) {
        for (size_t i = 0; i < grp_report_row_count(r); i++) {
            print_message("row %zu:", i);
            for (size_t c = 0; c < ncols; c++)
                print_message(" %s", grp_report_cell(r, i, c) ? grp_report_cell(r, i, c) : "NULL");
            print_message("\n");
        }
        fail_msg("%zu rows, expected %zu", grp_report_row_count(r), nrows);
    }
    for (size_t i = 0; i < nrows; i++)
        for (size_t c = 0; c < ncols; c++) {
            const char *got = grp_report_cell(r, i, c), *exp = want[i * ncols + c];
            if ((got == NULL) != (exp == NULL) || (got && strcmp(got, exp) != 0))
                fail_msg("row %zu column %s: got %s%s%s, want %s%s%s", i, grp_report_column_name(r, c),
                         got ? "'" : "", got ? got : "NULL", got ? "'" : "", exp ? "'" : "", exp ? exp : "NULL",
                         exp ? "'" : "");
        }
}

static void check_columns(const grp_report *r, size_t n, const char *const *names, const grp_report_column_type *types)
{
    assert_int_equal(grp_report_column_count(r), n);
    for (size_t c = 0; c < n; c++) {
        assert_string_equal(grp_report_column_name(r, c), names[c]);
        assert_int_equal(grp_report_column_type_of(r, c), types[c]);
    }
}

#define NROWS(a, ncols) (sizeof(a) / sizeof((a)[0]) / (ncols))

/* ---- attendance ----------------------------------------------------------------------- */

static const char *const ATT_COLS[] = {"row_type",     "group_id",  "group",  "person_id",
                                       "person",       "expected",  "attended", "apologies",
                                       "absent",       "not_recorded", "attendance_rate", "commitment_rate"};
#define AC 12

static void test_attendance(void **state)
{
    fx *f = *state;
    grp_report *r;
    grp_actor sys = grp_actor_system();
    const grp_report_column_type types[AC] = {
        GRP_REPORT_COL_TEXT,    GRP_REPORT_COL_ID,      GRP_REPORT_COL_TEXT,    GRP_REPORT_COL_ID,
        GRP_REPORT_COL_TEXT,    GRP_REPORT_COL_INTEGER, GRP_REPORT_COL_INTEGER, GRP_REPORT_COL_INTEGER,
        GRP_REPORT_COL_INTEGER, GRP_REPORT_COL_INTEGER, GRP_REPORT_COL_DECIMAL, GRP_REPORT_COL_DECIMAL};
    const char *g = S(f->g);
    /* Jan 6, Feb 3 and Apr 7 count; Mar 3 was cancelled. Eve left before the
     * period; Leo is expected twice (left 10 Feb), Jo once (joined 10 Feb). */
    const char *want[] = {
        "member", g, "Monthly GRP", S(f->m1),     "Ann",                      "3",  "2", "1", "0", "0", "0.6667", "1",
        "member", g, "Monthly GRP", S(f->m2),     "Ben \"Benny\" Smith, Jr.", "3",  "2", "0", "1", "0", "0.6667", "0.6667",
        "member", g, "Monthly GRP", S(f->m3),     "Zoë",                      "3",  "1", "1", "0", "1", "0.5",    "1",
        "member", g, "Monthly GRP", S(f->leaver), "Leo",                      "2",  "1", "0", "1", "0", "0.5",    "0.5",
        "member", g, "Monthly GRP", S(f->joiner), "Jo",                       "1",  "1", "0", "0", "0", "1",      "1",
        "group",  g, "Monthly GRP", NULL,         NULL,                       "12", "7", "2", "2", "1", "0.6364", "0.8182",
    };
    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2026-01-01T00:00:00Z"), T("2026-05-01T00:00:00Z")));
    check_columns(r, AC, ATT_COLS, types);
    check_rows(r, AC, NROWS(want, AC), want);
    assert_int_equal(grp_report_kind_of(r), GRP_REPORT_ATTENDANCE);
    assert_string_equal(grp_report_title(r), "Attendance: Monthly GRP, 2026-01-01T00:00:00Z to 2026-05-01T00:00:00Z");
    /* the member rows agree with grp_attendance_stats_get, the group row too */
    grp_attendance_stats st;
    grp_assert_ok(grp_attendance_stats_get(&st, f->s, f->g, 0, T("2026-01-01T00:00:00Z"), T("2026-05-01T00:00:00Z")));
    assert_int_equal(st.expected, 12);
    assert_int_equal(st.attended, 7);
    grp_report_free(r);

    /* February only: Leo and Jo are both members in it, Jo expected at no session */
    const char *feb[] = {
        "member", g, "Monthly GRP", S(f->m1),     "Ann",                      "1", "1", "0", "0", "0", "1",   "1",
        "member", g, "Monthly GRP", S(f->m2),     "Ben \"Benny\" Smith, Jr.", "1", "0", "0", "1", "0", "0",   "0",
        "member", g, "Monthly GRP", S(f->m3),     "Zoë",                      "1", "1", "0", "0", "0", "1",   "1",
        "member", g, "Monthly GRP", S(f->leaver), "Leo",                      "1", "1", "0", "0", "0", "1",   "1",
        "member", g, "Monthly GRP", S(f->joiner), "Jo",                       "0", "0", "0", "0", "0", NULL,  NULL,
        "group",  g, "Monthly GRP", NULL,         NULL,                       "4", "3", "0", "1", "0", "0.75", "0.75",
    };
    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2026-02-01T00:00:00Z"), T("2026-03-01T00:00:00Z")));
    check_rows(r, AC, NROWS(feb, AC), feb);
    grp_report_free(r);

    /* the day Leo left is not his: 10 Feb .. 11 Feb lists Jo only */
    const char *day[] = {
        "member", g, "Monthly GRP", S(f->m1),     "Ann",                      "0", "0", "0", "0", "0", NULL, NULL,
        "member", g, "Monthly GRP", S(f->m2),     "Ben \"Benny\" Smith, Jr.", "0", "0", "0", "0", "0", NULL, NULL,
        "member", g, "Monthly GRP", S(f->m3),     "Zoë",                      "0", "0", "0", "0", "0", NULL, NULL,
        "member", g, "Monthly GRP", S(f->joiner), "Jo",                       "0", "0", "0", "0", "0", NULL, NULL,
        "group",  g, "Monthly GRP", NULL,         NULL,                       "0", "0", "0", "0", "0", NULL, NULL,
    };
    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2026-02-10T00:00:00Z"), T("2026-02-11T00:00:00Z")));
    check_rows(r, AC, NROWS(day, AC), day);
    grp_report_free(r);

    /* an empty period: only the group row */
    const char *empty[] = {"group", g, "Monthly GRP", NULL, NULL, "0", "0", "0", "0", "0", NULL, NULL};
    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2026-02-10T00:00:00Z"), T("2026-02-10T00:00:00Z")));
    check_rows(r, AC, 1, empty);
    grp_report_free(r);

    /* Eve's months */
    const char *eve[] = {
        "member", g, "Monthly GRP", S(f->early), "Eve", "0", "0", "0", "0", "0", NULL, NULL,
        "group",  g, "Monthly GRP", NULL,        NULL,  "0", "0", "0", "0", "0", NULL, NULL,
    };
    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2025-11-01T00:00:00Z"), T("2026-01-01T00:00:00Z")));
    check_rows(r, AC, NROWS(eve, AC), eve);
    grp_report_free(r);
}

static void test_attendance_access(void **state)
{
    fx *f = *state;
    grp_report *r = NULL, *ref;
    grp_actor sys = grp_actor_system();
    grp_time from = T("2026-01-01T00:00:00Z"), to = T("2026-05-01T00:00:00Z");
    grp_assert_ok(grp_report_attendance(&ref, f->s, &sys, f->g, from, to));
    /* members (present and past), facilitators and the org's admins read it all */
    grp_id allowed[] = {f->m1, f->m2, f->joiner, f->leaver, f->early, f->fac, f->admin};
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        grp_actor a = grp_actor_person(allowed[i]);
        grp_assert_ok(grp_report_attendance(&r, f->s, &a, f->g, from, to));
        assert_int_equal(grp_report_row_count(r), grp_report_row_count(ref));
        for (size_t row = 0; row < grp_report_row_count(ref); row++)
            for (size_t c = 0; c < AC; c++) {
                const char *x = grp_report_cell(r, row, c), *y = grp_report_cell(ref, row, c);
                if ((x == NULL) != (y == NULL) || (x && strcmp(x, y)))
                    fail_msg("actor %zu differs at (%zu, %zu)", i, row, c);
            }
        grp_report_free(r);
    }
    grp_report_free(ref);
    /* nobody else: not a stranger, not another organisation's admin, not the
     * facilitator of another group, not someone whose request is pending */
    grp_id denied[] = {f->stranger, f->admin2, f->kfac};
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        grp_actor a = grp_actor_person(denied[i]);
        r = (grp_report *)1;
        grp_assert_rc(grp_report_attendance(&r, f->s, &a, f->g, from, to), GRP_EACCESS);
        assert_null(r);
    }
    grp_assert_msg_contains("attendance of group 'Monthly GRP'");
    grp_actor x3 = grp_actor_person(f->x3); /* pending in a, withdrawn from w's waitlist */
    grp_assert_rc(grp_report_attendance(&r, f->s, &x3, f->a, from, to), GRP_EACCESS);
    grp_assert_rc(grp_report_attendance(&r, f->s, &x3, f->w, from, to), GRP_EACCESS);
    grp_actor x2 = grp_actor_person(f->x2); /* seated from w's waitlist */
    grp_assert_ok(grp_report_attendance(&r, f->s, &x2, f->w, from, to));
    grp_report_free(r);
}

static void test_attendance_org(void **state)
{
    fx *f = *state;
    grp_report *r = NULL;
    grp_time from = T("2026-01-01T00:00:00Z"), to = T("2026-05-01T00:00:00Z");
    const char *g = S(f->g), *k = S(f->k);
    const char *gm1[] = {"member", g, "Monthly GRP", S(f->m1), "Ann", "3", "2", "1", "0", "0", "0.6667", "1"};
    const char *gm2[] = {"member", g, "Monthly GRP", S(f->m2), "Ben \"Benny\" Smith, Jr.", "3", "2", "0", "1", "0", "0.6667", "0.6667"};
    const char *gm3[] = {"member", g, "Monthly GRP", S(f->m3), "Zoë", "3", "1", "1", "0", "1", "0.5", "1"};
    const char *gl[] = {"member", g, "Monthly GRP", S(f->leaver), "Leo", "2", "1", "0", "1", "0", "0.5", "0.5"};
    const char *gj[] = {"member", g, "Monthly GRP", S(f->joiner), "Jo", "1", "1", "0", "0", "0", "1", "1"};
    const char *gg[] = {"group", g, "Monthly GRP", NULL, NULL, "12", "7", "2", "2", "1", "0.6364", "0.8182"};
    const char *km1[] = {"member", k, "1:1 supervision", S(f->m1), "Ann", "1", "1", "0", "0", "0", "1", "1"};
    const char *kg[] = {"group", k, "1:1 supervision", NULL, NULL, "1", "1", "0", "0", "0", "1", "1"};
    const char *org[] = {"organisation", NULL, NULL, NULL, NULL, "13", "8", "2", "2", "1", "0.6667", "0.8333"};
    const char *const *full[] = {gm1, gm2, gm3, gl, gj, gg, km1, kg, org};
    const char *want[9 * AC];

    /* the system and the admin: every group, then the organisation */
    grp_actor sys = grp_actor_system(), admin = grp_actor_person(f->admin);
    const grp_actor *both[] = {&sys, &admin};
    for (size_t i = 0; i < 9; i++)
        memcpy(want + i * AC, full[i], sizeof *want * AC);
    for (size_t a = 0; a < 2; a++) {
        grp_assert_ok(grp_report_attendance_org(&r, f->s, both[a], f->org, from, to));
        check_rows(r, AC, 9, want);
        assert_int_equal(grp_report_kind_of(r), GRP_REPORT_ATTENDANCE_ORG);
        assert_string_equal(grp_report_title(r), "Attendance: Trust, 2026-01-01T00:00:00Z to 2026-05-01T00:00:00Z");
        grp_report_free(r);
    }
    /* Ann is in both groups, but is no admin: no organisation row */
    grp_actor m1 = grp_actor_person(f->m1);
    grp_assert_ok(grp_report_attendance_org(&r, f->s, &m1, f->org, from, to));
    check_rows(r, AC, 8, want);
    grp_report_free(r);
    /* Kit facilitates k only */
    grp_actor kfac = grp_actor_person(f->kfac);
    grp_assert_ok(grp_report_attendance_org(&r, f->s, &kfac, f->org, from, to));
    check_rows(r, AC, 2, want + 6 * AC);
    grp_report_free(r);
    /* Ben is in g only */
    grp_actor m2 = grp_actor_person(f->m2);
    grp_assert_ok(grp_report_attendance_org(&r, f->s, &m2, f->org, from, to));
    check_rows(r, AC, 6, want);
    grp_report_free(r);
    /* in no group and no admin: denied */
    grp_actor stranger = grp_actor_person(f->stranger), admin2 = grp_actor_person(f->admin2);
    grp_assert_rc(grp_report_attendance_org(&r, f->s, &stranger, f->org, from, to), GRP_EACCESS);
    assert_null(r);
    grp_assert_msg_contains("organisation 'Trust'");
    grp_assert_rc(grp_report_attendance_org(&r, f->s, &admin2, f->org, from, to), GRP_EACCESS);
    grp_assert_rc(grp_report_attendance_org(&r, f->s, &sys, 9999, from, to), GRP_ENOTFOUND);
    grp_assert_rc(grp_report_attendance_org(&r, f->s, &sys, 0, from, to), GRP_EINVAL);
    grp_assert_rc(grp_report_attendance_org(&r, f->s, &sys, f->org, to, from), GRP_EINVAL);
    grp_assert_rc(grp_report_attendance_org(NULL, f->s, &sys, f->org, from, to), GRP_EINVAL);
    grp_assert_rc(grp_report_attendance_org(&r, NULL, &sys, f->org, from, to), GRP_EINVAL);
    grp_assert_rc(grp_report_attendance_org(&r, f->s, NULL, f->org, from, to), GRP_EINVAL);
}

/* ---- hours --------------------------------------------------------------------------------- */

#define HC 14

static void test_hours(void **state)
{
    fx *f = *state;
    grp_report *r = NULL;
    const char *g = S(f->g), *k = S(f->k);
    const char *NOTE = "left at 15:00,\r\n\"early\"";
    const char *e1[] = {"entry", S(f->e1), "2026-01-06", g, "Monthly GRP", S(f->s1), "group", "90", "90", "90",
                        S(f->fac), "2026-01-10", NULL, NULL};
    const char *e2[] = {"entry", S(f->e2), "2026-02-03", g, "Monthly GRP", S(f->s2), "group", "90", "90", "90",
                        S(f->fac), "2026-02-05", NULL, NULL};
    const char *e3[] = {"entry", S(f->e3), "2026-02-03", g, "Monthly GRP", S(f->s2), "group", "-30", "-30", "0",
                        NULL, NULL, S(f->e2), NOTE};
    const char *e4[] = {"entry", S(f->e4), "2026-02-20", k, "1:1 supervision", S(f->ks), "individual", "60", "60",
                        "0", NULL, NULL, NULL, NULL};
    const char *ti[] = {"total", NULL, NULL, NULL, NULL, NULL, "individual", "60", "60", "0", NULL, NULL, NULL, NULL};
    /* the unsigned correction is not signed credit yet: 90 + 90 */
    const char *tg[] = {"total", NULL, NULL, NULL, NULL, NULL, "group", "150", "150", "180", NULL, NULL, NULL, NULL};
    const char *ta[] = {"total", NULL, NULL, NULL, NULL, NULL, NULL, "210", "210", "180", NULL, NULL, NULL, NULL};
    const char *const *rows[] = {e1, e2, e3, e4, ti, tg, ta};
    const char *want[7 * HC];
    for (size_t i = 0; i < 7; i++)
        memcpy(want + i * HC, rows[i], sizeof *want * HC);

    /* the person and the system: everything; the totals are grp_hours_totals_get's */
    grp_actor sys = grp_actor_system(), self = grp_actor_person(f->m1);
    grp_assert_ok(grp_report_hours(&r, f->s, &sys, f->m1, NODATE, NODATE));
    check_rows(r, HC, 7, want);
    assert_string_equal(grp_report_title(r), "Supervision hours: Ann, all dates");
    assert_int_equal(grp_report_kind_of(r), GRP_REPORT_HOURS);
    grp_report_free(r);
    grp_hours_totals tot;
    grp_assert_ok(grp_hours_totals_get(&tot, f->s, f->m1, NODATE, NODATE));
    assert_int_equal(tot.minutes, 210);
    assert_int_equal(tot.credited, 210);
    assert_int_equal(tot.credited_signed, 180);
    assert_int_equal(tot.entries, 4);
    assert_int_equal(tot.individual, 60);
    assert_int_equal(tot.group, 150);
    grp_assert_ok(grp_report_hours(&r, f->s, &self, f->m1, NODATE, NODATE));
    check_rows(r, HC, 7, want);
    grp_report_free(r);

    /* the facilitator of g: g's entries only, totals over them */
    const char *tfi[] = {"total", NULL, NULL, NULL, NULL, NULL, "individual", "0", "0", "0", NULL, NULL, NULL, NULL};
    const char *tfa[] = {"total", NULL, NULL, NULL, NULL, NULL, NULL, "150", "150", "180", NULL, NULL, NULL, NULL};
    const char *const *frows[] = {e1, e2, e3, tfi, tg, tfa};
    const char *fwant[6 * HC];
    for (size_t i = 0; i < 6; i++)
        memcpy(fwant + i * HC, frows[i], sizeof *fwant * HC);
    grp_actor fac = grp_actor_person(f->fac);
    grp_assert_ok(grp_report_hours(&r, f->s, &fac, f->m1, NODATE, NODATE));
    check_rows(r, HC, 6, fwant);
    grp_report_free(r);

    /* the facilitator of k: k's entry only */
    const char *tkg[] = {"total", NULL, NULL, NULL, NULL, NULL, "group", "0", "0", "0", NULL, NULL, NULL, NULL};
    const char *tka[] = {"total", NULL, NULL, NULL, NULL, NULL, NULL, "60", "60", "0", NULL, NULL, NULL, NULL};
    const char *const *krows[] = {e4, ti, tkg, tka};
    const char *kwant[4 * HC];
    for (size_t i = 0; i < 4; i++)
        memcpy(kwant + i * HC, krows[i], sizeof *kwant * HC);
    grp_actor kfac = grp_actor_person(f->kfac);
    grp_assert_ok(grp_report_hours(&r, f->s, &kfac, f->m1, NODATE, NODATE));
    check_rows(r, HC, 4, kwant);
    grp_report_free(r);

    /* a period: 1 Feb .. 10 Feb holds e2 and its correction */
    const char *tpa[] = {"total", NULL, NULL, NULL, NULL, NULL, NULL, "60", "60", "90", NULL, NULL, NULL, NULL};
    const char *tpg[] = {"total", NULL, NULL, NULL, NULL, NULL, "group", "60", "60", "90", NULL, NULL, NULL, NULL};
    const char *const *prows[] = {e2, e3, tfi, tpg, tpa};
    const char *pwant[5 * HC];
    for (size_t i = 0; i < 5; i++)
        memcpy(pwant + i * HC, prows[i], sizeof *pwant * HC);
    grp_assert_ok(grp_report_hours(&r, f->s, &self, f->m1, D(2026, 2, 1), D(2026, 2, 10)));
    check_rows(r, HC, 5, pwant);
    assert_string_equal(grp_report_title(r), "Supervision hours: Ann, 2026-02-01 to 2026-02-10");
    grp_report_free(r);
    grp_assert_ok(grp_report_hours(&r, f->s, &self, f->m1, D(2026, 2, 4), NODATE));
    assert_int_equal(grp_report_row_count(r), 4); /* e4 + totals */
    assert_string_equal(grp_report_title(r), "Supervision hours: Ann, from 2026-02-04");
    grp_report_free(r);
    grp_assert_ok(grp_report_hours(&r, f->s, &self, f->m1, NODATE, D(2026, 1, 31)));
    assert_int_equal(grp_report_row_count(r), 4); /* e1 + totals */
    assert_string_equal(grp_report_cell(r, 0, 1), S(f->e1));
    assert_string_equal(grp_report_title(r), "Supervision hours: Ann, until 2026-01-31");
    grp_report_free(r);

    /* the facilitator of a group with no entries yet still reads (empty) */
    grp_assert_ok(grp_report_hours(&r, f->s, &fac, f->joiner, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 4); /* Jo: one entry (s4), 3 totals */
    grp_report_free(r);
    grp_assert_ok(grp_report_hours(&r, f->s, &fac, f->early, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 3); /* Eve: totals only */
    assert_string_equal(grp_report_cell(r, 2, 7), "0");
    grp_report_free(r);

    /* not the org admin, not a fellow member, not a stranger, not the
     * facilitator of a group the person was never in */
    grp_id denied[] = {f->admin, f->m2, f->stranger, f->admin2};
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        grp_actor a = grp_actor_person(denied[i]);
        r = (grp_report *)1;
        grp_assert_rc(grp_report_hours(&r, f->s, &a, f->m1, NODATE, NODATE), GRP_EACCESS);
        assert_null(r);
    }
    grp_assert_msg_contains("hours are read by the person");
    grp_assert_rc(grp_report_hours(&r, f->s, &kfac, f->m3, NODATE, NODATE), GRP_EACCESS);
    grp_assert_rc(grp_report_hours(&r, f->s, &self, f->m2, NODATE, NODATE), GRP_EACCESS);
}

/* ---- goals ---------------------------------------------------------------------------------- */

#define GC 10

static void test_goals(void **state)
{
    fx *f = *state;
    grp_report *r = NULL;
    const char *names[GC] = {"goal_id", "owner_id", "owner", "title", "status", "percent", "steps_done",
                             "steps_total", "target_date", "overdue"};
    const grp_report_column_type types[GC] = {
        GRP_REPORT_COL_ID,      GRP_REPORT_COL_ID,      GRP_REPORT_COL_TEXT, GRP_REPORT_COL_TEXT,
        GRP_REPORT_COL_TEXT,    GRP_REPORT_COL_INTEGER, GRP_REPORT_COL_INTEGER, GRP_REPORT_COL_INTEGER,
        GRP_REPORT_COL_DATE,    GRP_REPORT_COL_BOOLEAN};
    const char *g1[] = {S(f->goal1), S(f->m1), "Ann", "Reflect, \"weekly\"", "active", "40", "1", "2", "2026-03-01",
                        "true"};
    const char *g1early[] = {S(f->goal1), S(f->m1), "Ann", "Reflect, \"weekly\"", "active", "40", "1", "2",
                             "2026-03-01", "false"};
    const char *g2[] = {S(f->goal2), S(f->m1), "Ann", "Private aim", "draft", NULL, "0", "0", "2026-01-15", "false"};
    const char *g3[] = {S(f->goal3), S(f->m2), "Ben \"Benny\" Smith, Jr.", "Ask for help", "draft", NULL, "0", "0",
                        NULL, "false"};
    const char *want[3 * GC];
    grp_actor sys = grp_actor_system();

    /* the system: all three; only the active one past its target is overdue */
    memcpy(want, g1, sizeof g1);
    memcpy(want + GC, g2, sizeof g2);
    memcpy(want + 2 * GC, g3, sizeof g3);
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->g, D(2026, 4, 1)));
    check_columns(r, GC, names, types);
    check_rows(r, GC, 3, want);
    assert_string_equal(grp_report_title(r), "Goals: Monthly GRP, as of 2026-04-01");
    grp_report_free(r);
    /* as of 1 February nothing is overdue (the undone step is due 15 March) */
    memcpy(want, g1early, sizeof g1early);
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->g, D(2026, 2, 1)));
    check_rows(r, GC, 3, want);
    grp_report_free(r);
    /* ... but as of 2 February the done step does not count and the target
     * (1 March) is not past: still not overdue; on 2 March it is */
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->g, D(2026, 3, 2)));
    assert_string_equal(grp_report_cell(r, 0, 9), "true");
    grp_report_free(r);
    memcpy(want, g1, sizeof g1);

    /* Ann: her two goals, not Ben's (shared with facilitators only) */
    grp_actor m1 = grp_actor_person(f->m1);
    grp_assert_ok(grp_report_goals(&r, f->s, &m1, f->g, D(2026, 4, 1)));
    check_rows(r, GC, 2, want);
    grp_report_free(r);
    /* Ben: Ann's group-visible goal and his own */
    const char *bwant[2 * GC];
    memcpy(bwant, g1, sizeof g1);
    memcpy(bwant + GC, g3, sizeof g3);
    grp_actor m2 = grp_actor_person(f->m2);
    grp_assert_ok(grp_report_goals(&r, f->s, &m2, f->g, D(2026, 4, 1)));
    check_rows(r, GC, 2, bwant);
    grp_report_free(r);
    /* the facilitator: the same two (group and facilitators), not the private one */
    grp_actor fac = grp_actor_person(f->fac);
    grp_assert_ok(grp_report_goals(&r, f->s, &fac, f->g, D(2026, 4, 1)));
    check_rows(r, GC, 2, bwant);
    grp_report_free(r);
    /* Zoë, a member: the group-visible one */
    grp_actor m3 = grp_actor_person(f->m3);
    grp_assert_ok(grp_report_goals(&r, f->s, &m3, f->g, D(2026, 4, 1)));
    check_rows(r, GC, 1, want);
    grp_report_free(r);
    /* organisation admins never read goals; strangers neither */
    grp_id denied[] = {f->admin, f->stranger, f->admin2, f->kfac};
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        grp_actor a = grp_actor_person(denied[i]);
        r = (grp_report *)1;
        grp_assert_rc(grp_report_goals(&r, f->s, &a, f->g, D(2026, 4, 1)), GRP_EACCESS);
        assert_null(r);
    }
    grp_assert_msg_contains("never by organisation admins");
    /* k has no goals */
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->k, D(2026, 4, 1)));
    assert_int_equal(grp_report_row_count(r), 0);
    grp_report_free(r);
    /* unset as_of: today */
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->g, NODATE));
    char today[16], title[64];
    grp_assert_ok(grp_date_format(today, sizeof today, grp_date_today_utc()));
    snprintf(title, sizeof title, "Goals: Monthly GRP, as of %s", today);
    assert_string_equal(grp_report_title(r), title);
    grp_report_free(r);
}

/* ---- feedback -------------------------------------------------------------------------------- */

#define FC 12

static void test_feedback(void **state)
{
    fx *f = *state;
    grp_report *r = NULL;
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    grp_actor sys = grp_actor_system();
    const char *names[FC] = {"item_no", "item",    "responses", "expected", "response_rate", "answers",
                             "mean",    "count_1", "count_2",   "count_3",  "count_4",       "count_5"};
    /* s1: Ann 5,4,3,-; Ben 4,4,2,-; Leo (anonymous) 5,3,-,-; four members expected */
    const char *want[] = {
        "1", "I felt safe to share",                   "3", "4", "0.75", "3", "4.6667", "0", "0", "0", "1", "2",
        "2", "The session was useful for my practice", "3", "4", "0.75", "3", "3.6667", "0", "0", "1", "2", "0",
        "3", "The facilitator kept us focused",        "3", "4", "0.75", "2", "2.5",    "0", "1", "1", "0", "0",
        "4", "The time felt protected",                "3", "4", "0.75", "0", NULL,     "0", "0", "0", "0", "0",
    };
    sc.session_id = f->s1;
    grp_assert_ok(grp_report_feedback(&r, f->s, &sys, &sc));
    for (size_t c = 0; c < FC; c++)
        assert_string_equal(grp_report_column_name(r, c), names[c]);
    check_rows(r, FC, 4, want);
    char title[64];
    snprintf(title, sizeof title, "Feedback: session %lld", (long long)f->s1);
    assert_string_equal(grp_report_title(r), title);
    assert_int_equal(grp_report_kind_of(r), GRP_REPORT_FEEDBACK);
    grp_report_free(r);

    /* members, the facilitator and the org admin read the aggregate */
    grp_id allowed[] = {f->m1, f->m3, f->fac, f->admin};
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        grp_actor a = grp_actor_person(allowed[i]);
        grp_assert_ok(grp_report_feedback(&r, f->s, &a, &sc));
        check_rows(r, FC, 4, want);
        grp_report_free(r);
    }
    grp_id denied[] = {f->stranger, f->admin2, f->kfac};
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        grp_actor a = grp_actor_person(denied[i]);
        r = (grp_report *)1;
        grp_assert_rc(grp_report_feedback(&r, f->s, &a, &sc), GRP_EACCESS);
        assert_null(r);
    }

    /* the group over the whole period: s1 and s2 (4 responses; 8 expected) */
    grp_feedback_scope gs = GRP_FEEDBACK_SCOPE_INIT;
    gs.group_id = f->g;
    gs.from = T("2026-01-01T00:00:00Z");
    gs.to = T("2026-03-01T00:00:00Z");
    grp_assert_ok(grp_report_feedback(&r, f->s, &sys, &gs));
    assert_string_equal(grp_report_title(r),
                        "Feedback: group 'Monthly GRP', 2026-01-01T00:00:00Z to 2026-03-01T00:00:00Z");
    assert_string_equal(grp_report_cell(r, 0, 2), "4");
    assert_string_equal(grp_report_cell(r, 0, 3), "8");
    assert_string_equal(grp_report_cell(r, 0, 4), "0.5");
    assert_string_equal(grp_report_cell(r, 3, 5), "1"); /* Zoë answered item 4 */
    assert_string_equal(grp_report_cell(r, 3, 6), "3");
    assert_string_equal(grp_report_cell(r, 0, 6), "4.25"); /* (5+4+5+3)/4 */
    grp_report_free(r);
    /* the organisation, for its admin */
    grp_feedback_scope os = GRP_FEEDBACK_SCOPE_INIT;
    os.org_id = f->org;
    grp_actor admin = grp_actor_person(f->admin);
    grp_assert_ok(grp_report_feedback(&r, f->s, &admin, &os));
    assert_string_equal(grp_report_title(r), "Feedback: organisation 'Trust'");
    assert_string_equal(grp_report_cell(r, 0, 2), "4");
    grp_report_free(r);
    grp_feedback_scope fs = GRP_FEEDBACK_SCOPE_INIT;
    fs.facilitator_id = f->fac;
    grp_assert_ok(grp_report_feedback(&r, f->s, &sys, &fs));
    assert_string_equal(grp_report_title(r), "Feedback: groups facilitated by Fay Facilitator");
    grp_report_free(r);

    /* suppressed: s2 has one response; no report, no numbers */
    grp_feedback_scope s2 = GRP_FEEDBACK_SCOPE_INIT;
    s2.session_id = f->s2;
    r = (grp_report *)1;
    grp_assert_rc(grp_report_feedback(&r, f->s, &sys, &s2), GRP_ESUPPRESSED);
    assert_null(r);
    grp_actor m3 = grp_actor_person(f->m3);
    grp_assert_rc(grp_report_feedback(&r, f->s, &m3, &s2), GRP_ESUPPRESSED);
    assert_null(r);
    /* access is decided first: a stranger learns nothing, not even that it is suppressed */
    grp_actor stranger = grp_actor_person(f->stranger);
    grp_assert_rc(grp_report_feedback(&r, f->s, &stranger, &s2), GRP_EACCESS);
    /* a period holding s2 only */
    gs.from = T("2026-02-01T00:00:00Z");
    grp_assert_rc(grp_report_feedback(&r, f->s, &sys, &gs), GRP_ESUPPRESSED);

    /* errors */
    grp_assert_rc(grp_report_feedback(&r, f->s, &sys, NULL), GRP_EINVAL);
    grp_assert_msg_contains("'scope'");
    grp_feedback_scope bad = GRP_FEEDBACK_SCOPE_INIT;
    grp_assert_rc(grp_report_feedback(&r, f->s, &sys, &bad), GRP_EINVAL); /* nothing set */
    bad.group_id = f->g;
    bad.session_id = f->s1;
    grp_assert_rc(grp_report_feedback(&r, f->s, &sys, &bad), GRP_EINVAL); /* two set */
    bad = (grp_feedback_scope)GRP_FEEDBACK_SCOPE_INIT;
    bad.version = 99;
    bad.group_id = f->g;
    grp_assert_rc(grp_report_feedback(&r, f->s, &sys, &bad), GRP_EINVAL);
    bad = (grp_feedback_scope)GRP_FEEDBACK_SCOPE_INIT;
    bad.session_id = 9999;
    grp_assert_rc(grp_report_feedback(&r, f->s, &sys, &bad), GRP_ENOTFOUND);
    grp_assert_rc(grp_report_feedback(NULL, f->s, &sys, &sc), GRP_EINVAL);
    grp_assert_rc(grp_report_feedback(&r, NULL, &sys, &sc), GRP_EINVAL);
    grp_assert_rc(grp_report_feedback(&r, f->s, NULL, &sc), GRP_EINVAL);
    grp_actor ghost = grp_actor_person(9999);
    grp_assert_rc(grp_report_feedback(&r, f->s, &ghost, &sc), GRP_ENOTFOUND);
}

/* ---- membership changes ---------------------------------------------------------------------- */

#define MC 7

static void test_membership_changes(void **state)
{
    fx *f = *state;
    grp_report *r = NULL;
    grp_actor sys = grp_actor_system();
    const char *names[MC] = {"date", "membership_id", "person_id", "person", "role", "change", "reason"};
    grp_report_column_type types[MC] = {GRP_REPORT_COL_DATE, GRP_REPORT_COL_ID,   GRP_REPORT_COL_ID,
                                        GRP_REPORT_COL_TEXT, GRP_REPORT_COL_TEXT, GRP_REPORT_COL_TEXT,
                                        GRP_REPORT_COL_TEXT};
    /* membership ids: look them up rather than guess */
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    grp_id ms[8] = {0}; /* fac, m1, m2, m3, leaver, early, joiner */
    size_t n = 0;
    q.group_id = f->g;
    grp_assert_ok(grp_membership_iterator_new(&it, f->s, &q));
    while (grp_membership_iterator_next(&m, it) == 0) {
        grp_id p = grp_membership_person_id(m), *slot = NULL;
        if (p == f->fac) slot = &ms[0];
        if (p == f->m1) slot = &ms[1];
        if (p == f->m2) slot = &ms[2];
        if (p == f->m3) slot = &ms[3];
        if (p == f->leaver) slot = &ms[4];
        if (p == f->early) slot = &ms[5];
        if (p == f->joiner) slot = &ms[6];
        assert_non_null(slot);
        *slot = grp_membership_id(m);
        n++;
        grp_membership_free(m);
    }
    grp_membership_iterator_free(it);
    assert_int_equal(n, 7);
    const char *want[] = {
        "2025-11-01", S(ms[5]), S(f->early),  "Eve",                      "member",      "joined", NULL,
        "2025-12-15", S(ms[5]), S(f->early),  "Eve",                      "member",      "left",   NULL,
        "2026-01-01", S(ms[0]), S(f->fac),    "Fay Facilitator",          "facilitator", "joined", NULL,
        "2026-01-01", S(ms[1]), S(f->m1),     "Ann",                      "member",      "joined", NULL,
        "2026-01-01", S(ms[2]), S(f->m2),     "Ben \"Benny\" Smith, Jr.", "member",      "joined", NULL,
        "2026-01-01", S(ms[3]), S(f->m3),     "Zoë",                      "member",      "joined", NULL,
        "2026-01-01", S(ms[4]), S(f->leaver), "Leo",                      "member",      "joined", NULL,
        "2026-02-10", S(ms[4]), S(f->leaver), "Leo",                      "member",      "left",   "moved team",
        "2026-02-10", S(ms[6]), S(f->joiner), "Jo",                       "member",      "joined", JOINER_REASON,
    };
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->g, NODATE, NODATE));
    check_columns(r, MC, names, types);
    check_rows(r, MC, 9, want);
    assert_string_equal(grp_report_title(r), "Membership changes: Monthly GRP, all dates");
    assert_int_equal(grp_report_kind_of(r), GRP_REPORT_MEMBERSHIP_CHANGES);
    grp_report_free(r);
    /* a period, both ends inclusive */
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->g, D(2025, 12, 15), D(2026, 1, 1)));
    check_rows(r, MC, 6, want + MC);
    grp_report_free(r);
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->g, D(2026, 2, 10), NODATE));
    check_rows(r, MC, 2, want + 7 * MC);
    grp_report_free(r);
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->g, D(2026, 2, 11), D(2026, 12, 31)));
    assert_int_equal(grp_report_row_count(r), 0);
    grp_report_free(r);
    /* members past and present, the facilitator and the admin read it all */
    grp_id allowed[] = {f->m1, f->early, f->fac, f->admin};
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        grp_actor a = grp_actor_person(allowed[i]);
        grp_assert_ok(grp_report_membership_changes(&r, f->s, &a, f->g, NODATE, NODATE));
        check_rows(r, MC, 9, want);
        grp_report_free(r);
    }
    grp_id denied[] = {f->stranger, f->admin2, f->kfac};
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        grp_actor a = grp_actor_person(denied[i]);
        r = (grp_report *)1;
        grp_assert_rc(grp_report_membership_changes(&r, f->s, &a, f->g, NODATE, NODATE), GRP_EACCESS);
        assert_null(r);
    }
    grp_assert_msg_contains("membership of group 'Monthly GRP'");
}

static void test_membership_changes_pending(void **state)
{
    fx *f = *state;
    grp_report *r = NULL;
    grp_actor sys = grp_actor_system();
    /* the waitlist group: X1 seated, X2 waits and is promoted when X1
     * leaves, X3 waits and withdraws */
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->w, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 6);
    const char *wchanges[][3] = {
        {"2026-01-05", "X1", "joined"},     {"2026-01-06", "X2", "waitlisted"}, {"2026-01-20", "X1", "left"},
        {"2026-01-20", "X2", "promoted"},   {"2026-01-21", "X3", "waitlisted"}, {"2026-01-25", "X3", "left"},
    };
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(grp_report_cell(r, i, 0), wchanges[i][0]);
        assert_string_equal(grp_report_cell(r, i, 3), wchanges[i][1]);
        assert_string_equal(grp_report_cell(r, i, 5), wchanges[i][2]);
    }
    assert_null(grp_report_cell(r, 4, 6));
    assert_string_equal(grp_report_cell(r, 5, 6), "changed my mind");
    grp_report_free(r);

    /* the approval group: X1 approved, X2 declined, X3 still waiting */
    grp_actor admin2 = grp_actor_person(f->admin2);
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &admin2, f->a, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 5);
    const char *achanges[][4] = {
        {"2026-01-02", "X1", "requested", NULL},
        {"2026-01-03", "X2", "requested", NULL},
        {"2026-01-04", "X2", "declined", "not eligible, sorry"},
        {"2026-01-05", "X3", "requested", "please"},
        {"2026-01-09", "X1", "approved", NULL},
    };
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(grp_report_cell(r, i, 0), achanges[i][0]);
        assert_string_equal(grp_report_cell(r, i, 3), achanges[i][1]);
        assert_string_equal(grp_report_cell(r, i, 5), achanges[i][2]);
        if (achanges[i][3])
            assert_string_equal(grp_report_cell(r, i, 6), achanges[i][3]);
        else
            assert_null(grp_report_cell(r, i, 6));
    }
    grp_report_free(r);

    /* X3 never became a member of a: only their own stint */
    grp_actor x3 = grp_actor_person(f->x3);
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &x3, f->a, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 1);
    assert_string_equal(grp_report_cell(r, 0, 2), S(f->x3));
    assert_string_equal(grp_report_cell(r, 0, 5), "requested");
    grp_report_free(r);
    /* nor of w: their waitlisting and withdrawal */
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &x3, f->w, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 2);
    assert_string_equal(grp_report_cell(r, 0, 5), "waitlisted");
    assert_string_equal(grp_report_cell(r, 1, 5), "left");
    grp_report_free(r);
    /* X2 was declined by a: own stint only; X1, approved, reads everything */
    grp_actor x2 = grp_actor_person(f->x2), x1 = grp_actor_person(f->x1);
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &x2, f->a, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 2);
    grp_report_free(r);
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &x1, f->a, NODATE, NODATE));
    assert_int_equal(grp_report_row_count(r), 5);
    grp_report_free(r);
    /* Trust's admin has nothing to do with Other's groups */
    grp_actor admin = grp_actor_person(f->admin);
    grp_assert_rc(grp_report_membership_changes(&r, f->s, &admin, f->a, NODATE, NODATE), GRP_EACCESS);
}

/* ---- output ------------------------------------------------------------------------------ */

/* Reports are read back with the strict RFC 4180 reader of csv_reader.h. */

/* CSV read back gives exactly the header and the cells. */
static void check_csv_round_trip(const grp_report *r)
{
    char *csv = NULL;
    csv_doc d;
    grp_assert_ok(grp_report_write_csv(&csv, r));
    if (csv_read(&d, csv, strlen(csv), NULL) != 0)
        fail_msg("CSV does not parse:\n%s", csv);
    assert_int_equal(d.nrec, grp_report_row_count(r) + 1);
    for (size_t c = 0; c < grp_report_column_count(r); c++)
        assert_string_equal(d.cells[0][c], grp_report_column_name(r, c));
    for (size_t i = 0; i < grp_report_row_count(r); i++) {
        assert_int_equal(d.nfields[i + 1], grp_report_column_count(r));
        for (size_t c = 0; c < grp_report_column_count(r); c++) {
            const char *got = d.cells[i + 1][c], *want = grp_report_cell(r, i, c);
            if ((got == NULL) != (want == NULL) || (got && strcmp(got, want)))
                fail_msg("CSV row %zu column %zu: got %s, want %s", i, c, got ? got : "NULL", want ? want : "NULL");
        }
    }
    csv_doc_free(&d);
    grp_free(csv);
}

static void test_csv_output(void **state)
{
    fx *f = *state;
    grp_report *r;
    grp_actor sys = grp_actor_system();
    char *csv = NULL;
    /* exact text of a small report: quoting of names and of a CRLF reason */
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->g, D(2026, 2, 10), NODATE));
    grp_assert_ok(grp_report_write_csv(&csv, r));
    char want[512];
    snprintf(want, sizeof want,
             "date,membership_id,person_id,person,role,change,reason\r\n"
             "2026-02-10,%s,%s,Leo,member,left,moved team\r\n"
             "2026-02-10,%s,%s,Jo,member,joined,\"new starter,\r\nfrom \"\"Team B\"\"\"\r\n",
             grp_report_cell(r, 0, 1), S(f->leaver), grp_report_cell(r, 1, 1), S(f->joiner));
    assert_string_equal(csv, want);
    grp_free(csv);
    check_csv_round_trip(r);
    grp_report_free(r);

    /* every report reads back exactly */
    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2026-01-01T00:00:00Z"), T("2026-05-01T00:00:00Z")));
    check_csv_round_trip(r);
    grp_assert_ok(grp_report_write_csv(&csv, r));
    /* a name with a comma and quotes is quoted; NULL cells are empty */
    assert_non_null(strstr(csv, ",\"Ben \"\"Benny\"\" Smith, Jr.\",3,2,0,1,0,0.6667,0.6667\r\n"));
    assert_non_null(strstr(csv, ",Monthly GRP,,,12,7,2,2,1,0.6364,0.8182\r\n"));
    assert_non_null(strstr(csv, ",Zoë,3,1,1,0,1,0.5,1\r\n")); /* UTF-8 as is */
    grp_free(csv);
    grp_report_free(r);
    grp_assert_ok(grp_report_hours(&r, f->s, &sys, f->m1, NODATE, NODATE));
    check_csv_round_trip(r);
    grp_report_free(r);
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->g, D(2026, 4, 1)));
    check_csv_round_trip(r);
    grp_report_free(r);
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    sc.session_id = f->s1;
    grp_assert_ok(grp_report_feedback(&r, f->s, &sys, &sc));
    check_csv_round_trip(r);
    grp_report_free(r);
    /* no rows: the header alone */
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->k, D(2026, 4, 1)));
    grp_assert_ok(grp_report_write_csv(&csv, r));
    assert_string_equal(csv, "goal_id,owner_id,owner,title,status,percent,steps_done,steps_total,target_date,overdue\r\n");
    grp_free(csv);
    grp_report_free(r);
}

static cJSON *parse_json(const char *text)
{
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(text, strlen(text) + 1, &end, 1);
    if (!j)
        fail_msg("JSON does not parse at offset %td:\n%s", end ? end - text : -1, text);
    return j;
}

static void expect_str(const cJSON *o, const char *key, const char *want)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v) || strcmp(v->valuestring, want))
        fail_msg("\"%s\": expected the string '%s'", key, want);
}

static void expect_num(const cJSON *o, const char *key, double want)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || v->valuedouble != want)
        fail_msg("\"%s\": expected the number %g", key, want);
}

static void expect_null(const cJSON *o, const char *key)
{
    if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, key)))
        fail_msg("\"%s\": expected null", key);
}

/* Every object has exactly the report's columns, in order, typed by column. */
static void check_json_shape(const grp_report *r, const cJSON *arr)
{
    assert_true(cJSON_IsArray(arr));
    assert_int_equal(cJSON_GetArraySize(arr), grp_report_row_count(r));
    for (size_t i = 0; i < grp_report_row_count(r); i++) {
        const cJSON *o = cJSON_GetArrayItem(arr, (int)i), *v = o ? o->child : NULL;
        assert_true(cJSON_IsObject(o));
        for (size_t c = 0; c < grp_report_column_count(r); c++, v = v->next) {
            const char *cell = grp_report_cell(r, i, c);
            assert_non_null(v);
            assert_string_equal(v->string, grp_report_column_name(r, c));
            if (!cell) {
                assert_true(cJSON_IsNull(v));
                continue;
            }
            switch (grp_report_column_type_of(r, c)) {
            case GRP_REPORT_COL_INTEGER:
            case GRP_REPORT_COL_DECIMAL:
                assert_true(cJSON_IsNumber(v));
                assert_true(v->valuedouble == strtod(cell, NULL));
                break;
            case GRP_REPORT_COL_BOOLEAN:
                assert_true(strcmp(cell, "true") == 0 ? cJSON_IsTrue(v) : cJSON_IsFalse(v));
                break;
            default:
                assert_true(cJSON_IsString(v));
                assert_string_equal(v->valuestring, cell);
            }
        }
        assert_null(v); /* no extra keys */
    }
}

static void test_json_output(void **state)
{
    fx *f = *state;
    grp_report *r;
    grp_actor sys = grp_actor_system();
    char *json = NULL;
    cJSON *j;

    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2026-01-01T00:00:00Z"), T("2026-05-01T00:00:00Z")));
    grp_assert_ok(grp_report_write_json(&json, r));
    j = parse_json(json);
    check_json_shape(r, j);
    const cJSON *ben = cJSON_GetArrayItem(j, 1), *grp = cJSON_GetArrayItem(j, 5);
    expect_str(ben, "row_type", "member");
    expect_str(ben, "group_id", S(f->g)); /* ids are strings */
    expect_str(ben, "person_id", S(f->m2));
    expect_str(ben, "person", "Ben \"Benny\" Smith, Jr.");
    expect_num(ben, "expected", 3);
    expect_num(ben, "absent", 1);
    expect_num(ben, "attendance_rate", 0.6667);
    expect_null(grp, "person_id");
    expect_null(grp, "person");
    expect_num(grp, "commitment_rate", 0.8182);
    cJSON_Delete(j);
    /* one row object per line, a newline at the end */
    assert_int_equal(strncmp(json, "[\n{\"row_type\":\"member\",", 23), 0);
    assert_string_equal(json + strlen(json) - 4, "}\n]\n");
    grp_free(json);
    grp_report_free(r);

    grp_assert_ok(grp_report_attendance(&r, f->s, &sys, f->g, T("2026-02-10T00:00:00Z"), T("2026-02-11T00:00:00Z")));
    grp_assert_ok(grp_report_write_json(&json, r));
    j = parse_json(json);
    check_json_shape(r, j);
    expect_null(cJSON_GetArrayItem(j, 0), "attendance_rate"); /* nothing recorded: null, not 0 */
    expect_num(cJSON_GetArrayItem(j, 0), "expected", 0);
    cJSON_Delete(j);
    grp_free(json);
    grp_report_free(r);

    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->g, D(2026, 4, 1)));
    grp_assert_ok(grp_report_write_json(&json, r));
    j = parse_json(json);
    check_json_shape(r, j);
    const cJSON *g1 = cJSON_GetArrayItem(j, 0), *g3 = cJSON_GetArrayItem(j, 2);
    expect_str(g1, "title", "Reflect, \"weekly\"");
    expect_str(g1, "target_date", "2026-03-01");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g1, "overdue")));
    expect_num(g1, "percent", 40);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(g3, "overdue")));
    expect_null(g3, "percent");
    expect_null(g3, "target_date");
    cJSON_Delete(j);
    grp_free(json);
    grp_report_free(r);

    /* control characters are escaped; the CRLF note survives */
    grp_assert_ok(grp_report_hours(&r, f->s, &sys, f->m1, NODATE, NODATE));
    grp_assert_ok(grp_report_write_json(&json, r));
    assert_non_null(strstr(json, "\"note\":\"left at 15:00,\\r\\n\\\"early\\\"\""));
    assert_non_null(strstr(json, "\"minutes\":-30,"));
    j = parse_json(json);
    check_json_shape(r, j);
    expect_str(cJSON_GetArrayItem(j, 2), "note", "left at 15:00,\r\n\"early\"");
    expect_null(cJSON_GetArrayItem(j, 6), "kind");
    expect_num(cJSON_GetArrayItem(j, 6), "credited_signed", 180);
    cJSON_Delete(j);
    grp_free(json);
    grp_report_free(r);

    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    sc.session_id = f->s1;
    grp_assert_ok(grp_report_feedback(&r, f->s, &sys, &sc));
    grp_assert_ok(grp_report_write_json(&json, r));
    j = parse_json(json);
    check_json_shape(r, j);
    expect_num(cJSON_GetArrayItem(j, 0), "mean", 4.6667);
    expect_null(cJSON_GetArrayItem(j, 3), "mean");
    expect_num(cJSON_GetArrayItem(j, 3), "item_no", 4);
    cJSON_Delete(j);
    grp_free(json);
    grp_report_free(r);

    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->g, NODATE, NODATE));
    grp_assert_ok(grp_report_write_json(&json, r));
    j = parse_json(json);
    check_json_shape(r, j);
    expect_str(cJSON_GetArrayItem(j, 8), "reason", JOINER_REASON);
    expect_str(cJSON_GetArrayItem(j, 8), "date", "2026-02-10");
    cJSON_Delete(j);
    grp_free(json);
    grp_report_free(r);

    /* no rows */
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->k, D(2026, 4, 1)));
    grp_assert_ok(grp_report_write_json(&json, r));
    assert_string_equal(json, "[]\n");
    grp_free(json);
    grp_report_free(r);
}

/* ---- the table API and iterators --------------------------------------------------------- */

static void test_table_api(void **state)
{
    fx *f = *state;
    grp_report *r;
    grp_actor sys = grp_actor_system();
    size_t col = 99;
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->g, D(2026, 4, 1)));
    grp_assert_ok(grp_report_column_find(&col, r, "overdue"));
    assert_int_equal(col, 9);
    grp_assert_ok(grp_report_column_find(&col, r, "goal_id"));
    assert_int_equal(col, 0);
    grp_assert_rc(grp_report_column_find(&col, r, "Overdue"), GRP_ENOTFOUND);
    grp_assert_msg_contains("the goals report has no column 'Overdue'");
    grp_assert_rc(grp_report_column_find(NULL, r, "x"), GRP_EINVAL);
    grp_assert_rc(grp_report_column_find(&col, NULL, "x"), GRP_EINVAL);
    grp_assert_rc(grp_report_column_find(&col, r, NULL), GRP_EINVAL);
    /* out of range */
    assert_null(grp_report_cell(r, 3, 0));
    assert_null(grp_report_cell(r, 0, 10));
    assert_null(grp_report_column_name(r, 10));
    assert_int_equal(grp_report_column_type_of(r, 10), GRP_REPORT_COL_TEXT);
    /* NULL report */
    assert_int_equal(grp_report_row_count(NULL), 0);
    assert_int_equal(grp_report_column_count(NULL), 0);
    assert_null(grp_report_title(NULL));
    assert_null(grp_report_cell(NULL, 0, 0));
    assert_null(grp_report_column_name(NULL, 0));
    assert_int_equal(grp_report_kind_of(NULL), 0);
    grp_report_free(NULL);
    /* names */
    assert_string_equal(grp_report_kind_name(GRP_REPORT_ATTENDANCE), "attendance");
    assert_string_equal(grp_report_kind_name(GRP_REPORT_ATTENDANCE_ORG), "attendance_org");
    assert_string_equal(grp_report_kind_name(GRP_REPORT_HOURS), "hours");
    assert_string_equal(grp_report_kind_name(GRP_REPORT_GOALS), "goals");
    assert_string_equal(grp_report_kind_name(GRP_REPORT_FEEDBACK), "feedback");
    assert_string_equal(grp_report_kind_name(GRP_REPORT_MEMBERSHIP_CHANGES), "membership_changes");
    assert_null(grp_report_kind_name((grp_report_kind)0));
    assert_null(grp_report_kind_name((grp_report_kind)7));
    assert_string_equal(grp_report_column_type_name(GRP_REPORT_COL_TEXT), "text");
    assert_string_equal(grp_report_column_type_name(GRP_REPORT_COL_ID), "id");
    assert_string_equal(grp_report_column_type_name(GRP_REPORT_COL_INTEGER), "integer");
    assert_string_equal(grp_report_column_type_name(GRP_REPORT_COL_DECIMAL), "decimal");
    assert_string_equal(grp_report_column_type_name(GRP_REPORT_COL_BOOLEAN), "boolean");
    assert_string_equal(grp_report_column_type_name(GRP_REPORT_COL_DATE), "date");
    assert_null(grp_report_column_type_name((grp_report_column_type)6));
    /* writers */
    char *out = (char *)1;
    grp_assert_rc(grp_report_write_csv(NULL, r), GRP_EINVAL);
    grp_assert_rc(grp_report_write_csv(&out, NULL), GRP_EINVAL);
    assert_null(out);
    out = (char *)1;
    grp_assert_rc(grp_report_write_json(NULL, r), GRP_EINVAL);
    grp_assert_rc(grp_report_write_json(&out, NULL), GRP_EINVAL);
    assert_null(out);
    grp_report_free(r);
}

static void test_iterator(void **state)
{
    fx *f = *state;
    grp_report *r;
    grp_report_iterator *it;
    grp_report_row *row, *rows[8];
    grp_actor sys = grp_actor_system();
    size_t n = 0;
    grp_assert_ok(grp_report_membership_changes(&r, f->s, &sys, f->g, NODATE, NODATE));
    grp_assert_ok(grp_report_iterator_new(&it, r));
    while (grp_report_iterator_next(&row, it) == GRP_OK) {
        assert_int_equal(grp_report_row_index(row), n);
        assert_int_equal(grp_report_row_cell_count(row), 7);
        for (size_t c = 0; c < 8; c++) {
            const char *x = grp_report_row_cell(row, c), *y = grp_report_cell(r, n, c);
            assert_true(x == y); /* the very same cells */
        }
        if (n < 8)
            rows[n] = row;
        else
            grp_report_row_free(row);
        n++;
    }
    assert_int_equal(n, 9);
    grp_assert_rc(grp_report_iterator_next(&row, it), GRP_ITEROVER);
    assert_null(row);
    /* free the report first: the iterator and the rows keep it alive */
    grp_report_free(r);
    assert_string_equal(grp_report_row_cell(rows[7], 5), "left");
    assert_string_equal(grp_report_row_cell(rows[0], 3), "Eve");
    grp_assert_rc(grp_report_iterator_next(&row, it), GRP_ITEROVER);
    grp_report_iterator_free(it);
    assert_string_equal(grp_report_row_cell(rows[2], 4), "facilitator");
    for (size_t i = 0; i < 8; i++)
        grp_report_row_free(rows[i]);

    /* a second iterator starts again; an empty report yields nothing */
    grp_assert_ok(grp_report_goals(&r, f->s, &sys, f->k, D(2026, 4, 1)));
    grp_assert_ok(grp_report_iterator_new(&it, r));
    grp_assert_rc(grp_report_iterator_next(&row, it), GRP_ITEROVER);
    grp_report_iterator_free(it);
    grp_report_free(r);

    /* errors and NULL-safety */
    it = (grp_report_iterator *)1;
    grp_assert_rc(grp_report_iterator_new(&it, NULL), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_report_iterator_new(NULL, NULL), GRP_EINVAL);
    grp_assert_rc(grp_report_iterator_next(&row, NULL), GRP_EINVAL);
    grp_assert_rc(grp_report_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_report_iterator_free(NULL);
    grp_report_row_free(NULL);
    assert_null(grp_report_row_cell(NULL, 0));
    assert_int_equal(grp_report_row_index(NULL), 0);
    assert_int_equal(grp_report_row_cell_count(NULL), 0);
}

/* ---- argument errors ---------------------------------------------------------------------- */

static void test_errors(void **state)
{
    fx *f = *state;
    grp_report *r;
    grp_actor sys = grp_actor_system(), ghost = grp_actor_person(9999), zero = grp_actor_person(0);
    grp_actor badkind = {(grp_actor_kind)7, 1};
    grp_time from = T("2026-01-01T00:00:00Z"), to = T("2026-05-01T00:00:00Z");

#define DENY(call, code, msg)                      \
    do {                                           \
        r = (grp_report *)1;                       \
        grp_assert_rc(call, code);                 \
        grp_assert_msg_contains(msg);              \
        if (r != (grp_report *)1) assert_null(r);  \
    } while (0)

    /* attendance */
    DENY(grp_report_attendance(NULL, f->s, &sys, f->g, from, to), GRP_EINVAL, "'out'");
    DENY(grp_report_attendance(&r, NULL, &sys, f->g, from, to), GRP_EINVAL, "'store'");
    DENY(grp_report_attendance(&r, f->s, NULL, f->g, from, to), GRP_EINVAL, "'actor'");
    DENY(grp_report_attendance(&r, f->s, &badkind, f->g, from, to), GRP_EINVAL, "actor.kind (7)");
    DENY(grp_report_attendance(&r, f->s, &zero, f->g, from, to), GRP_EINVAL, "'actor.person_id' (0)");
    DENY(grp_report_attendance(&r, f->s, &ghost, f->g, from, to), GRP_ENOTFOUND, "actor: no person with id 9999");
    DENY(grp_report_attendance(&r, f->s, &sys, 0, from, to), GRP_EINVAL, "'group_id' (0)");
    DENY(grp_report_attendance(&r, f->s, &sys, -5, from, to), GRP_EINVAL, "'group_id' (-5)");
    DENY(grp_report_attendance(&r, f->s, &sys, 9999, from, to), GRP_ENOTFOUND, "no group with id 9999");
    DENY(grp_report_attendance(&r, f->s, &sys, f->g, to, from), GRP_EINVAL, "'from' is after 'to'");
    DENY(grp_report_attendance(&r, f->s, &sys, f->g, -70000000000LL, to), GRP_EINVAL, "'from'");
    DENY(grp_report_attendance(&r, f->s, &sys, f->g, from, 300000000000LL), GRP_EINVAL, "'to'");
    DENY(grp_report_attendance_org(&r, f->s, &ghost, f->org, from, to), GRP_ENOTFOUND, "actor: no person");
    DENY(grp_report_attendance_org(&r, f->s, &sys, 9999, from, to), GRP_ENOTFOUND, "no organisation with id 9999");

    /* hours */
    DENY(grp_report_hours(NULL, f->s, &sys, f->m1, NODATE, NODATE), GRP_EINVAL, "'out'");
    DENY(grp_report_hours(&r, NULL, &sys, f->m1, NODATE, NODATE), GRP_EINVAL, "'store'");
    DENY(grp_report_hours(&r, f->s, NULL, f->m1, NODATE, NODATE), GRP_EINVAL, "'actor'");
    DENY(grp_report_hours(&r, f->s, &ghost, f->m1, NODATE, NODATE), GRP_ENOTFOUND, "actor: no person");
    DENY(grp_report_hours(&r, f->s, &sys, 0, NODATE, NODATE), GRP_EINVAL, "'person_id' (0)");
    DENY(grp_report_hours(&r, f->s, &sys, 9999, NODATE, NODATE), GRP_ENOTFOUND, "no person with id 9999");
    DENY(grp_report_hours(&r, f->s, &sys, f->m1, D(2026, 2, 30), NODATE), GRP_EINVAL, "'from' (2026-02-30)");
    DENY(grp_report_hours(&r, f->s, &sys, f->m1, NODATE, D(2026, 13, 1)), GRP_EINVAL, "'to' (2026-13-01)");
    DENY(grp_report_hours(&r, f->s, &sys, f->m1, D(2026, 3, 1), D(2026, 2, 1)), GRP_EINVAL, "'from' is after 'to'");

    /* goals */
    DENY(grp_report_goals(NULL, f->s, &sys, f->g, NODATE), GRP_EINVAL, "'out'");
    DENY(grp_report_goals(&r, NULL, &sys, f->g, NODATE), GRP_EINVAL, "'store'");
    DENY(grp_report_goals(&r, f->s, NULL, f->g, NODATE), GRP_EINVAL, "'actor'");
    DENY(grp_report_goals(&r, f->s, &badkind, f->g, NODATE), GRP_EINVAL, "actor.kind");
    DENY(grp_report_goals(&r, f->s, &sys, 0, NODATE), GRP_EINVAL, "'group_id'");
    DENY(grp_report_goals(&r, f->s, &sys, 9999, NODATE), GRP_ENOTFOUND, "no group with id 9999");
    DENY(grp_report_goals(&r, f->s, &sys, f->g, D(2026, 2, 29)), GRP_EINVAL, "'as_of' (2026-02-29)");

    /* membership changes */
    DENY(grp_report_membership_changes(NULL, f->s, &sys, f->g, NODATE, NODATE), GRP_EINVAL, "'out'");
    DENY(grp_report_membership_changes(&r, NULL, &sys, f->g, NODATE, NODATE), GRP_EINVAL, "'store'");
    DENY(grp_report_membership_changes(&r, f->s, NULL, f->g, NODATE, NODATE), GRP_EINVAL, "'actor'");
    DENY(grp_report_membership_changes(&r, f->s, &zero, f->g, NODATE, NODATE), GRP_EINVAL, "actor.person_id");
    DENY(grp_report_membership_changes(&r, f->s, &sys, -1, NODATE, NODATE), GRP_EINVAL, "'group_id' (-1)");
    DENY(grp_report_membership_changes(&r, f->s, &sys, 9999, NODATE, NODATE), GRP_ENOTFOUND, "no group");
    DENY(grp_report_membership_changes(&r, f->s, &sys, f->g, D(2026, 2, 2), D(2026, 2, 1)), GRP_EINVAL,
         "'from' is after 'to'");
    DENY(grp_report_membership_changes(&r, f->s, &sys, f->g, D(0, 1, 1), NODATE), GRP_EINVAL, "'from'");
#undef DENY
}

/* ---- allocation failures ---------------------------------------------------------------- */

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

typedef int (*build_fn)(grp_report **out, fx *f);

static int b_att(grp_report **o, fx *f)
{
    grp_actor a = grp_actor_person(f->m1);
    return grp_report_attendance(o, f->s, &a, f->g, T("2026-01-01T00:00:00Z"), T("2026-05-01T00:00:00Z"));
}
static int b_org(grp_report **o, fx *f)
{
    grp_actor a = grp_actor_person(f->admin);
    return grp_report_attendance_org(o, f->s, &a, f->org, T("2026-01-01T00:00:00Z"), T("2026-05-01T00:00:00Z"));
}
static int b_hours(grp_report **o, fx *f)
{
    grp_actor a = grp_actor_person(f->fac);
    return grp_report_hours(o, f->s, &a, f->m1, NODATE, NODATE);
}
static int b_goals(grp_report **o, fx *f)
{
    grp_actor a = grp_actor_person(f->m2);
    return grp_report_goals(o, f->s, &a, f->g, D(2026, 4, 1));
}
static int b_feedback(grp_report **o, fx *f)
{
    grp_actor a = grp_actor_person(f->m1);
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    sc.group_id = f->g;
    return grp_report_feedback(o, f->s, &a, &sc);
}
static int b_changes(grp_report **o, fx *f)
{
    grp_actor a = grp_actor_person(f->fac);
    return grp_report_membership_changes(o, f->s, &a, f->g, NODATE, NODATE);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    const grp_allocator hooks = {counting_malloc, counting_realloc, counting_free, NULL};
    const build_fn builders[] = {b_att, b_org, b_hours, b_goals, b_feedback, b_changes};
    fx f;
    memset(&f, 0, sizeof f);
    assert_int_equal(grp__alloc_live(), 0);
    grp_assert_ok(grp_set_allocator(&hooks));
    fail_at = 0;
    build(&f);
    for (size_t b = 0; b < sizeof builders / sizeof builders[0]; b++) {
        grp_report *good;
        char *good_csv, *good_json;
        fail_at = 0;
        grp_assert_ok(builders[b](&good, &f));
        grp_assert_ok(grp_report_write_csv(&good_csv, good));
        grp_assert_ok(grp_report_write_json(&good_json, good));
        long failures = 0;
        for (fail_at = 1;; fail_at++) {
            grp_report *r = (grp_report *)1;
            long live = grp__alloc_live();
            alloc_calls = 0;
            int rc = builders[b](&r, &f);
            if (rc == GRP_OK) {
                char *csv;
                if (alloc_calls >= fail_at)
                    fail_msg("builder %zu succeeded although allocation %ld failed", b, fail_at);
                fail_at = 0;
                grp_assert_ok(grp_report_write_csv(&csv, r));
                assert_string_equal(csv, good_csv);
                grp_free(csv);
                grp_report_free(r);
                break;
            }
            if (rc != GRP_ENOMEM)
                fail_msg("builder %zu, allocation %ld: %s (%s)", b, fail_at, grp_error_name(rc),
                         grp_error_last()->message);
            assert_null(r);
            assert_int_equal(grp__alloc_live(), live);
            failures++;
        }
        assert_true(failures > 3);
        /* the writers and the iterator */
        for (int w = 0; w < 2; w++) {
            long wfailures = 0;
            for (fail_at = 1;; fail_at++) {
                char *text = (char *)1;
                long live = grp__alloc_live();
                alloc_calls = 0;
                int rc = w ? grp_report_write_json(&text, good) : grp_report_write_csv(&text, good);
                if (rc == GRP_OK) {
                    assert_string_equal(text, w ? good_json : good_csv);
                    grp_free(text);
                    break;
                }
                grp_assert_rc(rc, GRP_ENOMEM);
                assert_null(text);
                assert_int_equal(grp__alloc_live(), live);
                wfailures++;
            }
            assert_true(wfailures >= 1);
        }
        fail_at = 1;
        alloc_calls = 0;
        grp_report_iterator *it = (grp_report_iterator *)1;
        grp_assert_rc(grp_report_iterator_new(&it, good), GRP_ENOMEM);
        assert_null(it);
        fail_at = 0;
        grp_assert_ok(grp_report_iterator_new(&it, good));
        grp_report_row *row = (grp_report_row *)1;
        fail_at = 1;
        alloc_calls = 0;
        grp_assert_rc(grp_report_iterator_next(&row, it), GRP_ENOMEM);
        assert_null(row);
        fail_at = 0;
        grp_report_iterator_free(it);
        grp_free(good_csv);
        grp_free(good_json);
        grp_report_free(good);
    }
    fail_at = 0;
    grp_store_close(f.s);
    grp_assert_ok(grp_set_allocator(NULL)); /* nothing left live */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first: it needs no libgrp memory live when it installs its hooks */
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test_setup_teardown(test_attendance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attendance_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attendance_org, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_goals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feedback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_membership_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_membership_changes_pending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_api, setup, teardown),
        cmocka_unit_test_setup_teardown(test_iterator, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
