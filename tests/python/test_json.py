"""Whole-store JSON documents (<libgrp/json.h>): export, import, round trips,
scopes, the policies for existing records, and the errors."""

import json
import os
import pathlib
import unittest

import libgrp
from libgrp import JsonExisting, JsonKind
from libgrp import _libgrp as c
from pysupport import D, GroupTest, TempDirTest

A = libgrp.AttendanceStatus


class JsonTest(GroupTest, TempDirTest):
    def setUp(self):
        GroupTest.setUp(self)
        TempDirTest.setUp(self)
        s = self.store
        jan = self.sessions[0]
        self.attend(jan, self.people[:2])
        s.record_attendance(jan, self.people[2], A.APOLOGIES)
        s.create_goal(self.asha, owner=self.people[0], title="Reflect weekly", group=self.group,
                      target_date=D(2026, 6, 30))
        s.add_note(self.asha, jan, "A note")
        s.raise_theme(self.system, self.group, "Workload")
        # A second organisation and group, for the scoped exports.
        self.org2 = s.create_org("Eastgate College", "EC")
        self.group2 = s.create_group(org=self.org2, name="Other GRP", timezone="UTC", location="Hall B",
                                     status=libgrp.GroupStatus.ACTIVE)
        self.zoe = s.create_person(self.org2, "Zoe", external_ref="z-1")
        s.join(self.group2, self.zoe, D(2026, 1, 1))
        self.new = libgrp.open(":memory:")

    def tearDown(self):
        self.new.close()
        TempDirTest.tearDown(self)
        GroupTest.tearDown(self)


class Export(JsonTest):
    def test_document(self):
        doc = json.loads(self.store.export_json(self.system))
        self.assertEqual((doc["format"], doc["version"]), ("libgrp", libgrp.JSON_FORMAT_VERSION))
        self.assertEqual(list(doc)[2:], [str(k) for k in JsonKind])
        self.assertEqual([o["name"] for o in doc["organisations"]], ["Northfield University", "Eastgate College"])
        self.assertEqual(doc["organisations"][0]["id"], str(self.org.id))  # ids are strings
        self.assertEqual(len(doc["goals"]), 1)
        self.assertEqual(len(doc["notes"]), 1)
        self.assertEqual(len(doc["themes"]), 1)

    def test_deterministic_and_pretty(self):
        s = self.store
        compact = s.export_json(self.system)
        self.assertIsInstance(compact, str)
        self.assertEqual(compact, s.export_json(self.system))
        self.assertNotIn("\n", compact.strip())
        pretty = s.export_json(self.system, pretty=True)
        self.assertIn("\n\t", pretty)
        self.assertEqual(json.loads(pretty), json.loads(compact))

    def test_scopes(self):
        s = self.store
        by_org = json.loads(s.export_json(self.system, org=self.org2))
        self.assertEqual([o["name"] for o in by_org["organisations"]], ["Eastgate College"])
        self.assertEqual([g["name"] for g in by_org["groups"]], ["Other GRP"])
        self.assertEqual([p["display_name"] for p in by_org["people"]], ["Zoe"])
        by_group = json.loads(s.export_json(self.system, group=self.group.id))
        self.assertEqual([g["name"] for g in by_group["groups"]], ["Front-line GRP"])
        self.assertNotIn("Zoe", [p["display_name"] for p in by_group["people"]])
        self.assertEqual(by_group["organisations"][0]["name"], "Northfield University")
        # A scoped document imports on its own.
        r = self.new.import_json(self.system, s.export_json(self.system, group=self.group))
        self.assertEqual(r.created[JsonKind.GROUPS], 1)
        self.assertEqual([g.name for g in self.new.groups()], ["Front-line GRP"])

    def test_scope_errors(self):
        s = self.store
        with self.assertRaises(libgrp.InvalidError):
            s.export_json(self.system, org=self.org, group=self.group)
        with self.assertRaises(libgrp.NotFoundError):
            s.export_json(self.system, group=999)
        with self.assertRaises(libgrp.NotFoundError):
            s.export_json(self.system, org=999)
        with self.assertRaises(TypeError):
            s.export_json(self.system, group="1")
        with self.assertRaises(TypeError):
            s.export_json(self.system, pretty="yes")

    def test_actor(self):
        s = self.store
        for actor in (self.asha, self.facilitator, self.admin):
            with self.assertRaises(libgrp.AccessDeniedError):
                s.export_json(actor)
            with self.assertRaises(libgrp.AccessDeniedError):
                s.import_json(actor, s.export_json(self.system))
        with self.assertRaises(TypeError):
            s.export_json(None)
        with self.assertRaises(TypeError):
            self.new.import_json(None, "{}")
        with self.assertRaises(TypeError):
            s.export_json_to_file(None, self.path("x.json"))
        with self.assertRaises(TypeError):
            self.new.import_json_file(None, self.path("x.json"))

    def test_to_file(self):
        s = self.store
        path = self.path("store.json")
        s.export_json_to_file(self.system, path)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), s.export_json(self.system))
        p2 = pathlib.Path(self.tmp) / "group.json"
        s.export_json_to_file(self.system, p2, group=self.group, pretty=True)
        self.assertEqual(p2.read_text(encoding="utf-8"), s.export_json(self.system, group=self.group, pretty=True))
        with self.assertRaises(libgrp.StorageError):
            s.export_json_to_file(self.system, self.path("no/such/dir.json"))
        with self.assertRaises(TypeError):
            s.export_json_to_file(self.system, b"bytes.json")
        with self.assertRaises(libgrp.AccessDeniedError):
            s.export_json_to_file(self.asha, path)


class Import(JsonTest):
    def test_round_trip(self):
        doc = self.store.export_json(self.system)
        r = self.new.import_json(self.system, doc)
        self.assertIsInstance(r, libgrp.JsonImportResult)
        self.assertEqual(set(r.created), set(JsonKind))
        self.assertTrue(all(isinstance(k, JsonKind) for k in r.created))
        self.assertEqual(r.created[JsonKind.ORGANISATIONS], 2)
        self.assertEqual(r.created[JsonKind.PEOPLE], 7)
        self.assertEqual(r.created[JsonKind.MEMBERSHIPS], 5)
        self.assertEqual(r.created[JsonKind.GOALS], 1)
        self.assertEqual(r.created_by_name()["people"], 7)
        self.assertEqual(r.total_created, sum(r.created.values()))
        self.assertEqual((r.skipped, r.updated), (0, 0))
        # Identical, ids included.
        self.assertEqual(self.new.export_json(self.system), doc)
        self.assertEqual(self.new.get_group(self.group.id).name, "Front-line GRP")
        self.assertEqual(self.new.export_json(self.system, pretty=True), self.store.export_json(self.system,
                                                                                               pretty=True))

    def test_bytes_and_str(self):
        doc = self.store.export_json(self.system)
        r1 = self.new.import_json(self.system, doc.encode("utf-8"))
        again = libgrp.open(":memory:")
        try:
            r2 = again.import_json(self.system, doc)
            self.assertEqual(r1, r2)
            self.assertEqual(again.export_json(self.system), self.new.export_json(self.system))
        finally:
            again.close()
        # Non-ASCII text survives both ways.
        self.store.update_org(self.org, name="Northfield Universität – Ωmega")
        doc = self.store.export_json(self.system, org=self.org)
        for text in (doc, doc.encode("utf-8")):
            fresh = libgrp.open(":memory:")
            try:
                fresh.import_json(self.system, text)
                self.assertEqual(fresh.get_org(self.org.id).name, "Northfield Universität – Ωmega")
            finally:
                fresh.close()

    def test_non_utf8_refused(self):
        doc = self.store.export_json(self.system).encode("utf-8")
        bad = doc.replace(b"Northfield", b"North\xfffield", 1)
        self.assertNotEqual(bad, doc)
        with self.assertRaises((libgrp.ParseError, libgrp.InvalidError)) as cm:
            self.new.import_json(self.system, bad)
        self.assertIsInstance(cm.exception, libgrp.Error)
        with self.assertRaises(libgrp.ParseError):
            self.new.import_json(self.system, b"\xff\xfe{}")
        with self.assertRaises((libgrp.ParseError, libgrp.InvalidError)):
            self.new.import_json(self.system, doc[:100] + b"\x00" + doc[100:])  # an embedded NUL
        with self.assertRaises(ValueError):  # a lone surrogate cannot be UTF-8
            self.new.import_json(self.system, '{"format": "\ud800"}')
        self.assertEqual(list(self.new.orgs()), [])  # nothing written
        self.new.import_json(self.system, doc)  # still usable

    def test_wrong_types(self):
        for text in (None, 42, bytearray(b"{}"), ["{}"]):
            with self.assertRaises(TypeError):
                self.new.import_json(self.system, text)
        with self.assertRaises(TypeError):
            self.new.import_json(self.system, "{}", on_existing="skip")
        with self.assertRaises(TypeError):
            self.new.import_json(self.system, "{}", max_bytes=1.5)

    def test_on_existing(self):
        doc = self.store.export_json(self.system, org=self.org2)
        self.new.import_json(self.system, doc)
        before = self.new.export_json(self.system)
        # fail (the default): nothing written
        with self.assertRaises(libgrp.ExistsError) as cm:
            self.new.import_json(self.system, doc)
        self.assertIn("$.organisations[0].external_ref", str(cm.exception))
        with self.assertRaises(libgrp.ExistsError):
            self.new.import_json(self.system, doc, on_existing=JsonExisting.FAIL)
        self.assertEqual(self.new.export_json(self.system), before)
        # skip: the stored organisation and person are kept and referred to
        changed = json.loads(doc)
        changed["organisations"][0]["name"] = "Eastgate College (renamed)"
        changed["people"][0]["display_name"] = "Zoe R."
        r = self.new.import_json(self.system, json.dumps(changed), on_existing=JsonExisting.SKIP)
        self.assertEqual((r.skipped, r.updated), (2, 0))
        self.assertEqual(r.created[JsonKind.ORGANISATIONS], 0)
        self.assertEqual(r.created[JsonKind.PEOPLE], 0)
        self.assertEqual(r.created[JsonKind.GROUPS], 1)
        self.assertEqual([o.name for o in self.new.orgs()], ["Eastgate College"])
        self.assertEqual(self.new.find_person(self.new.find_org("EC"), "z-1").display_name, "Zoe")
        # update: overwritten with the document's fields
        r = self.new.import_json(self.system, json.dumps(changed), on_existing=JsonExisting.UPDATE)
        self.assertEqual((r.skipped, r.updated), (0, 2))
        self.assertEqual([o.name for o in self.new.orgs()], ["Eastgate College (renamed)"])
        self.assertEqual(self.new.find_person(self.new.find_org("EC"), "z-1").display_name, "Zoe R.")
        # an unknown policy is the library's to refuse
        with self.assertRaises(libgrp.InvalidError):
            self.new.import_json(self.system, doc, on_existing=7)

    def test_errors(self):
        n = self.new
        with self.assertRaises(libgrp.ParseError) as cm:
            n.import_json(self.system, '{"format": "libgrp", ')
        self.assertIn("line 1", str(cm.exception))
        doc = json.loads(self.store.export_json(self.system))
        doc["memberships"][0]["person"] = "9999"
        with self.assertRaises(libgrp.InvalidError) as cm:
            n.import_json(self.system, json.dumps(doc))
        self.assertIn("$.memberships[0].person", str(cm.exception))
        self.assertIn("9999", str(cm.exception))
        doc = json.loads(self.store.export_json(self.system))
        doc["groups"][0]["name"] = 12
        with self.assertRaises(libgrp.InvalidError) as cm:
            n.import_json(self.system, json.dumps(doc))
        self.assertIn("$.groups[0].name", str(cm.exception))
        doc = json.loads(self.store.export_json(self.system))
        doc["version"] = 2
        with self.assertRaises(libgrp.UnsupportedError) as cm:
            n.import_json(self.system, json.dumps(doc))
        self.assertIn("$.version", str(cm.exception))
        with self.assertRaises(libgrp.InvalidError):
            n.import_json(self.system, '{"format": "other", "version": 1}')
        self.assertEqual(list(n.orgs()), [])  # all or nothing

    def test_limits(self):
        doc = self.store.export_json(self.system)
        with self.assertRaises(libgrp.InvalidError):
            self.new.import_json(self.system, doc, max_bytes=len(doc) - 1)
        deep = "[" * (libgrp.JSON_MAX_DEPTH + 1) + "]" * (libgrp.JSON_MAX_DEPTH + 1)
        with self.assertRaises((libgrp.InvalidError, libgrp.ParseError)):
            self.new.import_json(self.system, '{"format": "libgrp", "version": 1, "x": ' + deep + "}")
        self.assertEqual(libgrp.JSON_DEFAULT_MAX_BYTES, 64 * 1024 * 1024)
        r = self.new.import_json(self.system, doc, max_bytes=len(doc))
        self.assertEqual(r.created[JsonKind.ORGANISATIONS], 2)
        # one record over 1 MiB is refused, in a document under the limit
        self.assertEqual(libgrp.JSON_MAX_RECORD_BYTES, 1024 * 1024)
        big = {"format": "libgrp", "version": 1, "organisations": [
            {"id": "1", "name": "x" * libgrp.JSON_MAX_RECORD_BYTES, "external_ref": None, "archived": False}]}
        with self.assertRaises(libgrp.InvalidError) as cm:
            self.new.import_json(self.system, json.dumps(big))
        self.assertIn("$.organisations[0]: longer than the limit of 1048576 bytes for one record", str(cm.exception))

    def test_any_order(self):
        # the arrays of a document may come in any order (written kind by kind)
        doc = json.loads(self.store.export_json(self.system))
        reordered = json.dumps(dict(reversed(list(doc.items()))))
        self.assertTrue(reordered.startswith('{"themes"'))
        self.new.import_json(self.system, reordered)
        self.assertEqual(self.new.export_json(self.system), self.store.export_json(self.system))

    def test_file(self):
        path = self.path("store.json")
        self.store.export_json_to_file(self.system, path)
        r = self.new.import_json_file(self.system, pathlib.Path(path))
        self.assertEqual(r.created[JsonKind.PEOPLE], 7)
        self.assertEqual(self.new.export_json(self.system), self.store.export_json(self.system))
        with self.assertRaises(libgrp.ExistsError):
            self.new.import_json_file(self.system, path)
        r = self.new.import_json_file(self.system, path, on_existing=JsonExisting.SKIP)
        self.assertEqual(r.skipped, 3)  # both organisations, and Zoe (the one person with an external_ref)
        with self.assertRaises(libgrp.InvalidError):
            self.new.import_json_file(self.system, path, on_existing=JsonExisting.SKIP, max_bytes=10)
        with self.assertRaises(libgrp.NotFoundError):
            self.new.import_json_file(self.system, self.path("missing.json"))
        with self.assertRaises(libgrp.AccessDeniedError):
            self.new.import_json_file(self.asha, path)
        with self.assertRaises(TypeError):
            self.new.import_json_file(self.system, os.fsencode(path))


class Enums(unittest.TestCase):
    def test_values_from_c(self):
        self.assertEqual(int(JsonExisting.FAIL), c.GRP_JSON_EXISTING_FAIL)
        self.assertEqual(int(JsonExisting.UPDATE), c.GRP_JSON_EXISTING_UPDATE)
        self.assertEqual(len(JsonKind), c.GRP_JSON_KIND_COUNT)
        self.assertEqual([int(k) for k in JsonKind], list(range(c.GRP_JSON_KIND_COUNT)))
        self.assertEqual(str(JsonKind.MEMBERSHIPS), "memberships")
        self.assertEqual(str(JsonKind.HOURS_ENTRIES), "hours_entries")
        self.assertEqual(f"{JsonKind.ORG_ADMINS}", "org_admins")
        self.assertEqual(str(JsonExisting.SKIP), "skip")
        self.assertEqual(c.grp_json_kind_name(c.GRP_JSON_PEOPLE), "people")
        self.assertIsNone(c.grp_json_kind_name(c.GRP_JSON_KIND_COUNT))
        self.assertIsNone(c.grp_json_kind_name(-1))


class LowLevel(unittest.TestCase):
    """The option dicts and the result dict of the extension."""

    def test_init_functions(self):
        self.assertEqual(c.grp_json_export_options_init(c.GRP_JSON_EXPORT_OPTIONS_VERSION),
                         {"version": 1, "org_id": 0, "group_id": 0, "pretty": 0})
        self.assertEqual(c.grp_json_import_options_init(c.GRP_JSON_IMPORT_OPTIONS_VERSION),
                         {"version": 1, "on_existing": c.GRP_JSON_EXISTING_FAIL, "max_bytes": 0})
        for init in (c.grp_json_export_options_init, c.grp_json_import_options_init):
            with self.assertRaises(libgrp.InvalidError):
                init(99)

    def test_calls(self):
        s = c.grp_store_open(":memory:", None)
        try:
            system = c.grp_actor_system()
            c.grp_org_create(s, "O", "o-1")
            doc = c.grp_json_export(s, system, None)
            self.assertEqual(doc, c.grp_json_export(s, system, {"pretty": 0}))
            self.assertNotEqual(doc, c.grp_json_export(s, system, {"pretty": 1}))
            with self.assertRaises(TypeError):
                c.grp_json_export(s, system, {"colour": 1})
            with self.assertRaises(libgrp.InvalidError):
                c.grp_json_export(s, None, None)  # NULL actor: the C check
            with self.assertRaises(libgrp.InvalidError):
                c.grp_json_export(s, system, {"version": 9})
            result = c.grp_json_import(s, system, doc, {"on_existing": c.GRP_JSON_EXISTING_SKIP})
            self.assertEqual(result["version"], c.GRP_JSON_IMPORT_RESULT_VERSION)
            self.assertEqual(len(result["created"]), c.GRP_JSON_KIND_COUNT)
            self.assertEqual((result["skipped"], result["updated"]), (1, 0))
            with self.assertRaises(libgrp.InvalidError):
                c.grp_json_import(s, system, None, None)  # NULL text
            with self.assertRaises(TypeError):
                c.grp_json_import(s, system, bytearray(b"{}"), None)
            with self.assertRaises(OverflowError):
                c.grp_json_import(s, system, doc, {"max_bytes": -1})
            with self.assertRaises(TypeError):
                c.grp_json_import(s, system, doc, {"max_bytes": "1"})
        finally:
            c.grp_store_close(s)


if __name__ == "__main__":
    unittest.main()
