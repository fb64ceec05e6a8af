/* Fuzz the RRULE parser, printer and expander.
 *
 * Input: the rule text, optionally followed by a NUL byte and parameter
 * bytes (see decode_params). A plain-text input is expanded from the
 * RFC 5545 examples' DTSTART, 1997-09-02T09:00:00 America/New_York.
 *
 * Checked, beyond "no crash, no leak, no hang":
 * - parse(format(r)) equals r, and format is a fixed point;
 * - every failure returns a documented code with a message;
 * - the expansion is strictly increasing, at or after DTSTART, has
 *   DTSTART's time of day, respects COUNT and UNTIL (a UTC UNTIL through the
 *   zone), and stays over once over;
 * - seek + next, grp_rrule_next_after and grp_rrule_between agree with the
 *   plain expansion, also after seeking backwards;
 * - each input is expanded in its zone and again floating: without a UTC
 *   UNTIL the two series are the same. */
#include "fuzz_common.h"

#include "calendar/date.h"

#define MAX_OCC 200

static const char *const zone_names[] = {
    "America/New_York",    /* the RFC 5545 examples' zone */
    "Europe/London",       /* DST at 01:00 UTC */
    "Australia/Lord_Howe", /* 30-minute DST */
    "Asia/Kathmandu",      /* +05:45, no DST */
    "Pacific/Apia",        /* skipped a whole day (2011-12-30) */
    "America/St_Johns",    /* -03:30 with DST */
    "UTC",
};
#define NZONES (sizeof zone_names / sizeof zone_names[0])

static const grp_tz *zone(size_t i)
{
    static grp_tz *zones[NZONES];
    if (!zones[i]) {
        int rc = grp_tz_open(&zones[i], zone_names[i]);
        if (rc) {
            fprintf(stderr, "fuzz_rrule: cannot open zone %s (%s): is tzdata installed?\n",
                    zone_names[i], grp_error_last()->message);
            abort();
        }
    }
    return zones[i];
}

typedef struct params {
    grp_datetime dtstart;
    const grp_tz *tz; /* NULL: floating */
    grp_datetime seek;
    grp_datetime to; /* for grp_rrule_between, from = seek */
    size_t max;      /* for grp_rrule_between */
} params;

/* dt + days, or an invalid date-time (year 0) when out of range. */
static grp_datetime shift_days(grp_datetime dt, int64_t days)
{
    grp_date d = {dt.year, dt.month, dt.day}, r;
    if (!grp_date_valid(d) || grp_date_add_days(&r, d, days) != 0) {
        grp_datetime bad = {0, 1, 1, 0, 0, 0};
        return bad;
    }
    dt.year = r.year;
    dt.month = r.month;
    dt.day = r.day;
    return dt;
}

static void decode_params(params *p, fuzz_in *in)
{
    grp_datetime rfc = {1997, 9, 2, 9, 0, 0};
    if (!fuzz_more(in)) {
        p->dtstart = rfc;
        p->tz = zone(0);
        grp_datetime seek = {1998, 1, 1, 0, 0, 0}, to = {1999, 12, 31, 23, 59, 59};
        p->seek = seek;
        p->to = to;
        p->max = 10;
        return;
    }
    /* Years 0..9999 (0 is invalid and must be refused); days 1..31 may not
     * exist in the month (refused too). */
    p->dtstart.year = (int)(fuzz_u16(in) % 10000);
    p->dtstart.month = 1 + (int)(fuzz_u8(in) % 12);
    p->dtstart.day = 1 + (int)(fuzz_u8(in) % 31);
    p->dtstart.hour = (int)(fuzz_u8(in) % 24);
    p->dtstart.minute = (int)(fuzz_u8(in) % 60);
    p->dtstart.second = (int)(fuzz_u8(in) % 60);
    unsigned z = fuzz_u8(in) % (NZONES + 1);
    p->tz = z == 0 ? NULL : zone(z - 1);
    /* Seek up to about 700 years either way, in steps of 4 days. */
    p->seek = shift_days(p->dtstart, (int64_t)fuzz_i16(in) * 4);
    p->seek.hour = (int)(fuzz_u8(in) % 24);
    p->seek.minute = (int)(fuzz_u8(in) % 60);
    /* A window of up to about 700 years, sometimes reversed (invalid);
     * with max = 0 (no limit) only up to 127 days, so that no input
     * collects more than a few hundred occurrences. */
    int span = fuzz_i16(in);
    p->max = fuzz_u8(in) % 17;
    p->to = shift_days(p->seek, p->max ? (int64_t)span * 4 : span % 128);
}

static void check_format_round_trip(const grp_rrule *r)
{
    char *text = NULL, *again = NULL;
    grp_rrule *r2 = NULL;
    int rc = grp_rrule_format(&text, r);
    FUZZ_CHECK(rc == GRP_OK, "grp_rrule_format: %d", rc);
    rc = grp_rrule_parse(&r2, text);
    FUZZ_CHECK(rc == GRP_OK, "canonical text '%s' does not parse: %d", text, rc);
    FUZZ_CHECK(grp_rrule_equal(r, r2), "parse(format(r)) != r for '%s'", text);
    FUZZ_CHECK(grp_rrule_equal(r2, r), "grp_rrule_equal not symmetric for '%s'", text);
    rc = grp_rrule_format(&again, r2);
    FUZZ_CHECK(rc == GRP_OK && strcmp(text, again) == 0, "format not a fixed point: '%s' -> '%s'",
               text, again ? again : "(null)");
    grp_free(again);
    grp_free(text);
    grp_rrule_free(r2);
}

static void check_getters(const grp_rrule *r)
{
    grp_datetime u;
    int f = grp_rrule_freq(r);
    FUZZ_CHECK(f >= GRP_RRULE_DAILY && f <= GRP_RRULE_YEARLY, "freq %d", f);
    FUZZ_CHECK(grp_rrule_interval(r) >= 1, "interval %d", grp_rrule_interval(r));
    FUZZ_CHECK(grp_rrule_count(r) >= 0, "count %d", grp_rrule_count(r));
    FUZZ_CHECK(grp_rrule_wkst(r) >= 1 && grp_rrule_wkst(r) <= 7, "wkst %d", grp_rrule_wkst(r));
    grp_rrule_until_kind k = grp_rrule_until(&u, r);
    FUZZ_CHECK(k >= GRP_RRULE_UNTIL_NONE && k <= GRP_RRULE_UNTIL_UTC, "until kind %d", (int)k);
    FUZZ_CHECK(k == GRP_RRULE_UNTIL_NONE || grp_datetime_valid(u), "invalid UNTIL");
    FUZZ_CHECK(!(k != GRP_RRULE_UNTIL_NONE && grp_rrule_count(r) > 0), "COUNT with UNTIL");
}

/* An occurrence must not lie after the rule's UNTIL. */
static void check_until(const grp_rrule *r, const grp_tz *tz, grp_datetime occ)
{
    grp_datetime u;
    grp_time ui, oi;
    switch (grp_rrule_until(&u, r)) {
    case GRP_RRULE_UNTIL_DATE:
        u.hour = 23;
        u.minute = 59;
        u.second = 59;
        FUZZ_CHECK(fuzz_dt_compare(occ, u) <= 0, "occurrence after a DATE UNTIL");
        break;
    case GRP_RRULE_UNTIL_LOCAL:
        FUZZ_CHECK(fuzz_dt_compare(occ, u) <= 0, "occurrence after a local UNTIL");
        break;
    case GRP_RRULE_UNTIL_UTC:
        if (!tz) {
            FUZZ_CHECK(fuzz_dt_compare(occ, u) <= 0, "floating occurrence after a UTC UNTIL");
        } else {
            FUZZ_CHECK(grp_time_from_utc(&ui, u) == 0 && grp_tz_local_to_utc(&oi, tz, occ) == 0,
                       "cannot convert UNTIL or an occurrence");
            FUZZ_CHECK(oi <= ui, "occurrence at %lld after the UTC UNTIL %lld", (long long)oi,
                       (long long)ui);
        }
        break;
    default:
        break;
    }
}

/* The first of occ[0..n) at or after from; n if none. */
static size_t first_at_or_after(const grp_datetime *occ, size_t n, grp_datetime from)
{
    size_t i = 0;
    while (i < n && fuzz_dt_compare(occ[i], from) < 0)
        i++;
    return i;
}

/* What seek(from) + next must give, knowing the first n occurrences and
 * whether the series ended after them (complete). */
static void check_seek_result(const grp_datetime *occ, size_t n, int complete, grp_datetime from,
                              int rc, grp_datetime got, const char *what)
{
    size_t i = first_at_or_after(occ, n, from);
    if (i < n) {
        FUZZ_CHECK(rc == GRP_OK && fuzz_dt_equal(got, occ[i]),
                   "%s: rc %d, %04d-%02d-%02dT%02d:%02d:%02d instead of occurrence %zu "
                   "%04d-%02d-%02dT%02d:%02d:%02d",
                   what, rc, got.year, got.month, got.day, got.hour, got.minute, got.second, i,
                   occ[i].year, occ[i].month, occ[i].day, occ[i].hour, occ[i].minute, occ[i].second);
    } else if (complete) {
        FUZZ_CHECK(rc == GRP_ITEROVER, "%s: rc %d past the end of the series", what, rc);
    } else if (rc == GRP_OK) {
        FUZZ_CHECK(fuzz_dt_compare(got, from) >= 0, "%s: result before 'from'", what);
        FUZZ_CHECK(n == 0 || fuzz_dt_compare(got, occ[n - 1]) > 0, "%s: result not after the known ones",
                   what);
    } else {
        FUZZ_CHECK(rc == GRP_ITEROVER, "%s: rc %d", what, rc);
    }
}

/* Expand r as p says into occ[0..MAX_OCC); returns how many. */
static size_t expand(const grp_rrule *r, const params *p, grp_datetime *occ)
{
    grp_rrule_iterator *it = NULL;
    grp_datetime o, got;
    size_t n = 0;
    int rc = grp_rrule_iterator_new(&it, r, p->dtstart, p->tz);
    if (!grp_datetime_valid(p->dtstart)) {
        FUZZ_CHECK(rc == GRP_EINVAL && it == NULL, "invalid DTSTART accepted: %d", rc);
        FUZZ_CHECK_ERROR(rc);
        return 0;
    }
    if (rc != GRP_OK) {
        /* Only a UTC UNTIL the zone cannot convert may refuse a valid DTSTART. */
        FUZZ_CHECK(rc == GRP_EINVAL && p->tz && grp_rrule_until(NULL, r) == GRP_RRULE_UNTIL_UTC,
                   "grp_rrule_iterator_new: %d", rc);
        FUZZ_CHECK_ERROR(rc);
        return 0;
    }

    int count = grp_rrule_count(r);
    while (n < MAX_OCC && (rc = grp_rrule_iterator_next(&o, it)) == GRP_OK) {
        FUZZ_CHECK(grp_datetime_valid(o), "invalid occurrence");
        FUZZ_CHECK(o.hour == p->dtstart.hour && o.minute == p->dtstart.minute &&
                       o.second == p->dtstart.second,
                   "occurrence without DTSTART's time of day");
        FUZZ_CHECK(fuzz_dt_compare(o, p->dtstart) >= 0, "occurrence before DTSTART");
        FUZZ_CHECK(n == 0 || fuzz_dt_compare(o, occ[n - 1]) > 0, "occurrences not increasing at %zu",
                   n);
        FUZZ_CHECK(count == 0 || (int)n < count, "more than COUNT=%d occurrences", count);
        check_until(r, p->tz, o);
        occ[n++] = o;
    }
    int complete = n < MAX_OCC;
    if (complete) {
        FUZZ_CHECK(rc == GRP_ITEROVER, "grp_rrule_iterator_next: %d", rc);
        FUZZ_CHECK(grp_rrule_iterator_next(&o, it) == GRP_ITEROVER, "not over after GRP_ITEROVER");
    }

    /* Seek forwards or backwards, then back to the start. */
    rc = grp_rrule_iterator_seek(it, p->seek);
    if (!grp_datetime_valid(p->seek)) {
        FUZZ_CHECK(rc == GRP_EINVAL, "invalid seek target accepted: %d", rc);
    } else {
        FUZZ_CHECK(rc == GRP_OK, "grp_rrule_iterator_seek: %d", rc);
        rc = grp_rrule_iterator_next(&got, it);
        check_seek_result(occ, n, complete, p->seek, rc, got, "seek");
        rc = grp_rrule_next_after(&got, r, p->dtstart, p->tz, p->seek);
        check_seek_result(occ, n, complete, p->seek, rc, got, "grp_rrule_next_after");
    }
    FUZZ_CHECK(grp_rrule_iterator_seek(it, p->dtstart) == GRP_OK, "seek to DTSTART");
    for (size_t i = 0; i < n && i < 8; i++) {
        rc = grp_rrule_iterator_next(&got, it);
        FUZZ_CHECK(rc == GRP_OK && fuzz_dt_equal(got, occ[i]), "after seeking back: occurrence %zu differs",
                   i);
    }
    if (n > 0) {
        /* Seeking exactly onto an occurrence returns it. */
        size_t k = n / 2;
        FUZZ_CHECK(grp_rrule_iterator_seek(it, occ[k]) == GRP_OK, "seek to an occurrence");
        rc = grp_rrule_iterator_next(&got, it);
        FUZZ_CHECK(rc == GRP_OK && fuzz_dt_equal(got, occ[k]), "seek onto occurrence %zu: rc %d", k,
                   rc);
    }
    grp_rrule_iterator_free(it);

    /* grp_rrule_between over [seek, to] with a small max. */
    grp_datetime *list = NULL;
    size_t cnt = 0;
    rc = grp_rrule_between(&list, &cnt, r, p->dtstart, p->tz, p->seek, p->to, p->max);
    if (!grp_datetime_valid(p->seek) || !grp_datetime_valid(p->to) ||
        fuzz_dt_compare(p->seek, p->to) > 0) {
        FUZZ_CHECK(rc == GRP_EINVAL, "grp_rrule_between accepted a bad range: %d", rc);
        return n;
    }
    FUZZ_CHECK(rc == GRP_OK, "grp_rrule_between: %d", rc);
    FUZZ_CHECK((cnt == 0) == (list == NULL), "grp_rrule_between: count %zu with list %p", cnt,
               (void *)list);
    FUZZ_CHECK(p->max == 0 || cnt <= p->max, "grp_rrule_between: %zu > max %zu", cnt, p->max);
    size_t i0 = first_at_or_after(occ, n, p->seek);
    for (size_t i = 0; i < cnt; i++) {
        FUZZ_CHECK(fuzz_dt_compare(list[i], p->seek) >= 0 && fuzz_dt_compare(list[i], p->to) <= 0,
                   "grp_rrule_between: occurrence %zu outside the range", i);
        if (i0 + i < n)
            FUZZ_CHECK(fuzz_dt_equal(list[i], occ[i0 + i]), "grp_rrule_between: occurrence %zu differs",
                       i);
        else
            FUZZ_CHECK(!complete, "grp_rrule_between: occurrence %zu past the series' end", i);
    }
    /* Nothing left out: if the known series has a next one in range and
     * max did not stop the list, it must be there. */
    if (i0 + cnt < n && (p->max == 0 || cnt < p->max))
        FUZZ_CHECK(fuzz_dt_compare(occ[i0 + cnt], p->to) > 0, "grp_rrule_between left out occurrence %zu",
                   i0 + cnt);
    grp_free(list);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = fuzz_text_len(data, size);
    char *text = fuzz_strndup(data, len);
    grp_rrule *r = NULL;
    params p;
    fuzz_in in = fuzz_in_make(data + len + (len < size), size - len - (len < size));

    int rc = grp_rrule_parse(&r, text);
    if (rc != GRP_OK) {
        FUZZ_CHECK(r == NULL, "*out touched on error");
        FUZZ_CHECK(rc == GRP_EPARSE || rc == GRP_EUNSUPPORTED || rc == GRP_ENOMEM,
                   "grp_rrule_parse: unexpected code %d", rc);
        FUZZ_CHECK_ERROR(rc);
        free(text);
        return 0;
    }
    check_getters(r);
    check_format_round_trip(r);
    decode_params(&p, &in);
    static grp_datetime occ[MAX_OCC], floating[MAX_OCC];
    size_t n = expand(r, &p, occ);
    if (p.tz) {
        /* The zone only matters to a UTC UNTIL: otherwise the floating
         * expansion is the same series. */
        params pf = p;
        pf.tz = NULL;
        size_t nf = expand(r, &pf, floating);
        if (grp_rrule_until(NULL, r) != GRP_RRULE_UNTIL_UTC) {
            FUZZ_CHECK(nf == n, "%zu occurrences in the zone, %zu floating", n, nf);
            for (size_t i = 0; i < n; i++)
                FUZZ_CHECK(fuzz_dt_equal(occ[i], floating[i]), "occurrence %zu depends on the zone", i);
        }
    }
    grp_rrule_free(r);
    free(text);
    return 0;
}
