/**
 * @file libgrp/report.h
 * @brief Reports: attendance, supervision hours, goal progress, feedback
 *        and membership changes as tables, written as CSV or JSON.
 *
 * A report is an immutable table built in one call from the store: a kind,
 * a title, named and typed columns, and rows of cells. Every cell is text
 * (or NULL for "no value"), so a report reads the same from C, from a
 * binding, as CSV and as JSON. Columns carry a type that says how to read
 * the text and how JSON writes it (::grp_report_column_type).
 *
 * Reports are built only from what the public API returns, and every
 * builder takes an actor and applies the read rules of <libgrp/access.h>:
 * a report the actor may not read at all fails with GRP_EACCESS; rows the
 * actor may not see are left out, and how many were left out is not
 * revealed. Each builder says who may read what.
 *
 * @par Numbers
 * Integers are written in decimal. Rates and means are written with at
 * most four decimals, rounded half up, without trailing zeros ("0.75",
 * "0.6667", "1"), computed from whole counts so that the text never
 * depends on the process's locale or on floating-point printing. Ids are
 * decimal text and JSON writes them as strings: 64-bit ids do not survive
 * a trip through a double.
 *
 * @par Iteration
 * grp_report_row_count() and grp_report_cell() give direct access. For
 * bindings and loops, grp_report_iterator_new() yields each row in order
 * as a small ::grp_report_row object. Iterators and rows hold a reference
 * to their report: freeing the report, its iterators and its rows in any
 * order is safe.
 *
 * @par Threading
 * Building a report uses its ::grp_store (one thread at a time per
 * handle). A finished report is immutable and does not refer to the store:
 * it may be read, iterated and written from several threads at once, and
 * outlives the store.
 */
#ifndef LIBGRP_REPORT_H
#define LIBGRP_REPORT_H

#include "common.h"
#include "store.h"
#include "access.h"
#include "feedback.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A finished report. Owned: grp_report_free(). */
typedef struct grp_report grp_report;
/** An iterator over the rows of a report. Owned: grp_report_iterator_free(). */
typedef struct grp_report_iterator grp_report_iterator;
/** One row of a report, yielded by an iterator. Owned: grp_report_row_free(). */
typedef struct grp_report_row grp_report_row;

/** What a report reports. */
typedef enum grp_report_kind {
    GRP_REPORT_ATTENDANCE = 1,        /**< grp_report_attendance() */
    GRP_REPORT_ATTENDANCE_ORG = 2,    /**< grp_report_attendance_org() */
    GRP_REPORT_HOURS = 3,             /**< grp_report_hours() */
    GRP_REPORT_GOALS = 4,             /**< grp_report_goals() */
    GRP_REPORT_FEEDBACK = 5,          /**< grp_report_feedback() */
    GRP_REPORT_MEMBERSHIP_CHANGES = 6 /**< grp_report_membership_changes() */
} grp_report_kind;

/** How to read a column's cells. A NULL cell means "no value" in any column. */
typedef enum grp_report_column_type {
    GRP_REPORT_COL_TEXT = 0,    /**< UTF-8 text; JSON string */
    GRP_REPORT_COL_ID = 1,      /**< a positive entity id in decimal; JSON string */
    GRP_REPORT_COL_INTEGER = 2, /**< a decimal integer, possibly negative; JSON number */
    GRP_REPORT_COL_DECIMAL = 3, /**< a non-negative decimal with at most four decimals; JSON number */
    GRP_REPORT_COL_BOOLEAN = 4, /**< "true" or "false"; JSON true/false */
    GRP_REPORT_COL_DATE = 5     /**< an ISO 8601 date "YYYY-MM-DD"; JSON string */
} grp_report_column_type;

/* ---- reading a report ------------------------------------------------------ */

/**
 * The report's kind (0 if @p r is NULL).
 * @param r the report
 * @return the report's kind (0 if @p r is NULL)
 * @since 0.1
 */
GRP_API grp_report_kind grp_report_kind_of(const grp_report *r);

/** The report's title, e.g. "Attendance: Monthly GRP, 2026-01-01T00:00:00Z to
 *  2026-07-01T00:00:00Z" (borrowed, lives as long as @p r; NULL if @p r is
 *  NULL).
 * @param r the report
 * @return the report's title (borrowed)
 * @since 0.1
 */
GRP_API const char *grp_report_title(const grp_report *r);

/**
 * Number of columns (0 if @p r is NULL).
 * @param r the report
 * @return number of columns (0 if @p r is NULL)
 * @since 0.1
 */
GRP_API size_t grp_report_column_count(const grp_report *r);

/** Name of column @p col, e.g. "attendance_rate" (static string), or NULL
 *  if out of range. Names are lower-case ASCII and unique in a report.
 * @param r the report
 * @param col column index, from 0
 * @return the column name (a static string), or NULL if @p col is out of range
 * @since 0.1
 */
GRP_API const char *grp_report_column_name(const grp_report *r, size_t col);

/**
 * Type of column @p col; GRP_REPORT_COL_TEXT if out of range.
 * @param r the report
 * @param col column index, from 0
 * @return type of column @p col; GRP_REPORT_COL_TEXT if out of range
 * @since 0.1
 */
GRP_API grp_report_column_type grp_report_column_type_of(const grp_report *r, size_t col);

/**
 * The index of the column named @p name.
 * @param[out] out the column index
 * @param r the report
 * @param name a column name
 * @return 0; GRP_EINVAL (NULL argument); GRP_ENOTFOUND (no such column).
 * @since 0.1
 */
GRP_API int grp_report_column_find(size_t *out, const grp_report *r, const char *name);

/**
 * Number of rows (0 if @p r is NULL).
 * @param r the report
 * @return number of rows (0 if @p r is NULL)
 * @since 0.1
 */
GRP_API size_t grp_report_row_count(const grp_report *r);

/**
 * The text of one cell.
 * @param r the report
 * @param row row index, from 0
 * @param col column index, from 0
 * @return borrowed, lives as long as @p r; NULL when the cell has no value
 *         (or @p row / @p col is out of range: compare with the counts to
 *         tell the two apart).
 * @since 0.1
 */
GRP_API const char *grp_report_cell(const grp_report *r, size_t row, size_t col);

/**
 * Free a report. NULL-safe. Iterators and rows obtained from it stay
 * usable until they are freed themselves.
 * @param r the report to free, or NULL
 * @since 0.1
 */
GRP_API void grp_report_free(grp_report *r);

/** Lower-case word for a kind ("attendance", "attendance_org", "hours",
 *  "goals", "feedback", "membership_changes"), or NULL.
 * @param kind the value
 * @return a static string, or NULL if @p kind is out of range
 * @since 0.1
 */
GRP_API const char *grp_report_kind_name(grp_report_kind kind);

/** Lower-case word for a column type ("text", "id", "integer", "decimal",
 *  "boolean", "date"), or NULL.
 * @param type the value
 * @return a static string, or NULL if @p type is out of range
 * @since 0.1
 */
GRP_API const char *grp_report_column_type_name(grp_report_column_type type);

/* ---- iterating ------------------------------------------------------------- */

/**
 * Iterate over the rows of @p r, first to last.
 * @param[out] out the iterator (free with grp_report_iterator_free()); it
 *             keeps @p r alive
 * @param r the report
 * @return 0; GRP_EINVAL (NULL argument); GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_report_iterator_new(grp_report_iterator **out, const grp_report *r);

/**
 * The next row.
 * @param[out] out the row (free with grp_report_row_free()); it keeps the
 *             report alive
 * @param it the iterator
 * @return 0; GRP_ITEROVER after the last row; GRP_EINVAL; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_report_iterator_next(grp_report_row **out, grp_report_iterator *it);

/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 * @since 0.1
 */
GRP_API void grp_report_iterator_free(grp_report_iterator *it);

/**
 * The row's index in its report (0-based; 0 if @p row is NULL).
 * @param row the report row
 * @return the row's index in its report (0-based; 0 if @p row is NULL)
 * @since 0.1
 */
GRP_API size_t grp_report_row_index(const grp_report_row *row);

/**
 * Number of cells in the row, the report's column count.
 * @param row the report row
 * @return number of cells in the row, the report's column count
 * @since 0.1
 */
GRP_API size_t grp_report_row_cell_count(const grp_report_row *row);

/** Cell @p col of the row (borrowed, lives as long as @p row), NULL for no
 *  value or out of range.
 * @param row the row
 * @param col column index, from 0
 * @return the cell text (borrowed), or NULL
 * @since 0.1
 */
GRP_API const char *grp_report_row_cell(const grp_report_row *row, size_t col);

/**
 * Free a row. NULL-safe.
 * @param row the report row to free, or NULL
 * @since 0.1
 */
GRP_API void grp_report_row_free(grp_report_row *row);

/* ---- writing --------------------------------------------------------------- */

/**
 * Write @p r as CSV (RFC 4180): a header row of the column names, then one
 * record per row; fields separated by commas; every record ends in CRLF;
 * UTF-8 with no byte-order mark. A field is enclosed in double quotes when
 * it contains a comma, a double quote, CR or LF, and a double quote inside
 * it is doubled. A NULL cell is an empty field and an empty text is a
 * quoted empty field (""), so a reader can tell them apart (except that a
 * record of a single NULL field is written as "" so that it is not an
 * empty line). Values are written as stored: a spreadsheet may read a
 * text beginning with '=', '+', '-' or '@' as a formula.
 * @param[out] out NUL-terminated text; free with grp_free()
 * @param r the report
 * @return 0; GRP_EINVAL (NULL argument); GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_report_write_csv(char **out, const grp_report *r);

/**
 * Write @p r as JSON (RFC 8259): an array with one object per row, keyed
 * by column name in column order. NULL cells are null; integer and decimal
 * columns are numbers; boolean columns are true/false; text, id and date
 * columns are strings. One row object per line; the text ends with a
 * newline ("[]\n" for no rows).
 * @param[out] out NUL-terminated UTF-8 text; free with grp_free()
 * @param r the report
 * @return 0; GRP_EINVAL (NULL argument); GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_report_write_json(char **out, const grp_report *r);

/* ---- building -------------------------------------------------------------- */

/**
 * Attendance of each member of a group over the sessions starting in
 * [@p from, @p to), and of the whole group.
 *
 * One row per person who was a member (role member) of the group on at
 * least one local date of the period, in person id order, with the
 * figures of grp_attendance_stats_get() for that person: joiners and
 * leavers are counted only for their own dates; cancelled sessions and
 * sessions marked not held are not counted. A final row gives the whole
 * group. Facilitators have no rows (they are not expected as members).
 *
 * Columns: row_type ("member" or "group"), group_id, group (name),
 * person_id, person (display name; both NULL on the group row), expected,
 * attended, apologies, absent, not_recorded (integers), attendance_rate =
 * attended / (expected - not_recorded) and commitment_rate = (attended +
 * apologies) / (expected - not_recorded) (decimals; NULL, not 0, when
 * nothing was recorded).
 *
 * Readable by the system, by anyone who is or was a member or facilitator
 * of the group, and by the administrators of its organisation.
 * @param[out] out the report (free with grp_report_free())
 * @param actor who is asking
 * @param from start of the period (inclusive), 1..9999 years
 * @param to end of the period (exclusive), not before @p from
 * @param store the store
 * @param group_id the group's id
 * @return 0; GRP_EINVAL (NULL argument, bad actor, id not positive, @p from
 *         after @p to, instant out of range); GRP_ENOTFOUND (group, or the
 *         actor's person); GRP_EACCESS; GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_report_attendance(grp_report **out, grp_store *store, const grp_actor *actor, grp_id group_id,
                                  grp_time from, grp_time to);

/**
 * Attendance across the groups of an organisation (archived ones
 * included), in group id order: for each group the actor may read (see
 * grp_report_attendance()), its member rows and its "group" row; then, for
 * the system and the organisation's administrators only (who read every
 * group), a last row with row_type "organisation" summing the groups
 * (group_id, group, person_id and person NULL). Same columns as
 * grp_report_attendance().
 *
 * Readable by the system, the organisation's administrators, and people
 * who are or were members or facilitators of at least one of its groups
 * (who get those groups only).
 * @param[out] out the report (free with grp_report_free())
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param org_id the organisation's id
 * @param from start of the period (inclusive), as in grp_report_attendance()
 * @param to end of the period (exclusive)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (organisation, or the actor's
 *         person); GRP_EACCESS; GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_report_attendance_org(grp_report **out, grp_store *store, const grp_actor *actor, grp_id org_id,
                                      grp_time from, grp_time to);

/**
 * A person's supervision-hours log for dates in [@p from, @p to] (an unset
 * date leaves that end open), by date then entry id, followed by three
 * totals rows: kind "individual", kind "group", and all kinds (kind NULL).
 *
 * Columns: row_type ("entry" or "total"), entry_id, date, group_id, group
 * (name), session_id, kind ("individual"/"group"), minutes, credited,
 * credited_signed (credited if the entry is signed, else 0), signed_by,
 * signed_on, corrects (the entry a correction corrects), note. On totals
 * rows only row_type, kind, minutes, credited and credited_signed are set,
 * summed over the entry rows of the report (corrections included).
 *
 * Hours are the person's professional record. Readable in full by the
 * person and the system. A facilitator or co-facilitator (present or
 * past) of a group the person is or was in, or someone who signed one of
 * the person's entries, sees the entries of the groups they facilitate(d)
 * and the entries they signed, and totals over those. Organisation
 * administrators have no access as such: the access table gives them
 * membership, attendance and aggregates, not a person's log.
 * @param[out] out the report (free with grp_report_free())
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param person_id the person's id
 * @param from first date of the period (inclusive)
 * @param to last date of the period (inclusive)
 * @return 0; GRP_EINVAL (NULL argument, bad actor or id, invalid date,
 *         @p from after @p to); GRP_ENOTFOUND (person or the actor's
 *         person); GRP_EACCESS; GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_report_hours(grp_report **out, grp_store *store, const grp_actor *actor, grp_id person_id,
                             grp_date from, grp_date to);

/**
 * Progress of the goals set in a group, by goal id, as the actor may read
 * them (grp_goal_iterator_new() with the group; unreadable goals are left
 * out).
 *
 * Columns: goal_id, owner_id, owner (display name), title, status,
 * percent (latest progress, NULL if none), steps_done, steps_total,
 * target_date (NULL if none), overdue (boolean: active and its target
 * date, or the due date of a step not done, is before @p as_of, as
 * grp_goal_query.overdue_on decides).
 *
 * Readable by the system and by people who are or were members or
 * facilitators of the group; organisation administrators never read goals
 * (GRP_EACCESS unless they are also in the group).
 * @param as_of the day "overdue" is judged on; unset = today (UTC)
 * @param[out] out the report (free with grp_report_free())
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param group_id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (group or the actor's person);
 *         GRP_EACCESS; GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_report_goals(grp_report **out, grp_store *store, const grp_actor *actor, grp_id group_id,
                             grp_date as_of);

/**
 * Feedback summary over @p scope (see grp_feedback_summary_get()): one row
 * per item of the form, in form order.
 *
 * Columns: item_no (1-based), item (text), responses (responses in scope),
 * expected (responses possible), response_rate (responses / expected; NULL
 * if nobody was expected), answers (ratings given to this item), mean
 * (mean rating of the item; NULL if unanswered), count_1 .. count_5.
 *
 * Cohort suppression applies to the whole report: when the summary is
 * suppressed this fails with GRP_ESUPPRESSED and no report (no numbers) is
 * returned. Readable as the summary is: the system, members and
 * facilitators of the groups concerned, and the organisation's admins.
 * @param[out] out the report (free with grp_report_free())
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param scope what to summarise
 * @return 0; GRP_ESUPPRESSED; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND;
 *         GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_report_feedback(grp_report **out, grp_store *store, const grp_actor *actor,
                                const grp_feedback_scope *scope);

/**
 * Membership changes of a group dated in [@p from, @p to] (an unset date
 * leaves that end open), from its membership history, ordered by date,
 * then stint, then the order of the changes.
 *
 * Columns: date, membership_id, person_id, person (display name), role,
 * change, reason. The change words are those of the change feed
 * (::grp_event_kind without "member_"):
 * - "joined": active from the day asked (facilitators always; a request
 *   approved, or a waitlisting seated, on the very day it was made shows
 *   as joined too);
 * - "requested" / "waitlisted": asked on a day and not active that day;
 * - "approved" / "promoted": became active on a later day;
 * - "declined": a request declined;
 * - "left": ended, or withdrawn before it began.
 * The history keeps one state and three dates per stint, not each step:
 * a stint still requested is "requested", one still waitlisted is
 * "waitlisted"; for a stint that was pending and is now active or left,
 * the group's current membership policy tells the two apart (approval:
 * "requested" then "approved"; otherwise "waitlisted" then "promoted"),
 * and a request approved onto the waitlist shows as "waitlisted". A stint
 * keeps one reason, the last given: it is shown on the stint's latest
 * change only.
 *
 * Readable in full by the system, by anyone who is or was a member or
 * facilitator of the group, and by its organisation's administrators;
 * other people see only their own stints (GRP_EACCESS if they have none).
 * @param[out] out the report (free with grp_report_free())
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param group_id the group's id
 * @param from first date of the period (inclusive)
 * @param to last date of the period (inclusive)
 * @return 0; GRP_EINVAL (NULL argument, bad actor or id, invalid date,
 *         @p from after @p to); GRP_ENOTFOUND (group or the actor's
 *         person); GRP_EACCESS; GRP_ENOMEM; GRP_ESTORAGE.
 * @since 0.1
 */
GRP_API int grp_report_membership_changes(grp_report **out, grp_store *store, const grp_actor *actor,
                                          grp_id group_id, grp_date from, grp_date to);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_REPORT_H */
