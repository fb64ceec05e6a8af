#include "storage_support.h"
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int masked(const char *table, const char *col)
{
    static const char *const m[][2] = {
        {"audit", "at"}, {"event", "at"}, {"attendance", "recorded_at"}, {"feedback_response", "id"}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strcmp(table, m[i][0]) == 0 && strcmp(col, m[i][1]) == 0)
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append the rows of `sql` (sorted) under the heading `table`. */
static int dump_query(sqlite3 *db, const char *table, const char *sql, grp_test_buf *out, char *err, size_t len)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, len, "preparing '%s': %s", sql, sqlite3_errmsg(db));
        return -1;
    }
    char **rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        grp_test_buf row = {0};
        grp_test_buf_str(&row, table);
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            char tmp[64];
            grp_test_buf_str(&row, c ? "|" : ":");
            if (masked(table, sqlite3_column_name(st, c))) {
                grp_test_buf_str(&row, "*");
                continue;
            }
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_INTEGER:
                snprintf(tmp, sizeof tmp, "%lld", (long long)sqlite3_column_int64(st, c));
                grp_test_buf_str(&row, tmp);
                break;
            case SQLITE_FLOAT:
                snprintf(tmp, sizeof tmp, "%.17g", sqlite3_column_double(st, c));
                grp_test_buf_str(&row, tmp);
                break;
            case SQLITE_NULL:
                grp_test_buf_str(&row, "NULL");
                break;
            case SQLITE_BLOB: {
                const unsigned char *p = sqlite3_column_blob(st, c);
                int bytes = sqlite3_column_bytes(st, c);
                grp_test_buf_str(&row, "x'");
                for (int i = 0; i < bytes; i++) {
                    snprintf(tmp, sizeof tmp, "%02x", p[i]);
                    grp_test_buf_str(&row, tmp);
                }
                grp_test_buf_str(&row, "'");
                break;
            }
            default:
                grp_test_buf_str(&row, "'");
                grp_test_buf_add(&row, (const char *)sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c));
                grp_test_buf_str(&row, "'");
            }
        }
        grp_test_buf_str(&row, "\n");
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **r = realloc(rows, cap * sizeof *r);
            if (!r)
                abort();
            rows = r;
        }
        rows[n++] = row.p;
    }
    if (rc != SQLITE_DONE)
        snprintf(err, len, "reading '%s': %s", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (n)
        qsort(rows, n, sizeof *rows, cmp_str);
    for (size_t i = 0; i < n; i++) {
        grp_test_buf_str(out, rows[i]);
        free(rows[i]);
    }
    free(rows);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int check_pragma(sqlite3 *db, const char *sql, const char *want_single, char *err, size_t len)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, len, "%s: %s", sql, sqlite3_errmsg(db));
        return -1;
    }
    int rc = sqlite3_step(st), bad = 0;
    if (want_single) {
        if (rc != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), want_single) != 0) {
            snprintf(err, len, "%s: %s", sql,
                     rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : sqlite3_errmsg(db));
            bad = 1;
        }
    } else if (rc != SQLITE_DONE) {
        snprintf(err, len, "%s: %s", sql, rc == SQLITE_ROW ? "reports a problem" : sqlite3_errmsg(db));
        bad = 1;
    }
    sqlite3_finalize(st);
    return bad ? -1 : 0;
}

char *ss_fingerprint(const char *path, char *err, size_t len)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || sb.st_size == 0) {
        char wal[4096];
        snprintf(wal, sizeof wal, "%s-wal", path);
        if (stat(wal, &sb) != 0 || sb.st_size == 0)
            return strdup("<empty>");
    }
    sqlite3 *db = NULL;
    /* Read-write (never create): like any later opener, this connection
     * rolls back a hot journal or recovers the WAL first. It does not
     * checkpoint on close, so the WAL is left as it was. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        snprintf(err, len, "opening '%s': %s", path, db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    grp_test_buf out = {0};
    int ok = check_pragma(db, "PRAGMA integrity_check", "ok", err, len) == 0 &&
             check_pragma(db, "PRAGMA foreign_key_check", NULL, err, len) == 0 &&
             dump_query(db, "#header",
                        "SELECT (SELECT application_id FROM pragma_application_id), "
                        "(SELECT user_version FROM pragma_user_version)",
                        &out, err, len) == 0 &&
             dump_query(db, "#schema", "SELECT type, name, tbl_name, sql FROM sqlite_schema", &out, err, len) == 0;
    sqlite3_stmt *st = NULL;
    if (ok && sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &st,
                                 NULL) != SQLITE_OK) {
        snprintf(err, len, "listing tables: %s", sqlite3_errmsg(db));
        ok = 0;
    }
    int tables = 0;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        char table[256], sql[512];
        snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table);
        ok = dump_query(db, table, sql, &out, err, len) == 0;
        tables++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    if (!ok) {
        free(out.p);
        return NULL;
    }
    if (tables == 0 && strcmp(out.p, "#header:0|0\n") == 0) {
        free(out.p);
        return strdup("<empty>");
    }
    return out.p;
}

void ss_print_diff(const char *label_a, const char *a, const char *label_b, const char *b)
{
    size_t i = 0, line = 0;
    while (a[i] && a[i] == b[i]) {
        if (a[i] == '\n')
            line = i + 1;
        i++;
    }
    const char *ea = strchr(a + line, '\n'), *eb = strchr(b + line, '\n');
    fprintf(stderr, "  first difference at byte %zu:\n  %s: %.*s\n  %s: %.*s\n", i, label_a,
            (int)(ea ? (size_t)(ea - (a + line)) : strlen(a + line)), a + line, label_b,
            (int)(eb ? (size_t)(eb - (b + line)) : strlen(b + line)), b + line);
}

char *ss_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *p = malloc(cap);
    size_t got;
    while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *q = realloc(p, cap *= 2);
            if (!q) {
                free(p);
                p = NULL;
            }
            p = q;
        }
    }
    fclose(f);
    if (p && len)
        *len = n;
    return p;
}

int ss_copy_file(const char *from, const char *to)
{
    size_t len;
    char *p = ss_slurp(from, &len);
    if (!p)
        return -1;
    FILE *f = fopen(to, "wb");
    int rc = f && fwrite(p, 1, len, f) == len ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    free(p);
    return rc;
}

void ss_remove_store(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        remove(p);
    }
}
