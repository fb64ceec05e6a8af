/**
 * @file libgrp/org.h
 * @brief Organisations: the tenants that fund groups and employ people.
 */
#ifndef LIBGRP_ORG_H
#define LIBGRP_ORG_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A snapshot of one organisation. Owned by the caller: grp_org_free(). */
typedef struct grp_org grp_org;
/** An iterator over organisations. */
typedef struct grp_org_iterator grp_org_iterator;

/** Flags for list functions. */
#define GRP_LIST_INCLUDE_ARCHIVED 0x1u /**< also list archived entities */

/**
 * Create an organisation.
 * @param[out] out if not NULL, the new organisation (free with grp_org_free())
 * @param name display name, 1..200 bytes of UTF-8
 * @param external_ref the host system's id, unique among organisations, or
 *        NULL (at most 200 bytes)
 * @param store the store
 * @return 0; GRP_EINVAL (NULL store, empty or too long name or ref, bad
 *         UTF-8); GRP_EEXISTS (external_ref in use); GRP_EREADONLY;
 *         GRP_ESTORAGE; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_org_create(grp_org **out, grp_store *store, const char *name,
                           const char *external_ref);

/**
 * Load an organisation by id.
 * @param[out] out the organisation (free with grp_org_free())
 * @param store the store
 * @param id the organisation's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_org_get(grp_org **out, grp_store *store, grp_id id);

/**
 * Load an organisation by its external reference.
 * @param[out] out the organisation (free with grp_org_free())
 * @param store the store
 * @param external_ref the host's reference
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_org_find(grp_org **out, grp_store *store, const char *external_ref);

/**
 * Rename an organisation and/or change its external reference.
 * @param name new name (as for grp_org_create())
 * @param external_ref new reference, or NULL to clear it
 * @param store the store
 * @param id the organisation's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND; GRP_EEXISTS.
 * @since 0.1
 */
GRP_API int grp_org_update(grp_store *store, grp_id id, const char *name,
                           const char *external_ref);

/**
 * Archive an organisation: it disappears from default lists; its history
 * stays. Archiving twice is not an error.
 * @param store the store
 * @param id the organisation's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_org_archive(grp_store *store, grp_id id);

/**
 * The organisation's id.
 * @param org the organisation
 * @return the organisation's id
 */
GRP_API grp_id grp_org_id(const grp_org *org);
/**
 * The organisation's name (borrowed, lives as long as @p org).
 * @param org the organisation
 * @return the organisation's name (borrowed, lives as long as @p org)
 */
GRP_API const char *grp_org_name(const grp_org *org);
/**
 * The external reference, or NULL (borrowed).
 * @param org the organisation
 * @return the external reference, or NULL (borrowed)
 */
GRP_API const char *grp_org_external_ref(const grp_org *org);
/**
 * 1 if archived, else 0.
 * @param org the organisation
 * @return 1 if archived, else 0
 */
GRP_API int grp_org_archived(const grp_org *org);
/**
 * Free an organisation snapshot. NULL-safe.
 * @param org the organisation to free, or NULL
 */
GRP_API void grp_org_free(grp_org *org);

/**
 * List organisations in id order.
 * @param[out] out the iterator (free with grp_org_iterator_free())
 * @param flags 0 or GRP_LIST_INCLUDE_ARCHIVED
 * @param store the store
 * @return 0; GRP_EINVAL; GRP_ESTORAGE; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_org_iterator_new(grp_org_iterator **out, grp_store *store, uint32_t flags);

/**
 * The next organisation.
 * @param[out] out a new snapshot (free with grp_org_free())
 * @param it the iterator
 * @return 0; GRP_ITEROVER at the end; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_org_iterator_next(grp_org **out, grp_org_iterator *it);

/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_org_iterator_free(grp_org_iterator *it);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_ORG_H */
