/* bench/support/gen.h: build a realistic large store through the public API.
 *
 * At scale 1 the store has 200 organisations of 100 people (20,000 people),
 * 2,500 groups (about 12.5 per organisation, 2 to 8 seats each, capacity 8,
 * one facilitator), ten years of monthly sessions (2016-01 to 2025-12) and
 * about 1,000,000 attendance rows, with the supervision-hours log, audit
 * and change-feed rows the library writes with them, about 10% of attended
 * sessions answered with feedback, and a goal with steps and progress for
 * every member stint.
 *
 * A scale factor multiplies the number of organisations, people and groups
 * and keeps the shape of each organisation and group, so that the same
 * code builds about 10,000 (scale 0.01), 100,000 (0.1) or 1,000,000 (1)
 * attendance rows, and a per-group or per-organisation operation touches
 * the same amount of data at every size. Group i's content depends only
 * on the seed and i: the first groups are identical at every scale.
 *
 * Everything is written in one grp_store_begin()/grp_store_commit() batch.
 */
#ifndef BENCH_SUPPORT_GEN_H
#define BENCH_SUPPORT_GEN_H

#include <libgrp.h>

/* Bump when the generated content changes, so cached stores are rebuilt. */
#define BENCH_GEN_VERSION 1

/* First and last (exclusive) instants of the generated history. */
#define BENCH_GEN_FROM "2016-01-01T00:00:00Z"
#define BENCH_GEN_TO "2026-01-01T00:00:00Z"

typedef struct bench_gen_spec {
    double scale;  /* 1.0 = 200 organisations, 20,000 people, 2,500 groups, ~1M attendance rows */
    unsigned seed; /* same seed and scale, same store */
    int progress;  /* 1: report progress on stderr */
} bench_gen_spec;

#define BENCH_GEN_SPEC_INIT { 1.0, 1, 0 }

typedef struct bench_gen_stats {
    long orgs, people, groups, stints, sessions, cancelled, attendance, feedback, goals, steps, progress;
    grp_id sample_org;   /* the first organisation: about 12.5 groups */
    grp_id sample_group; /* the first group of the sample organisation */
    double seconds;      /* time spent building */
} bench_gen_stats;

/* The scale that gives about `rows` attendance rows. */
double bench_gen_scale_for_rows(long rows);

/* Fill an empty store. Returns 0 or a GRP_E* code (grp_error_last() says why). */
int bench_gen_build(grp_store *store, const bench_gen_spec *spec, bench_gen_stats *out);

/* Read back the sample ids and the row counts of a store built by
 * bench_gen_build() (through the public API; attendance and the other
 * large counts are not recounted and stay 0). */
int bench_gen_describe(grp_store *store, bench_gen_stats *out);

#endif
