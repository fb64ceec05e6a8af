/* Internal: time-zone internals shared with the unit tests, the fuzzer and
 * the iCalendar writer (VTIMEZONE needs the transitions themselves). */
#ifndef GRP_CALENDAR_TZ_H
#define GRP_CALENDAR_TZ_H

#include "libgrp/tz.h"

#include <stddef.h>
#include <stdint.h>

/* Longest time-zone abbreviation accepted in a POSIX TZ string. tzdata's
 * own are 3..6 characters; POSIX only promises 6 (TZNAME_MAX). */
#define GRP__TZ_ABBR_MAX 31

/* The three ways a POSIX TZ rule names the day of a change. */
typedef enum grp__tz_date_kind {
    GRP__TZ_JULIAN_1 = 1, /* "Jn": day 1..365, February 29 never counted */
    GRP__TZ_JULIAN_0 = 2, /* "n": day 0..365, February 29 counted */
    GRP__TZ_MWD = 3       /* "Mm.w.d": weekday d of week w (5 = last) of month m */
} grp__tz_date_kind;

/* When a DST change happens in a year. */
typedef struct grp__tz_rule_date {
    grp__tz_date_kind kind;
    int day;      /* Jn: 1..365; n: 0..365; Mm.w.d: weekday, 0 = Sunday .. 6 */
    int week;     /* Mm.w.d: 1..5 */
    int month;    /* Mm.w.d: 1..12 */
    int32_t time; /* local wall-clock seconds from 00:00 of that day, -167 h .. 167 h */
} grp__tz_rule_date;

/* A parsed POSIX TZ string ("GMT0BST,M3.5.0/1,M10.5.0"). Offsets are
 * seconds EAST of Greenwich, the sign the rest of libgrp uses (the string
 * itself counts west). Without DST, dst_offset == std_offset and
 * dst_abbr is "". */
typedef struct grp__tz_posix {
    char std_abbr[GRP__TZ_ABBR_MAX + 1];
    char dst_abbr[GRP__TZ_ABBR_MAX + 1];
    int32_t std_offset;
    int32_t dst_offset;
    int has_dst;
    grp__tz_rule_date start; /* DST begins; time is standard (wall) time */
    grp__tz_rule_date end;   /* DST ends; time is daylight (wall) time */
} grp__tz_posix;

/* Parse the len bytes of text as a POSIX TZ string with the RFC 8536
 * extensions (rule times -167..167 hours; quoted "<+0530>" names). A DST
 * part must carry its rule: there is no portable default.
 * Returns 0, GRP_EINVAL for NULL, or GRP_EPARSE with the position. */
int grp__tz_posix_parse(grp__tz_posix *out, const char *text, size_t len);

/* Load a zone from the TZif image data[0..len) instead of the zoneinfo
 * directory. name only labels the zone (grp_tz_name, messages); it is not
 * checked against the zoneinfo naming rules. Never reads outside data.
 * Returns the codes of grp_tz_open() except GRP_ENOTFOUND. */
int grp__tz_load_buffer(grp_tz **out, const char *name, const unsigned char *data, size_t len);

/* One change of local time. */
typedef struct grp__tz_transition {
    grp_time at;              /* first instant of the new local time */
    int offset_before;        /* UTC offset (seconds east) until at */
    int offset_after;         /* UTC offset from at */
    int is_dst_after;         /* 1 if the new local time is daylight-saving time */
    const char *abbrev_after; /* borrowed from the zone: "BST" */
} grp__tz_transition;

/* Call cb for each change of offset, DST flag or abbreviation with
 * from <= at < to, in order: the file's explicit transitions and, after the
 * last of them, those its footer rule generates. The range is clipped to
 * years 1..9999. A nonzero return from cb stops the walk and is returned.
 * Returns 0 when the walk completes; GRP_EINVAL if tz or cb is NULL.
 * Allocation-free. */
int grp__tz_transitions(const grp_tz *tz, grp_time from, grp_time to,
                        int (*cb)(const grp__tz_transition *t, void *payload), void *payload);

#endif
