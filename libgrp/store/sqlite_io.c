/* Bulk rows for the io layer (JSON document export/import): every table as
 * plain rows of NULL / integer / text values, read in key order and written
 * with every column, so that an import can keep the document's ids. */
#include "store/sqlite.h"
#include "util/error.h"

/* The statements of each grp__io_table, in its order. */
static const struct io_sql {
    grp__sql_id select;
    grp__sql_id scoped; /* the same rows of one organisation or group by index; GRP__SQL_COUNT: none */
    grp__sql_id insert;
    grp__sql_id taken; /* GRP__SQL_COUNT: the table has no integer id */
    size_t ncols;
} io_sql[GRP__IO_TABLE_COUNT] = {
    {SQL_IO_SELECT_ORG, GRP__SQL_COUNT, SQL_IO_INSERT_ORG, SQL_IO_TAKEN_ORG, 4},
    {SQL_IO_SELECT_PERSON, GRP__SQL_COUNT, SQL_IO_INSERT_PERSON, SQL_IO_TAKEN_PERSON, 7},
    {SQL_IO_SELECT_ORG_ADMIN, GRP__SQL_COUNT, SQL_IO_INSERT_ORG_ADMIN, GRP__SQL_COUNT, 2},
    {SQL_IO_SELECT_FORM, GRP__SQL_COUNT, SQL_IO_INSERT_FORM, SQL_IO_TAKEN_FORM, 2},
    {SQL_IO_SELECT_FORM_ITEM, GRP__SQL_COUNT, SQL_IO_INSERT_FORM_ITEM, GRP__SQL_COUNT, 3},
    {SQL_IO_SELECT_GROUP, GRP__SQL_COUNT, SQL_IO_INSERT_GROUP, SQL_IO_TAKEN_GROUP, 16},
    {SQL_IO_SELECT_GROUP_ROLE, SQL_IO_SCOPED_GROUP_ROLE, SQL_IO_INSERT_GROUP_ROLE, GRP__SQL_COUNT, 3},
    {SQL_IO_SELECT_GROUP_FORM, SQL_IO_SCOPED_GROUP_FORM, SQL_IO_INSERT_GROUP_FORM, GRP__SQL_COUNT, 2},
    {SQL_IO_SELECT_HOURS_RULE, SQL_IO_SCOPED_HOURS_RULE, SQL_IO_INSERT_HOURS_RULE, GRP__SQL_COUNT, 4},
    {SQL_IO_SELECT_MEMBERSHIP, SQL_IO_SCOPED_MEMBERSHIP, SQL_IO_INSERT_MEMBERSHIP, SQL_IO_TAKEN_MEMBERSHIP, 9},
    {SQL_IO_SELECT_CADENCE, SQL_IO_SCOPED_CADENCE, SQL_IO_INSERT_CADENCE, SQL_IO_TAKEN_CADENCE, 8},
    {SQL_IO_SELECT_SESSION, SQL_IO_SCOPED_SESSION, SQL_IO_INSERT_SESSION, SQL_IO_TAKEN_SESSION, 13},
    {SQL_IO_SELECT_ATTENDANCE, SQL_IO_SCOPED_ATTENDANCE, SQL_IO_INSERT_ATTENDANCE, GRP__SQL_COUNT, 6},
    {SQL_IO_SELECT_PRESENTER, SQL_IO_SCOPED_PRESENTER, SQL_IO_INSERT_PRESENTER, GRP__SQL_COUNT, 2},
    {SQL_IO_SELECT_HOURS, SQL_IO_SCOPED_HOURS, SQL_IO_INSERT_HOURS, SQL_IO_TAKEN_HOURS, 12},
    {SQL_IO_SELECT_RESPONSE, SQL_IO_SCOPED_RESPONSE, SQL_IO_INSERT_RESPONSE, GRP__SQL_COUNT, 6},
    {SQL_IO_SELECT_GIVEN, SQL_IO_SCOPED_GIVEN, SQL_IO_INSERT_GIVEN, GRP__SQL_COUNT, 2},
    {SQL_IO_SELECT_PEER, SQL_IO_SCOPED_PEER, SQL_IO_INSERT_PEER, SQL_IO_TAKEN_PEER, 7},
    {SQL_IO_SELECT_GOAL, SQL_IO_SCOPED_GOAL, SQL_IO_INSERT_GOAL, SQL_IO_TAKEN_GOAL, 8},
    {SQL_IO_SELECT_STEP, SQL_IO_SCOPED_STEP, SQL_IO_INSERT_STEP, SQL_IO_TAKEN_STEP, 6},
    {SQL_IO_SELECT_PROGRESS, SQL_IO_SCOPED_PROGRESS, SQL_IO_INSERT_PROGRESS, SQL_IO_TAKEN_PROGRESS, 7},
    {SQL_IO_SELECT_NOTE, SQL_IO_SCOPED_NOTE, SQL_IO_INSERT_NOTE, SQL_IO_TAKEN_NOTE, 5},
    {SQL_IO_SELECT_THEME, SQL_IO_SCOPED_THEME, SQL_IO_INSERT_THEME, SQL_IO_TAKEN_THEME, 6},
};

static int check_table(grp__io_table t)
{
    if ((unsigned)t >= GRP__IO_TABLE_COUNT)
        return grp__error(GRP_ERROR, "internal: unknown io table %d", (int)t);
    return GRP_OK;
}

int grp__sqlite_io_rows(grp_store *s, grp__io_table t, grp_id org_id, grp_id group_id, grp__io_row_fn fn,
                        void *payload)
{
    int rc, step;
    if ((rc = check_table(t)))
        return rc;
    int scoped = (org_id || group_id) && io_sql[t].scoped != GRP__SQL_COUNT;
    sqlite3_stmt *st = grp__stmt(s, scoped ? io_sql[t].scoped : io_sql[t].select);
    if (!st)
        return grp_error_last()->code;
    /* Unscoped tables (organisations, people, forms) have no parameters. */
    if (sqlite3_bind_parameter_count(st) >= 2 &&
        (rc = grp__bindv(s, st, "ii", (int64_t)org_id, (int64_t)group_id)))
        return rc;
    grp__io_value row[GRP__IO_MAX_COLS];
    size_t n = io_sql[t].ncols;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t c = 0; c < n; c++) {
            int ct = sqlite3_column_type(st, (int)c);
            row[c].i = 0;
            row[c].t = NULL;
            if (ct == SQLITE_NULL)
                row[c].type = GRP__IO_NULL;
            else if (ct == SQLITE_INTEGER) {
                row[c].type = GRP__IO_INT;
                row[c].i = sqlite3_column_int64(st, (int)c);
            } else {
                row[c].type = GRP__IO_TEXT;
                row[c].t = (const char *)sqlite3_column_text(st, (int)c);
                if (!row[c].t) {
                    grp__stmt_done(st);
                    return grp__error_nomem("reading a row");
                }
            }
        }
        if ((rc = fn(payload, row, n))) {
            grp__stmt_done(st);
            return rc;
        }
    }
    rc = step == SQLITE_DONE ? GRP_OK : grp__sqlite_error(s, step, "reading rows for export");
    grp__stmt_done(st);
    return rc;
}

int grp__sqlite_io_insert(grp_store *s, grp__io_table t, const grp__io_value *row, grp_id *id_out)
{
    int rc;
    if ((rc = check_table(t)))
        return rc;
    sqlite3_stmt *st = grp__stmt(s, io_sql[t].insert);
    if (!st)
        return grp_error_last()->code;
    for (size_t c = 0; c < io_sql[t].ncols && rc == GRP_OK; c++) {
        int idx = (int)c + 1;
        switch (row[c].type) {
        case GRP__IO_INT:
            rc = grp__bind_int64(s, st, idx, row[c].i);
            break;
        case GRP__IO_TEXT:
            rc = grp__bind_text(s, st, idx, row[c].t);
            break;
        default:
            rc = grp__bind_text(s, st, idx, NULL);
            break;
        }
    }
    if (rc) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "importing a row")))
        return rc;
    if (id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_io_id_taken(grp_store *s, grp__io_table t, grp_id id, int *out)
{
    int rc, step;
    if ((rc = check_table(t)))
        return rc;
    if (io_sql[t].taken == GRP__SQL_COUNT)
        return grp__error(GRP_ERROR, "internal: io table %d has no integer id", (int)t);
    sqlite3_stmt *st = grp__stmt_id(s, io_sql[t].taken, id);
    if (!st)
        return grp_error_last()->code;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0) > 0;
        rc = GRP_OK;
    } else
        rc = grp__sqlite_error(s, step, "probing an id");
    grp__stmt_done(st);
    return rc;
}
