#include "support.h"
#include "conc_workload.h"
#include "rel_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- setup ------------------------------------------------------------------ */

static int setup_person(grp_store *s, grp_id org, grp_id *out, const char *fmt, int a, int b)
{
    char name[64];
    snprintf(name, sizeof name, fmt, a, b);
    *out = rel_person(s, org, name);
    return *out ? 0 : grp_error_last()->code;
}

int conc_setup(conc_plan *p)
{
    grp_store *s = NULL;
    int rc;
    int W = p->workers, N = p->iterations;
    p->d0 = grp_date_make(2026, 1, 5);
    p->soft_capacity = W + 6;
    p->hard_capacity = W * CONC_HARD_TRIES / 2 + 1; /* always less than W * tries */
    p->churn = calloc((size_t)W * (size_t)N, sizeof *p->churn);
    if (!p->churn)
        return GRP_ENOMEM;
    if ((rc = grp_store_open(&s, p->path, NULL)))
        return rc;
    /* One transaction: the setup is not what is measured. */
    if ((rc = grp_store_begin(s)))
        goto done;
    if (!(p->org = rel_org(s, "Concurrency")) ||
        !(p->shared_soft = rel_group(s, p->org, "Shared soft", p->soft_capacity, GRP_CAPACITY_SOFT)) ||
        !(p->shared_hard = rel_group(s, p->org, "Shared hard", p->hard_capacity, GRP_CAPACITY_HARD))) {
        rc = grp_error_last()->code;
        goto done;
    }
    if ((rc = rel_cadence(s, p->shared_soft, "FREQ=DAILY", p->d0, 12, NULL)))
        goto done;
    for (int w = 0; w < W; w++) {
        char name[32];
        snprintf(name, sizeof name, "Own %d", w);
        if (!(p->own_group[w] = rel_group(s, p->org, name, 8, GRP_CAPACITY_HARD))) {
            rc = grp_error_last()->code;
            goto done;
        }
        if ((rc = rel_cadence(s, p->own_group[w], "FREQ=DAILY", p->d0, 10, NULL)))
            goto done;
        for (int k = 0; k < CONC_OWN_PEOPLE; k++)
            if ((rc = setup_person(s, p->org, &p->own_people[w][k], "w%d own %d", w, k)))
                goto done;
        for (int k = 0; k < CONC_HARD_TRIES; k++)
            if ((rc = setup_person(s, p->org, &p->hard_people[w][k], "w%d hard %d", w, k)))
                goto done;
        for (int i = 0; i < N; i++)
            if ((rc = setup_person(s, p->org, &p->churn[w * N + i], "w%d churn %d", w, i)))
                goto done;
        if ((rc = setup_person(s, p->org, &p->standing[w], "w%d standing %d", w, 0)) ||
            (rc = grp_member_join(NULL, s, p->shared_soft, p->standing[w], p->d0, NULL)))
            goto done;
    }
    rc = grp_store_commit(s);
done:
    if (rc && grp_store_transaction_depth(s) > 0)
        grp_store_rollback(s);
    grp_store_close(s);
    if (rc == 0) {
        char err[256];
        p->setup_audit_rows = rel_sqlite_int(p->path, "SELECT count(*) FROM audit", err, sizeof err);
        if (p->setup_audit_rows < 0)
            rc = GRP_ESTORAGE;
    }
    return rc;
}

void conc_plan_dispose(conc_plan *p)
{
    free(p->churn);
    p->churn = NULL;
}

/* ---- the worker ----------------------------------------------------------------- */

typedef struct wctx {
    conc_result *r;
    int64_t t0;
} wctx;

static void call_start(wctx *c)
{
    c->t0 = rel_now_us();
}

/* Record the end of a call; 0 if rc is one of the accepted codes. */
static int call_end(wctx *c, int rc, int accept_also, const char *what, int w, int i)
{
    int64_t us = rel_now_us() - c->t0;
    c->r->calls++;
    if (us > c->r->max_call_us)
        c->r->max_call_us = us;
    if (rc == 0 || (accept_also && rc == accept_also))
        return 0;
    c->r->failures++;
    if (rc == GRP_EBUSY)
        c->r->busy++;
    if (c->r->failures == 1)
        snprintf(c->r->first_error, sizeof c->r->first_error, "worker %d iteration %d: %s returned %s after %lld ms: %s",
                 w, i, what, grp_error_name(rc), (long long)(us / 1000), grp_error_last()->message);
    return -1;
}

static void fail_logic(conc_result *r, const char *text, int w, int i)
{
    r->failures++;
    if (r->failures == 1)
        snprintf(r->first_error, sizeof r->first_error, "worker %d iteration %d: %s", w, i, text);
}

#define CALL(expr, what) \
    do { \
        call_start(&c); \
        if (call_end(&c, (expr), 0, (what), w, i)) \
            goto out; \
    } while (0)

void conc_worker(const conc_plan *p, int w, conc_result *r, void (*ready)(void *), void *arg)
{
    grp_store *s = NULL;
    wctx c = {r, 0};
    int i = -1;
    int64_t start;
    memset(r, 0, sizeof *r);
    call_start(&c);
    int rc = grp_store_open(&s, p->path, NULL);
    if (call_end(&c, rc, 0, "grp_store_open", w, i)) {
        if (ready)
            ready(arg); /* never leave the others waiting at the barrier */
        return;
    }
    if (ready)
        ready(arg);
    start = rel_now_us();
    for (i = 0; i < p->iterations; i++) {
        grp_id pid = p->own_people[w][i % CONC_OWN_PEOPLE];
        grp_id g = p->own_group[w];
        grp_date join_day = rel_day(p->d0, 2 * i), leave_day = rel_day(p->d0, 2 * i + 1);
        grp_membership *m = NULL;
        grp_id sid = 0;
        size_t promoted = 0;
        int batch = i % 4 == 3;

        if (batch)
            CALL(grp_store_begin(s), "grp_store_begin");
        CALL(grp_member_join(&m, s, g, pid, join_day, NULL), "grp_member_join (own group)");
        if (grp_membership_state_of(m) != GRP_MSTATE_ACTIVE || grp_membership_warnings(m) != 0) {
            grp_membership_free(m);
            fail_logic(r, "own join not active, or with a warning", w, i);
            goto out;
        }
        grp_membership_free(m);
        CALL(grp_session_ensure(&sid, s, g, rel_dt(join_day, 10, 0)), "grp_session_ensure (own group)");
        CALL(grp_attendance_record(s, sid, pid, GRP_ATTEND_PRESENT, -1, 0), "grp_attendance_record (own group)");
        CALL(grp_member_leave(&promoted, s, g, pid, leave_day, NULL), "grp_member_leave (own group)");
        if (batch)
            CALL(grp_store_commit(s), "grp_store_commit");
        if (i % 5 == 0) {
            grp_id cid = 0;
            CALL(grp_session_ensure(&cid, s, g, rel_dt(leave_day, 10, 0)), "grp_session_ensure (to cancel)");
            CALL(grp_session_cancel(s, cid, NULL), "grp_session_cancel");
        }

        /* The shared groups: every worker touches the same rows. */
        grp_date day = rel_day(p->d0, i);
        grp_id ssid = 0;
        CALL(grp_session_ensure(&ssid, s, p->shared_soft, rel_dt(day, 12, 0)), "grp_session_ensure (shared)");
        CALL(grp_attendance_record(s, ssid, p->standing[w], (i % 2) ? GRP_ATTEND_LATE : GRP_ATTEND_PRESENT,
                                   (i % 2) ? 30 : -1, 0),
             "grp_attendance_record (shared)");
        CALL(grp_member_join(&m, s, p->shared_soft, p->churn[w * p->iterations + i], day, NULL),
             "grp_member_join (shared soft)");
        if (grp_membership_state_of(m) != GRP_MSTATE_ACTIVE) {
            grp_membership_free(m);
            fail_logic(r, "shared soft join not active", w, i);
            goto out;
        }
        if (grp_membership_warnings(m) & GRP_WARN_OVER_CAPACITY)
            r->soft_warnings++;
        grp_membership_free(m);
        if (i < CONC_HARD_TRIES) {
            call_start(&c);
            rc = grp_member_join(NULL, s, p->shared_hard, p->hard_people[w][i], p->d0, NULL);
            if (call_end(&c, rc, GRP_ERULE_FULL, "grp_member_join (shared hard)", w, i))
                goto out;
            if (rc == 0)
                r->hard_joined++;
            else
                r->hard_full++;
        }
    }
out:
    r->elapsed_us = rel_now_us() - start;
    if (grp_store_transaction_depth(s) > 0)
        grp_store_rollback(s);
    grp_store_close(s);
}

/* ---- checking --------------------------------------------------------------------- */

static int64_t sql_count(const char *path, const char *sql)
{
    char err[400];
    int64_t v = rel_sqlite_int(path, sql, err, sizeof err);
    if (v == INT64_MIN)
        fail_msg("sqlite3: %s", err);
    return v;
}

#define EXPECT_EQ(what, got, want) \
    do { \
        long long g_ = (long long)(got), w_ = (long long)(want); \
        if (g_ != w_) \
            fail_msg("%s: %s is %lld, expected %lld", label, (what), g_, w_); \
    } while (0)

typedef struct stint_counts {
    long total, active, left;
} stint_counts;

static stint_counts api_stints(grp_store *s, grp_id group)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    stint_counts c = {0, 0, 0};
    q.group_id = group;
    grp_assert_ok(grp_membership_iterator_new(&it, s, &q));
    while (grp_membership_iterator_next(&m, it) == 0) {
        c.total++;
        c.active += grp_membership_state_of(m) == GRP_MSTATE_ACTIVE;
        c.left += grp_membership_state_of(m) == GRP_MSTATE_LEFT;
        grp_membership_free(m);
    }
    grp_membership_iterator_free(it);
    return c;
}

typedef struct session_counts {
    long stored, held, cancelled, attendance;
} session_counts;

static session_counts api_sessions(grp_store *s, grp_id group, grp_date from, int days)
{
    grp_session_iterator *it;
    grp_session *x;
    grp_time t0, t1;
    grp_datetime a = rel_dt(from, 0, 0), b = rel_dt(rel_day(from, days), 0, 0);
    session_counts c = {0, 0, 0, 0};
    grp_assert_ok(grp_time_from_utc(&t0, a));
    grp_assert_ok(grp_time_from_utc(&t1, b));
    grp_assert_ok(grp_session_iterator_new(&it, s, group, t0, t1));
    while (grp_session_iterator_next(&x, it) == 0) {
        grp_id id = grp_session_id(x);
        if (id) {
            grp_attendance_iterator *ait;
            grp_attendance *att;
            c.stored++;
            c.held += grp_session_status_of(x) == GRP_SESSION_HELD;
            c.cancelled += grp_session_status_of(x) == GRP_SESSION_CANCELLED;
            grp_assert_ok(grp_attendance_iterator_new(&ait, s, id));
            while (grp_attendance_iterator_next(&att, ait) == 0) {
                c.attendance++;
                grp_attendance_free(att);
            }
            grp_attendance_iterator_free(ait);
        }
        grp_session_free(x);
    }
    grp_session_iterator_free(it);
    return c;
}

void conc_verify(const conc_plan *p, const conc_result *results, const char *label)
{
    const long W = p->workers, N = p->iterations;
    const long cancelled_per_worker = (N + 4) / 5;
    long warnings = 0, hard_joined = 0, hard_full = 0;
    char detail[512];

    for (int w = 0; w < W; w++) {
        const conc_result *r = &results[w];
        if (r->failures)
            fail_msg("%s: %d failed call(s), %d of them GRP_EBUSY; first: %s", label, r->failures, r->busy,
                     r->first_error);
        warnings += r->soft_warnings;
        hard_joined += r->hard_joined;
        hard_full += r->hard_full;
    }
    /* The capacity rules were decided on serialised, up-to-date counts. */
    EXPECT_EQ("joins to the hard group admitted", hard_joined, p->hard_capacity);
    EXPECT_EQ("joins to the hard group refused as full", hard_full, W * CONC_HARD_TRIES - p->hard_capacity);
    EXPECT_EQ("over-capacity warnings on the soft group", warnings, W * N - (p->soft_capacity - W));

    const char *problem = rel_sqlite_check(p->path, detail, sizeof detail);
    if (problem)
        fail_msg("%s: %s: %s", label, problem, detail);

    /* ---- through the libgrp API ---- */
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, p->path, NULL));
    for (int w = 0; w < W; w++) {
        stint_counts sc = api_stints(s, p->own_group[w]);
        EXPECT_EQ("stints in an own group", sc.total, N);
        EXPECT_EQ("ended stints in an own group", sc.left, N);
        session_counts xc = api_sessions(s, p->own_group[w], p->d0, (int)(2 * N + 2));
        EXPECT_EQ("stored sessions of an own group", xc.stored, N + cancelled_per_worker);
        EXPECT_EQ("held sessions of an own group", xc.held, N);
        EXPECT_EQ("cancelled sessions of an own group", xc.cancelled, cancelled_per_worker);
        EXPECT_EQ("attendance records in an own group", xc.attendance, N);
    }
    stint_counts soft = api_stints(s, p->shared_soft);
    EXPECT_EQ("stints in the shared soft group", soft.total, W + W * N);
    EXPECT_EQ("active stints in the shared soft group", soft.active, W + W * N);
    stint_counts hard = api_stints(s, p->shared_hard);
    EXPECT_EQ("stints in the shared hard group", hard.total, p->hard_capacity);
    EXPECT_EQ("active stints in the shared hard group", hard.active, p->hard_capacity);
    session_counts shared = api_sessions(s, p->shared_soft, p->d0, (int)N + 1);
    EXPECT_EQ("stored shared sessions (one per occurrence)", shared.stored, N);
    EXPECT_EQ("held shared sessions", shared.held, N);
    EXPECT_EQ("attendance records at shared sessions", shared.attendance, W * N);

    /* Events by kind, through the API. */
    long kinds[GRP_EVENT_THEME_RAISED + 1] = {0};
    long total_events = 0;
    int64_t last_seq = 0, prev = 0;
    grp_actor sys = grp_actor_system();
    grp_event_iterator *eit;
    grp_event *ev;
    grp_assert_ok(grp_events_since(&eit, s, &sys, 0, 0));
    while (grp_event_iterator_next(&ev, eit) == 0) {
        int k = (int)grp_event_kind_of(ev);
        if (k >= 1 && k <= GRP_EVENT_THEME_RAISED)
            kinds[k]++;
        total_events++;
        if (grp_event_seq(ev) <= prev)
            fail_msg("%s: event sequence numbers not increasing (%lld after %lld)", label,
                     (long long)grp_event_seq(ev), (long long)prev);
        prev = grp_event_seq(ev);
        grp_event_free(ev);
    }
    grp_event_iterator_free(eit);
    grp_assert_ok(grp_events_last_seq(&last_seq, s));
    grp_store_close(s);

    const long joined = W /* setup: standing members */ + W * N /* own */ + W * N /* soft */ + p->hard_capacity;
    const long left = W * N;
    const long cadences = W + 1;
    const long cancelled = W * cancelled_per_worker;
    const long attendance = 2 * W * N;
    const long feedback = W * N + N; /* once per held session, however many recorded it at once */
    EXPECT_EQ("member_joined events", kinds[GRP_EVENT_MEMBER_JOINED], joined);
    EXPECT_EQ("member_left events", kinds[GRP_EVENT_MEMBER_LEFT], left);
    EXPECT_EQ("cadence_changed events", kinds[GRP_EVENT_CADENCE_CHANGED], cadences);
    EXPECT_EQ("session_cancelled events", kinds[GRP_EVENT_SESSION_CANCELLED], cancelled);
    EXPECT_EQ("attendance_recorded events", kinds[GRP_EVENT_ATTENDANCE_RECORDED], attendance);
    EXPECT_EQ("feedback_requested events", kinds[GRP_EVENT_FEEDBACK_REQUESTED], feedback);
    const long expected_events = joined + left + cadences + cancelled + attendance + feedback;
    EXPECT_EQ("events in all", total_events, expected_events);
    EXPECT_EQ("last event sequence number (no gaps)", last_seq, expected_events);

    /* ---- the same figures straight from SQLite ---- */
    const char *path = p->path;
    EXPECT_EQ("membership rows", sql_count(path, "SELECT count(*) FROM membership"),
              W * N + W + W * N + p->hard_capacity);
    EXPECT_EQ("stored sessions", sql_count(path, "SELECT count(*) FROM session"),
              W * (N + cancelled_per_worker) + N);
    EXPECT_EQ("distinct shared occurrences",
              sql_count(path, "SELECT count(DISTINCT occurrence) FROM session WHERE group_id = "
                              "(SELECT id FROM grp_group WHERE name = 'Shared soft')"),
              N);
    EXPECT_EQ("attendance rows", sql_count(path, "SELECT count(*) FROM attendance"), 2 * W * N);
    EXPECT_EQ("hours entries", sql_count(path, "SELECT count(*) FROM hours_entry"), 2 * W * N);
    EXPECT_EQ("event rows", sql_count(path, "SELECT count(*) FROM event"), expected_events);
    EXPECT_EQ("attendance_recorded event rows", sql_count(path, "SELECT count(*) FROM event WHERE kind = 12"),
              attendance);
    EXPECT_EQ("feedback_requested event rows", sql_count(path, "SELECT count(*) FROM event WHERE kind = 13"),
              feedback);
    /* Every change wrote its audit row: one per join, leave, stored
     * session, cancellation and attendance record. */
    const long audit = p->setup_audit_rows + W * N * 4 /* own: join, store, attend, leave */ +
                       W * cancelled_per_worker * 2 + N /* shared sessions stored once */ + W * N /* shared attend */ +
                       W * N /* soft joins */ + p->hard_capacity;
    EXPECT_EQ("audit rows", sql_count(path, "SELECT count(*) FROM audit"), audit);
    EXPECT_EQ("membership rows without their join audit row",
              sql_count(path, "SELECT count(*) FROM membership m WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE "
                              "a.action = 'member.join' AND a.entity_id = m.id)"),
              0);
    EXPECT_EQ("membership rows without their join event",
              sql_count(path, "SELECT count(*) FROM membership m WHERE NOT EXISTS (SELECT 1 FROM event e WHERE "
                              "e.kind = 2 AND e.entity_id = m.id)"),
              0);
}

void conc_report(const conc_plan *p, const conc_result *results, const char *what, int64_t wall_us)
{
    long calls = 0;
    int64_t max_us = 0;
    for (int w = 0; w < p->workers; w++) {
        calls += results[w].calls;
        if (results[w].max_call_us > max_us)
            max_us = results[w].max_call_us;
    }
    printf("%s: %d workers x %d iterations: %ld write calls in %.2f s (%.0f calls/s), longest call %.1f ms "
           "(busy timeout 5000 ms)\n",
           what, p->workers, p->iterations, calls, (double)wall_us / 1e6,
           wall_us > 0 ? (double)calls * 1e6 / (double)wall_us : 0.0, (double)max_us / 1000.0);
    fflush(stdout);
}
