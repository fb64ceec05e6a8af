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

void grp__tally_add(grp__feedback_tally *t, const int *ratings, size_t n)
{
    t->responses++;
    if (n > GRP_FEEDBACK_MAX_ITEMS)
        n = GRP_FEEDBACK_MAX_ITEMS;
    if (n > t->items)
        t->items = n;
    for (size_t i = 0; i < n; i++)
        if (ratings[i] >= 1 && ratings[i] <= 5)
            t->counts[i][ratings[i] - 1]++;
}

double grp__tally_mean(const grp__feedback_tally *t, size_t i)
{
    long sum = 0, n = 0;
    if (i >= GRP_FEEDBACK_MAX_ITEMS)
        return 0.0;
    for (int r = 0; r < 5; r++) {
        sum += (long)t->counts[i][r] * (r + 1);
        n += t->counts[i][r];
    }
    return n ? (double)sum / n : 0.0;
}

int grp__cohort_ok(int responses, int min_cohort)
{
    /* Below the cohort a figure could identify someone: say nothing. */
    return responses >= min_cohort;
}
