"""Store: opening with options, context manager, close, transactions."""

import os
import pathlib
import unittest

import libgrp
from pysupport import D, TempDirTest


class Opening(TempDirTest):
    def test_context_manager_closes(self):
        with libgrp.open(self.path("a.db")) as store:
            self.assertIsInstance(store, libgrp.Store)
            self.assertFalse(store.closed)
            store.create_org("A")
        self.assertTrue(store.closed)
        self.assertIn("closed", repr(store))
        # the data was committed and is there when reopened
        with libgrp.Store(self.path("a.db")) as again:
            self.assertEqual([o.name for o in again.orgs()], ["A"])

    def test_close_on_exception(self):
        with self.assertRaises(RuntimeError):
            with libgrp.open(self.path("b.db")) as store:
                raise RuntimeError("boom")
        self.assertTrue(store.closed)

    def test_close_twice(self):
        store = libgrp.open(":memory:")
        store.close()
        store.close()
        self.assertTrue(store.closed)

    def test_path_like_and_properties(self):
        p = pathlib.Path(self.tmp) / "c.db"
        with libgrp.open(p) as store:
            self.assertEqual(store.path, str(p))
            self.assertEqual(store.schema_version, libgrp.schema_latest())
            self.assertGreaterEqual(libgrp.schema_latest(), 1)
            self.assertEqual(store.min_cohort, 3)
            self.assertEqual(store.transaction_depth, 0)
        self.assertTrue(os.path.exists(p))

    def test_options(self):
        path = self.path("d.db")
        with libgrp.open(path, durability=libgrp.Durability.NORMAL, busy_timeout_ms=10, min_cohort=5) as s:
            self.assertEqual(s.min_cohort, 5)
        with self.assertRaises(libgrp.InvalidError):
            libgrp.open(path, min_cohort=0)
        with self.assertRaises(libgrp.InvalidError):
            libgrp.open(path, busy_timeout_ms=-1)
        with self.assertRaises(libgrp.InvalidError):
            libgrp.open(path, durability=7)
        with self.assertRaises(libgrp.InvalidError):
            libgrp.open("")

    def test_create_false(self):
        with self.assertRaises(libgrp.NotFoundError):
            libgrp.open(self.path("missing.db"), create=False)
        self.assertFalse(os.path.exists(self.path("missing.db")))

    def test_readonly(self):
        path = self.path("ro.db")
        with self.assertRaises(libgrp.NotFoundError):  # read-only never creates
            libgrp.open(path, readonly=True)
        with libgrp.open(path) as store:
            store.create_org("Kept")
        with libgrp.open(path, readonly=True) as ro:
            self.assertEqual([o.name for o in ro.orgs()], ["Kept"])
            with self.assertRaises(libgrp.ReadOnlyError):
                ro.create_org("No")
            with self.assertRaises(libgrp.ReadOnlyError):
                ro.begin()
        with self.assertRaises(libgrp.InvalidError):  # create and readonly exclude each other
            libgrp.open(path, readonly=True, create=True)

    def test_close_rolls_back_open_transaction(self):
        path = self.path("tx.db")
        store = libgrp.open(path)
        store.create_org("Committed")
        store.begin()
        store.create_org("Never committed")
        store.close()
        with libgrp.open(path) as again:
            self.assertEqual([o.name for o in again.orgs()], ["Committed"])

    def test_memory_stores_are_private(self):
        with libgrp.open(":memory:") as a, libgrp.open(":memory:") as b:
            a.create_org("Only in a")
            self.assertEqual(list(b.orgs()), [])


class Transactions(unittest.TestCase):
    def setUp(self):
        self.store = libgrp.open(":memory:")

    def tearDown(self):
        self.store.close()

    def names(self):
        return [o.name for o in self.store.orgs()]

    def test_begin_commit(self):
        self.store.begin()
        self.assertEqual(self.store.transaction_depth, 1)
        self.store.create_org("A")
        self.store.commit()
        self.assertEqual(self.store.transaction_depth, 0)
        self.assertEqual(self.names(), ["A"])

    def test_begin_rollback(self):
        self.store.begin()
        self.store.create_org("A")
        self.store.rollback()
        self.assertEqual(self.names(), [])
        with self.assertRaises(libgrp.StateError):
            self.store.rollback()

    def test_context_manager(self):
        with self.store.transaction() as s:
            self.assertIs(s, self.store)
            s.create_org("A")
            with s.transaction():  # nested: a savepoint
                self.assertEqual(s.transaction_depth, 2)
                s.create_org("B")
            with self.assertRaises(KeyError):
                with s.transaction():
                    s.create_org("C")
                    s.get_org(999)  # fails: only this level is undone
        self.assertEqual(self.names(), ["A", "B"])
        self.assertEqual(self.store.transaction_depth, 0)

    def test_context_manager_rolls_back(self):
        with self.assertRaises(ZeroDivisionError):
            with self.store.transaction():
                self.store.create_org("A")
                1 / 0
        self.assertEqual(self.names(), [])
        self.assertEqual(self.store.transaction_depth, 0)



if __name__ == "__main__":
    unittest.main()
