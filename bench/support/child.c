/* bench/support/child.c: see child.h. */
#include "child.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

double bench_in_child(void (*job)(void *arg), void *arg, long *rss_kib)
{
    double t0 = bench_now();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    if (pid == 0) {
        job(arg);
        fflush(NULL);
        _exit(0);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "benchmark job in child %d failed\n", (int)pid);
        exit(1);
    }
    *rss_kib = ru.ru_maxrss;
    return bench_now() - t0;
}

void bench_alternate(double *a, double *b, void (*op_a)(void *ctx, long i), void (*op_b)(void *ctx, long i),
                     void *ctx, long n, int rounds)
{
    *a = *b = 0;
    for (int r = 0; r < rounds; r++) {
        long from = n * r / rounds, to = n * (r + 1) / rounds;
        double t0 = bench_now(), ta, tb;
        for (long i = from; i < to; i++)
            op_a(ctx, i);
        ta = (bench_now() - t0) / (double)(to - from);
        t0 = bench_now();
        for (long i = from; i < to; i++)
            op_b(ctx, i);
        tb = (bench_now() - t0) / (double)(to - from);
        if (r == 0 || ta < *a)
            *a = ta;
        if (r == 0 || tb < *b)
            *b = tb;
    }
}

void bench_remove_store(const char *path)
{
    char p[4096];
    remove(path);
    snprintf(p, sizeof p, "%s-wal", path);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", path);
    remove(p);
}
