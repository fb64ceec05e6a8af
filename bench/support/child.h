/* bench/support/child.h: helpers the benchmark programs share: a
 * monotonic clock, running a job in a child process to read its peak
 * resident memory, and removing a store file with its WAL files. */
#ifndef BENCH_SUPPORT_CHILD_H
#define BENCH_SUPPORT_CHILD_H

/* Seconds on a monotonic clock. */
double bench_now(void);

/* Run job(arg) in a forked child; exits the program if the child fails.
 * Returns the child's wall time in seconds and its peak RSS in KiB in
 * *rss_kib. */
double bench_in_child(void (*job)(void *arg), void *arg, long *rss_kib);

/* Remove path, path-wal and path-shm (missing ones are fine). */
void bench_remove_store(const char *path);

#endif
