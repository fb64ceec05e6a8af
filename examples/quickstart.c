/* quickstart: a group of eight, a ninth on the waitlist, a leaver, and the
 * roster on two dates. Build: cc quickstart.c $(pkg-config --cflags --libs grp) */
#include <libgrp.h>
#include <stdio.h>

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s: %s\n", \
    grp_error_name(rc_), grp_error_last()->message); return 1; } } while (0)

static int print_members(grp_store *s, grp_id group, grp_date day)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    grp_person *p;
    char buf[16];
    q.group_id = group;
    q.date = day;
    q.roles = GRP_ROLEMASK_MEMBER;
    CHECK(grp_membership_iterator_new(&it, s, &q));
    grp_date_format(buf, sizeof buf, day);
    printf("Members on %s:", buf);
    while (grp_membership_iterator_next(&m, it) == 0) {
        CHECK(grp_person_get(&p, s, grp_membership_person_id(m)));
        printf(" %s;", grp_person_display_name(p));
        grp_person_free(p);
        grp_membership_free(m);
    }
    printf("\n");
    grp_membership_iterator_free(it);
    return 0;
}

int main(int argc, char **argv)
{
    grp_store *s;
    grp_org *org;
    grp_group *group;
    grp_membership *m;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_id people[9];
    char name[32];
    size_t promoted;

    printf("libgrp %s\n", grp_version_string());
    CHECK(grp_store_open(&s, argc > 1 ? argv[1] : ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Northfield University", "NU"));
    gs.org_id = grp_org_id(org);
    gs.name = "Front-line GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = 8;                            /* facilitators are not counted */
    gs.capacity_policy = GRP_CAPACITY_WAITLIST; /* GRP_CAPACITY_HARD would refuse the ninth */
    gs.delivery = GRP_DELIVERY_ONLINE;
    gs.meeting_link = "https://meet.example.org/front-line";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&group, s, &gs));

    ps.org_id = grp_org_id(org);
    for (int i = 0; i < 9; i++) {
        grp_person *p;
        snprintf(name, sizeof name, "Adviser %d", i + 1);
        ps.display_name = name;
        CHECK(grp_person_create(&p, s, &ps));
        people[i] = grp_person_id(p);
        grp_person_free(p);
        CHECK(grp_member_join(&m, s, grp_group_id(group), people[i], grp_date_make(2026, 1, 6), NULL));
        printf("%s -> %s\n", name, grp_membership_state_name(grp_membership_state_of(m)));
        grp_membership_free(m);
    }
    CHECK(grp_member_leave(&promoted, s, grp_group_id(group), people[0], grp_date_make(2026, 3, 3), "changed role"));
    printf("Adviser 1 left on 2026-03-03; %zu promoted from the waitlist\n", promoted);
    if (print_members(s, grp_group_id(group), grp_date_make(2026, 2, 1)) ||
        print_members(s, grp_group_id(group), grp_date_today_utc()))
        return 1;
    grp_group_free(group);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
