/* bench_calls: the cost of three single calls from C (join a group,
 * record attendance, read a group) against raw prepared SQLite statements
 * doing the same durable writes (or reads) on the same store file, in one
 * run (bench/support/calls.c; the anchors are defined in bench/README.md).
 * The store is a small generated one (bench/support/gen.h, 10,000
 * attendance rows) in TMPDIR; bench_scale runs the same measurement on
 * stores up to a million rows.
 *
 * bench/bench_python.py runs this program too: the "c_*_ns=" lines are the
 * in-memory loop it repeats through the Python package.
 *
 *   ./build/bench/bench_calls [iterations-for-bench_python]
 */
#include "support/calls.h"
#include "support/child.h"
#include "support/gen.h"

#include <libgrp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* The three calls against their anchors on a generated store file in
 * directory `tmp`. */
static void against_anchors(const char *tmp, const char *where)
{
    char path[512];
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    bench_gen_spec spec = BENCH_GEN_SPEC_INIT;
    bench_gen_stats st;
    bench_figure f[BENCH_CALL_COUNT];
    grp_store *s;
    snprintf(path, sizeof path, "%s/bench_calls_%ld.grp", tmp, (long)getpid());
    bench_remove_store(path);
    o.durability = GRP_DURABILITY_NORMAL;
    BENCH_CHECK(grp_store_open(&s, path, &o));
    spec.scale = bench_gen_scale_for_rows(10000);
    BENCH_CHECK(bench_gen_build(s, &spec, &st));
    grp_store_close(s);
    bench_calls_measure(f, path, st.sample_org, st.groups);
    bench_remove_store(path);
    printf("bench_calls: single calls on a store file of %ld attendance rows %s (durability normal), "
           "each against raw prepared statements doing the same writes\n", st.attendance, where);
    for (int k = 0; k < BENCH_CALL_COUNT; k++)
        printf("  %-18s libgrp %8.0f ns/call, raw SQLite %8.0f ns/call, ratio %.2f\n", bench_call_names[k],
               f[k].grp * 1e9, f[k].raw * 1e9, f[k].grp / f[k].raw);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    grp_store *s;
    grp_org *org;
    grp_group *g;
    grp_person *p;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_datetime occ = {2026, 1, 5, 9, 0, 0};
    grp_id session;
    static const grp_attendance_status cycle[] = {GRP_ATTEND_PRESENT, GRP_ATTEND_LATE, GRP_ATTEND_ABSENT};

    /* on disk, then in memory (tmpfs): there the cost of the calls is not
     * hidden behind the cost of writing the WAL */
    against_anchors(getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", "in TMPDIR");
    if (access("/dev/shm", W_OK) == 0)
        against_anchors("/dev/shm", "on tmpfs (/dev/shm)");
    BENCH_CHECK(grp_store_open(&s, ":memory:", NULL));
    BENCH_CHECK(grp_org_create(&org, s, "Bench", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Bench group";
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room";
    gs.timezone = "Europe/London";
    BENCH_CHECK(grp_group_create(&g, s, &gs));
    ps.org_id = grp_org_id(org);
    ps.display_name = "Member";
    BENCH_CHECK(grp_person_create(&p, s, &ps));
    BENCH_CHECK(grp_member_join(NULL, s, grp_group_id(g), grp_person_id(p), grp_date_make(2026, 1, 1), NULL));
    cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
    cs.first_date = grp_date_make(2026, 1, 5);
    cs.start_hour = 9;
    BENCH_CHECK(grp_cadence_set(NULL, s, grp_group_id(g), &cs));
    BENCH_CHECK(grp_session_ensure(&session, s, grp_group_id(g), occ));

    double t0 = bench_now();
    for (int i = 0; i < n; i++)
        BENCH_CHECK(grp_attendance_record(s, session, grp_person_id(p), cycle[i % 3], cycle[i % 3] == GRP_ATTEND_LATE ? 30 : -1, 0));
    double att = (bench_now() - t0) / n;
    t0 = bench_now();
    for (int i = 0; i < n; i++) {
        grp_group *x;
        BENCH_CHECK(grp_group_get(&x, s, grp_group_id(g)));
        grp_group_free(x);
    }
    double get = (bench_now() - t0) / n;

    /* for bench_python: the same loop it runs through the package */
    printf("c_attendance_ns=%.0f\nc_group_get_ns=%.0f\n", att * 1e9, get * 1e9);
    grp_person_free(p);
    grp_group_free(g);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
