/* An application of the previous ABI: compiled against the public headers of
 * the commit in tests/abi/BASELINE (extracted by old_app.sh), linked to and
 * run against the library just built. It uses only functions of the
 * LIBGRP_0.1 node and fills every kind of public struct with the INIT macros
 * and the _init() functions of that release, so a changed layout, enum
 * value or behaviour that an old program relies on shows here.
 * Exit status 0 and "old_app: N checks passed" on success. */
#include <libgrp.h>
#include <stdio.h>
#include <string.h>

static int checks;
static int failures;

#define EXPECT(cond) do { checks++; if (!(cond)) { failures++; \
    fprintf(stderr, "old_app: line %d: %s failed (%s)\n", __LINE__, #cond, \
            grp_error_last() ? grp_error_last()->message : ""); } } while (0)
#define EXPECT_OK(call) EXPECT((call) == 0)

static void dates_and_time(void)
{
    grp_date d, e;
    grp_datetime dt;
    grp_time t;
    int64_t days;
    char buf[40];
    grp_tz *tz;
    int offset;

    d = grp_date_make(2026, 3, 3);
    EXPECT(grp_date_valid(d));
    EXPECT(grp_date_weekday(d) == 2); /* a Tuesday (0 = Sunday) */
    EXPECT_OK(grp_date_add_days(&e, d, 28));
    EXPECT(e.year == 2026 && e.month == 3 && e.day == 31);
    EXPECT_OK(grp_date_diff_days(&days, d, e));
    EXPECT(days == 28 || days == -28);
    EXPECT_OK(grp_date_parse(&e, "2024-02-29"));
    EXPECT(grp_date_days_in_month(2024, 2) == 29);
    EXPECT_OK(grp_date_format(buf, sizeof buf, e));
    EXPECT(strcmp(buf, "2024-02-29") == 0);
    EXPECT(grp_date_parse(&e, "2023-02-29") == GRP_EPARSE);
    EXPECT_OK(grp_datetime_parse(&dt, "2026-03-29T01:30:00"));
    EXPECT(dt.hour == 1 && dt.minute == 30);
    EXPECT_OK(grp_tz_open(&tz, "Europe/London"));
    EXPECT(strcmp(grp_tz_name(tz), "Europe/London") == 0);
    dt.hour = 12;
    dt.minute = 0;
    EXPECT_OK(grp_tz_local_to_utc(&t, tz, dt));
    EXPECT_OK(grp_time_format(buf, sizeof buf, t));
    EXPECT(strcmp(buf, "2026-03-29T11:00:00Z") == 0); /* BST began at 01:00 UTC */
    EXPECT_OK(grp_tz_utc_to_local(&dt, &offset, tz, t));
    EXPECT(dt.hour == 12 && offset == 3600);
    grp_tz_free(tz);
    EXPECT(grp_tz_check("Not/AZone") != 0);
}

static void recurrence(void)
{
    grp_rrule *r;
    char *text;
    grp_datetime start = {2026, 1, 6, 10, 0, 0}, next, *all;
    size_t n;
    grp_tz *tz;

    EXPECT_OK(grp_rrule_parse(&r, "FREQ=MONTHLY;BYDAY=1TU;COUNT=4"));
    EXPECT(grp_rrule_freq(r) == GRP_RRULE_MONTHLY);
    EXPECT(grp_rrule_count(r) == 4);
    EXPECT_OK(grp_rrule_format(&text, r));
    EXPECT(strstr(text, "BYDAY=1TU") != NULL);
    grp_free(text);
    EXPECT_OK(grp_tz_open(&tz, "Europe/London"));
    {
        grp_datetime after = {2026, 1, 7, 0, 0, 0};
        EXPECT_OK(grp_rrule_next_after(&next, r, start, tz, after));
        EXPECT(next.month == 2 && next.day == 3 && next.hour == 10);
    }
    {
        grp_datetime to = {2026, 12, 31, 0, 0, 0};
        EXPECT_OK(grp_rrule_between(&all, &n, r, start, tz, start, to, 100));
        EXPECT(n == 4);
        if (n == 4)
            EXPECT(all[3].month == 4 && all[3].day == 7);
        grp_free(all);
    }
    grp_tz_free(tz);
    grp_rrule_free(r);
}

static void store_workflow(void)
{
    grp_store_options so = GRP_STORE_OPTIONS_INIT;
    grp_store_options so2;
    grp_store *s;
    grp_org *org;
    grp_person *p;
    grp_group *g;
    grp_membership *m;
    grp_membership_iterator *it;
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT, gs2;
    grp_join_options jo = GRP_JOIN_OPTIONS_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_cadence *c;
    grp_session *sess;
    grp_attendance_stats stats;
    grp_json_export_options xo = GRP_JSON_EXPORT_OPTIONS_INIT;
    grp_ical_options io = GRP_ICAL_OPTIONS_INIT;
    grp_actor sys = grp_actor_system();
    grp_id people[4], facilitator, session;
    grp_time from, to;
    size_t promoted;
    char name[16], *doc;
    int i, count;

    EXPECT_OK(grp_store_options_init(&so2, GRP_STORE_OPTIONS_VERSION));
    EXPECT(so2.busy_timeout_ms == so.busy_timeout_ms && so2.min_cohort == so.min_cohort);
    so.min_cohort = 2;
    EXPECT_OK(grp_store_open(&s, ":memory:", &so));
    EXPECT(grp_store_min_cohort(s) == 2);
    EXPECT(grp_store_schema_version(s) == grp_store_schema_latest());
    EXPECT_OK(grp_org_create(&org, s, "Northfield University", "NU"));
    EXPECT(strcmp(grp_org_name(org), "Northfield University") == 0);

    EXPECT_OK(grp_group_spec_init(&gs2, GRP_GROUP_SPEC_VERSION));
    EXPECT(gs2.capacity == gs.capacity && gs2.session_minutes == gs.session_minutes &&
           gs2.kind == gs.kind && gs2.status == gs.status);
    gs.org_id = grp_org_id(org);
    gs.name = "Front-line GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = 3;
    gs.capacity_policy = GRP_CAPACITY_WAITLIST;
    gs.location = "Room 2.14";
    gs.timezone = "Europe/London";
    EXPECT_OK(grp_group_create(&g, s, &gs));
    EXPECT(grp_group_capacity(g) == 3);

    ps.org_id = grp_org_id(org);
    ps.job_role = "adviser";
    for (i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "Adviser %d", i + 1);
        ps.display_name = name;
        EXPECT_OK(grp_person_create(&p, s, &ps));
        people[i] = grp_person_id(p);
        grp_person_free(p);
        m = NULL;
        EXPECT_OK(grp_member_join(&m, s, grp_group_id(g), people[i], grp_date_make(2026, 1, 6), &jo));
        EXPECT(grp_membership_state_of(m) == (i < 3 ? GRP_MSTATE_ACTIVE : GRP_MSTATE_WAITLISTED));
        grp_membership_free(m);
    }
    ps.display_name = "Dr Facilitator";
    ps.job_role = NULL;
    EXPECT_OK(grp_person_create(&p, s, &ps));
    facilitator = grp_person_id(p);
    grp_person_free(p);
    jo.role = GRP_ROLE_FACILITATOR;
    EXPECT_OK(grp_member_join(NULL, s, grp_group_id(g), facilitator, grp_date_make(2026, 1, 6), &jo));
    EXPECT_OK(grp_member_leave(&promoted, s, grp_group_id(g), people[0], grp_date_make(2026, 3, 3), "moved"));
    EXPECT(promoted == 1);

    q.group_id = grp_group_id(g);
    q.date = grp_date_make(2026, 4, 1);
    q.roles = GRP_ROLEMASK_MEMBER;
    EXPECT_OK(grp_membership_iterator_new(&it, s, &q));
    count = 0;
    while (grp_membership_iterator_next(&m, it) == 0) {
        EXPECT(grp_membership_person_id(m) != people[0]);
        count++;
        grp_membership_free(m);
    }
    grp_membership_iterator_free(it);
    EXPECT(count == 3);

    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    cs.first_date = grp_date_make(2026, 1, 6);
    cs.start_hour = 10;
    EXPECT_OK(grp_cadence_set(&c, s, grp_group_id(g), &cs));
    EXPECT(grp_cadence_duration(c) == 90);
    grp_cadence_free(c);
    EXPECT_OK(grp_time_parse(&from, "2026-01-01T00:00:00Z"));
    EXPECT_OK(grp_session_next(&sess, s, grp_group_id(g), from));
    EXPECT(grp_session_start_local(sess).day == 6 && grp_session_start_local(sess).hour == 10);
    /* a computed occurrence has no id until something is attached to it */
    EXPECT_OK(grp_session_ensure(&session, s, grp_group_id(g), grp_session_occurrence(sess)));
    EXPECT(session > 0);
    grp_session_free(sess);
    EXPECT_OK(grp_attendance_record(s, session, people[1], GRP_ATTEND_PRESENT, 0, facilitator));
    EXPECT_OK(grp_attendance_record(s, session, people[2], GRP_ATTEND_APOLOGIES, 0, facilitator));
    EXPECT_OK(grp_time_parse(&to, "2026-01-31T00:00:00Z"));
    memset(&stats, 0xff, sizeof stats);
    EXPECT_OK(grp_attendance_stats_get(&stats, s, grp_group_id(g), 0, from, to));
    EXPECT(stats.attended == 1 && stats.apologies == 1);

    EXPECT(grp_member_join(NULL, s, grp_group_id(g), 9999, grp_date_make(2026, 1, 6), NULL) == GRP_ENOTFOUND);
    EXPECT(strcmp(grp_error_name(GRP_ENOTFOUND), "GRP_ENOTFOUND") == 0);

    xo.group_id = grp_group_id(g);
    EXPECT_OK(grp_json_export(&doc, s, &sys, &xo));
    EXPECT(strstr(doc, "Front-line GRP") != NULL);
    grp_free(doc);
    io.dtstamp = from;
    EXPECT_OK(grp_ical_export_group(&doc, s, grp_group_id(g), &io));
    EXPECT(strncmp(doc, "BEGIN:VCALENDAR", 15) == 0);
    grp_free(doc);

    grp_group_free(g);
    grp_org_free(org);
    grp_store_close(s);
}

int main(void)
{
    EXPECT(grp_version_number() >= GRP_VERSION_ENCODE(0, 1, 0));
    EXPECT(strncmp(grp_version_string(), "0.", 2) == 0);
    dates_and_time();
    recurrence();
    store_workflow();
    if (failures) {
        fprintf(stderr, "old_app: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("old_app: %d checks passed against libgrp %s\n", checks, grp_version_string());
    return 0;
}
