/* goals: a member's development goal in a reflective-practice group, with
 * an action plan (steps with due dates), progress reviewed in sessions
 * (an append-only history), the goal achieved; and who may read it, as
 * the member chooses: here the facilitator, not the other members, never
 * the organisation's administrator. Exits 1 if anything is unexpected. */
#include <libgrp.h>
#include <stdio.h>
#include <string.h>

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
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_goal *goal;
    grp_id asha_id, ben_id, lena_id, karen_id, id, steps[3], session[3];

    CHECK(grp_store_open(&s, ":memory:", NULL));
    CHECK(grp_org_create(&org, s, "Northfield University", NULL));
    gs.org_id = grp_org_id(org);
    gs.name = "Student-facing staff GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room 2.14, Student Centre";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&g, s, &gs));
    grp_id group = grp_group_id(g);
    asha_id = person(s, grp_org_id(org), "Asha Patel");
    ben_id = person(s, grp_org_id(org), "Ben Carter");
    lena_id = person(s, grp_org_id(org), "Dr Lena Rowe");
    karen_id = person(s, grp_org_id(org), "Karen Doyle");
    CHECK(grp_member_join(NULL, s, group, asha_id, grp_date_make(2026, 1, 1), NULL));
    CHECK(grp_member_join(NULL, s, group, ben_id, grp_date_make(2026, 1, 1), NULL));
    lead.role = GRP_ROLE_FACILITATOR;
    CHECK(grp_member_join(NULL, s, group, lena_id, grp_date_make(2026, 1, 1), &lead));
    CHECK(grp_org_admin_add(s, grp_org_id(org), karen_id));
    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    cs.first_date = grp_date_make(2026, 1, 1);
    cs.start_hour = 14;
    CHECK(grp_cadence_set(NULL, s, group, &cs));
    /* The sessions of February, April and June, in which progress is reviewed. */
    const grp_datetime reviews[3] = {{2026, 2, 3, 14, 0, 0}, {2026, 4, 7, 14, 0, 0}, {2026, 6, 2, 14, 0, 0}};
    for (int k = 0; k < 3; k++)
        CHECK(grp_session_ensure(&session[k], s, group, reviews[k]));

    /* Asha writes her goal (a draft), shares it with the facilitator, and
     * starts on it. Every change is made as her: the actor. */
    grp_actor asha = grp_actor_person(asha_id), ben = grp_actor_person(ben_id);
    grp_actor lena = grp_actor_person(lena_id), karen = grp_actor_person(karen_id);
    spec.owner_id = asha_id;
    spec.title = "Hold boundaries with out-of-hours emails";
    spec.description = "Stop answering student emails after 6pm without leaving anyone at risk.";
    spec.group_id = group;
    spec.target_date = grp_date_make(2026, 9, 30);
    spec.visibility = GRP_VISIBLE_FACILITATORS;
    CHECK(grp_goal_create(&id, s, &asha, &spec));
    CHECK(grp_goal_set_status(s, &asha, id, GRP_GOAL_ACTIVE));
    CHECK(grp_goal_step_add(&steps[0], s, &asha, id, "Set an auto-reply after 6pm", grp_date_make(2026, 2, 28)));
    CHECK(grp_goal_step_add(&steps[1], s, &asha, id, "Agree cover for urgent cases", grp_date_make(2026, 4, 30)));
    CHECK(grp_goal_step_add(&steps[2], s, &asha, id, "Review it with the group", grp_date_make(2026, 6, 30)));

    /* Progress, reviewed in three sessions; steps ticked off on the way. */
    CHECK(grp_goal_step_set_done(s, &asha, steps[0], 1));
    CHECK(grp_goal_progress_add(NULL, s, &asha, id, grp_date_make(2026, 2, 3), 30, "Auto-reply on.", session[0]));
    CHECK(grp_goal_step_set_done(s, &asha, steps[1], 1));
    CHECK(grp_goal_progress_add(NULL, s, &asha, id, grp_date_make(2026, 4, 7), 60, "Cover agreed.", session[1]));
    /* The facilitator may add progress to a goal she may read. */
    CHECK(grp_goal_progress_add(NULL, s, &lena, id, grp_date_make(2026, 6, 2), 100, "Reviewed: held since April.",
                                session[2]));
    CHECK(grp_goal_step_set_done(s, &asha, steps[2], 1));
    CHECK(grp_goal_set_status(s, &asha, id, GRP_GOAL_ACHIEVED));
    /* A goal never goes back to draft. */
    EXPECT(grp_goal_set_status(s, &asha, id, GRP_GOAL_DRAFT) == GRP_EINVAL);

    /* The goal as the facilitator reads it, with its plan and history. */
    CHECK(grp_goal_get(&goal, s, &lena, id));
    printf("\"%s\": %s, %d%%\n", grp_goal_title(goal), grp_goal_status_name(grp_goal_status_of(goal)),
           grp_goal_percent(goal));
    EXPECT(grp_goal_status_of(goal) == GRP_GOAL_ACHIEVED && grp_goal_percent(goal) == 100);
    EXPECT(grp_goal_step_count(goal) == 3);
    for (size_t i = 0; i < grp_goal_step_count(goal); i++) {
        char due[16];
        grp_date_format(due, sizeof due, grp_goal_step_due(goal, i));
        printf("  [%s] %s (due %s)\n", grp_goal_step_done(goal, i) ? "x" : " ", grp_goal_step_title(goal, i), due);
        EXPECT(grp_goal_step_done(goal, i));
    }
    grp_goal_free(goal);
    grp_goal_progress_iterator *it;
    grp_goal_progress *p;
    int entries = 0, rc;
    CHECK(grp_goal_progress_iterator_new(&it, s, &lena, id));
    while ((rc = grp_goal_progress_iterator_next(&p, it)) == 0) {
        char day[16];
        grp_date_format(day, sizeof day, grp_goal_progress_date(p));
        printf("  %s %3d%% %s (recorded by %s)\n", day, grp_goal_progress_percent(p), grp_goal_progress_note(p),
               grp_goal_progress_recorded_by(p) == asha_id ? "Asha" : "the facilitator");
        grp_goal_progress_free(p);
        entries++;
    }
    grp_goal_progress_iterator_free(it);
    EXPECT(rc == GRP_ITEROVER && entries == 3);

    /* Who may read it: Asha and the facilitator; not Ben (she did not share
     * it with the group), never the organisation's administrator. */
    EXPECT(grp_goal_get(&goal, s, &ben, id) == GRP_EACCESS);
    printf("Ben: %s\n", grp_error_last()->message);
    EXPECT(grp_goal_get(&goal, s, &karen, id) == GRP_EACCESS);
    grp_report *r;
    EXPECT(grp_report_goals(&r, s, &karen, group, grp_date_make(2026, 12, 31)) == GRP_EACCESS);
    printf("The administrator's goals report: %s\n", grp_error_last()->message);
    /* Lists skip what the reader may not see: Ben's list is empty. */
    grp_goal_query q = GRP_GOAL_QUERY_INIT;
    grp_goal_iterator *git;
    q.group_id = group;
    CHECK(grp_goal_iterator_new(&git, s, &ben, &q));
    EXPECT(grp_goal_iterator_next(&goal, git) == GRP_ITEROVER);
    grp_goal_iterator_free(git);
    /* Shared with the group, Ben may read it too. */
    spec.visibility = GRP_VISIBLE_GROUP;
    CHECK(grp_goal_update(s, &asha, id, &spec));
    CHECK(grp_goal_get(&goal, s, &ben, id));
    EXPECT(strcmp(grp_goal_title(goal), spec.title) == 0);
    printf("Shared with the group: Ben reads \"%s\"\n", grp_goal_title(goal));
    grp_goal_free(goal);

    grp_group_free(g);
    grp_org_free(org);
    grp_store_close(s);
    return 0;
}
