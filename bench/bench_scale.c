/* bench_scale: performance at scale (issue 5).
 *
 * For stores of about 10,000, 100,000 and 1,000,000 attendance rows built
 * by the generator (bench/support/gen.h; cached under the build directory,
 * bench/stores/, and reused while the generator and the schema are the
 * same), in one run:
 *
 *  - the attendance report of one group over its ten years, and of one
 *    organisation (about 12.5 groups), against one hand-written SQL query
 *    computing the same figures on the same file; both computations are
 *    first checked to give identical figures;
 *  - three single calls (join a group, record attendance, read a group)
 *    against the same durable writes or reads as raw prepared SQLite
 *    statements on the same file (bench/README.md defines each anchor);
 *  - how each per-operation cost grows from the smallest to the largest
 *    store, next to the logarithmic bound;
 *  - at the largest size, the peak resident memory of an NDJSON export and
 *    import of the whole store, and of a JSON document export and import.
 *
 *   ./build/bench/bench_scale [rows ...]      (default 10000 100000 1000000)
 *
 * Single calls run on a copy of the cached store, which stays as built.
 */
#include "support/calls.h"
#include "support/child.h"
#include "support/gen.h"

#include <libgrp.h>
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


#define MAX_SCALES 8

enum { OP_REPORT_GROUP, OP_REPORT_ORG, OP_CALLS, OP_COUNT = OP_CALLS + BENCH_CALL_COUNT };
static const char *op_names[OP_COUNT] = {"report: one group, ten years", "report: one organisation"};

typedef bench_figure figure;

/* ---- files ----------------------------------------------------------------------- */

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    static char buf[1 << 20];
    size_t n;
    if (!in || !out) {
        fprintf(stderr, "bench_scale: cannot copy %s to %s\n", from, to);
        exit(1);
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) {
            fprintf(stderr, "bench_scale: writing %s failed\n", to);
            exit(1);
        }
    fclose(in);
    if (fclose(out) != 0)
        exit(1);
}

/* The cached store of `rows` rows, built if missing, at the current schema. */
static void cached_store(char *path, size_t size, const char *dir, long rows)
{
    struct stat sb;
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    grp_store *s;
    snprintf(path, size, "%s/gen%d-%ld.grp", dir, BENCH_GEN_VERSION, rows);
    o.durability = GRP_DURABILITY_NORMAL;
    if (stat(path, &sb) != 0) {
        char tmp[4200];
        bench_gen_spec spec = BENCH_GEN_SPEC_INIT;
        bench_gen_stats st;
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        bench_remove_store(tmp);
        fprintf(stderr, "bench_scale: building %s (once; cached)\n", path);
        BENCH_CHECK(grp_store_open(&s, tmp, &o));
        spec.scale = bench_gen_scale_for_rows(rows);
        spec.progress = 1;
        BENCH_CHECK(bench_gen_build(s, &spec, &st));
        grp_store_close(s);
        if (rename(tmp, path) != 0) {
            perror("rename");
            exit(1);
        }
        fprintf(stderr, "bench_scale: %ld attendance rows in %.0f s\n", st.attendance, st.seconds);
    }
    /* Opening brings an older cached store to the current schema, once. */
    BENCH_CHECK(grp_store_open(&s, path, &o));
    grp_store_close(s);
}

/* ---- reports and their hand-written SQL -------------------------------------------- */

/* Per member of a group: the report's counts and the display name. */
typedef struct member_row {
    long long group_id, person_id, c[5]; /* expected, attended, apologies, absent, not_recorded */
    char *name;
    double rate; /* attendance_rate, -1 if NULL */
} member_row;

typedef struct rows {
    member_row *v;
    size_t n, cap;
} rows;

static void rows_clear(rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].name);
    r->n = 0;
}

static member_row *rows_add(rows *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->v = realloc(r->v, r->cap * sizeof *r->v);
        if (!r->v)
            exit(1);
    }
    memset(&r->v[r->n], 0, sizeof r->v[0]);
    return &r->v[r->n++];
}

/* The hand-written anchor: every figure of the report from one query. The
 * sessions counted are those stored in the period and not cancelled or
 * marked not held (the generator stores every occurrence); a member is
 * expected at a session when a member stint is active on its local date. */
#define ANCHOR_SELECT                                                                                       \
    "SELECT s.group_id, m.person_id, p.display_name, count(*), sum(a.status IN (1, 2, 3)), "              \
    "sum(a.status = 5), sum(a.status = 4), sum(coalesce(a.status, 0) = 0) "                                \
    "FROM session s JOIN membership m ON m.group_id = s.group_id AND m.role = 0 AND m.began IS NOT NULL "  \
    "AND m.began <= substr(s.start_local, 1, 10) AND (m.ended IS NULL OR m.ended > substr(s.start_local, 1, 10)) " \
    "JOIN person p ON p.id = m.person_id "                                                                 \
    "LEFT JOIN attendance a ON a.session_id = s.id AND a.person_id = m.person_id "                         \
    "WHERE s.start_utc >= ?2 AND s.start_utc < ?3 AND s.status IN (0, 3) "
static const char anchor_group_sql[] = ANCHOR_SELECT "AND s.group_id = ?1 GROUP BY m.person_id ORDER BY m.person_id";
static const char anchor_org_sql[] = ANCHOR_SELECT "AND s.group_id IN (SELECT id FROM grp_group WHERE org_id = ?1) "
                                                   "GROUP BY s.group_id, m.person_id ORDER BY s.group_id, m.person_id";

static void anchor_report(rows *out, sqlite3_stmt *st, grp_id id, grp_time from, grp_time to)
{
    rows_clear(out);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    while (sqlite3_step(st) == SQLITE_ROW) {
        member_row *m = rows_add(out);
        m->group_id = sqlite3_column_int64(st, 0);
        m->person_id = sqlite3_column_int64(st, 1);
        m->name = strdup((const char *)sqlite3_column_text(st, 2));
        for (int k = 0; k < 5; k++)
            m->c[k] = sqlite3_column_int64(st, 3 + k);
        long long recorded = m->c[0] - m->c[4];
        m->rate = recorded > 0 ? (double)m->c[1] / (double)recorded : -1;
    }
    sqlite3_reset(st);
}

static long long cell_int(const grp_report *r, size_t row, const char *col)
{
    size_t c;
    if (grp_report_column_find(&c, r, col) < 0)
        exit(1);
    const char *v = grp_report_cell(r, row, c);
    return v ? atoll(v) : -1;
}

/* The report's member rows (the group rows are sums of them). */
static void report_members(rows *out, const grp_report *r)
{
    static const char *const cols[5] = {"expected", "attended", "apologies", "absent", "not_recorded"};
    size_t type, name, rate;
    rows_clear(out);
    BENCH_CHECK(grp_report_column_find(&type, r, "row_type"));
    BENCH_CHECK(grp_report_column_find(&name, r, "person"));
    BENCH_CHECK(grp_report_column_find(&rate, r, "attendance_rate"));
    for (size_t i = 0; i < grp_report_row_count(r); i++) {
        if (strcmp(grp_report_cell(r, i, type), "member") != 0)
            continue;
        member_row *m = rows_add(out);
        m->group_id = cell_int(r, i, "group_id");
        m->person_id = cell_int(r, i, "person_id");
        m->name = strdup(grp_report_cell(r, i, name));
        for (int k = 0; k < 5; k++)
            m->c[k] = cell_int(r, i, cols[k]);
        const char *v = grp_report_cell(r, i, rate);
        m->rate = v ? strtod(v, NULL) : -1;
    }
}

/* Identical figures, or exit. The report also lists members of the period
 * who had no session to attend (all zeros); the query cannot see them. */
static size_t same_figures(const rows *rep, const rows *sql, const char *what)
{
    size_t j = 0, idle = 0;
    for (size_t i = 0; i < rep->n; i++) {
        const member_row *a = &rep->v[i];
        if (a->c[0] == 0) {
            idle++;
            continue;
        }
        const member_row *b = j < sql->n ? &sql->v[j++] : NULL;
        int same = b && a->group_id == b->group_id && a->person_id == b->person_id && !strcmp(a->name, b->name);
        for (int k = 0; same && k < 5; k++)
            same = a->c[k] == b->c[k];
        /* the report rounds rates to four decimals */
        same = same && ((a->rate < 0 && b->rate < 0) || fabs(a->rate - b->rate) <= 0.00005 + 1e-12);
        if (!same) {
            fprintf(stderr, "bench_scale: %s: the report and the SQL query differ at group %lld person %lld\n", what,
                    a->group_id, a->person_id);
            exit(1);
        }
    }
    if (j != sql->n) {
        fprintf(stderr, "bench_scale: %s: the SQL query has %zu member rows, the report %zu\n", what, sql->n, j);
        exit(1);
    }
    return idle;
}

typedef struct report_ctx {
    grp_store *s;
    sqlite3_stmt *st;
    grp_id id;
    grp_time from, to;
    rows out;
} report_ctx;

static void run_group_report(void *p, long i)
{
    (void)i;
    report_ctx *c = p;
    grp_report *r;
    grp_actor sys = grp_actor_system();
    BENCH_CHECK(grp_report_attendance(&r, c->s, &sys, c->id, c->from, c->to));
    grp_report_free(r);
}

static void run_org_report(void *p, long i)
{
    (void)i;
    report_ctx *c = p;
    grp_report *r;
    grp_actor sys = grp_actor_system();
    BENCH_CHECK(grp_report_attendance_org(&r, c->s, &sys, c->id, c->from, c->to));
    grp_report_free(r);
}

static void run_anchor(void *p, long i)
{
    (void)i;
    report_ctx *c = p;
    anchor_report(&c->out, c->st, c->id, c->from, c->to);
}

static void measure_reports(figure *f, grp_store *s, sqlite3 *db, const bench_gen_stats *st, size_t *members,
                            size_t *idle)
{
    report_ctx c = {0};
    rows rep = {0};
    grp_report *r;
    grp_actor sys = grp_actor_system();
    c.s = s;
    BENCH_CHECK(grp_time_parse(&c.from, BENCH_GEN_FROM));
    BENCH_CHECK(grp_time_parse(&c.to, BENCH_GEN_TO));
    for (int org = 0; org < 2; org++) {
        const char *what = org ? "organisation report" : "group report";
        c.id = org ? st->sample_org : st->sample_group;
        BENCH_SQL_OK(db, sqlite3_prepare_v2(db, org ? anchor_org_sql : anchor_group_sql, -1, &c.st, NULL) == SQLITE_OK);
        if (org)
            BENCH_CHECK(grp_report_attendance_org(&r, s, &sys, c.id, c.from, c.to));
        else
            BENCH_CHECK(grp_report_attendance(&r, s, &sys, c.id, c.from, c.to));
        report_members(&rep, r);
        grp_report_free(r);
        run_anchor(&c, 0);
        idle[org] = same_figures(&rep, &c.out, what);
        members[org] = rep.n;
        /* about 0.1 s a side a round, alternating, the fastest round counts */
        double t0 = bench_now();
        (org ? run_org_report : run_group_report)(&c, 0);
        long per_round = (long)(0.1 / (bench_now() - t0 + 1e-9)) + 1;
        figure *x = &f[org ? OP_REPORT_ORG : OP_REPORT_GROUP];
        bench_alternate(&x->grp, &x->raw, org ? run_org_report : run_group_report, run_anchor, &c, 5 * per_round, 5);
        sqlite3_finalize(c.st);
    }
    rows_clear(&rep);
    rows_clear(&c.out);
    free(rep.v);
    free(c.out.v);
}

/* ---- memory of export and import ------------------------------------------------------ */

typedef struct io_job {
    const char *store, *file;
    int kind; /* 0 NDJSON export, 1 NDJSON import into a new store, 2 JSON export, 3 JSON import */
    int rc;
} io_job;

static void run_io(void *arg)
{
    io_job *j = arg;
    grp_store *s;
    grp_actor sys = grp_actor_system();
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    o.durability = GRP_DURABILITY_NORMAL;
    BENCH_CHECK(grp_store_open(&s, j->store, &o));
    if (j->kind == 0)
        BENCH_CHECK(grp_ndjson_export_to_file(j->file, s, &sys, NULL));
    else if (j->kind == 1) {
        grp_ndjson_import_options io;
        grp_ndjson_import_options_init(&io, GRP_NDJSON_IMPORT_OPTIONS_VERSION);
        BENCH_CHECK(grp_ndjson_import_file(NULL, s, &sys, j->file, &io));
    } else if (j->kind == 2)
        BENCH_CHECK(grp_json_export_to_file(j->file, s, &sys, NULL));
    else {
        /* memory does not grow with the document: lift the size guard */
        grp_json_import_options io;
        grp_json_import_options_init(&io, GRP_JSON_IMPORT_OPTIONS_VERSION);
        io.max_bytes = SIZE_MAX;
        BENCH_CHECK(grp_json_import_file(NULL, s, &sys, j->file, &io));
    }
    grp_store_close(s);
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static void measure_memory(const char *store, const char *dir)
{
    char nd[4200], js[4200], copy[4200];
    long rss[4];
    double t[4];
    snprintf(nd, sizeof nd, "%s/bench_scale.ndjson", dir);
    snprintf(js, sizeof js, "%s/bench_scale.json", dir);
    snprintf(copy, sizeof copy, "%s/bench_scale-import.grp", dir);
    bench_remove_store(copy);
    io_job e = {store, nd, 0, 0}, i = {copy, nd, 1, 0}, d = {store, js, 2, 0}, di = {copy, js, 3, 0};
    t[0] = bench_in_child(run_io, &e, &rss[0]);
    t[1] = bench_in_child(run_io, &i, &rss[1]);
    t[2] = bench_in_child(run_io, &d, &rss[2]);
    printf("peak resident memory of the whole store's export and import (target < 64 MiB):\n");
    printf("  NDJSON export   %7.1f MiB  %6.1f s  %6.1f MiB written\n", rss[0] / 1024.0, t[0], file_size(nd) / 1048576.0);
    printf("  NDJSON import   %7.1f MiB  %6.1f s  (into a new store file)\n", rss[1] / 1024.0, t[1]);
    printf("  JSON export     %7.1f MiB  %6.1f s  %6.1f MiB written (one document)\n", rss[2] / 1024.0, t[2],
           file_size(js) / 1048576.0);
    bench_remove_store(copy);
    t[3] = bench_in_child(run_io, &di, &rss[3]);
    printf("  JSON import     %7.1f MiB  %6.1f s  (into a new store file)\n", rss[3] / 1024.0, t[3]);
    remove(nd);
    remove(js);
    bench_remove_store(copy);
}

/* ---- main ------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    long scales[MAX_SCALES] = {10000, 100000, 1000000};
    int nscales = 3;
    figure f[MAX_SCALES][OP_COUNT];
    char dir[4096], cache[4200], work[4300];
    if (argc > 1) {
        nscales = 0;
        for (int i = 1; i < argc && nscales < MAX_SCALES; i++)
            if ((scales[nscales] = atol(argv[i])) >= 1000)
                nscales++;
    }
    /* the cache lives beside the program, in the build directory */
    snprintf(dir, sizeof dir, "%s", argv[0]);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    strncat(dir, "/stores", sizeof dir - strlen(dir) - 1);
    mkdir(dir, 0777);
    for (int c = 0; c < BENCH_CALL_COUNT; c++)
        op_names[OP_CALLS + c] = bench_call_names[c];

    printf("bench_scale: libgrp %s, SQLite %s, schema %d; figures per operation, libgrp vs its anchor\n",
           grp_version_string(), sqlite3_libversion(), grp_store_schema_latest());
    for (int k = 0; k < nscales; k++) {
        bench_gen_stats st;
        grp_store *s;
        sqlite3 *db;
        size_t members[2], idle[2];
        grp_store_options o = GRP_STORE_OPTIONS_INIT;
        cached_store(cache, sizeof cache, dir, scales[k]);
        o.durability = GRP_DURABILITY_NORMAL;
        BENCH_CHECK(grp_store_open(&s, cache, &o));
        BENCH_CHECK(bench_gen_describe(s, &st));
        {
            grp_group_iterator *it;
            grp_group *g;
            st.groups = 0;
            BENCH_CHECK(grp_group_iterator_new(&it, s, 0, GRP_LIST_INCLUDE_ARCHIVED));
            while (grp_group_iterator_next(&g, it) == GRP_OK) {
                st.groups++;
                grp_group_free(g);
            }
            grp_group_iterator_free(it);
        }
        BENCH_SQL_OK(db, sqlite3_open_v2(cache, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
        sqlite3_stmt *cnt;
        BENCH_SQL_OK(db, sqlite3_prepare_v2(db, "SELECT count(*) FROM attendance", -1, &cnt, NULL) == SQLITE_OK);
        sqlite3_step(cnt);
        long att = (long)sqlite3_column_int64(cnt, 0);
        sqlite3_finalize(cnt);
        printf("\nstore of %ld attendance rows (%ld groups, %.0f MiB):\n", att, st.groups,
               file_size(cache) / 1048576.0);
        measure_reports(f[k], s, db, &st, members, idle);
        printf("  checked: the report and the SQL query give identical figures (group: %zu member rows, "
               "organisation: %zu; %zu and %zu with no session to attend)\n",
               members[0], members[1], idle[0], idle[1]);
        sqlite3_close(db);
        grp_store_close(s);

        snprintf(work, sizeof work, "%s/work-%ld.grp", dir, scales[k]);
        bench_remove_store(work);
        copy_file(cache, work);
        bench_figure calls[BENCH_CALL_COUNT];
        bench_calls_measure(calls, work, st.sample_org, st.groups);
        for (int c = 0; c < BENCH_CALL_COUNT; c++)
            f[k][OP_CALLS + c] = calls[c];
        bench_remove_store(work);
        for (int op = 0; op < OP_COUNT; op++)
            printf("  %-30s libgrp %10.1f us   anchor %10.1f us   ratio %5.2f\n", op_names[op], f[k][op].grp * 1e6,
                   f[k][op].raw * 1e6, f[k][op].grp / f[k][op].raw);
    }
    if (nscales > 1) {
        double bound = log((double)scales[nscales - 1]) / log((double)scales[0]);
        printf("\ngrowth of the cost per operation from %ld to %ld rows (logarithmic bound: x%.2f):\n", scales[0],
               scales[nscales - 1], bound);
        for (int op = 0; op < OP_COUNT; op++) {
            printf("  %-30s libgrp", op_names[op]);
            for (int k = 0; k < nscales; k++)
                printf(" %9.1f", f[k][op].grp * 1e6);
            printf(" us  x%.2f", f[nscales - 1][op].grp / f[0][op].grp);
            printf("   (anchor x%.2f)\n", f[nscales - 1][op].raw / f[0][op].raw);
        }
    }
    if (nscales > 0) {
        printf("\nstore of %ld rows: ", scales[nscales - 1]);
        cached_store(cache, sizeof cache, dir, scales[nscales - 1]);
        measure_memory(cache, dir);
    }
    return 0;
}
