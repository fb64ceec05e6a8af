"""NDJSON streams (<libgrp/json.h>): export to str, file and callable;
import from str, bytes, file and callable; batches; line-numbered errors;
and exceptions raised by the callables."""

import io
import json
import unittest

import libgrp
from libgrp import JsonExisting, JsonKind
from libgrp import _libgrp as c
from test_json import JsonTest

HEADER = '{"format":"libgrp-ndjson","version":1}'


class Export(JsonTest):
    def test_lines(self):
        text = self.store.export_ndjson(self.system)
        self.assertTrue(text.endswith("\n"))
        lines = text.split("\n")[:-1]
        self.assertEqual(lines[0], HEADER)
        self.assertEqual(json.loads(lines[0]), {"format": "libgrp-ndjson", "version": libgrp.NDJSON_FORMAT_VERSION})
        records = [json.loads(x) for x in lines[1:]]
        self.assertTrue(all(list(r)[0] == "record" for r in records))
        doc = json.loads(self.store.export_json(self.system))
        for kind in JsonKind:
            got = [{k: v for k, v in r.items() if k != "record"} for r in records if r["record"] == str(kind)]
            self.assertEqual(got, doc[str(kind)], str(kind))

    def test_scoped_file_and_stream(self):
        s = self.store
        scoped = s.export_ndjson(self.system, org=self.org2)
        self.assertIn('"Eastgate College"', scoped)
        self.assertNotIn('"Northfield University"', scoped)
        path = self.path("out.ndjson")
        s.export_ndjson_to_file(self.system, path, group=self.group2)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), s.export_ndjson(self.system, group=self.group2))
        pieces = []
        s.export_ndjson_stream(self.system, pieces.append)
        self.assertTrue(all(isinstance(p, bytes) for p in pieces))
        self.assertEqual(b"".join(pieces).decode("utf-8"), s.export_ndjson(self.system))

    def test_errors(self):
        s = self.store
        with self.assertRaises(libgrp.AccessDeniedError):
            s.export_ndjson(libgrp.Actor.person(self.people[0]))
        with self.assertRaises(libgrp.InvalidError):
            s.export_ndjson(self.system, org=self.org, group=self.group)
        with self.assertRaises(libgrp.NotFoundError):
            s.export_ndjson(self.system, org=999)
        with self.assertRaises(TypeError):
            s.export_ndjson_stream(self.system, "not callable")

        def boom(data):
            raise OSError("disk on fire")

        with self.assertRaises(OSError) as cm:
            s.export_ndjson_stream(self.system, boom)
        self.assertIn("disk on fire", str(cm.exception))
        # the store is still usable afterwards
        self.assertEqual(s.export_ndjson(self.system).split("\n")[0], HEADER)


class Import(JsonTest):
    def test_round_trip_forms(self):
        text = self.store.export_ndjson(self.system)
        doc = self.store.export_json(self.system)
        r = self.new.import_ndjson(self.system, text)
        self.assertIsInstance(r, libgrp.NdjsonImportResult)
        self.assertEqual(r.lines, text.count("\n"))
        self.assertEqual(r.committed_lines, r.lines)
        self.assertEqual(r.created[JsonKind.ORGANISATIONS], 2)
        self.assertEqual(r.total_created + r.reused + r.skipped, r.lines - 1)
        self.assertEqual(self.new.export_json(self.system), doc)
        # bytes, a file, a callable: the same store each time
        for how in ("bytes", "file", "stream"):
            with libgrp.open(":memory:") as t:
                if how == "bytes":
                    t.import_ndjson(self.system, text.encode("utf-8"))
                elif how == "file":
                    path = self.path("in.ndjson")
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    t.import_ndjson_file(self.system, path)
                else:
                    t.import_ndjson_stream(self.system, io.BytesIO(text.encode("utf-8")).read)
                self.assertEqual(t.export_json(self.system), doc, how)

    def test_policies_and_batches(self):
        text = self.store.export_ndjson(self.system)
        self.new.import_ndjson(self.system, text)
        with self.assertRaises(libgrp.ExistsError) as cm:
            self.new.import_ndjson(self.system, text)
        self.assertTrue(str(cm.exception).startswith("line 2: $.external_ref"), str(cm.exception))
        r = self.new.import_ndjson(self.system, text, on_existing=JsonExisting.SKIP)
        self.assertGreater(r.skipped, 0)
        r = self.new.import_ndjson(self.system, text, on_existing=JsonExisting.UPDATE)
        self.assertGreater(r.updated, 0)
        with libgrp.open(":memory:") as t:
            r = t.import_ndjson(self.system, text, batch_records=2)
            self.assertEqual(r.committed_lines, r.lines)
            self.assertEqual(t.export_json(self.system), self.store.export_json(self.system))

    def test_errors(self):
        empty = self.new.export_json(self.system)
        cases = [
            ("", libgrp.InvalidError, "line 1: the stream has no header"),
            (HEADER + "\n{]\n", libgrp.ParseError, "line 2: malformed JSON at column 2"),
            ('{"format":"libgrp-ndjson","version":9}\n', libgrp.UnsupportedError, "line 1: $.version"),
            (HEADER + '\n{"record":"people","id":"1"}\n', libgrp.InvalidError, "line 2: $."),
            (HEADER + '\n{"id":"1"}\n', libgrp.InvalidError, "line 2: $.record: missing"),
        ]
        for text, exc, needle in cases:
            with self.assertRaises(exc) as cm:
                self.new.import_ndjson(self.system, text)
            self.assertIn(needle, str(cm.exception), text)
            self.assertEqual(self.new.export_json(self.system), empty)
        with self.assertRaises(libgrp.InvalidError) as cm:
            self.new.import_ndjson(self.system, HEADER + "\n" + "x" * 50 + "\n", max_line_bytes=45)
        self.assertIn("line 2: longer than the limit of 45 bytes", str(cm.exception))
        with self.assertRaises(libgrp.NotFoundError):
            self.new.import_ndjson_file(self.system, self.path("missing.ndjson"))
        with self.assertRaises(TypeError):
            self.new.import_ndjson(self.system, 42)
        with self.assertRaises(libgrp.AccessDeniedError):
            self.store.import_ndjson(libgrp.Actor.person(self.people[0]), HEADER)
        with self.assertRaises(OverflowError):  # as every size argument of the bindings
            self.new.import_ndjson(self.system, HEADER, batch_records=-1)

    def test_reader_exceptions(self):
        text = self.store.export_ndjson(self.system).encode("utf-8")
        empty = self.new.export_json(self.system)
        src = io.BytesIO(text)
        calls = []

        def flaky(size):
            calls.append(size)
            if len(calls) == 2:
                raise ConnectionError("peer went away")
            return src.read(min(size, 100))

        with self.assertRaises(ConnectionError):
            self.new.import_ndjson_stream(self.system, flaky)
        with self.assertRaises(TypeError):
            self.new.import_ndjson_stream(self.system, lambda size: 42)
        with self.assertRaises(ValueError):
            self.new.import_ndjson_stream(self.system, lambda size: b"x" * (size + 1))
        with self.assertRaises(TypeError):
            self.new.import_ndjson_stream(self.system, None)
        self.assertEqual(self.new.export_json(self.system), empty)
        # str pieces are taken as UTF-8
        pieces = iter([HEADER + "\n", ""])
        r = self.new.import_ndjson_stream(self.system, lambda size: next(pieces))
        self.assertEqual(r.lines, 1)

    def test_options_struct(self):
        d = c.grp_ndjson_import_options_init(c.GRP_NDJSON_IMPORT_OPTIONS_VERSION)
        self.assertEqual(d["batch_records"], 0)
        self.assertEqual(d["max_line_bytes"], 0)
        with self.assertRaises(libgrp.InvalidError):
            c.grp_ndjson_import_options_init(99)
        self.assertEqual(libgrp.NDJSON_DEFAULT_MAX_LINE_BYTES, 1024 * 1024)


if __name__ == "__main__":
    unittest.main()
