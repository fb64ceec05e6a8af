/* SQLite backend: the change feed. */
#include "store/sqlite.h"
#include "util/error.h"

#include <stdint.h>

static void no_clear(void *r)
{
    (void)r;
}

static int read_event(void *rec, sqlite3_stmt *st)
{
    struct grp_event *e = rec;
    e->seq = sqlite3_column_int64(st, 0);
    e->at = sqlite3_column_int64(st, 1);
    e->kind = (grp_event_kind)sqlite3_column_int(st, 2);
    e->group_id = sqlite3_column_int64(st, 3);
    e->person_id = sqlite3_column_int64(st, 4);
    e->entity_id = sqlite3_column_int64(st, 5);
    return GRP_OK;
}

int grp__sqlite_event_insert(grp_store *s, struct grp_event *e)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_EVENT_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "iirrr", (int64_t)e->at, (int64_t)e->kind, (grp_id)e->group_id,
                         (grp_id)e->person_id, (grp_id)e->entity_id)) ||
        (rc = grp__step_done(s, st, "appending an event")))
        return rc;
    e->seq = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_events_after(grp_store *s, int64_t after_seq, size_t max, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_EVENTS_AFTER);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "ii", (int64_t)after_seq, (int64_t)(max ? (int64_t)max : -1))))
        return rc;
    return grp__rows_to_list(s, st, sizeof(struct grp_event), read_event, no_clear, out, "reading events");
}

int grp__sqlite_event_last_seq(grp_store *s, int64_t *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_EVENT_LAST_SEQ);
    int step, rc = GRP_OK;
    if (!st)
        return grp_error_last()->code;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        rc = grp__sqlite_error(s, step, "reading the last event");
    grp__stmt_done(st);
    return rc;
}

int grp__sqlite_events_prune(grp_store *s, int64_t up_to_seq, size_t *pruned)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_EVENTS_PRUNE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "i", (int64_t)up_to_seq)) || (rc = grp__step_done(s, st, "pruning events")))
        return rc;
    *pruned = (size_t)sqlite3_changes(s->db);
    return GRP_OK;
}

int grp__sqlite_due_mark(grp_store *s, grp_id goal_id, grp_id step_id, int kind, int *is_new)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_DUE_MARK);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "iii", (int64_t)goal_id, (int64_t)step_id, (int64_t)kind)) ||
        (rc = grp__step_done(s, st, "recording a due event")))
        return rc;
    *is_new = sqlite3_changes(s->db) == 1;
    return GRP_OK;
}
