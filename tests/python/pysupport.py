"""Shared fixtures of the Python binding tests (stdlib unittest only).

The tests import the package `libgrp` from PYTHONPATH (CTest points it at
the build tree's site/ directory, or at an installed copy).
"""

import datetime
import os
import shutil
import tempfile
import unittest

import libgrp

D = datetime.date
DT = datetime.datetime
UTC = datetime.timezone.utc

SOURCE_DIR = os.environ.get(
    "GRP_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))


class StoreTest(unittest.TestCase):
    """A fresh in-memory store with one organisation, an active group in
    Europe/London and four people, per test."""

    capacity = 8

    def setUp(self):
        self.store = libgrp.open(":memory:")
        self.org = self.store.create_org("Northfield University", "NU")
        self.group = self.store.create_group(
            org=self.org, name="Front-line GRP", timezone="Europe/London", location="Room 2.14",
            status=libgrp.GroupStatus.ACTIVE, capacity=self.capacity)
        self.people = [self.store.create_person(self.org, name, job_role="adviser")
                       for name in ("Asha", "Ben", "Chen", "Dara")]

    def tearDown(self):
        self.store.close()


class TempDirTest(unittest.TestCase):
    """A private temporary directory per test."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="libgrp-py-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)


def utc(*args):
    """An aware UTC datetime."""
    return datetime.datetime(*args, tzinfo=UTC)


class GroupTest(StoreTest):
    """StoreTest plus a facilitator (Fay), an organisation admin (Omar), the
    first three people as members from 2026-01-01, a monthly cadence (first
    Tuesday, 14:00 London) and the actors of all of them.

    self.sessions: the computed sessions of January to April 2026 (6 Jan,
    3 Feb, 3 Mar, 7 Apr), not stored yet.
    """

    min_cohort = 3

    def setUp(self):
        self.store = libgrp.open(":memory:", min_cohort=self.min_cohort)
        s = self.store
        self.org = s.create_org("Northfield University", "NU")
        self.group = s.create_group(org=self.org, name="Front-line GRP", timezone="Europe/London",
                                    location="Room 2.14", status=libgrp.GroupStatus.ACTIVE, capacity=self.capacity)
        self.people = [s.create_person(self.org, name, job_role="adviser") for name in ("Asha", "Ben", "Chen", "Dara")]
        self.fay = s.create_person(self.org, "Fay", job_role="psychologist")
        self.omar = s.create_person(self.org, "Omar", job_role="manager")
        s.join(self.group, self.fay, D(2026, 1, 1), role=libgrp.MemberRole.FACILITATOR)
        for p in self.people[:3]:
            s.join(self.group, p, D(2026, 1, 1))
        s.add_org_admin(self.org, self.omar)
        s.set_cadence(self.group, "FREQ=MONTHLY;BYDAY=1TU", D(2026, 1, 1), datetime.time(14, 0))
        self.sessions = list(s.sessions(self.group, utc(2026, 1, 1), utc(2026, 5, 1)))
        self.system = libgrp.Actor.system()
        self.asha, self.ben, self.chen, self.dara = (libgrp.Actor.person(p) for p in self.people)
        self.facilitator = libgrp.Actor.person(self.fay)
        self.admin = libgrp.Actor.person(self.omar)

    def attend(self, session, people, status=libgrp.AttendanceStatus.PRESENT):
        for p in people:
            self.store.record_attendance(session, p, status)
