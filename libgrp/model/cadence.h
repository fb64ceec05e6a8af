/* Internal: cadence helpers shared with the session model. */
#ifndef GRP_MODEL_CADENCE_H
#define GRP_MODEL_CADENCE_H

#include "store/store_impl.h"

/* All segments of a group, oldest first (items freed by the list). */
int grp__cadence_load_all(grp_store *s, grp_id group_id, grp__list *out);
/* 1 if segment c is in force on local date d. */
int grp__cadence_in_force(const struct grp_cadence *c, grp_date d);
/* The segment's DTSTART: first date at its start time. */
grp_datetime grp__cadence_dtstart(const struct grp_cadence *c);

#endif
