/* Internal: keeping the hours log in step with attendance. */
#ifndef GRP_MODEL_HOURS_H
#define GRP_MODEL_HOURS_H

#include "store/store.h"

/* Recompute the unsigned entries of a stored session from its attendance
 * (inside the caller's transaction). Signed entries are never touched. */
int grp__hours_sync_session(grp_store *s, const struct grp_session *x);

/* GRP_ESTATE if person's entry for session is signed (attendance frozen). */
int grp__hours_check_unsigned(grp_store *s, grp_id session_id, grp_id person_id);

#endif
