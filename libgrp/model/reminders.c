/* Reminders and warnings, computed on demand from the schedule, the
 * rosters, attendance, goals and who has responded. */
#include "model/model.h"
#include "model/access.h"
#include "model/session.h"
#include "policy/membership_rules.h"
#include "policy/stats.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

#define DAY ((grp_time)86400)

struct grp_reminder {
    grp_id group_id;
    grp_id session_id;
    grp_time start;
    grp_datetime start_local;
    char *timezone;
    grp_id person_id;
    grp_id *people;
    size_t people_count;
    grp_id goal_id;
    grp_id step_id;
    grp_date due;
    int overdue;
    int expected;
    int attended;
    double rate;
    int quorum;
    int free_seats;
    int waiting;
};

struct grp_reminder_iterator {
    grp__list list;
};

void grp_reminder_free(grp_reminder *r)
{
    if (!r)
        return;
    grp__free(r->timezone);
    grp__free(r->people);
    grp__free(r);
}

static void free_reminder_item(void *p) { grp_reminder_free(p); }
static void free_group_item(void *p) { grp_group_free(p); }
static void free_ms_item(void *p) { grp_membership_free(p); }
static void free_plain(void *p) { grp__free(p); }

static grp_date date_of(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return d;
}

static int new_iterator(grp_reminder_iterator **out)
{
    grp_reminder_iterator *it = grp__new_record(sizeof *it, "computing reminders");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_reminder_item;
    *out = it;
    return GRP_OK;
}

/* Hand the finished iterator out, or free it on error. */
static int finish(grp_reminder_iterator **out, grp_reminder_iterator *it, int rc)
{
    if (rc) {
        grp_reminder_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

static int push(grp_reminder_iterator *it, grp_reminder **r)
{
    *r = grp__new_record(sizeof **r, "computing reminders");
    if (!*r)
        return GRP_ENOMEM;
    int rc = grp__list_push(&it->list, *r);
    if (rc) {
        grp__free(*r);
        *r = NULL;
    }
    return rc;
}

/* Live groups: not archived, forming or active. */
static int live_groups(grp_store *s, grp__list *out)
{
    grp__list all = {0};
    int rc;
    all.free_item = free_group_item;
    out->free_item = free_group_item;
    if ((rc = s->be->group_list(s, 0, 0, &all)) == GRP_OK)
        for (size_t i = 0; i < all.count && rc == GRP_OK; i++) {
            struct grp_group *g = all.items[i];
            if (g->status == GRP_STATUS_FORMING || g->status == GRP_STATUS_ACTIVE) {
                if ((rc = grp__list_push(out, g)) == GRP_OK)
                    all.items[i] = NULL;
            }
        }
    grp__list_dispose(&all);
    return rc;
}

static int check_window(grp_time from, grp_time to, grp_time max_span)
{
    if (from > to)
        return grp__error(GRP_EINVAL, "window: 'from' is after 'to'");
    if (to - from > max_span)
        return grp__error(GRP_EINVAL, "window spans more than %lld days", (long long)(max_span / DAY));
    return GRP_OK;
}

static int by_start(const void *a, const void *b)
{
    const grp_reminder *x = *(const grp_reminder *const *)a, *y = *(const grp_reminder *const *)b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->group_id > y->group_id) - (x->group_id < y->group_id);
}

int grp_reminders_sessions(grp_reminder_iterator **out, grp_store *store, grp_time from, grp_time to)
{
    grp__list groups = {0};
    grp_reminder_iterator *it;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = check_window(from, to, 366 * DAY)) || (rc = new_iterator(&it)))
        return rc;
    if ((rc = live_groups(store, &groups)))
        return finish(out, it, rc);
    for (size_t i = 0; i < groups.count && rc == GRP_OK; i++) {
        const struct grp_group *g = groups.items[i];
        grp__session_context ctx;
        grp__list sessions = {0};
        if ((rc = grp__session_context_load(store, g->id, &ctx)))
            break;
        rc = grp__sessions_in_range(store, &ctx, from, to, &sessions);
        for (size_t j = 0; j < sessions.count && rc == GRP_OK; j++) {
            const struct grp_session *x = sessions.items[j];
            grp_reminder *r;
            if (x->status == GRP_SESSION_CANCELLED || x->status == GRP_SESSION_NOT_HELD)
                continue;
            if ((rc = push(it, &r)))
                break;
            r->group_id = g->id;
            r->session_id = x->id;
            r->start = x->start_utc;
            r->start_local = x->start_local;
            if (!(r->timezone = grp__strdup(x->timezone))) {
                rc = grp__error_nomem("computing reminders");
                break;
            }
            /* everyone expected: members on the date, and facilitators */
            if (ctx.stints.count && !(r->people = grp__calloc(ctx.stints.count, sizeof *r->people))) {
                rc = grp__error_nomem("computing reminders");
                break;
            }
            for (size_t k = 0; k < ctx.stints.count; k++) {
                const struct grp_membership *m = ctx.stints.items[k];
                int dup = 0;
                if (!grp__stint_active_on(m, date_of(x->start_local)))
                    continue;
                for (size_t q = 0; q < r->people_count; q++)
                    dup |= r->people[q] == m->person_id;
                if (!dup)
                    r->people[r->people_count++] = m->person_id;
            }
        }
        grp__list_dispose(&sessions);
        grp__session_context_dispose(&ctx);
    }
    grp__list_dispose(&groups);
    if (rc == GRP_OK && it->list.count > 1)
        qsort(it->list.items, it->list.count, sizeof it->list.items[0], by_start);
    return finish(out, it, rc);
}

/* Members' outcomes over their last `last_n` expected, recorded sessions of group g before now. */
static int engagement(grp_store *s, grp_id group_id, int last_n, double threshold, grp_time now,
                      grp_reminder_iterator *it)
{
    grp__session_context ctx;
    grp__list sessions = {0}, rows = {0};
    int rc;
    rows.free_item = free_plain;
    if ((rc = grp__session_context_load(s, group_id, &ctx)))
        return rc;
    /* ten years back is ample for "the last N sessions" */
    grp_time from = now - 3653 * DAY;
    if ((rc = grp__sessions_in_range(s, &ctx, from, now, &sessions)) ||
        (rc = s->be->attendance_of_group(s, group_id, 0, from, now, &rows)))
        goto done;
    for (size_t k = 0; k < ctx.stints.count && rc == GRP_OK; k++) {
        const struct grp_membership *m = ctx.stints.items[k];
        int dup = 0;
        if (m->role != GRP_ROLE_MEMBER)
            continue;
        for (size_t q = 0; q < k; q++) {
            const struct grp_membership *o = ctx.stints.items[q];
            dup |= o->person_id == m->person_id && o->role == GRP_ROLE_MEMBER;
        }
        if (dup)
            continue; /* each member once, over all their stints */
        grp_attendance_stats st = {0};
        for (size_t j = sessions.count; j-- > 0 && st.expected - st.not_recorded < last_n;) {
            const struct grp_session *x = sessions.items[j];
            int expected = 0;
            if (x->status != GRP_SESSION_HELD || !x->id)
                continue;
            for (size_t q = 0; q < ctx.stints.count; q++) {
                const struct grp_membership *o = ctx.stints.items[q];
                expected |= o->person_id == m->person_id && o->role == GRP_ROLE_MEMBER &&
                            grp__stint_active_on(o, date_of(x->start_local));
            }
            if (!expected)
                continue;
            grp_attendance_status status = GRP_ATTEND_NOT_RECORDED;
            for (size_t q = 0; q < rows.count; q++) {
                const struct grp_attendance *a = rows.items[q];
                if (a->session_id == x->id && a->person_id == m->person_id)
                    status = a->status;
            }
            grp__stats_add(&st, status);
        }
        grp__stats_finish(&st);
        int recorded = st.expected - st.not_recorded;
        if (recorded > 0 && st.attendance_rate < threshold) {
            grp_reminder *r;
            if ((rc = push(it, &r)))
                break;
            r->group_id = group_id;
            r->person_id = m->person_id;
            r->expected = recorded;
            r->attended = st.attended;
            r->rate = st.attendance_rate;
        }
    }
done:
    grp__list_dispose(&sessions);
    grp__list_dispose(&rows);
    grp__session_context_dispose(&ctx);
    return rc;
}

int grp_reminders_low_engagement(grp_reminder_iterator **out, grp_store *store, const grp_actor *actor,
                                 grp_id group_id, int last_n, double threshold, grp_time now)
{
    grp__list groups = {0};
    grp_reminder_iterator *it;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (group_id < 0 || last_n < 1 || last_n > 1000 || !(threshold >= 0.0 && threshold <= 1.0))
        return grp__error(GRP_EINVAL, "group_id must be >= 0, last_n 1..1000 and threshold 0..1");
    if ((rc = grp__check_actor(store, actor)) || (rc = new_iterator(&it)))
        return rc;
    if (group_id) {
        struct grp_group g = {0};
        if ((rc = store->be->group_load(store, group_id, &g)))
            return finish(out, it, rc);
        grp__group_clear(&g);
    }
    if ((rc = live_groups(store, &groups)))
        return finish(out, it, rc);
    for (size_t i = 0; i < groups.count && rc == GRP_OK; i++) {
        const struct grp_group *g = groups.items[i];
        grp__access_facts f;
        if (group_id && g->id != group_id)
            continue;
        /* a warning for the facilitator, not for the organisation */
        if ((rc = grp__group_facts(store, actor, g->id, &f)) || !(f.system || f.facilitator))
            continue;
        rc = engagement(store, g->id, last_n, threshold, now, it);
    }
    grp__list_dispose(&groups);
    return finish(out, it, rc);
}

int grp_reminders_goals_due(grp_reminder_iterator **out, grp_store *store, const grp_actor *actor, grp_date from,
                            grp_date to)
{
    grp_reminder_iterator *it;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_date("from", from)) || (rc = grp__check_date("to", to)))
        return rc;
    if (grp_date_compare(from, to) > 0)
        return grp__error(GRP_EINVAL, "window: 'from' is after 'to'");
    if ((rc = grp__check_actor(store, actor)) || (rc = new_iterator(&it)))
        return rc;
    grp_goal_query q = GRP_GOAL_QUERY_INIT;
    grp_goal_iterator *git = NULL;
    grp_goal *g;
    q.statuses = 1u << GRP_GOAL_ACTIVE;
    /* grp_goal_iterator applies the access rules */
    if ((rc = grp_goal_iterator_new(&git, store, actor, &q)))
        return finish(out, it, rc);
    while (rc == GRP_OK && grp_goal_iterator_next(&g, git) == GRP_OK) {
        size_t n = grp_goal_step_count(g);
        for (size_t j = 0; j <= n && rc == GRP_OK; j++) {
            grp_date due = j == 0 ? grp_goal_target_date(g) : grp_goal_step_due(g, j - 1);
            if (!grp_date_is_set(due) || (j > 0 && grp_goal_step_done(g, j - 1)))
                continue;
            int overdue = grp_date_compare(due, from) < 0;
            if (!overdue && grp_date_compare(due, to) > 0)
                continue;
            grp_reminder *r;
            if ((rc = push(it, &r)))
                break;
            r->group_id = grp_goal_group_id(g);
            r->goal_id = grp_goal_id(g);
            r->person_id = grp_goal_owner_id(g);
            r->step_id = j == 0 ? 0 : grp_goal_step_id(g, j - 1);
            r->due = due;
            r->overdue = overdue;
        }
        grp_goal_free(g);
    }
    grp_goal_iterator_free(git);
    return finish(out, it, rc);
}

int grp_reminders_feedback_pending(grp_reminder_iterator **out, grp_store *store, const grp_actor *actor,
                                   grp_time now, int days)
{
    grp__list groups = {0};
    grp_reminder_iterator *it;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (days < 1 || days > 366)
        return grp__error(GRP_EINVAL, "argument 'days' (%d) is outside 1..366", days);
    if ((rc = grp__check_actor(store, actor)) || (rc = new_iterator(&it)))
        return rc;
    if ((rc = live_groups(store, &groups)))
        return finish(out, it, rc);
    for (size_t i = 0; i < groups.count && rc == GRP_OK; i++) {
        const struct grp_group *g = groups.items[i];
        grp__access_facts f;
        grp__session_context ctx;
        grp__list sessions = {0};
        if ((rc = grp__group_facts(store, actor, g->id, &f)))
            break;
        if (!f.system && !f.facilitator && !f.member)
            continue;
        if ((rc = grp__session_context_load(store, g->id, &ctx)))
            break;
        rc = grp__sessions_in_range(store, &ctx, now - days * DAY, now, &sessions);
        for (size_t j = 0; j < sessions.count && rc == GRP_OK; j++) {
            const struct grp_session *x = sessions.items[j];
            if (x->status != GRP_SESSION_HELD || !x->id)
                continue;
            for (size_t k = 0; k < ctx.stints.count && rc == GRP_OK; k++) {
                const struct grp_membership *m = ctx.stints.items[k];
                int given = 0;
                grp_reminder *r;
                if (m->role != GRP_ROLE_MEMBER || !grp__stint_active_on(m, date_of(x->start_local)))
                    continue;
                /* members see only their own; facilitators and the system everyone's */
                if (!f.system && !f.facilitator && !grp__is_person(actor, m->person_id))
                    continue;
                if ((rc = store->be->given_check(store, x->id, m->person_id, &given)) || given)
                    continue;
                if ((rc = push(it, &r)))
                    break;
                r->group_id = g->id;
                r->session_id = x->id;
                r->start = x->start_utc;
                r->person_id = m->person_id;
            }
        }
        grp__list_dispose(&sessions);
        grp__session_context_dispose(&ctx);
    }
    grp__list_dispose(&groups);
    return finish(out, it, rc);
}

int grp_reminders_under_quorum(grp_reminder_iterator **out, grp_store *store, grp_time now)
{
    grp__list groups = {0};
    grp_reminder_iterator *it;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = new_iterator(&it)))
        return rc;
    if ((rc = live_groups(store, &groups)))
        return finish(out, it, rc);
    for (size_t i = 0; i < groups.count && rc == GRP_OK; i++) {
        const struct grp_group *g = groups.items[i];
        grp_session *next = NULL;
        rc = grp_session_next(&next, store, g->id, now);
        if (rc == GRP_ENOTFOUND) { /* no upcoming session */
            grp_error_clear();
            rc = GRP_OK;
            continue;
        }
        if (rc == GRP_OK && grp_session_under_quorum(next)) {
            grp_reminder *r;
            if ((rc = push(it, &r)) == GRP_OK) {
                r->group_id = g->id;
                r->session_id = grp_session_id(next);
                r->start = grp_session_start(next);
                r->start_local = grp_session_start_local(next);
                r->expected = grp_session_expected(next);
                r->quorum = g->quorum;
            }
        }
        grp_session_free(next);
    }
    grp__list_dispose(&groups);
    return finish(out, it, rc);
}

int grp_reminders_waitlist(grp_reminder_iterator **out, grp_store *store, grp_date date)
{
    grp__list groups = {0};
    grp_reminder_iterator *it;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_date("date", date)) || (rc = new_iterator(&it)))
        return rc;
    if ((rc = live_groups(store, &groups)))
        return finish(out, it, rc);
    for (size_t i = 0; i < groups.count && rc == GRP_OK; i++) {
        const struct grp_group *g = groups.items[i];
        grp__list waiting = {0}, from = {0};
        waiting.free_item = from.free_item = free_ms_item;
        if ((rc = store->be->membership_waitlist(store, g->id, &waiting)) == GRP_OK && waiting.count &&
            (rc = store->be->membership_from(store, g->id, date, &from)) == GRP_OK) {
            int occupied = grp__peak_occupancy((struct grp_membership *const *)from.items, from.count, date);
            if (occupied < g->capacity) {
                grp_reminder *r;
                if ((rc = push(it, &r)) == GRP_OK) {
                    r->group_id = g->id;
                    r->free_seats = g->capacity - occupied;
                    r->waiting = (int)waiting.count;
                }
            }
        }
        grp__list_dispose(&waiting);
        grp__list_dispose(&from);
    }
    grp__list_dispose(&groups);
    return finish(out, it, rc);
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_reminder_iterator, grp_reminder, grp_reminder_iterator_next, grp_reminder_iterator_free)

grp_id grp_reminder_group_id(const grp_reminder *r) { return r ? r->group_id : 0; }
grp_id grp_reminder_session_id(const grp_reminder *r) { return r ? r->session_id : 0; }
grp_time grp_reminder_start(const grp_reminder *r) { return r ? r->start : 0; }
grp_datetime grp_reminder_start_local(const grp_reminder *r)
{
    grp_datetime z = {0, 0, 0, 0, 0, 0};
    return r ? r->start_local : z;
}
const char *grp_reminder_timezone(const grp_reminder *r) { return r ? r->timezone : NULL; }
grp_id grp_reminder_person_id(const grp_reminder *r) { return r ? r->person_id : 0; }
size_t grp_reminder_person_count(const grp_reminder *r) { return r ? r->people_count : 0; }
grp_id grp_reminder_person(const grp_reminder *r, size_t i) { return r && i < r->people_count ? r->people[i] : 0; }
grp_id grp_reminder_goal_id(const grp_reminder *r) { return r ? r->goal_id : 0; }
grp_id grp_reminder_step_id(const grp_reminder *r) { return r ? r->step_id : 0; }
grp_date grp_reminder_due(const grp_reminder *r) { grp_date z = {0, 0, 0}; return r ? r->due : z; }
int grp_reminder_overdue(const grp_reminder *r) { return r ? r->overdue : 0; }
int grp_reminder_expected(const grp_reminder *r) { return r ? r->expected : 0; }
int grp_reminder_attended(const grp_reminder *r) { return r ? r->attended : 0; }
double grp_reminder_rate(const grp_reminder *r) { return r ? r->rate : 0.0; }
int grp_reminder_quorum(const grp_reminder *r) { return r ? r->quorum : 0; }
int grp_reminder_free_seats(const grp_reminder *r) { return r ? r->free_seats : 0; }
int grp_reminder_waiting(const grp_reminder *r) { return r ? r->waiting : 0; }
