/* grpctl: cadences, sessions and attendance. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char *session_status_word(int v) { return grp_session_status_name((grp_session_status)v); }
static const char *attend_word(int v) { return grp_attendance_status_name((grp_attendance_status)v); }

/* ---- cadence ------------------------------------------------------------ */

static const gc_col cadence_cols[] = {
    {"id", GC_ID},      {"group_id", GC_ID},     {"rrule", GC_TEXT}, {"first_date", GC_DATE},
    {"until", GC_DATE}, {"start_time", GC_TEXT}, {"minutes", GC_INT}, {"timezone", GC_TEXT},
};

static void cadence_row(gc_table *t, const grp_cadence *c)
{
    char hm[8];

    snprintf(hm, sizeof hm, "%02d:%02d", grp_cadence_start_hour(c) % 100, grp_cadence_start_minute(c) % 100);
    gc_table_row(t);
    gc_set_id(t, 0, grp_cadence_id(c));
    gc_set_id(t, 1, grp_cadence_group_id(c));
    gc_set(t, 2, grp_cadence_rrule(c));
    gc_set_date(t, 3, grp_cadence_first_date(c));
    gc_set_date(t, 4, grp_cadence_until(c));
    gc_set(t, 5, hm);
    gc_set_int(t, 6, grp_cadence_duration(c));
    gc_set(t, 7, grp_cadence_timezone(c));
}

GC_DEFINE_KIND(cadence_kind, grp_cadence, grp_cadence_free, grp_cadence_iterator, cadence_row(t, rec), cadence_cols,
               GC_COUNT(cadence_cols), "cannot list the cadence");

static int cadence_set(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"start", 1}, {"time", 1}, {"minutes", 1}, {"tz", 1}};
    grp_cadence_spec spec = GRP_CADENCE_SPEC_INIT;
    grp_cadence *c = NULL;
    grp_id group;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 2, 2, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0)
        return ctx->exit;
    if (!o[0].value)
        return gc_usage(ctx, "missing --start DATE (the date of the first session)");
    if (!o[1].value)
        return gc_usage(ctx, "missing --time HH:MM (the local start time)");
    if (gc_date(ctx, o[0].value, "start date", &spec.first_date) != 0 ||
        gc_clock(ctx, o[1].value, "time", &spec.start_hour, &spec.start_minute) != 0 ||
        (o[2].value && gc_int(ctx, o[2].value, "minutes", 1, 1440, &spec.duration_minutes) != 0) ||
        gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    spec.rrule = argv[1];
    spec.timezone = o[3].value;
    rc = grp_cadence_set(&c, ctx->store, group, &spec);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot set the cadence of group %lld", (long long)group);
    rc = gc_emit_one(ctx, &cadence_kind, c);
    grp_cadence_free(c);
    return rc;
}

static int cadence_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_cadence_iterator *it = NULL;
    grp_id group;
    int rc;

    if (gc_one_id(ctx, argc, argv, "group id", GC_READ, &group) != 0)
        return ctx->exit;
    rc = grp_cadence_iterator_new(&it, ctx->store, group);
    return gc_run_list(ctx, rc, it, &cadence_kind, 0, "cannot list the cadence of group %lld", (long long)group);
}

static int cadence_end(gc_ctx *ctx, int argc, char **argv)
{
    grp_id group;
    grp_date date;
    int n, rc;

    if (gc_parse(ctx, argc, argv, NULL, 0, 2, 2, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0 ||
        gc_date(ctx, argv[1], "date", &date) != 0 || gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_cadence_end(ctx->store, group, date);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot end the cadence of group %lld", (long long)group);
    return gc_say(ctx, "group %lld has no scheduled sessions from %s", (long long)group, argv[1]);
}

/* ---- sessions ----------------------------------------------------------- */

static const gc_col session_cols[] = {
    {"session", GC_TEXT}, {"id", GC_ID},          {"group_id", GC_ID},     {"start_local", GC_TEXT},
    {"start", GC_TEXT},   {"minutes", GC_INT},    {"status", GC_TEXT},     {"timezone", GC_TEXT},
    {"location", GC_TEXT}, {"expected", GC_INT},  {"under_quorum", GC_BOOL}, {"moved", GC_BOOL},
    {"adhoc", GC_BOOL},   {"reason", GC_TEXT},
};

static void session_row(gc_table *t, const grp_session *s)
{
    char ref[64], occ[32];

    /* The reference other commands take: the id of an ad-hoc session, else GROUP@OCCURRENCE. */
    if (grp_session_adhoc(s) || grp_datetime_format(occ, sizeof occ, grp_session_occurrence(s)) != 0)
        snprintf(ref, sizeof ref, "%lld", (long long)grp_session_id(s));
    else
        snprintf(ref, sizeof ref, "%lld@%.16s", (long long)grp_session_group_id(s), occ);
    gc_table_row(t);
    gc_set(t, 0, ref);
    gc_set_id(t, 1, grp_session_id(s));
    gc_set_id(t, 2, grp_session_group_id(s));
    gc_set_datetime(t, 3, grp_session_start_local(s));
    gc_set_time(t, 4, grp_session_start(s));
    gc_set_int(t, 5, grp_session_duration(s));
    gc_set(t, 6, session_status_word(grp_session_status_of(s)));
    gc_set(t, 7, grp_session_timezone(s));
    gc_set(t, 8, grp_session_location(s));
    gc_set_int(t, 9, grp_session_expected(s));
    gc_set_bool(t, 10, grp_session_under_quorum(s));
    gc_set_bool(t, 11, grp_session_moved(s));
    gc_set_bool(t, 12, grp_session_adhoc(s));
    gc_set(t, 13, grp_session_reason(s));
}

/* The short form for lists. */
static const size_t session_list_cols = 8;

GC_DEFINE_KIND(session_kind, grp_session, grp_session_free, grp_session_iterator, session_row(t, rec), session_cols,
               GC_COUNT(session_cols), "cannot list sessions");

GC_DEFINE_SHOW(show_session, session_kind, grp_session, grp_session_get, grp_session_free, "no session %lld")

static int sessions(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"long", 0}};
    grp_session_iterator *it = NULL;
    grp_id group;
    grp_time from, to;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 3, 3, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0 ||
        gc_instant(ctx, argv[1], "FROM", &from) != 0 || gc_instant(ctx, argv[2], "TO", &to) != 0 ||
        gc_open(ctx, GC_READ) != 0)
        return ctx->exit;
    rc = grp_session_iterator_new(&it, ctx->store, group, from, to);
    return gc_run_list(ctx, rc, it, &session_kind, o[0].seen ? 0 : session_list_cols,
                       "cannot list the sessions of group %lld", (long long)group);
}

static int session_show(gc_ctx *ctx, int argc, char **argv)
{
    grp_id id;

    return gc_one_session(ctx, argc, argv, &id) ? ctx->exit : show_session(ctx, id);
}

static int session_add(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"minutes", 1}};
    grp_id group, id;
    grp_datetime start;
    int n, minutes = 0, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 2, 2, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0 ||
        gc_datetime(ctx, argv[1], "start", &start) != 0 ||
        (o[0].value && gc_int(ctx, o[0].value, "minutes", 1, 1440, &minutes) != 0) || gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_session_add(&id, ctx->store, group, start, minutes);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot add a session to group %lld", (long long)group);
    return show_session(ctx, id);
}

static int session_cancel(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"reason", 1}};
    grp_id id;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_open(ctx, GC_WRITE) != 0 ||
        gc_session_ref(ctx, argv[0], &id) != 0)
        return ctx->exit;
    rc = grp_session_cancel(ctx->store, id, o[0].value);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot cancel session %s", argv[0]);
    return show_session(ctx, id);
}

static int session_status(gc_ctx *ctx, int argc, char **argv)
{
    grp_id id;
    int n, v, rc;

    if (gc_parse(ctx, argc, argv, NULL, 0, 2, 2, &n) != 0 ||
        gc_word(ctx, argv[1], "session status", session_status_word, &v) != 0 || gc_open(ctx, GC_WRITE) != 0 ||
        gc_session_ref(ctx, argv[0], &id) != 0)
        return ctx->exit;
    rc = grp_session_set_status(ctx->store, id, (grp_session_status)v);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot set the status of session %s", argv[0]);
    return show_session(ctx, id);
}

/* ---- attendance --------------------------------------------------------- */

static const gc_col attendance_cols[] = {
    {"session_id", GC_ID}, {"person_id", GC_ID}, {"person", GC_TEXT}, {"status", GC_TEXT},
    {"minutes", GC_INT},   {"recorded_by", GC_ID},
};

static int attend(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"minutes", 1}, {"by", 1}};
    grp_id session, person, by = 0;
    int n, v, minutes = -1, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 3, 3, &n) != 0 || gc_id(ctx, argv[1], "person id", &person) != 0 ||
        gc_word(ctx, argv[2], "attendance status", attend_word, &v) != 0 ||
        (o[0].value && gc_int(ctx, o[0].value, "minutes", 0, 1440, &minutes) != 0) ||
        (o[1].value && gc_id(ctx, o[1].value, "recorder id", &by) != 0))
        return ctx->exit;
    /* -1 means "the whole session" for those who attended, 0 for those who did not. */
    if (!o[0].value && v != GRP_ATTEND_PRESENT && v != GRP_ATTEND_LATE && v != GRP_ATTEND_LEFT_EARLY)
        minutes = 0;
    if (!o[0].value && (v == GRP_ATTEND_LATE || v == GRP_ATTEND_LEFT_EARLY))
        return gc_usage(ctx, "'%s' needs --minutes N (the minutes attended)", argv[2]);
    if (gc_open(ctx, GC_WRITE) != 0 || gc_session_ref(ctx, argv[0], &session) != 0)
        return ctx->exit;
    rc = grp_attendance_record(ctx->store, session, person, (grp_attendance_status)v, minutes, by);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot record attendance of person %lld at session %s", (long long)person, argv[0]);
    return gc_say(ctx, "recorded person %lld as %s at session %lld", (long long)person, argv[2], (long long)session);
}

static void attendance_row(gc_ctx *ctx, gc_table *t, const grp_attendance *a)
{
    gc_table_row(t);
    gc_set_id(t, 0, grp_attendance_session_id(a));
    gc_set_id(t, 1, grp_attendance_person_id(a));
    gc_set_person_name(ctx, t, 2, grp_attendance_person_id(a));
    gc_set(t, 3, attend_word(grp_attendance_status_of(a)));
    gc_set_int(t, 4, grp_attendance_minutes(a));
    gc_set_id(t, 5, grp_attendance_recorded_by(a));
}

GC_DEFINE_KIND(attendance_kind, grp_attendance, grp_attendance_free, grp_attendance_iterator,
               attendance_row(ctx, t, rec), attendance_cols, GC_COUNT(attendance_cols), "cannot list attendance");

static int attendance_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_attendance_iterator *it = NULL;
    grp_id session;
    int rc;

    if (gc_one_session(ctx, argc, argv, &session) != 0)
        return ctx->exit;
    rc = grp_attendance_iterator_new(&it, ctx->store, session);
    return gc_run_list(ctx, rc, it, &attendance_kind, 0, "cannot list attendance of session %s", argv[0]);
}

const gc_command gc_session_commands[] = {
    {"cadence set", "GROUP RRULE --start DATE --time HH:MM [--minutes N] [--tz ZONE]",
     "Set GROUP's cadence from DATE on: an RFC 5545 rule such as FREQ=MONTHLY;BYDAY=1TU,\n"
     "starting at local time HH:MM, --minutes long (default: the group's session length),\n"
     "in --tz (default: the group's zone). Sessions before DATE are untouched.",
     cadence_set},
    {"cadence list", "GROUP", "List GROUP's cadence segments, oldest first.", cadence_list},
    {"cadence end", "GROUP DATE", "Stop scheduling GROUP's sessions from DATE on.", cadence_end},
    {"sessions", "GROUP FROM TO [--long]",
     "List GROUP's sessions starting in [FROM, TO): the cadence's occurrences and ad-hoc\n"
     "sessions. The 'session' column is what other commands take as SESSION. --long: all columns.",
     sessions},
    {"session show", "SESSION", "Show one session (stored if it was not yet).", session_show},
    {"session add", "GROUP YYYY-MM-DDTHH:MM [--minutes N]", "Add an ad-hoc session at a local time.", session_add},
    {"session cancel", "SESSION [--reason TEXT]", "Cancel a session in advance.", session_cancel},
    {"session status", "SESSION STATUS", "Set a session's status: scheduled, cancelled, not_held, held.",
     session_status},
    {"attend", "SESSION PERSON STATUS [--minutes N] [--by PERSON]",
     "Record PERSON's attendance at SESSION: present, late, left_early, absent, apologies,\n"
     "not_recorded. --minutes: minutes attended (needed for late and left_early; default the\n"
     "whole session for present); --by: who recorded it.",
     attend},
    {"attendance", "SESSION", "List the attendance recorded for SESSION.", attendance_list},
    {NULL, NULL, NULL, NULL},
};
