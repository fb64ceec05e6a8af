"""Feedback forms, responses (named and anonymous), cohort-suppressed
summaries, and peer feedback, with the read rules for each actor."""

import unittest

import libgrp
from pysupport import GroupTest, utc

DEFAULT_ITEMS = ["I felt safe to share", "The session was useful for my practice", "The facilitator kept us focused",
                 "The time felt protected"]


class Forms(GroupTest):
    def test_forms(self):
        s = self.store
        default = s.default_feedback_form()
        form = s.feedback_form(default)
        self.assertIsInstance(form, libgrp.FeedbackForm)
        self.assertEqual((form.id, form.items), (default, DEFAULT_ITEMS))
        self.assertTrue(form.name)
        self.assertEqual(s.group_feedback_form(self.group), default)
        fid = s.create_feedback_form("Short", ("Useful?", "Safe?"))
        short = s.feedback_form(fid)
        self.assertEqual((short.name, short.items), ("Short", ["Useful?", "Safe?"]))
        s.set_group_feedback_form(self.group, short)
        self.assertEqual(s.group_feedback_form(self.group), fid)
        s.set_group_feedback_form(self.group, None)
        self.assertEqual(s.group_feedback_form(self.group), default)
        self.assertEqual(libgrp.FEEDBACK_MAX_ITEMS, 20)
        s.create_feedback_form("Long", ["item"] * libgrp.FEEDBACK_MAX_ITEMS)
        for name, items in [("None", []), ("Too many", ["x"] * 21), ("", ["x"]), ("Empty item", [""]),
                            ("Long item", ["x" * 501])]:
            with self.subTest(name=name):
                with self.assertRaises(libgrp.InvalidError):
                    s.create_feedback_form(name, items)
        with self.assertRaises(TypeError):
            s.create_feedback_form("Str", "not a list")
        with self.assertRaises(TypeError):
            s.create_feedback_form("Ints", [1, 2])
        with self.assertRaises(libgrp.NotFoundError):
            s.feedback_form(999)
        with self.assertRaises(libgrp.NotFoundError):
            s.set_group_feedback_form(self.group, 999)
        with self.assertRaises(libgrp.NotFoundError):
            s.group_feedback_form(999)


class Responses(GroupTest):
    def setUp(self):
        super().setUp()
        self.jan = self.sessions[0]
        self.attend(self.jan, self.people[:3])

    def test_submit_and_read(self):
        s = self.store
        s.submit_feedback(self.asha, self.jan, [5, 4, 3, None], text="A safe space")
        s.submit_feedback(self.ben, self.jan, [4, 4, 0, 2], anonymous=True)
        self.assertTrue(s.has_responded(self.facilitator, self.jan, self.people[1]))  # anonymous: only "responded"
        self.assertTrue(s.has_responded(self.asha, self.jan, self.people[0]))
        self.assertFalse(s.has_responded(self.system, self.jan, self.people[2]))
        with self.assertRaises(libgrp.AccessDeniedError):  # not about oneself, not a facilitator
            s.has_responded(self.chen, self.jan, self.people[0])
        with self.assertRaises(libgrp.AccessDeniedError):
            s.has_responded(self.admin, self.jan, self.people[0])

        def seen(actor):
            return [(r.person_id, r.ratings, r.text) for r in s.feedback_responses(actor, self.jan)]

        both = [(self.people[0].id, [5, 4, 3, 0], "A safe space"), (None, [4, 4, 0, 2], None)]
        self.assertEqual(sorted(seen(self.system), key=str), sorted(both, key=str))
        self.assertEqual(sorted(seen(self.facilitator), key=str), sorted(both, key=str))
        self.assertEqual(seen(self.asha), both[:1])  # own named response
        self.assertEqual(seen(self.ben), [])  # anonymous: not even to its author
        self.assertEqual(seen(self.admin), [])
        self.assertEqual(seen(self.dara), [])
        r = next(s.feedback_responses(self.asha, self.jan))
        self.assertIsInstance(r, libgrp.FeedbackResponse)
        sid = s.ensure_session(self.group, self.jan.occurrence)
        self.assertEqual((r.session_id, r.form_id, r.anonymous), (sid, s.default_feedback_form(), False))
        self.assertEqual(r.id, (sid, self.people[0].id))
        anonymous = [x for x in s.feedback_responses(self.system, self.jan) if x.anonymous]
        self.assertEqual(len(anonymous), 1)
        self.assertIn("anonymous", repr(anonymous[0]))

    def test_refusals(self):
        s = self.store
        s.submit_feedback(self.asha, self.jan, [5, 5, 5, 5])
        with self.assertRaises(libgrp.ExistsError):
            s.submit_feedback(self.asha, self.jan, [1, 1, 1, 1], anonymous=True)
        with self.assertRaises(libgrp.AccessDeniedError):  # feedback is a person's
            s.submit_feedback(self.system, self.jan, [5, 5, 5, 5])
        with self.assertRaises(libgrp.AccessDeniedError):  # not a member then
            s.submit_feedback(self.dara, self.jan, [5, 5, 5, 5])
        with self.assertRaises(libgrp.AccessDeniedError):  # facilitators do not rate themselves
            s.submit_feedback(self.facilitator, self.jan, [5, 5, 5, 5])
        with self.assertRaises(libgrp.InvalidError):
            s.submit_feedback(self.ben, self.jan, [5, 5])
        with self.assertRaises(libgrp.InvalidError):
            s.submit_feedback(self.ben, self.jan, [5, 5, 5, 6])
        with self.assertRaises(libgrp.InvalidError):
            s.submit_feedback(self.ben, self.jan, [5, 5, 5, 5], text="x" * 4001)
        with self.assertRaises(TypeError):
            s.submit_feedback(self.ben, self.jan, [5, 5, 5, "5"])
        with self.assertRaises(TypeError):
            s.submit_feedback(self.ben, self.jan, "5555")
        with self.assertRaises(TypeError):
            s.submit_feedback(self.ben, self.jan, [5, 5, 5, 5], anonymous=1)
        s.cancel_session(self.sessions[1])
        with self.assertRaises(libgrp.StateError):
            s.submit_feedback(self.ben, self.sessions[1], [5, 5, 5, 5])
        with self.assertRaises(libgrp.NotFoundError):
            s.submit_feedback(self.ben, 999, [5, 5, 5, 5])
        with self.assertRaises(libgrp.NotFoundError):
            list(s.feedback_responses(self.system, 999))


class Summaries(GroupTest):
    min_cohort = 2

    def setUp(self):
        super().setUp()
        self.jan, self.feb = self.sessions[:2]
        self.attend(self.jan, self.people[:3])
        self.store.submit_feedback(self.asha, self.jan, [5, 4, 3, 0])

    def test_suppressed_under_the_cohort(self):
        with self.assertRaises(libgrp.SuppressedError) as cm:
            self.store.feedback_summary(self.facilitator, session=self.jan)
        self.assertEqual(cm.exception.code, libgrp.ErrorCode.ESUPPRESSED)
        self.assertIn("minimum cohort of 2", str(cm.exception))

    def test_summary(self):
        s = self.store
        s.submit_feedback(self.ben, self.jan, [4, 4, 0, 2], anonymous=True)
        for actor in (self.system, self.facilitator, self.admin, self.asha, self.chen):
            with self.subTest(actor=actor):
                summary = s.feedback_summary(actor, session=self.jan)
                self.assertIsInstance(summary, libgrp.FeedbackSummary)
                self.assertEqual((summary.responses, summary.expected), (2, 3))
                self.assertAlmostEqual(summary.response_rate, 2 / 3)
        items = summary.items
        self.assertEqual([i.item for i in items], DEFAULT_ITEMS)
        self.assertIsInstance(items[0], libgrp.FeedbackItemSummary)
        self.assertEqual(items[0], ("I felt safe to share", 4.5, (0, 0, 0, 1, 1)))
        self.assertEqual((items[2].mean, items[2].counts), (3.0, (0, 0, 1, 0, 0)))  # one "no answer"
        self.assertEqual((items[3].mean, items[3].counts), (2.0, (0, 1, 0, 0, 0)))
        self.assertIn("responses=2/3", repr(summary))
        with self.assertRaises(libgrp.AccessDeniedError):
            s.feedback_summary(self.dara, group=self.group)
        for scope in ({"group": self.group}, {"facilitator": self.fay}, {"org": self.org},
                      {"group": self.group, "from_": utc(2026, 1, 1), "to": utc(2026, 2, 1)}):
            with self.subTest(scope=scope):
                self.assertEqual(s.feedback_summary(self.system, **scope).responses, 2)
        with self.assertRaises(libgrp.SuppressedError):  # February: nobody responded
            s.feedback_summary(self.system, group=self.group, from_=utc(2026, 2, 1), to=utc(2026, 3, 1))
        with self.assertRaises(libgrp.SuppressedError):  # another form: no responses to it
            s.feedback_summary(self.system, group=self.group, form=s.create_feedback_form("F", ["x"]))
        with self.assertRaises(libgrp.InvalidError):  # two scopes
            s.feedback_summary(self.system, group=self.group, org=self.org)
        with self.assertRaises(libgrp.InvalidError):  # none
            s.feedback_summary(self.system)
        with self.assertRaises(libgrp.InvalidError):
            s.feedback_summary(self.system, group=self.group, from_=utc(2026, 3, 1), to=utc(2026, 1, 1))
        with self.assertRaises(ValueError):
            s.feedback_summary(self.system, group=self.group, from_=utc(2026, 3, 1))
        with self.assertRaises(libgrp.NotFoundError):
            s.feedback_summary(self.system, group=999)


class Peer(GroupTest):
    def test_give_and_read(self):
        s = self.store
        jan = self.sessions[0]
        shared = s.give_peer_feedback(self.asha, self.group, self.people[1], "Clear case presentation",
                                      session=jan, share_with_facilitators=True)
        private = s.give_peer_feedback(self.ben, self.group, self.people[2].id, "Thanks for the challenge")

        def seen(actor):
            return [p.id for p in s.peer_feedback(actor, self.group)]

        self.assertEqual(seen(self.system), [shared, private])
        self.assertEqual(seen(self.facilitator), [shared])  # shared ones only
        self.assertEqual(seen(self.asha), [shared])  # given
        self.assertEqual(seen(self.ben), [shared, private])  # received and given
        self.assertEqual(seen(self.chen), [private])
        self.assertEqual(seen(self.admin), [])
        p = next(s.peer_feedback(self.ben, self.group))
        self.assertIsInstance(p, libgrp.PeerFeedback)
        self.assertEqual((p.group_id, p.author_id, p.recipient_id, p.text, p.shared),
                         (self.group.id, self.people[0].id, self.people[1].id, "Clear case presentation", True))
        self.assertEqual(p.session_id, s.ensure_session(self.group, jan.occurrence))
        q = list(s.peer_feedback(self.chen, self.group))[0]
        self.assertEqual((q.session_id, q.shared), (None, False))
        with self.assertRaises(libgrp.InvalidError):  # to oneself
            s.give_peer_feedback(self.asha, self.group, self.people[0], "Well done me")
        with self.assertRaises(libgrp.InvalidError):
            s.give_peer_feedback(self.asha, self.group, self.people[1], "")
        with self.assertRaises(libgrp.AccessDeniedError):  # not in the group
            s.give_peer_feedback(self.dara, self.group, self.people[0], "Hello")
        with self.assertRaises(libgrp.AccessDeniedError):
            s.give_peer_feedback(self.asha, self.group, self.people[3], "Hello")
        with self.assertRaises(TypeError):
            s.give_peer_feedback(self.asha, self.group, self.people[1], "x", share_with_facilitators="yes")
        with self.assertRaises(libgrp.NotFoundError):
            list(s.peer_feedback(self.system, 999))


if __name__ == "__main__":
    unittest.main()
