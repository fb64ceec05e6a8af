/* Membership with dated history: every decision path through the store. */
#include "support.h"

#include <stdio.h>
#include <string.h>

typedef struct fx {
    grp_store *s;
    grp_id org, other_org;
    grp_id people[12];
} fx;

static grp_id new_org(grp_store *s, const char *name)
{
    grp_org *o;
    grp_assert_ok(grp_org_create(&o, s, name, NULL));
    grp_id id = grp_org_id(o);
    grp_org_free(o);
    return id;
}

static grp_id new_person(grp_store *s, grp_id org, const char *name, const char *role)
{
    grp_person_spec spec = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    spec.org_id = org;
    spec.display_name = name;
    spec.job_role = role;
    grp_assert_ok(grp_person_create(&p, s, &spec));
    grp_id id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

static int setup(void **state)
{
    static fx f;
    memset(&f, 0, sizeof f);
    if (grp_store_open(&f.s, ":memory:", NULL))
        return -1;
    f.org = new_org(f.s, "Northfield");
    f.other_org = new_org(f.s, "Southbank");
    for (int i = 0; i < 12; i++) {
        char name[32];
        snprintf(name, sizeof name, "Person %d", i);
        f.people[i] = new_person(f.s, f.org, name, i % 2 ? "welfare" : "front-line");
    }
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    return 0;
}

static grp_id new_group(fx *f, int capacity, grp_capacity_policy cp, grp_membership_policy mp)
{
    grp_group_spec spec = GRP_GROUP_SPEC_INIT;
    grp_group *g;
    spec.org_id = f->org;
    spec.name = "Front-line GRP";
    spec.status = GRP_STATUS_ACTIVE;
    spec.capacity = capacity;
    spec.capacity_policy = cp;
    spec.membership_policy = mp;
    spec.delivery = GRP_DELIVERY_ONLINE;
    spec.meeting_link = "https://meet.example.org/frontline";
    spec.timezone = "Europe/London";
    grp_assert_ok(grp_group_create(&g, f->s, &spec));
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    return id;
}

static grp_membership_state join_state(fx *f, grp_id g, grp_id p, grp_date d)
{
    grp_membership *m;
    grp_assert_ok(grp_member_join(&m, f->s, g, p, d, NULL));
    grp_membership_state st = grp_membership_state_of(m);
    grp_membership_free(m);
    return st;
}

/* Person ids of the stints a query returns, in order, written to ids. */
static size_t query_ids(fx *f, grp_id group, grp_id person, grp_date d, uint32_t roles, grp_id *ids, size_t max)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    size_t n = 0;
    q.group_id = group;
    q.person_id = person;
    q.date = d;
    q.roles = roles;
    grp_assert_ok(grp_membership_iterator_new(&it, f->s, &q));
    while (grp_membership_iterator_next(&m, it) == 0) {
        if (n < max)
            ids[n] = group ? grp_membership_person_id(m) : grp_membership_group_id(m);
        n++;
        grp_membership_free(m);
    }
    grp_membership_iterator_free(it);
    return n;
}

static void test_hard_capacity(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    for (int i = 0; i < 8; i++)
        assert_int_equal(join_state(f, g, f->people[i], D(2026, 1, 6)), GRP_MSTATE_ACTIVE);
    grp_membership *m = (grp_membership *)0x1;
    grp_assert_rc(grp_member_join(&m, f->s, g, f->people[8], D(2026, 1, 6), NULL), GRP_ERULE_FULL);
    assert_string_equal(grp_error_last()->message, "capacity 8 reached in group 'Front-line GRP'");
    assert_null(m);
    /* nothing was stored for the refused person */
    grp_id ids[16];
    assert_int_equal(query_ids(f, g, f->people[8], (grp_date){0, 0, 0}, 0, ids, 16), 0);
    /* facilitators do not count */
    grp_join_options o = GRP_JOIN_OPTIONS_INIT;
    o.role = GRP_ROLE_FACILITATOR;
    grp_assert_ok(grp_member_join(&m, f->s, g, f->people[9], D(2026, 1, 6), &o));
    assert_int_equal(grp_membership_role(m), GRP_ROLE_FACILITATOR);
    grp_membership_free(m);
    o.role = GRP_ROLE_COFACILITATOR;
    grp_assert_ok(grp_member_join(NULL, f->s, g, f->people[10], D(2026, 1, 6), &o));
    assert_int_equal(query_ids(f, g, 0, D(2026, 1, 6), 0, ids, 16), 10);
    assert_int_equal(query_ids(f, g, 0, D(2026, 1, 6), GRP_ROLEMASK_MEMBER, ids, 16), 8);
    assert_int_equal(query_ids(f, g, 0, D(2026, 1, 6), GRP_ROLEMASK_FACILITATOR | GRP_ROLEMASK_COFACILITATOR, ids, 16), 2);
    assert_int_equal(ids[0], f->people[9]);
    /* a leaver frees the seat from the leaving date */
    grp_assert_ok(grp_member_leave(NULL, f->s, g, f->people[0], D(2026, 3, 1), "moved team"));
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[8], D(2026, 2, 28), NULL), GRP_ERULE_FULL);
    assert_int_equal(join_state(f, g, f->people[8], D(2026, 3, 1)), GRP_MSTATE_ACTIVE);
}

static void test_waitlist_promotion(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 2, GRP_CAPACITY_WAITLIST, GRP_MEMBERSHIP_OPEN);
    grp_id *p = f->people;
    assert_int_equal(join_state(f, g, p[0], D(2026, 1, 1)), GRP_MSTATE_ACTIVE);
    assert_int_equal(join_state(f, g, p[1], D(2026, 1, 1)), GRP_MSTATE_ACTIVE);
    assert_int_equal(join_state(f, g, p[2], D(2026, 1, 5)), GRP_MSTATE_WAITLISTED);
    assert_int_equal(join_state(f, g, p[3], D(2026, 1, 3)), GRP_MSTATE_WAITLISTED); /* waited longer */
    size_t promoted = 99;
    grp_assert_ok(grp_member_leave(&promoted, f->s, g, p[0], D(2026, 2, 1), NULL));
    assert_int_equal(promoted, 1);
    grp_id ids[8];
    assert_int_equal(query_ids(f, g, 0, D(2026, 2, 1), GRP_ROLEMASK_MEMBER, ids, 8), 2);
    assert_int_equal(ids[0], p[1]);
    assert_int_equal(ids[1], p[3]); /* the longest-waiting one */
    /* p[2] still waits; on 31 January the old roster stands */
    assert_int_equal(query_ids(f, g, 0, D(2026, 1, 31), GRP_ROLEMASK_MEMBER, ids, 8), 2);
    assert_int_equal(ids[0], p[0]);
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    q.group_id = g;
    q.person_id = p[2];
    grp_assert_ok(grp_membership_iterator_new(&it, f->s, &q));
    grp_assert_ok(grp_membership_iterator_next(&m, it));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_WAITLISTED);
    assert_false(grp_date_is_set(grp_membership_began(m)));
    grp_membership_free(m);
    grp_membership_iterator_free(it);
    /* a newcomer may not jump the queue even after a seat frees */
    grp_assert_ok(grp_member_leave(&promoted, f->s, g, p[1], D(2026, 3, 1), NULL));
    assert_int_equal(promoted, 1); /* p[2] */
    assert_int_equal(join_state(f, g, p[4], D(2026, 3, 2)), GRP_MSTATE_WAITLISTED);
    /* raising the capacity then promoting seats the next in line */
    grp_group *grp;
    grp_group_spec spec;
    grp_assert_ok(grp_group_get(&grp, f->s, g));
    grp_assert_ok(grp_group_to_spec(&spec, grp));
    spec.capacity = 3;
    grp_assert_ok(grp_group_update(f->s, g, &spec));
    grp_group_free(grp);
    grp_assert_ok(grp_member_promote_waitlist(&promoted, f->s, g, D(2026, 3, 10)));
    assert_int_equal(promoted, 1);
    grp_assert_ok(grp_member_promote_waitlist(&promoted, f->s, g, D(2026, 3, 11)));
    assert_int_equal(promoted, 0);
    assert_int_equal(query_ids(f, g, 0, D(2026, 3, 10), GRP_ROLEMASK_MEMBER, ids, 8), 3);
    /* withdrawing from the waitlist */
    assert_int_equal(join_state(f, g, p[5], D(2026, 4, 1)), GRP_MSTATE_WAITLISTED);
    grp_assert_ok(grp_member_leave(&promoted, f->s, g, p[5], D(2026, 4, 2), "no longer needed"));
    assert_int_equal(promoted, 0);
    grp_assert_rc(grp_member_promote_waitlist(NULL, f->s, 999, D(2026, 4, 2)), GRP_ENOTFOUND);
    grp_assert_rc(grp_member_promote_waitlist(NULL, f->s, g, D(2026, 4, 31)), GRP_EINVAL);
    grp_assert_rc(grp_member_promote_waitlist(NULL, NULL, g, D(2026, 4, 1)), GRP_EINVAL);
}

static void test_soft_capacity(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 1, GRP_CAPACITY_SOFT, GRP_MEMBERSHIP_OPEN);
    grp_membership *m;
    grp_assert_ok(grp_member_join(&m, f->s, g, f->people[0], D(2026, 1, 1), NULL));
    assert_int_equal(grp_membership_warnings(m), 0);
    grp_membership_free(m);
    grp_assert_ok(grp_member_join(&m, f->s, g, f->people[1], D(2026, 1, 1), NULL));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_ACTIVE);
    assert_int_equal(grp_membership_warnings(m), GRP_WARN_OVER_CAPACITY);
    grp_id id = grp_membership_id(m);
    grp_membership_free(m);
    grp_assert_ok(grp_membership_get(&m, f->s, id));
    assert_int_equal(grp_membership_warnings(m), 0); /* a decision flag, not stored */
    grp_membership_free(m);
}

static void test_approval(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 1, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_APPROVAL);
    grp_membership *m;
    grp_assert_ok(grp_member_join(&m, f->s, g, f->people[0], D(2026, 1, 10), NULL));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_REQUESTED);
    assert_false(grp_date_is_set(grp_membership_began(m)));
    grp_id r0 = grp_membership_id(m);
    grp_membership_free(m);
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 11), NULL), GRP_ERULE_ALREADY);
    grp_assert_rc(grp_member_approve(&m, f->s, r0, D(2026, 1, 9)), GRP_EINVAL);
    grp_assert_msg_contains("before the request was made (2026-01-10)");
    grp_assert_ok(grp_member_approve(&m, f->s, r0, D(2026, 1, 12)));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_ACTIVE);
    assert_int_equal(grp_date_compare(grp_membership_began(m), D(2026, 1, 12)), 0);
    assert_int_equal(grp_date_compare(grp_membership_requested_on(m), D(2026, 1, 10)), 0);
    grp_membership_free(m);
    grp_assert_rc(grp_member_approve(&m, f->s, r0, D(2026, 1, 13)), GRP_ESTATE);
    grp_assert_msg_contains("not a request");

    /* second request: full at approval time -> refused, still a request */
    grp_assert_ok(grp_member_join(&m, f->s, g, f->people[1], D(2026, 1, 10), NULL));
    grp_id r1 = grp_membership_id(m);
    grp_membership_free(m);
    grp_assert_rc(grp_member_approve(&m, f->s, r1, D(2026, 1, 12)), GRP_ERULE_FULL);
    assert_null(m);
    grp_assert_ok(grp_membership_get(&m, f->s, r1));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_REQUESTED);
    grp_membership_free(m);
    grp_assert_ok(grp_member_decline(f->s, r1, D(2026, 1, 14), "group is full this term"));
    grp_assert_ok(grp_membership_get(&m, f->s, r1));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_DECLINED);
    assert_int_equal(grp_date_compare(grp_membership_ended(m), D(2026, 1, 14)), 0);
    assert_string_equal(grp_membership_reason(m), "group is full this term");
    grp_membership_free(m);
    grp_assert_rc(grp_member_decline(f->s, r1, D(2026, 1, 15), NULL), GRP_ESTATE);
    grp_assert_rc(grp_member_decline(f->s, 999, D(2026, 1, 15), NULL), GRP_ENOTFOUND);
    grp_assert_rc(grp_member_decline(NULL, r1, D(2026, 1, 15), NULL), GRP_EINVAL);
    grp_assert_rc(grp_member_decline(f->s, r1, D(2026, 13, 15), NULL), GRP_EINVAL);
    grp_assert_rc(grp_member_approve(NULL, f->s, 999, D(2026, 1, 15)), GRP_ENOTFOUND);
    grp_assert_rc(grp_member_approve(NULL, f->s, 0, D(2026, 1, 15)), GRP_EINVAL);
    grp_assert_rc(grp_member_approve(NULL, NULL, r1, D(2026, 1, 15)), GRP_EINVAL);
    /* after a decline, asking again later is a new request */
    grp_assert_ok(grp_member_join(&m, f->s, g, f->people[1], D(2026, 2, 1), NULL));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_REQUESTED);
    grp_membership_free(m);
}

/* A request's dates in order (policy/records.h grp__stint_dates_check):
 * approved, declined or withdrawn on or after the day it was made. */
static void test_request_dates(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_APPROVAL);
    grp_membership *m;
    grp_id r[3];
    for (int i = 0; i < 3; i++) {
        grp_assert_ok(grp_member_join(&m, f->s, g, f->people[i], D(2026, 1, 10), NULL));
        r[i] = grp_membership_id(m);
        grp_membership_free(m);
    }
    grp_assert_rc(grp_member_decline(f->s, r[0], D(2026, 1, 9), NULL), GRP_EINVAL);
    assert_string_equal(grp_error_last()->message,
                        "argument 'date' (2026-01-09) is before the request was made (2026-01-10)");
    grp_assert_rc(grp_member_leave(NULL, f->s, g, f->people[1], D(2026, 1, 9), NULL), GRP_EINVAL);
    assert_string_equal(grp_error_last()->message,
                        "argument 'date' (2026-01-09) is before the member asked to join (2026-01-10)");
    /* the day of the request itself is allowed for each */
    grp_assert_ok(grp_member_decline(f->s, r[0], D(2026, 1, 10), NULL));
    grp_assert_ok(grp_member_leave(NULL, f->s, g, f->people[1], D(2026, 1, 10), NULL));
    grp_assert_ok(grp_member_approve(&m, f->s, r[2], D(2026, 1, 10)));
    assert_int_equal(grp_date_compare(grp_membership_began(m), D(2026, 1, 10)), 0);
    grp_membership_free(m);
    /* left on the day it began: allowed; the day before: refused */
    grp_assert_rc(grp_member_leave(NULL, f->s, g, f->people[2], D(2026, 1, 9), NULL), GRP_EINVAL);
    assert_string_equal(grp_error_last()->message,
                        "argument 'date' (2026-01-09) is before the member joined (2026-01-10)");
    grp_assert_ok(grp_member_leave(NULL, f->s, g, f->people[2], D(2026, 1, 10), NULL));
}

static void test_history_and_rejoin(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_id a = f->people[0], b = f->people[1];
    grp_assert_ok(grp_member_join(NULL, f->s, g, a, D(2025, 9, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, g, b, D(2025, 10, 1), NULL));
    grp_assert_rc(grp_member_join(NULL, f->s, g, a, D(2025, 12, 1), NULL), GRP_ERULE_ALREADY);
    grp_assert_msg_contains("already a member of group 'Front-line GRP'");
    grp_assert_rc(grp_member_leave(NULL, f->s, g, a, D(2025, 8, 31), NULL), GRP_EINVAL);
    grp_assert_msg_contains("argument 'date' (2025-08-31) is before the member joined (2025-09-01)");
    grp_assert_ok(grp_member_leave(NULL, f->s, g, a, D(2026, 1, 1), "parental leave"));
    grp_assert_rc(grp_member_leave(NULL, f->s, g, a, D(2026, 1, 2), NULL), GRP_ENOTFOUND);
    grp_assert_msg_contains("no current or pending membership");
    /* cannot rejoin inside the stint just closed, nor before it */
    grp_assert_rc(grp_member_join(NULL, f->s, g, a, D(2025, 12, 31), NULL), GRP_ERULE_ALREADY);
    grp_assert_rc(grp_member_join(NULL, f->s, g, a, D(2025, 8, 1), NULL), GRP_EINVAL);
    grp_assert_msg_contains("before this person's existing membership");
    grp_assert_ok(grp_member_join(NULL, f->s, g, a, D(2026, 6, 1), NULL));

    grp_id ids[8];
    grp_date none = {0, 0, 0};
    assert_int_equal(query_ids(f, g, 0, D(2025, 9, 15), 0, ids, 8), 1);
    assert_int_equal(ids[0], a);
    assert_int_equal(query_ids(f, g, 0, D(2025, 11, 1), 0, ids, 8), 2);
    assert_int_equal(query_ids(f, g, 0, D(2026, 1, 1), 0, ids, 8), 1); /* left that day */
    assert_int_equal(ids[0], b);
    assert_int_equal(query_ids(f, g, 0, D(2026, 3, 1), 0, ids, 8), 1);
    assert_int_equal(query_ids(f, g, 0, D(2026, 6, 1), 0, ids, 8), 2);
    assert_int_equal(query_ids(f, g, 0, D(2025, 8, 1), 0, ids, 8), 0);
    /* full history of the group: three stints in request order */
    assert_int_equal(query_ids(f, g, 0, none, 0, ids, 8), 3);
    assert_int_equal(ids[0], a);
    assert_int_equal(ids[1], b);
    assert_int_equal(ids[2], a);
    /* full history of the person */
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    q.person_id = a;
    grp_assert_ok(grp_membership_iterator_new(&it, f->s, &q));
    grp_assert_ok(grp_membership_iterator_next(&m, it));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_LEFT);
    assert_int_equal(grp_date_compare(grp_membership_began(m), D(2025, 9, 1)), 0);
    assert_int_equal(grp_date_compare(grp_membership_ended(m), D(2026, 1, 1)), 0);
    assert_string_equal(grp_membership_reason(m), "parental leave");
    grp_membership_free(m);
    grp_assert_ok(grp_membership_iterator_next(&m, it));
    assert_int_equal(grp_membership_state_of(m), GRP_MSTATE_ACTIVE);
    assert_false(grp_date_is_set(grp_membership_ended(m)));
    grp_membership_free(m);
    grp_assert_rc(grp_membership_iterator_next(&m, it), GRP_ITEROVER);
    grp_membership_iterator_free(it);
    /* a person's groups on a date */
    grp_id g2 = new_group(f, 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_assert_ok(grp_member_join(NULL, f->s, g2, a, D(2026, 2, 1), NULL));
    assert_int_equal(query_ids(f, 0, a, D(2026, 3, 1), 0, ids, 8), 1);
    assert_int_equal(ids[0], g2);
    assert_int_equal(query_ids(f, 0, a, D(2026, 7, 1), 0, ids, 8), 2);
    assert_int_equal(query_ids(f, 0, a, none, 0, ids, 8), 3);
}

static void test_backdated_join_cannot_overfill(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 2, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_assert_ok(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, g, f->people[1], D(2026, 5, 1), NULL));
    /* on 1 March only one seat is taken, but from 1 May both are */
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[2], D(2026, 3, 1), NULL), GRP_ERULE_FULL);
    grp_assert_ok(grp_member_leave(NULL, f->s, g, f->people[0], D(2026, 6, 1), NULL));
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[2], D(2026, 3, 1), NULL), GRP_ERULE_FULL);
    grp_assert_ok(grp_member_join(NULL, f->s, g, f->people[2], D(2026, 6, 1), NULL));
}

static void test_rules_through_store(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_id outsider = new_person(f->s, f->other_org, "Outsider", "front-line");
    grp_assert_rc(grp_member_join(NULL, f->s, g, outsider, D(2026, 1, 1), NULL), GRP_ERULE_ORG);
    grp_group *grp;
    grp_group_spec spec;
    char *roles[] = {"front-line"};
    grp_assert_ok(grp_group_get(&grp, f->s, g));
    grp_assert_ok(grp_group_to_spec(&spec, grp));
    spec.allow_other_orgs = 1;
    spec.eligible_roles.strings = roles;
    spec.eligible_roles.count = 1;
    grp_assert_ok(grp_group_update(f->s, g, &spec));
    grp_group_free(grp);
    grp_assert_ok(grp_member_join(NULL, f->s, g, outsider, D(2026, 1, 1), NULL));
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[1], D(2026, 1, 1), NULL), GRP_ERULE_ROLE);
    grp_assert_msg_contains("role 'welfare' is not eligible for group 'Front-line GRP'");
    grp_assert_ok(grp_group_set_status(f->s, g, GRP_STATUS_PAUSED));
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 1), NULL), GRP_ERULE_INACTIVE);
    grp_assert_ok(grp_group_set_status(f->s, g, GRP_STATUS_ACTIVE));
    grp_assert_rc(grp_group_to_spec(&spec, NULL), GRP_EINVAL);
    grp_assert_ok(grp_group_get(&grp, f->s, g));
    grp_assert_ok(grp_group_to_spec(&spec, grp));
    spec.membership_policy = GRP_MEMBERSHIP_CLOSED;
    grp_assert_ok(grp_group_update(f->s, g, &spec));
    grp_group_free(grp);
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 1), NULL), GRP_ERULE_CLOSED);
    grp_assert_ok(grp_group_archive(f->s, g));
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 1), NULL), GRP_ERULE_INACTIVE);
    grp_assert_msg_contains("archived");
}

static void test_argument_errors(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_join_options o;
    grp_membership *m = (grp_membership *)0x1;
    grp_assert_rc(grp_member_join(&m, NULL, g, f->people[0], D(2026, 1, 1), NULL), GRP_EINVAL);
    assert_null(m);
    grp_assert_rc(grp_member_join(NULL, f->s, 0, f->people[0], D(2026, 1, 1), NULL), GRP_EINVAL);
    grp_assert_rc(grp_member_join(NULL, f->s, g, -1, D(2026, 1, 1), NULL), GRP_EINVAL);
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 2, 30), NULL), GRP_EINVAL);
    grp_assert_msg_contains("argument 'date' (2026-02-30) is not a valid date");
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(0, 0, 0), NULL), GRP_EINVAL);
    grp_assert_rc(grp_member_join(NULL, f->s, 999, f->people[0], D(2026, 1, 1), NULL), GRP_ENOTFOUND);
    grp_assert_msg_contains("no group with id 999");
    grp_assert_rc(grp_member_join(NULL, f->s, g, 999, D(2026, 1, 1), NULL), GRP_ENOTFOUND);
    grp_assert_msg_contains("no person with id 999");
    grp_assert_ok(grp_join_options_init(&o, GRP_JOIN_OPTIONS_VERSION));
    o.role = (grp_member_role)3;
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 1), &o), GRP_EINVAL);
    grp_assert_msg_contains("opts.role");
    o.role = GRP_ROLE_MEMBER;
    o.version = 5;
    grp_assert_rc(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 1), &o), GRP_EINVAL);
    grp_assert_rc(grp_join_options_init(NULL, GRP_JOIN_OPTIONS_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_join_options_init(&o, 0), GRP_EINVAL);
    grp_assert_rc(grp_member_leave(NULL, NULL, g, f->people[0], D(2026, 1, 1), NULL), GRP_EINVAL);
    grp_assert_rc(grp_member_leave(NULL, f->s, g, f->people[0], D(2026, 1, 32), NULL), GRP_EINVAL);
    grp_assert_rc(grp_member_leave(NULL, f->s, 999, f->people[0], D(2026, 1, 1), NULL), GRP_ENOTFOUND);
    grp_assert_rc(grp_membership_get(&m, f->s, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_membership_get(NULL, f->s, 1), GRP_EINVAL);
    grp_assert_rc(grp_membership_get(&m, NULL, 1), GRP_EINVAL);

    grp_membership_query q;
    grp_membership_iterator *it;
    grp_assert_ok(grp_membership_query_init(&q, GRP_MEMBERSHIP_QUERY_VERSION));
    grp_assert_rc(grp_membership_iterator_new(&it, f->s, &q), GRP_EINVAL);
    grp_assert_msg_contains("group_id or person_id");
    q.group_id = g;
    q.date = D(2026, 2, 29);
    grp_assert_rc(grp_membership_iterator_new(&it, f->s, &q), GRP_EINVAL);
    q.date = D(2026, 2, 28);
    q.roles = 0x10;
    grp_assert_rc(grp_membership_iterator_new(&it, f->s, &q), GRP_EINVAL);
    q.roles = 0;
    q.states = 0x20;
    grp_assert_rc(grp_membership_iterator_new(&it, f->s, &q), GRP_EINVAL);
    q.states = 0;
    q.version = 3;
    grp_assert_rc(grp_membership_iterator_new(&it, f->s, &q), GRP_EINVAL);
    grp_assert_rc(grp_membership_iterator_new(&it, f->s, NULL), GRP_EINVAL);
    grp_assert_rc(grp_membership_iterator_new(NULL, f->s, &q), GRP_EINVAL);
    grp_assert_rc(grp_membership_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_assert_rc(grp_membership_query_init(NULL, 1), GRP_EINVAL);
    grp_membership_iterator_free(NULL);
    grp_membership_free(NULL);
    assert_string_equal(grp_member_role_name(GRP_ROLE_COFACILITATOR), "co_facilitator");
    assert_null(grp_member_role_name((grp_member_role)3));
    assert_string_equal(grp_membership_state_name(GRP_MSTATE_WAITLISTED), "waitlisted");
    assert_null(grp_membership_state_name((grp_membership_state)5));
    /* getters on NULL */
    assert_int_equal(grp_membership_id(NULL), 0);
    assert_false(grp_date_is_set(grp_membership_began(NULL)));
}

static void test_state_filter(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 1, GRP_CAPACITY_WAITLIST, GRP_MEMBERSHIP_OPEN);
    grp_assert_ok(grp_member_join(NULL, f->s, g, f->people[0], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, g, f->people[1], D(2026, 1, 2), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, g, f->people[2], D(2026, 1, 3), NULL));
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    q.group_id = g;
    q.states = 1u << GRP_MSTATE_WAITLISTED;
    grp_assert_ok(grp_membership_iterator_new(&it, f->s, &q));
    grp_assert_ok(grp_membership_iterator_next(&m, it));
    assert_int_equal(grp_membership_person_id(m), f->people[1]);
    grp_membership_free(m);
    grp_assert_ok(grp_membership_iterator_next(&m, it));
    assert_int_equal(grp_membership_person_id(m), f->people[2]);
    grp_membership_free(m);
    grp_assert_rc(grp_membership_iterator_next(&m, it), GRP_ITEROVER);
    grp_membership_iterator_free(it);
}

static void test_writes_are_audited(void **state)
{
    fx *f = *state;
    grp_id g = new_group(f, 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN);
    grp_membership *m;
    grp_audit_iterator *it;
    grp_audit_entry *e;
    grp_actor sys = grp_actor_system(), someone = grp_actor_person(f->people[0]);
    grp_assert_ok(grp_member_join(&m, f->s, g, f->people[0], D(2026, 1, 1), NULL));
    grp_id mid = grp_membership_id(m);
    grp_membership_free(m);
    grp_assert_ok(grp_member_leave(NULL, f->s, g, f->people[0], D(2026, 2, 1), NULL));
    /* a refused join writes nothing, not even an audit entry */
    grp_assert_rc(grp_member_join(NULL, f->s, g, 999, D(2026, 1, 1), NULL), GRP_ENOTFOUND);
    grp_assert_rc(grp_audit_iterator_new(&it, f->s, &someone, 0), GRP_EACCESS);
    grp_assert_ok(grp_audit_iterator_new(&it, f->s, &sys, 0));
    const char *want[] = {"group.create", "member.join", "member.leave"};
    grp_id want_ids[] = {g, mid, mid};
    size_t n = 0;
    int found_group = 0;
    while (grp_audit_iterator_next(&e, it) == 0) {
        /* skip the fixture's org and people */
        if (!found_group && strcmp(grp_audit_entry_action(e), "group.create") == 0 &&
            grp_audit_entry_entity_id(e) == g)
            found_group = 1;
        if (found_group) {
            assert_true(n < 3);
            assert_string_equal(grp_audit_entry_action(e), want[n]);
            assert_int_equal(grp_audit_entry_entity_id(e), want_ids[n]);
            assert_int_equal(grp_audit_entry_actor_kind(e), GRP_ACTOR_SYSTEM);
            assert_int_equal(grp_audit_entry_actor_person_id(e), 0);
            n++;
        }
        grp_audit_entry_free(e);
    }
    grp_audit_iterator_free(it);
    assert_int_equal(n, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hard_capacity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waitlist_promotion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_soft_capacity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_approval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_request_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_and_rejoin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backdated_join_cannot_overfill, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_through_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_argument_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_state_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writes_are_audited, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
