/* Session feedback and peer feedback, enforced through the access rules. */
#include "model/model.h"
#include "model/access.h"
#include "policy/membership_rules.h"
#include "policy/stats.h"
#include "calendar/date.h"
#include "util/alloc.h"
#include "util/text.h"

#include <string.h>

#define DEFAULT_FORM 1

struct grp_feedback_response_iterator {
    grp__list list;
};
struct grp_peer_feedback_iterator {
    grp__list list;
};
struct grp_feedback_summary {
    int responses;
    int expected;
    grp__feedback_tally tally;
    grp_strarray items;
};

static void free_ms_item(void *p) { grp_membership_free(p); }
static void free_response_item(void *p) { grp_feedback_response_free(p); }
static void free_peer_item(void *p) { grp_peer_feedback_free(p); }
static void free_session_item(void *p) { grp_session_free(p); }
static void free_group_item(void *p) { grp_group_free(p); }

static grp_date date_of(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return d;
}

/* ---- forms --------------------------------------------------------------------- */

int grp_feedback_form_create(grp_id *out, grp_store *store, const char *name, const grp_strarray *items)
{
    struct grp_feedback_form f = {0};
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_text("name", name, GRP__NAME_MAX, 1, 0)))
        return rc;
    if (!items)
        return grp__error_null("items");
    if (items->count < 1 || items->count > GRP_FEEDBACK_MAX_ITEMS || !items->strings)
        return grp__error(GRP_EINVAL, "a form needs 1..%d items (got %zu)", GRP_FEEDBACK_MAX_ITEMS, items->count);
    for (size_t i = 0; i < items->count; i++)
        if ((rc = grp__check_text("items[]", items->strings[i], GRP__FORM_ITEM_MAX, 1, 0)))
            return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    f.name = (char *)name;
    f.items = *items;
    if ((rc = store->be->form_insert(store, &f)) == GRP_OK)
        rc = grp__audit(store, NULL, "feedback.form_create", "feedback_form", f.id);
    if ((rc = grp__tx_end(store, rc)) == GRP_OK && out)
        *out = f.id;
    return rc;
}

int grp_feedback_form_default(grp_id *out, grp_store *store)
{
    if (!out)
        return grp__error_null("out");
    GRP__CHECK_STORE(store);
    *out = DEFAULT_FORM;
    return GRP_OK;
}

static void clear_form(void *r)
{
    grp__feedback_form_clear(r);
}

int grp_feedback_form_get(grp_feedback_form **out, grp_store *store, grp_id form_id)
{
    struct grp_feedback_form f = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("form_id", form_id)) || (rc = store->be->form_load(store, form_id, &f)))
        return rc;
    return grp__hand_out(out, &f, sizeof f, clear_form, "returning a form");
}

grp_id grp_feedback_form_id(const grp_feedback_form *f) { return f ? f->id : 0; }
const char *grp_feedback_form_name(const grp_feedback_form *f) { return f ? f->name : NULL; }
size_t grp_feedback_form_item_count(const grp_feedback_form *f) { return f ? f->items.count : 0; }
const char *grp_feedback_form_item(const grp_feedback_form *f, size_t i)
{
    return f && i < f->items.count ? f->items.strings[i] : NULL;
}

void grp_feedback_form_free(grp_feedback_form *f)
{
    if (!f)
        return;
    grp__feedback_form_clear(f);
    grp__free(f);
}

int grp_group_set_feedback_form(grp_store *store, grp_id group_id, grp_id form_id)
{
    struct grp_group g = {0};
    struct grp_feedback_form f = {0};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)))
        return rc;
    if (form_id < 0)
        return grp__error(GRP_EINVAL, "argument 'form_id' is negative");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->group_load(store, group_id, &g)) == GRP_OK &&
        (rc = store->be->form_load(store, form_id ? form_id : DEFAULT_FORM, &f)) == GRP_OK &&
        (rc = store->be->group_form_set(store, group_id, f.id)) == GRP_OK)
        rc = grp__audit(store, NULL, "group.set_feedback_form", "group", group_id);
    grp__feedback_form_clear(&f);
    grp__group_clear(&g);
    return grp__tx_end(store, rc);
}

static int group_form(grp_store *s, grp_id group_id, grp_id *out)
{
    int rc = s->be->group_form_get(s, group_id, out);
    if (rc == GRP_OK && !*out)
        *out = DEFAULT_FORM;
    return rc;
}

int grp_group_feedback_form(grp_id *out, grp_store *store, grp_id group_id)
{
    struct grp_group g = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = store->be->group_load(store, group_id, &g)))
        return rc;
    grp__group_clear(&g);
    return group_form(store, group_id, out);
}

/* ---- responses ------------------------------------------------------------------- */

int grp_feedback_submission_init(grp_feedback_submission *sub, unsigned int version)
{
    if (!sub)
        return grp__error_null("sub");
    if (version != GRP_FEEDBACK_SUBMISSION_VERSION)
        return grp__error(GRP_EINVAL, "grp_feedback_submission version %u is unknown", version);
    grp_feedback_submission d = GRP_FEEDBACK_SUBMISSION_INIT;
    *sub = d;
    return GRP_OK;
}

/* Was person a member (role member) of x's group on x's date? */
static int member_on_session(grp_store *s, const struct grp_session *x, grp_id person_id, int *out)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp__list l = {0};
    int rc;
    l.free_item = free_ms_item;
    q.group_id = x->group_id;
    q.person_id = person_id;
    q.date = date_of(x->start_local);
    q.roles = GRP_ROLEMASK_MEMBER;
    if ((rc = s->be->membership_query(s, &q, &l)) == GRP_OK)
        *out = l.count > 0;
    grp__list_dispose(&l);
    return rc;
}

static int check_submission(const grp_feedback_submission *sub)
{
    int rc;
    if (!sub)
        return grp__error_null("sub");
    if (sub->version != GRP_FEEDBACK_SUBMISSION_VERSION)
        return grp__error(GRP_EINVAL, "grp_feedback_submission version %u is unknown", sub->version);
    if (sub->rating_count > 0 && !sub->ratings)
        return grp__error(GRP_EINVAL, "sub.ratings is NULL but rating_count is %zu", sub->rating_count);
    for (size_t i = 0; i < sub->rating_count; i++)
        if (sub->ratings[i] < 0 || sub->ratings[i] > 5)
            return grp__error(GRP_EINVAL, "sub.ratings[%zu] (%d) is outside 1..5 (0 = no answer)", i,
                              sub->ratings[i]);
    if ((rc = grp__check_text("sub.text", sub->text, GRP__TEXT_MAX, 0, 1)))
        return rc;
    if (sub->anonymous != 0 && sub->anonymous != 1)
        return grp__error(GRP_EINVAL, "sub.anonymous must be 0 or 1");
    return GRP_OK;
}

int grp_feedback_submit(grp_store *store, const grp_actor *actor, grp_id session_id, const grp_feedback_submission *sub)
{
    struct grp_session x = {0};
    struct grp_feedback_form f = {0};
    struct grp_feedback_response r = {0};
    int rc, member = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = check_submission(sub)) ||
        (rc = grp__check_actor(store, actor)))
        return rc;
    if (actor->kind != GRP_ACTOR_PERSON)
        return grp__denied("feedback is given by a person, not by the system actor");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->session_load(store, session_id, &x)))
        goto done;
    if (x.status == GRP_SESSION_CANCELLED || x.status == GRP_SESSION_NOT_HELD) {
        rc = grp__error(GRP_ESTATE, "session %lld did not take place: no feedback", (long long)session_id);
        goto done;
    }
    if ((rc = member_on_session(store, &x, actor->person_id, &member)))
        goto done;
    if (!member) {
        rc = grp__denied("only members of the group on the session's date give feedback on it");
        goto done;
    }
    if ((rc = group_form(store, x.group_id, &r.form_id)) || (rc = store->be->form_load(store, r.form_id, &f)))
        goto done;
    if (sub->rating_count != f.items.count) {
        rc = grp__error(GRP_EINVAL, "sub.rating_count (%zu) must equal the form's %zu items", sub->rating_count,
                        f.items.count);
        goto done;
    }
    if ((rc = store->be->given_insert(store, session_id, actor->person_id)))
        goto done;
    r.session_id = session_id;
    r.person_id = sub->anonymous ? 0 : actor->person_id;
    r.rating_count = sub->rating_count;
    memcpy(r.ratings, sub->ratings, sub->rating_count * sizeof *sub->ratings);
    r.text = (char *)sub->text;
    if ((rc = store->be->response_insert(store, &r)))
        goto done;
    rc = sub->anonymous ? grp__audit_anonymous(store, "feedback.respond", "session", session_id)
                        : grp__audit(store, actor, "feedback.respond", "session", session_id);
    if (rc == GRP_OK && sub->anonymous)
        grp__store_scrub_after_commit(store);
done:
    grp__feedback_form_clear(&f);
    grp__session_clear(&x);
    return grp__tx_end(store, rc);
}

int grp_feedback_has_responded(int *out, grp_store *store, const grp_actor *actor, grp_id session_id, grp_id person_id)
{
    struct grp_session x = {0};
    grp__access_facts facts;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = grp__check_id("person_id", person_id)) ||
        (rc = grp__check_actor(store, actor)) || (rc = store->be->session_load(store, session_id, &x)))
        return rc;
    if ((rc = grp__group_facts(store, actor, x.group_id, &facts)) == GRP_OK) {
        if (!facts.system && !facts.facilitator && !grp__is_person(actor, person_id))
            rc = grp__denied("only the person, the group's facilitators or the system may ask");
        else if ((rc = store->be->given_check(store, session_id, person_id, out)) == GRP_OK)
            *out = *out > 0;
    }
    grp__session_clear(&x);
    return rc;
}

int grp_feedback_response_iterator_new(grp_feedback_response_iterator **out, grp_store *store,
                                       const grp_actor *actor, grp_id session_id)
{
    struct grp_session x = {0};
    grp__access_facts facts;
    grp__list all = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = grp__check_actor(store, actor)) ||
        (rc = store->be->session_load(store, session_id, &x)))
        return rc;
    grp_feedback_response_iterator *it = grp__new_record(sizeof *it, "listing responses");
    if (!it) {
        grp__session_clear(&x);
        return GRP_ENOMEM;
    }
    it->list.free_item = free_response_item;
    all.free_item = free_response_item;
    if ((rc = grp__group_facts(store, actor, x.group_id, &facts)) ||
        (rc = store->be->responses_of_session(store, session_id, &all)))
        goto done;
    for (size_t i = 0; i < all.count && rc == GRP_OK; i++) {
        struct grp_feedback_response *r = all.items[i];
        facts.owner = r->person_id && grp__is_person(actor, r->person_id);
        if (grp__access_can_read(GRP__C_RESPONSE, &facts)) {
            if ((rc = grp__list_push(&it->list, r)) == GRP_OK)
                all.items[i] = NULL;
        }
    }
done:
    grp__list_dispose(&all);
    grp__session_clear(&x);
    if (rc) {
        grp_feedback_response_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_feedback_response_iterator, grp_feedback_response, grp_feedback_response_iterator_next, grp_feedback_response_iterator_free)

grp_id grp_feedback_response_person_id(const grp_feedback_response *r) { return r ? r->person_id : 0; }
grp_id grp_feedback_response_session_id(const grp_feedback_response *r) { return r ? r->session_id : 0; }
grp_id grp_feedback_response_form_id(const grp_feedback_response *r) { return r ? r->form_id : 0; }
size_t grp_feedback_response_rating_count(const grp_feedback_response *r) { return r ? r->rating_count : 0; }
int grp_feedback_response_rating(const grp_feedback_response *r, size_t i)
{
    return r && i < r->rating_count ? r->ratings[i] : -1;
}
const char *grp_feedback_response_text(const grp_feedback_response *r) { return r ? r->text : NULL; }

void grp_feedback_response_free(grp_feedback_response *r)
{
    if (!r)
        return;
    grp__feedback_response_clear(r);
    grp__free(r);
}

/* ---- aggregates ------------------------------------------------------------------- */

int grp_feedback_scope_init(grp_feedback_scope *scope, unsigned int version)
{
    if (!scope)
        return grp__error_null("scope");
    if (version != GRP_FEEDBACK_SCOPE_VERSION)
        return grp__error(GRP_EINVAL, "grp_feedback_scope version %u is unknown", version);
    grp_feedback_scope d = GRP_FEEDBACK_SCOPE_INIT;
    *scope = d;
    return GRP_OK;
}

/* Tally the stored sessions of group g starting in [from, to) that are in
 * scope (for a facilitator scope: on dates they facilitated). */
static int tally_group(grp_store *s, const struct grp_group *g, const grp_feedback_scope *sc, grp_time from,
                       grp_time to, grp_id form_id, struct grp_feedback_summary *sum, grp__cohort *cohort)
{
    grp__list sessions = {0}, stints = {0};
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    int rc;
    sessions.free_item = free_session_item;
    stints.free_item = free_ms_item;
    q.group_id = g->id;
    q.states = (1u << GRP_MSTATE_ACTIVE) | (1u << GRP_MSTATE_LEFT);
    if ((rc = s->be->session_range(s, g->id, from, to, &sessions)) || (rc = s->be->membership_query(s, &q, &stints)))
        goto done;
    for (size_t i = 0; i < sessions.count && rc == GRP_OK; i++) {
        const struct grp_session *x = sessions.items[i];
        grp_date d = date_of(x->start_local);
        if (x->start_utc < from || x->start_utc >= to || x->status == GRP_SESSION_CANCELLED ||
            x->status == GRP_SESSION_NOT_HELD)
            continue;
        if (sc->session_id && x->id != sc->session_id)
            continue;
        if (sc->facilitator_id) {
            int facilitated = 0;
            for (size_t k = 0; k < stints.count; k++) {
                const struct grp_membership *m = stints.items[k];
                facilitated |= m->person_id == sc->facilitator_id && m->role != GRP_ROLE_MEMBER &&
                               grp__stint_active_on(m, d);
            }
            if (!facilitated)
                continue;
        }
        sum->expected += grp__active_count((struct grp_membership *const *)stints.items, stints.count, d,
                                           GRP_ROLEMASK_MEMBER);
        grp__list responses = {0};
        grp_id *given = NULL;
        size_t n_given = 0, counted = 0;
        responses.free_item = free_response_item;
        if ((rc = s->be->responses_of_session(s, x->id, &responses)) == GRP_OK)
            for (size_t k = 0; k < responses.count; k++) {
                const struct grp_feedback_response *r = responses.items[k];
                if (r->form_id == form_id) {
                    grp__tally_add(&sum->tally, r->ratings, r->rating_count);
                    counted++;
                }
            }
        if (rc == GRP_OK && counted && (rc = s->be->given_of_session(s, x->id, &given, &n_given)) == GRP_OK)
            rc = grp__cohort_add(cohort, given, n_given, responses.count, counted);
        grp__free(given);
        grp__list_dispose(&responses);
    }
done:
    grp__list_dispose(&sessions);
    grp__list_dispose(&stints);
    return rc;
}

static int scope_groups(grp_store *s, const grp_actor *actor, const grp_feedback_scope *sc, grp__list *groups)
{
    grp__access_facts facts;
    int rc;
    groups->free_item = free_group_item;
    if (sc->session_id || sc->group_id) {
        struct grp_session x = {0};
        grp_id gid = sc->group_id;
        if (sc->session_id) {
            if ((rc = s->be->session_load(s, sc->session_id, &x)))
                return rc;
            gid = x.group_id;
            grp__session_clear(&x);
        }
        struct grp_group *g = grp__new_record(sizeof *g, "aggregating feedback");
        if (!g)
            return GRP_ENOMEM;
        if ((rc = s->be->group_load(s, gid, g)) || (rc = grp__list_push(groups, g))) {
            grp__group_clear(g);
            grp__free(g);
            return rc;
        }
        if ((rc = grp__group_facts(s, actor, gid, &facts)))
            return rc;
        return grp__access_can_read(GRP__C_AGGREGATE, &facts) ? GRP_OK
                                                               : grp__denied("not a member, facilitator or admin");
    }
    if (sc->org_id) {
        struct grp_org o = {0};
        int admin = 0;
        if ((rc = s->be->org_load(s, sc->org_id, &o)))
            return rc;
        grp__org_clear(&o);
        if (!grp__is_system(actor) &&
            ((rc = s->be->org_admin_check(s, sc->org_id, actor->person_id, &admin)) || !admin))
            return rc ? rc : grp__denied("organisation aggregates are for its admins");
        return s->be->group_list(s, sc->org_id, GRP_LIST_INCLUDE_ARCHIVED, groups);
    }
    /* a facilitator's groups */
    struct grp_person p = {0};
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp__list mine = {0};
    if ((rc = s->be->person_load(s, sc->facilitator_id, &p)))
        return rc;
    grp__person_clear(&p);
    if (!grp__is_system(actor) && !grp__is_person(actor, sc->facilitator_id))
        return grp__denied("a facilitator's aggregates are for the facilitator");
    mine.free_item = free_ms_item;
    q.person_id = sc->facilitator_id;
    q.roles = GRP_ROLEMASK_FACILITATOR | GRP_ROLEMASK_COFACILITATOR;
    if ((rc = s->be->membership_query(s, &q, &mine)))
        return rc;
    for (size_t i = 0; i < mine.count && rc == GRP_OK; i++) {
        const struct grp_membership *m = mine.items[i];
        int seen = 0;
        for (size_t k = 0; k < groups->count; k++)
            seen |= ((struct grp_group *)groups->items[k])->id == m->group_id;
        if (seen)
            continue;
        struct grp_group *g = grp__new_record(sizeof *g, "aggregating feedback");
        if (!g) {
            rc = GRP_ENOMEM;
            break;
        }
        if ((rc = s->be->group_load(s, m->group_id, g)) || (rc = grp__list_push(groups, g))) {
            grp__group_clear(g);
            grp__free(g);
        }
    }
    grp__list_dispose(&mine);
    return rc;
}

int grp_feedback_summary_get(grp_feedback_summary **out, grp_store *store, const grp_actor *actor,
                             const grp_feedback_scope *sc)
{
    grp__list groups = {0};
    struct grp_feedback_form f = {0};
    grp__cohort cohort = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (!sc)
        return grp__error_null("scope");
    if (sc->version != GRP_FEEDBACK_SCOPE_VERSION)
        return grp__error(GRP_EINVAL, "grp_feedback_scope version %u is unknown", sc->version);
    if ((sc->session_id != 0) + (sc->group_id != 0) + (sc->facilitator_id != 0) + (sc->org_id != 0) != 1 ||
        sc->session_id < 0 || sc->group_id < 0 || sc->facilitator_id < 0 || sc->org_id < 0 || sc->form_id < 0)
        return grp__error(GRP_EINVAL, "scope: set exactly one of session_id, group_id, facilitator_id, org_id");
    grp_time from = sc->from, to = sc->to;
    if (from == 0 && to == 0) {
        from = GRP__SECS_MIN;
        to = GRP__SECS_MAX;
    }
    if (from > to)
        return grp__error(GRP_EINVAL, "scope: 'from' is after 'to'");
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    struct grp_feedback_summary *sum = grp__new_record(sizeof *sum, "aggregating feedback");
    if (!sum)
        return GRP_ENOMEM;
    grp_id form_id = sc->form_id ? sc->form_id : DEFAULT_FORM;
    if ((rc = store->be->form_load(store, form_id, &f)) || (rc = scope_groups(store, actor, sc, &groups)))
        goto done;
    for (size_t i = 0; i < groups.count && rc == GRP_OK; i++)
        rc = tally_group(store, groups.items[i], sc, sc->session_id ? GRP__SECS_MIN : from,
                         sc->session_id ? GRP__SECS_MAX : to, form_id, sum, &cohort);
    /* Suppression counts people, not responses: many responses of one
     * person are still that person's ratings. */
    if (rc == GRP_OK && !grp__cohort_ok(grp__cohort_size(&cohort), store->min_cohort))
        rc = grp__error(GRP_ESUPPRESSED, "suppressed: fewer distinct respondents than the minimum cohort of %d",
                        store->min_cohort);
    if (rc == GRP_OK) {
        sum->responses = sum->tally.responses;
        sum->tally.items = f.items.count;
        sum->items = f.items;
        f.items.strings = NULL;
        f.items.count = 0;
    }
done:
    grp__cohort_clear(&cohort);
    grp__list_dispose(&groups);
    grp__feedback_form_clear(&f);
    if (rc) {
        grp_feedback_summary_free(sum);
        return rc;
    }
    *out = sum;
    return GRP_OK;
}

int grp_feedback_summary_responses(const grp_feedback_summary *s) { return s ? s->responses : 0; }
int grp_feedback_summary_expected(const grp_feedback_summary *s) { return s ? s->expected : 0; }
double grp_feedback_summary_response_rate(const grp_feedback_summary *s)
{
    return s && s->expected > 0 ? (double)s->responses / s->expected : 0.0;
}
size_t grp_feedback_summary_item_count(const grp_feedback_summary *s) { return s ? s->items.count : 0; }
const char *grp_feedback_summary_item(const grp_feedback_summary *s, size_t i)
{
    return s && i < s->items.count ? s->items.strings[i] : NULL;
}
double grp_feedback_summary_mean(const grp_feedback_summary *s, size_t i)
{
    return s && i < s->items.count ? grp__tally_mean(&s->tally, i) : 0.0;
}
int grp_feedback_summary_count(const grp_feedback_summary *s, size_t i, int rating)
{
    if (!s || i >= s->items.count || rating < 1 || rating > 5)
        return -1;
    return s->tally.counts[i][rating - 1];
}

void grp_feedback_summary_free(grp_feedback_summary *s)
{
    if (!s)
        return;
    grp_strarray_dispose(&s->items);
    grp__free(s);
}

/* ---- peer feedback ------------------------------------------------------------------ */

int grp_peer_feedback_give(grp_id *out, grp_store *store, const grp_actor *actor, grp_id group_id, grp_id session_id,
                           grp_id recipient_id, const char *text, int share_with_facilitators)
{
    struct grp_peer_feedback p = {0};
    struct grp_session x = {0};
    grp__access_facts author, recipient;
    grp_actor as_recipient = grp_actor_person(recipient_id);
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_id("recipient_id", recipient_id)) ||
        (rc = grp__check_text("text", text, GRP__TEXT_MAX, 1, 1)) || (rc = grp__check_actor(store, actor)))
        return rc;
    if (session_id < 0 || (share_with_facilitators != 0 && share_with_facilitators != 1))
        return grp__error(GRP_EINVAL, "argument 'session_id' or 'share_with_facilitators' is out of range");
    if (actor->kind != GRP_ACTOR_PERSON)
        return grp__denied("peer feedback is written by a person");
    if (actor->person_id == recipient_id)
        return grp__error(GRP_EINVAL, "peer feedback goes to someone else");
    if ((rc = grp__tx_begin(store)))
        return rc;
    struct grp_group g = {0};
    struct grp_person rp = {0};
    if ((rc = store->be->group_load(store, group_id, &g)) || (rc = store->be->person_load(store, recipient_id, &rp)))
        goto done;
    if (session_id) {
        if ((rc = store->be->session_load(store, session_id, &x)))
            goto done;
        if (x.group_id != group_id) {
            rc = grp__error(GRP_EINVAL, "session %lld is not a session of group %lld", (long long)session_id,
                            (long long)group_id);
            goto done;
        }
    }
    if ((rc = grp__group_facts(store, actor, group_id, &author)) ||
        (rc = grp__group_facts(store, &as_recipient, group_id, &recipient)))
        goto done;
    if (!(author.member || author.facilitator) || !(recipient.member || recipient.facilitator)) {
        rc = grp__denied("peer feedback is between members of the same group");
        goto done;
    }
    p.group_id = group_id;
    p.session_id = session_id;
    p.author_id = actor->person_id;
    p.recipient_id = recipient_id;
    p.text = (char *)text;
    p.shared = share_with_facilitators;
    if ((rc = store->be->peer_insert(store, &p)) == GRP_OK)
        rc = grp__audit(store, actor, "peer_feedback.give", "peer_feedback", p.id);
    if (rc == GRP_OK && out)
        *out = p.id;
done:
    grp__person_clear(&rp);
    grp__group_clear(&g);
    grp__session_clear(&x);
    return grp__tx_end(store, rc);
}

int grp_peer_feedback_iterator_new(grp_peer_feedback_iterator **out, grp_store *store, const grp_actor *actor,
                                   grp_id group_id)
{
    struct grp_group g = {0};
    grp__access_facts facts;
    grp__list all = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_actor(store, actor)) ||
        (rc = store->be->group_load(store, group_id, &g)))
        return rc;
    grp__group_clear(&g);
    grp_peer_feedback_iterator *it = grp__new_record(sizeof *it, "listing peer feedback");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_peer_item;
    all.free_item = free_peer_item;
    if ((rc = grp__group_facts(store, actor, group_id, &facts)) == GRP_OK &&
        (rc = store->be->peer_of_group(store, group_id, &all)) == GRP_OK) {
        for (size_t i = 0; i < all.count && rc == GRP_OK; i++) {
            struct grp_peer_feedback *p = all.items[i];
            facts.owner = grp__is_person(actor, p->author_id);
            facts.recipient = grp__is_person(actor, p->recipient_id);
            facts.shared = p->shared;
            if (grp__access_can_read(GRP__C_PEER, &facts) && (rc = grp__list_push(&it->list, p)) == GRP_OK)
                all.items[i] = NULL;
        }
    }
    grp__list_dispose(&all);
    if (rc) {
        grp_peer_feedback_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_peer_feedback_iterator, grp_peer_feedback, grp_peer_feedback_iterator_next, grp_peer_feedback_iterator_free)

grp_id grp_peer_feedback_id(const grp_peer_feedback *p) { return p ? p->id : 0; }
grp_id grp_peer_feedback_group_id(const grp_peer_feedback *p) { return p ? p->group_id : 0; }
grp_id grp_peer_feedback_session_id(const grp_peer_feedback *p) { return p ? p->session_id : 0; }
grp_id grp_peer_feedback_author_id(const grp_peer_feedback *p) { return p ? p->author_id : 0; }
grp_id grp_peer_feedback_recipient_id(const grp_peer_feedback *p) { return p ? p->recipient_id : 0; }
const char *grp_peer_feedback_text(const grp_peer_feedback *p) { return p ? p->text : NULL; }
int grp_peer_feedback_shared(const grp_peer_feedback *p) { return p ? p->shared : 0; }

void grp_peer_feedback_free(grp_peer_feedback *p)
{
    if (!p)
        return;
    grp__peer_feedback_clear(p);
    grp__free(p);
}
