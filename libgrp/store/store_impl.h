/* Internal: the store handle and the SQLite plumbing shared by the
 * store/sqlite_*.c files. Nothing outside store/ includes sqlite3.h.
 * Named *_impl.h, not store.h: libabigail tells public from private types
 * by the header's file name, and a private header named like a public one
 * (include/libgrp/store.h) would put this opaque struct into the checked
 * ABI (tests/abi/check_abi.sh guards against that). */
#ifndef GRP_STORE_STORE_IMPL_H
#define GRP_STORE_STORE_IMPL_H

#include "libgrp/store.h"
#include "store/backend.h"

#include <sqlite3.h>

/* Every SQL statement libgrp runs, prepared once per store on first use. */
typedef enum grp__sql_id {
#define GRP__SQL(id, text) id,
#include "store/sql.def"
#undef GRP__SQL
    GRP__SQL_COUNT
} grp__sql_id;

#include "libgrp/tz.h"

/* Why a store refuses writes (grp_store.readonly). */
typedef enum grp__readonly {
    GRP__WRITABLE = 0,
    GRP__READONLY_ASKED = 1, /* opened with GRP_STORE_READONLY */
    GRP__READONLY_FILE = 2   /* the file is not writable, so SQLite opened it read-only */
} grp__readonly;

struct grp_store {
    sqlite3 *db;
    const grp__backend *be;
    sqlite3_stmt *stmts[GRP__SQL_COUNT];
    int depth;      /* open transaction levels (public and internal) */
    int aborted;    /* SQLite rolled the whole transaction back under us */
    grp__readonly readonly;
    int min_cohort;
    int schema_version;
    /* Zones used by this handle's cadences, loaded once: TZif files are
     * read and parsed only on first use. */
    grp_tz **tz_cache;
    size_t tz_count;
    /* Called when the outermost transaction ends (committed or not); the
     * events module uses it to deliver after-commit callbacks. */
    void (*tx_done)(grp_store *s, int committed);
    int64_t event_pending_from; /* first event seq appended in this transaction, 0 none */
    int scrub_after_commit;     /* checkpoint and truncate the WAL after this transaction */
    void (*event_cb)(const struct grp_event *e, void *payload);
    void *event_cb_payload;
    int busy_timeout_ms;   /* the handle's busy timeout (busy_wait) */
    int64_t busy_since_us; /* when the current wait began */
    uint64_t busy_rng;     /* jitter of the waits */
};

/* The zone called `name`, loaded at most once per store; borrowed until
 * the store is closed. Errors as grp_tz_open(). */
int grp__store_tz(grp_store *s, const char *name, const grp_tz **out);

/* A cached, reset statement ready for binding; NULL with the error set. */
sqlite3_stmt *grp__stmt(grp_store *s, grp__sql_id id);
/* Reset a statement after use (clears bindings; keeps it cached). */
void grp__stmt_done(sqlite3_stmt *st);

/* Translate an SQLite result into a GRP_E* code with the message copied
 * now (sqlite3_errmsg is overwritten by the next call). */
int grp__sqlite_error(grp_store *s, int rc, const char *doing);

/* Binding helpers: each checks the bind result (an ignored failure would
 * silently store NULL). Text NULL binds SQL NULL; dates unset bind NULL. */
int grp__bind_text(grp_store *s, sqlite3_stmt *st, int idx, const char *v);
int grp__bind_int64(grp_store *s, sqlite3_stmt *st, int idx, int64_t v);
int grp__bind_date(grp_store *s, sqlite3_stmt *st, int idx, grp_date d);

/* Column helpers. A NULL column gives NULL / unset date. The dup
 * functions return GRP_ENOMEM (error set) when a copy fails. */
int grp__col_strdup(char **out, sqlite3_stmt *st, int col);
grp_date grp__col_date(sqlite3_stmt *st, int col);
grp_datetime grp__col_datetime(sqlite3_stmt *st, int col);
int grp__bind_datetime(grp_store *s, sqlite3_stmt *st, int idx, grp_datetime dt);

/* Bind parameters 1.. from a type string, checking every bind:
 *   'i' int64_t, 'r' grp_id (0 binds NULL), 't' const char * (NULL binds
 *   NULL), 'd' grp_date (unset binds NULL).
 * Callers must pass exactly those C types (varargs do not convert). On
 * failure the statement is reset and the error returned. */
int grp__bindv(grp_store *s, sqlite3_stmt *st, const char *types, ...);

/* Step a statement that returns no rows; translates errors. */
int grp__step_done(grp_store *s, sqlite3_stmt *st, const char *doing);

/* Check that a write may proceed (not read-only). */
int grp__store_writable(grp_store *s);

/* Internal transaction helpers used by every public write: begin, and
 * finish with commit when rc == 0 or rollback otherwise; returns rc or the
 * commit's error. */
int grp__tx_begin(grp_store *s);

/* Ask that, once the current transaction commits, the WAL be checkpointed
 * and truncated so that no earlier page images (which could reveal the
 * order of anonymous writes) stay in the -wal file. Best effort. */
void grp__store_scrub_after_commit(grp_store *s);
int grp__tx_end(grp_store *s, int rc);

#endif
