/**
 * @file libgrp/rrule.h
 * @brief RFC 5545 recurrence rules (RRULE): parse, print, expand.
 *
 * The supported subset is FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL,
 * COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS and WKST. The other
 * parts of RFC 5545 and RFC 7529 (BYHOUR, BYMINUTE, BYSECOND, BYWEEKNO,
 * BYYEARDAY, FREQ=SECONDLY/MINUTELY/HOURLY, RSCALE, SKIP) are refused with
 * GRP_EUNSUPPORTED.
 *
 * @par Expansion semantics
 * Expansion happens in the local civil time of DTSTART, as RFC 5545 does:
 * every occurrence has DTSTART's time of day, and days that do not exist
 * are skipped (BYMONTHDAY=31 skips April; FREQ=MONTHLY from January 31
 * skips the short months; FREQ=YEARLY from February 29 only occurs in leap
 * years). The BYxxx parts expand or limit the period's set as in the table
 * of RFC 5545 section 3.3.10, BYSETPOS then selects from the period's set.
 * Three points the RFC leaves open are settled as follows:
 * - **DTSTART** is returned as the first occurrence only when it matches
 *   the rule; the series is the rule's expansion from DTSTART on, and COUNT
 *   counts only occurrences so produced. This is what libical's
 *   icalrecur_iterator does (RFC 5545 calls a DTSTART that does not match
 *   its rule "undefined"; a caller that wants DTSTART as an extra instance
 *   adds it itself, as iCalendar components do).
 * - **FREQ=YEARLY with BYMONTHDAY and no BYMONTH** expands BYMONTHDAY in
 *   every month of the year (the table says "Expand"; python-dateutil and
 *   rrule.js agree). libical only uses DTSTART's month there.
 * - **UNTIL given as a DATE** bounds by date: every occurrence on or before
 *   that day is included, whatever its time of day. (RFC 5545 requires
 *   UNTIL to have DTSTART's value type; for an all-day DTSTART at 00:00
 *   this is exactly the RFC's meaning.)
 *
 * Elsewhere libgrp gives the same occurrences as libical 3.0, except where
 * libical departs from RFC 5545: BYSETPOS with FREQ=DAILY or WEEKLY (libical
 * ignores it), a negative BYMONTHDAY with FREQ=DAILY (libical never matches
 * it), the week from which a WEEKLY INTERVAL counts (for some WKST, BYDAY
 * and DTSTART combinations libical starts a week early), and a value listed
 * twice (libical may return that day twice). tests/ical/test_rrule_libical.c
 * documents each difference.
 *
 * A rule that can never produce an occurrence (BYMONTH=2;BYMONTHDAY=30)
 * is accepted and expands to an empty series: the search stops once a
 * whole 400-year Gregorian cycle of periods has produced nothing.
 * Occurrences end with the year 9999.
 *
 * @par Time zones
 * A UNTIL written in UTC ("...Z") is compared with each occurrence's
 * instant in the zone passed to grp_rrule_iterator_new(), as
 * grp_tz_local_to_utc() gives it (a local time that occurs twice counts at
 * its first instant, RFC 5545 3.3.5); with no zone the local times are
 * taken to be UTC (floating time). A local UNTIL compares local times. Occurrences are always
 * returned as local civil times: turn them into instants with
 * grp_tz_local_to_utc(), which also settles local times that fall in a
 * daylight-saving gap or overlap.
 *
 * @par Threading
 * A parsed ::grp_rrule is immutable and may be shared between threads. An
 * iterator must be used by one thread at a time. Iterators copy what they
 * need: the rule and the zone may be freed while an iterator is alive.
 */
#ifndef LIBGRP_RRULE_H
#define LIBGRP_RRULE_H

#include "common.h"
#include "tz.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed recurrence rule. Immutable; thread-safe to share. */
typedef struct grp_rrule grp_rrule;

/** An iterator over the occurrences of a rule from a given DTSTART. */
typedef struct grp_rrule_iterator grp_rrule_iterator;

/** The FREQ of a rule. 0 is never a valid frequency. */
typedef enum grp_rrule_frequency {
    GRP_RRULE_DAILY = 1,   /**< FREQ=DAILY */
    GRP_RRULE_WEEKLY = 2,  /**< FREQ=WEEKLY */
    GRP_RRULE_MONTHLY = 3, /**< FREQ=MONTHLY */
    GRP_RRULE_YEARLY = 4   /**< FREQ=YEARLY */
} grp_rrule_frequency;

/** How a rule's UNTIL was written. */
typedef enum grp_rrule_until_kind {
    GRP_RRULE_UNTIL_NONE = 0,  /**< no UNTIL */
    GRP_RRULE_UNTIL_DATE = 1,  /**< a DATE, "20261231" */
    GRP_RRULE_UNTIL_LOCAL = 2, /**< a local (floating) DATE-TIME, "20261231T170000" */
    GRP_RRULE_UNTIL_UTC = 3    /**< a UTC DATE-TIME, "20261231T170000Z" */
} grp_rrule_until_kind;

/**
 * Parse the value of an RRULE property.
 *
 * An optional leading "RRULE:" is skipped. Part names and values are
 * case-insensitive and the parts may come in any order, each at most once;
 * one trailing ';' is tolerated (several calendar programs write it).
 * Lists are kept sorted and without duplicates, so two texts that mean the
 * same rule parse to rules that grp_rrule_equal() calls equal.
 *
 * @param[out] out new rule; free with grp_rrule_free(). Untouched on error.
 * @param text NUL-terminated rule, e.g. "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"
 * @return 0 on success;
 *         GRP_EINVAL if an argument is NULL;
 *         GRP_EPARSE if the text is malformed or breaks a rule of RFC 5545
 *         (a part given twice, no FREQ, COUNT with UNTIL, a BYDAY ordinal
 *         with FREQ=DAILY or WEEKLY, BYMONTHDAY with FREQ=WEEKLY, BYSETPOS
 *         without another BYxxx part, a value out of range); the message
 *         gives the 0-based position in @p text, e.g.
 *         "RRULE: bad BYDAY value 'XX' at position 23";
 *         GRP_EUNSUPPORTED for a valid part outside the supported subset
 *         (the message names it);
 *         GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_rrule_parse(grp_rrule **out, const char *text);

/**
 * Print a rule in canonical form.
 *
 * The parts come in the order FREQ, INTERVAL (left out when 1), COUNT or
 * UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST (left out when MO),
 * without the "RRULE:" prefix. Numbers in lists are ascending, positive
 * values before negative ones ("1,15,-2,-1"); BYDAY is in weekday order MO
 * to SU, and for each weekday the plain day comes first, then its positive
 * then negative ordinals ("MO,1TU,-1TU,FR"). grp_rrule_parse() of the
 * result gives a rule equal to @p r.
 *
 * @param[out] out new NUL-terminated string; free with grp_free()
 * @param r the rule
 * @return 0; GRP_EINVAL if an argument is NULL; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_rrule_format(char **out, const grp_rrule *r);

/**
 * Whether two rules are the same rule (same parts with the same values,
 * defaults included: INTERVAL=1 and WKST=MO equal their absence; a UTC,
 * a local and a DATE UNTIL are never equal to one another).
 * @param a a rule, or NULL
 * @param b a rule, or NULL
 * @return 1 if equal or both NULL, else 0.
 * @since 0.1
 */
GRP_API int grp_rrule_equal(const grp_rrule *a, const grp_rrule *b);

/**
 * Free a rule. NULL-safe. Iterators made from it stay valid.
 * @param r the rule, or NULL
 * @since 0.1
 */
GRP_API void grp_rrule_free(grp_rrule *r);

/**
 * The rule's FREQ.
 * @param r the rule
 * @return a ::grp_rrule_frequency; 0 if @p r is NULL.
 * @since 0.1
 */
GRP_API grp_rrule_frequency grp_rrule_freq(const grp_rrule *r);

/**
 * The rule's INTERVAL (1 when not given).
 * @param r the rule
 * @return the interval, at least 1; 0 if @p r is NULL.
 * @since 0.1
 */
GRP_API int grp_rrule_interval(const grp_rrule *r);

/**
 * The rule's COUNT.
 * @param r the rule
 * @return the count; 0 if the rule has no COUNT or @p r is NULL.
 * @since 0.1
 */
GRP_API int grp_rrule_count(const grp_rrule *r);

/**
 * The rule's UNTIL, if any.
 * @param[out] out if not NULL and the rule has an UNTIL, its date and time
 *             as written (00:00:00 for a DATE; UTC for
 *             GRP_RRULE_UNTIL_UTC); untouched otherwise
 * @param r the rule
 * @return how UNTIL was written; GRP_RRULE_UNTIL_NONE if there is none or
 *         @p r is NULL.
 * @since 0.1
 */
GRP_API grp_rrule_until_kind grp_rrule_until(grp_datetime *out, const grp_rrule *r);

/**
 * The rule's WKST as an ISO weekday (GRP_MONDAY when not given).
 * @param r the rule
 * @return a ::grp_weekday value 1..7; 0 if @p r is NULL.
 * @since 0.1
 */
GRP_API int grp_rrule_wkst(const grp_rrule *r);

/**
 * Start iterating over the occurrences of @p r from @p dtstart.
 *
 * The iterator copies the rule and everything it needs from @p tz: both
 * may be freed afterwards. Creating it is the only allocation; stepping
 * and seeking never allocate.
 *
 * @param[out] out new iterator; free with grp_rrule_iterator_free()
 * @param r the rule
 * @param dtstart DTSTART as a local civil date and time; every occurrence
 *        has its time of day
 * @param tz the zone of @p dtstart, used only to compare occurrences with
 *        a UTC UNTIL; NULL means floating time (compared as UTC)
 * @return 0; GRP_EINVAL if @p out or @p r is NULL or @p dtstart is not a
 *         valid date and time (or, with @p tz and a UTC UNTIL, if the zone
 *         cannot convert UNTIL); GRP_ENOMEM. @p out is untouched on error.
 * @since 0.1
 */
GRP_API int grp_rrule_iterator_new(grp_rrule_iterator **out, const grp_rrule *r,
                                   grp_datetime dtstart, const grp_tz *tz);

/**
 * The next occurrence, in increasing order.
 * @param[out] out the occurrence's local date and time
 * @param it the iterator
 * @return 0; GRP_ITEROVER when the series has ended (COUNT reached, past
 *         UNTIL, past the year 9999, or a rule that never matches), and on
 *         every later call until the next seek; GRP_EINVAL if an argument
 *         is NULL. GRP_ITEROVER does not change grp_error_last().
 * @since 0.1
 */
GRP_API int grp_rrule_iterator_next(grp_datetime *out, grp_rrule_iterator *it);

/**
 * Move the iterator so that the next call to grp_rrule_iterator_next()
 * returns the first occurrence at or after @p from (or the first of the
 * series when @p from is before DTSTART). Seeking backwards is allowed.
 *
 * Without COUNT the position is computed arithmetically: the cost does not
 * depend on how far @p from lies from DTSTART. With COUNT the occurrences
 * before @p from must be counted; that is done a period (a year, month or
 * week; a month for FREQ=DAILY) at a time, never an occurrence at a time.
 *
 * @param it the iterator
 * @param from the earliest local date and time wanted
 * @return 0; GRP_EINVAL if @p it is NULL or @p from is not valid.
 * @since 0.1
 */
GRP_API int grp_rrule_iterator_seek(grp_rrule_iterator *it, grp_datetime from);

/**
 * Free an iterator. NULL-safe.
 * @param it the iterator, or NULL
 * @since 0.1
 */
GRP_API void grp_rrule_iterator_free(grp_rrule_iterator *it);

/**
 * The first occurrence at or after @p from, without allocating: the same
 * as an iterator created, sought to @p from and stepped once.
 * @param[out] out the occurrence
 * @param r the rule
 * @param dtstart DTSTART (see grp_rrule_iterator_new())
 * @param tz the zone of @p dtstart, or NULL
 * @param from the earliest local date and time wanted
 * @return 0; GRP_ITEROVER if the series has no occurrence at or after
 *         @p from; GRP_EINVAL if an argument is NULL or a date is invalid.
 * @since 0.1
 */
GRP_API int grp_rrule_next_after(grp_datetime *out, const grp_rrule *r, grp_datetime dtstart,
                                 const grp_tz *tz, grp_datetime from);

/**
 * All occurrences between @p from and @p to (both inclusive), in order.
 *
 * @param[out] out new array of @p count_out occurrences, NULL when there
 *             are none; free with grp_free()
 * @param[out] count_out the number of occurrences stored
 * @param r the rule
 * @param dtstart DTSTART (see grp_rrule_iterator_new())
 * @param tz the zone of @p dtstart, or NULL
 * @param from first local date and time of the range
 * @param to last local date and time of the range
 * @param max stop after this many occurrences; 0 for no limit
 * @return 0 (also when there are none); GRP_EINVAL if an argument is NULL,
 *         a date is invalid or @p from is after @p to; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_rrule_between(grp_datetime **out, size_t *count_out, const grp_rrule *r,
                              grp_datetime dtstart, const grp_tz *tz, grp_datetime from,
                              grp_datetime to, size_t max);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_RRULE_H */
