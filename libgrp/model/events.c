/* The change feed: written with each change, read in order, pushed to an
 * optional callback after commit. */
#include "model/model.h"
#include "model/access.h"
#include "model/events.h"
#include "util/alloc.h"

#include <string.h>

struct grp_event_iterator {
    grp__list list;
};

static const char *const kind_names[] = {
    NULL, "member_requested", "member_joined", "member_waitlisted", "member_approved", "member_declined",
    "member_promoted", "member_left", "cadence_changed", "session_added", "session_cancelled", "session_moved",
    "attendance_recorded", "feedback_requested", "goal_due_soon", "goal_overdue", "theme_raised"};

const char *grp_event_kind_name(grp_event_kind kind)
{
    return kind >= GRP_EVENT_MEMBER_REQUESTED && kind <= GRP_EVENT_THEME_RAISED ? kind_names[kind] : NULL;
}

static void free_event_item(void *p) { grp_event_free(p); }

/* After the outermost transaction: deliver what it appended, if it committed. */
static void tx_done(grp_store *s, int committed)
{
    int64_t from = s->event_pending_from;
    s->event_pending_from = 0;
    if (!committed || !from || !s->event_cb)
        return;
    grp__list l = {0};
    l.free_item = free_event_item;
    /* Delivery is best effort: the change is committed whatever happens here. */
    if (s->be->events_after(s, from - 1, 0, &l) == GRP_OK)
        /* Re-read the callback each time: one may unregister itself. */
        for (size_t i = 0; i < l.count && s->event_cb; i++)
            s->event_cb(l.items[i], s->event_cb_payload);
    grp__list_dispose(&l);
}

int grp__event(grp_store *s, grp_event_kind kind, grp_id group_id, grp_id person_id, grp_id entity_id)
{
    struct grp_event e = {0};
    int rc;
    e.at = grp_time_now();
    e.kind = kind;
    e.group_id = group_id;
    e.person_id = person_id;
    e.entity_id = entity_id;
    if ((rc = s->be->event_insert(s, &e)))
        return rc;
    if (!s->event_pending_from)
        s->event_pending_from = e.seq;
    s->tx_done = tx_done;
    return GRP_OK;
}

int grp_store_set_event_callback(grp_store *store, grp_event_callback cb, void *payload)
{
    GRP__CHECK_STORE(store);
    store->event_cb = cb;
    store->event_cb_payload = payload;
    store->tx_done = tx_done;
    return GRP_OK;
}

/* ---- reading -------------------------------------------------------------------- */

static int is_group_event(grp_event_kind k)
{
    return k == GRP_EVENT_CADENCE_CHANGED || k == GRP_EVENT_SESSION_ADDED || k == GRP_EVENT_SESSION_CANCELLED ||
           k == GRP_EVENT_SESSION_MOVED || k == GRP_EVENT_FEEDBACK_REQUESTED || k == GRP_EVENT_THEME_RAISED;
}

static int is_goal_event(grp_event_kind k)
{
    return k == GRP_EVENT_GOAL_DUE_SOON || k == GRP_EVENT_GOAL_OVERDUE;
}

/* May actor see event e? (see the rules in <libgrp/events.h>) */
static int visible(grp_store *s, const grp_actor *actor, const struct grp_event *e, int *out)
{
    grp__access_facts f;
    int rc;
    *out = 0;
    if (grp__is_system(actor)) {
        *out = 1;
        return GRP_OK;
    }
    if (is_goal_event(e->kind)) {
        struct grp_goal g = {0};
        if ((rc = s->be->goal_load(s, e->entity_id, &g)) == GRP_ENOTFOUND) {
            grp_error_clear();
            return GRP_OK; /* the goal was erased since */
        }
        if (rc == GRP_OK && (rc = grp__group_facts(s, actor, g.group_id, &f)) == GRP_OK) {
            f.owner = grp__is_person(actor, g.owner_id);
            f.visibility = g.visibility;
            f.org_admin = 0;
            *out = grp__access_can_read(GRP__C_GOAL, &f);
        }
        grp__goal_clear(&g);
        return rc;
    }
    if (grp__is_person(actor, e->person_id)) {
        *out = 1;
        return GRP_OK;
    }
    if ((rc = grp__group_facts(s, actor, e->group_id, &f)))
        return rc;
    if (is_group_event(e->kind))
        *out = f.member || f.facilitator || f.org_admin;
    else /* membership and attendance events */
        *out = f.facilitator || f.org_admin;
    return GRP_OK;
}

int grp_events_since(grp_event_iterator **out, grp_store *store, const grp_actor *actor, int64_t after_seq, size_t max)
{
    grp__list all = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (after_seq < 0)
        return grp__error(GRP_EINVAL, "argument 'after_seq' is negative");
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    grp_event_iterator *it = grp__new_record(sizeof *it, "reading events");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_event_item;
    all.free_item = free_event_item;
    /* Read in pages until `max` visible events are found or the feed ends. */
    int64_t cursor = after_seq;
    for (;;) {
        if ((rc = store->be->events_after(store, cursor, 512, &all)) || all.count == 0)
            break;
        for (size_t i = 0; i < all.count && rc == GRP_OK; i++) {
            struct grp_event *e = all.items[i];
            int ok = 0;
            cursor = e->seq;
            if (max && it->list.count >= max)
                break;
            if ((rc = visible(store, actor, e, &ok)) == GRP_OK && ok && (rc = grp__list_push(&it->list, e)) == GRP_OK)
                all.items[i] = NULL;
        }
        size_t got = all.count;
        grp__list_dispose(&all);
        all.free_item = free_event_item;
        if (rc || got < 512 || (max && it->list.count >= max))
            break;
    }
    grp__list_dispose(&all);
    if (rc) {
        grp_event_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_event_iterator, grp_event, grp_event_iterator_next, grp_event_iterator_free)

int64_t grp_event_seq(const grp_event *e) { return e ? e->seq : 0; }
grp_time grp_event_at(const grp_event *e) { return e ? e->at : 0; }
grp_event_kind grp_event_kind_of(const grp_event *e) { return e ? e->kind : GRP_EVENT_MEMBER_REQUESTED; }
grp_id grp_event_group_id(const grp_event *e) { return e ? e->group_id : 0; }
grp_id grp_event_person_id(const grp_event *e) { return e ? e->person_id : 0; }
grp_id grp_event_entity_id(const grp_event *e) { return e ? e->entity_id : 0; }

void grp_event_free(grp_event *e)
{
    grp__free(e);
}

int grp_events_last_seq(int64_t *out, grp_store *store)
{
    if (!out)
        return grp__error_null("out");
    *out = 0;
    GRP__CHECK_STORE(store);
    return store->be->event_last_seq(store, out);
}

int grp_events_prune(size_t *pruned_out, grp_store *store, const grp_actor *actor, int64_t up_to_seq)
{
    size_t pruned = 0;
    int rc;
    if (pruned_out)
        *pruned_out = 0;
    GRP__CHECK_STORE(store);
    if (up_to_seq < 0)
        return grp__error(GRP_EINVAL, "argument 'up_to_seq' is negative");
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    if (!grp__is_system(actor))
        return grp__denied("events are pruned by the system actor");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->events_prune(store, up_to_seq, &pruned)) == GRP_OK)
        rc = grp__audit(store, actor, "events.prune", "event", up_to_seq);
    if ((rc = grp__tx_end(store, rc)) == GRP_OK && pruned_out)
        *pruned_out = pruned;
    return rc;
}

static void free_goal_item(void *p) { grp_goal_free(p); }

/* Emit one due event for (goal, step) if not emitted before. */
static int emit_once(grp_store *s, const struct grp_goal *g, grp_id step_id, grp_event_kind kind, size_t *n)
{
    int is_new = 0, rc = s->be->due_mark(s, g->id, step_id, (int)kind, &is_new);
    if (rc == GRP_OK && is_new && (rc = grp__event(s, kind, g->group_id, g->owner_id, g->id)) == GRP_OK)
        (*n)++;
    return rc;
}

int grp_events_emit_due(size_t *emitted_out, grp_store *store, grp_date today, int window_days)
{
    grp__list goals = {0};
    grp_date horizon;
    size_t n = 0;
    int rc;
    if (emitted_out)
        *emitted_out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_date("today", today)))
        return rc;
    if (window_days < 0 || window_days > 366)
        return grp__error(GRP_EINVAL, "argument 'window_days' (%d) is outside 0..366", window_days);
    if ((rc = grp_date_add_days(&horizon, today, window_days)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    goals.free_item = free_goal_item;
    if ((rc = store->be->goal_list(store, 0, 0, &goals)))
        goto done;
    for (size_t i = 0; i < goals.count && rc == GRP_OK; i++) {
        struct grp_goal g = {0};
        if ((rc = store->be->goal_load(store, ((struct grp_goal *)goals.items[i])->id, &g)))
            break;
        /* the goal's target (step 0), then each undone dated step */
        for (size_t j = 0; g.status == GRP_GOAL_ACTIVE && j <= g.step_count && rc == GRP_OK; j++) {
            grp_date due = j == 0 ? g.target_date : g.steps[j - 1].due;
            grp_id step = j == 0 ? 0 : g.steps[j - 1].id;
            if (!grp_date_is_set(due) || (j > 0 && g.steps[j - 1].done))
                continue;
            if (grp_date_compare(due, today) < 0)
                rc = emit_once(store, &g, step, GRP_EVENT_GOAL_OVERDUE, &n);
            else if (grp_date_compare(due, horizon) <= 0)
                rc = emit_once(store, &g, step, GRP_EVENT_GOAL_DUE_SOON, &n);
        }
        grp__goal_clear(&g);
    }
done:
    grp__list_dispose(&goals);
    if ((rc = grp__tx_end(store, rc)) == GRP_OK && emitted_out)
        *emitted_out = n;
    return rc;
}
