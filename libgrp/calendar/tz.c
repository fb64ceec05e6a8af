/* Time zones from TZif files (RFC 8536), read by libgrp itself.
 *
 * The C library's localtime()/tzset() work from the process-wide TZ
 * variable; a library may neither change it under its host nor rely on it,
 * so the files are parsed here and a loaded zone is an immutable value that
 * any number of threads may share. Conversions only look things up: no
 * allocation, no locks.
 *
 * Everything read from a file is checked before it is used: a zone file
 * may come from anywhere ($TZDIR), and the fuzzer feeds this parser
 * through grp__tz_load_buffer(). */
#include "calendar/tz.h"
#include "calendar/date.h"
#include "util/alloc.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"
#define TZ_NAME_MAX 255
/* Real zone files are under 4 KiB; the caps below bound what a hostile
 * file can make us allocate while leaving room for any plausible zone. */
#define TZ_FILE_MAX (1024 * 1024)
#define TZ_TIMECNT_MAX 65536u
#define TZ_TYPECNT_MAX 256u /* a transition's type index is one byte */
#define TZ_CHARCNT_MAX 65536u
#define TZ_FOOTER_MAX 255
#define TZ_HEADER_SIZE 44
/* RFC 8536 3.2: UT offsets lie in -25 h .. +26 h (exclusive). Holding
 * offsets and transition times to known bounds is what lets the
 * arithmetic below run without overflow checks. */
#define TZ_UTOFF_MIN (-89999)
#define TZ_UTOFF_MAX 93599
#define TZ_OFFSET_BOUND 93600
#define TZ_TIME_BOUND ((int64_t)1 << 60)
/* The instants of years 1..9999 (see date.h). */

typedef struct tz_type {
    int32_t utoff;
    int is_dst;
    const char *abbr; /* into the zone's own copy of the abbreviation block */
} tz_type;

struct grp_tz {
    const char *name;
    size_t timecnt;
    const int64_t *times;         /* strictly increasing */
    const unsigned char *type_of; /* local time type from each transition on */
    size_t typecnt;
    const tz_type *types;
    int has_footer;
    grp__tz_posix footer; /* rule for instants from the last transition on */
};

/* A stretch of time with one local time type: [start, end). */
typedef struct tz_period {
    grp_time start; /* INT64_MIN: since ever */
    grp_time end;   /* INT64_MAX: for ever */
    int32_t utoff;
    int is_dst;
    const char *abbr;
} tz_period;

/* ---- POSIX TZ strings ------------------------------------------------- */

typedef struct tz_scan {
    const char *s;
    size_t len;
    size_t pos;
    const char *err; /* first failure, reported with its position */
} tz_scan;

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

/* ASCII only: the locale must not change what a zone file means. */
static int is_alpha(int ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static int scan_peek(const tz_scan *c)
{
    return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1;
}

static int scan_fail(tz_scan *c, const char *what)
{
    c->err = what;
    return -1;
}

static int scan_char(tz_scan *c, int ch, const char *what)
{
    if (scan_peek(c) != ch)
        return scan_fail(c, what);
    c->pos++;
    return 0;
}

/* An unsigned decimal of 1..maxdigits digits in min..max. */
static int scan_uint(tz_scan *c, int maxdigits, int min, int max, int *out, const char *what)
{
    size_t start = c->pos;
    int v = 0, n = 0;
    while (n < maxdigits && is_digit(scan_peek(c))) {
        v = v * 10 + (scan_peek(c) - '0');
        c->pos++;
        n++;
    }
    if (n == 0 || is_digit(scan_peek(c)) || v < min || v > max) {
        c->pos = start; /* report where the number starts */
        return scan_fail(c, what);
    }
    *out = v;
    return 0;
}

/* An abbreviation: 3 or more letters, or "<...>" holding letters, digits,
 * '+' and '-' (the quoted form is how numeric names like +0530 are written). */
static int scan_abbr(tz_scan *c, char *out)
{
    size_t n = 0;
    int quoted = scan_peek(c) == '<';
    if (quoted)
        c->pos++;
    for (;;) {
        int ch = scan_peek(c);
        if (!(is_alpha(ch) || (quoted && (is_digit(ch) || ch == '+' || ch == '-'))))
            break;
        if (n == GRP__TZ_ABBR_MAX)
            return scan_fail(c, "abbreviation longer than 31 characters");
        out[n++] = (char)ch;
        c->pos++;
    }
    if (quoted && scan_char(c, '>', "expected '>' closing a quoted abbreviation") < 0)
        return -1;
    if (n < 3)
        return scan_fail(c, "abbreviation shorter than 3 characters");
    out[n] = '\0';
    return 0;
}

/* [+-]hh[:mm[:ss]] with hours up to max_hours, as seconds. */
static int scan_hms(tz_scan *c, int max_hours, const char *hours_what, int32_t *out)
{
    int sign = 1, h, m = 0, s = 0;
    if (scan_peek(c) == '+' || scan_peek(c) == '-')
        sign = c->s[c->pos++] == '-' ? -1 : 1;
    if (scan_uint(c, 3, 0, max_hours, &h, hours_what) < 0)
        return -1;
    if (scan_peek(c) == ':') {
        c->pos++;
        if (scan_uint(c, 2, 0, 59, &m, "expected minutes 00..59") < 0)
            return -1;
        if (scan_peek(c) == ':') {
            c->pos++;
            if (scan_uint(c, 2, 0, 59, &s, "expected seconds 00..59") < 0)
                return -1;
        }
    }
    *out = sign * (h * 3600 + m * 60 + s);
    return 0;
}

/* A UTC offset as the string writes it (west positive), returned east positive. */
static int scan_offset(tz_scan *c, int32_t *east)
{
    int32_t west;
    if (!is_digit(scan_peek(c)) && scan_peek(c) != '+' && scan_peek(c) != '-')
        return scan_fail(c, "expected a UTC offset");
    if (scan_hms(c, 24, "expected offset hours 0..24", &west) < 0)
        return -1;
    *east = -west;
    return 0;
}

static int scan_rule_date(tz_scan *c, grp__tz_rule_date *d)
{
    int ch = scan_peek(c);
    if (ch == 'J') {
        c->pos++;
        d->kind = GRP__TZ_JULIAN_1;
        if (scan_uint(c, 3, 1, 365, &d->day, "expected a Julian day 1..365") < 0)
            return -1;
    } else if (ch == 'M') {
        c->pos++;
        d->kind = GRP__TZ_MWD;
        if (scan_uint(c, 2, 1, 12, &d->month, "expected a month 1..12") < 0 ||
            scan_char(c, '.', "expected '.' after the month") < 0 ||
            scan_uint(c, 1, 1, 5, &d->week, "expected a week 1..5") < 0 ||
            scan_char(c, '.', "expected '.' after the week") < 0 ||
            scan_uint(c, 1, 0, 6, &d->day, "expected a weekday 0..6") < 0)
            return -1;
    } else if (is_digit(ch)) {
        d->kind = GRP__TZ_JULIAN_0;
        if (scan_uint(c, 3, 0, 365, &d->day, "expected a day 0..365") < 0)
            return -1;
    } else
        return scan_fail(c, "expected a rule date (Jn, n or Mm.w.d)");
    d->time = 2 * 3600; /* POSIX default: 02:00 */
    if (scan_peek(c) == '/') {
        c->pos++;
        return scan_hms(c, 167, "expected rule time hours -167..167", &d->time);
    }
    return 0;
}

static int scan_posix(tz_scan *c, grp__tz_posix *r)
{
    if (scan_abbr(c, r->std_abbr) < 0 || scan_offset(c, &r->std_offset) < 0)
        return -1;
    r->dst_offset = r->std_offset;
    if (c->pos == c->len)
        return 0;
    if (scan_abbr(c, r->dst_abbr) < 0)
        return -1;
    r->has_dst = 1;
    r->dst_offset = r->std_offset + 3600; /* POSIX: one hour ahead unless given */
    if (scan_peek(c) != ',' && c->pos < c->len && scan_offset(c, &r->dst_offset) < 0)
        return -1;
    /* POSIX leaves the default rule to the implementation and zic always
     * writes one, so a string without it is refused rather than guessed. */
    if (c->pos == c->len)
        return scan_fail(c, "daylight saving time without a rule");
    if (scan_char(c, ',', "expected ',' before the rule") < 0 || scan_rule_date(c, &r->start) < 0 ||
        scan_char(c, ',', "expected ',' between the rule's dates") < 0 ||
        scan_rule_date(c, &r->end) < 0)
        return -1;
    if (c->pos != c->len)
        return scan_fail(c, "unexpected text after the rule");
    return 0;
}

int grp__tz_posix_parse(grp__tz_posix *out, const char *text, size_t len)
{
    if (!out)
        return grp__error_null("out");
    if (!text)
        return grp__error_null("text");
    grp__tz_posix r;
    memset(&r, 0, sizeof r);
    tz_scan c = {text, len, 0, NULL};
    if (scan_posix(&c, &r) < 0)
        return grp__error(GRP_EPARSE, "TZ string '%.*s': %s at position %zu",
                          (int)(len > 64 ? 64 : len), text, c.err, c.pos);
    *out = r;
    return GRP_OK;
}

/* ---- evaluating a POSIX rule ----------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b < 0) ? q - 1 : q;
}

static int year_of(grp_time t)
{
    int y, m, d;
    grp__civil_from_days(floor_div(t, 86400), &y, &m, &d);
    return y;
}

/* Day number of the rule date in year y. */
static int64_t rule_day(const grp__tz_rule_date *d, int y)
{
    int64_t jan1 = grp__days_from_civil(y, 1, 1);
    if (d->kind == GRP__TZ_JULIAN_1) /* day 60 is March 1 even in leap years */
        return jan1 + d->day - 1 + (d->day >= 60 && grp__is_leap(y));
    if (d->kind == GRP__TZ_JULIAN_0)
        return jan1 + d->day;
    int64_t first = grp__days_from_civil(y, d->month, 1);
    int64_t next = d->month == 12 ? grp__days_from_civil(y + 1, 1, 1)
                                  : grp__days_from_civil(y, d->month + 1, 1);
    int weekday = grp__weekday_from_days(first) % 7; /* POSIX counts 0 = Sunday */
    int64_t day = first + (d->day - weekday + 7) % 7 + 7 * (d->week - 1);
    return day < next ? day : day - 7; /* week 5 means the last one */
}

typedef struct rule_change {
    grp_time at;
    int year;
    int seq; /* order within the year */
    int to_dst;
} rule_change;

#define RULE_SPAN 2 /* years looked at either side */
#define RULE_CHANGES (2 * (2 * RULE_SPAN + 1))

static int change_before(const rule_change *a, const rule_change *b)
{
    if (a->at != b->at)
        return a->at < b->at;
    return a->year != b->year ? a->year < b->year : a->seq < b->seq;
}

/* The rule's changes in years y-2..y+2, in order. Rule times of up to
 * 167 hours can push a change into the next or previous year, so looking
 * only at year y could miss the change in force. Changes at the same
 * instant resolve in year order: that is what makes a "DST all year" rule
 * (0/0,J365/25) come out as DST at every new year. */
static void rule_changes(const grp__tz_posix *r, int y, rule_change *ch)
{
    size_t n = 0;
    for (int yy = y - RULE_SPAN; yy <= y + RULE_SPAN; yy++) {
        grp_time start = rule_day(&r->start, yy) * 86400 + r->start.time - r->std_offset;
        grp_time end = rule_day(&r->end, yy) * 86400 + r->end.time - r->dst_offset;
        int start_first = start <= end;
        ch[n++] = (rule_change){start, yy, start_first ? 0 : 1, 1};
        ch[n++] = (rule_change){end, yy, start_first ? 1 : 0, 0};
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && change_before(&ch[j], &ch[j - 1]); j--) {
            rule_change tmp = ch[j];
            ch[j] = ch[j - 1];
            ch[j - 1] = tmp;
        }
}

/* The period of the footer rule containing t. A change to the state
 * already in force (DST all year) still splits periods; callers that care
 * compare neighbours. */
static tz_period footer_period(const grp__tz_posix *r, grp_time t)
{
    tz_period p = {INT64_MIN, INT64_MAX, r->std_offset, 0, r->std_abbr};
    if (!r->has_dst)
        return p;
    rule_change ch[RULE_CHANGES] = {0};
    rule_changes(r, year_of(t), ch);
    size_t i = 0;
    while (i < RULE_CHANGES && ch[i].at <= t)
        i++;
    /* Two years of margin guarantee 0 < i < RULE_CHANGES; stay safe anyway. */
    if (i > 0) {
        p.start = ch[i - 1].at;
        if (ch[i - 1].to_dst) {
            p.utoff = r->dst_offset;
            p.is_dst = 1;
            p.abbr = r->dst_abbr;
        }
    }
    if (i < RULE_CHANGES)
        p.end = ch[i].at;
    return p;
}

/* ---- lookups ----------------------------------------------------------- */

static tz_period type_period(const grp_tz *tz, size_t type, grp_time start, grp_time end)
{
    const tz_type *ty = &tz->types[type];
    tz_period p = {start, end, ty->utoff, ty->is_dst, ty->abbr};
    return p;
}

/* The period containing t, by binary search (RFC 8536 3.2: type 0 before
 * the first transition; the footer, if any, from the last one on). */
static tz_period tz_lookup(const grp_tz *tz, grp_time t)
{
    size_t n = tz->timecnt;
    if (n == 0 || t >= tz->times[n - 1]) {
        if (tz->has_footer) {
            tz_period p = footer_period(&tz->footer, t);
            if (n > 0 && p.start < tz->times[n - 1])
                p.start = tz->times[n - 1];
            return p;
        }
        return n == 0 ? type_period(tz, 0, INT64_MIN, INT64_MAX)
                      : type_period(tz, tz->type_of[n - 1], tz->times[n - 1], INT64_MAX);
    }
    if (t < tz->times[0])
        return type_period(tz, 0, INT64_MIN, tz->times[0]);
    size_t lo = 0, hi = n - 1; /* times[lo] <= t < times[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->times[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return type_period(tz, tz->type_of[lo], tz->times[lo], tz->times[lo + 1]);
}

/* The first instant whose wall-clock reading is `local`, or, for a local
 * time skipped by a gap, local read with the offset before the gap (which
 * moves it forward by the gap's length: RFC 5545 3.3.5). Periods are
 * walked in order from one that certainly begins before `local` on the
 * wall clock, so the first match is the earliest occurrence; real zones
 * need one to three lookups. */
static grp_time local_to_instant(const grp_tz *tz, int64_t local)
{
    tz_period p = tz_lookup(tz, local - TZ_OFFSET_BOUND);
    for (;;) {
        if (p.end == INT64_MAX || local < p.end + p.utoff)
            return local - p.utoff;
        tz_period next = tz_lookup(tz, p.end);
        if (local < next.start + next.utoff)
            return local - p.utoff;
        p = next;
    }
}

static int in_range(grp_time t)
{
    return t >= GRP__SECS_MIN && t <= GRP__SECS_MAX;
}

static int out_of_range(const grp_tz *tz, grp_time t)
{
    return grp__error(GRP_EINVAL, "instant %lld is outside years 1..9999 (zone '%s')", (long long)t,
                      tz->name);
}

int grp_tz_local_to_utc(grp_time *out, const grp_tz *tz, grp_datetime local)
{
    if (!out)
        return grp__error_null("out");
    if (!tz)
        return grp__error_null("tz");
    if (!grp_datetime_valid(local))
        return grp__error(
            GRP_EINVAL,
            "argument 'local' (%04d-%02d-%02dT%02d:%02d:%02d) is not a valid local time",
            local.year, local.month, local.day, local.hour, local.minute, local.second);
    int64_t secs = grp__days_from_civil(local.year, local.month, local.day) * 86400 +
                   local.hour * 3600 + local.minute * 60 + local.second;
    *out = local_to_instant(tz, secs);
    return GRP_OK;
}

int grp_tz_utc_to_local(grp_datetime *out, int *offset_out, const grp_tz *tz, grp_time t)
{
    if (!out)
        return grp__error_null("out");
    if (!tz)
        return grp__error_null("tz");
    if (!in_range(t))
        return out_of_range(tz, t);
    tz_period p = tz_lookup(tz, t);
    if (!in_range(t + p.utoff))
        return grp__error(GRP_EINVAL,
                          "local time of instant %lld in zone '%s' is outside years 1..9999",
                          (long long)t, tz->name);
    int rc = grp_time_to_utc(out, t + p.utoff);
    if (rc == GRP_OK && offset_out)
        *offset_out = p.utoff;
    return rc;
}

int grp_tz_offset_at(int *offset_out, int *is_dst_out, const char **abbrev_out, const grp_tz *tz,
                     grp_time t)
{
    if (!offset_out)
        return grp__error_null("offset_out");
    if (!tz)
        return grp__error_null("tz");
    if (!in_range(t))
        return out_of_range(tz, t);
    tz_period p = tz_lookup(tz, t);
    *offset_out = p.utoff;
    if (is_dst_out)
        *is_dst_out = p.is_dst;
    if (abbrev_out)
        *abbrev_out = p.abbr;
    return GRP_OK;
}

static int same_local_time(const tz_period *a, const tz_period *b)
{
    return a->utoff == b->utoff && a->is_dst == b->is_dst && strcmp(a->abbr, b->abbr) == 0;
}

int grp__tz_transitions(const grp_tz *tz, grp_time from, grp_time to,
                        int (*cb)(const grp__tz_transition *t, void *payload), void *payload)
{
    if (!tz)
        return grp__error_null("tz");
    if (!cb)
        return grp__error_null("cb");
    if (from < GRP__SECS_MIN)
        from = GRP__SECS_MIN;
    if (to > GRP__SECS_MAX + 1)
        to = GRP__SECS_MAX + 1;
    if (from >= to)
        return GRP_OK;
    tz_period p = tz_lookup(tz, from - 1);
    while (p.end < to) {
        tz_period next = tz_lookup(tz, p.end);
        if (!same_local_time(&p, &next)) {
            grp__tz_transition tr = {p.end, p.utoff, next.utoff, next.is_dst, next.abbr};
            int rc = cb(&tr, payload);
            if (rc != 0)
                return rc;
        }
        p = next;
    }
    return GRP_OK;
}

/* ---- TZif files ---------------------------------------------------------- */

typedef struct tzif_in {
    const char *name;
    const unsigned char *data;
    size_t len;
} tzif_in;

/* Counts of one header, in file order. */
typedef struct tzif_counts {
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
} tzif_counts;

/* Where the parts of the data block in use lie (byte offsets). */
typedef struct tzif_block {
    tzif_counts n;
    size_t times, type_of, types, chars, isstd, isut, end;
    unsigned tsize; /* 4 in a version 1 block, 8 in a version 2+ block */
    size_t footer, footer_len;
    int has_footer;
} tzif_block;

/* Record GRP_EPARSE naming the file, the problem and its byte offset. */
static int tzif_fail(const tzif_in *in, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int tzif_fail(const tzif_in *in, size_t at, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return grp__error(GRP_EPARSE, "TZif '%.200s': %s at byte %zu", in->name, what, at);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Two's complement without implementation-defined conversions. */
static int64_t be_signed(const unsigned char *p, unsigned size)
{
    uint64_t u = 0;
    if (size == 0 || size > 8)
        return 0; /* callers pass 4 or 8 */
    for (unsigned i = 0; i < size; i++)
        u = u << 8 | p[i];
    uint64_t sign = (uint64_t)1 << (8 * size - 1);
    uint64_t mask = sign | (sign - 1);
    if (!(u & sign))
        return (int64_t)u;
    return -(int64_t)(~u & mask) - 1;
}

static int read_header(const tzif_in *in, size_t at, int *version, tzif_counts *n)
{
    const unsigned char *p = in->data + at;
    size_t avail = in->len - at;
    /* Magic first, so that a short text file is called what it is. */
    if (avail > 0 && memcmp(p, "TZif", avail < 4 ? avail : 4) != 0)
        return tzif_fail(in, at, "bad magic (not a TZif file)");
    if (avail < TZ_HEADER_SIZE)
        return tzif_fail(in, at, "header truncated (%zu of %d bytes)", avail, TZ_HEADER_SIZE);
    if (p[4] != 0 && p[4] != '2' && p[4] != '3' && p[4] != '4')
        return tzif_fail(in, at + 4, "unsupported version byte 0x%02x", p[4]);
    *version = p[4] == 0 ? 1 : p[4] - '0';
    n->isutcnt = be32(p + 20);
    n->isstdcnt = be32(p + 24);
    n->leapcnt = be32(p + 28);
    n->timecnt = be32(p + 32);
    n->typecnt = be32(p + 36);
    n->charcnt = be32(p + 40);
    return GRP_OK;
}

static uint64_t block_size(const tzif_counts *n, unsigned tsize)
{
    /* At most 30 * 2^32: no overflow in 64 bits. */
    return (uint64_t)n->timecnt * (tsize + 1) + (uint64_t)n->typecnt * 6 + n->charcnt +
           (uint64_t)n->leapcnt * (tsize + 4) + n->isstdcnt + n->isutcnt;
}

/* RFC 8536 3.1's rules on the counts, then whether the block fits. */
static int check_counts(const tzif_in *in, size_t h, const tzif_counts *n, unsigned tsize)
{
    if (n->typecnt == 0)
        return tzif_fail(in, h + 36, "typecnt is 0");
    if (n->typecnt > TZ_TYPECNT_MAX)
        return tzif_fail(in, h + 36, "typecnt %lu exceeds %u", (unsigned long)n->typecnt,
                         TZ_TYPECNT_MAX);
    if (n->charcnt == 0)
        return tzif_fail(in, h + 40, "charcnt is 0");
    if (n->charcnt > TZ_CHARCNT_MAX)
        return tzif_fail(in, h + 40, "charcnt %lu exceeds %u", (unsigned long)n->charcnt,
                         TZ_CHARCNT_MAX);
    if (n->timecnt > TZ_TIMECNT_MAX)
        return tzif_fail(in, h + 32, "timecnt %lu exceeds %u", (unsigned long)n->timecnt,
                         TZ_TIMECNT_MAX);
    if (n->isutcnt != 0 && n->isutcnt != n->typecnt)
        return tzif_fail(in, h + 20, "isutcnt %lu is neither 0 nor typecnt %lu",
                         (unsigned long)n->isutcnt, (unsigned long)n->typecnt);
    if (n->isstdcnt != 0 && n->isstdcnt != n->typecnt)
        return tzif_fail(in, h + 24, "isstdcnt %lu is neither 0 nor typecnt %lu",
                         (unsigned long)n->isstdcnt, (unsigned long)n->typecnt);
    uint64_t need = block_size(n, tsize);
    size_t left = in->len - h - TZ_HEADER_SIZE;
    if (need > left)
        return tzif_fail(in, h + TZ_HEADER_SIZE,
                         "data block truncated (needs %llu bytes, %zu left)",
                         (unsigned long long)need, left);
    if (n->leapcnt != 0)
        return grp__error(GRP_EUNSUPPORTED,
                          "TZif '%.200s': %lu leap-second records: leap-second zones (right/...) "
                          "are not supported",
                          in->name, (unsigned long)n->leapcnt);
    return GRP_OK;
}

static void locate_block(tzif_block *b, size_t header, unsigned tsize)
{
    b->tsize = tsize;
    b->times = header + TZ_HEADER_SIZE;
    b->type_of = b->times + (size_t)b->n.timecnt * tsize;
    b->types = b->type_of + b->n.timecnt;
    b->chars = b->types + (size_t)b->n.typecnt * 6;
    b->isstd = b->chars + b->n.charcnt + (size_t)b->n.leapcnt * (tsize + 4);
    b->isut = b->isstd + b->n.isstdcnt;
    b->end = b->isut + b->n.isutcnt;
}

/* Find the block to use: the version 1 block of a version 1 file, else the
 * 64-bit block after it (the 32-bit one is only skipped, as RFC 8536
 * asks of readers, since it may be a deliberately minimal stub). */
static int find_block(const tzif_in *in, tzif_block *b)
{
    int version = 0, version2 = 0;
    tzif_counts first = {0};
    int rc = read_header(in, 0, &version, &first);
    if (rc)
        return rc;
    if (version == 1) {
        b->n = first;
        if ((rc = check_counts(in, 0, &b->n, 4)) != GRP_OK)
            return rc;
        locate_block(b, 0, 4);
        return GRP_OK;
    }
    uint64_t skip = block_size(&first, 4);
    if (skip > in->len - TZ_HEADER_SIZE)
        return tzif_fail(in, TZ_HEADER_SIZE,
                         "version 1 data block truncated (needs %llu bytes, %zu left)",
                         (unsigned long long)skip, in->len - TZ_HEADER_SIZE);
    size_t h = TZ_HEADER_SIZE + (size_t)skip;
    if ((rc = read_header(in, h, &version2, &b->n)) != GRP_OK)
        return rc;
    if (version2 != version)
        return tzif_fail(in, h + 4, "second header has version %d, first has %d", version2,
                         version);
    if ((rc = check_counts(in, h, &b->n, 8)) != GRP_OK)
        return rc;
    locate_block(b, h, 8);
    return GRP_OK;
}

static int check_transitions(const tzif_in *in, const tzif_block *b)
{
    int64_t prev = 0;
    for (size_t i = 0; i < b->n.timecnt; i++) {
        size_t at = b->times + i * b->tsize;
        int64_t t = be_signed(in->data + at, b->tsize);
        if (t < -TZ_TIME_BOUND || t > TZ_TIME_BOUND)
            return tzif_fail(in, at, "transition %zu time %lld out of range", i, (long long)t);
        if (i > 0 && t <= prev)
            return tzif_fail(in, at, "transition %zu (%lld) is not after the previous one (%lld)",
                             i, (long long)t, (long long)prev);
        prev = t;
        unsigned idx = in->data[b->type_of + i];
        if (idx >= b->n.typecnt)
            return tzif_fail(in, b->type_of + i, "transition index %u out of range (%lu types)",
                             idx, (unsigned long)b->n.typecnt);
    }
    return GRP_OK;
}

static int check_types(const tzif_in *in, const tzif_block *b)
{
    const unsigned char *chars = in->data + b->chars;
    for (size_t i = 0; i < b->n.typecnt; i++) {
        size_t at = b->types + i * 6;
        const unsigned char *p = in->data + at;
        int64_t utoff = be_signed(p, 4);
        if (utoff < TZ_UTOFF_MIN || utoff > TZ_UTOFF_MAX)
            return tzif_fail(in, at, "local time type %zu: UT offset %lld out of range", i,
                             (long long)utoff);
        if (p[4] > 1)
            return tzif_fail(in, at + 4, "local time type %zu: isdst %u is not 0 or 1", i, p[4]);
        if (p[5] >= b->n.charcnt)
            return tzif_fail(in, at + 5,
                             "local time type %zu: abbreviation index %u out of range (%lu bytes)",
                             i, p[5], (unsigned long)b->n.charcnt);
        if (!memchr(chars + p[5], '\0', b->n.charcnt - p[5]))
            return tzif_fail(in, at + 5,
                             "local time type %zu: abbreviation at index %u is not NUL-terminated",
                             i, p[5]);
        int isstd = b->n.isstdcnt ? in->data[b->isstd + i] : 0;
        int isut = b->n.isutcnt ? in->data[b->isut + i] : 0;
        if (isstd > 1)
            return tzif_fail(in, b->isstd + i, "standard/wall indicator %d is not 0 or 1", isstd);
        if (isut > 1)
            return tzif_fail(in, b->isut + i, "UT/local indicator %d is not 0 or 1", isut);
        if (isut && !isstd)
            return tzif_fail(in, b->isut + i, "local time type %zu is UT but not standard time", i);
    }
    return GRP_OK;
}

/* Version 2+: "\n" TZ-string "\n", and nothing after it. */
static int find_footer(const tzif_in *in, tzif_block *b)
{
    size_t at = b->end;
    if (b->tsize == 4) {
        if (at != in->len)
            return tzif_fail(in, at, "%zu unexpected byte(s) after the data block", in->len - at);
        return GRP_OK;
    }
    if (at == in->len || in->data[at] != '\n')
        return tzif_fail(in, at, "footer does not start with a newline");
    const unsigned char *nl = memchr(in->data + at + 1, '\n', in->len - at - 1);
    if (!nl)
        return tzif_fail(in, at, "footer is not terminated by a newline");
    b->footer = at + 1;
    b->footer_len = (size_t)(nl - (in->data + b->footer));
    if ((size_t)(nl - in->data) + 1 != in->len)
        return tzif_fail(in, (size_t)(nl - in->data) + 1, "%zu unexpected byte(s) after the footer",
                         in->len - (size_t)(nl - in->data) - 1);
    if (b->footer_len > TZ_FOOTER_MAX)
        return tzif_fail(in, b->footer, "footer longer than %d bytes", TZ_FOOTER_MAX);
    for (size_t i = 0; i < b->footer_len; i++) {
        unsigned char ch = in->data[b->footer + i];
        if (ch < 0x20 || ch > 0x7e)
            return tzif_fail(in, b->footer + i, "footer byte 0x%02x is not printable ASCII", ch);
    }
    b->has_footer = b->footer_len > 0; /* empty: no rule known (RFC 8536 3.3) */
    return GRP_OK;
}

static int parse_footer(const tzif_in *in, const tzif_block *b, grp__tz_posix *out)
{
    if (grp__tz_posix_parse(out, (const char *)in->data + b->footer, b->footer_len) == GRP_OK)
        return GRP_OK;
    char why[256];
    snprintf(why, sizeof why, "%s", grp_error_last()->message);
    return tzif_fail(in, b->footer, "bad footer: %s", why);
}

static size_t align_up(size_t n)
{
    const size_t a = _Alignof(max_align_t);
    return (n + a - 1) / a * a;
}

/* One allocation holds the zone and all its arrays: one free, and the
 * abbreviation pointers stay inside it. */
static int build_zone(grp_tz **out, const tzif_in *in, const tzif_block *b,
                      const grp__tz_posix *footer)
{
    size_t timecnt = b->n.timecnt, typecnt = b->n.typecnt, charcnt = b->n.charcnt;
    size_t name_len = strlen(in->name);
    size_t off_times = align_up(sizeof(struct grp_tz));
    size_t off_types = off_times + align_up(timecnt * sizeof(int64_t));
    size_t off_type_of = off_types + align_up(typecnt * sizeof(tz_type));
    size_t off_chars = off_type_of + timecnt;
    size_t off_name = off_chars + charcnt;
    unsigned char *mem = grp__malloc(off_name + name_len + 1);
    if (!mem)
        return grp__error_nomem("loading a time zone");
    grp_tz *tz = (grp_tz *)mem;
    int64_t *times = (int64_t *)(mem + off_times);
    tz_type *types = (tz_type *)(mem + off_types);
    unsigned char *type_of = mem + off_type_of;
    char *chars = (char *)mem + off_chars;
    char *name = (char *)mem + off_name;

    for (size_t i = 0; i < timecnt; i++)
        times[i] = be_signed(in->data + b->times + i * b->tsize, b->tsize);
    memcpy(type_of, in->data + b->type_of, timecnt);
    memcpy(chars, in->data + b->chars, charcnt);
    for (size_t i = 0; i < typecnt; i++) {
        const unsigned char *p = in->data + b->types + i * 6;
        types[i].utoff = (int32_t)be_signed(p, 4);
        types[i].is_dst = p[4];
        types[i].abbr = chars + p[5];
    }
    memcpy(name, in->name, name_len + 1);

    memset(tz, 0, sizeof *tz);
    tz->name = name;
    tz->timecnt = timecnt;
    tz->times = times;
    tz->type_of = type_of;
    tz->typecnt = typecnt;
    tz->types = types;
    tz->has_footer = b->has_footer;
    if (b->has_footer)
        tz->footer = *footer;
    *out = tz;
    return GRP_OK;
}

int grp__tz_load_buffer(grp_tz **out, const char *name, const unsigned char *data, size_t len)
{
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!name)
        return grp__error_null("name");
    if (!data)
        return grp__error_null("data");
    if (strnlen(name, TZ_NAME_MAX + 1) > TZ_NAME_MAX)
        return grp__error(GRP_EINVAL, "argument 'name' is longer than %d characters", TZ_NAME_MAX);
    tzif_in in = {name, data, len};
    tzif_block b;
    grp__tz_posix footer;
    memset(&b, 0, sizeof b);
    int rc;
    if ((rc = find_block(&in, &b)) != GRP_OK || (rc = check_transitions(&in, &b)) != GRP_OK ||
        (rc = check_types(&in, &b)) != GRP_OK || (rc = find_footer(&in, &b)) != GRP_OK)
        return rc;
    if (b.has_footer && (rc = parse_footer(&in, &b, &footer)) != GRP_OK)
        return rc;
    return build_zone(out, &in, &b, &footer);
}

/* ---- the zoneinfo directory ------------------------------------------------ */

/* The name becomes part of a path, so it must not be able to leave the
 * zoneinfo directory or name something odd inside it. */
static int check_zone_name(const char *name)
{
    size_t len = strnlen(name, TZ_NAME_MAX + 1);
    if (len == 0)
        return grp__error(GRP_EINVAL, "zone name is empty");
    if (len > TZ_NAME_MAX)
        return grp__error(GRP_EINVAL, "zone name is longer than %d characters", TZ_NAME_MAX);
    if (name[0] == '/')
        return grp__error(GRP_EINVAL, "zone name '%s' starts with '/'", name);
    if (strstr(name, ".."))
        return grp__error(GRP_EINVAL, "zone name '%s' contains '..'", name);
    for (size_t i = 0; i < len; i++) {
        int ch = (unsigned char)name[i];
        if (!is_alpha(ch) && !is_digit(ch) && ch != '_' && ch != '-' && ch != '+' && ch != '/')
            return grp__error(GRP_EINVAL, "zone name has a bad character (0x%02x) at position %zu",
                              ch, i);
        if (ch == '/' && (name[i + 1] == '/' || name[i + 1] == '\0'))
            return grp__error(GRP_EINVAL, "zone name '%s' has an empty component at position %zu",
                              name, i + 1);
    }
    return GRP_OK;
}

static const char *zone_dir(void)
{
    const char *dir = getenv("TZDIR");
    return dir && *dir ? dir : TZ_DEFAULT_DIR;
}

static int open_failed(int err, const char *name, const char *dir, const char *path)
{
    if (err == ENOENT || err == ENOTDIR || err == ELOOP || err == ENAMETOOLONG)
        return grp__error(GRP_ENOTFOUND, "zone '%s' not found in %s", name, dir);
    return grp__error(GRP_ESTORAGE, "cannot read zone file '%s' (errno %d%s)", path, err,
                      err == EACCES ? ", permission denied" : "");
}

/* Read the whole zone file into *buf_out (grp__free it). */
static int read_zone_file(unsigned char **buf_out, size_t *len_out, const char *name,
                          const char *dir)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return grp__error(GRP_ENOTFOUND, "zone '%s' not found: zone directory path is too long",
                          name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return open_failed(errno, name, dir, path);
    struct stat st;
    int rc = GRP_OK;
    unsigned char *buf = NULL;
    size_t len = 0;
    if (fstat(fd, &st) != 0)
        rc = open_failed(errno, name, dir, path);
    else if (!S_ISREG(st.st_mode))
        rc = grp__error(GRP_ENOTFOUND, "zone '%s' not found in %s: %s", name, dir,
                        S_ISDIR(st.st_mode) ? "it is a directory" : "not a regular file");
    else if (st.st_size > TZ_FILE_MAX)
        rc = grp__error(GRP_EPARSE, "TZif '%s': file of %lld bytes is over the %d-byte limit", name,
                        (long long)st.st_size, TZ_FILE_MAX);
    else if (!(buf = grp__malloc((size_t)st.st_size)))
        rc = grp__error_nomem("reading a zone file");
    while (rc == GRP_OK && len < (size_t)st.st_size) {
        ssize_t got = read(fd, buf + len, (size_t)st.st_size - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            rc = open_failed(errno, name, dir, path);
        else if (got == 0)
            break; /* the file shrank: parse what there is */
        else
            len += (size_t)got;
    }
    close(fd);
    if (rc != GRP_OK) {
        grp__free(buf);
        return rc;
    }
    *buf_out = buf;
    *len_out = len;
    return GRP_OK;
}

int grp_tz_open(grp_tz **out, const char *name)
{
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!name)
        return grp__error_null("name");
    int rc = check_zone_name(name);
    if (rc)
        return rc;
    unsigned char *buf = NULL;
    size_t len = 0;
    if ((rc = read_zone_file(&buf, &len, name, zone_dir())) != GRP_OK)
        return rc;
    rc = grp__tz_load_buffer(out, name, buf, len);
    grp__free(buf);
    return rc;
}

int grp_tz_check(const char *name)
{
    grp_tz *tz = NULL;
    int rc = grp_tz_open(&tz, name);
    grp_tz_free(tz);
    return rc;
}

void grp_tz_free(grp_tz *tz)
{
    grp__free(tz);
}

const char *grp_tz_name(const grp_tz *tz)
{
    return tz ? tz->name : NULL;
}
