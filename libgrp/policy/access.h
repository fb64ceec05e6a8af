/* Internal, pure: the confidentiality table of <libgrp/access.h> as one
 * function. The model gathers the facts; this decides. */
#ifndef GRP_POLICY_ACCESS_H
#define GRP_POLICY_ACCESS_H

#include "libgrp/access.h"

typedef enum grp__content {
    GRP__C_MEMBERSHIP, /* membership and attendance */
    GRP__C_AGGREGATE,  /* feedback aggregates */
    GRP__C_RESPONSE,   /* a feedback response: ratings and free text */
    GRP__C_PEER,       /* peer feedback */
    GRP__C_GOAL,       /* a goal with steps and progress */
    GRP__C_NOTE,       /* a session note */
    GRP__C_THEME       /* a theme raised to the organisation */
} grp__content;

/* What is known about the actor relative to one item. */
typedef struct grp__access_facts {
    int system;        /* the system actor */
    int owner;         /* wrote or owns the item (or is its subject) */
    int recipient;     /* received it (peer feedback) */
    int member;        /* is or was a member of the item's group */
    int facilitator;   /* is or was a facilitator of the item's group */
    int org_admin;     /* administers the organisation of the item's group */
    grp_visibility visibility; /* goals and notes */
    int shared;        /* peer feedback shared with facilitators */
} grp__access_facts;

/* 1 if the facts allow reading content of kind c, else 0. */
int grp__access_can_read(grp__content c, const grp__access_facts *f);

#endif
