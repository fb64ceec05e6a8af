/* SQLite backend: supervision hours and the presenter rota. */
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

static void hours_clear(void *r)
{
    grp__hours_entry_clear(r);
}

static void no_clear(void *r)
{
    (void)r;
}

static int read_hours(void *rec, sqlite3_stmt *st)
{
    struct grp_hours_entry *e = rec;
    e->id = sqlite3_column_int64(st, 0);
    e->person_id = sqlite3_column_int64(st, 1);
    e->group_id = sqlite3_column_int64(st, 2);
    e->session_id = sqlite3_column_int64(st, 3);
    e->date = grp__col_date(st, 4);
    e->kind = (grp_hours_kind)sqlite3_column_int(st, 5);
    e->minutes = sqlite3_column_int(st, 6);
    e->credited = sqlite3_column_int(st, 7);
    e->signed_by = sqlite3_column_int64(st, 8);
    e->signed_on = grp__col_date(st, 9);
    e->corrects = sqlite3_column_int64(st, 10);
    return grp__col_strdup(&e->note, st, 11);
}

static int read_id(void *rec, sqlite3_stmt *st)
{
    *(grp_id *)rec = sqlite3_column_int64(st, 0);
    return GRP_OK;
}

static int read_presented(void *rec, sqlite3_stmt *st)
{
    struct grp__presented *p = rec;
    p->person_id = sqlite3_column_int64(st, 0);
    p->last = sqlite3_column_int64(st, 1);
    return GRP_OK;
}

/* Bind an id, or NULL for 0. */
static int bind_ref(grp_store *s, sqlite3_stmt *st, int idx, grp_id id)
{
    return id ? grp__bind_int64(s, st, idx, id) : grp__bind_text(s, st, idx, NULL);
}


int grp__sqlite_hours_rule_load(grp_store *s, grp_id group_id, grp_hours_rule *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HRULE_LOAD, group_id);
    grp_hours_rule d = GRP_HOURS_RULE_INIT;
    int rc = GRP_OK, step;
    if (!st)
        return grp_error_last()->code;
    *out = d;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        out->mode = (grp_hours_mode)sqlite3_column_int(st, 0);
        out->ratio_num = sqlite3_column_int(st, 1);
        out->ratio_den = sqlite3_column_int(st, 2);
    } else if (step != SQLITE_DONE)
        rc = grp__sqlite_error(s, step, "loading a crediting rule");
    grp__stmt_done(st);
    return rc;
}

int grp__sqlite_hours_rule_save(grp_store *s, grp_id group_id, const grp_hours_rule *rule)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HRULE_SAVE, group_id);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 2, rule->mode)) || (rc = grp__bind_int64(s, st, 3, rule->ratio_num)) ||
        (rc = grp__bind_int64(s, st, 4, rule->ratio_den))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__step_done(s, st, "saving a crediting rule");
}

int grp__sqlite_hours_insert(grp_store *s, struct grp_hours_entry *e)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HOURS_INSERT, e->person_id);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 2, e->group_id)) || (rc = grp__bind_int64(s, st, 3, e->session_id)) ||
        (rc = grp__bind_date(s, st, 4, e->date)) || (rc = grp__bind_int64(s, st, 5, e->kind)) ||
        (rc = grp__bind_int64(s, st, 6, e->minutes)) || (rc = grp__bind_int64(s, st, 7, e->credited)) ||
        (rc = bind_ref(s, st, 8, e->signed_by)) || (rc = grp__bind_date(s, st, 9, e->signed_on)) ||
        (rc = bind_ref(s, st, 10, e->corrects)) || (rc = grp__bind_text(s, st, 11, e->note))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "adding an hours entry")) == GRP_OK)
        e->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int grp__sqlite_hours_load(grp_store *s, grp_id id, struct grp_hours_entry *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HOURS_LOAD, id);
    if (!st)
        return grp_error_last()->code;
    return grp__row_to_record(s, st, out, read_hours, hours_clear, "loading an hours entry", "hours entry", id);
}

int grp__sqlite_hours_update(grp_store *s, const struct grp_hours_entry *e)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HOURS_UPDATE, e->id);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 2, e->kind)) || (rc = grp__bind_int64(s, st, 3, e->minutes)) ||
        (rc = grp__bind_int64(s, st, 4, e->credited)) || (rc = bind_ref(s, st, 5, e->signed_by)) ||
        (rc = grp__bind_date(s, st, 6, e->signed_on))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__step_done(s, st, "updating an hours entry");
}

int grp__sqlite_hours_delete(grp_store *s, grp_id id)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HOURS_DELETE, id);
    if (!st)
        return grp_error_last()->code;
    return grp__step_done(s, st, "deleting an hours entry");
}

int grp__sqlite_hours_of_session(grp_store *s, grp_id session_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HOURS_OF_SESSION, session_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_hours_entry), read_hours, hours_clear, out,
                             "listing hours entries");
}

int grp__sqlite_hours_of_person(grp_store *s, grp_id person_id, grp_date from, grp_date to, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HOURS_OF_PERSON, person_id);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_date(s, st, 2, from)) || (rc = grp__bind_date(s, st, 3, to))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp_hours_entry), read_hours, hours_clear, out,
                             "listing hours entries");
}

int grp__sqlite_hours_sessions_of_group(grp_store *s, grp_id group_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_HOURS_SESSIONS_OF_GROUP, group_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(grp_id), read_id, no_clear, out, "listing sessions with hours");
}

int grp__sqlite_presenter_set(grp_store *s, grp_id session_id, grp_id person_id)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_PRESENTER_SET, session_id);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 2, person_id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__step_done(s, st, "assigning a presenter");
}

int grp__sqlite_presenter_clear(grp_store *s, grp_id session_id)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_PRESENTER_CLEAR, session_id);
    if (!st)
        return grp_error_last()->code;
    return grp__step_done(s, st, "clearing a presenter");
}

int grp__sqlite_presenter_get(grp_store *s, grp_id session_id, grp_id *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_PRESENTER_GET, session_id);
    int rc, step;
    if (!st)
        return grp_error_last()->code;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = GRP_OK;
    } else if (step == SQLITE_DONE)
        rc = grp__error(GRP_ENOTFOUND, "session %lld has no presenter", (long long)session_id);
    else
        rc = grp__sqlite_error(s, step, "reading a presenter");
    grp__stmt_done(st);
    return rc;
}

int grp__sqlite_presenter_history(grp_store *s, grp_id group_id, grp_time before, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_PRESENTER_HISTORY, group_id);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 2, before))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp__presented), read_presented, no_clear, out,
                             "reading the rota history");
}
