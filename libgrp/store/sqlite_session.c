/* SQLite backend: cadence segments, stored sessions and attendance. */
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

static void cadence_clear(void *r)
{
    grp__cadence_clear(r);
}

static void session_clear(void *r)
{
    grp__session_clear(r);
}

static void no_clear(void *r)
{
    (void)r;
}

static int read_cadence(void *rec, sqlite3_stmt *st)
{
    struct grp_cadence *c = rec;
    int rc;
    c->id = sqlite3_column_int64(st, 0);
    c->group_id = sqlite3_column_int64(st, 1);
    if ((rc = grp__col_strdup(&c->rrule, st, 2)))
        return rc;
    c->first_date = grp__col_date(st, 3);
    c->until = grp__col_date(st, 4);
    c->start_minute = sqlite3_column_int(st, 5);
    c->duration = sqlite3_column_int(st, 6);
    return grp__col_strdup(&c->timezone, st, 7);
}

static int read_session(void *rec, sqlite3_stmt *st)
{
    struct grp_session *x = rec;
    int rc;
    x->id = sqlite3_column_int64(st, 0);
    x->group_id = sqlite3_column_int64(st, 1);
    x->cadence_id = sqlite3_column_int64(st, 2);
    x->has_occurrence = sqlite3_column_type(st, 3) != SQLITE_NULL;
    x->occurrence = grp__col_datetime(st, 3);
    x->occurrence_utc = sqlite3_column_int64(st, 4);
    x->start_local = grp__col_datetime(st, 5);
    x->start_utc = sqlite3_column_int64(st, 6);
    x->duration = sqlite3_column_int(st, 7);
    x->status = (grp_session_status)sqlite3_column_int(st, 8);
    if ((rc = grp__col_strdup(&x->location, st, 9)) || (rc = grp__col_strdup(&x->meeting_link, st, 10)) ||
        (rc = grp__col_strdup(&x->reason, st, 11)) || (rc = grp__col_strdup(&x->timezone, st, 12)))
        return rc;
    return GRP_OK;
}

static int read_attendance(void *rec, sqlite3_stmt *st)
{
    struct grp_attendance *a = rec;
    a->session_id = sqlite3_column_int64(st, 0);
    a->person_id = sqlite3_column_int64(st, 1);
    a->status = (grp_attendance_status)sqlite3_column_int(st, 2);
    a->minutes = sqlite3_column_int(st, 3);
    a->recorded_by = sqlite3_column_int64(st, 4);
    a->recorded_at = sqlite3_column_int64(st, 5);
    return GRP_OK;
}

static int bind_cadence(grp_store *s, sqlite3_stmt *st, const struct grp_cadence *c)
{
    int rc;
    if ((rc = grp__bind_text(s, st, 2, c->rrule)) || (rc = grp__bind_date(s, st, 3, c->first_date)) ||
        (rc = grp__bind_date(s, st, 4, c->until)) || (rc = grp__bind_int64(s, st, 5, c->start_minute)) ||
        (rc = grp__bind_int64(s, st, 6, c->duration)) || (rc = grp__bind_text(s, st, 7, c->timezone)))
        return rc;
    return GRP_OK;
}

int grp__sqlite_cadence_insert(grp_store *s, struct grp_cadence *c)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_CADENCE_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, c->group_id)) || (rc = bind_cadence(s, st, c))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "inserting a cadence")) == GRP_OK)
        c->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int grp__sqlite_cadence_update(grp_store *s, const struct grp_cadence *c)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_CADENCE_UPDATE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, c->id)) || (rc = bind_cadence(s, st, c))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__step_done(s, st, "updating a cadence");
}

int grp__sqlite_cadence_list(grp_store *s, grp_id group_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_CADENCE_LIST);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, group_id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp_cadence), read_cadence, cadence_clear, out,
                             "listing cadences");
}

/* Binds the mutable columns of a session at 2..8 (update) */
static int bind_session_state(grp_store *s, sqlite3_stmt *st, int first, const struct grp_session *x)
{
    int rc;
    if ((rc = grp__bind_datetime(s, st, first, x->start_local)) ||
        (rc = grp__bind_int64(s, st, first + 1, x->start_utc)) ||
        (rc = grp__bind_int64(s, st, first + 2, x->duration)) ||
        (rc = grp__bind_int64(s, st, first + 3, x->status)) ||
        (rc = grp__bind_text(s, st, first + 4, x->location)) ||
        (rc = grp__bind_text(s, st, first + 5, x->meeting_link)) ||
        (rc = grp__bind_text(s, st, first + 6, x->reason)))
        return rc;
    return GRP_OK;
}

int grp__sqlite_session_insert(grp_store *s, struct grp_session *x)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_SESSION_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    rc = grp__bind_int64(s, st, 1, x->group_id);
    if (!rc)
        rc = x->cadence_id ? grp__bind_int64(s, st, 2, x->cadence_id) : grp__bind_text(s, st, 2, NULL);
    if (!rc && x->has_occurrence) {
        if (!(rc = grp__bind_datetime(s, st, 3, x->occurrence)))
            rc = grp__bind_int64(s, st, 4, x->occurrence_utc);
    } else if (!rc && !(rc = grp__bind_text(s, st, 3, NULL)))
        rc = grp__bind_text(s, st, 4, NULL);
    if (!rc)
        rc = bind_session_state(s, st, 5, x);
    if (!rc)
        rc = grp__bind_text(s, st, 12, x->timezone);
    if (rc) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "storing a session")) == GRP_OK)
        x->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int grp__sqlite_session_load(grp_store *s, grp_id id, struct grp_session *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_SESSION_LOAD);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__row_to_record(s, st, out, read_session, session_clear, "loading a session", "session", id);
}

int grp__sqlite_session_load_by_occurrence(grp_store *s, grp_id group_id, grp_datetime occurrence,
                                           struct grp_session *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_SESSION_LOAD_BY_OCC);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, group_id)) || (rc = grp__bind_datetime(s, st, 2, occurrence))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__row_to_record(s, st, out, read_session, session_clear, "loading a session", "session", 0);
}

int grp__sqlite_session_update(grp_store *s, const struct grp_session *x)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_SESSION_UPDATE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, x->id)) || (rc = bind_session_state(s, st, 2, x))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__step_done(s, st, "updating a session");
}

int grp__sqlite_session_range(grp_store *s, grp_id group_id, grp_time from, grp_time to, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_SESSION_RANGE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, group_id)) || (rc = grp__bind_int64(s, st, 2, from)) ||
        (rc = grp__bind_int64(s, st, 3, to))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp_session), read_session, session_clear, out,
                             "listing stored sessions");
}

int grp__sqlite_attendance_upsert(grp_store *s, const struct grp_attendance *a)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ATT_UPSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    rc = grp__bind_int64(s, st, 1, a->session_id);
    if (!rc)
        rc = grp__bind_int64(s, st, 2, a->person_id);
    if (!rc)
        rc = grp__bind_int64(s, st, 3, a->status);
    if (!rc)
        rc = grp__bind_int64(s, st, 4, a->minutes);
    if (!rc)
        rc = a->recorded_by ? grp__bind_int64(s, st, 5, a->recorded_by) : grp__bind_text(s, st, 5, NULL);
    if (!rc)
        rc = grp__bind_int64(s, st, 6, a->recorded_at);
    if (rc) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__step_done(s, st, "recording attendance");
}

int grp__sqlite_attendance_load(grp_store *s, grp_id session_id, grp_id person_id, struct grp_attendance *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ATT_LOAD);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, session_id)) || (rc = grp__bind_int64(s, st, 2, person_id))) {
        grp__stmt_done(st);
        return rc;
    }
    rc = grp__row_to_record(s, st, out, read_attendance, no_clear, "loading attendance", "attendance", 0);
    if (rc == GRP_ENOTFOUND)
        grp__error(rc, "no attendance recorded for person %lld at session %lld", (long long)person_id,
                   (long long)session_id);
    return rc;
}

int grp__sqlite_attendance_of_session(grp_store *s, grp_id session_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ATT_OF_SESSION);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, session_id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp_attendance), read_attendance, no_clear, out,
                             "listing attendance");
}

int grp__sqlite_attendance_count(grp_store *s, grp_id session_id, int *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ATT_COUNT);
    int rc, step;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, session_id))) {
        grp__stmt_done(st);
        return rc;
    }
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = GRP_OK;
    } else
        rc = grp__sqlite_error(s, step, "counting attendance");
    grp__stmt_done(st);
    return rc;
}

int grp__sqlite_attendance_of_group(grp_store *s, grp_id group_id, grp_id person_id, grp_time from, grp_time to,
                                    grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ATT_OF_GROUP);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, group_id)) || (rc = grp__bind_int64(s, st, 2, from)) ||
        (rc = grp__bind_int64(s, st, 3, to)) || (rc = grp__bind_int64(s, st, 4, person_id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp_attendance), read_attendance, no_clear, out,
                             "listing attendance");
}
