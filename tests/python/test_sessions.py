"""Cadences, sessions (computed, stored, moved, cancelled, ad hoc) and attendance."""

import datetime
import unittest

import libgrp
from pysupport import D, DT, UTC, StoreTest

A = libgrp.AttendanceStatus


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


class Sessions(StoreTest):
    def setUp(self):
        super().setUp()
        self.group = self.store.update_group(self.group, quorum=3)
        for p in self.people[:3]:
            self.store.join(self.group, p, D(2026, 1, 1))
        self.cadence = self.store.set_cadence(self.group, "freq=monthly;byday=1TU", D(2026, 1, 1),
                                              datetime.time(14, 0))

    def spring(self):
        return list(self.store.sessions(self.group, utc(2026, 1, 1), utc(2026, 5, 1)))

    def test_cadence(self):
        c = self.cadence
        self.assertIsInstance(c, libgrp.Cadence)
        self.assertEqual((c.group_id, c.rrule, c.first_date, c.until), (self.group.id, "FREQ=MONTHLY;BYDAY=1TU",
                                                                       D(2026, 1, 1), None))
        self.assertEqual((c.start_hour, c.start_minute, c.start_time, c.duration, c.timezone),
                         (14, 0, datetime.time(14, 0), 90, "Europe/London"))
        self.assertEqual(self.store.get_cadence(self.group, D(2026, 3, 1)), c)
        # a new segment from June ends this one there ("this and following")
        weekly = self.store.set_cadence(self.group, libgrp.RRule("FREQ=WEEKLY;BYDAY=WE"), "2026-06-03",
                                        datetime.time(9, 30), duration_minutes=60, timezone="Europe/Paris")
        self.assertEqual((weekly.start_time, weekly.duration, weekly.timezone),
                         (datetime.time(9, 30), 60, "Europe/Paris"))
        segments = list(self.store.cadences(self.group))
        self.assertEqual([s.id for s in segments], [c.id, weekly.id])
        self.assertEqual(segments[0].until, D(2026, 6, 3))
        self.store.end_cadence(self.group, D(2026, 9, 1))
        self.assertEqual(self.store.get_cadence(self.group, "2026-08-31").until, D(2026, 9, 1))
        with self.assertRaises(libgrp.NotFoundError):
            self.store.get_cadence(self.group, D(2026, 9, 2))
        with self.assertRaises(libgrp.ParseError):
            self.store.set_cadence(self.group, "FREQ=SOMETIMES", D(2027, 1, 1), datetime.time(9))
        with self.assertRaises(libgrp.UnsupportedError):
            self.store.set_cadence(self.group, "FREQ=HOURLY", D(2027, 1, 1), datetime.time(9))
        with self.assertRaises(TypeError):
            self.store.set_cadence(self.group, "FREQ=DAILY", D(2027, 1, 1), 9)

    def test_computed_sessions(self):
        sessions = self.spring()
        self.assertEqual([s.start for s in sessions],
                         [utc(2026, 1, 6, 14), utc(2026, 2, 3, 14), utc(2026, 3, 3, 14), utc(2026, 4, 7, 13)])
        first = sessions[0]
        self.assertIsInstance(first, libgrp.Session)
        self.assertIsNone(first.id)  # computed, not stored yet
        self.assertEqual(first.occurrence, DT(2026, 1, 6, 14, 0))
        self.assertEqual(first.start_local, DT(2026, 1, 6, 14, 0))
        self.assertEqual(first.start.tzinfo, UTC)
        self.assertEqual(first.end - first.start, datetime.timedelta(minutes=90))
        self.assertEqual((first.duration, first.status, first.moved, first.adhoc),
                         (90, libgrp.SessionStatus.SCHEDULED, False, False))
        self.assertEqual((first.location, first.meeting_link, first.reason, first.timezone),
                         ("Room 2.14", None, None, "Europe/London"))
        self.assertEqual((first.expected, first.under_quorum, first.cadence_id), (3, False, self.cadence.id))
        sid = self.store.ensure_session(self.group, first.occurrence)
        stored = self.store.get_session(sid)
        self.assertEqual(stored.id, sid)
        self.assertEqual(stored, first)  # the same occurrence
        self.assertEqual(hash(stored), hash(first))
        self.assertEqual(self.store.ensure_session(self.group, "2026-01-06T14:00"), sid)
        with self.assertRaises(libgrp.NotFoundError):
            self.store.ensure_session(self.group, DT(2026, 1, 7, 14, 0))
        nxt = self.store.next_session(self.group, utc(2026, 1, 7))
        self.assertEqual(nxt.start, utc(2026, 2, 3, 14))
        self.assertGreater(self.store.next_session(self.group).start, libgrp.now() - datetime.timedelta(days=1))
        with self.assertRaises(libgrp.InvalidError):
            list(self.store.sessions(self.group, utc(2026, 5, 1), utc(2026, 1, 1)))

    def test_overrides(self):
        jan, feb, mar, apr = self.spring()
        self.store.cancel_session(feb, "strike")
        self.store.move_session(mar, DT(2026, 3, 4, 15, 0), 60)
        self.store.set_session_place(apr, "Room 9", "https://meet.example.org/x")
        jan2, feb2, mar2, apr2 = self.spring()
        self.assertEqual((feb2.status, feb2.reason), (libgrp.SessionStatus.CANCELLED, "strike"))
        self.assertEqual((mar2.moved, mar2.start_local, mar2.occurrence, mar2.duration),
                         (True, DT(2026, 3, 4, 15, 0), DT(2026, 3, 3, 14, 0), 60))
        self.assertEqual((apr2.location, apr2.meeting_link), ("Room 9", "https://meet.example.org/x"))
        self.assertTrue(all(s.id for s in (feb2, mar2, apr2)))
        self.assertEqual(self.store.next_session(self.group, utc(2026, 1, 7)), mar2)  # feb is cancelled
        adhoc = self.store.add_session(self.group, DT(2026, 1, 20, 10, 0), 45)
        self.assertEqual((adhoc.adhoc, adhoc.occurrence, adhoc.cadence_id, adhoc.duration),
                         (True, None, None, 45))
        self.store.set_session_status(adhoc, libgrp.SessionStatus.NOT_HELD)
        self.assertEqual(self.store.get_session(adhoc.id).status, libgrp.SessionStatus.NOT_HELD)
        mine = list(self.store.sessions_for_person(self.people[0], utc(2026, 1, 1), utc(2026, 3, 1)))
        self.assertEqual([s.start_local for s in mine], [DT(2026, 1, 6, 14), DT(2026, 1, 20, 10)])
        self.assertEqual(list(self.store.sessions_for_person(self.people[3], utc(2026, 1, 1), utc(2026, 3, 1))),
                         [])

    def test_attendance(self):
        jan = self.spring()[0]
        asha, ben, chen, dara = self.people
        self.store.record_attendance(jan, asha, A.PRESENT)
        sid = self.store.ensure_session(self.group, jan.occurrence)
        self.store.record_attendance(sid, ben, A.LATE, 60, recorded_by=asha)
        self.store.record_attendance(sid, chen, A.APOLOGIES)
        a = self.store.get_attendance(sid, ben)
        self.assertIsInstance(a, libgrp.Attendance)
        self.assertEqual((a.session_id, a.person_id, a.status, a.minutes, a.recorded_by),
                         (sid, ben.id, A.LATE, 60, asha.id))
        self.assertEqual(a.recorded_at.tzinfo, UTC)
        self.assertLess(abs((libgrp.now() - a.recorded_at).total_seconds()), 3600)
        self.assertEqual(self.store.get_attendance(jan, asha).minutes, 90)  # -1: the whole session
        self.assertIsNone(self.store.get_attendance(jan, chen).recorded_by)
        self.assertEqual([(r.person_id, r.status) for r in self.store.attendance(jan)],
                         [(asha.id, A.PRESENT), (ben.id, A.LATE), (chen.id, A.APOLOGIES)])
        self.assertEqual(self.store.get_session(sid).status, libgrp.SessionStatus.HELD)
        stats = self.store.attendance_stats(self.group, utc(2026, 1, 1), utc(2026, 2, 1))
        self.assertEqual(stats, libgrp.AttendanceStats(3, 2, 1, 0, 0, 2 / 3, 1.0))
        self.assertEqual(self.store.attendance_stats(self.group, utc(2026, 1, 1), utc(2026, 2, 1), person=asha),
                         (1, 1, 0, 0, 0, 1.0, 1.0))
        with self.assertRaises(libgrp.InvalidError):  # not in the group that day
            self.store.record_attendance(sid, dara, A.PRESENT)
        with self.assertRaises(libgrp.InvalidError):  # minutes for someone absent
            self.store.record_attendance(sid, chen, A.ABSENT, 10)
        with self.assertRaises(libgrp.NotFoundError):
            self.store.get_attendance(sid, dara)
        with self.assertRaises(libgrp.StateError):  # attendance is recorded
            self.store.cancel_session(sid)


if __name__ == "__main__":
    unittest.main()
