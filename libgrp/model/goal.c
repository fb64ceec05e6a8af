/* Goals, action steps and progress, read through the access rules. */
#include "model/model.h"
#include "model/access.h"
#include "util/alloc.h"
#include "util/text.h"

#include <string.h>

struct grp_goal_iterator {
    grp__list list;
};
struct grp_goal_progress_iterator {
    grp__list list;
};

static const char *const status_names[] = {"draft", "active", "achieved", "abandoned"};

const char *grp_goal_status_name(grp_goal_status status)
{
    return GRP__WORD(status_names, status);
}

static void free_goal_item(void *p) { grp_goal_free(p); }
static void free_progress_item(void *p) { grp_goal_progress_free(p); }

int grp_goal_spec_init(grp_goal_spec *spec, unsigned int version)
{
    if (!spec)
        return grp__error_null("spec");
    if (version != GRP_GOAL_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_goal_spec version %u is unknown", version);
    grp_goal_spec d = GRP_GOAL_SPEC_INIT;
    *spec = d;
    return GRP_OK;
}

int grp_goal_query_init(grp_goal_query *q, unsigned int version)
{
    if (!q)
        return grp__error_null("query");
    if (version != GRP_GOAL_QUERY_VERSION)
        return grp__error(GRP_EINVAL, "grp_goal_query version %u is unknown", version);
    grp_goal_query d = GRP_GOAL_QUERY_INIT;
    *q = d;
    return GRP_OK;
}

static int check_spec(grp_store *s, const grp_goal_spec *spec)
{
    int rc;
    struct grp_person p = {0};
    struct grp_group g = {0};
    if (!spec)
        return grp__error_null("spec");
    if (spec->version != GRP_GOAL_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_goal_spec version %u is unknown", spec->version);
    if ((rc = grp__check_id("spec.owner_id", spec->owner_id)) ||
        (rc = grp__check_text("spec.title", spec->title, GRP__NAME_MAX, 1, 0)) ||
        (rc = grp__check_text("spec.description", spec->description, GRP__TEXT_MAX, 0, 1)))
        return rc;
    if (spec->group_id < 0)
        return grp__error(GRP_EINVAL, "spec.group_id is negative");
    if (grp_date_is_set(spec->target_date) && (rc = grp__check_date("spec.target_date", spec->target_date)))
        return rc;
    if ((unsigned)spec->visibility > GRP_VISIBLE_GROUP)
        return grp__error(GRP_EINVAL, "spec.visibility (%d) is not a grp_visibility", (int)spec->visibility);
    if ((rc = s->be->person_load(s, spec->owner_id, &p)))
        return rc;
    grp__person_clear(&p);
    if (spec->group_id) {
        grp_actor owner = grp_actor_person(spec->owner_id);
        grp__access_facts f;
        if ((rc = s->be->group_load(s, spec->group_id, &g)))
            return rc;
        grp__group_clear(&g);
        if ((rc = grp__group_facts(s, &owner, spec->group_id, &f)))
            return rc;
        if (!f.member && !f.facilitator)
            return grp__error(GRP_EINVAL, "the goal's owner has never been in group %lld", (long long)spec->group_id);
    }
    return GRP_OK;
}

static void spec_to_record(struct grp_goal *g, const grp_goal_spec *spec)
{
    g->owner_id = spec->owner_id;
    g->title = (char *)spec->title;
    g->description = (char *)spec->description;
    g->group_id = spec->group_id;
    g->target_date = spec->target_date;
    g->visibility = spec->visibility;
}

int grp_goal_create(grp_id *out, grp_store *store, const grp_actor *actor, const grp_goal_spec *spec)
{
    struct grp_goal g = {0};
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = check_spec(store, spec)))
        goto done;
    if (!grp__is_system(actor) && !grp__is_person(actor, spec->owner_id)) {
        rc = grp__denied("a goal is created by its owner");
        goto done;
    }
    spec_to_record(&g, spec);
    g.status = GRP_GOAL_DRAFT;
    if ((rc = store->be->goal_insert(store, &g)) == GRP_OK)
        rc = grp__audit(store, actor, "goal.create", "goal", g.id);
    if (rc == GRP_OK && out)
        *out = g.id;
done:
    return grp__tx_end(store, rc);
}

/* Facts about actor relative to goal g. */
static int goal_facts(grp_store *s, const grp_actor *actor, const struct grp_goal *g, grp__access_facts *f)
{
    int rc = grp__group_facts(s, actor, g->group_id, f);
    f->owner = grp__is_person(actor, g->owner_id);
    f->visibility = g->visibility;
    f->org_admin = 0; /* never relevant to goals */
    return rc;
}

/* Load goal `id` that actor may read (or, with `write`, owns). */
static int load_goal(grp_store *s, const grp_actor *actor, grp_id id, int write, struct grp_goal *g)
{
    grp__access_facts f;
    int rc;
    if ((rc = s->be->goal_load(s, id, g)))
        return rc;
    if ((rc = goal_facts(s, actor, g, &f)) == GRP_OK) {
        if (write && !f.system && !f.owner)
            rc = grp__denied("only the goal's owner may change it");
        else if (!write && !grp__access_can_read(GRP__C_GOAL, &f))
            rc = grp__denied("the goal is not visible to this actor");
    }
    if (rc)
        grp__goal_clear(g);
    return rc;
}

static int latest_percent(grp_store *s, struct grp_goal *g)
{
    grp__list l = {0};
    l.free_item = free_progress_item;
    int rc = s->be->progress_of_goal(s, g->id, &l);
    g->percent = l.count ? ((struct grp_goal_progress *)l.items[l.count - 1])->percent : -1;
    grp__list_dispose(&l);
    return rc;
}

static void clear_goal(void *r)
{
    grp__goal_clear(r);
}

static int hand_out(grp_goal **out, struct grp_goal *rec)
{
    return grp__hand_out(out, rec, sizeof *rec, clear_goal, "returning a goal");
}

int grp_goal_get(grp_goal **out, grp_store *store, const grp_actor *actor, grp_id goal_id)
{
    struct grp_goal g = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("goal_id", goal_id)) || (rc = grp__check_actor(store, actor)) ||
        (rc = load_goal(store, actor, goal_id, 0, &g)))
        return rc;
    if ((rc = latest_percent(store, &g))) {
        grp__goal_clear(&g);
        return rc;
    }
    return hand_out(out, &g);
}

/* Load for writing, apply, save, audit: one transaction. */
static int change_goal(grp_store *s, const grp_actor *actor, grp_id id, const grp_goal_spec *spec, int status,
                       const char *action)
{
    struct grp_goal g = {0};
    int rc;
    GRP__CHECK_STORE(s);
    if ((rc = grp__check_id("goal_id", id)) || (rc = grp__check_actor(s, actor)))
        return rc;
    if ((rc = grp__tx_begin(s)))
        return rc;
    if ((rc = load_goal(s, actor, id, 1, &g)))
        goto done;
    struct grp_goal changed = g;
    if (spec) {
        if ((rc = check_spec(s, spec)))
            goto done;
        if (spec->owner_id != g.owner_id) {
            rc = grp__error(GRP_EINVAL, "a goal's owner cannot change");
            goto done;
        }
        spec_to_record(&changed, spec);
    } else {
        if (status < 0 || status > GRP_GOAL_ABANDONED) {
            rc = grp__error(GRP_EINVAL, "argument 'status' (%d) is not a grp_goal_status", status);
            goto done;
        }
        if (status == GRP_GOAL_DRAFT && g.status != GRP_GOAL_DRAFT) {
            rc = grp__error(GRP_EINVAL, "a goal cannot go back to draft (reopen it as active instead)");
            goto done;
        }
        changed.status = (grp_goal_status)status;
    }
    if ((rc = s->be->goal_update(s, &changed)) == GRP_OK)
        rc = grp__audit(s, actor, action, "goal", id);
done:
    grp__goal_clear(&g);
    return grp__tx_end(s, rc);
}

int grp_goal_update(grp_store *store, const grp_actor *actor, grp_id goal_id, const grp_goal_spec *spec)
{
    if (!spec)
        return grp__error_null("spec");
    return change_goal(store, actor, goal_id, spec, 0, "goal.update");
}

int grp_goal_set_status(grp_store *store, const grp_actor *actor, grp_id goal_id, grp_goal_status status)
{
    return change_goal(store, actor, goal_id, NULL, (int)status, "goal.set_status");
}

int grp_goal_step_add(grp_id *out, grp_store *store, const grp_actor *actor, grp_id goal_id, const char *title,
                      grp_date due)
{
    struct grp_goal g = {0};
    struct grp__goal_step st = {0};
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("goal_id", goal_id)) || (rc = grp__check_text("title", title, GRP__NAME_MAX, 1, 0)) ||
        (rc = grp__check_actor(store, actor)))
        return rc;
    if (grp_date_is_set(due) && (rc = grp__check_date("due", due)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = load_goal(store, actor, goal_id, 1, &g)) == GRP_OK) {
        st.goal_id = goal_id;
        st.title = (char *)title;
        st.due = due;
        if ((rc = store->be->step_insert(store, &st)) == GRP_OK)
            rc = grp__audit(store, actor, "goal.step_add", "goal_step", st.id);
        if (rc == GRP_OK && out)
            *out = st.id;
        grp__goal_clear(&g);
    }
    return grp__tx_end(store, rc);
}

int grp_goal_step_set_done(grp_store *store, const grp_actor *actor, grp_id step_id, int done)
{
    struct grp__goal_step st = {0};
    struct grp_goal g = {0};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("step_id", step_id)) || (rc = grp__check_actor(store, actor)))
        return rc;
    if (done != 0 && done != 1)
        return grp__error(GRP_EINVAL, "argument 'done' must be 0 or 1");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->step_load(store, step_id, &st)) == GRP_OK &&
        (rc = load_goal(store, actor, st.goal_id, 1, &g)) == GRP_OK) {
        if ((rc = store->be->step_set_done(store, step_id, done)) == GRP_OK)
            rc = grp__audit(store, actor, "goal.step_done", "goal_step", step_id);
        grp__goal_clear(&g);
    }
    grp__goal_step_clear(&st);
    return grp__tx_end(store, rc);
}

int grp_goal_progress_add(grp_id *out, grp_store *store, const grp_actor *actor, grp_id goal_id, grp_date date,
                          int percent, const char *note, grp_id session_id)
{
    struct grp_goal g = {0};
    struct grp_session x = {0};
    struct grp_goal_progress p = {0};
    grp__access_facts f;
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("goal_id", goal_id)) || (rc = grp__check_date("date", date)) ||
        (rc = grp__check_text("note", note, GRP__TEXT_MAX, 0, 1)) || (rc = grp__check_actor(store, actor)))
        return rc;
    if (percent < 0 || percent > 100)
        return grp__error(GRP_EINVAL, "argument 'percent' (%d) is outside 0..100", percent);
    if (session_id < 0)
        return grp__error(GRP_EINVAL, "argument 'session_id' is negative");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->goal_load(store, goal_id, &g)) || (rc = goal_facts(store, actor, &g, &f)))
        goto done;
    /* The owner records progress; so may a facilitator the goal is shared with. */
    if (!f.system && !f.owner && !(f.facilitator && grp__access_can_read(GRP__C_GOAL, &f))) {
        rc = grp__denied("only the owner, or a facilitator the goal is shared with, records progress");
        goto done;
    }
    if (session_id) {
        if ((rc = store->be->session_load(store, session_id, &x)))
            goto done;
        if (g.group_id && x.group_id != g.group_id) {
            rc = grp__error(GRP_EINVAL, "session %lld is not a session of the goal's group", (long long)session_id);
            goto done;
        }
    }
    p.goal_id = goal_id;
    p.date = date;
    p.percent = percent;
    p.note = (char *)note;
    p.session_id = session_id;
    p.recorded_by = actor->kind == GRP_ACTOR_PERSON ? actor->person_id : 0;
    if ((rc = store->be->progress_insert(store, &p)) == GRP_OK)
        rc = grp__audit(store, actor, "goal.progress", "goal_progress", p.id);
    if (rc == GRP_OK && out)
        *out = p.id;
done:
    grp__session_clear(&x);
    grp__goal_clear(&g);
    return grp__tx_end(store, rc);
}

int grp_goal_progress_iterator_new(grp_goal_progress_iterator **out, grp_store *store, const grp_actor *actor,
                                   grp_id goal_id)
{
    struct grp_goal g = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("goal_id", goal_id)) || (rc = grp__check_actor(store, actor)) ||
        (rc = load_goal(store, actor, goal_id, 0, &g)))
        return rc;
    grp__goal_clear(&g);
    grp_goal_progress_iterator *it = grp__new_record(sizeof *it, "listing progress");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_progress_item;
    if ((rc = store->be->progress_of_goal(store, goal_id, &it->list))) {
        grp_goal_progress_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_goal_progress_iterator, grp_goal_progress, grp_goal_progress_iterator_next, grp_goal_progress_iterator_free)

grp_id grp_goal_progress_id(const grp_goal_progress *p) { return p ? p->id : 0; }
grp_date grp_goal_progress_date(const grp_goal_progress *p) { grp_date z = {0, 0, 0}; return p ? p->date : z; }
int grp_goal_progress_percent(const grp_goal_progress *p) { return p ? p->percent : 0; }
const char *grp_goal_progress_note(const grp_goal_progress *p) { return p ? p->note : NULL; }
grp_id grp_goal_progress_session_id(const grp_goal_progress *p) { return p ? p->session_id : 0; }
grp_id grp_goal_progress_recorded_by(const grp_goal_progress *p) { return p ? p->recorded_by : 0; }

void grp_goal_progress_free(grp_goal_progress *p)
{
    if (!p)
        return;
    grp__goal_progress_clear(p);
    grp__free(p);
}

/* Does goal g match the query's conditions beyond owner and group? */
static int matches(grp_store *s, const struct grp_goal *g, const grp_goal_query *q, int *out)
{
    grp__list l = {0};
    int rc = GRP_OK;
    *out = !q->statuses || ((1u << g->status) & q->statuses);
    if (*out && grp_date_is_set(q->overdue_on)) {
        int overdue = g->status == GRP_GOAL_ACTIVE && grp_date_is_set(g->target_date) &&
                      grp_date_compare(g->target_date, q->overdue_on) < 0;
        for (size_t i = 0; i < g->step_count; i++)
            overdue |= g->status == GRP_GOAL_ACTIVE && !g->steps[i].done && grp_date_is_set(g->steps[i].due) &&
                       grp_date_compare(g->steps[i].due, q->overdue_on) < 0;
        *out = overdue;
    }
    if (*out && q->reviewed_in) {
        l.free_item = free_progress_item;
        if ((rc = s->be->progress_of_goal(s, g->id, &l)) == GRP_OK) {
            int seen = 0;
            for (size_t i = 0; i < l.count; i++)
                seen |= ((struct grp_goal_progress *)l.items[i])->session_id == q->reviewed_in;
            *out = seen;
        }
        grp__list_dispose(&l);
    }
    return rc;
}

int grp_goal_iterator_new(grp_goal_iterator **out, grp_store *store, const grp_actor *actor, const grp_goal_query *q)
{
    grp__list ids = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (!q)
        return grp__error_null("query");
    if (q->version != GRP_GOAL_QUERY_VERSION)
        return grp__error(GRP_EINVAL, "grp_goal_query version %u is unknown", q->version);
    if (q->owner_id < 0 || q->group_id < 0 || q->reviewed_in < 0 || (q->statuses & ~0xfu))
        return grp__error(GRP_EINVAL, "query: negative id or unknown status bits");
    if (grp_date_is_set(q->overdue_on) && (rc = grp__check_date("query.overdue_on", q->overdue_on)))
        return rc;
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    grp_goal_iterator *it = grp__new_record(sizeof *it, "listing goals");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_goal_item;
    ids.free_item = free_goal_item;
    if ((rc = store->be->goal_list(store, q->owner_id, q->group_id, &ids)))
        goto done;
    for (size_t i = 0; i < ids.count && rc == GRP_OK; i++) {
        struct grp_goal g = {0};
        int ok = 0;
        rc = load_goal(store, actor, ((struct grp_goal *)ids.items[i])->id, 0, &g);
        if (rc == GRP_EACCESS) { /* skipped, and not counted */
            grp_error_clear();
            rc = GRP_OK;
            continue;
        }
        if (rc == GRP_OK && (rc = matches(store, &g, q, &ok)) == GRP_OK && ok &&
            (rc = latest_percent(store, &g)) == GRP_OK) {
            grp_goal *copy = NULL;
            if ((rc = hand_out(&copy, &g)) == GRP_OK && (rc = grp__list_push(&it->list, copy)))
                grp_goal_free(copy);
            continue;
        }
        grp__goal_clear(&g);
    }
done:
    grp__list_dispose(&ids);
    if (rc) {
        grp_goal_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_goal_iterator, grp_goal, grp_goal_iterator_next, grp_goal_iterator_free)

grp_id grp_goal_id(const grp_goal *g) { return g ? g->id : 0; }
grp_id grp_goal_owner_id(const grp_goal *g) { return g ? g->owner_id : 0; }
const char *grp_goal_title(const grp_goal *g) { return g ? g->title : NULL; }
const char *grp_goal_description(const grp_goal *g) { return g ? g->description : NULL; }
grp_id grp_goal_group_id(const grp_goal *g) { return g ? g->group_id : 0; }
grp_date grp_goal_target_date(const grp_goal *g) { grp_date z = {0, 0, 0}; return g ? g->target_date : z; }
grp_goal_status grp_goal_status_of(const grp_goal *g) { return g ? g->status : GRP_GOAL_DRAFT; }
grp_visibility grp_goal_visibility(const grp_goal *g) { return g ? g->visibility : GRP_VISIBLE_PRIVATE; }
int grp_goal_percent(const grp_goal *g) { return g ? g->percent : -1; }
size_t grp_goal_step_count(const grp_goal *g) { return g ? g->step_count : 0; }
grp_id grp_goal_step_id(const grp_goal *g, size_t i) { return g && i < g->step_count ? g->steps[i].id : 0; }
const char *grp_goal_step_title(const grp_goal *g, size_t i)
{
    return g && i < g->step_count ? g->steps[i].title : NULL;
}
grp_date grp_goal_step_due(const grp_goal *g, size_t i)
{
    grp_date z = {0, 0, 0};
    return g && i < g->step_count ? g->steps[i].due : z;
}
int grp_goal_step_done(const grp_goal *g, size_t i) { return g && i < g->step_count ? g->steps[i].done : 0; }

void grp_goal_free(grp_goal *g)
{
    if (!g)
        return;
    grp__goal_clear(g);
    grp__free(g);
}
