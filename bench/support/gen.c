/* bench/support/gen.c: see gen.h. Only the public API is used, as an
 * application loading its history would use it. */
#include "gen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PEOPLE_PER_ORG 100
#define MONTHS 120 /* 2016-01 .. 2025-12 */
#define FIRST_YEAR 2016
#define MAX_SEATS 8

static const char *const rules[] = {"FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=1WE", "FREQ=MONTHLY;BYDAY=3TH",
                                    "FREQ=MONTHLY;BYMONTHDAY=15"};
static const char *const zones[] = {"Europe/London", "Europe/Paris", "America/New_York", "Australia/Sydney"};
static const char *const roles[] = {"Nurse", "Social worker", "Psychologist", "Therapist", "Doctor"};

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t next_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int uniform(uint64_t *state, int n)
{
    return (int)(next_rand(state) % (uint64_t)n);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static grp_date month_date(int m)
{
    return grp_date_make(FIRST_YEAR + m / 12, 1 + m % 12, 1);
}

double bench_gen_scale_for_rows(long rows)
{
    return rows / 1000000.0;
}

/* One member stint as planned: months [start, end), end = -1 for open. */
typedef struct stint {
    int seat, start, end;
    grp_id person;
    grp_id goal;
} stint;

typedef struct plan {
    stint v[MAX_SEATS * 16];
    int n;
} plan;

static void plan_group(plan *p, uint64_t *rng)
{
    int seats = 2 + uniform(rng, MAX_SEATS - 1); /* 2..8 */
    p->n = 0;
    for (int seat = 0; seat < seats; seat++) {
        int t = uniform(rng, 6);
        while (t < MONTHS && p->n < (int)(sizeof p->v / sizeof p->v[0])) {
            int len = 12 + uniform(rng, 49); /* one to five years */
            stint *s = &p->v[p->n++];
            s->seat = seat;
            s->start = t;
            s->end = t + len < MONTHS ? t + len : -1;
            s->person = 0;
            s->goal = 0;
            if (s->end < 0)
                break;
            t = s->end + uniform(rng, 37); /* the seat stays empty up to three years */
        }
    }
}

/* A membership change: a join or a leave at the start of a month. */
typedef struct change {
    int month, leave, stint;
} change;

static int by_month(const void *a, const void *b)
{
    const change *x = a, *y = b;
    if (x->month != y->month)
        return x->month - y->month;
    if (x->leave != y->leave)
        return y->leave - x->leave; /* leaves first: the seat is free that day */
    return x->stint - y->stint;
}

#define TRY(call) do { if ((rc = (call)) < 0) goto done; } while (0)

/* Join someone from the organisation's pool, trying the next person when the
 * chosen one is already in the group. */
static int join_from_pool(grp_id *out, grp_store *s, grp_id group, const grp_id *pool, int first, grp_date d,
                          grp_member_role role)
{
    grp_join_options jo = GRP_JOIN_OPTIONS_INIT;
    int rc = GRP_ERROR;
    jo.role = role;
    for (int k = 0; k < PEOPLE_PER_ORG; k++) {
        grp_id person = pool[(first + k) % PEOPLE_PER_ORG];
        rc = grp_member_join(NULL, s, group, person, d, &jo);
        if (rc == GRP_OK) {
            *out = person;
            return rc;
        }
        if (rc != GRP_ERULE_ALREADY && rc != GRP_EINVAL)
            return rc;
    }
    return rc;
}

static grp_attendance_status draw_status(uint64_t *rng)
{
    int r = uniform(rng, 100);
    return r < 72 ? GRP_ATTEND_PRESENT
         : r < 78 ? GRP_ATTEND_LATE
         : r < 82 ? GRP_ATTEND_LEFT_EARLY
         : r < 92 ? GRP_ATTEND_APOLOGIES
                  : GRP_ATTEND_ABSENT;
}

static int active_in(const stint *st, int m)
{
    return st->start <= m && (st->end < 0 || m < st->end);
}

/* One group: settings, cadence, facilitator, member stints, sessions with
 * attendance and feedback, and a goal per stint with steps and progress. */
static int build_group(grp_store *s, long gi, grp_id org, const grp_id *pool, int local, unsigned seed,
                       bench_gen_stats *st)
{
    uint64_t rng = ((uint64_t)seed << 32) ^ (uint64_t)gi * 0x2545F4914F6CDD1Dull;
    grp_actor system = grp_actor_system();
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_group *g = NULL;
    grp_session_iterator *it = NULL;
    grp_session *x = NULL;
    grp_time from, to;
    plan p;
    change ch[sizeof p.v / sizeof p.v[0] * 2];
    int nch = 0, rc;
    char name[64];
    grp_id facilitator = 0, gid;

    snprintf(name, sizeof name, "Group %ld", gi + 1);
    gs.org_id = org;
    gs.name = name;
    gs.kind = (grp_group_kind)(gi % 3);
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room 1";
    gs.timezone = zones[gi % 4];
    TRY(grp_group_create(&g, s, &gs));
    gid = grp_group_id(g);
    st->groups++;
    cs.rrule = rules[gi % 4];
    cs.first_date = grp_date_make(FIRST_YEAR, 1, 1);
    cs.start_hour = 9 + (int)(gi % 8);
    TRY(grp_cadence_set(NULL, s, gid, &cs));
    TRY(join_from_pool(&facilitator, s, gid, pool, local * 7, month_date(0), GRP_ROLE_FACILITATOR));

    plan_group(&p, &rng);
    for (int i = 0; i < p.n; i++) {
        ch[nch++] = (change){p.v[i].start, 0, i};
        if (p.v[i].end >= 0)
            ch[nch++] = (change){p.v[i].end, 1, i};
    }
    qsort(ch, (size_t)nch, sizeof ch[0], by_month);
    for (int i = 0; i < nch; i++) {
        stint *m = &p.v[ch[i].stint];
        if (ch[i].leave)
            TRY(grp_member_leave(NULL, s, gid, m->person, month_date(ch[i].month), NULL));
        else {
            TRY(join_from_pool(&m->person, s, gid, pool, local * 8 + m->seat + 8 * ch[i].stint, month_date(m->start),
                               GRP_ROLE_MEMBER));
            st->stints++;
        }
    }

    /* A goal for every stint, reviewed in the sessions below. */
    for (int i = 0; i < p.n; i++) {
        grp_goal_spec goal = GRP_GOAL_SPEC_INIT;
        stint *m = &p.v[i];
        goal.owner_id = m->person;
        goal.title = "Bring one case a quarter";
        goal.description = "Agreed at the first session";
        goal.group_id = gid;
        goal.visibility = (grp_visibility)(i % 3);
        int target = m->start + 12;
        if (target < MONTHS)
            goal.target_date = month_date(target);
        TRY(grp_goal_create(&m->goal, s, &system, &goal));
        TRY(grp_goal_step_add(NULL, s, &system, m->goal, "Choose a case", month_date(m->start + 1)));
        TRY(grp_goal_step_add(NULL, s, &system, m->goal, "Present it", goal.target_date));
        st->goals++;
        st->steps += 2;
    }

    TRY(grp_time_parse(&from, BENCH_GEN_FROM));
    TRY(grp_time_parse(&to, BENCH_GEN_TO));
    TRY(grp_session_iterator_new(&it, s, gid, from, to));
    while ((rc = grp_session_iterator_next(&x, it)) == GRP_OK) {
        grp_datetime occ = grp_session_occurrence(x);
        int month = (occ.year - FIRST_YEAR) * 12 + occ.month - 1;
        grp_id sid;
        char day[16];
        grp_session_free(x);
        x = NULL;
        TRY(grp_session_ensure(&sid, s, gid, occ));
        st->sessions++;
        if (uniform(&rng, 100) < 2) {
            TRY(grp_session_cancel(s, sid, "Facilitator unwell"));
            st->cancelled++;
            continue;
        }
        grp_date_format(day, sizeof day, grp_date_make(occ.year, occ.month, occ.day));
        for (int i = 0; i < p.n; i++) {
            const stint *m = &p.v[i];
            if (!active_in(m, month))
                continue;
            grp_attendance_status status = draw_status(&rng);
            int minutes = status == GRP_ATTEND_LATE ? 75 : status == GRP_ATTEND_LEFT_EARLY ? 60 : -1;
            TRY(grp_attendance_record(s, sid, m->person, status, minutes, facilitator));
            st->attendance++;
            if (status <= GRP_ATTEND_LEFT_EARLY && uniform(&rng, 10) == 0) {
                grp_feedback_submission sub = GRP_FEEDBACK_SUBMISSION_INIT;
                grp_actor me = grp_actor_person(m->person);
                int ratings[4];
                for (int k = 0; k < 4; k++)
                    ratings[k] = 3 + uniform(&rng, 3);
                sub.ratings = ratings;
                sub.rating_count = 4;
                sub.anonymous = uniform(&rng, 2);
                sub.text = uniform(&rng, 4) == 0 ? "A safe space to think about a hard week." : NULL;
                TRY(grp_feedback_submit(s, &me, sid, &sub));
                st->feedback++;
            }
            if ((month - m->start) % 6 == 5) {
                int percent = 10 * ((month - m->start) / 6 + 1);
                TRY(grp_goal_progress_add(NULL, s, &system, m->goal, grp_date_make(occ.year, occ.month, occ.day),
                                          percent > 100 ? 100 : percent, "Reviewed in the session", sid));
                st->progress++;
            }
        }
    }
    if (rc == GRP_ITEROVER)
        rc = GRP_OK;
done:
    grp_session_free(x);
    grp_session_iterator_free(it);
    grp_group_free(g);
    return rc;
}

int bench_gen_build(grp_store *s, const bench_gen_spec *spec, bench_gen_stats *st)
{
    bench_gen_spec defaults = BENCH_GEN_SPEC_INIT;
    grp_id *orgs = NULL, *people = NULL;
    double t0 = now();
    int rc;
    if (!spec)
        spec = &defaults;
    memset(st, 0, sizeof *st);
    long norgs = lround(200 * spec->scale), ngroups = lround(2500 * spec->scale);
    if (norgs < 1)
        norgs = 1;
    if (ngroups < 1)
        ngroups = 1;
    orgs = calloc((size_t)norgs, sizeof *orgs);
    people = calloc((size_t)(norgs * PEOPLE_PER_ORG), sizeof *people);
    if (!orgs || !people) {
        free(orgs);
        free(people);
        return GRP_ENOMEM;
    }
    if ((rc = grp_store_begin(s)) < 0)
        goto fail;
    for (long o = 0; o < norgs; o++) {
        grp_org *org;
        char name[64], ref[32];
        snprintf(name, sizeof name, "Trust %ld", o + 1);
        snprintf(ref, sizeof ref, "ORG-%05ld", o + 1);
        TRY(grp_org_create(&org, s, name, ref));
        orgs[o] = grp_org_id(org);
        grp_org_free(org);
        st->orgs++;
        for (int i = 0; i < PEOPLE_PER_ORG; i++) {
            grp_person_spec ps = GRP_PERSON_SPEC_INIT;
            grp_person *p;
            char dn[64], email[64], pref[32];
            long n = o * PEOPLE_PER_ORG + i + 1;
            snprintf(dn, sizeof dn, "Person %ld", n);
            snprintf(email, sizeof email, "person%ld@example.org", n);
            snprintf(pref, sizeof pref, "EMP-%06ld", n);
            ps.org_id = orgs[o];
            ps.display_name = dn;
            ps.job_role = roles[n % 5];
            ps.email = email;
            ps.external_ref = pref;
            TRY(grp_person_create(&p, s, &ps));
            people[o * PEOPLE_PER_ORG + i] = grp_person_id(p);
            grp_person_free(p);
            st->people++;
        }
    }
    for (long gi = 0; gi < ngroups; gi++) {
        long o = gi % norgs;
        TRY(build_group(s, gi, orgs[o], people + o * PEOPLE_PER_ORG, (int)(gi / norgs), spec->seed, st));
        if (spec->progress && (gi + 1) % (ngroups / 10 ? ngroups / 10 : 1) == 0)
            fprintf(stderr, "  generated %ld of %ld groups, %ld attendance rows, %.0f s\n", gi + 1, ngroups,
                    st->attendance, now() - t0);
    }
    TRY(grp_store_commit(s));
    st->sample_org = orgs[0];
    st->sample_group = 0;
    rc = bench_gen_describe(s, st);
    goto out;
done:
fail:
    if (grp_store_transaction_depth(s) > 0) {
        char *msg = strdup(grp_error_last()->message);
        grp_store_rollback(s);
        fprintf(stderr, "bench_gen_build: %s\n", msg ? msg : "?");
        free(msg);
    }
out:
    st->seconds = now() - t0;
    free(orgs);
    free(people);
    return rc;
}

int bench_gen_describe(grp_store *s, bench_gen_stats *st)
{
    grp_org_iterator *oi = NULL;
    grp_group_iterator *gi = NULL;
    grp_org *o = NULL;
    grp_group *g = NULL;
    int rc;
    if ((rc = grp_org_iterator_new(&oi, s, 0)) < 0 || (rc = grp_org_iterator_next(&o, oi)) < 0)
        goto done;
    st->sample_org = grp_org_id(o);
    if ((rc = grp_group_iterator_new(&gi, s, st->sample_org, 0)) < 0 || (rc = grp_group_iterator_next(&g, gi)) < 0)
        goto done;
    st->sample_group = grp_group_id(g);
done:
    grp_group_free(g);
    grp_org_free(o);
    grp_group_iterator_free(gi);
    grp_org_iterator_free(oi);
    return rc < 0 ? rc : GRP_OK;
}
