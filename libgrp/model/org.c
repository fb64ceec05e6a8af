/* Organisations. */
#include "model/model.h"
#include "model/access.h"
#include "util/alloc.h"
#include "util/text.h"

struct grp_org_iterator {
    grp__list list;
};

static int check_org_fields(const char *name, const char *external_ref)
{
    int rc;
    if ((rc = grp__check_text("name", name, GRP__NAME_MAX, 1, 0)) ||
        (rc = grp__check_text("external_ref", external_ref, GRP__REF_MAX, 0, 0)))
        return rc;
    return GRP_OK;
}

/* Copy a loaded record into a new heap snapshot for the caller. */
static void clear_org(void *r)
{
    grp__org_clear(r);
}

static int hand_out(grp_org **out, struct grp_org *rec)
{
    return grp__hand_out(out, rec, sizeof *rec, clear_org, "returning an organisation");
}

int grp_org_create(grp_org **out, grp_store *store, const char *name, const char *external_ref)
{
    struct grp_org rec = {0};
    int rc;
    if (out)
        *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = check_org_fields(name, external_ref)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    rec.name = (char *)name;
    rec.external_ref = (char *)external_ref;
    grp_org *snap = NULL;
    rc = store->be->org_insert(store, &rec);
    if (rc == GRP_OK)
        rc = grp__audit(store, NULL, "org.create", "org", rec.id);
    /* The snapshot is read inside the transaction: if that fails, the
     * write is rolled back too, so an error never means "half done". */
    if (rc == GRP_OK && out)
        rc = grp_org_get(&snap, store, rec.id);
    if ((rc = grp__tx_end(store, rc))) {
        grp_org_free(snap);
        return rc;
    }
    if (out)
        *out = snap;
    return GRP_OK;
}

int grp_org_get(grp_org **out, grp_store *store, grp_id id)
{
    struct grp_org rec = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = store->be->org_load(store, id, &rec)))
        return rc;
    return hand_out(out, &rec);
}

int grp_org_find(grp_org **out, grp_store *store, const char *external_ref)
{
    struct grp_org rec = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_text("external_ref", external_ref, GRP__REF_MAX, 1, 0)))
        return rc;
    if ((rc = store->be->org_load_by_ref(store, external_ref, &rec)))
        return rc == GRP_ENOTFOUND ? grp__error(rc, "no organisation with external_ref '%s'", external_ref) : rc;
    return hand_out(out, &rec);
}

/* Load, change, save inside one transaction. */
static int modify(grp_store *store, grp_id id, const char *name, const char *external_ref, int archive)
{
    struct grp_org rec = {0};
    int rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->org_load(store, id, &rec)) == GRP_OK) {
        struct grp_org changed = rec;
        if (archive)
            changed.archived = 1;
        else {
            changed.name = (char *)name;
            changed.external_ref = (char *)external_ref;
        }
        if ((rc = store->be->org_update(store, &changed)) == GRP_OK)
            rc = grp__audit(store, NULL, archive ? "org.archive" : "org.update", "org", id);
        grp__org_clear(&rec);
    }
    return grp__tx_end(store, rc);
}

int grp_org_update(grp_store *store, grp_id id, const char *name, const char *external_ref)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = check_org_fields(name, external_ref)))
        return rc;
    return modify(store, id, name, external_ref, 0);
}

int grp_org_archive(grp_store *store, grp_id id)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)))
        return rc;
    return modify(store, id, NULL, NULL, 1);
}

grp_id grp_org_id(const grp_org *org)
{
    return org ? org->id : 0;
}

const char *grp_org_name(const grp_org *org)
{
    return org ? org->name : NULL;
}

const char *grp_org_external_ref(const grp_org *org)
{
    return org ? org->external_ref : NULL;
}

int grp_org_archived(const grp_org *org)
{
    return org ? org->archived : 0;
}

void grp_org_free(grp_org *org)
{
    if (!org)
        return;
    grp__org_clear(org);
    grp__free(org);
}

static void free_org_item(void *p)
{
    grp_org_free(p);
}

int grp_org_iterator_new(grp_org_iterator **out, grp_store *store, uint32_t flags)
{
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (flags & ~GRP_LIST_INCLUDE_ARCHIVED)
        return grp__error(GRP_EINVAL, "argument 'flags' has unknown bits 0x%x", (unsigned)flags);
    grp_org_iterator *it = grp__new_record(sizeof *it, "listing organisations");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_org_item;
    if ((rc = store->be->org_list(store, flags, &it->list))) {
        grp_org_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_org_iterator, grp_org, grp_org_iterator_next, grp_org_iterator_free)
