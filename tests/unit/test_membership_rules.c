/* The pure membership rules, table-driven, with no database. */
#include "support.h"
#include "policy/membership_rules.h"

#include <string.h>

enum { ORG = 1, OTHER_ORG = 2 };

typedef struct rule_case {
    const char *name;
    /* group settings */
    grp_group_status status;
    int archived;
    grp_membership_policy mpolicy;
    grp_capacity_policy cpolicy;
    int capacity;
    int allow_other_orgs;
    const char *roles[3]; /* eligible roles, NULL-terminated; none = any */
    /* the request */
    grp_id person_org;
    const char *job_role;
    grp_member_role role;
    int is_approval, already, occupied, waiting;
    /* expected */
    int code;
    grp_membership_state state;
    uint32_t warnings;
    const char *message;
} rule_case;

#define ACTIVE GRP_STATUS_ACTIVE
#define OPEN GRP_MEMBERSHIP_OPEN
#define HARD GRP_CAPACITY_HARD
#define SOFT GRP_CAPACITY_SOFT
#define WAIT GRP_CAPACITY_WAITLIST
#define MEMBER GRP_ROLE_MEMBER
#define FAC GRP_ROLE_FACILITATOR
#define COFAC GRP_ROLE_COFACILITATOR

static const rule_case cases[] = {
    /* name, status, archived, mpolicy, cpolicy, cap, other, roles, org, job, role, appr, already, occ, wait, code, state, warn, msg */
    {"open seat", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, "adviser", MEMBER, 0, 0, 3, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"last seat", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 7, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"empty group", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"forming group admits", GRP_STATUS_FORMING, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"hard full", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 8, 0, GRP_ERULE_FULL, 0, 0, "capacity 8 reached in group 'Front-line GRP'"},
    {"hard over full", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 9, 0, GRP_ERULE_FULL, 0, 0, "capacity 8"},
    {"hard capacity 1 pair", ACTIVE, 0, OPEN, HARD, 1, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 1, 0, GRP_ERULE_FULL, 0, 0, "capacity 1"},
    {"soft full warns", ACTIVE, 0, OPEN, SOFT, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 8, 0, 0, GRP_MSTATE_ACTIVE, GRP_WARN_OVER_CAPACITY, NULL},
    {"soft not full", ACTIVE, 0, OPEN, SOFT, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 5, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"waitlist full queues", ACTIVE, 0, OPEN, WAIT, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 8, 0, 0, GRP_MSTATE_WAITLISTED, 0, NULL},
    {"waitlist free seat", ACTIVE, 0, OPEN, WAIT, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 7, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"waitlist no queue jumping", ACTIVE, 0, OPEN, WAIT, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 7, 2, 0, GRP_MSTATE_WAITLISTED, 0, NULL},
    {"paused refuses", GRP_STATUS_PAUSED, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_INACTIVE, 0, 0, "is paused"},
    {"closed status refuses", GRP_STATUS_CLOSED, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_INACTIVE, 0, 0, "is closed"},
    {"archived refuses", ACTIVE, 1, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_INACTIVE, 0, 0, "is archived"},
    {"closed policy refuses", ACTIVE, 0, GRP_MEMBERSHIP_CLOSED, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_CLOSED, 0, 0, "closed to new members"},
    {"other org refused", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, OTHER_ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_ORG, 0, 0, "own organisation only"},
    {"other org allowed", ACTIVE, 0, OPEN, HARD, 8, 1, {NULL}, OTHER_ORG, NULL, MEMBER, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"role eligible", ACTIVE, 0, OPEN, HARD, 8, 0, {"front-line", "welfare", NULL}, ORG, "welfare", MEMBER, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"role case and space folded", ACTIVE, 0, OPEN, HARD, 8, 0, {"Front-Line", NULL}, ORG, "  front-line ", MEMBER, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"role not eligible", ACTIVE, 0, OPEN, HARD, 8, 0, {"front-line", NULL}, ORG, "appeals", MEMBER, 0, 0, 0, 0, GRP_ERULE_ROLE, 0, 0, "role 'appeals' is not eligible"},
    {"no role when roles required", ACTIVE, 0, OPEN, HARD, 8, 0, {"front-line", NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_ROLE, 0, 0, "(none)"},
    {"role prefix is not a match", ACTIVE, 0, OPEN, HARD, 8, 0, {"front", NULL}, ORG, "front-line", MEMBER, 0, 0, 0, 0, GRP_ERULE_ROLE, 0, 0, "not eligible"},
    {"approval requests", ACTIVE, 0, GRP_MEMBERSHIP_APPROVAL, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 8, 0, 0, GRP_MSTATE_REQUESTED, 0, NULL},
    {"approval admits", ACTIVE, 0, GRP_MEMBERSHIP_APPROVAL, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 1, 0, 2, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"approval when full hard", ACTIVE, 0, GRP_MEMBERSHIP_APPROVAL, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 1, 0, 8, 0, GRP_ERULE_FULL, 0, 0, "capacity 8"},
    {"approval when full waitlist", ACTIVE, 0, GRP_MEMBERSHIP_APPROVAL, WAIT, 8, 0, {NULL}, ORG, NULL, MEMBER, 1, 0, 8, 0, 0, GRP_MSTATE_WAITLISTED, 0, NULL},
    {"approval still checks org", ACTIVE, 0, GRP_MEMBERSHIP_APPROVAL, HARD, 8, 0, {NULL}, OTHER_ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_ORG, 0, 0, NULL},
    {"already a member", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 1, 3, 0, GRP_ERULE_ALREADY, 0, 0, "already a member"},
    {"already beats inactive", GRP_STATUS_PAUSED, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 1, 3, 0, GRP_ERULE_ALREADY, 0, 0, NULL},
    {"inactive beats closed policy", GRP_STATUS_CLOSED, 0, GRP_MEMBERSHIP_CLOSED, HARD, 8, 0, {NULL}, ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_INACTIVE, 0, 0, NULL},
    {"closed policy beats org", ACTIVE, 0, GRP_MEMBERSHIP_CLOSED, HARD, 8, 0, {NULL}, OTHER_ORG, NULL, MEMBER, 0, 0, 0, 0, GRP_ERULE_CLOSED, 0, 0, NULL},
    {"org beats role", ACTIVE, 0, OPEN, HARD, 8, 0, {"welfare", NULL}, OTHER_ORG, "appeals", MEMBER, 0, 0, 0, 0, GRP_ERULE_ORG, 0, 0, NULL},
    {"role beats capacity", ACTIVE, 0, OPEN, HARD, 8, 0, {"welfare", NULL}, ORG, "appeals", MEMBER, 0, 0, 8, 0, GRP_ERULE_ROLE, 0, 0, NULL},
    {"facilitator ignores capacity", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, FAC, 0, 0, 8, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"facilitator from other org", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, OTHER_ORG, "external practitioner", FAC, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"facilitator joins closed-policy group", ACTIVE, 0, GRP_MEMBERSHIP_CLOSED, HARD, 8, 0, {"welfare", NULL}, ORG, NULL, FAC, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"facilitator skips approval", ACTIVE, 0, GRP_MEMBERSHIP_APPROVAL, HARD, 8, 0, {NULL}, ORG, NULL, FAC, 0, 0, 0, 0, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"co-facilitator skips waitlist", ACTIVE, 0, OPEN, WAIT, 8, 0, {NULL}, ORG, NULL, COFAC, 0, 0, 8, 3, 0, GRP_MSTATE_ACTIVE, 0, NULL},
    {"facilitator refused when paused", GRP_STATUS_PAUSED, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, FAC, 0, 0, 0, 0, GRP_ERULE_INACTIVE, 0, 0, NULL},
    {"facilitator already", ACTIVE, 0, OPEN, HARD, 8, 0, {NULL}, ORG, NULL, FAC, 0, 1, 0, 0, GRP_ERULE_ALREADY, 0, 0, NULL},
};

static void test_rule_table(void **state)
{
    (void)state;
    assert_true(sizeof cases / sizeof cases[0] >= 30);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const rule_case *c = &cases[i];
        char *roles[3];
        size_t nroles = 0;
        while (nroles < 3 && c->roles[nroles]) {
            roles[nroles] = (char *)c->roles[nroles];
            nroles++;
        }
        struct grp_group g = {0};
        g.id = 10;
        g.org_id = ORG;
        g.name = "Front-line GRP";
        g.status = c->status;
        g.archived = c->archived;
        g.membership_policy = c->mpolicy;
        g.capacity_policy = c->cpolicy;
        g.capacity = c->capacity;
        g.allow_other_orgs = c->allow_other_orgs;
        g.eligible_roles.strings = nroles ? roles : NULL;
        g.eligible_roles.count = nroles;
        grp__join_input in = {&g, c->person_org, c->job_role, c->role, c->is_approval, c->already, c->occupied, c->waiting};
        grp__join_decision d = {GRP_MSTATE_DECLINED, 0xff};
        grp_error_clear();
        int rc = grp__decide_join(&in, &d);
        if (rc != c->code)
            fail_msg("case '%s': code %s, expected %s (%s)", c->name, grp_error_name(rc), grp_error_name(c->code),
                     grp_error_last()->message);
        if (rc == 0) {
            if (d.state != c->state)
                fail_msg("case '%s': state %d, expected %d", c->name, d.state, c->state);
            if (d.warnings != c->warnings)
                fail_msg("case '%s': warnings %u, expected %u", c->name, d.warnings, c->warnings);
        } else {
            assert_int_equal(grp_error_last()->code, c->code);
            if (c->message && !strstr(grp_error_last()->message, c->message))
                fail_msg("case '%s': message '%s' lacks '%s'", c->name, grp_error_last()->message, c->message);
        }
    }
}

static struct grp_membership stint(grp_member_role role, grp_date began, grp_date ended)
{
    struct grp_membership m = {0};
    m.role = role;
    m.state = grp_date_is_set(ended) ? GRP_MSTATE_LEFT : GRP_MSTATE_ACTIVE;
    m.began = began;
    m.ended = ended;
    return m;
}

static void test_peak_occupancy(void **state)
{
    (void)state;
    grp_date none = {0, 0, 0};
    struct grp_membership s[6] = {
        stint(GRP_ROLE_MEMBER, D(2026, 1, 1), none),             /* open */
        stint(GRP_ROLE_MEMBER, D(2026, 1, 1), D(2026, 3, 1)),    /* leaves 1 March */
        stint(GRP_ROLE_MEMBER, D(2026, 4, 1), none),             /* joins later */
        stint(GRP_ROLE_MEMBER, D(2026, 5, 1), D(2026, 6, 1)),    /* brief */
        stint(GRP_ROLE_FACILITATOR, D(2026, 1, 1), none),        /* not counted */
        stint(GRP_ROLE_MEMBER, D(2026, 2, 1), D(2026, 2, 1)),    /* empty stint */
    };
    struct grp_membership *p[6];
    for (int i = 0; i < 6; i++)
        p[i] = &s[i];
    assert_int_equal(grp__peak_occupancy(p, 6, D(2026, 1, 1)), 3); /* 1 Jan: 2; 1 May: 3 */
    assert_int_equal(grp__peak_occupancy(p, 6, D(2026, 2, 15)), 3);
    assert_int_equal(grp__peak_occupancy(p, 6, D(2026, 3, 1)), 3);
    assert_int_equal(grp__peak_occupancy(p, 6, D(2026, 6, 1)), 2);
    assert_int_equal(grp__peak_occupancy(p, 2, D(2026, 2, 28)), 2);
    assert_int_equal(grp__peak_occupancy(p, 2, D(2026, 3, 1)), 1);
    assert_int_equal(grp__peak_occupancy(p, 0, D(2026, 3, 1)), 0);
    assert_int_equal(grp__peak_occupancy(p, 6, D(2025, 12, 31)), 3);
}

static void test_role_eligible(void **state)
{
    (void)state;
    char *r[] = {"Student Support Adviser", "welfare"};
    grp_strarray roles = {r, 2};
    grp_strarray none = {NULL, 0};
    assert_true(grp__role_eligible(&none, NULL));
    assert_true(grp__role_eligible(&none, "anything"));
    assert_true(grp__role_eligible(&roles, "student support adviser"));
    assert_true(grp__role_eligible(&roles, " WELFARE\t"));
    assert_false(grp__role_eligible(&roles, "welfare officer"));
    assert_false(grp__role_eligible(&roles, ""));
    assert_false(grp__role_eligible(&roles, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_table),
        cmocka_unit_test(test_peak_occupancy),
        cmocka_unit_test(test_role_eligible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
