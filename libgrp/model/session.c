/* Sessions: computed from the cadence, stored only when something is
 * attached, merged when listed (the way calendar systems treat recurring
 * events), so there is no horizon to maintain and never a duplicate. */
#include "model/model.h"
#include "model/access.h"
#include "model/events.h"
#include "model/cadence.h"
#include "model/session.h"
#include "policy/membership_rules.h"
#include "libgrp/rrule.h"
#include "util/alloc.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

/* Longest range listed in one call: 100 years. */
#define GRP__MAX_SPAN ((grp_time)100 * 36525 * 864)
#define DAY ((grp_time)86400)

struct grp_session_iterator {
    grp__list list;
};

static const char *const status_names[] = {"scheduled", "cancelled", "not_held", "held"};

const char *grp_session_status_name(grp_session_status status)
{
    return GRP__WORD(status_names, status);
}

void grp_session_free(grp_session *x)
{
    if (!x)
        return;
    grp__session_clear(x);
    grp__free(x);
}

static void free_session_item(void *p)
{
    grp_session_free(p);
}

static void free_ms_item(void *p)
{
    grp_membership_free(p);
}

static int datetime_equal(grp_datetime a, grp_datetime b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute &&
           a.second == b.second;
}

static grp_date date_of(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return d;
}

int grp__session_context_load(grp_store *s, grp_id group_id, grp__session_context *ctx)
{
    int rc;
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    memset(ctx, 0, sizeof *ctx);
    ctx->stints.free_item = free_ms_item;
    if ((rc = s->be->group_load(s, group_id, &ctx->group)))
        return rc;
    q.group_id = group_id;
    q.states = (1u << GRP_MSTATE_ACTIVE) | (1u << GRP_MSTATE_LEFT);
    if ((rc = s->be->membership_query(s, &q, &ctx->stints)))
        grp__session_context_dispose(ctx);
    return rc;
}

void grp__session_context_dispose(grp__session_context *ctx)
{
    grp__group_clear(&ctx->group);
    grp__list_dispose(&ctx->stints);
}

/* Fill the snapshot-only fields: effective place, expected members, quorum. */
static int finish_snapshot(struct grp_session *x, const grp__session_context *ctx)
{
    if (!x->location && ctx->group.location && !(x->location = grp__strdup(ctx->group.location)))
        return grp__error_nomem("returning a session");
    if (!x->meeting_link && ctx->group.meeting_link && !(x->meeting_link = grp__strdup(ctx->group.meeting_link)))
        return grp__error_nomem("returning a session");
    x->expected = grp__active_count((struct grp_membership *const *)ctx->stints.items, ctx->stints.count,
                                    date_of(x->start_local), GRP_ROLEMASK_MEMBER);
    x->under_quorum = x->expected < ctx->group.quorum;
    return GRP_OK;
}

/* A computed (not stored) session for occurrence occ of segment c. */
static int computed_session(struct grp_session **out, const struct grp_cadence *c, grp_datetime occ, grp_time utc)
{
    struct grp_session *x = grp__new_record(sizeof *x, "computing a session");
    if (!x)
        return GRP_ENOMEM;
    x->group_id = c->group_id;
    x->cadence_id = c->id;
    x->has_occurrence = 1;
    x->occurrence = x->start_local = occ;
    x->occurrence_utc = x->start_utc = utc;
    x->duration = c->duration;
    x->status = GRP_SESSION_SCHEDULED;
    if (!(x->timezone = grp__strdup(c->timezone))) {
        grp__free(x);
        return grp__error_nomem("computing a session");
    }
    *out = x;
    return GRP_OK;
}

/* Append the occurrences of segment c that start in [from, to). */
static int expand_segment(grp_store *s, const struct grp_cadence *c, grp_time from, grp_time to, grp__list *out)
{
    const grp_tz *tz;
    grp_rrule *r = NULL;
    grp_rrule_iterator *it = NULL;
    grp_datetime lfrom, occ;
    grp_time utc;
    int rc;
    if ((rc = grp__store_tz(s, c->timezone, &tz)) || (rc = grp_rrule_parse(&r, c->rrule)))
        return rc;
    if ((rc = grp_rrule_iterator_new(&it, r, grp__cadence_dtstart(c), tz)))
        goto done;
    /* Start a day early in local time: offsets never exceed a day. */
    if (grp_tz_utc_to_local(&lfrom, NULL, tz, from - DAY) == GRP_OK && (rc = grp_rrule_iterator_seek(it, lfrom)))
        goto done;
    while ((rc = grp_rrule_iterator_next(&occ, it)) == GRP_OK) {
        grp_date d = date_of(occ);
        if (grp_date_is_set(c->until) && grp_date_compare(d, c->until) >= 0)
            break;
        if ((rc = grp_tz_local_to_utc(&utc, tz, occ)))
            goto done;
        if (utc >= to)
            break;
        if (utc < from)
            continue;
        struct grp_session *x = NULL;
        if ((rc = computed_session(&x, c, occ, utc)))
            goto done;
        if ((rc = grp__list_push(out, x))) {
            grp_session_free(x);
            goto done;
        }
    }
    if (rc == GRP_ITEROVER)
        rc = GRP_OK;
done:
    grp_rrule_iterator_free(it);
    grp_rrule_free(r);
    return rc;
}

static int by_start(const void *a, const void *b)
{
    const struct grp_session *x = *(const struct grp_session *const *)a;
    const struct grp_session *y = *(const struct grp_session *const *)b;
    if (x->start_utc != y->start_utc)
        return x->start_utc < y->start_utc ? -1 : 1;
    if (x->group_id != y->group_id)
        return x->group_id < y->group_id ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Move item i of `from` onto `to` (ownership moves). */
static int take(grp__list *to, grp__list *from, size_t i)
{
    int rc = grp__list_push(to, from->items[i]);
    if (rc == GRP_OK)
        from->items[i] = NULL;
    return rc;
}

int grp__sessions_in_range(grp_store *s, const grp__session_context *ctx, grp_time from, grp_time to,
                           grp__list *out)
{
    grp__list segs = {0}, computed = {0}, stored = {0};
    int rc;
    computed.free_item = stored.free_item = free_session_item;
    out->free_item = free_session_item;
    if ((rc = grp__cadence_load_all(s, ctx->group.id, &segs)) ||
        (rc = s->be->session_range(s, ctx->group.id, from, to, &stored)))
        goto done;
    for (size_t i = 0; i < segs.count && rc == GRP_OK; i++)
        rc = expand_segment(s, segs.items[i], from, to, &computed);
    /* A stored row replaces the computed occurrence it belongs to. */
    for (size_t i = 0; i < computed.count && rc == GRP_OK; i++) {
        struct grp_session *x = computed.items[i];
        int shadowed = 0;
        for (size_t j = 0; j < stored.count && !shadowed; j++) {
            const struct grp_session *y = stored.items[j];
            shadowed = y->has_occurrence && datetime_equal(y->occurrence, x->occurrence);
        }
        if (!shadowed)
            rc = take(out, &computed, i);
    }
    for (size_t j = 0; j < stored.count && rc == GRP_OK; j++) {
        const struct grp_session *y = stored.items[j];
        if (y->start_utc >= from && y->start_utc < to)
            rc = take(out, &stored, j);
    }
    for (size_t i = 0; i < out->count && rc == GRP_OK; i++)
        rc = finish_snapshot(out->items[i], ctx);
    if (rc == GRP_OK && out->count > 1)
        qsort(out->items, out->count, sizeof out->items[0], by_start);
done:
    /* items moved out are NULL: dispose skips nothing but frees NULL safely */
    grp__list_dispose(&computed);
    grp__list_dispose(&stored);
    grp__list_dispose(&segs);
    return rc;
}

static int check_range(grp_time from, grp_time to)
{
    if (from > to)
        return grp__error(GRP_EINVAL, "range: 'from' (%lld) is after 'to' (%lld)", (long long)from, (long long)to);
    if (to - from > GRP__MAX_SPAN)
        return grp__error(GRP_EINVAL, "range spans more than 100 years");
    grp_datetime dt;
    if (grp_time_to_utc(&dt, from) || grp_time_to_utc(&dt, to))
        return grp__error(GRP_EINVAL, "range is outside the years 1..9999");
    return GRP_OK;
}

int grp_session_iterator_new(grp_session_iterator **out, grp_store *store, grp_id group_id, grp_time from,
                             grp_time to)
{
    grp__session_context ctx;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = check_range(from, to)))
        return rc;
    grp_session_iterator *it = grp__new_record(sizeof *it, "listing sessions");
    if (!it)
        return GRP_ENOMEM;
    if ((rc = grp__session_context_load(store, group_id, &ctx)) == GRP_OK) {
        rc = grp__sessions_in_range(store, &ctx, from, to, &it->list);
        grp__session_context_dispose(&ctx);
    }
    if (rc) {
        grp_session_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

int grp_session_iterator_for_person(grp_session_iterator **out, grp_store *store, grp_id person_id, grp_time from,
                                    grp_time to)
{
    struct grp_person p = {0};
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp__list mine = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("person_id", person_id)) || (rc = check_range(from, to)) ||
        (rc = store->be->person_load(store, person_id, &p)))
        return rc;
    grp__person_clear(&p);
    grp_session_iterator *it = grp__new_record(sizeof *it, "listing sessions");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_session_item;
    mine.free_item = free_ms_item;
    q.person_id = person_id;
    q.states = (1u << GRP_MSTATE_ACTIVE) | (1u << GRP_MSTATE_LEFT);
    if ((rc = store->be->membership_query(store, &q, &mine)))
        goto done;
    for (size_t i = 0; i < mine.count && rc == GRP_OK; i++) {
        const struct grp_membership *m = mine.items[i];
        int seen = 0;
        for (size_t k = 0; k < i; k++)
            seen |= ((const struct grp_membership *)mine.items[k])->group_id == m->group_id;
        if (seen)
            continue; /* each group once */
        grp__session_context ctx;
        grp__list sessions = {0};
        if ((rc = grp__session_context_load(store, m->group_id, &ctx)))
            break;
        rc = grp__sessions_in_range(store, &ctx, from, to, &sessions);
        for (size_t j = 0; j < sessions.count && rc == GRP_OK; j++) {
            const struct grp_session *x = sessions.items[j];
            int expected = 0;
            for (size_t k = 0; k < mine.count; k++) {
                const struct grp_membership *mk = mine.items[k];
                expected |= mk->group_id == m->group_id && grp__stint_active_on(mk, date_of(x->start_local));
            }
            if (expected && x->status != GRP_SESSION_CANCELLED)
                rc = take(&it->list, &sessions, j);
        }
        grp__list_dispose(&sessions);
        grp__session_context_dispose(&ctx);
    }
    if (rc == GRP_OK && it->list.count > 1)
        qsort(it->list.items, it->list.count, sizeof it->list.items[0], by_start);
done:
    grp__list_dispose(&mine);
    if (rc) {
        grp_session_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_session_iterator, grp_session, grp_session_iterator_next, grp_session_iterator_free)

int grp_session_next(grp_session **out, grp_store *store, grp_id group_id, grp_time after)
{
    grp__session_context ctx;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = check_range(after, after)) ||
        (rc = grp__session_context_load(store, group_id, &ctx)))
        return rc;
    /* Look a year at a time, for 20 years at most. */
    for (int year = 0; year < 20 && rc == GRP_OK && !*out; year++) {
        grp__list l = {0};
        grp_time from = after + year * 366 * DAY, to = from + 366 * DAY;
        grp_datetime probe;
        if (grp_time_to_utc(&probe, to))
            break;
        rc = grp__sessions_in_range(store, &ctx, from, to, &l);
        for (size_t i = 0; i < l.count && rc == GRP_OK && !*out; i++) {
            struct grp_session *x = l.items[i];
            if (x->status == GRP_SESSION_SCHEDULED || x->status == GRP_SESSION_HELD) {
                *out = x;
                l.items[i] = NULL;
            }
        }
        grp__list_dispose(&l);
    }
    grp__session_context_dispose(&ctx);
    if (rc == GRP_OK && !*out)
        rc = grp__error(GRP_ENOTFOUND, "group %lld has no session in the 20 years after that instant",
                        (long long)group_id);
    return rc;
}

/* Give the caller a finished snapshot of stored session x. */
static int stored_snapshot(grp_session **out, grp_store *s, struct grp_session *x)
{
    grp__session_context ctx;
    int rc = grp__session_context_load(s, x->group_id, &ctx);
    if (rc == GRP_OK) {
        rc = finish_snapshot(x, &ctx);
        grp__session_context_dispose(&ctx);
    }
    if (rc)
        return rc;
    grp_session *copy = grp__new_record(sizeof *copy, "returning a session");
    if (!copy)
        return GRP_ENOMEM;
    *copy = *x;
    memset(x, 0, sizeof *x); /* ownership of the strings moved */
    *out = copy;
    return GRP_OK;
}

int grp_session_get(grp_session **out, grp_store *store, grp_id session_id)
{
    struct grp_session x = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = store->be->session_load(store, session_id, &x)))
        return rc;
    rc = stored_snapshot(out, store, &x);
    grp__session_clear(&x);
    return rc;
}

/* Check that `occurrence` is an occurrence of group g's cadence; fills the
 * new session record. */
static int occurrence_record(grp_store *s, grp_id group_id, grp_datetime occ, struct grp_session *x)
{
    grp__list segs = {0};
    const struct grp_cadence *c = NULL;
    grp_rrule *r = NULL;
    const grp_tz *tz;
    grp_datetime found;
    char buf[24];
    int rc;
    if ((rc = grp__cadence_load_all(s, group_id, &segs)))
        return rc;
    for (size_t i = 0; i < segs.count; i++)
        if (grp__cadence_in_force(segs.items[i], date_of(occ)))
            c = segs.items[i];
    grp_datetime_format(buf, sizeof buf, occ);
    rc = grp__error(GRP_ENOTFOUND, "group %lld has no session at %s in its cadence", (long long)group_id, buf);
    if (c && (rc = grp__store_tz(s, c->timezone, &tz)) == GRP_OK && (rc = grp_rrule_parse(&r, c->rrule)) == GRP_OK) {
        rc = grp_rrule_next_after(&found, r, grp__cadence_dtstart(c), tz, occ);
        if (rc == GRP_OK && datetime_equal(found, occ)) {
            memset(x, 0, sizeof *x);
            x->group_id = group_id;
            x->cadence_id = c->id;
            x->has_occurrence = 1;
            x->occurrence = x->start_local = occ;
            x->duration = c->duration;
            x->status = GRP_SESSION_SCHEDULED;
            if ((rc = grp_tz_local_to_utc(&x->start_utc, tz, occ)) == GRP_OK) {
                x->occurrence_utc = x->start_utc;
                x->timezone = grp__strdup(c->timezone);
                rc = x->timezone ? GRP_OK : grp__error_nomem("storing a session");
            }
        } else if (rc == GRP_OK || rc == GRP_ITEROVER)
            rc = grp__error(GRP_ENOTFOUND, "group %lld has no session at %s in its cadence", (long long)group_id,
                            buf);
    }
    grp_rrule_free(r);
    grp__list_dispose(&segs);
    return rc;
}

int grp_session_ensure(grp_id *out, grp_store *store, grp_id group_id, grp_datetime occurrence)
{
    struct grp_group g = {0};
    struct grp_session x = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)))
        return rc;
    if (!grp_datetime_valid(occurrence))
        return grp__error(GRP_EINVAL, "argument 'occurrence' is not a valid date and time");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->group_load(store, group_id, &g)))
        goto done;
    rc = store->be->session_load_by_occurrence(store, group_id, occurrence, &x);
    if (rc == GRP_ENOTFOUND && (rc = occurrence_record(store, group_id, occurrence, &x)) == GRP_OK &&
        (rc = store->be->session_insert(store, &x)) == GRP_OK)
        rc = grp__audit(store, NULL, "session.store", "session", x.id);
    if (rc == GRP_OK)
        *out = x.id;
done:
    grp__session_clear(&x);
    grp__group_clear(&g);
    return grp__tx_end(store, rc);
}

static int check_duration(int minutes, int allow_zero)
{
    if (minutes < (allow_zero ? 0 : 1) || minutes > 1440)
        return grp__error(GRP_EINVAL, "argument 'duration_minutes' (%d) is outside %d..1440", minutes,
                          allow_zero ? 0 : 1);
    return GRP_OK;
}

int grp_session_add(grp_id *out, grp_store *store, grp_id group_id, grp_datetime start, int duration_minutes)
{
    struct grp_group g = {0};
    struct grp_session x = {0};
    const grp_tz *tz;
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = check_duration(duration_minutes, 1)))
        return rc;
    if (!grp_datetime_valid(start))
        return grp__error(GRP_EINVAL, "argument 'start' is not a valid date and time");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->group_load(store, group_id, &g)) || (rc = grp__store_tz(store, g.timezone, &tz)) ||
        (rc = grp_tz_local_to_utc(&x.start_utc, tz, start)))
        goto done;
    x.group_id = group_id;
    x.start_local = start;
    x.duration = duration_minutes ? duration_minutes : g.session_minutes;
    x.status = GRP_SESSION_SCHEDULED;
    x.timezone = g.timezone;
    if ((rc = store->be->session_insert(store, &x)) == GRP_OK &&
        (rc = grp__audit(store, NULL, "session.add", "session", x.id)) == GRP_OK)
        rc = grp__event(store, GRP_EVENT_SESSION_ADDED, group_id, 0, x.id);
    x.timezone = NULL; /* borrowed from g */
    if (rc == GRP_OK && out)
        *out = x.id;
done:
    grp__group_clear(&g);
    return grp__tx_end(store, rc);
}

/* Load stored session `id`, apply `change`, save; all in one transaction. */
typedef int (*session_change)(grp_store *s, struct grp_session *x, const void *arg);

/* The event a session change announces, if any. */
static grp_event_kind change_event(const struct grp_session *before, const struct grp_session *after)
{
    int was_off = before->status == GRP_SESSION_CANCELLED || before->status == GRP_SESSION_NOT_HELD;
    int is_off = after->status == GRP_SESSION_CANCELLED || after->status == GRP_SESSION_NOT_HELD;
    if (is_off && !was_off)
        return GRP_EVENT_SESSION_CANCELLED;
    if (after->status == GRP_SESSION_HELD && before->status != GRP_SESSION_HELD)
        return GRP_EVENT_FEEDBACK_REQUESTED;
    return GRP_EVENT_SESSION_MOVED; /* time, length or place (also un-cancelled) */
}

static int modify(grp_store *s, grp_id id, session_change change, const void *arg, const char *action)
{
    struct grp_session x = {0};
    int rc;
    GRP__CHECK_STORE(s);
    if ((rc = grp__check_id("session_id", id)))
        return rc;
    if ((rc = grp__tx_begin(s)))
        return rc;
    struct grp_session before = {0};
    if ((rc = s->be->session_load(s, id, &x)) == GRP_OK) {
        before = x;
        if ((rc = change(s, &x, arg)) == GRP_OK && (rc = s->be->session_update(s, &x)) == GRP_OK &&
            (rc = grp__audit(s, NULL, action, "session", id)) == GRP_OK)
            rc = grp__event(s, change_event(&before, &x), x.group_id, 0, id);
    }
    grp__session_clear(&x);
    return grp__tx_end(s, rc);
}

static int refuse_if_attended(grp_store *s, const struct grp_session *x, grp_session_status status)
{
    int n = 0, rc;
    if (status != GRP_SESSION_CANCELLED && status != GRP_SESSION_NOT_HELD)
        return GRP_OK;
    if ((rc = s->be->attendance_count(s, x->id, &n)))
        return rc;
    if (n > 0)
        return grp__error(GRP_ESTATE, "session %lld has attendance recorded for %d people: it cannot be %s",
                          (long long)x->id, n, status == GRP_SESSION_CANCELLED ? "cancelled" : "marked not held");
    return GRP_OK;
}

struct status_arg {
    grp_session_status status;
    const char *reason;
};

static int change_status(grp_store *s, struct grp_session *x, const void *arg)
{
    const struct status_arg *a = arg;
    int rc;
    if ((rc = refuse_if_attended(s, x, a->status)))
        return rc;
    x->status = a->status;
    if (a->reason) {
        grp__free(x->reason);
        if (!(x->reason = grp__strdup(a->reason)))
            return grp__error_nomem("recording a reason");
    }
    return GRP_OK;
}

int grp_session_cancel(grp_store *store, grp_id session_id, const char *reason)
{
    int rc;
    struct status_arg a = {GRP_SESSION_CANCELLED, reason};
    if ((rc = grp__check_text("reason", reason, GRP__NOTE_MAX, 0, 1)))
        return rc;
    return modify(store, session_id, change_status, &a, "session.cancel");
}

int grp_session_set_status(grp_store *store, grp_id session_id, grp_session_status status)
{
    struct status_arg a = {status, NULL};
    if ((unsigned)status > GRP_SESSION_HELD)
        return grp__error(GRP_EINVAL, "argument 'status' (%d) is not a grp_session_status", (int)status);
    return modify(store, session_id, change_status, &a, "session.set_status");
}

struct move_arg {
    grp_datetime start;
    int duration;
};

static int change_start(grp_store *s, struct grp_session *x, const void *arg)
{
    const struct move_arg *a = arg;
    const grp_tz *tz;
    int rc;
    if ((rc = grp__store_tz(s, x->timezone, &tz)) || (rc = grp_tz_local_to_utc(&x->start_utc, tz, a->start)))
        return rc;
    x->start_local = a->start;
    if (a->duration)
        x->duration = a->duration;
    return GRP_OK;
}

int grp_session_move(grp_store *store, grp_id session_id, grp_datetime new_start, int duration_minutes)
{
    int rc;
    struct move_arg a = {new_start, duration_minutes};
    if (!grp_datetime_valid(new_start))
        return grp__error(GRP_EINVAL, "argument 'new_start' is not a valid date and time");
    if ((rc = check_duration(duration_minutes, 1)))
        return rc;
    return modify(store, session_id, change_start, &a, "session.move");
}

struct place_arg {
    const char *location;
    const char *link;
};

static int change_place(grp_store *s, struct grp_session *x, const void *arg)
{
    const struct place_arg *a = arg;
    char *loc = NULL, *link = NULL;
    (void)s;
    if ((a->location && !(loc = grp__strdup(a->location))) || (a->link && !(link = grp__strdup(a->link)))) {
        grp__free(loc);
        return grp__error_nomem("changing a session's place");
    }
    grp__free(x->location);
    grp__free(x->meeting_link);
    x->location = loc;
    x->meeting_link = link;
    return GRP_OK;
}

int grp_session_set_place(grp_store *store, grp_id session_id, const char *location, const char *meeting_link)
{
    int rc;
    struct place_arg a = {location, meeting_link};
    if ((rc = grp__check_text("location", location, GRP__LOCATION_MAX, 0, 1)) ||
        (rc = grp__check_link("meeting_link", meeting_link)))
        return rc;
    return modify(store, session_id, change_place, &a, "session.set_place");
}

grp_id grp_session_id(const grp_session *x) { return x ? x->id : 0; }
grp_id grp_session_group_id(const grp_session *x) { return x ? x->group_id : 0; }
grp_id grp_session_cadence_id(const grp_session *x) { return x ? x->cadence_id : 0; }
grp_datetime grp_session_occurrence(const grp_session *x)
{
    grp_datetime z = {0, 0, 0, 0, 0, 0};
    return x && x->has_occurrence ? x->occurrence : z;
}
grp_datetime grp_session_start_local(const grp_session *x)
{
    grp_datetime z = {0, 0, 0, 0, 0, 0};
    return x ? x->start_local : z;
}
grp_time grp_session_start(const grp_session *x) { return x ? x->start_utc : 0; }
grp_time grp_session_end(const grp_session *x) { return x ? x->start_utc + (grp_time)x->duration * 60 : 0; }
int grp_session_duration(const grp_session *x) { return x ? x->duration : 0; }
grp_session_status grp_session_status_of(const grp_session *x) { return x ? x->status : GRP_SESSION_SCHEDULED; }
int grp_session_moved(const grp_session *x)
{
    return x && x->has_occurrence && !datetime_equal(x->occurrence, x->start_local);
}
int grp_session_adhoc(const grp_session *x) { return x && !x->has_occurrence; }
const char *grp_session_location(const grp_session *x) { return x ? x->location : NULL; }
const char *grp_session_meeting_link(const grp_session *x) { return x ? x->meeting_link : NULL; }
const char *grp_session_reason(const grp_session *x) { return x ? x->reason : NULL; }
const char *grp_session_timezone(const grp_session *x) { return x ? x->timezone : NULL; }
int grp_session_expected(const grp_session *x) { return x ? x->expected : 0; }
int grp_session_under_quorum(const grp_session *x) { return x ? x->under_quorum : 0; }
