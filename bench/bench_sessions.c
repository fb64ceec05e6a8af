/* bench_sessions: list one year of sessions for 10,000 groups.
 *
 * libgrp computes sessions from each group's cadence and merges them with
 * the few stored rows. The anchor is what a materialising calendar would
 * do instead: read the same sessions, already stored one row each, from an
 * indexed SQLite table with one prepared statement. Both run in the same
 * process, so the ratio is what to compare across machines.
 *
 *   ./build/bench/bench_sessions [groups]
 */
#include <libgrp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, \
    __LINE__, grp_error_name(rc_), grp_error_last()->message); exit(1); } } while (0)

static const char *const rules[] = {"FREQ=MONTHLY;BYDAY=1TU", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE",
                                    "FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY;BYMONTHDAY=15"};
static const char *const zones[] = {"Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"};

int main(int argc, char **argv)
{
    int groups = argc > 1 ? atoi(argv[1]) : 10000;
    grp_store *s;
    grp_org *org;
    grp_time from, to;
    CHECK(grp_store_open(&s, ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Bench", NULL));
    CHECK(grp_time_parse(&from, "2027-01-01T00:00:00Z"));
    CHECK(grp_time_parse(&to, "2028-01-01T00:00:00Z"));

    double t0 = now();
    CHECK(grp_store_begin(s));
    grp_id *ids = malloc(sizeof *ids * (size_t)groups);
    for (int i = 0; i < groups; i++) {
        grp_group_spec gs = GRP_GROUP_SPEC_INIT;
        grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
        grp_group *g;
        char name[32];
        snprintf(name, sizeof name, "Group %d", i);
        gs.org_id = grp_org_id(org);
        gs.name = name;
        gs.status = GRP_STATUS_ACTIVE;
        gs.location = "Room";
        gs.timezone = zones[i % 4];
        CHECK(grp_group_create(&g, s, &gs));
        ids[i] = grp_group_id(g);
        grp_group_free(g);
        cs.rrule = rules[i % 4];
        cs.first_date = grp_date_make(2025, 1 + i % 12, 1);
        cs.start_hour = 9 + i % 8;
        CHECK(grp_cadence_set(NULL, s, ids[i], &cs));
    }
    CHECK(grp_store_commit(s));
    double setup = now() - t0;

    /* libgrp: merged listing */
    long sessions = 0;
    sqlite3 *db;
    sqlite3_stmt *ins, *sel;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, "CREATE TABLE s (group_id INTEGER, start_utc INTEGER, duration INTEGER, status INTEGER,"
                     " location TEXT); CREATE INDEX s_by ON s (group_id, start_utc); BEGIN", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO s VALUES (?1, ?2, ?3, 0, 'Room')", -1, &ins, NULL);
    double t1 = now();
    for (int i = 0; i < groups; i++) {
        grp_session_iterator *it;
        grp_session *x;
        CHECK(grp_session_iterator_new(&it, s, ids[i], from, to));
        while (grp_session_iterator_next(&x, it) == 0) {
            sessions++;
            grp_session_free(x);
        }
        grp_session_iterator_free(it);
    }
    double libgrp_time = now() - t1;

    /* anchor: the same sessions materialised, read back by index */
    for (int i = 0; i < groups; i++) {
        grp_session_iterator *it;
        grp_session *x;
        CHECK(grp_session_iterator_new(&it, s, ids[i], from, to));
        while (grp_session_iterator_next(&x, it) == 0) {
            sqlite3_bind_int64(ins, 1, ids[i]);
            sqlite3_bind_int64(ins, 2, grp_session_start(x));
            sqlite3_bind_int(ins, 3, grp_session_duration(x));
            sqlite3_step(ins);
            sqlite3_reset(ins);
            grp_session_free(x);
        }
        grp_session_iterator_free(it);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "SELECT start_utc, duration, status, location FROM s WHERE group_id = ?1 AND "
                           "start_utc >= ?2 AND start_utc < ?3 ORDER BY start_utc", -1, &sel, NULL);
    long anchor_rows = 0;
    double t2 = now();
    for (int i = 0; i < groups; i++) {
        sqlite3_bind_int64(sel, 1, ids[i]);
        sqlite3_bind_int64(sel, 2, from);
        sqlite3_bind_int64(sel, 3, to);
        while (sqlite3_step(sel) == SQLITE_ROW) {
            /* touch the columns as a caller would */
            anchor_rows += sqlite3_column_int64(sel, 0) > 0 && sqlite3_column_text(sel, 3) != NULL;
        }
        sqlite3_reset(sel);
    }
    double anchor_time = now() - t2;

    printf("bench_sessions: %d groups, one year (2027), %ld sessions (anchor read %ld rows)\n", groups, sessions,
           anchor_rows);
    printf("  setup (groups + cadences):      %8.3f s\n", setup);
    printf("  libgrp merged listing:          %8.3f s  (%.1f us per group, %.0f sessions/s)\n", libgrp_time,
           libgrp_time * 1e6 / groups, sessions / libgrp_time);
    printf("  anchor: materialised rows read: %8.3f s  (%.1f us per group)\n", anchor_time,
           anchor_time * 1e6 / groups);
    printf("  ratio libgrp / anchor:          %8.2f  (time; lower is better)\n", libgrp_time / anchor_time);
    sqlite3_finalize(ins);
    sqlite3_finalize(sel);
    sqlite3_close(db);
    free(ids);
    grp_org_free(org);
    grp_store_close(s);
    return sessions == anchor_rows ? 0 : 1;
}
