/* Fuzz the TZif reader (RFC 8536) and the POSIX TZ string parser.
 *
 * The raw bytes go to grp__tz_load_buffer (an exactly sized buffer, so any
 * read outside it is an AddressSanitizer report). A zone that loads is
 * queried at fixed instants and at instants taken from the input, and its
 * transitions are walked over a short range. The same bytes are also
 * parsed as a POSIX TZ string (a footer); a string that parses is wrapped
 * in a minimal TZif image of its own, so that the rule's evaluation (Jn, n,
 * Mm.w.d, rule times of -167..167 hours) is fuzzed too.
 *
 * Checked, beyond "no crash, no leak, no hang":
 * - offsets stay within RFC 8536's -25 h .. +26 h;
 * - grp_tz_offset_at and grp_tz_utc_to_local agree;
 * - local_to_utc(utc_to_local(t)) is an instant at or before t with the
 *   same local reading (the first of a repeated local time);
 * - transitions are increasing, chain their offsets, and agree with
 *   grp_tz_offset_at on both sides of each. */
#include "fuzz_common.h"

#include "calendar/date.h"
#include "calendar/tz.h"

#define OFF_MIN (-25 * 3600)
#define OFF_MAX (26 * 3600)
#define MAX_WALK 64

static void check_instant(const grp_tz *tz, grp_time t)
{
    int off = 0, dst = -1, off2 = 0;
    const char *abbr = NULL;
    grp_datetime local, again;
    grp_time back;

    int rc = grp_tz_offset_at(&off, &dst, &abbr, tz, t);
    int in_range = t >= GRP__SECS_MIN && t <= GRP__SECS_MAX;
    if (!in_range) {
        FUZZ_CHECK(rc == GRP_EINVAL, "offset_at(%lld) out of range: %d", (long long)t, rc);
        FUZZ_CHECK(grp_tz_utc_to_local(&local, NULL, tz, t) == GRP_EINVAL, "utc_to_local out of range");
        return;
    }
    FUZZ_CHECK(rc == GRP_OK, "grp_tz_offset_at(%lld): %d", (long long)t, rc);
    FUZZ_CHECK(off > OFF_MIN && off < OFF_MAX, "offset %d", off);
    FUZZ_CHECK(dst == 0 || dst == 1, "is_dst %d", dst);
    FUZZ_CHECK(abbr != NULL && strlen(abbr) < 256, "abbreviation");

    rc = grp_tz_utc_to_local(&local, &off2, tz, t);
    if (t + off < GRP__SECS_MIN || t + off > GRP__SECS_MAX) {
        FUZZ_CHECK(rc == GRP_EINVAL, "utc_to_local(%lld) beyond year 9999: %d", (long long)t, rc);
        return;
    }
    FUZZ_CHECK(rc == GRP_OK && off2 == off, "utc_to_local(%lld): rc %d offset %d vs %d", (long long)t,
               rc, off2, off);
    FUZZ_CHECK(grp_datetime_valid(local), "invalid local time");

    rc = grp_tz_local_to_utc(&back, tz, local);
    FUZZ_CHECK(rc == GRP_OK, "local_to_utc: %d", rc);
    FUZZ_CHECK(back <= t, "local_to_utc(utc_to_local(%lld)) = %lld is later", (long long)t,
               (long long)back);
    if (back >= GRP__SECS_MIN) {
        rc = grp_tz_utc_to_local(&again, NULL, tz, back);
        FUZZ_CHECK(rc == GRP_OK && fuzz_dt_equal(again, local),
                   "%lld and %lld do not read the same local time", (long long)t, (long long)back);
    }
}

/* A local time from the input: in a gap it moves forward, never back. */
static void check_local(const grp_tz *tz, fuzz_in *in)
{
    grp_datetime l = {1 + (int)(fuzz_u16(in) % 9999), 1 + (int)(fuzz_u8(in) % 12),
                      1 + (int)(fuzz_u8(in) % 28), (int)(fuzz_u8(in) % 24), (int)(fuzz_u8(in) % 60),
                      0};
    grp_datetime got;
    grp_time t;
    FUZZ_CHECK(grp_tz_local_to_utc(&t, tz, l) == GRP_OK, "local_to_utc of a valid local time");
    if (t < GRP__SECS_MIN || t > GRP__SECS_MAX || grp_tz_utc_to_local(&got, NULL, tz, t) != GRP_OK)
        return; /* at the edge of year 1 or 9999 */
    FUZZ_CHECK(fuzz_dt_compare(got, l) >= 0, "local_to_utc moved a local time backwards");
}

typedef struct walk {
    const grp_tz *tz;
    grp_time prev_at;
    int prev_after;
    int n;
} walk;

static int on_transition(const grp__tz_transition *tr, void *payload)
{
    walk *w = payload;
    int off;
    FUZZ_CHECK(w->n == 0 || tr->at > w->prev_at, "transitions not increasing");
    FUZZ_CHECK(w->n == 0 || tr->offset_before == w->prev_after, "transition offsets do not chain");
    FUZZ_CHECK(tr->abbrev_after != NULL && (tr->is_dst_after == 0 || tr->is_dst_after == 1),
               "transition fields");
    if (tr->at >= GRP__SECS_MIN && tr->at <= GRP__SECS_MAX)
        FUZZ_CHECK(grp_tz_offset_at(&off, NULL, NULL, w->tz, tr->at) == GRP_OK &&
                       off == tr->offset_after,
                   "offset at transition %lld", (long long)tr->at);
    if (tr->at - 1 >= GRP__SECS_MIN && tr->at - 1 <= GRP__SECS_MAX)
        FUZZ_CHECK(grp_tz_offset_at(&off, NULL, NULL, w->tz, tr->at - 1) == GRP_OK &&
                       off == tr->offset_before,
                   "offset before transition %lld", (long long)tr->at);
    w->prev_at = tr->at;
    w->prev_after = tr->offset_after;
    return ++w->n >= MAX_WALK ? 1 : 0;
}

static void check_zone(const grp_tz *tz, const uint8_t *data, size_t size)
{
    static const grp_time fixed[] = {
        GRP__SECS_MIN, GRP__SECS_MIN + 86400, -2208988800LL /* 1900 */, -1, 0,
        1774745999LL /* 2026-03-29T00:59:59Z */, 1774746000LL, 2147483647LL, 2147483648LL,
        4102444800LL /* 2100 */, GRP__SECS_MAX - 86400, GRP__SECS_MAX, GRP__SECS_MIN - 1,
        GRP__SECS_MAX + 1};
    FUZZ_CHECK(grp_tz_name(tz) != NULL, "name");
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        check_instant(tz, fixed[i]);

    /* Instants from the input's last bytes, folded into years 1..9999 (and
     * a little beyond, to reach the range checks). */
    fuzz_in in = fuzz_in_make(size > 48 ? data + size - 48 : data, size > 48 ? 48 : size);
    const uint64_t span = (uint64_t)(GRP__SECS_MAX - GRP__SECS_MIN) + 2 * 86400;
    grp_time ts[4];
    for (int k = 0; k < 4; k++) {
        ts[k] = GRP__SECS_MIN - 86400 + (grp_time)((uint64_t)fuzz_i64(&in) % span);
        check_instant(tz, ts[k]);
    }
    for (int k = 0; k < 2; k++)
        check_local(tz, &in);

    /* A short walk from one of them, and around the Unix epoch. */
    walk w = {tz, 0, 0, 0};
    FUZZ_CHECK(grp__tz_transitions(tz, ts[0], ts[0] + 50LL * 366 * 86400, on_transition, &w) >= 0,
               "transition walk");
    walk w2 = {tz, 0, 0, 0};
    FUZZ_CHECK(grp__tz_transitions(tz, -1000000000LL, 3000000000LL, on_transition, &w2) >= 0,
               "transition walk");
    FUZZ_CHECK(grp__tz_transitions(tz, 10, 5, on_transition, &w2) == GRP_OK, "empty walk");
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* A version 2 TZif image with one local time type and no transitions, so
 * that the footer rule gives local time everywhere. */
static size_t footer_zone(unsigned char *buf, const grp__tz_posix *r, const char *footer, size_t len)
{
    size_t abbr_len = strlen(r->std_abbr) + 1, n = 0;
    for (int block = 0; block < 2; block++) {
        unsigned char *h = buf + n;
        memset(h, 0, 44);
        memcpy(h, "TZif2", 5); /* magic and version: no terminator */
        put32(h + 36, 1);                  /* typecnt */
        put32(h + 40, (uint32_t)abbr_len); /* charcnt */
        n += 44;
        put32(buf + n, (uint32_t)r->std_offset);
        buf[n + 4] = 0;
        buf[n + 5] = 0;
        n += 6;
        memcpy(buf + n, r->std_abbr, abbr_len);
        n += abbr_len;
    }
    buf[n++] = '\n';
    memcpy(buf + n, footer, len);
    n += len;
    buf[n++] = '\n';
    return n;
}

static void check_posix(const uint8_t *data, size_t size)
{
    grp__tz_posix r;
    int rc = grp__tz_posix_parse(&r, (const char *)data, size);
    if (rc != GRP_OK) {
        FUZZ_CHECK(rc == GRP_EPARSE, "grp__tz_posix_parse: %d", rc);
        FUZZ_CHECK_ERROR(rc);
        return;
    }
    FUZZ_CHECK(r.std_offset > OFF_MIN && r.std_offset < OFF_MAX && r.dst_offset > OFF_MIN &&
                   r.dst_offset < OFF_MAX,
               "POSIX offsets %d %d", r.std_offset, r.dst_offset);
    FUZZ_CHECK(strlen(r.std_abbr) >= 3 && (!r.has_dst || strlen(r.dst_abbr) >= 3), "abbreviations");
    if (size > 255 || memchr(data, '\n', size))
        return;
    for (size_t i = 0; i < size; i++)
        if (data[i] < 0x20 || data[i] > 0x7e)
            return; /* a TZif footer must be printable ASCII */

    unsigned char img[2 * (44 + 6 + GRP__TZ_ABBR_MAX + 1) + 2 + 255];
    size_t n = footer_zone(img, &r, (const char *)data, size);
    grp_tz *tz = NULL;
    rc = grp__tz_load_buffer(&tz, "Fuzz/Footer", img, n);
    FUZZ_CHECK(rc == GRP_OK, "a zone made of a valid footer does not load: %d", rc);
    check_zone(tz, data, size);
    /* Only the rule's two offsets can be in force. */
    grp_time t = 0;
    for (int k = 0; k < 8; k++, t += 45LL * 86400) {
        int off;
        FUZZ_CHECK(grp_tz_offset_at(&off, NULL, NULL, tz, t) == GRP_OK &&
                       (off == r.std_offset || off == r.dst_offset),
                   "footer zone offset %d not one of %d, %d", off, r.std_offset, r.dst_offset);
    }
    grp_tz_free(tz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    grp_tz *tz = NULL;
    int rc = grp__tz_load_buffer(&tz, "Fuzz/Zone", data, size);
    if (rc == GRP_OK) {
        check_zone(tz, data, size);
        grp_tz_free(tz);
    } else {
        FUZZ_CHECK(tz == NULL, "*out set on error");
        FUZZ_CHECK(rc == GRP_EPARSE || rc == GRP_EUNSUPPORTED || rc == GRP_ENOMEM ||
                       (rc == GRP_EINVAL && size == 0),
                   "grp__tz_load_buffer: code %d", rc);
        FUZZ_CHECK_ERROR(rc);
    }
    check_posix(data, size);

    /* The footer line of a TZif image, if the input looks like one. */
    if (size >= 2 && data[size - 1] == '\n') {
        const uint8_t *start = data + size - 1;
        while (start > data && start[-1] != '\n')
            start--;
        if (start > data)
            check_posix(start, (size_t)(data + size - 1 - start));
    }
    return 0;
}
