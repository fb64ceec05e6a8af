/* iCalendar (RFC 5545) export of a group's schedule.
 *
 * The store is read once (group, cadence segments, every stored session),
 * then a plan is made: each segment becomes a series (DTSTART at its first
 * real occurrence, RRULE bounded by the segment's end), and each stored
 * session is either an exception of the series whose occurrence it is
 * (EXDATE or a RECURRENCE-ID override) or an event of its own. This is the
 * same merge grp__sessions_in_range() performs, so a client expanding the
 * document sees exactly the sessions libgrp lists, less the cancelled ones.
 * Only then is the document written, so nothing is half-written on error. */
#include "model/model.h"
#include "model/cadence.h"
#include "calendar/date.h"
#include "calendar/tz.h"
#include "libgrp/ical.h"
#include "libgrp/rrule.h"
#include "libgrp/version.h"
#include "util/alloc.h"
#include "util/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DAY ((grp_time)86400)
/* 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: every stored instant. */
#define TIME_MIN ((grp_time)-62135596800LL)
#define TIME_MAX ((grp_time)253402300800LL)
/* How far an open-ended series is taken to reach when choosing how many
 * years of explicit time-zone changes to write (yearly rules stay open). */
#define OPEN_SPAN (3653 * DAY)
/* COUNT-bounded series: steps walked to find the last occurrence, which only
 * sizes the VTIMEZONE (the RRULE keeps its COUNT). */
#define COUNT_WALK_MAX 100000
#define ICAL_FOLD 75
#define PRODID_MAX 200
#define DOMAIN_MAX 253

/* ---- growable buffer ------------------------------------------------------ */

typedef struct buf {
    char *p;
    size_t len, cap;
    int failed; /* 0, or the GRP_E* code of the first failure (error set) */
} buf;

static int buf_reserve(buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->cap - b->len > extra)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= extra) {
        if (cap > ((size_t)-1) / 2) {
            cap = 0;
            break;
        }
        cap *= 2;
    }
    char *p = cap ? grp__realloc(b->p, cap) : NULL;
    if (!p) {
        b->failed = grp__error_nomem("building an iCalendar document");
        return 0;
    }
    b->p = p;
    b->cap = cap;
    return 1;
}

static void buf_put(buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_puts(buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void buf_printf(buf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) { /* only short numeric items are printed */
        b->failed = grp__error(GRP_ERROR, "iCalendar: an item did not fit its buffer");
        return;
    }
    buf_put(b, tmp, (size_t)n);
}

/* ---- content lines -------------------------------------------------------- */

typedef struct writer {
    buf doc;
    buf line; /* the content line being built, unfolded */
} writer;

static void line_begin(writer *w, const char *name)
{
    w->line.len = 0;
    buf_puts(&w->line, name);
}

/* Fold the current line into the document: at most 75 octets per physical
 * line (RFC 5545 3.1), continuation lines start with one space, and a break
 * never falls inside a UTF-8 sequence. */
static void line_end(writer *w)
{
    const char *s = w->line.p ? w->line.p : "";
    size_t n = w->line.len, i = 0, room = ICAL_FOLD;
    if (w->line.failed) {
        if (!w->doc.failed)
            w->doc.failed = w->line.failed;
        return;
    }
    while (n - i > room) {
        size_t cut = i + room;
        while (cut > i && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == i) /* not UTF-8 (cannot happen: text is sanitised) */
            cut = i + room;
        buf_put(&w->doc, s + i, cut - i);
        buf_put(&w->doc, "\r\n ", 3);
        i = cut;
        room = ICAL_FOLD - 1;
    }
    buf_put(&w->doc, s + i, n - i);
    buf_put(&w->doc, "\r\n", 2);
}

/* A whole line whose value needs no escaping. */
static void line_raw(writer *w, const char *name, const char *value)
{
    line_begin(w, name);
    buf_puts(&w->line, value);
    line_end(w);
}

/* Length of the well-formed UTF-8 sequence at s, or 0. */
static size_t utf8_seq(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    for (size_t k = 1; k < n; k++)
        if (!s[k])
            return 0;
    return n && grp__utf8_valid(s, n) ? n : 0;
}

/* A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped,
 * any line break written as \n. Other control characters are not allowed in
 * TEXT and are dropped; bytes that are not UTF-8 become U+FFFD. */
static void put_text(buf *b, const char *s)
{
    while (*s) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == ';' || c == ',') {
            char esc[2] = {'\\', (char)c};
            buf_put(b, esc, 2);
            s++;
        } else if (c == '\r' || c == '\n') {
            buf_put(b, "\\n", 2);
            s += (c == '\r' && s[1] == '\n') ? 2 : 1;
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
            s++;
        } else {
            size_t n = utf8_seq(s);
            if (n)
                buf_put(b, s, n);
            else
                buf_put(b, "\xEF\xBF\xBD", 3);
            s += n ? n : 1;
        }
    }
}

static void line_text(writer *w, const char *name, const char *value)
{
    line_begin(w, name);
    put_text(&w->line, value);
    line_end(w);
}

/* "YYYYMMDDTHHMMSS" (local) */
static char *put_digits(char *p, int v, int n)
{
    unsigned u = v < 0 ? 0u : (unsigned)v; /* valid date-times only */
    for (int i = n - 1; i >= 0; i--, u /= 10)
        p[i] = (char)('0' + u % 10);
    return p + n;
}

static void fmt_local(char out[16], grp_datetime d)
{
    char *p = put_digits(out, d.year, 4);
    p = put_digits(p, d.month, 2);
    p = put_digits(p, d.day, 2);
    *p++ = 'T';
    p = put_digits(p, d.hour, 2);
    p = put_digits(p, d.minute, 2);
    p = put_digits(p, d.second, 2);
    *p = '\0';
}

/* "YYYYMMDDTHHMMSSZ"; the instant must be in range (checked by callers). */
static void fmt_utc(char out[17], grp_time t)
{
    grp_datetime d = {0, 0, 0, 0, 0, 0};
    grp_time_to_utc(&d, t);
    fmt_local(out, d);
    out[15] = 'Z';
    out[16] = '\0';
}

/* A property with a local date-time and a TZID parameter. */
static void line_zoned(writer *w, const char *name, const char *zone, grp_datetime d)
{
    char v[16];
    fmt_local(v, d);
    line_begin(w, name);
    buf_puts(&w->line, ";TZID=");
    buf_puts(&w->line, zone); /* IANA names hold no ; : , or quote */
    buf_puts(&w->line, ":");
    buf_puts(&w->line, v);
    line_end(w);
}

/* DURATION of a session: exact (RFC 5545 3.3.6: hours and minutes are
 * exact, days would be nominal). */
static void line_duration(writer *w, int minutes)
{
    line_begin(w, "DURATION:PT");
    if (minutes >= 60)
        buf_printf(&w->line, "%dH", minutes / 60);
    if (minutes % 60 || minutes < 60)
        buf_printf(&w->line, "%dM", minutes % 60);
    line_end(w);
}

/* UTC offset: "+HHMM", or "+HHMMSS" when it has seconds (RFC 5545 3.3.14). */
static void line_offset(writer *w, const char *name, int seconds)
{
    int a = seconds < 0 ? -seconds : seconds;
    line_begin(w, name);
    buf_printf(&w->line, "%c%02d%02d", seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    if (a % 60)
        buf_printf(&w->line, "%02d", a % 60);
    line_end(w);
}

/* ---- options -------------------------------------------------------------- */

int grp_ical_options_init(grp_ical_options *opts, unsigned int version)
{
    if (!opts)
        return grp__error_null("opts");
    if (version != GRP_ICAL_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_ical_options version %u is unknown", version);
    grp_ical_options d = GRP_ICAL_OPTIONS_INIT;
    *opts = d;
    return GRP_OK;
}

static int check_options(const grp_ical_options *o)
{
    int rc;
    grp_datetime dt;
    if (o->version != GRP_ICAL_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_ical_options version %u is unknown", o->version);
    if ((rc = grp__check_text("opts.prodid", o->prodid, PRODID_MAX, 0, 0)))
        return rc;
    if (o->uid_domain) {
        size_t n = strlen(o->uid_domain);
        if (n == 0 || n > DOMAIN_MAX)
            return grp__error(GRP_EINVAL, "argument 'opts.uid_domain' must be 1..%d characters long", DOMAIN_MAX);
        for (size_t i = 0; i < n; i++) {
            char c = o->uid_domain[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '-'))
                return grp__error(GRP_EINVAL,
                                  "argument 'opts.uid_domain' has '%c' at position %zu: only letters, digits, "
                                  "'.' and '-' are allowed", (c > 0x20 && c < 0x7F) ? c : '?', i);
        }
    }
    if (o->dtstamp && grp_time_to_utc(&dt, o->dtstamp))
        return grp__error(GRP_EINVAL, "argument 'opts.dtstamp' (%lld) is outside the years 1..9999",
                          (long long)o->dtstamp);
    return GRP_OK;
}

/* ---- the plan ------------------------------------------------------------- */

/* One cadence segment as a recurring VEVENT. */
typedef struct series {
    const struct grp_cadence *c;
    const grp_tz *tz;
    grp_rrule *rule;
    grp_datetime dtstart; /* the segment's nominal DTSTART (first date, start time) */
    int empty;            /* no occurrence at all: no VEVENT */
    grp_datetime first;   /* the VEVENT's DTSTART: the first occurrence */
    char *rrule_text;     /* the RRULE written (owned) */
    grp_time span_from, span_to;
    const struct grp_session **exdates; /* borrowed from the stored sessions */
    size_t n_exdates;
    const struct grp_session **overrides;
    size_t n_overrides;
} series;

typedef struct plan {
    grp_store *s;
    struct grp_group group;
    grp__list segs;
    grp__list stored;
    series *series;
    size_t n_series;
    const struct grp_session **alone; /* stored sessions written as events of their own */
    size_t n_alone;
    const char **zones;      /* names borrowed from the records */
    size_t n_zones;
    grp_time span_from, span_to;
    int have_span;
} plan;

static void free_session_item(void *p)
{
    grp_session_free(p);
}

static int dt_cmp(grp_datetime a, grp_datetime b)
{
    int x[6] = {a.year, a.month, a.day, a.hour, a.minute, a.second};
    int y[6] = {b.year, b.month, b.day, b.hour, b.minute, b.second};
    for (int i = 0; i < 6; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static grp_date date_of(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return d;
}

static grp_datetime midnight(grp_date d)
{
    grp_datetime dt = {d.year, d.month, d.day, 0, 0, 0};
    return dt;
}

static int push_session(const struct grp_session ***v, size_t *n, const struct grp_session *x)
{
    const struct grp_session **grown = grp__realloc((void *)*v, (*n + 1) * sizeof **v);
    if (!grown)
        return grp__error_nomem("planning an iCalendar export");
    grown[(*n)++] = x;
    *v = grown;
    return GRP_OK;
}

static void widen(plan *p, grp_time from, grp_time to)
{
    if (!p->have_span || from < p->span_from)
        p->span_from = from;
    if (!p->have_span || to > p->span_to)
        p->span_to = to;
    p->have_span = 1;
}

static int add_zone(plan *p, const char *name)
{
    for (size_t i = 0; i < p->n_zones; i++)
        if (strcmp(p->zones[i], name) == 0)
            return GRP_OK;
    const char **grown = grp__realloc(p->zones, (p->n_zones + 1) * sizeof *grown);
    if (!grown)
        return grp__error_nomem("planning an iCalendar export");
    grown[p->n_zones++] = name;
    p->zones = grown;
    return GRP_OK;
}

/* The last occurrence of the segment's rule on a local date before `limit`
 * (exclusive), without walking the series from its start: look back a
 * window at a time, each eight times longer. *more is 1 when the rule has an
 * occurrence on or after `limit` (the segment, not the rule, ends there).
 * GRP_ITEROVER when there is none. */
static int last_before(grp_datetime *last, int *more, const series *sr, grp_date limit)
{
    grp_rrule_iterator *it = NULL;
    int64_t start = grp__date_days(sr->c->first_date), lim = grp__date_days(limit), back = 400;
    int rc = grp_rrule_iterator_new(&it, sr->rule, sr->dtstart, sr->tz);
    if (rc)
        return rc;
    for (;;) {
        int64_t from = lim - back < start ? start : lim - back;
        grp_datetime occ;
        int found = 0;
        *more = 0;
        if ((rc = grp_rrule_iterator_seek(it, midnight(grp__date_from_days(from)))))
            break;
        while ((rc = grp_rrule_iterator_next(&occ, it)) == GRP_OK) {
            if (grp__date_days(date_of(occ)) >= lim) {
                *more = 1;
                break;
            }
            *last = occ;
            found = 1;
        }
        if (rc != GRP_OK && rc != GRP_ITEROVER)
            break;
        if (found) {
            rc = GRP_OK;
            break;
        }
        if (from == start) {
            rc = GRP_ITEROVER;
            break;
        }
        back *= 8;
    }
    grp_rrule_iterator_free(it);
    return rc;
}

static void put_part(buf *b, int *first, const char *s, size_t n)
{
    if (!*first)
        buf_put(b, ";", 1);
    *first = 0;
    buf_put(b, s, n);
}

/* The rule text with COUNT and UNTIL replaced by UNTIL=<until>Z, in the
 * canonical part order (FREQ, INTERVAL, UNTIL, the rest). */
static int rule_with_until(char **out, const char *canonical, grp_time until)
{
    buf b = {NULL, 0, 0, 0};
    char u[24] = "UNTIL=";
    int first = 1, placed = 0;
    fmt_utc(u + 6, until);
    for (const char *q = canonical; *q;) {
        const char *e = strchr(q, ';');
        size_t len = e ? (size_t)(e - q) : strlen(q);
        int head = strncmp(q, "FREQ=", 5) == 0 || strncmp(q, "INTERVAL=", 9) == 0;
        if (!placed && !head) {
            put_part(&b, &first, u, strlen(u));
            placed = 1;
        }
        if (!(strncmp(q, "COUNT=", 6) == 0 || strncmp(q, "UNTIL=", 6) == 0))
            put_part(&b, &first, q, len);
        q += len + (e ? 1 : 0);
    }
    if (!placed)
        put_part(&b, &first, u, strlen(u));
    if (b.failed) {
        grp__free(b.p);
        return b.failed;
    }
    /* Never write a rule libgrp itself would refuse. */
    grp_rrule *check = NULL;
    int rc = grp_rrule_parse(&check, b.p);
    grp_rrule_free(check);
    if (rc) {
        grp__free(b.p);
        return rc == GRP_ENOMEM ? rc : grp__error(GRP_ERROR, "iCalendar: could not bound rule '%s'", canonical);
    }
    *out = b.p;
    return GRP_OK;
}

/* Work out segment sr's VEVENT: first occurrence, bounded rule, span. */
static int plan_series(plan *p, series *sr)
{
    const struct grp_cadence *c = sr->c;
    grp_datetime until_dt, last = {0, 0, 0, 0, 0, 0};
    grp_time first_utc, last_utc = 0;
    int rc, more = 0, bounded;
    if ((rc = grp__store_tz(p->s, c->timezone, &sr->tz)) || (rc = grp_rrule_parse(&sr->rule, c->rrule)))
        return rc;
    sr->dtstart = grp__cadence_dtstart(c);
    /* RFC 5545 counts DTSTART as an instance even when the rule does not
     * give it; a segment's first date need not match its rule, so the
     * event starts at the rule's first occurrence instead. Everything else
     * the rule takes from DTSTART (its period and phase) is unchanged,
     * because that occurrence lies in a period the rule selects. */
    rc = grp_rrule_next_after(&sr->first, sr->rule, sr->dtstart, sr->tz, sr->dtstart);
    if (rc == GRP_ITEROVER ||
        (rc == GRP_OK && grp_date_is_set(c->until) && grp_date_compare(date_of(sr->first), c->until) >= 0)) {
        sr->empty = 1;
        return GRP_OK;
    }
    if (rc || (rc = grp_tz_local_to_utc(&first_utc, sr->tz, sr->first)))
        return rc;

    grp_rrule_until_kind kind = grp_rrule_until(&until_dt, sr->rule);
    if (grp_date_is_set(c->until) || kind != GRP_RRULE_UNTIL_NONE) {
        /* UNTIL must be UTC when DTSTART has a TZID (RFC 5545 3.3.10), and
         * the last instance must be the last session before the segment
         * ends: find that session, then bound the rule just after it. */
        grp_date limit;
        if (grp_date_is_set(c->until))
            limit = c->until;
        else if (grp_date_add_days(&limit, date_of(until_dt), 2) != GRP_OK)
            limit = grp__date_from_days(GRP__DAYS_MAX); /* the rule ends before anyway */
        if ((rc = last_before(&last, &more, sr, limit)) == GRP_ITEROVER) {
            sr->empty = 1;
            return GRP_OK;
        }
        if (rc || (rc = grp_tz_local_to_utc(&last_utc, sr->tz, last)))
            return rc;
        grp_time bound = last_utc;
        if (more && grp_date_is_set(c->until)) {
            /* The series goes on past the segment: stop just before the
             * first instant of the segment's end date, the bound least
             * sensitive to how a client resolves local times. */
            if ((rc = grp_tz_local_to_utc(&bound, sr->tz, midnight(c->until))))
                return rc;
            bound -= 1;
        }
        if ((rc = rule_with_until(&sr->rrule_text, c->rrule, bound)))
            return rc;
        bounded = 1;
    } else {
        if (!(sr->rrule_text = grp__strdup(c->rrule)))
            return grp__error_nomem("planning an iCalendar export");
        bounded = 0;
        if (grp_rrule_count(sr->rule) > 0) {
            /* Only to size the VTIMEZONE. */
            grp_rrule_iterator *it = NULL;
            grp_datetime occ;
            if ((rc = grp_rrule_iterator_new(&it, sr->rule, sr->dtstart, sr->tz)))
                return rc;
            for (int i = 0; i < COUNT_WALK_MAX && (rc = grp_rrule_iterator_next(&occ, it)) == GRP_OK; i++)
                last = occ;
            grp_rrule_iterator_free(it);
            if (rc == GRP_ITEROVER) {
                if ((rc = grp_tz_local_to_utc(&last_utc, sr->tz, last)))
                    return rc;
                bounded = 1;
            } else if (rc)
                return rc;
        }
    }
    sr->span_from = first_utc;
    sr->span_to = bounded ? last_utc + (grp_time)c->duration * 60 : first_utc + OPEN_SPAN;
    widen(p, sr->span_from, sr->span_to);
    return GRP_OK;
}

/* 1 if occ is an occurrence of series sr (the occurrence a stored session
 * replaces, as when listing). */
static int in_series(const series *sr, grp_datetime occ)
{
    grp_datetime found;
    const struct grp_cadence *c = sr->c;
    grp_date d = date_of(occ);
    if (sr->empty || grp_date_compare(d, c->first_date) < 0 ||
        (grp_date_is_set(c->until) && grp_date_compare(d, c->until) >= 0))
        return 0;
    return grp_rrule_next_after(&found, sr->rule, sr->dtstart, sr->tz, occ) == GRP_OK && dt_cmp(found, occ) == 0;
}

/* The zone of a stored session (never NULL in a store libgrp wrote). */
static const char *zone_of(const struct grp_session *x, const plan *p)
{
    return x->timezone ? x->timezone : p->group.timezone;
}

static int cancelled(const struct grp_session *x)
{
    return x->status == GRP_SESSION_CANCELLED || x->status == GRP_SESSION_NOT_HELD;
}

/* Does stored session x differ from the occurrence its series would give? */
static int overridden(const struct grp_session *x, const series *sr, const plan *p)
{
    return dt_cmp(x->start_local, x->occurrence) != 0 || x->duration != sr->c->duration || x->location ||
           x->meeting_link || strcmp(zone_of(x, p), sr->c->timezone) != 0;
}

static int by_occurrence(const void *a, const void *b)
{
    const struct grp_session *x = *(const struct grp_session *const *)a;
    const struct grp_session *y = *(const struct grp_session *const *)b;
    return dt_cmp(x->occurrence, y->occurrence);
}

static int by_start(const void *a, const void *b)
{
    const struct grp_session *x = *(const struct grp_session *const *)a;
    const struct grp_session *y = *(const struct grp_session *const *)b;
    if (x->start_utc != y->start_utc)
        return x->start_utc < y->start_utc ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int plan_make(plan *p, grp_id group_id)
{
    int rc;
    p->stored.free_item = free_session_item;
    if ((rc = p->s->be->group_load(p->s, group_id, &p->group)) ||
        (rc = grp__cadence_load_all(p->s, group_id, &p->segs)) ||
        (rc = p->s->be->session_range(p->s, group_id, TIME_MIN, TIME_MAX, &p->stored)))
        return rc;
    if ((rc = add_zone(p, p->group.timezone)))
        return rc;
    if (p->segs.count && !(p->series = grp__calloc(p->segs.count, sizeof *p->series)))
        return grp__error_nomem("planning an iCalendar export");
    for (size_t i = 0; i < p->segs.count; i++) {
        series *sr = &p->series[p->n_series++];
        sr->c = p->segs.items[i];
        if ((rc = plan_series(p, sr)))
            return rc;
        if (!sr->empty && (rc = add_zone(p, sr->c->timezone)))
            return rc;
    }
    for (size_t j = 0; j < p->stored.count; j++) {
        const struct grp_session *x = p->stored.items[j];
        series *owner = NULL;
        for (size_t i = 0; i < p->n_series && x->has_occurrence && !owner; i++)
            if (in_series(&p->series[i], x->occurrence))
                owner = &p->series[i];
        if (owner && cancelled(x))
            rc = push_session(&owner->exdates, &owner->n_exdates, x);
        else if (owner && overridden(x, owner, p))
            rc = push_session(&owner->overrides, &owner->n_overrides, x);
        else if (!owner && !cancelled(x))
            rc = push_session(&p->alone, &p->n_alone, x);
        else
            continue; /* an occurrence as the series gives it, or a cancelled extra */
        if (rc || (rc = add_zone(p, zone_of(x, p))))
            return rc;
        if (owner)
            widen(p, x->occurrence_utc, x->occurrence_utc);
        if (!cancelled(x))
            widen(p, x->start_utc, x->start_utc + (grp_time)x->duration * 60);
    }
    for (size_t i = 0; i < p->n_series; i++) {
        series *sr = &p->series[i];
        if (sr->n_exdates > 1)
            qsort(sr->exdates, sr->n_exdates, sizeof *sr->exdates, by_occurrence);
        if (sr->n_overrides > 1)
            qsort(sr->overrides, sr->n_overrides, sizeof *sr->overrides, by_occurrence);
    }
    if (p->n_alone > 1)
        qsort(p->alone, p->n_alone, sizeof *p->alone, by_start);
    return GRP_OK;
}

static void plan_dispose(plan *p)
{
    for (size_t i = 0; i < p->n_series; i++) {
        grp_rrule_free(p->series[i].rule);
        grp__free(p->series[i].rrule_text);
        grp__free((void *)p->series[i].exdates);
        grp__free((void *)p->series[i].overrides);
    }
    grp__free(p->series);
    grp__free((void *)p->alone);
    grp__free(p->zones);
    grp__list_dispose(&p->stored);
    grp__list_dispose(&p->segs);
    grp__group_clear(&p->group);
}

/* ---- VTIMEZONE ------------------------------------------------------------ */

typedef struct tz_change {
    grp_time at;
    int from, to, dst;
    const char *abbrev;
    grp_datetime local; /* wall-clock time of the change, in the offset before it */
    int wday, nth, last; /* ISO weekday; which one of the month (1..5); last of the month */
} tz_change;

typedef struct tz_changes {
    tz_change *v;
    size_t n, cap;
} tz_changes;

static int collect_change(const grp__tz_transition *t, void *payload)
{
    tz_changes *l = payload;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        tz_change *grown = grp__realloc(l->v, cap * sizeof *grown);
        if (!grown)
            return grp__error_nomem("describing a time zone");
        l->v = grown;
        l->cap = cap;
    }
    tz_change *c = &l->v[l->n];
    memset(c, 0, sizeof *c);
    c->at = t->at;
    c->from = t->offset_before;
    c->to = t->offset_after;
    c->dst = t->is_dst_after;
    c->abbrev = t->abbrev_after ? t->abbrev_after : "";
    if (grp_time_to_utc(&c->local, t->at + t->offset_before))
        return GRP_OK; /* outside the years 1..9999: not writable, skip */
    c->wday = grp_date_weekday(date_of(c->local));
    c->nth = (c->local.day - 1) / 7 + 1;
    c->last = c->local.day + 7 > grp_date_days_in_month(c->local.year, c->local.month);
    l->n++;
    return GRP_OK;
}

/* Changes of one kind, one a year at the same wall-clock time on the same
 * day rule, become one sub-component with a yearly RRULE. */
typedef struct tz_run {
    size_t first, last, count;
    int can_nth, can_last, can_mday;
} tz_run;

static int same_kind(const tz_change *a, const tz_change *b)
{
    return a->from == b->from && a->to == b->to && a->dst == b->dst && strcmp(a->abbrev, b->abbrev) == 0;
}

static const char *const wd_names[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static void write_observance(writer *w, const tz_changes *l, const tz_run *r, grp_time window_end)
{
    const tz_change *c = &l->v[r->first], *z = &l->v[r->last];
    char v[17];
    line_raw(w, c->dst ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD", "");
    fmt_local(v, c->local);
    line_raw(w, "DTSTART:", v);
    if (r->count > 1) {
        line_begin(w, "RRULE:FREQ=YEARLY");
        /* A run still going in the window's last year is the zone's
         * current rule: leave it open. */
        if (z->at < window_end - 366 * DAY) {
            fmt_utc(v, z->at);
            buf_puts(&w->line, ";UNTIL=");
            buf_puts(&w->line, v);
        }
        buf_printf(&w->line, ";BYMONTH=%d", c->local.month);
        if (r->can_last)
            buf_printf(&w->line, ";BYDAY=-1%s", wd_names[c->wday - 1]);
        else if (r->can_nth)
            buf_printf(&w->line, ";BYDAY=%d%s", c->nth, wd_names[c->wday - 1]);
        else
            buf_printf(&w->line, ";BYMONTHDAY=%d", c->local.day);
        line_end(w);
    }
    line_offset(w, "TZOFFSETFROM:", c->from);
    line_offset(w, "TZOFFSETTO:", c->to);
    if (*c->abbrev)
        line_text(w, "TZNAME:", c->abbrev);
    line_raw(w, c->dst ? "END:DAYLIGHT" : "END:STANDARD", "");
}

static int write_vtimezone(writer *w, const grp_tz *tz, grp_time from, grp_time to)
{
    tz_changes l = {NULL, 0, 0};
    tz_run *runs = NULL;
    size_t n_runs = 0;
    int rc = grp__tz_transitions(tz, from, to, collect_change, &l);
    if (rc)
        goto done;
    if (l.n && !(runs = grp__calloc(l.n, sizeof *runs))) {
        rc = grp__error_nomem("describing a time zone");
        goto done;
    }
    for (size_t i = 0; i < l.n; i++) {
        const tz_change *c = &l.v[i];
        tz_run *r = NULL;
        for (size_t k = n_runs; k-- > 0;)
            if (same_kind(&l.v[runs[k].first], c)) {
                r = &runs[k]; /* only the latest run of a kind may grow */
                break;
            }
        if (r) {
            const tz_change *p = &l.v[r->last];
            int yearly = c->local.year == p->local.year + 1 && c->local.month == p->local.month &&
                         c->local.hour == p->local.hour && c->local.minute == p->local.minute &&
                         c->local.second == p->local.second;
            int nth = r->can_nth && c->wday == p->wday && c->nth == p->nth;
            int last = r->can_last && c->wday == p->wday && c->last;
            int mday = r->can_mday && c->local.day == p->local.day;
            if (yearly && (nth || last || mday)) {
                r->last = i;
                r->count++;
                r->can_nth = nth;
                r->can_last = last;
                r->can_mday = mday;
                continue;
            }
        }
        tz_run fresh = {i, i, 1, 1, c->last, 1};
        runs[n_runs++] = fresh;
    }
    line_raw(w, "BEGIN:VTIMEZONE", "");
    line_raw(w, "TZID:", grp_tz_name(tz));
    if (n_runs == 0) {
        /* No change in the span: one observance, valid since 1970. */
        int off = 0, dst = 0;
        const char *abbrev = NULL;
        grp_tz_offset_at(&off, &dst, &abbrev, tz, from);
        line_raw(w, dst ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD", "");
        line_raw(w, "DTSTART:", "19700101T000000");
        line_offset(w, "TZOFFSETFROM:", off);
        line_offset(w, "TZOFFSETTO:", off);
        if (abbrev && *abbrev)
            line_text(w, "TZNAME:", abbrev);
        line_raw(w, dst ? "END:DAYLIGHT" : "END:STANDARD", "");
    }
    for (size_t k = 0; k < n_runs; k++)
        write_observance(w, &l, &runs[k], to);
    line_raw(w, "END:VTIMEZONE", "");
done:
    grp__free(runs);
    grp__free(l.v);
    return rc;
}

/* First instant of January 1 of `year`, clipped to the years 1..9999. */
static grp_time year_start(int year)
{
    grp_datetime d = {year < 1 ? 1 : year, 1, 1, 0, 0, 0};
    grp_time t;
    if (year > 9999 || grp_time_from_utc(&t, d))
        return TIME_MAX;
    return t;
}

/* ---- VEVENTs -------------------------------------------------------------- */

typedef struct ctx {
    writer w;
    const plan *p;
    char dtstamp[17];
    const char *domain;
} ctx;

static void line_uid(ctx *x, const char *what, grp_id id)
{
    line_begin(&x->w, "UID:");
    buf_printf(&x->w.line, "grp-%lld-%s-%lld@", (long long)x->p->group.id, what, (long long)id);
    buf_puts(&x->w.line, x->domain);
    line_end(&x->w);
}

static void event_tail(ctx *x, const char *location, const char *link)
{
    line_text(&x->w, "SUMMARY:", x->p->group.name);
    if (location)
        line_text(&x->w, "LOCATION:", location);
    if (link)
        line_raw(&x->w, "URL:", link); /* URI: checked http(s), no white space; not escaped */
    line_raw(&x->w, "END:VEVENT", "");
}

static void write_session(ctx *x, const struct grp_session *s, const series *sr)
{
    const struct grp_group *g = &x->p->group;
    line_raw(&x->w, "BEGIN:VEVENT", "");
    if (sr)
        line_uid(x, "cadence", sr->c->id);
    else
        line_uid(x, "session", s->id);
    line_raw(&x->w, "DTSTAMP:", x->dtstamp);
    if (sr)
        line_zoned(&x->w, "RECURRENCE-ID", sr->c->timezone, s->occurrence);
    line_zoned(&x->w, "DTSTART", zone_of(s, x->p), s->start_local);
    line_duration(&x->w, s->duration);
    event_tail(x, s->location ? s->location : g->location, s->meeting_link ? s->meeting_link : g->meeting_link);
}

static void write_series(ctx *x, const series *sr)
{
    const struct grp_group *g = &x->p->group;
    line_raw(&x->w, "BEGIN:VEVENT", "");
    line_uid(x, "cadence", sr->c->id);
    line_raw(&x->w, "DTSTAMP:", x->dtstamp);
    line_zoned(&x->w, "DTSTART", sr->c->timezone, sr->first);
    line_duration(&x->w, sr->c->duration);
    line_raw(&x->w, "RRULE:", sr->rrule_text);
    for (size_t i = 0; i < sr->n_exdates; i++) {
        line_zoned(&x->w, "EXDATE", sr->c->timezone, sr->exdates[i]->occurrence);
    }
    event_tail(x, g->location, g->meeting_link);
    for (size_t i = 0; i < sr->n_overrides; i++)
        write_session(x, sr->overrides[i], sr);
}

/* 1 if the zone was written before plans[i]'s own zones (by an earlier plan). */
static int zone_written(const plan *plans, size_t i, const char *zone)
{
    for (size_t j = 0; j < i; j++)
        for (size_t k = 0; k < plans[j].n_zones; k++)
            if (strcmp(plans[j].zones[k], zone) == 0)
                return 1;
    return 0;
}

/* X-WR-CALNAME: the group's name, or the groups' names joined by ", ". */
static int write_calname(writer *w, const plan *plans, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(plans[i].group.name) + 2;
    char *names = grp__malloc(len), *e = names;
    if (!names)
        return grp__error_nomem("naming an iCalendar export");
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(plans[i].group.name);
        if (i) {
            memcpy(e, ", ", 2);
            e += 2;
        }
        memcpy(e, plans[i].group.name, l);
        e += l;
    }
    *e = '\0';
    line_text(w, "X-WR-CALNAME:", names);
    grp__free(names);
    return GRP_OK;
}

static int write_document(ctx *x, const plan *plans, size_t n, const char *prodid, grp_time dtstamp)
{
    int rc, have_span = 0;
    grp_datetime y;
    grp_time lo = dtstamp, hi = dtstamp;
    line_raw(&x->w, "BEGIN:VCALENDAR", "");
    line_text(&x->w, "PRODID:", prodid);
    line_raw(&x->w, "VERSION:", "2.0");
    line_raw(&x->w, "CALSCALE:", "GREGORIAN");
    if ((rc = write_calname(&x->w, plans, n)))
        return rc;
    line_raw(&x->w, "X-WR-TIMEZONE:", plans[0].group.timezone);

    /* Explicit changes from a year before the first event to a year after
     * the last (an open series counts ten years); a yearly rule still in
     * force at the end stays open. */
    for (size_t i = 0; i < n; i++) {
        if (!plans[i].have_span)
            continue;
        if (!have_span || plans[i].span_from < lo)
            lo = plans[i].span_from;
        if (!have_span || plans[i].span_to > hi)
            hi = plans[i].span_to;
        have_span = 1;
    }
    if (grp_time_to_utc(&y, lo))
        y.year = 1;
    grp_time from = year_start(y.year - 1);
    if (grp_time_to_utc(&y, hi))
        y.year = 9999;
    grp_time to = year_start(y.year + 2);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < plans[i].n_zones; k++) {
            const grp_tz *tz;
            if (zone_written(plans, i, plans[i].zones[k]))
                continue;
            if ((rc = grp__store_tz(plans[i].s, plans[i].zones[k], &tz)) ||
                (rc = write_vtimezone(&x->w, tz, from, to)))
                return rc;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const plan *p = x->p = &plans[i];
        for (size_t k = 0; k < p->n_series; k++)
            if (!p->series[k].empty)
                write_series(x, &p->series[k]);
        for (size_t k = 0; k < p->n_alone; k++)
            write_session(x, p->alone[k], NULL);
    }
    line_raw(&x->w, "END:VCALENDAR", "");
    return x->w.doc.failed ? x->w.doc.failed : x->w.line.failed;
}

int grp_ical_export_groups(char **out, grp_store *store, const grp_id *group_ids, size_t count,
                           const grp_ical_options *opts)
{
    grp_ical_options defaults = GRP_ICAL_OPTIONS_INIT;
    plan *plans = NULL;
    ctx x;
    char prodid[PRODID_MAX + 1], what[48];
    int rc = GRP_OK;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (!group_ids)
        return grp__error_null("group_ids");
    if (count == 0 || count > GRP_ICAL_MAX_GROUPS)
        return grp__error(GRP_EINVAL, "argument 'count' (%zu) is outside 1..%d", count, GRP_ICAL_MAX_GROUPS);
    for (size_t i = 0; i < count; i++) {
        snprintf(what, sizeof what, "group_ids[%zu]", i);
        if ((rc = grp__check_id(what, group_ids[i])))
            return rc;
        for (size_t j = 0; j < i; j++)
            if (group_ids[j] == group_ids[i])
                return grp__error(GRP_EINVAL, "argument 'group_ids[%zu]' repeats group %lld (group_ids[%zu])", i,
                                  (long long)group_ids[i], j);
    }
    if (!opts)
        opts = &defaults;
    if ((rc = check_options(opts)))
        return rc;
    if (opts->prodid)
        snprintf(prodid, sizeof prodid, "%s", opts->prodid);
    else
        snprintf(prodid, sizeof prodid, "-//libgrp//libgrp %s//EN", grp_version_string());
    grp_time dtstamp = opts->dtstamp ? opts->dtstamp : grp_time_now();

    if (!(plans = grp__calloc(count, sizeof *plans)))
        return grp__error_nomem("planning an iCalendar export");
    memset(&x, 0, sizeof x);
    x.domain = opts->uid_domain ? opts->uid_domain : "libgrp";
    fmt_utc(x.dtstamp, dtstamp);
    for (size_t i = 0; i < count && rc == GRP_OK; i++) {
        plans[i].s = store;
        rc = plan_make(&plans[i], group_ids[i]);
    }
    if (rc == GRP_OK)
        rc = write_document(&x, plans, count, prodid, dtstamp);
    for (size_t i = 0; i < count; i++)
        plan_dispose(&plans[i]);
    grp__free(plans);
    grp__free(x.w.line.p);
    if (rc) {
        grp__free(x.w.doc.p);
        return rc;
    }
    *out = x.w.doc.p;
    return GRP_OK;
}

int grp_ical_export_group(char **out, grp_store *store, grp_id group_id, const grp_ical_options *opts)
{
    /* the id is checked here, so that the message names this argument */
    int rc = out ? grp__check_id("group_id", group_id) : GRP_OK;
    if (rc) {
        *out = NULL;
        return rc;
    }
    return grp_ical_export_groups(out, store, &group_id, 1, opts);
}

int grp_ical_export_group_to_file(grp_store *store, grp_id group_id, const char *path,
                                  const grp_ical_options *opts)
{
    char *doc = NULL, why[128];
    int rc;
    if (!path)
        return grp__error_null("path");
    if (!*path)
        return grp__error(GRP_EINVAL, "argument 'path' is empty");
    if ((rc = grp_ical_export_group(&doc, store, group_id, opts)))
        return rc;
    if (!doc)
        return grp__error(GRP_ERROR, "internal: export produced no document");
    size_t len = strlen(doc);
    FILE *f = fopen(path, "wb");
    if (!f) {
        int e = errno;
        if (strerror_r(e, why, sizeof why) != 0)
            snprintf(why, sizeof why, "error %d", e);
        grp__free(doc);
        return grp__error(e == EACCES || e == EPERM ? GRP_EACCESS : GRP_ESTORAGE,
                          "cannot create '%s': %s", path, why);
    }
    /* Only a regular file is removed on failure: never a device, FIFO... */
    struct stat st;
    int regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
    size_t wrote = fwrite(doc, 1, len, f);
    int e = errno, closed = fclose(f);
    if (closed != 0)
        e = errno;
    grp__free(doc);
    if (wrote != len || closed != 0) {
        if (strerror_r(e, why, sizeof why) != 0)
            snprintf(why, sizeof why, "error %d", e);
        if (regular)
            remove(path);
        return grp__error(GRP_ESTORAGE, "cannot write '%s': %s", path, why);
    }
    return GRP_OK;
}
