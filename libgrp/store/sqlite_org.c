/* SQLite backend: organisations and people. */
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

static void org_clear(void *r)
{
    grp__org_clear(r);
}

static void person_clear(void *r)
{
    grp__person_clear(r);
}

static int read_org(void *rec, sqlite3_stmt *st)
{
    struct grp_org *o = rec;
    int rc;
    o->id = sqlite3_column_int64(st, 0);
    if ((rc = grp__col_strdup(&o->name, st, 1)) || (rc = grp__col_strdup(&o->external_ref, st, 2)))
        return rc;
    o->archived = sqlite3_column_int(st, 3);
    return GRP_OK;
}

static int read_person(void *rec, sqlite3_stmt *st)
{
    struct grp_person *p = rec;
    int rc;
    p->id = sqlite3_column_int64(st, 0);
    p->org_id = sqlite3_column_int64(st, 1);
    if ((rc = grp__col_strdup(&p->display_name, st, 2)) || (rc = grp__col_strdup(&p->job_role, st, 3)) ||
        (rc = grp__col_strdup(&p->email, st, 4)) || (rc = grp__col_strdup(&p->external_ref, st, 5)))
        return rc;
    p->archived = sqlite3_column_int(st, 6);
    return GRP_OK;
}

int grp__sqlite_org_insert(grp_store *s, struct grp_org *o)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ORG_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_text(s, st, 1, o->name)) || (rc = grp__bind_text(s, st, 2, o->external_ref))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "inserting an organisation")) == GRP_OK)
        o->id = sqlite3_last_insert_rowid(s->db);
    if (rc == GRP_EEXISTS)
        grp__error(rc, "an organisation with external_ref '%s' already exists", o->external_ref);
    return rc;
}

int grp__sqlite_org_load(grp_store *s, grp_id id, struct grp_org *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ORG_LOAD);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__row_to_record(s, st, out, read_org, org_clear, "loading an organisation", "organisation", id);
}

int grp__sqlite_org_load_by_ref(grp_store *s, const char *ref, struct grp_org *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ORG_LOAD_BY_REF);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_text(s, st, 1, ref))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__row_to_record(s, st, out, read_org, org_clear, "finding an organisation", "organisation", 0);
}

int grp__sqlite_org_update(grp_store *s, const struct grp_org *o)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ORG_UPDATE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, o->id)) || (rc = grp__bind_text(s, st, 2, o->name)) ||
        (rc = grp__bind_text(s, st, 3, o->external_ref)) || (rc = grp__bind_int64(s, st, 4, o->archived))) {
        grp__stmt_done(st);
        return rc;
    }
    rc = grp__step_done(s, st, "updating an organisation");
    if (rc == GRP_EEXISTS)
        grp__error(rc, "an organisation with external_ref '%s' already exists", o->external_ref);
    return rc;
}

int grp__sqlite_org_list(grp_store *s, uint32_t flags, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ORG_LIST);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, (flags & GRP_LIST_INCLUDE_ARCHIVED) != 0))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp_org), read_org, org_clear, out, "listing organisations");
}

static int bind_person(grp_store *s, sqlite3_stmt *st, int first, const struct grp_person *p)
{
    int rc;
    if ((rc = grp__bind_int64(s, st, first, p->org_id)) || (rc = grp__bind_text(s, st, first + 1, p->display_name)) ||
        (rc = grp__bind_text(s, st, first + 2, p->job_role)) || (rc = grp__bind_text(s, st, first + 3, p->email)) ||
        (rc = grp__bind_text(s, st, first + 4, p->external_ref)))
        return rc;
    return GRP_OK;
}

static int person_write_result(int rc, const struct grp_person *p)
{
    if (rc == GRP_EEXISTS)
        grp__error(rc, "a person with external_ref '%s' already exists in organisation %lld", p->external_ref,
                   (long long)p->org_id);
    else if (rc == GRP_ENOTFOUND)
        grp__error(rc, "no organisation with id %lld", (long long)p->org_id);
    return rc;
}

int grp__sqlite_person_insert(grp_store *s, struct grp_person *p)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_PERSON_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = bind_person(s, st, 1, p))) {
        grp__stmt_done(st);
        return rc;
    }
    if ((rc = grp__step_done(s, st, "inserting a person")) == GRP_OK)
        p->id = sqlite3_last_insert_rowid(s->db);
    return person_write_result(rc, p);
}

int grp__sqlite_person_load(grp_store *s, grp_id id, struct grp_person *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_PERSON_LOAD);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, id))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__row_to_record(s, st, out, read_person, person_clear, "loading a person", "person", id);
}

int grp__sqlite_person_load_by_ref(grp_store *s, grp_id org_id, const char *ref, struct grp_person *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_PERSON_LOAD_BY_REF);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, org_id)) || (rc = grp__bind_text(s, st, 2, ref))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__row_to_record(s, st, out, read_person, person_clear, "finding a person", "person", 0);
}

int grp__sqlite_person_update(grp_store *s, const struct grp_person *p)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_PERSON_UPDATE);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, p->id)) || (rc = bind_person(s, st, 2, p)) ||
        (rc = grp__bind_int64(s, st, 7, p->archived))) {
        grp__stmt_done(st);
        return rc;
    }
    return person_write_result(grp__step_done(s, st, "updating a person"), p);
}

int grp__sqlite_person_list(grp_store *s, grp_id org_id, uint32_t flags, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, org_id ? SQL_PERSON_LIST_ORG : SQL_PERSON_LIST);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bind_int64(s, st, 1, (flags & GRP_LIST_INCLUDE_ARCHIVED) != 0)) ||
        (org_id && (rc = grp__bind_int64(s, st, 2, org_id)))) {
        grp__stmt_done(st);
        return rc;
    }
    return grp__rows_to_list(s, st, sizeof(struct grp_person), read_person, person_clear, out, "listing people");
}
