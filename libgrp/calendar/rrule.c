/* RFC 5545 recurrence rules: the RRULE subset FREQ (DAILY..YEARLY),
 * INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST.
 *
 * Expansion works a period at a time (a year, a month or a week; for DAILY
 * a calendar month of days): the period's candidate days are built as a bit
 * set with a handful of word operations, BYSETPOS selects from it, and the
 * iterator then pops set bits. Nothing is allocated per occurrence, and the
 * period holding any date is found arithmetically, which is what makes
 * seeking cheap. Because the Gregorian calendar repeats every 400 years
 * (146097 days, a whole number of weeks), a rule whose periods stay empty
 * for 400 * INTERVAL years can never match again: that bounds every search. */
#include "calendar/rrule_impl.h"
#include "calendar/date.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>

#define DAYS_PER_CYCLE INT64_C(146097) /* 400 Gregorian years */
#define MSG_VALUE_MAX 24               /* longest value quoted in a message */
#define MAX_COUNT 2147483647LL
#define MAX_INTERVAL 2147483647LL

/* ---- bits -------------------------------------------------------------- */

#if defined(__GNUC__) || defined(__clang__)
static inline int ctz64(uint64_t x) { return __builtin_ctzll(x); }
static inline int popcount64(uint64_t x) { return __builtin_popcountll(x); }
#else
static inline int ctz64(uint64_t x)
{
    int n = 0;
    while (!(x & 1)) {
        x >>= 1;
        n++;
    }
    return n;
}
static inline int popcount64(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}
#endif

static inline uint32_t full_mask(int ndays)
{
    return (uint32_t)((UINT64_C(1) << ndays) - 1);
}

/* Bit p-1 of a 384-bit set, for p in 1..366. */
static inline int pos_test(const uint64_t *set, int p)
{
    p--;
    return p >= 0 && p < 64 * GRP__RRULE_MASK_WORDS && ((set[p >> 6] >> (p & 63)) & 1);
}

static inline void set_bit(uint64_t *mask, int i)
{
    mask[i >> 6] |= UINT64_C(1) << (i & 63);
}

/* OR a month's 31-bit set into a year's set at day offset off. */
static inline void or_at(uint64_t *mask, int off, uint32_t v)
{
    int w = off >> 6, b = off & 63;
    mask[w] |= (uint64_t)v << b;
    if (b > 32 && w + 1 < GRP__RRULE_MASK_WORDS)
        mask[w + 1] |= (uint64_t)v >> (64 - b);
}

static inline int words_for(int nbits)
{
    return (nbits + 63) >> 6;
}

/* ---- calendar helpers ---------------------------------------------------- */

static const int cum_days[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

/* Days in a month of any proleptic year (date.h's public function refuses
 * years outside 1..9999, which the first week of year 1 can touch). */
static inline int month_length(int y, int m)
{
    return m == 2 ? 28 + grp__is_leap(y) : cum_days[m] - cum_days[m - 1];
}

static inline int month_offset(int m, int leap)
{
    return cum_days[m - 1] + (leap && m > 2);
}

static inline int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static inline int64_t floor_mod(int64_t a, int64_t b)
{
    int64_t m = a % b;
    return m < 0 ? m + b : m;
}

static inline int64_t ceil_div(int64_t a, int64_t b)
{
    return -floor_div(-a, b);
}

static inline int time_of_day(grp_datetime dt)
{
    return dt.hour * 3600 + dt.minute * 60 + dt.second;
}

static int datetime_compare(grp_datetime a, grp_datetime b)
{
    int64_t da = grp__days_from_civil(a.year, a.month, a.day);
    int64_t db = grp__days_from_civil(b.year, b.month, b.day);
    if (da != db)
        return da < db ? -1 : 1;
    return time_of_day(a) < time_of_day(b) ? -1 : time_of_day(a) > time_of_day(b);
}

/* ---- parsing ------------------------------------------------------------- */

enum part {
    P_FREQ,
    P_INTERVAL,
    P_COUNT,
    P_UNTIL,
    P_BYMONTH,
    P_BYMONTHDAY,
    P_BYDAY,
    P_BYSETPOS,
    P_WKST,
    NPARTS
};

static const char *const part_names[NPARTS] = {"FREQ",       "INTERVAL", "COUNT",
                                               "UNTIL",      "BYMONTH",  "BYMONTHDAY",
                                               "BYDAY",      "BYSETPOS", "WKST"};

/* Valid in RFC 5545 / RFC 7529 but outside libgrp's subset. */
static const char *const unsupported_parts[] = {"BYHOUR",    "BYMINUTE", "BYSECOND", "BYWEEKNO",
                                                "BYYEARDAY", "RSCALE",   "SKIP"};

static const char *const freq_names[] = {"", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
static const char *const unsupported_freqs[] = {"SECONDLY", "MINUTELY", "HOURLY"};
static const char weekday_names[7][3] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static inline char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static inline int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* s[0..n) equals name, ignoring ASCII case. */
static int name_is(const char *s, size_t n, const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (name[i] == '\0' || upper(s[i]) != name[i])
            return 0;
    return name[n] == '\0';
}

static int quoted_len(size_t n)
{
    return (int)(n > MSG_VALUE_MAX ? MSG_VALUE_MAX : n);
}

static int bad_value(const char *part, const char *s, size_t n, size_t pos)
{
    return grp__error(GRP_EPARSE, "RRULE: bad %s value '%.*s' at position %zu", part, quoted_len(n),
                      s, pos);
}

/* ISO weekday of a two-letter name, 0 if none. */
static int scan_weekday(const char *s, size_t n)
{
    if (n != 2)
        return 0;
    for (int i = 0; i < 7; i++)
        if (upper(s[0]) == weekday_names[i][0] && upper(s[1]) == weekday_names[i][1])
            return i + 1;
    return 0;
}

/* An optionally signed decimal integer that is all of s[0..n), with
 * |value| <= max_abs. Returns 0 or -1. */
static int scan_number(const char *s, size_t n, int allow_sign, long long max_abs, long long *out)
{
    size_t i = 0;
    int neg = 0;
    long long v = 0;
    if (n > 0 && (s[0] == '+' || s[0] == '-')) {
        if (!allow_sign)
            return -1;
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return -1;
    for (; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
        if (v > max_abs)
            return -1;
    }
    *out = neg ? -v : v;
    return 0;
}

static int scan_fixed(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* UNTIL: DATE "YYYYMMDD" or DATE-TIME "YYYYMMDDTHHMMSS" with optional 'Z'. */
static int scan_until(struct grp_rrule *r, const char *v, size_t n)
{
    grp_datetime u = {0, 0, 0, 0, 0, 0};
    int kind;
    if (n != 8 && n != 15 && n != 16)
        return -1;
    u.year = scan_fixed(v, 4);
    u.month = scan_fixed(v + 4, 2);
    u.day = scan_fixed(v + 6, 2);
    if (n == 8) {
        kind = GRP_RRULE_UNTIL_DATE;
    } else {
        if (upper(v[8]) != 'T')
            return -1;
        u.hour = scan_fixed(v + 9, 2);
        u.minute = scan_fixed(v + 11, 2);
        u.second = scan_fixed(v + 13, 2);
        if (n == 16 && upper(v[15]) != 'Z')
            return -1;
        kind = n == 16 ? GRP_RRULE_UNTIL_UTC : GRP_RRULE_UNTIL_LOCAL;
    }
    if (!grp_datetime_valid(u))
        return -1;
    r->until = u;
    r->until_kind = kind;
    return 0;
}

/* One BYDAY element: [+|-][1..53]weekday. */
static int scan_byday(const char *e, size_t n, int *wd, int *ord)
{
    size_t i = 0, d0;
    int sign = 0, v = 0;
    if (n > 0 && (e[0] == '+' || e[0] == '-')) {
        sign = e[0] == '-' ? -1 : 1;
        i = 1;
    }
    d0 = i;
    while (i < n && i - d0 < 2 && is_digit(e[i]))
        v = v * 10 + (e[i++] - '0');
    if (i == d0 && sign)
        return -1;
    if (i > d0 && (v < 1 || v > 53))
        return -1;
    if (!(*wd = scan_weekday(e + i, n - i)))
        return -1;
    *ord = i > d0 ? (sign ? sign : 1) * v : 0;
    return 0;
}

struct parse_state {
    size_t part_pos[NPARTS];
    int have[NPARTS];
    size_t ord_pos;  /* first BYDAY element with an ordinal */
    size_t ord_len;
    const char *ord_text;
};

/* Parse the value v[0..n) of part p, found at position vpos of the text. */
static int parse_value(struct grp_rrule *r, struct parse_state *st, enum part p, const char *v,
                       size_t n, size_t vpos)
{
    const char *name = part_names[p];
    long long num;
    size_t i, j;

    switch (p) {
    case P_FREQ:
        for (i = 1; i <= 4; i++)
            if (name_is(v, n, freq_names[i])) {
                r->freq = (int)i;
                return GRP_OK;
            }
        for (i = 0; i < sizeof unsupported_freqs / sizeof unsupported_freqs[0]; i++)
            if (name_is(v, n, unsupported_freqs[i]))
                return grp__error(GRP_EUNSUPPORTED, "RRULE: FREQ=%s is not supported at position %zu",
                                  unsupported_freqs[i], vpos);
        return bad_value(name, v, n, vpos);
    case P_INTERVAL:
        if (scan_number(v, n, 0, MAX_INTERVAL, &num) || num < 1)
            return bad_value(name, v, n, vpos);
        r->interval = (int)num;
        return GRP_OK;
    case P_COUNT:
        if (scan_number(v, n, 0, MAX_COUNT, &num) || num < 1)
            return bad_value(name, v, n, vpos);
        r->count = (int)num;
        return GRP_OK;
    case P_UNTIL:
        if (scan_until(r, v, n))
            return bad_value(name, v, n, vpos);
        return GRP_OK;
    case P_WKST:
        if (!(r->wkst = scan_weekday(v, n)))
            return bad_value(name, v, n, vpos);
        return GRP_OK;
    default:
        break;
    }

    /* The lists: comma-separated, no empty element. */
    for (i = 0;; i = j + 1) {
        const char *e = v + i;
        size_t len;
        for (j = i; j < n && v[j] != ','; j++)
            ;
        len = j - i;
        switch (p) {
        case P_BYMONTH:
            if (len > 0 && upper(e[len - 1]) == 'L' && scan_number(e, len - 1, 0, 12, &num) == 0)
                return grp__error(GRP_EUNSUPPORTED,
                                  "RRULE: BYMONTH leap month '%.*s' (RFC 7529) is not supported at "
                                  "position %zu",
                                  quoted_len(len), e, vpos + i);
            if (scan_number(e, len, 0, 12, &num) || num < 1)
                return bad_value(name, e, len, vpos + i);
            r->bymonth |= UINT32_C(1) << (num - 1);
            break;
        case P_BYMONTHDAY:
            if (scan_number(e, len, 1, 31, &num) || num == 0)
                return bad_value(name, e, len, vpos + i);
            if (num > 0)
                r->bymd_pos |= UINT32_C(1) << (num - 1);
            else
                r->bymd_neg |= UINT32_C(1) << (-num - 1);
            break;
        case P_BYSETPOS:
            if (scan_number(e, len, 1, 366, &num) || num == 0)
                return bad_value(name, e, len, vpos + i);
            if (num > 0)
                set_bit(r->bysp_pos, (int)num - 1);
            else
                set_bit(r->bysp_neg, (int)-num - 1);
            break;
        case P_BYDAY: {
            int wd, ord;
            if (scan_byday(e, len, &wd, &ord))
                return bad_value(name, e, len, vpos + i);
            if (ord == 0)
                r->byday_plain |= UINT32_C(1) << (wd - 1);
            else {
                if (!st->ord_text) {
                    st->ord_text = e;
                    st->ord_len = len;
                    st->ord_pos = vpos + i;
                }
                if (ord > 0)
                    r->byday_pos[wd - 1] |= UINT64_C(1) << (ord - 1);
                else
                    r->byday_neg[wd - 1] |= UINT64_C(1) << (-ord - 1);
            }
            break;
        }
        default:
            return grp__error(GRP_ERROR, "RRULE: internal error (part %d)", (int)p);
        }
        if (j >= n)
            return GRP_OK;
    }
}

static int has_setpos(const struct grp_rrule *r)
{
    uint64_t any = 0;
    for (int i = 0; i < GRP__RRULE_MASK_WORDS; i++)
        any |= r->bysp_pos[i] | r->bysp_neg[i];
    return any != 0;
}

static int has_byday(const struct grp_rrule *r)
{
    uint64_t any = r->byday_plain;
    for (int i = 0; i < 7; i++)
        any |= r->byday_pos[i] | r->byday_neg[i];
    return any != 0;
}

/* Rules of RFC 5545 that involve more than one part. */
static int check_rule(const struct grp_rrule *r, const struct parse_state *st, size_t body)
{
    const size_t *at = st->part_pos;
    if (!st->have[P_FREQ])
        return grp__error(GRP_EPARSE, "RRULE: missing FREQ at position %zu", body);
    if (st->have[P_COUNT] && st->have[P_UNTIL])
        return grp__error(GRP_EPARSE, "RRULE: COUNT and UNTIL must not both be given at position %zu",
                          at[P_COUNT] > at[P_UNTIL] ? at[P_COUNT] : at[P_UNTIL]);
    if (st->ord_text && (r->freq == GRP_RRULE_DAILY || r->freq == GRP_RRULE_WEEKLY))
        return grp__error(GRP_EPARSE,
                          "RRULE: BYDAY ordinal '%.*s' needs FREQ=MONTHLY or YEARLY at position %zu",
                          quoted_len(st->ord_len), st->ord_text, st->ord_pos);
    if (st->have[P_BYMONTHDAY] && r->freq == GRP_RRULE_WEEKLY)
        return grp__error(GRP_EPARSE,
                          "RRULE: BYMONTHDAY is not allowed with FREQ=WEEKLY at position %zu",
                          at[P_BYMONTHDAY]);
    if (st->have[P_BYSETPOS] && !st->have[P_BYMONTH] && !st->have[P_BYMONTHDAY] &&
        !st->have[P_BYDAY])
        return grp__error(GRP_EPARSE, "RRULE: BYSETPOS needs another BYxxx part at position %zu",
                          at[P_BYSETPOS]);
    return GRP_OK;
}

int grp__rrule_parse_into(struct grp_rrule *out, const char *text)
{
    struct grp_rrule r;
    struct parse_state st;
    size_t len, p = 0, body;
    int rc;

    if (!out)
        return grp__error_null("out");
    if (!text)
        return grp__error_null("text");
    memset(&r, 0, sizeof r);
    memset(&st, 0, sizeof st);
    r.interval = 1;
    r.wkst = GRP_MONDAY;
    len = strlen(text);
    if (len >= 6 && name_is(text, 6, "RRULE:"))
        p = 6;
    body = p;
    if (p == len)
        return grp__error(GRP_EPARSE, "RRULE: empty rule at position %zu", p);

    while (p < len) {
        size_t end = p, nlen, vpos;
        const char *eq;
        int idx = -1;
        while (end < len && text[end] != ';')
            end++;
        if (end == p)
            return grp__error(GRP_EPARSE, "RRULE: empty part at position %zu", p);
        eq = memchr(text + p, '=', end - p);
        if (!eq || eq == text + p)
            return grp__error(GRP_EPARSE, "RRULE: expected NAME=VALUE at position %zu", p);
        nlen = (size_t)(eq - (text + p));
        vpos = p + nlen + 1;
        for (int i = 0; i < NPARTS && idx < 0; i++)
            if (name_is(text + p, nlen, part_names[i]))
                idx = i;
        if (idx < 0) {
            for (size_t i = 0; i < sizeof unsupported_parts / sizeof unsupported_parts[0]; i++)
                if (name_is(text + p, nlen, unsupported_parts[i]))
                    return grp__error(GRP_EUNSUPPORTED, "RRULE: %s is not supported at position %zu",
                                      unsupported_parts[i], p);
            return grp__error(GRP_EPARSE, "RRULE: unknown part '%.*s' at position %zu",
                              quoted_len(nlen), text + p, p);
        }
        if (st.have[idx])
            return grp__error(GRP_EPARSE, "RRULE: %s given twice at position %zu", part_names[idx], p);
        st.have[idx] = 1;
        st.part_pos[idx] = p;
        rc = parse_value(&r, &st, (enum part)idx, text + vpos, end - vpos, vpos);
        if (rc)
            return rc;
        p = end;
        if (p < len)
            p++; /* the ';'; a single trailing one ends the loop */
    }
    rc = check_rule(&r, &st, body);
    if (rc)
        return rc;
    *out = r;
    return GRP_OK;
}

int grp_rrule_parse(grp_rrule **out, const char *text)
{
    struct grp_rrule r;
    grp_rrule *copy;
    int rc;
    if (!out)
        return grp__error_null("out");
    rc = grp__rrule_parse_into(&r, text);
    if (rc)
        return rc;
    copy = grp__malloc(sizeof *copy);
    if (!copy)
        return grp__error_nomem("allocating a recurrence rule");
    *copy = r;
    *out = copy;
    return GRP_OK;
}

void grp_rrule_free(grp_rrule *r)
{
    grp__free(r);
}

/* ---- printing ------------------------------------------------------------ */

/* Appends to buf when it is not NULL; always counts, so that one pass
 * measures and a second one writes into an exact allocation. */
struct text_out {
    char *buf;
    size_t len;
};

static void put(struct text_out *o, const char *s, size_t n)
{
    if (o->buf)
        memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void puts_(struct text_out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_int(struct text_out *o, long long v)
{
    char t[24];
    int n = snprintf(t, sizeof t, "%lld", v);
    put(o, t, (size_t)n);
}

static void put_sep(struct text_out *o, int *first)
{
    if (!*first)
        put(o, ",", 1);
    *first = 0;
}

/* Positive values ascending, then negative values ascending. */
static void put_signed_list(struct text_out *o, const char *label, const uint64_t *pos,
                            const uint64_t *neg, int max)
{
    int first = 1;
    puts_(o, label);
    for (int v = 1; v <= max; v++)
        if (pos_test(pos, v)) {
            put_sep(o, &first);
            put_int(o, v);
        }
    for (int v = max; v >= 1; v--)
        if (pos_test(neg, v)) {
            put_sep(o, &first);
            put_int(o, -v);
        }
}

static void write_rule(struct text_out *o, const struct grp_rrule *r)
{
    char t[24];
    puts_(o, "FREQ=");
    puts_(o, freq_names[r->freq]);
    if (r->interval != 1) {
        puts_(o, ";INTERVAL=");
        put_int(o, r->interval);
    }
    if (r->count) {
        puts_(o, ";COUNT=");
        put_int(o, r->count);
    } else if (r->until_kind != GRP_RRULE_UNTIL_NONE) {
        const grp_datetime *u = &r->until;
        puts_(o, ";UNTIL=");
        if (r->until_kind == GRP_RRULE_UNTIL_DATE)
            snprintf(t, sizeof t, "%04d%02d%02d", u->year, u->month, u->day);
        else
            snprintf(t, sizeof t, "%04d%02d%02dT%02d%02d%02d%s", u->year, u->month, u->day, u->hour,
                     u->minute, u->second, r->until_kind == GRP_RRULE_UNTIL_UTC ? "Z" : "");
        puts_(o, t);
    }
    if (r->bymonth) {
        uint64_t m = r->bymonth, none = 0;
        put_signed_list(o, ";BYMONTH=", &m, &none, 12);
    }
    if (r->bymd_pos | r->bymd_neg) {
        uint64_t pos = r->bymd_pos, neg = r->bymd_neg;
        put_signed_list(o, ";BYMONTHDAY=", &pos, &neg, 31);
    }
    if (has_byday(r)) {
        int first = 1;
        puts_(o, ";BYDAY=");
        for (int w = 0; w < 7; w++) {
            if ((r->byday_plain >> w) & 1) {
                put_sep(o, &first);
                put(o, weekday_names[w], 2);
            }
            for (int n = 1; n <= 53; n++)
                if ((r->byday_pos[w] >> (n - 1)) & 1) {
                    put_sep(o, &first);
                    put_int(o, n);
                    put(o, weekday_names[w], 2);
                }
            for (int n = 53; n >= 1; n--)
                if ((r->byday_neg[w] >> (n - 1)) & 1) {
                    put_sep(o, &first);
                    put_int(o, -n);
                    put(o, weekday_names[w], 2);
                }
        }
    }
    if (has_setpos(r))
        put_signed_list(o, ";BYSETPOS=", r->bysp_pos, r->bysp_neg, 366);
    if (r->wkst != GRP_MONDAY) {
        puts_(o, ";WKST=");
        put(o, weekday_names[r->wkst - 1], 2);
    }
}

int grp_rrule_format(char **out, const grp_rrule *r)
{
    struct text_out o = {NULL, 0};
    if (!out)
        return grp__error_null("out");
    if (!r)
        return grp__error_null("r");
    write_rule(&o, r);
    o.buf = grp__malloc(o.len + 1);
    if (!o.buf)
        return grp__error_nomem("formatting a recurrence rule");
    o.len = 0;
    write_rule(&o, r);
    o.buf[o.len] = '\0';
    *out = o.buf;
    return GRP_OK;
}

int grp_rrule_equal(const grp_rrule *a, const grp_rrule *b)
{
    if (!a || !b)
        return a == b;
    if (a->freq != b->freq || a->interval != b->interval || a->count != b->count ||
        a->until_kind != b->until_kind || a->wkst != b->wkst || a->bymonth != b->bymonth ||
        a->bymd_pos != b->bymd_pos || a->bymd_neg != b->bymd_neg ||
        a->byday_plain != b->byday_plain)
        return 0;
    if (a->until_kind != GRP_RRULE_UNTIL_NONE && datetime_compare(a->until, b->until) != 0)
        return 0;
    for (int i = 0; i < 7; i++)
        if (a->byday_pos[i] != b->byday_pos[i] || a->byday_neg[i] != b->byday_neg[i])
            return 0;
    for (int i = 0; i < GRP__RRULE_MASK_WORDS; i++)
        if (a->bysp_pos[i] != b->bysp_pos[i] || a->bysp_neg[i] != b->bysp_neg[i])
            return 0;
    return 1;
}

grp_rrule_frequency grp_rrule_freq(const grp_rrule *r)
{
    return r ? (grp_rrule_frequency)r->freq : (grp_rrule_frequency)0;
}

int grp_rrule_interval(const grp_rrule *r)
{
    return r ? r->interval : 0;
}

int grp_rrule_count(const grp_rrule *r)
{
    return r ? r->count : 0;
}

grp_rrule_until_kind grp_rrule_until(grp_datetime *out, const grp_rrule *r)
{
    if (!r || r->until_kind == GRP_RRULE_UNTIL_NONE)
        return GRP_RRULE_UNTIL_NONE;
    if (out)
        *out = r->until;
    return (grp_rrule_until_kind)r->until_kind;
}

int grp_rrule_wkst(const grp_rrule *r)
{
    return r ? r->wkst : 0;
}

/* ---- the period sets ----------------------------------------------------- */

/* Keep the members of the set whose position (from the start, or from the
 * end when negative) is listed in BYSETPOS. */
static void apply_setpos(const struct grp_rrule *r, uint64_t *mask, int nwords)
{
    int total = 0, idx = 0;
    for (int w = 0; w < nwords; w++)
        total += popcount64(mask[w]);
    for (int w = 0; w < nwords; w++) {
        uint64_t x = mask[w], keep = 0;
        while (x) {
            int b = ctz64(x);
            x &= x - 1;
            idx++;
            if (pos_test(r->bysp_pos, idx) || pos_test(r->bysp_neg, total - idx + 1))
                keep |= UINT64_C(1) << b;
        }
        mask[w] = keep;
    }
}

/* BYMONTHDAY in a month of dim days: bit d-1 for day d. */
static uint32_t monthday_set(const struct grp_rrule *r, int dim)
{
    uint32_t set = r->bymd_pos & full_mask(dim);
    uint32_t neg = r->bymd_neg;
    while (neg) {
        int q = ctz64(neg) + 1;
        neg &= neg - 1;
        if (q <= dim)
            set |= UINT32_C(1) << (dim - q);
    }
    return set;
}

/* BYDAY in a month of dim days whose first day is ISO weekday f; ordinals
 * count within the month. */
static uint32_t weekday_set_month(const grp_rrule_iterator *it, int f, int dim)
{
    uint32_t set = it->wd_month[f - 1] & full_mask(dim);
    uint32_t ow = it->ord_days;
    while (ow) {
        int w = ctz64(ow) + 1;
        int first = 1 + (w - f + 7) % 7;
        int cnt = (dim - first) / 7 + 1;
        uint64_t pos = it->rule.byday_pos[w - 1], neg = it->rule.byday_neg[w - 1];
        ow &= ow - 1;
        for (int n = 1; n <= cnt; n++) {
            if ((pos >> (n - 1)) & 1)
                set |= UINT32_C(1) << (first + 7 * (n - 1) - 1);
            if ((neg >> (n - 1)) & 1)
                set |= UINT32_C(1) << (first + 7 * (cnt - n) - 1);
        }
    }
    return set;
}

/* The days of one month of a MONTHLY period, or of one BYMONTH month of a
 * YEARLY one: BYMONTHDAY expands, BYDAY expands or (with BYMONTHDAY)
 * limits, and without either the day of DTSTART is used. */
static uint32_t month_set(const grp_rrule_iterator *it, int dim, int f)
{
    const struct grp_rrule *r = &it->rule;
    int has_md = (r->bymd_pos | r->bymd_neg) != 0;
    int has_wd = (r->byday_plain | it->ord_days) != 0;
    if (has_md) {
        uint32_t set = monthday_set(r, dim);
        return has_wd ? set & weekday_set_month(it, f, dim) : set;
    }
    if (has_wd)
        return weekday_set_month(it, f, dim);
    return it->start_mday <= dim ? UINT32_C(1) << (it->start_mday - 1) : 0;
}

static void year_block(grp_rrule_iterator *it, int y)
{
    const struct grp_rrule *r = &it->rule;
    int leap = grp__is_leap(y), ny = 365 + leap;
    int64_t base = grp__days_from_civil(y, 1, 1);
    int fy = grp__weekday_from_days(base);
    int has_md = (r->bymd_pos | r->bymd_neg) != 0;
    int has_wd = (r->byday_plain | it->ord_days) != 0;
    uint64_t *mask = it->mask;

    memset(mask, 0, sizeof it->mask);
    if (r->bymonth) {
        /* BYMONTH expands; inside each month as for MONTHLY. */
        for (int m = 1; m <= 12; m++)
            if ((r->bymonth >> (m - 1)) & 1) {
                int off = month_offset(m, leap);
                or_at(mask, off, month_set(it, month_length(y, m), (fy - 1 + off) % 7 + 1));
            }
    } else if (has_md || has_wd) {
        if (has_md)
            for (int m = 1; m <= 12; m++)
                or_at(mask, month_offset(m, leap), monthday_set(r, month_length(y, m)));
        if (has_wd) {
            /* BYDAY over the whole year; ordinals count within the year. */
            uint64_t wm[GRP__RRULE_MASK_WORDS] = {0};
            uint32_t ow = it->ord_days;
            if (r->byday_plain)
                for (int m = 1; m <= 12; m++) {
                    int off = month_offset(m, leap);
                    or_at(wm, off, it->wd_month[(fy - 1 + off) % 7] & full_mask(month_length(y, m)));
                }
            while (ow) {
                int w = ctz64(ow) + 1;
                int first = (w - fy + 7) % 7;
                int cnt = (ny - 1 - first) / 7 + 1;
                uint64_t pos = r->byday_pos[w - 1], neg = r->byday_neg[w - 1];
                ow &= ow - 1;
                for (; pos; pos &= pos - 1) {
                    int n = ctz64(pos) + 1;
                    if (n <= cnt)
                        set_bit(wm, first + 7 * (n - 1));
                }
                for (; neg; neg &= neg - 1) {
                    int n = ctz64(neg) + 1;
                    if (n <= cnt)
                        set_bit(wm, first + 7 * (cnt - n));
                }
            }
            for (int i = 0; i < GRP__RRULE_MASK_WORDS; i++)
                mask[i] = has_md ? mask[i] & wm[i] : wm[i];
        }
    } else if (it->start_mday <= month_length(y, it->start_month)) {
        set_bit(mask, month_offset(it->start_month, leap) + it->start_mday - 1);
    }
    if (it->has_setpos)
        apply_setpos(r, mask, GRP__RRULE_MASK_WORDS);
    it->base = base;
    it->nbits = ny;
    it->month_block = 0;
}

static void month_block(grp_rrule_iterator *it, int y, int m)
{
    const struct grp_rrule *r = &it->rule;
    int dim = month_length(y, m);
    int64_t base = grp__days_from_civil(y, m, 1);
    uint32_t set = 0;
    if (!r->bymonth || ((r->bymonth >> (m - 1)) & 1)) {
        set = month_set(it, dim, grp__weekday_from_days(base));
        if (it->has_setpos && set) {
            uint64_t w = set;
            apply_setpos(r, &w, 1);
            set = (uint32_t)w;
        }
    }
    it->mask[0] = set;
    it->base = base;
    it->nbits = dim;
    it->month_block = 1;
    it->block_year = y;
    it->block_month = m;
}

static void week_block(grp_rrule_iterator *it, int64_t base)
{
    const struct grp_rrule *r = &it->rule;
    uint64_t set = it->week_set;
    if (r->bymonth) {
        int y, m, d, dim;
        grp__civil_from_days(base, &y, &m, &d);
        dim = month_length(y, m);
        for (int i = 0; i < 7; i++) {
            int mm = d + i <= dim ? m : m % 12 + 1;
            if (!((r->bymonth >> (mm - 1)) & 1))
                set &= ~(UINT64_C(1) << i);
        }
    }
    if (it->has_setpos && set)
        apply_setpos(r, &set, 1);
    if (base + 6 > GRP__DAYS_MAX)
        set &= full_mask((int)(GRP__DAYS_MAX - base + 1));
    it->mask[0] = set;
    it->base = base;
    it->nbits = 7;
    it->month_block = 0;
}

/* FREQ=DAILY, one calendar month at a time: the days of the month on the
 * INTERVAL lattice through DTSTART, limited by BYMONTH, BYMONTHDAY and
 * BYDAY. (BYSETPOS over a one-day period is settled once, in init.) */
static void day_block(grp_rrule_iterator *it, int y, int m)
{
    const struct grp_rrule *r = &it->rule;
    int dim = month_length(y, m);
    int64_t base = grp__days_from_civil(y, m, 1);
    int64_t k = r->interval;
    uint32_t set = 0;
    if (!r->bymonth || ((r->bymonth >> (m - 1)) & 1)) {
        int64_t off = floor_mod(it->start_day - base, k);
        if (off < dim) {
            if (k < 32)
                set = (uint32_t)((it->lattice << off) & full_mask(dim));
            else
                set = UINT32_C(1) << off;
            if (r->bymd_pos | r->bymd_neg)
                set &= monthday_set(r, dim);
            if (r->byday_plain)
                set &= it->wd_month[grp__weekday_from_days(base) - 1];
        }
    }
    it->mask[0] = set;
    it->base = base;
    it->nbits = dim;
    it->month_block = 1;
    it->block_year = y;
    it->block_month = m;
}

/* Build block n. Returns 0 when it would start after the year 9999. */
static int build_block(grp_rrule_iterator *it, int64_t n)
{
    int64_t k = it->rule.interval;
    switch (it->rule.freq) {
    case GRP_RRULE_YEARLY: {
        int64_t y = it->start_year + n * k;
        if (y > 9999)
            return 0;
        year_block(it, (int)y);
        break;
    }
    case GRP_RRULE_MONTHLY: {
        int64_t mi = it->anchor_month + n * k;
        if (mi / 12 > 9999)
            return 0;
        month_block(it, (int)(mi / 12), (int)(mi % 12) + 1);
        break;
    }
    case GRP_RRULE_WEEKLY: {
        int64_t base = it->week0 + 7 * k * n;
        if (base > GRP__DAYS_MAX)
            return 0;
        week_block(it, base);
        break;
    }
    default: {
        int64_t mi = it->anchor_month + n;
        if (mi / 12 > 9999)
            return 0;
        day_block(it, (int)(mi / 12), (int)(mi % 12) + 1);
        break;
    }
    }
    it->period = n;
    return 1;
}

static int block_has_days(const grp_rrule_iterator *it)
{
    uint64_t any = 0;
    for (int i = 0, nw = words_for(it->nbits); i < nw; i++)
        any |= it->mask[i];
    return any != 0;
}

/* Make block n current. fresh: it starts a search (after init or seek), so
 * the empty-run bound restarts there. Returns 0 if the series is over. */
static int load_block(grp_rrule_iterator *it, int64_t n, int fresh)
{
    int64_t lo;
    if (!build_block(it, n) || it->base > it->until_day) {
        it->done = 1;
        return 0;
    }
    if (fresh || block_has_days(it))
        it->hit_base = it->base;
    else if (it->base - it->hit_base > it->empty_limit) {
        it->done = 1; /* a full 400-year cycle of periods without a day */
        return 0;
    }
    lo = it->lower_day - it->base;
    it->pos = lo <= 0 ? 0 : lo >= it->nbits ? it->nbits : (int)lo;
    return 1;
}

static int next_block(grp_rrule_iterator *it)
{
    int64_t n = it->period + 1;
    int64_t k = it->rule.interval;
    if (it->rule.freq == GRP_RRULE_DAILY && k >= 28) {
        /* Most months hold no lattice day: go straight to the next one. */
        int64_t mi = it->anchor_month + n, base, day;
        int y, m, d;
        if (mi / 12 > 9999) {
            it->done = 1;
            return 0;
        }
        base = grp__days_from_civil((int)(mi / 12), (int)(mi % 12) + 1, 1);
        day = base + floor_mod(it->start_day - base, k);
        if (day > GRP__DAYS_MAX) {
            it->done = 1;
            return 0;
        }
        grp__civil_from_days(day, &y, &m, &d);
        n = (int64_t)y * 12 + m - 1 - it->anchor_month;
    }
    return load_block(it, n, 0);
}

/* First set bit at or after pos, -1 if none. */
static int next_bit(const uint64_t *mask, int pos, int nbits)
{
    int w, nw = words_for(nbits);
    uint64_t x;
    if (pos >= nbits)
        return -1;
    w = pos >> 6;
    x = mask[w] & (~UINT64_C(0) << (pos & 63));
    for (;;) {
        if (x) {
            int b = (w << 6) + ctz64(x);
            return b < nbits ? b : -1;
        }
        if (++w >= nw)
            return -1;
        x = mask[w];
    }
}

/* Set bits in [a, b). */
static int count_bits(const uint64_t *mask, int a, int b)
{
    int n = 0;
    for (int i = a; i < b;) {
        int w = i >> 6, lo = i & 63, hi = (b - (w << 6)) < 64 ? b - (w << 6) : 64;
        uint64_t x = mask[w] >> lo;
        if (hi - lo < 64)
            x &= (UINT64_C(1) << (hi - lo)) - 1;
        n += popcount64(x);
        i = (w << 6) + hi;
    }
    return n;
}

/* ---- the iterator -------------------------------------------------------- */

/* The last local day whose occurrence (at DTSTART's time of day) is not
 * after UNTIL. For a UTC UNTIL and a zone, the instant of "day d at that
 * time" never decreases with d (a zone never moves its clocks by more than
 * a day), so the answer is found next to UNTIL's local date. */
static int until_limit(int64_t *out, const struct grp_rrule *r, grp_datetime dtstart,
                       const grp_tz *tz)
{
    const grp_datetime u = r->until;
    int64_t ud = grp__days_from_civil(u.year, u.month, u.day);
    int tod = time_of_day(dtstart);
    if (r->until_kind == GRP_RRULE_UNTIL_NONE) {
        *out = GRP__DAYS_MAX;
        return GRP_OK;
    }
    if (r->until_kind == GRP_RRULE_UNTIL_DATE) {
        *out = ud;
        return GRP_OK;
    }
    if (r->until_kind == GRP_RRULE_UNTIL_LOCAL || !tz) {
        /* Local UNTIL, or floating DTSTART (compared as UTC). */
        *out = tod <= time_of_day(u) ? ud : ud - 1;
        return GRP_OK;
    }
    {
        grp_time limit, t;
        grp_datetime local, probe = dtstart;
        int64_t d;
        int rc = grp_time_from_utc(&limit, u);
        if (!rc)
            rc = grp_tz_utc_to_local(&local, NULL, tz, limit);
        if (rc)
            return rc;
        d = grp__days_from_civil(local.year, local.month, local.day);
        /* Step back while day d's occurrence is after UNTIL, then forward
         * while day d+1's is not; offsets change by at most a day, so two
         * steps each way suffice and four is a safe bound. */
        for (int i = 0; i < 4 && d >= GRP__DAYS_MIN; i++) {
            grp__civil_from_days(d, &probe.year, &probe.month, &probe.day);
            if ((rc = grp_tz_local_to_utc(&t, tz, probe)))
                return rc;
            if (t <= limit)
                break;
            d--;
        }
        for (int i = 0; i < 4 && d + 1 <= GRP__DAYS_MAX; i++) {
            grp__civil_from_days(d + 1, &probe.year, &probe.month, &probe.day);
            if ((rc = grp_tz_local_to_utc(&t, tz, probe)))
                return rc;
            if (t > limit)
                break;
            d++;
        }
        *out = d;
        return GRP_OK;
    }
}

int grp__rrule_iterator_init(grp_rrule_iterator *it, const grp_rrule *r, grp_datetime dtstart,
                             const grp_tz *tz)
{
    int64_t k;
    int rc;
    if (!it)
        return grp__error_null("out");
    if (!r)
        return grp__error_null("r");
    if (!grp_datetime_valid(dtstart))
        return grp__error(GRP_EINVAL, "argument 'dtstart' is not a valid date and time");
    memset(it, 0, sizeof *it);
    it->rule = *r;
    k = r->interval;
    it->hour = dtstart.hour;
    it->minute = dtstart.minute;
    it->second = dtstart.second;
    it->start_year = dtstart.year;
    it->start_month = dtstart.month;
    it->start_mday = dtstart.day;
    it->start_day = grp__days_from_civil(dtstart.year, dtstart.month, dtstart.day);
    it->start_wday = grp__weekday_from_days(it->start_day);
    it->anchor_month = (int64_t)dtstart.year * 12 + dtstart.month - 1;
    it->week0 = it->start_day - (it->start_wday - r->wkst + 7) % 7;
    it->empty_limit = DAYS_PER_CYCLE * k;
    it->has_setpos = has_setpos(r);
    for (int f = 1; f <= 7; f++)
        for (int d = 1; d <= 31; d++)
            if ((r->byday_plain >> ((f - 1 + d - 1) % 7)) & 1)
                it->wd_month[f - 1] |= UINT32_C(1) << (d - 1);
    for (int w = 0; w < 7; w++)
        if (r->byday_pos[w] | r->byday_neg[w])
            it->ord_days |= UINT32_C(1) << w;
    if (k < 64)
        for (int j = 0; j < 64; j += (int)k)
            it->lattice |= UINT64_C(1) << j;
    if (r->byday_plain) {
        for (int w = 1; w <= 7; w++)
            if ((r->byday_plain >> (w - 1)) & 1)
                it->week_set |= UINT32_C(1) << ((w - r->wkst + 7) % 7);
    } else {
        it->week_set = UINT32_C(1) << ((it->start_wday - r->wkst + 7) % 7);
    }
    /* A DAILY period holds one day, so BYSETPOS keeps it only through 1
     * or -1. */
    it->never = r->freq == GRP_RRULE_DAILY && it->has_setpos && !pos_test(r->bysp_pos, 1) &&
                !pos_test(r->bysp_neg, 1);
    rc = until_limit(&it->until_day, r, dtstart, tz);
    if (rc)
        return rc;
    it->lower_day = it->start_day;
    it->done = it->never;
    if (!it->done)
        load_block(it, 0, 1);
    return GRP_OK;
}

static int iter_next(grp_datetime *out, grp_rrule_iterator *it)
{
    if (it->done)
        return GRP_ITEROVER;
    if (it->rule.count && it->emitted >= it->rule.count) {
        it->done = 1;
        return GRP_ITEROVER;
    }
    for (;;) {
        int bit = next_bit(it->mask, it->pos, it->nbits);
        if (bit >= 0) {
            int64_t day = it->base + bit;
            if (day > it->until_day) {
                it->done = 1;
                return GRP_ITEROVER;
            }
            it->pos = bit + 1;
            it->emitted++;
            if (it->month_block) {
                out->year = it->block_year;
                out->month = it->block_month;
                out->day = bit + 1;
            } else {
                grp__civil_from_days(day, &out->year, &out->month, &out->day);
            }
            out->hour = it->hour;
            out->minute = it->minute;
            out->second = it->second;
            return GRP_OK;
        }
        if (!next_block(it))
            return GRP_ITEROVER;
    }
}

/* Index of the block holding day L, or of the first one after it. */
static int64_t block_of_day(const grp_rrule_iterator *it, int64_t L)
{
    int y, m, d;
    int64_t k = it->rule.interval;
    grp__civil_from_days(L, &y, &m, &d);
    switch (it->rule.freq) {
    case GRP_RRULE_YEARLY:
        return ceil_div(y - it->start_year, k);
    case GRP_RRULE_MONTHLY:
        return ceil_div((int64_t)y * 12 + m - 1 - it->anchor_month, k);
    case GRP_RRULE_WEEKLY:
        return ceil_div(floor_div(L - it->week0, 7), k);
    default:
        return (int64_t)y * 12 + m - 1 - it->anchor_month;
    }
}

static void iter_seek(grp_rrule_iterator *it, grp_datetime from)
{
    int64_t L = grp__days_from_civil(from.year, from.month, from.day);
    int tod = it->hour * 3600 + it->minute * 60 + it->second;
    if (time_of_day(from) > tod)
        L++; /* that day's occurrence is before `from` */
    if (L < it->start_day)
        L = it->start_day;
    it->emitted = 0;
    it->done = it->never;
    if (it->done)
        return;
    if (L > it->until_day) {
        it->done = 1;
        return;
    }
    if (!it->rule.count) {
        it->lower_day = L;
        load_block(it, block_of_day(it, L), 1);
        return;
    }
    /* COUNT: the occurrences before L use up the count, so count them, a
     * whole period at a time. */
    it->lower_day = it->start_day;
    if (!load_block(it, 0, 1))
        return;
    for (;;) {
        int64_t end = it->base + it->nbits;
        int64_t lim = end > L ? L - it->base : it->nbits;
        int64_t ulim = it->until_day - it->base + 1;
        if (lim < it->pos)
            lim = it->pos;
        it->emitted += count_bits(it->mask, it->pos, (int)(ulim < lim ? ulim : lim));
        if (it->emitted >= it->rule.count) {
            it->done = 1;
            return;
        }
        if (end > L) {
            it->pos = (int)lim;
            break;
        }
        if (!next_block(it))
            return;
    }
    it->lower_day = L;
}

int grp_rrule_iterator_new(grp_rrule_iterator **out, const grp_rrule *r, grp_datetime dtstart,
                           const grp_tz *tz)
{
    grp_rrule_iterator *it;
    int rc;
    if (!out)
        return grp__error_null("out");
    if (!r)
        return grp__error_null("r");
    it = grp__malloc(sizeof *it);
    if (!it)
        return grp__error_nomem("allocating a recurrence iterator");
    rc = grp__rrule_iterator_init(it, r, dtstart, tz);
    if (rc) {
        grp__free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

int grp_rrule_iterator_next(grp_datetime *out, grp_rrule_iterator *it)
{
    if (!out)
        return grp__error_null("out");
    if (!it)
        return grp__error_null("it");
    return iter_next(out, it);
}

int grp_rrule_iterator_seek(grp_rrule_iterator *it, grp_datetime from)
{
    if (!it)
        return grp__error_null("it");
    if (!grp_datetime_valid(from))
        return grp__error(GRP_EINVAL, "argument 'from' is not a valid date and time");
    iter_seek(it, from);
    return GRP_OK;
}

void grp_rrule_iterator_free(grp_rrule_iterator *it)
{
    grp__free(it);
}

int grp_rrule_next_after(grp_datetime *out, const grp_rrule *r, grp_datetime dtstart,
                         const grp_tz *tz, grp_datetime from)
{
    grp_rrule_iterator it;
    int rc;
    if (!out)
        return grp__error_null("out");
    if (!grp_datetime_valid(from))
        return grp__error(GRP_EINVAL, "argument 'from' is not a valid date and time");
    rc = grp__rrule_iterator_init(&it, r, dtstart, tz);
    if (rc)
        return rc;
    iter_seek(&it, from);
    return iter_next(out, &it);
}

int grp_rrule_between(grp_datetime **out, size_t *count_out, const grp_rrule *r,
                      grp_datetime dtstart, const grp_tz *tz, grp_datetime from, grp_datetime to,
                      size_t max)
{
    grp_rrule_iterator it = {0};
    grp_datetime *list = NULL, occ;
    size_t n = 0, cap = 0;
    int rc;
    if (!out)
        return grp__error_null("out");
    if (!count_out)
        return grp__error_null("count_out");
    if (!grp_datetime_valid(from))
        return grp__error(GRP_EINVAL, "argument 'from' is not a valid date and time");
    if (!grp_datetime_valid(to))
        return grp__error(GRP_EINVAL, "argument 'to' is not a valid date and time");
    if (datetime_compare(from, to) > 0)
        return grp__error(GRP_EINVAL, "argument 'from' is after argument 'to'");
    rc = grp__rrule_iterator_init(&it, r, dtstart, tz);
    if (rc)
        return rc;
    iter_seek(&it, from);
    while ((max == 0 || n < max) && iter_next(&occ, &it) == GRP_OK) {
        if (datetime_compare(occ, to) > 0)
            break;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            grp_datetime *grown;
            if (ncap > (size_t)-1 / sizeof *list ||
                !(grown = grp__realloc(list, ncap * sizeof *list))) {
                grp__free(list);
                return grp__error_nomem("collecting occurrences");
            }
            list = grown;
            cap = ncap;
        }
        list[n++] = occ;
    }
    *out = list;
    *count_out = n;
    return GRP_OK;
}
