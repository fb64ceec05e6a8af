"""Actors, organisation admins, goals (steps, progress, lists), session notes
and themes, with what each actor may read."""

import unittest

import libgrp
from libgrp import Actor, GoalStatus, ThemeStatus, Visibility
from pysupport import D, GroupTest


class Actors(unittest.TestCase):
    def test_actor_values(self):
        system = Actor.system()
        self.assertEqual((system.kind, system.person_id, system.is_system), (libgrp.ActorKind.SYSTEM, None, True))
        asha = Actor.person(7)
        self.assertEqual((asha.kind, asha.person_id, asha.is_system), (libgrp.ActorKind.PERSON, 7, False))
        self.assertEqual(asha, Actor(libgrp.ActorKind.PERSON, 7))
        self.assertEqual(system, Actor(libgrp.ActorKind.SYSTEM))
        self.assertNotEqual(asha, system)
        self.assertEqual(len({asha, Actor.person(7), system}), 2)
        self.assertEqual((repr(system), repr(asha)), ("Actor.system()", "Actor.person(7)"))
        self.assertEqual(str(libgrp.ActorKind.PERSON), "person")
        with self.assertRaises(AttributeError):
            asha.person_id = 8
        with self.assertRaises(ValueError):
            Actor(libgrp.ActorKind.SYSTEM, 3)
        with self.assertRaises(ValueError):
            Actor(libgrp.ActorKind.PERSON)
        with self.assertRaises(ValueError):
            Actor(5, 1)
        with self.assertRaises(TypeError):
            Actor.person("7")
        with self.assertRaises(TypeError):
            Actor.person(None)


class Admins(GroupTest):
    def test_org_admins(self):
        s = self.store
        self.assertTrue(s.is_org_admin(self.org, self.omar))
        self.assertFalse(s.is_org_admin(self.org, self.fay))
        s.add_org_admin(self.org, self.omar)  # idempotent
        s.remove_org_admin(self.org, self.omar)
        s.remove_org_admin(self.org, self.omar)  # not one: fine
        self.assertFalse(s.is_org_admin(self.org.id, self.omar.id))
        with self.assertRaises(libgrp.NotFoundError):
            s.add_org_admin(self.org, 999)
        with self.assertRaises(libgrp.NotFoundError):
            s.add_org_admin(999, self.omar)
        with self.assertRaises(libgrp.NotFoundError):
            s.remove_org_admin(999, self.omar)
        with self.assertRaises(libgrp.InvalidError):
            s.is_org_admin(self.org, 0)


class Goals(GroupTest):
    def setUp(self):
        super().setUp()
        self.goal = self.store.create_goal(self.asha, owner=self.people[0], title="Hold boundaries",
                                           description="With demanding students", group=self.group,
                                           target_date=D(2026, 3, 31), visibility=Visibility.FACILITATORS)

    def test_create_and_read(self):
        s = self.store
        g = self.goal
        self.assertIsInstance(g, libgrp.Goal)
        self.assertEqual((g.owner_id, g.title, g.description, g.group_id, g.target_date, g.status, g.visibility,
                          g.percent, g.steps),
                         (self.people[0].id, "Hold boundaries", "With demanding students", self.group.id,
                          D(2026, 3, 31), GoalStatus.DRAFT, Visibility.FACILITATORS, None, []))
        self.assertEqual(str(g.status), "draft")
        self.assertEqual(str(g.visibility), "facilitators")
        read = s.goal(self.facilitator, g.id)
        self.assertEqual(read, g)
        personal = s.create_goal(self.system, owner=self.people[1], title="Read more")  # the system may
        self.assertEqual((personal.group_id, personal.target_date, personal.visibility),
                         (None, None, Visibility.PRIVATE))
        with self.assertRaises(libgrp.AccessDeniedError):  # someone else's goal
            s.create_goal(self.ben, owner=self.people[0], title="Not mine")
        with self.assertRaises(libgrp.InvalidError):
            s.create_goal(self.asha, owner=self.people[0], title="")
        with self.assertRaises(libgrp.InvalidError):  # Dara was never in the group
            s.create_goal(self.dara, owner=self.people[3], title="x", group=self.group)
        with self.assertRaises(libgrp.NotFoundError):
            s.goal(self.system, 999)

    def test_who_sees_what(self):
        """Facilitators see facilitator-visible goals; organisation admins never read goals."""
        s = self.store
        allowed = {"system": True, "owner": True, "facilitator": True, "admin": False, "member": False,
                   "outsider": False}
        actors = {"system": self.system, "owner": self.asha, "facilitator": self.facilitator, "admin": self.admin,
                  "member": self.ben, "outsider": self.dara}
        for label, actor in actors.items():
            with self.subTest(actor=label):
                if allowed[label]:
                    self.assertEqual(s.goal(actor, self.goal).title, "Hold boundaries")
                    self.assertEqual(list(s.goal_progress(actor, self.goal)), [])
                else:
                    with self.assertRaises(libgrp.AccessDeniedError) as cm:
                        s.goal(actor, self.goal)
                    self.assertIsInstance(cm.exception, PermissionError)
                    with self.assertRaises(libgrp.AccessDeniedError):
                        s.goal_progress(actor, self.goal)
                self.assertEqual([x.id for x in s.goals(actor, group=self.group)],
                                 [self.goal.id] if allowed[label] else [])
        s.update_goal(self.asha, self.goal, visibility=Visibility.GROUP)
        self.assertEqual(s.goal(self.ben, self.goal).visibility, Visibility.GROUP)
        with self.assertRaises(libgrp.AccessDeniedError):
            s.goal(self.admin, self.goal)
        s.update_goal(self.asha, self.goal, visibility=Visibility.PRIVATE)
        with self.assertRaises(libgrp.AccessDeniedError):
            s.goal(self.facilitator, self.goal)

    def test_steps_status_progress(self):
        s = self.store
        read = s.add_goal_step(self.asha, self.goal, "Read the policy", due=D(2026, 2, 1))
        practise = s.add_goal_step(self.asha, self.goal, "Practise saying no")
        s.set_goal_status(self.asha, self.goal, GoalStatus.ACTIVE)
        s.set_goal_step_done(self.asha, read)
        steps = s.goal(self.asha, self.goal).steps
        self.assertIsInstance(steps[0], libgrp.GoalStep)
        self.assertEqual(steps, [(read, "Read the policy", D(2026, 2, 1), True), (practise, "Practise saying no", None,
                                                                                 False)])
        s.set_goal_step_done(self.asha, steps[0], done=False)
        self.assertFalse(s.goal(self.asha, self.goal).steps[0].done)
        feb = self.sessions[1]
        first = s.add_goal_progress(self.asha, self.goal, D(2026, 1, 20), 30, "Started")
        second = s.add_goal_progress(self.facilitator, self.goal, "2026-02-03", 50, session=feb)
        history = list(s.goal_progress(self.asha, self.goal))
        self.assertIsInstance(history[0], libgrp.GoalProgress)
        self.assertEqual([(p.id, p.date, p.percent, p.note, p.recorded_by) for p in history],
                         [(first, D(2026, 1, 20), 30, "Started", self.people[0].id),
                          (second, D(2026, 2, 3), 50, None, self.fay.id)])
        self.assertEqual(history[1].session_id, s.ensure_session(self.group, feb.occurrence))
        self.assertIsNone(history[0].session_id)
        s.add_goal_progress(self.system, self.goal, D(2026, 2, 4), 55)
        self.assertIsNone(list(s.goal_progress(self.system, self.goal))[-1].recorded_by)
        self.assertEqual(s.goal(self.asha, self.goal).percent, 55)
        s.set_goal_status(self.asha, self.goal, GoalStatus.ACHIEVED)
        s.set_goal_status(self.asha, self.goal, GoalStatus.ACTIVE)  # reopened
        with self.assertRaises(libgrp.InvalidError):
            s.set_goal_status(self.asha, self.goal, GoalStatus.DRAFT)
        with self.assertRaises(libgrp.AccessDeniedError):  # owner or system only
            s.set_goal_status(self.facilitator, self.goal, GoalStatus.ABANDONED)
        with self.assertRaises(libgrp.AccessDeniedError):
            s.add_goal_step(self.facilitator, self.goal, "Mine now")
        with self.assertRaises(libgrp.AccessDeniedError):
            s.set_goal_step_done(self.ben, read)
        with self.assertRaises(libgrp.AccessDeniedError):  # progress: owner, facilitators who can read, system
            s.add_goal_progress(self.admin, self.goal, D(2026, 2, 5), 60)
        with self.assertRaises(libgrp.InvalidError):
            s.add_goal_progress(self.asha, self.goal, D(2026, 2, 5), 101)
        with self.assertRaises(libgrp.NotFoundError):
            s.set_goal_step_done(self.asha, 999)
        with self.assertRaises(TypeError):
            s.set_goal_step_done(self.asha, read, done="yes")

    def test_update(self):
        s = self.store
        updated = s.update_goal(self.asha, self.goal, title="Hold firm boundaries", target_date=None)
        self.assertEqual(updated.spec(), {"owner": self.people[0].id, "title": "Hold firm boundaries",
                                          "description": "With demanding students", "group": self.group.id,
                                          "target_date": None, "visibility": Visibility.FACILITATORS})
        self.assertEqual(s.update_goal(self.system, self.goal.id, description=None).description, None)
        with self.assertRaises(libgrp.AccessDeniedError):
            s.update_goal(self.facilitator, self.goal, title="Theirs")
        with self.assertRaises(TypeError):
            s.update_goal(self.asha, self.goal, owner=self.people[1])
        with self.assertRaises(libgrp.InvalidError):
            s.update_goal(self.asha, self.goal, title="")

    def test_lists(self):
        s = self.store
        other = s.create_goal(self.ben, owner=self.people[1], title="Ben's", group=self.group,
                              visibility=Visibility.GROUP)
        s.set_goal_status(self.ben, other, GoalStatus.ACTIVE)
        s.set_goal_status(self.asha, self.goal, GoalStatus.ACTIVE)
        s.add_goal_step(self.ben, other, "Due early", due=D(2026, 1, 15))
        feb = self.sessions[1]
        s.add_goal_progress(self.asha, self.goal, D(2026, 2, 3), 10, session=feb)

        def ids(**query):
            return [g.id for g in s.goals(self.system, **query)]

        self.assertEqual(ids(), [self.goal.id, other.id])
        self.assertEqual(ids(owner=self.people[1]), [other.id])
        self.assertEqual(ids(statuses=[GoalStatus.DRAFT]), [])
        self.assertEqual(ids(statuses=[GoalStatus.ACTIVE, GoalStatus.ACHIEVED]), [self.goal.id, other.id])
        self.assertEqual(ids(reviewed_in=feb), [self.goal.id])
        self.assertEqual(ids(overdue_on=D(2026, 2, 1)), [other.id])  # a step due before then
        self.assertEqual(ids(overdue_on=D(2026, 4, 1)), [self.goal.id, other.id])
        self.assertEqual([g.id for g in s.goals(self.chen, group=self.group)], [other.id])
        self.assertEqual([g.id for g in s.goals(self.admin)], [])
        with self.assertRaises(ValueError):
            ids(statuses=[40])


class NotesAndThemes(GroupTest):
    def test_notes(self):
        s = self.store
        jan = self.sessions[0]
        private = s.add_note(self.asha, jan, "Felt anxious presenting")
        for_facilitators = s.add_note(self.asha, jan, "Please check in with me", visibility=Visibility.FACILITATORS)
        for_group = s.add_note(self.facilitator, jan, "Next time: the new referral form",
                               visibility=Visibility.GROUP)

        def seen(actor):
            return [n.id for n in s.notes(actor, jan)]

        self.assertEqual(seen(self.system), [private, for_facilitators, for_group])
        self.assertEqual(seen(self.asha), [private, for_facilitators, for_group])
        self.assertEqual(seen(self.facilitator), [for_facilitators, for_group])
        self.assertEqual(seen(self.ben), [for_group])
        self.assertEqual(seen(self.admin), [])  # admins never read notes
        self.assertEqual(seen(self.dara), [])
        note = list(s.notes(self.ben, jan))[0]
        self.assertIsInstance(note, libgrp.Note)
        self.assertEqual((note.session_id, note.author_id, note.visibility, note.text),
                         (s.ensure_session(self.group, jan.occurrence), self.fay.id, Visibility.GROUP,
                          "Next time: the new referral form"))
        with self.assertRaises(libgrp.AccessDeniedError):  # the system writes no notes
            s.add_note(self.system, jan, "x")
        with self.assertRaises(libgrp.AccessDeniedError):
            s.add_note(self.dara, jan, "x")
        with self.assertRaises(libgrp.InvalidError):
            s.add_note(self.asha, jan, "")
        with self.assertRaises(libgrp.InvalidError):
            s.add_note(self.asha, jan, "x", visibility=7)
        with self.assertRaises(libgrp.NotFoundError):
            list(s.notes(self.system, 999))

    def test_themes(self):
        s = self.store
        jan = self.sessions[0]
        workload = s.raise_theme(self.asha, self.group, "Caseloads", "Caseloads doubled since September",
                                 session=jan)
        rooms = s.raise_theme(self.facilitator, self.group.id, "No quiet rooms")
        with self.assertRaises(libgrp.AccessDeniedError):  # facilitators change the status
            s.set_theme_status(self.asha, workload, ThemeStatus.RAISED)
        s.set_theme_status(self.facilitator, workload, ThemeStatus.RAISED)
        s.set_theme_status(self.system, rooms, ThemeStatus.RESOLVED)
        for actor in (self.system, self.facilitator, self.asha, self.admin):
            with self.subTest(actor=actor):
                self.assertEqual([t.id for t in s.themes(actor, org=self.org)], [workload, rooms])
                self.assertEqual([t.id for t in s.themes(actor, group=self.group)], [workload, rooms])
        self.assertEqual(list(s.themes(self.dara, org=self.org)), [])
        t = next(s.themes(self.admin, org=self.org))
        self.assertIsInstance(t, libgrp.Theme)
        self.assertEqual((t.group_id, t.session_id, t.title, t.description, t.status),
                         (self.group.id, s.ensure_session(self.group, jan.occurrence), "Caseloads",
                          "Caseloads doubled since September", ThemeStatus.RAISED))
        self.assertEqual(str(t.status), "raised")
        last = list(s.themes(self.system, group=self.group))[1]
        self.assertEqual((last.session_id, last.description, last.status), (None, None, ThemeStatus.RESOLVED))
        with self.assertRaises(libgrp.AccessDeniedError):
            s.raise_theme(self.dara, self.group, "Outsider")
        with self.assertRaises(libgrp.InvalidError):  # exactly one of org and group
            list(s.themes(self.system))
        with self.assertRaises(libgrp.InvalidError):
            list(s.themes(self.system, org=self.org, group=self.group))
        with self.assertRaises(libgrp.InvalidError):
            s.set_theme_status(self.system, rooms, 9)
        with self.assertRaises(libgrp.NotFoundError):
            s.set_theme_status(self.system, 999, ThemeStatus.NOTED)


if __name__ == "__main__":
    unittest.main()
