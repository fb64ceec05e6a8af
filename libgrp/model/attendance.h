/* Internal: attendance figures of many members of a group at once. */
#ifndef GRP_MODEL_ATTENDANCE_H
#define GRP_MODEL_ATTENDANCE_H

#include "store/store_impl.h"

/* The figures of grp_attendance_stats_get() over the sessions of group_id
 * starting in [from, to): for each of the n people (ascending ids) in
 * each[i], and for every member together in *total (NULL: not wanted),
 * from one listing of the sessions and one query for the group's
 * attendance. A person who was no member in the period gets zeros. */
int grp__attendance_stats_members(grp_store *store, grp_id group_id, grp_time from, grp_time to,
                                  const grp_id *people, size_t n, grp_attendance_stats *each,
                                  grp_attendance_stats *total);

#endif
