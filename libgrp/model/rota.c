/* Case-presenter rota: the store supplies history, policy/rota decides. */
#include "model/model.h"
#include "model/access.h"
#include "model/session.h"
#include "policy/membership_rules.h"
#include "policy/rota.h"
#include "util/alloc.h"

#include <string.h>

static void free_plain(void *p)
{
    grp__free(p);
}

static void free_ms_item(void *p)
{
    grp_membership_free(p);
}

static grp_date date_of(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return d;
}

/* Load a session that can have a presenter. */
static int load_open_session(grp_store *s, grp_id session_id, struct grp_session *x)
{
    int rc = s->be->session_load(s, session_id, x);
    if (rc == GRP_OK && (x->status == GRP_SESSION_CANCELLED || x->status == GRP_SESSION_NOT_HELD)) {
        rc = grp__error(GRP_ESTATE, "session %lld is %s and has no presenter", (long long)session_id,
                        grp_session_status_name(x->status));
        grp__session_clear(x);
    }
    return rc;
}

static int sent_apologies(grp_store *s, grp_id session_id, grp_id person_id, int *out)
{
    struct grp_attendance a;
    int rc = s->be->attendance_load(s, session_id, person_id, &a);
    *out = rc == GRP_OK && a.status == GRP_ATTEND_APOLOGIES;
    if (rc == GRP_ENOTFOUND) {
        grp_error_clear();
        rc = GRP_OK;
    }
    return rc;
}

/* The person must be a member on the session's date and not have sent apologies. */
static int check_presenter(grp_store *s, const struct grp_session *x, grp_id person_id)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp__list l = {0};
    int rc, apologies = 0;
    l.free_item = free_ms_item;
    q.group_id = x->group_id;
    q.person_id = person_id;
    q.date = date_of(x->start_local);
    q.roles = GRP_ROLEMASK_MEMBER;
    if ((rc = s->be->membership_query(s, &q, &l)) == GRP_OK && l.count == 0) {
        char b[16];
        grp_date_format(b, sizeof b, q.date);
        rc = grp__error(GRP_EINVAL, "person %lld is not a member of group %lld on %s and cannot present",
                        (long long)person_id, (long long)x->group_id, b);
    }
    grp__list_dispose(&l);
    if (rc == GRP_OK && (rc = sent_apologies(s, x->id, person_id, &apologies)) == GRP_OK && apologies)
        rc = grp__error(GRP_EINVAL, "person %lld sent apologies for session %lld", (long long)person_id,
                        (long long)x->id);
    return rc;
}

int grp_rota_assign(grp_store *store, grp_id session_id, grp_id person_id)
{
    struct grp_session x = {0};
    struct grp_person p = {0};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = grp__check_id("person_id", person_id)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = load_open_session(store, session_id, &x)) == GRP_OK) {
        if ((rc = store->be->person_load(store, person_id, &p)) == GRP_OK &&
            (rc = check_presenter(store, &x, person_id)) == GRP_OK &&
            (rc = store->be->presenter_set(store, session_id, person_id)) == GRP_OK)
            rc = grp__audit(store, NULL, "rota.assign", "session", session_id);
        grp__person_clear(&p);
        grp__session_clear(&x);
    }
    return grp__tx_end(store, rc);
}

int grp_rota_clear(grp_store *store, grp_id session_id)
{
    struct grp_session x = {0};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->session_load(store, session_id, &x)) == GRP_OK &&
        (rc = store->be->presenter_clear(store, session_id)) == GRP_OK)
        rc = grp__audit(store, NULL, "rota.clear", "session", session_id);
    grp__session_clear(&x);
    return grp__tx_end(store, rc);
}

int grp_rota_presenter(grp_id *out, grp_store *store, grp_id session_id)
{
    struct grp_session x = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = store->be->session_load(store, session_id, &x)))
        return rc;
    grp__session_clear(&x);
    return store->be->presenter_get(store, session_id, out);
}

/* The rota's choice for stored session x. */
static int suggest(grp_store *s, const struct grp_session *x, grp_id *out)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp__list members = {0}, history = {0};
    grp__rota_candidate *c = NULL;
    int rc;
    members.free_item = free_ms_item;
    history.free_item = free_plain;
    q.group_id = x->group_id;
    q.date = date_of(x->start_local);
    q.roles = GRP_ROLEMASK_MEMBER;
    if ((rc = s->be->membership_query(s, &q, &members)) ||
        (rc = s->be->presenter_history(s, x->group_id, x->start_utc, &history)))
        goto done;
    if (members.count && !(c = grp__calloc(members.count, sizeof *c))) {
        rc = grp__error_nomem("choosing a presenter");
        goto done;
    }
    for (size_t i = 0; c && i < members.count && rc == GRP_OK; i++) {
        const struct grp_membership *m = members.items[i];
        c[i].person_id = m->person_id;
        c[i].joined = m->began;
        for (size_t k = 0; k < history.count; k++) {
            const struct grp__presented *h = history.items[k];
            if (h->person_id == m->person_id) {
                c[i].has_presented = 1;
                c[i].last = h->last;
            }
        }
        rc = sent_apologies(s, x->id, m->person_id, &c[i].apologies);
    }
    if (rc == GRP_OK) {
        int pick = grp__rota_pick(c, members.count);
        if (pick < 0 || !c)
            rc = grp__error(GRP_ENOTFOUND, "no member of group %lld can present at session %lld",
                            (long long)x->group_id, (long long)x->id);
        else
            *out = c[pick].person_id;
    }
done:
    grp__free(c);
    grp__list_dispose(&members);
    grp__list_dispose(&history);
    return rc;
}

int grp_rota_suggest(grp_id *out, grp_store *store, grp_id session_id)
{
    struct grp_session x = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = load_open_session(store, session_id, &x)))
        return rc;
    rc = suggest(store, &x, out);
    grp__session_clear(&x);
    return rc;
}

int grp_rota_swap(grp_store *store, grp_id session_a, grp_id session_b)
{
    struct grp_session a = {0}, b = {0};
    grp_id pa = 0, pb = 0;
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_a", session_a)) || (rc = grp__check_id("session_b", session_b)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = load_open_session(store, session_a, &a)) || (rc = load_open_session(store, session_b, &b)))
        goto done;
    if (a.group_id != b.group_id) {
        rc = grp__error(GRP_EINVAL, "sessions %lld and %lld belong to different groups", (long long)session_a,
                        (long long)session_b);
        goto done;
    }
    if ((rc = store->be->presenter_get(store, session_a, &pa)) == GRP_ENOTFOUND)
        rc = GRP_OK;
    if (rc == GRP_OK && (rc = store->be->presenter_get(store, session_b, &pb)) == GRP_ENOTFOUND)
        rc = GRP_OK;
    if (rc)
        goto done;
    if ((pb && (rc = check_presenter(store, &a, pb))) || (pa && (rc = check_presenter(store, &b, pa))))
        goto done;
    rc = pb ? store->be->presenter_set(store, session_a, pb) : store->be->presenter_clear(store, session_a);
    if (rc == GRP_OK)
        rc = pa ? store->be->presenter_set(store, session_b, pa) : store->be->presenter_clear(store, session_b);
    if (rc == GRP_OK)
        rc = grp__audit(store, NULL, "rota.swap", "session", session_a);
done:
    grp__session_clear(&a);
    grp__session_clear(&b);
    return grp__tx_end(store, rc);
}

int grp_rota_plan(size_t *assigned_out, grp_store *store, grp_id group_id, grp_time from, grp_time to)
{
    grp__session_context ctx;
    grp__list sessions = {0};
    size_t assigned = 0;
    int rc;
    if (assigned_out)
        *assigned_out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)))
        return rc;
    if (from > to)
        return grp__error(GRP_EINVAL, "range: 'from' is after 'to'");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = grp__session_context_load(store, group_id, &ctx)))
        return grp__tx_end(store, rc);
    rc = grp__sessions_in_range(store, &ctx, from, to, &sessions);
    for (size_t i = 0; i < sessions.count && rc == GRP_OK; i++) {
        struct grp_session *x = sessions.items[i];
        grp_id id = x->id, who = 0;
        if (x->status == GRP_SESSION_CANCELLED || x->status == GRP_SESSION_NOT_HELD)
            continue;
        if (!id && (rc = grp_session_ensure(&id, store, group_id, x->occurrence)))
            break;
        x->id = id;
        rc = store->be->presenter_get(store, id, &who);
        if (rc == GRP_OK)
            continue; /* already has one */
        if (rc != GRP_ENOTFOUND)
            break;
        if ((rc = suggest(store, x, &who)) == GRP_ENOTFOUND) {
            rc = GRP_OK; /* nobody available: leave it open */
            continue;
        }
        if (rc == GRP_OK && (rc = store->be->presenter_set(store, id, who)) == GRP_OK &&
            (rc = grp__audit(store, NULL, "rota.assign", "session", id)) == GRP_OK)
            assigned++;
    }
    grp__list_dispose(&sessions);
    grp__session_context_dispose(&ctx);
    if ((rc = grp__tx_end(store, rc)) == GRP_OK && assigned_out)
        *assigned_out = assigned;
    return rc;
}
