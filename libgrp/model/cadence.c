/* Cadence segments: a group's recurrence, changed "this and following". */
#include "model/model.h"
#include "model/access.h"
#include "model/events.h"
#include "model/cadence.h"
#include "policy/records.h"
#include "libgrp/rrule.h"
#include "util/alloc.h"

struct grp_cadence_iterator {
    grp__list list;
};

int grp_cadence_spec_init(grp_cadence_spec *spec, unsigned int version)
{
    if (!spec)
        return grp__error_null("spec");
    if (version != GRP_CADENCE_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_cadence_spec version %u is unknown", version);
    grp_cadence_spec d = GRP_CADENCE_SPEC_INIT;
    *spec = d;
    return GRP_OK;
}

static void free_cadence_item(void *p)
{
    grp_cadence_free(p);
}

int grp__cadence_load_all(grp_store *s, grp_id group_id, grp__list *out)
{
    out->free_item = free_cadence_item;
    return s->be->cadence_list(s, group_id, out);
}

int grp__cadence_in_force(const struct grp_cadence *c, grp_date d)
{
    return grp_date_compare(c->first_date, d) <= 0 &&
           (!grp_date_is_set(c->until) || grp_date_compare(d, c->until) < 0);
}

grp_datetime grp__cadence_dtstart(const struct grp_cadence *c)
{
    grp_datetime dt = {c->first_date.year, c->first_date.month, c->first_date.day,
                       c->start_minute / 60, c->start_minute % 60, 0};
    return dt;
}

/* Validate the spec and produce the canonical rule text (owned). */
static int check_spec(const grp_cadence_spec *spec, char **canonical)
{
    grp_rrule *r = NULL;
    int rc;
    *canonical = NULL;
    if (!spec)
        return grp__error_null("spec");
    if (spec->version != GRP_CADENCE_SPEC_VERSION)
        return grp__error(GRP_EINVAL, "grp_cadence_spec version %u is unknown", spec->version);
    if (!spec->rrule)
        return grp__error(GRP_EINVAL, "argument 'spec.rrule' is NULL");
    if ((rc = grp__check_date("spec.first_date", spec->first_date)))
        return rc;
    if (spec->start_hour < 0 || spec->start_hour > 23 || spec->start_minute < 0 || spec->start_minute > 59)
        return grp__error(GRP_EINVAL, "spec start time %d:%02d is not a time of day", spec->start_hour,
                          spec->start_minute);
    if (spec->duration_minutes < 0 || spec->duration_minutes > 1440)
        return grp__error(GRP_EINVAL, "spec.duration_minutes (%d) is outside 0..1440", spec->duration_minutes);
    if (spec->timezone && (rc = grp_tz_check(spec->timezone)))
        return rc == GRP_ENOMEM ? rc : grp__error(GRP_EINVAL, "spec.timezone: %s", grp_error_last()->message);
    if ((rc = grp_rrule_parse(&r, spec->rrule)))
        return rc;
    rc = grp_rrule_format(canonical, r);
    grp_rrule_free(r);
    return rc;
}

static int snapshot(grp_cadence **out, const struct grp_cadence *rec)
{
    grp_cadence *c = grp__new_record(sizeof *c, "returning a cadence");
    if (!c)
        return GRP_ENOMEM;
    *c = *rec;
    c->rrule = grp__strdup(rec->rrule);
    c->timezone = grp__strdup(rec->timezone);
    if (!c->rrule || !c->timezone) {
        grp_cadence_free(c);
        return grp__error_nomem("returning a cadence");
    }
    *out = c;
    return GRP_OK;
}

int grp_cadence_set(grp_cadence **out, grp_store *store, grp_id group_id, const grp_cadence_spec *spec)
{
    struct grp_group g = {0};
    struct grp_cadence rec = {0};
    grp__list segs = {0};
    grp_cadence *snap = NULL;
    char *canonical = NULL;
    int rc;
    if (out)
        *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = check_spec(spec, &canonical)))
        return rc;
    if ((rc = grp__tx_begin(store))) {
        grp__free(canonical);
        return rc;
    }
    if ((rc = store->be->group_load(store, group_id, &g)) || (rc = grp__cadence_load_all(store, group_id, &segs)))
        goto done;
    rec.group_id = group_id;
    rec.rrule = canonical;
    rec.first_date = spec->first_date;
    rec.start_minute = spec->start_hour * 60 + spec->start_minute;
    rec.duration = spec->duration_minutes ? spec->duration_minutes : g.session_minutes;
    rec.timezone = (char *)(spec->timezone ? spec->timezone : g.timezone);
    struct grp_cadence *latest = segs.count ? segs.items[segs.count - 1] : NULL;
    /* the latest segment would end on the new one's first date */
    if (latest && !grp__segment_until_ok(latest->first_date, spec->first_date)) {
        char b1[16], b2[16];
        grp_date_format(b1, sizeof b1, spec->first_date);
        grp_date_format(b2, sizeof b2, latest->first_date);
        rc = grp__error(GRP_EINVAL, "argument 'spec.first_date' (%s) is before the current cadence's start (%s): "
                                    "a cadence changes from a date on and never rewrites the past", b1, b2);
        goto done;
    }
    if (latest && grp_date_compare(spec->first_date, latest->first_date) == 0) {
        rec.id = latest->id; /* same start: the latest segment is replaced */
        rc = store->be->cadence_update(store, &rec);
    } else {
        if (latest && grp__cadence_in_force(latest, spec->first_date)) {
            latest->until = spec->first_date; /* "this and following" */
            if ((rc = store->be->cadence_update(store, latest)))
                goto done;
        }
        rc = store->be->cadence_insert(store, &rec);
    }
    if (rc == GRP_OK && (rc = grp__audit(store, NULL, "cadence.set", "cadence", rec.id)) == GRP_OK)
        rc = grp__event(store, GRP_EVENT_CADENCE_CHANGED, group_id, 0, rec.id);
    if (rc == GRP_OK && out)
        rc = snapshot(&snap, &rec);
done:
    grp__list_dispose(&segs);
    grp__group_clear(&g);
    grp__free(canonical);
    if ((rc = grp__tx_end(store, rc))) {
        grp_cadence_free(snap);
        return rc;
    }
    if (out)
        *out = snap;
    return GRP_OK;
}

/* The segment of group_id in force on d; ENOTFOUND if none. */
static int find_in_force(grp_store *s, grp_id group_id, grp_date d, grp__list *segs, struct grp_cadence **found)
{
    struct grp_group g = {0};
    int rc;
    *found = NULL;
    if ((rc = s->be->group_load(s, group_id, &g)))
        return rc;
    grp__group_clear(&g);
    if ((rc = grp__cadence_load_all(s, group_id, segs)))
        return rc;
    for (size_t i = 0; i < segs->count; i++)
        if (grp__cadence_in_force(segs->items[i], d))
            *found = segs->items[i];
    if (!*found) {
        char b[16];
        grp_date_format(b, sizeof b, d);
        return grp__error(GRP_ENOTFOUND, "group %lld has no cadence in force on %s", (long long)group_id, b);
    }
    return GRP_OK;
}

int grp_cadence_end(grp_store *store, grp_id group_id, grp_date date)
{
    grp__list segs = {0};
    struct grp_cadence *c;
    int rc;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_date("date", date)))
        return rc;
    if ((rc = grp__tx_begin(store)))
        return rc;
    if ((rc = find_in_force(store, group_id, date, &segs, &c)) == GRP_OK) {
        c->until = date;
        if ((rc = store->be->cadence_update(store, c)) == GRP_OK &&
            (rc = grp__audit(store, NULL, "cadence.end", "cadence", c->id)) == GRP_OK)
            rc = grp__event(store, GRP_EVENT_CADENCE_CHANGED, group_id, 0, c->id);
    }
    grp__list_dispose(&segs);
    return grp__tx_end(store, rc);
}

int grp_cadence_get(grp_cadence **out, grp_store *store, grp_id group_id, grp_date date)
{
    grp__list segs = {0};
    struct grp_cadence *c;
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = grp__check_date("date", date)))
        return rc;
    if ((rc = find_in_force(store, group_id, date, &segs, &c)) == GRP_OK && c)
        rc = snapshot(out, c);
    grp__list_dispose(&segs);
    return rc;
}

int grp_cadence_iterator_new(grp_cadence_iterator **out, grp_store *store, grp_id group_id)
{
    struct grp_group g = {0};
    int rc;
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    GRP__CHECK_STORE(store);
    if ((rc = grp__check_id("group_id", group_id)) || (rc = store->be->group_load(store, group_id, &g)))
        return rc;
    grp__group_clear(&g);
    grp_cadence_iterator *it = grp__new_record(sizeof *it, "listing cadences");
    if (!it)
        return GRP_ENOMEM;
    if ((rc = grp__cadence_load_all(store, group_id, &it->list))) {
        grp_cadence_iterator_free(it);
        return rc;
    }
    *out = it;
    return GRP_OK;
}

GRP__LIST_ITERATOR_FUNCTIONS(grp_cadence_iterator, grp_cadence, grp_cadence_iterator_next, grp_cadence_iterator_free)

grp_id grp_cadence_id(const grp_cadence *c) { return c ? c->id : 0; }
grp_id grp_cadence_group_id(const grp_cadence *c) { return c ? c->group_id : 0; }
const char *grp_cadence_rrule(const grp_cadence *c) { return c ? c->rrule : NULL; }
grp_date grp_cadence_first_date(const grp_cadence *c) { grp_date z = {0, 0, 0}; return c ? c->first_date : z; }
grp_date grp_cadence_until(const grp_cadence *c) { grp_date z = {0, 0, 0}; return c ? c->until : z; }
int grp_cadence_start_hour(const grp_cadence *c) { return c ? c->start_minute / 60 : 0; }
int grp_cadence_start_minute(const grp_cadence *c) { return c ? c->start_minute % 60 : 0; }
int grp_cadence_duration(const grp_cadence *c) { return c ? c->duration : 0; }
const char *grp_cadence_timezone(const grp_cadence *c) { return c ? c->timezone : NULL; }

void grp_cadence_free(grp_cadence *c)
{
    if (!c)
        return;
    grp__cadence_clear(c);
    grp__free(c);
}
