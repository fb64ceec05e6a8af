/* Groups: defaults, validation of every setting, update, status, archive, list. */
#include "support.h"

#include <string.h>

typedef struct fx {
    grp_store *s;
    grp_id org;
} fx;

static int setup(void **state)
{
    static fx f;
    grp_org *o;
    if (grp_store_open(&f.s, ":memory:", NULL) || grp_org_create(&o, f.s, "Org", NULL))
        return -1;
    f.org = grp_org_id(o);
    grp_org_free(o);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    return 0;
}

static grp_group_spec base_spec(grp_id org)
{
    grp_group_spec spec;
    grp_group_spec_init(&spec, GRP_GROUP_SPEC_VERSION);
    spec.org_id = org;
    spec.name = "Front-line GRP";
    spec.location = "Room 2.14, Student Centre";
    spec.timezone = "Europe/London";
    return spec;
}

static void test_defaults_and_getters(void **state)
{
    fx *f = *state;
    grp_group_spec spec = base_spec(f->org);
    grp_group *g;
    assert_int_equal(spec.capacity, 8);
    assert_int_equal(spec.session_minutes, 90);
    grp_assert_ok(grp_group_create(&g, f->s, &spec));
    assert_true(grp_group_id(g) > 0);
    assert_int_equal(grp_group_org_id(g), f->org);
    assert_string_equal(grp_group_name(g), "Front-line GRP");
    assert_int_equal(grp_group_kind_of(g), GRP_KIND_REFLECTIVE_PRACTICE);
    assert_int_equal(grp_group_status_of(g), GRP_STATUS_FORMING);
    assert_int_equal(grp_group_capacity(g), 8);
    assert_int_equal(grp_group_capacity_policy(g), GRP_CAPACITY_HARD);
    assert_int_equal(grp_group_quorum(g), 0);
    assert_int_equal(grp_group_membership_policy(g), GRP_MEMBERSHIP_OPEN);
    assert_int_equal(grp_group_allows_other_orgs(g), 0);
    assert_int_equal(grp_group_eligible_role_count(g), 0);
    assert_null(grp_group_eligible_role(g, 0));
    assert_int_equal(grp_group_delivery(g), GRP_DELIVERY_IN_PERSON);
    assert_string_equal(grp_group_location(g), "Room 2.14, Student Centre");
    assert_null(grp_group_meeting_link(g));
    assert_string_equal(grp_group_timezone(g), "Europe/London");
    assert_int_equal(grp_group_session_minutes(g), 90);
    assert_int_equal(grp_group_archived(g), 0);
    grp_group_free(g);
    assert_string_equal(grp_group_kind_name(GRP_KIND_CLINICAL_SUPERVISION), "clinical_supervision");
    assert_null(grp_group_kind_name((grp_group_kind)3));
    assert_string_equal(grp_group_status_name(GRP_STATUS_PAUSED), "paused");
    assert_null(grp_group_status_name((grp_group_status)-1));
    assert_string_equal(grp_capacity_policy_name(GRP_CAPACITY_HARD), "hard");
    assert_string_equal(grp_capacity_policy_name(GRP_CAPACITY_WAITLIST), "waitlist");
    assert_null(grp_capacity_policy_name((grp_capacity_policy)3));
    assert_string_equal(grp_membership_policy_name(GRP_MEMBERSHIP_APPROVAL), "approval");
    assert_string_equal(grp_membership_policy_name(GRP_MEMBERSHIP_CLOSED), "closed");
    assert_null(grp_membership_policy_name((grp_membership_policy)-1));
    assert_string_equal(grp_delivery_name(GRP_DELIVERY_IN_PERSON), "in_person");
    assert_string_equal(grp_delivery_name(GRP_DELIVERY_HYBRID), "hybrid");
    assert_null(grp_delivery_name((grp_delivery)3));
}

static void test_full_settings_roundtrip(void **state)
{
    fx *f = *state;
    char *roles[] = {"front-line", "welfare"};
    grp_group_spec spec = base_spec(f->org);
    spec.kind = GRP_KIND_GROUP_SUPERVISION;
    spec.status = GRP_STATUS_ACTIVE;
    spec.capacity = 6;
    spec.capacity_policy = GRP_CAPACITY_WAITLIST;
    spec.quorum = 3;
    spec.membership_policy = GRP_MEMBERSHIP_APPROVAL;
    spec.allow_other_orgs = 1;
    spec.eligible_roles.strings = roles;
    spec.eligible_roles.count = 2;
    spec.delivery = GRP_DELIVERY_HYBRID;
    spec.meeting_link = "https://meet.example.org/grp-1";
    spec.timezone = "America/New_York";
    spec.session_minutes = 120;
    grp_group *g, *g2;
    grp_assert_ok(grp_group_create(&g, f->s, &spec));
    grp_assert_ok(grp_group_get(&g2, f->s, grp_group_id(g)));
    assert_int_equal(grp_group_kind_of(g2), GRP_KIND_GROUP_SUPERVISION);
    assert_int_equal(grp_group_status_of(g2), GRP_STATUS_ACTIVE);
    assert_int_equal(grp_group_capacity(g2), 6);
    assert_int_equal(grp_group_capacity_policy(g2), GRP_CAPACITY_WAITLIST);
    assert_int_equal(grp_group_quorum(g2), 3);
    assert_int_equal(grp_group_membership_policy(g2), GRP_MEMBERSHIP_APPROVAL);
    assert_int_equal(grp_group_allows_other_orgs(g2), 1);
    assert_int_equal(grp_group_eligible_role_count(g2), 2);
    assert_string_equal(grp_group_eligible_role(g2, 0), "front-line");
    assert_string_equal(grp_group_eligible_role(g2, 1), "welfare");
    assert_int_equal(grp_group_delivery(g2), GRP_DELIVERY_HYBRID);
    assert_string_equal(grp_group_meeting_link(g2), "https://meet.example.org/grp-1");
    assert_string_equal(grp_group_timezone(g2), "America/New_York");
    assert_int_equal(grp_group_session_minutes(g2), 120);

    /* get -> to_spec -> edit -> update changes one thing only */
    grp_group_spec edit;
    grp_assert_ok(grp_group_to_spec(&edit, g2));
    edit.capacity = 7;
    edit.eligible_roles.count = 1;
    grp_assert_ok(grp_group_update(f->s, grp_group_id(g2), &edit));
    grp_group_free(g2);
    grp_assert_ok(grp_group_get(&g2, f->s, grp_group_id(g)));
    assert_int_equal(grp_group_capacity(g2), 7);
    assert_int_equal(grp_group_quorum(g2), 3);
    assert_int_equal(grp_group_eligible_role_count(g2), 1);
    assert_string_equal(grp_group_timezone(g2), "America/New_York");
    grp_group_free(g2);

    grp_assert_ok(grp_group_set_status(f->s, grp_group_id(g), GRP_STATUS_PAUSED));
    grp_assert_ok(grp_group_get(&g2, f->s, grp_group_id(g)));
    assert_int_equal(grp_group_status_of(g2), GRP_STATUS_PAUSED);
    grp_group_free(g2);
    grp_assert_ok(grp_group_archive(f->s, grp_group_id(g)));
    grp_assert_ok(grp_group_get(&g2, f->s, grp_group_id(g)));
    assert_int_equal(grp_group_archived(g2), 1);
    assert_int_equal(grp_group_status_of(g2), GRP_STATUS_CLOSED);
    /* an update keeps the archived flag */
    grp_assert_ok(grp_group_to_spec(&edit, g2));
    grp_assert_ok(grp_group_update(f->s, grp_group_id(g2), &edit));
    grp_group_free(g2);
    grp_assert_ok(grp_group_get(&g2, f->s, grp_group_id(g)));
    assert_int_equal(grp_group_archived(g2), 1);
    grp_group_free(g2);
    grp_group_free(g);
}

typedef struct bad_case {
    const char *field;
    void (*mutate)(grp_group_spec *);
    int code;
} bad_case;

static void m_name_null(grp_group_spec *s) { s->name = NULL; }
static void m_name_empty(grp_group_spec *s) { s->name = ""; }
static void m_org_zero(grp_group_spec *s) { s->org_id = 0; }
static void m_org_missing(grp_group_spec *s) { s->org_id = 4242; }
static void m_kind(grp_group_spec *s) { s->kind = (grp_group_kind)9; }
static void m_status(grp_group_spec *s) { s->status = (grp_group_status)-1; }
static void m_cap0(grp_group_spec *s) { s->capacity = 0; }
static void m_cap_big(grp_group_spec *s) { s->capacity = GRP_MAX_CAPACITY + 1; }
static void m_cpolicy(grp_group_spec *s) { s->capacity_policy = (grp_capacity_policy)3; }
static void m_quorum_neg(grp_group_spec *s) { s->quorum = -1; }
static void m_quorum_high(grp_group_spec *s) { s->quorum = 9; }
static void m_mpolicy(grp_group_spec *s) { s->membership_policy = (grp_membership_policy)5; }
static void m_other(grp_group_spec *s) { s->allow_other_orgs = 2; }
static void m_roles_null(grp_group_spec *s) { s->eligible_roles.count = 2; s->eligible_roles.strings = NULL; }
static void m_delivery(grp_group_spec *s) { s->delivery = (grp_delivery)3; }
static void m_no_location(grp_group_spec *s) { s->location = NULL; }
static void m_online_no_link(grp_group_spec *s) { s->delivery = GRP_DELIVERY_ONLINE; }
static void m_hybrid_no_link(grp_group_spec *s) { s->delivery = GRP_DELIVERY_HYBRID; }
static void m_bad_link(grp_group_spec *s) { s->delivery = GRP_DELIVERY_ONLINE; s->meeting_link = "ftp://x"; }
static void m_tz_null(grp_group_spec *s) { s->timezone = NULL; }
static void m_tz_unknown(grp_group_spec *s) { s->timezone = "Europe/Atlantis"; }
static void m_tz_escape(grp_group_spec *s) { s->timezone = "../../etc/passwd"; }
static void m_minutes0(grp_group_spec *s) { s->session_minutes = 0; }
static void m_minutes_big(grp_group_spec *s) { s->session_minutes = 1441; }
static void m_version(grp_group_spec *s) { s->version = 77; }

/* The place and quorum rules (policy/records.h) in the model's exact words,
 * boundaries included. */
static void test_place_and_quorum_messages(void **state)
{
    fx *f = *state;
    grp_group_spec spec = base_spec(f->org);
    spec.location = NULL;
    grp_assert_rc(grp_group_create(NULL, f->s, &spec), GRP_EINVAL);
    assert_string_equal(grp_error_last()->message, "spec.location is required for in-person delivery");
    spec.delivery = GRP_DELIVERY_HYBRID;
    spec.meeting_link = "https://meet.example.org/grp";
    grp_assert_rc(grp_group_create(NULL, f->s, &spec), GRP_EINVAL);
    assert_string_equal(grp_error_last()->message, "spec.location is required for hybrid delivery");
    spec.delivery = GRP_DELIVERY_ONLINE; /* online: no location needed */
    spec.quorum = spec.capacity;         /* the quorum may equal the capacity */
    grp_assert_ok(grp_group_create(NULL, f->s, &spec));
    spec.quorum = spec.capacity + 1;
    grp_assert_rc(grp_group_create(NULL, f->s, &spec), GRP_EINVAL);
    assert_string_equal(grp_error_last()->message, "spec.quorum (9) is outside 0..8");
}

static void test_validation(void **state)
{
    fx *f = *state;
    static const bad_case cases[] = {
        {"spec.name", m_name_null, GRP_EINVAL},
        {"empty", m_name_empty, GRP_EINVAL},
        {"spec.org_id", m_org_zero, GRP_EINVAL},
        {"no organisation with id 4242", m_org_missing, GRP_ENOTFOUND},
        {"spec.kind", m_kind, GRP_EINVAL},
        {"spec.status", m_status, GRP_EINVAL},
        {"spec.capacity (0)", m_cap0, GRP_EINVAL},
        {"spec.capacity (1001)", m_cap_big, GRP_EINVAL},
        {"spec.capacity_policy", m_cpolicy, GRP_EINVAL},
        {"spec.quorum (-1)", m_quorum_neg, GRP_EINVAL},
        {"spec.quorum (9) is outside 0..8", m_quorum_high, GRP_EINVAL},
        {"spec.membership_policy", m_mpolicy, GRP_EINVAL},
        {"spec.allow_other_orgs", m_other, GRP_EINVAL},
        {"spec.eligible_roles", m_roles_null, GRP_EINVAL},
        {"spec.delivery", m_delivery, GRP_EINVAL},
        {"spec.location is required", m_no_location, GRP_EINVAL},
        {"spec.meeting_link is required for online", m_online_no_link, GRP_EINVAL},
        {"spec.meeting_link is required for hybrid", m_hybrid_no_link, GRP_EINVAL},
        {"http:// or https://", m_bad_link, GRP_EINVAL},
        {"spec.timezone", m_tz_null, GRP_EINVAL},
        {"Europe/Atlantis", m_tz_unknown, GRP_EINVAL},
        {"spec.timezone", m_tz_escape, GRP_EINVAL},
        {"spec.session_minutes", m_minutes0, GRP_EINVAL},
        {"spec.session_minutes", m_minutes_big, GRP_EINVAL},
        {"version 77", m_version, GRP_EINVAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        grp_group_spec spec = base_spec(f->org);
        grp_group *g = (grp_group *)0x1;
        cases[i].mutate(&spec);
        int rc = grp_group_create(&g, f->s, &spec);
        if (rc != cases[i].code || !strstr(grp_error_last()->message, cases[i].field))
            fail_msg("case %zu: got %s '%s', expected %s mentioning '%s'", i, grp_error_name(rc),
                     grp_error_last()->message, grp_error_name(cases[i].code), cases[i].field);
        assert_null(g);
        /* update refuses the same spec */
        if (cases[i].code == GRP_EINVAL)
            grp_assert_rc(grp_group_update(f->s, 1, &spec), GRP_EINVAL);
    }
    grp_group_iterator *it;
    grp_assert_ok(grp_group_iterator_new(&it, f->s, 0, GRP_LIST_INCLUDE_ARCHIVED));
    grp_group *g;
    grp_assert_rc(grp_group_iterator_next(&g, it), GRP_ITEROVER); /* nothing was stored */
    grp_group_iterator_free(it);

    grp_group_spec spec = base_spec(f->org);
    grp_assert_rc(grp_group_create(NULL, NULL, &spec), GRP_EINVAL);
    grp_assert_rc(grp_group_create(NULL, f->s, NULL), GRP_EINVAL);
    grp_assert_rc(grp_group_get(&g, f->s, 77), GRP_ENOTFOUND);
    grp_assert_rc(grp_group_get(&g, f->s, 0), GRP_EINVAL);
    grp_assert_rc(grp_group_get(NULL, f->s, 1), GRP_EINVAL);
    grp_assert_rc(grp_group_update(f->s, 77, &spec), GRP_ENOTFOUND);
    grp_assert_rc(grp_group_set_status(f->s, 77, GRP_STATUS_ACTIVE), GRP_ENOTFOUND);
    grp_assert_rc(grp_group_set_status(f->s, 1, (grp_group_status)4), GRP_EINVAL);
    grp_assert_rc(grp_group_archive(f->s, 77), GRP_ENOTFOUND);
    grp_assert_rc(grp_group_archive(NULL, 1), GRP_EINVAL);
    grp_assert_rc(grp_group_spec_init(NULL, GRP_GROUP_SPEC_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_group_spec_init(&spec, 0), GRP_EINVAL);
    grp_assert_rc(grp_group_to_spec(&spec, NULL), GRP_EINVAL);
    grp_assert_rc(grp_group_to_spec(NULL, NULL), GRP_EINVAL);
    /* non-hour zones and UTC are fine */
    spec.timezone = "Asia/Kathmandu";
    grp_assert_ok(grp_group_create(NULL, f->s, &spec));
    spec.timezone = "UTC";
    grp_assert_ok(grp_group_create(NULL, f->s, &spec));
}

static void test_list(void **state)
{
    fx *f = *state;
    grp_org *o;
    grp_assert_ok(grp_org_create(&o, f->s, "Second", NULL));
    grp_group_spec spec = base_spec(f->org);
    const char *names[] = {"G1", "G2", "G3"};
    for (int i = 0; i < 3; i++) {
        spec.name = names[i];
        spec.org_id = i == 1 ? grp_org_id(o) : f->org;
        grp_assert_ok(grp_group_create(NULL, f->s, &spec));
    }
    grp_org_free(o);
    grp_assert_ok(grp_group_archive(f->s, 3));
    grp_group_iterator *it;
    grp_group *g;
    grp_assert_ok(grp_group_iterator_new(&it, f->s, f->org, 0));
    grp_assert_ok(grp_group_iterator_next(&g, it));
    assert_string_equal(grp_group_name(g), "G1");
    grp_group_free(g);
    grp_assert_rc(grp_group_iterator_next(&g, it), GRP_ITEROVER);
    grp_group_iterator_free(it);
    grp_assert_ok(grp_group_iterator_new(&it, f->s, 0, GRP_LIST_INCLUDE_ARCHIVED));
    int n = 0;
    while (grp_group_iterator_next(&g, it) == 0) {
        assert_string_equal(grp_group_name(g), names[n++]);
        grp_group_free(g);
    }
    assert_int_equal(n, 3);
    grp_group_iterator_free(it);
    grp_assert_rc(grp_group_iterator_new(&it, f->s, -2, 0), GRP_EINVAL);
    grp_assert_rc(grp_group_iterator_new(&it, f->s, 0, 4), GRP_EINVAL);
    grp_assert_rc(grp_group_iterator_new(NULL, f->s, 0, 0), GRP_EINVAL);
    grp_assert_rc(grp_group_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_group_iterator_free(NULL);
    grp_group_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults_and_getters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_settings_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_place_and_quorum_messages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
