#!/usr/bin/env python3
"""A first libgrp script: an organisation, four people, a group of three,
joiners and a leaver, and the roster on two dates.

Run it with the package on the path, e.g. from a build tree:

    PYTHONPATH=build/bindings/python/site python3 examples/python/roster.py [store.db]

The store file defaults to roster.db in the current directory; it is
created afresh on every run.
"""

import datetime
import os
import sys

import libgrp


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "roster.db"
    for suffix in ("", "-wal", "-shm"):  # start from an empty store
        if os.path.exists(path + suffix):
            os.remove(path + suffix)

    print(f"libgrp {libgrp.__version__}, store {path}")
    with libgrp.open(path) as store:
        org = store.create_org("Northfield University", external_ref="NU")
        group = store.create_group(
            org=org,
            name="Front-line GRP",
            timezone="Europe/London",
            location="Room 2.14",
            status=libgrp.GroupStatus.ACTIVE,
            capacity=3,
            capacity_policy=libgrp.CapacityPolicy.WAITLIST,
        )
        print(f"Created {group.name!r}: capacity {group.capacity}, {group.capacity_policy} policy")

        facilitator = store.create_person(org, "Dr Mina Okafor", job_role="psychologist")
        people = [store.create_person(org, name, job_role="student support adviser")
                  for name in ("Asha Patel", "Ben Carter", "Chen Wei", "Dara Byrne")]

        # Everyone asks to join on 6 January: the fourth member is waitlisted,
        # the facilitator does not take a seat.
        store.join(group, facilitator, datetime.date(2026, 1, 6), role=libgrp.MemberRole.FACILITATOR)
        for person in people:
            stint = store.join(group, person, datetime.date(2026, 1, 6))
            print(f"  {person.display_name} joins: {stint.state}")

        # A join the rules refuse raises RuleError, naming the rule.
        try:
            store.join(group, people[0], datetime.date(2026, 1, 20))
        except libgrp.RuleError as refusal:
            print(f"  Refused ({refusal.rule}): {refusal}")

        # Asha leaves on 1 February; her seat goes to the waitlist that day.
        promoted = store.leave(group, people[0], datetime.date(2026, 2, 1), reason="moved team")
        print(f"  Asha Patel leaves on 2026-02-01; {promoted} promoted from the waitlist")

        for day in (datetime.date(2026, 1, 13), datetime.date(2026, 3, 3)):
            print(f"Roster on {day}:")
            for stint in store.members(group, on=day):
                person = store.get_person(stint.person_id)
                print(f"  {person.display_name:<16} {stint.role:<12} since {stint.began}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
