#include "policy/stats.h"
#include "util/alloc.h"
#include "util/error.h"

#include <limits.h>
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

int grp__cohort_ok(int people, int min_cohort)
{
    /* Below the cohort a figure could identify someone: say nothing. */
    return people >= min_cohort;
}

int grp__cohort_add(grp__cohort *c, const grp_id *given, size_t n_given, size_t responses, size_t counted)
{
    if (counted == 0)
        return GRP_OK;
    if (counted != responses || n_given != responses) {
        /* Who gave the counted responses is not known (other forms in the
         * session, or records that do not pair up): one response a person a
         * session still makes `counted` people certain. */
        if (counted > (size_t)c->floor)
            c->floor = counted > INT_MAX ? INT_MAX : (int)counted;
        return GRP_OK;
    }
    if (c->count + n_given > c->cap) {
        size_t ncap = c->cap ? c->cap : 16;
        while (ncap < c->count + n_given)
            ncap *= 2;
        grp_id *grown = grp__realloc(c->ids, ncap * sizeof *grown);
        if (!grown)
            return grp__error_nomem("counting respondents");
        c->ids = grown;
        c->cap = ncap;
    }
    /* merge two ascending lists from the back, dropping repeats afterwards */
    size_t i = c->count, j = n_given, k = c->count + n_given;
    while (j > 0) {
        if (i > 0 && c->ids[i - 1] > given[j - 1])
            c->ids[--k] = c->ids[--i];
        else
            c->ids[--k] = given[--j];
    }
    size_t out = 0;
    for (size_t r = 0; r < c->count + n_given; r++)
        if (out == 0 || c->ids[out - 1] != c->ids[r])
            c->ids[out++] = c->ids[r];
    c->count = out;
    return GRP_OK;
}

int grp__cohort_size(const grp__cohort *c)
{
    int known = c->count > INT_MAX ? INT_MAX : (int)c->count;
    return known > c->floor ? known : c->floor;
}

void grp__cohort_clear(grp__cohort *c)
{
    grp__free(c->ids);
    memset(c, 0, sizeof *c);
}
