/* The SQLite connection: open with identity and version checks, schema
 * migrations, the statement cache, transactions and error translation. */
#include "store/store_impl.h"
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* "LGRP": marks a database as a libgrp store (PRAGMA application_id). */
#define GRP__APPLICATION_ID 0x4C475250

static const char *const sql_text[GRP__SQL_COUNT] = {
#define GRP__SQL(id, text) text,
#include "store/sql.def"
#undef GRP__SQL
};

/* Schema migrations: migrations[v] upgrades a store from version v to v+1.
 * Version 0 is an empty database. Never edit a step once released: add a
 * new one. */
static const char *const migrations[] = {
    /* 0 -> 1: organisations, people, groups, membership stints */
    "CREATE TABLE org ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
    "  external_ref TEXT UNIQUE,"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)));"
    "CREATE TABLE person ("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  display_name TEXT NOT NULL,"
    "  job_role TEXT, email TEXT, external_ref TEXT,"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  UNIQUE (org_id, external_ref));"
    "CREATE TABLE grp_group ("
    "  id INTEGER PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  name TEXT NOT NULL,"
    "  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),"
    "  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),"
    "  capacity_policy INTEGER NOT NULL CHECK (capacity_policy BETWEEN 0 AND 2),"
    "  quorum INTEGER NOT NULL CHECK (quorum >= 0),"
    "  membership_policy INTEGER NOT NULL CHECK (membership_policy BETWEEN 0 AND 2),"
    "  allow_other_orgs INTEGER NOT NULL CHECK (allow_other_orgs IN (0, 1)),"
    "  delivery INTEGER NOT NULL CHECK (delivery BETWEEN 0 AND 2),"
    "  location TEXT, meeting_link TEXT,"
    "  timezone TEXT NOT NULL,"
    "  session_minutes INTEGER NOT NULL CHECK (session_minutes BETWEEN 1 AND 1440),"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)));"
    "CREATE INDEX grp_group_by_org ON grp_group (org_id);"
    "CREATE TABLE group_role ("
    "  group_id INTEGER NOT NULL REFERENCES grp_group(id),"
    "  position INTEGER NOT NULL,"
    "  role TEXT NOT NULL,"
    "  PRIMARY KEY (group_id, position)) WITHOUT ROWID;"
    "CREATE TABLE membership ("
    "  id INTEGER PRIMARY KEY,"
    "  group_id INTEGER NOT NULL REFERENCES grp_group(id),"
    "  person_id INTEGER NOT NULL REFERENCES person(id),"
    "  role INTEGER NOT NULL CHECK (role BETWEEN 0 AND 2),"
    "  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 4),"
    "  requested_on TEXT NOT NULL,"
    "  began TEXT, ended TEXT, reason TEXT);"
    "CREATE INDEX membership_by_group ON membership (group_id, began);"
    "CREATE INDEX membership_by_person ON membership (person_id, group_id);"
    "CREATE INDEX person_by_org ON person (org_id);",

    /* 1 -> 2: cadences, stored sessions, attendance */
    "CREATE TABLE cadence ("
    "  id INTEGER PRIMARY KEY,"
    "  group_id INTEGER NOT NULL REFERENCES grp_group(id),"
    "  rrule TEXT NOT NULL,"
    "  first_date TEXT NOT NULL,"
    "  until_date TEXT,"
    "  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),"
    "  duration INTEGER NOT NULL CHECK (duration BETWEEN 1 AND 1440),"
    "  timezone TEXT NOT NULL);"
    "CREATE INDEX cadence_by_group ON cadence (group_id, first_date);"
    "CREATE TABLE session ("
    "  id INTEGER PRIMARY KEY,"
    "  group_id INTEGER NOT NULL REFERENCES grp_group(id),"
    "  cadence_id INTEGER REFERENCES cadence(id),"
    "  occurrence TEXT,"
    "  occurrence_utc INTEGER,"
    "  start_local TEXT NOT NULL,"
    "  start_utc INTEGER NOT NULL,"
    "  duration INTEGER NOT NULL CHECK (duration BETWEEN 1 AND 1440),"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),"
    "  location TEXT, meeting_link TEXT, reason TEXT,"
    "  timezone TEXT NOT NULL,"
    "  UNIQUE (group_id, occurrence));"
    "CREATE INDEX session_by_start ON session (group_id, start_utc);"
    "CREATE INDEX session_by_occurrence ON session (group_id, occurrence_utc);"
    "CREATE TABLE attendance ("
    "  session_id INTEGER NOT NULL REFERENCES session(id),"
    "  person_id INTEGER NOT NULL REFERENCES person(id),"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 5),"
    "  minutes INTEGER NOT NULL CHECK (minutes >= 0),"
    "  recorded_by INTEGER REFERENCES person(id),"
    "  recorded_at INTEGER NOT NULL,"
    "  PRIMARY KEY (session_id, person_id)) WITHOUT ROWID;"
    "CREATE INDEX attendance_by_person ON attendance (person_id, session_id);",

    /* 2 -> 3: supervision hours and the presenter rota */
    "CREATE TABLE hours_rule ("
    "  group_id INTEGER PRIMARY KEY REFERENCES grp_group(id),"
    "  mode INTEGER NOT NULL CHECK (mode BETWEEN 0 AND 3),"
    "  ratio_num INTEGER NOT NULL CHECK (ratio_num BETWEEN 1 AND 1000),"
    "  ratio_den INTEGER NOT NULL CHECK (ratio_den BETWEEN 1 AND 1000));"
    "CREATE TABLE hours_entry ("
    "  id INTEGER PRIMARY KEY,"
    "  person_id INTEGER NOT NULL REFERENCES person(id),"
    "  group_id INTEGER NOT NULL REFERENCES grp_group(id),"
    "  session_id INTEGER NOT NULL REFERENCES session(id),"
    "  entry_date TEXT NOT NULL,"
    "  kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
    "  minutes INTEGER NOT NULL,"
    "  credited INTEGER NOT NULL,"
    "  signed_by INTEGER REFERENCES person(id),"
    "  signed_on TEXT,"
    "  corrects INTEGER REFERENCES hours_entry(id),"
    "  note TEXT);"
    "CREATE UNIQUE INDEX hours_entry_original ON hours_entry (session_id, person_id) WHERE corrects IS NULL;"
    "CREATE INDEX hours_entry_by_person ON hours_entry (person_id, entry_date);"
    "CREATE INDEX hours_entry_by_group ON hours_entry (group_id);"
    "CREATE TABLE presenter ("
    "  session_id INTEGER PRIMARY KEY REFERENCES session(id),"
    "  person_id INTEGER NOT NULL REFERENCES person(id));"
    "CREATE INDEX presenter_by_person ON presenter (person_id);",

    /* 3 -> 4: confidential content, access and audit. Feedback responses
     * have random ids in a WITHOUT ROWID table and no timestamp, and
     * feedback_given holds no response id: nothing orders or links an
     * anonymous response to its author. */
    "CREATE TABLE org_admin ("
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  person_id INTEGER NOT NULL REFERENCES person(id),"
    "  PRIMARY KEY (org_id, person_id)) WITHOUT ROWID;"
    "CREATE TABLE feedback_form (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE feedback_item ("
    "  form_id INTEGER NOT NULL REFERENCES feedback_form(id),"
    "  position INTEGER NOT NULL, text TEXT NOT NULL,"
    "  PRIMARY KEY (form_id, position)) WITHOUT ROWID;"
    "INSERT INTO feedback_form (id, name) VALUES (1, 'Session feedback');"
    "INSERT INTO feedback_item VALUES (1, 0, 'I felt safe to share'), (1, 1, 'The session was useful for my practice'),"
    "  (1, 2, 'The facilitator kept us focused'), (1, 3, 'The time felt protected');"
    "CREATE TABLE group_feedback_form ("
    "  group_id INTEGER PRIMARY KEY REFERENCES grp_group(id),"
    "  form_id INTEGER NOT NULL REFERENCES feedback_form(id));"
    "CREATE TABLE feedback_response ("
    "  session_id INTEGER NOT NULL REFERENCES session(id),"
    "  id INTEGER NOT NULL,"
    "  form_id INTEGER NOT NULL REFERENCES feedback_form(id),"
    "  person_id INTEGER REFERENCES person(id),"
    "  ratings TEXT NOT NULL,"
    "  text TEXT,"
    "  PRIMARY KEY (session_id, id)) WITHOUT ROWID;"
    "CREATE TABLE feedback_given ("
    "  session_id INTEGER NOT NULL REFERENCES session(id),"
    "  person_id INTEGER NOT NULL REFERENCES person(id),"
    "  PRIMARY KEY (session_id, person_id)) WITHOUT ROWID;"
    "CREATE TABLE peer_feedback ("
    "  id INTEGER PRIMARY KEY,"
    "  group_id INTEGER NOT NULL REFERENCES grp_group(id),"
    "  session_id INTEGER REFERENCES session(id),"
    "  author_id INTEGER NOT NULL REFERENCES person(id),"
    "  recipient_id INTEGER NOT NULL REFERENCES person(id),"
    "  text TEXT NOT NULL, shared INTEGER NOT NULL CHECK (shared IN (0, 1)));"
    "CREATE INDEX peer_feedback_by_group ON peer_feedback (group_id);"
    "CREATE TABLE goal ("
    "  id INTEGER PRIMARY KEY,"
    "  owner_id INTEGER NOT NULL REFERENCES person(id),"
    "  title TEXT NOT NULL, description TEXT,"
    "  group_id INTEGER REFERENCES grp_group(id),"
    "  target_date TEXT,"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),"
    "  visibility INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2));"
    "CREATE INDEX goal_by_owner ON goal (owner_id);"
    "CREATE INDEX goal_by_group ON goal (group_id);"
    "CREATE TABLE goal_step ("
    "  id INTEGER PRIMARY KEY,"
    "  goal_id INTEGER NOT NULL REFERENCES goal(id),"
    "  position INTEGER NOT NULL, title TEXT NOT NULL, due TEXT,"
    "  done INTEGER NOT NULL CHECK (done IN (0, 1)));"
    "CREATE INDEX goal_step_by_goal ON goal_step (goal_id, position);"
    "CREATE TABLE goal_progress ("
    "  id INTEGER PRIMARY KEY,"
    "  goal_id INTEGER NOT NULL REFERENCES goal(id),"
    "  entry_date TEXT NOT NULL,"
    "  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),"
    "  note TEXT,"
    "  session_id INTEGER REFERENCES session(id),"
    "  recorded_by INTEGER REFERENCES person(id));"
    "CREATE INDEX goal_progress_by_goal ON goal_progress (goal_id, id);"
    "CREATE INDEX goal_progress_by_session ON goal_progress (session_id);"
    "CREATE TABLE note ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL REFERENCES session(id),"
    "  author_id INTEGER NOT NULL REFERENCES person(id),"
    "  visibility INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),"
    "  text TEXT NOT NULL);"
    "CREATE INDEX note_by_session ON note (session_id);"
    "CREATE TABLE theme ("
    "  id INTEGER PRIMARY KEY,"
    "  group_id INTEGER NOT NULL REFERENCES grp_group(id),"
    "  session_id INTEGER REFERENCES session(id),"
    "  title TEXT NOT NULL, description TEXT,"
    "  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 2));"
    "CREATE INDEX theme_by_group ON theme (group_id);"
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  actor_kind INTEGER NOT NULL,"
    "  actor_person INTEGER,"
    "  action TEXT NOT NULL, entity_type TEXT NOT NULL, entity_id INTEGER NOT NULL);",

    /* 4 -> 5: the change feed (an outbox written with each change) and the
     * record of which due-date events were already emitted.
     * AUTOINCREMENT: sequence numbers are never reused after pruning. */
    "CREATE TABLE event ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  at INTEGER NOT NULL,"
    "  kind INTEGER NOT NULL,"
    "  group_id INTEGER, person_id INTEGER, entity_id INTEGER);"
    "CREATE TABLE event_due ("
    "  goal_id INTEGER NOT NULL, step_id INTEGER NOT NULL, kind INTEGER NOT NULL,"
    "  PRIMARY KEY (goal_id, step_id, kind)) WITHOUT ROWID;",

    /* 5 -> 6: no per-record operation scans a whole table (bench_scale).
     * Deleting an hours entry (attendance no longer attended) checks the
     * foreign key hours_entry.corrects: without an index that check read
     * every entry. Partial indexes where most rows hold NULL keep the
     * cost of the common inserts unchanged. The others serve the lookups
     * by person of erasure and of a person's own records. */
    "CREATE INDEX hours_entry_by_correction ON hours_entry (corrects) WHERE corrects IS NOT NULL;"
    "CREATE INDEX feedback_response_by_person ON feedback_response (person_id) WHERE person_id IS NOT NULL;"
    "CREATE INDEX peer_feedback_by_author ON peer_feedback (author_id);"
    "CREATE INDEX peer_feedback_by_recipient ON peer_feedback (recipient_id);"
    "CREATE INDEX note_by_author ON note (author_id);"
    "CREATE INDEX goal_progress_by_recorder ON goal_progress (recorded_by) WHERE recorded_by IS NOT NULL;"
    "CREATE INDEX org_admin_by_person ON org_admin (person_id);",
};

#define GRP__SCHEMA_LATEST ((int)(sizeof migrations / sizeof migrations[0]))

int grp_store_schema_latest(void)
{
    return GRP__SCHEMA_LATEST;
}

int grp__sqlite_error(grp_store *s, int rc, const char *doing)
{
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    int code;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = GRP_EBUSY;
        break;
    case SQLITE_NOMEM:
        code = GRP_ENOMEM;
        break;
    case SQLITE_CONSTRAINT:
        code = (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) ? GRP_EEXISTS
               : rc == SQLITE_CONSTRAINT_FOREIGNKEY                                   ? GRP_ENOTFOUND
                                                                                      : GRP_EINVAL;
        break;
    case SQLITE_READONLY:
        code = GRP_EREADONLY;
        break;
    case SQLITE_NOTADB:
        code = GRP_ENOTSTORE;
        break;
    case SQLITE_TOOBIG:
        code = GRP_EINVAL;
        break;
    default:
        code = GRP_ESTORAGE;
        break;
    }
    return grp__error(code, "%s: %s (sqlite code %d)", doing, msg, rc);
}

sqlite3_stmt *grp__stmt(grp_store *s, grp__sql_id id)
{
    if (!s->stmts[id]) {
        int rc = sqlite3_prepare_v3(s->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[id], NULL);
        if (rc != SQLITE_OK) {
            grp__sqlite_error(s, rc, "preparing a statement");
            s->stmts[id] = NULL;
            return NULL;
        }
    }
    return s->stmts[id];
}

void grp__stmt_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

static int bind_result(grp_store *s, int rc, int idx)
{
    if (rc == SQLITE_OK)
        return GRP_OK;
    char what[48];
    snprintf(what, sizeof what, "binding parameter %d", idx);
    return grp__sqlite_error(s, rc, what);
}

int grp__bind_text(grp_store *s, sqlite3_stmt *st, int idx, const char *v)
{
    int rc = v ? sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx);
    return bind_result(s, rc, idx);
}

int grp__bind_int64(grp_store *s, sqlite3_stmt *st, int idx, int64_t v)
{
    return bind_result(s, sqlite3_bind_int64(st, idx, v), idx);
}

int grp__bind_date(grp_store *s, sqlite3_stmt *st, int idx, grp_date d)
{
    if (!grp_date_is_set(d))
        return bind_result(s, sqlite3_bind_null(st, idx), idx);
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return bind_result(s, sqlite3_bind_text(st, idx, buf, 10, SQLITE_TRANSIENT), idx);
}

int grp__col_strdup(char **out, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    if (!t) {
        *out = NULL;
        /* NULL text with an error code means SQLite ran out of memory. */
        if (sqlite3_column_type(st, col) != SQLITE_NULL)
            return grp__error_nomem("reading a text column");
        return GRP_OK;
    }
    *out = grp__strndup((const char *)t, (size_t)sqlite3_column_bytes(st, col));
    return *out ? GRP_OK : grp__error_nomem("copying a text column");
}

grp_date grp__col_date(sqlite3_stmt *st, int col)
{
    grp_date d = {0, 0, 0};
    const unsigned char *t = sqlite3_column_text(st, col);
    if (t && sqlite3_column_bytes(st, col) >= 10) {
        d.year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
        d.month = (t[5] - '0') * 10 + (t[6] - '0');
        d.day = (t[8] - '0') * 10 + (t[9] - '0');
    }
    return d;
}

int grp__bind_datetime(grp_store *s, sqlite3_stmt *st, int idx, grp_datetime dt)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", dt.year, dt.month, dt.day, dt.hour, dt.minute,
             dt.second);
    return bind_result(s, sqlite3_bind_text(st, idx, buf, 19, SQLITE_TRANSIENT), idx);
}

grp_datetime grp__col_datetime(sqlite3_stmt *st, int col)
{
    grp_datetime dt = {0, 0, 0, 0, 0, 0};
    const unsigned char *t = sqlite3_column_text(st, col);
    if (t && sqlite3_column_bytes(st, col) == 19) {
        grp_date d = grp__col_date(st, col);
        dt.year = d.year;
        dt.month = d.month;
        dt.day = d.day;
        dt.hour = (t[11] - '0') * 10 + (t[12] - '0');
        dt.minute = (t[14] - '0') * 10 + (t[15] - '0');
        dt.second = (t[17] - '0') * 10 + (t[18] - '0');
    }
    return dt;
}

int grp__bindv(grp_store *s, sqlite3_stmt *st, const char *types, ...)
{
    va_list ap;
    int rc = GRP_OK;
    va_start(ap, types);
    for (int i = 0; types[i] && rc == GRP_OK; i++) {
        int idx = i + 1;
        switch (types[i]) {
        case 'i':
            rc = grp__bind_int64(s, st, idx, va_arg(ap, int64_t));
            break;
        case 'r': {
            grp_id id = va_arg(ap, grp_id);
            rc = id ? grp__bind_int64(s, st, idx, id) : grp__bind_text(s, st, idx, NULL);
            break;
        }
        case 't':
            rc = grp__bind_text(s, st, idx, va_arg(ap, const char *));
            break;
        case 'd':
            rc = grp__bind_date(s, st, idx, va_arg(ap, grp_date));
            break;
        default:
            rc = grp__error(GRP_ERROR, "internal: bad bind type '%c'", types[i]);
        }
    }
    va_end(ap);
    if (rc)
        grp__stmt_done(st);
    return rc;
}

int grp__step_done(grp_store *s, sqlite3_stmt *st, const char *doing)
{
    int rc = sqlite3_step(st);
    int out = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? GRP_OK : grp__sqlite_error(s, rc, doing);
    grp__stmt_done(st);
    return out;
}

int grp__store_writable(grp_store *s)
{
    if (s->readonly == GRP__READONLY_FILE)
        return grp__error(GRP_EREADONLY, "the store file is not writable, so the store was opened read-only");
    if (s->readonly)
        return grp__error(GRP_EREADONLY, "the store was opened read-only");
    return GRP_OK;
}

/* ---- transactions --------------------------------------------------------- */

static int run(grp_store *s, grp__sql_id id, const char *doing)
{
    sqlite3_stmt *st = grp__stmt(s, id);
    if (!st)
        return grp_error_last()->code;
    return grp__step_done(s, st, doing);
}

/* If SQLite rolled the whole transaction back by itself (after an I/O
 * error, disk full or out of memory), our level count is stale: forget it
 * so that nobody issues a second ROLLBACK and masks the first error. */
void grp__store_scrub_after_commit(grp_store *s)
{
    s->scrub_after_commit = 1;
}

static void tx_finished(grp_store *s, int committed)
{
    if (committed && s->scrub_after_commit)
        /* Best effort: a reader in another process may keep part of the WAL. */
        sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    s->scrub_after_commit = 0;
    if (s->tx_done)
        s->tx_done(s, committed);
}

static void sync_autocommit(grp_store *s)
{
    if (s->depth > 0 && sqlite3_get_autocommit(s->db)) {
        s->depth = 0;
        s->aborted = 1;
        tx_finished(s, 0);
    }
}

static int tx_begin_with(grp_store *s, grp__sql_id begin_sql)
{
    int rc;
    if (s->depth == 0) {
        rc = run(s, begin_sql, "beginning a transaction");
        if (rc == GRP_OK)
            s->aborted = 0;
    } else
        rc = run(s, SQL_SAVEPOINT, "opening a savepoint");
    if (rc == GRP_OK)
        s->depth++;
    return rc;
}

int grp__sqlite_tx_begin(grp_store *s)
{
    return tx_begin_with(s, SQL_BEGIN);
}

int grp__sqlite_tx_begin_read(grp_store *s)
{
    return tx_begin_with(s, SQL_BEGIN_READ);
}

int grp__sqlite_tx_commit(grp_store *s)
{
    int rc;
    sync_autocommit(s);
    if (s->depth == 0)
        return grp__error(GRP_ESTATE, s->aborted ? "the transaction was already rolled back after an error"
                                                 : "no transaction is open");
    if (s->depth == 1) {
        rc = run(s, SQL_COMMIT, "committing");
        if (rc != GRP_OK) {
            /* A failed COMMIT (busy, I/O) leaves the transaction open;
             * roll it back so that the store is as before the call. */
            if (!sqlite3_get_autocommit(s->db))
                run(s, SQL_ROLLBACK, "rolling back after a failed commit");
            s->depth = 0;
            tx_finished(s, 0);
            return rc;
        }
        s->depth = 0;
        tx_finished(s, 1);
        return GRP_OK;
    } else {
        rc = run(s, SQL_RELEASE, "releasing a savepoint");
        if (rc != GRP_OK) {
            sync_autocommit(s);
            return rc;
        }
    }
    s->depth--;
    return GRP_OK;
}

int grp__sqlite_tx_rollback(grp_store *s)
{
    sync_autocommit(s);
    if (s->depth == 0)
        return s->aborted ? GRP_OK : grp__error(GRP_ESTATE, "no transaction is open");
    int saved_code = grp_error_last()->code;
    char saved[512];
    snprintf(saved, sizeof saved, "%s", grp_error_last()->message);
    int rc;
    if (s->depth == 1)
        rc = run(s, SQL_ROLLBACK, "rolling back");
    else {
        rc = run(s, SQL_ROLLBACK_TO, "rolling back to a savepoint");
        if (rc == GRP_OK)
            rc = run(s, SQL_RELEASE, "releasing a savepoint");
    }
    s->depth--;
    if (s->depth == 0)
        tx_finished(s, 0);
    sync_autocommit(s);
    /* Keep the error that caused the rollback visible to the caller. */
    if (rc == GRP_OK && saved_code != GRP_OK)
        grp__error(saved_code, "%s", saved);
    return rc;
}

int grp__tx_begin(grp_store *s)
{
    int rc = grp__store_writable(s);
    return rc ? rc : s->be->tx_begin(s);
}

int grp__tx_end(grp_store *s, int rc)
{
    if (rc == GRP_OK)
        return s->be->tx_commit(s);
    s->be->tx_rollback(s);
    return rc;
}

int grp_store_begin(grp_store *store)
{
    if (!store)
        return grp__error_null("store");
    return grp__tx_begin(store);
}

int grp_store_commit(grp_store *store)
{
    if (!store)
        return grp__error_null("store");
    return store->be->tx_commit(store);
}

int grp_store_rollback(grp_store *store)
{
    if (!store)
        return grp__error_null("store");
    sync_autocommit(store);
    if (store->depth == 0) {
        if (store->aborted) {
            store->aborted = 0;
            return GRP_OK;
        }
        return grp__error(GRP_ESTATE, "no transaction is open");
    }
    /* The last error is kept: it usually says why the caller rolls back. */
    return store->be->tx_rollback(store);
}

int grp_store_transaction_depth(const grp_store *store)
{
    return store ? store->depth : 0;
}

/* ---- open / close ---------------------------------------------------------- */

int grp_store_options_init(grp_store_options *opts, unsigned int version)
{
    if (!opts)
        return grp__error_null("opts");
    if (version != GRP_STORE_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_store_options version %u is unknown (this library knows %d)",
                          version, GRP_STORE_OPTIONS_VERSION);
    grp_store_options d = GRP_STORE_OPTIONS_INIT;
    *opts = d;
    return GRP_OK;
}

static int check_options(const grp_store_options *o)
{
    if (o->version != GRP_STORE_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_store_options version %u is unknown", o->version);
    if (o->flags & ~(GRP_STORE_CREATE | GRP_STORE_READONLY))
        return grp__error(GRP_EINVAL, "grp_store_options.flags has unknown bits 0x%x",
                          (unsigned)(o->flags & ~(GRP_STORE_CREATE | GRP_STORE_READONLY)));
    if ((o->flags & GRP_STORE_CREATE) && (o->flags & GRP_STORE_READONLY))
        return grp__error(GRP_EINVAL, "grp_store_options.flags: CREATE and READONLY exclude each other");
    if (o->durability != GRP_DURABILITY_FULL && o->durability != GRP_DURABILITY_NORMAL)
        return grp__error(GRP_EINVAL, "grp_store_options.durability %d is out of range", (int)o->durability);
    if (o->busy_timeout_ms < 0 || o->busy_timeout_ms > 3600000)
        return grp__error(GRP_EINVAL, "grp_store_options.busy_timeout_ms %d is outside 0..3600000",
                          o->busy_timeout_ms);
    if (o->min_cohort < 1 || o->min_cohort > 1000)
        return grp__error(GRP_EINVAL, "grp_store_options.min_cohort %d is outside 1..1000", o->min_cohort);
    return GRP_OK;
}

/* Three integer columns of a one-row query. */
/* One row of three integers; *sqlite_rc (if not NULL) gets SQLite's own
 * result code, for callers that must tell its failures apart. */
static int query_int3(grp_store *s, const char *sql, int *a, int *b, int *c, int *sqlite_rc)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *a = sqlite3_column_int(st, 0);
            *b = sqlite3_column_int(st, 1);
            *c = sqlite3_column_int(st, 2);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    if (sqlite_rc)
        *sqlite_rc = rc;
    return rc == SQLITE_OK ? GRP_OK : grp__sqlite_error(s, rc, "reading the store header");
}

static int exec(grp_store *s, const char *sql, const char *doing)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? GRP_OK : grp__sqlite_error(s, rc, doing);
}

/* Identify the file: 1 = empty (new), 0 = a libgrp store; error otherwise.
 * Reads only: a refused file is never written. */
static int identify(grp_store *s, const char *path, int *is_new, int *version)
{
    int app_id = 0, objects = 0, rc, sqlite_rc = SQLITE_OK;
    /* One statement, one snapshot: another process may be creating the
     * schema at this very moment. */
    if ((rc = query_int3(s, "SELECT (SELECT application_id FROM pragma_application_id), "
                            "(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)",
                         &app_id, version, &objects, &sqlite_rc)) != GRP_OK) {
        /* Only what SQLite calls not a database is a foreign file; a read
         * error, a damaged store ("malformed"), a full disk or a file that
         * cannot be opened stays a storage error in SQLite's words, so an
         * operator is not told that their store is someone else's file. */
        if ((sqlite_rc & 0xff) == SQLITE_NOTADB)
            return grp__error(GRP_ENOTSTORE, "file '%s' is not a libgrp store (not an SQLite database)", path);
        return rc;
    }
    if (app_id == 0 && objects == 0 && *version == 0) {
        *is_new = 1;
        return GRP_OK;
    }
    if (app_id != GRP__APPLICATION_ID)
        return grp__error(GRP_ENOTSTORE, "file '%s' is an SQLite database but not a libgrp store", path);
    if (*version > GRP__SCHEMA_LATEST)
        return grp__error(GRP_EVERSION,
                          "store '%s' has schema version %d, written by a newer libgrp (this one reads up to %d)",
                          path, *version, GRP__SCHEMA_LATEST);
    *is_new = 0;
    return GRP_OK;
}

/* Bring the schema to the latest version inside one write transaction,
 * re-reading the version under the lock: another process may have done it. */
static int migrate(grp_store *s, const char *path)
{
    int rc, version = 0, is_new = 0;
    if ((rc = s->be->tx_begin(s)) != GRP_OK)
        return rc;
    rc = identify(s, path, &is_new, &version);
    if (rc == GRP_OK && is_new) {
        /* PRAGMAs take no bound parameters; the value is our constant. */
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", GRP__APPLICATION_ID);
        rc = exec(s, pragma, "marking the store");
    }
    for (int v = version; rc == GRP_OK && v < GRP__SCHEMA_LATEST; v++) {
        char pragma[64];
        rc = exec(s, migrations[v], "migrating the schema");
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (rc == GRP_OK)
            rc = exec(s, pragma, "recording the schema version");
    }
    return grp__tx_end(s, rc);
}

/* Wait for a lock by polling every 0.1-1 ms until the timeout. SQLite's
 * own handler (sqlite3_busy_timeout) backs off to 100 ms sleeps: a waiting
 * writer then almost never finds the lock free between the transactions of
 * busier writers and starves until the timeout. */
static int busy_wait(void *arg, int count)
{
    grp_store *s = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t now_us = (int64_t)now.tv_sec * 1000000 + now.tv_nsec / 1000;
    if (count == 0)
        s->busy_since_us = now_us;
    if (now_us - s->busy_since_us >= (int64_t)s->busy_timeout_ms * 1000)
        return 0;
    /* Jittered, so that waiting writers do not poll in step. */
    s->busy_rng = s->busy_rng * 6364136223846793005ull + 1442695040888963407ull;
    struct timespec pause = {0, 100000 + (long)((s->busy_rng >> 33) % 900000)};
    nanosleep(&pause, NULL);
    return 1;
}

int grp_store_open(grp_store **out, const char *path, const grp_store_options *opts)
{
    grp_store_options defaults = GRP_STORE_OPTIONS_INIT;
    int rc, version = 0, is_new = 0;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!path)
        return grp__error_null("path");
    if (!*path)
        return grp__error(GRP_EINVAL, "argument 'path' is empty");
    if (!opts)
        opts = &defaults;
    if ((rc = check_options(opts)) != GRP_OK)
        return rc;

    int memory = strcmp(path, ":memory:") == 0;
    int readonly = (opts->flags & GRP_STORE_READONLY) != 0;
    struct stat sb;
    if (!memory && stat(path, &sb) != 0 && !(opts->flags & GRP_STORE_CREATE))
        return grp__error(GRP_ENOTFOUND, "store '%s' does not exist (and GRP_STORE_CREATE is not set)", path);
    if (!memory && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return grp__error(GRP_ENOTSTORE, "'%s' is a directory, not a libgrp store", path);

    grp_store *s = grp__calloc(1, sizeof *s);
    if (!s)
        return grp__error_nomem("opening a store");
    s->be = &grp__sqlite_backend;
    s->readonly = readonly ? GRP__READONLY_ASKED : GRP__WRITABLE;
    s->min_cohort = opts->min_cohort;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
                (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK) {
        rc = s->db ? grp__sqlite_error(s, rc, "opening the store")
                   : grp__error(GRP_ENOMEM, "out of memory while opening store '%s'", path);
        if (rc == GRP_ESTORAGE)
            grp__error(GRP_ESTORAGE, "cannot open store '%s': %s", path, s->db ? sqlite3_errmsg(s->db) : "");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    /* SQLite silently opens a file it may not write read-only: treat the
     * handle as read-only, or writes would begin and fail half-way. */
    if (!readonly && !memory && sqlite3_db_readonly(s->db, "main") == 1)
        s->readonly = readonly = GRP__READONLY_FILE;
    s->busy_timeout_ms = opts->busy_timeout_ms;
    s->busy_rng = (uint64_t)(uintptr_t)s ^ (uint64_t)time(NULL);
    sqlite3_busy_handler(s->db, busy_wait, s);

    if ((rc = identify(s, path, &is_new, &version)) != GRP_OK)
        goto fail;
    if (is_new && readonly) {
        rc = grp__error(GRP_ENOTSTORE, "store '%s' is empty and was opened read-only", path);
        goto fail;
    }
    if ((rc = exec(s, "PRAGMA foreign_keys = ON", "enabling foreign keys")) != GRP_OK)
        goto fail;
    /* Deleted and moved content is overwritten, not left in free pages:
     * confidential text must not survive its deletion, and old page images
     * must not reveal the order of anonymous writes. */
    if ((rc = exec(s, "PRAGMA secure_delete = ON", "enabling secure delete")) != GRP_OK)
        goto fail;
    if (!memory && !readonly) {
        /* Switching a new file to WAL needs an exclusive lock that SQLite
         * takes without calling the busy handler: another handle opening
         * the same new file makes it fail at once. Retry until the timeout. */
        int tries = 0;
        while ((rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) == SQLITE_BUSY &&
               tries++ < opts->busy_timeout_ms)
            sqlite3_sleep(1);
        if (rc != SQLITE_OK) {
            rc = grp__sqlite_error(s, rc, "enabling WAL");
            goto fail;
        }
    }
    if ((rc = exec(s, opts->durability == GRP_DURABILITY_FULL ? "PRAGMA synchronous = FULL"
                                                              : "PRAGMA synchronous = NORMAL",
                   "setting durability")) != GRP_OK)
        goto fail;
    if (version < GRP__SCHEMA_LATEST || is_new) {
        if (readonly) {
            rc = grp__error(GRP_EVERSION, "store '%s' has schema version %d and needs an upgrade, "
                                          "which a read-only open cannot do", path, version);
            goto fail;
        }
        if ((rc = migrate(s, path)) != GRP_OK)
            goto fail;
    }
    s->schema_version = GRP__SCHEMA_LATEST;
    *out = s;
    return GRP_OK;

fail:
    grp_store_close(s);
    return rc;
}

int grp__store_tz(grp_store *s, const char *name, const grp_tz **out)
{
    for (size_t i = 0; i < s->tz_count; i++)
        if (strcmp(grp_tz_name(s->tz_cache[i]), name) == 0) {
            *out = s->tz_cache[i];
            return GRP_OK;
        }
    /* Never evicted: callers borrow these pointers, and a store only ever
     * meets a handful of zones. */
    grp_tz **grown = grp__realloc(s->tz_cache, (s->tz_count + 1) * sizeof *grown);
    if (!grown)
        return grp__error_nomem("caching a time zone");
    s->tz_cache = grown;
    grp_tz *tz;
    int rc = grp_tz_open(&tz, name);
    if (rc)
        return rc;
    s->tz_cache[s->tz_count++] = tz;
    *out = tz;
    return GRP_OK;
}

void grp_store_close(grp_store *store)
{
    if (!store)
        return;
    for (size_t i = 0; i < store->tz_count; i++)
        grp_tz_free(store->tz_cache[i]);
    grp__free(store->tz_cache);
    if (store->db && !sqlite3_get_autocommit(store->db))
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < GRP__SQL_COUNT; i++)
        sqlite3_finalize(store->stmts[i]);
    sqlite3_close_v2(store->db);
    grp__free(store);
}

int grp_store_schema_version(const grp_store *store)
{
    return store ? store->schema_version : -1;
}

int grp_store_min_cohort(const grp_store *store)
{
    return store ? store->min_cohort : -1;
}

const grp__backend grp__sqlite_backend = {
    GRP__BACKEND_VERSION,
    "sqlite",
    grp__sqlite_tx_begin,
    grp__sqlite_tx_commit,
    grp__sqlite_tx_rollback,
    grp__sqlite_org_insert,
    grp__sqlite_org_load,
    grp__sqlite_org_load_by_ref,
    grp__sqlite_org_update,
    grp__sqlite_org_list,
    grp__sqlite_person_insert,
    grp__sqlite_person_load,
    grp__sqlite_person_load_by_ref,
    grp__sqlite_person_update,
    grp__sqlite_person_list,
    grp__sqlite_group_insert,
    grp__sqlite_group_load,
    grp__sqlite_group_update,
    grp__sqlite_group_list,
    grp__sqlite_membership_insert,
    grp__sqlite_membership_load,
    grp__sqlite_membership_update,
    grp__sqlite_membership_query,
    grp__sqlite_membership_of_person,
    grp__sqlite_membership_from,
    grp__sqlite_membership_waitlist,
    grp__sqlite_cadence_insert,
    grp__sqlite_cadence_update,
    grp__sqlite_cadence_list,
    grp__sqlite_session_insert,
    grp__sqlite_session_load,
    grp__sqlite_session_load_by_occurrence,
    grp__sqlite_session_update,
    grp__sqlite_session_range,
    grp__sqlite_attendance_upsert,
    grp__sqlite_attendance_load,
    grp__sqlite_attendance_of_session,
    grp__sqlite_attendance_count,
    grp__sqlite_attendance_of_group,
    grp__sqlite_hours_rule_load,
    grp__sqlite_hours_rule_save,
    grp__sqlite_hours_insert,
    grp__sqlite_hours_load,
    grp__sqlite_hours_update,
    grp__sqlite_hours_delete,
    grp__sqlite_hours_of_session,
    grp__sqlite_hours_of_person,
    grp__sqlite_hours_sessions_of_group,
    grp__sqlite_presenter_set,
    grp__sqlite_presenter_clear,
    grp__sqlite_presenter_get,
    grp__sqlite_presenter_history,
    grp__sqlite_org_admin_set,
    grp__sqlite_org_admin_check,
    grp__sqlite_form_insert,
    grp__sqlite_form_load,
    grp__sqlite_group_form_set,
    grp__sqlite_group_form_get,
    grp__sqlite_response_insert,
    grp__sqlite_given_insert,
    grp__sqlite_given_check,
    grp__sqlite_given_of_session,
    grp__sqlite_responses_of_session,
    grp__sqlite_responses_of_person,
    grp__sqlite_peer_insert,
    grp__sqlite_peer_of_group,
    grp__sqlite_peer_of_person,
    grp__sqlite_goal_insert,
    grp__sqlite_goal_load,
    grp__sqlite_goal_update,
    grp__sqlite_goal_list,
    grp__sqlite_step_insert,
    grp__sqlite_step_load,
    grp__sqlite_step_set_done,
    grp__sqlite_progress_insert,
    grp__sqlite_progress_of_goal,
    grp__sqlite_note_insert,
    grp__sqlite_notes_of_session,
    grp__sqlite_notes_of_author,
    grp__sqlite_theme_insert,
    grp__sqlite_theme_load,
    grp__sqlite_theme_set_status,
    grp__sqlite_themes_of,
    grp__sqlite_audit_insert,
    grp__sqlite_audit_list,
    grp__sqlite_person_erase_content,
    grp__sqlite_event_insert,
    grp__sqlite_events_after,
    grp__sqlite_event_last_seq,
    grp__sqlite_events_prune,
    grp__sqlite_due_mark,
    grp__sqlite_io_rows,
    grp__sqlite_io_insert,
    grp__sqlite_io_id_taken,
    grp__sqlite_tx_begin_read,
};
