/* gen_store: write a realistic large store (see bench/support/gen.h).
 *
 *   ./build-bench/bench/gen_store PATH [attendance-rows]     (default 100000)
 *
 * PATH must not exist. 10000, 100000 and 1000000 rows are the sizes
 * bench_scale measures; any other number scales the same shape.
 */
#include "support/gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    grp_store_options opts = GRP_STORE_OPTIONS_INIT;
    bench_gen_spec spec = BENCH_GEN_SPEC_INIT;
    bench_gen_stats st;
    grp_store *s;
    struct stat sb;
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PATH [attendance-rows]\n", argv[0]);
        return 2;
    }
    long rows = argc > 2 ? atol(argv[2]) : 100000;
    if (rows < 1000) {
        fprintf(stderr, "%s: at least 1000 rows\n", argv[0]);
        return 2;
    }
    if (stat(argv[1], &sb) == 0) {
        fprintf(stderr, "%s: '%s' exists; give a new path\n", argv[0], argv[1]);
        return 2;
    }
    opts.durability = GRP_DURABILITY_NORMAL;
    if (grp_store_open(&s, argv[1], &opts) < 0) {
        fprintf(stderr, "%s: %s\n", argv[0], grp_error_last()->message);
        return 1;
    }
    spec.scale = bench_gen_scale_for_rows(rows);
    spec.progress = 1;
    int rc = bench_gen_build(s, &spec, &st);
    grp_store_close(s);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", argv[0], grp_error_last()->message);
        remove(argv[1]);
        return 1;
    }
    printf("%s: %ld organisations, %ld people, %ld groups, %ld member stints, %ld sessions (%ld cancelled),\n"
           "  %ld attendance rows, %ld feedback responses, %ld goals (%ld steps, %ld progress entries), %.1f s\n",
           argv[1], st.orgs, st.people, st.groups, st.stints, st.sessions, st.cancelled, st.attendance, st.feedback,
           st.goals, st.steps, st.progress, st.seconds);
    return 0;
}
