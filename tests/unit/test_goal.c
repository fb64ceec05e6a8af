/* Goals: fields, status transitions, action steps, the append-only progress
 * history, queries, and who may read and write them (access.h). */
#include "roles_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static grp_actor A(grp_id person)
{
    return grp_actor_person(person);
}

static grp_date NODATE(void)
{
    grp_date d = {0, 0, 0};
    return d;
}

static void assert_date(grp_date got, grp_date want)
{
    if (grp_date_compare(got, want) != 0)
        fail_msg("date %04d-%02d-%02d, want %04d-%02d-%02d", got.year, got.month, got.day, want.year, want.month,
                 want.day);
}

/* Create a goal of `owner` as the owner. */
static grp_id goal(fx *f, grp_id owner, const char *title, grp_id group, grp_visibility v)
{
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_actor a = A(owner);
    grp_id id = 0;
    spec.owner_id = owner;
    spec.title = title;
    spec.group_id = group;
    spec.visibility = v;
    grp_assert_ok(grp_goal_create(&id, f->s, &a, &spec));
    assert_true(id > 0);
    return id;
}

/* grp_goal_get as `who` (0 = the system). */
static int get_as(fx *f, grp_id who, grp_id id)
{
    grp_actor a = who ? A(who) : grp_actor_system();
    grp_goal *g = (grp_goal *)1;
    int rc = grp_goal_get(&g, f->s, &a, id);
    if (rc == 0) {
        assert_int_equal(grp_goal_id(g), id);
        grp_goal_free(g);
    } else {
        assert_null(g);
    }
    return rc;
}

/* The ids listed for `who` by query q, in order. */
static size_t list_as(fx *f, grp_id who, const grp_goal_query *q, grp_id *ids, size_t max)
{
    grp_actor a = who ? A(who) : grp_actor_system();
    grp_goal_iterator *it;
    grp_goal *g;
    size_t n = 0;
    grp_assert_ok(grp_goal_iterator_new(&it, f->s, &a, q));
    while (grp_goal_iterator_next(&g, it) == 0) {
        if (n < max)
            ids[n] = grp_goal_id(g);
        n++;
        grp_goal_free(g);
    }
    grp_goal_iterator_free(it);
    return n;
}

static void test_spec_and_query_init(void **state)
{
    (void)state;
    grp_goal_spec spec;
    memset(&spec, 0x5a, sizeof spec);
    grp_assert_ok(grp_goal_spec_init(&spec, GRP_GOAL_SPEC_VERSION));
    assert_int_equal(spec.version, GRP_GOAL_SPEC_VERSION);
    assert_int_equal(spec.owner_id, 0);
    assert_null(spec.title);
    assert_null(spec.description);
    assert_int_equal(spec.group_id, 0);
    assert_false(grp_date_is_set(spec.target_date));
    assert_int_equal(spec.visibility, GRP_VISIBLE_PRIVATE);
    grp_assert_rc(grp_goal_spec_init(NULL, GRP_GOAL_SPEC_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_goal_spec_init(&spec, 9), GRP_EINVAL);
    grp_goal_query q;
    memset(&q, 0x5a, sizeof q);
    grp_assert_ok(grp_goal_query_init(&q, GRP_GOAL_QUERY_VERSION));
    assert_int_equal(q.version, GRP_GOAL_QUERY_VERSION);
    assert_int_equal(q.owner_id, 0);
    assert_int_equal(q.group_id, 0);
    assert_int_equal(q.reviewed_in, 0);
    assert_int_equal(q.statuses, 0);
    assert_false(grp_date_is_set(q.overdue_on));
    grp_assert_rc(grp_goal_query_init(NULL, GRP_GOAL_QUERY_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_goal_query_init(&q, 0), GRP_EINVAL);
    assert_string_equal(grp_goal_status_name(GRP_GOAL_DRAFT), "draft");
    assert_string_equal(grp_goal_status_name(GRP_GOAL_ACTIVE), "active");
    assert_string_equal(grp_goal_status_name(GRP_GOAL_ACHIEVED), "achieved");
    assert_string_equal(grp_goal_status_name(GRP_GOAL_ABANDONED), "abandoned");
    assert_null(grp_goal_status_name((grp_goal_status)4));
    assert_null(grp_goal_status_name((grp_goal_status)-1));
}

static void test_create_get_update(void **state)
{
    fx *f = *state;
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_actor me = A(f->m[0]);
    grp_id id = 0;
    spec.owner_id = f->m[0];
    spec.title = "Use supervision for endings";
    spec.description = "Bring one ending to the group each term.\nReflect on it.";
    spec.group_id = f->g;
    spec.target_date = D(2026, 6, 30);
    spec.visibility = GRP_VISIBLE_FACILITATORS;
    grp_assert_ok(grp_goal_create(&id, f->s, &me, &spec));
    grp_goal *g;
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_int_equal(grp_goal_id(g), id);
    assert_int_equal(grp_goal_owner_id(g), f->m[0]);
    assert_string_equal(grp_goal_title(g), spec.title);
    assert_string_equal(grp_goal_description(g), spec.description);
    assert_int_equal(grp_goal_group_id(g), f->g);
    assert_date(grp_goal_target_date(g), D(2026, 6, 30));
    assert_int_equal(grp_goal_status_of(g), GRP_GOAL_DRAFT);
    assert_int_equal(grp_goal_visibility(g), GRP_VISIBLE_FACILITATORS);
    assert_int_equal(grp_goal_percent(g), -1);
    assert_int_equal(grp_goal_step_count(g), 0);
    assert_int_equal(grp_goal_step_id(g, 0), 0);
    assert_null(grp_goal_step_title(g, 0));
    assert_false(grp_date_is_set(grp_goal_step_due(g, 0)));
    assert_int_equal(grp_goal_step_done(g, 0), 0);
    grp_goal_free(g);

    /* the minimal goal: no group, no description, no date, private */
    grp_goal_spec min = GRP_GOAL_SPEC_INIT;
    min.owner_id = f->m[1];
    min.title = "Read one paper a month";
    grp_actor m1 = A(f->m[1]);
    grp_id id2 = 0;
    grp_assert_ok(grp_goal_create(&id2, f->s, &m1, &min));
    assert_true(id2 > id);
    grp_assert_ok(grp_goal_get(&g, f->s, &m1, id2));
    assert_null(grp_goal_description(g));
    assert_int_equal(grp_goal_group_id(g), 0);
    assert_false(grp_date_is_set(grp_goal_target_date(g)));
    assert_int_equal(grp_goal_visibility(g), GRP_VISIBLE_PRIVATE);
    grp_goal_free(g);
    /* the system may create a goal for someone; out is optional */
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_goal_create(NULL, f->s, &sys, &min));

    /* update: every field but the owner */
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ACTIVE));
    spec.title = "Use supervision for endings and beginnings";
    spec.description = NULL;
    spec.group_id = 0;
    spec.target_date = D(2026, 9, 1);
    spec.visibility = GRP_VISIBLE_PRIVATE;
    grp_assert_ok(grp_goal_update(f->s, &me, id, &spec));
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_string_equal(grp_goal_title(g), "Use supervision for endings and beginnings");
    assert_null(grp_goal_description(g));
    assert_int_equal(grp_goal_group_id(g), 0);
    assert_date(grp_goal_target_date(g), D(2026, 9, 1));
    assert_int_equal(grp_goal_visibility(g), GRP_VISIBLE_PRIVATE);
    assert_int_equal(grp_goal_status_of(g), GRP_GOAL_ACTIVE); /* status is not part of the spec */
    grp_goal_free(g);
    spec.owner_id = f->m[1];
    grp_assert_rc(grp_goal_update(f->s, &me, id, &spec), GRP_EINVAL);
    grp_assert_msg_contains("owner cannot change");
    spec.owner_id = f->m[0];
    /* the system may update; nobody else may, not even a facilitator who reads it */
    spec.group_id = f->g;
    spec.visibility = GRP_VISIBLE_GROUP;
    grp_assert_ok(grp_goal_update(f->s, &sys, id, &spec));
    grp_id refused[] = {f->fac, f->m[1], f->admin, f->stranger, f->outsider};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        grp_actor a = A(refused[i]);
        spec.title = "Hijacked";
        grp_assert_rc(grp_goal_update(f->s, &a, id, &spec), GRP_EACCESS);
    }
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_string_equal(grp_goal_title(g), "Use supervision for endings and beginnings");
    assert_int_equal(grp_goal_visibility(g), GRP_VISIBLE_GROUP);
    grp_goal_free(g);
}

static void test_create_refusals(void **state)
{
    fx *f = *state;
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_actor me = A(f->m[0]);
    grp_id id = 3;
    spec.owner_id = f->m[0];
    spec.title = "T";
    /* only the owner (or the system) creates a goal */
    grp_id others[] = {f->m[1], f->fac, f->admin, f->stranger, f->outsider};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        grp_actor a = A(others[i]);
        grp_assert_rc(grp_goal_create(&id, f->s, &a, &spec), GRP_EACCESS);
        assert_int_equal(id, 0);
    }
    /* validation */
    grp_assert_rc(grp_goal_create(&id, NULL, &me, &spec), GRP_EINVAL);
    grp_assert_rc(grp_goal_create(&id, f->s, NULL, &spec), GRP_EINVAL);
    grp_assert_rc(grp_goal_create(&id, f->s, &me, NULL), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)5, f->m[0]};
    grp_assert_rc(grp_goal_create(&id, f->s, &bad, &spec), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_goal_create(&id, f->s, &ghost, &spec), GRP_ENOTFOUND);
    spec.version = 3;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.version = GRP_GOAL_SPEC_VERSION;
    spec.owner_id = 0;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.owner_id = -1;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.owner_id = 999;
    grp_actor sys_actor = grp_actor_system();
    grp_assert_rc(grp_goal_create(&id, f->s, &sys_actor, &spec), GRP_ENOTFOUND);
    spec.owner_id = f->m[0];
    spec.title = NULL;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.title = "";
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    char title[202];
    memset(title, 't', 201);
    title[201] = '\0';
    spec.title = title;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    title[200] = '\0';
    grp_assert_ok(grp_goal_create(&id, f->s, &me, &spec)); /* 200 bytes: fine */
    spec.title = "Line\nbreak";
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.title = "T";
    char *desc = malloc(4002);
    memset(desc, 'd', 4001);
    desc[4001] = '\0';
    spec.description = desc;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    free(desc);
    spec.description = "";
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.description = NULL;
    spec.group_id = -2;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.group_id = 999;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_ENOTFOUND);
    spec.group_id = f->h; /* never in h */
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    grp_assert_msg_contains("never been in group");
    spec.group_id = 0;
    spec.target_date = D(2026, 2, 30);
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.target_date = NODATE();
    spec.visibility = (grp_visibility)3;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    spec.visibility = (grp_visibility)-1;
    grp_assert_rc(grp_goal_create(&id, f->s, &me, &spec), GRP_EINVAL);
    assert_int_equal(id, 0);
    /* past members and facilitators may keep goals in the group */
    spec.visibility = GRP_VISIBLE_GROUP;
    spec.group_id = f->g;
    spec.owner_id = f->leaver;
    grp_actor lv = A(f->leaver);
    grp_assert_ok(grp_goal_create(&id, f->s, &lv, &spec));
    spec.owner_id = f->fac;
    grp_actor fc = A(f->fac);
    grp_assert_ok(grp_goal_create(&id, f->s, &fc, &spec));
}

static void test_get_update_arguments(void **state)
{
    fx *f = *state;
    grp_id id = goal(f, f->m[0], "G", f->g, GRP_VISIBLE_GROUP);
    grp_actor me = A(f->m[0]);
    grp_goal *g = (grp_goal *)1;
    grp_assert_rc(grp_goal_get(NULL, f->s, &me, id), GRP_EINVAL);
    grp_assert_rc(grp_goal_get(&g, NULL, &me, id), GRP_EINVAL);
    assert_null(g);
    grp_assert_rc(grp_goal_get(&g, f->s, NULL, id), GRP_EINVAL);
    grp_assert_rc(grp_goal_get(&g, f->s, &me, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_get(&g, f->s, &me, -1), GRP_EINVAL);
    grp_assert_rc(grp_goal_get(&g, f->s, &me, 999), GRP_ENOTFOUND);
    grp_actor bad = {(grp_actor_kind)2, f->m[0]};
    grp_assert_rc(grp_goal_get(&g, f->s, &bad, id), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_goal_get(&g, f->s, &ghost, id), GRP_ENOTFOUND);
    assert_null(g);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    spec.owner_id = f->m[0];
    spec.title = "G2";
    grp_assert_rc(grp_goal_update(NULL, &me, id, &spec), GRP_EINVAL);
    grp_assert_rc(grp_goal_update(f->s, NULL, id, &spec), GRP_EINVAL);
    grp_assert_rc(grp_goal_update(f->s, &me, id, NULL), GRP_EINVAL);
    grp_assert_rc(grp_goal_update(f->s, &me, 0, &spec), GRP_EINVAL);
    grp_assert_rc(grp_goal_update(f->s, &me, 999, &spec), GRP_ENOTFOUND);
    grp_assert_rc(grp_goal_update(f->s, &bad, id, &spec), GRP_EINVAL);
    spec.visibility = (grp_visibility)4;
    grp_assert_rc(grp_goal_update(f->s, &me, id, &spec), GRP_EINVAL);
    spec.visibility = GRP_VISIBLE_PRIVATE;
    spec.group_id = f->h;
    grp_assert_rc(grp_goal_update(f->s, &me, id, &spec), GRP_EINVAL);
    spec.title = "";
    spec.group_id = 0;
    grp_assert_rc(grp_goal_update(f->s, &me, id, &spec), GRP_EINVAL);
    /* nothing changed */
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_string_equal(grp_goal_title(g), "G");
    assert_int_equal(grp_goal_group_id(g), f->g);
    grp_goal_free(g);
    /* NULL-safe getters */
    assert_int_equal(grp_goal_id(NULL), 0);
    assert_int_equal(grp_goal_owner_id(NULL), 0);
    assert_null(grp_goal_title(NULL));
    assert_null(grp_goal_description(NULL));
    assert_int_equal(grp_goal_group_id(NULL), 0);
    assert_false(grp_date_is_set(grp_goal_target_date(NULL)));
    assert_int_equal(grp_goal_status_of(NULL), GRP_GOAL_DRAFT);
    assert_int_equal(grp_goal_visibility(NULL), GRP_VISIBLE_PRIVATE);
    assert_int_equal(grp_goal_percent(NULL), -1);
    assert_int_equal(grp_goal_step_count(NULL), 0);
    assert_int_equal(grp_goal_step_id(NULL, 0), 0);
    assert_null(grp_goal_step_title(NULL, 0));
    assert_false(grp_date_is_set(grp_goal_step_due(NULL, 0)));
    assert_int_equal(grp_goal_step_done(NULL, 0), 0);
    grp_goal_free(NULL);
}

static grp_goal_status status_of(fx *f, grp_id id)
{
    grp_goal *g;
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_goal_get(&g, f->s, &sys, id));
    grp_goal_status st = grp_goal_status_of(g);
    grp_goal_free(g);
    return st;
}

static void test_status_transitions(void **state)
{
    fx *f = *state;
    grp_id id = goal(f, f->m[0], "G", 0, GRP_VISIBLE_PRIVATE);
    grp_actor me = A(f->m[0]);
    assert_int_equal(status_of(f, id), GRP_GOAL_DRAFT);
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ACTIVE));
    assert_int_equal(status_of(f, id), GRP_GOAL_ACTIVE);
    grp_assert_rc(grp_goal_set_status(f->s, &me, id, GRP_GOAL_DRAFT), GRP_EINVAL);
    grp_assert_msg_contains("back to draft");
    assert_int_equal(status_of(f, id), GRP_GOAL_ACTIVE);
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ACHIEVED));
    assert_int_equal(status_of(f, id), GRP_GOAL_ACHIEVED);
    grp_assert_rc(grp_goal_set_status(f->s, &me, id, GRP_GOAL_DRAFT), GRP_EINVAL);
    /* reopen */
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ACTIVE));
    assert_int_equal(status_of(f, id), GRP_GOAL_ACTIVE);
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ABANDONED));
    assert_int_equal(status_of(f, id), GRP_GOAL_ABANDONED);
    grp_assert_rc(grp_goal_set_status(f->s, &me, id, GRP_GOAL_DRAFT), GRP_EINVAL);
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ACTIVE));
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ACHIEVED));
    grp_assert_ok(grp_goal_set_status(f->s, &me, id, GRP_GOAL_ABANDONED)); /* any change but to draft */
    assert_int_equal(status_of(f, id), GRP_GOAL_ABANDONED);
    /* a draft may be abandoned or achieved directly */
    grp_id d = goal(f, f->m[0], "D", 0, GRP_VISIBLE_PRIVATE);
    grp_assert_ok(grp_goal_set_status(f->s, &me, d, GRP_GOAL_ABANDONED));
    assert_int_equal(status_of(f, d), GRP_GOAL_ABANDONED);
    /* bad values */
    grp_assert_rc(grp_goal_set_status(f->s, &me, id, (grp_goal_status)4), GRP_EINVAL);
    grp_assert_rc(grp_goal_set_status(f->s, &me, id, (grp_goal_status)-1), GRP_EINVAL);
    /* who */
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_goal_set_status(f->s, &sys, id, GRP_GOAL_ACTIVE));
    grp_id others[] = {f->m[1], f->fac, f->admin, f->stranger, f->outsider};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        grp_actor a = A(others[i]);
        grp_assert_rc(grp_goal_set_status(f->s, &a, id, GRP_GOAL_ACHIEVED), GRP_EACCESS);
    }
    assert_int_equal(status_of(f, id), GRP_GOAL_ACTIVE);
    grp_assert_rc(grp_goal_set_status(NULL, &me, id, GRP_GOAL_ACTIVE), GRP_EINVAL);
    grp_assert_rc(grp_goal_set_status(f->s, NULL, id, GRP_GOAL_ACTIVE), GRP_EINVAL);
    grp_assert_rc(grp_goal_set_status(f->s, &me, 0, GRP_GOAL_ACTIVE), GRP_EINVAL);
    grp_assert_rc(grp_goal_set_status(f->s, &me, 999, GRP_GOAL_ACTIVE), GRP_ENOTFOUND);
}

static void test_steps(void **state)
{
    fx *f = *state;
    grp_id id = goal(f, f->m[0], "G", f->g, GRP_VISIBLE_GROUP);
    grp_actor me = A(f->m[0]);
    grp_id st[3];
    grp_assert_ok(grp_goal_step_add(&st[0], f->s, &me, id, "Book a slot", D(2026, 2, 1)));
    grp_assert_ok(grp_goal_step_add(&st[1], f->s, &me, id, "Present the case", D(2026, 3, 3)));
    grp_assert_ok(grp_goal_step_add(&st[2], f->s, &me, id, "Write it up", NODATE()));
    assert_true(st[0] > 0 && st[1] > st[0] && st[2] > st[1]);
    grp_goal *g;
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_int_equal(grp_goal_step_count(g), 3);
    static const char *const titles[] = {"Book a slot", "Present the case", "Write it up"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(grp_goal_step_id(g, i), st[i]);
        assert_string_equal(grp_goal_step_title(g, i), titles[i]);
        assert_int_equal(grp_goal_step_done(g, i), 0);
    }
    assert_date(grp_goal_step_due(g, 0), D(2026, 2, 1));
    assert_date(grp_goal_step_due(g, 1), D(2026, 3, 3));
    assert_false(grp_date_is_set(grp_goal_step_due(g, 2)));
    assert_int_equal(grp_goal_step_id(g, 3), 0);
    assert_null(grp_goal_step_title(g, 3));
    grp_goal_free(g);
    grp_assert_ok(grp_goal_step_set_done(f->s, &me, st[1], 1));
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_int_equal(grp_goal_step_done(g, 0), 0);
    assert_int_equal(grp_goal_step_done(g, 1), 1);
    assert_int_equal(grp_goal_step_done(g, 2), 0);
    grp_goal_free(g);
    grp_assert_ok(grp_goal_step_set_done(f->s, &me, st[1], 0));
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_int_equal(grp_goal_step_done(g, 1), 0);
    grp_goal_free(g);
    /* the system may; a facilitator reading the goal may not, nor anyone else */
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_goal_step_set_done(f->s, &sys, st[0], 1));
    grp_assert_ok(grp_goal_step_add(NULL, f->s, &sys, id, "System step", NODATE()));
    grp_id others[] = {f->m[1], f->fac, f->admin, f->stranger, f->outsider};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        grp_actor a = A(others[i]);
        grp_id sid = 4;
        grp_assert_rc(grp_goal_step_add(&sid, f->s, &a, id, "Sneaky", NODATE()), GRP_EACCESS);
        assert_int_equal(sid, 0);
        grp_assert_rc(grp_goal_step_set_done(f->s, &a, st[2], 1), GRP_EACCESS);
    }
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_int_equal(grp_goal_step_count(g), 4);
    assert_int_equal(grp_goal_step_done(g, 0), 1);
    assert_int_equal(grp_goal_step_done(g, 2), 0);
    assert_string_equal(grp_goal_step_title(g, 3), "System step");
    grp_goal_free(g);
    /* steps of another goal are numbered on their own */
    grp_id other = goal(f, f->m[0], "Other", 0, GRP_VISIBLE_PRIVATE);
    grp_id os;
    grp_assert_ok(grp_goal_step_add(&os, f->s, &me, other, "First of other", NODATE()));
    grp_assert_ok(grp_goal_get(&g, f->s, &me, other));
    assert_int_equal(grp_goal_step_count(g), 1);
    assert_int_equal(grp_goal_step_id(g, 0), os);
    grp_goal_free(g);
    /* arguments */
    grp_id sid = 4;
    grp_assert_rc(grp_goal_step_add(&sid, NULL, &me, id, "x", NODATE()), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_add(&sid, f->s, NULL, id, "x", NODATE()), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_add(&sid, f->s, &me, 0, "x", NODATE()), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_add(&sid, f->s, &me, -1, "x", NODATE()), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_add(&sid, f->s, &me, 999, "x", NODATE()), GRP_ENOTFOUND);
    grp_assert_rc(grp_goal_step_add(&sid, f->s, &me, id, NULL, NODATE()), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_add(&sid, f->s, &me, id, "", NODATE()), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_add(&sid, f->s, &me, id, "x", D(2026, 13, 1)), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)2, f->m[0]};
    grp_assert_rc(grp_goal_step_add(&sid, f->s, &bad, id, "x", NODATE()), GRP_EINVAL);
    assert_int_equal(sid, 0);
    grp_assert_rc(grp_goal_step_set_done(NULL, &me, st[0], 1), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_set_done(f->s, NULL, st[0], 1), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_set_done(f->s, &me, 0, 1), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_set_done(f->s, &me, -1, 1), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_set_done(f->s, &me, 999, 1), GRP_ENOTFOUND);
    grp_assert_rc(grp_goal_step_set_done(f->s, &me, st[0], 2), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_set_done(f->s, &me, st[0], -1), GRP_EINVAL);
    grp_assert_rc(grp_goal_step_set_done(f->s, &bad, st[0], 1), GRP_EINVAL);
}

/* The history of goal `id` as read by `who`: percents in order. */
static size_t history(fx *f, grp_id who, grp_id id, int *percents, grp_id *by, size_t max)
{
    grp_actor a = who ? A(who) : grp_actor_system();
    grp_goal_progress_iterator *it;
    grp_goal_progress *p;
    size_t n = 0;
    grp_assert_ok(grp_goal_progress_iterator_new(&it, f->s, &a, id));
    while (grp_goal_progress_iterator_next(&p, it) == 0) {
        if (n < max) {
            percents[n] = grp_goal_progress_percent(p);
            if (by)
                by[n] = grp_goal_progress_recorded_by(p);
        }
        n++;
        grp_goal_progress_free(p);
    }
    grp_goal_progress_iterator_free(it);
    return n;
}

static void test_progress_history(void **state)
{
    fx *f = *state;
    grp_id id = goal(f, f->m[0], "G", f->g, GRP_VISIBLE_FACILITATORS);
    grp_actor me = A(f->m[0]);
    grp_id e1, e2, e3;
    grp_assert_ok(grp_goal_progress_add(&e1, f->s, &me, id, D(2026, 1, 6), 10, "Started", f->s1));
    grp_assert_ok(grp_goal_progress_add(&e2, f->s, &me, id, D(2026, 2, 3), 40, NULL, f->s2));
    /* a correction is a new entry, never an edit */
    grp_assert_ok(grp_goal_progress_add(&e3, f->s, &me, id, D(2026, 2, 4), 30, "Correction: 30, not 40", 0));
    assert_true(e1 > 0 && e2 > e1 && e3 > e2);
    grp_goal_progress_iterator *it;
    grp_goal_progress *p;
    grp_assert_ok(grp_goal_progress_iterator_new(&it, f->s, &me, id));
    grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
    assert_int_equal(grp_goal_progress_id(p), e1);
    assert_date(grp_goal_progress_date(p), D(2026, 1, 6));
    assert_int_equal(grp_goal_progress_percent(p), 10);
    assert_string_equal(grp_goal_progress_note(p), "Started");
    assert_int_equal(grp_goal_progress_session_id(p), f->s1);
    assert_int_equal(grp_goal_progress_recorded_by(p), f->m[0]);
    grp_goal_progress_free(p);
    grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
    assert_int_equal(grp_goal_progress_id(p), e2);
    assert_int_equal(grp_goal_progress_percent(p), 40);
    assert_null(grp_goal_progress_note(p));
    assert_int_equal(grp_goal_progress_session_id(p), f->s2);
    grp_goal_progress_free(p);
    grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
    assert_int_equal(grp_goal_progress_id(p), e3);
    assert_int_equal(grp_goal_progress_percent(p), 30);
    assert_string_equal(grp_goal_progress_note(p), "Correction: 30, not 40");
    assert_int_equal(grp_goal_progress_session_id(p), 0);
    grp_goal_progress_free(p);
    grp_assert_rc(grp_goal_progress_iterator_next(&p, it), GRP_ITEROVER);
    assert_null(p);
    grp_goal_progress_iterator_free(it);
    /* the goal shows the latest percent */
    grp_goal *g;
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_int_equal(grp_goal_percent(g), 30);
    grp_goal_free(g);

    /* the facilitator the goal is shared with may record progress; the system too */
    grp_actor fac = A(f->fac), sys = grp_actor_system();
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &fac, id, D(2026, 3, 3), 60, "Reviewed together", f->s3));
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &sys, id, D(2026, 3, 4), 65, NULL, 0));
    int pc[8];
    grp_id by[8];
    assert_int_equal(history(f, f->m[0], id, pc, by, 8), 5);
    static const int want[] = {10, 40, 30, 60, 65};
    for (int i = 0; i < 5; i++)
        assert_int_equal(pc[i], want[i]);
    assert_int_equal(by[3], f->fac);
    assert_int_equal(by[4], 0);
    /* the history is ordered by date, then by entry: a back-dated entry takes its place */
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &me, id, D(2026, 1, 20), 20, "Late entry for January", 0));
    assert_int_equal(history(f, f->m[0], id, pc, NULL, 8), 6);
    static const int want2[] = {10, 20, 40, 30, 60, 65};
    for (int i = 0; i < 6; i++)
        assert_int_equal(pc[i], want2[i]);
    grp_assert_ok(grp_goal_get(&g, f->s, &me, id));
    assert_int_equal(grp_goal_percent(g), 65);
    grp_goal_free(g);
}

static void test_progress_who_may_record(void **state)
{
    fx *f = *state;
    grp_id priv = goal(f, f->m[0], "Private", f->g, GRP_VISIBLE_PRIVATE);
    grp_id facv = goal(f, f->m[0], "For facilitators", f->g, GRP_VISIBLE_FACILITATORS);
    grp_id grpv = goal(f, f->m[0], "For the group", f->g, GRP_VISIBLE_GROUP);
    grp_id nogroup = goal(f, f->m[0], "No group", 0, GRP_VISIBLE_GROUP);
    grp_actor fac = A(f->fac);
    grp_id out = 5;
    /* a facilitator: only where the goal is shared with them */
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &fac, priv, D(2026, 1, 6), 10, NULL, 0), GRP_EACCESS);
    assert_int_equal(out, 0);
    grp_assert_ok(grp_goal_progress_add(&out, f->s, &fac, facv, D(2026, 1, 6), 10, NULL, 0));
    assert_true(out > 0);
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &fac, grpv, D(2026, 1, 6), 10, NULL, 0));
    grp_assert_rc(grp_goal_progress_add(NULL, f->s, &fac, nogroup, D(2026, 1, 6), 10, NULL, 0), GRP_EACCESS);
    /* members read a group goal but do not record on it; nor do others */
    grp_id others[] = {f->m[1], f->leaver, f->admin, f->stranger, f->outsider, f->hfac, f->hmember};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        grp_actor a = A(others[i]);
        grp_assert_rc(grp_goal_progress_add(NULL, f->s, &a, grpv, D(2026, 1, 6), 10, NULL, 0), GRP_EACCESS);
        grp_assert_rc(grp_goal_progress_add(NULL, f->s, &a, facv, D(2026, 1, 6), 10, NULL, 0), GRP_EACCESS);
    }
    int pc[4];
    assert_int_equal(history(f, 0, priv, pc, NULL, 4), 0);
    assert_int_equal(history(f, 0, facv, pc, NULL, 4), 1);
    assert_int_equal(history(f, 0, grpv, pc, NULL, 4), 1);
    /* validation */
    grp_actor me = A(f->m[0]);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 101, NULL, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), -1, NULL, 0), GRP_EINVAL);
    grp_assert_ok(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 0, NULL, 0));
    grp_assert_ok(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 100, NULL, 0));
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 2, 29), 5, NULL, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, NODATE(), 5, NULL, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 5, "", 0), GRP_EINVAL);
    char *note = malloc(4002);
    memset(note, 'n', 4001);
    note[4001] = '\0';
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 5, note, 0), GRP_EINVAL);
    free(note);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 5, NULL, -1), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 5, NULL, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, facv, D(2026, 1, 6), 5, NULL, f->hs1), GRP_EINVAL);
    grp_assert_msg_contains("not a session of the goal's group");
    /* a goal with no group may be reviewed in any session */
    grp_assert_ok(grp_goal_progress_add(&out, f->s, &me, nogroup, D(2026, 1, 6), 5, NULL, f->hs1));
    grp_assert_rc(grp_goal_progress_add(&out, NULL, &me, facv, D(2026, 1, 6), 5, NULL, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, NULL, facv, D(2026, 1, 6), 5, NULL, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, 0, D(2026, 1, 6), 5, NULL, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &me, 999, D(2026, 1, 6), 5, NULL, 0), GRP_ENOTFOUND);
    grp_actor bad = {(grp_actor_kind)2, f->m[0]};
    grp_assert_rc(grp_goal_progress_add(&out, f->s, &bad, facv, D(2026, 1, 6), 5, NULL, 0), GRP_EINVAL);
    assert_int_equal(out, 0);
    assert_int_equal(history(f, 0, facv, pc, NULL, 4), 3);
    /* iterator arguments */
    grp_goal_progress_iterator *it = (grp_goal_progress_iterator *)1;
    grp_goal_progress *p = (grp_goal_progress *)1;
    grp_assert_rc(grp_goal_progress_iterator_new(NULL, f->s, &me, facv), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_iterator_new(&it, NULL, &me, facv), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_goal_progress_iterator_new(&it, f->s, NULL, facv), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_iterator_new(&it, f->s, &me, 0), GRP_EINVAL);
    grp_assert_rc(grp_goal_progress_iterator_new(&it, f->s, &me, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_goal_progress_iterator_new(&it, f->s, &bad, facv), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_goal_progress_iterator_next(&p, NULL), GRP_EINVAL);
    assert_null(p);
    grp_assert_rc(grp_goal_progress_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_goal_progress_iterator_free(NULL);
    grp_goal_progress_free(NULL);
    assert_int_equal(grp_goal_progress_id(NULL), 0);
    assert_false(grp_date_is_set(grp_goal_progress_date(NULL)));
    assert_int_equal(grp_goal_progress_percent(NULL), 0);
    assert_null(grp_goal_progress_note(NULL));
    assert_int_equal(grp_goal_progress_session_id(NULL), 0);
    assert_int_equal(grp_goal_progress_recorded_by(NULL), 0);
}

/* Read access by actor role and visibility: get, history, and listing. */
static void test_read_access(void **state)
{
    fx *f = *state;
    grp_id v[3];
    v[0] = goal(f, f->m[0], "Private", f->g, GRP_VISIBLE_PRIVATE);
    v[1] = goal(f, f->m[0], "For facilitators", f->g, GRP_VISIBLE_FACILITATORS);
    v[2] = goal(f, f->m[0], "For the group", f->g, GRP_VISIBLE_GROUP);
    grp_actor me = A(f->m[0]);
    for (int i = 0; i < 3; i++)
        grp_assert_ok(grp_goal_progress_add(NULL, f->s, &me, v[i], D(2026, 1, 6), 10 * (i + 1), NULL, 0));
    struct {
        grp_id who;
        int allowed[3]; /* private, facilitators, group */
    } cases[] = {
        {0, {1, 1, 1}},           /* system */
        {f->m[0], {1, 1, 1}},     /* owner */
        {f->m[1], {0, 0, 1}},     /* member of the group */
        {f->leaver, {0, 0, 1}},   /* past member */
        {f->joiner, {0, 0, 1}},   /* member who joined later */
        {f->fac, {0, 1, 1}},      /* facilitator of the group */
        {f->admin, {0, 0, 0}},    /* organisation admin: never goals */
        {f->stranger, {0, 0, 0}}, /* same organisation, unrelated */
        {f->outsider, {0, 0, 0}}, /* another organisation */
        {f->admin2, {0, 0, 0}},   /* another organisation's admin */
        {f->hmember, {0, 0, 0}},  /* member of another group */
        {f->hfac, {0, 0, 0}},     /* facilitator of another group */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        grp_id listed[8];
        size_t want = 0;
        for (int i = 0; i < 3; i++) {
            int rc = get_as(f, cases[c].who, v[i]);
            if (rc != (cases[c].allowed[i] ? 0 : GRP_EACCESS))
                fail_msg("case %zu, visibility %d: grp_goal_get returned %d", c, i, rc);
            grp_actor a = cases[c].who ? A(cases[c].who) : grp_actor_system();
            grp_goal_progress_iterator *it = NULL;
            rc = grp_goal_progress_iterator_new(&it, f->s, &a, v[i]);
            if (rc != (cases[c].allowed[i] ? 0 : GRP_EACCESS))
                fail_msg("case %zu, visibility %d: progress iterator returned %d", c, i, rc);
            if (!rc) {
                grp_goal_progress *p;
                grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
                assert_int_equal(grp_goal_progress_percent(p), 10 * (i + 1));
                grp_goal_progress_free(p);
            } else {
                assert_null(it);
            }
            grp_goal_progress_iterator_free(it);
            want += cases[c].allowed[i];
        }
        /* a list skips what the actor may not read, silently */
        grp_goal_query q = GRP_GOAL_QUERY_INIT;
        q.owner_id = f->m[0];
        grp_error_clear();
        size_t n = list_as(f, cases[c].who, &q, listed, 8);
        /* not even the last error tells that something was skipped */
        assert_int_equal(grp_error_last()->code, 0);
        assert_string_equal(grp_error_last()->message, "");
        if (n != want)
            fail_msg("case %zu: listed %zu goals, want %zu", c, n, want);
        size_t k = 0;
        for (int i = 0; i < 3; i++)
            if (cases[c].allowed[i])
                assert_int_equal(listed[k++], v[i]);
    }
    /* a goal outside any group is its owner's only, whatever its visibility */
    grp_id lone = goal(f, f->m[0], "Lone", 0, GRP_VISIBLE_GROUP);
    grp_assert_rc(get_as(f, f->fac, lone), GRP_EACCESS);
    grp_assert_rc(get_as(f, f->m[1], lone), GRP_EACCESS);
    grp_assert_ok(get_as(f, f->m[0], lone));
    grp_assert_ok(get_as(f, 0, lone));
    /* a denied read says "access denied", and that is all */
    grp_assert_rc(get_as(f, f->admin, v[2]), GRP_EACCESS);
    assert_null(strstr(grp_error_last()->message, "For the group"));
}

static void test_queries(void **state)
{
    fx *f = *state;
    grp_actor me = A(f->m[0]), m1 = A(f->m[1]);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_id a, b, c, d, e, x;
    /* a: active, target passed */
    spec.owner_id = f->m[0];
    spec.title = "a";
    spec.group_id = f->g;
    spec.target_date = D(2026, 3, 1);
    spec.visibility = GRP_VISIBLE_GROUP;
    grp_assert_ok(grp_goal_create(&a, f->s, &me, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &me, a, GRP_GOAL_ACTIVE));
    /* b: active, target later, one undone step overdue */
    spec.title = "b";
    spec.target_date = D(2026, 12, 1);
    grp_assert_ok(grp_goal_create(&b, f->s, &me, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &me, b, GRP_GOAL_ACTIVE));
    grp_id bs;
    grp_assert_ok(grp_goal_step_add(&bs, f->s, &me, b, "late step", D(2026, 2, 1)));
    /* c: active, target later, overdue step done */
    spec.title = "c";
    grp_assert_ok(grp_goal_create(&c, f->s, &me, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &me, c, GRP_GOAL_ACTIVE));
    grp_id cs;
    grp_assert_ok(grp_goal_step_add(&cs, f->s, &me, c, "done step", D(2026, 2, 1)));
    grp_assert_ok(grp_goal_step_set_done(f->s, &me, cs, 1));
    /* d: achieved, target passed: not overdue */
    spec.title = "d";
    spec.target_date = D(2026, 1, 1);
    grp_assert_ok(grp_goal_create(&d, f->s, &me, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &me, d, GRP_GOAL_ACHIEVED));
    /* e: draft, no group, target passed: not overdue (not active) */
    spec.title = "e";
    spec.group_id = 0;
    spec.visibility = GRP_VISIBLE_PRIVATE;
    grp_assert_ok(grp_goal_create(&e, f->s, &me, &spec));
    /* x: m1's, in g, group-visible, active, overdue */
    spec.owner_id = f->m[1];
    spec.title = "x";
    spec.target_date = D(2026, 3, 1);
    spec.group_id = f->g;
    spec.visibility = GRP_VISIBLE_GROUP;
    grp_assert_ok(grp_goal_create(&x, f->s, &m1, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &m1, x, GRP_GOAL_ACTIVE));
    /* reviews: a in s1, x in s1 and s2 */
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &me, a, D(2026, 1, 6), 20, NULL, f->s1));
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &m1, x, D(2026, 1, 6), 10, NULL, f->s1));
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &m1, x, D(2026, 2, 3), 50, NULL, f->s2));

    grp_id ids[16];
    grp_goal_query q = GRP_GOAL_QUERY_INIT;
    /* everything the system sees */
    assert_int_equal(list_as(f, 0, &q, ids, 16), 6);
    /* by owner */
    q.owner_id = f->m[0];
    assert_int_equal(list_as(f, 0, &q, ids, 16), 5);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[4], e);
    /* a member's active goals */
    q.statuses = 1u << GRP_GOAL_ACTIVE;
    assert_int_equal(list_as(f, f->m[0], &q, ids, 16), 3);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[1], b);
    assert_int_equal(ids[2], c);
    q.statuses = (1u << GRP_GOAL_ACHIEVED) | (1u << GRP_GOAL_DRAFT);
    assert_int_equal(list_as(f, f->m[0], &q, ids, 16), 2);
    assert_int_equal(ids[0], d);
    assert_int_equal(ids[1], e);
    q.statuses = 1u << GRP_GOAL_ABANDONED;
    assert_int_equal(list_as(f, f->m[0], &q, ids, 16), 0);
    /* by group */
    q.statuses = 0;
    q.owner_id = 0;
    q.group_id = f->g;
    assert_int_equal(list_as(f, 0, &q, ids, 16), 5);
    q.group_id = f->h;
    assert_int_equal(list_as(f, 0, &q, ids, 16), 0);
    /* overdue on 2026-04-01: a (target), b (step), x (target); not c, d, e */
    q.group_id = 0;
    q.overdue_on = D(2026, 4, 1);
    assert_int_equal(list_as(f, 0, &q, ids, 16), 3);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[1], b);
    assert_int_equal(ids[2], x);
    /* on 2026-03-01 the target of a is not yet passed (overdue means before) */
    q.overdue_on = D(2026, 3, 1);
    assert_int_equal(list_as(f, 0, &q, ids, 16), 1);
    assert_int_equal(ids[0], b);
    q.overdue_on = D(2026, 3, 2);
    assert_int_equal(list_as(f, 0, &q, ids, 16), 3);
    /* on 2026-02-01 nothing is overdue yet */
    q.overdue_on = D(2026, 2, 1);
    assert_int_equal(list_as(f, 0, &q, ids, 16), 0);
    /* completing b's step takes it off the list */
    grp_assert_ok(grp_goal_step_set_done(f->s, &me, bs, 1));
    q.overdue_on = D(2026, 4, 1);
    assert_int_equal(list_as(f, 0, &q, ids, 16), 2);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[1], x);
    /* combined with an owner */
    q.owner_id = f->m[1];
    assert_int_equal(list_as(f, 0, &q, ids, 16), 1);
    assert_int_equal(ids[0], x);
    /* reviewed in a session */
    grp_goal_query r = GRP_GOAL_QUERY_INIT;
    r.reviewed_in = f->s1;
    assert_int_equal(list_as(f, 0, &r, ids, 16), 2);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[1], x);
    r.reviewed_in = f->s2;
    assert_int_equal(list_as(f, 0, &r, ids, 16), 1);
    assert_int_equal(ids[0], x);
    r.reviewed_in = f->s3;
    assert_int_equal(list_as(f, 0, &r, ids, 16), 0);
    /* listed goals carry their latest percent and their steps */
    r.reviewed_in = f->s2;
    grp_goal_iterator *it;
    grp_goal *g;
    grp_assert_ok(grp_goal_iterator_new(&it, f->s, &m1, &r));
    grp_assert_ok(grp_goal_iterator_next(&g, it));
    assert_int_equal(grp_goal_percent(g), 50);
    assert_string_equal(grp_goal_title(g), "x");
    grp_goal_free(g);
    grp_assert_rc(grp_goal_iterator_next(&g, it), GRP_ITEROVER);
    assert_null(g);
    grp_goal_iterator_free(it);
    grp_goal_query all = GRP_GOAL_QUERY_INIT;
    all.owner_id = f->m[0];
    all.statuses = 1u << GRP_GOAL_ACTIVE;
    grp_assert_ok(grp_goal_iterator_new(&it, f->s, &me, &all));
    grp_assert_ok(grp_goal_iterator_next(&g, it));
    grp_goal_free(g);
    grp_assert_ok(grp_goal_iterator_next(&g, it)); /* b */
    assert_int_equal(grp_goal_step_count(g), 1);
    assert_int_equal(grp_goal_step_id(g, 0), bs);
    assert_int_equal(grp_goal_step_done(g, 0), 1);
    assert_int_equal(grp_goal_percent(g), -1);
    grp_goal_free(g);
    grp_goal_iterator_free(it);

    /* what others see of the same queries: m1 sees m0's group goals (a b c d), not e */
    grp_goal_query mine = GRP_GOAL_QUERY_INIT;
    mine.owner_id = f->m[0];
    assert_int_equal(list_as(f, f->m[1], &mine, ids, 16), 4);
    assert_int_equal(list_as(f, f->fac, &mine, ids, 16), 4);
    assert_int_equal(list_as(f, f->admin, &mine, ids, 16), 0);
    assert_int_equal(list_as(f, f->stranger, &mine, ids, 16), 0);
    mine.overdue_on = D(2026, 4, 1);
    assert_int_equal(list_as(f, f->m[1], &mine, ids, 16), 1);
    assert_int_equal(ids[0], a);
}

static void test_query_arguments(void **state)
{
    fx *f = *state;
    grp_goal_query q = GRP_GOAL_QUERY_INIT;
    grp_actor me = A(f->m[0]);
    grp_goal_iterator *it = (grp_goal_iterator *)1;
    grp_goal *g = (grp_goal *)1;
    grp_assert_rc(grp_goal_iterator_new(NULL, f->s, &me, &q), GRP_EINVAL);
    grp_assert_rc(grp_goal_iterator_new(&it, NULL, &me, &q), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, NULL, &q), GRP_EINVAL);
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &me, NULL), GRP_EINVAL);
    q.version = 0;
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &me, &q), GRP_EINVAL);
    q.version = GRP_GOAL_QUERY_VERSION;
    q.owner_id = -1;
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &me, &q), GRP_EINVAL);
    q.owner_id = 0;
    q.group_id = -1;
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &me, &q), GRP_EINVAL);
    q.group_id = 0;
    q.reviewed_in = -1;
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &me, &q), GRP_EINVAL);
    q.reviewed_in = 0;
    q.statuses = 1u << 4;
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &me, &q), GRP_EINVAL);
    q.statuses = 0;
    q.overdue_on = D(2026, 4, 31);
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &me, &q), GRP_EINVAL);
    q.overdue_on = NODATE();
    grp_actor bad = {(grp_actor_kind)2, f->m[0]};
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &bad, &q), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_goal_iterator_new(&it, f->s, &ghost, &q), GRP_ENOTFOUND);
    assert_null(it);
    /* unknown owner or group: an empty list */
    q.owner_id = 999;
    grp_id ids[2];
    assert_int_equal(list_as(f, 0, &q, ids, 2), 0);
    grp_assert_rc(grp_goal_iterator_next(&g, NULL), GRP_EINVAL);
    assert_null(g);
    grp_assert_rc(grp_goal_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_goal_iterator_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_and_query_init),
        cmocka_unit_test_setup_teardown(test_create_get_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_update_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_transitions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_who_may_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
