/* Internal, pure: attendance arithmetic. */
#ifndef GRP_POLICY_STATS_H
#define GRP_POLICY_STATS_H

#include "libgrp/attendance.h"

/* Count one expected session with the given outcome. */
void grp__stats_add(grp_attendance_stats *st, grp_attendance_status status);
/* Compute the rates from the counts (0 when nothing was recorded). */
void grp__stats_finish(grp_attendance_stats *st);
/* 1 for present, late and left early. */
int grp__attended(grp_attendance_status status);

#endif
