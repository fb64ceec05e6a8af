/* Internal, pure: the membership decisions. No storage here: the model
 * loads what the rules need, calls them, and persists the outcome. */
#ifndef GRP_POLICY_MEMBERSHIP_RULES_H
#define GRP_POLICY_MEMBERSHIP_RULES_H

#include "store/records.h"

/* Everything a join decision depends on. */
typedef struct grp__join_input {
    const struct grp_group *group;
    grp_id person_org_id;
    const char *person_job_role; /* may be NULL */
    grp_member_role role;
    int is_approval;   /* deciding the approval of an existing request */
    int already;       /* the person has an active or pending stint on the date */
    int occupied;      /* members (role member) active on the date or later: see grp__peak_occupancy */
    int waiting;       /* people on the waitlist (excluding this person) */
} grp__join_input;

typedef struct grp__join_decision {
    grp_membership_state state; /* when admitted (code 0) */
    uint32_t warnings;          /* GRP_WARN_* */
} grp__join_decision;

/* Decide a join (or an approval). Returns 0 with *out filled, or the
 * GRP_ERULE_* code of the first rule that refuses, with a message naming
 * the rule and the group. The order of rules is documented in
 * <libgrp/membership.h>. */
int grp__decide_join(const grp__join_input *in, grp__join_decision *out);

/* The most members (role member, began set) active at once on `from` or
 * any later date, over stints[0..n). Half-open intervals [began, ended). */
int grp__peak_occupancy(struct grp_membership *const *stints, size_t n, grp_date from);

/* How many of stints[0..n) with a role in role_mask (GRP_ROLEMASK_*) are
 * active on date d. */
int grp__active_count(struct grp_membership *const *stints, size_t n, grp_date d, uint32_t role_mask);

/* 1 if stint m is active on d (began <= d < ended, ended unset = open). */
int grp__stint_active_on(const struct grp_membership *m, grp_date d);

/* 1 if job_role matches one of the eligible roles (trimmed, ASCII case
 * folded), or the list is empty. */
int grp__role_eligible(const grp_strarray *eligible, const char *job_role);

#endif
