/* bench_rrule: RRULE expansion, libgrp against libical (its anchor), in one
 * run. Expands the same rules from the same DTSTART over the same ten years
 * with both, checks that they produce the same number of occurrences, and
 * prints occurrences per second and the ratio. Then times seeking to the
 * first occurrence after a date far into a series.
 *
 *   ./build/bench/bench_rrule [seconds-per-measurement]   (default 1.0)
 */
#include <libgrp.h>
#include <libgrp/rrule.h>

#include <libical/ical.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 50 rules across the supported subset, all of shapes where libgrp and
 * libical agree (see tests/ical/test_rrule_libical.c). */
static const char *const rules[] = {
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=2",
    "FREQ=DAILY;INTERVAL=10",
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=DAILY;BYDAY=SA,SU",
    "FREQ=DAILY;BYMONTH=1,7",
    "FREQ=DAILY;BYMONTHDAY=1,15",
    "FREQ=DAILY;INTERVAL=3;BYMONTH=3,4,5",
    "FREQ=DAILY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=DAILY;COUNT=2000",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;WKST=SU",
    "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;BYDAY=SA,SU;BYMONTH=6,7,8",
    "FREQ=WEEKLY;INTERVAL=4;BYDAY=MO",
    "FREQ=WEEKLY;COUNT=300;BYDAY=MO,TH",
    "FREQ=WEEKLY;UNTIL=20300101T000000Z;BYDAY=WE",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=2",
    "FREQ=MONTHLY;BYDAY=1FR",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYDAY=2TU,4TU",
    "FREQ=MONTHLY;BYDAY=1SU,-1SU;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
    "FREQ=MONTHLY;BYDAY=TU,WE,TH;BYSETPOS=3",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
    "FREQ=MONTHLY;BYDAY=MO,WE,FR",
    "FREQ=MONTHLY;INTERVAL=18;BYMONTHDAY=10,11,12,13,14,15",
    "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1MO",
    "FREQ=MONTHLY;COUNT=60;BYMONTHDAY=5",
    "FREQ=YEARLY",
    "FREQ=YEARLY;BYMONTH=6,7",
    "FREQ=YEARLY;BYDAY=20MO",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
    "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
    "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
    "FREQ=YEARLY;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
    "FREQ=YEARLY;BYDAY=MO",
    "FREQ=YEARLY;BYDAY=1MO,-1FR",
    "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU",
    "FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1",
};
#define NRULES (sizeof rules / sizeof rules[0])
#define YEARS 10

static const grp_datetime dtstart = {2026, 1, 5, 9, 0, 0};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Date before the end of the window? (year, month, day only) */
static int before_end(int y, int m, int d)
{
    int ey = dtstart.year + YEARS;
    if (y != ey)
        return y < ey;
    if (m != dtstart.month)
        return m < dtstart.month;
    return d < dtstart.day;
}

static grp_rrule *grp_rules[NRULES];
static struct icalrecurrencetype ical_rules[NRULES];

static long expand_grp_all(void)
{
    long n = 0;
    for (size_t i = 0; i < NRULES; i++) {
        grp_rrule_iterator *it = NULL;
        grp_datetime occ;
        if (grp_rrule_iterator_new(&it, grp_rules[i], dtstart, NULL) != 0) {
            fprintf(stderr, "libgrp: %s\n", grp_error_last()->message);
            exit(1);
        }
        while (grp_rrule_iterator_next(&occ, it) == 0 && before_end(occ.year, occ.month, occ.day))
            n++;
        grp_rrule_iterator_free(it);
    }
    return n;
}

static struct icaltimetype ical_dt(grp_datetime d)
{
    struct icaltimetype t = icaltime_null_time();
    t.year = d.year;
    t.month = d.month;
    t.day = d.day;
    t.hour = d.hour;
    t.minute = d.minute;
    t.second = d.second;
    return t;
}

static long expand_ical_all(void)
{
    long n = 0;
    struct icaltimetype st = ical_dt(dtstart);
    for (size_t i = 0; i < NRULES; i++) {
        icalrecur_iterator *it = icalrecur_iterator_new(ical_rules[i], st);
        struct icaltimetype t;
        if (!it) {
            fprintf(stderr, "libical refused %s\n", rules[i]);
            exit(1);
        }
        for (;;) {
            t = icalrecur_iterator_next(it);
            if (icaltime_is_null_time(t) || !before_end(t.year, t.month, t.day))
                break;
            n++;
        }
        icalrecur_iterator_free(it);
    }
    return n;
}

/* Run fn repeatedly for at least `budget` seconds; returns seconds per run
 * and the occurrences of one run. */
static double measure(long (*fn)(void), double budget, long *occ_out, long *runs_out)
{
    long runs = 0, occ = 0;
    double t0 = now(), t;
    do {
        occ = fn();
        runs++;
        t = now() - t0;
    } while (t < budget);
    *occ_out = occ;
    *runs_out = runs;
    return t / (double)runs;
}

/* ---- seeking ------------------------------------------------------------- */

static double time_grp_seek(grp_rrule_iterator *it, grp_datetime target, grp_datetime *first,
                            double budget)
{
    long runs = 0;
    double t0 = now(), t;
    do {
        grp_rrule_iterator_seek(it, target);
        grp_rrule_iterator_next(first, it);
        runs++;
        t = now() - t0;
    } while (t < budget);
    return t / (double)runs;
}

/* libical 3.0 has icalrecur_iterator_set_start (not with COUNT). Returns
 * seconds per seek, or -1 if libical refuses. */
static double time_ical_seek(icalrecur_iterator *it, grp_datetime target, struct icaltimetype *first,
                             double budget)
{
    long runs = 0;
    double t0 = now(), t;
    do {
        if (!icalrecur_iterator_set_start(it, ical_dt(target)))
            return -1;
        *first = icalrecur_iterator_next(it);
        runs++;
        t = now() - t0;
    } while (t < budget);
    return t / (double)runs;
}

/* Walk from DTSTART to the first occurrence at or after target. */
static double time_walk(const grp_rrule *r, grp_datetime target, long *steps)
{
    grp_rrule_iterator *it = NULL;
    grp_datetime occ;
    double t0 = now();
    long n = 0;
    grp_rrule_iterator_new(&it, r, dtstart, NULL);
    while (grp_rrule_iterator_next(&occ, it) == 0) {
        n++;
        if (occ.year > target.year ||
            (occ.year == target.year && (occ.month > target.month ||
                                         (occ.month == target.month && occ.day >= target.day))))
            break;
    }
    grp_rrule_iterator_free(it);
    *steps = n;
    return now() - t0;
}

static void seek_report(const char *rule_text, double budget)
{
    static const grp_datetime targets[] = {
        {2027, 3, 1, 0, 0, 0}, {2500, 3, 1, 0, 0, 0}, {9000, 3, 1, 0, 0, 0}};
    grp_rrule *r = NULL;
    grp_rrule_iterator *it = NULL;
    struct icalrecurrencetype ir = icalrecurrencetype_from_string(rule_text);
    icalrecur_iterator *iit;
    int has_count;

    grp_rrule_parse(&r, rule_text);
    has_count = grp_rrule_count(r) != 0;
    grp_rrule_iterator_new(&it, r, dtstart, NULL);
    iit = icalrecur_iterator_new(ir, ical_dt(dtstart));
    printf("  %s from %04d-%02d-%02d\n", rule_text, dtstart.year, dtstart.month, dtstart.day);
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        grp_datetime first, tg = targets[i];
        struct icaltimetype ifirst = icaltime_null_time();
        double g = time_grp_seek(it, tg, &first, budget / 6);
        double c = time_ical_seek(iit, tg, &ifirst, budget / 6);
        long steps;
        double w = time_walk(r, tg, &steps);
        printf("    to %04d-%02d-%02d: libgrp seek %8.0f ns -> %04d-%02d-%02d | walk %ld occurrences %10.0f ns",
               tg.year, tg.month, tg.day, g * 1e9, first.year, first.month, first.day, steps,
               w * 1e9);
        if (c < 0)
            printf(" | libical set_start: refused%s\n",
                   has_count ? " (COUNT)" : " (past its year 2582 limit)");
        else
            printf(" | libical set_start %10.0f ns -> %04d-%02d-%02d\n", c * 1e9, ifirst.year,
                   ifirst.month, ifirst.day);
    }
    icalrecur_iterator_free(iit);
    grp_rrule_iterator_free(it);
    grp_rrule_free(r);
}

int main(int argc, char **argv)
{
    double budget = argc > 1 ? atof(argv[1]) : 1.0;
    long occ_grp, occ_ical, runs_grp, runs_ical;
    double t_grp, t_ical;

    if (budget <= 0)
        budget = 1.0;
    for (size_t i = 0; i < NRULES; i++) {
        if (grp_rrule_parse(&grp_rules[i], rules[i]) != 0) {
            fprintf(stderr, "libgrp: %s\n", grp_error_last()->message);
            return 1;
        }
        ical_rules[i] = icalrecurrencetype_from_string(rules[i]);
        if (ical_rules[i].freq == ICAL_NO_RECURRENCE) {
            fprintf(stderr, "libical cannot parse %s\n", rules[i]);
            return 1;
        }
    }

    printf("bench_rrule: %zu rules x %d years from %04d-%02d-%02dT%02d:%02d:%02d "
           "(libgrp %s, libical %s)\n",
           NRULES, YEARS, dtstart.year, dtstart.month, dtstart.day, dtstart.hour, dtstart.minute,
           dtstart.second, grp_version_string(), ICAL_VERSION);
    t_grp = measure(expand_grp_all, budget, &occ_grp, &runs_grp);
    t_ical = measure(expand_ical_all, budget, &occ_ical, &runs_ical);
    printf("expansion (iterator created, stepped to the end of the window, freed; per rule):\n");
    printf("  libgrp : %8ld occurrences per run, %5ld runs, %9.3f ms/run, %12.0f occurrences/s\n",
           occ_grp, runs_grp, t_grp * 1e3, (double)occ_grp / t_grp);
    printf("  libical: %8ld occurrences per run, %5ld runs, %9.3f ms/run, %12.0f occurrences/s\n",
           occ_ical, runs_ical, t_ical * 1e3, (double)occ_ical / t_ical);
    printf("  ratio libgrp/libical: %.1fx (project target: >= 20x)\n",
           ((double)occ_grp / t_grp) / ((double)occ_ical / t_ical));
    if (occ_grp != occ_ical) {
        printf("  ERROR: the libraries disagree on the number of occurrences\n");
        return 1;
    }

    printf("seek to the first occurrence at or after a date (time per seek + next):\n");
    seek_report("FREQ=WEEKLY;BYDAY=MO,WE,FR", budget);
    seek_report("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", budget);
    seek_report("FREQ=DAILY;COUNT=3000000", budget);

    for (size_t i = 0; i < NRULES; i++)
        grp_rrule_free(grp_rules[i]);
    icalmemory_free_ring();
    return 0;
}
