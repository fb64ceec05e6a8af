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
/* 1 if an aggregate over `responses` may be shown with this minimum cohort. */
int grp__cohort_ok(int responses, int min_cohort);

#endif
