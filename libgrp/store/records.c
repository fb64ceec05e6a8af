#include "store/records.h"
#include "util/alloc.h"
#include "util/error.h"

void grp__org_clear(struct grp_org *o)
{
    grp__free(o->name);
    grp__free(o->external_ref);
    o->name = o->external_ref = NULL;
}

void grp__person_clear(struct grp_person *p)
{
    grp__free(p->display_name);
    grp__free(p->job_role);
    grp__free(p->email);
    grp__free(p->external_ref);
    p->display_name = p->job_role = p->email = p->external_ref = NULL;
}

void grp__group_clear(struct grp_group *g)
{
    grp__free(g->name);
    grp__free(g->location);
    grp__free(g->meeting_link);
    grp__free(g->timezone);
    grp_strarray_dispose(&g->eligible_roles);
    g->name = g->location = g->meeting_link = g->timezone = NULL;
}

void grp__membership_clear(struct grp_membership *m)
{
    grp__free(m->reason);
    m->reason = NULL;
}

int grp__list_push(grp__list *l, void *item)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        void **items = grp__realloc(l->items, cap * sizeof *items);
        if (!items)
            return grp__error_nomem("growing a result list");
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = item;
    return GRP_OK;
}

void grp__list_dispose(grp__list *l)
{
    if (!l)
        return;
    for (size_t i = l->pos; i < l->count; i++)
        if (l->free_item)
            l->free_item(l->items[i]);
    grp__free(l->items);
    l->items = NULL;
    l->count = l->cap = l->pos = 0;
}

int grp__list_next(void **out, grp__list *l)
{
    if (l->pos >= l->count)
        return GRP_ITEROVER;
    *out = l->items[l->pos];
    l->items[l->pos++] = NULL;
    return GRP_OK;
}

void grp__cadence_clear(struct grp_cadence *c)
{
    grp__free(c->rrule);
    grp__free(c->timezone);
    c->rrule = c->timezone = NULL;
}

void grp__session_clear(struct grp_session *s)
{
    grp__free(s->location);
    grp__free(s->meeting_link);
    grp__free(s->reason);
    grp__free(s->timezone);
    s->location = s->meeting_link = s->reason = s->timezone = NULL;
}

void grp__hours_entry_clear(struct grp_hours_entry *e)
{
    grp__free(e->note);
    e->note = NULL;
}

void grp__feedback_form_clear(struct grp_feedback_form *f)
{
    grp__free(f->name);
    f->name = NULL;
    grp_strarray_dispose(&f->items);
}

void grp__feedback_response_clear(struct grp_feedback_response *r)
{
    grp__free(r->text);
    r->text = NULL;
}

void grp__peer_feedback_clear(struct grp_peer_feedback *p)
{
    grp__free(p->text);
    p->text = NULL;
}

void grp__goal_step_clear(struct grp__goal_step *st)
{
    grp__free(st->title);
    st->title = NULL;
}

void grp__goal_clear(struct grp_goal *g)
{
    grp__free(g->title);
    grp__free(g->description);
    g->title = g->description = NULL;
    for (size_t i = 0; i < g->step_count; i++)
        grp__goal_step_clear(&g->steps[i]);
    grp__free(g->steps);
    g->steps = NULL;
    g->step_count = 0;
}

void grp__goal_progress_clear(struct grp_goal_progress *p)
{
    grp__free(p->note);
    p->note = NULL;
}

void grp__note_clear(struct grp_note *n)
{
    grp__free(n->text);
    n->text = NULL;
}

void grp__theme_clear(struct grp_theme *t)
{
    grp__free(t->title);
    grp__free(t->description);
    t->title = t->description = NULL;
}

void grp__audit_entry_clear(struct grp_audit_entry *e)
{
    grp__free(e->action);
    grp__free(e->entity_type);
    e->action = e->entity_type = NULL;
}
