/**
 * @file libgrp/json.h
 * @brief Export a store (or one organisation, or one group) as one JSON
 *        document, and import such a document into a store, all or nothing.
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

/** Largest document grp_json_import() accepts by default: 64 MiB. */
#define GRP_JSON_DEFAULT_MAX_BYTES ((size_t)64 * 1024 * 1024)

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
 * @return 0; GRP_EINVAL (NULL argument, bad options); GRP_EACCESS (not the
 *         system actor); GRP_ENOTFOUND (no such organisation or group);
 *         GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_json_export(char **out, grp_store *store, const grp_actor *actor,
                            const grp_json_export_options *opts);

/**
 * Export as grp_json_export() into the file @p path (created or replaced).
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
 * The whole document is checked before anything is written: JSON syntax,
 * format and version, types, ranges, enumeration words, dates, duplicate
 * keys and records, and that every reference names a record of the
 * document. Ids are kept when the target store does not use them (so an
 * import into an empty store preserves every id); otherwise records get
 * new ids and references follow them. A feedback form identical (name and
 * items) to the stored form with the same id is reused.
 *
 * @param[out] result_out may be NULL; filled on success
 * @param actor must be the system actor
 * @param text the document, @p len bytes (need not be NUL-terminated)
 * @param opts NULL for the defaults
 * @return 0; GRP_EPARSE (malformed JSON: the message gives the byte
 *         position, line and column); GRP_EINVAL (invalid content: the
 *         message names the JSON path, e.g. `$.memberships[0].person:
 *         unknown person "17"`; also a document over the size limit or
 *         nested too deeply); GRP_EUNSUPPORTED (another format version);
 *         GRP_EEXISTS (an external_ref exists and the policy is fail);
 *         GRP_EACCESS; GRP_EREADONLY; GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_json_import(grp_json_import_result *result_out, grp_store *store, const grp_actor *actor,
                            const char *text, size_t len, const grp_json_import_options *opts);

/**
 * Import the document in the file @p path as grp_json_import(). The size
 * limit is checked before the file is read.
 * @return as grp_json_import(); GRP_ENOTFOUND if the file does not exist;
 *         GRP_ESTORAGE if it cannot be read.
 * @since 0.1
 */
GRP_API int grp_json_import_file(grp_json_import_result *result_out, grp_store *store, const grp_actor *actor,
                                 const char *path, const grp_json_import_options *opts);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_JSON_H */
