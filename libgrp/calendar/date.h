/* Internal civil-date arithmetic shared by tz, rrule and the model. Pure. */
#ifndef GRP_CALENDAR_DATE_H
#define GRP_CALENDAR_DATE_H

#include "libgrp/date.h"
#include <stdint.h>

/* Days since 1970-01-01 of a civil date (any y/m/d in range; not checked). */
int64_t grp__days_from_civil(int y, int m, int d);
/* Inverse of grp__days_from_civil. */
void grp__civil_from_days(int64_t z, int *y, int *m, int *d);
/* ISO weekday (1 = Monday .. 7 = Sunday) of a day number. */
int grp__weekday_from_days(int64_t z);
/* Leap year in the proleptic Gregorian calendar. */
int grp__is_leap(int y);

/* Day number of a grp_date (must be valid). */
static inline int64_t grp__date_days(grp_date d)
{
    return grp__days_from_civil(d.year, d.month, d.day);
}
/* grp_date from a day number. */
grp_date grp__date_from_days(int64_t z);

/* Strict ISO-date scan of the first 10 characters of s[0..len) (text after
 * them is the caller's business). Returns 0, GRP__DATE_MALFORMED or
 * GRP__DATE_NONEXISTENT without touching the thread error; *pos gets the
 * 0-based position of the first bad character. */
#define GRP__DATE_MALFORMED 1
#define GRP__DATE_NONEXISTENT 2
int grp__date_scan(grp_date *out, const char *s, size_t len, size_t *pos);

/* Day numbers of 0001-01-01 and 9999-12-31. */
#define GRP__DAYS_MIN (-719162)
#define GRP__DAYS_MAX 2932896
/* First and last instants of years 1..9999. */
#define GRP__SECS_MIN ((int64_t)GRP__DAYS_MIN * 86400)
#define GRP__SECS_MAX ((int64_t)GRP__DAYS_MAX * 86400 + 86399)

#endif
