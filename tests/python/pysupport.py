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
