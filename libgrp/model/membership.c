/* Membership stints: load what the rules need, let the pure rules module
 * decide, persist the outcome, all in one transaction. */
#include "model/model.h"
#include "model/access.h"
#include "model/events.h"
#include "policy/membership_rules.h"
#include "policy/records.h"
#include "util/alloc.h"
#include "util/text.h"

/* No date: a began or ended not yet set (grp__stint_dates_check skips it). */
static const grp_date NO_DATE = {0, 0, 0};

struct grp_membership_iterator {
    grp__list list;
};

static const char *const role_names[] = {"member", "facilitator", "co_facilitator"};
static const char *const state_names[] = {"requested", "waitlisted", "active", "left", "declined"};

const char *grp_member_role_name(grp_member_role role)
{
    return GRP__WORD(role_names, role);
}

const char *grp_membership_state_name(grp_membership_state state)
{
    return GRP__WORD(state_names, state);
}

int grp_join_options_init(grp_join_options *opts, unsigned int version)
{
    if (!opts)
        return grp__error_null("opts");
    if (version != GRP_JOIN_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_join_options version %u is unknown", version);
    grp_join_options d = GRP_JOIN_OPTIONS_INIT;
    *opts = d;
    return GRP_OK;
}

int grp_membership_query_init(grp_membership_query *q, unsigned int version)
{
    if (!q)
        return grp__error_null("query");
    if (version != GRP_MEMBERSHIP_QUERY_VERSION)
        return grp__error(GRP_EINVAL, "grp_membership_query version %u is unknown", version);
    grp_membership_query d = GRP_MEMBERSHIP_QUERY_INIT;
    *q = d;
    return GRP_OK;
}

static void free_ms_item(void *p)
{
    grp_membership_free(p);
}

static int is_pending(const struct grp_membership *m)
{
    return m->state == GRP_MSTATE_REQUESTED || m->state == GRP_MSTATE_WAITLISTED;
}

static void fmt_date(char buf[16], grp_date d)
{
    if (grp_date_format(buf, 16, d) != GRP_OK)
        buf[0] = '\0';
}

/* The person's history in the group decides two things: whether they are
 * already in it on `date` (a rule refusal), and whether `date` would be
 * written before existing history (an invalid argument: stints are
 * appended in date order). */
static int check_history(grp_store *s, grp_id group_id, grp_id person_id, grp_date date, int *already)
{
    grp__list l = {0};
    int rc;
    l.free_item = free_ms_item;
    *already = 0;
    if ((rc = s->be->membership_of_person(s, group_id, person_id, &l)))
        return rc;
    for (size_t i = 0; i < l.count && rc == GRP_OK; i++) {
        const struct grp_membership *m = l.items[i];
        grp_date last = grp_date_is_set(m->began) ? m->began : m->requested_on;
        if (is_pending(m) || grp__stint_active_on(m, date))
            *already = 1;
        else if (grp_date_compare(last, date) > 0) {
            char b1[16], b2[16];
            fmt_date(b1, date);
            fmt_date(b2, last);
            rc = grp__error(GRP_EINVAL, "argument 'date' (%s) is before this person's existing membership of the "
                                        "group (from %s)", b1, b2);
        }
    }
    grp__list_dispose(&l);
    return rc;
}

static int count_occupied(grp_store *s, grp_id group_id, grp_date date, int *occupied)
{
    grp__list l = {0};
    l.free_item = free_ms_item;
    int rc = s->be->membership_from(s, group_id, date, &l);
    if (rc == GRP_OK)
        *occupied = grp__peak_occupancy((struct grp_membership *const *)l.items, l.count, date);
    grp__list_dispose(&l);
    return rc;
}

static int count_waiting(grp_store *s, grp_id group_id, int *waiting)
{
    grp__list l = {0};
    l.free_item = free_ms_item;
    int rc = s->be->membership_waitlist(s, group_id, &l);
    if (rc == GRP_OK)
        *waiting = (int)l.count;
    grp__list_dispose(&l);
    return rc;
}

/* Gather the inputs of a decision for `person` joining `g` on `date`. */
static int decide(grp_store *s, const struct grp_group *g, grp_id person_id, grp_member_role role, grp_date date,
                  int is_approval, grp__join_decision *out)
{
    struct grp_person p = {0};
    grp__join_input in = {0};
    int rc;
    if ((rc = s->be->person_load(s, person_id, &p)))
        return rc;
    in.group = g;
    in.person_org_id = p.org_id;
    in.person_job_role = p.job_role;
    in.role = role;
    in.is_approval = is_approval;
    if (!is_approval)
        rc = check_history(s, g->id, person_id, date, &in.already);
    if (rc == GRP_OK)
        rc = count_occupied(s, g->id, date, &in.occupied);
    if (rc == GRP_OK)
        rc = count_waiting(s, g->id, &in.waiting);
    if (rc == GRP_OK)
        rc = grp__decide_join(&in, out);
    grp__person_clear(&p);
    return rc;
}

/* Copy the stored stint `id` into a new snapshot for the caller. */
static int snapshot(grp_membership **out, grp_store *s, grp_id id, uint32_t warnings)
{
    if (!out)
        return GRP_OK;
    int rc = grp_membership_get(out, s, id);
    if (rc == GRP_OK)
        (*out)->warnings = warnings;
    return rc;
}

/* Finish a write that may hand out a snapshot: commit, or roll back and
 * free the snapshot, so an error never leaves half a change behind. */
static int finish(grp_store *s, int rc, grp_membership **out, grp_membership *snap)
{
    if ((rc = grp__tx_end(s, rc))) {
        grp_membership_free(snap);
        return rc;
    }
    if (out)
        *out = snap;
    return GRP_OK;
}

int grp_member_join(grp_membership **out, grp_store *store, grp_id group_id, grp_id person_id, grp_date date,
                    const grp_join_options *opts)
{
    grp_join_options defaults = GRP_JOIN_OPTIONS_INIT;
    struct grp_group g = {0};
    struct grp_membership rec = {0};
    grp__join_decision d;
    grp_membership *snap = NULL;
    int rc;
    if (out)
        *out = NULL;
    GRP__CHECK_STORE(store);
    if (!opts)
        opts = &defaults;
    if (opts->version != GRP_JOIN_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_join_options version %u is unknown", opts->version);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_id("person_id", person_id)) ||
        (rc = grp__check_date("date", date)) || (rc = grp__check_text("opts.reason", opts->reason, GRP__NOTE_MAX, 0, 1)))
        return rc;
    if ((unsigned)opts->role > GRP_ROLE_COFACILITATOR)
        return grp__error(GRP_EINVAL, "opts.role (%d) is not a grp_member_role", (int)opts->role);
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->group_load(store, group_id, &g)) == GRP_OK &&
        (rc = decide(store, &g, person_id, opts->role, date, 0, &d)) == GRP_OK) {
        rec.group_id = group_id;
        rec.person_id = person_id;
        rec.role = opts->role;
        rec.state = d.state;
        rec.requested_on = date;
        if (d.state == GRP_MSTATE_ACTIVE)
            rec.began = date;
        rec.reason = (char *)opts->reason;
        grp_event_kind kind = d.state == GRP_MSTATE_REQUESTED    ? GRP_EVENT_MEMBER_REQUESTED
                              : d.state == GRP_MSTATE_WAITLISTED ? GRP_EVENT_MEMBER_WAITLISTED
                                                                 : GRP_EVENT_MEMBER_JOINED;
        if ((rc = store->be->membership_insert(store, &rec)) == GRP_OK &&
            (rc = grp__audit(store, NULL, "member.join", "membership", rec.id)) == GRP_OK &&
            (rc = grp__event(store, kind, group_id, person_id, rec.id)) == GRP_OK)
            rc = snapshot(out ? &snap : NULL, store, rec.id, d.warnings);
    }
    grp__group_clear(&g);
    return finish(store, rc, out, snap);
}

/* Load a stint that must be in `state`, checking `date` is not before it. */
static int load_for_change(grp_store *s, grp_id id, grp_date date, struct grp_membership *m)
{
    int rc;
    if ((rc = s->be->membership_load(s, id, m)))
        return rc;
    if (m->state != GRP_MSTATE_REQUESTED) {
        rc = grp__error(GRP_ESTATE, "membership %lld is %s, not a request", (long long)id,
                        grp_membership_state_name(m->state));
    } else if (grp__stint_dates_check(m->requested_on, date, NO_DATE) != GRP__STINT_OK) {
        char b1[16], b2[16];
        fmt_date(b1, date);
        fmt_date(b2, m->requested_on);
        rc = grp__error(GRP_EINVAL, "argument 'date' (%s) is before the request was made (%s)", b1, b2);
    }
    if (rc)
        grp__membership_clear(m);
    return rc;
}

int grp_member_approve(grp_membership **out, grp_store *store, grp_id membership_id, grp_date date)
{
    struct grp_membership m = {0};
    struct grp_group g = {0};
    grp__join_decision d;
    grp_membership *snap = NULL;
    int rc;
    if (out)
        *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("membership_id", membership_id)) || (rc = grp__check_date("date", date)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = load_for_change(store, membership_id, date, &m)) == GRP_OK) {
        if ((rc = store->be->group_load(store, m.group_id, &g)) == GRP_OK &&
            (rc = decide(store, &g, m.person_id, m.role, date, 1, &d)) == GRP_OK) {
            m.state = d.state;
            if (d.state == GRP_MSTATE_ACTIVE)
                m.began = date;
            if ((rc = store->be->membership_update(store, &m)) == GRP_OK &&
                (rc = grp__audit(store, NULL, "member.approve", "membership", m.id)) == GRP_OK &&
                (rc = grp__event(store,
                                 d.state == GRP_MSTATE_WAITLISTED ? GRP_EVENT_MEMBER_WAITLISTED : GRP_EVENT_MEMBER_APPROVED,
                                 m.group_id, m.person_id, m.id)) == GRP_OK)
                rc = snapshot(out ? &snap : NULL, store, m.id, d.warnings);
        }
        grp__group_clear(&g);
        grp__membership_clear(&m);
    }
    return finish(store, rc, out, snap);
}

int grp_member_decline(grp_store *store, grp_id membership_id, grp_date date, const char *reason)
{
    struct grp_membership m = {0};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("membership_id", membership_id)) || (rc = grp__check_date("date", date)) ||
        (rc = grp__check_text("reason", reason, GRP__NOTE_MAX, 0, 1)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = load_for_change(store, membership_id, date, &m)) == GRP_OK) {
        struct grp_membership changed = m;
        changed.state = GRP_MSTATE_DECLINED;
        changed.ended = date;
        if (reason)
            changed.reason = (char *)reason;
        if ((rc = store->be->membership_update(store, &changed)) == GRP_OK &&
            (rc = grp__audit(store, NULL, "member.decline", "membership", changed.id)) == GRP_OK)
            rc = grp__event(store, GRP_EVENT_MEMBER_DECLINED, changed.group_id, changed.person_id, changed.id);
        grp__membership_clear(&m);
    }
    return grp__tx_end(store, rc);
}

/* Seat waitlisted people of group `g` on `date`, longest-waiting first,
 * while the peak occupancy from `date` on leaves a seat free. */
static int promote(grp_store *s, const struct grp_group *g, grp_date date, size_t *promoted)
{
    grp__list wl = {0};
    int rc, occupied = 0;
    *promoted = 0;
    if (g->archived || g->status == GRP_STATUS_PAUSED || g->status == GRP_STATUS_CLOSED)
        return GRP_OK;
    wl.free_item = free_ms_item;
    if ((rc = s->be->membership_waitlist(s, g->id, &wl)))
        return rc;
    for (size_t i = 0; i < wl.count && rc == GRP_OK; i++) {
        struct grp_membership *m = wl.items[i];
        if (grp__stint_dates_check(m->requested_on, date, NO_DATE) != GRP__STINT_OK)
            continue; /* queued after `date`: cannot be seated on it */
        if ((rc = count_occupied(s, g->id, date, &occupied)) || occupied >= g->capacity)
            break;
        m->state = GRP_MSTATE_ACTIVE;
        m->began = date;
        if ((rc = s->be->membership_update(s, m)) == GRP_OK &&
            (rc = grp__audit(s, NULL, "member.promote", "membership", m->id)) == GRP_OK &&
            (rc = grp__event(s, GRP_EVENT_MEMBER_PROMOTED, g->id, m->person_id, m->id)) == GRP_OK)
            (*promoted)++;
    }
    grp__list_dispose(&wl);
    return rc;
}

int grp_member_leave(size_t *promoted_out, grp_store *store, grp_id group_id, grp_id person_id, grp_date date,
                     const char *reason)
{
    grp__list l = {0};
    struct grp_group g = {0};
    size_t promoted = 0;
    int rc;
    if (promoted_out)
        *promoted_out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_id("person_id", person_id)) ||
        (rc = grp__check_date("date", date)) || (rc = grp__check_text("reason", reason, GRP__NOTE_MAX, 0, 1)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    l.free_item = free_ms_item;
    if ((rc = store->be->group_load(store, group_id, &g)) ||
        (rc = store->be->membership_of_person(store, group_id, person_id, &l)))
        goto done;
    struct grp_membership *open = NULL;
    for (size_t i = 0; i < l.count; i++) {
        struct grp_membership *m = l.items[i];
        if (m->state == GRP_MSTATE_ACTIVE || is_pending(m))
            open = m;
    }
    if (!open) {
        rc = grp__error(GRP_ENOTFOUND, "person %lld has no current or pending membership of group '%s'",
                        (long long)person_id, g.name);
        goto done;
    }
    grp__stint_verdict v = grp__stint_dates_check(open->requested_on, open->began, date);
    if (v == GRP__STINT_ENDED_BEFORE_BEGAN || v == GRP__STINT_ENDED_BEFORE_REQUESTED) {
        grp_date start = grp_date_is_set(open->began) ? open->began : open->requested_on;
        char b1[16], b2[16];
        fmt_date(b1, date);
        fmt_date(b2, start);
        rc = grp__error(GRP_EINVAL, "argument 'date' (%s) is before the member %s (%s)", b1,
                        grp_date_is_set(open->began) ? "joined" : "asked to join", b2);
        goto done;
    }
    int was_active = open->state == GRP_MSTATE_ACTIVE && open->role == GRP_ROLE_MEMBER;
    open->state = GRP_MSTATE_LEFT;
    open->ended = date;
    if (reason) {
        grp__free(open->reason);
        if (!(open->reason = grp__strdup(reason))) {
            rc = grp__error_nomem("recording the reason for leaving");
            goto done;
        }
    }
    if ((rc = store->be->membership_update(store, open)) == GRP_OK &&
        (rc = grp__audit(store, NULL, "member.leave", "membership", open->id)) == GRP_OK)
        rc = grp__event(store, GRP_EVENT_MEMBER_LEFT, group_id, person_id, open->id);
    if (rc == GRP_OK && was_active)
        rc = promote(store, &g, date, &promoted);
done:
    grp__list_dispose(&l);
    grp__group_clear(&g);
    if ((rc = grp__tx_end(store, rc)) == GRP_OK && promoted_out)
        *promoted_out = promoted;
    return rc;
}

int grp_member_promote_waitlist(size_t *promoted_out, grp_store *store, grp_id group_id, grp_date date)
{
    struct grp_group g = {0};
    size_t promoted = 0;
    int rc;
    if (promoted_out)
        *promoted_out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_date("date", date)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->group_load(store, group_id, &g)) == GRP_OK)
        rc = promote(store, &g, date, &promoted);
    grp__group_clear(&g);
    if ((rc = grp__tx_end(store, rc)) == GRP_OK && promoted_out)
        *promoted_out = promoted;
    return rc;
}

static void clear_membership(void *r)
{
    grp__membership_clear(r);
}

int grp_membership_get(grp_membership **out, grp_store *store, grp_id id)
{
    struct grp_membership rec = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = store->be->membership_load(store, id, &rec)))
        return rc;
    return grp__hand_out(out, &rec, sizeof rec, clear_membership, "returning a membership");
}

grp_id grp_membership_id(const grp_membership *m) { return m ? m->id : 0; }
grp_id grp_membership_group_id(const grp_membership *m) { return m ? m->group_id : 0; }
grp_id grp_membership_person_id(const grp_membership *m) { return m ? m->person_id : 0; }
grp_member_role grp_membership_role(const grp_membership *m) { return m ? m->role : GRP_ROLE_MEMBER; }
grp_membership_state grp_membership_state_of(const grp_membership *m) { return m ? m->state : GRP_MSTATE_REQUESTED; }
grp_date grp_membership_requested_on(const grp_membership *m) { grp_date z = {0, 0, 0}; return m ? m->requested_on : z; }
grp_date grp_membership_began(const grp_membership *m) { grp_date z = {0, 0, 0}; return m ? m->began : z; }
grp_date grp_membership_ended(const grp_membership *m) { grp_date z = {0, 0, 0}; return m ? m->ended : z; }
const char *grp_membership_reason(const grp_membership *m) { return m ? m->reason : NULL; }
uint32_t grp_membership_warnings(const grp_membership *m) { return m ? m->warnings : 0; }

void grp_membership_free(grp_membership *m)
{
    if (!m)
        return;
    grp__membership_clear(m);
    grp__free(m);
}

int grp_membership_iterator_new(grp_membership_iterator **out, grp_store *store, const grp_membership_query *q)
{
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (!q)
        return grp__error_null("query");
    if (q->version != GRP_MEMBERSHIP_QUERY_VERSION)
        return grp__error(GRP_EINVAL, "grp_membership_query version %u is unknown", q->version);
    if (q->group_id < 0 || q->person_id < 0 || (q->group_id == 0 && q->person_id == 0))
        return grp__error(GRP_EINVAL, "query needs a positive group_id or person_id");
    if (grp_date_is_set(q->date) && (rc = grp__check_date("query.date", q->date)))
        return rc;
    if (q->roles & ~GRP_ROLEMASK_ALL)
        return grp__error(GRP_EINVAL, "query.roles has unknown bits 0x%x", (unsigned)q->roles);
    if (q->states & ~0x1fu)
        return grp__error(GRP_EINVAL, "query.states has unknown bits 0x%x", (unsigned)q->states);
    grp_membership_iterator *it = grp__new_record(sizeof *it, "listing memberships");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_ms_item;
    if ((rc = store->be->membership_query(store, q, &it->list))) {
        grp_membership_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_membership_iterator, grp_membership, grp_membership_iterator_next, grp_membership_iterator_free)
