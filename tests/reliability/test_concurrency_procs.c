/* Concurrency across processes: W forked writers, each with its own store
 * handle on the same file, run the workload of conc_workload.h at once
 * with the default busy timeout (5 s). No call may fail (in particular
 * none may return GRP_EBUSY), and the final counts must be exact.
 *
 * GRP_CONCURRENCY_WORKERS (default 4, at most 8) and
 * GRP_CONCURRENCY_ITERATIONS (default 30) size the run. */
#include "support.h"
#include "conc_workload.h"
#include "rel_support.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEADLINE_MS 120000

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
    rel_children_kill_all(); /* also after a failed assertion */
    grp_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t k = read(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        len -= (size_t)k;
    }
    return 0;
}

/* The start barrier of a child: say "ready", then wait until the parent
 * closes the "go" pipe, so that all children start writing together. */
typedef struct barrier {
    int ready_fd, go_fd;
} barrier;

static void child_ready(void *arg)
{
    barrier *b = arg;
    char c = 'r', x;
    if (write_all(b->ready_fd, &c, 1) != 0)
        _exit(6);
    while (read(b->go_fd, &x, 1) < 0 && errno == EINTR) {
    }
}

/* Fork W children running `body`; each sends a conc_result back. */
typedef void (*child_body)(const conc_plan *p, int w, conc_result *r, barrier *b);

static void run_children(const conc_plan *p, child_body body, conc_result *results, int64_t *wall_us)
{
    int ready[2], go[2], res[CONC_MAX_WORKERS][2];
    pid_t pids[CONC_MAX_WORKERS];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    fflush(NULL);
    for (int w = 0; w < p->workers; w++) {
        assert_int_equal(pipe(res[w]), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            barrier b = {ready[1], go[0]};
            conc_result r;
            close(go[1]);
            close(ready[0]);
            close(res[w][0]);
            body(p, w, &r, &b);
            _exit(write_all(res[w][1], &r, sizeof r) == 0 ? 0 : 7);
        }
        rel_child_add(pid);
        pids[w] = pid;
        close(res[w][1]);
    }
    close(ready[1]);
    close(go[0]);
    /* A child that dies before it is ready never writes its byte, and the
     * others keep the pipe open: wait with a deadline. */
    int64_t ready_by = rel_now_ms() + 30000;
    for (int w = 0; w < p->workers; w++) {
        struct pollfd pfd = {ready[0], POLLIN, 0};
        char c;
        int64_t left = ready_by - rel_now_ms();
        int r = poll(&pfd, 1, left > 0 ? (int)left : 0);
        if (r < 0 && errno == EINTR) {
            w--;
            continue;
        }
        if (r <= 0 || read_all(ready[0], &c, 1) != 0)
            fail_msg("only %d of %d children became ready", w, p->workers);
    }
    int64_t t0 = rel_now_us();
    close(go[1]); /* go */
    close(ready[0]);
    int64_t deadline = rel_now_ms() + DEADLINE_MS;
    for (int w = 0; w < p->workers; w++) {
        int status = 0;
        int64_t left = deadline - rel_now_ms();
        if (rel_wait_pid(pids[w], &status, left > 0 ? left : 0) != 0)
            fail_msg("worker %d still running after %d s: killed", w, DEADLINE_MS / 1000);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail_msg("worker %d ended with status 0x%x", w, status);
        if (read_all(res[w][0], &results[w], sizeof results[w]) != 0)
            fail_msg("worker %d sent no result", w);
        close(res[w][0]);
    }
    *wall_us = rel_now_us() - t0;
}

static void workload_body(const conc_plan *p, int w, conc_result *r, barrier *b)
{
    conc_worker(p, w, r, child_ready, b);
}

static void test_processes(void **state)
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
    snprintf(p.path, sizeof p.path, "%s/procs.db", f->dir);
    grp_assert_ok(conc_setup(&p));
    run_children(&p, workload_body, results, &wall);
    conc_report(&p, results, "processes", wall);
    conc_verify(&p, results, "processes");
    conc_plan_dispose(&p);
}

/* Eight processes open a file that does not exist yet, all at once: one
 * creates the schema, the others must wait for it (up to the busy
 * timeout), never fail; then each writes one organisation. Repeated
 * GRP_CONCURRENCY_OPEN_ROUNDS times (default 20) on fresh files. */
static void first_open_body(const conc_plan *p, int w, conc_result *r, barrier *b)
{
    grp_store *s = NULL;
    char name[32];
    memset(r, 0, sizeof *r);
    child_ready(b);
    int64_t t0 = rel_now_us();
    int rc = grp_store_open(&s, p->path, NULL);
    int64_t open_ms = (rel_now_us() - t0) / 1000;
    snprintf(name, sizeof name, "org %d", w);
    if (rc == 0 && !rel_org(s, name))
        rc = grp_error_last()->code;
    if (rc) {
        r->failures = 1;
        r->busy = rc == GRP_EBUSY;
        snprintf(r->first_error, sizeof r->first_error, "worker %d: %s after %lld ms: %s", w, grp_error_name(rc),
                 (long long)open_ms, grp_error_last()->message);
    }
    grp_store_close(s);
}

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
        run_children(&p, first_open_body, results, &wall);
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
        cmocka_unit_test_setup_teardown(test_processes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_open_race, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
