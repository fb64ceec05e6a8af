/* Row plumbing shared by the sqlite_* entity files. */
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

#include <string.h>

int grp__rows_to_list(grp_store *s, sqlite3_stmt *st, size_t size, grp__row_reader read,
                      void (*clear)(void *), grp__list *out, const char *doing)
{
    int rc, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        void *rec = grp__calloc(1, size);
        if (!rec) {
            rc = grp__error_nomem(doing);
            goto done;
        }
        if ((rc = read(rec, st)) != GRP_OK || (rc = grp__list_push(out, rec)) != GRP_OK) {
            clear(rec);
            grp__free(rec);
            goto done;
        }
    }
    rc = step == SQLITE_DONE ? GRP_OK : grp__sqlite_error(s, step, doing);
done:
    grp__stmt_done(st);
    return rc;
}

int grp__row_to_record(grp_store *s, sqlite3_stmt *st, void *rec, grp__row_reader read,
                       void (*clear)(void *), const char *doing, const char *what, grp_id id)
{
    int rc, step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        rc = read(rec, st);
        if (rc != GRP_OK)
            clear(rec);
    } else if (step == SQLITE_DONE)
        rc = id ? grp__error(GRP_ENOTFOUND, "no %s with id %lld", what, (long long)id)
                : grp__error(GRP_ENOTFOUND, "no %s with that external reference", what);
    else
        rc = grp__sqlite_error(s, step, doing);
    grp__stmt_done(st);
    return rc;
}

sqlite3_stmt *grp__stmt_id(grp_store *s, grp__sql_id id, grp_id v)
{
    sqlite3_stmt *st = grp__stmt(s, id);
    if (st && grp__bindv(s, st, "i", (int64_t)v))
        return NULL;
    return st;
}
