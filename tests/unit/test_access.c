/* The confidentiality table of <libgrp/access.h>, tested as the pure policy
 * function (grp__access_can_read) row by row and actor by actor, plus the
 * small public surface of access.h: actors, visibility names and
 * organisation administrators. */
#include "support.h"
#include "policy/access.h"

#include <string.h>

/* ---- the pure table ----------------------------------------------------------- */

/* The actor roles of the table's columns, as facts. */
enum role { R_SYSTEM, R_OWNER, R_RECIPIENT, R_MEMBER, R_FACILITATOR, R_ADMIN, R_NOBODY, R_COUNT };

static const char *const role_names[R_COUNT] = {"system", "owner",       "recipient", "member",
                                                "facilitator", "org admin", "unrelated"};

static grp__access_facts facts_of(enum role r, grp_visibility v, int shared)
{
    grp__access_facts f;
    memset(&f, 0, sizeof f);
    f.visibility = v;
    f.shared = shared;
    switch (r) {
    case R_SYSTEM: f.system = 1; break;
    case R_OWNER: f.owner = 1; break;
    case R_RECIPIENT: f.recipient = 1; break;
    case R_MEMBER: f.member = 1; break;
    case R_FACILITATOR: f.facilitator = 1; break;
    case R_ADMIN: f.org_admin = 1; break;
    case R_NOBODY:
    case R_COUNT: break;
    }
    return f;
}

typedef struct row {
    const char *what;
    grp__content content;
    grp_visibility visibility;
    int shared;
    /* expected, by role: system owner recipient member facilitator admin unrelated */
    int allow[R_COUNT];
} row;

/* The table of access.h, written out cell by cell (not computed). */
static const row table[] = {
    {"membership/attendance", GRP__C_MEMBERSHIP, GRP_VISIBLE_PRIVATE, 0, {1, 1, 0, 1, 1, 1, 0}},
    {"feedback aggregate", GRP__C_AGGREGATE, GRP_VISIBLE_PRIVATE, 0, {1, 0, 0, 1, 1, 1, 0}},
    {"feedback response", GRP__C_RESPONSE, GRP_VISIBLE_PRIVATE, 0, {1, 1, 0, 0, 1, 0, 0}},
    {"peer feedback, not shared", GRP__C_PEER, GRP_VISIBLE_PRIVATE, 0, {1, 1, 1, 0, 0, 0, 0}},
    {"peer feedback, shared", GRP__C_PEER, GRP_VISIBLE_PRIVATE, 1, {1, 1, 1, 0, 1, 0, 0}},
    {"goal, private", GRP__C_GOAL, GRP_VISIBLE_PRIVATE, 0, {1, 1, 0, 0, 0, 0, 0}},
    {"goal, facilitators", GRP__C_GOAL, GRP_VISIBLE_FACILITATORS, 0, {1, 1, 0, 0, 1, 0, 0}},
    {"goal, group", GRP__C_GOAL, GRP_VISIBLE_GROUP, 0, {1, 1, 0, 1, 1, 0, 0}},
    {"note, private", GRP__C_NOTE, GRP_VISIBLE_PRIVATE, 0, {1, 1, 0, 0, 0, 0, 0}},
    {"note, facilitators", GRP__C_NOTE, GRP_VISIBLE_FACILITATORS, 0, {1, 1, 0, 0, 1, 0, 0}},
    {"note, group", GRP__C_NOTE, GRP_VISIBLE_GROUP, 0, {1, 1, 0, 1, 1, 0, 0}},
    {"theme", GRP__C_THEME, GRP_VISIBLE_PRIVATE, 0, {1, 0, 0, 1, 1, 1, 0}},
};

static void check_row(const row *r)
{
    for (int k = 0; k < R_COUNT; k++) {
        grp__access_facts f = facts_of((enum role)k, r->visibility, r->shared);
        int got = grp__access_can_read(r->content, &f);
        if (got != r->allow[k])
            fail_msg("%s read by %s: got %d, the table says %d", r->what, role_names[k], got, r->allow[k]);
    }
}

static void test_table_every_cell(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        check_row(&table[i]);
}

/* "shared" and "visibility" matter only where the table says so. */
static void test_flags_that_do_not_matter(void **state)
{
    (void)state;
    static const grp__content kinds[] = {GRP__C_MEMBERSHIP, GRP__C_AGGREGATE, GRP__C_RESPONSE, GRP__C_THEME};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        for (int k = 0; k < R_COUNT; k++) {
            grp__access_facts a = facts_of((enum role)k, GRP_VISIBLE_PRIVATE, 0);
            grp__access_facts b = facts_of((enum role)k, GRP_VISIBLE_GROUP, 1);
            assert_int_equal(grp__access_can_read(kinds[i], &a), grp__access_can_read(kinds[i], &b));
        }
    /* a peer item shared with facilitators is still not readable by members or admins */
    grp__access_facts f = facts_of(R_MEMBER, GRP_VISIBLE_GROUP, 1);
    assert_int_equal(grp__access_can_read(GRP__C_PEER, &f), 0);
    f = facts_of(R_ADMIN, GRP_VISIBLE_GROUP, 1);
    assert_int_equal(grp__access_can_read(GRP__C_PEER, &f), 0);
    /* the shared flag gives nothing to a goal or a note */
    f = facts_of(R_FACILITATOR, GRP_VISIBLE_PRIVATE, 1);
    assert_int_equal(grp__access_can_read(GRP__C_GOAL, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 0);
}

/* People often hold several roles at once: no combination widens a row. */
static void test_combined_roles(void **state)
{
    (void)state;
    grp__access_facts f;
    /* an admin who is also a member sees group-visible goals (as a member), nothing private */
    memset(&f, 0, sizeof f);
    f.org_admin = 1;
    f.member = 1;
    f.visibility = GRP_VISIBLE_GROUP;
    assert_int_equal(grp__access_can_read(GRP__C_GOAL, &f), 1);
    f.visibility = GRP_VISIBLE_FACILITATORS;
    assert_int_equal(grp__access_can_read(GRP__C_GOAL, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_RESPONSE, &f), 0);
    /* an admin who also facilitates: facilitator rules, still no private notes */
    memset(&f, 0, sizeof f);
    f.org_admin = 1;
    f.facilitator = 1;
    f.visibility = GRP_VISIBLE_PRIVATE;
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_GOAL, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_PEER, &f), 0);
    /* member and facilitator (e.g. past member, now facilitating) */
    memset(&f, 0, sizeof f);
    f.member = 1;
    f.facilitator = 1;
    f.visibility = GRP_VISIBLE_FACILITATORS;
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 1);
    f.visibility = GRP_VISIBLE_PRIVATE;
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 0);
    /* owner of a private item, whatever else */
    memset(&f, 0, sizeof f);
    f.owner = 1;
    f.visibility = GRP_VISIBLE_PRIVATE;
    assert_int_equal(grp__access_can_read(GRP__C_GOAL, &f), 1);
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 1);
    assert_int_equal(grp__access_can_read(GRP__C_PEER, &f), 1);
    /* "owner" of a theme means nothing: themes carry no person */
    assert_int_equal(grp__access_can_read(GRP__C_THEME, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_AGGREGATE, &f), 0);
}

/* The function fails closed on values outside its enums. */
static void test_fails_closed(void **state)
{
    (void)state;
    grp__access_facts f = facts_of(R_FACILITATOR, (grp_visibility)3, 0);
    assert_int_equal(grp__access_can_read(GRP__C_GOAL, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 0);
    f = facts_of(R_MEMBER, (grp_visibility)-1, 0);
    assert_int_equal(grp__access_can_read(GRP__C_GOAL, &f), 0);
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 0);
    /* the owner keeps their own item whatever the stored visibility */
    f = facts_of(R_OWNER, (grp_visibility)7, 0);
    assert_int_equal(grp__access_can_read(GRP__C_NOTE, &f), 1);
    /* an unknown content kind is readable by nobody, not even the system */
    for (int k = 0; k < R_COUNT; k++) {
        f = facts_of((enum role)k, GRP_VISIBLE_GROUP, 1);
        f.owner = f.recipient = f.member = f.facilitator = f.org_admin = 1;
        assert_int_equal(grp__access_can_read((grp__content)42, &f), 0);
    }
}

/* ---- actors and names --------------------------------------------------------- */

static void test_actor_values(void **state)
{
    (void)state;
    grp_actor a = grp_actor_system();
    assert_int_equal(a.kind, GRP_ACTOR_SYSTEM);
    assert_int_equal(a.person_id, 0);
    a = grp_actor_person(42);
    assert_int_equal(a.kind, GRP_ACTOR_PERSON);
    assert_int_equal(a.person_id, 42);
    assert_int_equal(GRP_ACTOR_SYSTEM, 0);
    assert_int_equal(GRP_ACTOR_PERSON, 1);
}

static void test_visibility_names(void **state)
{
    (void)state;
    assert_string_equal(grp_visibility_name(GRP_VISIBLE_PRIVATE), "private");
    assert_string_equal(grp_visibility_name(GRP_VISIBLE_FACILITATORS), "facilitators");
    assert_string_equal(grp_visibility_name(GRP_VISIBLE_GROUP), "group");
    assert_null(grp_visibility_name((grp_visibility)3));
    assert_null(grp_visibility_name((grp_visibility)-1));
}

/* ---- organisation admins ------------------------------------------------------ */

typedef struct fx {
    grp_store *s;
    grp_id org, org2, p, q, other;
} fx;

static grp_id mk_person(grp_store *s, grp_id org, const char *name)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    ps.org_id = org;
    ps.display_name = name;
    grp_assert_ok(grp_person_create(&p, s, &ps));
    grp_id id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

static int setup(void **state)
{
    static fx f;
    grp_org *o;
    memset(&f, 0, sizeof f);
    if (grp_store_open(&f.s, ":memory:", NULL))
        return -1;
    if (grp_org_create(&o, f.s, "Org", NULL))
        return -1;
    f.org = grp_org_id(o);
    grp_org_free(o);
    if (grp_org_create(&o, f.s, "Other org", NULL))
        return -1;
    f.org2 = grp_org_id(o);
    grp_org_free(o);
    f.p = mk_person(f.s, f.org, "Pat");
    f.q = mk_person(f.s, f.org, "Quinn");
    f.other = mk_person(f.s, f.org2, "Olu");
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    return 0;
}

static int is_admin(fx *f, grp_id org, grp_id person)
{
    int v = -1;
    grp_assert_ok(grp_org_admin_check(&v, f->s, org, person));
    return v;
}

static void test_org_admin_add_remove(void **state)
{
    fx *f = *state;
    assert_int_equal(is_admin(f, f->org, f->p), 0);
    grp_assert_ok(grp_org_admin_add(f->s, f->org, f->p));
    assert_int_equal(is_admin(f, f->org, f->p), 1);
    /* idempotent, and per organisation */
    grp_assert_ok(grp_org_admin_add(f->s, f->org, f->p));
    assert_int_equal(is_admin(f, f->org, f->p), 1);
    assert_int_equal(is_admin(f, f->org2, f->p), 0);
    assert_int_equal(is_admin(f, f->org, f->q), 0);
    /* someone of another organisation may administer this one (e.g. a funder's lead) */
    grp_assert_ok(grp_org_admin_add(f->s, f->org, f->other));
    assert_int_equal(is_admin(f, f->org, f->other), 1);
    grp_assert_ok(grp_org_admin_remove(f->s, f->org, f->p));
    assert_int_equal(is_admin(f, f->org, f->p), 0);
    assert_int_equal(is_admin(f, f->org, f->other), 1);
    /* removing a non-admin is no error */
    grp_assert_ok(grp_org_admin_remove(f->s, f->org, f->p));
    grp_assert_ok(grp_org_admin_remove(f->s, f->org, 999));
    /* a check of unknown ids says "no" */
    assert_int_equal(is_admin(f, 999, f->p), 0);
    assert_int_equal(is_admin(f, f->org, 999), 0);
}

static void test_org_admin_audited(void **state)
{
    fx *f = *state;
    grp_actor sys = grp_actor_system();
    grp_audit_iterator *it;
    grp_audit_entry *e;
    grp_id mark = 0;
    /* where the log ends now */
    grp_assert_ok(grp_audit_iterator_new(&it, f->s, &sys, 0));
    while (grp_audit_iterator_next(&e, it) == 0) {
        mark = grp_audit_entry_id(e);
        grp_audit_entry_free(e);
    }
    grp_audit_iterator_free(it);
    grp_assert_ok(grp_org_admin_add(f->s, f->org, f->p));
    grp_assert_ok(grp_org_admin_remove(f->s, f->org, f->p));
    grp_assert_ok(grp_audit_iterator_new(&it, f->s, &sys, mark));
    static const char *const want[] = {"org.admin_add", "org.admin_remove"};
    for (int i = 0; i < 2; i++) {
        grp_assert_ok(grp_audit_iterator_next(&e, it));
        assert_string_equal(grp_audit_entry_action(e), want[i]);
        assert_string_equal(grp_audit_entry_entity_type(e), "org");
        assert_int_equal(grp_audit_entry_entity_id(e), f->org);
        assert_int_equal(grp_audit_entry_actor_kind(e), GRP_ACTOR_SYSTEM);
        assert_int_equal(grp_audit_entry_actor_person_id(e), 0);
        grp_audit_entry_free(e);
    }
    grp_assert_rc(grp_audit_iterator_next(&e, it), GRP_ITEROVER);
    grp_audit_iterator_free(it);
}

static void test_org_admin_arguments(void **state)
{
    fx *f = *state;
    int v = 7;
    grp_assert_rc(grp_org_admin_add(NULL, f->org, f->p), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_add(f->s, 0, f->p), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_add(f->s, -1, f->p), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_add(f->s, f->org, 0), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_add(f->s, f->org, -5), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_add(f->s, 999, f->p), GRP_ENOTFOUND);
    grp_assert_rc(grp_org_admin_add(f->s, f->org, 999), GRP_ENOTFOUND);
    assert_int_equal(is_admin(f, f->org, 999), 0);
    grp_assert_rc(grp_org_admin_remove(NULL, f->org, f->p), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_remove(f->s, 0, f->p), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_remove(f->s, f->org, -1), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_remove(f->s, 999, f->p), GRP_ENOTFOUND);
    grp_assert_rc(grp_org_admin_check(NULL, f->s, f->org, f->p), GRP_EINVAL);
    grp_assert_rc(grp_org_admin_check(&v, NULL, f->org, f->p), GRP_EINVAL);
    assert_int_equal(v, 0);
    v = 7;
    grp_assert_rc(grp_org_admin_check(&v, f->s, 0, f->p), GRP_EINVAL);
    assert_int_equal(v, 0);
    grp_assert_rc(grp_org_admin_check(&v, f->s, f->org, -2), GRP_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_every_cell),
        cmocka_unit_test(test_flags_that_do_not_matter),
        cmocka_unit_test(test_combined_roles),
        cmocka_unit_test(test_fails_closed),
        cmocka_unit_test(test_actor_values),
        cmocka_unit_test(test_visibility_names),
        cmocka_unit_test_setup_teardown(test_org_admin_add_remove, setup, teardown),
        cmocka_unit_test_setup_teardown(test_org_admin_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_org_admin_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
