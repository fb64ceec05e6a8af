/* Internal: the layout of a parsed recurrence rule and of its iterator, so
 * that other modules (cadence) can keep an iterator on the stack. Pure.
 * Named *_impl.h so that these opaque structs stay out of the checked ABI
 * (see store/store_impl.h). */
#ifndef GRP_CALENDAR_RRULE_IMPL_H
#define GRP_CALENDAR_RRULE_IMPL_H

#include "libgrp/rrule.h"
#include <stdint.h>

/* Every BYxxx list is a bit set: sorting and removing duplicates come for
 * free, membership is one test, and the rule is a flat value (copying it
 * into an iterator needs no allocation). */
struct grp_rrule {
    int freq;              /* grp_rrule_frequency */
    int interval;          /* >= 1 */
    int count;             /* 0: no COUNT */
    int until_kind;        /* grp_rrule_until_kind */
    grp_datetime until;    /* as written; 00:00:00 for a DATE */
    int wkst;              /* ISO weekday 1..7 */
    uint32_t bymonth;      /* bit m-1: month m */
    uint32_t bymd_pos;     /* bit d-1: day d of the month */
    uint32_t bymd_neg;     /* bit d-1: day -d (d-th from the end) */
    uint32_t byday_plain;  /* bit w-1: every ISO weekday w */
    uint64_t byday_pos[7]; /* [w-1], bit n-1: the n-th weekday w (1..53) */
    uint64_t byday_neg[7]; /* [w-1], bit n-1: the n-th last weekday w */
    uint64_t bysp_pos[6];  /* bit p-1: BYSETPOS p (1..366) */
    uint64_t bysp_neg[6];  /* bit p-1: BYSETPOS -p */
};

/* Candidate days of one period are a bit set of up to 384 days starting at
 * `base` (a day number, see calendar/date.h). */
#define GRP__RRULE_MASK_WORDS 6

struct grp_rrule_iterator {
    struct grp_rrule rule;
    int hour, minute, second;         /* DTSTART's time of day */
    int start_year, start_month, start_mday, start_wday;
    int64_t start_day;                /* day number of DTSTART */
    int64_t until_day;                /* last day allowed (inclusive) */
    int64_t lower_day;                /* first day allowed (DTSTART or seek) */
    int64_t emitted;                  /* occurrences returned or skipped by a seek */
    int64_t anchor_month;             /* year*12 + month-1 of DTSTART */
    int64_t week0;                    /* first day of DTSTART's week (WKST) */
    int64_t empty_limit;              /* days without a hit after which the rule is empty */
    int64_t hit_base;                 /* base of the last block that had a day */
    int64_t period;                   /* index of the current block */
    int64_t base;                     /* day number of bit 0 of the current block */
    int block_year, block_month;      /* for month blocks (MONTHLY, DAILY) */
    int month_block;                  /* 1: bit i is day i+1 of block_month */
    int nbits;                        /* days in the block */
    int pos;                          /* next bit to look at */
    int done;                         /* the series has ended */
    int never;                        /* the rule can never produce a day */
    int has_setpos;                   /* the rule has BYSETPOS */
    uint64_t mask[GRP__RRULE_MASK_WORDS];
    uint32_t wd_month[7];             /* plain BYDAY days of a month whose 1st is weekday f (index f-1) */
    uint64_t lattice;                 /* DAILY: bits 0, k, 2k, ... below 64 */
    uint32_t week_set;                /* WEEKLY: bit i = i-th day of the week (from WKST) */
    uint32_t ord_days;                /* bit w-1: weekday w has ordinals */
};

/* Set up a caller-owned iterator (no allocation). Same contract as
 * grp_rrule_iterator_new(). */
int grp__rrule_iterator_init(grp_rrule_iterator *it, const grp_rrule *r, grp_datetime dtstart,
                             const grp_tz *tz);

/* Parse into a caller-owned rule (no allocation). Same contract as
 * grp_rrule_parse(). */
int grp__rrule_parse_into(struct grp_rrule *out, const char *text);

#endif
