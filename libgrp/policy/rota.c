#include "policy/rota.h"
#include "libgrp/date.h"

/* 1 if a should present before b. */
static int before(const grp__rota_candidate *a, const grp__rota_candidate *b)
{
    if (a->has_presented != b->has_presented)
        return !a->has_presented;
    if (a->has_presented && a->last != b->last)
        return a->last < b->last;
    int j = grp_date_compare(a->joined, b->joined);
    if (j != 0)
        return j < 0;
    return a->person_id < b->person_id;
}

int grp__rota_pick(const grp__rota_candidate *c, size_t n)
{
    int best = -1;
    for (size_t i = 0; i < n; i++) {
        if (c[i].apologies)
            continue;
        if (best < 0 || before(&c[i], &c[best]))
            best = (int)i;
    }
    return best;
}
