"""Every exception class, raised by a real call where the C API can produce
its code today; the class hierarchy, str(), repr(), pickling."""

import datetime
import os
import pickle
import sqlite3
import threading
import unittest

import libgrp
from libgrp import _libgrp as c
from pysupport import D, StoreTest, TempDirTest


class RealCalls(StoreTest, TempDirTest):
    def setUp(self):
        StoreTest.setUp(self)
        TempDirTest.setUp(self)

    def tearDown(self):
        StoreTest.tearDown(self)
        TempDirTest.tearDown(self)

    def check(self, exc, cls, code, builtin=None):
        self.assertIs(type(exc), cls)
        self.assertIsInstance(exc, libgrp.Error)
        if builtin is not None:
            self.assertIsInstance(exc, builtin)
        self.assertEqual(exc.code, code)
        self.assertEqual(exc.name, "GRP_" + libgrp.ErrorCode(code).name)
        self.assertTrue(exc.message)
        self.assertEqual(str(exc), exc.message)

    def test_not_found(self):
        with self.assertRaises(libgrp.NotFoundError) as cm:
            self.store.get_org(999)
        self.check(cm.exception, libgrp.NotFoundError, libgrp.ErrorCode.ENOTFOUND, KeyError)
        self.assertEqual(str(cm.exception), "no organisation with id 999")  # not quoted like KeyError's
        with self.assertRaises(KeyError):
            self.store.find_org("nope")

    def test_invalid(self):
        with self.assertRaises(libgrp.InvalidError) as cm:
            self.store.create_org("")
        self.check(cm.exception, libgrp.InvalidError, libgrp.ErrorCode.EINVAL, ValueError)
        self.assertIn("name", str(cm.exception))
        with self.assertRaises(ValueError):
            libgrp.add_days(D(9999, 12, 31), 1)

    def test_parse_error_is_invalid(self):
        with self.assertRaises(libgrp.ParseError) as cm:
            libgrp.parse_date("2026-02-30")
        self.check(cm.exception, libgrp.ParseError, libgrp.ErrorCode.EPARSE, ValueError)
        self.assertIsInstance(cm.exception, libgrp.InvalidError)
        with self.assertRaises(libgrp.InvalidError):  # a bad date given as text to a store call
            self.store.join(self.group, self.people[0], "2026-02-30")

    def test_unsupported(self):
        with self.assertRaises(libgrp.UnsupportedError) as cm:
            libgrp.RRule("FREQ=HOURLY")
        self.check(cm.exception, libgrp.UnsupportedError, libgrp.ErrorCode.EUNSUPPORTED, ValueError)

    def test_exists(self):
        with self.assertRaises(libgrp.ExistsError) as cm:
            self.store.create_org("Other", "NU")
        self.check(cm.exception, libgrp.ExistsError, libgrp.ErrorCode.EEXISTS, ValueError)

    def test_storage(self):
        with self.assertRaises(libgrp.StorageError) as cm:
            libgrp.open(os.path.join(self.tmp, "no", "such", "dir", "x.db"))
        self.check(cm.exception, libgrp.StorageError, libgrp.ErrorCode.ESTORAGE, OSError)

    def test_not_a_store(self):
        text = self.path("notes.txt")
        with open(text, "w") as f:
            f.write("this is not a database\n" * 10)
        with self.assertRaises(libgrp.NotAStoreError) as cm:
            libgrp.open(text)
        self.check(cm.exception, libgrp.NotAStoreError, libgrp.ErrorCode.ENOTSTORE, OSError)
        self.assertIsInstance(cm.exception, libgrp.StorageError)
        with open(text) as f:  # a refused file is never written
            self.assertEqual(f.read(), "this is not a database\n" * 10)
        other = self.path("other.db")
        con = sqlite3.connect(other)
        con.execute("CREATE TABLE t (a)")
        con.commit()
        con.close()
        with self.assertRaises(libgrp.NotAStoreError):
            libgrp.open(other)

    def test_version(self):
        path = self.path("newer.db")
        libgrp.open(path).close()
        con = sqlite3.connect(path)
        con.execute("PRAGMA user_version = 999")
        con.commit()
        con.close()
        with self.assertRaises(libgrp.VersionError) as cm:
            libgrp.open(path)
        self.check(cm.exception, libgrp.VersionError, libgrp.ErrorCode.EVERSION, OSError)
        self.assertIn("newer libgrp", str(cm.exception))

    def test_busy(self):
        path = self.path("busy.db")
        with libgrp.open(path) as a, libgrp.open(path, busy_timeout_ms=0) as b:
            a.begin()
            with self.assertRaises(libgrp.BusyError) as cm:
                b.begin()
            self.check(cm.exception, libgrp.BusyError, libgrp.ErrorCode.EBUSY, OSError)
            a.rollback()
            b.begin()
            b.rollback()

    def test_read_only(self):
        path = self.path("ro.db")
        libgrp.open(path).close()
        with libgrp.open(path, readonly=True) as store:
            with self.assertRaises(libgrp.ReadOnlyError) as cm:
                store.create_org("X")
            self.check(cm.exception, libgrp.ReadOnlyError, libgrp.ErrorCode.EREADONLY, PermissionError)
            self.assertIsInstance(cm.exception, libgrp.StorageError)

    def test_state(self):
        with self.assertRaises(libgrp.StateError) as cm:
            self.store.commit()
        self.check(cm.exception, libgrp.StateError, libgrp.ErrorCode.ESTATE)
        m = self.store.join(self.group, self.people[0], D(2026, 1, 6))
        with self.assertRaises(libgrp.StateError):
            self.store.approve(m, D(2026, 1, 7))

    def test_closed(self):
        self.store.close()
        with self.assertRaises(libgrp.ClosedError) as cm:
            self.store.get_org(1)
        self.check(cm.exception, libgrp.ClosedError, libgrp.ErrorCode.ECLOSED, ValueError)

    def test_closed_low_level(self):
        h = c.grp_store_open(":memory:", None)
        c.grp_store_close(h)
        with self.assertRaises(libgrp.ClosedError) as cm:
            c.grp_org_get(h, 1)
        self.check(cm.exception, libgrp.ClosedError, libgrp.ErrorCode.ECLOSED, ValueError)


class Rules(StoreTest):
    capacity = 1

    def refusal(self, rule, code, fn, *args, **kwargs):
        with self.assertRaises(libgrp.RuleError) as cm:
            fn(*args, **kwargs)
        e = cm.exception
        self.assertIs(type(e), libgrp.RuleError)
        self.assertEqual(e.rule, rule)
        self.assertEqual(e.code, code)
        self.assertTrue(e.message)
        return e

    def test_full(self):
        self.store.join(self.group, self.people[0], D(2026, 1, 6))
        e = self.refusal("full", libgrp.ErrorCode.ERULE_FULL, self.store.join, self.group, self.people[1],
                         D(2026, 1, 6))
        self.assertEqual(str(e), "capacity 1 reached in group 'Front-line GRP'")
        self.assertEqual(e.name, "GRP_ERULE_FULL")

    def test_already(self):
        self.store.join(self.group, self.people[0], D(2026, 1, 6))
        self.refusal("already", libgrp.ErrorCode.ERULE_ALREADY, self.store.join, self.group, self.people[0],
                     D(2026, 1, 7))

    def test_inactive(self):
        self.store.set_group_status(self.group, libgrp.GroupStatus.PAUSED)
        self.refusal("inactive", libgrp.ErrorCode.ERULE_INACTIVE, self.store.join, self.group,
                     self.people[0], D(2026, 1, 6))

    def test_closed_policy(self):
        self.store.update_group(self.group, membership_policy=libgrp.MembershipPolicy.CLOSED)
        self.refusal("closed", libgrp.ErrorCode.ERULE_CLOSED, self.store.join, self.group, self.people[0],
                     D(2026, 1, 6))

    def test_other_org(self):
        other = self.store.create_org("Elsewhere")
        stranger = self.store.create_person(other, "Eve")
        self.refusal("org", libgrp.ErrorCode.ERULE_ORG, self.store.join, self.group, stranger, D(2026, 1, 6))
        self.store.update_group(self.group, allow_other_orgs=True)
        self.assertEqual(self.store.join(self.group, stranger, D(2026, 1, 6)).state,
                         libgrp.MembershipState.ACTIVE)

    def test_role(self):
        self.store.update_group(self.group, eligible_roles=["nurse", "midwife"])
        self.refusal("role", libgrp.ErrorCode.ERULE_ROLE, self.store.join, self.group, self.people[0],
                     D(2026, 1, 6))


class Classes(unittest.TestCase):
    """Codes that no call of the current C API produces are checked through
    the extension's own raising path (the one every failed call takes)."""

    def raised(self, code, message="m"):
        with self.assertRaises(libgrp.Error) as cm:
            c._raise_error(code, message)
        return cm.exception

    def test_every_code_maps_to_its_class(self):
        expected = {
            libgrp.ErrorCode.ERROR: (libgrp.Error, Exception),
            libgrp.ErrorCode.EINVAL: (libgrp.InvalidError, ValueError),
            libgrp.ErrorCode.ENOMEM: (libgrp.OutOfMemoryError, MemoryError),
            libgrp.ErrorCode.ENOTFOUND: (libgrp.NotFoundError, KeyError),
            libgrp.ErrorCode.EEXISTS: (libgrp.ExistsError, ValueError),
            libgrp.ErrorCode.EACCESS: (libgrp.AccessDeniedError, PermissionError),
            libgrp.ErrorCode.ESTORAGE: (libgrp.StorageError, OSError),
            libgrp.ErrorCode.EBUSY: (libgrp.BusyError, OSError),
            libgrp.ErrorCode.EVERSION: (libgrp.VersionError, OSError),
            libgrp.ErrorCode.ENOTSTORE: (libgrp.NotAStoreError, OSError),
            libgrp.ErrorCode.EUNSUPPORTED: (libgrp.UnsupportedError, ValueError),
            libgrp.ErrorCode.EPARSE: (libgrp.ParseError, ValueError),
            libgrp.ErrorCode.ESUPPRESSED: (libgrp.SuppressedError, Exception),
            libgrp.ErrorCode.ECLOSED: (libgrp.ClosedError, ValueError),
            libgrp.ErrorCode.ESTATE: (libgrp.StateError, Exception),
            libgrp.ErrorCode.EREADONLY: (libgrp.ReadOnlyError, PermissionError),
            libgrp.ErrorCode.ERULE_FULL: (libgrp.RuleError, Exception),
            libgrp.ErrorCode.ERULE_CLOSED: (libgrp.RuleError, Exception),
            libgrp.ErrorCode.ERULE_ORG: (libgrp.RuleError, Exception),
            libgrp.ErrorCode.ERULE_ROLE: (libgrp.RuleError, Exception),
            libgrp.ErrorCode.ERULE_ALREADY: (libgrp.RuleError, Exception),
            libgrp.ErrorCode.ERULE_INACTIVE: (libgrp.RuleError, Exception),
        }
        for code, (cls, builtin) in expected.items():
            with self.subTest(code=code):
                e = self.raised(code, "what was wrong")
                self.assertIs(type(e), cls)
                self.assertIsInstance(e, builtin)
                self.assertEqual(e.code, code)
                self.assertEqual(str(e), "what was wrong")
                self.assertEqual(e.name, c.grp_error_name(code))
        # every code of the C enum is covered
        self.assertEqual(set(expected) | {libgrp.ErrorCode.OK, libgrp.ErrorCode.ITEROVER},
                         set(libgrp.ErrorCode))

    def test_rule_names(self):
        names = {libgrp.ErrorCode.ERULE_FULL: "full", libgrp.ErrorCode.ERULE_CLOSED: "closed",
                 libgrp.ErrorCode.ERULE_ORG: "org", libgrp.ErrorCode.ERULE_ROLE: "role",
                 libgrp.ErrorCode.ERULE_ALREADY: "already", libgrp.ErrorCode.ERULE_INACTIVE: "inactive"}
        for code, rule in names.items():
            self.assertEqual(self.raised(code).rule, rule)
        unknown_rule = self.raised(-27)  # a future GRP_ERULE_*
        self.assertIs(type(unknown_rule), libgrp.RuleError)
        self.assertEqual(unknown_rule.rule, "unknown")
        self.assertEqual(unknown_rule.code, -27)

    def test_unknown_code(self):
        e = self.raised(-99, "")
        self.assertIs(type(e), libgrp.Error)
        self.assertEqual(e.code, -99)
        self.assertEqual(e.name, "GRP_UNKNOWN")
        self.assertEqual(str(e), libgrp.strerror(-99))  # no message: the code's description

    def test_str_repr_pickle(self):
        e = libgrp.NotFoundError(libgrp.ErrorCode.ENOTFOUND, "no person with id 7")
        self.assertEqual(str(e), "no person with id 7")
        self.assertEqual(repr(e), "NotFoundError(-4, 'no person with id 7')")
        for exc in (e, libgrp.StorageError(-7, "disk full"), libgrp.RuleError(-20, "full up")):
            copy = pickle.loads(pickle.dumps(exc))
            self.assertIs(type(copy), type(exc))
            self.assertEqual((copy.code, copy.message, str(copy)), (exc.code, exc.message, str(exc)))
        self.assertEqual(pickle.loads(pickle.dumps(libgrp.RuleError(-20, "x"))).rule, "full")
        s = libgrp.StorageError(-7, "disk full")
        self.assertIsNone(s.errno)  # the libgrp code is not an errno
        self.assertEqual(s.args, ("disk full",))

    def test_strerror(self):
        self.assertEqual(libgrp.strerror(libgrp.ErrorCode.EINVAL), c.grp_strerror(-2))
        self.assertTrue(libgrp.strerror(-2))
        self.assertEqual(libgrp.error_for(-4, "x").__class__, libgrp.NotFoundError)

    def test_exceptions_per_thread(self):
        # The C error detail is per thread; each thread sees its own message.
        results = {}

        def work(i):
            with libgrp.open(":memory:") as store:
                try:
                    store.get_person(1000 + i)
                except libgrp.NotFoundError as e:
                    results[i] = str(e)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, {i: f"no person with id {1000 + i}" for i in range(8)})


if __name__ == "__main__":
    unittest.main()
