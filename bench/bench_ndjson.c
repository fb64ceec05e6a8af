/* bench_ndjson: NDJSON bulk load and export (issue 5).
 *
 * A stream of one organisation, eight people, one group and N attendance
 * records (N / 8 sessions of eight) is generated on the fly and imported
 * with grp_ndjson_import() into a new store file, in one transaction. The
 * anchor, in the same run: raw SQLite inserting the same session and
 * attendance rows into the same schema (a new libgrp store file, opened
 * with sqlite3) with one prepared statement per table in one transaction.
 * Each load runs in a forked child, whose peak resident memory
 * (getrusage RUSAGE_CHILDREN, ru_maxrss) is printed next to the target of
 * 64 MiB; so is the peak of an NDJSON export of the loaded store to a file.
 *
 *   ./build/bench/bench_ndjson [attendance_rows]    (default 100000; scripts use 1000000 for the full figure)
 */
#include "support/child.h"

#include <libgrp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* ---- the stream ------------------------------------------------------------ */

typedef struct gen {
    size_t sessions, next;
    char pending[1024];
    size_t plen, ppos;
} gen;

static void gen_record(gen *g)
{
    size_t i = g->next++;
    int n;
    g->ppos = 0;
    if (i == 0)
        n = snprintf(g->pending, sizeof g->pending,
                     "{\"format\":\"libgrp-ndjson\",\"version\":1}\n"
                     "{\"record\":\"organisations\",\"id\":\"1\",\"name\":\"Org\",\"external_ref\":null,"
                     "\"archived\":false}\n");
    else if (i <= 8)
        n = snprintf(g->pending, sizeof g->pending,
                     "{\"record\":\"people\",\"id\":\"%zu\",\"organisation\":\"1\",\"display_name\":\"P%zu\","
                     "\"job_role\":\"nurse\",\"email\":null,\"external_ref\":null,\"archived\":false}\n",
                     i, i);
    else if (i == 9)
        n = snprintf(g->pending, sizeof g->pending,
                     "{\"record\":\"groups\",\"id\":\"1\",\"organisation\":\"1\",\"name\":\"G\","
                     "\"kind\":\"reflective_practice\",\"status\":\"active\",\"capacity\":8,"
                     "\"capacity_policy\":\"hard\",\"quorum\":0,\"membership_policy\":\"open\","
                     "\"allow_other_orgs\":false,\"delivery\":\"online\",\"location\":null,"
                     "\"meeting_link\":\"https://example.org/g\",\"timezone\":\"Europe/London\","
                     "\"session_minutes\":90,\"archived\":false,\"eligible_roles\":[],\"feedback_form\":null,"
                     "\"hours_rule\":null}\n");
    else {
        size_t k = i - 10, sess = k / 9 + 1, slot = k % 9;
        if (sess > g->sessions) {
            g->plen = 0;
            return;
        }
        if (slot == 0)
            n = snprintf(g->pending, sizeof g->pending,
                         "{\"record\":\"sessions\",\"id\":\"%zu\",\"group\":\"1\",\"cadence\":null,\"occurrence\":null,"
                         "\"occurrence_utc\":null,\"start_local\":\"2020-01-01T10:00:00\",\"start_utc\":"
                         "\"2020-01-01T10:00:00Z\",\"duration\":90,\"status\":\"held\",\"location\":null,"
                         "\"meeting_link\":null,\"reason\":null,\"timezone\":\"Europe/London\"}\n",
                         sess);
        else
            n = snprintf(g->pending, sizeof g->pending,
                         "{\"record\":\"attendance\",\"session\":\"%zu\",\"person\":\"%zu\",\"status\":\"present\","
                         "\"minutes\":90,\"recorded_by\":null,\"recorded_at\":\"2020-01-01T12:00:00Z\"}\n",
                         sess, slot);
    }
    g->plen = (size_t)n;
}

static int gen_reader(void *payload, char *buf, size_t size, size_t *got)
{
    gen *g = payload;
    *got = 0;
    while (*got < size) {
        if (g->ppos == g->plen) {
            gen_record(g);
            if (!g->plen)
                break;
        }
        size_t n = g->plen - g->ppos < size - *got ? g->plen - g->ppos : size - *got;
        memcpy(buf + *got, g->pending + g->ppos, n);
        g->ppos += n;
        *got += n;
    }
    return 0;
}

/* ---- the loads, each in a child --------------------------------------------- */

static void load_libgrp(const char *path, size_t rows)
{
    grp_store *s;
    grp_store_options so = GRP_STORE_OPTIONS_INIT;
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_result r;
    gen g = {rows / 8, 0, {0}, 0, 0};
    so.durability = GRP_DURABILITY_NORMAL;
    BENCH_CHECK(grp_store_open(&s, path, &so));
    BENCH_CHECK(grp_ndjson_import(&r, s, &sys, gen_reader, &g, NULL));
    if (r.created[GRP_JSON_ATTENDANCE] != rows / 8 * 8) {
        fprintf(stderr, "imported %zu attendance records\n", r.created[GRP_JSON_ATTENDANCE]);
        exit(1);
    }
    grp_store_close(s);
}

static void load_raw(const char *path, size_t rows)
{
    grp_store *s;
    grp_store_options so = GRP_STORE_OPTIONS_INIT;
    grp_actor sys = grp_actor_system();
    gen g = {0, 0, {0}, 0, 0}; /* the organisation, people and group only */
    so.durability = GRP_DURABILITY_NORMAL;
    BENCH_CHECK(grp_store_open(&s, path, &so));
    BENCH_CHECK(grp_ndjson_import(NULL, s, &sys, gen_reader, &g, NULL));
    grp_store_close(s);

    sqlite3 *db;
    sqlite3_stmt *ss, *as;
    BENCH_SQL_OK(NULL, sqlite3_open(path, &db) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; BEGIN IMMEDIATE", NULL, NULL,
                               NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db,
                                     "INSERT INTO session (id, group_id, cadence_id, occurrence, occurrence_utc, "
                                     "start_local, start_utc, duration, status, location, meeting_link, reason, timezone) "
                                     "VALUES (?, 1, NULL, NULL, NULL, '2020-01-01T10:00:00', 1577872800, 90, 1, NULL, "
                                     "NULL, NULL, 'Europe/London')",
                                     -1, &ss, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db,
                                     "INSERT INTO attendance (session_id, person_id, status, minutes, recorded_by, "
                                     "recorded_at) VALUES (?, ?, 0, 90, NULL, 1577880000)",
                                     -1, &as, NULL) == SQLITE_OK);
    for (size_t sess = 1; sess <= rows / 8; sess++) {
        sqlite3_bind_int64(ss, 1, (sqlite3_int64)sess);
        BENCH_SQL_OK(db, sqlite3_step(ss) == SQLITE_DONE);
        sqlite3_reset(ss);
        for (int p = 1; p <= 8; p++) {
            sqlite3_bind_int64(as, 1, (sqlite3_int64)sess);
            sqlite3_bind_int64(as, 2, p);
            BENCH_SQL_OK(db, sqlite3_step(as) == SQLITE_DONE);
            sqlite3_reset(as);
        }
    }
    sqlite3_finalize(ss);
    sqlite3_finalize(as);
    BENCH_SQL_OK(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
}

static void export_libgrp(const char *path, const char *out)
{
    grp_store *s;
    grp_actor sys = grp_actor_system();
    BENCH_CHECK(grp_store_open(&s, path, NULL));
    BENCH_CHECK(grp_ndjson_export_to_file(out, s, &sys, NULL));
    grp_store_close(s);
}

enum { LOAD_LIBGRP, LOAD_RAW, EXPORT };

typedef struct job {
    int kind;
    const char *path, *out;
    size_t rows;
} job;

static void run_job(void *arg)
{
    const job *j = arg;
    if (j->kind == LOAD_LIBGRP)
        load_libgrp(j->path, j->rows);
    else if (j->kind == LOAD_RAW)
        load_raw(j->path, j->rows);
    else
        export_libgrp(j->path, j->out);
}

/* Run one job in a child: its seconds and peak RSS in KiB. */
static double in_child(int kind, const char *path, const char *out, size_t rows, long *rss_kib)
{
    job j = {kind, path, out, rows};
    return bench_in_child(run_job, &j, rss_kib);
}

int main(int argc, char **argv)
{
    size_t rows = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 100000;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char a[512], b[512], out[512];
    long rss_grp, rss_raw, rss_exp;
    rows = rows / 8 * 8;
    if (rows == 0)
        rows = 8;
    snprintf(a, sizeof a, "%s/bench_ndjson_%ld_grp.db", tmp, (long)getpid());
    snprintf(b, sizeof b, "%s/bench_ndjson_%ld_raw.db", tmp, (long)getpid());
    snprintf(out, sizeof out, "%s/bench_ndjson_%ld.ndjson", tmp, (long)getpid());
    bench_remove_store(a);
    bench_remove_store(b);

    double t_raw = in_child(LOAD_RAW, b, NULL, rows, &rss_raw);
    double t_grp = in_child(LOAD_LIBGRP, a, NULL, rows, &rss_grp);
    double t_exp = in_child(EXPORT, a, out, rows, &rss_exp);

    double r_grp = rows / t_grp, r_raw = rows / t_raw;
    printf("bench_ndjson: %zu attendance records (%zu sessions) into a new store file\n", rows, rows / 8);
    printf("  NDJSON import (libgrp)      %10.0f rows/s  %7.2f s  peak RSS %6.1f MiB\n", r_grp, t_grp,
           rss_grp / 1024.0);
    printf("  raw SQLite (anchor)         %10.0f rows/s  %7.2f s  peak RSS %6.1f MiB\n", r_raw, t_raw,
           rss_raw / 1024.0);
    printf("  ratio libgrp / raw          %10.2f         (target >= 0.50: %s)\n", r_grp / r_raw,
           r_grp / r_raw >= 0.5 ? "met" : "missed");
    printf("  NDJSON export of the store  %10.0f rows/s  %7.2f s  peak RSS %6.1f MiB\n", rows / t_exp, t_exp,
           rss_exp / 1024.0);
    printf("  peak RSS import, export     %6.1f, %.1f MiB (target < 64 MiB: %s)\n", rss_grp / 1024.0,
           rss_exp / 1024.0, rss_grp < 64 * 1024 && rss_exp < 64 * 1024 ? "met" : "missed");
    bench_remove_store(a);
    bench_remove_store(b);
    remove(out);
    return 0;
}
