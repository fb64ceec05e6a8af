/* A store with one organisation (and a second one), two groups and people
 * in every role the access table distinguishes, shared by the
 * confidentiality test programs (feedback, goals, notes, audit). */
#ifndef GRP_TEST_ROLES_FIXTURE_H
#define GRP_TEST_ROLES_FIXTURE_H

#include "support.h"

/* One organisation with two groups, and people in every role the access
 * table knows. Group g meets monthly (first Tuesday, 14:00 London). */
typedef struct fx {
    grp_store *s;
    char *dir;
    char path[4096];
    grp_id org, org2, g, h;
    grp_id m[4];     /* members of g from 2026-01-01 */
    grp_id leaver;   /* member of g 2026-01-01 .. 2026-02-10 */
    grp_id joiner;   /* member of g from 2026-02-10 */
    grp_id fac;      /* facilitator of g */
    grp_id admin;    /* administers org */
    grp_id stranger; /* of org, in no group */
    grp_id hmember;  /* member of h only */
    grp_id hfac;     /* facilitator of h only */
    grp_id outsider; /* of org2 */
    grp_id admin2;   /* administers org2 */
    grp_id s1, s2, s3; /* stored sessions of g: 2026-01-06, 02-03, 03-03 */
    grp_id hs1;        /* stored session of h: 2026-01-06 */
} fx;

grp_datetime DT(int y, int mo, int d, int h, int mi);
grp_time T(const char *rfc3339);
grp_id mk_org(grp_store *s, const char *name);
grp_id mk_person(grp_store *s, grp_id org, const char *name);
grp_id mk_group(grp_store *s, grp_id org, const char *name, int capacity);
void join(grp_store *s, grp_id group, grp_id person, grp_date on, grp_member_role role);
grp_id ensure(grp_store *s, grp_id group, int y, int mo, int d);
void build(fx *f);
int setup(void **state);
int setup_file(void **state);
int teardown(void **state);

#endif
