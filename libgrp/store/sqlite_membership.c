/* SQLite backend: membership stints. */
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

static void ms_clear(void *r)
{
    grp__membership_clear(r);
}

static int read_ms(void *rec, sqlite3_stmt *st)
{
    struct grp_membership *m = rec;
    m->id = sqlite3_column_int64(st, 0);
    m->group_id = sqlite3_column_int64(st, 1);
    m->person_id = sqlite3_column_int64(st, 2);
    m->role = (grp_member_role)sqlite3_column_int(st, 3);
    m->state = (grp_membership_state)sqlite3_column_int(st, 4);
    m->requested_on = grp__col_date(st, 5);
    m->began = grp__col_date(st, 6);
    m->ended = grp__col_date(st, 7);
    return grp__col_strdup(&m->reason, st, 8);
}

int grp__sqlite_membership_insert(grp_store *s, struct grp_membership *m)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_MS_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, m->group_id)) || (rc = grp__bind_int64(s, st, 2, m->person_id)) ||
        (rc = grp__bind_int64(s, st, 3, m->role)) || (rc = grp__bind_int64(s, st, 4, m->state)) ||
        (rc = grp__bind_date(s, st, 5, m->requested_on)) || (rc = grp__bind_date(s, st, 6, m->began)) ||
        (rc = grp__bind_date(s, st, 7, m->ended)) || (rc = grp__bind_text(s, st, 8, m->reason))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "inserting a membership")) == GRP_OK)
        m->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int grp__sqlite_membership_load(grp_store *s, grp_id id, struct grp_membership *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_MS_LOAD);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__row_to_record(s, st, out, read_ms, ms_clear, "loading a membership", "membership", id);
}

int grp__sqlite_membership_update(grp_store *s, const struct grp_membership *m)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_MS_UPDATE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, m->id)) || (rc = grp__bind_int64(s, st, 2, m->state)) ||
        (rc = grp__bind_date(s, st, 3, m->began)) || (rc = grp__bind_date(s, st, 4, m->ended)) ||
        (rc = grp__bind_text(s, st, 5, m->reason))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__step_done(s, st, "updating a membership");
}

static int list_ms(grp_store *s, sqlite3_stmt *st, grp__list *out)
{
    return grp__rows_to_list(s, st, sizeof(struct grp_membership), read_ms, ms_clear, out, "listing memberships");
}

int grp__sqlite_membership_query(grp_store *s, const grp_membership_query *q, grp__list *out)
{
    int dated = grp_date_is_set(q->date);
    grp__sql_id id = q->group_id ? (dated ? SQL_MS_GROUP_ON_DATE : SQL_MS_GROUP_HISTORY)
                                 : (dated ? SQL_MS_PERSON_ON_DATE : SQL_MS_PERSON_HISTORY);
    grp_id primary = q->group_id ? q->group_id : q->person_id;
    grp_id secondary = q->group_id ? q->person_id : 0;
    sqlite3_stmt *st = grp__stmt(s, id);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, primary)) || (rc = grp__bind_date(s, st, 2, q->date)) ||
        (rc = grp__bind_int64(s, st, 3, secondary)) ||
        (rc = grp__bind_int64(s, st, 4, q->roles ? q->roles : GRP_ROLEMASK_ALL)) ||
        (rc = grp__bind_int64(s, st, 5, q->states ? q->states : 0x1f))) {
        grp__stmt_done(st);
        return rc;
    }
    return list_ms(s, st, out);
}

int grp__sqlite_membership_of_person(grp_store *s, grp_id group_id, grp_id person_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_MS_OF_PERSON);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, group_id)) || (rc = grp__bind_int64(s, st, 2, person_id))) {
        grp__stmt_done(st);
        return rc;
    }
    return list_ms(s, st, out);
}

int grp__sqlite_membership_from(grp_store *s, grp_id group_id, grp_date from, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_MS_FROM);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, group_id)) || (rc = grp__bind_date(s, st, 2, from))) {
        grp__stmt_done(st);
        return rc;
    }
    return list_ms(s, st, out);
}

int grp__sqlite_membership_waitlist(grp_store *s, grp_id group_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_MS_WAITLIST);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, group_id))) {
        grp__stmt_done(st);
        return rc;
    }
    return list_ms(s, st, out);
}
