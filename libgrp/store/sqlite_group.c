/* SQLite backend: groups and their eligible roles. */
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

static void group_clear(void *r)
{
    grp__group_clear(r);
}

static int read_group(void *rec, sqlite3_stmt *st)
{
    struct grp_group *g = rec;
    int rc;
    g->id = sqlite3_column_int64(st, 0);
    g->org_id = sqlite3_column_int64(st, 1);
    if ((rc = grp__col_strdup(&g->name, st, 2)))
        return rc;
    g->kind = (grp_group_kind)sqlite3_column_int(st, 3);
    g->status = (grp_group_status)sqlite3_column_int(st, 4);
    g->capacity = sqlite3_column_int(st, 5);
    g->capacity_policy = (grp_capacity_policy)sqlite3_column_int(st, 6);
    g->quorum = sqlite3_column_int(st, 7);
    g->membership_policy = (grp_membership_policy)sqlite3_column_int(st, 8);
    g->allow_other_orgs = sqlite3_column_int(st, 9);
    g->delivery = (grp_delivery)sqlite3_column_int(st, 10);
    if ((rc = grp__col_strdup(&g->location, st, 11)) || (rc = grp__col_strdup(&g->meeting_link, st, 12)) ||
        (rc = grp__col_strdup(&g->timezone, st, 13)))
        return rc;
    g->session_minutes = sqlite3_column_int(st, 14);
    g->archived = sqlite3_column_int(st, 15);
    return GRP_OK;
}

static int load_roles(grp_store *s, struct grp_group *g)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GROUP_ROLES_LOAD);
    int rc, step;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, g->id)))
        goto done;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char **grown = grp__realloc(g->eligible_roles.strings, (g->eligible_roles.count + 1) * sizeof(char *));
        if (!grown) {
            rc = grp__error_nomem("loading a group's roles");
            goto done;
        }
        g->eligible_roles.strings = grown;
        if ((rc = grp__col_strdup(&grown[g->eligible_roles.count], st, 0)))
            goto done;
        g->eligible_roles.count++;
    }
    rc = step == SQLITE_DONE ? GRP_OK : grp__sqlite_error(s, step, "loading a group's roles");
done:
    grp__stmt_done(st);
    return rc;
}

static int save_roles(grp_store *s, const struct grp_group *g)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GROUP_ROLES_DELETE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, g->id))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "replacing a group's roles")))
        return rc;
    for (size_t i = 0; i < g->eligible_roles.count; i++) {
        if (!(st = grp__stmt(s, SQL_GROUP_ROLE_INSERT)))
            return grp_error_last()->code;
        if ((rc = grp__bind_int64(s, st, 1, g->id)) || (rc = grp__bind_int64(s, st, 2, (int64_t)i)) ||
            (rc = grp__bind_text(s, st, 3, g->eligible_roles.strings[i]))) {
            grp__stmt_done(st);
            return rc;
        }
        if ((rc = grp__step_done(s, st, "saving a group's role")))
            return rc;
    }
    return GRP_OK;
}

/* Binds the 15 settings columns at 1..15 (insert and update share them). */
static int bind_group(grp_store *s, sqlite3_stmt *st, const struct grp_group *g)
{
    int rc;
    if ((rc = grp__bind_int64(s, st, 1, g->org_id)) || (rc = grp__bind_text(s, st, 2, g->name)) ||
        (rc = grp__bind_int64(s, st, 3, g->kind)) || (rc = grp__bind_int64(s, st, 4, g->status)) ||
        (rc = grp__bind_int64(s, st, 5, g->capacity)) || (rc = grp__bind_int64(s, st, 6, g->capacity_policy)) ||
        (rc = grp__bind_int64(s, st, 7, g->quorum)) || (rc = grp__bind_int64(s, st, 8, g->membership_policy)) ||
        (rc = grp__bind_int64(s, st, 9, g->allow_other_orgs)) || (rc = grp__bind_int64(s, st, 10, g->delivery)) ||
        (rc = grp__bind_text(s, st, 11, g->location)) || (rc = grp__bind_text(s, st, 12, g->meeting_link)) ||
        (rc = grp__bind_text(s, st, 13, g->timezone)) || (rc = grp__bind_int64(s, st, 14, g->session_minutes)) ||
        (rc = grp__bind_int64(s, st, 15, g->archived)))
        return rc;
    return GRP_OK;
}

static int group_write_result(int rc, const struct grp_group *g)
{
    if (rc == GRP_ENOTFOUND)
        grp__error(rc, "no organisation with id %lld", (long long)g->org_id);
    return rc;
}

int grp__sqlite_group_insert(grp_store *s, struct grp_group *g)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GROUP_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = bind_group(s, st, g))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "inserting a group")))
        return group_write_result(rc, g);
    g->id = sqlite3_last_insert_rowid(s->db);
    return save_roles(s, g);
}

int grp__sqlite_group_load(grp_store *s, grp_id id, struct grp_group *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GROUP_LOAD);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, id))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__row_to_record(s, st, out, read_group, group_clear, "loading a group", "group", id)))
        return rc;
    if ((rc = load_roles(s, out)))
        grp__group_clear(out);
    return rc;
}

int grp__sqlite_group_update(grp_store *s, const struct grp_group *g)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GROUP_UPDATE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = bind_group(s, st, g)) || (rc = grp__bind_int64(s, st, 16, g->id))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "updating a group")))
        return group_write_result(rc, g);
    return save_roles(s, g);
}

int grp__sqlite_group_list(grp_store *s, grp_id org_id, uint32_t flags, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, org_id ? SQL_GROUP_LIST_ORG : SQL_GROUP_LIST);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, (flags & GRP_LIST_INCLUDE_ARCHIVED) != 0)) ||
        (org_id && (rc = grp__bind_int64(s, st, 2, org_id)))) {
        grp__stmt_done(st);
        return rc;
    }
    size_t first = out->count;
    rc = grp__rows_to_list(s, st, sizeof(struct grp_group), read_group, group_clear, out, "listing groups");
    for (size_t i = first; rc == GRP_OK && i < out->count; i++)
        rc = load_roles(s, out->items[i]);
    return rc;
}
