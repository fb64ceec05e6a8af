/* feedback: members rate two sessions of a reflective-practice group on the
 * default form, some named and some anonymously; then who may read what:
 * the facilitator reads every response (anonymous ones carry no author), a
 * member reads only their own named one, the organisation's administrator
 * reads aggregates only, and an aggregate over too few responses is
 * suppressed for everyone. Exits 1 if anything is not as expected. */
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

/* How many responses to @p session @p who may read (-1 on error). */
static int readable(grp_store *s, grp_id who, grp_id session)
{
    grp_actor a = grp_actor_person(who);
    grp_feedback_response_iterator *it;
    grp_feedback_response *r;
    int n = 0, rc;
    if (grp_feedback_response_iterator_new(&it, s, &a, session) != 0)
        return -1;
    while ((rc = grp_feedback_response_iterator_next(&r, it)) == 0) {
        const char *text = grp_feedback_response_text(r);
        printf("    %s: ratings %d %d %d %d%s%s%s\n", grp_feedback_response_person_id(r) ? "named" : "anonymous",
               grp_feedback_response_rating(r, 0), grp_feedback_response_rating(r, 1),
               grp_feedback_response_rating(r, 2), grp_feedback_response_rating(r, 3), text ? ", \"" : "",
               text ? text : "", text ? "\"" : "");
        grp_feedback_response_free(r);
        n++;
    }
    grp_feedback_response_iterator_free(it);
    return rc == GRP_ITEROVER ? n : -1;
}

int main(void)
{
    grp_store *s;
    grp_org *org;
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_join_options lead = GRP_JOIN_OPTIONS_INIT;
    grp_feedback_scope scope = GRP_FEEDBACK_SCOPE_INIT;
    grp_feedback_summary *sum;
    grp_id m[4], facilitator, admin, session[2];
    const char *names[4] = {"Asha Patel", "Ben Carter", "Chloe Evans", "Dev Sharma"};

    CHECK(grp_store_open(&s, ":memory:", NULL)); /* minimum cohort: 3 responses (the default) */
    CHECK(grp_org_create(&org, s, "Northfield University", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Student-facing staff GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.delivery = GRP_DELIVERY_ONLINE;
    gs.meeting_link = "https://meet.example.org/grp";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&g, s, &gs));
    grp_id group = grp_group_id(g);
    for (int i = 0; i < 4; i++) {
        m[i] = person(s, grp_org_id(org), names[i]);
        CHECK(grp_member_join(NULL, s, group, m[i], grp_date_make(2026, 1, 1), NULL));
    }
    facilitator = person(s, grp_org_id(org), "Dr Lena Rowe");
    lead.role = GRP_ROLE_FACILITATOR;
    CHECK(grp_member_join(NULL, s, group, facilitator, grp_date_make(2026, 1, 1), &lead));
    admin = person(s, grp_org_id(org), "Karen Doyle");
    CHECK(grp_org_admin_add(s, grp_org_id(org), admin));
    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    cs.first_date = grp_date_make(2026, 1, 1);
    cs.start_hour = 14;
    CHECK(grp_cadence_set(NULL, s, group, &cs));
    CHECK(grp_session_ensure(&session[0], s, group, (grp_datetime){2026, 1, 6, 14, 0, 0}));
    CHECK(grp_session_ensure(&session[1], s, group, (grp_datetime){2026, 2, 3, 14, 0, 0}));

    /* January: all four rate the session; Ben and Dev anonymously (nothing
     * links an anonymous response to its author, not even in the store).
     * February: only Asha and Chloe do. */
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < 4; i++) {
            if (k == 1 && (i == 1 || i == 3))
                continue;
            int ratings[4] = {5, 4 + (i % 2), 4, 3 + k}; /* safe, useful, focused, protected time */
            grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
            grp_actor me = grp_actor_person(m[i]);
            sub.ratings = ratings;
            sub.rating_count = 4;
            sub.anonymous = i == 1 || i == 3;
            sub.text = (k == 0 && i == 3) ? "Hard to protect the time in clearing week." : NULL;
            CHECK(grp_feedback_submit(s, &me, session[k], &sub));
        }
    /* One response per member and session, anonymous or not. */
    grp_actor ben = grp_actor_person(m[1]);
    grp_feedback_submission again = GRP_FEEDBACK_SUBMISSION_INIT;
    int five[4] = {5, 5, 5, 5};
    again.ratings = five;
    again.rating_count = 4;
    again.anonymous = 1;
    EXPECT(grp_feedback_submit(s, &ben, session[0], &again) == GRP_EEXISTS);

    /* Individual responses to January, as each reader sees them. */
    printf("January, as the facilitator reads it:\n");
    EXPECT(readable(s, facilitator, session[0]) == 4);
    printf("  as Asha (her own named response):\n");
    EXPECT(readable(s, m[0], session[0]) == 1);
    printf("  as Ben (his response was anonymous: not his to find again):\n");
    EXPECT(readable(s, m[1], session[0]) == 0);
    printf("  as the organisation's administrator:\n");
    EXPECT(readable(s, admin, session[0]) == 0);

    /* Aggregates: the administrator may read them, but only over enough
     * responses. January has 4; February 2: suppressed, numbers withheld. */
    grp_actor karen = grp_actor_person(admin), lena = grp_actor_person(facilitator);
    scope.session_id = session[0];
    CHECK(grp_feedback_summary_get(&sum, s, &karen, &scope));
    printf("January summary for the administrator: %d responses of %d, \"%s\" mean %.2f\n",
           grp_feedback_summary_responses(sum), grp_feedback_summary_expected(sum), grp_feedback_summary_item(sum, 1),
           grp_feedback_summary_mean(sum, 1));
    EXPECT(grp_feedback_summary_responses(sum) == 4 && grp_feedback_summary_mean(sum, 1) == 4.5);
    grp_feedback_summary_free(sum);
    scope.session_id = session[1];
    EXPECT(grp_feedback_summary_get(&sum, s, &lena, &scope) == GRP_ESUPPRESSED);
    printf("February summary, even for the facilitator: %s\n", grp_error_last()->message);
    EXPECT(grp_feedback_summary_get(&sum, s, &karen, &scope) == GRP_ESUPPRESSED);
    /* Over the whole group there are 6: enough. */
    scope.session_id = 0;
    scope.group_id = group;
    CHECK(grp_feedback_summary_get(&sum, s, &karen, &scope));
    printf("Both sessions: %d responses of %d (%.0f%%)\n", grp_feedback_summary_responses(sum),
           grp_feedback_summary_expected(sum), 100 * grp_feedback_summary_response_rate(sum));
    EXPECT(grp_feedback_summary_responses(sum) == 6 && grp_feedback_summary_expected(sum) == 8);
    EXPECT(grp_feedback_summary_count(sum, 0, 5) == 6);
    grp_feedback_summary_free(sum);

    grp_group_free(g);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
