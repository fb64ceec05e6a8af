#include "policy/stats.h"

#include <string.h>

int grp__attended(grp_attendance_status status)
{
    return status == GRP_ATTEND_PRESENT || status == GRP_ATTEND_LATE || status == GRP_ATTEND_LEFT_EARLY;
}

void grp__stats_add(grp_attendance_stats *st, grp_attendance_status status)
{
    st->expected++;
    if (grp__attended(status))
        st->attended++;
    else if (status == GRP_ATTEND_APOLOGIES)
        st->apologies++;
    else if (status == GRP_ATTEND_ABSENT)
        st->absent++;
    else
        st->not_recorded++;
}

void grp__stats_finish(grp_attendance_stats *st)
{
    /* Rates are over the sessions with something recorded: an unrecorded
     * register says nothing about the member. */
    int recorded = st->expected - st->not_recorded;
    st->attendance_rate = recorded > 0 ? (double)st->attended / recorded : 0.0;
    st->commitment_rate = recorded > 0 ? (double)(st->attended + st->apologies) / recorded : 0.0;
}
