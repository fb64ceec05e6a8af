"""Misuse never crashes the interpreter: wrong types, None, closed stores,
exhausted iterators, huge or unencodable strings, any collection order,
threads sharing a store."""

import datetime
import gc
import os
import tempfile
import threading
import time
import unittest
import weakref

import libgrp
from libgrp import _libgrp as c
from pysupport import D, GroupTest, StoreTest, utc


class WrongArguments(StoreTest):
    def test_wrong_types(self):
        s = self.store
        cases = [
            (s.get_org, ("1",)),
            (s.get_org, (1.0,)),
            (s.get_org, (True,)),  # a bool is not an id
            (s.get_org, (self.people[0],)),  # a Person is not an Organisation
            (s.create_org, (42,)),
            (s.create_org, (b"bytes name",)),
            (s.create_org, ("ok", 7)),
            (s.create_person, (self.org, ["list"])),
            (s.join, (self.group, self.people[0], 20260106)),
            (s.join, (self.group, self.people[0], datetime.datetime(2026, 1, 6))),
            (s.create_group, ()),
            (s.members, (self.group, 5)),
            (s.sessions, (self.group, 0, 1)),
            (s.set_cadence, (self.group, "FREQ=DAILY", D(2026, 1, 1), "14:00")),
            (libgrp.TimeZone, (3,)),
            (libgrp.RRule, (b"FREQ=DAILY",)),
            (libgrp.add_days, (D(2026, 1, 1), "1")),
        ]
        for fn, args in cases:
            with self.subTest(fn=fn.__name__, args=args):
                with self.assertRaises(TypeError):
                    fn(*args)
        with self.assertRaises(TypeError):
            s.create_group(org=self.org, name="G", timezone="UTC", location="R", capacity="8")
        with self.assertRaises(TypeError):
            s.create_group(org=self.org, name="G", timezone="UTC", location="R", eligible_roles=[1, 2])
        with self.assertRaises(TypeError):
            s.create_group(org=self.org, name="G", timezone="UTC", location="R", colour="red")
        with self.assertRaises(TypeError):
            libgrp.open(b"/tmp/bytes-path.db")

    def test_none_where_an_object_is_required(self):
        s = self.store
        for fn, args in [(s.get_org, (None,)), (s.join, (None, self.people[0], D(2026, 1, 6))),
                         (s.join, (self.group, None, D(2026, 1, 6))), (s.join, (self.group, self.people[0], None)),
                         (s.create_person, (None, "X")), (s.get_group, (None,)), (libgrp.weekday, (None,))]:
            with self.subTest(fn=fn.__name__, args=args):
                with self.assertRaises(TypeError):
                    fn(*args)
        with self.assertRaises(libgrp.InvalidError):  # None for a required string: the C check names it
            s.create_org(None)
        with self.assertRaises(libgrp.InvalidError):
            libgrp.TimeZone(None)
        # the low-level layer refuses None handles too
        with self.assertRaises(TypeError):
            c.grp_org_name(None)
        with self.assertRaises(TypeError):
            c.grp_org_get(None, 1)
        with self.assertRaises(TypeError):
            c.grp_store_close(None)
        with self.assertRaises(TypeError):
            c.grp_org_name(self.store._h)  # a store is not an organisation

    def test_out_of_range_numbers(self):
        with self.assertRaises(OverflowError):
            self.store.get_org(2 ** 70)
        with self.assertRaises(libgrp.InvalidError):
            self.store.get_org(-1)
        with self.assertRaises(libgrp.InvalidError):
            self.store.get_org(0)
        with self.assertRaises(OverflowError):
            self.store.create_group(org=self.org, name="G", timezone="UTC", location="R", capacity=2 ** 40)
        with self.assertRaises(ValueError):
            list(self.store.members(self.group, D(2026, 1, 1), roles=[99]))

    def test_long_strings(self):
        big = "x" * (1024 * 1024)
        with self.assertRaises(libgrp.InvalidError) as cm:
            self.store.create_org(big)
        self.assertIn("name", str(cm.exception))
        self.assertLess(len(str(cm.exception)), 1000)  # the message does not echo a megabyte
        with self.assertRaises(libgrp.InvalidError):
            self.store.create_person(self.org, "ok", email=big + "@example.org")
        with self.assertRaises(libgrp.InvalidError):
            self.store.join(self.group, self.people[0], D(2026, 1, 6), reason=big)
        with self.assertRaises(libgrp.Error):
            libgrp.TimeZone("Europe/" + big)
        with self.assertRaises(libgrp.Error):
            libgrp.RRule("FREQ=DAILY;" + "INTERVAL=1;" * 100000)
        # at the limit is fine, and multi-byte UTF-8 round-trips
        name = "É" * 100  # 200 bytes
        self.assertEqual(self.store.create_org(name).name, name)
        with self.assertRaises(libgrp.InvalidError):
            self.store.create_org("É" * 101)  # 202 bytes

    def test_unencodable_and_nul(self):
        surrogate = "bad \udcff byte"  # what os.fsdecode() makes of non-UTF-8 bytes
        with self.assertRaises(UnicodeEncodeError):
            self.store.create_org(surrogate)
        with self.assertRaises(ValueError):
            self.store.create_person(self.org, surrogate)
        with self.assertRaises(ValueError):
            self.store.create_group(org=self.org, name="G", timezone="UTC", location=surrogate)
        with self.assertRaises(ValueError):
            self.store.create_group(org=self.org, name="G", timezone="UTC", location="R",
                                    eligible_roles=[surrogate])
        with self.assertRaises(ValueError):
            libgrp.parse_date("2026-01-0\udc80")
        with self.assertRaises(ValueError):
            self.store.create_org("nul\x00inside")
        with self.assertRaises(ValueError):
            libgrp.open("x\x00.db")
        self.assertEqual([o.name for o in self.store.orgs()], ["Northfield University"])

    def test_snapshot_classes_are_not_constructible(self):
        for cls in (libgrp.Organisation, libgrp.Person, libgrp.Group, libgrp.Membership, libgrp.Session):
            with self.assertRaises(TypeError):
                cls()
        with self.assertRaises(TypeError):
            c.grp_org()  # no constructor at the low level either

    def test_snapshots_are_read_only(self):
        with self.assertRaises(AttributeError):
            self.org.name = "Renamed"
        with self.assertRaises(AttributeError):
            self.org.colour = "red"


class ConfidentialMisuse(GroupTest):
    """The confidential calls: the actor argument, wrong types, after close."""

    def calls(self, actor):
        s, jan, g, p = self.store, self.sessions[0], self.group, self.people[0]
        return [
            lambda: s.submit_feedback(actor, jan, [5, 5, 5, 5]),
            lambda: s.has_responded(actor, jan, p),
            lambda: s.feedback_responses(actor, jan),
            lambda: s.feedback_summary(actor, group=g),
            lambda: s.give_peer_feedback(actor, g, p, "x"),
            lambda: s.peer_feedback(actor, g),
            lambda: s.create_goal(actor, owner=p, title="x"),
            lambda: s.goal(actor, 1),
            lambda: s.update_goal(actor, 1, title="x"),
            lambda: s.set_goal_status(actor, 1, libgrp.GoalStatus.ACTIVE),
            lambda: s.add_goal_step(actor, 1, "x"),
            lambda: s.set_goal_step_done(actor, 1),
            lambda: s.add_goal_progress(actor, 1, D(2026, 1, 1), 5),
            lambda: s.goal_progress(actor, 1),
            lambda: s.goals(actor),
            lambda: s.add_note(actor, jan, "x"),
            lambda: s.notes(actor, jan),
            lambda: s.raise_theme(actor, g, "x"),
            lambda: s.set_theme_status(actor, 1, libgrp.ThemeStatus.RAISED),
            lambda: s.themes(actor, group=g),
            lambda: s.audit(actor),
            lambda: s.export_person(actor, p),
            lambda: s.erase_person(actor, p),
            lambda: s.events_since(actor),
            lambda: s.prune_events(actor, 1),
            lambda: s.reminders_low_engagement(actor, last_n=3, threshold=0.5),
            lambda: s.reminders_goals_due(actor, D(2026, 1, 1), D(2026, 2, 1)),
            lambda: s.reminders_feedback_pending(actor),
        ]

    def test_actor_is_required(self):
        for bad in (None, self.people[0], self.people[0].id, (0, 0), "system", libgrp.ActorKind.SYSTEM):
            for i, call in enumerate(self.calls(bad)):
                with self.subTest(actor=bad, call=i):
                    with self.assertRaises(TypeError) as cm:
                        call()
                    self.assertIn("actor must be a libgrp.Actor", str(cm.exception))
        self.assertEqual(self.store.last_event_seq(), 5)  # nothing was written

    def test_actor_of_a_missing_person(self):
        ghost = libgrp.Actor.person(999)
        with self.assertRaises(libgrp.NotFoundError):
            self.store.goal(ghost, 1)
        with self.assertRaises(libgrp.NotFoundError):
            list(self.store.goals(ghost))

    def test_wrong_types(self):
        s, a, jan = self.store, self.system, self.sessions[0]
        cases = [
            (s.hours, (self.group,)),  # a Group is not a Person
            (s.hours, (self.people[0], 20260101)),
            (s.hours_totals, ("1",)),
            (s.sign_hours, (1, self.fay, 20260110)),
            (s.rota_assign, (jan, "Asha")),
            (s.rota_plan, (self.group, 0, 1)),
            (s.set_hours_rule, (self.group, None)),
            (s.export_ical, ("1",)),
            (s.add_org_admin, (self.org, None)),
            (s.is_org_admin, (self.group, self.people[0])),
            (s.feedback_form, (1.0,)),
            (s.goal, (a, "1")),
            (s.add_goal_progress, (a, 1, 20260101, 5)),
            (s.add_note, (a, jan, b"bytes")),
            (s.events_since, (a, "0")),
            (s.events_since, (a, 0, True)),
            (s.prune_events, (a, 1.5)),
            (s.emit_due, (D(2026, 1, 1), "7")),
            (s.reminders_waitlist, (None,)),
            (s.reminders_sessions, (D(2026, 1, 1), D(2026, 2, 1))),
            (s.audit, (a, None)),
            (s.themes, (a,), {"org": self.group}),
            (s.goals, (a,), {"overdue_on": 5}),
        ]
        for case in cases:
            fn, args = case[0], case[1]
            kwargs = case[2] if len(case) > 2 else {}
            with self.subTest(fn=fn.__name__, args=args):
                with self.assertRaises(TypeError):
                    fn(*args, **kwargs)
        with self.assertRaises(TypeError):
            s.create_goal(a, owner=self.people[0], title="x", target_date=datetime.datetime(2026, 1, 1))
        with self.assertRaises(TypeError):
            s.create_goal(a, owner=self.people[0], title=5)
        with self.assertRaises(TypeError):
            s.create_goal(a, owner=self.people[0], title="x", visibility="group")
        with self.assertRaises(OverflowError):
            s.prune_events(a, 2 ** 70)
        with self.assertRaises(ValueError):  # unencodable
            s.add_note(self.asha, jan, "bad \udcff")
        with self.assertRaises(ValueError):
            s.raise_theme(self.asha, self.group, "nul\x00inside")
        long_text = "x" * (1024 * 1024)
        with self.assertRaises(libgrp.InvalidError) as cm:
            s.add_note(self.asha, jan, long_text)
        self.assertLess(len(str(cm.exception)), 1000)
        with self.assertRaises(libgrp.InvalidError):
            s.create_goal(self.asha, owner=self.people[0], title="x", description=long_text)

    def test_new_snapshot_classes_are_not_constructible(self):
        for cls in (libgrp.HoursEntry, libgrp.FeedbackForm, libgrp.FeedbackResponse, libgrp.FeedbackSummary,
                    libgrp.PeerFeedback, libgrp.Goal, libgrp.GoalProgress, libgrp.Note, libgrp.Theme,
                    libgrp.Reminder, libgrp.AuditEntry):
            with self.subTest(cls=cls.__name__):
                with self.assertRaises(TypeError):
                    cls()
        for name in ("grp_goal", "grp_event", "grp_reminder", "grp_feedback_summary", "grp_hours_entry"):
            with self.assertRaises(TypeError):
                getattr(c, name)()

    def test_after_close(self):
        s, a = self.store, self.system
        goal = s.create_goal(self.asha, owner=self.people[0], title="Outlives the store")
        s.add_goal_step(self.asha, goal, "Step")
        self.attend(self.sessions[0], self.people[:1])
        entries = s.hours(self.people[0])
        events = s.events_since(a)
        first_event = next(events)
        audit = s.audit(a)
        form = s.feedback_form(s.default_feedback_form())
        goal = s.goal(a, goal)
        s.close()
        calls = [
            lambda: s.goal(a, 1), lambda: s.goals(a), lambda: s.hours(1), lambda: s.hours_rule(1),
            lambda: s.set_hours_rule(1, libgrp.HoursMode.FULL), lambda: s.presenter(1),
            lambda: s.rota_plan(1, utc(2026, 1, 1), utc(2026, 2, 1)), lambda: s.export_ical(1),
            lambda: s.export_ical_to_file(1, "/tmp/never.ics"), lambda: s.is_org_admin(1, 1),
            lambda: s.default_feedback_form(), lambda: s.feedback_summary(a, group=1),
            lambda: s.submit_feedback(self.asha, 1, [5]), lambda: s.events_since(a), lambda: s.last_event_seq(),
            lambda: s.emit_due(D(2026, 1, 1)), lambda: s.set_event_callback(None), lambda: s.audit(a),
            lambda: s.export_person(a, 1), lambda: s.reminders_waitlist(D(2026, 1, 1)),
            lambda: s.reminders_under_quorum(), lambda: s.notes(a, 1), lambda: s.themes(a, group=1),
        ]
        for i, call in enumerate(calls):
            with self.subTest(call=i):
                with self.assertRaises(libgrp.ClosedError):
                    call()
        gc.collect()
        # snapshots and iterators stay readable
        self.assertEqual(len(list(entries)), 1)
        self.assertEqual(first_event.kind, libgrp.EventKind.MEMBER_JOINED)
        self.assertGreater(len(list(events)), 3)
        self.assertGreater(len(list(audit)), 3)
        self.assertEqual(len(form.items), 4)
        self.assertEqual((goal.title, len(goal.steps)), ("Outlives the store", 1))

    def test_collection_order(self):
        s = self.store
        goal = s.create_goal(self.asha, owner=self.people[0], title="G")
        objects = [s.goal(self.system, goal), s.goals(self.system), s.events_since(self.system),
                   s.reminders_sessions(utc(2026, 1, 1), utc(2026, 3, 1)), s.audit(self.system),
                   s.feedback_form(1), s.hours(self.people[0])]
        ref = weakref.ref(s)
        del s
        self.store = libgrp.open(":memory:")  # for tearDown
        gc.collect()
        self.assertIsNone(ref())
        self.assertEqual(objects[0].title, "G")
        self.assertEqual(len(list(objects[3])), 2)
        objects.reverse()
        del objects
        gc.collect()


class AfterClose(StoreTest):
    def test_store_use_after_close_raises(self):
        self.store.close()
        calls = [
            lambda s: s.get_org(1), lambda s: s.create_org("x"), lambda s: list(s.orgs()),
            lambda s: s.begin(), lambda s: s.commit(), lambda s: s.schema_version,
            lambda s: s.join(1, 1, D(2026, 1, 1)), lambda s: s.update_group(1, capacity=3),
            lambda s: s.transaction().__enter__(), lambda s: s.attendance_stats(1, libgrp.now(), libgrp.now()),
        ]
        for call in calls:
            with self.assertRaises(libgrp.ClosedError):
                call(self.store)

    def test_snapshots_and_iterators_outlive_the_store(self):
        for p in self.people[:3]:
            self.store.join(self.group, p, D(2026, 1, 6))
        members = self.store.members(self.group, on=D(2026, 1, 6))
        first = next(members)
        orgs = self.store.orgs()
        group = self.store.get_group(self.group.id)
        self.store.close()
        gc.collect()
        self.assertEqual(group.name, "Front-line GRP")
        self.assertEqual(group.eligible_roles, ())
        self.assertEqual(first.began, D(2026, 1, 6))
        self.assertEqual(len(list(members)), 2)  # the rest of the rows
        self.assertEqual([o.name for o in orgs], ["Northfield University"])
        self.assertEqual(self.org.name, "Northfield University")

    def test_low_level_close_clears_the_handle(self):
        h = c.grp_store_open(":memory:", None)
        c.grp_store_close(h)
        c.grp_store_close(h)  # twice: a no-op
        with self.assertRaises(libgrp.ClosedError):
            c.grp_store_begin(h)
        with self.assertRaises(libgrp.ClosedError):
            c.grp_store_transaction_depth(h)
        del h
        gc.collect()


class Iteration(StoreTest):
    def test_exhausted_iterator_stays_exhausted(self):
        it = self.store.people(self.org)
        self.assertIs(iter(it), it)
        self.assertEqual(len(list(it)), 4)
        self.assertEqual(list(it), [])
        with self.assertRaises(StopIteration):
            next(it)

    def test_closed_iterator(self):
        it = self.store.people()
        next(it)
        it.close()
        self.assertEqual(list(it), [])
        with self.store.orgs() as orgs:
            self.assertEqual(next(orgs).name, "Northfield University")
        self.assertEqual(list(orgs), [])

    def test_low_level_step_after_end(self):
        it = c.grp_org_iterator_new(self.store._h, 0)
        self.assertIsNotNone(c.grp_org_iterator_next(it))
        self.assertIsNone(c.grp_org_iterator_next(it))
        self.assertIsNone(c.grp_org_iterator_next(it))  # GRP_ITEROVER again, not a crash

    def test_changes_during_iteration(self):
        it = self.store.people(self.org)
        self.store.create_person(self.org, "Late")
        self.assertEqual(len(list(it)), 4)  # rows were read when the iterator was made


class CollectionOrder(unittest.TestCase):
    def make(self):
        store = libgrp.open(":memory:")
        org = store.create_org("O")
        group = store.create_group(org=org, name="G", timezone="UTC", location="R", status=libgrp.GroupStatus.ACTIVE)
        person = store.create_person(org, "P")
        stint = store.join(group, person, D(2026, 1, 1))
        it = store.members(group, on=D(2026, 1, 1))
        tz = libgrp.TimeZone("UTC")
        rule = libgrp.RRule("FREQ=DAILY")
        occurrences = rule.occurrences(datetime.datetime(2026, 1, 1))
        return store, [org, group, person, stint, it, tz, rule, occurrences]

    def test_store_collected_first(self):
        store, objects = self.make()
        ref = weakref.ref(store)
        del store
        gc.collect()
        self.assertIsNone(ref())  # collected while its objects live (closed by the destructor)
        org, group, person, stint, it, tz, rule, occurrences = objects
        self.assertEqual((org.name, group.name, person.display_name, stint.state),
                         ("O", "G", "P", libgrp.MembershipState.ACTIVE))
        self.assertEqual(len(list(it)), 1)
        self.assertEqual(next(occurrences), datetime.datetime(2026, 1, 1))
        del objects, org, group, person, stint, it, tz, rule, occurrences
        gc.collect()

    def test_objects_collected_first_then_store(self):
        store, objects = self.make()
        del objects
        gc.collect()
        self.assertEqual(store.get_org(1).name, "O")
        store.close()

    def test_reverse_and_cycles(self):
        for order in range(3):
            store, objects = self.make()
            holder = {"store": store, "objects": objects}
            holder["self"] = holder  # a cycle: only the cycle collector frees it
            if order == 1:
                objects.reverse()
            if order == 2:
                store.close()
            del store, objects, holder
            gc.collect()

    def test_rule_and_zone_freed_before_their_iterator(self):
        rule = libgrp.RRule("FREQ=WEEKLY;UNTIL=20260201T000000Z")
        tz = libgrp.TimeZone("Europe/London")
        it = rule.occurrences(datetime.datetime(2026, 1, 1, 9), tz=tz)
        del rule, tz
        gc.collect()
        self.assertEqual(len(list(it)), 5)


class Threads(unittest.TestCase):
    def test_shared_store(self):
        """Several threads on one Store: calls are serialised, nothing is lost."""
        store = libgrp.open(":memory:")
        org = store.create_org("O")
        errors = []

        def work(n):
            try:
                for i in range(50):
                    p = store.create_person(org, f"T{n}-{i}")
                    self.assertEqual(store.get_person(p.id).display_name, f"T{n}-{i}")
                    list(store.people(org))
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(list(store.people(org))), 200)
        store.close()

    def test_gil_released_while_waiting(self):
        """A call waiting for another writer does not stop other Python threads."""
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "locked.db")
            holder = libgrp.open(path)
            waiter = libgrp.open(path, busy_timeout_ms=1500)
            holder.begin()  # takes the write lock
            waited = []

            def wait():
                start = time.monotonic()
                with self.assertRaises(libgrp.BusyError):
                    waiter.begin()
                waited.append(time.monotonic() - start)

            t = threading.Thread(target=wait)
            t.start()
            longest_pause = 0.0
            last = time.monotonic()
            while t.is_alive():  # this thread keeps running Python meanwhile
                now = time.monotonic()
                longest_pause = max(longest_pause, now - last)
                last = now
            t.join()
            holder.rollback()
            holder.close()
            waiter.close()
        self.assertGreaterEqual(waited[0], 1.4)
        self.assertLess(longest_pause, 0.5)

    def test_close_while_others_work(self):
        store = libgrp.open(":memory:")
        org = store.create_org("O")
        outcomes = []

        def work():
            try:
                for _ in range(200):
                    store.create_person(org, "x")
            except libgrp.ClosedError:
                outcomes.append("closed")
            else:
                outcomes.append("done")

        threads = [threading.Thread(target=work) for _ in range(3)]
        for t in threads:
            t.start()
        store.close()
        for t in threads:
            t.join()
        self.assertEqual(len(outcomes), 3)
        self.assertTrue(set(outcomes) <= {"closed", "done"})


if __name__ == "__main__":
    unittest.main()
