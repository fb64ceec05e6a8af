/* The change feed and the reminder queries. */
#include "support.h"
#include "fault.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fx {
    grp_store *s;
    char *dir;
    char path[4096];
    grp_id org, group, fac, admin;
    grp_id p[6];
} fx;

static grp_time T(const char *text)
{
    grp_time t = 0;
    if (grp_time_parse(&t, text))
        fail_msg("bad instant %s", text);
    return t;
}

static grp_datetime DT(int y, int mo, int d, int h, int mi)
{
    grp_datetime dt = {y, mo, d, h, mi, 0};
    return dt;
}

static grp_id person(grp_store *s, grp_id org, const char *name)
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

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    grp_org *o;
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    f->dir = grp_test_tmpdir();
    snprintf(f->path, sizeof f->path, "%s/events.db", f->dir);
    if (grp_store_open(&f->s, f->path, NULL) || grp_org_create(&o, f->s, "Org", NULL))
        return -1;
    f->org = grp_org_id(o);
    grp_org_free(o);
    gs.org_id = f->org;
    gs.name = "Weekly supervision";
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = 3;
    gs.capacity_policy = GRP_CAPACITY_WAITLIST;
    gs.quorum = 3;
    gs.location = "Room 5";
    gs.timezone = "America/New_York";
    gs.session_minutes = 60;
    if (grp_group_create(&g, f->s, &gs))
        return -1;
    f->group = grp_group_id(g);
    grp_group_free(g);
    for (int i = 0; i < 6; i++) {
        char name[8];
        snprintf(name, sizeof name, "P%d", i);
        f->p[i] = person(f->s, f->org, name);
    }
    f->fac = person(f->s, f->org, "Facilitator");
    f->admin = person(f->s, f->org, "Admin");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    grp_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* Kinds of the events after `after` visible to `actor`, into kinds[]. */
static size_t kinds_since(fx *f, const grp_actor *actor, int64_t after, grp_event_kind *kinds, size_t max,
                          int64_t *last)
{
    grp_event_iterator *it;
    grp_event *e;
    size_t n = 0;
    grp_assert_ok(grp_events_since(&it, f->s, actor, after, 0));
    while (grp_event_iterator_next(&e, it) == 0) {
        if (n < max)
            kinds[n] = grp_event_kind_of(e);
        n++;
        if (last)
            *last = grp_event_seq(e);
        grp_event_free(e);
    }
    grp_event_iterator_free(it);
    return n;
}

static void test_every_kind(void **state)
{
    fx *f = *state;
    grp_actor sys = grp_actor_system();
    grp_join_options fac = GRP_JOIN_OPTIONS_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_membership *m;
    int64_t start;
    grp_assert_ok(grp_events_last_seq(&start, f->s));
    fac.role = GRP_ROLE_FACILITATOR;
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->fac, D(2026, 1, 1), &fac));     /* joined */
    for (int i = 0; i < 3; i++)
        grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[i], D(2026, 1, 1), NULL)); /* joined x3 */
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[3], D(2026, 1, 2), NULL));    /* waitlisted */
    grp_assert_ok(grp_member_leave(NULL, f->s, f->group, f->p[0], D(2026, 1, 5), NULL));   /* left, promoted */
    cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
    cs.first_date = D(2026, 1, 5);
    cs.start_hour = 9;
    grp_assert_ok(grp_cadence_set(NULL, f->s, f->group, &cs));                              /* cadence */
    grp_id s1, s2, s3;
    grp_assert_ok(grp_session_ensure(&s1, f->s, f->group, DT(2026, 1, 12, 9, 0)));
    grp_assert_ok(grp_attendance_record(f->s, s1, f->p[1], GRP_ATTEND_PRESENT, -1, f->fac)); /* feedback requested, attendance */
    grp_assert_ok(grp_session_ensure(&s2, f->s, f->group, DT(2026, 1, 19, 9, 0)));
    grp_assert_ok(grp_session_cancel(f->s, s2, NULL));                                      /* cancelled */
    grp_assert_ok(grp_session_ensure(&s3, f->s, f->group, DT(2026, 1, 26, 9, 0)));
    grp_assert_ok(grp_session_move(f->s, s3, DT(2026, 1, 27, 9, 0), 0));                    /* moved */
    grp_assert_ok(grp_session_add(NULL, f->s, f->group, DT(2026, 2, 3, 18, 0), 60));        /* added */
    grp_actor p1 = grp_actor_person(f->p[1]);
    grp_assert_ok(grp_theme_raise(NULL, f->s, &p1, f->group, 0, "Caseloads", NULL));        /* theme */
    /* approval flow in a second group */
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g2;
    gs.org_id = f->org;
    gs.name = "By approval";
    gs.status = GRP_STATUS_ACTIVE;
    gs.membership_policy = GRP_MEMBERSHIP_APPROVAL;
    gs.location = "Room 6";
    gs.timezone = "Europe/London";
    grp_assert_ok(grp_group_create(&g2, f->s, &gs));
    grp_assert_ok(grp_member_join(&m, f->s, grp_group_id(g2), f->p[4], D(2026, 1, 1), NULL)); /* requested */
    grp_assert_ok(grp_member_approve(NULL, f->s, grp_membership_id(m), D(2026, 1, 2)));       /* approved */
    grp_membership_free(m);
    grp_assert_ok(grp_member_join(&m, f->s, grp_group_id(g2), f->p[5], D(2026, 1, 1), NULL)); /* requested */
    grp_assert_ok(grp_member_decline(f->s, grp_membership_id(m), D(2026, 1, 2), NULL));       /* declined */
    grp_membership_free(m);
    grp_group_free(g2);
    /* goals due soon / overdue (emitted once) */
    grp_actor p2 = grp_actor_person(f->p[2]);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_id goal;
    spec.owner_id = f->p[2];
    spec.title = "Finish the reading list";
    spec.target_date = D(2026, 3, 10);
    grp_assert_ok(grp_goal_create(&goal, f->s, &p2, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &p2, goal, GRP_GOAL_ACTIVE));
    grp_assert_ok(grp_goal_step_add(NULL, f->s, &p2, goal, "Chapter 1", D(2026, 2, 1)));
    size_t emitted;
    grp_assert_ok(grp_events_emit_due(&emitted, f->s, D(2026, 3, 5), 7));
    assert_int_equal(emitted, 2); /* target due soon, step overdue */
    grp_assert_ok(grp_events_emit_due(&emitted, f->s, D(2026, 3, 6), 7));
    assert_int_equal(emitted, 0); /* never twice */
    grp_assert_rc(grp_events_emit_due(&emitted, f->s, D(2026, 3, 6), 367), GRP_EINVAL);

    grp_event_kind want[] = {
        GRP_EVENT_MEMBER_JOINED, GRP_EVENT_MEMBER_JOINED, GRP_EVENT_MEMBER_JOINED, GRP_EVENT_MEMBER_JOINED,
        GRP_EVENT_MEMBER_WAITLISTED, GRP_EVENT_MEMBER_LEFT, GRP_EVENT_MEMBER_PROMOTED, GRP_EVENT_CADENCE_CHANGED,
        GRP_EVENT_FEEDBACK_REQUESTED, GRP_EVENT_ATTENDANCE_RECORDED, GRP_EVENT_SESSION_CANCELLED,
        GRP_EVENT_SESSION_MOVED, GRP_EVENT_SESSION_ADDED, GRP_EVENT_THEME_RAISED, GRP_EVENT_MEMBER_REQUESTED,
        GRP_EVENT_MEMBER_APPROVED, GRP_EVENT_MEMBER_REQUESTED, GRP_EVENT_MEMBER_DECLINED, GRP_EVENT_GOAL_DUE_SOON,
        GRP_EVENT_GOAL_OVERDUE};
    grp_event_kind got[40];
    size_t n = kinds_since(f, &sys, start, got, 40, NULL);
    assert_int_equal(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("event %zu: %s, expected %s", i, grp_event_kind_name(got[i]), grp_event_kind_name(want[i]));
    for (int k = GRP_EVENT_MEMBER_REQUESTED; k <= GRP_EVENT_THEME_RAISED; k++)
        assert_non_null(grp_event_kind_name((grp_event_kind)k));
    assert_null(grp_event_kind_name((grp_event_kind)0));
    assert_null(grp_event_kind_name((grp_event_kind)17));

    /* ids and sequence: increasing; the promoted event names p3 */
    grp_event_iterator *it;
    grp_event *e;
    int64_t prev = start;
    grp_assert_ok(grp_events_since(&it, f->s, &sys, start, 0));
    while (grp_event_iterator_next(&e, it) == 0) {
        assert_true(grp_event_seq(e) > prev);
        prev = grp_event_seq(e);
        assert_true(grp_event_at(e) > 0);
        if (grp_event_kind_of(e) == GRP_EVENT_MEMBER_PROMOTED) {
            assert_int_equal(grp_event_person_id(e), f->p[3]);
            assert_int_equal(grp_event_group_id(e), f->group);
            assert_true(grp_event_entity_id(e) > 0);
        }
        grp_event_free(e);
    }
    grp_event_iterator_free(it);
    /* max */
    grp_assert_ok(grp_events_since(&it, f->s, &sys, start, 3));
    n = 0;
    while (grp_event_iterator_next(&e, it) == 0) {
        n++;
        grp_event_free(e);
    }
    grp_event_iterator_free(it);
    assert_int_equal(n, 3);

    /* visibility: the admin sees membership/attendance/sessions/themes of the org, not goals */
    grp_actor admin = grp_actor_person(f->admin), p5 = grp_actor_person(f->p[5]);
    grp_assert_ok(grp_org_admin_add(f->s, f->org, f->admin));
    size_t admin_n = kinds_since(f, &admin, start, got, 40, NULL);
    assert_int_equal(admin_n, n = sizeof want / sizeof want[0] - 2);
    /* p2 sees: their own join, group events of their group, their goal events */
    size_t p2n = kinds_since(f, &p2, start, got, 40, NULL);
    assert_int_equal(p2n, 1 + 6 + 2); /* joined; cadence, feedback req., cancelled, moved, added, theme; goals */
    /* p5 only the request and decline about themselves */
    assert_int_equal(kinds_since(f, &p5, start, got, 40, NULL), 2);
    assert_int_equal(got[0], GRP_EVENT_MEMBER_REQUESTED);
    assert_int_equal(got[1], GRP_EVENT_MEMBER_DECLINED);
    grp_assert_rc(grp_events_since(&it, f->s, &sys, -1, 0), GRP_EINVAL);
    grp_actor ghost = grp_actor_person(999);
    grp_assert_rc(grp_events_since(&it, f->s, &ghost, 0, 0), GRP_ENOTFOUND);
}

static void test_rollback_leaves_no_event(void **state)
{
    fx *f = *state;
    grp_actor sys = grp_actor_system();
    int64_t before, after;
    grp_event_kind got[8];
    grp_assert_ok(grp_events_last_seq(&before, f->s));
    grp_assert_ok(grp_store_begin(f->s));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[0], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_store_rollback(f->s));
    assert_int_equal(kinds_since(f, &sys, before, got, 8, NULL), 0);
    /* a refused write appends nothing */
    grp_assert_rc(grp_member_join(NULL, f->s, f->group, 999, D(2026, 1, 1), NULL), GRP_ENOTFOUND);
    assert_int_equal(kinds_since(f, &sys, before, got, 8, NULL), 0);
    /* a failing call inside a caller's transaction removes only its own */
    grp_assert_ok(grp_store_begin(f->s));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[0], D(2026, 1, 1), NULL));
    grp_assert_rc(grp_member_join(NULL, f->s, f->group, f->p[0], D(2026, 1, 1), NULL), GRP_ERULE_ALREADY);
    grp_assert_ok(grp_store_commit(f->s));
    assert_int_equal(kinds_since(f, &sys, before, got, 8, NULL), 1);
    grp_assert_ok(grp_events_last_seq(&after, f->s));
    assert_true(after > before);
}

static void test_failure_injected_mid_write(void **state)
{
    fx *f = *state;
    grp_actor sys = grp_actor_system();
    grp_event_kind got[8];
    int64_t before;
    /* Hooks go in before the store is opened: nothing of libgrp's is live. */
    grp_store_close(f->s);
    assert_int_equal(grp__alloc_live(), 0);
    fault_install_grp();
    grp_assert_ok(grp_store_open(&f->s, f->path, NULL));
    grp_assert_ok(grp_events_last_seq(&before, f->s));
    /* Fail the 1st, 2nd, ... allocation of a join that hands out a snapshot
     * (made after its event is written) until it succeeds: every failure
     * must leave neither the membership nor its event. */
    for (long k = 1;; k++) {
        grp_membership *m = NULL;
        fault_arm(k, FAULT_TRANSIENT);
        int rc = grp_member_join(&m, f->s, f->group, f->p[1], D(2026, 1, 1), NULL);
        fault_disarm();
        if (rc == 0) {
            grp_membership_free(m);
            assert_true(k > 1);
            break;
        }
        assert_int_equal(rc, GRP_ENOMEM);
        assert_null(m);
        assert_int_equal(kinds_since(f, &sys, before, got, 8, NULL), 0);
        assert_int_equal(grp_store_transaction_depth(f->s), 0);
        assert_true(k < 500);
    }
    assert_int_equal(kinds_since(f, &sys, before, got, 8, NULL), 1);
    assert_int_equal(got[0], GRP_EVENT_MEMBER_JOINED);
    grp_store_close(f->s);
    assert_int_equal(grp__alloc_live(), 0); /* nothing leaked on any path */
    grp_assert_ok(grp_set_allocator(NULL));
    grp_assert_ok(grp_store_open(&f->s, f->path, NULL));
}

static void test_resume_after_reopen(void **state)
{
    fx *f = *state;
    grp_actor sys = grp_actor_system();
    grp_event_kind got[8];
    int64_t last = 0, mark;
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[0], D(2026, 1, 1), NULL));
    assert_int_equal(kinds_since(f, &sys, 0, got, 8, &last), 1);
    mark = last;
    grp_store_close(f->s);
    grp_assert_ok(grp_store_open(&f->s, f->path, NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[1], D(2026, 1, 1), NULL));
    assert_int_equal(kinds_since(f, &sys, mark, got, 8, &last), 1);
    assert_true(last > mark);
    /* pruning: never reuses a number */
    size_t pruned;
    grp_actor p0 = grp_actor_person(f->p[0]);
    grp_assert_rc(grp_events_prune(&pruned, f->s, &p0, last), GRP_EACCESS);
    grp_assert_ok(grp_events_prune(&pruned, f->s, &sys, last));
    assert_int_equal(pruned, 2);
    assert_int_equal(kinds_since(f, &sys, 0, got, 8, NULL), 0);
    int64_t seq;
    grp_assert_ok(grp_events_last_seq(&seq, f->s));
    assert_int_equal(seq, last);
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[2], D(2026, 1, 1), NULL));
    int64_t newer = 0;
    assert_int_equal(kinds_since(f, &sys, 0, got, 8, &newer), 1);
    assert_true(newer > last);
    grp_assert_rc(grp_events_prune(&pruned, f->s, &sys, -3), GRP_EINVAL);
}

typedef struct seen {
    int count;
    grp_event_kind kinds[16];
    grp_store *store;
    int depth_at_call;
} seen;

static void on_event(const grp_event *e, void *payload)
{
    seen *s = payload;
    if (s->count < 16)
        s->kinds[s->count] = grp_event_kind_of(e);
    s->count++;
    s->depth_at_call = grp_store_transaction_depth(s->store);
}

static void test_callback_after_commit(void **state)
{
    fx *f = *state;
    seen s = {0};
    s.store = f->s;
    grp_assert_ok(grp_store_set_event_callback(f->s, on_event, &s));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[0], D(2026, 1, 1), NULL));
    assert_int_equal(s.count, 1);
    assert_int_equal(s.kinds[0], GRP_EVENT_MEMBER_JOINED);
    assert_int_equal(s.depth_at_call, 0); /* called after the commit */
    grp_assert_ok(grp_store_begin(f->s));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[1], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[2], D(2026, 1, 1), NULL));
    assert_int_equal(s.count, 1); /* nothing until the outer commit */
    grp_assert_ok(grp_store_commit(f->s));
    assert_int_equal(s.count, 3);
    grp_assert_ok(grp_store_begin(f->s));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[3], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_store_rollback(f->s));
    assert_int_equal(s.count, 3); /* rolled back: never announced */
    grp_assert_ok(grp_store_set_event_callback(f->s, NULL, NULL));
    grp_assert_ok(grp_member_leave(NULL, f->s, f->group, f->p[0], D(2026, 2, 1), NULL));
    assert_int_equal(s.count, 3);
    grp_assert_rc(grp_store_set_event_callback(NULL, on_event, NULL), GRP_EINVAL);
}

static void test_reminder_queries(void **state)
{
    fx *f = *state;
    grp_join_options fac = GRP_JOIN_OPTIONS_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_reminder_iterator *it;
    grp_reminder *r;
    fac.role = GRP_ROLE_FACILITATOR;
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->fac, D(2026, 1, 1), &fac));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[0], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[1], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[2], D(2026, 3, 5), NULL)); /* joiner */
    grp_assert_ok(grp_member_leave(NULL, f->s, f->group, f->p[1], D(2026, 3, 10), NULL)); /* leaver */
    cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
    cs.first_date = D(2026, 1, 5);
    cs.start_hour = 9;
    grp_assert_ok(grp_cadence_set(NULL, f->s, f->group, &cs));

    /* Sessions in the DST week: New York springs forward on 8 March 2026,
     * so 9:00 on Monday 2 March is 14:00Z and on 9 March 13:00Z. */
    grp_assert_ok(grp_reminders_sessions(&it, f->s, T("2026-03-01T00:00:00Z"), T("2026-03-16T00:00:00Z")));
    grp_time want_start[] = {T("2026-03-02T14:00:00Z"), T("2026-03-09T13:00:00Z")};
    size_t want_people[] = {3, 3}; /* 2 Mar: fac, p0, p1; 9 Mar: fac, p0, p1 (leaves 10th), p2 joined 5th */
    int n = 0;
    while (grp_reminder_iterator_next(&r, it) == 0) {
        assert_true(n < 2);
        assert_int_equal(grp_reminder_group_id(r), f->group);
        assert_int_equal(grp_reminder_start(r), want_start[n]);
        assert_int_equal(grp_reminder_start_local(r).hour, 9);
        assert_string_equal(grp_reminder_timezone(r), "America/New_York");
        if (n == 0)
            assert_int_equal(grp_reminder_person_count(r), want_people[0]);
        else
            assert_int_equal(grp_reminder_person_count(r), 4);
        grp_reminder_free(r);
        n++;
    }
    grp_reminder_iterator_free(it);
    assert_int_equal(n, 2);
    (void)want_people;

    /* Under quorum (3): next session after 20 March has p0 and p2 only */
    grp_assert_ok(grp_reminders_under_quorum(&it, f->s, T("2026-03-20T00:00:00Z")));
    grp_assert_ok(grp_reminder_iterator_next(&r, it));
    assert_int_equal(grp_reminder_group_id(r), f->group);
    assert_int_equal(grp_reminder_start(r), T("2026-03-23T13:00:00Z"));
    assert_int_equal(grp_reminder_expected(r), 2);
    assert_int_equal(grp_reminder_quorum(r), 3);
    grp_reminder_free(r);
    grp_assert_rc(grp_reminder_iterator_next(&r, it), GRP_ITEROVER);
    grp_reminder_iterator_free(it);

    /* Attendance: p0 attends 2 of the last 4 held sessions; p2 attends all */
    grp_datetime days[] = {DT(2026, 3, 16, 9, 0), DT(2026, 3, 23, 9, 0), DT(2026, 3, 30, 9, 0), DT(2026, 4, 6, 9, 0)};
    grp_attendance_status p0s[] = {GRP_ATTEND_ABSENT, GRP_ATTEND_PRESENT, GRP_ATTEND_APOLOGIES, GRP_ATTEND_LATE};
    grp_id sid[4];
    for (int i = 0; i < 4; i++) {
        grp_assert_ok(grp_session_ensure(&sid[i], f->s, f->group, days[i]));
        grp_assert_ok(grp_attendance_record(f->s, sid[i], f->p[0], p0s[i], p0s[i] == GRP_ATTEND_LATE ? 30 : -1, f->fac));
        grp_assert_ok(grp_attendance_record(f->s, sid[i], f->p[2], GRP_ATTEND_PRESENT, -1, f->fac));
    }
    grp_actor fa = grp_actor_person(f->fac), admin = grp_actor_person(f->admin), p0 = grp_actor_person(f->p[0]);
    grp_assert_ok(grp_org_admin_add(f->s, f->org, f->admin));
    grp_assert_ok(grp_reminders_low_engagement(&it, f->s, &fa, 0, 4, 0.75, T("2026-04-10T00:00:00Z")));
    grp_assert_ok(grp_reminder_iterator_next(&r, it));
    assert_int_equal(grp_reminder_person_id(r), f->p[0]);
    assert_int_equal(grp_reminder_expected(r), 4);
    assert_int_equal(grp_reminder_attended(r), 2);
    assert_true(grp_reminder_rate(r) == 0.5);
    grp_reminder_free(r);
    grp_assert_rc(grp_reminder_iterator_next(&r, it), GRP_ITEROVER); /* p2 is at 100% */
    grp_reminder_iterator_free(it);
    /* the organisation does not get engagement warnings */
    grp_assert_ok(grp_reminders_low_engagement(&it, f->s, &admin, f->group, 4, 0.75, T("2026-04-10T00:00:00Z")));
    grp_assert_rc(grp_reminder_iterator_next(&r, it), GRP_ITEROVER);
    grp_reminder_iterator_free(it);
    grp_assert_rc(grp_reminders_low_engagement(&it, f->s, &fa, 0, 0, 0.5, 0), GRP_EINVAL);
    grp_assert_rc(grp_reminders_low_engagement(&it, f->s, &fa, 0, 4, 1.5, 0), GRP_EINVAL);

    /* Feedback pending: sessions held in the last 14 days before 8 April
     * (30 March, 6 April); p2 responded on 6 April */
    grp_actor p2 = grp_actor_person(f->p[2]);
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    int ratings[4] = {5, 5, 4, 4};
    sub.ratings = ratings;
    sub.rating_count = 4;
    sub.anonymous = 1;
    grp_assert_ok(grp_feedback_submit(f->s, &p2, sid[3], &sub));
    grp_assert_ok(grp_reminders_feedback_pending(&it, f->s, &fa, T("2026-04-08T00:00:00Z"), 14));
    struct { grp_id session, person; } want[] = {{sid[2], f->p[0]}, {sid[2], f->p[2]}, {sid[3], f->p[0]}};
    n = 0;
    while (grp_reminder_iterator_next(&r, it) == 0) {
        assert_true(n < 3);
        assert_int_equal(grp_reminder_session_id(r), want[n].session);
        assert_int_equal(grp_reminder_person_id(r), want[n].person);
        grp_reminder_free(r);
        n++;
    }
    grp_reminder_iterator_free(it);
    assert_int_equal(n, 3);
    /* a member sees only their own */
    grp_assert_ok(grp_reminders_feedback_pending(&it, f->s, &p0, T("2026-04-08T00:00:00Z"), 14));
    n = 0;
    while (grp_reminder_iterator_next(&r, it) == 0) {
        assert_int_equal(grp_reminder_person_id(r), f->p[0]);
        grp_reminder_free(r);
        n++;
    }
    grp_reminder_iterator_free(it);
    assert_int_equal(n, 2);
    grp_assert_rc(grp_reminders_feedback_pending(&it, f->s, &fa, 0, 0), GRP_EINVAL);

    /* Goals due: target in the window, an overdue step, a done step skipped */
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_id goal, step_done;
    spec.owner_id = f->p[0];
    spec.title = "Supervision log up to date";
    spec.group_id = f->group;
    spec.target_date = D(2026, 4, 20);
    spec.visibility = GRP_VISIBLE_FACILITATORS;
    grp_assert_ok(grp_goal_create(&goal, f->s, &p0, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &p0, goal, GRP_GOAL_ACTIVE));
    grp_assert_ok(grp_goal_step_add(NULL, f->s, &p0, goal, "Backfill March", D(2026, 4, 1)));
    grp_assert_ok(grp_goal_step_add(&step_done, f->s, &p0, goal, "Buy a notebook", D(2026, 3, 1)));
    grp_assert_ok(grp_goal_step_set_done(f->s, &p0, step_done, 1));
    grp_assert_ok(grp_reminders_goals_due(&it, f->s, &fa, D(2026, 4, 10), D(2026, 4, 30)));
    grp_assert_ok(grp_reminder_iterator_next(&r, it));
    assert_int_equal(grp_reminder_goal_id(r), goal);
    assert_int_equal(grp_reminder_step_id(r), 0);
    assert_int_equal(grp_date_compare(grp_reminder_due(r), D(2026, 4, 20)), 0);
    assert_false(grp_reminder_overdue(r));
    grp_reminder_free(r);
    grp_assert_ok(grp_reminder_iterator_next(&r, it));
    assert_true(grp_reminder_step_id(r) > 0);
    assert_true(grp_reminder_overdue(r));
    assert_int_equal(grp_reminder_person_id(r), f->p[0]);
    grp_reminder_free(r);
    grp_assert_rc(grp_reminder_iterator_next(&r, it), GRP_ITEROVER);
    grp_reminder_iterator_free(it);
    /* the admin never sees goals */
    grp_assert_ok(grp_reminders_goals_due(&it, f->s, &admin, D(2026, 4, 10), D(2026, 4, 30)));
    grp_assert_rc(grp_reminder_iterator_next(&r, it), GRP_ITEROVER);
    grp_reminder_iterator_free(it);
    grp_assert_rc(grp_reminders_goals_due(&it, f->s, &fa, D(2026, 4, 30), D(2026, 4, 10)), GRP_EINVAL);

    /* Waitlist with a free seat: capacity 3, two members; someone waiting
     * from before (raise to full, queue, then a leaver) */
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[3], D(2026, 4, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[4], D(2026, 4, 2), NULL)); /* waitlisted */
    grp_assert_ok(grp_reminders_waitlist(&it, f->s, D(2026, 4, 2)));
    grp_assert_rc(grp_reminder_iterator_next(&r, it), GRP_ITEROVER); /* full */
    grp_reminder_iterator_free(it);
    grp_group *g;
    grp_group_spec gs;
    grp_assert_ok(grp_group_get(&g, f->s, f->group));
    grp_assert_ok(grp_group_to_spec(&gs, g));
    gs.capacity = 5;
    grp_assert_ok(grp_group_update(f->s, f->group, &gs));
    grp_group_free(g);
    grp_assert_ok(grp_reminders_waitlist(&it, f->s, D(2026, 4, 3)));
    grp_assert_ok(grp_reminder_iterator_next(&r, it));
    assert_int_equal(grp_reminder_group_id(r), f->group);
    assert_int_equal(grp_reminder_free_seats(r), 2);
    assert_int_equal(grp_reminder_waiting(r), 1);
    grp_reminder_free(r);
    grp_reminder_iterator_free(it);

    grp_assert_rc(grp_reminders_sessions(&it, f->s, 10, 5), GRP_EINVAL);
    grp_assert_rc(grp_reminders_sessions(&it, f->s, 0, 400 * 86400), GRP_EINVAL);
    grp_assert_rc(grp_reminders_waitlist(&it, f->s, D(2026, 2, 30)), GRP_EINVAL);
    grp_assert_rc(grp_reminders_under_quorum(NULL, f->s, 0), GRP_EINVAL);
    grp_assert_rc(grp_reminder_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_reminder_iterator_free(NULL);
    grp_reminder_free(NULL);
    assert_int_equal(grp_reminder_person(NULL, 0), 0);
}

static void unregister_self(const grp_event *e, void *payload)
{
    seen *s = payload;
    (void)e;
    s->count++;
    grp_store_set_event_callback(s->store, NULL, NULL);
}

static void test_callback_may_unregister(void **state)
{
    fx *f = *state;
    seen s = {0};
    s.store = f->s;
    grp_assert_ok(grp_store_set_event_callback(f->s, unregister_self, &s));
    grp_assert_ok(grp_store_begin(f->s));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[0], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[1], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_store_commit(f->s));
    assert_int_equal(s.count, 1); /* the second event was not delivered, and nothing crashed */
}

static void test_emit_due_many_steps(void **state)
{
    fx *f = *state;
    grp_actor p0 = grp_actor_person(f->p[0]);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_id goal;
    size_t emitted;
    spec.owner_id = f->p[0];
    spec.title = "A long plan";
    grp_assert_ok(grp_goal_create(&goal, f->s, &p0, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &p0, goal, GRP_GOAL_ACTIVE));
    for (int i = 0; i < 70; i++)
        grp_assert_ok(grp_goal_step_add(NULL, f->s, &p0, goal, "step", D(2026, 1, 1 + i % 28)));
    grp_assert_ok(grp_events_emit_due(&emitted, f->s, D(2026, 6, 1), 0));
    assert_int_equal(emitted, 70);
}

/* NULL arguments of the change-feed readers. */
static void test_feed_misuse(void **state)
{
    (void)state;
    grp_store *s;
    int64_t seq;
    grp_event *e;
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    grp_assert_rc(grp_events_last_seq(NULL, s), GRP_EINVAL);
    grp_assert_rc(grp_events_last_seq(&seq, NULL), GRP_EINVAL);
    grp_assert_rc(grp_event_iterator_next(&e, NULL), GRP_EINVAL);
    grp_assert_rc(grp_event_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_feed_misuse),
        cmocka_unit_test_setup_teardown(test_every_kind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_leaves_no_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_injected_mid_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume_after_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callback_after_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reminder_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callback_may_unregister, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emit_due_many_steps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
