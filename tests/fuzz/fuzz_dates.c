/* Fuzz the ISO 8601 / RFC 3339 parsers of <libgrp/date.h>.
 *
 * The input, up to its first NUL byte, is given to grp_date_parse,
 * grp_datetime_parse and grp_time_parse; every success must survive the
 * matching _format function and parse back to the same value. The raw
 * bytes also go to the internal grp__date_scan, which must not read past
 * the length it is given (the replay driver and libFuzzer both pass an
 * exactly sized heap buffer, so AddressSanitizer sees any overread). Bytes
 * after the first NUL drive date arithmetic on whatever was parsed. */
#include "fuzz_common.h"

#include "calendar/date.h"


static void check_date(const char *text, fuzz_in *in)
{
    grp_date d, back, later;
    char buf[11];
    int64_t diff;
    int rc = grp_date_parse(&d, text);
    if (rc != GRP_OK) {
        FUZZ_CHECK(rc == GRP_EPARSE, "grp_date_parse: code %d", rc);
        FUZZ_CHECK_ERROR(rc);
        return;
    }
    FUZZ_CHECK(grp_date_valid(d) && grp_date_is_set(d), "parsed an invalid date");
    FUZZ_CHECK(grp_date_format(buf, sizeof buf, d) == GRP_OK, "grp_date_format failed");
    /* The form is exact, so the text comes back byte for byte. */
    FUZZ_CHECK(strcmp(buf, text) == 0, "'%s' formats back as '%s'", text, buf);
    FUZZ_CHECK(grp_date_parse(&back, buf) == GRP_OK && grp_date_compare(back, d) == 0,
               "round trip of '%s'", buf);
    int wd = grp_date_weekday(d);
    FUZZ_CHECK(wd >= 1 && wd <= 7 && wd == grp__weekday_from_days(grp__date_days(d)), "weekday %d",
               wd);

    /* Arithmetic: add a derived number of days, then measure it back. */
    int64_t days = (int64_t)fuzz_i16(in) * (fuzz_u8(in) % 64 + 1);
    rc = grp_date_add_days(&later, d, days);
    int64_t target = grp__date_days(d) + days;
    if (target < GRP__DAYS_MIN || target > GRP__DAYS_MAX) {
        FUZZ_CHECK(rc == GRP_EINVAL, "grp_date_add_days out of range: %d", rc);
        return;
    }
    FUZZ_CHECK(rc == GRP_OK && grp_date_valid(later), "grp_date_add_days: %d", rc);
    FUZZ_CHECK(grp_date_diff_days(&diff, d, later) == GRP_OK && diff == days,
               "diff_days gives %lld for %lld", (long long)diff, (long long)days);
    FUZZ_CHECK(days == 0 || (grp_date_compare(d, later) < 0) == (days > 0), "compare after add");
    FUZZ_CHECK((int64_t)grp__weekday_from_days(target) ==
                   (int64_t)(((grp__date_days(d) + days) % 7 + 7 + 3) % 7 + 1),
               "weekday of a day number");
}

static void check_datetime(const char *text)
{
    grp_datetime dt, back;
    grp_time utc, t2;
    char buf[20];
    int rc = grp_datetime_parse(&dt, text);
    if (rc != GRP_OK) {
        FUZZ_CHECK(rc == GRP_EPARSE, "grp_datetime_parse: code %d", rc);
        FUZZ_CHECK_ERROR(rc);
        return;
    }
    FUZZ_CHECK(grp_datetime_valid(dt), "parsed an invalid date-time");
    FUZZ_CHECK(grp_datetime_format(buf, sizeof buf, dt) == GRP_OK, "grp_datetime_format failed");
    FUZZ_CHECK(grp_datetime_parse(&back, buf) == GRP_OK && fuzz_dt_equal(back, dt),
               "'%s' -> '%s' does not parse back", text, buf);
    /* The same fields read as UTC: to an instant and back. */
    FUZZ_CHECK(grp_time_from_utc(&utc, dt) == GRP_OK, "grp_time_from_utc");
    FUZZ_CHECK(grp_time_to_utc(&back, utc) == GRP_OK && fuzz_dt_equal(back, dt), "grp_time_to_utc");
    char z[21];
    FUZZ_CHECK(grp_time_format(z, sizeof z, utc) == GRP_OK, "grp_time_format");
    FUZZ_CHECK(grp_time_parse(&t2, z) == GRP_OK && t2 == utc, "'%s' does not parse back", z);
}

static void check_instant(const char *text)
{
    grp_time t, back;
    grp_datetime utc;
    char buf[21];
    int rc = grp_time_parse(&t, text);
    if (rc != GRP_OK) {
        FUZZ_CHECK(rc == GRP_EPARSE, "grp_time_parse: code %d", rc);
        FUZZ_CHECK_ERROR(rc);
        return;
    }
    /* grp_time_parse refuses instants an offset carries out of years 1..9999 */
    FUZZ_CHECK(t >= GRP__SECS_MIN && t <= GRP__SECS_MAX, "instant %lld out of range", (long long)t);
    rc = grp_time_format(buf, sizeof buf, t);
    FUZZ_CHECK(rc == GRP_OK, "grp_time_format of %lld: %d", (long long)t, rc);
    FUZZ_CHECK(grp_time_parse(&back, buf) == GRP_OK && back == t, "'%s' -> '%s' does not parse back",
               text, buf);
    FUZZ_CHECK(grp_time_to_utc(&utc, t) == GRP_OK && grp_time_from_utc(&back, utc) == GRP_OK &&
                   back == t,
               "to_utc/from_utc of %lld", (long long)t);
}

static void check_scan(const uint8_t *data, size_t size)
{
    /* Exactly size bytes, no terminator: the scan must stay inside. */
    grp_date d;
    size_t pos = 12345;
    int rc = grp__date_scan(&d, (const char *)data, size, &pos);
    FUZZ_CHECK(rc == 0 || rc == GRP__DATE_MALFORMED || rc == GRP__DATE_NONEXISTENT, "scan: %d", rc);
    FUZZ_CHECK(pos <= 10, "scan position %zu", pos);
    if (rc == 0)
        FUZZ_CHECK(grp_date_valid(d) && size >= 10 && pos == 10, "scan accepted a bad date");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = fuzz_text_len(data, size);
    char *text = fuzz_strndup(data, len);
    fuzz_in in = fuzz_in_make(data + len + (len < size), size - len - (len < size));

    check_scan(data, size);
    check_date(text, &in);
    check_datetime(text);
    check_instant(text);
    free(text);
    return 0;
}
