/* Concurrency across threads: W threads of one process, each with its OWN
 * store handle (a handle is never shared), run the workload of
 * conc_workload.h on the same file at once, with the default busy timeout
 * (5 s). No call may fail (none may return GRP_EBUSY) and the final counts
 * must be exact. Built with -fsanitize=thread (see docs/reliability.md)
 * this is also the ThreadSanitizer test.
 *
 * GRP_CONCURRENCY_WORKERS (default 4, at most 8) and
 * GRP_CONCURRENCY_ITERATIONS (default 30) size the run. */
#include "support.h"
#include "conc_workload.h"
#include "rel_support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fx {
    char *dir;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || !(f->dir = grp_test_tmpdir()))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

typedef struct job {
    const conc_plan *plan;
    int w;
    conc_result result;
    pthread_barrier_t *start;
    int first_open; /* run the first-open race instead of the workload */
} job;

static void at_barrier(void *arg)
{
    pthread_barrier_wait(arg);
}

static void *thread_main(void *arg)
{
    job *j = arg;
    if (!j->first_open) {
        conc_worker(j->plan, j->w, &j->result, at_barrier, j->start);
        return NULL;
    }
    grp_store *s = NULL;
    char name[32];
    memset(&j->result, 0, sizeof j->result);
    pthread_barrier_wait(j->start);
    int64_t t0 = rel_now_us();
    int rc = grp_store_open(&s, j->plan->path, NULL);
    int64_t open_ms = (rel_now_us() - t0) / 1000;
    snprintf(name, sizeof name, "org %d", j->w);
    if (rc == 0 && !rel_org(s, name))
        rc = grp_error_last()->code;
    if (rc) {
        j->result.failures = 1;
        j->result.busy = rc == GRP_EBUSY;
        snprintf(j->result.first_error, sizeof j->result.first_error, "thread %d: %s after %lld ms: %s", j->w,
                 grp_error_name(rc), (long long)open_ms, grp_error_last()->message);
    }
    grp_store_close(s);
    return NULL;
}

static void run_threads(const conc_plan *p, int first_open, conc_result *results, int64_t *wall_us)
{
    pthread_t th[CONC_MAX_WORKERS];
    job jobs[CONC_MAX_WORKERS];
    pthread_barrier_t start;
    /* The main thread waits at the barrier too, to time the run. */
    assert_int_equal(pthread_barrier_init(&start, NULL, (unsigned)p->workers + 1), 0);
    for (int w = 0; w < p->workers; w++) {
        memset(&jobs[w], 0, sizeof jobs[w]);
        jobs[w].plan = p;
        jobs[w].w = w;
        jobs[w].start = &start;
        jobs[w].first_open = first_open;
        assert_int_equal(pthread_create(&th[w], NULL, thread_main, &jobs[w]), 0);
    }
    pthread_barrier_wait(&start);
    int64_t t0 = rel_now_us();
    /* Workers are bounded by the busy timeout on every call: join waits. */
    for (int w = 0; w < p->workers; w++) {
        pthread_join(th[w], NULL);
        results[w] = jobs[w].result;
    }
    *wall_us = rel_now_us() - t0;
    pthread_barrier_destroy(&start);
}

static void test_threads(void **state)
{
    fx *f = *state;
    conc_plan p;
    conc_result results[CONC_MAX_WORKERS];
    int64_t wall = 0;
    memset(&p, 0, sizeof p);
    p.workers = (int)rel_env_long("GRP_CONCURRENCY_WORKERS", 4);
    if (p.workers > CONC_MAX_WORKERS)
        p.workers = CONC_MAX_WORKERS;
    p.iterations = (int)rel_env_long("GRP_CONCURRENCY_ITERATIONS", 30);
    snprintf(p.path, sizeof p.path, "%s/threads.db", f->dir);
    grp_assert_ok(conc_setup(&p));
    run_threads(&p, 0, results, &wall);
    conc_report(&p, results, "threads", wall);
    conc_verify(&p, results, "threads");
    conc_plan_dispose(&p);
}

/* Eight threads, each opening its own handle, open a file that does not
 * exist yet at the same moment; all must succeed and write. */
static void test_first_open_race(void **state)
{
    fx *f = *state;
    conc_plan p;
    conc_result results[CONC_MAX_WORKERS];
    int64_t wall = 0;
    char err[256];
    long rounds = rel_env_long("GRP_CONCURRENCY_OPEN_ROUNDS", 20);
    for (long round = 0; round < rounds; round++) {
        memset(&p, 0, sizeof p);
        p.workers = CONC_MAX_WORKERS;
        snprintf(p.path, sizeof p.path, "%s/first-open-%ld.db", f->dir, round);
        run_threads(&p, 1, results, &wall);
        for (int w = 0; w < p.workers; w++)
            if (results[w].failures)
                fail_msg("round %ld: %s", round, results[w].first_error);
        const char *problem = rel_sqlite_check(p.path, err, sizeof err);
        if (problem)
            fail_msg("round %ld: %s: %s", round, problem, err);
        assert_int_equal(rel_sqlite_int(p.path, "SELECT count(*) FROM org", err, sizeof err), p.workers);
        assert_int_equal(rel_sqlite_int(p.path, "PRAGMA user_version", err, sizeof err), grp_store_schema_latest());
    }
}

/* argv[1], if given, selects the tests to run (a cmocka name pattern):
 * CTest registers the workload and the first-open race separately. */
int main(int argc, char **argv)
{
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_open_race, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
