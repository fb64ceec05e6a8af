/**
 * @file libgrp/person.h
 * @brief People: members and facilitators, with minimal personal data.
 */
#ifndef LIBGRP_PERSON_H
#define LIBGRP_PERSON_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A snapshot of one person. Owned by the caller: grp_person_free(). */
typedef struct grp_person grp_person;
/** An iterator over people. */
typedef struct grp_person_iterator grp_person_iterator;

/** Version of ::grp_person_spec understood by this library. */
#define GRP_PERSON_SPEC_VERSION 1

/** The fields of a person, for create and update. Strings are borrowed
 *  from the caller for the duration of the call. */
typedef struct grp_person_spec {
    unsigned int version;     /**< GRP_PERSON_SPEC_VERSION */
    grp_id org_id;            /**< employing organisation (required) */
    const char *display_name; /**< 1..200 bytes (required) */
    const char *job_role;     /**< e.g. "student support adviser"; NULL = none; matched
                                   against a group's eligible roles */
    const char *email;        /**< NULL = none; must contain one '@' with text on both sides */
    const char *external_ref; /**< host system's id, unique within the organisation; NULL = none */
} grp_person_spec;

/** Static initialiser: everything empty. */
#define GRP_PERSON_SPEC_INIT { GRP_PERSON_SPEC_VERSION, 0, NULL, NULL, NULL, NULL }

/**
 * Initialise @p spec to empty values.
 * @param spec the struct to initialise
 * @param version GRP_PERSON_SPEC_VERSION
 * @return 0; GRP_EINVAL if @p spec is NULL or @p version unknown.
 * @since 0.1
 */
GRP_API int grp_person_spec_init(grp_person_spec *spec, unsigned int version);

/**
 * Create a person.
 * @param[out] out if not NULL, the new person (free with grp_person_free())
 * @param store the store
 * @param spec the fields of the new record
 * @return 0; GRP_EINVAL (NULL, empty or over-long strings, bad email, bad
 *         UTF-8); GRP_ENOTFOUND (no such organisation); GRP_EEXISTS
 *         (external_ref in use in that organisation).
 * @since 0.1
 */
GRP_API int grp_person_create(grp_person **out, grp_store *store, const grp_person_spec *spec);

/**
 * Load a person by id.
 * @param[out] out the new person; free with grp_person_free()
 * @param store the store
 * @param id the person's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_person_get(grp_person **out, grp_store *store, grp_id id);

/**
 * Load a person by organisation and external reference.
 * @param[out] out the new person; free with grp_person_free()
 * @param store the store
 * @param org_id the organisation's id
 * @param external_ref the host's reference
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_person_find(grp_person **out, grp_store *store, grp_id org_id,
                            const char *external_ref);

/**
 * Replace a person's fields with @p spec (all fields; NULL clears an
 * optional one).
 * @param store the store
 * @param id the person's id
 * @param spec the new fields (all of them)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND; GRP_EEXISTS.
 * @since 0.1
 */
GRP_API int grp_person_update(grp_store *store, grp_id id, const grp_person_spec *spec);

/**
 * Archive a person (hidden from default lists; history kept).
 * @param store the store
 * @param id the person's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_person_archive(grp_store *store, grp_id id);

/**
 * Fill @p spec from @p person; strings are borrowed from @p person.
 * @param[out] spec receives the fields
 * @param person the person
 * @return 0; GRP_EINVAL if an argument is NULL.
 * @since 0.1
 */
GRP_API int grp_person_to_spec(grp_person_spec *spec, const grp_person *person);

/**
 * The person's id.
 * @param person the person
 * @return the person's id
 */
GRP_API grp_id grp_person_id(const grp_person *person);
/**
 * The employing organisation's id.
 * @param person the person
 * @return the employing organisation's id
 */
GRP_API grp_id grp_person_org_id(const grp_person *person);
/**
 * Display name (borrowed).
 * @param person the person
 * @return display name (borrowed)
 */
GRP_API const char *grp_person_display_name(const grp_person *person);
/**
 * Job role or NULL (borrowed).
 * @param person the person
 * @return job role or NULL (borrowed)
 */
GRP_API const char *grp_person_job_role(const grp_person *person);
/**
 * Email or NULL (borrowed).
 * @param person the person
 * @return email or NULL (borrowed)
 */
GRP_API const char *grp_person_email(const grp_person *person);
/**
 * External reference or NULL (borrowed).
 * @param person the person
 * @return external reference or NULL (borrowed)
 */
GRP_API const char *grp_person_external_ref(const grp_person *person);
/**
 * 1 if archived, else 0.
 * @param person the person
 * @return 1 if archived, else 0
 */
GRP_API int grp_person_archived(const grp_person *person);
/**
 * Free a person snapshot. NULL-safe.
 * @param person the person to free, or NULL
 */
GRP_API void grp_person_free(grp_person *person);

/**
 * List people in id order.
 * @param org_id only this organisation's people, or 0 for everyone
 * @param flags 0 or GRP_LIST_INCLUDE_ARCHIVED
 * @param[out] out the new iterator; free with grp_person_iterator_free()
 * @param store the store
 * @return 0; GRP_EINVAL; GRP_ESTORAGE; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_person_iterator_new(grp_person_iterator **out, grp_store *store, grp_id org_id,
                                    uint32_t flags);
/**
 * The next person (a new snapshot: free with grp_person_free()).
 * @param[out] out the new person; free with grp_person_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER at the end; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_person_iterator_next(grp_person **out, grp_person_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_person_iterator_free(grp_person_iterator *it);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_PERSON_H */
