/**
 * @file libgrp/access.h
 * @brief Actors and the confidentiality rules: who may read and write what.
 *
 * Every read of confidential content and every write of it is made on
 * behalf of an actor. An actor says only *who* is asking: a person, or the
 * system (maintenance, export, backup). What that person may see is
 * derived by libgrp from the store itself: whether they are or were a
 * member or facilitator of the group concerned, whether they wrote the
 * item or received it, and whether they administer the organisation
 * (grp_org_admin_add()). The host application authenticates its users and
 * maps them to people; it never asserts a role.
 *
 * @par Read rules (one table for the whole library)
 * | content                         | owner/author         | recipient | members of the group     | facilitators of the group           | organisation admins | system |
 * |---------------------------------|----------------------|-----------|--------------------------|-------------------------------------|---------------------|--------|
 * | membership, attendance          | own                  | -         | yes                      | yes                                 | yes                 | yes    |
 * | feedback aggregates (suppressed under the minimum cohort) | - | - | yes                  | yes                                 | yes                 | yes    |
 * | a feedback response (ratings and free text; anonymous ones carry no author) | own named one | - | no | yes      | no                  | yes    |
 * | peer feedback                   | own                  | yes       | no                       | only if the author shared it        | no                  | yes    |
 * | goal, its steps and progress    | own                  | -         | if visibility is group   | if visibility is facilitator or group | no                | yes    |
 * | session note                    | own                  | -         | if visibility is group   | if visibility is facilitators or group | no               | yes    |
 * | theme raised to the organisation| (no person is stored)| -         | yes                      | yes                                 | yes (their org)     | yes    |
 *
 * "Members" and "facilitators" of a group are people with a stint of that
 * role in the group (present or past). A denied single read returns
 * GRP_EACCESS; in lists, items the actor may not see are skipped and their
 * number is not revealed. Writes: people write their own feedback, goals,
 * notes and peer feedback; members and facilitators raise themes;
 * facilitators change a theme's status; the system may do everything.
 */
#ifndef LIBGRP_ACCESS_H
#define LIBGRP_ACCESS_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Who is asking. */
typedef enum grp_actor_kind {
    GRP_ACTOR_SYSTEM = 0, /**< maintenance, export, backup: reads everything */
    GRP_ACTOR_PERSON = 1  /**< a person; rights derived from the store */
} grp_actor_kind;

/** An actor: a small value, passed by pointer. */
typedef struct grp_actor {
    grp_actor_kind kind; /**< system or person */
    grp_id person_id;    /**< the person (GRP_ACTOR_PERSON only) */
} grp_actor;

/**
 * The system actor.
 * @return the system actor
 * @since 0.1
 */
GRP_API grp_actor grp_actor_system(void);

/**
 * An actor for a person.
 * @param person_id the person's id
 * @return an actor for @p person_id
 * @since 0.1
 */
GRP_API grp_actor grp_actor_person(grp_id person_id);

/** Visibility chosen by the author of a goal or note. */
typedef enum grp_visibility {
    GRP_VISIBLE_PRIVATE = 0,      /**< the author only */
    GRP_VISIBLE_FACILITATORS = 1, /**< the author and the group's facilitators */
    GRP_VISIBLE_GROUP = 2         /**< the author, the facilitators and the group's members */
} grp_visibility;

/**
 * Make @p person_id an administrator of @p org_id (idempotent).
 * @param store the store
 * @param org_id the organisation's id
 * @param person_id the person's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (organisation or person).
 * @since 0.1
 */
GRP_API int grp_org_admin_add(grp_store *store, grp_id org_id, grp_id person_id);

/**
 * Remove an administrator (no error if they were not one).
 * @param store the store
 * @param org_id the organisation's id
 * @param person_id the person's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (organisation).
 * @since 0.1
 */
GRP_API int grp_org_admin_remove(grp_store *store, grp_id org_id, grp_id person_id);

/**
 * Whether @p person_id administers @p org_id.
 * @param[out] out 1 or 0
 * @param store the store
 * @param org_id the organisation's id
 * @param person_id the person's id
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_org_admin_check(int *out, grp_store *store, grp_id org_id, grp_id person_id);

/**
 * Lower-case word for a visibility ("private", "facilitators", "group"), or NULL.
 * @param v the value
 * @return lower-case word for a visibility ("private", "facilitators", "group"), or NULL
 */
GRP_API const char *grp_visibility_name(grp_visibility v);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_ACCESS_H */
