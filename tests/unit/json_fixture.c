/* Stores shared by the JSON and NDJSON tests (json_fixture.h). */
#include "json_fixture.h"
#include "support.h"
#include "util/alloc.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const grp_date NODATE = {0, 0, 0};

static grp_datetime DT(int y, int mo, int d, int h, int mi)
{
    grp_datetime dt = {y, mo, d, h, mi, 0};
    return dt;
}

grp_id jf_org(grp_store *s, const char *name, const char *ref)
{
    grp_org *o;
    grp_assert_ok(grp_org_create(&o, s, name, ref));
    grp_id id = grp_org_id(o);
    grp_org_free(o);
    return id;
}

grp_id jf_person(grp_store *s, grp_id org, const char *name, const char *role, const char *ref)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    ps.org_id = org;
    ps.display_name = name;
    ps.job_role = role;
    ps.external_ref = ref;
    if (ref) {
        static char email[64];
        snprintf(email, sizeof email, "%s@example.org", ref);
        ps.email = email;
    }
    grp_assert_ok(grp_person_create(&p, s, &ps));
    grp_id id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

static grp_id mk_group(grp_store *s, grp_id org, const char *name, int capacity, grp_capacity_policy cap,
                       grp_membership_policy mp, const char *const *roles, size_t nroles)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_group *g;
    gs.org_id = org;
    gs.name = name;
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = capacity;
    gs.capacity_policy = cap;
    gs.membership_policy = mp;
    gs.location = "Room 1";
    gs.timezone = "Europe/London";
    gs.eligible_roles.strings = (char **)roles;
    gs.eligible_roles.count = nroles;
    grp_assert_ok(grp_group_create(&g, s, &gs));
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    return id;
}

static grp_id join(grp_store *s, grp_id group, grp_id person, grp_date d, grp_member_role role, const char *reason)
{
    grp_join_options o = GRP_JOIN_OPTIONS_INIT;
    grp_membership *m;
    o.role = role;
    o.reason = reason;
    grp_assert_ok(grp_member_join(&m, s, group, person, d, &o));
    grp_id id = grp_membership_id(m);
    grp_membership_free(m);
    return id;
}

static void rate(grp_store *s, grp_id person, grp_id session, const int *r, size_t n, int anonymous,
                 const char *text)
{
    grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
    grp_actor a = grp_actor_person(person);
    sub.ratings = r;
    sub.rating_count = n;
    sub.anonymous = anonymous;
    sub.text = text;
    grp_assert_ok(grp_feedback_submit(s, &a, session, &sub));
}

/* Every kind of record: two organisations (with external refs), people,
 * admins, a custom feedback form, groups with eligible roles, a form and an
 * hours rule, stints of every state, a cadence, moved / cancelled / ad hoc
 * sessions with attendance and presenters, hours with a correction,
 * named and anonymous feedback, peer feedback, goals with steps and
 * progress, notes and themes. */
grp_store *jf_rich_store(void)
{
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    grp_id org = jf_org(s, "Trust", "T-1");
    grp_id org2 = jf_org(s, "Other \"Org\"", NULL);
    grp_id fac = jf_person(s, org, "Fay Facilitator", "psychologist", "fay");
    grp_id m1 = jf_person(s, org, "Ann", "nurse", "ann");
    grp_id m2 = jf_person(s, org, "Zoë \u00e9\u4e2d", "nurse", NULL);
    grp_id leaver = jf_person(s, org, "Leo", "nurse", NULL);
    grp_id admin = jf_person(s, org, "Ada Admin", NULL, "ada");
    grp_id x1 = jf_person(s, org2, "X1", NULL, "x1");
    grp_id x2 = jf_person(s, org2, "X2", NULL, NULL);
    grp_assert_ok(grp_org_admin_add(s, org, admin));
    grp_assert_ok(grp_org_admin_add(s, org2, x2));

    const char *items[] = {"Useful?", "Safe?"};
    grp_strarray ia = {(char **)items, 2};
    grp_id form;
    grp_assert_ok(grp_feedback_form_create(&form, s, "Short form", &ia));

    static const char *const roles[] = {"nurse", "psychologist"};
    grp_id g = mk_group(s, org, "Monthly GRP", 8, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN, roles, 2);
    grp_assert_ok(grp_group_set_feedback_form(s, g, form));
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    cs.first_date = D(2026, 1, 1);
    cs.start_hour = 14;
    grp_assert_ok(grp_cadence_set(NULL, s, g, &cs));
    join(s, g, fac, D(2026, 1, 1), GRP_ROLE_FACILITATOR, NULL);
    join(s, g, m1, D(2026, 1, 1), GRP_ROLE_MEMBER, NULL);
    join(s, g, m2, D(2026, 1, 1), GRP_ROLE_MEMBER, NULL);
    join(s, g, leaver, D(2026, 1, 1), GRP_ROLE_MEMBER, "line one\nline two");
    grp_assert_ok(grp_member_leave(NULL, s, g, leaver, D(2026, 2, 10), "moved team"));

    grp_id s1, s2, s3;
    grp_assert_ok(grp_session_ensure(&s1, s, g, DT(2026, 1, 6, 14, 0)));
    grp_assert_ok(grp_session_ensure(&s2, s, g, DT(2026, 2, 3, 14, 0)));
    grp_assert_ok(grp_session_ensure(&s3, s, g, DT(2026, 3, 3, 14, 0)));
    grp_assert_ok(grp_session_move(s, s2, DT(2026, 2, 4, 10, 30), 120));
    grp_assert_ok(grp_session_cancel(s, s3, "room flooded"));
    grp_assert_ok(grp_rota_assign(s, s1, m1));
    grp_assert_ok(grp_attendance_record(s, s1, fac, GRP_ATTEND_PRESENT, -1, fac));
    grp_assert_ok(grp_attendance_record(s, s1, m1, GRP_ATTEND_PRESENT, -1, fac));
    grp_assert_ok(grp_attendance_record(s, s1, m2, GRP_ATTEND_LATE, 80, fac));
    grp_assert_ok(grp_attendance_record(s, s1, leaver, GRP_ATTEND_APOLOGIES, 0, fac));
    grp_assert_ok(grp_attendance_record(s, s2, m1, GRP_ATTEND_PRESENT, -1, admin));
    grp_assert_ok(grp_attendance_record(s, s2, m2, GRP_ATTEND_ABSENT, 0, fac));

    /* hours: sign m1's first entry, correct it */
    grp_hours_iterator *hit;
    grp_hours_entry *e;
    grp_id e1 = 0, e3;
    grp_assert_ok(grp_hours_iterator_new(&hit, s, m1, NODATE, NODATE));
    while (grp_hours_iterator_next(&e, hit) == 0) {
        if (!e1)
            e1 = grp_hours_entry_id(e);
        grp_hours_entry_free(e);
    }
    grp_hours_iterator_free(hit);
    assert_true(e1 > 0);
    grp_assert_ok(grp_hours_sign(s, e1, fac, D(2026, 1, 10)));
    grp_assert_ok(grp_hours_correct(&e3, s, e1, -30, -30, "left at 15:00,\r\n\"early\""));

    int r1[] = {5, 4}, r2[] = {1, 0};
    rate(s, m1, s1, r1, 2, 0, "good \"session\"");
    rate(s, m2, s1, r2, 2, 1, NULL);
    rate(s, leaver, s1, r1, 2, 1, "anonymous words");

    grp_actor am1 = grp_actor_person(m1), am2 = grp_actor_person(m2), afac = grp_actor_person(fac);
    grp_assert_ok(grp_peer_feedback_give(NULL, s, &am1, g, s1, m2, "Thanks for the case", 1));
    grp_assert_ok(grp_peer_feedback_give(NULL, s, &am2, g, 0, m1, "Private thought", 0));

    grp_goal_spec gs = GRP_GOAL_SPEC_INIT;
    grp_id goal1, goal2, step1, step2;
    gs.owner_id = m1;
    gs.title = "Reflect weekly";
    gs.description = "Keep a journal\nand read";
    gs.group_id = g;
    gs.target_date = D(2026, 6, 1);
    gs.visibility = GRP_VISIBLE_GROUP;
    grp_assert_ok(grp_goal_create(&goal1, s, &am1, &gs));
    grp_assert_ok(grp_goal_set_status(s, &am1, goal1, GRP_GOAL_ACTIVE));
    grp_assert_ok(grp_goal_step_add(&step1, s, &am1, goal1, "Journal", D(2026, 2, 1)));
    grp_assert_ok(grp_goal_step_add(&step2, s, &am1, goal1, "Paper", NODATE));
    grp_assert_ok(grp_goal_step_set_done(s, &am1, step1, 1));
    grp_assert_ok(grp_goal_progress_add(NULL, s, &am1, goal1, D(2026, 2, 4), 25, "started", s2));
    grp_assert_ok(grp_goal_progress_add(NULL, s, &am1, goal1, D(2026, 2, 20), 40, NULL, 0));
    gs.owner_id = x1;
    gs.title = "No group";
    gs.description = NULL;
    gs.group_id = 0;
    gs.target_date = NODATE;
    gs.visibility = GRP_VISIBLE_PRIVATE;
    grp_actor ax1 = grp_actor_person(x1);
    grp_assert_ok(grp_goal_create(&goal2, s, &ax1, &gs));

    grp_assert_ok(grp_note_add(NULL, s, &afac, s1, GRP_VISIBLE_FACILITATORS, "Group was tired"));
    grp_assert_ok(grp_note_add(NULL, s, &am1, s1, GRP_VISIBLE_PRIVATE, "Me: tired too"));
    grp_id theme;
    grp_assert_ok(grp_theme_raise(&theme, s, &afac, g, s1, "Staffing", "Rotas too thin"));
    grp_assert_ok(grp_theme_raise(NULL, s, &afac, g, 0, "Parking", NULL));
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_theme_set_status(s, &sys, theme, GRP_THEME_RAISED));

    /* a 1:1 group with an hours rule and an ad hoc session */
    grp_id k = mk_group(s, org, "1:1 supervision", 1, GRP_CAPACITY_HARD, GRP_MEMBERSHIP_OPEN, NULL, 0);
    grp_hours_rule rule = GRP_HOURS_RULE_INIT;
    rule.mode = GRP_HOURS_RATIO;
    rule.ratio_num = 2;
    rule.ratio_den = 3;
    grp_assert_ok(grp_hours_rule_set(s, k, &rule));
    join(s, k, fac, D(2026, 2, 1), GRP_ROLE_FACILITATOR, NULL);
    join(s, k, m1, D(2026, 2, 1), GRP_ROLE_MEMBER, NULL);
    grp_id ks;
    grp_assert_ok(grp_session_add(&ks, s, k, DT(2026, 2, 20, 10, 0), 60));
    grp_assert_ok(grp_attendance_record(s, ks, m1, GRP_ATTEND_PRESENT, -1, fac));

    /* org2: waitlist and approval groups (states waitlisted, declined, requested) */
    grp_id w = mk_group(s, org2, "Waitlist", 1, GRP_CAPACITY_WAITLIST, GRP_MEMBERSHIP_OPEN, NULL, 0);
    join(s, w, x1, D(2026, 1, 5), GRP_ROLE_MEMBER, NULL);
    join(s, w, x2, D(2026, 1, 6), GRP_ROLE_MEMBER, NULL);
    grp_id a = mk_group(s, org2, "Approval", 8, GRP_CAPACITY_SOFT, GRP_MEMBERSHIP_APPROVAL, NULL, 0);
    grp_id rb = join(s, a, x2, D(2026, 1, 3), GRP_ROLE_MEMBER, NULL);
    join(s, a, x1, D(2026, 1, 5), GRP_ROLE_MEMBER, "please");
    grp_assert_ok(grp_member_decline(s, rb, D(2026, 1, 4), "not eligible, sorry"));
    return s;
}

char *jf_export(grp_store *s)
{
    char *out = NULL;
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_json_export(&out, s, &sys, NULL));
    assert_non_null(out);
    return out;
}

grp_store *jf_empty_store(void)
{
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    return s;
}


char *jf_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static int code_of(const char *name)
{
    static const struct {
        const char *name;
        int code;
    } codes[] = {{"GRP_EPARSE", GRP_EPARSE}, {"GRP_EINVAL", GRP_EINVAL}, {"GRP_EUNSUPPORTED", GRP_EUNSUPPORTED},
                 {"GRP_EEXISTS", GRP_EEXISTS}};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        if (strcmp(codes[i].name, name) == 0)
            return codes[i].code;
    }
    fail_msg("unknown code %s in the manifest", name);
    return 0;
}

size_t jf_corpus(const char *dir, int (*check)(const jf_corpus_entry *e, void *payload), void *payload,
                 size_t *failed)
{
    char path[2304], line[1024];
    size_t count = 0;
    snprintf(path, sizeof path, "%s/bad.tsv", dir);
    FILE *m = fopen(path, "r");
    assert_non_null(m);
    while (fgets(line, sizeof line, m)) {
        char *file = line, *code, *message, *nl;
        jf_corpus_entry e;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if ((nl = strchr(line, '\n')))
            *nl = '\0';
        code = strchr(file, '\t');
        assert_non_null(code);
        *code++ = '\0';
        message = strchr(code, '\t');
        assert_non_null(message);
        *message++ = '\0';
        snprintf(path, sizeof path, "%s/%s", dir, file);
        char *text = jf_read_file(path, &e.len);
        e.file = file;
        e.text = text;
        e.code = code_of(code);
        e.message = message;
        *failed += (size_t)check(&e, payload);
        free(text);
        count++;
    }
    fclose(m);
    return count;
}

/* ---- large inputs, generated ---- */

size_t jf_big_record(char *buf, size_t size, grp_json_kind kind, size_t i, int ndjson)
{
    char head[48] = "{";
    int n = 0;
    if (ndjson)
        snprintf(head, sizeof head, "{\"record\":\"%s\",", grp_json_kind_name(kind));
    switch (kind) {
    case GRP_JSON_ORGANISATIONS:
        n = snprintf(buf, size, "%s\"id\":\"1\",\"name\":\"Org\",\"external_ref\":\"O1\",\"archived\":false}", head);
        break;
    case GRP_JSON_PEOPLE:
        n = snprintf(buf, size,
                     "%s\"id\":\"%zu\",\"organisation\":\"1\",\"display_name\":\"P%zu\",\"job_role\":\"nurse\","
                     "\"email\":null,\"external_ref\":null,\"archived\":false}",
                     head, i + 1, i + 1);
        break;
    case GRP_JSON_GROUPS:
        n = snprintf(buf, size,
                     "%s\"id\":\"1\",\"organisation\":\"1\",\"name\":\"G\",\"kind\":\"reflective_practice\","
                     "\"status\":\"active\",\"capacity\":8,\"capacity_policy\":\"hard\",\"quorum\":0,"
                     "\"membership_policy\":\"open\",\"allow_other_orgs\":false,\"delivery\":\"online\","
                     "\"location\":null,\"meeting_link\":\"https://example.org/g\",\"timezone\":\"Europe/London\","
                     "\"session_minutes\":90,\"archived\":false,\"eligible_roles\":[],\"feedback_form\":null,"
                     "\"hours_rule\":null}",
                     head);
        break;
    case GRP_JSON_SESSIONS: {
        /* one a day from 2020-01-01 (day numbers within 28-day months keep it simple) */
        size_t d = i % 28 + 1, m = i / 28 % 12 + 1, y = 2020 + i / 336;
        n = snprintf(buf, size,
                     "%s\"id\":\"%zu\",\"group\":\"1\",\"cadence\":null,\"occurrence\":null,\"occurrence_utc\":null,"
                     "\"start_local\":\"%04zu-%02zu-%02zuT10:00:00\",\"start_utc\":\"%04zu-%02zu-%02zuT10:00:00Z\","
                     "\"duration\":90,\"status\":\"held\",\"location\":null,\"meeting_link\":null,\"reason\":null,"
                     "\"timezone\":\"Europe/London\"}",
                     head, i + 1, y, m, d, y, m, d);
        break;
    }
    case GRP_JSON_ATTENDANCE:
        n = snprintf(buf, size,
                     "%s\"session\":\"%zu\",\"person\":\"%zu\",\"status\":\"present\",\"minutes\":90,"
                     "\"recorded_by\":null,\"recorded_at\":\"2020-01-01T12:00:00Z\"}",
                     head, i / 8 + 1, i % 8 + 1);
        break;
    default:
        fail_msg("jf_big_record: no generator for kind %d", (int)kind);
    }
    assert_true(n > 0 && (size_t)n < size);
    return (size_t)n;
}

/* ---- memory ---- */

/* Each block carries its size in a header of two size_t. */
static jf_meter *active;

static void *m_malloc(size_t size, void *payload)
{
    jf_meter *m = payload;
    size_t *p = malloc(size + sizeof(size_t) * 2);
    if (!p)
        return NULL;
    p[0] = size;
    m->live += size;
    if (m->live > m->peak)
        m->peak = m->live;
    return p + 2;
}

static void m_free(void *ptr, void *payload)
{
    jf_meter *m = payload;
    if (!ptr)
        return;
    size_t *p = (size_t *)ptr - 2;
    m->live -= p[0];
    free(p);
}

static void *m_realloc(void *ptr, size_t size, void *payload)
{
    jf_meter *m = payload;
    if (!ptr)
        return m_malloc(size, payload);
    size_t *p = (size_t *)ptr - 2, old = p[0];
    size_t *q = realloc(p, size + sizeof(size_t) * 2);
    if (!q)
        return NULL;
    q[0] = size;
    m->live = m->live - old + size;
    if (m->live > m->peak)
        m->peak = m->live;
    return q + 2;
}

static void *cj_malloc(size_t size)
{
    return m_malloc(size, active);
}

static void cj_free(void *ptr)
{
    m_free(ptr, active);
}

void jf_meter_start(jf_meter *m)
{
    static grp_allocator a;
    cJSON_Hooks h = {cj_malloc, cj_free};
    m->live = m->peak = 0;
    active = m;
    a.malloc_fn = m_malloc;
    a.realloc_fn = m_realloc;
    a.free_fn = m_free;
    a.payload = m;
    assert_int_equal(grp__alloc_live(), 0);
    grp_assert_ok(grp_set_allocator(&a));
    cJSON_InitHooks(&h);
}

void jf_meter_stop(void)
{
    cJSON_InitHooks(NULL);
    grp_assert_ok(grp_set_allocator(NULL));
    active = NULL;
}
