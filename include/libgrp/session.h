/**
 * @file libgrp/session.h
 * @brief Cadences (RFC 5545 recurrence in a time zone) and the sessions
 *        they produce, with single-session overrides and ad-hoc sessions.
 *
 * A group's cadence is a sequence of segments. Each segment has a
 * recurrence rule, the local date of its first session (DTSTART), a local
 * start time, a duration and an IANA time zone, and is in force from its
 * first date until the next segment starts ("this and following"), so
 * changing the cadence never rewrites past sessions.
 *
 * Sessions are derived from the cadence and stored only when something is
 * attached to them (an override, attendance, a presenter): listing merges
 * the computed occurrences with the stored rows, so there is no horizon to
 * maintain and no duplicates. A session is identified by its group and its
 * occurrence: the local start date and time the cadence gave it (the
 * RFC 5545 RECURRENCE-ID), which does not change when the session moves.
 * grp_session_ensure() gives the stored id of an occurrence, storing it if
 * needed; every per-session call takes that id.
 */
#ifndef LIBGRP_SESSION_H
#define LIBGRP_SESSION_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One segment of a group's cadence. Owned by the caller: grp_cadence_free(). */
typedef struct grp_cadence grp_cadence;
/** An iterator over a group's cadence segments. */
typedef struct grp_cadence_iterator grp_cadence_iterator;
/** A snapshot of one session, computed or stored. Owned: grp_session_free(). */
typedef struct grp_session grp_session;
/** An iterator over sessions. */
typedef struct grp_session_iterator grp_session_iterator;

/** Version of ::grp_cadence_spec. */
#define GRP_CADENCE_SPEC_VERSION 1

/** A cadence segment to set. Strings are borrowed for the call. */
typedef struct grp_cadence_spec {
    unsigned int version;  /**< GRP_CADENCE_SPEC_VERSION */
    const char *rrule;     /**< RFC 5545 RRULE value, e.g. "FREQ=MONTHLY;BYDAY=1TU" (required) */
    grp_date first_date;   /**< local date of the first session; also the segment's start (required) */
    int start_hour;        /**< local start time, 0..23 */
    int start_minute;      /**< 0..59 */
    int duration_minutes;  /**< 1..1440; 0 = the group's default session length */
    const char *timezone;  /**< IANA zone; NULL = the group's time zone */
} grp_cadence_spec;

/** Static initialiser: everything unset, 0 duration (group default). */
#define GRP_CADENCE_SPEC_INIT { GRP_CADENCE_SPEC_VERSION, NULL, {0, 0, 0}, 0, 0, 0, NULL }

/**
 * Initialise @p spec.
 * @param spec the struct to initialise
 * @param version GRP_CADENCE_SPEC_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_cadence_spec_init(grp_cadence_spec *spec, unsigned int version);

/**
 * Set a group's cadence from spec->first_date on. The segment in force
 * before that date ends there; sessions before it are untouched. If the
 * latest segment starts on the same date it is replaced.
 * @param[out] out if not NULL, the new segment (free with grp_cadence_free())
 * @param store the store
 * @param group_id the group's id
 * @param spec the fields of the new record
 * @return 0; GRP_EINVAL (bad rule text is GRP_EPARSE, unsupported rule
 *         parts GRP_EUNSUPPORTED; first_date before the latest segment's
 *         start; unknown zone; a rule whose first occurrence is not on
 *         first_date is accepted: the first session is the rule's first
 *         occurrence on or after it); GRP_ENOTFOUND (group).
 * @since 0.1
 */
GRP_API int grp_cadence_set(grp_cadence **out, grp_store *store, grp_id group_id,
                            const grp_cadence_spec *spec);

/**
 * Stop scheduling a group's sessions from @p date on (the current segment
 * ends there). Ad-hoc sessions are unaffected.
 * @param store the store
 * @param group_id the group's id
 * @param date the date from which no more sessions are scheduled
 * @return 0; GRP_EINVAL (date before the segment's start); GRP_ENOTFOUND
 *         (group, or no cadence in force on that date).
 * @since 0.1
 */
GRP_API int grp_cadence_end(grp_store *store, grp_id group_id, grp_date date);

/**
 * The cadence segment in force on @p date.
 * @param[out] out the new cadence; free with grp_cadence_free()
 * @param store the store
 * @param group_id the group's id
 * @param date a date
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (none in force).
 * @since 0.1
 */
GRP_API int grp_cadence_get(grp_cadence **out, grp_store *store, grp_id group_id, grp_date date);

/**
 * List a group's cadence segments, oldest first.
 * @param[out] out the new iterator; free with grp_cadence_iterator_free()
 * @param store the store
 * @param group_id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (group).
 * @since 0.1
 */
GRP_API int grp_cadence_iterator_new(grp_cadence_iterator **out, grp_store *store, grp_id group_id);
/**
 * The next segment (free with grp_cadence_free()).
 * @param[out] out the new cadence; free with grp_cadence_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_cadence_iterator_next(grp_cadence **out, grp_cadence_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_cadence_iterator_free(grp_cadence_iterator *it);

/**
 * Segment id.
 * @param c the cadence
 * @return segment id
 */
GRP_API grp_id grp_cadence_id(const grp_cadence *c);
/**
 * Group id.
 * @param c the cadence
 * @return group id
 */
GRP_API grp_id grp_cadence_group_id(const grp_cadence *c);
/**
 * The rule in canonical form (borrowed).
 * @param c the cadence
 * @return the rule in canonical form (borrowed)
 */
GRP_API const char *grp_cadence_rrule(const grp_cadence *c);
/**
 * Local date of the first session.
 * @param c the cadence
 * @return local date of the first session
 */
GRP_API grp_date grp_cadence_first_date(const grp_cadence *c);
/**
 * First date on which the next segment is in force, or unset.
 * @param c the cadence
 * @return first date on which the next segment is in force, or unset
 */
GRP_API grp_date grp_cadence_until(const grp_cadence *c);
/**
 * Local start time: hour.
 * @param c the cadence
 * @return local start time: hour
 */
GRP_API int grp_cadence_start_hour(const grp_cadence *c);
/**
 * Local start time: minute.
 * @param c the cadence
 * @return local start time: minute
 */
GRP_API int grp_cadence_start_minute(const grp_cadence *c);
/**
 * Session length in minutes.
 * @param c the cadence
 * @return session length in minutes
 */
GRP_API int grp_cadence_duration(const grp_cadence *c);
/**
 * IANA time zone (borrowed).
 * @param c the cadence
 * @return IANA time zone (borrowed)
 */
GRP_API const char *grp_cadence_timezone(const grp_cadence *c);
/**
 * Free a segment. NULL-safe.
 * @param c the cadence to free, or NULL
 */
GRP_API void grp_cadence_free(grp_cadence *c);

/** Status of a session. */
typedef enum grp_session_status {
    GRP_SESSION_SCHEDULED = 0, /**< planned (possibly moved) */
    GRP_SESSION_CANCELLED = 1, /**< cancelled in advance */
    GRP_SESSION_NOT_HELD = 2,  /**< marked afterwards as "did not take place" */
    GRP_SESSION_HELD = 3       /**< took place (set when attendance is recorded, or explicitly) */
} grp_session_status;

/**
 * The stored id of a group's occurrence, storing the session if needed.
 * @param occurrence the local start the cadence gives the session
 * @param[out] out the session id
 * @param store the store
 * @param group_id the group's id
 * @return 0; GRP_EINVAL (invalid date-time); GRP_ENOTFOUND (group, or no
 *         such occurrence in the group's cadence).
 * @since 0.1
 */
GRP_API int grp_session_ensure(grp_id *out, grp_store *store, grp_id group_id, grp_datetime occurrence);

/**
 * Add an ad-hoc session (not from the cadence).
 * @param start local start in the group's time zone
 * @param duration_minutes 1..1440, or 0 for the group's default
 * @param[out] out if not NULL, the new session id
 * @param store the store
 * @param group_id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (group).
 * @since 0.1
 */
GRP_API int grp_session_add(grp_id *out, grp_store *store, grp_id group_id, grp_datetime start,
                            int duration_minutes);

/**
 * Cancel a session in advance. A reason is optional.
 * @param store the store
 * @param session_id the session's id
 * @param reason why, or NULL
 * @return 0; GRP_ENOTFOUND; GRP_ESTATE (attendance already recorded).
 * @since 0.1
 */
GRP_API int grp_session_cancel(grp_store *store, grp_id session_id, const char *reason);

/**
 * Set a session's status (scheduled, cancelled, not held, held). Setting
 * cancelled or not held is refused while attendance is recorded for it.
 * @param store the store
 * @param session_id the session's id
 * @param status the new status
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND; GRP_ESTATE.
 * @since 0.1
 */
GRP_API int grp_session_set_status(grp_store *store, grp_id session_id, grp_session_status status);

/**
 * Move a session to a new local start (and optionally length). Its
 * occurrence (RECURRENCE-ID) stays the same.
 * @param duration_minutes 1..1440, or 0 to keep the current length
 * @param store the store
 * @param session_id the session's id
 * @param new_start the new local start (in the session's time zone)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_session_move(grp_store *store, grp_id session_id, grp_datetime new_start,
                             int duration_minutes);

/**
 * Change the place and/or link of one session; NULL keeps the group's.
 * @param store the store
 * @param session_id the session's id
 * @param location the room, or NULL for the group's
 * @param meeting_link the meeting link, or NULL for the group's
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_session_set_place(grp_store *store, grp_id session_id, const char *location,
                                  const char *meeting_link);

/**
 * Load a session by id.
 * @param[out] out the new session; free with grp_session_free()
 * @param store the store
 * @param session_id the session's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_session_get(grp_session **out, grp_store *store, grp_id session_id);

/**
 * The first session of a group that starts at or after @p after and is
 * not cancelled or marked not held.
 * @param[out] out the new session; free with grp_session_free()
 * @param store the store
 * @param group_id the group's id
 * @param after the earliest start
 * @return 0; GRP_ENOTFOUND (none within the next 20 years); GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_session_next(grp_session **out, grp_store *store, grp_id group_id, grp_time after);

/**
 * Sessions of a group starting in [from, to), in start order: computed
 * occurrences merged with stored rows (moved, cancelled, ad hoc).
 * @param[out] out the new iterator; free with grp_session_iterator_free()
 * @param store the store
 * @param group_id the group's id
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @return 0; GRP_EINVAL (from > to, or a span over 100 years); GRP_ENOTFOUND (group).
 * @since 0.1
 */
GRP_API int grp_session_iterator_new(grp_session_iterator **out, grp_store *store, grp_id group_id,
                                     grp_time from, grp_time to);

/**
 * Sessions in [from, to) of every group @p person_id is expected at: a
 * member or facilitator on the session's local date. Cancelled sessions
 * are left out.
 * @param[out] out the new iterator; free with grp_session_iterator_free()
 * @param store the store
 * @param person_id the person's id
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (person).
 * @since 0.1
 */
GRP_API int grp_session_iterator_for_person(grp_session_iterator **out, grp_store *store,
                                            grp_id person_id, grp_time from, grp_time to);
/**
 * The next session (free with grp_session_free()).
 * @param[out] out the new session; free with grp_session_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_session_iterator_next(grp_session **out, grp_session_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_session_iterator_free(grp_session_iterator *it);

/**
 * Stored id, or 0 for an occurrence not stored yet.
 * @param s the session
 * @return stored id, or 0 for an occurrence not stored yet
 */
GRP_API grp_id grp_session_id(const grp_session *s);
/**
 * Group id.
 * @param s the session
 * @return group id
 */
GRP_API grp_id grp_session_group_id(const grp_session *s);
/**
 * Cadence segment id, 0 for an ad-hoc session.
 * @param s the session
 * @return cadence segment id, 0 for an ad-hoc session
 */
GRP_API grp_id grp_session_cadence_id(const grp_session *s);
/**
 * The occurrence (RECURRENCE-ID, local); unset fields for an ad-hoc session.
 * @param s the session
 * @return the occurrence (RECURRENCE-ID, local); unset fields for an ad-hoc session
 */
GRP_API grp_datetime grp_session_occurrence(const grp_session *s);
/**
 * Local start (after any move).
 * @param s the session
 * @return local start (after any move)
 */
GRP_API grp_datetime grp_session_start_local(const grp_session *s);
/**
 * Start instant.
 * @param s the session
 * @return start instant
 */
GRP_API grp_time grp_session_start(const grp_session *s);
/**
 * End instant.
 * @param s the session
 * @return end instant
 */
GRP_API grp_time grp_session_end(const grp_session *s);
/**
 * Length in minutes.
 * @param s the session
 * @return length in minutes
 */
GRP_API int grp_session_duration(const grp_session *s);
/**
 * Status.
 * @param s the session
 * @return status
 */
GRP_API grp_session_status grp_session_status_of(const grp_session *s);
/**
 * 1 if moved from its occurrence.
 * @param s the session
 * @return 1 if moved from its occurrence
 */
GRP_API int grp_session_moved(const grp_session *s);
/**
 * 1 for an ad-hoc session.
 * @param s the session
 * @return 1 for an ad-hoc session
 */
GRP_API int grp_session_adhoc(const grp_session *s);
/**
 * Location (this session's, else the group's), or NULL (borrowed).
 * @param s the session
 * @return location (this session's, else the group's), or NULL (borrowed)
 */
GRP_API const char *grp_session_location(const grp_session *s);
/**
 * Meeting link (this session's, else the group's), or NULL (borrowed).
 * @param s the session
 * @return meeting link (this session's, else the group's), or NULL (borrowed)
 */
GRP_API const char *grp_session_meeting_link(const grp_session *s);
/**
 * Cancellation reason, or NULL (borrowed).
 * @param s the session
 * @return cancellation reason, or NULL (borrowed)
 */
GRP_API const char *grp_session_reason(const grp_session *s);
/**
 * IANA time zone of the session (borrowed).
 * @param s the session
 * @return IANA time zone of the session (borrowed)
 */
GRP_API const char *grp_session_timezone(const grp_session *s);
/**
 * Members (not facilitators) expected: members on the session's local date.
 * @param s the session
 * @return members (not facilitators) expected: members on the session's local date
 */
GRP_API int grp_session_expected(const grp_session *s);
/**
 * 1 if fewer members are expected than the group's quorum.
 * @param s the session
 * @return 1 if fewer members are expected than the group's quorum
 */
GRP_API int grp_session_under_quorum(const grp_session *s);
/**
 * Free a session. NULL-safe.
 * @param s the session to free, or NULL
 */
GRP_API void grp_session_free(grp_session *s);
/**
 * Lower-case word for a status ("scheduled", "cancelled", "not_held", "held"), or NULL.
 * @param status the value
 * @return lower-case word for a status ("scheduled", "cancelled", "not_held", "held"), or NULL
 */
GRP_API const char *grp_session_status_name(grp_session_status status);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_SESSION_H */
