/**
 * @file libgrp/date.h
 * @brief Civil dates and times: validation, arithmetic, ISO 8601 text.
 *
 * Pure functions: no store, no time zone, no global state; thread-safe.
 * Dates are proleptic Gregorian, years 1..9999.
 */
#ifndef LIBGRP_DATE_H
#define LIBGRP_DATE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Days of the week, ISO 8601 numbering (Monday = 1). */
typedef enum grp_weekday {
    GRP_MONDAY = 1, /**< Monday */
    GRP_TUESDAY = 2, /**< Tuesday */
    GRP_WEDNESDAY = 3, /**< Wednesday */
    GRP_THURSDAY = 4, /**< Thursday */
    GRP_FRIDAY = 5, /**< Friday */
    GRP_SATURDAY = 6, /**< Saturday */
    GRP_SUNDAY = 7 /**< Sunday */
} grp_weekday;

/**
 * Make a date from its parts. Does not validate: see grp_date_valid().
 * @param year the year
 * @param month the month, 1..12
 * @param day the day of the month
 * @return the date {year, month, day}
 * @since 0.1
 */
GRP_API grp_date grp_date_make(int year, int month, int day);

/**
 * True (1) if @p d names a day that exists (years 1..9999), else 0.
 * @param d a date
 * @return 1 or 0
 * @since 0.1
 */
GRP_API int grp_date_valid(grp_date d);

/**
 * True (1) unless @p d is the zero value {0, 0, 0} meaning "no date".
 * @param d a date
 * @return 1 or 0
 * @since 0.1
 */
GRP_API int grp_date_is_set(grp_date d);

/**
 * Compare two dates: negative, 0 or positive as @p a is before, equal to or
 * after @p b. Unset dates sort first.
 * @param a a date
 * @param b the date to compare it with
 * @return negative, 0 or positive
 * @since 0.1
 */
GRP_API int grp_date_compare(grp_date a, grp_date b);

/**
 * Number of days in @p month of @p year (28..31), or 0 if out of range.
 * @param year the year
 * @param month the month, 1..12
 * @return 28..31, or 0
 * @since 0.1
 */
GRP_API int grp_date_days_in_month(int year, int month);

/**
 * ISO weekday of a valid date (GRP_MONDAY..GRP_SUNDAY), 0 if invalid.
 * @param d a date
 * @return 1 (GRP_MONDAY) to 7 (GRP_SUNDAY), or 0
 * @since 0.1
 */
GRP_API int grp_date_weekday(grp_date d);

/**
 * Add @p days (may be negative) to a valid date.
 * @param[out] out the resulting date
 * @param d a valid date
 * @param days days to add (negative: earlier)
 * @return 0; GRP_EINVAL if @p out is NULL, @p d is invalid or the result is
 *         outside years 1..9999.
 * @since 0.1
 */
GRP_API int grp_date_add_days(grp_date *out, grp_date d, int64_t days);

/**
 * Whole days from @p a to @p b (b - a); both must be valid.
 * @param[out] out the difference in days
 * @param a the first date
 * @param b the second date
 * @return 0; GRP_EINVAL if an argument is NULL or invalid.
 * @since 0.1
 */
GRP_API int grp_date_diff_days(int64_t *out, grp_date a, grp_date b);

/**
 * Parse an ISO 8601 calendar date "YYYY-MM-DD" (exactly that form).
 * @param[out] out the date
 * @param text NUL-terminated text
 * @return 0; GRP_EINVAL if an argument is NULL; GRP_EPARSE if the text is
 *         malformed or names a day that does not exist (the message says
 *         which, and at what position).
 * @since 0.1
 */
GRP_API int grp_date_parse(grp_date *out, const char *text);

/**
 * Write @p d as "YYYY-MM-DD" into @p buf (at least 11 bytes).
 * @param buf receives the text, NUL-terminated
 * @param size size of @p buf in bytes
 * @param d a date
 * @return 0; GRP_EINVAL if @p buf is NULL, @p size < 11 or @p d invalid.
 * @since 0.1
 */
GRP_API int grp_date_format(char *buf, size_t size, grp_date d);

/**
 * True (1) if @p dt is a valid local date and time of day, else 0.
 * @param dt a local date and time
 * @return 1 or 0
 * @since 0.1
 */
GRP_API int grp_datetime_valid(grp_datetime dt);

/**
 * Parse "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space may replace
 * the 'T'; no zone designator: this is a local time).
 * @param[out] out the local date and time
 * @param text NUL-terminated text
 * @return 0; GRP_EINVAL for NULL arguments; GRP_EPARSE if malformed.
 * @since 0.1
 */
GRP_API int grp_datetime_parse(grp_datetime *out, const char *text);

/**
 * Write @p dt as "YYYY-MM-DDTHH:MM:SS" into @p buf (at least 20 bytes).
 * @param buf receives the text, NUL-terminated
 * @param size size of @p buf in bytes
 * @param dt a local date and time
 * @return 0; GRP_EINVAL if @p buf is NULL, too small, or @p dt invalid.
 * @since 0.1
 */
GRP_API int grp_datetime_format(char *buf, size_t size, grp_datetime dt);

/**
 * The UTC date and time of an instant.
 * @param[out] out the UTC civil date and time
 * @param t seconds since the Unix epoch
 * @return 0; GRP_EINVAL if @p out is NULL or @p t is outside years 1..9999.
 * @since 0.1
 */
GRP_API int grp_time_to_utc(grp_datetime *out, grp_time t);

/**
 * The instant of a UTC civil date and time.
 * @param[out] out seconds since the Unix epoch
 * @param utc a UTC date and time
 * @return 0; GRP_EINVAL if @p out is NULL or @p utc invalid.
 * @since 0.1
 */
GRP_API int grp_time_from_utc(grp_time *out, grp_datetime utc);

/**
 * Format an instant as RFC 3339 UTC, "YYYY-MM-DDTHH:MM:SSZ" (at least 21
 * bytes).
 * @param buf receives the text, NUL-terminated
 * @param size size of @p buf in bytes
 * @param t seconds since the Unix epoch
 * @return 0; GRP_EINVAL on NULL, small buffer or out-of-range instant.
 * @since 0.1
 */
GRP_API int grp_time_format(char *buf, size_t size, grp_time t);

/**
 * Parse an RFC 3339 instant: "YYYY-MM-DDTHH:MM:SS" followed by "Z" or a
 * numeric offset "+HH:MM" / "-HH:MM"; fractional seconds are refused.
 * @param[out] out seconds since the Unix epoch
 * @param text NUL-terminated text
 * @return 0; GRP_EINVAL for NULL; GRP_EPARSE if malformed.
 * @since 0.1
 */
GRP_API int grp_time_parse(grp_time *out, const char *text);

/**
 * The current instant from the system clock.
 * @return the current instant (seconds since the Unix epoch)
 * @since 0.1
 */
GRP_API grp_time grp_time_now(void);

/**
 * Today's date in UTC.
 * @return today's date in UTC
 * @since 0.1
 */
GRP_API grp_date grp_date_today_utc(void);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_DATE_H */
