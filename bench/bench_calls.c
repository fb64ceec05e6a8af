/* bench_calls: the cost of two representative single calls from C —
 * recording attendance and reading a group — against the equivalent raw
 * prepared SQLite statements on the same data (the anchor), in one run.
 * bench/bench_python.py runs this program too and compares Python's cost
 * per call with the C figure printed here.
 *
 *   ./build/bench/bench_calls [iterations]      (prints "c_attendance_ns=..." lines too)
 */
#include <libgrp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, \
    __LINE__, grp_error_name(rc_), grp_error_last()->message); exit(1); } } while (0)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    grp_store *s;
    grp_org *org;
    grp_group *g;
    grp_person *p;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_datetime occ = {2026, 1, 5, 9, 0, 0};
    grp_id session;
    static const grp_attendance_status cycle[] = {GRP_ATTEND_PRESENT, GRP_ATTEND_LATE, GRP_ATTEND_ABSENT};

    CHECK(grp_store_open(&s, ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Bench", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Bench group";
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&g, s, &gs));
    ps.org_id = grp_org_id(org);
    ps.display_name = "Member";
    CHECK(grp_person_create(&p, s, &ps));
    CHECK(grp_member_join(NULL, s, grp_group_id(g), grp_person_id(p), grp_date_make(2026, 1, 1), NULL));
    cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
    cs.first_date = grp_date_make(2026, 1, 5);
    cs.start_hour = 9;
    CHECK(grp_cadence_set(NULL, s, grp_group_id(g), &cs));
    CHECK(grp_session_ensure(&session, s, grp_group_id(g), occ));

    double t0 = now();
    for (int i = 0; i < n; i++)
        CHECK(grp_attendance_record(s, session, grp_person_id(p), cycle[i % 3], cycle[i % 3] == GRP_ATTEND_LATE ? 30 : -1, 0));
    double att = (now() - t0) / n;
    t0 = now();
    for (int i = 0; i < n; i++) {
        grp_group *x;
        CHECK(grp_group_get(&x, s, grp_group_id(g)));
        grp_group_free(x);
    }
    double get = (now() - t0) / n;

    /* anchor: the same two operations as raw prepared statements */
    sqlite3 *db;
    sqlite3_stmt *up, *sel;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, "CREATE TABLE g (id INTEGER PRIMARY KEY, name TEXT, capacity INT, tz TEXT);"
                     "INSERT INTO g VALUES (1, 'Bench group', 8, 'Europe/London');"
                     "CREATE TABLE a (s INT, p INT, status INT, minutes INT, at INT, PRIMARY KEY (s, p));",
                 NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO a VALUES (1, 1, ?1, ?2, ?3) ON CONFLICT (s, p) DO UPDATE SET "
                           "status = excluded.status, minutes = excluded.minutes, at = excluded.at", -1, &up, NULL);
    sqlite3_prepare_v2(db, "SELECT id, name, capacity, tz FROM g WHERE id = 1", -1, &sel, NULL);
    t0 = now();
    for (int i = 0; i < n; i++) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        sqlite3_bind_int(up, 1, cycle[i % 3]);
        sqlite3_bind_int(up, 2, 90);
        sqlite3_bind_int64(up, 3, (sqlite3_int64)time(NULL));
        sqlite3_step(up);
        sqlite3_reset(up);
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    }
    double raw_att = (now() - t0) / n;
    t0 = now();
    for (int i = 0; i < n; i++) {
        sqlite3_step(sel);
        char *copy = strdup((const char *)sqlite3_column_text(sel, 1));
        free(copy);
        sqlite3_reset(sel);
    }
    double raw_get = (now() - t0) / n;

    printf("bench_calls: %d calls each, in-memory store\n", n);
    printf("  record attendance: libgrp %8.0f ns/call, raw SQLite %8.0f ns/call, ratio %.2f\n", att * 1e9,
           raw_att * 1e9, att / raw_att);
    printf("  read a group:      libgrp %8.0f ns/call, raw SQLite %8.0f ns/call, ratio %.2f\n", get * 1e9,
           raw_get * 1e9, get / raw_get);
    printf("c_attendance_ns=%.0f\nc_group_get_ns=%.0f\n", att * 1e9, get * 1e9);
    sqlite3_finalize(up);
    sqlite3_finalize(sel);
    sqlite3_close(db);
    grp_person_free(p);
    grp_group_free(g);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
