/* Internal, pure: crediting supervision time. */
#ifndef GRP_POLICY_HOURS_H
#define GRP_POLICY_HOURS_H

#include "libgrp/hours.h"

/* The largest numerator and denominator of a ratio rule (both from 1). */
#define GRP__HOURS_RATIO_MAX 1000

/* Validate a rule: 0 or GRP_EINVAL with a message. */
int grp__hours_rule_check(const grp_hours_rule *rule);

/* Credited minutes and kind for `minutes` attended by `attendees` members
 * (rule already checked, minutes >= 0, attendees >= 1). */
int grp__hours_credit(const grp_hours_rule *rule, int minutes, int attendees, grp_hours_kind *kind);

#endif
