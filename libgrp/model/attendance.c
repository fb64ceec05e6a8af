/* Attendance: recording, reading, and rates over expected sessions. */
#include "model/model.h"
#include "model/access.h"
#include "model/events.h"
#include "model/session.h"
#include "model/hours.h"
#include "model/attendance.h"
#include "policy/membership_rules.h"
#include "policy/stats.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

struct grp_attendance_iterator {
    grp__list list;
};

static const char *const status_names[] = {"not_recorded", "present", "late", "left_early", "absent", "apologies"};

const char *grp_attendance_status_name(grp_attendance_status status)
{
    return GRP__WORD(status_names, status);
}

static grp_date date_of(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return d;
}

static void free_att_item(void *p)
{
    grp__free(p);
}

static int check_minutes(grp_attendance_status status, int *minutes, int duration)
{
    if (grp__attended(status)) {
        if (*minutes == -1)
            *minutes = duration;
        if (*minutes < 0 || *minutes > duration)
            return grp__error(GRP_EINVAL, "argument 'minutes' (%d) is outside 0..%d (the session's length)",
                              *minutes, duration);
    } else {
        if (*minutes == -1)
            *minutes = 0;
        if (*minutes != 0)
            return grp__error(GRP_EINVAL, "argument 'minutes' (%d) must be 0 for status '%s'", *minutes,
                              grp_attendance_status_name(status));
    }
    return GRP_OK;
}

int grp_attendance_record(grp_store *store, grp_id session_id, grp_id person_id, grp_attendance_status status,
                          int minutes, grp_id recorded_by)
{
    struct grp_session x = {0};
    struct grp_person p = {0};
    struct grp_attendance a = {0};
    grp__hours_session h = {{0}};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = grp__check_id("person_id", person_id)))
        return rc;
    if ((unsigned)status > GRP_ATTEND_APOLOGIES)
        return grp__error(GRP_EINVAL, "argument 'status' (%d) is not a grp_attendance_status", (int)status);
    if (recorded_by < 0)
        return grp__error(GRP_EINVAL, "argument 'recorded_by' (%lld) is negative", (long long)recorded_by);
    if ((rc = grp__tx_begin(store)))
        return rc;
    /* The stints active on the session's date serve the checks and the
     * hours log; someone with a stint exists, so a person is loaded only
     * to tell "no such person" from "not in the group". */
    if ((rc = store->be->session_load(store, session_id, &x)) || (rc = grp__hours_session_load(store, &x, &h)))
        goto done;
    if (!grp__hours_has_stint(&h, person_id) && (rc = store->be->person_load(store, person_id, &p)))
        goto done;
    grp__person_clear(&p);
    if (recorded_by && !grp__hours_has_stint(&h, recorded_by) && (rc = store->be->person_load(store, recorded_by, &p)))
        goto done;
    grp__person_clear(&p);
    if (x.status == GRP_SESSION_CANCELLED || x.status == GRP_SESSION_NOT_HELD) {
        rc = grp__error(GRP_ESTATE, "session %lld is %s: no attendance can be recorded", (long long)session_id,
                        x.status == GRP_SESSION_CANCELLED ? "cancelled" : "marked not held");
        goto done;
    }
    if ((rc = check_minutes(status, &minutes, x.duration)) || (rc = grp__hours_check_person(&h, &x, person_id)))
        goto done;
    a.session_id = session_id;
    a.person_id = person_id;
    a.status = status;
    a.minutes = minutes;
    a.recorded_by = recorded_by;
    a.recorded_at = grp_time_now();
    if ((rc = store->be->attendance_upsert(store, &a)))
        goto done;
    if (status != GRP_ATTEND_NOT_RECORDED && x.status == GRP_SESSION_SCHEDULED) {
        /* The session took place: its members may now be asked for feedback. */
        x.status = GRP_SESSION_HELD;
        if ((rc = store->be->session_update(store, &x)) == GRP_OK)
            rc = grp__event(store, GRP_EVENT_FEEDBACK_REQUESTED, x.group_id, 0, session_id);
    }
    if (rc == GRP_OK)
        rc = grp__hours_sync(store, &x, &h); /* the log follows attendance */
    if (rc == GRP_OK && (rc = grp__audit(store, NULL, "attendance.record", "session", session_id)) == GRP_OK)
        rc = grp__event(store, GRP_EVENT_ATTENDANCE_RECORDED, x.group_id, person_id, session_id);
done:
    grp__hours_session_dispose(&h);
    grp__session_clear(&x);
    return grp__tx_end(store, rc);
}

int grp_attendance_get(grp_attendance **out, grp_store *store, grp_id session_id, grp_id person_id)
{
    struct grp_attendance a = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = grp__check_id("person_id", person_id)) ||
        (rc = store->be->attendance_load(store, session_id, person_id, &a)))
        return rc;
    return grp__hand_out(out, &a, sizeof a, NULL, "returning attendance");
}

int grp_attendance_iterator_new(grp_attendance_iterator **out, grp_store *store, grp_id session_id)
{
    struct grp_session x = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = store->be->session_load(store, session_id, &x)))
        return rc;
    grp__session_clear(&x);
    grp_attendance_iterator *it = grp__new_record(sizeof *it, "listing attendance");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_att_item;
    if ((rc = store->be->attendance_of_session(store, session_id, &it->list))) {
        grp_attendance_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_attendance_iterator, grp_attendance, grp_attendance_iterator_next, grp_attendance_iterator_free)

grp_id grp_attendance_session_id(const grp_attendance *a) { return a ? a->session_id : 0; }
grp_id grp_attendance_person_id(const grp_attendance *a) { return a ? a->person_id : 0; }
grp_attendance_status grp_attendance_status_of(const grp_attendance *a) { return a ? a->status : GRP_ATTEND_NOT_RECORDED; }
int grp_attendance_minutes(const grp_attendance *a) { return a ? a->minutes : 0; }
grp_id grp_attendance_recorded_by(const grp_attendance *a) { return a ? a->recorded_by : 0; }
grp_time grp_attendance_recorded_at(const grp_attendance *a) { return a ? a->recorded_at : 0; }

void grp_attendance_free(grp_attendance *a)
{
    grp__free(a);
}

/* (session, person) order, as the store lists a group's attendance. */
static int by_session_person(const void *key, const void *item)
{
    const struct grp_attendance *k = key, *a = *(const struct grp_attendance *const *)item;
    if (k->session_id != a->session_id)
        return k->session_id < a->session_id ? -1 : 1;
    return (k->person_id > a->person_id) - (k->person_id < a->person_id);
}

/* Status recorded for (session, person), NOT_RECORDED if none. */
static grp_attendance_status lookup(const grp__list *rows, grp_id session_id, grp_id person_id)
{
    struct grp_attendance key = {0};
    key.session_id = session_id;
    key.person_id = person_id;
    if (!session_id || !rows->count)
        return GRP_ATTEND_NOT_RECORDED; /* computed sessions have no rows */
    const struct grp_attendance *const *found = bsearch(&key, rows->items, rows->count, sizeof *rows->items,
                                                        by_session_person);
    return found ? (*found)->status : GRP_ATTEND_NOT_RECORDED;
}

static int by_id(const void *a, const void *b)
{
    grp_id x = *(const grp_id *)a, y = *(const grp_id *)b;
    return (x > y) - (x < y);
}

/* Index of id in the ascending array v[0..n), or n. */
static size_t index_of(const grp_id *v, size_t n, grp_id id)
{
    const grp_id *found = n ? bsearch(&id, v, n, sizeof *v, by_id) : NULL;
    return found ? (size_t)(found - v) : n;
}

int grp__attendance_stats_members(grp_store *store, grp_id group_id, grp_time from, grp_time to,
                                  const grp_id *people, size_t n, grp_attendance_stats *each,
                                  grp_attendance_stats *total)
{
    grp__session_context ctx;
    grp__list sessions = {0}, rows = {0};
    grp_attendance_stats ignored;
    int rc;
    if (!total)
        total = &ignored;
    memset(total, 0, sizeof *total);
    for (size_t i = 0; i < n; i++)
        memset(&each[i], 0, sizeof each[i]);
    if ((rc = grp__session_context_load(store, group_id, &ctx)))
        return rc;
    rows.free_item = free_att_item;
    /* One query for the whole group (narrowed to the person when there is one). */
    if ((rc = grp__sessions_in_range(store, &ctx, from, to, &sessions)) ||
        (rc = store->be->attendance_of_group(store, group_id, n == 1 ? people[0] : 0, from, to, &rows)))
        goto done;
    for (size_t i = 0; i < sessions.count; i++) {
        const struct grp_session *x = sessions.items[i];
        if (x->status == GRP_SESSION_CANCELLED || x->status == GRP_SESSION_NOT_HELD)
            continue;
        grp_date d = date_of(x->start_local);
        for (size_t k = 0; k < ctx.stints.count; k++) {
            const struct grp_membership *m = ctx.stints.items[k];
            if (m->role != GRP_ROLE_MEMBER || !grp__stint_active_on(m, d))
                continue;
            size_t at = index_of(people, n, m->person_id);
            if (people && at == n && total == &ignored)
                continue; /* nobody asked about this member */
            grp_attendance_status status = lookup(&rows, x->id, m->person_id);
            if (total != &ignored)
                grp__stats_add(total, status);
            if (at < n)
                grp__stats_add(&each[at], status);
        }
    }
    grp__stats_finish(total);
    for (size_t i = 0; i < n; i++)
        grp__stats_finish(&each[i]);
done:
    grp__list_dispose(&sessions);
    grp__list_dispose(&rows);
    grp__session_context_dispose(&ctx);
    return rc;
}

int grp_attendance_stats_get(grp_attendance_stats *out, grp_store *store, grp_id group_id, grp_id person_id,
                             grp_time from, grp_time to)
{
    struct grp_person p = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    memset(out, 0, sizeof *out);
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)))
        return rc;
    if (person_id < 0)
        return grp__error(GRP_EINVAL, "argument 'person_id' (%lld) is negative", (long long)person_id);
    if (from > to)
        return grp__error(GRP_EINVAL, "range: 'from' is after 'to'");
    if (person_id && (rc = store->be->person_load(store, person_id, &p)))
        return rc;
    grp__person_clear(&p);
    if (person_id)
        rc = grp__attendance_stats_members(store, group_id, from, to, &person_id, 1, out, NULL);
    else
        rc = grp__attendance_stats_members(store, group_id, from, to, NULL, 0, NULL, out);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}
