"""The SWIG layer libgrp._libgrp itself: C-shaped calls, value conversions,
option and spec dicts, ownership of handles, the error path."""

import datetime
import gc
import unittest

import libgrp
from libgrp import _libgrp as c
from pysupport import D, DT


class Values(unittest.TestCase):
    def test_dates(self):
        self.assertEqual(c.grp_date_make(2026, 1, 6), D(2026, 1, 6))
        self.assertEqual(c.grp_date_make(2026, 2, 30), (2026, 2, 30))  # invalid: a tuple, as C has it
        self.assertIsNone(c.grp_date_make(0, 0, 0))  # unset
        self.assertTrue(c.grp_date_valid(D(2024, 2, 29)))
        self.assertFalse(c.grp_date_valid((2026, 2, 30)))
        self.assertFalse(c.grp_date_valid(None))
        self.assertTrue(c.grp_date_is_set(D(2026, 1, 1)))
        self.assertFalse(c.grp_date_is_set(None))
        self.assertFalse(c.grp_date_is_set((0, 0, 0)))
        self.assertLess(c.grp_date_compare(D(2026, 1, 1), D(2026, 1, 2)), 0)
        self.assertEqual(c.grp_date_compare(D(2026, 1, 1), D(2026, 1, 1)), 0)
        self.assertLess(c.grp_date_compare(None, D(1, 1, 1)), 0)  # unset sorts first
        self.assertEqual(c.grp_date_days_in_month(2026, 13), 0)
        self.assertEqual(c.grp_date_weekday((2026, 2, 30)), 0)
        self.assertEqual(c.grp_date_format(D(2026, 1, 6)), "2026-01-06")
        with self.assertRaises(libgrp.InvalidError):
            c.grp_date_format((2026, 2, 30))
        with self.assertRaises(TypeError):
            c.grp_date_valid(DT(2026, 1, 1))
        with self.assertRaises(TypeError):
            c.grp_date_valid((2026, 1))
        with self.assertRaises(OverflowError):
            c.grp_date_valid((2 ** 40, 1, 1))

    def test_datetimes_and_instants(self):
        self.assertTrue(c.grp_datetime_valid(DT(2026, 1, 1, 23, 59, 59)))
        self.assertFalse(c.grp_datetime_valid((2026, 1, 1, 24, 0, 0)))
        self.assertEqual(c.grp_datetime_parse("2026-01-06T14:30"), DT(2026, 1, 6, 14, 30))
        self.assertEqual(c.grp_datetime_format(DT(2026, 1, 6, 14, 30, 0, 999)), "2026-01-06T14:30:00")
        with self.assertRaises(ValueError):
            c.grp_datetime_valid(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
        self.assertEqual(c.grp_time_from_utc(DT(1970, 1, 2)), 86400)
        self.assertEqual(c.grp_time_to_utc(86400), DT(1970, 1, 2))
        self.assertEqual(c.grp_time_parse("1970-01-01T01:00:00+01:00"), 0)
        self.assertEqual(c.grp_time_format(0), "1970-01-01T00:00:00Z")
        with self.assertRaises(libgrp.InvalidError):
            c.grp_time_to_utc(10 ** 15)  # beyond the year 9999
        self.assertIsInstance(c.grp_time_now(), int)
        self.assertIsInstance(c.grp_date_today_utc(), datetime.date)
        self.assertEqual(c.grp_date_add_days(D(2026, 1, 1), 31), D(2026, 2, 1))
        self.assertEqual(c.grp_date_diff_days(D(2026, 1, 1), D(2026, 2, 1)), 31)

    def test_versions(self):
        self.assertEqual(c.grp_version_string(), libgrp.__version__)
        self.assertEqual(c.grp_version_number(), c.GRP_VERSION_NUMBER)  # headers match the library
        major, minor, patch = (int(x) for x in libgrp.__version__.split("."))
        self.assertEqual(libgrp.version_number, major * 10000 + minor * 100 + patch)
        self.assertEqual(libgrp.header_version_number, c.GRP_VERSION_NUMBER)

    def test_error_state(self):
        c.grp_error_clear()
        self.assertEqual(c.grp_error_last(), (0, ""))
        with self.assertRaises(libgrp.ParseError):
            c.grp_date_parse("nope")
        code, message = c.grp_error_last()
        self.assertEqual(code, c.GRP_EPARSE)
        self.assertIn("nope", message)
        c.grp_error_clear()
        self.assertEqual(c.grp_error_last(), (0, ""))
        self.assertEqual(c.grp_error_name(c.GRP_ERULE_FULL), "GRP_ERULE_FULL")
        self.assertTrue(c.grp_strerror(c.GRP_ENOTFOUND))


class Dicts(unittest.TestCase):
    """Option and spec structs are dicts; defaults come from the _init() functions."""

    def test_init_functions(self):
        self.assertEqual(c.grp_store_options_init(c.GRP_STORE_OPTIONS_VERSION),
                         {"version": 1, "flags": c.GRP_STORE_CREATE, "durability": c.GRP_DURABILITY_FULL,
                          "busy_timeout_ms": 5000, "min_cohort": 3})
        g = c.grp_group_spec_init(c.GRP_GROUP_SPEC_VERSION)
        self.assertEqual((g["capacity"], g["session_minutes"], g["eligible_roles"], g["name"], g["org_id"]),
                         (c.GRP_DEFAULT_CAPACITY, 90, [], None, 0))
        self.assertEqual(c.grp_person_spec_init(c.GRP_PERSON_SPEC_VERSION),
                         {"version": 1, "org_id": 0, "display_name": None, "job_role": None, "email": None,
                          "external_ref": None})
        self.assertEqual(c.grp_join_options_init(c.GRP_JOIN_OPTIONS_VERSION),
                         {"version": 1, "role": c.GRP_ROLE_MEMBER, "reason": None})
        self.assertEqual(c.grp_membership_query_init(c.GRP_MEMBERSHIP_QUERY_VERSION),
                         {"version": 1, "group_id": 0, "person_id": 0, "date": None, "roles": 0, "states": 0})
        self.assertEqual(c.grp_cadence_spec_init(c.GRP_CADENCE_SPEC_VERSION),
                         {"version": 1, "rrule": None, "first_date": None, "start_hour": 0, "start_minute": 0,
                          "duration_minutes": 0, "timezone": None})
        for init in (c.grp_store_options_init, c.grp_group_spec_init, c.grp_person_spec_init,
                     c.grp_join_options_init, c.grp_membership_query_init, c.grp_cadence_spec_init):
            with self.assertRaises(libgrp.InvalidError):
                init(99)  # an unknown struct version

    def test_python_defaults_equal_c_defaults(self):
        import inspect
        params = inspect.signature(libgrp.Store.create_group).parameters
        spec = c.grp_group_spec_init(c.GRP_GROUP_SPEC_VERSION)
        for key in ("kind", "status", "capacity", "capacity_policy", "quorum", "membership_policy",
                    "allow_other_orgs", "delivery", "session_minutes"):
            self.assertEqual(params[key].default, spec[key], key)
        store_params = inspect.signature(libgrp.Store).parameters
        opts = c.grp_store_options_init(c.GRP_STORE_OPTIONS_VERSION)
        for key in ("durability", "busy_timeout_ms", "min_cohort"):
            self.assertEqual(store_params[key].default, opts[key], key)

    def test_struct_dicts(self):
        s = c.grp_store_open(":memory:", {"min_cohort": 4, "flags": c.GRP_STORE_CREATE})
        self.assertEqual(c.grp_store_min_cohort(s), 4)
        self.assertEqual(c.grp_store_schema_version(s), c.grp_store_schema_latest())
        with self.assertRaises(TypeError):
            c.grp_store_open(":memory:", {"min_cohort": 4, "colour": 1})
        with self.assertRaises(TypeError):
            c.grp_store_open(":memory:", [("min_cohort", 4)])
        with self.assertRaises(TypeError):
            c.grp_store_open(":memory:", {1: 2})
        with self.assertRaises(libgrp.InvalidError):
            c.grp_store_open(":memory:", {"version": 99})
        org = c.grp_org_create(s, "O", None)
        oid = c.grp_org_id(org)
        spec = {"org_id": oid, "name": "G", "timezone": "UTC", "location": "R", "eligible_roles": ("a", "b")}
        group = c.grp_group_create(s, spec)
        back = c.grp_group_to_spec(group)
        self.assertEqual((back["name"], back["eligible_roles"], back["org_id"]), ("G", ["a", "b"], oid))
        self.assertEqual(c.grp_group_eligible_role_count(group), 2)
        self.assertIsNone(c.grp_group_eligible_role(group, 2))
        person = c.grp_person_create(s, {"org_id": oid, "display_name": "P"})
        self.assertEqual(c.grp_person_to_spec(person)["display_name"], "P")
        stint = c.grp_member_join(s, c.grp_group_id(group), c.grp_person_id(person), D(2026, 1, 1),
                                  {"role": c.GRP_ROLE_FACILITATOR, "reason": "r"})
        self.assertEqual(c.grp_membership_role(stint), c.GRP_ROLE_FACILITATOR)
        it = c.grp_membership_iterator_new(s, {"group_id": c.grp_group_id(group), "date": D(2026, 1, 1)})
        self.assertEqual(c.grp_membership_id(c.grp_membership_iterator_next(it)), c.grp_membership_id(stint))
        self.assertIsNone(c.grp_membership_iterator_next(it))
        c.grp_store_close(s)

    def test_names_of_enum_values(self):
        self.assertEqual(c.grp_group_kind_name(c.GRP_KIND_GROUP_SUPERVISION), "group_supervision")
        self.assertIsNone(c.grp_group_kind_name(99))
        self.assertIsNone(c.grp_group_status_name(-1))
        self.assertEqual(c.grp_member_role_name(c.GRP_ROLE_COFACILITATOR), "co_facilitator")
        self.assertEqual(c.grp_membership_state_name(c.GRP_MSTATE_DECLINED), "declined")
        self.assertEqual(c.grp_session_status_name(c.GRP_SESSION_HELD), "held")
        self.assertEqual(c.grp_attendance_status_name(c.GRP_ATTEND_LEFT_EARLY), "left_early")


class NewDicts(unittest.TestCase):
    """The option and spec structs of hours, iCalendar, feedback and goals."""

    def test_init_functions(self):
        self.assertEqual(c.grp_hours_rule_init(c.GRP_HOURS_RULE_VERSION),
                         {"version": 1, "mode": c.GRP_HOURS_FULL, "ratio_num": 1, "ratio_den": 1})
        self.assertEqual(c.grp_ical_options_init(c.GRP_ICAL_OPTIONS_VERSION),
                         {"version": 1, "prodid": None, "dtstamp": 0, "uid_domain": None})
        self.assertEqual(c.grp_feedback_submission_init(c.GRP_FEEDBACK_SUBMISSION_VERSION),
                         {"version": 1, "ratings": [], "text": None, "anonymous": False})
        self.assertEqual(c.grp_feedback_scope_init(c.GRP_FEEDBACK_SCOPE_VERSION),
                         {"version": 1, "session_id": 0, "group_id": 0, "facilitator_id": 0, "org_id": 0, "from": 0,
                          "to": 0, "form_id": 0})
        self.assertEqual(c.grp_goal_spec_init(c.GRP_GOAL_SPEC_VERSION),
                         {"version": 1, "owner_id": 0, "title": None, "description": None, "group_id": 0,
                          "target_date": None, "visibility": c.GRP_VISIBLE_PRIVATE})
        self.assertEqual(c.grp_goal_query_init(c.GRP_GOAL_QUERY_VERSION),
                         {"version": 1, "owner_id": 0, "group_id": 0, "reviewed_in": 0, "statuses": 0,
                          "overdue_on": None})
        for init in (c.grp_hours_rule_init, c.grp_ical_options_init, c.grp_feedback_submission_init,
                     c.grp_feedback_scope_init, c.grp_goal_spec_init, c.grp_goal_query_init):
            with self.assertRaises(libgrp.InvalidError):
                init(99)

    def test_python_defaults_equal_c_defaults(self):
        import inspect
        params = inspect.signature(libgrp.Store.create_goal).parameters
        self.assertEqual(params["visibility"].default, c.grp_goal_spec_init(c.GRP_GOAL_SPEC_VERSION)["visibility"])
        rule = c.grp_hours_rule_init(c.GRP_HOURS_RULE_VERSION)
        self.assertEqual(libgrp.HoursRule(libgrp.HoursMode.FULL), (rule["mode"], rule["ratio_num"], rule["ratio_den"]))

    def test_actor_tuples(self):
        self.assertEqual(c.grp_actor_system(), (c.GRP_ACTOR_SYSTEM, 0))
        self.assertEqual(c.grp_actor_person(12), (c.GRP_ACTOR_PERSON, 12))
        s = c.grp_store_open(":memory:", None)
        try:
            with self.assertRaises(libgrp.InvalidError):  # NULL actor: the C check
                c.grp_audit_iterator_new(s, None, 0)
            with self.assertRaises(libgrp.InvalidError):  # an unknown actor kind
                c.grp_audit_iterator_new(s, (7, 1), 0)
            with self.assertRaises(libgrp.NotFoundError):  # no such person
                c.grp_audit_iterator_new(s, (c.GRP_ACTOR_PERSON, 5), 0)
            with self.assertRaises(TypeError):
                c.grp_audit_iterator_new(s, [0, 0], 0)
            with self.assertRaises(TypeError):
                c.grp_audit_iterator_new(s, (0,), 0)
            with self.assertRaises(TypeError):
                c.grp_audit_iterator_new(s, ("system", 0), 0)
            it = c.grp_audit_iterator_new(s, c.grp_actor_system(), 0)
            self.assertIsNone(c.grp_audit_iterator_next(it))  # nothing written yet
        finally:
            c.grp_store_close(s)

    def test_struct_dicts(self):
        s = c.grp_store_open(":memory:", None)
        try:
            oid = c.grp_org_id(c.grp_org_create(s, "O", None))
            gid = c.grp_group_id(c.grp_group_create(s, {"org_id": oid, "name": "G", "timezone": "UTC",
                                                        "location": "R", "status": c.GRP_STATUS_ACTIVE}))
            pid = c.grp_person_id(c.grp_person_create(s, {"org_id": oid, "display_name": "P"}))
            c.grp_member_join(s, gid, pid, D(2026, 1, 1), None)
            c.grp_hours_rule_set(s, gid, {"mode": c.GRP_HOURS_RATIO, "ratio_num": 2, "ratio_den": 3})
            self.assertEqual(c.grp_hours_rule_get(s, gid)["ratio_den"], 3)
            self.assertEqual(c.grp_hours_credit({"mode": c.GRP_HOURS_BACP}, 90, 3), [45, c.GRP_HOURS_KIND_GROUP])
            with self.assertRaises(TypeError):
                c.grp_hours_rule_set(s, gid, {"mode": 1, "colour": 2})
            with self.assertRaises(libgrp.InvalidError):
                c.grp_hours_rule_set(s, gid, None)
            self.assertEqual(c.grp_hours_totals_get(s, pid, None, None),
                             {"entries": 0, "minutes": 0, "credited": 0, "credited_signed": 0, "individual": 0,
                              "group": 0})
            with self.assertRaises(TypeError):
                c.grp_ical_export_group(s, gid, {"dtstamp": "now"})
            fid = c.grp_feedback_form_create(s, "F", ("a", "b"))
            self.assertEqual(c.grp_feedback_form_item_count(c.grp_feedback_form_get(s, fid)), 2)
            self.assertIsNone(c.grp_feedback_form_item(c.grp_feedback_form_get(s, fid), 2))
            with self.assertRaises(libgrp.InvalidError):
                c.grp_feedback_form_create(s, "F", None)
            with self.assertRaises(TypeError):
                c.grp_feedback_form_create(s, "F", "ab")
            with self.assertRaises(TypeError):
                c.grp_feedback_form_create(s, "F", ["a", None])
            actor = c.grp_actor_person(pid)
            sid = c.grp_session_add(s, gid, DT(2026, 1, 6, 14), 60)
            ics = c.grp_ical_export_group(s, gid, {"dtstamp": 86400, "uid_domain": "example.org"})
            self.assertIn("\r\nDTSTAMP:19700102T000000Z\r\n", ics)
            self.assertIn(f"\r\nUID:grp-{gid}-session-{sid}@example.org\r\n", ics)
            with self.assertRaises(TypeError):
                c.grp_feedback_submit(s, actor, sid, {"ratings": "5555"})
            with self.assertRaises(TypeError):
                c.grp_feedback_submit(s, actor, sid, {"ratings": [5, 5.0, 5, 5]})
            with self.assertRaises(OverflowError):
                c.grp_feedback_submit(s, actor, sid, {"ratings": [5, 2 ** 40, 5, 5]})
            with self.assertRaises(libgrp.InvalidError):
                c.grp_feedback_submit(s, actor, sid, {"ratings": [5, 5, 5, 5], "anonymous": 2})
            with self.assertRaises(libgrp.InvalidError):
                c.grp_feedback_submit(s, actor, sid, None)
            c.grp_feedback_submit(s, actor, sid, {"ratings": (5, 4, 3, 2), "text": "t"})
            r = c.grp_feedback_response_iterator_next(c.grp_feedback_response_iterator_new(s, actor, sid))
            self.assertEqual([c.grp_feedback_response_rating(r, i) for i in range(5)], [5, 4, 3, 2, -1])
            with self.assertRaises(libgrp.InvalidError):
                c.grp_feedback_summary_get(s, actor, {"group_id": gid, "org_id": oid})
            with self.assertRaises(TypeError):
                c.grp_feedback_summary_get(s, actor, {"group": gid})
            goal_id = c.grp_goal_create(s, actor, {"owner_id": pid, "title": "G", "target_date": D(2026, 2, 1),
                                                   "visibility": c.GRP_VISIBLE_GROUP})
            g = c.grp_goal_get(s, actor, goal_id)
            self.assertEqual((c.grp_goal_title(g), c.grp_goal_target_date(g), c.grp_goal_percent(g)),
                             ("G", D(2026, 2, 1), -1))
            self.assertEqual((c.grp_goal_step_id(g, 0), c.grp_goal_step_title(g, 0), c.grp_goal_step_due(g, 0),
                              c.grp_goal_step_done(g, 0)), (0, None, None, False))  # out of range
            it = c.grp_goal_iterator_new(s, actor, {"statuses": 1 << c.GRP_GOAL_DRAFT})
            self.assertEqual(c.grp_goal_id(c.grp_goal_iterator_next(it)), goal_id)
            self.assertIsNone(c.grp_goal_iterator_next(it))
            with self.assertRaises(libgrp.InvalidError):
                c.grp_goal_iterator_new(s, actor, {"statuses": 1 << 9})
            with self.assertRaises(libgrp.InvalidError):  # the C check of a NULL spec
                c.grp_goal_create(s, actor, None)
        finally:
            c.grp_store_close(s)

    def test_names_of_new_enum_values(self):
        self.assertEqual(c.grp_visibility_name(c.GRP_VISIBLE_FACILITATORS), "facilitators")
        self.assertIsNone(c.grp_visibility_name(5))
        self.assertEqual(c.grp_goal_status_name(c.GRP_GOAL_ABANDONED), "abandoned")
        self.assertIsNone(c.grp_goal_status_name(-1))
        self.assertEqual(c.grp_theme_status_name(c.GRP_THEME_RESOLVED), "resolved")
        self.assertIsNone(c.grp_theme_status_name(3))
        self.assertEqual(c.grp_event_kind_name(c.GRP_EVENT_MEMBER_PROMOTED), "member_promoted")
        self.assertIsNone(c.grp_event_kind_name(0))
        self.assertEqual([str(k) for k in libgrp.EventKind][:2], ["member_requested", "member_joined"])


class Handles(unittest.TestCase):
    def test_time_zone_calls(self):
        tz = c.grp_tz_open("Europe/London")
        self.assertEqual(c.grp_tz_name(tz), "Europe/London")
        c.grp_tz_check("Europe/London")
        t = c.grp_tz_local_to_utc(tz, DT(2026, 7, 1, 12))
        self.assertEqual(c.grp_tz_utc_to_local(tz, t), [DT(2026, 7, 1, 12), 3600])
        self.assertEqual(c.grp_tz_offset_at(tz, t), [3600, True, "BST"])
        with self.assertRaises(libgrp.NotFoundError):
            c.grp_tz_check("No/Such_Zone")

    def test_rrule_calls(self):
        r = c.grp_rrule_parse("FREQ=DAILY;COUNT=3")
        self.assertEqual(c.grp_rrule_format(r), "FREQ=DAILY;COUNT=3")
        self.assertEqual((c.grp_rrule_freq(r), c.grp_rrule_interval(r), c.grp_rrule_count(r), c.grp_rrule_wkst(r)),
                         (c.GRP_RRULE_DAILY, 1, 3, 1))
        self.assertEqual(c.grp_rrule_until(r), [c.GRP_RRULE_UNTIL_NONE, None])
        self.assertTrue(c.grp_rrule_equal(r, c.grp_rrule_parse("freq=daily;count=3")))
        it = c.grp_rrule_iterator_new(r, DT(2026, 1, 1, 9), None)
        self.assertEqual([c.grp_rrule_iterator_next(it) for _ in range(4)],
                         [DT(2026, 1, 1, 9), DT(2026, 1, 2, 9), DT(2026, 1, 3, 9), None])
        c.grp_rrule_iterator_seek(it, DT(2026, 1, 3))
        self.assertEqual(c.grp_rrule_iterator_next(it), DT(2026, 1, 3, 9))
        self.assertIsNone(c.grp_rrule_next_after(r, DT(2026, 1, 1, 9), None, DT(2026, 2, 1)))
        self.assertEqual(c.grp_rrule_between(r, DT(2026, 1, 1, 9), None, DT(2026, 1, 1), DT(2026, 12, 31), 0),
                         [DT(2026, 1, 1, 9), DT(2026, 1, 2, 9), DT(2026, 1, 3, 9)])
        self.assertEqual(c.grp_rrule_between(r, DT(2026, 1, 1, 9), None, DT(2027, 1, 1), DT(2027, 12, 31), 0), [])
        with self.assertRaises(TypeError):
            c.grp_rrule_iterator_new(r, DT(2026, 1, 1), "Europe/London")  # a handle, not a name

    def test_handles_are_owned_and_freed(self):
        # 20,000 snapshots made and dropped: each is freed by its destructor
        # (the leak check measures it; here only that nothing crashes).
        s = c.grp_store_open(":memory:", None)
        org = c.grp_org_create(s, "O", "ref")
        for _ in range(20000):
            o = c.grp_org_get(s, c.grp_org_id(org))
            self.assertEqual(c.grp_org_external_ref(o), "ref")
        del o
        c.grp_store_close(s)
        gc.collect()
        self.assertEqual(c.grp_org_name(org), "O")  # a snapshot outlives its store


if __name__ == "__main__":
    unittest.main()
