/* Helpers shared by the reliability tests (crash safety and concurrency):
 * direct SQLite checks, a seeded PRNG, clocks, child-process bookkeeping
 * and small builders for the entities the workloads need. */
#ifndef GRP_REL_SUPPORT_H
#define GRP_REL_SUPPORT_H

#include <stdint.h>
#include <sys/types.h>

#include <libgrp.h>

/* ---- environment ---------------------------------------------------------- */

/* An integer from the environment variable `name`, or `dflt` when it is
 * unset or not a positive number. */
long rel_env_long(const char *name, long dflt);

/* ---- time and randomness -------------------------------------------------- */

/* Monotonic clock in milliseconds / microseconds. */
int64_t rel_now_ms(void);
int64_t rel_now_us(void);
/* Sleep for `us` microseconds (restarted after signals). */
void rel_sleep_us(int64_t us);

/* splitmix64: a small seeded generator, so a failing run can be replayed. */
typedef struct rel_rng {
    uint64_t state;
} rel_rng;
uint64_t rel_rng_next(rel_rng *r);
/* Uniform in [lo, hi]. */
int64_t rel_rng_range(rel_rng *r, int64_t lo, int64_t hi);

/* ---- direct SQLite checks (independent of libgrp) ------------------------- */

/* Open `path` with SQLite directly and return NULL on success or a static
 * description of the first problem: PRAGMA integrity_check not "ok", rows
 * in PRAGMA foreign_key_check, or an open/prepare failure. The detail is
 * copied to `detail` (size `len`). */
const char *rel_sqlite_check(const char *path, char *detail, size_t len);

/* The integer result of a one-row, one-column query on `path`, or
 * INT64_MIN on error (message in `err`, size `len`). */
int64_t rel_sqlite_int(const char *path, const char *sql, char *err, size_t len);

/* ---- child processes ------------------------------------------------------ */

/* Children are remembered so that every path (including a failed cmocka
 * assertion, which longjmps to the runner) can kill and reap them. */
void rel_child_add(pid_t pid);
void rel_child_forget(pid_t pid);
/* SIGKILL and reap every remembered child. */
void rel_children_kill_all(void);
/* Wait for `pid` for at most `timeout_ms`; 0 and the wait status in
 * `status` if it ended, -1 if the deadline passed (the child still runs). */
int rel_wait_pid(pid_t pid, int *status, int64_t timeout_ms);

/* ---- entity builders ------------------------------------------------------ */

/* Create entities with fixed, simple settings; return the new id or 0 on
 * failure (the libgrp error is in grp_error_last()). */
grp_id rel_org(grp_store *s, const char *name);
grp_id rel_person(grp_store *s, grp_id org, const char *name);
/* An active, open, in-person group in Europe/London with 60-minute sessions. */
grp_id rel_group(grp_store *s, grp_id org, const char *name, int capacity, grp_capacity_policy policy);
/* A cadence starting on `first` at hh:00 (60 minutes); 0 or a GRP_E* code. */
int rel_cadence(grp_store *s, grp_id group, const char *rrule, grp_date first, int hour, grp_id *id_out);

grp_datetime rel_dt(grp_date d, int hour, int minute);
grp_date rel_day(grp_date base, int offset);

#endif
