/* The audit log, and data-subject rights: export and erasure. */
#include "model/model.h"
#include "model/access.h"
#include "calendar/date.h"
#include "util/alloc.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

struct grp_audit_iterator {
    grp__list list;
};

static void free_audit_item(void *p) { grp_audit_entry_free(p); }

int grp_audit_iterator_new(grp_audit_iterator **out, grp_store *store, const grp_actor *actor, grp_id after_id)
{
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if (after_id < 0)
        return grp__error(GRP_EINVAL, "argument 'after_id' is negative");
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    if (!grp__is_system(actor))
        return grp__denied("the audit log is read by the system actor");
    grp_audit_iterator *it = grp__new_record(sizeof *it, "reading the audit log");
    if (!it)
        return GRP_ENOMEM;
    it->list.free_item = free_audit_item;
    if ((rc = store->be->audit_list(store, after_id, &it->list))) {
        grp_audit_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_audit_iterator, grp_audit_entry, grp_audit_iterator_next, grp_audit_iterator_free)

grp_id grp_audit_entry_id(const grp_audit_entry *e) { return e ? e->id : 0; }
grp_time grp_audit_entry_at(const grp_audit_entry *e) { return e ? e->at : 0; }
grp_actor_kind grp_audit_entry_actor_kind(const grp_audit_entry *e) { return e ? e->actor_kind : GRP_ACTOR_SYSTEM; }
grp_id grp_audit_entry_actor_person_id(const grp_audit_entry *e) { return e ? e->actor_person_id : 0; }
const char *grp_audit_entry_action(const grp_audit_entry *e) { return e ? e->action : NULL; }
const char *grp_audit_entry_entity_type(const grp_audit_entry *e) { return e ? e->entity_type : NULL; }
grp_id grp_audit_entry_entity_id(const grp_audit_entry *e) { return e ? e->entity_id : 0; }

void grp_audit_entry_free(grp_audit_entry *e)
{
    if (!e)
        return;
    grp__audit_entry_clear(e);
    grp__free(e);
}

/* ---- subject-access export ---------------------------------------------------- */

/* JSON building that remembers the first allocation failure, so the code
 * below reads as a description of the document. */
typedef struct jb {
    int failed;
} jb;

static cJSON *add(jb *b, cJSON *parent, const char *key, cJSON *item)
{
    if (!item) {
        b->failed = 1;
        return NULL;
    }
    if (!parent) {
        cJSON_Delete(item);
        return NULL;
    }
    if (key ? !cJSON_AddItemToObject(parent, key, item) : !cJSON_AddItemToArray(parent, item)) {
        cJSON_Delete(item);
        b->failed = 1;
        return NULL;
    }
    return item;
}

static void add_str(jb *b, cJSON *o, const char *key, const char *v)
{
    add(b, o, key, v ? cJSON_CreateString(v) : cJSON_CreateNull());
}

static void add_id(jb *b, cJSON *o, const char *key, grp_id id)
{
    /* 64-bit ids as strings: JSON numbers are doubles */
    char buf[24];
    if (!id) {
        add(b, o, key, cJSON_CreateNull());
        return;
    }
    snprintf(buf, sizeof buf, "%lld", (long long)id);
    add(b, o, key, cJSON_CreateString(buf));
}

static void add_int(jb *b, cJSON *o, const char *key, long long v)
{
    add(b, o, key, cJSON_CreateNumber((double)v));
}

static void add_date(jb *b, cJSON *o, const char *key, grp_date d)
{
    char buf[16];
    if (grp_date_is_set(d) && grp_date_format(buf, sizeof buf, d) == GRP_OK)
        add(b, o, key, cJSON_CreateString(buf));
    else
        add(b, o, key, cJSON_CreateNull());
}

static void free_ms_item(void *p) { grp_membership_free(p); }
static void free_plain(void *p) { grp__free(p); }
static void free_hours_item(void *p) { grp_hours_entry_free(p); }
static void free_goal_item(void *p) { grp_goal_free(p); }
static void free_progress_item(void *p) { grp_goal_progress_free(p); }
static void free_response_item(void *p) { grp_feedback_response_free(p); }
static void free_peer_item(void *p) { grp_peer_feedback_free(p); }
static void free_note_item(void *p) { grp_note_free(p); }

static int export_memberships(grp_store *s, jb *b, cJSON *root, grp_id person_id)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp__list ms = {0};
    int rc;
    ms.free_item = free_ms_item;
    q.person_id = person_id;
    if ((rc = s->be->membership_query(s, &q, &ms)))
        return rc;
    cJSON *arr = add(b, root, "memberships", cJSON_CreateArray());
    cJSON *att = add(b, root, "attendance", cJSON_CreateArray());
    for (size_t i = 0; i < ms.count && rc == GRP_OK; i++) {
        const struct grp_membership *m = ms.items[i];
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());
        add_id(b, o, "id", m->id);
        add_id(b, o, "group", m->group_id);
        add_str(b, o, "role", grp_member_role_name(m->role));
        add_str(b, o, "state", grp_membership_state_name(m->state));
        add_date(b, o, "requested_on", m->requested_on);
        add_date(b, o, "began", m->began);
        add_date(b, o, "ended", m->ended);
        add_str(b, o, "reason", m->reason);
        int seen = 0;
        for (size_t k = 0; k < i; k++)
            seen |= ((const struct grp_membership *)ms.items[k])->group_id == m->group_id;
        if (seen)
            continue;
        grp__list rows = {0};
        rows.free_item = free_plain;
        rc = s->be->attendance_of_group(s, m->group_id, person_id, GRP__SECS_MIN, GRP__SECS_MAX, &rows);
        for (size_t k = 0; k < rows.count && rc == GRP_OK; k++) {
            const struct grp_attendance *a = rows.items[k];
            cJSON *ao = add(b, att, NULL, cJSON_CreateObject());
            add_id(b, ao, "session", a->session_id);
            add_str(b, ao, "status", grp_attendance_status_name(a->status));
            add_int(b, ao, "minutes", a->minutes);
        }
        grp__list_dispose(&rows);
    }
    grp__list_dispose(&ms);
    return rc;
}

static int export_hours(grp_store *s, jb *b, cJSON *root, grp_id person_id)
{
    grp__list l = {0};
    grp_date none = {0, 0, 0};
    l.free_item = free_hours_item;
    int rc = s->be->hours_of_person(s, person_id, none, none, &l);
    cJSON *arr = add(b, root, "hours", cJSON_CreateArray());
    for (size_t i = 0; i < l.count && rc == GRP_OK; i++) {
        const struct grp_hours_entry *e = l.items[i];
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());
        add_id(b, o, "id", e->id);
        add_date(b, o, "date", e->date);
        add_id(b, o, "group", e->group_id);
        add_id(b, o, "session", e->session_id);
        add_str(b, o, "kind", e->kind == GRP_HOURS_KIND_INDIVIDUAL ? "individual" : "group");
        add_int(b, o, "minutes", e->minutes);
        add_int(b, o, "credited", e->credited);
        add_id(b, o, "signed_by", e->signed_by);
        add_date(b, o, "signed_on", e->signed_on);
        add_id(b, o, "corrects", e->corrects);
        add_str(b, o, "note", e->note);
    }
    grp__list_dispose(&l);
    return rc;
}

static int export_goals(grp_store *s, jb *b, cJSON *root, grp_id person_id)
{
    grp__list l = {0};
    l.free_item = free_goal_item;
    int rc = s->be->goal_list(s, person_id, 0, &l);
    cJSON *arr = add(b, root, "goals", cJSON_CreateArray());
    for (size_t i = 0; i < l.count && rc == GRP_OK; i++) {
        struct grp_goal g = {0};
        grp__list pl = {0};
        pl.free_item = free_progress_item;
        if ((rc = s->be->goal_load(s, ((struct grp_goal *)l.items[i])->id, &g)))
            break;
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());
        add_id(b, o, "id", g.id);
        add_str(b, o, "title", g.title);
        add_str(b, o, "description", g.description);
        add_id(b, o, "group", g.group_id);
        add_date(b, o, "target_date", g.target_date);
        add_str(b, o, "status", grp_goal_status_name(g.status));
        add_str(b, o, "visibility", grp_visibility_name(g.visibility));
        cJSON *steps = add(b, o, "steps", cJSON_CreateArray());
        for (size_t k = 0; k < g.step_count; k++) {
            cJSON *so = add(b, steps, NULL, cJSON_CreateObject());
            add_str(b, so, "title", g.steps[k].title);
            add_date(b, so, "due", g.steps[k].due);
            add(b, so, "done", cJSON_CreateBool(g.steps[k].done));
        }
        cJSON *prog = add(b, o, "progress", cJSON_CreateArray());
        if ((rc = s->be->progress_of_goal(s, g.id, &pl)) == GRP_OK)
            for (size_t k = 0; k < pl.count; k++) {
                const struct grp_goal_progress *p = pl.items[k];
                cJSON *po = add(b, prog, NULL, cJSON_CreateObject());
                add_date(b, po, "date", p->date);
                add_int(b, po, "percent", p->percent);
                add_str(b, po, "note", p->note);
                add_id(b, po, "session", p->session_id);
            }
        grp__list_dispose(&pl);
        grp__goal_clear(&g);
    }
    grp__list_dispose(&l);
    return rc;
}

static int export_feedback(grp_store *s, jb *b, cJSON *root, grp_id person_id)
{
    grp__list r = {0}, p = {0}, n = {0};
    int rc;
    r.free_item = free_response_item;
    p.free_item = free_peer_item;
    n.free_item = free_note_item;
    if ((rc = s->be->responses_of_person(s, person_id, &r)) || (rc = s->be->peer_of_person(s, person_id, &p)) ||
        (rc = s->be->notes_of_author(s, person_id, &n)))
        goto done;
    cJSON *arr = add(b, root, "feedback_responses", cJSON_CreateArray());
    for (size_t i = 0; i < r.count; i++) {
        const struct grp_feedback_response *x = r.items[i];
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());
        add_id(b, o, "session", x->session_id);
        add_id(b, o, "form", x->form_id);
        cJSON *ratings = add(b, o, "ratings", cJSON_CreateArray());
        for (size_t k = 0; k < x->rating_count; k++)
            add(b, ratings, NULL, cJSON_CreateNumber(x->ratings[k]));
        add_str(b, o, "text", x->text);
    }
    arr = add(b, root, "peer_feedback", cJSON_CreateArray());
    for (size_t i = 0; i < p.count; i++) {
        const struct grp_peer_feedback *x = p.items[i];
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());
        add_id(b, o, "id", x->id);
        add_id(b, o, "group", x->group_id);
        add_id(b, o, "session", x->session_id);
        add_id(b, o, "author", x->author_id);
        add_id(b, o, "recipient", x->recipient_id);
        add_str(b, o, "text", x->text);
        add(b, o, "shared_with_facilitators", cJSON_CreateBool(x->shared));
    }
    arr = add(b, root, "notes", cJSON_CreateArray());
    for (size_t i = 0; i < n.count; i++) {
        const struct grp_note *x = n.items[i];
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());
        add_id(b, o, "id", x->id);
        add_id(b, o, "session", x->session_id);
        add_str(b, o, "visibility", grp_visibility_name(x->visibility));
        add_str(b, o, "text", x->text);
    }
done:
    grp__list_dispose(&r);
    grp__list_dispose(&p);
    grp__list_dispose(&n);
    return rc;
}

int grp_person_export(char **out, grp_store *store, const grp_actor *actor, grp_id person_id)
{
    struct grp_person p = {0};
    jb b = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("person_id", person_id)) || (rc = grp__check_actor(store, actor)) ||
        (rc = store->be->person_load(store, person_id, &p)))
        return rc;
    if (!grp__is_system(actor) && !grp__is_person(actor, person_id)) {
        grp__person_clear(&p);
        return grp__denied("a person's data is exported for the person or by the system");
    }
    cJSON *root = cJSON_CreateObject();
    if (!root) {
        grp__person_clear(&p);
        return grp__error_nomem("exporting a person");
    }
    add_str(&b, root, "format", "libgrp-subject-access");
    add_int(&b, root, "version", 1);
    cJSON *po = add(&b, root, "person", cJSON_CreateObject());
    add_id(&b, po, "id", p.id);
    add_id(&b, po, "organisation", p.org_id);
    add_str(&b, po, "display_name", p.display_name);
    add_str(&b, po, "job_role", p.job_role);
    add_str(&b, po, "email", p.email);
    add_str(&b, po, "external_ref", p.external_ref);
    add(&b, po, "archived", cJSON_CreateBool(p.archived));
    grp__person_clear(&p);
    if ((rc = export_memberships(store, &b, root, person_id)) || (rc = export_hours(store, &b, root, person_id)) ||
        (rc = export_goals(store, &b, root, person_id)) || (rc = export_feedback(store, &b, root, person_id)))
        goto done;
    if (b.failed) {
        rc = grp__error_nomem("building the export document");
        goto done;
    }
    char *text = cJSON_PrintUnformatted(root);
    if (!text) {
        rc = grp__error_nomem("printing the export document");
        goto done;
    }
    /* hand out memory the caller frees with grp_free() */
    *out = grp__strdup(text);
    cJSON_free(text);
    if (!*out)
        rc = grp__error_nomem("exporting a person");
done:
    cJSON_Delete(root);
    return rc;
}

int grp_person_erase(grp_store *store, const grp_actor *actor, grp_id person_id)
{
    struct grp_person p = {0};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("person_id", person_id)) || (rc = grp__check_actor(store, actor)))
        return rc;
    if (!grp__is_system(actor))
        return grp__denied("erasure is performed by the system actor");
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = store->be->person_load(store, person_id, &p)) == GRP_OK &&
        (rc = store->be->person_erase_content(store, person_id)) == GRP_OK) {
        struct grp_person tomb = p;
        tomb.display_name = "erased person";
        tomb.job_role = tomb.email = tomb.external_ref = NULL;
        tomb.archived = 1;
        if ((rc = store->be->person_update(store, &tomb)) == GRP_OK)
            rc = grp__audit(store, actor, "person.erase", "person", person_id);
        /* The WAL still holds the old page images with the erased data:
         * checkpoint and truncate it after the commit. */
        if (rc == GRP_OK)
            grp__store_scrub_after_commit(store);
    }
    grp__person_clear(&p);
    return grp__tx_end(store, rc);
}
