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
