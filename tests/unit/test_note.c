/* Session notes (the author's visibility) and themes raised to the
 * organisation (no person stored), with the access rules of access.h. */
#include "roles_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static grp_actor A(grp_id person)
{
    return grp_actor_person(person);
}

static grp_id note(fx *f, grp_id author, grp_id session, grp_visibility v, const char *text)
{
    grp_actor a = A(author);
    grp_id id = 0;
    grp_assert_ok(grp_note_add(&id, f->s, &a, session, v, text));
    assert_true(id > 0);
    return id;
}

/* The note ids of `session` that `who` reads (0 = the system), in order. */
static size_t notes_seen(fx *f, grp_id who, grp_id session, grp_id *ids, size_t max)
{
    grp_actor a = who ? A(who) : grp_actor_system();
    grp_note_iterator *it;
    grp_note *n;
    size_t k = 0;
    grp_assert_ok(grp_note_iterator_new(&it, f->s, &a, session));
    while (grp_note_iterator_next(&n, it) == 0) {
        if (k < max)
            ids[k] = grp_note_id(n);
        k++;
        grp_note_free(n);
    }
    grp_note_iterator_free(it);
    return k;
}

static void expect_ids(const grp_id *got, size_t n, const grp_id *want, size_t m, const char *who)
{
    if (n != m)
        fail_msg("%s: %zu items, want %zu", who, n, m);
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            fail_msg("%s: item %zu is %lld, want %lld", who, i, (long long)got[i], (long long)want[i]);
}

static void test_note_fields(void **state)
{
    fx *f = *state;
    grp_id id = note(f, f->m[0], f->s1, GRP_VISIBLE_FACILITATORS, "I noticed I rushed the ending.\nAgain.");
    grp_note_iterator *it;
    grp_note *n;
    grp_actor me = A(f->m[0]);
    grp_assert_ok(grp_note_iterator_new(&it, f->s, &me, f->s1));
    grp_assert_ok(grp_note_iterator_next(&n, it));
    assert_int_equal(grp_note_id(n), id);
    assert_int_equal(grp_note_session_id(n), f->s1);
    assert_int_equal(grp_note_author_id(n), f->m[0]);
    assert_int_equal(grp_note_visibility(n), GRP_VISIBLE_FACILITATORS);
    assert_string_equal(grp_note_text(n), "I noticed I rushed the ending.\nAgain.");
    grp_note_free(n);
    grp_assert_rc(grp_note_iterator_next(&n, it), GRP_ITEROVER);
    assert_null(n);
    grp_note_iterator_free(it);
    /* notes belong to their session */
    grp_id ids[4];
    assert_int_equal(notes_seen(f, 0, f->s2, ids, 4), 0);
    /* NULL-safe getters */
    assert_int_equal(grp_note_id(NULL), 0);
    assert_int_equal(grp_note_session_id(NULL), 0);
    assert_int_equal(grp_note_author_id(NULL), 0);
    assert_int_equal(grp_note_visibility(NULL), GRP_VISIBLE_PRIVATE);
    assert_null(grp_note_text(NULL));
    grp_note_free(NULL);
    grp_note_iterator_free(NULL);
}

static void test_note_visibility(void **state)
{
    fx *f = *state;
    grp_id n1 = note(f, f->m[0], f->s1, GRP_VISIBLE_PRIVATE, "m0 private");
    grp_id n2 = note(f, f->m[0], f->s1, GRP_VISIBLE_FACILITATORS, "m0 for facilitators");
    grp_id n3 = note(f, f->m[0], f->s1, GRP_VISIBLE_GROUP, "m0 for the group");
    grp_id n4 = note(f, f->fac, f->s1, GRP_VISIBLE_PRIVATE, "facilitator private");
    grp_id n5 = note(f, f->fac, f->s1, GRP_VISIBLE_FACILITATORS, "facilitator for facilitators");
    grp_id n6 = note(f, f->m[1], f->s1, GRP_VISIBLE_GROUP, "m1 for the group");
    grp_id got[8];
    size_t n;
    /* the system: all */
    grp_id all[] = {n1, n2, n3, n4, n5, n6};
    n = notes_seen(f, 0, f->s1, got, 8);
    expect_ids(got, n, all, 6, "system");
    /* the author: theirs, and what is shared with the group */
    grp_id m0[] = {n1, n2, n3, n6};
    n = notes_seen(f, f->m[0], f->s1, got, 8);
    expect_ids(got, n, m0, 4, "author m0");
    /* another member (present, past or later): group-visible ones only */
    grp_id member[] = {n3, n6};
    n = notes_seen(f, f->m[1], f->s1, got, 8);
    expect_ids(got, n, member, 2, "member m1");
    n = notes_seen(f, f->m[2], f->s1, got, 8);
    expect_ids(got, n, member, 2, "member m2");
    n = notes_seen(f, f->leaver, f->s1, got, 8);
    expect_ids(got, n, member, 2, "past member");
    n = notes_seen(f, f->joiner, f->s1, got, 8);
    expect_ids(got, n, member, 2, "later member");
    /* the facilitator: theirs, and what is shared with facilitators or the group */
    grp_id fac[] = {n2, n3, n4, n5, n6};
    n = notes_seen(f, f->fac, f->s1, got, 8);
    expect_ids(got, n, fac, 5, "facilitator");
    /* the admin and everyone else: nothing at all (an empty list, not an error) */
    grp_id nobody[] = {f->admin, f->stranger, f->outsider, f->admin2, f->hmember, f->hfac};
    for (size_t i = 0; i < sizeof nobody / sizeof nobody[0]; i++) {
        n = notes_seen(f, nobody[i], f->s1, got, 8);
        expect_ids(got, n, NULL, 0, "outside the group");
    }
}

static void test_note_refusals(void **state)
{
    fx *f = *state;
    grp_id id = 9;
    /* only the group's members and facilitators write notes; the system does not */
    grp_actor sys = grp_actor_system();
    grp_assert_rc(grp_note_add(&id, f->s, &sys, f->s1, GRP_VISIBLE_GROUP, "x"), GRP_EACCESS);
    assert_int_equal(id, 0);
    grp_id refused[] = {f->admin, f->stranger, f->outsider, f->admin2, f->hmember, f->hfac};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        grp_actor a = A(refused[i]);
        grp_assert_rc(grp_note_add(&id, f->s, &a, f->s1, GRP_VISIBLE_GROUP, "x"), GRP_EACCESS);
    }
    grp_actor m0 = A(f->m[0]);
    grp_assert_rc(grp_note_add(&id, f->s, &m0, f->hs1, GRP_VISIBLE_GROUP, "x"), GRP_EACCESS);
    /* validation */
    grp_assert_rc(grp_note_add(&id, f->s, &m0, f->s1, (grp_visibility)3, "x"), GRP_EINVAL);
    grp_assert_rc(grp_note_add(&id, f->s, &m0, f->s1, (grp_visibility)-1, "x"), GRP_EINVAL);
    grp_assert_rc(grp_note_add(&id, f->s, &m0, f->s1, GRP_VISIBLE_GROUP, NULL), GRP_EINVAL);
    grp_assert_rc(grp_note_add(&id, f->s, &m0, f->s1, GRP_VISIBLE_GROUP, ""), GRP_EINVAL);
    char *big = malloc(10002);
    memset(big, 'w', 10001);
    big[10001] = '\0';
    grp_assert_rc(grp_note_add(&id, f->s, &m0, f->s1, GRP_VISIBLE_GROUP, big), GRP_EINVAL);
    big[10000] = '\0';
    grp_assert_ok(grp_note_add(NULL, f->s, &m0, f->s1, GRP_VISIBLE_PRIVATE, big));
    free(big);
    grp_assert_rc(grp_note_add(&id, NULL, &m0, f->s1, GRP_VISIBLE_GROUP, "x"), GRP_EINVAL);
    grp_assert_rc(grp_note_add(&id, f->s, NULL, f->s1, GRP_VISIBLE_GROUP, "x"), GRP_EINVAL);
    grp_assert_rc(grp_note_add(&id, f->s, &m0, 0, GRP_VISIBLE_GROUP, "x"), GRP_EINVAL);
    grp_assert_rc(grp_note_add(&id, f->s, &m0, -1, GRP_VISIBLE_GROUP, "x"), GRP_EINVAL);
    grp_assert_rc(grp_note_add(&id, f->s, &m0, 999, GRP_VISIBLE_GROUP, "x"), GRP_ENOTFOUND);
    grp_actor bad = {(grp_actor_kind)2, f->m[0]};
    grp_assert_rc(grp_note_add(&id, f->s, &bad, f->s1, GRP_VISIBLE_GROUP, "x"), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_note_add(&id, f->s, &ghost, f->s1, GRP_VISIBLE_GROUP, "x"), GRP_ENOTFOUND);
    assert_int_equal(id, 0);
    grp_id got[4];
    assert_int_equal(notes_seen(f, 0, f->s1, got, 4), 1);
    assert_int_equal(notes_seen(f, 0, f->hs1, got, 4), 0);
    /* iterator arguments */
    grp_note_iterator *it = (grp_note_iterator *)1;
    grp_note *n = (grp_note *)1;
    grp_assert_rc(grp_note_iterator_new(NULL, f->s, &m0, f->s1), GRP_EINVAL);
    grp_assert_rc(grp_note_iterator_new(&it, NULL, &m0, f->s1), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_note_iterator_new(&it, f->s, NULL, f->s1), GRP_EINVAL);
    grp_assert_rc(grp_note_iterator_new(&it, f->s, &m0, 0), GRP_EINVAL);
    grp_assert_rc(grp_note_iterator_new(&it, f->s, &m0, -1), GRP_EINVAL);
    grp_assert_rc(grp_note_iterator_new(&it, f->s, &m0, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_note_iterator_new(&it, f->s, &bad, f->s1), GRP_EINVAL);
    grp_assert_rc(grp_note_iterator_new(&it, f->s, &ghost, f->s1), GRP_ENOTFOUND);
    assert_null(it);
    grp_assert_rc(grp_note_iterator_next(&n, NULL), GRP_EINVAL);
    assert_null(n);
    grp_assert_rc(grp_note_iterator_next(NULL, NULL), GRP_EINVAL);
}

/* ---- themes ------------------------------------------------------------------------ */

static grp_id theme(fx *f, grp_id who, grp_id group, grp_id session, const char *title, const char *desc)
{
    grp_actor a = who ? A(who) : grp_actor_system();
    grp_id id = 0;
    grp_assert_ok(grp_theme_raise(&id, f->s, &a, group, session, title, desc));
    assert_true(id > 0);
    return id;
}

static size_t themes_seen(fx *f, grp_id who, grp_id org, grp_id group, grp_id *ids, size_t max)
{
    grp_actor a = who ? A(who) : grp_actor_system();
    grp_theme_iterator *it;
    grp_theme *t;
    size_t k = 0;
    grp_assert_ok(grp_theme_iterator_new(&it, f->s, &a, org, group));
    while (grp_theme_iterator_next(&t, it) == 0) {
        if (k < max)
            ids[k] = grp_theme_id(t);
        k++;
        grp_theme_free(t);
    }
    grp_theme_iterator_free(it);
    return k;
}

static grp_theme_status theme_status(fx *f, grp_id group, grp_id id)
{
    grp_actor sys = grp_actor_system();
    grp_theme_iterator *it;
    grp_theme *t;
    grp_theme_status st = (grp_theme_status)-1;
    grp_assert_ok(grp_theme_iterator_new(&it, f->s, &sys, 0, group));
    while (grp_theme_iterator_next(&t, it) == 0) {
        if (grp_theme_id(t) == id)
            st = grp_theme_status_of(t);
        grp_theme_free(t);
    }
    grp_theme_iterator_free(it);
    return st;
}

static void test_theme_fields_and_raisers(void **state)
{
    fx *f = *state;
    grp_id t1 = theme(f, f->m[0], f->g, f->s1, "Caseloads too high", "Several of us carry 40+ cases.");
    grp_id t2 = theme(f, f->fac, f->g, 0, "No protected time", NULL);
    grp_id t3 = theme(f, 0, f->g, f->s2, "Raised by the system", NULL);
    grp_id t4 = theme(f, f->leaver, f->g, 0, "From a past member", NULL);
    assert_true(t2 > t1 && t3 > t2 && t4 > t3);
    grp_actor me = A(f->m[0]);
    grp_theme_iterator *it;
    grp_theme *t;
    grp_assert_ok(grp_theme_iterator_new(&it, f->s, &me, 0, f->g));
    grp_assert_ok(grp_theme_iterator_next(&t, it));
    assert_int_equal(grp_theme_id(t), t1);
    assert_int_equal(grp_theme_group_id(t), f->g);
    assert_int_equal(grp_theme_session_id(t), f->s1);
    assert_string_equal(grp_theme_title(t), "Caseloads too high");
    assert_string_equal(grp_theme_description(t), "Several of us carry 40+ cases.");
    assert_int_equal(grp_theme_status_of(t), GRP_THEME_NOTED);
    grp_theme_free(t);
    grp_assert_ok(grp_theme_iterator_next(&t, it));
    assert_int_equal(grp_theme_id(t), t2);
    assert_int_equal(grp_theme_session_id(t), 0);
    assert_null(grp_theme_description(t));
    grp_theme_free(t);
    grp_assert_ok(grp_theme_iterator_next(&t, it));
    assert_int_equal(grp_theme_id(t), t3);
    assert_int_equal(grp_theme_session_id(t), f->s2);
    grp_theme_free(t);
    grp_assert_ok(grp_theme_iterator_next(&t, it));
    assert_int_equal(grp_theme_id(t), t4);
    grp_theme_free(t);
    grp_assert_rc(grp_theme_iterator_next(&t, it), GRP_ITEROVER);
    assert_null(t);
    grp_theme_iterator_free(it);
    /* names */
    assert_string_equal(grp_theme_status_name(GRP_THEME_NOTED), "noted");
    assert_string_equal(grp_theme_status_name(GRP_THEME_RAISED), "raised");
    assert_string_equal(grp_theme_status_name(GRP_THEME_RESOLVED), "resolved");
    assert_null(grp_theme_status_name((grp_theme_status)3));
    assert_null(grp_theme_status_name((grp_theme_status)-1));
    /* NULL-safe getters */
    assert_int_equal(grp_theme_id(NULL), 0);
    assert_int_equal(grp_theme_group_id(NULL), 0);
    assert_int_equal(grp_theme_session_id(NULL), 0);
    assert_null(grp_theme_title(NULL));
    assert_null(grp_theme_description(NULL));
    assert_int_equal(grp_theme_status_of(NULL), GRP_THEME_NOTED);
    grp_theme_free(NULL);
    grp_theme_iterator_free(NULL);
}

static void test_theme_raise_refusals(void **state)
{
    fx *f = *state;
    grp_id id = 4;
    /* the admin raises nothing (themes come from the group), nor do outsiders */
    grp_id refused[] = {f->admin, f->stranger, f->outsider, f->admin2, f->hmember, f->hfac};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        grp_actor a = A(refused[i]);
        grp_assert_rc(grp_theme_raise(&id, f->s, &a, f->g, 0, "x", NULL), GRP_EACCESS);
        assert_int_equal(id, 0);
    }
    grp_actor m0 = A(f->m[0]);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->h, 0, "x", NULL), GRP_EACCESS);
    /* validation */
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, 0, NULL, NULL), GRP_EINVAL);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, 0, "", NULL), GRP_EINVAL);
    char title[202];
    memset(title, 't', 201);
    title[201] = '\0';
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, 0, title, NULL), GRP_EINVAL);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, 0, "x", ""), GRP_EINVAL);
    char *desc = malloc(4002);
    memset(desc, 'd', 4001);
    desc[4001] = '\0';
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, 0, "x", desc), GRP_EINVAL);
    free(desc);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, -1, "x", NULL), GRP_EINVAL);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, f->hs1, "x", NULL), GRP_EINVAL);
    grp_assert_msg_contains("is not a session of group");
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, f->g, 999, "x", NULL), GRP_ENOTFOUND);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, 999, 0, "x", NULL), GRP_ENOTFOUND);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, 0, 0, "x", NULL), GRP_EINVAL);
    grp_assert_rc(grp_theme_raise(&id, f->s, &m0, -1, 0, "x", NULL), GRP_EINVAL);
    grp_assert_rc(grp_theme_raise(&id, NULL, &m0, f->g, 0, "x", NULL), GRP_EINVAL);
    grp_assert_rc(grp_theme_raise(&id, f->s, NULL, f->g, 0, "x", NULL), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)2, f->m[0]};
    grp_assert_rc(grp_theme_raise(&id, f->s, &bad, f->g, 0, "x", NULL), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_theme_raise(&id, f->s, &ghost, f->g, 0, "x", NULL), GRP_ENOTFOUND);
    assert_int_equal(id, 0);
    grp_id got[4];
    assert_int_equal(themes_seen(f, 0, f->org, 0, got, 4), 0);
}

static void test_theme_status(void **state)
{
    fx *f = *state;
    grp_id t = theme(f, f->m[0], f->g, f->s1, "Caseloads", NULL);
    grp_actor fac = A(f->fac), sys = grp_actor_system();
    grp_assert_ok(grp_theme_set_status(f->s, &fac, t, GRP_THEME_RAISED));
    assert_int_equal(theme_status(f, f->g, t), GRP_THEME_RAISED);
    grp_assert_ok(grp_theme_set_status(f->s, &sys, t, GRP_THEME_RESOLVED));
    assert_int_equal(theme_status(f, f->g, t), GRP_THEME_RESOLVED);
    grp_assert_ok(grp_theme_set_status(f->s, &fac, t, GRP_THEME_NOTED));
    assert_int_equal(theme_status(f, f->g, t), GRP_THEME_NOTED);
    /* members (even the one who raised it), admins and others may not */
    grp_id refused[] = {f->m[0], f->m[1], f->leaver, f->admin, f->stranger, f->outsider, f->admin2, f->hfac};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        grp_actor a = A(refused[i]);
        grp_assert_rc(grp_theme_set_status(f->s, &a, t, GRP_THEME_RESOLVED), GRP_EACCESS);
    }
    assert_int_equal(theme_status(f, f->g, t), GRP_THEME_NOTED);
    grp_assert_rc(grp_theme_set_status(f->s, &fac, t, (grp_theme_status)3), GRP_EINVAL);
    grp_assert_rc(grp_theme_set_status(f->s, &fac, t, (grp_theme_status)-1), GRP_EINVAL);
    grp_assert_rc(grp_theme_set_status(f->s, &fac, 0, GRP_THEME_RAISED), GRP_EINVAL);
    grp_assert_rc(grp_theme_set_status(f->s, &fac, -1, GRP_THEME_RAISED), GRP_EINVAL);
    grp_assert_rc(grp_theme_set_status(f->s, &fac, 999, GRP_THEME_RAISED), GRP_ENOTFOUND);
    grp_assert_rc(grp_theme_set_status(NULL, &fac, t, GRP_THEME_RAISED), GRP_EINVAL);
    grp_assert_rc(grp_theme_set_status(f->s, NULL, t, GRP_THEME_RAISED), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)2, f->fac};
    grp_assert_rc(grp_theme_set_status(f->s, &bad, t, GRP_THEME_RAISED), GRP_EINVAL);
    assert_int_equal(theme_status(f, f->g, t), GRP_THEME_NOTED);
}

static void test_theme_reading(void **state)
{
    fx *f = *state;
    grp_id g1 = theme(f, f->m[0], f->g, 0, "g one", NULL);
    grp_id h1 = theme(f, f->hmember, f->h, f->hs1, "h one", NULL);
    grp_id g2 = theme(f, f->fac, f->g, 0, "g two", NULL);
    grp_id got[8];
    size_t n;
    /* one group: its members (present, past), facilitators, the org's admins, the system */
    grp_id gthemes[] = {g1, g2};
    grp_id readers[] = {0, f->m[0], f->m[3], f->leaver, f->joiner, f->fac, f->admin};
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        n = themes_seen(f, readers[i], 0, f->g, got, 8);
        expect_ids(got, n, gthemes, 2, "a reader of g");
    }
    grp_id nobody[] = {f->stranger, f->outsider, f->admin2, f->hmember, f->hfac};
    for (size_t i = 0; i < sizeof nobody / sizeof nobody[0]; i++) {
        n = themes_seen(f, nobody[i], 0, f->g, got, 8);
        expect_ids(got, n, NULL, 0, "outside g");
    }
    /* the organisation's list: the admin sees every group's */
    grp_id all[] = {g1, h1, g2};
    n = themes_seen(f, f->admin, f->org, 0, got, 8);
    expect_ids(got, n, all, 3, "admin, by organisation");
    n = themes_seen(f, 0, f->org, 0, got, 8);
    expect_ids(got, n, all, 3, "system, by organisation");
    /* a member sees their group's part of it, without learning about the rest */
    n = themes_seen(f, f->m[0], f->org, 0, got, 8);
    expect_ids(got, n, gthemes, 2, "member of g, by organisation");
    grp_id hthemes[] = {h1};
    n = themes_seen(f, f->hmember, f->org, 0, got, 8);
    expect_ids(got, n, hthemes, 1, "member of h, by organisation");
    n = themes_seen(f, f->hfac, f->org, 0, got, 8);
    expect_ids(got, n, hthemes, 1, "facilitator of h, by organisation");
    /* another organisation's admin, a stranger: nothing */
    n = themes_seen(f, f->admin2, f->org, 0, got, 8);
    expect_ids(got, n, NULL, 0, "other admin");
    n = themes_seen(f, f->stranger, f->org, 0, got, 8);
    expect_ids(got, n, NULL, 0, "stranger");
    n = themes_seen(f, f->admin2, f->org2, 0, got, 8);
    expect_ids(got, n, NULL, 0, "other org");
    /* an admin who loses the role loses the view */
    grp_assert_ok(grp_org_admin_remove(f->s, f->org, f->admin));
    n = themes_seen(f, f->admin, f->org, 0, got, 8);
    expect_ids(got, n, NULL, 0, "former admin");
    /* arguments */
    grp_actor sys = grp_actor_system();
    grp_theme_iterator *it = (grp_theme_iterator *)1;
    grp_theme *t = (grp_theme *)1;
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &sys, 0, 0), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &sys, f->org, f->g), GRP_EINVAL);
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &sys, -1, 0), GRP_EINVAL);
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &sys, 0, -1), GRP_EINVAL);
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &sys, 999, 0), GRP_ENOTFOUND);
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &sys, 0, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_theme_iterator_new(NULL, f->s, &sys, f->org, 0), GRP_EINVAL);
    grp_assert_rc(grp_theme_iterator_new(&it, NULL, &sys, f->org, 0), GRP_EINVAL);
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, NULL, f->org, 0), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)2, 0};
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &bad, f->org, 0), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_theme_iterator_new(&it, f->s, &ghost, f->org, 0), GRP_ENOTFOUND);
    assert_null(it);
    grp_assert_rc(grp_theme_iterator_next(&t, NULL), GRP_EINVAL);
    assert_null(t);
    grp_assert_rc(grp_theme_iterator_next(NULL, NULL), GRP_EINVAL);
}

/* Themes are stored with no person: not in the table, not in the audit log. */
static void test_theme_stores_no_person(void **state)
{
    fx *f = *state;
    grp_id t = theme(f, f->m[2], f->g, f->s1, "Stored without a person", "desc");
    grp_actor fac = A(f->fac);
    grp_assert_ok(grp_theme_set_status(f->s, &fac, t, GRP_THEME_RAISED));
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    char cols[256] = "";
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA table_info(theme)", -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (cols[0])
            strcat(cols, ",");
        strcat(cols, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    assert_string_equal(cols, "id,group_id,session_id,title,description,status");
    /* no foreign key of the theme table points at a person */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_foreign_key_list('theme') "
                                            "WHERE \"table\" = 'person'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    /* the raise is audited as the system's, with no person */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT actor_kind, actor_person FROM audit WHERE action = 'theme.raise' "
                                            "AND entity_id = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, t);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), GRP_ACTOR_SYSTEM);
    assert_int_equal(sqlite3_column_type(st, 1), SQLITE_NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    /* a status change is a facilitator's act and is audited as theirs */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT actor_person FROM audit WHERE action = 'theme.set_status' "
                                            "AND entity_id = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, t);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), f->fac);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_note_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_visibility, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_fields_and_raisers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_raise_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_reading, setup, teardown),
        cmocka_unit_test_setup_teardown(test_theme_stores_no_person, setup_file, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
