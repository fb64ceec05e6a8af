#!/usr/bin/env python3
"""Scheduling with libgrp: a group that meets on the first Tuesday of every
month at 14:00 London time; its next six sessions (local time and UTC), one
cancelled and one moved, a presenter rota, and the schedule written as an
iCalendar file that a calendar program can import or subscribe to.

Run it with the package on the path, e.g. from a build tree:

    PYTHONPATH=build/bindings/python/site python3 examples/python/schedule.py [store.db] [schedule.ics]

The store defaults to schedule.db and the calendar to schedule.ics in the
current directory; the store is created afresh on every run. The dates are
fixed (from 1 December 2026) so that the output is the same every time.
"""

import datetime
import os
import sys

import libgrp

UTC = datetime.timezone.utc


def print_sessions(store: libgrp.Store, group: libgrp.Group, start: datetime.datetime, count: int) -> None:
    # A year ahead is plenty for six monthly sessions; stop after `count`.
    sessions = store.sessions(group, start, start + datetime.timedelta(days=366))
    for _, session in zip(range(count), sessions):
        presenter = store.presenter(session) if session.id else None
        who = f"  presenter: {store.get_person(presenter).display_name}" if presenter else ""
        print(f"  {session.start_local:%a %d %b %Y %H:%M} {session.timezone}"
              f" ({session.start:%H:%M} UTC)  {session.status:<9} {'moved ' if session.moved else ''}"
              f"{session.location}{who}")


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "schedule.db"
    ics_path = sys.argv[2] if len(sys.argv) > 2 else "schedule.ics"
    for suffix in ("", "-wal", "-shm"):  # start from an empty store
        if os.path.exists(path + suffix):
            os.remove(path + suffix)

    with libgrp.open(path) as store:
        org = store.create_org("Northfield University")
        group = store.create_group(org=org, name="Student support GRP", timezone="Europe/London",
                                   location="Room 2.14, Student Centre", status=libgrp.GroupStatus.ACTIVE)
        for name in ("Asha Patel", "Ben Carter", "Chen Wei"):
            store.join(group, store.create_person(org, name), datetime.date(2026, 11, 1))

        # The first Tuesday of every month, 14:00 local time, 90 minutes.
        cadence = store.set_cadence(group, "FREQ=MONTHLY;BYDAY=1TU", datetime.date(2026, 12, 1),
                                    datetime.time(14, 0), duration_minutes=90)
        print(f"Cadence of {group.name!r}: {cadence.rrule} at {cadence.start_time:%H:%M} {cadence.timezone}, "
              f"{cadence.duration} minutes")

        start = datetime.datetime(2026, 12, 1, tzinfo=UTC)
        print("Next six sessions:")
        print_sessions(store, group, start, 6)

        # February is cancelled, March moves a week later in the morning.
        sessions = list(store.sessions(group, start, start + datetime.timedelta(days=120)))
        february, march = sessions[2], sessions[3]
        store.cancel_session(february, reason="reading week")
        store.move_session(march, datetime.datetime(2027, 3, 9, 10, 0))
        # Presenters by the rota rule: who presented least recently goes next.
        assigned = store.rota_plan(group, start, start + datetime.timedelta(days=190))
        print(f"After cancelling February and moving March ({assigned} presenters assigned):")
        print_sessions(store, group, start, 6)

        after = datetime.datetime(2027, 2, 1, tzinfo=UTC)
        upcoming = store.next_session(group, after)
        print(f"The next session after {after:%d %B %Y} is on {upcoming.start_local:%d %B at %H:%M}")

        # A fixed DTSTAMP keeps the file identical from run to run.
        store.export_ical_to_file(group, ics_path, dtstamp=start, uid_domain="northfield.example.ac.uk")
        with open(ics_path, newline="") as f:
            events = f.read().count("BEGIN:VEVENT")
        print(f"Wrote {ics_path} ({events} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
