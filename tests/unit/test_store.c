/* Opening, refusing, migrating and transactions of the SQLite store. */
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct fixture {
    char *dir;
    char path[4096];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = grp_test_tmpdir();
    snprintf(f->path, sizeof f->path, "%s/store.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    grp_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    fputs(text, fp);
    fclose(fp);
}

static void sql(const char *path, const char *stmt)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, stmt, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("sql failed: %s", err);
    sqlite3_close(db);
}

static void test_open_memory_and_close(void **state)
{
    (void)state;
    grp_store *s = NULL;
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    assert_non_null(s);
    assert_int_equal(grp_store_schema_version(s), grp_store_schema_latest());
    assert_true(grp_store_schema_latest() >= 1);
    assert_int_equal(grp_store_min_cohort(s), 3);
    assert_int_equal(grp_store_transaction_depth(s), 0);
    grp_store_close(s);
    grp_store_close(NULL);
    assert_int_equal(grp_store_schema_version(NULL), -1);
    assert_int_equal(grp_store_min_cohort(NULL), -1);
}

static void test_open_arguments(void **state)
{
    (void)state;
    grp_store *s = (grp_store *)0x1;
    grp_store_options o;
    grp_assert_rc(grp_store_open(NULL, ":memory:", NULL), GRP_EINVAL);
    grp_assert_rc(grp_store_open(&s, NULL, NULL), GRP_EINVAL);
    assert_null(s);
    grp_assert_msg_contains("'path'");
    grp_assert_rc(grp_store_open(&s, "", NULL), GRP_EINVAL);
    grp_assert_msg_contains("empty");

    grp_assert_rc(grp_store_options_init(NULL, GRP_STORE_OPTIONS_VERSION), GRP_EINVAL);
    grp_assert_rc(grp_store_options_init(&o, 99), GRP_EINVAL);
    grp_assert_ok(grp_store_options_init(&o, GRP_STORE_OPTIONS_VERSION));
    assert_int_equal(o.busy_timeout_ms, 5000);
    assert_int_equal(o.min_cohort, 3);
    assert_int_equal(o.flags, GRP_STORE_CREATE);

    o.busy_timeout_ms = -1;
    grp_assert_rc(grp_store_open(&s, ":memory:", &o), GRP_EINVAL);
    grp_assert_msg_contains("busy_timeout_ms");
    grp_store_options_init(&o, GRP_STORE_OPTIONS_VERSION);
    o.min_cohort = 0;
    grp_assert_rc(grp_store_open(&s, ":memory:", &o), GRP_EINVAL);
    grp_assert_msg_contains("min_cohort");
    grp_store_options_init(&o, GRP_STORE_OPTIONS_VERSION);
    o.durability = (grp_durability)7;
    grp_assert_rc(grp_store_open(&s, ":memory:", &o), GRP_EINVAL);
    grp_assert_msg_contains("durability");
    grp_store_options_init(&o, GRP_STORE_OPTIONS_VERSION);
    o.flags = 0x80;
    grp_assert_rc(grp_store_open(&s, ":memory:", &o), GRP_EINVAL);
    o.flags = GRP_STORE_CREATE | GRP_STORE_READONLY;
    grp_assert_rc(grp_store_open(&s, ":memory:", &o), GRP_EINVAL);
    grp_store_options_init(&o, GRP_STORE_OPTIONS_VERSION);
    o.version = 2;
    grp_assert_rc(grp_store_open(&s, ":memory:", &o), GRP_EINVAL);
}

static void test_file_pragmas(void **state)
{
    fixture *f = *state;
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    grp_store_close(s);
    /* WAL persists in the file; the libgrp application id marks it. */
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0x4C475250);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), grp_store_schema_latest());
    sqlite3_finalize(st);
    sqlite3_close(db);

    /* Reopening an existing store works, in both durability modes. */
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    o.durability = GRP_DURABILITY_NORMAL;
    grp_assert_ok(grp_store_open(&s, f->path, &o));
    grp_store_close(s);
}

static void test_missing_without_create(void **state)
{
    fixture *f = *state;
    grp_store *s;
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    o.flags = 0;
    grp_assert_rc(grp_store_open(&s, f->path, &o), GRP_ENOTFOUND);
    grp_assert_msg_contains("does not exist");
    struct stat sb;
    assert_int_not_equal(stat(f->path, &sb), 0); /* nothing created */
    o.flags = GRP_STORE_READONLY;
    grp_assert_rc(grp_store_open(&s, f->path, &o), GRP_ENOTFOUND);
    grp_assert_rc(grp_store_open(&s, f->dir, NULL), GRP_ENOTSTORE);
    grp_assert_msg_contains("directory");
}

static void test_refuse_text_file(void **state)
{
    fixture *f = *state;
    grp_store *s = (grp_store *)0x1;
    const char *text = "name,role\nAsha,adviser\n";
    write_file(f->path, text);
    grp_assert_rc(grp_store_open(&s, f->path, NULL), GRP_ENOTSTORE);
    assert_null(s);
    grp_assert_msg_contains("not a libgrp store");
    size_t len;
    char *after = slurp(f->path, &len);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(after, text, len);
    free(after);
}

static void test_refuse_other_sqlite(void **state)
{
    fixture *f = *state;
    grp_store *s;
    sql(f->path, "CREATE TABLE t (x); INSERT INTO t VALUES (42);");
    size_t len1, len2;
    char *before = slurp(f->path, &len1);
    grp_assert_rc(grp_store_open(&s, f->path, NULL), GRP_ENOTSTORE);
    grp_assert_msg_contains("SQLite database but not a libgrp store");
    char *after = slurp(f->path, &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(before, after, len1);
    free(before);
    free(after);
}

/* A libgrp store whose pages were damaged is the user's store, broken: a
 * storage error in SQLite's words, not "not a libgrp store"; the file is
 * left as it was. */
static void test_damaged_store_is_storage_error(void **state)
{
    fixture *f = *state;
    grp_store *s = (grp_store *)0x1;
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    grp_assert_ok(grp_org_create(NULL, s, "Org", "O1"));
    grp_store_close(s);
    size_t len;
    char *bytes = slurp(f->path, &len);
    assert_true(len > 4096);
    /* keep the 100-byte header (magic, page size), scramble everything after */
    uint32_t x = 2463534242u;
    for (size_t i = 100; i < len; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        bytes[i] = (char)(x & 0xff);
    }
    FILE *out = fopen(f->path, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(bytes, 1, len, out), len);
    assert_int_equal(fclose(out), 0);
    s = (grp_store *)0x1;
    grp_assert_rc(grp_store_open(&s, f->path, NULL), GRP_ESTORAGE);
    assert_null(s);
    grp_assert_msg_contains("malformed");
    assert_null(strstr(grp_error_last()->message, "not a libgrp store"));
    size_t len2;
    char *after = slurp(f->path, &len2);
    assert_int_equal(len2, len);
    assert_memory_equal(after, bytes, len);
    free(after);
    free(bytes);
}

static void test_refuse_newer_version(void **state)
{
    fixture *f = *state;
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    grp_store_close(s);
    sql(f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;");
    size_t len1, len2;
    char *before = slurp(f->path, &len1);
    grp_assert_rc(grp_store_open(&s, f->path, NULL), GRP_EVERSION);
    grp_assert_msg_contains("schema version 999");
    grp_assert_msg_contains("newer libgrp");
    char *after = slurp(f->path, &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(before, after, len1);
    free(before);
    free(after);
}

static void test_upgrade_older(void **state)
{
    fixture *f = *state;
    grp_store *s;
    /* A store marked as libgrp at schema 0 (as if written before the first
     * migration) is upgraded in one transaction. */
    sql(f->path, "PRAGMA application_id = 1279742544; PRAGMA user_version = 0; CREATE TABLE keep (x); "
                 "INSERT INTO keep VALUES (7);");
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    assert_int_equal(grp_store_schema_version(s), grp_store_schema_latest());
    grp_org *o;
    grp_assert_ok(grp_org_create(&o, s, "After upgrade", NULL));
    grp_org_free(o);
    grp_store_close(s);
    sqlite3 *db;
    sqlite3_stmt *st;
    sqlite3_open(f->path, &db);
    sqlite3_prepare_v2(db, "SELECT x FROM keep", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 7);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Column `col` of the first row of `query` on the file, as text (or ""). */
static char *first_text_col(const char *path, const char *query, int col)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char *out;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, query, -1, &st, NULL), SQLITE_OK);
    out = strdup(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, col)
                     ? (const char *)sqlite3_column_text(st, col)
                     : "");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static char *first_text(const char *path, const char *query)
{
    return first_text_col(path, query, 0);
}

static const char *const v6_indexes[] = {"hours_entry_by_correction", "feedback_response_by_person",
                                         "peer_feedback_by_author",   "peer_feedback_by_recipient",
                                         "note_by_author",            "goal_progress_by_recorder",
                                         "org_admin_by_person"};

/* A store written at schema 5 (as 0.1 wrote it: without the indexes of
 * migration 5 -> 6) is upgraded on open, keeps its rows, and the foreign
 * key check of an hours entry's deletion then finds its rows by index. */
static void test_upgrade_5_to_6(void **state)
{
    fixture *f = *state;
    grp_store *s;
    char q[256], *text;
    assert_int_equal(grp_store_schema_latest(), 6);
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    grp_assert_ok(grp_org_create(NULL, s, "Kept", "K1"));
    grp_store_close(s);
    for (size_t i = 0; i < sizeof v6_indexes / sizeof v6_indexes[0]; i++) {
        snprintf(q, sizeof q, "DROP INDEX %s;", v6_indexes[i]);
        sql(f->path, q);
    }
    sql(f->path, "PRAGMA user_version = 5;");
    text = first_text(f->path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('hours_entry_by_correction', "
                               "'org_admin_by_person')");
    assert_string_equal(text, "0");
    free(text);

    /* read-only, it cannot be upgraded: refused, unchanged */
    grp_store_options ro = GRP_STORE_OPTIONS_INIT;
    ro.flags = GRP_STORE_READONLY;
    grp_assert_rc(grp_store_open(&s, f->path, &ro), GRP_EVERSION);
    grp_assert_msg_contains("schema version 5");
    text = first_text(f->path, "PRAGMA user_version");
    assert_string_equal(text, "5");
    free(text);

    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    assert_int_equal(grp_store_schema_version(s), 6);
    grp_org *o;
    grp_assert_ok(grp_org_find(&o, s, "K1"));
    assert_string_equal(grp_org_name(o), "Kept");
    grp_org_free(o);
    grp_store_close(s);
    text = first_text(f->path, "PRAGMA user_version");
    assert_string_equal(text, "6");
    free(text);
    for (size_t i = 0; i < sizeof v6_indexes / sizeof v6_indexes[0]; i++) {
        snprintf(q, sizeof q, "SELECT name FROM sqlite_schema WHERE type = 'index' AND name = '%s'", v6_indexes[i]);
        text = first_text(f->path, q);
        assert_string_equal(text, v6_indexes[i]);
        free(text);
    }
    /* the lookup SQLite makes for the foreign key on deleting entry 7 */
    text = first_text_col(f->path, "EXPLAIN QUERY PLAN SELECT 1 FROM hours_entry WHERE corrects = 7", 3);
    assert_non_null(strstr(text, "hours_entry_by_correction"));
    free(text);
}

/* Every statement of the store finds its rows by index: no plan scans a
 * table, so the cost of an operation on one record does not grow with the
 * store (bench_scale measures it). Whole-table reads by design: the lists
 * of every organisation, person, group or goal, and the bulk export reads
 * (SQL_IO_SELECT_*). */
static const struct {
    const char *name, *text;
} statements[] = {
#define GRP__SQL(id, text) {#id, text},
#include "store/sql.def"
#undef GRP__SQL
};

static void test_no_table_scans(void **state)
{
    fixture *f = *state;
    static const char *const whole[] = {"SQL_ORG_LIST", "SQL_PERSON_LIST", "SQL_GROUP_LIST", "SQL_GOAL_LIST"};
    grp_store *s;
    sqlite3 *db;
    size_t scans = 0, checked = 0;
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    grp_store_close(s);
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
        char q[8192];
        sqlite3_stmt *st;
        int allowed = strncmp(statements[i].name, "SQL_IO_SELECT_", 14) == 0;
        for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++)
            allowed |= strcmp(statements[i].name, whole[k]) == 0;
        if (allowed)
            continue;
        snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", statements[i].text);
        assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *detail = (const char *)sqlite3_column_text(st, 3);
            if (strncmp(detail, "SCAN ", 5) == 0 && strcmp(detail, "SCAN CONSTANT ROW") != 0) {
                print_message("%s: %s\n", statements[i].name, detail);
                scans++;
            }
        }
        sqlite3_finalize(st);
        checked++;
    }
    sqlite3_close(db);
    assert_true(checked > 100);
    assert_int_equal(scans, 0);
}

static void test_readonly(void **state)
{
    fixture *f = *state;
    grp_store *s;
    grp_org *o;
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    grp_assert_ok(grp_org_create(NULL, s, "Existing", "E1"));
    grp_store_close(s);
    grp_store_options ro = GRP_STORE_OPTIONS_INIT;
    ro.flags = GRP_STORE_READONLY;
    grp_assert_ok(grp_store_open(&s, f->path, &ro));
    grp_assert_ok(grp_org_find(&o, s, "E1"));
    assert_string_equal(grp_org_name(o), "Existing");
    grp_org_free(o);
    grp_assert_rc(grp_org_create(NULL, s, "New", NULL), GRP_EREADONLY);
    grp_assert_rc(grp_store_begin(s), GRP_EREADONLY);
    grp_store_close(s);
}

static int count_orgs(grp_store *s)
{
    grp_org_iterator *it;
    grp_org *o;
    int n = 0;
    grp_assert_ok(grp_org_iterator_new(&it, s, GRP_LIST_INCLUDE_ARCHIVED));
    while (grp_org_iterator_next(&o, it) == 0) {
        n++;
        grp_org_free(o);
    }
    grp_org_iterator_free(it);
    return n;
}

static void test_transactions_nest(void **state)
{
    (void)state;
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    grp_assert_rc(grp_store_commit(s), GRP_ESTATE);
    grp_assert_msg_contains("no transaction");
    grp_assert_rc(grp_store_rollback(s), GRP_ESTATE);
    grp_assert_rc(grp_store_begin(NULL), GRP_EINVAL);
    grp_assert_rc(grp_store_commit(NULL), GRP_EINVAL);
    grp_assert_rc(grp_store_rollback(NULL), GRP_EINVAL);

    grp_assert_ok(grp_store_begin(s));
    grp_assert_ok(grp_org_create(NULL, s, "A", NULL));
    grp_assert_ok(grp_store_begin(s));
    assert_int_equal(grp_store_transaction_depth(s), 2);
    grp_assert_ok(grp_org_create(NULL, s, "B", NULL));
    grp_assert_ok(grp_store_rollback(s)); /* B goes, A stays */
    assert_int_equal(count_orgs(s), 1);
    grp_assert_ok(grp_store_begin(s));
    grp_assert_ok(grp_org_create(NULL, s, "C", NULL));
    grp_assert_ok(grp_store_commit(s));
    grp_assert_ok(grp_store_commit(s));
    assert_int_equal(grp_store_transaction_depth(s), 0);
    assert_int_equal(count_orgs(s), 2);

    /* Rolling back the outer level undoes everything inside it. */
    grp_assert_ok(grp_store_begin(s));
    grp_assert_ok(grp_org_create(NULL, s, "D", NULL));
    grp_assert_ok(grp_store_begin(s));
    grp_assert_ok(grp_org_create(NULL, s, "E", NULL));
    grp_assert_ok(grp_store_commit(s));
    grp_assert_ok(grp_store_rollback(s));
    assert_int_equal(count_orgs(s), 2);

    /* A failing call inside a caller's transaction undoes only itself. */
    grp_assert_ok(grp_store_begin(s));
    grp_assert_ok(grp_org_create(NULL, s, "F", "dup"));
    grp_assert_rc(grp_org_create(NULL, s, "G", "dup"), GRP_EEXISTS);
    grp_assert_ok(grp_store_commit(s));
    assert_int_equal(count_orgs(s), 3);

    /* Closing with an open transaction rolls it back (file store below). */
    grp_assert_ok(grp_store_begin(s));
    grp_store_close(s);
}

static void test_close_rolls_back(void **state)
{
    fixture *f = *state;
    grp_store *s;
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    grp_assert_ok(grp_store_begin(s));
    grp_assert_ok(grp_org_create(NULL, s, "Uncommitted", NULL));
    grp_store_close(s);
    grp_assert_ok(grp_store_open(&s, f->path, NULL));
    assert_int_equal(count_orgs(s), 0);
    grp_store_close(s);
}

static void test_busy(void **state)
{
    fixture *f = *state;
    grp_store *a, *b;
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    o.busy_timeout_ms = 50;
    grp_assert_ok(grp_store_open(&a, f->path, &o));
    grp_assert_ok(grp_store_open(&b, f->path, &o));
    grp_assert_ok(grp_store_begin(a));
    grp_assert_ok(grp_org_create(NULL, a, "Holder", NULL));
    /* b waits up to 50 ms for the write lock, then reports busy, and its
     * failed write leaves nothing behind. */
    grp_assert_rc(grp_org_create(NULL, b, "Waiter", NULL), GRP_EBUSY);
    grp_assert_rc(grp_store_begin(b), GRP_EBUSY);
    assert_int_equal(grp_store_transaction_depth(b), 0);
    /* readers are not blocked by the writer (WAL) */
    assert_int_equal(count_orgs(b), 0);
    grp_assert_ok(grp_store_commit(a));
    grp_assert_ok(grp_org_create(NULL, b, "Waiter", NULL));
    assert_int_equal(count_orgs(a), 2);
    grp_store_close(a);
    grp_store_close(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_memory_and_close),
        cmocka_unit_test(test_open_arguments),
        cmocka_unit_test_setup_teardown(test_file_pragmas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_without_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuse_text_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuse_other_sqlite, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_store_is_storage_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuse_newer_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_older, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_5_to_6, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_table_scans, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
        cmocka_unit_test(test_transactions_nest),
        cmocka_unit_test_setup_teardown(test_close_rolls_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
