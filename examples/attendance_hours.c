/* attendance_hours: attendance at two group-supervision sessions, the
 * attendance figures, and the supervision hours they give each member
 * under the BACP crediting rule: sign-off by the facilitator, what a
 * signature freezes, and a correction of a signed entry.
 * Exits 1 if any figure is not the one expected. */
#include <libgrp.h>
#include <stdio.h>

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, \
    __LINE__, grp_error_name(rc_), grp_error_last()->message); return 1; } } while (0)
#define EXPECT(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d unexpected: %s\n", __FILE__, __LINE__, \
    #cond); return 1; } } while (0)

static grp_id person(grp_store *s, grp_id org, const char *name)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    grp_id id = 0;
    ps.org_id = org;
    ps.display_name = name;
    if (grp_person_create(&p, s, &ps) == 0)
        id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

int main(void)
{
    grp_store *s;
    grp_org *org;
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_join_options lead = GRP_JOIN_OPTIONS_INIT;
    grp_hours_rule bacp = GRP_HOURS_RULE_INIT;
    grp_attendance_stats st;
    grp_hours_totals t;
    grp_id m[4], facilitator, jan, feb, entry, fix;
    const char *names[4] = {"Nadia Rahman", "Owen Price", "Priya Nair", "Sam Okafor"};

    CHECK(grp_store_open(&s, ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Harbour Counselling Service", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Counsellors' group supervision";
    gs.kind = GRP_KIND_GROUP_SUPERVISION;
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Harbour House, group room";
    gs.timezone = "Europe/London";
    gs.session_minutes = 120;
    CHECK(grp_group_create(&g, s, &gs));
    grp_id group = grp_group_id(g);
    for (int i = 0; i < 4; i++) {
        m[i] = person(s, grp_org_id(org), names[i]);
        CHECK(grp_member_join(NULL, s, group, m[i], grp_date_make(2026, 1, 1), NULL));
    }
    facilitator = person(s, grp_org_id(org), "Marcus Webb");
    lead.role = GRP_ROLE_FACILITATOR;
    CHECK(grp_member_join(NULL, s, group, facilitator, grp_date_make(2026, 1, 1), &lead));
    cs.rrule = "FREQ=MONTHLY;BYDAY=2WE"; /* second Wednesday, 10:00, two hours */
    cs.first_date = grp_date_make(2026, 1, 1);
    cs.start_hour = 10;
    CHECK(grp_cadence_set(NULL, s, group, &cs));
    /* BACP: with four or fewer present, group time counts half. */
    bacp.mode = GRP_HOURS_BACP;
    CHECK(grp_hours_rule_set(s, group, &bacp));

    /* January: Nadia came, Owen arrived 20 minutes late, Priya sent
     * apologies, Sam did not come. February: everyone came. Minutes -1
     * means "the whole session"; 0 for those who did not attend. */
    CHECK(grp_session_ensure(&jan, s, group, (grp_datetime){2026, 1, 14, 10, 0, 0}));
    CHECK(grp_session_ensure(&feb, s, group, (grp_datetime){2026, 2, 11, 10, 0, 0}));
    CHECK(grp_attendance_record(s, jan, m[0], GRP_ATTEND_PRESENT, -1, facilitator));
    CHECK(grp_attendance_record(s, jan, m[1], GRP_ATTEND_LATE, 100, facilitator));
    CHECK(grp_attendance_record(s, jan, m[2], GRP_ATTEND_APOLOGIES, 0, facilitator));
    CHECK(grp_attendance_record(s, jan, m[3], GRP_ATTEND_ABSENT, 0, facilitator));
    for (int i = 0; i < 4; i++)
        CHECK(grp_attendance_record(s, feb, m[i], GRP_ATTEND_PRESENT, -1, facilitator));

    /* The figures over January and February (instants, UTC). */
    grp_time from, to;
    CHECK(grp_time_from_utc(&from, (grp_datetime){2026, 1, 1, 0, 0, 0}));
    CHECK(grp_time_from_utc(&to, (grp_datetime){2026, 3, 1, 0, 0, 0}));
    CHECK(grp_attendance_stats_get(&st, s, group, 0, from, to));
    printf("Group: %d expected, %d attended, %d apologies, %d absent: attendance %.0f%%, commitment %.1f%%\n",
           st.expected, st.attended, st.apologies, st.absent, 100 * st.attendance_rate, 100 * st.commitment_rate);
    EXPECT(st.expected == 8 && st.attended == 6 && st.apologies == 1 && st.absent == 1);
    EXPECT(st.attendance_rate == 0.75 && st.commitment_rate == 0.875);

    /* Hours follow attendance: Nadia got 120 minutes in January with two
     * present (credited half: 60), and 120 in February with four (60). */
    CHECK(grp_hours_totals_get(&t, s, m[0], (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    printf("Nadia: %lld minutes attended, %lld credited, %lld signed off\n", (long long)t.minutes,
           (long long)t.credited, (long long)t.credited_signed);
    EXPECT(t.entries == 2 && t.minutes == 240 && t.credited == 120 && t.credited_signed == 0);

    /* The facilitator signs Nadia's January entry. Nobody else may, and a
     * signature is given once. */
    grp_hours_iterator *it;
    grp_hours_entry *e;
    CHECK(grp_hours_iterator_new(&it, s, m[0], grp_date_make(2026, 1, 1), grp_date_make(2026, 1, 31)));
    CHECK(grp_hours_iterator_next(&e, it));
    entry = grp_hours_entry_id(e);
    EXPECT(grp_hours_entry_credited(e) == 60 && grp_hours_entry_kind(e) == GRP_HOURS_KIND_GROUP);
    grp_hours_entry_free(e);
    grp_hours_iterator_free(it);
    EXPECT(grp_hours_sign(s, entry, m[1], grp_date_make(2026, 1, 31)) == GRP_EACCESS);
    printf("Owen may not sign: %s\n", grp_error_last()->message);
    CHECK(grp_hours_sign(s, entry, facilitator, grp_date_make(2026, 1, 31)));
    EXPECT(grp_hours_sign(s, entry, facilitator, grp_date_make(2026, 2, 1)) == GRP_ESTATE);

    /* A signed entry is frozen: the attendance behind it cannot change... */
    EXPECT(grp_attendance_record(s, jan, m[0], GRP_ATTEND_LEFT_EARLY, 90, facilitator) == GRP_ESTATE);
    printf("Re-recording January: %s\n", grp_error_last()->message);
    /* ...so a mistake is put right by a correction: a new entry holding the
     * difference (the session ran 30 minutes over: 15 more credited),
     * signed in its turn. */
    CHECK(grp_hours_correct(&fix, s, entry, 30, 15, "session ran 30 minutes over"));
    CHECK(grp_hours_sign(s, fix, facilitator, grp_date_make(2026, 2, 11)));
    CHECK(grp_hours_totals_get(&t, s, m[0], (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    printf("Nadia after the correction: %d entries, %lld minutes, %lld credited, %lld signed off\n", t.entries,
           (long long)t.minutes, (long long)t.credited, (long long)t.credited_signed);
    EXPECT(t.entries == 3 && t.minutes == 270 && t.credited == 135 && t.credited_signed == 75);
    EXPECT(t.group == 135 && t.individual == 0);

    grp_group_free(g);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
