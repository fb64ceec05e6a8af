/* grpctl: organisations, their administrators, and people. */
#include "cli.h"

#include <string.h>

/* ---- organisations ------------------------------------------------------ */

static const gc_col org_cols[] = {
    {"id", GC_ID}, {"name", GC_TEXT}, {"external_ref", GC_TEXT}, {"archived", GC_BOOL},
};

static void org_row(gc_table *t, const grp_org *o)
{
    gc_table_row(t);
    gc_set_id(t, 0, grp_org_id(o));
    gc_set(t, 1, grp_org_name(o));
    gc_set(t, 2, grp_org_external_ref(o));
    gc_set_bool(t, 3, grp_org_archived(o));
}

GC_DEFINE_KIND(org_kind, grp_org, grp_org_free, grp_org_iterator, org_row(t, rec), org_cols, GC_COUNT(org_cols),
               "cannot list organisations");

GC_DEFINE_SHOW(show_org, org_kind, grp_org, grp_org_get, grp_org_free, "no organisation %lld")

static int org_add(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"ref", 1}};
    grp_org *org = NULL;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_org_create(&org, ctx->store, argv[0], o[0].value);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot add organisation '%s'", argv[0]);
    rc = show_org(ctx, grp_org_id(org));
    grp_org_free(org);
    return rc;
}

static int org_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_org_iterator *it = NULL;
    grp_id unused;
    uint32_t flags;
    int rc;

    if (gc_list_scope(ctx, argc, argv, 0, &unused, &flags) != 0)
        return ctx->exit;
    rc = grp_org_iterator_new(&it, ctx->store, flags);
    return gc_run_list(ctx, rc, it, &org_kind, 0, "cannot list organisations");
}

static int org_show(gc_ctx *ctx, int argc, char **argv)
{
    return gc_show_id(ctx, argc, argv, "organisation id", show_org);
}

static int org_rename(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"ref", 1}, {"no-ref", 0}};
    grp_org *org = NULL;
    grp_id id;
    const char *ref;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 2, 2, &n) != 0 || gc_id(ctx, argv[0], "organisation id", &id) != 0)
        return ctx->exit;
    if (o[0].seen && o[1].seen)
        return gc_usage(ctx, "--ref and --no-ref exclude each other");
    if (gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_org_get(&org, ctx->store, id);
    if (rc != 0)
        return gc_fail(ctx, rc, "no organisation %lld", (long long)id);
    ref = o[0].seen ? o[0].value : o[1].seen ? NULL : grp_org_external_ref(org);
    rc = grp_org_update(ctx->store, id, argv[1], ref);
    grp_org_free(org);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot rename organisation %lld", (long long)id);
    return show_org(ctx, id);
}

static int org_archive(gc_ctx *ctx, int argc, char **argv)
{
    return gc_archive(ctx, argc, argv, "organisation", grp_org_archive);
}

static int org_admin(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"remove", 0}};
    grp_id org, person;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 2, 2, &n) != 0 ||
        gc_id(ctx, argv[0], "organisation id", &org) != 0 || gc_id(ctx, argv[1], "person id", &person) != 0 ||
        gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = o[0].seen ? grp_org_admin_remove(ctx->store, org, person) : grp_org_admin_add(ctx->store, org, person);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot change the administrators of organisation %lld", (long long)org);
    return gc_say(ctx, "person %lld %s an administrator of organisation %lld", (long long)person,
                  o[0].seen ? "is no longer" : "is", (long long)org);
}

/* ---- people ------------------------------------------------------------- */

static const gc_col person_cols[] = {
    {"id", GC_ID},         {"org_id", GC_ID},       {"name", GC_TEXT},     {"job_role", GC_TEXT},
    {"email", GC_TEXT},    {"external_ref", GC_TEXT}, {"archived", GC_BOOL},
};

static void person_row(gc_table *t, const grp_person *p)
{
    gc_table_row(t);
    gc_set_id(t, 0, grp_person_id(p));
    gc_set_id(t, 1, grp_person_org_id(p));
    gc_set(t, 2, grp_person_display_name(p));
    gc_set(t, 3, grp_person_job_role(p));
    gc_set(t, 4, grp_person_email(p));
    gc_set(t, 5, grp_person_external_ref(p));
    gc_set_bool(t, 6, grp_person_archived(p));
}

GC_DEFINE_KIND(person_kind, grp_person, grp_person_free, grp_person_iterator, person_row(t, rec), person_cols,
               GC_COUNT(person_cols), "cannot list people");

GC_DEFINE_SHOW(show_person, person_kind, grp_person, grp_person_get, grp_person_free, "no person %lld")

static int person_add(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"org", 1}, {"role", 1}, {"email", 1}, {"ref", 1}};
    grp_person_spec spec = GRP_PERSON_SPEC_INIT;
    grp_person *p = NULL;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0)
        return ctx->exit;
    if (!o[0].value)
        return gc_usage(ctx, "missing --org ORG (the person's organisation)");
    if (gc_id(ctx, o[0].value, "organisation id", &spec.org_id) != 0 || gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    spec.display_name = argv[0];
    spec.job_role = o[1].value;
    spec.email = o[2].value;
    spec.external_ref = o[3].value;
    rc = grp_person_create(&p, ctx->store, &spec);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot add person '%s'", argv[0]);
    rc = show_person(ctx, grp_person_id(p));
    grp_person_free(p);
    return rc;
}

static int person_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_person_iterator *it = NULL;
    grp_id org;
    uint32_t flags;
    int rc;

    if (gc_list_scope(ctx, argc, argv, 1, &org, &flags) != 0)
        return ctx->exit;
    rc = grp_person_iterator_new(&it, ctx->store, org, flags);
    return gc_run_list(ctx, rc, it, &person_kind, 0, "cannot list people");
}

static int person_show(gc_ctx *ctx, int argc, char **argv)
{
    return gc_show_id(ctx, argc, argv, "person id", show_person);
}

static int person_set(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"name", 1}, {"role", 1}, {"email", 1}, {"ref", 1}};
    grp_person_spec spec;
    grp_person *p = NULL;
    grp_id id;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_id(ctx, argv[0], "person id", &id) != 0 ||
        gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_person_get(&p, ctx->store, id);
    if (rc != 0)
        return gc_fail(ctx, rc, "no person %lld", (long long)id);
    grp_person_to_spec(&spec, p);
    /* An empty value clears an optional field. */
    if (o[0].value)
        spec.display_name = o[0].value;
    if (o[1].value)
        spec.job_role = o[1].value[0] ? o[1].value : NULL;
    if (o[2].value)
        spec.email = o[2].value[0] ? o[2].value : NULL;
    if (o[3].value)
        spec.external_ref = o[3].value[0] ? o[3].value : NULL;
    rc = grp_person_update(ctx->store, id, &spec);
    grp_person_free(p);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot change person %lld", (long long)id);
    return show_person(ctx, id);
}

static int person_archive(gc_ctx *ctx, int argc, char **argv)
{
    return gc_archive(ctx, argc, argv, "person", grp_person_archive);
}

const gc_command gc_org_commands[] = {
    {"org add", "NAME [--ref REF]", "Add an organisation. --ref: the host system's id for it (unique).", org_add},
    {"org list", "[--all]", "List organisations in id order. --all: include archived ones.", org_list},
    {"org show", "ORG", "Show one organisation.", org_show},
    {"org rename", "ORG NAME [--ref REF | --no-ref]",
     "Rename an organisation; --ref sets its external reference, --no-ref clears it.", org_rename},
    {"org archive", "ORG", "Archive an organisation: hidden from lists, history kept.", org_archive},
    {"org admin", "ORG PERSON [--remove]",
     "Make PERSON an administrator of ORG (they may read its attendance, membership and\n"
     "feedback aggregates); --remove takes the right away again.",
     org_admin},
    {"person add", "--org ORG NAME [--role ROLE] [--email EMAIL] [--ref REF]",
     "Add a person employed by ORG. --role: job role (matched against a group's eligible\n"
     "roles); --email: contact address; --ref: the host system's id (unique in ORG).",
     person_add},
    {"person list", "[--org ORG] [--all]", "List people in id order, of one organisation with --org; --all: include\n"
                                           "archived people.",
     person_list},
    {"person show", "PERSON", "Show one person.", person_show},
    {"person set", "PERSON [--name NAME] [--role ROLE] [--email EMAIL] [--ref REF]",
     "Change a person's fields; the others are kept. An empty value clears --role, --email, --ref.", person_set},
    {"person archive", "PERSON", "Archive a person: hidden from lists, history kept.", person_archive},
    {NULL, NULL, NULL, NULL},
};
