/**
 * @file libgrp/store.h
 * @brief Opening, closing and transactions of a libgrp store (SQLite).
 *
 * A store is one SQLite database file (or ":memory:"). Every public write is
 * atomic on its own: on any error nothing of it remains. Callers may group
 * several calls with grp_store_begin() / grp_store_commit(); these nest
 * (inner levels are SQLite savepoints).
 *
 * Threading: a ::grp_store handle is used by one thread at a time. Threads
 * and processes may each open their own handle on the same file; writers
 * wait for each other up to the busy timeout.
 */
#ifndef LIBGRP_STORE_H
#define LIBGRP_STORE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An open store. */
typedef struct grp_store grp_store;

/** How hard a commit works to survive power loss. */
typedef enum grp_durability {
    /** synchronous=FULL: a committed write survives power loss (default). */
    GRP_DURABILITY_FULL = 0,
    /** synchronous=NORMAL: faster; in WAL mode the last commits before a
     *  power loss (not a process crash) may be rolled back. The store stays
     *  consistent either way. */
    GRP_DURABILITY_NORMAL = 1
} grp_durability;

/** grp_store_options.flags */
#define GRP_STORE_CREATE 0x1u   /**< create the file if it does not exist */
#define GRP_STORE_READONLY 0x2u /**< open read-only; writes fail with GRP_EREADONLY */

/** Version of ::grp_store_options understood by this library. */
#define GRP_STORE_OPTIONS_VERSION 1

/** Options for grp_store_open(). Initialise with GRP_STORE_OPTIONS_INIT or
 *  grp_store_options_init(); fields are only ever appended. */
typedef struct grp_store_options {
    unsigned int version;      /**< GRP_STORE_OPTIONS_VERSION */
    uint32_t flags;            /**< GRP_STORE_* flags; default GRP_STORE_CREATE */
    grp_durability durability; /**< default GRP_DURABILITY_FULL */
    int busy_timeout_ms;       /**< wait this long for another writer (default 5000; 0..3600000) */
    int min_cohort;            /**< fewest distinct respondents an aggregate may count (default 3; 1..1000) */
} grp_store_options;

/** Static initialiser with the defaults. */
#define GRP_STORE_OPTIONS_INIT \
    { GRP_STORE_OPTIONS_VERSION, GRP_STORE_CREATE, GRP_DURABILITY_FULL, 5000, 3 }

/**
 * Initialise @p opts with the defaults (for bindings that cannot use the
 * macro).
 * @param version GRP_STORE_OPTIONS_VERSION
 * @param opts the struct to initialise
 * @return 0; GRP_EINVAL if @p opts is NULL or @p version is unknown.
 * @since 0.1
 */
GRP_API int grp_store_options_init(grp_store_options *opts, unsigned int version);

/**
 * Open (and if needed create) a store.
 *
 * A new file is created with the current schema, in WAL journal mode. An
 * older libgrp file is upgraded inside one transaction. Nothing is written
 * to a file that is refused. A file the process may not write is opened
 * read-only, as with GRP_STORE_READONLY: reads work, writes and
 * grp_store_begin() fail with GRP_EREADONLY.
 * @param[out] out the new handle; close with grp_store_close()
 * @param path a file path, or ":memory:" for a private in-memory store
 * @param opts options, or NULL for the defaults
 * @return 0; GRP_EINVAL (NULL or empty path, bad options);
 *         GRP_ENOTFOUND (no file and no GRP_STORE_CREATE);
 *         GRP_ENOTSTORE (another SQLite database, or not SQLite at all);
 *         GRP_EVERSION (written by a newer libgrp); GRP_EBUSY;
 *         GRP_ESTORAGE (the file could not be read, or is a damaged
 *         store: SQLite's words say which); GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_store_open(grp_store **out, const char *path, const grp_store_options *opts);

/**
 * Close a store. NULL-safe. An open transaction is rolled back. Objects
 * obtained from the store stay readable (they are snapshots); iterators
 * still open also stay usable, as they own their rows.
 * @param store the store
 * @since 0.1
 */
GRP_API void grp_store_close(grp_store *store);

/**
 * Begin a transaction, or a nested savepoint inside one. The outermost
 * level takes the write lock at once (BEGIN IMMEDIATE), waiting up to the
 * busy timeout.
 * @param store the store
 * @return 0; GRP_EINVAL; GRP_EBUSY; GRP_EREADONLY; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_store_begin(grp_store *store);

/**
 * Commit the innermost open level.
 * @param store the store
 * @return 0; GRP_EINVAL if @p store is NULL; GRP_ESTATE if no transaction
 *         is open, or it was already rolled back by a failure (the whole
 *         transaction is then gone); GRP_EBUSY; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_store_commit(grp_store *store);

/**
 * Roll back the innermost open level. Like every successful call it leaves
 * the last error as it was, so the failure that led to the rollback stays
 * readable in grp_error_last().
 * @param store the store
 * @return 0 (also when a failure had already rolled the whole transaction
 *         back); GRP_EINVAL; GRP_ESTATE if no transaction is open.
 * @since 0.1
 */
GRP_API int grp_store_rollback(grp_store *store);

/**
 * The number of transaction levels open through grp_store_begin().
 * @param store the store
 * @return the nesting depth (0 outside a transaction)
 * @since 0.1
 */
GRP_API int grp_store_transaction_depth(const grp_store *store);

/**
 * The schema version of the open store (equal to grp_store_schema_latest()
 * after a successful open). -1 if @p store is NULL.
 * @param store the store
 * @return the store's schema version, or -1
 * @since 0.1
 */
GRP_API int grp_store_schema_version(const grp_store *store);

/**
 * The schema version this library writes.
 * @return that version
 * @since 0.1
 */
GRP_API int grp_store_schema_latest(void);

/**
 * The store's minimum cohort for aggregates (see grp_store_options).
 * -1 if @p store is NULL.
 * @param store the store
 * @return the minimum cohort, or -1
 * @since 0.1
 */
GRP_API int grp_store_min_cohort(const grp_store *store);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_STORE_H */
