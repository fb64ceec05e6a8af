/* Supervision hours and the presenter rota. */
#include "support.h"

#include <stdio.h>
#include <string.h>

typedef struct fx {
    grp_store *s;
    grp_id org, group, fac;
    grp_id p[7];
} fx;

static grp_datetime DT(int y, int mo, int d, int h, int mi)
{
    grp_datetime dt = {y, mo, d, h, mi, 0};
    return dt;
}

static int setup(void **state)
{
    static fx f;
    grp_org *o;
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_join_options fac = GRP_JOIN_OPTIONS_INIT;
    memset(&f, 0, sizeof f);
    if (grp_store_open(&f.s, ":memory:", NULL) || grp_org_create(&o, f.s, "Clinic", NULL))
        return -1;
    f.org = grp_org_id(o);
    grp_org_free(o);
    gs.org_id = f.org;
    gs.name = "Weekly group supervision";
    gs.kind = GRP_KIND_GROUP_SUPERVISION;
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room 3";
    gs.timezone = "Europe/London";
    gs.session_minutes = 120;
    if (grp_group_create(&g, f.s, &gs))
        return -1;
    f.group = grp_group_id(g);
    grp_group_free(g);
    ps.org_id = f.org;
    for (int i = 0; i < 7; i++) {
        grp_person *p;
        char name[16];
        snprintf(name, sizeof name, "S%d", i);
        ps.display_name = name;
        if (grp_person_create(&p, f.s, &ps))
            return -1;
        f.p[i] = grp_person_id(p);
        grp_person_free(p);
    }
    ps.display_name = "Facilitator";
    grp_person *facp;
    if (grp_person_create(&facp, f.s, &ps))
        return -1;
    f.fac = grp_person_id(facp);
    grp_person_free(facp);
    fac.role = GRP_ROLE_FACILITATOR;
    if (grp_member_join(NULL, f.s, f.group, f.fac, D(2026, 1, 1), &fac))
        return -1;
    cs.rrule = "FREQ=WEEKLY;BYDAY=MO";
    cs.first_date = D(2026, 1, 5);
    cs.start_hour = 10;
    if (grp_cadence_set(NULL, f.s, f.group, &cs))
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    return 0;
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(grp_hours_mode_name(GRP_HOURS_FULL), "full");
    assert_string_equal(grp_hours_mode_name(GRP_HOURS_INDIVIDUAL), "individual");
    assert_string_equal(grp_hours_mode_name(GRP_HOURS_BACP), "bacp");
    assert_string_equal(grp_hours_mode_name(GRP_HOURS_RATIO), "ratio");
    assert_null(grp_hours_mode_name((grp_hours_mode)4));
    assert_null(grp_hours_mode_name((grp_hours_mode)-1));
    assert_string_equal(grp_hours_kind_name(GRP_HOURS_KIND_INDIVIDUAL), "individual");
    assert_string_equal(grp_hours_kind_name(GRP_HOURS_KIND_GROUP), "group");
    assert_null(grp_hours_kind_name((grp_hours_kind)2));
}

static void test_credit_table(void **state)
{
    (void)state;
    struct { grp_hours_mode mode; int num, den, minutes, n, credited; grp_hours_kind kind; } t[] = {
        {GRP_HOURS_FULL, 1, 1, 90, 6, 90, GRP_HOURS_KIND_GROUP},
        {GRP_HOURS_FULL, 1, 1, 90, 1, 90, GRP_HOURS_KIND_INDIVIDUAL},
        {GRP_HOURS_INDIVIDUAL, 1, 1, 60, 1, 60, GRP_HOURS_KIND_INDIVIDUAL},
        {GRP_HOURS_INDIVIDUAL, 1, 1, 60, 3, 60, GRP_HOURS_KIND_INDIVIDUAL},
        {GRP_HOURS_BACP, 1, 1, 120, 1, 120, GRP_HOURS_KIND_INDIVIDUAL},
        {GRP_HOURS_BACP, 1, 1, 120, 2, 60, GRP_HOURS_KIND_GROUP},
        {GRP_HOURS_BACP, 1, 1, 120, 4, 60, GRP_HOURS_KIND_GROUP},
        {GRP_HOURS_BACP, 1, 1, 120, 5, 24, GRP_HOURS_KIND_GROUP},
        {GRP_HOURS_BACP, 1, 1, 120, 6, 20, GRP_HOURS_KIND_GROUP},
        {GRP_HOURS_BACP, 1, 1, 90, 7, 13, GRP_HOURS_KIND_GROUP},  /* 12.86 -> 13 */
        {GRP_HOURS_BACP, 1, 1, 75, 2, 38, GRP_HOURS_KIND_GROUP},  /* 37.5 -> 38 (halves up) */
        {GRP_HOURS_RATIO, 1, 2, 120, 5, 60, GRP_HOURS_KIND_GROUP},
        {GRP_HOURS_RATIO, 2, 3, 100, 5, 67, GRP_HOURS_KIND_GROUP},
        {GRP_HOURS_RATIO, 1, 2, 0, 5, 0, GRP_HOURS_KIND_GROUP},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        grp_hours_rule r = GRP_HOURS_RULE_INIT;
        int credited = -1;
        grp_hours_kind kind;
        r.mode = t[i].mode;
        r.ratio_num = t[i].num;
        r.ratio_den = t[i].den;
        grp_assert_ok(grp_hours_credit(&credited, &kind, &r, t[i].minutes, t[i].n));
        if (credited != t[i].credited || kind != t[i].kind)
            fail_msg("case %zu: credited %d kind %d, expected %d kind %d", i, credited, kind, t[i].credited,
                     t[i].kind);
    }
    grp_hours_rule r = GRP_HOURS_RULE_INIT;
    int c;
    grp_assert_rc(grp_hours_credit(&c, NULL, &r, -1, 1), GRP_EINVAL);
    grp_assert_rc(grp_hours_credit(&c, NULL, &r, 10, 0), GRP_EINVAL);
    grp_assert_rc(grp_hours_credit(NULL, NULL, &r, 10, 1), GRP_EINVAL);
    grp_assert_rc(grp_hours_credit(&c, NULL, NULL, 10, 1), GRP_EINVAL);
    r.mode = (grp_hours_mode)4;
    grp_assert_rc(grp_hours_credit(&c, NULL, &r, 10, 1), GRP_EINVAL);
    r.mode = GRP_HOURS_RATIO;
    r.ratio_den = 0;
    grp_assert_rc(grp_hours_credit(&c, NULL, &r, 10, 1), GRP_EINVAL);
    grp_assert_rc(grp_hours_rule_init(NULL, GRP_HOURS_RULE_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_hours_rule_init(&r, 7), GRP_EINVAL);
}

static grp_hours_entry *only_entry(fx *f, grp_id person)
{
    grp_hours_iterator *it;
    grp_hours_entry *e = NULL, *extra;
    grp_assert_ok(grp_hours_iterator_new(&it, f->s, person, (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    grp_assert_ok(grp_hours_iterator_next(&e, it));
    grp_assert_rc(grp_hours_iterator_next(&extra, it), GRP_ITEROVER);
    grp_hours_iterator_free(it);
    return e;
}

static void test_log_follows_attendance(void **state)
{
    fx *f = *state;
    grp_id s1;
    grp_hours_rule rule = GRP_HOURS_RULE_INIT;
    for (int i = 0; i < 5; i++)
        grp_assert_ok(grp_member_join(NULL, f->s, f->group, f->p[i], D(2026, 1, 1), NULL));
    rule.mode = GRP_HOURS_BACP;
    grp_assert_ok(grp_hours_rule_set(f->s, f->group, &rule));
    grp_hours_rule got;
    grp_assert_ok(grp_hours_rule_get(&got, f->s, f->group));
    assert_int_equal(got.mode, GRP_HOURS_BACP);

    grp_assert_ok(grp_session_ensure(&s1, f->s, f->group, DT(2026, 1, 12, 10, 0)));
    for (int i = 0; i < 4; i++)
        grp_assert_ok(grp_attendance_record(f->s, s1, f->p[i], GRP_ATTEND_PRESENT, -1, f->fac));
    /* the facilitator's own attendance earns no supervision hours */
    grp_assert_ok(grp_attendance_record(f->s, s1, f->fac, GRP_ATTEND_PRESENT, -1, f->fac));
    grp_hours_entry *e = only_entry(f, f->p[0]);
    assert_int_equal(grp_hours_entry_minutes(e), 120);
    assert_int_equal(grp_hours_entry_credited(e), 60); /* 4 attending: half */
    assert_int_equal(grp_hours_entry_kind(e), GRP_HOURS_KIND_GROUP);
    assert_int_equal(grp_hours_entry_session_id(e), s1);
    assert_int_equal(grp_hours_entry_group_id(e), f->group);
    assert_int_equal(grp_date_compare(grp_hours_entry_date(e), D(2026, 1, 12)), 0);
    assert_int_equal(grp_hours_entry_signed_by(e), 0);
    grp_hours_entry_free(e);
    grp_hours_iterator *it;
    grp_hours_entry *none;
    grp_assert_ok(grp_hours_iterator_new(&it, f->s, f->fac, (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    grp_assert_rc(grp_hours_iterator_next(&none, it), GRP_ITEROVER);
    grp_hours_iterator_free(it);

    /* a fifth attendee: everyone's unsigned entry is recomputed (120/5) */
    grp_assert_ok(grp_attendance_record(f->s, s1, f->p[4], GRP_ATTEND_LATE, 100, f->fac));
    e = only_entry(f, f->p[0]);
    assert_int_equal(grp_hours_entry_credited(e), 24);
    grp_id e0 = grp_hours_entry_id(e);
    grp_hours_entry_free(e);
    e = only_entry(f, f->p[4]);
    assert_int_equal(grp_hours_entry_minutes(e), 100);
    assert_int_equal(grp_hours_entry_credited(e), 20);
    grp_hours_entry_free(e);

    /* sign p0's entry: it freezes, attendance for p0 there is refused */
    grp_assert_rc(grp_hours_sign(f->s, e0, f->p[1], D(2026, 1, 13)), GRP_EACCESS);
    grp_assert_msg_contains("not a facilitator");
    grp_assert_rc(grp_hours_sign(f->s, e0, f->fac, D(2026, 1, 11)), GRP_EINVAL);
    grp_assert_ok(grp_hours_sign(f->s, e0, f->fac, D(2026, 1, 13)));
    grp_assert_rc(grp_hours_sign(f->s, e0, f->fac, D(2026, 1, 14)), GRP_ESTATE);
    grp_assert_rc(grp_attendance_record(f->s, s1, f->p[0], GRP_ATTEND_ABSENT, 0, f->fac), GRP_ESTATE);
    grp_assert_msg_contains("signed off");
    /* p3 now marked absent: p3's unsigned entry disappears; p0's signed one stays 24 */
    grp_assert_ok(grp_attendance_record(f->s, s1, f->p[3], GRP_ATTEND_ABSENT, 0, f->fac));
    grp_assert_ok(grp_hours_iterator_new(&it, f->s, f->p[3], (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    grp_assert_rc(grp_hours_iterator_next(&none, it), GRP_ITEROVER);
    grp_hours_iterator_free(it);
    e = only_entry(f, f->p[1]);
    assert_int_equal(grp_hours_entry_credited(e), 60); /* 4 attend again: half */
    grp_hours_entry_free(e);
    e = only_entry(f, f->p[0]);
    assert_int_equal(grp_hours_entry_credited(e), 24);
    assert_int_equal(grp_hours_entry_signed_by(e), f->fac);
    assert_int_equal(grp_date_compare(grp_hours_entry_signed_on(e), D(2026, 1, 13)), 0);
    grp_hours_entry_free(e);

    /* corrections: only of signed originals, as new entries */
    grp_id corr;
    grp_assert_rc(grp_hours_correct(&corr, f->s, e0, 0, 0, "nothing"), GRP_EINVAL);
    grp_assert_rc(grp_hours_correct(&corr, f->s, e0, 0, 6, NULL), GRP_EINVAL);
    grp_assert_rc(grp_hours_correct(&corr, f->s, e0, 0, -25, "too much"), GRP_EINVAL);
    grp_assert_ok(grp_hours_correct(&corr, f->s, e0, 0, 6, "BACP count was wrong"));
    grp_assert_rc(grp_hours_correct(NULL, f->s, corr, 0, 1, "again"), GRP_ESTATE);
    e = NULL;
    grp_assert_ok(grp_hours_entry_get(&e, f->s, corr));
    assert_int_equal(grp_hours_entry_corrects(e), e0);
    assert_int_equal(grp_hours_entry_credited(e), 6);
    assert_string_equal(grp_hours_entry_note(e), "BACP count was wrong");
    grp_hours_entry_free(e);
    grp_hours_entry *p1e = only_entry(f, f->p[1]);
    grp_assert_rc(grp_hours_correct(NULL, f->s, grp_hours_entry_id(p1e), 0, 1, "x"), GRP_ESTATE);
    grp_hours_entry_free(p1e);

    grp_hours_totals t;
    grp_assert_ok(grp_hours_totals_get(&t, f->s, f->p[0], D(2026, 1, 1), D(2026, 12, 31)));
    assert_int_equal(t.entries, 2);
    assert_int_equal(t.minutes, 120);
    assert_int_equal(t.credited, 30);
    assert_int_equal(t.credited_signed, 24);
    assert_int_equal(t.group, 30);
    assert_int_equal(t.individual, 0);
    grp_assert_ok(grp_hours_sign(f->s, corr, f->fac, D(2026, 2, 1)));
    grp_assert_ok(grp_hours_totals_get(&t, f->s, f->p[0], (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    assert_int_equal(t.credited_signed, 30);
    grp_assert_ok(grp_hours_totals_get(&t, f->s, f->p[0], D(2026, 2, 1), D(2026, 12, 31)));
    assert_int_equal(t.entries, 0);

    /* switching the rule recomputes unsigned entries only */
    rule.mode = GRP_HOURS_FULL;
    grp_assert_ok(grp_hours_rule_set(f->s, f->group, &rule));
    e = only_entry(f, f->p[1]);
    assert_int_equal(grp_hours_entry_credited(e), 120);
    grp_hours_entry_free(e);
    grp_assert_ok(grp_hours_totals_get(&t, f->s, f->p[0], (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    assert_int_equal(t.credited, 30);

    /* errors */
    rule.ratio_num = 0;
    grp_assert_rc(grp_hours_rule_set(f->s, f->group, &rule), GRP_EINVAL);
    rule.ratio_num = 1;
    grp_assert_rc(grp_hours_rule_set(f->s, 999, &rule), GRP_ENOTFOUND);
    grp_assert_rc(grp_hours_rule_get(&got, f->s, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_hours_entry_get(&e, f->s, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_hours_sign(f->s, 999, f->fac, D(2026, 1, 13)), GRP_ENOTFOUND);
    grp_assert_rc(grp_hours_correct(NULL, f->s, 999, 1, 1, "x"), GRP_ENOTFOUND);
    grp_assert_rc(grp_hours_totals_get(&t, f->s, 999, D(2026, 1, 1), D(2026, 1, 2)), GRP_ENOTFOUND);
    grp_assert_rc(grp_hours_totals_get(&t, f->s, f->p[0], D(2026, 2, 1), D(2026, 1, 2)), GRP_EINVAL);
    grp_assert_rc(grp_hours_iterator_new(&it, f->s, f->p[0], D(2026, 2, 30), (grp_date){0, 0, 0}), GRP_EINVAL);
    grp_assert_rc(grp_hours_iterator_new(NULL, f->s, f->p[0], D(2026, 2, 1), D(2026, 3, 1)), GRP_EINVAL);
    grp_hours_iterator_free(NULL);
    grp_hours_entry_free(NULL);
}

static void test_rota(void **state)
{
    fx *f = *state;
    grp_id *p = f->p;
    grp_id s[6], who;
    /* p0, p1, p2 from January; p3 joins on 20 January */
    for (int i = 0; i < 3; i++)
        grp_assert_ok(grp_member_join(NULL, f->s, f->group, p[i], D(2026, 1, 1 + i), NULL));
    grp_assert_ok(grp_member_join(NULL, f->s, f->group, p[3], D(2026, 1, 20), NULL));
    for (int i = 0; i < 6; i++) {
        grp_date d;
        grp_assert_ok(grp_date_add_days(&d, D(2026, 1, 5), 7 * i));
        grp_assert_ok(grp_session_ensure(&s[i], f->s, f->group, DT(d.year, d.month, d.day, 10, 0)));
    }
    grp_assert_rc(grp_rota_presenter(&who, f->s, s[0]), GRP_ENOTFOUND);
    grp_assert_ok(grp_rota_suggest(&who, f->s, s[0]));
    assert_int_equal(who, p[0]); /* nobody presented: earliest joiner */
    /* p0 sends apologies for the first session: p1 is next */
    grp_assert_ok(grp_attendance_record(f->s, s[0], p[0], GRP_ATTEND_APOLOGIES, 0, 0));
    grp_assert_ok(grp_rota_suggest(&who, f->s, s[0]));
    assert_int_equal(who, p[1]);
    grp_assert_rc(grp_rota_assign(f->s, s[0], p[0]), GRP_EINVAL);
    grp_assert_msg_contains("apologies");
    grp_assert_rc(grp_rota_assign(f->s, s[0], p[3]), GRP_EINVAL); /* not yet a member */
    grp_assert_rc(grp_rota_assign(f->s, s[0], f->fac), GRP_EINVAL); /* facilitators do not present */

    size_t n;
    grp_time from, to;
    grp_assert_ok(grp_time_parse(&from, "2026-01-01T00:00:00Z"));
    grp_assert_ok(grp_time_parse(&to, "2026-02-15T00:00:00Z"));
    grp_assert_ok(grp_rota_plan(&n, f->s, f->group, from, to));
    assert_int_equal(n, 6);
    /* 5 Jan p1 (p0 apologies); 12 Jan p0 (never presented); 19 Jan p2;
     * 26 Jan p3 (joined 20 Jan, never presented); 2 Feb p1 (presented
     * 5 Jan, least recent); 9 Feb p0 */
    grp_id want[] = {p[1], p[0], p[2], p[3], p[1], p[0]};
    for (int i = 0; i < 6; i++) {
        grp_assert_ok(grp_rota_presenter(&who, f->s, s[i]));
        if (who != want[i])
            fail_msg("session %d: presenter %lld, expected %lld", i, (long long)who, (long long)want[i]);
    }
    grp_assert_ok(grp_rota_plan(&n, f->s, f->group, from, to));
    assert_int_equal(n, 0); /* all assigned already */
    /* manual swap and clear */
    grp_assert_ok(grp_rota_swap(f->s, s[4], s[5]));
    grp_assert_ok(grp_rota_presenter(&who, f->s, s[4]));
    assert_int_equal(who, p[0]);
    grp_assert_ok(grp_rota_presenter(&who, f->s, s[5]));
    assert_int_equal(who, p[1]);
    grp_assert_ok(grp_rota_clear(f->s, s[5]));
    grp_assert_rc(grp_rota_presenter(&who, f->s, s[5]), GRP_ENOTFOUND);
    grp_assert_ok(grp_rota_swap(f->s, s[4], s[5])); /* with "none" */
    grp_assert_rc(grp_rota_presenter(&who, f->s, s[4]), GRP_ENOTFOUND);
    grp_assert_ok(grp_rota_presenter(&who, f->s, s[5]));
    assert_int_equal(who, p[0]);
    /* p2 leaves: cannot present after leaving, a swap onto that date is refused */
    grp_assert_ok(grp_member_leave(NULL, f->s, f->group, p[2], D(2026, 2, 1), NULL));
    grp_assert_rc(grp_rota_swap(f->s, s[2], s[5]), GRP_EINVAL);
    grp_assert_ok(grp_rota_assign(f->s, s[4], p[3]));
    /* cancelled sessions take no presenter */
    grp_assert_ok(grp_session_cancel(f->s, s[3], NULL));
    grp_assert_rc(grp_rota_assign(f->s, s[3], p[0]), GRP_ESTATE);
    grp_assert_rc(grp_rota_suggest(&who, f->s, s[3]), GRP_ESTATE);
    /* errors */
    grp_assert_rc(grp_rota_assign(f->s, 999, p[0]), GRP_ENOTFOUND);
    grp_assert_rc(grp_rota_assign(f->s, s[0], 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_rota_assign(NULL, s[0], p[0]), GRP_EINVAL);
    grp_assert_rc(grp_rota_clear(f->s, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_rota_presenter(NULL, f->s, s[0]), GRP_EINVAL);
    grp_assert_rc(grp_rota_suggest(NULL, f->s, s[0]), GRP_EINVAL);
    grp_assert_rc(grp_rota_swap(f->s, s[0], 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_rota_plan(NULL, f->s, f->group, to, from), GRP_EINVAL);
    grp_assert_rc(grp_rota_plan(NULL, f->s, 999, from, to), GRP_ENOTFOUND);
}

/* NULL arguments of the log iterator. */
static void test_iterator_misuse(void **state)
{
    (void)state;
    grp_hours_entry *e;
    grp_assert_rc(grp_hours_iterator_next(&e, NULL), GRP_EINVAL);
    grp_assert_rc(grp_hours_iterator_next(NULL, NULL), GRP_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iterator_misuse),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_credit_table),
        cmocka_unit_test_setup_teardown(test_log_follows_attendance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rota, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
