/* The read rules, exactly as tabled in <libgrp/access.h>. Fails closed:
 * an unknown content kind or visibility value grants nothing. */
#include "policy/access.h"

static int shared_with_facilitators(grp_visibility v)
{
    return v == GRP_VISIBLE_FACILITATORS || v == GRP_VISIBLE_GROUP;
}

int grp__access_can_read(grp__content c, const grp__access_facts *f)
{
    switch (c) {
    case GRP__C_MEMBERSHIP:
        return f->system || f->owner || f->member || f->facilitator || f->org_admin;
    case GRP__C_AGGREGATE:
    case GRP__C_THEME:
        return f->system || f->member || f->facilitator || f->org_admin;
    case GRP__C_RESPONSE:
        return f->system || f->owner || f->facilitator;
    case GRP__C_PEER:
        return f->system || f->owner || f->recipient || (f->facilitator && f->shared);
    case GRP__C_GOAL:
    case GRP__C_NOTE:
        return f->system || f->owner || (f->member && f->visibility == GRP_VISIBLE_GROUP) ||
               (f->facilitator && shared_with_facilitators(f->visibility));
    }
    return 0;
}
