/* Internal, pure: choosing the next case presenter. */
#ifndef GRP_POLICY_ROTA_H
#define GRP_POLICY_ROTA_H

#include "libgrp/common.h"
#include <stddef.h>

typedef struct grp__rota_candidate {
    grp_id person_id;
    int has_presented; /* 0: never presented before this session */
    grp_time last;     /* when they last presented (if has_presented) */
    grp_date joined;   /* start of their current stint */
    int apologies;     /* sent apologies for this session */
} grp__rota_candidate;

/* Index of the member who should present, or -1 if nobody can: never
 * presented first, then least recently; ties by earlier join, then lower
 * person id; members with apologies are skipped. */
int grp__rota_pick(const grp__rota_candidate *c, size_t n);

#endif
