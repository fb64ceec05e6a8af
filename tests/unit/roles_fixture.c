/* The shared fixture of the confidentiality tests (see roles_fixture.h). */
#include "roles_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

grp_datetime DT(int y, int mo, int d, int h, int mi)
{
    grp_datetime dt = {y, mo, d, h, mi, 0};
    return dt;
}

grp_time T(const char *rfc3339)
{
    grp_time t = 0;
    if (grp_time_parse(&t, rfc3339) != 0)
        fail_msg("bad instant in test: %s", rfc3339);
    return t;
}

grp_id mk_org(grp_store *s, const char *name)
{
    grp_org *o;
    grp_assert_ok(grp_org_create(&o, s, name, NULL));
    grp_id id = grp_org_id(o);
    grp_org_free(o);
    return id;
}

grp_id mk_person(grp_store *s, grp_id org, const char *name)
{
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_person *p;
    ps.org_id = org;
    ps.display_name = name;
    grp_assert_ok(grp_person_create(&p, s, &ps));
    grp_id id = grp_person_id(p);
    grp_person_free(p);
    return id;
}

grp_id mk_group(grp_store *s, grp_id org, const char *name, int capacity)
{
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_cadence_spec c = GRP_CADENCE_SPEC_INIT;
    grp_group *g;
    gs.org_id = org;
    gs.name = name;
    gs.status = GRP_STATUS_ACTIVE;
    gs.capacity = capacity;
    gs.location = "Room 1";
    gs.timezone = "Europe/London";
    grp_assert_ok(grp_group_create(&g, s, &gs));
    grp_id id = grp_group_id(g);
    grp_group_free(g);
    c.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    c.first_date = D(2026, 1, 1);
    c.start_hour = 14;
    grp_assert_ok(grp_cadence_set(NULL, s, id, &c));
    return id;
}

void join(grp_store *s, grp_id group, grp_id person, grp_date on, grp_member_role role)
{
    grp_join_options o = GRP_JOIN_OPTIONS_INIT;
    o.role = role;
    grp_assert_ok(grp_member_join(NULL, s, group, person, on, &o));
}

grp_id ensure(grp_store *s, grp_id group, int y, int mo, int d)
{
    grp_id id = 0;
    grp_assert_ok(grp_session_ensure(&id, s, group, DT(y, mo, d, 14, 0)));
    return id;
}

void build(fx *f)
{
    f->org = mk_org(f->s, "Org");
    f->org2 = mk_org(f->s, "Other org");
    f->g = mk_group(f->s, f->org, "Group G", 30);
    f->h = mk_group(f->s, f->org, "Group H", 30);
    static const char *const names[] = {"M0", "M1", "M2", "M3"};
    for (int i = 0; i < 4; i++) {
        f->m[i] = mk_person(f->s, f->org, names[i]);
        join(f->s, f->g, f->m[i], D(2026, 1, 1), GRP_ROLE_MEMBER);
    }
    f->leaver = mk_person(f->s, f->org, "Leaver");
    join(f->s, f->g, f->leaver, D(2026, 1, 1), GRP_ROLE_MEMBER);
    grp_assert_ok(grp_member_leave(NULL, f->s, f->g, f->leaver, D(2026, 2, 10), NULL));
    f->joiner = mk_person(f->s, f->org, "Joiner");
    join(f->s, f->g, f->joiner, D(2026, 2, 10), GRP_ROLE_MEMBER);
    f->fac = mk_person(f->s, f->org, "Facilitator");
    join(f->s, f->g, f->fac, D(2026, 1, 1), GRP_ROLE_FACILITATOR);
    f->admin = mk_person(f->s, f->org, "Admin");
    grp_assert_ok(grp_org_admin_add(f->s, f->org, f->admin));
    f->stranger = mk_person(f->s, f->org, "Stranger");
    f->hmember = mk_person(f->s, f->org, "H member");
    join(f->s, f->h, f->hmember, D(2026, 1, 1), GRP_ROLE_MEMBER);
    f->hfac = mk_person(f->s, f->org, "H facilitator");
    join(f->s, f->h, f->hfac, D(2026, 1, 1), GRP_ROLE_FACILITATOR);
    f->outsider = mk_person(f->s, f->org2, "Outsider");
    f->admin2 = mk_person(f->s, f->org2, "Admin 2");
    grp_assert_ok(grp_org_admin_add(f->s, f->org2, f->admin2));
    f->s1 = ensure(f->s, f->g, 2026, 1, 6);
    f->s2 = ensure(f->s, f->g, 2026, 2, 3);
    f->s3 = ensure(f->s, f->g, 2026, 3, 3);
    f->hs1 = ensure(f->s, f->h, 2026, 1, 6);
}

int setup(void **state)
{
    static fx f;
    memset(&f, 0, sizeof f);
    if (grp_store_open(&f.s, ":memory:", NULL))
        return -1;
    build(&f);
    *state = &f;
    return 0;
}

/* The same people, in a store file of a fresh temporary directory. */
int setup_file(void **state)
{
    static fx f;
    memset(&f, 0, sizeof f);
    f.dir = grp_test_tmpdir();
    if (!f.dir)
        return -1;
    snprintf(f.path, sizeof f.path, "%s/store.grp", f.dir);
    if (grp_store_open(&f.s, f.path, NULL))
        return -1;
    build(&f);
    *state = &f;
    return 0;
}

int teardown(void **state)
{
    fx *f = *state;
    grp_store_close(f->s);
    if (f->dir) {
        grp_test_rmtree(f->dir);
        free(f->dir);
    }
    return 0;
}
