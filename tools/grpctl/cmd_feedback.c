/* grpctl: session feedback, peer feedback and goals. Reads follow --as. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *goal_status_word(int v) { return grp_goal_status_name((grp_goal_status)v); }
static const char *visibility_word(int v) { return grp_visibility_name((grp_visibility)v); }

/* ---- session feedback --------------------------------------------------- */

static int feedback_submit(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"ratings", 1}, {"text", 1}, {"anonymous", 0}};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_strarray words = {NULL, 0};
    int ratings[GRP_FEEDBACK_MAX_ITEMS];
    grp_id session;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0)
        return ctx->exit;
    if (!o[0].value)
        return gc_usage(ctx, "missing --ratings R1,R2,... (one rating 1-5 per item of the form, 0 = no answer)");
    if (ctx->actor.kind != GRP_ACTOR_PERSON)
        return gc_usage(ctx, "feedback is a person's: give --as person:ID");
    if (gc_list(ctx, o[0].value, "ratings", &words) != 0)
        return ctx->exit;
    if (words.count > GRP_FEEDBACK_MAX_ITEMS) {
        gc_list_free(&words);
        return gc_usage(ctx, "too many ratings (a form has at most %d items)", GRP_FEEDBACK_MAX_ITEMS);
    }
    for (size_t i = 0; i < words.count; i++)
        if (gc_int(ctx, words.strings[i], "rating", 0, 5, &ratings[i]) != 0) {
            gc_list_free(&words);
            return ctx->exit;
        }
    sub.ratings = ratings;
    sub.rating_count = words.count;
    sub.text = o[1].value;
    sub.anonymous = o[2].seen ? 1 : 0;
    gc_list_free(&words);
    if (gc_open(ctx, GC_WRITE) != 0 || gc_session_ref(ctx, argv[0], &session) != 0)
        return ctx->exit;
    rc = grp_feedback_submit(ctx->store, &ctx->actor, session, &sub);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot submit feedback as %s to session %s", ctx->actor_text, argv[0]);
    return gc_say(ctx, "submitted %s feedback to session %lld", sub.anonymous ? "anonymous" : "named",
                  (long long)session);
}

static const gc_col response_cols[] = {
    {"session_id", GC_ID}, {"person_id", GC_ID}, {"form_id", GC_ID}, {"ratings", GC_TEXT}, {"text", GC_TEXT},
};

static void response_row(gc_table *t, const grp_feedback_response *r)
{
    char buf[GRP_FEEDBACK_MAX_ITEMS * 3 + 1] = "";
    size_t used = 0;

    for (size_t i = 0; i < grp_feedback_response_rating_count(r) && i < GRP_FEEDBACK_MAX_ITEMS; i++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%d", i ? "," : "",
                                 grp_feedback_response_rating(r, i));
    gc_table_row(t);
    gc_set_id(t, 0, grp_feedback_response_session_id(r));
    gc_set_id(t, 1, grp_feedback_response_person_id(r));
    gc_set_id(t, 2, grp_feedback_response_form_id(r));
    gc_set(t, 3, buf);
    gc_set(t, 4, grp_feedback_response_text(r));
}

GC_DEFINE_KIND(response_kind, grp_feedback_response, grp_feedback_response_free, grp_feedback_response_iterator,
               response_row(t, rec), response_cols, GC_COUNT(response_cols), "cannot list feedback");

static int feedback_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_feedback_response_iterator *it = NULL;
    grp_id session;
    int rc;

    if (gc_one_session(ctx, argc, argv, &session) != 0)
        return ctx->exit;
    rc = grp_feedback_response_iterator_new(&it, ctx->store, &ctx->actor, session);
    return gc_run_list(ctx, rc, it, &response_kind, 0, "cannot list feedback of session %s", argv[0]);
}

static int feedback_form(gc_ctx *ctx, int argc, char **argv)
{
    static const gc_col cols[] = {{"item_no", GC_INT}, {"item", GC_TEXT}};
    grp_feedback_form *f = NULL;
    grp_id group, form;
    gc_table t;
    int rc;

    if (gc_one_id(ctx, argc, argv, "group id", GC_READ, &group) != 0)
        return ctx->exit;
    rc = grp_group_feedback_form(&form, ctx->store, group);
    if (rc == 0)
        rc = grp_feedback_form_get(&f, ctx->store, form);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot read the feedback form of group %lld", (long long)group);
    gc_table_init(&t, cols, GC_COUNT(cols));
    for (size_t i = 0; i < grp_feedback_form_item_count(f); i++) {
        gc_table_row(&t);
        gc_set_int(&t, 0, (long long)i + 1);
        gc_set(&t, 1, grp_feedback_form_item(f, i));
    }
    grp_feedback_form_free(f);
    return gc_emit_list(ctx, &t);
}

static int peer_give(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"session", 1}, {"share", 0}};
    grp_id group, recipient, session = 0, id;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 3, 3, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0 ||
        gc_id(ctx, argv[1], "recipient id", &recipient) != 0)
        return ctx->exit;
    if (ctx->actor.kind != GRP_ACTOR_PERSON)
        return gc_usage(ctx, "peer feedback is given by a person: give --as person:ID");
    if (gc_open(ctx, GC_WRITE) != 0 || (o[0].value && gc_session_ref(ctx, o[0].value, &session) != 0))
        return ctx->exit;
    rc = grp_peer_feedback_give(&id, ctx->store, &ctx->actor, group, session, recipient, argv[2], o[1].seen ? 1 : 0);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot give feedback to person %lld", (long long)recipient);
    return gc_say(ctx, "peer feedback %lld given to person %lld", (long long)id, (long long)recipient);
}

static const gc_col peer_cols[] = {{"id", GC_ID},           {"group_id", GC_ID}, {"session_id", GC_ID},
                                   {"author_id", GC_ID},    {"recipient_id", GC_ID}, {"shared", GC_BOOL},
                                   {"text", GC_TEXT}};

static void peer_row(gc_table *t, const grp_peer_feedback *p)
{
    const grp_id ids[] = {grp_peer_feedback_id(p), grp_peer_feedback_group_id(p), grp_peer_feedback_session_id(p),
                          grp_peer_feedback_author_id(p), grp_peer_feedback_recipient_id(p)};

    gc_table_row(t);
    for (size_t i = 0; i < GC_COUNT(ids); i++)
        gc_set_id(t, i, ids[i]);
    gc_set_bool(t, 5, grp_peer_feedback_shared(p));
    gc_set(t, 6, grp_peer_feedback_text(p));
}

GC_DEFINE_KIND(peer_kind, grp_peer_feedback, grp_peer_feedback_free, grp_peer_feedback_iterator, peer_row(t, rec),
               peer_cols, GC_COUNT(peer_cols), "cannot list peer feedback");

static int peer_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_peer_feedback_iterator *it = NULL;
    grp_id group;
    int rc;

    if (gc_one_id(ctx, argc, argv, "group id", GC_READ, &group) != 0)
        return ctx->exit;
    rc = grp_peer_feedback_iterator_new(&it, ctx->store, &ctx->actor, group);
    return gc_run_list(ctx, rc, it, &peer_kind, 0, "cannot list peer feedback of group %lld", (long long)group);
}

/* ---- goals -------------------------------------------------------------- */

static const gc_col goal_cols[] = {
    {"id", GC_ID},          {"owner_id", GC_ID},      {"group_id", GC_ID},   {"title", GC_TEXT},
    {"status", GC_TEXT},    {"visibility", GC_TEXT},  {"percent", GC_INT},   {"target_date", GC_DATE},
    {"steps_done", GC_INT}, {"steps_total", GC_INT},  {"description", GC_TEXT},
};

static void goal_row(gc_table *t, const grp_goal *g)
{
    size_t done = 0;

    for (size_t i = 0; i < grp_goal_step_count(g); i++)
        done += grp_goal_step_done(g, i) ? 1 : 0;
    gc_table_row(t);
    gc_set_id(t, 0, grp_goal_id(g));
    gc_set_id(t, 1, grp_goal_owner_id(g));
    gc_set_id(t, 2, grp_goal_group_id(g));
    gc_set(t, 3, grp_goal_title(g));
    gc_set(t, 4, goal_status_word(grp_goal_status_of(g)));
    gc_set(t, 5, visibility_word(grp_goal_visibility(g)));
    if (grp_goal_percent(g) >= 0)
        gc_set_int(t, 6, grp_goal_percent(g));
    gc_set_date(t, 7, grp_goal_target_date(g));
    gc_set_int(t, 8, (long long)done);
    gc_set_int(t, 9, (long long)grp_goal_step_count(g));
    gc_set(t, 10, grp_goal_description(g));
}

GC_DEFINE_KIND(goal_kind, grp_goal, grp_goal_free, grp_goal_iterator, goal_row(t, rec), goal_cols,
               GC_COUNT(goal_cols), "cannot list goals");

static int show_goal(gc_ctx *ctx, grp_id id)
{
    static const gc_col step_cols[] = {{"step_id", GC_ID}, {"title", GC_TEXT}, {"due", GC_DATE}, {"done", GC_BOOL}};
    grp_goal *g = NULL;
    gc_table t;
    int rc = grp_goal_get(&g, ctx->store, &ctx->actor, id);

    if (rc != 0)
        return gc_fail(ctx, rc, "cannot read goal %lld as %s", (long long)id, ctx->actor_text);
    rc = gc_emit_one(ctx, &goal_kind, g);
    if (rc == 0 && !ctx->json && grp_goal_step_count(g) > 0) {
        /* In text, the steps follow as a table; with --json use 'goal steps'. */
        printf("\n");
        gc_table_init(&t, step_cols, GC_COUNT(step_cols));
        for (size_t i = 0; i < grp_goal_step_count(g); i++) {
            gc_table_row(&t);
            gc_set_id(&t, 0, grp_goal_step_id(g, i));
            gc_set(&t, 1, grp_goal_step_title(g, i));
            gc_set_date(&t, 2, grp_goal_step_due(g, i));
            gc_set_bool(&t, 3, grp_goal_step_done(g, i));
        }
        rc = gc_emit_list(ctx, &t);
    }
    grp_goal_free(g);
    return rc;
}

static int goal_add(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"owner", 1}, {"group", 1}, {"target", 1}, {"visibility", 1}, {"description", 1}};
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_id id;
    int n, v, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0)
        return ctx->exit;
    if (o[0].value) {
        if (gc_id(ctx, o[0].value, "owner id", &spec.owner_id) != 0)
            return ctx->exit;
    } else if (ctx->actor.kind == GRP_ACTOR_PERSON) {
        spec.owner_id = ctx->actor.person_id;
    } else {
        return gc_usage(ctx, "missing --owner PERSON (or act as the owner with --as person:ID)");
    }
    if ((o[1].value && gc_id(ctx, o[1].value, "group id", &spec.group_id) != 0) ||
        (o[2].value && gc_date(ctx, o[2].value, "target date", &spec.target_date) != 0))
        return ctx->exit;
    if (o[3].value) {
        if (gc_word(ctx, o[3].value, "visibility", visibility_word, &v) != 0)
            return ctx->exit;
        spec.visibility = (grp_visibility)v;
    }
    spec.title = argv[0];
    spec.description = o[4].value;
    if (gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_goal_create(&id, ctx->store, &ctx->actor, &spec);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot add goal '%s'", argv[0]);
    return show_goal(ctx, id);
}

static int goal_list(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"owner", 1}, {"group", 1}, {"overdue-on", 1}};
    grp_goal_query q = GRP_GOAL_QUERY_INIT;
    grp_goal_iterator *it = NULL;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 0, 0, &n) != 0 ||
        (o[0].value && gc_id(ctx, o[0].value, "owner id", &q.owner_id) != 0) ||
        (o[1].value && gc_id(ctx, o[1].value, "group id", &q.group_id) != 0) ||
        (o[2].value && gc_date(ctx, o[2].value, "date", &q.overdue_on) != 0) || gc_open(ctx, GC_READ) != 0)
        return ctx->exit;
    rc = grp_goal_iterator_new(&it, ctx->store, &ctx->actor, &q);
    return gc_run_list(ctx, rc, it, &goal_kind, 0, "cannot list goals");
}

static int goal_show(gc_ctx *ctx, int argc, char **argv) { return gc_show_id(ctx, argc, argv, "goal id", show_goal); }

static int goal_status(gc_ctx *ctx, int argc, char **argv)
{
    grp_id id;
    int v, rc;

    if (gc_id_word(ctx, argc, argv, "goal id", "goal status", goal_status_word, &id, &v) != 0)
        return ctx->exit;
    rc = grp_goal_set_status(ctx->store, &ctx->actor, id, (grp_goal_status)v);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot set the status of goal %lld", (long long)id);
    return show_goal(ctx, id);
}

static int goal_step(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"due", 1}};
    grp_date due = {0, 0, 0};
    grp_id id, step;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 2, 2, &n) != 0 || gc_id(ctx, argv[0], "goal id", &id) != 0 ||
        (o[0].value && gc_date(ctx, o[0].value, "due date", &due) != 0) || gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_goal_step_add(&step, ctx->store, &ctx->actor, id, argv[1], due);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot add a step to goal %lld", (long long)id);
    return gc_say(ctx, "added step %lld to goal %lld", (long long)step, (long long)id);
}

static int goal_done(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"undo", 0}};
    grp_id step;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_id(ctx, argv[0], "step id", &step) != 0 ||
        gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_goal_step_set_done(ctx->store, &ctx->actor, step, o[0].seen ? 0 : 1);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot mark step %lld", (long long)step);
    return gc_say(ctx, "step %lld is %s", (long long)step, o[0].seen ? "not done" : "done");
}

static int goal_progress(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"note", 1}, {"session", 1}};
    grp_id id, session = 0, entry;
    grp_date date;
    int n, percent, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 3, 3, &n) != 0 || gc_id(ctx, argv[0], "goal id", &id) != 0 ||
        gc_date(ctx, argv[1], "date", &date) != 0 || gc_int(ctx, argv[2], "percent", 0, 100, &percent) != 0 ||
        gc_open(ctx, GC_WRITE) != 0 || (o[1].value && gc_session_ref(ctx, o[1].value, &session) != 0))
        return ctx->exit;
    rc = grp_goal_progress_add(&entry, ctx->store, &ctx->actor, id, date, percent, o[0].value, session);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot record progress of goal %lld", (long long)id);
    return gc_say(ctx, "goal %lld is %d%% done on %s", (long long)id, percent, argv[1]);
}

const gc_command gc_feedback_commands[] = {
    {"feedback submit", "SESSION --ratings R1,R2,... [--text TEXT] [--anonymous] (with --as person:ID)",
     "Submit the acting person's feedback on SESSION: one rating 1-5 per item of the group's\n"
     "form (0 = no answer; see 'grpctl feedback form GROUP'). --anonymous stores no link to\n"
     "the author. Only members of the group on the session's date may respond, once.",
     feedback_submit},
    {"feedback list", "SESSION",
     "The responses to SESSION that the actor (--as) may read: facilitators and the system\n"
     "see all (anonymous ones without author), a member only their own named one.",
     feedback_list},
    {"feedback form", "GROUP", "The items of the feedback form GROUP's members answer.", feedback_form},
    {"feedback give", "GROUP RECIPIENT TEXT [--session SESSION] [--share] (with --as person:ID)",
     "Give peer feedback to another member of GROUP. --share: the facilitators may read it.", peer_give},
    {"feedback peer", "GROUP", "The peer feedback of GROUP that the actor (--as) may read.", peer_list},
    {"goal add", "TITLE [--owner PERSON] [--group GROUP] [--target DATE] [--visibility V] [--description TEXT]",
     "Add a goal (status draft) for PERSON (default: the --as person). --visibility: private\n"
     "(default), facilitators or group.",
     goal_add},
    {"goal list", "[--owner PERSON] [--group GROUP] [--overdue-on DATE]",
     "The goals the actor (--as) may read, by id.", goal_list},
    {"goal show", "GOAL", "Show a goal and its steps, if the actor (--as) may read it.", goal_show},
    {"goal status", "GOAL STATUS", "Set a goal's status: active, achieved, abandoned (not back to draft).",
     goal_status},
    {"goal step", "GOAL TITLE [--due DATE]", "Add an action step to a goal.", goal_step},
    {"goal done", "STEP [--undo]", "Mark an action step done (--undo: not done).", goal_done},
    {"goal progress", "GOAL DATE PERCENT [--note TEXT] [--session SESSION]",
     "Record progress (0-100 %) on DATE; the history is append-only.", goal_progress},
    {NULL, NULL, NULL, NULL},
};
