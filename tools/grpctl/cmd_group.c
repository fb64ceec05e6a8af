/* grpctl: groups, and joining and leaving them. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* Enumeration words (those of libgrp's JSON format where libgrp has no name function). */
static const char *kind_word(int v) { return grp_group_kind_name((grp_group_kind)v); }
static const char *status_word(int v) { return grp_group_status_name((grp_group_status)v); }
static const char *role_word(int v) { return grp_member_role_name((grp_member_role)v); }
static const char *capacity_word(int v) { return grp_capacity_policy_name((grp_capacity_policy)v); }
static const char *policy_word(int v) { return grp_membership_policy_name((grp_membership_policy)v); }
static const char *delivery_word(int v) { return grp_delivery_name((grp_delivery)v); }

static const gc_col group_cols[] = {
    {"id", GC_ID},
    {"org_id", GC_ID},
    {"name", GC_TEXT},
    {"kind", GC_TEXT},
    {"status", GC_TEXT},
    {"capacity", GC_INT},
    {"capacity_policy", GC_TEXT},
    {"quorum", GC_INT},
    {"membership_policy", GC_TEXT},
    {"other_orgs", GC_BOOL},
    {"eligible_roles", GC_TEXT},
    {"delivery", GC_TEXT},
    {"location", GC_TEXT},
    {"meeting_link", GC_TEXT},
    {"timezone", GC_TEXT},
    {"session_minutes", GC_INT},
    {"archived", GC_BOOL},
};

/* The short form used by "group list". */
static const gc_col group_list_cols[] = {
    {"id", GC_ID}, {"org_id", GC_ID}, {"name", GC_TEXT}, {"status", GC_TEXT}, {"capacity", GC_INT}, {"timezone", GC_TEXT},
};

static void group_row(gc_table *t, const grp_group *g, int full)
{
    char roles[1024] = "";
    size_t used = 0, c = 0;

    gc_table_row(t);
    gc_set_id(t, c++, grp_group_id(g));
    gc_set_id(t, c++, grp_group_org_id(g));
    gc_set(t, c++, grp_group_name(g));
    if (!full) {
        gc_set(t, c++, status_word(grp_group_status_of(g)));
        gc_set_int(t, c++, grp_group_capacity(g));
        gc_set(t, c, grp_group_timezone(g));
        return;
    }
    gc_set(t, c++, kind_word(grp_group_kind_of(g)));
    gc_set(t, c++, status_word(grp_group_status_of(g)));
    gc_set_int(t, c++, grp_group_capacity(g));
    gc_set(t, c++, capacity_word(grp_group_capacity_policy(g)));
    gc_set_int(t, c++, grp_group_quorum(g));
    gc_set(t, c++, policy_word(grp_group_membership_policy(g)));
    gc_set_bool(t, c++, grp_group_allows_other_orgs(g));
    for (size_t i = 0; i < grp_group_eligible_role_count(g) && used < sizeof roles; i++)
        used += (size_t)snprintf(roles + used, sizeof roles - used, "%s%s", i ? "," : "", grp_group_eligible_role(g, i));
    gc_set(t, c++, used ? roles : NULL);
    gc_set(t, c++, delivery_word(grp_group_delivery(g)));
    gc_set(t, c++, grp_group_location(g));
    gc_set(t, c++, grp_group_meeting_link(g));
    gc_set(t, c++, grp_group_timezone(g));
    gc_set_int(t, c++, grp_group_session_minutes(g));
    gc_set_bool(t, c, grp_group_archived(g));
}

GC_DEFINE_KIND(group_kind, grp_group, grp_group_free, grp_group_iterator, group_row(t, rec, 1), group_cols,
               GC_COUNT(group_cols), "cannot list groups");
GC_DEFINE_KIND(group_list_kind, grp_group, grp_group_free, grp_group_iterator, group_row(t, rec, 0), group_list_cols,
               GC_COUNT(group_list_cols), "cannot list groups");

GC_DEFINE_SHOW(show_group, group_kind, grp_group, grp_group_get, grp_group_free, "no group %lld")

/* The settings options of "group add" and "group set", in this order. */
#define GROUP_OPTS                                                                                          \
    {"org", 1}, {"tz", 1}, {"kind", 1}, {"status", 1}, {"capacity", 1}, {"capacity-policy", 1}, {"quorum", 1}, \
        {"membership", 1}, {"other-orgs", 0}, {"no-other-orgs", 0}, {"roles", 1}, {"delivery", 1},          \
        {"location", 1}, {"link", 1}, {"minutes", 1}
enum { O_ORG, O_TZ, O_KIND, O_STATUS, O_CAP, O_CAPPOL, O_QUORUM, O_MEMB, O_OTHER, O_NOOTHER, O_ROLES, O_DELIV,
       O_LOC, O_LINK, O_MIN };

#define GROUP_OPTS_HELP \
    "  --org ORG                 owning organisation (required for add)\n" \
    "  --tz ZONE                 IANA time zone, e.g. Europe/London (required for add)\n" \
    "  --kind KIND               reflective_practice (default), group_supervision, clinical_supervision\n" \
    "  --status STATUS           forming (default), active, paused, closed\n" \
    "  --capacity N              members, facilitators not counted (1..1000, default 8)\n" \
    "  --capacity-policy P       hard (default: refuse when full), soft (admit, warn), waitlist\n" \
    "  --quorum N                smallest attendance for a session to run (default 0)\n" \
    "  --membership P            open (default), approval (joins are requests), closed\n" \
    "  --other-orgs, --no-other-orgs   whether staff of other organisations may join (default no)\n" \
    "  --roles R1,R2,...         eligible job roles (default any; an empty value clears)\n" \
    "  --delivery D              in_person (default, needs --location), online (needs --link), hybrid\n" \
    "  --location TEXT           where it meets\n" \
    "  --link URL                meeting link\n" \
    "  --minutes N               default session length (1..1440, default 90)"

/* Apply the settings options to @p spec; @p roles receives the role list (free with gc_list_free). */
static int apply_group_opts(gc_ctx *ctx, const gc_opt *o, grp_group_spec *spec, grp_strarray *roles)
{
    int kind = (int)spec->kind, status = (int)spec->status, cap_policy = (int)spec->capacity_policy;
    int membership = (int)spec->membership_policy, delivery = (int)spec->delivery;

    if (o[O_OTHER].seen && o[O_NOOTHER].seen)
        return gc_usage(ctx, "--other-orgs and --no-other-orgs exclude each other");
    /* In the order of the options, so that the first bad one is reported. */
    if ((o[O_KIND].value && gc_word(ctx, o[O_KIND].value, "kind", kind_word, &kind) != 0) ||
        (o[O_STATUS].value && gc_word(ctx, o[O_STATUS].value, "status", status_word, &status) != 0) ||
        (o[O_CAP].value && gc_int(ctx, o[O_CAP].value, "capacity", 1, GRP_MAX_CAPACITY, &spec->capacity) != 0) ||
        (o[O_CAPPOL].value && gc_word(ctx, o[O_CAPPOL].value, "capacity policy", capacity_word, &cap_policy) != 0) ||
        (o[O_QUORUM].value && gc_int(ctx, o[O_QUORUM].value, "quorum", 0, GRP_MAX_CAPACITY, &spec->quorum) != 0) ||
        (o[O_MEMB].value && gc_word(ctx, o[O_MEMB].value, "membership policy", policy_word, &membership) != 0) ||
        (o[O_ROLES].value && o[O_ROLES].value[0] && gc_list(ctx, o[O_ROLES].value, "roles", roles) != 0) ||
        (o[O_DELIV].value && gc_word(ctx, o[O_DELIV].value, "delivery", delivery_word, &delivery) != 0) ||
        (o[O_MIN].value && gc_int(ctx, o[O_MIN].value, "minutes", 1, 1440, &spec->session_minutes) != 0))
        return ctx->exit;
    if (o[O_TZ].value)
        spec->timezone = o[O_TZ].value;
    spec->kind = (grp_group_kind)kind;
    spec->status = (grp_group_status)status;
    spec->capacity_policy = (grp_capacity_policy)cap_policy;
    spec->membership_policy = (grp_membership_policy)membership;
    spec->delivery = (grp_delivery)delivery;
    if (o[O_OTHER].seen || o[O_NOOTHER].seen)
        spec->allow_other_orgs = o[O_OTHER].seen ? 1 : 0;
    if (o[O_ROLES].value)
        spec->eligible_roles = *roles; /* empty (cleared) for an empty value */
    if (o[O_LOC].value)
        spec->location = o[O_LOC].value[0] ? o[O_LOC].value : NULL;
    if (o[O_LINK].value)
        spec->meeting_link = o[O_LINK].value[0] ? o[O_LINK].value : NULL;
    return 0;
}

static int group_add(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {GROUP_OPTS};
    grp_group_spec spec = GRP_GROUP_SPEC_INIT;
    grp_strarray roles = {NULL, 0};
    grp_group *g = NULL;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0)
        return ctx->exit;
    if (!o[O_ORG].value)
        return gc_usage(ctx, "missing --org ORG (the group's organisation)");
    if (!o[O_TZ].value)
        return gc_usage(ctx, "missing --tz ZONE (the group's time zone, e.g. Europe/London)");
    if (gc_id(ctx, o[O_ORG].value, "organisation id", &spec.org_id) != 0 ||
        apply_group_opts(ctx, o, &spec, &roles) != 0) {
        gc_list_free(&roles);
        return ctx->exit;
    }
    spec.name = argv[0];
    rc = gc_open(ctx, GC_WRITE);
    if (rc == 0) {
        rc = grp_group_create(&g, ctx->store, &spec);
        rc = rc ? gc_fail(ctx, rc, "cannot add group '%s'", argv[0]) : show_group(ctx, grp_group_id(g));
    }
    gc_list_free(&roles);
    grp_group_free(g);
    return rc;
}

static int group_set(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {GROUP_OPTS, {"name", 1}};
    grp_group_spec spec;
    grp_strarray roles = {NULL, 0};
    grp_group *g = NULL;
    grp_id id;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_id(ctx, argv[0], "group id", &id) != 0)
        return ctx->exit;
    if (o[O_ORG].seen)
        return gc_usage(ctx, "a group cannot move to another organisation (--org is for 'group add')");
    if (gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_group_get(&g, ctx->store, id);
    if (rc != 0)
        return gc_fail(ctx, rc, "no group %lld", (long long)id);
    grp_group_to_spec(&spec, g);
    if (o[O_MIN + 1].value)
        spec.name = o[O_MIN + 1].value;
    rc = apply_group_opts(ctx, o, &spec, &roles);
    if (rc == 0) {
        rc = grp_group_update(ctx->store, id, &spec);
        rc = rc ? gc_fail(ctx, rc, "cannot change group %lld", (long long)id) : show_group(ctx, id);
    }
    gc_list_free(&roles);
    grp_group_free(g);
    return rc;
}

static int group_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_group_iterator *it = NULL;
    grp_id org;
    uint32_t flags;
    int rc;

    if (gc_list_scope(ctx, argc, argv, 1, &org, &flags) != 0)
        return ctx->exit;
    rc = grp_group_iterator_new(&it, ctx->store, org, flags);
    return gc_run_list(ctx, rc, it, &group_list_kind, 0, "cannot list groups");
}

static int group_show(gc_ctx *ctx, int argc, char **argv)
{
    return gc_show_id(ctx, argc, argv, "group id", show_group);
}

static int group_status(gc_ctx *ctx, int argc, char **argv)
{
    grp_id id;
    int v, rc;

    if (gc_id_word(ctx, argc, argv, "group id", "status", status_word, &id, &v) != 0)
        return ctx->exit;
    rc = grp_group_set_status(ctx->store, id, (grp_group_status)v);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot set the status of group %lld", (long long)id);
    return gc_say(ctx, "group %lld is %s", (long long)id, status_word(v));
}

static int group_archive(gc_ctx *ctx, int argc, char **argv)
{
    return gc_archive(ctx, argc, argv, "group", grp_group_archive);
}

/* ---- membership --------------------------------------------------------- */

static const gc_col stint_cols[] = {
    {"id", GC_ID},          {"group_id", GC_ID}, {"person_id", GC_ID}, {"person", GC_TEXT},
    {"role", GC_TEXT},      {"state", GC_TEXT},  {"requested_on", GC_DATE}, {"began", GC_DATE},
    {"ended", GC_DATE},     {"reason", GC_TEXT},
};

static void stint_row(gc_ctx *ctx, gc_table *t, const grp_membership *m)
{
    gc_table_row(t);
    gc_set_id(t, 0, grp_membership_id(m));
    gc_set_id(t, 1, grp_membership_group_id(m));
    gc_set_id(t, 2, grp_membership_person_id(m));
    gc_set_person_name(ctx, t, 3, grp_membership_person_id(m));
    gc_set(t, 4, grp_member_role_name(grp_membership_role(m)));
    gc_set(t, 5, grp_membership_state_name(grp_membership_state_of(m)));
    gc_set_date(t, 6, grp_membership_requested_on(m));
    gc_set_date(t, 7, grp_membership_began(m));
    gc_set_date(t, 8, grp_membership_ended(m));
    gc_set(t, 9, grp_membership_reason(m));
}

GC_DEFINE_KIND(stint_kind, grp_membership, grp_membership_free, grp_membership_iterator, stint_row(ctx, t, rec),
               stint_cols, GC_COUNT(stint_cols), "cannot list memberships");

static int join(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"role", 1}, {"reason", 1}};
    grp_join_options jo = GRP_JOIN_OPTIONS_INIT;
    grp_membership *m = NULL;
    grp_id group, person;
    grp_date date;
    int n, v, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 3, 3, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0 ||
        gc_id(ctx, argv[1], "person id", &person) != 0 || gc_date(ctx, argv[2], "date", &date) != 0)
        return ctx->exit;
    if (o[0].value) {
        if (gc_word(ctx, o[0].value, "role", role_word, &v) != 0)
            return ctx->exit;
        jo.role = (grp_member_role)v;
    }
    jo.reason = o[1].value;
    if (gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_member_join(&m, ctx->store, group, person, date, &jo);
    if (rc != 0)
        return gc_fail(ctx, rc, "person %lld cannot join group %lld on %s", (long long)person, (long long)group,
                       argv[2]);
    if (grp_membership_warnings(m) & GRP_WARN_OVER_CAPACITY)
        fprintf(stderr, "grpctl: warning: group %lld is now over its capacity (soft policy)\n", (long long)group);
    rc = gc_emit_one(ctx, &stint_kind, m);
    grp_membership_free(m);
    return rc;
}

static int leave(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"reason", 1}};
    grp_id group, person;
    grp_date date;
    size_t promoted = 0;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 3, 3, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0 ||
        gc_id(ctx, argv[1], "person id", &person) != 0 || gc_date(ctx, argv[2], "date", &date) != 0 ||
        gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_member_leave(&promoted, ctx->store, group, person, date, o[0].value);
    if (rc != 0)
        return gc_fail(ctx, rc, "person %lld cannot leave group %lld on %s", (long long)person, (long long)group,
                       argv[2]);
    return gc_say(ctx, "person %lld left group %lld on %s; %zu promoted from the waitlist", (long long)person,
                  (long long)group, argv[2], promoted);
}

static int decide(gc_ctx *ctx, int argc, char **argv, int approve)
{
    gc_opt o[] = {{"reason", 1}};
    grp_membership *m = NULL;
    grp_id id;
    grp_date date;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, approve ? 0 : 1, 2, 2, &n) != 0 ||
        gc_id(ctx, argv[0], "membership id", &id) != 0 || gc_date(ctx, argv[1], "date", &date) != 0 ||
        gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = approve ? grp_member_approve(&m, ctx->store, id, date)
                 : grp_member_decline(ctx->store, id, date, o[0].value);
    if (rc == 0 && !approve)
        rc = grp_membership_get(&m, ctx->store, id);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot %s request %lld", approve ? "approve" : "decline", (long long)id);
    rc = gc_emit_one(ctx, &stint_kind, m);
    grp_membership_free(m);
    return rc;
}

static int approve(gc_ctx *ctx, int argc, char **argv) { return decide(ctx, argc, argv, 1); }
static int decline(gc_ctx *ctx, int argc, char **argv) { return decide(ctx, argc, argv, 0); }

static int list_stints(gc_ctx *ctx, const grp_membership_query *q)
{
    grp_membership_iterator *it = NULL;
    int rc = grp_membership_iterator_new(&it, ctx->store, q);

    return gc_run_list(ctx, rc, it, &stint_kind, 0, "cannot list memberships");
}

/* Check that a group exists, so that an empty list is not mistaken for an answer. */
static int need_group(gc_ctx *ctx, grp_id id)
{
    grp_group *g = NULL;
    int rc = grp_group_get(&g, ctx->store, id);

    grp_group_free(g);
    return rc ? gc_fail(ctx, rc, "no group %lld", (long long)id) : 0;
}

static int members(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"on", 1}};
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    int n;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_id(ctx, argv[0], "group id", &q.group_id) != 0)
        return ctx->exit;
    q.date = grp_date_today_utc();
    if ((o[0].value && gc_date(ctx, o[0].value, "date", &q.date) != 0) || gc_open(ctx, GC_READ) != 0 ||
        need_group(ctx, q.group_id) != 0)
        return ctx->exit;
    return list_stints(ctx, &q);
}

static int history(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"group", 1}, {"person", 1}};
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    int n;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 0, 0, &n) != 0 ||
        (o[0].value && gc_id(ctx, o[0].value, "group id", &q.group_id) != 0) ||
        (o[1].value && gc_id(ctx, o[1].value, "person id", &q.person_id) != 0))
        return ctx->exit;
    if (!q.group_id && !q.person_id)
        return gc_usage(ctx, "give --group GROUP, --person PERSON or both");
    if (gc_open(ctx, GC_READ) != 0 || (q.group_id && need_group(ctx, q.group_id) != 0))
        return ctx->exit;
    return list_stints(ctx, &q);
}

const gc_command gc_group_commands[] = {
    {"group add", "--org ORG --tz ZONE NAME [OPTIONS]", "Add a group. Options:\n" GROUP_OPTS_HELP, group_add},
    {"group list", "[--org ORG] [--all]",
     "List groups in id order, of one organisation with --org; --all: include archived ones.", group_list},
    {"group show", "GROUP", "Show all settings of a group.", group_show},
    {"group set", "GROUP [--name NAME] [OPTIONS]",
     "Change some settings of a group; the others are kept. Options (not --org):\n" GROUP_OPTS_HELP,
     group_set},
    {"group status", "GROUP STATUS", "Set a group's status: forming, active, paused or closed.", group_status},
    {"group archive", "GROUP", "Archive a group: hidden from lists, closed to joins, history kept.", group_archive},
    {"join", "GROUP PERSON DATE [--role ROLE] [--reason TEXT]",
     "PERSON asks to join GROUP on DATE; the group's rules decide: active, waitlisted,\n"
     "requested (approval policy) or refused (exit 2, the rule in the message).\n"
     "--role: member (default), facilitator or co_facilitator.",
     join},
    {"leave", "GROUP PERSON DATE [--reason TEXT]",
     "End PERSON's stint in GROUP on DATE (not a member on DATE any more). Freed seats go to\n"
     "the waitlist.",
     leave},
    {"approve", "MEMBERSHIP DATE", "Approve a join request (its membership id) on DATE.", approve},
    {"decline", "MEMBERSHIP DATE [--reason TEXT]", "Decline a join request on DATE.", decline},
    {"members", "GROUP [--on DATE]", "Who is in GROUP on DATE (default: today, UTC): members and facilitators.",
     members},
    {"history", "[--group GROUP] [--person PERSON]",
     "Every stint of a group, of a person, or of a person in a group, with its dates.", history},
    {NULL, NULL, NULL, NULL},
};

