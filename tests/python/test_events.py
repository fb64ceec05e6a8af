"""The change feed and its callback, reminder queries, the audit log, and
export and erasure of a person."""

import datetime
import gc
import sys
import threading
import unittest
import weakref

import libgrp
from libgrp import EventKind as K
from libgrp import _libgrp as c
from pysupport import D, GroupTest, UTC, utc

A = libgrp.AttendanceStatus


class CatchUnraisable:
    """Collect what reaches sys.unraisablehook inside a with block."""

    def __enter__(self):
        self.seen = []
        self.old = sys.unraisablehook
        sys.unraisablehook = lambda u: self.seen.append((u.exc_type, str(u.exc_value), u.object))
        return self.seen

    def __exit__(self, *exc):
        sys.unraisablehook = self.old


class Feed(GroupTest):
    def test_events_since(self):
        s = self.store
        events = list(s.events_since(self.system))
        self.assertIsInstance(events[0], libgrp.Event)
        kinds = [e.kind for e in events]
        self.assertEqual(kinds, [K.MEMBER_JOINED] * 4 + [K.CADENCE_CHANGED])
        first = events[0]
        self.assertEqual((first.seq, first.group_id, first.person_id), (1, self.group.id, self.fay.id))
        self.assertEqual(first.entity_id, next(s.members(self.group, D(2026, 1, 1))).id)
        self.assertEqual(first.at.tzinfo, UTC)
        self.assertLess(abs((libgrp.now() - first.at).total_seconds()), 3600)
        self.assertIsNone(events[-1].person_id)
        self.assertEqual(str(K.CADENCE_CHANGED), "cadence_changed")
        self.assertEqual(s.last_event_seq(), 5)
        self.assertEqual([e.seq for e in s.events_since(self.system, 2)], [3, 4, 5])
        self.assertEqual([e.seq for e in s.events_since(self.system, after_seq=1, max=2)], [2, 3])
        # a person sees their own events and their groups' events; admins see membership ones
        self.assertEqual([e.seq for e in s.events_since(self.asha)], [2, 5])
        self.assertEqual([e.seq for e in s.events_since(self.facilitator)], [1, 2, 3, 4, 5])
        self.assertEqual([e.seq for e in s.events_since(self.admin)], [1, 2, 3, 4, 5])
        self.assertEqual([e.seq for e in s.events_since(self.dara)], [])
        with self.assertRaises(libgrp.InvalidError):
            list(s.events_since(self.system, -1))
        with self.assertRaises(libgrp.NotFoundError):
            list(s.events_since(libgrp.Actor.person(999)))

    def test_kinds_of_changes(self):
        s = self.store
        jan, feb = self.sessions[:2]
        start = s.last_event_seq()
        s.cancel_session(feb)
        s.move_session(self.sessions[2], datetime.datetime(2026, 3, 4, 14))
        self.attend(jan, self.people[:1])
        s.add_session(self.group, datetime.datetime(2026, 1, 20, 10))
        s.raise_theme(self.asha, self.group, "Caseloads")
        kinds = [e.kind for e in s.events_since(self.system, start)]
        self.assertEqual(kinds, [K.SESSION_CANCELLED, K.SESSION_MOVED, K.FEEDBACK_REQUESTED, K.ATTENDANCE_RECORDED,
                                 K.SESSION_ADDED, K.THEME_RAISED])

    def test_prune(self):
        s = self.store
        with self.assertRaises(libgrp.AccessDeniedError):
            s.prune_events(self.facilitator, 3)
        self.assertEqual(s.prune_events(self.system, 3), 3)
        self.assertEqual(s.prune_events(self.system, 3), 0)
        self.assertEqual([e.seq for e in s.events_since(self.system)], [4, 5])
        self.assertEqual(s.last_event_seq(), 5)
        s.join(self.group, self.people[3], D(2026, 2, 1))
        self.assertEqual(s.last_event_seq(), 6)  # numbers are never reused
        with self.assertRaises(libgrp.InvalidError):
            s.prune_events(self.system, -1)

    def test_emit_due(self):
        s = self.store
        goal = s.create_goal(self.asha, owner=self.people[0], title="Boundaries", group=self.group,
                             target_date=D(2026, 3, 10), visibility=libgrp.Visibility.FACILITATORS)
        s.set_goal_status(self.asha, goal, libgrp.GoalStatus.ACTIVE)
        s.add_goal_step(self.asha, goal, "Read the policy", due=D(2026, 2, 20))
        start = s.last_event_seq()
        self.assertEqual(s.emit_due(D(2026, 3, 5), 7), 2)  # the target is due soon, the step overdue
        self.assertEqual(s.emit_due("2026-03-05", 7), 0)  # at most once
        events = list(s.events_since(self.system, start))
        self.assertEqual([e.kind for e in events], [K.GOAL_DUE_SOON, K.GOAL_OVERDUE])
        self.assertEqual((events[0].entity_id, events[0].person_id), (goal.id, self.people[0].id))
        # goal events follow the goal's visibility: never the organisation admin
        self.assertEqual(len(list(s.events_since(self.facilitator, start))), 2)
        self.assertEqual(list(s.events_since(self.admin, start)), [])
        self.assertEqual(list(s.events_since(self.ben, start)), [])
        with self.assertRaises(libgrp.InvalidError):
            s.emit_due(D(2026, 3, 5), 367)


class Callback(GroupTest):
    def test_after_commit_only(self):
        s = self.store
        got = []
        s.set_event_callback(got.append)
        s.join(self.group, self.people[3], D(2026, 2, 1))
        self.assertEqual([e.kind for e in got], [K.MEMBER_JOINED])
        self.assertIsInstance(got[0], libgrp.Event)
        self.assertEqual(got[0], list(s.events_since(self.system))[-1])  # the same event as the feed
        with s.transaction():
            s.leave(self.group, self.people[3], D(2026, 3, 1))
            s.leave(self.group, self.people[2], D(2026, 3, 1))
            self.assertEqual(len(got), 1)  # nothing before the commit
        self.assertEqual([e.kind for e in got[1:]], [K.MEMBER_LEFT, K.MEMBER_LEFT])
        with self.assertRaises(ZeroDivisionError):
            with s.transaction():
                s.leave(self.group, self.people[1], D(2026, 3, 1))
                1 / 0
        self.assertEqual(len(got), 3)  # rolled back: no event
        s.begin()
        s.join(self.group, self.people[3], D(2026, 4, 1))
        s.rollback()
        self.assertEqual(len(got), 3)
        s.set_event_callback(None)
        s.join(self.group, self.people[3], D(2026, 4, 1))
        self.assertEqual(len(got), 3)
        self.assertEqual(s.last_event_seq(), got[-1].seq + 1)

    def test_raising_callback_does_not_break_the_store(self):
        s = self.store
        calls = []

        def callback(event):
            calls.append(event.seq)
            raise RuntimeError(f"callback failed on {event.seq}")

        s.set_event_callback(callback)
        with CatchUnraisable() as reported:
            with s.transaction():
                s.join(self.group, self.people[3], D(2026, 2, 1))
                s.leave(self.group, self.people[0], D(2026, 2, 1))
        self.assertEqual(calls, [6, 7])  # every event delivered despite the first failure
        self.assertEqual([(t, m) for t, m, _ in reported],
                         [(RuntimeError, "callback failed on 6"), (RuntimeError, "callback failed on 7")])
        self.assertIs(reported[0][2], callback)
        # the change committed and the store works
        self.assertEqual([m.person_id for m in s.members(self.group, D(2026, 2, 1), roles=[libgrp.MemberRole.MEMBER])],
                         [p.id for p in self.people[1:]])
        self.assertEqual(s.transaction_depth, 0)
        s.create_org("Still fine")

    def test_callback_may_use_the_store(self):
        s = self.store
        names = []

        def callback(event):
            if event.kind == K.MEMBER_JOINED:
                names.append(s.get_person(event.person_id).display_name)
                if event.person_id == self.people[3].id:
                    s.leave(self.group, event.person_id, D(2026, 3, 1))  # a write inside: delivered after

        s.set_event_callback(callback)
        got = []
        s.set_event_callback(lambda e: (got.append(e.kind), callback(e)))
        s.join(self.group, self.people[3], D(2026, 2, 1))
        self.assertEqual(names, ["Dara"])
        self.assertEqual(got, [K.MEMBER_JOINED, K.MEMBER_LEFT])  # in order

    def test_callback_reference_and_threads(self):
        s = self.store

        class Counter:
            def __init__(self):
                self.n = 0
                self.threads = set()

            def __call__(self, event):
                self.n += 1
                self.threads.add(threading.get_ident())

        counter = Counter()
        ref = weakref.ref(counter)
        s.set_event_callback(counter)
        del counter
        gc.collect()
        self.assertIsNotNone(ref())  # the store keeps it
        t = threading.Thread(target=lambda: s.join(self.group, self.people[3], D(2026, 2, 1)))
        t.start()
        t.join()
        self.assertEqual(ref().n, 1)
        self.assertEqual(ref().threads, {t.ident})  # in the thread that committed
        s.set_event_callback(print)  # replaced: the old one is released
        gc.collect()
        self.assertIsNone(ref())
        with self.assertRaises(TypeError):
            s.set_event_callback("not callable")
        s.close()
        with self.assertRaises(libgrp.ClosedError):
            s.set_event_callback(None)

    def test_closing_releases_the_callback(self):
        store = libgrp.open(":memory:")

        class Callback:
            def __call__(self, event):
                pass

        cb = Callback()
        ref = weakref.ref(cb)
        store.set_event_callback(cb)
        del cb
        store.close()
        gc.collect()
        self.assertIsNone(ref())
        store = libgrp.open(":memory:")
        cb = Callback()
        ref = weakref.ref(cb)
        store.set_event_callback(cb)
        store_ref = weakref.ref(store)
        del cb, store
        gc.collect()
        self.assertIsNone(store_ref())  # no cycle through the extension keeps the store alive
        self.assertIsNone(ref())


class LowLevelCallback(GroupTest):
    """The SWIG-level callback: called from C with the GIL taken, after commit."""

    def test_low_level(self):
        h = self.store._h
        seen = []

        def callback(values):
            seen.append(values)
            if len(seen) == 1:
                raise ValueError("boom")
            try:
                c.grp_org_get(h, self.org.id)  # the store is busy in its callback
            except libgrp.StateError as e:
                seen.append(("refused", str(e)))
            for call in (lambda: c.grp_store_set_event_callback(h, None), lambda: c.grp_store_close(h)):
                try:
                    call()
                except libgrp.StateError:
                    seen.append("refused")

        c.grp_store_set_event_callback(h, callback)
        with CatchUnraisable() as reported:
            c.grp_member_join(h, self.group.id, self.people[3].id, D(2026, 2, 1), None)
            t = threading.Thread(target=c.grp_member_leave, args=(h, self.group.id, self.people[3].id,
                                                                 D(2026, 3, 1), None))
            t.start()
            t.join()
        self.assertEqual(len(reported), 1)
        self.assertEqual(reported[0][:2], (ValueError, "boom"))
        seq, at, kind, group_id, person_id, entity_id = seen[0]
        self.assertEqual((seq, kind, group_id, person_id), (6, c.GRP_EVENT_MEMBER_JOINED, self.group.id,
                                                            self.people[3].id))
        self.assertIsInstance(at, int)
        self.assertEqual(seen[1][2], c.GRP_EVENT_MEMBER_LEFT)
        self.assertEqual(seen[2], ("refused", "a store cannot be used from its own event callback"))
        self.assertEqual(seen[3:], ["refused", "refused"])
        c.grp_store_set_event_callback(h, None)
        c.grp_store_set_event_callback(h, None)
        with self.assertRaises(TypeError):
            c.grp_store_set_event_callback(h, 42)
        with self.assertRaises(TypeError):
            c._write_unraisable("not an exception", None)


class Reminders(GroupTest):
    def test_sessions(self):
        s = self.store
        rows = list(s.reminders_sessions(utc(2026, 2, 1), utc(2026, 3, 1)))
        self.assertEqual(len(rows), 1)
        r = rows[0]
        self.assertIsInstance(r, libgrp.Reminder)
        self.assertEqual((r.group_id, r.session_id, r.start, r.start_local, r.timezone),
                         (self.group.id, None, utc(2026, 2, 3, 14), datetime.datetime(2026, 2, 3, 14),
                          "Europe/London"))
        self.assertEqual(sorted(r.people), sorted([self.fay.id] + [p.id for p in self.people[:3]]))
        self.assertEqual((r.person_id, r.goal_id, r.step_id, r.due, r.overdue), (None, None, None, None, False))
        self.assertIn("group=", repr(r))
        with self.assertRaises(libgrp.InvalidError):
            list(s.reminders_sessions(utc(2026, 3, 1), utc(2026, 2, 1)))
        with self.assertRaises(libgrp.InvalidError):
            list(s.reminders_sessions(utc(2026, 1, 1), utc(2028, 1, 1)))

    def test_low_engagement(self):
        s = self.store
        jan = self.sessions[0]
        self.attend(jan, self.people[:2])
        s.record_attendance(jan, self.people[2], A.ABSENT)
        rows = list(s.reminders_low_engagement(self.facilitator, last_n=3, threshold=0.5, now=utc(2026, 1, 20)))
        self.assertEqual([(r.group_id, r.person_id, r.expected, r.attended, r.rate) for r in rows],
                         [(self.group.id, self.people[2].id, 1, 0, 0.0)])
        self.assertEqual(len(list(s.reminders_low_engagement(self.system, last_n=3, threshold=0.5, group=self.group,
                                                             now=utc(2026, 1, 20)))), 1)
        self.assertEqual(list(s.reminders_low_engagement(self.admin, last_n=3, threshold=0.5,
                                                         now=utc(2026, 1, 20))), [])  # not for the organisation
        self.assertEqual([r.person_id for r in s.reminders_low_engagement(self.facilitator, last_n=3, threshold=0.5)],
                         [self.people[2].id])  # now: later sessions have nothing recorded, so do not count
        with self.assertRaises(libgrp.InvalidError):
            s.reminders_low_engagement(self.system, last_n=0, threshold=0.5)
        with self.assertRaises(libgrp.InvalidError):
            s.reminders_low_engagement(self.system, last_n=3, threshold=1.5)
        with self.assertRaises(TypeError):
            s.reminders_low_engagement(self.system, last_n=3, threshold="half")
        with self.assertRaises(libgrp.NotFoundError):
            s.reminders_low_engagement(self.system, last_n=3, threshold=0.5, group=999)

    def test_goals_due(self):
        s = self.store
        goal = s.create_goal(self.asha, owner=self.people[0], title="G", group=self.group,
                             target_date=D(2026, 3, 10), visibility=libgrp.Visibility.FACILITATORS)
        s.set_goal_status(self.asha, goal, libgrp.GoalStatus.ACTIVE)
        step = s.add_goal_step(self.asha, goal, "Step", due=D(2026, 2, 20))
        rows = list(s.reminders_goals_due(self.facilitator, D(2026, 3, 1), D(2026, 3, 31)))
        self.assertEqual(sorted(((r.goal_id, r.person_id, r.step_id, r.due, r.overdue) for r in rows), key=str),
                         sorted([(goal.id, self.people[0].id, None, D(2026, 3, 10), False),
                                 (goal.id, self.people[0].id, step, D(2026, 2, 20), True)], key=str))
        self.assertEqual(list(s.reminders_goals_due(self.admin, D(2026, 3, 1), D(2026, 3, 31))), [])
        self.assertEqual(list(s.reminders_goals_due(self.ben, D(2026, 3, 1), D(2026, 3, 31))), [])
        with self.assertRaises(libgrp.InvalidError):
            list(s.reminders_goals_due(self.system, D(2026, 3, 31), D(2026, 3, 1)))

    def test_feedback_pending(self):
        s = self.store
        jan = self.sessions[0]
        self.attend(jan, self.people[:3])
        s.submit_feedback(self.asha, jan, [5, 5, 5, 5], anonymous=True)
        rows = list(s.reminders_feedback_pending(self.system, utc(2026, 1, 10), 7))
        sid = s.ensure_session(self.group, jan.occurrence)
        self.assertEqual([(r.group_id, r.session_id, r.start, r.person_id) for r in rows],
                         [(self.group.id, sid, utc(2026, 1, 6, 14), p.id) for p in self.people[1:3]])
        self.assertEqual([r.person_id for r in s.reminders_feedback_pending(self.ben, utc(2026, 1, 10))],
                         [self.people[1].id])  # a person sees their own
        self.assertEqual(list(s.reminders_feedback_pending(self.system, utc(2026, 2, 1), 7)), [])
        with self.assertRaises(libgrp.InvalidError):
            s.reminders_feedback_pending(self.system, utc(2026, 1, 10), 0)

    def test_under_quorum_and_waitlist(self):
        s = self.store
        self.assertEqual(list(s.reminders_under_quorum(utc(2026, 1, 10))), [])
        s.update_group(self.group, quorum=4, capacity=4)
        rows = list(s.reminders_under_quorum(utc(2026, 1, 10)))
        self.assertEqual([(r.group_id, r.start, r.expected, r.quorum) for r in rows],
                         [(self.group.id, utc(2026, 2, 3, 14), 3, 4)])
        self.assertIsNone(rows[0].session_id)  # not stored yet
        s.end_cadence(self.group, D(2026, 4, 8))
        self.assertEqual(list(s.reminders_under_quorum(utc(2026, 4, 8))), [])  # no next session
        s.update_group(self.group, quorum=0, capacity=3, capacity_policy=libgrp.CapacityPolicy.WAITLIST)
        s.join(self.group, self.people[3], D(2026, 1, 10))  # waitlisted: the group is full
        self.assertEqual(list(s.reminders_waitlist(D(2026, 1, 15))), [])
        s.update_group(self.group, capacity=5)  # a seat, and someone waiting
        rows = list(s.reminders_waitlist("2026-01-15"))
        self.assertEqual([(r.group_id, r.free_seats, r.waiting) for r in rows], [(self.group.id, 2, 1)])


class AuditAndSubjectRights(GroupTest):
    def test_audit(self):
        s = self.store
        entries = list(s.audit(self.system))
        self.assertIsInstance(entries[0], libgrp.AuditEntry)
        self.assertEqual([e.id for e in entries], sorted(e.id for e in entries))
        goal = s.create_goal(self.asha, owner=self.people[0], title="G")
        last = list(s.audit(self.system, after=entries[-1].id))
        self.assertEqual([(e.action, e.entity_type, e.entity_id) for e in last], [("goal.create", "goal", goal.id)])
        e = last[0]
        self.assertEqual((e.actor_kind, e.actor_person_id, e.actor), (libgrp.ActorKind.PERSON, self.people[0].id,
                                                                      self.asha))
        self.assertEqual(e.at.tzinfo, UTC)
        self.assertEqual(entries[0].actor, self.system)  # writes without an actor are the system's
        self.assertIsNone(entries[0].actor_person_id)
        # an anonymous response: no actor, and the day only
        self.attend(self.sessions[0], self.people[:1])
        s.submit_feedback(self.asha, self.sessions[0], [5, 5, 5, 5], anonymous=True)
        anon = [x for x in s.audit(self.system) if x.action == "feedback.respond"][0]
        self.assertEqual((anon.actor, anon.at.time()), (self.system, datetime.time(0)))
        for actor in (self.facilitator, self.admin, self.asha):
            with self.assertRaises(libgrp.AccessDeniedError):
                s.audit(actor)

    def test_export_and_erase(self):
        s = self.store
        s.create_goal(self.asha, owner=self.people[0], title="Boundaries")
        s.add_note(self.asha, self.sessions[0], "My note")
        data = s.export_person(self.asha, self.people[0])
        self.assertIsInstance(data, dict)
        self.assertEqual(data["person"]["display_name"], "Asha")
        self.assertEqual([g["title"] for g in data["goals"]], ["Boundaries"])
        self.assertEqual(len(data["memberships"]), 1)
        self.assertEqual(len(data["notes"]), 1)
        self.assertEqual(s.export_person(self.system, self.people[0].id)["person"], data["person"])
        with self.assertRaises(libgrp.AccessDeniedError):
            s.export_person(self.facilitator, self.people[0])
        with self.assertRaises(libgrp.AccessDeniedError):
            s.erase_person(self.asha, self.people[0])
        s.erase_person(self.system, self.people[0])
        s.erase_person(self.system, self.people[0])  # twice: fine
        erased = s.get_person(self.people[0].id)
        self.assertEqual((erased.display_name, erased.job_role, erased.archived), ("erased person", None, True))
        data = s.export_person(self.system, self.people[0])
        self.assertEqual((data["goals"], data["notes"]), ([], []))
        self.assertEqual(len(data["memberships"]), 1)  # dated memberships remain
        self.assertEqual(list(s.goals(self.system, owner=self.people[0])), [])
        with self.assertRaises(libgrp.NotFoundError):
            s.export_person(self.system, 999)
        with self.assertRaises(libgrp.NotFoundError):
            s.erase_person(self.system, 999)


if __name__ == "__main__":
    unittest.main()
