/* Supervision hours: a log that follows attendance until signed off. */
#include "model/model.h"
#include "model/access.h"
#include "model/hours.h"
#include "policy/hours.h"
#include "policy/stats.h"
#include "policy/membership_rules.h"
#include "util/alloc.h"
#include "util/text.h"

#include <string.h>

struct grp_hours_iterator {
    grp__list list;
};

static void free_entry_item(void *p)
{
    grp_hours_entry_free(p);
}

static void free_plain(void *p)
{
    grp__free(p);
}

static void free_ms_item(void *p)
{
    grp_membership_free(p);
}

const char *grp_hours_mode_name(grp_hours_mode mode)
{
    static const char *const names[] = {"full", "individual", "bacp", "ratio"};
    return GRP__WORD(names, mode);
}

const char *grp_hours_kind_name(grp_hours_kind kind)
{
    static const char *const names[] = {"individual", "group"};
    return GRP__WORD(names, kind);
}

int grp_hours_rule_init(grp_hours_rule *rule, unsigned int version)
{
    if (!rule)
        return grp__error_null("rule");
    if (version != GRP_HOURS_RULE_VERSION)
        return grp__error(GRP_EINVAL, "grp_hours_rule version %u is unknown", version);
    grp_hours_rule d = GRP_HOURS_RULE_INIT;
    *rule = d;
    return GRP_OK;
}

int grp_hours_credit(int *out, grp_hours_kind *kind_out, const grp_hours_rule *rule, int minutes, int attendees)
{
    grp_hours_kind kind;
    int rc;
    if (!out)
        return grp__error_null("out");
    if ((rc = grp__hours_rule_check(rule)))
        return rc;
    if (minutes < 0 || attendees < 1)
        return grp__error(GRP_EINVAL, "minutes (%d) must be >= 0 and attendees (%d) >= 1", minutes, attendees);
    *out = grp__hours_credit(rule, minutes, attendees, &kind);
    if (kind_out)
        *kind_out = kind;
    return GRP_OK;
}

static grp_date date_of(grp_datetime dt)
{
    grp_date d = {dt.year, dt.month, dt.day};
    return d;
}

/* Stints of every role active on the session's date: one query serves the
 * check of the person recorded and the hours of the members. */
int grp__hours_session_load(grp_store *s, const struct grp_session *x, grp__hours_session *h)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    memset(h, 0, sizeof *h);
    h->present.free_item = free_ms_item;
    h->entries.free_item = free_entry_item;
    q.group_id = x->group_id;
    q.date = date_of(x->start_local);
    int rc = s->be->membership_query(s, &q, &h->present);
    if (rc == GRP_OK)
        rc = s->be->hours_of_session(s, x->id, &h->entries);
    return rc;
}

void grp__hours_session_dispose(grp__hours_session *h)
{
    grp__list_dispose(&h->present);
    grp__list_dispose(&h->entries);
}

/* 1 if person_id has a stint of a role in `roles` active on the date. */
static int present_as(const grp__hours_session *h, grp_id person_id, uint32_t roles)
{
    for (size_t i = 0; i < h->present.count; i++) {
        const struct grp_membership *m = h->present.items[i];
        if (m->person_id == person_id && ((1u << m->role) & roles))
            return 1;
    }
    return 0;
}

int grp__hours_has_stint(const grp__hours_session *h, grp_id person_id)
{
    return present_as(h, person_id, GRP_ROLEMASK_ALL);
}

int grp__hours_check_person(const grp__hours_session *h, const struct grp_session *x, grp_id person_id)
{
    if (!grp__hours_has_stint(h, person_id)) {
        char b[16];
        grp_date_format(b, sizeof b, date_of(x->start_local));
        return grp__error(GRP_EINVAL, "person %lld was not a member or facilitator of group %lld on %s",
                          (long long)person_id, (long long)x->group_id, b);
    }
    for (size_t k = 0; k < h->entries.count; k++) {
        const struct grp_hours_entry *e = h->entries.items[k];
        if (e->person_id == person_id && e->signed_by)
            return grp__error(GRP_ESTATE, "hours entry %lld for this session was signed off: attendance is frozen; "
                                          "add a correction with grp_hours_correct()", (long long)e->id);
    }
    return GRP_OK;
}

int grp__hours_sync(grp_store *s, const struct grp_session *x, grp__hours_session *h)
{
    grp__list rows = {0};
    grp_hours_rule rule;
    int rc, attendees = 0;
    const grp__list *entries = &h->entries;
    rows.free_item = free_plain;
    if ((rc = s->be->hours_rule_load(s, x->group_id, &rule)) ||
        (rc = s->be->attendance_of_session(s, x->id, &rows)))
        goto done;
    for (size_t i = 0; i < rows.count; i++) {
        const struct grp_attendance *a = rows.items[i];
        attendees += grp__attended(a->status) && present_as(h, a->person_id, GRP_ROLEMASK_MEMBER);
    }
    /* Add or refresh an entry for every attending member. */
    for (size_t i = 0; i < rows.count && rc == GRP_OK; i++) {
        const struct grp_attendance *a = rows.items[i];
        if (!grp__attended(a->status) || !present_as(h, a->person_id, GRP_ROLEMASK_MEMBER))
            continue;
        struct grp_hours_entry *found = NULL;
        for (size_t k = 0; k < entries->count; k++)
            if (((struct grp_hours_entry *)entries->items[k])->person_id == a->person_id)
                found = entries->items[k];
        struct grp_hours_entry e = {0};
        e.credited = grp__hours_credit(&rule, a->minutes, attendees, &e.kind);
        e.minutes = a->minutes;
        if (found) {
            if (found->signed_by)
                continue; /* signed: frozen */
            if (found->kind == e.kind && found->minutes == e.minutes && found->credited == e.credited)
                continue; /* already right: nothing to write */
            found->kind = e.kind;
            found->minutes = e.minutes;
            found->credited = e.credited;
            rc = s->be->hours_update(s, found);
        } else {
            e.person_id = a->person_id;
            e.group_id = x->group_id;
            e.session_id = x->id;
            e.date = date_of(x->start_local);
            rc = s->be->hours_insert(s, &e);
        }
    }
    /* Drop unsigned entries of people who no longer attended. */
    for (size_t k = 0; k < entries->count && rc == GRP_OK; k++) {
        const struct grp_hours_entry *e = entries->items[k];
        int still = 0;
        for (size_t i = 0; i < rows.count; i++) {
            const struct grp_attendance *a = rows.items[i];
            still |= a->person_id == e->person_id && grp__attended(a->status) &&
                     present_as(h, a->person_id, GRP_ROLEMASK_MEMBER);
        }
        if (!still && !e->signed_by)
            rc = s->be->hours_delete(s, e->id);
    }
done:
    grp__list_dispose(&rows);
    return rc;
}

int grp__hours_sync_session(grp_store *s, const struct grp_session *x)
{
    grp__hours_session h;
    int rc = grp__hours_session_load(s, x, &h);
    if (rc == GRP_OK)
        rc = grp__hours_sync(s, x, &h);
    grp__hours_session_dispose(&h);
    return rc;
}

int grp_hours_rule_set(grp_store *store, grp_id group_id, const grp_hours_rule *rule)
{
    struct grp_group g = {0};
    grp__list sessions = {0};
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__hours_rule_check(rule)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    sessions.free_item = free_plain;
    if ((rc = store->be->group_load(store, group_id, &g)) || (rc = store->be->hours_rule_save(store, group_id, rule)) ||
        (rc = grp__audit(store, NULL, "hours.rule_set", "group", group_id)) ||
        (rc = store->be->hours_sessions_of_group(store, group_id, &sessions)))
        goto done;
    for (size_t i = 0; i < sessions.count && rc == GRP_OK; i++) {
        struct grp_session x = {0};
        if ((rc = store->be->session_load(store, *(grp_id *)sessions.items[i], &x)) == GRP_OK)
            rc = grp__hours_sync_session(store, &x);
        grp__session_clear(&x);
    }
done:
    grp__list_dispose(&sessions);
    grp__group_clear(&g);
    return grp__tx_end(store, rc);
}

int grp_hours_rule_get(grp_hours_rule *out, grp_store *store, grp_id group_id)
{
    struct grp_group g = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = store->be->group_load(store, group_id, &g)))
        return rc;
    grp__group_clear(&g);
    return store->be->hours_rule_load(store, group_id, out);
}

int grp_hours_sign(grp_store *store, grp_id entry_id, grp_id signed_by, grp_date on)
{
    struct grp_hours_entry e = {0};
    struct grp_person p = {0};
    grp__list l = {0};
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("entry_id", entry_id)) || (rc = grp__check_id("signed_by", signed_by)) ||
        (rc = grp__check_date("on", on)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    l.free_item = free_ms_item;
    if ((rc = store->be->hours_load(store, entry_id, &e)) || (rc = store->be->person_load(store, signed_by, &p)))
        goto done;
    if (e.signed_by) {
        rc = grp__error(GRP_ESTATE, "hours entry %lld is already signed", (long long)entry_id);
        goto done;
    }
    if (grp_date_compare(on, e.date) < 0) {
        rc = grp__error(GRP_EINVAL, "argument 'on' is before the entry's date");
        goto done;
    }
    q.group_id = e.group_id;
    q.person_id = signed_by;
    q.date = e.date;
    q.roles = GRP_ROLEMASK_FACILITATOR | GRP_ROLEMASK_COFACILITATOR;
    if ((rc = store->be->membership_query(store, &q, &l)))
        goto done;
    if (l.count == 0) {
        char b[16];
        grp_date_format(b, sizeof b, e.date);
        rc = grp__error(GRP_EACCESS, "person %lld was not a facilitator of group %lld on %s and cannot sign",
                        (long long)signed_by, (long long)e.group_id, b);
        goto done;
    }
    e.signed_by = signed_by;
    e.signed_on = on;
    if ((rc = store->be->hours_update(store, &e)) == GRP_OK)
        rc = grp__audit(store, NULL, "hours.sign", "hours_entry", entry_id);
done:
    grp__list_dispose(&l);
    grp__person_clear(&p);
    grp__hours_entry_clear(&e);
    return grp__tx_end(store, rc);
}

int grp_hours_correct(grp_id *out, grp_store *store, grp_id entry_id, int minutes_delta, int credited_delta,
                      const char *note)
{
    struct grp_hours_entry e = {0}, c = {0};
    grp__list all = {0};
    int rc;
    if (out)
        *out = 0;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("entry_id", entry_id)) ||
        (rc = grp__check_text("note", note, GRP__NOTE_MAX, 1, 1)))
        return rc;
    if (minutes_delta == 0 && credited_delta == 0)
        return grp__error(GRP_EINVAL, "a correction needs a non-zero difference");
    if ((rc = grp__tx_begin(store)))
        return rc;
    all.free_item = free_entry_item;
    if ((rc = store->be->hours_load(store, entry_id, &e)))
        goto done;
    if (e.corrects) {
        rc = grp__error(GRP_ESTATE, "entry %lld is itself a correction: correct entry %lld instead",
                        (long long)entry_id, (long long)e.corrects);
        goto done;
    }
    if (!e.signed_by) {
        rc = grp__error(GRP_ESTATE, "entry %lld is not signed: it follows attendance, so re-record the "
                                    "attendance instead", (long long)entry_id);
        goto done;
    }
    /* The corrected totals of this entry may not go below zero. */
    long long minutes = e.minutes + (long long)minutes_delta, credited = e.credited + (long long)credited_delta;
    if ((rc = store->be->hours_of_person(store, e.person_id, e.date, e.date, &all)))
        goto done;
    for (size_t i = 0; i < all.count; i++) {
        const struct grp_hours_entry *k = all.items[i];
        if (k->corrects == e.id) {
            minutes += k->minutes;
            credited += k->credited;
        }
    }
    if (minutes < 0 || credited < 0 || minutes > 1440 || credited > 1440) {
        rc = grp__error(GRP_EINVAL, "the correction would make entry %lld's totals %lld/%lld minutes (0..1440)",
                        (long long)entry_id, minutes, credited);
        goto done;
    }
    c.person_id = e.person_id;
    c.group_id = e.group_id;
    c.session_id = e.session_id;
    c.date = e.date;
    c.kind = e.kind;
    c.minutes = minutes_delta;
    c.credited = credited_delta;
    c.corrects = e.id;
    c.note = (char *)note;
    if ((rc = store->be->hours_insert(store, &c)) == GRP_OK)
        rc = grp__audit(store, NULL, "hours.correct", "hours_entry", c.id);
    if (rc == GRP_OK && out)
        *out = c.id;
done:
    grp__list_dispose(&all);
    grp__hours_entry_clear(&e);
    return grp__tx_end(store, rc);
}

static void clear_hours_entry(void *r)
{
    grp__hours_entry_clear(r);
}

int grp_hours_entry_get(grp_hours_entry **out, grp_store *store, grp_id entry_id)
{
    struct grp_hours_entry e = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("entry_id", entry_id)) || (rc = store->be->hours_load(store, entry_id, &e)))
        return rc;
    return grp__hand_out(out, &e, sizeof e, clear_hours_entry, "returning an hours entry");
}

static int check_period(grp_date from, grp_date to)
{
    int rc;
    if ((grp_date_is_set(from) && (rc = grp__check_date("from", from))) ||
        (grp_date_is_set(to) && (rc = grp__check_date("to", to))))
        return rc;
    if (grp_date_is_set(from) && grp_date_is_set(to) && grp_date_compare(from, to) > 0)
        return grp__error(GRP_EINVAL, "period: 'from' is after 'to'");
    return GRP_OK;
}

static int load_person_log(grp_store *s, grp_id person_id, grp_date from, grp_date to, grp__list *out)
{
    struct grp_person p = {0};
    int rc;
    if ((rc = grp__check_id("person_id", person_id)) || (rc = check_period(from, to)) ||
        (rc = s->be->person_load(s, person_id, &p)))
        return rc;
    grp__person_clear(&p);
    out->free_item = free_entry_item;
    return s->be->hours_of_person(s, person_id, from, to, out);
}

int grp_hours_iterator_new(grp_hours_iterator **out, grp_store *store, grp_id person_id, grp_date from, grp_date to)
{
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    grp_hours_iterator *it = grp__new_record(sizeof *it, "listing hours");
    if (!it)
        return GRP_ENOMEM;
    if ((rc = load_person_log(store, person_id, from, to, &it->list))) {
        grp_hours_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_hours_iterator, grp_hours_entry, grp_hours_iterator_next, grp_hours_iterator_free)

int grp_hours_totals_get(grp_hours_totals *out, grp_store *store, grp_id person_id, grp_date from, grp_date to)
{
    grp__list l = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    memset(out, 0, sizeof *out);
    GRP__CHECK_STORE(store);
    if ((rc = load_person_log(store, person_id, from, to, &l)) == GRP_OK) {
        for (size_t i = 0; i < l.count; i++) {
            const struct grp_hours_entry *e = l.items[i];
            out->entries++;
            out->minutes += e->minutes;
            out->credited += e->credited;
            if (e->signed_by)
                out->credited_signed += e->credited;
            if (e->kind == GRP_HOURS_KIND_INDIVIDUAL)
                out->individual += e->credited;
            else
                out->group += e->credited;
        }
    }
    grp__list_dispose(&l);
    return rc;
}

grp_id grp_hours_entry_id(const grp_hours_entry *e) { return e ? e->id : 0; }
grp_id grp_hours_entry_person_id(const grp_hours_entry *e) { return e ? e->person_id : 0; }
grp_id grp_hours_entry_group_id(const grp_hours_entry *e) { return e ? e->group_id : 0; }
grp_id grp_hours_entry_session_id(const grp_hours_entry *e) { return e ? e->session_id : 0; }
grp_date grp_hours_entry_date(const grp_hours_entry *e) { grp_date z = {0, 0, 0}; return e ? e->date : z; }
grp_hours_kind grp_hours_entry_kind(const grp_hours_entry *e) { return e ? e->kind : GRP_HOURS_KIND_GROUP; }
int grp_hours_entry_minutes(const grp_hours_entry *e) { return e ? e->minutes : 0; }
int grp_hours_entry_credited(const grp_hours_entry *e) { return e ? e->credited : 0; }
grp_id grp_hours_entry_signed_by(const grp_hours_entry *e) { return e ? e->signed_by : 0; }
grp_date grp_hours_entry_signed_on(const grp_hours_entry *e) { grp_date z = {0, 0, 0}; return e ? e->signed_on : z; }
grp_id grp_hours_entry_corrects(const grp_hours_entry *e) { return e ? e->corrects : 0; }
const char *grp_hours_entry_note(const grp_hours_entry *e) { return e ? e->note : NULL; }

void grp_hours_entry_free(grp_hours_entry *e)
{
    if (!e)
        return;
    grp__hours_entry_clear(e);
    grp__free(e);
}
