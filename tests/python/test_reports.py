"""Reports: typed rows, columns, cells, CSV and JSON, and who may read which report."""

import csv
import io
import json
import threading
import unittest

import libgrp
from libgrp import ReportColumnType as T
from libgrp import ReportKind
from libgrp import _libgrp as c
from pysupport import D, GroupTest, utc

A = libgrp.AttendanceStatus


class Reports(GroupTest):
    min_cohort = 2

    def setUp(self):
        super().setUp()
        jan = self.sessions[0]
        asha, ben, chen = self.people[:3]
        self.store.record_attendance(jan, asha, A.PRESENT)
        self.store.record_attendance(jan, ben, A.APOLOGIES)
        self.store.record_attendance(jan, chen, A.ABSENT)
        self.jan_feb = (utc(2026, 1, 1), utc(2026, 2, 1))

    def test_attendance(self):
        r = self.store.report_attendance(self.facilitator, self.group, *self.jan_feb)
        self.assertIsInstance(r, libgrp.Report)
        self.assertEqual(r.kind, ReportKind.ATTENDANCE)
        self.assertEqual(str(r.kind), "attendance")
        self.assertEqual(r.title, "Attendance: Front-line GRP, 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z")
        self.assertEqual(r.column_names, ["row_type", "group_id", "group", "person_id", "person", "expected",
                                          "attended", "apologies", "absent", "not_recorded", "attendance_rate",
                                          "commitment_rate"])
        self.assertEqual(r.columns[1], libgrp.ReportColumn("group_id", T.ID))
        self.assertEqual([col.type for col in r.columns][5:], [T.INTEGER] * 5 + [T.DECIMAL] * 2)
        self.assertEqual(str(T.DECIMAL), "decimal")
        self.assertEqual(len(r), 4)
        rows = r.rows()
        self.assertEqual(rows[0], {"row_type": "member", "group_id": self.group.id, "group": "Front-line GRP",
                                   "person_id": self.people[0].id, "person": "Asha", "expected": 1, "attended": 1,
                                   "apologies": 0, "absent": 0, "not_recorded": 0, "attendance_rate": 1.0,
                                   "commitment_rate": 1.0})
        total = rows[-1]
        self.assertEqual((total["row_type"], total["person_id"], total["expected"], total["attendance_rate"],
                          total["commitment_rate"]), ("group", None, 3, 0.3333, 0.6667))
        self.assertEqual(list(r), rows)
        self.assertEqual(r[-1], total)
        self.assertEqual(r[0], rows[0])
        self.assertEqual(r.cell(3, "attendance_rate"), "0.3333")  # the library's text
        self.assertIsNone(r.cell(3, 4))
        self.assertEqual(r.column_index("person"), 4)
        self.assertEqual(r.text_rows()[0][:5], ["member", str(self.group.id), "Front-line GRP",
                                                str(self.people[0].id), "Asha"])
        with self.assertRaises(libgrp.NotFoundError) as cm:
            r.column_index("colour")
        self.assertIsInstance(cm.exception, KeyError)
        for bad in ((4, 0), (0, 12), (-1, 0)):
            with self.assertRaises(IndexError):
                r.cell(*bad)
        with self.assertRaises(IndexError):
            r[4]
        with self.assertRaises(TypeError):
            r["person"]
        self.assertIn("4 rows", repr(r))
        with self.assertRaises(TypeError):
            libgrp.Report()
        for actor in (self.system, self.admin, self.asha):
            self.assertEqual(len(self.store.report_attendance(actor, self.group, *self.jan_feb)), 4)
        with self.assertRaises(libgrp.AccessDeniedError):
            self.store.report_attendance(self.dara, self.group, *self.jan_feb)
        with self.assertRaises(libgrp.InvalidError):
            self.store.report_attendance(self.system, self.group, utc(2026, 2, 1), utc(2026, 1, 1))
        with self.assertRaises(libgrp.NotFoundError):
            self.store.report_attendance(self.system, 999, *self.jan_feb)

    def test_csv_and_json(self):
        r = self.store.report_attendance(self.system, self.group, *self.jan_feb)
        text = r.to_csv()
        self.assertTrue(text.startswith("row_type,group_id,group,person_id,person,"))
        self.assertTrue(text.endswith("\r\n"))
        records = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(records[0], r.column_names)
        self.assertEqual(records[4][:5], ["group", str(self.group.id), "Front-line GRP", "", ""])
        data = json.loads(r.to_json())
        self.assertEqual(len(data), 4)
        self.assertEqual((data[0]["person_id"], data[0]["attended"], data[3]["person"]),
                         (str(self.people[0].id), 1, None))  # ids are strings in JSON

    def test_org_hours_goals(self):
        s = self.store
        org = s.report_attendance_org(self.admin, self.org, *self.jan_feb)
        self.assertEqual(org.kind, ReportKind.ATTENDANCE_ORG)
        self.assertEqual(org[-1]["row_type"], "organisation")
        self.assertNotEqual(s.report_attendance_org(self.asha, self.org, *self.jan_feb)[-1]["row_type"],
                            "organisation")  # a member gets their groups only
        hours = s.report_hours(self.asha, self.people[0])
        self.assertEqual(hours.kind, ReportKind.HOURS)
        entry = hours[0]
        self.assertEqual((entry["row_type"], entry["date"], entry["minutes"], entry["signed_by"]),
                         ("entry", D(2026, 1, 6), 90, None))
        self.assertEqual([row["kind"] for row in hours][1:], ["individual", "group", None])  # totals
        self.assertEqual(len(s.report_hours(self.system, self.people[0], D(2026, 2, 1), "2026-03-01")), 3)
        with self.assertRaises(libgrp.AccessDeniedError):
            s.report_hours(self.admin, self.people[0])
        goal = s.create_goal(self.asha, owner=self.people[0], title="Boundaries", group=self.group,
                             target_date=D(2026, 3, 10), visibility=libgrp.Visibility.FACILITATORS)
        s.set_goal_status(self.asha, goal, libgrp.GoalStatus.ACTIVE)
        goals = s.report_goals(self.facilitator, self.group, as_of=D(2026, 4, 1))
        self.assertEqual(goals.kind, ReportKind.GOALS)
        self.assertEqual((goals[0]["goal_id"], goals[0]["status"], goals[0]["target_date"], goals[0]["overdue"],
                          goals[0]["percent"]), (goal.id, "active", D(2026, 3, 10), True, None))
        self.assertIs(s.report_goals(self.facilitator, self.group, "2026-03-01")[0]["overdue"], False)
        self.assertEqual(len(s.report_goals(self.ben, self.group)), 0)  # not visible to other members
        with self.assertRaises(libgrp.AccessDeniedError):  # admins never read goals
            s.report_goals(self.admin, self.group)

    def test_feedback_and_membership_changes(self):
        s = self.store
        jan = self.sessions[0]
        s.submit_feedback(self.asha, jan, [5, 5, 5, 5])
        with self.assertRaises(libgrp.SuppressedError):
            s.report_feedback(self.system, group=self.group)
        s.submit_feedback(self.ben, jan, [4, 4, 4, 0], anonymous=True)
        r = s.report_feedback(self.facilitator, session=jan)
        self.assertEqual(r.kind, ReportKind.FEEDBACK)
        self.assertEqual(len(r), 4)
        self.assertEqual({k: r[0][k] for k in ("item_no", "responses", "expected", "answers", "mean", "count_5")},
                         {"item_no": 1, "responses": 2, "expected": 3, "answers": 2, "mean": 4.5, "count_5": 1})
        self.assertEqual((r[3]["answers"], r[3]["mean"]), (1, 5.0))
        self.assertEqual(len(s.report_feedback(self.admin, org=self.org, from_=utc(2026, 1, 1),
                                               to=utc(2026, 12, 31))), 4)
        with self.assertRaises(libgrp.AccessDeniedError):
            s.report_feedback(self.dara, group=self.group)
        s.leave(self.group, self.people[2], D(2026, 3, 1), reason="moved team")
        changes = s.report_membership_changes(self.admin, self.group)
        self.assertEqual(changes.kind, ReportKind.MEMBERSHIP_CHANGES)
        self.assertEqual([(row["date"], row["person"], row["change"]) for row in changes][-1],
                         (D(2026, 3, 1), "Chen", "left"))
        self.assertEqual(changes[-1]["reason"], "moved team")
        self.assertEqual(len(s.report_membership_changes(self.system, self.group, D(2026, 2, 1))), 1)
        self.assertEqual(len(s.report_membership_changes(self.system, self.group, to=D(2026, 1, 31))), 4)
        with self.assertRaises(libgrp.AccessDeniedError):  # no stints of their own
            s.report_membership_changes(self.dara, self.group)
        with self.assertRaises(libgrp.InvalidError):
            s.report_membership_changes(self.system, self.group, D(2026, 2, 1), D(2026, 1, 1))

    def test_reports_outlive_the_store_and_share_between_threads(self):
        r = self.store.report_attendance(self.system, self.group, *self.jan_feb)
        rows = iter(r)
        first = next(rows)
        self.store.close()
        self.assertEqual(len(list(rows)), 3)
        results = []
        threads = [threading.Thread(target=lambda: results.append((r.to_csv(), r.rows()))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len({csv_text for csv_text, _ in results}), 1)
        self.assertEqual(results[0][1][0], first)

    def test_low_level(self):
        h = c.grp_report_attendance(self.store._h, self.system._as_c(), self.group.id, *(
            c.grp_time_from_utc(t.replace(tzinfo=None)) for t in self.jan_feb))
        self.assertEqual(c.grp_report_kind_of(h), c.GRP_REPORT_ATTENDANCE)
        self.assertEqual(c.grp_report_column_find(h, "person"), 4)
        self.assertIsNone(c.grp_report_column_name(h, 99))
        self.assertEqual(c.grp_report_column_type_of(h, 99), c.GRP_REPORT_COL_TEXT)
        self.assertIsNone(c.grp_report_cell(h, 99, 0))
        self.assertEqual(c.grp_report_kind_name(c.GRP_REPORT_HOURS), "hours")
        self.assertIsNone(c.grp_report_kind_name(0))
        self.assertEqual(c.grp_report_column_type_name(c.GRP_REPORT_COL_BOOLEAN), "boolean")
        self.assertIsNone(c.grp_report_column_type_name(9))
        it = c.grp_report_iterator_new(h)
        del h  # iterators and rows keep the report alive
        rows = []
        while True:
            row = c.grp_report_iterator_next(it)
            if row is None:
                break
            rows.append(row)
        del it
        self.assertEqual([c.grp_report_row_index(r) for r in rows], [0, 1, 2, 3])
        self.assertEqual(c.grp_report_row_cell_count(rows[0]), 12)
        self.assertEqual(c.grp_report_row_cell(rows[0], 4), "Asha")
        self.assertIsNone(c.grp_report_row_cell(rows[0], 12))
        self.assertIsNone(c.grp_report_iterator_next(c.grp_report_iterator_new(
            c.grp_report_membership_changes(self.store._h, self.system._as_c(), self.group.id, D(2030, 1, 1),
                                            None))))


if __name__ == "__main__":
    unittest.main()
