"""Supervision hours (rules, the log, sign-off, corrections, totals), the
case-presenter rota and the iCalendar export."""

import datetime
import os
import stat
import unittest

import libgrp
from libgrp import HoursKind, HoursMode
from pysupport import D, GroupTest, TempDirTest, utc

A = libgrp.AttendanceStatus


class Credit(unittest.TestCase):
    def test_modes(self):
        credit = libgrp.Store.credit
        self.assertEqual(credit(HoursMode.FULL, 90, 5), libgrp.HoursCredit(90, HoursKind.GROUP))
        self.assertEqual(credit(HoursMode.FULL, 90, 1), (90, HoursKind.INDIVIDUAL))  # one attendee: individual
        self.assertEqual(credit(HoursMode.INDIVIDUAL, 90, 4), (90, HoursKind.INDIVIDUAL))
        self.assertEqual(credit(HoursMode.BACP, 90, 1), (90, HoursKind.INDIVIDUAL))
        self.assertEqual(credit(HoursMode.BACP, 90, 4), (45, HoursKind.GROUP))  # four or fewer: half
        self.assertEqual(credit(HoursMode.BACP, 90, 5), (18, HoursKind.GROUP))  # five or more: divided
        self.assertEqual(credit(HoursMode.BACP, 91, 2), (46, HoursKind.GROUP))  # 45.5 rounds half up
        self.assertEqual(credit(libgrp.HoursRule(HoursMode.RATIO, 2, 3), 90, 3), (60, HoursKind.GROUP))
        result = credit(HoursMode.RATIO, 0, 3)
        self.assertIsInstance(result.kind, HoursKind)
        self.assertEqual(result.credited, 0)
        self.assertEqual(str(HoursMode.BACP), "bacp")
        self.assertEqual(str(HoursKind.INDIVIDUAL), "individual")

    def test_invalid(self):
        credit = libgrp.Store.credit
        for args in [(HoursMode.FULL, -1, 3), (HoursMode.FULL, 90, 0), (libgrp.HoursRule(HoursMode.RATIO, 0, 1), 90, 3),
                     (libgrp.HoursRule(HoursMode.RATIO, 1, 1001), 90, 3), (99, 90, 3)]:
            with self.subTest(args=args):
                with self.assertRaises(libgrp.InvalidError):
                    credit(*args)
        with self.assertRaises(TypeError):
            credit("full", 90, 3)
        with self.assertRaises(TypeError):
            credit(HoursMode.FULL, 90.0, 3)


class Hours(GroupTest):
    def setUp(self):
        super().setUp()
        self.jan = self.sessions[0]
        asha, ben, chen = self.people[:3]
        self.store.record_attendance(self.jan, asha, A.PRESENT)
        self.store.record_attendance(self.jan, ben, A.LATE, 60)
        self.store.record_attendance(self.jan, chen, A.ABSENT)

    def entry(self, person):
        entries = list(self.store.hours(person))
        self.assertEqual(len(entries), 1)
        return entries[0]

    def test_rule(self):
        s = self.store
        self.assertEqual(s.hours_rule(self.group), libgrp.HoursRule(HoursMode.FULL, 1, 1))
        self.assertEqual(s.hours_rule(self.group).mode, HoursMode.FULL)
        self.assertEqual((self.entry(self.people[0]).credited, self.entry(self.people[1]).credited), (90, 60))
        s.set_hours_rule(self.group, HoursMode.BACP)  # unsigned entries follow the new rule
        self.assertEqual(s.hours_rule(self.group), (HoursMode.BACP, 1, 1))
        self.assertEqual((self.entry(self.people[0]).credited, self.entry(self.people[1]).credited), (45, 30))
        s.set_hours_rule(self.group, HoursMode.RATIO, ratio_num=1, ratio_den=3)
        self.assertEqual(s.hours_rule(self.group), (HoursMode.RATIO, 1, 3))
        self.assertEqual(self.entry(self.people[0]).credited, 30)
        other = s.create_group(org=self.org, name="Other", timezone="UTC", location="R")
        s.set_hours_rule(other, s.hours_rule(self.group))  # a rule round-trips
        self.assertEqual(s.hours_rule(other), (HoursMode.RATIO, 1, 3))
        with self.assertRaises(libgrp.InvalidError):
            s.set_hours_rule(self.group, HoursMode.RATIO, ratio_den=0)
        with self.assertRaises(libgrp.NotFoundError):
            s.hours_rule(999)
        with self.assertRaises(libgrp.NotFoundError):
            s.set_hours_rule(999, HoursMode.FULL)
        with self.assertRaises(TypeError):
            s.set_hours_rule(self.group, "bacp")

    def test_log(self):
        s = self.store
        e = self.entry(self.people[0])
        self.assertIsInstance(e, libgrp.HoursEntry)
        sid = s.ensure_session(self.group, self.jan.occurrence)
        self.assertEqual((e.person_id, e.group_id, e.session_id, e.date, e.kind, e.minutes, e.credited),
                         (self.people[0].id, self.group.id, sid, D(2026, 1, 6), HoursKind.GROUP, 90, 90))
        self.assertEqual((e.signed_by, e.signed_on, e.signed, e.corrects, e.note), (None, None, False, None, None))
        self.assertEqual(s.hours_entry(e.id), e)
        self.assertEqual(list(s.hours(self.people[2])), [])  # absent: no entry
        self.assertEqual(list(s.hours(self.people[0], D(2026, 1, 7))), [])
        self.assertEqual(len(list(s.hours(self.people[0], "2026-01-06", "2026-01-06"))), 1)
        self.assertEqual(list(s.hours(self.people[0], to=D(2026, 1, 5))), [])
        # re-recording attendance moves an unsigned entry
        s.record_attendance(self.jan, self.people[0], A.LEFT_EARLY, 30)
        self.assertEqual(self.entry(self.people[0]).minutes, 30)
        s.record_attendance(self.jan, self.people[0], A.APOLOGIES)
        self.assertEqual(list(s.hours(self.people[0])), [])
        with self.assertRaises(libgrp.NotFoundError):
            s.hours_entry(999)
        with self.assertRaises(libgrp.NotFoundError):
            list(s.hours(999))
        with self.assertRaises(libgrp.InvalidError):
            list(s.hours(self.people[0], D(2026, 2, 1), D(2026, 1, 1)))

    def test_sign_and_correct(self):
        s = self.store
        e = self.entry(self.people[0])
        with self.assertRaises(libgrp.StateError):  # unsigned entries follow attendance
            s.correct_hours(e, note="too early", minutes_delta=-5)
        with self.assertRaises(libgrp.AccessDeniedError):  # a member is not a facilitator
            s.sign_hours(e, self.people[1], D(2026, 1, 10))
        with self.assertRaises(libgrp.InvalidError):  # before the session
            s.sign_hours(e, self.fay, D(2026, 1, 5))
        s.sign_hours(e, self.fay, "2026-01-10")
        signed = s.hours_entry(e.id)
        self.assertEqual((signed.signed_by, signed.signed_on, signed.signed), (self.fay.id, D(2026, 1, 10), True))
        with self.assertRaises(libgrp.StateError):  # twice
            s.sign_hours(e, self.fay, D(2026, 1, 11))
        with self.assertRaises(libgrp.StateError):  # attendance is frozen once signed
            s.record_attendance(self.jan, self.people[0], A.ABSENT)
        fix = s.correct_hours(e, note="started 10 minutes late", minutes_delta=-10, credited_delta=-10)
        self.assertIsInstance(fix, libgrp.HoursEntry)
        self.assertEqual((fix.corrects, fix.note, fix.minutes, fix.credited, fix.signed, fix.date),
                         (e.id, "started 10 minutes late", -10, -10, False, D(2026, 1, 6)))
        with self.assertRaises(libgrp.StateError):  # correct the original instead
            s.correct_hours(fix, note="again", minutes_delta=1)
        with self.assertRaises(libgrp.InvalidError):
            s.correct_hours(e, note="nothing", minutes_delta=0, credited_delta=0)
        with self.assertRaises(libgrp.InvalidError):
            s.correct_hours(e, note="", minutes_delta=1)
        with self.assertRaises(libgrp.InvalidError):  # a total below zero
            s.correct_hours(e, note="too much", minutes_delta=-500)
        s.sign_hours(fix, self.fay, D(2026, 1, 12))
        totals = s.hours_totals(self.people[0])
        self.assertIsInstance(totals, libgrp.HoursTotals)
        self.assertEqual(totals, libgrp.HoursTotals(entries=2, minutes=80, credited=80, credited_signed=80,
                                                    individual=0, group=80))
        self.assertEqual(s.hours_totals(self.people[0], from_=D(2026, 2, 1)), (0, 0, 0, 0, 0, 0))
        self.assertEqual([x.id for x in s.hours(self.people[0])], [e.id, fix.id])
        with self.assertRaises(libgrp.NotFoundError):
            s.hours_totals(999)
        with self.assertRaises(libgrp.NotFoundError):
            s.sign_hours(999, self.fay, D(2026, 1, 10))


class Rota(GroupTest):
    def test_assign_suggest_swap_clear(self):
        s = self.store
        jan, feb, mar, apr = self.sessions
        asha, ben, chen, dara = self.people
        self.assertIsNone(s.presenter(jan))
        self.assertEqual(s.suggest_presenter(jan), asha.id)  # never presented, joined first, lowest id
        s.rota_assign(jan, asha)
        self.assertEqual(s.presenter(jan), asha.id)
        self.assertEqual(s.suggest_presenter(feb), ben.id)  # Asha presented most recently
        s.rota_assign(feb, chen)
        s.rota_swap(jan, feb)
        self.assertEqual((s.presenter(jan), s.presenter(feb)), (chen.id, asha.id))
        s.rota_swap(feb, mar)  # with "none"
        self.assertEqual((s.presenter(feb), s.presenter(mar)), (None, asha.id))
        s.rota_clear(mar)
        s.rota_clear(mar)  # no presenter: fine
        self.assertIsNone(s.presenter(mar))
        with self.assertRaises(libgrp.InvalidError):  # Dara is not a member
            s.rota_assign(apr, dara)
        s.record_attendance(apr, ben, A.APOLOGIES)
        with self.assertRaises(libgrp.InvalidError):  # apologies sent
            s.rota_assign(apr, ben)
        self.assertNotEqual(s.suggest_presenter(apr), ben.id)
        s.cancel_session(mar)
        with self.assertRaises(libgrp.StateError):
            s.rota_assign(mar, asha)
        other = s.create_group(org=self.org, name="Other", timezone="UTC", location="R",
                               status=libgrp.GroupStatus.ACTIVE)
        adhoc = s.add_session(other, datetime.datetime(2026, 1, 20, 10))
        self.assertIsNone(s.suggest_presenter(adhoc))  # nobody in that group
        with self.assertRaises(libgrp.InvalidError):  # sessions of two groups
            s.rota_swap(jan, adhoc)
        with self.assertRaises(libgrp.NotFoundError):
            s.presenter(999)
        with self.assertRaises(libgrp.NotFoundError):
            s.suggest_presenter(999)
        with self.assertRaises(libgrp.NotFoundError):
            s.rota_clear(999)

    def test_plan(self):
        s = self.store
        assigned = s.rota_plan(self.group, utc(2026, 1, 1), utc(2026, 5, 1))
        self.assertEqual(assigned, 4)
        presenters = [s.presenter(x) for x in self.sessions]
        self.assertEqual(presenters, [p.id for p in self.people[:3]] + [self.people[0].id])
        self.assertEqual(s.rota_plan(self.group, utc(2026, 1, 1), utc(2026, 5, 1)), 0)  # all have one
        with self.assertRaises(libgrp.NotFoundError):
            s.rota_plan(999, utc(2026, 1, 1), utc(2026, 5, 1))
        with self.assertRaises(ValueError):
            s.rota_plan(self.group, datetime.datetime(2026, 1, 1), utc(2026, 5, 1))  # naive


class ICal(GroupTest, TempDirTest):
    def setUp(self):
        GroupTest.setUp(self)
        TempDirTest.setUp(self)

    def tearDown(self):
        TempDirTest.tearDown(self)
        GroupTest.tearDown(self)

    def test_export(self):
        s = self.store
        jan, feb, mar, apr = self.sessions
        s.cancel_session(feb, "strike")
        s.move_session(mar, datetime.datetime(2026, 3, 4, 15, 0))
        stamp = utc(2026, 1, 2, 3, 4, 5)
        ics = s.export_ical(self.group, prodid="-//Northfield//GRP//EN", dtstamp=stamp, uid_domain="grp.example.org")
        self.assertIsInstance(ics, str)
        self.assertTrue(ics.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertTrue(ics.endswith("END:VCALENDAR\r\n"))
        lines = ics.split("\r\n")
        self.assertIn("PRODID:-//Northfield//GRP//EN", lines)
        self.assertIn("RRULE:FREQ=MONTHLY;BYDAY=1TU", lines)
        self.assertIn("DTSTAMP:20260102T030405Z", lines)
        self.assertIn("EXDATE;TZID=Europe/London:20260203T140000", lines)
        self.assertIn("RECURRENCE-ID;TZID=Europe/London:20260303T140000", lines)
        self.assertIn("DTSTART;TZID=Europe/London:20260304T150000", lines)
        self.assertIn("SUMMARY:Front-line GRP", lines)
        self.assertIn("TZID:Europe/London", lines)
        self.assertTrue(any(x.startswith("UID:") and x.endswith("@grp.example.org") for x in lines))
        # reproducible, and the defaults
        self.assertEqual(ics, s.export_ical(self.group, prodid="-//Northfield//GRP//EN", dtstamp=stamp,
                                            uid_domain="grp.example.org"))
        default = s.export_ical(self.group.id)
        self.assertIn(f"PRODID:-//libgrp//libgrp {libgrp.__version__}//EN", default.split("\r\n"))
        self.assertIn("@libgrp", default)
        empty = s.create_group(org=self.org, name="Empty", timezone="Asia/Tokyo", location="R")
        self.assertNotIn("BEGIN:VEVENT", s.export_ical(empty))
        with self.assertRaises(libgrp.InvalidError):
            s.export_ical(self.group, uid_domain="not a domain")
        with self.assertRaises(libgrp.InvalidError):
            s.export_ical(self.group, prodid="")
        with self.assertRaises(libgrp.NotFoundError):
            s.export_ical(999)
        with self.assertRaises(ValueError):
            s.export_ical(self.group, dtstamp=datetime.datetime(2026, 1, 1))  # naive

    def test_export_groups(self):
        s = self.store
        stamp = utc(2026, 1, 2)
        tokyo = s.create_group(org=self.org, name="Tokyo", timezone="Asia/Tokyo", location="R")
        s.add_session(tokyo, datetime.datetime(2026, 5, 1, 9, 0), 60)
        one = s.export_ical(self.group, dtstamp=stamp)
        self.assertEqual(s.export_ical_groups([self.group], dtstamp=stamp), one)
        both = s.export_ical_groups((self.group, tokyo.id), dtstamp=stamp)
        lines = both.split("\r\n")
        self.assertIn("X-WR-CALNAME:Front-line GRP\\, Tokyo", lines)
        self.assertIn("X-WR-TIMEZONE:Europe/London", lines)
        self.assertEqual([x for x in lines if x.startswith("TZID:")], ["TZID:Europe/London", "TZID:Asia/Tokyo"])
        self.assertIn("DTSTART;TZID=Asia/Tokyo:20260501T090000", lines)
        # each group's events as in its own export, in the order given
        events = lambda doc: doc[doc.index("BEGIN:VEVENT"):doc.index("END:VCALENDAR")]
        self.assertEqual(events(both), events(one) + events(s.export_ical(tokyo, dtstamp=stamp)))
        self.assertEqual(libgrp.ICAL_MAX_GROUPS, 1000)
        with self.assertRaises(libgrp.InvalidError):
            s.export_ical_groups([])
        with self.assertRaises(libgrp.InvalidError) as cm:
            s.export_ical_groups([self.group, self.group])
        self.assertIn("repeats group", str(cm.exception))
        with self.assertRaises(libgrp.NotFoundError):
            s.export_ical_groups([self.group, 999])
        with self.assertRaises(TypeError):
            s.export_ical_groups(self.group)  # not a list
        with self.assertRaises(TypeError):
            s.export_ical_groups(["1"])
        # the raw binding: None is NULL, so the C check answers
        with self.assertRaises(libgrp.InvalidError):
            s._call(libgrp._libgrp.grp_ical_export_groups, None, {})
        with self.assertRaises(TypeError):
            s._call(libgrp._libgrp.grp_ical_export_groups, 5, {})

    def test_export_to_file(self):
        s = self.store
        path = self.path("grp.ics")
        stamp = utc(2026, 1, 2)
        s.export_ical_to_file(self.group, path, dtstamp=stamp)
        with open(path, newline="") as f:
            self.assertEqual(f.read(), s.export_ical(self.group, dtstamp=stamp))
        import pathlib
        s.export_ical_to_file(self.group, pathlib.Path(self.tmp) / "again.ics")
        self.assertTrue(os.path.exists(self.path("again.ics")))
        with self.assertRaises(libgrp.StorageError):
            s.export_ical_to_file(self.group, self.path("no/such/dir.ics"))
        with self.assertRaises(libgrp.InvalidError):
            s.export_ical_to_file(self.group, "")
        with self.assertRaises(TypeError):
            s.export_ical_to_file(self.group, b"bytes.ics")
        if os.geteuid() != 0:
            locked = self.path("locked")
            os.mkdir(locked)
            os.chmod(locked, stat.S_IRUSR | stat.S_IXUSR)
            try:
                with self.assertRaises(libgrp.AccessDeniedError) as cm:
                    s.export_ical_to_file(self.group, os.path.join(locked, "x.ics"))
            finally:
                os.chmod(locked, stat.S_IRWXU)
        elif os.path.isdir("/sys/kernel"):  # root may write anywhere but in sysfs
            with self.assertRaises(libgrp.AccessDeniedError) as cm:
                s.export_ical_to_file(self.group, "/sys/kernel/libgrp-test.ics")
        else:
            self.skipTest("no directory that refuses root here")
        self.assertIsInstance(cm.exception, PermissionError)

if __name__ == "__main__":
    unittest.main()
