/* Civil dates: Howard Hinnant's days_from_civil / civil_from_days
 * algorithms (public domain), exact over the whole proleptic Gregorian
 * range without loops or tables. */
#include "calendar/date.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t grp__days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t mp = (m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void grp__civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t dd = doy - (153 * mp + 2) / 5 + 1;
    int64_t mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

int grp__weekday_from_days(int64_t z)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = (z + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int grp__is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

grp_date grp__date_from_days(int64_t z)
{
    grp_date d;
    grp__civil_from_days(z, &d.year, &d.month, &d.day);
    return d;
}

grp_date grp_date_make(int year, int month, int day)
{
    grp_date d = {year, month, day};
    return d;
}

int grp_date_days_in_month(int year, int month)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || year < 1 || year > 9999)
        return 0;
    return month == 2 && grp__is_leap(year) ? 29 : dim[month - 1];
}

int grp_date_valid(grp_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= grp_date_days_in_month(d.year, d.month);
}

int grp_date_is_set(grp_date d)
{
    return !(d.year == 0 && d.month == 0 && d.day == 0);
}

int grp_date_compare(grp_date a, grp_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

int grp_date_weekday(grp_date d)
{
    if (!grp_date_valid(d))
        return 0;
    return grp__weekday_from_days(grp__date_days(d));
}

int grp_date_add_days(grp_date *out, grp_date d, int64_t days)
{
    if (!out)
        return grp__error_null("out");
    if (!grp_date_valid(d))
        return grp__error(GRP_EINVAL, "argument 'd' (%04d-%02d-%02d) is not a valid date", d.year,
                          d.month, d.day);
    int64_t base = grp__date_days(d);
    if (days > GRP__DAYS_MAX - base || days < GRP__DAYS_MIN - base)
        return grp__error(GRP_EINVAL, "adding %lld days leaves the years 1..9999", (long long)days);
    *out = grp__date_from_days(base + days);
    return GRP_OK;
}

int grp_date_diff_days(int64_t *out, grp_date a, grp_date b)
{
    if (!out)
        return grp__error_null("out");
    if (!grp_date_valid(a) || !grp_date_valid(b))
        return grp__error(GRP_EINVAL, "argument '%s' is not a valid date",
                          grp_date_valid(a) ? "b" : "a");
    *out = grp__date_days(b) - grp__date_days(a);
    return GRP_OK;
}

/* Read exactly n digits at s; -1 and *bad set to the offending offset. */
static int scan_digits(const char *s, size_t n, size_t *bad)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            *bad = i;
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int grp__date_scan(grp_date *out, const char *s, size_t len, size_t *pos)
{
    /* Shape first (digits and dashes where ISO 8601 puts them), then range. */
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < 10; i++) {
        if (i >= len) {
            *pos = len;
            return GRP__DATE_MALFORMED;
        }
        int ok = shape[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == '-';
        if (!ok) {
            *pos = i;
            return GRP__DATE_MALFORMED;
        }
    }
    size_t bad;
    grp_date d = {scan_digits(s, 4, &bad), scan_digits(s + 5, 2, &bad), scan_digits(s + 8, 2, &bad)};
    if (!grp_date_valid(d)) {
        *pos = (d.year < 1) ? 0 : (d.month < 1 || d.month > 12) ? 5 : 8;
        return GRP__DATE_NONEXISTENT;
    }
    *out = d;
    *pos = 10;
    return GRP_OK;
}

int grp_date_parse(grp_date *out, const char *text)
{
    if (!out)
        return grp__error_null("out");
    if (!text)
        return grp__error_null("text");
    size_t len = strlen(text), pos;
    grp_date d;
    int rc = grp__date_scan(&d, text, len, &pos);
    if (rc == GRP__DATE_NONEXISTENT)
        return grp__error(GRP_EPARSE, "date '%.40s' does not exist (position %zu)", text, pos);
    if (rc != GRP_OK)
        return grp__error(GRP_EPARSE, "date '%.40s' is not YYYY-MM-DD (position %zu)", text, pos);
    if (len != 10)
        return grp__error(GRP_EPARSE, "date '%.40s': unexpected text at position 10", text);
    *out = d;
    return GRP_OK;
}

int grp_date_format(char *buf, size_t size, grp_date d)
{
    if (!buf)
        return grp__error_null("buf");
    if (size < 11)
        return grp__error(GRP_EINVAL, "argument 'size' (%zu) is under 11 bytes", size);
    if (!grp_date_valid(d))
        return grp__error(GRP_EINVAL, "argument 'd' (%d-%d-%d) is not a valid date", d.year, d.month,
                          d.day);
    snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
    return GRP_OK;
}

int grp_datetime_valid(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return grp_date_valid(d) && dt.hour >= 0 && dt.hour <= 23 && dt.minute >= 0 &&
           dt.minute <= 59 && dt.second >= 0 && dt.second <= 59;
}

/* Parse "HH:MM" or "HH:MM:SS" of exactly len characters. */
static int scan_clock(const char *s, size_t len, int *h, int *mi, int *se)
{
    size_t bad;
    if (len != 5 && len != 8)
        return GRP_EPARSE;
    if ((*h = scan_digits(s, 2, &bad)) < 0 || s[2] != ':' || (*mi = scan_digits(s + 3, 2, &bad)) < 0)
        return GRP_EPARSE;
    *se = 0;
    if (len == 8 && (s[5] != ':' || (*se = scan_digits(s + 6, 2, &bad)) < 0))
        return GRP_EPARSE;
    return GRP_OK;
}

int grp_datetime_parse(grp_datetime *out, const char *text)
{
    if (!out)
        return grp__error_null("out");
    if (!text)
        return grp__error_null("text");
    size_t len = strlen(text), pos;
    grp_date d;
    grp_datetime dt;
    if (len < 11 || grp__date_scan(&d, text, len, &pos) != GRP_OK || (text[10] != 'T' && text[10] != ' ') ||
        scan_clock(text + 11, len - 11, &dt.hour, &dt.minute, &dt.second) != GRP_OK)
        return grp__error(GRP_EPARSE, "date-time '%.40s' is not YYYY-MM-DDTHH:MM[:SS]", text);
    dt.year = d.year;
    dt.month = d.month;
    dt.day = d.day;
    if (!grp_datetime_valid(dt))
        return grp__error(GRP_EPARSE, "date-time '%.40s' is out of range", text);
    *out = dt;
    return GRP_OK;
}

int grp_datetime_format(char *buf, size_t size, grp_datetime dt)
{
    if (!buf)
        return grp__error_null("buf");
    if (size < 20)
        return grp__error(GRP_EINVAL, "argument 'size' (%zu) is under 20 bytes", size);
    if (!grp_datetime_valid(dt))
        return grp__error(GRP_EINVAL, "argument 'dt' is not a valid date and time");
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d", dt.year, dt.month, dt.day, dt.hour,
             dt.minute, dt.second);
    return GRP_OK;
}


int grp_time_to_utc(grp_datetime *out, grp_time t)
{
    if (!out)
        return grp__error_null("out");
    if (t < GRP__SECS_MIN || t > GRP__SECS_MAX)
        return grp__error(GRP_EINVAL, "instant %lld is outside years 1..9999", (long long)t);
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    grp__civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs % 3600 / 60);
    out->second = (int)(secs % 60);
    return GRP_OK;
}

int grp_time_from_utc(grp_time *out, grp_datetime utc)
{
    if (!out)
        return grp__error_null("out");
    if (!grp_datetime_valid(utc))
        return grp__error(GRP_EINVAL, "argument 'utc' is not a valid date and time");
    *out = grp__days_from_civil(utc.year, utc.month, utc.day) * 86400 + utc.hour * 3600 +
           utc.minute * 60 + utc.second;
    return GRP_OK;
}

int grp_time_format(char *buf, size_t size, grp_time t)
{
    grp_datetime dt = {0, 0, 0, 0, 0, 0};
    if (!buf)
        return grp__error_null("buf");
    if (size < 21)
        return grp__error(GRP_EINVAL, "argument 'size' (%zu) is under 21 bytes", size);
    int rc = grp_time_to_utc(&dt, t);
    if (rc)
        return rc;
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", dt.year, dt.month, dt.day, dt.hour,
             dt.minute, dt.second);
    return GRP_OK;
}

int grp_time_parse(grp_time *out, const char *text)
{
    if (!out)
        return grp__error_null("out");
    if (!text)
        return grp__error_null("text");
    size_t len = strlen(text), pos, bad;
    grp_date d;
    int h, mi, se, off = 0;
    if (len < 20 || grp__date_scan(&d, text, len, &pos) != GRP_OK || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
        return grp__error(GRP_EPARSE, "instant '%.40s' is not RFC 3339 (YYYY-MM-DDTHH:MM:SSZ)", text);
    if (scan_clock(text + 11, 8, &h, &mi, &se) != GRP_OK || h > 23 || mi > 59 || se > 59)
        return grp__error(GRP_EPARSE, "instant '%.40s' has a bad time of day at position 11", text);
    const char *z = text + 19;
    if ((z[0] == 'Z' || z[0] == 'z') && z[1] == '\0')
        off = 0;
    else if ((z[0] == '+' || z[0] == '-') && strlen(z) == 6 && z[3] == ':') {
        int oh = scan_digits(z + 1, 2, &bad), om = scan_digits(z + 4, 2, &bad);
        if (oh < 0 || om < 0 || oh > 23 || om > 59)
            return grp__error(GRP_EPARSE, "instant '%.40s' has a bad offset at position 19", text);
        off = (oh * 3600 + om * 60) * (z[0] == '-' ? -1 : 1);
    } else
        return grp__error(GRP_EPARSE, "instant '%.40s' needs 'Z' or an offset at position 19", text);
    grp_time t = grp__date_days(d) * 86400 + h * 3600 + mi * 60 + se - off;
    /* An offset can push the instant out of the years every other
     * function accepts. */
    if (t < GRP__SECS_MIN || t > GRP__SECS_MAX)
        return grp__error(GRP_EPARSE, "instant '%.40s' is outside years 1..9999", text);
    *out = t;
    return GRP_OK;
}

grp_time grp_time_now(void)
{
    return (grp_time)time(NULL);
}

grp_date grp_date_today_utc(void)
{
    return grp__date_from_days((int64_t)time(NULL) / 86400);
}
