/* Storage faults, injected by a wrapping VFS (faultvfs.h): for every
 * scenario and every N = 1, 2, 3, ... the Nth write, sync or truncate (or
 * the Nth write, as disk full) fails, once or from then on, until the
 * scenario runs through without meeting a fault. After each failure:
 *
 *  - the call returned GRP_ESTORAGE with SQLite's message, the handle is in
 *    no transaction, reads on it work, and the same call on it fails again
 *    (persistent fault) or now succeeds (transient fault);
 *  - after closing it and clearing the fault, the file passes
 *    integrity_check and holds exactly the state before the failed call
 *    (every earlier commit, nothing of the failed one); exactly the state
 *    after it only when a persistent fault first hit the WAL sync of the
 *    commit (the frames were written; the next open recovers them);
 *  - a new handle opens it and the rest of the scenario runs to the same
 *    final state as a run without faults.
 *
 * docs/reliability.md ("Storage faults") describes the scenarios. */
#include "support.h"

#include "faultvfs.h"
#include "storage_support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the world the steps build ---------------------------------------------- */

typedef struct world {
    grp_id org, fac, a, b, group, session, entry, goal;
    char *json;
    size_t json_len;
    char *ndjson;
    size_t ndjson_len;
    size_t ndjson_committed; /* committed_lines of the last NDJSON import */
    const char *path;        /* the store file the scenario works on */
} world;

static world W;

typedef int (*step_fn)(grp_store **s, world *w);

typedef struct step {
    const char *name;
    step_fn fn;
} step;

/* The durability every handle is opened with (GRP_STORAGE_FAULT_LONG runs
 * every scenario with both). */
static grp_durability durability = GRP_DURABILITY_FULL;

static int st_open(grp_store **s, world *w)
{
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    o.busy_timeout_ms = 200;
    o.durability = durability;
    return grp_store_open(s, w->path, &o);
}

static int st_org(grp_store **s, world *w)
{
    grp_org *o;
    int rc = grp_org_create(&o, *s, "Northfield Trust", "NT");
    if (rc == 0) {
        w->org = grp_org_id(o);
        grp_org_free(o);
    }
    return rc;
}

static int person(grp_store *s, world *w, const char *name, const char *ref, grp_id *id)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    ps.org_id = w->org;
    ps.display_name = name;
    ps.external_ref = ref;
    ps.email = "someone@example.org";
    int rc = grp_person_create(&p, s, &ps);
    if (rc == 0) {
        *id = grp_person_id(p);
        grp_person_free(p);
    }
    return rc;
}

static int st_fac(grp_store **s, world *w)
{
    return person(*s, w, "Dr Facilitator", "F1", &w->fac);
}

static int st_person_a(grp_store **s, world *w)
{
    return person(*s, w, "Asha Patel", "A1", &w->a);
}

static int st_person_b(grp_store **s, world *w)
{
    return person(*s, w, "Ben Okafor", "B1", &w->b);
}

static int st_group(grp_store **s, world *w)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g;
    gs.org_id = w->org;
    gs.name = "Weekly group supervision";
    gs.kind = GRP_KIND_GROUP_SUPERVISION;
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room 3";
    gs.timezone = "Europe/London";
    gs.session_minutes = 120;
    int rc = grp_group_create(&g, *s, &gs);
    if (rc == 0) {
        w->group = grp_group_id(g);
        grp_group_free(g);
    }
    return rc;
}

static int st_hours_rule(grp_store **s, world *w)
{
    grp_hours_rule r = GRP_HOURS_RULE_INIT;
    r.mode = GRP_HOURS_BACP;
    return grp_hours_rule_set(*s, w->group, &r);
}

static int st_join_fac(grp_store **s, world *w)
{
    grp_join_options jo = GRP_JOIN_OPTIONS_INIT;
    jo.role = GRP_ROLE_FACILITATOR;
    return grp_member_join(NULL, *s, w->group, w->fac, D(2026, 1, 1), &jo);
}

static int st_join_a(grp_store **s, world *w)
{
    return grp_member_join(NULL, *s, w->group, w->a, D(2026, 1, 2), NULL);
}

static int st_join_b(grp_store **s, world *w)
{
    return grp_member_join(NULL, *s, w->group, w->b, D(2026, 1, 2), NULL);
}

static int st_cadence(grp_store **s, world *w)
{
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
    cs.first_date = D(2026, 1, 5);
    cs.start_hour = 10;
    return grp_cadence_set(NULL, *s, w->group, &cs);
}

static int st_session(grp_store **s, world *w)
{
    grp_datetime occ = {2026, 1, 5, 10, 0, 0};
    return grp_session_ensure(&w->session, *s, w->group, occ);
}

static int st_attend_a(grp_store **s, world *w)
{
    return grp_attendance_record(*s, w->session, w->a, GRP_ATTEND_PRESENT, 120, w->fac);
}

static int st_attend_b(grp_store **s, world *w)
{
    return grp_attendance_record(*s, w->session, w->b, GRP_ATTEND_LATE, 100, w->fac);
}

static int st_sign(grp_store **s, world *w)
{
    grp_hours_iterator *it;
    grp_hours_entry *e;
    int rc = grp_hours_iterator_new(&it, *s, w->a, D(2026, 1, 1), D(2026, 12, 31));
    if (rc)
        return rc;
    rc = grp_hours_iterator_next(&e, it);
    grp_hours_iterator_free(it);
    if (rc)
        return rc;
    w->entry = grp_hours_entry_id(e);
    grp_hours_entry_free(e);
    return grp_hours_sign(*s, w->entry, w->fac, D(2026, 1, 13));
}

static int st_feedback(grp_store **s, world *w)
{
    int ratings[4] = {5, 4, 4, 5};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_actor a = grp_actor_person(w->a);
    sub.ratings = ratings;
    sub.rating_count = 4;
    sub.text = "Protected time, thank you";
    sub.anonymous = 1;
    return grp_feedback_submit(*s, &a, w->session, &sub);
}

static int st_goal(grp_store **s, world *w)
{
    grp_goal_spec gs = GRP_GOAL_SPEC_INIT;
    grp_actor a = grp_actor_person(w->a);
    gs.owner_id = w->a;
    gs.title = "Present a case";
    gs.group_id = w->group;
    gs.target_date = D(2026, 3, 1);
    return grp_goal_create(&w->goal, *s, &a, &gs);
}

static int st_progress(grp_store **s, world *w)
{
    grp_actor a = grp_actor_person(w->a);
    return grp_goal_progress_add(NULL, *s, &a, w->goal, D(2026, 1, 5), 40, "Outline drafted", w->session);
}

static int st_leave_b(grp_store **s, world *w)
{
    return grp_member_leave(NULL, *s, w->group, w->b, D(2026, 1, 20), "moved team");
}

/* Everything from the join of A to the attendance, as one explicit batch
 * with a nested savepoint. On a failure the caller's rollback must work. */
static int st_batch(grp_store **s, world *w)
{
    static const step_fn inner[] = {st_join_a, st_join_b, st_cadence, st_session, st_attend_a, st_attend_b};
    int rc = grp_store_begin(*s);
    if (rc)
        return rc;
    for (size_t i = 0; i < sizeof inner / sizeof inner[0] && rc == 0; i++) {
        if (i == 3 && (rc = grp_store_begin(*s)) != 0)
            break;
        rc = inner[i](s, w);
        if (i == 5 && rc == 0)
            rc = grp_store_commit(*s); /* the savepoint */
    }
    if (rc == 0)
        return grp_store_commit(*s);
    /* Roll back whatever levels are still open; after an I/O error SQLite
     * has usually rolled everything back already (the rollback then still
     * succeeds). The failure's own error must stay the last error. */
    int code = grp_error_last()->code;
    while (grp_store_transaction_depth(*s) > 0)
        if (grp_store_rollback(*s) != 0)
            fail_msg("grp_store_rollback after '%s' failed: %s", grp_error_name(rc), grp_error_last()->message);
    if (grp_error_last()->code != code)
        fail_msg("the rollback replaced the error %s by %s", grp_error_name(code),
                 grp_error_name(grp_error_last()->code));
    return rc;
}

static int st_json_import(grp_store **s, world *w)
{
    grp_actor sys = grp_actor_system();
    return grp_json_import(NULL, *s, &sys, w->json, w->json_len, NULL);
}

static int ndjson_import(grp_store *s, world *w, size_t batch)
{
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_ndjson_import_result r;
    o.batch_records = batch;
    memset(&r, 0, sizeof r);
    r.version = GRP_NDJSON_IMPORT_RESULT_VERSION;
    w->ndjson_committed = 0;
    int rc = grp_ndjson_import_buffer(&r, s, &sys, w->ndjson, w->ndjson_len, &o);
    w->ndjson_committed = r.committed_lines;
    return rc;
}

static int st_ndjson_import(grp_store **s, world *w)
{
    return ndjson_import(*s, w, 0);
}

#define NDJSON_BATCH 4
static int st_ndjson_batched(grp_store **s, world *w)
{
    return ndjson_import(*s, w, NDJSON_BATCH);
}

static int st_erase_a(grp_store **s, world *w)
{
    grp_actor sys = grp_actor_system();
    return grp_person_erase(*s, &sys, w->a);
}

static int st_org2(grp_store **s, world *w)
{
    (void)w;
    return grp_org_create(NULL, *s, "After the fault", "AF");
}

/* ---- scenarios ----------------------------------------------------------------- */

typedef enum base_kind {
    BASE_NONE,     /* no file */
    BASE_SCHEMA0,  /* a libgrp store at schema 0 with a table of its own (rollback journal) */
    BASE_EMPTY,    /* a new, empty store */
    BASE_PEOPLE,   /* org, facilitator, A, B, group with hours rule and facilitator */
    BASE_FULL      /* the final state of the "writes" scenario */
} base_kind;

typedef struct scenario {
    const char *name;
    base_kind base;
    int open_is_step; /* steps[0] is the open (creation, migration) */
    const step *steps;
    size_t n;
} scenario;

static const step creation_steps[] = {{"open (create)", st_open}, {"org create", st_org}, {"person create", st_fac}};
static const step migration_steps[] = {{"open (migrate)", st_open}, {"org create", st_org}};
static const step write_steps[] = {
    {"org create", st_org},         {"person create F", st_fac},      {"person create A", st_person_a},
    {"person create B", st_person_b}, {"group create", st_group},     {"hours rule", st_hours_rule},
    {"join facilitator", st_join_fac}, {"join A", st_join_a},         {"join B", st_join_b},
    {"cadence set", st_cadence},    {"session ensure", st_session},   {"attendance A", st_attend_a},
    {"attendance B", st_attend_b},  {"hours sign-off", st_sign},      {"feedback submit", st_feedback},
    {"goal create", st_goal},       {"goal progress", st_progress},   {"leave B", st_leave_b},
};
static const step batch_steps[] = {{"batch", st_batch}, {"org create", st_org2}};
static const step json_steps[] = {{"JSON import", st_json_import}, {"org create", st_org2}};
static const step ndjson_steps[] = {{"NDJSON import", st_ndjson_import}, {"org create", st_org2}};
static const step ndjson_batched_steps[] = {{"NDJSON import, batched", st_ndjson_batched},
                                            {"org create", st_org2}};
static const step erase_steps[] = {{"person erase", st_erase_a}, {"org create", st_org2}};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- fixture: bases and reference fingerprints ------------------------------------ */

static char *tmpdir;
static char base_path[4096], work_path[4096], full_path[4096];

static void pathf(char *out, const char *name)
{
    snprintf(out, 4096, "%s/%s", tmpdir, name);
}

static void raw_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "unix") != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("raw SQL on %s: %s", path, sqlite3_errmsg(db));
    sqlite3_close(db);
}

static void run_steps_ok(grp_store **s, const step *steps, size_t from, size_t to, const char *what)
{
    for (size_t i = from; i < to; i++) {
        int rc = steps[i].fn(s, &W);
        if (rc)
            fail_msg("%s: step '%s' failed without a fault: %s: %s", what, steps[i].name, grp_error_name(rc),
                     grp_error_last()->message);
    }
}

static void make_base(base_kind kind, const char *path)
{
    grp_store *s = NULL;
    ss_remove_store(path);
    W.path = path;
    switch (kind) {
    case BASE_NONE:
        return;
    case BASE_SCHEMA0:
        raw_sql(path, "PRAGMA application_id = 1279742544; CREATE TABLE keep (x); INSERT INTO keep VALUES (7);");
        return;
    case BASE_EMPTY:
        grp_assert_ok(st_open(&s, &W));
        break;
    case BASE_PEOPLE:
        grp_assert_ok(st_open(&s, &W));
        run_steps_ok(&s, write_steps, 0, 7, "base");
        break;
    case BASE_FULL:
        grp_store_close(s);
        ss_remove_store(path);
        if (ss_copy_file(full_path, path) != 0)
            fail_msg("copying the full store");
        return;
    }
    grp_store_close(s);
}

/* Fingerprint or fail. */
static char *fp(const char *path, const char *what)
{
    char err[512];
    char *f = ss_fingerprint(path, err, sizeof err);
    if (!f)
        fail_msg("%s: the store is damaged: %s", what, err);
    return f;
}

typedef struct reference {
    size_t states; /* steps + 1 */
    char **f;      /* f[i]: the state after i steps */
} reference;

static void reference_free(reference *r)
{
    for (size_t i = 0; i < r->states; i++)
        free(r->f[i]);
    free(r->f);
    r->f = NULL;
}

/* Run the scenario without faults, taking the fingerprint after every step. */
static void reference_run(const scenario *sc, reference *r)
{
    grp_store *s = NULL;
    fv_disarm();
    make_base(sc->base, base_path);
    ss_remove_store(work_path);
    if (sc->base != BASE_NONE && ss_copy_file(base_path, work_path) != 0)
        fail_msg("copying the base");
    W.path = work_path;
    r->states = sc->n + 1;
    r->f = calloc(r->states, sizeof *r->f);
    r->f[0] = fp(work_path, "reference");
    if (!sc->open_is_step)
        grp_assert_ok(st_open(&s, &W));
    for (size_t i = 0; i < sc->n; i++) {
        run_steps_ok(&s, sc->steps, i, i + 1, sc->name);
        r->f[i + 1] = fp(work_path, "reference");
    }
    grp_store_close(s);
}

/* States after a batched import of the first `lines` lines, computed once. */
#define PREFIX_CACHE 64
static struct {
    size_t lines;
    char *f;
} prefix_cache[PREFIX_CACHE];
static size_t prefix_cached;

static void prefix_cache_clear(void)
{
    for (size_t i = 0; i < prefix_cached; i++)
        free(prefix_cache[i].f);
    prefix_cached = 0;
}

static char *ndjson_prefix_compute(size_t lines);

/* The state after a batched NDJSON import committed `lines` lines: the
 * same lines imported the same way into the base. New: free(). */
static char *ndjson_prefix_state(size_t lines)
{
    for (size_t i = 0; i < prefix_cached; i++)
        if (prefix_cache[i].lines == lines)
            return strdup(prefix_cache[i].f);
    char *f = ndjson_prefix_compute(lines);
    if (prefix_cached < PREFIX_CACHE) {
        prefix_cache[prefix_cached].lines = lines;
        prefix_cache[prefix_cached++].f = strdup(f);
    }
    return f;
}

static char *ndjson_prefix_compute(size_t lines)
{
    char prefix_path[4096];
    if (lines == 0)
        return fp(base_path, "base");
    pathf(prefix_path, "prefix.db");
    ss_remove_store(prefix_path);
    if (ss_copy_file(base_path, prefix_path) != 0)
        fail_msg("copying the base");
    size_t len = 0, seen = 0;
    while (len < W.ndjson_len && seen < lines)
        if (W.ndjson[len++] == '\n')
            seen++;
    grp_store *s;
    grp_actor sys = grp_actor_system();
    world save = W;
    W.path = prefix_path;
    grp_assert_ok(st_open(&s, &W));
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    o.batch_records = NDJSON_BATCH;
    grp_assert_ok(grp_ndjson_import_buffer(NULL, s, &sys, W.ndjson, len, &o));
    grp_store_close(s);
    W = save;
    char *f = fp(prefix_path, "prefix");
    ss_remove_store(prefix_path);
    return f;
}

/* ---- the loop ------------------------------------------------------------------ */

typedef struct mode {
    const char *name;
    fv_kind kind;
    int persistent;
} mode;

static const mode modes[] = {
    {"I/O error, transient", FV_IOERR, 0},
    {"I/O error, persistent", FV_IOERR, 1},
    {"disk full, transient", FV_FULL, 0},
    {"disk full, persistent", FV_FULL, 1},
};

typedef struct tally {
    long runs, failures, absent, present, partial, completed_with_fault;
} tally;

/* A read on a handle after a failure must work. */
static void probe_read(grp_store *s, const char *ctx)
{
    grp_org_iterator *it;
    grp_org *o;
    int rc = grp_org_iterator_new(&it, s, 0);
    if (rc)
        fail_msg("%s: a read after the failure returned %s: %s", ctx, grp_error_name(rc),
                 grp_error_last()->message);
    while ((rc = grp_org_iterator_next(&o, it)) == 0)
        grp_org_free(o);
    grp_org_iterator_free(it);
    if (rc != GRP_ITEROVER)
        fail_msg("%s: iterating after the failure returned %s: %s", ctx, grp_error_name(rc),
                 grp_error_last()->message);
}

/* One run with the Nth counted call failing. Returns 1 when the run met
 * no fault at all (N is past the scenario's last counted call). */
static int fault_run(const scenario *sc, const reference *ref, const mode *m, long n, tally *t)
{
    char ctx[256];
    grp_store *s = NULL;
    ss_remove_store(work_path);
    if (sc->base != BASE_NONE && ss_copy_file(base_path, work_path) != 0)
        fail_msg("copying the base");
    W.path = work_path;
    if (!sc->open_is_step)
        grp_assert_ok(st_open(&s, &W));
    fv_arm(m->kind, n, m->persistent);
    size_t failed = 0; /* 1-based index of the failed step */
    int rc = 0;
    for (size_t i = 0; i < sc->n; i++) {
        grp_error_clear();
        if ((rc = sc->steps[i].fn(&s, &W)) != 0) {
            failed = i + 1;
            break;
        }
    }
    long injected = fv_injected();
    fv_op op;
    fv_file file;
    int code;
    fv_first_fault(&op, &file, &code);
    snprintf(ctx, sizeof ctx, "%s, %s, N=%ld (first fault: %s on %s, sqlite code %d)%s%s", sc->name, m->name, n,
             fv_op_name(op), fv_file_name(file), code, failed ? ", failed step: " : "",
             failed ? sc->steps[failed - 1].name : "");
    t->runs++;
    size_t state = 0; /* the reference state the file must hold */
    if (!failed) {
        grp_store_close(s);
        fv_disarm();
        if (injected)
            t->completed_with_fault++;
        char *got = fp(work_path, ctx);
        if (strcmp(got, ref->f[sc->n]) != 0) {
            ss_print_diff("expected", ref->f[sc->n], "found", got);
            fail_msg("%s: every call succeeded but the store differs from a run without faults", ctx);
        }
        free(got);
        return injected == 0;
    }
    t->failures++;
    if (!injected)
        fail_msg("%s: failed with %s without any injected fault: %s", ctx, grp_error_name(rc),
                 grp_error_last()->message);
    if (rc != GRP_ESTORAGE)
        fail_msg("%s: returned %s, expected GRP_ESTORAGE: %s", ctx, grp_error_name(rc), grp_error_last()->message);
    if (grp_error_last()->code != GRP_ESTORAGE)
        fail_msg("%s: the last error is %s, not the returned GRP_ESTORAGE", ctx, grp_error_name(grp_error_last()->code));
    const char *want = code == SQLITE_FULL ? "disk is full" : "disk I/O error";
    if (!strstr(grp_error_last()->message, want))
        fail_msg("%s: message '%s' does not say '%s'", ctx, grp_error_last()->message, want);

    int batched = sc->steps[failed - 1].fn == st_ndjson_batched;
    size_t committed = batched ? W.ndjson_committed : 0;
    if (s) {
        if (grp_store_transaction_depth(s) != 0)
            fail_msg("%s: the handle is left at transaction depth %d", ctx, grp_store_transaction_depth(s));
        probe_read(s, ctx);
        /* The same call again on the same handle: fails again under a
         * persistent fault, succeeds once the fault is gone. A batched
         * import that committed some batches is not repeated. */
        if (!committed) {
            grp_error_clear();
            int again = sc->steps[failed - 1].fn(&s, &W);
            if (m->persistent && again != GRP_ESTORAGE)
                fail_msg("%s: the call repeated under the persistent fault returned %s: %s", ctx,
                         grp_error_name(again), grp_error_last()->message);
            if (!m->persistent && again != 0)
                fail_msg("%s: the call repeated after the transient fault returned %s: %s", ctx,
                         grp_error_name(again), grp_error_last()->message);
            if (grp_store_transaction_depth(s) != 0)
                fail_msg("%s: the handle is left at transaction depth %d after the repeat", ctx,
                         grp_store_transaction_depth(s));
            if (!m->persistent) {
                failed++; /* the step is done now */
                batched = 0;
            }
        }
        grp_store_close(s); /* under a persistent fault: a close that cannot checkpoint */
        s = NULL;
    } else if (!m->persistent) {
        /* The open failed: a second open works once the fault is gone. */
        if ((rc = sc->steps[failed - 1].fn(&s, &W)) != 0)
            fail_msg("%s: opening again after the transient fault returned %s: %s", ctx, grp_error_name(rc),
                     grp_error_last()->message);
        grp_store_close(s);
        s = NULL;
        failed++;
    }
    fv_disarm();

    char *got = fp(work_path, ctx);
    if (batched) {
        /* Absent: exactly the committed batches. Present (as below): also
         * the batch whose commit failed. */
        char *before = ndjson_prefix_state(committed);
        char *after = ndjson_prefix_state((committed ? committed : 1) + NDJSON_BATCH); /* 1: the header */
        if (strcmp(got, before) == 0)
            committed ? t->partial++ : t->absent++;
        else if (strcmp(got, after) == 0) {
            if (!(op == FV_SYNC && file == FV_WAL) || !m->persistent)
                fail_msg("%s: the failed batch is present in the store", ctx);
            t->present++;
        } else {
            ss_print_diff("committed batches", before, "found", got);
            fail_msg("%s: the store does not hold exactly the %zu committed lines (or the failed batch too)", ctx,
                     committed);
        }
        free(before);
        free(after);
        free(got);
        /* No continuation of a partly imported stream: further writes work. */
        grp_assert_ok(st_open(&s, &W));
        grp_assert_ok(st_org2(&s, &W));
        grp_store_close(s);
        return 0;
    }
    if (strcmp(got, ref->f[failed - 1]) == 0) {
        state = failed - 1;
        t->absent++;
    } else if (strcmp(got, ref->f[failed]) == 0) {
        /* Present although the call failed: allowed only when the commit
         * record reached the WAL and only its sync failed (SQLite then
         * reports the error, and a later recovery of the WAL finds a
         * complete transaction). */
        if (!(op == FV_SYNC && file == FV_WAL) || !m->persistent)
            fail_msg("%s: the failed call is present in the store", ctx);
        state = failed;
        t->present++;
    } else {
        ss_print_diff("before the call", ref->f[failed - 1], "found", got);
        ss_print_diff("after the call", ref->f[failed], "found", got);
        fail_msg("%s: the store holds neither the state before the failed call nor the state after it", ctx);
    }
    free(got);

    /* A new handle, and the rest of the scenario. */
    if (!sc->open_is_step || state > 0)
        grp_assert_ok(st_open(&s, &W));
    run_steps_ok(&s, sc->steps, state, sc->n, ctx);
    grp_store_close(s);
    got = fp(work_path, ctx);
    if (strcmp(got, ref->f[sc->n]) != 0) {
        ss_print_diff("expected", ref->f[sc->n], "found", got);
        fail_msg("%s: after the fault the scenario ends in another state than without faults", ctx);
    }
    free(got);
    return 0;
}

static void loop_once(const scenario *sc)
{
    reference ref;
    reference_run(sc, &ref);
    for (size_t mi = 0; mi < N_OF(modes); mi++) {
        tally t = {0};
        long n;
        for (n = 1; !fault_run(sc, &ref, &modes[mi], n, &t); n++)
            if (n > 100000)
                fail_msg("%s: no end", sc->name);
        printf("%-24s %-22s %-6s N=1..%ld: %ld failed calls (%ld absent, %ld present, %ld partly committed), "
               "%ld runs completed despite a fault\n",
               sc->name, modes[mi].name, durability == GRP_DURABILITY_FULL ? "FULL" : "NORMAL", n, t.failures, t.absent, t.present, t.partial, t.completed_with_fault);
        if (t.failures == 0)
            fail_msg("%s, %s: no fault ever made a call fail", sc->name, modes[mi].name);
    }
    reference_free(&ref);
    prefix_cache_clear();
    ss_remove_store(work_path);
    ss_remove_store(base_path);
}

/* Every scenario with GRP_DURABILITY_FULL (a WAL sync at every commit);
 * with GRP_STORAGE_FAULT_LONG set, also with GRP_DURABILITY_NORMAL (syncs
 * only at checkpoints). */
static void loop(const scenario *sc)
{
    durability = GRP_DURABILITY_FULL;
    loop_once(sc);
    if (getenv("GRP_STORAGE_FAULT_LONG")) {
        durability = GRP_DURABILITY_NORMAL;
        loop_once(sc);
        durability = GRP_DURABILITY_FULL;
    }
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_creation(void **state)
{
    (void)state;
    scenario sc = {"creation", BASE_NONE, 1, creation_steps, N_OF(creation_steps)};
    loop(&sc);
}

static void test_migration(void **state)
{
    (void)state;
    scenario sc = {"migration", BASE_SCHEMA0, 1, migration_steps, N_OF(migration_steps)};
    loop(&sc);
}

static void test_writes(void **state)
{
    (void)state;
    scenario sc = {"writes", BASE_EMPTY, 0, write_steps, N_OF(write_steps)};
    loop(&sc);
}

static void test_batch(void **state)
{
    (void)state;
    scenario sc = {"batch", BASE_PEOPLE, 0, batch_steps, N_OF(batch_steps)};
    loop(&sc);
}

static void test_json_import(void **state)
{
    (void)state;
    scenario sc = {"JSON import", BASE_EMPTY, 0, json_steps, N_OF(json_steps)};
    loop(&sc);
}

static void test_ndjson_import(void **state)
{
    (void)state;
    scenario sc = {"NDJSON import", BASE_EMPTY, 0, ndjson_steps, N_OF(ndjson_steps)};
    loop(&sc);
}

static void test_ndjson_import_batched(void **state)
{
    (void)state;
    scenario sc = {"NDJSON import, batched", BASE_EMPTY, 0, ndjson_batched_steps, N_OF(ndjson_batched_steps)};
    loop(&sc);
}

static void test_erasure(void **state)
{
    (void)state;
    scenario sc = {"erasure", BASE_FULL, 0, erase_steps, N_OF(erase_steps)};
    loop(&sc);
}

/* The full store of the "writes" scenario, and its JSON and NDJSON
 * exports, for the import and erasure scenarios. */
static int setup(void **state)
{
    (void)state;
    tmpdir = grp_test_tmpdir();
    if (!tmpdir || fv_install() != 0)
        return -1;
    fv_skip_sync(getenv("GRP_STORAGE_FAULT_REAL_SYNC") == NULL);
    pathf(base_path, "base.db");
    pathf(work_path, "work.db");
    pathf(full_path, "full.db");
    grp_store *s = NULL;
    grp_actor sys = grp_actor_system();
    W.path = full_path;
    if (st_open(&s, &W))
        return -1;
    for (size_t i = 0; i < N_OF(write_steps); i++)
        if (write_steps[i].fn(&s, &W)) {
            fprintf(stderr, "setup: %s: %s\n", write_steps[i].name, grp_error_last()->message);
            return -1;
        }
    if (grp_json_export(&W.json, s, &sys, NULL) ||
        grp_ndjson_export_to_buffer(&W.ndjson, &W.ndjson_len, s, &sys, NULL)) {
        fprintf(stderr, "setup: export: %s\n", grp_error_last()->message);
        return -1;
    }
    W.json_len = strlen(W.json);
    grp_store_close(s);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    grp_free(W.json);
    grp_free(W.ndjson);
    grp_test_rmtree(tmpdir);
    free(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_creation),
        cmocka_unit_test(test_migration),
        cmocka_unit_test(test_writes),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_json_import),
        cmocka_unit_test(test_ndjson_import),
        cmocka_unit_test(test_ndjson_import_batched),
        cmocka_unit_test(test_erasure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
