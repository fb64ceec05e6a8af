/* The read rules, exactly as tabled in <libgrp/access.h>. */
#include "policy/access.h"

int grp__access_can_read(grp__content c, const grp__access_facts *f)
{
    if (f->system)
        return 1;
    switch (c) {
    case GRP__C_MEMBERSHIP:
        return f->owner || f->member || f->facilitator || f->org_admin;
    case GRP__C_AGGREGATE:
    case GRP__C_THEME:
        return f->member || f->facilitator || f->org_admin;
    case GRP__C_RESPONSE:
        return f->owner || f->facilitator;
    case GRP__C_PEER:
        return f->owner || f->recipient || (f->facilitator && f->shared);
    case GRP__C_GOAL:
    case GRP__C_NOTE:
        return f->owner || (f->member && f->visibility == GRP_VISIBLE_GROUP) ||
               (f->facilitator && f->visibility != GRP_VISIBLE_PRIVATE);
    }
    return 0;
}
