/* cadence: a monthly first-Tuesday group in Europe/London; print its next
 * six sessions (local time and UTC), cancel one, move one, show how the
 * schedule changes, and write the schedule as an iCalendar file.
 * Usage: cadence [store.db] [schedule.ics] */
#include <libgrp.h>
#include <stdio.h>

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s: %s\n", \
    grp_error_name(rc_), grp_error_last()->message); return 1; } } while (0)

static int print_next(grp_store *s, grp_id group, grp_time from, int count)
{
    grp_session_iterator *it;
    grp_session *x;
    int n = 0;
    /* a year ahead is plenty for six monthly sessions */
    CHECK(grp_session_iterator_new(&it, s, group, from, from + 366 * 86400));
    while (n < count && grp_session_iterator_next(&x, it) == 0) {
        char local[24], utc[24];
        grp_datetime_format(local, sizeof local, grp_session_start_local(x));
        grp_time_format(utc, sizeof utc, grp_session_start(x));
        printf("  %s %s (%s)  %-9s %s%s\n", local, grp_session_timezone(x), utc,
               grp_session_status_name(grp_session_status_of(x)),
               grp_session_moved(x) ? "moved " : "", grp_session_location(x));
        grp_session_free(x);
        n++;
    }
    grp_session_iterator_free(it);
    return 0;
}

int main(int argc, char **argv)
{
    grp_store *s;
    grp_org *org;
    grp_group *group;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_time from;
    grp_id id;
    grp_datetime first_tuesday_feb = {2027, 2, 2, 14, 0, 0}, march = {2027, 3, 2, 14, 0, 0};
    grp_datetime moved_to = {2027, 3, 9, 10, 0, 0};

    CHECK(grp_store_open(&s, argc > 1 ? argv[1] : ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Northfield University", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Student support GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room 2.14, Student Centre";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&group, s, &gs));

    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU"; /* the first Tuesday of every month */
    cs.first_date = grp_date_make(2026, 12, 1);
    cs.start_hour = 14;
    cs.duration_minutes = 90;
    CHECK(grp_cadence_set(NULL, s, grp_group_id(group), &cs));

    CHECK(grp_time_parse(&from, "2026-12-01T00:00:00Z"));
    printf("Next six sessions of '%s':\n", grp_group_name(group));
    if (print_next(s, grp_group_id(group), from, 6))
        return 1;

    /* Facilitator is away in February; March moves to the following week. */
    CHECK(grp_session_ensure(&id, s, grp_group_id(group), first_tuesday_feb));
    CHECK(grp_session_cancel(s, id, "facilitator on leave"));
    CHECK(grp_session_ensure(&id, s, grp_group_id(group), march));
    CHECK(grp_session_move(s, id, moved_to, 0));
    printf("After cancelling February and moving March:\n");
    if (print_next(s, grp_group_id(group), from, 6))
        return 1;

    /* Calendar apps import this: one recurring event, the cancelled
     * session as an EXDATE, the moved one as an override. */
    const char *ics = argc > 2 ? argv[2] : "student-support-grp.ics";
    CHECK(grp_ical_export_group_to_file(s, grp_group_id(group), ics, NULL));
    printf("Wrote %s\n", ics);

    grp_group_free(group);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
