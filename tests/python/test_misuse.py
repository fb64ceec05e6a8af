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
from pysupport import D, StoreTest


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
