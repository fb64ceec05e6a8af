/* The work of a call on one record does not grow with the store (issue 5).
 *
 * test_store's test_no_table_scans checks the query plan of every
 * statement; this counts what the statements actually run. The store's
 * own connection reports the VM steps of every statement it finishes,
 * foreign-key checks included: a statement that reads rows in proportion
 * to a table (a scan, or a foreign key without an index, which no query
 * plan shows) takes more steps in a larger store. No timing. */
#include "roles_fixture.h"
#include "store/store_impl.h"

#include <sqlite3.h>

static long long vm_steps;

static int count_steps(unsigned type, void *ctx, void *stmt, void *x)
{
    (void)ctx;
    (void)x;
    if (type == SQLITE_TRACE_PROFILE)
        vm_steps += sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 1);
    return 0;
}

enum { W_JOIN, W_ENSURE, W_RECORD, W_CORRECT, W_READ, W_REPORT, W_LEAVE, W_OPS };
static const char *const w_names[W_OPS] = {"join", "ensure a session", "record attendance", "correct attendance",
                                           "read a group", "report", "leave"};

#define SEATS 8
#define WEEKS 6         /* sessions of each group of the history */
#define LARGE_GROUPS 12 /* groups of the large store's history; the small one has 1 */

/* A group of SEATS seats (monthly, first Tuesday 14:00 London) and SEATS
 * new people. */
static grp_id new_group(grp_store *s, grp_id org, grp_id people[SEATS])
{
    grp_id g = mk_group(s, org, "Group", SEATS);
    for (int i = 0; i < SEATS; i++)
        people[i] = mk_person(s, org, "Member");
    return g;
}

/* The first Tuesdays of 2026 from January. */
static const int first_tuesday[WEEKS][2] = {{1, 6}, {2, 3}, {3, 3}, {4, 7}, {5, 5}, {6, 2}};

/* A group with WEEKS sessions, every member present at each. */
static void history(grp_store *s, grp_id org)
{
    grp_id people[SEATS];
    grp_id g = new_group(s, org, people);
    for (int i = 0; i < SEATS; i++)
        join(s, g, people[i], D(2026, 1, 1), GRP_ROLE_MEMBER);
    for (int w = 0; w < WEEKS; w++) {
        grp_id session = ensure(s, g, 2026, first_tuesday[w][0], first_tuesday[w][1]);
        for (int i = 0; i < SEATS; i++)
            grp_assert_ok(grp_attendance_record(s, session, people[i], GRP_ATTEND_PRESENT, -1, 0));
    }
}

static grp_store *store_of(grp_id *org, int groups)
{
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    *org = mk_org(s, "Org");
    for (int k = 0; k < groups; k++)
        history(s, *org);
    return s;
}

/* VM steps of each operation on a new group of the store: SEATS joins, a
 * session stored, SEATS first recordings (present), SEATS corrections
 * (absent), one read of the group, its attendance report, one leave. */
static void measure(long long steps[W_OPS], grp_store *s, grp_id org)
{
    grp_id people[SEATS], session = 0;
    grp_id g = new_group(s, org, people);
    grp_actor sys = grp_actor_system();
    grp_report *r;
    grp_group *gr;
    /* statements count their steps until reset: start every count at 0 */
    for (sqlite3_stmt *st = sqlite3_next_stmt(s->db, NULL); st; st = sqlite3_next_stmt(s->db, st))
        sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
    sqlite3_trace_v2(s->db, SQLITE_TRACE_PROFILE, count_steps, NULL);
    for (int op = 0; op < W_OPS; op++) {
        vm_steps = 0;
        for (int i = 0; i < SEATS; i++) {
            if (op == W_JOIN)
                join(s, g, people[i], D(2026, 1, 1), GRP_ROLE_MEMBER);
            else if (op == W_ENSURE && i == 0)
                session = ensure(s, g, 2026, 1, 6);
            else if (op == W_RECORD || op == W_CORRECT)
                grp_assert_ok(grp_attendance_record(s, session, people[i],
                                                    op == W_RECORD ? GRP_ATTEND_PRESENT : GRP_ATTEND_ABSENT, -1, 0));
            else if (op == W_READ && i == 0) {
                grp_assert_ok(grp_group_get(&gr, s, g));
                grp_group_free(gr);
            } else if (op == W_REPORT && i == 0) {
                grp_assert_ok(grp_report_attendance(&r, s, &sys, g, T("2026-01-01T00:00:00Z"),
                                                    T("2026-02-01T00:00:00Z")));
                grp_report_free(r);
            } else if (op == W_LEAVE && i == 0)
                grp_assert_ok(grp_member_leave(NULL, s, g, people[i], D(2026, 2, 1), NULL));
        }
        steps[op] = vm_steps;
    }
    sqlite3_trace_v2(s->db, 0, NULL, NULL);
}

/* The same calls on a new group take the same VM steps in a store of one
 * group and in a store of twelve (48 and 576 attendance rows, the hours
 * log, audit and change feed alike): what bench_scale's growth figures
 * rest on. */
static void test_work_does_not_grow(void **state)
{
    (void)state;
    long long small[W_OPS], large[W_OPS];
    grp_id org_a, org_b;
    grp_store *a = store_of(&org_a, 1), *b = store_of(&org_b, LARGE_GROUPS);
    measure(small, a, org_a);
    measure(large, b, org_b);
    for (int op = 0; op < W_OPS; op++) {
        if (small[op] != large[op])
            print_message("%s: %lld VM steps in the small store, %lld in the large one\n", w_names[op], small[op],
                          large[op]);
        assert_true(small[op] > 0);
        assert_int_equal(small[op], large[op]);
    }
    grp_store_close(a);
    grp_store_close(b);
}

/* What the count catches: without the index of the foreign key
 * hours_entry.corrects (added by schema 6), each correction that deletes
 * an hours entry checks that no entry corrects it by reading the whole
 * log, here LARGE_GROUPS x WEEKS x SEATS entries. */
static void test_work_counts_a_foreign_key_scan(void **state)
{
    (void)state;
    long long indexed[W_OPS], unindexed[W_OPS];
    grp_id org;
    grp_store *s = store_of(&org, LARGE_GROUPS);
    measure(indexed, s, org);
    assert_int_equal(sqlite3_exec(s->db, "DROP INDEX hours_entry_by_correction", NULL, NULL, NULL), SQLITE_OK);
    measure(unindexed, s, org);
    assert_true(unindexed[W_CORRECT] > indexed[W_CORRECT] + SEATS * (LARGE_GROUPS * WEEKS * SEATS));
    grp_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_work_does_not_grow),
        cmocka_unit_test(test_work_counts_a_foreign_key_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
