/**
 * @file libgrp/error.h
 * @brief Error codes and the per-thread last error.
 *
 * Every function that can fail returns 0 on success or one of the negative
 * ::grp_error_code values, and records a message naming what was wrong in
 * the calling thread's last error (grp_error_last()). Codes never change
 * meaning and are never reused.
 */
#ifndef LIBGRP_ERROR_H
#define LIBGRP_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Result codes. 0 is success; everything else is negative. */
typedef enum grp_error_code {
    GRP_OK = 0,                /**< success */
    GRP_ERROR = -1,            /**< an internal error with no better code */
    GRP_EINVAL = -2,           /**< an argument is invalid (NULL, out of range, malformed) */
    GRP_ENOMEM = -3,           /**< out of memory */
    GRP_ENOTFOUND = -4,        /**< no such entity */
    GRP_EEXISTS = -5,          /**< the entity or key already exists */
    GRP_EACCESS = -6,          /**< the actor may not read or write this */
    GRP_ESTORAGE = -7,         /**< the storage engine failed (I/O, corrupt file, disk full) */
    GRP_EBUSY = -8,            /**< the store is locked by another writer beyond the busy timeout, or a resource is in use */
    GRP_EVERSION = -9,         /**< the store was written by a newer libgrp */
    GRP_ENOTSTORE = -10,       /**< the file is not a libgrp store */
    GRP_EUNSUPPORTED = -11,    /**< valid input that libgrp does not support */
    GRP_EPARSE = -12,          /**< malformed text (date, rule, document) */
    GRP_ESUPPRESSED = -13,     /**< an aggregate was suppressed: too few responses */
    GRP_ECLOSED = -14,         /**< the store or iterator was already closed */
    GRP_ESTATE = -15,          /**< the operation does not apply in the entity's current state */
    GRP_EREADONLY = -16,       /**< the store was opened read-only */

    /* Membership refusals: a rule of the group refused the request. */
    GRP_ERULE_FULL = -20,      /**< the group is at capacity and its policy is hard */
    GRP_ERULE_CLOSED = -21,    /**< the group's membership policy is closed */
    GRP_ERULE_ORG = -22,       /**< the person's organisation may not join this group */
    GRP_ERULE_ROLE = -23,      /**< the person's role is not eligible for this group */
    GRP_ERULE_ALREADY = -24,   /**< the person is already a member (or pending) on that date */
    GRP_ERULE_INACTIVE = -25,  /**< the group is paused or closed */

    GRP_ITEROVER = -31         /**< an iterator has no more items (not an error) */
} grp_error_code;

/** True when @p code is one of the GRP_ERULE_* membership refusals. */
#define GRP_IS_RULE_ERROR(code) ((code) <= -20 && (code) >= -29)

/** The last error recorded in the calling thread. */
typedef struct grp_error {
    int code;            /**< a ::grp_error_code, GRP_OK if none */
    const char *message; /**< what was wrong; never NULL, "" if none */
} grp_error;

/**
 * A short static description of @p code, e.g. "invalid argument".
 * @param code an error code (0 or a GRP_E* value)
 * @return a static string; never NULL, never allocated. Thread-safe.
 * @since 0.1
 */
GRP_API const char *grp_strerror(int code);

/**
 * The last error recorded by a libgrp call in the calling thread.
 * Successful calls do not clear it; call grp_error_clear() to do so.
 * @return borrowed, never NULL; valid until the next libgrp call in this
 *         thread.
 * @since 0.1
 */
GRP_API const grp_error *grp_error_last(void);

/**
 * Reset the calling thread's last error to {GRP_OK, ""}.
 * @since 0.1
 */
GRP_API void grp_error_clear(void);

/**
 * The symbolic name of @p code, e.g. "GRP_ERULE_FULL"; "GRP_UNKNOWN" for an
 * unknown code. Static string. Thread-safe.
 * @param code an error code (0 or a GRP_E* value)
 * @return a static string such as "GRP_ENOTFOUND"
 * @since 0.1
 */
GRP_API const char *grp_error_name(int code);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_ERROR_H */
