/* bench/support/calls.h: single API calls against raw prepared SQLite
 * statements doing the same durable writes (or reads) on the same store
 * file; bench/README.md defines each anchor. */
#ifndef BENCH_SUPPORT_CALLS_H
#define BENCH_SUPPORT_CALLS_H

#include <libgrp.h>

enum { BENCH_CALL_JOIN, BENCH_CALL_RECORD, BENCH_CALL_CORRECT, BENCH_CALL_READ, BENCH_CALL_COUNT };
extern const char *const bench_call_names[BENCH_CALL_COUNT];

typedef struct bench_figure {
    double grp, raw; /* seconds per operation: libgrp, its anchor */
} bench_figure;

/* On the store file `path` (changed: use a copy), whose organisation `org`
 * has at least eight people and whose group ids are 1..groups: 1,000
 * joins into new groups of eight, 1,000 attendance records (a first
 * recording each, in new sessions), the same 1,000 corrected from present
 * to absent (the hours entry goes) and 20,000 group reads spread over
 * every group, each timed against its anchor on another connection. */
/* n new groups of eight seats in organisation `org`, named prefix 1..n,
 * each with a weekly cadence (Mondays 09:00 Europe/London) from
 * 2026-01-05; their ids in out[0..n). */
void bench_calls_new_groups(grp_id *out, int n, grp_store *s, grp_id org, const char *prefix);

/* The anchors' raw statements on their own connection to the store file
 * `path`, with the pragmas of a store (foreign keys, synchronous NORMAL,
 * secure delete). Exits on failure. */
typedef struct bench_anchor bench_anchor;
bench_anchor *bench_anchor_open(const char *path);
void bench_anchor_close(bench_anchor *a);

/* The anchor of recording attendance (present: a first recording) or of
 * correcting it to absent, for `person` at `session` of `group`, in one
 * transaction; bench/README.md lists its statements. */
void bench_anchor_attendance(const bench_anchor *a, grp_id group, grp_id session, grp_id person, int present);

void bench_calls_measure(bench_figure f[BENCH_CALL_COUNT], const char *path, grp_id org, long groups);

#endif
