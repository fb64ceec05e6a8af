/* People. */
#include "model/model.h"
#include "model/access.h"
#include "policy/records.h"
#include "util/alloc.h"
#include "util/text.h"

#include <string.h>

struct grp_person_iterator {
    grp__list list;
};

int grp_person_spec_init(grp_person_spec *spec, unsigned int version)
{
    if (!spec)
        return grp__error_null("spec");
    if (version != GRP_PERSON_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_person_spec version %u is unknown", version);
    grp_person_spec d = GRP_PERSON_SPEC_INIT;
    *spec = d;
    return GRP_OK;
}

static int check_email(const char *email)
{
    int rc;
    if ((rc = grp__check_text("email", email, GRP__EMAIL_MAX, 0, 0)) || !email)
        return rc;
    if (!grp__email_shape_ok(email))
        return grp__error(GRP_EINVAL, "argument 'email' ('%s') is not an address of the form name@domain", email);
    return GRP_OK;
}

static int check_spec(const grp_person_spec *spec)
{
    int rc;
    if (!spec)
        return grp__error_null("spec");
    if (spec->version != GRP_PERSON_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_person_spec version %u is unknown", spec->version);
    if ((rc = grp__check_id("spec.org_id", spec->org_id)) ||
        (rc = grp__check_text("spec.display_name", spec->display_name, GRP__NAME_MAX, 1, 0)) ||
        (rc = grp__check_text("spec.job_role", spec->job_role, GRP__NAME_MAX, 0, 0)) ||
        (rc = check_email(spec->email)) ||
        (rc = grp__check_text("spec.external_ref", spec->external_ref, GRP__REF_MAX, 0, 0)))
        return rc;
    return GRP_OK;
}

static void spec_to_record(struct grp_person *rec, const grp_person_spec *spec)
{
    rec->org_id = spec->org_id;
    rec->display_name = (char *)spec->display_name;
    rec->job_role = (char *)spec->job_role;
    rec->email = (char *)spec->email;
    rec->external_ref = (char *)spec->external_ref;
}

static void clear_person(void *r)
{
    grp__person_clear(r);
}

static int hand_out(grp_person **out, struct grp_person *rec)
{
    return grp__hand_out(out, rec, sizeof *rec, clear_person, "returning a person");
}

int grp_person_create(grp_person **out, grp_store *store, const grp_person_spec *spec)
{
    struct grp_person rec = {0};
    grp_person *snap = NULL;
    int rc;
    if (out)
        *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = check_spec(spec)) || (rc = grp__tx_begin(store)))
        return rc;
    spec_to_record(&rec, spec);
    rc = store->be->person_insert(store, &rec);
    if (rc == GRP_OK)
        rc = grp__audit(store, NULL, "person.create", "person", rec.id);
    if (rc == GRP_OK && out)
        rc = grp_person_get(&snap, store, rec.id);
    if ((rc = grp__tx_end(store, rc))) {
        grp_person_free(snap);
        return rc;
    }
    if (out)
        *out = snap;
    return GRP_OK;
}

int grp_person_get(grp_person **out, grp_store *store, grp_id id)
{
    struct grp_person rec = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = store->be->person_load(store, id, &rec)))
        return rc;
    return hand_out(out, &rec);
}

int grp_person_find(grp_person **out, grp_store *store, grp_id org_id, const char *external_ref)
{
    struct grp_person rec = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("org_id", org_id)) ||
        (rc = grp__check_text("external_ref", external_ref, GRP__REF_MAX, 1, 0)))
        return rc;
    if ((rc = store->be->person_load_by_ref(store, org_id, external_ref, &rec)))
        return rc == GRP_ENOTFOUND ? grp__error(rc, "no person with external_ref '%s' in organisation %lld",
                                                external_ref, (long long)org_id)
                                   : rc;
    return hand_out(out, &rec);
}

static int modify(grp_store *store, grp_id id, const grp_person_spec *spec)
{
    struct grp_person rec = {0};
    int rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->person_load(store, id, &rec)) == GRP_OK) {
        struct grp_person changed = rec;
        if (spec)
            spec_to_record(&changed, spec);
        else
            changed.archived = 1;
        if ((rc = store->be->person_update(store, &changed)) == GRP_OK)
            rc = grp__audit(store, NULL, spec ? "person.update" : "person.archive", "person", id);
        grp__person_clear(&rec);
    }
    return grp__tx_end(store, rc);
}

int grp_person_update(grp_store *store, grp_id id, const grp_person_spec *spec)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = check_spec(spec)))
        return rc;
    return modify(store, id, spec);
}

int grp_person_archive(grp_store *store, grp_id id)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)))
        return rc;
    return modify(store, id, NULL);
}

int grp_person_to_spec(grp_person_spec *spec, const grp_person *person)
{
    if (!spec)
        return grp__error_null("spec");
    if (!person)
        return grp__error_null("person");
    spec->version = GRP_PERSON_SPEC_VERSION;
    spec->org_id = person->org_id;
    spec->display_name = person->display_name;
    spec->job_role = person->job_role;
    spec->email = person->email;
    spec->external_ref = person->external_ref;
    return GRP_OK;
}

grp_id grp_person_id(const grp_person *p) { return p ? p->id : 0; }
grp_id grp_person_org_id(const grp_person *p) { return p ? p->org_id : 0; }
const char *grp_person_display_name(const grp_person *p) { return p ? p->display_name : NULL; }
const char *grp_person_job_role(const grp_person *p) { return p ? p->job_role : NULL; }
const char *grp_person_email(const grp_person *p) { return p ? p->email : NULL; }
const char *grp_person_external_ref(const grp_person *p) { return p ? p->external_ref : NULL; }
int grp_person_archived(const grp_person *p) { return p ? p->archived : 0; }

void grp_person_free(grp_person *person)
{
    if (!person)
        return;
    grp__person_clear(person);
    grp__free(person);
}

static void free_person_item(void *p)
{
    grp_person_free(p);
}

int grp_person_iterator_new(grp_person_iterator **out, grp_store *store, grp_id org_id, uint32_t flags)
{
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (org_id < 0)
        return grp__error(GRP_EINVAL, "argument 'org_id' (%lld) is negative", (long long)org_id);
    if (flags & ~GRP_LIST_INCLUDE_ARCHIVED)
        return grp__error(GRP_EINVAL, "argument 'flags' has unknown bits 0x%x", (unsigned)flags);
    grp_person_iterator *it = grp__new_record(sizeof *it, "listing people");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_person_item;
    if ((rc = store->be->person_list(store, org_id, flags, &it->list))) {
        grp_person_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_person_iterator, grp_person, grp_person_iterator_next, grp_person_iterator_free)
