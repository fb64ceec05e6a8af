/**
 * @file libgrp/json.h
 * @brief Export a store (or one organisation, or one group) as one JSON
 *        document or as an NDJSON stream (one record a line), and import
 *        either into a store, all or nothing.
 *
 * The document is `{"format": "libgrp", "version": 1, ...}` with one array
 * per kind of record (see docs/data-format.md and docs/libgrp.schema.json).
 * Ids are decimal strings (64-bit ids do not fit a JSON number), dates
 * "YYYY-MM-DD", local date-times "YYYY-MM-DDTHH:MM:SS", instants RFC 3339
 * UTC ("...Z"), enumerations lower-case words. Records are written in id
 * order, so two exports of the same contents are byte-identical.
 *
 * Both directions read or write everything, confidential content included
 * (anonymous feedback responses carry no person), so both require the
 * system actor.
 */
#ifndef LIBGRP_JSON_H
#define LIBGRP_JSON_H

#include <stddef.h>

#include "common.h"
#include "store.h"
#include "access.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The document format version this library writes and reads. */
#define GRP_JSON_FORMAT_VERSION 1

/** Largest document grp_json_import() accepts by default: 64 MiB. The
 *  import's memory does not grow with the document (see grp_json_import()),
 *  so a caller loading a large store may raise the limit freely. */
#define GRP_JSON_DEFAULT_MAX_BYTES ((size_t)64 * 1024 * 1024)

/** Longest record (one element of a top-level array, as written, with its
 *  whitespace) an import reads: 1 MiB, far above any valid record. */
#define GRP_JSON_MAX_RECORD_BYTES ((size_t)1024 * 1024)

/** Deepest nesting of arrays and objects an import accepts. */
#define GRP_JSON_MAX_DEPTH 32

/** Version of ::grp_json_export_options. */
#define GRP_JSON_EXPORT_OPTIONS_VERSION 1

/** What to export and how. */
typedef struct grp_json_export_options {
    unsigned int version; /**< GRP_JSON_EXPORT_OPTIONS_VERSION */
    grp_id org_id;        /**< 0, or export one organisation (its people, groups and their records) */
    grp_id group_id;      /**< 0, or export one group; at most one of org_id and group_id is set */
    int pretty;           /**< 0: compact, one line (default); 1: indented with tabs, one member a line */
} grp_json_export_options;

/** Static initialiser: the whole store, compact. */
#define GRP_JSON_EXPORT_OPTIONS_INIT { GRP_JSON_EXPORT_OPTIONS_VERSION, 0, 0, 0 }

/**
 * Initialise @p opts to the defaults (for callers that cannot use the macro).
 * @param version GRP_JSON_EXPORT_OPTIONS_VERSION
 * @param opts the struct to initialise
 * @return 0; GRP_EINVAL if @p opts is NULL or @p version unknown.
 * @since 0.1
 */
GRP_API int grp_json_export_options_init(grp_json_export_options *opts, unsigned int version);

/**
 * Export the store, or one organisation or group, as one JSON document.
 * A scoped document also holds every person, organisation and feedback form
 * its records refer to, so it imports on its own.
 * @param[out] out the document, NUL-terminated; new: free with grp_free()
 * @param actor must be the system actor
 * @param opts NULL for the defaults
 * @param store the store
 * @return 0; GRP_EINVAL (NULL argument, bad options); GRP_EACCESS (not the
 *         system actor); GRP_ENOTFOUND (no such organisation or group);
 *         GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_json_export(char **out, grp_store *store, const grp_actor *actor,
                            const grp_json_export_options *opts);

/**
 * Export as grp_json_export() into the file @p path (created or replaced).
 * @param path the file
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param opts NULL for the defaults
 * @return as grp_json_export(); GRP_ESTORAGE if the file cannot be written.
 * @since 0.1
 */
GRP_API int grp_json_export_to_file(const char *path, grp_store *store, const grp_actor *actor,
                                    const grp_json_export_options *opts);

/** What an import does with an organisation or person whose external_ref
 *  already exists in the target store (people: in the same organisation). */
typedef enum grp_json_existing {
    GRP_JSON_EXISTING_FAIL = 0,  /**< refuse the import with GRP_EEXISTS (default) */
    GRP_JSON_EXISTING_SKIP = 1,  /**< keep the stored record; the document's refers to it */
    GRP_JSON_EXISTING_UPDATE = 2 /**< overwrite the stored record's fields with the document's */
} grp_json_existing;

/** Version of ::grp_json_import_options. */
#define GRP_JSON_IMPORT_OPTIONS_VERSION 1

/** How to import. */
typedef struct grp_json_import_options {
    unsigned int version;          /**< GRP_JSON_IMPORT_OPTIONS_VERSION */
    grp_json_existing on_existing; /**< default GRP_JSON_EXISTING_FAIL */
    size_t max_bytes;              /**< refuse longer documents; 0 = GRP_JSON_DEFAULT_MAX_BYTES */
} grp_json_import_options;

/** Static initialiser: fail on an existing external_ref, 64 MiB limit. */
#define GRP_JSON_IMPORT_OPTIONS_INIT { GRP_JSON_IMPORT_OPTIONS_VERSION, GRP_JSON_EXISTING_FAIL, 0 }

/**
 * Initialise @p opts to the defaults.
 * @param version GRP_JSON_IMPORT_OPTIONS_VERSION
 * @param opts the struct to initialise
 * @return 0; GRP_EINVAL if @p opts is NULL or @p version unknown.
 * @since 0.1
 */
GRP_API int grp_json_import_options_init(grp_json_import_options *opts, unsigned int version);

/** The kinds of record in a document: the top-level arrays, in the
 *  document's order. */
typedef enum grp_json_kind {
    GRP_JSON_ORGANISATIONS = 0,  /**< "organisations" */
    GRP_JSON_PEOPLE = 1,         /**< "people" */
    GRP_JSON_ORG_ADMINS = 2,     /**< "org_admins": organisation administrators */
    GRP_JSON_FEEDBACK_FORMS = 3, /**< "feedback_forms", with their items */
    GRP_JSON_GROUPS = 4,         /**< "groups", with eligible roles, feedback form and hours rule */
    GRP_JSON_MEMBERSHIPS = 5,    /**< "memberships": stints */
    GRP_JSON_CADENCES = 6,       /**< "cadences" */
    GRP_JSON_SESSIONS = 7,       /**< "sessions": stored sessions (overrides, ad hoc) */
    GRP_JSON_ATTENDANCE = 8,     /**< "attendance" */
    GRP_JSON_PRESENTERS = 9,     /**< "presenters": the rota */
    GRP_JSON_HOURS_ENTRIES = 10, /**< "hours_entries", corrections included */
    GRP_JSON_FEEDBACK_RESPONSES = 11, /**< "feedback_responses" (anonymous ones name no person) */
    GRP_JSON_FEEDBACK_GIVEN = 12,     /**< "feedback_given": who has responded to a session */
    GRP_JSON_PEER_FEEDBACK = 13, /**< "peer_feedback" */
    GRP_JSON_GOALS = 14,         /**< "goals" */
    GRP_JSON_GOAL_STEPS = 15,    /**< "goal_steps" */
    GRP_JSON_GOAL_PROGRESS = 16, /**< "goal_progress" */
    GRP_JSON_NOTES = 17,         /**< "notes" */
    GRP_JSON_THEMES = 18,        /**< "themes" */
    GRP_JSON_KIND_COUNT = 19     /**< number of kinds (not a kind) */
} grp_json_kind;

/**
 * The document's key for @p kind, e.g. "memberships".
 * @param kind the value
 * @return a static string; NULL if @p kind is out of range.
 * @since 0.1
 */
GRP_API const char *grp_json_kind_name(grp_json_kind kind);

/** Version of ::grp_json_import_result. */
#define GRP_JSON_IMPORT_RESULT_VERSION 1

/** What an import did. Zeroed (with its version set) by grp_json_import(). */
typedef struct grp_json_import_result {
    unsigned int version;                   /**< GRP_JSON_IMPORT_RESULT_VERSION */
    size_t created[GRP_JSON_KIND_COUNT];    /**< records written, per kind */
    size_t skipped;                         /**< existing records kept (GRP_JSON_EXISTING_SKIP) */
    size_t updated;                         /**< existing records overwritten (GRP_JSON_EXISTING_UPDATE) */
    size_t reused;                          /**< feedback forms identical to a stored one, not copied */
} grp_json_import_result;

/**
 * Import a document written by grp_json_export() into @p store, in one
 * transaction: on any error the store is left exactly as it was.
 *
 * Everything is checked: JSON syntax, format and version, types, ranges,
 * enumeration words, dates, duplicate keys and records, and that every
 * reference names a record of the document (before or after it). The
 * document is never held whole: one pass checks its syntax, a second
 * collects the ids of its records, and a third reads, checks and writes
 * one record at a time, kind by kind in the order of ::grp_json_kind
 * (whatever the order of the arrays in the document). Memory is one record
 * (at most GRP_JSON_MAX_RECORD_BYTES) plus a map of the document's ids,
 * not the document: grp_json_import_file() imports a million-row store in
 * a few MiB when @p opts raises max_bytes. Ids are kept when the target store does not use them (so an
 * import into an empty store preserves every id); otherwise records get
 * new ids and references follow them. A feedback form identical (name and
 * items) to the stored form with the same id is reused.
 *
 * @param[out] result_out may be NULL; filled on success
 * @param actor must be the system actor
 * @param text the document, @p len bytes (need not be NUL-terminated)
 * @param opts NULL for the defaults
 * @param store the store
 * @param len length of @p text in bytes
 * @return 0; GRP_EPARSE (malformed JSON: the message gives the byte
 *         position, line and column); GRP_EINVAL (invalid content: the
 *         message names the JSON path, e.g. `$.memberships[0].person:
 *         unknown person "17"`; also a document over the size limit or
 *         nested too deeply, or a record over GRP_JSON_MAX_RECORD_BYTES);
 *         GRP_EUNSUPPORTED (another format version);
 *         GRP_EEXISTS (an external_ref exists and the policy is fail);
 *         GRP_EACCESS; GRP_EREADONLY; GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_json_import(grp_json_import_result *result_out, grp_store *store, const grp_actor *actor,
                            const char *text, size_t len, const grp_json_import_options *opts);

/**
 * Import the document in the file @p path as grp_json_import(). The size
 * limit is checked before the file is read, and the file is read through
 * a 64 KiB window, never whole.
 * @param[out] result_out may be NULL; filled on success
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param path the file
 * @param opts NULL for the defaults
 * @return as grp_json_import(); GRP_ENOTFOUND if the file does not exist;
 *         GRP_ESTORAGE if it cannot be read, or if it changes while it is
 *         read (the passes find other bytes than the first one did: the
 *         store is left as it was).
 * @since 0.1
 */
GRP_API int grp_json_import_file(grp_json_import_result *result_out, grp_store *store, const grp_actor *actor,
                                 const char *path, const grp_json_import_options *opts);

/* ---- NDJSON streams ------------------------------------------------------ */

/** The NDJSON stream format version this library writes and reads. */
#define GRP_NDJSON_FORMAT_VERSION 1

/** Longest line grp_ndjson_import() accepts by default: 1 MiB. */
#define GRP_NDJSON_DEFAULT_MAX_LINE_BYTES ((size_t)1024 * 1024)

/**
 * Receives the next piece of an NDJSON export.
 * @param payload the caller's pointer, as given to grp_ndjson_export()
 * @param data @p len bytes (not NUL-terminated); valid during the call only
 * @param len the number of bytes in @p data
 * @return 0 to go on; anything else stops the export, which then returns
 *         GRP_ESTORAGE.
 */
typedef int (*grp_ndjson_write_fn)(void *payload, const char *data, size_t len);

/**
 * Export the store, or one organisation or group, as an NDJSON stream
 * (docs/data-format.md): the header line
 * `{"format":"libgrp-ndjson","version":1}`, then one record a line, each an
 * object whose first member `"record"` names its kind (grp_json_kind_name(),
 * e.g. `{"record":"attendance",...}`) and whose other members are those of
 * the record in the JSON document. Lines end in a single LF. Records come in the
 * document's order, so every record comes after the records it refers to.
 *
 * The export reads one consistent snapshot and writes each record as soon
 * as it is read: its memory does not grow with the number of records (only
 * with the number of groups and feedback forms, and for a scoped export
 * with the number of people it names).
 *
 * @param actor must be the system actor
 * @param write_fn receives the text in pieces (a line may come in several)
 * @param payload passed to @p write_fn
 * @param opts NULL for the defaults; pretty must be 0
 * @param store the store
 * @return 0; GRP_EINVAL (NULL argument, bad options); GRP_EACCESS;
 *         GRP_ENOTFOUND (no such organisation or group); GRP_ENOMEM;
 *         GRP_ESTORAGE (also when @p write_fn fails).
 * @since 0.2
 */
GRP_API int grp_ndjson_export(grp_store *store, const grp_actor *actor, grp_ndjson_write_fn write_fn, void *payload,
                              const grp_json_export_options *opts);

/**
 * Export as grp_ndjson_export() into one buffer.
 * @param[out] out the stream, NUL-terminated; new: free with grp_free()
 * @param[out] len_out may be NULL; the stream's length in bytes
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param opts NULL for the defaults
 * @return as grp_ndjson_export().
 * @since 0.2
 */
GRP_API int grp_ndjson_export_to_buffer(char **out, size_t *len_out, grp_store *store, const grp_actor *actor,
                                        const grp_json_export_options *opts);

/**
 * Export as grp_ndjson_export() into the file @p path (created or
 * replaced; removed again if the export fails).
 * @param path the file
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param opts NULL for the defaults
 * @return as grp_ndjson_export(); GRP_ESTORAGE if the file cannot be written.
 * @since 0.2
 */
GRP_API int grp_ndjson_export_to_file(const char *path, grp_store *store, const grp_actor *actor,
                                      const grp_json_export_options *opts);

/**
 * Supplies the next piece of an NDJSON stream to grp_ndjson_import().
 * @param payload the caller's pointer
 * @param buf room for @p size bytes
 * @param size the room in @p buf, in bytes
 * @param[out] got bytes stored in @p buf; 0 at the end of the stream
 * @return 0; anything else stops the import (which rolls back what it has
 *         not committed and returns GRP_ESTORAGE).
 */
typedef int (*grp_ndjson_read_fn)(void *payload, char *buf, size_t size, size_t *got);

/** Version of ::grp_ndjson_import_options. */
#define GRP_NDJSON_IMPORT_OPTIONS_VERSION 1

/** How to import a stream. */
typedef struct grp_ndjson_import_options {
    unsigned int version;          /**< GRP_NDJSON_IMPORT_OPTIONS_VERSION */
    grp_json_existing on_existing; /**< default GRP_JSON_EXISTING_FAIL */
    size_t batch_records;          /**< 0: one transaction for the whole stream (default); N: commit after every N records */
    size_t max_line_bytes;         /**< refuse longer lines; 0 = GRP_NDJSON_DEFAULT_MAX_LINE_BYTES */
} grp_ndjson_import_options;

/** Static initialiser: all or nothing, fail on an existing external_ref, 1 MiB lines. */
#define GRP_NDJSON_IMPORT_OPTIONS_INIT { GRP_NDJSON_IMPORT_OPTIONS_VERSION, GRP_JSON_EXISTING_FAIL, 0, 0 }

/**
 * Initialise @p opts to the defaults.
 * @param version GRP_NDJSON_IMPORT_OPTIONS_VERSION
 * @param opts the struct to initialise
 * @return 0; GRP_EINVAL if @p opts is NULL or @p version unknown.
 * @since 0.2
 */
GRP_API int grp_ndjson_import_options_init(grp_ndjson_import_options *opts, unsigned int version);

/** Version of ::grp_ndjson_import_result. */
#define GRP_NDJSON_IMPORT_RESULT_VERSION 1

/** What a stream import did. */
typedef struct grp_ndjson_import_result {
    unsigned int version;                /**< GRP_NDJSON_IMPORT_RESULT_VERSION */
    size_t created[GRP_JSON_KIND_COUNT]; /**< records in the store, per kind */
    size_t skipped;                      /**< existing records kept (GRP_JSON_EXISTING_SKIP) */
    size_t updated;                      /**< existing records overwritten (GRP_JSON_EXISTING_UPDATE) */
    size_t reused;                       /**< feedback forms identical to a stored one, not copied */
    size_t lines;                        /**< lines read, the header and blank lines included */
    size_t committed_lines;              /**< lines whose records are committed (all of them on success) */
} grp_ndjson_import_result;

/**
 * Import an NDJSON stream written by grp_ndjson_export(), in constant
 * memory: each line is read, parsed, checked and written, then freed.
 *
 * The stream is all or nothing by default: one transaction, and on any
 * error the store is left exactly as it was. With
 * grp_ndjson_import_options.batch_records = N the import commits after
 * every N records instead (for very large loads); an error then rolls back
 * only the batch it happens in, and the result says how far the committed
 * batches reach (committed_lines).
 *
 * Each record is checked as in grp_json_import() (types, ranges, words,
 * dates, unknown and duplicate members, duplicate records), and every
 * reference must name a record on an earlier line. Blank lines are
 * skipped; a line may end in CRLF; the last line need not end in LF.
 *
 * @param[out] result_out may be NULL; filled on success, and on failure
 *             with what is committed (in one transaction: nothing) and the
 *             number of lines read
 * @param actor must be the system actor
 * @param read_fn supplies the stream
 * @param payload passed to @p read_fn
 * @param opts NULL for the defaults
 * @param store the store
 * @return 0; GRP_EPARSE (malformed JSON on a line); GRP_EINVAL (invalid
 *         content, a line over the limit, no header); GRP_EUNSUPPORTED
 *         (another format version); GRP_EEXISTS (an external_ref exists and
 *         the policy is fail); GRP_EACCESS; GRP_EREADONLY; GRP_ENOMEM;
 *         GRP_ESTORAGE (also when @p read_fn fails). Every message begins
 *         with the line number, e.g. `line 12: $.person: unknown person "17"`.
 * @since 0.2
 */
GRP_API int grp_ndjson_import(grp_ndjson_import_result *result_out, grp_store *store, const grp_actor *actor,
                              grp_ndjson_read_fn read_fn, void *payload, const grp_ndjson_import_options *opts);

/**
 * Import the stream in @p text (@p len bytes) as grp_ndjson_import().
 * @param[out] result_out may be NULL; as for grp_ndjson_import()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param text the stream, @p len bytes (need not be NUL-terminated)
 * @param len length of @p text in bytes
 * @param opts NULL for the defaults
 * @return as grp_ndjson_import().
 * @since 0.2
 */
GRP_API int grp_ndjson_import_buffer(grp_ndjson_import_result *result_out, grp_store *store, const grp_actor *actor,
                                     const char *text, size_t len, const grp_ndjson_import_options *opts);

/**
 * Import the stream in the file @p path as grp_ndjson_import().
 * @param[out] result_out may be NULL; as for grp_ndjson_import()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param path the file
 * @param opts NULL for the defaults
 * @return as grp_ndjson_import(); GRP_ENOTFOUND if the file does not
 *         exist; GRP_ESTORAGE if it cannot be read.
 * @since 0.2
 */
GRP_API int grp_ndjson_import_file(grp_ndjson_import_result *result_out, grp_store *store, const grp_actor *actor,
                                   const char *path, const grp_ndjson_import_options *opts);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_JSON_H */
