/* bench/support/calls.c: see calls.h. */
#include "calls.h"
#include "child.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#define CALL_GROUPS 125 /* groups of 8 joined and recorded per measurement: 1,000 calls */
#define SEATS 8
#define READS 20000
#define ROUNDS 5 /* libgrp and its anchor alternate, the fastest round of each counts */

const char *const bench_call_names[BENCH_CALL_COUNT] = {"join a group", "record attendance",
                                                        "correct attendance", "read a group"};

void bench_calls_new_groups(grp_id *out, int n, grp_store *s, grp_id org, const char *prefix)
{
    for (int i = 0; i < n; i++) {
        grp_group_spec gs = GRP_GROUP_SPEC_INIT;
        grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
        grp_group *g;
        char name[64];
        snprintf(name, sizeof name, "%s %d", prefix, i + 1);
        gs.org_id = org;
        gs.name = name;
        gs.status = GRP_STATUS_ACTIVE;
        gs.location = "Room 2";
        gs.timezone = "Europe/London";
        BENCH_CHECK(grp_group_create(&g, s, &gs));
        out[i] = grp_group_id(g);
        grp_group_free(g);
        cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
        cs.first_date = grp_date_make(2026, 1, 5);
        cs.start_hour = 9;
        BENCH_CHECK(grp_cadence_set(NULL, s, out[i], &cs));
    }
}

/* The statements of the anchors, on their own connection. */
struct bench_anchor {
    sqlite3 *db;
    sqlite3_stmt *ms, *au, *ev, *att, *held, *hours, *gload, *groles, *absent, *unhours;
};
typedef bench_anchor anchor;

/* Bind n integers to ?1..?n of st, run it, reset it. */
static void raw_step(const anchor *a, sqlite3_stmt *st, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    for (int k = 1; k <= n; k++)
        sqlite3_bind_int64(st, k, va_arg(ap, sqlite3_int64));
    va_end(ap);
    BENCH_SQL_OK(a->db, sqlite3_step(st) == SQLITE_DONE);
    sqlite3_reset(st);
}

/* The audit row and the change-feed row every write adds (person 0: none). */
static void raw_audit(const anchor *a, sqlite3_int64 at, const char *action, const char *type, grp_id id)
{
    sqlite3_bind_int64(a->au, 1, at);
    sqlite3_bind_text(a->au, 2, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->au, 3, type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(a->au, 4, id);
    BENCH_SQL_OK(a->db, sqlite3_step(a->au) == SQLITE_DONE);
    sqlite3_reset(a->au);
}

static void raw_event(const anchor *a, sqlite3_int64 at, int kind, grp_id group, grp_id person, grp_id entity)
{
    sqlite3_bind_int64(a->ev, 1, at);
    sqlite3_bind_int(a->ev, 2, kind);
    sqlite3_bind_int64(a->ev, 3, group);
    if (person)
        sqlite3_bind_int64(a->ev, 4, person);
    else
        sqlite3_bind_null(a->ev, 4);
    sqlite3_bind_int64(a->ev, 5, entity);
    BENCH_SQL_OK(a->db, sqlite3_step(a->ev) == SQLITE_DONE);
    sqlite3_reset(a->ev);
}

/* What the calls work on: call i of a measurement is seat i % 8 of new
 * group i / 8 (reads: a group spread over the whole store). */
typedef struct calls {
    grp_store *s;
    const anchor *a;
    const grp_id *ga, *gb, *sa, *sb; /* groups and sessions: libgrp's, the anchor's */
    const grp_id *pool;
    size_t npool;
    long groups;
} calls;

#define PERSON(c, i) ((c)->pool[(size_t)(i) % (c)->npool])
#define GROUP_OF(c, i) (1 + ((i) * 7919) % (c)->groups)

/* One function a call, not inlined, so that a profiler (valgrind
 * --tool=callgrind) shows each call's cost beside its anchor's. */
#define BENCH_CALL __attribute__((noinline))

static BENCH_CALL void lib_join(void *ctx, long i)
{
    const calls *c = ctx;
    BENCH_CHECK(grp_member_join(NULL, c->s, c->ga[i / SEATS], PERSON(c, i), grp_date_make(2026, 1, 1), NULL));
}

/* join: the stint, its audit row and its event, in one transaction */
static BENCH_CALL void raw_join(void *ctx, long i)
{
    const calls *c = ctx;
    const anchor *a = c->a;
    grp_id group = c->gb[i / SEATS], person = PERSON(c, i);
    sqlite3 *db = a->db;
    sqlite3_int64 at = (sqlite3_int64)time(NULL), id;
    BENCH_SQL_OK(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    raw_step(a, a->ms, 2, (sqlite3_int64)group, (sqlite3_int64)person);
    id = sqlite3_last_insert_rowid(db);
    raw_audit(a, at, "member.join", "membership", id);
    raw_event(a, at, GRP_EVENT_MEMBER_JOINED, group, person, id);
    BENCH_SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
}

/* Record seat i present (a first recording) or, correcting it, absent. */
static void lib_attendance(void *ctx, long i, grp_attendance_status status)
{
    const calls *c = ctx;
    BENCH_CHECK(grp_attendance_record(c->s, c->sa[i / SEATS], PERSON(c, i), status, -1, 0));
}

/* The anchor of either, in one transaction: the attendance row; present:
 * the session marked held (and its feedback event) the first time and the
 * hours entry inserted; absent: the hours entry deleted; then the audit
 * row and the event. */
void bench_anchor_attendance(const bench_anchor *a, grp_id group, grp_id session, grp_id person, int present)
{
    sqlite3 *db = a->db;
    sqlite3_int64 at = (sqlite3_int64)time(NULL);
    BENCH_SQL_OK(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    raw_step(a, present ? a->att : a->absent, 3, (sqlite3_int64)session, (sqlite3_int64)person, at);
    if (present) {
        raw_step(a, a->held, 1, (sqlite3_int64)session);
        if (sqlite3_changes(db))
            raw_event(a, at, GRP_EVENT_FEEDBACK_REQUESTED, group, 0, session);
        raw_step(a, a->hours, 3, (sqlite3_int64)person, (sqlite3_int64)group, (sqlite3_int64)session);
    } else
        raw_step(a, a->unhours, 2, (sqlite3_int64)session, (sqlite3_int64)person);
    raw_audit(a, at, "attendance.record", "session", session);
    raw_event(a, at, GRP_EVENT_ATTENDANCE_RECORDED, group, person, session);
    BENCH_SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
}

static void raw_attendance(void *ctx, long i, int present)
{
    const calls *c = ctx;
    bench_anchor_attendance(c->a, c->gb[i / SEATS], c->sb[i / SEATS], PERSON(c, i), present);
}

static BENCH_CALL void lib_record(void *ctx, long i) { lib_attendance(ctx, i, GRP_ATTEND_PRESENT); }
static BENCH_CALL void raw_record(void *ctx, long i) { raw_attendance(ctx, i, 1); }
static BENCH_CALL void lib_correct(void *ctx, long i) { lib_attendance(ctx, i, GRP_ATTEND_ABSENT); }
static BENCH_CALL void raw_correct(void *ctx, long i) { raw_attendance(ctx, i, 0); }

static BENCH_CALL void lib_read(void *ctx, long i)
{
    const calls *c = ctx;
    grp_group *g;
    BENCH_CHECK(grp_group_get(&g, c->s, GROUP_OF(c, i)));
    grp_group_free(g);
}

/* read a group: its row and its eligible roles, text copied out */
static BENCH_CALL void raw_read(void *ctx, long i)
{
    const calls *c = ctx;
    const anchor *a = c->a;
    grp_id id = GROUP_OF(c, i);
    char *text[8];
    int nt = 0;
    sqlite3_bind_int64(a->gload, 1, id);
    BENCH_SQL_OK(a->db, sqlite3_step(a->gload) == SQLITE_ROW);
    for (int col = 0; col < 16; col++)
        if (sqlite3_column_type(a->gload, col) == SQLITE_TEXT)
            text[nt++] = strdup((const char *)sqlite3_column_text(a->gload, col));
    sqlite3_reset(a->gload);
    sqlite3_bind_int64(a->groles, 1, id);
    while (sqlite3_step(a->groles) == SQLITE_ROW && nt < 8)
        text[nt++] = strdup((const char *)sqlite3_column_text(a->groles, 0));
    sqlite3_reset(a->groles);
    while (nt > 0)
        free(text[--nt]);
}

bench_anchor *bench_anchor_open(const char *path)
{
    bench_anchor *a = malloc(sizeof *a);
    sqlite3 *db;
    if (!a)
        exit(1);
    sqlite3_stmt *ms, *au, *ev, *att, *held, *hours, *gload, *groles, *absent, *unhours;
    BENCH_SQL_OK(db, sqlite3_open(path, &db) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON",
                            NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO membership (group_id, person_id, role, state, requested_on, began, "
                                      "ended, reason) VALUES (?1, ?2, 0, 2, '2026-01-01', '2026-01-01', NULL, NULL)", -1, &ms, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO audit (at, actor_kind, actor_person, action, entity_type, entity_id) "
                                      "VALUES (?1, 0, NULL, ?2, ?3, ?4)", -1, &au, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO event (at, kind, group_id, person_id, entity_id) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ev, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO attendance (session_id, person_id, status, minutes, recorded_by, "
                                      "recorded_at) VALUES (?1, ?2, 1, 90, NULL, ?3) ON CONFLICT (session_id, person_id) "
                                      "DO UPDATE SET status = excluded.status, minutes = excluded.minutes, "
                                      "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                                  -1, &att, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "UPDATE session SET status = 3 WHERE id = ?1 AND status = 0", -1, &held, NULL) ==
                   SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO hours_entry (person_id, group_id, session_id, entry_date, kind, "
                                      "minutes, credited, signed_by, signed_on, corrects, note) "
                                      "VALUES (?1, ?2, ?3, '2026-01-05', 1, 90, 90, NULL, NULL, NULL, NULL)",
                                  -1, &hours, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "SELECT id, org_id, name, kind, status, capacity, capacity_policy, quorum, "
                                      "membership_policy, allow_other_orgs, delivery, location, meeting_link, timezone, "
                                      "session_minutes, archived FROM grp_group WHERE id = ?1", -1, &gload, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "SELECT role FROM group_role WHERE group_id = ?1 ORDER BY position", -1, &groles,
                                  NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO attendance (session_id, person_id, status, minutes, recorded_by, "
                                      "recorded_at) VALUES (?1, ?2, 4, 0, NULL, ?3) ON CONFLICT (session_id, person_id) "
                                      "DO UPDATE SET status = excluded.status, minutes = excluded.minutes, "
                                      "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                                  -1, &absent, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "DELETE FROM hours_entry WHERE session_id = ?1 AND person_id = ?2 "
                                      "AND corrects IS NULL", -1, &unhours, NULL) == SQLITE_OK);
    *a = (anchor){db, ms, au, ev, att, held, hours, gload, groles, absent, unhours};
    return a;
}

void bench_anchor_close(bench_anchor *a)
{
    sqlite3_finalize(a->ms);
    sqlite3_finalize(a->au);
    sqlite3_finalize(a->ev);
    sqlite3_finalize(a->att);
    sqlite3_finalize(a->held);
    sqlite3_finalize(a->hours);
    sqlite3_finalize(a->gload);
    sqlite3_finalize(a->groles);
    sqlite3_finalize(a->absent);
    sqlite3_finalize(a->unhours);
    sqlite3_close(a->db);
    free(a);
}

void bench_calls_measure(bench_figure f[BENCH_CALL_COUNT], const char *path, grp_id org, long groups)
{
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    grp_store *s;
    grp_person_iterator *pit;
    grp_person *p;
    grp_id pool[200], ga[CALL_GROUPS], gb[CALL_GROUPS], sa[CALL_GROUPS], sb[CALL_GROUPS];
    size_t npool = 0;
    grp_datetime occ = {2026, 1, 5, 9, 0, 0};

    o.durability = GRP_DURABILITY_NORMAL;
    BENCH_CHECK(grp_store_open(&s, path, &o));
    BENCH_CHECK(grp_person_iterator_new(&pit, s, org, 0));
    while (npool < sizeof pool / sizeof pool[0] && grp_person_iterator_next(&p, pit) == GRP_OK) {
        pool[npool++] = grp_person_id(p);
        grp_person_free(p);
    }
    grp_person_iterator_free(pit);
    if (npool < SEATS) {
        fprintf(stderr, "bench_scale: the sample organisation has too few people\n");
        exit(1);
    }
    bench_calls_new_groups(ga, CALL_GROUPS, s, org, "Bench libgrp");
    bench_calls_new_groups(gb, CALL_GROUPS, s, org, "Bench anchor");

    bench_anchor *a = bench_anchor_open(path);

    calls c = {s, a, ga, gb, sa, sb, pool, npool, groups};
    long n = CALL_GROUPS * SEATS;
    bench_alternate(&f[BENCH_CALL_JOIN].grp, &f[BENCH_CALL_JOIN].raw, lib_join, raw_join, &c, n, ROUNDS);
    /* record attendance: the first session of each new group, every seat */
    for (int g = 0; g < CALL_GROUPS; g++) {
        BENCH_CHECK(grp_session_ensure(&sa[g], s, ga[g], occ));
        BENCH_CHECK(grp_session_ensure(&sb[g], s, gb[g], occ));
    }
    bench_alternate(&f[BENCH_CALL_RECORD].grp, &f[BENCH_CALL_RECORD].raw, lib_record, raw_record, &c, n, ROUNDS);
    /* correct it: present to absent */
    bench_alternate(&f[BENCH_CALL_CORRECT].grp, &f[BENCH_CALL_CORRECT].raw, lib_correct, raw_correct, &c, n, ROUNDS);
    /* read a group, spread over every group of the store */
    bench_alternate(&f[BENCH_CALL_READ].grp, &f[BENCH_CALL_READ].raw, lib_read, raw_read, &c, READS, ROUNDS);

    bench_anchor_close(a);
    grp_store_close(s);
}

