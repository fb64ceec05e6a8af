"""Organisations, people and groups: create, get, find, update, archive, list."""

import unittest

import libgrp
from pysupport import StoreTest


class Organisations(StoreTest):
    def test_create_and_read(self):
        org = self.store.create_org("Southbank Trust", external_ref="SBT-1")
        self.assertIsInstance(org, libgrp.Organisation)
        self.assertEqual((org.name, org.external_ref, org.archived), ("Southbank Trust", "SBT-1", False))
        self.assertGreater(org.id, 0)
        self.assertEqual(self.store.get_org(org.id), org)
        self.assertEqual(self.store.find_org("SBT-1").name, "Southbank Trust")
        self.assertIsNone(self.store.create_org("No ref").external_ref)
        self.assertEqual(repr(org), f"<Organisation id={org.id} 'Southbank Trust'>")

    def test_update(self):
        org = self.store.create_org("Old", "R1")
        renamed = self.store.update_org(org, name="New")
        self.assertEqual((renamed.name, renamed.external_ref), ("New", "R1"))
        self.assertEqual(org.name, "Old")  # snapshots do not change
        cleared = self.store.update_org(org.id, external_ref=None)
        self.assertEqual((cleared.name, cleared.external_ref), ("New", None))
        self.assertEqual(self.store.update_org(org, external_ref="R2").external_ref, "R2")
        with self.assertRaises(libgrp.ExistsError):
            self.store.update_org(org, external_ref="NU")
        with self.assertRaises(libgrp.NotFoundError):
            self.store.update_org(999, name="x")

    def test_archive_and_list(self):
        extra = self.store.create_org("Extra")
        self.assertEqual([o.name for o in self.store.orgs()], ["Northfield University", "Extra"])
        self.store.archive_org(extra)
        self.store.archive_org(extra)  # twice is fine
        self.assertEqual([o.name for o in self.store.orgs()], ["Northfield University"])
        listed = list(self.store.orgs(include_archived=True))
        self.assertEqual([o.name for o in listed], ["Northfield University", "Extra"])
        self.assertTrue(listed[1].archived)
        self.assertTrue(self.store.get_org(extra.id).archived)
        with self.assertRaises(libgrp.NotFoundError):
            self.store.archive_org(999)


class People(StoreTest):
    def test_create_and_read(self):
        p = self.store.create_person(self.org, "Ela Nowak", job_role="Nurse", email="ela@example.org",
                                     external_ref="E-7")
        self.assertIsInstance(p, libgrp.Person)
        self.assertEqual((p.org_id, p.display_name, p.job_role, p.email, p.external_ref, p.archived),
                         (self.org.id, "Ela Nowak", "Nurse", "ela@example.org", "E-7", False))
        self.assertEqual(self.store.get_person(p.id), p)
        self.assertEqual(self.store.find_person(self.org, "E-7").id, p.id)
        self.assertEqual(self.store.find_person(self.org.id, "E-7").id, p.id)
        self.assertEqual(p.spec(), {"org": self.org.id, "display_name": "Ela Nowak", "job_role": "Nurse",
                                    "email": "ela@example.org", "external_ref": "E-7"})
        minimal = self.store.create_person(self.org, "Min")
        self.assertEqual((minimal.job_role, minimal.email, minimal.external_ref), (None, None, None))

    def test_validation(self):
        with self.assertRaises(libgrp.InvalidError):
            self.store.create_person(self.org, "Bad", email="no-at-sign")
        with self.assertRaises(libgrp.NotFoundError):
            self.store.create_person(999, "Nobody's")
        self.store.create_person(self.org, "X", external_ref="dup")
        with self.assertRaises(libgrp.ExistsError):
            self.store.create_person(self.org, "Y", external_ref="dup")

    def test_update(self):
        p = self.people[0]
        q = self.store.update_person(p, email="asha@example.org", job_role=None)
        self.assertEqual((q.display_name, q.email, q.job_role), ("Asha", "asha@example.org", None))
        other = self.store.create_org("Other")
        moved = self.store.update_person(p.id, org=other)
        self.assertEqual(moved.org_id, other.id)
        with self.assertRaises(TypeError):
            self.store.update_person(p, nickname="A")
        with self.assertRaises(libgrp.InvalidError):
            self.store.update_person(p, display_name="")

    def test_archive_and_list(self):
        other = self.store.create_org("Other")
        stranger = self.store.create_person(other, "Stranger")
        self.assertEqual([p.display_name for p in self.store.people(self.org)],
                         ["Asha", "Ben", "Chen", "Dara"])
        self.assertEqual(len(list(self.store.people())), 5)
        self.assertEqual([p.id for p in self.store.people(other.id)], [stranger.id])
        self.store.archive_person(self.people[1])
        self.assertEqual([p.display_name for p in self.store.people(self.org)], ["Asha", "Chen", "Dara"])
        archived = [p for p in self.store.people(self.org, include_archived=True) if p.archived]
        self.assertEqual([p.display_name for p in archived], ["Ben"])


class Groups(StoreTest):
    def test_defaults_come_from_c(self):
        g = self.group
        self.assertEqual(g.kind, libgrp.GroupKind.REFLECTIVE_PRACTICE)
        self.assertEqual(g.status, libgrp.GroupStatus.ACTIVE)
        self.assertEqual(g.capacity_policy, libgrp.CapacityPolicy.HARD)
        self.assertEqual(g.membership_policy, libgrp.MembershipPolicy.OPEN)
        self.assertEqual(g.delivery, libgrp.Delivery.IN_PERSON)
        self.assertEqual((g.quorum, g.session_minutes, g.allow_other_orgs, g.eligible_roles),
                         (0, 90, False, ()))
        plain = self.store.create_group(org=self.org, name="Plain", timezone="UTC", location="Hall")
        self.assertEqual(plain.capacity, libgrp.DEFAULT_CAPACITY)
        self.assertEqual(plain.status, libgrp.GroupStatus.FORMING)
        self.assertEqual(libgrp.DEFAULT_CAPACITY, 8)
        self.assertEqual(libgrp.MAX_CAPACITY, 1000)

    def test_all_settings(self):
        g = self.store.create_group(
            org=self.org, name="Clinical", timezone="Europe/Dublin",
            kind=libgrp.GroupKind.CLINICAL_SUPERVISION, status=libgrp.GroupStatus.FORMING, capacity=6,
            capacity_policy=libgrp.CapacityPolicy.WAITLIST, quorum=3,
            membership_policy=libgrp.MembershipPolicy.APPROVAL, allow_other_orgs=True,
            eligible_roles=["Nurse", "Midwife"], delivery=libgrp.Delivery.HYBRID, location="Ward 3",
            meeting_link="https://meet.example.org/clinical", session_minutes=60)
        self.assertEqual(g.spec(), {
            "org": self.org.id, "name": "Clinical", "kind": libgrp.GroupKind.CLINICAL_SUPERVISION,
            "status": libgrp.GroupStatus.FORMING, "capacity": 6,
            "capacity_policy": libgrp.CapacityPolicy.WAITLIST, "quorum": 3,
            "membership_policy": libgrp.MembershipPolicy.APPROVAL, "allow_other_orgs": True,
            "eligible_roles": ["Nurse", "Midwife"], "delivery": libgrp.Delivery.HYBRID,
            "location": "Ward 3", "meeting_link": "https://meet.example.org/clinical",
            "timezone": "Europe/Dublin", "session_minutes": 60})
        self.assertEqual(g.eligible_roles, ("Nurse", "Midwife"))
        self.assertEqual(g.org_id, self.org.id)
        self.assertEqual((g.location, g.meeting_link, g.timezone), ("Ward 3", "https://meet.example.org/clinical",
                                                                    "Europe/Dublin"))
        self.assertIs(g.allow_other_orgs, True)
        clone = self.store.create_group(**dict(g.spec(), name="Clone"))  # spec() round-trips
        self.assertEqual(dict(clone.spec(), name="Clinical"), g.spec())

    def test_validation_names_the_field(self):
        cases = [
            (dict(capacity=0), "capacity"),
            (dict(capacity=libgrp.MAX_CAPACITY + 1), "capacity"),
            (dict(quorum=99), "quorum"),
            (dict(delivery=libgrp.Delivery.ONLINE), "meeting_link"),
            (dict(timezone="Nowhere/Special"), "timezone"),
            (dict(name=""), "name"),
            (dict(kind=42), "kind"),
        ]
        for change, field in cases:
            with self.subTest(change=change):
                kwargs = dict(org=self.org, name="G", timezone="UTC", location="Room")
                kwargs.update(change)
                with self.assertRaises(libgrp.InvalidError) as cm:
                    self.store.create_group(**kwargs)
                self.assertIn(field, str(cm.exception))
        with self.assertRaises(libgrp.NotFoundError):
            self.store.create_group(org=999, name="G", timezone="UTC", location="Room")

    def test_update_and_status(self):
        g = self.store.update_group(self.group, capacity=4, eligible_roles=("adviser",))
        self.assertEqual((g.capacity, g.eligible_roles, g.name), (4, ("adviser",), "Front-line GRP"))
        with self.assertRaises(TypeError):
            self.store.update_group(self.group, colour="blue")
        with self.assertRaises(TypeError):
            self.store.update_group(self.group, eligible_roles="adviser")  # a str is not a list
        self.store.set_group_status(self.group, libgrp.GroupStatus.PAUSED)
        self.assertEqual(self.store.get_group(self.group.id).status, libgrp.GroupStatus.PAUSED)
        with self.assertRaises(libgrp.InvalidError):
            self.store.set_group_status(self.group, 17)
        with self.assertRaises(libgrp.NotFoundError):
            self.store.update_group(999, capacity=3)

    def test_archive_and_list(self):
        other = self.store.create_org("Other")
        g2 = self.store.create_group(org=other, name="Theirs", timezone="UTC", location="Room")
        self.assertEqual([g.name for g in self.store.groups()], ["Front-line GRP", "Theirs"])
        self.assertEqual([g.name for g in self.store.groups(other)], ["Theirs"])
        self.store.archive_group(g2)
        self.assertEqual([g.name for g in self.store.groups()], ["Front-line GRP"])
        archived = self.store.get_group(g2.id)
        self.assertTrue(archived.archived)
        self.assertEqual(archived.status, libgrp.GroupStatus.CLOSED)
        self.assertEqual(len(list(self.store.groups(include_archived=True))), 2)


if __name__ == "__main__":
    unittest.main()
