"""Membership: join, approval, waitlist, leave, rosters on dates, history."""

import unittest

import libgrp
from pysupport import D, StoreTest

S = libgrp.MembershipState


class Joining(StoreTest):
    capacity = 2

    def names(self, stints):
        return [self.store.get_person(m.person_id).display_name for m in stints]

    def test_join_returns_the_stint(self):
        m = self.store.join(self.group, self.people[0], D(2026, 1, 6), reason="referred by manager")
        self.assertIsInstance(m, libgrp.Membership)
        self.assertEqual((m.group_id, m.person_id, m.role, m.state), (self.group.id, self.people[0].id,
                                                                     libgrp.MemberRole.MEMBER, S.ACTIVE))
        self.assertEqual((m.requested_on, m.began, m.ended), (D(2026, 1, 6), D(2026, 1, 6), None))
        self.assertEqual(m.reason, "referred by manager")
        self.assertEqual((m.warnings, m.over_capacity), (0, False))
        self.assertEqual(self.store.get_membership(m.id), m)
        self.assertIn("member active", repr(m))
        # ids and ISO text are accepted for the group, person and date
        m2 = self.store.join(self.group.id, self.people[1].id, "2026-01-06")
        self.assertEqual(m2.began, D(2026, 1, 6))

    def test_facilitators_do_not_count(self):
        for p in self.people[:2]:
            self.store.join(self.group, p, D(2026, 1, 6))
        f = self.store.join(self.group, self.people[2], D(2026, 1, 6), role=libgrp.MemberRole.FACILITATOR)
        self.assertEqual((f.role, f.state), (libgrp.MemberRole.FACILITATOR, S.ACTIVE))
        roster = list(self.store.members(self.group, on=D(2026, 1, 6)))
        self.assertEqual(len(roster), 3)
        only_members = self.store.members(self.group, on=D(2026, 1, 6), roles=[libgrp.MemberRole.MEMBER])
        self.assertEqual(self.names(only_members), ["Asha", "Ben"])

    def test_leave_and_roster_on_dates(self):
        for p in self.people[:2]:
            self.store.join(self.group, p, D(2026, 1, 6))
        self.assertEqual(self.store.leave(self.group, self.people[0], D(2026, 2, 1), reason="moved"), 0)
        self.assertEqual(self.names(self.store.members(self.group, on=D(2026, 1, 31))), ["Asha", "Ben"])
        self.assertEqual(self.names(self.store.members(self.group, on=D(2026, 2, 1))), ["Ben"])
        self.assertEqual(self.names(self.store.members(self.group, on="2026-01-05")), [])
        with self.assertRaises(libgrp.NotFoundError):  # no open stint any more
            self.store.leave(self.group, self.people[0], D(2026, 3, 1))
        with self.assertRaises(libgrp.InvalidError):  # before the stint began
            self.store.leave(self.group, self.people[1], D(2025, 12, 1))
        # a return is a new stint
        again = self.store.join(self.group, self.people[0], D(2026, 4, 1))
        history = list(self.store.history(person=self.people[0]))
        self.assertEqual([(m.state, m.began, m.ended) for m in history],
                         [(S.LEFT, D(2026, 1, 6), D(2026, 2, 1)), (S.ACTIVE, D(2026, 4, 1), None)])
        self.assertEqual(history[1], again)

    def test_person_groups_on_a_date(self):
        other = self.store.create_group(org=self.org, name="Second", timezone="UTC", location="Room",
                                        status=libgrp.GroupStatus.ACTIVE)
        self.store.join(self.group, self.people[0], D(2026, 1, 6))
        self.store.join(other, self.people[0], D(2026, 2, 1))
        on = list(self.store.memberships(person=self.people[0], on=D(2026, 2, 2)))
        self.assertEqual(sorted(m.group_id for m in on), sorted([self.group.id, other.id]))
        self.assertEqual(len(list(self.store.memberships(person=self.people[0], on=D(2026, 1, 7)))), 1)
        both = list(self.store.memberships(group=other, person=self.people[0]))
        self.assertEqual([m.group_id for m in both], [other.id])
        with self.assertRaises(libgrp.InvalidError):  # neither group nor person
            list(self.store.memberships())


class Waitlist(StoreTest):
    capacity = 2

    def setUp(self):
        super().setUp()
        self.group = self.store.update_group(self.group, capacity_policy=libgrp.CapacityPolicy.WAITLIST)

    def test_waitlist_and_promotion(self):
        states = [self.store.join(self.group, p, D(2026, 1, 6)).state for p in self.people]
        self.assertEqual(states, [S.ACTIVE, S.ACTIVE, S.WAITLISTED, S.WAITLISTED])
        self.assertEqual(self.store.leave(self.group, self.people[0], D(2026, 2, 1)), 1)
        roster = self.store.members(self.group, on=D(2026, 2, 1))
        self.assertEqual([m.person_id for m in roster], [self.people[1].id, self.people[2].id])
        # raising the capacity promotes nobody by itself
        self.store.update_group(self.group, capacity=3)
        self.assertEqual(len(list(self.store.members(self.group, on=D(2026, 3, 1)))), 2)
        self.assertEqual(self.store.promote_waitlist(self.group, D(2026, 3, 1)), 1)
        self.assertEqual(len(list(self.store.members(self.group, on=D(2026, 3, 1)))), 3)
        self.assertEqual(self.store.promote_waitlist(self.group.id, "2026-03-02"), 0)

    def test_history_filtered_by_state(self):
        for p in self.people:
            self.store.join(self.group, p, D(2026, 1, 6))
        waiting = list(self.store.history(group=self.group, states=[S.WAITLISTED]))
        self.assertEqual([m.person_id for m in waiting], [self.people[2].id, self.people[3].id])
        self.assertEqual(len(list(self.store.history(group=self.group))), 4)
        self.assertEqual(len(list(self.store.history(group=self.group, states=[S.ACTIVE, S.WAITLISTED]))), 4)


class SoftCapacity(StoreTest):
    capacity = 1

    def test_over_capacity_warning(self):
        self.store.update_group(self.group, capacity_policy=libgrp.CapacityPolicy.SOFT)
        self.assertFalse(self.store.join(self.group, self.people[0], D(2026, 1, 6)).over_capacity)
        m = self.store.join(self.group, self.people[1], D(2026, 1, 6))
        self.assertEqual(m.state, S.ACTIVE)
        self.assertTrue(m.over_capacity)
        self.assertEqual(m.warnings, libgrp._libgrp.GRP_WARN_OVER_CAPACITY)
        self.assertEqual(self.store.get_membership(m.id).warnings, 0)  # only on the decision's snapshot


class Approval(StoreTest):
    capacity = 1

    def setUp(self):
        super().setUp()
        self.store.update_group(self.group, membership_policy=libgrp.MembershipPolicy.APPROVAL)

    def test_approve_and_decline(self):
        r1 = self.store.join(self.group, self.people[0], D(2026, 1, 6))
        r2 = self.store.join(self.group, self.people[1], D(2026, 1, 6))
        r3 = self.store.join(self.group, self.people[2], D(2026, 1, 6))
        self.assertEqual([r.state for r in (r1, r2, r3)], [S.REQUESTED] * 3)
        self.assertIsNone(r1.began)
        a1 = self.store.approve(r1, D(2026, 1, 8))
        self.assertEqual((a1.state, a1.began), (S.ACTIVE, D(2026, 1, 8)))
        with self.assertRaises(libgrp.RuleError) as cm:  # full: the request stays open
            self.store.approve(r2.id, "2026-01-09")
        self.assertEqual(cm.exception.rule, "full")
        self.assertEqual(self.store.get_membership(r2.id).state, S.REQUESTED)
        self.store.decline(r3, D(2026, 1, 9), reason="not eligible this term")
        self.assertEqual(self.store.get_membership(r3.id).state, S.DECLINED)
        with self.assertRaises(libgrp.StateError):
            self.store.decline(r3, D(2026, 1, 10))
        with self.assertRaises(libgrp.InvalidError):  # before the request
            self.store.approve(r2, D(2025, 1, 1))
        with self.assertRaises(libgrp.NotFoundError):
            self.store.approve(9999, D(2026, 1, 10))


if __name__ == "__main__":
    unittest.main()
