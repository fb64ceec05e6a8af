#!/usr/bin/env python3
"""Read the store the C demo wrote (demo.db) and print its headline figures
through the Python package: attendance per group, supervision hours per
person, goal progress, and the themes each organisation was told about.

    scripts/demo                                  # writes demo.db, then runs this
    python3 examples/python/demo_summary.py [demo.db]

Every figure comes from the library's reports, read as the person entitled
to it: attendance as the organisation's administrator, a supervisee's hours
as that supervisee, goals as the group's facilitator (so private goals stay
private). The store is opened read-only. Exits 1 if the store does not hold
the demo's three groups.
"""

import datetime
import sys
from typing import Dict, List, Optional

import libgrp
from libgrp import Actor

YEAR = 2026
START = datetime.datetime(YEAR, 1, 1, tzinfo=datetime.timezone.utc)
END = datetime.datetime(YEAR + 1, 1, 1, tzinfo=datetime.timezone.utc)
YEAR_END = datetime.date(YEAR, 12, 31)


def percent(rate: Optional[float]) -> str:
    return "-" if rate is None else f"{100 * rate:.0f}%"


def hours(minutes: Optional[int]) -> str:
    minutes = minutes or 0
    return f"{minutes // 60}h{minutes % 60:02d}"


def admin_of(store: libgrp.Store, org: libgrp.Organisation) -> libgrp.Person:
    """The first person who administers ``org``."""
    return next(p for p in store.people(org) if store.is_org_admin(org, p))


def facilitator_of(store: libgrp.Store, group: libgrp.Group) -> libgrp.Person:
    stint = next(iter(store.members(group, on=YEAR_END, roles=[libgrp.MemberRole.FACILITATOR])))
    return store.get_person(stint.person_id)


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "demo.db"
    with libgrp.open(path, readonly=True) as store:
        groups = list(store.groups())
        if len(groups) != 3:
            print(f"{path}: expected the demo's three groups, found {len(groups)}", file=sys.stderr)
            return 1
        orgs = {org.id: org for org in store.orgs()}
        print(f"{path}: {len(orgs)} organisations, {sum(1 for _ in store.people())} people, {len(groups)} groups")

        print(f"\nAttendance in {YEAR}, as each organisation's administrator reads it")
        for group in groups:
            admin = admin_of(store, orgs[group.org_id])
            report = store.report_attendance(Actor.person(admin), group, START, END)
            whole = next(row for row in report if row["row_type"] == "group")
            members: List[str] = [f"{row['person'].split()[0]} {percent(row['attendance_rate'])}"
                                  for row in report if row["row_type"] == "member"]
            print(f"  {group.name}: {percent(whole['attendance_rate'])} "
                  f"({whole['attended']} of {whole['expected'] - whole['not_recorded']} recorded)")
            print("    " + ", ".join(members))

        print(f"\nSupervision hours in {YEAR}, each from the supervisee's own log")
        supervisees: Dict[int, libgrp.Person] = {}
        for group in groups:
            if group.kind != libgrp.GroupKind.REFLECTIVE_PRACTICE:
                for stint in store.history(group=group, roles=[libgrp.MemberRole.MEMBER]):
                    supervisees.setdefault(stint.person_id, store.get_person(stint.person_id))
        for person in sorted(supervisees.values(), key=lambda p: p.id):
            report = store.report_hours(Actor.person(person), person, datetime.date(YEAR, 1, 1), YEAR_END)
            total = next(row for row in report if row["row_type"] == "total" and row["kind"] is None)
            print(f"  {person.display_name:18} credited {hours(total['credited']):>7}, "
                  f"signed off {hours(total['credited_signed']):>7}")

        print(f"\nGoals at the end of {YEAR}, as each group's facilitator reads them")
        for group in groups:
            facilitator = facilitator_of(store, group)
            for row in store.report_goals(Actor.person(facilitator), group, as_of=YEAR_END):
                done = f"steps {row['steps_done']}/{row['steps_total']}"
                late = "  OVERDUE" if row["overdue"] else ""
                print(f"  {row['owner']:16} {row['title']:50} {row['status']:9} "
                      f"{row['percent'] or 0:3d}%  {done}{late}")

        print("\nThemes raised to each organisation, as its administrator reads them")
        for org in orgs.values():
            admin = admin_of(store, org)
            for theme in store.themes(Actor.person(admin), org=org):
                print(f"  {org.name}: \"{theme.title}\" [{theme.status}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
