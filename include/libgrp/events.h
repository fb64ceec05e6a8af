/**
 * @file libgrp/events.h
 * @brief What changed (a change feed stored with the data) and what is due
 *        (reminder and warning queries computed on demand).
 *
 * libgrp sends no messages and runs no timers; the host application does.
 * Every committed write that a host may want to act on appends an event in
 * the same transaction as the change (an outbox): an event exists exactly
 * when its change committed, and a rolled-back change leaves none. Events
 * carry kinds and ids, never content. The host remembers the last sequence
 * number it handled and resumes from it with grp_events_since().
 */
#ifndef LIBGRP_EVENTS_H
#define LIBGRP_EVENTS_H

#include "common.h"
#include "store.h"
#include "access.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One event. Owned: grp_event_free(). */
typedef struct grp_event grp_event;
/** An iterator over events. */
typedef struct grp_event_iterator grp_event_iterator;

/** What happened. The entity id's meaning is given for each kind. */
typedef enum grp_event_kind {
    GRP_EVENT_MEMBER_REQUESTED = 1,   /**< a join awaits approval (entity: membership) */
    GRP_EVENT_MEMBER_JOINED = 2,      /**< a person became active at once (entity: membership) */
    GRP_EVENT_MEMBER_WAITLISTED = 3,  /**< put on the waitlist (entity: membership) */
    GRP_EVENT_MEMBER_APPROVED = 4,    /**< a request was approved and is active (entity: membership) */
    GRP_EVENT_MEMBER_DECLINED = 5,    /**< a request was declined (entity: membership) */
    GRP_EVENT_MEMBER_PROMOTED = 6,    /**< seated from the waitlist: "you have a seat" (entity: membership) */
    GRP_EVENT_MEMBER_LEFT = 7,        /**< left or withdrew (entity: membership) */
    GRP_EVENT_CADENCE_CHANGED = 8,    /**< the cadence was set, changed or ended (entity: cadence) */
    GRP_EVENT_SESSION_ADDED = 9,      /**< an ad-hoc session (entity: session) */
    GRP_EVENT_SESSION_CANCELLED = 10, /**< cancelled or marked not held (entity: session) */
    GRP_EVENT_SESSION_MOVED = 11,     /**< new date, time or place (entity: session) */
    GRP_EVENT_ATTENDANCE_RECORDED = 12, /**< for one person (entity: session; person: the attendee) */
    GRP_EVENT_FEEDBACK_REQUESTED = 13,  /**< a session was held: its members may now give feedback (entity: session) */
    GRP_EVENT_GOAL_DUE_SOON = 14,     /**< a goal's target or a step is due soon (entity: goal; see grp_events_emit_due()) */
    GRP_EVENT_GOAL_OVERDUE = 15,      /**< a goal's target or a step is overdue (entity: goal) */
    GRP_EVENT_THEME_RAISED = 16       /**< a group raised a theme (entity: theme) */
} grp_event_kind;

/**
 * Lower-case word for a kind ("member_promoted", ...), or NULL.
 * @param kind the value
 * @return lower-case word for a kind ("member_promoted", ...), or NULL
 */
GRP_API const char *grp_event_kind_name(grp_event_kind kind);

/**
 * Events with a sequence number above @p after_seq, in order, that
 * @p actor may see: the system sees all; a person sees events about
 * themselves, group events (sessions, cadence, feedback requested, themes)
 * of groups they are or were in, and as a facilitator the membership and
 * attendance events of their groups; organisation admins see membership,
 * attendance, session and theme events of their organisation's groups;
 * goal events follow the goal's visibility (never organisation admins).
 * @param max at most this many events (0 = no limit)
 * @param[out] out the new iterator; free with grp_event_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param after_seq list the events with a higher sequence number (0: all)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (actor's person).
 * @since 0.1
 */
GRP_API int grp_events_since(grp_event_iterator **out, grp_store *store, const grp_actor *actor, int64_t after_seq,
                             size_t max);
/**
 * The next event (free with grp_event_free()).
 * @param[out] out the new event; free with grp_event_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_event_iterator_next(grp_event **out, grp_event_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_event_iterator_free(grp_event_iterator *it);

/**
 * Sequence number: increasing, never reused after pruning.
 * @param e the event
 * @return sequence number: increasing, never reused after pruning
 */
GRP_API int64_t grp_event_seq(const grp_event *e);
/**
 * When it was committed (UTC seconds).
 * @param e the event
 * @return when it was committed (UTC seconds)
 */
GRP_API grp_time grp_event_at(const grp_event *e);
/**
 * Kind.
 * @param e the event
 * @return kind
 */
GRP_API grp_event_kind grp_event_kind_of(const grp_event *e);
/**
 * The group concerned, or 0.
 * @param e the event
 * @return the group concerned, or 0
 */
GRP_API grp_id grp_event_group_id(const grp_event *e);
/**
 * The person concerned, or 0.
 * @param e the event
 * @return the person concerned, or 0
 */
GRP_API grp_id grp_event_person_id(const grp_event *e);
/**
 * The entity (see ::grp_event_kind), or 0.
 * @param e the event
 * @return the entity (see ::grp_event_kind), or 0
 */
GRP_API grp_id grp_event_entity_id(const grp_event *e);
/**
 * Free an event. NULL-safe.
 * @param e the event to free, or NULL
 */
GRP_API void grp_event_free(grp_event *e);

/**
 * The highest sequence number in the store (0 if none).
 * @param[out] out the sequence number
 * @param store the store
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_events_last_seq(int64_t *out, grp_store *store);

/**
 * Delete events up to and including @p up_to_seq (the system actor only).
 * Sequence numbers are never reused.
 * @param[out] pruned_out if not NULL, how many were deleted
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param up_to_seq the highest sequence number to delete
 * @return 0; GRP_EACCESS; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_events_prune(size_t *pruned_out, grp_store *store, const grp_actor *actor, int64_t up_to_seq);

/**
 * Append GRP_EVENT_GOAL_DUE_SOON for active goals whose target date (or an
 * undone step's due date) falls in [today, today + window_days], and
 * GRP_EVENT_GOAL_OVERDUE for those before today; each goal, step and kind
 * at most once ever. Call it from the host's daily job.
 * @param[out] emitted_out if not NULL, how many events were appended
 * @param store the store
 * @param today the host's current date
 * @param window_days how many days ahead a due date counts as soon (0..366)
 * @return 0; GRP_EINVAL (window_days outside 0..366).
 * @since 0.1
 */
GRP_API int grp_events_emit_due(size_t *emitted_out, grp_store *store, grp_date today, int window_days);

/**
 * Called after a commit for each event it appended, in order. The
 * callback's return value is ignored: a failing callback never undoes the
 * committed change. It must not call back into the same store handle.
 */
typedef void (*grp_event_callback)(const grp_event *event, void *payload);

/**
 * Register (or, with NULL, remove) the store's event callback.
 * @param store the store
 * @param cb the callback, or NULL to remove it
 * @param payload passed to @p cb
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_store_set_event_callback(grp_store *store, grp_event_callback cb, void *payload);

/* ---- reminders and warnings ---------------------------------------------------- */

/** One row of a reminder query. Owned: grp_reminder_free(). Which fields
 *  are set depends on the query (see each function). */
typedef struct grp_reminder grp_reminder;
/** An iterator over reminder rows. */
typedef struct grp_reminder_iterator grp_reminder_iterator;

/**
 * Sessions of every group starting in [from, to), not cancelled, each with
 * the people expected at it: members on its local date and facilitators.
 * Rows set: group, session (id 0 if not stored), start, start_local,
 * timezone, person ids. In start order.
 * @param[out] out the new iterator; free with grp_reminder_iterator_free()
 * @param store the store
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @return 0; GRP_EINVAL (from > to, a span over a year).
 * @since 0.1
 */
GRP_API int grp_reminders_sessions(grp_reminder_iterator **out, grp_store *store, grp_time from, grp_time to);

/**
 * Low-engagement warnings: members whose attendance over their last
 * @p last_n expected sessions before @p now (sessions held, with something
 * recorded) fell under @p threshold. For the group's facilitators and the
 * system only (not the organisation): other actors get an empty list.
 * Rows set: group, person, expected, attended, rate.
 * @param group_id one group, or 0 for every group the actor facilitates
 * @param[out] out the new iterator; free with grp_reminder_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param last_n how many of the latest expected sessions to count (at least 1)
 * @param threshold attendance rate below which a member is listed, 0..1
 * @param now the current time
 * @return 0; GRP_EINVAL (last_n < 1, threshold outside 0..1).
 * @since 0.1
 */
GRP_API int grp_reminders_low_engagement(grp_reminder_iterator **out, grp_store *store, const grp_actor *actor,
                                         grp_id group_id, int last_n, double threshold, grp_time now);

/**
 * Goals and undone steps of active goals due in [from, to], and those
 * overdue before @p from, that @p actor may read. Rows set: goal, person
 * (owner), step (0 for the goal's target), due, overdue flag.
 * @param[out] out the new iterator; free with grp_reminder_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param from first date of the period (inclusive)
 * @param to last date of the period (inclusive)
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_reminders_goals_due(grp_reminder_iterator **out, grp_store *store, const grp_actor *actor,
                                    grp_date from, grp_date to);

/**
 * Feedback not yet given: for sessions held in the @p days before @p now,
 * the members expected who have not responded (anonymous answers are not
 * revealed: only whether someone responded). Visible to the system, the
 * group's facilitators, and each person for themselves. Rows set: group,
 * session, start, person.
 * @param[out] out the new iterator; free with grp_reminder_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param now the current time
 * @param days how many days back to look, 1..366
 * @return 0; GRP_EINVAL (days outside 1..366).
 * @since 0.1
 */
GRP_API int grp_reminders_feedback_pending(grp_reminder_iterator **out, grp_store *store, const grp_actor *actor,
                                           grp_time now, int days);

/**
 * Groups (active or forming, not archived) whose next session after
 * @p now expects fewer members than the quorum. Rows set: group, session,
 * start, expected, quorum.
 * @param[out] out the new iterator; free with grp_reminder_iterator_free()
 * @param store the store
 * @param now the current time
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_reminders_under_quorum(grp_reminder_iterator **out, grp_store *store, grp_time now);

/**
 * Groups with free seats on @p date and people on their waitlist. Rows
 * set: group, free_seats, waiting.
 * @param[out] out the new iterator; free with grp_reminder_iterator_free()
 * @param store the store
 * @param date the date to look at
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_reminders_waitlist(grp_reminder_iterator **out, grp_store *store, grp_date date);

/**
 * The next row (free with grp_reminder_free()).
 * @param[out] out the new reminder; free with grp_reminder_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_reminder_iterator_next(grp_reminder **out, grp_reminder_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_reminder_iterator_free(grp_reminder_iterator *it);

/**
 * Group, or 0.
 * @param r the reminder
 * @return group, or 0
 */
GRP_API grp_id grp_reminder_group_id(const grp_reminder *r);
/**
 * Session id, or 0.
 * @param r the reminder
 * @return session id, or 0
 */
GRP_API grp_id grp_reminder_session_id(const grp_reminder *r);
/**
 * Session start instant, or 0.
 * @param r the reminder
 * @return session start instant, or 0
 */
GRP_API grp_time grp_reminder_start(const grp_reminder *r);
/**
 * Session local start (zero if not a session row).
 * @param r the reminder
 * @return session local start (zero if not a session row)
 */
GRP_API grp_datetime grp_reminder_start_local(const grp_reminder *r);
/**
 * The session's time zone, or NULL (borrowed).
 * @param r the reminder
 * @return the session's time zone, or NULL (borrowed)
 */
GRP_API const char *grp_reminder_timezone(const grp_reminder *r);
/**
 * The person concerned, or 0.
 * @param r the reminder
 * @return the person concerned, or 0
 */
GRP_API grp_id grp_reminder_person_id(const grp_reminder *r);
/**
 * Number of people listed (session reminders).
 * @param r the reminder
 * @return number of people listed (session reminders)
 */
GRP_API size_t grp_reminder_person_count(const grp_reminder *r);
/**
 * Person @p i of the list, 0 if out of range.
 * @param r the reminder
 * @param i index, from 0
 * @return person @p i of the list, 0 if out of range
 */
GRP_API grp_id grp_reminder_person(const grp_reminder *r, size_t i);
/**
 * Goal, or 0.
 * @param r the reminder
 * @return goal, or 0
 */
GRP_API grp_id grp_reminder_goal_id(const grp_reminder *r);
/**
 * Goal step, or 0.
 * @param r the reminder
 * @return goal step, or 0
 */
GRP_API grp_id grp_reminder_step_id(const grp_reminder *r);
/**
 * Due date, or unset.
 * @param r the reminder
 * @return due date, or unset
 */
GRP_API grp_date grp_reminder_due(const grp_reminder *r);
/**
 * 1 if overdue.
 * @param r the reminder
 * @return 1 if overdue
 */
GRP_API int grp_reminder_overdue(const grp_reminder *r);
/**
 * Sessions expected at (engagement) or members expected (quorum).
 * @param r the reminder
 * @return sessions expected at (engagement) or members expected (quorum)
 */
GRP_API int grp_reminder_expected(const grp_reminder *r);
/**
 * Sessions attended (engagement).
 * @param r the reminder
 * @return sessions attended (engagement)
 */
GRP_API int grp_reminder_attended(const grp_reminder *r);
/**
 * attended / expected (engagement).
 * @param r the reminder
 * @return attended / expected (engagement)
 */
GRP_API double grp_reminder_rate(const grp_reminder *r);
/**
 * The group's quorum (quorum rows).
 * @param r the reminder
 * @return the group's quorum (quorum rows)
 */
GRP_API int grp_reminder_quorum(const grp_reminder *r);
/**
 * Free seats (waitlist rows).
 * @param r the reminder
 * @return free seats (waitlist rows)
 */
GRP_API int grp_reminder_free_seats(const grp_reminder *r);
/**
 * People waiting (waitlist rows).
 * @param r the reminder
 * @return people waiting (waitlist rows)
 */
GRP_API int grp_reminder_waiting(const grp_reminder *r);
/**
 * Free a row. NULL-safe.
 * @param r the reminder to free, or NULL
 */
GRP_API void grp_reminder_free(grp_reminder *r);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_EVENTS_H */
