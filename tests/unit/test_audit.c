/* The audit log, subject-access export and erasure (audit.h). */
#include "roles_fixture.h"

#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static grp_actor A(grp_id person)
{
    return grp_actor_person(person);
}

static grp_actor SYS(void)
{
    return grp_actor_system();
}

static int submit4(fx *f, grp_id who, grp_id session, int r0, int r1, int r2, int r3, const char *text, int anon)
{
    int ratings[4] = {r0, r1, r2, r3};
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_actor a = A(who);
    sub.ratings = ratings;
    sub.rating_count = 4;
    sub.text = text;
    sub.anonymous = anon;
    return grp_feedback_submit(f->s, &a, session, &sub);
}

/* The id of the last audit entry (0 if none). */
static grp_id audit_end(fx *f)
{
    grp_actor sys = SYS();
    grp_audit_iterator *it;
    grp_audit_entry *e;
    grp_id last = 0;
    grp_assert_ok(grp_audit_iterator_new(&it, f->s, &sys, 0));
    while (grp_audit_iterator_next(&e, it) == 0) {
        assert_true(grp_audit_entry_id(e) > last);
        last = grp_audit_entry_id(e);
        grp_audit_entry_free(e);
    }
    grp_audit_iterator_free(it);
    return last;
}

typedef struct want_entry {
    const char *action;
    const char *entity_type;
    grp_id entity_id;
    grp_actor_kind kind;
    grp_id person;
    int day_only;
} want_entry;

static void expect_log(fx *f, grp_id after, const want_entry *want, size_t n, grp_time t0, grp_time t1)
{
    grp_actor sys = SYS();
    grp_audit_iterator *it;
    grp_audit_entry *e;
    grp_id prev = after;
    grp_assert_ok(grp_audit_iterator_new(&it, f->s, &sys, after));
    for (size_t i = 0; i < n; i++) {
        if (grp_audit_iterator_next(&e, it) != 0)
            fail_msg("audit: %zu entries, want %zu", i, n);
        assert_true(grp_audit_entry_id(e) > prev);
        prev = grp_audit_entry_id(e);
        if (strcmp(grp_audit_entry_action(e), want[i].action) != 0)
            fail_msg("audit entry %zu: action %s, want %s", i, grp_audit_entry_action(e), want[i].action);
        assert_string_equal(grp_audit_entry_entity_type(e), want[i].entity_type);
        assert_int_equal(grp_audit_entry_entity_id(e), want[i].entity_id);
        assert_int_equal(grp_audit_entry_actor_kind(e), want[i].kind);
        assert_int_equal(grp_audit_entry_actor_person_id(e), want[i].person);
        grp_time at = grp_audit_entry_at(e);
        if (want[i].day_only) {
            assert_int_equal(at % 86400, 0);
            assert_true(at <= t1 && at > t0 - 86400);
        } else {
            assert_true(at >= t0 && at <= t1);
        }
        grp_audit_entry_free(e);
    }
    grp_assert_rc(grp_audit_iterator_next(&e, it), GRP_ITEROVER);
    assert_null(e);
    grp_audit_iterator_free(it);
}

static void test_log_records_writes(void **state)
{
    fx *f = *state;
    grp_id mark = audit_end(f);
    assert_true(mark > 0); /* the fixture's own writes are there */
    grp_time t0 = (grp_time)time(NULL);
    grp_actor m0 = A(f->m[0]), m1 = A(f->m[1]), fac = A(f->fac);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    spec.owner_id = f->m[0];
    spec.title = "Goal";
    grp_id goal, step, prog, note, peer, theme;
    grp_assert_ok(grp_goal_create(&goal, f->s, &m0, &spec));
    grp_assert_ok(grp_goal_set_status(f->s, &m0, goal, GRP_GOAL_ACTIVE));
    grp_assert_ok(grp_goal_update(f->s, &m0, goal, &spec));
    grp_assert_ok(grp_goal_step_add(&step, f->s, &m0, goal, "Step", D(2026, 2, 1)));
    grp_assert_ok(grp_goal_step_set_done(f->s, &m0, step, 1));
    grp_assert_ok(grp_goal_progress_add(&prog, f->s, &m0, goal, D(2026, 1, 6), 50, "secret progress", 0));
    grp_assert_ok(grp_note_add(&note, f->s, &fac, f->s1, GRP_VISIBLE_PRIVATE, "secret note text"));
    grp_assert_ok(grp_peer_feedback_give(&peer, f->s, &m1, f->g, 0, f->m[0], "secret peer text", 0));
    grp_assert_ok(grp_theme_raise(&theme, f->s, &m1, f->g, 0, "Theme", NULL));
    grp_assert_ok(grp_theme_set_status(f->s, &fac, theme, GRP_THEME_RAISED));
    grp_assert_ok(submit4(f, f->m[1], f->s1, 1, 2, 3, 4, "named words", 0));
    grp_assert_ok(submit4(f, f->m[2], f->s1, 1, 2, 3, 4, "anonymous words", 1));
    grp_time t1 = (grp_time)time(NULL) + 1;
    const want_entry want[] = {
        {"goal.create", "goal", goal, GRP_ACTOR_PERSON, f->m[0], 0},
        {"goal.set_status", "goal", goal, GRP_ACTOR_PERSON, f->m[0], 0},
        {"goal.update", "goal", goal, GRP_ACTOR_PERSON, f->m[0], 0},
        {"goal.step_add", "goal_step", step, GRP_ACTOR_PERSON, f->m[0], 0},
        {"goal.step_done", "goal_step", step, GRP_ACTOR_PERSON, f->m[0], 0},
        {"goal.progress", "goal_progress", prog, GRP_ACTOR_PERSON, f->m[0], 0},
        {"note.add", "note", note, GRP_ACTOR_PERSON, f->fac, 0},
        {"peer_feedback.give", "peer_feedback", peer, GRP_ACTOR_PERSON, f->m[1], 0},
        {"theme.raise", "theme", theme, GRP_ACTOR_SYSTEM, 0, 0}, /* a theme carries no person */
        {"theme.set_status", "theme", theme, GRP_ACTOR_PERSON, f->fac, 0},
        {"feedback.respond", "session", f->s1, GRP_ACTOR_PERSON, f->m[1], 0},
        {"feedback.respond", "session", f->s1, GRP_ACTOR_SYSTEM, 0, 1}, /* anonymous: no one, the day only */
    };
    expect_log(f, mark, want, sizeof want / sizeof want[0], t0, t1);
    /* refused writes leave no entry */
    grp_id end = audit_end(f);
    grp_actor st = A(f->stranger);
    grp_assert_rc(grp_note_add(NULL, f->s, &st, f->s1, GRP_VISIBLE_GROUP, "x"), GRP_EACCESS);
    grp_assert_rc(grp_goal_set_status(f->s, &m1, goal, GRP_GOAL_ACHIEVED), GRP_EACCESS);
    grp_assert_rc(submit4(f, f->m[1], f->s1, 1, 2, 3, 4, NULL, 0), GRP_EEXISTS);
    assert_int_equal(audit_end(f), end);
    /* a window: after the last entry there is nothing */
    expect_log(f, end, NULL, 0, t0, t1);
    /* writes made without an actor are the system's */
    grp_id p = 0;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *np;
    ps.org_id = f->org;
    ps.display_name = "New";
    grp_assert_ok(grp_person_create(&np, f->s, &ps));
    p = grp_person_id(np);
    grp_person_free(np);
    const want_entry created[] = {{"person.create", "person", p, GRP_ACTOR_SYSTEM, 0, 0}};
    expect_log(f, end, created, 1, t0, t1);
}

static void test_log_holds_no_content(void **state)
{
    fx *f = *state;
    grp_actor m0 = A(f->m[0]), fac = A(f->fac);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    spec.owner_id = f->m[0];
    spec.title = "SECRET-goal-title";
    spec.description = "SECRET-goal-description";
    grp_id goal;
    grp_assert_ok(grp_goal_create(&goal, f->s, &m0, &spec));
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &m0, goal, D(2026, 1, 6), 5, "SECRET-progress", 0));
    grp_assert_ok(grp_note_add(NULL, f->s, &fac, f->s1, GRP_VISIBLE_PRIVATE, "SECRET-note"));
    grp_assert_ok(grp_theme_raise(NULL, f->s, &m0, f->g, 0, "SECRET-theme", "SECRET-theme-description"));
    grp_assert_ok(submit4(f, f->m[1], f->s1, 1, 2, 3, 4, "SECRET-response", 1));
    sqlite3 *db = NULL;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char cols[256] = "";
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA table_info(audit)", -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (cols[0])
            strcat(cols, ",");
        strcat(cols, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    assert_string_equal(cols, "id,at,actor_kind,actor_person,action,entity_type,entity_id");
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM audit WHERE action LIKE '%SECRET%' OR "
                                            "entity_type LIKE '%SECRET%'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_log_access(void **state)
{
    fx *f = *state;
    grp_audit_iterator *it = (grp_audit_iterator *)1;
    grp_audit_entry *e = (grp_audit_entry *)1;
    /* only the system reads the log: not the admin, not the facilitator, nobody */
    grp_id people[] = {f->m[0], f->fac, f->admin, f->stranger, f->outsider, f->admin2};
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        grp_actor a = A(people[i]);
        grp_assert_rc(grp_audit_iterator_new(&it, f->s, &a, 0), GRP_EACCESS);
        assert_null(it);
    }
    grp_actor sys = SYS();
    grp_assert_rc(grp_audit_iterator_new(NULL, f->s, &sys, 0), GRP_EINVAL);
    grp_assert_rc(grp_audit_iterator_new(&it, NULL, &sys, 0), GRP_EINVAL);
    grp_assert_rc(grp_audit_iterator_new(&it, f->s, NULL, 0), GRP_EINVAL);
    grp_assert_rc(grp_audit_iterator_new(&it, f->s, &sys, -1), GRP_EINVAL);
    grp_actor bad = {(grp_actor_kind)2, 0};
    grp_assert_rc(grp_audit_iterator_new(&it, f->s, &bad, 0), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_audit_iterator_new(&it, f->s, &ghost, 0), GRP_ENOTFOUND);
    assert_null(it);
    grp_assert_rc(grp_audit_iterator_next(&e, NULL), GRP_EINVAL);
    assert_null(e);
    grp_assert_rc(grp_audit_iterator_next(NULL, NULL), GRP_EINVAL);
    grp_audit_iterator_free(NULL);
    grp_audit_entry_free(NULL);
    assert_int_equal(grp_audit_entry_id(NULL), 0);
    assert_int_equal(grp_audit_entry_at(NULL), 0);
    assert_int_equal(grp_audit_entry_actor_kind(NULL), GRP_ACTOR_SYSTEM);
    assert_int_equal(grp_audit_entry_actor_person_id(NULL), 0);
    assert_null(grp_audit_entry_action(NULL));
    assert_null(grp_audit_entry_entity_type(NULL));
    assert_int_equal(grp_audit_entry_entity_id(NULL), 0);
    /* an id beyond the end: an empty list */
    grp_assert_ok(grp_audit_iterator_new(&it, f->s, &sys, 1000000));
    grp_assert_rc(grp_audit_iterator_next(&e, it), GRP_ITEROVER);
    grp_audit_iterator_free(it);
}

/* ---- export and erasure -------------------------------------------------------------- */

typedef struct content {
    grp_id goal, step0, step1, other_goal, note0, note1, peer_given, peer_received, peer_other;
} content;

/* Everything about m0 (and enough of the others to aggregate). */
static void fill(fx *f, content *c)
{
    grp_actor m0 = A(f->m[0]), m1 = A(f->m[1]), m2 = A(f->m[2]), fac = A(f->fac);
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    ps.org_id = f->org;
    ps.display_name = "Morgan Zero";
    ps.job_role = "student support adviser";
    ps.email = "morgan@example.org";
    ps.external_ref = "HR-0042";
    grp_assert_ok(grp_person_update(f->s, f->m[0], &ps));
    grp_assert_ok(grp_attendance_record(f->s, f->s1, f->m[0], GRP_ATTEND_PRESENT, -1, f->fac));
    grp_assert_ok(grp_attendance_record(f->s, f->s2, f->m[0], GRP_ATTEND_APOLOGIES, 0, f->fac));
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    spec.owner_id = f->m[0];
    spec.title = "Hold endings well";
    spec.group_id = f->g;
    spec.target_date = D(2026, 6, 30);
    spec.visibility = GRP_VISIBLE_FACILITATORS;
    grp_assert_ok(grp_goal_create(&c->goal, f->s, &m0, &spec));
    grp_assert_ok(grp_goal_step_add(&c->step0, f->s, &m0, c->goal, "Read about endings", D(2026, 2, 1)));
    grp_assert_ok(grp_goal_step_add(&c->step1, f->s, &m0, c->goal, "Present an ending", D(2026, 3, 3)));
    grp_assert_ok(grp_goal_step_set_done(f->s, &m0, c->step0, 1));
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &m0, c->goal, D(2026, 1, 6), 20, "Begun", f->s1));
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &fac, c->goal, D(2026, 2, 3), 45, "Reviewed", f->s2));
    /* someone else's goal, with progress the facilitator recorded */
    spec.owner_id = f->m[1];
    spec.title = "M1's goal";
    grp_assert_ok(grp_goal_create(&c->other_goal, f->s, &m1, &spec));
    grp_assert_ok(grp_goal_progress_add(NULL, f->s, &fac, c->other_goal, D(2026, 1, 6), 10, NULL, 0));
    /* feedback: s1 has m0 named, m1 named, m2 anonymous; s2 has m0 anonymous, m1 anonymous, m2 named */
    grp_assert_ok(submit4(f, f->m[0], f->s1, 5, 4, 0, 2, "M0 NAMED WORDS", 0));
    grp_assert_ok(submit4(f, f->m[1], f->s1, 3, 3, 3, 3, "M1 named words", 0));
    grp_assert_ok(submit4(f, f->m[2], f->s1, 1, 2, 4, 5, NULL, 1));
    grp_assert_ok(submit4(f, f->m[0], f->s2, 2, 2, 2, 2, "M0 ANONYMOUS WORDS", 1));
    grp_assert_ok(submit4(f, f->m[1], f->s2, 4, 4, 4, 4, NULL, 1));
    grp_assert_ok(submit4(f, f->m[2], f->s2, 5, 5, 5, 5, NULL, 0));
    /* peer feedback given, received, and between others */
    grp_assert_ok(grp_peer_feedback_give(&c->peer_given, f->s, &m0, f->g, f->s1, f->m[1], "M0 to M1", 1));
    grp_assert_ok(grp_peer_feedback_give(&c->peer_received, f->s, &m1, f->g, 0, f->m[0], "M1 to M0", 0));
    grp_assert_ok(grp_peer_feedback_give(&c->peer_other, f->s, &m2, f->g, 0, f->m[1], "M2 to M1", 0));
    /* notes */
    grp_assert_ok(grp_note_add(&c->note0, f->s, &m0, f->s1, GRP_VISIBLE_GROUP, "M0's note"));
    grp_assert_ok(grp_note_add(&c->note1, f->s, &m1, f->s1, GRP_VISIBLE_GROUP, "M1's note"));
    grp_assert_ok(grp_org_admin_add(f->s, f->org2, f->m[0]));
}

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v))
        fail_msg("'%s' is not a string", key);
    return v->valuestring;
}

static const cJSON *jarr(const cJSON *o, const char *key, int n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsArray(v))
        fail_msg("'%s' is not an array", key);
    if (cJSON_GetArraySize(v) != n)
        fail_msg("'%s' has %d items, want %d", key, cJSON_GetArraySize(v), n);
    return v;
}

static void assert_id(const cJSON *o, const char *key, grp_id id)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)id);
    assert_string_equal(jstr(o, key), buf);
}

static cJSON *export_as(fx *f, grp_id who, grp_id person, char **text_out)
{
    grp_actor a = who ? A(who) : SYS();
    char *text = NULL;
    grp_assert_ok(grp_person_export(&text, f->s, &a, person));
    assert_non_null(text);
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text, strlen(text) + 1, &end, 1);
    if (!doc)
        fail_msg("export is not valid JSON near byte %ld", end ? (long)(end - text) : -1L);
    if (text_out)
        *text_out = text;
    else
        grp_free(text);
    return doc;
}

static void test_export(void **state)
{
    fx *f = *state;
    content c;
    fill(f, &c);
    char *text;
    cJSON *doc = export_as(f, f->m[0], f->m[0], &text);
    assert_string_equal(jstr(doc, "format"), "libgrp-subject-access");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(doc, "version")->valueint, 1);
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(doc, "person");
    assert_id(p, "id", f->m[0]);
    assert_id(p, "organisation", f->org);
    assert_string_equal(jstr(p, "display_name"), "Morgan Zero");
    assert_string_equal(jstr(p, "job_role"), "student support adviser");
    assert_string_equal(jstr(p, "email"), "morgan@example.org");
    assert_string_equal(jstr(p, "external_ref"), "HR-0042");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(p, "archived")));
    /* memberships and attendance */
    const cJSON *ms = jarr(doc, "memberships", 1);
    const cJSON *m = cJSON_GetArrayItem(ms, 0);
    assert_id(m, "group", f->g);
    assert_string_equal(jstr(m, "role"), "member");
    assert_string_equal(jstr(m, "state"), "active");
    assert_string_equal(jstr(m, "began"), "2026-01-01");
    const cJSON *att = jarr(doc, "attendance", 2);
    assert_id(cJSON_GetArrayItem(att, 0), "session", f->s1);
    assert_string_equal(jstr(cJSON_GetArrayItem(att, 0), "status"), "present");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(att, 0), "minutes")->valueint, 90);
    assert_id(cJSON_GetArrayItem(att, 1), "session", f->s2);
    assert_string_equal(jstr(cJSON_GetArrayItem(att, 1), "status"), "apologies");
    /* goals, with steps and progress */
    const cJSON *goals = jarr(doc, "goals", 1);
    const cJSON *g = cJSON_GetArrayItem(goals, 0);
    assert_id(g, "id", c.goal);
    assert_string_equal(jstr(g, "title"), "Hold endings well");
    assert_id(g, "group", f->g);
    assert_string_equal(jstr(g, "target_date"), "2026-06-30");
    assert_string_equal(jstr(g, "status"), "draft");
    assert_string_equal(jstr(g, "visibility"), "facilitators");
    const cJSON *steps = jarr(g, "steps", 2);
    assert_string_equal(jstr(cJSON_GetArrayItem(steps, 0), "title"), "Read about endings");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(steps, 0), "done")));
    assert_string_equal(jstr(cJSON_GetArrayItem(steps, 1), "title"), "Present an ending");
    assert_string_equal(jstr(cJSON_GetArrayItem(steps, 1), "due"), "2026-03-03");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(steps, 1), "done")));
    const cJSON *prog = jarr(g, "progress", 2);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(prog, 0), "percent")->valueint, 20);
    assert_string_equal(jstr(cJSON_GetArrayItem(prog, 0), "note"), "Begun");
    assert_id(cJSON_GetArrayItem(prog, 0), "session", f->s1);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(prog, 1), "percent")->valueint, 45);
    /* named feedback only: the anonymous response is not theirs to find */
    const cJSON *resp = jarr(doc, "feedback_responses", 1);
    const cJSON *r = cJSON_GetArrayItem(resp, 0);
    assert_id(r, "session", f->s1);
    assert_string_equal(jstr(r, "text"), "M0 NAMED WORDS");
    const cJSON *ratings = jarr(r, "ratings", 4);
    static const int want_r[] = {5, 4, 0, 2};
    for (int i = 0; i < 4; i++)
        assert_int_equal(cJSON_GetArrayItem(ratings, i)->valueint, want_r[i]);
    assert_null(strstr(text, "M0 ANONYMOUS WORDS"));
    assert_null(strstr(text, "M1 named words"));
    /* peer feedback given and received, not between others */
    const cJSON *peer = jarr(doc, "peer_feedback", 2);
    assert_id(cJSON_GetArrayItem(peer, 0), "id", c.peer_given);
    assert_string_equal(jstr(cJSON_GetArrayItem(peer, 0), "text"), "M0 to M1");
    const cJSON *shared = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(peer, 0), "shared_with_facilitators");
    assert_true(cJSON_IsTrue(shared));
    assert_id(cJSON_GetArrayItem(peer, 1), "id", c.peer_received);
    assert_id(cJSON_GetArrayItem(peer, 1), "author", f->m[1]);
    assert_id(cJSON_GetArrayItem(peer, 1), "recipient", f->m[0]);
    assert_null(strstr(text, "M2 to M1"));
    /* notes they wrote */
    const cJSON *notes = jarr(doc, "notes", 1);
    assert_id(cJSON_GetArrayItem(notes, 0), "id", c.note0);
    assert_string_equal(jstr(cJSON_GetArrayItem(notes, 0), "text"), "M0's note");
    assert_string_equal(jstr(cJSON_GetArrayItem(notes, 0), "visibility"), "group");
    assert_null(strstr(text, "M1's note"));
    cJSON_Delete(doc);
    /* the system's export is the same document */
    char *text2;
    doc = export_as(f, 0, f->m[0], &text2);
    cJSON_Delete(doc);
    assert_string_equal(text, text2);
    grp_free(text);
    grp_free(text2);
    /* someone with no content: empty arrays, still valid */
    doc = export_as(f, 0, f->stranger, NULL);
    jarr(doc, "memberships", 0);
    jarr(doc, "attendance", 0);
    jarr(doc, "goals", 0);
    jarr(doc, "feedback_responses", 0);
    jarr(doc, "peer_feedback", 0);
    jarr(doc, "notes", 0);
    cJSON_Delete(doc);
}

static void test_export_access(void **state)
{
    fx *f = *state;
    char *out = (char *)1;
    grp_id refused[] = {f->m[1], f->fac, f->admin, f->stranger, f->outsider, f->admin2};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        grp_actor a = A(refused[i]);
        grp_assert_rc(grp_person_export(&out, f->s, &a, f->m[0]), GRP_EACCESS);
        assert_null(out);
    }
    grp_actor sys = SYS(), me = A(f->m[0]);
    grp_assert_rc(grp_person_export(NULL, f->s, &sys, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_person_export(&out, NULL, &sys, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_person_export(&out, f->s, NULL, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_person_export(&out, f->s, &sys, 0), GRP_EINVAL);
    grp_assert_rc(grp_person_export(&out, f->s, &sys, -7), GRP_EINVAL);
    grp_assert_rc(grp_person_export(&out, f->s, &sys, 999), GRP_ENOTFOUND);
    grp_assert_rc(grp_person_export(&out, f->s, &me, 999), GRP_ENOTFOUND);
    grp_actor bad = {(grp_actor_kind)2, f->m[0]};
    grp_assert_rc(grp_person_export(&out, f->s, &bad, f->m[0]), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_person_export(&out, f->s, &ghost, f->m[0]), GRP_ENOTFOUND);
    assert_null(out);
}

/* Every aggregate figure of a scope, to compare before and after. */
typedef struct figures {
    int responses, expected;
    double means[4];
    int counts[4][5];
} figures;

static figures figures_of(fx *f, grp_id session, grp_id group)
{
    grp_feedback_scope sc = GRP_FEEDBACK_SCOPE_INIT;
    grp_feedback_summary *sum;
    grp_actor sys = SYS();
    figures x;
    memset(&x, 0, sizeof x);
    sc.session_id = session;
    sc.group_id = group;
    grp_assert_ok(grp_feedback_summary_get(&sum, f->s, &sys, &sc));
    x.responses = grp_feedback_summary_responses(sum);
    x.expected = grp_feedback_summary_expected(sum);
    for (size_t i = 0; i < 4; i++) {
        x.means[i] = grp_feedback_summary_mean(sum, i);
        for (int r = 1; r <= 5; r++)
            x.counts[i][r - 1] = grp_feedback_summary_count(sum, i, r);
    }
    grp_feedback_summary_free(sum);
    return x;
}

static void assert_same_figures(const figures *a, const figures *b)
{
    assert_int_equal(a->responses, b->responses);
    assert_int_equal(a->expected, b->expected);
    for (int i = 0; i < 4; i++) {
        assert_float_equal(a->means[i], b->means[i], 0);
        for (int r = 0; r < 5; r++)
            assert_int_equal(a->counts[i][r], b->counts[i][r]);
    }
}

static long raw_count(fx *f, const char *sql, grp_id bind)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (bind)
        sqlite3_bind_int64(st, 1, bind);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void test_erase(void **state)
{
    fx *f = *state;
    content c;
    fill(f, &c);
    figures s1_before = figures_of(f, f->s1, 0), s2_before = figures_of(f, f->s2, 0),
            g_before = figures_of(f, 0, f->g);
    assert_int_equal(s1_before.responses, 3);
    assert_int_equal(s2_before.responses, 3);
    assert_int_equal(g_before.responses, 6);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM feedback_response WHERE person_id = ?1", f->m[0]), 1);

    /* only the system erases */
    grp_id refused[] = {f->m[0], f->fac, f->admin, f->stranger};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        grp_actor a = A(refused[i]);
        grp_assert_rc(grp_person_erase(f->s, &a, f->m[0]), GRP_EACCESS);
    }
    grp_id mark = audit_end(f);
    grp_actor sys = SYS();
    grp_time t0 = (grp_time)time(NULL);
    grp_assert_ok(grp_person_erase(f->s, &sys, f->m[0]));
    grp_time t1 = (grp_time)time(NULL) + 1;

    /* a tombstone */
    grp_person *p;
    grp_assert_ok(grp_person_get(&p, f->s, f->m[0]));
    assert_string_equal(grp_person_display_name(p), "erased person");
    assert_null(grp_person_job_role(p));
    assert_null(grp_person_email(p));
    assert_null(grp_person_external_ref(p));
    assert_int_equal(grp_person_archived(p), 1);
    assert_int_equal(grp_person_org_id(p), f->org);
    grp_person_free(p);
    /* goals (with steps and progress), notes and peer feedback: gone */
    grp_goal *g;
    grp_assert_rc(grp_goal_get(&g, f->s, &sys, c.goal), GRP_ENOTFOUND);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM goal WHERE owner_id = ?1", f->m[0]), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM goal_step WHERE goal_id = ?1", c.goal), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM goal_progress WHERE goal_id = ?1", c.goal), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM note WHERE author_id = ?1", f->m[0]), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM peer_feedback WHERE author_id = ?1 OR recipient_id = ?1",
                               f->m[0]),
                     0);
    /* what others wrote stays */
    grp_assert_ok(grp_goal_get(&g, f->s, &sys, c.other_goal));
    grp_goal_free(g);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM note WHERE id = ?1", c.note1), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM peer_feedback WHERE id = ?1", c.peer_other), 1);
    /* named responses: unlinked, free text gone, ratings kept */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM feedback_response WHERE person_id = ?1", f->m[0]), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM feedback_response WHERE session_id = ?1 AND "
                                  "person_id IS NULL AND text IS NULL AND ratings = '5,4,0,2'",
                               f->s1),
                     1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM feedback_response WHERE text = 'M0 NAMED WORDS'", 0), 0);
    /* others' named responses untouched */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM feedback_response WHERE person_id = ?1 AND "
                                  "text = 'M1 named words'",
                               f->m[1]),
                     1);
    /* the anonymous response stays, as it was (it never named anyone) */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM feedback_response WHERE person_id IS NULL AND "
                                  "text = 'M0 ANONYMOUS WORDS' AND ratings = '2,2,2,2'",
                               0),
                     1);
    /* the aggregates are exactly what they were */
    figures s1_after = figures_of(f, f->s1, 0), s2_after = figures_of(f, f->s2, 0), g_after = figures_of(f, 0, f->g);
    assert_same_figures(&s1_before, &s1_after);
    assert_same_figures(&s2_before, &s2_after);
    assert_same_figures(&g_before, &g_after);
    /* dated membership and attendance remain, on the tombstone */
    grp_attendance *a;
    grp_assert_ok(grp_attendance_get(&a, f->s, f->s1, f->m[0]));
    assert_int_equal(grp_attendance_status_of(a), GRP_ATTEND_PRESENT);
    grp_attendance_free(a);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM membership WHERE person_id = ?1", f->m[0]), 1);
    /* administration rights go */
    int admin = -1;
    grp_assert_ok(grp_org_admin_check(&admin, f->s, f->org2, f->m[0]));
    assert_int_equal(admin, 0);
    /* the log records the erasure, as the system's act */
    const want_entry want[] = {{"person.erase", "person", f->m[0], GRP_ACTOR_SYSTEM, 0, 0}};
    expect_log(f, mark, want, 1, t0, t1);
    /* the export now shows the tombstone and nothing personal */
    char *text;
    cJSON *doc = export_as(f, 0, f->m[0], &text);
    assert_string_equal(jstr(cJSON_GetObjectItemCaseSensitive(doc, "person"), "display_name"), "erased person");
    jarr(doc, "goals", 0);
    jarr(doc, "feedback_responses", 0);
    jarr(doc, "peer_feedback", 0);
    jarr(doc, "notes", 0);
    jarr(doc, "memberships", 1);
    assert_null(strstr(text, "Morgan"));
    assert_null(strstr(text, "morgan@example.org"));
    assert_null(strstr(text, "HR-0042"));
    assert_null(strstr(text, "M0 NAMED WORDS"));
    cJSON_Delete(doc);
    grp_free(text);
    /* erasing twice is fine, and changes nothing more */
    grp_assert_ok(grp_person_erase(f->s, &sys, f->m[0]));
    figures again = figures_of(f, 0, f->g);
    assert_same_figures(&g_before, &again);
    grp_assert_ok(grp_person_get(&p, f->s, f->m[0]));
    assert_string_equal(grp_person_display_name(p), "erased person");
    grp_person_free(p);
}

static void test_erase_recorder(void **state)
{
    fx *f = *state;
    content c;
    fill(f, &c);
    grp_actor sys = SYS();
    /* erasing the facilitator: their notes go; progress they recorded on
     * others' goals stays, no longer naming them */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM goal_progress WHERE recorded_by = ?1", f->fac), 2);
    grp_assert_ok(grp_person_erase(f->s, &sys, f->fac));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM goal_progress WHERE recorded_by = ?1", f->fac), 0);
    grp_goal_progress_iterator *it;
    grp_goal_progress *p;
    grp_assert_ok(grp_goal_progress_iterator_new(&it, f->s, &sys, c.other_goal));
    grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
    assert_int_equal(grp_goal_progress_percent(p), 10);
    assert_int_equal(grp_goal_progress_recorded_by(p), 0);
    grp_goal_progress_free(p);
    grp_goal_progress_iterator_free(it);
    grp_assert_ok(grp_goal_progress_iterator_new(&it, f->s, &sys, c.goal));
    grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
    assert_int_equal(grp_goal_progress_recorded_by(p), f->m[0]);
    grp_goal_progress_free(p);
    grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
    assert_int_equal(grp_goal_progress_percent(p), 45);
    assert_int_equal(grp_goal_progress_recorded_by(p), 0);
    grp_goal_progress_free(p);
    grp_goal_progress_iterator_free(it);
}

static void test_erase_arguments(void **state)
{
    fx *f = *state;
    grp_actor sys = SYS();
    grp_assert_rc(grp_person_erase(NULL, &sys, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_person_erase(f->s, NULL, f->m[0]), GRP_EINVAL);
    grp_assert_rc(grp_person_erase(f->s, &sys, 0), GRP_EINVAL);
    grp_assert_rc(grp_person_erase(f->s, &sys, -1), GRP_EINVAL);
    grp_assert_rc(grp_person_erase(f->s, &sys, 999), GRP_ENOTFOUND);
    grp_actor bad = {(grp_actor_kind)2, 0};
    grp_assert_rc(grp_person_erase(f->s, &bad, f->m[0]), GRP_EINVAL);
    grp_actor ghost = A(999);
    grp_assert_rc(grp_person_erase(f->s, &ghost, f->m[0]), GRP_ENOTFOUND);
    grp_person *p;
    grp_assert_ok(grp_person_get(&p, f->s, f->m[0]));
    assert_string_equal(grp_person_display_name(p), "M0");
    grp_person_free(p);
}

/* Free text kept with a person's records is removed too: the reason of a
 * leaver's stint and the note of an hours correction. */
static void test_erase_free_text(void **state)
{
    fx *f = *state;
    grp_actor sys = grp_actor_system();
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    grp_hours_iterator *hit;
    grp_hours_entry *e;
    grp_id entry = 0, corr;
    grp_date none = {0, 0, 0};
    /* the leaver's stint has a reason */
    grp_assert_ok(grp_member_join(NULL, f->s, f->h, f->m[0], D(2026, 1, 1), NULL));
    grp_assert_ok(grp_member_leave(NULL, f->s, f->h, f->m[0], D(2026, 1, 20), "burnout, on sick leave"));
    /* an hours entry, signed and corrected with a note */
    grp_assert_ok(grp_attendance_record(f->s, f->s1, f->m[0], GRP_ATTEND_PRESENT, -1, f->fac));
    grp_assert_ok(grp_hours_iterator_new(&hit, f->s, f->m[0], none, none));
    grp_assert_ok(grp_hours_iterator_next(&e, hit));
    entry = grp_hours_entry_id(e);
    grp_hours_entry_free(e);
    grp_hours_iterator_free(hit);
    grp_assert_ok(grp_hours_sign(f->s, entry, f->fac, D(2026, 1, 7)));
    grp_assert_ok(grp_hours_correct(&corr, f->s, entry, -10, -10, "left early: family emergency"));

    grp_assert_ok(grp_person_erase(f->s, &sys, f->m[0]));

    q.person_id = f->m[0];
    grp_assert_ok(grp_membership_iterator_new(&it, f->s, &q));
    int n = 0;
    while (grp_membership_iterator_next(&m, it) == 0) {
        assert_null(grp_membership_reason(m));
        grp_membership_free(m);
        n++;
    }
    grp_membership_iterator_free(it);
    assert_int_equal(n, 2); /* the dated history itself stays */
    grp_assert_ok(grp_hours_entry_get(&e, f->s, corr));
    assert_string_equal(grp_hours_entry_note(e), "erased");
    assert_int_equal(grp_hours_entry_credited(e), -10); /* the figures stay */
    grp_hours_entry_free(e);
}

/* After an anonymous response commits, the -wal file is checkpointed and
 * truncated: no earlier page images are left to reveal the order of writes. */
static void test_anonymous_response_leaves_no_wal(void **state)
{
    fx *f = *state;
    grp_actor me = grp_actor_person(f->m[1]);
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    int ratings[4] = {5, 4, 4, 5};
    char wal[4200];
    struct stat sb;
    sub.ratings = ratings;
    sub.rating_count = 4;
    sub.anonymous = 1;
    grp_assert_ok(grp_feedback_submit(f->s, &me, f->s1, &sub));
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    assert_int_equal(stat(wal, &sb), 0);
    assert_int_equal(sb.st_size, 0);
    /* a named response does not force a checkpoint */
    grp_actor other = grp_actor_person(f->m[2]);
    sub.anonymous = 0;
    grp_assert_ok(grp_feedback_submit(f->s, &other, f->s1, &sub));
    assert_int_equal(stat(wal, &sb), 0);
    assert_true(sb.st_size > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_log_records_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_holds_no_content, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_log_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erase, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_erase_recorder, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_erase_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erase_free_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anonymous_response_leaves_no_wal, setup_file, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
