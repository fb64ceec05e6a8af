/* bench/support/child.h: helpers the benchmark programs share: checks
 * that exit on failure, a monotonic clock, running a job in a child process to read its peak
 * resident memory, and removing a store file with its WAL files. */
#ifndef BENCH_SUPPORT_CHILD_H
#define BENCH_SUPPORT_CHILD_H

#include <libgrp.h>
#include <stdio.h>
#include <stdlib.h>

/* Exit with the library's message when a libgrp call fails. */
#define BENCH_CHECK(call)                                                                                    \
    do {                                                                                                     \
        int rc_ = (call);                                                                                    \
        if (rc_ < 0) {                                                                                       \
            fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, grp_error_name(rc_),                       \
                    grp_error_last()->message);                                                              \
            exit(1);                                                                                         \
        }                                                                                                    \
    } while (0)

/* Exit with SQLite's message unless `cond` holds (the anchors). */
#define BENCH_SQL_OK(db, cond)                                                                  \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            fprintf(stderr, "%s:%d sqlite: %s\n", __FILE__, __LINE__, sqlite3_errmsg(db));      \
            exit(1);                                                                            \
        }                                                                                       \
    } while (0)

/* Seconds on a monotonic clock. */
double bench_now(void);

/* Run job(arg) in a forked child; exits the program if the child fails.
 * Returns the child's wall time in seconds and its peak RSS in KiB in
 * *rss_kib. */
double bench_in_child(void (*job)(void *arg), void *arg, long *rss_kib);

/* Time op_a(ctx, i) and op_b(ctx, i) for i in [0, n): in `rounds` slices
 * of n / rounds calls, the two alternating slice by slice, so that a busy
 * moment of a shared machine falls on both alike. *a and *b get the
 * seconds per call of each side's fastest slice. */
void bench_alternate(double *a, double *b, void (*op_a)(void *ctx, long i), void (*op_b)(void *ctx, long i),
                     void *ctx, long n, int rounds);

/* Remove path, path-wal and path-shm (missing ones are fine). */
void bench_remove_store(const char *path);

#endif
