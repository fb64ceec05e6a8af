/* probe_writes: where the single writes of bench_scale spend their work
 * at a given store size (issue 5: their growth from 10k to 1M rows).
 *
 *   ./build-bench/bench/probe_writes [-q] [-s] [-w] STORE [calls] [cache_kib]
 *
 * On a copy of STORE (a cached store of bench_scale, left as it is), in
 * new groups of eight as bench_scale makes them: `calls` joins (default
 * 1000), then the first recording of each seat (present) and its
 * correction (absent). Per call it counts user-space instructions
 * (perf_event_open; "n/a" where the kernel refuses), wall time, and the
 * store connection's SQLite page-cache hits, misses and page writes; per
 * SQL statement, the calls' total time, VM steps and page-cache misses.
 * With cache_kib the store's connection gets PRAGMA cache_size = -cache_kib
 * after it is opened (to try a page cache size without changing libgrp).
 * With -s, the calls are not made in new groups but spread over the whole
 * store: `calls` stored attendance rows picked at random (seed 1; none
 * with a signed or corrected hours entry), each recorded again with the
 * opposite status (present if it was not attended, else absent); then as
 * many other rows alternating, in five rounds, with the raw anchor of
 * bench_calls on as many more (the fastest round of each counts). This is
 * the access pattern where the page cache matters.
 * With -w the store's connection makes no WAL checkpoint during the calls
 * (PRAGMA wal_autocheckpoint = 0): what remains is the calls' cost
 * without the copying of their pages back into the database file.
 * With -q no statement is traced, so that an instruction count
 * (valgrind --tool=callgrind, functions do_join, do_record, do_correct,
 * do_spread, raw_spread)
 * holds only the calls' own work.
 *
 * The store's sqlite3 handle is not public: this program defines
 * sqlite3_open_v2 itself, which libgrp's call resolves to, keeps the
 * handle and calls SQLite's own. Bench-only; nothing of this is in libgrp.
 */
#define _GNU_SOURCE
#include "support/calls.h"
#include "support/child.h"
#include "support/gen.h"

#include <dlfcn.h>
#include <libgrp.h>
#include <linux/perf_event.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SEATS 8
#define MAX_STMTS 128

static sqlite3 *store_db;

int sqlite3_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs)
{
    static int (*real)(const char *, sqlite3 **, int, const char *);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "sqlite3_open_v2");
    int rc = real(path, db, flags, vfs);
    store_db = *db;
    return rc;
}

/* ---- per statement ---------------------------------------------------------- */

typedef struct stmt_figures {
    const char *sql; /* the statement's text (owned) */
    long runs;
    double ns;
    long long steps, misses;
} stmt_figures;

static stmt_figures stmts[MAX_STMTS];
static int nstmts, tracing;
static int last_miss;

static int db_status(int op, int reset)
{
    int cur = 0, hi = 0;
    sqlite3_db_status(store_db, op, &cur, &hi, reset);
    return cur;
}

/* SQLite's own profile time counts whole milliseconds: a statement is
 * timed from its first step (SQLITE_TRACE_STMT) to its end. */
static double stmt_began;

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    (void)x;
    if (!tracing) {
        /* a statement counts its steps until reset: none carried over */
        if (type == SQLITE_TRACE_PROFILE)
            sqlite3_stmt_status(p, SQLITE_STMTSTATUS_VM_STEP, 1);
        return 0;
    }
    if (type == SQLITE_TRACE_STMT) {
        stmt_began = bench_now();
        return 0;
    }
    sqlite3_stmt *st = p;
    const char *sql = sqlite3_sql(st);
    int i;
    for (i = 0; i < nstmts && strcmp(stmts[i].sql, sql) != 0; i++)
        ;
    if (i == nstmts) {
        if (nstmts == MAX_STMTS)
            return 0;
        stmts[nstmts++].sql = strdup(sql);
    }
    int miss = db_status(SQLITE_DBSTATUS_CACHE_MISS, 0);
    stmts[i].runs++;
    stmts[i].ns += (bench_now() - stmt_began) * 1e9;
    stmts[i].steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
    stmts[i].misses += miss - last_miss;
    last_miss = miss;
    return 0;
}

/* ---- per call ------------------------------------------------------------------ */

static int perf_fd = -1;

static void perf_open(void)
{
    struct perf_event_attr pe;
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_HARDWARE;
    pe.size = sizeof pe;
    pe.config = PERF_COUNT_HW_INSTRUCTIONS;
    pe.exclude_kernel = 1;
    pe.exclude_hv = 1;
    perf_fd = (int)syscall(SYS_perf_event_open, &pe, 0, -1, -1, 0);
    if (perf_fd >= 0)
        ioctl(perf_fd, PERF_EVENT_IOC_ENABLE, 0);
}

static long long instructions(void)
{
    long long v = 0;
    if (perf_fd < 0 || read(perf_fd, &v, sizeof v) != (ssize_t)sizeof v)
        return -1;
    return v;
}

typedef struct op_figures {
    long long *ins;
    double *ns;
    long long hit, miss, write;
} op_figures;

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct work {
    grp_store *s;
    const grp_id *groups, *sessions, *pool;
    size_t npool;
    const grp_id *spread_session, *spread_person, *spread_group; /* -s: existing rows */
    const int *spread_attended;
    long skipped;
    bench_anchor *anchor;
    long offset, raw_offset; /* of the rows the alternating rounds use: libgrp's, the anchor's */
} work;

static __attribute__((noinline)) void do_join(const work *w, long i)
{
    BENCH_CHECK(grp_member_join(NULL, w->s, w->groups[i / SEATS], w->pool[(size_t)i % w->npool],
                                grp_date_make(2026, 1, 1), NULL));
}

static __attribute__((noinline)) void do_record(const work *w, long i)
{
    BENCH_CHECK(grp_attendance_record(w->s, w->sessions[i / SEATS], w->pool[(size_t)i % w->npool], GRP_ATTEND_PRESENT,
                                      -1, 0));
}

static __attribute__((noinline)) void do_correct(const work *w, long i)
{
    BENCH_CHECK(grp_attendance_record(w->s, w->sessions[i / SEATS], w->pool[(size_t)i % w->npool], GRP_ATTEND_ABSENT,
                                      -1, 0));
}

static __attribute__((noinline)) void do_spread(const work *w, long i)
{
    int rc = grp_attendance_record(w->s, w->spread_session[i], w->spread_person[i],
                                   w->spread_attended[i] ? GRP_ATTEND_ABSENT : GRP_ATTEND_PRESENT, -1, 0);
    if (rc == GRP_ESTATE)
        ((work *)w)->skipped++;
    else
        BENCH_CHECK(rc);
}

static void lib_spread(void *ctx, long i)
{
    const work *w = ctx;
    do_spread(w, w->offset + i);
}

/* the anchor of one spread call: the attendance row, the hours entry
 * inserted or deleted, the audit row and the event (bench/README.md) */
static void raw_spread(void *ctx, long i)
{
    const work *w = ctx;
    i += w->raw_offset;
    bench_anchor_attendance(w->anchor, w->spread_group[i], w->spread_session[i], w->spread_person[i],
                            !w->spread_attended[i]);
}

/* n stored attendance rows picked at random over the whole store, through
 * a connection of this program's own (sqlite3_open is not the function
 * that keeps the store's handle); rows whose hours entry is signed or
 * corrected are passed over, so that the anchor's plain insert or delete
 * of the entry is the right change. */
static void pick_spread(work *w, const char *path, long n)
{
    sqlite3 *db;
    sqlite3_stmt *mx, *q;
    grp_id *ss = calloc((size_t)n, sizeof *ss), *sp = calloc((size_t)n, sizeof *sp);
    grp_id *sg = calloc((size_t)n, sizeof *sg);
    int *sa = calloc((size_t)n, sizeof *sa);
    if (!ss || !sp || !sg || !sa)
        exit(1);
    BENCH_SQL_OK(db, sqlite3_open(path, &db) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "SELECT max(session_id), (SELECT max(id) FROM person) FROM attendance", -1,
                                        &mx, NULL) == SQLITE_OK);
    BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "SELECT a.session_id, a.person_id, a.status, s.group_id "
                                            "FROM attendance a JOIN session s ON s.id = a.session_id "
                                            "WHERE (a.session_id, a.person_id) >= (?1, ?2) "
                                            "AND NOT EXISTS (SELECT 1 FROM hours_entry h "
                                            "WHERE h.session_id = a.session_id AND h.person_id = a.person_id "
                                            "AND (h.signed_by IS NOT NULL OR h.corrects IS NOT NULL OR EXISTS "
                                            "(SELECT 1 FROM hours_entry c WHERE c.corrects = h.id))) LIMIT 1",
                                        -1, &q, NULL) == SQLITE_OK);
    sqlite3_step(mx);
    double top = (double)sqlite3_column_int64(mx, 0), people = (double)sqlite3_column_int64(mx, 1);
    srand(1);
    for (long i = 0; i < n;) {
        sqlite3_bind_int64(q, 1, 1 + (sqlite3_int64)((double)rand() / ((double)RAND_MAX + 1) * top));
        sqlite3_bind_int64(q, 2, 1 + (sqlite3_int64)((double)rand() / ((double)RAND_MAX + 1) * people));
        if (sqlite3_step(q) == SQLITE_ROW) {
            ss[i] = sqlite3_column_int64(q, 0);
            sp[i] = sqlite3_column_int64(q, 1);
            sa[i] = sqlite3_column_int(q, 2) >= 1 && sqlite3_column_int(q, 2) <= 3;
            sg[i] = sqlite3_column_int64(q, 3);
            long k = 0;
            while (k < i && (ss[k] != ss[i] || sp[k] != sp[i]))
                k++;
            i += k == i; /* each row once */
        }
        sqlite3_reset(q);
    }
    sqlite3_finalize(mx);
    sqlite3_finalize(q);
    sqlite3_close(db);
    w->spread_session = ss;
    w->spread_person = sp;
    w->spread_attended = sa;
    w->spread_group = sg;
}

static void measure(const char *name, void (*op)(const work *, long), const work *w, long n)
{
    op_figures f = {calloc((size_t)n, sizeof(long long)), calloc((size_t)n, sizeof(double)), 0, 0, 0};
    double sum_ns = 0;
    long long sum_ins = 0;
    if (!f.ins || !f.ns)
        exit(1);
    for (int k = 0; k < nstmts; k++)
        free((void *)stmts[k].sql);
    memset(stmts, 0, sizeof stmts);
    nstmts = 0;
    db_status(SQLITE_DBSTATUS_CACHE_HIT, 1);
    db_status(SQLITE_DBSTATUS_CACHE_MISS, 1);
    db_status(SQLITE_DBSTATUS_CACHE_WRITE, 1);
    last_miss = 0;
    tracing = 1;
    for (long i = 0; i < n; i++) {
        long long i0 = instructions();
        double t0 = bench_now();
        op(w, i);
        f.ns[i] = (bench_now() - t0) * 1e9;
        f.ins[i] = instructions() - i0;
        sum_ns += f.ns[i];
        sum_ins += f.ins[i];
    }
    tracing = 0;
    f.hit = db_status(SQLITE_DBSTATUS_CACHE_HIT, 0);
    f.miss = db_status(SQLITE_DBSTATUS_CACHE_MISS, 0);
    f.write = db_status(SQLITE_DBSTATUS_CACHE_WRITE, 0);
    qsort(f.ins, (size_t)n, sizeof *f.ins, cmp_ll);
    qsort(f.ns, (size_t)n, sizeof *f.ns, cmp_d);
    printf("%s: %ld calls\n", name, n);
    if (perf_fd >= 0)
        printf("  instructions per call: median %lld, mean %lld, 90th percentile %lld, max %lld\n", f.ins[n / 2],
               sum_ins / n, f.ins[n * 9 / 10], f.ins[n - 1]);
    else
        printf("  instructions per call: n/a (perf_event_open refused)\n");
    printf("  time per call: median %.1f us, mean %.1f us, 90th percentile %.1f us, max %.1f us\n", f.ns[n / 2] / 1e3,
           sum_ns / n / 1e3, f.ns[n * 9 / 10] / 1e3, f.ns[n - 1] / 1e3);
    printf("  page cache per call: %.1f hits, %.2f misses, %.2f pages written\n", (double)f.hit / n,
           (double)f.miss / n, (double)f.write / n);
    if (nstmts > 0)
        printf("  per statement (per call: runs, us, VM steps, page-cache misses):\n");
    for (int k = 0; k < nstmts; k++) {
        char text[101];
        snprintf(text, sizeof text, "%s", stmts[k].sql);
        for (char *c = text; *c; c++)
            if (*c == '\n')
                *c = ' ';
        printf("    %5.2f %8.2f %9.1f %6.2f  %s\n", (double)stmts[k].runs / n, stmts[k].ns / n / 1e3,
               (double)stmts[k].steps / n, (double)stmts[k].misses / n, text);
    }
    free(f.ins);
    free(f.ns);
}

int main(int argc, char **argv)
{
    char copy[4200];
    int quiet = 0, spread = 0, nockpt = 0;
    while (argc > 1 && (!strcmp(argv[1], "-q") || !strcmp(argv[1], "-s") || !strcmp(argv[1], "-w"))) {
        quiet |= argv[1][1] == 'q';
        spread |= argv[1][1] == 's';
        nockpt |= argv[1][1] == 'w';
        argc--;
        argv++;
    }
    long n = argc > 2 ? atol(argv[2]) : 1000;
    long cache_kib = argc > 3 ? atol(argv[3]) : 0;
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    grp_store *s;
    bench_gen_stats st;
    if (argc < 2 || n < SEATS) {
        fprintf(stderr, "usage: probe_writes [-q] [-s] [-w] STORE [calls >= 8] [cache_kib]\n");
        return 2;
    }
    n -= n % SEATS;
    snprintf(copy, sizeof copy, "%s.probe.grp", argv[1]);
    bench_remove_store(copy);
    {
        char cmd[9000];
        /* written through to the disk before timing: else the kernel writes
         * the copy back during the calls, the more the larger the store */
        snprintf(cmd, sizeof cmd, "cp '%s' '%s' && sync", argv[1], copy);
        if (system(cmd) != 0)
            return 1;
    }
    o.durability = GRP_DURABILITY_NORMAL;
    BENCH_CHECK(grp_store_open(&s, copy, &o));
    if (cache_kib > 0) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%ld", cache_kib);
        BENCH_SQL_OK(store_db, sqlite3_exec(store_db, pragma, NULL, NULL, NULL) == SQLITE_OK);
    }
    if (nockpt)
        BENCH_SQL_OK(store_db, sqlite3_exec(store_db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL) == SQLITE_OK);
    {
        sqlite3_stmt *q;
        BENCH_SQL_OK(store_db, sqlite3_prepare_v2(store_db, "PRAGMA cache_size", -1, &q, NULL) == SQLITE_OK);
        sqlite3_step(q);
        printf("probe_writes: %s, cache_size %lld, %s, %ld calls each\n", argv[1],
               (long long)sqlite3_column_int64(q, 0), nockpt ? "no WAL checkpoint" : "WAL checkpoints every 1000 pages",
               n);
        sqlite3_finalize(q);
    }
    BENCH_CHECK(bench_gen_describe(s, &st));
    if (spread) {
        work w = {0};
        w.s = s;
        double lib, raw;
        pick_spread(&w, copy, 3 * n);
        if (!quiet)
            sqlite3_trace_v2(store_db, SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, on_trace, NULL);
        measure("record attendance again, rows spread over the store", do_spread, &w, n);
        /* then libgrp on the next n rows and its anchor on the n after,
         * alternating in five rounds, the fastest round of each */
        w.anchor = bench_anchor_open(copy);
        w.offset = n;
        w.raw_offset = 2 * n;
        bench_alternate(&lib, &raw, lib_spread, raw_spread, &w, n, 5);
        bench_anchor_close(w.anchor);
        printf("  alternating with its anchor (other rows): libgrp %.1f us, anchor %.1f us per call\n", lib * 1e6,
               raw * 1e6);
        printf("  (%ld of the rows were frozen by a signed hours entry: refused, GRP_ESTATE)\n", w.skipped);
        grp_store_close(s);
        bench_remove_store(copy);
        free((void *)w.spread_session);
        free((void *)w.spread_person);
        free((void *)w.spread_group);
        free((void *)w.spread_attended);
        return 0;
    }
    if (!quiet)
        sqlite3_trace_v2(store_db, SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, on_trace, NULL);
    perf_open();

    grp_id pool[200];
    size_t npool = 0;
    grp_person_iterator *pit;
    grp_person *p;
    BENCH_CHECK(grp_person_iterator_new(&pit, s, st.sample_org, 0));
    while (npool < sizeof pool / sizeof pool[0] && grp_person_iterator_next(&p, pit) == GRP_OK) {
        pool[npool++] = grp_person_id(p);
        grp_person_free(p);
    }
    grp_person_iterator_free(pit);
    int ngroups = (int)(n / SEATS);
    grp_id *groups = calloc((size_t)ngroups, sizeof *groups), *sessions = calloc((size_t)ngroups, sizeof *sessions);
    if (!groups || !sessions || npool < SEATS)
        return 1;
    bench_calls_new_groups(groups, ngroups, s, st.sample_org, "Probe");
    work w = {s, groups, sessions, pool, npool, NULL, NULL, NULL, NULL, 0, NULL, 0, 0};
    measure("join a group", do_join, &w, n);
    grp_datetime occ = {2026, 1, 5, 9, 0, 0};
    for (int g = 0; g < ngroups; g++)
        BENCH_CHECK(grp_session_ensure(&sessions[g], s, groups[g], occ));
    measure("record attendance", do_record, &w, n);
    measure("correct attendance", do_correct, &w, n);
    grp_store_close(s);
    bench_remove_store(copy);
    free(groups);
    free(sessions);
    return 0;
}
