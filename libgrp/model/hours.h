/* Internal: keeping the hours log in step with attendance. */
#ifndef GRP_MODEL_HOURS_H
#define GRP_MODEL_HOURS_H

#include "store/store_impl.h"

/* What keeping a stored session's hours log in step reads, loaded once:
 * the stints of every role active on its date and its original entries. */
typedef struct grp__hours_session {
    grp__list present;
    grp__list entries;
} grp__hours_session;

int grp__hours_session_load(grp_store *s, const struct grp_session *x, grp__hours_session *h);
void grp__hours_session_dispose(grp__hours_session *h);

/* 1 if person_id has a stint of any role active on the session's date. */
int grp__hours_has_stint(const grp__hours_session *h, grp_id person_id);

/* GRP_EINVAL unless person_id is a member or facilitator of the group on
 * the session's date; GRP_ESTATE if their entry is signed (attendance
 * frozen). */
int grp__hours_check_person(const grp__hours_session *h, const struct grp_session *x, grp_id person_id);

/* Recompute the unsigned entries of the session from its attendance
 * (inside the caller's transaction), writing only what changes. Signed
 * entries are never touched. */
int grp__hours_sync(grp_store *s, const struct grp_session *x, grp__hours_session *h);

/* Load, sync and dispose. */
int grp__hours_sync_session(grp_store *s, const struct grp_session *x);

#endif
