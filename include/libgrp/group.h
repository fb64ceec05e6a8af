/**
 * @file libgrp/group.h
 * @brief Groups: kind, status, capacity and membership rules, delivery.
 */
#ifndef LIBGRP_GROUP_H
#define LIBGRP_GROUP_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A snapshot of one group. Owned by the caller: grp_group_free(). */
typedef struct grp_group grp_group;
/** An iterator over groups. */
typedef struct grp_group_iterator grp_group_iterator;

/** What kind of programme a group runs. */
typedef enum grp_group_kind {
    GRP_KIND_REFLECTIVE_PRACTICE = 0, /**< group reflective practice (GRP) */
    GRP_KIND_GROUP_SUPERVISION = 1,   /**< group supervision / group therapeutic support */
    GRP_KIND_CLINICAL_SUPERVISION = 2 /**< clinical supervision, 1:1 or group */
} grp_group_kind;

/** Life-cycle status. Members may join a forming or active group only. */
typedef enum grp_group_status {
    GRP_STATUS_FORMING = 0, /**< being set up; joins allowed */
    GRP_STATUS_ACTIVE = 1,  /**< meeting; joins allowed */
    GRP_STATUS_PAUSED = 2,  /**< not meeting for now; joins refused */
    GRP_STATUS_CLOSED = 3   /**< ended; joins refused */
} grp_group_status;

/** What happens to a joiner when the group is at capacity. */
typedef enum grp_capacity_policy {
    GRP_CAPACITY_HARD = 0,    /**< refuse with GRP_ERULE_FULL */
    GRP_CAPACITY_SOFT = 1,    /**< admit, flagged GRP_WARN_OVER_CAPACITY */
    GRP_CAPACITY_WAITLIST = 2 /**< queue; promoted in order when a seat frees */
} grp_capacity_policy;

/** Who may join. */
typedef enum grp_membership_policy {
    GRP_MEMBERSHIP_OPEN = 0,     /**< anyone eligible joins at once */
    GRP_MEMBERSHIP_APPROVAL = 1, /**< a join is a request that a facilitator approves or declines */
    GRP_MEMBERSHIP_CLOSED = 2    /**< no new members (facilitators may still be added) */
} grp_membership_policy;

/** How sessions are delivered. */
typedef enum grp_delivery {
    GRP_DELIVERY_IN_PERSON = 0, /**< needs a location */
    GRP_DELIVERY_ONLINE = 1,    /**< needs a meeting link */
    GRP_DELIVERY_HYBRID = 2     /**< needs both */
} grp_delivery;

/** Version of ::grp_group_spec understood by this library. */
#define GRP_GROUP_SPEC_VERSION 1

/** Default capacity: "a maximum of eight members per group works best". */
#define GRP_DEFAULT_CAPACITY 8
/** Largest capacity accepted. */
#define GRP_MAX_CAPACITY 1000

/**
 * The settings of a group, for create and update. Strings are borrowed
 * from the caller for the duration of the call.
 */
typedef struct grp_group_spec {
    unsigned int version;                    /**< GRP_GROUP_SPEC_VERSION */
    grp_id org_id;                           /**< owning organisation (required) */
    const char *name;                        /**< 1..200 bytes (required) */
    grp_group_kind kind;                     /**< default reflective practice */
    grp_group_status status;                 /**< default forming */
    int capacity;                            /**< members, facilitators not counted; 1..GRP_MAX_CAPACITY, default 8 */
    grp_capacity_policy capacity_policy;     /**< default hard */
    int quorum;                              /**< minimum attendance for a session to run; 0..capacity, default 0 */
    grp_membership_policy membership_policy; /**< default open */
    int allow_other_orgs;                    /**< 1: staff of other organisations may join; default 0 */
    grp_strarray eligible_roles;             /**< job roles that may join; empty = any. Borrowed. */
    grp_delivery delivery;                   /**< default in person */
    const char *location;                    /**< required for in person and hybrid */
    const char *meeting_link;                /**< required for online and hybrid */
    const char *timezone;                    /**< IANA zone name (required), e.g. "Europe/London" */
    int session_minutes;                     /**< default session length, 1..1440, default 90 */
} grp_group_spec;

/** Static initialiser with the defaults. */
#define GRP_GROUP_SPEC_INIT                                                                   \
    { GRP_GROUP_SPEC_VERSION, 0, NULL, GRP_KIND_REFLECTIVE_PRACTICE, GRP_STATUS_FORMING,     \
      GRP_DEFAULT_CAPACITY, GRP_CAPACITY_HARD, 0, GRP_MEMBERSHIP_OPEN, 0, {NULL, 0},        \
      GRP_DELIVERY_IN_PERSON, NULL, NULL, NULL, 90 }

/**
 * Initialise @p spec with the defaults.
 * @param spec the struct to initialise
 * @param version GRP_GROUP_SPEC_VERSION
 * @return 0; GRP_EINVAL if @p spec is NULL or @p version unknown.
 * @since 0.1
 */
GRP_API int grp_group_spec_init(grp_group_spec *spec, unsigned int version);

/**
 * Create a group.
 * @param[out] out if not NULL, the new group (free with grp_group_free())
 * @param store the store
 * @param spec the fields of the new record
 * @return 0; GRP_EINVAL naming the bad field (empty name, capacity out of
 *         range, quorum above capacity, unknown enum value, delivery without
 *         its location or link, unknown time zone, ...); GRP_ENOTFOUND (no
 *         such organisation); GRP_EREADONLY; GRP_ESTORAGE; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_group_create(grp_group **out, grp_store *store, const grp_group_spec *spec);

/**
 * Load a group by id.
 * @param[out] out the new group; free with grp_group_free()
 * @param store the store
 * @param id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_group_get(grp_group **out, grp_store *store, grp_id id);

/**
 * Replace all settings of a group with @p spec (validated as for create).
 * Lowering the capacity below the current number of members is allowed
 * (nobody is removed); raising it under a waitlist policy does not promote
 * anyone by itself: call grp_member_promote_waitlist() with a date.
 * @param store the store
 * @param id the group's id
 * @param spec the new fields (all of them)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_group_update(grp_store *store, grp_id id, const grp_group_spec *spec);

/**
 * Change only the status of a group.
 * @param store the store
 * @param id the group's id
 * @param status the new status
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_group_set_status(grp_store *store, grp_id id, grp_group_status status);

/**
 * Archive a group: hidden from default lists, status set to closed, so
 * joins are refused; history kept.
 * @param store the store
 * @param id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_group_archive(grp_store *store, grp_id id);

/**
 * Fill @p spec from @p group; strings and the role list are borrowed from
 * @p group. Use it to change a few settings: get, to_spec, edit, update.
 * @param[out] spec receives the fields
 * @param group the group
 * @return 0; GRP_EINVAL if an argument is NULL.
 * @since 0.1
 */
GRP_API int grp_group_to_spec(grp_group_spec *spec, const grp_group *group);

/**
 * The group's id.
 * @param group the group
 * @return the group's id
 */
GRP_API grp_id grp_group_id(const grp_group *group);
/**
 * Owning organisation's id.
 * @param group the group
 * @return owning organisation's id
 */
GRP_API grp_id grp_group_org_id(const grp_group *group);
/**
 * Name (borrowed).
 * @param group the group
 * @return name (borrowed)
 */
GRP_API const char *grp_group_name(const grp_group *group);
/**
 * Kind.
 * @param group the group
 * @return kind
 */
GRP_API grp_group_kind grp_group_kind_of(const grp_group *group);
/**
 * Status.
 * @param group the group
 * @return status
 */
GRP_API grp_group_status grp_group_status_of(const grp_group *group);
/**
 * Capacity (members; facilitators not counted).
 * @param group the group
 * @return capacity (members; facilitators not counted)
 */
GRP_API int grp_group_capacity(const grp_group *group);
/**
 * Capacity policy.
 * @param group the group
 * @return capacity policy
 */
GRP_API grp_capacity_policy grp_group_capacity_policy(const grp_group *group);
/**
 * Quorum.
 * @param group the group
 * @return quorum
 */
GRP_API int grp_group_quorum(const grp_group *group);
/**
 * Membership policy.
 * @param group the group
 * @return membership policy
 */
GRP_API grp_membership_policy grp_group_membership_policy(const grp_group *group);
/**
 * 1 if staff of other organisations may join.
 * @param group the group
 * @return 1 if staff of other organisations may join
 */
GRP_API int grp_group_allows_other_orgs(const grp_group *group);
/**
 * Number of eligible job roles (0 = any role).
 * @param group the group
 * @return number of eligible job roles (0 = any role)
 */
GRP_API size_t grp_group_eligible_role_count(const grp_group *group);
/**
 * Eligible role @p i (borrowed), NULL if out of range.
 * @param group the group
 * @param i index, from 0
 * @return eligible role @p i (borrowed), NULL if out of range
 */
GRP_API const char *grp_group_eligible_role(const grp_group *group, size_t i);
/**
 * Delivery.
 * @param group the group
 * @return delivery
 */
GRP_API grp_delivery grp_group_delivery(const grp_group *group);
/**
 * Location or NULL (borrowed).
 * @param group the group
 * @return location or NULL (borrowed)
 */
GRP_API const char *grp_group_location(const grp_group *group);
/**
 * Meeting link or NULL (borrowed).
 * @param group the group
 * @return meeting link or NULL (borrowed)
 */
GRP_API const char *grp_group_meeting_link(const grp_group *group);
/**
 * IANA time zone name (borrowed).
 * @param group the group
 * @return IANA time zone name (borrowed)
 */
GRP_API const char *grp_group_timezone(const grp_group *group);
/**
 * Default session length in minutes.
 * @param group the group
 * @return default session length in minutes
 */
GRP_API int grp_group_session_minutes(const grp_group *group);
/**
 * 1 if archived.
 * @param group the group
 * @return 1 if archived
 */
GRP_API int grp_group_archived(const grp_group *group);
/**
 * Free a group snapshot. NULL-safe.
 * @param group the group to free, or NULL
 */
GRP_API void grp_group_free(grp_group *group);

/**
 * List groups in id order.
 * @param org_id only this organisation's groups, or 0 for all
 * @param flags 0 or GRP_LIST_INCLUDE_ARCHIVED
 * @param[out] out the new iterator; free with grp_group_iterator_free()
 * @param store the store
 * @return 0; GRP_EINVAL; GRP_ESTORAGE; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_group_iterator_new(grp_group_iterator **out, grp_store *store, grp_id org_id,
                                   uint32_t flags);
/**
 * The next group (a new snapshot: free with grp_group_free()).
 * @param[out] out the new group; free with grp_group_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER at the end; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_group_iterator_next(grp_group **out, grp_group_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_group_iterator_free(grp_group_iterator *it);

/**
 * Lower-case word for an enum value ("reflective_practice"), or NULL if out of range.
 * @param kind the value
 * @return lower-case word for an enum value ("reflective_practice"), or NULL if out of range
 */
GRP_API const char *grp_group_kind_name(grp_group_kind kind);
/**
 * Lower-case word for a status ("forming"), or NULL.
 * @param status the value
 * @return lower-case word for a status ("forming"), or NULL
 */
GRP_API const char *grp_group_status_name(grp_group_status status);
/**
 * Lower-case word for a capacity policy ("waitlist"), or NULL if out of range.
 * @param policy the value
 * @return "hard", "soft" or "waitlist" (static storage), or NULL
 * @since 0.2
 */
GRP_API const char *grp_capacity_policy_name(grp_capacity_policy policy);
/**
 * Lower-case word for a membership policy ("approval"), or NULL if out of range.
 * @param policy the value
 * @return "open", "approval" or "closed" (static storage), or NULL
 * @since 0.2
 */
GRP_API const char *grp_membership_policy_name(grp_membership_policy policy);
/**
 * Lower-case word for a delivery mode ("in_person"), or NULL if out of range.
 * @param delivery the value
 * @return "in_person", "online" or "hybrid" (static storage), or NULL
 * @since 0.2
 */
GRP_API const char *grp_delivery_name(grp_delivery delivery);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_GROUP_H */
