"""Dates, local times, instants, time zones and recurrence rules."""

import datetime
import unittest

import libgrp
from pysupport import D, DT, UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


class Dates(unittest.TestCase):
    def test_parse_and_format(self):
        self.assertEqual(libgrp.parse_date("2026-01-06"), D(2026, 1, 6))
        self.assertEqual(libgrp.format_date(D(5, 1, 2)), "0005-01-02")
        self.assertEqual(libgrp.format_date("2026-12-31"), "2026-12-31")
        self.assertEqual(libgrp.parse_datetime("2026-01-06 14:00"), DT(2026, 1, 6, 14, 0))
        self.assertEqual(libgrp.parse_datetime("2026-01-06T14:00:05"), DT(2026, 1, 6, 14, 0, 5))
        self.assertEqual(libgrp.format_datetime(DT(2026, 1, 6, 14)), "2026-01-06T14:00:00")
        self.assertEqual(libgrp.parse_instant("2026-01-06T14:00:00+01:00"), utc(2026, 1, 6, 13))
        plus5 = datetime.timezone(datetime.timedelta(hours=-5))
        self.assertEqual(libgrp.format_instant(datetime.datetime(2026, 1, 6, 14, tzinfo=plus5)),
                         "2026-01-06T19:00:00Z")
        for bad in ("2026-02-30", "2026-1-6", "06/01/2026", "", "2026-01-06x"):
            with self.subTest(text=bad), self.assertRaises(libgrp.ParseError):
                libgrp.parse_date(bad)
        with self.assertRaises(libgrp.ParseError):
            libgrp.parse_instant("2026-01-06T14:00:00.5Z")  # fractions are refused
        with self.assertRaises(libgrp.ParseError):
            libgrp.parse_datetime("2026-01-06T25:00")

    def test_helpers(self):
        self.assertEqual(libgrp.weekday(D(2026, 1, 6)), libgrp.Weekday.TUESDAY)
        self.assertEqual(str(libgrp.weekday("2026-01-11")), "sunday")
        self.assertEqual(libgrp.days_in_month(2024, 2), 29)
        self.assertEqual(libgrp.days_in_month(2026, 2), 28)
        with self.assertRaises(libgrp.InvalidError):
            libgrp.days_in_month(2026, 13)
        self.assertEqual(libgrp.add_days("2026-01-31", 1), D(2026, 2, 1))
        self.assertEqual(libgrp.add_days(D(2026, 3, 1), -1), D(2026, 2, 28))
        with self.assertRaises(libgrp.InvalidError):
            libgrp.add_days(D(1, 1, 1), -1)
        self.assertEqual(libgrp.days_between(D(2026, 1, 1), D(2027, 1, 1)), 365)
        self.assertEqual(libgrp.days_between("2026-01-02", "2026-01-01"), -1)
        self.assertTrue(libgrp.is_valid_date(2024, 2, 29))
        self.assertFalse(libgrp.is_valid_date(2026, 2, 29))
        self.assertFalse(libgrp.is_valid_date(0, 1, 1))
        self.assertFalse(libgrp.is_valid_date(10000, 1, 1))
        self.assertTrue(libgrp.is_valid_datetime(2026, 1, 1, 23, 59, 59))
        self.assertFalse(libgrp.is_valid_datetime(2026, 1, 1, 24))
        self.assertEqual(libgrp.today_utc(), datetime.datetime.now(UTC).date())
        now = libgrp.now()
        self.assertEqual(now.tzinfo, UTC)
        self.assertLess(abs((datetime.datetime.now(UTC) - now).total_seconds()), 5)

    def test_instants_need_a_zone(self):
        with self.assertRaises(ValueError):
            libgrp.format_instant(DT(2026, 1, 1))  # naive
        with self.assertRaises(TypeError):
            libgrp.format_instant(D(2026, 1, 1))
        with self.assertRaises(TypeError):
            libgrp.weekday(DT(2026, 1, 1))  # a datetime is not a date here
        with self.assertRaises(ValueError):
            libgrp.format_datetime(utc(2026, 1, 1))  # a local time has no zone


class TimeZones(unittest.TestCase):
    def setUp(self):
        self.london = libgrp.TimeZone("Europe/London")

    def test_conversions(self):
        self.assertEqual(self.london.name, "Europe/London")
        self.assertEqual(repr(self.london), "TimeZone('Europe/London')")
        self.assertEqual(self.london, libgrp.TimeZone("Europe/London"))
        self.assertNotEqual(self.london, libgrp.TimeZone("UTC"))
        self.assertEqual(self.london.local_to_utc(DT(2026, 7, 1, 12, 0)), utc(2026, 7, 1, 11))
        self.assertEqual(self.london.local_to_utc("2026-01-01T12:00"), utc(2026, 1, 1, 12))
        # a gap moves forward by its length; an overlap takes the first
        self.assertEqual(self.london.local_to_utc(DT(2026, 3, 29, 1, 30)), utc(2026, 3, 29, 1, 30))
        self.assertEqual(self.london.local_to_utc(DT(2026, 10, 25, 1, 30)), utc(2026, 10, 25, 0, 30))
        self.assertEqual(self.london.utc_to_local(utc(2026, 7, 1, 12)), DT(2026, 7, 1, 13))
        tokyo = datetime.timezone(datetime.timedelta(hours=9))
        self.assertEqual(self.london.utc_to_local(datetime.datetime(2026, 7, 1, 21, tzinfo=tokyo)),
                         DT(2026, 7, 1, 13))
        self.assertEqual(self.london.offset_at(utc(2026, 7, 1)),
                         libgrp.TzOffset(datetime.timedelta(hours=1), True, "BST"))
        winter = self.london.offset_at("2026-01-01T00:00:00Z")
        self.assertEqual((winter.offset, winter.is_dst, winter.abbreviation), (datetime.timedelta(0), False, "GMT"))
        with self.assertRaises(ValueError):
            self.london.utc_to_local(DT(2026, 7, 1))  # naive
        with self.assertRaises(ValueError):
            self.london.local_to_utc(utc(2026, 7, 1))  # aware

    def test_errors(self):
        libgrp.check_timezone("UTC")
        with self.assertRaises(libgrp.NotFoundError):
            libgrp.check_timezone("Mars/Olympus_Mons")
        with self.assertRaises(libgrp.NotFoundError):
            libgrp.TimeZone("Mars/Olympus_Mons")
        for bad in ("../etc/passwd", "/etc/localtime", "Europe/../London", ""):
            with self.subTest(name=bad), self.assertRaises(libgrp.InvalidError):
                libgrp.TimeZone(bad)


class RRules(unittest.TestCase):
    def test_parse_and_print(self):
        r = libgrp.RRule("rrule:freq=monthly;byday=-1fr;count=6")
        self.assertEqual(str(r), "FREQ=MONTHLY;COUNT=6;BYDAY=-1FR")
        self.assertEqual(repr(r), "RRule('FREQ=MONTHLY;COUNT=6;BYDAY=-1FR')")
        self.assertEqual((r.freq, r.interval, r.count, r.until, r.until_kind, r.wkst),
                         (libgrp.Frequency.MONTHLY, 1, 6, None, libgrp.UntilKind.NONE, libgrp.Weekday.MONDAY))
        self.assertEqual(libgrp.RRule("FREQ=WEEKLY;BYDAY=MO,WE"), libgrp.RRule("BYDAY=WE,MO;FREQ=WEEKLY;INTERVAL=1"))
        self.assertNotEqual(libgrp.RRule("FREQ=WEEKLY"), libgrp.RRule("FREQ=DAILY"))
        self.assertEqual(len({libgrp.RRule("FREQ=DAILY"), libgrp.RRule("freq=daily;wkst=mo")}), 1)
        w = libgrp.RRule("FREQ=WEEKLY;WKST=SU;INTERVAL=2")
        self.assertEqual((w.wkst, w.interval, w.count), (libgrp.Weekday.SUNDAY, 2, None))

    def test_until_kinds(self):
        cases = [("FREQ=DAILY;UNTIL=20260110", D(2026, 1, 10), libgrp.UntilKind.DATE),
                 ("FREQ=DAILY;UNTIL=20260110T120000", DT(2026, 1, 10, 12), libgrp.UntilKind.LOCAL),
                 ("FREQ=DAILY;UNTIL=20260110T120000Z", utc(2026, 1, 10, 12), libgrp.UntilKind.UTC)]
        for text, until, kind in cases:
            r = libgrp.RRule(text)
            self.assertEqual((r.until, r.until_kind), (until, kind))
            self.assertEqual(type(r.until), type(until))

    def test_expansion(self):
        r = libgrp.RRule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6")
        start = DT(2026, 1, 1, 9, 0)
        all_six = list(r.occurrences(start))
        self.assertEqual([o.date() for o in all_six], [D(2026, 1, 30), D(2026, 2, 27), D(2026, 3, 27),
                                                       D(2026, 4, 24), D(2026, 5, 29), D(2026, 6, 26)])
        self.assertTrue(all(o.time() == datetime.time(9) for o in all_six))
        it = r.occurrences("2026-01-01T09:00")
        self.assertEqual(next(it), DT(2026, 1, 30, 9))
        it.seek(DT(2026, 4, 1))
        self.assertEqual(next(it), DT(2026, 4, 24, 9))
        self.assertEqual(len(list(it)), 2)
        self.assertEqual(list(it), [])  # exhausted stays exhausted...
        it.seek(DT(2026, 1, 1))  # ...until a seek
        self.assertEqual(next(it), DT(2026, 1, 30, 9))
        it.close()
        self.assertEqual(list(it), [])
        with self.assertRaises(libgrp.ClosedError):
            it.seek(DT(2026, 1, 1))
        self.assertEqual(r.next_after(start, DT(2026, 3, 28)), DT(2026, 4, 24, 9))
        self.assertIsNone(r.next_after(start, DT(2027, 1, 1)))
        self.assertEqual(r.between(start, DT(2026, 2, 1), DT(2026, 5, 1)),
                         [DT(2026, 2, 27, 9), DT(2026, 3, 27, 9), DT(2026, 4, 24, 9)])
        self.assertEqual(r.between(start, DT(2026, 2, 1), DT(2026, 5, 1), limit=1), [DT(2026, 2, 27, 9)])
        self.assertEqual(r.between(start, DT(2030, 1, 1), DT(2030, 5, 1)), [])
        with self.assertRaises(libgrp.InvalidError):
            r.between(start, DT(2026, 5, 1), DT(2026, 2, 1))

    def test_utc_until_uses_the_zone(self):
        r = libgrp.RRule("FREQ=DAILY;UNTIL=20260105T120000Z")
        start = DT(2026, 1, 1, 13, 0)
        self.assertEqual(len(list(r.occurrences(start))), 4)  # floating: 13:00 "UTC"
        self.assertEqual(len(list(r.occurrences(start, tz="Asia/Tokyo"))), 5)  # 13:00 JST is 04:00Z
        self.assertEqual(len(list(r.occurrences(start, tz=libgrp.TimeZone("Asia/Tokyo")))), 5)
        with self.assertRaises(TypeError):
            r.occurrences(start, tz=9)

    def test_errors(self):
        with self.assertRaises(libgrp.ParseError) as cm:
            libgrp.RRule("FREQ=MONTHLY;BYDAY=XX")
        self.assertIn("position", str(cm.exception))
        with self.assertRaises(libgrp.UnsupportedError):
            libgrp.RRule("FREQ=DAILY;BYHOUR=9")
        with self.assertRaises(libgrp.ParseError):
            libgrp.RRule("FREQ=DAILY;COUNT=2;UNTIL=20260101")


class Enums(unittest.TestCase):
    def test_words_from_c(self):
        self.assertEqual(str(libgrp.MembershipState.WAITLISTED), "waitlisted")
        self.assertEqual(str(libgrp.MemberRole.COFACILITATOR), "co_facilitator")
        self.assertEqual(libgrp.GroupKind.REFLECTIVE_PRACTICE.label, "reflective_practice")
        self.assertEqual(str(libgrp.SessionStatus.NOT_HELD), "not_held")
        self.assertEqual(str(libgrp.AttendanceStatus.APOLOGIES), "apologies")
        self.assertEqual(str(libgrp.GroupStatus.ACTIVE), "active")
        self.assertEqual(str(libgrp.CapacityPolicy.WAITLIST), "waitlist")
        self.assertEqual(str(libgrp.MembershipPolicy.APPROVAL), "approval")
        self.assertEqual(str(libgrp.Delivery.IN_PERSON), "in_person")
        self.assertEqual(str(libgrp.HoursMode.BACP), "bacp")
        self.assertEqual(str(libgrp.HoursKind.GROUP), "group")
        # the words are the C library's (the names would say the same here; these prove the source)
        c = libgrp._libgrp
        self.assertEqual(c.grp_delivery_name(c.GRP_DELIVERY_HYBRID), "hybrid")
        self.assertIsNone(c.grp_hours_mode_name(9))
        self.assertEqual(f"{libgrp.MembershipState.ACTIVE:>8}|{libgrp.MembershipState.ACTIVE:d}", "  active|2")
        self.assertEqual(int(libgrp.MembershipState.ACTIVE), 2)
        self.assertEqual(libgrp.MembershipState.ACTIVE, 2)

    def test_values_match_c(self):
        c = libgrp._libgrp
        self.assertEqual(libgrp.GroupStatus.CLOSED, c.GRP_STATUS_CLOSED)
        self.assertEqual(libgrp.Weekday.SUNDAY, 7)
        self.assertEqual(libgrp.Delivery.HYBRID, c.GRP_DELIVERY_HYBRID)
        self.assertEqual(libgrp.Frequency.YEARLY, c.GRP_RRULE_YEARLY)


if __name__ == "__main__":
    unittest.main()
