/* bench/support/calls.c: see calls.h. */
#include "calls.h"
#include "child.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call)                                                                                         \
    do {                                                                                                    \
        int rc_ = (call);                                                                                   \
        if (rc_ < 0) {                                                                                      \
            fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, grp_error_name(rc_),                      \
                    grp_error_last()->message);                                                             \
            exit(1);                                                                                        \
        }                                                                                                   \
    } while (0)
#define SQL_OK(db, cond)                                                                     \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "%s:%d sqlite: %s\n", __FILE__, __LINE__, sqlite3_errmsg(db));   \
            exit(1);                                                                         \
        }                                                                                    \
    } while (0)

#define CALL_GROUPS 125 /* groups of 8 joined and recorded per measurement: 1,000 calls */
#define SEATS 8
#define READS 20000
#define ROUNDS 5 /* libgrp and its anchor alternate, the fastest round of each counts */

const char *const bench_call_names[BENCH_CALL_COUNT] = {"join a group", "record attendance",
                                                        "correct attendance", "read a group"};

/* CALL_GROUPS new groups of SEATS seats in the sample organisation, each
 * with a weekly cadence from 2026-01-05. */
static void new_groups(grp_id *out, grp_store *s, grp_id org, const char *prefix)
{
    for (int i = 0; i < CALL_GROUPS; i++) {
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
        CHECK(grp_group_create(&g, s, &gs));
        out[i] = grp_group_id(g);
        grp_group_free(g);
        cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
        cs.first_date = grp_date_make(2026, 1, 5);
        cs.start_hour = 9;
        CHECK(grp_cadence_set(NULL, s, out[i], &cs));
    }
}

/* The statements of the anchors, on their own connection. */
typedef struct anchor {
    sqlite3 *db;
    sqlite3_stmt *ms, *au, *ev, *att, *held, *hours, *gload, *groles, *absent, *unhours;
} anchor;

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
    CHECK(grp_member_join(NULL, c->s, c->ga[i / SEATS], PERSON(c, i), grp_date_make(2026, 1, 1), NULL));
}

/* join: the stint, its audit row and its event, in one transaction */
static BENCH_CALL void raw_join(void *ctx, long i)
{
    const calls *c = ctx;
    const anchor *a = c->a;
    grp_id group = c->gb[i / SEATS], person = PERSON(c, i);
    sqlite3 *db = a->db;
    sqlite3_int64 at = (sqlite3_int64)time(NULL), id;
    SQL_OK(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_bind_int64(a->ms, 1, group);
    sqlite3_bind_int64(a->ms, 2, person);
    sqlite3_bind_text(a->ms, 3, "2026-01-01", -1, SQLITE_STATIC);
    SQL_OK(db, sqlite3_step(a->ms) == SQLITE_DONE);
    sqlite3_reset(a->ms);
    id = sqlite3_last_insert_rowid(db);
    sqlite3_bind_int64(a->au, 1, at);
    sqlite3_bind_text(a->au, 2, "member.join", -1, SQLITE_STATIC);
    sqlite3_bind_text(a->au, 3, "membership", -1, SQLITE_STATIC);
    sqlite3_bind_int64(a->au, 4, id);
    SQL_OK(db, sqlite3_step(a->au) == SQLITE_DONE);
    sqlite3_reset(a->au);
    sqlite3_bind_int64(a->ev, 1, at);
    sqlite3_bind_int(a->ev, 2, GRP_EVENT_MEMBER_JOINED);
    sqlite3_bind_int64(a->ev, 3, group);
    sqlite3_bind_int64(a->ev, 4, person);
    sqlite3_bind_int64(a->ev, 5, id);
    SQL_OK(db, sqlite3_step(a->ev) == SQLITE_DONE);
    sqlite3_reset(a->ev);
    SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
}

static BENCH_CALL void lib_record(void *ctx, long i)
{
    const calls *c = ctx;
    CHECK(grp_attendance_record(c->s, c->sa[i / SEATS], PERSON(c, i), GRP_ATTEND_PRESENT, -1, 0));
}

/* record attendance: the attendance row, the session marked held (and its
 * feedback event) the first time, the hours entry, audit and event, in
 * one transaction */
static BENCH_CALL void raw_record(void *ctx, long i)
{
    const calls *c = ctx;
    const anchor *a = c->a;
    grp_id group = c->gb[i / SEATS], session = c->sb[i / SEATS], person = PERSON(c, i);
    sqlite3 *db = a->db;
    sqlite3_int64 at = (sqlite3_int64)time(NULL);
    SQL_OK(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_bind_int64(a->att, 1, session);
    sqlite3_bind_int64(a->att, 2, person);
    sqlite3_bind_int64(a->att, 3, at);
    SQL_OK(db, sqlite3_step(a->att) == SQLITE_DONE);
    sqlite3_reset(a->att);
    sqlite3_bind_int64(a->held, 1, session);
    SQL_OK(db, sqlite3_step(a->held) == SQLITE_DONE);
    sqlite3_reset(a->held);
    if (sqlite3_changes(db)) {
        sqlite3_bind_int64(a->ev, 1, at);
        sqlite3_bind_int(a->ev, 2, GRP_EVENT_FEEDBACK_REQUESTED);
        sqlite3_bind_int64(a->ev, 3, group);
        sqlite3_bind_null(a->ev, 4);
        sqlite3_bind_int64(a->ev, 5, session);
        SQL_OK(db, sqlite3_step(a->ev) == SQLITE_DONE);
        sqlite3_reset(a->ev);
    }
    sqlite3_bind_int64(a->hours, 1, person);
    sqlite3_bind_int64(a->hours, 2, group);
    sqlite3_bind_int64(a->hours, 3, session);
    SQL_OK(db, sqlite3_step(a->hours) == SQLITE_DONE);
    sqlite3_reset(a->hours);
    sqlite3_bind_int64(a->au, 1, at);
    sqlite3_bind_text(a->au, 2, "attendance.record", -1, SQLITE_STATIC);
    sqlite3_bind_text(a->au, 3, "session", -1, SQLITE_STATIC);
    sqlite3_bind_int64(a->au, 4, session);
    SQL_OK(db, sqlite3_step(a->au) == SQLITE_DONE);
    sqlite3_reset(a->au);
    sqlite3_bind_int64(a->ev, 1, at);
    sqlite3_bind_int(a->ev, 2, GRP_EVENT_ATTENDANCE_RECORDED);
    sqlite3_bind_int64(a->ev, 3, group);
    sqlite3_bind_int64(a->ev, 4, person);
    sqlite3_bind_int64(a->ev, 5, session);
    SQL_OK(db, sqlite3_step(a->ev) == SQLITE_DONE);
    sqlite3_reset(a->ev);
    SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
}

static BENCH_CALL void lib_correct(void *ctx, long i)
{
    const calls *c = ctx;
    CHECK(grp_attendance_record(c->s, c->sa[i / SEATS], PERSON(c, i), GRP_ATTEND_ABSENT, -1, 0));
}

/* correct attendance to absent: the attendance row, the hours entry
 * deleted, audit and event, in one transaction */
static BENCH_CALL void raw_correct(void *ctx, long i)
{
    const calls *c = ctx;
    const anchor *a = c->a;
    grp_id group = c->gb[i / SEATS], session = c->sb[i / SEATS], person = PERSON(c, i);
    sqlite3 *db = a->db;
    sqlite3_int64 at = (sqlite3_int64)time(NULL);
    SQL_OK(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_bind_int64(a->absent, 1, session);
    sqlite3_bind_int64(a->absent, 2, person);
    sqlite3_bind_int64(a->absent, 3, at);
    SQL_OK(db, sqlite3_step(a->absent) == SQLITE_DONE);
    sqlite3_reset(a->absent);
    sqlite3_bind_int64(a->unhours, 1, session);
    sqlite3_bind_int64(a->unhours, 2, person);
    SQL_OK(db, sqlite3_step(a->unhours) == SQLITE_DONE);
    sqlite3_reset(a->unhours);
    sqlite3_bind_int64(a->au, 1, at);
    sqlite3_bind_text(a->au, 2, "attendance.record", -1, SQLITE_STATIC);
    sqlite3_bind_text(a->au, 3, "session", -1, SQLITE_STATIC);
    sqlite3_bind_int64(a->au, 4, session);
    SQL_OK(db, sqlite3_step(a->au) == SQLITE_DONE);
    sqlite3_reset(a->au);
    sqlite3_bind_int64(a->ev, 1, at);
    sqlite3_bind_int(a->ev, 2, GRP_EVENT_ATTENDANCE_RECORDED);
    sqlite3_bind_int64(a->ev, 3, group);
    sqlite3_bind_int64(a->ev, 4, person);
    sqlite3_bind_int64(a->ev, 5, session);
    SQL_OK(db, sqlite3_step(a->ev) == SQLITE_DONE);
    sqlite3_reset(a->ev);
    SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
}

static BENCH_CALL void lib_read(void *ctx, long i)
{
    const calls *c = ctx;
    grp_group *g;
    CHECK(grp_group_get(&g, c->s, GROUP_OF(c, i)));
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
    SQL_OK(a->db, sqlite3_step(a->gload) == SQLITE_ROW);
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
    CHECK(grp_store_open(&s, path, &o));
    CHECK(grp_person_iterator_new(&pit, s, org, 0));
    while (npool < sizeof pool / sizeof pool[0] && grp_person_iterator_next(&p, pit) == GRP_OK) {
        pool[npool++] = grp_person_id(p);
        grp_person_free(p);
    }
    grp_person_iterator_free(pit);
    if (npool < SEATS) {
        fprintf(stderr, "bench_scale: the sample organisation has too few people\n");
        exit(1);
    }
    new_groups(ga, s, org, "Bench libgrp");
    new_groups(gb, s, org, "Bench anchor");

    /* the anchor: the same database file, the same pragmas as a store */
    anchor a;
    sqlite3 *db;
    sqlite3_stmt *ms, *au, *ev, *att, *held, *hours, *gload, *groles, *absent, *unhours;
    SQL_OK(db, sqlite3_open(path, &db) == SQLITE_OK);
    SQL_OK(db, sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON",
                            NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO membership (group_id, person_id, role, state, requested_on, began, "
                                      "ended, reason) VALUES (?1, ?2, 0, 2, ?3, ?3, NULL, NULL)", -1, &ms, NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO audit (at, actor_kind, actor_person, action, entity_type, entity_id) "
                                      "VALUES (?1, 0, NULL, ?2, ?3, ?4)", -1, &au, NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO event (at, kind, group_id, person_id, entity_id) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &ev, NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO attendance (session_id, person_id, status, minutes, recorded_by, "
                                      "recorded_at) VALUES (?1, ?2, 1, 90, NULL, ?3) ON CONFLICT (session_id, person_id) "
                                      "DO UPDATE SET status = excluded.status, minutes = excluded.minutes, "
                                      "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                                  -1, &att, NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "UPDATE session SET status = 3 WHERE id = ?1 AND status = 0", -1, &held, NULL) ==
                   SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO hours_entry (person_id, group_id, session_id, entry_date, kind, "
                                      "minutes, credited, signed_by, signed_on, corrects, note) "
                                      "VALUES (?1, ?2, ?3, '2026-01-05', 1, 90, 90, NULL, NULL, NULL, NULL)",
                                  -1, &hours, NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "SELECT id, org_id, name, kind, status, capacity, capacity_policy, quorum, "
                                      "membership_policy, allow_other_orgs, delivery, location, meeting_link, timezone, "
                                      "session_minutes, archived FROM grp_group WHERE id = ?1", -1, &gload, NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "SELECT role FROM group_role WHERE group_id = ?1 ORDER BY position", -1, &groles,
                                  NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "INSERT INTO attendance (session_id, person_id, status, minutes, recorded_by, "
                                      "recorded_at) VALUES (?1, ?2, 4, 0, NULL, ?3) ON CONFLICT (session_id, person_id) "
                                      "DO UPDATE SET status = excluded.status, minutes = excluded.minutes, "
                                      "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                                  -1, &absent, NULL) == SQLITE_OK);
    SQL_OK(db, sqlite3_prepare_v2(db, "DELETE FROM hours_entry WHERE session_id = ?1 AND person_id = ?2 "
                                      "AND corrects IS NULL", -1, &unhours, NULL) == SQLITE_OK);
    a = (anchor){db, ms, au, ev, att, held, hours, gload, groles, absent, unhours};

    calls c = {s, &a, ga, gb, sa, sb, pool, npool, groups};
    long n = CALL_GROUPS * SEATS;
    bench_alternate(&f[BENCH_CALL_JOIN].grp, &f[BENCH_CALL_JOIN].raw, lib_join, raw_join, &c, n, ROUNDS);
    /* record attendance: the first session of each new group, every seat */
    for (int g = 0; g < CALL_GROUPS; g++) {
        CHECK(grp_session_ensure(&sa[g], s, ga[g], occ));
        CHECK(grp_session_ensure(&sb[g], s, gb[g], occ));
    }
    bench_alternate(&f[BENCH_CALL_RECORD].grp, &f[BENCH_CALL_RECORD].raw, lib_record, raw_record, &c, n, ROUNDS);
    /* correct it: present to absent */
    bench_alternate(&f[BENCH_CALL_CORRECT].grp, &f[BENCH_CALL_CORRECT].raw, lib_correct, raw_correct, &c, n, ROUNDS);
    /* read a group, spread over every group of the store */
    bench_alternate(&f[BENCH_CALL_READ].grp, &f[BENCH_CALL_READ].raw, lib_read, raw_read, &c, READS, ROUNDS);

    sqlite3_finalize(ms);
    sqlite3_finalize(au);
    sqlite3_finalize(ev);
    sqlite3_finalize(att);
    sqlite3_finalize(held);
    sqlite3_finalize(hours);
    sqlite3_finalize(gload);
    sqlite3_finalize(groles);
    sqlite3_finalize(absent);
    sqlite3_finalize(unhours);
    sqlite3_close(db);
    grp_store_close(s);
}

