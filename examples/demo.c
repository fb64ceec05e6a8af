/* demo: a year (2026) of reflective practice and supervision in two
 * organisations, run end to end through libgrp's public API.
 *
 *   Northfield University: student-facing professional services staff meet
 *     monthly, online, in a reflective-practice group (GRP) led by an
 *     external facilitator.
 *   Harbour Counselling Service (a charity): its counsellors, and two of
 *     the university's, meet every two months, face to face, for group
 *     supervision; its trainee counsellor has weekly one-to-one clinical
 *     supervision, whose hours count towards accreditation.
 *
 * Over the year members attend (or send apologies), rate sessions (some
 * anonymously), set goals with action plans and review them, one member
 * leaves and a waitlisted colleague takes his seat, supervision hours are
 * signed off (and one corrected), and the GRP and the supervision group
 * each raise a theme to their organisation. The programme then prints what
 * the library reports: attendance, supervision hours, goal progress,
 * feedback, and side by side what a facilitator and an organisation's
 * administrator may each see.
 *
 * Usage: demo [DIRECTORY]
 * Writes DIRECTORY/demo.db (the store), demo.json (the store as a libgrp
 * JSON document) and demo.ics (the three groups' schedules), replacing any
 * from an earlier run. DIRECTORY defaults to the current directory.
 *
 * Everything printed is deterministic: the year is fixed, and attendance
 * and ratings come from a pseudo-random generator with a fixed seed.
 */
#include <libgrp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YEAR 2026

/* ---- errors: every call is checked; an unexpected failure ends the demo -- */

static void check_(int rc, const char *call, int line)
{
    if (rc < 0) {
        fprintf(stderr, "demo.c:%d: %s\n  failed with %s: %s\n", line, call, grp_error_name(rc),
                grp_error_last()->message);
        exit(1);
    }
}
#define CHECK(call) check_((call), #call, __LINE__)
/* An iterator's _next returns 0 per item, then GRP_ITEROVER: anything else is an error. */
#define CHECK_END(rc) check_((rc) == GRP_ITEROVER ? 0 : (rc), "iterating", __LINE__)

/* ---- the people ------------------------------------------------------------ */

enum { NU, HCS }; /* the two organisations, in the order they are created */

typedef struct staff_member {
    int org;             /* NU or HCS */
    const char *name;
    const char *job_role;
    const char *ref;     /* the host HR system's own id (external_ref) */
    double reliability;  /* demo data: the chance they attend a session */
    int anonymous;       /* demo data: 1 if they always rate sessions anonymously */
    grp_id id;           /* set when the person is created */
} staff_member;

enum {
    ASHA, BEN, CHLOE, DEV, EWA, FARAH, GEORGE, UMA, HANNAH, IMRAN, JULIA, KAREN,
    LENA, MARCUS, NADIA, OWEN, PRIYA, SAM, TOM, VICTOR, STAFF_COUNT
};

static staff_member staff[STAFF_COUNT] = {
    /* Northfield University */
    [ASHA] = {NU, "Asha Patel", "student support adviser", "NU-10422", 0.92, 0, 0},
    [BEN] = {NU, "Ben Carter", "student support adviser", "NU-10519", 0.80, 1, 0},
    [CHLOE] = {NU, "Chloe Evans", "appeals and complaints officer", "NU-09876", 0.85, 0, 0},
    [DEV] = {NU, "Dev Sharma", "student welfare officer", "NU-11203", 0.70, 0, 0},
    [EWA] = {NU, "Ewa Nowak", "disability adviser", "NU-10077", 0.82, 1, 0},
    [FARAH] = {NU, "Farah Hussain", "mediation officer", "NU-11388", 0.72, 0, 0},
    [GEORGE] = {NU, "George Mensah", "staff wellbeing adviser", "NU-08841", 0.65, 0, 0},
    [UMA] = {NU, "Uma Kaur", "student support adviser", "NU-11702", 0.85, 1, 0},
    [HANNAH] = {NU, "Hannah Brooks", "student support adviser", "NU-12015", 0.85, 0, 0},
    [IMRAN] = {NU, "Imran Ali", "university counsellor", "NU-07730", 0.85, 0, 0},
    [JULIA] = {NU, "Julia Fernandes", "university counsellor", "NU-09112", 0.80, 1, 0},
    [KAREN] = {NU, "Karen Doyle", "HR business partner", "NU-05561", 0, 0, 0},
    /* Harbour Counselling Service */
    [LENA] = {HCS, "Dr Lena Rowe", "clinical lead", "HCS-003", 0, 0, 0},
    [MARCUS] = {HCS, "Marcus Webb", "clinical supervisor", "HCS-011", 0, 0, 0},
    [NADIA] = {HCS, "Nadia Rahman", "counsellor", "HCS-024", 0.88, 0, 0},
    [OWEN] = {HCS, "Owen Price", "psychotherapist", "HCS-019", 0.75, 1, 0},
    [PRIYA] = {HCS, "Priya Nair", "counsellor", "HCS-027", 0.90, 0, 0},
    [SAM] = {HCS, "Sam Okafor", "trainee counsellor", "HCS-041", 0.93, 0, 0},
    [TOM] = {HCS, "Tom Gallagher", "service manager", "HCS-002", 0, 0, 0},
    [VICTOR] = {HCS, "Victor Osei", "counsellor", "HCS-045", 0.80, 0, 0},
};

static const staff_member *staff_by_id(grp_id id)
{
    for (int i = 0; i < STAFF_COUNT; i++)
        if (staff[i].id == id)
            return &staff[i];
    return NULL;
}

static const char *name_of(grp_id id)
{
    const staff_member *m = staff_by_id(id);
    return m ? m->name : "?";
}

/* ---- small helpers ----------------------------------------------------------- */

/* A fixed-seed xorshift generator: the same "random" year on every run. */
static uint32_t rng_state = 20260101u;
static double draw(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state / 4294967296.0;
}

static grp_time utc(int year, int month, int day)
{
    grp_datetime dt = {year, month, day, 0, 0, 0};
    grp_time t;
    CHECK(grp_time_from_utc(&t, dt));
    return t;
}

static grp_date local_date(grp_datetime dt) { return grp_date_make(dt.year, dt.month, dt.day); }

/* Reports write rates as decimals ("0.8333"); show them as percentages. */
static const char *percent(const char *rate, char *buf, size_t size)
{
    if (!rate)
        return "-";
    snprintf(buf, size, "%.0f%%", 100 * strtod(rate, NULL));
    return buf;
}

static const char *hours_minutes(const char *minutes, char *buf, size_t size)
{
    long m = minutes ? strtol(minutes, NULL, 10) : 0;
    snprintf(buf, size, "%ldh%02ld", m / 60, m % 60);
    return buf;
}

/* A cell of a report, by column name. */
static const char *cell(const grp_report *r, size_t row, const char *column)
{
    size_t col;
    CHECK(grp_report_column_find(&col, r, column));
    return grp_report_cell(r, row, col);
}

/* ---- setting up -------------------------------------------------------------- */

static void create_staff(grp_store *s, const grp_id org[2])
{
    for (int i = 0; i < STAFF_COUNT; i++) {
        grp_person_spec ps = GRP_PERSON_SPEC_INIT;
        grp_person *p;
        ps.org_id = org[staff[i].org];
        ps.display_name = staff[i].name;
        ps.job_role = staff[i].job_role;
        ps.external_ref = staff[i].ref;
        CHECK(grp_person_create(&p, s, &ps));
        staff[i].id = grp_person_id(p);
        grp_person_free(p);
    }
}

static grp_id create_group(grp_store *s, const grp_group_spec *spec)
{
    grp_group *g;
    CHECK(grp_group_create(&g, s, spec));
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    return id;
}

static void join(grp_store *s, grp_id group, int who, grp_date on, grp_member_role role)
{
    grp_join_options opts = GRP_JOIN_OPTIONS_INIT;
    opts.role = role;
    CHECK(grp_member_join(NULL, s, group, staff[who].id, on, &opts));
}

static void set_cadence(grp_store *s, grp_id group, const char *rrule, grp_date first, int hour, int minutes)
{
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    cs.rrule = rrule;
    cs.first_date = first;
    cs.start_hour = hour;
    cs.duration_minutes = minutes;
    CHECK(grp_cadence_set(NULL, s, group, &cs));
}

/* The stored id of the session the cadence puts at this local start. */
static grp_id session_at(grp_store *s, grp_id group, int month, int day, int hour)
{
    grp_datetime occurrence = {YEAR, month, day, hour, 0, 0};
    grp_id id;
    CHECK(grp_session_ensure(&id, s, group, occurrence));
    return id;
}

/* ---- running a session ---------------------------------------------------------- */

static const char *const comments[] = {
    "Great facilitator, comfortable setting, useful for practice.",
    "Feeling safe to share issues and challenges with colleagues.",
    "It is helpful to have a protected time and space to discuss the challenges of the work.",
    "Hard to protect the time this month: I was checking email during the session.",
    "Hearing how others handle distressed callers gave me a different way in.",
    "I left with an idea to move a stuck case.",
};
static size_t next_comment;

/* Record one held session: each member expected that day attends (or not)
 * by their reliability; those who came may rate it on the group's form,
 * and in a group (not one to one) sometimes add a comment. */
static void run_session(grp_store *s, grp_id group, grp_id session, grp_date day, grp_id facilitator,
                        double turnout, int in_group)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    grp_session *info;
    int rc;

    CHECK(grp_session_get(&info, s, session));
    int minutes = grp_session_duration(info);
    grp_session_free(info);

    q.group_id = group;
    q.date = day;
    q.roles = GRP_ROLEMASK_MEMBER; /* facilitators are not expected as members */
    CHECK(grp_membership_iterator_new(&it, s, &q));
    while ((rc = grp_membership_iterator_next(&m, it)) == 0) {
        const staff_member *who = staff_by_id(grp_membership_person_id(m));
        grp_membership_free(m);
        grp_attendance_status status = GRP_ATTEND_PRESENT;
        int attended = -1; /* the whole session */
        if (draw() < who->reliability * turnout) {
            double how = draw();
            if (how < 0.06) {
                status = GRP_ATTEND_LATE;
                attended = minutes - 15;
            } else if (how < 0.10) {
                status = GRP_ATTEND_LEFT_EARLY;
                attended = minutes - 20;
            }
        } else {
            status = draw() < 0.75 ? GRP_ATTEND_APOLOGIES : GRP_ATTEND_ABSENT;
            attended = 0;
        }
        CHECK(grp_attendance_record(s, session, who->id, status, attended, facilitator));
        if (attended == 0 || draw() > 0.8 * turnout)
            continue; /* no feedback from this member this time */

        /* The default form: safe to share / useful / focused / protected time. */
        int ratings[4];
        for (int i = 0; i < 4; i++)
            ratings[i] = 3 + (draw() < 0.75) + (draw() < 0.55) - (i == 3 && draw() < 0.3);
        grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
        grp_actor me = grp_actor_person(who->id);
        sub.ratings = ratings;
        sub.rating_count = 4;
        sub.anonymous = who->anonymous;
        if (draw() < 0.2 && in_group)
            sub.text = comments[next_comment++ % (sizeof comments / sizeof *comments)];
        CHECK(grp_feedback_submit(s, &me, session, &sub));
    }
    CHECK_END(rc);
    grp_membership_iterator_free(it);
}

/* Every session of the year that is not cancelled takes place. */
static void run_year(grp_store *s, grp_id group, grp_id facilitator)
{
    grp_session_iterator *it;
    grp_session *x;
    int rc;
    CHECK(grp_session_iterator_new(&it, s, group, utc(YEAR, 1, 1), utc(YEAR + 1, 1, 1)));
    while ((rc = grp_session_iterator_next(&x, it)) == 0) {
        if (grp_session_status_of(x) != GRP_SESSION_CANCELLED) {
            grp_id id;
            grp_datetime start = grp_session_start_local(x);
            CHECK(grp_session_ensure(&id, s, group, grp_session_occurrence(x)));
            /* the summer is quieter: fewer come, fewer rate the session */
            run_session(s, group, id, local_date(start), facilitator, start.month == 7 ? 0.55 : 1.0,
                        grp_session_expected(x) > 1);
        }
        grp_session_free(x);
    }
    CHECK_END(rc);
    grp_session_iterator_free(it);
}

/* The supervisor signs off each supervisee's entries at the end of every
 * month, up to November: December's are still waiting at the year's end. */
static void sign_off(grp_store *s, int supervisee, grp_id supervisor)
{
    grp_hours_iterator *it;
    grp_hours_entry *e;
    int rc;
    CHECK(grp_hours_iterator_new(&it, s, staff[supervisee].id, grp_date_make(YEAR, 1, 1),
                                 grp_date_make(YEAR, 11, 30)));
    while ((rc = grp_hours_iterator_next(&e, it)) == 0) {
        grp_date d = grp_hours_entry_date(e);
        if (!grp_hours_entry_signed_by(e))
            CHECK(grp_hours_sign(s, grp_hours_entry_id(e), supervisor,
                                 grp_date_make(d.year, d.month, grp_date_days_in_month(d.year, d.month))));
        grp_hours_entry_free(e);
    }
    CHECK_END(rc);
    grp_hours_iterator_free(it);
}

/* The entry a session gave a person. */
static grp_id hours_entry_of(grp_store *s, int person, grp_id session)
{
    grp_hours_iterator *it;
    grp_hours_entry *e;
    grp_id found = 0;
    int rc;
    CHECK(grp_hours_iterator_new(&it, s, staff[person].id, (grp_date){0, 0, 0}, (grp_date){0, 0, 0}));
    while ((rc = grp_hours_iterator_next(&e, it)) == 0) {
        if (grp_hours_entry_session_id(e) == session && !grp_hours_entry_corrects(e))
            found = grp_hours_entry_id(e);
        grp_hours_entry_free(e);
    }
    CHECK_END(rc);
    grp_hours_iterator_free(it);
    if (!found) {
        fprintf(stderr, "demo: no hours entry for %s at session %lld\n", staff[person].name, (long long)session);
        exit(1);
    }
    return found;
}

/* A goal with its action plan. Steps are marked done as the year goes. */
typedef struct plan_step {
    const char *title;
    int due_month, due_day;
    int done;
} plan_step;

static grp_id set_goal(grp_store *s, int owner, grp_id group, const char *title, grp_visibility visibility,
                       grp_date target, const plan_step *steps, int nsteps)
{
    grp_actor me = grp_actor_person(staff[owner].id);
    grp_goal_spec spec = GRP_GOAL_SPEC_INIT;
    grp_id goal, step;
    spec.owner_id = staff[owner].id;
    spec.title = title;
    spec.group_id = group;
    spec.target_date = target;
    spec.visibility = visibility;
    CHECK(grp_goal_create(&goal, s, &me, &spec));
    CHECK(grp_goal_set_status(s, &me, goal, GRP_GOAL_ACTIVE));
    for (int i = 0; i < nsteps; i++) {
        CHECK(grp_goal_step_add(&step, s, &me, goal, steps[i].title,
                                grp_date_make(YEAR, steps[i].due_month, steps[i].due_day)));
        if (steps[i].done)
            CHECK(grp_goal_step_set_done(s, &me, step, 1));
    }
    return goal;
}

/* Progress reviewed in a session (recorded by the goal's owner). */
static void review(grp_store *s, int owner, grp_id goal, grp_id group, int month, int day, int hour, int percent,
                   const char *note)
{
    grp_actor me = grp_actor_person(staff[owner].id);
    grp_id session = session_at(s, group, month, day, hour);
    CHECK(grp_goal_progress_add(NULL, s, &me, goal, grp_date_make(YEAR, month, day), percent, note, session));
}

/* ---- reading back: what the library reports ------------------------------------------ */

/* A group as stored: its kind, its cadence on the year's last day, its facilitator. */
static void print_group(grp_store *s, grp_id group, const char *how, int facilitator)
{
    grp_group *g;
    grp_cadence *c;
    char kind[32];
    CHECK(grp_group_get(&g, s, group));
    CHECK(grp_cadence_get(&c, s, group, grp_date_make(YEAR, 12, 31)));
    snprintf(kind, sizeof kind, "%s", grp_group_kind_name(grp_group_kind_of(g)));
    for (char *p = kind; *p; p++)
        *p = *p == '_' ? ' ' : *p; /* "group_supervision" reads as "group supervision" */
    printf("  %s: %s, %s\n    %s at %02d:%02d for %d minutes; facilitator %s\n", grp_group_name(g), kind, how,
           grp_cadence_rrule(c), grp_cadence_start_hour(c), grp_cadence_start_minute(c), grp_cadence_duration(c),
           staff[facilitator].name);
    grp_cadence_free(c);
    grp_group_free(g);
}

static void print_attendance(grp_store *s, grp_id group, const char *label)
{
    grp_actor system = grp_actor_system();
    grp_session_iterator *it;
    grp_session *x;
    grp_report *r;
    int held = 0, cancelled = 0, rc;
    char pct[8], commit[8];

    CHECK(grp_session_iterator_new(&it, s, group, utc(YEAR, 1, 1), utc(YEAR + 1, 1, 1)));
    while ((rc = grp_session_iterator_next(&x, it)) == 0) {
        held += grp_session_status_of(x) == GRP_SESSION_HELD;
        cancelled += grp_session_status_of(x) == GRP_SESSION_CANCELLED;
        grp_session_free(x);
    }
    CHECK_END(rc);
    grp_session_iterator_free(it);

    CHECK(grp_report_attendance(&r, s, &system, group, utc(YEAR, 1, 1), utc(YEAR + 1, 1, 1)));
    printf("  %s: %d sessions held, %d cancelled\n", label, held, cancelled);
    printf("    %-18s %8s %8s %9s %6s %10s %10s\n", "", "expected", "attended", "apologies", "absent", "attendance",
           "commitment");
    for (size_t row = 0; row < grp_report_row_count(r); row++) {
        const char *person = cell(r, row, "person");
        printf("    %-18s %8s %8s %9s %6s %10s %10s\n", person ? person : "whole group", cell(r, row, "expected"),
               cell(r, row, "attended"), cell(r, row, "apologies"), cell(r, row, "absent"),
               percent(cell(r, row, "attendance_rate"), pct, sizeof pct),
               percent(cell(r, row, "commitment_rate"), commit, sizeof commit));
    }
    grp_report_free(r);
}

/* Who presented a case at each session of a group (the rota). */
static void print_presenters(grp_store *s, grp_id group)
{
    grp_session_iterator *it;
    grp_session *x;
    int rc, n = 0;
    CHECK(grp_session_iterator_new(&it, s, group, utc(YEAR, 1, 1), utc(YEAR + 1, 1, 1)));
    printf("    case presenters (grp_rota_plan):");
    while ((rc = grp_session_iterator_next(&x, it)) == 0) {
        grp_id presenter;
        grp_datetime start = grp_session_start_local(x);
        if (grp_session_id(x)) {
            CHECK(grp_rota_presenter(&presenter, s, grp_session_id(x)));
            const char *name = name_of(presenter);
            printf("%s %02d/%02d %.*s", n++ ? "," : "", start.day, start.month, (int)strcspn(name, " "), name);
        }
        grp_session_free(x);
    }
    CHECK_END(rc);
    grp_session_iterator_free(it);
    printf("\n");
}

/* Each supervisee reads their own log: hours are their professional record. */
static void print_hours(grp_store *s, const int *people, int n)
{
    char a[48], b[48], c[48], d[48], e[48];
    printf("    %-18s %10s %10s %10s %10s %10s\n", "", "attended", "individual", "group", "credited", "signed off");
    for (int i = 0; i < n; i++) {
        grp_actor me = grp_actor_person(staff[people[i]].id);
        grp_report *r;
        CHECK(grp_report_hours(&r, s, &me, staff[people[i]].id, grp_date_make(YEAR, 1, 1),
                               grp_date_make(YEAR, 12, 31)));
        /* The last three rows are the totals: individual, group, all kinds. */
        size_t rows = grp_report_row_count(r);
        printf("    %-18s %10s %10s %10s %10s %10s\n", staff[people[i]].name,
               hours_minutes(cell(r, rows - 1, "minutes"), a, sizeof a),
               hours_minutes(cell(r, rows - 3, "credited"), b, sizeof b),
               hours_minutes(cell(r, rows - 2, "credited"), c, sizeof c),
               hours_minutes(cell(r, rows - 1, "credited"), d, sizeof d),
               hours_minutes(cell(r, rows - 1, "credited_signed"), e, sizeof e));
        grp_report_free(r);
    }
}

static void print_goals(grp_store *s, int viewer, grp_id group, const char *label)
{
    grp_actor who = grp_actor_person(staff[viewer].id);
    grp_report *r;
    char pct[8];
    CHECK(grp_report_goals(&r, s, &who, group, grp_date_make(YEAR, 12, 31)));
    printf("  %s, as %s sees them:\n", label, staff[viewer].name);
    for (size_t row = 0; row < grp_report_row_count(r); row++) {
        const char *p = cell(r, row, "percent");
        snprintf(pct, sizeof pct, "%s%%", p ? p : "0");
        printf("    %-16s %-52s %-9s %4s  steps %s/%s%s\n", cell(r, row, "owner"), cell(r, row, "title"),
               cell(r, row, "status"), pct, cell(r, row, "steps_done"), cell(r, row, "steps_total"),
               strcmp(cell(r, row, "overdue"), "true") == 0 ? "  OVERDUE" : "");
    }
    grp_report_free(r);
}

static void print_progress(grp_store *s, int viewer, grp_id goal)
{
    grp_actor who = grp_actor_person(staff[viewer].id);
    grp_goal_progress_iterator *it;
    grp_goal_progress *p;
    grp_goal *g;
    char day[16];
    int rc;
    CHECK(grp_goal_get(&g, s, &who, goal));
    printf("  Progress history of \"%s\" (%s):\n", grp_goal_title(g), name_of(grp_goal_owner_id(g)));
    for (size_t i = 0; i < grp_goal_step_count(g); i++) {
        grp_date_format(day, sizeof day, grp_goal_step_due(g, i));
        printf("    step %zu: [%s] %s (due %s)\n", i + 1, grp_goal_step_done(g, i) ? "x" : " ",
               grp_goal_step_title(g, i), day);
    }
    grp_goal_free(g);
    CHECK(grp_goal_progress_iterator_new(&it, s, &who, goal));
    while ((rc = grp_goal_progress_iterator_next(&p, it)) == 0) {
        grp_date_format(day, sizeof day, grp_goal_progress_date(p));
        printf("    %s %3d%%  %s\n", day, grp_goal_progress_percent(p),
               grp_goal_progress_note(p) ? grp_goal_progress_note(p) : "");
        grp_goal_progress_free(p);
    }
    CHECK_END(rc);
    grp_goal_progress_iterator_free(it);
}

/* ---- who sees what -------------------------------------------------------------------- */

/* One cell of the side-by-side table: what one actor gets from one call.
 * Refusals are part of the answer; any other failure ends the demo. */
typedef void (*view_fn)(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id subject);

static int refused(int rc, grp_store *s, char *out, size_t size)
{
    if (rc == GRP_EACCESS)
        snprintf(out, size, "no access");
    else if (rc == GRP_ESUPPRESSED)
        snprintf(out, size, "suppressed: under %d responses", grp_store_min_cohort(s));
    else
        CHECK(rc);
    return rc < 0;
}

static void view_attendance(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id group)
{
    grp_report *r;
    char pct[8];
    if (refused(grp_report_attendance(&r, s, who, group, utc(YEAR, 1, 1), utc(YEAR + 1, 1, 1)), s, out, size))
        return;
    size_t rows = grp_report_row_count(r);
    snprintf(out, size, "%zu member%s, group rate %s", rows - 1, rows == 2 ? "" : "s",
             percent(cell(r, rows - 1, "attendance_rate"), pct, sizeof pct));
    grp_report_free(r);
}

static void view_changes(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id group)
{
    grp_report *r;
    int rc = grp_report_membership_changes(&r, s, who, group, grp_date_make(YEAR, 2, 1), grp_date_make(YEAR, 12, 31));
    if (refused(rc, s, out, size))
        return;
    out[0] = '\0';
    for (size_t row = 0; row < grp_report_row_count(r); row++) {
        const char *name = cell(r, row, "person");
        size_t used = strlen(out);
        /* "waitlisted H., left G., ...": initials keep the table narrow */
        snprintf(out + used, size - used, "%s%s %.1s.", row ? ", " : "", cell(r, row, "change"), name);
    }
    grp_report_free(r);
}

/* The feedback summary over a scope: the whole year of a group, or one session. */
static void feedback_summary(char *out, size_t size, grp_store *s, const grp_actor *who,
                             const grp_feedback_scope *scope)
{
    grp_feedback_summary *sum;
    if (refused(grp_feedback_summary_get(&sum, s, who, scope), s, out, size))
        return;
    snprintf(out, size, "%d responses, \"safe to share\" %.1f/5", grp_feedback_summary_responses(sum),
             grp_feedback_summary_mean(sum, 0));
    grp_feedback_summary_free(sum);
}

static void view_feedback_year(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id group)
{
    grp_feedback_scope scope = GRP_FEEDBACK_SCOPE_INIT;
    scope.group_id = group;
    feedback_summary(out, size, s, who, &scope);
}

static void view_feedback_session(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id session)
{
    grp_feedback_scope scope = GRP_FEEDBACK_SCOPE_INIT;
    scope.session_id = session;
    feedback_summary(out, size, s, who, &scope);
}

/* Individual responses of every session of the year (lists skip silently
 * what the actor may not read, so "0" here means "none readable"). */
static void view_responses(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id group)
{
    grp_session_iterator *it;
    grp_session *x;
    int total = 0, anonymous = 0, texts = 0, rc;
    CHECK(grp_session_iterator_new(&it, s, group, utc(YEAR, 1, 1), utc(YEAR + 1, 1, 1)));
    while ((rc = grp_session_iterator_next(&x, it)) == 0) {
        grp_feedback_response_iterator *rit;
        grp_feedback_response *resp;
        if (grp_session_id(x)) {
            CHECK(grp_feedback_response_iterator_new(&rit, s, who, grp_session_id(x)));
            while ((rc = grp_feedback_response_iterator_next(&resp, rit)) == 0) {
                total++;
                anonymous += grp_feedback_response_person_id(resp) == 0;
                texts += grp_feedback_response_text(resp) != NULL;
                grp_feedback_response_free(resp);
            }
            CHECK_END(rc);
            grp_feedback_response_iterator_free(rit);
        }
        grp_session_free(x);
    }
    CHECK_END(rc);
    grp_session_iterator_free(it);
    snprintf(out, size, total ? "%d (%d anonymous), %d comments" : "none", total, anonymous, texts);
}

static void view_goals(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id group)
{
    grp_report *r;
    if (refused(grp_report_goals(&r, s, who, group, grp_date_make(YEAR, 12, 31)), s, out, size))
        return;
    snprintf(out, size, "%zu shared with them", grp_report_row_count(r));
    grp_report_free(r);
}

static void view_themes(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id org)
{
    grp_theme_iterator *it;
    grp_theme *t;
    int rc;
    out[0] = '\0';
    CHECK(grp_theme_iterator_new(&it, s, who, org, 0));
    while ((rc = grp_theme_iterator_next(&t, it)) == 0) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s\"%s\" [%s]", used ? "; " : "", grp_theme_title(t),
                 grp_theme_status_name(grp_theme_status_of(t)));
        grp_theme_free(t);
    }
    CHECK_END(rc);
    grp_theme_iterator_free(it);
    if (!out[0])
        snprintf(out, size, "none");
}

static void view_hours(char *out, size_t size, grp_store *s, const grp_actor *who, grp_id person)
{
    grp_report *r;
    char h[48];
    int rc = grp_report_hours(&r, s, who, person, grp_date_make(YEAR, 1, 1), grp_date_make(YEAR, 12, 31));
    if (refused(rc, s, out, size))
        return;
    size_t rows = grp_report_row_count(r);
    snprintf(out, size, "%zu entries, %s credited", rows - 3,
             hours_minutes(cell(r, rows - 1, "credited"), h, sizeof h));
    grp_report_free(r);
}

typedef struct view_row {
    const char *label;
    view_fn fn;
    grp_id subject;
} view_row;

static void side_by_side(grp_store *s, const char *title, int left, const char *left_as, int right,
                         const char *right_as, const view_row *rows, int n)
{
    grp_actor a = grp_actor_person(staff[left].id), b = grp_actor_person(staff[right].id);
    char l[256], r[256], head_l[96], head_r[96];
    snprintf(head_l, sizeof head_l, "%s (%s)", staff[left].name, left_as);
    snprintf(head_r, sizeof head_r, "%s (%s)", staff[right].name, right_as);
    printf("\n%s\n  %-24s %-40s %s\n", title, "", head_l, head_r);
    for (int i = 0; i < n; i++) {
        rows[i].fn(l, sizeof l, s, &a, rows[i].subject);
        rows[i].fn(r, sizeof r, s, &b, rows[i].subject);
        printf("  %-24s %-40s %s\n", rows[i].label, l, r);
    }
}

/* ---- the calendar ------------------------------------------------------------------- */

/* One .ics with the three groups' schedules: one VCALENDAR, one VTIMEZONE
 * per zone the groups use, each group's events as in its own calendar. */
static void write_calendar(grp_store *s, const grp_id *groups, int n, const char *path)
{
    grp_ical_options opts = GRP_ICAL_OPTIONS_INIT;
    char *doc;
    FILE *f;
    opts.dtstamp = utc(YEAR, 1, 1); /* fixed, so that a rerun writes the same file */
    opts.uid_domain = "demo.libgrp.example";
    CHECK(grp_ical_export_groups(&doc, s, groups, (size_t)n, &opts));
    if (!(f = fopen(path, "wb")) || fputs(doc, f) == EOF || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    grp_free(doc);
}

/* ---- the programme ---------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    char db[4096], wal[4112], shm[4112], json[4096], ics[4096];
    grp_store *s;
    grp_org *o;
    grp_id org[2];
    grp_actor system = grp_actor_system();

    snprintf(db, sizeof db, "%s/demo.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", db);
    snprintf(shm, sizeof shm, "%s-shm", db);
    snprintf(json, sizeof json, "%s/demo.json", dir);
    snprintf(ics, sizeof ics, "%s/demo.ics", dir);
    /* A rerun starts from scratch (a missing file is not an error here). */
    remove(db);
    remove(wal);
    remove(shm);
    remove(json);
    remove(ics);

    CHECK(grp_store_open(&s, db, NULL));
    /* The whole year is written in one transaction: all or nothing, and fast. */
    CHECK(grp_store_begin(s));

    CHECK(grp_org_create(&o, s, "Northfield University", "northfield"));
    org[NU] = grp_org_id(o);
    grp_org_free(o);
    CHECK(grp_org_create(&o, s, "Harbour Counselling Service", "harbour"));
    org[HCS] = grp_org_id(o);
    grp_org_free(o);
    create_staff(s, org);
    /* The administrators read membership, attendance, aggregates and themes
     * of their organisation's groups: never what a member wrote. */
    CHECK(grp_org_admin_add(s, org[NU], staff[KAREN].id));
    CHECK(grp_org_admin_add(s, org[HCS], staff[TOM].id));

    /* 1. The university's reflective-practice group: monthly, online, for
     *    student-facing roles only, eight seats with a waitlist. Its
     *    facilitator is external (Harbour's clinical lead): facilitators
     *    are not bound by the organisation and role rules. */
    const char *grp_roles[] = {"student support adviser", "appeals and complaints officer", "student welfare officer",
                               "disability adviser", "mediation officer", "staff wellbeing adviser"};
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    gs.org_id = org[NU];
    gs.name = "Student-facing staff GRP";
    gs.kind = GRP_KIND_REFLECTIVE_PRACTICE;
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity_policy = GRP_CAPACITY_WAITLIST;
    gs.eligible_roles.strings = (char **)grp_roles;
    gs.eligible_roles.count = sizeof grp_roles / sizeof *grp_roles;
    gs.delivery = GRP_DELIVERY_ONLINE;
    gs.meeting_link = "https://meet.northfield.example/grp-student-facing";
    gs.timezone = "Europe/London";
    gs.session_minutes = 90;
    grp_id reflective = create_group(s, &gs);
    join(s, reflective, LENA, grp_date_make(YEAR, 1, 1), GRP_ROLE_FACILITATOR);
    for (int who = ASHA; who <= UMA; who++)
        join(s, reflective, who, grp_date_make(YEAR, 1, 1), GRP_ROLE_MEMBER);
    set_cadence(s, reflective, "FREQ=MONTHLY;BYDAY=1TU", grp_date_make(YEAR, 1, 1), 14, 90);

    /* 2. Group supervision: every two months, face to face at Harbour,
     *    open to counsellors of other organisations; one member presents a
     *    case each time. Credited by the BACP rule (see hours.h). */
    gs = (grp_group_spec)GRP_GROUP_SPEC_INIT;
    gs.org_id = org[HCS];
    gs.name = "Counsellors' group supervision";
    gs.kind = GRP_KIND_GROUP_SUPERVISION;
    gs.status = GRP_STATUS_ACTIVE;
    gs.allow_other_orgs = 1;
    gs.quorum = 3;
    gs.location = "Harbour House, 14 Quay Street: group room";
    gs.timezone = "Europe/London";
    gs.session_minutes = 120;
    grp_id supervision = create_group(s, &gs);
    grp_hours_rule bacp = GRP_HOURS_RULE_INIT;
    bacp.mode = GRP_HOURS_BACP;
    CHECK(grp_hours_rule_set(s, supervision, &bacp));
    join(s, supervision, MARCUS, grp_date_make(YEAR, 1, 1), GRP_ROLE_FACILITATOR);
    const int supervisees[] = {IMRAN, JULIA, NADIA, OWEN, PRIYA, SAM};
    for (int i = 0; i < 6; i++)
        join(s, supervision, supervisees[i], grp_date_make(YEAR, 1, 1), GRP_ROLE_MEMBER);
    set_cadence(s, supervision, "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE", grp_date_make(YEAR, 1, 1), 10, 120);

    /* 3. Clinical supervision: one supervisor, one supervisee, weekly;
     *    every minute counts as individual supervision. */
    gs = (grp_group_spec)GRP_GROUP_SPEC_INIT;
    gs.org_id = org[HCS];
    gs.name = "Clinical supervision: Sam Okafor";
    gs.kind = GRP_KIND_CLINICAL_SUPERVISION;
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = 1;
    gs.location = "Harbour House, 14 Quay Street: supervision room 2";
    gs.timezone = "Europe/London";
    gs.session_minutes = 60;
    grp_id clinical = create_group(s, &gs);
    grp_hours_rule individual = GRP_HOURS_RULE_INIT;
    individual.mode = GRP_HOURS_INDIVIDUAL;
    CHECK(grp_hours_rule_set(s, clinical, &individual));
    join(s, clinical, MARCUS, grp_date_make(YEAR, 1, 1), GRP_ROLE_FACILITATOR);
    join(s, clinical, SAM, grp_date_make(YEAR, 1, 1), GRP_ROLE_MEMBER);
    set_cadence(s, clinical, "FREQ=WEEKLY;BYDAY=TH", grp_date_make(YEAR, 1, 8), 9, 60);

    /* The calendar changes during the year. */
    CHECK(grp_session_cancel(s, session_at(s, reflective, 8, 4, 14), "summer break"));
    CHECK(grp_session_cancel(s, session_at(s, clinical, 8, 6, 9), "supervisor on annual leave"));
    CHECK(grp_session_cancel(s, session_at(s, clinical, 8, 13, 9), "supervisor on annual leave"));
    CHECK(grp_session_cancel(s, session_at(s, clinical, 12, 24, 9), "Christmas closure"));
    CHECK(grp_session_cancel(s, session_at(s, clinical, 12, 31, 9), "Christmas closure"));
    CHECK(grp_session_move(s, session_at(s, supervision, 11, 11, 10), (grp_datetime){YEAR, 11, 18, 10, 0, 0}, 0));

    /* Membership changes. Victor joins supervision in the spring. Hannah
     * asks to join the full GRP in March and is waitlisted; George leaves
     * at the end of June and the waitlist gives Hannah his seat that day. */
    join(s, supervision, VICTOR, grp_date_make(YEAR, 4, 1), GRP_ROLE_MEMBER);
    grp_membership *hannah;
    CHECK(grp_member_join(&hannah, s, reflective, staff[HANNAH].id, grp_date_make(YEAR, 3, 2), NULL));
    if (grp_membership_state_of(hannah) != GRP_MSTATE_WAITLISTED) {
        fprintf(stderr, "demo: expected Hannah to be waitlisted, got %s\n",
                grp_membership_state_name(grp_membership_state_of(hannah)));
        return 1;
    }
    grp_membership_free(hannah);
    size_t promoted;
    CHECK(grp_member_leave(&promoted, s, reflective, staff[GEORGE].id, grp_date_make(YEAR, 6, 30),
                           "moved to a role outside student services"));

    /* Case presenters for the year's supervision sessions, by the rota rule. */
    CHECK(grp_rota_plan(NULL, s, supervision, utc(YEAR, 1, 1), utc(YEAR + 1, 1, 1)));

    /* The year's sessions: attendance and feedback. */
    run_year(s, reflective, staff[LENA].id);
    run_year(s, supervision, staff[MARCUS].id);
    run_year(s, clinical, staff[MARCUS].id);

    /* Supervision hours: signed off monthly. In April Sam points out that
     * the 12 March session ran to 90 minutes (a risk assessment could not
     * wait); the signed entry cannot change, so a correction is added and
     * signed too. */
    for (int i = 0; i < 6; i++)
        sign_off(s, supervisees[i], staff[MARCUS].id);
    sign_off(s, VICTOR, staff[MARCUS].id);
    grp_id march = hours_entry_of(s, SAM, session_at(s, clinical, 3, 12, 9)), fix;
    CHECK(grp_hours_correct(&fix, s, march, 30, 30, "session extended to 90 minutes for a risk assessment"));
    CHECK(grp_hours_sign(s, fix, staff[MARCUS].id, grp_date_make(YEAR, 4, 2)));

    /* Goals, with action plans, reviewed in sessions. Each member chooses
     * who may read theirs. */
    const plan_step asha_plan[] = {{"Set an auto-reply after 6pm", 2, 28, 1},
                                   {"Agree cover for urgent cases with my team leader", 4, 30, 1},
                                   {"Review how it is going with the group", 6, 30, 1}};
    grp_id asha_goal = set_goal(s, ASHA, reflective, "Hold boundaries with out-of-hours emails",
                                GRP_VISIBLE_FACILITATORS, grp_date_make(YEAR, 9, 30), asha_plan, 3);
    review(s, ASHA, asha_goal, reflective, 2, 3, 14, 20, "Auto-reply on; still checking email at night.");
    review(s, ASHA, asha_goal, reflective, 4, 7, 14, 50, "Cover agreed for urgent cases.");
    review(s, ASHA, asha_goal, reflective, 6, 2, 14, 80, "Evenings mostly offline.");
    review(s, ASHA, asha_goal, reflective, 9, 1, 14, 100, "Held through clearing week.");
    grp_actor asha = grp_actor_person(staff[ASHA].id);
    CHECK(grp_goal_set_status(s, &asha, asha_goal, GRP_GOAL_ACHIEVED));

    const plan_step dev_plan[] = {{"Ask the welfare manager for a debrief slot", 3, 31, 1},
                                  {"Debrief within 48 hours of each safeguarding call", 11, 30, 0}};
    grp_id dev_goal = set_goal(s, DEV, reflective, "Debrief after safeguarding calls", GRP_VISIBLE_GROUP,
                               grp_date_make(YEAR, 12, 31), dev_plan, 2);
    review(s, DEV, dev_goal, reflective, 5, 5, 14, 40, NULL);
    review(s, DEV, dev_goal, reflective, 10, 6, 14, 60, "Debriefs happen, but not always within 48 hours.");

    const plan_step chloe_plan[] = {{"Write up each appeal hearing the same day", 12, 31, 0}};
    grp_id chloe_goal = set_goal(s, CHLOE, reflective, "Keep a reflective journal after appeal hearings",
                                 GRP_VISIBLE_PRIVATE, grp_date_make(YEAR, 12, 31), chloe_plan, 1);
    review(s, CHLOE, chloe_goal, reflective, 3, 3, 14, 30, NULL);

    const plan_step sam_plan[] = {{"Read the service's risk-assessment protocol", 1, 31, 1},
                                  {"Co-work two risk assessments with my supervisor", 4, 30, 1},
                                  {"Present a self-harm case in group supervision", 7, 8, 1},
                                  {"Lead a risk assessment on my own", 12, 31, 0}};
    grp_id sam_goal = set_goal(s, SAM, clinical, "Build confidence with clients who self-harm",
                               GRP_VISIBLE_FACILITATORS, grp_date_make(YEAR + 1, 3, 31), sam_plan, 4);
    review(s, SAM, sam_goal, clinical, 1, 29, 9, 15, "Protocol read; questions listed for supervision.");
    review(s, SAM, sam_goal, clinical, 4, 30, 9, 45, "Two assessments co-worked.");
    review(s, SAM, sam_goal, clinical, 7, 9, 9, 65, "Presented in group supervision; useful challenge.");
    review(s, SAM, sam_goal, clinical, 11, 26, 9, 75, NULL);

    /* Themes: what a group chooses to raise to its organisation, with no
     * names. A member records it; the facilitator raises it; in October
     * the university responds and the facilitator marks it resolved. */
    grp_actor dev = grp_actor_person(staff[DEV].id), lena = grp_actor_person(staff[LENA].id);
    grp_actor marcus = grp_actor_person(staff[MARCUS].id);
    grp_id theme;
    CHECK(grp_theme_raise(&theme, s, &dev, reflective, session_at(s, reflective, 5, 5, 14),
                          "Out-of-hours crisis calls",
                          "Calls from students in crisis after 5pm fall to whoever is still in the office; "
                          "there is no agreed route to the out-of-hours service."));
    CHECK(grp_theme_set_status(s, &lena, theme, GRP_THEME_RAISED));
    CHECK(grp_theme_set_status(s, &lena, theme, GRP_THEME_RESOLVED));
    CHECK(grp_theme_raise(&theme, s, &marcus, supervision, session_at(s, supervision, 7, 8, 10),
                          "Waits for first assessments",
                          "Clients wait longer for a first assessment; counsellors carry more risk meanwhile."));
    CHECK(grp_theme_set_status(s, &marcus, theme, GRP_THEME_RAISED));

    CHECK(grp_store_commit(s));

    /* ---- the summary ---- */
    printf("libgrp demo: a year (%d) of reflective practice and supervision\n", YEAR);
    int counts[2] = {0, 0};
    for (int i = 0; i < STAFF_COUNT; i++)
        counts[staff[i].org]++;
    printf("  Northfield University (%d staff) and Harbour Counselling Service (%d staff)\n", counts[NU], counts[HCS]);
    print_group(s, reflective, "monthly, online", LENA);
    print_group(s, supervision, "every two months, face to face, open to both organisations", MARCUS);
    print_group(s, clinical, "weekly, face to face, one to one", MARCUS);
    printf("  30 June: George Mensah left the GRP, and the waitlist gave his seat to Hannah Brooks (%zu promoted)\n",
           promoted);

    printf("\nAttendance in %d (grp_report_attendance)\n", YEAR);
    print_attendance(s, reflective, "Student-facing staff GRP");
    print_attendance(s, supervision, "Counsellors' group supervision");
    print_presenters(s, supervision);
    print_attendance(s, clinical, "Clinical supervision: Sam Okafor");

    printf("\nSupervision hours in %d (grp_report_hours, each supervisee's own log)\n", YEAR);
    const int logged[] = {IMRAN, JULIA, NADIA, OWEN, PRIYA, SAM, VICTOR};
    print_hours(s, logged, 7);
    int credited;
    CHECK(grp_hours_credit(&credited, NULL, &bacp, 120, 6));
    printf("    (group supervision is credited by the BACP rule: 120 minutes with 6 present count %d each)\n",
           credited);

    printf("\nGoals at the end of %d (grp_report_goals)\n", YEAR);
    print_goals(s, LENA, reflective, "Student-facing staff GRP");
    print_goals(s, MARCUS, clinical, "Clinical supervision");
    print_progress(s, LENA, asha_goal);

    grp_id july = session_at(s, reflective, 7, 7, 14);
    const view_row grp_rows[] = {
        {"membership changes", view_changes, reflective},
        {"attendance", view_attendance, reflective},
        {"feedback, whole year", view_feedback_year, reflective},
        {"feedback, July session", view_feedback_session, july},
        {"individual responses", view_responses, reflective},
        {"members' goals", view_goals, reflective},
        {"themes (university)", view_themes, org[NU]},
    };
    side_by_side(s, "Who sees what: the Student-facing staff GRP", LENA, "facilitator", KAREN, "university admin",
                 grp_rows, (int)(sizeof grp_rows / sizeof *grp_rows));
    const view_row sam_rows[] = {
        {"attendance", view_attendance, clinical},
        {"Sam's supervision hours", view_hours, staff[SAM].id},
        {"feedback on one session", view_feedback_session, session_at(s, clinical, 3, 12, 9)},
        {"individual responses", view_responses, clinical},
        {"Sam's goals", view_goals, clinical},
        {"themes (Harbour)", view_themes, org[HCS]},
    };
    side_by_side(s, "Who sees what: Sam Okafor's clinical supervision", MARCUS, "supervisor", TOM, "Harbour admin",
                 sam_rows, (int)(sizeof sam_rows / sizeof *sam_rows));

    /* ---- the files ---- */
    grp_json_export_options jo = GRP_JSON_EXPORT_OPTIONS_INIT;
    jo.pretty = 1;
    CHECK(grp_json_export_to_file(json, s, &system, &jo)); /* everything: the system actor only */
    const grp_id all[] = {reflective, supervision, clinical};
    write_calendar(s, all, 3, ics);
    printf("\nFiles written (in %s):\n", strcmp(dir, ".") == 0 ? "the current directory" : dir);
    printf("  demo.db    the store (one SQLite file)\n");
    printf("  demo.json  the whole store as a libgrp JSON document (grp_json_export)\n");
    printf("  demo.ics   the three groups' schedules as one iCalendar file (grp_ical_export_groups)\n");

    grp_store_close(s);
    return 0;
}
