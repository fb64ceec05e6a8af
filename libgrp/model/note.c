/* Session notes and themes raised to the organisation. */
#include "model/model.h"
#include "model/access.h"
#include "model/events.h"
#include "util/alloc.h"
#include "util/text.h"

struct grp_note_iterator {
    grp__list list;
};
struct grp_theme_iterator {
    grp__list list;
};

static const char *const theme_status_names[] = {"noted", "raised", "resolved"};

const char *grp_theme_status_name(grp_theme_status status)
{
    return GRP__WORD(theme_status_names, status);
}

static void free_note_item(void *p) { grp_note_free(p); }
static void free_theme_item(void *p) { grp_theme_free(p); }

int grp_note_add(grp_id *out, grp_store *store, const grp_actor *actor, grp_id session_id, grp_visibility visibility,
                 const char *text)
{
    struct grp_session x = {0};
    struct grp_note n = {0};
    grp__access_facts f;
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = grp__check_text("text", text, GRP__SESSION_NOTE_MAX, 1, 1)) ||
        (rc = grp__check_actor(store, actor)))
        return rc;
    if ((unsigned)visibility > GRP_VISIBLE_GROUP)
        return grp__error(GRP_EINVAL, "argument 'visibility' (%d) is not a grp_visibility", (int)visibility);
    if (actor->kind != GRP_ACTOR_PERSON)
        return grp__denied("a note is written by a person");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->session_load(store, session_id, &x)) ||
        (rc = grp__group_facts(store, actor, x.group_id, &f)))
        goto done;
    if (!f.member && !f.facilitator) {
        rc = grp__denied("only the group's members and facilitators write notes on its sessions");
        goto done;
    }
    n.session_id = session_id;
    n.author_id = actor->person_id;
    n.visibility = visibility;
    n.text = (char *)text;
    if ((rc = store->be->note_insert(store, &n)) == GRP_OK)
        rc = grp__audit(store, actor, "note.add", "note", n.id);
    if (rc == GRP_OK && out)
        *out = n.id;
done:
    grp__session_clear(&x);
    return grp__tx_end(store, rc);
}

int grp_note_iterator_new(grp_note_iterator **out, grp_store *store, const grp_actor *actor, grp_id session_id)
{
    struct grp_session x = {0};
    grp__access_facts f;
    grp__list all = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("session_id", session_id)) || (rc = grp__check_actor(store, actor)) ||
        (rc = store->be->session_load(store, session_id, &x)))
        return rc;
    grp_note_iterator *it = grp__new_record(sizeof *it, "listing notes");
    if (!it) {
        grp__session_clear(&x);
        return GRP_ENOMEM;
    }
    it->list.free_item = free_note_item;
    all.free_item = free_note_item;
    if ((rc = grp__group_facts(store, actor, x.group_id, &f)) == GRP_OK &&
        (rc = store->be->notes_of_session(store, session_id, &all)) == GRP_OK) {
        for (size_t i = 0; i < all.count && rc == GRP_OK; i++) {
            struct grp_note *n = all.items[i];
            f.owner = grp__is_person(actor, n->author_id);
            f.visibility = n->visibility;
            if (grp__access_can_read(GRP__C_NOTE, &f) && (rc = grp__list_push(&it->list, n)) == GRP_OK)
                all.items[i] = NULL;
        }
    }
    grp__list_dispose(&all);
    grp__session_clear(&x);
    if (rc) {
        grp_note_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_note_iterator, grp_note, grp_note_iterator_next, grp_note_iterator_free)

grp_id grp_note_id(const grp_note *n) { return n ? n->id : 0; }
grp_id grp_note_session_id(const grp_note *n) { return n ? n->session_id : 0; }
grp_id grp_note_author_id(const grp_note *n) { return n ? n->author_id : 0; }
grp_visibility grp_note_visibility(const grp_note *n) { return n ? n->visibility : GRP_VISIBLE_PRIVATE; }
const char *grp_note_text(const grp_note *n) { return n ? n->text : NULL; }

void grp_note_free(grp_note *n)
{
    if (!n)
        return;
    grp__note_clear(n);
    grp__free(n);
}

int grp_theme_raise(grp_id *out, grp_store *store, const grp_actor *actor, grp_id group_id, grp_id session_id,
                    const char *title, const char *description)
{
    struct grp_group g = {0};
    struct grp_session x = {0};
    struct grp_theme t = {0};
    grp__access_facts f;
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_text("title", title, GRP__NAME_MAX, 1, 0)) ||
        (rc = grp__check_text("description", description, GRP__TEXT_MAX, 0, 1)) || (rc = grp__check_actor(store, actor)))
        return rc;
    if (session_id < 0)
        return grp__error(GRP_EINVAL, "argument 'session_id' is negative");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->group_load(store, group_id, &g)) || (rc = grp__group_facts(store, actor, group_id, &f)))
        goto done;
    if (!f.system && !f.member && !f.facilitator) {
        rc = grp__denied("themes are raised by the group's members and facilitators");
        goto done;
    }
    if (session_id) {
        if ((rc = store->be->session_load(store, session_id, &x)))
            goto done;
        if (x.group_id != group_id) {
            rc = grp__error(GRP_EINVAL, "session %lld is not a session of group %lld", (long long)session_id,
                            (long long)group_id);
            goto done;
        }
    }
    t.group_id = group_id;
    t.session_id = session_id;
    t.title = (char *)title;
    t.description = (char *)description;
    /* The audit names the group, not the person: a theme carries no person. */
    if ((rc = store->be->theme_insert(store, &t)) == GRP_OK &&
        (rc = grp__audit(store, NULL, "theme.raise", "theme", t.id)) == GRP_OK)
        rc = grp__event(store, GRP_EVENT_THEME_RAISED, group_id, 0, t.id);
    if (rc == GRP_OK && out)
        *out = t.id;
done:
    grp__session_clear(&x);
    grp__group_clear(&g);
    return grp__tx_end(store, rc);
}

int grp_theme_set_status(grp_store *store, const grp_actor *actor, grp_id theme_id, grp_theme_status status)
{
    struct grp_theme t = {0};
    grp__access_facts f;
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("theme_id", theme_id)) || (rc = grp__check_actor(store, actor)))
        return rc;
    if ((unsigned)status > GRP_THEME_RESOLVED)
        return grp__error(GRP_EINVAL, "argument 'status' (%d) is not a grp_theme_status", (int)status);
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->theme_load(store, theme_id, &t)) == GRP_OK &&
        (rc = grp__group_facts(store, actor, t.group_id, &f)) == GRP_OK) {
        if (!f.system && !f.facilitator)
            rc = grp__denied("a theme's status is changed by the group's facilitators");
        else if ((rc = store->be->theme_set_status(store, theme_id, status)) == GRP_OK)
            rc = grp__audit(store, actor, "theme.set_status", "theme", theme_id);
    }
    grp__theme_clear(&t);
    return grp__tx_end(store, rc);
}

int grp_theme_iterator_new(grp_theme_iterator **out, grp_store *store, const grp_actor *actor, grp_id org_id,
                           grp_id group_id)
{
    grp__list all = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((org_id != 0) == (group_id != 0) || org_id < 0 || group_id < 0)
        return grp__error(GRP_EINVAL, "set exactly one of 'org_id' and 'group_id'");
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    if (org_id) {
        struct grp_org o = {0};
        if ((rc = store->be->org_load(store, org_id, &o)))
            return rc;
        grp__org_clear(&o);
    } else {
        struct grp_group g = {0};
        if ((rc = store->be->group_load(store, group_id, &g)))
            return rc;
        grp__group_clear(&g);
    }
    grp_theme_iterator *it = grp__new_record(sizeof *it, "listing themes");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_theme_item;
    all.free_item = free_theme_item;
    if ((rc = store->be->themes_of(store, org_id, group_id, &all)) == GRP_OK) {
        for (size_t i = 0; i < all.count && rc == GRP_OK; i++) {
            struct grp_theme *t = all.items[i];
            grp__access_facts f;
            if ((rc = grp__group_facts(store, actor, t->group_id, &f)) == GRP_OK &&
                grp__access_can_read(GRP__C_THEME, &f) && (rc = grp__list_push(&it->list, t)) == GRP_OK)
                all.items[i] = NULL;
        }
    }
    grp__list_dispose(&all);
    if (rc) {
        grp_theme_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_theme_iterator, grp_theme, grp_theme_iterator_next, grp_theme_iterator_free)

grp_id grp_theme_id(const grp_theme *t) { return t ? t->id : 0; }
grp_id grp_theme_group_id(const grp_theme *t) { return t ? t->group_id : 0; }
grp_id grp_theme_session_id(const grp_theme *t) { return t ? t->session_id : 0; }
const char *grp_theme_title(const grp_theme *t) { return t ? t->title : NULL; }
const char *grp_theme_description(const grp_theme *t) { return t ? t->description : NULL; }
grp_theme_status grp_theme_status_of(const grp_theme *t) { return t ? t->status : GRP_THEME_NOTED; }

void grp_theme_free(grp_theme *t)
{
    if (!t)
        return;
    grp__theme_clear(t);
    grp__free(t);
}
