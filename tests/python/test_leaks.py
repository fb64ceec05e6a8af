"""Leak check: 100,000 create/read/free cycles and 10,000 raised exceptions
keep resident memory flat (within 5% after a warm-up).

Each cycle creates an organisation, a person and a stint inside a
transaction that is rolled back (so the store itself does not grow), reads
them back through every kind of call (get, list, properties, spec dicts,
dates), and drops them; every tenth cycle also loads a time zone and a rule
and expands it. A second loop does the same for the later modules
(goals, feedback, events and their callback, reminders, reports), with a
raising event callback and the access and suppression errors. Resident
memory is read from /proc/self/statm.
"""

import datetime
import gc
import os
import sys
import time
import unittest

import libgrp

CYCLES = 100_000
EXCEPTIONS = 10_000
WARMUP = 10_000
TOLERANCE = 1.05


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@unittest.skipUnless(os.path.exists("/proc/self/statm"), "needs /proc/self/statm")
class Leaks(unittest.TestCase):
    def setUp(self):
        self.store = libgrp.open(":memory:")
        self.org = self.store.create_org("Home")
        self.group = self.store.create_group(org=self.org, name="G", timezone="Europe/London", location="R",
                                             status=libgrp.GroupStatus.ACTIVE, eligible_roles=["adviser", "nurse"],
                                             allow_other_orgs=True)
        self.day = datetime.date(2026, 1, 6)

    def tearDown(self):
        self.store.close()

    def cycle(self, i):
        s = self.store
        s.begin()
        org = s.create_org("Leak Organisation", "ref")
        person = s.create_person(org, "Leak Person", job_role="adviser", email="leak@example.org")
        stint = s.join(self.group, person, self.day, reason="leak check")
        assert org.name == "Leak Organisation" and org.external_ref == "ref"
        assert person.display_name == "Leak Person" and person.email == "leak@example.org"
        assert stint.state == libgrp.MembershipState.ACTIVE and stint.began == self.day and stint.ended is None
        assert s.get_person(person.id).spec()["job_role"] == "adviser"
        group = s.get_group(self.group.id)
        assert group.eligible_roles == ("adviser", "nurse") and group.spec()["capacity"] == 8
        assert len(list(s.members(group, on=self.day))) == 1
        assert s.find_org("ref").id == org.id
        s.rollback()
        if i % 10 == 0:
            tz = libgrp.TimeZone("Europe/London")
            rule = libgrp.RRule("FREQ=MONTHLY;BYDAY=1TU;COUNT=3")
            assert len(list(rule.occurrences(datetime.datetime(2026, 1, 1, 14), tz=tz))) == 3
            assert str(rule) == "FREQ=MONTHLY;COUNT=3;BYDAY=1TU"
            assert tz.local_to_utc(datetime.datetime(2026, 7, 1, 12)).hour == 11

    def fail(self, i):
        s = self.store
        kind = i % 5
        try:
            if kind == 0:
                s.get_org(999_999)
            elif kind == 1:
                s.create_org("")
            elif kind == 2:
                libgrp.parse_date("2026-02-30")
            elif kind == 3:
                s.get_group("not an id")
            else:
                libgrp.RRule("FREQ=HOURLY")
        except (libgrp.Error, TypeError) as e:
            assert str(e)
        else:
            raise AssertionError("no exception")

    def measure(self, fn, warmup, count):
        for i in range(warmup):
            fn(i)
        gc.collect()
        before = rss()
        start = time.monotonic()
        for i in range(count):
            fn(i)
        gc.collect()
        after = rss()
        elapsed = time.monotonic() - start
        sys.stderr.write(f"\n  {fn.__name__}: {count} in {elapsed:.1f} s, resident {before / 1e6:.1f} MB -> "
                         f"{after / 1e6:.1f} MB ({(after / before - 1) * 100:+.2f}%)\n")
        return before, after

    def test_create_read_free_cycles(self):
        before, after = self.measure(self.cycle, WARMUP, CYCLES)
        self.assertLessEqual(after, before * TOLERANCE)

    def test_raised_exceptions(self):
        # the failing path, and a rule refusal built in C, 10,000 times
        self.store.join(self.group, self.store.create_person(self.org, "In", job_role="nurse"), self.day)
        before, after = self.measure(self.fail, 1000, EXCEPTIONS)
        self.assertLessEqual(after, before * TOLERANCE)
        person = self.store.create_person(self.org, "Again", job_role="nurse")
        self.store.join(self.group, person, self.day)

        def refuse(i):
            try:
                self.store.join(self.group, person, self.day)
            except libgrp.RuleError as e:
                assert e.rule == "already"

        before, after = self.measure(refuse, 1000, EXCEPTIONS)
        self.assertLessEqual(after, before * TOLERANCE)

    def test_confidential_calls_and_callbacks(self):
        """Goals, feedback, events (a callback that raises), reminders and reports, 8,000 times."""
        s = self.store
        members = [s.create_person(self.org, f"M{i}", job_role="adviser") for i in range(3)]
        for p in members:
            s.join(self.group, p, self.day)
        s.set_cadence(self.group, "FREQ=MONTHLY;BYDAY=1TU", self.day, datetime.time(14))
        utc = datetime.timezone.utc
        start, end = datetime.datetime(2026, 1, 1, tzinfo=utc), datetime.datetime(2026, 3, 1, tzinfo=utc)
        session = s.ensure_session(self.group, datetime.datetime(2026, 1, 6, 14))
        for p in members:
            s.record_attendance(session, p, libgrp.AttendanceStatus.PRESENT)
        s.submit_feedback(libgrp.Actor.person(members[0]), session, [5, 4, 3, 2], text="fine")
        owner = libgrp.Actor.person(members[0])
        other = libgrp.Actor.person(members[1])
        system = libgrp.Actor.system()
        delivered = []

        def callback(event):
            delivered.append(event.seq)
            raise ValueError("callback failure")  # reported, never raised

        s.set_event_callback(callback)
        old_hook = sys.unraisablehook
        sys.unraisablehook = lambda unraisable: None

        def cycle(i):
            s.begin()
            goal = s.create_goal(owner, owner=members[0], title="Leak goal", group=self.group,
                                 target_date=datetime.date(2026, 3, 1))
            s.add_goal_step(owner, goal, "Step", due=datetime.date(2026, 2, 1))
            s.add_goal_progress(owner, goal, self.day, 10, "note")
            assert s.goal(system, goal).steps[0].title == "Step"
            assert len(list(s.goal_progress(owner, goal))) == 1
            try:
                s.goal(other, goal)
            except libgrp.AccessDeniedError:
                pass
            s.rollback()
            try:
                s.feedback_summary(system, session=session)
            except libgrp.SuppressedError:
                pass
            assert next(s.feedback_responses(system, session)).ratings == [5, 4, 3, 2]
            assert len(list(s.events_since(system, max=5))) == 5
            assert len(list(s.reminders_sessions(start, end))) == 2
            report = s.report_attendance(system, self.group, start, end)
            assert len(report.rows()) == 4 and report.to_csv()
            if i % 10 == 0:  # a committed change: an event for the callback
                s.move_session(session, datetime.datetime(2026, 1, 6, 14 + i % 20 // 10))

        try:
            before, after = self.measure(cycle, 1000, 8_000)
        finally:
            sys.unraisablehook = old_hook
        self.assertGreaterEqual(len(delivered), 900)
        self.assertLessEqual(after, before * TOLERANCE)

    def test_the_check_can_fail(self):
        """The measurement sees a real leak: 10,000 objects kept alive."""
        kept = []
        before = rss()
        for _ in range(10_000):
            kept.append(self.store.get_group(self.group.id))
            kept.append(bytearray(200))
        self.assertGreater(rss(), before * TOLERANCE)
        del kept


if __name__ == "__main__":
    unittest.main()
