/* quarter: one reflective-practice group's quarter. Every member gives
 * feedback on each session (some anonymously), members set goals and
 * record progress, the group raises a theme; then we print what the
 * facilitator and the organisation's administrator are each allowed to see. */
#include <libgrp.h>
#include <stdio.h>

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, \
    __LINE__, grp_error_name(rc_), grp_error_last()->message); return 1; } } while (0)

static grp_id person(grp_store *s, grp_id org, const char *name)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    ps.org_id = org;
    ps.display_name = name;
    if (grp_person_create(&p, s, &ps) != 0)
        return 0;
    grp_id id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

static void show_summary(grp_store *s, const grp_actor *who, const char *label, grp_id group)
{
    grp_feedback_scope scope = GRP_FEEDBACK_SCOPE_INIT;
    grp_feedback_summary *sum;
    scope.group_id = group;
    int rc = grp_feedback_summary_get(&sum, s, who, &scope);
    printf("  %s, feedback summary: ", label);
    if (rc != 0) {
        printf("%s (%s)\n", grp_error_name(rc), grp_error_last()->message);
        return;
    }
    printf("%d responses of %d possible (%.0f%%)\n", grp_feedback_summary_responses(sum),
           grp_feedback_summary_expected(sum), 100 * grp_feedback_summary_response_rate(sum));
    for (size_t i = 0; i < grp_feedback_summary_item_count(sum); i++)
        printf("    %-42s mean %.2f\n", grp_feedback_summary_item(sum, i), grp_feedback_summary_mean(sum, i));
    grp_feedback_summary_free(sum);
}

int main(void)
{
    grp_store *s;
    grp_org *org;
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_join_options fac = GRP_JOIN_OPTIONS_INIT;
    grp_id members[5], facilitator, admin, sessions[3], goal;
    const char *names[] = {"Asha", "Ben", "Chloe", "Dev", "Ewa"};

    CHECK(grp_store_open(&s, ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Northfield University", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Front-line GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.delivery = GRP_DELIVERY_ONLINE;
    gs.meeting_link = "https://meet.example.org/front-line";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&g, s, &gs));
    grp_id group = grp_group_id(g);
    grp_group_free(g);
    for (int i = 0; i < 5; i++) {
        members[i] = person(s, grp_org_id(org), names[i]);
        CHECK(grp_member_join(NULL, s, group, members[i], grp_date_make(2026, 1, 1), NULL));
    }
    facilitator = person(s, grp_org_id(org), "Dr Rowe (facilitator)");
    admin = person(s, grp_org_id(org), "HR partner");
    fac.role = GRP_ROLE_FACILITATOR;
    CHECK(grp_member_join(NULL, s, group, facilitator, grp_date_make(2026, 1, 1), &fac));
    CHECK(grp_org_admin_add(s, grp_org_id(org), admin));
    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    cs.first_date = grp_date_make(2026, 1, 1);
    cs.start_hour = 14;
    CHECK(grp_cadence_set(NULL, s, group, &cs));

    /* Three sessions; everyone rates each; Ben and Ewa always anonymously. */
    static const int first_tuesday[3] = {6, 3, 3}; /* January, February, March 2026 */
    for (int k = 0; k < 3; k++) {
        grp_datetime occ = {2026, 1 + k, first_tuesday[k], 14, 0, 0};
        CHECK(grp_session_ensure(&sessions[k], s, group, occ));
        for (int i = 0; i < 5; i++) {
            int ratings[4] = {4 + (i + k) % 2, 3 + (i % 3), 4, 5 - (i == 3)};
            grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
            grp_actor me = grp_actor_person(members[i]);
            CHECK(grp_attendance_record(s, sessions[k], members[i], GRP_ATTEND_PRESENT, -1, facilitator));
            sub.ratings = ratings;
            sub.rating_count = 4;
            sub.anonymous = (i == 1 || i == 4);
            sub.text = i == 2 ? "Workload pressure from the new triage rota came up again." : NULL;
            CHECK(grp_feedback_submit(s, &me, sessions[k], &sub));
        }
    }

    /* Asha shares a goal with the facilitator; Chloe keeps hers private. */
    grp_actor asha = grp_actor_person(members[0]), chloe = grp_actor_person(members[2]);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    spec.owner_id = members[0];
    spec.title = "Hold boundaries with out-of-hours emails";
    spec.group_id = group;
    spec.visibility = GRP_VISIBLE_FACILITATORS;
    CHECK(grp_goal_create(&goal, s, &asha, &spec));
    CHECK(grp_goal_set_status(s, &asha, goal, GRP_GOAL_ACTIVE));
    CHECK(grp_goal_step_add(NULL, s, &asha, goal, "Set an auto-reply after 6pm", grp_date_make(2026, 2, 1)));
    CHECK(grp_goal_progress_add(NULL, s, &asha, goal, grp_date_make(2026, 2, 3), 40, "Auto-reply on", sessions[1]));
    CHECK(grp_goal_progress_add(NULL, s, &asha, goal, grp_date_make(2026, 3, 3), 75, NULL, sessions[2]));
    spec.owner_id = members[2];
    spec.title = "Private reflection journal";
    spec.visibility = GRP_VISIBLE_PRIVATE;
    CHECK(grp_goal_create(NULL, s, &chloe, &spec));

    /* The group raises a systemic theme to the organisation. */
    CHECK(grp_theme_raise(NULL, s, &chloe, group, sessions[2], "Triage rota workload",
                          "Several members describe unmanageable triage weeks."));

    grp_actor as_fac = grp_actor_person(facilitator), as_admin = grp_actor_person(admin);
    const grp_actor *viewers[2] = {&as_fac, &as_admin};
    const char *labels[2] = {"Facilitator", "Organisation admin"};
    for (int v = 0; v < 2; v++) {
        printf("%s sees:\n", labels[v]);
        show_summary(s, viewers[v], labels[v], group);
        grp_feedback_response_iterator *rit;
        grp_feedback_response *r;
        int texts = 0, visible = 0;
        CHECK(grp_feedback_response_iterator_new(&rit, s, viewers[v], sessions[2]));
        while (grp_feedback_response_iterator_next(&r, rit) == 0) {
            visible++;
            if (grp_feedback_response_text(r)) {
                if (!texts++)
                    printf("  free text from the last session:\n");
                printf("    \"%s\"%s\n", grp_feedback_response_text(r),
                       grp_feedback_response_person_id(r) ? "" : " (anonymous)");
            }
            grp_feedback_response_free(r);
        }
        grp_feedback_response_iterator_free(rit);
        printf("  individual responses to the last session visible: %d\n", visible);
        grp_goal_query q = GRP_GOAL_QUERY_INIT;
        grp_goal_iterator *git;
        grp_goal *gl;
        q.group_id = group;
        CHECK(grp_goal_iterator_new(&git, s, viewers[v], &q));
        int goals = 0;
        while (grp_goal_iterator_next(&gl, git) == 0) {
            printf("  goal: \"%s\" (%s, %d%%)\n", grp_goal_title(gl), grp_goal_status_name(grp_goal_status_of(gl)),
                   grp_goal_percent(gl));
            goals++;
            grp_goal_free(gl);
        }
        grp_goal_iterator_free(git);
        if (!goals)
            printf("  goals: none visible\n");
        grp_theme_iterator *tit;
        grp_theme *t;
        CHECK(grp_theme_iterator_new(&tit, s, viewers[v], grp_org_id(org), 0));
        while (grp_theme_iterator_next(&t, tit) == 0) {
            printf("  theme: \"%s\" [%s]\n", grp_theme_title(t), grp_theme_status_name(grp_theme_status_of(t)));
            grp_theme_free(t);
        }
        grp_theme_iterator_free(tit);
    }
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
