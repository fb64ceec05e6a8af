/**
 * @file libgrp/attendance.h
 * @brief Attendance per session and person, and attendance rates.
 */
#ifndef LIBGRP_ATTENDANCE_H
#define LIBGRP_ATTENDANCE_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A snapshot of one attendance record. Owned: grp_attendance_free(). */
typedef struct grp_attendance grp_attendance;
/** An iterator over attendance records. */
typedef struct grp_attendance_iterator grp_attendance_iterator;

/** What happened for one person at one session. */
typedef enum grp_attendance_status {
    GRP_ATTEND_NOT_RECORDED = 0, /**< nothing recorded (also the value for absent rows) */
    GRP_ATTEND_PRESENT = 1,      /**< attended the whole session */
    GRP_ATTEND_LATE = 2,         /**< attended, arrived late */
    GRP_ATTEND_LEFT_EARLY = 3,   /**< attended, left early */
    GRP_ATTEND_ABSENT = 4,       /**< did not attend, no apologies */
    GRP_ATTEND_APOLOGIES = 5     /**< did not attend, apologies sent in advance */
} grp_attendance_status;

/**
 * Record (or re-record) attendance of @p person_id at @p session_id. The
 * person must have been a member or facilitator of the group on the
 * session's local date. Recording any status other than not-recorded marks
 * a scheduled session as held.
 * @param minutes attended minutes: -1 for the whole session when attended
 *        (present) and 0 when not (absent, apologies, not recorded);
 *        otherwise 0..the session's length
 * @param recorded_by who recorded it (a person id), or 0
 * @param store the store
 * @param session_id the session's id
 * @param person_id the person's id
 * @param status what happened
 * @return 0; GRP_EINVAL (status out of range, minutes out of range, minutes
 *         above 0 for someone who did not attend); GRP_ENOTFOUND (session,
 *         person or recorder); GRP_ESTATE (session cancelled or marked not
 *         held); GRP_EINVAL also when the person was not in the group on
 *         the session's date ("person 12 was not a member or facilitator
 *         of group 'X' on 2026-03-03"). Re-recording replaces the record.
 * @since 0.1
 */
GRP_API int grp_attendance_record(grp_store *store, grp_id session_id, grp_id person_id,
                                  grp_attendance_status status, int minutes, grp_id recorded_by);

/**
 * Load one record.
 * @param[out] out the new attendance record; free with grp_attendance_free()
 * @param store the store
 * @param session_id the session's id
 * @param person_id the person's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (nothing recorded).
 * @since 0.1
 */
GRP_API int grp_attendance_get(grp_attendance **out, grp_store *store, grp_id session_id,
                               grp_id person_id);

/**
 * The records of one session, in person id order.
 * @param[out] out the new iterator; free with grp_attendance_iterator_free()
 * @param store the store
 * @param session_id the session's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (session).
 * @since 0.1
 */
GRP_API int grp_attendance_iterator_new(grp_attendance_iterator **out, grp_store *store,
                                        grp_id session_id);
/**
 * The next record (free with grp_attendance_free()).
 * @param[out] out the new attendance record; free with grp_attendance_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_attendance_iterator_next(grp_attendance **out, grp_attendance_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_attendance_iterator_free(grp_attendance_iterator *it);

/**
 * Session id.
 * @param a the attendance record
 * @return session id
 */
GRP_API grp_id grp_attendance_session_id(const grp_attendance *a);
/**
 * Person id.
 * @param a the attendance record
 * @return person id
 */
GRP_API grp_id grp_attendance_person_id(const grp_attendance *a);
/**
 * Status.
 * @param a the attendance record
 * @return status
 */
GRP_API grp_attendance_status grp_attendance_status_of(const grp_attendance *a);
/**
 * Attended minutes.
 * @param a the attendance record
 * @return attended minutes
 */
GRP_API int grp_attendance_minutes(const grp_attendance *a);
/**
 * Recorder's person id, or 0.
 * @param a the attendance record
 * @return recorder's person id, or 0
 */
GRP_API grp_id grp_attendance_recorded_by(const grp_attendance *a);
/**
 * When it was recorded.
 * @param a the attendance record
 * @return when it was recorded
 */
GRP_API grp_time grp_attendance_recorded_at(const grp_attendance *a);
/**
 * Free a record. NULL-safe.
 * @param a the attendance record to free, or NULL
 */
GRP_API void grp_attendance_free(grp_attendance *a);
/**
 * Lower-case word for a status ("present", "apologies", ...), or NULL.
 * @param status the value
 * @return lower-case word for a status ("present", "apologies", ...), or NULL
 */
GRP_API const char *grp_attendance_status_name(grp_attendance_status status);

/**
 * Attendance figures of one person, or of a whole group, over a period.
 * Counted over the sessions each member was expected at: sessions of the
 * group in the period that were not cancelled or marked not held, on whose
 * local date the person was a member (role member). Joiners and leavers are
 * counted only for their own dates.
 */
typedef struct grp_attendance_stats {
    int expected;     /**< sessions expected at (per person, summed over members for a group) */
    int attended;     /**< present, late or left early */
    int apologies;    /**< apologies sent */
    int absent;       /**< absent without apologies */
    int not_recorded; /**< expected but nothing recorded */
    double attendance_rate; /**< attended / (expected - not_recorded); 0 when nothing is recorded */
    double commitment_rate; /**< (attended + apologies) / (expected - not_recorded); 0 when nothing is recorded */
} grp_attendance_stats;

/**
 * Attendance figures for sessions starting in [from, to).
 * @param person_id one member, or 0 for every member of the group
 * @param[out] out the figures
 * @param store the store
 * @param group_id the group's id
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @return 0; GRP_EINVAL (from > to); GRP_ENOTFOUND (group or person).
 * @since 0.1
 */
GRP_API int grp_attendance_stats_get(grp_attendance_stats *out, grp_store *store, grp_id group_id,
                                     grp_id person_id, grp_time from, grp_time to);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_ATTENDANCE_H */
