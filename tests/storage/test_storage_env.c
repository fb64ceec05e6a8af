/* The store in hostile surroundings: a read-only store (the read-only open
 * flag, and a write-protected file opened by a user who may not write it),
 * a full file system (a small tmpfs mounted in a private mount namespace;
 * skipped, with the reason, only where mounting is not permitted), and a
 * store locked by another process beyond the busy timeout.
 * docs/reliability.md ("Storage faults") describes them. */
#define _GNU_SOURCE
#include "support.h"

#include "faultvfs.h"
#include "storage_support.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SKIP_CODE 77

static char *tmpdir;
static int fs_skipped; /* the tmpfs test could not mount: exit with SKIP_CODE */

static void pathf(char *out, const char *dir, const char *name)
{
    if (snprintf(out, 4096, "%s/%s", dir, name) >= 4096)
        abort();
}

static grp_store *open_store(const char *path, uint32_t flags, int busy_ms)
{
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    grp_store *s = NULL;
    o.flags = flags;
    o.busy_timeout_ms = busy_ms;
    grp_assert_ok(grp_store_open(&s, path, &o));
    return s;
}

static long count_orgs(grp_store *s)
{
    grp_org_iterator *it;
    grp_org *o;
    long n = 0;
    int rc;
    grp_assert_ok(grp_org_iterator_new(&it, s, 0));
    while ((rc = grp_org_iterator_next(&o, it)) == 0) {
        n++;
        grp_org_free(o);
    }
    grp_org_iterator_free(it);
    grp_assert_rc(rc, GRP_ITEROVER);
    return n;
}

/* A store with `n` organisations "Org <i>" (refs "R<i>"), closed. */
static void make_store(const char *path, int n)
{
    grp_store *s = open_store(path, GRP_STORE_CREATE, 5000);
    for (int i = 0; i < n; i++) {
        char name[32], ref[32];
        snprintf(name, sizeof name, "Org %d", i);
        snprintf(ref, sizeof ref, "R%d", i);
        grp_assert_ok(grp_org_create(NULL, s, name, ref));
    }
    grp_store_close(s);
}

/* Every write kind refused with GRP_EREADONLY and a message; reads work. */
static void check_readonly_handle(grp_store *s, long orgs)
{
    grp_org *o;
    grp_actor sys = grp_actor_system();
    assert_int_equal(count_orgs(s), orgs);
    grp_assert_ok(grp_org_find(&o, s, "R0"));
    assert_string_equal(grp_org_name(o), "Org 0");
    grp_org_free(o);
    grp_assert_rc(grp_org_create(NULL, s, "New", "NEW"), GRP_EREADONLY);
    grp_assert_msg_contains("read-only");
    grp_assert_rc(grp_org_update(s, 1, "Renamed", NULL), GRP_EREADONLY);
    grp_assert_msg_contains("read-only");
    grp_assert_rc(grp_store_begin(s), GRP_EREADONLY);
    grp_assert_msg_contains("read-only");
    assert_int_equal(grp_store_transaction_depth(s), 0);
    static const char doc[] = "{\"format\":\"libgrp\",\"version\":1}";
    grp_assert_rc(grp_json_import(NULL, s, &sys, doc, sizeof doc - 1, NULL), GRP_EREADONLY);
    grp_assert_msg_contains("read-only");
    char *json = NULL;
    grp_assert_ok(grp_json_export(&json, s, &sys, NULL));
    assert_non_null(strstr(json, "\"Org 0\""));
    grp_free(json);
    assert_int_equal(count_orgs(s), orgs);
}

static void test_readonly_flag(void **state)
{
    (void)state;
    char path[4096];
    pathf(path, tmpdir, "ro.db");
    make_store(path, 3);
    size_t len1, len2;
    char *before = ss_slurp(path, &len1);
    assert_non_null(before);
    grp_store *s = open_store(path, GRP_STORE_READONLY, 200);
    check_readonly_handle(s, 3);
    grp_store_close(s);
    char *after = ss_slurp(path, &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(before, after, len1);
    free(before);
    free(after);
    ss_remove_store(path);
}

/* A write-protected file (0444) opened with the default options by a user
 * who may not write it. Root ignores permission bits, so when the test runs
 * as root a child process drops to nobody (65534) first. The directory is
 * writable by everybody (sticky, like /tmp), so SQLite can create the WAL
 * index it needs for reading. Writes must fail with GRP_EREADONLY. */
static void test_readonly_file(void **state)
{
    (void)state;
    char dir[4096], path[4096];
    pathf(dir, tmpdir, "shared");
    assert_int_equal(mkdir(dir, 01777), 0);
    assert_int_equal(chmod(dir, 01777), 0);
    pathf(path, dir, "protected.db");
    make_store(path, 2);
    assert_int_equal(chmod(path, 0444), 0);
    size_t len1, len2;
    char *before = ss_slurp(path, &len1);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        free(before); /* the child ends with _exit(): leave nothing to leak */
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        if (access(path, W_OK) == 0)
            _exit(4); /* could write after all: the test would prove nothing */
        grp_store *s = NULL;
        int rc = grp_store_open(&s, path, NULL);
        if (rc != 0) {
            fprintf(stderr, "open of the protected file returned %s: %s\n", grp_error_name(rc),
                    grp_error_last()->message);
            _exit(5);
        }
        /* The handle opened read-only by itself: cmocka assertions would
         * longjmp out of the child, so check by hand. */
        grp_org *o = NULL;
        int bad = 0;
        if (grp_org_find(&o, s, "R1") != 0 || strcmp(grp_org_name(o), "Org 1") != 0)
            bad = 6;
        grp_org_free(o);
        rc = grp_org_create(NULL, s, "New", "NEW");
        if (!bad && (rc != GRP_EREADONLY || !strstr(grp_error_last()->message, "not writable"))) {
            fprintf(stderr, "write on the protected file returned %s: %s\n", grp_error_name(rc),
                    grp_error_last()->message);
            bad = 7;
        }
        rc = grp_store_begin(s);
        if (!bad && rc != GRP_EREADONLY) {
            fprintf(stderr, "begin on the protected file returned %s: %s\n", grp_error_name(rc),
                    grp_error_last()->message);
            bad = 8;
        }
        if (!bad && grp_store_transaction_depth(s) != 0)
            bad = 9;
        grp_store_close(s);
        _exit(bad);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) != 0)
        fail_msg("the child checking the protected file failed with status %d", WEXITSTATUS(status));
    char *after = ss_slurp(path, &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(before, after, len1);
    free(before);
    free(after);
    chmod(path, 0644);
    ss_remove_store(path);
}

/* ---- a full file system ------------------------------------------------------- */

/* Runs in a child in its own mount namespace, on a 512 KiB tmpfs: fill it
 * with a filler file but for a little room, write until the store is full,
 * check, remove the filler, write again. Returns 0 or the failed check. */
static int full_fs_child(const char *mnt)
{
    char path[4096], filler[4096];
    pathf(path, mnt, "full.db");
    pathf(filler, mnt, "filler");
    grp_store *s = NULL;
    if (grp_store_open(&s, path, NULL) != 0)
        return 10;
    /* Leave about 160 KiB of room. */
    int fd = open(filler, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0)
        return 11;
    char block[4096];
    memset(block, 'x', sizeof block);
    long blocks = 0;
    while (write(fd, block, sizeof block) == (ssize_t)sizeof block)
        blocks++;
    close(fd);
    if (truncate(filler, (off_t)(blocks > 40 ? blocks - 40 : 0) * (off_t)sizeof block) != 0)
        return 12;
    /* Write until the disk is full. */
    int committed = 0, rc = 0;
    char name[200];
    for (int i = 0; i < 100000; i++) {
        char ref[32];
        snprintf(name, sizeof name, "Organisation number %d with a long name to fill pages quickly, %0120d", i, i);
        snprintf(ref, sizeof ref, "F%d", i);
        if ((rc = grp_org_create(NULL, s, name, ref)) != 0)
            break;
        committed++;
    }
    printf("full file system: %d organisations committed, then %s: %s\n", committed, grp_error_name(rc),
           grp_error_last()->message);
    if (rc != GRP_ESTORAGE)
        return 13;
    if (!strstr(grp_error_last()->message, "full"))
        return 14;
    if (grp_store_transaction_depth(s) != 0 || committed < 10)
        return 15;
    /* The failing handle still reads everything. */
    grp_org_iterator *it;
    grp_org *o;
    int seen = 0;
    if (grp_org_iterator_new(&it, s, 0) != 0)
        return 16;
    while (grp_org_iterator_next(&o, it) == 0) {
        seen++;
        grp_org_free(o);
    }
    grp_org_iterator_free(it);
    if (seen != committed)
        return 17;
    grp_store_close(s);
    /* Consistent, with every commit, for SQLite itself. */
    char err[512];
    char *f = ss_fingerprint(path, err, sizeof err);
    if (!f) {
        fprintf(stderr, "after the disk filled: %s\n", err);
        return 18;
    }
    free(f);
    /* Room again: the same write works, on a new handle. */
    if (remove(filler) != 0)
        return 19;
    if (grp_store_open(&s, path, NULL) != 0)
        return 20;
    char ref[32];
    snprintf(ref, sizeof ref, "F%d", committed);
    snprintf(name, sizeof name, "Organisation number %d with a long name to fill pages quickly, %0120d", committed,
             committed);
    if (grp_org_create(NULL, s, name, ref) != 0) {
        fprintf(stderr, "write after freeing space: %s\n", grp_error_last()->message);
        return 21;
    }
    for (int i = 0; i <= committed; i++) {
        snprintf(ref, sizeof ref, "F%d", i);
        if (grp_org_find(&o, s, ref) != 0)
            return 22;
        grp_org_free(o);
    }
    grp_store_close(s);
    return 0;
}

static void test_full_filesystem(void **state)
{
    (void)state;
    char mnt[4096];
    pathf(mnt, tmpdir, "small");
    assert_int_equal(mkdir(mnt, 0755), 0);
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* A private mount namespace: the tmpfs vanishes with the child. */
        if (unshare(CLONE_NEWNS) != 0) {
            printf("SKIPPED: unshare(CLONE_NEWNS) is not permitted here: %s\n", strerror(errno));
            _exit(SKIP_CODE);
        }
        if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount("tmpfs", mnt, "tmpfs", 0, "size=512k") != 0) {
            printf("SKIPPED: mounting a tmpfs is not permitted here: %s\n", strerror(errno));
            _exit(SKIP_CODE);
        }
        int rc = full_fs_child(mnt);
        fflush(stdout);
        _exit(rc);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == SKIP_CODE) {
        fs_skipped = 1;
        rmdir(mnt);
        skip();
    }
    if (WEXITSTATUS(status) != 0)
        fail_msg("full file system check %d failed", WEXITSTATUS(status));
    rmdir(mnt);
}

/* ---- locked by another process ------------------------------------------------- */

/* The child takes the write lock (raw SQLite: BEGIN IMMEDIATE and an insert;
 * or libgrp: grp_store_begin and a write), says so on `ready`, and holds it
 * until the parent writes on `go`; then rolls back (raw) or commits
 * (libgrp). */
static void lock_child(const char *path, int use_libgrp, int ready, int go)
{
    char c = 'r';
    if (use_libgrp) {
        grp_store *s = NULL;
        int rc = 0;
        if (grp_store_open(&s, path, NULL) != 0 || grp_store_begin(s) != 0 ||
            grp_org_create(NULL, s, "Child's org", "CHILD") != 0)
            rc = 2;
        else if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 1)
            rc = 3;
        else if (grp_store_commit(s) != 0)
            rc = 4;
        grp_store_close(s);
        _exit(rc);
    }
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO org (name) VALUES ('never committed')", NULL, NULL, NULL) !=
            SQLITE_OK) {
        sqlite3_close(db);
        _exit(2);
    }
    if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 1) {
        sqlite3_close(db);
        _exit(3);
    }
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    _exit(0);
}

static void locked(int use_libgrp)
{
    char path[4096];
    pathf(path, tmpdir, use_libgrp ? "locked_grp.db" : "locked_raw.db");
    make_store(path, 2);
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(ready[0]);
        close(go[1]);
        lock_child(path, use_libgrp, ready[1], go[0]);
    }
    close(ready[1]);
    close(go[0]);
    char c;
    if (read(ready[0], &c, 1) != 1) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        fail_msg("the child could not take the lock");
    }
    grp_store *s = open_store(path, GRP_STORE_CREATE, 200);
    /* A reader beside the writer works (WAL) and sees only commits. */
    assert_int_equal(count_orgs(s), 2);
    /* A write waits 200 ms, then gives up: GRP_EBUSY, nothing written. */
    grp_assert_rc(grp_org_create(NULL, s, "Parent's org", "PARENT"), GRP_EBUSY);
    grp_assert_msg_contains("database is locked");
    assert_int_equal(grp_store_transaction_depth(s), 0);
    grp_assert_rc(grp_store_begin(s), GRP_EBUSY);
    grp_assert_msg_contains("database is locked");
    assert_int_equal(grp_store_transaction_depth(s), 0);
    grp_assert_rc(grp_org_update(s, 1, "Renamed", NULL), GRP_EBUSY);
    assert_int_equal(count_orgs(s), 2);
    grp_org *o;
    grp_assert_ok(grp_org_get(&o, s, 1));
    assert_string_equal(grp_org_name(o), "Org 0");
    grp_org_free(o);
    /* The child lets go; the same calls now work on the same handle. */
    c = 'g';
    assert_int_equal(write(go[1], &c, 1), 1);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    close(ready[0]);
    close(go[1]);
    grp_assert_ok(grp_org_create(NULL, s, "Parent's org", "PARENT"));
    grp_assert_ok(grp_org_update(s, 1, "Renamed", NULL));
    grp_assert_ok(grp_store_begin(s));
    grp_assert_ok(grp_store_commit(s));
    assert_int_equal(count_orgs(s), use_libgrp ? 4 : 3);
    grp_assert_rc(grp_org_find(&o, s, "CHILD"), use_libgrp ? 0 : GRP_ENOTFOUND);
    grp_org_free(use_libgrp ? o : NULL);
    grp_store_close(s);
    char err[512];
    char *f = ss_fingerprint(path, err, sizeof err);
    if (!f)
        fail_msg("after the lock: %s", err);
    assert_null(strstr(f, "never committed"));
    free(f);
    ss_remove_store(path);
}

static void test_locked_raw(void **state)
{
    (void)state;
    locked(0);
}

static void test_locked_libgrp(void **state)
{
    (void)state;
    locked(1);
}

/* ---- erasure leaves no copy in the files ------------------------------------------ */

static int file_contains(const char *path, const char *needle)
{
    size_t len = 0, n = strlen(needle);
    char *p = ss_slurp(path, &len);
    int found = 0;
    for (size_t i = 0; p && i + n <= len && !found; i++)
        found = memcmp(p + i, needle, n) == 0;
    free(p);
    return found;
}

/* After grp_person_erase() returns, with the handle still open, neither
 * the database file nor its WAL holds the erased name or e-mail address
 * (the WAL used to keep the page images written before the erasure). */
/* A read error while an existing store is opened (at every read, N = 1, 2,
 * ... until the open reads no more, each failing from then on) is a
 * storage error in SQLite's words, never "not a libgrp store": the file is
 * the user's, unharmed, and opens once the fault is gone. */
static void test_read_error_on_open(void **state)
{
    (void)state;
    char path[4096], err[256];
    pathf(path, tmpdir, "read-error.grp");
    make_store(path, 3);
    char *before = ss_fingerprint(path, err, sizeof err);
    assert_non_null(before);
    assert_int_equal(fv_install(), 0);
    fv_use(1);
    long n, refused = 0;
    for (n = 1; n < 100000; n++) {
        grp_store_options o = GRP_STORE_OPTIONS_INIT;
        grp_store *s = (grp_store *)&o; /* not NULL: a refusal must reset it */
        fv_arm(FV_READ_ERR, n, 1);
        int rc = grp_store_open(&s, path, &o);
        long injected = fv_injected();
        fv_disarm();
        if (rc == GRP_OK) {
            grp_store_close(s);
            if (injected == 0)
                break; /* the open read fewer than n times: done */
            continue;  /* SQLite coped (e.g. a read it retries): fine */
        }
        refused++;
        assert_null(s);
        if (rc != GRP_ESTORAGE)
            fail_msg("read %ld failing: %s (%d), want GRP_ESTORAGE: %s", n, grp_error_name(rc), rc,
                     grp_error_last()->message);
        grp_assert_msg_contains("I/O error");
        if (strstr(grp_error_last()->message, "not a libgrp store"))
            fail_msg("read %ld failing: called a foreign file: %s", n, grp_error_last()->message);
    }
    fv_use(0);
    assert_true(n > 1 && n < 100000);
    assert_true(refused > 0);
    grp_store *s = open_store(path, 0, 5000);
    assert_int_equal(count_orgs(s), 3);
    grp_store_close(s);
    char *after = ss_fingerprint(path, err, sizeof err);
    assert_non_null(after);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_erasure_leaves_no_copy(void **state)
{
    (void)state;
    char path[4096], wal[4096];
    pathf(path, tmpdir, "erase.db");
    pathf(wal, tmpdir, "erase.db-wal");
    grp_store *s = open_store(path, GRP_STORE_CREATE, 200);
    grp_org *o;
    grp_person *p;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_org_create(&o, s, "Org", NULL));
    ps.org_id = grp_org_id(o);
    ps.display_name = "Zelda Quillfeather";
    ps.email = "zelda.quillfeather@example.org";
    grp_assert_ok(grp_person_create(&p, s, &ps));
    assert_true(file_contains(wal, "Quillfeather"));
    grp_assert_ok(grp_person_erase(s, &sys, grp_person_id(p)));
    assert_false(file_contains(path, "Quillfeather"));
    assert_false(file_contains(wal, "Quillfeather"));
    grp_person_free(p);
    grp_org_free(o);
    grp_store_close(s);
    assert_false(file_contains(path, "Quillfeather"));
    ss_remove_store(path);
}

static int setup(void **state)
{
    (void)state;
    tmpdir = grp_test_tmpdir();
    /* Others (the nobody child) must reach the shared directory. */
    return tmpdir && chmod(tmpdir, 0755) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    grp_test_rmtree(tmpdir);
    free(tmpdir);
    return 0;
}

/* With the argument "full_fs" only the full-file-system test runs, and
 * when it was skipped because mounting is not permitted the exit code is
 * SKIP_CODE (ctest: SKIP_RETURN_CODE). Without arguments the others run. */
int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readonly_flag),
        cmocka_unit_test(test_readonly_file),
        cmocka_unit_test(test_locked_raw),
        cmocka_unit_test(test_locked_libgrp),
        cmocka_unit_test(test_erasure_leaves_no_copy),
        cmocka_unit_test(test_read_error_on_open),
    };
    const struct CMUnitTest fs_tests[] = {
        cmocka_unit_test(test_full_filesystem),
    };
    if (argc > 1 && strcmp(argv[1], "full_fs") == 0) {
        int failed = cmocka_run_group_tests(fs_tests, setup, teardown);
        return failed == 0 && fs_skipped ? SKIP_CODE : failed;
    }
    return cmocka_run_group_tests(tests, setup, teardown);
}
