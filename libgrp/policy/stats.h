/* Internal, pure: attendance arithmetic. */
#ifndef GRP_POLICY_STATS_H
#define GRP_POLICY_STATS_H

#include "libgrp/attendance.h"
#include "libgrp/feedback.h"

/* Count one expected session with the given outcome. */
void grp__stats_add(grp_attendance_stats *st, grp_attendance_status status);
/* Compute the rates from the counts (0 when nothing was recorded). */
void grp__stats_finish(grp_attendance_stats *st);
/* 1 for present, late and left early. */
int grp__attended(grp_attendance_status status);

/* Feedback tallies: per item, how many answered each rating 1..5. */
typedef struct grp__feedback_tally {
    int responses;
    size_t items;
    int counts[GRP_FEEDBACK_MAX_ITEMS][5];
} grp__feedback_tally;

/* Add one response's ratings (0 = no answer; values outside 1..5 ignored). */
void grp__tally_add(grp__feedback_tally *t, const int *ratings, size_t n);
/* Mean of item i over the answers given; 0 when nobody answered. */
double grp__tally_mean(const grp__feedback_tally *t, size_t i);
/* 1 if an aggregate over `people` distinct respondents may be shown with
 * this minimum cohort. */
int grp__cohort_ok(int people, int min_cohort);

/* Who stands behind an aggregate: a lower bound on the number of distinct
 * people whose responses it counts. Responses are counted per session, but
 * suppression must count people: a year of one person's responses is that
 * person's ratings, however many there are. Zero-initialise; clear with
 * grp__cohort_clear. */
typedef struct grp__cohort {
    grp_id *ids; /* people known to have contributed, ascending */
    size_t count, cap;
    int floor;   /* distinct people certain without knowing who */
} grp__cohort;

/* Add one session. `given` (ascending, n_given of them) are the people
 * recorded as having responded to it, `responses` the responses it holds and
 * `counted` how many of those the aggregate counts (one response a person a
 * session). When the aggregate counts every response and one recorded
 * person stands behind each, those people join the set; otherwise only
 * `counted` distinct people are certain for this session. GRP_OK or
 * GRP_ENOMEM (the cohort is unchanged). */
int grp__cohort_add(grp__cohort *c, const grp_id *given, size_t n_given, size_t responses, size_t counted);
/* The lower bound: the larger of the known set and the floor. */
int grp__cohort_size(const grp__cohort *c);
void grp__cohort_clear(grp__cohort *c);

#endif
