/**
 * @file libgrp/membership.h
 * @brief Membership with history: dated stints decided by the group's rules.
 *
 * A stint is one episode of a person in a group: a role, a state, the date
 * it was requested, the date it began (became active) and the date it
 * ended. Dates are civil dates in the group's calendar. A stint is active
 * on date D when began <= D < ended (ended unset = still open): someone who
 * leaves on D is no longer a member on D. A person can leave and join
 * again: each return is a new stint.
 *
 * @par The join rules, in the order they are applied
 * | # | rule                                                  | outcome                 |
 * |---|-------------------------------------------------------|-------------------------|
 * | 1 | person already active or pending in the group on date  | GRP_ERULE_ALREADY       |
 * | 2 | group paused, closed or archived                       | GRP_ERULE_INACTIVE      |
 * | - | facilitator / co-facilitator: rules 3-7 do not apply   | active                  |
 * | 3 | membership policy closed                               | GRP_ERULE_CLOSED        |
 * | 4 | other organisation and the group does not allow it     | GRP_ERULE_ORG           |
 * | 5 | eligible roles set and the person's job role not in it | GRP_ERULE_ROLE          |
 * | 6 | membership policy by approval (request, not approval)  | requested               |
 * | 7 | a seat is free (and no one is waiting)                 | active                  |
 * |   | full, policy hard                                      | GRP_ERULE_FULL          |
 * |   | full, policy soft                                      | active + GRP_WARN_OVER_CAPACITY |
 * |   | full or someone waiting, policy waitlist               | waitlisted              |
 *
 * "Full" counts members (not facilitators) active on the date or on any
 * later date already recorded, so a back-dated join cannot overfill a
 * later roster. Role matching is exact after trimming, ignoring ASCII case.
 */
#ifndef LIBGRP_MEMBERSHIP_H
#define LIBGRP_MEMBERSHIP_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One stint of a person in a group. Owned by the caller: grp_membership_free(). */
typedef struct grp_membership grp_membership;
/** An iterator over stints. */
typedef struct grp_membership_iterator grp_membership_iterator;

/** Role in a group. Facilitators do not count towards capacity. */
typedef enum grp_member_role {
    GRP_ROLE_MEMBER = 0,       /**< a member: counts towards capacity */
    GRP_ROLE_FACILITATOR = 1,  /**< leads the group; not counted */
    GRP_ROLE_COFACILITATOR = 2 /**< supports the facilitator; not counted */
} grp_member_role;

/** State of a stint. */
typedef enum grp_membership_state {
    GRP_MSTATE_REQUESTED = 0,  /**< awaiting approval */
    GRP_MSTATE_WAITLISTED = 1, /**< queued for a seat */
    GRP_MSTATE_ACTIVE = 2,     /**< a member from `began`, no end yet */
    GRP_MSTATE_LEFT = 3,       /**< ended; `began` unset if it never became active (withdrawn) */
    GRP_MSTATE_DECLINED = 4    /**< a request that was declined */
} grp_membership_state;

/** Warning flags of a join decision (grp_membership_warnings()). */
#define GRP_WARN_OVER_CAPACITY 0x1u /**< admitted above capacity under a soft policy */

/** Version of ::grp_join_options. */
#define GRP_JOIN_OPTIONS_VERSION 1

/** Options of grp_member_join(). */
typedef struct grp_join_options {
    unsigned int version; /**< GRP_JOIN_OPTIONS_VERSION */
    grp_member_role role; /**< default GRP_ROLE_MEMBER */
    const char *reason;   /**< optional note kept with the stint (at most 1000 bytes) */
} grp_join_options;

/** Static initialiser with the defaults. */
#define GRP_JOIN_OPTIONS_INIT { GRP_JOIN_OPTIONS_VERSION, GRP_ROLE_MEMBER, NULL }

/**
 * Initialise @p opts with the defaults.
 * @param opts the struct to initialise
 * @param version GRP_JOIN_OPTIONS_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_join_options_init(grp_join_options *opts, unsigned int version);

/**
 * Ask for @p person to join @p group on @p date; the group's rules decide
 * (see the table above).
 * @param[out] out if not NULL, the new stint: its state says whether the
 *             person is active, waitlisted or requested; its warnings
 *             carry GRP_WARN_OVER_CAPACITY
 * @param opts NULL for a member with no reason
 * @param store the store
 * @param group_id the group's id
 * @param person_id the person's id
 * @param date the date to join on
 * @return 0; a GRP_ERULE_* code naming the rule that refused;
 *         GRP_EINVAL (NULL store, invalid date, date before an existing
 *         stint of this person, bad role); GRP_ENOTFOUND (group or person).
 * @since 0.1
 */
GRP_API int grp_member_join(grp_membership **out, grp_store *store, grp_id group_id,
                            grp_id person_id, grp_date date, const grp_join_options *opts);

/**
 * Approve a requested stint on @p date. The capacity rule is applied then:
 * the stint becomes active, waitlisted, or the approval is refused with
 * GRP_ERULE_FULL (the request stays open).
 * @param[out] out if not NULL, the updated stint
 * @param store the store
 * @param membership_id the membership's id
 * @param date the date of the approval
 * @return 0; GRP_ESTATE (not a request); GRP_EINVAL (date before the
 *         request); GRP_ENOTFOUND; GRP_ERULE_*.
 * @since 0.1
 */
GRP_API int grp_member_approve(grp_membership **out, grp_store *store, grp_id membership_id,
                               grp_date date);

/**
 * Decline a requested stint on @p date.
 * @param store the store
 * @param membership_id the membership's id
 * @param date the date of the decision
 * @param reason why, or NULL
 * @return 0; GRP_ESTATE (not a request); GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_member_decline(grp_store *store, grp_id membership_id, grp_date date,
                               const char *reason);

/**
 * End @p person's active or pending stint in @p group on @p date. If the
 * group uses a waitlist, freed seats go to the longest-waiting people on
 * the same date.
 * @param[out] promoted_out if not NULL, how many waitlisted people were promoted
 * @param store the store
 * @param group_id the group's id
 * @param person_id the person's id
 * @param date the first date on which the person is no longer in the
 *        group (docs/membership.md: a stint covers began <= D < ended)
 * @param reason why, or NULL
 * @return 0; GRP_ENOTFOUND (no open stint); GRP_EINVAL (date before the
 *         stint began: "argument 'date' is before the member joined").
 * @since 0.1
 */
GRP_API int grp_member_leave(size_t *promoted_out, grp_store *store, grp_id group_id,
                             grp_id person_id, grp_date date, const char *reason);

/**
 * Promote waitlisted people into free seats on @p date, longest-waiting
 * first (useful after raising the capacity).
 * @param[out] promoted_out if not NULL, how many were promoted
 * @param store the store
 * @param group_id the group's id
 * @param date the date the promoted stints begin
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_member_promote_waitlist(size_t *promoted_out, grp_store *store, grp_id group_id,
                                        grp_date date);

/**
 * Load a stint by id.
 * @param[out] out the new membership; free with grp_membership_free()
 * @param store the store
 * @param id the membership's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_membership_get(grp_membership **out, grp_store *store, grp_id id);

/**
 * Stint id.
 * @param m the membership
 * @return stint id
 */
GRP_API grp_id grp_membership_id(const grp_membership *m);
/**
 * Group id.
 * @param m the membership
 * @return group id
 */
GRP_API grp_id grp_membership_group_id(const grp_membership *m);
/**
 * Person id.
 * @param m the membership
 * @return person id
 */
GRP_API grp_id grp_membership_person_id(const grp_membership *m);
/**
 * Role.
 * @param m the membership
 * @return role
 */
GRP_API grp_member_role grp_membership_role(const grp_membership *m);
/**
 * State.
 * @param m the membership
 * @return state
 */
GRP_API grp_membership_state grp_membership_state_of(const grp_membership *m);
/**
 * Date the join was asked for.
 * @param m the membership
 * @return date the join was asked for
 */
GRP_API grp_date grp_membership_requested_on(const grp_membership *m);
/**
 * Date it became active, or unset.
 * @param m the membership
 * @return date it became active, or unset
 */
GRP_API grp_date grp_membership_began(const grp_membership *m);
/**
 * Date it ended, or unset.
 * @param m the membership
 * @return date it ended, or unset
 */
GRP_API grp_date grp_membership_ended(const grp_membership *m);
/**
 * Reason, or NULL (borrowed).
 * @param m the membership
 * @return reason, or NULL (borrowed)
 */
GRP_API const char *grp_membership_reason(const grp_membership *m);
/**
 * GRP_WARN_* flags of the decision that produced this snapshot (0 when loaded later).
 * @param m the membership
 * @return GRP_WARN_* flags of the decision that produced this snapshot (0 when loaded later)
 */
GRP_API uint32_t grp_membership_warnings(const grp_membership *m);
/**
 * Free a stint snapshot. NULL-safe.
 * @param m the membership to free, or NULL
 */
GRP_API void grp_membership_free(grp_membership *m);

/** Role mask for ::grp_membership_query: members. */
#define GRP_ROLEMASK_MEMBER (1u << GRP_ROLE_MEMBER)
/** Role mask for ::grp_membership_query: facilitators. */
#define GRP_ROLEMASK_FACILITATOR (1u << GRP_ROLE_FACILITATOR)
/** Role mask for ::grp_membership_query: co-facilitators. */
#define GRP_ROLEMASK_COFACILITATOR (1u << GRP_ROLE_COFACILITATOR)
/** Role mask for ::grp_membership_query: every role. */
#define GRP_ROLEMASK_ALL 0x7u

/** Version of ::grp_membership_query. */
#define GRP_MEMBERSHIP_QUERY_VERSION 1

/**
 * What to list. Set group_id, person_id or both.
 * - with a date: the stints active on that date (members of a group on a
 *   date; a person's groups on a date);
 * - without a date (unset): the full history, in order of request date.
 */
typedef struct grp_membership_query {
    unsigned int version; /**< GRP_MEMBERSHIP_QUERY_VERSION */
    grp_id group_id;      /**< 0 = any group */
    grp_id person_id;     /**< 0 = any person */
    grp_date date;        /**< unset = full history */
    uint32_t roles;       /**< GRP_ROLEMASK_* (0 means all) */
    uint32_t states;      /**< history only: mask of (1u << state); 0 means all */
} grp_membership_query;

/** Static initialiser: everything unset. */
#define GRP_MEMBERSHIP_QUERY_INIT { GRP_MEMBERSHIP_QUERY_VERSION, 0, 0, {0, 0, 0}, 0, 0 }

/**
 * Initialise @p q to empty values.
 * @param q the struct to initialise
 * @param version GRP_MEMBERSHIP_QUERY_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_membership_query_init(grp_membership_query *q, unsigned int version);

/**
 * List stints matching @p query, ordered by (began or requested date, id).
 * @param[out] out the new iterator; free with grp_membership_iterator_free()
 * @param store the store
 * @param query what to list
 * @return 0; GRP_EINVAL (NULL, neither group nor person, invalid date);
 *         GRP_ESTORAGE; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_membership_iterator_new(grp_membership_iterator **out, grp_store *store,
                                        const grp_membership_query *query);
/**
 * The next stint (a new snapshot: free with grp_membership_free()).
 * @param[out] out the new membership; free with grp_membership_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER at the end; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_membership_iterator_next(grp_membership **out, grp_membership_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_membership_iterator_free(grp_membership_iterator *it);

/**
 * Lower-case word for a role ("member", "facilitator", "co_facilitator"), or NULL.
 * @param role the value
 * @return lower-case word for a role ("member", "facilitator", "co_facilitator"), or NULL
 */
GRP_API const char *grp_member_role_name(grp_member_role role);
/**
 * Lower-case word for a state ("requested", ...), or NULL.
 * @param state the value
 * @return lower-case word for a state ("requested", ...), or NULL
 */
GRP_API const char *grp_membership_state_name(grp_membership_state state);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_MEMBERSHIP_H */
