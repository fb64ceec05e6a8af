/* Crediting rules for supervision hours, as plain arithmetic. */
#include "policy/hours.h"
#include "util/error.h"

int grp__hours_rule_check(const grp_hours_rule *rule)
{
    if (!rule)
        return grp__error_null("rule");
    if (rule->version != GRP_HOURS_RULE_VERSION)
        return grp__error(GRP_EINVAL, "grp_hours_rule version %u is unknown", rule->version);
    if ((unsigned)rule->mode > GRP_HOURS_RATIO)
        return grp__error(GRP_EINVAL, "rule.mode (%d) is not a grp_hours_mode", (int)rule->mode);
    if (rule->ratio_num < 1 || rule->ratio_num > GRP__HOURS_RATIO_MAX || rule->ratio_den < 1 ||
        rule->ratio_den > GRP__HOURS_RATIO_MAX)
        return grp__error(GRP_EINVAL, "rule ratio %d/%d is outside 1..%d / 1..%d", rule->ratio_num, rule->ratio_den,
                          GRP__HOURS_RATIO_MAX, GRP__HOURS_RATIO_MAX);
    return GRP_OK;
}

/* num / den rounded to the nearest integer, halves up (num, den >= 0). */
static int round_div(long long num, long long den)
{
    return (int)((2 * num + den) / (2 * den));
}

int grp__hours_credit(const grp_hours_rule *rule, int minutes, int attendees, grp_hours_kind *kind)
{
    *kind = (rule->mode == GRP_HOURS_INDIVIDUAL || attendees == 1) ? GRP_HOURS_KIND_INDIVIDUAL
                                                                    : GRP_HOURS_KIND_GROUP;
    switch (rule->mode) {
    case GRP_HOURS_BACP:
        if (attendees == 1)
            return minutes;
        if (attendees <= 4)
            return round_div(minutes, 2);
        return round_div(minutes, attendees);
    case GRP_HOURS_RATIO:
        return round_div((long long)minutes * rule->ratio_num, rule->ratio_den);
    case GRP_HOURS_INDIVIDUAL:
    case GRP_HOURS_FULL:
    default:
        return minutes;
    }
}
