/* Groups: settings validation and persistence. */
#include "model/model.h"
#include "model/access.h"
#include "policy/records.h"
#include "libgrp/tz.h"
#include "util/alloc.h"
#include "util/text.h"

#include <string.h>

struct grp_group_iterator {
    grp__list list;
};

static const char *const kind_names[] = {"reflective_practice", "group_supervision", "clinical_supervision"};
static const char *const status_names[] = {"forming", "active", "paused", "closed"};
static const char *const capacity_names[] = {"hard", "soft", "waitlist"};
static const char *const mpolicy_names[] = {"open", "approval", "closed"};
static const char *const delivery_names[] = {"in_person", "online", "hybrid"};

const char *grp_group_kind_name(grp_group_kind kind)
{
    return GRP__WORD(kind_names, kind);
}

const char *grp_group_status_name(grp_group_status status)
{
    return GRP__WORD(status_names, status);
}

const char *grp_capacity_policy_name(grp_capacity_policy policy)
{
    return GRP__WORD(capacity_names, policy);
}

const char *grp_membership_policy_name(grp_membership_policy policy)
{
    return GRP__WORD(mpolicy_names, policy);
}

const char *grp_delivery_name(grp_delivery delivery)
{
    return GRP__WORD(delivery_names, delivery);
}

int grp_group_spec_init(grp_group_spec *spec, unsigned int version)
{
    if (!spec)
        return grp__error_null("spec");
    if (version != GRP_GROUP_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_group_spec version %u is unknown", version);
    grp_group_spec d = GRP_GROUP_SPEC_INIT;
    *spec = d;
    return GRP_OK;
}

static int check_range(const char *what, int v, int lo, int hi)
{
    if (v < lo || v > hi)
        return grp__error(GRP_EINVAL, "%s (%d) is outside %d..%d", what, v, lo, hi);
    return GRP_OK;
}

/* The quorum against the capacity (policy/records.h), in check_range's words. */
static int check_quorum(const grp_group_spec *s)
{
    return grp__quorum_fits(s->quorum, s->capacity) ? GRP_OK : check_range("spec.quorum", s->quorum, 0, s->capacity);
}

static int check_roles(const grp_strarray *roles)
{
    int rc;
    if (roles->count > 0 && !roles->strings)
        return grp__error(GRP_EINVAL, "spec.eligible_roles has count %zu but no strings", roles->count);
    if (roles->count > GRP__MAX_ELIGIBLE_ROLES)
        return grp__error(GRP_EINVAL, "spec.eligible_roles has %zu roles (at most %d)", roles->count,
                          GRP__MAX_ELIGIBLE_ROLES);
    for (size_t i = 0; i < roles->count; i++) {
        if ((rc = grp__check_text("spec.eligible_roles[]", roles->strings[i], GRP__NAME_MAX, 1, 0)))
            return rc;
    }
    return GRP_OK;
}

static int check_spec(const grp_group_spec *s)
{
    int rc;
    if (!s)
        return grp__error_null("spec");
    if (s->version != GRP_GROUP_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_group_spec version %u is unknown", s->version);
    if ((rc = grp__check_id("spec.org_id", s->org_id)) ||
        (rc = grp__check_text("spec.name", s->name, GRP__NAME_MAX, 1, 0)) ||
        (rc = check_range("spec.kind", (int)s->kind, 0, 2)) ||
        (rc = check_range("spec.status", (int)s->status, 0, 3)) ||
        (rc = check_range("spec.capacity", s->capacity, 1, GRP_MAX_CAPACITY)) ||
        (rc = check_range("spec.capacity_policy", (int)s->capacity_policy, 0, 2)) ||
        (rc = check_quorum(s)) ||
        (rc = check_range("spec.membership_policy", (int)s->membership_policy, 0, 2)) ||
        (rc = check_range("spec.allow_other_orgs", s->allow_other_orgs, 0, 1)) ||
        (rc = check_roles(&s->eligible_roles)) ||
        (rc = check_range("spec.delivery", (int)s->delivery, 0, 2)) ||
        (rc = grp__check_text("spec.location", s->location, GRP__LOCATION_MAX, 0, 1)) ||
        (rc = grp__check_link("spec.meeting_link", s->meeting_link)) ||
        (rc = check_range("spec.session_minutes", s->session_minutes, 1, 1440)))
        return rc;
    switch (grp__place_check(s->delivery, s->location != NULL, s->meeting_link != NULL)) {
    case GRP__PLACE_NEEDS_LOCATION:
        return grp__error(GRP_EINVAL, "spec.location is required for %s delivery",
                          s->delivery == GRP_DELIVERY_HYBRID ? "hybrid" : "in-person");
    case GRP__PLACE_NEEDS_LINK:
        return grp__error(GRP_EINVAL, "spec.meeting_link is required for %s delivery",
                          s->delivery == GRP_DELIVERY_HYBRID ? "hybrid" : "online");
    case GRP__PLACE_OK:
        break;
    }
    if (!s->timezone)
        return grp__error(GRP_EINVAL, "argument 'spec.timezone' is NULL");
    if ((rc = grp_tz_check(s->timezone)))
        return rc == GRP_ENOMEM ? rc : grp__error(GRP_EINVAL, "spec.timezone: %s", grp_error_last()->message);
    return GRP_OK;
}

/* The record borrows the spec's strings: valid for the call only. */
static void spec_to_record(struct grp_group *g, const grp_group_spec *s)
{
    g->org_id = s->org_id;
    g->name = (char *)s->name;
    g->kind = s->kind;
    g->status = s->status;
    g->capacity = s->capacity;
    g->capacity_policy = s->capacity_policy;
    g->quorum = s->quorum;
    g->membership_policy = s->membership_policy;
    g->allow_other_orgs = s->allow_other_orgs;
    g->eligible_roles = s->eligible_roles;
    g->delivery = s->delivery;
    g->location = (char *)s->location;
    g->meeting_link = (char *)s->meeting_link;
    g->timezone = (char *)s->timezone;
    g->session_minutes = s->session_minutes;
}

static void clear_group(void *r)
{
    grp__group_clear(r);
}

static int hand_out(grp_group **out, struct grp_group *rec)
{
    return grp__hand_out(out, rec, sizeof *rec, clear_group, "returning a group");
}

int grp_group_create(grp_group **out, grp_store *store, const grp_group_spec *spec)
{
    struct grp_group rec = {0};
    grp_group *snap = NULL;
    int rc;
    if (out)
        *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = check_spec(spec)) || (rc = grp__tx_begin(store)))
        return rc;
    spec_to_record(&rec, spec);
    rc = store->be->group_insert(store, &rec);
    if (rc == GRP_OK)
        rc = grp__audit(store, NULL, "group.create", "group", rec.id);
    if (rc == GRP_OK && out)
        rc = grp_group_get(&snap, store, rec.id);
    if ((rc = grp__tx_end(store, rc))) {
        grp_group_free(snap);
        return rc;
    }
    if (out)
        *out = snap;
    return GRP_OK;
}

int grp_group_get(grp_group **out, grp_store *store, grp_id id)
{
    struct grp_group rec = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = store->be->group_load(store, id, &rec)))
        return rc;
    return hand_out(out, &rec);
}

enum change { CHANGE_SPEC, CHANGE_STATUS, CHANGE_ARCHIVE };

static int modify(grp_store *store, grp_id id, enum change what, const grp_group_spec *spec,
                  grp_group_status status)
{
    struct grp_group rec = {0};
    int rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->group_load(store, id, &rec)) == GRP_OK) {
        struct grp_group changed = rec;
        if (what == CHANGE_SPEC && spec) {
            spec_to_record(&changed, spec);
            changed.archived = rec.archived;
        } else if (what == CHANGE_STATUS)
            changed.status = status;
        else {
            changed.archived = 1;
            changed.status = GRP_STATUS_CLOSED;
        }
        static const char *const actions[] = {"group.update", "group.set_status", "group.archive"};
        if ((rc = store->be->group_update(store, &changed)) == GRP_OK)
            rc = grp__audit(store, NULL, actions[what], "group", id);
        grp__group_clear(&rec);
    }
    return grp__tx_end(store, rc);
}

int grp_group_update(grp_store *store, grp_id id, const grp_group_spec *spec)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = check_spec(spec)))
        return rc;
    return modify(store, id, CHANGE_SPEC, spec, GRP_STATUS_FORMING);
}

int grp_group_set_status(grp_store *store, grp_id id, grp_group_status status)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)) || (rc = check_range("argument 'status'", (int)status, 0, 3)))
        return rc;
    return modify(store, id, CHANGE_STATUS, NULL, status);
}

int grp_group_archive(grp_store *store, grp_id id)
{
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("id", id)))
        return rc;
    return modify(store, id, CHANGE_ARCHIVE, NULL, GRP_STATUS_CLOSED);
}

int grp_group_to_spec(grp_group_spec *spec, const grp_group *g)
{
    if (!spec)
        return grp__error_null("spec");
    if (!g)
        return grp__error_null("group");
    spec->version = GRP_GROUP_SPEC_VERSION;
    spec->org_id = g->org_id;
    spec->name = g->name;
    spec->kind = g->kind;
    spec->status = g->status;
    spec->capacity = g->capacity;
    spec->capacity_policy = g->capacity_policy;
    spec->quorum = g->quorum;
    spec->membership_policy = g->membership_policy;
    spec->allow_other_orgs = g->allow_other_orgs;
    spec->eligible_roles = g->eligible_roles;
    spec->delivery = g->delivery;
    spec->location = g->location;
    spec->meeting_link = g->meeting_link;
    spec->timezone = g->timezone;
    spec->session_minutes = g->session_minutes;
    return GRP_OK;
}

grp_id grp_group_id(const grp_group *g) { return g ? g->id : 0; }
grp_id grp_group_org_id(const grp_group *g) { return g ? g->org_id : 0; }
const char *grp_group_name(const grp_group *g) { return g ? g->name : NULL; }
grp_group_kind grp_group_kind_of(const grp_group *g) { return g ? g->kind : GRP_KIND_REFLECTIVE_PRACTICE; }
grp_group_status grp_group_status_of(const grp_group *g) { return g ? g->status : GRP_STATUS_FORMING; }
int grp_group_capacity(const grp_group *g) { return g ? g->capacity : 0; }
grp_capacity_policy grp_group_capacity_policy(const grp_group *g) { return g ? g->capacity_policy : GRP_CAPACITY_HARD; }
int grp_group_quorum(const grp_group *g) { return g ? g->quorum : 0; }
grp_membership_policy grp_group_membership_policy(const grp_group *g) { return g ? g->membership_policy : GRP_MEMBERSHIP_OPEN; }
int grp_group_allows_other_orgs(const grp_group *g) { return g ? g->allow_other_orgs : 0; }
size_t grp_group_eligible_role_count(const grp_group *g) { return g ? g->eligible_roles.count : 0; }
const char *grp_group_eligible_role(const grp_group *g, size_t i)
{
    return g && i < g->eligible_roles.count ? g->eligible_roles.strings[i] : NULL;
}
grp_delivery grp_group_delivery(const grp_group *g) { return g ? g->delivery : GRP_DELIVERY_IN_PERSON; }
const char *grp_group_location(const grp_group *g) { return g ? g->location : NULL; }
const char *grp_group_meeting_link(const grp_group *g) { return g ? g->meeting_link : NULL; }
const char *grp_group_timezone(const grp_group *g) { return g ? g->timezone : NULL; }
int grp_group_session_minutes(const grp_group *g) { return g ? g->session_minutes : 0; }
int grp_group_archived(const grp_group *g) { return g ? g->archived : 0; }

void grp_group_free(grp_group *group)
{
    if (!group)
        return;
    grp__group_clear(group);
    grp__free(group);
}

static void free_group_item(void *p)
{
    grp_group_free(p);
}

int grp_group_iterator_new(grp_group_iterator **out, grp_store *store, grp_id org_id, uint32_t flags)
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
    grp_group_iterator *it = grp__new_record(sizeof *it, "listing groups");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_group_item;
    if ((rc = store->be->group_list(store, org_id, flags, &it->list))) {
        grp_group_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_group_iterator, grp_group, grp_group_iterator_next, grp_group_iterator_free)
