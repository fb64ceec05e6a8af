/**
 * @file libgrp/rota.h
 * @brief Case-presenter rota for group supervision.
 *
 * Each session may have one presenter, a member of the group on the
 * session's date. The suggestion rule: among the members on the session's
 * date who have not sent apologies for it, the one who presented least
 * recently goes next (never presented first); ties go to whoever joined
 * first, then to the lower person id. Joiners therefore enter the rota at
 * the front, and leavers drop out of it.
 */
#ifndef LIBGRP_ROTA_H
#define LIBGRP_ROTA_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Make @p person_id the presenter of @p session_id (replacing any).
 * @param store the store
 * @param session_id the session's id
 * @param person_id the person's id
 * @return 0; GRP_EINVAL (not a member on the session's date; apologies
 *         sent); GRP_ENOTFOUND; GRP_ESTATE (session cancelled or not held).
 * @since 0.1
 */
GRP_API int grp_rota_assign(grp_store *store, grp_id session_id, grp_id person_id);

/**
 * Remove the presenter of a session (no error if there is none).
 * @param store the store
 * @param session_id the session's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (session).
 * @since 0.1
 */
GRP_API int grp_rota_clear(grp_store *store, grp_id session_id);

/**
 * The presenter of a session.
 * @param[out] out the person id
 * @param store the store
 * @param session_id the session's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (session, or no presenter).
 * @since 0.1
 */
GRP_API int grp_rota_presenter(grp_id *out, grp_store *store, grp_id session_id);

/**
 * Who should present at @p session_id by the rota rule.
 * @param[out] out the person id
 * @param store the store
 * @param session_id the session's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (session, or nobody available).
 * @since 0.1
 */
GRP_API int grp_rota_suggest(grp_id *out, grp_store *store, grp_id session_id);

/**
 * Swap the presenters of two sessions of the same group (a session without
 * a presenter swaps as "none").
 * @param store the store
 * @param session_a one session's id
 * @param session_b the other session's id
 * @return 0; GRP_EINVAL (different groups; a presenter not a member on the
 *         other date); GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_rota_swap(grp_store *store, grp_id session_a, grp_id session_b);

/**
 * Assign presenters by the rota rule to every session of a group starting
 * in [from, to) that has none and is not cancelled, in order, storing the
 * sessions as needed.
 * @param[out] assigned_out if not NULL, how many were assigned
 * @param store the store
 * @param group_id the group's id
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (group).
 * @since 0.1
 */
GRP_API int grp_rota_plan(size_t *assigned_out, grp_store *store, grp_id group_id, grp_time from, grp_time to);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_ROTA_H */
