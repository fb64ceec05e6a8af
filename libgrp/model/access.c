/* Actors, organisation admins, access facts and the audit log. */
#include "model/model.h"
#include "model/access.h"
#include "util/alloc.h"

#include <string.h>

static const char *const visibility_names[] = {"private", "facilitators", "group"};

const char *grp_visibility_name(grp_visibility v)
{
    return GRP__WORD(visibility_names, v);
}

grp_actor grp_actor_system(void)
{
    grp_actor a = {GRP_ACTOR_SYSTEM, 0};
    return a;
}

grp_actor grp_actor_person(grp_id person_id)
{
    grp_actor a = {GRP_ACTOR_PERSON, person_id};
    return a;
}

int grp__is_system(const grp_actor *actor)
{
    return actor && actor->kind == GRP_ACTOR_SYSTEM;
}

int grp__is_person(const grp_actor *actor, grp_id person_id)
{
    return actor && actor->kind == GRP_ACTOR_PERSON && actor->person_id == person_id && person_id > 0;
}

int grp__denied(const char *what)
{
    return grp__error(GRP_EACCESS, "access denied: %s", what);
}

int grp__check_actor(grp_store *s, const grp_actor *actor)
{
    struct grp_person p = {0};
    int rc;
    if (!actor)
        return grp__error_null("actor");
    if (actor->kind == GRP_ACTOR_SYSTEM)
        return GRP_OK;
    if (actor->kind != GRP_ACTOR_PERSON)
        return grp__error(GRP_EINVAL, "actor.kind (%d) is not a grp_actor_kind", (int)actor->kind);
    if ((rc = grp__check_id("actor.person_id", actor->person_id)))
        return rc;
    if ((rc = s->be->person_load(s, actor->person_id, &p)))
        return rc == GRP_ENOTFOUND ? grp__error(rc, "actor: no person with id %lld", (long long)actor->person_id)
                                   : rc;
    grp__person_clear(&p);
    return GRP_OK;
}

static void free_ms_item(void *p)
{
    grp_membership_free(p);
}

int grp__group_facts(grp_store *s, const grp_actor *actor, grp_id group_id, grp__access_facts *out)
{
    grp__list l = {0};
    struct grp_group g = {0};
    int rc;
    memset(out, 0, sizeof *out);
    out->system = grp__is_system(actor);
    if (out->system || !group_id)
        return GRP_OK;
    l.free_item = free_ms_item;
    if ((rc = s->be->membership_of_person(s, group_id, actor->person_id, &l)))
        return rc;
    for (size_t i = 0; i < l.count; i++) {
        const struct grp_membership *m = l.items[i];
        if (!grp_date_is_set(m->began))
            continue; /* never became active */
        if (m->role == GRP_ROLE_MEMBER)
            out->member = 1;
        else
            out->facilitator = 1;
    }
    grp__list_dispose(&l);
    if ((rc = s->be->group_load(s, group_id, &g)) == GRP_OK) {
        rc = s->be->org_admin_check(s, g.org_id, actor->person_id, &out->org_admin);
        grp__group_clear(&g);
    }
    return rc;
}

int grp__audit(grp_store *s, const grp_actor *actor, const char *action, const char *entity_type, grp_id id)
{
    struct grp_audit_entry e = {0};
    e.at = grp_time_now();
    e.actor_kind = actor ? actor->kind : GRP_ACTOR_SYSTEM;
    e.actor_person_id = actor && actor->kind == GRP_ACTOR_PERSON ? actor->person_id : 0;
    e.action = (char *)action;
    e.entity_type = (char *)entity_type;
    e.entity_id = id;
    return s->be->audit_insert(s, &e);
}

int grp__audit_anonymous(grp_store *s, const char *action, const char *entity_type, grp_id id)
{
    struct grp_audit_entry e = {0};
    grp_time now = grp_time_now();
    e.at = now - (now % 86400 + 86400) % 86400; /* the day only */
    e.actor_kind = GRP_ACTOR_SYSTEM;
    e.action = (char *)action;
    e.entity_type = (char *)entity_type;
    e.entity_id = id;
    return s->be->audit_insert(s, &e);
}

/* ---- organisation admins ---------------------------------------------------- */

static int check_org_person(grp_store *s, grp_id org_id, grp_id person_id, int need_person)
{
    struct grp_org o = {0};
    struct grp_person p = {0};
    int rc;
    if ((rc = grp__check_id("org_id", org_id)) || (rc = grp__check_id("person_id", person_id)) ||
        (rc = s->be->org_load(s, org_id, &o)))
        return rc;
    grp__org_clear(&o);
    if (need_person && (rc = s->be->person_load(s, person_id, &p)) == GRP_OK)
        grp__person_clear(&p);
    return rc;
}

static int set_admin(grp_store *store, grp_id org_id, grp_id person_id, int admin)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = check_org_person(store, org_id, person_id, admin)) == GRP_OK &&
        (rc = store->be->org_admin_set(store, org_id, person_id, admin)) == GRP_OK)
        rc = grp__audit(store, NULL, admin ? "org.admin_add" : "org.admin_remove", "org", org_id);
    return grp__tx_end(store, rc);
}

int grp_org_admin_add(grp_store *store, grp_id org_id, grp_id person_id)
{
    return set_admin(store, org_id, person_id, 1);
}

int grp_org_admin_remove(grp_store *store, grp_id org_id, grp_id person_id)
{
    return set_admin(store, org_id, person_id, 0);
}

int grp_org_admin_check(int *out, grp_store *store, grp_id org_id, grp_id person_id)
{
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("org_id", org_id)) || (rc = grp__check_id("person_id", person_id)))
        return rc;
    if ((rc = store->be->org_admin_check(store, org_id, person_id, out)) == GRP_OK)
        *out = *out > 0;
    return rc;
}
