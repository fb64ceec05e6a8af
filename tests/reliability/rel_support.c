#include "rel_support.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

long rel_env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return dflt;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    return (end && *end == '\0' && n > 0) ? n : dflt;
}

int64_t rel_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t rel_now_ms(void)
{
    return rel_now_us() / 1000;
}

void rel_sleep_us(int64_t us)
{
    struct timespec ts = {(time_t)(us / 1000000), (long)(us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

uint64_t rel_rng_next(rel_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int64_t rel_rng_range(rel_rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    return lo + (int64_t)(rel_rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* ---- SQLite ----------------------------------------------------------------- */

const char *rel_sqlite_check(const char *path, char *detail, size_t len)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    const char *problem = NULL;
    detail[0] = '\0';
    /* Read-write (not read-only) so that SQLite may recover a WAL left by
     * a killed writer, exactly as the next real user of the file would. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        snprintf(detail, len, "%s", db ? sqlite3_errmsg(db) : "out of memory");
        problem = "cannot open the store with sqlite3";
        goto done;
    }
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
        snprintf(detail, len, "%s", sqlite3_errmsg(db));
        problem = "cannot run PRAGMA integrity_check";
        goto done;
    }
    int rc = sqlite3_step(st);
    const unsigned char *t = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (!t || strcmp((const char *)t, "ok") != 0) {
        snprintf(detail, len, "%s", t ? (const char *)t : sqlite3_errmsg(db));
        problem = "PRAGMA integrity_check is not ok";
        goto done;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
        snprintf(detail, len, "%s", sqlite3_errmsg(db));
        problem = "cannot run PRAGMA foreign_key_check";
        goto done;
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(detail, len, "table %s rowid %lld refers to missing %s", sqlite3_column_text(st, 0),
                 (long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2));
        problem = "PRAGMA foreign_key_check reports dangling references";
    } else if (rc != SQLITE_DONE) {
        snprintf(detail, len, "%s", sqlite3_errmsg(db));
        problem = "PRAGMA foreign_key_check failed";
    }
done:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return problem;
}

int64_t rel_sqlite_int(const char *path, const char *sql, char *err, size_t len)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int64_t v = INT64_MIN;
    err[0] = '\0';
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(db, 5000) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, len, "%s: %s", sql, db ? sqlite3_errmsg(db) : "out of memory");
    } else if (sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
    } else {
        snprintf(err, len, "%s: no row (%s)", sql, sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* ---- children ------------------------------------------------------------- */

#define REL_MAX_CHILDREN 64
static pid_t children[REL_MAX_CHILDREN];

void rel_child_add(pid_t pid)
{
    for (int i = 0; i < REL_MAX_CHILDREN; i++)
        if (children[i] == 0) {
            children[i] = pid;
            return;
        }
    /* Never expected: the tests start far fewer children. */
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    fprintf(stderr, "rel_child_add: too many children\n");
    abort();
}

void rel_child_forget(pid_t pid)
{
    for (int i = 0; i < REL_MAX_CHILDREN; i++)
        if (children[i] == pid)
            children[i] = 0;
}

void rel_children_kill_all(void)
{
    for (int i = 0; i < REL_MAX_CHILDREN; i++)
        if (children[i] > 0) {
            kill(children[i], SIGKILL);
            while (waitpid(children[i], NULL, 0) < 0 && errno == EINTR) {
            }
            children[i] = 0;
        }
}

int rel_wait_pid(pid_t pid, int *status, int64_t timeout_ms)
{
    int64_t deadline = rel_now_ms() + timeout_ms;
    int64_t pause_us = 200;
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid) {
            rel_child_forget(pid);
            return 0;
        }
        if (r < 0 && errno != EINTR) {
            rel_child_forget(pid);
            *status = -1;
            return 0;
        }
        if (rel_now_ms() >= deadline)
            return -1;
        rel_sleep_us(pause_us);
        if (pause_us < 20000)
            pause_us *= 2;
    }
}

/* ---- builders ------------------------------------------------------------- */

grp_id rel_org(grp_store *s, const char *name)
{
    grp_org *o = NULL;
    if (grp_org_create(&o, s, name, NULL))
        return 0;
    grp_id id = grp_org_id(o);
    grp_org_free(o);
    return id;
}

grp_id rel_person(grp_store *s, grp_id org, const char *name)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p = NULL;
    ps.org_id = org;
    ps.display_name = name;
    if (grp_person_create(&p, s, &ps))
        return 0;
    grp_id id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

grp_id rel_group(grp_store *s, grp_id org, const char *name, int capacity, grp_capacity_policy policy)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g = NULL;
    gs.org_id = org;
    gs.name = name;
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = capacity;
    gs.capacity_policy = policy;
    gs.location = "Room 1";
    gs.timezone = "Europe/London";
    gs.session_minutes = 60;
    if (grp_group_create(&g, s, &gs))
        return 0;
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    return id;
}

int rel_cadence(grp_store *s, grp_id group, const char *rrule, grp_date first, int hour, grp_id *id_out)
{
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_cadence *c = NULL;
    cs.rrule = rrule;
    cs.first_date = first;
    cs.start_hour = hour;
    cs.duration_minutes = 60;
    int rc = grp_cadence_set(&c, s, group, &cs);
    if (rc == 0 && id_out)
        *id_out = grp_cadence_id(c);
    grp_cadence_free(c);
    return rc;
}

grp_datetime rel_dt(grp_date d, int hour, int minute)
{
    grp_datetime dt = {d.year, d.month, d.day, hour, minute, 0};
    return dt;
}

grp_date rel_day(grp_date base, int offset)
{
    grp_date out = base;
    if (grp_date_add_days(&out, base, offset) != 0)
        abort(); /* the tests only use small offsets from 2026 */
    return out;
}
