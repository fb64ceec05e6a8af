/**
 * @file libgrp/goal.h
 * @brief A member's development goals: action steps and an append-only
 *        progress history. Read access follows the goal's visibility (see
 *        the table in access.h); organisation admins never read goals.
 */
#ifndef LIBGRP_GOAL_H
#define LIBGRP_GOAL_H

#include "common.h"
#include "store.h"
#include "access.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A goal with its steps. Owned: grp_goal_free(). */
typedef struct grp_goal grp_goal;
/** An iterator over goals. */
typedef struct grp_goal_iterator grp_goal_iterator;
/** One progress entry. Owned: grp_goal_progress_free(). */
typedef struct grp_goal_progress grp_goal_progress;
/** An iterator over progress entries. */
typedef struct grp_goal_progress_iterator grp_goal_progress_iterator;

/** Status of a goal. Any change is allowed except back to draft; an
 *  achieved or abandoned goal may be reopened (set active again). */
typedef enum grp_goal_status {
    GRP_GOAL_DRAFT = 0,     /**< being written; not yet pursued */
    GRP_GOAL_ACTIVE = 1,    /**< being worked on */
    GRP_GOAL_ACHIEVED = 2,  /**< reached */
    GRP_GOAL_ABANDONED = 3  /**< given up */
} grp_goal_status;

/** Version of ::grp_goal_spec. */
#define GRP_GOAL_SPEC_VERSION 1

/** The fields of a goal. Strings are borrowed for the call. */
typedef struct grp_goal_spec {
    unsigned int version;      /**< GRP_GOAL_SPEC_VERSION */
    grp_id owner_id;           /**< the member whose goal it is (required) */
    const char *title;         /**< 1..200 bytes (required) */
    const char *description;   /**< optional, at most 4000 bytes */
    grp_id group_id;           /**< the group it belongs to, or 0 */
    grp_date target_date;      /**< optional */
    grp_visibility visibility; /**< default private */
} grp_goal_spec;

/** Static initialiser. */
#define GRP_GOAL_SPEC_INIT { GRP_GOAL_SPEC_VERSION, 0, NULL, NULL, 0, {0, 0, 0}, GRP_VISIBLE_PRIVATE }

/**
 * Initialise a spec.
 * @param spec the struct to initialise
 * @param version GRP_GOAL_SPEC_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_goal_spec_init(grp_goal_spec *spec, unsigned int version);

/**
 * Create a goal (status draft). The actor must be the owner (or the
 * system); with a group, the owner must be or have been in that group.
 * @param[out] out if not NULL, the new goal's id
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param spec the fields of the new record
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_create(grp_id *out, grp_store *store, const grp_actor *actor, const grp_goal_spec *spec);

/**
 * Load a goal with its steps, if @p actor may read it.
 * @param[out] out the new goal; free with grp_goal_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param goal_id the goal's id
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_get(grp_goal **out, grp_store *store, const grp_actor *actor, grp_id goal_id);

/**
 * Replace a goal's fields (owner or system; the owner cannot change).
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param goal_id the goal's id
 * @param spec the new fields (all of them)
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_update(grp_store *store, const grp_actor *actor, grp_id goal_id, const grp_goal_spec *spec);

/**
 * Change a goal's status (owner or system).
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param goal_id the goal's id
 * @param status the new status
 * @return 0; GRP_EACCESS; GRP_EINVAL (back to draft, bad value); GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_set_status(grp_store *store, const grp_actor *actor, grp_id goal_id, grp_goal_status status);

/**
 * Add an action step at the end of the plan (owner or system).
 * @param due optional due date
 * @param[out] out if not NULL, the step id
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param goal_id the goal's id
 * @param title the step's title
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_step_add(grp_id *out, grp_store *store, const grp_actor *actor, grp_id goal_id,
                              const char *title, grp_date due);

/**
 * Mark a step done or not done (owner or system).
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param step_id the step's id
 * @param done 1 for done, 0 for not done
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_step_set_done(grp_store *store, const grp_actor *actor, grp_id step_id, int done);

/**
 * Append a progress entry (the owner, a facilitator who may read the goal,
 * or the system). History is append-only: a correction is a new entry.
 * @param percent 0..100
 * @param note optional, at most 4000 bytes
 * @param session_id the session in which it was reviewed, or 0
 * @param[out] out if not NULL, the entry id
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param goal_id the goal's id
 * @param date the date of the entry
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_progress_add(grp_id *out, grp_store *store, const grp_actor *actor, grp_id goal_id,
                                  grp_date date, int percent, const char *note, grp_id session_id);

/**
 * A goal's progress history, oldest first, if @p actor may read the goal.
 * @param[out] out the new iterator; free with grp_goal_progress_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param goal_id the goal's id
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_goal_progress_iterator_new(grp_goal_progress_iterator **out, grp_store *store,
                                           const grp_actor *actor, grp_id goal_id);
/**
 * The next entry (free with grp_goal_progress_free()).
 * @param[out] out the new progress entry; free with grp_goal_progress_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_goal_progress_iterator_next(grp_goal_progress **out, grp_goal_progress_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_goal_progress_iterator_free(grp_goal_progress_iterator *it);
/**
 * Entry id.
 * @param p the progress entry
 * @return entry id
 */
GRP_API grp_id grp_goal_progress_id(const grp_goal_progress *p);
/**
 * Date.
 * @param p the progress entry
 * @return date
 */
GRP_API grp_date grp_goal_progress_date(const grp_goal_progress *p);
/**
 * Percent 0..100.
 * @param p the progress entry
 * @return percent 0..100
 */
GRP_API int grp_goal_progress_percent(const grp_goal_progress *p);
/**
 * Note or NULL (borrowed).
 * @param p the progress entry
 * @return note or NULL (borrowed)
 */
GRP_API const char *grp_goal_progress_note(const grp_goal_progress *p);
/**
 * Session reviewed in, or 0.
 * @param p the progress entry
 * @return session reviewed in, or 0
 */
GRP_API grp_id grp_goal_progress_session_id(const grp_goal_progress *p);
/**
 * Who recorded it (person id), 0 for the system.
 * @param p the progress entry
 * @return who recorded it (person id), 0 for the system
 */
GRP_API grp_id grp_goal_progress_recorded_by(const grp_goal_progress *p);
/**
 * Free an entry. NULL-safe.
 * @param p the progress entry to free, or NULL
 */
GRP_API void grp_goal_progress_free(grp_goal_progress *p);

/** Version of ::grp_goal_query. */
#define GRP_GOAL_QUERY_VERSION 1

/** Which goals to list (all conditions that are set must hold). */
typedef struct grp_goal_query {
    unsigned int version; /**< GRP_GOAL_QUERY_VERSION */
    grp_id owner_id;      /**< 0 = anyone's */
    grp_id group_id;      /**< 0 = any group */
    grp_id reviewed_in;   /**< goals with progress recorded in this session, or 0 */
    uint32_t statuses;    /**< mask of (1u << status); 0 = all */
    grp_date overdue_on;  /**< set: only goals overdue on that date (active, target before it, or with an
                               undone step due before it) */
} grp_goal_query;

/** Static initialiser. */
#define GRP_GOAL_QUERY_INIT { GRP_GOAL_QUERY_VERSION, 0, 0, 0, 0, {0, 0, 0} }

/**
 * Initialise a query.
 * @param q the struct to initialise
 * @param version GRP_GOAL_QUERY_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_goal_query_init(grp_goal_query *q, unsigned int version);

/**
 * Goals matching @p q that @p actor may read, by id. Unreadable goals are
 * skipped silently.
 * @param[out] out the new iterator; free with grp_goal_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param q what to list
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_goal_iterator_new(grp_goal_iterator **out, grp_store *store, const grp_actor *actor,
                                  const grp_goal_query *q);
/**
 * The next goal (free with grp_goal_free()).
 * @param[out] out the new goal; free with grp_goal_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_goal_iterator_next(grp_goal **out, grp_goal_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_goal_iterator_free(grp_goal_iterator *it);

/**
 * Goal id.
 * @param g the goal
 * @return goal id
 */
GRP_API grp_id grp_goal_id(const grp_goal *g);
/**
 * Owner.
 * @param g the goal
 * @return owner
 */
GRP_API grp_id grp_goal_owner_id(const grp_goal *g);
/**
 * Title (borrowed).
 * @param g the goal
 * @return title (borrowed)
 */
GRP_API const char *grp_goal_title(const grp_goal *g);
/**
 * Description or NULL (borrowed).
 * @param g the goal
 * @return description or NULL (borrowed)
 */
GRP_API const char *grp_goal_description(const grp_goal *g);
/**
 * Group or 0.
 * @param g the goal
 * @return group or 0
 */
GRP_API grp_id grp_goal_group_id(const grp_goal *g);
/**
 * Target date or unset.
 * @param g the goal
 * @return target date or unset
 */
GRP_API grp_date grp_goal_target_date(const grp_goal *g);
/**
 * Status.
 * @param g the goal
 * @return status
 */
GRP_API grp_goal_status grp_goal_status_of(const grp_goal *g);
/**
 * Visibility.
 * @param g the goal
 * @return visibility
 */
GRP_API grp_visibility grp_goal_visibility(const grp_goal *g);
/**
 * Latest progress percent, or -1 if none.
 * @param g the goal
 * @return latest progress percent, or -1 if none
 */
GRP_API int grp_goal_percent(const grp_goal *g);
/**
 * Number of steps.
 * @param g the goal
 * @return number of steps
 */
GRP_API size_t grp_goal_step_count(const grp_goal *g);
/**
 * Step @p i's id, 0 if out of range.
 * @param g the goal
 * @param i index, from 0
 * @return step @p i's id, 0 if out of range
 */
GRP_API grp_id grp_goal_step_id(const grp_goal *g, size_t i);
/**
 * Step @p i's title (borrowed), NULL if out of range.
 * @param g the goal
 * @param i index, from 0
 * @return step @p i's title (borrowed), NULL if out of range
 */
GRP_API const char *grp_goal_step_title(const grp_goal *g, size_t i);
/**
 * Step @p i's due date or unset.
 * @param g the goal
 * @param i index, from 0
 * @return step @p i's due date or unset
 */
GRP_API grp_date grp_goal_step_due(const grp_goal *g, size_t i);
/**
 * 1 if step @p i is done.
 * @param g the goal
 * @param i index, from 0
 * @return 1 if step @p i is done
 */
GRP_API int grp_goal_step_done(const grp_goal *g, size_t i);
/**
 * Free a goal. NULL-safe.
 * @param g the goal to free, or NULL
 */
GRP_API void grp_goal_free(grp_goal *g);
/**
 * Lower-case word for a status ("draft", "active", "achieved", "abandoned"), or NULL.
 * @param status the value
 * @return lower-case word for a status ("draft", "active", "achieved", "abandoned"), or NULL
 */
GRP_API const char *grp_goal_status_name(grp_goal_status status);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_GOAL_H */
