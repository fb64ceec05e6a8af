/* The membership rules as plain functions over plain data, so that every
 * decision can be tested table-driven without a database. */
#include "policy/membership_rules.h"
#include "util/error.h"

#include <ctype.h>
#include <string.h>

static const char *rule_group_name(const grp__join_input *in)
{
    return in->group->name ? in->group->name : "";
}

int grp__decide_join(const grp__join_input *in, grp__join_decision *out)
{
    const struct grp_group *g = in->group;
    out->state = GRP_MSTATE_ACTIVE;
    out->warnings = 0;

    if (in->already)
        return grp__error(GRP_ERULE_ALREADY, "already a member of group '%s' on that date (or waiting to join)",
                          rule_group_name(in));
    if (g->archived || g->status == GRP_STATUS_PAUSED || g->status == GRP_STATUS_CLOSED)
        return grp__error(GRP_ERULE_INACTIVE, "group '%s' is %s: it takes no joiners", rule_group_name(in),
                          g->archived ? "archived" : g->status == GRP_STATUS_PAUSED ? "paused" : "closed");
    if (in->role != GRP_ROLE_MEMBER)
        return GRP_OK; /* facilitators: capacity, policy and eligibility do not apply */
    if (g->membership_policy == GRP_MEMBERSHIP_CLOSED)
        return grp__error(GRP_ERULE_CLOSED, "group '%s' is closed to new members", rule_group_name(in));
    if (!g->allow_other_orgs && in->person_org_id != g->org_id)
        return grp__error(GRP_ERULE_ORG,
                          "group '%s' takes members of its own organisation only (person is in organisation %lld)",
                          rule_group_name(in), (long long)in->person_org_id);
    if (!grp__role_eligible(&g->eligible_roles, in->person_job_role))
        return grp__error(GRP_ERULE_ROLE, "role '%s' is not eligible for group '%s'",
                          in->person_job_role ? in->person_job_role : "(none)", rule_group_name(in));
    if (g->membership_policy == GRP_MEMBERSHIP_APPROVAL && !in->is_approval) {
        out->state = GRP_MSTATE_REQUESTED;
        return GRP_OK;
    }
    int full = in->occupied >= g->capacity;
    switch (g->capacity_policy) {
    case GRP_CAPACITY_WAITLIST:
        /* Nobody jumps the queue: with people waiting, a newcomer waits too. */
        if (full || in->waiting > 0)
            out->state = GRP_MSTATE_WAITLISTED;
        return GRP_OK;
    case GRP_CAPACITY_SOFT:
        if (full)
            out->warnings |= GRP_WARN_OVER_CAPACITY;
        return GRP_OK;
    case GRP_CAPACITY_HARD:
    default:
        if (full)
            return grp__error(GRP_ERULE_FULL, "capacity %d reached in group '%s'", g->capacity,
                              rule_group_name(in));
        return GRP_OK;
    }
}

int grp__stint_active_on(const struct grp_membership *m, grp_date d)
{
    return grp_date_is_set(m->began) && grp_date_compare(m->began, d) <= 0 &&
           (!grp_date_is_set(m->ended) || grp_date_compare(m->ended, d) > 0);
}

int grp__active_count(struct grp_membership *const *stints, size_t n, grp_date d, uint32_t role_mask)
{
    int count = 0;
    for (size_t i = 0; i < n; i++)
        if (((1u << stints[i]->role) & role_mask) && grp__stint_active_on(stints[i], d))
            count++;
    return count;
}

int grp__peak_occupancy(struct grp_membership *const *stints, size_t n, grp_date from)
{
    /* Occupancy only rises on a start date, so checking `from` and every
     * later start date finds the peak. Groups are small: O(n^2) is fine. */
    int peak = 0;
    for (size_t c = 0; c <= n; c++) {
        grp_date probe = from;
        if (c < n) {
            if (stints[c]->role != GRP_ROLE_MEMBER || !grp_date_is_set(stints[c]->began) ||
                grp_date_compare(stints[c]->began, from) <= 0)
                continue;
            probe = stints[c]->began;
        }
        int count = 0;
        for (size_t i = 0; i < n; i++)
            if (stints[i]->role == GRP_ROLE_MEMBER && grp__stint_active_on(stints[i], probe))
                count++;
        if (count > peak)
            peak = count;
    }
    return peak;
}

/* Compare a and b ignoring leading/trailing white space and ASCII case. */
static int role_equal(const char *a, const char *b)
{
    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1]))
        la--;
    while (lb && isspace((unsigned char)b[lb - 1]))
        lb--;
    if (la != lb)
        return 0;
    for (size_t i = 0; i < la; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return 0;
    return 1;
}

int grp__role_eligible(const grp_strarray *eligible, const char *job_role)
{
    if (!eligible || eligible->count == 0)
        return 1;
    if (!job_role)
        return 0;
    for (size_t i = 0; i < eligible->count; i++)
        if (role_equal(eligible->strings[i], job_role))
            return 1;
    return 0;
}
