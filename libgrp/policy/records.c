/* The rules across the members of one record (see records.h). */
#include "policy/records.h"
#include "libgrp/date.h"

#include <string.h>

int grp__quorum_fits(int quorum, int capacity) { return quorum >= 0 && quorum <= capacity; }

grp__place_verdict grp__place_check(grp_delivery delivery, int has_location, int has_link)
{
    if (delivery != GRP_DELIVERY_ONLINE && !has_location)
        return GRP__PLACE_NEEDS_LOCATION;
    if (delivery != GRP_DELIVERY_IN_PERSON && !has_link)
        return GRP__PLACE_NEEDS_LINK;
    return GRP__PLACE_OK;
}

int grp__email_shape_ok(const char *email)
{
    if (!email)
        return 0;
    const char *at = strchr(email, '@');
    return at && at != email && at[1] && !strchr(at + 1, '@') && !strpbrk(email, " \t");
}

grp__stint_verdict grp__stint_dates_check(grp_date requested_on, grp_date began, grp_date ended)
{
    int has_began = grp_date_is_set(began);
    if (has_began && grp_date_compare(began, requested_on) < 0)
        return GRP__STINT_BEGAN_BEFORE_REQUESTED;
    if (grp_date_is_set(ended) && grp_date_compare(ended, has_began ? began : requested_on) < 0)
        return has_began ? GRP__STINT_ENDED_BEFORE_BEGAN : GRP__STINT_ENDED_BEFORE_REQUESTED;
    return GRP__STINT_OK;
}

int grp__segment_until_ok(grp_date first_date, grp_date until)
{
    return !grp_date_is_set(until) || grp_date_compare(until, first_date) >= 0;
}

grp__session_link_verdict grp__session_link_check(int has_cadence, int has_occurrence, int has_occurrence_utc)
{
    if (!has_occurrence != !has_occurrence_utc)
        return GRP__SESSION_LINK_UTC_WITHOUT_OCCURRENCE;
    if (!has_cadence != !has_occurrence)
        return GRP__SESSION_LINK_OCCURRENCE_WITHOUT_CADENCE;
    return GRP__SESSION_LINK_OK;
}

int grp__correction_order_ok(grp_id id, grp_id corrects) { return corrects == 0 || corrects < id; }
