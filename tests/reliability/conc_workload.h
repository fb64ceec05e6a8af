/* The workload of the concurrency tests, shared by the process version
 * (fork) and the thread version (pthreads, one store handle per thread).
 *
 * Every worker opens its own handle on the same file, with the default
 * options (busy timeout 5 s), and for i in 0..N-1:
 *   - in its own group G_w (hard capacity, daily cadence at 10:00): joins
 *     one of its own people on day 2i, stores that day's session, records
 *     the person present, and the person leaves on day 2i+1 (every fourth
 *     iteration these four calls are one grp_store_begin/commit batch);
 *     every fifth iteration it also stores and cancels the day 2i+1 session;
 *   - on the shared group S (soft capacity, daily cadence at 12:00): stores
 *     the session of day i (every worker stores the same occurrence),
 *     records its own standing member R_w there, and joins one more person
 *     of its own on day i (above capacity: admitted with a warning);
 *   - for i < K, joins one of its people to the shared hard group H,
 *     whose capacity is smaller than W*K: exactly H's capacity of these
 *     joins may succeed, the rest must be refused with GRP_ERULE_FULL.
 * Every other result is a failure; GRP_EBUSY is counted separately. */
#ifndef GRP_CONC_WORKLOAD_H
#define GRP_CONC_WORKLOAD_H

#include <stdint.h>

#include <libgrp.h>

#define CONC_MAX_WORKERS 8
#define CONC_OWN_PEOPLE 4
#define CONC_HARD_TRIES 6

typedef struct conc_plan {
    char path[4096];
    int workers;       /* W */
    int iterations;    /* N */
    int soft_capacity; /* capacity of S: W + 6 */
    int hard_capacity; /* capacity of H: less than W * CONC_HARD_TRIES */
    grp_date d0;
    grp_id org, shared_soft, shared_hard;
    grp_id own_group[CONC_MAX_WORKERS];
    grp_id own_people[CONC_MAX_WORKERS][CONC_OWN_PEOPLE];
    grp_id standing[CONC_MAX_WORKERS]; /* R_w, a member of S from d0 */
    grp_id hard_people[CONC_MAX_WORKERS][CONC_HARD_TRIES];
    grp_id *churn; /* W * N people: worker w joins churn[w * N + i] to S */
    int64_t setup_audit_rows;
} conc_plan;

typedef struct conc_result {
    int failures;         /* calls with an unexpected result (the worker stops at the first) */
    int busy;             /* of which GRP_EBUSY */
    char first_error[320];
    long calls;           /* write calls made */
    long soft_warnings;   /* joins to S admitted with GRP_WARN_OVER_CAPACITY */
    long hard_joined;     /* joins to H that succeeded */
    long hard_full;       /* joins to H refused with GRP_ERULE_FULL */
    int64_t max_call_us;  /* the longest single write call (waits included) */
    int64_t elapsed_us;
} conc_result;

/* Create the store at p->path (removing nothing: the path must not exist)
 * and everything the workers need; fills the ids of p. Returns 0 or a
 * GRP_E* code. The handle used is closed before returning. */
int conc_setup(conc_plan *p);
void conc_plan_dispose(conc_plan *p);

/* Run worker w. `ready` is called once the worker's store is open and
 * before the first write (the caller's start barrier). */
void conc_worker(const conc_plan *p, int w, conc_result *r, void (*ready)(void *), void *arg);

/* Check the store after all workers finished (cmocka assertions: call from
 * the test's main thread only). `what` names the variant in messages. */
void conc_verify(const conc_plan *p, const conc_result *results, const char *what);

/* A short report line of the results. */
void conc_report(const conc_plan *p, const conc_result *results, const char *what, int64_t wall_us);

#endif
