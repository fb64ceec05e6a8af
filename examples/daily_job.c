/* daily_job: what a host application's nightly job does with libgrp.
 * It reads the events committed since its last run (resuming from the
 * sequence number it saved), turns each into the message it would send,
 * and lists tomorrow's session reminders and other warnings. Two "days"
 * are simulated; a real host would save last_seq in its own database. */
#include <libgrp.h>
#include <stdio.h>

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, \
    __LINE__, grp_error_name(rc_), grp_error_last()->message); return 1; } } while (0)

static const char *name_of(grp_store *s, grp_id person, char *buf, size_t size)
{
    grp_person *p;
    if (!person || grp_person_get(&p, s, person) != 0)
        return "-";
    snprintf(buf, size, "%s", grp_person_display_name(p));
    grp_person_free(p);
    return buf;
}

/* Read events after *last_seq, print the message for each, advance *last_seq. */
static int handle_events(grp_store *s, int64_t *last_seq)
{
    grp_actor sys = grp_actor_system();
    grp_event_iterator *it;
    grp_event *e;
    char who[64];
    CHECK(grp_events_since(&it, s, &sys, *last_seq, 0));
    while (grp_event_iterator_next(&e, it) == 0) {
        const char *person = name_of(s, grp_event_person_id(e), who, sizeof who);
        switch (grp_event_kind_of(e)) {
        case GRP_EVENT_MEMBER_JOINED:
            printf("  email %s: welcome to the group\n", person);
            break;
        case GRP_EVENT_MEMBER_WAITLISTED:
            printf("  email %s: the group is full; you are on the waitlist\n", person);
            break;
        case GRP_EVENT_MEMBER_PROMOTED:
            printf("  email %s: a seat is free - you have a place\n", person);
            break;
        case GRP_EVENT_SESSION_CANCELLED:
            printf("  email the group: session %lld is cancelled\n", (long long)grp_event_entity_id(e));
            break;
        case GRP_EVENT_FEEDBACK_REQUESTED:
            printf("  email the members: how was session %lld? (feedback form)\n", (long long)grp_event_entity_id(e));
            break;
        default:
            printf("  (%s: nothing to send)\n", grp_event_kind_name(grp_event_kind_of(e)));
        }
        *last_seq = grp_event_seq(e);
        grp_event_free(e);
    }
    grp_event_iterator_free(it);
    return 0;
}

static int reminders_for(grp_store *s, grp_time now)
{
    grp_reminder_iterator *it;
    grp_reminder *r;
    char local[24];
    CHECK(grp_reminders_sessions(&it, s, now + 86400, now + 2 * 86400)); /* tomorrow */
    while (grp_reminder_iterator_next(&r, it) == 0) {
        grp_datetime_format(local, sizeof local, grp_reminder_start_local(r));
        printf("  reminder: session at %s (%s) to %zu people\n", local, grp_reminder_timezone(r),
               grp_reminder_person_count(r));
        grp_reminder_free(r);
    }
    grp_reminder_iterator_free(it);
    CHECK(grp_reminders_under_quorum(&it, s, now));
    while (grp_reminder_iterator_next(&r, it) == 0) {
        printf("  warning to the facilitator: next session expects %d of a quorum of %d\n", grp_reminder_expected(r),
               grp_reminder_quorum(r));
        grp_reminder_free(r);
    }
    grp_reminder_iterator_free(it);
    return 0;
}

int main(void)
{
    grp_store *s;
    grp_org *org;
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_id people[4];
    const char *names[] = {"Asha", "Ben", "Chloe", "Dev"};
    int64_t last_seq = 0; /* a host keeps this between runs */
    grp_time day1, day2;

    CHECK(grp_store_open(&s, ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Northfield University", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Weekly group supervision";
    gs.kind = GRP_KIND_GROUP_SUPERVISION;
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = 3;
    gs.capacity_policy = GRP_CAPACITY_WAITLIST;
    gs.quorum = 3;
    gs.location = "Room 5";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&g, s, &gs));
    cs.rrule = "FREQ=WEEKLY;BYDAY=TU";
    cs.first_date = grp_date_make(2026, 3, 3);
    cs.start_hour = 10;
    CHECK(grp_cadence_set(NULL, s, grp_group_id(g), &cs));
    ps.org_id = grp_org_id(org);
    for (int i = 0; i < 4; i++) {
        grp_person *p;
        ps.display_name = names[i];
        CHECK(grp_person_create(&p, s, &ps));
        people[i] = grp_person_id(p);
        grp_person_free(p);
        CHECK(grp_member_join(NULL, s, grp_group_id(g), people[i], grp_date_make(2026, 3, 2), NULL));
    }

    CHECK(grp_time_parse(&day1, "2026-03-09T06:00:00Z"));
    printf("Night of 9 March:\n");
    if (handle_events(s, &last_seq) || reminders_for(s, day1))
        return 1;

    /* During the day: Asha leaves (Dev gets her seat), and the session of
     * 17 March is cancelled. */
    grp_id session;
    grp_datetime occ = {2026, 3, 17, 10, 0, 0};
    CHECK(grp_member_leave(NULL, s, grp_group_id(g), people[0], grp_date_make(2026, 3, 10), NULL));
    CHECK(grp_session_ensure(&session, s, grp_group_id(g), occ));
    CHECK(grp_session_cancel(s, session, "room unavailable"));

    CHECK(grp_time_parse(&day2, "2026-03-10T06:00:00Z"));
    printf("Night of 10 March (resuming after event %lld):\n", (long long)last_seq);
    if (handle_events(s, &last_seq) || reminders_for(s, day2))
        return 1;

    grp_group_free(g);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
