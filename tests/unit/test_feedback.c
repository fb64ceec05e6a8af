/* Session feedback (forms, submission, anonymity, aggregates with cohort
 * suppression) and peer feedback, with the access rules of access.h. */
#include "roles_fixture.h"
#include "policy/stats.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static grp_actor A(grp_id person)
{
    return grp_actor_person(person);
}

/* Submit four ratings (the default form) as `who`. */
static int submit4(fx *f, grp_id who, grp_id session, int r0, int r1, int r2, int r3, const char *text, int anon)
{
    int ratings[4] = {r0, r1, r2, r3};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_actor a = A(who);
    sub.ratings = ratings;
    sub.rating_count = 4;
    sub.text = text;
    sub.anonymous = anon;
    return grp_feedback_submit(f->s, &a, session, &sub);
}

static int responded(fx *f, grp_id asker, grp_id session, grp_id person)
{
    int v = -1;
    grp_actor a = asker ? A(asker) : grp_actor_system();
    grp_assert_ok(grp_feedback_has_responded(&v, f->s, &a, session, person));
    return v;
}

/* ---- forms --------------------------------------------------------------------- */

static void test_default_form(void **state)
{
    fx *f = *state;
    grp_id id = 0, gf = 0;
    grp_feedback_form *form;
    grp_assert_ok(grp_feedback_form_default(&id, f->s));
    assert_true(id > 0);
    grp_assert_ok(grp_feedback_form_get(&form, f->s, id));
    assert_int_equal(grp_feedback_form_id(form), id);
    assert_string_equal(grp_feedback_form_name(form), "Session feedback");
    assert_int_equal(grp_feedback_form_item_count(form), 4);
    assert_string_equal(grp_feedback_form_item(form, 0), "I felt safe to share");
    assert_string_equal(grp_feedback_form_item(form, 1), "The session was useful for my practice");
    assert_string_equal(grp_feedback_form_item(form, 2), "The facilitator kept us focused");
    assert_string_equal(grp_feedback_form_item(form, 3), "The time felt protected");
    assert_null(grp_feedback_form_item(form, 4));
    grp_feedback_form_free(form);
    /* a group without its own form answers the default one */
    grp_assert_ok(grp_group_feedback_form(&gf, f->s, f->g));
    assert_int_equal(gf, id);
}

static void test_custom_form(void **state)
{
    fx *f = *state;
    const char *items[] = {"The case discussion helped me", "I would recommend this group"};
    grp_strarray arr = {(char **)items, 2};
    grp_id form = 0, def = 0, gf = 0;
    grp_feedback_form *fo;
    grp_assert_ok(grp_feedback_form_create(&form, f->s, "Short form", &arr));
    grp_assert_ok(grp_feedback_form_default(&def, f->s));
    assert_true(form > 0);
    assert_int_not_equal(form, def);
    grp_assert_ok(grp_feedback_form_get(&fo, f->s, form));
    assert_string_equal(grp_feedback_form_name(fo), "Short form");
    assert_int_equal(grp_feedback_form_item_count(fo), 2);
    assert_string_equal(grp_feedback_form_item(fo, 0), items[0]);
    assert_string_equal(grp_feedback_form_item(fo, 1), items[1]);
    grp_feedback_form_free(fo);
    /* creating without asking for the id is fine */
    grp_assert_ok(grp_feedback_form_create(NULL, f->s, "Another", &arr));

    grp_assert_ok(grp_group_set_feedback_form(f->s, f->g, form));
    grp_assert_ok(grp_group_feedback_form(&gf, f->s, f->g));
    assert_int_equal(gf, form);
    grp_assert_ok(grp_group_feedback_form(&gf, f->s, f->h));
    assert_int_equal(gf, def);

    /* members of g now answer two items */
    grp_assert_rc(submit4(f, f->m[0], f->s1, 5, 5, 5, 5, NULL, 0), GRP_EINVAL);
    grp_assert_msg_contains("must equal the form's 2 items");
    int two[2] = {4, 2};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_actor a = A(f->m[0]);
    sub.ratings = two;
    sub.rating_count = 2;
    grp_assert_ok(grp_feedback_submit(f->s, &a, f->s1, &sub));
    grp_actor sys = grp_actor_system();
    grp_feedback_response_iterator *it;
    grp_feedback_response *r;
    grp_assert_ok(grp_feedback_response_iterator_new(&it, f->s, &sys, f->s1));
    grp_assert_ok(grp_feedback_response_iterator_next(&r, it));
    assert_int_equal(grp_feedback_response_form_id(r), form);
    assert_int_equal(grp_feedback_response_rating_count(r), 2);
    assert_int_equal(grp_feedback_response_rating(r, 0), 4);
    assert_int_equal(grp_feedback_response_rating(r, 1), 2);
    assert_int_equal(grp_feedback_response_rating(r, 2), -1);
    grp_feedback_response_free(r);
    grp_assert_rc(grp_feedback_response_iterator_next(&r, it), GRP_ITEROVER);
    grp_feedback_response_iterator_free(it);

    /* 0 goes back to the default form */
    grp_assert_ok(grp_group_set_feedback_form(f->s, f->g, 0));
    grp_assert_ok(grp_group_feedback_form(&gf, f->s, f->g));
    assert_int_equal(gf, def);
    grp_assert_ok(submit4(f, f->m[1], f->s1, 1, 2, 3, 4, NULL, 0));
}

static void test_form_arguments(void **state)
{
    fx *f = *state;
    const char *one[] = {"Item"};
    grp_strarray arr = {(char **)one, 1};
    grp_id id = 77;
    grp_feedback_form *fo = (grp_feedback_form *)1;

    grp_assert_rc(grp_feedback_form_create(&id, NULL, "F", &arr), GRP_EINVAL);
    assert_int_equal(id, 0);
    grp_assert_rc(grp_feedback_form_create(&id, f->s, NULL, &arr), GRP_EINVAL);
    grp_assert_rc(grp_feedback_form_create(&id, f->s, "", &arr), GRP_EINVAL);
    char longname[202];
    memset(longname, 'n', 201);
    longname[201] = '\0';
    grp_assert_rc(grp_feedback_form_create(&id, f->s, longname, &arr), GRP_EINVAL);
    grp_assert_rc(grp_feedback_form_create(&id, f->s, "F", NULL), GRP_EINVAL);
    grp_strarray none = {NULL, 0};
    grp_assert_rc(grp_feedback_form_create(&id, f->s, "F", &none), GRP_EINVAL);
    grp_strarray nulls = {NULL, 1};
    grp_assert_rc(grp_feedback_form_create(&id, f->s, "F", &nulls), GRP_EINVAL);
    const char *many[GRP_FEEDBACK_MAX_ITEMS + 1];
    for (int i = 0; i <= GRP_FEEDBACK_MAX_ITEMS; i++)
        many[i] = "Item";
    grp_strarray toomany = {(char **)many, GRP_FEEDBACK_MAX_ITEMS + 1};
    grp_assert_rc(grp_feedback_form_create(&id, f->s, "F", &toomany), GRP_EINVAL);
    grp_strarray max = {(char **)many, GRP_FEEDBACK_MAX_ITEMS};
    grp_assert_ok(grp_feedback_form_create(&id, f->s, "Twenty", &max));
    grp_assert_ok(grp_feedback_form_get(&fo, f->s, id));
    assert_int_equal(grp_feedback_form_item_count(fo), GRP_FEEDBACK_MAX_ITEMS);
    grp_feedback_form_free(fo);
    const char *bad[] = {"ok", ""};
    grp_strarray badarr = {(char **)bad, 2};
    grp_assert_rc(grp_feedback_form_create(&id, f->s, "F", &badarr), GRP_EINVAL);
    char longitem[502];
    memset(longitem, 'i', 501);
    longitem[501] = '\0';
    const char *lng[] = {longitem};
    grp_strarray lngarr = {(char **)lng, 1};
    grp_assert_rc(grp_feedback_form_create(&id, f->s, "F", &lngarr), GRP_EINVAL);
    longitem[500] = '\0';
    grp_assert_ok(grp_feedback_form_create(&id, f->s, "F", &lngarr));

    grp_assert_rc(grp_feedback_form_default(NULL, f->s), GRP_EINVAL);
    grp_assert_rc(grp_feedback_form_default(&id, NULL), GRP_EINVAL);

    grp_assert_rc(grp_feedback_form_get(NULL, f->s, 1), GRP_EINVAL);
    grp_assert_rc(grp_feedback_form_get(&fo, NULL, 1), GRP_EINVAL);
    assert_null(fo);
    grp_assert_rc(grp_feedback_form_get(&fo, f->s, 0), GRP_EINVAL);
    grp_assert_rc(grp_feedback_form_get(&fo, f->s, -3), GRP_EINVAL);
    grp_assert_rc(grp_feedback_form_get(&fo, f->s, 999), GRP_ENOTFOUND);
    assert_null(fo);

    grp_assert_rc(grp_group_set_feedback_form(NULL, f->g, 1), GRP_EINVAL);
    grp_assert_rc(grp_group_set_feedback_form(f->s, 0, 1), GRP_EINVAL);
    grp_assert_rc(grp_group_set_feedback_form(f->s, -1, 1), GRP_EINVAL);
    grp_assert_rc(grp_group_set_feedback_form(f->s, f->g, -1), GRP_EINVAL);
    grp_assert_rc(grp_group_set_feedback_form(f->s, 999, 1), GRP_ENOTFOUND);
    grp_assert_rc(grp_group_set_feedback_form(f->s, f->g, 999), GRP_ENOTFOUND);
    grp_id gf = 5;
    grp_assert_rc(grp_group_feedback_form(NULL, f->s, f->g), GRP_EINVAL);
    grp_assert_rc(grp_group_feedback_form(&gf, NULL, f->g), GRP_EINVAL);
    assert_int_equal(gf, 0);
    grp_assert_rc(grp_group_feedback_form(&gf, f->s, 0), GRP_EINVAL);
    grp_assert_rc(grp_group_feedback_form(&gf, f->s, 999), GRP_ENOTFOUND);

    /* getters are NULL-safe */
    assert_int_equal(grp_feedback_form_id(NULL), 0);
    assert_null(grp_feedback_form_name(NULL));
    assert_int_equal(grp_feedback_form_item_count(NULL), 0);
    assert_null(grp_feedback_form_item(NULL, 0));
    grp_feedback_form_free(NULL);
}

/* ---- submission -------------------------------------------------------------------- */

static void test_submission_init(void **state)
{
    (void)state;
    grp_feedback_submission sub;
    memset(&sub, 0xab, sizeof sub);
    grp_assert_ok(grp_feedback_submission_init(&sub, GRP_FEEDBACK_SUBMISSION_VERSION));
    assert_int_equal(sub.version, GRP_FEEDBACK_SUBMISSION_VERSION);
    assert_null(sub.ratings);
    assert_int_equal(sub.rating_count, 0);
    assert_null(sub.text);
    assert_int_equal(sub.anonymous, 0);
    grp_assert_rc(grp_feedback_submission_init(NULL, GRP_FEEDBACK_SUBMISSION_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_feedback_submission_init(&sub, 2), GRP_EINVAL);
    grp_feedback_scope sc;
    memset(&sc, 0xab, sizeof sc);
    grp_assert_ok(grp_feedback_scope_init(&sc, GRP_FEEDBACK_SCOPE_VERSION));
    assert_int_equal(sc.version, GRP_FEEDBACK_SCOPE_VERSION);
    assert_int_equal(sc.session_id, 0);
    assert_int_equal(sc.group_id, 0);
    assert_int_equal(sc.facilitator_id, 0);
    assert_int_equal(sc.org_id, 0);
    assert_int_equal(sc.from, 0);
    assert_int_equal(sc.to, 0);
    assert_int_equal(sc.form_id, 0);
    grp_assert_rc(grp_feedback_scope_init(NULL, GRP_FEEDBACK_SCOPE_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_feedback_scope_init(&sc, 0), GRP_EINVAL);
}

static void test_submit_validation(void **state)
{
    fx *f = *state;
    int ratings[5] = {5, 4, 3, 2, 1};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_actor a = A(f->m[0]);
    sub.ratings = ratings;

    /* rating count must equal the form's 4 items */
    sub.rating_count = 3;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.rating_count = 5;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.rating_count = 0;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.rating_count = 4;
    sub.ratings = NULL;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.ratings = ratings;
    /* values 0..5 */
    ratings[2] = 6;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    grp_assert_msg_contains("sub.ratings[2] (6)");
    ratings[2] = -1;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    ratings[2] = 3;
    /* text: at most 4000 bytes, not empty, valid UTF-8 */
    char *text = malloc(4002);
    memset(text, 'x', 4001);
    text[4001] = '\0';
    sub.text = text;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.text = "";
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.text = "\xff\xfe";
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    /* the anonymous flag is 0 or 1 */
    sub.text = NULL;
    sub.anonymous = 2;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.anonymous = -1;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.anonymous = 0;
    sub.version = 2;
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, &sub), GRP_EINVAL);
    sub.version = GRP_FEEDBACK_SUBMISSION_VERSION;
    /* arguments */
    grp_assert_rc(grp_feedback_submit(NULL, &a, f->s1, &sub), GRP_EINVAL);
    grp_assert_rc(grp_feedback_submit(f->s, NULL, f->s1, &sub), GRP_EINVAL);
    grp_assert_rc(grp_feedback_submit(f->s, &a, f->s1, NULL), GRP_EINVAL);
    grp_assert_rc(grp_feedback_submit(f->s, &a, 0, &sub), GRP_EINVAL);
    grp_assert_rc(grp_feedback_submit(f->s, &a, -4, &sub), GRP_EINVAL);
    grp_assert_rc(grp_feedback_submit(f->s, &a, 999, &sub), GRP_ENOTFOUND);
    grp_actor bad = {(grp_actor_kind)7, f->m[0]};
    grp_assert_rc(grp_feedback_submit(f->s, &bad, f->s1, &sub), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_feedback_submit(f->s, &ghost, f->s1, &sub), GRP_ENOTFOUND);
    grp_actor zero = A(0);
    grp_assert_rc(grp_feedback_submit(f->s, &zero, f->s1, &sub), GRP_EINVAL);
    grp_actor neg = A(-2);
    grp_assert_rc(grp_feedback_submit(f->s, &neg, f->s1, &sub), GRP_EINVAL);
    /* none of that left a trace */
    assert_int_equal(responded(f, 0, f->s1, f->m[0]), 0);

    /* the boundaries themselves are accepted: 0 = no answer, 4000 bytes */
    ratings[0] = 0;
    ratings[3] = 5;
    text[4000] = '\0';
    sub.text = text;
    grp_assert_ok(grp_feedback_submit(f->s, &a, f->s1, &sub));
    assert_int_equal(responded(f, 0, f->s1, f->m[0]), 1);
    grp_actor sys = grp_actor_system();
    grp_feedback_response_iterator *it;
    grp_feedback_response *r;
    grp_assert_ok(grp_feedback_response_iterator_new(&it, f->s, &sys, f->s1));
    grp_assert_ok(grp_feedback_response_iterator_next(&r, it));
    assert_int_equal(grp_feedback_response_person_id(r), f->m[0]);
    assert_int_equal(grp_feedback_response_session_id(r), f->s1);
    assert_int_equal(grp_feedback_response_rating_count(r), 4);
    assert_int_equal(grp_feedback_response_rating(r, 0), 0);
    assert_int_equal(grp_feedback_response_rating(r, 1), 4);
    assert_int_equal(grp_feedback_response_rating(r, 2), 3);
    assert_int_equal(grp_feedback_response_rating(r, 3), 5);
    assert_int_equal(strlen(grp_feedback_response_text(r)), 4000);
    grp_feedback_response_free(r);
    grp_feedback_response_iterator_free(it);
    free(text);
}

static void test_submit_once(void **state)
{
    fx *f = *state;
    /* named, then named again or anonymous */
    grp_assert_ok(submit4(f, f->m[0], f->s1, 5, 5, 5, 5, "first", 0));
    grp_assert_rc(submit4(f, f->m[0], f->s1, 1, 1, 1, 1, "again", 0), GRP_EEXISTS);
    grp_assert_msg_contains("already responded");
    grp_assert_rc(submit4(f, f->m[0], f->s1, 1, 1, 1, 1, "again", 1), GRP_EEXISTS);
    /* anonymous, then anonymous again or named */
    grp_assert_ok(submit4(f, f->m[1], f->s1, 4, 4, 4, 4, "anon", 1));
    grp_assert_rc(submit4(f, f->m[1], f->s1, 2, 2, 2, 2, NULL, 1), GRP_EEXISTS);
    grp_assert_rc(submit4(f, f->m[1], f->s1, 2, 2, 2, 2, NULL, 0), GRP_EEXISTS);
    /* one response per session, not per person: the next session is open */
    grp_assert_ok(submit4(f, f->m[1], f->s2, 3, 3, 3, 3, NULL, 1));
    /* exactly two responses to s1, neither replaced */
    grp_actor sys = grp_actor_system();
    grp_feedback_response_iterator *it;
    grp_feedback_response *r;
    int n = 0, named = 0, anon = 0;
    grp_assert_ok(grp_feedback_response_iterator_new(&it, f->s, &sys, f->s1));
    while (grp_feedback_response_iterator_next(&r, it) == 0) {
        n++;
        if (grp_feedback_response_person_id(r) == f->m[0]) {
            named++;
            assert_string_equal(grp_feedback_response_text(r), "first");
            assert_int_equal(grp_feedback_response_rating(r, 0), 5);
        } else {
            anon++;
            assert_int_equal(grp_feedback_response_person_id(r), 0);
            assert_string_equal(grp_feedback_response_text(r), "anon");
            assert_int_equal(grp_feedback_response_rating(r, 0), 4);
        }
        grp_feedback_response_free(r);
    }
    grp_feedback_response_iterator_free(it);
    assert_int_equal(n, 2);
    assert_int_equal(named, 1);
    assert_int_equal(anon, 1);
    assert_int_equal(responded(f, 0, f->s1, f->m[0]), 1);
    assert_int_equal(responded(f, 0, f->s1, f->m[1]), 1);
    assert_int_equal(responded(f, 0, f->s1, f->m[2]), 0);
}

static void test_submit_refusals(void **state)
{
    fx *f = *state;
    int ratings[4] = {3, 3, 3, 3};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    sub.ratings = ratings;
    sub.rating_count = 4;
    /* the system actor: feedback is a person's */
    grp_actor sys = grp_actor_system();
    grp_assert_rc(grp_feedback_submit(f->s, &sys, f->s1, &sub), GRP_EACCESS);
    /* facilitators, admins and people outside the group do not rate */
    grp_assert_rc(submit4(f, f->fac, f->s1, 3, 3, 3, 3, NULL, 0), GRP_EACCESS);
    grp_assert_rc(submit4(f, f->admin, f->s1, 3, 3, 3, 3, NULL, 1), GRP_EACCESS);
    grp_assert_rc(submit4(f, f->stranger, f->s1, 3, 3, 3, 3, NULL, 0), GRP_EACCESS);
    grp_assert_rc(submit4(f, f->outsider, f->s1, 3, 3, 3, 3, NULL, 1), GRP_EACCESS);
    grp_assert_rc(submit4(f, f->admin2, f->s1, 3, 3, 3, 3, NULL, 0), GRP_EACCESS);
    grp_assert_rc(submit4(f, f->hmember, f->s1, 3, 3, 3, 3, NULL, 0), GRP_EACCESS);
    grp_assert_rc(submit4(f, f->m[0], f->hs1, 3, 3, 3, 3, NULL, 0), GRP_EACCESS);
    /* membership on the session's date counts */
    grp_assert_rc(submit4(f, f->leaver, f->s3, 3, 3, 3, 3, NULL, 0), GRP_EACCESS);
    grp_assert_ok(submit4(f, f->leaver, f->s1, 3, 3, 3, 3, NULL, 0));
    grp_assert_rc(submit4(f, f->joiner, f->s1, 3, 3, 3, 3, NULL, 1), GRP_EACCESS);
    grp_assert_ok(submit4(f, f->joiner, f->s3, 3, 3, 3, 3, NULL, 1));
    /* a refusal records nothing */
    assert_int_equal(responded(f, 0, f->s1, f->fac), 0);
    assert_int_equal(responded(f, 0, f->s1, f->stranger), 0);
    assert_int_equal(responded(f, 0, f->s1, f->joiner), 0);
    /* a session that did not take place takes no feedback */
    grp_assert_ok(grp_session_cancel(f->s, f->s2, "snow"));
    grp_assert_rc(submit4(f, f->m[0], f->s2, 3, 3, 3, 3, NULL, 0), GRP_ESTATE);
    grp_assert_rc(submit4(f, f->m[0], f->s2, 3, 3, 3, 3, NULL, 1), GRP_ESTATE);
    grp_assert_ok(grp_session_set_status(f->s, f->s3, GRP_SESSION_NOT_HELD));
    grp_assert_rc(submit4(f, f->m[0], f->s3, 3, 3, 3, 3, NULL, 0), GRP_ESTATE);
    assert_int_equal(responded(f, 0, f->s2, f->m[0]), 0);
    assert_int_equal(responded(f, 0, f->s3, f->m[0]), 0);
}

static void test_has_responded_access(void **state)
{
    fx *f = *state;
    grp_assert_ok(submit4(f, f->m[0], f->s1, 3, 3, 3, 3, NULL, 1));
    /* the person, the group's facilitators and the system may ask */
    assert_int_equal(responded(f, f->m[0], f->s1, f->m[0]), 1);
    assert_int_equal(responded(f, f->m[1], f->s1, f->m[1]), 0);
    assert_int_equal(responded(f, f->fac, f->s1, f->m[0]), 1);
    assert_int_equal(responded(f, f->fac, f->s1, f->m[1]), 0);
    assert_int_equal(responded(f, 0, f->s1, f->m[0]), 1);
    /* others may not */
    grp_id who[] = {f->m[1], f->admin, f->stranger, f->outsider, f->admin2, f->hfac, f->hmember, f->leaver};
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
        grp_actor a = A(who[i]);
        int v = 9;
        grp_assert_rc(grp_feedback_has_responded(&v, f->s, &a, f->s1, f->m[0]), GRP_EACCESS);
        assert_int_equal(v, 0);
    }
    /* arguments */
    grp_actor a = A(f->m[0]);
    int v = 9;
    grp_assert_rc(grp_feedback_has_responded(NULL, f->s, &a, f->s1, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_feedback_has_responded(&v, NULL, &a, f->s1, f->m[0]), GRP_EINVAL);
    assert_int_equal(v, 0);
    grp_assert_rc(grp_feedback_has_responded(&v, f->s, NULL, f->s1, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_feedback_has_responded(&v, f->s, &a, 0, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_feedback_has_responded(&v, f->s, &a, f->s1, -1), GRP_EINVAL);
    grp_assert_rc(grp_feedback_has_responded(&v, f->s, &a, 999, f->m[0]), GRP_ENOTFOUND);
    grp_actor bad = {(grp_actor_kind)3, 0};
    grp_assert_rc(grp_feedback_has_responded(&v, f->s, &bad, f->s1, f->m[0]), GRP_EINVAL);
}

/* Which responses to s1 `who` reads: count, named-own, anonymous. */
static int visible(fx *f, const grp_actor *who, grp_id session, int *anon_out, int *texts_out)
{
    grp_feedback_response_iterator *it;
    grp_feedback_response *r;
    int n = 0, anon = 0, texts = 0;
    grp_assert_ok(grp_feedback_response_iterator_new(&it, f->s, who, session));
    while (grp_feedback_response_iterator_next(&r, it) == 0) {
        n++;
        anon += grp_feedback_response_person_id(r) == 0;
        texts += grp_feedback_response_text(r) != NULL;
        grp_feedback_response_free(r);
    }
    grp_feedback_response_iterator_free(it);
    if (anon_out)
        *anon_out = anon;
    if (texts_out)
        *texts_out = texts;
    return n;
}

static void test_response_access(void **state)
{
    fx *f = *state;
    grp_assert_ok(submit4(f, f->m[0], f->s1, 5, 4, 3, 2, "named text of M0", 0));
    grp_assert_ok(submit4(f, f->m[1], f->s1, 1, 2, 3, 4, "anonymous text", 1));
    grp_assert_ok(submit4(f, f->m[2], f->s1, 2, 2, 2, 2, NULL, 0));
    int anon, texts;
    /* the system and the group's facilitator: all three, with free text */
    grp_actor sys = grp_actor_system();
    assert_int_equal(visible(f, &sys, f->s1, &anon, &texts), 3);
    assert_int_equal(anon, 1);
    assert_int_equal(texts, 2);
    grp_actor fac = A(f->fac);
    assert_int_equal(visible(f, &fac, f->s1, &anon, &texts), 3);
    assert_int_equal(anon, 1);
    assert_int_equal(texts, 2);
    /* a member: their own named response only */
    grp_actor m0 = A(f->m[0]);
    grp_feedback_response_iterator *it;
    grp_feedback_response *r;
    grp_assert_ok(grp_feedback_response_iterator_new(&it, f->s, &m0, f->s1));
    grp_assert_ok(grp_feedback_response_iterator_next(&r, it));
    assert_int_equal(grp_feedback_response_person_id(r), f->m[0]);
    assert_string_equal(grp_feedback_response_text(r), "named text of M0");
    assert_int_equal(grp_feedback_response_rating(r, 0), 5);
    assert_int_equal(grp_feedback_response_rating(r, 3), 2);
    grp_feedback_response_free(r);
    grp_assert_rc(grp_feedback_response_iterator_next(&r, it), GRP_ITEROVER);
    assert_null(r);
    grp_feedback_response_iterator_free(it);
    grp_actor m2 = A(f->m[2]);
    assert_int_equal(visible(f, &m2, f->s1, &anon, NULL), 1);
    assert_int_equal(anon, 0);
    /* the anonymous author cannot find "their" response: it has no author */
    grp_actor m1 = A(f->m[1]);
    assert_int_equal(visible(f, &m1, f->s1, NULL, NULL), 0);
    /* a member who did not respond, a past member, the admin, everyone else: nothing */
    grp_id none[] = {f->m[3], f->leaver, f->admin, f->stranger, f->outsider, f->admin2, f->hfac, f->hmember, f->joiner};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        grp_actor a = A(none[i]);
        assert_int_equal(visible(f, &a, f->s1, NULL, NULL), 0);
    }
    /* arguments */
    grp_assert_rc(grp_feedback_response_iterator_new(NULL, f->s, &sys, f->s1), GRP_EINVAL);
    it = (grp_feedback_response_iterator *)1;
    grp_assert_rc(grp_feedback_response_iterator_new(&it, NULL, &sys, f->s1), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_feedback_response_iterator_new(&it, f->s, NULL, f->s1), GRP_EINVAL);
    grp_assert_rc(grp_feedback_response_iterator_new(&it, f->s, &sys, 0), GRP_EINVAL);
    grp_assert_rc(grp_feedback_response_iterator_new(&it, f->s, &sys, -1), GRP_EINVAL);
    grp_assert_rc(grp_feedback_response_iterator_new(&it, f->s, &sys, 999), GRP_ENOTFOUND);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_feedback_response_iterator_new(&it, f->s, &ghost, f->s1), GRP_ENOTFOUND);
    assert_null(it);
    grp_assert_rc(grp_feedback_response_iterator_next(NULL, NULL), GRP_EINVAL);
    r = (grp_feedback_response *)1;
    grp_assert_rc(grp_feedback_response_iterator_next(&r, NULL), GRP_EINVAL);
    assert_null(r);
    grp_feedback_response_iterator_free(NULL);
    grp_feedback_response_free(NULL);
    assert_int_equal(grp_feedback_response_person_id(NULL), 0);
    assert_int_equal(grp_feedback_response_session_id(NULL), 0);
    assert_int_equal(grp_feedback_response_form_id(NULL), 0);
    assert_int_equal(grp_feedback_response_rating_count(NULL), 0);
    assert_int_equal(grp_feedback_response_rating(NULL, 0), -1);
    assert_null(grp_feedback_response_text(NULL));
}

/* ---- anonymity, in the raw file ----------------------------------------------------- */

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        fail_msg("cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "?");
    return db;
}

/* The column names of `table`, comma-separated, in declaration order. */
static void columns(sqlite3 *db, const char *table, char *out, size_t size)
{
    char sql[128];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (out[0])
            strncat(out, ",", size - strlen(out) - 1);
        strncat(out, (const char *)sqlite3_column_text(st, 1), size - strlen(out) - 1);
    }
    sqlite3_finalize(st);
}

static int prepares(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_finalize(st);
    return rc == SQLITE_OK;
}

#define BIG 24

static void test_anonymity_in_the_file(void **state)
{
    fx *f = *state;
    grp_id k = mk_group(f->s, f->org, "Big group", 30);
    grp_id who[BIG];
    for (int i = 0; i < BIG; i++) {
        char name[16];
        snprintf(name, sizeof name, "K%02d", i);
        who[i] = mk_person(f->s, f->org, name);
        join(f->s, k, who[i], D(2026, 1, 1), GRP_ROLE_MEMBER);
    }
    grp_id ks = ensure(f->s, k, 2026, 1, 6);
    /* Submission order is not person-id order: the i-th submission comes
     * from member (7 i mod 24); every third one is named. The free text
     * marks each submission so that the test (not an attacker) can tell
     * which row is which. */
    int named = 0;
    for (int i = 0; i < BIG; i++) {
        char text[8];
        int p = (7 * i) % BIG;
        snprintf(text, sizeof text, "r%02d", i);
        int anon = i % 3 != 0;
        named += !anon;
        grp_assert_ok(submit4(f, who[p], ks, 1 + i % 5, 1 + (i + 1) % 5, 0, 5, text, anon));
    }
    grp_store_close(f->s);
    f->s = NULL;

    sqlite3 *db = raw_open(f->path);
    char cols[512];
    /* exactly these columns: no timestamp, no sequence, nothing else */
    columns(db, "feedback_response", cols, sizeof cols);
    assert_string_equal(cols, "session_id,id,form_id,person_id,ratings,text");
    columns(db, "feedback_given", cols, sizeof cols);
    assert_string_equal(cols, "session_id,person_id");
    /* keyed by (session, person) and nothing else: no index on anything more */
    sqlite3_stmt *pk;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT group_concat(name, ',') FROM (SELECT name FROM "
                                        "pragma_table_info('feedback_given') WHERE pk > 0 ORDER BY pk)",
                                        -1, &pk, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(pk), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(pk, 0), "session_id,person_id");
    sqlite3_finalize(pk);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM pragma_index_list('feedback_given') "
                                        "WHERE origin <> 'pk'",
                                        -1, &pk, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(pk), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(pk, 0), 0);
    sqlite3_finalize(pk);
    /* neither table has a hidden rowid that would keep insertion order */
    assert_false(prepares(db, "SELECT rowid FROM feedback_response"));
    assert_false(prepares(db, "SELECT rowid FROM feedback_given"));
    assert_true(prepares(db, "SELECT rowid FROM note")); /* the probe itself works */
    /* both are WITHOUT ROWID tables, with no AUTOINCREMENT counter */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT sql FROM sqlite_schema WHERE name IN "
                                        "('feedback_response', 'feedback_given') ORDER BY name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        const char *sql = (const char *)sqlite3_column_text(st, 0);
        assert_non_null(strstr(sql, "WITHOUT ROWID"));
        assert_null(strstr(sql, "AUTOINCREMENT"));
    }
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);

    /* The rows in stored order (the table's key order, which is also its
     * natural scan order): anonymous ones have no person, named ones their
     * author; and the order is not the order of submission. */
    int order[BIG], n = 0;
    grp_id ids[BIG];
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, person_id, text FROM feedback_response WHERE session_id = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, ks);
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(n < BIG);
        const char *t = (const char *)sqlite3_column_text(st, 2);
        int i = atoi(t + 1);
        order[n] = i;
        ids[i] = sqlite3_column_int64(st, 0);
        if (i % 3 != 0)
            assert_int_equal(sqlite3_column_type(st, 1), SQLITE_NULL);
        else
            assert_int_equal(sqlite3_column_int64(st, 1), who[(7 * i) % BIG]);
        n++;
    }
    sqlite3_finalize(st);
    assert_int_equal(n, BIG);
    int ascending = 1, descending = 1, ids_ascending = 1, ids_descending = 1;
    for (int i = 1; i < BIG; i++) {
        ascending &= order[i] > order[i - 1];
        descending &= order[i] < order[i - 1];
        ids_ascending &= ids[i] > ids[i - 1];
        ids_descending &= ids[i] < ids[i - 1];
    }
    assert_false(ascending);
    assert_false(descending);
    assert_false(ids_ascending); /* ids by submission order */
    assert_false(ids_descending);
    /* and the ids are not a small counter: none lies in 1..1000 (chance ~ 24 * 2^-53) */
    for (int i = 0; i < BIG; i++)
        assert_true(ids[i] > 1000);
    /* the stored key order is (session, id): sorted by the random id */
    for (int i = 1; i < BIG; i++)
        assert_true(ids[order[i]] > ids[order[i - 1]]);

    /* Who responded is recorded by person, in person order, with nothing
     * that points at a response. */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT person_id FROM feedback_given WHERE session_id = ?1", -1, &st,
                                        NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, ks);
    n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_true(n < BIG);
        /* who[] was created in ascending id order: row n is member n */
        assert_int_equal(sqlite3_column_int64(st, 0), who[n]);
        n++;
    }
    sqlite3_finalize(st);
    assert_int_equal(n, BIG);

    /* The audit log: anonymous entries carry no person and only the day. */
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT actor_kind, actor_person, at, entity_type, entity_id FROM audit "
                                        "WHERE action = 'feedback.respond' ORDER BY id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    int anon_entries = 0, named_entries = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_string_equal((const char *)sqlite3_column_text(st, 3), "session");
        assert_int_equal(sqlite3_column_int64(st, 4), ks);
        if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
            anon_entries++;
            assert_int_equal(sqlite3_column_int(st, 0), GRP_ACTOR_SYSTEM);
            assert_int_equal(sqlite3_column_int64(st, 2) % 86400, 0);
            assert_true(sqlite3_column_int64(st, 2) > T("2024-01-01T00:00:00Z"));
        } else {
            named_entries++;
            assert_int_equal(sqlite3_column_int(st, 0), GRP_ACTOR_PERSON);
        }
    }
    sqlite3_finalize(st);
    assert_int_equal(anon_entries, BIG - named);
    assert_int_equal(named_entries, named);
    /* no audit entry points at a response */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM audit WHERE entity_type LIKE '%response%'", -1, &st,
                                        NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* ---- the bytes of the file: where SQLite put each row ---------------------------- */

typedef struct cell {
    int offset;    /* where the cell lies in its page */
    int64_t v[2];  /* the first two integer columns of the key */
    char text[16]; /* the sixth column when it is short text (feedback_response.text) */
} cell;

static uint64_t varint(const unsigned char *p, size_t *len)
{
    uint64_t v = 0;
    for (size_t i = 0; i < 9; i++) {
        if (i == 8) {
            *len = 9;
            return (v << 8) | p[i];
        }
        v = (v << 7) | (p[i] & 0x7f);
        if (p[i] < 0x80) {
            *len = i + 1;
            return v;
        }
    }
    return v;
}

/* The cells of the single leaf page `root` of a WITHOUT ROWID table. */
static int leaf_cells(const unsigned char *file, size_t size, unsigned page_size, unsigned root, cell *out, int max)
{
    size_t base = (size_t)(root - 1) * page_size, hdr = base + (root == 1 ? 100 : 0);
    assert_true(base + page_size <= size);
    assert_int_equal(file[hdr], 10); /* an index leaf page: the whole table fits in one page */
    int n = (file[hdr + 3] << 8) | file[hdr + 4];
    assert_true(n <= max);
    for (int k = 0; k < n; k++) {
        int ptr = (file[hdr + 8 + 2 * k] << 8) | file[hdr + 9 + 2 * k];
        const unsigned char *c = file + base + ptr, *rec;
        size_t len;
        varint(c, &len); /* payload size */
        rec = c + len;
        size_t hl = (size_t)varint(rec, &len), at = len, body = hl;
        memset(&out[k], 0, sizeof out[k]);
        out[k].offset = ptr;
        for (int col = 0; at < hl; col++) {
            uint64_t type = varint(rec + at, &len);
            size_t sz = 0;
            at += len;
            if (type >= 1 && type <= 6) {
                static const size_t sizes[] = {0, 1, 2, 3, 4, 6, 8};
                sz = sizes[type];
                int64_t v = (rec[body] & 0x80) ? -1 : 0;
                for (size_t b = 0; b < sz; b++)
                    v = (int64_t)(((uint64_t)v << 8) | rec[body + b]);
                if (col < 2)
                    out[k].v[col] = v;
            } else if (type >= 13 && type % 2) {
                sz = (size_t)(type - 13) / 2;
                if (col == 5 && sz < sizeof out[k].text)
                    memcpy(out[k].text, rec + body, sz);
            } else if (type >= 12) {
                sz = (size_t)(type - 12) / 2;
            }
            body += sz;
        }
    }
    return n;
}

static int by_offset_desc(const void *a, const void *b)
{
    return ((const cell *)b)->offset - ((const cell *)a)->offset;
}

static unsigned rootpage(sqlite3 *db, const char *table)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = ?1", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    unsigned r = (unsigned)sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return r;
}

/* Whoever holds the file can read where SQLite put each row in its page:
 * new cells take free space from the end of the page downwards, so the
 * offsets of a page's cells record the order they arrived in. If both
 * feedback_given and feedback_response kept their arrival order, pairing
 * the two orders would name the author of every anonymous response. */
static void test_anonymity_in_the_page_bytes(void **state)
{
    fx *f = *state;
    grp_id k = mk_group(f->s, f->org, "Big group", 30);
    grp_id who[BIG];
    for (int i = 0; i < BIG; i++) {
        char name[16];
        snprintf(name, sizeof name, "K%02d", i);
        who[i] = mk_person(f->s, f->org, name);
        join(f->s, k, who[i], D(2026, 1, 1), GRP_ROLE_MEMBER);
    }
    grp_id ks = ensure(f->s, k, 2026, 1, 6);
    for (int i = 0; i < BIG; i++) {
        char text[8];
        snprintf(text, sizeof text, "r%02d", i);
        grp_assert_ok(submit4(f, who[(7 * i) % BIG], ks, 1 + i % 5, 2, 3, 4, text, 1));
    }
    grp_store_close(f->s); /* checkpoints the journal into the file */
    f->s = NULL;

    sqlite3 *db = raw_open(f->path);
    unsigned given_root = rootpage(db, "feedback_given"), resp_root = rootpage(db, "feedback_response");
    sqlite3_close(db);
    FILE *fp = fopen(f->path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    size_t size = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *file = malloc(size);
    assert_int_equal(fread(file, 1, size, fp), size);
    fclose(fp);
    unsigned page_size = (file[16] << 8) | file[17];
    if (page_size == 1)
        page_size = 65536;

    cell given[BIG], resp[BIG];
    assert_int_equal(leaf_cells(file, size, page_size, given_root, given, BIG), BIG);
    assert_int_equal(leaf_cells(file, size, page_size, resp_root, resp, BIG), BIG);
    free(file);
    qsort(given, BIG, sizeof given[0], by_offset_desc);
    qsort(resp, BIG, sizeof resp[0], by_offset_desc);
    /* feedback_given, read in arrival order (highest offset first), comes
     * out in person order: the page keeps nothing of when each arrived */
    for (int i = 0; i < BIG; i++) {
        assert_int_equal(given[i].v[0], ks);
        assert_int_equal(given[i].v[1], who[i]);
    }
    /* so pairing the two arrival orders names no one beyond chance (a
     * random pairing of 24 matches 1 on average; 8 or more: p < 1e-5) */
    int linked = 0;
    for (int i = 0; i < BIG; i++) {
        assert_int_equal(resp[i].v[0], ks);
        int sub = atoi(resp[i].text + 1);
        linked += who[(7 * sub) % BIG] == given[i].v[1];
    }
    assert_true(linked < 8);
}

/* Row counts of every table of the file, in sqlite_schema order. */
static int table_counts(sqlite3 *db, char names[][64], long *counts, int max)
{
    sqlite3_stmt *st;
    int n = 0;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1,
                                        &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW && n < max) {
        snprintf(names[n], 64, "%s", (const char *)sqlite3_column_text(st, 0));
        n++;
    }
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", names[i]);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        counts[i] = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

/* An anonymous submission writes exactly one row to feedback_response,
 * feedback_given and audit, and nothing anywhere else (a new table that
 * recorded "who did what when" would break the anonymity). */
static void test_anonymous_submission_writes_only(void **state)
{
    fx *f = *state;
    char before_names[64][64], after_names[64][64];
    long before[64], after[64];
    grp_assert_ok(submit4(f, f->m[1], f->s1, 2, 2, 2, 2, NULL, 0)); /* warm every statement */
    sqlite3 *db = raw_open(f->path);
    int n = table_counts(db, before_names, before, 64);
    grp_assert_ok(submit4(f, f->m[0], f->s1, 3, 4, 5, 1, "anonymous words", 1));
    int m = table_counts(db, after_names, after, 64);
    sqlite3_close(db);
    assert_int_equal(n, m);
    int changed = 0;
    for (int i = 0; i < n; i++) {
        assert_string_equal(before_names[i], after_names[i]);
        if (after[i] == before[i])
            continue;
        changed++;
        if (strcmp(after_names[i], "feedback_response") && strcmp(after_names[i], "feedback_given") &&
            strcmp(after_names[i], "audit"))
            fail_msg("an anonymous submission wrote to table %s (%ld -> %ld rows)", after_names[i], before[i],
                     after[i]);
        assert_int_equal(after[i], before[i] + 1);
    }
    assert_int_equal(changed, 3);
}

/* ---- aggregates ----------------------------------------------------------------------- */

static int summary(grp_feedback_summary **out, fx *f, grp_id actor, const grp_feedback_scope *sc)
{
    grp_actor a = actor ? A(actor) : grp_actor_system();
    return grp_feedback_summary_get(out, f->s, &a, sc);
}

static void test_suppression_and_numbers(void **state)
{
    fx *f = *state;
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    grp_feedback_summary *sum = NULL;
    sc.session_id = f->s1;
    assert_int_equal(grp_store_min_cohort(f->s), 3);
    assert_int_equal(grp_store_min_cohort(NULL), -1);
    /* none, one, two: suppressed, no numbers */
    grp_assert_rc(summary(&sum, f, 0, &sc), GRP_ESUPPRESSED);
    assert_null(sum);
    grp_assert_ok(submit4(f, f->m[0], f->s1, 5, 4, 3, 0, "good", 0));
    grp_assert_ok(submit4(f, f->m[1], f->s1, 3, 4, 1, 2, NULL, 1));
    sum = (grp_feedback_summary *)&sc; /* not NULL: the call must reset it */
    grp_assert_rc(summary(&sum, f, 0, &sc), GRP_ESUPPRESSED);
    assert_null(sum);
    grp_assert_msg_contains("minimum cohort of 3");
    grp_assert_rc(summary(&sum, f, f->fac, &sc), GRP_ESUPPRESSED);
    assert_null(sum);
    grp_assert_rc(summary(&sum, f, f->admin, &sc), GRP_ESUPPRESSED);
    assert_null(sum);
    /* three: numbers */
    grp_assert_ok(submit4(f, f->leaver, f->s1, 4, 4, 5, 2, NULL, 1));
    grp_assert_ok(summary(&sum, f, 0, &sc));
    assert_int_equal(grp_feedback_summary_responses(sum), 3);
    /* members on 2026-01-06: M0..M3 and the leaver (the joiner came later,
     * the facilitator is not counted) */
    assert_int_equal(grp_feedback_summary_expected(sum), 5);
    assert_float_equal(grp_feedback_summary_response_rate(sum), 0.6, 1e-12);
    assert_int_equal(grp_feedback_summary_item_count(sum), 4);
    assert_string_equal(grp_feedback_summary_item(sum, 0), "I felt safe to share");
    assert_string_equal(grp_feedback_summary_item(sum, 3), "The time felt protected");
    assert_null(grp_feedback_summary_item(sum, 4));
    assert_float_equal(grp_feedback_summary_mean(sum, 0), 4.0, 1e-12);      /* 5 3 4 */
    assert_float_equal(grp_feedback_summary_mean(sum, 1), 4.0, 1e-12);      /* 4 4 4 */
    assert_float_equal(grp_feedback_summary_mean(sum, 2), 3.0, 1e-12);      /* 3 1 5 */
    assert_float_equal(grp_feedback_summary_mean(sum, 3), 2.0, 1e-12);      /* (no answer) 2 2 */
    assert_float_equal(grp_feedback_summary_mean(sum, 4), 0.0, 1e-12);
    static const int dist[4][5] = {{0, 0, 1, 1, 1}, {0, 0, 0, 3, 0}, {1, 0, 1, 0, 1}, {0, 2, 0, 0, 0}};
    for (size_t i = 0; i < 4; i++)
        for (int r = 1; r <= 5; r++)
            if (grp_feedback_summary_count(sum, i, r) != dist[i][r - 1])
                fail_msg("item %zu rating %d: %d, want %d", i, r, grp_feedback_summary_count(sum, i, r),
                         dist[i][r - 1]);
    assert_int_equal(grp_feedback_summary_count(sum, 0, 0), -1);
    assert_int_equal(grp_feedback_summary_count(sum, 0, 6), -1);
    assert_int_equal(grp_feedback_summary_count(sum, 4, 1), -1);
    grp_feedback_summary_free(sum);
    /* NULL-safe getters */
    assert_int_equal(grp_feedback_summary_responses(NULL), 0);
    assert_int_equal(grp_feedback_summary_expected(NULL), 0);
    assert_float_equal(grp_feedback_summary_response_rate(NULL), 0.0, 0);
    assert_int_equal(grp_feedback_summary_item_count(NULL), 0);
    assert_null(grp_feedback_summary_item(NULL, 0));
    assert_float_equal(grp_feedback_summary_mean(NULL, 0), 0.0, 0);
    assert_int_equal(grp_feedback_summary_count(NULL, 0, 1), -1);
    grp_feedback_summary_free(NULL);
}

static void test_min_cohort_option(void **state)
{
    fx *f = *state;
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    grp_store_close(f->s);
    o.min_cohort = 5;
    grp_assert_ok(grp_store_open(&f->s, f->path, &o));
    assert_int_equal(grp_store_min_cohort(f->s), 5);
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    grp_feedback_summary *sum = NULL;
    sc.session_id = f->s1;
    for (int i = 0; i < 4; i++)
        grp_assert_ok(submit4(f, f->m[i], f->s1, 1 + i, 2, 3, 4, NULL, i % 2));
    grp_assert_rc(summary(&sum, f, f->fac, &sc), GRP_ESUPPRESSED); /* 3 would do by default; 4 < 5 */
    assert_null(sum);
    grp_assert_msg_contains("minimum cohort of 5");
    grp_assert_ok(submit4(f, f->leaver, f->s1, 5, 2, 3, 4, NULL, 0));
    grp_assert_ok(summary(&sum, f, f->fac, &sc));
    assert_int_equal(grp_feedback_summary_responses(sum), 5);
    assert_int_equal(grp_feedback_summary_expected(sum), 5);
    assert_float_equal(grp_feedback_summary_response_rate(sum), 1.0, 1e-12);
    assert_float_equal(grp_feedback_summary_mean(sum, 0), 3.0, 1e-12);
    grp_feedback_summary_free(sum);
    /* the threshold is the store handle's, not the file's: reopen with 6 */
    grp_store_close(f->s);
    o.min_cohort = 6;
    grp_assert_ok(grp_store_open(&f->s, f->path, &o));
    grp_assert_rc(summary(&sum, f, f->fac, &sc), GRP_ESUPPRESSED);
    grp_store_close(f->s);
    grp_assert_ok(grp_store_open(&f->s, f->path, NULL));
    grp_assert_ok(summary(&sum, f, f->fac, &sc));
    grp_feedback_summary_free(sum);
}

/* 3 responses to s1 (Jan) and s2 (Feb), 0 to s3; h's session none. */
static void three_and_three(fx *f)
{
    grp_assert_ok(submit4(f, f->m[0], f->s1, 5, 5, 5, 5, NULL, 0));
    grp_assert_ok(submit4(f, f->m[1], f->s1, 4, 4, 4, 4, NULL, 1));
    grp_assert_ok(submit4(f, f->m[2], f->s1, 3, 3, 3, 3, NULL, 1));
    grp_assert_ok(submit4(f, f->m[0], f->s2, 1, 1, 1, 1, NULL, 1));
    grp_assert_ok(submit4(f, f->m[1], f->s2, 2, 2, 2, 2, NULL, 0));
    grp_assert_ok(submit4(f, f->leaver, f->s2, 3, 3, 3, 3, NULL, 1));
}

static void expect_summary(fx *f, grp_id actor, const grp_feedback_scope *sc, int responses, int expected,
                           double mean0)
{
    grp_feedback_summary *sum = NULL;
    grp_assert_ok(summary(&sum, f, actor, sc));
    assert_int_equal(grp_feedback_summary_responses(sum), responses);
    assert_int_equal(grp_feedback_summary_expected(sum), expected);
    assert_float_equal(grp_feedback_summary_mean(sum, 0), mean0, 1e-12);
    assert_float_equal(grp_feedback_summary_response_rate(sum), (double)responses / expected, 1e-12);
    grp_feedback_summary_free(sum);
}

static void test_scopes(void **state)
{
    fx *f = *state;
    grp_feedback_summary *sum = NULL;
    three_and_three(f);
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    sc.session_id = f->s2;
    /* Feb 3: M0..M3 and the leaver (left Feb 10); the joiner came Feb 10 */
    expect_summary(f, 0, &sc, 3, 5, 2.0);
    /* a session scope ignores from/to */
    sc.from = T("2020-01-01T00:00:00Z");
    sc.to = T("2020-02-01T00:00:00Z");
    expect_summary(f, 0, &sc, 3, 5, 2.0);
    sc.from = sc.to = 0;
    sc.session_id = f->s3;
    grp_assert_rc(summary(&sum, f, 0, &sc), GRP_ESUPPRESSED);
    /* a group over all time: s1 + s2 (+ s3 with none: 5 expected on Mar 3) */
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.group_id = f->g;
    expect_summary(f, 0, &sc, 6, 15, 3.0);
    /* a period: [Feb 1, Mar 1) holds s2 only */
    sc.from = T("2026-02-01T00:00:00Z");
    sc.to = T("2026-03-01T00:00:00Z");
    expect_summary(f, 0, &sc, 3, 5, 2.0);
    /* the bound is the start instant, `to` exclusive: s2 starts 14:00Z */
    sc.from = T("2026-01-01T00:00:00Z");
    sc.to = T("2026-02-03T14:00:00Z");
    expect_summary(f, 0, &sc, 3, 5, 4.0);
    sc.to = T("2026-02-03T14:00:01Z");
    expect_summary(f, 0, &sc, 6, 10, 3.0);
    sc.from = T("2026-02-03T14:00:00Z");
    sc.to = T("2026-12-31T00:00:00Z");
    expect_summary(f, 0, &sc, 3, 10, 2.0);
    /* a period with nothing: suppressed */
    sc.from = T("2025-01-01T00:00:00Z");
    sc.to = T("2025-12-31T00:00:00Z");
    grp_assert_rc(summary(&sum, f, 0, &sc), GRP_ESUPPRESSED);
    /* the facilitator's sessions: all of g's */
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.facilitator_id = f->fac;
    expect_summary(f, f->fac, &sc, 6, 15, 3.0);
    expect_summary(f, 0, &sc, 6, 15, 3.0);
    /* a facilitator of h only: h's one session, nobody responded */
    sc.facilitator_id = f->hfac;
    grp_assert_rc(summary(&sum, f, 0, &sc), GRP_ESUPPRESSED);
    /* the organisation: g's sessions and h's (one member expected on Jan 6) */
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.org_id = f->org;
    expect_summary(f, f->admin, &sc, 6, 16, 3.0);
    expect_summary(f, 0, &sc, 6, 16, 3.0);
    sc.from = T("2026-01-01T00:00:00Z");
    sc.to = T("2026-02-01T00:00:00Z");
    expect_summary(f, f->admin, &sc, 3, 6, 4.0);
    /* another organisation: nothing */
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.org_id = f->org2;
    grp_assert_rc(summary(&sum, f, f->admin2, &sc), GRP_ESUPPRESSED);
    /* a cancelled session leaves the scope (responses and expected) */
    grp_assert_ok(grp_session_cancel(f->s, f->s3, NULL));
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.group_id = f->g;
    expect_summary(f, 0, &sc, 6, 10, 3.0);
}

/* Suppression counts people: two members' responses to two sessions are
 * four responses but still only two people's ratings. */
static void test_suppression_counts_people(void **state)
{
    fx *f = *state;
    grp_feedback_summary *sum = NULL;
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    sc.group_id = f->g;
    grp_assert_ok(submit4(f, f->m[0], f->s1, 5, 5, 5, 5, NULL, 1));
    grp_assert_ok(submit4(f, f->m[1], f->s1, 4, 4, 4, 4, NULL, 0));
    grp_assert_ok(submit4(f, f->m[0], f->s2, 5, 5, 5, 5, NULL, 1));
    grp_assert_ok(submit4(f, f->m[1], f->s2, 4, 4, 4, 4, NULL, 1));
    grp_assert_rc(summary(&sum, f, 0, &sc), GRP_ESUPPRESSED);
    assert_null(sum);
    grp_assert_msg_contains("fewer distinct respondents than the minimum cohort of 3");
    grp_assert_rc(summary(&sum, f, f->fac, &sc), GRP_ESUPPRESSED);
    grp_assert_rc(summary(&sum, f, f->admin, &sc), GRP_ESUPPRESSED);
    /* a third person, in another session: three people, five responses */
    grp_assert_ok(submit4(f, f->m[2], f->s2, 1, 1, 1, 1, NULL, 1));
    grp_assert_ok(summary(&sum, f, f->admin, &sc));
    assert_int_equal(grp_feedback_summary_responses(sum), 5);
    assert_float_equal(grp_feedback_summary_mean(sum, 0), 19.0 / 5.0, 1e-12);
    grp_feedback_summary_free(sum);
}

/* The cohort arithmetic on its own: a lower bound on distinct people. */
static void test_cohort_lower_bound(void **state)
{
    (void)state;
    grp__cohort c = {0};
    static const grp_id a[] = {1, 2}, b[] = {2, 3}, four[] = {5, 6, 7, 8}, one[] = {1}, three[] = {4, 9, 10};
    assert_int_equal(grp__cohort_size(&c), 0);
    grp_assert_ok(grp__cohort_add(&c, a, 2, 2, 2));
    assert_int_equal(grp__cohort_size(&c), 2);
    grp_assert_ok(grp__cohort_add(&c, b, 2, 2, 2)); /* person 2 again */
    assert_int_equal(grp__cohort_size(&c), 3);
    grp_assert_ok(grp__cohort_add(&c, one, 1, 1, 1));
    assert_int_equal(grp__cohort_size(&c), 3);
    grp_assert_ok(grp__cohort_add(&c, four, 4, 4, 0)); /* nothing counted: nobody added */
    assert_int_equal(grp__cohort_size(&c), 3);
    /* two of four responses are of this form: who gave them is unknown */
    grp_assert_ok(grp__cohort_add(&c, four, 4, 4, 2));
    assert_int_equal(grp__cohort_size(&c), 3);
    assert_int_equal(c.floor, 2);
    /* records that do not pair up (three people, two responses): floor only */
    grp_assert_ok(grp__cohort_add(&c, three, 3, 2, 2));
    assert_int_equal(grp__cohort_size(&c), 3);
    assert_int_equal((int)c.count, 3);
    assert_true(c.ids[0] == 1 && c.ids[1] == 2 && c.ids[2] == 3);
    grp__cohort_clear(&c);
    assert_int_equal(grp__cohort_size(&c), 0);
    /* a floor above the known set decides */
    grp_assert_ok(grp__cohort_add(&c, one, 1, 1, 1));
    grp_assert_ok(grp__cohort_add(&c, four, 4, 6, 4));
    assert_int_equal(grp__cohort_size(&c), 4);
    grp__cohort_clear(&c);
}

static void test_scope_form(void **state)
{
    fx *f = *state;
    grp_feedback_summary *sum = NULL;
    three_and_three(f); /* default form */
    const char *items[] = {"Only item"};
    grp_strarray arr = {(char **)items, 1};
    grp_id form;
    grp_assert_ok(grp_feedback_form_create(&form, f->s, "One", &arr));
    grp_assert_ok(grp_group_set_feedback_form(f->s, f->g, form));
    int one[1];
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    sub.ratings = one;
    sub.rating_count = 1;
    for (int i = 0; i < 3; i++) {
        grp_actor a = A(f->m[i]);
        one[0] = 1 + i;
        grp_assert_ok(grp_feedback_submit(f->s, &a, f->s3, &sub));
    }
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    sc.group_id = f->g;
    /* the default form: 6 responses; the custom form: the 3 of March */
    expect_summary(f, 0, &sc, 6, 15, 3.0);
    sc.form_id = form;
    grp_assert_ok(summary(&sum, f, 0, &sc));
    assert_int_equal(grp_feedback_summary_responses(sum), 3);
    assert_int_equal(grp_feedback_summary_item_count(sum), 1);
    assert_string_equal(grp_feedback_summary_item(sum, 0), "Only item");
    assert_float_equal(grp_feedback_summary_mean(sum, 0), 2.0, 1e-12);
    assert_int_equal(grp_feedback_summary_count(sum, 0, 3), 1);
    assert_int_equal(grp_feedback_summary_count(sum, 1, 3), -1);
    grp_feedback_summary_free(sum);
    sc.form_id = 999;
    grp_assert_rc(summary(&sum, f, 0, &sc), GRP_ENOTFOUND);
}

static void test_scope_arguments(void **state)
{
    fx *f = *state;
    grp_feedback_summary *sum = (grp_feedback_summary *)1;
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    grp_actor sys = grp_actor_system();
    /* exactly one of session, group, facilitator, organisation */
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    assert_null(sum);
    grp_assert_msg_contains("exactly one");
    sc.session_id = f->s1;
    sc.group_id = f->g;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    sc.group_id = 0;
    sc.org_id = f->org;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    sc.session_id = 0;
    sc.facilitator_id = f->fac;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    sc.org_id = 0;
    sc.facilitator_id = 0;
    sc.group_id = -1;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    sc.group_id = f->g;
    sc.form_id = -1;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    sc.form_id = 0;
    sc.from = T("2026-06-01T00:00:00Z");
    sc.to = T("2026-01-01T00:00:00Z");
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    sc.from = sc.to = 0;
    sc.version = 2;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_EINVAL);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    grp_assert_rc(grp_feedback_summary_get(NULL, f->s, &sys, &sc), GRP_EINVAL);
    grp_assert_rc(grp_feedback_summary_get(&sum, NULL, &sys, &sc), GRP_EINVAL);
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, NULL, &sc), GRP_EINVAL);
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, NULL), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)2, f->fac};
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &bad, &sc), GRP_EINVAL);
    assert_null(sum);
    /* unknown ids */
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.session_id = 999;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_ENOTFOUND);
    sc.session_id = 0;
    sc.group_id = 999;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_ENOTFOUND);
    sc.group_id = 0;
    sc.org_id = 999;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_ENOTFOUND);
    sc.org_id = 0;
    sc.facilitator_id = 999;
    grp_assert_rc(grp_feedback_summary_get(&sum, f->s, &sys, &sc), GRP_ENOTFOUND);
    assert_null(sum);
}

/* Who may read aggregates of which scope. The check comes before the
 * cohort: a refused actor learns nothing, not even "too few". */
static void test_aggregate_access(void **state)
{
    fx *f = *state;
    three_and_three(f);
    grp_feedback_summary *sum = NULL;
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    sc.session_id = f->s1;
    /* members (present and past, responded or not), facilitator, admin, system */
    expect_summary(f, f->m[0], &sc, 3, 5, 4.0);
    expect_summary(f, f->m[3], &sc, 3, 5, 4.0);
    expect_summary(f, f->leaver, &sc, 3, 5, 4.0);
    expect_summary(f, f->joiner, &sc, 3, 5, 4.0);
    expect_summary(f, f->fac, &sc, 3, 5, 4.0);
    expect_summary(f, f->admin, &sc, 3, 5, 4.0);
    expect_summary(f, 0, &sc, 3, 5, 4.0);
    /* nobody else */
    grp_id refused[] = {f->stranger, f->outsider, f->admin2, f->hmember, f->hfac};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        sc.session_id = f->s1;
        grp_assert_rc(summary(&sum, f, refused[i], &sc), GRP_EACCESS);
        assert_null(sum);
        sc.session_id = f->s3; /* no responses: still "denied", not "suppressed" */
        grp_assert_rc(summary(&sum, f, refused[i], &sc), GRP_EACCESS);
        sc.session_id = 0;
        sc.group_id = f->g;
        grp_assert_rc(summary(&sum, f, refused[i], &sc), GRP_EACCESS);
        sc.group_id = 0;
    }
    /* the organisation scope is its admins' (and the system's) */
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.org_id = f->org;
    grp_id no_org[] = {f->m[0], f->fac, f->admin2, f->stranger, f->outsider};
    for (size_t i = 0; i < sizeof no_org / sizeof no_org[0]; i++) {
        grp_assert_rc(summary(&sum, f, no_org[i], &sc), GRP_EACCESS);
        assert_null(sum);
    }
    /* the facilitator scope is the facilitator's (and the system's) */
    memset(&sc, 0, sizeof sc);
    sc.version = GRP_FEEDBACK_SCOPE_VERSION;
    sc.facilitator_id = f->fac;
    grp_id no_fac[] = {f->m[0], f->hfac, f->stranger, f->outsider, f->admin2};
    for (size_t i = 0; i < sizeof no_fac / sizeof no_fac[0]; i++) {
        grp_assert_rc(summary(&sum, f, no_fac[i], &sc), GRP_EACCESS);
        assert_null(sum);
    }
}

/* ---- peer feedback ---------------------------------------------------------------------- */

/* The ids of the peer feedback of g that `who` reads (0 = the system). */
static size_t peer_seen(fx *f, grp_id who, grp_id group, grp_id *ids, size_t max)
{
    grp_actor a = who ? A(who) : grp_actor_system();
    grp_peer_feedback_iterator *it;
    grp_peer_feedback *p;
    size_t n = 0;
    grp_assert_ok(grp_peer_feedback_iterator_new(&it, f->s, &a, group));
    while (grp_peer_feedback_iterator_next(&p, it) == 0) {
        if (n < max)
            ids[n] = grp_peer_feedback_id(p);
        n++;
        grp_peer_feedback_free(p);
    }
    grp_peer_feedback_iterator_free(it);
    return n;
}

static void test_peer_feedback(void **state)
{
    fx *f = *state;
    grp_actor m0 = A(f->m[0]), m1 = A(f->m[1]), fac = A(f->fac);
    grp_id p1, p2, p3, ids[8];
    grp_assert_ok(grp_peer_feedback_give(&p1, f->s, &m0, f->g, f->s1, f->m[1], "Clear formulation", 0));
    grp_assert_ok(grp_peer_feedback_give(&p2, f->s, &m1, f->g, 0, f->m[0], "Try a genogram", 1));
    grp_assert_ok(grp_peer_feedback_give(&p3, f->s, &fac, f->g, f->s2, f->m[2], "Well held", 0));
    assert_true(p1 > 0 && p2 > p1 && p3 > p2);

    /* the system: all, oldest first, every field */
    grp_actor sys = grp_actor_system();
    grp_peer_feedback_iterator *it;
    grp_peer_feedback *p;
    grp_assert_ok(grp_peer_feedback_iterator_new(&it, f->s, &sys, f->g));
    grp_assert_ok(grp_peer_feedback_iterator_next(&p, it));
    assert_int_equal(grp_peer_feedback_id(p), p1);
    assert_int_equal(grp_peer_feedback_group_id(p), f->g);
    assert_int_equal(grp_peer_feedback_session_id(p), f->s1);
    assert_int_equal(grp_peer_feedback_author_id(p), f->m[0]);
    assert_int_equal(grp_peer_feedback_recipient_id(p), f->m[1]);
    assert_string_equal(grp_peer_feedback_text(p), "Clear formulation");
    assert_int_equal(grp_peer_feedback_shared(p), 0);
    grp_peer_feedback_free(p);
    grp_assert_ok(grp_peer_feedback_iterator_next(&p, it));
    assert_int_equal(grp_peer_feedback_id(p), p2);
    assert_int_equal(grp_peer_feedback_session_id(p), 0);
    assert_int_equal(grp_peer_feedback_shared(p), 1);
    grp_peer_feedback_free(p);
    grp_assert_ok(grp_peer_feedback_iterator_next(&p, it));
    assert_int_equal(grp_peer_feedback_id(p), p3);
    grp_peer_feedback_free(p);
    grp_assert_rc(grp_peer_feedback_iterator_next(&p, it), GRP_ITEROVER);
    grp_peer_feedback_iterator_free(it);

    /* author and recipient */
    assert_int_equal(peer_seen(f, f->m[0], f->g, ids, 8), 2);
    assert_int_equal(ids[0], p1);
    assert_int_equal(ids[1], p2);
    assert_int_equal(peer_seen(f, f->m[1], f->g, ids, 8), 2);
    assert_int_equal(ids[0], p1);
    assert_int_equal(ids[1], p2);
    assert_int_equal(peer_seen(f, f->m[2], f->g, ids, 8), 1);
    assert_int_equal(ids[0], p3);
    /* the facilitator: what was shared, and what they wrote; not p1 */
    assert_int_equal(peer_seen(f, f->fac, f->g, ids, 8), 2);
    assert_int_equal(ids[0], p2);
    assert_int_equal(ids[1], p3);
    /* other members, the admin, everyone else: nothing */
    grp_id none[] = {f->m[3], f->leaver, f->admin, f->stranger, f->outsider, f->admin2, f->hmember, f->hfac};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_int_equal(peer_seen(f, none[i], f->g, ids, 8), 0);
    /* h's facilitator reading h: nothing of g's leaks there */
    assert_int_equal(peer_seen(f, f->hfac, f->h, ids, 8), 0);
    assert_int_equal(peer_seen(f, 0, f->h, ids, 8), 0);
}

static void test_peer_feedback_refusals(void **state)
{
    fx *f = *state;
    grp_actor m0 = A(f->m[0]);
    grp_id id = 5;
    /* the system does not write peer feedback */
    grp_actor sys = grp_actor_system();
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &sys, f->g, 0, f->m[1], "x", 0), GRP_EACCESS);
    assert_int_equal(id, 0);
    /* between members of the same group only */
    grp_actor st = A(f->stranger), ad = A(f->admin), hm = A(f->hmember), out = A(f->outsider);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &st, f->g, 0, f->m[1], "x", 0), GRP_EACCESS);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &ad, f->g, 0, f->m[1], "x", 0), GRP_EACCESS);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &hm, f->g, 0, f->m[1], "x", 0), GRP_EACCESS);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &out, f->g, 0, f->m[1], "x", 0), GRP_EACCESS);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->stranger, "x", 0), GRP_EACCESS);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->hmember, "x", 0), GRP_EACCESS);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->h, 0, f->hmember, "x", 0), GRP_EACCESS);
    /* validation */
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->m[0], "to myself", 0), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->m[1], "", 0), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->m[1], NULL, 0), GRP_EINVAL);
    char *big = malloc(4002);
    memset(big, 'b', 4001);
    big[4001] = '\0';
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->m[1], big, 0), GRP_EINVAL);
    free(big);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->m[1], "x", 2), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, f->m[1], "x", -1), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, -1, f->m[1], "x", 0), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, f->hs1, f->m[1], "x", 0), GRP_EINVAL);
    grp_assert_msg_contains("is not a session of group");
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 999, f->m[1], "x", 0), GRP_ENOTFOUND);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, 999, "x", 0), GRP_ENOTFOUND);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, 999, 0, f->m[1], "x", 0), GRP_ENOTFOUND);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, 0, 0, f->m[1], "x", 0), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &m0, f->g, 0, 0, "x", 0), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, NULL, &m0, f->g, 0, f->m[1], "x", 0), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, NULL, f->g, 0, f->m[1], "x", 0), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)9, f->m[0]};
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &bad, f->g, 0, f->m[1], "x", 0), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_peer_feedback_give(&id, f->s, &ghost, f->g, 0, f->m[1], "x", 0), GRP_ENOTFOUND);
    assert_int_equal(id, 0);
    /* nothing was stored by any of that */
    grp_id ids[4];
    assert_int_equal(peer_seen(f, 0, f->g, ids, 4), 0);
    assert_int_equal(peer_seen(f, 0, f->h, ids, 4), 0);
    /* a past member and a facilitator may; out id optional */
    grp_actor lv = A(f->leaver);
    grp_assert_ok(grp_peer_feedback_give(NULL, f->s, &lv, f->g, 0, f->fac, "Thank you", 1));
    assert_int_equal(peer_seen(f, 0, f->g, ids, 4), 1);

    /* iterator arguments */
    grp_peer_feedback_iterator *it = (grp_peer_feedback_iterator *)1;
    grp_peer_feedback *p = (grp_peer_feedback *)1;
    grp_assert_rc(grp_peer_feedback_iterator_new(NULL, f->s, &m0, f->g), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_iterator_new(&it, NULL, &m0, f->g), GRP_EINVAL);
    assert_null(it);
    grp_assert_rc(grp_peer_feedback_iterator_new(&it, f->s, NULL, f->g), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_iterator_new(&it, f->s, &m0, 0), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_iterator_new(&it, f->s, &m0, -3), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_iterator_new(&it, f->s, &m0, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_peer_feedback_iterator_new(&it, f->s, &bad, f->g), GRP_EINVAL);
    grp_assert_rc(grp_peer_feedback_iterator_new(&it, f->s, &ghost, f->g), GRP_ENOTFOUND);
    assert_null(it);
    grp_assert_rc(grp_peer_feedback_iterator_next(&p, NULL), GRP_EINVAL);
    assert_null(p);
    grp_assert_rc(grp_peer_feedback_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_peer_feedback_iterator_free(NULL);
    grp_peer_feedback_free(NULL);
    assert_int_equal(grp_peer_feedback_id(NULL), 0);
    assert_int_equal(grp_peer_feedback_group_id(NULL), 0);
    assert_int_equal(grp_peer_feedback_session_id(NULL), 0);
    assert_int_equal(grp_peer_feedback_author_id(NULL), 0);
    assert_int_equal(grp_peer_feedback_recipient_id(NULL), 0);
    assert_null(grp_peer_feedback_text(NULL));
    assert_int_equal(grp_peer_feedback_shared(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_default_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_custom_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_form_arguments, setup, teardown),
        cmocka_unit_test(test_submission_init),
        cmocka_unit_test_setup_teardown(test_submit_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_has_responded_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_response_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anonymity_in_the_file, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_anonymous_submission_writes_only, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_anonymity_in_the_page_bytes, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_suppression_and_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_min_cohort_option, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_scopes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suppression_counts_people, setup, teardown),
        cmocka_unit_test(test_cohort_lower_bound),
        cmocka_unit_test_setup_teardown(test_scope_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_aggregate_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_peer_feedback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_peer_feedback_refusals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
